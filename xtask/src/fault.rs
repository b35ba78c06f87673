//! `cargo xtask fault`: the load-and-fault suite (issue 14).
//!
//! Starts a real master (release build) on a temporary socket with the fault programs of
//! `xtask/fault-programs/` on its class path, then sends a deterministic mix of requests with
//! bounded concurrency: programs that exit, call `System.exit(n)`, throw, overflow the stack,
//! run out of heap, pass the `mem`, `cpu` and `wall` limits, read a closed stdin, write to a
//! closed stdout, get signalled or lose their client; and clients that send nothing, garbage,
//! truncated or oversized frames, broken JSON, a run without fds, or another protocol
//! version. Each request's answer is checked (exit code, signal, cause, output; the child
//! gone after its report or its client), then the master itself: alive, answering, no
//! zombies, no children left, its fd count back to the baseline and its RSS near it.
//!
//! ```text
//! cargo xtask fault [--requests N] [--concurrency C] [--seconds S] [--jfork PATH] [--strict]
//! ```

mod cases;
mod wire;

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde_json::json;

use crate::{build_dir, cargo, run_step, workspace_root};

/// Options of `cargo xtask fault`.
pub struct Options {
    pub requests: usize,
    pub concurrency: usize,
    pub seconds: Option<u64>,
    /// A jfork binary to use instead of building the release one.
    pub jfork: Option<PathBuf>,
    /// Count the failures of known bugs too.
    pub strict: bool,
}

impl Options {
    /// Parses the command's arguments.
    pub fn parse(args: &[String]) -> Result<Options> {
        let mut options = Options {
            requests: 2000,
            concurrency: 50,
            seconds: None,
            jfork: None,
            strict: false,
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = || {
                it.next()
                    .with_context(|| format!("{arg} needs a value"))
                    .cloned()
            };
            match arg.as_str() {
                "--requests" => options.requests = value()?.parse().context("--requests")?,
                "--concurrency" => {
                    options.concurrency = value()?.parse().context("--concurrency")?;
                }
                "--seconds" => options.seconds = Some(value()?.parse().context("--seconds")?),
                "--jfork" => options.jfork = Some(PathBuf::from(value()?)),
                "--strict" => options.strict = true,
                other => bail!("fault: unknown option `{other}`"),
            }
        }
        if options.concurrency == 0 {
            bail!("--concurrency must be positive");
        }
        Ok(options)
    }
}

/// What `/proc/PID/stat` says about a process.
mod proc_info {
    /// The fields the suite uses.
    pub struct Stat {
        pub state: char,
        pub ppid: i32,
        pub start_time: u64,
    }

    /// `/proc/PID/stat`, `None` when the process is gone.
    pub fn stat(pid: i32) -> Option<Stat> {
        let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // The command name is in parentheses and may hold spaces.
        let rest = &text[text.rfind(')')? + 2..];
        let fields: Vec<&str> = rest.split(' ').collect();
        Some(Stat {
            state: fields.first()?.chars().next()?,
            ppid: fields.get(1)?.parse().ok()?,
            start_time: fields.get(19)?.parse().ok()?,
        })
    }

    /// The start time of `pid`, to tell it from a later process with the same pid.
    pub fn start_time(pid: i32) -> Option<u64> {
        stat(pid).map(|s| s.start_time)
    }

    /// Every process whose parent is `ppid`, with its state.
    pub fn children(ppid: i32) -> Vec<(i32, char)> {
        let Ok(dir) = std::fs::read_dir("/proc") else {
            return Vec::new();
        };
        dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
            .filter_map(|pid| Some((pid, stat(pid)?)))
            .filter(|(pid, s)| s.ppid == ppid && !crate::is_pool_child(*pid as u32))
            .map(|(pid, s)| (pid, s.state))
            .collect()
    }

    /// How many children the master forked ahead (`--pool`) wait for a request.
    pub fn pool_children(ppid: i32) -> usize {
        let Ok(dir) = std::fs::read_dir("/proc") else {
            return 0;
        };
        dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
            .filter(|&pid| {
                stat(pid).is_some_and(|s| s.ppid == ppid) && crate::is_pool_child(pid as u32)
            })
            .count()
    }

    /// The open fds of `pid`, each with what it points at.
    pub fn fds(pid: i32) -> std::collections::BTreeMap<i32, String> {
        let Ok(dir) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
            return Default::default();
        };
        dir.filter_map(|e| {
            let e = e.ok()?;
            let fd = e.file_name().to_str()?.parse().ok()?;
            let target = std::fs::read_link(e.path()).ok()?;
            Some((fd, target.to_string_lossy().into_owned()))
        })
        .collect()
    }

    /// Resident set size of `pid` in KiB.
    pub fn rss_kib(pid: i32) -> u64 {
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("VmRSS:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            })
            .unwrap_or(0)
    }
}

/// Runs the suite; fails when any check failed.
pub fn run(options: &Options) -> Result<()> {
    let jfork = match &options.jfork {
        Some(path) => path.clone(),
        None => {
            run_step(
                "build jfork (release)",
                cargo().args(["build", "--quiet", "--release", "--package", "jfork"]),
            )?;
            build_dir("release").join("jfork")
        }
    };
    let dir = std::env::temp_dir().join(format!("jfork-fault-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
    let result = run_in(options, &jfork, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn javac() -> PathBuf {
    let home = std::env::var_os("JAVA_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/lib/jvm/java-17-openjdk-amd64"));
    let javac = home.join("bin/javac");
    if javac.exists() {
        javac
    } else {
        PathBuf::from("javac")
    }
}

fn compile_programs(classes: &Path) -> Result<()> {
    let sources_dir = workspace_root().join("xtask/fault-programs");
    let mut sources: Vec<PathBuf> = std::fs::read_dir(&sources_dir)
        .with_context(|| format!("{}", sources_dir.display()))?
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "java"))
        .collect();
    sources.sort();
    let output = Command::new(javac())
        .args(["--release", "17", "-XDstringConcat=inline", "-d"])
        .arg(classes)
        .args(&sources)
        .output()
        .context("cannot start javac")?;
    if !output.status.success() {
        bail!("javac failed:\n{}", String::from_utf8_lossy(&output.stderr));
    }
    Ok(())
}

/// Kills the master when the suite ends, however it ends.
struct Master {
    child: Child,
    log: PathBuf,
}

impl Master {
    fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }
}

impl Drop for Master {
    fn drop(&mut self) {
        // SAFETY: kill(2) on the pid of a child this process started and has not reaped.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGTERM);
        }
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if !matches!(self.child.try_wait(), Ok(None)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_master(jfork: &Path, dir: &Path, classes: &Path, concurrency: usize) -> Result<Master> {
    let socket = dir.join("jfork.sock");
    let log = dir.join("master.log");
    let child = Command::new(jfork)
        .args(["master", "--foreground", "--socket"])
        .arg(&socket)
        .arg("-cp")
        .arg(classes)
        .args(["--max-children", &concurrency.max(8).to_string()])
        .args(["--queue-wait", "300", "--grace", "2"])
        .env("RUST_LOG", "warn")
        .env_remove("JFORK_TEST_RUNNER")
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log)?)
        .spawn()
        .context("cannot start the master")?;
    let mut master = Master { child, log };
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(180) {
        if status_ok(&socket, master.pid()).is_ok() {
            return Ok(master);
        }
        if !master.alive() {
            bail!("the master exited during start-up:\n{}", master.log_tail());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    bail!(
        "the master did not answer within 180 s:\n{}",
        master.log_tail()
    )
}

/// A status query that must name `pid`; returns the number of running children.
fn status_ok(socket: &Path, pid: i32) -> Result<usize, String> {
    let mut conn =
        wire::Conn::connect(socket, Duration::from_secs(10)).map_err(|e| e.to_string())?;
    conn.send(wire::kind::STATUS, &json!({}))
        .map_err(|e| e.to_string())?;
    match conn.recv() {
        Ok(Some((wire::kind::STATUS_REPLY, v))) if v["pid"] == pid => {
            Ok(v["children"].as_array().map_or(0, Vec::len))
        }
        other => Err(format!("status answered {other:?}")),
    }
}

/// Results per case name: (passed, failed, first failure messages).
type Tally = BTreeMap<String, (usize, usize, Vec<String>)>;

fn record(tally: &Mutex<Tally>, name: String, outcome: Result<(), String>) {
    let mut tally = tally.lock().unwrap_or_else(|e| e.into_inner());
    let entry = tally.entry(name).or_default();
    match outcome {
        Ok(()) => entry.0 += 1,
        Err(message) => {
            entry.1 += 1;
            if entry.2.len() < 3 {
                entry.2.push(message);
            }
        }
    }
}

fn run_in(options: &Options, jfork: &Path, dir: &Path) -> Result<()> {
    let classes = dir.join("classes");
    let work = dir.join("work");
    std::fs::create_dir_all(&classes)?;
    std::fs::create_dir_all(&work)?;
    compile_programs(&classes)?;
    eprintln!("xtask: fault: starting a master ({})", jfork.display());
    let mut master = start_master(jfork, dir, &classes, options.concurrency)?;
    let socket = dir.join("jfork.sock");
    let master_pid = master.pid();
    let env = |n| cases::Env {
        socket: &socket,
        classes: &classes,
        work: &work,
        master_pid,
        n,
    };

    // Warm-up: one of each case, sequentially, so that what the master allocates once (its
    // first connections, log buffers) is in the baseline.
    let tally = Mutex::new(Tally::new());
    for n in 0..40 {
        let case = cases::case(n);
        record(&tally, cases::name(&case), cases::execute(&case, &env(n)));
    }
    record(
        &tally,
        "master: settled after the warm-up".into(),
        settle(&socket, master_pid),
    );
    let base_fd_set = proc_info::fds(master_pid);
    let base_fds = base_fd_set.len();
    let base_rss = proc_info::rss_kib(master_pid);
    eprintln!(
        "xtask: fault: baseline: {base_fds} fds, RSS {} MiB; {} requests at {} concurrent",
        base_rss / 1024,
        options.requests,
        options.concurrency
    );

    let start = Instant::now();
    let deadline = options.seconds.map(|s| start + Duration::from_secs(s));
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..options.concurrency {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= options.requests || deadline.is_some_and(|d| Instant::now() > d) {
                        break;
                    }
                    let n = 40 + i;
                    let case = cases::case(n);
                    record(&tally, cases::name(&case), cases::execute(&case, &env(n)));
                }
            });
        }
    });
    let elapsed = start.elapsed();
    let sent = next.load(Ordering::Relaxed).min(options.requests);

    // The master afterwards.
    let mut master_checks: Vec<(&str, Result<(), String>)> = Vec::new();
    let drained = settle(&socket, master_pid);
    master_checks.push((
        "master: alive after the load",
        check(master.alive(), || {
            format!("the master exited:\n{}", master.log_tail())
        }),
    ));
    master_checks.push(("master: children drained", drained));
    let leftovers = proc_info::children(master_pid);
    master_checks.push((
        "master: no zombies, no child left",
        check(leftovers.is_empty(), || {
            format!("children of the master: {leftovers:?}")
        }),
    ));
    // A connection the master is still closing may hold an fd for a moment; a leaked one
    // stays: the check gets a few seconds.
    let fds_back = {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let result = fds_back_to_baseline(master_pid, &base_fd_set, options.concurrency);
            if result.is_ok() || Instant::now() > deadline {
                break result;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    master_checks.push((
        "master: fd count back to baseline (+ pooled cgroups)",
        fds_back,
    ));
    let rss = proc_info::rss_kib(master_pid);
    let slack = (base_rss / 4).max(16 * 1024);
    master_checks.push((
        "master: RSS near baseline",
        check(rss <= base_rss + slack, || {
            format!("RSS {} MiB, baseline {} MiB", rss / 1024, base_rss / 1024)
        }),
    ));
    let last = cases::case(0);
    master_checks.push((
        "master: still runs a program correctly",
        cases::execute(&last, &env(usize::MAX)),
    ));
    for (name, outcome) in master_checks {
        record(&tally, name.to_string(), outcome);
    }

    let tally = tally.into_inner().unwrap_or_else(|e| e.into_inner());
    let (mut passed, mut failed, mut known) = (0, 0, 0);
    for (name, (ok, bad, messages)) in &tally {
        passed += ok;
        let bug = cases::known_bug(name).filter(|_| !options.strict);
        if bug.is_some() {
            known += bad;
        } else {
            failed += bad;
        }
        let mark = match (*bad, bug) {
            (0, _) => "ok   ",
            (_, Some(_)) => "KNOWN",
            (_, None) => "FAIL ",
        };
        println!("{mark} {name}: {ok} passed, {bad} failed");
        if let Some(bug) = bug.filter(|_| *bad > 0) {
            println!("        known bug: {bug}");
        }
        for m in messages {
            println!("        {m}");
        }
    }
    let fds = proc_info::fds(master_pid).len();
    println!(
        "fault: {sent} requests at {} concurrent in {:.1} s (+ 40 warm-up); master RSS {} -> {} \
         MiB, fds {base_fds} -> {fds}",
        options.concurrency,
        elapsed.as_secs_f64(),
        base_rss / 1024,
        rss / 1024,
    );
    if known > 0 {
        println!("{known} failed on known bugs (listed above as KNOWN; --strict counts them)");
    }
    println!("{passed} passed, {failed} failed");
    if failed > 0 {
        bail!("{failed} fault check(s) failed");
    }
    Ok(())
}

fn check(ok: bool, message: impl FnOnce() -> String) -> Result<(), String> {
    if ok { Ok(()) } else { Err(message()) }
}

/// Whether the master's fds are those of `base` again, give or take the cgroups resctl
/// keeps for reuse.
fn fds_back_to_baseline(
    master_pid: i32,
    base: &std::collections::BTreeMap<i32, String>,
    concurrency: usize,
) -> Result<(), String> {
    let now = proc_info::fds(master_pid);
    // resctl keeps emptied cgroups in a bounded pool for the next children, each with its
    // `cgroup.events` open: those may outnumber the (sequential) baseline's, up to one per
    // concurrent child. The waiting pool child (`--pool`; there is one at both moments)
    // may be a new one, so its socket, pidfd and report pipe may have other numbers:
    // sockets, pipes and anonymous inodes are compared by count; every other fd must be
    // the baseline's.
    const RENEWABLE: [&str; 3] = ["socket", "pipe", "anon_inode"];
    let kind = |target: &str| target.split(':').next().unwrap_or("").to_string();
    let count = |set: &std::collections::BTreeMap<i32, String>, k: &str| {
        set.values().filter(|t| kind(t) == k).count()
    };
    let renewable = |target: &str| RENEWABLE.contains(&kind(target).as_str());
    let renewed_only = RENEWABLE.iter().all(|k| count(&now, k) <= count(base, k));
    let (pooled, other): (Vec<_>, Vec<_>) = now
        .iter()
        .filter(|(fd, _)| !base.contains_key(fd))
        .filter(|(_, target)| !(renewed_only && renewable(target)))
        .partition(|(_, target)| target.starts_with("/sys/fs/cgroup/"));
    check(
        other.is_empty() && pooled.len() <= concurrency.max(8),
        || {
            format!(
                "{} fds open, baseline {}; {} pooled cgroup fds; other new fds: {other:?}",
                now.len(),
                base.len(),
                pooled.len()
            )
        },
    )
}

/// Waits (up to 60 s) until the master reports no running child and has none in /proc.
fn settle(socket: &Path, master_pid: i32) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let status = status_ok(socket, master_pid);
        let children = proc_info::children(master_pid);
        // The master's default pool: one child forked ahead, waiting (its fds are the
        // master's too, so the fd checks compare like with like).
        let pool = proc_info::pool_children(master_pid);
        if status == Ok(0) && children.is_empty() && pool == 1 {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!(
                "60 s after the last request: status {status:?}, children {children:?}, \
                 {pool} pool children waiting (expected 1)"
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
