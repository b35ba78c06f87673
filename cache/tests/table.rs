//! Behaviour of the class table under concurrent use.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;

use jfork_cache::{ClassCache, ClassKey, Loaded, LoaderId, Lookup, ReentrantLoad};

#[derive(Clone, Debug, PartialEq)]
enum TestError {
    Format(String),
    Circular(String),
}

impl From<ReentrantLoad> for TestError {
    fn from(e: ReentrantLoad) -> Self {
        TestError::Circular(e.key.name.to_string())
    }
}

type Cache = ClassCache<String, TestError>;

fn key(name: &str) -> ClassKey {
    ClassKey::new(LoaderId::BOOTSTRAP, name)
}

#[test]
fn concurrent_loads_of_one_class_load_it_once() {
    let cache = Cache::new();
    let calls = AtomicUsize::new(0);
    let threads = 8;
    let barrier = Barrier::new(threads);
    let k = key("java/lang/Object");
    thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                barrier.wait();
                let v = cache
                    .get_or_load(&k, || {
                        calls.fetch_add(1, Ordering::SeqCst);
                        thread::sleep(Duration::from_millis(50));
                        Ok(Loaded {
                            value: "Object".to_string(),
                            bytes: 100,
                        })
                    })
                    .unwrap();
                assert_eq!(*v, "Object");
            });
        }
    });
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    let stats = cache.stats();
    assert_eq!(stats.loads, 1);
    assert_eq!(stats.bytes, 100);
    assert_eq!(stats.hits + stats.misses, threads as u64);
    assert!(stats.load_time >= Duration::from_millis(50));
    assert_eq!(cache.len(), 1);
}

#[test]
fn a_failed_load_is_remembered_with_its_error() {
    let cache = Cache::new();
    let k = key("bad/Class");
    let first = cache.get_or_load(&k, || Err(TestError::Format("truncated".into())));
    assert_eq!(first.unwrap_err(), TestError::Format("truncated".into()));
    let second = cache.get_or_load(&k, || -> Result<Loaded<String>, TestError> {
        panic!("a remembered failure must not be loaded again")
    });
    assert_eq!(second.unwrap_err(), TestError::Format("truncated".into()));
    assert!(matches!(
        cache.lookup(&k),
        Lookup::Failed(TestError::Format(_))
    ));
    assert_eq!(cache.stats().failures, 1);
    assert_eq!(cache.stats().loads, 0);
    assert_eq!(cache.failures().len(), 1);
    assert!(cache.is_empty());
}

#[test]
fn lookup_reports_hit_and_miss() {
    let cache = Cache::new();
    let k = key("a/B");
    assert!(matches!(cache.lookup(&k), Lookup::Miss));
    cache
        .get_or_load(&k, || {
            Ok(Loaded {
                value: "B".into(),
                bytes: 1,
            })
        })
        .unwrap();
    assert!(matches!(cache.lookup(&k), Lookup::Hit(v) if *v == "B"));
    // The same name under another loader is another class.
    assert!(matches!(
        cache.lookup(&ClassKey::new(LoaderId::APP, "a/B")),
        Lookup::Miss
    ));
    let s = cache.stats();
    assert_eq!((s.hits, s.misses), (1, 3));
}

#[test]
fn entries_come_in_load_order() {
    let cache = Cache::new();
    for name in ["c/C", "a/A", "b/B"] {
        cache
            .get_or_load(&key(name), || {
                Ok(Loaded {
                    value: name.into(),
                    bytes: 0,
                })
            })
            .unwrap();
    }
    let names: Vec<String> = cache
        .entries()
        .iter()
        .map(|e| e.key.name.to_string())
        .collect();
    assert_eq!(names, ["c/C", "a/A", "b/B"]);
}

#[test]
fn a_thread_asking_for_the_class_it_is_loading_gets_a_circularity_error() {
    let cache = Cache::new();
    let k = key("a/Self");
    let inner = cache.get_or_load(&k, || {
        let again = cache.get_or_load(&k, || unreachable!());
        assert_eq!(again.unwrap_err(), TestError::Circular("a/Self".into()));
        Ok(Loaded {
            value: "done".into(),
            bytes: 0,
        })
    });
    assert_eq!(*inner.unwrap(), "done");
}

#[test]
fn a_panicking_load_leaves_the_class_loadable() {
    let cache = Arc::new(Cache::new());
    let k = key("a/Panics");
    let c = Arc::clone(&cache);
    let k2 = k.clone();
    let joined = thread::spawn(move || {
        let _ = c.get_or_load(&k2, || -> Result<Loaded<String>, TestError> {
            panic!("boom")
        });
    })
    .join();
    assert!(joined.is_err());
    assert!(matches!(cache.lookup(&k), Lookup::Miss));
    let v = cache
        .get_or_load(&k, || {
            Ok(Loaded {
                value: "ok".into(),
                bytes: 0,
            })
        })
        .unwrap();
    assert_eq!(*v, "ok");
}

#[test]
fn insert_defines_once() {
    let cache = Cache::new();
    assert!(cache.insert(key("x/Y"), "first".into(), 3).is_ok());
    let again = cache.insert(key("x/Y"), "second".into(), 3);
    assert!(matches!(again, Err(Some(v)) if *v == "first"));
    assert_eq!(cache.stats().loads, 1);
}
