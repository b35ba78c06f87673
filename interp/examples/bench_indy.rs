//! The cost of `invokedynamic` (issue 8): the first execution of a lambda site and of a
//! string-concatenation site, linking included, and the mean of later executions, on jfork
//! (`jfork exec`, release build) and on HotSpot `java -Xint`, in the same run.
//!
//! ```text
//! cargo run --release -p jfork-interp --example bench_indy [-- --reps 7 --iterations 100000]
//! ```
//! The Java program below times itself with `System.nanoTime`, so process start-up and the
//! JDK's boot are outside every figure. It executes no `invokedynamic` before the first
//! measured site, so "first site" includes the one-time set-up of the JDK's lambda and
//! concatenation machinery (HotSpot) or of jfork's native bootstraps, and "second site" is
//! the linking of one more site once that is warm. The two runtimes alternate, run after
//! run, and the table shows the median of each figure with the ratio jfork / java.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The measured program. It prints `key value` lines (nanoseconds), then a checksum line
/// that both runtimes must agree on.
const SOURCE: &str = r#"
import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;

public class IndyBench {
    static long sink;

    static int direct(int x, int k) { return x * k; }

    static void emit(StringBuilder out, String key, long nanos) {
        out.append(key).append(' ').append(nanos).append('\n');
    }

    static void emitMean(StringBuilder out, String key, long nanos, int n) {
        out.append(key).append(' ').append((double) nanos / n).append('\n');
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        StringBuilder out = new StringBuilder();
        int k = args.length;

        long t0 = System.nanoTime();
        IntSupplier first = () -> k + 1;
        int r = first.getAsInt();
        long t1 = System.nanoTime();
        emit(out, "lambda_first_site", t1 - t0);

        t0 = System.nanoTime();
        IntUnaryOperator second = x -> x * k;
        r += second.applyAsInt(3);
        t1 = System.nanoTime();
        emit(out, "lambda_second_site", t1 - t0);

        t0 = System.nanoTime();
        String s = "v=" + r + "/" + k;
        t1 = System.nanoTime();
        emit(out, "concat_first_site", t1 - t0);

        t0 = System.nanoTime();
        String s2 = s + ':' + 2.5 + true + (Object) null;
        t1 = System.nanoTime();
        emit(out, "concat_second_site", t1 - t0);
        sink += s2.length();

        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += direct(i, k);
        }
        t1 = System.nanoTime();
        emitMean(out, "static_call_mean", t1 - t0, n);

        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += second.applyAsInt(i);
        }
        t1 = System.nanoTime();
        emitMean(out, "lambda_call_mean", t1 - t0, n);

        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int j = i;
            IntSupplier f = () -> j + k;
            sink += f.getAsInt();
        }
        t1 = System.nanoTime();
        emitMean(out, "lambda_capture_and_call_mean", t1 - t0, n);

        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String c = "i=" + i + "," + k;
            sink += c.length();
        }
        t1 = System.nanoTime();
        emitMean(out, "concat_mean", t1 - t0, n);

        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String c = new StringBuilder().append("i=").append(i).append(',').append(k).toString();
            sink += c.length();
        }
        t1 = System.nanoTime();
        emitMean(out, "string_builder_mean", t1 - t0, n);

        System.out.print(out);
        System.out.println("checksum " + sink);
    }
}
"#;

/// The rows of the table: the program's key, the label, and whether the figure is a
/// one-time cost (shown in µs) or a mean per iteration (shown in ns).
const ROWS: &[(&str, &str, bool)] = &[
    (
        "lambda_first_site",
        "lambda: first site, link + first call",
        true,
    ),
    (
        "lambda_second_site",
        "lambda: second site, link + first call",
        true,
    ),
    (
        "concat_first_site",
        "concat: first site, link + first run",
        true,
    ),
    (
        "concat_second_site",
        "concat: second site, link + first run",
        true,
    ),
    (
        "static_call_mean",
        "static call (baseline), per call",
        false,
    ),
    ("lambda_call_mean", "lambda call, per call", false),
    (
        "lambda_capture_and_call_mean",
        "lambda capture + call, per iteration",
        false,
    ),
    ("concat_mean", "concat of 4 parts, per run", false),
    (
        "string_builder_mean",
        "StringBuilder of 4 parts (baseline), per run",
        false,
    ),
];

struct Options {
    reps: usize,
    iterations: u32,
}

impl Options {
    fn parse() -> Result<Options, Box<dyn Error>> {
        let mut options = Options {
            reps: 7,
            iterations: 100_000,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            let value = args.next().ok_or_else(|| format!("{arg} needs a value"))?;
            match arg.as_str() {
                "--reps" => options.reps = value.parse()?,
                "--iterations" => options.iterations = value.parse()?,
                other => {
                    return Err(format!("unknown option {other} (--reps, --iterations)").into());
                }
            }
        }
        if options.reps == 0 || options.iterations == 0 {
            return Err("--reps and --iterations must be positive".into());
        }
        Ok(options)
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
}

/// Builds the release `jfork` binary and returns its path.
fn build_jfork() -> Result<PathBuf, Box<dyn Error>> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--quiet", "--release", "--package", "jfork"])
        .current_dir(workspace_root())
        .status()?;
    if !status.success() {
        return Err(format!("cargo build of jfork failed ({status})").into());
    }
    // Beside this example's own folder (`<profile>/examples/`), whatever the target triple.
    let exe = std::env::current_exe()?;
    let release = exe
        .parent()
        .and_then(Path::parent)
        .ok_or("no release folder")?;
    Ok(release.join("jfork"))
}

/// Writes and compiles the program with plain `javac --release 17` (indy concatenation).
fn compile() -> Result<PathBuf, Box<dyn Error>> {
    let dir = target_dir().join("bench-indy");
    std::fs::create_dir_all(&dir)?;
    let source = dir.join("IndyBench.java");
    std::fs::write(&source, SOURCE)?;
    let status = Command::new("javac")
        .args(["--release", "17", "-d"])
        .arg(&dir)
        .arg(&source)
        .status()?;
    if !status.success() {
        return Err("javac failed".into());
    }
    Ok(dir)
}

/// Runs one measurement and returns its figures and checksum line.
fn run(mut command: Command, who: &str) -> Result<(BTreeMap<String, f64>, String), Box<dyn Error>> {
    let output = command.output()?;
    if !output.status.success() {
        return Err(format!(
            "{who} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    let text = String::from_utf8(output.stdout)?;
    let mut figures = BTreeMap::new();
    let mut checksum = String::new();
    for line in text.lines() {
        let (key, value) = line
            .split_once(' ')
            .ok_or_else(|| format!("{who}: unexpected line `{line}`"))?;
        if key == "checksum" {
            checksum = value.to_string();
        } else {
            figures.insert(key.to_string(), value.parse::<f64>()?);
        }
    }
    Ok((figures, checksum))
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let options = Options::parse()?;
    let jfork = build_jfork()?;
    let classes = compile()?;
    let iterations = options.iterations.to_string();
    let mut samples: [BTreeMap<String, Vec<f64>>; 2] = [BTreeMap::new(), BTreeMap::new()];
    for rep in 0..options.reps {
        let mut exec = Command::new(&jfork);
        exec.arg("exec")
            .arg("-cp")
            .arg(&classes)
            .args(["IndyBench", &iterations]);
        let mut java = Command::new("java");
        java.args(["-Xint", "-cp"])
            .arg(&classes)
            .args(["IndyBench", &iterations]);
        let (ours, our_sum) = run(exec, "jfork exec")?;
        let (theirs, their_sum) = run(java, "java -Xint")?;
        if our_sum != their_sum {
            return Err(
                format!("run {rep}: checksum {our_sum} on jfork, {their_sum} on java").into(),
            );
        }
        for (side, figures) in [ours, theirs].into_iter().enumerate() {
            for (key, value) in figures {
                samples[side].entry(key).or_default().push(value);
            }
        }
    }
    println!(
        "invokedynamic cost, median of {} alternating runs, {} iterations per loop\n",
        options.reps, options.iterations
    );
    println!("| measure | jfork exec | java -Xint | jfork / java |");
    println!("|---|---:|---:|---:|");
    for &(key, label, once) in ROWS {
        let mut figures = [0.0; 2];
        for (side, figure) in figures.iter_mut().enumerate() {
            let values = samples[side]
                .get_mut(key)
                .ok_or_else(|| format!("no figure {key}"))?;
            *figure = median(values);
        }
        let [ours, theirs] = figures;
        let show = |nanos: f64| {
            if once {
                format!("{:.1} µs", nanos / 1e3)
            } else {
                format!("{nanos:.1} ns")
            }
        };
        let ratio = if theirs > 0.0 {
            ours / theirs
        } else {
            f64::NAN
        };
        println!(
            "| {label} | {} | {} | {ratio:.2} |",
            show(ours),
            show(theirs)
        );
    }
    Ok(())
}
