//! Section 5: interpreter throughput on CPU-bound programs, jfork beside HotSpot's own
//! interpreter (`java -Xint`) and HotSpot with its JIT compilers (`java`).

use anyhow::{Result, bail};

use super::Profile;
use super::jfork;
use super::measure::{Contender, alternate_with, check_prints, run_timed, split_failures};
use super::report::Report;
use super::setup::Setup;
use super::stats::{Summary, ratio};

/// A benchmark program of `bench/programs/` and its arguments (full run, `--quick`).
struct Program {
    main: &'static str,
    what: &'static str,
    full: &'static [&'static str],
    quick: &'static [&'static str],
}

const PROGRAMS: &[Program] = &[
    Program {
        main: "Fib",
        what: "recursive calls, int arithmetic",
        full: &["32"],
        quick: &["20"],
    },
    Program {
        main: "Sieve",
        what: "boolean-array sieve",
        full: &["1000000", "10"],
        quick: &["100000", "1"],
    },
    Program {
        main: "ArrayLoops",
        what: "nested loops over int arrays (matrix product)",
        full: &["300"],
        quick: &["50"],
    },
    Program {
        main: "InterfaceCalls",
        what: "megamorphic interface calls",
        full: &["10000000"],
        quick: &["100000"],
    },
    Program {
        main: "Alloc",
        what: "small short-lived objects",
        full: &["3000000"],
        quick: &["100000"],
    },
];

/// One run of a throughput program: the whole process's wall time and the computation's
/// own time, which the program prints on stderr as `compute_ns N`.
#[derive(Debug, Clone, Copy)]
struct Sample {
    wall_ms: f64,
    compute_ms: f64,
}

fn sample(contender: &Contender) -> Result<Sample> {
    let timed = run_timed(contender, true)?;
    if !timed.success {
        bail!("`{}` did not exit with 0", contender.shell_line());
    }
    let stderr = String::from_utf8_lossy(&timed.stderr);
    let Some(nanos) = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("compute_ns "))
        .and_then(|n| n.trim().parse::<u64>().ok())
    else {
        bail!("`{}` printed no `compute_ns`", contender.shell_line());
    };
    Ok(Sample {
        wall_ms: timed.run.wall_ms,
        compute_ms: nanos as f64 / 1e6,
    })
}

/// The geometric means of section 5's ratios of medians, for the headline.
#[derive(Debug, Default)]
pub struct Throughput {
    /// `java -Xint` / `java`, computation time.
    pub xint_over_java: Option<f64>,
    /// `jfork exec` / `java -Xint`, computation time.
    pub jfork_over_xint: Option<f64>,
    /// `jfork exec` / `java -Xint`, whole-process wall time.
    pub jfork_over_xint_wall: Option<f64>,
}

/// Measures section 5 and writes its part of the report.
pub fn section(setup: &Setup, profile: &Profile) -> Result<(Report, Throughput)> {
    let cp = setup.cp();
    let warmup = profile.warmup.min(1);
    let mut report = Report::default();
    report.heading(2, "5. Interpreter throughput on CPU-bound programs");
    report.para(&format!(
        "What: each program of `bench/programs/` on HotSpot's interpreter alone (`-Xint`), \
         on HotSpot with its JIT compilers (`java`) and on `jfork exec`, once jfork prints \
         the same output as HotSpot. Two times per run: the computation's own, which the \
         program measures with `System.nanoTime()` around its work and prints on stderr \
         (`compute_ns`), and the whole process's wall time, start-up included (compare \
         with section 1). {warmup} warm-up run(s), then {} alternating rounds; cells are \
         median (p90; min–max) ms, ratios are of medians.",
        profile.throughput_runs
    ));
    let mut compute_rows = Vec::new();
    let mut wall_rows = Vec::new();
    let mut lines = Vec::new();
    let mut xint_over_java = Vec::new();
    let mut jfork_over_xint = Vec::new();
    let mut jfork_over_xint_wall = Vec::new();
    for program in PROGRAMS {
        let args = if profile.quick {
            program.quick
        } else {
            program.full
        };
        let with_args = |label: &str, flags: &[&str]| {
            let mut all: Vec<&str> = flags.to_vec();
            all.extend_from_slice(&["-cp", &cp, program.main]);
            all.extend_from_slice(args);
            Contender::new(label, &setup.java, &all)
        };
        let xint = with_args("java -Xint", &["-Xint"]);
        let java = with_args("java", &[]);
        let expected = java.output()?;
        if !expected.status.success() {
            bail!("`{}` failed on HotSpot", java.shell_line());
        }
        let jfork_exec = jfork::exec(setup, program.main, args);
        let mut jfork_ok = check_prints(&jfork_exec, &expected.stdout);
        lines.push(xint.shell_line());
        lines.push(java.shell_line());
        lines.push(jfork_exec.shell_line());
        let mut contenders = vec![xint, java];
        if jfork_ok.is_ok() {
            contenders.push(jfork_exec);
        }
        let (results, failures) = split_failures(
            &contenders,
            alternate_with(&contenders, warmup, profile.throughput_runs, sample),
        )?;
        if let Some((_, error)) = failures.into_iter().next() {
            jfork_ok = Err(error);
        }
        let summary = |i: usize, pick: fn(&Sample) -> f64| {
            results
                .get(i)
                .and_then(|r| Summary::of(&r.iter().map(pick).collect::<Vec<_>>()))
        };
        let name = format!("{} {}", program.main, args.join(" "));
        for (rows, pick, digits) in [
            (
                &mut compute_rows,
                (|s: &Sample| s.compute_ms) as fn(&Sample) -> f64,
                1,
            ),
            (&mut wall_rows, |s: &Sample| s.wall_ms, 0),
        ] {
            let (xint, java, jfork) = (summary(0, pick), summary(1, pick), summary(2, pick));
            let cell = |s: Option<Summary>| s.map_or("-".to_string(), |s| s.cell(digits));
            let median = |s: Option<Summary>| s.map_or(0.0, |s| s.median);
            let mut row = vec![name.clone()];
            if digits == 1 {
                row.push(program.what.to_string());
            }
            row.extend([cell(xint), cell(java), ratio(median(xint), median(java))]);
            match &jfork_ok {
                Ok(()) => {
                    row.push(cell(jfork));
                    row.push(ratio(median(jfork), median(xint)));
                }
                Err(e) => row.push(jfork::not_measurable(e)),
            }
            rows.push(row);
        }
        let median =
            |i: usize, pick: fn(&Sample) -> f64| summary(i, pick).map_or(0.0, |s| s.median);
        xint_over_java.push(median(0, |s| s.compute_ms) / median(1, |s| s.compute_ms));
        if jfork_ok.is_ok() {
            jfork_over_xint.push(median(2, |s| s.compute_ms) / median(0, |s| s.compute_ms));
            jfork_over_xint_wall.push(median(2, |s| s.wall_ms) / median(0, |s| s.wall_ms));
        }
    }
    lines.push(String::new());
    lines.push(format!(
        "# cycles and instructions with public tools ({}):",
        super::setup::tool_note("perf")
    ));
    if let Some(first) = lines.first().cloned() {
        lines.push(format!("perf stat -r 5 {first}"));
    }
    report.commands(&lines);
    report.para("The computation's own time (`compute_ns`, printed by the program):");
    report.table(
        &[
            "program",
            "exercises",
            "java -Xint ms",
            "java ms",
            "-Xint / java",
            "jfork exec ms",
            "jfork / -Xint",
        ],
        &compute_rows,
    );
    report.para("The whole process's wall time, start-up included:");
    report.table(
        &[
            "program",
            "java -Xint ms",
            "java ms",
            "-Xint / java",
            "jfork exec ms",
            "jfork / -Xint",
        ],
        &wall_rows,
    );
    let throughput = Throughput {
        xint_over_java: geometric_mean(&xint_over_java),
        jfork_over_xint: geometric_mean(&jfork_over_xint),
        jfork_over_xint_wall: geometric_mean(&jfork_over_xint_wall),
    };
    if let (Some(compute), Some(wall)) =
        (throughput.jfork_over_xint, throughput.jfork_over_xint_wall)
    {
        report.para(&format!(
            "Geometric mean of `jfork exec` / `java -Xint`: {compute:.2}x for the computation, \
             {wall:.2}x for the whole process."
        ));
    }
    Ok((report, throughput))
}

fn geometric_mean(values: &[f64]) -> Option<f64> {
    let usable: Vec<f64> = values
        .iter()
        .copied()
        .filter(|v| *v > 0.0 && v.is_finite())
        .collect();
    if usable.is_empty() {
        return None;
    }
    Some((usable.iter().map(|v| v.ln()).sum::<f64>() / usable.len() as f64).exp())
}
