//! `NativeMethodAccessorImpl.invoke0` and `NativeConstructorAccessorImpl.newInstance0`, with
//! the boxing, unboxing and widening rules of HotSpot's `Reflection::invoke` (also used by
//! `java.lang.reflect.Array`).

use jfork_resolver::access::ACC_ABSTRACT;
use jfork_resolver::{BasicType, ClassKind, LoaderId, Selected, external_type};

use super::members::method_at;
use super::{box_class, primitive_type, split_descriptor};
use crate::heap;
use crate::natives::arg;
use crate::object::array_length;
use crate::vm::{NO_METHOD, Thrown, Vm};

/// A primitive value with its type, as reflection moves it between boxes, arrays and calls.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Prim {
    /// `boolean`, `byte`, `char`, `short` and `int`, as an `int`.
    Int(BasicType, i32),
    /// `long`.
    Long(i64),
    /// `float`.
    Float(f32),
    /// `double`.
    Double(f64),
}

impl Prim {
    /// The value's type.
    pub(super) fn basic_type(self) -> BasicType {
        match self {
            Prim::Int(t, _) => t,
            Prim::Long(_) => BasicType::Long,
            Prim::Float(_) => BasicType::Float,
            Prim::Double(_) => BasicType::Double,
        }
    }

    /// The value as `ty` by a widening primitive conversion (JLS 5.1.2), or `None` where
    /// reflection reports "argument type mismatch" (HotSpot's `Reflection::widen`).
    pub(super) fn widen(self, ty: BasicType) -> Option<Prim> {
        use BasicType::{Boolean, Byte, Char, Double, Float, Int, Long, Short};
        let from = self.basic_type();
        if from == ty {
            return Some(self);
        }
        let as_long = |p: Prim| match p {
            Prim::Int(_, v) => Some(i64::from(v)),
            Prim::Long(v) => Some(v),
            _ => None,
        };
        match (ty, from) {
            (Short, Byte) | (Int, Byte | Char | Short) => match self {
                Prim::Int(_, v) => Some(Prim::Int(ty, v)),
                _ => None,
            },
            (Long, Byte | Char | Short | Int) => as_long(self).map(Prim::Long),
            (Float, Byte | Char | Short | Int | Long) => {
                as_long(self).map(|v| Prim::Float(v as f32))
            }
            (Double, Byte | Char | Short | Int | Long) => {
                as_long(self).map(|v| Prim::Double(v as f64))
            }
            (Double, Float) => match self {
                Prim::Float(v) => Some(Prim::Double(f64::from(v))),
                _ => None,
            },
            (Boolean | Byte | Char | Short | Int | Long | Float | Double, _) => None,
            (BasicType::Reference, _) => None,
        }
    }

    /// The value from a call's result slot (or an `int`-sized element), narrowed as HotSpot
    /// narrows `boolean`, `byte`, `char` and `short` results.
    pub(super) fn from_slot(ty: BasicType, slot: u64) -> Prim {
        let i = slot as u32 as i32;
        match ty {
            BasicType::Boolean => Prim::Int(ty, i & 1),
            BasicType::Byte => Prim::Int(ty, i32::from(i as i8)),
            BasicType::Char => Prim::Int(ty, i32::from(i as u16)),
            BasicType::Short => Prim::Int(ty, i32::from(i as i16)),
            BasicType::Long => Prim::Long(slot as i64),
            BasicType::Float => Prim::Float(f32::from_bits(slot as u32)),
            BasicType::Double => Prim::Double(f64::from_bits(slot)),
            BasicType::Int | BasicType::Reference => Prim::Int(BasicType::Int, i),
        }
    }

    /// Pushes the argument slots of the value (two for `long` and `double`).
    fn push_slots(self, out: &mut Vec<u64>) {
        match self {
            Prim::Int(_, v) => out.push(u64::from(v as u32)),
            Prim::Float(v) => out.push(u64::from(v.to_bits())),
            Prim::Long(v) => out.extend([v as u64, 0]),
            Prim::Double(v) => out.extend([v.to_bits(), 0]),
        }
    }
}

/// The box field descriptor of each primitive type (`value`).
fn box_field(t: BasicType) -> &'static str {
    match t {
        BasicType::Boolean => "Z",
        BasicType::Byte => "B",
        BasicType::Char => "C",
        BasicType::Short => "S",
        BasicType::Int => "I",
        BasicType::Long => "J",
        BasicType::Float => "F",
        BasicType::Double => "D",
        BasicType::Reference => "Ljava/lang/Object;",
    }
}

impl Vm {
    /// A new box (`java.lang.Integer` ...) holding `value`. Always a new object, as HotSpot
    /// boxes reflective results (no `valueOf` cache).
    pub(super) fn box_prim(&mut self, value: Prim) -> Result<u64, Thrown> {
        let t = value.basic_type();
        let class = box_class(t);
        let cid = self.load(LoaderId::BOOTSTRAP, class)?;
        self.initialize(cid)?;
        let at = self.field_offset_of(class, "value", box_field(t))?;
        let object = self.new_instance(cid)?;
        let address = object + u64::from(at);
        match value {
            Prim::Int(BasicType::Boolean | BasicType::Byte, v) => heap::put_i8(address, v as i8),
            Prim::Int(BasicType::Char, v) => heap::put_u16(address, v as u16),
            Prim::Int(BasicType::Short, v) => heap::put_i16(address, v as i16),
            Prim::Int(_, v) => heap::put_i32(address, v),
            Prim::Float(v) => heap::put_i32(address, v.to_bits() as i32),
            Prim::Long(v) => heap::put_u64(address, v as u64),
            Prim::Double(v) => heap::put_u64(address, v.to_bits()),
        }
        Ok(object)
    }

    /// The value in a box, or `None` when `object` is not one of the eight box classes.
    pub(super) fn unbox(&mut self, object: u64) -> Result<Option<Prim>, Thrown> {
        if object == 0 {
            return Ok(None);
        }
        let cid = self.class_of(object);
        let linked = self.linked(cid);
        if linked.loader != LoaderId::BOOTSTRAP {
            return Ok(None);
        }
        use BasicType::{Boolean, Byte, Char, Double, Float, Int, Long, Short};
        let Some(t) = [Boolean, Byte, Char, Short, Int, Long, Float, Double]
            .into_iter()
            .find(|&t| linked.name == box_class(t))
        else {
            return Ok(None);
        };
        let at = object + u64::from(self.field_offset_of(box_class(t), "value", box_field(t))?);
        Ok(Some(match t {
            Boolean => Prim::Int(t, i32::from(heap::get_i8(at) as u8 & 1)),
            Byte => Prim::Int(t, i32::from(heap::get_i8(at))),
            Char => Prim::Int(t, i32::from(heap::get_u16(at))),
            Short => Prim::Int(t, i32::from(heap::get_i16(at))),
            Long => Prim::Long(heap::get_u64(at) as i64),
            Float => Prim::Float(f32::from_bits(heap::get_i32(at) as u32)),
            Double => Prim::Double(f64::from_bits(heap::get_u64(at))),
            _ => Prim::Int(Int, heap::get_i32(at)),
        }))
    }

    /// HotSpot's `unbox_for_primitive` then `widen`: the value of box `object` as type
    /// `ty`; `IllegalArgumentException` for null (no message) or a mismatch.
    pub(super) fn unbox_as(&mut self, object: u64, ty: BasicType) -> Result<Prim, Thrown> {
        if object == 0 {
            return Err(self.throw_new("java/lang/IllegalArgumentException", None));
        }
        match self.unbox(object)?.and_then(|v| v.widen(ty)) {
            Some(v) => Ok(v),
            None => mismatch(self),
        }
    }
}

/// `IllegalArgumentException: argument type mismatch`.
pub(super) fn mismatch<T>(vm: &mut Vm) -> Result<T, Thrown> {
    vm.throw(
        "java/lang/IllegalArgumentException",
        "argument type mismatch",
    )
}

pub(super) fn register(vm: &mut Vm) {
    vm.register_native(
        "jdk/internal/reflect/NativeMethodAccessorImpl",
        "invoke0",
        "(Ljava/lang/reflect/Method;Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;",
        invoke0,
    );
    vm.register_native(
        "jdk/internal/reflect/NativeConstructorAccessorImpl",
        "newInstance0",
        "(Ljava/lang/reflect/Constructor;[Ljava/lang/Object;)Ljava/lang/Object;",
        new_instance0,
    );
}

/// What `invoke0`/`newInstance0` read from a `Method` or `Constructor`: the class id, the
/// method id, and the parameter type mirrors.
fn executable(vm: &mut Vm, object: u64, class: &'static str) -> Result<(u32, u32, u64), Thrown> {
    vm.non_null(object)?;
    let clazz = vm.field_offset_of(class, "clazz", "Ljava/lang/Class;")?;
    let slot = vm.field_offset_of(class, "slot", "I")?;
    let params = vm.field_offset_of(class, "parameterTypes", "[Ljava/lang/Class;")?;
    let cid = vm.class_arg(vm.get_ref(object, clazz))?;
    let Some(method) = method_at(vm, cid, vm.get_int(object, slot)) else {
        return vm.throw("java/lang/InternalError", "invoke");
    };
    let mid = vm.method_id(&method);
    Ok((cid, mid, vm.get_ref(object, params)))
}

fn invoke0(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let (method, receiver, args) = (arg(a, 0), arg(a, 1), arg(a, 2));
    const METHOD: &str = "java/lang/reflect/Method";
    let (cid, mid, ptypes) = executable(vm, method, METHOD)?;
    let return_offset = vm.field_offset_of(METHOD, "returnType", "Ljava/lang/Class;")?;
    let rtype = vm.class_arg(vm.get_ref(method, return_offset))?;
    let result = invoke(vm, cid, mid, receiver, ptypes, args, true)?;
    match &vm.classes[rtype as usize].linked.kind {
        ClassKind::Primitive(None) => Ok(0),
        ClassKind::Primitive(Some(t)) => {
            let t = *t;
            vm.box_prim(Prim::from_slot(t, result))
        }
        _ => Ok(result),
    }
}

fn new_instance0(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let (constructor, args) = (arg(a, 0), arg(a, 1));
    let (cid, mid, ptypes) = executable(vm, constructor, "java/lang/reflect/Constructor")?;
    vm.initialize(cid)?;
    let linked = vm.linked(cid);
    // HotSpot's check_valid_for_instantiation.
    if linked.is_interface() || linked.access & ACC_ABSTRACT != 0 {
        let name = linked.name.replace('/', ".");
        return vm.throw("java/lang/InstantiationException", name);
    }
    if cid == vm.wk.class {
        let name = linked.name.replace('/', ".");
        return vm.throw("java/lang/IllegalAccessException", name);
    }
    let receiver = vm.new_instance(cid)?;
    invoke(vm, cid, mid, receiver, ptypes, args, false)?;
    Ok(receiver)
}

/// HotSpot's `Reflection::invoke`: initializes the class, checks the receiver, selects the
/// method to run (virtual and interface dispatch for `Method.invoke`), unboxes and checks
/// the arguments, calls, and wraps what the callee throws in `InvocationTargetException`.
/// Returns the raw result slot.
fn invoke(
    vm: &mut Vm,
    cid: u32,
    mid: u32,
    receiver: u64,
    ptypes: u64,
    args: u64,
    dispatch: bool,
) -> Result<u64, Thrown> {
    vm.initialize(cid)?;
    let method = std::sync::Arc::clone(&vm.methods[mid as usize].method);
    let mut slots = Vec::new();
    let mut target = mid;
    if !method.is_static() {
        if receiver == 0 {
            return Err(vm.throw_new("java/lang/NullPointerException", None));
        }
        let receiver_class = vm.class_of(receiver);
        if !vm.is_assignable(receiver_class, cid) {
            return vm.throw(
                "java/lang/IllegalArgumentException",
                "object is not an instance of declaring class",
            );
        }
        if dispatch && !method.is_private() && !method.is_initializer() {
            target = select(vm, cid, mid, receiver_class)?;
        }
        slots.push(receiver);
    }
    let count = if ptypes == 0 { 0 } else { array_length(ptypes) };
    let given = if args == 0 { 0 } else { array_length(args) };
    if count != given {
        return vm.throw(
            "java/lang/IllegalArgumentException",
            "wrong number of arguments",
        );
    }
    for i in 0..count {
        let ptype = vm.class_arg(vm.ref_array_get(ptypes, i))?;
        let value = vm.ref_array_get(args, i);
        match primitive_type(&vm.classes[ptype as usize].linked) {
            Some(t) => vm.unbox_as(value, t)?.push_slots(&mut slots),
            None => {
                if value != 0 && !vm.is_assignable(vm.class_of(value), ptype) {
                    return mismatch(vm);
                }
                slots.push(value);
            }
        }
    }
    match vm.call_method(target, &slots) {
        Ok(result) => Ok(result),
        Err(Thrown(cause)) => Err(invocation_target(vm, cause)),
    }
}

/// The method a virtual or interface call of `mid` (declared by `cid`) runs for a receiver of
/// class `receiver_class`.
fn select(vm: &mut Vm, cid: u32, mid: u32, receiver_class: u32) -> Result<u32, Thrown> {
    let method = std::sync::Arc::clone(&vm.methods[mid as usize].method);
    if vm.classes[cid as usize].linked.is_interface() {
        let Some(index) = method.itable_index else {
            return Ok(mid);
        };
        let selected = vm.classes[receiver_class as usize]
            .itables
            .iter()
            .find(|(iface, _)| *iface == cid)
            .and_then(|(_, table)| table.get(index as usize).copied());
        if let Some(target) = selected.filter(|&t| t != NO_METHOD) {
            return Ok(target);
        }
        // Interface resolution errors are thrown as they are (not wrapped).
        let receiver = vm.linked(receiver_class);
        let interface = vm.linked(cid);
        let error = match receiver.itable_lookup(&interface, index) {
            Some(Selected::Conflict(methods)) => jfork_resolver::conflict_error(methods),
            _ => jfork_resolver::abstract_error(&receiver, &method),
        };
        return Err(vm.throw_link_error(&error));
    }
    let Some(index) = method.vtable_index else {
        return Ok(mid);
    };
    let target = vm.classes[receiver_class as usize]
        .vtable
        .get(index as usize)
        .copied()
        .unwrap_or(mid);
    if target != NO_METHOD {
        return Ok(target);
    }
    // An abstract method selected: AbstractMethodError, wrapped as HotSpot wraps it.
    let (params, ret) = split_descriptor(&method.descriptor);
    let params: Vec<String> = params.iter().map(|p| external_type(p)).collect();
    let message = format!(
        "'{} {}.{}({})'",
        external_type(ret),
        vm.classes[receiver_class as usize]
            .linked
            .name
            .replace('/', "."),
        method.name,
        params.join(", ")
    );
    let error = vm.throw_new("java/lang/AbstractMethodError", Some(message));
    Err(invocation_target(vm, error.0))
}

/// A new `InvocationTargetException` whose target is `cause` (or what building it threw).
fn invocation_target(vm: &mut Vm, cause: u64) -> Thrown {
    match vm.construct(
        "java/lang/reflect/InvocationTargetException",
        "(Ljava/lang/Throwable;)V",
        &[cause],
    ) {
        Ok(e) | Err(Thrown(e)) => Thrown(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BasicType::{Boolean, Byte, Char, Double, Float, Int, Long, Short};

    #[test]
    fn widening_follows_jls_5_1_2() {
        let b = Prim::Int(Byte, -1);
        assert_eq!(b.widen(Short), Some(Prim::Int(Short, -1)));
        assert_eq!(b.widen(Int), Some(Prim::Int(Int, -1)));
        assert_eq!(b.widen(Long), Some(Prim::Long(-1)));
        assert_eq!(b.widen(Char), None);
        assert_eq!(Prim::Int(Char, 97).widen(Short), None);
        assert_eq!(Prim::Int(Char, 97).widen(Int), Some(Prim::Int(Int, 97)));
        assert_eq!(Prim::Int(Int, 3).widen(Byte), None);
        assert_eq!(
            Prim::Long(1 << 40).widen(Float),
            Some(Prim::Float(1.0995116e12))
        );
        assert_eq!(Prim::Long(1).widen(Int), None);
        assert_eq!(Prim::Float(2.5).widen(Double), Some(Prim::Double(2.5)));
        assert_eq!(Prim::Float(2.5).widen(Long), None);
        assert_eq!(Prim::Int(Boolean, 1).widen(Int), None);
        assert_eq!(Prim::Int(Int, 1).widen(Boolean), None);
        assert_eq!(Prim::Double(1.0).widen(Float), None);
    }

    #[test]
    fn results_are_narrowed() {
        assert_eq!(Prim::from_slot(Boolean, 3), Prim::Int(Boolean, 1));
        assert_eq!(Prim::from_slot(Byte, 0xff), Prim::Int(Byte, -1));
        assert_eq!(Prim::from_slot(Char, 0xffff_ffff), Prim::Int(Char, 0xffff));
        assert_eq!(Prim::from_slot(Short, 0x8000), Prim::Int(Short, -32768));
        assert_eq!(Prim::from_slot(Long, u64::MAX), Prim::Long(-1));
        assert_eq!(Prim::from_slot(Double, 2.5f64.to_bits()), Prim::Double(2.5));
    }

    #[test]
    fn slots_and_names() {
        let mut out = Vec::new();
        Prim::Long(-2).push_slots(&mut out);
        Prim::Int(Int, -1).push_slots(&mut out);
        assert_eq!(out, vec![(-2i64) as u64, 0, 0xffff_ffff]);
        assert_eq!(
            external_type("[[Ljava/lang/String;"),
            "java.lang.String[][]"
        );
        assert_eq!(external_type("V"), "void");
    }
}
