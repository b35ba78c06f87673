//! `FileDescriptor`, `FileCleanable`, `FileInputStream`, `FileOutputStream` and
//! `RandomAccessFile`: the JDK's `io_util.c`/`io_util_md.c` behaviour on the descriptor
//! held in each stream's `fd` field.

use super::sys::{self, Errno};
use super::{Stream, io_error, long, stream_closed, stream_fields};
use crate::natives::{NativeFn, arg, arg_int, int};
use crate::vm::{Thrown, Vm};

pub(super) fn register(vm: &mut Vm) {
    let nop: NativeFn = |_, _| Ok(0);
    for class in [
        "java/io/FileDescriptor",
        "java/io/FileInputStream",
        "java/io/FileOutputStream",
        "java/io/RandomAccessFile",
    ] {
        vm.register_native(class, "initIDs", "()V", nop);
    }

    const FD: &str = "java/io/FileDescriptor";
    // No Windows handles on Linux.
    vm.register_native(FD, "getHandle", "(I)J", |_, _| Ok(long(-1)));
    vm.register_native(FD, "getAppend", "(I)Z", |_, a| {
        // As the JDK: a descriptor that is not open (flags -1) reads as appending.
        Ok(u64::from(
            sys::status_flags(arg_int(a, 0)) & libc::O_APPEND != 0,
        ))
    });
    vm.register_native(FD, "close0", "()V", descriptor_close);
    vm.register_native(FD, "sync", "()V", descriptor_sync);
    vm.register_native(
        "java/io/FileCleanable",
        "cleanupClose0",
        "(IJ)V",
        |vm, a| {
            let fd = arg_int(a, 0);
            if fd != -1
                && let Err(e) = sys::close(fd)
            {
                return io_error(vm, e, Some("close failed"));
            }
            Ok(0)
        },
    );

    const IN: &str = "java/io/FileInputStream";
    vm.register_native(IN, "open0", "(Ljava/lang/String;)V", |vm, a| {
        open::<{ Stream::Input as usize }>(vm, arg(a, 0), arg(a, 1), libc::O_RDONLY)
    });
    vm.register_native(
        IN,
        "read0",
        "()I",
        read_single::<{ Stream::Input as usize }>,
    );
    vm.register_native(
        IN,
        "readBytes",
        "([BII)I",
        read_bytes::<{ Stream::Input as usize }>,
    );
    vm.register_native(IN, "skip0", "(J)J", input_skip);
    vm.register_native(IN, "available0", "()I", input_available);
    vm.register_native(IN, "length0", "()J", length::<{ Stream::Input as usize }>);
    vm.register_native(
        IN,
        "position0",
        "()J",
        position::<{ Stream::Input as usize }>,
    );

    const OUT: &str = "java/io/FileOutputStream";
    vm.register_native(OUT, "open0", "(Ljava/lang/String;Z)V", |vm, a| {
        let mode = if arg_int(a, 2) != 0 {
            libc::O_APPEND
        } else {
            libc::O_TRUNC
        };
        let flags = libc::O_WRONLY | libc::O_CREAT | mode;
        open::<{ Stream::Output as usize }>(vm, arg(a, 0), arg(a, 1), flags)
    });
    vm.register_native(
        OUT,
        "write",
        "(IZ)V",
        write_single::<{ Stream::Output as usize }>,
    );
    vm.register_native(
        OUT,
        "writeBytes",
        "([BIIZ)V",
        write_bytes::<{ Stream::Output as usize }>,
    );

    const RAF: &str = "java/io/RandomAccessFile";
    vm.register_native(RAF, "open0", "(Ljava/lang/String;I)V", |vm, a| {
        let flags = random_access_flags(arg_int(a, 2));
        open::<{ Stream::RandomAccess as usize }>(vm, arg(a, 0), arg(a, 1), flags)
    });
    vm.register_native(
        RAF,
        "read0",
        "()I",
        read_single::<{ Stream::RandomAccess as usize }>,
    );
    vm.register_native(
        RAF,
        "readBytes",
        "([BII)I",
        read_bytes::<{ Stream::RandomAccess as usize }>,
    );
    // `write0(int)` and `writeBytes(byte[], int, int)` have no `append` argument: the slot
    // read as `append` is absent (0), and appending changes nothing on Linux anyway.
    vm.register_native(
        RAF,
        "write0",
        "(I)V",
        write_single::<{ Stream::RandomAccess as usize }>,
    );
    vm.register_native(
        RAF,
        "writeBytes",
        "([BII)V",
        write_bytes::<{ Stream::RandomAccess as usize }>,
    );
    vm.register_native(
        RAF,
        "getFilePointer",
        "()J",
        position::<{ Stream::RandomAccess as usize }>,
    );
    vm.register_native(RAF, "seek0", "(J)V", random_access_seek);
    vm.register_native(
        RAF,
        "length",
        "()J",
        length::<{ Stream::RandomAccess as usize }>,
    );
    vm.register_native(RAF, "setLength", "(J)V", random_access_set_length);
}

/// The `open(2)` flags for `RandomAccessFile`'s mode bits (its `O_RDONLY` 1, `O_RDWR` 2,
/// `O_SYNC` 4, `O_DSYNC` 8).
pub(super) fn random_access_flags(mode: i32) -> i32 {
    if mode & 1 != 0 {
        libc::O_RDONLY
    } else if mode & 2 != 0 {
        let sync = if mode & 4 != 0 {
            libc::O_SYNC
        } else if mode & 8 != 0 {
            libc::O_DSYNC
        } else {
            0
        };
        libc::O_RDWR | libc::O_CREAT | sync
    } else {
        0
    }
}

/// The descriptor number of `stream` (the JDK's `getFD`): -1 when its `FileDescriptor` is
/// null or closed.
fn stream_fd<const S: usize>(vm: &mut Vm, stream: u64) -> Result<i32, Thrown> {
    let fields = stream_fields(vm)?;
    let descriptor = vm.get_ref(stream, fields.stream[S]);
    Ok(if descriptor == 0 {
        -1
    } else {
        vm.get_int(descriptor, fields.fd)
    })
}

/// The open descriptor of `stream`, or `IOException("Stream Closed")`.
fn open_fd<const S: usize>(vm: &mut Vm, stream: u64) -> Result<i32, Thrown> {
    match stream_fd::<S>(vm, stream)? {
        -1 => stream_closed(vm),
        fd => Ok(fd),
    }
}

/// Opens `path` for `stream` (the JDK's `fileOpen`): trailing slashes dropped, the
/// descriptor and its append mode stored in the stream's `FileDescriptor`;
/// `FileNotFoundException("path (reason)")` on failure.
fn open<const S: usize>(vm: &mut Vm, stream: u64, path: u64, flags: i32) -> Result<u64, Thrown> {
    let text = vm.string_arg(path)?;
    let mut c = sys::c_path(&text).into_bytes();
    while c.len() > 1 && c.last() == Some(&b'/') {
        c.pop();
    }
    let c = std::ffi::CString::new(c).unwrap_or_default();
    match sys::open(&c, flags, 0o666) {
        Ok(fd) => {
            let fields = stream_fields(vm)?;
            let descriptor = vm.get_ref(stream, fields.stream[S]);
            if descriptor != 0 {
                vm.put_int(descriptor, fields.fd, fd);
                vm.put_boolean(descriptor, fields.append, flags & libc::O_APPEND != 0);
            }
            Ok(0)
        }
        Err(e) => vm.throw(
            "java/io/FileNotFoundException",
            format!("{text} ({})", e.message()),
        ),
    }
}

/// Reads into `buf` from `fd`: the one place a Java thread reads a descriptor. While the
/// descriptor has nothing to read (a terminal, pipe or socket), the other green threads run.
fn read_fd(vm: &mut Vm, fd: i32, buf: &mut [u8]) -> Result<usize, Errno> {
    vm.wait_readable(fd);
    sys::read(fd, buf)
}

/// `read()`: the next byte, or -1 at end of file.
fn read_single<const S: usize>(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let fd = open_fd::<S>(vm, arg(a, 0))?;
    let mut byte = [0u8];
    match read_fd(vm, fd, &mut byte) {
        Ok(0) => Ok(int(-1)),
        Ok(_) => Ok(int(i32::from(byte[0]))),
        Err(e) => io_error(vm, e, Some("Read error")),
    }
}

/// `readBytes(b, off, len)`: bytes read into `b[off..]`, 0 for `len` 0, -1 at end of file.
fn read_bytes<const S: usize>(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let (address, len) = vm.byte_array_range(arg(a, 1), arg_int(a, 2), arg_int(a, 3))?;
    if len == 0 {
        return Ok(0);
    }
    let fd = open_fd::<S>(vm, arg(a, 0))?;
    // SAFETY: `address..address + len` lies inside the byte array (bounds checked by
    // `byte_array_range`); the heap does not move objects and nothing else touches the
    // array while the system call fills it.
    let buf = unsafe { std::slice::from_raw_parts_mut(address as *mut u8, len) };
    match read_fd(vm, fd, buf) {
        Ok(0) => Ok(int(-1)),
        Ok(n) => Ok(int(n as i32)),
        Err(e) => io_error(vm, e, Some("Read error")),
    }
}

/// `write(b, append)` / `write0(b)`: one byte.
fn write_single<const S: usize>(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let fd = open_fd::<S>(vm, arg(a, 0))?;
    match sys::write(fd, &[arg_int(a, 1) as u8]) {
        Ok(_) => Ok(0),
        Err(e) => io_error(vm, e, Some("Write error")),
    }
}

/// `writeBytes(b, off, len[, append])`: writes until every byte is out (a closed pipe is
/// `IOException("Broken pipe")`).
fn write_bytes<const S: usize>(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let (address, len) = vm.byte_array_range(arg(a, 1), arg_int(a, 2), arg_int(a, 3))?;
    // HotSpot copies the bytes out first, so a write sees the array as it was at the call.
    let mut bytes = vec![0u8; len];
    crate::heap::read_bytes(address, &mut bytes);
    let mut done = 0;
    while done < len {
        // The descriptor is read again each time, as the JDK does: another thread may
        // have closed the stream meanwhile.
        let fd = open_fd::<S>(vm, arg(a, 0))?;
        match sys::write(fd, &bytes[done..]) {
            Ok(n) => done += n,
            Err(e) => return io_error(vm, e, Some("Write error")),
        }
    }
    Ok(0)
}

/// `length0()` / `length()`: the file's size.
fn length<const S: usize>(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let fd = open_fd::<S>(vm, arg(a, 0))?;
    match sys::file_length(fd) {
        Ok(n) => Ok(long(n)),
        Err(e) => io_error(vm, e, Some("GetLength failed")),
    }
}

/// `position0()` / `getFilePointer()`: the descriptor's offset.
fn position<const S: usize>(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let fd = open_fd::<S>(vm, arg(a, 0))?;
    match sys::lseek(fd, 0, libc::SEEK_CUR) {
        Ok(n) => Ok(long(n)),
        Err(e) => io_error(vm, e, Some("Seek failed")),
    }
}

/// `FileInputStream.skip0(n)`: moves the offset by `n`; the distance moved.
fn input_skip(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let fd = open_fd::<{ Stream::Input as usize }>(vm, arg(a, 0))?;
    let n = arg(a, 1) as i64;
    let moved = sys::lseek(fd, 0, libc::SEEK_CUR)
        .and_then(|cur| sys::lseek(fd, n, libc::SEEK_CUR).map(|end| end - cur));
    match moved {
        Ok(d) => Ok(long(d)),
        Err(e) => io_error(vm, e, Some("Seek error")),
    }
}

/// `FileInputStream.available0()`: bytes readable without blocking, within `0..=i32::MAX`.
fn input_available(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let fd = open_fd::<{ Stream::Input as usize }>(vm, arg(a, 0))?;
    match sys::available(fd) {
        Ok(n) => Ok(int(n.clamp(0, i64::from(i32::MAX)) as i32)),
        Err(e) => io_error(vm, e, None),
    }
}

/// `RandomAccessFile.seek0(pos)`.
fn random_access_seek(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let fd = open_fd::<{ Stream::RandomAccess as usize }>(vm, arg(a, 0))?;
    let pos = arg(a, 1) as i64;
    if pos < 0 {
        return vm.throw("java/io/IOException", "Negative seek offset");
    }
    match sys::lseek(fd, pos, libc::SEEK_SET) {
        Ok(_) => Ok(0),
        Err(e) => io_error(vm, e, Some("Seek failed")),
    }
}

/// `RandomAccessFile.setLength(n)`: truncates or extends; the offset stays, or moves to the
/// new end if it was past it.
fn random_access_set_length(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let fd = open_fd::<{ Stream::RandomAccess as usize }>(vm, arg(a, 0))?;
    let length = arg(a, 1) as i64;
    let result = sys::lseek(fd, 0, libc::SEEK_CUR).and_then(|cur| {
        sys::ftruncate(fd, length)?;
        if cur > length {
            sys::lseek(fd, 0, libc::SEEK_END)
        } else {
            sys::lseek(fd, cur, libc::SEEK_SET)
        }
    });
    match result {
        Ok(_) => Ok(0),
        Err(e) => io_error(vm, e, Some("setLength failed")),
    }
}

/// `FileDescriptor.close0()`: sets `fd` to -1, then closes the descriptor; 0, 1 and 2 are
/// pointed at `/dev/null` instead, so their numbers stay taken.
fn descriptor_close(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let this = arg(a, 0);
    let fields = stream_fields(vm)?;
    let fd = vm.get_int(this, fields.fd);
    if fd == -1 {
        return Ok(0);
    }
    vm.put_int(this, fields.fd, -1);
    if (0..=2).contains(&fd) {
        if let Err(e) = sys::redirect_to_null(fd) {
            vm.put_int(this, fields.fd, fd);
            return io_error(vm, e, Some("open /dev/null failed"));
        }
    } else if let Err(e) = sys::close(fd)
        && e.0 != libc::EINTR
    {
        return io_error(vm, e, Some("close failed"));
    }
    Ok(0)
}

/// `FileDescriptor.sync()`: `fsync`, or `SyncFailedException("sync failed")`.
fn descriptor_sync(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let fields = stream_fields(vm)?;
    let fd = vm.get_int(arg(a, 0), fields.fd);
    match sys::fsync(fd) {
        Ok(()) => Ok(0),
        Err(_) => vm.throw("java/io/SyncFailedException", "sync failed"),
    }
}
