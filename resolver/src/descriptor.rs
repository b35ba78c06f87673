//! The little of descriptor syntax (JVMS 4.3) that linking needs: a field's basic type, and a
//! method's argument size. Kept local until `jfork-classfile` exposes parsed descriptors.

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

/// The parts of a method descriptor linking uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MethodShape {
    /// Local variable slots the arguments take, without `this` (JVMS 2.6.1).
    pub arg_slots: u16,
    /// Return type, `None` for `V`.
    pub return_type: Option<BasicType>,
}

/// Reads the argument slots and return type of a method descriptor; `None` if malformed.
pub fn method_shape(descriptor: &str) -> Option<MethodShape> {
    let bytes = descriptor.as_bytes();
    if bytes.first() != Some(&b'(') {
        return None;
    }
    let mut i = 1;
    let mut arg_slots: u16 = 0;
    while *bytes.get(i)? != b')' {
        let (ty, next) = field_type_at(bytes, i)?;
        arg_slots = arg_slots.checked_add(ty.slots())?;
        i = next;
    }
    i += 1;
    let return_type = if bytes.get(i) == Some(&b'V') && i + 1 == bytes.len() {
        None
    } else {
        let (ty, next) = field_type_at(bytes, i)?;
        if next != bytes.len() {
            return None;
        }
        Some(ty)
    };
    Some(MethodShape {
        arg_slots,
        return_type,
    })
}

/// Reads one field type starting at `i`; returns it and the index after it.
fn field_type_at(bytes: &[u8], mut i: usize) -> Option<(BasicType, usize)> {
    let mut dims = 0;
    while bytes.get(i) == Some(&b'[') {
        dims += 1;
        i += 1;
    }
    let c = *bytes.get(i)?;
    let ty = if c == b'L' {
        let end = i + bytes[i..].iter().position(|&b| b == b';')?;
        if end == i + 1 {
            return None;
        }
        i = end;
        BasicType::Reference
    } else {
        let ty = BasicType::of_descriptor(std::str::from_utf8(&bytes[i..=i]).ok()?)?;
        if ty == BasicType::Reference {
            return None;
        }
        ty
    };
    let ty = if dims > 0 { BasicType::Reference } else { ty };
    Some((ty, i + 1))
}

/// Whether `descriptor` is exactly one well-formed field type.
pub fn is_field_descriptor(descriptor: &str) -> bool {
    matches!(field_type_at(descriptor.as_bytes(), 0), Some((_, end)) if end == descriptor.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_shapes() {
        assert_eq!(
            method_shape("(IJLjava/lang/String;[D)V"),
            Some(MethodShape {
                arg_slots: 5,
                return_type: None
            })
        );
        assert_eq!(
            method_shape("()[I").map(|s| s.return_type),
            Some(Some(BasicType::Reference))
        );
        assert_eq!(method_shape("(L;)V"), None);
        assert_eq!(method_shape("(I"), None);
        assert_eq!(method_shape("()VV"), None);
    }

    #[test]
    fn field_descriptors() {
        assert!(is_field_descriptor("[[Ljava/lang/Object;"));
        assert!(is_field_descriptor("J"));
        assert!(!is_field_descriptor("V"));
        assert!(!is_field_descriptor("II"));
    }
}
