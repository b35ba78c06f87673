//! Master space: the heap below `Heap::space_start`, immortal once `Vm::prepare_fork` ended
//! it. Its objects are never marked or freed; the collector only looks into the ones that
//! may point at collectable objects.
//!
//! In a forked child those are the objects on master pages the child wrote: a write copies
//! the page, and `/proc/self/pagemap` then reports it present and exclusively mapped (bit
//! 56). A page still shared with the master holds what it held at fork, when no child
//! object existed, so it can point only into master space. The test is conservative in the
//! safe direction: a page the master wrote after the fork, or any page once the master has
//! exited, is exclusive too and is merely traced for nothing. In the master itself, or if
//! pagemap cannot be read, every master object is traced.

use crate::vm::Vm;

const PAGE: u64 = 4096;
const PRESENT: u64 = 1 << 63;
const EXCLUSIVE: u64 = 1 << 56;

/// Traces the master objects that may point into the collectable space; returns how many.
pub(super) fn trace_master_space(vm: &mut Vm) -> u64 {
    let (base, end) = (vm.heap.base(), vm.heap.space_start());
    if end <= base + 8 {
        return 0;
    }
    let windows = if std::process::id() != vm.gc.creator {
        written_pages(base, end)
    } else {
        None
    };
    let windows = windows.unwrap_or_else(|| vec![(base, end)]);
    let mut traced = 0;
    let mut objects = Vec::new();
    for (lo, hi) in windows {
        objects.clear();
        if let Some(first) = vm.heap.starts().find_prev(lo, base)
            && first < lo
            && first + vm.gc.classes.size_of(first) > lo
        {
            objects.push(first);
        }
        vm.heap.starts().for_each_set(lo, hi, |o| objects.push(o));
        for &object in &objects {
            vm.trace_fields(object, (lo, hi), false);
        }
        traced += objects.len() as u64;
    }
    traced
}

/// The runs of master pages in `base..end` this process has written since it was forked
/// (`None` if pagemap cannot be read).
fn written_pages(base: u64, end: u64) -> Option<Vec<(u64, u64)>> {
    use std::io::{Read, Seek, SeekFrom};
    let first = base / PAGE;
    let count = (end - base).div_ceil(PAGE) as usize;
    let mut file = std::fs::File::open("/proc/self/pagemap").ok()?;
    file.seek(SeekFrom::Start(first * 8)).ok()?;
    let mut bytes = vec![0u8; count * 8];
    file.read_exact(&mut bytes).ok()?;
    let mut runs: Vec<(u64, u64)> = Vec::new();
    for (i, entry) in bytes.chunks_exact(8).enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(entry);
        let flags = u64::from_le_bytes(word);
        if flags & PRESENT == 0 || flags & EXCLUSIVE == 0 {
            continue;
        }
        let lo = (first + i as u64) * PAGE;
        let hi = (lo + PAGE).min(end);
        match runs.last_mut() {
            Some(run) if run.1 == lo => run.1 = hi,
            _ => runs.push((lo.max(base), hi)),
        }
    }
    Some(runs)
}
