//! End-to-end tests of the master/child lifecycle: a real `jfork master` on a temporary
//! socket, real `jfork run` clients, real fds, limits and signals.
//!
//! The master runs with `JFORK_TEST_RUNNER=script`, which makes each child read its main
//! class as a scripted behaviour (`print:hello+exit:3`; see `jfork::runner::ScriptRunner`)
//! instead of running Java, so that limits, signals, fds and uids are tested on their own
//! (`tests/run_java.rs` runs Java through a booted master).
//!
//! `harness = false`: one test forks and drops to another uid, which needs a
//! single-threaded process. `cargo test -p jfork --test lifecycle [-- NAME...]`.

#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use jfork::protocol::{self, FrameReader, Message};

/// Generous: the machine is shared and may be loaded.
const PATIENCE: Duration = Duration::from_secs(60);

type Outcome = Result<(), String>;

fn jfork() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jfork"));
    cmd.env("JFORK_TEST_RUNNER", "script")
        .env("RUST_LOG", "info")
        .env_remove("XDG_RUNTIME_DIR");
    cmd
}

/// A master on a socket in a private temporary directory, killed when dropped.
struct Master {
    dir: tempfile::TempDir,
    socket: PathBuf,
    process: Option<Child>,
}

impl Master {
    fn start(extra: &[&str]) -> Master {
        let dir = private_tempdir();
        let socket = dir.path().join("jfork.sock");
        let mut master = Master {
            dir,
            socket,
            process: None,
        };
        master.spawn(extra).unwrap();
        master
    }

    fn spawn(&mut self, extra: &[&str]) -> Result<(), String> {
        let log = std::fs::File::create(self.dir.path().join("master.err")).unwrap();
        let process = jfork()
            .args(["master", "--foreground", "--preload", "none", "--socket"])
            .arg(&self.socket)
            .args(extra)
            .env("JFORK_MASTER_ONLY", "must not reach a child")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap();
        self.process = Some(process);
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if UnixStream::connect(&self.socket).is_ok() {
                return Ok(());
            }
            if let Some(status) = self.process.as_mut().unwrap().try_wait().unwrap() {
                return Err(format!("master exited early ({status}): {}", self.log()));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        Err(format!("master did not listen in time: {}", self.log()))
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("master.err")).unwrap_or_default()
    }

    fn pid(&self) -> i32 {
        self.process.as_ref().unwrap().id() as i32
    }

    /// `jfork run --no-daemon --socket S ARGS...`
    fn run(&self, args: &[&str]) -> Command {
        let mut cmd = jfork();
        cmd.args(["run", "--no-daemon", "--socket"])
            .arg(&self.socket)
            .args(args);
        cmd
    }

    fn output(&self, args: &[&str], stdin: &[u8]) -> Output {
        let mut child = self
            .run(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin).unwrap();
        child.wait_with_output().unwrap()
    }

    /// Starts a client whose script first prints a line, and returns it with that line.
    fn started(&self, args: &[&str]) -> (Child, String) {
        let mut child = self
            .run(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        (child, line.trim().to_string())
    }

    fn wait_exit(&mut self) -> std::process::ExitStatus {
        wait_timeout(self.process.as_mut().unwrap()).unwrap()
    }
}

impl Drop for Master {
    fn drop(&mut self) {
        if let Some(p) = &mut self.process {
            let _ = p.kill();
            let _ = p.wait();
        }
    }
}

fn wait_timeout(child: &mut Child) -> Result<std::process::ExitStatus, String> {
    let start = Instant::now();
    while start.elapsed() < PATIENCE {
        if let Some(status) = child.try_wait().unwrap() {
            return Ok(status);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill();
    Err("process did not exit in time".into())
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn check(cond: bool, what: impl FnOnce() -> String) -> Outcome {
    if cond { Ok(()) } else { Err(what()) }
}

fn kill(pid: i32, signal: i32) {
    // SAFETY: kill has no memory effects.
    unsafe { libc::kill(pid, signal) };
}

fn process_gone(pid: i32) -> bool {
    let start = Instant::now();
    while start.elapsed() < PATIENCE {
        match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            Err(_) => return true,
            // A zombie waiting for the master to reap it is gone as far as work goes.
            Ok(stat)
                if stat
                    .rsplit(')')
                    .next()
                    .is_some_and(|r| r.trim_start().starts_with('Z')) =>
            {
                return true;
            }
            Ok(_) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
    false
}

// ---------------------------------------------------------------------------------------

fn output_and_exit_code(m: &Master) -> Outcome {
    let out = m.output(&["print:hello+eprint:oops+exit:3"], b"");
    check(out.status.code() == Some(3), || {
        format!("exit {:?}", out.status)
    })?;
    check(text(&out.stdout) == "hello\n", || {
        format!("stdout {:?}", text(&out.stdout))
    })?;
    check(text(&out.stderr) == "oops\n", || {
        format!("stderr {:?}", text(&out.stderr))
    })?;
    let out = m.output(&["print:crash+kill:11"], b"");
    check(
        out.status.code() == Some(139) && out.stderr.is_empty(),
        || format!("crash: {:?} {:?}", out.status, text(&out.stderr)),
    )?;
    let out = m.output(
        &["-Dgreeting=hi there", "props+args", "one", "two words"],
        b"",
    );
    let stdout = text(&out.stdout);
    let cwd = std::env::current_dir().unwrap();
    let want = format!(
        "user.dir={}\ngreeting=hi there\none\ntwo words\n",
        cwd.display()
    );
    check(out.status.success() && stdout == want, || {
        format!("props/args: {stdout:?}")
    })
}

fn request_cwd_and_environment(m: &Master) -> Outcome {
    let dir = tempfile::tempdir().unwrap();
    let out = m
        .run(&["cwd+env:JFORK_TEST_VALUE+env:JFORK_MASTER_ONLY"])
        .current_dir(dir.path())
        .env("JFORK_TEST_VALUE", "from the client")
        .output()
        .unwrap();
    let want = format!(
        "{}\nfrom the client\n<unset>\n",
        dir.path().canonicalize().unwrap().display()
    );
    check(text(&out.stdout) == want, || {
        format!("got {:?}", text(&out.stdout))
    })
}

fn closed_stdin_becomes_dev_null(m: &Master) -> Outcome {
    let out = m
        .run(&["echo-stdin+print:end"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    check(text(&out.stdout) == "end\n", || text(&out.stderr))?;
    // `<&-`: the client's fd 0 is closed, not /dev/null.
    let out = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" run --no-daemon --socket \"$1\" echo-stdin+print:end <&-")
        .arg(env!("CARGO_BIN_EXE_jfork"))
        .arg(&m.socket)
        .output()
        .unwrap();
    check(text(&out.stdout) == "end\n", || text(&out.stderr))
}

fn stdin_is_piped_through(m: &Master) -> Outcome {
    let input = b"line one\nline two\n".repeat(1000);
    let out = m.output(&["echo-stdin"], &input);
    check(out.status.success() && out.stdout == input, || {
        format!("{:?}, {} bytes back", out.status, out.stdout.len())
    })
}

fn child_has_only_stdio_and_own_identity(m: &Master) -> Outcome {
    let out = m.output(&["fds"], b"");
    // Stdio, and the cloner's pipe for announcing the exit code (see `exit_child`).
    check(text(&out.stdout) == "0 1 2 report\n", || {
        format!("fds {:?}", text(&out.stdout))
    })?;
    let a = text(&m.output(&["process"], b"").stdout);
    let b = text(&m.output(&["process"], b"").stdout);
    let fields = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let (a, b) = (fields(&a), fields(&b));
    check(a.len() == 3 && b.len() == 3, || format!("{a:?} {b:?}"))?;
    check(a[0] != b[0] && a[2] != b[2], || {
        format!("pid and seed repeat: {a:?} {b:?}")
    })?;
    check(a[0] != m.pid().to_string(), || {
        "child reports the master's pid".into()
    })
}

fn limits_are_reported_with_their_cause(m: &Master) -> Outcome {
    // All at once: each waits on its own limit.
    let cases: [(&str, &str, Option<i32>, &str); 5] = [
        (
            "wall=1s",
            "print:started+sleep:30",
            Some(137),
            "jfork: wall-clock limit 1 s exceeded",
        ),
        (
            "mem=64M",
            "alloc:512M",
            None,
            "jfork: memory limit 64 MiB exceeded",
        ),
        ("cpu=1s", "spin", None, "jfork: CPU time limit 1 s exceeded"),
        (
            "procs=16",
            "fork-bomb",
            None,
            "jfork: process limit 16 reached",
        ),
        ("nonsense=1", "exit:0", Some(1), "unknown limit `nonsense`"),
    ];
    let clients: Vec<Child> = cases
        .iter()
        .map(|(limit, main, _, _)| {
            m.run(&["--limit", limit, main])
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for ((limit, _, code, want), client) in cases.iter().zip(clients) {
        let out = client.wait_with_output().unwrap();
        let stderr = text(&out.stderr);
        check(
            stderr.contains(want) && code.is_none_or(|c| out.status.code() == Some(c)),
            || format!("{limit}: {:?} {stderr:?}", out.status),
        )?;
    }
    Ok(())
}

fn sigint_reaches_the_child(m: &Master) -> Outcome {
    let (mut client, line) = m.started(&["print:started+sleep:30"]);
    check(line == "started", || format!("first line {line:?}"))?;
    kill(client.id() as i32, libc::SIGINT);
    let status = wait_timeout(&mut client)?;
    check(status.code() == Some(130), || {
        format!("client exit {status:?}")
    })
}

fn sigterm_and_sighup_reach_the_child(m: &Master) -> Outcome {
    for (signal, code) in [(libc::SIGTERM, 143), (libc::SIGHUP, 129)] {
        let (mut client, _) = m.started(&["print:started+sleep:30"]);
        kill(client.id() as i32, signal);
        let status = wait_timeout(&mut client)?;
        check(status.code() == Some(code), || {
            format!("signal {signal}: {status:?}")
        })?;
    }
    Ok(())
}

fn idle_master_uses_no_cpu(m: &Master) -> Outcome {
    let ticks = || {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", m.pid())).unwrap();
        let rest = stat.rsplit(')').next().unwrap().to_string();
        let f: Vec<u64> = rest
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        // utime and stime (fields 14 and 15; the state letter is not numeric).
        f[10] + f[11]
    };
    // The previous test's child is answered for before the kernel has torn it down; the
    // master reaps it and releases its cgroups after that. Idle means once that is done.
    wait_until_no_children(m)?;
    let before = ticks();
    std::thread::sleep(Duration::from_millis(500));
    let after = ticks();
    check(after == before, || {
        format!("master used {} ticks while idle", after - before)
    })
}

/// Waits (up to 10 s) until `jfork status` lists no running child of `m`.
fn wait_until_no_children(m: &Master) -> Outcome {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let out = jfork()
            .args(["status", "--json", "--socket"])
            .arg(&m.socket)
            .output()
            .map_err(|e| format!("status: {e}"))?;
        let report: serde_json::Value = serde_json::from_slice(&out.stdout)
            .map_err(|e| format!("status --json: {e}: {}", text(&out.stdout)))?;
        if report["children"].as_array().is_some_and(Vec::is_empty) {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("children still running after 10 s: {report}"));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn killed_client_kills_its_child(m: &Master) -> Outcome {
    let (mut client, line) = m.started(&["pid+sleep:30"]);
    let pid: i32 = line.parse().map_err(|_| format!("pid line {line:?}"))?;
    check(!process_gone_now(pid), || "child not running".into())?;
    client.kill().unwrap();
    client.wait().unwrap();
    check(process_gone(pid), || format!("child {pid} still runs"))?;
    // The next child may get a reused cgroup: not the killed one (the kernel would kill a
    // process born there).
    let out = m.output(&["print:after"], b"");
    check(text(&out.stdout) == "after\n", || {
        format!("next child: {:?} {:?}", out.status, text(&out.stderr))
    })
}

fn process_gone_now(pid: i32) -> bool {
    !Path::new(&format!("/proc/{pid}")).exists()
}

fn status_lists_running_children(m: &Master) -> Outcome {
    let (mut client, line) = m.started(&["pid+sleep:30"]);
    let out = jfork()
        .args(["status", "--json", "--socket"])
        .arg(&m.socket)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("status --json: {e}: {}", text(&out.stdout)))?;
    client.kill().unwrap();
    client.wait().unwrap();
    let children = report["children"].as_array().cloned().unwrap_or_default();
    let found = children.iter().any(|c| {
        c["pid"].as_i64().map(|p| p.to_string()) == Some(line.clone())
            && c["main"] == "pid+sleep:30"
    });
    check(
        found && report["pid"] == m.pid() && report["runner"] == "script",
        || format!("status: {report}"),
    )?;
    let human = jfork()
        .args(["status", "--socket"])
        .arg(&m.socket)
        .output()
        .unwrap();
    check(text(&human.stdout).contains("children:"), || {
        text(&human.stdout)
    })
}

fn bad_frames_get_clear_errors(m: &Master) -> Outcome {
    let cases: [(&str, Vec<u8>, &str); 5] = [
        (
            "garbage",
            b"GET / HTTP/1.1\r\n\r\n".to_vec(),
            "not a jfork frame",
        ),
        (
            "version",
            protocol::encode_raw(9, protocol::kind::STATUS, b"{}"),
            "protocol version 9 is not supported",
        ),
        (
            "oversized",
            {
                let mut f = protocol::encode_raw(protocol::VERSION, protocol::kind::RUN, b"");
                f[8..12].copy_from_slice(&u32::MAX.to_be_bytes());
                f
            },
            "exceeds the cap",
        ),
        (
            "json",
            protocol::encode_raw(protocol::VERSION, protocol::kind::RUN, b"{\"launch\": 3}"),
            "malformed payload",
        ),
        (
            "no fds",
            Message::Run(protocol::RunRequest {
                launch: jfork::launch::Launch::parse(&["exit:0".into()]).unwrap(),
                cwd: "/".into(),
                env: vec![],
                limit: None,
            })
            .encode(),
            "exactly 3 fds",
        ),
    ];
    for (name, bytes, want) in cases {
        let mut s = UnixStream::connect(&m.socket).unwrap();
        s.set_read_timeout(Some(PATIENCE)).unwrap();
        s.write_all(&bytes).unwrap();
        let mut reply = Vec::new();
        s.read_to_end(&mut reply).unwrap();
        let mut reader = FrameReader::new();
        reader.push(&reply);
        match reader.next_message() {
            Ok(Some(Message::Error { message })) if message.contains(want) => {}
            other => return Err(format!("{name}: {other:?}")),
        }
    }
    // A client that breaks the protocol while its child runs loses the child.
    let (r, w) = std::io::pipe().unwrap();
    let s = UnixStream::connect(&m.socket).unwrap();
    let run = Message::Run(protocol::RunRequest {
        launch: jfork::launch::Launch::parse(&["pid+sleep:30".into()]).unwrap(),
        cwd: "/".into(),
        env: vec![],
        limit: None,
    })
    .encode();
    use std::os::fd::{AsFd, AsRawFd};
    protocol::send_with_fds(s.as_fd(), &run, &[0, w.as_raw_fd(), 2]).unwrap();
    drop(w);
    let mut line = String::new();
    BufReader::new(r).read_line(&mut line).unwrap();
    let pid: i32 = line
        .trim()
        .parse()
        .map_err(|_| format!("pid line {line:?}"))?;
    (&s).write_all(b"garbage!").unwrap();
    let mut reply = Vec::new();
    (&s).read_to_end(&mut reply).unwrap();
    check(text(&reply).contains("not a jfork frame"), || text(&reply))?;
    check(process_gone(pid), || {
        format!("child {pid} of a broken client still runs")
    })?;
    // And the master still serves.
    let out = m.output(&["print:still here"], b"");
    check(text(&out.stdout) == "still here\n", || text(&out.stderr))
}

fn another_uid_is_refused(m: &Master) -> Outcome {
    // Loosen the file modes, as a careless admin might: SO_PEERCRED still refuses.
    std::fs::set_permissions(m.dir.path(), std::fs::Permissions::from_mode(0o711)).unwrap();
    std::fs::set_permissions(&m.socket, std::fs::Permissions::from_mode(0o666)).unwrap();
    let socket = m.socket.clone();
    // SAFETY: this test binary is single-threaded (harness = false); the child only makes
    // system calls and uses the client library, then _exits.
    let pid = unsafe { libc::fork() };
    if pid == 0 {
        // SAFETY: plain system calls in the forked child.
        let code = unsafe {
            if libc::setgid(65534) != 0 || libc::setuid(65534) != 0 {
                10
            } else {
                match refused_as_other_uid(&socket) {
                    Ok(()) => 0,
                    Err(e) => {
                        eprintln!("uid child: {e}");
                        11
                    }
                }
            }
        };
        // SAFETY: ends the forked child without running the parent's destructors.
        unsafe { libc::_exit(code) };
    }
    let mut status = 0;
    // SAFETY: waits for our own child.
    unsafe { libc::waitpid(pid, &mut status, 0) };
    check(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        || format!("uid child status {status:#x}"),
    )
}

fn refused_as_other_uid(socket: &Path) -> Result<(), String> {
    let stream = jfork::client::connect(socket).map_err(|e| format!("{e:#}"))?;
    let request = protocol::RunRequest {
        launch: jfork::launch::Launch::parse(&["print:should not run".into()]).unwrap(),
        cwd: "/".into(),
        env: vec![],
        limit: None,
    };
    match jfork::client::run_request(&stream, &request) {
        Err(e) if format!("{e:#}").contains("uid 65534 may not use this master") => Ok(()),
        other => Err(format!("{other:?}")),
    }
}

fn allowed_uid_runs_as_itself() -> Outcome {
    let m = Master::start(&["--allow-uid", "65534"]);
    std::fs::set_permissions(m.dir.path(), std::fs::Permissions::from_mode(0o711)).unwrap();
    std::fs::set_permissions(&m.socket, std::fs::Permissions::from_mode(0o666)).unwrap();
    let (r, w) = std::io::pipe().unwrap();
    let socket = m.socket.clone();
    // SAFETY: single-threaded test binary; the child makes system calls, uses the client
    // library with the pipe as the program's stdout, then _exits.
    let pid = unsafe { libc::fork() };
    if pid == 0 {
        drop(r);
        // SAFETY: plain system calls in the forked child.
        let code = unsafe {
            if libc::setgid(65534) != 0 || libc::setuid(65534) != 0 {
                10
            } else {
                let request = protocol::RunRequest {
                    launch: jfork::launch::Launch::parse(&["uid".into()]).unwrap(),
                    cwd: "/".into(),
                    env: vec![],
                    limit: None,
                };
                let w = std::os::fd::AsRawFd::as_raw_fd(&w);
                match jfork::client::connect(&socket)
                    .and_then(|s| jfork::client::run_request_with_stdio(&s, &request, [0, w, 2]))
                {
                    Ok(exit) => exit.code,
                    Err(e) => {
                        eprintln!("allowed uid child: {e:#}");
                        11
                    }
                }
            }
        };
        // SAFETY: ends the forked child without running the parent's destructors.
        unsafe { libc::_exit(code) };
    }
    drop(w);
    let mut out = String::new();
    BufReader::new(r).read_to_string(&mut out).unwrap();
    let mut status = 0;
    // SAFETY: waits for our own child.
    unsafe { libc::waitpid(pid, &mut status, 0) };
    check(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        || format!("status {status:#x}: {}", m.log()),
    )?;
    check(out == "65534 65534\n", || format!("child ran as {out:?}"))
}

fn max_children_waits_then_refuses() -> Outcome {
    let m = Master::start(&["--max-children", "1", "--queue-wait", "0.5"]);
    let (mut first, _) = m.started(&["print:started+sleep:30"]);
    let out = m.output(&["print:second"], b"");
    first.kill().unwrap();
    first.wait().unwrap();
    let stderr = text(&out.stderr);
    check(
        out.status.code() == Some(1)
            && stderr.contains("--max-children 1")
            && out.stdout.is_empty(),
        || format!("{:?} {stderr:?}", out.status),
    )?;
    // A request that fits within the wait is served once the slot frees.
    let m = Master::start(&["--max-children", "1", "--queue-wait", "60"]);
    let (mut first, _) = m.started(&["print:started+sleep:0.3"]);
    let out = m.output(&["print:second"], b"");
    wait_timeout(&mut first)?;
    check(text(&out.stdout) == "second\n", || text(&out.stderr))
}

fn second_master_is_refused() -> Outcome {
    let m = Master::start(&[]);
    let out = jfork()
        .args(["master", "--foreground", "--preload", "none", "--socket"])
        .arg(&m.socket)
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    check(
        !out.status.success() && stderr.contains("another master"),
        || stderr.clone(),
    )?;
    let again = m.output(&["print:first master"], b"");
    check(text(&again.stdout) == "first master\n", || {
        text(&again.stderr)
    })
}

fn private_tempdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    dir
}

fn stale_socket_is_replaced() -> Outcome {
    let dir = private_tempdir();
    let socket = dir.path().join("jfork.sock");
    drop(UnixListener::bind(&socket).unwrap()); // leaves the file, nobody listening
    let mut m = Master {
        dir,
        socket,
        process: None,
    };
    m.spawn(&[])?;
    let out = m.output(&["print:fresh"], b"");
    check(text(&out.stdout) == "fresh\n", || m.log())
}

fn sigterm_drains() -> Outcome {
    let mut m = Master::start(&["--grace", "60"]);
    let (client, line) = m.started(&["print:started+sleep:0.5+print:done"]);
    check(line == "started", || line.clone())?;
    kill(m.pid(), libc::SIGTERM);
    let out = client.wait_with_output().unwrap();
    check(
        out.status.success() && text(&out.stdout) == "done\n",
        || format!("{:?} {:?}", out.status, text(&out.stdout)),
    )?;
    let status = m.wait_exit();
    check(status.success(), || {
        format!("master {status:?}: {}", m.log())
    })?;
    check(!m.socket.exists(), || "socket left behind".into())?;

    // Past the grace period, the rest are killed.
    let mut m = Master::start(&["--grace", "0.3"]);
    let (client, _) = m.started(&["print:started+sleep:30"]);
    kill(m.pid(), libc::SIGTERM);
    let out = client.wait_with_output().unwrap();
    check(out.status.code() == Some(137), || {
        format!("{:?}", out.status)
    })?;
    let status = m.wait_exit();
    check(status.success(), || format!("master {status:?}"))
}

fn run_starts_a_master_and_stop_stops_it() -> Outcome {
    let dir = private_tempdir();
    let socket = dir.path().join("auto.sock");
    let out = jfork()
        .args(["run", "--socket"])
        .arg(&socket)
        .arg("print:auto")
        .output()
        .unwrap();
    check(text(&out.stdout) == "auto\n", || {
        format!("{:?} {:?}", text(&out.stdout), text(&out.stderr))
    })?;
    let stop = jfork()
        .args(["stop", "--socket"])
        .arg(&socket)
        .output()
        .unwrap();
    check(stop.status.success() && !socket.exists(), || {
        text(&stop.stderr)
    })
}

fn main() {
    if let Err(e) = jfork_preloader::Jdk::discover(None) {
        println!("lifecycle tests skipped: a master needs a JDK ({e})");
        return;
    }
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    // Every request forked for itself here; the pooled master below has the default pool.
    let shared = Master::start(&["--pool", "0"]);
    type Shared = fn(&Master) -> Outcome;
    type Alone = fn() -> Outcome;
    let with_shared: [(&str, Shared); 13] = [
        (
            "closed_stdin_becomes_dev_null",
            closed_stdin_becomes_dev_null,
        ),
        ("idle_master_uses_no_cpu", idle_master_uses_no_cpu),
        (
            "sigterm_and_sighup_reach_the_child",
            sigterm_and_sighup_reach_the_child,
        ),
        ("output_and_exit_code", output_and_exit_code),
        ("request_cwd_and_environment", request_cwd_and_environment),
        ("stdin_is_piped_through", stdin_is_piped_through),
        (
            "child_has_only_stdio_and_own_identity",
            child_has_only_stdio_and_own_identity,
        ),
        (
            "limits_are_reported_with_their_cause",
            limits_are_reported_with_their_cause,
        ),
        ("sigint_reaches_the_child", sigint_reaches_the_child),
        (
            "killed_client_kills_its_child",
            killed_client_kills_its_child,
        ),
        (
            "status_lists_running_children",
            status_lists_running_children,
        ),
        ("bad_frames_get_clear_errors", bad_frames_get_clear_errors),
        ("another_uid_is_refused", another_uid_is_refused),
    ];
    let alone: [(&str, Alone); 6] = [
        ("allowed_uid_runs_as_itself", allowed_uid_runs_as_itself),
        (
            "max_children_waits_then_refuses",
            max_children_waits_then_refuses,
        ),
        ("second_master_is_refused", second_master_is_refused),
        ("stale_socket_is_replaced", stale_socket_is_replaced),
        ("sigterm_drains", sigterm_drains),
        (
            "run_starts_a_master_and_stop_stops_it",
            run_starts_a_master_and_stop_stops_it,
        ),
    ];
    let selected =
        |name: &str| filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str()));
    let mut failed = Vec::new();
    let mut report = |name: &str, outcome: Outcome, started: Instant| match outcome {
        Ok(()) => println!("test {name} ... ok ({} ms)", started.elapsed().as_millis()),
        Err(e) => {
            println!("test {name} ... FAILED: {e}");
            failed.push(name.to_string());
        }
    };
    let needs_root = |name: &str| name.contains("uid");
    // The same again through a master whose children wait forked ahead (`--pool`).
    let pooled = Master::start(&[]);
    for (master, suffix) in [(&shared, ""), (&pooled, " (pool)")] {
        for (name, test) in with_shared {
            let name = format!("{name}{suffix}");
            if selected(&name) && needs_root(&name) && !root {
                println!("test {name} ... skipped (needs root to switch uid)");
            } else if selected(&name) {
                let t = Instant::now();
                report(&name, test(master), t);
            }
        }
    }
    for (name, test) in alone {
        if selected(name) && needs_root(name) && !root {
            println!("test {name} ... skipped (needs root to switch uid)");
        } else if selected(name) {
            let t = Instant::now();
            report(name, test(), t);
        }
    }
    if !failed.is_empty() {
        println!("master log:\n{}", shared.log());
        println!("pooled master log:\n{}", pooled.log());
        println!("failed: {failed:?}");
        std::process::exit(1);
    }
}
