//! Copy-on-write process cloning for fork servers. Knows nothing of Java.
//!
//! - [`spawn`] (and the lower-level [`fork`]) refuse to fork unless the process has exactly
//!   one OS thread, flush buffered output, block signals across the `fork`, and set the
//!   child up in a fixed order ([`ForkOptions`]): session, parent-death signal, signals,
//!   fds (keep-list only), stdio, process name, then the caller's hook.
//! - [`Child`] and [`ChildTracker`] track children through pidfds and reap them with
//!   [`ExitStatus`] (exit code, or signal and core dump) and [`ResourceUsage`].
//! - [`CopyMode::Eager`] makes the child's copy of the parent's memory private at clone
//!   time instead of on first write.
//! - [`Pool`] keeps children forked ahead that wait for a request.
//! - [`HugePageArena`] holds large parent state in transparent huge pages, which makes
//!   `fork` cheap; [`smaps_rollup`] reports a process's memory.
//!
//! ```no_run
//! use jfork_cloner::{ChildTracker, ExitStatus, ForkOptions, Session, Stdio, spawn};
//!
//! let options = ForkOptions::new()
//!     .session(Session::NewProcessGroup)
//!     .stdio(Stdio::Null, Stdio::Inherit, Stdio::Inherit)
//!     .name("worker: job 1")
//!     .hook(|| Ok(())); // e.g. apply resource limits
//! let child = spawn(&options, || {
//!     println!("hello from the child");
//!     3
//! })?;
//! let mut children = ChildTracker::new();
//! children.insert(child);
//! let exits = children.reap(None)?;
//! assert_eq!(exits[0].status, ExitStatus::Exited(3));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod arena;
mod child;
mod eager;
mod error;
mod fork;
mod maps;
mod options;
mod pool;
mod setup;
mod smaps;
mod tracker;

/// A process id, as the kernel names it.
pub type Pid = libc::pid_t;

pub use arena::{HUGE_PAGE_SIZE, HugePageArena};
pub use child::{Child, ChildExit, ExitStatus, ResourceUsage};
pub use eager::{EagerCopyStats, make_private_now};
pub use error::{ArenaError, ForkError, PoolError, SmapsError, WaitError};
pub use fork::{
    Forked, PANIC_EXIT_CODE, SETUP_FAILED_EXIT_CODE, exit_child, exit_report_fd, fork,
    os_thread_count, spawn,
};
pub use maps::{Mapping, fault_in_for_read, mappings, parse_maps};
pub use options::{ChildHook, CopyMode, ForkOptions, Session, Stdio};
pub use pool::{MAX_POOL_FDS, Pool, PoolAhead, PoolConfig, PoolRequest, PoolTask};
pub use setup::{SetupFailure, SetupStep, install_stdio, set_process_name};
pub use smaps::{MappingReport, MemoryReport, mapping_report, smaps_rollup};
pub use tracker::ChildTracker;
