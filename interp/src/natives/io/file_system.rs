//! `java.io.UnixFileSystem`: the path-based natives behind `java.io.File`, as the JDK's
//! `UnixFileSystem_md.c` makes them. Failures are `false`/0/null, not exceptions, except
//! where the JDK throws (`canonicalize0`, `createFileExclusively`).

use std::ffi::{CStr, CString};
use std::os::unix::ffi::OsStrExt;

use super::sys;
use super::{file_path_field, io_error, long};
use crate::natives::{NativeFn, arg, arg_int, int};
use crate::vm::{Thrown, Vm};

/// `FileSystem.BA_EXISTS`, `BA_REGULAR`, `BA_DIRECTORY` (`BA_HIDDEN` is decided in Java).
const BA_EXISTS: i32 = 1;
const BA_REGULAR: i32 = 2;
const BA_DIRECTORY: i32 = 4;

/// `FileSystem.ACCESS_READ`, `ACCESS_WRITE`, `ACCESS_EXECUTE`.
const ACCESS_READ: i32 = 4;
const ACCESS_WRITE: i32 = 2;
const ACCESS_EXECUTE: i32 = 1;

/// `FileSystem.SPACE_TOTAL`, `SPACE_FREE`, `SPACE_USABLE`.
const SPACE_TOTAL: i32 = 0;
const SPACE_FREE: i32 = 1;
const SPACE_USABLE: i32 = 2;

const UFS: &str = "java/io/UnixFileSystem";

pub(super) fn register(vm: &mut Vm) {
    let nop: NativeFn = |_, _| Ok(0);
    vm.register_native(UFS, "initIDs", "()V", nop);
    vm.register_native(
        UFS,
        "canonicalize0",
        "(Ljava/lang/String;)Ljava/lang/String;",
        canonicalize,
    );
    vm.register_native(
        UFS,
        "getBooleanAttributes0",
        "(Ljava/io/File;)I",
        |vm, a| {
            let path = file_path(vm, arg(a, 1))?;
            let attributes = sys::stat(&path).map_or(0, |st| {
                let kind = st.st_mode & libc::S_IFMT;
                BA_EXISTS
                    | if kind == libc::S_IFREG { BA_REGULAR } else { 0 }
                    | if kind == libc::S_IFDIR {
                        BA_DIRECTORY
                    } else {
                        0
                    }
            });
            Ok(int(attributes))
        },
    );
    vm.register_native(UFS, "checkAccess", "(Ljava/io/File;I)Z", |vm, a| {
        let path = file_path(vm, arg(a, 1))?;
        let mode = match arg_int(a, 2) {
            ACCESS_READ => libc::R_OK,
            ACCESS_WRITE => libc::W_OK,
            ACCESS_EXECUTE => libc::X_OK,
            _ => libc::F_OK,
        };
        // SAFETY: `path` is a NUL-terminated string alive for the call.
        Ok(u64::from(
            retry(|| unsafe { libc::access(path.as_ptr(), mode) }) == 0,
        ))
    });
    vm.register_native(UFS, "getLastModifiedTime", "(Ljava/io/File;)J", |vm, a| {
        let path = file_path(vm, arg(a, 1))?;
        Ok(long(sys::stat(&path).map_or(0, |st| {
            st.st_mtime * 1000 + st.st_mtime_nsec / 1_000_000
        })))
    });
    vm.register_native(UFS, "getLength", "(Ljava/io/File;)J", |vm, a| {
        let path = file_path(vm, arg(a, 1))?;
        Ok(long(sys::stat(&path).map_or(0, |st| st.st_size)))
    });
    vm.register_native(UFS, "setPermission", "(Ljava/io/File;IZZ)Z", set_permission);
    vm.register_native(
        UFS,
        "createFileExclusively",
        "(Ljava/lang/String;)Z",
        create_file_exclusively,
    );
    vm.register_native(UFS, "delete0", "(Ljava/io/File;)Z", |vm, a| {
        let path = file_path(vm, arg(a, 1))?;
        // SAFETY: `path` is a NUL-terminated string alive for the call.
        Ok(u64::from(unsafe { libc::remove(path.as_ptr()) } == 0))
    });
    vm.register_native(UFS, "list", "(Ljava/io/File;)[Ljava/lang/String;", list);
    vm.register_native(UFS, "createDirectory", "(Ljava/io/File;)Z", |vm, a| {
        let path = file_path(vm, arg(a, 1))?;
        // SAFETY: `path` is a NUL-terminated string alive for the call.
        Ok(u64::from(unsafe { libc::mkdir(path.as_ptr(), 0o777) } == 0))
    });
    vm.register_native(
        UFS,
        "rename0",
        "(Ljava/io/File;Ljava/io/File;)Z",
        |vm, a| {
            let from = file_path(vm, arg(a, 1))?;
            let to = file_path(vm, arg(a, 2))?;
            // SAFETY: both paths are NUL-terminated strings alive for the call.
            Ok(u64::from(
                unsafe { libc::rename(from.as_ptr(), to.as_ptr()) } == 0,
            ))
        },
    );
    vm.register_native(
        UFS,
        "setLastModifiedTime",
        "(Ljava/io/File;J)Z",
        set_last_modified_time,
    );
    vm.register_native(UFS, "setReadOnly", "(Ljava/io/File;)Z", |vm, a| {
        let path = file_path(vm, arg(a, 1))?;
        let Ok(st) = sys::stat(&path) else {
            return Ok(0);
        };
        let mode = st.st_mode & !(libc::S_IWUSR | libc::S_IWGRP | libc::S_IWOTH);
        Ok(u64::from(chmod(&path, mode)))
    });
    vm.register_native(UFS, "getSpace", "(Ljava/io/File;I)J", get_space);
    vm.register_native(UFS, "getNameMax0", "(Ljava/lang/String;)J", |vm, a| {
        let path = sys::c_path(&vm.string_arg(arg(a, 1))?);
        // SAFETY: `path` is a NUL-terminated string alive for the call.
        let max = unsafe { libc::pathconf(path.as_ptr(), libc::_PC_NAME_MAX) };
        Ok(long(if max == -1 {
            i64::from(libc::NAME_MAX)
        } else {
            max as i64
        }))
    });
}

/// The platform path of `file` (`File.path`); `NullPointerException` for a null file or
/// path, as the JDK's `WITH_FIELD_PLATFORM_STRING`.
fn file_path(vm: &mut Vm, file: u64) -> Result<CString, Thrown> {
    vm.non_null(file)?;
    let offset = file_path_field(vm)?;
    let path = vm.get_ref(file, offset);
    Ok(sys::c_path(&vm.string_arg(path)?))
}

/// A Java string for platform bytes (UTF-8; malformed bytes become U+FFFD).
fn platform_string(vm: &mut Vm, bytes: &[u8]) -> Result<u64, Thrown> {
    vm.create_string(&String::from_utf8_lossy(bytes))
}

/// Runs a call returning -1 on failure until it is not interrupted.
fn retry(mut call: impl FnMut() -> libc::c_int) -> libc::c_int {
    loop {
        let r = call();
        if r != -1 || std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            return r;
        }
    }
}

/// `chmod(2)`, retried on `EINTR`; whether it succeeded.
fn chmod(path: &CStr, mode: libc::mode_t) -> bool {
    // SAFETY: `path` is a NUL-terminated string alive for the call.
    retry(|| unsafe { libc::chmod(path.as_ptr(), mode) }) == 0
}

/// `canonicalize0(path)`: see [`sys::canonicalize`]; `IOException` with the error's text
/// when a look-up fails for another reason than a missing name.
fn canonicalize(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let path = sys::c_path(&vm.string_arg(arg(a, 1))?);
    match sys::canonicalize(path.as_bytes()) {
        Ok(bytes) => platform_string(vm, &bytes),
        Err(e) => io_error(vm, e, Some("Bad pathname")),
    }
}

/// `setPermission(file, access, enable, ownerOnly)`: adds or removes the read, write or
/// execute bits for the owner, or for everyone.
fn set_permission(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let path = file_path(vm, arg(a, 1))?;
    let (enable, owner_only) = (arg_int(a, 3) != 0, arg_int(a, 4) != 0);
    let bits = match (arg_int(a, 2), owner_only) {
        (ACCESS_READ, true) => libc::S_IRUSR,
        (ACCESS_READ, false) => libc::S_IRUSR | libc::S_IRGRP | libc::S_IROTH,
        (ACCESS_WRITE, true) => libc::S_IWUSR,
        (ACCESS_WRITE, false) => libc::S_IWUSR | libc::S_IWGRP | libc::S_IWOTH,
        (ACCESS_EXECUTE, true) => libc::S_IXUSR,
        (ACCESS_EXECUTE, false) => libc::S_IXUSR | libc::S_IXGRP | libc::S_IXOTH,
        _ => 0,
    };
    let Ok(st) = sys::stat(&path) else {
        return Ok(0);
    };
    let mode = if enable {
        st.st_mode | bits
    } else {
        st.st_mode & !bits
    };
    Ok(u64::from(chmod(&path, mode)))
}

/// `createFileExclusively(path)`: true if this call created the file, false if it existed;
/// `IOException` for any other failure.
fn create_file_exclusively(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let path = sys::c_path(&vm.string_arg(arg(a, 1))?);
    // The root directory always exists.
    if path.as_bytes() == b"/" {
        return Ok(0);
    }
    match sys::open(&path, libc::O_RDWR | libc::O_CREAT | libc::O_EXCL, 0o666) {
        Ok(fd) => match sys::close(fd) {
            Ok(()) => Ok(1),
            Err(e) => io_error(vm, e, Some("Could not close file")),
        },
        Err(e) if e.0 == libc::EEXIST => Ok(0),
        Err(e) => io_error(vm, e, Some("Could not open file")),
    }
}

/// `list(dir)`: the names in a directory but `.` and `..`, in the order the kernel gives
/// them; null if it cannot be read.
fn list(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let path = file_path(vm, arg(a, 1))?;
    let dir = std::ffi::OsStr::from_bytes(path.as_bytes());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(0);
    };
    let mut names = Vec::new();
    // As readdir's end, a failing read ends the listing.
    for entry in entries.map_while(Result::ok) {
        names.push(platform_string(vm, entry.file_name().as_bytes())?);
    }
    vm.new_ref_array("[Ljava/lang/String;", &names)
}

/// `setLastModifiedTime(file, millis)`: keeps the access time.
fn set_last_modified_time(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let path = file_path(vm, arg(a, 1))?;
    let time = arg(a, 2) as i64;
    let Ok(st) = sys::stat(&path) else {
        return Ok(0);
    };
    let times = [
        libc::timeval {
            tv_sec: st.st_atime,
            tv_usec: st.st_atime_nsec / 1000,
        },
        libc::timeval {
            tv_sec: time / 1000,
            tv_usec: (time % 1000) * 1000,
        },
    ];
    // SAFETY: `path` is NUL-terminated and `times` two valid timevals, alive for the call.
    Ok(u64::from(
        unsafe { libc::utimes(path.as_ptr(), times.as_ptr()) } == 0,
    ))
}

/// `getSpace(file, kind)`: total, free or usable bytes of the file system holding `file`;
/// 0 if it cannot be asked.
fn get_space(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let path = file_path(vm, arg(a, 1))?;
    // SAFETY: an all-zero statvfs is a valid value of this plain C struct.
    let mut fs: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: `path` is NUL-terminated and `fs` writable, both alive for the call.
    if retry(|| unsafe { libc::statvfs(path.as_ptr(), &mut fs) }) != 0 {
        return Ok(0);
    }
    let blocks = match arg_int(a, 2) {
        SPACE_TOTAL => fs.f_blocks,
        SPACE_FREE => fs.f_bfree,
        SPACE_USABLE => fs.f_bavail,
        _ => 0,
    };
    Ok(long(fs.f_frsize.wrapping_mul(blocks) as i64))
}
