//! `fork` with the checks a fork server needs: one OS thread, flushed output, every signal
//! blocked across the call, and the child's set-up run before the caller's code.

use std::io::{self, Write};
use std::os::fd::{AsRawFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicI32, Ordering};

use crate::Pid;
use crate::child::Child;
use crate::error::ForkError;
use crate::options::ForkOptions;
use crate::setup::{self, ChildContext};

/// The exit code of a child whose set-up failed; the parent learns which step from
/// [`ChildExit::setup_failure`](crate::ChildExit::setup_failure).
pub const SETUP_FAILED_EXIT_CODE: i32 = 125;

/// The exit code of a [`spawn`]ed child whose function panicked.
pub const PANIC_EXIT_CODE: i32 = 101;

/// Which side of a fork the caller is on.
#[derive(Debug)]
pub enum Forked {
    /// The parent, holding the new child.
    Parent(Child),
    /// The child, with its set-up done.
    Child,
}

/// How many OS threads the calling process has, from `/proc/self/task`.
pub fn os_thread_count() -> io::Result<usize> {
    // Raw getdents64 into a stack buffer: this runs before every fork, and allocating
    // would write pages the last child shared.
    // SAFETY: the path is a NUL-terminated literal.
    let fd = unsafe {
        libc::open(
            c"/proc/self/task".as_ptr(),
            libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC,
        )
    };
    if fd == -1 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `fd` was opened just above and nothing else owns it.
    let dir = unsafe { OwnedFd::from_raw_fd(fd) };
    let mut buf = [0u64; 256];
    let mut count = 0;
    loop {
        // SAFETY: getdents64 writes at most the buffer's size into it.
        let n = unsafe {
            libc::syscall(
                libc::SYS_getdents64,
                dir.as_raw_fd(),
                buf.as_mut_ptr(),
                std::mem::size_of_val(&buf),
            )
        };
        if n < 0 {
            return Err(io::Error::last_os_error());
        }
        if n == 0 {
            break;
        }
        let bytes = &buf[..] as *const [u64] as *const u8;
        let mut off = 0usize;
        while off < n as usize {
            // struct linux_dirent64: d_ino u64, d_off i64, d_reclen u16, d_type u8, d_name.
            // SAFETY: the kernel wrote `n` bytes of whole records; each record is 8-byte
            // aligned and at least 20 bytes long.
            let (reclen, first) = unsafe {
                let rec = bytes.add(off);
                (rec.add(16).cast::<u16>().read_unaligned(), *rec.add(19))
            };
            if first != b'.' {
                count += 1;
            }
            if reclen == 0 {
                break;
            }
            off += reclen as usize;
        }
    }
    Ok(count)
}

/// Flushes what a child would otherwise flush a second time: Rust's stdout buffer and the
/// C library's `FILE` buffers. stderr is unbuffered.
fn flush_output() {
    // A failed flush (a closed pipe) must not stop the fork; the data is lost either way.
    let _ = io::stdout().flush();
    // SAFETY: fflush(NULL) flushes every C stdio stream; no pointers are passed.
    unsafe { libc::fflush(std::ptr::null_mut()) };
}

fn block_all_signals() -> Result<libc::sigset_t, ForkError> {
    // SAFETY: both sets are initialised (sigfillset, then by pthread_sigmask) before use.
    unsafe {
        let mut all: libc::sigset_t = std::mem::zeroed();
        let mut old: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut all);
        let rc = libc::pthread_sigmask(libc::SIG_SETMASK, &all, &mut old);
        if rc != 0 {
            return Err(ForkError::Syscall {
                call: "pthread_sigmask",
                source: io::Error::from_raw_os_error(rc),
            });
        }
        Ok(old)
    }
}

fn restore_signals(old: &libc::sigset_t) {
    // SAFETY: `old` came from pthread_sigmask.
    unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, old, std::ptr::null_mut()) };
}

/// `struct clone_args` of `clone3(2)` (the fields up to `cgroup`, Linux 5.7).
#[repr(C)]
#[derive(Default)]
struct CloneArgs {
    flags: u64,
    pidfd: u64,
    child_tid: u64,
    parent_tid: u64,
    exit_signal: u64,
    stack: u64,
    stack_size: u64,
    tls: u64,
    set_tid: u64,
    set_tid_size: u64,
    cgroup: u64,
}

const CLONE_INTO_CGROUP: u64 = 0x2_0000_0000;
/// `prctl(PR_GET_TID_ADDRESS)`: where the kernel writes this thread's id.
const PR_GET_TID_ADDRESS: libc::c_int = 40;

/// Forks as `fork()` does, with the child born in the cgroup v2 directory open as `dir`
/// (`clone3` with `CLONE_INTO_CGROUP`). `None` when this kernel cannot: no `clone3`, no
/// `CLONE_INTO_CGROUP`, or no `PR_GET_TID_ADDRESS`; the caller then forks as usual. An
/// error of the fork itself comes back as `Some(-1)` with `errno` set, as from `fork()`.
///
/// Like glibc's `fork()`, the child's thread id is written where the C library keeps it
/// (the address `set_tid_address` gave the kernel at thread start, which
/// `PR_GET_TID_ADDRESS` reads back), so the child's `raise`, `abort` and mutexes see their
/// own thread. Unlike it, no `pthread_atfork` handler runs: with one thread and every
/// signal blocked, no lock is held across the call, and jfork registers no handler.
///
/// # Safety
/// As for `fork()`: the process has one thread, and the caller treats the child as
/// [`fork`] documents.
unsafe fn clone_into(dir: RawFd) -> Option<Pid> {
    let mut tid_address: *mut libc::c_int = std::ptr::null_mut();
    // SAFETY: PR_GET_TID_ADDRESS writes one pointer into the out-parameter.
    if unsafe {
        libc::prctl(
            PR_GET_TID_ADDRESS,
            &mut tid_address as *mut *mut libc::c_int,
        )
    } != 0
        || tid_address.is_null()
    {
        return None;
    }
    let args = CloneArgs {
        flags: (libc::CLONE_CHILD_SETTID | libc::CLONE_CHILD_CLEARTID) as u64 | CLONE_INTO_CGROUP,
        child_tid: tid_address as u64,
        exit_signal: libc::SIGCHLD as u64,
        cgroup: dir as u64,
        ..CloneArgs::default()
    };
    // SAFETY: clone3 with no new stack and no CLONE_VM forks the process, as fork() does;
    // `args` is a live clone_args of the size passed.
    let pid = unsafe {
        libc::syscall(
            libc::SYS_clone3,
            &args as *const CloneArgs,
            std::mem::size_of::<CloneArgs>(),
        )
    };
    if pid == -1 {
        let errno = io::Error::last_os_error().raw_os_error();
        // Not supported here (or not for this group): fork as usual, join afterwards.
        if matches!(
            errno,
            Some(libc::ENOSYS | libc::E2BIG | libc::EINVAL | libc::EOPNOTSUPP | libc::EBADF)
        ) {
            return None;
        }
    }
    Some(pid as Pid)
}

/// `pidfd_open(2)`: an fd that refers to the child itself, immune to pid reuse.
pub(crate) fn pidfd_open(pid: Pid) -> io::Result<OwnedFd> {
    // SAFETY: pidfd_open takes a pid and flags, no pointers.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: the kernel returned a new fd that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(fd as i32) })
}

/// Forks the calling process and sets the child up as `options` say (see [`ForkOptions`]
/// for the steps and their order).
///
/// Refuses with [`ForkError::MultipleThreads`] unless exactly one OS thread exists. The
/// parent gets [`Forked::Parent`] with the child's handle; the child gets
/// [`Forked::Child`] once its set-up succeeded (a failed step ends the child with
/// [`SETUP_FAILED_EXIT_CODE`] and is reported to the parent).
///
/// Prefer [`spawn`], which never returns into the caller's code in the child.
///
/// # Safety
/// In the child the caller runs on a copy of the parent's state whose fds were closed
/// except the kept ones. It must not use or drop objects owning fds that were not kept
/// (the numbers may be reused by the child's own new fds), and must end the child with
/// [`exit_child`] rather than returning into code that belongs to the parent.
pub unsafe fn fork(options: &ForkOptions) -> Result<Forked, ForkError> {
    let threads = os_thread_count().map_err(ForkError::ThreadCount)?;
    if threads != 1 {
        return Err(ForkError::MultipleThreads { count: threads });
    }
    options.validate()?;
    if options.name.is_some() {
        // Read now so that the child does not need to.
        let _ = setup::argv_area();
    }
    flush_output();

    // The report pipe: written by the child only when a set-up step fails, read by the
    // parent after reaping, so the parent never waits for the child's set-up.
    let mut fds = [0; 2];
    // SAFETY: pipe2 writes two fds into the array.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC | libc::O_NONBLOCK) } == -1 {
        return Err(ForkError::last_os("pipe2"));
    }
    // SAFETY: pipe2 returned two new fds that nothing else owns.
    let (report_read, report_write) =
        unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };

    // SAFETY: getpid has no memory effects.
    let parent_pid = unsafe { libc::getpid() };
    let parent_mask = block_all_signals()?;
    // SAFETY: the process has one thread (checked above), so the child's copy of every
    // lock and allocator is consistent; every signal is blocked, so no handler runs in
    // either process before it is ready.
    let (pid, born_in_cgroup) = match options.cgroup.and_then(|dir| unsafe { clone_into(dir) }) {
        Some(pid) => (pid, true),
        // SAFETY: as above.
        None => (unsafe { libc::fork() }, false),
    };
    if pid == -1 {
        let err = ForkError::last_os("fork");
        restore_signals(&parent_mask);
        return Err(err);
    }
    if pid == 0 {
        drop(report_read);
        let ctx = ChildContext {
            options,
            parent_pid,
            report_fd: report_write.as_raw_fd(),
            parent_mask,
            born_in_cgroup,
        };
        match setup::apply(&ctx) {
            Ok(()) => {
                // Kept for the exit report (`exit_child`); close-on-exec, so a program
                // the child executes does not inherit it.
                REPORT_FD.store(report_write.into_raw_fd(), Ordering::Relaxed);
                return Ok(Forked::Child);
            }
            Err(failure) => {
                let msg = failure.encode();
                // SAFETY: writes from a live buffer to the report pipe's write end.
                unsafe { libc::write(report_write.as_raw_fd(), msg.as_ptr().cast(), msg.len()) };
                // SAFETY: _exit ends the child without running the parent's exit handlers.
                unsafe { libc::_exit(SETUP_FAILED_EXIT_CODE) };
            }
        }
    }
    restore_signals(&parent_mask);
    drop(report_write);
    match pidfd_open(pid) {
        Ok(pidfd) => Ok(Forked::Parent(Child::new(pid, pidfd, Some(report_read)))),
        Err(source) => {
            // Without a handle the child cannot be tracked: end it now, leave no zombie.
            // SAFETY: `pid` is our unreaped child, so the pid cannot have been reused.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
                libc::waitpid(pid, std::ptr::null_mut(), 0);
            }
            Err(ForkError::Syscall {
                call: "pidfd_open",
                source,
            })
        }
    }
}

/// Forks, sets the child up as `options` say, runs `run` in the child and ends the child
/// with its return value as exit code ([`PANIC_EXIT_CODE`] if it panics). The parent gets
/// the child's handle.
///
/// `run` must use only fds that were kept ([`ForkOptions::keep_fd`], stdio): values it
/// captures by move are dropped when it returns, so it should capture fd owners of the
/// parent by reference unless their fds are kept.
pub fn spawn<F: FnOnce() -> i32>(options: &ForkOptions, run: F) -> Result<Child, ForkError> {
    // SAFETY: in the child, control never returns to the caller: `run` runs and the child
    // ends with _exit, so nothing of the parent's is dropped.
    match unsafe { fork(options) }? {
        Forked::Parent(child) => Ok(child),
        Forked::Child => {
            let code = catch_unwind(AssertUnwindSafe(run)).unwrap_or(PANIC_EXIT_CODE);
            exit_child(code)
        }
    }
}

/// In a forked child, the write end of its report pipe once the set-up succeeded.
static REPORT_FD: AtomicI32 = AtomicI32::new(-1);

/// In a forked child (of [`fork`] or [`spawn`]), the fd that will carry its exit report
/// to the parent (see [`exit_child`]): one of the child's open fds until it exits, beside
/// the stdio and the kept ones.
pub fn exit_report_fd() -> Option<RawFd> {
    let fd = REPORT_FD.load(Ordering::Relaxed);
    (fd >= 0).then_some(fd)
}

/// First byte of the exit report, distinct from every [`SetupStep`](crate::SetupStep).
pub(crate) const EXIT_REPORT: u8 = 0xe0;

/// Ends a forked child: flushes its output and calls `_exit`, skipping the exit handlers
/// and destructors that belong to the parent.
///
/// In a child of [`fork`] or [`spawn`], it first closes fds 0, 1 and 2 and tells the
/// parent the exit code ([`Child::exit_report`](crate::Child::exit_report)), so that the
/// parent can pass it on, and readers of the child's output see end-of-file, while the
/// kernel still tears the process down (for a child of a large parent that takes longer
/// than the program's own exit).
///
/// While it reports, the child runs as `SCHED_IDLE` when it may return to its policy
/// afterwards ([`may_leave_idle`]): the parent, woken by the report, then takes the child's
/// CPU at once instead of waiting behind it or waking an idle one (measured: `jfork run
/// Hello` 3.9 -> 3.3 ms median beside `java` on a 2-core VM, where an idle CPU takes
/// ~0.1 ms to wake). The teardown runs at the child's own policy again.
pub fn exit_child(code: i32) -> ! {
    flush_output();
    let report = REPORT_FD.swap(-1, Ordering::Relaxed);
    if report >= 0 {
        let mut message = [EXIT_REPORT, 0, 0, 0, 0];
        message[1..].copy_from_slice(&code.to_le_bytes());
        // SAFETY: closes this process's standard fds (flushed above; nothing uses them
        // after this).
        unsafe {
            for fd in 0..3 {
                libc::close(fd);
            }
        }
        let idle = SCHED_NORMAL_PARAM;
        // SAFETY: sched_getscheduler and sched_setscheduler act on this thread; the
        // parameter block is live.
        let lowered = may_leave_idle()
            && unsafe {
                libc::sched_getscheduler(0) == libc::SCHED_OTHER
                    && libc::sched_setscheduler(0, libc::SCHED_IDLE, &idle) == 0
            };
        // SAFETY: writes a live buffer to the report pipe.
        unsafe { libc::write(report, message.as_ptr().cast(), message.len()) };
        if lowered {
            // SAFETY: as above; `may_leave_idle` said the kernel allows it.
            unsafe { libc::sched_setscheduler(0, libc::SCHED_OTHER, &idle) };
        }
    }
    // SAFETY: _exit never returns and has no preconditions.
    unsafe { libc::_exit(code) }
}

/// The parameter block of `SCHED_OTHER` and `SCHED_IDLE` (no static priority).
const SCHED_NORMAL_PARAM: libc::sched_param = libc::sched_param { sched_priority: 0 };

/// `_LINUX_CAPABILITY_VERSION_3` for `capget`: two 32-bit words per set.
const CAPABILITY_VERSION_3: u32 = 0x2008_0522;

/// The capability that lets a thread raise its scheduling priority.
const CAP_SYS_NICE: u32 = 23;

/// Whether this thread, once `SCHED_IDLE`, may return to `SCHED_OTHER` at its nice value:
/// the kernel allows it with `CAP_SYS_NICE`, or when `RLIMIT_NICE` admits the nice value
/// (`20 - nice <= limit`). A child that could not return would tear down at idle priority,
/// which a loaded machine may starve.
fn may_leave_idle() -> bool {
    #[repr(C)]
    struct Header {
        version: u32,
        pid: i32,
    }
    #[repr(C)]
    #[derive(Clone, Copy, Default)]
    struct Data {
        effective: u32,
        permitted: u32,
        inheritable: u32,
    }
    let mut header = Header {
        version: CAPABILITY_VERSION_3,
        pid: 0,
    };
    let mut data = [Data::default(); 2];
    // SAFETY: capget fills the header and two data blocks, all live.
    let rc = unsafe { libc::syscall(libc::SYS_capget, &mut header, data.as_mut_ptr()) };
    if rc == 0 && data[0].effective & (1 << CAP_SYS_NICE) != 0 {
        return true;
    }
    // SAFETY: getpriority reads this process's nice value; errno tells -1 from failure,
    // and a failure reads as the lowest nice value, which no limit admits.
    let nice = unsafe {
        *libc::__errno_location() = 0;
        let nice = libc::getpriority(libc::PRIO_PROCESS, 0);
        if nice == -1 && *libc::__errno_location() != 0 {
            return false;
        }
        nice
    };
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit fills a live struct.
    if unsafe { libc::getrlimit(libc::RLIMIT_NICE, &mut limit) } != 0 {
        return false;
    }
    (20 - i64::from(nice)) as u64 <= limit.rlim_cur
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn may_leave_idle_matches_the_kernel() {
        // Ask the kernel on a thread of our own: lower it, then try to return.
        let answer = std::thread::spawn(|| {
            let predicted = may_leave_idle();
            let param = SCHED_NORMAL_PARAM;
            // SAFETY: these act on this short-lived thread only.
            let lowered = unsafe { libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) } == 0;
            let returned = unsafe { libc::sched_setscheduler(0, libc::SCHED_OTHER, &param) } == 0;
            (predicted, lowered, returned)
        })
        .join()
        .expect("thread");
        assert!(answer.1, "SCHED_IDLE is always allowed");
        assert_eq!(answer.0, answer.2);
    }

    #[test]
    fn may_leave_idle_without_cap_sys_nice() {
        // Capabilities are per thread: drop CAP_SYS_NICE from this one's effective set, so
        // only RLIMIT_NICE decides (as for a master that is not root).
        let answer = std::thread::spawn(|| {
            let mut header = [CAPABILITY_VERSION_3, 0];
            let mut data = [0u32; 6];
            // SAFETY: capget and capset read and write live buffers of the v3 layout.
            unsafe {
                libc::syscall(libc::SYS_capget, header.as_mut_ptr(), data.as_mut_ptr());
                data[0] &= !(1 << CAP_SYS_NICE);
                libc::syscall(libc::SYS_capset, header.as_mut_ptr(), data.as_ptr());
            }
            let predicted = may_leave_idle();
            let param = SCHED_NORMAL_PARAM;
            // SAFETY: these act on this short-lived thread only.
            unsafe { libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) };
            let returned = unsafe { libc::sched_setscheduler(0, libc::SCHED_OTHER, &param) } == 0;
            (predicted, returned)
        })
        .join()
        .expect("thread");
        assert_eq!(answer.0, answer.1);
    }

    #[test]
    fn counts_libtest_threads() {
        // libtest runs this on a thread of its own: at least that one and main.
        assert!(os_thread_count().unwrap() >= 2);
    }

    #[test]
    fn refuses_to_fork_under_libtest() {
        // SAFETY: refused before forking, as more than one thread exists.
        let result = unsafe { fork(&ForkOptions::new()) };
        assert!(matches!(result, Err(ForkError::MultipleThreads { count }) if count >= 2));
    }
}
