//! The constant pool (JVMS 4.4), indexable as the bytecode indexes it.

use std::borrow::Cow;

use crate::error::ClassFileError;
use crate::reader::Reader;

/// One constant pool entry. Strings borrow from the class bytes when their modified UTF-8
/// is also plain UTF-8 (nearly always); otherwise they hold the decoded text.
#[derive(Debug, Clone, PartialEq)]
pub enum Constant<'a> {
    /// Index 0, and the slot after a `Long` or `Double` (JVMS 4.4.5).
    Unusable,
    /// `CONSTANT_Utf8`, decoded from modified UTF-8 (lone surrogates become U+FFFD).
    Utf8(Cow<'a, str>),
    /// `CONSTANT_Integer`.
    Integer(i32),
    /// `CONSTANT_Float`.
    Float(f32),
    /// `CONSTANT_Long`.
    Long(i64),
    /// `CONSTANT_Double`.
    Double(f64),
    /// `CONSTANT_Class`.
    Class {
        /// Index of the `Utf8` name.
        name_index: u16,
    },
    /// `CONSTANT_String`.
    String {
        /// Index of the `Utf8` text.
        string_index: u16,
    },
    /// `CONSTANT_Fieldref`.
    Fieldref {
        /// Index of the `Class`.
        class_index: u16,
        /// Index of the `NameAndType`.
        name_and_type_index: u16,
    },
    /// `CONSTANT_Methodref`.
    Methodref {
        /// Index of the `Class`.
        class_index: u16,
        /// Index of the `NameAndType`.
        name_and_type_index: u16,
    },
    /// `CONSTANT_InterfaceMethodref`.
    InterfaceMethodref {
        /// Index of the `Class`.
        class_index: u16,
        /// Index of the `NameAndType`.
        name_and_type_index: u16,
    },
    /// `CONSTANT_NameAndType`.
    NameAndType {
        /// Index of the `Utf8` name.
        name_index: u16,
        /// Index of the `Utf8` descriptor.
        descriptor_index: u16,
    },
    /// `CONSTANT_MethodHandle`.
    MethodHandle {
        /// 1..=9, see [`ReferenceKind`].
        reference_kind: ReferenceKind,
        /// Index of the field or method reference.
        reference_index: u16,
    },
    /// `CONSTANT_MethodType`.
    MethodType {
        /// Index of the `Utf8` method descriptor.
        descriptor_index: u16,
    },
    /// `CONSTANT_Dynamic`.
    Dynamic {
        /// Index into the `BootstrapMethods` attribute.
        bootstrap_method_attr_index: u16,
        /// Index of the `NameAndType` (field descriptor).
        name_and_type_index: u16,
    },
    /// `CONSTANT_InvokeDynamic`.
    InvokeDynamic {
        /// Index into the `BootstrapMethods` attribute.
        bootstrap_method_attr_index: u16,
        /// Index of the `NameAndType` (method descriptor).
        name_and_type_index: u16,
    },
    /// `CONSTANT_Module`.
    Module {
        /// Index of the `Utf8` module name.
        name_index: u16,
    },
    /// `CONSTANT_Package`.
    Package {
        /// Index of the `Utf8` package name.
        name_index: u16,
    },
}

impl Constant<'_> {
    /// The JVMS name of the entry's kind, as errors and the printer show it.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Constant::Unusable => "unusable slot",
            Constant::Utf8(_) => "Utf8",
            Constant::Integer(_) => "Integer",
            Constant::Float(_) => "Float",
            Constant::Long(_) => "Long",
            Constant::Double(_) => "Double",
            Constant::Class { .. } => "Class",
            Constant::String { .. } => "String",
            Constant::Fieldref { .. } => "Fieldref",
            Constant::Methodref { .. } => "Methodref",
            Constant::InterfaceMethodref { .. } => "InterfaceMethodref",
            Constant::NameAndType { .. } => "NameAndType",
            Constant::MethodHandle { .. } => "MethodHandle",
            Constant::MethodType { .. } => "MethodType",
            Constant::Dynamic { .. } => "Dynamic",
            Constant::InvokeDynamic { .. } => "InvokeDynamic",
            Constant::Module { .. } => "Module",
            Constant::Package { .. } => "Package",
        }
    }
}

/// The `reference_kind` of a method handle (JVMS 5.4.3.5, table 5.4.3.5-A).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum ReferenceKind {
    /// `REF_getField`.
    GetField = 1,
    /// `REF_getStatic`.
    GetStatic = 2,
    /// `REF_putField`.
    PutField = 3,
    /// `REF_putStatic`.
    PutStatic = 4,
    /// `REF_invokeVirtual`.
    InvokeVirtual = 5,
    /// `REF_invokeStatic`.
    InvokeStatic = 6,
    /// `REF_invokeSpecial`.
    InvokeSpecial = 7,
    /// `REF_newInvokeSpecial`.
    NewInvokeSpecial = 8,
    /// `REF_invokeInterface`.
    InvokeInterface = 9,
}

impl ReferenceKind {
    fn from_u8(kind: u8) -> Option<ReferenceKind> {
        Some(match kind {
            1 => ReferenceKind::GetField,
            2 => ReferenceKind::GetStatic,
            3 => ReferenceKind::PutField,
            4 => ReferenceKind::PutStatic,
            5 => ReferenceKind::InvokeVirtual,
            6 => ReferenceKind::InvokeStatic,
            7 => ReferenceKind::InvokeSpecial,
            8 => ReferenceKind::NewInvokeSpecial,
            9 => ReferenceKind::InvokeInterface,
            _ => return None,
        })
    }

    /// The JVMS name, e.g. `REF_invokeStatic`.
    pub fn name(self) -> &'static str {
        match self {
            ReferenceKind::GetField => "REF_getField",
            ReferenceKind::GetStatic => "REF_getStatic",
            ReferenceKind::PutField => "REF_putField",
            ReferenceKind::PutStatic => "REF_putStatic",
            ReferenceKind::InvokeVirtual => "REF_invokeVirtual",
            ReferenceKind::InvokeStatic => "REF_invokeStatic",
            ReferenceKind::InvokeSpecial => "REF_invokeSpecial",
            ReferenceKind::NewInvokeSpecial => "REF_newInvokeSpecial",
            ReferenceKind::InvokeInterface => "REF_invokeInterface",
        }
    }
}

/// Which kind of member reference a [`MemberRef`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MemberKind {
    /// `CONSTANT_Fieldref`.
    Field,
    /// `CONSTANT_Methodref`.
    Method,
    /// `CONSTANT_InterfaceMethodref`.
    InterfaceMethod,
}

/// A field or method reference with its names looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MemberRef<'c> {
    /// Field, method or interface method.
    pub kind: MemberKind,
    /// Internal name of the class (or an array descriptor for methods of arrays).
    pub class: &'c str,
    /// Member name.
    pub name: &'c str,
    /// Field or method descriptor (checked by [`crate::ClassFile::validate`]).
    pub descriptor: &'c str,
}

/// The constant pool of one class: entry `i` is at index `i`, entry 0 is unusable.
#[derive(Debug, Clone)]
pub struct ConstantPool<'a> {
    entries: Vec<Constant<'a>>,
}

const RULE_POOL: &str = "4.4";

impl<'a> ConstantPool<'a> {
    /// Reads `constant_pool_count` and the entries, checking the tags, the sizes and that
    /// every reference between entries points at the right kind (JVMS 4.4).
    pub(crate) fn read(r: &mut Reader<'a>, major_version: u16) -> Result<Self, ClassFileError> {
        let count = r.u2("constant_pool_count")?;
        if count == 0 {
            return Err(ClassFileError::format(
                r.file_offset() - 2,
                RULE_POOL,
                "constant_pool_count is 0; it must be at least 1".into(),
            ));
        }
        // The smallest entry takes 3 bytes, so a lying count cannot make us reserve more
        // than the input can hold.
        let mut entries = Vec::with_capacity(usize::from(count).min(r.remaining() / 3 + 1));
        entries.push(Constant::Unusable);
        while entries.len() < usize::from(count) {
            let index = entries.len();
            let start = r.file_offset();
            let tag = r.u1("constant pool tag")?;
            let need_version = |min: u16| -> Result<(), ClassFileError> {
                if major_version < min {
                    Err(ClassFileError::format(
                        start,
                        RULE_POOL,
                        format!(
                            "constant pool entry {index} has tag {tag}, which needs class file version {min} or later, not {major_version}"
                        ),
                    ))
                } else {
                    Ok(())
                }
            };
            let entry = match tag {
                1 => {
                    let len = r.u2("Utf8 length")?;
                    let bytes = r.bytes(usize::from(len), "Utf8 bytes")?;
                    Constant::Utf8(decode_modified_utf8(bytes).map_err(|at| {
                        ClassFileError::format(
                            start + 3 + at,
                            "4.4.7",
                            format!("constant pool entry {index}: malformed modified UTF-8"),
                        )
                    })?)
                }
                3 => Constant::Integer(r.u4("Integer")? as i32),
                4 => Constant::Float(f32::from_bits(r.u4("Float")?)),
                5 => Constant::Long(r.u8("Long")? as i64),
                6 => Constant::Double(f64::from_bits(r.u8("Double")?)),
                7 => Constant::Class {
                    name_index: r.u2("Class name_index")?,
                },
                8 => Constant::String {
                    string_index: r.u2("String string_index")?,
                },
                9 => Constant::Fieldref {
                    class_index: r.u2("Fieldref class_index")?,
                    name_and_type_index: r.u2("Fieldref name_and_type_index")?,
                },
                10 => Constant::Methodref {
                    class_index: r.u2("Methodref class_index")?,
                    name_and_type_index: r.u2("Methodref name_and_type_index")?,
                },
                11 => Constant::InterfaceMethodref {
                    class_index: r.u2("InterfaceMethodref class_index")?,
                    name_and_type_index: r.u2("InterfaceMethodref name_and_type_index")?,
                },
                12 => Constant::NameAndType {
                    name_index: r.u2("NameAndType name_index")?,
                    descriptor_index: r.u2("NameAndType descriptor_index")?,
                },
                15 => {
                    need_version(51)?;
                    let kind = r.u1("MethodHandle reference_kind")?;
                    let reference_kind = ReferenceKind::from_u8(kind).ok_or_else(|| {
                        ClassFileError::format(
                            start + 1,
                            "4.4.8",
                            format!(
                                "constant pool entry {index}: reference_kind {kind} is not in 1..=9"
                            ),
                        )
                    })?;
                    Constant::MethodHandle {
                        reference_kind,
                        reference_index: r.u2("MethodHandle reference_index")?,
                    }
                }
                16 => {
                    need_version(51)?;
                    Constant::MethodType {
                        descriptor_index: r.u2("MethodType descriptor_index")?,
                    }
                }
                17 => {
                    need_version(55)?;
                    Constant::Dynamic {
                        bootstrap_method_attr_index: r.u2("Dynamic bootstrap_method_attr_index")?,
                        name_and_type_index: r.u2("Dynamic name_and_type_index")?,
                    }
                }
                18 => {
                    need_version(51)?;
                    Constant::InvokeDynamic {
                        bootstrap_method_attr_index: r
                            .u2("InvokeDynamic bootstrap_method_attr_index")?,
                        name_and_type_index: r.u2("InvokeDynamic name_and_type_index")?,
                    }
                }
                19 => {
                    need_version(53)?;
                    Constant::Module {
                        name_index: r.u2("Module name_index")?,
                    }
                }
                20 => {
                    need_version(53)?;
                    Constant::Package {
                        name_index: r.u2("Package name_index")?,
                    }
                }
                _ => {
                    return Err(ClassFileError::format(
                        start,
                        RULE_POOL,
                        format!("constant pool entry {index} has unknown tag {tag}"),
                    ));
                }
            };
            let wide = matches!(entry, Constant::Long(_) | Constant::Double(_));
            entries.push(entry);
            if wide {
                if entries.len() >= usize::from(count) {
                    return Err(ClassFileError::format(
                        start,
                        "4.4.5",
                        format!(
                            "constant pool entry {index} is 8 bytes wide but is the last entry"
                        ),
                    ));
                }
                entries.push(Constant::Unusable);
            }
        }
        let pool = ConstantPool { entries };
        pool.check_references()?;
        Ok(pool)
    }

    /// Every index inside an entry points at an entry of the kind JVMS 4.4 requires.
    fn check_references(&self) -> Result<(), ClassFileError> {
        for entry in &self.entries {
            match *entry {
                Constant::Class { name_index }
                | Constant::Module { name_index }
                | Constant::Package { name_index } => {
                    self.utf8_at(name_index, "name of a Class, Module or Package")?;
                }
                Constant::String { string_index } => {
                    self.utf8_at(string_index, "String")?;
                }
                Constant::Fieldref {
                    class_index,
                    name_and_type_index,
                }
                | Constant::Methodref {
                    class_index,
                    name_and_type_index,
                }
                | Constant::InterfaceMethodref {
                    class_index,
                    name_and_type_index,
                } => {
                    self.class_name(class_index)?;
                    self.name_and_type(name_and_type_index)?;
                }
                Constant::NameAndType {
                    name_index,
                    descriptor_index,
                } => {
                    self.utf8_at(name_index, "NameAndType name")?;
                    self.utf8_at(descriptor_index, "NameAndType descriptor")?;
                }
                Constant::MethodType { descriptor_index } => {
                    self.utf8_at(descriptor_index, "MethodType descriptor")?;
                }
                Constant::Dynamic {
                    name_and_type_index,
                    ..
                }
                | Constant::InvokeDynamic {
                    name_and_type_index,
                    ..
                } => {
                    self.name_and_type(name_and_type_index)?;
                }
                Constant::MethodHandle {
                    reference_kind,
                    reference_index,
                } => {
                    let target = self.get(reference_index, "MethodHandle reference")?;
                    let ok = match reference_kind {
                        ReferenceKind::GetField
                        | ReferenceKind::GetStatic
                        | ReferenceKind::PutField
                        | ReferenceKind::PutStatic => matches!(target, Constant::Fieldref { .. }),
                        ReferenceKind::InvokeVirtual | ReferenceKind::NewInvokeSpecial => {
                            matches!(target, Constant::Methodref { .. })
                        }
                        ReferenceKind::InvokeStatic | ReferenceKind::InvokeSpecial => matches!(
                            target,
                            Constant::Methodref { .. } | Constant::InterfaceMethodref { .. }
                        ),
                        ReferenceKind::InvokeInterface => {
                            matches!(target, Constant::InterfaceMethodref { .. })
                        }
                    };
                    if !ok {
                        return Err(ClassFileError::WrongConstantKind {
                            at: Box::default(),
                            what: "MethodHandle reference",
                            index: reference_index,
                            expected: "the reference kind its reference_kind requires",
                            found: target.kind_name(),
                            rule: "4.4.8",
                        });
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// `constant_pool_count`: one more than the highest index.
    pub fn count(&self) -> u16 {
        // The reader stops at `count`, which is a u16.
        self.entries.len() as u16
    }

    /// The entry at `index`; an error for 0, out-of-range indices and unusable slots.
    #[inline]
    pub fn get(&self, index: u16, what: &'static str) -> Result<&Constant<'a>, ClassFileError> {
        match self.entries.get(usize::from(index)) {
            Some(Constant::Unusable) | None => Err(self.bad_index(index, what)),
            Some(entry) => Ok(entry),
        }
    }

    #[cold]
    #[inline(never)]
    fn bad_index(&self, index: u16, what: &'static str) -> ClassFileError {
        ClassFileError::BadConstantIndex {
            at: Box::default(),
            what,
            index,
            count: self.count(),
        }
    }

    /// Every usable entry with its index.
    pub fn iter(&self) -> impl Iterator<Item = (u16, &Constant<'a>)> {
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, e)| !matches!(e, Constant::Unusable))
            .map(|(i, e)| (i as u16, e))
    }

    #[cold]
    #[inline(never)]
    fn wrong_kind(
        &self,
        index: u16,
        what: &'static str,
        expected: &'static str,
        found: &Constant<'_>,
    ) -> ClassFileError {
        ClassFileError::WrongConstantKind {
            at: Box::default(),
            what,
            index,
            expected,
            found: found.kind_name(),
            rule: RULE_POOL,
        }
    }

    #[inline]
    fn utf8_at(&self, index: u16, what: &'static str) -> Result<&str, ClassFileError> {
        match self.get(index, what)? {
            Constant::Utf8(s) => Ok(s),
            other => Err(self.wrong_kind(index, what, "Utf8", other)),
        }
    }

    /// The text of the `Utf8` entry at `index`.
    #[inline]
    pub fn utf8(&self, index: u16) -> Result<&str, ClassFileError> {
        self.utf8_at(index, "Utf8")
    }

    /// The text as borrowed from the class bytes, or an owned copy when it had to be decoded.
    #[inline]
    pub(crate) fn utf8_cow(
        &self,
        index: u16,
        what: &'static str,
    ) -> Result<Cow<'a, str>, ClassFileError> {
        match self.get(index, what)? {
            Constant::Utf8(s) => Ok(s.clone()),
            other => Err(self.wrong_kind(index, what, "Utf8", other)),
        }
    }

    /// The name of the `Class` entry at `index` (internal name or array descriptor).
    #[inline]
    pub fn class_name(&self, index: u16) -> Result<&str, ClassFileError> {
        match self.get(index, "Class")? {
            Constant::Class { name_index } => self.utf8_at(*name_index, "Class name"),
            other => Err(self.wrong_kind(index, "class reference", "Class", other)),
        }
    }

    #[inline]
    pub(crate) fn class_name_cow(
        &self,
        index: u16,
        what: &'static str,
    ) -> Result<Cow<'a, str>, ClassFileError> {
        match self.get(index, what)? {
            Constant::Class { name_index } => self.utf8_cow(*name_index, what),
            other => Err(self.wrong_kind(index, what, "Class", other)),
        }
    }

    /// The name and descriptor of the `NameAndType` entry at `index`.
    #[inline]
    pub fn name_and_type(&self, index: u16) -> Result<(&str, &str), ClassFileError> {
        match self.get(index, "NameAndType")? {
            Constant::NameAndType {
                name_index,
                descriptor_index,
            } => Ok((
                self.utf8_at(*name_index, "NameAndType name")?,
                self.utf8_at(*descriptor_index, "NameAndType descriptor")?,
            )),
            other => Err(self.wrong_kind(index, "NameAndType", "NameAndType", other)),
        }
    }

    /// Like [`ConstantPool::name_and_type`], with the `Utf8` index of the descriptor.
    #[inline]
    pub(crate) fn name_and_type_indexed(
        &self,
        index: u16,
    ) -> Result<(&str, &str, u16), ClassFileError> {
        match self.get(index, "NameAndType")? {
            Constant::NameAndType {
                name_index,
                descriptor_index,
            } => Ok((
                self.utf8_at(*name_index, "NameAndType name")?,
                self.utf8_at(*descriptor_index, "NameAndType descriptor")?,
                *descriptor_index,
            )),
            other => Err(self.wrong_kind(index, "NameAndType", "NameAndType", other)),
        }
    }

    /// The text of the `String` entry at `index`.
    #[inline]
    pub fn string(&self, index: u16) -> Result<&str, ClassFileError> {
        match self.get(index, "String")? {
            Constant::String { string_index } => self.utf8_at(*string_index, "String"),
            other => Err(self.wrong_kind(index, "String", "String", other)),
        }
    }

    /// Only the member name of the reference at `index`: what the code checks need, without
    /// looking up the class and descriptor.
    #[inline]
    pub(crate) fn member_name(&self, index: u16) -> Result<&str, ClassFileError> {
        match *self.get(index, "member reference")? {
            Constant::Fieldref {
                name_and_type_index,
                ..
            }
            | Constant::Methodref {
                name_and_type_index,
                ..
            }
            | Constant::InterfaceMethodref {
                name_and_type_index,
                ..
            } => match *self.get(name_and_type_index, "NameAndType")? {
                Constant::NameAndType { name_index, .. } => {
                    self.utf8_at(name_index, "NameAndType name")
                }
                ref other => {
                    Err(self.wrong_kind(name_and_type_index, "NameAndType", "NameAndType", other))
                }
            },
            ref other => Err(self.wrong_kind(
                index,
                "member reference",
                "Fieldref, Methodref or InterfaceMethodref",
                other,
            )),
        }
    }

    /// The field, method or interface method reference at `index` with its names.
    #[inline]
    pub fn member_ref(&self, index: u16) -> Result<MemberRef<'_>, ClassFileError> {
        let entry = self.get(index, "member reference")?;
        let (kind, class_index, nat) = match *entry {
            Constant::Fieldref {
                class_index,
                name_and_type_index,
            } => (MemberKind::Field, class_index, name_and_type_index),
            Constant::Methodref {
                class_index,
                name_and_type_index,
            } => (MemberKind::Method, class_index, name_and_type_index),
            Constant::InterfaceMethodref {
                class_index,
                name_and_type_index,
            } => (
                MemberKind::InterfaceMethod,
                class_index,
                name_and_type_index,
            ),
            ref other => {
                return Err(self.wrong_kind(
                    index,
                    "member reference",
                    "Fieldref, Methodref or InterfaceMethodref",
                    other,
                ));
            }
        };
        let class = self.class_name(class_index)?;
        let (name, descriptor) = self.name_and_type(nat)?;
        Ok(MemberRef {
            kind,
            class,
            name,
            descriptor,
        })
    }
}

/// True when every byte is in 0x01..=0x7F. Eight bytes at a time: `x - 0x01..01` sets a
/// byte's high bit only if that byte is 0 (no borrow can start elsewhere), `x` sets it for
/// bytes from 0x80.
#[inline]
fn is_ascii_without_nul(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let (chunks, rest) = bytes.as_chunks::<8>();
    let mut seen = 0u64;
    for chunk in chunks {
        let x = u64::from_le_bytes(*chunk);
        seen |= x.wrapping_sub(ONES) | x;
    }
    seen & HIGH == 0 && rest.iter().all(|&b| b.wrapping_sub(1) < 0x7F)
}

/// Decodes modified UTF-8 (JVMS 4.4.7). Borrows when the bytes are plain UTF-8 with the
/// same meaning; on malformed input returns the offset of the bad byte.
pub(crate) fn decode_modified_utf8(bytes: &[u8]) -> Result<Cow<'_, str>, usize> {
    // Nearly every constant is ASCII without NUL: one cheap pass and no UTF-8 decoding.
    if is_ascii_without_nul(bytes) {
        // SAFETY: every byte is in 0x01..=0x7F, which is ASCII and so valid UTF-8.
        return Ok(Cow::Borrowed(unsafe {
            std::str::from_utf8_unchecked(bytes)
        }));
    }
    // Bytes 0 and 0xF0..=0xFF never occur in modified UTF-8; without them, valid UTF-8
    // means the same text in both encodings.
    if bytes.iter().all(|&b| b != 0 && b < 0xF0)
        && let Ok(s) = std::str::from_utf8(bytes)
    {
        return Ok(Cow::Borrowed(s));
    }
    let mut units: Vec<u16> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let cont = |j: usize| -> Result<u16, usize> {
            match bytes.get(j) {
                Some(&c) if c & 0xC0 == 0x80 => Ok(u16::from(c & 0x3F)),
                _ => Err(j),
            }
        };
        if b != 0 && b < 0x80 {
            units.push(u16::from(b));
            i += 1;
        } else if b & 0xE0 == 0xC0 {
            units.push((u16::from(b & 0x1F) << 6) | cont(i + 1)?);
            i += 2;
        } else if b & 0xF0 == 0xE0 {
            units.push((u16::from(b & 0x0F) << 12) | (cont(i + 1)? << 6) | cont(i + 2)?);
            i += 3;
        } else {
            return Err(i);
        }
    }
    Ok(Cow::Owned(String::from_utf16_lossy(&units)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_check_finds_nul_and_high_bytes_anywhere() {
        let text = b"java/lang/invoke/MethodHandle";
        assert!(is_ascii_without_nul(text));
        for i in 0..text.len() {
            for bad in [0u8, 0x80, 0xC0, 0xFF] {
                let mut t = text.to_vec();
                t[i] = bad;
                assert!(!is_ascii_without_nul(&t), "{bad:#x} at {i}");
            }
        }
        assert!(is_ascii_without_nul(b""));
    }

    #[test]
    fn modified_utf8_borrows_plain_text() {
        assert!(matches!(
            decode_modified_utf8(b"java/lang/Object"),
            Ok(Cow::Borrowed(_))
        ));
    }

    #[test]
    fn modified_utf8_decodes_nul_and_surrogate_pairs() {
        // U+0000 as C0 80, then U+1F600 as a CESU-8 surrogate pair.
        let bytes = [b'a', 0xC0, 0x80, 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80];
        assert_eq!(decode_modified_utf8(&bytes).unwrap(), "a\u{0}\u{1F600}");
    }

    #[test]
    fn modified_utf8_rejects_raw_nul_and_four_byte_forms() {
        assert_eq!(decode_modified_utf8(&[b'a', 0]), Err(1));
        assert_eq!(decode_modified_utf8(&[0xF0, 0x9F, 0x98, 0x80]), Err(0));
        assert_eq!(decode_modified_utf8(&[0xE0, 0x80]), Err(2));
    }
}
