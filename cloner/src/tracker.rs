//! Many children at once: wait on their pidfds together and reap whichever ended.

use std::os::fd::{AsRawFd, BorrowedFd};
use std::time::Duration;

use crate::Pid;
use crate::child::{Child, ChildExit};
use crate::error::WaitError;

/// The children of a fork server. Their pidfds can join the server's own `poll` set
/// ([`pidfds`](Self::pidfds)); [`reap`](Self::reap) collects every child that has ended,
/// so none stays a zombie.
#[derive(Debug, Default)]
pub struct ChildTracker {
    children: Vec<Child>,
}

impl ChildTracker {
    /// An empty tracker.
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts tracking `child`; returns its pid.
    pub fn insert(&mut self, child: Child) -> Pid {
        let pid = child.pid();
        self.children.push(child);
        pid
    }

    /// How many children are tracked (running, or ended and not yet reaped).
    pub fn len(&self) -> usize {
        self.children.len()
    }

    /// No child is tracked.
    pub fn is_empty(&self) -> bool {
        self.children.is_empty()
    }

    /// The tracked child with this pid.
    pub fn get(&self, pid: Pid) -> Option<&Child> {
        self.children.iter().find(|c| c.pid() == pid)
    }

    /// The pids of the tracked children.
    pub fn pids(&self) -> impl Iterator<Item = Pid> + '_ {
        self.children.iter().map(Child::pid)
    }

    /// The pidfds of the tracked children, for a caller's own event loop.
    pub fn pidfds(&self) -> impl Iterator<Item = (Pid, BorrowedFd<'_>)> + '_ {
        self.children.iter().map(|c| (c.pid(), c.pidfd()))
    }

    /// Sends `signal` to every tracked child; returns the first error, after trying all.
    pub fn signal_all(&self, signal: i32) -> Result<(), WaitError> {
        let mut first = None;
        for child in &self.children {
            if let Err(e) = child.send_signal(signal) {
                first.get_or_insert(e);
            }
        }
        first.map_or(Ok(()), Err)
    }

    /// Waits up to `timeout` (`None`: until one ends) for a child to end, then reaps every
    /// child that has ended and stops tracking them. Returns an empty list on timeout, on
    /// an interrupting signal, or when no child is tracked.
    pub fn reap(&mut self, timeout: Option<Duration>) -> Result<Vec<ChildExit>, WaitError> {
        if self.children.is_empty() {
            return Ok(Vec::new());
        }
        let mut fds: Vec<libc::pollfd> = self
            .children
            .iter()
            .map(|c| libc::pollfd {
                fd: c.pidfd().as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            })
            .collect();
        let ms = timeout.map_or(-1, |t| t.as_millis().min(i32::MAX as u128) as i32);
        // SAFETY: `fds` is a live array of `fds.len()` pollfd structures.
        let rc = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) };
        if rc <= 0 {
            return Ok(Vec::new());
        }
        let mut exits = Vec::new();
        // Backwards, so that swap_remove only moves children already looked at.
        for i in (0..fds.len()).rev() {
            if fds[i].revents != 0
                && let Some(exit) = self.children[i].try_wait()?
            {
                exits.push(exit);
                self.children.swap_remove(i);
            }
        }
        Ok(exits)
    }

    /// Reaps every child that has already ended, without blocking.
    pub fn try_reap(&mut self) -> Result<Vec<ChildExit>, WaitError> {
        self.reap(Some(Duration::ZERO))
    }
}
