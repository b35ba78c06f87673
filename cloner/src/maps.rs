//! The calling process's mappings (`/proc/self/maps`), and faulting pages in ahead of use.

use std::io;

/// One line of `/proc/self/maps`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// `rwxp`/`rwxs` as the kernel prints them (`-` for a missing right).
    pub perms: [u8; 4],
    /// Offset into the mapped file.
    pub offset: u64,
    /// The file, or a pseudo-name such as `[heap]`; empty for anonymous memory.
    pub path: String,
}

impl Mapping {
    /// Whether the mapping is writable.
    pub fn writable(&self) -> bool {
        self.perms[1] == b'w'
    }

    /// Whether the mapping is private (copy-on-write) rather than shared.
    pub fn private(&self) -> bool {
        self.perms[3] == b'p'
    }

    /// The mapping's bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the mapping is empty (the kernel never lists one).
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// The mappings listed in `maps` text (the format of `/proc/PID/maps`); malformed lines are
/// skipped.
pub fn parse_maps(maps: &str) -> Vec<Mapping> {
    let mut out = Vec::new();
    for line in maps.lines() {
        let mut fields = line.split_whitespace();
        let (Some(range), Some(perms), Some(offset)) =
            (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        // The device and inode, then the path (which may hold spaces).
        let path = fields.skip(2).collect::<Vec<_>>().join(" ");
        let Some((a, b)) = range.split_once('-') else {
            continue;
        };
        let (Ok(start), Ok(end), Ok(offset)) = (
            usize::from_str_radix(a, 16),
            usize::from_str_radix(b, 16),
            u64::from_str_radix(offset, 16),
        ) else {
            continue;
        };
        let Ok(perms) = <[u8; 4]>::try_from(perms.as_bytes()) else {
            continue;
        };
        if end > start {
            out.push(Mapping {
                start,
                end,
                perms,
                offset,
                path,
            });
        }
    }
    out
}

/// The calling process's mappings.
pub fn mappings() -> io::Result<Vec<Mapping>> {
    Ok(parse_maps(&std::fs::read_to_string("/proc/self/maps")?))
}

/// Maps the pages of `[start, start + len)` (rounded out to whole pages) for reading now
/// (`MADV_POPULATE_READ`, Linux 5.14+), as a read of each would, without reading them.
///
/// What it is for: `fork` does not copy page-table entries of file mappings without private
/// copies (the child can fault them in again), so a child takes a page fault on the first
/// read of each such page, the master's executable code among them. A pool child that calls
/// this while it waits takes those faults before its request rather than on its way to
/// `main`.
///
/// # Safety
/// The range must lie inside mappings of this process.
pub unsafe fn fault_in_for_read(start: usize, len: usize) -> io::Result<()> {
    let page = crate::eager::page_size();
    let first = start / page * page;
    let end = (start + len).next_multiple_of(page);
    // SAFETY: the caller vouches for the range; populating for read changes no contents.
    let rc = unsafe {
        libc::madvise(
            first as *mut libc::c_void,
            end - first,
            libc::MADV_POPULATE_READ,
        )
    };
    if rc == -1 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_kernel_format() {
        let maps = "\
55d0c0a00000-55d0c0a21000 rw-p 00000000 00:00 0                          [heap]
7f1e2c000000-7f1e2c021000 r--s 0001a000 fe:00 1234                       /usr/lib/jvm/x/lib/modules
7f1e2d000000-7f1e2d001000 rw-p 00000000 00:00 0 
7f1e2e000000-7f1e2e001000 r-xp 00000000 fe:00 99                         /tmp/a b
7f1e2f000000-7f1e2f001000 rw-s 00000000 00:05 1234                       /dev/zero (deleted)
garbage line
";
        let m = parse_maps(maps);
        assert_eq!(m.len(), 5);
        assert_eq!(m[0].path, "[heap]");
        assert!(m[0].writable() && m[0].private());
        assert_eq!(m[1].offset, 0x1a000);
        assert!(!m[1].writable() && !m[1].private());
        assert_eq!(m[1].len(), 0x21000);
        assert_eq!(m[2].path, "");
        assert_eq!(m[3].path, "/tmp/a b");
        assert_eq!(&m[3].perms, b"r-xp");
        // What eager copy makes private: the writable private ones.
        let eager: Vec<usize> = (0..m.len())
            .filter(|&i| m[i].writable() && m[i].private())
            .collect();
        assert_eq!(eager, [0, 2]);
        assert_eq!(m[4].path, "/dev/zero (deleted)");
    }

    #[test]
    fn faults_in_own_pages() {
        let own = mappings().expect("maps");
        let exe = std::fs::read_link("/proc/self/exe").expect("exe");
        let code = own
            .iter()
            .find(|m| m.path == exe.to_string_lossy() && m.perms[2] == b'x')
            .expect("the test binary's code");
        // SAFETY: the range is one of this process's mappings.
        unsafe { fault_in_for_read(code.start, code.len()) }.expect("populate");
    }
}
