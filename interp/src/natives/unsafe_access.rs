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
        "getByte" "putByte" "B" get_i8 put_i8 |v: i8| u64::from(i32::from(v) as u32), |v| v as u8 as i8;
        "getShort" "putShort" "S" get_i16 put_i16 |v: i16| u64::from(i32::from(v) as u32), |v| v as u16 as i16;
        "getChar" "putChar" "C" get_u16 put_u16 |v: u16| u64::from(v), |v| v as u16;
        "getBoolean" "putBoolean" "Z" get_i8 put_i8 |v: i8| u64::from(v as u8 != 0), |v| i8::from(v as u8 & 1 != 0);
        "getFloat" "putFloat" "F" get_i32 put_i32 |v: i32| u64::from(v as u32), |v| v as u32 as i32;
        "getDouble" "putDouble" "D" get_u64 put_u64 |v: u64| v, |v| v;
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
    macro_rules! exchange {
        ($($name:literal $d:literal $r:ident $w:ident $t:ty;)*) => {$(
            vm.register_native(U, $name, concat!("(Ljava/lang/Object;J", $d, $d, ")", $d), |_, a| {
                let at = arg(a, 1).wrapping_add(arg(a, 2));
                let wide = $d == "J";
                let (expected, new) = if wide { (arg(a, 4), arg(a, 6)) } else { (arg(a, 4), arg(a, 5)) };
                let old = heap::$r(at);
                if old as u64 == expected as $t as u64 {
                    heap::$w(at, new as $t);
                }
                Ok(old as $t as u64 & if wide || $d != "I" { u64::MAX } else { 0xffff_ffff })
            });
        )*};
    }
    exchange! {
        "compareAndExchangeInt" "I" get_i32 put_i32 i32;
        "compareAndExchangeLong" "J" get_u64 put_u64 u64;
        "compareAndExchangeReference" "Ljava/lang/Object;" get_u64 put_u64 u64;
    }
    more(vm);
    cas! {
        "compareAndSetInt" "I" get_i32 put_i32 i32;
        "compareAndSetLong" "J" get_u64 put_u64 u64;
        "compareAndSetReference" "Ljava/lang/Object;" get_u64 put_u64 u64;
    }
}

fn more(vm: &mut Vm) {
    const U: &str = "jdk/internal/misc/Unsafe";
    vm.register_native(
        U,
        "ensureClassInitialized0",
        "(Ljava/lang/Class;)V",
        |vm, a| {
            let c = vm.class_arg(arg(a, 1))?;
            vm.initialize(c)?;
            Ok(0)
        },
    );
    vm.register_native(
        U,
        "shouldBeInitialized0",
        "(Ljava/lang/Class;)Z",
        |vm, a| {
            let c = vm.class_arg(arg(a, 1))?;
            Ok(u64::from(
                vm.classes[c as usize].state != crate::vm::InitState::Initialized,
            ))
        },
    );
    vm.register_native(
        U,
        "allocateInstance",
        "(Ljava/lang/Class;)Ljava/lang/Object;",
        |vm, a| {
            let c = vm.class_arg(arg(a, 1))?;
            let linked = std::sync::Arc::clone(&vm.classes[c as usize].linked);
            if linked.is_interface()
                || linked.is_array()
                || linked.access & jfork_resolver::access::ACC_ABSTRACT != 0
                || matches!(linked.kind, jfork_resolver::ClassKind::Primitive(_))
            {
                return vm.throw(
                    "java/lang/InstantiationException",
                    linked.name.replace('/', "."),
                );
            }
            vm.initialize(c)?;
            vm.new_instance(c)
        },
    );
    vm.register_native(U, "throwException", "(Ljava/lang/Throwable;)V", |vm, a| {
        Err(crate::vm::Thrown(vm_non_null(vm, arg(a, 1))?))
    });
    vm.register_native(U, "allocateMemory0", "(J)J", |_, a| {
        // SAFETY: malloc of the requested size; the JDK frees it with freeMemory0.
        Ok(unsafe { libc::malloc(arg(a, 1) as usize) } as u64)
    });
    vm.register_native(U, "reallocateMemory0", "(JJ)J", |_, a| {
        // SAFETY: the address came from allocateMemory0 (the JDK's contract).
        Ok(unsafe { libc::realloc(arg(a, 1) as *mut libc::c_void, arg(a, 3) as usize) } as u64)
    });
    vm.register_native(U, "freeMemory0", "(J)V", |_, a| {
        // SAFETY: the address came from allocateMemory0 (the JDK's contract).
        unsafe { libc::free(arg(a, 1) as *mut libc::c_void) };
        Ok(0)
    });
    vm.register_native(U, "setMemory0", "(Ljava/lang/Object;JJB)V", |_, a| {
        let at = arg(a, 1).wrapping_add(arg(a, 2));
        // SAFETY: base + offset and the length come from the JDK's checked callers.
        unsafe { std::ptr::write_bytes(at as *mut u8, arg(a, 6) as u8, arg(a, 4) as usize) };
        Ok(0)
    });
    vm.register_native(
        U,
        "copyMemory0",
        "(Ljava/lang/Object;JLjava/lang/Object;JJ)V",
        |_, a| {
            let from = arg(a, 1).wrapping_add(arg(a, 2));
            let to = arg(a, 4).wrapping_add(arg(a, 5));
            heap::copy_bytes(from, to, arg(a, 7));
            Ok(0)
        },
    );
    vm.register_native(U, "getLoadAverage0", "([DI)I", |vm, a| {
        let mut loads = [0f64; 3];
        let n = arg(a, 2) as u32 as i32;
        // SAFETY: fills at most 3 doubles of `loads`.
        let got = unsafe { libc::getloadavg(loads.as_mut_ptr(), n.clamp(0, 3)) };
        for (i, l) in loads.iter().enumerate().take(got.max(0) as usize) {
            heap::put_u64(
                crate::object::element_address(arg(a, 1), i as i32, 3),
                l.to_bits(),
            );
        }
        let _ = vm;
        Ok(u64::from(got as u32))
    });
}

fn vm_non_null(vm: &mut Vm, object: u64) -> Result<u64, crate::vm::Thrown> {
    vm.non_null(object)
}
