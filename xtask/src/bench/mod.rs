//! `cargo xtask bench`: jfork beside HotSpot on this machine, in one command (issue 13).
//!
//! ```text
//! cargo xtask bench            # full run (< 10 minutes): bench/REPORT.md and bench/*.svg
//! cargo xtask bench --quick    # a few runs of everything: target/bench-quick/
//! ```
//!
//! Six sections: start-up, spawn latency in the master, scale with the preload, memory with
//! N concurrent programs, interpreter throughput and preload phases. Every jfork figure is
//! taken only after jfork prints what HotSpot prints; until then its row says "not
//! measurable yet" with jfork's own error. HotSpot and the floors are always measured.

mod fork;
mod jfork;
mod measure;
mod memory;
mod plot;
mod preload;
mod report;
mod setup;
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
    pub jvm_counts: Vec<usize>,
    pub jfork_counts: Vec<usize>,
    pub throughput_runs: usize,
    pub parse_rounds: usize,
}

impl Profile {
    fn full() -> Profile {
        Profile {
            quick: false,
            warmup: 3,
            startup_runs: 50,
            preload_runs: 7,
            fork_runs: 30,
            jvm_counts: vec![1, 10, 50],
            jfork_counts: vec![1, 100, 1000],
            throughput_runs: 5,
            parse_rounds: 3,
        }
    }

    fn quick() -> Profile {
        Profile {
            quick: true,
            warmup: 1,
            startup_runs: 5,
            preload_runs: 2,
            fork_runs: 5,
            jvm_counts: vec![1, 5],
            jfork_counts: vec![1, 5],
            throughput_runs: 1,
            parse_rounds: 1,
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
    let (fork_report, scale) = fork::section(&setup, &jfork, &profile, &lists)?;
    eprintln!(
        "xtask: bench: {:.0} s: 4. memory",
        started.elapsed().as_secs_f64()
    );
    let (memory_report, memory) = memory::section(&setup, &jfork, &profile)?;
    eprintln!(
        "xtask: bench: {:.0} s: 5. throughput",
        started.elapsed().as_secs_f64()
    );
    let (throughput_report, xint_over_java, jfork_over_xint) =
        throughput::section(&setup, &profile)?;
    eprintln!(
        "xtask: bench: {:.0} s: 6. parse and link examples",
        started.elapsed().as_secs_f64()
    );
    let preload_report = preload::section(&setup, &profile, &lists)?;
    let headline = headline(&startup, &memory, xint_over_java, jfork_over_xint);
    let jfork_error = jfork.exec.clone().err().or_else(|| jfork.run.clone().err());
    // Stops the master, if one started, before the report is written.
    drop(jfork);

    plot::startup(&out.join("startup.svg"), &startup)?;
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
    if let Some(problem) = &setup.build_problem {
        report.para(&format!("**Warning:** {problem}."));
    }
    report.para(
        "The machine may be shared: compare ratios measured side by side in this run rather \
         than absolute numbers across runs.",
    );
    report.heading(2, "Headline");
    report.table(&["", "HotSpot 17", "jfork"], &headline);
    if let Some(error) = &jfork_error {
        report.para(&format!("jfork is not measurable yet: {error}"));
    }
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
    report.para("![start-up distribution](startup.svg)\n\n![memory against N](memory.svg)\n\n![preload and fork cost against preload size](scale.svg)");
    report.append(startup_report);
    report.append(fork_report);
    report.append(memory_report);
    report.append(throughput_report);
    report.append(preload_report);

    let root = format!("{}/", workspace_root().display());
    let text = report.into_text().replace(&root, "");
    let path = out.join("REPORT.md");
    fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!(
        "xtask: bench: wrote {} and 3 plots in {:.0} s",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The table the README shows.
fn headline(
    startup: &startup::Startup,
    memory: &memory::Memory,
    xint_over_java: Option<f64>,
    jfork_over_xint: Option<f64>,
) -> Vec<Vec<String>> {
    // The reason stands once under the table, not in every cell.
    let jfork_error = "not measurable yet (see below)".to_string();
    let mut rows = vec![vec![
        format!(
            "Hello start-up, wall median (native floor {:.1} ms)",
            startup.native_median
        ),
        format!("{:.1} ms", startup.java_median),
        startup
            .jfork_median
            .as_ref()
            .map_or(jfork_error.clone(), |(label, ms)| {
                format!("{ms:.1} ms ({label})")
            }),
    ]];
    if let Some(p) = memory.hotspot.last() {
        let jfork_cell = memory.jfork.last().map_or(jfork_error.clone(), |j| {
            format!(
                "{:.1} MiB PSS, {:.1} MiB Private_Dirty (N = {})",
                j.pss_mib.median, j.private_dirty_mib.median, j.count
            )
        });
        rows.push(vec![
            format!("memory per process, N = {} concurrent", p.count),
            format!(
                "{:.1} MiB PSS, {:.1} MiB Private_Dirty",
                p.pss_mib.median, p.private_dirty_mib.median
            ),
            jfork_cell,
        ]);
    }
    rows.push(vec![
        "CPU-bound programs, geometric mean of wall ratios".to_string(),
        xint_over_java.map_or("-".to_string(), |r| {
            format!("`java -Xint` takes {r:.2}x the time of `java`")
        }),
        jfork_over_xint.map_or(jfork_error, |r| format!("{r:.2}x the time of `java -Xint`")),
    ]);
    rows
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
    fn utc_now_is_a_calendar_date() {
        let now = super::utc_now();
        assert_eq!(now.len(), "2026-11-30 00:25 UTC".len());
        assert!(now.ends_with(" UTC"));
        let year: i32 = now[..4].parse().unwrap();
        assert!(year >= 2024);
    }
}
