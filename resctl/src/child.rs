//! The child-side step: what a freshly forked child does before any of its own code runs.
//!
//! Everything here was prepared by the parent: [`ChildSetup::apply`] only makes system calls
//! (no allocation, no locks, no formatting), so it may run right after `fork()` in a child of
//! a multithreaded parent, or in a `pre_exec` hook.

use std::os::fd::{BorrowedFd, RawFd};

use nix::errno::Errno;
use nix::sys::resource::{Resource, setrlimit};
use nix::unistd::{Pid, getresgid, getresuid, setgroups, setpgid, setresgid, setresuid};

use crate::identity::Identity;

/// Most cgroup hierarchies a child joins: memory, pids, cpu (v1) and the unified one.
pub(crate) const MAX_CGROUPS: usize = 4;
/// Most rlimits a spec sets.
pub(crate) const MAX_RLIMITS: usize = 7;

/// Exit code of a child whose set-up failed ([`ChildSetup::apply_or_exit`]).
pub const EXIT_SETUP_FAILED: i32 = 250;

/// One step of the child-side set-up, named for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Writing the child into its cgroup's `cgroup.procs`.
    JoinCgroup,
    /// `setpgid(0, 0)`: its own process group, so the parent can kill its descendants.
    SetProcessGroup,
    /// `setrlimit` for the given resource.
    SetRlimit(Resource),
    /// `setpriority(PRIO_PROCESS, 0, nice)`.
    SetPriority,
    /// `setgroups`.
    SetGroups,
    /// `setresgid`.
    SetResGid,
    /// `setresuid`.
    SetResUid,
    /// The ids after the change are not the ones asked for.
    CheckIdentity,
    /// `prctl(PR_SET_NO_NEW_PRIVS)`.
    NoNewPrivs,
}

impl Step {
    /// A static name, usable without allocation.
    pub fn name(self) -> &'static str {
        match self {
            Step::JoinCgroup => "join cgroup",
            Step::SetProcessGroup => "setpgid",
            Step::SetRlimit(r) => rlimit_name(r),
            Step::SetPriority => "setpriority",
            Step::SetGroups => "setgroups",
            Step::SetResGid => "setresgid",
            Step::SetResUid => "setresuid",
            Step::CheckIdentity => "identity check",
            Step::NoNewPrivs => "PR_SET_NO_NEW_PRIVS",
        }
    }
}

pub(crate) fn rlimit_name(r: Resource) -> &'static str {
    match r {
        Resource::RLIMIT_AS => "setrlimit(RLIMIT_AS)",
        Resource::RLIMIT_DATA => "setrlimit(RLIMIT_DATA)",
        Resource::RLIMIT_CPU => "setrlimit(RLIMIT_CPU)",
        Resource::RLIMIT_NPROC => "setrlimit(RLIMIT_NPROC)",
        Resource::RLIMIT_NOFILE => "setrlimit(RLIMIT_NOFILE)",
        Resource::RLIMIT_FSIZE => "setrlimit(RLIMIT_FSIZE)",
        Resource::RLIMIT_CORE => "setrlimit(RLIMIT_CORE)",
        Resource::RLIMIT_STACK => "setrlimit(RLIMIT_STACK)",
        _ => "setrlimit",
    }
}

/// A child-side step failed. The child must not run the program: see
/// [`ChildSetup::apply_or_exit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("child set-up failed at {}: {errno}", step.name())]
pub struct ApplyError {
    /// The step that failed.
    pub step: Step,
    /// The error the kernel returned (`EPERM` for an identity check that did not hold).
    pub errno: Errno,
}

impl From<ApplyError> for std::io::Error {
    fn from(e: ApplyError) -> Self {
        std::io::Error::other(e)
    }
}

/// The child-side half of a prepared launch: plain data and open file descriptors.
///
/// Get it from [`crate::PreparedChild::child_setup`]; call [`ChildSetup::apply`] in the
/// child right after `fork()`. Cloning it (for a `pre_exec` closure) copies the descriptor
/// numbers, not the descriptors: the [`crate::PreparedChild`] keeps them open until the
/// fork is done.
#[derive(Debug, Clone)]
pub struct ChildSetup {
    pub(crate) cgroup_procs: [RawFd; MAX_CGROUPS],
    pub(crate) cgroup_count: usize,
    pub(crate) rlimits: [(Resource, u64, u64); MAX_RLIMITS],
    pub(crate) rlimit_count: usize,
    pub(crate) nice: Option<i32>,
    pub(crate) own_process_group: bool,
    pub(crate) identity: Option<Identity>,
    pub(crate) groups: Vec<nix::unistd::Gid>,
    pub(crate) no_new_privs: bool,
}

impl ChildSetup {
    pub(crate) fn empty() -> ChildSetup {
        ChildSetup {
            cgroup_procs: [-1; MAX_CGROUPS],
            cgroup_count: 0,
            rlimits: [(Resource::RLIMIT_CORE, 0, 0); MAX_RLIMITS],
            rlimit_count: 0,
            nice: None,
            own_process_group: false,
            identity: None,
            groups: Vec::new(),
            no_new_privs: false,
        }
    }

    /// Applies everything in the calling process, in this order: join the cgroups, own
    /// process group, rlimits, nice, identity (`setgroups`, `setresgid`, `setresuid`, then a
    /// check), `PR_SET_NO_NEW_PRIVS`. Only system calls: safe right after `fork()`.
    ///
    /// Call it only in the child. On error the child is half set up and must not go on.
    pub fn apply(&self) -> Result<(), ApplyError> {
        let fail = |step: Step| move |errno: Errno| ApplyError { step, errno };
        for &fd in &self.cgroup_procs[..self.cgroup_count] {
            // SAFETY: the PreparedChild this setup came from keeps `fd` open until the fork
            // has happened, and the child inherited it.
            let fd = unsafe { BorrowedFd::borrow_raw(fd) };
            // "0" is the writing process itself, in cgroup v1 and v2 alike.
            nix::unistd::write(fd, b"0").map_err(fail(Step::JoinCgroup))?;
        }
        for &fd in &self.cgroup_procs[..self.cgroup_count] {
            // Not needed after joining; the program must not inherit them.
            // SAFETY: closing an inherited descriptor nothing else in the child uses.
            unsafe { libc::close(fd) };
        }
        if self.own_process_group {
            setpgid(Pid::from_raw(0), Pid::from_raw(0)).map_err(fail(Step::SetProcessGroup))?;
        }
        for &(resource, soft, hard) in &self.rlimits[..self.rlimit_count] {
            setrlimit(resource, soft, hard).map_err(fail(Step::SetRlimit(resource)))?;
        }
        if let Some(nice) = self.nice {
            // SAFETY: plain system call on the calling process.
            let rc = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, nice) };
            if rc != 0 {
                return Err(fail(Step::SetPriority)(Errno::last()));
            }
        }
        if let Some(id) = &self.identity {
            setgroups(&self.groups).map_err(fail(Step::SetGroups))?;
            setresgid(id.gid(), id.gid(), id.gid()).map_err(fail(Step::SetResGid))?;
            setresuid(id.uid(), id.uid(), id.uid()).map_err(fail(Step::SetResUid))?;
            // Never run on with the master's privileges because a call half-worked.
            let u = getresuid().map_err(fail(Step::CheckIdentity))?;
            let g = getresgid().map_err(fail(Step::CheckIdentity))?;
            let want_u = id.uid();
            let want_g = id.gid();
            if u.real != want_u || u.effective != want_u || u.saved != want_u {
                return Err(fail(Step::CheckIdentity)(Errno::EPERM));
            }
            if g.real != want_g || g.effective != want_g || g.saved != want_g {
                return Err(fail(Step::CheckIdentity)(Errno::EPERM));
            }
        }
        if self.no_new_privs {
            nix::sys::prctl::set_no_new_privs().map_err(fail(Step::NoNewPrivs))?;
        }
        Ok(())
    }

    /// [`ChildSetup::apply`], and on failure write one line to stderr and `_exit` with
    /// [`EXIT_SETUP_FAILED`]. No allocation on either path.
    pub fn apply_or_exit(&self) {
        if let Err(e) = self.apply() {
            let mut buf = [0u8; 160];
            let mut len = 0;
            for part in [
                b"jfork-resctl: child set-up failed at ".as_slice(),
                e.step.name().as_bytes(),
                b": ",
                e.errno.desc().as_bytes(),
                b"\n",
            ] {
                let n = part.len().min(buf.len() - len);
                buf[len..len + n].copy_from_slice(&part[..n]);
                len += n;
            }
            // SAFETY: writing a stack buffer to fd 2, then ending the process without
            // running the parent's atexit handlers or destructors (we are a forked child).
            unsafe {
                libc::write(2, buf.as_ptr().cast(), len);
                libc::_exit(EXIT_SETUP_FAILED);
            }
        }
    }
}
