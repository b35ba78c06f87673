//! Forking one child for a request: limits prepared in the master, set up in the child,
//! then the request's directory, environment and process identity, then the runner.

use std::os::fd::{AsRawFd, OwnedFd, RawFd};

use jfork_cloner::{Child, ForkOptions, Stdio, spawn};
use jfork_resctl::{Identity, LimitSpec, PreparedChild, ResourceController, RunningChild};

use crate::protocol::RunRequest;
use crate::runner::{ChildProcess, Program, ProgramRunner};

/// The child's limits: the request's, capped by the master's (`--limit` is both the default
/// and the ceiling; `nice` can only be raised).
pub(super) fn effective_limits(master: &LimitSpec, request: &LimitSpec) -> LimitSpec {
    fn min<T: Ord>(a: Option<T>, b: Option<T>) -> Option<T> {
        match (a, b) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
    LimitSpec {
        mem: min(request.mem, master.mem),
        cpu: min(request.cpu, master.cpu),
        cpus_milli: min(request.cpus_milli, master.cpus_milli),
        wall: min(request.wall, master.wall),
        procs: min(request.procs, master.procs),
        files: min(request.files, master.files),
        fsize: min(request.fsize, master.fsize),
        core: min(request.core, master.core),
        stack: min(request.stack, master.stack),
        nice: match (request.nice, master.nice) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        },
    }
}

/// The fds this process has open now.
fn open_fds() -> Vec<RawFd> {
    let listed: Vec<RawFd> = std::fs::read_dir("/proc/self/fd")
        .map(|dir| {
            dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    // The listing's own fd is closed by now (and its number free for reuse): drop it.
    // SAFETY: F_GETFD only asks whether the fd is open.
    listed
        .into_iter()
        .filter(|&fd| unsafe { libc::fcntl(fd, libc::F_GETFD) } != -1)
        .collect()
}

/// A child's limits, prepared in the master, and the fork options that apply them in the
/// child: born in its v2 group, its other groups joined, rlimits and the rest applied by
/// the set-up hook.
pub(super) fn limited_options(
    controller: &ResourceController,
    spec: &LimitSpec,
    identity: Option<&Identity>,
) -> Result<(ForkOptions, PreparedChild), String> {
    // The cgroup descriptors `prepare` opens must survive the child's fd clean-up until
    // its set-up has joined the groups; they are the fds that `prepare` added.
    let before = open_fds();
    let mut prepared = controller
        .prepare(spec, identity)
        .map_err(|e| format!("cannot set up the child's limits: {e}"))?;
    let cgroup_fds: Vec<RawFd> = open_fds()
        .into_iter()
        .filter(|fd| !before.contains(fd))
        .collect();
    // Born in its v2 group rather than moved there (see `clone_into_cgroup`). The
    // directory's fd stays open in `prepared` until the fork.
    let born_in = prepared
        .clone_into_cgroup()
        .map_err(|e| format!("cannot set up the child's limits: {e}"))?
        .map(|dir| dir.as_raw_fd());
    let setup = prepared.child_setup().clone();
    let close_after = cgroup_fds.clone();
    let mut options = ForkOptions::new().keep_fds(cgroup_fds).hook(move || {
        let result = setup.apply().map_err(|e| e.to_string());
        for &fd in &close_after {
            // SAFETY: these fds were the master's copies of the cgroup files, kept only
            // for `apply`; nothing in the child owns them.
            unsafe { libc::close(fd) };
        }
        result
    });
    if let Some(dir) = born_in {
        options = options.cgroup(dir);
    }
    Ok((options, prepared))
}

/// Forks the child for `request` of a client of uid `uid`: limits from `spec`, the
/// client's stdio from `stdio`, and the identity of the client when it is not the master's
/// user.
pub(super) fn fork_child(
    controller: &ResourceController,
    runner: &dyn ProgramRunner,
    request: &RunRequest,
    uid: u32,
    spec: &LimitSpec,
    identity: Option<&Identity>,
    stdio: &[OwnedFd; 3],
) -> Result<(Child, RunningChild), String> {
    let t0 = std::time::Instant::now();
    let (options, prepared) = limited_options(controller, spec, identity)?;
    let options = options
        .stdio(
            Stdio::Fd(stdio[0].as_raw_fd()),
            Stdio::Fd(stdio[1].as_raw_fd()),
            Stdio::Fd(stdio[2].as_raw_fd()),
        )
        .name(format!("jfork: {}", request.launch.target()));
    runner.before_fork(request, uid);
    let t1 = std::time::Instant::now();
    let child = spawn(&options, || run_program(runner, request))
        .map_err(|e| format!("cannot fork the child: {e}"))?;
    tracing::debug!(
        pid = child.pid(),
        prepare_us = (t1 - t0).as_micros() as u64,
        fork_us = t1.elapsed().as_micros() as u64,
        "forked"
    );
    let running = prepared.started(child.pid());
    Ok((child, running))
}

/// The child's side once its limits are in place (DESIGN.md decision 5): the request's
/// working directory and environment, fresh process identity, then the program.
pub(super) fn run_program(runner: &dyn ProgramRunner, request: &RunRequest) -> i32 {
    if let Err(e) = std::env::set_current_dir(&request.cwd) {
        eprintln!(
            "jfork: cannot enter the working directory {}: {e}",
            request.cwd
        );
        return 1;
    }
    replace_environment(&request.env);
    let program = Program::new(&request.launch, &request.cwd, ChildProcess::current());
    runner.run(&program)
}

/// The variables of `env` as [`replace_environment`] sets them, in order.
fn environment_entries(env: &[(String, String)]) -> Vec<(&str, &str)> {
    let mut entries: Vec<(&str, &str)> = Vec::with_capacity(env.len());
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (key, value) in env {
        if key.is_empty() || key.contains('=') || key.contains('\0') || value.contains('\0') {
            continue;
        }
        match index.get(key.as_str()) {
            Some(&i) => entries[i].1 = value,
            None => {
                index.insert(key, entries.len());
                entries.push((key, value));
            }
        }
    }
    entries
}

unsafe extern "C" {
    /// The C library's environment (`environ(7)`).
    static mut environ: *const *const libc::c_char;
}

/// Makes `env` this process's whole environment, as clearing it and setting each variable
/// in turn would (a repeated name keeps its first place and its last value; names that are
/// empty or hold `=` or NUL, and values with NUL, are left out), but with two allocations
/// rather than a `setenv` per variable: in a forked child every allocator write can copy a
/// page of the master's.
fn replace_environment(env: &[(String, String)]) {
    let entries = environment_entries(env);
    let mut text = Vec::with_capacity(entries.iter().map(|(k, v)| k.len() + v.len() + 2).sum());
    let mut starts = Vec::with_capacity(entries.len());
    for (key, value) in &entries {
        starts.push(text.len());
        text.extend_from_slice(key.as_bytes());
        text.push(b'=');
        text.extend_from_slice(value.as_bytes());
        text.push(0);
    }
    // Both live as long as the process: `environ` points into them.
    let text: &'static [u8] = Vec::leak(text);
    let mut pointers: Vec<*const libc::c_char> = starts
        .iter()
        .map(|&at| text[at..].as_ptr().cast())
        .collect();
    pointers.push(std::ptr::null());
    let pointers: &'static [*const libc::c_char] = Vec::leak(pointers);
    // SAFETY: the child has one thread (cloner checked it before forking), so nothing
    // reads `environ` meanwhile; the new array is NUL-terminated, null-terminated and
    // never freed.
    unsafe { environ = pointers.as_ptr() };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_keeps_first_place_and_last_value() {
        let env: Vec<(String, String)> = [
            ("A", "1"),
            ("B", "x=y"),
            ("A", "2"),
            ("", "empty name"),
            ("C=D", "bad name"),
            ("E", "nul\0"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(environment_entries(&env), vec![("A", "2"), ("B", "x=y")]);
    }

    #[test]
    fn master_limits_are_default_and_ceiling() {
        let master = LimitSpec::parse("mem=256M,wall=30s,nice=5").unwrap();
        let request = LimitSpec::parse("mem=1G,cpu=10s,nice=0").unwrap();
        let got = effective_limits(&master, &request);
        assert_eq!(
            got,
            LimitSpec::parse("mem=256M,cpu=10s,wall=30s,nice=5").unwrap()
        );
        let tighter = LimitSpec::parse("wall=1s").unwrap();
        assert_eq!(
            effective_limits(&master, &tighter),
            LimitSpec::parse("mem=256M,wall=1s,nice=5").unwrap()
        );
    }
}
