//! The parent's handle on a forked child: its pidfd, signals, reaping with exit status and
//! resource usage.

use std::io::{self, Read};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::time::Duration;

use crate::Pid;
use crate::error::WaitError;
use crate::fork::EXIT_REPORT;
use crate::setup::SetupFailure;

/// How a child ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum ExitStatus {
    /// It called `exit` (or returned) with this code (0..=255).
    Exited(i32),
    /// A signal ended it.
    Signaled {
        /// The signal number.
        signal: i32,
        /// Whether the kernel wrote a core dump.
        core_dumped: bool,
    },
}

impl ExitStatus {
    /// Decodes a `wait` status word.
    pub fn from_wait_status(status: i32) -> Self {
        if libc::WIFSIGNALED(status) {
            ExitStatus::Signaled {
                signal: libc::WTERMSIG(status),
                core_dumped: libc::WCOREDUMP(status),
            }
        } else {
            ExitStatus::Exited(libc::WEXITSTATUS(status))
        }
    }

    /// Exit code 0.
    pub fn success(&self) -> bool {
        *self == ExitStatus::Exited(0)
    }

    /// The status a shell reports: the exit code, or 128 + the signal number.
    pub fn shell_code(&self) -> i32 {
        match *self {
            ExitStatus::Exited(code) => code,
            ExitStatus::Signaled { signal, .. } => 128 + signal,
        }
    }
}

/// What a child used, from `wait4`'s `rusage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct ResourceUsage {
    /// CPU time in user mode.
    pub user_time: Duration,
    /// CPU time in the kernel.
    pub system_time: Duration,
    /// Peak resident set size in bytes. For a forked child this counts the pages it
    /// shares with its parent too (see [`smaps_rollup`](crate::smaps_rollup) for Pss).
    pub max_rss_bytes: u64,
    /// Page faults served without I/O (copy-on-write copies among them).
    pub minor_faults: u64,
    /// Page faults that needed I/O.
    pub major_faults: u64,
}

impl ResourceUsage {
    fn from_rusage(ru: &libc::rusage) -> Self {
        let tv = |t: libc::timeval| {
            Duration::from_secs(t.tv_sec.max(0) as u64)
                + Duration::from_micros(t.tv_usec.max(0) as u64)
        };
        ResourceUsage {
            user_time: tv(ru.ru_utime),
            system_time: tv(ru.ru_stime),
            max_rss_bytes: (ru.ru_maxrss.max(0) as u64) * 1024,
            minor_faults: ru.ru_minflt.max(0) as u64,
            major_faults: ru.ru_majflt.max(0) as u64,
        }
    }
}

/// A reaped child: how it ended and what it used.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ChildExit {
    /// The child's pid (free for reuse now).
    pub pid: Pid,
    /// How it ended.
    pub status: ExitStatus,
    /// Its resource usage (its own, not its children's).
    pub usage: ResourceUsage,
    /// The set-up step that failed, when the child never reached the caller's code.
    pub setup_failure: Option<SetupFailure>,
}

/// A forked child, tracked through a pidfd. Reap it with [`wait`](Self::wait) (or a
/// [`ChildTracker`](crate::ChildTracker)); a handle dropped before its child ended leaves
/// a zombie behind when the child exits (drop makes one non-blocking attempt to reap).
#[derive(Debug)]
pub struct Child {
    pid: Pid,
    pidfd: OwnedFd,
    report: Option<OwnedFd>,
    /// A set-up failure read by [`exit_report`](Self::exit_report) before reaping.
    early_failure: Option<SetupFailure>,
    exit: Option<ChildExit>,
}

impl Child {
    pub(crate) fn new(pid: Pid, pidfd: OwnedFd, report: Option<OwnedFd>) -> Self {
        Child {
            pid,
            pidfd,
            report,
            early_failure: None,
            exit: None,
        }
    }

    /// The child's pid.
    pub fn pid(&self) -> Pid {
        self.pid
    }

    /// The child's pidfd: readable (`poll` `POLLIN`) once the child has ended.
    pub fn pidfd(&self) -> BorrowedFd<'_> {
        self.pidfd.as_fd()
    }

    /// How the child ended, once reaped.
    pub fn exit(&self) -> Option<&ChildExit> {
        self.exit.as_ref()
    }

    /// Sends `signal` through the pidfd (`pidfd_send_signal`), which cannot hit another
    /// process that reused the pid.
    pub fn send_signal(&self, signal: i32) -> Result<(), WaitError> {
        if self.exit.is_some() {
            return Err(WaitError::AlreadyReaped { pid: self.pid });
        }
        // SAFETY: pidfd_send_signal with a null siginfo sends a plain signal.
        let rc = unsafe {
            libc::syscall(
                libc::SYS_pidfd_send_signal,
                self.pidfd.as_raw_fd(),
                signal,
                std::ptr::null::<libc::siginfo_t>(),
                0,
            )
        };
        if rc == -1 {
            return Err(self.error("pidfd_send_signal"));
        }
        Ok(())
    }

    /// Reaps the child if it has ended, without blocking.
    pub fn try_wait(&mut self) -> Result<Option<ChildExit>, WaitError> {
        self.reap(libc::WNOHANG)
    }

    /// Blocks until the child ends, then reaps it.
    pub fn wait(&mut self) -> Result<ChildExit, WaitError> {
        loop {
            if let Some(exit) = self.reap(0)? {
                return Ok(exit);
            }
        }
    }

    fn error(&self, call: &'static str) -> WaitError {
        WaitError::Syscall {
            pid: self.pid,
            call,
            source: io::Error::last_os_error(),
        }
    }

    fn reap(&mut self, flags: i32) -> Result<Option<ChildExit>, WaitError> {
        if let Some(exit) = &self.exit {
            return Ok(Some(exit.clone()));
        }
        let mut status = 0;
        // SAFETY: a zeroed rusage is a valid out-parameter.
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        let rc = loop {
            // SAFETY: wait4 writes into the two live out-parameters. The pid is our
            // unreaped child (we hold it), so it cannot name another process.
            let rc = unsafe { libc::wait4(self.pid, &mut status, flags, &mut ru) };
            if rc == -1 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            break rc;
        };
        if rc == -1 {
            return Err(self.error("wait4"));
        }
        if rc == 0 {
            return Ok(None);
        }
        let exit = ChildExit {
            pid: self.pid,
            status: ExitStatus::from_wait_status(status),
            usage: ResourceUsage::from_rusage(&ru),
            setup_failure: self.read_report(),
        };
        self.exit = Some(exit.clone());
        Ok(Some(exit))
    }

    /// Reads the set-up failure report, if the child wrote one (the pipe is non-blocking
    /// and the child is gone, so this never waits).
    fn read_report(&mut self) -> Option<SetupFailure> {
        if let Some(failure) = self.early_failure.take() {
            return Some(failure);
        }
        let fd = self.report.take()?;
        let mut file = std::fs::File::from(fd);
        let mut buf = [0u8; 1024];
        match file.read(&mut buf) {
            Ok(n) if n > 0 && buf[0] != EXIT_REPORT => SetupFailure::decode(&buf[..n]),
            _ => None,
        }
    }

    /// The child's report pipe while it runs: readable (`poll` `POLLIN`) once the child
    /// is about to exit through [`exit_child`](crate::exit_child) (or failed its set-up, or
    /// ended), then call [`exit_report`](Self::exit_report). `None` once reaped or read.
    pub fn report_fd(&self) -> Option<BorrowedFd<'_>> {
        self.report.as_ref().map(|fd| fd.as_fd())
    }

    /// The exit code the child announced just before `_exit`, read without waiting: the
    /// child has closed its standard fds and is going away, though not yet reaped (its
    /// `wait` status follows through the pidfd). `None` when it announced nothing: it
    /// runs on, or the pipe holds a set-up failure (kept for [`wait`](Self::wait)), or
    /// the child ended without a word. Once this found anything, the report pipe is done
    /// with and [`report_fd`](Self::report_fd) is `None`.
    pub fn exit_report(&mut self) -> Option<i32> {
        let fd = self.report.as_ref()?;
        let mut buf = [0u8; 1024];
        // SAFETY: reads into a live buffer of its length; the pipe is non-blocking. Each
        // report is one write below PIPE_BUF, so one read gets all of it.
        let n = unsafe { libc::read(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 {
            return None;
        }
        self.report = None;
        let got = &buf[..n as usize];
        match got.first() {
            Some(&EXIT_REPORT) if got.len() == 5 => {
                Some(i32::from_le_bytes([got[1], got[2], got[3], got[4]]))
            }
            Some(_) => {
                self.early_failure = SetupFailure::decode(got);
                None
            }
            None => None,
        }
    }
}

impl Drop for Child {
    fn drop(&mut self) {
        if self.exit.is_none() {
            let _ = self.try_wait();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wait_status_decoding() {
        // Exit code 7: status 0x0700.
        assert_eq!(ExitStatus::from_wait_status(7 << 8), ExitStatus::Exited(7));
        // SIGTERM, no core.
        assert_eq!(
            ExitStatus::from_wait_status(libc::SIGTERM),
            ExitStatus::Signaled {
                signal: 15,
                core_dumped: false
            }
        );
        // SIGABRT with the core bit (0x80).
        assert_eq!(
            ExitStatus::from_wait_status(libc::SIGABRT | 0x80),
            ExitStatus::Signaled {
                signal: 6,
                core_dumped: true
            }
        );
        assert_eq!(
            ExitStatus::Signaled {
                signal: 9,
                core_dumped: false
            }
            .shell_code(),
            137
        );
        assert!(ExitStatus::Exited(0).success());
    }
}
