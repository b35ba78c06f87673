//! The master's concurrent class table: lookup, insert-once, in-flight loads, statistics.
//!
//! A [`ClassCache`] maps a [`ClassKey`] (defining loader + binary name in internal form) to
//! whatever the caller stores: the preloader keeps located and parsed class bytes, the
//! resolver will keep linked classes. It is the "cache checker" of the design: a lookup is a
//! hit or a miss; a miss that another thread is already loading waits for that load instead
//! of loading the class a second time; a load that failed is remembered with its error, so
//! the next request fails the same way (JVMS 5.3).
//!
//! ```
//! use jfork_cache::{ClassCache, ClassKey, Loaded, LoaderId, Lookup, ReentrantLoad};
//!
//! #[derive(Clone, Debug)]
//! enum LoadError { Circular(ClassKey) }
//! impl From<ReentrantLoad> for LoadError {
//!     fn from(e: ReentrantLoad) -> Self { LoadError::Circular(e.key) }
//! }
//!
//! let cache: ClassCache<Vec<u8>, LoadError> = ClassCache::new();
//! let key = ClassKey::new(LoaderId::BOOTSTRAP, "java/lang/Object");
//! assert!(matches!(cache.lookup(&key), Lookup::Miss));
//! let bytes = cache
//!     .get_or_load(&key, || Ok(Loaded { value: vec![0xCA, 0xFE], bytes: 2 }))
//!     .unwrap();
//! assert_eq!(bytes.as_slice(), &[0xCA, 0xFE]);
//! assert!(matches!(cache.lookup(&key), Lookup::Hit(_)));
//! assert_eq!(cache.stats().loads, 1);
//! ```

mod key;
mod stats;
mod table;

pub use key::{ClassKey, LoaderId};
pub use stats::CacheStats;
pub use table::{CacheEntry, ClassCache, Loaded, Lookup, ReentrantLoad};
