//! What a forked child is set up with: [`ForkOptions`] and its parts.

use std::fmt;
use std::os::fd::RawFd;
use std::rc::Rc;

/// The caller's own set-up step, run last in the child. An `Err` ends the child with
/// [`SETUP_FAILED_EXIT_CODE`](crate::SETUP_FAILED_EXIT_CODE) and its message reaches the
/// parent in [`ChildExit::setup_failure`](crate::ChildExit::setup_failure).
pub type ChildHook = Rc<dyn Fn() -> Result<(), String>>;

/// Which session and process group the child lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Session {
    /// Stay in the parent's session and process group.
    #[default]
    Inherit,
    /// `setsid()`: a new session without a controlling terminal, led by the child.
    NewSession,
    /// `setpgid(0, 0)`: a new process group in the parent's session, led by the child.
    NewProcessGroup,
}

/// Where one of the child's standard streams (fd 0, 1 or 2) comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stdio {
    /// Keep what the parent has at this slot.
    #[default]
    Inherit,
    /// `/dev/null`.
    Null,
    /// This fd of the parent, installed with `dup2`. It must stay open until
    /// [`fork`](crate::fork) returns; the parent keeps ownership.
    Fd(RawFd),
}

/// How the child's copy of the parent's memory is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CopyMode {
    /// Copy-on-write: pages stay shared until one side writes them.
    #[default]
    CopyOnWrite,
    /// Eager copy: right after `fork`, the child makes private every resident page of the
    /// parent's writable private mappings (`MADV_POPULATE_WRITE`), so no page is shared
    /// with the parent afterwards and later writes take no copy faults. Pages the parent
    /// never touched stay untouched.
    Eager,
}

/// Everything a child is set up with between `fork` and the caller's code.
///
/// The child applies the steps in this fixed order:
/// 1. eager copy, when [`CopyMode::Eager`] is asked for;
/// 2. new session or process group ([`Session`]);
/// 3. `PR_SET_PDEATHSIG`, then a check that the parent did not die before it took effect
///    (if it did, the child raises that signal itself);
/// 4. default signal dispositions and an empty signal mask (unless
///    [`inherit_signals`](Self::inherit_signals) was asked for);
/// 5. close every inherited fd except 0, 1, 2, the keep-list and the stdio sources;
/// 6. install the stdio fds ([`Stdio`]);
/// 7. set the process name (`comm` and the argv shown by `ps`);
/// 8. the caller's hook.
///
/// Before step 1, the child is in its [`cgroup`](Self::cgroup) when one is given: born there
/// (`clone3` with `CLONE_INTO_CGROUP`), or, where the kernel cannot do that, moved there
/// first thing.
///
/// Defaults: copy-on-write, same session, parent-death signal `SIGKILL`, signals reset,
/// every fd but 0, 1 and 2 closed, stdio inherited, name unchanged, no hook, the parent's
/// cgroups.
#[derive(Clone)]
pub struct ForkOptions {
    pub(crate) copy_mode: CopyMode,
    pub(crate) session: Session,
    pub(crate) parent_death_signal: Option<i32>,
    pub(crate) reset_signals: bool,
    pub(crate) keep_fds: Vec<RawFd>,
    pub(crate) stdio: [Stdio; 3],
    pub(crate) name: Option<String>,
    pub(crate) hook: Option<ChildHook>,
    pub(crate) cgroup: Option<RawFd>,
}

impl Default for ForkOptions {
    fn default() -> Self {
        ForkOptions {
            copy_mode: CopyMode::CopyOnWrite,
            session: Session::Inherit,
            parent_death_signal: Some(libc::SIGKILL),
            reset_signals: true,
            keep_fds: Vec::new(),
            stdio: [Stdio::Inherit; 3],
            name: None,
            hook: None,
            cgroup: None,
        }
    }
}

impl fmt::Debug for ForkOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ForkOptions")
            .field("copy_mode", &self.copy_mode)
            .field("session", &self.session)
            .field("parent_death_signal", &self.parent_death_signal)
            .field("reset_signals", &self.reset_signals)
            .field("keep_fds", &self.keep_fds)
            .field("stdio", &self.stdio)
            .field("name", &self.name)
            .field("hook", &self.hook.as_ref().map(|_| "Fn"))
            .field("cgroup", &self.cgroup)
            .finish()
    }
}

impl ForkOptions {
    /// The defaults (see the type's documentation).
    pub fn new() -> Self {
        Self::default()
    }

    /// Copy-on-write (the default) or eager copy.
    pub fn copy_mode(mut self, mode: CopyMode) -> Self {
        self.copy_mode = mode;
        self
    }

    /// The child's session and process group.
    pub fn session(mut self, session: Session) -> Self {
        self.session = session;
        self
    }

    /// The signal the child gets when the parent thread dies (`PR_SET_PDEATHSIG`);
    /// `None` to leave the child running. Default `SIGKILL`.
    pub fn parent_death_signal(mut self, signal: Option<i32>) -> Self {
        self.parent_death_signal = signal;
        self
    }

    /// Keep the parent's signal dispositions and mask instead of resetting them.
    pub fn inherit_signals(mut self) -> Self {
        self.reset_signals = false;
        self
    }

    /// Keep this fd open in the child (every fd not kept is closed).
    pub fn keep_fd(mut self, fd: RawFd) -> Self {
        self.keep_fds.push(fd);
        self
    }

    /// Keep these fds open in the child.
    pub fn keep_fds(mut self, fds: impl IntoIterator<Item = RawFd>) -> Self {
        self.keep_fds.extend(fds);
        self
    }

    /// The child's stdin, stdout and stderr.
    pub fn stdio(mut self, stdin: Stdio, stdout: Stdio, stderr: Stdio) -> Self {
        self.stdio = [stdin, stdout, stderr];
        self
    }

    /// The name `ps` shows for the child: `comm` gets its first 15 bytes, the argv area
    /// as much as fits in the parent's original argv.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The caller's own set-up step, run last in the child.
    pub fn hook(mut self, hook: impl Fn() -> Result<(), String> + 'static) -> Self {
        self.hook = Some(Rc::new(hook));
        self
    }

    /// Starts the child in the cgroup v2 directory open as `dir` (the parent keeps the fd
    /// open until [`fork`](crate::fork) returns). The child is created there
    /// (`CLONE_INTO_CGROUP`), which, unlike writing to `cgroup.procs` after `fork`, never
    /// waits for the kernel's cgroup migration lock: that write can take a whole RCU grace
    /// period (tens of milliseconds) when no migration happened for a while. On a kernel
    /// without `clone3` or `CLONE_INTO_CGROUP`, the child joins the group first thing
    /// instead; a failure to join is a set-up failure.
    pub fn cgroup(mut self, dir: RawFd) -> Self {
        self.cgroup = Some(dir);
        self
    }

    /// Checks what can be checked before forking.
    pub(crate) fn validate(&self) -> Result<(), crate::ForkError> {
        if let Some(fd) = self.cgroup
            && fd < 0
        {
            return Err(crate::ForkError::InvalidOptions(format!(
                "cgroup directory fd {fd} is negative"
            )));
        }
        if let Some(name) = &self.name
            && name.as_bytes().contains(&0)
        {
            return Err(crate::ForkError::InvalidOptions(format!(
                "process name {name:?} contains a NUL byte"
            )));
        }
        if let Some(sig) = self.parent_death_signal
            && !(1..=libc::SIGRTMAX()).contains(&sig)
        {
            return Err(crate::ForkError::InvalidOptions(format!(
                "parent death signal {sig} is not a signal number (1..={})",
                libc::SIGRTMAX()
            )));
        }
        for (slot, stdio) in self.stdio.iter().enumerate() {
            if let Stdio::Fd(fd) = stdio
                && *fd < 0
            {
                return Err(crate::ForkError::InvalidOptions(format!(
                    "stdio slot {slot} names fd {fd}, which is negative"
                )));
            }
        }
        Ok(())
    }
}
