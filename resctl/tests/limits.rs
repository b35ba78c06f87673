//! Real children that exceed each limit, with cgroups (as this machine has them) and with
//! cgroups turned off (the rlimit fallback).
#![allow(clippy::unwrap_used)]

use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jfork_resctl::{
    Basis, Cause, ControllerConfig, Enforcement, Identity, LayoutKind, LimitSpec,
    ResourceController, TreeKill, Verdict,
};

const EXERCISER: &str = env!("CARGO_BIN_EXE_resctl-exerciser");

/// A controller whose child groups go under a parent of this test's own, made and removed
/// per child (no pool) so that each run can check the removal.
fn controller(test: &str, cgroups: bool) -> ResourceController {
    ResourceController::new(ControllerConfig {
        cgroups,
        cgroup_parent: format!("jfork-resctl-test-{}-{test}", std::process::id()),
        cgroup_pool: 0,
        ..ControllerConfig::default()
    })
}

struct Run {
    verdict: Verdict,
    stdout: String,
    elapsed: Duration,
    dirs: Vec<std::path::PathBuf>,
}

// The child is reaped by `RunningChild::wait` (wait4 on its pid), not by std.
#[allow(clippy::zombie_processes)]
fn run(rc: &ResourceController, spec: &str, identity: Option<Identity>, args: &[&str]) -> Run {
    let spec: LimitSpec = spec.parse().unwrap();
    let prepared = rc.prepare(&spec, identity.as_ref()).unwrap();
    let dirs: Vec<_> = prepared.cgroup_dirs().map(|d| d.to_path_buf()).collect();
    let setup = prepared.child_setup().clone();
    let mut cmd = Command::new(EXERCISER);
    cmd.args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    // SAFETY: apply only makes system calls.
    unsafe { cmd.pre_exec(move || setup.apply().map_err(std::io::Error::from)) };
    let start = Instant::now();
    let mut child = cmd.spawn().unwrap();
    let mut running = prepared.started(child.id() as i32);
    let exit = running.wait().unwrap();
    let elapsed = start.elapsed();
    let verdict = running.finish(&exit);
    assert_eq!(verdict.cleanup_error, None);
    if rc.config().cgroup_pool == 0 {
        for d in &dirs {
            assert!(!d.exists(), "{} left behind", d.display());
        }
    }
    let mut stdout = String::new();
    std::io::Read::read_to_string(child.stdout.as_mut().unwrap(), &mut stdout).unwrap();
    Run {
        verdict,
        stdout,
        elapsed,
        dirs,
    }
}

/// A uid/gid no one else on the machine uses, so that RLIMIT_NPROC counts only our child.
fn spare_identity(n: u32) -> Identity {
    let id = 61_000 + (std::process::id() % 1000) * 10 + n;
    Identity::new(id, id)
}

#[test]
fn this_machine_layout_is_used() {
    let rc = controller("layout", true);
    let e = rc.enforcements();
    eprintln!("layout {}; {e:?}; notes {:?}", rc.layout(), rc.notes());
    if rc.layout() == LayoutKind::Hybrid {
        // The v1 controllers enforce, the controller-less v2 hierarchy kills trees.
        assert!(matches!(
            e.memory,
            Enforcement::CgroupV1 | Enforcement::CgroupV2
        ));
        assert!(matches!(
            e.procs,
            Enforcement::CgroupV1 | Enforcement::CgroupV2
        ));
        assert_eq!(e.tree_kill, TreeKill::CgroupKill);
    }
    let off = controller("layout-off", false);
    assert_eq!(off.layout(), LayoutKind::None);
    assert_eq!(
        off.enforcements().memory,
        Enforcement::Rlimit("RLIMIT_DATA")
    );
    assert_eq!(
        off.enforcements().procs,
        Enforcement::Rlimit("RLIMIT_NPROC")
    );
    assert_eq!(off.enforcements().cpu_quota, Enforcement::NotEnforced);
    assert_eq!(off.enforcements().tree_kill, TreeKill::ProcessGroup);
    insta::assert_snapshot!(off.notes().join("\n"));
}

fn under_limits(cgroups: bool) {
    let rc = controller(&format!("ok-{cgroups}"), cgroups);
    let r = run(
        &rc,
        "mem=256M,cpu=10s,cpus=1,wall=10s,procs=64,files=256,fsize=1G,core=0,stack=8M,nice=5",
        None,
        &["alloc", "16"],
    );
    assert_eq!(r.verdict.cause, Cause::Exited(0));
    assert_eq!(r.stdout, "allocated 16 MiB\n");
}

#[test]
fn under_limits_runs_normally() {
    under_limits(true);
}

#[test]
fn under_limits_runs_normally_without_cgroups() {
    under_limits(false);
}

#[test]
fn memory_limit_with_cgroups() {
    let rc = controller("mem", true);
    let r = run(&rc, "mem=32M,wall=10s", None, &["alloc", "512", "1"]);
    assert_eq!(r.verdict.cause, Cause::MemoryLimit(32 << 20));
    assert_eq!(r.verdict.cause.to_string(), "memory limit 32 MiB exceeded");
    if matches!(
        rc.enforcements().memory,
        Enforcement::CgroupV1 | Enforcement::CgroupV2
    ) {
        assert_eq!(r.verdict.basis, Basis::KernelCounter);
        assert!(r.verdict.oom_kills.unwrap() >= 1);
    }
}

#[test]
fn memory_limit_without_cgroups() {
    let rc = controller("mem-off", false);
    let r = run(&rc, "mem=32M,wall=10s", None, &["alloc", "512"]);
    assert_eq!(r.verdict.cause, Cause::MemoryLimit(32 << 20));
    assert_eq!(r.verdict.basis, Basis::ChildReport);
}

fn cpu_limit(cgroups: bool) {
    let rc = controller(&format!("cpu-{cgroups}"), cgroups);
    let r = run(&rc, "cpu=1s,wall=20s", None, &["spin"]);
    assert_eq!(r.verdict.cause, Cause::CpuLimit(Duration::from_secs(1)));
    assert_eq!(
        r.verdict.status,
        jfork_resctl::ChildStatus::Signaled(libc::SIGXCPU)
    );
    assert!(
        r.verdict.cpu_time.unwrap() >= Duration::from_millis(500),
        "{:?}",
        r.verdict
    );
}

#[test]
fn cpu_limit_with_cgroups() {
    cpu_limit(true);
}

#[test]
fn cpu_limit_without_cgroups() {
    cpu_limit(false);
}

fn wall_limit(cgroups: bool) {
    let rc = controller(&format!("wall-{cgroups}"), cgroups);
    let r = run(&rc, "wall=300ms", None, &["sleep", "10000"]);
    assert_eq!(
        r.verdict.cause,
        Cause::WallLimit(Duration::from_millis(300))
    );
    assert_eq!(
        r.verdict.cause.to_string(),
        "wall-clock limit 300 ms exceeded"
    );
    assert!(r.elapsed >= Duration::from_millis(300));
    assert!(r.elapsed < Duration::from_secs(3), "{:?}", r.elapsed);
}

#[test]
fn wall_limit_with_cgroups() {
    wall_limit(true);
}

#[test]
fn wall_limit_without_cgroups() {
    wall_limit(false);
}

#[test]
fn process_limit_with_cgroups() {
    let rc = controller("procs", true);
    if !matches!(
        rc.enforcements().procs,
        Enforcement::CgroupV1 | Enforcement::CgroupV2
    ) {
        eprintln!("no pids controller here: {:?}", rc.notes());
        return;
    }
    // Exit code 1 on a failed fork: the cause must come from the kernel's counter.
    let r = run(&rc, "procs=8,wall=10s", None, &["fork", "50", "1"]);
    assert_eq!(r.verdict.cause, Cause::ProcessLimit(8));
    assert_eq!(r.verdict.basis, Basis::KernelCounter);
    assert!(r.verdict.forks_denied.unwrap() >= 1);
}

#[test]
fn process_limit_without_cgroups() {
    let rc = controller("procs-off", false);
    // RLIMIT_NPROC binds only non-root users, per user: run as an unused uid.
    let r = run(
        &rc,
        "procs=8,wall=10s",
        Some(spare_identity(1)),
        &["fork", "50"],
    );
    assert_eq!(r.verdict.cause, Cause::ProcessLimit(8));
    assert_eq!(r.verdict.basis, Basis::ChildReport);
}

fn open_files_limit(cgroups: bool) {
    let rc = controller(&format!("files-{cgroups}"), cgroups);
    let r = run(&rc, "files=16,wall=10s", None, &["open", "100"]);
    assert_eq!(r.verdict.cause, Cause::OpenFilesLimit(16));
    assert_eq!(r.verdict.cause.to_string(), "open files limit 16 reached");
}

#[test]
fn open_files_limit_with_cgroups() {
    open_files_limit(true);
}

#[test]
fn open_files_limit_without_cgroups() {
    open_files_limit(false);
}

fn file_size_limit(cgroups: bool) {
    let rc = controller(&format!("fsize-{cgroups}"), cgroups);
    let dir = std::env::temp_dir().join(format!("resctl-fsize-{}-{cgroups}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("out");
    let r = run(
        &rc,
        "fsize=64K,wall=10s",
        None,
        &["write", "1048576", path.to_str().unwrap()],
    );
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(r.verdict.cause, Cause::FileSizeLimit(64 << 10));
    assert_eq!(
        r.verdict.cause.to_string(),
        "file size limit 64 KiB exceeded"
    );
}

#[test]
fn file_size_limit_with_cgroups() {
    file_size_limit(true);
}

#[test]
fn file_size_limit_without_cgroups() {
    file_size_limit(false);
}

#[test]
fn identity_nice_and_no_new_privs_apply() {
    let rc = controller("ids", true);
    let mut id = spare_identity(2);
    id.groups = vec![id.gid + 1, id.gid + 2];
    let r = run(&rc, "nice=5,wall=10s", Some(id.clone()), &["ids"]);
    assert_eq!(r.verdict.cause, Cause::Exited(0));
    assert_eq!(
        r.stdout,
        format!(
            "uid={} gid={} groups={}:{} nice=5 nnp=1\n",
            id.uid,
            id.gid,
            id.gid + 1,
            id.gid + 2
        )
    );
}

/// Grandchildren left sleeping are killed with the child's tree when it ends.
fn leftovers_are_killed(cgroups: bool) {
    let rc = controller(&format!("tree-{cgroups}"), cgroups);
    let start = Instant::now();
    let r = run(&rc, "procs=32,wall=10s", None, &["fork", "4"]);
    assert_eq!(r.verdict.cause, Cause::Exited(0));
    // The grandchildren sleep 30 s; the wait must not have waited for them (their stdout
    // would keep the pipe open) and none must be left.
    assert!(start.elapsed() < Duration::from_secs(10));
}

#[test]
fn leftovers_are_killed_with_cgroups() {
    leftovers_are_killed(true);
}

#[test]
fn leftovers_are_killed_without_cgroups() {
    leftovers_are_killed(false);
}

#[test]
fn pooled_groups_are_reused_with_fresh_counters() {
    let rc = ResourceController::new(ControllerConfig {
        cgroup_parent: format!("jfork-resctl-test-{}-pool", std::process::id()),
        cgroup_pool: 4,
        ..ControllerConfig::default()
    });
    if !matches!(
        rc.enforcements().memory,
        Enforcement::CgroupV1 | Enforcement::CgroupV2
    ) {
        eprintln!("no memory controller here: {:?}", rc.notes());
        return;
    }
    let oom = run(
        &rc,
        "mem=32M,procs=8,wall=10s",
        None,
        &["alloc", "512", "1"],
    );
    assert_eq!(oom.verdict.cause, Cause::MemoryLimit(32 << 20));
    // Same groups again: the earlier OOM kill must not count against this child.
    let ok = run(&rc, "mem=64M,procs=8,wall=10s", None, &["alloc", "40"]);
    assert_eq!(ok.dirs, oom.dirs);
    assert_eq!(ok.verdict.cause, Cause::Exited(0));
    assert_eq!(ok.verdict.oom_kills, Some(0));
    let denied = run(&rc, "mem=64M,procs=8,wall=10s", None, &["fork", "50", "1"]);
    assert_eq!(denied.verdict.cause, Cause::ProcessLimit(8));
    let ok = run(&rc, "mem=64M,procs=8,wall=10s", None, &["fork", "2", "1"]);
    assert_eq!(ok.verdict.cause, Cause::Exited(0));
    assert_eq!(ok.verdict.forks_denied, Some(0));
    drop(rc);
    for d in &ok.dirs {
        assert!(!d.exists(), "{} left behind", d.display());
    }
}
