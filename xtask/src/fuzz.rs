//! `cargo xtask fuzz TARGET [--execs N] [--seconds S] [--threads T]`: long mutation-fuzz runs
//! on stable Rust. Each target is an ignored test (`fuzz_target`) in the crate that owns the
//! reader, so xtask links none of them: it runs `cargo test --release` with `FUZZ_*` set.
//! Crashing inputs are saved in `target/fuzz-crashes/TARGET/`.

use anyhow::{Context, Result, bail};

use crate::{cargo, run_step};

/// Target name, owning package, test file, what it reads.
const TARGETS: &[(&str, &str, &str, &str)] = &[
    (
        "class",
        "jfork-resolver",
        "fuzz_classes",
        "class files: parse, validate, link, verify",
    ),
    (
        "protocol",
        "jfork",
        "fuzz_protocol",
        "wire frames (FrameReader, Message::decode)",
    ),
    (
        "list",
        "jfork-preloader",
        "fuzz_readers",
        "preload lists (HotSpot classlist)",
    ),
    (
        "manifest",
        "jfork-preloader",
        "fuzz_readers",
        "jar manifests",
    ),
    (
        "jar",
        "jfork-preloader",
        "fuzz_readers",
        "jar archives (zip)",
    ),
    ("jmod", "jfork-preloader", "fuzz_readers", "jmod archives"),
    (
        "jimage",
        "jfork-preloader",
        "fuzz_readers",
        "the jimage reader (lib/modules)",
    ),
];

/// Runs one target.
pub fn run(args: &[String]) -> Result<()> {
    let Some(target) = args.first() else {
        let mut list = String::new();
        for (name, _, _, what) in TARGETS {
            list.push_str(&format!("  {name:<10} {what}\n"));
        }
        bail!("usage: cargo xtask fuzz TARGET [--execs N] [--seconds S] [--threads T]\n{list}");
    };
    let Some((_, package, test, _)) = TARGETS.iter().find(|t| t.0 == target) else {
        bail!("unknown fuzz target `{target}`");
    };
    let mut command = cargo();
    command
        .args(["test", "--release", "--package", package, "--test", test])
        .args(["--", "--ignored", "--nocapture", "--exact", "fuzz_target"])
        .env("FUZZ_TARGET", target);
    let mut it = args[1..].iter();
    while let Some(arg) = it.next() {
        let value = it.next().with_context(|| format!("{arg} needs a value"))?;
        let var = match arg.as_str() {
            "--execs" => "FUZZ_EXECS",
            "--seconds" => "FUZZ_SECONDS",
            "--threads" => "FUZZ_THREADS",
            other => bail!("fuzz: unknown option `{other}`"),
        };
        value
            .parse::<u64>()
            .with_context(|| format!("{arg} {value}"))?;
        command.env(var, value);
    }
    run_step(&format!("fuzz {target}"), &mut command)
}
