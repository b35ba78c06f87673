//! The concurrent class table and its cache checker.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::thread::{self, ThreadId};
use std::time::Instant;

use dashmap::DashMap;
use dashmap::mapref::entry::Entry;

use crate::key::ClassKey;
use crate::stats::{CacheStats, Counters};

/// What a load function produces: the value to store and how many class-file bytes it
/// stands for (for the statistics).
#[derive(Debug)]
pub struct Loaded<V> {
    /// The value the table keeps for the class.
    pub value: V,
    /// Size of the class bytes behind `value`.
    pub bytes: u64,
}

/// The answer of [`ClassCache::lookup`].
#[derive(Debug)]
pub enum Lookup<V, E> {
    /// The class is loaded.
    Hit(Arc<V>),
    /// Loading the class failed before; it fails the same way again (JVMS 5.3).
    Failed(E),
    /// Another thread is loading the class right now.
    Loading,
    /// The class is not in the table.
    Miss,
}

/// A loaded class, as listed by [`ClassCache::entries`].
#[derive(Debug)]
pub struct CacheEntry<V> {
    /// Its key.
    pub key: ClassKey,
    /// What the table stores for it.
    pub value: Arc<V>,
}

impl<V> Clone for CacheEntry<V> {
    fn clone(&self) -> Self {
        CacheEntry {
            key: self.key.clone(),
            value: Arc::clone(&self.value),
        }
    }
}

/// The error a load function's caller gets when a thread asks for a class it is itself in
/// the middle of loading (a class that is its own supertype: JVMS 5.3.5 ClassCircularityError).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("class {key} is being loaded by this same thread: circular load")]
pub struct ReentrantLoad {
    /// The class asked for.
    pub key: ClassKey,
}

enum SlotState {
    Loading(ThreadId),
    Done,
    /// The load function panicked; the slot was removed from the table, waiters retry.
    Abandoned,
}

struct Slot<V, E> {
    outcome: OnceLock<Result<Arc<V>, E>>,
    state: Mutex<SlotState>,
    finished: Condvar,
}

impl<V, E> Slot<V, E> {
    fn loading() -> Slot<V, E> {
        Slot {
            outcome: OnceLock::new(),
            state: Mutex::new(SlotState::Loading(thread::current().id())),
            finished: Condvar::new(),
        }
    }

    fn done(outcome: Result<Arc<V>, E>) -> Slot<V, E> {
        let slot = Slot {
            outcome: OnceLock::new(),
            state: Mutex::new(SlotState::Done),
            finished: Condvar::new(),
        };
        // A fresh OnceLock: setting it cannot fail.
        let _ = slot.outcome.set(outcome);
        slot
    }

    fn state(&self) -> MutexGuard<'_, SlotState> {
        // A panic while holding this lock cannot leave the state half-written.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn finish(&self, state: SlotState) {
        *self.state() = state;
        self.finished.notify_all();
    }
}

/// The master's class table. `V` is what is stored per class; `E` is the remembered error of
/// a failed load. Shared between threads by reference (`&ClassCache` is `Send + Sync` when
/// `V` and `E` are).
pub struct ClassCache<V, E> {
    map: DashMap<ClassKey, Arc<Slot<V, E>>>,
    order: Mutex<Vec<CacheEntry<V>>>,
    counters: Counters,
}

impl<V, E> Default for ClassCache<V, E> {
    fn default() -> Self {
        ClassCache {
            map: DashMap::new(),
            order: Mutex::new(Vec::new()),
            counters: Counters::default(),
        }
    }
}

impl<V, E: Clone> ClassCache<V, E> {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// The cache checker: is `key` loaded, failed, being loaded, or absent? Counts a hit or a
    /// miss.
    pub fn lookup(&self, key: &ClassKey) -> Lookup<V, E> {
        let Some(slot) = self.map.get(key).map(|s| Arc::clone(s.value())) else {
            Counters::bump(&self.counters.misses, 1);
            return Lookup::Miss;
        };
        match slot.outcome.get() {
            Some(Ok(value)) => {
                Counters::bump(&self.counters.hits, 1);
                Lookup::Hit(Arc::clone(value))
            }
            Some(Err(error)) => {
                Counters::bump(&self.counters.misses, 1);
                Lookup::Failed(error.clone())
            }
            None => {
                Counters::bump(&self.counters.misses, 1);
                Lookup::Loading
            }
        }
    }

    /// The value of a loaded class, without counting a hit or a miss.
    pub fn peek(&self, key: &ClassKey) -> Option<Arc<V>> {
        let slot = self.map.get(key)?;
        match slot.outcome.get() {
            Some(Ok(value)) => Some(Arc::clone(value)),
            _ => None,
        }
    }

    /// Returns the class if it is loaded; otherwise loads it exactly once with `load`.
    ///
    /// A thread that asks for a class another thread is loading waits for that load and
    /// shares its outcome. A failed load is remembered: later calls return the same error
    /// without calling `load` again. If `load` panics, the class is left unloaded (waiters
    /// retry) and the panic continues.
    pub fn get_or_load<F>(&self, key: &ClassKey, load: F) -> Result<Arc<V>, E>
    where
        F: FnOnce() -> Result<Loaded<V>, E>,
        E: From<ReentrantLoad>,
    {
        loop {
            // Fast path: a hit takes only a shard read lock.
            if let Some(slot) = self.map.get(key).map(|s| Arc::clone(s.value()))
                && let Some(outcome) = slot.outcome.get()
            {
                return self.count_outcome(outcome);
            }
            let slot = match self.map.entry(key.clone()) {
                Entry::Occupied(occupied) => Arc::clone(occupied.get()),
                Entry::Vacant(vacant) => {
                    let slot = Arc::new(Slot::loading());
                    vacant.insert(Arc::clone(&slot));
                    Counters::bump(&self.counters.misses, 1);
                    return self.run_load(key, &slot, load);
                }
            };
            if let Some(outcome) = self.wait_for(key, &slot)? {
                return outcome;
            }
        }
    }

    /// Defines `key` directly with `value` (for example from a persistent archive).
    /// Returns the stored value, or `Err` with the value already there (or `None` when the
    /// class is failed or being loaded) if the key was taken.
    pub fn insert(&self, key: ClassKey, value: V, bytes: u64) -> Result<Arc<V>, Option<Arc<V>>> {
        match self.map.entry(key.clone()) {
            Entry::Occupied(occupied) => match occupied.get().outcome.get() {
                Some(Ok(existing)) => Err(Some(Arc::clone(existing))),
                _ => Err(None),
            },
            Entry::Vacant(vacant) => {
                let value = Arc::new(value);
                vacant.insert(Arc::new(Slot::done(Ok(Arc::clone(&value)))));
                self.record_load(key, &value, bytes);
                Ok(value)
            }
        }
    }

    /// Number of classes loaded successfully.
    pub fn len(&self) -> usize {
        self.order
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Whether no class is loaded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The loaded classes in the order their loads completed.
    pub fn entries(&self) -> Vec<CacheEntry<V>> {
        self.order
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The classes whose loads failed, with their remembered errors, sorted by key.
    pub fn failures(&self) -> Vec<(ClassKey, E)> {
        let mut failed: Vec<(ClassKey, E)> = self
            .map
            .iter()
            .filter_map(|entry| match entry.value().outcome.get() {
                Some(Err(error)) => Some((entry.key().clone(), error.clone())),
                _ => None,
            })
            .collect();
        failed.sort_by(|a, b| a.0.cmp(&b.0));
        failed
    }

    /// A snapshot of the counters.
    pub fn stats(&self) -> CacheStats {
        self.counters.snapshot()
    }

    fn count_outcome(&self, outcome: &Result<Arc<V>, E>) -> Result<Arc<V>, E> {
        match outcome {
            Ok(value) => {
                Counters::bump(&self.counters.hits, 1);
                Ok(Arc::clone(value))
            }
            Err(error) => {
                Counters::bump(&self.counters.misses, 1);
                Err(error.clone())
            }
        }
    }

    /// Waits for another thread's load of `slot`. `Ok(None)`: the load was abandoned, retry.
    #[allow(clippy::type_complexity)]
    fn wait_for(&self, key: &ClassKey, slot: &Slot<V, E>) -> Result<Option<Result<Arc<V>, E>>, E>
    where
        E: From<ReentrantLoad>,
    {
        let mut state = slot.state();
        let mut waited = false;
        loop {
            match *state {
                SlotState::Loading(owner) if owner == thread::current().id() => {
                    return Err(E::from(ReentrantLoad { key: key.clone() }));
                }
                SlotState::Loading(_) => {
                    if !waited {
                        Counters::bump(&self.counters.waits, 1);
                        waited = true;
                    }
                    state = slot
                        .finished
                        .wait(state)
                        .unwrap_or_else(PoisonError::into_inner);
                }
                SlotState::Done => {
                    drop(state);
                    return Ok(slot.outcome.get().map(|outcome| {
                        if waited {
                            // The waiting request was a miss, whatever the outcome.
                            Counters::bump(&self.counters.misses, 1);
                            outcome.clone()
                        } else {
                            self.count_outcome(outcome)
                        }
                    }));
                }
                SlotState::Abandoned => return Ok(None),
            }
        }
    }

    fn run_load<F>(&self, key: &ClassKey, slot: &Arc<Slot<V, E>>, load: F) -> Result<Arc<V>, E>
    where
        F: FnOnce() -> Result<Loaded<V>, E>,
    {
        // If `load` panics, the guard takes the slot out of the table and wakes the waiters.
        let guard = AbandonOnUnwind {
            cache: self,
            key,
            slot,
        };
        let started = Instant::now();
        let result = load();
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        std::mem::forget(guard);
        Counters::bump(&self.counters.load_nanos, nanos);
        let outcome = match result {
            Ok(Loaded { value, bytes }) => {
                let value = Arc::new(value);
                self.record_load(key.clone(), &value, bytes);
                Ok(value)
            }
            Err(error) => {
                Counters::bump(&self.counters.failures, 1);
                Err(error)
            }
        };
        let _ = slot.outcome.set(outcome.clone());
        slot.finish(SlotState::Done);
        outcome
    }

    fn record_load(&self, key: ClassKey, value: &Arc<V>, bytes: u64) {
        Counters::bump(&self.counters.loads, 1);
        Counters::bump(&self.counters.bytes, bytes);
        self.order
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(CacheEntry {
                key,
                value: Arc::clone(value),
            });
    }
}

struct AbandonOnUnwind<'c, V, E> {
    cache: &'c ClassCache<V, E>,
    key: &'c ClassKey,
    slot: &'c Arc<Slot<V, E>>,
}

impl<V, E> Drop for AbandonOnUnwind<'_, V, E> {
    fn drop(&mut self) {
        self.cache
            .map
            .remove_if(self.key, |_, slot| Arc::ptr_eq(slot, self.slot));
        self.slot.finish(SlotState::Abandoned);
    }
}
