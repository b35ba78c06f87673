//! The errors of this crate: one enum per operation family, each message naming the input
//! and the rule broken.

use std::io;

use crate::Pid;

/// Why [`fork`](crate::fork) (or [`spawn`](crate::spawn)) refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum ForkError {
    /// More than one OS thread exists: a forked child would inherit only the calling
    /// thread, with every lock another thread held stuck forever.
    #[error(
        "refusing to fork: /proc/self/task lists {count} OS threads, fork needs exactly one \
         (join every thread before forking)"
    )]
    MultipleThreads {
        /// How many entries `/proc/self/task` listed.
        count: usize,
    },
    /// `/proc/self/task` could not be read, so the single-thread rule cannot be checked.
    #[error("refusing to fork: cannot count OS threads in /proc/self/task: {0}")]
    ThreadCount(#[source] io::Error),
    /// The options cannot be applied (for example a process name with a NUL byte).
    #[error("invalid fork options: {0}")]
    InvalidOptions(String),
    /// A system call on the parent's side failed.
    #[error("fork: {call} failed: {source}")]
    Syscall {
        /// The system call, as the kernel names it.
        call: &'static str,
        /// The error it returned.
        #[source]
        source: io::Error,
    },
}

impl ForkError {
    pub(crate) fn last_os(call: &'static str) -> Self {
        ForkError::Syscall {
            call,
            source: io::Error::last_os_error(),
        }
    }
}

/// Why waiting for, or signalling, a child failed.
#[derive(Debug, thiserror::Error)]
pub enum WaitError {
    /// A system call on a child failed.
    #[error("child {pid}: {call} failed: {source}")]
    Syscall {
        /// The child's pid.
        pid: Pid,
        /// The system call, as the kernel names it.
        call: &'static str,
        /// The error it returned.
        #[source]
        source: io::Error,
    },
    /// The child was already reaped; its pid may now belong to another process.
    #[error("child {pid} was already reaped; it cannot be signalled or waited for again")]
    AlreadyReaped {
        /// The child's pid.
        pid: Pid,
    },
}

/// Why a pre-forked [`Pool`](crate::Pool) could not fork or hand off a child.
#[derive(Debug, thiserror::Error)]
pub enum PoolError {
    /// Forking a pool child failed.
    #[error("pool: forking a child failed: {0}")]
    Fork(#[from] ForkError),
    /// A request is larger than the pool's configured maximum.
    #[error("pool: request payload of {len} bytes exceeds the pool's maximum of {max} bytes")]
    PayloadTooLarge {
        /// The payload's length.
        len: usize,
        /// [`PoolConfig::max_payload`](crate::PoolConfig::max_payload).
        max: usize,
    },
    /// A request carries more descriptors than one message may.
    #[error("pool: request carries {count} fds, at most {max} may be passed")]
    TooManyFds {
        /// How many fds the request carried.
        count: usize,
        /// The limit ([`MAX_POOL_FDS`](crate::MAX_POOL_FDS)).
        max: usize,
    },
    /// A system call on the pool's side failed.
    #[error("pool: {call} failed: {source}")]
    Syscall {
        /// The system call, as the kernel names it.
        call: &'static str,
        /// The error it returned.
        #[source]
        source: io::Error,
    },
    /// Reaping a pool child that died while waiting failed.
    #[error("pool: {0}")]
    Wait(#[from] WaitError),
}

/// Why reading a memory report from `/proc/<pid>/smaps_rollup` or `/proc/<pid>/smaps`
/// failed.
#[derive(Debug, thiserror::Error)]
pub enum SmapsError {
    /// The file could not be read (no such process, or no permission).
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file's path.
        path: String,
        /// The error.
        #[source]
        source: io::Error,
    },
    /// A line did not have the `Key:   <n> kB` form.
    #[error("{path}: line {line} is not `Key: <number> kB`: {text:?}")]
    Malformed {
        /// The file's path.
        path: String,
        /// 1-based line number.
        line: usize,
        /// The line's text.
        text: String,
    },
    /// No mapping contains the address asked about.
    #[error("{path}: no mapping contains address {addr:#x}")]
    NoMapping {
        /// The file's path.
        path: String,
        /// The address.
        addr: usize,
    },
}

/// Why a [`HugePageArena`](crate::HugePageArena) operation failed.
#[derive(Debug, thiserror::Error)]
pub enum ArenaError {
    /// The requested capacity overflows when rounded up to whole huge pages.
    #[error("arena: capacity of {0} bytes is too large")]
    CapacityOverflow(usize),
    /// The arena has no room left for an allocation.
    #[error(
        "arena: cannot allocate {requested} bytes (align {align}): {available} of {capacity} bytes left"
    )]
    Exhausted {
        /// Bytes asked for.
        requested: usize,
        /// Alignment asked for.
        align: usize,
        /// Bytes left in the arena.
        available: usize,
        /// The arena's capacity.
        capacity: usize,
    },
    /// A system call failed.
    #[error("arena: {call} failed: {source}")]
    Syscall {
        /// The system call, as the kernel names it.
        call: &'static str,
        /// The error it returned.
        #[source]
        source: io::Error,
    },
}
