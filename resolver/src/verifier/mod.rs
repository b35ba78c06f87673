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
//! Class files older than version 50 have no `StackMapTable`; as HotSpot, they get type
//! inference instead (JVMS 4.10.2, in `infer`), with the same instruction rules and HotSpot's
//! old verifier's one-line messages; subroutines (`jsr`/`ret`) are analysed once for all
//! their callers.
//! Version 50 falls back to inference when type checking fails, as HotSpot's
//! `FailOverToOldVerifier` does.

mod frame;
mod infer;
mod members;
mod method;
mod report;
mod rules;
mod types;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crate::class::{ClassKind, LinkedClass};
use crate::error::{LinkError, LinkErrorKind};
use crate::linker::Linker;
use crate::source::ClassSource;
use method::MethodVerifier;
use types::Hierarchy;

/// The first class file version whose methods are type checked (Java 6).
pub const TYPE_CHECKING_MIN_VERSION: u16 = 50;

/// Verifies every method of `class` (JVMS 4.10.1), loading the classes that assignability
/// checks need through `linker`. Fails with a `VerifyError` (HotSpot's headline, then an
/// "Exception Details:" block) or with the error of a class that could not be loaded.
/// Classes older than version 50 are checked by type inference; arrays pass.
pub fn verify_class<S: ClassSource>(
    linker: &Linker<S>,
    class: &Arc<LinkedClass>,
) -> Result<(), LinkError> {
    let mut in_progress = Vec::new();
    verify_with(class, &mut |name| {
        linker.load(class.loader, name, &mut in_progress)
    })
}

/// [`verify_class`] with a caller-supplied way to load the classes it compares.
pub(crate) fn verify_with(
    class: &Arc<LinkedClass>,
    load: &mut dyn FnMut(&str) -> Result<Arc<LinkedClass>, LinkError>,
) -> Result<(), LinkError> {
    verify_in_mode(class, load, false)
}

/// Verification by type checking (version 50 on) or inference (older, or `infer_all`).
fn verify_in_mode(
    class: &Arc<LinkedClass>,
    load: &mut dyn FnMut(&str) -> Result<Arc<LinkedClass>, LinkError>,
    infer_all: bool,
) -> Result<(), LinkError> {
    let Some(class_file) = class.class_file() else {
        return Ok(());
    };
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
        let major = class_file.major_version();
        let verifier = MethodVerifier::new(class, pool, method, code, &mut hierarchy);
        if infer_all || major < TYPE_CHECKING_MIN_VERSION {
            verifier.infer()?;
            continue;
        }
        match verifier.verify() {
            // HotSpot's FailOverToOldVerifier: version 50 may still pass by inference; if
            // not, the type checker's message stands (as in HotSpot).
            Err(e)
                if major == TYPE_CHECKING_MIN_VERSION && e.kind == LinkErrorKind::VerifyError =>
            {
                match MethodVerifier::new(class, pool, method, code, &mut hierarchy).infer() {
                    Ok(()) => {}
                    Err(f) if f.kind == LinkErrorKind::VerifyError => return Err(e),
                    Err(f) => return Err(f),
                }
            }
            result => result?,
        }
    }
    Ok(())
}

/// Classes that failed verification with their errors. A class linked against one of them
/// before it failed (a subclass loaded by its own verification, or by another thread
/// meanwhile) fails with the same error when looked up again, as HotSpot fails to link a
/// class whose superclass fails verification.
#[derive(Debug, Default)]
pub(crate) struct Rejected {
    any: AtomicBool,
    classes: Mutex<Vec<(Arc<LinkedClass>, LinkError)>>,
}

impl Rejected {
    /// Records that `class` failed with `error`.
    pub(crate) fn add(&self, class: &Arc<LinkedClass>, error: &LinkError) {
        let mut classes = self.classes.lock().unwrap_or_else(|e| e.into_inner());
        classes.push((Arc::clone(class), error.clone()));
        self.any.store(true, Ordering::Release);
    }

    /// The error of a rejected class that `class` depends on, if any (free while none is).
    pub(crate) fn check(&self, class: &LinkedClass) -> Result<(), LinkError> {
        if !self.any.load(Ordering::Acquire) {
            return Ok(());
        }
        let classes = self.classes.lock().unwrap_or_else(|e| e.into_inner());
        match classes.iter().find(|(r, _)| depends_on(class, r)) {
            Some((_, e)) => Err(e.clone()),
            None => Ok(()),
        }
    }
}

/// Whether `class` is `rejected`, inherits from it, or is an array of such a class.
pub(crate) fn depends_on(class: &LinkedClass, rejected: &LinkedClass) -> bool {
    if let ClassKind::Array { component, .. } = &class.kind {
        return depends_on(component, rejected);
    }
    class.is_subclass_of(rejected) || class.implements(rejected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DirSource, LoaderId};

    fn class_names(dir: &std::path::Path, prefix: &str, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let file = path.file_name().map(|f| f.to_string_lossy().into_owned());
            let Some(file) = file else { continue };
            if path.is_dir() {
                class_names(&path, &format!("{prefix}{file}/"), out);
            } else if let Some(stem) = file.strip_suffix(".class")
                && stem != "module-info"
            {
                out.push(format!("{prefix}{stem}"));
            }
        }
    }

    /// The inference mode (meant for old class files) on all of java.base, ignoring the
    /// stack maps: no false positives either. Needs `target/jdk-classes` (extracted by the
    /// integration tests): `cargo test --release -p jfork-resolver --lib -- --ignored`.
    #[test]
    #[ignore = "infers types for all of java.base; run with --release -- --ignored"]
    fn inference_accepts_java_base() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../target/jdk-classes/java.base");
        let mut names = Vec::new();
        class_names(&root, "", &mut names);
        assert!(
            names.len() > 6000,
            "{} classes under {}",
            names.len(),
            root.display()
        );
        let linker =
            Linker::new(DirSource::new().with_module_root(LoaderId::BOOTSTRAP, "java.base", &root));
        let start = std::time::Instant::now();
        let mut failures = Vec::new();
        for n in &names {
            let class = linker.load_class(LoaderId::BOOTSTRAP, n).unwrap();
            let mut chain = Vec::new();
            let mut load = |name: &str| linker.load(class.loader, name, &mut chain);
            if let Err(e) = verify_in_mode(&class, &mut load, true) {
                failures.push(format!("{n}: {}", e.message));
            }
        }
        eprintln!(
            "{} of {} classes by inference in {:?}",
            names.len() - failures.len(),
            names.len(),
            start.elapsed()
        );
        assert!(
            failures.is_empty(),
            "{} failures: {:#?}",
            failures.len(),
            &failures[..failures.len().min(20)]
        );
    }
}
