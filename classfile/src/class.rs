//! The class file as a whole (JVMS 4.1) and its format checks (JVMS 4.8).

use std::borrow::Cow;

use crate::attribute::{
    Attributes, BootstrapMethods, InnerClass, RecordComponent, Table, U2List, read_record,
    read_single_u2, read_table, read_u2_list,
};
use crate::constant_pool::ConstantPool;
use crate::error::{ClassFileError, Location};
use crate::flags::{ACC_INTERFACE, ACC_MODULE};
use crate::member::{Field, Method, attribute_name, read_field, read_method, with_offset};
use crate::reader::Reader;

/// Highest class file version accepted: Java 17 (61.0).
pub const MAX_MAJOR_VERSION: u16 = 61;
/// Lowest class file version accepted: JDK 1.0.2 (45.0).
pub const MIN_MAJOR_VERSION: u16 = 45;

/// `EnclosingMethod` (JVMS 4.7.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnclosingMethod {
    /// `Class` index of the enclosing class.
    pub class_index: u16,
    /// `NameAndType` index of the enclosing method, 0 if none.
    pub method_index: u16,
}

/// A parsed class file that borrows from its bytes. `Send + Sync`.
#[derive(Debug, Clone)]
pub struct ClassFile<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) minor_version: u16,
    pub(crate) major_version: u16,
    pub(crate) constant_pool: ConstantPool<'a>,
    pub(crate) access_flags: u16,
    pub(crate) this_class_index: u16,
    pub(crate) this_class: Cow<'a, str>,
    pub(crate) super_class_index: u16,
    pub(crate) super_class: Option<Cow<'a, str>>,
    pub(crate) interface_indices: U2List<'a>,
    pub(crate) interfaces: Vec<Cow<'a, str>>,
    pub(crate) fields: Vec<Field<'a>>,
    pub(crate) methods: Vec<Method<'a>>,
    pub(crate) attributes: Attributes<'a>,
    pub(crate) source_file_index: Option<u16>,
    pub(crate) signature_index: Option<u16>,
    pub(crate) bootstrap_methods: Option<BootstrapMethods<'a>>,
    pub(crate) inner_classes: Table<'a, InnerClass>,
    pub(crate) enclosing_method: Option<EnclosingMethod>,
    pub(crate) nest_host_index: Option<u16>,
    pub(crate) nest_members: U2List<'a>,
    pub(crate) permitted_subclasses: U2List<'a>,
    pub(crate) record: Option<Vec<RecordComponent<'a>>>,
}

fn at_offset(e: ClassFileError, offset: usize) -> ClassFileError {
    with_offset(e, offset)
}

impl<'a> ClassFile<'a> {
    /// Parses `bytes` with the format checks of JVMS 4.8: magic, version, every length,
    /// the constant pool's tags and cross-references, names and descriptors of members,
    /// attribute sizes, no trailing bytes. Borrows from `bytes`; never panics.
    pub fn parse(bytes: &'a [u8]) -> Result<ClassFile<'a>, ClassFileError> {
        let mut r = Reader::new(bytes, 0);
        let magic = r.u4("magic")?;
        if magic != 0xCAFE_BABE {
            return Err(ClassFileError::BadMagic {
                at: Location::at(0),
                found: magic,
            });
        }
        let minor_version = r.u2("minor_version")?;
        let major_version = r.u2("major_version")?;
        // JVMS 4.1: 56+ only allow minor 0 or 65535 (preview).
        if !(MIN_MAJOR_VERSION..=MAX_MAJOR_VERSION).contains(&major_version)
            || (major_version >= 56 && minor_version != 0 && minor_version != 0xFFFF)
        {
            return Err(ClassFileError::UnsupportedVersion {
                at: Location::at(4),
                major: major_version,
                minor: minor_version,
            });
        }
        let constant_pool = ConstantPool::read(&mut r, major_version)?;
        let flags_at = r.file_offset();
        let access_flags = r.u2("access_flags")?;
        let this_at = r.file_offset();
        let this_class_index = r.u2("this_class")?;
        let this_class = constant_pool
            .class_name_cow(this_class_index, "this_class")
            .map_err(|e| at_offset(e, this_at))?;
        let class = this_class.clone();
        Self::parse_rest(
            bytes,
            r,
            minor_version,
            major_version,
            constant_pool,
            flags_at,
            access_flags,
            this_class_index,
            this_class,
        )
        .map_err(|e| e.in_class(&class))
    }

    #[allow(clippy::too_many_arguments)]
    fn parse_rest(
        bytes: &'a [u8],
        mut r: Reader<'a>,
        minor_version: u16,
        major_version: u16,
        constant_pool: ConstantPool<'a>,
        flags_at: usize,
        access_flags: u16,
        this_class_index: u16,
        this_class: Cow<'a, str>,
    ) -> Result<ClassFile<'a>, ClassFileError> {
        let is_module = access_flags & ACC_MODULE != 0;
        if is_module && (major_version < 53 || access_flags != ACC_MODULE) {
            return Err(ClassFileError::format(
                flags_at,
                "4.1",
                format!("ACC_MODULE with other flags 0x{access_flags:04x} or before version 53"),
            ));
        }
        let super_at = r.file_offset();
        let super_class_index = r.u2("super_class")?;
        let super_class = if super_class_index == 0 {
            None
        } else {
            Some(
                constant_pool
                    .class_name_cow(super_class_index, "super_class")
                    .map_err(|e| at_offset(e, super_at))?,
            )
        };
        let interfaces_at = r.file_offset() + 2;
        let interface_indices = U2List::read(&mut r, "interfaces")?;
        let mut interfaces = Vec::with_capacity(interface_indices.len());
        for (i, index) in interface_indices.iter().enumerate() {
            interfaces.push(
                constant_pool
                    .class_name_cow(index, "interface")
                    .map_err(|e| at_offset(e, interfaces_at + 2 * i))?,
            );
        }
        let fields_count = r.u2("fields_count")?;
        // A field_info is at least 8 bytes: cap what a lying count can reserve.
        let mut fields = Vec::with_capacity(usize::from(fields_count).min(r.remaining() / 8));
        for _ in 0..fields_count {
            fields.push(read_field(&mut r, &constant_pool)?);
        }
        let methods_count = r.u2("methods_count")?;
        let mut methods = Vec::with_capacity(usize::from(methods_count).min(r.remaining() / 8));
        for _ in 0..methods_count {
            methods.push(read_method(&mut r, &constant_pool)?);
        }
        let attributes = Attributes::read(&mut r)?;
        if !r.is_empty() {
            return Err(ClassFileError::format(
                r.file_offset(),
                "4.8",
                format!("{} extra bytes after the last attribute", r.remaining()),
            ));
        }
        let mut class = ClassFile {
            bytes,
            minor_version,
            major_version,
            constant_pool,
            access_flags,
            this_class_index,
            this_class,
            super_class_index,
            super_class,
            interface_indices,
            interfaces,
            fields,
            methods,
            attributes,
            source_file_index: None,
            signature_index: None,
            bootstrap_methods: None,
            inner_classes: Table::default(),
            enclosing_method: None,
            nest_host_index: None,
            nest_members: U2List::default(),
            permitted_subclasses: U2List::default(),
            record: None,
        };
        class.read_class_attributes()?;
        Ok(class)
    }

    fn read_class_attributes(&mut self) -> Result<(), ClassFileError> {
        let mut seen: u16 = 0;
        for attr in self.attributes.iter() {
            let name = attribute_name(&self.constant_pool, &attr)?;
            let bit = match name {
                "SourceFile" => 1,
                "Signature" => 2,
                "BootstrapMethods" => 4,
                "InnerClasses" => 8,
                "EnclosingMethod" => 16,
                "NestHost" => 32,
                "NestMembers" => 64,
                "PermittedSubclasses" => 128,
                "Record" => 256,
                _ => continue,
            };
            // JVMS 4.7: each of these may appear at most once.
            if seen & bit != 0 {
                return Err(ClassFileError::format(
                    attr.file_offset,
                    "4.7",
                    format!("more than one {name} attribute"),
                ));
            }
            seen |= bit;
            let (info, at) = (attr.info, attr.file_offset);
            match name {
                "SourceFile" => self.source_file_index = Some(read_single_u2(name, info, at)?),
                "Signature" => self.signature_index = Some(read_single_u2(name, info, at)?),
                "BootstrapMethods" => {
                    self.bootstrap_methods = Some(BootstrapMethods::read(info, at)?)
                }
                "InnerClasses" => self.inner_classes = read_table(name, info, at)?,
                "EnclosingMethod" => {
                    let mut r = Reader::new(info, at);
                    let em = EnclosingMethod {
                        class_index: r.u2("EnclosingMethod class_index")?,
                        method_index: r.u2("EnclosingMethod method_index")?,
                    };
                    if !r.is_empty() {
                        return Err(crate::attribute::length_mismatch(name, &r));
                    }
                    self.enclosing_method = Some(em);
                }
                "NestHost" => self.nest_host_index = Some(read_single_u2(name, info, at)?),
                "NestMembers" => self.nest_members = read_u2_list(name, info, at)?,
                "PermittedSubclasses" => self.permitted_subclasses = read_u2_list(name, info, at)?,
                "Record" => self.record = Some(read_record(info, at)?),
                _ => {}
            }
        }
        Ok(())
    }

    /// Internal name of this class, e.g. `java/lang/Object`.
    pub fn this_class(&self) -> &str {
        &self.this_class
    }

    /// Internal name of the superclass; `None` only for `java/lang/Object` and module-info.
    pub fn super_class(&self) -> Option<&str> {
        self.super_class.as_deref()
    }

    /// Internal names of the direct superinterfaces, in declaration order.
    pub fn interfaces(&self) -> impl Iterator<Item = &str> {
        self.interfaces.iter().map(|s| s.as_ref())
    }

    /// Raw `access_flags` (`ACC_*` in [`crate::flags`]).
    pub fn access_flags(&self) -> u16 {
        self.access_flags
    }

    /// `major_version`.
    pub fn major_version(&self) -> u16 {
        self.major_version
    }

    /// `minor_version`.
    pub fn minor_version(&self) -> u16 {
        self.minor_version
    }

    /// The bytes this class was parsed from.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The constant pool.
    pub fn constant_pool(&self) -> &ConstantPool<'a> {
        &self.constant_pool
    }

    /// Constant pool index of `this_class`.
    pub fn this_class_index(&self) -> u16 {
        self.this_class_index
    }

    /// Constant pool index of `super_class` (0 for none).
    pub fn super_class_index(&self) -> u16 {
        self.super_class_index
    }

    /// Constant pool indices of the interfaces.
    pub fn interface_indices(&self) -> U2List<'a> {
        self.interface_indices
    }

    /// True for interfaces (and annotation types).
    pub fn is_interface(&self) -> bool {
        self.access_flags & ACC_INTERFACE != 0
    }

    /// The fields, in file order.
    pub fn fields(&self) -> &[Field<'a>] {
        &self.fields
    }

    /// The methods, in file order.
    pub fn methods(&self) -> &[Method<'a>] {
        &self.methods
    }

    /// The method with this name and descriptor.
    pub fn method(&self, name: &str, descriptor: &str) -> Option<&Method<'a>> {
        self.methods
            .iter()
            .find(|m| m.name == name && m.descriptor.as_str() == descriptor)
    }

    /// The field with this name (and descriptor, which JVMS allows to differ).
    pub fn field(&self, name: &str) -> Option<&Field<'a>> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// All class attributes, raw.
    pub fn attributes(&self) -> Attributes<'a> {
        self.attributes
    }

    /// `SourceFile`, e.g. `Object.java`.
    pub fn source_file(&self) -> Option<&str> {
        self.source_file_index
            .and_then(|i| self.constant_pool.utf8(i).ok())
    }

    /// The generic `Signature` of the class.
    pub fn signature(&self) -> Option<&str> {
        self.signature_index
            .and_then(|i| self.constant_pool.utf8(i).ok())
    }

    /// `BootstrapMethods`, if present.
    pub fn bootstrap_methods(&self) -> Option<&BootstrapMethods<'a>> {
        self.bootstrap_methods.as_ref()
    }

    /// `InnerClasses` entries (empty if absent).
    pub fn inner_classes(&self) -> Table<'a, InnerClass> {
        self.inner_classes
    }

    /// `EnclosingMethod`, for local and anonymous classes.
    pub fn enclosing_method(&self) -> Option<EnclosingMethod> {
        self.enclosing_method
    }

    /// `NestHost`: internal name of the nest host.
    pub fn nest_host(&self) -> Option<&str> {
        self.nest_host_index
            .and_then(|i| self.constant_pool.class_name(i).ok())
    }

    /// `NestMembers`: internal names of the nest members.
    pub fn nest_members(&self) -> impl Iterator<Item = &str> {
        self.nest_members
            .iter()
            .filter_map(|i| self.constant_pool.class_name(i).ok())
    }

    /// `PermittedSubclasses`: internal names.
    pub fn permitted_subclasses(&self) -> impl Iterator<Item = &str> {
        self.permitted_subclasses
            .iter()
            .filter_map(|i| self.constant_pool.class_name(i).ok())
    }

    /// `Record` components, for record classes.
    pub fn record_components(&self) -> Option<&[RecordComponent<'a>]> {
        self.record.as_deref()
    }
}
