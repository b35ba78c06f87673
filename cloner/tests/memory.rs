//! Memory across fork: a child's writes stay its own, pages stay shared until written,
//! eager copy makes them private at clone time, huge-page arenas stay huge.
#![allow(clippy::unwrap_used)]

mod common;

use common::{pipe, raw, read_all, write_raw};
use jfork_cloner::{CopyMode, ForkOptions, HugePageArena, MemoryReport, mapping_report, spawn};

fn main() {
    common::run(&[
        ("child_writes_are_invisible", child_writes_are_invisible),
        (
            "pages_stay_shared_until_written",
            pages_stay_shared_until_written,
        ),
        (
            "eager_copy_makes_pages_private",
            eager_copy_makes_pages_private,
        ),
        (
            "eager_copy_leaves_untouched_pages_alone",
            eager_copy_leaves_untouched_pages_alone,
        ),
        (
            "arena_is_shared_and_huge_in_child",
            arena_is_shared_and_huge_in_child,
        ),
    ]);
}

fn child_writes_are_invisible() -> Result<(), String> {
    let data = vec![1u8; 1 << 20];
    let (go_r, go_w) = pipe();
    let (res_r, res_w) = pipe();
    let (gr, gw, rw) = (raw(&go_r), raw(&go_w), raw(&res_w));
    let ptr = data.as_ptr() as usize;
    // The writer overwrites its copy, then tells the reader to look.
    let mut writer = spawn(&ForkOptions::new().keep_fd(gw), move || {
        // SAFETY (test): the child's private copy of `data`.
        let copy = unsafe { std::slice::from_raw_parts_mut(ptr as *mut u8, 1 << 20) };
        copy.fill(2);
        write_raw(gw, b"x");
        i32::from(copy.iter().any(|b| *b != 2))
    })
    .unwrap();
    let mut reader = spawn(&ForkOptions::new().keep_fds([gr, rw]), || {
        let mut b = [0u8; 1];
        unsafe { libc::read(gr, b.as_mut_ptr().cast(), 1) };
        let ones = data.iter().all(|b| *b == 1);
        write_raw(rw, if ones { b"ones" } else { b"changed" });
        0
    })
    .unwrap();
    drop((go_r, go_w, res_w));
    let seen = read_all(res_r);
    let w = writer.wait().unwrap();
    reader.wait().unwrap();
    check!(
        w.status.success(),
        "writer did not see its own writes: {w:?}"
    );
    check!(
        seen == b"ones",
        "the other child saw {:?}",
        String::from_utf8_lossy(&seen)
    );
    check!(
        data.iter().all(|b| *b == 1),
        "the parent saw the child's writes"
    );
    Ok(())
}

const REGION: usize = 32 << 20;

/// An anonymous region of 4 KiB pages (no THP), every page written by the parent.
struct Region(*mut u8);

impl Region {
    fn new() -> Self {
        unsafe {
            let p = libc::mmap(
                std::ptr::null_mut(),
                REGION,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            );
            assert_ne!(p, libc::MAP_FAILED);
            libc::madvise(p, REGION, libc::MADV_NOHUGEPAGE);
            std::ptr::write_bytes(p.cast::<u8>(), 0x5a, REGION);
            Region(p.cast())
        }
    }
    fn addr(&self) -> usize {
        self.0 as usize
    }
}

impl Drop for Region {
    fn drop(&mut self) {
        unsafe { libc::munmap(self.0.cast(), REGION) };
    }
}

fn encode(m: &MemoryReport) -> [u8; 16] {
    let mut b = [0; 16];
    b[..8].copy_from_slice(&m.private_dirty.to_le_bytes());
    b[8..].copy_from_slice(&m.shared_dirty.to_le_bytes());
    b
}

fn decode(b: &[u8]) -> (u64, u64) {
    (
        u64::from_le_bytes(b[..8].try_into().unwrap()),
        u64::from_le_bytes(b[8..16].try_into().unwrap()),
    )
}

/// Forks a child that reports (Private_Dirty, Shared_Dirty) of the region before and after
/// writing one byte into its first page.
fn before_and_after_one_write(mode: CopyMode) -> ((u64, u64), (u64, u64)) {
    let region = Region::new();
    let addr = region.addr();
    let (r, w) = pipe();
    let wfd = raw(&w);
    let mut child = spawn(
        &ForkOptions::new().copy_mode(mode).keep_fd(wfd),
        move || {
            let pid = unsafe { libc::getpid() };
            let before = mapping_report(pid, addr).unwrap().memory;
            unsafe { *(addr as *mut u8) = 1 };
            let after = mapping_report(pid, addr).unwrap().memory;
            write_raw(wfd, &encode(&before));
            write_raw(wfd, &encode(&after));
            0
        },
    )
    .unwrap();
    drop(w);
    let bytes = read_all(r);
    child.wait().unwrap();
    assert_eq!(bytes.len(), 32);
    (decode(&bytes[..16]), decode(&bytes[16..]))
}

fn pages_stay_shared_until_written() -> Result<(), String> {
    let (before, after) = before_and_after_one_write(CopyMode::CopyOnWrite);
    check!(
        before == (0, REGION as u64),
        "before the write: (private, shared) dirty = {before:?}"
    );
    check!(
        after == (4096, REGION as u64 - 4096),
        "after one write: (private, shared) dirty = {after:?}"
    );
    Ok(())
}

fn eager_copy_makes_pages_private() -> Result<(), String> {
    let (before, after) = before_and_after_one_write(CopyMode::Eager);
    check!(
        before == (REGION as u64, 0),
        "eager, before the write: (private, shared) dirty = {before:?}"
    );
    check!(after == before, "eager, after one write: {after:?}");
    Ok(())
}

fn eager_copy_leaves_untouched_pages_alone() -> Result<(), String> {
    // 1 GiB reserved, one page touched: eager copy must copy that page only.
    let len = 1usize << 30;
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    assert_ne!(p, libc::MAP_FAILED);
    unsafe { libc::madvise(p, len, libc::MADV_NOHUGEPAGE) };
    unsafe { *(p as *mut u8) = 1 };
    let addr = p as usize;
    let (r, w) = pipe();
    let wfd = raw(&w);
    let options = ForkOptions::new().copy_mode(CopyMode::Eager).keep_fd(wfd);
    let mut child = spawn(&options, move || {
        let m = mapping_report(unsafe { libc::getpid() }, addr)
            .unwrap()
            .memory;
        write_raw(wfd, &encode(&m));
        0
    })
    .unwrap();
    drop(w);
    let bytes = read_all(r);
    child.wait().unwrap();
    unsafe { libc::munmap(p, len) };
    let (private, shared) = decode(&bytes);
    check!(
        private == 4096 && shared == 0,
        "reserved region in eager child: private {private}, shared {shared}"
    );
    Ok(())
}

fn arena_is_shared_and_huge_in_child() -> Result<(), String> {
    let arena = HugePageArena::new(16 << 20).unwrap();
    arena.alloc_bytes(16 << 20).unwrap().fill(7);
    let parent = arena.memory().unwrap().memory;
    check!(
        parent.anon_huge_pages == 16 << 20,
        "parent arena: {parent:?}"
    );
    let addr = arena.as_ptr() as usize;
    let (r, w) = pipe();
    let wfd = raw(&w);
    let mut child = spawn(&ForkOptions::new().keep_fd(wfd), move || {
        let m = mapping_report(unsafe { libc::getpid() }, addr)
            .unwrap()
            .memory;
        write_raw(wfd, &encode(&m));
        write_raw(wfd, &m.anon_huge_pages.to_le_bytes());
        0
    })
    .unwrap();
    drop(w);
    let bytes = read_all(r);
    child.wait().unwrap();
    let (private, shared) = decode(&bytes[..16]);
    let huge = u64::from_le_bytes(bytes[16..24].try_into().unwrap());
    check!(
        private == 0 && shared == 16 << 20 && huge == 16 << 20,
        "child arena: private {private}, shared {shared}, huge {huge}"
    );
    Ok(())
}
