//! Time added per child by applying limits, on the fork path.
//!
//! Each round forks a bare child (`fork`, `_exit`, `waitpid`) and one child per variant
//! (`prepare`, `fork`, `apply`, `_exit`, `wait`, `finish`: cgroups made, joined, read and
//! removed), interleaved so that machine noise hits all alike. Prints a Markdown table of the
//! per-round difference to the bare fork: median and p90.
//!
//! `cargo run --release -p jfork-resctl --example bench_limits [ROUNDS]`

use std::time::{Duration, Instant};

use jfork_resctl::{ControllerConfig, LimitSpec, ResourceController};

fn bare_fork() -> Duration {
    let start = Instant::now();
    // SAFETY: the child only calls _exit.
    let pid = unsafe { libc::fork() };
    if pid == 0 {
        // SAFETY: ends the forked child at once.
        unsafe { libc::_exit(0) };
    }
    let mut status = 0;
    // SAFETY: reaps the child just forked.
    unsafe { libc::waitpid(pid, &mut status, 0) };
    start.elapsed()
}

/// Total time, and its phases: prepare; fork, apply, `_exit` and wait; finish.
fn limited_fork(rc: &ResourceController, spec: &LimitSpec) -> Result<[Duration; 4], String> {
    let start = Instant::now();
    let prepared = rc.prepare(spec, None).map_err(|e| e.to_string())?;
    let prepared_at = start.elapsed();
    // SAFETY: the child only makes system calls, then _exits.
    let pid = unsafe { libc::fork() };
    if pid == 0 {
        prepared.child_setup().apply_or_exit();
        // SAFETY: ends the forked child.
        unsafe { libc::_exit(0) };
    }
    if pid < 0 {
        return Err("fork failed".into());
    }
    let mut child = prepared.started(pid);
    let exit = child.wait().map_err(|e| e.to_string())?;
    let waited_at = start.elapsed();
    let verdict = child.finish(&exit);
    let elapsed = start.elapsed();
    if verdict.cause != jfork_resctl::Cause::Exited(0) || verdict.cleanup_error.is_some() {
        return Err(format!("unexpected verdict {verdict:?}"));
    }
    Ok([
        elapsed,
        prepared_at,
        waited_at - prepared_at,
        elapsed - waited_at,
    ])
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

fn main() -> Result<(), String> {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(400);
    let parent = format!("jfork-bench-{}", std::process::id());
    let config = |cgroups: bool, unified_kill_group: bool, cgroup_pool: usize| ControllerConfig {
        cgroups,
        unified_kill_group,
        cgroup_pool,
        cgroup_parent: parent.clone(),
        ..ControllerConfig::default()
    };
    let rlimits = "mem=256M,cpu=10s,procs=64,files=256,fsize=1G,core=0,stack=8M,nice=5";
    let spec: LimitSpec = rlimits.parse().map_err(|e| format!("{e}"))?;
    let spec_cpu: LimitSpec = format!("{rlimits},cpus=1")
        .parse()
        .map_err(|e| format!("{e}"))?;
    let spec_no_nice = LimitSpec { nice: None, ..spec };
    let only_rlimits = ResourceController::new(config(false, false, 0));
    let fresh = ResourceController::new(config(true, true, 0));
    let pooled_v1 = ResourceController::new(config(true, false, 16));
    let v1_v2kill = ResourceController::new(config(true, true, 16));
    let e = v1_v2kill.enforcements();
    let (mem, pids, cpu, kill) = (e.memory, e.procs, e.cpu_quota, e.tree_kill);
    let variants: [(String, &ResourceController, &LimitSpec); 6] = [
        (
            "rlimits + no_new_privs + setpgid".into(),
            &only_rlimits,
            &spec_no_nice,
        ),
        (
            "rlimits + nice + no_new_privs + setpgid".into(),
            &only_rlimits,
            &spec,
        ),
        (
            format!("+ cgroups mem ({mem}), pids ({pids}), pooled"),
            &pooled_v1,
            &spec,
        ),
        (
            format!("+ cgroups mem, pids, kill group ({kill:?}), pooled"),
            &v1_v2kill,
            &spec,
        ),
        (
            format!("+ cgroups mem, pids, cpu quota ({cpu}), kill group, pooled"),
            &v1_v2kill,
            &spec_cpu,
        ),
        (
            "+ cgroups mem, pids, kill group, made and removed per child".into(),
            &fresh,
            &spec,
        ),
    ];
    eprintln!(
        "layout: {}; enforcements with cgroups: {:?}",
        v1_v2kill.layout(),
        v1_v2kill.enforcements()
    );
    let mut bare = Vec::with_capacity(rounds);
    let mut added: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); variants.len()];
    // Per variant: prepare, fork+apply+wait, finish (µs).
    let mut phases: Vec<[Vec<f64>; 3]> = vec![Default::default(); variants.len()];
    for round in 0..rounds + 20 {
        let b = bare_fork();
        let mut times = Vec::with_capacity(variants.len());
        for (_, rc, spec) in &variants {
            times.push(limited_fork(rc, spec)?);
        }
        if round < 20 {
            continue; // warm-up
        }
        bare.push(b.as_secs_f64() * 1e6);
        for ((slot, ph), t) in added.iter_mut().zip(&mut phases).zip(&times) {
            slot.push((t[0].as_secs_f64() - b.as_secs_f64()) * 1e6);
            for (p, d) in ph.iter_mut().zip(&t[1..]) {
                p.push(d.as_secs_f64() * 1e6);
            }
        }
    }
    let mut sorted_bare = bare.clone();
    sorted_bare.sort_by(f64::total_cmp);
    println!("Time added per child over a bare fork+_exit+wait ({rounds} interleaved rounds)\n");
    println!(
        "bare fork+_exit+wait: median {:.0} µs, p90 {:.0} µs\n",
        percentile(&sorted_bare, 0.5),
        percentile(&sorted_bare, 0.9)
    );
    println!(
        "| variant | added, median (µs) | added, p90 (µs) | prepare | fork+apply+wait | finish |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for (((name, _, _), mut a), ph) in variants.iter().zip(added).zip(phases) {
        a.sort_by(f64::total_cmp);
        let med = |mut v: Vec<f64>| {
            v.sort_by(f64::total_cmp);
            percentile(&v, 0.5)
        };
        let [p, w, f] = ph;
        println!(
            "| {name} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} |",
            percentile(&a, 0.5),
            percentile(&a, 0.9),
            med(p),
            med(w),
            med(f)
        );
    }
    println!("\n(prepare, fork+apply+wait and finish are medians of absolute times, µs)");
    Ok(())
}
