//! The driver shared by the workspace's fuzz targets (`cargo xtask fuzz TARGET`): mutants of
//! seed inputs (from `fuzz.rs`, which the including test declares as `mod mutator`) run on
//! several threads under `catch_unwind`, crashing inputs saved to
//! `target/fuzz-crashes/<target>/`, a panic at the end if any input crashed.
#![allow(dead_code, clippy::unwrap_used)]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::mutator::{Rng, mutate};

/// `FUZZ_TARGET`, `FUZZ_EXECS` (default 1,000,000), `FUZZ_SECONDS` (none), `FUZZ_THREADS`
/// (default: the cores).
pub fn settings() -> (String, u64, Option<u64>, usize) {
    let var = |k: &str| std::env::var(k).ok();
    let target = var("FUZZ_TARGET").expect("FUZZ_TARGET names the target");
    let execs = var("FUZZ_EXECS")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let seconds = var("FUZZ_SECONDS").and_then(|v| v.parse().ok());
    let threads = var("FUZZ_THREADS")
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    (target, execs, seconds, threads)
}

fn crash_dir(target: &str) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"))
        .join("fuzz-crashes")
        .join(target)
}

/// Runs `f(thread, mutant)` on mutants of `seeds`; returns the executions done.
pub fn run(
    target: &str,
    seeds: &[Vec<u8>],
    execs: u64,
    seconds: Option<u64>,
    threads: usize,
    f: impl Fn(usize, &[u8]) + Sync,
) -> u64 {
    assert!(!seeds.is_empty(), "{target}: no seeds");
    run_custom(target, execs, seconds, threads, |thread, rng| {
        let a = &seeds[rng.below(seeds.len())];
        let b = &seeds[rng.below(seeds.len())];
        let input = mutate(rng, a, b);
        catch_unwind(AssertUnwindSafe(|| f(thread, &input))).map_err(|_| input)
    })
}

/// Runs `f(thread, rng)` until `execs` executions or `seconds`; `f` returns the input that
/// crashed, if one did (it catches its own panics).
pub fn run_custom(
    target: &str,
    execs: u64,
    seconds: Option<u64>,
    threads: usize,
    f: impl Fn(usize, &mut Rng) -> Result<(), Vec<u8>> + Sync,
) -> u64 {
    let deadline = seconds.map(|s| Instant::now() + Duration::from_secs(s));
    let done = AtomicU64::new(0);
    let crashes = Mutex::new(0usize);
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let start = Instant::now();
    std::thread::scope(|scope| {
        for thread in 0..threads.max(1) {
            let (f, done, crashes) = (&f, &done, &crashes);
            scope.spawn(move || {
                let mut rng = Rng::new(0x5eed_0000 + thread as u64 * 7919 + 1);
                loop {
                    // Claim executions in batches to keep the counter cold.
                    let claimed = done.fetch_add(64, Ordering::Relaxed);
                    if claimed >= execs || deadline.is_some_and(|d| Instant::now() > d) {
                        done.fetch_sub(64, Ordering::Relaxed);
                        break;
                    }
                    let batch = 64.min(execs - claimed);
                    done.fetch_sub(64 - batch, Ordering::Relaxed);
                    for i in 0..batch {
                        if let Err(input) = f(thread, &mut rng) {
                            let dir = crash_dir(target);
                            std::fs::create_dir_all(&dir).unwrap();
                            let name = format!("crash-{thread}-{}", claimed + i);
                            std::fs::write(dir.join(name), &input).unwrap();
                            *crashes.lock().unwrap() += 1;
                        }
                    }
                }
            });
        }
    });
    std::panic::set_hook(hook);
    let n = done.load(Ordering::Relaxed);
    let crashes = *crashes.lock().unwrap();
    eprintln!(
        "fuzz {target}: {n} executions on {threads} thread(s) in {:.1} s, {crashes} crashes",
        start.elapsed().as_secs_f64()
    );
    assert_eq!(
        crashes,
        0,
        "{target}: inputs saved in {}",
        crash_dir(target).display()
    );
    n
}
