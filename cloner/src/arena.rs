//! A bump arena for large master state, in anonymous memory advised for transparent huge
//! pages, so that `fork` copies one page-table entry per 2 MiB instead of 512.

use std::alloc::Layout;
use std::cell::Cell;
use std::io;
use std::ptr::NonNull;

use crate::Pid;
use crate::error::{ArenaError, SmapsError};
use crate::smaps::{MappingReport, mapping_report};

/// The size of a transparent huge page on x86-64 and arm64 (4 KiB base pages).
pub const HUGE_PAGE_SIZE: usize = 2 << 20;

/// A bump allocator over one anonymous mapping, 2 MiB aligned and advised with
/// `MADV_HUGEPAGE`. Allocations live as long as the arena; nothing is freed singly.
/// Memory comes zeroed from the kernel.
#[derive(Debug)]
pub struct HugePageArena {
    base: NonNull<u8>,
    capacity: usize,
    used: Cell<usize>,
}

fn syscall_error(call: &'static str) -> ArenaError {
    ArenaError::Syscall {
        call,
        source: io::Error::last_os_error(),
    }
}

impl HugePageArena {
    /// Maps an arena of `capacity` bytes rounded up to whole huge pages. Pages are
    /// allocated on first touch, or all at once by [`populate`](Self::populate).
    pub fn new(capacity: usize) -> Result<Self, ArenaError> {
        let capacity = capacity
            .checked_next_multiple_of(HUGE_PAGE_SIZE)
            .filter(|c| *c > 0 && *c <= isize::MAX as usize / 2)
            .ok_or(ArenaError::CapacityOverflow(capacity))?;
        // Over-map by one huge page, then trim, so the arena starts on a 2 MiB boundary
        // (huge pages need aligned virtual addresses).
        let span = capacity + HUGE_PAGE_SIZE;
        // SAFETY: an anonymous private mapping at an address the kernel picks.
        let raw = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                span,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if raw == libc::MAP_FAILED {
            return Err(syscall_error("mmap"));
        }
        let raw = raw as usize;
        let start = raw.next_multiple_of(HUGE_PAGE_SIZE);
        let head = start - raw;
        let tail = span - head - capacity;
        // SAFETY: both ranges lie in the mapping made above and outside the arena.
        unsafe {
            if head > 0 {
                libc::munmap(raw as *mut libc::c_void, head);
            }
            if tail > 0 {
                libc::munmap((start + capacity) as *mut libc::c_void, tail);
            }
        }
        // SAFETY: advice on the arena's own range.
        if unsafe { libc::madvise(start as *mut libc::c_void, capacity, libc::MADV_HUGEPAGE) } == -1
        {
            let err = syscall_error("madvise(MADV_HUGEPAGE)");
            // SAFETY: unmapping the arena made above, which nothing refers to yet.
            unsafe { libc::munmap(start as *mut libc::c_void, capacity) };
            return Err(err);
        }
        let base = NonNull::new(start as *mut u8).ok_or_else(|| syscall_error("mmap"))?;
        Ok(HugePageArena {
            base,
            capacity,
            used: Cell::new(0),
        })
    }

    /// Allocates every page of the arena now (`MADV_POPULATE_WRITE`), so huge pages are
    /// taken while the master starts rather than on first use.
    pub fn populate(&self) -> Result<(), ArenaError> {
        // SAFETY: advice on the arena's own range; contents are unchanged.
        let rc = unsafe {
            libc::madvise(
                self.base.as_ptr().cast(),
                self.capacity,
                libc::MADV_POPULATE_WRITE,
            )
        };
        if rc == -1 {
            return Err(syscall_error("madvise(MADV_POPULATE_WRITE)"));
        }
        Ok(())
    }

    /// The arena's size in bytes (a multiple of [`HUGE_PAGE_SIZE`]).
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Bytes handed out so far (alignment padding included).
    pub fn used(&self) -> usize {
        self.used.get()
    }

    /// The arena's first byte.
    pub fn as_ptr(&self) -> *const u8 {
        self.base.as_ptr()
    }

    /// Allocates `layout` from the arena.
    pub fn alloc(&self, layout: Layout) -> Result<NonNull<u8>, ArenaError> {
        let base = self.base.as_ptr() as usize;
        let used = self.used.get();
        let exhausted = || ArenaError::Exhausted {
            requested: layout.size(),
            align: layout.align(),
            available: self.capacity - used,
            capacity: self.capacity,
        };
        let start = (base + used)
            .checked_next_multiple_of(layout.align())
            .ok_or_else(exhausted)?;
        let end = start.checked_add(layout.size()).ok_or_else(exhausted)?;
        if end > base + self.capacity {
            return Err(exhausted());
        }
        self.used.set(end - base);
        NonNull::new(start as *mut u8).ok_or_else(exhausted)
    }

    /// Allocates `len` zeroed bytes.
    #[allow(clippy::mut_from_ref)] // Each call hands out a fresh, disjoint range.
    pub fn alloc_bytes(&self, len: usize) -> Result<&mut [u8], ArenaError> {
        let layout =
            Layout::from_size_align(len, 1).map_err(|_| ArenaError::CapacityOverflow(len))?;
        let ptr = self.alloc(layout)?;
        // SAFETY: `ptr..ptr+len` lies inside the arena, was never handed out before (the
        // bump pointer only grows), is zeroed (fresh anonymous memory, never written by
        // the arena) and lives as long as `&self`.
        Ok(unsafe { std::slice::from_raw_parts_mut(ptr.as_ptr(), len) })
    }

    /// The kernel's view of the arena's mapping in this process (check
    /// `memory.anon_huge_pages` to see whether huge pages back it).
    pub fn memory(&self) -> Result<MappingReport, SmapsError> {
        // SAFETY: getpid has no memory effects.
        let pid: Pid = unsafe { libc::getpid() };
        mapping_report(pid, self.base.as_ptr() as usize)
    }
}

impl Drop for HugePageArena {
    fn drop(&mut self) {
        // SAFETY: the arena's mapping; every reference into it borrows `self`, so none
        // outlives this drop.
        unsafe { libc::munmap(self.base.as_ptr().cast(), self.capacity) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bump_allocation_respects_alignment_and_capacity() {
        let arena = HugePageArena::new(1).unwrap();
        assert_eq!(arena.capacity(), HUGE_PAGE_SIZE);
        assert_eq!(arena.as_ptr() as usize % HUGE_PAGE_SIZE, 0);
        let a = arena.alloc_bytes(3).unwrap();
        a.copy_from_slice(b"abc");
        let b = arena
            .alloc(Layout::from_size_align(8, 64).unwrap())
            .unwrap();
        assert_eq!(b.as_ptr() as usize % 64, 0);
        assert_eq!(arena.used(), 64 + 8);
        let err = arena.alloc_bytes(HUGE_PAGE_SIZE).unwrap_err();
        assert!(
            matches!(err, ArenaError::Exhausted { requested, .. } if requested == HUGE_PAGE_SIZE)
        );
        assert_eq!(a, b"abc");
    }

    #[test]
    fn populated_arena_is_backed_by_huge_pages() {
        let arena = HugePageArena::new(8 << 20).unwrap();
        arena.populate().unwrap();
        let report = arena.memory().unwrap();
        assert_eq!(report.start, arena.as_ptr() as usize);
        assert_eq!(report.memory.rss, 8 << 20);
        // THP may be off on other machines; here (madvise mode) it must be on.
        let thp = std::fs::read_to_string("/sys/kernel/mm/transparent_hugepage/enabled")
            .unwrap_or_default();
        if thp.contains("[madvise]") || thp.contains("[always]") {
            assert!(report.memory.anon_huge_pages > 0, "{report:?}");
        }
    }
}
