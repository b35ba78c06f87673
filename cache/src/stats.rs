//! Counters kept by the class table.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// A snapshot of the table's counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Lookups that found a loaded class.
    pub hits: u64,
    /// Lookups that found nothing loaded (including those that then waited for another
    /// thread's load, and those answered by a remembered failure).
    pub misses: u64,
    /// Loads that succeeded.
    pub loads: u64,
    /// Loads that failed (each failure is remembered and counted once).
    pub failures: u64,
    /// Requests that waited for another thread's in-flight load.
    pub waits: u64,
    /// Bytes of the successfully loaded classes, as reported by the loader.
    pub bytes: u64,
    /// Time spent inside load functions, summed over threads.
    pub load_time: Duration,
}

/// The live counters.
#[derive(Default)]
pub(crate) struct Counters {
    pub hits: AtomicU64,
    pub misses: AtomicU64,
    pub loads: AtomicU64,
    pub failures: AtomicU64,
    pub waits: AtomicU64,
    pub bytes: AtomicU64,
    pub load_nanos: AtomicU64,
}

impl Counters {
    pub fn bump(counter: &AtomicU64, by: u64) {
        counter.fetch_add(by, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> CacheStats {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        CacheStats {
            hits: get(&self.hits),
            misses: get(&self.misses),
            loads: get(&self.loads),
            failures: get(&self.failures),
            waits: get(&self.waits),
            bytes: get(&self.bytes),
            load_time: Duration::from_nanos(get(&self.load_nanos)),
        }
    }
}
