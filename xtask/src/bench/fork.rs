//! Sections 2 and 3: spawn latency inside the master and how it scales with the preload,
//! beside the bare `fork` floor of a parent of the master's size (the cloner's
//! `bench_fork` example, run as a subprocess so xtask stays light).

use anyhow::Result;

use super::Profile;
use super::jfork::{self, Jfork};
use super::measure::{alternate, run_timed, walls};
use super::preload::{ListFigures, example};
use super::report::Report;
use super::setup::Setup;
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
    /// "cloner fork→hook" median, ms.
    pub cloner_ms: Option<f64>,
}

/// Figures for the scale plot: (preload classes, master MiB, floor plain, floor arena).
#[derive(Debug, Default)]
pub struct Scale {
    pub points: Vec<ScalePoint>,
}

/// One preload size of the scale plot.
#[derive(Debug, Clone)]
pub struct ScalePoint {
    pub classes: u64,
    pub preload_ms: f64,
    pub floor_plain_ms: Option<f64>,
    pub floor_arena_ms: Option<f64>,
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
                .and_then(|n| n.parse::<f64>().ok())
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

/// Measures sections 2 and 3 and writes their part of the report.
pub fn section(
    setup: &Setup,
    jfork: &Jfork,
    profile: &Profile,
    lists: &[ListFigures],
) -> Result<(Report, Scale)> {
    // The master's size is modelled by the peak RSS of `jfork preload` for each list.
    let sizes: Vec<u64> = lists
        .iter()
        .map(|l| l.peak_mib().map_or(1, |m| m.ceil().max(1.0) as u64))
        .collect();
    // The running master's own private memory, where a master starts: what fork copies
    // page-table entries for.
    let master_memory = jfork
        .master
        .as_ref()
        .ok()
        .and_then(|m| super::memory::rollup(m.pid()).ok());
    let master_mib =
        master_memory.map(|r| (r.private_dirty as f64 / 1024.0).ceil().max(1.0) as u64);
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
    report.heading(2, "2. Spawn latency inside the master");
    report.para(
        "What: from the master receiving a request to the child entering `main`, p50/p99, \
         beside the bare `fork` floor of a parent the size of a master preloaded with the \
         JDK's classlist. The floor comes from the cloner crate's `bench_fork` example: a \
         parent holding that many MiB of touched anonymous memory forks, and the child stamps \
         the time in a shared page (\"fork→child\"); once in plain heap pages and once in a \
         huge-page arena, as the master's arenas are. Its cells are median / p90 (min).",
    );
    let default_size = master_mib.unwrap_or_else(|| sizes.get(1).copied().unwrap_or(1));
    match master_memory {
        Some(r) => report.para(&format!(
            "The master measured here (`jfork master -cp DIR`, the JDK's classlist preloaded), \
             from its `/proc/PID/smaps_rollup` once its socket was open: RSS {:.1} MiB, PSS \
             {:.1} MiB, Private_Dirty {:.1} MiB. The floor below is for a parent with that \
             much private memory.",
            r.rss as f64 / 1024.0,
            r.pss as f64 / 1024.0,
            r.private_dirty as f64 / 1024.0
        )),
        None => report.para(
            "No master started, so the floor below is for a parent of the peak RSS of `jfork \
             preload` with the JDK's classlist.",
        ),
    }
    if let Ok(master) = &jfork.master {
        report.commands(&[
            format!(
                "{} master --foreground --socket S --max-children 1100 -cp {} &",
                setup.jfork.display(),
                setup.cp()
            ),
            master
                .run(setup, "Hello", &[])
                .shell_line()
                .replace(&master.socket().display().to_string(), "S"),
            format!(
                "{} status --socket S --json   # the master's memory",
                setup.jfork.display()
            ),
        ]);
    }
    let mut rows = Vec::new();
    match (jfork.running_master(), &jfork.run) {
        (Some(master), _) => {
            // The client's round trip bounds request→main from above until the master
            // reports its own timestamps.
            let contender = master.run(setup, "Hello", &[]);
            let results = alternate(&[contender], profile.warmup, profile.startup_runs)?;
            if let Some(s) = Summary::of(&walls(&results[0])) {
                rows.push(vec![
                    "jfork run Hello, client round trip (upper bound)".to_string(),
                    format!("{:.3}", s.median),
                    format!("{:.3}", s.p99),
                ]);
            }
        }
        (None, run) => rows.push(vec![
            "jfork: request received → child in main".to_string(),
            jfork::not_measurable(run.as_ref().err().map_or("no master", String::as_str)),
        ]),
    }
    if let (Ok(master), Err(_)) = (&jfork.master, &jfork.run) {
        // The master's spawn path works before Java does: time it up to the child's error.
        let contender = master.run(setup, "Hello", &[]);
        let mut samples = Vec::new();
        for i in 0..profile.warmup + profile.startup_runs {
            let (run, _, _) = run_timed(&contender, false)?;
            if i >= profile.warmup {
                samples.push(run.wall_ms);
            }
        }
        if let Some(s) = Summary::of(&samples) {
            rows.push(vec![
                "spawn path without Java: `jfork run Hello` round trip at the client while the \
                 child still ends in its \"cannot run\" error (request → fork → child's error → \
                 exit status back)"
                    .to_string(),
                format!("{:.3}", s.median),
                format!("{:.3}", s.p99),
            ]);
        }
    }
    for backing in ["plain heap", "huge-page arena"] {
        if let Some(row) = find(&fork_rows, default_size, backing) {
            rows.push(vec![
                format!("bare fork floor, {default_size} MiB parent, {backing}"),
                ms(row.floor_ms),
                format!("p90: {} (bench_fork reports no p99)", ms(row.floor_p90_ms)),
            ]);
        }
    }
    report.table(&["what", "p50 ms", "p99 ms"], &rows);

    report.heading(
        2,
        "3. Scale: spawn latency and fork cost as the preload grows",
    );
    report.para(
        "What: the same floor for a parent the size of a master preloaded with each list \
         (Hello's ~420 classes, the JDK's classlist, all of java.base), beside the `jfork \
         preload` wall time. A master's size is modelled by the peak RSS of `jfork preload` \
         for the list; that includes file-backed pages of `lib/modules`, which are cheaper to \
         inherit than the private memory `bench_fork` allocates, so the floor is an upper \
         bound. The cloner column is `jfork_cloner::spawn` with every set-up step on, the \
         path a jfork child takes.",
    );
    let mut scale = Scale::default();
    let mut rows = Vec::new();
    for (list, &mib) in lists.iter().zip(&sizes) {
        let plain = find(&fork_rows, mib, "plain heap");
        let arena = find(&fork_rows, mib, "huge-page arena");
        let preload_ms = Summary::of(&list.wall_ms).map_or(0.0, |s| s.median);
        rows.push(vec![
            list.label.clone(),
            list.classes.to_string(),
            format!("{preload_ms:.1}"),
            mib.to_string(),
            ms(plain.as_ref().and_then(|r| r.floor_ms)),
            ms(arena.as_ref().and_then(|r| r.floor_ms)),
            ms(arena.as_ref().and_then(|r| r.cloner_ms)),
            match &jfork.run {
                Ok(()) => "measured through `jfork run` in section 2 only".to_string(),
                Err(e) => jfork::not_measurable(e),
            },
        ]);
        scale.points.push(ScalePoint {
            classes: list.classes,
            preload_ms,
            floor_plain_ms: plain.and_then(|r| r.floor_ms),
            floor_arena_ms: arena.and_then(|r| r.floor_ms),
        });
    }
    report.table(
        &[
            "preload list",
            "classes",
            "preload wall ms (median)",
            "master MiB (peak RSS)",
            "fork floor ms, plain heap",
            "fork floor ms, huge-page arena",
            "cloner spawn ms, arena",
            "jfork spawn latency",
        ],
        &rows,
    );
    report.para("The cloner's full output, with the pool hand-off and eager copy:");
    report.append(fork_report);
    Ok((report, scale))
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
        assert_eq!(rows[0].cloner_ms, Some(3.934));
    }
}
