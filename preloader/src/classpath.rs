//! The class path and the class locator: binary name -> bytes, boot entries (the JDK) first,
//! then the application's entries in order; the first entry that has the class wins.

use std::collections::HashSet;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jfork_cache::LoaderId;

use crate::archive::{Archive, ArchiveKind};
use crate::bytes::ClassBytes;
use crate::error::{EntryError, LocateError};
use crate::jimage::JImage;

/// What a class path entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// A directory of `.class` files laid out by package.
    Directory,
    /// A jar (zip) file.
    Jar,
    /// A jmod file.
    Jmod,
    /// The JDK runtime image `lib/modules`.
    Image,
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EntryKind::Directory => "directory",
            EntryKind::Jar => "jar",
            EntryKind::Jmod => "jmod",
            EntryKind::Image => "jimage",
        })
    }
}

enum Source {
    Directory(PathBuf),
    Archive(Archive),
    Image(JImage),
}

/// One opened class path entry.
pub struct ClassPathEntry {
    source: Source,
    loader: LoaderId,
}

impl ClassPathEntry {
    /// The entry's kind.
    pub fn kind(&self) -> EntryKind {
        match &self.source {
            Source::Directory(_) => EntryKind::Directory,
            Source::Archive(a) if a.kind() == ArchiveKind::Jmod => EntryKind::Jmod,
            Source::Archive(_) => EntryKind::Jar,
            Source::Image(_) => EntryKind::Image,
        }
    }

    /// The entry's file or directory.
    pub fn path(&self) -> &Path {
        match &self.source {
            Source::Directory(p) => p,
            Source::Archive(a) => a.path(),
            Source::Image(i) => i.path(),
        }
    }

    /// The loader that defines the classes found here: the bootstrap loader for the boot
    /// path, the application loader otherwise.
    pub fn loader(&self) -> LoaderId {
        self.loader
    }

    /// The jar or jmod behind this entry, if it is one.
    pub fn archive(&self) -> Option<&Archive> {
        match &self.source {
            Source::Archive(a) => Some(a),
            _ => None,
        }
    }

    /// The jimage behind this entry, if it is one.
    pub fn image(&self) -> Option<&JImage> {
        match &self.source {
            Source::Image(i) => Some(i),
            _ => None,
        }
    }

    /// Whether this entry has class `name`, without reading (or inflating) its bytes.
    fn contains(&self, name: &str) -> Result<bool, LocateError> {
        match &self.source {
            Source::Directory(dir) => Ok(dir.join(format!("{name}.class")).is_file()),
            Source::Archive(archive) => Ok(archive.contains(&archive.class_resource(name))),
            Source::Image(image) => {
                image
                    .class(name)
                    .map(|found| found.is_some())
                    .map_err(|e| LocateError::Read {
                        entry: self.to_string(),
                        resource: name.to_string(),
                        what: e.to_string(),
                    })
            }
        }
    }

    fn locate(&self, name: &str) -> Result<Option<(ClassBytes<'_>, String)>, LocateError> {
        let read_error = |resource: &str, what: String| LocateError::Read {
            entry: self.to_string(),
            resource: resource.to_string(),
            what,
        };
        match &self.source {
            Source::Directory(dir) => {
                let resource = format!("{name}.class");
                let file = dir.join(&resource);
                match std::fs::File::open(&file) {
                    Ok(mut f) => {
                        let mut bytes = Vec::new();
                        f.read_to_end(&mut bytes)
                            .map_err(|e| read_error(&resource, e.to_string()))?;
                        Ok(Some((ClassBytes::Shared(Arc::from(bytes)), resource)))
                    }
                    Err(e)
                        if matches!(
                            e.kind(),
                            std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                        ) =>
                    {
                        Ok(None)
                    }
                    Err(e) => Err(read_error(&resource, e.to_string())),
                }
            }
            Source::Archive(archive) => {
                let resource = archive.class_resource(name);
                match archive.entry(&resource) {
                    Ok(Some(bytes)) => Ok(Some((bytes, resource))),
                    Ok(None) => Ok(None),
                    Err(e) => Err(read_error(&resource, e.to_string())),
                }
            }
            Source::Image(image) => image
                .class(name)
                .map(|found| found.map(|(bytes, resource)| (ClassBytes::Borrowed(bytes), resource)))
                .map_err(|e| read_error(name, e.to_string())),
        }
    }
}

impl fmt::Display for ClassPathEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind(), self.path().display())
    }
}

impl fmt::Debug for ClassPathEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ClassPathEntry({self})")
    }
}

/// A located class: its bytes and where they came from.
#[derive(Clone, Debug)]
pub struct Located<'a> {
    /// The class file bytes.
    pub bytes: ClassBytes<'a>,
    /// Index of the class path entry that had it (see [`ClassPath::entries`]).
    pub entry: usize,
    /// The resource's name inside that entry (`/java.base/java/lang/Object.class`,
    /// `classes/java/lang/Object.class`, `app/Main.class`).
    pub resource: String,
    /// The loader that defines it.
    pub loader: LoaderId,
}

/// The boot class path and the application class path, opened. Owns its memory maps; the
/// bytes it hands out borrow from it.
#[derive(Debug, Default)]
pub struct ClassPath {
    entries: Vec<ClassPathEntry>,
    seen: HashSet<PathBuf>,
    problems: Vec<EntryError>,
}

/// Checks that `name` is a binary name in internal form that can safely become a path:
/// non-empty segments, none `.` or `..`, no `\\` or NUL (JVMS 4.2.1 forbids `.`, `;`, `[`).
fn check_name(name: &str) -> Result<(), LocateError> {
    let bad = name.is_empty()
        || name.contains(['\\', '\0', '.', ';', '['])
        || name.split('/').any(str::is_empty);
    if bad {
        Err(LocateError::BadName(name.to_string()))
    } else {
        Ok(())
    }
}

/// Guesses an entry's kind from the file itself: a directory, the jimage magic, the jmod
/// header, else a jar.
fn kind_of(path: &Path) -> Result<EntryKind, std::io::Error> {
    if std::fs::metadata(path)?.is_dir() {
        return Ok(EntryKind::Directory);
    }
    let mut head = [0u8; 4];
    let mut file = std::fs::File::open(path)?;
    let n = file.read(&mut head)?;
    Ok(match &head[..n] {
        [0xDA, 0xDA, 0xFE, 0xCA] | [0xCA, 0xFE, 0xDA, 0xDA] => EntryKind::Image,
        b"JM\x01\x00" => EntryKind::Jmod,
        _ => EntryKind::Jar,
    })
}

impl ClassPath {
    /// An empty class path.
    pub fn new() -> ClassPath {
        ClassPath::default()
    }

    /// The boot path of `jdk` (its runtime image) followed by the application path `app`
    /// (entries separated by `:`). Entries that cannot be opened are skipped and kept in
    /// [`ClassPath::problems`], as `java` skips them; the JDK's image must open.
    pub fn for_jdk(jdk: &crate::Jdk, app: &str) -> Result<ClassPath, EntryError> {
        let mut cp = ClassPath::new();
        cp.push_boot(&jdk.modules())?;
        cp.push_app_path(app);
        Ok(cp)
    }

    /// Adds a boot entry (normally the JDK's `lib/modules`); its classes are defined by the
    /// bootstrap loader and searched before every application entry added later.
    pub fn push_boot(&mut self, path: &Path) -> Result<(), EntryError> {
        self.push_with(path, LoaderId::BOOTSTRAP)
    }

    /// Adds an application entry (directory, jar, jmod or image). A jar's manifest
    /// `Class-Path` entries follow it; entries already present are not added twice.
    pub fn push(&mut self, path: &Path) -> Result<(), EntryError> {
        self.push_with(path, LoaderId::APP)
    }

    /// Adds each entry of `path` (separated by `:`); an empty segment means the current
    /// directory, as for `java -cp`. Failures are recorded in [`ClassPath::problems`].
    pub fn push_app_path(&mut self, path: &str) {
        if path.is_empty() {
            return;
        }
        for segment in path.split(':') {
            let segment = if segment.is_empty() { "." } else { segment };
            if let Err(e) = self.push(Path::new(segment)) {
                self.problems.push(e);
            }
        }
    }

    fn push_with(&mut self, path: &Path, loader: LoaderId) -> Result<(), EntryError> {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if self.seen.contains(&key) {
            return Ok(());
        }
        let io = |source| EntryError::Io {
            path: path.to_path_buf(),
            source,
        };
        let source = match kind_of(path).map_err(io)? {
            EntryKind::Directory => Source::Directory(path.to_path_buf()),
            EntryKind::Image => Source::Image(JImage::open(path)?),
            EntryKind::Jmod => Source::Archive(Archive::open(path, ArchiveKind::Jmod)?),
            EntryKind::Jar => Source::Archive(Archive::open(path, ArchiveKind::Jar)?),
        };
        self.seen.insert(key);
        let nested = match &source {
            Source::Archive(a) if a.kind() == ArchiveKind::Jar => match a.manifest() {
                Ok(m) => m.resolve_class_path(path),
                Err(source) => {
                    self.problems.push(EntryError::Zip {
                        path: path.to_path_buf(),
                        source,
                    });
                    Vec::new()
                }
            },
            _ => Vec::new(),
        };
        self.entries.push(ClassPathEntry { source, loader });
        // JAR spec: Class-Path entries come after the jar that names them; a missing one is
        // ignored (recorded here).
        for jar in nested {
            if let Err(e) = self.push_with(&jar, loader) {
                self.problems.push(e);
            }
        }
        Ok(())
    }

    /// The opened entries, in search order.
    pub fn entries(&self) -> &[ClassPathEntry] {
        &self.entries
    }

    /// Entries that were skipped, with why.
    pub fn problems(&self) -> &[EntryError] {
        &self.problems
    }

    /// The first runtime image on the path (the JDK's), if any.
    pub fn image(&self) -> Option<&JImage> {
        self.entries.iter().find_map(ClassPathEntry::image)
    }

    /// The index of the first entry that has class `name` (internal form), without reading
    /// its bytes: enough to know the class's defining loader before loading it.
    pub fn find(&self, name: &str) -> Result<Option<usize>, LocateError> {
        check_name(name)?;
        for (index, entry) in self.entries.iter().enumerate() {
            if entry.contains(name)? {
                return Ok(Some(index));
            }
        }
        Ok(None)
    }

    /// The bytes of class `name` from entry `entry` (as returned by [`ClassPath::find`]);
    /// `Ok(None)` if that entry does not have it.
    pub fn read(&self, entry: usize, name: &str) -> Result<Option<Located<'_>>, LocateError> {
        check_name(name)?;
        let Some(e) = self.entries.get(entry) else {
            return Ok(None);
        };
        Ok(e.locate(name)?.map(|(bytes, resource)| Located {
            bytes,
            entry,
            resource,
            loader: e.loader,
        }))
    }

    /// Whether `bytes` lie inside one of this class path's memory maps (a jimage, jar or
    /// jmod): class bytes served without a copy.
    pub fn is_mapped(&self, bytes: &[u8]) -> bool {
        let range = bytes.as_ptr_range();
        self.entries.iter().any(|entry| {
            let mapped = match &entry.source {
                Source::Image(image) => image.mapped(),
                Source::Archive(archive) => archive.mapped(),
                Source::Directory(_) => return false,
            };
            let map = mapped.as_ptr_range();
            map.start <= range.start && range.end <= map.end
        })
    }

    /// The class locator: the bytes of class `name` (internal form, `java/lang/Object`)
    /// from the first entry that has it, or `Ok(None)` when no entry has it.
    pub fn locate(&self, name: &str) -> Result<Option<Located<'_>>, LocateError> {
        check_name(name)?;
        for (index, entry) in self.entries.iter().enumerate() {
            if let Some((bytes, resource)) = entry.locate(name)? {
                return Ok(Some(Located {
                    bytes,
                    entry: index,
                    resource,
                    loader: entry.loader,
                }));
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_could_escape_a_directory_are_refused() {
        for bad in [
            "",
            "../etc/passwd",
            "a//b",
            "/abs",
            "a/./b",
            "a\\b",
            "java.lang.Object",
            "a/",
        ] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
        for good in ["java/lang/Object", "Main", "a/b/C$D"] {
            assert!(check_name(good).is_ok(), "{good:?}");
        }
    }
}
