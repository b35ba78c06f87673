//! Natives of `java.lang`: Object, Class, System, Float/Double bits, StringUTF16.

use jfork_resolver::{ARRAY_BASE_OFFSET, LoaderId};

use super::{NativeFn, arg, int};
use crate::heap;
use crate::object::{array_length, element_shift};
use crate::vm::{Thrown, Vm};

pub(crate) fn register(vm: &mut Vm) {
    let nop: NativeFn = |_, _| Ok(0);
    for class in [
        "java/lang/Object",
        "java/lang/Class",
        "java/lang/System",
        "java/lang/Thread",
        "jdk/internal/misc/Unsafe",
        "jdk/internal/misc/VM",
    ] {
        vm.register_native(class, "registerNatives", "()V", nop);
    }
    vm.register_native("java/lang/Object", "hashCode", "()I", |vm, a| {
        Ok(int(vm.identity_hash(arg(a, 0))))
    });
    vm.register_native(
        "java/lang/System",
        "identityHashCode",
        "(Ljava/lang/Object;)I",
        |vm, a| {
            let o = arg(a, 0);
            Ok(if o == 0 { 0 } else { int(vm.identity_hash(o)) })
        },
    );
    vm.register_native(
        "java/lang/Object",
        "getClass",
        "()Ljava/lang/Class;",
        |vm, a| {
            let c = vm.class_of(arg(a, 0));
            vm.mirror(c)
        },
    );
    vm.register_native(
        "java/lang/Object",
        "clone",
        "()Ljava/lang/Object;",
        object_clone,
    );
    vm.register_native(
        "java/lang/System",
        "arraycopy",
        "(Ljava/lang/Object;ILjava/lang/Object;II)V",
        arraycopy,
    );
    vm.register_native("java/lang/Float", "floatToRawIntBits", "(F)I", |_, a| {
        Ok(arg(a, 0) & 0xffff_ffff)
    });
    vm.register_native("java/lang/Float", "intBitsToFloat", "(I)F", |_, a| {
        Ok(arg(a, 0) & 0xffff_ffff)
    });
    vm.register_native("java/lang/Double", "doubleToRawLongBits", "(D)J", |_, a| {
        Ok(arg(a, 0))
    });
    vm.register_native("java/lang/Double", "longBitsToDouble", "(J)D", |_, a| {
        Ok(arg(a, 0))
    });
    vm.register_native("java/lang/StringUTF16", "isBigEndian", "()Z", |_, _| {
        Ok(u64::from(cfg!(target_endian = "big")))
    });
    vm.register_native(
        "java/lang/Class",
        "desiredAssertionStatus0",
        "(Ljava/lang/Class;)Z",
        |vm, a| {
            // `-ea` enables assertions in every class but the boot loader's (`-esa`).
            let c = vm.class_arg(arg(a, 0))?;
            let system = vm.classes[c as usize].linked.loader == LoaderId::BOOTSTRAP;
            Ok(u64::from(vm.options.enable_assertions && !system))
        },
    );
    vm.register_native(
        "java/lang/Class",
        "getPrimitiveClass",
        "(Ljava/lang/String;)Ljava/lang/Class;",
        |vm, a| {
            let name = vm.string_value(arg(a, 0)).unwrap_or_default();
            let ty = match name.as_str() {
                "boolean" => Some(jfork_resolver::BasicType::Boolean),
                "byte" => Some(jfork_resolver::BasicType::Byte),
                "char" => Some(jfork_resolver::BasicType::Char),
                "short" => Some(jfork_resolver::BasicType::Short),
                "int" => Some(jfork_resolver::BasicType::Int),
                "long" => Some(jfork_resolver::BasicType::Long),
                "float" => Some(jfork_resolver::BasicType::Float),
                "double" => Some(jfork_resolver::BasicType::Double),
                "void" => None,
                _ => return Err(vm.throw_new("java/lang/ClassNotFoundException", Some(name))),
            };
            let class = vm.linker.primitive_class(ty);
            let id = vm.register_class(&class);
            vm.mirror(id)
        },
    );
    vm.register_native("java/lang/Class", "isArray", "()Z", |vm, a| {
        let c = vm.class_of_mirror(arg(a, 0));
        Ok(u64::from(vm.classes[c as usize].element.is_some()))
    });
    vm.register_native("java/lang/Class", "isInterface", "()Z", |vm, a| {
        let c = vm.class_of_mirror(arg(a, 0));
        Ok(u64::from(vm.classes[c as usize].linked.is_interface()))
    });
    vm.register_native("java/lang/Class", "isPrimitive", "()Z", |vm, a| {
        let c = vm.class_of_mirror(arg(a, 0));
        Ok(u64::from(matches!(
            vm.classes[c as usize].linked.kind,
            jfork_resolver::ClassKind::Primitive(_)
        )))
    });
    vm.register_native(
        "java/lang/Class",
        "initClassName",
        "()Ljava/lang/String;",
        |vm, a| {
            let c = vm.class_of_mirror(arg(a, 0));
            let name = vm.external_class_name(c);
            let s = vm.intern(&name)?;
            // Class.name caches the result, as HotSpot's initClassName stores it.
            if let Some(f) = vm.classes[vm.wk.class as usize]
                .linked
                .instance_field("name", "Ljava/lang/String;")
            {
                heap::put_u64(arg(a, 0) + u64::from(f.offset), s);
            }
            Ok(s)
        },
    );
    vm.register_native(
        "java/lang/Throwable",
        "fillInStackTrace",
        "(I)Ljava/lang/Throwable;",
        |vm, a| {
            vm.fill_in_stack_trace(arg(a, 0))?;
            Ok(arg(a, 0))
        },
    );
    vm.register_native("jdk/internal/misc/VM", "initialize", "()V", nop);
}

fn object_clone(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let object = arg(a, 0);
    let class = vm.class_of(object);
    let size = match vm.classes[class as usize].element {
        Some((kind, _)) => {
            u64::from(ARRAY_BASE_OFFSET) + ((array_length(object) as u64) << element_shift(kind))
        }
        None => {
            let cloneable = vm.load(LoaderId::BOOTSTRAP, "java/lang/Cloneable")?;
            if !vm.is_assignable(class, cloneable) {
                let name = vm.classes[class as usize].linked.name.replace('/', ".");
                return Err(vm.throw_new("java/lang/CloneNotSupportedException", Some(name)));
            }
            u64::from(vm.classes[class as usize].linked.instance_size)
        }
    };
    let copy = vm.allocate_raw(class, size)?;
    // The header's first word carries the class and the boolean-array flag.
    heap::put_u64(copy, heap::get_u64(object));
    // Copy everything after the header (the mark word stays fresh).
    heap::copy_bytes(object + 16, copy + 16, size - 16);
    Ok(copy)
}

fn arraycopy(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let (src, src_pos, dst, dst_pos, length) = (
        arg(a, 0),
        arg(a, 1) as u32 as i32,
        arg(a, 2),
        arg(a, 3) as u32 as i32,
        arg(a, 4) as u32 as i32,
    );
    if src == 0 || dst == 0 {
        return Err(vm.throw_new("java/lang/NullPointerException", None));
    }
    let (sc, dc) = (vm.class_of(src), vm.class_of(dst));
    let type_name = |vm: &Vm, c: u32| {
        let linked = &vm.classes[c as usize].linked;
        match vm.classes[c as usize].element {
            Some((crate::code::Kind::Ref, _)) => "object array[]".to_owned(),
            Some(_) => jfork_resolver::BasicType::of_descriptor(&linked.name[1..]).map_or_else(
                String::new,
                |t| {
                    format!(
                        "{}[]",
                        match t {
                            jfork_resolver::BasicType::Boolean => "boolean",
                            jfork_resolver::BasicType::Byte => "byte",
                            jfork_resolver::BasicType::Char => "char",
                            jfork_resolver::BasicType::Short => "short",
                            jfork_resolver::BasicType::Int => "int",
                            jfork_resolver::BasicType::Float => "float",
                            jfork_resolver::BasicType::Long => "long",
                            jfork_resolver::BasicType::Double => "double",
                            jfork_resolver::BasicType::Reference => "object array",
                        }
                    )
                },
            ),
            None => linked.name.replace('/', "."),
        }
    };
    let (Some((sk, scomp)), Some((dk, dcomp))) = (
        vm.classes[sc as usize].element,
        vm.classes[dc as usize].element,
    ) else {
        let which = if vm.classes[sc as usize].element.is_none() {
            ("source", sc)
        } else {
            ("destination", dc)
        };
        let message = format!(
            "arraycopy: {} type {} is not an array",
            which.0,
            type_name(vm, which.1)
        );
        return Err(vm.throw_new("java/lang/ArrayStoreException", Some(message)));
    };
    let primitive = |k| k != crate::code::Kind::Ref;
    let same_primitive = vm.classes[sc as usize].linked.name == vm.classes[dc as usize].linked.name;
    if (primitive(sk) || primitive(dk)) && !same_primitive {
        let message = format!(
            "arraycopy: type mismatch: can not copy {} into {}",
            type_name(vm, sc),
            type_name(vm, dc)
        );
        return Err(vm.throw_new("java/lang/ArrayStoreException", Some(message)));
    }
    let (slen, dlen) = (array_length(src), array_length(dst));
    if length < 0 {
        let message = format!("arraycopy: length {length} is negative");
        return Err(vm.throw_new("java/lang/ArrayIndexOutOfBoundsException", Some(message)));
    }
    let elem = |c: u32, vm: &Vm| {
        let n = &vm.classes[c as usize].linked.name;
        match n.as_bytes().get(1) {
            Some(b'L' | b'[') => "object array".to_owned(),
            _ => type_name(vm, c).trim_end_matches("[]").to_owned(),
        }
    };
    if src_pos < 0 || i64::from(src_pos) + i64::from(length) > i64::from(slen) {
        let message = if src_pos < 0 {
            format!(
                "arraycopy: source index {src_pos} out of bounds for {}[{slen}]",
                elem(sc, vm)
            )
        } else {
            format!(
                "arraycopy: last source index {} out of bounds for {}[{slen}]",
                i64::from(src_pos) + i64::from(length),
                elem(sc, vm)
            )
        };
        return Err(vm.throw_new("java/lang/ArrayIndexOutOfBoundsException", Some(message)));
    }
    if dst_pos < 0 || i64::from(dst_pos) + i64::from(length) > i64::from(dlen) {
        let message = if dst_pos < 0 {
            format!(
                "arraycopy: destination index {dst_pos} out of bounds for {}[{dlen}]",
                elem(dc, vm)
            )
        } else {
            format!(
                "arraycopy: last destination index {} out of bounds for {}[{dlen}]",
                i64::from(dst_pos) + i64::from(length),
                elem(dc, vm)
            )
        };
        return Err(vm.throw_new("java/lang/ArrayIndexOutOfBoundsException", Some(message)));
    }
    let shift = element_shift(sk);
    let at = |array: u64, pos: i32| crate::object::element_address(array, pos, shift);
    if primitive(sk) || vm.is_assignable(scomp, dcomp) {
        heap::copy_bytes(at(src, src_pos), at(dst, dst_pos), (length as u64) << shift);
        return Ok(0);
    }
    // Reference arrays of unrelated component types: check each element.
    for i in 0..length {
        let v = heap::get_u64(at(src, src_pos + i));
        if v != 0 && !vm.is_assignable(vm.class_of(v), dcomp) {
            let message = format!(
                "arraycopy: element type mismatch: can not cast one of the elements of {}[] to the type of the destination array, {}",
                vm.classes[scomp as usize].linked.name.replace('/', "."),
                vm.classes[dcomp as usize].linked.name.replace('/', ".")
            );
            return Err(vm.throw_new("java/lang/ArrayStoreException", Some(message)));
        }
        heap::put_u64(at(dst, dst_pos + i), v);
    }
    Ok(0)
}
