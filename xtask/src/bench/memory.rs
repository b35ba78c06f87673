//! Section 4: memory per process with N concurrent sleeping programs: N HotSpot JVMs beside
//! N children of one jfork master, Private_Dirty and PSS from `/proc/PID/smaps_rollup`.

use std::io::{BufRead, BufReader};
use std::os::fd::AsRawFd;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use super::Profile;
use super::jfork::{self, Jfork, Master};
use super::report::Report;
use super::setup::{Setup, meminfo_kib};
use super::stats::Summary;

/// Sleep's argument: wait blocked reading stdin, a pipe the harness holds open until it has
/// read the memory. (`Thread.sleep` would do as well, but in a child of a booted master it
/// crashes at the time of writing; a blocked `read` is as idle and works on every runtime.)
const WAIT: &str = "stdin";
/// Time for the JVMs' background threads to settle after `main` said it is ready.
const SETTLE: Duration = Duration::from_millis(500);
/// How long N programs together may take to say `ready`.
const READY_TIMEOUT: Duration = Duration::from_secs(180);
/// Budget per HotSpot JVM when deciding how many fit comfortably.
const JVM_BUDGET_KIB: u64 = 64 * 1024;

/// One N of one runtime.
#[derive(Debug, Clone)]
pub struct Point {
    pub count: usize,
    pub private_dirty_mib: Summary,
    pub pss_mib: Summary,
    pub rss_mib: Summary,
    /// The PSS of all N processes and of the `shared_by` process (jfork's master).
    pub total_pss_mib: f64,
}

/// The memory series for the plot.
#[derive(Debug, Default)]
pub struct Memory {
    pub hotspot: Vec<Point>,
    pub jfork: Vec<Point>,
}

/// The `kB` fields of `/proc/PID/smaps_rollup` the report uses, in KiB.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Rollup {
    pub rss: u64,
    pub pss: u64,
    pub private_dirty: u64,
    /// `Anonymous:` (KiB): all of a process's anonymous memory, shared with its forked
    /// children or not (a master's own size: the pool child it keeps shares its pages, so
    /// its Private_Dirty says little).
    pub anonymous: u64,
}

pub(super) fn rollup(pid: u32) -> Result<Rollup> {
    let path = format!("/proc/{pid}/smaps_rollup");
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {path}"))?;
    let mut rollup = Rollup::default();
    for line in text.lines() {
        let mut words = line.split_whitespace();
        let (Some(key), Some(value)) = (words.next(), words.next()) else {
            continue;
        };
        let value: u64 = value.parse().unwrap_or(0);
        match key {
            "Rss:" => rollup.rss = value,
            "Pss:" => rollup.pss = value,
            "Private_Dirty:" => rollup.private_dirty = value,
            "Anonymous:" => rollup.anonymous = value,
            _ => {}
        }
    }
    Ok(rollup)
}

/// The processes of one measurement, killed and reaped on drop.
struct Group(Vec<Child>);

impl Drop for Group {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
        }
        for child in &mut self.0 {
            let _ = child.wait();
        }
    }
}

/// Starts `count` copies of `command`, waits until each printed `ready`, lets them settle
/// and reads the memory of the processes `pids_of` names. The PSS of `shared_by` (the
/// process whose pages the N share, jfork's master) counts in the total only.
fn measure(
    count: usize,
    command: &dyn Fn() -> Command,
    pids_of: &dyn Fn(&[Child]) -> Vec<u32>,
    shared_by: Option<u32>,
) -> Result<Point> {
    let mut group = Group(Vec::with_capacity(count));
    for _ in 0..count {
        let child = command()
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot start a sleeping program")?;
        group.0.push(child);
    }
    let deadline = Instant::now() + READY_TIMEOUT;
    for child in &mut group.0 {
        let Some(stdout) = child.stdout.take() else {
            bail!("no stdout pipe");
        };
        let left = deadline.saturating_duration_since(Instant::now());
        let mut poll = libc::pollfd {
            fd: stdout.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let timeout = libc::c_int::try_from(left.as_millis()).unwrap_or(libc::c_int::MAX);
        // SAFETY: one live pollfd for an open pipe we own.
        if unsafe { libc::poll(&mut poll, 1, timeout) } <= 0 {
            bail!(
                "{count} sleeping programs were not all ready within {} s",
                READY_TIMEOUT.as_secs()
            );
        }
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line)?;
        if line.trim() != "ready" {
            bail!("a sleeping program ended before saying `ready`");
        }
    }
    std::thread::sleep(SETTLE);
    let pids = pids_of(&group.0);
    if pids.len() != count {
        bail!(
            "{} of {count} programs were still running {} ms after all said `ready`",
            pids.len(),
            SETTLE.as_millis()
        );
    }
    let mut rollups = Vec::new();
    for pid in pids {
        rollups.push(rollup(pid)?);
    }
    let shared_pss_kib = match shared_by {
        Some(pid) => rollup(pid)?.pss,
        None => 0,
    };
    drop(group);
    let mib = |f: fn(&Rollup) -> u64| -> Vec<f64> {
        rollups.iter().map(|r| f(r) as f64 / 1024.0).collect()
    };
    let (Some(private_dirty_mib), Some(pss_mib), Some(rss_mib)) = (
        Summary::of(&mib(|r| r.private_dirty)),
        Summary::of(&mib(|r| r.pss)),
        Summary::of(&mib(|r| r.rss)),
    ) else {
        bail!("no process to measure");
    };
    Ok(Point {
        count,
        private_dirty_mib,
        pss_mib,
        rss_mib,
        total_pss_mib: mib(|r| r.pss).iter().sum::<f64>() + shared_pss_kib as f64 / 1024.0,
    })
}

/// The children of `pid` (all its threads'), from `/proc/PID/task/*/children`, but a
/// master's pool children that wait for a request (`jfork master --pool`, named
/// `jfork: (pool)`): they run no program.
fn children_of(pid: u32) -> Vec<u32> {
    let mut children = Vec::new();
    let tasks = Path::new("/proc").join(pid.to_string()).join("task");
    for task in std::fs::read_dir(tasks).into_iter().flatten().flatten() {
        let text = std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
        children.extend(
            text.split_whitespace()
                .filter_map(|p| p.parse::<u32>().ok())
                .filter(|&p| !crate::is_pool_child(p)),
        );
    }
    children
}

/// Measures section 4 and writes its part of the report.
pub fn section(setup: &Setup, jfork: &Jfork, profile: &Profile) -> Result<(Report, Memory)> {
    let available = meminfo_kib("MemAvailable").unwrap_or(0);
    let fits = usize::try_from(available / 2 / JVM_BUDGET_KIB).unwrap_or(usize::MAX);
    let cp = setup.cp();
    let java_command = || {
        let mut command = Command::new(&setup.java);
        command.args(["-cp", &cp, "Sleep", WAIT]);
        command
    };
    let mut memory = Memory::default();
    for &count in &profile.jvm_counts {
        if count > fits {
            eprintln!("xtask: bench: {count} JVMs would not fit comfortably; skipped");
            continue;
        }
        eprintln!("xtask: bench: memory of {count} concurrent JVMs");
        let point = measure(
            count,
            &java_command,
            &|children| children.iter().map(Child::id).collect(),
            None,
        )?;
        memory.hotspot.push(point);
    }
    let mut notes = Vec::new();
    let mut failures: Vec<(usize, String)> = Vec::new();
    if let Some(master) = jfork.running_master() {
        // What each child owns at the first N (its Private_Dirty, doubled for margin) decides
        // how many more fit comfortably: the rest of its RSS is the master's, shared.
        let mut per_child_kib: Option<u64> = None;
        for &wanted in &profile.jfork_counts {
            let Some(count) = jfork_count(wanted, per_child_kib, &memory.jfork, &mut notes) else {
                continue;
            };
            eprintln!("xtask: bench: memory of {count} concurrent jfork children");
            let client = || master_client(master, setup);
            let master_pid = master.pid();
            let point = measure(
                count,
                &client,
                &|_| children_of(master_pid),
                Some(master_pid),
            );
            // The clients are gone; their programs are the master's children: end them too.
            for pid in children_of(master_pid) {
                if let Ok(pid) = libc::pid_t::try_from(pid) {
                    // SAFETY: kill has no memory effects; the pid is a child of our master.
                    unsafe { libc::kill(pid, libc::SIGKILL) };
                }
            }
            // A failure here is jfork's, reported in its row; HotSpot's side stands.
            match point {
                Ok(point) => {
                    per_child_kib
                        .get_or_insert((point.private_dirty_mib.max * 2048.0).ceil() as u64);
                    memory.jfork.push(point);
                }
                Err(e) => {
                    let cause = master.last_child_failure().map_or(String::new(), |c| {
                        format!("; the master's log: a child {c}")
                    });
                    failures.push((count, format!("{e:#}{cause}")));
                    break;
                }
            }
        }
    }

    let mut report = Report::default();
    report.heading(2, "4. Memory with N concurrent sleeping programs");
    report.para(&format!(
        "What: N copies of `Sleep stdin` (prints `ready`, then waits blocked reading stdin, a \
         pipe the harness holds open) run at once; once every one \
         has printed `ready` and {} ms have passed, each process's `Rss`, `Pss` and \
         `Private_Dirty` are read from `/proc/PID/smaps_rollup`. PSS splits shared pages \
         among their sharers, so the sum of PSS is the memory the N processes cost together \
         (for jfork the master's own PSS is added to that total: it is part of the cost). \
         HotSpot runs with its default options (CDS on); N stops where N × {} MiB would pass \
         half of `MemAvailable`. jfork's N are children of the session's master, each asked for \
         by a `jfork run` client; its N stops where N × twice one child's Private_Dirty would \
         pass half of `MemAvailable`. Cells are per-process median (p90; min–max), MiB.",
        SETTLE.as_millis(),
        JVM_BUDGET_KIB / 1024
    ));
    report.commands(&[
        format!("for i in $(seq 50); do {} & done", java_command_line(setup)),
        "grep -E '^(Rss|Pss|Private_Dirty):' /proc/$PID/smaps_rollup".to_string(),
    ]);
    let mut rows = Vec::new();
    for (runtime, points) in [("HotSpot", &memory.hotspot), ("jfork", &memory.jfork)] {
        for p in points {
            rows.push(vec![
                runtime.to_string(),
                p.count.to_string(),
                p.private_dirty_mib.cell(1),
                p.pss_mib.cell(1),
                p.rss_mib.cell(1),
                format!("{:.0}", p.total_pss_mib),
            ]);
        }
    }
    if !jfork.master.as_ref().is_ok_and(|m| m.boots_java_base) && jfork.run.is_ok() {
        notes.push(format!(
            "Note: {}; each child's private memory includes its own boot.",
            jfork::COLD_CHILD_NOTE
        ));
    }
    for note in &notes {
        report.para(note);
    }
    for (count, error) in &failures {
        rows.push(vec![
            "jfork".to_string(),
            count.to_string(),
            jfork::not_measurable(&format!("{error} (`jfork run Sleep` through the master)")),
        ]);
    }
    if let Err(e) = &jfork.run {
        for &count in &profile.jfork_counts {
            rows.push(vec![
                "jfork".to_string(),
                count.to_string(),
                jfork::not_measurable(e),
            ]);
        }
    }
    report.table(
        &[
            "runtime",
            "N",
            "Private_Dirty MiB",
            "PSS MiB",
            "RSS MiB",
            "total PSS MiB",
        ],
        &rows,
    );
    Ok((report, memory))
}

/// How many jfork children to measure for a wanted N: N itself when N × `per_child_kib`
/// (twice one child's Private_Dirty, measured at the first N) fits in half of
/// `MemAvailable`, else the largest round N that fits and is above those measured, else
/// none; a note says what was skipped.
fn jfork_count(
    wanted: usize,
    per_child_kib: Option<u64>,
    measured: &[Point],
    notes: &mut Vec<String>,
) -> Option<usize> {
    let Some(per_child) = per_child_kib.filter(|&k| k > 0) else {
        return Some(wanted);
    };
    let room = meminfo_kib("MemAvailable").unwrap_or(0) / 2;
    let fits = usize::try_from(room / per_child).unwrap_or(usize::MAX);
    if wanted <= fits {
        return Some(wanted);
    }
    let round = if fits >= 100 {
        fits / 100 * 100
    } else {
        fits / 10 * 10
    };
    let above = measured.iter().all(|p| p.count < round);
    let message = format!(
        "jfork N = {wanted} skipped: {wanted} children at {:.0} MiB each (twice one child's \
         Private_Dirty) would pass half of `MemAvailable` ({:.1} GiB)",
        per_child as f64 / 1024.0,
        room as f64 / (1024.0 * 1024.0)
    );
    eprintln!("xtask: bench: {message}");
    if round > 0 && above {
        notes.push(format!("{message}; N = {round} measured instead."));
        Some(round)
    } else {
        notes.push(format!("{message}."));
        None
    }
}

/// By hand, a background job's stdin is `/dev/null`, so `Sleep` sleeps there instead.
fn java_command_line(setup: &Setup) -> String {
    format!("{} -cp {} Sleep 600000", setup.java.display(), setup.cp())
}

fn master_client(master: &Master, setup: &Setup) -> Command {
    let contender = master.run(setup, "Sleep", &[WAIT]);
    let mut command = Command::new(&contender.program);
    command.args(&contender.args);
    command
}
