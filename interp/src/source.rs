//! The resolver's [`ClassSource`] over the preloader's class path: JDK classes come from the
//! memory-mapped `lib/modules`, application classes from `-cp`.

use std::sync::Arc;

use jfork_preloader::{ClassBytes, ClassPath, Jdk};
use jfork_resolver::{ClassSource, FoundClass, LoaderId, SourceError};

/// Finds classes on a [`ClassPath`] that lives for the rest of the process (the VM's class
/// definitions borrow from its memory maps and are never unloaded).
#[derive(Debug)]
pub struct ClassPathSource {
    path: &'static ClassPath,
}

impl ClassPathSource {
    /// The JDK's runtime image followed by the application class path `app` (`:`-separated).
    pub fn for_jdk(jdk: &Jdk, app: &str) -> Result<ClassPathSource, jfork_preloader::EntryError> {
        let path = ClassPath::for_jdk(jdk, app)?;
        Ok(ClassPathSource::new(path))
    }

    /// A source over `path`, which is kept for the life of the process.
    pub fn new(path: ClassPath) -> ClassPathSource {
        ClassPathSource {
            path: Box::leak(Box::new(path)),
        }
    }

    /// The class path.
    pub fn class_path(&self) -> &'static ClassPath {
        self.path
    }
}

impl ClassSource for ClassPathSource {
    fn find_class(
        &self,
        initiating: LoaderId,
        name: &str,
    ) -> Result<Option<FoundClass>, SourceError> {
        let found = self.path.locate(name).map_err(|e| SourceError {
            name: name.to_owned(),
            reason: e.to_string(),
        })?;
        let Some(located) = found else {
            return Ok(None);
        };
        // A loader sees its own classes and those of the loaders it delegates to.
        if located.loader > initiating {
            return Ok(None);
        }
        let bytes: &'static [u8] = match located.bytes {
            ClassBytes::Borrowed(b) => b,
            // Inflated or read bytes: kept for the process like every class definition.
            ClassBytes::Shared(b) => Box::leak(b.to_vec().into_boxed_slice()),
        };
        // jimage resources are `/module/pkg/Name.class`.
        let module = located
            .resource
            .strip_prefix('/')
            .and_then(|r| r.split_once('/'))
            .map(|(m, _)| Arc::from(m));
        Ok(Some(FoundClass {
            defining_loader: located.loader,
            bytes,
            module,
        }))
    }
}
