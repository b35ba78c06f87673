//! Reader of the JDK runtime image `lib/modules` (the "jimage" format of JDK 9 and later).
//!
//! Layout (all integers in the image's byte order, given by the magic): a 28-byte header
//! (magic `0xCAFEDADA`, version 1.0, flags, resource count, table length, locations size,
//! strings size), then the redirect table and the offsets table (`table length` 32-bit
//! entries each), the location attribute streams, the NUL-terminated strings, and finally
//! the resources. A name is found through a perfect hash: the redirect slot of
//! `hash(name) % length` is either `-1 - index`, or a seed for a second hash, or 0 (absent).
//! The location found is checked against the full name, since any name hashes somewhere.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};

use memmap2::Mmap;

use crate::error::JImageError;

const MAGIC: u32 = 0xCAFE_DADA;
const HEADER_LEN: usize = 28;
const HASH_MULTIPLIER: u32 = 0x0100_0193;
const COMPRESSED_HEADER_MAGIC: u32 = 0xCAFE_FAFA;

/// The fixed-size header at the start of an image file.
struct Header {
    big_endian: bool,
    table_length: usize,
    locations_size: usize,
    strings_size: usize,
}

impl Header {
    fn read(file: &[u8]) -> Result<Header, JImageError> {
        let bad = |what: String| JImageError::BadHeader(what);
        let head = file
            .get(..HEADER_LEN)
            .ok_or_else(|| bad(format!("{} bytes is shorter than the header", file.len())))?;
        let raw = u32::from_le_bytes([head[0], head[1], head[2], head[3]]);
        let big_endian = if raw == MAGIC {
            false
        } else if raw.swap_bytes() == MAGIC {
            true
        } else {
            return Err(bad(format!("magic {raw:#010x} is not 0xcafedada")));
        };
        let field = |i: usize| -> u32 {
            let b = [
                head[i * 4],
                head[i * 4 + 1],
                head[i * 4 + 2],
                head[i * 4 + 3],
            ];
            if big_endian {
                u32::from_be_bytes(b)
            } else {
                u32::from_le_bytes(b)
            }
        };
        let version = field(1);
        let (major, minor) = (version >> 16, version & 0xFFFF);
        if (major, minor) != (1, 0) {
            return Err(bad(format!("version {major}.{minor}, expected 1.0")));
        }
        Ok(Header {
            big_endian,
            table_length: field(4) as usize,
            locations_size: field(5) as usize,
            strings_size: field(6) as usize,
        })
    }
}

/// Location attribute kinds.
const ATTR_MODULE: usize = 1;
const ATTR_PARENT: usize = 2;
const ATTR_BASE: usize = 3;
const ATTR_EXTENSION: usize = 4;
const ATTR_OFFSET: usize = 5;
const ATTR_COMPRESSED: usize = 6;
const ATTR_UNCOMPRESSED: usize = 7;
const ATTR_COUNT: usize = 8;

/// The decoded attributes of one resource location.
#[derive(Clone, Copy, Debug, Default)]
struct Location {
    attrs: [u64; ATTR_COUNT],
}

/// A memory-mapped jimage file.
pub struct JImage {
    path: PathBuf,
    map: Mmap,
    big_endian: bool,
    table_length: usize,
    redirect: usize,
    offsets: usize,
    locations: (usize, usize),
    strings: (usize, usize),
    index_size: usize,
    /// Package (dotted) -> module, filled as packages are looked up.
    packages: RwLock<HashMap<Box<str>, Option<Arc<str>>>>,
}

impl std::fmt::Debug for JImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JImage")
            .field("path", &self.path)
            .field("len", &self.map.len())
            .field("table_length", &self.table_length)
            .finish()
    }
}

/// The image's hash of a name: FNV-style over its bytes (the JDK hashes modified UTF-8, which
/// equals UTF-8 for every name without NUL or supplementary characters).
fn hash(name: &[u8], seed: u32) -> usize {
    let mut h = seed;
    for &b in name {
        h = h.wrapping_mul(HASH_MULTIPLIER) ^ u32::from(b);
    }
    (h & 0x7FFF_FFFF) as usize
}

impl JImage {
    /// Maps and checks the image at `path`.
    pub fn open(path: &Path) -> Result<JImage, crate::EntryError> {
        let io = |source| crate::EntryError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = File::open(path).map_err(io)?;
        // SAFETY: the class path's files are part of the installed JDK or application and are
        // not modified while the runtime runs; every read below is bounds-checked, so a file
        // that shrinks cannot make us read out of the mapping's bounds by our own indexing.
        let map = unsafe { Mmap::map(&file) }.map_err(io)?;
        JImage::from_map(path, map).map_err(|source| crate::EntryError::JImage {
            path: path.to_path_buf(),
            source,
        })
    }

    fn from_map(path: &Path, map: Mmap) -> Result<JImage, JImageError> {
        let Header {
            big_endian,
            table_length,
            locations_size,
            strings_size,
        } = Header::read(&map)?;
        let redirect = HEADER_LEN;
        let offsets = redirect + table_length * 4;
        let locations = offsets + table_length * 4;
        let strings = locations + locations_size;
        let index_size = strings + strings_size;
        if index_size > map.len() {
            return Err(JImageError::Corrupt(format!(
                "index of {index_size} bytes is larger than the {}-byte file",
                map.len()
            )));
        }
        if table_length == 0 {
            return Err(JImageError::Corrupt("empty hash table".into()));
        }
        Ok(JImage {
            path: path.to_path_buf(),
            map,
            big_endian,
            table_length,
            redirect,
            offsets,
            locations: (locations, locations_size),
            strings: (strings, strings_size),
            index_size,
            packages: RwLock::new(HashMap::new()),
        })
    }

    /// The length of the index (header, hash tables, locations and strings) at the start
    /// of `file`, the bytes every class lookup reads, if `file` starts like an image file.
    pub fn index_len(file: &[u8]) -> Option<usize> {
        let h = Header::read(file).ok()?;
        Some(HEADER_LEN + h.table_length * 8 + h.locations_size + h.strings_size)
    }

    /// The file this image was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The whole memory-mapped file.
    pub(crate) fn mapped(&self) -> &[u8] {
        &self.map
    }

    fn u32_at(&self, at: usize) -> u32 {
        let b = [
            self.map[at],
            self.map[at + 1],
            self.map[at + 2],
            self.map[at + 3],
        ];
        if self.big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        }
    }

    fn u32_in(&self, bytes: &[u8], at: usize) -> Option<u32> {
        let b = bytes.get(at..at + 4)?;
        let b = [b[0], b[1], b[2], b[3]];
        Some(if self.big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    }

    /// The NUL-terminated string at `offset` of the strings section.
    fn string(&self, offset: u64) -> Result<&[u8], JImageError> {
        let (start, size) = self.strings;
        let section = &self.map[start..start + size];
        let rest = usize::try_from(offset)
            .ok()
            .and_then(|o| section.get(o..))
            .ok_or_else(|| {
                JImageError::Corrupt(format!("string offset {offset} is past the strings"))
            })?;
        let end = rest.iter().position(|&b| b == 0).ok_or_else(|| {
            JImageError::Corrupt(format!("string at {offset} has no terminating NUL"))
        })?;
        Ok(&rest[..end])
    }

    fn location_at(&self, offset: u32) -> Result<Location, JImageError> {
        let (start, size) = self.locations;
        let section = &self.map[start..start + size];
        let mut at = offset as usize;
        let mut loc = Location::default();
        loop {
            let Some(&byte) = section.get(at) else {
                return Err(JImageError::Corrupt(format!(
                    "location at {offset} runs past the locations"
                )));
            };
            at += 1;
            let kind = usize::from(byte >> 3);
            if kind == 0 {
                return Ok(loc);
            }
            if kind >= ATTR_COUNT {
                return Err(JImageError::Corrupt(format!(
                    "location at {offset} has attribute kind {kind}"
                )));
            }
            let len = usize::from(byte & 7) + 1;
            let value = section.get(at..at + len).ok_or_else(|| {
                JImageError::Corrupt(format!("location at {offset} is truncated"))
            })?;
            loc.attrs[kind] = value.iter().fold(0u64, |v, &b| (v << 8) | u64::from(b));
            at += len;
        }
    }

    /// Whether `loc` is the location of `name` (`/module/parent/base.extension`).
    fn matches(&self, loc: &Location, name: &[u8]) -> Result<bool, JImageError> {
        let mut rest = name;
        let mut eat = |piece: &[u8]| -> bool {
            match rest.strip_prefix(piece) {
                Some(r) => {
                    rest = r;
                    true
                }
                None => false,
            }
        };
        let a = &loc.attrs;
        if a[ATTR_MODULE] != 0 && !(eat(b"/") && eat(self.string(a[ATTR_MODULE])?) && eat(b"/")) {
            return Ok(false);
        }
        if a[ATTR_PARENT] != 0 && !(eat(self.string(a[ATTR_PARENT])?) && eat(b"/")) {
            return Ok(false);
        }
        if !eat(self.string(a[ATTR_BASE])?) {
            return Ok(false);
        }
        if a[ATTR_EXTENSION] != 0 && !(eat(b".") && eat(self.string(a[ATTR_EXTENSION])?)) {
            return Ok(false);
        }
        Ok(rest.is_empty())
    }

    fn find(&self, name: &str) -> Result<Option<Location>, JImageError> {
        let name = name.as_bytes();
        let slot = hash(name, HASH_MULTIPLIER) % self.table_length;
        let redirect = self.u32_at(self.redirect + slot * 4) as i32;
        let index = match redirect {
            0 => return Ok(None),
            r if r < 0 => (-1 - i64::from(r)) as usize,
            seed => hash(name, seed as u32) % self.table_length,
        };
        if index >= self.table_length {
            return Err(JImageError::Corrupt(format!(
                "redirect slot {slot} points to index {index} of {}",
                self.table_length
            )));
        }
        let loc = self.location_at(self.u32_at(self.offsets + index * 4))?;
        Ok(if self.matches(&loc, name)? {
            Some(loc)
        } else {
            None
        })
    }

    /// The bytes of resource `loc`, borrowed from the map when stored uncompressed.
    fn content(&self, name: &str, loc: &Location) -> Result<&[u8], JImageError> {
        let a = &loc.attrs;
        let stored = if a[ATTR_COMPRESSED] != 0 {
            a[ATTR_COMPRESSED]
        } else {
            a[ATTR_UNCOMPRESSED]
        };
        let start = (self.index_size as u64).checked_add(a[ATTR_OFFSET]);
        let bytes = start
            .and_then(|s| Some((s, s.checked_add(stored)?)))
            .and_then(|(s, e)| {
                self.map
                    .get(usize::try_from(s).ok()?..usize::try_from(e).ok()?)
            })
            .ok_or_else(|| {
                JImageError::Corrupt(format!(
                    "resource {name} ({stored} bytes at {}) lies outside the file",
                    a[ATTR_OFFSET]
                ))
            })?;
        if a[ATTR_COMPRESSED] != 0 {
            return Err(self.compressed_error(name, bytes));
        }
        Ok(bytes)
    }

    /// Names the decompressor of a compressed resource, for a clear error. The compressed
    /// resource header: magic, compressed and uncompressed sizes (u64), the decompressor's
    /// name as a string offset, its config offset, and an is-terminal byte.
    fn compressed_error(&self, name: &str, bytes: &[u8]) -> JImageError {
        let decompressor = match self.u32_in(bytes, 0) {
            Some(COMPRESSED_HEADER_MAGIC) => self
                .u32_in(bytes, 20)
                .and_then(|off| self.string(u64::from(off)).ok())
                .map(|s| String::from_utf8_lossy(s).into_owned())
                .unwrap_or_else(|| "an unknown decompressor".into()),
            _ => "an unknown decompressor".into(),
        };
        JImageError::Compressed {
            name: name.to_string(),
            decompressor,
        }
    }

    /// The resource named `name` (`/module/path/file.ext`), borrowed from the map.
    pub fn resource(&self, name: &str) -> Result<Option<&[u8]>, JImageError> {
        match self.find(name)? {
            Some(loc) => self.content(name, &loc).map(Some),
            None => Ok(None),
        }
    }

    /// The module that holds package `package` (dotted or slashed), read from the image's
    /// `/packages/<package>` entry: pairs of (is-empty flag, module name offset).
    pub fn module_of_package(&self, package: &str) -> Result<Option<Arc<str>>, JImageError> {
        let package = package.replace('/', ".");
        if let Some(known) = self
            .packages
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(package.as_str())
        {
            return Ok(known.clone());
        }
        let module = self.read_module_of_package(&package)?;
        self.packages
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(package.into(), module.clone());
        Ok(module)
    }

    fn read_module_of_package(&self, package: &str) -> Result<Option<Arc<str>>, JImageError> {
        let name = format!("/packages/{package}");
        let Some(content) = self.resource(&name)? else {
            return Ok(None);
        };
        for pair in content.chunks_exact(8) {
            let (Some(empty), Some(module)) = (self.u32_in(pair, 0), self.u32_in(pair, 4)) else {
                break;
            };
            if empty == 0 {
                let module = self.string(u64::from(module))?;
                return Ok(Some(Arc::from(String::from_utf8_lossy(module))));
            }
        }
        Ok(None)
    }

    /// The bytes of class `name` (internal form) and its resource name, or `None` when no
    /// module of the image has it. Classes in the unnamed package are never in the image.
    pub fn class(&self, name: &str) -> Result<Option<(&[u8], String)>, JImageError> {
        let Some((package, _)) = name.rsplit_once('/') else {
            return Ok(None);
        };
        let Some(module) = self.module_of_package(package)? else {
            return Ok(None);
        };
        let resource = format!("/{module}/{name}.class");
        Ok(self.resource(&resource)?.map(|bytes| (bytes, resource)))
    }

    /// Every class of `module` (internal names, `module-info` excluded), in image order.
    pub fn classes_of_module(&self, module: &str) -> Result<Vec<String>, JImageError> {
        let mut classes = Vec::new();
        for index in 0..self.table_length {
            let offset = self.u32_at(self.offsets + index * 4);
            let loc = self.location_at(offset)?;
            let a = &loc.attrs;
            if a[ATTR_MODULE] == 0
                || a[ATTR_EXTENSION] == 0
                || self.string(a[ATTR_EXTENSION])? != b"class"
                || self.string(a[ATTR_MODULE])? != module.as_bytes()
            {
                continue;
            }
            let base = String::from_utf8_lossy(self.string(a[ATTR_BASE])?);
            if base == "module-info" {
                continue;
            }
            let name = if a[ATTR_PARENT] != 0 {
                format!(
                    "{}/{base}",
                    String::from_utf8_lossy(self.string(a[ATTR_PARENT])?)
                )
            } else {
                base.into_owned()
            };
            classes.push(name);
        }
        Ok(classes)
    }

    /// The names of the modules in the image.
    pub fn modules(&self) -> Result<Vec<String>, JImageError> {
        // The image lists its directories too: `/modules/<name>` is module "modules", base
        // "<name>", no parent and no extension.
        let mut modules = Vec::new();
        for index in 0..self.table_length {
            let loc = self.location_at(self.u32_at(self.offsets + index * 4))?;
            let a = &loc.attrs;
            if a[ATTR_MODULE] != 0
                && a[ATTR_PARENT] == 0
                && a[ATTR_EXTENSION] == 0
                && self.string(a[ATTR_MODULE])? == b"modules"
            {
                let base = self.string(a[ATTR_BASE])?;
                // `/modules/<module>` itself, not the deeper directories.
                if !base.contains(&b'/') {
                    modules.push(String::from_utf8_lossy(base).into_owned());
                }
            }
        }
        modules.sort();
        Ok(modules)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_fnv_style_and_positive() {
        assert_eq!(hash(b"", HASH_MULTIPLIER), HASH_MULTIPLIER as usize);
        let h = hash(b"/java.base/java/lang/Object.class", HASH_MULTIPLIER);
        assert!(h <= 0x7FFF_FFFF);
    }
}
