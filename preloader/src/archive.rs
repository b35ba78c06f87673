//! Jar and jmod files: memory-mapped zip archives, with the jar manifest's `Class-Path` and
//! `Main-Class`.

use std::fs::File;
use std::path::{Path, PathBuf};

use memmap2::Mmap;

use crate::bytes::ClassBytes;
use crate::error::{EntryError, ZipError};
use crate::zip::ZipIndex;

/// The 4-byte header of a jmod file, before its zip archive.
const JMOD_MAGIC: &[u8; 4] = b"JM\x01\x00";

/// Which kind of archive, and so where classes live inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArchiveKind {
    /// A jar: classes at the root (`java/lang/Foo.class`).
    Jar,
    /// A jmod: a `JM\1\0` header, then a zip with classes under `classes/`.
    Jmod,
}

/// A memory-mapped jar or jmod file and its central directory.
pub struct Archive {
    path: PathBuf,
    kind: ArchiveKind,
    map: Mmap,
    /// Where the zip archive starts in the file (after the jmod header).
    zip_start: usize,
    index: ZipIndex,
}

impl std::fmt::Debug for Archive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Archive")
            .field("path", &self.path)
            .field("kind", &self.kind)
            .field("entries", &self.index.len())
            .finish()
    }
}

/// The attributes of a jar's manifest that the runtime uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Manifest {
    /// `Main-Class`, as written (a binary name with dots).
    pub main_class: Option<String>,
    /// `Class-Path`: relative URLs of further class path entries, split on spaces.
    pub class_path: Vec<String>,
}

impl Archive {
    /// The whole memory-mapped file.
    pub(crate) fn mapped(&self) -> &[u8] {
        &self.map
    }

    /// Maps and indexes the archive at `path`.
    pub fn open(path: &Path, kind: ArchiveKind) -> Result<Archive, EntryError> {
        let io = |source| EntryError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = File::open(path).map_err(io)?;
        // SAFETY: class path files are not modified while the runtime runs; all reads from
        // the map are bounds-checked.
        let map = unsafe { Mmap::map(&file) }.map_err(io)?;
        let zip_start = match kind {
            ArchiveKind::Jar => 0,
            ArchiveKind::Jmod if map.starts_with(JMOD_MAGIC) => JMOD_MAGIC.len(),
            ArchiveKind::Jmod => {
                return Err(EntryError::NotJmod {
                    path: path.to_path_buf(),
                });
            }
        };
        let index = ZipIndex::parse(&map[zip_start..]).map_err(|source| EntryError::Zip {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Archive {
            path: path.to_path_buf(),
            kind,
            map,
            zip_start,
            index,
        })
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Jar or jmod.
    pub fn kind(&self) -> ArchiveKind {
        self.kind
    }

    /// Number of entries in the archive.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether the archive has no entries.
    pub fn is_empty(&self) -> bool {
        self.index.len() == 0
    }

    /// The resource name of class `name` (internal form) inside this archive.
    pub fn class_resource(&self, name: &str) -> String {
        match self.kind {
            ArchiveKind::Jar => format!("{name}.class"),
            ArchiveKind::Jmod => format!("classes/{name}.class"),
        }
    }

    /// Entry `name`'s bytes, `Ok(None)` when absent.
    pub fn entry(&self, name: &str) -> Result<Option<ClassBytes<'_>>, ZipError> {
        self.index.read(&self.map[self.zip_start..], name)
    }

    /// Whether entry `name` exists.
    pub fn contains(&self, name: &str) -> bool {
        self.index.contains(name)
    }

    /// Every class in the archive (internal names, sorted; `module-info` excluded).
    pub fn class_names(&self) -> Vec<String> {
        let prefix = match self.kind {
            ArchiveKind::Jar => "",
            ArchiveKind::Jmod => "classes/",
        };
        let mut names: Vec<String> = self
            .index
            .names()
            .filter_map(|n| n.strip_prefix(prefix)?.strip_suffix(".class"))
            .filter(|n| !n.ends_with("module-info") && !n.starts_with("META-INF/"))
            .map(str::to_string)
            .collect();
        names.sort();
        names
    }

    /// The jar manifest (`META-INF/MANIFEST.MF`) main attributes; empty when there is none.
    pub fn manifest(&self) -> Result<Manifest, ZipError> {
        match self.entry("META-INF/MANIFEST.MF")? {
            Some(bytes) => Ok(Manifest::parse(&bytes)),
            None => Ok(Manifest::default()),
        }
    }
}

impl Manifest {
    /// Parses the main section of a manifest: `Name: value` lines, a line starting with one
    /// space continuing the previous one, the main section ending at the first blank line.
    pub fn parse(bytes: &[u8]) -> Manifest {
        let text = String::from_utf8_lossy(bytes);
        let mut attributes: Vec<(String, String)> = Vec::new();
        for line in text
            .split(['\n'])
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
        {
            if line.is_empty() {
                break;
            }
            if let Some(more) = line.strip_prefix(' ') {
                if let Some((_, value)) = attributes.last_mut() {
                    value.push_str(more);
                }
            } else if let Some((name, value)) = line.split_once(':') {
                attributes.push((name.trim().to_string(), value.trim_start().to_string()));
            }
        }
        let get = |key: &str| {
            attributes
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(key))
                .map(|(_, v)| v.trim().to_string())
        };
        Manifest {
            main_class: get("Main-Class").filter(|v| !v.is_empty()),
            class_path: get("Class-Path")
                .map(|v| v.split_ascii_whitespace().map(str::to_string).collect())
                .unwrap_or_default(),
        }
    }

    /// The `Class-Path` entries resolved against the directory of the jar at `jar`: relative
    /// URLs (percent-decoded) and `file:` URLs; other schemes are skipped.
    pub fn resolve_class_path(&self, jar: &Path) -> Vec<PathBuf> {
        let base = jar.parent().unwrap_or(Path::new("."));
        self.class_path
            .iter()
            .filter_map(|url| {
                let path = if let Some(rest) = url.strip_prefix("file:") {
                    rest.trim_start_matches("//").to_string()
                } else if url.contains("://") {
                    return None;
                } else {
                    url.clone()
                };
                let path = PathBuf::from(percent_decode(&path));
                Some(if path.is_absolute() {
                    path
                } else {
                    base.join(path)
                })
            })
            .collect()
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = bytes.get(i + 1..i + 3)
            && let Ok(hex) = std::str::from_utf8(hex)
            && let Ok(v) = u8::from_str_radix(hex, 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_main_section_with_continuation() {
        let m = Manifest::parse(
            b"Manifest-Version: 1.0\r\nMain-Class: app.Main\r\nClass-Path: lib/a.jar lib/b%20\r\n c.jar\r\n\r\nName: x\r\nClass-Path: ignored.jar\r\n",
        );
        assert_eq!(m.main_class.as_deref(), Some("app.Main"));
        assert_eq!(m.class_path, ["lib/a.jar", "lib/b%20c.jar"]);
        let resolved = m.resolve_class_path(Path::new("/x/app.jar"));
        assert_eq!(
            resolved,
            [
                PathBuf::from("/x/lib/a.jar"),
                PathBuf::from("/x/lib/b c.jar")
            ]
        );
    }

    #[test]
    fn manifest_skips_remote_urls() {
        let m = Manifest::parse(b"Class-Path: http://h/x.jar file:/abs/y.jar\n");
        assert_eq!(
            m.resolve_class_path(Path::new("a.jar")),
            [PathBuf::from("/abs/y.jar")]
        );
    }
}
