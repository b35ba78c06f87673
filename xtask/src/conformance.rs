//! `cargo xtask conformance`: HotSpot is the oracle (DESIGN.md decision 4).
//!
//! Each program under `conformance/programs/<name>/` is compiled with `javac --release 17`,
//! run with `java` for the expected stdout, stderr and exit code, then run through jfork and
//! compared byte for byte. Nothing is normalised: stack traces, messages and exit codes
//! must match exactly.
//!
//! `--via` picks how jfork runs it:
//! - `exec` (the default): `jfork exec -cp classes [java-flags] Main [args]`, cold, in one
//!   process;
//! - `run`: a `jfork master -cp classes --foreground` on a private temporary socket (so the
//!   request takes the fast path of the booted runtime), then `jfork run --socket S
//!   --no-daemon -cp classes [java-flags] Main [args]`, then `jfork stop`; the master must
//!   exit successfully, and is killed on every other path;
//! - `both`: `exec`, then `run`, each with its own counts.
//!
//! A program's folder holds `Main.java` (and any other sources), and optionally `args` (one
//! argument per line), `stdin` (bytes for standard input), `javac-flags` and `java-flags`
//! (whitespace-separated options).
//!
//! **Known gaps.** A program that fails for a known, documented reason gets a `known-gap`
//! file in its folder: one line saying why (`run: ` or `exec: ` in front limits it to that
//! mode). Its failure is then reported as `GAP name: reason`, counted apart, and does not
//! fail `--gate`; without the file every failure counts. A program that passes despite its
//! `known-gap` passes, with a note that the file can go. An empty `known-gap` is an error.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::{build_dir, cargo, run_step, target_dir, workspace_root};

mod master;
mod outcome;
use master::Master;
use outcome::{Outcome, RUN_TIMEOUT, compare, execute};

/// Command-line options of `cargo xtask conformance`.
#[derive(Debug, Default)]
pub struct Options {
    /// Exit non-zero when a program fails.
    pub gate: bool,
    /// Use a debug build of jfork.
    pub debug: bool,
    /// Print the first differing lines of each failure.
    pub verbose: bool,
    /// Only programs whose name contains one of these.
    pub filters: Vec<String>,
    /// How jfork runs the programs.
    pub via: Via,
}

/// `--via`: the ways of running a program through jfork that are compared with `java`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Via {
    /// `jfork exec`.
    #[default]
    Exec,
    /// `jfork run` on a master booted with the program's class path.
    Run,
    /// `exec`, then `run`.
    Both,
}

impl Via {
    fn modes(self) -> &'static [Mode] {
        match self {
            Via::Exec => &[Mode::Exec],
            Via::Run => &[Mode::Run],
            Via::Both => &[Mode::Exec, Mode::Run],
        }
    }
}

/// One way of running a program through jfork.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `jfork exec`.
    Exec,
    /// `jfork run` on a master.
    Run,
}

impl Mode {
    /// `exec` or `run`, as in `--via` and in `known-gap`.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Exec => "exec",
            Mode::Run => "run",
        }
    }
}

impl Options {
    /// Parses the arguments that follow `conformance`.
    pub fn parse(args: &[String]) -> Result<Options> {
        let mut options = Options::default();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--gate" => options.gate = true,
                "--debug" => options.debug = true,
                "--verbose" | "-v" => options.verbose = true,
                "--via" => {
                    options.via = match args.next().map(String::as_str) {
                        Some("exec") => Via::Exec,
                        Some("run") => Via::Run,
                        Some("both") => Via::Both,
                        Some(other) => bail!("--via {other}: expected exec, run or both"),
                        None => bail!("--via needs a value (exec, run or both)"),
                    }
                }
                "--filter" => match args.next() {
                    Some(text) => options.filters.push(text.clone()),
                    None => bail!("--filter needs a value"),
                },
                flag if flag.starts_with('-') => bail!(
                    "unknown conformance option `{flag}` (options: --gate, --debug, --verbose, \
                     --via exec|run|both, --filter TEXT)"
                ),
                name => options.filters.push(name.to_string()),
            }
        }
        Ok(options)
    }
}

/// The counts of one mode.
#[derive(Debug, Clone)]
pub struct ModeSummary {
    /// How jfork ran the programs.
    pub mode: Mode,
    /// Matched HotSpot.
    pub passed: usize,
    /// Did not match HotSpot, or the harness could not run them: these fail `--gate`.
    pub failed: usize,
    /// Did not match, with a `known-gap` file that says why.
    pub gaps: usize,
    /// Not compared (no JDK, or HotSpot itself timed out).
    pub skipped: usize,
    /// The names of the failed programs.
    pub failures: Vec<String>,
    /// The wall time of this mode's runs (master start and stop included), summed over
    /// programs.
    pub busy: Duration,
    /// Runs whose master ran the request cold, not on its booted runtime (`run` only).
    pub cold: usize,
}

impl ModeSummary {
    fn new(mode: Mode) -> ModeSummary {
        ModeSummary {
            mode,
            passed: 0,
            failed: 0,
            gaps: 0,
            skipped: 0,
            failures: Vec::new(),
            busy: Duration::ZERO,
            cold: 0,
        }
    }
}

/// The counts printed on the closing lines: totals over the modes, and each mode's.
#[derive(Debug, Default)]
pub struct Summary {
    /// Program runs that matched HotSpot, over all modes.
    pub passed: usize,
    /// Program runs that failed, over all modes (known gaps not included).
    pub failed: usize,
    /// Program runs not compared, over all modes.
    pub skipped: usize,
    /// Program runs that failed with a `known-gap` file, over all modes.
    pub gaps: usize,
    /// Each mode's counts, in the order they ran.
    pub modes: Vec<ModeSummary>,
}

impl Summary {
    fn add(&mut self, mode: ModeSummary) {
        self.passed += mode.passed;
        self.failed += mode.failed;
        self.skipped += mode.skipped;
        self.gaps += mode.gaps;
        self.modes.push(mode);
    }
}

/// One conformance program on disk.
struct Program {
    name: String,
    dir: PathBuf,
}

impl Program {
    fn words(&self, file: &str) -> Result<Vec<String>> {
        let path = self.dir.join(file);
        match fs::read_to_string(&path) {
            Ok(text) => Ok(text.split_whitespace().map(str::to_string).collect()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    fn args(&self) -> Result<Vec<String>> {
        let path = self.dir.join("args");
        match fs::read_to_string(&path) {
            Ok(text) => Ok(text.lines().map(str::to_string).collect()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    fn stdin(&self) -> Option<PathBuf> {
        let path = self.dir.join("stdin");
        path.is_file().then_some(path)
    }

    /// The reason in `known-gap` that applies to `mode`, if the file exists: the first line
    /// that names `mode` (`run: ...`) or no mode at all.
    fn known_gap(&self, mode: Mode) -> Result<Option<String>> {
        let path = self.dir.join("known-gap");
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        match gap_reason(&text, mode) {
            Some(reason) => Ok(reason),
            None => bail!(
                "{} is empty: it must say in one line why the program fails",
                path.display()
            ),
        }
    }

    fn sources(&self) -> Result<Vec<PathBuf>> {
        let mut sources = Vec::new();
        for entry in fs::read_dir(&self.dir)
            .with_context(|| format!("cannot list {}", self.dir.display()))?
        {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "java") {
                sources.push(path);
            }
        }
        sources.sort();
        Ok(sources)
    }
}

/// The reason in the text of a `known-gap` file that applies to `mode` (`Some(None)`: none
/// does, the file names only the other mode); `None` for a file with no reason at all.
fn gap_reason(text: &str, mode: Mode) -> Option<Option<String>> {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .peekable();
    lines.peek()?;
    for line in lines {
        let scoped = [Mode::Exec, Mode::Run].into_iter().find_map(|m| {
            let reason = line.strip_prefix(m.name())?.strip_prefix(':')?;
            Some((m, reason.trim()))
        });
        match scoped {
            Some((m, reason)) if m == mode => return Some(Some(reason.to_string())),
            Some(_) => {}
            None => return Some(Some(line.to_string())),
        }
    }
    Some(None)
}

enum Verdict {
    /// Matched; the text is a note (a `known-gap` file that is no longer needed).
    Pass(Option<String>),
    Fail(String),
    /// Failed, with the `known-gap` reason and the failure.
    Gap(String, String),
    Skip(String),
}

/// One program in one mode.
struct Report {
    verdict: Verdict,
    /// The wall time of jfork's side (for `run`: master start, run and stop).
    busy: Duration,
    /// Why the master ran the request cold, if it did (`run` only).
    cold: Option<String>,
}

/// The JDK tools the oracle uses.
struct Jdk {
    java: PathBuf,
    javac: PathBuf,
}

impl Jdk {
    fn find() -> Option<Jdk> {
        let bin = match std::env::var_os("JAVA_HOME") {
            Some(home) => PathBuf::from(home).join("bin"),
            None => PathBuf::new(),
        };
        let tool = |name: &str| {
            let candidate = bin.join(name);
            if candidate.is_file() {
                Some(candidate)
            } else {
                which(name)
            }
        };
        Some(Jdk {
            java: tool("java")?,
            javac: tool("javac")?,
        })
    }
}

fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// Runs every selected program in each mode of `--via`, prints one line per program and
/// mode, then each mode's counts and failures.
pub fn run(options: &Options) -> Result<Summary> {
    let programs = discover(options)?;
    let modes = options.via.modes();
    let Some(jdk) = Jdk::find() else {
        if options.gate {
            bail!("conformance --gate needs java and javac (on PATH or in JAVA_HOME)");
        }
        let mut summary = Summary::default();
        for &mode in modes {
            let mut counts = ModeSummary::new(mode);
            for program in &programs {
                println!(
                    "SKIP {}{} (no java/javac on PATH or in JAVA_HOME)",
                    program.name,
                    label(modes, mode)
                );
                counts.skipped += 1;
            }
            summary.add(counts);
        }
        print_summary(&summary);
        return Ok(summary);
    };
    let jfork = build_jfork(options.debug)?;

    let next = AtomicUsize::new(0);
    let reports: Mutex<Vec<Option<Vec<Report>>>> =
        Mutex::new(programs.iter().map(|_| None).collect());
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..workers.min(programs.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(program) = programs.get(index) else {
                        break;
                    };
                    let report = check(&jdk, &jfork, program, modes, options.verbose);
                    if let Ok(mut reports) = reports.lock() {
                        reports[index] = Some(report);
                    }
                }
            });
        }
    });

    let reports = reports.into_inner().unwrap_or_default();
    let mut counts: Vec<ModeSummary> = modes.iter().map(|&m| ModeSummary::new(m)).collect();
    for (program, reports) in programs.iter().zip(reports) {
        for (i, &mode) in modes.iter().enumerate() {
            let name = format!("{}{}", program.name, label(modes, mode));
            let counts = &mut counts[i];
            let report = reports.as_ref().and_then(|r| r.get(i));
            if let Some(report) = report {
                counts.busy += report.busy;
                counts.cold += usize::from(report.cold.is_some());
                if let (true, Some(why)) = (options.verbose, &report.cold) {
                    println!("COLD {name}: {why}");
                }
            }
            match report.map(|r| &r.verdict) {
                Some(Verdict::Pass(None)) => {
                    counts.passed += 1;
                    println!("PASS {name}");
                }
                Some(Verdict::Pass(Some(note))) => {
                    counts.passed += 1;
                    println!("PASS {name} ({note})");
                }
                Some(Verdict::Skip(why)) => {
                    counts.skipped += 1;
                    println!("SKIP {name} ({why})");
                }
                Some(Verdict::Gap(reason, why)) => {
                    counts.gaps += 1;
                    println!("GAP {name}: {reason}");
                    if options.verbose {
                        println!("    ({why})");
                    }
                }
                Some(Verdict::Fail(why)) => {
                    counts.failed += 1;
                    counts.failures.push(program.name.clone());
                    println!("FAIL {name}: {why}");
                }
                None => {
                    counts.failed += 1;
                    counts.failures.push(program.name.clone());
                    println!("FAIL {name}: the harness did not finish it");
                }
            }
        }
    }
    eprintln!(
        "conformance: {} programs via {} in {:.1} s ({workers} workers)",
        programs.len(),
        modes
            .iter()
            .map(|m| m.name())
            .collect::<Vec<_>>()
            .join(" and "),
        started.elapsed().as_secs_f64()
    );
    let mut summary = Summary::default();
    for mode in counts {
        summary.add(mode);
    }
    print_summary(&summary);
    Ok(summary)
}

/// ` (run)` after a program's name when more than one mode runs.
fn label(modes: &[Mode], mode: Mode) -> String {
    if modes.len() > 1 {
        format!(" ({})", mode.name())
    } else {
        String::new()
    }
}

/// One line of counts per mode (`exec: 106 passed, 2 failed`), then the failed programs.
fn print_summary(summary: &Summary) {
    for mode in &summary.modes {
        let mut line = format!(
            "{}: {} passed, {} failed",
            mode.mode.name(),
            mode.passed,
            mode.failed
        );
        if mode.gaps > 0 {
            let _ = write!(line, ", {} known gaps", mode.gaps);
        }
        if mode.skipped > 0 {
            let _ = write!(line, ", {} skipped", mode.skipped);
        }
        if mode.cold > 0 {
            let _ = write!(line, "; {} ran cold in the master's child", mode.cold);
        }
        let _ = write!(line, " ({:.1} s of runs)", mode.busy.as_secs_f64());
        println!("{line}");
    }
    for mode in &summary.modes {
        if !mode.failures.is_empty() {
            println!(
                "failed via {}: {}",
                mode.mode.name(),
                mode.failures.join(" ")
            );
        }
    }
}

fn discover(options: &Options) -> Result<Vec<Program>> {
    let root = workspace_root().join("conformance/programs");
    let mut programs = Vec::new();
    for entry in fs::read_dir(&root).with_context(|| format!("cannot list {}", root.display()))? {
        let dir = entry?.path();
        if !dir.join("Main.java").is_file() {
            continue;
        }
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if options.filters.is_empty() || options.filters.iter().any(|f| name.contains(f)) {
            programs.push(Program { name, dir });
        }
    }
    programs.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(programs)
}

fn build_jfork(debug: bool) -> Result<PathBuf> {
    let mut build = cargo();
    build.args(["build", "--quiet", "--package", "jfork"]);
    if !debug {
        build.arg("--release");
    }
    run_step("build jfork", &mut build)?;
    let profile = if debug { "debug" } else { "release" };
    Ok(build_dir(profile).join("jfork"))
}

/// Runs `program` on HotSpot once, then through jfork in each of `modes`.
fn check(jdk: &Jdk, jfork: &Path, program: &Program, modes: &[Mode], verbose: bool) -> Vec<Report> {
    let every = |verdict: &dyn Fn() -> Verdict| {
        modes
            .iter()
            .map(|_| Report {
                verdict: verdict(),
                busy: Duration::ZERO,
                cold: None,
            })
            .collect()
    };
    let oracle = match Oracle::new(jdk, program) {
        Ok(oracle) => oracle,
        Err(e) => return every(&|| Verdict::Fail(format!("{e:#}"))),
    };
    if oracle.expected.code.is_none() {
        return every(&|| {
            Verdict::Skip(format!(
                "HotSpot itself did not finish within {} s",
                RUN_TIMEOUT.as_secs()
            ))
        });
    }
    modes
        .iter()
        .map(|&mode| {
            let start = Instant::now();
            let mut cold = None;
            let verdict = match oracle.compare_with(jfork, mode, verbose) {
                Ok(run) => {
                    cold = run.cold;
                    match run.difference {
                        None => Verdict::Pass(None),
                        Some(difference) => {
                            Verdict::Fail(format!("jfork {}: {difference}", mode.name()))
                        }
                    }
                }
                Err(e) => Verdict::Fail(format!("jfork {}: {e:#}", mode.name())),
            };
            let busy = start.elapsed();
            let verdict = match (verdict, program.known_gap(mode)) {
                (_, Err(e)) => Verdict::Fail(format!("{e:#}")),
                (Verdict::Fail(why), Ok(Some(reason))) => Verdict::Gap(reason, why),
                (Verdict::Pass(_), Ok(Some(_))) => Verdict::Pass(Some(format!(
                    "its known-gap no longer applies to {}: delete or narrow the file",
                    mode.name()
                ))),
                (verdict, Ok(None)) => verdict,
                (verdict, Ok(Some(_))) => verdict,
            };
            Report {
                verdict,
                busy,
                cold,
            }
        })
        .collect()
}

/// How one run through jfork went.
struct JforkRun {
    /// How it differs from HotSpot's run, if it does.
    difference: Option<String>,
    /// Why the master ran it cold (`run` only).
    cold: Option<String>,
}

/// A compiled program and what HotSpot did with it.
struct Oracle {
    classes: PathBuf,
    java_flags: Vec<String>,
    args: Vec<String>,
    stdin: Option<PathBuf>,
    /// `target/conformance/<name>`: the outputs of each run.
    work: PathBuf,
    expected: Outcome,
}

impl Oracle {
    fn new(jdk: &Jdk, program: &Program) -> Result<Oracle> {
        let classes = compile(jdk, program)?;
        let java_flags = program.words("java-flags")?;
        let args = program.args()?;
        let stdin = program.stdin();
        let work = target_dir().join("conformance").join(&program.name);
        let mut java = Command::new(&jdk.java);
        java.arg("-cp")
            .arg(&classes)
            .args(&java_flags)
            .arg("Main")
            .args(&args);
        let expected = execute(java, stdin.as_deref(), &work.join("java"))?;
        Ok(Oracle {
            classes,
            java_flags,
            args,
            stdin,
            work,
            expected,
        })
    }

    /// Runs the program through jfork in `mode`; describes how it differs from HotSpot.
    fn compare_with(&self, jfork: &Path, mode: Mode, verbose: bool) -> Result<JforkRun> {
        let dir = self.work.join(format!("jfork-{}", mode.name()));
        let mut command = Command::new(jfork);
        match mode {
            Mode::Exec => {
                command.arg("exec");
                let actual = execute(self.java_command(command), self.stdin.as_deref(), &dir)?;
                Ok(JforkRun {
                    difference: compare(&self.expected, &actual, verbose),
                    cold: None,
                })
            }
            Mode::Run => {
                fs::create_dir_all(&dir)?;
                let log = dir.join("master.log");
                let master = Master::start(jfork, &self.classes, &log)?;
                command
                    .arg("run")
                    .arg("--socket")
                    .arg(master.socket())
                    .arg("--no-daemon");
                // On an error the master is dropped, and so killed.
                let actual = execute(self.java_command(command), self.stdin.as_deref(), &dir)?;
                let stopped = master.stop();
                let mut differences: Vec<String> = compare(&self.expected, &actual, verbose)
                    .into_iter()
                    .collect();
                if let Err(e) = stopped {
                    differences.push(format!("{e:#}"));
                }
                Ok(JforkRun {
                    difference: (!differences.is_empty()).then(|| differences.join("; ")),
                    cold: master::cold_reason(&log),
                })
            }
        }
    }

    /// `command` (jfork and its subcommand) followed by the `java` options and program.
    fn java_command(&self, mut command: Command) -> Command {
        command
            .arg("-cp")
            .arg(&self.classes)
            .args(&self.java_flags)
            .arg("Main")
            .args(&self.args);
        command
    }
}

/// Compiles the program's sources into `target/conformance/<name>/classes`, unless a stamp
/// shows the same sources and flags were compiled already.
fn compile(jdk: &Jdk, program: &Program) -> Result<PathBuf> {
    let out = target_dir()
        .join("conformance")
        .join(&program.name)
        .join("classes");
    let flags = program.words("javac-flags")?;
    let sources = program.sources()?;
    let mut stamp = format!("{flags:?}\n");
    for source in &sources {
        let meta = fs::metadata(source)?;
        let modified = meta
            .modified()?
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let _ = writeln!(
            stamp,
            "{} {} {}",
            source.display(),
            meta.len(),
            modified.as_nanos()
        );
    }
    let stamp_path = out.with_file_name("classes.stamp");
    if fs::read_to_string(&stamp_path).is_ok_and(|old| old == stamp) {
        return Ok(out);
    }
    if out.exists() {
        fs::remove_dir_all(&out)?;
    }
    fs::create_dir_all(&out)?;
    // javac's own JVM with C1 only and the serial collector: the same class files, a third
    // less CPU for programs this small (one javac per program is most of a clean run).
    let output = Command::new(&jdk.javac)
        .args(["-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"])
        .args(["--release", "17", "-encoding", "UTF-8", "-d"])
        .arg(&out)
        .args(&flags)
        .args(&sources)
        .output()
        .context("cannot start javac")?;
    if !output.status.success() {
        bail!(
            "javac failed:\n{}",
            String::from_utf8_lossy(&output.stderr).trim_end()
        );
    }
    fs::write(&stamp_path, stamp)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn via_parses_and_defaults_to_exec() {
        assert_eq!(Options::parse(&[]).unwrap().via, Via::Exec);
        let options = Options::parse(&args("--via both --gate sys-")).unwrap();
        assert_eq!(options.via, Via::Both);
        assert!(options.gate);
        assert_eq!(options.filters, ["sys-"]);
        assert_eq!(Via::Both.modes(), [Mode::Exec, Mode::Run]);
        assert!(Options::parse(&args("--via fork")).is_err());
        assert!(Options::parse(&args("--via")).is_err());
    }

    #[test]
    fn known_gap_reasons_by_mode() {
        let all = "class loaders cannot define classes yet\n";
        assert_eq!(
            gap_reason(all, Mode::Run),
            Some(Some("class loaders cannot define classes yet".to_string()))
        );
        let scoped = "run: the child misses a fix-up\n";
        assert_eq!(gap_reason(scoped, Mode::Exec), Some(None));
        assert_eq!(
            gap_reason(scoped, Mode::Run),
            Some(Some("the child misses a fix-up".to_string()))
        );
        let both = "exec: one reason\nrun: another\n";
        assert_eq!(
            gap_reason(both, Mode::Run),
            Some(Some("another".to_string()))
        );
        assert_eq!(gap_reason(" \n\n", Mode::Exec), None);
    }
}
