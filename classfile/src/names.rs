//! Name rules of JVMS 4.2.

/// An unqualified name (JVMS 4.2.2): non-empty, without `.`, `;`, `[` or `/`.
#[inline]
pub fn is_unqualified_name(name: &str) -> bool {
    !name.is_empty() && !name.bytes().any(|b| matches!(b, b'.' | b';' | b'[' | b'/'))
}

/// A method name (JVMS 4.2.2): `<init>`, `<clinit>`, or an unqualified name without `<`, `>`.
pub fn is_method_name(name: &str) -> bool {
    name == "<init>"
        || name == "<clinit>"
        || (is_unqualified_name(name) && !name.bytes().any(|b| matches!(b, b'<' | b'>')))
}

/// A class or interface name in internal form (JVMS 4.2.1): unqualified names joined by `/`.
pub fn is_internal_class_name(name: &str) -> bool {
    // One pass: no empty part means no leading, trailing or doubled `/`.
    let mut after_slash = true;
    for b in name.bytes() {
        match b {
            b'.' | b';' | b'[' => return false,
            b'/' if after_slash => return false,
            b'/' => after_slash = true,
            _ => after_slash = false,
        }
    }
    !after_slash
}

/// The name in a `CONSTANT_Class` (JVMS 4.4.1): an internal class name or an array descriptor.
pub fn is_class_constant_name(name: &str) -> bool {
    if name.starts_with('[') {
        crate::descriptor::is_field_descriptor(name)
    } else {
        is_internal_class_name(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(is_internal_class_name("java/lang/Object"));
        assert!(!is_internal_class_name("java//Object"));
        assert!(!is_internal_class_name("java.lang.Object"));
        assert!(!is_internal_class_name("/a"));
        assert!(is_method_name("<init>"));
        assert!(!is_method_name("<foo>"));
        assert!(is_method_name("lambda$main$0"));
        assert!(is_class_constant_name("[Ljava/lang/String;"));
        assert!(!is_class_constant_name("[V"));
    }
}
