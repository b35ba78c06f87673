//! The seam between linking and class location: the caller says where class bytes come from.

use std::path::PathBuf;
use std::sync::Arc;

/// A class loader, as linking sees it: only an identity. The standard three form the
/// delegation chain `APP -> PLATFORM -> BOOTSTRAP`. The same identity the class cache keys
/// its entries by.
pub use jfork_cache::LoaderId;

/// A class found by a [`ClassSource`].
#[derive(Debug, Clone)]
pub struct FoundClass {
    /// The loader that defines the class (after delegation; JVMS 5.3).
    pub defining_loader: LoaderId,
    /// The class file. It lives for the process: borrowed from the memory-mapped
    /// `lib/modules`, or leaked by the source.
    pub bytes: &'static [u8],
    /// The named module the class belongs to (`java.base`); `None` for the unnamed module of
    /// its loader.
    pub module: Option<Arc<str>>,
}

/// Why a source could not look a class up (an I/O error, a corrupt archive): not the same as
/// "no such class", which is `Ok(None)`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot read class {name}: {reason}")]
pub struct SourceError {
    /// Internal name of the class looked up.
    pub name: String,
    /// What went wrong.
    pub reason: String,
}

/// Where class bytes come from: the preloader's locator in the master, the runtime's class
/// loaders in a child, a folder of fixtures in tests.
pub trait ClassSource: Sync {
    /// Finds the class `name` (internal form, `java/lang/Object`) as loader `initiating`
    /// sees it, delegation included. `Ok(None)` when no such class exists.
    fn find_class(
        &self,
        initiating: LoaderId,
        name: &str,
    ) -> Result<Option<FoundClass>, SourceError>;
}

/// A class source over folders of `.class` files, each folder belonging to one loader.
/// A loader sees its own folders and, first, those of the loaders it delegates to (a smaller
/// id: `APP` sees `PLATFORM` and `BOOTSTRAP`). Bytes read are leaked: the source is for tests
/// and tools that link a fixed set of classes once.
#[derive(Debug, Clone, Default)]
pub struct DirSource {
    roots: Vec<(LoaderId, Option<Arc<str>>, PathBuf)>,
}

impl DirSource {
    /// An empty source.
    pub fn new() -> DirSource {
        DirSource::default()
    }

    /// Adds a folder whose classes `loader` defines; folders are searched in order.
    pub fn with_root(mut self, loader: LoaderId, root: impl Into<PathBuf>) -> DirSource {
        self.roots.push((loader, None, root.into()));
        self.roots.sort_by_key(|(loader, _, _)| *loader);
        self
    }

    /// Adds a folder holding the classes of the named `module`, defined by `loader`.
    pub fn with_module_root(
        mut self,
        loader: LoaderId,
        module: &str,
        root: impl Into<PathBuf>,
    ) -> DirSource {
        self.roots
            .push((loader, Some(Arc::from(module)), root.into()));
        self.roots.sort_by_key(|(loader, _, _)| *loader);
        self
    }
}

impl ClassSource for DirSource {
    fn find_class(
        &self,
        initiating: LoaderId,
        name: &str,
    ) -> Result<Option<FoundClass>, SourceError> {
        // A name with `..` or a leading `/` must not escape the folder.
        if name.is_empty() || name.starts_with('/') || name.split('/').any(|p| p == "..") {
            return Ok(None);
        }
        for (loader, module, root) in &self.roots {
            if *loader > initiating {
                continue;
            }
            let path = root.join(format!("{name}.class"));
            match std::fs::read(&path) {
                Ok(bytes) => {
                    return Ok(Some(FoundClass {
                        defining_loader: *loader,
                        bytes: Box::leak(bytes.into_boxed_slice()),
                        module: module.clone(),
                    }));
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(SourceError {
                        name: name.to_owned(),
                        reason: format!("{}: {e}", path.display()),
                    });
                }
            }
        }
        Ok(None)
    }
}
