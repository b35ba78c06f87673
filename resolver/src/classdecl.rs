//! The declaration part of a class file that linking reads: names, flags, fields, methods,
//! the nest attributes and the constant pool entries that name classes and members.
//!
//! This is an interim reader over the raw JVMS 4.1 structure, written while `jfork-classfile`
//! grows its rich model; once that crate exposes fields, methods and its constant pool, this
//! module becomes a thin adapter over it. It checks only what it needs to read the structure
//! safely: full format checking is `jfork-classfile`'s job.

use std::borrow::Cow;

/// A name or descriptor borrowed from the class bytes (owned when modified UTF-8 had to be
/// decoded).
pub type Name = Cow<'static, str>;

/// `ACC_PUBLIC`.
pub const ACC_PUBLIC: u16 = 0x0001;
/// `ACC_PRIVATE`.
pub const ACC_PRIVATE: u16 = 0x0002;
/// `ACC_PROTECTED`.
pub const ACC_PROTECTED: u16 = 0x0004;
/// `ACC_STATIC`.
pub const ACC_STATIC: u16 = 0x0008;
/// `ACC_FINAL`.
pub const ACC_FINAL: u16 = 0x0010;
/// `ACC_SUPER` (classes) / `ACC_SYNCHRONIZED` (methods).
pub const ACC_SYNCHRONIZED: u16 = 0x0020;
/// `ACC_VARARGS` (methods).
pub const ACC_VARARGS: u16 = 0x0080;
/// `ACC_NATIVE`.
pub const ACC_NATIVE: u16 = 0x0100;
/// `ACC_INTERFACE`.
pub const ACC_INTERFACE: u16 = 0x0200;
/// `ACC_ABSTRACT`.
pub const ACC_ABSTRACT: u16 = 0x0400;
/// `ACC_ANNOTATION`.
pub const ACC_ANNOTATION: u16 = 0x2000;
/// `ACC_ENUM`.
pub const ACC_ENUM: u16 = 0x4000;
/// `ACC_MODULE`.
pub const ACC_MODULE: u16 = 0x8000;

/// A constant pool entry as linking needs it (JVMS 4.4).
#[derive(Debug, Clone, PartialEq)]
pub enum CpEntry {
    /// Index 0, the slot after a long/double, and kinds linking never reads.
    Unusable,
    /// `CONSTANT_Utf8`.
    Utf8(Name),
    /// `CONSTANT_Integer`.
    Integer(i32),
    /// `CONSTANT_Float`.
    Float(f32),
    /// `CONSTANT_Long`.
    Long(i64),
    /// `CONSTANT_Double`.
    Double(f64),
    /// `CONSTANT_Class`: index of the name.
    Class(u16),
    /// `CONSTANT_String`: index of the text.
    String(u16),
    /// `CONSTANT_Fieldref`, `Methodref`, `InterfaceMethodref`: (tag, class, name-and-type).
    MemberRef(u8, u16, u16),
    /// `CONSTANT_NameAndType`: (name, descriptor).
    NameAndType(u16, u16),
    /// `CONSTANT_MethodHandle`: (reference kind, reference index).
    MethodHandle(u8, u16),
    /// `CONSTANT_MethodType`: descriptor index.
    MethodType(u16),
    /// `CONSTANT_Dynamic` / `CONSTANT_InvokeDynamic`: (tag, bootstrap index, name-and-type).
    Dynamic(u8, u16, u16),
}

/// Tag of `CONSTANT_Fieldref`.
pub const TAG_FIELDREF: u8 = 9;
/// Tag of `CONSTANT_Methodref`.
pub const TAG_METHODREF: u8 = 10;
/// Tag of `CONSTANT_InterfaceMethodref`.
pub const TAG_INTERFACE_METHODREF: u8 = 11;
/// Tag of `CONSTANT_Dynamic`.
pub const TAG_DYNAMIC: u8 = 17;
/// Tag of `CONSTANT_InvokeDynamic`.
pub const TAG_INVOKEDYNAMIC: u8 = 18;

/// A field as declared.
#[derive(Debug, Clone)]
pub struct FieldDecl {
    /// `access_flags`.
    pub access: u16,
    /// Name.
    pub name: Name,
    /// Field descriptor.
    pub descriptor: Name,
    /// Index of the `ConstantValue` attribute's constant, if any.
    pub constant_value: Option<u16>,
}

/// A method as declared.
#[derive(Debug, Clone)]
pub struct MethodDecl {
    /// `access_flags`.
    pub access: u16,
    /// Name.
    pub name: Name,
    /// Method descriptor.
    pub descriptor: Name,
    /// Whether the method has a `Code` attribute.
    pub has_code: bool,
}

/// The parts of one class file that linking reads.
#[derive(Debug, Clone)]
pub struct ClassDecl {
    /// `minor_version`.
    pub minor_version: u16,
    /// `major_version`.
    pub major_version: u16,
    /// The constant pool, indexed as the class file indexes it.
    pub constant_pool: Vec<CpEntry>,
    /// `access_flags`.
    pub access: u16,
    /// Internal name of this class.
    pub this_class: Name,
    /// Internal name of the superclass (`None` only for `java/lang/Object`).
    pub super_class: Option<Name>,
    /// Internal names of the direct superinterfaces.
    pub interfaces: Vec<Name>,
    /// Declared fields.
    pub fields: Vec<FieldDecl>,
    /// Declared methods.
    pub methods: Vec<MethodDecl>,
    /// `NestHost` attribute.
    pub nest_host: Option<Name>,
    /// `NestMembers` attribute.
    pub nest_members: Vec<Name>,
    /// `PermittedSubclasses` attribute (`None` when absent: the class is not sealed).
    pub permitted_subclasses: Option<Vec<Name>>,
    /// `SourceFile` attribute.
    pub source_file: Option<Name>,
}

/// Why a class file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} at offset {offset}")]
pub struct DeclError {
    /// Byte offset where reading failed.
    pub offset: usize,
    /// What was wrong.
    pub message: String,
}

struct Cursor {
    bytes: &'static [u8],
    pos: usize,
}

impl Cursor {
    fn fail<T>(&self, message: impl Into<String>) -> Result<T, DeclError> {
        Err(DeclError {
            offset: self.pos,
            message: message.into(),
        })
    }

    fn take(&mut self, n: usize) -> Result<&'static [u8], DeclError> {
        match self.bytes.get(self.pos..self.pos + n) {
            Some(slice) => {
                self.pos += n;
                Ok(slice)
            }
            None => self.fail(format!("truncated class file (needs {n} more bytes)")),
        }
    }

    fn u1(&mut self) -> Result<u8, DeclError> {
        Ok(self.take(1)?[0])
    }

    fn u2(&mut self) -> Result<u16, DeclError> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    fn u4(&mut self) -> Result<u32, DeclError> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// Decodes modified UTF-8 (JVMS 4.4.7); plain UTF-8 (nearly every name) is borrowed.
fn decode_utf8(bytes: &'static [u8]) -> Name {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(text);
    }
    // Modified UTF-8: NUL as C0 80 and supplementary characters as surrogate pairs. Decode
    // to UTF-16 units, then to a string (lone surrogates become U+FFFD).
    let mut units = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (unit, len) = if b & 0x80 == 0 {
            (u16::from(b), 1)
        } else if b & 0xE0 == 0xC0 && i + 1 < bytes.len() {
            (
                (u16::from(b & 0x1F) << 6) | u16::from(bytes[i + 1] & 0x3F),
                2,
            )
        } else if b & 0xF0 == 0xE0 && i + 2 < bytes.len() {
            (
                (u16::from(b & 0x0F) << 12)
                    | (u16::from(bytes[i + 1] & 0x3F) << 6)
                    | u16::from(bytes[i + 2] & 0x3F),
                3,
            )
        } else {
            (0xFFFD, 1)
        };
        units.push(unit);
        i += len;
    }
    Cow::Owned(String::from_utf16_lossy(&units))
}

impl ClassDecl {
    /// Reads the declaration of a class file. The bytes live for the process (memory-mapped
    /// `lib/modules`, or leaked), so names borrow from them.
    pub fn parse(bytes: &'static [u8]) -> Result<ClassDecl, DeclError> {
        let mut c = Cursor { bytes, pos: 0 };
        let magic = c.u4()?;
        if magic != 0xCAFE_BABE {
            return c.fail(format!("bad magic 0x{magic:08X}"));
        }
        let minor_version = c.u2()?;
        let major_version = c.u2()?;
        let count = c.u2()?;
        let mut constant_pool = Vec::with_capacity(usize::from(count));
        constant_pool.push(CpEntry::Unusable);
        while constant_pool.len() < usize::from(count) {
            let tag = c.u1()?;
            let entry = match tag {
                1 => {
                    let len = c.u2()?;
                    CpEntry::Utf8(decode_utf8(c.take(usize::from(len))?))
                }
                3 => CpEntry::Integer(c.u4()? as i32),
                4 => CpEntry::Float(f32::from_bits(c.u4()?)),
                5 | 6 => {
                    let hi = u64::from(c.u4()?);
                    let lo = u64::from(c.u4()?);
                    let bits = (hi << 32) | lo;
                    constant_pool.push(if tag == 5 {
                        CpEntry::Long(bits as i64)
                    } else {
                        CpEntry::Double(f64::from_bits(bits))
                    });
                    CpEntry::Unusable
                }
                7 => CpEntry::Class(c.u2()?),
                8 => CpEntry::String(c.u2()?),
                9..=11 => CpEntry::MemberRef(tag, c.u2()?, c.u2()?),
                12 => CpEntry::NameAndType(c.u2()?, c.u2()?),
                15 => CpEntry::MethodHandle(c.u1()?, c.u2()?),
                16 => CpEntry::MethodType(c.u2()?),
                17 | 18 => CpEntry::Dynamic(tag, c.u2()?, c.u2()?),
                19 | 20 => {
                    c.u2()?;
                    CpEntry::Unusable
                }
                _ => return c.fail(format!("unknown constant pool tag {tag}")),
            };
            constant_pool.push(entry);
        }
        if constant_pool.len() > usize::from(count) {
            return c.fail("long or double in the last constant pool slot");
        }
        let mut decl = ClassDecl {
            minor_version,
            major_version,
            constant_pool,
            access: 0,
            this_class: Cow::Borrowed(""),
            super_class: None,
            interfaces: Vec::new(),
            fields: Vec::new(),
            methods: Vec::new(),
            nest_host: None,
            nest_members: Vec::new(),
            permitted_subclasses: None,
            source_file: None,
        };
        decl.access = c.u2()?;
        let this_index = c.u2()?;
        decl.this_class = decl.class_name_at(&c, this_index)?;
        let super_index = c.u2()?;
        if super_index != 0 {
            decl.super_class = Some(decl.class_name_at(&c, super_index)?);
        }
        let interfaces = c.u2()?;
        for _ in 0..interfaces {
            let index = c.u2()?;
            let name = decl.class_name_at(&c, index)?;
            decl.interfaces.push(name);
        }
        for _ in 0..c.u2()? {
            let access = c.u2()?;
            let (name_index, descriptor_index) = (c.u2()?, c.u2()?);
            let name = decl.utf8_at(&c, name_index)?;
            let descriptor = decl.utf8_at(&c, descriptor_index)?;
            let mut constant_value = None;
            for _ in 0..c.u2()? {
                let (attr, body) = decl.attribute(&mut c)?;
                if attr == "ConstantValue" && body.len() == 2 {
                    constant_value = Some(u16::from_be_bytes([body[0], body[1]]));
                }
            }
            decl.fields.push(FieldDecl {
                access,
                name,
                descriptor,
                constant_value,
            });
        }
        for _ in 0..c.u2()? {
            let access = c.u2()?;
            let (name_index, descriptor_index) = (c.u2()?, c.u2()?);
            let name = decl.utf8_at(&c, name_index)?;
            let descriptor = decl.utf8_at(&c, descriptor_index)?;
            let mut has_code = false;
            for _ in 0..c.u2()? {
                let (attr, _) = decl.attribute(&mut c)?;
                has_code |= attr == "Code";
            }
            decl.methods.push(MethodDecl {
                access,
                name,
                descriptor,
                has_code,
            });
        }
        for _ in 0..c.u2()? {
            let (attr, body) = decl.attribute(&mut c)?;
            let mut body = Cursor {
                bytes: body,
                pos: 0,
            };
            match attr.as_ref() {
                "NestHost" => {
                    let index = body.u2()?;
                    decl.nest_host = Some(decl.class_name_at(&c, index)?);
                }
                "NestMembers" => decl.nest_members = decl.class_list(&c, &mut body)?,
                "PermittedSubclasses" => {
                    decl.permitted_subclasses = Some(decl.class_list(&c, &mut body)?);
                }
                "SourceFile" => {
                    let index = body.u2()?;
                    decl.source_file = Some(decl.utf8_at(&c, index)?);
                }
                _ => {}
            }
        }
        Ok(decl)
    }

    fn attribute(&self, c: &mut Cursor) -> Result<(Name, &'static [u8]), DeclError> {
        let name_index = c.u2()?;
        let name = self.utf8_at(c, name_index)?;
        let len = c.u4()? as usize;
        Ok((name, c.take(len)?))
    }

    fn class_list(&self, c: &Cursor, body: &mut Cursor) -> Result<Vec<Name>, DeclError> {
        let n = body.u2()?;
        let mut names = Vec::with_capacity(usize::from(n));
        for _ in 0..n {
            let index = body.u2()?;
            names.push(self.class_name_at(c, index)?);
        }
        Ok(names)
    }

    fn utf8_at(&self, c: &Cursor, index: u16) -> Result<Name, DeclError> {
        match self.constant_pool.get(usize::from(index)) {
            Some(CpEntry::Utf8(text)) => Ok(text.clone()),
            _ => c.fail(format!("constant pool index {index} is not a Utf8 entry")),
        }
    }

    fn class_name_at(&self, c: &Cursor, index: u16) -> Result<Name, DeclError> {
        match self.constant_pool.get(usize::from(index)) {
            Some(CpEntry::Class(name)) => self.utf8_at(c, *name),
            _ => c.fail(format!("constant pool index {index} is not a Class entry")),
        }
    }

    /// The text of the `Utf8` entry at `index`.
    pub fn utf8(&self, index: u16) -> Option<&Name> {
        match self.constant_pool.get(usize::from(index)) {
            Some(CpEntry::Utf8(text)) => Some(text),
            _ => None,
        }
    }

    /// The internal name of the `Class` entry at `index`.
    pub fn class_name(&self, index: u16) -> Option<&Name> {
        match self.constant_pool.get(usize::from(index)) {
            Some(CpEntry::Class(name)) => self.utf8(*name),
            _ => None,
        }
    }

    /// Name and descriptor of the `NameAndType` entry at `index`.
    pub fn name_and_type(&self, index: u16) -> Option<(&Name, &Name)> {
        match self.constant_pool.get(usize::from(index)) {
            Some(CpEntry::NameAndType(name, descriptor)) => {
                Some((self.utf8(*name)?, self.utf8(*descriptor)?))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_magic() {
        let err = ClassDecl::parse(&[0xCA, 0xFE, 0xBA, 0xBF, 0, 0, 0, 61]).unwrap_err();
        assert!(err.message.contains("bad magic"), "{err}");
    }

    #[test]
    fn rejects_truncation() {
        let err = ClassDecl::parse(&[0xCA, 0xFE, 0xBA, 0xBE, 0, 0]).unwrap_err();
        assert!(err.message.contains("truncated"), "{err}");
    }

    #[test]
    fn decodes_modified_utf8_nul() {
        let name = decode_utf8(b"a\xC0\x80b");
        assert_eq!(name, "a\0b");
    }
}
