//! Running a command once, timed from spawn to reap, with its peak RSS from `wait4`, and
//! running several commands alternately so machine drift affects each alike.

use std::io::Read as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};

/// A command to measure, with the label the report shows for it.
#[derive(Debug, Clone)]
pub struct Contender {
    pub label: String,
    pub program: PathBuf,
    pub args: Vec<String>,
    /// Environment variables set for the command on top of xtask's own.
    pub env: Vec<(String, String)>,
}

impl Contender {
    /// A contender running `program args...`.
    pub fn new(label: &str, program: impl Into<PathBuf>, args: &[&str]) -> Contender {
        Contender {
            label: label.to_string(),
            program: program.into(),
            args: args.iter().map(|a| a.to_string()).collect(),
            env: Vec::new(),
        }
    }

    /// The same contender with `key=value` in its environment.
    pub fn with_env(mut self, key: &str, value: &str) -> Contender {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    /// The command line as a shell would take it, for the report.
    pub fn shell_line(&self) -> String {
        let mut line = String::new();
        for (key, value) in &self.env {
            line.push_str(&format!("{key}={value} "));
        }
        line.push_str(&self.program.display().to_string());
        for arg in &self.args {
            line.push(' ');
            line.push_str(arg);
        }
        line
    }

    fn command(&self) -> Command {
        let mut command = Command::new(&self.program);
        command.args(&self.args);
        command.envs(self.env.iter().map(|(k, v)| (k, v)));
        command
    }

    /// Runs once with output captured, for checking what the program prints.
    pub fn output(&self) -> Result<std::process::Output> {
        self.command()
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("cannot start `{}`", self.shell_line()))
    }
}

/// One timed run.
#[derive(Debug, Clone, Copy)]
pub struct Run {
    /// From just before `fork`/`exec` to the return of `wait4`.
    pub wall_ms: f64,
    /// `ru_maxrss` of the reaped process (KiB on Linux).
    pub max_rss_kib: u64,
}

/// One timed run with what it printed (when captured).
#[derive(Debug)]
pub struct Timed {
    pub run: Run,
    /// `CLOCK_MONOTONIC` just before the spawn, in ns: the clock `System.nanoTime` reads on
    /// Linux, in HotSpot and in jfork alike.
    pub start_ns: u64,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Whether it exited with 0.
    pub success: bool,
}

/// `CLOCK_MONOTONIC` in nanoseconds.
pub fn monotonic_ns() -> u64 {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut now) };
    u64::try_from(now.tv_sec).unwrap_or(0) * 1_000_000_000 + u64::try_from(now.tv_nsec).unwrap_or(0)
}

/// Runs `contender` once with its output discarded, timed, and fails unless it exits with 0.
pub fn run_once(contender: &Contender) -> Result<Run> {
    let timed = run_timed(contender, false)?;
    if !timed.success {
        bail!("`{}` did not exit with 0", contender.shell_line());
    }
    Ok(timed.run)
}

/// Runs `contender` once, timed, with its stdout and stderr captured when `capture` (else
/// sent to `/dev/null`).
pub fn run_timed(contender: &Contender, capture: bool) -> Result<Timed> {
    let pipe = || {
        if capture {
            Stdio::piped()
        } else {
            Stdio::null()
        }
    };
    let mut command = contender.command();
    command.stdin(Stdio::null()).stdout(pipe()).stderr(pipe());
    let start_ns = monotonic_ns();
    let start = Instant::now();
    let mut child = command
        .spawn()
        .with_context(|| format!("cannot start `{}`", contender.shell_line()))?;
    // stderr on a thread of its own, so neither pipe can fill while the other is read.
    let stderr_reader = child.stderr.take().map(|mut pipe| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    });
    let mut stdout = Vec::new();
    if let Some(mut pipe) = child.stdout.take() {
        pipe.read_to_end(&mut stdout)
            .with_context(|| format!("cannot read the output of `{}`", contender.shell_line()))?;
    }
    let stderr = stderr_reader
        .map(|reader| reader.join().unwrap_or_default())
        .unwrap_or_default();
    let pid = libc::pid_t::try_from(child.id()).context("child pid out of range")?;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value of a plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own unreaped child; status and usage point to live locals.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            break;
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(error).context("wait4");
        }
    }
    let wall_ms = start.elapsed().as_secs_f64() * 1e3;
    // `child` was reaped by wait4 above; dropping a std Child neither waits nor kills.
    drop(child);
    let success = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    let run = Run {
        wall_ms,
        max_rss_kib: u64::try_from(usage.ru_maxrss).unwrap_or(0),
    };
    Ok(Timed {
        run,
        start_ns,
        stdout,
        stderr,
        success,
    })
}

/// The samples of alternating runs per contender (none for a jfork command that failed),
/// and the jfork commands that failed with their errors.
pub type Alternated<T> = (Vec<Vec<T>>, Vec<(String, String)>);

/// Runs every contender `warmup` times unrecorded, then `runs` rounds of one run each,
/// rotating which goes first in each round. Returns the recorded runs per contender.
pub fn alternate(contenders: &[Contender], warmup: usize, runs: usize) -> Result<Alternated<Run>> {
    split_failures(
        contenders,
        alternate_with(contenders, warmup, runs, run_once),
    )
}

/// [`alternate`] with `one` taking each sample. A contender that fails once is run no more;
/// its slot holds the error.
pub fn alternate_with<T>(
    contenders: &[Contender],
    warmup: usize,
    runs: usize,
    mut one: impl FnMut(&Contender) -> Result<T>,
) -> Vec<Result<Vec<T>, String>> {
    let mut results: Vec<Result<Vec<T>, String>> =
        contenders.iter().map(|_| Ok(Vec::new())).collect();
    let mut take = |index: usize, record: bool, results: &mut Vec<Result<Vec<T>, String>>| {
        let Ok(samples) = &mut results[index] else {
            return;
        };
        match one(&contenders[index]) {
            Ok(sample) if record => samples.push(sample),
            Ok(_) => {}
            Err(e) => results[index] = Err(format!("{e:#}")),
        }
    };
    for _ in 0..warmup {
        for index in 0..contenders.len() {
            take(index, false, &mut results);
        }
    }
    for round in 0..runs {
        for k in 0..contenders.len() {
            take((round + k) % contenders.len(), true, &mut results);
        }
    }
    results
}

/// Splits [`alternate_with`]'s results: a jfork command's failure becomes a (label, error)
/// for its row, with no samples in its slot; any other command's failure fails the bench,
/// since HotSpot and the floors must always be measured.
pub fn split_failures<T>(
    contenders: &[Contender],
    results: Vec<Result<Vec<T>, String>>,
) -> Result<Alternated<T>> {
    let mut samples = Vec::new();
    let mut failures = Vec::new();
    for (contender, result) in contenders.iter().zip(results) {
        match result {
            Ok(s) => samples.push(s),
            Err(e) if contender.label.starts_with("jfork") => {
                failures.push((contender.label.clone(), e));
                samples.push(Vec::new());
            }
            Err(e) => bail!("{e}"),
        }
    }
    Ok((samples, failures))
}

/// The wall times of `runs` in milliseconds.
pub fn walls(runs: &[Run]) -> Vec<f64> {
    runs.iter().map(|r| r.wall_ms).collect()
}

/// The peak RSS of `runs` in MiB.
pub fn peaks_mib(runs: &[Run]) -> Vec<f64> {
    runs.iter().map(|r| r.max_rss_kib as f64 / 1024.0).collect()
}

/// Checks that `contender` exits with 0 and prints exactly `expected` on stdout. On failure
/// returns what went wrong in one line: the program's own error message where it printed one.
pub fn check_prints(contender: &Contender, expected: &[u8]) -> Result<(), String> {
    let output = contender.output().map_err(|e| format!("{e:#}"))?;
    if output.status.success() && output.stdout == expected {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let message = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if !message.is_empty() {
        Err(message)
    } else if !output.status.success() {
        Err(format!(
            "`{}` ended with {}",
            contender.shell_line(),
            output.status
        ))
    } else {
        Err(format!(
            "`{}` printed {:?} where HotSpot prints {:?}",
            contender.shell_line(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(expected)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternating_rotates_records_after_warmup_and_drops_a_failed_jfork() {
        let contenders = [
            Contender::new("java", "java", &[]),
            Contender::new("jfork exec", "jfork", &["exec"]),
        ];
        let mut calls = Vec::new();
        let results = alternate_with(&contenders, 1, 3, |c| {
            calls.push(c.label.clone());
            if c.label == "jfork exec" && calls.len() > 4 {
                bail!("crashed");
            }
            Ok(calls.len())
        });
        // Warm-up java, jfork; round 0 java, jfork; round 1 jfork (fails), java; round 2 java.
        assert_eq!(
            calls,
            [
                "java",
                "jfork exec",
                "java",
                "jfork exec",
                "jfork exec",
                "java",
                "java"
            ]
        );
        let (samples, failures) = split_failures(&contenders, results).unwrap();
        assert_eq!(samples, [vec![3, 6, 7], vec![]]);
        assert_eq!(
            failures,
            [("jfork exec".to_string(), "crashed".to_string())]
        );
    }

    #[test]
    fn a_failing_hotspot_command_fails_the_bench() {
        let contenders = [Contender::new("java", "java", &[])];
        let results = alternate_with(&contenders, 0, 2, |_| -> Result<()> { bail!("no JDK") });
        assert!(split_failures(&contenders, results).is_err());
    }
}
