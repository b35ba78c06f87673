//! One bit per 8 heap bytes, in a mapping of its own (never in object headers: a child's
//! marks must not touch the master's heap pages).

use std::cell::Cell;
use std::marker::PhantomData;

/// A bitmap covering `base..base+len` of the heap at 8-byte granularity. Pages of the
/// bitmap are committed on first write, so a child dirties only the bitmap pages that
/// cover its own part of the heap.
#[derive(Debug)]
pub(crate) struct Bitmap {
    base: u64,
    words: *mut u64,
    len_words: usize,
    /// Written through `&self` (as a `Cell`): not shareable across threads.
    _not_sync: PhantomData<Cell<()>>,
}

impl Bitmap {
    /// A cleared bitmap for a heap at `base` of `len` bytes.
    pub(crate) fn new(base: u64, len: u64) -> std::io::Result<Bitmap> {
        let len_words = (len / 8).div_ceil(64) as usize;
        let bytes = (len_words * 8).next_multiple_of(4096);
        let words = crate::heap::map_anonymous(bytes)? as *mut u64;
        Ok(Bitmap {
            base,
            words,
            len_words,
            _not_sync: PhantomData,
        })
    }

    #[inline(always)]
    fn index(&self, address: u64) -> (usize, u64) {
        let bit = (address - self.base) / 8;
        let word = (bit / 64) as usize;
        debug_assert!(word < self.len_words);
        (word, 1 << (bit % 64))
    }

    #[inline(always)]
    fn word(&self, word: usize) -> u64 {
        // SAFETY: `word < len_words` (callers index heap addresses inside the mapping the
        // bitmap was made for), and the mapping lives as long as `self`.
        unsafe { *self.words.add(word) }
    }

    #[inline(always)]
    fn set_word(&self, word: usize, value: u64) {
        // SAFETY: as for `word`; one OS thread uses the bitmap (it is not `Sync`).
        unsafe { *self.words.add(word) = value }
    }

    /// Whether the bit of `address` is set.
    #[inline(always)]
    pub(crate) fn get(&self, address: u64) -> bool {
        let (w, m) = self.index(address);
        self.word(w) & m != 0
    }

    /// Sets the bit of `address`.
    #[inline(always)]
    pub(crate) fn set(&self, address: u64) {
        let (w, m) = self.index(address);
        self.set_word(w, self.word(w) | m);
    }

    /// Sets the bit of `address`, answering whether it was clear.
    #[inline(always)]
    pub(crate) fn test_and_set(&self, address: u64) -> bool {
        let (w, m) = self.index(address);
        let old = self.word(w);
        self.set_word(w, old | m);
        old & m == 0
    }

    fn word_range(&self, from: u64, to: u64) -> std::ops::Range<usize> {
        let first = ((from - self.base) / 8 / 64) as usize;
        let last = ((to - self.base) / 8).div_ceil(64) as usize;
        first..last.min(self.len_words)
    }

    /// Clears the bits of `from..to` (`from` a multiple of 512 bytes from the base).
    pub(crate) fn clear_range(&self, from: u64, to: u64) {
        let range = self.word_range(from, to);
        if range.is_empty() {
            return;
        }
        // SAFETY: the words are inside the bitmap's mapping.
        unsafe { std::ptr::write_bytes(self.words.add(range.start), 0, range.len()) };
    }

    /// Copies the bits of `from..to` from `other` (a bitmap over the same heap).
    pub(crate) fn copy_range_from(&self, other: &Bitmap, from: u64, to: u64) {
        debug_assert_eq!((self.base, self.len_words), (other.base, other.len_words));
        for w in self.word_range(from, to) {
            self.set_word(w, other.word(w));
        }
    }

    /// The highest set bit's address at or below `address` and at or above `floor`.
    pub(crate) fn find_prev(&self, address: u64, floor: u64) -> Option<u64> {
        let (mut w, m) = self.index(address);
        let floor_word = self.index(floor).0;
        let mut bits = self.word(w) & (m | (m - 1));
        loop {
            if bits != 0 {
                let bit = w as u64 * 64 + 63 - u64::from(bits.leading_zeros());
                let found = self.base + bit * 8;
                return (found >= floor).then_some(found);
            }
            if w <= floor_word {
                return None;
            }
            w -= 1;
            bits = self.word(w);
        }
    }

    /// Calls `f` with the address of every set bit in `from..to`, in ascending order.
    pub(crate) fn for_each_set(&self, from: u64, to: u64, mut f: impl FnMut(u64)) {
        for w in self.word_range(from, to) {
            let mut bits = self.word(w);
            while bits != 0 {
                let address = self.base + (w as u64 * 64 + u64::from(bits.trailing_zeros())) * 8;
                if address >= to {
                    return;
                }
                if address >= from {
                    f(address);
                }
                bits &= bits - 1;
            }
        }
    }
}

impl Drop for Bitmap {
    fn drop(&mut self) {
        let bytes = (self.len_words * 8).next_multiple_of(4096);
        // SAFETY: unmaps exactly the mapping made in `new`; nothing uses it afterwards.
        unsafe { libc::munmap(self.words.cast(), bytes) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_find_and_iterate() {
        let b = Bitmap::new(4096, 1 << 20).unwrap();
        for a in [4096 + 8, 4096 + 512, 4096 + 4000] {
            b.set(a);
        }
        assert!(b.get(4096 + 512) && !b.get(4096 + 520));
        assert_eq!(b.find_prev(4096 + 3999, 4096), Some(4096 + 512));
        assert_eq!(b.find_prev(4096 + 511, 4096), Some(4096 + 8));
        assert_eq!(b.find_prev(4096 + 7, 4096), None);
        let mut seen = Vec::new();
        b.for_each_set(4096, 4096 + 4000, |a| seen.push(a));
        assert_eq!(seen, [4096 + 8, 4096 + 512]);
        assert!(!b.test_and_set(4096 + 8) && b.test_and_set(4096 + 16));
        b.clear_range(4096, 4096 + 1024);
        assert!(!b.get(4096 + 8) && b.get(4096 + 4000));
    }
}
