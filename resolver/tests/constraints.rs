//! Loading constraints (JVMS 5.3.4) between two loaders that each define their own `Shared`.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;

use jfork_resolver::{ClassSource, DirSource, FoundClass, Linker, LoaderId, SourceError};

const USER_LOADER: LoaderId = LoaderId(10);
const LIB_LOADER: LoaderId = LoaderId(11);

/// Loader 10 defines `User` and its own `Shared` and delegates `Lib` to loader 11, which
/// defines `Lib` and another `Shared`; both delegate the JDK to the bootstrap loader.
struct TwoLoaders {
    jdk: DirSource,
    classes: PathBuf,
}

impl ClassSource for TwoLoaders {
    fn find_class(
        &self,
        initiating: LoaderId,
        name: &str,
    ) -> Result<Option<FoundClass>, SourceError> {
        if let Some(found) = self.jdk.find_class(LoaderId::BOOTSTRAP, name)? {
            return Ok(Some(found));
        }
        let defining = if name == "Lib" {
            LIB_LOADER
        } else {
            initiating
        };
        let app = DirSource::new().with_root(defining, &self.classes);
        app.find_class(defining, name)
    }
}

fn linker() -> Linker<TwoLoaders> {
    let classes = common::compile("constraints", ".", None);
    let jdk = DirSource::new().with_module_root(
        LoaderId::BOOTSTRAP,
        "java.base",
        common::jdk_classes().join("java.base"),
    );
    Linker::new(TwoLoaders { jdk, classes })
}

#[test]
fn resolution_across_loaders_that_disagree_fails() {
    let l = linker();
    let user = l.load_class(USER_LOADER, "User").unwrap();
    let lib = l.load_class(USER_LOADER, "Lib").unwrap();
    assert_eq!(lib.loader, LIB_LOADER);
    let mine = l.load_class(USER_LOADER, "Shared").unwrap();
    let theirs = l.load_class(LIB_LOADER, "Shared").unwrap();
    assert!(!std::sync::Arc::ptr_eq(&mine, &theirs));
    let err = l
        .resolve_method(&user, "Lib", "take", "(LShared;)V")
        .unwrap_err();
    assert_eq!(err.java_class(), "java/lang/LinkageError");
    assert!(
        err.message.starts_with(
            "loader constraint violation: when resolving method 'void Lib.take(Shared)'"
        ),
        "{err}"
    );
    let err = l
        .resolve_field(&user, "Lib", "last", "LShared;")
        .unwrap_err();
    assert_eq!(err.java_class(), "java/lang/LinkageError");
}

#[test]
fn a_constraint_also_binds_later_loads() {
    let l = linker();
    let user = l.load_class(USER_LOADER, "User").unwrap();
    l.load_class(USER_LOADER, "Shared").unwrap();
    // Loader 11 has not loaded Shared yet: resolution succeeds and records the constraint.
    l.resolve_method(&user, "Lib", "take", "(LShared;)V")
        .unwrap();
    let err = l.load_class(LIB_LOADER, "Shared").unwrap_err();
    assert_eq!(
        err.to_string(),
        "java.lang.LinkageError: loader constraint violation: loader 'loader#11' wants to load \
         class Shared. A different class with the same name was previously loaded by \
         'loader#10'."
    );
}
