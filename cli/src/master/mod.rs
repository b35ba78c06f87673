//! `jfork master`: preload once, bind the socket, sleep, and fork a child per request.
//!
//! The start-up reads as its phases: [`discover_jdk`](Jdk::discover) → open the class path
//! → boot java.base ([`BootedJava`], the runtime every child inherits) → preload into it →
//! pre-fork clean-up (one OS thread) → bind the socket → daemonize → [`server::serve`].

mod booted;
mod child;
mod pool;
mod server;
mod startup;

use booted::BootedJava;
pub use booted::{BOOT_PROPERTIES, BOOT_PROPERTY_PREFIXES};

use std::fs::OpenOptions;
use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use jfork_preloader::{
    ClassPath, ClassPathSource, EntryKind, Jdk, PreloadList, PreloadReport, Preloader,
};
use jfork_resctl::LimitSpec;
use jfork_resolver::Linker;

use crate::runner;
use crate::socket;

/// Options of `jfork master`.
#[derive(Debug, Clone)]
pub struct MasterOptions {
    /// `--socket PATH`.
    pub socket: PathBuf,
    /// `--jdk DIR`.
    pub jdk: Option<String>,
    /// `-cp PATH`: the booted runtime's application class path, whose classes are
    /// preloaded besides the JDK's; `None`: the launcher's default (`$CLASSPATH`, else `.`),
    /// not preloaded.
    pub class_path: Option<String>,
    /// `--preload LIST`.
    pub preload: String,
    /// `--max-children N`.
    pub max_children: usize,
    /// `--pool N`: children forked ahead of requests (default 1; 0: none).
    pub pool: usize,
    /// `--queue-wait SECS`: how long a request beyond the cap waits for a slot.
    pub queue_wait: Duration,
    /// `--grace SECS`: how long running children get to finish after SIGTERM or `stop`.
    pub grace: Duration,
    /// `--limit SPEC`: the default and ceiling of every child's limits.
    pub limit: LimitSpec,
    /// `--allow-uid UID`: clients of another uid that may run programs.
    pub allowed_uids: Vec<u32>,
    /// `--foreground`: stay attached to the terminal, log to stderr.
    pub foreground: bool,
}

const OPTIONS_HELP: &str = "--socket PATH, --jdk DIR, -cp PATH, --preload LIST, \
     --max-children N, --pool N, --queue-wait SECS, --grace SECS, --limit SPEC, --allow-uid UID, \
     --foreground";

fn parse_seconds(flag: &str, text: &str) -> Result<Duration> {
    text.parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(Duration::from_secs_f64)
        .with_context(|| format!("{flag} {text}: expected a number of seconds"))
}

impl MasterOptions {
    /// Parses the options after `jfork master`.
    pub fn parse(args: &[String]) -> Result<MasterOptions> {
        let mut options = MasterOptions {
            socket: socket::default_socket_path(),
            jdk: None,
            class_path: None,
            preload: "jdk-default".to_string(),
            max_children: 64,
            pool: 1,
            queue_wait: Duration::from_secs(10),
            grace: Duration::from_secs(10),
            limit: LimitSpec::default(),
            allowed_uids: Vec::new(),
            foreground: false,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = |flag: &str| {
                args.next()
                    .cloned()
                    .with_context(|| format!("{flag} needs a value"))
            };
            match arg.as_str() {
                "--socket" => options.socket = PathBuf::from(value(arg)?),
                "--jdk" => options.jdk = Some(value(arg)?),
                "-cp" | "-classpath" | "--class-path" => options.class_path = Some(value(arg)?),
                "--preload" => options.preload = value(arg)?,
                "--max-children" => {
                    let text = value(arg)?;
                    options.max_children =
                        text.parse().ok().filter(|&n| n > 0).with_context(|| {
                            format!("--max-children {text}: expected a positive number")
                        })?;
                }
                "--queue-wait" => options.queue_wait = parse_seconds(arg, &value(arg)?)?,
                "--grace" => options.grace = parse_seconds(arg, &value(arg)?)?,
                "--limit" => {
                    let text = value(arg)?;
                    options.limit =
                        LimitSpec::parse(&text).with_context(|| format!("--limit {text}"))?;
                }
                "--allow-uid" => {
                    let text = value(arg)?;
                    options.allowed_uids.push(
                        text.parse()
                            .with_context(|| format!("--allow-uid {text}: expected a uid"))?,
                    );
                }
                "--pool" => {
                    let text = value(arg)?;
                    options.pool =
                        text.parse().ok().filter(|&n| n <= 64).with_context(|| {
                            format!("--pool {text}: expected a number, 0 to 64")
                        })?;
                }
                "--foreground" => options.foreground = true,
                other => bail!("master: unknown option `{other}` (options: {OPTIONS_HELP})"),
            }
        }
        Ok(options)
    }
}

/// Runs `jfork master`.
pub fn run(args: &[String]) -> Result<ExitCode> {
    let options = MasterOptions::parse(args)?;
    let test_runner = runner::test_runner_from_environment().map_err(anyhow::Error::msg)?;
    socket::ensure_private_dir(&options.socket)?;
    // In the background the log goes to SOCKET.log from the start, so that a master started
    // by `jfork run` does not write its start-up lines on the user's terminal; a start-up
    // failure is still reported there.
    let mut console = if options.foreground {
        None
    } else {
        Some(log_to_file(&options.socket)?)
    };
    let result = start_and_serve(&options, test_runner.as_deref(), &mut console);
    if let (Err(e), Some(console)) = (&result, &console) {
        let mut file = std::fs::File::from(console.try_clone()?);
        let _ = writeln!(file, "jfork: {e:#}");
    }
    result.map(|()| ExitCode::SUCCESS)
}

/// The phases, in order; `test_runner` replaces Java (the lifecycle tests); `console` is
/// the terminal's stderr of a background master, given up once it has detached.
fn start_and_serve(
    options: &MasterOptions,
    test_runner: Option<&dyn runner::ProgramRunner>,
    console: &mut Option<OwnedFd>,
) -> Result<()> {
    // A child's `System.exit` ends it as a returning `main` does: through the cloner,
    // which tells the master its code before the kernel tears the process down.
    jfork_interp::set_process_exit(jfork_cloner::exit_child);
    jfork_interp::set_main_entry_hook(startup::stamp_main);
    let jdk = Jdk::discover(options.jdk.as_deref().map(Path::new))?;
    tracing::info!(jdk = %jdk.home().display(), "JDK discovered");
    // The master's class path and linked classes live as long as the master; the children
    // inherit them.
    let class_path: &'static ClassPath = Box::leak(Box::new(
        ClassPath::for_jdk(&jdk, options.class_path.as_deref().unwrap_or_default())
            .with_context(|| format!("cannot open the JDK image of {}", jdk.home().display()))?,
    ));
    for problem in class_path.problems() {
        tracing::warn!("class path: {problem}");
    }
    let list = preload_list(options, &jdk, class_path)?;
    let booted;
    let (runner, preloaded): (&dyn runner::ProgramRunner, u64) = match test_runner {
        Some(runner) => {
            // No runtime to preload into: the preload still runs (and is counted), into a
            // linker of its own. The JDK's classes are validated there.
            let linker = Linker::new(ClassPathSource::new(class_path)).with_boot_validation(true);
            let report = Preloader::new(class_path).run_with_link(&list, Some(&linker), &|_, _| {});
            (runner, log_preload(&report))
        }
        None => {
            // Boot first, then preload into the booted runtime's own linker: the module
            // system then names each class's loader, and children find the classes linked
            // and registered.
            booted = boot(&jdk, options)?;
            let report = booted.preload(&list);
            let preloaded = log_preload(&report);
            let start = std::time::Instant::now();
            let mains = booted.warm_up();
            tracing::info!(
                main_classes = mains,
                warm_ms = start.elapsed().as_millis() as u64,
                "launcher path warmed"
            );
            (&booted, preloaded)
        }
    };
    prefork_cleanup()?;

    let lock = socket::lock(&options.socket)?;
    let listener = socket::bind(&options.socket, &lock)?;
    tracing::info!(socket = %options.socket.display(), "listening");
    if console.is_some() {
        daemonize(&options.socket, console)?;
    }
    server::serve(listener, options, runner, preloaded)?;
    drop(lock);
    Ok(())
}

/// Boots the runtime the children inherit (after the preload, on the one OS thread).
fn boot(jdk: &Jdk, options: &MasterOptions) -> Result<BootedJava> {
    let start = std::time::Instant::now();
    let booted = BootedJava::boot(jdk.home(), options.class_path.as_deref())?;
    tracing::info!(
        class_path = %booted.class_path(),
        boot_ms = start.elapsed().as_millis() as u64,
        "java.base booted"
    );
    Ok(booted)
}

fn log_path(socket: &Path) -> PathBuf {
    let mut path = socket.as_os_str().to_owned();
    path.push(".log");
    PathBuf::from(path)
}

/// Points stderr at `SOCKET.log`; returns the previous stderr.
fn log_to_file(socket: &Path) -> Result<OwnedFd> {
    let path = log_path(socket);
    let log = OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(&path)
        .with_context(|| format!("cannot open log {}", path.display()))?;
    let console = std::io::stderr()
        .as_fd()
        .try_clone_to_owned()
        .context("cannot duplicate stderr")?;
    // SAFETY: dup2 onto fd 2, which the process owns; `log` stays open until then.
    if unsafe { libc::dup2(log.as_raw_fd(), 2) } == -1 {
        return Err(std::io::Error::last_os_error()).context("dup2");
    }
    Ok(console)
}

/// The preload list of `options` (`--preload`), with the classes of the `-cp` entries
/// added unless it is `none`.
fn preload_list(options: &MasterOptions, jdk: &Jdk, class_path: &ClassPath) -> Result<PreloadList> {
    let mut list = PreloadList::resolve(&options.preload, Some(jdk), class_path)?;
    if options.preload != "none" {
        let mut seen: std::collections::HashSet<String> = list.names.iter().cloned().collect();
        for name in class_path_classes(class_path) {
            if seen.insert(name.clone()) {
                list.names.push(name);
            }
        }
    }
    Ok(list)
}

/// Logs the preload's outcome; returns how many classes it loaded.
fn log_preload(report: &PreloadReport) -> u64 {
    for failure in &report.failures {
        tracing::warn!(
            class = %failure.name,
            step = failure.step,
            "{}: {}",
            failure.error,
            failure.reason
        );
    }
    tracing::info!(
        list = %report.list,
        loaded = report.loaded + report.supertypes_loaded,
        linked = report.linked,
        failed = report.failed,
        missing = report.missing,
        wall_ms = report.wall_ms,
        "preloaded"
    );
    report.loaded + report.supertypes_loaded
}

/// The classes of the `-cp` entries (directories and jars), in internal form: the master
/// preloads them with the list, as the default preload list promises.
fn class_path_classes(class_path: &ClassPath) -> Vec<String> {
    let mut names = Vec::new();
    for entry in class_path.entries() {
        match entry.kind() {
            EntryKind::Jar => {
                if let Some(archive) = entry.archive() {
                    names.extend(archive.class_names());
                }
            }
            EntryKind::Directory => {
                let mut budget = WALK_BUDGET;
                walk_classes(entry.path(), entry.path(), &mut names, 0, &mut budget);
                if budget == 0 {
                    tracing::warn!(
                        "class path directory {} holds more than {WALK_BUDGET} files and \
                         folders: only the classes among the first ones are preloaded",
                        entry.path().display()
                    );
                }
            }
            EntryKind::Jmod | EntryKind::Image => {}
        }
    }
    names
}

/// How many directory entries the preload looks at per class path directory: `jfork run`
/// from a home directory starts a master with `-cp $HOME`, which must not walk all of it.
const WALK_BUDGET: usize = 50_000;

fn walk_classes(
    root: &Path,
    dir: &Path,
    names: &mut Vec<String>,
    depth: usize,
    budget: &mut usize,
) {
    // Package trees are shallow; the bound stops a symlink loop.
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    if depth > 32 {
        return;
    }
    for entry in read.flatten() {
        if *budget == 0 {
            return;
        }
        *budget -= 1;
        let path = entry.path();
        if path.is_dir() {
            walk_classes(root, &path, names, depth + 1, budget);
        } else if let Some(name) = path
            .strip_prefix(root)
            .ok()
            .and_then(|p| p.to_str())
            .and_then(|p| p.strip_suffix(".class"))
            && !name.ends_with("module-info")
        {
            names.push(name.to_string());
        }
    }
}

/// Before the first fork: the preload threads must be gone (DESIGN.md decision 1). There is
/// no collector to run yet.
fn prefork_cleanup() -> Result<()> {
    let threads = jfork_cloner::os_thread_count().context("cannot count OS threads")?;
    if threads != 1 {
        bail!("{threads} OS threads are left after preloading; the master forks with one only");
    }
    collapse_to_huge_pages();
    Ok(())
}

/// Folds the master's malloc memory (the `brk` heap and the arenas the preload threads
/// used, where the linked classes and the runtime's tables live) into transparent huge pages
/// with `MADV_COLLAPSE`, so that each fork copies one page-table entry per 2 MiB instead of
/// 512 (DESIGN.md decision 2: fork cost grows with the parent's small-page entries). Later
/// faults there keep small pages (the mappings are not advised for huge pages), and a page
/// a child writes is still copied 4 KiB at a time (the kernel splits the huge entry first).
/// Best effort: a kernel without `MADV_COLLAPSE`, or without free huge pages, leaves the
/// memory as it was.
fn collapse_to_huge_pages() {
    const HUGE: u64 = 2 << 20;
    let Ok(mappings) = jfork_cloner::mappings() else {
        return;
    };
    let mut collapsed = 0u64;
    for m in mappings {
        // Private writable memory of malloc: the `brk` heap and anonymous mappings.
        if &m.perms != b"rw-p" || !(m.path.is_empty() || m.path == "[heap]") {
            continue;
        }
        let (start, end) = (m.start as u64, m.end as u64);
        let (start, end) = (start.next_multiple_of(HUGE), end / HUGE * HUGE);
        if end <= start {
            continue;
        }
        // SAFETY: `start..end` lies inside one private anonymous mapping of this process;
        // collapsing only changes how its pages are mapped, not their contents.
        let done = unsafe {
            libc::madvise(
                start as *mut libc::c_void,
                (end - start) as usize,
                libc::MADV_COLLAPSE,
            )
        };
        if done == 0 {
            collapsed += end - start;
        }
    }
    tracing::info!(
        mib = collapsed >> 20,
        "malloc memory folded into huge pages"
    );
}

/// Detaches from the terminal: double fork and `setsid`; stdin from /dev/null, stdout to
/// the log that stderr already writes to (`SOCKET.log`). The original process prints the
/// master's pid and exits once the socket is already listening, so that a client that
/// waited for it can connect.
fn daemonize(socket: &Path, console: &mut Option<OwnedFd>) -> Result<()> {
    let null = OpenOptions::new()
        .read(true)
        .open("/dev/null")
        .context("cannot open /dev/null")?;
    let mut fds = [0; 2];
    // SAFETY: pipe2 writes two new fds into the array.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } == -1 {
        return Err(std::io::Error::last_os_error()).context("pipe2");
    }
    // SAFETY: one OS thread (checked before), so the child's copy of the process is sound.
    match unsafe { libc::fork() } {
        -1 => Err(std::io::Error::last_os_error()).context("fork"),
        0 => {
            // SAFETY: plain system calls in the first child; it _exits without unwinding.
            unsafe {
                libc::close(fds[0]);
                libc::setsid();
                match libc::fork() {
                    -1 => libc::_exit(1),
                    0 => {}
                    _ => libc::_exit(0),
                }
                let pid = libc::getpid().to_ne_bytes();
                libc::write(fds[1], pid.as_ptr().cast(), pid.len());
                libc::close(fds[1]);
                libc::dup2(null.as_raw_fd(), 0);
                libc::dup2(2, 1);
            }
            // The daemon keeps nothing of the terminal (a pipe's reader would wait for it).
            console.take();
            let _ = std::env::set_current_dir("/");
            Ok(())
        }
        first => {
            let mut pid = [0u8; 4];
            // SAFETY: reads into a live buffer, then reaps the first child.
            let n = unsafe {
                libc::close(fds[1]);
                let n = libc::read(fds[0], pid.as_mut_ptr().cast(), pid.len());
                libc::waitpid(first, std::ptr::null_mut(), 0);
                n
            };
            if n == 4 {
                println!(
                    "jfork: master {} listening on {}",
                    i32::from_ne_bytes(pid),
                    socket.display()
                );
                std::process::exit(0);
            }
            bail!("the master did not start in the background");
        }
    }
}
