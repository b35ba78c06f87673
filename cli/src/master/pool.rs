//! `jfork master --pool N`: children forked ahead of requests, so that a request skips the
//! fork (and the child's set-up) on its way to `main`.
//!
//! A pool child is forked with the limits of a request that asks for none (the master's
//! `--limit`): born in its own cgroup, its rlimits applied, then it blocks on a socket. A
//! request with exactly those limits, from the master's own uid, that the runner can serve
//! on the inherited runtime (not cold) takes a waiting child: the master sends it the
//! request, its start-up slot and the client's stdin, stdout and stderr; the child installs
//! them, names itself and runs the program as a freshly forked child would. Any other
//! request is forked for itself.
//!
//! The master forks a replacement when no client waits for an answer, or at the latest
//! [`REFILL_DELAY`] after a child was taken (see `Server::run`): a fork of the master is
//! half a millisecond of its time, and spent while a child runs it delays relaying that
//! child's exit to its client.

use std::os::fd::{AsFd, IntoRawFd, OwnedFd};
use std::time::{Duration, Instant};

use jfork_cloner::{Child, Pid, Pool, PoolConfig, PoolRequest, Stdio, install_stdio};
use jfork_resctl::{LimitSpec, PreparedChild, ResourceController, RunningChild};
use serde::{Deserialize, Serialize};

use super::child::{limited_options, run_program};
use super::startup;
use crate::protocol::{MAX_PAYLOAD, RunRequest};
use crate::runner::ProgramRunner;

/// How long a replacement may wait for the clients in flight to be answered.
pub(super) const REFILL_DELAY: Duration = Duration::from_millis(10);

/// How long the pool waits after a failed fork before trying again.
const RETRY_DELAY: Duration = Duration::from_secs(1);

/// What a pool child receives with the client's three fds.
#[derive(Serialize, Deserialize)]
struct Handoff {
    request: RunRequest,
    /// Its slot on the start-up board.
    slot: Option<usize>,
}

/// The master's pool.
pub(super) struct WarmPool {
    pool: Pool,
    /// The limits each waiting child was prepared with, by pid.
    prepared: Vec<(Pid, PreparedChild)>,
    size: usize,
    /// The limits a pool child has: those of a request that asks for none.
    spec: LimitSpec,
    /// When the pool, short while clients wait for answers, forks anyway.
    due: Option<Instant>,
    /// No fork before this, after one failed.
    retry_at: Option<Instant>,
}

impl WarmPool {
    /// A pool of `size` children (`None` for 0) running `runner`'s programs with limits
    /// `spec`; it forks them with [`fill`](Self::fill).
    pub(super) fn new(size: usize, spec: LimitSpec, runner: &dyn ProgramRunner) -> Option<Self> {
        if size == 0 {
            return None;
        }
        // SAFETY: the runner outlives the pool: both belong to the master's serving phase,
        // and the pool (with its task) is dropped when `serve` returns, before the runner.
        // The task runs only in pool children, copies of this process.
        let runner: &'static dyn ProgramRunner = unsafe { std::mem::transmute(runner) };
        let config = PoolConfig {
            size: 0,
            max_payload: MAX_PAYLOAD,
            ahead: Some(std::rc::Rc::new(move || {
                fault_in_shared_reads();
                runner.warm_pool_child();
            })),
            ..PoolConfig::default()
        };
        let pool = Pool::new(config, move |handoff| serve_request(runner, handoff)).ok()?;
        Some(WarmPool {
            pool,
            prepared: Vec::new(),
            size,
            spec,
            due: None,
            retry_at: None,
        })
    }

    /// Whether a request with limits `spec` can take a pool child.
    pub(super) fn fits(&self, spec: &LimitSpec) -> bool {
        *spec == self.spec && self.pool.ready() > 0
    }

    /// Whether the pool should fork now: it is short, no failed fork is too recent, and
    /// either no client waits for an answer (`answering` is false) or the pool has been
    /// short for [`REFILL_DELAY`].
    pub(super) fn fill_due(&mut self, now: Instant, answering: bool) -> bool {
        if self.pool.ready() >= self.size {
            self.due = None;
            return false;
        }
        if self.retry_at.is_some_and(|at| now < at) {
            return false;
        }
        !answering || *self.due.get_or_insert(now + REFILL_DELAY) <= now
    }

    /// When the master must wake to fill the pool, if it is short.
    pub(super) fn wake_at(&self) -> Option<Instant> {
        if self.pool.ready() >= self.size {
            return None;
        }
        match (self.retry_at, self.due) {
            (Some(retry), Some(due)) => Some(retry.max(due)),
            (retry, due) => retry.or(due),
        }
    }

    /// Forks children until `size` wait; a failure is logged and ends the attempt for
    /// [`RETRY_DELAY`] (the requests then fork for themselves).
    pub(super) fn fill(&mut self, controller: &ResourceController, runner: &dyn ProgramRunner) {
        self.due = None;
        self.retry_at = None;
        let failed = |pool: &mut Self| pool.retry_at = Some(Instant::now() + RETRY_DELAY);
        while self.pool.ready() < self.size {
            let (options, prepared) = match limited_options(controller, &self.spec, None) {
                Ok(x) => x,
                Err(e) => {
                    tracing::warn!("pool: {e}");
                    failed(self);
                    return;
                }
            };
            runner.before_pool_fork();
            match self.pool.add(&options.name("jfork: (pool)")) {
                Ok(pid) => {
                    tracing::debug!(pid, "pool child ready");
                    self.prepared.push((pid, prepared));
                }
                Err(e) => {
                    tracing::warn!("pool: cannot fork: {e}");
                    failed(self);
                    return;
                }
            }
        }
    }

    /// Hands `request` to a waiting child; `None` if none could take it (the caller forks).
    pub(super) fn take(
        &mut self,
        request: &RunRequest,
        slot: Option<usize>,
        stdio: &[OwnedFd; 3],
    ) -> Option<(Child, RunningChild)> {
        let payload = serde_json::to_vec(&Handoff {
            request: request.clone(),
            slot,
        })
        .ok()?;
        let fds = [stdio[0].as_fd(), stdio[1].as_fd(), stdio[2].as_fd()];
        let child = match self.pool.dispatch(&payload, &fds) {
            Ok(Some(child)) => child,
            Ok(None) => return None,
            Err(e) => {
                tracing::warn!("pool: {e}");
                return None;
            }
        };
        // Children that died waiting were reaped by `dispatch`: their limits go too.
        let waiting = self.pool.ready_pids();
        let pid = child.pid();
        let mut taken = None;
        self.prepared
            .retain_mut(|(p, _)| *p == pid || waiting.contains(p));
        if let Some(i) = self.prepared.iter().position(|(p, _)| *p == pid) {
            taken = Some(self.prepared.swap_remove(i).1);
        }
        match taken {
            Some(prepared) => Some((child, prepared.started(pid))),
            None => {
                // Not one of ours (cannot happen: every child added has its limits): it
                // must not run the request too, since the caller now forks for it.
                let mut child = child;
                let _ = child.send_signal(libc::SIGKILL);
                let _ = child.wait();
                tracing::error!(pid, "pool: a child without prepared limits was killed");
                None
            }
        }
    }
}

/// A pool child's side once handed a request: the client's stdio, its name, its start-up
/// slot, then what a freshly forked child does.
fn serve_request(runner: &dyn ProgramRunner, handoff: PoolRequest) -> i32 {
    let Ok(Handoff { request, slot }) = serde_json::from_slice::<Handoff>(&handoff.payload) else {
        return jfork_cloner::SETUP_FAILED_EXIT_CODE;
    };
    let [stdin, stdout, stderr] = match <[OwnedFd; 3]>::try_from(handoff.fds) {
        Ok(fds) => fds,
        Err(_) => return jfork_cloner::SETUP_FAILED_EXIT_CODE,
    };
    let fds = [stdin, stdout, stderr].map(IntoRawFd::into_raw_fd);
    let installed = install_stdio(fds.map(Stdio::Fd));
    for fd in fds {
        if fd > 2 {
            // SAFETY: the received copy, installed on 0, 1 or 2 now; nothing else owns it.
            unsafe { libc::close(fd) };
        }
    }
    if installed.is_err() {
        return jfork_cloner::SETUP_FAILED_EXIT_CODE;
    }
    let _ = jfork_cloner::set_process_name(&format!("jfork: {}", request.launch.target()));
    startup::set_current(slot);
    run_program(runner, &request)
}

/// A pool child's work while it waits: fault in the read-only file pages every request
/// reads, the executable's code and the JDK image's index, so that the request does not
/// take those faults (`fork` leaves such pages unmapped in the child; measured: a Hello
/// child's faults 164 -> 113, its request -> `run_program` 71 -> 30 us). Best effort; the
/// pages are the page cache's, so the child's private memory does not grow.
fn fault_in_shared_reads() {
    let Ok(mappings) = jfork_cloner::mappings() else {
        return;
    };
    let exe = std::fs::read_link("/proc/self/exe").ok();
    let exe = exe.as_deref().map(std::path::Path::to_string_lossy);
    for m in mappings {
        let len = if m.writable() || m.perms[0] != b'r' {
            continue;
        } else if exe.as_deref() == Some(m.path.as_str()) {
            m.len()
        } else if m.path.ends_with("/lib/modules") && m.offset == 0 {
            // SAFETY: the mapping is this process's and readable (the master reads its
            // classes from it); its first bytes are the image's header.
            let file = unsafe { std::slice::from_raw_parts(m.start as *const u8, m.len()) };
            match jfork_preloader::JImage::index_len(file) {
                Some(len) => len.min(m.len()),
                None => continue,
            }
        } else {
            continue;
        };
        // SAFETY: `m.start..m.start + len` lies inside one of this process's mappings.
        let _ = unsafe { jfork_cloner::fault_in_for_read(m.start, len) };
    }
}
