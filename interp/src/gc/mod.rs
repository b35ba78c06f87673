//! The garbage collector: non-moving mark-sweep with side mark bits, conservative stack
//! roots, precise heap tracing, `java.lang.ref` processing, and a master space that a
//! forked child never writes by collecting.
//!
//! # Why this design
//! - **Non-moving.** Objects are raw addresses everywhere: untagged Java slots (no stack
//!   maps yet), Rust locals in natives, quickened ops holding interned strings and mirrors,
//!   side tables keyed by address. A moving collector would need every one of them to be
//!   precise and updatable; a non-moving one needs them only to be *found*. Free space is
//!   given back as free chunks that [`crate::heap::Heap::allocate`] uses before bumping.
//! - **Conservative roots, precise heap.** Java slot stacks (every thread's) and the Rust
//!   stacks (the OS thread's and each green thread's coroutine stack, plus callee-saved
//!   registers) are scanned word by word: a word is a root if it is the start of an object
//!   in the collectable space (Rust words may also point inside one). Objects themselves
//!   are traced precisely from the resolver's reference maps; reference arrays element by
//!   element. Precise stack maps can replace the slot scan later without touching the rest.
//! - **Side bitmaps.** Object starts (set by every allocation) and mark bits live in
//!   bitmaps of their own mappings, never in headers: a child marking never writes a master
//!   heap page.
//! - **Master space.** After `Vm::prepare_fork` everything below the heap's space start is
//!   immortal. In a forked child the collector must still find references from master
//!   objects to child objects, which only exist where the child wrote a master object; the
//!   kernel knows those pages: a master page the child wrote was copied, so
//!   `/proc/self/pagemap` reports it exclusively mapped. The child traces only master
//!   objects on such pages; the shared ones still hold their fork-time contents, which can
//!   only point into master space. In the master itself (or without pagemap) every master
//!   object is traced. See [`master`].
//! - **When.** A collection runs when the bytes allocated since the last one exceed the
//!   budget (the live size, at least [`MIN_BUDGET`]), at an interpreter allocation (where
//!   every Java reference is in a slot); when an allocation fails, anywhere (then again with
//!   soft references cleared, then `OutOfMemoryError`); and on `System.gc()`. None runs
//!   before the JDK has booted.
//!
//! Not done: finalizers (`FinalReference`s are strong; `Object.finalize` never runs),
//! unloading of interned strings (they are roots: quickened `ldc` ops hold them) and of
//! classes, compaction (the master's space is as dense as its boot left it).

pub(crate) mod bitmap;
mod mark;
mod master;
mod roots;
mod sweep;

use std::time::{Duration, Instant};

use crate::vm::Vm;
use bitmap::Bitmap;

/// The smallest allocation budget between two collections.
pub(crate) const MIN_BUDGET: u64 = 8 << 20;

/// What the collector has done so far (for `jfork`'s statistics and the benchmarks).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GcStats {
    /// Collections run.
    pub collections: u64,
    /// Time spent collecting.
    pub total_pause: Duration,
    /// The longest collection.
    pub max_pause: Duration,
    /// Bytes found dead, summed over all collections.
    pub freed: u64,
    /// Live bytes of the collectable space after the last collection.
    pub live: u64,
    /// Master objects traced because their page was written (last collection).
    pub dirty_master_objects: u64,
}

/// The collector's state (one field of [`Vm`]).
pub(crate) struct Gc {
    marks: Bitmap,
    classes: mark::ClassShapes,
    work: Vec<u64>,
    /// Scratch space for one object's edges.
    edges: Vec<u64>,
    /// `Reference`s met while marking whose referent may be dead.
    discovered: Vec<u64>,
    /// Head of the pending-reference list (`Reference.discovered` chain) for
    /// `Reference.getAndClearReferencePendingList`.
    pub(crate) pending: u64,
    /// `Heap::allocated` at which the next collection is due.
    next_at: u64,
    budget: u64,
    threads: roots::ThreadRecords,
    /// The process that made the VM (a different pid means a forked child).
    creator: u32,
    log: bool,
    stats: GcStats,
}

impl Gc {
    /// The collector for a heap at `base` of `limit` bytes.
    pub(crate) fn new(base: u64, limit: u64) -> std::io::Result<Gc> {
        let budget = (limit / 8).clamp(1 << 20, MIN_BUDGET);
        Ok(Gc {
            marks: Bitmap::new(base, limit)?,
            classes: mark::ClassShapes::default(),
            work: Vec::new(),
            edges: Vec::new(),
            discovered: Vec::new(),
            pending: 0,
            next_at: budget,
            budget,
            threads: roots::ThreadRecords::new(),
            creator: std::process::id(),
            log: std::env::var_os("JFORK_GC_LOG").is_some(),
            stats: GcStats::default(),
        })
    }
}

impl Vm {
    /// Runs a full collection now (the master calls it before it starts serving;
    /// `System.gc()` does too). Does nothing before the JDK has booted.
    pub fn collect_garbage(&mut self) {
        if self.booted {
            self.collect(false);
        }
    }

    /// What the collector has done so far.
    pub fn gc_stats(&self) -> GcStats {
        self.gc.stats
    }

    /// The addresses of the heap's master space (immortal since `prepare_fork`; empty
    /// before).
    pub fn master_space(&self) -> std::ops::Range<u64> {
        self.heap.base()..self.heap.space_start()
    }

    /// Whether an allocation made from `caller` should collect first: the budget is spent
    /// and the allocation comes from the interpreter's own ops, where every Java reference
    /// is in a slot (natives may hold addresses in Rust vectors between allocations).
    #[inline(always)]
    pub(crate) fn collection_due(&self, caller: &std::panic::Location<'_>) -> bool {
        self.heap.allocated() >= self.gc.next_at
            && self.booted
            && caller.file().ends_with("interp.rs")
    }

    /// Remembers where the running green thread keeps its stacks (see [`roots`]).
    #[inline(always)]
    pub(crate) fn note_thread(&mut self) {
        if !self.gc.threads.known(self.current) {
            self.gc.threads.record(self.current, &self.thread);
        }
    }

    /// The allocation failed: collect (then again clearing soft references) and retry.
    pub(crate) fn allocate_after_collecting(&mut self, size: u64) -> Option<u64> {
        if !self.booted {
            return None;
        }
        for clear_soft in [false, true] {
            self.collect(clear_soft);
            if let Ok(address) = self.heap.allocate(size) {
                return Some(address);
            }
        }
        if self.gc.log {
            eprintln!(
                "[gc: no room for {size} bytes: {} free in chunks, {} above the top]",
                self.heap.free_bytes(),
                self.heap.limit() - self.heap.extent()
            );
        }
        None
    }

    /// One collection: mark from the roots, process references, sweep.
    pub(crate) fn collect(&mut self, clear_soft: bool) {
        let started = Instant::now();
        let before = self.heap.used();
        let from = self.heap.space_start();
        let to = self.heap.top();
        self.gc.marks.clear_range(from, to);
        self.gc.classes.refresh(&self.classes);
        roots::mark_roots(self);
        let dirty = master::trace_master_space(self);
        self.drain(clear_soft);
        self.process_references();
        self.sweep(from, to);
        self.wake_reference_handler();
        let after = self.heap.used();
        let pause = started.elapsed();
        let stats = &mut self.gc.stats;
        stats.collections += 1;
        stats.total_pause += pause;
        stats.max_pause = stats.max_pause.max(pause);
        stats.freed += before.saturating_sub(after);
        stats.dirty_master_objects = dirty;
        let live = after - (from - self.heap.base()).min(after);
        stats.live = live;
        self.gc.next_at = self.heap.allocated() + live.max(self.gc.budget);
        if self.gc.log {
            eprintln!(
                "[gc #{}{}: {} KiB -> {} KiB (live {} KiB), {} dirty master objects, {:.3} ms]",
                stats.collections,
                if clear_soft {
                    " clearing soft references"
                } else {
                    ""
                },
                before >> 10,
                after >> 10,
                live >> 10,
                dirty,
                pause.as_secs_f64() * 1000.0
            );
        }
    }

    /// `Runtime.totalMemory`: the heap's extent so far, at least the next collection's
    /// trigger, at most `-Xmx`.
    pub(crate) fn total_memory(&self) -> u64 {
        let due = self.heap.used() + self.gc.next_at.saturating_sub(self.heap.allocated());
        self.heap
            .extent()
            .max(due)
            .next_multiple_of(1 << 20)
            .min(self.heap.limit())
    }

    /// `Runtime.freeMemory`.
    pub(crate) fn free_memory(&self) -> u64 {
        self.total_memory().saturating_sub(self.heap.used())
    }

    /// `Runtime.maxMemory`.
    pub(crate) fn max_memory(&self) -> u64 {
        self.heap.limit()
    }
}
