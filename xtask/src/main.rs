//! `cargo xtask`: jfork's project automation.
//!
//! ```text
//! cargo xtask ci            # fmt check, clippy -D warnings, conformance, the test suite
//! cargo xtask conformance   # every conformance program on HotSpot and on jfork, compared
//! cargo xtask bench         # jfork beside HotSpot and the floors, into bench/REPORT.md
//! ```

mod bench;
mod ci;
mod conformance;
mod fault;
mod fuzz;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  ci                         fmt check, clippy -D warnings, conformance gate, tests
  conformance [options] [NAME...]
      --via exec|run|both    through jfork exec (default), jfork run on a master, or both
      --gate                 exit non-zero when any program fails (known-gap files excepted)
      --debug                run a debug build of jfork (default: release)
      --filter TEXT          only programs whose name contains TEXT
      --verbose              show the first differing lines of each failure
  bench [--quick] [--out DIR] jfork beside HotSpot and the floors; writes bench/REPORT.md
  fault [--requests N] [--concurrency C] [--seconds S] [--jfork PATH] [--strict]
                             load-and-fault suite against a real master
  fuzz TARGET [--execs N] [--seconds S] [--threads T]   mutation fuzzing (no TARGET: list)
";

fn main() {
    if let Err(e) = run() {
        eprintln!("xtask: error: {e:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    match command.as_str() {
        "bench" => bench::run(&rest),
        "ci" => ci::run(&rest),
        "fault" => fault::run(&fault::Options::parse(&rest)?),
        "fuzz" => fuzz::run(&rest),
        "conformance" => {
            let options = conformance::Options::parse(&rest)?;
            let summary = conformance::run(&options)?;
            if options.gate && summary.failed > 0 {
                bail!("{} conformance program(s) failed", summary.failed);
            }
            Ok(())
        }
        "" | "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown command `{other}`\n{USAGE}"),
    }
}

/// The workspace root (the folder above `xtask/`).
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The cargo target folder, honouring `CARGO_TARGET_DIR`.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
}

/// The folder cargo writes `profile`'s binaries to (`release`, `debug`): beside this xtask's
/// own profile folder, so it follows the target triple `.cargo/config.toml` names and
/// `CARGO_TARGET_DIR`.
fn build_dir(profile: &str) -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.join(profile)))
        .unwrap_or_else(|| target_dir().join(profile))
}

/// Runs `command` in the workspace root with inherited stdio, failing on a non-zero exit.
fn run_step(name: &str, command: &mut Command) -> Result<()> {
    eprintln!("xtask: {name}: {command:?}");
    let status = command
        .current_dir(workspace_root())
        .status()
        .with_context(|| format!("cannot start {name}"))?;
    if !status.success() {
        bail!("{name} failed ({status})");
    }
    Ok(())
}

/// The `cargo` that runs this xtask.
fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Whether process `pid` is a child a jfork master forked ahead (`jfork master --pool`)
/// that waits for a request, by the name the master gives it: it runs no program, so it is
/// neither a measured child nor a leftover.
fn is_pool_child(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .is_ok_and(|comm| comm.trim_end() == "jfork: (pool)")
}
