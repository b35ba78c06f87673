//! Launch → `main` latency: the harness reads `CLOCK_MONOTONIC` just before it spawns a
//! command running `Stamp`, which prints `System.nanoTime()` first thing in `main` (the same
//! clock in HotSpot and in jfork on Linux); the difference is the time from the launch to
//! the program's first bytecode of `main`, whatever path the command takes (a JVM's boot,
//! jfork's cold boot, or a client's request to a master that forks).

use anyhow::{Result, bail};

use super::measure::{Alternated, Contender, alternate_with, run_timed, split_failures};

/// One launch → main sample in milliseconds, or why there is none.
pub fn to_main_once(contender: &Contender) -> Result<f64> {
    let timed = run_timed(contender, true)?;
    if !timed.success {
        let stderr = String::from_utf8_lossy(&timed.stderr);
        let last = stderr.lines().rev().find(|l| !l.trim().is_empty());
        bail!(
            "`{}` failed: {}",
            contender.shell_line(),
            last.unwrap_or("no message").trim()
        );
    }
    let text = String::from_utf8_lossy(&timed.stdout);
    let Some(stamp) = text
        .lines()
        .next()
        .and_then(|l| l.trim().parse::<u64>().ok())
    else {
        bail!(
            "`{}` printed {:?}, not a nanoTime stamp",
            contender.shell_line(),
            text
        );
    };
    Ok(stamp.saturating_sub(timed.start_ns) as f64 / 1e6)
}

/// `warmup` unrecorded runs of each contender, then `runs` rounds with the first contender
/// rotating; returns the launch → main samples (ms) per contender and the jfork commands
/// that failed (see [`split_failures`]).
pub fn to_main(contenders: &[Contender], warmup: usize, runs: usize) -> Result<Alternated<f64>> {
    split_failures(
        contenders,
        alternate_with(contenders, warmup, runs, to_main_once),
    )
}
