//! Attributes (JVMS 4.7) as borrowed views: raw lists, fixed-size tables, variable entries.

use std::marker::PhantomData;

use crate::error::{ClassFileError, Location};
use crate::reader::{Reader, be_u16};

/// One attribute as it is in the file: name index and `info` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawAttribute<'a> {
    /// Index of the `Utf8` name.
    pub name_index: u16,
    /// The `info` bytes.
    pub info: &'a [u8],
    /// File offset of `info`.
    pub file_offset: usize,
}

/// The attributes of a class, field, method, code or record component, unparsed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Attributes<'a> {
    bytes: &'a [u8],
    count: u16,
    base: usize,
}

impl<'a> Attributes<'a> {
    /// Reads `attributes_count` and walks the attributes, checking every length against
    /// the bytes that are really there.
    pub(crate) fn read(r: &mut Reader<'a>) -> Result<Self, ClassFileError> {
        let count = r.u2("attributes_count")?;
        let base = r.file_offset();
        let start = *r;
        let mut total = 0usize;
        for _ in 0..count {
            r.u2("attribute_name_index")?;
            let len = r.u4("attribute_length")? as usize;
            r.bytes(len, "attribute info")?;
            total += 6 + len;
        }
        let mut whole = start;
        Ok(Attributes {
            bytes: whole.bytes(total, "attributes")?,
            count,
            base,
        })
    }

    /// Number of attributes.
    pub fn len(&self) -> usize {
        usize::from(self.count)
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The attributes in file order.
    pub fn iter(&self) -> impl Iterator<Item = RawAttribute<'a>> + use<'a> {
        let bytes = self.bytes;
        let base = self.base;
        let mut pos = 0usize;
        (0..self.count).map_while(move |_| {
            let name_index = be_u16(bytes, pos);
            let len = crate::reader::be_u32(bytes, pos + 2) as usize;
            let info = bytes.get(pos + 6..pos + 6 + len)?;
            let file_offset = base + pos + 6;
            pos += 6 + len;
            Some(RawAttribute {
                name_index,
                info,
                file_offset,
            })
        })
    }
}

/// A list of u2 values, e.g. constant pool indices in `Exceptions` or `NestMembers`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct U2List<'a> {
    bytes: &'a [u8],
}

impl<'a> U2List<'a> {
    /// Reads a u2 count and that many u2 values.
    pub(crate) fn read(r: &mut Reader<'a>, what: &'static str) -> Result<Self, ClassFileError> {
        let n = r.u2(what)?;
        Ok(U2List {
            bytes: r.bytes(usize::from(n) * 2, what)?,
        })
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        self.bytes.len() / 2
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The values in order.
    pub fn iter(&self) -> impl Iterator<Item = u16> + use<'a> {
        self.bytes
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
    }
}

/// An entry of a fixed-size table attribute.
pub trait TableEntry: Sized {
    /// Bytes per entry.
    const SIZE: usize;
    /// Decodes one entry from exactly `SIZE` bytes.
    fn decode(bytes: &[u8]) -> Self;
}

/// A table with a u2 count and fixed-size entries, decoded on access.
#[derive(Debug, Clone, Copy)]
pub struct Table<'a, T> {
    bytes: &'a [u8],
    entry: PhantomData<T>,
}

impl<T> Default for Table<'_, T> {
    fn default() -> Self {
        Table {
            bytes: &[],
            entry: PhantomData,
        }
    }
}

impl<'a, T: TableEntry> Table<'a, T> {
    pub(crate) fn read(r: &mut Reader<'a>, what: &'static str) -> Result<Self, ClassFileError> {
        let n = r.u2(what)?;
        Ok(Table {
            bytes: r.bytes(usize::from(n) * T::SIZE, what)?,
            entry: PhantomData,
        })
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.bytes.len() / T::SIZE
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The entries in order.
    pub fn iter(&self) -> impl Iterator<Item = T> + use<'a, T> {
        self.bytes.chunks_exact(T::SIZE).map(T::decode)
    }
}

fn u2_at(b: &[u8], i: usize) -> u16 {
    be_u16(b, i)
}

/// An `exception_table` entry of `Code` (JVMS 4.7.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExceptionHandler {
    /// First pc covered.
    pub start_pc: u16,
    /// First pc not covered.
    pub end_pc: u16,
    /// Handler pc.
    pub handler_pc: u16,
    /// `Class` index of the caught type, 0 for any (`finally`).
    pub catch_type: u16,
}

impl TableEntry for ExceptionHandler {
    const SIZE: usize = 8;
    fn decode(b: &[u8]) -> Self {
        ExceptionHandler {
            start_pc: u2_at(b, 0),
            end_pc: u2_at(b, 2),
            handler_pc: u2_at(b, 4),
            catch_type: u2_at(b, 6),
        }
    }
}

/// A `LineNumberTable` entry (JVMS 4.7.12).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineNumber {
    /// First pc of the line.
    pub start_pc: u16,
    /// Source line.
    pub line_number: u16,
}

impl TableEntry for LineNumber {
    const SIZE: usize = 4;
    fn decode(b: &[u8]) -> Self {
        LineNumber {
            start_pc: u2_at(b, 0),
            line_number: u2_at(b, 2),
        }
    }
}

/// A `LocalVariableTable` entry (JVMS 4.7.13); also used for `LocalVariableTypeTable`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalVariable {
    /// First pc where the variable has a value.
    pub start_pc: u16,
    /// Length of the range.
    pub length: u16,
    /// `Utf8` name index.
    pub name_index: u16,
    /// `Utf8` descriptor (or signature) index.
    pub descriptor_index: u16,
    /// Local variable slot.
    pub index: u16,
}

impl TableEntry for LocalVariable {
    const SIZE: usize = 10;
    fn decode(b: &[u8]) -> Self {
        LocalVariable {
            start_pc: u2_at(b, 0),
            length: u2_at(b, 2),
            name_index: u2_at(b, 4),
            descriptor_index: u2_at(b, 6),
            index: u2_at(b, 8),
        }
    }
}

/// An `InnerClasses` entry (JVMS 4.7.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InnerClass {
    /// `Class` index of the inner class.
    pub inner_class_info_index: u16,
    /// `Class` index of the outer class, 0 if none.
    pub outer_class_info_index: u16,
    /// `Utf8` simple name index, 0 if anonymous.
    pub inner_name_index: u16,
    /// Flags as declared in source.
    pub inner_class_access_flags: u16,
}

impl TableEntry for InnerClass {
    const SIZE: usize = 8;
    fn decode(b: &[u8]) -> Self {
        InnerClass {
            inner_class_info_index: u2_at(b, 0),
            outer_class_info_index: u2_at(b, 2),
            inner_name_index: u2_at(b, 4),
            inner_class_access_flags: u2_at(b, 6),
        }
    }
}

/// One entry of `BootstrapMethods` (JVMS 4.7.23).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BootstrapMethod<'a> {
    /// `MethodHandle` index.
    pub bootstrap_method_ref: u16,
    /// Loadable constant indices.
    pub bootstrap_arguments: U2List<'a>,
}

/// The `BootstrapMethods` attribute, checked when read and decoded on access.
#[derive(Debug, Clone, Copy, Default)]
pub struct BootstrapMethods<'a> {
    bytes: &'a [u8],
    count: u16,
}

impl<'a> BootstrapMethods<'a> {
    pub(crate) fn read(info: &'a [u8], file_offset: usize) -> Result<Self, ClassFileError> {
        let mut r = Reader::new(info, file_offset);
        let count = r.u2("num_bootstrap_methods")?;
        for _ in 0..count {
            r.u2("bootstrap_method_ref")?;
            U2List::read(&mut r, "bootstrap_arguments")?;
        }
        if !r.is_empty() {
            return Err(length_mismatch("BootstrapMethods", &r));
        }
        Ok(BootstrapMethods {
            bytes: info.get(2..).unwrap_or_default(),
            count,
        })
    }

    /// Number of bootstrap methods.
    pub fn len(&self) -> usize {
        usize::from(self.count)
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The entries in order.
    pub fn iter(&self) -> impl Iterator<Item = BootstrapMethod<'a>> + use<'a> {
        let mut r = Reader::new(self.bytes, 0);
        (0..self.count).map_while(move |_| {
            Some(BootstrapMethod {
                bootstrap_method_ref: r.u2("bootstrap_method_ref").ok()?,
                bootstrap_arguments: U2List::read(&mut r, "bootstrap_arguments").ok()?,
            })
        })
    }

    /// The entry at `index`.
    pub fn get(&self, index: u16) -> Option<BootstrapMethod<'a>> {
        self.iter().nth(usize::from(index))
    }
}

/// A component of a `Record` attribute (JVMS 4.7.30).
#[derive(Debug, Clone, Copy)]
pub struct RecordComponent<'a> {
    /// `Utf8` name index.
    pub name_index: u16,
    /// `Utf8` field descriptor index.
    pub descriptor_index: u16,
    /// The component's attributes (`Signature`, annotations).
    pub attributes: Attributes<'a>,
}

pub(crate) fn read_record(
    info: &[u8],
    file_offset: usize,
) -> Result<Vec<RecordComponent<'_>>, ClassFileError> {
    let mut r = Reader::new(info, file_offset);
    let count = r.u2("components_count")?;
    // Each component takes at least 6 bytes: a lying count cannot reserve more than that.
    let mut out = Vec::with_capacity(usize::from(count).min(r.remaining() / 6));
    for _ in 0..count {
        out.push(RecordComponent {
            name_index: r.u2("record component name_index")?,
            descriptor_index: r.u2("record component descriptor_index")?,
            attributes: Attributes::read(&mut r)?,
        });
    }
    if !r.is_empty() {
        return Err(length_mismatch("Record", &r));
    }
    Ok(out)
}

/// The error for an attribute whose `attribute_length` disagrees with its contents.
pub(crate) fn length_mismatch(name: &str, r: &Reader<'_>) -> ClassFileError {
    ClassFileError::Format {
        at: Location::at(r.file_offset()),
        rule: "4.7",
        message: format!(
            "{name} attribute_length is {} bytes longer than its contents",
            r.remaining()
        )
        .into(),
    }
}

/// Reads an attribute that must be exactly one u2 (e.g. `SourceFile`, `NestHost`).
pub(crate) fn read_single_u2(
    name: &str,
    info: &[u8],
    file_offset: usize,
) -> Result<u16, ClassFileError> {
    let mut r = Reader::new(info, file_offset);
    let v = r.u2("attribute value")?;
    if !r.is_empty() {
        return Err(length_mismatch(name, &r));
    }
    Ok(v)
}

/// Reads an attribute that is exactly a u2 count and that many u2 values.
pub(crate) fn read_u2_list<'a>(
    name: &str,
    info: &'a [u8],
    file_offset: usize,
) -> Result<U2List<'a>, ClassFileError> {
    let mut r = Reader::new(info, file_offset);
    let list = U2List::read(&mut r, "attribute list")?;
    if !r.is_empty() {
        return Err(length_mismatch(name, &r));
    }
    Ok(list)
}

/// Reads a fixed-size table attribute that must fill its `info` exactly.
pub(crate) fn read_table<'a, T: TableEntry>(
    name: &str,
    info: &'a [u8],
    file_offset: usize,
) -> Result<Table<'a, T>, ClassFileError> {
    let mut r = Reader::new(info, file_offset);
    let table = Table::read(&mut r, "attribute table")?;
    if !r.is_empty() {
        return Err(length_mismatch(name, &r));
    }
    Ok(table)
}
