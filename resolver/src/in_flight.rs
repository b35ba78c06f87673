//! Classes being defined right now, so that two threads never parse and link one class twice:
//! the second waits for the first (as HotSpot's placeholder table makes it), unless waiting
//! could deadlock.
//!
//! A wait can deadlock only when threads wait for each other in a ring: thread 1 defines `A`
//! and needs `B`, which thread 2 is defining and which needs `A` (a circular hierarchy split
//! across threads). Each wait is checked against the waits already registered; a thread that
//! would close a ring does not wait but defines the class itself, as a single thread would,
//! and so meets the cycle on its own call path (`ClassCircularityError`). A thread that finds
//! a class it is itself defining (a nested load of the verifier) also goes ahead.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::ThreadId;

use crate::class::LinkedClass;
use crate::source::LoaderId;

/// A class being defined: its defining loader and name.
type Key = (LoaderId, Box<str>);

/// The classes being defined, with the thread defining each, and what each waiting thread
/// waits for.
#[derive(Debug, Default)]
pub(crate) struct InFlight {
    state: Mutex<State>,
    finished: Condvar,
}

#[derive(Debug, Default)]
struct State {
    owners: HashMap<Key, ThreadId>,
    waiting: HashMap<ThreadId, Key>,
}

/// What a thread about to define a class does.
pub(crate) enum Claim<'a> {
    /// Another thread has defined it meanwhile: use that class.
    Linked(Arc<LinkedClass>),
    /// Define it. While the guard lives (when there is one) other threads wait for this one.
    Define(Option<ClaimGuard<'a>>),
}

/// Releases a claim when dropped, waking the threads waiting for it (also on a panic, so no
/// waiter hangs).
pub(crate) struct ClaimGuard<'a> {
    in_flight: &'a InFlight,
    key: Key,
}

impl Drop for ClaimGuard<'_> {
    fn drop(&mut self) {
        self.in_flight.lock().owners.remove(&self.key);
        self.in_flight.finished.notify_all();
    }
}

impl InFlight {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Claims class `name` of `loader` for the calling thread, first waiting while another
    /// thread defines it. `linked` looks the class up in the class table (under the claim
    /// lock, so a class is never both missed and unclaimed). The second value says whether
    /// the call waited.
    pub(crate) fn claim(
        &self,
        loader: LoaderId,
        name: &str,
        linked: impl Fn() -> Option<Arc<LinkedClass>>,
    ) -> (Claim<'_>, bool) {
        let me = std::thread::current().id();
        let key: Key = (loader, Box::from(name));
        let mut state = self.lock();
        let mut waited = false;
        loop {
            if let Some(class) = linked() {
                return (Claim::Linked(class), waited);
            }
            let Some(&owner) = state.owners.get(&key) else {
                state.owners.insert(key.clone(), me);
                let guard = ClaimGuard {
                    in_flight: self,
                    key,
                };
                return (Claim::Define(Some(guard)), waited);
            };
            if owner == me || state.closes_ring(owner, me) {
                return (Claim::Define(None), waited);
            }
            state.waiting.insert(me, key.clone());
            state = self.finished.wait(state).unwrap_or_else(|e| e.into_inner());
            state.waiting.remove(&me);
            waited = true;
        }
    }
}

impl State {
    /// Whether `me` waiting for a class that `owner` defines would close a ring of waits.
    fn closes_ring(&self, mut owner: ThreadId, me: ThreadId) -> bool {
        // Each step follows one waiting thread, so a ring not through `me` (impossible: every
        // wait was checked) still ends within as many steps as there are waiters.
        for _ in 0..=self.waiting.len() {
            if owner == me {
                return true;
            }
            match self.waiting.get(&owner).and_then(|k| self.owners.get(k)) {
                Some(&next) => owner = next,
                None => return false,
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_thread_waits_for_the_first() {
        let in_flight = InFlight::default();
        let (claim, waited) = in_flight.claim(LoaderId::BOOTSTRAP, "A", || None);
        assert!(matches!(claim, Claim::Define(Some(_))) && !waited);
        std::thread::scope(|s| {
            let other = s.spawn(|| {
                let (claim, waited) = in_flight.claim(LoaderId::BOOTSTRAP, "A", || None);
                // The first thread's claim ended without a class (it failed): define it.
                (matches!(claim, Claim::Define(Some(_))), waited)
            });
            while in_flight.lock().waiting.is_empty() {
                std::thread::yield_now();
            }
            drop(claim);
            assert_eq!(other.join().ok(), Some((true, true)));
        });
    }

    #[test]
    fn the_owner_itself_goes_ahead() {
        let in_flight = InFlight::default();
        let (_claim, _) = in_flight.claim(LoaderId::APP, "A", || None);
        let (again, waited) = in_flight.claim(LoaderId::APP, "A", || None);
        assert!(matches!(again, Claim::Define(None)) && !waited);
    }

    #[test]
    fn a_ring_of_waits_is_not_entered() {
        let in_flight = InFlight::default();
        let (a, _) = in_flight.claim(LoaderId::APP, "A", || None);
        std::thread::scope(|s| {
            let t = s.spawn(|| {
                // This thread defines B, and then needs A: it waits for the main thread.
                let (b, _) = in_flight.claim(LoaderId::APP, "B", || None);
                let (a, waited) = in_flight.claim(LoaderId::APP, "A", || None);
                drop(b);
                (matches!(a, Claim::Define(Some(_))), waited)
            });
            while in_flight.lock().waiting.is_empty() {
                std::thread::yield_now();
            }
            // The main thread needs B, whose owner waits for A, which it owns: no wait.
            let (b, waited) = in_flight.claim(LoaderId::APP, "B", || None);
            assert!(matches!(b, Claim::Define(None)) && !waited);
            drop(a);
            assert_eq!(t.join().ok(), Some((true, true)));
        });
    }
}
