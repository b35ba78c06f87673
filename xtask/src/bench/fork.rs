//! Sections 2 and 3: spawn latency inside the master and how it scales with the preload,
//! beside the bare `fork` floor of a parent of the master's size (the cloner's
//! `bench_fork` example, run as a subprocess so xtask stays light).

use anyhow::Result;

use super::Profile;
use super::jfork::{self, Jfork, Master};
use super::measure::Contender;
use super::memory::{Rollup, rollup};
use super::preload::{ListFigures, example};
use super::report::Report;
use super::setup::Setup;
use super::spawn::{to_main, to_main_once};
use super::stats::Summary;

/// One row of `bench_fork`'s first table.
#[derive(Debug, Clone)]
pub struct ForkRow {
    pub mib: u64,
    pub backing: String,
    /// "floor fork→child" median, ms.
    pub floor_ms: Option<f64>,
    /// "floor fork→child" p90, ms.
    pub floor_p90_ms: Option<f64>,
    /// "floor fork→child" minimum, ms.
    pub floor_min_ms: Option<f64>,
    /// "cloner fork→hook" median, ms.
    pub cloner_ms: Option<f64>,
}

/// Figures for the scale plot, one point per preload list.
#[derive(Debug, Default)]
pub struct Scale {
    pub points: Vec<ScalePoint>,
}

/// One preload size of the scale plot.
#[derive(Debug, Clone)]
pub struct ScalePoint {
    pub classes: u64,
    pub preload_ms: f64,
    /// Median launch → main of `jfork run Stamp` through a master with this preload.
    pub run_to_main_ms: Option<f64>,
    /// The boot of java.base that master logged, ms.
    pub boot_ms: Option<f64>,
    pub floor_plain_ms: Option<f64>,
    pub floor_arena_ms: Option<f64>,
}

/// Launch → main samples of section 2 per command, for the distribution plot.
#[derive(Debug, Default)]
pub struct Spawn {
    pub series: Vec<(String, Vec<f64>)>,
}

/// A master started with one preload list: its memory and `jfork run`'s launch → main.
struct ScaleMaster {
    memory: Rollup,
    boot_ms: Option<f64>,
    to_main: Summary,
}

/// Parses the first Markdown table of `bench_fork`'s output.
pub fn parse_fork_table(text: &str) -> Vec<ForkRow> {
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if !line.starts_with('|') {
            if header.is_some() && !rows.is_empty() {
                break;
            }
            continue;
        }
        let cells: Vec<String> = line
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().to_string())
            .collect();
        if cells.iter().all(|c| c.chars().all(|ch| ch == '-')) {
            continue;
        }
        let Some(names) = &header else {
            header = Some(cells);
            continue;
        };
        let column = |name: &str| names.iter().position(|n| n == name);
        let get = |name: &str| column(name).and_then(|i| cells.get(i));
        // Cells read `median / p90 (min)`.
        let nth = |name: &str, n: usize| {
            get(name)
                .and_then(|c| c.split_whitespace().filter(|w| *w != "/").nth(n))
                .and_then(|n| n.trim_matches(['(', ')']).parse::<f64>().ok())
        };
        let median = |name: &str| nth(name, 0);
        let mib = get("parent memory")
            .and_then(|c| c.split_whitespace().next())
            .and_then(|n| n.parse().ok());
        let (Some(mib), Some(backing)) = (mib, get("backing")) else {
            continue;
        };
        rows.push(ForkRow {
            mib,
            backing: backing.clone(),
            floor_ms: median("floor fork→child"),
            floor_p90_ms: nth("floor fork→child", 1),
            floor_min_ms: nth("floor fork→child", 2),
            cloner_ms: median("cloner fork→hook"),
        });
    }
    rows
}

fn find(rows: &[ForkRow], mib: u64, backing: &str) -> Option<ForkRow> {
    rows.iter()
        .find(|r| r.mib == mib && r.backing == backing)
        .cloned()
}

fn ms(value: Option<f64>) -> String {
    value.map_or("-".to_string(), |v| format!("{v:.3}"))
}

fn mib(kib: u64) -> u64 {
    (kib as f64 / 1024.0).ceil().max(1.0) as u64
}

/// `median / p90 / p99 (min)` ms: the latency cells of sections 2 and 3.
fn latency_cells(s: &Summary) -> Vec<String> {
    vec![
        format!("{:.2}", s.median),
        format!("{:.2}", s.p90),
        format!("{:.2}", s.p99),
        format!("{:.2}", s.min),
    ]
}

/// Starts a master preloading `list`, reads its memory once its socket is open, and
/// measures `jfork run Stamp` through it; the master stops before this returns.
fn scale_master(
    setup: &Setup,
    profile: &Profile,
    index: usize,
    list: &str,
) -> Result<ScaleMaster, String> {
    let master = Master::start(setup, &format!("scale-{index}"), Some(list))?;
    let memory = rollup(master.pid()).map_err(|e| format!("{e:#}"))?;
    let stamp = master.run(setup, "Stamp", &[]);
    let (samples, failures) =
        to_main(&[stamp], profile.warmup, profile.scale_runs).map_err(|e| format!("{e:#}"))?;
    if let Some((_, error)) = failures.into_iter().next() {
        return Err(error);
    }
    let to_main = samples
        .first()
        .and_then(|s| Summary::of(s))
        .ok_or_else(|| "no sample".to_string())?;
    Ok(ScaleMaster {
        memory,
        boot_ms: master.boot_ms,
        to_main,
    })
}

/// Measures sections 2 and 3 and writes their part of the report.
pub fn section(
    setup: &Setup,
    jfork: &Jfork,
    profile: &Profile,
    lists: &[ListFigures],
) -> Result<(Report, Scale, Spawn)> {
    // Section 2's commands: launch → main of Stamp on each runtime, alternating.
    let cp = setup.cp();
    let java = Contender::new("java (CDS on)", &setup.java, &["-cp", &cp, "Stamp"]);
    let mut contenders = vec![java];
    let mut unavailable: Vec<(String, String)> = Vec::new();
    let mut consider = |contender: Contender, gate: &Result<(), String>| {
        let checked = gate.clone().and_then(|()| {
            to_main_once(&contender)
                .map(|_| ())
                .map_err(|e| format!("{e:#}"))
        });
        match checked {
            Ok(()) => contenders.push(contender),
            Err(e) => unavailable.push((contender.label.clone(), e)),
        }
    };
    consider(jfork::exec(setup, "Stamp", &[]), &jfork.exec);
    match &jfork.master {
        Ok(master) => consider(master.run(setup, "Stamp", &[]), &jfork.run),
        Err(e) => unavailable.push(("jfork run".to_string(), e.clone())),
    }
    let (samples, failures) = to_main(&contenders, profile.warmup, profile.spawn_runs)?;
    unavailable.extend(failures);
    let mut spawn = Spawn::default();
    for (contender, samples) in contenders.iter().zip(samples) {
        if !samples.is_empty() {
            spawn.series.push((contender.label.clone(), samples));
        }
    }

    // Section 3's masters, one per preload list, one at a time.
    let mut scaled: Vec<Result<ScaleMaster, String>> = Vec::new();
    for (index, list) in lists.iter().enumerate() {
        scaled.push(match &jfork.run {
            Ok(()) => {
                eprintln!("xtask: bench: a master preloading {}", list.label);
                scale_master(setup, profile, index, &list.list)
            }
            Err(e) => Err(e.clone()),
        });
    }

    // The fork floor for parents of each master's anonymous size (else, with no master, of
    // the peak RSS of `jfork preload` for the list).
    let sizes: Vec<u64> = lists
        .iter()
        .zip(&scaled)
        .map(|(list, scaled)| match scaled {
            Ok(m) => mib(m.memory.anonymous),
            Err(_) => list.peak_mib().map_or(1, |m| m.ceil().max(1.0) as u64),
        })
        .collect();
    let master_memory = jfork
        .master
        .as_ref()
        .ok()
        .and_then(|m| rollup(m.pid()).ok());
    let master_mib = master_memory.map(|r| mib(r.anonymous));
    let mut unique = sizes.clone();
    unique.extend(master_mib);
    unique.sort_unstable();
    unique.dedup();
    let size_arg = unique
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let runs = profile.fork_runs.to_string();
    let mut fork_report = Report::default();
    let output = example(
        &mut fork_report,
        "jfork-cloner",
        "bench_fork",
        &["--runs", &runs, "--sizes", &size_arg],
    )?;
    let fork_rows = parse_fork_table(&output);

    let mut report = Report::default();
    report.heading(2, "2. Spawn latency: launch → main");
    report.para(&format!(
        "What: from the harness spawning the command to the program's first statement in \
         `main`. `Stamp` prints `System.nanoTime()` first thing in `main`, and HotSpot and \
         jfork both read `CLOCK_MONOTONIC` there, the clock the harness reads just before \
         the spawn. For `jfork run` this is the whole path: the client starts, sends its \
         request, the master forks, the child sets up and reaches `main`. The master's own \
         share, from reading the request to the child entering `main`, is the row the \
         master reports itself (`jfork status --json`, `startup`: its last children, those of \
         sections 1 and 2, Hello and Stamp). {} warm-up runs each, then {} rounds \
         alternating the commands. The floor comes from the cloner crate's `bench_fork` \
         example: a parent holding that many MiB of touched anonymous memory forks, and the \
         child stamps the time in a shared page (\"fork→child\"), in plain heap pages and \
         in a huge-page arena (its cells are median / p90 (min); it reports no p99).",
        profile.warmup, profile.spawn_runs
    ));
    let mut lines: Vec<String> = contenders.iter().map(Contender::shell_line).collect();
    if let Ok(master) = &jfork.master {
        if !master.boots_java_base {
            report.para(&format!("Note: {}.", jfork::COLD_CHILD_NOTE));
        }
        lines.insert(
            0,
            format!(
                "{} master --foreground --socket S --max-children 1100 -cp {} &",
                setup.jfork.display(),
                setup.cp()
            ),
        );
        lines.push(format!(
            "{} status --socket S --json   # the master's memory",
            setup.jfork.display()
        ));
    }
    let socket = jfork
        .master
        .as_ref()
        .map_or(String::new(), |m| m.socket().display().to_string());
    let lines: Vec<String> = lines
        .iter()
        .map(|l| {
            if socket.is_empty() {
                l.clone()
            } else {
                l.replace(&socket, "S")
            }
        })
        .collect();
    report.commands(&lines);
    if let Some(r) = master_memory {
        let boot = jfork
            .master
            .as_ref()
            .ok()
            .and_then(|m| m.boot_ms)
            .map_or(String::new(), |ms| {
                format!(" It booted java.base in {ms:.0} ms before listening.")
            });
        report.para(&format!(
            "The session's master (`jfork master -cp DIR`, the JDK's classlist preloaded), \
             from its `/proc/PID/smaps_rollup` once its socket was open: RSS {:.1} MiB, PSS \
             {:.1} MiB, anonymous {:.1} MiB (Private_Dirty {:.1} MiB: the pool child it \
             forked ahead shares the rest).{boot}",
            r.rss as f64 / 1024.0,
            r.pss as f64 / 1024.0,
            r.anonymous as f64 / 1024.0,
            r.private_dirty as f64 / 1024.0
        ));
    }
    let mut rows = Vec::new();
    for (label, samples) in &spawn.series {
        if let Some(s) = Summary::of(samples) {
            let mut row = vec![format!("{label}: launch → main")];
            row.extend(latency_cells(&s));
            rows.push(row);
        }
    }
    // The master's own figure: from reading the request to the child entering `main`.
    if let Some((n, p50, p99, max)) = jfork.master.as_ref().ok().and_then(Master::startup) {
        rows.push(vec![
            format!("jfork run: master read the request → child in main (the master's last {n} children)"),
            ms(Some(p50 / 1000.0)),
            "-".to_string(),
            ms(Some(p99 / 1000.0)),
            format!("max {}", ms(Some(max / 1000.0))),
        ]);
    }
    for (label, error) in &unavailable {
        rows.push(vec![
            format!("{label}: launch → main"),
            jfork::not_measurable(error),
        ]);
    }
    let default_size = master_mib.unwrap_or_else(|| sizes.get(1).copied().unwrap_or(1));
    for backing in ["plain heap", "huge-page arena"] {
        if let Some(row) = find(&fork_rows, default_size, backing) {
            rows.push(vec![
                format!("bare fork floor, {default_size} MiB parent, {backing}"),
                ms(row.floor_ms),
                ms(row.floor_p90_ms),
                "-".to_string(),
                ms(row.floor_min_ms),
            ]);
        }
    }
    report.table(&["what", "p50 ms", "p90 ms", "p99 ms", "min ms"], &rows);

    report.heading(
        2,
        "3. Scale: spawn latency and fork cost as the preload grows",
    );
    report.para(&format!(
        "What: for each preload list (Hello's ~420 classes as HotSpot loads them, the JDK's \
         classlist, all of java.base) a master is started with `--preload LIST`; once its \
         socket is open its anonymous memory is read from `smaps_rollup`, then `jfork run \
         Stamp` is measured through it as in section 2 ({} runs), and the master stops. \
         Beside it, `jfork preload`'s wall time for the list (section 6) and the bare fork \
         floor for a parent with that much anonymous memory (`bench_fork`; the cloner column \
         is `jfork_cloner::spawn` with every set-up step on, the path a jfork child takes).",
        profile.scale_runs
    ));
    report.commands(&[format!(
        "{} master --foreground --socket S -cp {} --preload LIST &   # LIST: each list of section 6",
        setup.jfork.display(),
        setup.cp()
    )]);
    let mut scale = Scale::default();
    let mut rows = Vec::new();
    for ((list, &size), scaled) in lists.iter().zip(&sizes).zip(&scaled) {
        let plain = find(&fork_rows, size, "plain heap");
        let arena = find(&fork_rows, size, "huge-page arena");
        let preload_ms = Summary::of(&list.wall_ms).map_or(0.0, |s| s.median);
        let mut row = vec![
            list.label.clone(),
            list.classes.to_string(),
            format!("{preload_ms:.1}"),
        ];
        match scaled {
            Ok(m) => {
                row.push(format!("{:.1}", m.memory.anonymous as f64 / 1024.0));
                row.push(format!("{:.2} / {:.2}", m.to_main.median, m.to_main.p99));
            }
            Err(e) => {
                row.push(format!("({size}: `jfork preload`'s peak RSS)"));
                row.push(jfork::not_measurable(e));
            }
        }
        row.push(ms(plain.as_ref().and_then(|r| r.floor_ms)));
        row.push(ms(arena.as_ref().and_then(|r| r.floor_ms)));
        row.push(ms(arena.as_ref().and_then(|r| r.cloner_ms)));
        rows.push(row);
        scale.points.push(ScalePoint {
            classes: list.classes,
            preload_ms,
            run_to_main_ms: scaled.as_ref().ok().map(|m| m.to_main.median),
            boot_ms: scaled.as_ref().ok().and_then(|m| m.boot_ms),
            floor_plain_ms: plain.and_then(|r| r.floor_ms),
            floor_arena_ms: arena.and_then(|r| r.floor_ms),
        });
    }
    report.table(
        &[
            "preload list",
            "classes",
            "preload wall ms (median)",
            "master anonymous MiB",
            "jfork run launch → main ms, p50 / p99",
            "fork floor ms, plain heap",
            "fork floor ms, huge-page arena",
            "cloner spawn ms, arena",
        ],
        &rows,
    );
    report.para("The cloner's full output, with the pool hand-off and eager copy:");
    report.append(fork_report);
    Ok((report, scale, spawn))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_medians_of_bench_forks_first_table() {
        let text = "# fork latency\n\n| parent memory | backing | floor fork→child | cloner fork→hook |\n\
                    |---|---|---|---|\n\
                    | 64 MiB | plain heap | 4.052 / 7.974 (1.831) | 3.934 / 7.810 (2.002) |\n\
                    | 64 MiB | huge-page arena | 0.173 / 4.068 (0.170) | 0.326 / 0.560 (0.258) |\n\
                    \n| parent memory | backing | other |\n|---|---|---|\n| 1 MiB | x | 9 |\n";
        let rows = parse_fork_table(text);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].backing, "huge-page arena");
        assert_eq!(rows[1].floor_ms, Some(0.173));
        assert_eq!(rows[1].floor_p90_ms, Some(4.068));
        assert_eq!(rows[1].floor_min_ms, Some(0.170));
        assert_eq!(rows[0].cloner_ms, Some(3.934));
    }
}
