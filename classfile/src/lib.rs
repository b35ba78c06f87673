//! Parse and validate Java class files (JVMS chapter 4) without copying them.
//!
//! This is where untrusted bytes first enter jfork. [`ClassFile::parse`] does the format
//! checks of JVMS 4.8 and borrows everything from the input (JDK classes come from a
//! memory-mapped `lib/modules`); [`ClassFile::validate`] adds the structural rules of
//! JVMS 4.9 that later stages rely on (branch targets, exception ranges, constant pool
//! kinds per instruction, local indices within `max_locals`, well-formed descriptors).
//! Every violation is a [`ClassFileError`] naming the class, member, offset and JVMS rule.
//! [`render`] prints a class the way `javap -p -c -v` does.
//!
//! ```
//! # fn demo(bytes: &[u8]) -> Result<(), jfork_classfile::ClassFileError> {
//! use jfork_classfile::ClassFile;
//! let class = ClassFile::parse(bytes)?;
//! class.validate()?;
//! println!("{} extends {:?}", class.this_class(), class.super_class());
//! for method in class.methods() {
//!     if let Some(code) = &method.code {
//!         for insn in code.instructions() {
//!             let (pc, insn) = insn?;
//!             println!("{pc}: {}", insn.mnemonic());
//!         }
//!     }
//! }
//! # Ok(()) }
//! ```

mod attribute;
mod class;
mod code_check;
mod constant_pool;
mod descriptor;
mod descriptor_memo;
mod error;
pub mod flags;
mod instruction;
mod member;
mod names;
mod printer;
mod reader;
mod stack_map;
mod validate;

pub use attribute::{
    Attributes, BootstrapMethod, BootstrapMethods, ExceptionHandler, InnerClass, LineNumber,
    LocalVariable, RawAttribute, RecordComponent, Table, TableEntry, U2List,
};
pub use class::{ClassFile, EnclosingMethod, MAX_MAJOR_VERSION, MIN_MAJOR_VERSION};
pub use constant_pool::{Constant, ConstantPool, MemberKind, MemberRef, ReferenceKind};
pub use descriptor::{
    ArrayType, DescriptorError, FieldType, MethodDescriptor, Parameters, is_field_descriptor,
    is_method_descriptor,
};
pub use error::{ClassFileError, Location};
pub use instruction::{
    Iinc, Instruction, Instructions, InvokeInterface, LookupSwitch, MultiANewArray, TableSwitch,
    decode, mnemonic_of, newarray_type,
};
pub use member::{Code, Field, Method};
pub use names::{
    is_class_constant_name, is_internal_class_name, is_method_name, is_unqualified_name,
};
pub use printer::render;
pub use stack_map::{
    StackMapFrame, StackMapFrames, StackMapTable, VerificationType, VerificationTypes,
};

#[cfg(test)]
mod send_sync {
    fn assert_send_sync<T: Send + Sync + 'static>() {}

    #[test]
    fn types_are_send_sync() {
        assert_send_sync::<crate::ClassFileError>();
        fn borrowed<T: Send + Sync>() {}
        borrowed::<crate::ClassFile<'static>>();
    }
}
