//! The Java heap: one large anonymous mapping, bump allocation, a hard limit.
//!
//! Objects are addressed by their raw address (`u64`, 0 is `null`); nothing outside this
//! file dereferences an address except through [`Heap`]'s accessors, so no Rust reference
//! into the heap survives an allocation (a moving collector can take over later: all
//! allocation goes through [`Heap::allocate`]).

use jfork_resolver::OBJECT_ALIGNMENT;

/// Default maximum heap size (`-Xmx`): 512 MiB of address space, committed on first touch.
pub const DEFAULT_HEAP_MAX: usize = 512 << 20;

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

/// One contiguous mapping of `limit` bytes, reserved up front (`MAP_NORESERVE`) and advised
/// for transparent huge pages, allocated from the bottom up.
#[derive(Debug)]
pub struct Heap {
    base: u64,
    top: u64,
    end: u64,
}

impl Heap {
    /// Reserves a heap of `limit` bytes (rounded up to 2 MiB).
    pub fn new(limit: usize) -> std::io::Result<Heap> {
        let limit = limit.max(1 << 21).next_multiple_of(1 << 21);
        // SAFETY: a fresh private anonymous mapping; no existing memory is affected.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                limit,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if ptr == libc::MAP_FAILED {
            return Err(std::io::Error::last_os_error());
        }
        // SAFETY: `ptr..ptr+limit` is the mapping just created. Huge pages keep fork cheap
        // (DESIGN.md decision 2); failure only loses that optimisation.
        unsafe {
            libc::madvise(ptr, limit, libc::MADV_HUGEPAGE);
        }
        let base = ptr as u64;
        Ok(Heap {
            // Keep address `base` unused so no object sits at the mapping's first byte.
            base,
            top: base + u64::from(OBJECT_ALIGNMENT),
            end: base + limit as u64,
        })
    }

    /// Allocates `size` zeroed bytes (rounded up to 8), returning the address.
    #[inline]
    pub fn allocate(&mut self, size: u64) -> Result<u64, OutOfMemory> {
        let size = size.next_multiple_of(u64::from(OBJECT_ALIGNMENT));
        if size > self.end - self.top {
            return Err(OutOfMemory {
                requested: size,
                free: self.end - self.top,
                limit: self.end - self.base,
            });
        }
        let address = self.top;
        self.top += size;
        Ok(address)
    }

    /// Moves the allocation point to the next 2 MiB boundary, so later objects (a forked
    /// child's) land on pages the current process never wrote.
    pub fn start_new_region(&mut self) {
        let aligned = self.top.next_multiple_of(1 << 21).min(self.end);
        self.top = aligned;
    }

    /// Bytes allocated so far.
    pub fn used(&self) -> u64 {
        self.top - self.base
    }

    /// Whether `address` lies inside the allocated part of the heap.
    pub fn contains(&self, address: u64) -> bool {
        address > self.base && address < self.top
    }
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
        assert!(heap.allocate(4 << 20).is_err());
    }
}
