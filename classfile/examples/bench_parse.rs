//! Parse+validate throughput over all java.base classes, single thread and all cores.
//!
//! `cargo run --release -p jfork-classfile --example bench_parse [ROUNDS]`
//! Classes come from `target/jdk-classes/java.base` (extracted from `$JAVA_HOME/lib/modules`
//! on first use) and are read into memory first, so only parsing is timed. Also times
//! `cafebabe::parse_class` on the same bytes for comparison.
#![allow(clippy::unwrap_used)]

#[path = "../tests/common/jdk.rs"]
mod jdk;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use jfork_classfile::ClassFile;

fn check(data: &[u8]) -> bool {
    ClassFile::parse(data).and_then(|c| c.validate()).is_ok()
}

fn single(files: &[Vec<u8>]) -> (Duration, usize) {
    let start = Instant::now();
    let ok = files.iter().filter(|d| check(d)).count();
    (start.elapsed(), ok)
}

/// Classes a thread claims at a time: small enough to even out, large enough that the
/// shared counter is touched rarely.
const BATCH: usize = 16;

fn parallel(files: &[Vec<u8>], threads: usize) -> (Duration, usize) {
    let start = Instant::now();
    // Threads take batches by index, so a thread that got big classes does not leave the
    // other idle at the end (static halves did).
    let next = AtomicUsize::new(0);
    let ok = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut ok = 0;
                    loop {
                        let from = next.fetch_add(BATCH, Ordering::Relaxed);
                        let Some(batch) = files.get(from..(from + BATCH).min(files.len())) else {
                            break ok;
                        };
                        ok += batch.iter().filter(|d| check(d)).count();
                    }
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    (start.elapsed(), ok)
}

fn report(label: &str, d: Duration, classes: usize, bytes: usize) {
    let s = d.as_secs_f64();
    println!(
        "{label:<28} {:>8.1} ms {:>8.0} MB/s {:>10.0} classes/s",
        s * 1e3,
        bytes as f64 / 1e6 / s,
        classes as f64 / s
    );
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    let dir = jdk::jdk_classes().join("java.base");
    let files: Vec<Vec<u8>> = jdk::read_all(&jdk::class_files(&dir))
        .into_iter()
        .map(|(_, d)| d)
        .collect();
    let bytes: usize = files.iter().map(Vec::len).sum();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "java.base: {} classes, {:.1} MB, {threads} cores, best of {rounds} rounds",
        files.len(),
        bytes as f64 / 1e6
    );
    let best = |f: &dyn Fn() -> (Duration, usize)| {
        let mut best = Duration::MAX;
        for _ in 0..rounds {
            let (d, ok) = f();
            assert_eq!(ok, files.len(), "some classes failed");
            best = best.min(d);
        }
        best
    };
    report(
        "parse+validate, 1 thread",
        best(&|| single(&files)),
        files.len(),
        bytes,
    );
    report(
        &format!("parse+validate, {threads} threads"),
        best(&|| parallel(&files, threads)),
        files.len(),
        bytes,
    );
    let only_parse = best(&|| {
        let start = Instant::now();
        let ok = files.iter().filter(|d| ClassFile::parse(d).is_ok()).count();
        (start.elapsed(), ok)
    });
    report("parse only, 1 thread", only_parse, files.len(), bytes);
    let cafebabe = best(&|| {
        let start = Instant::now();
        let ok = files
            .iter()
            .filter(|d| cafebabe::parse_class(d).is_ok())
            .count();
        (start.elapsed(), ok)
    });
    report("cafebabe::parse_class, 1 thr", cafebabe, files.len(), bytes);
}
