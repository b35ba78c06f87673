//! Field and method descriptors (JVMS 4.3), parsed without copying.

use std::borrow::Cow;
use std::fmt;

use crate::names::is_internal_class_name;

/// A field type (JVMS 4.3.2).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FieldType<'a> {
    /// `B`
    Byte,
    /// `C`
    Char,
    /// `D`
    Double,
    /// `F`
    Float,
    /// `I`
    Int,
    /// `J`
    Long,
    /// `S`
    Short,
    /// `Z`
    Boolean,
    /// `Lname;`: the internal class name without `L` and `;`.
    Object(Cow<'a, str>),
    /// `[...`: an array type.
    Array(ArrayType<'a>),
}

/// An array type; its descriptor is also the name of the array class.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ArrayType<'a> {
    descriptor: Cow<'a, str>,
}

impl ArrayType<'_> {
    /// The descriptor, e.g. `[[Ljava/lang/String;`.
    pub fn descriptor(&self) -> &str {
        &self.descriptor
    }

    /// Number of `[` (1..=255).
    pub fn dimensions(&self) -> u8 {
        // At most 255 by construction.
        self.descriptor.bytes().take_while(|&b| b == b'[').count() as u8
    }

    /// The element type after all dimensions (never an array).
    pub fn element(&self) -> FieldType<'_> {
        let rest = &self.descriptor[usize::from(self.dimensions())..];
        match parse_field_type(rest, 0) {
            Ok((t, _)) => t,
            // Unreachable: the whole descriptor was checked when this value was made.
            Err(_) => FieldType::Object(Cow::Borrowed(rest)),
        }
    }

    /// The type of one element (one dimension less).
    pub fn component(&self) -> FieldType<'_> {
        let rest = &self.descriptor[1..];
        match parse_field_type(rest, 0) {
            Ok((t, _)) => t,
            Err(_) => FieldType::Object(Cow::Borrowed(rest)),
        }
    }
}

impl<'a> FieldType<'a> {
    /// Parses a whole field descriptor.
    pub fn parse(descriptor: &'a str) -> Result<FieldType<'a>, DescriptorError> {
        let (t, end) = parse_field_type(descriptor, 0)?;
        if end != descriptor.len() {
            return Err(DescriptorError("trailing characters after the field type"));
        }
        Ok(t)
    }

    /// Parses a field descriptor held in a `Cow`, borrowing when it borrows.
    pub(crate) fn parse_cow(descriptor: &Cow<'a, str>) -> Result<FieldType<'a>, DescriptorError> {
        match descriptor {
            Cow::Borrowed(s) => FieldType::parse(s),
            Cow::Owned(s) => FieldType::parse(s).map(FieldType::into_owned),
        }
    }

    /// A copy that owns its strings.
    pub fn into_owned(self) -> FieldType<'static> {
        match self {
            FieldType::Byte => FieldType::Byte,
            FieldType::Char => FieldType::Char,
            FieldType::Double => FieldType::Double,
            FieldType::Float => FieldType::Float,
            FieldType::Int => FieldType::Int,
            FieldType::Long => FieldType::Long,
            FieldType::Short => FieldType::Short,
            FieldType::Boolean => FieldType::Boolean,
            FieldType::Object(name) => FieldType::Object(Cow::Owned(name.into_owned())),
            FieldType::Array(a) => FieldType::Array(ArrayType {
                descriptor: Cow::Owned(a.descriptor.into_owned()),
            }),
        }
    }

    /// Local variable / operand stack slots the type takes (JVMS 2.6.1): 2 for long, double.
    pub fn slots(&self) -> u16 {
        match self {
            FieldType::Long | FieldType::Double => 2,
            _ => 1,
        }
    }

    /// True for objects and arrays.
    pub fn is_reference(&self) -> bool {
        matches!(self, FieldType::Object(_) | FieldType::Array(_))
    }
}

impl fmt::Display for FieldType<'_> {
    /// Java source form, as javap shows it: `int`, `java.lang.String[]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldType::Byte => f.write_str("byte"),
            FieldType::Char => f.write_str("char"),
            FieldType::Double => f.write_str("double"),
            FieldType::Float => f.write_str("float"),
            FieldType::Int => f.write_str("int"),
            FieldType::Long => f.write_str("long"),
            FieldType::Short => f.write_str("short"),
            FieldType::Boolean => f.write_str("boolean"),
            FieldType::Object(name) => {
                for part in name.split_inclusive('/') {
                    match part.strip_suffix('/') {
                        Some(p) => write!(f, "{p}.")?,
                        None => f.write_str(part)?,
                    }
                }
                Ok(())
            }
            FieldType::Array(a) => {
                write!(f, "{}", a.element())?;
                for _ in 0..a.dimensions() {
                    f.write_str("[]")?;
                }
                Ok(())
            }
        }
    }
}

/// The grammar rule a malformed descriptor breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DescriptorError(pub &'static str);

impl fmt::Display for DescriptorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Parses one field type starting at byte `pos`; returns it and the end position.
#[inline]
pub(crate) fn parse_field_type(
    s: &str,
    pos: usize,
) -> Result<(FieldType<'_>, usize), DescriptorError> {
    let bytes = s.as_bytes();
    let Some(&first) = bytes.get(pos) else {
        return Err(DescriptorError("missing field type"));
    };
    let simple = |t| Ok((t, pos + 1));
    match first {
        b'B' => simple(FieldType::Byte),
        b'C' => simple(FieldType::Char),
        b'D' => simple(FieldType::Double),
        b'F' => simple(FieldType::Float),
        b'I' => simple(FieldType::Int),
        b'J' => simple(FieldType::Long),
        b'S' => simple(FieldType::Short),
        b'Z' => simple(FieldType::Boolean),
        b'L' => {
            // Fast path: one pass that finds `;` and checks the name on the way. Anything
            // unusual goes to the exact checks below, which pick the error to report.
            let mut after_slash = true;
            for (i, &b) in bytes.iter().enumerate().skip(pos + 1) {
                match b {
                    b';' if !after_slash => {
                        return Ok((FieldType::Object(Cow::Borrowed(&s[pos + 1..i])), i + 1));
                    }
                    b';' | b'.' | b'[' => break,
                    b'/' if after_slash => break,
                    b'/' => after_slash = true,
                    _ => after_slash = false,
                }
            }
            let Some(len) = bytes[pos + 1..].iter().position(|&b| b == b';') else {
                return Err(DescriptorError("object type without the closing ';'"));
            };
            let name = &s[pos + 1..pos + 1 + len];
            if !is_internal_class_name(name) {
                return Err(DescriptorError("object type with a malformed class name"));
            }
            Ok((FieldType::Object(Cow::Borrowed(name)), pos + len + 2))
        }
        b'[' => {
            let dims = bytes[pos..].iter().take_while(|&&b| b == b'[').count();
            if dims > 255 {
                return Err(DescriptorError("array type with more than 255 dimensions"));
            }
            let (_, end) = parse_field_type(s, pos + dims)?;
            Ok((
                FieldType::Array(ArrayType {
                    descriptor: Cow::Borrowed(&s[pos..end]),
                }),
                end,
            ))
        }
        _ => Err(DescriptorError("unknown field type character")),
    }
}

/// A method descriptor (JVMS 4.3.3), checked once and read without copying.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MethodDescriptor<'a> {
    descriptor: Cow<'a, str>,
    parameter_count: u8,
    parameter_slots: u8,
}

impl<'a> MethodDescriptor<'a> {
    /// Parses and checks a method descriptor: parameters, `)`, a return type or `V`, and at
    /// most 255 parameter slots.
    pub fn parse(descriptor: &'a str) -> Result<MethodDescriptor<'a>, DescriptorError> {
        Self::parse_cow(&Cow::Borrowed(descriptor))
    }

    pub(crate) fn parse_cow(
        descriptor: &Cow<'a, str>,
    ) -> Result<MethodDescriptor<'a>, DescriptorError> {
        let (parameter_count, parameter_slots) = check_method_descriptor(descriptor)?;
        Ok(MethodDescriptor {
            descriptor: descriptor.clone(),
            parameter_count,
            parameter_slots,
        })
    }

    /// The descriptor text, e.g. `(ILjava/lang/String;)V`.
    pub fn as_str(&self) -> &str {
        &self.descriptor
    }

    /// The parameter types, in order.
    pub fn parameters(&self) -> Parameters<'_> {
        Parameters {
            descriptor: &self.descriptor,
            pos: 1,
        }
    }

    /// Number of parameters.
    pub fn parameter_count(&self) -> u8 {
        self.parameter_count
    }

    /// Local variable slots the parameters take, without `this` (JVMS 4.3.3).
    pub fn parameter_slots(&self) -> u8 {
        self.parameter_slots
    }

    /// The return type; `None` for `V`.
    pub fn return_type(&self) -> Option<FieldType<'_>> {
        let close = self.descriptor.find(')')?;
        parse_field_type(&self.descriptor, close + 1)
            .ok()
            .map(|(t, _)| t)
    }
}

/// Iterator over the parameter types of a [`MethodDescriptor`].
#[derive(Debug, Clone)]
pub struct Parameters<'d> {
    descriptor: &'d str,
    pos: usize,
}

impl<'d> Iterator for Parameters<'d> {
    type Item = FieldType<'d>;

    fn next(&mut self) -> Option<FieldType<'d>> {
        if self.descriptor.as_bytes().get(self.pos) == Some(&b')') {
            return None;
        }
        // The descriptor was checked when made, so this parse cannot fail.
        let (t, end) = parse_field_type(self.descriptor, self.pos).ok()?;
        self.pos = end;
        Some(t)
    }
}

/// Checks a method descriptor; returns the parameter count and slots.
fn check_method_descriptor(s: &str) -> Result<(u8, u8), DescriptorError> {
    let bytes = s.as_bytes();
    if bytes.first() != Some(&b'(') {
        return Err(DescriptorError("method descriptor does not start with '('"));
    }
    let mut pos = 1;
    let mut count: u32 = 0;
    let mut slots: u32 = 0;
    while bytes.get(pos) != Some(&b')') {
        if pos >= bytes.len() {
            return Err(DescriptorError("method descriptor without ')'"));
        }
        let (t, end) = parse_field_type(s, pos)?;
        count += 1;
        slots += u32::from(t.slots());
        pos = end;
    }
    if slots > 255 {
        return Err(DescriptorError("parameters take more than 255 slots"));
    }
    pos += 1;
    if bytes.get(pos) == Some(&b'V') {
        pos += 1;
    } else {
        let (_, end) = parse_field_type(s, pos)?;
        pos = end;
    }
    if pos != bytes.len() {
        return Err(DescriptorError("trailing characters after the return type"));
    }
    // count <= slots <= 255
    Ok((count as u8, slots as u8))
}

/// Checks a field descriptor without building its value.
pub fn is_field_descriptor(s: &str) -> bool {
    FieldType::parse(s).is_ok()
}

/// Checks a method descriptor without building its value.
pub fn is_method_descriptor(s: &str) -> bool {
    check_method_descriptor(s).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_types() {
        assert_eq!(FieldType::parse("I").unwrap(), FieldType::Int);
        assert_eq!(
            FieldType::parse("Ljava/lang/String;").unwrap(),
            FieldType::Object("java/lang/String".into())
        );
        let FieldType::Array(a) = FieldType::parse("[[J").unwrap() else {
            panic!("not an array")
        };
        assert_eq!(a.dimensions(), 2);
        assert_eq!(a.element(), FieldType::Long);
        assert_eq!(
            FieldType::parse("[[Ljava/lang/Object;")
                .unwrap()
                .to_string(),
            "java.lang.Object[][]"
        );
        for bad in [
            "",
            "V",
            "L;",
            "Ljava/lang/String",
            "La//b;",
            "II",
            "[",
            "Q",
            "La.b;",
        ] {
            assert!(FieldType::parse(bad).is_err(), "{bad:?} accepted");
        }
        assert!(
            FieldType::parse(&"[".repeat(256).chars().chain(['I']).collect::<String>()).is_err()
        );
        assert!(
            FieldType::parse(&"[".repeat(255).chars().chain(['I']).collect::<String>()).is_ok()
        );
    }

    #[test]
    fn method_descriptors() {
        let m = MethodDescriptor::parse("(IJ[Ljava/lang/String;D)Ljava/lang/Object;").unwrap();
        assert_eq!(m.parameter_count(), 4);
        assert_eq!(m.parameter_slots(), 6);
        let params: Vec<_> = m.parameters().collect();
        assert_eq!(params[1], FieldType::Long);
        assert_eq!(
            m.return_type(),
            Some(FieldType::Object("java/lang/Object".into()))
        );
        assert_eq!(MethodDescriptor::parse("()V").unwrap().return_type(), None);
        for bad in ["", "()", "(V)V", "(I", "()VV", "I()V", "(I)", "(L;)V"] {
            assert!(MethodDescriptor::parse(bad).is_err(), "{bad:?} accepted");
        }
        let many = format!("({})V", "J".repeat(128));
        assert!(MethodDescriptor::parse(&many).is_err());
    }
}
