//! The link step of the preload, through `jfork-resolver`: the class path as the linker's
//! class source, and the linker as the driver's [`Link`] step.
//!
//! The master's class path lives as long as the master, so the linker borrows class bytes
//! from it for `'static` (jimage and stored jar entries stay in their memory maps; bytes that
//! had to be produced, such as inflated jar entries, are kept for the process's life).

use std::sync::Arc;

use jfork_cache::{ClassKey, LoaderId};
use jfork_resolver::{ClassSource, FoundClass, Linker, SourceError};

use crate::bytes::ClassBytes;
use crate::classpath::ClassPath;
use crate::driver::{Link, LinkFailure, PreloadedClass};

/// The class path as the resolver's [`ClassSource`]: a loader sees its own entries and those
/// of the loaders it delegates to (the boot path first), as [`ClassPath::locate`] searches.
#[derive(Clone, Copy)]
pub struct ClassPathSource {
    class_path: &'static ClassPath,
}

impl ClassPathSource {
    /// A source over a class path that lives for the rest of the process (the master's).
    pub fn new(class_path: &'static ClassPath) -> ClassPathSource {
        ClassPathSource { class_path }
    }
}

impl ClassSource for ClassPathSource {
    fn find_class(
        &self,
        initiating: LoaderId,
        name: &str,
    ) -> Result<Option<FoundClass>, SourceError> {
        let located = self.class_path.locate(name).map_err(|e| SourceError {
            name: name.to_string(),
            reason: e.to_string(),
        })?;
        // Parent-first delegation: a loader never sees the classes of a loader below it.
        let Some(located) = located.filter(|l| l.loader <= initiating) else {
            return Ok(None);
        };
        let bytes: &'static [u8] = match located.bytes {
            ClassBytes::Borrowed(bytes) => bytes,
            // A linked class is never unloaded, so bytes produced for it live as long.
            ClassBytes::Shared(bytes) => Box::leak(Box::<[u8]>::from(&*bytes)),
        };
        Ok(Some(FoundClass {
            defining_loader: located.loader,
            bytes,
            module: module_of(&located.resource),
        }))
    }
}

/// The module named by a jimage resource (`/java.base/java/lang/Object.class`); classes
/// from other entries are in their loader's unnamed module.
fn module_of(resource: &str) -> Option<Arc<str>> {
    let rest = resource.strip_prefix('/')?;
    let (module, _) = rest.split_once('/')?;
    Some(Arc::from(module))
}

impl<S: ClassSource> Link for Linker<S> {
    fn name(&self) -> &str {
        "jfork-resolver"
    }

    fn link(&self, key: &ClassKey, _class: &PreloadedClass<'_>) -> Result<(), LinkFailure> {
        self.load_class(key.loader, &key.name)
            .map(drop)
            .map_err(|e| LinkFailure {
                error: e.java_class().replace('/', "."),
                reason: e.message,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jimage_resources_name_their_module() {
        assert_eq!(
            module_of("/java.base/java/lang/Object.class").as_deref(),
            Some("java.base")
        );
        assert_eq!(module_of("app/Main.class"), None);
    }
}
