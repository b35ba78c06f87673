//! `sun.nio.ch` natives behind file channels (`Files.readAllBytes`, `Files.write`,
//! `FileChannel`): `FileDispatcherImpl`, `IOUtil`, `NativeThread`, `FileChannelImpl`, as
//! the JDK's `libnio` makes them. Buffers are native addresses (direct buffers); results
//! follow `sun.nio.ch.IOStatus`: -1 end of file, -2 unavailable, -3 interrupted (the Java
//! side retries), -4 unsupported, -5 thrown, -6 unsupported case.

use std::cell::Cell;

use super::sys::{self, Errno};
use super::{io_error, long, stream_fields};
use crate::natives::{NativeFn, arg, arg_int, int};
use crate::vm::{Thrown, Vm};

const EOF: i64 = -1;
const UNAVAILABLE: i64 = -2;
const INTERRUPTED: i64 = -3;
const THROWN: i64 = -5;
const UNSUPPORTED_CASE: i64 = -6;

const FDI: &str = "sun/nio/ch/FileDispatcherImpl";
const IOU: &str = "sun/nio/ch/IOUtil";
const FD: &str = "Ljava/io/FileDescriptor;";

thread_local! {
    /// One end of a socket pair that `preClose0` duplicates over a descriptor, so a
    /// closing channel's number stays taken until the real close (made by `init`).
    static PRE_CLOSE_FD: Cell<i32> = const { Cell::new(-1) };
}

pub(super) fn register(vm: &mut Vm) {
    vm.register_native(FDI, "init", "()V", |vm, _| {
        let mut sp = [0i32; 2];
        // SAFETY: `sp` has room for the two descriptors socketpair writes.
        if unsafe { libc::socketpair(libc::AF_UNIX, libc::SOCK_STREAM, 0, sp.as_mut_ptr()) } < 0 {
            return io_error(vm, Errno::last(), Some("socketpair failed"));
        }
        PRE_CLOSE_FD.set(sp[0]);
        let _ = sys::close(sp[1]);
        Ok(0)
    });
    vm.register_native(FDI, "read0", "(Ljava/io/FileDescriptor;JI)I", |vm, a| {
        let fd = fd_val(vm, arg(a, 0))?;
        // SAFETY: the JDK passes a native buffer of at least `len` bytes.
        let n = unsafe { libc::read(fd, arg(a, 1) as *mut _, arg_int(a, 3) as usize) };
        converted(vm, n as i64, true).map(|v| int(v as i32))
    });
    vm.register_native(FDI, "pread0", "(Ljava/io/FileDescriptor;JIJ)I", |vm, a| {
        let fd = fd_val(vm, arg(a, 0))?;
        let (address, len, position) = (arg(a, 1), arg_int(a, 3), arg(a, 4) as i64);
        // SAFETY: the JDK passes a native buffer of at least `len` bytes.
        let n = unsafe { libc::pread(fd, address as *mut _, len as usize, position) };
        converted(vm, n as i64, true).map(|v| int(v as i32))
    });
    vm.register_native(FDI, "readv0", "(Ljava/io/FileDescriptor;JI)J", |vm, a| {
        let fd = fd_val(vm, arg(a, 0))?;
        // SAFETY: the JDK passes an array of `len` iovecs describing native buffers.
        let n = unsafe { libc::readv(fd, arg(a, 1) as *const libc::iovec, arg_int(a, 3)) };
        converted(vm, n as i64, true).map(long)
    });
    vm.register_native(FDI, "write0", "(Ljava/io/FileDescriptor;JI)I", |vm, a| {
        let fd = fd_val(vm, arg(a, 0))?;
        // SAFETY: the JDK passes a native buffer of at least `len` bytes.
        let n = unsafe { libc::write(fd, arg(a, 1) as *const _, arg_int(a, 3) as usize) };
        converted(vm, n as i64, false).map(|v| int(v as i32))
    });
    vm.register_native(FDI, "pwrite0", "(Ljava/io/FileDescriptor;JIJ)I", |vm, a| {
        let fd = fd_val(vm, arg(a, 0))?;
        let (address, len, position) = (arg(a, 1), arg_int(a, 3), arg(a, 4) as i64);
        // SAFETY: the JDK passes a native buffer of at least `len` bytes.
        let n = unsafe { libc::pwrite(fd, address as *const _, len as usize, position) };
        converted(vm, n as i64, false).map(|v| int(v as i32))
    });
    vm.register_native(FDI, "writev0", "(Ljava/io/FileDescriptor;JI)J", |vm, a| {
        let fd = fd_val(vm, arg(a, 0))?;
        // SAFETY: the JDK passes an array of `len` iovecs describing native buffers.
        let n = unsafe { libc::writev(fd, arg(a, 1) as *const libc::iovec, arg_int(a, 3)) };
        converted(vm, n as i64, false).map(long)
    });
    vm.register_native(FDI, "force0", "(Ljava/io/FileDescriptor;Z)I", |vm, a| {
        let fd = fd_val(vm, arg(a, 0))?;
        // SAFETY: no memory is involved.
        let r = unsafe {
            if arg_int(a, 1) != 0 {
                libc::fsync(fd)
            } else {
                libc::fdatasync(fd)
            }
        };
        handled(vm, i64::from(r), "Force failed").map(|v| int(v as i32))
    });
    vm.register_native(FDI, "seek0", "(Ljava/io/FileDescriptor;J)J", |vm, a| {
        let fd = fd_val(vm, arg(a, 0))?;
        let offset = arg(a, 1) as i64;
        let r = if offset < 0 {
            sys::lseek(fd, 0, libc::SEEK_CUR)
        } else {
            sys::lseek(fd, offset, libc::SEEK_SET)
        };
        handled(vm, r.unwrap_or(-1), "lseek64 failed").map(long)
    });
    vm.register_native(FDI, "truncate0", "(Ljava/io/FileDescriptor;J)I", |vm, a| {
        let fd = fd_val(vm, arg(a, 0))?;
        // SAFETY: no memory is involved.
        let r = unsafe { libc::ftruncate(fd, arg(a, 1) as i64) };
        handled(vm, i64::from(r), "ftruncate64 failed").map(|v| int(v as i32))
    });
    vm.register_native(FDI, "size0", "(Ljava/io/FileDescriptor;)J", |vm, a| {
        let fd = fd_val(vm, arg(a, 0))?;
        let r = sys::file_length(fd).unwrap_or(-1);
        handled(vm, r, "fstat64 failed").map(long)
    });
    vm.register_native(FDI, "lock0", "(Ljava/io/FileDescriptor;ZJJZ)I", lock);
    vm.register_native(FDI, "release0", "(Ljava/io/FileDescriptor;JJ)V", |vm, a| {
        let fd = fd_val(vm, arg(a, 0))?;
        let fl = flock(libc::F_UNLCK as i16, arg(a, 1) as i64, arg(a, 3) as i64);
        // SAFETY: `fl` is a valid flock for the call.
        if unsafe { libc::fcntl(fd, libc::F_SETLK, &fl) } < 0 {
            return io_error(vm, Errno::last(), Some("Release failed"));
        }
        Ok(0)
    });
    vm.register_native(FDI, "close0", "(Ljava/io/FileDescriptor;)V", |vm, a| {
        let fd = fd_val(vm, arg(a, 0))?;
        close_fd(vm, fd)
    });
    vm.register_native(FDI, "closeIntFD", "(I)V", |vm, a| {
        close_fd(vm, arg_int(a, 0))
    });
    vm.register_native(FDI, "preClose0", "(Ljava/io/FileDescriptor;)V", |vm, a| {
        let fd = fd_val(vm, arg(a, 0))?;
        let pre = PRE_CLOSE_FD.get();
        // SAFETY: descriptor numbers only.
        if pre >= 0 && unsafe { libc::dup2(pre, fd) } < 0 {
            return io_error(vm, Errno::last(), Some("dup2 failed"));
        }
        Ok(0)
    });
    vm.register_native(
        FDI,
        "dup0",
        "(Ljava/io/FileDescriptor;Ljava/io/FileDescriptor;)V",
        |vm, a| {
            let (from, to) = (fd_val(vm, arg(a, 0))?, fd_val(vm, arg(a, 1))?);
            // SAFETY: descriptor numbers only.
            if unsafe { libc::dup2(from, to) } < 0 {
                return io_error(vm, Errno::last(), Some("dup2 failed"));
            }
            Ok(0)
        },
    );
    vm.register_native(FDI, "canTransferToFromOverlappedMap0", "()Z", |_, _| Ok(1));
    vm.register_native(FDI, "setDirect0", "(Ljava/io/FileDescriptor;)I", set_direct);

    let nop: NativeFn = |_, _| Ok(0);
    vm.register_native(IOU, "initIDs", "()V", nop);
    vm.register_native(IOU, "iovMax", "()I", |_, _| {
        // SAFETY: sysconf reads a limit; no memory is involved.
        let max = unsafe { libc::sysconf(libc::_SC_IOV_MAX) };
        Ok(int(if max == -1 { 16 } else { max as i32 }))
    });
    vm.register_native(IOU, "fdLimit", "()I", |vm, _| {
        // SAFETY: all-zero is a valid rlimit, written by the call.
        let mut rl: libc::rlimit = unsafe { std::mem::zeroed() };
        // SAFETY: `rl` is writable for the call.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut rl) } < 0 {
            return io_error(vm, Errno::last(), Some("getrlimit failed"));
        }
        let max = if rl.rlim_max == libc::RLIM_INFINITY || rl.rlim_max > i32::MAX as u64 {
            i32::MAX
        } else {
            rl.rlim_max as i32
        };
        Ok(int(max))
    });
    vm.register_native(IOU, "fdVal", "(Ljava/io/FileDescriptor;)I", |vm, a| {
        fd_val(vm, arg(a, 0)).map(int)
    });
    vm.register_native(IOU, "setfdVal", "(Ljava/io/FileDescriptor;I)V", |vm, a| {
        let fields = stream_fields(vm)?;
        let descriptor = vm.non_null(arg(a, 0))?;
        vm.put_int(descriptor, fields.fd, arg_int(a, 1));
        Ok(0)
    });
    vm.register_native(
        IOU,
        "configureBlocking",
        "(Ljava/io/FileDescriptor;Z)V",
        |vm, a| {
            let fd = fd_val(vm, arg(a, 0))?;
            match set_blocking(fd, arg_int(a, 1) != 0) {
                Ok(()) => Ok(0),
                Err(e) => io_error(vm, e, Some("Configure blocking failed")),
            }
        },
    );
    vm.register_native(IOU, "makePipe", "(Z)J", |vm, a| {
        let mut fds = [0i32; 2];
        // SAFETY: `fds` has room for the two descriptors pipe writes.
        if unsafe { libc::pipe(fds.as_mut_ptr()) } < 0 {
            return io_error(vm, Errno::last(), Some("Pipe failed"));
        }
        if arg_int(a, 0) == 0 {
            let r = set_blocking(fds[0], false).and_then(|()| set_blocking(fds[1], false));
            if let Err(e) = r {
                let _ = sys::close(fds[0]);
                let _ = sys::close(fds[1]);
                return io_error(vm, e, Some("Configure blocking failed"));
            }
        }
        Ok(((u64::from(fds[0] as u32)) << 32) | u64::from(fds[1] as u32))
    });
    vm.register_native(IOU, "write1", "(IB)I", |vm, a| {
        let byte = [arg_int(a, 1) as u8];
        // SAFETY: `byte` is one readable byte.
        let n = unsafe { libc::write(arg_int(a, 0), byte.as_ptr().cast(), 1) };
        converted(vm, n as i64, false).map(|v| int(v as i32))
    });
    vm.register_native(IOU, "drain", "(I)Z", |vm, a| {
        let mut total = 0i64;
        loop {
            let mut buf = [0u8; 16];
            // SAFETY: `buf` is writable for its length.
            let n = unsafe { libc::read(arg_int(a, 0), buf.as_mut_ptr().cast(), buf.len()) };
            total += n as i64;
            if n < 0 {
                let e = Errno::last();
                if e.0 != libc::EAGAIN {
                    return io_error(vm, e, Some("Drain"));
                }
            }
            if n as usize != buf.len() {
                return Ok(u64::from(total > 0));
            }
        }
    });
    vm.register_native(IOU, "drain1", "(I)I", |vm, a| {
        let mut buf = [0u8; 1];
        // SAFETY: `buf` is writable for its length.
        let n = unsafe { libc::read(arg_int(a, 0), buf.as_mut_ptr().cast(), 1) };
        if n >= 0 {
            return Ok(int(n as i32));
        }
        match Errno::last() {
            Errno(libc::EAGAIN) => Ok(0),
            Errno(libc::EINTR) => Ok(int(INTERRUPTED as i32)),
            e => io_error(vm, e, Some("read")).map(|_: u64| int(THROWN as i32)),
        }
    });
    vm.register_native(IOU, "randomBytes", "([B)Z", |vm, _| {
        Err(vm.throw_new("java/lang/UnsupportedOperationException", None))
    });

    const NT: &str = "sun/nio/ch/NativeThread";
    vm.register_native(NT, "init", "()V", nop);
    // SAFETY: pthread_self has no preconditions.
    vm.register_native(NT, "current", "()J", |_, _| {
        Ok(unsafe { libc::pthread_self() } as u64)
    });
    // Green threads share the one OS thread: no other thread can be blocked in a system
    // call to interrupt, and a signal would reach this very thread.
    vm.register_native(NT, "signal", "(J)V", nop);

    const FCI: &str = "sun/nio/ch/FileChannelImpl";
    vm.register_native(FCI, "initIDs", "()J", |_, _| {
        // SAFETY: sysconf reads a limit; no memory is involved.
        Ok(long(unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as i64))
    });
    vm.register_native(FCI, "maxDirectTransferSize0", "()I", |_, _| {
        Ok(int(0x7fff_f000))
    });
    vm.register_native(
        FCI,
        "transferTo0",
        "(Ljava/io/FileDescriptor;JJLjava/io/FileDescriptor;)J",
        transfer_to,
    );
    vm.register_native(FCI, "map0", "(IJJZ)J", map);
    vm.register_native(FCI, "unmap0", "(JJ)I", |vm, a| {
        // SAFETY: the JDK unmaps exactly a region map0 returned, once, after its buffer
        // became unreachable.
        let r = unsafe { libc::munmap(arg(a, 0) as *mut _, arg(a, 2) as usize) };
        handled(vm, i64::from(r), "Unmap failed").map(|v| int(v as i32))
    });
}

/// The descriptor number held by a `FileDescriptor` (the JDK's `fdval`).
fn fd_val(vm: &mut Vm, descriptor: u64) -> Result<i32, Thrown> {
    let fields = stream_fields(vm)?;
    let descriptor = vm.non_null(descriptor)?;
    Ok(vm.get_int(descriptor, fields.fd))
}

/// A read or write result in `IOStatus` terms (the JDK's `convertReturnVal`).
fn converted(vm: &mut Vm, n: i64, reading: bool) -> Result<i64, Thrown> {
    if n > 0 {
        return Ok(n);
    }
    if n == 0 {
        return Ok(if reading { EOF } else { 0 });
    }
    match Errno::last() {
        Errno(libc::EAGAIN) => Ok(UNAVAILABLE),
        Errno(libc::EINTR) => Ok(INTERRUPTED),
        e => io_error(
            vm,
            e,
            Some(if reading {
                "Read failed"
            } else {
                "Write failed"
            }),
        ),
    }
}

/// A non-negative result as is; -1 as `INTERRUPTED` or an `IOException` (the JDK's `handle`).
fn handled(vm: &mut Vm, r: i64, message: &str) -> Result<i64, Thrown> {
    if r >= 0 {
        return Ok(r);
    }
    match Errno::last() {
        Errno(libc::EINTR) => Ok(INTERRUPTED),
        e => io_error(vm, e, Some(message)),
    }
}

fn close_fd(vm: &mut Vm, fd: i32) -> Result<u64, Thrown> {
    if fd != -1
        && let Err(e) = sys::close(fd)
    {
        return io_error(vm, e, Some("Close failed"));
    }
    Ok(0)
}

fn set_blocking(fd: i32, blocking: bool) -> Result<(), Errno> {
    let flags = sys::status_flags(fd);
    if flags == -1 {
        return Err(Errno::last());
    }
    let new = if blocking {
        flags & !libc::O_NONBLOCK
    } else {
        flags | libc::O_NONBLOCK
    };
    // SAFETY: F_SETFL takes an int argument; no memory is involved.
    if new != flags && unsafe { libc::fcntl(fd, libc::F_SETFL, new) } < 0 {
        return Err(Errno::last());
    }
    Ok(())
}

/// A whole-range-from-`position` lock request (`Long.MAX_VALUE` size: to the end, forever).
fn flock(kind: i16, position: i64, size: i64) -> libc::flock {
    // SAFETY: all-zero is a valid flock.
    let mut fl: libc::flock = unsafe { std::mem::zeroed() };
    fl.l_whence = libc::SEEK_SET as i16;
    fl.l_start = position;
    fl.l_len = if size == i64::MAX { 0 } else { size };
    fl.l_type = kind;
    fl
}

/// `lock0(fd, blocking, position, size, shared)`: `LOCKED` 0, `NO_LOCK` -1 when a
/// non-blocking request finds the range taken, `INTERRUPTED` 2.
fn lock(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let fd = fd_val(vm, arg(a, 0))?;
    let blocking = arg_int(a, 1) != 0;
    let shared = arg_int(a, 6) != 0;
    let kind = if shared { libc::F_RDLCK } else { libc::F_WRLCK };
    let fl = flock(kind as i16, arg(a, 2) as i64, arg(a, 4) as i64);
    let cmd = if blocking {
        libc::F_SETLKW
    } else {
        libc::F_SETLK
    };
    // SAFETY: `fl` is a valid flock for the call.
    if unsafe { libc::fcntl(fd, cmd, &fl) } < 0 {
        let e = Errno::last();
        if !blocking && (e.0 == libc::EAGAIN || e.0 == libc::EACCES) {
            return Ok(int(-1));
        }
        if e.0 == libc::EINTR {
            return Ok(int(2));
        }
        return io_error(vm, e, Some("Lock failed"));
    }
    Ok(0)
}

/// `setDirect0(fd)`: turns on `O_DIRECT`; the file system's block size.
fn set_direct(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let fd = fd_val(vm, arg(a, 0))?;
    let flags = sys::status_flags(fd);
    // SAFETY: F_SETFL takes an int argument; no memory is involved.
    if flags == -1 || unsafe { libc::fcntl(fd, libc::F_SETFL, flags | libc::O_DIRECT) } == -1 {
        return io_error(vm, Errno::last(), Some("DirectIO setup failed"));
    }
    // SAFETY: all-zero is a valid statvfs, written by the call.
    let mut fs: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: `fs` is writable for the call.
    if unsafe { libc::fstatvfs(fd, &mut fs) } == -1 {
        return io_error(vm, Errno::last(), Some("DirectIO setup failed"));
    }
    Ok(int(fs.f_frsize as i32))
}

/// `transferTo0(src, position, count, dst)`: `sendfile`.
fn transfer_to(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let (src, dst) = (fd_val(vm, arg(a, 0))?, fd_val(vm, arg(a, 5))?);
    let mut offset = arg(a, 1) as i64;
    let count = arg(a, 3) as i64;
    // SAFETY: `offset` is a valid off_t for the call.
    let n = unsafe { libc::sendfile(dst, src, &mut offset, count as usize) };
    if n >= 0 {
        return Ok(long(n as i64));
    }
    match Errno::last() {
        Errno(libc::EAGAIN) => Ok(long(UNAVAILABLE)),
        Errno(libc::EINVAL) if count >= 0 => Ok(long(UNSUPPORTED_CASE)),
        Errno(libc::EINTR) => Ok(long(INTERRUPTED)),
        e => io_error(vm, e, Some("Transfer failed")),
    }
}

/// `map0(mode, position, length, sync)`: `mmap` of the channel's file; `MAP_RO` 0,
/// `MAP_RW` 1, `MAP_PV` 2 (private copy on write).
fn map(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let offset = vm.field_offset_of("sun/nio/ch/FileChannelImpl", "fd", FD)?;
    let descriptor = vm.get_ref(arg(a, 0), offset);
    let fd = fd_val(vm, descriptor)?;
    let (prot, flags) = match arg_int(a, 1) {
        0 => (libc::PROT_READ, libc::MAP_SHARED),
        1 => (libc::PROT_READ | libc::PROT_WRITE, libc::MAP_SHARED),
        _ => (libc::PROT_READ | libc::PROT_WRITE, libc::MAP_PRIVATE),
    };
    if arg_int(a, 6) != 0 {
        return vm.throw(
            "java/lang/UnsupportedOperationException",
            "MAP_SYNC is not supported",
        );
    }
    let (position, length) = (arg(a, 2) as i64, arg(a, 4) as usize);
    // SAFETY: a fresh mapping chosen by the kernel; nothing else is touched.
    let address = unsafe { libc::mmap(std::ptr::null_mut(), length, prot, flags, fd, position) };
    if address == libc::MAP_FAILED {
        let e = Errno::last();
        if e.0 == libc::ENOMEM {
            return vm.throw("java/lang/OutOfMemoryError", "Map failed");
        }
        return io_error(vm, e, Some("Map failed"));
    }
    Ok(address as u64)
}
