//! `jfork`: a Java runtime whose master process preloads and boots the class library once,
//! then answers each request to run a program by forking itself.
//!
//! The crate is the `jfork` binary's commands as a library, so that the end-to-end tests
//! can drive the same code:
//! - [`master`]: `jfork master`, the fork server (start-up phases, the poll loop, children);
//! - [`client`]: `jfork run`, `jfork status`, `jfork stop`;
//! - [`protocol`]: the framed wire protocol (documented in `docs/PROTOCOL.md`);
//! - [`socket`]: the socket path, its directory's safety, one master per socket;
//! - [`runner`]: the seam where a child runs the program ([`runner::ProgramRunner`]);
//! - [`launch`]: the `java`-compatible options.
//!
//! See `shared/DESIGN.md` for the command line and `ARCHITECTURE.md` for the code map.
//!
//! ```no_run
//! use jfork::protocol::{Message, RunRequest};
//! use jfork::launch::Launch;
//!
//! // What `jfork run Hello world` sends (with its stdin, stdout and stderr as fds).
//! let launch = Launch::parse(&["Hello".to_string(), "world".to_string()]).unwrap();
//! let request = RunRequest { launch, cwd: "/tmp".into(), env: vec![], limit: None };
//! let stream = jfork::client::connect(&jfork::socket::default_socket_path())?;
//! let exit = jfork::client::run_request(&stream, &request)?;
//! println!("exit status {} ({})", exit.code, exit.cause);
//! # let _ = Message::Status;
//! # Ok::<(), anyhow::Error>(())
//! ```

pub mod client;
mod inspect;
pub mod launch;
pub mod master;
mod preload;
pub mod protocol;
pub mod runner;
pub mod socket;

use std::process::ExitCode;

use anyhow::Result;

use launch::Launch;
use runner::{ChildProcess, Program, ProgramRunner};

const USAGE: &str = "\
usage: jfork <command> [options]

commands:
  exec    [--jdk DIR] [--limit SPEC] [java options] MAIN [ARGS...]   run cold, no master
  run     [--socket PATH] [--no-daemon] [--limit SPEC] [java options] MAIN [ARGS...]
  master  [--socket PATH] [--jdk DIR] [-cp PATH] [--preload LIST] [--pool N]
          [--max-children N] [--queue-wait SECS] [--grace SECS] [--limit SPEC]
          [--allow-uid UID] [--foreground]
  status  [--socket PATH] [--json]
  stop    [--socket PATH]
  preload [--jdk DIR] [-cp PATH] [--preload LIST] [--json]
  classlist [--output FILE] [--preload LIST] [java options] MAIN [ARGS...]
  inspect [--jdk DIR] [-cp PATH] CLASS|FILE.class

java options: -cp/-classpath/--class-path PATH, -jar FILE, -DKEY=VALUE, -Xmx, -Xss, -ea
limit SPEC:   mem=256M,cpu=10s,wall=30s,procs=64,files=256,nice=5
logging:      RUST_LOG=debug (the master logs to stderr, or to SOCKET.log in the background)
";

/// Runs the `jfork` command line (without the program name); returns the exit status.
pub fn main_with_args(args: &[String]) -> ExitCode {
    // The client commands log nothing of their own: they skip the subscriber's set-up (an
    // environment filter and a span registry, measurable in `jfork run`'s start-up).
    let client = matches!(
        args.first().map(String::as_str),
        Some("run" | "status" | "stop" | "help" | "-h" | "--help")
    );
    if !client || std::env::var_os("RUST_LOG").is_some() {
        init_logging();
    }
    match dispatch(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("jfork: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// The main thread's stack limit for commands that run Java on it (`exec`, `master` and its
/// children, `classlist`): deep Java recursion through lambdas, reflection or `<clinit>`
/// nests the interpreter on the Rust stack, and HotSpot's threads go thousands of such
/// levels deep. Reserved, not committed: only pages a program touches count.
const JAVA_STACK: u64 = 1 << 30;

/// Raises this process's stack limit to [`JAVA_STACK`] and re-executes itself once so the
/// main thread's stack may grow that far (the kernel sizes it from the limit at `exec`).
/// Does nothing when the limit is already high, the hard limit forbids it, or it fails.
pub fn ensure_java_stack() {
    const MARK: &str = "JFORK_STACK_RAISED";
    if std::env::var_os(MARK).is_some() {
        return;
    }
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit/setrlimit on a valid struct.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_STACK, &mut limit) != 0 {
            return;
        }
        if limit.rlim_cur == libc::RLIM_INFINITY || limit.rlim_cur >= JAVA_STACK {
            return;
        }
        let target = if limit.rlim_max == libc::RLIM_INFINITY {
            JAVA_STACK
        } else {
            limit.rlim_max.min(JAVA_STACK)
        };
        if target <= limit.rlim_cur {
            return;
        }
        limit.rlim_cur = target;
        if libc::setrlimit(libc::RLIMIT_STACK, &limit) != 0 {
            return;
        }
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    use std::os::unix::process::CommandExt;
    // Only returns on failure; then carry on with the stack we have.
    let _ = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env(MARK, "1")
        .exec();
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}

fn dispatch(args: &[String]) -> Result<ExitCode> {
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return Ok(ExitCode::from(2));
    };
    match command.as_str() {
        "exec" => exec(rest),
        "run" => client::run(rest),
        "master" => master::run(rest),
        "status" => client::status(rest),
        "stop" => client::stop(rest),
        "preload" => preload::run(rest),
        "inspect" => inspect::run(rest),
        "classlist" => classlist(rest),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => {
            eprint!("jfork: unknown command `{other}`\n{USAGE}");
            Ok(ExitCode::from(2))
        }
    }
}

/// The options jfork itself reads before the `java` options of `exec`.
#[derive(Debug, Default)]
struct JforkOptions {
    jdk: Option<String>,
    limit: Option<String>,
}

/// Splits jfork's own leading options (`--jdk DIR`, `--limit SPEC`) from the rest.
fn jfork_options(args: &[String]) -> Result<(JforkOptions, &[String])> {
    let mut options = JforkOptions::default();
    let mut rest = args;
    loop {
        match rest {
            [flag, value, tail @ ..] if flag == "--jdk" => {
                options.jdk = Some(value.clone());
                rest = tail;
            }
            [flag, value, tail @ ..] if flag == "--limit" => {
                options.limit = Some(value.clone());
                rest = tail;
            }
            [flag] if flag == "--jdk" || flag == "--limit" => anyhow::bail!("{flag} needs a value"),
            _ => return Ok((options, rest)),
        }
    }
}

/// `jfork classlist [--output FILE] [--preload LIST] [--jdk DIR] [java options] MAIN [ARGS...]`:
/// runs the program as `exec` does and writes, in HotSpot's classlist format (one internal
/// name per line, load order), the classes it loaded that `LIST` (default `jdk-default`)
/// does not name, to `FILE` (default `jfork.classlist`), so the list can grow the master's
/// preload (`--preload FILE`). Written when the program ends, `System.exit` included.
fn classlist(args: &[String]) -> Result<ExitCode> {
    let mut output = std::path::PathBuf::from("jfork.classlist");
    let mut preload = "jdk-default".to_owned();
    let mut rest = args;
    loop {
        match rest {
            [flag, value, tail @ ..] if flag == "--output" || flag == "-o" => {
                output = value.into();
                rest = tail;
            }
            [flag, value, tail @ ..] if flag == "--preload" => {
                preload = value.clone();
                rest = tail;
            }
            [flag] if flag == "--output" || flag == "-o" || flag == "--preload" => {
                anyhow::bail!("{flag} needs a value")
            }
            _ => break,
        }
    }
    let (options, java_args) = jfork_options(rest)?;
    let launch = match Launch::parse(java_args) {
        Ok(launch) => launch,
        Err(e) => {
            eprint!("{}", e.java_stderr());
            return Ok(ExitCode::from(1));
        }
    };
    let jdk = jfork_preloader::Jdk::discover(options.jdk.as_deref().map(std::path::Path::new))?;
    let known = jfork_preloader::PreloadList::resolve(
        &preload,
        Some(&jdk),
        &jfork_preloader::ClassPath::new(),
    )?;
    let known: std::collections::HashSet<String> = known.names.into_iter().collect();
    let cwd = std::env::current_dir()?.to_string_lossy().into_owned();
    let program = Program::new(&launch, &cwd, ChildProcess::current());
    let runner = runner::JavaRunner {
        jdk: Some(jdk.home().to_path_buf()),
    };
    let code = runner.run_with(&program, move |vm| {
        let target = output.clone();
        vm.on_exit(move |classes| {
            let new: Vec<String> = classes.into_iter().filter(|c| !known.contains(c)).collect();
            let mut text =
                String::from("# jfork classlist: classes loaded beyond the preload list\n");
            for c in &new {
                text.push_str(c);
                text.push('\n');
            }
            match std::fs::write(&target, text) {
                Ok(()) => eprintln!("jfork: wrote {} classes to {}", new.len(), target.display()),
                Err(e) => eprintln!("jfork: cannot write {}: {e}", target.display()),
            }
        });
    });
    Ok(ExitCode::from(code.clamp(0, 255) as u8))
}

/// `jfork exec`: run a program cold, in this process, with no master, through the same
/// runner a master's child uses.
fn exec(args: &[String]) -> Result<ExitCode> {
    let (options, java_args) = jfork_options(args)?;
    let launch = match Launch::parse(java_args) {
        Ok(launch) => launch,
        Err(e) => {
            eprint!("{}", e.java_stderr());
            return Ok(ExitCode::from(1));
        }
    };
    let cwd = std::env::current_dir()?.to_string_lossy().into_owned();
    let program = Program::new(&launch, &cwd, ChildProcess::current());
    let runner = runner::JavaRunner {
        jdk: options.jdk.map(std::path::PathBuf::from),
    };
    let code = runner.run(&program);
    Ok(ExitCode::from(code.clamp(0, 255) as u8))
}
