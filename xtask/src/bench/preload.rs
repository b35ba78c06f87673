//! Section 6 (preload: parse, link, initialize) and the preload figures sections 2 and 3
//! build on: `jfork preload --json` over three list sizes, plus the parse and link
//! examples of the classfile and resolver crates.

use std::process::Command;

use anyhow::{Context, Result};

use super::Profile;
use super::measure::{Contender, Run, run_timed};
use super::report::Report;
use super::setup::Setup;
use super::stats::Summary;
use crate::{build_dir, workspace_root};

/// One preload list measured with `jfork preload`.
#[derive(Debug)]
pub struct ListFigures {
    pub label: String,
    /// The `--preload` argument: a list file, `jdk-default` or `all`.
    pub list: String,
    pub contender: Contender,
    pub classes: u64,
    pub runs: Vec<Run>,
    pub wall_ms: Vec<f64>,
    pub load_ms: Vec<f64>,
    pub link_ms: Vec<f64>,
    /// Present once `jfork preload` reports an initialization phase (`init_ms`).
    pub init_ms: Vec<f64>,
    pub linker: String,
    pub threads: u64,
    /// Set when a run failed or printed no report.
    pub error: Option<String>,
}

impl ListFigures {
    /// The median peak RSS of `jfork preload` for this list, in MiB.
    pub fn peak_mib(&self) -> Option<f64> {
        let peaks: Vec<f64> = self
            .runs
            .iter()
            .map(|r| r.max_rss_kib as f64 / 1024.0)
            .collect();
        Summary::of(&peaks).map(|s| s.median)
    }
}

/// Dumps the classes HotSpot loads for Hello (`-XX:DumpLoadedClassList`), then runs
/// `jfork preload` on that list, the JDK's classlist and all of java.base, alternating.
pub fn measure(setup: &Setup, profile: &Profile) -> Result<Vec<ListFigures>> {
    let hello_list = setup.work.join("hello.classlist");
    let dump = format!("-XX:DumpLoadedClassList={}", hello_list.display());
    let output = Command::new(&setup.java)
        .args(["-Xshare:off", &dump, "-cp", &setup.cp(), "Hello"])
        .output()
        .context("cannot run java to dump Hello's classlist")?;
    if !output.status.success() {
        anyhow::bail!(
            "java {dump} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let hello = hello_list.display().to_string();
    let lists = [
        ("Hello's classes (HotSpot's list)", hello.as_str()),
        ("the JDK's classlist (jdk-default)", "jdk-default"),
        ("all of java.base (all)", "all"),
    ];
    let cp = setup.cp();
    let mut figures: Vec<ListFigures> = lists
        .iter()
        .map(|(label, list)| ListFigures {
            label: label.to_string(),
            list: list.to_string(),
            contender: Contender::new(
                label,
                &setup.jfork,
                &["preload", "-cp", &cp, "--preload", list, "--json"],
            ),
            classes: 0,
            runs: Vec::new(),
            wall_ms: Vec::new(),
            load_ms: Vec::new(),
            link_ms: Vec::new(),
            init_ms: Vec::new(),
            linker: String::new(),
            threads: 0,
            error: None,
        })
        .collect();
    for round in 0..profile.preload_runs {
        for k in 0..figures.len() {
            let list = &mut figures[(round + k) % lists.len()];
            let timed = run_timed(&list.contender, true)?;
            let (run, success) = (timed.run, timed.success);
            let json: serde_json::Value = match serde_json::from_slice(&timed.stdout) {
                Ok(json) => json,
                Err(e) => {
                    list.error = Some(format!("no JSON report ({e})"));
                    continue;
                }
            };
            if !success {
                list.error = Some(format!(
                    "`jfork preload` exited non-zero: {} classes failed",
                    json["failed"]
                ));
            }
            let number = |key: &str| json[key].as_f64();
            list.runs.push(run);
            list.classes = json["loaded"].as_u64().unwrap_or(0);
            list.threads = json["threads"].as_u64().unwrap_or(0);
            list.linker = json["linker"].as_str().unwrap_or("?").to_string();
            list.wall_ms.extend(number("wall_ms"));
            list.load_ms.extend(number("load_ms"));
            list.link_ms.extend(number("link_ms"));
            list.init_ms.extend(number("init_ms"));
        }
    }
    Ok(figures)
}

fn cell(samples: &[f64]) -> String {
    Summary::of(samples).map_or_else(|| "-".to_string(), |s| s.cell(1))
}

/// Section 6; `boot_ms` is, per list, the boot of java.base a master preloading it logged.
pub fn section(
    setup: &Setup,
    profile: &Profile,
    lists: &[ListFigures],
    boot_ms: &[Option<f64>],
) -> Result<Report> {
    let mut report = Report::default();
    report.heading(2, "6. Preload: parse, link, initialize");
    report.para(&format!(
        "What: the master's preload, run once per process by `jfork preload`, which reads each \
         list's classes from the JDK's `lib/modules`, parses and validates them (\"load\"), \
         links them (\"link\"). Figures are the phase times `jfork preload --json` reports, \
         medians (p90; min–max) of {} runs per list, the lists alternating. Peak RSS is \
         `ru_maxrss` from `wait4`. `jfork preload` stops after linking: initialization \
         happens when a master boots java.base (`System.initPhase1..3`, running the \
         `<clinit>` methods the boot reaches), so \"init\" is the boot time the master \
         logs (`boot_ms`), from one start of a master preloading that list (section 3).",
        profile.preload_runs
    ));
    report.commands(
        &lists
            .iter()
            .map(|l| format!("/usr/bin/time -v {}", l.contender.shell_line()))
            .collect::<Vec<_>>(),
    );
    let init_error = "`jfork preload` does not initialize, and no master booted java.base \
                      with this list";
    let rows: Vec<Vec<String>> = lists
        .iter()
        .zip(boot_ms.iter().copied().chain(std::iter::repeat(None)))
        .map(|(l, boot)| {
            vec![
                l.label.clone(),
                l.classes.to_string(),
                format!("{} ({} threads)", l.linker, l.threads),
                cell(&l.wall_ms),
                cell(&l.load_ms),
                cell(&l.link_ms),
                match (l.init_ms.is_empty(), boot) {
                    (false, _) => cell(&l.init_ms),
                    (true, Some(ms)) => format!("{ms:.0} (the master's boot, 1 start)"),
                    (true, None) => super::jfork::not_measurable(init_error),
                },
                l.peak_mib().map_or("-".to_string(), |m| format!("{m:.0}")),
                l.error.clone().unwrap_or_default(),
            ]
        })
        .collect();
    report.table(
        &[
            "list",
            "classes",
            "linker",
            "wall ms",
            "load ms",
            "link ms",
            "init ms",
            "peak RSS MiB",
            "problems",
        ],
        &rows,
    );

    report.para(
        "Parse and validate alone (classes read into memory first; single thread and all \
         cores), from the classfile crate's example:",
    );
    let parse_rounds = profile.parse_rounds.to_string();
    example(
        &mut report,
        "jfork-classfile",
        "bench_parse",
        &[&parse_rounds],
    )?;
    report.para(
        "Linking every class of java.base and of the JDK's classlist (class bytes in memory, \
         reading excluded), from the resolver crate's example:",
    );
    example(&mut report, "jfork-resolver", "link_jdk", &[])?;
    let _ = setup;
    Ok(report)
}

/// Runs a crate example in release mode and puts its command and output in the report.
/// A failing example is reported, not fatal: the other sections still stand.
pub fn example(report: &mut Report, package: &str, name: &str, args: &[&str]) -> Result<String> {
    // Built by `Setup::prepare`; run directly so no second cargo build can intervene.
    let binary = build_dir("release").join("examples").join(name);
    let mut command = Command::new(&binary);
    command.args(args);
    let shown = format!(
        "cargo run --release -p {package} --example {name}{}{}",
        if args.is_empty() { "" } else { " -- " },
        args.join(" ")
    );
    eprintln!("xtask: bench: {shown}");
    let output = command
        .current_dir(workspace_root())
        .output()
        .with_context(|| format!("cannot start `{shown}`"))?;
    report.commands(&[shown.as_str()]);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if output.status.success() {
        report.details(&format!("output of `{name}`"), &stdout);
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(8).collect();
        report.para(&format!("**`{name}` failed ({}):**", output.status));
        report.details(
            "its last lines of stderr",
            &tail.into_iter().rev().collect::<Vec<_>>().join("\n"),
        );
    }
    Ok(stdout)
}
