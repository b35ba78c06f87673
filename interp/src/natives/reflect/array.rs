//! `java.lang.reflect.Array`: length, element access with boxing and widening, and array
//! creation, with HotSpot's exceptions (`Reflection::array_get`/`array_set`,
//! `reflect_new_array`, `reflect_new_multi_array`).

use jfork_resolver::{BasicType, ClassKind, MAX_ARRAY_DIMENSIONS};

use super::invoke::{Prim, mismatch};
use super::primitive_type;
use crate::heap;
use crate::natives::{arg, arg_int, int};
use crate::object::{array_length, element_address};
use crate::vm::{Thrown, Vm};

const ARRAY: &str = "java/lang/reflect/Array";

pub(super) fn register(vm: &mut Vm) {
    vm.register_native(ARRAY, "getLength", "(Ljava/lang/Object;)I", |vm, a| {
        let array = arg(a, 0);
        element_type(vm, array, false)?;
        Ok(int(array_length(array)))
    });
    vm.register_native(
        ARRAY,
        "get",
        "(Ljava/lang/Object;I)Ljava/lang/Object;",
        |vm, a| {
            let (array, index) = (arg(a, 0), arg_int(a, 1));
            let ty = element_type(vm, array, false)?;
            check_index(vm, array, index)?;
            match ty {
                Some(t) => vm.box_prim(read(array, index, t)),
                None => Ok(vm.ref_array_get(array, index)),
            }
        },
    );
    vm.register_native(
        ARRAY,
        "set",
        "(Ljava/lang/Object;ILjava/lang/Object;)V",
        array_set,
    );
    macro_rules! typed {
        ($($get:literal $set:literal $d:literal $t:ident;)*) => {$(
            vm.register_native(ARRAY, $get, concat!("(Ljava/lang/Object;I)", $d), |vm, a| {
                get_typed(vm, a, BasicType::$t)
            });
            vm.register_native(ARRAY, $set, concat!("(Ljava/lang/Object;I", $d, ")V"), |vm, a| {
                set_typed(vm, a, BasicType::$t)
            });
        )*};
    }
    typed! {
        "getBoolean" "setBoolean" "Z" Boolean;
        "getByte" "setByte" "B" Byte;
        "getChar" "setChar" "C" Char;
        "getShort" "setShort" "S" Short;
        "getInt" "setInt" "I" Int;
        "getLong" "setLong" "J" Long;
        "getFloat" "setFloat" "F" Float;
        "getDouble" "setDouble" "D" Double;
    }
    vm.register_native(
        ARRAY,
        "newArray",
        "(Ljava/lang/Class;I)Ljava/lang/Object;",
        new_array,
    );
    vm.register_native(
        ARRAY,
        "multiNewArray",
        "(Ljava/lang/Class;[I)Ljava/lang/Object;",
        multi_new_array,
    );
}

/// The element type of `array` (`None` for references) after HotSpot's `check_array`:
/// `NullPointerException`, "Argument is not an array", and with `primitive_only` "Argument
/// is not an array of primitive type".
fn element_type(
    vm: &mut Vm,
    array: u64,
    primitive_only: bool,
) -> Result<Option<BasicType>, Thrown> {
    vm.non_null(array)?;
    let Some((_, component)) = vm.classes[vm.class_of(array) as usize].element else {
        return vm.throw(
            "java/lang/IllegalArgumentException",
            "Argument is not an array",
        );
    };
    let ty = primitive_type(&vm.classes[component as usize].linked);
    if primitive_only && ty.is_none() {
        return vm.throw(
            "java/lang/IllegalArgumentException",
            "Argument is not an array of primitive type",
        );
    }
    Ok(ty)
}

/// `ArrayIndexOutOfBoundsException` (no message, as HotSpot's reflection throws it).
fn check_index(vm: &mut Vm, array: u64, index: i32) -> Result<(), Thrown> {
    if index < 0 || index >= array_length(array) {
        return Err(vm.throw_new("java/lang/ArrayIndexOutOfBoundsException", None));
    }
    Ok(())
}

/// log2 of the size of an element of type `t`.
fn shift(t: BasicType) -> u32 {
    match t {
        BasicType::Boolean | BasicType::Byte => 0,
        BasicType::Char | BasicType::Short => 1,
        BasicType::Int | BasicType::Float => 2,
        BasicType::Long | BasicType::Double | BasicType::Reference => 3,
    }
}

/// Element `index` (checked) of a primitive array of type `t`.
fn read(array: u64, index: i32, t: BasicType) -> Prim {
    let at = element_address(array, index, shift(t));
    match t {
        BasicType::Boolean => Prim::Int(t, i32::from(heap::get_i8(at) as u8 & 1)),
        BasicType::Byte => Prim::Int(t, i32::from(heap::get_i8(at))),
        BasicType::Char => Prim::Int(t, i32::from(heap::get_u16(at))),
        BasicType::Short => Prim::Int(t, i32::from(heap::get_i16(at))),
        BasicType::Float => Prim::Float(f32::from_bits(heap::get_i32(at) as u32)),
        BasicType::Long => Prim::Long(heap::get_u64(at) as i64),
        BasicType::Double => Prim::Double(f64::from_bits(heap::get_u64(at))),
        BasicType::Int | BasicType::Reference => Prim::Int(BasicType::Int, heap::get_i32(at)),
    }
}

/// Stores `value` (already of the array's element type) at `index` (checked).
fn write(array: u64, index: i32, value: Prim) {
    let at = element_address(array, index, shift(value.basic_type()));
    match value {
        Prim::Int(BasicType::Boolean | BasicType::Byte, v) => heap::put_i8(at, v as i8),
        Prim::Int(BasicType::Char, v) => heap::put_u16(at, v as u16),
        Prim::Int(BasicType::Short, v) => heap::put_i16(at, v as i16),
        Prim::Int(_, v) => heap::put_i32(at, v),
        Prim::Float(v) => heap::put_i32(at, v.to_bits() as i32),
        Prim::Long(v) => heap::put_u64(at, v as u64),
        Prim::Double(v) => heap::put_u64(at, v.to_bits()),
    }
}

/// The result slot of a primitive value.
fn to_slot(value: Prim) -> u64 {
    match value {
        Prim::Int(_, v) => int(v),
        Prim::Float(v) => u64::from(v.to_bits()),
        Prim::Long(v) => v as u64,
        Prim::Double(v) => v.to_bits(),
    }
}

fn get_typed(vm: &mut Vm, a: &[u64], t: BasicType) -> Result<u64, Thrown> {
    let (array, index) = (arg(a, 0), arg_int(a, 1));
    let Some(element) = element_type(vm, array, true)? else {
        return mismatch(vm);
    };
    check_index(vm, array, index)?;
    match read(array, index, element).widen(t) {
        Some(v) => Ok(to_slot(v)),
        None => mismatch(vm),
    }
}

fn set_typed(vm: &mut Vm, a: &[u64], t: BasicType) -> Result<u64, Thrown> {
    let (array, index) = (arg(a, 0), arg_int(a, 1));
    let value = Prim::from_slot(t, arg(a, 2));
    let Some(element) = element_type(vm, array, true)? else {
        return mismatch(vm);
    };
    check_index(vm, array, index)?;
    match value.widen(element) {
        Some(v) => {
            write(array, index, v);
            Ok(0)
        }
        None => mismatch(vm),
    }
}

/// `Array.set`: a reference element is type-checked ("array element type mismatch"); a
/// primitive one is unboxed (null: no message), bounds-checked, then widened.
fn array_set(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let (array, index, value) = (arg(a, 0), arg_int(a, 1), arg(a, 2));
    match element_type(vm, array, false)? {
        None => {
            check_index(vm, array, index)?;
            if let Some((_, component)) = vm.classes[vm.class_of(array) as usize].element
                && value != 0
                && !vm.is_assignable(vm.class_of(value), component)
            {
                return vm.throw(
                    "java/lang/IllegalArgumentException",
                    "array element type mismatch",
                );
            }
            vm.ref_array_set(array, index, value);
        }
        Some(t) => {
            if value == 0 {
                return Err(vm.throw_new("java/lang/IllegalArgumentException", None));
            }
            let Some(boxed) = vm.unbox(value)? else {
                return mismatch(vm);
            };
            check_index(vm, array, index)?;
            match boxed.widen(t) {
                Some(v) => write(array, index, v),
                None => return mismatch(vm),
            }
        }
    }
    Ok(0)
}

/// The array class with `dimensions` more dimensions than class `component`, or `None`
/// for `void` and past 255 dimensions (`IllegalArgumentException`).
fn array_class_name(vm: &Vm, component: u32, dimensions: usize) -> Option<String> {
    let linked = &vm.classes[component as usize].linked;
    let (inner, element) = match &linked.kind {
        ClassKind::Primitive(None) => return None,
        ClassKind::Primitive(Some(t)) => (0, t.descriptor_char().to_string()),
        ClassKind::Array { dimensions, .. } => (usize::from(*dimensions), linked.name.to_string()),
        ClassKind::Declared => (0, format!("L{};", linked.name)),
    };
    (inner + dimensions <= MAX_ARRAY_DIMENSIONS)
        .then(|| format!("{}{element}", "[".repeat(dimensions)))
}

fn new_array(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let component = vm.class_arg(arg(a, 0))?;
    let length = arg_int(a, 1);
    if length < 0 {
        return vm.throw("java/lang/NegativeArraySizeException", length.to_string());
    }
    let Some(name) = array_class_name(vm, component, 1) else {
        return Err(vm.throw_new("java/lang/IllegalArgumentException", None));
    };
    let loader = vm.classes[component as usize].linked.loader;
    let class = vm.load(loader, &name)?;
    vm.new_array(class, length)
}

fn multi_new_array(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let dims = arg(a, 1);
    vm.non_null(dims)?;
    let component = vm.class_arg(arg(a, 0))?;
    let len = array_length(dims);
    if len <= 0 || len as usize > MAX_ARRAY_DIMENSIONS {
        return Err(vm.throw_new("java/lang/IllegalArgumentException", None));
    }
    let counts: Vec<i32> = (0..len)
        .map(|i| heap::get_i32(element_address(dims, i, 2)))
        .collect();
    if let Some(&n) = counts.iter().find(|&&n| n < 0) {
        return vm.throw("java/lang/NegativeArraySizeException", n.to_string());
    }
    let Some(name) = array_class_name(vm, component, counts.len()) else {
        return Err(vm.throw_new("java/lang/IllegalArgumentException", None));
    };
    let loader = vm.classes[component as usize].linked.loader;
    let class = vm.load(loader, &name)?;
    vm.multi_new_array(class, &counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_sizes() {
        assert_eq!(shift(BasicType::Boolean), 0);
        assert_eq!(shift(BasicType::Char), 1);
        assert_eq!(shift(BasicType::Float), 2);
        assert_eq!(shift(BasicType::Double), 3);
    }

    #[test]
    fn primitive_slots() {
        assert_eq!(to_slot(Prim::Int(BasicType::Short, -1)), 0xffff_ffff);
        assert_eq!(to_slot(Prim::Float(1.0)), u64::from(1.0f32.to_bits()));
        assert_eq!(to_slot(Prim::Long(-1)), u64::MAX);
    }
}
