//! Forking for real: refusal with two threads, fd hygiene, child set-up, parent death,
//! exit statuses and resource usage, set-up failures, the child tracker.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use common::{fd_list, open_fds, pipe, raw, read_all, write_raw};
use jfork_cloner::{
    ChildTracker, ExitStatus, ForkError, ForkOptions, SETUP_FAILED_EXIT_CODE, Session, SetupStep,
    Stdio, os_thread_count, spawn,
};

fn main() {
    common::run(&[
        (
            "refuses_to_fork_with_two_threads",
            refuses_to_fork_with_two_threads,
        ),
        (
            "child_sees_only_its_keep_list",
            child_sees_only_its_keep_list,
        ),
        (
            "stdio_name_session_and_signals",
            stdio_name_session_and_signals,
        ),
        (
            "child_dies_when_parent_is_killed",
            child_dies_when_parent_is_killed,
        ),
        (
            "exit_status_for_exit_signal_and_core",
            exit_status_for_exit_signal_and_core,
        ),
        ("resource_usage_is_reported", resource_usage_is_reported),
        ("setup_failures_are_typed", setup_failures_are_typed),
        ("tracker_reaps_every_child", tracker_reaps_every_child),
        ("child_is_born_in_its_cgroup", child_is_born_in_its_cgroup),
        (
            "exit_is_reported_before_reaping",
            exit_is_reported_before_reaping,
        ),
    ]);
}

fn refuses_to_fork_with_two_threads() -> Result<(), String> {
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let thread = std::thread::spawn(move || rx.recv().ok());
    let result = spawn(&ForkOptions::new(), || 0);
    tx.send(()).unwrap();
    thread.join().unwrap();
    match result {
        Err(ForkError::MultipleThreads { count: 2 }) => {}
        Err(e) => return Err(format!("wrong error: {e}")),
        Ok(mut child) => {
            child.wait().unwrap();
            return Err("forked with two threads".into());
        }
    }
    // The joined thread leaves /proc/self/task shortly after join returns.
    let deadline = Instant::now() + Duration::from_secs(2);
    while os_thread_count().unwrap() != 1 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
    let mut child = spawn(&ForkOptions::new(), || 0).map_err(|e| e.to_string())?;
    check!(
        child.wait().unwrap().status.success(),
        "fork after join failed"
    );
    Ok(())
}

fn child_sees_only_its_keep_list() -> Result<(), String> {
    // Fds a fork server holds: a listening socket, a file, another child's pidfd and a
    // pipe to yet another child.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let file = std::fs::File::open("/dev/null").unwrap();
    let (other_r, other_w) = pipe();
    let mut sibling = spawn(&ForkOptions::new(), || {
        std::thread::sleep(Duration::from_secs(10));
        0
    })
    .unwrap();
    let (report_r, report_w) = pipe();
    let w = raw(&report_w);
    let mut child = spawn(&ForkOptions::new().keep_fd(w), || {
        write_raw(w, fd_list(&open_fds()).as_bytes());
        0
    })
    .unwrap();
    drop(report_w);
    let seen = String::from_utf8(read_all(report_r)).unwrap();
    child.wait().unwrap();
    sibling.send_signal(libc::SIGKILL).unwrap();
    sibling.wait().unwrap();
    drop((listener, file, other_r, other_w));
    check!(
        seen == format!("0,1,2,{w}"),
        "child saw fds {seen}, expected 0,1,2,{w}"
    );
    Ok(())
}

fn status_field(status: &str, key: &str) -> String {
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .map(|v| v.trim().to_string())
        .unwrap_or_default()
}

fn stdio_name_session_and_signals() -> Result<(), String> {
    // Give the parent an ignored and a blocked signal that the child must not inherit.
    unsafe {
        libc::signal(libc::SIGUSR1, libc::SIG_IGN);
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGUSR2);
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
    }
    let (out_r, out_w) = pipe();
    let (in_r, in_w) = pipe();
    write_raw(raw(&in_w), b"input line");
    drop(in_w);
    let options = ForkOptions::new()
        .session(Session::NewSession)
        .stdio(
            Stdio::Fd(raw(&in_r)),
            Stdio::Fd(raw(&out_w)),
            Stdio::Fd(raw(&out_w)),
        )
        .name("jfork-test: child one");
    let mut child = spawn(&options, || {
        let mut input = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut input).unwrap();
        let comm = std::fs::read_to_string("/proc/self/comm").unwrap();
        let cmdline = std::fs::read("/proc/self/cmdline").unwrap();
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let sid = unsafe { libc::getsid(0) };
        let pid = unsafe { libc::getpid() };
        println!("input={input}");
        println!("comm={}", comm.trim_end());
        println!(
            "cmdline={}",
            String::from_utf8_lossy(&cmdline).trim_end_matches('\0')
        );
        println!("session_leader={}", sid == pid);
        println!("SigBlk={}", status_field(&status, "SigBlk:"));
        println!("SigIgn={}", status_field(&status, "SigIgn:"));
        println!("fds={}", fd_list(&open_fds()));
        0
    })
    .unwrap();
    unsafe {
        libc::signal(libc::SIGUSR1, libc::SIG_DFL);
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGUSR2);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
    }
    drop((out_w, in_r));
    let out = String::from_utf8(read_all(out_r)).unwrap();
    let exit = child.wait().unwrap();
    check!(exit.status.success(), "child failed: {exit:?}");
    let expected = "input=input line\ncomm=jfork-test: chi\ncmdline=jfork-test: child one\n\
                    session_leader=true\nSigBlk=0000000000000000\nSigIgn=0000000000000000\n\
                    fds=0,1,2\n";
    // The argv area may be shorter than the name; then cmdline holds a prefix of it.
    check!(
        out.starts_with("input=input line\ncomm=jfork-test: chi\ncmdline=jfork-test"),
        "got {out:?}"
    );
    let without_cmdline: Vec<&str> = out.lines().filter(|l| !l.starts_with("cmdline=")).collect();
    let expected_rest: Vec<&str> = expected
        .lines()
        .filter(|l| !l.starts_with("cmdline="))
        .collect();
    check!(without_cmdline == expected_rest, "got {out:?}");
    Ok(())
}

fn child_dies_when_parent_is_killed() -> Result<(), String> {
    // Orphans re-parent to us, so we can reap the grandchild and see how it ended.
    unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) };
    let (r, w) = pipe();
    let wfd = raw(&w);
    let mut parent = spawn(&ForkOptions::new().keep_fd(wfd), || {
        let grandchild = spawn(&ForkOptions::new(), || {
            loop {
                std::thread::sleep(Duration::from_secs(1));
            }
        })
        .unwrap();
        write_raw(wfd, &grandchild.pid().to_le_bytes());
        std::mem::forget(grandchild);
        loop {
            std::thread::sleep(Duration::from_secs(1));
        }
    })
    .unwrap();
    drop(w);
    // The middle process keeps its end open, so read exactly the pid.
    let mut bytes = [0u8; 4];
    std::io::Read::read_exact(&mut std::fs::File::from(r), &mut bytes)
        .map_err(|e| format!("no grandchild pid from the middle process: {e}"))?;
    let grandchild = i32::from_le_bytes(bytes);
    parent.send_signal(libc::SIGKILL).unwrap();
    parent.wait().unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut status = 0;
    loop {
        let rc = unsafe { libc::waitpid(grandchild, &mut status, libc::WNOHANG) };
        if rc == grandchild {
            break;
        }
        if Instant::now() > deadline {
            unsafe { libc::kill(grandchild, libc::SIGKILL) };
            return Err(format!(
                "grandchild {grandchild} outlived its dead parent (rc {rc})"
            ));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0) };
    let st = ExitStatus::from_wait_status(status);
    check!(
        st == ExitStatus::Signaled {
            signal: libc::SIGKILL,
            core_dumped: false
        },
        "grandchild ended with {st:?}"
    );
    Ok(())
}

fn exit_status_for_exit_signal_and_core() -> Result<(), String> {
    let mut c = spawn(&ForkOptions::new(), || 7).unwrap();
    let st = c.wait().unwrap().status;
    check!(st == ExitStatus::Exited(7), "exit: got {st:?}");

    let mut c = spawn(&ForkOptions::new(), || {
        loop {
            std::thread::sleep(Duration::from_secs(1));
        }
    })
    .unwrap();
    c.send_signal(libc::SIGTERM).unwrap();
    let st = c.wait().unwrap().status;
    check!(
        st == ExitStatus::Signaled {
            signal: libc::SIGTERM,
            core_dumped: false
        },
        "signal: got {st:?}"
    );
    check!(st.shell_code() == 143, "shell code {}", st.shell_code());

    // A core needs a non-zero RLIMIT_CORE; an unprivileged process may only raise its
    // soft limit up to the hard one.
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    unsafe { libc::getrlimit(libc::RLIMIT_CORE, &mut lim) };
    if lim.rlim_max == 0 && unsafe { libc::geteuid() } != 0 {
        println!("  (core dump case skipped: hard RLIMIT_CORE is 0)");
        return Ok(());
    }
    let dir = tempfile::tempdir().unwrap();
    let dir_path = dir.path().to_path_buf();
    let mut c = spawn(&ForkOptions::new(), move || {
        let lim = libc::rlimit {
            rlim_cur: libc::RLIM_INFINITY,
            rlim_max: libc::RLIM_INFINITY,
        };
        unsafe { libc::setrlimit(libc::RLIMIT_CORE, &lim) };
        std::env::set_current_dir(&dir_path).unwrap();
        std::process::abort()
    })
    .unwrap();
    let st = c.wait().unwrap().status;
    check!(
        st == ExitStatus::Signaled {
            signal: libc::SIGABRT,
            core_dumped: true
        },
        "core: got {st:?}"
    );
    Ok(())
}

fn resource_usage_is_reported() -> Result<(), String> {
    let mut c = spawn(&ForkOptions::new(), || {
        let mut v = vec![0u8; 64 << 20];
        for i in (0..v.len()).step_by(4096) {
            v[i] = 1;
        }
        let start = Instant::now();
        let mut x = 0u64;
        while start.elapsed() < Duration::from_millis(60) {
            x = std::hint::black_box(
                x.wrapping_mul(31)
                    .wrapping_add(v[x as usize % v.len()] as u64),
            );
        }
        0
    })
    .unwrap();
    let exit = c.wait().unwrap();
    let cpu = exit.usage.user_time + exit.usage.system_time;
    check!(cpu >= Duration::from_millis(40), "cpu time {cpu:?}");
    check!(
        exit.usage.max_rss_bytes >= 64 << 20,
        "max rss {}",
        exit.usage.max_rss_bytes
    );
    check!(
        exit.usage.minor_faults >= 1000,
        "minor faults {}",
        exit.usage.minor_faults
    );
    Ok(())
}

fn setup_failures_are_typed() -> Result<(), String> {
    let options = ForkOptions::new().stdio(Stdio::Fd(987), Stdio::Inherit, Stdio::Inherit);
    let exit = spawn(&options, || 0).unwrap().wait().unwrap();
    check!(
        exit.status == ExitStatus::Exited(SETUP_FAILED_EXIT_CODE),
        "status {:?}",
        exit.status
    );
    let f = exit.setup_failure.ok_or("no setup failure reported")?;
    check!(
        f.step == SetupStep::Stdio && f.errno == Some(libc::EBADF),
        "got {f:?}"
    );

    let options = ForkOptions::new().hook(|| Err("limits could not be applied".to_string()));
    let exit = spawn(&options, || 0).unwrap().wait().unwrap();
    let f = exit.setup_failure.ok_or("no hook failure reported")?;
    check!(
        f.step == SetupStep::Hook && f.message == "limits could not be applied",
        "got {f:?}"
    );

    let ok = spawn(&ForkOptions::new().hook(|| Ok(())), || 0)
        .unwrap()
        .wait()
        .unwrap();
    check!(
        ok.setup_failure.is_none() && ok.status.success(),
        "got {ok:?}"
    );

    let bad = spawn(&ForkOptions::new().name("a\0b"), || 0);
    check!(
        matches!(bad, Err(ForkError::InvalidOptions(_))),
        "NUL in name accepted"
    );
    Ok(())
}

fn tracker_reaps_every_child() -> Result<(), String> {
    let mut tracker = ChildTracker::new();
    let mut pids = BTreeSet::new();
    for code in 1..=3 {
        let c = spawn(&ForkOptions::new(), move || {
            std::thread::sleep(Duration::from_millis(10 * code as u64));
            code
        })
        .unwrap();
        pids.insert(tracker.insert(c));
    }
    let mut codes = BTreeSet::new();
    let deadline = Instant::now() + Duration::from_secs(5);
    while !tracker.is_empty() && Instant::now() < deadline {
        for exit in tracker.reap(Some(Duration::from_millis(500))).unwrap() {
            check!(pids.remove(&exit.pid), "unknown pid {}", exit.pid);
            codes.insert(exit.status.shell_code());
        }
    }
    check!(codes == BTreeSet::from([1, 2, 3]), "codes {codes:?}");
    check!(pids.is_empty(), "pids {pids:?} not reaped");
    Ok(())
}

/// A writable cgroup v2 directory to make test groups in, if this machine has one.
fn v2_test_parent() -> Option<std::path::PathBuf> {
    let mounts = std::fs::read_to_string("/proc/self/mounts").ok()?;
    let root = mounts.lines().find_map(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        (f.get(2) == Some(&"cgroup2")).then(|| std::path::PathBuf::from(f[1]))
    })?;
    let dir = root.join(format!("jfork-cloner-test-{}", std::process::id()));
    std::fs::create_dir(&dir).ok()?;
    Some(dir)
}

fn child_is_born_in_its_cgroup() -> Result<(), String> {
    use std::os::fd::AsRawFd;
    let Some(dir) = v2_test_parent() else {
        eprintln!("  (skipped: no writable cgroup v2 hierarchy)");
        return Ok(());
    };
    let result = (|| {
        let group = std::fs::File::open(&dir).unwrap();
        let (r, w) = pipe();
        let options = ForkOptions::new()
            .cgroup(group.as_raw_fd())
            .keep_fd(raw(&w));
        let mut child = spawn(&options, || {
            // The child's own cgroup line, and whether the C library knows its thread id
            // (else `raise` would aim at the parent's thread and fail).
            let cgroup = std::fs::read_to_string("/proc/self/cgroup").unwrap_or_default();
            let line = cgroup.lines().find(|l| l.starts_with("0::")).unwrap_or("");
            write_raw(raw(&w), line.as_bytes());
            // SAFETY: raise sends a signal to the calling thread.
            unsafe { libc::raise(libc::SIGTERM) };
            0
        })
        .map_err(|e| e.to_string())?;
        drop(w);
        let exit = child.wait().unwrap();
        let line = read_all(r);
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        check!(
            String::from_utf8_lossy(&line).ends_with(&format!("/{name}")),
            "child's cgroup: {:?}",
            String::from_utf8_lossy(&line)
        );
        check!(
            matches!(
                exit.status,
                ExitStatus::Signaled {
                    signal: libc::SIGTERM,
                    ..
                }
            ),
            "raise in the child: {:?}",
            exit.status
        );
        // Not a cgroup: the child cannot be born there, nor join it.
        let not_a_group = std::fs::File::open("/").unwrap();
        let mut child = spawn(&ForkOptions::new().cgroup(not_a_group.as_raw_fd()), || 0)
            .map_err(|e| e.to_string())?;
        let exit = child.wait().unwrap();
        check!(
            exit.setup_failure.as_ref().map(|f| f.step) == Some(SetupStep::Cgroup),
            "joining a non-group: {exit:?}"
        );
        Ok(())
    })();
    // The group is empty once its children are reaped.
    let _ = std::fs::remove_dir(&dir);
    result
}

fn poll_readable(fd: std::os::fd::RawFd) -> bool {
    let mut p = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one live pollfd.
    unsafe { libc::poll(&mut p, 1, 5000) == 1 }
}

fn exit_is_reported_before_reaping() -> Result<(), String> {
    use std::os::fd::AsRawFd;
    let (r, w) = pipe();
    let options = ForkOptions::new().stdio(Stdio::Inherit, Stdio::Fd(raw(&w)), Stdio::Inherit);
    let mut child = spawn(&options, || {
        write_raw(1, b"out");
        7
    })
    .map_err(|e| e.to_string())?;
    drop(w);
    let fd = child.report_fd().map(|f| f.as_raw_fd());
    check!(fd.is_some_and(poll_readable), "no report");
    check!(
        child.exit_report() == Some(7),
        "announced code: {:?}",
        child.exit_report()
    );
    check!(child.report_fd().is_none(), "report pipe still polled");
    // Its stdout was closed before the announcement: the reader sees all, then the end.
    check!(read_all(r) == b"out", "output");
    let exit = child.wait().unwrap();
    check!(exit.status == ExitStatus::Exited(7), "{:?}", exit.status);
    check!(exit.setup_failure.is_none(), "{exit:?}");

    // A set-up failure read early is still the wait's.
    let options = ForkOptions::new().hook(|| Err("no".into()));
    let mut child = spawn(&options, || 0).map_err(|e| e.to_string())?;
    let fd = child.report_fd().map(|f| f.as_raw_fd());
    check!(fd.is_some_and(poll_readable), "no report");
    check!(child.exit_report().is_none(), "a failure is no exit report");
    let exit = child.wait().unwrap();
    check!(
        exit.setup_failure.as_ref().map(|f| f.step) == Some(SetupStep::Hook),
        "{exit:?}"
    );
    check!(
        exit.status == ExitStatus::Exited(SETUP_FAILED_EXIT_CODE),
        "{exit:?}"
    );
    Ok(())
}
