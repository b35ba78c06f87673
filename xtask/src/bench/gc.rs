//! Section 7: garbage collection on allocation-heavy programs, `jfork exec` beside HotSpot's
//! interpreter with its serial collector, both with the same `-Xmx` (issue 9).
//!
//! Each run's collections and pauses come from the runtimes' own logs on stderr: jfork's
//! `JFORK_GC_LOG=1` prints one `[gc #N ...: ..., T ms]` line per collection, HotSpot's
//! `-Xlog:gc:stderr` one `GC(N) Pause ... Tms` line per pause. The program's own time is
//! the `compute_ns` line the program prints, as in section 5.

use anyhow::{Context, Result, bail};

use super::Profile;
use super::jfork;
use super::measure::{Contender, alternate_with, check_prints, run_timed, split_failures};
use super::report::Report;
use super::setup::Setup;
use super::stats::{Summary, ratio};

/// The heap limit both runtimes get.
const MAX_HEAP: &str = "-Xmx64m";

/// HotSpot's flags: its interpreter (jfork has no compiler) and its simplest collector, a
/// stop-the-world one on one thread like jfork's, logging each pause to stderr.
const HOTSPOT_FLAGS: &[&str] = &["-Xint", "-XX:+UseSerialGC", MAX_HEAP, "-Xlog:gc:stderr"];

/// An allocation-heavy program of `bench/programs/` and its arguments (full run, `--quick`).
struct Program {
    main: &'static str,
    what: &'static str,
    full: &'static [&'static str],
    quick: &'static [&'static str],
}

const PROGRAMS: &[Program] = &[
    Program {
        main: "BinaryTrees",
        what: "binary trees: many short-lived trees beside a long-lived one \
               (conformance/programs/gc-binary-trees)",
        full: &["16"],
        quick: &["14"],
    },
    Program {
        main: "MapsChurn",
        what: "HashMaps and TreeMaps of 50 000 and 10 000 entries built and dropped each round \
               (conformance/programs/gc-maps-churn)",
        full: &["16"],
        quick: &["2"],
    },
];

/// What one run's collector log says.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Pauses {
    collections: u64,
    total_ms: f64,
    max_ms: f64,
}

impl Pauses {
    fn add(&mut self, ms: f64) {
        self.collections += 1;
        self.total_ms += ms;
        self.max_ms = self.max_ms.max(ms);
    }
}

/// jfork's `JFORK_GC_LOG` lines: `[gc #3: 9000 KiB -> 1200 KiB (live ...), 0 dirty master
/// objects, 1.234 ms]` (the collector's own `[gc: no room ...]` notes are not collections).
fn jfork_pauses(stderr: &str) -> Pauses {
    let mut pauses = Pauses::default();
    for line in stderr.lines().map(str::trim) {
        let Some(rest) = line.strip_prefix("[gc #") else {
            continue;
        };
        let ms = rest
            .strip_suffix(" ms]")
            .and_then(|r| r.rsplit([' ', ',']).next())
            .and_then(|n| n.parse::<f64>().ok());
        if let Some(ms) = ms {
            pauses.add(ms);
        }
    }
    pauses
}

/// HotSpot's `-Xlog:gc` lines: `[0.412s][info][gc] GC(2) Pause Young (Allocation Failure)
/// 20M->7M(61M) 11.454ms`; every pause counts (a young collection that escalates logs a
/// full one too).
fn hotspot_pauses(stderr: &str) -> Pauses {
    let mut pauses = Pauses::default();
    for line in stderr.lines().map(str::trim) {
        let Some((_, event)) = line.split_once("[gc] GC(") else {
            continue;
        };
        if !event.contains(" Pause ") {
            continue;
        }
        let ms = event
            .rsplit(' ')
            .next()
            .and_then(|t| t.strip_suffix("ms"))
            .and_then(|n| n.parse::<f64>().ok());
        if let Some(ms) = ms {
            pauses.add(ms);
        }
    }
    pauses
}

/// One run: the process's wall time, the program's own time and its collector's pauses.
#[derive(Debug, Clone, Copy)]
struct Sample {
    wall_ms: f64,
    compute_ms: f64,
    pauses: Pauses,
}

fn sample(contender: &Contender) -> Result<Sample> {
    let timed = run_timed(contender, true)?;
    if !timed.success {
        bail!("`{}` did not exit with 0", contender.shell_line());
    }
    let stderr = String::from_utf8_lossy(&timed.stderr);
    let nanos = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("compute_ns "))
        .and_then(|n| n.trim().parse::<u64>().ok())
        .with_context(|| format!("`{}` printed no `compute_ns`", contender.shell_line()))?;
    let pauses = if contender.label.starts_with("jfork") {
        jfork_pauses(&stderr)
    } else {
        hotspot_pauses(&stderr)
    };
    Ok(Sample {
        wall_ms: timed.run.wall_ms,
        compute_ms: nanos as f64 / 1e6,
        pauses,
    })
}

/// The figures of one program's runs on one runtime.
struct Figures {
    collections: Option<Summary>,
    total: Option<Summary>,
    longest: Option<Summary>,
    compute: Option<Summary>,
    wall: Option<Summary>,
}

impl Figures {
    fn of(samples: &[Sample]) -> Figures {
        let series =
            |pick: fn(&Sample) -> f64| Summary::of(&samples.iter().map(pick).collect::<Vec<_>>());
        Figures {
            collections: series(|s| s.pauses.collections as f64),
            total: series(|s| s.pauses.total_ms),
            longest: series(|s| s.pauses.max_ms),
            compute: series(|s| s.compute_ms),
            wall: series(|s| s.wall_ms),
        }
    }

    /// The table cells: collections, total pause, longest pause, program time, GC share,
    /// wall time.
    fn cells(&self) -> Vec<String> {
        let cell =
            |s: Option<Summary>, digits: usize| s.map_or("-".to_string(), |s| s.cell(digits));
        let share = match (self.total, self.compute) {
            (Some(t), Some(c)) if c.median > 0.0 => format!("{:.1} %", 100.0 * t.median / c.median),
            _ => "-".to_string(),
        };
        vec![
            cell(self.collections, 0),
            cell(self.total, 1),
            cell(self.longest, 2),
            cell(self.compute, 0),
            share,
            cell(self.wall, 0),
        ]
    }

    /// `self / base` for each figure the cells show (the share is left empty).
    fn ratios(&self, base: &Figures) -> Vec<String> {
        let r = |a: Option<Summary>, b: Option<Summary>| match (a, b) {
            (Some(a), Some(b)) => ratio(a.median, b.median),
            _ => "-".to_string(),
        };
        vec![
            r(self.collections, base.collections),
            r(self.total, base.total),
            r(self.longest, base.longest),
            r(self.compute, base.compute),
            String::new(),
            r(self.wall, base.wall),
        ]
    }
}

/// Measures section 7 and writes its part of the report.
pub fn section(setup: &Setup, profile: &Profile) -> Result<Report> {
    let cp = setup.cp();
    let runs = profile.gc_runs;
    let mut report = Report::default();
    report.heading(2, "7. Garbage collection on allocation-heavy programs");
    report.para(&format!(
        "What: the allocation-heavy programs of `bench/programs/` (copies of the `gc-*` \
         conformance programs that take their size as an argument and print their own time) \
         with the same heap limit, `{MAX_HEAP}`, on `jfork exec` (its non-moving mark-sweep \
         collector) and on HotSpot's interpreter with its serial collector (`java {}`), once \
         jfork prints the same output as HotSpot. How: collections and pauses from each \
         runtime's own log on stderr, one line per collection: jfork's `JFORK_GC_LOG=1` \
         (`[gc #N ...: ... T ms]`, the collector's own clock around mark, reference \
         processing and sweep) and HotSpot's `-Xlog:gc` (`GC(N) Pause ... Tms`, every young \
         and full pause); total pause is their sum and longest pause their maximum within a \
         run. Program time is the computation's own (`compute_ns`, `System.nanoTime()` \
         around the work, collections included) and is the throughput figure; GC share is \
         total pause / program time (of medians); wall is the whole process, start-up \
         included. One unrecorded run of each (the output check), then {runs} alternating \
         rounds; cells are median (p90; min–max) over the runs, ratios are jfork / HotSpot \
         of medians.",
        HOTSPOT_FLAGS.join(" ")
    ));
    let header = [
        "program",
        "runtime",
        "collections",
        "total pause ms",
        "longest pause ms",
        "program time ms",
        "GC share",
        "wall ms",
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut lines = Vec::new();
    for program in PROGRAMS {
        let args = if profile.quick {
            program.quick
        } else {
            program.full
        };
        let contender = |label: &str, runtime: &std::path::Path, flags: &[&str]| {
            let mut all: Vec<&str> = flags.to_vec();
            all.extend_from_slice(&["-cp", &cp, program.main]);
            all.extend_from_slice(args);
            Contender::new(label, runtime, &all)
        };
        let hotspot = contender("java -Xint", &setup.java, HOTSPOT_FLAGS);
        let expected = hotspot.output()?;
        if !expected.status.success() {
            bail!("`{}` failed on HotSpot", hotspot.shell_line());
        }
        // Checked without the log, so that a failure reports jfork's own error alone.
        let quiet = contender("jfork exec", &setup.jfork, &["exec", MAX_HEAP]);
        let mut jfork_ok = check_prints(&quiet, &expected.stdout);
        let jfork_exec = quiet.with_env("JFORK_GC_LOG", "1");
        lines.push(hotspot.shell_line());
        lines.push(jfork_exec.shell_line());
        let mut contenders = vec![hotspot];
        if jfork_ok.is_ok() {
            contenders.push(jfork_exec);
        }
        let (results, failures) =
            split_failures(&contenders, alternate_with(&contenders, 0, runs, sample))?;
        if let Some((_, error)) = failures.into_iter().next() {
            jfork_ok = Err(error);
        }
        let name = format!("{} {}", program.main, args.join(" "));
        let hotspot = Figures::of(&results[0]);
        let mut row = vec![name.clone(), "`java -Xint` serial".to_string()];
        row.extend(hotspot.cells());
        rows.push(row);
        match &jfork_ok {
            Ok(()) => {
                let jfork = Figures::of(results.get(1).map_or(&[][..], Vec::as_slice));
                let mut row = vec![name.clone(), "`jfork exec`".to_string()];
                row.extend(jfork.cells());
                rows.push(row);
                let mut row = vec![name, "jfork / HotSpot".to_string()];
                row.extend(jfork.ratios(&hotspot));
                rows.push(row);
            }
            Err(e) => rows.push(vec![
                name,
                "`jfork exec`".to_string(),
                jfork::not_measurable(e),
            ]),
        }
    }
    report.commands(&lines);
    report.table(&header, &rows);
    report.para(&format!(
        "The programs: {}. HotSpot's serial collector is generational and copying (a young \
         collection touches only the survivors); jfork's marks the whole collectable space \
         and sweeps it, and collects when the bytes allocated since the last collection \
         exceed the live size (at least 8 MiB), so its counts and pauses follow a different \
         rule. Pause times on a loaded machine include time the process waited for a CPU.",
        PROGRAMS
            .iter()
            .map(|p| format!("`{}`, {}", p.main, p.what))
            .collect::<Vec<_>>()
            .join("; ")
    ));
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_jfork_collection_lines() {
        let log = "stretch\n\
            [gc #1: 9000 KiB -> 1200 KiB (live 300 KiB), 0 dirty master objects, 1.500 ms]\n\
            compute_ns 5\n\
            [gc: no room for 64 bytes: 0 free in chunks, 0 above the top]\n\
            [gc #2 clearing soft references: 9 KiB -> 1 KiB (live 1 KiB), 3 dirty master objects, 4.250 ms]\n";
        let p = jfork_pauses(log);
        assert_eq!(p.collections, 2);
        assert_eq!(p.total_ms, 5.75);
        assert_eq!(p.max_ms, 4.25);
    }

    #[test]
    fn reads_hotspot_pause_lines() {
        let log = "[0.005s][info][gc] Using Serial\n\
            [0.412s][info][gc] GC(0) Pause Young (Allocation Failure) 16M->2M(61M) 3.500ms\n\
            [0.900s][info][gc] GC(1) Pause Young (Allocation Failure) 20M->7M(61M) 11.454ms\n\
            [1.900s][info][gc] GC(2) Pause Full (System.gc()) 20M->7M(61M) 1.000ms\n";
        let p = hotspot_pauses(log);
        assert_eq!(p.collections, 3);
        assert!((p.total_ms - 15.954).abs() < 1e-9);
        assert_eq!(p.max_ms, 11.454);
    }

    #[test]
    fn no_log_no_pauses() {
        assert_eq!(jfork_pauses("compute_ns 5\n"), Pauses::default());
        assert_eq!(
            hotspot_pauses("[0.005s][info][gc] Using Serial\n"),
            Pauses::default()
        );
    }
}
