//! `cargo xtask ci`: everything CI checks, in the order a developer would.

use anyhow::{Result, bail};

use crate::{cargo, conformance, run_step};

/// Runs the format check, clippy, the whole-JDK checks, the conformance gate (via `exec` and
/// via `run`) and the test suite.
///
/// The test suite runs last so its summary is the run's closing line.
pub fn run(args: &[String]) -> Result<()> {
    if let Some(unknown) = args.first() {
        bail!("`ci` takes no arguments (got `{unknown}`)");
    }
    run_step("fmt", cargo().args(["fmt", "--all", "--", "--check"]))?;
    run_step(
        "clippy",
        cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    // Whole-JDK checks, in release mode (the debug build is too slow for 26,588 classes).
    run_step(
        "every class of lib/modules parses and validates",
        cargo().args([
            "run",
            "--quiet",
            "--release",
            "--package",
            "jfork-classfile",
            "--example",
            "check_all",
        ]),
    )?;
    // The master's preload, located, parsed, validated and linked: the JDK's classlist, then
    // all of java.base.
    for list in ["jdk-default", "all"] {
        run_step(
            &format!("jfork preload --preload {list}"),
            cargo().args([
                "run",
                "--quiet",
                "--release",
                "--package",
                "jfork",
                "--",
                "preload",
                "--preload",
                list,
            ]),
        )?;
    }
    run_step(
        "bench --quick (keeps the harness working; no numbers asserted)",
        cargo().args(["xtask", "bench", "--quick"]),
    )?;
    run_step(
        "fault suite, short form (a real master under faulty programs and hostile clients)",
        cargo().args(["xtask", "fault", "--requests", "200", "--concurrency", "20"]),
    )?;
    // The conformance gate: every program through `jfork exec` and through `jfork run` on a
    // master, byte for byte against HotSpot; any failure fails CI, except a program whose
    // `known-gap` file documents why (reported as GAP).
    let summary = conformance::run(&conformance::Options {
        gate: true,
        via: conformance::Via::Both,
        ..conformance::Options::default()
    })?;
    if summary.failed > 0 {
        bail!(
            "conformance: {} program run(s) do not match HotSpot (listed above)",
            summary.failed
        );
    }
    // `cargo test`, not nextest: the fork suites are `harness = false` binaries (a forking
    // process must be single-threaded), which nextest cannot list.
    run_step(
        "tests",
        cargo().args(["test", "--workspace", "--no-fail-fast"]),
    )
}
