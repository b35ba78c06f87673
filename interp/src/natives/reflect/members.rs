//! `Class.getDeclaredMethods0`, `getDeclaredFields0`, `getDeclaredConstructors0`,
//! `getRecordComponents0`, and the `Unsafe` offsets of a `java.lang.reflect.Field`.
//!
//! Members come in class file order (HotSpot's order is its method array's, sorted by
//! symbol address: no program may rely on either).

use std::sync::Arc;

use jfork_resolver::access::{ACC_FINAL, ACC_PUBLIC};
use jfork_resolver::{LinkedClass, Method};

use super::class_info::is_record;
use super::{attribute, split_descriptor};
use crate::natives::{NativeFn, arg, int};
use crate::vm::{Thrown, Vm};

/// HotSpot's `JVM_RECOGNIZED_METHOD_MODIFIERS`: public private protected static final
/// synchronized bridge varargs native abstract strict synthetic.
pub(super) const METHOD_MODIFIERS: u16 = 0x1dff;
/// HotSpot's `JVM_RECOGNIZED_FIELD_MODIFIERS`: public private protected static final
/// volatile transient synthetic enum.
pub(super) const FIELD_MODIFIERS: u16 = 0x50df;

const METHOD_INIT: &str = "(Ljava/lang/Class;Ljava/lang/String;[Ljava/lang/Class;Ljava/lang/Class;[Ljava/lang/Class;IILjava/lang/String;[B[B[B)V";
const CONSTRUCTOR_INIT: &str =
    "(Ljava/lang/Class;[Ljava/lang/Class;[Ljava/lang/Class;IILjava/lang/String;[B[B)V";
const FIELD_INIT: &str =
    "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/Class;IZILjava/lang/String;[B)V";

pub(super) fn register(vm: &mut Vm) {
    let natives: [(&str, &str, NativeFn); 4] = [
        (
            "getDeclaredMethods0",
            "(Z)[Ljava/lang/reflect/Method;",
            |vm, a| declared_methods(vm, a, false),
        ),
        (
            "getDeclaredConstructors0",
            "(Z)[Ljava/lang/reflect/Constructor;",
            |vm, a| declared_methods(vm, a, true),
        ),
        (
            "getDeclaredFields0",
            "(Z)[Ljava/lang/reflect/Field;",
            declared_fields,
        ),
        (
            "getRecordComponents0",
            "()[Ljava/lang/reflect/RecordComponent;",
            record_components,
        ),
    ];
    for (name, descriptor, function) in natives {
        vm.register_native("java/lang/Class", name, descriptor, function);
    }
    // A `Field`'s slot is this module's to interpret, so its Unsafe offsets live here. Static
    // fields are stored outside the heap (the VM's per-class slots): their base is null and
    // their "offset" the slot's address, which Unsafe's base + offset addressing reaches.
    const UNSAFE: &str = "jdk/internal/misc/Unsafe";
    vm.register_native(
        UNSAFE,
        "objectFieldOffset0",
        "(Ljava/lang/reflect/Field;)J",
        |vm, a| {
            let (cid, slot) = field_of(vm, arg(a, 1))?;
            let field = vm.classes[cid as usize].linked.fields.get(slot).cloned();
            match field {
                Some(f) if !f.is_static() => Ok(u64::from(f.offset)),
                _ => vm.throw("java/lang/InternalError", "objectFieldOffset0"),
            }
        },
    );
    vm.register_native(
        UNSAFE,
        "staticFieldOffset0",
        "(Ljava/lang/reflect/Field;)J",
        |vm, a| {
            let (cid, slot) = field_of(vm, arg(a, 1))?;
            let rt = &vm.classes[cid as usize];
            let at = rt
                .linked
                .fields
                .get(slot)
                .filter(|f| f.is_static())
                .and_then(|f| rt.statics.get(f.offset as usize))
                .map(|s| s as *const u64 as u64);
            match at {
                Some(address) => Ok(address),
                None => vm.throw("java/lang/InternalError", "staticFieldOffset0"),
            }
        },
    );
    vm.register_native(
        UNSAFE,
        "staticFieldBase0",
        "(Ljava/lang/reflect/Field;)Ljava/lang/Object;",
        |vm, a| {
            field_of(vm, arg(a, 1))?;
            Ok(0)
        },
    );
}

/// The class id and field slot a `java.lang.reflect.Field` names.
fn field_of(vm: &mut Vm, field: u64) -> Result<(u32, usize), Thrown> {
    vm.non_null(field)?;
    const FIELD: &str = "java/lang/reflect/Field";
    let clazz = vm.field_offset_of(FIELD, "clazz", "Ljava/lang/Class;")?;
    let slot = vm.field_offset_of(FIELD, "slot", "I")?;
    let mirror = vm.get_ref(field, clazz);
    let cid = vm.class_arg(mirror)?;
    Ok((cid, vm.get_int(field, slot).max(0) as usize))
}

/// The declared method or constructor with class-file index `slot` of class `cid`.
pub(super) fn method_at(vm: &Vm, cid: u32, slot: i32) -> Option<Arc<Method>> {
    vm.classes[cid as usize]
        .linked
        .methods
        .iter()
        .find(|m| i32::from(m.index) == slot)
        .cloned()
}

/// `getDeclaredMethods0` (`constructors` false: every method but initializers) and
/// `getDeclaredConstructors0` (`<init>`s), public ones only when asked; empty for arrays,
/// primitives and (constructors) interfaces.
fn declared_methods(vm: &mut Vm, a: &[u64], constructors: bool) -> Result<u64, Thrown> {
    let cid = vm.class_arg(arg(a, 0))?;
    let public_only = arg(a, 1) & 1 != 0;
    let linked = vm.linked(cid);
    let mut objects = Vec::new();
    if linked.decl.is_some() && !(constructors && linked.is_interface()) {
        for m in linked.methods.iter() {
            let wanted = if constructors {
                m.name == "<init>"
            } else {
                !m.is_initializer()
            };
            if wanted && (!public_only || m.access & ACC_PUBLIC != 0) {
                objects.push(method_object(vm, cid, &linked, m, constructors)?);
            }
        }
    }
    let array_class = if constructors {
        "[Ljava/lang/reflect/Constructor;"
    } else {
        "[Ljava/lang/reflect/Method;"
    };
    vm.new_ref_array(array_class, &objects)
}

/// A new `Method` (or `Constructor`) for `method` of class `cid`, built by the JDK's
/// constructor with what HotSpot's `Reflection::new_method` gives it.
fn method_object(
    vm: &mut Vm,
    cid: u32,
    linked: &Arc<LinkedClass>,
    method: &Method,
    constructor: bool,
) -> Result<u64, Thrown> {
    let holder = vm.mirror(cid)?;
    let (params, ret) = split_descriptor(&method.descriptor);
    let mut param_mirrors = Vec::with_capacity(params.len());
    for p in params {
        param_mirrors.push(vm.mirror_of_type(linked.loader, p)?);
    }
    let parameter_types = vm.new_ref_array("[Ljava/lang/Class;", &param_mirrors)?;
    let file = linked.class_file();
    let declared = file.and_then(|f| f.methods().get(usize::from(method.index)));
    let mut exceptions = Vec::new();
    let (mut signature, mut annotations, mut parameter_annotations, mut default) = (0, 0, 0, 0);
    if let (Some(file), Some(declared)) = (file, declared) {
        let pool = file.constant_pool();
        for index in declared.exceptions.iter() {
            if let Ok(name) = pool.class_name(index) {
                let k = vm.load(linked.loader, name)?;
                exceptions.push(vm.mirror(k)?);
            }
        }
        let text = declared.signature_index.and_then(|i| pool.utf8(i).ok());
        signature = vm.string_or_null(text)?;
        let attrs = &declared.attributes;
        annotations = vm.bytes_or_null(attribute(pool, attrs, "RuntimeVisibleAnnotations"))?;
        parameter_annotations =
            vm.bytes_or_null(attribute(pool, attrs, "RuntimeVisibleParameterAnnotations"))?;
        default = vm.bytes_or_null(attribute(pool, attrs, "AnnotationDefault"))?;
    }
    let exception_types = vm.new_ref_array("[Ljava/lang/Class;", &exceptions)?;
    let modifiers = u64::from(method.access & METHOD_MODIFIERS);
    let slot = u64::from(method.index);
    if constructor {
        return vm.construct(
            "java/lang/reflect/Constructor",
            CONSTRUCTOR_INIT,
            &[
                holder,
                parameter_types,
                exception_types,
                modifiers,
                slot,
                signature,
                annotations,
                parameter_annotations,
            ],
        );
    }
    // Names are interned: `Class.searchMethods` compares them with `==`.
    let name = vm.intern(&method.name)?;
    let return_type = vm.mirror_of_type(linked.loader, ret)?;
    vm.construct(
        "java/lang/reflect/Method",
        METHOD_INIT,
        &[
            holder,
            name,
            parameter_types,
            return_type,
            exception_types,
            modifiers,
            slot,
            signature,
            annotations,
            parameter_annotations,
            default,
        ],
    )
}

/// `getDeclaredFields0`: the class file's fields (not the VM's injected ones), public ones
/// only when asked.
fn declared_fields(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let cid = vm.class_arg(arg(a, 0))?;
    let public_only = arg(a, 1) & 1 != 0;
    let linked = vm.linked(cid);
    let holder = vm.mirror(cid)?;
    let record = is_record(vm, cid);
    let mut objects = Vec::new();
    for (slot, field) in linked.fields.iter().enumerate() {
        if field.injected || (public_only && field.access & ACC_PUBLIC == 0) {
            continue;
        }
        let name = vm.intern(&field.name)?;
        let ty = vm.mirror_of_type(linked.loader, &field.descriptor)?;
        // HotSpot's trusted finals: static finals, and finals of records (and hidden classes).
        let trusted_final = field.access & ACC_FINAL != 0 && (field.is_static() || record);
        let (mut signature, mut annotations) = (0, 0);
        if let Some(file) = linked.class_file() {
            let pool = file.constant_pool();
            let declared = file.fields().iter().find(|f| {
                f.name == field.name && pool.utf8(f.descriptor_index) == Ok(&*field.descriptor)
            });
            if let Some(declared) = declared {
                let text = declared.signature_index.and_then(|i| pool.utf8(i).ok());
                signature = vm.string_or_null(text)?;
                annotations = vm.bytes_or_null(attribute(
                    pool,
                    &declared.attributes,
                    "RuntimeVisibleAnnotations",
                ))?;
            }
        }
        objects.push(vm.construct(
            "java/lang/reflect/Field",
            FIELD_INIT,
            &[
                holder,
                name,
                ty,
                u64::from(field.access & FIELD_MODIFIERS),
                u64::from(trusted_final),
                int(slot as i32),
                signature,
                annotations,
            ],
        )?);
    }
    vm.new_ref_array("[Ljava/lang/reflect/Field;", &objects)
}

/// `getRecordComponents0`: null unless the class is a record; else one `RecordComponent`
/// per component of the `Record` attribute, fields set as HotSpot sets them.
fn record_components(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let cid = vm.class_arg(arg(a, 0))?;
    if !is_record(vm, cid) {
        return Ok(0);
    }
    let linked = vm.linked(cid);
    let Some(file) = linked.class_file() else {
        return Ok(0);
    };
    let pool = file.constant_pool();
    const RC: &str = "java/lang/reflect/RecordComponent";
    let offsets = [
        vm.field_offset_of(RC, "clazz", "Ljava/lang/Class;")?,
        vm.field_offset_of(RC, "name", "Ljava/lang/String;")?,
        vm.field_offset_of(RC, "type", "Ljava/lang/Class;")?,
        vm.field_offset_of(RC, "accessor", "Ljava/lang/reflect/Method;")?,
        vm.field_offset_of(RC, "signature", "Ljava/lang/String;")?,
        vm.field_offset_of(RC, "annotations", "[B")?,
        vm.field_offset_of(RC, "typeAnnotations", "[B")?,
    ];
    let holder = vm.mirror(cid)?;
    let mut objects = Vec::new();
    for component in file.record_components().unwrap_or_default() {
        let (Ok(name), Ok(descriptor)) = (
            pool.utf8(component.name_index),
            pool.utf8(component.descriptor_index),
        ) else {
            continue;
        };
        let object = vm.construct(RC, "()V", &[])?;
        let name_string = vm.intern(name)?;
        let ty = vm.mirror_of_type(linked.loader, descriptor)?;
        let accessor_descriptor = format!("(){descriptor}");
        let accessor = match linked.declared_method(name, &accessor_descriptor) {
            Some(m) => method_object(vm, cid, &linked, m, false)?,
            None => 0,
        };
        let attrs = &component.attributes;
        let signature = attribute(pool, attrs, "Signature")
            .and_then(|b| b.get(..2))
            .and_then(|b| pool.utf8(u16::from_be_bytes([b[0], b[1]])).ok());
        let signature = vm.string_or_null(signature)?;
        let annotations = vm.bytes_or_null(attribute(pool, attrs, "RuntimeVisibleAnnotations"))?;
        let type_annotations =
            vm.bytes_or_null(attribute(pool, attrs, "RuntimeVisibleTypeAnnotations"))?;
        let values = [
            holder,
            name_string,
            ty,
            accessor,
            signature,
            annotations,
            type_annotations,
        ];
        for (offset, value) in offsets.iter().zip(values) {
            vm.put_ref(object, *offset, value);
        }
        objects.push(object);
    }
    vm.new_ref_array("[Ljava/lang/reflect/RecordComponent;", &objects)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modifier_masks_match_hotspot() {
        // A lambda body: private static synthetic (HotSpot prints 4106).
        assert_eq!(0x100a & METHOD_MODIFIERS, 4106);
        // String.serialVersionUID: private static final (26); volatile and enum pass.
        assert_eq!(0x001a & FIELD_MODIFIERS, 26);
        assert_eq!(0x4040 & FIELD_MODIFIERS, 0x4040);
        // ACC_SUPER-like bits (0x20 on fields) are not field modifiers.
        assert_eq!(0x0020 & FIELD_MODIFIERS, 0);
    }
}
