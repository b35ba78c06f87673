//! Preparation (JVMS 5.4.2): where each field lives. Instance fields get byte offsets in the
//! object, inherited fields first; static fields get 8-byte slots in the class's static
//! storage. The VM's own hidden fields are added here too (see [`INJECTED_FIELDS`]).

use std::borrow::Cow;

use crate::class::Field;
use crate::classdecl::{ACC_PRIVATE, ACC_STATIC, ClassDecl};
use crate::descriptor::BasicType;
use crate::error::{LinkError, LinkErrorKind, external};

/// Bytes of the header every object starts with: 8 for the class pointer, 8 for the mark
/// word (identity hash, lock state). The first field sits at this offset.
pub const OBJECT_HEADER_SIZE: u32 = 16;
/// Offset of an array's `i32` length, right after the object header.
pub const ARRAY_LENGTH_OFFSET: u32 = OBJECT_HEADER_SIZE;
/// Offset of an array's first element (8-aligned so `long[]` and `double[]` elements are).
pub const ARRAY_BASE_OFFSET: u32 = OBJECT_HEADER_SIZE + 8;
/// Objects are sized and aligned in multiples of this.
pub const OBJECT_ALIGNMENT: u32 = 8;

/// A field the VM adds to a JDK class, as HotSpot does in hidden fields: the native data
/// behind a `Class`, `ClassLoader`, `Module` or `MemberName`. Each is a `J` (a native word:
/// a pointer or index the interpreter owns) or a reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InjectedField {
    /// Internal name of the class that gets the field.
    pub class: &'static str,
    /// Field name (never a Java identifier clash: these names are not in the class files).
    pub name: &'static str,
    /// Field descriptor.
    pub descriptor: &'static str,
}

/// Every injected field. The interpreter finds them like declared ones
/// ([`crate::LinkedClass::instance_field`]); reflection must skip them ([`Field::injected`]).
pub const INJECTED_FIELDS: &[InjectedField] = &[
    // The LinkedClass behind a java.lang.Class mirror, and its array class.
    injected("java/lang/Class", "vm_class", "J"),
    injected("java/lang/Class", "vm_array_class", "J"),
    injected("java/lang/Class", "protection_domain", "Ljava/lang/Object;"),
    injected("java/lang/Class", "signers", "Ljava/lang/Object;"),
    injected("java/lang/Class", "source_file", "Ljava/lang/Object;"),
    // The loader's LoaderId.
    injected("java/lang/ClassLoader", "vm_loader", "J"),
    // The VM's record of a named module.
    injected("java/lang/Module", "vm_module", "J"),
    // The method or field a MemberName resolved to (vmindex: vtable/itable index or
    // field offset).
    injected("java/lang/invoke/MemberName", "vmindex", "J"),
    injected("java/lang/invoke/ResolvedMethodName", "vmtarget", "J"),
    injected(
        "java/lang/invoke/ResolvedMethodName",
        "vmholder",
        "Ljava/lang/Class;",
    ),
    injected(
        "java/lang/invoke/MethodHandleNatives$CallSiteContext",
        "vmdependencies",
        "J",
    ),
];

const fn injected(
    class: &'static str,
    name: &'static str,
    descriptor: &'static str,
) -> InjectedField {
    InjectedField {
        class,
        name,
        descriptor,
    }
}

/// The storage of one class's fields.
#[derive(Debug)]
pub(crate) struct Layout {
    pub fields: Vec<Field>,
    pub instance_size: u32,
    pub static_slots: u32,
    /// Offsets of every reference field of an instance, inherited ones included, ascending.
    pub reference_offsets: Vec<u32>,
    /// Static slots that hold references, ascending.
    pub static_reference_slots: Vec<u32>,
}

/// Lays out the declared (and injected) fields of `decl` after `super_size` bytes of
/// inherited instance state.
pub(crate) fn lay_out_fields(
    decl: &ClassDecl,
    super_size: u32,
    super_references: &[u32],
) -> Result<Layout, LinkError> {
    let mut fields = Vec::with_capacity(decl.fields.len());
    let mut static_slots = 0;
    for f in &decl.fields {
        let basic_type = BasicType::of_descriptor(&f.descriptor)
            .filter(|_| crate::descriptor::is_field_descriptor(&f.descriptor))
            .ok_or_else(|| {
                LinkError::new(
                    LinkErrorKind::ClassFormatError,
                    format!(
                        "Field \"{}\" in class {} has illegal signature \"{}\"",
                        f.name,
                        external(&decl.this_class),
                        f.descriptor
                    ),
                )
            })?;
        let offset = if f.access & ACC_STATIC != 0 {
            static_slots += 1;
            static_slots - 1
        } else {
            0 // assigned below
        };
        fields.push(Field {
            name: f.name.clone(),
            descriptor: f.descriptor.clone(),
            access: f.access,
            basic_type,
            offset,
            constant_value: f.constant_value.filter(|_| f.access & ACC_STATIC != 0),
            injected: false,
        });
    }
    for i in INJECTED_FIELDS
        .iter()
        .filter(|i| i.class == decl.this_class)
    {
        if let Some(basic_type) = BasicType::of_descriptor(i.descriptor) {
            fields.push(Field {
                name: Cow::Borrowed(i.name),
                descriptor: Cow::Borrowed(i.descriptor),
                access: ACC_PRIVATE,
                basic_type,
                offset: 0,
                constant_value: None,
                injected: true,
            });
        }
    }
    // Largest first, so natural alignment leaves no holes: the superclass's size is a
    // multiple of 8 and sizes are powers of two.
    let mut order: Vec<usize> = (0..fields.len())
        .filter(|&i| !fields[i].is_static())
        .collect();
    order.sort_by_key(|&i| std::cmp::Reverse(fields[i].basic_type.size()));
    let mut end = super_size.max(OBJECT_HEADER_SIZE);
    for i in order {
        let size = fields[i].basic_type.size();
        end = end.next_multiple_of(size);
        fields[i].offset = end;
        end += size;
    }
    let is_reference = |f: &&Field| f.basic_type == BasicType::Reference;
    let mut reference_offsets = super_references.to_vec();
    reference_offsets.extend(
        fields
            .iter()
            .filter(|f| !f.is_static())
            .filter(is_reference)
            .map(|f| f.offset),
    );
    reference_offsets.sort_unstable();
    let static_reference_slots = fields
        .iter()
        .filter(|f| f.is_static())
        .filter(is_reference)
        .map(|f| f.offset)
        .collect();
    Ok(Layout {
        fields,
        instance_size: end.next_multiple_of(OBJECT_ALIGNMENT),
        static_slots,
        reference_offsets,
        static_reference_slots,
    })
}
