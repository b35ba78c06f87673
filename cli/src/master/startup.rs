//! How long children take from the master receiving their request to entering `main`.
//!
//! The master stamps each run request when it has read it (`CLOCK_MONOTONIC`); the child
//! stamps the moment it calls `main` (the runtime's main-entry hook, [`stamp_main`]) into
//! its slot of a small shared page that every child inherits ([`Board`]). When the child
//! ends, the master reads the slot, logs the figure with the child's end and keeps the last
//! [`RECENT`] figures for `jfork status` (p50, p99), which is where the benchmark reads
//! them.

use std::cell::Cell;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicPtr, AtomicU64, Ordering};

use crate::protocol::StartupStats;
use crate::runner::monotonic_ns;

/// How many recent figures the master keeps.
pub const RECENT: usize = 1000;

/// The board's slots, shared by the master and all its children (`MAP_SHARED`), and the
/// slot of the child being forked (set just before `fork`, so the child knows its own).
static SLOTS: AtomicPtr<AtomicU64> = AtomicPtr::new(std::ptr::null_mut());
thread_local! {
    static CURRENT: Cell<Option<usize>> = const { Cell::new(None) };
}

/// The master's side: one slot per possible concurrent child.
pub struct Board {
    slots: &'static [AtomicU64],
    free: Vec<usize>,
    recent: VecDeque<u64>,
}

impl Board {
    /// Maps `capacity` slots shared with every child forked later; `None` if the kernel
    /// refuses (the figures are then not measured).
    pub fn new(capacity: usize) -> Option<Board> {
        let capacity = capacity.max(1);
        let len = capacity * size_of::<AtomicU64>();
        // SAFETY: a fresh shared anonymous mapping; it is never unmapped (the master keeps
        // it for its lifetime, and children inherit it).
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return None;
        }
        let first = p.cast::<AtomicU64>();
        // SAFETY: the mapping holds `capacity` zeroed, aligned u64 cells and lives forever.
        let slots = unsafe { std::slice::from_raw_parts(first, capacity) };
        SLOTS.store(first, Ordering::Release);
        Some(Board {
            slots,
            free: (0..capacity).rev().collect(),
            recent: VecDeque::with_capacity(RECENT),
        })
    }

    /// Takes a slot for the child about to be forked and makes it the current one (the
    /// child's copy of this process sees it); `None` when every slot is taken.
    pub fn before_fork(&mut self) -> Option<usize> {
        let slot = self.free.pop();
        if let Some(s) = slot {
            self.slots[s].store(0, Ordering::Relaxed);
        }
        CURRENT.with(|c| c.set(slot));
        slot
    }

    /// Gives `slot` back (a fork that failed, or a child that ended) and returns when its
    /// child entered `main`, if it did.
    pub fn release(&mut self, slot: usize) -> Option<u64> {
        let at = self.slots.get(slot)?.swap(0, Ordering::Relaxed);
        self.free.push(slot);
        (at != 0).then_some(at)
    }

    /// Records one request→main figure.
    pub fn record(&mut self, ns: u64) {
        if self.recent.len() == RECENT {
            self.recent.pop_front();
        }
        self.recent.push_back(ns);
    }

    /// The recent figures' summary.
    pub fn stats(&self) -> StartupStats {
        let mut sorted: Vec<u64> = self.recent.iter().copied().collect();
        sorted.sort_unstable();
        let pick = |q: f64| -> Option<u64> {
            let last = sorted.len().checked_sub(1)?;
            Some(sorted[((last as f64) * q).round() as usize] / 1000)
        };
        StartupStats {
            count: sorted.len(),
            p50_us: pick(0.50),
            p99_us: pick(0.99),
            max_us: sorted.last().map(|n| n / 1000),
        }
    }
}

/// In a pool child, forked before its request: the slot the master gave it with the
/// request.
pub fn set_current(slot: Option<usize>) {
    CURRENT.with(|c| c.set(slot));
}

/// The child's side, called as it enters `main`: stamps the time in its slot.
pub fn stamp_main() {
    let first = SLOTS.load(Ordering::Acquire);
    let Some(slot) = CURRENT.with(Cell::get) else {
        return;
    };
    if first.is_null() {
        return;
    }
    // SAFETY: `slot` was handed out by the board whose cells start at `first` (inherited
    // through fork, never unmapped).
    let cell = unsafe { &*first.add(slot) };
    // Only the first entry counts (a program calling its own main again does not).
    let _ = cell.compare_exchange(0, monotonic_ns(), Ordering::Relaxed, Ordering::Relaxed);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_stamped_and_summarised() {
        let mut board = Board::new(2).unwrap();
        let a = board.before_fork().unwrap();
        stamp_main();
        let stamped = board.release(a);
        assert!(stamped.is_some());
        let b = board.before_fork().unwrap();
        assert_eq!(board.release(b), None, "no main entered");
        for us in [300, 100, 200] {
            board.record(us * 1000);
        }
        let s = board.stats();
        assert_eq!((s.count, s.p50_us, s.max_us), (3, Some(200), Some(300)));
        assert_eq!(s.p99_us, Some(300));
    }
}
