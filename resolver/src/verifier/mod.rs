//! The type-checking bytecode verifier (JVMS 4.10.1): every method of a class is checked
//! against its `StackMapTable`, so that hostile code (stack underflow, values of the wrong
//! type, uninitialised objects, jumps with inconsistent state) fails with `VerifyError`
//! before the interpreter runs it.
//!
//! The linker runs it on every class outside the boot loader (the JDK's classes are trusted,
//! as HotSpot's `BytecodeVerificationLocal` is off by default); [`verify_class`] runs it on
//! any linked class. Reference assignability needs the class hierarchy, so verification
//! loads the classes it compares through the [`Linker`] with the verified class's loader,
//! treating interfaces as `Object` (JVMS 4.10.1.2).
//!
//! Class files older than version 50 have no `StackMapTable`; HotSpot checks them with the
//! type-inference verifier, which is not implemented here: such classes are not verified
//! (see the crate documentation).

mod frame;
mod method;
mod report;
mod types;

use std::sync::Arc;

use crate::class::LinkedClass;
use crate::error::LinkError;
use crate::linker::Linker;
use crate::source::ClassSource;
use method::MethodVerifier;
use types::Hierarchy;

/// The first class file version whose methods are type checked (Java 6).
pub const TYPE_CHECKING_MIN_VERSION: u16 = 50;

/// Verifies every method of `class` (JVMS 4.10.1), loading the classes that assignability
/// checks need through `linker`. Fails with a `VerifyError` (HotSpot's headline, then an
/// "Exception Details:" block) or with the error of a class that could not be loaded.
/// Classes older than version 50 and arrays pass unchecked.
pub fn verify_class<S: ClassSource>(
    linker: &Linker<S>,
    class: &Arc<LinkedClass>,
) -> Result<(), LinkError> {
    let mut in_progress = Vec::new();
    verify_with(class, &mut |name| {
        linker.load(class.loader, name, &mut in_progress)
    })
}

/// [`verify_class`] with a caller-supplied class loader (the linker passes its own
/// circularity state).
pub(crate) fn verify_with(
    class: &Arc<LinkedClass>,
    load: &mut dyn FnMut(&str) -> Result<Arc<LinkedClass>, LinkError>,
) -> Result<(), LinkError> {
    let Some(class_file) = class.class_file() else {
        return Ok(());
    };
    if class_file.major_version() < TYPE_CHECKING_MIN_VERSION {
        return Ok(());
    }
    let own = Arc::clone(class);
    // The class being verified may not be in the class table yet.
    let mut load_or_self = |name: &str| {
        if name == own.name.as_ref() {
            Ok(Arc::clone(&own))
        } else {
            load(name)
        }
    };
    let mut hierarchy = Hierarchy {
        load: &mut load_or_self,
    };
    let pool = class_file.constant_pool();
    for method in class_file.methods() {
        let Some(code) = &method.code else {
            continue;
        };
        MethodVerifier::new(class, pool, method, code, &mut hierarchy).verify()?;
    }
    Ok(())
}
