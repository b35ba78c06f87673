//! Where the master listens, and making that place safe: the default path, the directory's
//! owner and mode, one master per socket (a lock file), stale sockets replaced.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::fd::AsRawFd;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The default socket: `$XDG_RUNTIME_DIR/jfork/jfork.sock`, else `/tmp/jfork-$UID/jfork.sock`.
pub fn default_socket_path() -> PathBuf {
    match std::env::var_os("XDG_RUNTIME_DIR").filter(|v| !v.is_empty()) {
        Some(dir) => Path::new(&dir).join("jfork").join("jfork.sock"),
        None => {
            // SAFETY: geteuid has no preconditions.
            let uid = unsafe { libc::geteuid() };
            PathBuf::from(format!("/tmp/jfork-{uid}")).join("jfork.sock")
        }
    }
}

/// The socket path from `--socket`, or the default.
pub fn socket_path(option: Option<&str>) -> PathBuf {
    option.map_or_else(default_socket_path, PathBuf::from)
}

/// Makes the socket's directory (mode 0700) if missing; refuses one that another user owns
/// or that group or others can enter.
pub fn ensure_private_dir(socket: &Path) -> Result<PathBuf> {
    let dir = socket
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    match fs::DirBuilder::new().mode(0o700).create(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e).with_context(|| format!("cannot make {}", dir.display())),
    }
    let meta =
        fs::symlink_metadata(&dir).with_context(|| format!("cannot read {}", dir.display()))?;
    // SAFETY: geteuid has no preconditions.
    let me = unsafe { libc::geteuid() };
    if !meta.is_dir() {
        bail!("socket directory {} is not a directory", dir.display());
    }
    if meta.uid() != me {
        bail!(
            "socket directory {} is owned by uid {}, not by this user (uid {me}); refusing it",
            dir.display(),
            meta.uid()
        );
    }
    if meta.mode() & 0o077 != 0 {
        bail!(
            "socket directory {} has mode {:o}; it must not be open to group or others (0700)",
            dir.display(),
            meta.mode() & 0o7777
        );
    }
    Ok(dir)
}

/// The master's claim on a socket path: an exclusive `flock` on `PATH.lock`, held for the
/// master's life (a second master, even one starting at the same moment, fails to take it).
#[derive(Debug)]
pub struct SocketLock {
    _file: File,
}

/// Takes the lock of `socket`, or says that a master already holds it.
pub fn lock(socket: &Path) -> Result<SocketLock> {
    let path = lock_path(socket);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .custom_flags(libc::O_CLOEXEC)
        .open(&path)
        .with_context(|| format!("cannot open lock file {}", path.display()))?;
    // SAFETY: flock on an fd we own.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == -1 {
        let err = io::Error::last_os_error();
        if err.raw_os_error() == Some(libc::EWOULDBLOCK) {
            bail!(
                "another master is already serving {} (it holds {})",
                socket.display(),
                path.display()
            );
        }
        return Err(err).with_context(|| format!("cannot lock {}", path.display()));
    }
    Ok(SocketLock { _file: file })
}

fn lock_path(socket: &Path) -> PathBuf {
    let mut name = socket.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Binds the listening socket (mode 0600) once the lock is held. A socket file left by a
/// master that died is replaced; a live one (something answers) or a non-socket file is
/// refused.
pub fn bind(socket: &Path, _lock: &SocketLock) -> Result<UnixListener> {
    if let Ok(meta) = fs::symlink_metadata(socket) {
        use std::os::unix::fs::FileTypeExt;
        if !meta.file_type().is_socket() {
            bail!(
                "{} exists and is not a socket; refusing to replace it",
                socket.display()
            );
        }
        if UnixStream::connect(socket).is_ok() {
            bail!("a master is already listening on {}", socket.display());
        }
        tracing::info!(socket = %socket.display(), "replacing a stale socket");
        fs::remove_file(socket)
            .with_context(|| format!("cannot remove stale socket {}", socket.display()))?;
    }
    let listener =
        UnixListener::bind(socket).with_context(|| format!("cannot bind {}", socket.display()))?;
    fs::set_permissions(socket, fs::Permissions::from_mode(0o600))
        .with_context(|| format!("cannot chmod {}", socket.display()))?;
    Ok(listener)
}

/// The inode of the socket file, so that the master removes only its own file at exit.
pub fn inode(socket: &Path) -> Option<u64> {
    fs::symlink_metadata(socket).ok().map(|m| m.ino())
}

/// Removes the socket file if it is still the one with this inode.
pub fn remove_if_ours(socket: &Path, ino: Option<u64>) {
    if ino.is_some() && inode(socket) == ino {
        let _ = fs::remove_file(socket);
    }
}
