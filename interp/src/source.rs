//! The class source of a VM: the class path, the module-to-loader map of the booted module
//! system, and the classes the VM or Java code defines from bytes.

use std::collections::HashMap;
use std::sync::Mutex;

use jfork_preloader::{ClassPath, ClassPathSource, LocateError, PreloadSource};
use jfork_resolver::{ClassSource, FoundClass, LoaderId, SourceError};

/// Where a VM's linker finds classes.
///
/// The JDK image holds the classes of every module; which loader defines a module's classes
/// is the module system's decision (boot, platform or app), known once `initPhase2` has
/// defined the boot layer's modules. Until then every image class is the boot loader's (only
/// java.base runs before). Classes defined from bytes (`ClassLoader.defineClass`, lambda
/// classes) are looked up first.
pub(crate) struct VmSource {
    path: ClassPathSource,
    defined: Mutex<HashMap<(LoaderId, String), &'static [u8]>>,
    /// Package (slashes) -> the loader its named module is defined to, for non-boot loaders.
    package_loaders: Mutex<HashMap<String, LoaderId>>,
}

impl VmSource {
    pub(crate) fn new(path: ClassPathSource) -> VmSource {
        VmSource {
            path,
            defined: Mutex::new(HashMap::new()),
            package_loaders: Mutex::new(HashMap::new()),
        }
    }

    /// Makes `bytes` the class `name` of `loader`. The bytes live for the process, as the
    /// class path's do.
    pub(crate) fn define(&self, loader: LoaderId, name: &str, bytes: Vec<u8>) {
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        if let Ok(mut d) = self.defined.lock() {
            d.insert((loader, name.to_owned()), bytes);
        }
    }

    /// Records that `package`'s named module is defined to `loader` (`Module.defineModule0`).
    pub(crate) fn set_package_loader(&self, package: &str, loader: LoaderId) {
        if loader == LoaderId::BOOTSTRAP {
            return;
        }
        if let Ok(mut p) = self.package_loaders.lock() {
            p.insert(package.to_owned(), loader);
        }
    }
}

impl ClassSource for VmSource {
    fn find_class(
        &self,
        initiating: LoaderId,
        name: &str,
    ) -> Result<Option<FoundClass>, SourceError> {
        self.locate(initiating, name).map_err(|e| SourceError {
            name: name.to_string(),
            reason: e.to_string(),
        })
    }
}

/// The VM's own linker is where the master preloads (`Vm::preload`): classes are located
/// as the app loader sees them, each defined by the loader of its module.
impl PreloadSource for VmSource {
    fn locate_listed(&self, name: &str) -> Result<Option<FoundClass>, LocateError> {
        self.locate(LoaderId::APP, name)
    }

    fn class_path(&self) -> &ClassPath {
        self.path.class_path()
    }
}

impl VmSource {
    fn locate(&self, initiating: LoaderId, name: &str) -> Result<Option<FoundClass>, LocateError> {
        let defined = self
            .defined
            .lock()
            .ok()
            .and_then(|d| d.get(&(initiating, name.to_owned())).copied());
        if let Some(bytes) = defined {
            return Ok(Some(FoundClass {
                defining_loader: initiating,
                bytes,
                module: None,
            }));
        }
        let Some(mut found) = self.path.locate(initiating, name)? else {
            return Ok(None);
        };
        if found.module.is_some() {
            let package = jfork_resolver::package_of(name);
            let owner = self
                .package_loaders
                .lock()
                .ok()
                .and_then(|p| p.get(package).copied());
            if let Some(owner) = owner {
                // Parent-first delegation: a loader does not see its children's modules.
                if owner > initiating {
                    return Ok(None);
                }
                found.defining_loader = owner;
            }
        }
        Ok(Some(found))
    }
}
