//! A small reader of zip archives (jar and jmod files): the central directory, stored and
//! deflated entries. Every length and offset read from the file is checked against the real
//! size of the file before use, so a lying archive gives an error, never a panic or a huge
//! allocation.

use std::collections::HashMap;
use std::io::Read;
use std::sync::Arc;

use crate::bytes::ClassBytes;
use crate::error::ZipError;

const EOCD_SIGNATURE: u32 = 0x0605_4b50;
const EOCD_LEN: usize = 22;
const ZIP64_LOCATOR_SIGNATURE: u32 = 0x0706_4b50;
const ZIP64_LOCATOR_LEN: usize = 20;
const ZIP64_EOCD_SIGNATURE: u32 = 0x0606_4b50;
const CENTRAL_SIGNATURE: u32 = 0x0201_4b50;
const CENTRAL_LEN: usize = 46;
const LOCAL_SIGNATURE: u32 = 0x0403_4b50;
const LOCAL_LEN: usize = 30;
const METHOD_STORED: u16 = 0;
const METHOD_DEFLATED: u16 = 8;
const FLAG_ENCRYPTED: u16 = 1;

/// Where one entry's data lives, as the central directory describes it.
#[derive(Clone, Copy, Debug)]
struct EntryMeta {
    local_header: u64,
    compressed: u64,
    uncompressed: u64,
    method: u16,
    flags: u16,
    crc32: u32,
}

/// The central directory of a zip archive held in memory (usually a memory map), indexed by
/// entry name.
#[derive(Debug)]
pub(crate) struct ZipIndex {
    entries: HashMap<Box<str>, EntryMeta>,
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    let b = data.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    let b = data.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn u64_at(data: &[u8], at: usize) -> Option<u64> {
    let b = data.get(at..at.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(b);
    Some(u64::from_le_bytes(a))
}

fn corrupt(what: impl Into<String>) -> ZipError {
    ZipError::Corrupt(what.into())
}

impl ZipIndex {
    /// Reads the central directory of the archive `data`.
    pub(crate) fn parse(data: &[u8]) -> Result<ZipIndex, ZipError> {
        let eocd = find_eocd(data)?;
        let mut count = u64::from(u16_at(data, eocd + 10).ok_or_else(|| corrupt("end record"))?);
        let mut cd_size = u64::from(u32_at(data, eocd + 12).ok_or_else(|| corrupt("end record"))?);
        let mut cd_offset =
            u64::from(u32_at(data, eocd + 16).ok_or_else(|| corrupt("end record"))?);
        if (count == 0xFFFF || cd_size == 0xFFFF_FFFF || cd_offset == 0xFFFF_FFFF)
            && let Some((c, s, o)) = read_zip64_end(data, eocd)?
        {
            (count, cd_size, cd_offset) = (c, s, o);
        }
        let len = data.len() as u64;
        let cd_end = cd_offset
            .checked_add(cd_size)
            .filter(|&end| end <= len)
            .ok_or_else(|| {
                corrupt(format!(
                    "central directory at {cd_offset} of {cd_size} bytes lies outside the {len}-byte file"
                ))
            })?;
        // Each record takes at least CENTRAL_LEN bytes: bound the count by the real size.
        if count > cd_size / CENTRAL_LEN as u64 {
            return Err(corrupt(format!(
                "{count} entries cannot fit in a {cd_size}-byte central directory"
            )));
        }
        let mut entries = HashMap::with_capacity(count as usize);
        let mut at = cd_offset as usize;
        let cd_end = cd_end as usize;
        for index in 0..count {
            let bad = || corrupt(format!("central directory record {index} at offset {at}"));
            if at + CENTRAL_LEN > cd_end || u32_at(data, at) != Some(CENTRAL_SIGNATURE) {
                return Err(bad());
            }
            let flags = u16_at(data, at + 8).ok_or_else(bad)?;
            let method = u16_at(data, at + 10).ok_or_else(bad)?;
            let crc32 = u32_at(data, at + 16).ok_or_else(bad)?;
            let mut compressed = u64::from(u32_at(data, at + 20).ok_or_else(bad)?);
            let mut uncompressed = u64::from(u32_at(data, at + 24).ok_or_else(bad)?);
            let name_len = usize::from(u16_at(data, at + 28).ok_or_else(bad)?);
            let extra_len = usize::from(u16_at(data, at + 30).ok_or_else(bad)?);
            let comment_len = usize::from(u16_at(data, at + 32).ok_or_else(bad)?);
            let mut local_header = u64::from(u32_at(data, at + 42).ok_or_else(bad)?);
            let name_start = at + CENTRAL_LEN;
            let extra_start = name_start + name_len;
            let next = extra_start + extra_len + comment_len;
            if next > cd_end {
                return Err(bad());
            }
            let name = &data[name_start..extra_start];
            let extra = &data[extra_start..extra_start + extra_len];
            apply_zip64_extra(extra, &mut uncompressed, &mut compressed, &mut local_header);
            let name: Box<str> = String::from_utf8_lossy(name).into();
            entries.insert(
                name,
                EntryMeta {
                    local_header,
                    compressed,
                    uncompressed,
                    method,
                    flags,
                    crc32,
                },
            );
            at = next;
        }
        Ok(ZipIndex { entries })
    }

    /// Number of entries.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the archive has an entry `name`.
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.entries.contains_key(name)
    }

    /// The entry names (unordered).
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(|k| &**k)
    }

    /// The bytes of entry `name` of `data` (the archive this index was read from): borrowed
    /// when stored, inflated into shared owned bytes when deflated. `Ok(None)` when absent.
    pub(crate) fn read<'a>(
        &self,
        data: &'a [u8],
        name: &str,
    ) -> Result<Option<ClassBytes<'a>>, ZipError> {
        let Some(meta) = self.entries.get(name) else {
            return Ok(None);
        };
        let entry_err = |what: String| ZipError::Entry {
            name: name.to_string(),
            what,
        };
        if meta.flags & FLAG_ENCRYPTED != 0 {
            return Err(entry_err("is encrypted".into()));
        }
        let local = usize::try_from(meta.local_header)
            .ok()
            .filter(|&l| l.checked_add(LOCAL_LEN).is_some_and(|e| e <= data.len()))
            .ok_or_else(|| {
                entry_err(format!(
                    "local header offset {} is outside the file",
                    meta.local_header
                ))
            })?;
        if u32_at(data, local) != Some(LOCAL_SIGNATURE) {
            return Err(entry_err(format!(
                "no local header signature at offset {local}"
            )));
        }
        let name_len = usize::from(u16_at(data, local + 26).unwrap_or(0));
        let extra_len = usize::from(u16_at(data, local + 28).unwrap_or(0));
        let start = local + LOCAL_LEN + name_len + extra_len;
        let compressed = &usize::try_from(meta.compressed)
            .ok()
            .and_then(|c| start.checked_add(c))
            .filter(|&end| end <= data.len())
            .map(|end| &data[start..end])
            .ok_or_else(|| {
                entry_err(format!(
                    "{} bytes at offset {start} run past the end of the file",
                    meta.compressed
                ))
            })?;
        let compressed: &'a [u8] = compressed;
        match meta.method {
            METHOD_STORED => {
                if meta.uncompressed != meta.compressed {
                    return Err(entry_err(format!(
                        "is stored but its sizes differ ({} vs {})",
                        meta.compressed, meta.uncompressed
                    )));
                }
                check_crc(compressed, meta.crc32).map_err(entry_err)?;
                Ok(Some(ClassBytes::Borrowed(compressed)))
            }
            METHOD_DEFLATED => {
                let inflated =
                    inflate(compressed, meta.uncompressed, data.len()).map_err(entry_err)?;
                check_crc(&inflated, meta.crc32).map_err(entry_err)?;
                Ok(Some(ClassBytes::Shared(Arc::from(inflated))))
            }
            other => Err(entry_err(format!(
                "uses unsupported compression method {other}"
            ))),
        }
    }
}

fn find_eocd(data: &[u8]) -> Result<usize, ZipError> {
    if data.len() < EOCD_LEN {
        return Err(corrupt(format!(
            "{} bytes is too short for a zip end record",
            data.len()
        )));
    }
    // The end record is followed by a comment of at most 65535 bytes.
    let lowest = data.len().saturating_sub(EOCD_LEN + 0xFFFF);
    let mut at = data.len() - EOCD_LEN;
    loop {
        if u32_at(data, at) == Some(EOCD_SIGNATURE) {
            let comment = usize::from(u16_at(data, at + 20).unwrap_or(0));
            if at + EOCD_LEN + comment == data.len() {
                return Ok(at);
            }
        }
        if at == lowest {
            return Err(corrupt("no end-of-central-directory record"));
        }
        at -= 1;
    }
}

fn read_zip64_end(data: &[u8], eocd: usize) -> Result<Option<(u64, u64, u64)>, ZipError> {
    let Some(locator) = eocd.checked_sub(ZIP64_LOCATOR_LEN) else {
        return Ok(None);
    };
    if u32_at(data, locator) != Some(ZIP64_LOCATOR_SIGNATURE) {
        return Ok(None);
    }
    let bad = || corrupt("zip64 end record");
    let record = u64_at(data, locator + 8).ok_or_else(bad)?;
    let record = usize::try_from(record).map_err(|_| bad())?;
    if u32_at(data, record) != Some(ZIP64_EOCD_SIGNATURE) {
        return Err(bad());
    }
    let count = u64_at(data, record + 32).ok_or_else(bad)?;
    let size = u64_at(data, record + 40).ok_or_else(bad)?;
    let offset = u64_at(data, record + 48).ok_or_else(bad)?;
    Ok(Some((count, size, offset)))
}

/// The zip64 extended-information extra field (id 1) holds the 64-bit values of the fields
/// that are 0xFFFFFFFF in the record, in this order.
fn apply_zip64_extra(
    mut extra: &[u8],
    uncompressed: &mut u64,
    compressed: &mut u64,
    offset: &mut u64,
) {
    while extra.len() >= 4 {
        let id = u16::from_le_bytes([extra[0], extra[1]]);
        let len = usize::from(u16::from_le_bytes([extra[2], extra[3]]));
        let Some(body) = extra.get(4..4 + len) else {
            return;
        };
        if id == 1 {
            let mut at = 0;
            for field in [uncompressed, compressed, offset] {
                if *field == 0xFFFF_FFFF {
                    let Some(v) = u64_at(body, at) else { return };
                    *field = v;
                    at += 8;
                }
            }
            return;
        }
        extra = &extra[4 + len..];
    }
}

fn inflate(compressed: &[u8], declared: u64, file_len: usize) -> Result<Vec<u8>, String> {
    // Trust the declared size only as far as the real file size for the first allocation.
    let capacity = usize::try_from(declared)
        .unwrap_or(usize::MAX)
        .min(file_len);
    let mut out = Vec::with_capacity(capacity);
    let limit = declared.saturating_add(1);
    flate2::read::DeflateDecoder::new(compressed)
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|e| format!("does not inflate: {e}"))?;
    if out.len() as u64 != declared {
        return Err(format!(
            "inflates to {}{} bytes, not the declared {declared}",
            if out.len() as u64 > declared {
                "more than "
            } else {
                ""
            },
            out.len()
                .min(usize::try_from(declared).unwrap_or(usize::MAX)),
        ));
    }
    Ok(out)
}

fn check_crc(bytes: &[u8], expected: u32) -> Result<(), String> {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    if crc.sum() == expected {
        Ok(())
    } else {
        Err(format!(
            "has CRC-32 {:08x}, the directory says {expected:08x}",
            crc.sum()
        ))
    }
}
