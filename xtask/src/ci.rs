//! `cargo xtask ci`: everything CI checks, in the order a developer would.

use anyhow::{Result, bail};

use crate::{cargo, conformance, run_step};

/// Runs the format check, clippy, the whole-JDK checks, the conformance report and the test
/// suite.
///
/// The conformance suite reports its count without failing CI until the runtime can boot
/// java.base (the issue that boots it turns it into a gate with `--gate`). The test suite
/// runs last so its summary is the run's closing line.
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
    let summary = conformance::run(&conformance::Options::default())?;
    eprintln!(
        "xtask: conformance is not a gate yet: {} of {} programs match HotSpot",
        summary.passed,
        summary.passed + summary.failed
    );
    // `cargo test`, not nextest: the fork suites are `harness = false` binaries (a forking
    // process must be single-threaded), which nextest cannot list.
    run_step(
        "tests",
        cargo().args(["test", "--workspace", "--no-fail-fast"]),
    )
}
