//! Section 5: interpreter throughput on CPU-bound programs, jfork beside HotSpot's own
//! interpreter (`java -Xint`) and HotSpot with its JIT compilers (`java`).

use anyhow::{Result, bail};

use super::Profile;
use super::jfork;
use super::measure::{Contender, alternate, check_prints, walls};
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
        full: &["30"],
        quick: &["20"],
    },
    Program {
        main: "Sieve",
        what: "boolean-array sieve",
        full: &["1000000", "5"],
        quick: &["100000", "1"],
    },
    Program {
        main: "ArrayLoops",
        what: "nested loops over int arrays (matrix product)",
        full: &["200"],
        quick: &["50"],
    },
    Program {
        main: "InterfaceCalls",
        what: "megamorphic interface calls",
        full: &["4000000"],
        quick: &["100000"],
    },
    Program {
        main: "Alloc",
        what: "small short-lived objects",
        full: &["3000000"],
        quick: &["100000"],
    },
];

/// Measures section 5 and writes its part of the report. Returns the geometric mean of
/// `java -Xint` / `java` wall ratios and, once measurable, of jfork / `java -Xint`.
pub fn section(setup: &Setup, profile: &Profile) -> Result<(Report, Option<f64>, Option<f64>)> {
    let cp = setup.cp();
    let mut report = Report::default();
    report.heading(2, "5. Interpreter throughput on CPU-bound programs");
    report.para(&format!(
        "What: wall time of the whole process (start-up included: compare with section 1) \
         for each program of `bench/programs/`, on HotSpot's interpreter alone (`-Xint`), on \
         HotSpot with its JIT compilers, and on `jfork exec` once jfork prints the same \
         output as HotSpot. {} warm-up run(s), then {} alternating rounds; cells are median \
         (p90; min–max) ms.",
        profile.warmup.min(1),
        profile.throughput_runs
    ));
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    let mut xint_over_java = Vec::new();
    let mut jfork_over_xint = Vec::new();
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
        let jfork_ok = check_prints(&jfork_exec, &expected.stdout);
        lines.push(xint.shell_line());
        lines.push(java.shell_line());
        lines.push(jfork_exec.shell_line());
        let mut contenders = vec![xint, java];
        if jfork_ok.is_ok() {
            contenders.push(jfork_exec);
        }
        let results = alternate(&contenders, profile.warmup.min(1), profile.throughput_runs)?;
        let medians: Vec<Option<Summary>> =
            results.iter().map(|r| Summary::of(&walls(r))).collect();
        let cell = |i: usize| {
            medians
                .get(i)
                .copied()
                .flatten()
                .map_or("-".to_string(), |s| s.cell(0))
        };
        let median = |i: usize| medians.get(i).copied().flatten().map_or(0.0, |s| s.median);
        xint_over_java.push(median(0) / median(1));
        let jfork_cell = match &jfork_ok {
            Ok(()) => {
                jfork_over_xint.push(median(2) / median(0));
                format!("{} ({} of -Xint)", cell(2), ratio(median(2), median(0)))
            }
            Err(e) => jfork::not_measurable(e),
        };
        rows.push(vec![
            format!("{} {}", program.main, args.join(" ")),
            program.what.to_string(),
            cell(0),
            cell(1),
            ratio(median(0), median(1)),
            jfork_cell,
        ]);
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
    report.table(
        &[
            "program",
            "exercises",
            "java -Xint ms",
            "java ms",
            "-Xint / java",
            "jfork exec ms",
        ],
        &rows,
    );
    Ok((
        report,
        geometric_mean(&xint_over_java),
        geometric_mean(&jfork_over_xint),
    ))
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
