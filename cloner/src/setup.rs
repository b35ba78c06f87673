//! The child's side of a fork: the set-up steps of [`ForkOptions`], in their fixed order,
//! and the report of a failed step to the parent.

use std::fmt;
use std::io;
use std::os::fd::RawFd;
use std::sync::OnceLock;

use crate::options::{CopyMode, ForkOptions, Session, Stdio};
use crate::{Pid, eager};

/// One step of the child's set-up, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[repr(u8)]
pub enum SetupStep {
    /// Making the parent's writable memory private ([`CopyMode::Eager`]).
    EagerCopy = 1,
    /// `setsid` or `setpgid`.
    Session = 2,
    /// `PR_SET_PDEATHSIG` and the check that the parent is still alive.
    ParentDeathSignal = 3,
    /// Default dispositions and the signal mask.
    Signals = 4,
    /// Closing inherited fds.
    CloseFds = 5,
    /// Installing fds 0, 1 and 2.
    Stdio = 6,
    /// `PR_SET_NAME` and the argv area.
    ProcessName = 7,
    /// The caller's hook.
    Hook = 8,
    /// Joining the [`cgroup`](crate::ForkOptions::cgroup) (only where the child could not
    /// be born in it).
    Cgroup = 9,
}

impl SetupStep {
    fn from_u8(v: u8) -> Option<Self> {
        Some(match v {
            1 => SetupStep::EagerCopy,
            2 => SetupStep::Session,
            3 => SetupStep::ParentDeathSignal,
            4 => SetupStep::Signals,
            5 => SetupStep::CloseFds,
            6 => SetupStep::Stdio,
            7 => SetupStep::ProcessName,
            8 => SetupStep::Hook,
            9 => SetupStep::Cgroup,
            _ => return None,
        })
    }
}

/// A set-up step that failed in the child, as reported to the parent.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SetupFailure {
    /// The step that failed.
    pub step: SetupStep,
    /// The OS error number, when a system call failed.
    pub errno: Option<i32>,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for SetupFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "child set-up step {:?} failed: {}",
            self.step, self.message
        )?;
        if let Some(errno) = self.errno {
            write!(f, " ({})", io::Error::from_raw_os_error(errno))?;
        }
        Ok(())
    }
}

/// Messages fit one pipe write (atomic below `PIPE_BUF`).
const MAX_REPORT: usize = 512;

impl SetupFailure {
    fn os(step: SetupStep, what: impl Into<String>) -> Self {
        let err = io::Error::last_os_error();
        SetupFailure {
            step,
            errno: err.raw_os_error(),
            message: what.into(),
        }
    }

    fn from_io(step: SetupStep, what: &str, err: &io::Error) -> Self {
        SetupFailure {
            step,
            errno: err.raw_os_error(),
            message: what.to_string(),
        }
    }

    /// `[step u8][has errno u8][errno i32 le][message]`.
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut buf = Vec::with_capacity(MAX_REPORT);
        buf.push(self.step as u8);
        buf.push(u8::from(self.errno.is_some()));
        buf.extend_from_slice(&self.errno.unwrap_or(0).to_le_bytes());
        let room = MAX_REPORT - buf.len();
        let mut msg = self.message.as_bytes();
        if msg.len() > room {
            msg = &msg[..room];
        }
        buf.extend_from_slice(msg);
        buf
    }

    pub(crate) fn decode(bytes: &[u8]) -> Option<Self> {
        if bytes.len() < 6 {
            return None;
        }
        let step = SetupStep::from_u8(bytes[0])?;
        let errno = i32::from_le_bytes([bytes[2], bytes[3], bytes[4], bytes[5]]);
        Some(SetupFailure {
            step,
            errno: (bytes[1] != 0).then_some(errno),
            message: String::from_utf8_lossy(&bytes[6..]).into_owned(),
        })
    }
}

/// What the child needs besides the options, prepared by the parent before `fork`.
pub(crate) struct ChildContext<'a> {
    pub options: &'a ForkOptions,
    pub parent_pid: Pid,
    pub report_fd: RawFd,
    /// The signal mask the parent had before blocking everything for the fork.
    pub parent_mask: libc::sigset_t,
    /// Whether the child was born in the options' cgroup (else it joins it first).
    pub born_in_cgroup: bool,
}

/// Runs every set-up step in order. Runs in the freshly forked child, with every signal
/// blocked.
pub(crate) fn apply(ctx: &ChildContext<'_>) -> Result<(), SetupFailure> {
    let opts = ctx.options;
    if let Some(dir) = opts.cgroup
        && !ctx.born_in_cgroup
    {
        join_cgroup(dir)?;
    }
    if opts.copy_mode == CopyMode::Eager {
        eager::make_private_now()
            .map_err(|e| SetupFailure::from_io(SetupStep::EagerCopy, "eager copy", &e))?;
    }
    enter_session(opts.session)?;
    if let Some(sig) = opts.parent_death_signal {
        set_parent_death_signal(sig, ctx.parent_pid)?;
    }
    set_signals(opts.reset_signals, &ctx.parent_mask)?;
    // Every page the child writes costs a copy, so this path does not allocate.
    let mut inline = [-1 as RawFd; INLINE_KEEP];
    let mut spilled;
    let wanted = 7 + opts.keep_fds.len();
    let keep: &mut [RawFd] = if wanted <= INLINE_KEEP {
        &mut inline[..]
    } else {
        spilled = vec![-1 as RawFd; wanted];
        &mut spilled[..]
    };
    keep[..4].copy_from_slice(&[0, 1, 2, ctx.report_fd]);
    for (slot, s) in opts.stdio.iter().enumerate() {
        if let Stdio::Fd(fd) = s {
            keep[4 + slot] = *fd;
        }
    }
    keep[7..7 + opts.keep_fds.len()].copy_from_slice(&opts.keep_fds);
    close_fds_except(keep)
        .map_err(|e| SetupFailure::from_io(SetupStep::CloseFds, "closing inherited fds", &e))?;
    if opts.stdio.iter().any(|s| *s != Stdio::Inherit) {
        install_stdio(opts.stdio)
            .map_err(|e| SetupFailure::from_io(SetupStep::Stdio, "installing stdio fds", &e))?;
        for s in opts.stdio {
            if let Stdio::Fd(fd) = s
                && fd > 2
                && !opts.keep_fds.contains(&fd)
            {
                // SAFETY: `fd` was only kept open to be installed; nothing in the child
                // owns it. A source used for two slots gives a harmless EBADF the second
                // time.
                unsafe { libc::close(fd) };
            }
        }
    }
    if let Some(name) = &opts.name {
        set_process_name(name).map_err(|e| {
            SetupFailure::from_io(SetupStep::ProcessName, "setting the process name", &e)
        })?;
    }
    if let Some(hook) = &opts.hook {
        hook().map_err(|message| SetupFailure {
            step: SetupStep::Hook,
            errno: None,
            message,
        })?;
    }
    Ok(())
}

/// Moves the calling process into the cgroup v2 directory open as `dir`.
fn join_cgroup(dir: RawFd) -> Result<(), SetupFailure> {
    // SAFETY: openat reads a NUL-terminated path relative to a directory fd.
    let fd = unsafe {
        libc::openat(
            dir,
            c"cgroup.procs".as_ptr(),
            libc::O_WRONLY | libc::O_CLOEXEC,
        )
    };
    if fd == -1 {
        return Err(SetupFailure::os(SetupStep::Cgroup, "opening cgroup.procs"));
    }
    // SAFETY: writes one byte from a static buffer to the fd just opened.
    let written = unsafe { libc::write(fd, b"0".as_ptr().cast(), 1) };
    let failure = (written != 1).then(|| SetupFailure::os(SetupStep::Cgroup, "joining the cgroup"));
    // SAFETY: closes the fd opened above.
    unsafe { libc::close(fd) };
    failure.map_or(Ok(()), Err)
}

fn enter_session(session: Session) -> Result<(), SetupFailure> {
    match session {
        Session::Inherit => Ok(()),
        Session::NewSession => {
            // SAFETY: setsid has no memory effects.
            if unsafe { libc::setsid() } == -1 {
                return Err(SetupFailure::os(SetupStep::Session, "setsid"));
            }
            Ok(())
        }
        Session::NewProcessGroup => {
            // SAFETY: setpgid has no memory effects.
            if unsafe { libc::setpgid(0, 0) } == -1 {
                return Err(SetupFailure::os(SetupStep::Session, "setpgid(0, 0)"));
            }
            Ok(())
        }
    }
}

fn set_parent_death_signal(sig: i32, parent_pid: Pid) -> Result<(), SetupFailure> {
    // SAFETY: PR_SET_PDEATHSIG takes a signal number and no pointers.
    if unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, sig as libc::c_ulong, 0, 0, 0) } == -1 {
        return Err(SetupFailure::os(
            SetupStep::ParentDeathSignal,
            format!("prctl(PR_SET_PDEATHSIG, {sig})"),
        ));
    }
    // The parent may have died between fork and prctl: then we were re-parented and the
    // signal will never come, so deliver it ourselves.
    // SAFETY: getppid has no memory effects.
    if unsafe { libc::getppid() } != parent_pid {
        // SAFETY: a zeroed sigaction with SIG_DFL is a valid argument; the set is
        // initialised by sigemptyset before use.
        unsafe {
            let mut act: libc::sigaction = std::mem::zeroed();
            act.sa_sigaction = libc::SIG_DFL;
            libc::sigaction(sig, &act, std::ptr::null_mut());
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::sigaddset(&mut set, sig);
            libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
            libc::raise(sig);
        }
        return Err(SetupFailure {
            step: SetupStep::ParentDeathSignal,
            errno: None,
            message: format!("parent {parent_pid} died before PR_SET_PDEATHSIG took effect"),
        });
    }
    Ok(())
}

fn set_signals(reset: bool, parent_mask: &libc::sigset_t) -> Result<(), SetupFailure> {
    if reset {
        for sig in 1..=libc::SIGRTMAX() {
            if sig == libc::SIGKILL || sig == libc::SIGSTOP {
                continue;
            }
            if (32..libc::SIGRTMIN()).contains(&sig) {
                // The C library reserves these for itself and refuses to change them.
                reset_reserved_if_ignored(sig);
                continue;
            }
            // SAFETY: a zeroed sigaction with SIG_DFL is valid.
            unsafe {
                let mut act: libc::sigaction = std::mem::zeroed();
                act.sa_sigaction = libc::SIG_DFL;
                libc::sigaction(sig, &act, std::ptr::null_mut());
            }
        }
    }
    // SAFETY: the set is initialised by sigemptyset before use.
    let rc = unsafe {
        let mut empty: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut empty);
        let mask = if reset { &empty } else { parent_mask };
        libc::pthread_sigmask(libc::SIG_SETMASK, mask, std::ptr::null_mut())
    };
    if rc != 0 {
        return Err(SetupFailure {
            step: SetupStep::Signals,
            errno: Some(rc),
            message: "pthread_sigmask".to_string(),
        });
    }
    Ok(())
}

/// The kernel's `struct sigaction` (asm-generic layout, with `sa_restorer`).
#[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
#[repr(C)]
struct KernelSigaction {
    handler: usize,
    flags: libc::c_ulong,
    restorer: usize,
    mask: u64,
}

/// A signal the C library reserves (its thread cancellation and set*id broadcast) may
/// still arrive ignored from whoever exec'd us; reset that to the default, but leave a
/// handler the C library installed alone.
#[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
fn reset_reserved_if_ignored(sig: i32) {
    let mut old = KernelSigaction {
        handler: 0,
        flags: 0,
        restorer: 0,
        mask: 0,
    };
    // SAFETY: rt_sigaction with a null new action only writes the old one into `old`,
    // a live struct of the kernel's layout; the size is that of the kernel's sigset.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_rt_sigaction,
            sig,
            std::ptr::null::<KernelSigaction>(),
            &mut old,
            8,
        )
    };
    if rc == 0 && old.handler == libc::SIG_IGN {
        let dfl = KernelSigaction {
            handler: libc::SIG_DFL,
            flags: 0,
            restorer: 0,
            mask: 0,
        };
        // SAFETY: SIG_DFL needs no restorer; `dfl` is a live struct of the kernel's layout.
        unsafe {
            libc::syscall(
                libc::SYS_rt_sigaction,
                sig,
                &dfl,
                std::ptr::null_mut::<KernelSigaction>(),
                8,
            )
        };
    }
}

#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
fn reset_reserved_if_ignored(_sig: i32) {}

/// How many fds the child's keep-list holds without allocating.
const INLINE_KEEP: usize = 32;

/// Closes every fd of the process except those in `keep` (sorted in place; negative
/// entries are ignored).
pub(crate) fn close_fds_except(keep: &mut [RawFd]) -> io::Result<()> {
    keep.sort_unstable();
    let mut next: u32 = 0;
    for &fd in keep.iter() {
        if fd < 0 || (fd as u32) < next {
            continue;
        }
        let fd = fd as u32;
        if fd > next {
            close_range(next, fd - 1, keep)?;
        }
        next = fd + 1;
    }
    close_range(next, u32::MAX, keep)
}

fn close_range(first: u32, last: u32, keep: &[RawFd]) -> io::Result<()> {
    // SAFETY: close_range only closes descriptors; whatever owned them in the parent's
    // code is not used again in the child unless its fd was kept.
    if unsafe { libc::close_range(first, last, 0) } == -1 {
        let err = io::Error::last_os_error();
        if err.raw_os_error() == Some(libc::ENOSYS) {
            return close_fds_by_listing(keep);
        }
        return Err(err);
    }
    Ok(())
}

/// The fallback for kernels before 5.9: list `/proc/self/fd`, close what is not kept.
fn close_fds_by_listing(keep: &[RawFd]) -> io::Result<()> {
    let fds: Vec<RawFd> = std::fs::read_dir("/proc/self/fd")?
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    for fd in fds {
        if keep.binary_search(&fd).is_err() {
            // SAFETY: as in close_fds_except; the listing's own fd is already closed and
            // gives a harmless EBADF.
            unsafe { libc::close(fd) };
        }
    }
    Ok(())
}

/// Installs fds 0, 1 and 2 of the calling process from `stdio` (`dup2`); a source fd that
/// sits in another stdio slot is handled (e.g. stdin and stdout swapped). Source fds above
/// 2 stay open. Exposed for pool children, which receive their stdio with the request.
pub fn install_stdio(stdio: [Stdio; 3]) -> io::Result<()> {
    let mut sources: [RawFd; 3] = [-1; 3];
    let mut temps = Vec::new();
    for (slot, s) in stdio.iter().enumerate() {
        if let Stdio::Fd(fd) = *s {
            if (0..=2).contains(&fd) && fd != slot as RawFd {
                // SAFETY: F_DUPFD_CLOEXEC duplicates a descriptor; no memory effects.
                let t = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 3) };
                if t == -1 {
                    return Err(io::Error::last_os_error());
                }
                temps.push(t);
                sources[slot] = t;
            } else {
                sources[slot] = fd;
            }
        }
    }
    let result = (|| {
        for (slot, s) in stdio.iter().enumerate() {
            let slot_fd = slot as RawFd;
            match *s {
                Stdio::Inherit => {}
                Stdio::Null => {
                    // SAFETY: the path is a NUL-terminated literal.
                    let fd = unsafe { libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) };
                    if fd == -1 {
                        return Err(io::Error::last_os_error());
                    }
                    if fd != slot_fd {
                        dup2(fd, slot_fd)?;
                        // SAFETY: `fd` was opened just above and is owned here.
                        unsafe { libc::close(fd) };
                    }
                }
                Stdio::Fd(_) => {
                    let src = sources[slot];
                    if src == slot_fd {
                        // dup2 onto itself would leave FD_CLOEXEC set.
                        // SAFETY: fcntl(F_SETFD) has no memory effects.
                        if unsafe { libc::fcntl(src, libc::F_SETFD, 0) } == -1 {
                            return Err(io::Error::last_os_error());
                        }
                    } else {
                        dup2(src, slot_fd)?;
                    }
                }
            }
        }
        Ok(())
    })();
    for t in temps {
        // SAFETY: the temporaries were created above and are owned here.
        unsafe { libc::close(t) };
    }
    result
}

fn dup2(src: RawFd, dst: RawFd) -> io::Result<()> {
    loop {
        // SAFETY: dup2 replaces `dst`, which is a stdio slot that this code owns.
        if unsafe { libc::dup2(src, dst) } != -1 {
            return Ok(());
        }
        let err = io::Error::last_os_error();
        if err.kind() != io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
}

/// The argument strings' memory (`arg_start`..`arg_end` of `/proc/self/stat`), which is what
/// `/proc/<pid>/cmdline` and so `ps` show.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ArgvArea {
    start: usize,
    end: usize,
}

static ARGV_AREA: OnceLock<Option<ArgvArea>> = OnceLock::new();

/// Reads (once per process image; fork keeps the addresses) where the argv strings live.
pub(crate) fn argv_area() -> Option<ArgvArea> {
    *ARGV_AREA.get_or_init(|| {
        let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
        // Fields after the `(comm)` start at field 3; arg_start and arg_end are 48 and 49.
        let rest = &stat[stat.rfind(')')? + 1..];
        let mut fields = rest.split_whitespace().skip(45);
        let start: usize = fields.next()?.parse().ok()?;
        let end: usize = fields.next()?.parse().ok()?;
        (start != 0 && end > start).then_some(ArgvArea { start, end })
    })
}

/// Sets the name `ps` shows for the calling process: `comm` (`PR_SET_NAME`, first 15
/// bytes) and the argv area (as much of `name` as fits in the original arguments' space;
/// `std::env::args` reads the new text afterwards).
pub fn set_process_name(name: &str) -> io::Result<()> {
    let bytes = name.as_bytes();
    if bytes.contains(&0) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("process name {name:?} contains a NUL byte"),
        ));
    }
    // A stack buffer: the child should not allocate here.
    let mut comm = [0u8; 16];
    let n = bytes.len().min(15);
    comm[..n].copy_from_slice(&bytes[..n]);
    // SAFETY: PR_SET_NAME reads a NUL-terminated string of at most 16 bytes.
    if unsafe { libc::prctl(libc::PR_SET_NAME, comm.as_ptr(), 0, 0, 0) } == -1 {
        return Err(io::Error::last_os_error());
    }
    if let Some(area) = argv_area() {
        let len = area.end - area.start;
        let n = bytes.len().min(len - 1);
        // SAFETY: the kernel reports [start, end) as this process's argument strings, part
        // of the initial stack mapping, mapped and writable for the life of the process;
        // the process is single-threaded here, so no one reads them concurrently.
        unsafe {
            let dst = area.start as *mut u8;
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), dst, n);
            std::ptr::write_bytes(dst.add(n), 0, len - n);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setup_failure_round_trips() {
        let f = SetupFailure {
            step: SetupStep::Stdio,
            errno: Some(libc::EBADF),
            message: "installing stdio fds".into(),
        };
        assert_eq!(SetupFailure::decode(&f.encode()), Some(f));
        let g = SetupFailure {
            step: SetupStep::Hook,
            errno: None,
            message: "x".repeat(2000),
        };
        let back = SetupFailure::decode(&g.encode()).unwrap();
        assert_eq!(back.step, SetupStep::Hook);
        assert_eq!(back.errno, None);
        assert_eq!(back.message.len(), MAX_REPORT - 6);
        assert_eq!(SetupFailure::decode(&[10, 0, 0, 0, 0, 0]), None);
    }

    #[test]
    fn argv_area_is_found() {
        let area = argv_area().unwrap();
        assert!(area.end > area.start);
    }
}
