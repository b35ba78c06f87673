//! The parent-side steps after `fork()`: the wall-clock deadline, waiting, the verdict and
//! clean-up.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use crate::cgroup::{ChildGroup, Counters};
use crate::controller::{Enforcements, remove_groups};
use crate::error::ResctlError;
use crate::spec::LimitSpec;
use crate::verdict::{Cause, ChildExit, ChildStatus, Verdict, derive_cause};

/// A forked child under limits, as the parent sees it.
///
/// The caller owns waiting. Either call [`RunningChild::wait`] (blocks, enforces the
/// deadline, kills the child's tree before reaping), or wait in its own loop: call
/// [`RunningChild::enforce_deadline`] when [`RunningChild::deadline`] passes and
/// [`RunningChild::kill_tree`] once the child has exited but before reaping it. Then
/// [`RunningChild::finish`] gives the verdict and removes the cgroups. Dropped unfinished,
/// it kills what is left in the child's cgroups and removes them.
#[derive(Debug)]
pub struct RunningChild {
    pid: Pid,
    spec: LimitSpec,
    groups: Vec<ChildGroup>,
    enforcements: Enforcements,
    own_process_group: bool,
    deadline: Option<Instant>,
    wall_fired: bool,
}

impl RunningChild {
    pub(crate) fn new(
        pid: i32,
        spec: LimitSpec,
        groups: Vec<ChildGroup>,
        enforcements: Enforcements,
        own_process_group: bool,
    ) -> RunningChild {
        RunningChild {
            pid: Pid::from_raw(pid),
            deadline: spec.wall.map(|w| Instant::now() + w),
            spec,
            groups,
            enforcements,
            own_process_group,
            wall_fired: false,
        }
    }

    /// The child's pid.
    pub fn pid(&self) -> i32 {
        self.pid.as_raw()
    }

    /// When the wall-clock limit runs out, if the spec has one.
    pub fn deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// Time left before the deadline (zero once passed); `None` without a wall limit.
    pub fn time_left(&self) -> Option<Duration> {
        self.deadline
            .map(|d| d.saturating_duration_since(Instant::now()))
    }

    /// How limits were enforced for this child.
    pub fn enforcements(&self) -> Enforcements {
        self.enforcements
    }

    /// If the deadline has passed, kills the child's whole tree and remembers why.
    /// Returns true if the wall limit has fired (now or before). Call it only while the
    /// child is not yet reaped.
    pub fn enforce_deadline(&mut self) -> bool {
        if !self.wall_fired && self.time_left() == Some(Duration::ZERO) {
            self.wall_fired = true;
            self.kill_tree();
        }
        self.wall_fired
    }

    /// Kills the child, its process group (if it has its own) and everything in its
    /// cgroups. Call it only while the child is not yet reaped: its pid (and process group
    /// id) are then still its own.
    pub fn kill_tree(&mut self) {
        let _ = kill(self.pid, Signal::SIGKILL);
        if self.own_process_group {
            let _ = kill(Pid::from_raw(-self.pid.as_raw()), Signal::SIGKILL);
        }
        self.kill_groups();
    }

    fn kill_groups(&mut self) -> Option<String> {
        // One kill per tree is enough: every process is in all of the child's groups. Prefer
        // a v2 group with cgroup.kill.
        let g = match self.groups.iter().position(|g| g.roles.kill) {
            Some(i) => self.groups.get_mut(i),
            None => self.groups.first_mut(),
        }?;
        g.kill_all().err().map(|e| e.to_string())
    }

    /// Blocks until the child ends, killing its tree at the wall-clock deadline; kills
    /// whatever the child left behind, then reaps it with its resource usage.
    pub fn wait(&mut self) -> Result<ChildExit, ResctlError> {
        if self.deadline.is_none() {
            // No deadline: one blocking wait for the exit, without reaping.
            exited_unreaped(self.pid, true).map_err(|errno| self.wait_error(errno))?;
        } else {
            let pidfd = pidfd_open(self.pid);
            while !exited_unreaped(self.pid, false).map_err(|errno| self.wait_error(errno))? {
                if self.enforce_deadline() {
                    // Killed: it will be a zombie shortly; wait without a timeout.
                    wait_readable(pidfd.as_ref(), None);
                } else {
                    wait_readable(pidfd.as_ref(), self.time_left());
                }
            }
        }
        // Still a zombie: its process group id cannot have been reused.
        if self.own_process_group {
            let _ = kill(Pid::from_raw(-self.pid.as_raw()), Signal::SIGKILL);
        }
        self.kill_groups();
        reap(self.pid).map_err(|errno| self.wait_error(errno))
    }

    fn wait_error(&self, errno: Errno) -> ResctlError {
        ResctlError::Wait {
            pid: self.pid.as_raw(),
            errno,
        }
    }

    /// The cause [`finish`](Self::finish) would give for `exit` were the child reaped now:
    /// for a child that announced its exit code before the kernel finished tearing it
    /// down, so that its client hears at once. Reads the groups' counters; changes
    /// nothing (`finish` still cleans up once the child is reaped).
    pub fn cause_now(&mut self, exit: &ChildExit) -> Cause {
        let mut counters = Counters::default();
        for g in &mut self.groups {
            counters.merge(g.counters().0);
        }
        derive_cause(&self.spec, exit, &counters, self.wall_fired).0
    }

    /// The parent-side step after the child ended and was reaped: reads the kernel's
    /// counters, derives the cause, kills anything left in the child's cgroups and removes
    /// them.
    pub fn finish(mut self, exit: &ChildExit) -> Verdict {
        let mut counters = Counters::default();
        let mut raw = Vec::with_capacity(self.groups.len());
        for g in &mut self.groups {
            let (since, now) = g.counters();
            counters.merge(since);
            raw.push(now);
        }
        let (cause, basis) = derive_cause(&self.spec, exit, &counters, self.wall_fired);
        let mut cleanup_error = self.kill_groups();
        let tree_gone = cleanup_error.is_none();
        let groups = std::mem::take(&mut self.groups);
        for (g, raw) in groups.into_iter().zip(raw) {
            // Every process of the tree is in every group: one empty group means all are.
            let known_empty = tree_gone && g.roles.kill;
            if let Err(e) = g.release(raw, known_empty) {
                tracing::warn!(target: "jfork_resctl", "{e}");
                cleanup_error.get_or_insert_with(|| e.to_string());
            }
        }
        Verdict {
            cause,
            basis,
            status: exit.status,
            cpu_time: exit.cpu_time,
            memory_peak: counters.memory_peak,
            oom_kills: counters.oom_kills,
            forks_denied: counters.forks_denied,
            cleanup_error,
        }
    }
}

impl Drop for RunningChild {
    fn drop(&mut self) {
        if !self.groups.is_empty() {
            let _ = self.kill_groups();
            remove_groups(std::mem::take(&mut self.groups));
        }
    }
}

fn pidfd_open(pid: Pid) -> Option<OwnedFd> {
    // SAFETY: pidfd_open takes a pid and flags and returns a new descriptor or -1.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid.as_raw(), 0) };
    if fd < 0 {
        return None;
    }
    // SAFETY: the kernel just gave us this descriptor; nothing else owns it.
    Some(unsafe { OwnedFd::from_raw_fd(fd as i32) })
}

/// Sleeps until the pidfd says the child exited, or `timeout` passes. Without a pidfd
/// (kernels before 5.3), sleeps a little.
fn wait_readable(pidfd: Option<&OwnedFd>, timeout: Option<Duration>) {
    let Some(fd) = pidfd else {
        let step = Duration::from_millis(2);
        std::thread::sleep(timeout.map_or(step, |t| t.min(step)));
        return;
    };
    let ms = timeout.map_or(-1, |t| {
        i32::try_from(t.as_micros().div_ceil(1000)).unwrap_or(i32::MAX)
    });
    let mut pfd = libc::pollfd {
        fd: fd.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd on the stack. EINTR just means "look again".
    unsafe { libc::poll(&mut pfd, 1, ms) };
}

/// True if the child has ended, without reaping it (`WNOWAIT`); `block` waits for it.
fn exited_unreaped(pid: Pid, block: bool) -> Result<bool, Errno> {
    let flags = libc::WEXITED | libc::WNOWAIT | if block { 0 } else { libc::WNOHANG };
    // SAFETY: zeroed siginfo_t is a valid out-parameter for waitid.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: waitid writes only into `info`.
        let rc = unsafe { libc::waitid(libc::P_PID, pid.as_raw() as libc::id_t, &mut info, flags) };
        if rc == 0 {
            // SAFETY: waitid filled `info`; si_pid is 0 if nothing has ended yet.
            return Ok(unsafe { info.si_pid() } != 0);
        }
        match Errno::last() {
            Errno::EINTR => continue,
            e => return Err(e),
        }
    }
}

/// Reaps the child with `wait4`, keeping its CPU time.
fn reap(pid: Pid) -> Result<ChildExit, Errno> {
    let mut status: libc::c_int = 0;
    // SAFETY: zeroed rusage is a valid out-parameter.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: wait4 writes only into `status` and `usage`.
        let rc = unsafe { libc::wait4(pid.as_raw(), &mut status, 0, &mut usage) };
        if rc == pid.as_raw() {
            break;
        }
        match Errno::last() {
            Errno::EINTR => continue,
            e => return Err(e),
        }
    }
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
    };
    let status = ChildStatus::from_raw(status).unwrap_or(ChildStatus::Exited(status));
    Ok(ChildExit {
        status,
        cpu_time: Some(tv(usage.ru_utime) + tv(usage.ru_stime)),
    })
}
