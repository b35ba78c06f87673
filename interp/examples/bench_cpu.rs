//! CPU-bound programs on jfork and on `java -Xint` in the same run: the time of each, the
//! ratio, and the geometric mean of the ratios.
//!
//! ```text
//! cargo run --release -p jfork-interp --example bench_cpu
//! ```
//! Both sides time only the computation (HotSpot with `System.nanoTime` inside the program,
//! jfork around `invoke_static`), after one warm-up run, best of three.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use jfork_interp::{Value, Vm, VmOptions};

const PROGRAMS: &[(&str, &str, &str, i32)] = &[
    ("fib", "fib", "(I)I", 30),
    ("sieve", "sieve", "(I)I", 1_000_000),
    ("loops", "loops", "(I)J", 10_000),
    ("interfaces", "interfaces", "(I)I", 3_000_000),
    ("allocation", "allocation", "(I)J", 3_000_000),
];

fn compile() -> Result<PathBuf, Box<dyn std::error::Error>> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = manifest.join("../target/interp-bench");
    std::fs::create_dir_all(&out)?;
    let status = Command::new("javac")
        .args(["--release", "17", "-d"])
        .arg(&out)
        .arg(manifest.join("tests/fixtures/Bench.java"))
        .status()?;
    if !status.success() {
        return Err("javac failed".into());
    }
    Ok(out)
}

fn hotspot(
    dir: &PathBuf,
    program: &str,
    n: i32,
) -> Result<(String, f64), Box<dyn std::error::Error>> {
    let mut best = f64::MAX;
    let mut result = String::new();
    for _ in 0..4 {
        let out = Command::new("java")
            .args(["-Xint", "-Xss16m", "-cp"])
            .arg(dir)
            .args(["Bench", program, &n.to_string()])
            .output()?;
        let text = String::from_utf8(out.stdout)?;
        let mut parts = text.split_whitespace();
        result = parts.next().unwrap_or_default().to_owned();
        let nanos: f64 = parts.next().unwrap_or("0").parse()?;
        best = best.min(nanos / 1e6);
    }
    Ok((result, best))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = compile()?;
    let mut vm = Vm::new(VmOptions {
        class_path: dir.display().to_string(),
        heap_max: 4 << 30,
        ..VmOptions::default()
    })?;
    println!(
        "{:<12} {:>12} {:>12} {:>8}",
        "program", "jfork ms", "java -Xint ms", "ratio"
    );
    let mut log_sum = 0.0;
    for &(label, method, descriptor, n) in PROGRAMS {
        let mut best = f64::MAX;
        let mut value = Value::Void;
        for _ in 0..4 {
            let start = Instant::now();
            value = vm
                .invoke_static("Bench", method, descriptor, &[Value::Int(n)])
                .map_err(|e| format!("{label}: {e}"))?;
            best = best.min(start.elapsed().as_secs_f64() * 1e3);
        }
        let (expected, java_ms) = hotspot(&dir, label, n)?;
        let ours = match value {
            Value::Int(v) => v.to_string(),
            Value::Long(v) => v.to_string(),
            other => format!("{other:?}"),
        };
        if ours != expected {
            return Err(format!("{label}: jfork computed {ours}, java {expected}").into());
        }
        let ratio = best / java_ms;
        log_sum += ratio.ln();
        println!("{label:<12} {best:>12.1} {java_ms:>12.1} {ratio:>8.2}");
    }
    let geomean = (log_sum / PROGRAMS.len() as f64).exp();
    println!("geometric mean of jfork / java -Xint: {geomean:.2}");
    Ok(())
}
