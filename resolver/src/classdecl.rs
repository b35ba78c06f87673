//! The declaration part of a class that linking reads, taken from a parsed
//! [`jfork_classfile::ClassFile`]: names and descriptors borrowed from the class bytes
//! (which live for the process), flags, fields, methods and the nest attributes. The
//! `ClassFile` itself stays with the linked class for the interpreter (code, constant pool,
//! bootstrap methods).

use std::borrow::Cow;

use jfork_classfile::{ClassFile, ClassFileError, Constant, ConstantPool};

pub use jfork_classfile::flags::{
    ACC_ABSTRACT, ACC_ANNOTATION, ACC_ENUM, ACC_FINAL, ACC_INTERFACE, ACC_MODULE, ACC_NATIVE,
    ACC_PRIVATE, ACC_PROTECTED, ACC_PUBLIC, ACC_STATIC, ACC_SYNCHRONIZED, ACC_VARARGS,
};

/// A name or descriptor borrowed from the class bytes (owned when modified UTF-8 had to be
/// decoded).
pub type Name = Cow<'static, str>;

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
    /// Local variable slots of the parameters (without `this`).
    pub parameter_slots: u16,
    /// Whether the method has a `Code` attribute.
    pub has_code: bool,
}

/// The parts of one class file that linking reads, with the parsed class file.
#[derive(Debug, Clone)]
pub struct ClassDecl {
    /// The parsed class file (constant pool, code, attributes).
    pub class_file: ClassFile<'static>,
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
}

/// The `Utf8` entry at `index`, borrowed for the process's life.
pub(crate) fn utf8(pool: &ConstantPool<'static>, index: u16) -> Result<Name, ClassFileError> {
    match pool.get(index, "Utf8")? {
        Constant::Utf8(text) => Ok(text.clone()),
        _ => pool.utf8(index).map(|s| Cow::Owned(s.to_owned())),
    }
}

/// The name of the `Class` entry at `index`, borrowed for the process's life.
pub(crate) fn class_name(pool: &ConstantPool<'static>, index: u16) -> Result<Name, ClassFileError> {
    match pool.get(index, "Class")? {
        Constant::Class { name_index } => utf8(pool, *name_index),
        _ => pool.class_name(index).map(|s| Cow::Owned(s.to_owned())),
    }
}

impl ClassDecl {
    /// Parses `bytes` (JVMS 4.8 format checks in `jfork-classfile`) and takes out what
    /// linking reads. The bytes live for the process (memory-mapped `lib/modules`, or
    /// leaked), so names borrow from them.
    pub fn parse(bytes: &'static [u8]) -> Result<ClassDecl, ClassFileError> {
        ClassDecl::from_class_file(ClassFile::parse(bytes)?)
    }

    /// Takes out what linking reads from an already parsed class file.
    pub fn from_class_file(class_file: ClassFile<'static>) -> Result<ClassDecl, ClassFileError> {
        let pool = class_file.constant_pool();
        let this_class = class_name(pool, class_file.this_class_index())?;
        let super_class = match class_file.super_class_index() {
            0 => None,
            index => Some(class_name(pool, index)?),
        };
        let interfaces = class_file
            .interface_indices()
            .iter()
            .map(|i| class_name(pool, i))
            .collect::<Result<Vec<_>, _>>()?;
        let fields = class_file
            .fields()
            .iter()
            .map(|f| {
                Ok(FieldDecl {
                    access: f.access_flags,
                    name: f.name.clone(),
                    descriptor: utf8(pool, f.descriptor_index)?,
                    constant_value: f.constant_value_index,
                })
            })
            .collect::<Result<Vec<_>, ClassFileError>>()?;
        let methods = class_file
            .methods()
            .iter()
            .map(|m| {
                Ok(MethodDecl {
                    access: m.access_flags,
                    name: m.name.clone(),
                    descriptor: utf8(pool, m.descriptor_index)?,
                    parameter_slots: u16::from(m.descriptor.parameter_slots()),
                    has_code: m.code.is_some(),
                })
            })
            .collect::<Result<Vec<_>, ClassFileError>>()?;
        let owned = |s: &str| Cow::Owned(s.to_owned());
        let nest_host = class_file.nest_host().map(owned);
        let nest_members = class_file.nest_members().map(owned).collect();
        let permitted: Vec<Name> = class_file.permitted_subclasses().map(owned).collect();
        let sealed = class_file
            .attributes()
            .iter()
            .any(|a| pool.utf8(a.name_index) == Ok("PermittedSubclasses"));
        Ok(ClassDecl {
            access: class_file.access_flags(),
            this_class,
            super_class,
            interfaces,
            fields,
            methods,
            nest_host,
            nest_members,
            permitted_subclasses: sealed.then_some(permitted),
            class_file,
        })
    }

    /// `major_version`.
    pub fn major_version(&self) -> u16 {
        self.class_file.major_version()
    }

    /// `minor_version`.
    pub fn minor_version(&self) -> u16 {
        self.class_file.minor_version()
    }
}
