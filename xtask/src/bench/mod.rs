//! `cargo xtask bench`: jfork beside HotSpot on this machine, in one command (issue 13).
//!
//! ```text
//! cargo xtask bench            # full run (< 10 minutes): bench/REPORT.md and bench/*.svg
//! cargo xtask bench --quick    # a few runs of everything: target/bench-quick/
//! ```
//!
//! Eight sections: start-up, spawn latency in the master, scale with the preload, memory
//! with N concurrent programs, interpreter throughput, preload phases, garbage collection,
//! and the master as a server (spawn throughput, idle CPU). Every jfork figure is
//! taken only after jfork prints what HotSpot prints; until then its row says "not
//! measurable yet" with jfork's own error. HotSpot and the floors are always measured.

mod fork;
mod gc;
mod jfork;
mod master;
mod measure;
mod memory;
mod plot;
mod preload;
mod readme;
mod report;
mod setup;
mod spawn;
mod startup;
mod stats;
mod throughput;

use std::fs;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::{target_dir, workspace_root};
use report::Report;
use setup::{Machine, Setup, load_average};

const USAGE: &str = "\
usage: cargo xtask bench [--quick] [--out DIR]
  --quick     few runs of everything (about a minute); writes to target/bench-quick/
  --out DIR   where REPORT.md and the plots go (default: bench/, or target/bench-quick/)
";

/// How many runs each section makes.
#[derive(Debug)]
pub struct Profile {
    pub quick: bool,
    pub warmup: usize,
    pub startup_runs: usize,
    pub preload_runs: usize,
    pub fork_runs: usize,
    /// Launch → main samples per command in section 2.
    pub spawn_runs: usize,
    /// Launch → main samples through each preload list's master in section 3.
    pub scale_runs: usize,
    pub jvm_counts: Vec<usize>,
    pub jfork_counts: Vec<usize>,
    pub throughput_runs: usize,
    pub parse_rounds: usize,
    /// Alternating rounds of each allocation-heavy program in section 7.
    pub gc_runs: usize,
}

impl Profile {
    fn full() -> Profile {
        Profile {
            quick: false,
            warmup: 3,
            startup_runs: 50,
            preload_runs: 7,
            fork_runs: 30,
            spawn_runs: 100,
            scale_runs: 30,
            jvm_counts: vec![1, 10, 50],
            jfork_counts: vec![1, 100, 1000],
            throughput_runs: 5,
            parse_rounds: 3,
            gc_runs: 3,
        }
    }

    fn quick() -> Profile {
        Profile {
            quick: true,
            warmup: 1,
            startup_runs: 5,
            preload_runs: 2,
            fork_runs: 5,
            spawn_runs: 5,
            scale_runs: 3,
            jvm_counts: vec![1, 5],
            jfork_counts: vec![1, 5],
            throughput_runs: 1,
            parse_rounds: 1,
            gc_runs: 1,
        }
    }
}

/// Runs `cargo xtask bench` with the arguments that follow `bench`.
pub fn run(args: &[String]) -> Result<()> {
    let mut quick = false;
    let mut out: Option<PathBuf> = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => quick = true,
            "--out" => match args.next() {
                Some(dir) => out = Some(PathBuf::from(dir)),
                None => bail!("--out needs a folder"),
            },
            "-h" | "--help" => {
                print!("{USAGE}");
                return Ok(());
            }
            other => bail!("unknown bench option `{other}`\n{USAGE}"),
        }
    }
    let profile = if quick {
        Profile::quick()
    } else {
        Profile::full()
    };
    let out = out.unwrap_or_else(|| {
        if quick {
            target_dir().join("bench-quick")
        } else {
            workspace_root().join("bench")
        }
    });
    fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;

    let started = Instant::now();
    let load_before = load_average();
    let setup = Setup::prepare()?;
    let machine = Machine::describe(&setup.java);

    let hello = measure::Contender::new("java", &setup.java, &["-cp", &setup.cp(), "Hello"]);
    let hello_output = hello.output()?;
    if !hello_output.status.success() {
        bail!("`{}` failed: HotSpot cannot run Hello", hello.shell_line());
    }
    let jfork = jfork::Jfork::probe(&setup, &hello_output.stdout);

    eprintln!(
        "xtask: bench: {:.0} s: 1. start-up",
        started.elapsed().as_secs_f64()
    );
    let (startup_report, startup) = startup::section(&setup, &jfork, &profile)?;
    eprintln!(
        "xtask: bench: {:.0} s: 6. preload (measured first: sections 2 and 3 use its sizes)",
        started.elapsed().as_secs_f64()
    );
    let lists = preload::measure(&setup, &profile)?;
    eprintln!(
        "xtask: bench: {:.0} s: 2-3. spawn latency and scale",
        started.elapsed().as_secs_f64()
    );
    let (fork_report, scale, spawn) = fork::section(&setup, &jfork, &profile, &lists)?;
    eprintln!(
        "xtask: bench: {:.0} s: 4. memory",
        started.elapsed().as_secs_f64()
    );
    let (memory_report, memory) = memory::section(&setup, &jfork, &profile)?;
    eprintln!(
        "xtask: bench: {:.0} s: 8. the master as a server",
        started.elapsed().as_secs_f64()
    );
    let master_report = master::section(&setup, &jfork, &profile)?;
    eprintln!(
        "xtask: bench: {:.0} s: 5. throughput",
        started.elapsed().as_secs_f64()
    );
    let (throughput_report, throughput) = throughput::section(&setup, &profile)?;
    eprintln!(
        "xtask: bench: {:.0} s: 7. garbage collection",
        started.elapsed().as_secs_f64()
    );
    let gc_report = gc::section(&setup, &profile)?;
    eprintln!(
        "xtask: bench: {:.0} s: 6. parse and link examples",
        started.elapsed().as_secs_f64()
    );
    let boot_ms: Vec<Option<f64>> = scale.points.iter().map(|p| p.boot_ms).collect();
    let preload_report = preload::section(&setup, &profile, &lists, &boot_ms)?;
    let master_boots = jfork.master.as_ref().is_ok_and(|m| m.boots_java_base);
    let headline = headline(&startup, &spawn, &memory, &throughput, master_boots);
    let jfork_error = jfork.exec.clone().err().or_else(|| jfork.run.clone().err());
    // Stops the master, if one started, before the report is written.
    drop(jfork);

    plot::distribution(
        &out.join("startup.svg"),
        "Start-up of Hello: fraction of runs within a wall time",
        &startup.series,
    )?;
    plot::distribution(
        &out.join("spawn.svg"),
        "Launch → main (Stamp): fraction of runs within a latency",
        &spawn.series,
    )?;
    plot::memory(&out.join("memory.svg"), &memory)?;
    plot::scale(&out.join("scale.svg"), &scale)?;

    let mut report = Report::default();
    report.heading(1, "jfork benchmarks");
    report.para(&format!(
        "Written by `cargo xtask bench{}` on {} in {:.0} s. Reproduce with the same command; \
         each section states what it measures and the commands to measure it by hand.",
        if quick { " --quick" } else { "" },
        utc_now(),
        started.elapsed().as_secs_f64()
    ));
    report.table(
        &["machine", ""],
        &[
            vec!["CPU".to_string(), machine.cpu.clone()],
            vec!["cores".to_string(), machine.cores.to_string()],
            vec![
                "memory".to_string(),
                format!("{:.1} GiB", machine.memory_gib),
            ],
            vec!["kernel".to_string(), format!("Linux {}", machine.kernel)],
            vec!["java -version".to_string(), machine.java_version.clone()],
            vec![
                "load average (1, 5, 15 min)".to_string(),
                format!("before {load_before}; after {}", load_average()),
            ],
        ],
    );
    report.para(&format!(
        "The programs are `bench/programs/*.java`, compiled once with `javac {}`; HotSpot \
         and jfork run the same class files.",
        setup::JAVAC_FLAGS.join(" ")
    ));
    if let Some(problem) = &setup.build_problem {
        report.para(&format!("**Warning:** {problem}."));
    }
    report.para(
        "The machine may be shared: compare ratios measured side by side in this run rather \
         than absolute numbers across runs.",
    );
    let overload = overload_warning(&load_before, machine.cores);
    if let Some(warning) = &overload {
        report.para(warning);
    }
    let mut headline_report = Report::default();
    headline_report.table(&["", "HotSpot 17", "jfork"], &headline);
    if let Some(error) = &jfork_error {
        headline_report.para(&format!("jfork is not measurable yet: {error}"));
    }
    let headline_text = headline_report.into_text();
    report.heading(2, "Headline");
    report.para(&headline_text);
    report.para(&format!(
        "Measured by `cargo xtask bench{}` on {}: {}, {} cores, {:.0} GiB, Linux {}, load \
         average {load_before} before the run. Full report: `bench/REPORT.md`.",
        if quick { " --quick" } else { "" },
        utc_now(),
        machine.cpu,
        machine.cores,
        machine.memory_gib,
        machine.kernel
    ));
    report.para(
        "![start-up distribution](startup.svg)\n\n![launch to main distribution](spawn.svg)\n\n\
         ![memory against N](memory.svg)\n\n![preload, spawn and fork cost against preload \
         size](scale.svg)",
    );
    report.append(startup_report);
    report.append(fork_report);
    report.append(memory_report);
    report.append(throughput_report);
    report.append(preload_report);
    report.append(gc_report);
    report.append(master_report);

    // Paths as a reader in the workspace sees them, wherever CARGO_TARGET_DIR points.
    let target = format!("{}/", target_dir().display());
    let root = format!("{}/", workspace_root().display());
    let relative = |text: &str| text.replace(&target, "target/").replace(&root, "");
    let text = relative(&report.into_text());
    let path = out.join("REPORT.md");
    fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    if !quick && out == workspace_root().join("bench") {
        let intro = format!(
            "From `cargo xtask bench` on {} ({}, {} cores, {:.0} GiB, Linux {}, {}; load \
             average {load_before} before the run: the machine may be shared, so read the \
             ratios measured side by side, not the absolute times). {}The full report with \
             methods, commands and plots is [bench/REPORT.md](bench/REPORT.md).",
            utc_now(),
            machine.cpu,
            machine.cores,
            machine.memory_gib,
            machine.kernel,
            readme::java_short(&machine.java_version),
            overload.as_ref().map_or(String::new(), |w| format!("{w} "))
        );
        let body = format!(
            "{}\n\n{}",
            readme::wrap(&intro, 95),
            relative(&headline_text)
        );
        readme::update(&workspace_root().join("README.md"), &body)?;
        eprintln!("xtask: bench: updated the README's benchmark section");
    }
    eprintln!(
        "xtask: bench: wrote {} and 4 plots in {:.0} s",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The table the README shows.
fn headline(
    startup: &startup::Startup,
    spawn: &fork::Spawn,
    memory: &memory::Memory,
    throughput: &throughput::Throughput,
    master_boots: bool,
) -> Vec<Vec<String>> {
    // The reason stands once under the table, not in every cell.
    let jfork_error = "not measurable yet (see below)".to_string();
    let java = startup.java_median;
    let wall = |label: &str, name: &str| {
        startup.of(label).map(|(s, _)| {
            format!(
                "{name} {:.1} ms ({})",
                s.median,
                stats::ratio(s.median, java)
            )
        })
    };
    let run_note = if master_boots {
        ""
    } else {
        " (each child still boots java.base itself)"
    };
    let jfork_wall: Vec<String> = [
        wall("jfork exec", "`exec`"),
        wall("jfork run", "`run`").map(|c| format!("{c}{run_note}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut rows = vec![vec![
        format!(
            "Hello start-up, wall median (ratio to `java`; native hello {:.1} ms)",
            startup.native_median
        ),
        [
            wall("java (CDS on)", "`java`"),
            wall("java -Xshare:off", "`-Xshare:off`"),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("; "),
        if jfork_wall.is_empty() {
            jfork_error.clone()
        } else {
            jfork_wall.join("; ")
        },
    ]];
    let peak = |label: &str| startup.of(label).map(|(_, p)| format!("{p:.1} MiB"));
    rows.push(vec![
        "Hello peak RSS, median (`wait4`)".to_string(),
        peak("java (CDS on)").unwrap_or_else(|| "-".to_string()),
        peak("jfork exec").map_or(jfork_error.clone(), |p| format!("`exec` {p}")),
    ]);
    let to_main = |label: &str, name: &str| {
        spawn
            .series
            .iter()
            .find(|(l, _)| l == label)
            .and_then(|(_, samples)| stats::Summary::of(samples))
            .map(|s| format!("{name} {:.1} ms (p99 {:.1})", s.median, s.p99))
    };
    let jfork_to_main: Vec<String> = [
        to_main("jfork exec", "`exec`"),
        to_main("jfork run", "`run`"),
    ]
    .into_iter()
    .flatten()
    .collect();
    rows.push(vec![
        "launch → `main`, median (`Stamp`)".to_string(),
        to_main("java (CDS on)", "`java`").unwrap_or_else(|| "-".to_string()),
        if jfork_to_main.is_empty() {
            jfork_error.clone()
        } else {
            jfork_to_main.join("; ")
        },
    ]);
    let per_process = |p: &memory::Point| {
        format!(
            "{:.1} MiB PSS, {:.1} MiB Private_Dirty (N = {})",
            p.pss_mib.median, p.private_dirty_mib.median, p.count
        )
    };
    if let Some(p) = memory.hotspot.last() {
        rows.push(vec![
            "memory per process, N concurrent sleeping programs".to_string(),
            per_process(p),
            memory.jfork.last().map_or(jfork_error.clone(), |j| {
                format!("{}{run_note}", per_process(j))
            }),
        ]);
    }
    rows.push(vec![
        "CPU-bound programs, geometric mean of computation-time ratios".to_string(),
        throughput.xint_over_java.map_or("-".to_string(), |r| {
            format!("`java -Xint` takes {r:.2}x the time of `java`")
        }),
        throughput.jfork_over_xint.map_or(jfork_error, |r| {
            format!("`exec` takes {r:.2}x the time of `java -Xint`")
        }),
    ]);
    rows
}

/// A warning for the report when the 1-minute load average exceeds the cores.
fn overload_warning(load: &str, cores: usize) -> Option<String> {
    let one: f64 = load.split_whitespace().next()?.parse().ok()?;
    (one > cores as f64).then(|| {
        format!(
            "**This run was on an overloaded machine** (load {one:.1} on {cores} cores): \
             HotSpot starts several threads (JIT compilers, GC) and suffers more from the \
             contention than single-threaded jfork, so start-up ratios here flatter jfork."
        )
    })
}

/// The current UTC date and time, `YYYY-MM-DD HH:MM UTC` (civil-from-days, no date crate).
fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    let (hour, minute) = ((secs % 86_400) / 3600, (secs % 3600) / 60);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02} UTC")
}

#[cfg(test)]
mod tests {
    #[test]
    fn warns_when_the_load_passes_the_cores() {
        assert!(super::overload_warning("16.83 16.44 13.55", 2).is_some());
        assert!(super::overload_warning("1.50 2.00 2.00", 2).is_none());
        assert!(super::overload_warning("unknown", 2).is_none());
    }

    #[test]
    fn utc_now_is_a_calendar_date() {
        let now = super::utc_now();
        assert_eq!(now.len(), "2026-11-30 00:25 UTC".len());
        assert!(now.ends_with(" UTC"));
        let year: i32 = now[..4].parse().unwrap();
        assert!(year >= 2024);
    }
}
