//! The one seam between the process machinery and Java: "run this program, in this
//! process, with fds 0/1/2 already installed, and return its exit code".
//!
//! The production runners: [`JavaRunner`] boots java.base in the running process (`jfork
//! exec`, and the cold fallback of a master's child), `master::BootedJava` runs `main` on
//! the runtime a child inherits from its master. [`ScriptRunner`] exists only for the
//! lifecycle tests (`JFORK_TEST_RUNNER=script` in the master's environment): it reads the
//! main class name as a scripted behaviour, so that tests can check fd passing, limits,
//! signals and draining without Java. It is never chosen otherwise.

use std::io::{Read, Write};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::launch::Launch;
use crate::protocol::RunRequest;

/// The environment variable that selects a runner other than Java (tests only).
pub const TEST_RUNNER_VAR: &str = "JFORK_TEST_RUNNER";

/// What a freshly forked child knows about itself (DESIGN.md decision 5): the values the
/// JDK caches about its process, refreshed after `fork` rather than inherited from the
/// master.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChildProcess {
    /// `ProcessHandle.current().pid()`.
    pub pid: i32,
    /// The process start time in milliseconds since the epoch (the JVM start time).
    pub start_time_ms: u64,
    /// A fresh seed for the JDK's random seed generators (`getrandom`, never the master's).
    pub random_seed: u64,
}

impl ChildProcess {
    /// Reads the calling process's own values; call it in the child after `fork`.
    pub fn current() -> ChildProcess {
        let mut seed = [0u8; 8];
        // SAFETY: getrandom writes at most `seed.len()` bytes into the live buffer.
        let n = unsafe { libc::getrandom(seed.as_mut_ptr().cast(), seed.len(), 0) };
        let random_seed = if n == seed.len() as isize {
            u64::from_ne_bytes(seed)
        } else {
            // No getrandom: the clock's nanoseconds and the pid still differ per child.
            let nanos = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos() as u64);
            nanos ^ (std::process::id() as u64).rotate_left(32)
        };
        ChildProcess {
            pid: std::process::id() as i32,
            start_time_ms: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64),
            random_seed,
        }
    }
}

/// One program to run in the current process.
#[derive(Debug, Clone)]
pub struct Program<'a> {
    /// The java-style command line.
    pub launch: &'a Launch,
    /// The working directory it runs in (the client's).
    pub cwd: &'a str,
    /// The system properties: `user.dir` first, then the `-D` ones in order.
    pub properties: Vec<(String, String)>,
    /// This process's identity as the JDK should see it.
    pub process: ChildProcess,
}

impl<'a> Program<'a> {
    /// The program of `launch`, run in directory `cwd` by process `process`.
    pub fn new(launch: &'a Launch, cwd: &'a str, process: ChildProcess) -> Program<'a> {
        let mut properties = vec![("user.dir".to_string(), cwd.to_string())];
        properties.extend(launch.properties.iter().cloned());
        Program {
            launch,
            cwd,
            properties,
            process,
        }
    }

    /// What the program runs: the main class, or the jar.
    pub fn target(&self) -> &str {
        self.launch.target()
    }
}

/// Runs a program in the current process and returns its exit code.
pub trait ProgramRunner {
    /// The runner's name, shown by `jfork status`.
    fn name(&self) -> &'static str;
    /// Runs `program` with fds 0, 1 and 2 already in place; returns the exit code.
    fn run(&self, program: &Program<'_>) -> i32;
    /// Called in the master just before it forks the child for `request` (of a client
    /// with uid `uid`): the last moment to prepare state the child inherits.
    fn before_fork(&self, request: &RunRequest, uid: u32) {
        let _ = (request, uid);
    }
    /// Called in the master just before it forks a pool child, which waits for a request
    /// it does not know yet (`jfork master --pool`).
    fn before_pool_fork(&self) {}
    /// Called in a pool child after it is forked and before it waits for its request:
    /// work that every request would do first, done ahead, invisibly to the program.
    fn warm_pool_child(&self) {}
    /// Whether a child of this runner needs to be forked for `request` (of uid `uid`)
    /// rather than taken from the pool, because its set-up depends on the request.
    fn needs_fresh_fork(&self, request: &RunRequest, uid: u32) -> bool {
        let _ = (request, uid);
        false
    }
}

/// The cold runner: boots java.base in this process and runs the program's `main` as the
/// `java` launcher does (`jfork exec`, and a master's child whose request the master's
/// booted runtime cannot serve; the master's other children run on the runtime they
/// inherit, `master::BootedJava`).
#[derive(Debug, Default, Clone)]
pub struct JavaRunner {
    /// The JDK (`--jdk`); `None` discovers it as `java` would be found.
    pub jdk: Option<std::path::PathBuf>,
}

impl JavaRunner {
    /// The interpreter's options for `program`: the class path as the launcher computes it
    /// (`-jar` file, else `-cp`, else `$CLASSPATH`, else `.`), `-D` properties, `-Xmx`.
    pub fn vm_options(&self, program: &Program<'_>) -> jfork_interp::VmOptions {
        let launch = program.launch;
        let class_path = match (&launch.jar, &launch.class_path) {
            (Some(jar), _) => jar.clone(),
            (None, Some(cp)) => cp.clone(),
            (None, None) => std::env::var("CLASSPATH")
                .ok()
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| ".".to_owned()),
        };
        let mut options = jfork_interp::VmOptions {
            jdk: self.jdk.clone(),
            class_path,
            properties: launch.properties.clone(),
            enable_assertions: launch.enable_assertions,
            ..jfork_interp::VmOptions::default()
        };
        // Nested interpreter calls are bounded by the Rust stack left (the runtime's
        // StackOverflowError check), not by a count: the `java` binary's threads recurse
        // through lambdas and reflection thousands deep.
        options.max_nesting = u32::MAX;
        if let Some(max) = launch.max_heap {
            options.heap_max = max as usize;
        }
        options
    }
}

impl ProgramRunner for JavaRunner {
    fn name(&self) -> &'static str {
        "java"
    }

    fn run(&self, program: &Program<'_>) -> i32 {
        self.run_with(program, |_| {})
    }
}

impl JavaRunner {
    /// Runs `program` as [`ProgramRunner::run`] does, calling `prepare` on the booted VM
    /// before `main`.
    pub fn run_with(
        &self,
        program: &Program<'_>,
        prepare: impl FnOnce(&mut jfork_interp::Vm),
    ) -> i32 {
        let mut vm = match jfork_interp::Vm::new(self.vm_options(program)) {
            Ok(vm) => vm,
            Err(e) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "Error occurred during initialization of VM\n{e}"
                );
                return 1;
            }
        };
        if let Err(t) = vm.boot() {
            let _ = writeln!(
                std::io::stderr(),
                "Error occurred during initialization of VM\n{t}"
            );
            return 1;
        }
        prepare(&mut vm);
        let launch = program.launch;
        let main = match &launch.jar {
            Some(jar) => jfork_interp::MainSpec::Jar(jar.clone()),
            None => jfork_interp::MainSpec::Class(program.target().to_owned()),
        };
        vm.run_main(&main, &launch.args)
    }
}

/// The runner `JFORK_TEST_RUNNER` asks the master to use instead of Java: the lifecycle
/// tests' scripted runner for `script`, `None` (Java, on the master's booted runtime) when
/// unset or `java`.
pub fn test_runner_from_environment() -> Result<Option<Box<dyn ProgramRunner>>, String> {
    match std::env::var(TEST_RUNNER_VAR).ok().as_deref() {
        None | Some("") | Some("java") => Ok(None),
        Some("script") => Ok(Some(Box::new(ScriptRunner))),
        Some(other) => Err(format!(
            "{TEST_RUNNER_VAR}={other}: unknown runner (java, or script for the lifecycle tests)"
        )),
    }
}

/// The lifecycle tests' runner: the main class is a `+`-separated script of steps.
///
/// | step | does |
/// |---|---|
/// | `exit:N` | returns N (ends the script) |
/// | `sleep:SECS` | sleeps (fractions allowed) |
/// | `spin` | burns CPU forever |
/// | `alloc:SIZE` | allocates and touches SIZE bytes (`512M`); exits 251 if refused |
/// | `echo-stdin` | copies stdin to stdout until end of file |
/// | `print:TEXT` / `eprint:TEXT` | writes TEXT and a newline to stdout / stderr |
/// | `fork-bomb` | forks until refused, then exits 252 |
/// | `env:KEY` | prints the value of environment variable KEY (or `<unset>`) |
/// | `cwd` | prints the working directory |
/// | `pid` | prints the pid |
/// | `kill:N` | raises signal N (a crashing program) |
/// | `uid` | prints the real uid and gid |
/// | `stamp` | prints `CLOCK_MONOTONIC` in nanoseconds (the spawn benchmark) |
/// | `process` | prints `pid start_time_ms random_seed` as the JDK would see them |
/// | `fds` | prints the open fds, space-separated (the cloner's exit-report pipe as `report`) |
/// | `args` / `props` | prints the program arguments / the system properties, one a line |
///
/// With no `exit:` step the script returns 0.
#[derive(Debug, Default, Clone, Copy)]
pub struct ScriptRunner;

impl ProgramRunner for ScriptRunner {
    fn name(&self) -> &'static str {
        "script"
    }

    fn run(&self, program: &Program<'_>) -> i32 {
        let script = program.target().to_string();
        for step in script.split('+') {
            let (op, arg) = step.split_once(':').unwrap_or((step, ""));
            match run_step(op, arg, program) {
                Ok(Some(code)) => return code,
                Ok(None) => {}
                Err(message) => {
                    eprintln!("script: {step}: {message}");
                    return 2;
                }
            }
        }
        0
    }
}

fn say(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write stdout: {e}"))
}

fn run_step(op: &str, arg: &str, program: &Program<'_>) -> Result<Option<i32>, String> {
    match op {
        "exit" => arg
            .parse()
            .map(Some)
            .map_err(|_| format!("bad code {arg:?}")),
        "sleep" => {
            let secs: f64 = arg.parse().map_err(|_| format!("bad seconds {arg:?}"))?;
            std::thread::sleep(Duration::from_secs_f64(secs.max(0.0)));
            Ok(None)
        }
        "spin" => {
            let start = Instant::now();
            let mut x = 0u64;
            loop {
                x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
                if start.elapsed() > Duration::from_secs(3600) {
                    return Ok(Some((x & 1) as i32));
                }
            }
        }
        "alloc" => {
            let bytes = parse_size(arg).ok_or_else(|| format!("bad size {arg:?}"))?;
            let mut held: Vec<Vec<u8>> = Vec::new();
            let chunk = 1usize << 20;
            let mut total = 0usize;
            while total < bytes {
                let mut block = Vec::new();
                if block.try_reserve_exact(chunk).is_err() {
                    eprintln!("script: allocation failed after {} MiB", total >> 20);
                    return Ok(Some(jfork_resctl::EXIT_MEMORY_LIMIT));
                }
                block.resize(chunk, 1u8);
                held.push(block);
                total += chunk;
            }
            std::hint::black_box(&held);
            Ok(None)
        }
        "echo-stdin" => {
            let mut data = Vec::new();
            std::io::stdin()
                .read_to_end(&mut data)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
            let mut out = std::io::stdout().lock();
            out.write_all(&data)
                .and_then(|()| out.flush())
                .map_err(|e| format!("cannot write stdout: {e}"))?;
            Ok(None)
        }
        "print" => say(arg).map(|()| None),
        "eprint" => {
            eprintln!("{arg}");
            Ok(None)
        }
        "fork-bomb" => loop {
            // SAFETY: the child only sleeps and exits; the script is single-threaded.
            match unsafe { libc::fork() } {
                -1 => {
                    eprintln!("script: fork refused: {}", std::io::Error::last_os_error());
                    return Ok(Some(jfork_resctl::EXIT_PROCESS_LIMIT));
                }
                0 => {
                    std::thread::sleep(Duration::from_secs(30));
                    // SAFETY: _exit ends the forked copy without running the parent's handlers.
                    unsafe { libc::_exit(0) }
                }
                _ => {}
            }
        },
        "env" => say(&std::env::var(arg).unwrap_or_else(|_| "<unset>".into())).map(|()| None),
        "cwd" => {
            let cwd = std::env::current_dir().map_err(|e| format!("getcwd: {e}"))?;
            say(&cwd.display().to_string()).map(|()| None)
        }
        "pid" => say(&std::process::id().to_string()).map(|()| None),
        "kill" => {
            let signal: i32 = arg.parse().map_err(|_| format!("bad signal {arg:?}"))?;
            // SAFETY: raise has no memory effects; the default action of most signals ends
            // the process here.
            unsafe { libc::raise(signal) };
            Ok(None)
        }
        "uid" => {
            // SAFETY: getuid and getgid have no preconditions.
            let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
            say(&format!("{uid} {gid}")).map(|()| None)
        }
        "stamp" => say(&monotonic_ns().to_string()).map(|()| None),
        "process" => {
            let p = program.process;
            say(&format!("{} {} {}", p.pid, p.start_time_ms, p.random_seed)).map(|()| None)
        }
        "fds" => {
            let mut fds: Vec<i32> = std::fs::read_dir("/proc/self/fd")
                .map_err(|e| format!("/proc/self/fd: {e}"))?
                .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
                .collect();
            fds.sort_unstable();
            // The directory being listed holds one fd of its own; it is closed by now.
            fds.retain(|fd| std::fs::read_link(format!("/proc/self/fd/{fd}")).is_ok());
            // The cloner's exit-report pipe is named, not numbered.
            let report = jfork_cloner::exit_report_fd();
            let text: Vec<String> = fds
                .iter()
                .map(|&fd| {
                    if Some(fd) == report {
                        "report".to_string()
                    } else {
                        fd.to_string()
                    }
                })
                .collect();
            say(&text.join(" ")).map(|()| None)
        }
        "args" => {
            for a in &program.launch.args {
                say(a)?;
            }
            Ok(None)
        }
        "props" => {
            for (k, v) in &program.properties {
                say(&format!("{k}={v}"))?;
            }
            Ok(None)
        }
        other => Err(format!("unknown step {other:?}")),
    }
}

/// `CLOCK_MONOTONIC` in nanoseconds: comparable between processes on one machine.
pub fn monotonic_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the live timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

fn parse_size(text: &str) -> Option<usize> {
    let (digits, shift) = match text.as_bytes().last()? {
        b'k' | b'K' => (&text[..text.len() - 1], 10),
        b'm' | b'M' => (&text[..text.len() - 1], 20),
        b'g' | b'G' => (&text[..text.len() - 1], 30),
        _ => (text, 0),
    };
    digits.parse::<usize>().ok()?.checked_mul(1 << shift)
}
