//! Why a child ended, in one value, from its wait status, the kernel's counters and the
//! wall-clock deadline.

use std::fmt;
use std::os::unix::process::ExitStatusExt;
use std::time::Duration;

use nix::sys::signal::Signal;

use crate::cgroup::Counters;
use crate::spec::{HumanSize, LimitSpec};

/// Exit code by which a child says "my memory allocation failed under my memory limit".
///
/// The rlimit fallback for `mem` leaves no kernel counter: only the child knows its
/// allocation failed. A child runtime that gives up for that reason should `_exit` with this
/// code; it counts as [`Cause::MemoryLimit`] only when the spec had `mem`.
pub const EXIT_MEMORY_LIMIT: i32 = 251;
/// Exit code by which a child says "fork failed under my process limit" (`procs`).
pub const EXIT_PROCESS_LIMIT: i32 = 252;
/// Exit code by which a child says "open failed under my open files limit" (`files`).
pub const EXIT_OPEN_FILES_LIMIT: i32 = 253;

/// How the child ended, as `wait` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChildStatus {
    /// `_exit(code)`.
    Exited(i32),
    /// Ended by a signal.
    Signaled(i32),
}

impl ChildStatus {
    /// From a raw `wait` status; `None` for a stopped or continued child.
    pub fn from_raw(status: libc::c_int) -> Option<ChildStatus> {
        if libc::WIFEXITED(status) {
            Some(ChildStatus::Exited(libc::WEXITSTATUS(status)))
        } else if libc::WIFSIGNALED(status) {
            Some(ChildStatus::Signaled(libc::WTERMSIG(status)))
        } else {
            None
        }
    }
}

impl From<std::process::ExitStatus> for ChildStatus {
    fn from(s: std::process::ExitStatus) -> Self {
        match (s.code(), s.signal()) {
            (Some(code), _) => ChildStatus::Exited(code),
            (None, Some(sig)) => ChildStatus::Signaled(sig),
            // Neither: not an ended child; a raw status is the honest fallback.
            (None, None) => ChildStatus::Exited(s.into_raw()),
        }
    }
}

/// What the parent learned when it reaped the child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChildExit {
    /// The wait status.
    pub status: ChildStatus,
    /// User plus system CPU time of the child (from `wait4`'s rusage), if known.
    pub cpu_time: Option<Duration>,
}

impl ChildExit {
    /// A status without resource usage (the cause `CpuLimit` then needs `SIGXCPU`).
    pub fn from_status(status: ChildStatus) -> ChildExit {
        ChildExit {
            status,
            cpu_time: None,
        }
    }
}

/// Why the child ended: the one value the client prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// Exited on its own with this code.
    Exited(i32),
    /// Ended by a signal that no limit explains.
    Signaled(i32),
    /// Used its CPU time (`cpu`).
    CpuLimit(Duration),
    /// Went over its memory limit (`mem`), in bytes.
    MemoryLimit(u64),
    /// Ran past its wall-clock limit (`wall`) and was killed by the parent.
    WallLimit(Duration),
    /// Was refused a process or thread by its limit (`procs`) and failed.
    ProcessLimit(u64),
    /// Was refused a file descriptor by its limit (`files`) and failed.
    OpenFilesLimit(u64),
    /// Wrote past its file size limit (`fsize`), in bytes.
    FileSizeLimit(u64),
}

impl Cause {
    /// True when a limit ended the child.
    pub fn is_limit(&self) -> bool {
        !matches!(self, Cause::Exited(_) | Cause::Signaled(_))
    }
}

struct Seconds(Duration);

impl fmt::Display for Seconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.0.as_millis();
        if ms.is_multiple_of(1000) {
            write!(f, "{} s", ms / 1000)
        } else {
            write!(f, "{ms} ms")
        }
    }
}

fn signal_name(sig: i32) -> &'static str {
    Signal::try_from(sig)
        .map(Signal::as_str)
        .unwrap_or("unknown signal")
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Cause::Exited(code) => write!(f, "exited with code {code}"),
            Cause::Signaled(sig) => write!(f, "killed by signal {sig} ({})", signal_name(sig)),
            Cause::CpuLimit(d) => write!(f, "CPU time limit {} exceeded", Seconds(d)),
            Cause::MemoryLimit(b) => write!(f, "memory limit {} exceeded", HumanSize(b)),
            Cause::WallLimit(d) => write!(f, "wall-clock limit {} exceeded", Seconds(d)),
            Cause::ProcessLimit(n) => write!(f, "process limit {n} reached"),
            Cause::OpenFilesLimit(n) => write!(f, "open files limit {n} reached"),
            Cause::FileSizeLimit(b) => write!(f, "file size limit {} exceeded", HumanSize(b)),
        }
    }
}

/// What the cause rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The wait status alone (an exit code, or a signal the kernel sends for a limit:
    /// `SIGXCPU`, `SIGXFSZ`, `SIGKILL` past the CPU hard limit).
    ExitStatus,
    /// A cgroup counter (`oom_kill`, `pids.events`).
    KernelCounter,
    /// The child's own report, by one of the `EXIT_*_LIMIT` codes.
    ChildReport,
    /// The parent's wall-clock deadline.
    Deadline,
}

/// The parent-side verdict on a child that has ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Why it ended.
    pub cause: Cause,
    /// What the cause rests on.
    pub basis: Basis,
    /// The wait status.
    pub status: ChildStatus,
    /// CPU time used, if the wait reported it.
    pub cpu_time: Option<Duration>,
    /// Highest memory use of the child's cgroup, where a memory cgroup was used.
    pub memory_peak: Option<u64>,
    /// Processes the kernel's OOM killer killed in the child's cgroup.
    pub oom_kills: Option<u64>,
    /// Forks the pids limit refused.
    pub forks_denied: Option<u64>,
    /// What went wrong cleaning up (killing leftovers, removing cgroups), if anything.
    pub cleanup_error: Option<String>,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.cause, f)
    }
}

/// The rules, most specific first.
pub(crate) fn derive_cause(
    spec: &LimitSpec,
    exit: &ChildExit,
    counters: &Counters,
    wall_fired: bool,
) -> (Cause, Basis) {
    let sigkill = exit.status == ChildStatus::Signaled(libc::SIGKILL);
    let clean_exit = exit.status == ChildStatus::Exited(0);
    if let (true, Some(wall)) = (wall_fired, spec.wall) {
        return (Cause::WallLimit(wall), Basis::Deadline);
    }
    if let Some(mem) = spec.mem {
        let oom = counters.oom_kills.unwrap_or(0) > 0
            // Kernels without `oom_kill` in memory.oom_control: a SIGKILL after the limit was hit.
            || (counters.oom_kills.is_none() && sigkill && counters.memory_max_hits.unwrap_or(0) > 0);
        if oom && !clean_exit {
            return (Cause::MemoryLimit(mem), Basis::KernelCounter);
        }
    }
    if let Some(cpu) = spec.cpu {
        let past_hard = sigkill && exit.cpu_time.is_some_and(|t| t >= cpu);
        if exit.status == ChildStatus::Signaled(libc::SIGXCPU) || past_hard {
            return (Cause::CpuLimit(cpu), Basis::ExitStatus);
        }
    }
    if let (Some(fsize), ChildStatus::Signaled(libc::SIGXFSZ)) = (spec.fsize, exit.status) {
        return (Cause::FileSizeLimit(fsize), Basis::ExitStatus);
    }
    if let Some(procs) = spec.procs
        && counters.forks_denied.unwrap_or(0) > 0
        && !clean_exit
    {
        return (Cause::ProcessLimit(procs), Basis::KernelCounter);
    }
    match exit.status {
        ChildStatus::Exited(EXIT_MEMORY_LIMIT) if spec.mem.is_some() => (
            Cause::MemoryLimit(spec.mem.unwrap_or(0)),
            Basis::ChildReport,
        ),
        ChildStatus::Exited(EXIT_PROCESS_LIMIT) if spec.procs.is_some() => (
            Cause::ProcessLimit(spec.procs.unwrap_or(0)),
            Basis::ChildReport,
        ),
        ChildStatus::Exited(EXIT_OPEN_FILES_LIMIT) if spec.files.is_some() => (
            Cause::OpenFilesLimit(spec.files.unwrap_or(0)),
            Basis::ChildReport,
        ),
        ChildStatus::Exited(code) => (Cause::Exited(code), Basis::ExitStatus),
        ChildStatus::Signaled(sig) => (Cause::Signaled(sig), Basis::ExitStatus),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cause(spec: &str, status: ChildStatus, counters: Counters, wall: bool) -> String {
        let spec = LimitSpec::parse(spec).unwrap();
        let exit = ChildExit {
            status,
            cpu_time: Some(Duration::from_millis(2100)),
        };
        derive_cause(&spec, &exit, &counters, wall).0.to_string()
    }

    #[test]
    fn causes_read_clearly() {
        let none = Counters::default();
        let oom = Counters {
            oom_kills: Some(1),
            ..Counters::default()
        };
        let denied = Counters {
            forks_denied: Some(3),
            ..Counters::default()
        };
        use ChildStatus::*;
        let lines = [
            cause("", Exited(0), none, false),
            cause("", Signaled(libc::SIGSEGV), none, false),
            cause("mem=256M", Signaled(libc::SIGKILL), oom, false),
            cause("mem=256M", Exited(EXIT_MEMORY_LIMIT), none, false),
            cause("mem=1536K", Exited(0), oom, false),
            cause("cpu=2s", Signaled(libc::SIGXCPU), none, false),
            cause("cpu=2s", Signaled(libc::SIGKILL), none, false),
            cause("wall=1500ms", Signaled(libc::SIGKILL), none, true),
            cause("procs=64", Exited(1), denied, false),
            cause("procs=64", Exited(0), denied, false),
            cause("files=256", Exited(EXIT_OPEN_FILES_LIMIT), none, false),
            cause("", Exited(EXIT_OPEN_FILES_LIMIT), none, false),
            cause("fsize=1G", Signaled(libc::SIGXFSZ), none, false),
        ];
        assert_eq!(
            lines,
            [
                "exited with code 0",
                "killed by signal 11 (SIGSEGV)",
                "memory limit 256 MiB exceeded",
                "memory limit 256 MiB exceeded",
                "exited with code 0",
                "CPU time limit 2 s exceeded",
                "CPU time limit 2 s exceeded",
                "wall-clock limit 1500 ms exceeded",
                "process limit 64 reached",
                "exited with code 0",
                "open files limit 256 reached",
                "exited with code 253",
                "file size limit 1 GiB exceeded",
            ]
        );
    }

    #[test]
    fn raw_status_decodes() {
        assert_eq!(ChildStatus::from_raw(3 << 8), Some(ChildStatus::Exited(3)));
        assert_eq!(ChildStatus::from_raw(9), Some(ChildStatus::Signaled(9)));
    }
}
