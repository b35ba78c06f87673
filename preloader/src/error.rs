//! Errors of the class path, JDK discovery and preload lists.

use std::path::PathBuf;

/// A zip archive (jar or jmod) that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ZipError {
    /// The archive's structure is broken.
    #[error("corrupt zip archive: {0}")]
    Corrupt(String),
    /// One entry cannot be read.
    #[error("zip entry {name}: {what}")]
    Entry {
        /// The entry's name.
        name: String,
        /// What is wrong with it.
        what: String,
    },
}

/// A jimage file (`lib/modules`) that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum JImageError {
    /// The header is not a jimage header this reader understands.
    #[error("not a jimage file: {0}")]
    BadHeader(String),
    /// The index (redirect, offsets, locations, strings) is inconsistent.
    #[error("corrupt jimage index: {0}")]
    Corrupt(String),
    /// A resource is stored compressed with a decompressor this reader does not implement.
    #[error(
        "jimage resource {name} is compressed with {decompressor:?}, which jfork does not read; \
         use a JDK image built without --compress"
    )]
    Compressed {
        /// The resource's name.
        name: String,
        /// The decompressor the image names.
        decompressor: String,
    },
}

/// A class path entry that cannot be opened.
#[derive(Debug, thiserror::Error)]
pub enum EntryError {
    /// The file or directory cannot be read.
    #[error("class path entry {path}: {source}")]
    Io {
        /// The entry.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// A jar or jmod that is not a valid zip archive.
    #[error("class path entry {path}: {source}")]
    Zip {
        /// The entry.
        path: PathBuf,
        /// What is wrong.
        #[source]
        source: ZipError,
    },
    /// A jimage that cannot be read.
    #[error("class path entry {path}: {source}")]
    JImage {
        /// The entry.
        path: PathBuf,
        /// What is wrong.
        #[source]
        source: JImageError,
    },
    /// A jmod file without the `JM\1\0` header.
    #[error("class path entry {path}: not a jmod file (no JM\\1\\0 header)")]
    NotJmod {
        /// The entry.
        path: PathBuf,
    },
}

/// Locating a class failed for a reason other than its absence.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LocateError {
    /// The name is not a valid binary name in internal form.
    #[error("{0:?} is not a valid class name")]
    BadName(String),
    /// The entry holding the class cannot give its bytes.
    #[error("reading {resource} from {entry}: {what}")]
    Read {
        /// The class path entry.
        entry: String,
        /// The resource inside it.
        resource: String,
        /// What went wrong.
        what: String,
    },
}

/// No JDK was found.
#[derive(Debug, thiserror::Error)]
#[error("no JDK found; tried: {}", tried.join("; "))]
pub struct JdkError {
    /// Each place looked at, with why it was rejected.
    pub tried: Vec<String>,
}

/// A preload list that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ListError {
    /// The list file cannot be read.
    #[error("preload list {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// `all:MODULE` names a module the JDK image does not have.
    #[error("preload list {spec:?}: the JDK image has no module {module:?}")]
    NoSuchModule {
        /// The list specification.
        spec: String,
        /// The module name.
        module: String,
    },
    /// The runtime image cannot be listed.
    #[error("preload list {spec:?}: {source}")]
    Image {
        /// The list specification.
        spec: String,
        /// What is wrong with the image.
        #[source]
        source: JImageError,
    },
    /// The specification needs a JDK image and the class path has none.
    #[error("preload list {0:?} needs a JDK (lib/modules) on the boot class path")]
    NoJdk(String),
}
