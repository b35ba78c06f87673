//! What every section needs before measuring: a release build of jfork, the benchmark
//! programs compiled with `javac`, the native hello compiled with `cc`, and a description of
//! the machine.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::{build_dir, cargo, run_step, target_dir, workspace_root};

/// How the benchmark programs are compiled. String concatenation is compiled inline (as
/// `StringBuilder` calls) because jfork has no `invokedynamic` yet; both runtimes run the
/// same class files.
pub const JAVAC_FLAGS: &[&str] = &["--release", "17", "-XDstringConcat=inline"];

/// The tools and compiled programs of one benchmark session.
#[derive(Debug)]
pub struct Setup {
    /// Set when the release build failed and an earlier build of jfork is measured.
    pub build_problem: Option<String>,
    pub java: PathBuf,
    pub jfork: PathBuf,
    /// The compiled `bench/programs/*.java`.
    pub classes: PathBuf,
    /// The native hello (the process-spawn floor).
    pub native_hello: PathBuf,
    /// Scratch space for this session (classlists, sockets, logs).
    pub work: PathBuf,
}

impl Setup {
    /// Builds jfork in release mode and compiles the programs.
    pub fn prepare() -> Result<Setup> {
        // One cargo invocation for every binary the session runs: built separately, their
        // shared dependencies' features would differ and each build would redo the others'.
        let built = run_step(
            "build jfork and the benchmark examples (release)",
            cargo().args([
                "build",
                "--quiet",
                "--release",
                "--package",
                "jfork",
                "--bin",
                "jfork",
                "--package",
                "jfork-cloner",
                "--example",
                "bench_fork",
                "--package",
                "jfork-classfile",
                "--example",
                "bench_parse",
                "--package",
                "jfork-resolver",
                "--example",
                "link_jdk",
            ]),
        );
        let jfork = build_dir("release").join("jfork");
        // A broken work tree elsewhere should not stop the HotSpot side from being measured.
        let build_problem = match built {
            Ok(()) => None,
            Err(e) if jfork.is_file() => {
                eprintln!("xtask: bench: {e:#}; measuring the previous build of jfork");
                Some(format!(
                    "{e:#}; the previous release build of jfork was measured"
                ))
            }
            Err(e) => return Err(e),
        };
        if !jfork.is_file() {
            bail!("{} is missing after the release build", jfork.display());
        }
        let java = jdk_tool("java").context("no `java` in JAVA_HOME/bin or on PATH")?;
        let javac = jdk_tool("javac").context("no `javac` in JAVA_HOME/bin or on PATH")?;

        let programs = programs_dir();
        let work = target_dir().join("bench-work");
        let classes = work.join("classes");
        fs::create_dir_all(&classes)
            .with_context(|| format!("cannot create {}", classes.display()))?;
        let mut sources = Vec::new();
        for entry in fs::read_dir(&programs)
            .with_context(|| format!("cannot list {}", programs.display()))?
        {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "java") {
                sources.push(path);
            }
        }
        sources.sort();
        run_step(
            "javac the benchmark programs",
            Command::new(&javac)
                .args(JAVAC_FLAGS)
                .arg("-d")
                .arg(&classes)
                .args(&sources),
        )?;

        let native_hello = work.join("hello-native");
        run_step(
            "cc the native hello",
            Command::new(std::env::var_os("CC").unwrap_or_else(|| "cc".into()))
                .args(["-O2", "-o"])
                .arg(&native_hello)
                .arg(programs.join("native").join("hello.c")),
        )?;
        Ok(Setup {
            build_problem,
            java,
            jfork,
            classes,
            native_hello,
            work,
        })
    }

    /// The class directory as a `-cp` argument.
    pub fn cp(&self) -> String {
        self.classes.display().to_string()
    }
}

/// `bench/programs/`.
pub fn programs_dir() -> PathBuf {
    workspace_root().join("bench").join("programs")
}

/// A note for the report on whether a public tool is on `PATH` here.
pub fn tool_note(name: &str) -> String {
    if on_path(name).is_some() {
        format!("{name} is installed here")
    } else {
        format!("{name} is not installed here")
    }
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// `JAVA_HOME/bin/NAME`, else `NAME` on `PATH`.
fn jdk_tool(name: &str) -> Option<PathBuf> {
    if let Some(home) = std::env::var_os("JAVA_HOME") {
        let candidate = Path::new(&home).join("bin").join(name);
        if candidate.is_file() {
            return Some(candidate);
        }
    }
    on_path(name)
}

/// The machine a report was measured on.
#[derive(Debug)]
pub struct Machine {
    pub cpu: String,
    pub cores: usize,
    pub memory_gib: f64,
    pub kernel: String,
    pub java_version: String,
}

impl Machine {
    /// Reads `/proc` and asks `java -version`.
    pub fn describe(java: &Path) -> Machine {
        let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find_map(|l| l.strip_prefix("model name"))
            .map(|rest| rest.trim_start_matches([' ', '\t', ':']).trim().to_string())
            .unwrap_or_else(|| "unknown CPU".to_string());
        let java_version = Command::new(java)
            .arg("-version")
            .output()
            .map(|o| {
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_else(|e| format!("`java -version` failed: {e}"));
        Machine {
            cpu,
            cores: std::thread::available_parallelism().map_or(1, usize::from),
            memory_gib: meminfo_kib("MemTotal").unwrap_or(0) as f64 / (1024.0 * 1024.0),
            kernel: fs::read_to_string("/proc/sys/kernel/osrelease")
                .map(|s| s.trim().to_string())
                .unwrap_or_else(|_| "unknown".to_string()),
            java_version,
        }
    }
}

/// A field of `/proc/meminfo` in KiB.
pub fn meminfo_kib(field: &str) -> Option<u64> {
    let text = fs::read_to_string("/proc/meminfo").ok()?;
    text.lines().find_map(|line| {
        let rest = line.strip_prefix(field)?.strip_prefix(':')?;
        rest.split_whitespace().next()?.parse().ok()
    })
}

/// The three load averages of `/proc/loadavg`.
pub fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_string())
}
