//! The cgroup v2 decisions, on a fake unified hierarchy (this machine's v2 hierarchy has no
//! controllers, so the real one cannot show them).
#![allow(clippy::unwrap_used)]

use std::fs;

use jfork_resctl::{
    ControllerConfig, Enforcement, LayoutKind, LimitSpec, ResctlError, ResourceController, TreeKill,
};

#[test]
fn unified_controllers_are_enabled_down_to_the_parent() {
    let tmp = tempfile::tempdir().unwrap();
    let cg = tmp.path().join("cg");
    let proc_root = tmp.path().join("proc");
    fs::create_dir_all(proc_root.join("self")).unwrap();
    fs::write(
        proc_root.join("self/mountinfo"),
        format!("30 23 0:26 / {} rw - cgroup2 cgroup2 rw\n", cg.display()),
    )
    .unwrap();
    fs::write(proc_root.join("self/cgroup"), "0::/master.scope\n").unwrap();
    // What the kernel would show: our cgroup offers the controllers; the parent-to-be
    // already exists with its control files.
    let own = cg.join("master.scope");
    let parent = own.join("jfork");
    fs::create_dir_all(&parent).unwrap();
    fs::write(
        own.join("cgroup.controllers"),
        "cpuset cpu io memory pids\n",
    )
    .unwrap();
    for dir in [&own, &parent] {
        fs::write(dir.join("cgroup.subtree_control"), "").unwrap();
    }
    fs::write(parent.join("cgroup.kill"), "").unwrap();

    let rc = ResourceController::new(ControllerConfig {
        proc_root,
        ..ControllerConfig::default()
    });
    assert_eq!(rc.layout(), LayoutKind::Unified);
    let e = rc.enforcements();
    assert_eq!(e.memory, Enforcement::CgroupV2);
    assert_eq!(e.procs, Enforcement::CgroupV2);
    assert_eq!(e.cpu_quota, Enforcement::CgroupV2);
    assert_eq!(e.tree_kill, TreeKill::CgroupKill);
    assert!(rc.notes().is_empty(), "{:?}", rc.notes());
    // Each level was asked to offer the controllers ("+memory", "+pids", "+cpu", each
    // written at offset 0 of what is here a plain file).
    for dir in [&own, &parent] {
        let text = fs::read_to_string(dir.join("cgroup.subtree_control")).unwrap();
        assert!(text.starts_with("+cpu"), "{text}");
    }

    // A plain directory grows no control files: preparing a child fails, naming the file.
    let spec: LimitSpec = "mem=64M".parse().unwrap();
    let err = rc.prepare(&spec, None).unwrap_err();
    assert!(matches!(err, ResctlError::Cgroup { .. }));
    assert!(
        err.to_string().starts_with("cannot write `67108864` to "),
        "{err}"
    );
    assert!(err.to_string().contains("memory.max"), "{err}");
    // ... and leaves no child directory behind.
    let left: Vec<_> = fs::read_dir(&parent)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_type().unwrap().is_dir())
        .collect();
    assert!(left.is_empty());
}

#[test]
fn unified_without_controllers_falls_back_with_reasons() {
    let tmp = tempfile::tempdir().unwrap();
    let cg = tmp.path().join("cg");
    let proc_root = tmp.path().join("proc");
    fs::create_dir_all(proc_root.join("self")).unwrap();
    fs::create_dir_all(&cg).unwrap();
    fs::write(
        proc_root.join("self/mountinfo"),
        format!("30 23 0:26 / {} rw - cgroup2 cgroup2 rw\n", cg.display()),
    )
    .unwrap();
    fs::write(proc_root.join("self/cgroup"), "0::/\n").unwrap();
    fs::write(cg.join("cgroup.controllers"), "hugetlb\n").unwrap();
    let rc = ResourceController::new(ControllerConfig {
        proc_root,
        cgroup_parent: "jfork".into(),
        ..ControllerConfig::default()
    });
    let e = rc.enforcements();
    assert_eq!(e.memory, Enforcement::Rlimit("RLIMIT_DATA"));
    assert_eq!(e.procs, Enforcement::Rlimit("RLIMIT_NPROC"));
    assert_eq!(e.cpu_quota, Enforcement::NotEnforced);
    // No cgroup.kill in a plain directory: the process group does it.
    assert_eq!(e.tree_kill, TreeKill::ProcessGroup);
    let notes = rc
        .notes()
        .join("\n")
        .replace(&cg.display().to_string(), "<cg>");
    insta::assert_snapshot!(notes);
}
