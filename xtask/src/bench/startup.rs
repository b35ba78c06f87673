//! Section 1: start-up of Hello on HotSpot (CDS on and off), on jfork (`exec` cold, `run`
//! through a warm master) and of a native hello, the process-spawn floor.

use anyhow::Result;

use super::Profile;
use super::jfork::{self, Availability, Jfork};
use super::measure::{Contender, alternate, peaks_mib, walls};
use super::report::Report;
use super::setup::Setup;
use super::stats::{Summary, ratio};

/// The wall-time samples of each measured command, for the distribution plot.
#[derive(Debug, Default)]
pub struct Startup {
    pub series: Vec<(String, Vec<f64>)>,
    /// Each measured command's wall time and median peak RSS (MiB), by label.
    pub figures: Vec<(String, Summary, f64)>,
    /// Median wall ms of `java -cp DIR Hello`, the reference of the ratios.
    pub java_median: f64,
    pub native_median: f64,
}

impl Startup {
    /// The wall summary and median peak RSS of the command labelled `label`.
    pub fn of(&self, label: &str) -> Option<(Summary, f64)> {
        self.figures
            .iter()
            .find(|(l, _, _)| l == label)
            .map(|(_, s, p)| (*s, *p))
    }
}

/// Measures section 1 and writes its part of the report.
pub fn section(setup: &Setup, jfork: &Jfork, profile: &Profile) -> Result<(Report, Startup)> {
    let cp = setup.cp();
    let mut contenders = vec![
        Contender::new("java (CDS on)", &setup.java, &["-cp", &cp, "Hello"]),
        Contender::new(
            "java -Xshare:off",
            &setup.java,
            &["-Xshare:off", "-cp", &cp, "Hello"],
        ),
        Contender::new("native hello (C)", &setup.native_hello, &[]),
    ];
    let master_boots = jfork.master.as_ref().is_ok_and(|m| m.boots_java_base);
    let mut unavailable: Vec<(String, String)> = Vec::new();
    let mut consider = |contender: Contender, availability: Availability| match availability {
        Ok(()) => contenders.push(contender),
        Err(e) => unavailable.push((contender.label.clone(), e)),
    };
    consider(jfork::exec(setup, "Hello", &[]), jfork.exec.clone());
    match &jfork.master {
        Ok(master) => consider(master.run(setup, "Hello", &[]), jfork.run.clone()),
        Err(e) => consider(
            Contender::new("jfork run", &setup.jfork, &["run", "-cp", &cp, "Hello"]),
            Err(e.clone()),
        ),
    }

    let (results, failures) = alternate(&contenders, profile.warmup, profile.startup_runs)?;
    unavailable.extend(failures);
    let java_median = Summary::of(&walls(&results[0])).map_or(0.0, |s| s.median);
    let mut report = Report::default();
    report.heading(2, "1. Start-up: Hello, world");
    report.para(&format!(
        "What: wall time from `fork`+`exec` of the command to the return of `wait4` on its \
         exit, and the process's peak RSS (`ru_maxrss` from `wait4`). {} warm-up runs each, \
         then {} rounds; each round runs every command once, the first command rotating, so \
         machine drift affects all alike. Output goes to `/dev/null`. Cells are median \
         (p90; min–max); the ratio is of medians, against `java` with CDS on (the default). \
         jfork rows are measured only once jfork prints what HotSpot prints. `jfork run` \
         goes through a master started once for the session (`jfork master -cp DIR`, the \
         JDK's classlist preloaded); its peak RSS is the client's, as `wait4` sees only the \
         client.",
        profile.warmup, profile.startup_runs
    ));
    let mut lines: Vec<String> = contenders.iter().map(Contender::shell_line).collect();
    let quoted: Vec<String> = contenders
        .iter()
        .map(|c| format!("'{}'", c.shell_line()))
        .collect();
    lines.push(String::new());
    lines.push(format!(
        "# the same with public tools ({}):",
        super::setup::tool_note("hyperfine")
    ));
    lines.push(format!("hyperfine -N --warmup 3 {}", quoted.join(" ")));
    lines.push(format!(
        "/usr/bin/time -v {}   # peak RSS",
        contenders[0].shell_line()
    ));
    report.commands(&lines);

    let mut startup = Startup {
        java_median,
        ..Startup::default()
    };
    let mut rows = Vec::new();
    for (contender, runs) in contenders.iter().zip(&results) {
        let wall = walls(runs);
        let Some(summary) = Summary::of(&wall) else {
            continue;
        };
        let peak = Summary::of(&peaks_mib(runs)).map_or(0.0, |s| s.median);
        let is_run = contender.label == "jfork run";
        rows.push(vec![
            if is_run && !master_boots {
                format!("{} ({})", contender.label, jfork::COLD_CHILD_NOTE)
            } else {
                contender.label.clone()
            },
            summary.cell(2),
            ratio(summary.median, java_median),
            if is_run {
                format!("{peak:.1} (the client's; the child's memory is in section 4)")
            } else {
                format!("{peak:.1}")
            },
        ]);
        startup
            .figures
            .push((contender.label.clone(), summary, peak));
        if contender.label.starts_with("native") {
            startup.native_median = summary.median;
        }
        startup.series.push((contender.label.clone(), wall));
    }
    for (label, error) in &unavailable {
        rows.push(vec![label.clone(), jfork::not_measurable(error)]);
    }
    report.table(
        &[
            "command",
            "wall ms",
            "ratio to java",
            "peak RSS MiB (median)",
        ],
        &rows,
    );
    Ok((report, startup))
}
