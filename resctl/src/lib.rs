//! Resource limits for forked children: rlimits, cgroups (v1, v2, hybrid), priority,
//! identity and a wall-clock deadline, and the cause of a child's end in one value. Knows
//! nothing of Java: any fork server can use it.
//!
//! The caller owns `fork()` and `wait()`. This crate gives it four steps:
//! 1. [`LimitSpec::parse`] a spec such as `mem=256M,cpu=10s,wall=30s,procs=64`;
//! 2. before the fork, [`ResourceController::prepare`] (makes the child's cgroups);
//! 3. in the child, right after the fork, [`ChildSetup::apply`] (only system calls);
//! 4. in the parent, [`PreparedChild::started`], then [`RunningChild::wait`] (or the
//!    caller's own wait plus [`RunningChild::enforce_deadline`]) and
//!    [`RunningChild::finish`] for the [`Verdict`].
//!
//! ```no_run
//! use jfork_resctl::{ControllerConfig, LimitSpec, ResourceController};
//!
//! let controller = ResourceController::new(ControllerConfig::default());
//! let spec: LimitSpec = "mem=256M,cpu=10s,wall=30s,procs=64".parse()?;
//! let prepared = controller.prepare(&spec, None)?;
//! // SAFETY: the child only makes system calls, then `_exit`s.
//! match unsafe { libc::fork() } {
//!     0 => {
//!         prepared.child_setup().apply_or_exit();
//!         // ... run the program ...
//!         unsafe { libc::_exit(0) }
//!     }
//!     pid => {
//!         let mut child = prepared.started(pid);
//!         let exit = child.wait()?;
//!         let verdict = child.finish(&exit);
//!         println!("child {pid}: {verdict}"); // e.g. "memory limit 256 MiB exceeded"
//!     }
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Where a cgroup controller is missing or not writable, the limit falls back to its rlimit
//! (`mem` to `RLIMIT_DATA`, `procs` to `RLIMIT_NPROC`) and the controller logs it once; see
//! [`ResourceController::notes`].

#![warn(missing_docs)]

mod cgroup;
mod child;
mod controller;
mod error;
mod identity;
mod running;
mod spec;
mod verdict;

pub use cgroup::{CgroupLayout, Hierarchy, LayoutKind, Version};
pub use child::{ApplyError, ChildSetup, EXIT_SETUP_FAILED, Step};
pub use controller::{
    ControllerConfig, Enforcement, Enforcements, MemoryRlimit, PreparedChild, ResourceController,
    TreeKill,
};
pub use error::ResctlError;
pub use identity::Identity;
pub use running::RunningChild;
pub use spec::{KEYS, LimitSpec, SpecError};
pub use verdict::{
    Basis, Cause, ChildExit, ChildStatus, EXIT_MEMORY_LIMIT, EXIT_OPEN_FILES_LIMIT,
    EXIT_PROCESS_LIMIT, Verdict,
};
