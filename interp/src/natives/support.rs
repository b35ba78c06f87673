//! What native methods share: reading and making Java strings, arrays and fields from Rust.
//! Every native file uses these instead of touching the heap layout itself.

use jfork_resolver::LoaderId;

use crate::heap;
use crate::object::{array_length, element_address};
use crate::vm::{Thrown, Vm};

impl Vm {
    /// The offset of instance field `name` `descriptor` of boot class `class` (internal
    /// name), loading the class if needed; `InternalError` naming the field if it is absent
    /// (a JDK that does not match what the VM expects).
    /// Looked up once per call site: the answer is kept by the addresses of the `'static`
    /// names, so natives on hot paths (method handle invocation, I/O) pay a hash lookup.
    pub(crate) fn field_offset_of(
        &mut self,
        class: &'static str,
        name: &'static str,
        descriptor: &'static str,
    ) -> Result<u32, Thrown> {
        let key = (
            class.as_ptr() as usize,
            name.as_ptr() as usize,
            descriptor.as_ptr() as usize,
        );
        if let Some(&offset) = self.field_offsets.get(&key) {
            return Ok(offset);
        }
        let cid = self.load(LoaderId::BOOTSTRAP, class)?;
        match self.classes[cid as usize]
            .linked
            .instance_field(name, descriptor)
        {
            Some(f) => {
                let offset = f.offset;
                self.field_offsets.insert(key, offset);
                Ok(offset)
            }
            None => Err(self.throw_new(
                "java/lang/InternalError",
                Some(format!("no field {class}.{name} {descriptor}")),
            )),
        }
    }

    /// Reads a reference field at `offset` of `object`.
    pub(crate) fn get_ref(&self, object: u64, offset: u32) -> u64 {
        heap::get_u64(object + u64::from(offset))
    }

    /// Writes a reference field at `offset` of `object`.
    pub(crate) fn put_ref(&self, object: u64, offset: u32, value: u64) {
        heap::put_u64(object + u64::from(offset), value)
    }

    /// Reads an `int` field at `offset` of `object`.
    pub(crate) fn get_int(&self, object: u64, offset: u32) -> i32 {
        heap::get_i32(object + u64::from(offset))
    }

    /// Writes an `int` field at `offset` of `object`.
    pub(crate) fn put_int(&self, object: u64, offset: u32, value: i32) {
        heap::put_i32(object + u64::from(offset), value)
    }

    /// Reads a `long` field at `offset` of `object`.
    pub(crate) fn get_long(&self, object: u64, offset: u32) -> i64 {
        heap::get_u64(object + u64::from(offset)) as i64
    }

    /// Writes a `long` field at `offset` of `object`.
    pub(crate) fn put_long(&self, object: u64, offset: u32, value: i64) {
        heap::put_u64(object + u64::from(offset), value as u64)
    }

    /// `NullPointerException` (no message) when `object` is null.
    pub(crate) fn non_null(&mut self, object: u64) -> Result<u64, Thrown> {
        if object == 0 {
            Err(self.throw_new("java/lang/NullPointerException", None))
        } else {
            Ok(object)
        }
    }

    /// The text of a Java string argument; `NullPointerException` for null.
    pub(crate) fn string_arg(&mut self, string: u64) -> Result<String, Thrown> {
        self.non_null(string)?;
        Ok(self.string_value(string).unwrap_or_default())
    }

    /// A new Java string, or null for `None`.
    pub(crate) fn string_or_null(&mut self, text: Option<&str>) -> Result<u64, Thrown> {
        match text {
            Some(t) => self.create_string(t),
            None => Ok(0),
        }
    }

    /// A copy of the bytes `offset..offset + len` of a `byte[]`, after the bounds check
    /// HotSpot's natives do (`IndexOutOfBoundsException`).
    pub(crate) fn byte_array_range(
        &mut self,
        array: u64,
        offset: i32,
        len: i32,
    ) -> Result<(u64, usize), Thrown> {
        self.non_null(array)?;
        let length = array_length(array);
        if offset < 0 || len < 0 || i64::from(offset) + i64::from(len) > i64::from(length) {
            return Err(self.throw_new("java/lang/IndexOutOfBoundsException", None));
        }
        Ok((element_address(array, offset, 0), len as usize))
    }

    /// The bytes of a whole `byte[]` (a copy).
    pub(crate) fn byte_array_bytes(&self, array: u64) -> Vec<u8> {
        let len = array_length(array);
        let mut out = vec![0u8; len as usize];
        heap::read_bytes(element_address(array, 0, 0), &mut out);
        out
    }

    /// A new `byte[]` holding `bytes`.
    pub(crate) fn new_byte_array(&mut self, bytes: &[u8]) -> Result<u64, Thrown> {
        let class = self.load(LoaderId::BOOTSTRAP, "[B")?;
        let array = self.new_array(class, bytes.len() as i32)?;
        heap::write_bytes(element_address(array, 0, 0), bytes);
        Ok(array)
    }

    /// A new array of class `array_class` (e.g. `[Ljava/lang/String;`) holding `elements`.
    pub(crate) fn new_ref_array(
        &mut self,
        array_class: &str,
        elements: &[u64],
    ) -> Result<u64, Thrown> {
        let class = self.load(LoaderId::BOOTSTRAP, array_class)?;
        let array = self.new_array(class, elements.len() as i32)?;
        for (i, e) in elements.iter().enumerate() {
            heap::put_u64(element_address(array, i as i32, 3), *e);
        }
        Ok(array)
    }

    /// A new `String[]` of `texts` (`None` elements stay null).
    pub(crate) fn new_string_array(&mut self, texts: &[Option<String>]) -> Result<u64, Thrown> {
        let mut strings = Vec::with_capacity(texts.len());
        for t in texts {
            strings.push(self.string_or_null(t.as_deref())?);
        }
        self.new_ref_array("[Ljava/lang/String;", &strings)
    }

    /// Element `index` of a reference array (bounds unchecked: callers check against
    /// [`array_length`]).
    pub(crate) fn ref_array_get(&self, array: u64, index: i32) -> u64 {
        heap::get_u64(element_address(array, index, 3))
    }

    /// Stores element `index` of a reference array (bounds unchecked, as [`Vm::ref_array_get`]).
    pub(crate) fn ref_array_set(&self, array: u64, index: i32, value: u64) {
        heap::put_u64(element_address(array, index, 3), value)
    }

    /// Throws a new exception of `class` with `message`; for natives' error paths.
    pub(crate) fn throw<T>(
        &mut self,
        class: &str,
        message: impl Into<String>,
    ) -> Result<T, Thrown> {
        Err(self.throw_new(class, Some(message.into())))
    }

    /// Writes a `boolean` field at `offset` of `object` (one byte, 0 or 1).
    pub(crate) fn put_boolean(&self, object: u64, offset: u32, value: bool) {
        heap::put_i8(object + u64::from(offset), i8::from(value))
    }
}
