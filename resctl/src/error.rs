//! Errors of the parent-side steps.

use std::path::PathBuf;

/// A parent-side step failed (the child-side step has its own [`crate::ApplyError`]).
#[derive(Debug, thiserror::Error)]
pub enum ResctlError {
    /// A cgroup file or directory could not be made, written or read.
    #[error("cannot {op} {}: {source}", path.display())]
    Cgroup {
        /// What was being done (`create`, `write 268435456 to`, ...).
        op: String,
        /// The file or directory.
        path: PathBuf,
        /// The kernel's answer.
        source: std::io::Error,
    },
    /// The request asks for an identity, and the master is not root.
    #[error(
        "cannot run the child as uid {uid} gid {gid}: the master runs as uid {euid}, \
         and only root may change identity"
    )]
    IdentityNeedsRoot {
        /// The uid asked for.
        uid: u32,
        /// The gid asked for.
        gid: u32,
        /// The master's effective uid.
        euid: u32,
    },
    /// Waiting for the child failed.
    #[error("cannot wait for child {pid}: {errno}")]
    Wait {
        /// The child.
        pid: i32,
        /// The kernel's answer.
        errno: nix::errno::Errno,
    },
}

impl ResctlError {
    pub(crate) fn cgroup(
        op: impl Into<String>,
        path: impl Into<PathBuf>,
        source: std::io::Error,
    ) -> Self {
        ResctlError::Cgroup {
            op: op.into(),
            path: path.into(),
            source,
        }
    }
}
