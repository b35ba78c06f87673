//! Linkage errors as values: the Java error class to throw and HotSpot's message text.

use std::fmt;

/// Which `java.lang` error a linkage failure becomes (JVMS 5.3, 5.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkErrorKind {
    /// `java/lang/NoClassDefFoundError`: no class of that name, or the wrong name inside.
    NoClassDefFoundError,
    /// `java/lang/ClassCircularityError`: a class is its own superclass or superinterface.
    ClassCircularityError,
    /// `java/lang/IncompatibleClassChangeError`.
    IncompatibleClassChangeError,
    /// `java/lang/UnsupportedClassVersionError`.
    UnsupportedClassVersionError,
    /// `java/lang/ClassFormatError`.
    ClassFormatError,
    /// `java/lang/VerifyError`.
    VerifyError,
    /// `java/lang/IllegalAccessError`.
    IllegalAccessError,
    /// `java/lang/NoSuchFieldError`.
    NoSuchFieldError,
    /// `java/lang/NoSuchMethodError`.
    NoSuchMethodError,
    /// `java/lang/AbstractMethodError`.
    AbstractMethodError,
    /// `java/lang/LinkageError` (loader constraint violations and the like).
    LinkageError,
}

impl LinkErrorKind {
    /// Internal name of the Java error class, e.g. `java/lang/NoClassDefFoundError`.
    pub fn java_class(self) -> &'static str {
        match self {
            LinkErrorKind::NoClassDefFoundError => "java/lang/NoClassDefFoundError",
            LinkErrorKind::ClassCircularityError => "java/lang/ClassCircularityError",
            LinkErrorKind::IncompatibleClassChangeError => "java/lang/IncompatibleClassChangeError",
            LinkErrorKind::UnsupportedClassVersionError => "java/lang/UnsupportedClassVersionError",
            LinkErrorKind::ClassFormatError => "java/lang/ClassFormatError",
            LinkErrorKind::VerifyError => "java/lang/VerifyError",
            LinkErrorKind::IllegalAccessError => "java/lang/IllegalAccessError",
            LinkErrorKind::NoSuchFieldError => "java/lang/NoSuchFieldError",
            LinkErrorKind::NoSuchMethodError => "java/lang/NoSuchMethodError",
            LinkErrorKind::AbstractMethodError => "java/lang/AbstractMethodError",
            LinkErrorKind::LinkageError => "java/lang/LinkageError",
        }
    }
}

/// A linkage failure: the error class the interpreter throws and its message, the same text
/// HotSpot 17 prints where tests compare it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LinkError {
    /// The Java error class.
    pub kind: LinkErrorKind,
    /// The exception's message (`getMessage()`).
    pub message: String,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The form `java` prints for an uncaught exception: `java.lang.X: message`.
        write!(
            f,
            "{}: {}",
            self.kind.java_class().replace('/', "."),
            self.message
        )
    }
}

impl LinkError {
    /// An error of `kind` with `message`.
    pub fn new(kind: LinkErrorKind, message: impl Into<String>) -> LinkError {
        LinkError {
            kind,
            message: message.into(),
        }
    }

    /// Internal name of the Java error class to throw.
    pub fn java_class(&self) -> &'static str {
        self.kind.java_class()
    }
}

/// Dots for slashes: the "external" class name HotSpot prints in most messages.
pub(crate) fn external(name: &str) -> String {
    name.replace('/', ".")
}

/// Where a class lives, as access messages name it: (internal name, loader, module).
pub(crate) type Place<'a> = (&'a str, crate::source::LoaderId, Option<&'a str>);

/// How HotSpot names where a class lives: `unnamed module of loader 'app'`.
fn module_phrase(place: Place<'_>) -> String {
    match place.2 {
        Some(m) => format!("module {m} of loader {}", place.1.display_name()),
        None => format!("unnamed module of loader {}", place.1.display_name()),
    }
}

/// HotSpot's `(X is in unnamed module of loader 'app')` suffix for one class.
pub(crate) fn module_suffix(place: Place<'_>) -> String {
    format!("({} is in {})", external(place.0), module_phrase(place))
}

/// HotSpot's `(X and Y are in ...)` / `(X is in ...; Y is in ...)` suffix for two classes.
pub(crate) fn modules_suffix(a: Place<'_>, b: Place<'_>) -> String {
    let (an, bn) = (external(a.0), external(b.0));
    if a.1 == b.1 && a.2 == b.2 {
        format!("({an} and {bn} are in {})", module_phrase(a))
    } else {
        format!(
            "({an} is in {}; {bn} is in {})",
            module_phrase(a),
            module_phrase(b)
        )
    }
}
