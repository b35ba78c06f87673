//! cgroup v1 and v2: layout detection, per-child groups, the kernel's counters.

mod group;
mod layout;

pub(crate) use group::{ChildGroup, Counters, ParentGroup, Pool, Roles, write_subtree};
pub use layout::{CgroupLayout, Hierarchy, LayoutKind};

/// The cgroup interface version of a hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// cgroup v1 (one hierarchy per controller or group of controllers).
    V1,
    /// cgroup v2 (the unified hierarchy).
    V2,
}
