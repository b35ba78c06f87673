//! A bounds-checked big-endian cursor over borrowed bytes.

use crate::error::{ClassFileError, Location};

/// Reads big-endian values from a slice; every read checks the bounds first.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Offset of `bytes[0]` in the class file, so errors name file offsets.
    base: usize,
}

impl<'a> Reader<'a> {
    #[inline]
    pub(crate) fn new(bytes: &'a [u8], base: usize) -> Self {
        Reader {
            bytes,
            pos: 0,
            base,
        }
    }

    /// Offset of the next byte in the class file.
    #[inline]
    pub(crate) fn file_offset(&self) -> usize {
        self.base + self.pos
    }

    #[inline]
    pub(crate) fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    #[inline]
    pub(crate) fn is_empty(&self) -> bool {
        self.pos == self.bytes.len()
    }

    #[cold]
    #[inline(never)]
    pub(crate) fn truncated(&self, what: &'static str, needed: usize) -> ClassFileError {
        ClassFileError::Truncated {
            at: Location::at(self.file_offset()),
            what,
            needed,
            available: self.remaining(),
        }
    }

    #[inline]
    pub(crate) fn bytes(
        &mut self,
        len: usize,
        what: &'static str,
    ) -> Result<&'a [u8], ClassFileError> {
        // `pos <= bytes.len()` always, so `rest` exists; `get` also checks `len`.
        match self.bytes.get(self.pos..).and_then(|rest| rest.get(..len)) {
            Some(slice) => {
                self.pos += len;
                Ok(slice)
            }
            None => Err(self.truncated(what, len)),
        }
    }

    #[inline]
    fn array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N], ClassFileError> {
        match self
            .bytes
            .get(self.pos..)
            .and_then(|rest| rest.first_chunk::<N>())
        {
            Some(out) => {
                self.pos += N;
                Ok(*out)
            }
            None => Err(self.truncated(what, N)),
        }
    }

    #[inline]
    pub(crate) fn u1(&mut self, what: &'static str) -> Result<u8, ClassFileError> {
        Ok(self.array::<1>(what)?[0])
    }

    #[inline]
    pub(crate) fn u2(&mut self, what: &'static str) -> Result<u16, ClassFileError> {
        Ok(u16::from_be_bytes(self.array(what)?))
    }

    #[inline]
    pub(crate) fn u4(&mut self, what: &'static str) -> Result<u32, ClassFileError> {
        Ok(u32::from_be_bytes(self.array(what)?))
    }

    #[inline]
    pub(crate) fn u8(&mut self, what: &'static str) -> Result<u64, ClassFileError> {
        Ok(u64::from_be_bytes(self.array(what)?))
    }
}

/// Reads a big-endian u16 at `at` from a slice already known to be long enough.
#[inline]
pub(crate) fn be_u16(bytes: &[u8], at: usize) -> u16 {
    match bytes.get(at..at + 2) {
        Some(&[a, b]) => u16::from_be_bytes([a, b]),
        _ => 0,
    }
}

/// Reads a big-endian u32 at `at`, or 0 past the end (callers check lengths first).
#[inline]
pub(crate) fn be_u32(bytes: &[u8], at: usize) -> u32 {
    match bytes.get(at..at + 4) {
        Some(&[a, b, c, d]) => u32::from_be_bytes([a, b, c, d]),
        _ => 0,
    }
}
