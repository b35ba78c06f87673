//! The Java heap: one large anonymous mapping, an object-start bitmap, free lists the
//! collector refills, bump allocation above them, a hard limit.
//!
//! Objects are addressed by their raw address (`u64`, 0 is `null`); nothing outside this
//! file dereferences an address except through [`Heap`]'s accessors, so no Rust reference
//! into the heap survives an allocation. The collector (`crate::gc`) does not move objects:
//! it finds object starts in [`Heap::starts`] and gives dead space back as free chunks.
//!
//! **Master space.** [`Heap::start_new_region`] (called by `Vm::prepare_fork`) ends the
//! master's part of the heap: everything below [`Heap::space_start`] is immortal for the
//! collector from then on, and no allocation reuses a hole below it, so a forked child
//! never writes a master page merely by allocating (DESIGN.md decision 2).

use jfork_resolver::OBJECT_ALIGNMENT;

use crate::gc::bitmap::Bitmap;

/// Default maximum heap size (`-Xmx`): 512 MiB of address space, committed on first touch.
pub const DEFAULT_HEAP_MAX: usize = 512 << 20;

/// The smallest object (an instance of `java.lang.Object`: the header alone).
pub(crate) const MIN_OBJECT: u64 = 16;

/// Chunks up to this size sit in exact-size lists; larger ones in a size-ordered map.
const SMALL_MAX: u64 = 1024;
const SMALL_CLASSES: usize = (SMALL_MAX / 8) as usize + 1;

/// The heap is out of space (the caller throws `OutOfMemoryError: Java heap space`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("Java heap space: {requested} bytes requested, {free} of {limit} free")]
pub struct OutOfMemory {
    /// Bytes asked for.
    pub requested: u64,
    /// Bytes left.
    pub free: u64,
    /// The heap's limit.
    pub limit: u64,
}

/// Free chunks: exact-size stacks for small sizes (with a mask of the non-empty ones) and a
/// size-ordered map for the rest (best fit).
#[derive(Debug, Default)]
struct FreeLists {
    small: Vec<Vec<u64>>,
    mask: [u64; SMALL_CLASSES.div_ceil(64)],
    large: std::collections::BTreeMap<u64, Vec<u64>>,
    bytes: u64,
}

impl FreeLists {
    fn new() -> FreeLists {
        FreeLists {
            small: vec![Vec::new(); SMALL_CLASSES],
            ..FreeLists::default()
        }
    }

    fn clear(&mut self) {
        self.small.iter_mut().for_each(Vec::clear);
        self.mask = Default::default();
        self.large.clear();
        self.bytes = 0;
    }

    fn add(&mut self, address: u64, size: u64) {
        if size < MIN_OBJECT {
            return;
        }
        self.bytes += size;
        if size <= SMALL_MAX {
            let class = (size / 8) as usize;
            self.small[class].push(address);
            self.mask[class / 64] |= 1 << (class % 64);
        } else {
            self.large.entry(size).or_default().push(address);
        }
    }

    /// A chunk of exactly `size` bytes, split off a larger one if need be.
    fn take(&mut self, size: u64) -> Option<u64> {
        if self.bytes < size {
            return None;
        }
        let (address, chunk) = if size <= SMALL_MAX {
            let class = (size / 8) as usize;
            match self.next_small(class) {
                Some(c) => (self.pop_small(c), c as u64 * 8),
                None => self.pop_large(size)?,
            }
        } else {
            self.pop_large(size)?
        };
        self.bytes -= chunk;
        // A remainder too small for an object is lost until the next sweep finds it.
        self.add(address + size, chunk - size);
        Some(address)
    }

    /// The first non-empty small class at or above `class` that leaves either nothing or a
    /// whole object behind when split.
    fn next_small(&self, class: usize) -> Option<usize> {
        let mut word = class / 64;
        let mut bits = self.mask[word] & (!0u64 << (class % 64));
        loop {
            while bits != 0 {
                let c = word * 64 + bits.trailing_zeros() as usize;
                if c == class || c >= class + 2 {
                    return Some(c);
                }
                bits &= bits - 1;
            }
            word += 1;
            if word == self.mask.len() {
                return None;
            }
            bits = self.mask[word];
        }
    }

    fn pop_small(&mut self, class: usize) -> u64 {
        let list = &mut self.small[class];
        let address = list.pop().unwrap_or(0);
        if list.is_empty() {
            self.mask[class / 64] &= !(1 << (class % 64));
        }
        address
    }

    fn pop_large(&mut self, size: u64) -> Option<(u64, u64)> {
        let (&chunk, _) = self
            .large
            .range(size..)
            .find(|&(&c, _)| c == size || c >= size + MIN_OBJECT)?;
        let list = self.large.get_mut(&chunk)?;
        let address = list.pop()?;
        if list.is_empty() {
            self.large.remove(&chunk);
        }
        Some((address, chunk))
    }
}

/// One contiguous mapping of `limit` bytes, reserved up front (`MAP_NORESERVE`) and advised
/// for transparent huge pages: free lists first, then bump allocation from the bottom up.
#[derive(Debug)]
pub struct Heap {
    base: u64,
    top: u64,
    end: u64,
    /// Start of the collectable space (the base until `start_new_region`).
    space_start: u64,
    /// One bit per 8 bytes: where an object starts.
    starts: Bitmap,
    free: FreeLists,
    /// Bytes handed out since the heap was made (the collector's trigger compares it).
    allocated: u64,
}

impl Heap {
    /// Reserves a heap of `limit` bytes (rounded up to 2 MiB).
    pub fn new(limit: usize) -> std::io::Result<Heap> {
        let limit = limit.max(1 << 21).next_multiple_of(1 << 21);
        let ptr = map_anonymous(limit)?;
        // SAFETY: `ptr..ptr+limit` is the mapping just created. Huge pages keep fork cheap
        // (DESIGN.md decision 2); failure only loses that optimisation.
        unsafe {
            libc::madvise(ptr as *mut libc::c_void, limit, libc::MADV_HUGEPAGE);
        }
        let base = ptr;
        Ok(Heap {
            base,
            // Keep address `base` unused so no object sits at the mapping's first byte.
            top: base + u64::from(OBJECT_ALIGNMENT),
            end: base + limit as u64,
            space_start: base,
            starts: Bitmap::new(base, limit as u64)?,
            free: FreeLists::new(),
            allocated: 0,
        })
    }

    /// Allocates `size` zeroed bytes (rounded up to 8), returning the address.
    #[inline]
    pub fn allocate(&mut self, size: u64) -> Result<u64, OutOfMemory> {
        let size = size.next_multiple_of(u64::from(OBJECT_ALIGNMENT));
        let address = if self.free.bytes >= size
            && let Some(address) = self.free.take(size)
        {
            // SAFETY: a free chunk of `size` bytes inside the mapping, owned by nobody.
            unsafe { std::ptr::write_bytes(address as *mut u8, 0, size as usize) };
            address
        } else {
            if size > self.end - self.top {
                return Err(OutOfMemory {
                    requested: size,
                    free: self.end - self.top + self.free.bytes,
                    limit: self.end - self.base,
                });
            }
            let address = self.top;
            self.top += size;
            address
        };
        self.starts.set(address);
        self.allocated += size;
        Ok(address)
    }

    /// Ends the master's part of the heap: the allocation point moves to the next 2 MiB
    /// boundary, holes below it are forgotten, and everything below it becomes immortal
    /// master space, so later objects (a forked child's) land on pages the current process
    /// never wrote.
    pub fn start_new_region(&mut self) {
        let aligned = self.top.next_multiple_of(1 << 21).min(self.end);
        self.top = aligned;
        self.space_start = aligned;
        self.free.clear();
    }

    /// Bytes in objects (allocated and not given back by the collector).
    pub fn used(&self) -> u64 {
        self.top - self.base - self.free.bytes
    }

    /// Bytes the heap may grow to.
    pub fn limit(&self) -> u64 {
        self.end - self.base
    }

    /// Bytes between the heap's base and its allocation point (holes included).
    pub fn extent(&self) -> u64 {
        self.top - self.base
    }

    /// Whether `address` lies inside the allocated part of the heap.
    pub fn contains(&self, address: u64) -> bool {
        address > self.base && address < self.top
    }

    pub(crate) fn base(&self) -> u64 {
        self.base
    }

    pub(crate) fn top(&self) -> u64 {
        self.top
    }

    pub(crate) fn space_start(&self) -> u64 {
        self.space_start
    }

    pub(crate) fn allocated(&self) -> u64 {
        self.allocated
    }

    pub(crate) fn free_bytes(&self) -> u64 {
        self.free.bytes
    }

    pub(crate) fn starts(&self) -> &Bitmap {
        &self.starts
    }

    /// After a sweep: the object starts of the collectable space become `live` (the mark
    /// bitmap), free lists are rebuilt from `chunks`, and the allocation point drops to
    /// `new_top`, giving the pages above it back to the system.
    pub(crate) fn rebuild(&mut self, live: &Bitmap, chunks: &[(u64, u64)], new_top: u64) {
        self.starts
            .copy_range_from(live, self.space_start, self.top);
        self.free.clear();
        for &(address, size) in chunks {
            self.free.add(address, size);
            release_pages(address, size, 1 << 20);
        }
        if new_top < self.top {
            // Bump allocation expects zeroes above the top: the rest of `new_top`'s page is
            // cleared, the pages up to the old top's end are given back (they read as zero).
            let page_end = new_top.next_multiple_of(4096).min(self.top);
            // SAFETY: the bytes between `new_top` and its page's end hold no object any more.
            unsafe { std::ptr::write_bytes(new_top as *mut u8, 0, (page_end - new_top) as usize) };
            let old_end = self.top.next_multiple_of(4096).min(self.end);
            release_pages(page_end, old_end - page_end, 0);
            self.top = new_top;
        }
    }
}

/// Gives the whole pages inside `address..address+size` back to the system when the range
/// is at least `threshold` bytes (they read as zero afterwards).
fn release_pages(address: u64, size: u64, threshold: u64) {
    if size < threshold.max(4096) {
        return;
    }
    let from = address.next_multiple_of(4096);
    let to = (address + size) & !4095;
    if to > from {
        // SAFETY: whole pages inside the heap mapping that hold no object.
        unsafe {
            libc::madvise(
                from as *mut libc::c_void,
                (to - from) as usize,
                libc::MADV_DONTNEED,
            );
        }
    }
}

/// A private anonymous `MAP_NORESERVE` mapping of `len` bytes.
pub(crate) fn map_anonymous(len: usize) -> std::io::Result<u64> {
    // SAFETY: a fresh private anonymous mapping; no existing memory is affected.
    let ptr = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    if ptr == libc::MAP_FAILED {
        return Err(std::io::Error::last_os_error());
    }
    Ok(ptr as u64)
}

impl Drop for Heap {
    fn drop(&mut self) {
        // SAFETY: unmaps exactly the mapping created in `new`; no address into it is used
        // after the heap is gone (the Vm owning it is being dropped).
        unsafe {
            libc::munmap(
                self.base as *mut libc::c_void,
                (self.end - self.base) as usize,
            );
        }
    }
}

macro_rules! accessors {
    ($($get:ident $put:ident $t:ty;)*) => {
        $(
            /// Reads a value at `address` (an object address plus a field or element offset).
            #[inline(always)]
            pub fn $get(address: u64) -> $t {
                debug_assert!(address != 0 && address % std::mem::align_of::<$t>() as u64 == 0);
                // SAFETY: the interpreter only forms addresses from a live object's address
                // plus an offset inside its layout (checked against the array length or given
                // by the resolver's layout), so the read is inside the heap mapping and
                // naturally aligned.
                unsafe { std::ptr::read(address as *const $t) }
            }
            /// Writes a value at `address` (an object address plus a field or element offset).
            #[inline(always)]
            pub fn $put(address: u64, value: $t) {
                debug_assert!(address != 0 && address % std::mem::align_of::<$t>() as u64 == 0);
                // SAFETY: as for the read accessor: inside a live object of the mapping.
                unsafe { std::ptr::write(address as *mut $t, value) }
            }
        )*
    };
}

accessors! {
    get_i8 put_i8 i8;
    get_u16 put_u16 u16;
    get_i16 put_i16 i16;
    get_i32 put_i32 i32;
    get_u64 put_u64 u64;
}

/// Copies `len` bytes between (possibly overlapping) places in the heap.
pub fn copy_bytes(from: u64, to: u64, len: u64) {
    // SAFETY: callers check both ranges against the arrays' lengths (`System.arraycopy`).
    unsafe { std::ptr::copy(from as *const u8, to as *mut u8, len as usize) }
}

/// Copies bytes out of the heap, starting at `from` (an element address of a live array whose
/// length the caller checked).
pub fn read_bytes(from: u64, out: &mut [u8]) {
    // SAFETY: callers pass a range inside one array (checked against its length).
    unsafe { std::ptr::copy_nonoverlapping(from as *const u8, out.as_mut_ptr(), out.len()) }
}

/// Copies bytes into the heap at `to` (an element address of a live array whose length the
/// caller checked).
pub fn write_bytes(to: u64, bytes: &[u8]) {
    // SAFETY: callers pass a range inside one array (checked against its length).
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), to as *mut u8, bytes.len()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bump_allocation_and_limit() {
        let mut heap = Heap::new(1 << 21).unwrap();
        let a = heap.allocate(20).unwrap();
        let b = heap.allocate(8).unwrap();
        assert_eq!(b - a, 24);
        put_i32(a, -5);
        assert_eq!(get_i32(a), -5);
        assert_eq!(get_u64(b), 0);
        assert!(heap.starts().get(a) && heap.starts().get(b) && !heap.starts().get(a + 8));
        assert!(heap.allocate(4 << 20).is_err());
    }

    #[test]
    fn free_chunks_are_reused_zeroed_and_split() {
        let mut heap = Heap::new(1 << 21).unwrap();
        let a = heap.allocate(64).unwrap();
        let b = heap.allocate(4096).unwrap();
        let c = heap.allocate(16).unwrap();
        let d = heap.allocate(40).unwrap();
        put_u64(d + 32, 5);
        put_u64(a + 8, 7);
        put_u64(b + 8, 9);
        let live = Bitmap::new(heap.base(), heap.limit()).unwrap();
        live.set(c);
        heap.rebuild(&live, &[(a, 64), (b, 4096)], c + 16);
        assert_eq!(heap.free_bytes(), 64 + 4096);
        assert!(!heap.starts().get(a) && heap.starts().get(c));
        let x = heap.allocate(64).unwrap();
        assert_eq!((x, get_u64(x + 8)), (a, 0));
        let y = heap.allocate(2000).unwrap();
        assert_eq!((y, get_u64(y + 8)), (b, 0));
        let z = heap.allocate(1000).unwrap();
        assert_eq!(z, b + 2000);
        assert_eq!(heap.allocate(1096).unwrap(), b + 3000);
        assert_eq!(heap.free_bytes(), 0);
        // The top went back below `d`: bump allocation hands its bytes out again, zeroed.
        let e = heap.allocate(40).unwrap();
        assert_eq!((e, get_u64(e + 32)), (d, 0));
    }
}
