//! Linking of Java classes as JVMS chapter 5 describes it: what the master computes once so
//! that no child repeats it.
//!
//! A [`Linker`] finds classes through a caller-supplied [`ClassSource`] (the preloader's
//! locator in the master, a folder of fixtures in tests), checks and resolves each class's
//! hierarchy (JVMS 5.3.5), prepares its storage (JVMS 5.4.2), builds its method tables
//! (JVMS 5.4.5, 5.4.6) and keeps one [`LinkedClass`] per (loader, name). Resolution of
//! symbolic references (JVMS 5.4.3) with access control (JVMS 5.4.4) is lazy and cached per
//! constant pool entry; [`Linker::resolve_all_constants`] is the eager mode for the master.
//! Errors are [`LinkError`] values: the Java error class and HotSpot's message.
//!
//! ```no_run
//! use jfork_resolver::{DirSource, Linker, LoaderId};
//!
//! let source = DirSource::new().with_root(LoaderId::BOOTSTRAP, "target/jdk-classes/java.base");
//! let linker = Linker::new(source);
//! let string = linker.load_class(LoaderId::BOOTSTRAP, "java/lang/String")?;
//! let value = string.instance_field("value", "[B").map(|f| f.offset);
//! println!("{} bytes per String, value at {value:?}", string.instance_size);
//! # Ok::<(), jfork_resolver::LinkError>(())
//! ```
//!
//! # Layout decisions (for ARCHITECTURE.md)
//! - Objects start with a 16-byte header ([`OBJECT_HEADER_SIZE`]: class pointer, mark word).
//!   Instance fields follow, the superclass's first; within a class larger fields come first
//!   so natural alignment leaves no holes; sizes round up to 8. References take 8 bytes
//!   ([`REFERENCE_SIZE`]). Arrays: `i32` length at [`ARRAY_LENGTH_OFFSET`], elements from
//!   [`ARRAY_BASE_OFFSET`].
//! - Static fields live with the class, not in an object: one 8-byte slot each, numbered in
//!   declaration order ([`Field::offset`] is the slot). `ConstantValue` initialisers are
//!   recorded ([`LinkedClass::constant_value`]) for the interpreter to store at preparation.
//! - The GC's maps are computed here: [`LinkedClass::reference_offsets`] (every reference
//!   field of an instance, inherited ones included) and
//!   [`LinkedClass::static_reference_slots`].
//! - The VM's hidden per-object data (what HotSpot injects into `Class`, `ClassLoader`,
//!   `Module`, `MemberName`, `ResolvedMethodName`) is laid out here as injected instance
//!   fields listed in [`INJECTED_FIELDS`], so the heap has a single layout source; they carry
//!   [`Field::injected`] so reflection and field resolution skip them. `String` and `Thread`
//!   need none (their state is in real fields).
//! - Linked classes are never unloaded: constant pool caches may point back at their own
//!   class. Everything is built before fork and read-only after, except write-once caches.
//! - [`Method::predecoded`] is the slot for the interpreter's pre-decoded code (its format
//!   is the interpreter's), filled in the master.
//! - Dispatch: [`LinkedClass::vtable`] (class methods with JVMS 5.4.5 overriding, then default
//!   and miranda slots) and, for concrete classes, [`LinkedClass::itable`]; each entry holds
//!   the JVMS 5.4.6 selection, so [`select_method`] is an index and a check.
//!   [`select_special`], [`check_invoke_kind`] and [`check_field_instruction`] are the other
//!   link-time checks of the invoke and field instructions (JVMS 6.5).
//! - Classes of the boot loader are trusted; others get `jfork-classfile`'s JVMS 4.9 checks
//!   (`ClassFile::validate`) and then the bytecode verifier ([`verify_class`]: type checking
//!   with `StackMapTable`, JVMS 4.10.1; inference before version 50) at load, failing with
//!   `VerifyError`, as HotSpot verifies by default. Loading constraints (JVMS 5.3.4) are
//!   imposed when a member is resolved across loaders.
//! - The class table is this crate's own small map ([`ClassTable`]), with a record of the
//!   classes being defined: a thread that needs a class another thread is defining waits
//!   for it, so each class is parsed and linked once, unless the wait would close a ring of
//!   waiting threads (two threads each defining one half of a circular hierarchy); then it
//!   defines the class itself and meets the cycle, and the first result stays. `jfork-cache`
//!   waits without that check, so it is not used here. [`Linker::load_found`] takes a class
//!   the caller has located (the preloader's one pass); [`Linker::stats`] counts the work.
//!
//! Not done yet: module readability and exports in access checks (JVMS 5.4.4, a public class
//! of an unexported package is accessible), loading constraints on overriding across
//! loaders, the interpreter's pre-decoded code.

mod array;
mod class;
mod classdecl;
mod constraints;
mod descriptor;
mod error;
mod in_flight;
mod layout;
mod linker;
mod methods;
mod resolution;
mod selection;
mod source;
mod verifier;

pub use array::MAX_ARRAY_DIMENSIONS;
pub use class::{
    ClassKind, ConstantValue, Field, ItableEntry, LinkedClass, Method, Selected, external_type,
    package_of,
};
pub use classdecl::{ClassDecl, FieldDecl, MethodDecl, Name};
pub use descriptor::{BasicType, REFERENCE_SIZE};
pub use error::{LinkError, LinkErrorKind};
pub use layout::{
    ARRAY_BASE_OFFSET, ARRAY_LENGTH_OFFSET, INJECTED_FIELDS, InjectedField, OBJECT_ALIGNMENT,
    OBJECT_HEADER_SIZE,
};
pub use linker::{ClassTable, LinkStats, Linker, MAX_MAJOR_VERSION, MIN_MAJOR_VERSION};
pub use methods::{maximally_specific, select_from_interfaces};
pub use resolution::{
    Resolved, ResolvedField, field_lookup, interface_method_lookup, method_lookup, modules_suffix,
};
pub use selection::{
    FieldInstruction, InvokeKind, abstract_error, check_field_instruction, check_invoke_kind,
    conflict_error, select_method, select_special,
};
pub use source::{ClassSource, DirSource, FoundClass, LoaderId, SourceError};
pub use verifier::{TYPE_CHECKING_MIN_VERSION, verify_class};

/// Access flags as JVMS 4.1, 4.5 and 4.6 define them.
pub mod access {
    pub use crate::classdecl::{
        ACC_ABSTRACT, ACC_ANNOTATION, ACC_ENUM, ACC_FINAL, ACC_INTERFACE, ACC_MODULE, ACC_NATIVE,
        ACC_PRIVATE, ACC_PROTECTED, ACC_PUBLIC, ACC_STATIC, ACC_SYNCHRONIZED, ACC_VARARGS,
    };
}
