//! Malformed inputs give typed errors, never panics, and never allocate for lying lengths.
#![allow(clippy::unwrap_used)]

#[path = "common/jdk.rs"]
mod jdk;

use jfork_classfile::{ClassFile, ClassFileError};

fn object() -> Vec<u8> {
    std::fs::read(jdk::jdk_classes().join("java.base/java/lang/Object.class")).unwrap()
}

fn check(bytes: &[u8]) -> Result<(), ClassFileError> {
    ClassFile::parse(bytes)?.validate()
}

#[test]
fn every_truncation_is_an_error() {
    let bytes = object();
    for len in 0..bytes.len() {
        assert!(
            check(&bytes[..len]).is_err(),
            "prefix of {len} bytes accepted"
        );
    }
    check(&bytes).unwrap();
}

#[test]
fn wrong_magic() {
    let mut bytes = object();
    bytes[0] = 0xCB;
    let e = check(&bytes).unwrap_err();
    assert!(
        matches!(
            e,
            ClassFileError::BadMagic {
                found: 0xCBFE_BABE,
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn bad_constant_pool_index_names_the_class_and_rule() {
    let mut bytes = object();
    // this_class follows the pool and access_flags; point it past the pool.
    let class = ClassFile::parse(&bytes).unwrap();
    let count = class.constant_pool().count();
    // Find this_class by its value right after access_flags (0x0021).
    let this = class.this_class_index().to_be_bytes();
    let pos = bytes
        .windows(4)
        .position(|w| w[..2] == [0x00, 0x21] && w[2..] == this)
        .unwrap();
    bytes[pos + 2..pos + 4].copy_from_slice(&(count + 5).to_be_bytes());
    let e = check(&bytes).unwrap_err();
    assert!(matches!(e, ClassFileError::BadConstantIndex { .. }), "{e}");
    assert!(e.to_string().contains("JVMS 4.4"), "{e}");
}

#[test]
fn lying_attribute_length_is_truncation() {
    let bytes = object();
    // The last class attribute is SourceFile: u2 name, u4 length=2, u2 index.
    let n = bytes.len();
    let mut lie = bytes.clone();
    lie[n - 6..n - 2].copy_from_slice(&0xFFFF_FFF0u32.to_be_bytes());
    let e = check(&lie).unwrap_err();
    assert!(matches!(e, ClassFileError::Truncated { .. }), "{e}");
}

#[test]
fn bad_descriptor_and_branch_out_of_range() {
    let bytes = object();
    let class = ClassFile::parse(&bytes).unwrap();
    // Break the descriptor of the first method: "()V" becomes "()X".
    let method = &class.methods()[0];
    let d = method.descriptor.as_str().to_string();
    let pos = bytes
        .windows(d.len())
        .position(|w| w == d.as_bytes())
        .unwrap();
    let mut bad = bytes.clone();
    bad[pos + d.len() - 1] = b'X';
    let e = check(&bad).unwrap_err();
    assert!(matches!(e, ClassFileError::BadDescriptor { .. }), "{e}");

    // A goto far past the end of the first method with at least 3 bytes of code.
    let code = class
        .methods()
        .iter()
        .filter_map(|m| m.code.clone())
        .find(|c| c.bytecode.len() >= 3)
        .unwrap();
    let mut bad = bytes.clone();
    let at = code.bytecode_offset;
    bad[at..at + 3].copy_from_slice(&[0xa7, 0x7f, 0xff]);
    let e = check(&bad).unwrap_err();
    assert!(matches!(e, ClassFileError::Code { .. }), "{e}");
    let text = e.to_string();
    assert!(
        text.contains("class java/lang/Object") && text.contains("pc 0") && text.contains("JVMS"),
        "{text}"
    );
}

#[test]
fn huge_counts_do_not_allocate() {
    // magic, version 61, constant_pool_count 65535 and nothing else.
    let bytes = [0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 61, 0xFF, 0xFF];
    assert!(matches!(
        check(&bytes).unwrap_err(),
        ClassFileError::Truncated { .. }
    ));
}
