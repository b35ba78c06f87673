//! The object model: headers, instances, arrays, strings and class mirrors.
//!
//! Header: word 0 holds the class id, word 1 (the mark word) stays zero: identity hashes
//! and monitors live in side tables. Arrays keep their `i32` length at
//! [`ARRAY_LENGTH_OFFSET`] and elements from [`ARRAY_BASE_OFFSET`].

use jfork_resolver::{ARRAY_BASE_OFFSET, ARRAY_LENGTH_OFFSET, ClassKind, LoaderId};

use crate::code::Kind;
use crate::heap;
use crate::vm::{Thrown, Vm};

/// Flag in the header's first word (above the 32-bit class id) marking a `boolean[]`, so
/// `bastore` can tell it from a `byte[]` without a class lookup.
pub(crate) const BOOLEAN_ARRAY: u64 = 1 << 32;

/// The longest array HotSpot 17 allocates (`arrayOopDesc::max_array_length` on 64-bit:
/// `max_jint` less the two header words); longer ones fail with "Requested array size
/// exceeds VM limit", shorter ones that do not fit with "Java heap space".
const MAX_ARRAY_LENGTH: i32 = i32::MAX - 2;

/// log2 of the element size of an array of `kind`.
pub(crate) fn element_shift(kind: Kind) -> u32 {
    match kind {
        Kind::Byte | Kind::Bool => 0,
        Kind::Char | Kind::Short => 1,
        Kind::Int => 2,
        Kind::Long | Kind::Ref => 3,
    }
}

/// Length of an array.
#[inline(always)]
pub(crate) fn array_length(array: u64) -> i32 {
    heap::get_i32(array + u64::from(ARRAY_LENGTH_OFFSET))
}

/// Address of element `index` of an array with elements of `1 << shift` bytes.
#[inline(always)]
pub(crate) fn element_address(array: u64, index: i32, shift: u32) -> u64 {
    array + u64::from(ARRAY_BASE_OFFSET) + ((index as u64) << shift)
}

impl Vm {
    /// Allocates `size` zeroed bytes with a header for class `class`; `OutOfMemoryError`
    /// when the heap is full even after collecting. The one place objects are born. A
    /// collection may run first when its budget is spent and the caller is the interpreter
    /// (`crate::gc`: natives may hold addresses in Rust vectors between allocations).
    #[track_caller]
    #[inline]
    pub(crate) fn allocate_raw(&mut self, class: u32, size: u64) -> Result<u64, Thrown> {
        if self.collection_due(std::panic::Location::caller()) {
            self.collect(false);
        }
        self.note_thread();
        let address = match self.heap.allocate(size) {
            Ok(address) => address,
            Err(_) => match self.allocate_after_collecting(size) {
                Some(address) => address,
                None => return Err(self.out_of_memory()),
            },
        };
        heap::put_u64(address, u64::from(class));
        Ok(address)
    }

    fn out_of_memory(&mut self) -> Thrown {
        let message = self.strings.get("Java heap space").copied().unwrap_or(0);
        if self.oom != 0 {
            heap::put_u64(self.oom + u64::from(self.wk.throwable_message), message);
        }
        Thrown(self.oom)
    }

    /// A new instance of class `class` (not initialized here), fields zeroed.
    #[track_caller]
    pub(crate) fn new_instance(&mut self, class: u32) -> Result<u64, Thrown> {
        let size = self.classes[class as usize].linked.instance_size;
        self.allocate_raw(class, u64::from(size))
    }

    /// A new array of class `array_class` with `length` elements;
    /// `NegativeArraySizeException` for a negative length.
    #[track_caller]
    pub(crate) fn new_array(&mut self, array_class: u32, length: i32) -> Result<u64, Thrown> {
        if length < 0 {
            return Err(self.throw_new(
                "java/lang/NegativeArraySizeException",
                Some(length.to_string()),
            ));
        }
        let Some((kind, _)) = self.classes[array_class as usize].element else {
            return Err(self.throw_new(
                "java/lang/InternalError",
                Some("new_array of a non-array class".into()),
            ));
        };
        if length > MAX_ARRAY_LENGTH {
            return Err(self.out_of_memory_array());
        }
        let size = u64::from(ARRAY_BASE_OFFSET) + ((length as u64) << element_shift(kind));
        let array = self.allocate_raw(array_class, size)?;
        if kind == Kind::Bool {
            heap::put_u64(array, u64::from(array_class) | BOOLEAN_ARRAY);
        }
        heap::put_i32(array + u64::from(ARRAY_LENGTH_OFFSET), length);
        Ok(array)
    }

    fn out_of_memory_array(&mut self) -> Thrown {
        // HotSpot's message for an array longer than any heap could hold.
        let t = self.out_of_memory();
        let message = self
            .strings
            .get("Requested array size exceeds VM limit")
            .copied();
        if let Some(m) = message {
            heap::put_u64(t.0 + u64::from(self.wk.throwable_message), m);
        }
        t
    }

    /// The class id of the array class whose components are `component`.
    pub(crate) fn array_class_of(&mut self, component: u32) -> Result<u32, Thrown> {
        let c = &self.classes[component as usize].linked;
        let name = match &c.kind {
            ClassKind::Array { .. } => format!("[{}", c.name),
            ClassKind::Primitive(Some(t)) => format!("[{}", t.descriptor_char()),
            ClassKind::Primitive(None) => {
                return Err(self.throw_new("java/lang/IllegalArgumentException", None));
            }
            ClassKind::Declared => format!("[L{};", c.name),
        };
        let loader = c.loader;
        self.load(loader, &name)
    }

    /// A new `java.lang.String` holding `text` (Latin-1 when it fits, else UTF-16 in the
    /// platform's byte order, as `StringUTF16` expects).
    pub fn new_string(&mut self, text: &str) -> Result<u64, crate::JavaThrowable> {
        self.create_string(text).map_err(|t| self.describe(t.0))
    }

    pub(crate) fn create_string(&mut self, text: &str) -> Result<u64, Thrown> {
        let latin1 = text.chars().all(|c| (c as u32) < 256);
        let byte_array = self.load(LoaderId::BOOTSTRAP, "[B")?;
        let (bytes, coder): (Vec<u8>, i8) = if latin1 {
            (text.chars().map(|c| c as u32 as u8).collect(), 0)
        } else {
            (
                text.encode_utf16().flat_map(|u| u.to_ne_bytes()).collect(),
                1,
            )
        };
        let array = self.new_array(byte_array, bytes.len() as i32)?;
        for (i, b) in bytes.iter().enumerate() {
            heap::put_i8(element_address(array, i as i32, 0), *b as i8);
        }
        let string = self.new_instance(self.wk.string)?;
        heap::put_u64(string + u64::from(self.wk.string_value), array);
        heap::put_i8(string + u64::from(self.wk.string_coder), coder);
        Ok(string)
    }

    /// The UTF-16 code units of a `java.lang.String` (`None` for null or a non-string).
    pub(crate) fn string_units(&self, string: u64) -> Option<Vec<u16>> {
        if string == 0 || self.class_of(string) != self.wk.string {
            return None;
        }
        let value = heap::get_u64(string + u64::from(self.wk.string_value));
        if value == 0 {
            return None;
        }
        let coder = heap::get_i8(string + u64::from(self.wk.string_coder));
        let len = array_length(value);
        Some(if coder == 0 {
            (0..len)
                .map(|i| u16::from(heap::get_i8(element_address(value, i, 0)) as u8))
                .collect()
        } else {
            (0..len / 2)
                .map(|i| heap::get_u16(element_address(value, i, 1)))
                .collect()
        })
    }

    /// A new `java.lang.String` of UTF-16 `units` (Latin-1 when every unit fits).
    pub(crate) fn string_from_units(&mut self, units: &[u16]) -> Result<u64, Thrown> {
        let byte_array = self.load(LoaderId::BOOTSTRAP, "[B")?;
        let latin1 = units.iter().all(|&u| u < 256);
        let (len, coder) = if latin1 {
            (units.len(), 0)
        } else {
            (units.len() * 2, 1)
        };
        let array = self.new_array(byte_array, len as i32)?;
        if latin1 {
            for (i, &u) in units.iter().enumerate() {
                heap::put_i8(element_address(array, i as i32, 0), u as u8 as i8);
            }
        } else {
            for (i, &u) in units.iter().enumerate() {
                heap::put_u16(element_address(array, i as i32, 1), u);
            }
        }
        let string = self.new_instance(self.wk.string)?;
        heap::put_u64(string + u64::from(self.wk.string_value), array);
        heap::put_i8(string + u64::from(self.wk.string_coder), coder);
        Ok(string)
    }

    /// The interned string for `text` (string literals, JVMS 5.1).
    pub(crate) fn intern(&mut self, text: &str) -> Result<u64, Thrown> {
        if let Some(&s) = self.strings.get(text) {
            return Ok(s);
        }
        let s = self.create_string(text)?;
        self.strings.insert(text.to_owned(), s);
        Ok(s)
    }

    /// The text of a `java.lang.String`, `None` for null or a non-string (unpaired
    /// surrogates become U+FFFD).
    pub fn string_value(&self, string: u64) -> Option<String> {
        self.string_units(string)
            .map(|units| String::from_utf16_lossy(&units))
    }

    /// The `java.lang.Class` mirror of class `class`, created on first use.
    pub(crate) fn mirror(&mut self, class: u32) -> Result<u64, Thrown> {
        let existing = self.classes[class as usize].mirror;
        if existing != 0 {
            return Ok(existing);
        }
        let component = self.classes[class as usize].element.map(|(_, c)| c);
        let component_mirror = match component {
            Some(c) => self.mirror(c)?,
            None => 0,
        };
        let mirror = self.new_instance(self.wk.class)?;
        heap::put_u64(mirror + u64::from(self.wk.class_vm_class), u64::from(class));
        heap::put_u64(
            mirror + u64::from(self.wk.class_component),
            component_mirror,
        );
        self.classes[class as usize].mirror = mirror;
        let loader = self.classes[class as usize].linked.loader;
        let loader_object = self.loader_object(loader);
        heap::put_u64(mirror + u64::from(self.wk.class_loader), loader_object);
        let module = self.module_of_class(class);
        heap::put_u64(mirror + u64::from(self.wk.class_module), module);
        Ok(mirror)
    }

    /// The class id behind a `Class` argument; `NullPointerException` for null.
    pub(crate) fn class_arg(&mut self, mirror: u64) -> Result<u32, Thrown> {
        if mirror == 0 {
            return Err(self.throw_new("java/lang/NullPointerException", None));
        }
        Ok(self.class_of_mirror(mirror))
    }

    /// The class id behind a `java.lang.Class` mirror.
    pub(crate) fn class_of_mirror(&self, mirror: u64) -> u32 {
        heap::get_u64(mirror + u64::from(self.wk.class_vm_class)) as u32
    }

    /// The identity hash code of `object` (kept in a side table).
    pub(crate) fn identity_hash(&mut self, object: u64) -> i32 {
        if let Some(&h) = self.hashes.get(&object) {
            return h;
        }
        // xorshift64*: cheap, and never 0 (HotSpot never hands out 0 either).
        let h = loop {
            let mut x = self.hash_state;
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            self.hash_state = x;
            let h = (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as i32 & 0x7fff_ffff;
            if h != 0 {
                break h;
            }
        };
        self.hashes.insert(object, h);
        h
    }

    /// Whether an object of class `from` may be assigned to class `to`.
    #[inline]
    pub(crate) fn is_assignable(&self, from: u32, to: u32) -> bool {
        from == to
            || self.classes[from as usize]
                .linked
                .is_assignable_to(&self.classes[to as usize].linked)
    }
}
