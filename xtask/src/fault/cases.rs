//! The requests the fault suite sends: well-formed runs of the fault programs (each with the
//! exit status, cause and output HotSpot's behaviour and the limit imply) and hostile
//! clients.

use std::fs::File;
use std::io::Read;
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::proc_info;
use super::wire::{self, Conn, kind};

/// What the client gives the child as stdin.
#[derive(Clone, Copy)]
pub enum Stdin {
    /// `/dev/null`.
    Null,
    /// A pipe whose write end the client has closed.
    ClosedPipe,
}

/// What the client gives the child as stdout.
#[derive(Clone, Copy)]
pub enum Stdout {
    /// A file, read back and compared.
    File,
    /// A pipe whose read end the client has closed (writes fail with `EPIPE`).
    ClosedPipe,
}

/// What the client does once the child runs.
#[derive(Clone, Copy)]
pub enum Action {
    /// Waits for the exit report.
    Wait,
    /// Sends `SIGNAL {signal}` after a pause, then waits for the exit report.
    Signal(i32, Duration),
    /// Closes the connection after a pause; the child must not outlive it.
    Disconnect(Duration),
}

/// The exit report and output a well-formed request must get.
pub struct Expect {
    pub code: i32,
    pub signal: Option<i32>,
    pub cause: String,
    pub limit: bool,
    /// The child's stdout, exactly (`None`: not checked).
    pub stdout: Option<String>,
    /// The start of its stderr (`None`: not checked).
    pub stderr_prefix: Option<&'static str>,
}

/// A well-formed run request.
pub struct RunCase {
    pub main: &'static str,
    pub args: Vec<String>,
    pub max_heap: Option<u64>,
    pub limit: Option<&'static str>,
    pub stdin: Stdin,
    pub stdout: Stdout,
    pub action: Action,
    /// `None` for `Action::Disconnect`, where there is no report.
    pub expect: Option<Expect>,
}

/// One request of the mix.
pub enum Case {
    Run(RunCase),
    /// Connects and sends nothing for a while, then closes.
    Silent,
    /// Bytes that are not a frame: must get `ERROR`.
    Garbage,
    /// Another protocol version: must get `ERROR` naming it.
    WrongVersion,
    /// A header announcing more than the cap: must get `ERROR` before any payload.
    Oversized,
    /// A header and part of the payload, then the write side shut: the master closes.
    Truncated,
    /// A run request whose JSON is broken: must get `ERROR`.
    BadJson,
    /// A well-formed run request without its three fds: `ERROR` or `REFUSED`.
    RunWithoutFds,
    /// A status query: must get the master's status.
    Status,
}

fn exited(code: i32) -> String {
    format!("exited with code {code}")
}

fn run(main: &'static str, args: &[&str], expect: Expect) -> RunCase {
    RunCase {
        main,
        args: args.iter().map(|a| a.to_string()).collect(),
        max_heap: None,
        limit: None,
        stdin: Stdin::Null,
        stdout: Stdout::File,
        action: Action::Wait,
        expect: Some(expect),
    }
}

fn ends(code: i32, stdout: &str, stderr_prefix: Option<&'static str>) -> Expect {
    Expect {
        code,
        signal: None,
        cause: exited(code),
        limit: false,
        stdout: Some(stdout.to_string()),
        stderr_prefix,
    }
}

fn killed(signal: i32, cause: &str, limit: bool) -> Expect {
    Expect {
        code: 128 + signal,
        signal: Some(signal),
        cause: cause.to_string(),
        limit,
        stdout: None,
        stderr_prefix: None,
    }
}

/// The case of the `n`-th request: a deterministic cycle over the mix, weighted toward the
/// cheap cases (each limit case costs about a second of CPU).
pub fn case(n: usize) -> Case {
    const CYCLE: usize = 40;
    let exit_code = 2 + (n / CYCLE % 120) as i32;
    match n % CYCLE {
        0 | 10 | 20 | 30 => Case::Run(run("FaultOk", &[], ends(0, "ok 332833500\n", Some("")))),
        1 | 11 | 21 | 31 => {
            let code = exit_code.to_string();
            Case::Run(run(
                "FaultExit",
                &[&code],
                ends(exit_code, &format!("exit {exit_code}\n"), Some("")),
            ))
        }
        2 | 12 | 22 => Case::Run(run(
            "FaultThrow",
            &[],
            ends(
                1,
                "throwing\n",
                Some(
                    "Exception in thread \"main\" java.lang.IllegalStateException: fault \
                     injected\n\tat FaultThrow.deeper(FaultThrow.java:5)\n",
                ),
            ),
        )),
        3 | 13 => Case::Run(run(
            "FaultRecurse",
            &[],
            ends(0, "caught StackOverflowError: true\n", Some("")),
        )),
        4 => Case::Run(run(
            "FaultRecurse",
            &["uncaught"],
            ends(
                1,
                "caught StackOverflowError: true\n",
                Some("Exception in thread \"main\" java.lang.StackOverflowError\n"),
            ),
        )),
        5 | 25 => Case::Run(RunCase {
            max_heap: Some(32 << 20),
            ..run(
                "FaultAlloc",
                &[],
                ends(
                    1,
                    "",
                    Some(
                        "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n",
                    ),
                ),
            )
        }),
        6 => Case::Run(RunCase {
            limit: Some("mem=64M"),
            ..run(
                "FaultAlloc",
                &["touch"],
                killed(9, "memory limit 64 MiB exceeded", true),
            )
        }),
        7 => Case::Run(RunCase {
            limit: Some("cpu=1s"),
            ..run(
                "FaultSpin",
                &[],
                killed(24, "CPU time limit 1 s exceeded", true),
            )
        }),
        8 => Case::Run(RunCase {
            limit: Some("wall=1s"),
            ..run(
                "FaultSpin",
                &[],
                killed(9, "wall-clock limit 1 s exceeded", true),
            )
        }),
        9 | 19 | 29 => Case::Run(RunCase {
            stdin: Stdin::ClosedPipe,
            ..run("FaultStdin", &[], ends(0, "stdin bytes 0\n", Some("")))
        }),
        14 => Case::Run(RunCase {
            stdout: Stdout::ClosedPipe,
            // HotSpot ignores SIGPIPE: the write fails with EPIPE, PrintStream records it.
            ..run(
                "FaultEpipe",
                &[],
                Expect {
                    stdout: None,
                    ..ends(7, "", Some("checkError true\n"))
                },
            )
        }),
        15 => Case::Run(RunCase {
            action: Action::Signal(15, Duration::from_millis(200)),
            ..run(
                "FaultSpin",
                &[],
                killed(15, "killed by signal 15 (SIGTERM)", false),
            )
        }),
        16 => Case::Run(RunCase {
            action: Action::Signal(9, Duration::from_millis(100)),
            ..run(
                "FaultSpin",
                &[],
                killed(9, "killed by signal 9 (SIGKILL)", false),
            )
        }),
        17 | 37 => Case::Run(RunCase {
            action: Action::Disconnect(Duration::from_millis(150)),
            expect: None,
            ..run("FaultSpin", &[], ends(0, "", None))
        }),
        18 => Case::Run(RunCase {
            limit: Some("wall=1s"),
            ..run(
                "FaultSpin",
                &["sleep"],
                killed(9, "wall-clock limit 1 s exceeded", true),
            )
        }),
        23 | 33 => Case::Silent,
        24 | 34 => Case::Garbage,
        26 | 36 => Case::WrongVersion,
        27 => Case::Oversized,
        28 | 38 => Case::Truncated,
        32 => Case::BadJson,
        35 => Case::RunWithoutFds,
        _ => Case::Status,
    }
}

/// A short name for reports.
pub fn name(case: &Case) -> String {
    match case {
        Case::Run(r) => {
            let mut s = r.main.to_string();
            for a in &r.args {
                if a.parse::<i32>().is_err() {
                    s.push(' ');
                    s.push_str(a);
                }
            }
            if let Some(l) = r.limit {
                s.push_str(&format!(" [{l}]"));
            }
            if r.max_heap.is_some() {
                s.push_str(" [-Xmx32m]");
            }
            match r.action {
                Action::Signal(sig, _) => s.push_str(&format!(" [signal {sig}]")),
                Action::Disconnect(_) => s.push_str(" [disconnect]"),
                Action::Wait => {}
            }
            if matches!(r.stdout, Stdout::ClosedPipe) {
                s.push_str(" [closed stdout]");
            }
            if matches!(r.stdin, Stdin::ClosedPipe) {
                s.push_str(" [closed stdin]");
            }
            s
        }
        Case::Silent => "client: connect, send nothing".into(),
        Case::Garbage => "client: garbage bytes".into(),
        Case::WrongVersion => "client: wrong protocol version".into(),
        Case::Oversized => "client: oversized frame".into(),
        Case::Truncated => "client: truncated frame".into(),
        Case::BadJson => "client: bad JSON".into(),
        Case::RunWithoutFds => "client: RUN without fds".into(),
        Case::Status => "client: status".into(),
    }
}

/// Reported bugs that make a case fail today, by case-name prefix: their failures are listed
/// but fail the run only with `--strict`, so CI stays a gate for everything else. Remove an
/// entry with its fix. (None open: the SIGPIPE death and `Thread.sleep` in a master's child
/// are fixed.)
const KNOWN_BUGS: &[(&str, &str)] = &[];

/// The known bug behind case `name`'s failures, if any (see [`KNOWN_BUGS`]).
pub fn known_bug(name: &str) -> Option<&'static str> {
    KNOWN_BUGS
        .iter()
        .find(|(prefix, _)| name.starts_with(prefix))
        .map(|(_, bug)| *bug)
}

/// What one request needs from the suite.
pub struct Env<'a> {
    pub socket: &'a Path,
    pub classes: &'a Path,
    pub work: &'a Path,
    pub master_pid: i32,
    /// Request number, for unique file names.
    pub n: usize,
}

/// How long any single reply may take (a cpu-limited child on two busy cores is slow).
const REPLY_TIMEOUT: Duration = Duration::from_secs(180);

/// Sends one request and checks everything about its answer.
pub fn execute(case: &Case, env: &Env<'_>) -> Result<(), String> {
    match case {
        Case::Run(r) => execute_run(r, env),
        Case::Silent => {
            let conn = connect(env, Duration::from_secs(5))?;
            std::thread::sleep(Duration::from_millis(300));
            drop(conn);
            Ok(())
        }
        Case::Garbage => {
            let mut conn = connect(env, Duration::from_secs(30))?;
            let bytes: Vec<u8> = (0..64u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                .collect();
            let _ = conn.send_raw(&bytes);
            expect_error(&mut conn, "JFRK")
        }
        Case::WrongVersion => {
            let mut conn = connect(env, Duration::from_secs(30))?;
            let _ = conn.send_raw(&wire::frame(7, kind::STATUS, 0, b"{}"));
            expect_error(&mut conn, "protocol version 7 is not supported")
        }
        Case::Oversized => {
            let mut conn = connect(env, Duration::from_secs(30))?;
            let mut head = wire::frame(wire::VERSION, kind::RUN, 0, b"");
            head[8..12].copy_from_slice(&(wire::MAX_PAYLOAD as u32 + 1).to_be_bytes());
            let _ = conn.send_raw(&head);
            expect_error(&mut conn, "")
        }
        Case::Truncated => {
            let mut conn = connect(env, Duration::from_secs(60))?;
            let mut bytes = wire::frame(wire::VERSION, kind::STATUS, 0, &[b' '; 100]);
            bytes.truncate(12 + 40);
            let _ = conn.send_raw(&bytes);
            let _ = conn.stream.shutdown(std::net::Shutdown::Write);
            match conn.recv() {
                Ok(None) => Ok(()),
                Ok(Some((kind::ERROR, _))) => Ok(()),
                Ok(Some((k, v))) => Err(format!("truncated frame answered with kind {k}: {v}")),
                Err(e) => Err(format!("truncated frame: {e}")),
            }
        }
        Case::BadJson => {
            let mut conn = connect(env, Duration::from_secs(30))?;
            let _ = conn.send_raw(&wire::frame(
                wire::VERSION,
                kind::RUN,
                0,
                b"{\"launch\": [1,",
            ));
            expect_error(&mut conn, "")
        }
        Case::RunWithoutFds => {
            let mut conn = connect(env, Duration::from_secs(30))?;
            let body = request_body(&run("FaultOk", &[], ends(0, "", None)), env);
            let _ = conn.send(kind::RUN, &body);
            match conn.recv() {
                Ok(Some((kind::ERROR | kind::REFUSED, _))) => Ok(()),
                Ok(Some((k, v))) => Err(format!("RUN without fds answered with kind {k}: {v}")),
                Ok(None) => Err("RUN without fds: closed without a reason".into()),
                Err(e) => Err(format!("RUN without fds: {e}")),
            }
        }
        Case::Status => {
            let mut conn = connect(env, Duration::from_secs(30))?;
            conn.send(kind::STATUS, &json!({}))
                .map_err(|e| format!("send: {e}"))?;
            match conn.recv() {
                Ok(Some((kind::STATUS_REPLY, v))) if v["pid"] == env.master_pid => Ok(()),
                other => Err(format!("status: {other:?}")),
            }
        }
    }
}

fn connect(env: &Env<'_>, timeout: Duration) -> Result<Conn, String> {
    Conn::connect(env.socket, timeout).map_err(|e| format!("connect: {e}"))
}

fn expect_error(conn: &mut Conn, needle: &str) -> Result<(), String> {
    match conn.recv() {
        Ok(Some((kind::ERROR, v))) => {
            let message = v["message"].as_str().unwrap_or_default();
            if message.contains(needle) {
                Ok(())
            } else {
                Err(format!(
                    "ERROR message {message:?} does not mention {needle:?}"
                ))
            }
        }
        Ok(Some((k, v))) => Err(format!("expected ERROR, got kind {k}: {v}")),
        Ok(None) => Err("expected ERROR, the master closed silently".into()),
        Err(e) => Err(format!("expected ERROR: {e}")),
    }
}

fn request_body(r: &RunCase, env: &Env<'_>) -> Value {
    json!({
        "launch": {
            "class_path": env.classes.to_string_lossy(),
            "main_class": r.main,
            "jar": null,
            "properties": [],
            "max_heap": r.max_heap,
            "stack_size": null,
            "enable_assertions": false,
            "args": r.args,
        },
        "cwd": env.work.to_string_lossy(),
        "env": [["PATH", "/usr/bin:/bin"], ["LANG", "C.UTF-8"]],
        "limit": r.limit,
    })
}

fn pipe() -> Result<(OwnedFd, OwnedFd), String> {
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(format!("pipe: {}", std::io::Error::last_os_error()));
    }
    // SAFETY: both descriptors were just created and are owned by nobody else.
    unsafe {
        use std::os::fd::FromRawFd;
        Ok((OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])))
    }
}

fn execute_run(r: &RunCase, env: &Env<'_>) -> Result<(), String> {
    let io = |what: &str, e: std::io::Error| format!("{what}: {e}");
    let stdin: OwnedFd = match r.stdin {
        Stdin::Null => File::open("/dev/null")
            .map_err(|e| io("/dev/null", e))?
            .into(),
        Stdin::ClosedPipe => pipe()?.0,
    };
    let out_path = env.work.join(format!("out-{}", env.n));
    let err_path = env.work.join(format!("err-{}", env.n));
    let stdout: OwnedFd = match r.stdout {
        Stdout::File => File::create(&out_path).map_err(|e| io("stdout", e))?.into(),
        Stdout::ClosedPipe => pipe()?.1,
    };
    let stderr: OwnedFd = File::create(&err_path).map_err(|e| io("stderr", e))?.into();
    let mut conn = connect(env, REPLY_TIMEOUT)?;
    conn.send_run(
        &request_body(r, env),
        [stdin.as_raw_fd(), stdout.as_raw_fd(), stderr.as_raw_fd()],
    )
    .map_err(|e| io("send RUN", e))?;
    // The child holds its own copies now.
    drop((stdin, stdout, stderr));
    let result = converse(r, env, &mut conn);
    let result = result.and_then(|()| {
        let Some(expect) = &r.expect else {
            return Ok(());
        };
        let out = read(&out_path);
        let err = read(&err_path);
        if let Some(want) = &expect.stdout
            && out != *want
        {
            return Err(format!("stdout {out:?}, expected {want:?}; stderr {err:?}"));
        }
        if let Some(prefix) = expect.stderr_prefix
            && !err.starts_with(prefix)
        {
            let head: String = err.chars().take(400).collect();
            return Err(format!("stderr {head:?} does not start with {prefix:?}"));
        }
        Ok(())
    });
    let _ = std::fs::remove_file(&out_path);
    let _ = std::fs::remove_file(&err_path);
    result
}

fn read(path: &Path) -> String {
    let mut text = String::new();
    if let Ok(mut f) = File::open(path) {
        let _ = f.read_to_string(&mut text);
    }
    text
}

/// ACCEPTED, the client's action, then the exit report and the child's disappearance.
fn converse(r: &RunCase, env: &Env<'_>, conn: &mut Conn) -> Result<(), String> {
    let pid = match conn.recv() {
        Ok(Some((kind::ACCEPTED, v))) => v["pid"].as_i64().unwrap_or(0) as i32,
        other => return Err(format!("expected ACCEPTED, got {other:?}")),
    };
    let start = proc_info::start_time(pid);
    match r.action {
        Action::Wait => {}
        Action::Signal(signal, after) => {
            std::thread::sleep(after);
            conn.send(kind::SIGNAL, &json!({ "signal": signal }))
                .map_err(|e| format!("send SIGNAL: {e}"))?;
        }
        Action::Disconnect(after) => {
            std::thread::sleep(after);
            let _ = conn.stream.shutdown(std::net::Shutdown::Both);
            return gone(pid, start, env, "its client disconnected");
        }
    }
    let report = match conn.recv() {
        Ok(Some((kind::EXIT, v))) => v,
        other => return Err(format!("expected EXIT, got {other:?}")),
    };
    let Some(expect) = &r.expect else {
        return Ok(());
    };
    let got = (
        report["code"].as_i64(),
        report["signal"].as_i64(),
        report["cause"].as_str().unwrap_or_default(),
        report["limit"].as_bool(),
    );
    let want = (
        Some(i64::from(expect.code)),
        expect.signal.map(i64::from),
        expect.cause.as_str(),
        Some(expect.limit),
    );
    if got != want {
        let err: String = read(&env.work.join(format!("err-{}", env.n)))
            .chars()
            .take(300)
            .collect();
        return Err(format!(
            "exit report {report}, expected code {} signal {:?} cause {:?} limit {}; \
             stderr {err:?}",
            expect.code, expect.signal, expect.cause, expect.limit
        ));
    }
    gone(pid, start, env, "its exit was reported")
}

/// The child `pid` (started at `start`) must be gone, reaped, within a few seconds.
fn gone(pid: i32, start: Option<u64>, env: &Env<'_>, when: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = proc_info::stat(pid);
        let same = match (&now, start) {
            (Some(s), Some(t)) => s.start_time == t && s.ppid == env.master_pid,
            _ => false,
        };
        if !same {
            return Ok(());
        }
        if Instant::now() > deadline {
            let state = now.map(|s| s.state).unwrap_or('?');
            return Err(format!(
                "child {pid} (state {state}) still exists 10 s after {when}"
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
