//! Fields, methods and `Code` (JVMS 4.5, 4.6, 4.7.3).

use std::borrow::Cow;

use crate::attribute::{
    Attributes, ExceptionHandler, LineNumber, LocalVariable, RawAttribute, Table, U2List,
    length_mismatch, read_single_u2, read_table, read_u2_list,
};
use crate::constant_pool::ConstantPool;
use crate::descriptor::{FieldType, MethodDescriptor};
use crate::error::{ClassFileError, Location};
use crate::instruction::Instructions;
use crate::names::{is_method_name, is_unqualified_name};
use crate::reader::Reader;
use crate::stack_map::StackMapTable;

/// A field (JVMS 4.5).
#[derive(Debug, Clone)]
pub struct Field<'a> {
    /// Raw `access_flags` (`ACC_*`, see [`crate::flags`]).
    pub access_flags: u16,
    /// Field name.
    pub name: Cow<'a, str>,
    /// Parsed descriptor.
    pub descriptor: FieldType<'a>,
    /// `Utf8` index of the name.
    pub name_index: u16,
    /// `Utf8` index of the descriptor.
    pub descriptor_index: u16,
    /// `ConstantValue` attribute: index of the constant.
    pub constant_value_index: Option<u16>,
    /// `Signature` attribute: `Utf8` index of the generic signature.
    pub signature_index: Option<u16>,
    /// All attributes, the ones above included.
    pub attributes: Attributes<'a>,
}

/// A method (JVMS 4.6).
#[derive(Debug, Clone)]
pub struct Method<'a> {
    /// Raw `access_flags`.
    pub access_flags: u16,
    /// Method name.
    pub name: Cow<'a, str>,
    /// Parsed descriptor.
    pub descriptor: MethodDescriptor<'a>,
    /// `Utf8` index of the name.
    pub name_index: u16,
    /// `Utf8` index of the descriptor.
    pub descriptor_index: u16,
    /// The `Code` attribute; `None` for abstract and native methods.
    pub code: Option<Code<'a>>,
    /// `Exceptions` attribute: `Class` indices of declared checked exceptions.
    pub exceptions: U2List<'a>,
    /// `Signature` attribute: `Utf8` index of the generic signature.
    pub signature_index: Option<u16>,
    /// All attributes, the ones above included.
    pub attributes: Attributes<'a>,
}

/// The `Code` attribute of a method (JVMS 4.7.3).
#[derive(Debug, Clone)]
pub struct Code<'a> {
    /// Maximum operand stack depth.
    pub max_stack: u16,
    /// Local variable slots, parameters included.
    pub max_locals: u16,
    /// The `code` array, borrowed from the class bytes.
    pub bytecode: &'a [u8],
    /// File offset of `bytecode[0]`.
    pub bytecode_offset: usize,
    /// Exception handlers in order of precedence.
    pub exception_table: Table<'a, ExceptionHandler>,
    /// The first `LineNumberTable` (javac emits one; later ones stay in `attributes`).
    pub line_numbers: Table<'a, LineNumber>,
    /// The first `LocalVariableTable`, if any.
    pub local_variables: Table<'a, LocalVariable>,
    /// The `StackMapTable`, if any.
    pub stack_map_table: Option<StackMapTable<'a>>,
    /// All attributes of the `Code` attribute.
    pub attributes: Attributes<'a>,
}

impl<'a> Code<'a> {
    /// Decodes the bytecode as `(pc, instruction)`.
    pub fn instructions(&self) -> Instructions<'a> {
        Instructions::new(self.bytecode)
    }
}

fn duplicate(what: &str, attr: &RawAttribute<'_>) -> ClassFileError {
    ClassFileError::format(
        attr.file_offset,
        "4.7",
        format!("more than one {what} attribute"),
    )
}

/// Name of an attribute; an error if `attribute_name_index` is not a `Utf8`.
pub(crate) fn attribute_name<'p>(
    pool: &'p ConstantPool<'_>,
    attr: &RawAttribute<'_>,
) -> Result<&'p str, ClassFileError> {
    pool.utf8(attr.name_index)
        .map_err(|e| with_offset(e, attr.file_offset - 6))
}

pub(crate) fn with_offset(mut e: ClassFileError, offset: usize) -> ClassFileError {
    if let ClassFileError::BadConstantIndex { at, .. }
    | ClassFileError::WrongConstantKind { at, .. } = &mut e
        && at.file_offset.is_none()
    {
        at.file_offset = Some(offset);
    }
    e
}

fn read_name_and_descriptor<'a>(
    r: &mut Reader<'a>,
    pool: &ConstantPool<'a>,
) -> Result<(u16, Cow<'a, str>, u16, Cow<'a, str>), ClassFileError> {
    let at = r.file_offset();
    let name_index = r.u2("name_index")?;
    let descriptor_index = r.u2("descriptor_index")?;
    let name = pool
        .utf8_cow(name_index, "member name")
        .map_err(|e| with_offset(e, at))?;
    let descriptor = pool
        .utf8_cow(descriptor_index, "member descriptor")
        .map_err(|e| with_offset(e, at + 2))?;
    Ok((name_index, name, descriptor_index, descriptor))
}

fn bad_descriptor(
    what: &'static str,
    descriptor: &str,
    reason: &'static str,
    at: usize,
) -> ClassFileError {
    ClassFileError::BadDescriptor {
        at: Location::at(at),
        what,
        descriptor: descriptor.into(),
        reason,
    }
}

/// Reads one `field_info`.
pub(crate) fn read_field<'a>(
    r: &mut Reader<'a>,
    pool: &ConstantPool<'a>,
) -> Result<Field<'a>, ClassFileError> {
    let start = r.file_offset();
    let access_flags = r.u2("field access_flags")?;
    let (name_index, name, descriptor_index, desc) = read_name_and_descriptor(r, pool)?;
    let mut inner = || -> Result<Field<'a>, ClassFileError> {
        if !is_unqualified_name(&name) {
            return Err(ClassFileError::BadName {
                at: Location::at(start + 2),
                what: "field",
                name: name.as_ref().into(),
            });
        }
        let descriptor = FieldType::parse_cow(&desc)
            .map_err(|e| bad_descriptor("field", &desc, e.0, start + 4))?;
        let attributes = Attributes::read(r)?;
        let mut constant_value_index = None;
        let mut signature_index = None;
        for attr in attributes.iter() {
            match attribute_name(pool, &attr)? {
                "ConstantValue" => {
                    if constant_value_index.is_some() {
                        return Err(duplicate("ConstantValue", &attr));
                    }
                    constant_value_index = Some(read_single_u2(
                        "ConstantValue",
                        attr.info,
                        attr.file_offset,
                    )?);
                }
                "Signature" => {
                    if signature_index.is_some() {
                        return Err(duplicate("Signature", &attr));
                    }
                    signature_index =
                        Some(read_single_u2("Signature", attr.info, attr.file_offset)?);
                }
                _ => {}
            }
        }
        Ok(Field {
            access_flags,
            name: name.clone(),
            descriptor,
            name_index,
            descriptor_index,
            constant_value_index,
            signature_index,
            attributes,
        })
    };
    inner().map_err(|e| e.in_member(&name, &desc))
}

/// Reads one `method_info`.
pub(crate) fn read_method<'a>(
    r: &mut Reader<'a>,
    pool: &ConstantPool<'a>,
) -> Result<Method<'a>, ClassFileError> {
    let start = r.file_offset();
    let access_flags = r.u2("method access_flags")?;
    let (name_index, name, descriptor_index, desc) = read_name_and_descriptor(r, pool)?;
    let mut inner = || -> Result<Method<'a>, ClassFileError> {
        if !is_method_name(&name) {
            return Err(ClassFileError::BadName {
                at: Location::at(start + 2),
                what: "method",
                name: name.as_ref().into(),
            });
        }
        let descriptor = MethodDescriptor::parse_cow(&desc)
            .map_err(|e| bad_descriptor("method", &desc, e.0, start + 4))?;
        let attributes = Attributes::read(r)?;
        let mut code = None;
        let mut exceptions = None;
        let mut signature_index = None;
        for attr in attributes.iter() {
            match attribute_name(pool, &attr)? {
                "Code" => {
                    if code.is_some() {
                        return Err(duplicate("Code", &attr));
                    }
                    code = Some(read_code(&attr, pool)?);
                }
                "Exceptions" => {
                    if exceptions.is_some() {
                        return Err(duplicate("Exceptions", &attr));
                    }
                    exceptions = Some(read_u2_list("Exceptions", attr.info, attr.file_offset)?);
                }
                "Signature" => {
                    if signature_index.is_some() {
                        return Err(duplicate("Signature", &attr));
                    }
                    signature_index =
                        Some(read_single_u2("Signature", attr.info, attr.file_offset)?);
                }
                _ => {}
            }
        }
        Ok(Method {
            access_flags,
            name: name.clone(),
            descriptor,
            name_index,
            descriptor_index,
            code,
            exceptions: exceptions.unwrap_or_default(),
            signature_index,
            attributes,
        })
    };
    inner().map_err(|e| e.in_member(&name, &desc))
}

/// Reads a `Code` attribute (JVMS 4.7.3).
fn read_code<'a>(
    attr: &RawAttribute<'a>,
    pool: &ConstantPool<'a>,
) -> Result<Code<'a>, ClassFileError> {
    let mut r = Reader::new(attr.info, attr.file_offset);
    let max_stack = r.u2("max_stack")?;
    let max_locals = r.u2("max_locals")?;
    let len_at = r.file_offset();
    let code_length = r.u4("code_length")?;
    if code_length == 0 || code_length >= 65536 {
        return Err(ClassFileError::format(
            len_at,
            "4.7.3",
            format!("code_length {code_length} is not in 1..65536"),
        ));
    }
    let bytecode_offset = r.file_offset();
    let bytecode = r.bytes(code_length as usize, "code")?;
    let exception_table = Table::read(&mut r, "exception_table")?;
    let attributes = Attributes::read(&mut r)?;
    if !r.is_empty() {
        return Err(length_mismatch("Code", &r));
    }
    let mut code = Code {
        max_stack,
        max_locals,
        bytecode,
        bytecode_offset,
        exception_table,
        line_numbers: Table::default(),
        local_variables: Table::default(),
        stack_map_table: None,
        attributes,
    };
    let mut seen_lines = false;
    let mut seen_locals = false;
    for a in attributes.iter() {
        match attribute_name(pool, &a)? {
            "LineNumberTable" => {
                let table = read_table::<LineNumber>("LineNumberTable", a.info, a.file_offset)?;
                if !seen_lines {
                    code.line_numbers = table;
                    seen_lines = true;
                }
            }
            "LocalVariableTable" => {
                let table =
                    read_table::<LocalVariable>("LocalVariableTable", a.info, a.file_offset)?;
                if !seen_locals {
                    code.local_variables = table;
                    seen_locals = true;
                }
            }
            "StackMapTable" => {
                if code.stack_map_table.is_some() {
                    return Err(duplicate("StackMapTable", &a));
                }
                code.stack_map_table = Some(StackMapTable::new(a.info, a.file_offset)?);
            }
            _ => {}
        }
    }
    Ok(code)
}
