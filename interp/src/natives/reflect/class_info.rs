//! What `java.lang.Class` asks the VM about a class: modifiers, supertypes, the
//! `InnerClasses`/`EnclosingMethod`/nest/`PermittedSubclasses`/`Record` attributes,
//! signatures and annotation bytes; `jdk.internal.reflect.Reflection`; and
//! `jdk.internal.reflect.ConstantPool` over a class's constant pool.

use jfork_classfile::Constant;
use jfork_resolver::access::{ACC_ABSTRACT, ACC_FINAL, ACC_PRIVATE, ACC_PROTECTED, ACC_PUBLIC};
use jfork_resolver::{ClassKind, LinkedClass, LoaderId};

use super::attribute;
use crate::natives::{NativeFn, arg, arg_int, int};
use crate::vm::{Thrown, Vm};

/// `ACC_SUPER`: dropped from the modifiers `Class.getModifiers` reports.
const ACC_SUPER: u16 = 0x0020;
/// HotSpot's `JVM_ACC_WRITTEN_FLAGS`: the flags a class file may set.
const WRITTEN_FLAGS: u16 = 0x7fff;
/// What HotSpot reports for primitive classes (and arrays of them): public final abstract.
const PRIMITIVE_MODIFIERS: u16 = ACC_PUBLIC | ACC_FINAL | ACC_ABSTRACT;

const CLASS: &str = "java/lang/Class";

pub(super) fn register(vm: &mut Vm) {
    let natives: [(&str, &str, NativeFn); 19] = [
        ("getModifiers", "()I", |vm, a| {
            let c = vm.class_arg(arg(a, 0))?;
            Ok(u64::from(class_modifiers(vm, c)))
        }),
        ("getSuperclass", "()Ljava/lang/Class;", get_superclass),
        ("getInterfaces0", "()[Ljava/lang/Class;", get_interfaces),
        (
            "getDeclaringClass0",
            "()Ljava/lang/Class;",
            get_declaring_class,
        ),
        (
            "getEnclosingMethod0",
            "()[Ljava/lang/Object;",
            get_enclosing_method,
        ),
        ("getSimpleBinaryName0", "()Ljava/lang/String;", |vm, a| {
            let c = vm.class_arg(arg(a, 0))?;
            let name = own_inner_entry(vm, c).and_then(|e| e.2);
            vm.string_or_null(name.as_deref())
        }),
        ("getGenericSignature0", "()Ljava/lang/String;", |vm, a| {
            let c = vm.class_arg(arg(a, 0))?;
            let linked = vm.linked(c);
            let signature = linked.class_file().and_then(|f| f.signature());
            vm.string_or_null(signature)
        }),
        ("getRawAnnotations", "()[B", |vm, a| {
            class_attribute(vm, arg(a, 0), "RuntimeVisibleAnnotations")
        }),
        ("getRawTypeAnnotations", "()[B", |vm, a| {
            class_attribute(vm, arg(a, 0), "RuntimeVisibleTypeAnnotations")
        }),
        (
            "getConstantPool",
            "()Ljdk/internal/reflect/ConstantPool;",
            get_constant_pool,
        ),
        ("isInstance", "(Ljava/lang/Object;)Z", |vm, a| {
            let c = vm.class_arg(arg(a, 0))?;
            let o = arg(a, 1);
            Ok(u64::from(o != 0 && vm.is_assignable(vm.class_of(o), c)))
        }),
        ("isAssignableFrom", "(Ljava/lang/Class;)Z", |vm, a| {
            let to = vm.class_arg(arg(a, 0))?;
            let from = vm.class_arg(arg(a, 1))?;
            Ok(u64::from(vm.is_assignable(from, to)))
        }),
        // Hidden classes come with `Lookup.defineHiddenClass`, which jfork does not have yet.
        ("isHidden", "()Z", |vm, a| {
            let c = vm.class_arg(arg(a, 0))?;
            Ok(u64::from(vm.is_hidden_class(c)))
        }),
        ("getNestHost0", "()Ljava/lang/Class;", |vm, a| {
            let c = vm.class_arg(arg(a, 0))?;
            let host = match vm.hidden_nest_host(c) {
                Some(h) => h,
                None => nest_host(vm, c),
            };
            vm.mirror(host)
        }),
        ("getNestMembers0", "()[Ljava/lang/Class;", get_nest_members),
        (
            "getPermittedSubclasses0",
            "()[Ljava/lang/Class;",
            get_permitted_subclasses,
        ),
        ("isRecord0", "()Z", |vm, a| {
            let c = vm.class_arg(arg(a, 0))?;
            Ok(u64::from(is_record(vm, c)))
        }),
        (
            "getProtectionDomain0",
            "()Ljava/security/ProtectionDomain;",
            |vm, a| vm.protection_domain(arg(a, 0)),
        ),
        (
            "getDeclaredClasses0",
            "()[Ljava/lang/Class;",
            get_declared_classes,
        ),
    ];
    for (name, descriptor, function) in natives {
        vm.register_native(CLASS, name, descriptor, function);
    }
    const REFLECTION: &str = "jdk/internal/reflect/Reflection";
    vm.register_native(
        REFLECTION,
        "getClassAccessFlags",
        "(Ljava/lang/Class;)I",
        |vm, a| {
            let c = vm.class_arg(arg(a, 0))?;
            Ok(u64::from(class_access_flags(
                &vm.classes[c as usize].linked,
            )))
        },
    );
    vm.register_native(
        REFLECTION,
        "areNestMates",
        "(Ljava/lang/Class;Ljava/lang/Class;)Z",
        |vm, a| {
            let x = vm.class_arg(arg(a, 0))?;
            let y = vm.class_arg(arg(a, 1))?;
            let (x, y) = (vm.linked(x), vm.linked(y));
            Ok(u64::from(
                std::ptr::eq(&*x, &*y) || vm.linker.are_nestmates(&x, &y).unwrap_or(false),
            ))
        },
    );
    vm.register_native(
        REFLECTION,
        "getCallerClass",
        "()Ljava/lang/Class;",
        get_caller_class,
    );
    register_constant_pool(vm);
}

/// `Class.getModifiers` (HotSpot's `compute_modifier_flags`): the `InnerClasses` flags of a
/// member class, else the class file's, without `ACC_SUPER`; an array has its element's
/// access (public, private, protected) plus final and abstract.
fn class_modifiers(vm: &Vm, cid: u32) -> u16 {
    let linked = &vm.classes[cid as usize].linked;
    match &linked.kind {
        ClassKind::Primitive(_) => PRIMITIVE_MODIFIERS,
        ClassKind::Array { .. } => {
            let mut bottom = linked;
            while let ClassKind::Array { component, .. } = &bottom.kind {
                bottom = component;
            }
            let element = match bottom.kind {
                ClassKind::Declared => declared_modifiers(vm, bottom),
                _ => PRIMITIVE_MODIFIERS,
            };
            element & (ACC_PUBLIC | ACC_PRIVATE | ACC_PROTECTED) | ACC_FINAL | ACC_ABSTRACT
        }
        ClassKind::Declared => declared_modifiers(vm, linked),
    }
}

fn declared_modifiers(_vm: &Vm, linked: &LinkedClass) -> u16 {
    let Some(file) = linked.class_file() else {
        return linked.access & WRITTEN_FLAGS;
    };
    let pool = file.constant_pool();
    let inner = file
        .inner_classes()
        .iter()
        .find(|e| pool.class_name(e.inner_class_info_index) == Ok(&*linked.name))
        .map(|e| e.inner_class_access_flags);
    inner.unwrap_or(file.access_flags()) & !ACC_SUPER & WRITTEN_FLAGS
}

/// `Reflection.getClassAccessFlags`: the class file's flags (`ACC_SUPER` kept), none for
/// arrays, public final abstract for primitives.
fn class_access_flags(linked: &LinkedClass) -> u16 {
    match &linked.kind {
        ClassKind::Primitive(_) => PRIMITIVE_MODIFIERS,
        ClassKind::Array { .. } => 0,
        ClassKind::Declared => {
            linked
                .class_file()
                .map_or(linked.access, |f| f.access_flags())
                & WRITTEN_FLAGS
        }
    }
}

fn get_superclass(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let c = vm.class_arg(arg(a, 0))?;
    let linked = &vm.classes[c as usize].linked;
    if linked.is_interface() || matches!(linked.kind, ClassKind::Primitive(_)) {
        return Ok(0);
    }
    match vm.classes[c as usize].super_id {
        Some(s) => vm.mirror(s),
        None => Ok(0),
    }
}

fn get_interfaces(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let c = vm.class_arg(arg(a, 0))?;
    let linked = vm.linked(c);
    let ids: Vec<u32> = linked
        .interfaces
        .iter()
        .map(|i| vm.register_class(i))
        .collect();
    vm.class_array(&ids)
}

/// The `InnerClasses` entry naming class `cid` itself: (outer class name, if a member;
/// access flags; simple name, if not anonymous).
fn own_inner_entry(vm: &Vm, cid: u32) -> Option<(Option<String>, u16, Option<String>)> {
    let linked = &vm.classes[cid as usize].linked;
    let file = linked.class_file()?;
    let pool = file.constant_pool();
    let entry = file
        .inner_classes()
        .iter()
        .find(|e| pool.class_name(e.inner_class_info_index) == Ok(&*linked.name))?;
    let outer = match entry.outer_class_info_index {
        0 => None,
        i => pool.class_name(i).ok().map(str::to_owned),
    };
    let simple = match entry.inner_name_index {
        0 => None,
        i => pool.utf8(i).ok().map(str::to_owned),
    };
    Some((outer, entry.inner_class_access_flags, simple))
}

/// `getDeclaringClass0`: the outer class of a member class; null for top-level, local and
/// anonymous classes, arrays and primitives.
fn get_declaring_class(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let c = vm.class_arg(arg(a, 0))?;
    let Some((Some(outer), _, _)) = own_inner_entry(vm, c) else {
        return Ok(0);
    };
    let loader = vm.classes[c as usize].linked.loader;
    let outer = vm.load(loader, &outer)?;
    vm.mirror(outer)
}

/// `getEnclosingMethod0`: `[class, name, descriptor]` from `EnclosingMethod` (name and
/// descriptor null outside a method), or null without the attribute.
fn get_enclosing_method(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let c = vm.class_arg(arg(a, 0))?;
    let linked = vm.linked(c);
    let Some(file) = linked.class_file() else {
        return Ok(0);
    };
    let Some(enclosing) = file.enclosing_method() else {
        return Ok(0);
    };
    let pool = file.constant_pool();
    let Ok(class_name) = pool.class_name(enclosing.class_index) else {
        return Ok(0);
    };
    let outer = vm.load(linked.loader, class_name)?;
    let mut elements = vec![vm.mirror(outer)?, 0, 0];
    if enclosing.method_index != 0
        && let Ok((name, descriptor)) = pool.name_and_type(enclosing.method_index)
    {
        elements[1] = vm.create_string(name)?;
        elements[2] = vm.create_string(descriptor)?;
    }
    vm.new_ref_array("[Ljava/lang/Object;", &elements)
}

/// `getDeclaredClasses0`: the member classes `InnerClasses` lists with this class as
/// their outer class, in attribute order.
fn get_declared_classes(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let c = vm.class_arg(arg(a, 0))?;
    let linked = vm.linked(c);
    let mut ids = Vec::new();
    if let Some(file) = linked.class_file() {
        let pool = file.constant_pool();
        for e in file.inner_classes().iter() {
            if e.outer_class_info_index == 0
                || pool.class_name(e.outer_class_info_index) != Ok(&*linked.name)
            {
                continue;
            }
            if let Ok(inner) = pool.class_name(e.inner_class_info_index) {
                ids.push(vm.load(linked.loader, inner)?);
            }
        }
    }
    vm.class_array(&ids)
}

fn class_attribute(vm: &mut Vm, mirror: u64, name: &str) -> Result<u64, Thrown> {
    let c = vm.class_arg(mirror)?;
    let linked = vm.linked(c);
    let bytes = linked
        .class_file()
        .and_then(|f| attribute(f.constant_pool(), &f.attributes(), name));
    vm.bytes_or_null(bytes)
}

/// The validated nest host of class `cid` (JVMS 5.4.4): the class `NestHost` names, when it
/// loads, is in the same run-time package and lists this class; else the class itself.
fn nest_host(vm: &mut Vm, cid: u32) -> u32 {
    let linked = vm.linked(cid);
    if linked.decl.is_none() || linked.nest_host == linked.name {
        return cid;
    }
    let Ok(host) = vm.linker.load_class(linked.loader, &linked.nest_host) else {
        return cid;
    };
    let lists_us = host
        .decl
        .as_ref()
        .is_some_and(|d| d.nest_members.contains(&linked.name));
    if lists_us && host.same_package(&linked) {
        vm.register_class(&host)
    } else {
        cid
    }
}

/// `getNestMembers0`: the host first, then each member that loads and names the same host.
fn get_nest_members(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let c = vm.class_arg(arg(a, 0))?;
    let host = nest_host(vm, c);
    let linked = vm.linked(host);
    let mut ids = vec![host];
    if let Some(decl) = &linked.decl {
        for member in decl.nest_members.iter() {
            let Ok(m) = vm.linker.load_class(linked.loader, member) else {
                continue;
            };
            if m.decl.is_none() {
                continue;
            }
            let id = vm.register_class(&m);
            if nest_host(vm, id) == host {
                ids.push(id);
            }
        }
    }
    vm.class_array(&ids)
}

/// `getPermittedSubclasses0`: null for a class that is not sealed, else the classes of
/// `PermittedSubclasses` that load (the JDK filters them further).
fn get_permitted_subclasses(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let c = vm.class_arg(arg(a, 0))?;
    let linked = vm.linked(c);
    let Some(permitted) = linked
        .decl
        .as_ref()
        .and_then(|d| d.permitted_subclasses.as_ref())
    else {
        return Ok(0);
    };
    let mut ids = Vec::new();
    for name in permitted {
        if let Ok(k) = vm.linker.load_class(linked.loader, name)
            && k.decl.is_some()
        {
            ids.push(vm.register_class(&k));
        }
    }
    vm.class_array(&ids)
}

/// HotSpot's `is_record`: a `Record` attribute, final, and `java.lang.Record` as superclass.
pub(super) fn is_record(vm: &Vm, cid: u32) -> bool {
    let linked = &vm.classes[cid as usize].linked;
    linked
        .class_file()
        .is_some_and(|f| f.record_components().is_some())
        && linked.access & ACC_FINAL != 0
        && linked
            .super_class
            .as_ref()
            .is_some_and(|s| s.name == "java/lang/Record" && s.loader == LoaderId::BOOTSTRAP)
}

/// `Reflection.getCallerClass`: the class of the first frame past the caller-sensitive
/// method that called it, skipping reflection's own frames (`Method.invoke` and method
/// accessors), as HotSpot's `JVM_GetCallerClass`.
fn get_caller_class(vm: &mut Vm, _: &[u64]) -> Result<u64, Thrown> {
    let accessor = vm.load(
        LoaderId::BOOTSTRAP,
        "jdk/internal/reflect/MethodAccessorImpl",
    )?;
    // The innermost frame is getCallerClass's own (natives run in a frame), then the
    // caller-sensitive method; the caller is the frame after those.
    let frames: Vec<u32> = vm.thread.frames.iter().rev().map(|f| f.method).collect();
    for &mid in frames.iter().skip(2) {
        let m = &vm.methods[mid as usize];
        let class = m.class;
        let is_method_invoke =
            m.method.class_name == "java/lang/reflect/Method" && m.method.name == "invoke";
        if is_method_invoke || vm.is_assignable(class, accessor) {
            continue;
        }
        return vm.mirror(class);
    }
    Ok(0)
}

fn get_constant_pool(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let mirror = arg(a, 0);
    let c = vm.class_arg(mirror)?;
    if vm.classes[c as usize].linked.decl.is_none() {
        return Ok(0);
    }
    const POOL: &str = "jdk/internal/reflect/ConstantPool";
    let cid = vm.load(LoaderId::BOOTSTRAP, POOL)?;
    vm.initialize(cid)?;
    let pool = vm.new_instance(cid)?;
    let holder = vm.field_offset_of(POOL, "constantPoolOop", "Ljava/lang/Object;")?;
    // As on HotSpot, the pool is named by its class's mirror.
    vm.put_ref(pool, holder, mirror);
    Ok(pool)
}

/// The JVMS 4.4 tag of a constant (0 for the unusable slot after a long or double).
fn constant_tag(c: &Constant<'_>) -> u8 {
    match c {
        Constant::Unusable => 0,
        Constant::Utf8(_) => 1,
        Constant::Integer(_) => 3,
        Constant::Float(_) => 4,
        Constant::Long(_) => 5,
        Constant::Double(_) => 6,
        Constant::Class { .. } => 7,
        Constant::String { .. } => 8,
        Constant::Fieldref { .. } => 9,
        Constant::Methodref { .. } => 10,
        Constant::InterfaceMethodref { .. } => 11,
        Constant::NameAndType { .. } => 12,
        Constant::MethodHandle { .. } => 15,
        Constant::MethodType { .. } => 16,
        Constant::Dynamic { .. } => 17,
        Constant::InvokeDynamic { .. } => 18,
        Constant::Module { .. } => 19,
        Constant::Package { .. } => 20,
    }
}

/// A constant of the pool named by `a[1]` (a class mirror) at index `a[2]`, with
/// HotSpot's `IllegalArgumentException`s for a bad index.
fn pool_constant(vm: &mut Vm, a: &[u64]) -> Result<(u32, Constant<'static>), Thrown> {
    let c = vm.class_arg(arg(a, 1))?;
    let index = arg_int(a, 2);
    let linked = vm.linked(c);
    let found = linked.class_file().and_then(|f| {
        let pool = f.constant_pool();
        let index = u16::try_from(index).ok().filter(|&i| i < pool.count())?;
        Some(match pool.get(index, "constant") {
            Ok(k) => k.clone(),
            Err(_) => Constant::Unusable,
        })
    });
    match found {
        Some(k) => Ok((c, k)),
        None => vm.throw(
            "java/lang/IllegalArgumentException",
            "Constant pool index out of bounds",
        ),
    }
}

fn wrong_type<T>(vm: &mut Vm) -> Result<T, Thrown> {
    vm.throw(
        "java/lang/IllegalArgumentException",
        "Wrong type at constant pool index",
    )
}

fn register_constant_pool(vm: &mut Vm) {
    const POOL: &str = "jdk/internal/reflect/ConstantPool";
    vm.register_native(POOL, "getSize0", "(Ljava/lang/Object;)I", |vm, a| {
        let c = vm.class_arg(arg(a, 1))?;
        let size = vm
            .class_file_of(c)
            .map_or(0, |f| i32::from(f.constant_pool().count()));
        Ok(int(size))
    });
    vm.register_native(POOL, "getTagAt0", "(Ljava/lang/Object;I)B", |vm, a| {
        let (_, k) = pool_constant(vm, a)?;
        Ok(u64::from(constant_tag(&k)))
    });
    vm.register_native(
        POOL,
        "getIntAt0",
        "(Ljava/lang/Object;I)I",
        |vm, a| match pool_constant(vm, a)? {
            (_, Constant::Integer(v)) => Ok(int(v)),
            _ => wrong_type(vm),
        },
    );
    vm.register_native(
        POOL,
        "getLongAt0",
        "(Ljava/lang/Object;I)J",
        |vm, a| match pool_constant(vm, a)? {
            (_, Constant::Long(v)) => Ok(v as u64),
            _ => wrong_type(vm),
        },
    );
    vm.register_native(
        POOL,
        "getFloatAt0",
        "(Ljava/lang/Object;I)F",
        |vm, a| match pool_constant(vm, a)? {
            (_, Constant::Float(v)) => Ok(u64::from(v.to_bits())),
            _ => wrong_type(vm),
        },
    );
    vm.register_native(
        POOL,
        "getDoubleAt0",
        "(Ljava/lang/Object;I)D",
        |vm, a| match pool_constant(vm, a)? {
            (_, Constant::Double(v)) => Ok(v.to_bits()),
            _ => wrong_type(vm),
        },
    );
    vm.register_native(
        POOL,
        "getUTF8At0",
        "(Ljava/lang/Object;I)Ljava/lang/String;",
        |vm, a| match pool_constant(vm, a)? {
            (_, Constant::Utf8(s)) => vm.create_string(&s),
            _ => wrong_type(vm),
        },
    );
    vm.register_native(
        POOL,
        "getStringAt0",
        "(Ljava/lang/Object;I)Ljava/lang/String;",
        |vm, a| match pool_constant(vm, a)? {
            (c, Constant::String { string_index }) => {
                let linked = vm.linked(c);
                let text = linked
                    .class_file()
                    .and_then(|f| f.constant_pool().utf8(string_index).ok());
                match text {
                    Some(t) => vm.intern(t),
                    None => wrong_type(vm),
                }
            }
            _ => wrong_type(vm),
        },
    );
    for name in ["getClassAt0", "getClassAtIfLoaded0"] {
        vm.register_native(
            POOL,
            name,
            "(Ljava/lang/Object;I)Ljava/lang/Class;",
            |vm, a| match pool_constant(vm, a)? {
                (c, Constant::Class { name_index }) => {
                    let linked = vm.linked(c);
                    let name = linked
                        .class_file()
                        .and_then(|f| f.constant_pool().utf8(name_index).ok());
                    let Some(name) = name else {
                        return wrong_type(vm);
                    };
                    let k = vm.load(linked.loader, name)?;
                    vm.mirror(k)
                }
                _ => wrong_type(vm),
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_tags_are_jvms_tags() {
        assert_eq!(constant_tag(&Constant::Integer(1)), 3);
        assert_eq!(constant_tag(&Constant::Class { name_index: 1 }), 7);
        assert_eq!(constant_tag(&Constant::Unusable), 0);
        assert_eq!(constant_tag(&Constant::Package { name_index: 1 }), 20);
    }

    #[test]
    fn modifier_masks() {
        assert_eq!(PRIMITIVE_MODIFIERS, 0x411);
        // A private member class's array: private final abstract (HotSpot prints 1042).
        let element = ACC_PRIVATE | ACC_FINAL;
        assert_eq!(
            element & (ACC_PUBLIC | ACC_PRIVATE | ACC_PROTECTED) | ACC_FINAL | ACC_ABSTRACT,
            1042
        );
    }
}
