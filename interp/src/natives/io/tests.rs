//! The natives called directly on a VM (no boot needed): objects are made without running
//! their constructors, fields set by hand, exceptions read back with their messages.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use jfork_resolver::LoaderId;

use super::streams::random_access_flags;
use crate::vm::{Thrown, Vm, VmOptions};

fn vm() -> Vm {
    Vm::new(VmOptions::default()).unwrap()
}

/// A fresh folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jfork-io-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Calls native `class.name descriptor` with `args`.
fn call(
    vm: &mut Vm,
    class: &str,
    name: &str,
    descriptor: &str,
    args: &[u64],
) -> Result<u64, Thrown> {
    let f = vm.natives[&format!("{class}.{name}{descriptor}")];
    f(vm, args)
}

/// `(class, message)` of a thrown exception.
fn thrown(vm: &Vm, t: Thrown) -> (String, Option<String>) {
    let d = vm.describe(t.0);
    (d.class_name, d.message)
}

/// A new instance of `class` whose `fd` field holds a new `FileDescriptor` with `fd`.
fn stream(vm: &mut Vm, class: &str, fd: i32) -> u64 {
    let fields = super::stream_fields(vm).unwrap();
    let descriptor_class = vm
        .load(LoaderId::BOOTSTRAP, "java/io/FileDescriptor")
        .unwrap();
    let descriptor = vm.new_instance(descriptor_class).unwrap();
    vm.put_int(descriptor, fields.fd, fd);
    let cid = vm.load(LoaderId::BOOTSTRAP, class).unwrap();
    let s = vm.new_instance(cid).unwrap();
    let slot = match class {
        "java/io/FileInputStream" => 0,
        "java/io/FileOutputStream" => 1,
        _ => 2,
    };
    vm.put_ref(s, fields.stream[slot], descriptor);
    s
}

fn fd_of(vm: &mut Vm, s: u64, slot: usize) -> i32 {
    let fields = super::stream_fields(vm).unwrap();
    let descriptor = vm.get_ref(s, fields.stream[slot]);
    vm.get_int(descriptor, fields.fd)
}

fn file(vm: &mut Vm, path: &str) -> u64 {
    let cid = vm.load(LoaderId::BOOTSTRAP, "java/io/File").unwrap();
    let f = vm.new_instance(cid).unwrap();
    let offset = super::file_path_field(vm).unwrap();
    let s = vm.create_string(path).unwrap();
    vm.put_ref(f, offset, s);
    f
}

const FIS: &str = "java/io/FileInputStream";
const FOS: &str = "java/io/FileOutputStream";
const RAF: &str = "java/io/RandomAccessFile";
const UFS: &str = "java/io/UnixFileSystem";

#[test]
fn write_then_read_back_and_close() {
    let mut vm = vm();
    let dir = temp_dir("rw");
    let path = dir.join("a.txt").display().to_string();
    let jpath = vm.create_string(&path).unwrap();

    let out = stream(&mut vm, FOS, -1);
    call(
        &mut vm,
        FOS,
        "open0",
        "(Ljava/lang/String;Z)V",
        &[out, jpath, 0],
    )
    .unwrap();
    let fd = fd_of(&mut vm, out, 1);
    assert!(fd > 2);
    let bytes = vm.new_byte_array(b"hello, world").unwrap();
    call(
        &mut vm,
        FOS,
        "writeBytes",
        "([BIIZ)V",
        &[out, bytes, 0, 12, 0],
    )
    .unwrap();
    call(&mut vm, FOS, "write", "(IZ)V", &[out, u64::from(b'!'), 0]).unwrap();
    let fields = super::stream_fields(&mut vm).unwrap();
    let descriptor = vm.get_ref(out, fields.stream[1]);
    call(
        &mut vm,
        "java/io/FileDescriptor",
        "close0",
        "()V",
        &[descriptor],
    )
    .unwrap();
    assert_eq!(fd_of(&mut vm, out, 1), -1);
    assert_eq!(std::fs::read(&path).unwrap(), b"hello, world!");

    // Writing to the closed stream.
    let e = call(&mut vm, FOS, "write", "(IZ)V", &[out, 1, 0]).unwrap_err();
    assert_eq!(
        thrown(&vm, e),
        ("java/io/IOException".into(), Some("Stream Closed".into()))
    );

    let input = stream(&mut vm, FIS, -1);
    call(
        &mut vm,
        FIS,
        "open0",
        "(Ljava/lang/String;)V",
        &[input, jpath],
    )
    .unwrap();
    assert_eq!(
        call(&mut vm, FIS, "available0", "()I", &[input]).unwrap(),
        13
    );
    assert_eq!(call(&mut vm, FIS, "length0", "()J", &[input]).unwrap(), 13);
    assert_eq!(
        call(&mut vm, FIS, "read0", "()I", &[input]).unwrap(),
        u64::from(b'h')
    );
    assert_eq!(
        call(&mut vm, FIS, "skip0", "(J)J", &[input, 6, 0]).unwrap(),
        6
    );
    assert_eq!(call(&mut vm, FIS, "position0", "()J", &[input]).unwrap(), 7);
    let buf = vm.new_byte_array(&[0; 10]).unwrap();
    assert_eq!(
        call(&mut vm, FIS, "readBytes", "([BII)I", &[input, buf, 2, 8]).unwrap(),
        6
    );
    assert_eq!(&vm.byte_array_bytes(buf)[2..8], b"world!");
    // End of file, and a zero-length read.
    assert_eq!(
        call(&mut vm, FIS, "readBytes", "([BII)I", &[input, buf, 0, 4]).unwrap() as u32,
        u32::MAX
    );
    assert_eq!(
        call(&mut vm, FIS, "read0", "()I", &[input]).unwrap() as u32,
        u32::MAX
    );
    assert_eq!(
        call(&mut vm, FIS, "readBytes", "([BII)I", &[input, buf, 0, 0]).unwrap(),
        0
    );
    // Bounds and null.
    let e = call(&mut vm, FIS, "readBytes", "([BII)I", &[input, buf, 8, 3]).unwrap_err();
    assert_eq!(
        thrown(&vm, e),
        ("java/lang/IndexOutOfBoundsException".into(), None)
    );
    let e = call(&mut vm, FIS, "readBytes", "([BII)I", &[input, 0, 0, 3]).unwrap_err();
    assert_eq!(thrown(&vm, e).0, "java/lang/NullPointerException");

    // Append mode.
    let out = stream(&mut vm, FOS, -1);
    call(
        &mut vm,
        FOS,
        "open0",
        "(Ljava/lang/String;Z)V",
        &[out, jpath, 1],
    )
    .unwrap();
    let descriptor = vm.get_ref(out, fields.stream[1]);
    assert_eq!(
        crate::heap::get_i8(descriptor + u64::from(fields.append)),
        1
    );
    call(
        &mut vm,
        FOS,
        "writeBytes",
        "([BIIZ)V",
        &[out, bytes, 0, 5, 1],
    )
    .unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"hello, world!hello");
    call(
        &mut vm,
        "java/io/FileDescriptor",
        "close0",
        "()V",
        &[descriptor],
    )
    .unwrap();
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn open_failures_are_file_not_found() {
    let mut vm = vm();
    let dir = temp_dir("fnf");
    let missing = vm.create_string("no/such/file.txt").unwrap();
    let input = stream(&mut vm, FIS, -1);
    let e = call(
        &mut vm,
        FIS,
        "open0",
        "(Ljava/lang/String;)V",
        &[input, missing],
    )
    .unwrap_err();
    assert_eq!(
        thrown(&vm, e),
        (
            "java/io/FileNotFoundException".into(),
            Some("no/such/file.txt (No such file or directory)".into())
        )
    );
    let d = dir.display().to_string();
    let jd = vm.create_string(&format!("{d}/")).unwrap();
    let e = call(&mut vm, FIS, "open0", "(Ljava/lang/String;)V", &[input, jd]).unwrap_err();
    assert_eq!(thrown(&vm, e).1, Some(format!("{d}/ (Is a directory)")));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn random_access_seek_length_and_truncate() {
    let mut vm = vm();
    let dir = temp_dir("raf");
    let path = vm
        .create_string(&dir.join("r.bin").display().to_string())
        .unwrap();
    let raf = stream(&mut vm, RAF, -1);
    call(
        &mut vm,
        RAF,
        "open0",
        "(Ljava/lang/String;I)V",
        &[raf, path, 2],
    )
    .unwrap();
    let bytes = vm.new_byte_array(b"0123456789").unwrap();
    call(&mut vm, RAF, "writeBytes", "([BII)V", &[raf, bytes, 0, 10]).unwrap();
    assert_eq!(
        call(&mut vm, RAF, "getFilePointer", "()J", &[raf]).unwrap(),
        10
    );
    call(&mut vm, RAF, "seek0", "(J)V", &[raf, 3, 0]).unwrap();
    assert_eq!(
        call(&mut vm, RAF, "read0", "()I", &[raf]).unwrap(),
        u64::from(b'3')
    );
    call(&mut vm, RAF, "write0", "(I)V", &[raf, u64::from(b'x')]).unwrap();
    call(&mut vm, RAF, "setLength", "(J)V", &[raf, 4, 0]).unwrap();
    assert_eq!(call(&mut vm, RAF, "length", "()J", &[raf]).unwrap(), 4);
    // The position was past the new end: it moves to the end.
    assert_eq!(
        call(&mut vm, RAF, "getFilePointer", "()J", &[raf]).unwrap(),
        4
    );
    let e = call(&mut vm, RAF, "seek0", "(J)V", &[raf, (-1i64) as u64, 0]).unwrap_err();
    assert_eq!(thrown(&vm, e).1.as_deref(), Some("Negative seek offset"));
    call(&mut vm, RAF, "seek0", "(J)V", &[raf, 0, 0]).unwrap();
    let buf = vm.new_byte_array(&[0; 8]).unwrap();
    assert_eq!(
        call(&mut vm, RAF, "readBytes", "([BII)I", &[raf, buf, 0, 8]).unwrap(),
        4
    );
    assert_eq!(&vm.byte_array_bytes(buf)[..4], b"0123");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn random_access_modes() {
    assert_eq!(random_access_flags(1), libc::O_RDONLY);
    assert_eq!(random_access_flags(2), libc::O_RDWR | libc::O_CREAT);
    assert_eq!(
        random_access_flags(2 | 4),
        libc::O_RDWR | libc::O_CREAT | libc::O_SYNC
    );
    assert_eq!(
        random_access_flags(2 | 8),
        libc::O_RDWR | libc::O_CREAT | libc::O_DSYNC
    );
}

#[test]
fn bad_descriptor_reads_fail_with_strerror() {
    let mut vm = vm();
    let input = stream(&mut vm, FIS, 1_000_000);
    let e = call(&mut vm, FIS, "read0", "()I", &[input]).unwrap_err();
    assert_eq!(
        thrown(&vm, e),
        (
            "java/io/IOException".into(),
            Some("Bad file descriptor".into())
        )
    );
}

#[test]
fn file_system_operations() {
    let mut vm = vm();
    let dir = temp_dir("ufs");
    let d = dir.display().to_string();
    let fs = 0; // the receiver is unused
    let jdir = file(&mut vm, &d);
    let a = format!("{d}/a.txt");
    let ja = vm.create_string(&a).unwrap();
    let fa = file(&mut vm, &a);

    let attrs = |vm: &mut Vm, f| {
        call(
            vm,
            UFS,
            "getBooleanAttributes0",
            "(Ljava/io/File;)I",
            &[fs, f],
        )
        .unwrap()
    };
    assert_eq!(attrs(&mut vm, jdir), 1 | 4);
    assert_eq!(attrs(&mut vm, fa), 0);
    let create = |vm: &mut Vm| {
        call(
            vm,
            UFS,
            "createFileExclusively",
            "(Ljava/lang/String;)Z",
            &[fs, ja],
        )
        .unwrap()
    };
    assert_eq!(create(&mut vm), 1);
    assert_eq!(create(&mut vm), 0);
    assert_eq!(attrs(&mut vm, fa), 1 | 2);
    std::fs::write(&a, b"12345").unwrap();
    assert_eq!(
        call(&mut vm, UFS, "getLength", "(Ljava/io/File;)J", &[fs, fa]).unwrap(),
        5
    );
    let t = 1_600_000_000_123i64;
    let set = call(
        &mut vm,
        UFS,
        "setLastModifiedTime",
        "(Ljava/io/File;J)Z",
        &[fs, fa, t as u64, 0],
    );
    assert_eq!(set.unwrap(), 1);
    let got = call(
        &mut vm,
        UFS,
        "getLastModifiedTime",
        "(Ljava/io/File;)J",
        &[fs, fa],
    )
    .unwrap();
    assert_eq!(got as i64, t);
    assert_eq!(
        call(
            &mut vm,
            UFS,
            "checkAccess",
            "(Ljava/io/File;I)Z",
            &[fs, fa, 4]
        )
        .unwrap(),
        1
    );
    assert_eq!(
        call(
            &mut vm,
            UFS,
            "checkAccess",
            "(Ljava/io/File;I)Z",
            &[fs, fa, 1]
        )
        .unwrap(),
        0
    );
    let perm = call(
        &mut vm,
        UFS,
        "setPermission",
        "(Ljava/io/File;IZZ)Z",
        &[fs, fa, 1, 1, 1],
    );
    assert_eq!(perm.unwrap(), 1);
    assert_eq!(
        call(
            &mut vm,
            UFS,
            "checkAccess",
            "(Ljava/io/File;I)Z",
            &[fs, fa, 1]
        )
        .unwrap(),
        1
    );

    let sub = file(&mut vm, &format!("{d}/sub"));
    assert_eq!(
        call(
            &mut vm,
            UFS,
            "createDirectory",
            "(Ljava/io/File;)Z",
            &[fs, sub]
        )
        .unwrap(),
        1
    );
    assert_eq!(
        call(
            &mut vm,
            UFS,
            "createDirectory",
            "(Ljava/io/File;)Z",
            &[fs, sub]
        )
        .unwrap(),
        0
    );
    let b = file(&mut vm, &format!("{d}/b.txt"));
    let renamed = call(
        &mut vm,
        UFS,
        "rename0",
        "(Ljava/io/File;Ljava/io/File;)Z",
        &[fs, fa, b],
    );
    assert_eq!(renamed.unwrap(), 1);

    let listed = call(
        &mut vm,
        UFS,
        "list",
        "(Ljava/io/File;)[Ljava/lang/String;",
        &[fs, jdir],
    )
    .unwrap();
    let n = crate::object::array_length(listed);
    let mut names: Vec<String> = (0..n)
        .map(|i| vm.string_value(vm.ref_array_get(listed, i)).unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["b.txt", "sub"]);
    let missing = file(&mut vm, &format!("{d}/none"));
    assert_eq!(
        call(
            &mut vm,
            UFS,
            "list",
            "(Ljava/io/File;)[Ljava/lang/String;",
            &[fs, missing]
        )
        .unwrap(),
        0
    );

    // Delete refuses a non-empty folder.
    assert_eq!(
        call(&mut vm, UFS, "delete0", "(Ljava/io/File;)Z", &[fs, jdir]).unwrap(),
        0
    );
    assert_eq!(
        call(&mut vm, UFS, "delete0", "(Ljava/io/File;)Z", &[fs, b]).unwrap(),
        1
    );
    assert_eq!(
        call(&mut vm, UFS, "delete0", "(Ljava/io/File;)Z", &[fs, sub]).unwrap(),
        1
    );
    let total = call(
        &mut vm,
        UFS,
        "getSpace",
        "(Ljava/io/File;I)J",
        &[fs, jdir, 0],
    );
    assert!(total.unwrap() > 0);

    let odd = vm.create_string(&format!("{d}/x/../y/./z")).unwrap();
    let canon = call(
        &mut vm,
        UFS,
        "canonicalize0",
        "(Ljava/lang/String;)Ljava/lang/String;",
        &[fs, odd],
    )
    .unwrap();
    let real = std::fs::canonicalize(&dir).unwrap().display().to_string();
    assert_eq!(vm.string_value(canon).unwrap(), format!("{real}/y/z"));

    // Creating in a missing folder is an IOException with the reason.
    let deep = vm.create_string(&format!("{d}/none/a")).unwrap();
    let e = call(
        &mut vm,
        UFS,
        "createFileExclusively",
        "(Ljava/lang/String;)Z",
        &[fs, deep],
    )
    .unwrap_err();
    assert_eq!(
        thrown(&vm, e),
        (
            "java/io/IOException".into(),
            Some("No such file or directory".into())
        )
    );
    std::fs::remove_dir_all(dir).unwrap();
}

const UND: &str = "sun/nio/fs/UnixNativeDispatcher";
const FDI: &str = "sun/nio/ch/FileDispatcherImpl";

/// The `errno` of a thrown `sun.nio.fs.UnixException`.
fn unix_errno(vm: &mut Vm, t: Thrown) -> i32 {
    assert_eq!(thrown(vm, t).0, "sun/nio/fs/UnixException");
    let offset = vm
        .field_offset_of("sun/nio/fs/UnixException", "errno", "I")
        .unwrap();
    vm.get_int(t.0, offset)
}

#[test]
fn nio_dispatchers_on_a_file() {
    let mut vm = vm();
    let dir = temp_dir("nio");
    let path = std::ffi::CString::new(dir.join("n.txt").display().to_string()).unwrap();
    let p = path.as_ptr() as u64;

    assert_eq!(call(&mut vm, UND, "exists0", "(J)Z", &[p, 0]).unwrap(), 0);
    let attrs_class = vm
        .load(LoaderId::BOOTSTRAP, "sun/nio/fs/UnixFileAttributes")
        .unwrap();
    let attrs = vm.new_instance(attrs_class).unwrap();
    let sig = "(JLsun/nio/fs/UnixFileAttributes;)V";
    let e = call(&mut vm, UND, "stat0", sig, &[p, 0, attrs]).unwrap_err();
    assert_eq!(unix_errno(&mut vm, e), libc::ENOENT);

    let flags = libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC;
    let fd = call(
        &mut vm,
        UND,
        "open0",
        "(JII)I",
        &[p, 0, flags as u64, 0o644],
    )
    .unwrap() as i32;
    assert!(fd > 2);
    let bytes = b"nio bytes\n";
    let written = call(
        &mut vm,
        UND,
        "write",
        "(IJI)I",
        &[fd as u64, bytes.as_ptr() as u64, 0, bytes.len() as u64],
    );
    assert_eq!(written.unwrap(), 10);
    call(&mut vm, UND, "close0", "(I)V", &[fd as u64]).unwrap();

    call(&mut vm, UND, "stat0", sig, &[p, 0, attrs]).unwrap();
    let size = vm
        .field_offset_of("sun/nio/fs/UnixFileAttributes", "st_size", "J")
        .unwrap();
    let mode = vm
        .field_offset_of("sun/nio/fs/UnixFileAttributes", "st_mode", "I")
        .unwrap();
    assert_eq!(vm.get_long(attrs, size), 10);
    assert_eq!(vm.get_int(attrs, mode) as u32 & libc::S_IFMT, libc::S_IFREG);
    assert_eq!(call(&mut vm, UND, "exists0", "(J)Z", &[p, 0]).unwrap(), 1);

    // A file channel's view: size, read into native memory, seek.
    let fd = call(
        &mut vm,
        UND,
        "open0",
        "(JII)I",
        &[p, 0, libc::O_RDONLY as u64, 0],
    )
    .unwrap();
    let fields = super::stream_fields(&mut vm).unwrap();
    let fd_class = vm
        .load(LoaderId::BOOTSTRAP, "java/io/FileDescriptor")
        .unwrap();
    let descriptor = vm.new_instance(fd_class).unwrap();
    vm.put_int(descriptor, fields.fd, fd as i32);
    let fd_sig = "(Ljava/io/FileDescriptor;)J";
    assert_eq!(
        call(&mut vm, FDI, "size0", fd_sig, &[descriptor]).unwrap(),
        10
    );
    let mut buf = [0u8; 16];
    let read_sig = "(Ljava/io/FileDescriptor;JI)I";
    let read = |vm: &mut Vm, buf: &mut [u8; 16]| {
        call(
            vm,
            FDI,
            "read0",
            read_sig,
            &[descriptor, buf.as_mut_ptr() as u64, 0, 16],
        )
        .unwrap()
    };
    assert_eq!(read(&mut vm, &mut buf), 10);
    assert_eq!(&buf[..10], bytes);
    assert_eq!(read(&mut vm, &mut buf) as u32 as i32, -1);
    let seek_sig = "(Ljava/io/FileDescriptor;J)J";
    assert_eq!(
        call(
            &mut vm,
            FDI,
            "seek0",
            seek_sig,
            &[descriptor, (-1i64) as u64, 0]
        )
        .unwrap(),
        10
    );
    assert_eq!(
        call(&mut vm, FDI, "seek0", seek_sig, &[descriptor, 4, 0]).unwrap(),
        4
    );
    call(
        &mut vm,
        FDI,
        "close0",
        "(Ljava/io/FileDescriptor;)V",
        &[descriptor],
    )
    .unwrap();

    // The directory lists the file among `.` and `..`.
    let dpath = std::ffi::CString::new(dir.display().to_string()).unwrap();
    let handle = call(
        &mut vm,
        UND,
        "opendir0",
        "(J)J",
        &[dpath.as_ptr() as u64, 0],
    )
    .unwrap();
    let mut names = Vec::new();
    loop {
        let name = call(&mut vm, UND, "readdir", "(J)[B", &[handle, 0]).unwrap();
        if name == 0 {
            break;
        }
        names.push(String::from_utf8(vm.byte_array_bytes(name)).unwrap());
    }
    call(&mut vm, UND, "closedir", "(J)V", &[handle, 0]).unwrap();
    names.sort();
    assert_eq!(names, [".", "..", "n.txt"]);

    let e = call(&mut vm, UND, "rmdir0", "(J)V", &[dpath.as_ptr() as u64, 0]).unwrap_err();
    assert_eq!(unix_errno(&mut vm, e), libc::ENOTEMPTY);
    call(&mut vm, UND, "unlink0", "(J)V", &[p, 0]).unwrap();
    let e = call(&mut vm, UND, "unlink0", "(J)V", &[p, 0]).unwrap_err();
    assert_eq!(unix_errno(&mut vm, e), libc::ENOENT);
    let text = call(&mut vm, UND, "strerror", "(I)[B", &[libc::ENOENT as u64]).unwrap();
    assert_eq!(vm.byte_array_bytes(text), b"No such file or directory");
    std::fs::remove_dir_all(dir).unwrap();
}
