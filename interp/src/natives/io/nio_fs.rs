//! `sun.nio.fs.UnixNativeDispatcher`: the system calls behind `java.nio.file` on Linux, as
//! the JDK's `UnixNativeDispatcher.c` makes them. Paths arrive as the address of a
//! NUL-terminated `NativeBuffer` (off-heap memory from `Unsafe.allocateMemory`); failures
//! throw `sun.nio.fs.UnixException(errno)`, which the Java side turns into
//! `NoSuchFileException` and friends.

use std::cell::Cell;
use std::ffi::{CStr, c_char};

use jfork_resolver::LoaderId;

use super::long;
use super::sys::{self, Errno, restartable};
use crate::natives::{arg, arg_int, int};
use crate::vm::{Thrown, Vm};

/// What the dispatcher reports HotSpot 17.0.15 supports on Linux: `openat` and friends (2),
/// `futimes` (4), `futimens` (8), `lutimes` (16), extended attributes (32) and birth time
/// (65536, through `statx`).
const CAPABILITIES: i32 = 2 | 4 | 8 | 16 | 32 | 65536;

const UND: &str = "sun/nio/fs/UnixNativeDispatcher";
const ATTRS: &str = "sun/nio/fs/UnixFileAttributes";

pub(super) fn register(vm: &mut Vm) {
    vm.register_native(
        "sun/nio/fs/UnixCopyFile",
        "transfer",
        "(IIJ)V",
        copy_transfer,
    );
    vm.register_native(UND, "init", "()I", |_, _| Ok(int(CAPABILITIES)));
    vm.register_native(UND, "getcwd", "()[B", |vm, _| {
        match std::env::current_dir() {
            Ok(dir) => {
                use std::os::unix::ffi::OsStrExt;
                vm.new_byte_array(dir.as_os_str().as_bytes())
            }
            Err(e) => unix_error(vm, Errno(e.raw_os_error().unwrap_or(libc::EIO))),
        }
    });
    vm.register_native(UND, "strerror", "(I)[B", |vm, a| {
        let text = Errno(arg_int(a, 0)).message();
        vm.new_byte_array(text.as_bytes())
    });
    vm.register_native(UND, "dup", "(I)I", |vm, a| {
        // SAFETY: no memory is involved.
        let r = restartable(|| unsafe { libc::dup(arg_int(a, 0)) });
        int_or_throw(vm, r)
    });
    vm.register_native(UND, "open0", "(JII)I", |vm, a| {
        let path = native_str(arg(a, 0));
        let (flags, mode) = (arg_int(a, 2), arg_int(a, 3) as libc::mode_t);
        // SAFETY: `path` is NUL-terminated and alive for the call.
        let r = restartable(|| unsafe { libc::open(path.as_ptr(), flags, mode) });
        int_or_throw(vm, r)
    });
    vm.register_native(UND, "openat0", "(IJII)I", |vm, a| {
        let path = native_str(arg(a, 1));
        let (dfd, flags, mode) = (arg_int(a, 0), arg_int(a, 3), arg_int(a, 4) as libc::mode_t);
        // SAFETY: `path` is NUL-terminated and alive for the call.
        let r = restartable(|| unsafe { libc::openat(dfd, path.as_ptr(), flags, mode) });
        int_or_throw(vm, r)
    });
    vm.register_native(UND, "close0", "(I)V", |vm, a| {
        match sys::close(arg_int(a, 0)) {
            Err(e) if e.0 != libc::EINTR => unix_error(vm, e),
            _ => Ok(0),
        }
    });
    vm.register_native(UND, "read", "(IJI)I", |vm, a| {
        let (fd, address, n) = (arg_int(a, 0), arg(a, 1), arg_int(a, 3));
        // SAFETY: the JDK passes a native buffer of at least `n` bytes.
        let r = restartable(|| unsafe { libc::read(fd, address as *mut _, n as usize) });
        int_or_throw(vm, r.map(|n| n as i32))
    });
    vm.register_native(UND, "write", "(IJI)I", |vm, a| {
        let (fd, address, n) = (arg_int(a, 0), arg(a, 1), arg_int(a, 3));
        // SAFETY: the JDK passes a native buffer of at least `n` bytes.
        let r = restartable(|| unsafe { libc::write(fd, address as *const _, n as usize) });
        int_or_throw(vm, r.map(|n| n as i32))
    });

    // Attributes, through statx as JDK 17.0.15 does (it reports birth times).
    let sig = "(JLsun/nio/fs/UnixFileAttributes;)V";
    vm.register_native(UND, "stat0", sig, |vm, a| {
        let st = sys::statx(libc::AT_FDCWD, native_str(arg(a, 0)), 0);
        fill_or_throw(vm, arg(a, 2), st)
    });
    vm.register_native(UND, "lstat0", sig, |vm, a| {
        let st = sys::statx(
            libc::AT_FDCWD,
            native_str(arg(a, 0)),
            libc::AT_SYMLINK_NOFOLLOW,
        );
        fill_or_throw(vm, arg(a, 2), st)
    });
    vm.register_native(
        UND,
        "fstat",
        "(ILsun/nio/fs/UnixFileAttributes;)V",
        |vm, a| {
            let st = sys::statx(arg_int(a, 0), c"", libc::AT_EMPTY_PATH);
            fill_or_throw(vm, arg(a, 1), st)
        },
    );
    vm.register_native(
        UND,
        "fstatat0",
        "(IJILsun/nio/fs/UnixFileAttributes;)V",
        |vm, a| {
            let st = sys::statx(arg_int(a, 0), native_str(arg(a, 1)), arg_int(a, 3));
            fill_or_throw(vm, arg(a, 4), st)
        },
    );
    vm.register_native(UND, "stat1", "(J)I", |_, a| {
        let st = sys::statx(libc::AT_FDCWD, native_str(arg(a, 0)), 0);
        Ok(int(st.map_or(0, |st| i32::from(st.stx_mode))))
    });
    vm.register_native(UND, "exists0", "(J)Z", |_, a| {
        let path = native_str(arg(a, 0));
        // SAFETY: `path` is NUL-terminated and alive for the call.
        let r = restartable(|| unsafe { libc::access(path.as_ptr(), libc::F_OK) });
        Ok(u64::from(r.is_ok()))
    });
    vm.register_native(UND, "access0", "(JI)V", |vm, a| {
        let (path, mode) = (native_str(arg(a, 0)), arg_int(a, 2));
        // SAFETY: `path` is NUL-terminated and alive for the call.
        let r = restartable(|| unsafe { libc::access(path.as_ptr(), mode) });
        void_or_throw(vm, r)
    });
    vm.register_native(
        UND,
        "statvfs0",
        "(JLsun/nio/fs/UnixFileStoreAttributes;)V",
        statvfs,
    );

    // Changes to a path: each returns nothing and throws on failure.
    vm.register_native(UND, "mkdir0", "(JI)V", |vm, a| {
        let (path, mode) = (native_str(arg(a, 0)), arg_int(a, 2) as libc::mode_t);
        // SAFETY: `path` is NUL-terminated and alive for the call.
        once_or_throw(vm, unsafe { libc::mkdir(path.as_ptr(), mode) })
    });
    vm.register_native(UND, "rmdir0", "(J)V", |vm, a| {
        let path = native_str(arg(a, 0));
        // SAFETY: `path` is NUL-terminated and alive for the call.
        once_or_throw(vm, unsafe { libc::rmdir(path.as_ptr()) })
    });
    vm.register_native(UND, "unlink0", "(J)V", |vm, a| {
        let path = native_str(arg(a, 0));
        // SAFETY: `path` is NUL-terminated and alive for the call.
        once_or_throw(vm, unsafe { libc::unlink(path.as_ptr()) })
    });
    vm.register_native(UND, "unlinkat0", "(IJI)V", |vm, a| {
        let (dfd, path, flags) = (arg_int(a, 0), native_str(arg(a, 1)), arg_int(a, 3));
        // SAFETY: `path` is NUL-terminated and alive for the call.
        once_or_throw(vm, unsafe { libc::unlinkat(dfd, path.as_ptr(), flags) })
    });
    vm.register_native(UND, "rename0", "(JJ)V", |vm, a| {
        let (from, to) = (native_str(arg(a, 0)), native_str(arg(a, 2)));
        // SAFETY: both paths are NUL-terminated and alive for the call.
        once_or_throw(vm, unsafe { libc::rename(from.as_ptr(), to.as_ptr()) })
    });
    vm.register_native(UND, "renameat0", "(IJIJ)V", |vm, a| {
        let (from, to) = (native_str(arg(a, 1)), native_str(arg(a, 4)));
        let (from_fd, to_fd) = (arg_int(a, 0), arg_int(a, 3));
        // SAFETY: both paths are NUL-terminated and alive for the call.
        let r = unsafe { libc::renameat(from_fd, from.as_ptr(), to_fd, to.as_ptr()) };
        once_or_throw(vm, r)
    });
    vm.register_native(UND, "link0", "(JJ)V", |vm, a| {
        let (existing, new) = (native_str(arg(a, 0)), native_str(arg(a, 2)));
        // SAFETY: both paths are NUL-terminated and alive for the call.
        let r = restartable(|| unsafe { libc::link(existing.as_ptr(), new.as_ptr()) });
        void_or_throw(vm, r)
    });
    vm.register_native(UND, "symlink0", "(JJ)V", |vm, a| {
        let (target, link) = (native_str(arg(a, 0)), native_str(arg(a, 2)));
        // SAFETY: both paths are NUL-terminated and alive for the call.
        once_or_throw(vm, unsafe { libc::symlink(target.as_ptr(), link.as_ptr()) })
    });
    vm.register_native(UND, "mknod0", "(JIJ)V", |vm, a| {
        let (path, mode, dev) = (native_str(arg(a, 0)), arg_int(a, 2), arg(a, 3));
        // SAFETY: `path` is NUL-terminated and alive for the call.
        let r = restartable(|| unsafe { libc::mknod(path.as_ptr(), mode as libc::mode_t, dev) });
        void_or_throw(vm, r)
    });
    vm.register_native(UND, "readlink0", "(J)[B", |vm, a| {
        let path = native_str(arg(a, 0));
        let mut target = vec![0u8; libc::PATH_MAX as usize + 1];
        // SAFETY: `path` is NUL-terminated; `target` is writable for its whole length.
        let n = unsafe { libc::readlink(path.as_ptr(), target.as_mut_ptr().cast(), target.len()) };
        if n == -1 {
            return unix_error(vm, Errno::last());
        }
        if n as usize == target.len() {
            return unix_error(vm, Errno(libc::ENAMETOOLONG));
        }
        target.truncate(n as usize);
        if let Some(nul) = target.iter().position(|&b| b == 0) {
            target.truncate(nul);
        }
        vm.new_byte_array(&target)
    });
    vm.register_native(UND, "realpath0", "(J)[B", |vm, a| {
        match sys::realpath(native_str(arg(a, 0)).to_bytes()) {
            Ok(p) => vm.new_byte_array(&p),
            Err(e) => unix_error(vm, e),
        }
    });

    // Permissions, owners, times.
    vm.register_native(UND, "chmod0", "(JI)V", |vm, a| {
        let (path, mode) = (native_str(arg(a, 0)), arg_int(a, 2) as libc::mode_t);
        // SAFETY: `path` is NUL-terminated and alive for the call.
        void_or_throw(
            vm,
            restartable(|| unsafe { libc::chmod(path.as_ptr(), mode) }),
        )
    });
    vm.register_native(UND, "fchmod", "(II)V", |vm, a| {
        let (fd, mode) = (arg_int(a, 0), arg_int(a, 1) as libc::mode_t);
        // SAFETY: no memory is involved.
        void_or_throw(vm, restartable(|| unsafe { libc::fchmod(fd, mode) }))
    });
    vm.register_native(UND, "chown0", "(JII)V", |vm, a| {
        let (path, uid, gid) = (native_str(arg(a, 0)), arg_int(a, 2), arg_int(a, 3));
        // SAFETY: `path` is NUL-terminated and alive for the call.
        let r = restartable(|| unsafe { libc::chown(path.as_ptr(), uid as u32, gid as u32) });
        void_or_throw(vm, r)
    });
    vm.register_native(UND, "lchown0", "(JII)V", |vm, a| {
        let (path, uid, gid) = (native_str(arg(a, 0)), arg_int(a, 2), arg_int(a, 3));
        // SAFETY: `path` is NUL-terminated and alive for the call.
        let r = restartable(|| unsafe { libc::lchown(path.as_ptr(), uid as u32, gid as u32) });
        void_or_throw(vm, r)
    });
    vm.register_native(UND, "fchown", "(III)V", |vm, a| {
        let (fd, uid, gid) = (arg_int(a, 0), arg_int(a, 1), arg_int(a, 2));
        // SAFETY: no memory is involved.
        let r = restartable(|| unsafe { libc::fchown(fd, uid as u32, gid as u32) });
        void_or_throw(vm, r)
    });
    vm.register_native(UND, "utimes0", "(JJJ)V", |vm, a| {
        let path = native_str(arg(a, 0));
        let times = micros_pair(arg(a, 2) as i64, arg(a, 4) as i64);
        // SAFETY: `path` is NUL-terminated, `times` two timevals, both alive for the call.
        let r = restartable(|| unsafe { libc::utimes(path.as_ptr(), times.as_ptr()) });
        void_or_throw(vm, r)
    });
    vm.register_native(UND, "lutimes0", "(JJJ)V", |vm, a| {
        let path = native_str(arg(a, 0));
        let times = micros_pair(arg(a, 2) as i64, arg(a, 4) as i64);
        // SAFETY: `path` is NUL-terminated, `times` two timevals, both alive for the call.
        let r = restartable(|| unsafe { libc::lutimes(path.as_ptr(), times.as_ptr()) });
        void_or_throw(vm, r)
    });
    vm.register_native(UND, "futimes", "(IJJ)V", |vm, a| {
        let times = micros_pair(arg(a, 1) as i64, arg(a, 3) as i64);
        let fd = arg_int(a, 0);
        // SAFETY: `times` is two timevals alive for the call (futimesat with a null path
        // changes the descriptor's file).
        let r = restartable(|| unsafe { libc::futimes(fd, times.as_ptr()) });
        void_or_throw(vm, r)
    });
    vm.register_native(UND, "futimens", "(IJJ)V", |vm, a| {
        let nanos = |t: i64| libc::timespec {
            tv_sec: t / 1_000_000_000,
            tv_nsec: t % 1_000_000_000,
        };
        let times = [nanos(arg(a, 1) as i64), nanos(arg(a, 3) as i64)];
        let fd = arg_int(a, 0);
        // SAFETY: `times` is two timespecs alive for the call.
        let r = restartable(|| unsafe { libc::futimens(fd, times.as_ptr()) });
        void_or_throw(vm, r)
    });

    // Directories: a `DIR*` crosses as a long.
    vm.register_native(UND, "opendir0", "(J)J", |vm, a| {
        let path = native_str(arg(a, 0));
        // SAFETY: `path` is NUL-terminated and alive for the call.
        let dir = unsafe { libc::opendir(path.as_ptr()) };
        if dir.is_null() {
            return unix_error(vm, Errno::last());
        }
        Ok(dir as u64)
    });
    vm.register_native(UND, "fdopendir", "(I)J", |vm, a| {
        // SAFETY: the descriptor number is handed to the C library; no memory is involved.
        let dir = unsafe { libc::fdopendir(arg_int(a, 0)) };
        if dir.is_null() {
            return unix_error(vm, Errno::last());
        }
        Ok(dir as u64)
    });
    vm.register_native(UND, "closedir", "(J)V", |vm, a| {
        // SAFETY: the JDK passes a `DIR*` from opendir0/fdopendir, closed once.
        if unsafe { libc::closedir(arg(a, 0) as *mut libc::DIR) } == -1 {
            let e = Errno::last();
            if e.0 != libc::EINTR {
                return unix_error(vm, e);
            }
        }
        Ok(0)
    });
    vm.register_native(UND, "readdir", "(J)[B", |vm, a| {
        match sys::readdir(arg(a, 0) as *mut libc::DIR) {
            Ok(Some(name)) => vm.new_byte_array(&name),
            Ok(None) => Ok(0),
            Err(e) => unix_error(vm, e),
        }
    });

    // Users and groups.
    vm.register_native(UND, "getpwuid", "(I)[B", |vm, a| {
        match sys::user_name(arg_int(a, 0) as u32) {
            Ok(name) => vm.new_byte_array(&name),
            Err(e) => unix_error(vm, e),
        }
    });
    vm.register_native(UND, "getgrgid", "(I)[B", |vm, a| {
        match sys::group_name(arg_int(a, 0) as u32) {
            Ok(name) => vm.new_byte_array(&name),
            Err(e) => unix_error(vm, e),
        }
    });
    vm.register_native(UND, "getpwnam0", "(J)I", |vm, a| {
        match sys::user_id(native_str(arg(a, 0))) {
            Ok(id) => Ok(int(id)),
            Err(e) => unix_error(vm, e),
        }
    });
    vm.register_native(UND, "getgrnam0", "(J)I", |vm, a| {
        match sys::group_id(native_str(arg(a, 0))) {
            Ok(id) => Ok(int(id)),
            Err(e) => unix_error(vm, e),
        }
    });

    // Extended attributes on an open file.
    vm.register_native(UND, "fgetxattr0", "(IJJI)I", |vm, a| {
        let (fd, name, value, len) = (
            arg_int(a, 0),
            native_str(arg(a, 1)),
            arg(a, 3),
            arg_int(a, 5),
        );
        // SAFETY: `name` is NUL-terminated; the JDK passes a buffer of `len` bytes.
        let r = unsafe { libc::fgetxattr(fd, name.as_ptr(), value as *mut _, len as usize) };
        size_or_throw(vm, r)
    });
    vm.register_native(UND, "fsetxattr0", "(IJJI)V", |vm, a| {
        let (fd, name, value, len) = (
            arg_int(a, 0),
            native_str(arg(a, 1)),
            arg(a, 3),
            arg_int(a, 5),
        );
        // SAFETY: `name` is NUL-terminated; the JDK passes a buffer of `len` bytes.
        let r = unsafe { libc::fsetxattr(fd, name.as_ptr(), value as *const _, len as usize, 0) };
        once_or_throw(vm, r)
    });
    vm.register_native(UND, "fremovexattr0", "(IJ)V", |vm, a| {
        let (fd, name) = (arg_int(a, 0), native_str(arg(a, 1)));
        // SAFETY: `name` is NUL-terminated and alive for the call.
        once_or_throw(vm, unsafe { libc::fremovexattr(fd, name.as_ptr()) })
    });
    vm.register_native(UND, "flistxattr", "(IJI)I", |vm, a| {
        let (fd, list, size) = (arg_int(a, 0), arg(a, 1), arg_int(a, 3));
        // SAFETY: the JDK passes a buffer of `size` bytes.
        let r = unsafe { libc::flistxattr(fd, list as *mut c_char, size as usize) };
        size_or_throw(vm, r)
    });
}

/// `UnixCopyFile.transfer(dst, src, cancel)`: copies the rest of `src` into `dst` in the
/// kernel (`sendfile`), in 1 MiB steps when a cancel flag (a native int) is given.
fn copy_transfer(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let (dst, src, cancel) = (arg_int(a, 0), arg_int(a, 1), arg(a, 2) as *const i32);
    // sendfile's largest step, or 1 MiB so a cancellation is seen in time.
    let count = if cancel.is_null() {
        0x7fff_f000
    } else {
        1 << 20
    };
    loop {
        // SAFETY: a null offset makes sendfile use and advance `src`'s own offset.
        let sent = restartable(|| unsafe { libc::sendfile(dst, src, std::ptr::null_mut(), count) });
        let sent = match sent {
            Ok(n) => n,
            Err(e) => return unix_error(vm, e),
        };
        // SAFETY: a non-null `cancel` is the address of a native int the JDK keeps alive
        // for the copy; another thread may set it, hence the volatile read.
        if !cancel.is_null() && unsafe { std::ptr::read_volatile(cancel) } != 0 {
            return unix_error(vm, Errno(libc::ECANCELED));
        }
        if sent == 0 {
            return Ok(0);
        }
    }
}

/// The NUL-terminated string at native `address` (a `NativeBuffer` the JDK filled); the
/// empty string for a null address.
fn native_str<'a>(address: u64) -> &'a CStr {
    if address == 0 {
        return c"";
    }
    // SAFETY: the JDK's dispatcher passes the address of a live NativeBuffer holding a
    // NUL-terminated path, valid until the native returns.
    unsafe { CStr::from_ptr(address as *const c_char) }
}

/// Throws `sun.nio.fs.UnixException(errno)`.
pub(super) fn unix_error<T>(vm: &mut Vm, e: Errno) -> Result<T, Thrown> {
    let cid = vm.load(LoaderId::BOOTSTRAP, "sun/nio/fs/UnixException")?;
    vm.initialize(cid)?;
    let ctor = vm.classes[cid as usize]
        .linked
        .declared_method("<init>", "(I)V")
        .cloned();
    let Some(ctor) = ctor else {
        return vm.throw("java/lang/InternalError", "no UnixException(int)");
    };
    let object = vm.new_instance(cid)?;
    let mid = vm.method_id(&ctor);
    vm.call_method(mid, &[object, int(e.0)])?;
    Err(Thrown(object))
}

fn int_or_throw(vm: &mut Vm, r: Result<i32, Errno>) -> Result<u64, Thrown> {
    match r {
        Ok(v) => Ok(int(v)),
        Err(e) => unix_error(vm, e),
    }
}

fn void_or_throw(vm: &mut Vm, r: Result<i32, Errno>) -> Result<u64, Thrown> {
    r.map_or_else(|e| unix_error(vm, e), |_| Ok(0))
}

/// For calls the JDK does not retry on `EINTR` (not listed as a possible error).
fn once_or_throw(vm: &mut Vm, r: libc::c_int) -> Result<u64, Thrown> {
    if r == -1 {
        unix_error(vm, Errno::last())
    } else {
        Ok(0)
    }
}

fn size_or_throw(vm: &mut Vm, r: libc::ssize_t) -> Result<u64, Thrown> {
    if r == -1 {
        unix_error(vm, Errno::last())
    } else {
        Ok(int(r as i32))
    }
}

/// Access and modification times in microseconds as `utimes` takes them.
fn micros_pair(access: i64, modification: i64) -> [libc::timeval; 2] {
    let tv = |t: i64| libc::timeval {
        tv_sec: t / 1_000_000,
        tv_usec: t % 1_000_000,
    };
    [tv(access), tv(modification)]
}

/// Offsets of `UnixFileAttributes`' fields, in the order [`fill_attributes`] writes them.
const ATTR_FIELDS: [(&str, &str); 16] = [
    ("st_mode", "I"),
    ("st_ino", "J"),
    ("st_dev", "J"),
    ("st_rdev", "J"),
    ("st_nlink", "I"),
    ("st_uid", "I"),
    ("st_gid", "I"),
    ("st_size", "J"),
    ("st_atime_sec", "J"),
    ("st_atime_nsec", "J"),
    ("st_mtime_sec", "J"),
    ("st_mtime_nsec", "J"),
    ("st_ctime_sec", "J"),
    ("st_ctime_nsec", "J"),
    ("st_birthtime_sec", "J"),
    ("st_birthtime_nsec", "J"),
];

thread_local! {
    static ATTR_OFFSETS: Cell<Option<[u32; 16]>> = const { Cell::new(None) };
}

fn attr_offsets(vm: &mut Vm) -> Result<[u32; 16], Thrown> {
    if let Some(o) = ATTR_OFFSETS.get() {
        return Ok(o);
    }
    let mut o = [0u32; 16];
    for (slot, (name, descriptor)) in o.iter_mut().zip(ATTR_FIELDS) {
        *slot = vm.field_offset_of(ATTRS, name, descriptor)?;
    }
    ATTR_OFFSETS.set(Some(o));
    Ok(o)
}

/// Copies a `statx` result into a `UnixFileAttributes`, or throws its error.
fn fill_or_throw(vm: &mut Vm, attrs: u64, st: Result<libc::statx, Errno>) -> Result<u64, Thrown> {
    let st = match st {
        Ok(st) => st,
        Err(e) => return unix_error(vm, e),
    };
    vm.non_null(attrs)?;
    let o = attr_offsets(vm)?;
    let dev = libc::makedev(st.stx_dev_major, st.stx_dev_minor);
    let rdev = libc::makedev(st.stx_rdev_major, st.stx_rdev_minor);
    let ints = [
        (0, i32::from(st.stx_mode)),
        (4, st.stx_nlink as i32),
        (5, st.stx_uid as i32),
        (6, st.stx_gid as i32),
    ];
    for (i, v) in ints {
        vm.put_int(attrs, o[i], v);
    }
    let longs = [
        (1, st.stx_ino as i64),
        (2, dev as i64),
        (3, rdev as i64),
        (7, st.stx_size as i64),
        (8, st.stx_atime.tv_sec),
        (9, i64::from(st.stx_atime.tv_nsec)),
        (10, st.stx_mtime.tv_sec),
        (11, i64::from(st.stx_mtime.tv_nsec)),
        (12, st.stx_ctime.tv_sec),
        (13, i64::from(st.stx_ctime.tv_nsec)),
        (14, st.stx_btime.tv_sec),
        (15, i64::from(st.stx_btime.tv_nsec)),
    ];
    for (i, v) in longs {
        vm.put_long(attrs, o[i], v);
    }
    Ok(0)
}

/// `statvfs0(path, attrs)`: block size and counts into a `UnixFileStoreAttributes`.
fn statvfs(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let path = native_str(arg(a, 0));
    // SAFETY: an all-zero statvfs is a valid value of this plain C struct.
    let mut fs: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: `path` is NUL-terminated and `fs` writable, both alive for the call.
    if let Err(e) = restartable(|| unsafe { libc::statvfs(path.as_ptr(), &mut fs) }) {
        return unix_error(vm, e);
    }
    const STORE: &str = "sun/nio/fs/UnixFileStoreAttributes";
    let attrs = vm.non_null(arg(a, 2))?;
    for (name, value) in [
        ("f_frsize", fs.f_frsize),
        ("f_blocks", fs.f_blocks),
        ("f_bfree", fs.f_bfree),
        ("f_bavail", fs.f_bavail),
    ] {
        let offset = vm.field_offset_of(STORE, name, "J")?;
        vm.put_long(attrs, offset, value as i64);
    }
    Ok(long(0))
}
