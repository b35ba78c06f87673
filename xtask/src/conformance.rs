//! `cargo xtask conformance`: HotSpot is the oracle (DESIGN.md decision 4).
//!
//! Each program under `conformance/programs/<name>/` is compiled with `javac --release 17`,
//! run with `java` for the expected stdout, stderr and exit code, then run with `jfork exec`
//! and compared byte for byte. Nothing is normalised: stack traces, messages and exit codes
//! must match exactly.
//!
//! A program's folder holds `Main.java` (and any other sources), and optionally `args` (one
//! argument per line), `stdin` (bytes for standard input), `javac-flags` and `java-flags`
//! (whitespace-separated options).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::{cargo, run_step, target_dir, workspace_root};

/// How long one run of one program may take before it counts as hung.
const RUN_TIMEOUT: Duration = Duration::from_secs(60);

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
                "--filter" => match args.next() {
                    Some(text) => options.filters.push(text.clone()),
                    None => bail!("--filter needs a value"),
                },
                flag if flag.starts_with('-') => bail!("unknown conformance option `{flag}`"),
                name => options.filters.push(name.to_string()),
            }
        }
        Ok(options)
    }
}

/// The counts printed on the closing line.
#[derive(Debug, Default)]
pub struct Summary {
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
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

/// What one run of a program printed and how it ended.
#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    /// The exit code, or 128+N for a signal N (as a shell reports it); `None` on a time-out.
    code: Option<i32>,
}

enum Verdict {
    Pass,
    Fail(String),
    Skip(String),
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

/// Runs every selected program and prints one line each, then the summary line.
pub fn run(options: &Options) -> Result<Summary> {
    let programs = discover(options)?;
    let Some(jdk) = Jdk::find() else {
        for program in &programs {
            println!(
                "SKIP {} (no java/javac on PATH or in JAVA_HOME)",
                program.name
            );
        }
        let summary = Summary {
            skipped: programs.len(),
            ..Summary::default()
        };
        print_summary(&summary);
        return Ok(summary);
    };
    let jfork = build_jfork(options.debug)?;

    let next = AtomicUsize::new(0);
    let verdicts: Mutex<Vec<Option<Verdict>>> = Mutex::new(programs.iter().map(|_| None).collect());
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
                    let verdict = check(&jdk, &jfork, program, options.verbose)
                        .unwrap_or_else(|e| Verdict::Fail(format!("{e:#}")));
                    if let Ok(mut verdicts) = verdicts.lock() {
                        verdicts[index] = Some(verdict);
                    }
                }
            });
        }
    });

    let verdicts = verdicts.into_inner().unwrap_or_default();
    let mut summary = Summary::default();
    for (program, verdict) in programs.iter().zip(verdicts) {
        match verdict {
            Some(Verdict::Pass) => {
                summary.passed += 1;
                println!("PASS {}", program.name);
            }
            Some(Verdict::Skip(why)) => {
                summary.skipped += 1;
                println!("SKIP {} ({why})", program.name);
            }
            Some(Verdict::Fail(why)) => {
                summary.failed += 1;
                println!("FAIL {}: {why}", program.name);
            }
            None => {
                summary.failed += 1;
                println!("FAIL {}: the harness did not finish it", program.name);
            }
        }
    }
    eprintln!(
        "conformance: {} programs in {:.1} s",
        programs.len(),
        started.elapsed().as_secs_f64()
    );
    print_summary(&summary);
    Ok(summary)
}

fn print_summary(summary: &Summary) {
    if summary.skipped > 0 {
        println!(
            "{} passed, {} failed, {} skipped",
            summary.passed, summary.failed, summary.skipped
        );
    } else {
        println!("{} passed, {} failed", summary.passed, summary.failed);
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
    Ok(target_dir().join(profile).join("jfork"))
}

fn check(jdk: &Jdk, jfork: &Path, program: &Program, verbose: bool) -> Result<Verdict> {
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
    if expected.code.is_none() {
        return Ok(Verdict::Skip(format!(
            "HotSpot itself did not finish within {} s",
            RUN_TIMEOUT.as_secs()
        )));
    }

    let mut exec = Command::new(jfork);
    exec.arg("exec")
        .arg("-cp")
        .arg(&classes)
        .args(&java_flags)
        .arg("Main")
        .args(&args);
    let actual = execute(exec, stdin.as_deref(), &work.join("jfork-exec"))?;
    Ok(match compare(&expected, &actual, verbose) {
        None => Verdict::Pass,
        Some(difference) => Verdict::Fail(format!("jfork exec: {difference}")),
    })
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
    let output = Command::new(&jdk.javac)
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

/// Runs `command` with `stdin` (or an empty input), capturing its output in files under
/// `dir` so that a chatty program cannot block on a full pipe.
fn execute(mut command: Command, stdin: Option<&Path>, dir: &Path) -> Result<Outcome> {
    fs::create_dir_all(dir)?;
    let stdout_path = dir.join("stdout");
    let stderr_path = dir.join("stderr");
    command
        .stdin(match stdin {
            Some(path) => Stdio::from(fs::File::open(path)?),
            None => Stdio::null(),
        })
        .stdout(fs::File::create(&stdout_path)?)
        .stderr(fs::File::create(&stderr_path)?);
    let mut child = command
        .spawn()
        .with_context(|| format!("cannot start {command:?}"))?;
    let deadline = Instant::now() + RUN_TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let code = status.map(|status| {
        use std::os::unix::process::ExitStatusExt;
        status
            .code()
            .unwrap_or_else(|| 128 + status.signal().unwrap_or(0))
    });
    Ok(Outcome {
        stdout: fs::read(&stdout_path)?,
        stderr: fs::read(&stderr_path)?,
        code,
    })
}

/// Describes the first difference between HotSpot's outcome and jfork's, if any.
fn compare(expected: &Outcome, actual: &Outcome, verbose: bool) -> Option<String> {
    let mut differences = Vec::new();
    if expected.code != actual.code {
        differences.push(match actual.code {
            Some(code) => format!(
                "exit code {code}, expected {:?}",
                expected.code.unwrap_or(0)
            ),
            None => format!("timed out after {} s", RUN_TIMEOUT.as_secs()),
        });
    }
    for (stream, want, got) in [
        ("stdout", &expected.stdout, &actual.stdout),
        ("stderr", &expected.stderr, &actual.stderr),
    ] {
        if want != got {
            differences.push(first_difference(stream, want, got, verbose));
        }
    }
    (!differences.is_empty()).then(|| differences.join("; "))
}

fn first_difference(stream: &str, want: &[u8], got: &[u8], verbose: bool) -> String {
    let want_lines: Vec<&[u8]> = want.split(|&b| b == b'\n').collect();
    let got_lines: Vec<&[u8]> = got.split(|&b| b == b'\n').collect();
    let line = want_lines
        .iter()
        .zip(&got_lines)
        .position(|(a, b)| a != b)
        .unwrap_or(want_lines.len().min(got_lines.len()));
    let show = |lines: &[&[u8]]| {
        lines.get(line).map_or_else(
            || "<end>".to_string(),
            |l| {
                let text = String::from_utf8_lossy(l);
                let limit = if verbose { 400 } else { 80 };
                text.chars().take(limit).collect::<String>()
            },
        )
    };
    format!(
        "{stream} differs at line {}: expected `{}`, got `{}`",
        line + 1,
        show(&want_lines),
        show(&got_lines)
    )
}
