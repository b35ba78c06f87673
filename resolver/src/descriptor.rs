//! The storage types of fields and array elements (JVMS 4.3.2), as the heap lays them out.

/// The basic type of a field or array element, as the heap stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BasicType {
    /// `Z`.
    Boolean,
    /// `B`.
    Byte,
    /// `C`.
    Char,
    /// `S`.
    Short,
    /// `I`.
    Int,
    /// `F`.
    Float,
    /// `J`.
    Long,
    /// `D`.
    Double,
    /// `L...;` or `[...`: a reference.
    Reference,
}

/// Size in bytes of a reference field in an object (a plain machine pointer).
pub const REFERENCE_SIZE: u32 = 8;

impl BasicType {
    /// The type a field descriptor starts with, or `None` if it is not a field descriptor.
    pub fn of_descriptor(descriptor: &str) -> Option<BasicType> {
        Some(match descriptor.as_bytes().first()? {
            b'Z' => BasicType::Boolean,
            b'B' => BasicType::Byte,
            b'C' => BasicType::Char,
            b'S' => BasicType::Short,
            b'I' => BasicType::Int,
            b'F' => BasicType::Float,
            b'J' => BasicType::Long,
            b'D' => BasicType::Double,
            b'L' | b'[' => BasicType::Reference,
            _ => return None,
        })
    }

    /// Size in bytes of a field or array element of this type.
    pub fn size(self) -> u32 {
        match self {
            BasicType::Boolean | BasicType::Byte => 1,
            BasicType::Char | BasicType::Short => 2,
            BasicType::Int | BasicType::Float => 4,
            BasicType::Long | BasicType::Double => 8,
            BasicType::Reference => REFERENCE_SIZE,
        }
    }

    /// Operand stack / local variable slots the type takes (JVMS 2.6.1).
    pub fn slots(self) -> u16 {
        match self {
            BasicType::Long | BasicType::Double => 2,
            _ => 1,
        }
    }

    /// The descriptor character (`L` for every reference).
    pub fn descriptor_char(self) -> char {
        match self {
            BasicType::Boolean => 'Z',
            BasicType::Byte => 'B',
            BasicType::Char => 'C',
            BasicType::Short => 'S',
            BasicType::Int => 'I',
            BasicType::Float => 'F',
            BasicType::Long => 'J',
            BasicType::Double => 'D',
            BasicType::Reference => 'L',
        }
    }
}

/// Whether `descriptor` is exactly one well-formed field type (JVMS 4.3.2).
pub fn is_field_descriptor(descriptor: &str) -> bool {
    jfork_classfile::is_field_descriptor(descriptor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_types() {
        assert_eq!(BasicType::of_descriptor("[I"), Some(BasicType::Reference));
        assert_eq!(BasicType::of_descriptor("J").map(BasicType::size), Some(8));
        assert_eq!(BasicType::of_descriptor("V"), None);
        assert!(is_field_descriptor("[[Ljava/lang/Object;"));
        assert!(!is_field_descriptor("II"));
    }
}
