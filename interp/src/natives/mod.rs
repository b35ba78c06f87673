//! Native methods: a registry keyed by `class.name descriptor`, looked up once per method on
//! its first call and cached in the method. A native that is not registered throws
//! `UnsatisfiedLinkError` naming the method as HotSpot does (`'int Foo.bar(int)'`).
//!
//! One file per area of java.base: `lang` (Object, Class, System, String, Float/Double),
//! `math` (StrictMath), `unsafe_access` (jdk.internal.misc.Unsafe), and the boot's own areas.

mod io;
mod lang;
mod loader;
mod math;
mod method_handles;
mod props;
mod reflect;
mod stack;
mod system;
mod thread;
// Helpers for every native file; some are used only as the boot natives arrive.
#[allow(dead_code)]
mod support;
mod unsafe_access;
mod zip;

pub(crate) use reflect::split_descriptor;
pub(crate) use system::clock;

use crate::vm::{Thrown, Vm};

/// A native method: receives the argument slots (receiver first; a `long`/`double` argument
/// takes two slots, value in the first), returns the result slot (0 for `void`; a
/// `long`/`double` result is its one 64-bit slot).
pub(crate) type NativeFn = fn(&mut Vm, &[u64]) -> Result<u64, Thrown>;

/// Slots a return type (first character of the descriptor's return part) takes.
pub(crate) fn return_slots(ret: u8) -> usize {
    match ret {
        b'V' => 0,
        b'J' | b'D' => 2,
        _ => 1,
    }
}

/// Slots a value of field descriptor `descriptor` (or `V`) takes.
pub(crate) fn descriptor_slots(descriptor: &str) -> u16 {
    descriptor
        .as_bytes()
        .first()
        .map_or(1, |&c| return_slots(c) as u16)
}

/// The slot of an `int` (or `boolean`, `char`, ...) result.
pub(crate) fn int(v: i32) -> u64 {
    u64::from(v as u32)
}

/// Argument slot `i` (0 when absent: validated code always passes every slot).
pub(crate) fn arg(args: &[u64], i: usize) -> u64 {
    args.get(i).copied().unwrap_or(0)
}

/// Argument slot `i` as an `int`.
#[allow(dead_code)]
pub(crate) fn arg_int(args: &[u64], i: usize) -> i32 {
    arg(args, i) as u32 as i32
}

impl Vm {
    /// Registers `function` as the native `class.name descriptor` (internal class name).
    pub(crate) fn register_native(
        &mut self,
        class: &str,
        name: &str,
        descriptor: &str,
        function: NativeFn,
    ) {
        self.natives
            .insert(format!("{class}.{name}{descriptor}"), function);
    }
}

pub(crate) fn register_all(vm: &mut Vm) {
    lang::register(vm);
    math::register(vm);
    unsafe_access::register(vm);
    props::register(vm);
    io::register(vm);
    reflect::register(vm);
    system::register(vm);
    thread::register(vm);
    loader::register(vm);
    stack::register(vm);
    method_handles::register(vm);
    zip::register(vm);
}

/// Writes `bytes` to file descriptor 2 (messages the VM itself prints, as HotSpot does).
pub(crate) fn write_stderr(bytes: &[u8]) {
    let mut rest = bytes;
    while !rest.is_empty() {
        // SAFETY: writes from a valid buffer of the given length.
        let n = unsafe { libc::write(2, rest.as_ptr().cast(), rest.len()) };
        if n < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return;
        }
        rest = &rest[n as usize..];
    }
}
