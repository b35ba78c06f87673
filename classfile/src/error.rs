//! The one error type of the crate: every violation names where it happened and the rule.

use std::fmt;

/// Where in a class file an error was found.
///
/// Fields are filled in as far as they are known: a constant pool error has no member, an
/// error in `this_class` itself has no class name yet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// Internal name of the class (`java/lang/Object`), once `this_class` has been read.
    pub class: Option<Box<str>>,
    /// The field or method, as `name:descriptor`.
    pub member: Option<Box<str>>,
    /// Byte offset in the class file.
    pub file_offset: Option<usize>,
    /// Offset of the instruction in the method's bytecode.
    pub pc: Option<u32>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.class {
            Some(class) => write!(f, "class {class}")?,
            None => f.write_str("class <unknown>")?,
        }
        if let Some(member) = &self.member {
            write!(f, ", member {member}")?;
        }
        if let Some(pc) = self.pc {
            write!(f, ", pc {pc}")?;
        }
        if let Some(offset) = self.file_offset {
            write!(f, ", file offset {offset}")?;
        }
        Ok(())
    }
}

impl Location {
    /// A location given only by a byte offset in the class file.
    pub fn at(file_offset: usize) -> Box<Location> {
        Box::new(Location {
            file_offset: Some(file_offset),
            ..Location::default()
        })
    }
}

/// A malformed or structurally invalid class file.
///
/// The `Display` form names the class (when known), the member, the offset and the JVMS
/// section whose rule is broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClassFileError {
    /// The input ended before a structure it announces.
    #[error("{at}: truncated {what}: needs {needed} bytes, {available} left (JVMS 4.1)")]
    Truncated {
        /// Where the structure starts.
        at: Box<Location>,
        /// What was being read.
        what: &'static str,
        /// Bytes the structure needs.
        needed: usize,
        /// Bytes left in the input (or in the enclosing attribute).
        available: usize,
    },
    /// The first four bytes are not `0xCAFEBABE`.
    #[error("{at}: bad magic 0x{found:08X}, expected 0xCAFEBABE (JVMS 4.1)")]
    BadMagic {
        /// Always offset 0.
        at: Box<Location>,
        /// The value found.
        found: u32,
    },
    /// A version this runtime does not accept.
    #[error("{at}: unsupported class file version {major}.{minor} (JVMS 4.1)")]
    UnsupportedVersion {
        /// Offset of the version.
        at: Box<Location>,
        /// `major_version`.
        major: u16,
        /// `minor_version`.
        minor: u16,
    },
    /// A constant pool index that is 0, past the end, or the unusable slot after a long/double.
    #[error(
        "{at}: constant pool index {index} for {what} is not a valid entry (pool size {count}) (JVMS 4.4)"
    )]
    BadConstantIndex {
        /// Where the index was read.
        at: Box<Location>,
        /// What the index is for.
        what: &'static str,
        /// The index.
        index: u16,
        /// `constant_pool_count`.
        count: u16,
    },
    /// A constant pool index that points at an entry of the wrong kind.
    #[error(
        "{at}: constant pool index {index} for {what} is {found}, expected {expected} (JVMS {rule})"
    )]
    WrongConstantKind {
        /// Where the index was read.
        at: Box<Location>,
        /// What the index is for.
        what: &'static str,
        /// The index.
        index: u16,
        /// Kind(s) allowed here.
        expected: &'static str,
        /// Kind found.
        found: &'static str,
        /// The JVMS section with the rule.
        rule: &'static str,
    },
    /// A field, method or method-type descriptor that does not follow the grammar.
    #[error("{at}: bad {what} descriptor {descriptor:?}: {reason} (JVMS 4.3)")]
    BadDescriptor {
        /// Where it is used.
        at: Box<Location>,
        /// `field` or `method`.
        what: &'static str,
        /// The descriptor text.
        descriptor: Box<str>,
        /// The grammar rule broken.
        reason: &'static str,
    },
    /// A class, member or other name that breaks JVMS 4.2.
    #[error("{at}: bad {what} name {name:?} (JVMS 4.2)")]
    BadName {
        /// Where it is used.
        at: Box<Location>,
        /// What kind of name.
        what: &'static str,
        /// The name.
        name: Box<str>,
    },
    /// Any other format-checking rule (JVMS 4.1-4.8).
    #[error("{at}: {message} (JVMS {rule})")]
    Format {
        /// Where.
        at: Box<Location>,
        /// The JVMS section with the rule.
        rule: &'static str,
        /// What is wrong.
        message: Box<str>,
    },
    /// A static constraint on the `code` array broken (JVMS 4.9.1, 4.10, 4.7.x).
    #[error("{at}: {message} (JVMS {rule})")]
    Code {
        /// Where (class, method, pc).
        at: Box<Location>,
        /// The JVMS section with the rule.
        rule: &'static str,
        /// What is wrong.
        message: Box<str>,
    },
}

impl ClassFileError {
    /// The location the error names.
    pub fn location(&self) -> &Location {
        match self {
            ClassFileError::Truncated { at, .. }
            | ClassFileError::BadMagic { at, .. }
            | ClassFileError::UnsupportedVersion { at, .. }
            | ClassFileError::BadConstantIndex { at, .. }
            | ClassFileError::WrongConstantKind { at, .. }
            | ClassFileError::BadDescriptor { at, .. }
            | ClassFileError::BadName { at, .. }
            | ClassFileError::Format { at, .. }
            | ClassFileError::Code { at, .. } => at,
        }
    }

    fn location_mut(&mut self) -> &mut Location {
        match self {
            ClassFileError::Truncated { at, .. }
            | ClassFileError::BadMagic { at, .. }
            | ClassFileError::UnsupportedVersion { at, .. }
            | ClassFileError::BadConstantIndex { at, .. }
            | ClassFileError::WrongConstantKind { at, .. }
            | ClassFileError::BadDescriptor { at, .. }
            | ClassFileError::BadName { at, .. }
            | ClassFileError::Format { at, .. }
            | ClassFileError::Code { at, .. } => at,
        }
    }

    /// Names the class, unless a class is already named.
    pub(crate) fn in_class(mut self, class: &str) -> Self {
        let at = self.location_mut();
        if at.class.is_none() {
            at.class = Some(class.into());
        }
        self
    }

    /// Names the member (`name:descriptor`), unless one is already named.
    pub(crate) fn in_member(mut self, name: &str, descriptor: &str) -> Self {
        let at = self.location_mut();
        if at.member.is_none() {
            at.member = Some(format!("{name}:{descriptor}").into());
        }
        self
    }

    /// Sets the pc, unless one is already set.
    pub(crate) fn at_pc(mut self, pc: u32) -> Self {
        let at = self.location_mut();
        if at.pc.is_none() {
            at.pc = Some(pc);
        }
        self
    }

    pub(crate) fn format(file_offset: usize, rule: &'static str, message: String) -> Self {
        ClassFileError::Format {
            at: Location::at(file_offset),
            rule,
            message: message.into(),
        }
    }

    pub(crate) fn code(pc: u32, rule: &'static str, message: String) -> Self {
        ClassFileError::Code {
            at: Box::new(Location {
                pc: Some(pc),
                ..Location::default()
            }),
            rule,
            message: message.into(),
        }
    }
}
