//! Eager copy: make the calling process's copy of its writable private memory private now,
//! instead of page by page on first write (copy-on-write).

use std::io;

/// What [`make_private_now`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EagerCopyStats {
    /// Writable private mappings looked at.
    pub mappings: usize,
    /// Bytes of resident pages made private (populated for write).
    pub bytes: u64,
}

/// Makes private, now, every resident page of the calling process's writable private
/// mappings (`MADV_POPULATE_WRITE`, Linux 5.14+). Pages never touched (not resident, per
/// `mincore`) are left alone, so a large reserved but unused region costs nothing.
/// Run in a freshly forked child, this is the eager-copy clone of [`CopyMode::Eager`](crate::CopyMode::Eager).
pub fn make_private_now() -> io::Result<EagerCopyStats> {
    let page = page_size();
    let mut stats = EagerCopyStats::default();
    let mut resident = Vec::new();
    for m in crate::maps::mappings()?
        .into_iter()
        .filter(|m| m.writable() && m.private())
    {
        stats.mappings += 1;
        // In chunks, so a huge reserved but mostly untouched region needs little memory.
        let mut chunk_start = m.start;
        while chunk_start < m.end {
            let chunk_end = m.end.min(chunk_start + MINCORE_CHUNK_PAGES * page);
            stats.bytes += populate_resident(chunk_start, chunk_end, page, &mut resident)?;
            chunk_start = chunk_end;
        }
    }
    Ok(stats)
}

/// Pages looked at per `mincore` call (256 MiB of 4 KiB pages, a 64 KiB vector).
const MINCORE_CHUNK_PAGES: usize = 1 << 16;

/// Populates for write the resident runs of pages in `[start, end)`; returns the bytes.
fn populate_resident(
    start: usize,
    end: usize,
    page: usize,
    resident: &mut Vec<u8>,
) -> io::Result<u64> {
    let pages = (end - start) / page;
    resident.clear();
    resident.resize(pages, 0u8);
    // SAFETY: [start, end) lies in a mapping of this process (from /proc/self/maps; the
    // process is single-threaded so it cannot change meanwhile) and `resident` holds one
    // byte per page.
    if unsafe {
        libc::mincore(
            start as *mut libc::c_void,
            end - start,
            resident.as_mut_ptr(),
        )
    } == -1
    {
        // ENOMEM: the mapping went away (it was our own allocator's); skip it.
        return Ok(0);
    }
    let mut bytes = 0;
    let mut i = 0;
    while i < pages {
        if resident[i] & 1 == 0 {
            i += 1;
            continue;
        }
        let run_start = i;
        while i < pages && resident[i] & 1 != 0 {
            i += 1;
        }
        let addr = start + run_start * page;
        let len = (i - run_start) * page;
        // SAFETY: MADV_POPULATE_WRITE faults in pages of a mapping this process owns as
        // if written, without changing their contents.
        if unsafe { libc::madvise(addr as *mut libc::c_void, len, libc::MADV_POPULATE_WRITE) } == -1
        {
            let err = io::Error::last_os_error();
            match err.raw_os_error() {
                // A file-backed page past the end of its file; nothing to copy.
                Some(libc::EFAULT) | Some(libc::ENOMEM) => continue,
                _ => return Err(err),
            }
        }
        bytes += len as u64;
    }
    Ok(bytes)
}

pub(crate) fn page_size() -> usize {
    // SAFETY: sysconf has no memory effects.
    let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if n > 0 { n as usize } else { 4096 }
}
