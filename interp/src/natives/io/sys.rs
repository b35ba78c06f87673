//! The system calls behind the `java.io` natives, made as the JDK's `io_util_md.c` makes them:
//! retried on `EINTR`, a failure returned as its `errno` so the natives can word the
//! exception as HotSpot does (`strerror`'s text).

use std::ffi::{CStr, CString, c_char};

/// `PATH_MAX` of Linux, the JDK's limit for canonical paths.
const PATH_MAX: usize = libc::PATH_MAX as usize;

/// A failed system call's `errno`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Errno(pub(crate) i32);

impl Errno {
    /// The calling thread's current `errno`.
    pub(crate) fn last() -> Errno {
        Errno(std::io::Error::last_os_error().raw_os_error().unwrap_or(0))
    }

    /// The C library's text for this error (`strerror`), as the JDK's `getLastErrorString`
    /// gives it: "No such file or directory", "Bad file descriptor", ...
    pub(crate) fn message(self) -> String {
        let mut buf = [0u8; 256];
        // SAFETY: the buffer is valid for its whole length; the XSI `strerror_r` writes a
        // NUL-terminated string into it (truncated if needed) and nothing else.
        let rc = unsafe { libc::strerror_r(self.0, buf.as_mut_ptr().cast(), buf.len()) };
        if rc != 0 {
            return format!("Unknown error {}", self.0);
        }
        let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
        String::from_utf8_lossy(&buf[..end]).into_owned()
    }
}

/// The result of a system call wrapper.
pub(crate) type SysResult<T> = Result<T, Errno>;

/// Runs `call` until it does not fail with `EINTR` (the JDK's `RESTARTABLE`); a result of -1
/// becomes the `errno`.
pub(crate) fn restartable<T: Copy + PartialEq + From<i8>>(
    mut call: impl FnMut() -> T,
) -> SysResult<T> {
    loop {
        let r = call();
        if r != T::from(-1) {
            return Ok(r);
        }
        let e = Errno::last();
        if e.0 != libc::EINTR {
            return Err(e);
        }
    }
}

/// A path as the C string the JDK passes to the kernel: the platform (UTF-8) bytes, cut at
/// the first NUL as C would.
pub(crate) fn c_path(path: &str) -> CString {
    let bytes = path.as_bytes();
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    // No NUL is left in `bytes[..end]`, so this cannot fail.
    CString::new(&bytes[..end]).unwrap_or_default()
}

/// Waits until `fd` is ready for `events` (`POLLIN`/`POLLOUT`); for descriptors left in
/// non-blocking mode, where HotSpot would fail with `EAGAIN`.
fn wait_ready(fd: i32, events: i16) -> SysResult<()> {
    let mut pfd = libc::pollfd {
        fd,
        events,
        revents: 0,
    };
    // SAFETY: `pfd` is one valid pollfd for the call's duration.
    restartable(|| unsafe { libc::poll(&mut pfd, 1, -1) }).map(|_| ())
}

/// `read(2)` into `buf`: 0 at end of file. `EINTR` is retried; on `EAGAIN` (a non-blocking
/// descriptor) it waits for input, so the Java caller sees a blocking read.
pub(crate) fn read(fd: i32, buf: &mut [u8]) -> SysResult<usize> {
    loop {
        // SAFETY: `buf` is valid for writes of its whole length.
        match restartable(|| unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) }) {
            Ok(n) => return Ok(n as usize),
            Err(e) if e.0 == libc::EAGAIN => wait_ready(fd, libc::POLLIN)?,
            Err(e) => return Err(e),
        }
    }
}

/// `write(2)` of `buf` (one call: may write part of it). `EINTR` is retried, `EAGAIN` waits
/// until the descriptor takes output.
pub(crate) fn write(fd: i32, buf: &[u8]) -> SysResult<usize> {
    loop {
        // SAFETY: `buf` is valid for reads of its whole length.
        match restartable(|| unsafe { libc::write(fd, buf.as_ptr().cast(), buf.len()) }) {
            Ok(n) => return Ok(n as usize),
            Err(e) if e.0 == libc::EAGAIN => wait_ready(fd, libc::POLLOUT)?,
            Err(e) => return Err(e),
        }
    }
}

/// Opens `path` as the JDK's `handleOpen`: a directory fails with `EISDIR` even when the
/// kernel would open it. Descriptors are close-on-exec (invisible to Java: the JDK's process
/// launcher closes every inherited descriptor anyway).
pub(crate) fn open(path: &CStr, flags: i32, mode: u32) -> SysResult<i32> {
    // SAFETY: `path` is a NUL-terminated string alive for the call.
    let fd = restartable(|| unsafe { libc::open(path.as_ptr(), flags | libc::O_CLOEXEC, mode) })?;
    match fstat(fd) {
        Ok(st) if st.st_mode & libc::S_IFMT == libc::S_IFDIR => {
            let _ = close(fd);
            Err(Errno(libc::EISDIR))
        }
        Ok(_) => Ok(fd),
        Err(e) => {
            let _ = close(fd);
            Err(e)
        }
    }
}

/// `close(2)`, not retried (Linux frees the descriptor even when interrupted).
pub(crate) fn close(fd: i32) -> SysResult<()> {
    // SAFETY: closing a descriptor number touches no memory.
    if unsafe { libc::close(fd) } == -1 {
        Err(Errno::last())
    } else {
        Ok(())
    }
}

/// Points `fd` at `/dev/null` instead of closing it (the JDK keeps 0, 1 and 2 allocated so a
/// later open cannot take their numbers).
pub(crate) fn redirect_to_null(fd: i32) -> SysResult<()> {
    let devnull = open_plain(c"/dev/null", libc::O_WRONLY)?;
    // SAFETY: both are descriptor numbers; no memory is involved.
    unsafe { libc::dup2(devnull, fd) };
    let _ = close(devnull);
    Ok(())
}

/// `open(2)` without the directory check (for `/dev/null`).
fn open_plain(path: &CStr, flags: i32) -> SysResult<i32> {
    // SAFETY: `path` is a NUL-terminated string alive for the call.
    restartable(|| unsafe { libc::open(path.as_ptr(), flags | libc::O_CLOEXEC) })
}

/// `fstat(2)`.
pub(crate) fn fstat(fd: i32) -> SysResult<libc::stat> {
    // SAFETY: an all-zero `stat` is a valid value of this plain C struct.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `st` is a valid, writable `stat` for the call's duration.
    restartable(|| unsafe { libc::fstat(fd, &mut st) })?;
    Ok(st)
}

/// `stat(2)` (following links), not retried, as the JDK's `statMode`.
pub(crate) fn stat(path: &CStr) -> SysResult<libc::stat> {
    // SAFETY: an all-zero `stat` is a valid value of this plain C struct.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `path` is NUL-terminated and `st` writable, both alive for the call.
    if unsafe { libc::stat(path.as_ptr(), &mut st) } == 0 {
        Ok(st)
    } else {
        Err(Errno::last())
    }
}

/// `lseek(2)`: the new offset.
pub(crate) fn lseek(fd: i32, offset: i64, whence: i32) -> SysResult<i64> {
    // SAFETY: no memory is involved.
    let r = unsafe { libc::lseek(fd, offset, whence) };
    if r == -1 { Err(Errno::last()) } else { Ok(r) }
}

/// `ftruncate(2)`, retried on `EINTR`.
pub(crate) fn ftruncate(fd: i32, length: i64) -> SysResult<()> {
    // SAFETY: no memory is involved.
    restartable(|| unsafe { libc::ftruncate(fd, length) }).map(|_| ())
}

/// `fsync(2)`.
pub(crate) fn fsync(fd: i32) -> SysResult<()> {
    // SAFETY: no memory is involved.
    if unsafe { libc::fsync(fd) } == -1 {
        Err(Errno::last())
    } else {
        Ok(())
    }
}

/// The `O_*` status flags of `fd` (`fcntl(F_GETFL)`), -1 when it is not open.
pub(crate) fn status_flags(fd: i32) -> i32 {
    // SAFETY: F_GETFL takes no argument and touches no memory.
    unsafe { libc::fcntl(fd, libc::F_GETFL) }
}

/// The length of the file behind `fd` (the JDK's `handleGetLength`: a block device's size
/// by `ioctl`).
pub(crate) fn file_length(fd: i32) -> SysResult<i64> {
    let st = fstat(fd)?;
    if st.st_mode & libc::S_IFMT == libc::S_IFBLK {
        let mut size: u64 = 0;
        // SAFETY: BLKGETSIZE64 writes one u64 through the pointer, which is valid.
        if unsafe { libc::ioctl(fd, BLKGETSIZE64, &mut size) } < 0 {
            return Err(Errno::last());
        }
        return Ok(size as i64);
    }
    Ok(st.st_size)
}

/// `_IOR(0x12, 114, size_t)`: a block device's size in bytes.
const BLKGETSIZE64: libc::Ioctl = 0x8008_1272;

/// Bytes readable without blocking, as the JDK's `handleAvailable`: `FIONREAD` for
/// terminals, pipes and sockets, else the distance from the position to the end of the file.
pub(crate) fn available(fd: i32) -> SysResult<i64> {
    let mut size = -1i64;
    if let Ok(st) = fstat(fd) {
        let kind = st.st_mode & libc::S_IFMT;
        if kind == libc::S_IFCHR || kind == libc::S_IFIFO || kind == libc::S_IFSOCK {
            let mut n: libc::c_int = 0;
            // SAFETY: FIONREAD writes one int through the pointer, which is valid.
            if restartable(|| unsafe { libc::ioctl(fd, libc::FIONREAD, &mut n) }).is_ok() {
                return Ok(i64::from(n));
            }
        } else if kind == libc::S_IFREG {
            size = st.st_size;
        }
    }
    let current = lseek(fd, 0, libc::SEEK_CUR)?;
    if size < current {
        size = lseek(fd, 0, libc::SEEK_END)?;
        lseek(fd, current, libc::SEEK_SET)?;
    }
    Ok(size - current)
}

/// `realpath(3)` of `path` (which holds no NUL).
pub(crate) fn realpath(path: &[u8]) -> SysResult<Vec<u8>> {
    let c = CString::new(path).map_err(|_| Errno(libc::EINVAL))?;
    // SAFETY: `c` is NUL-terminated; with a null buffer realpath returns a malloc'd string
    // (or null with errno set), which is copied and then freed exactly once.
    unsafe {
        let out = libc::realpath(c.as_ptr(), std::ptr::null_mut());
        if out.is_null() {
            return Err(Errno::last());
        }
        let bytes = CStr::from_ptr(out).to_bytes().to_vec();
        libc::free(out.cast());
        Ok(bytes)
    }
}

/// The canonical form of an absolute path, as the JDK's `JDK_Canonicalize`: `realpath` of
/// the longest prefix that resolves (dropping names that do not exist, are not directories
/// or cannot be searched), the rest appended, then `.` and `..` collapsed by name.
pub(crate) fn canonicalize(orig: &[u8]) -> SysResult<Vec<u8>> {
    if orig.len() > PATH_MAX {
        return Err(Errno(libc::ENAMETOOLONG));
    }
    if let Ok(r) = realpath(orig) {
        return Ok(collapse(&r));
    }
    let mut p = orig.len();
    let mut resolved = None;
    while p > 0 {
        // Step back over the last name.
        loop {
            p -= 1;
            if p == 0 || orig[p] == b'/' {
                break;
            }
        }
        if p == 0 {
            break;
        }
        match realpath(&orig[..p]) {
            Ok(r) => {
                resolved = Some(r);
                break;
            }
            Err(e) if matches!(e.0, libc::ENOENT | libc::ENOTDIR | libc::EACCES) => {}
            Err(e) => return Err(e),
        }
    }
    match resolved {
        Some(mut r) => {
            let mut rest = &orig[p..];
            if r.len() + rest.len() >= PATH_MAX {
                return Err(Errno(libc::ENAMETOOLONG));
            }
            if r.last() == Some(&b'/') && rest.first() == Some(&b'/') {
                rest = &rest[1..];
            }
            r.extend_from_slice(rest);
            Ok(collapse(&r))
        }
        None => Ok(collapse(orig)),
    }
}

/// Removes `.` names and `name/..` pairs from a path by text alone (no file system look-up);
/// a `..` with no name before it stays. A path of fewer than two names is left as it is.
pub(crate) fn collapse(path: &[u8]) -> Vec<u8> {
    let (root, names) = match path.split_first() {
        Some((b'/', rest)) => (&path[..1], rest),
        _ => (&path[..0], path),
    };
    let mut ix: Vec<Option<&[u8]>> = names.split(|&b| b == b'/').map(Some).collect();
    if names.last() == Some(&b'/') {
        // A trailing slash ends the last name; it does not start an empty one.
        ix.pop();
    }
    let dotted = ix.iter().flatten().any(|n| *n == b"." || *n == b"..");
    if !dotted || ix.len() < 2 {
        return path.to_vec();
    }
    for i in 0..ix.len() {
        match ix[i] {
            Some(b".") => ix[i] = None,
            Some(b"..") => {
                if let Some(j) = (0..i).rev().find(|&j| ix[j].is_some()) {
                    ix[j] = None;
                    ix[i] = None;
                }
            }
            _ => {}
        }
    }
    let mut out = root.to_vec();
    for (k, name) in ix.iter().flatten().enumerate() {
        if k > 0 {
            out.push(b'/');
        }
        out.extend_from_slice(name);
    }
    out
}

/// `statx(2)` of `path` relative to `dirfd` with `flags` (all fields asked), as JDK
/// 17.0.15's dispatcher reads attributes.
pub(crate) fn statx(dirfd: i32, path: &CStr, flags: i32) -> SysResult<libc::statx> {
    // SAFETY: an all-zero statx is a valid value of this plain C struct.
    let mut st: libc::statx = unsafe { std::mem::zeroed() };
    let flags = flags | libc::AT_STATX_SYNC_AS_STAT;
    // SAFETY: `path` is NUL-terminated and `st` writable, both alive for the call.
    restartable(|| unsafe { libc::statx(dirfd, path.as_ptr(), flags, libc::STATX_ALL, &mut st) })?;
    Ok(st)
}

/// The next name of an open directory stream (`.` and `..` included), `None` at its end.
pub(crate) fn readdir(dir: *mut libc::DIR) -> SysResult<Option<Vec<u8>>> {
    // SAFETY: errno is thread-local; clearing it tells the end from an error.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: the JDK passes a `DIR*` it opened and has not closed.
    let entry = unsafe { libc::readdir(dir) };
    if entry.is_null() {
        return match Errno::last() {
            Errno(0) => Ok(None),
            e => Err(e),
        };
    }
    // SAFETY: a non-null entry is valid until the next readdir on this stream; its name is
    // NUL-terminated.
    let name = unsafe { CStr::from_ptr((*entry).d_name.as_ptr()) };
    Ok(Some(name.to_bytes().to_vec()))
}

/// Runs a `get*_r` look-up with a buffer grown on `ERANGE`: `Ok(None)` when not found.
fn lookup<T>(mut call: impl FnMut(&mut [c_char]) -> (i32, Option<T>)) -> SysResult<Option<T>> {
    let mut buf = vec![0 as c_char; 1024];
    loop {
        match call(&mut buf) {
            (0, found) => return Ok(found),
            (libc::EINTR, _) => {}
            (libc::ERANGE, _) if buf.len() < 1 << 20 => buf.resize(buf.len() * 4, 0),
            (e, _) => return Err(Errno(e)),
        }
    }
}

/// The bytes of a C string the C library just filled (empty for null).
fn c_bytes(p: *const c_char) -> Vec<u8> {
    if p.is_null() {
        return Vec::new();
    }
    // SAFETY: a non-null name from a successful get*_r points into the caller's buffer,
    // NUL-terminated.
    unsafe { CStr::from_ptr(p) }.to_bytes().to_vec()
}

/// The name of user `uid`; `ENOENT` when there is none.
pub(crate) fn user_name(uid: u32) -> SysResult<Vec<u8>> {
    let name = lookup(|buf| {
        // SAFETY: all-zero is a valid passwd; `buf` is writable for its length.
        let mut pw: libc::passwd = unsafe { std::mem::zeroed() };
        let mut out = std::ptr::null_mut();
        // SAFETY: every pointer is valid for the call; results point into `buf`.
        let r = unsafe { libc::getpwuid_r(uid, &mut pw, buf.as_mut_ptr(), buf.len(), &mut out) };
        (r, (!out.is_null()).then(|| c_bytes(pw.pw_name)))
    })?;
    name.filter(|n| !n.is_empty()).ok_or(Errno(libc::ENOENT))
}

/// The name of group `gid`; `ENOENT` when there is none.
pub(crate) fn group_name(gid: u32) -> SysResult<Vec<u8>> {
    let name = lookup(|buf| {
        // SAFETY: all-zero is a valid group; `buf` is writable for its length.
        let mut gr: libc::group = unsafe { std::mem::zeroed() };
        let mut out = std::ptr::null_mut();
        // SAFETY: every pointer is valid for the call; results point into `buf`.
        let r = unsafe { libc::getgrgid_r(gid, &mut gr, buf.as_mut_ptr(), buf.len(), &mut out) };
        (r, (!out.is_null()).then(|| c_bytes(gr.gr_name)))
    })?;
    name.filter(|n| !n.is_empty()).ok_or(Errno(libc::ENOENT))
}

/// Errors a name look-up reports for "no such name" (the JDK answers -1 for them).
fn not_found(e: Errno) -> bool {
    matches!(e.0, libc::ENOENT | libc::ESRCH | libc::EBADF | libc::EPERM)
}

/// The id of user `name`, -1 when there is none.
pub(crate) fn user_id(name: &CStr) -> SysResult<i32> {
    let found = lookup(|buf| {
        // SAFETY: all-zero is a valid passwd; `buf` is writable for its length.
        let mut pw: libc::passwd = unsafe { std::mem::zeroed() };
        let mut out = std::ptr::null_mut();
        // SAFETY: every pointer is valid for the call; results point into `buf`.
        let r = unsafe {
            libc::getpwnam_r(
                name.as_ptr(),
                &mut pw,
                buf.as_mut_ptr(),
                buf.len(),
                &mut out,
            )
        };
        (r, (!out.is_null()).then_some(pw.pw_uid as i32))
    });
    match found {
        Ok(id) => Ok(id.unwrap_or(-1)),
        Err(e) if not_found(e) => Ok(-1),
        Err(e) => Err(e),
    }
}

/// The id of group `name`, -1 when there is none.
pub(crate) fn group_id(name: &CStr) -> SysResult<i32> {
    let found = lookup(|buf| {
        // SAFETY: all-zero is a valid group; `buf` is writable for its length.
        let mut gr: libc::group = unsafe { std::mem::zeroed() };
        let mut out = std::ptr::null_mut();
        // SAFETY: every pointer is valid for the call; results point into `buf`.
        let r = unsafe {
            libc::getgrnam_r(
                name.as_ptr(),
                &mut gr,
                buf.as_mut_ptr(),
                buf.len(),
                &mut out,
            )
        };
        (r, (!out.is_null()).then_some(gr.gr_gid as i32))
    });
    match found {
        Ok(id) => Ok(id.unwrap_or(-1)),
        Err(e) if not_found(e) => Ok(-1),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collapsed(p: &str) -> String {
        String::from_utf8(collapse(p.as_bytes())).unwrap()
    }

    #[test]
    fn collapse_removes_dots_by_name() {
        assert_eq!(collapsed("/a/./b"), "/a/b");
        assert_eq!(collapsed("/a/b/../c"), "/a/c");
        assert_eq!(collapsed("/a/../.."), "/..");
        assert_eq!(collapsed("/../.."), "/");
        assert_eq!(collapsed("/a/b/../.."), "/");
        assert_eq!(collapsed("a/./b"), "a/b");
        assert_eq!(collapsed("/.."), "/..");
        assert_eq!(collapsed("/a/b"), "/a/b");
        assert_eq!(collapsed("/"), "/");
    }

    #[test]
    fn canonicalize_resolves_the_existing_prefix() {
        let dir = std::env::temp_dir().canonicalize().unwrap();
        let d = dir.to_str().unwrap();
        let c = |p: String| String::from_utf8(canonicalize(p.as_bytes()).unwrap()).unwrap();
        assert_eq!(c(format!("{d}/nope/x/../y")), format!("{d}/nope/y"));
        assert_eq!(c(format!("{d}/./nope")), format!("{d}/nope"));
        assert_eq!(c("/no-such-root-dir/a".into()), "/no-such-root-dir/a");
        assert_eq!(c("/".into()), "/");
        let long = "/a".repeat(PATH_MAX);
        assert_eq!(
            canonicalize(long.as_bytes()),
            Err(Errno(libc::ENAMETOOLONG))
        );
    }

    #[test]
    fn errno_text_is_strerror() {
        assert_eq!(Errno(libc::ENOENT).message(), "No such file or directory");
        assert_eq!(Errno(libc::EBADF).message(), "Bad file descriptor");
    }

    #[test]
    fn open_refuses_directories() {
        let dir = c_path(std::env::temp_dir().to_str().unwrap());
        assert_eq!(open(&dir, libc::O_RDONLY, 0), Err(Errno(libc::EISDIR)));
        assert_eq!(
            open(c"/no/such/file", libc::O_RDONLY, 0),
            Err(Errno(libc::ENOENT))
        );
    }

    #[test]
    fn c_path_stops_at_nul() {
        assert_eq!(c_path("a\0b").as_bytes(), b"a");
    }
}
