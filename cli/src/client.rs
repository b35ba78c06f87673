//! The client side: `jfork run` (connect or start a master, send the request with the
//! terminal's fds, forward signals, exit with the child's status), `jfork status` and
//! `jfork stop`.

use std::io::{self, Read, Write};
use std::os::fd::{AsFd, AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use nix::sys::signal::{SigSet, SigmaskHow, Signal, sigprocmask};
use nix::sys::signalfd::{SfdFlags, SignalFd};

use crate::launch::Launch;
use crate::protocol::{
    ExitReport, FrameReader, Message, RunRequest, SignalFrame, StatusReport, send_with_fds,
};
use crate::socket;

/// The signals `jfork run` passes on to its child.
pub const FORWARDED_SIGNALS: [Signal; 3] = [Signal::SIGINT, Signal::SIGTERM, Signal::SIGHUP];

/// How long `run` waits for a master it started to answer.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// Options `jfork run` reads before the java options.
#[derive(Debug, Default)]
struct RunOptions {
    socket: Option<String>,
    no_daemon: bool,
    limit: Option<String>,
}

fn run_options(args: &[String]) -> Result<(RunOptions, &[String])> {
    let mut options = RunOptions::default();
    let mut rest = args;
    loop {
        match rest {
            [flag, value, tail @ ..] if flag == "--socket" => {
                options.socket = Some(value.clone());
                rest = tail;
            }
            [flag, value, tail @ ..] if flag == "--limit" => {
                options.limit = Some(value.clone());
                rest = tail;
            }
            [flag, tail @ ..] if flag == "--no-daemon" => {
                options.no_daemon = true;
                rest = tail;
            }
            [flag] if flag == "--socket" || flag == "--limit" => bail!("{flag} needs a value"),
            _ => return Ok((options, rest)),
        }
    }
}

/// Runs `jfork run`.
pub fn run(args: &[String]) -> Result<ExitCode> {
    let (options, java_args) = run_options(args)?;
    if let Some(limit) = &options.limit {
        jfork_resctl::LimitSpec::parse(limit).with_context(|| format!("--limit {limit}"))?;
    }
    let launch = match Launch::parse(java_args) {
        Ok(launch) => launch,
        Err(e) => {
            eprint!("{}", e.java_stderr());
            return Ok(ExitCode::from(1));
        }
    };
    let socket = socket::socket_path(options.socket.as_deref());
    let cwd = std::env::current_dir().context("cannot read the working directory")?;
    let stream = if options.no_daemon {
        connect(&socket)?
    } else {
        // A master started for this request boots with its class path, so that this run
        // and the next ones with the same class path take the fast path.
        let class_path = launch.effective_class_path(std::env::var("CLASSPATH").ok().as_deref());
        let entries = crate::launch::absolute_class_path(&class_path, &cwd);
        connect_or_start(&socket, &crate::launch::join_class_path(&entries))?
    };
    let request = RunRequest {
        launch,
        cwd: cwd.to_string_lossy().into_owned(),
        env: std::env::vars_os()
            .map(|(k, v)| {
                (
                    k.to_string_lossy().into_owned(),
                    v.to_string_lossy().into_owned(),
                )
            })
            .collect(),
        limit: options.limit,
    };
    let report = run_request(&stream, &request)?;
    if report.limit {
        eprintln!("jfork: {}", report.cause);
    }
    Ok(ExitCode::from(report.code.clamp(0, 255) as u8))
}

/// Connects to the master at `socket`.
pub fn connect(socket: &Path) -> Result<UnixStream> {
    UnixStream::connect(socket).with_context(|| {
        format!(
            "no master answers on {} (start one with `jfork master`)",
            socket.display()
        )
    })
}

/// Connects, starting a master (with application class path `class_path`) in the
/// background first when none answers.
fn connect_or_start(socket: &Path, class_path: &str) -> Result<UnixStream> {
    if let Ok(stream) = UnixStream::connect(socket) {
        return Ok(stream);
    }
    let exe = std::env::current_exe().context("cannot find the jfork executable")?;
    // `jfork master` returns once its socket listens (or failed, saying why on stderr).
    let status = Command::new(exe)
        .arg("master")
        .arg("--socket")
        .arg(socket)
        .arg("-cp")
        .arg(class_path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .context("cannot start a master")?;
    // Another client may have started one at the same moment; keep trying either way.
    let start = Instant::now();
    loop {
        match UnixStream::connect(socket) {
            Ok(stream) => return Ok(stream),
            Err(e)
                if start.elapsed() > START_TIMEOUT
                    || (!status.success() && start.elapsed() > Duration::from_secs(2)) =>
            {
                bail!(
                    "started a master on {} ({status}) but it does not answer: {e}",
                    socket.display()
                )
            }
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// Sends `request` with this process's stdin, stdout and stderr, forwards SIGINT, SIGTERM
/// and SIGHUP to the child while it runs, and returns how it ended.
pub fn run_request(stream: &UnixStream, request: &RunRequest) -> Result<ExitReport> {
    // A closed stdio slot (`jfork run X <&-`) is passed on as /dev/null.
    let null = std::fs::File::options()
        .read(true)
        .write(true)
        .open("/dev/null")
        .context("cannot open /dev/null")?;
    let stdio = [0, 1, 2].map(|fd| {
        // SAFETY: F_GETFD only asks whether the fd is open.
        if unsafe { libc::fcntl(fd, libc::F_GETFD) } == -1 {
            null.as_raw_fd()
        } else {
            fd
        }
    });
    run_request_with_stdio(stream, request, stdio)
}

/// [`run_request`] with other fds as the child's stdin, stdout and stderr.
pub fn run_request_with_stdio(
    stream: &UnixStream,
    request: &RunRequest,
    stdio: [RawFd; 3],
) -> Result<ExitReport> {
    // Block the forwarded signals and read them from a signalfd, so that neither the
    // signal nor the reply can be missed between two checks.
    let mut mask = SigSet::empty();
    for s in FORWARDED_SIGNALS {
        mask.add(s);
    }
    let mut old = SigSet::empty();
    sigprocmask(SigmaskHow::SIG_BLOCK, Some(&mask), Some(&mut old)).context("sigprocmask")?;
    let result = exchange(stream, request, &mask, stdio);
    let _ = sigprocmask(SigmaskHow::SIG_SETMASK, Some(&old), None);
    result
}

fn exchange(
    stream: &UnixStream,
    request: &RunRequest,
    mask: &SigSet,
    stdio: [RawFd; 3],
) -> Result<ExitReport> {
    let signals = SignalFd::with_flags(mask, SfdFlags::SFD_NONBLOCK | SfdFlags::SFD_CLOEXEC)
        .context("signalfd")?;
    // A master that refuses the client outright (its uid) may have closed the connection
    // already: read its reason before reporting the failed send.
    let sent = send_with_fds(
        stream.as_fd(),
        &Message::Run(request.clone()).encode(),
        &stdio,
    );
    let mut reader = FrameReader::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        while let Some(message) = reader.next_message().context("bad reply from the master")? {
            match message {
                Message::Accepted { .. } => {}
                Message::Exit(report) => return Ok(report),
                Message::Refused { reason } => bail!("the master refused the request: {reason}"),
                Message::Error { message } => {
                    bail!("the master reported a protocol error: {message}")
                }
                other => bail!(
                    "unexpected reply from the master: frame kind {}",
                    other.kind()
                ),
            }
        }
        let mut fds = [
            libc::pollfd {
                fd: stream.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: signals.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        // SAFETY: two live pollfd structures.
        unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) };
        if fds[1].revents != 0 {
            // The master reads frames in order, so a signal always follows the request: it
            // reaches the running child, or cancels a request still waiting for a slot.
            while let Ok(Some(info)) = signals.read_signal() {
                let frame = Message::Signal(SignalFrame {
                    signal: info.ssi_signo as i32,
                })
                .encode();
                send_with_fds(stream.as_fd(), &frame, &[]).context("cannot forward a signal")?;
            }
        }
        if fds[0].revents != 0 {
            let n = match (&*stream).read(&mut buf) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    sent.context("cannot send the request to the master")?;
                    return Err(e).context("cannot read from the master");
                }
            };
            if n == 0 {
                sent.context("cannot send the request to the master")?;
                bail!("the master closed the connection without reporting the child's exit");
            }
            reader.push(&buf[..n]);
        }
    }
}

/// Sends one request without fds and reads replies until the master closes.
fn ask(socket: &Path, message: &Message) -> Result<Vec<Message>> {
    let mut stream = connect(socket)?;
    // A master that refuses this uid may close before the write: read its reason first.
    let sent = stream.write_all(&message.encode());
    let mut reader = FrameReader::new();
    let mut replies = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = match stream.read(&mut buf) {
            Ok(n) => n,
            Err(e) if replies.is_empty() => {
                sent.context("cannot send to the master")?;
                return Err(e).context("cannot read from the master");
            }
            Err(_) => 0,
        };
        if n == 0 {
            if replies.is_empty() {
                sent.context("cannot send to the master")?;
            }
            return Ok(replies);
        }
        reader.push(&buf[..n]);
        while let Some(m) = reader.next_message().context("bad reply from the master")? {
            replies.push(m);
        }
    }
}

fn socket_option(args: &[String], command: &str, flags: &[&str]) -> Result<(PathBuf, Vec<String>)> {
    let mut socket = None;
    let mut seen = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--socket" => socket = Some(args.next().context("--socket needs a value")?.clone()),
            f if flags.contains(&f) => seen.push(f.to_string()),
            other => bail!(
                "{command}: unknown option `{other}` (options: --socket PATH {})",
                flags.join(" ")
            ),
        }
    }
    Ok((socket::socket_path(socket.as_deref()), seen))
}

/// Asks the master at `socket` for its status.
pub fn query_status(socket: &Path) -> Result<StatusReport> {
    for reply in ask(socket, &Message::Status)? {
        match reply {
            Message::StatusReply(report) => return Ok(report),
            Message::Error { message } | Message::Refused { reason: message } => {
                bail!("the master refused: {message}")
            }
            _ => {}
        }
    }
    bail!("the master closed the connection without a status")
}

/// Runs `jfork status [--socket PATH] [--json]`.
pub fn status(args: &[String]) -> Result<ExitCode> {
    let (socket, flags) = socket_option(args, "status", &["--json"])?;
    let report = query_status(&socket)?;
    let mut out = io::stdout().lock();
    if flags.iter().any(|f| f == "--json") {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
    writeln!(
        out,
        "master:    pid {} on {}{}",
        report.pid,
        socket.display(),
        if report.draining { " (stopping)" } else { "" }
    )?;
    writeln!(out, "uptime:    {:.1} s", report.uptime_ms as f64 / 1000.0)?;
    writeln!(out, "preloaded: {} classes", report.preloaded_classes)?;
    if let Some(m) = report.memory {
        writeln!(
            out,
            "memory:    {:.1} MiB rss, {:.1} MiB pss",
            mib(m.rss),
            mib(m.pss)
        )?;
    }
    writeln!(out, "runner:    {}", report.runner)?;
    let s = report.startup;
    if let (Some(p50), Some(p99)) = (s.p50_us, s.p99_us) {
        writeln!(
            out,
            "start-up:  request -> main {p50} us median, {p99} us p99 (last {} children)",
            s.count
        )?;
    }
    writeln!(
        out,
        "children:  {} running (max {}), {} waiting",
        report.children.len(),
        report.max_children,
        report.queued
    )?;
    if !report.children.is_empty() {
        writeln!(
            out,
            "{:>8} {:>6} {:>9} {:>9} {:>10} {:>10}  MAIN",
            "PID", "UID", "AGE", "CPU", "RSS", "PSS"
        )?;
        for c in &report.children {
            let (rss, pss) = c.memory.map_or((0.0, 0.0), |m| (mib(m.rss), mib(m.pss)));
            writeln!(
                out,
                "{:>8} {:>6} {:>8.1}s {:>8.2}s {:>7.1}MiB {:>7.1}MiB  {}",
                c.pid,
                c.client_uid,
                c.age_ms as f64 / 1000.0,
                c.cpu_ms as f64 / 1000.0,
                rss,
                pss,
                c.main
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `jfork stop [--socket PATH]`: returns once the master has exited.
pub fn stop(args: &[String]) -> Result<ExitCode> {
    let (socket, _) = socket_option(args, "stop", &[])?;
    for reply in ask(&socket, &Message::Stop)? {
        match reply {
            Message::Stopping { pid, children } => {
                eprintln!("jfork: master {pid} stopping ({children} children running)");
            }
            Message::Error { message } | Message::Refused { reason: message } => {
                bail!("the master refused: {message}")
            }
            _ => {}
        }
    }
    Ok(ExitCode::SUCCESS)
}
