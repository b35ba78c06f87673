//! Section 8: the master as a server: how many `jfork run Hello` it serves per second with
//! two clients at a time (beside `java Hello` and the native hello spawned the same way),
//! and how much CPU it uses while idle.

use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Result;

use super::Profile;
use super::jfork::{self, Jfork};
use super::measure::Contender;
use super::report::Report;
use super::setup::Setup;
use super::stats::Summary;

/// Clients at a time: one per core of this machine's two.
const CONCURRENCY: usize = 2;

/// Runs per second of `contender` when `CONCURRENCY` workers each start it, wait for it
/// and start it again until `runs` runs have ended; `None` if a run failed.
fn throughput(contender: &Contender, runs: usize) -> Option<f64> {
    let next = AtomicUsize::new(0);
    let failed = AtomicUsize::new(0);
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..CONCURRENCY {
            scope.spawn(|| {
                while next.fetch_add(1, Ordering::Relaxed) < runs {
                    let ok = Command::new(&contender.program)
                        .args(&contender.args)
                        .stdin(Stdio::null())
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .status()
                        .is_ok_and(|s| s.success());
                    if !ok {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    let elapsed = start.elapsed().as_secs_f64();
    (failed.load(Ordering::Relaxed) == 0 && elapsed > 0.0).then(|| runs as f64 / elapsed)
}

/// User plus system CPU time of `pid` so far, in seconds (`/proc/PID/stat`).
fn cpu_seconds(pid: u32) -> Option<f64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which ends with the last ')'.
    let fields: Vec<&str> = text.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // SAFETY: sysconf has no memory effects.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    Some(ticks as f64 / hz)
}

/// Measures section 8 and writes its part of the report.
pub fn section(setup: &Setup, jfork: &Jfork, profile: &Profile) -> Result<Report> {
    let cp = setup.cp();
    let java = Contender::new("java Hello", &setup.java, &["-cp", &cp, "Hello"]);
    let native = Contender::new("native hello (C)", &setup.native_hello, &[]);
    let run = jfork
        .master
        .as_ref()
        .ok()
        .map(|m| m.run(setup, "Hello", &[]));
    let (rounds, jfork_runs, java_runs) = if profile.quick {
        (1, 10, 4)
    } else {
        (3, 300, 40)
    };

    let mut report = Report::default();
    report.heading(
        2,
        "8. The master as a server: spawn throughput and idle CPU",
    );
    report.para(&format!(
        "What: runs per second of Hello with {CONCURRENCY} clients at a time (one per \
         core): {CONCURRENCY} workers each start the command, wait for its exit and start \
         it again, until {jfork_runs} runs ({java_runs} for `java`) have ended; {rounds} \
         rounds, the commands alternating within each; cells are median (p90; min–max) \
         runs/s over the rounds. `jfork run` goes through the session's master. Then the \
         master's own CPU time (user + system, `/proc/PID/stat`) over a span with no \
         request, as a share of one core."
    ));
    let mut lines = vec![
        java.shell_line(),
        native.shell_line(),
        format!(
            "{}   # as section 1",
            run.as_ref()
                .map_or(String::from("jfork run Hello"), Contender::shell_line)
        ),
    ];
    lines.push(
        "# each in two loops at once; the master's CPU ticks (user + system) before and after \
         an idle span: awk '{print $14 + $15}' /proc/$MASTER_PID/stat"
            .into(),
    );
    report.commands(&lines);

    let mut samples: Vec<(String, Vec<f64>, Option<String>)> = vec![
        (java.label.clone(), Vec::new(), None),
        (native.label.clone(), Vec::new(), None),
        ("jfork run Hello".into(), Vec::new(), None),
    ];
    match (&run, &jfork.run) {
        (Some(_), Ok(())) => {}
        (_, Err(e)) => samples[2].2 = Some(e.clone()),
        (None, _) => samples[2].2 = Some("no master".into()),
    }
    for _ in 0..rounds {
        if let Some(r) = throughput(&java, java_runs) {
            samples[0].1.push(r);
        }
        if let Some(r) = throughput(&native, jfork_runs) {
            samples[1].1.push(r);
        }
        if let (Some(run), None) = (&run, &samples[2].2) {
            match throughput(run, jfork_runs) {
                Some(r) => samples[2].1.push(r),
                None => samples[2].2 = Some("a run failed".into()),
            }
        }
    }
    let java_median = Summary::of(&samples[0].1).map_or(0.0, |s| s.median);
    let mut rows = Vec::new();
    for (label, runs, error) in &samples {
        match (Summary::of(runs), error) {
            (Some(s), None) => rows.push(vec![
                label.clone(),
                s.cell(1),
                format!("{:.2}x", s.median / java_median.max(f64::MIN_POSITIVE)),
            ]),
            (_, Some(e)) => rows.push(vec![label.clone(), jfork::not_measurable(e), "-".into()]),
            (None, None) => rows.push(vec![label.clone(), "-".into(), "-".into()]),
        }
    }
    report.table(&["command", "runs/s", "to java"], &rows);

    let idle = if profile.quick {
        Duration::from_secs(1)
    } else {
        Duration::from_secs(5)
    };
    match jfork.master.as_ref() {
        Ok(master) => {
            // Let the last requests' children end and the pool refill first.
            std::thread::sleep(Duration::from_millis(500));
            let pid = master.pid();
            let before = cpu_seconds(pid);
            let start = Instant::now();
            std::thread::sleep(idle);
            let elapsed = start.elapsed().as_secs_f64();
            match (before, cpu_seconds(pid)) {
                (Some(a), Some(b)) => report.para(&format!(
                    "The master idle for {elapsed:.1} s: {:.3} s of CPU, {:.2} % of one core.",
                    b - a,
                    (b - a) / elapsed * 100.0
                )),
                _ => report.para("The master's CPU time could not be read."),
            }
        }
        Err(e) => report.para(&format!(
            "The master's idle CPU: {}",
            jfork::not_measurable(e)
        )),
    }
    Ok(report)
}
