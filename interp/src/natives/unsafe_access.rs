//! `jdk.internal.misc.Unsafe`: object + offset addressing (offsets come from
//! `objectFieldOffset` or `arrayBaseOffset`/`arrayIndexScale`, so addresses stay inside
//! the object).

use jfork_resolver::ARRAY_BASE_OFFSET;

use super::arg;
use crate::heap;
use crate::object::element_shift;
use crate::vm::Vm;

/// The few `jdk.internal.misc.Unsafe` natives that core classes (`ArraysSupport`, atomic
/// field updates in collections) need before the boot; object + offset addressing only.
pub(crate) fn register(vm: &mut Vm) {
    const U: &str = "jdk/internal/misc/Unsafe";
    vm.register_native(U, "arrayBaseOffset0", "(Ljava/lang/Class;)I", |_, _| {
        Ok(u64::from(ARRAY_BASE_OFFSET))
    });
    vm.register_native(U, "arrayIndexScale0", "(Ljava/lang/Class;)I", |vm, a| {
        let c = vm.class_of_mirror(arg(a, 1));
        Ok(vm.classes[c as usize]
            .element
            .map_or(0, |(k, _)| 1u64 << element_shift(k)))
    });
    vm.register_native(U, "addressSize0", "()I", |_, _| Ok(8));
    vm.register_native(U, "pageSize", "()I", |_, _| Ok(4096));
    vm.register_native(U, "isBigEndian0", "()Z", |_, _| {
        Ok(u64::from(cfg!(target_endian = "big")))
    });
    vm.register_native(U, "unalignedAccess0", "()Z", |_, _| Ok(1));
    for fence in ["storeFence", "loadFence", "fullFence"] {
        vm.register_native(U, fence, "()V", |_, _| Ok(0));
    }
    vm.register_native(
        U,
        "objectFieldOffset1",
        "(Ljava/lang/Class;Ljava/lang/String;)J",
        |vm, a| {
            let c = vm.class_of_mirror(arg(a, 1));
            let name = vm.string_value(arg(a, 2)).unwrap_or_default();
            let mut k = Some(std::sync::Arc::clone(&vm.classes[c as usize].linked));
            while let Some(class) = k {
                if let Some(f) = class
                    .fields
                    .iter()
                    .find(|f| f.name == name && !f.is_static())
                {
                    return Ok(u64::from(f.offset));
                }
                k = class.super_class.clone();
            }
            Err(vm.throw_new("java/lang/InternalError", Some(name)))
        },
    );
    // Object + offset accessors. The offset comes from objectFieldOffset/arrayBaseOffset, so
    // the address is inside the object.
    macro_rules! access {
        ($($get:literal $put:literal $d:literal $r:ident $w:ident $to:expr, $from:expr;)*) => {$(
            for name in [$get, concat!($get, "Volatile"), concat!($get, "Acquire"), concat!($get, "Opaque")] {
                vm.register_native(U, name, concat!("(Ljava/lang/Object;J)", $d), |_, a| {
                    let v = heap::$r(arg(a, 1).wrapping_add(arg(a, 2)));
                    let f: fn(_) -> u64 = $to;
                    Ok(f(v))
                });
            }
            for name in [$put, concat!($put, "Volatile"), concat!($put, "Release"), concat!($put, "Opaque")] {
                vm.register_native(U, name, concat!("(Ljava/lang/Object;J", $d, ")V"), |_, a| {
                    let f: fn(u64) -> _ = $from;
                    heap::$w(arg(a, 1).wrapping_add(arg(a, 2)), f(arg(a, 4)));
                    Ok(0)
                });
            }
        )*};
    }
    access! {
        "getInt" "putInt" "I" get_i32 put_i32 |v: i32| u64::from(v as u32), |v| v as u32 as i32;
        "getLong" "putLong" "J" get_u64 put_u64 |v: u64| v, |v| v;
        "getReference" "putReference" "Ljava/lang/Object;" get_u64 put_u64 |v: u64| v, |v| v;
        "getByte" "putByte" "B" get_i8 put_i8 |v: i8| u64::from(v as u8 as u32), |v| v as u8 as i8;
        "getShort" "putShort" "S" get_i16 put_i16 |v: i16| u64::from(v as u16 as u32), |v| v as u16 as i16;
        "getChar" "putChar" "C" get_u16 put_u16 |v: u16| u64::from(v), |v| v as u16;
    }
    macro_rules! cas {
        ($($name:literal $d:literal $r:ident $w:ident $t:ty;)*) => {$(
            vm.register_native(U, $name, concat!("(Ljava/lang/Object;J", $d, $d, ")Z"), |_, a| {
                let at = arg(a, 1).wrapping_add(arg(a, 2));
                let wide = $d == "J";
                let (expected, new) = if wide { (arg(a, 4), arg(a, 6)) } else { (arg(a, 4), arg(a, 5)) };
                if heap::$r(at) as u64 == expected as $t as u64 {
                    heap::$w(at, new as $t);
                    Ok(1)
                } else {
                    Ok(0)
                }
            });
        )*};
    }
    cas! {
        "compareAndSetInt" "I" get_i32 put_i32 i32;
        "compareAndSetLong" "J" get_u64 put_u64 u64;
        "compareAndSetReference" "Ljava/lang/Object;" get_u64 put_u64 u64;
    }
}
