//! Keys of the class table: defining loader and binary name.

use std::fmt;
use std::sync::Arc;

/// Identifies a defining class loader (JVMS 5.3). Classes with the same name but different
/// defining loaders are different classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LoaderId(pub u32);

impl LoaderId {
    /// The bootstrap class loader: the JDK's own modules.
    pub const BOOTSTRAP: LoaderId = LoaderId(0);
    /// The platform class loader.
    pub const PLATFORM: LoaderId = LoaderId(1);
    /// The application (system) class loader: `-cp`.
    pub const APP: LoaderId = LoaderId(2);

    /// How HotSpot names the loader in messages (`'bootstrap'`, `'app'`, ...).
    pub fn display_name(self) -> String {
        match self {
            LoaderId::BOOTSTRAP => "'bootstrap'".to_owned(),
            LoaderId::PLATFORM => "'platform'".to_owned(),
            LoaderId::APP => "'app'".to_owned(),
            LoaderId(n) => format!("'loader#{n}'"),
        }
    }
}

impl fmt::Display for LoaderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            LoaderId::BOOTSTRAP => f.write_str("boot"),
            LoaderId::PLATFORM => f.write_str("platform"),
            LoaderId::APP => f.write_str("app"),
            LoaderId(n) => write!(f, "loader#{n}"),
        }
    }
}

/// A class's identity in the table: its defining loader and its binary name in internal
/// form (`java/lang/Object`, JVMS 4.2.1).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClassKey {
    /// The defining loader.
    pub loader: LoaderId,
    /// The binary name in internal form (slashes, not dots).
    pub name: Arc<str>,
}

impl ClassKey {
    /// A key for `name` (internal form) defined by `loader`.
    pub fn new(loader: LoaderId, name: impl Into<Arc<str>>) -> ClassKey {
        ClassKey {
            loader,
            name: name.into(),
        }
    }
}

impl fmt::Display for ClassKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name, self.loader)
    }
}
