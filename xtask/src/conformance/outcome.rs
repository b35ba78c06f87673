//! One run of a program (HotSpot's or jfork's): its output captured in files, a time limit,
//! and the byte-for-byte comparison of two runs.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

/// How long one run of one program may take before it counts as hung.
pub(super) const RUN_TIMEOUT: Duration = Duration::from_secs(60);

/// What one run of a program printed and how it ended.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Outcome {
    pub(super) stdout: Vec<u8>,
    pub(super) stderr: Vec<u8>,
    /// The exit code, or 128+N for a signal N (as a shell reports it); `None` on a time-out.
    pub(super) code: Option<i32>,
}

/// Runs `command` with `stdin` (or an empty input), capturing its output in files under
/// `dir` so that a chatty program cannot block on a full pipe.
pub(super) fn execute(mut command: Command, stdin: Option<&Path>, dir: &Path) -> Result<Outcome> {
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
pub(super) fn compare(expected: &Outcome, actual: &Outcome, verbose: bool) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_compare_byte_for_byte() {
        let outcome = |stdout: &[u8], code| Outcome {
            stdout: stdout.to_vec(),
            stderr: Vec::new(),
            code: Some(code),
        };
        assert_eq!(
            compare(&outcome(b"a\nb\n", 0), &outcome(b"a\nb\n", 0), false),
            None
        );
        let difference = compare(&outcome(b"a\nb\n", 0), &outcome(b"a\nc\n", 1), false);
        assert_eq!(
            difference.as_deref(),
            Some("exit code 1, expected 0; stdout differs at line 2: expected `b`, got `c`")
        );
    }
}
