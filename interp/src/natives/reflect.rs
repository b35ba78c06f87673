//! Reflection natives: `Class.getDeclared*0`, `Method.invoke`, `Constructor.newInstance`,
//! `java.lang.reflect.Array`, class attributes (modifiers, enclosing and nest data).
//!
//! The reflection objects are the JDK's own (`Method`, `Field`, `Constructor`, built by their
//! constructors). Their `slot` maps back to the VM's data: for a method or constructor it is
//! the method's index in its class file ([`jfork_resolver::Method::index`], HotSpot's
//! `method_idnum`); for a field it is the index in the resolver's
//! [`jfork_resolver::LinkedClass::fields`] (HotSpot's field index).
//!
//! - `class_info`: `Class` attributes (modifiers, super and interfaces, InnerClasses,
//!   EnclosingMethod, nest and record data, annotations), `Reflection`, `ConstantPool`.
//! - `members`: `getDeclaredMethods0`/`Fields0`/`Constructors0`, record components, and the
//!   `Unsafe` offsets of a `Field` (its slot is this module's to interpret).
//! - `invoke`: `invoke0`, `newInstance0`, boxing, unboxing and widening.
//! - `array`: `java.lang.reflect.Array`.

mod array;
mod class_info;
mod invoke;
mod members;
#[cfg(test)]
mod vm_tests;

use std::sync::Arc;

use jfork_classfile::{Attributes, ClassFile, ConstantPool};
use jfork_resolver::{BasicType, ClassKind, LinkedClass, LoaderId};

use crate::vm::{Thrown, Vm};

pub(crate) fn register(vm: &mut Vm) {
    class_info::register(vm);
    members::register(vm);
    invoke::register(vm);
    array::register(vm);
}

/// The raw `info` bytes of the attribute `name` among `attributes` (as HotSpot hands
/// annotation bytes to the JDK: without the 6-byte attribute header).
fn attribute<'a>(
    pool: &ConstantPool<'_>,
    attributes: &Attributes<'a>,
    name: &str,
) -> Option<&'a [u8]> {
    attributes
        .iter()
        .find(|a| pool.utf8(a.name_index) == Ok(name))
        .map(|a| a.info)
}

/// The parameter descriptors and the return descriptor of a method descriptor:
/// `(I[JLjava/lang/String;)V` gives `["I", "[J", "Ljava/lang/String;"]` and `"V"`.
/// A malformed descriptor (the class file checks make it impossible) gives what parsed.
pub(crate) fn split_descriptor(descriptor: &str) -> (Vec<&str>, &str) {
    let inner = descriptor.strip_prefix('(').unwrap_or(descriptor);
    let close = inner.find(')').unwrap_or(inner.len());
    let (mut rest, ret) = (&inner[..close], inner.get(close + 1..).unwrap_or("V"));
    let mut params = Vec::new();
    while !rest.is_empty() {
        let len = field_type_len(rest);
        params.push(&rest[..len]);
        rest = &rest[len..];
    }
    (params, ret)
}

/// Length of the field type at the start of `s` (`[[Lx;I` gives 5).
fn field_type_len(s: &str) -> usize {
    let b = s.as_bytes();
    let dims = b.iter().take_while(|&&c| c == b'[').count();
    match b.get(dims) {
        Some(b'L') => s[dims..].find(';').map_or(s.len(), |e| dims + e + 1),
        Some(_) => dims + 1,
        None => s.len(),
    }
}

/// The basic type of a primitive class (`None` for `void` and for non-primitive classes).
fn primitive_type(class: &LinkedClass) -> Option<BasicType> {
    match class.kind {
        ClassKind::Primitive(t) => t,
        _ => None,
    }
}

/// `java.lang.Double` and friends: the box class of each primitive type.
fn box_class(t: BasicType) -> &'static str {
    match t {
        BasicType::Boolean => "java/lang/Boolean",
        BasicType::Byte => "java/lang/Byte",
        BasicType::Char => "java/lang/Character",
        BasicType::Short => "java/lang/Short",
        BasicType::Int => "java/lang/Integer",
        BasicType::Long => "java/lang/Long",
        BasicType::Float => "java/lang/Float",
        BasicType::Double => "java/lang/Double",
        BasicType::Reference => "java/lang/Object",
    }
}

impl Vm {
    /// The linked class of class id `cid` (a handle that outlives borrows of the VM).
    fn linked(&self, cid: u32) -> Arc<LinkedClass> {
        Arc::clone(&self.classes[cid as usize].linked)
    }

    /// The mirror of the class a field descriptor names (`I`, `[J`, `Ljava/lang/String;`),
    /// loaded through `loader` as HotSpot resolves reflection signatures.
    fn mirror_of_type(&mut self, loader: LoaderId, descriptor: &str) -> Result<u64, Thrown> {
        let cid = match descriptor.as_bytes().first() {
            Some(b'L') => {
                let name = descriptor
                    .strip_prefix('L')
                    .and_then(|d| d.strip_suffix(';'))
                    .unwrap_or(descriptor);
                self.load(loader, name)?
            }
            Some(b'[') => self.load(loader, descriptor)?,
            Some(b'V') => {
                let class = self.linker.primitive_class(None);
                self.register_class(&class)
            }
            _ => {
                let class = self
                    .linker
                    .primitive_class(BasicType::of_descriptor(descriptor));
                self.register_class(&class)
            }
        };
        self.mirror(cid)
    }

    /// A new `Class[]` of the mirrors of `cids`.
    fn class_array(&mut self, cids: &[u32]) -> Result<u64, Thrown> {
        let mut mirrors = Vec::with_capacity(cids.len());
        for &c in cids {
            mirrors.push(self.mirror(c)?);
        }
        self.new_ref_array("[Ljava/lang/Class;", &mirrors)
    }

    /// A `byte[]` copy of `bytes`, or null.
    fn bytes_or_null(&mut self, bytes: Option<&[u8]>) -> Result<u64, Thrown> {
        match bytes {
            Some(b) => self.new_byte_array(b),
            None => Ok(0),
        }
    }

    /// A new instance of boot class `class` built by its constructor `descriptor` with the
    /// argument slots `args` (the receiver excluded).
    fn construct(&mut self, class: &str, descriptor: &str, args: &[u64]) -> Result<u64, Thrown> {
        let cid = self.load(LoaderId::BOOTSTRAP, class)?;
        self.initialize(cid)?;
        let ctor = self.classes[cid as usize]
            .linked
            .declared_method("<init>", descriptor)
            .cloned();
        let Some(ctor) = ctor else {
            return self.throw(
                "java/lang/InternalError",
                format!("no constructor {class}.<init>{descriptor}"),
            );
        };
        let object = self.new_instance(cid)?;
        let mid = self.method_id(&ctor);
        let mut slots = Vec::with_capacity(args.len() + 1);
        slots.push(object);
        slots.extend_from_slice(args);
        self.call_method(mid, &slots)?;
        Ok(object)
    }

    /// The class file behind class id `cid` (`None` for arrays and primitives).
    fn class_file_of(&self, cid: u32) -> Option<&ClassFile<'static>> {
        self.classes[cid as usize].linked.class_file()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptors_split_into_field_types() {
        assert_eq!(
            split_descriptor("(I[JLjava/lang/String;[[Lp/Q;D)V"),
            (vec!["I", "[J", "Ljava/lang/String;", "[[Lp/Q;", "D"], "V")
        );
        assert_eq!(split_descriptor("()[I"), (vec![], "[I"));
        assert_eq!(field_type_len("[[Lx;I"), 5);
        assert_eq!(field_type_len("J"), 1);
        // Malformed input never panics.
        assert_eq!(split_descriptor("(L"), (vec!["L"], "V"));
        assert_eq!(split_descriptor("(["), (vec!["["], "V"));
    }
}
