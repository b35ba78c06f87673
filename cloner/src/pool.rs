//! A pre-forked pool: children forked ahead of demand that wait for a request, so a
//! request taken from the pool skips `fork` on its path.

use std::collections::VecDeque;
use std::fmt;
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;
use std::time::{Duration, Instant};

use crate::Pid;
use crate::child::Child;
use crate::error::PoolError;
use crate::fork::{Forked, PANIC_EXIT_CODE, exit_child, fork};
use crate::options::ForkOptions;

/// The most fds one request may pass to a pool child.
pub const MAX_POOL_FDS: usize = 16;

/// Marks a request message, so an empty payload is not mistaken for end-of-file.
const GO: u8 = b'G';

/// Work a pool child does ahead of its request; see [`PoolConfig::ahead`].
pub type PoolAhead = Rc<dyn Fn()>;

/// How a [`Pool`] behaves.
#[derive(Clone)]
pub struct PoolConfig {
    /// How many children to keep ready; 0 turns the pool off (the default).
    pub size: usize,
    /// How long after the last hand-off to wait before forking replacements, so that
    /// refills do not compete with a burst of requests.
    pub refill_delay: Duration,
    /// The largest request payload in bytes.
    pub max_payload: usize,
    /// How pool children are set up when forked (before any request is known).
    pub options: ForkOptions,
    /// Work a pool child does ahead of its request, once set up and before it waits (say,
    /// faulting in pages every request reads, off the request's path). A request handed
    /// over meanwhile waits until it is done.
    pub ahead: Option<PoolAhead>,
}

impl std::fmt::Debug for PoolConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PoolConfig")
            .field("size", &self.size)
            .field("refill_delay", &self.refill_delay)
            .field("max_payload", &self.max_payload)
            .field("options", &self.options)
            .field("ahead", &self.ahead.is_some())
            .finish()
    }
}

impl Default for PoolConfig {
    fn default() -> Self {
        PoolConfig {
            size: 0,
            refill_delay: Duration::from_millis(100),
            max_payload: 64 * 1024,
            options: ForkOptions::default(),
            ahead: None,
        }
    }
}

/// What a pool child receives when it is handed a request.
#[derive(Debug)]
pub struct PoolRequest {
    /// The bytes the parent passed to [`Pool::dispatch`].
    pub payload: Vec<u8>,
    /// The fds the parent passed, now the child's own (close-on-exec set).
    pub fds: Vec<OwnedFd>,
}

/// The function a pool child runs once handed a request; its return value is the
/// child's exit code.
pub type PoolTask = Rc<dyn Fn(PoolRequest) -> i32>;

struct Waiting {
    child: Child,
    socket: OwnedFd,
}

/// Children forked ahead that each block on a socket until handed one request.
///
/// Single-threaded by design, like the fork server that owns it: nothing happens in the
/// background. Call [`refill`](Self::refill) from the server's loop, with
/// [`refill_due`](Self::refill_due) as a poll deadline.
pub struct Pool {
    config: PoolConfig,
    task: PoolTask,
    ready: VecDeque<Waiting>,
    refill_at: Option<Instant>,
}

impl fmt::Debug for Pool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pool")
            .field("config", &self.config)
            .field("ready", &self.ready_pids())
            .field("refill_at", &self.refill_at)
            .finish()
    }
}

fn syscall_error(call: &'static str) -> PoolError {
    PoolError::Syscall {
        call,
        source: io::Error::last_os_error(),
    }
}

impl Pool {
    /// Creates the pool and forks `config.size` children now.
    pub fn new(
        config: PoolConfig,
        task: impl Fn(PoolRequest) -> i32 + 'static,
    ) -> Result<Self, PoolError> {
        let mut pool = Pool {
            config,
            task: Rc::new(task),
            ready: VecDeque::new(),
            refill_at: None,
        };
        while pool.ready.len() < pool.config.size {
            pool.fork_one()?;
        }
        Ok(pool)
    }

    /// How many children wait for a request.
    pub fn ready(&self) -> usize {
        self.ready.len()
    }

    /// The pids of the waiting children, oldest first.
    pub fn ready_pids(&self) -> Vec<Pid> {
        self.ready.iter().map(|w| w.child.pid()).collect()
    }

    /// When [`refill`](Self::refill) will next fork, if the pool is short.
    pub fn refill_due(&self) -> Option<Instant> {
        self.refill_at
    }

    /// Hands `payload` and `fds` to a waiting child and returns it, now running the pool's
    /// task; `Ok(None)` when no child waits (the caller forks as usual). The caller keeps
    /// its `fds`; the child receives duplicates.
    pub fn dispatch(
        &mut self,
        payload: &[u8],
        fds: &[BorrowedFd<'_>],
    ) -> Result<Option<Child>, PoolError> {
        if payload.len() > self.config.max_payload {
            return Err(PoolError::PayloadTooLarge {
                len: payload.len(),
                max: self.config.max_payload,
            });
        }
        if fds.len() > MAX_POOL_FDS {
            return Err(PoolError::TooManyFds {
                count: fds.len(),
                max: MAX_POOL_FDS,
            });
        }
        let raw: Vec<RawFd> = fds.iter().map(|f| f.as_raw_fd()).collect();
        let mut message = Vec::with_capacity(payload.len() + 1);
        message.push(GO);
        message.extend_from_slice(payload);
        while let Some(waiting) = self.ready.pop_front() {
            self.refill_at = Some(Instant::now() + self.config.refill_delay);
            match send_request(waiting.socket.as_raw_fd(), &message, &raw) {
                Ok(()) => return Ok(Some(waiting.child)),
                Err(e) if matches!(e.raw_os_error(), Some(libc::EPIPE | libc::ECONNRESET)) => {
                    // It died while waiting: reap it and try the next one.
                    let mut child = waiting.child;
                    let _ = child.send_signal(libc::SIGKILL);
                    child.wait()?;
                }
                Err(source) => {
                    return Err(PoolError::Syscall {
                        call: "sendmsg",
                        source,
                    });
                }
            }
        }
        Ok(None)
    }

    /// Forks replacements for handed-off children once the refill delay has passed since
    /// the last hand-off (`now` is usually `Instant::now()`). Returns how many it forked.
    pub fn refill(&mut self, now: Instant) -> Result<usize, PoolError> {
        match self.refill_at {
            Some(at) if at <= now => {}
            _ => return Ok(0),
        }
        let mut forked = 0;
        while self.ready.len() < self.config.size {
            self.fork_one()?;
            forked += 1;
        }
        self.refill_at = None;
        Ok(forked)
    }

    fn fork_one(&mut self) -> Result<(), PoolError> {
        let options = self.config.options.clone();
        self.add(&options).map(|_| ())
    }

    /// Forks one more waiting child set up with `options` instead of the pool's own (a
    /// child with set-up of its own, such as its own cgroup), whatever the pool's size;
    /// returns its pid.
    pub fn add(&mut self, options: &ForkOptions) -> Result<Pid, PoolError> {
        let mut sv = [0; 2];
        // SAFETY: socketpair writes two fds into the array.
        let rc = unsafe {
            libc::socketpair(
                libc::AF_UNIX,
                libc::SOCK_SEQPACKET | libc::SOCK_CLOEXEC,
                0,
                sv.as_mut_ptr(),
            )
        };
        if rc == -1 {
            return Err(syscall_error("socketpair"));
        }
        // SAFETY: socketpair returned two new fds that nothing else owns.
        let (parent_end, child_end) =
            unsafe { (OwnedFd::from_raw_fd(sv[0]), OwnedFd::from_raw_fd(sv[1])) };
        let options = options.clone().keep_fd(child_end.as_raw_fd());
        // SAFETY: in the child, control goes to `serve_one`, which never returns, so no
        // object of the parent's is used or dropped there.
        match unsafe { fork(&options) }? {
            Forked::Parent(child) => {
                drop(child_end);
                let pid = child.pid();
                self.ready.push_back(Waiting {
                    child,
                    socket: parent_end,
                });
                Ok(pid)
            }
            Forked::Child => {
                // The set-up closed the parent's end already.
                std::mem::forget(parent_end);
                if let Some(ahead) = &self.config.ahead {
                    ahead();
                }
                serve_one(child_end, self.config.max_payload, &self.task)
            }
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        // Closing its socket tells a waiting child to exit; then reap it.
        for waiting in self.ready.drain(..) {
            let Waiting { mut child, socket } = waiting;
            drop(socket);
            let _ = child.wait();
        }
    }
}

/// A pool child's life: wait for one request, run the task, exit.
fn serve_one(socket: OwnedFd, max_payload: usize, task: &PoolTask) -> ! {
    match receive_request(socket.as_raw_fd(), max_payload) {
        Ok(Some(request)) => {
            drop(socket);
            let code = catch_unwind(AssertUnwindSafe(|| task(request))).unwrap_or(PANIC_EXIT_CODE);
            exit_child(code)
        }
        // The pool was dropped or its master died.
        Ok(None) => exit_child(0),
        Err(e) => {
            eprintln!("pool child: receiving a request failed: {e}");
            exit_child(crate::SETUP_FAILED_EXIT_CODE)
        }
    }
}

const CMSG_BUF: usize = 512;

fn send_request(socket: RawFd, message: &[u8], fds: &[RawFd]) -> io::Result<()> {
    let mut iov = libc::iovec {
        iov_base: message.as_ptr() as *mut libc::c_void,
        iov_len: message.len(),
    };
    let mut cmsg_buf = [0u64; CMSG_BUF / 8];
    // SAFETY: a zeroed msghdr is valid; every pointer set below refers to a live buffer
    // of the stated length, and the control message fits in `cmsg_buf` (16 fds).
    unsafe {
        let mut msg: libc::msghdr = std::mem::zeroed();
        msg.msg_iov = &mut iov;
        msg.msg_iovlen = 1;
        if !fds.is_empty() {
            let bytes = std::mem::size_of_val(fds) as u32;
            msg.msg_control = cmsg_buf.as_mut_ptr().cast();
            msg.msg_controllen = libc::CMSG_SPACE(bytes) as usize;
            let cmsg = libc::CMSG_FIRSTHDR(&msg);
            (*cmsg).cmsg_level = libc::SOL_SOCKET;
            (*cmsg).cmsg_type = libc::SCM_RIGHTS;
            (*cmsg).cmsg_len = libc::CMSG_LEN(bytes) as usize;
            std::ptr::copy_nonoverlapping(
                fds.as_ptr(),
                libc::CMSG_DATA(cmsg).cast::<RawFd>(),
                fds.len(),
            );
        }
        loop {
            if libc::sendmsg(socket, &msg, libc::MSG_NOSIGNAL) != -1 {
                return Ok(());
            }
            let err = io::Error::last_os_error();
            if err.kind() != io::ErrorKind::Interrupted {
                return Err(err);
            }
        }
    }
}

fn receive_request(socket: RawFd, max_payload: usize) -> io::Result<Option<PoolRequest>> {
    let mut buf = vec![0u8; max_payload + 1];
    let mut iov = libc::iovec {
        iov_base: buf.as_mut_ptr().cast(),
        iov_len: buf.len(),
    };
    let mut cmsg_buf = [0u64; CMSG_BUF / 8];
    // SAFETY: a zeroed msghdr is valid; its pointers refer to live buffers of the stated
    // lengths; control messages are walked with the CMSG macros within msg_controllen.
    unsafe {
        let mut msg: libc::msghdr = std::mem::zeroed();
        msg.msg_iov = &mut iov;
        msg.msg_iovlen = 1;
        msg.msg_control = cmsg_buf.as_mut_ptr().cast();
        msg.msg_controllen = CMSG_BUF;
        let n = loop {
            let n = libc::recvmsg(socket, &mut msg, libc::MSG_CMSG_CLOEXEC);
            if n == -1 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            break n;
        };
        if n == -1 {
            return Err(io::Error::last_os_error());
        }
        let mut fds = Vec::new();
        let mut cmsg = libc::CMSG_FIRSTHDR(&msg);
        while !cmsg.is_null() {
            if (*cmsg).cmsg_level == libc::SOL_SOCKET && (*cmsg).cmsg_type == libc::SCM_RIGHTS {
                let data = libc::CMSG_DATA(cmsg).cast::<RawFd>();
                let len = ((*cmsg).cmsg_len - libc::CMSG_LEN(0) as usize) / size_of::<RawFd>();
                for i in 0..len {
                    fds.push(OwnedFd::from_raw_fd(data.add(i).read_unaligned()));
                }
            }
            cmsg = libc::CMSG_NXTHDR(&msg, cmsg);
        }
        if n == 0 {
            return Ok(None);
        }
        if msg.msg_flags & (libc::MSG_TRUNC | libc::MSG_CTRUNC) != 0 || buf[0] != GO {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "request of {n} bytes is truncated or not a request (max payload {max_payload})"
                ),
            ));
        }
        buf.truncate(n as usize);
        buf.remove(0);
        Ok(Some(PoolRequest { payload: buf, fds }))
    }
}
