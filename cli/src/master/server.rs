//! The master's one event loop: a single `poll` over a signalfd, the listening socket, the
//! client connections and the children's pidfds. One OS thread, no blocking call but
//! `poll`, so the master can fork at any moment and uses no CPU while idle.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::net::{UnixListener, UnixStream};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use jfork_cloner::{Child, ExitStatus};
use jfork_resctl::{
    Cause, ChildExit, ChildStatus, ControllerConfig, Identity, LimitSpec, ResourceController,
    RunningChild,
};
use nix::errno::Errno;
use nix::sys::signal::{SigSet, SigmaskHow, Signal, sigprocmask};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::socket::{getsockopt, sockopt::PeerCredentials};

use super::MasterOptions;
use super::child::{effective_limits, fork_child};
use super::pool::WarmPool;
use super::startup;
use crate::protocol::{
    ChildReport, ExitReport, FrameReader, MAX_FDS, Memory, Message, RunRequest, StatusReport,
    recv_with_fds,
};
use crate::runner::ProgramRunner;
use crate::socket;

type ConnId = u64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ConnState {
    /// Connected, no request yet.
    New,
    /// Its run request waits for a free slot.
    Queued,
    /// Its child runs.
    Running(i32),
    /// Sent `stop`; stays open until the master exits.
    Stopper,
}

struct Conn {
    id: ConnId,
    stream: UnixStream,
    uid: u32,
    gid: u32,
    reader: FrameReader,
    fds: Vec<OwnedFd>,
    out: Vec<u8>,
    state: ConnState,
    /// Close once `out` is written; read nothing more.
    closing: bool,
    /// Gone: remove at the end of this turn.
    dead: bool,
    /// A new connection must have sent its request by then.
    request_deadline: Instant,
}

/// How long a connection may take to send its request (a stalled or idle client must not
/// hold an fd of the master for ever).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

struct Waiting {
    conn: ConnId,
    /// When the master had read the request (`CLOCK_MONOTONIC` ns).
    received_ns: u64,
    request: RunRequest,
    spec: LimitSpec,
    stdio: [OwnedFd; 3],
    deadline: Instant,
}

struct RunningEntry {
    child: Child,
    /// Taken by `finish` once the child is reaped.
    limits: Option<RunningChild>,
    conn: Option<ConnId>,
    main: String,
    uid: u32,
    started: Instant,
    received_ns: u64,
    /// The child's slot on the start-up board.
    slot: Option<usize>,
}

struct Server<'a> {
    options: &'a MasterOptions,
    runner: &'a dyn ProgramRunner,
    controller: ResourceController,
    listener: Option<UnixListener>,
    socket_inode: Option<u64>,
    signals: SignalFd,
    conns: Vec<Conn>,
    next_id: ConnId,
    queue: VecDeque<Waiting>,
    children: Vec<RunningEntry>,
    board: Option<startup::Board>,
    pool: Option<WarmPool>,
    draining: Option<Instant>,
    killed_all: bool,
    started: Instant,
    preloaded: u64,
    my_uid: u32,
}

/// Serves requests until SIGTERM, SIGINT or `jfork stop`, then drains and returns.
pub(super) fn serve(
    listener: UnixListener,
    options: &MasterOptions,
    runner: &dyn ProgramRunner,
    preloaded: u64,
) -> Result<()> {
    let mut mask = SigSet::empty();
    for s in [Signal::SIGTERM, Signal::SIGINT, Signal::SIGHUP] {
        mask.add(s);
    }
    sigprocmask(SigmaskHow::SIG_BLOCK, Some(&mask), None).context("sigprocmask")?;
    let signals = SignalFd::with_flags(&mask, SfdFlags::SFD_NONBLOCK | SfdFlags::SFD_CLOEXEC)
        .context("signalfd")?;
    listener.set_nonblocking(true).context("listener")?;
    let controller = ResourceController::new(ControllerConfig::default());
    for note in controller.notes() {
        tracing::info!("limits: {note}");
    }
    let mut server = Server {
        options,
        runner,
        controller,
        listener: Some(listener),
        socket_inode: socket::inode(&options.socket),
        signals,
        conns: Vec::new(),
        next_id: 0,
        queue: VecDeque::new(),
        children: Vec::new(),
        board: startup::Board::new(options.max_children),
        pool: WarmPool::new(
            options.pool,
            effective_limits(&options.limit, &LimitSpec::default()),
            runner,
        ),
        draining: None,
        killed_all: false,
        started: Instant::now(),
        preloaded,
        // SAFETY: geteuid has no preconditions.
        my_uid: unsafe { libc::geteuid() },
    };
    server.run();
    socket::remove_if_ours(&options.socket, server.socket_inode);
    tracing::info!("master stopped");
    Ok(())
}

/// What one pollfd slot stands for.
#[derive(Clone, Copy)]
enum Slot {
    Signals,
    Listener,
    Conn(usize),
    Child(usize),
    Report(usize),
}

impl Server<'_> {
    fn run(&mut self) {
        loop {
            if self.draining.is_some() && self.children.is_empty() {
                self.flush_all();
                return;
            }
            // The pool's children: replacements for those handed a request, once no client
            // waits for its child's exit (the answers of the last round went out), or
            // after `pool::REFILL_DELAY` at the latest.
            let answering = self.children.iter().any(|c| c.conn.is_some());
            if self.draining.is_none()
                && let Some(pool) = &mut self.pool
                && pool.fill_due(Instant::now(), answering)
            {
                pool.fill(&self.controller, self.runner);
            }
            let (mut fds, slots) = self.poll_set();
            let timeout = self.next_timeout();
            let ms = timeout.map_or(-1, |t| i32::try_from(t.as_millis() + 1).unwrap_or(i32::MAX));
            // SAFETY: `fds` is a live array of `fds.len()` pollfd structures.
            let rc = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) };
            if rc == -1 && Errno::last() != Errno::EINTR {
                tracing::error!("poll: {}", Errno::last());
                std::thread::sleep(Duration::from_millis(10));
            }
            for (pfd, slot) in fds.iter().zip(&slots) {
                if rc <= 0 || pfd.revents == 0 {
                    continue;
                }
                match *slot {
                    Slot::Signals => self.read_signals(),
                    Slot::Listener => self.accept(),
                    Slot::Conn(i) => self.serve_conn(i, pfd.revents),
                    Slot::Child(i) => self.child_ended(i),
                    Slot::Report(i) => self.child_announced(i),
                }
            }
            self.children.retain(|c| c.child.exit().is_none());
            self.check_deadlines();
            self.start_waiting();
            self.flush_all();
            self.conns.retain(|c| !c.dead);
        }
    }

    fn poll_set(&self) -> (Vec<libc::pollfd>, Vec<Slot>) {
        let mut fds = Vec::new();
        let mut slots = Vec::new();
        let mut add = |fd: i32, events: i16, slot: Slot| {
            fds.push(libc::pollfd {
                fd,
                events,
                revents: 0,
            });
            slots.push(slot);
        };
        add(self.signals.as_raw_fd(), libc::POLLIN, Slot::Signals);
        if let Some(l) = &self.listener {
            add(l.as_raw_fd(), libc::POLLIN, Slot::Listener);
        }
        for (i, c) in self.conns.iter().enumerate() {
            let mut events = if c.closing { 0 } else { libc::POLLIN };
            if !c.out.is_empty() {
                events |= libc::POLLOUT;
            }
            add(c.stream.as_raw_fd(), events, Slot::Conn(i));
        }
        for (i, c) in self.children.iter().enumerate() {
            // The report before the pidfd: a child that has ended has usually announced
            // it too, and its client hears before the master reaps it.
            if c.conn.is_some()
                && let Some(report) = c.child.report_fd()
            {
                add(report.as_raw_fd(), libc::POLLIN, Slot::Report(i));
            }
            add(c.child.pidfd().as_raw_fd(), libc::POLLIN, Slot::Child(i));
        }
        (fds, slots)
    }

    fn next_timeout(&self) -> Option<Duration> {
        let now = Instant::now();
        let deadlines = self
            .children
            .iter()
            .filter_map(|c| c.limits.as_ref()?.deadline())
            .chain(self.queue.iter().map(|w| w.deadline))
            .chain(self.draining.filter(|_| !self.killed_all))
            .chain(self.pool.as_ref().and_then(WarmPool::wake_at))
            .chain(
                self.conns
                    .iter()
                    .filter(|c| c.state == ConnState::New && !c.closing)
                    .map(|c| c.request_deadline),
            );
        deadlines.min().map(|d| d.saturating_duration_since(now))
    }

    fn read_signals(&mut self) {
        while let Ok(Some(info)) = self.signals.read_signal() {
            let signal = info.ssi_signo as i32;
            match signal {
                libc::SIGTERM | libc::SIGINT => {
                    self.begin_drain(&format!("signal {signal}"));
                }
                _ => tracing::info!(signal, "ignored"),
            }
        }
    }

    fn begin_drain(&mut self, why: &str) {
        if self.draining.is_some() {
            return;
        }
        tracing::info!(
            why,
            children = self.children.len(),
            grace_ms = self.options.grace.as_millis() as u64,
            "stopping: no new requests; running children get the grace period"
        );
        self.draining = Some(Instant::now() + self.options.grace);
        self.listener = None;
        // Waiting pool children exit when their socket closes.
        self.pool = None;
        while let Some(w) = self.queue.pop_front() {
            self.refuse(w.conn, "the master is stopping".into());
        }
    }

    fn accept(&mut self) {
        loop {
            let Some(listener) = &self.listener else {
                return;
            };
            let stream = match listener.accept() {
                Ok((s, _)) => s,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    // EMFILE and the like: leave the rest in the backlog for the next turn.
                    tracing::warn!("accept: {e}");
                    return;
                }
            };
            if let Err(e) = stream.set_nonblocking(true) {
                tracing::warn!("set_nonblocking: {e}");
                continue;
            }
            let Ok(cred) = getsockopt(&stream, PeerCredentials) else {
                tracing::warn!("SO_PEERCRED failed; connection dropped");
                continue;
            };
            self.next_id += 1;
            let mut conn = Conn {
                id: self.next_id,
                stream,
                uid: cred.uid(),
                gid: cred.gid(),
                reader: FrameReader::new(),
                fds: Vec::new(),
                out: Vec::new(),
                state: ConnState::New,
                closing: false,
                dead: false,
                request_deadline: Instant::now() + REQUEST_TIMEOUT,
            };
            let allowed =
                cred.uid() == self.my_uid || self.options.allowed_uids.contains(&cred.uid());
            if !allowed {
                tracing::warn!(uid = cred.uid(), pid = cred.pid(), "client uid refused");
                let reason = format!(
                    "uid {} may not use this master (it serves uid {}; see --allow-uid)",
                    cred.uid(),
                    self.my_uid
                );
                conn.out = Message::Refused { reason }.encode();
                conn.closing = true;
            }
            self.conns.push(conn);
        }
    }

    fn serve_conn(&mut self, i: usize, revents: i16) {
        if revents & libc::POLLOUT != 0 {
            self.flush(i);
        }
        if self.conns[i].closing || self.conns[i].dead {
            if revents & (libc::POLLHUP | libc::POLLERR) != 0 {
                self.client_gone(i);
            }
            return;
        }
        if revents & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) == 0 {
            return;
        }
        let mut buf = [0u8; 16 * 1024];
        loop {
            let conn = &mut self.conns[i];
            match recv_with_fds(conn.stream.as_fd(), &mut buf, &mut conn.fds) {
                Ok(0) => {
                    self.client_gone(i);
                    return;
                }
                Ok(n) => conn.reader.push(&buf[..n]),
                Err(Errno::EAGAIN) => break,
                Err(e) => {
                    tracing::debug!("recvmsg: {e}");
                    self.client_gone(i);
                    return;
                }
            }
            if self.conns[i].fds.len() > MAX_FDS {
                let n = self.conns[i].fds.len();
                self.protocol_error(
                    i,
                    format!("{n} fds sent; a request carries at most {MAX_FDS}"),
                );
                return;
            }
            if !self.handle_frames(i) {
                return;
            }
        }
    }

    /// Handles the whole frames read so far; false once the connection is closing.
    fn handle_frames(&mut self, i: usize) -> bool {
        loop {
            let message = match self.conns[i].reader.next_message() {
                Ok(Some(m)) => m,
                Ok(None) => return true,
                Err(e) => {
                    self.protocol_error(i, e.to_string());
                    return false;
                }
            };
            self.handle_message(i, message);
            if self.conns[i].closing || self.conns[i].dead {
                return false;
            }
        }
    }

    fn handle_message(&mut self, i: usize, message: Message) {
        let state = self.conns[i].state;
        match (message, state) {
            (Message::Run(request), ConnState::New) => self.request_run(i, request),
            (Message::Signal(s), ConnState::Running(pid)) => self.forward_signal(pid, s.signal),
            (Message::Signal(s), ConnState::Queued) => {
                let id = self.conns[i].id;
                self.queue.retain(|w| w.conn != id);
                self.refuse(
                    id,
                    format!("cancelled by signal {} while waiting for a slot", s.signal),
                );
            }
            (Message::Status, ConnState::New) => {
                let report = self.status();
                self.send(i, &Message::StatusReply(report));
                self.conns[i].closing = true;
            }
            (Message::Stop, ConnState::New) => {
                self.begin_drain("jfork stop");
                let children = self.children.len();
                self.send(
                    i,
                    &Message::Stopping {
                        pid: std::process::id() as i32,
                        children,
                    },
                );
                self.conns[i].state = ConnState::Stopper;
            }
            (m, _) => {
                let what = format!(
                    "frame kind {} is not expected now (connection state {state:?})",
                    m.kind()
                );
                self.protocol_error(i, what);
            }
        }
    }

    fn request_run(&mut self, i: usize, request: RunRequest) {
        let received_ns = crate::runner::monotonic_ns();
        let id = self.conns[i].id;
        let fds = std::mem::take(&mut self.conns[i].fds);
        let Ok(stdio) = <[OwnedFd; 3]>::try_from(fds) else {
            self.protocol_error(
                i,
                "a run request carries exactly 3 fds (stdin, stdout, stderr) with its frame".into(),
            );
            return;
        };
        if self.draining.is_some() {
            self.refuse(id, "the master is stopping".into());
            return;
        }
        let requested = match request.limit.as_deref().map(jfork_resctl::LimitSpec::parse) {
            None => LimitSpec::default(),
            Some(Ok(spec)) => spec,
            Some(Err(e)) => {
                self.refuse(id, format!("--limit: {e}"));
                return;
            }
        };
        let spec = effective_limits(&self.options.limit, &requested);
        self.conns[i].state = ConnState::Queued;
        self.queue.push_back(Waiting {
            conn: id,
            received_ns,
            request,
            spec,
            stdio,
            deadline: Instant::now() + self.options.queue_wait,
        });
        self.start_waiting();
    }

    /// Forks children for waiting requests while slots are free.
    fn start_waiting(&mut self) {
        while self.children.len() < self.options.max_children {
            let Some(w) = self.queue.pop_front() else {
                return;
            };
            let Some(i) = self.conn_index(w.conn) else {
                continue;
            };
            let (uid, gid) = (self.conns[i].uid, self.conns[i].gid);
            let identity = (uid != self.my_uid).then(|| Identity::new(uid, gid));
            let slot = self.board.as_mut().and_then(startup::Board::before_fork);
            let pooled = match &mut self.pool {
                Some(pool)
                    if identity.is_none()
                        && pool.fits(&w.spec)
                        && !self.runner.needs_fresh_fork(&w.request, uid) =>
                {
                    pool.take(&w.request, slot, &w.stdio)
                }
                _ => None,
            };
            let forked = match pooled {
                Some(taken) => Ok(taken),
                None => fork_child(
                    &self.controller,
                    self.runner,
                    &w.request,
                    uid,
                    &w.spec,
                    identity.as_ref(),
                    &w.stdio,
                ),
            };
            match forked {
                Ok((child, limits)) => {
                    let pid = child.pid();
                    let main = w.request.launch.target().to_string();
                    tracing::info!(pid, uid, main, "child started");
                    self.children.push(RunningEntry {
                        child,
                        limits: Some(limits),
                        conn: Some(w.conn),
                        main,
                        uid,
                        started: Instant::now(),
                        received_ns: w.received_ns,
                        slot,
                    });
                    self.conns[i].state = ConnState::Running(pid);
                    self.send(i, &Message::Accepted { pid });
                }
                Err(reason) => {
                    if let (Some(board), Some(slot)) = (self.board.as_mut(), slot) {
                        board.release(slot);
                    }
                    tracing::warn!("{reason}");
                    self.refuse(w.conn, reason);
                }
            }
            // The parent's copies of the client's fds close here.
        }
    }

    fn forward_signal(&mut self, pid: i32, signal: i32) {
        let Some(entry) = self.children.iter().find(|c| c.child.pid() == pid) else {
            return;
        };
        if entry.child.exit().is_some() || !(1..=64).contains(&signal) {
            return;
        }
        // To the child's process group, as a terminal would; the child itself if it has not
        // made its group yet. Unreaped, so neither id can have been reused.
        // SAFETY: kill has no memory effects.
        if unsafe { libc::kill(-pid, signal) } == -1 {
            let _ = entry.child.send_signal(signal);
        }
        tracing::debug!(pid, signal, "signal forwarded");
    }

    fn child_ended(&mut self, i: usize) {
        let entry = &mut self.children[i];
        // Anything the child left behind (its process group, its cgroups) dies with it,
        // while the zombie still holds the ids.
        if let Some(limits) = &mut entry.limits {
            limits.kill_tree();
        }
        let exit = match entry.child.try_wait() {
            Ok(Some(exit)) => exit,
            Ok(None) => return,
            Err(e) => {
                tracing::error!("reaping {}: {e}", entry.child.pid());
                return;
            }
        };
        let Some(entry) = self.children.get_mut(i) else {
            return;
        };
        let status = match exit.status {
            ExitStatus::Exited(code) => ChildStatus::Exited(code),
            ExitStatus::Signaled { signal, .. } => ChildStatus::Signaled(signal),
        };
        let cpu = exit.usage.user_time + exit.usage.system_time;
        // When it entered `main`, counted from the master reading its request.
        let to_main_us = match (self.board.as_mut(), entry.slot.take()) {
            (Some(board), Some(slot)) => board.release(slot).map(|at| {
                let ns = at.saturating_sub(entry.received_ns);
                board.record(ns);
                ns / 1000
            }),
            _ => None,
        };
        let verdict = entry.limits.take().map(|limits| {
            limits.finish(&ChildExit {
                status,
                cpu_time: Some(cpu),
            })
        });
        let (cause, limit) = match (&exit.setup_failure, verdict) {
            (Some(failure), _) => (format!("child set-up failed: {failure}"), false),
            (None, Some(v)) => (v.cause.to_string(), v.cause.is_limit()),
            (None, None) => (format!("{:?}", exit.status), false),
        };
        let report = ExitReport {
            code: exit.status.shell_code(),
            signal: match exit.status {
                ExitStatus::Signaled { signal, .. } => Some(signal),
                ExitStatus::Exited(_) => None,
            },
            cause,
            limit,
        };
        tracing::info!(
            pid = exit.pid,
            code = report.code,
            cpu_us = cpu.as_micros() as u64,
            to_main_us,
            cause = %report.cause,
            "child ended"
        );
        if let Some(id) = entry.conn {
            self.answer_exit(id, report);
        }
    }

    /// The child announced its exit code on its way out (`jfork_cloner::exit_child`, after
    /// closing its stdio): its client hears now, not after the kernel has torn down the
    /// child's copy of the master's memory; `child_ended` cleans up once it is reaped.
    fn child_announced(&mut self, i: usize) {
        let entry = &mut self.children[i];
        let Some(code) = entry.child.exit_report() else {
            return;
        };
        // What `_exit(code)` leaves in the wait status.
        let status = ExitStatus::Exited(code & 0xff);
        let cause = match &mut entry.limits {
            Some(limits) => {
                limits.cause_now(&ChildExit::from_status(ChildStatus::Exited(code & 0xff)))
            }
            None => Cause::Exited(code & 0xff),
        };
        let report = ExitReport {
            code: status.shell_code(),
            signal: None,
            cause: cause.to_string(),
            limit: cause.is_limit(),
        };
        tracing::debug!(pid = entry.child.pid(), code, "child announced its exit");
        if let Some(id) = entry.conn.take() {
            self.answer_exit(id, report);
        }
    }

    /// Sends a child's exit to its client, whose connection then closes.
    fn answer_exit(&mut self, id: ConnId, report: ExitReport) {
        if let Some(ci) = self.conn_index(id) {
            self.send(ci, &Message::Exit(report));
            self.conns[ci].closing = true;
        }
    }

    /// The client hung up (or broke): a running child is killed, a waiting request dropped.
    fn client_gone(&mut self, i: usize) {
        self.conns[i].dead = true;
        self.abandon_request(i);
    }

    /// The client will not see its child's end: kill the child, or drop the waiting request.
    fn abandon_request(&mut self, i: usize) {
        let conn = &self.conns[i];
        let id = conn.id;
        match conn.state {
            ConnState::Running(pid) => {
                if let Some(entry) = self
                    .children
                    .iter_mut()
                    .find(|c| c.child.pid() == pid && c.child.exit().is_none())
                {
                    tracing::info!(pid, "client gone: killing its child");
                    entry.conn = None;
                    if let Some(limits) = &mut entry.limits {
                        limits.kill_tree();
                    }
                }
            }
            ConnState::Queued => self.queue.retain(|w| w.conn != id),
            ConnState::New | ConnState::Stopper => {}
        }
    }

    fn check_deadlines(&mut self) {
        let now = Instant::now();
        for i in 0..self.conns.len() {
            let c = &self.conns[i];
            if c.state == ConnState::New && !c.closing && !c.dead && c.request_deadline <= now {
                let message = format!("no request within {} s", REQUEST_TIMEOUT.as_secs());
                self.protocol_error(i, message);
            }
        }
        for entry in &mut self.children {
            if let Some(limits) = &mut entry.limits
                && limits.enforce_deadline()
            {
                tracing::debug!(pid = entry.child.pid(), "wall-clock limit");
            }
        }
        let now = Instant::now();
        while self.queue.front().is_some_and(|w| w.deadline <= now) {
            if let Some(w) = self.queue.pop_front() {
                let reason = format!(
                    "{} children are running (--max-children {}); no slot freed within {} ms",
                    self.children.len(),
                    self.options.max_children,
                    self.options.queue_wait.as_millis()
                );
                self.refuse(w.conn, reason);
            }
        }
        if let Some(deadline) = self.draining
            && !self.killed_all
            && now >= deadline
        {
            tracing::warn!(
                children = self.children.len(),
                "grace period over: killing the remaining children"
            );
            self.killed_all = true;
            for limits in self.children.iter_mut().filter_map(|c| c.limits.as_mut()) {
                limits.kill_tree();
            }
        }
    }

    fn refuse(&mut self, id: ConnId, reason: String) {
        if let Some(i) = self.conn_index(id) {
            self.send(i, &Message::Refused { reason });
            self.conns[i].closing = true;
        }
    }

    fn protocol_error(&mut self, i: usize, message: String) {
        tracing::warn!(uid = self.conns[i].uid, "protocol error: {message}");
        self.send(i, &Message::Error { message });
        self.conns[i].closing = true;
        self.conns[i].fds.clear();
        // A child already running for this client is killed: its client broke the protocol.
        self.abandon_request(i);
    }

    fn conn_index(&self, id: ConnId) -> Option<usize> {
        self.conns.iter().position(|c| c.id == id && !c.dead)
    }

    fn send(&mut self, i: usize, message: &Message) {
        self.conns[i].out.extend_from_slice(&message.encode());
        self.flush(i);
    }

    fn flush(&mut self, i: usize) {
        let conn = &mut self.conns[i];
        while !conn.out.is_empty() && !conn.dead {
            match conn.stream.write(&conn.out) {
                Ok(n) => {
                    conn.out.drain(..n);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => {
                    self.client_gone(i);
                    return;
                }
            }
        }
        let conn = &mut self.conns[i];
        if conn.out.is_empty() && conn.closing {
            conn.dead = true;
        }
    }

    fn flush_all(&mut self) {
        for i in 0..self.conns.len() {
            if !self.conns[i].out.is_empty() || self.conns[i].closing {
                self.flush(i);
            }
        }
    }

    fn status(&self) -> StatusReport {
        let now = Instant::now();
        let children = self
            .children
            .iter()
            .filter(|c| c.child.exit().is_none())
            .map(|c| {
                let pid = c.child.pid();
                ChildReport {
                    pid,
                    main: c.main.clone(),
                    client_uid: c.uid,
                    age_ms: now.duration_since(c.started).as_millis() as u64,
                    cpu_ms: cpu_ms(pid).unwrap_or(0),
                    memory: memory(pid),
                }
            })
            .collect();
        StatusReport {
            pid: std::process::id() as i32,
            uptime_ms: now.duration_since(self.started).as_millis() as u64,
            preloaded_classes: self.preloaded,
            memory: memory(std::process::id() as i32),
            max_children: self.options.max_children,
            queued: self.queue.len(),
            draining: self.draining.is_some(),
            runner: self.runner.name().to_string(),
            startup: self
                .board
                .as_ref()
                .map(startup::Board::stats)
                .unwrap_or_default(),
            children,
        }
    }
}

fn memory(pid: i32) -> Option<Memory> {
    jfork_cloner::smaps_rollup(pid).ok().map(|m| Memory {
        rss: m.rss,
        pss: m.pss,
        private_dirty: m.private_dirty,
    })
}

/// User plus system CPU time of a live process, from `/proc/PID/stat`.
fn cpu_ms(pid: i32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may contain spaces) start at field 3.
    let rest = stat.get(stat.rfind(')')? + 1..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    Some(ticks * 1000 / hz)
}
