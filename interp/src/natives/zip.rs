//! `java.util.zip` natives: `Inflater`, `Deflater`, `CRC32`, `Adler32` (`CRC32C` is pure
//! Java). They behave as the JDK's `libzip` glue over zlib: the same result packing, the
//! same exceptions (`DataFormatException` with zlib's message, `IllegalArgumentException`
//! for a refused dictionary, `InternalError` otherwise).
//!
//! A stream's native state lives in a per-thread table keyed by the `long` handle the Java
//! side keeps (`zsRef.address()`). Per thread rather than a process-wide `Mutex`: a `Vm` is
//! bound to one OS thread and runs its green threads there, so the table needs no lock and
//! every `Vm` of a test process keeps its own; and since the forking thread is the one that
//! goes on in the child, a forked child inherits the master's streams as copy-on-write
//! memory like the rest of the runtime.

mod checksum;
mod streams;
mod timezone;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use streams::{DeflateStream, InflateStream, Progress, ZipFailure};

use super::{arg, arg_int, int};
use crate::vm::{Thrown, Vm};

const INFLATER: &str = "java/util/zip/Inflater";
const DEFLATER: &str = "java/util/zip/Deflater";

pub(crate) fn register(vm: &mut Vm) {
    vm.register_native(INFLATER, "initIDs", "()V", |_, _| Ok(0));
    vm.register_native(INFLATER, "init", "(Z)J", |_, a| {
        let stream = InflateStream::new(arg_int(a, 0) != 0);
        Ok(with_table(|t| t.insert(Stream::Inflate(Box::new(stream)))))
    });
    vm.register_native(INFLATER, "setDictionary", "(J[BII)V", |vm, a| {
        let dict = array_region(vm, a, 2)?;
        dictionary(vm, arg(a, 0), dict)
    });
    vm.register_native(INFLATER, "setDictionaryBuffer", "(JJI)V", |vm, a| {
        dictionary(vm, arg(a, 0), raw_region(a, 2, 4))
    });
    vm.register_native(INFLATER, "inflateBytesBytes", "(J[BII[BII)J", |vm, a| {
        inflate(vm, a, true, true)
    });
    vm.register_native(INFLATER, "inflateBytesBuffer", "(J[BIIJI)J", |vm, a| {
        inflate(vm, a, true, false)
    });
    vm.register_native(INFLATER, "inflateBufferBytes", "(JJI[BII)J", |vm, a| {
        inflate(vm, a, false, true)
    });
    vm.register_native(INFLATER, "inflateBufferBuffer", "(JJIJI)J", |vm, a| {
        inflate(vm, a, false, false)
    });
    vm.register_native(
        DEFLATER,
        "init",
        "(IIZ)J",
        |vm, a| match DeflateStream::new(arg_int(a, 0), arg_int(a, 1), arg_int(a, 2) != 0) {
            Some(s) => Ok(with_table(|t| t.insert(Stream::Deflate(Box::new(s))))),
            None => Err(vm.throw_new("java/lang/IllegalArgumentException", None)),
        },
    );
    vm.register_native(DEFLATER, "setDictionary", "(J[BII)V", |vm, a| {
        let dict = array_region(vm, a, 2)?;
        dictionary(vm, arg(a, 0), dict)
    });
    vm.register_native(DEFLATER, "setDictionaryBuffer", "(JJI)V", |vm, a| {
        dictionary(vm, arg(a, 0), raw_region(a, 2, 4))
    });
    vm.register_native(DEFLATER, "deflateBytesBytes", "(J[BII[BIIII)J", |vm, a| {
        deflate(vm, a, true, true)
    });
    vm.register_native(DEFLATER, "deflateBytesBuffer", "(J[BIIJIII)J", |vm, a| {
        deflate(vm, a, true, false)
    });
    vm.register_native(DEFLATER, "deflateBufferBytes", "(JJI[BIIII)J", |vm, a| {
        deflate(vm, a, false, true)
    });
    vm.register_native(DEFLATER, "deflateBufferBuffer", "(JJIJIII)J", |vm, a| {
        deflate(vm, a, false, false)
    });
    for class in [INFLATER, DEFLATER] {
        vm.register_native(class, "getAdler", "(J)I", |vm, a| {
            let adler = with_stream(vm, arg(a, 0), |s| {
                Ok(match s {
                    Stream::Inflate(i) => i.adler(),
                    Stream::Deflate(d) => d.adler(),
                })
            })?;
            Ok(int(adler as i32))
        });
        vm.register_native(class, "reset", "(J)V", |vm, a| {
            with_stream(vm, arg(a, 0), |s| {
                match s {
                    Stream::Inflate(i) => i.reset(),
                    Stream::Deflate(d) => d.reset(),
                }
                Ok(())
            })?;
            Ok(0)
        });
        vm.register_native(class, "end", "(J)V", |_, a| {
            with_table(|t| t.streams.remove(&arg(a, 0)));
            Ok(0)
        });
    }
    register_checksums(vm);
    timezone::register(vm);
}

fn register_checksums(vm: &mut Vm) {
    const CRC32: &str = "java/util/zip/CRC32";
    const ADLER32: &str = "java/util/zip/Adler32";
    vm.register_native(CRC32, "update", "(II)I", |_, a| {
        let crc = arg_int(a, 0) as u32;
        Ok(int(checksum::crc32(crc, &[arg_int(a, 1) as u8]) as i32))
    });
    vm.register_native(CRC32, "updateBytes0", "(I[BII)I", |vm, a| {
        let region = array_region(vm, a, 1)?;
        Ok(int(
            checksum::crc32(arg_int(a, 0) as u32, region.bytes()) as i32
        ))
    });
    vm.register_native(CRC32, "updateByteBuffer0", "(IJII)I", |_, a| {
        let region = buffer_region(a);
        Ok(int(
            checksum::crc32(arg_int(a, 0) as u32, region.bytes()) as i32
        ))
    });
    vm.register_native(ADLER32, "update", "(II)I", |_, a| {
        let adler = arg_int(a, 0) as u32;
        Ok(int(checksum::adler32(adler, &[arg_int(a, 1) as u8]) as i32))
    });
    vm.register_native(ADLER32, "updateBytes", "(I[BII)I", |vm, a| {
        let region = array_region(vm, a, 1)?;
        Ok(int(
            checksum::adler32(arg_int(a, 0) as u32, region.bytes()) as i32
        ))
    });
    vm.register_native(ADLER32, "updateByteBuffer", "(IJII)I", |_, a| {
        let region = buffer_region(a);
        Ok(int(
            checksum::adler32(arg_int(a, 0) as u32, region.bytes()) as i32
        ))
    });
}

/// A native stream of the table.
enum Stream {
    Inflate(Box<InflateStream>),
    Deflate(Box<DeflateStream>),
}

/// The streams of this thread's `Vm`, by handle.
#[derive(Default)]
struct StreamTable {
    /// The last handle given out (handles start at 1: 0 is the Java side's "closed").
    last: u64,
    streams: HashMap<u64, Stream>,
}

impl StreamTable {
    fn insert(&mut self, stream: Stream) -> u64 {
        self.last += 1;
        self.streams.insert(self.last, stream);
        self.last
    }
}

thread_local! {
    static STREAMS: RefCell<StreamTable> = RefCell::new(StreamTable::default());
    /// Offsets of `Inflater.inputConsumed` and `outputConsumed`.
    static CONSUMED_FIELDS: Cell<Option<(u32, u32)>> = const { Cell::new(None) };
}

fn with_table<R>(f: impl FnOnce(&mut StreamTable) -> R) -> R {
    STREAMS.with(|t| f(&mut t.borrow_mut()))
}

/// Runs `f` on the stream of `handle`; `InternalError` for a handle that is not open (the
/// Java side checks before every call, so only a VM bug reaches it).
fn with_stream<R>(
    vm: &mut Vm,
    handle: u64,
    f: impl FnOnce(&mut Stream) -> Result<R, ZipFailure>,
) -> Result<R, Thrown> {
    let result = with_table(|t| t.streams.get_mut(&handle).map(f));
    match result {
        Some(Ok(r)) => Ok(r),
        Some(Err(failure)) => Err(throw_failure(vm, failure)),
        None => Err(vm.throw_new(
            "java/lang/InternalError",
            Some(format!("no zlib stream {handle:#x}")),
        )),
    }
}

fn throw_failure(vm: &mut Vm, failure: ZipFailure) -> Thrown {
    match failure {
        ZipFailure::Data { message, .. } => {
            vm.throw_new("java/util/zip/DataFormatException", message)
        }
        ZipFailure::Argument => vm.throw_new("java/lang/IllegalArgumentException", None),
        ZipFailure::Internal(message) => vm.throw_new("java/lang/InternalError", Some(message)),
    }
}

/// A range of bytes the natives read or write: a checked part of a `byte[]` in the heap, or
/// memory of a direct buffer at an address the JDK computed and bounds-checked.
#[derive(Clone, Copy)]
struct Region {
    address: u64,
    len: usize,
}

impl Region {
    fn bytes(&self) -> &[u8] {
        if self.len == 0 {
            return &[];
        }
        // SAFETY: `address..address + len` is inside a live `byte[]` (checked against its
        // length) or a direct buffer's memory (checked by the JDK's Java side), and no
        // allocation (hence no heap movement) happens while the slice is alive.
        unsafe { std::slice::from_raw_parts(self.address as *const u8, self.len) }
    }

    #[allow(clippy::mut_from_ref)]
    fn bytes_mut(&self) -> &mut [u8] {
        if self.len == 0 {
            return &mut [];
        }
        // SAFETY: as for `bytes`; callers never hold another slice overlapping this one
        // (see `with_regions`).
        unsafe { std::slice::from_raw_parts_mut(self.address as *mut u8, self.len) }
    }

    fn overlaps(&self, other: &Region) -> bool {
        self.len != 0
            && other.len != 0
            && self.address < other.address + other.len as u64
            && other.address < self.address + self.len as u64
    }
}

/// `byte[] array, int offset, int length` at slots `at..at + 3`, checked.
fn array_region(vm: &mut Vm, a: &[u64], at: usize) -> Result<Region, Thrown> {
    let (address, len) = vm.byte_array_range(arg(a, at), arg_int(a, at + 1), arg_int(a, at + 2))?;
    Ok(Region { address, len })
}

/// `long address` at slot `at` and `int length` at slot `len_at`.
fn raw_region(a: &[u64], at: usize, len_at: usize) -> Region {
    Region {
        address: arg(a, at),
        len: arg_int(a, len_at).max(0) as usize,
    }
}

/// The checksums' `(int value, long address, int offset, int length)`.
fn buffer_region(a: &[u64]) -> Region {
    let base = raw_region(a, 1, 4);
    Region {
        address: base.address.wrapping_add(arg_int(a, 3).max(0) as u64),
        ..base
    }
}

/// The input and output of an inflate/deflate call: an array at slots 3..6 or an address
/// at 3 with its length at 5; the output likewise at 6..9 or 6 and 8.
fn call_regions(
    vm: &mut Vm,
    a: &[u64],
    input_array: bool,
    output_array: bool,
) -> Result<(Region, Region), Thrown> {
    let input = if input_array {
        array_region(vm, a, 3)?
    } else {
        raw_region(a, 3, 5)
    };
    let output = if output_array {
        array_region(vm, a, 6)?
    } else {
        raw_region(a, 6, 8)
    };
    Ok((input, output))
}

/// Calls `f` with the input bytes and the output bytes; the input is copied first when the
/// two overlap (zlib would read what it had just written; Rust slices may not alias).
fn with_regions<R>(input: Region, output: Region, f: impl FnOnce(&[u8], &mut [u8]) -> R) -> R {
    if input.overlaps(&output) {
        let copy = input.bytes().to_vec();
        f(&copy, output.bytes_mut())
    } else {
        f(input.bytes(), output.bytes_mut())
    }
}

fn dictionary(vm: &mut Vm, handle: u64, dict: Region) -> Result<u64, Thrown> {
    with_stream(vm, handle, |s| match s {
        Stream::Inflate(i) => i.set_dictionary(dict.bytes()),
        Stream::Deflate(d) => d.set_dictionary(dict.bytes()),
    })?;
    Ok(0)
}

/// `Inflater.inflate*(addr, input..., output...)`: one `inflate(Z_PARTIAL_FLUSH)`. On a data
/// error the counts go to `inputConsumed`/`outputConsumed` first, as the JDK's native does.
fn inflate(vm: &mut Vm, a: &[u64], input_array: bool, output_array: bool) -> Result<u64, Thrown> {
    let (input, output) = call_regions(vm, a, input_array, output_array)?;
    let result = with_table(|t| match t.streams.get_mut(&arg(a, 1)) {
        Some(Stream::Inflate(s)) => Some(with_regions(input, output, |i, o| s.inflate(i, o))),
        _ => None,
    });
    match result {
        Some(Ok(progress)) => Ok(progress.pack()),
        Some(Err(failure)) => {
            if let ZipFailure::Data { read, written, .. } = &failure {
                let (input_field, output_field) = consumed_fields(vm)?;
                let this = arg(a, 0);
                vm.put_int(this, input_field, *read as i32);
                vm.put_int(this, output_field, *written as i32);
            }
            Err(throw_failure(vm, failure))
        }
        None => Err(vm.throw_new(
            "java/lang/InternalError",
            Some(format!("no inflater {:#x}", arg(a, 1))),
        )),
    }
}

/// `Deflater.deflate*(addr, input..., output..., flush, params)`.
fn deflate(vm: &mut Vm, a: &[u64], input_array: bool, output_array: bool) -> Result<u64, Thrown> {
    let (input, output) = call_regions(vm, a, input_array, output_array)?;
    let (flush, params) = (arg_int(a, 9), arg_int(a, 10));
    let progress: Progress = with_stream(vm, arg(a, 1), |s| match s {
        Stream::Deflate(d) => with_regions(input, output, |i, o| d.deflate(i, o, flush, params)),
        Stream::Inflate(_) => Err(ZipFailure::Internal("not a deflater".to_owned())),
    })?;
    Ok(progress.pack())
}

fn consumed_fields(vm: &mut Vm) -> Result<(u32, u32), Thrown> {
    if let Some(f) = CONSUMED_FIELDS.get() {
        return Ok(f);
    }
    let f = (
        vm.field_offset_of(INFLATER, "inputConsumed", "I")?,
        vm.field_offset_of(INFLATER, "outputConsumed", "I")?,
    );
    CONSUMED_FIELDS.set(Some(f));
    Ok(f)
}
