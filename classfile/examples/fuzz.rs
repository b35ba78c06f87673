//! Mutation fuzzer over the parser, validator and printer, on stable Rust.
//!
//! `cargo run --release -p jfork-classfile --example fuzz -- [SECONDS] [SEED] [CORPUS_DIR]`
//! (defaults: 60 s, seed 1, `target/jdk-classes/java.base/java/util`). Crashing inputs
//! are written to `target/classfile-fuzz-crashes/`; copy each into `tests/regressions/`.
#![allow(clippy::unwrap_used)]

#[path = "../tests/common/fuzz.rs"]
mod fuzz;
#[path = "../tests/common/jdk.rs"]
mod jdk;

fn main() {
    let mut args = std::env::args().skip(1);
    let seconds: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(60);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let dir = args
        .next()
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| jdk::jdk_classes().join("java.base/java/util"));
    let corpus: Vec<Vec<u8>> = jdk::read_all(&jdk::class_files(&dir))
        .into_iter()
        .map(|(_, d)| d)
        .collect();
    assert!(!corpus.is_empty(), "no class files under {}", dir.display());
    let out = jdk::target_dir().join("classfile-fuzz-crashes");
    let start = std::time::Instant::now();
    let deadline = start + std::time::Duration::from_secs(seconds);
    let (n, crashes) = fuzz::run(&corpus, seed, u64::MAX, Some(deadline), Some(&out));
    println!(
        "{n} inputs from {} seeds in {:.1} s, {} crashes{}",
        corpus.len(),
        start.elapsed().as_secs_f64(),
        crashes.len(),
        if crashes.is_empty() {
            String::new()
        } else {
            format!(" (saved in {})", out.display())
        }
    );
    if !crashes.is_empty() {
        std::process::exit(1);
    }
}
