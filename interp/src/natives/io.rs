//! `java.io` natives: file descriptors, file streams, `RandomAccessFile`, `UnixFileSystem`,
//! `Console`. Each is the system call the JDK's `libjava` makes, with its exceptions and
//! messages: `FileNotFoundException` "path (No such file or directory)", `IOException`
//! "Stream Closed", `strerror`'s text for a failed call, -1 at end of file.
//!
//! `streams` holds the descriptor and stream natives, `file_system` the path-based ones,
//! `nio_fs` and `nio_ch` those behind `java.nio.file` and file channels (`sun.nio.fs`,
//! `sun.nio.ch`), `sys` the system calls themselves. Paths cross as UTF-8 (`sun.jnu.encoding` on a UTF-8
//! locale).

mod file_system;
mod nio_ch;
mod nio_fs;
mod streams;
mod sys;

use std::cell::Cell;

use sys::Errno;

use crate::vm::{Thrown, Vm};

pub(crate) fn register(vm: &mut Vm) {
    streams::register(vm);
    file_system::register(vm);
    nio_fs::register(vm);
    nio_ch::register(vm);
    vm.register_native("java/io/Console", "istty", "()Z", |_, _| {
        // SAFETY: isatty only inspects the descriptor numbers.
        let tty = unsafe { libc::isatty(0) == 1 && libc::isatty(1) == 1 };
        Ok(u64::from(tty))
    });
    // The JDK's native answers null: the console then uses `stdout.encoding`/the default.
    vm.register_native(
        "java/io/Console",
        "encoding",
        "()Ljava/lang/String;",
        |_, _| Ok(0),
    );
    vm.register_native("java/io/Console", "echo", "(Z)Z", console_echo);
}

/// `Console.echo(on)`: turns terminal echo of stdin on or off; answers whether it was on.
fn console_echo(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let on = super::arg_int(a, 0) != 0;
    // SAFETY: an all-zero termios is a valid value of this plain C struct.
    let mut tio: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: `tio` is a valid, writable termios for the call.
    if unsafe { libc::tcgetattr(0, &mut tio) } == -1 {
        return io_error(vm, Errno::last(), Some("tcgetattr failed"));
    }
    let old = tio.c_lflag & libc::ECHO != 0;
    if on {
        tio.c_lflag |= libc::ECHO;
    } else {
        tio.c_lflag &= !libc::ECHO;
    }
    // SAFETY: `tio` is a valid termios for the call.
    if unsafe { libc::tcsetattr(0, libc::TCSANOW, &tio) } == -1 {
        return io_error(vm, Errno::last(), Some("tcsetattr failed"));
    }
    Ok(u64::from(old))
}

/// Offsets of the fields the stream natives use, looked up once per process (every `Vm`
/// of a process runs the same JDK, so the layout is the same for all of them).
#[derive(Clone, Copy)]
struct StreamFields {
    /// `FileDescriptor.fd` (`I`).
    fd: u32,
    /// `FileDescriptor.append` (`Z`).
    append: u32,
    /// The `fd` (`Ljava/io/FileDescriptor;`) field of each stream class, by [`Stream`].
    stream: [u32; 3],
}

/// The stream classes whose natives share code; the index of their `fd` field offset.
#[derive(Clone, Copy)]
enum Stream {
    Input = 0,
    Output = 1,
    RandomAccess = 2,
}

thread_local! {
    static STREAM_FIELDS: Cell<Option<StreamFields>> = const { Cell::new(None) };
    static FILE_PATH: Cell<Option<u32>> = const { Cell::new(None) };
}

fn stream_fields(vm: &mut Vm) -> Result<StreamFields, Thrown> {
    if let Some(f) = STREAM_FIELDS.get() {
        return Ok(f);
    }
    const FD: &str = "Ljava/io/FileDescriptor;";
    let f = StreamFields {
        fd: vm.field_offset_of("java/io/FileDescriptor", "fd", "I")?,
        append: vm.field_offset_of("java/io/FileDescriptor", "append", "Z")?,
        stream: [
            vm.field_offset_of("java/io/FileInputStream", "fd", FD)?,
            vm.field_offset_of("java/io/FileOutputStream", "fd", FD)?,
            vm.field_offset_of("java/io/RandomAccessFile", "fd", FD)?,
        ],
    };
    STREAM_FIELDS.set(Some(f));
    Ok(f)
}

/// The offset of `File.path`.
fn file_path_field(vm: &mut Vm) -> Result<u32, Thrown> {
    if let Some(f) = FILE_PATH.get() {
        return Ok(f);
    }
    let f = vm.field_offset_of("java/io/File", "path", "Ljava/lang/String;")?;
    FILE_PATH.set(Some(f));
    Ok(f)
}

/// `IOException` worded as the JDK's `JNU_ThrowIOExceptionWithLastError`: the error's text,
/// or `default` when there is no error number.
fn io_error<T>(vm: &mut Vm, e: Errno, default: Option<&str>) -> Result<T, Thrown> {
    let message = if e.0 != 0 {
        Some(e.message())
    } else {
        default.map(str::to_owned)
    };
    Err(vm.throw_new("java/io/IOException", message))
}

/// `IOException("Stream Closed")`: the stream's descriptor is -1 or absent.
fn stream_closed<T>(vm: &mut Vm) -> Result<T, Thrown> {
    vm.throw("java/io/IOException", "Stream Closed")
}

/// The slot of a `long` result.
fn long(v: i64) -> u64 {
    v as u64
}

#[cfg(test)]
mod tests;
