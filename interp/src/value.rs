//! Values crossing the embedding API, and the throwable a Java call can end with.

/// A Java value as the embedding API passes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// The result of a `void` method.
    Void,
    /// `int`, and `boolean`, `byte`, `char`, `short` widened as the JVM does.
    Int(i32),
    /// `long`.
    Long(i64),
    /// `float`.
    Float(f32),
    /// `double`.
    Double(f64),
    /// A reference: a heap address, 0 for `null`.
    Reference(u64),
}

impl Value {
    /// `null`.
    pub const NULL: Value = Value::Reference(0);

    /// The slots this value takes on the operand stack (JVMS 2.6.1).
    pub(crate) fn push_slots(self, out: &mut Vec<u64>) {
        match self {
            Value::Void => {}
            Value::Int(v) => out.push(u64::from(v as u32)),
            Value::Float(v) => out.push(u64::from(v.to_bits())),
            Value::Reference(r) => out.push(r),
            Value::Long(v) => out.extend([v as u64, 0]),
            Value::Double(v) => out.extend([v.to_bits(), 0]),
        }
    }

    /// The value of return type `ret` (a descriptor's return part) from a result slot.
    pub(crate) fn from_slot(ret: u8, slot: u64) -> Value {
        match ret {
            b'V' => Value::Void,
            b'J' => Value::Long(slot as i64),
            b'D' => Value::Double(f64::from_bits(slot)),
            b'F' => Value::Float(f32::from_bits(slot as u32)),
            b'L' | b'[' => Value::Reference(slot),
            _ => Value::Int(slot as u32 as i32),
        }
    }
}

/// A Java exception that a call ended with: the object and what the embedding API reads
/// from it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}", class_name.replace('/', "."), message.as_ref().map(|m| format!(": {m}")).unwrap_or_default())]
pub struct JavaThrowable {
    /// Internal name of the exception's class (`java/lang/ArithmeticException`).
    pub class_name: String,
    /// `detailMessage` (`getMessage()` for the JDK's own exceptions).
    pub message: Option<String>,
    /// The cause's class and message, if a cause is set.
    pub cause: Option<Box<JavaThrowable>>,
    /// The stack trace the VM recorded: `Class.method(bytecode pc)`, innermost first.
    pub stack: Vec<String>,
    /// The exception object's address.
    pub object: u64,
}

/// Why a [`crate::Vm`] could not be created.
#[derive(Debug, thiserror::Error)]
pub enum VmError {
    /// No JDK was found or it is unusable.
    #[error("cannot find a JDK: {0}")]
    Jdk(#[from] jfork_preloader::JdkError),
    /// The JDK's runtime image could not be opened.
    #[error("cannot open the class path: {0}")]
    ClassPath(#[from] jfork_preloader::EntryError),
    /// The heap could not be reserved.
    #[error("cannot reserve a Java heap of {size} bytes: {source}")]
    Heap {
        /// Bytes requested.
        size: usize,
        /// The OS error.
        source: std::io::Error,
    },
    /// A class the VM itself needs could not be loaded.
    #[error("cannot load {class}, which the VM needs: {error}")]
    Bootstrap {
        /// The class.
        class: String,
        /// The link error.
        error: jfork_resolver::LinkError,
    },
}
