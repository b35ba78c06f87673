//! The user and groups a child runs as, when a root master is asked to drop privileges.

use nix::unistd::{Gid, Uid};

/// Numeric identity for a child: the cli resolves names; this crate only takes ids.
///
/// The child applies it as `setgroups(groups)`, `setresgid(gid, gid, gid)`,
/// `setresuid(uid, uid, uid)` (that order: after `setresuid` the child no longer has the
/// right to change its groups), then checks that all three ids of each kind took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// Real, effective and saved user id.
    pub uid: u32,
    /// Real, effective and saved group id.
    pub gid: u32,
    /// Supplementary groups (empty drops them all).
    pub groups: Vec<u32>,
}

impl Identity {
    /// An identity with no supplementary groups.
    pub fn new(uid: u32, gid: u32) -> Identity {
        Identity {
            uid,
            gid,
            groups: Vec::new(),
        }
    }

    pub(crate) fn nix_groups(&self) -> Vec<Gid> {
        self.groups.iter().map(|g| Gid::from_raw(*g)).collect()
    }

    pub(crate) fn uid(&self) -> Uid {
        Uid::from_raw(self.uid)
    }

    pub(crate) fn gid(&self) -> Gid {
        Gid::from_raw(self.gid)
    }
}
