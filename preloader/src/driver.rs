//! The preload driver: locate -> parse -> cache insert (-> link) for every listed class and
//! its supertypes, in parallel, joining every helper thread before it returns.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use jfork_cache::{ClassCache, ClassKey, Loaded, LoaderId, ReentrantLoad};
use jfork_classfile::{ClassFile, ClassFileError};

use crate::bytes::ClassBytes;
use crate::classpath::{ClassPath, Located};
use crate::error::LocateError;
use crate::list::PreloadList;

/// How many missing names a report lists (the count covers them all).
const MISSING_SHOWN: usize = 10;

/// What the preloader keeps in the cache for each class: its bytes (borrowed from the class
/// path's memory maps where possible), where they came from, and its direct supertypes.
#[derive(Debug)]
pub struct PreloadedClass<'cp> {
    /// The class file.
    pub bytes: ClassBytes<'cp>,
    /// Index of the class path entry it came from.
    pub entry: usize,
    /// Its resource name inside that entry.
    pub resource: String,
    /// Its superclass (internal name), `None` for `java/lang/Object`.
    pub super_class: Option<Arc<str>>,
    /// Its direct superinterfaces (internal names).
    pub interfaces: Vec<Arc<str>>,
}

/// Why a class failed to load; remembered in the cache (JVMS 5.3).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// The class path has no such class.
    #[error("class {0} not found on the class path")]
    NotFound(String),
    /// The entry that has the class cannot give its bytes, or the name is invalid.
    #[error(transparent)]
    Locate(#[from] LocateError),
    /// The bytes are not a valid class file (JVMS 4, 5.3.5).
    #[error("class {name}: {error}")]
    Format {
        /// The class.
        name: String,
        /// What is wrong.
        error: ClassFileError,
    },
    /// The class file defines another class than the one asked for (JVMS 5.3.5).
    #[error("class {expected}: the class file defines {found} (wrong name)")]
    WrongName {
        /// The name asked for.
        expected: String,
        /// The name in the class file.
        found: String,
    },
    /// The class is its own supertype, seen while loading it (JVMS 5.3.5).
    #[error(transparent)]
    Circular(#[from] ReentrantLoad),
}

impl LoadError {
    /// The Java error this failure is thrown as.
    pub fn java_error(&self) -> &'static str {
        match self {
            LoadError::NotFound(_) | LoadError::WrongName { .. } => {
                "java.lang.NoClassDefFoundError"
            }
            LoadError::Locate(LocateError::BadName(_)) => "java.lang.NoClassDefFoundError",
            LoadError::Locate(LocateError::Read { .. }) | LoadError::Format { .. } => {
                "java.lang.ClassFormatError"
            }
            LoadError::Circular(_) => "java.lang.ClassCircularityError",
        }
    }
}

/// The class table the preloader fills.
pub type PreloadCache<'cp> = ClassCache<PreloadedClass<'cp>, LoadError>;

/// The link step run after loading, once per loaded class (the resolver plugs in here).
/// Called from several threads at once, each class once, in no particular order.
pub trait Link: Sync {
    /// A name for reports, e.g. `"jfork-resolver"`.
    fn name(&self) -> &str;
    /// Links one loaded class; `Err` says which error linking it raises, and why.
    fn link(&self, key: &ClassKey, class: &PreloadedClass<'_>) -> Result<(), LinkFailure>;
}

/// Why the link step refused a class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkFailure {
    /// The Java error it raises (`java.lang.NoClassDefFoundError`).
    pub error: String,
    /// Its message.
    pub reason: String,
}

/// A class that failed, with why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Failure {
    /// Internal name.
    pub name: String,
    /// Step that failed: `"load"` or `"link"`.
    pub step: &'static str,
    /// The Java error it maps to.
    pub error: String,
    /// The reason.
    pub reason: String,
}

/// What a preload run did; printed by `jfork preload` (`--json` serializes it).
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct PreloadReport {
    /// The preload list's source.
    pub list: String,
    /// Classes on the list.
    pub listed: usize,
    /// `@`-directive lines of the list that were skipped.
    pub directives_skipped: usize,
    /// Classes this run loaded (listed classes and supertypes).
    pub loaded: u64,
    /// Of those, supertypes that were not on the list.
    pub supertypes_loaded: u64,
    /// Listed classes that were already in the cache.
    pub already_loaded: usize,
    /// The link step used (`"none"` when none was given).
    pub linker: String,
    /// Classes linked by this run.
    pub linked: usize,
    /// Classes that failed to load or link (listed names and supertypes; load failures are
    /// those remembered by the table, so a second run over the same table repeats them).
    pub failed: usize,
    /// Each failure with its reason.
    pub failures: Vec<Failure>,
    /// Listed names that no class path entry has.
    pub missing: usize,
    /// The first few of them, in list order.
    pub missing_names: Vec<String>,
    /// Class-file bytes loaded.
    pub bytes: u64,
    /// Of those, bytes served straight from memory maps (not copied).
    pub borrowed_bytes: u64,
    /// Threads used.
    pub threads: usize,
    /// Wall time of the whole run, in milliseconds.
    pub wall_ms: f64,
    /// Wall time of the load phase (locate + parse + insert), in milliseconds.
    pub load_ms: f64,
    /// Wall time of the link phase, in milliseconds.
    pub link_ms: f64,
    /// Thread time spent inside loads (locate, parse, validate), in milliseconds.
    pub load_thread_ms: f64,
}

/// The preload driver over one class path, with its class table.
pub struct Preloader<'cp> {
    class_path: &'cp ClassPath,
    cache: PreloadCache<'cp>,
    threads: usize,
    validate: bool,
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

impl<'cp> Preloader<'cp> {
    /// A driver over `class_path` with an empty table, using every available core and
    /// validating each class file.
    pub fn new(class_path: &'cp ClassPath) -> Preloader<'cp> {
        Preloader {
            class_path,
            cache: PreloadCache::new(),
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            validate: true,
        }
    }

    /// Use `threads` threads (at least 1; 1 runs on the calling thread).
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.threads = threads.max(1);
        self
    }

    /// Whether to run the class file checks of JVMS 4.8 on each class (default on).
    pub fn with_validation(mut self, validate: bool) -> Self {
        self.validate = validate;
        self
    }

    /// The class table.
    pub fn cache(&self) -> &PreloadCache<'cp> {
        &self.cache
    }

    /// The class path.
    pub fn class_path(&self) -> &'cp ClassPath {
        self.class_path
    }

    /// Loads class `name` (internal form) once: locates it, parses (and validates) it and
    /// stores it in the table under its defining loader. `Ok(None)` when no entry has it.
    pub fn load_class(&self, name: &str) -> Result<Option<Arc<PreloadedClass<'cp>>>, LoadError> {
        self.load_class_tracked(name)
            .map(|found| found.map(|(class, _)| class))
    }

    /// As `load_class`, also saying whether this call did the load (`true`) or found it.
    #[allow(clippy::type_complexity)]
    fn load_class_tracked(
        &self,
        name: &str,
    ) -> Result<Option<(Arc<PreloadedClass<'cp>>, bool)>, LoadError> {
        // A class already defined by the boot or the application loader is the answer: the
        // search order makes a name resolve to one entry, so to one of these keys. Checking
        // first saves a locate per supertype reference.
        for loader in [LoaderId::BOOTSTRAP, LoaderId::APP] {
            let key = ClassKey::new(loader, name);
            if let Some(class) = self.cache.peek(&key) {
                return Ok(Some((class, false)));
            }
        }
        let Some(located) = self.class_path.locate(name)? else {
            return Ok(None);
        };
        let key = ClassKey::new(located.loader, name);
        let mut loaded_here = false;
        // Two threads may locate the same class at once; only one defines it.
        let class = self.cache.get_or_load(&key, || {
            loaded_here = true;
            self.define(located, name)
        })?;
        Ok(Some((class, loaded_here)))
    }

    /// Parses and checks class `name`, located at `located`.
    fn define(
        &self,
        located: Located<'cp>,
        name: &str,
    ) -> Result<Loaded<PreloadedClass<'cp>>, LoadError> {
        let format = |error| LoadError::Format {
            name: name.to_string(),
            error,
        };
        let class = ClassFile::parse(&located.bytes).map_err(format)?;
        if self.validate {
            class.validate().map_err(format)?;
        }
        if class.this_class() != name {
            return Err(LoadError::WrongName {
                expected: name.to_string(),
                found: class.this_class().to_string(),
            });
        }
        let super_class = class.super_class().map(Arc::from);
        let interfaces = class.interfaces().map(Arc::from).collect();
        drop(class);
        let bytes = located.bytes.len() as u64;
        Ok(Loaded {
            value: PreloadedClass {
                bytes: located.bytes,
                entry: located.entry,
                resource: located.resource,
                super_class,
                interfaces,
            },
            bytes,
        })
    }

    /// Preloads every class of `list` and its supertypes, without a link step.
    /// `progress(done, total)` is called as listed classes are processed, from any thread.
    pub fn run(
        &self,
        list: &PreloadList,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> PreloadReport {
        self.run_with_link(list, None, progress)
    }

    /// Preloads every class of `list` and its supertypes, then links each class loaded by
    /// this run with `link` (when given). Returns only after every helper thread has exited.
    pub fn run_with_link(
        &self,
        list: &PreloadList,
        link: Option<&dyn Link>,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> PreloadReport {
        let started = Instant::now();
        let before = self.cache.stats();
        let loaded_before = self.cache.len();
        let threads_before = thread_count();
        let total = list.names.len();
        let work = LoadWork {
            next: AtomicUsize::new(0),
            done: AtomicUsize::new(0),
            already: AtomicUsize::new(0),
            missing: Mutex::new(Vec::new()),
            supertype_failures: Mutex::new(Vec::new()),
        };
        self.on_threads(|| self.load_worker(list, &work, progress));
        let load_ms = millis(started.elapsed());

        let link_started = Instant::now();
        let new_entries: Vec<_> = self.cache.entries().split_off(loaded_before);
        let link_failures = Mutex::new(Vec::new());
        let linked = AtomicUsize::new(0);
        let next = AtomicUsize::new(0);
        if let Some(link) = link {
            self.on_threads(|| {
                while let Some(e) = new_entries.get(next.fetch_add(1, Ordering::Relaxed)) {
                    match link.link(&e.key, &e.value) {
                        Ok(()) => {
                            linked.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(LinkFailure { error, reason }) => lock(&link_failures).push(Failure {
                            name: e.key.name.to_string(),
                            step: "link",
                            error,
                            reason,
                        }),
                    }
                }
            });
        }
        let link_ms = millis(link_started.elapsed());
        wait_for_helpers_to_exit(threads_before);

        let after = self.cache.stats();
        let listed: std::collections::HashSet<&str> =
            list.names.iter().map(String::as_str).collect();
        let supertypes_loaded = new_entries
            .iter()
            .filter(|e| !listed.contains(&*e.key.name))
            .count() as u64;
        let borrowed_bytes = new_entries
            .iter()
            .filter(|e| e.value.bytes.is_borrowed())
            .map(|e| e.value.bytes.len() as u64)
            .sum();

        let mut failures: Vec<Failure> = self
            .cache
            .failures()
            .into_iter()
            .map(|(key, error)| Failure {
                name: key.name.to_string(),
                step: "load",
                error: error.java_error().into(),
                reason: error.to_string(),
            })
            .collect();
        failures.extend(
            work.supertype_failures
                .into_inner()
                .unwrap_or_else(PoisonError::into_inner),
        );
        failures.extend(
            link_failures
                .into_inner()
                .unwrap_or_else(PoisonError::into_inner),
        );
        failures.sort_by(|a, b| a.name.cmp(&b.name));
        failures.dedup();

        let mut missing = work
            .missing
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        missing.sort_unstable();
        PreloadReport {
            list: list.source.clone(),
            listed: total,
            directives_skipped: list.directives_skipped,
            loaded: after.loads - before.loads,
            supertypes_loaded,
            already_loaded: work.already.load(Ordering::Relaxed),
            linker: link.map_or("none", |l| l.name()).to_string(),
            linked: linked.load(Ordering::Relaxed),
            failed: failures.len(),
            failures,
            missing: missing.len(),
            missing_names: missing
                .into_iter()
                .take(MISSING_SHOWN)
                .map(|(_, name)| name)
                .collect(),
            bytes: after.bytes - before.bytes,
            borrowed_bytes,
            threads: self.threads,
            wall_ms: millis(started.elapsed()),
            load_ms,
            link_ms,
            load_thread_ms: millis(after.load_time.saturating_sub(before.load_time)),
        }
    }

    /// Runs `job` on `self.threads` threads (the calling thread alone when 1) and joins them.
    fn on_threads(&self, job: impl Fn() + Sync) {
        if self.threads <= 1 {
            job();
            return;
        }
        std::thread::scope(|scope| {
            for _ in 0..self.threads {
                scope.spawn(&job);
            }
        });
    }

    fn load_worker(
        &self,
        list: &PreloadList,
        work: &LoadWork,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) {
        let total = list.names.len();
        loop {
            let index = work.next.fetch_add(1, Ordering::Relaxed);
            let Some(name) = list.names.get(index) else {
                return;
            };
            match self.load_class_tracked(name) {
                Ok(Some((class, true))) => self.load_supertypes(name, &class, work),
                Ok(Some((_, false))) => {
                    work.already.fetch_add(1, Ordering::Relaxed);
                }
                Ok(None) => lock(&work.missing).push((index, name.clone())),
                // Remembered in the cache; reported from there.
                Err(_) => {}
            }
            let done = work.done.fetch_add(1, Ordering::Relaxed) + 1;
            progress(done, total);
        }
    }

    /// Loads the supertypes of `class`, which this thread just loaded. Only the thread that
    /// loaded a class walks its supertypes, so each class's supertypes are walked once,
    /// and a cyclic hierarchy ends (the resolver reports the cycle when linking).
    fn load_supertypes(&self, name: &str, class: &PreloadedClass<'cp>, work: &LoadWork) {
        let supers = class.super_class.iter().chain(class.interfaces.iter());
        for supertype in supers {
            match self.load_class_tracked(supertype) {
                Ok(Some((loaded, true))) => self.load_supertypes(supertype, &loaded, work),
                Ok(Some((_, false))) | Err(_) => {}
                Ok(None) => lock(&work.supertype_failures).push(Failure {
                    name: name.to_string(),
                    step: "load",
                    error: "java.lang.NoClassDefFoundError".into(),
                    reason: format!("supertype {supertype} of {name} not found on the class path"),
                }),
            }
        }
    }
}

/// Shared state of the load phase.
struct LoadWork {
    next: AtomicUsize,
    done: AtomicUsize,
    already: AtomicUsize,
    missing: Mutex<Vec<(usize, String)>>,
    supertype_failures: Mutex<Vec<Failure>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The number of threads of this process, from `/proc/self/task` (0 if unreadable).
fn thread_count() -> usize {
    std::fs::read_dir("/proc/self/task").map_or(0, |dir| dir.count())
}

/// A joined thread has returned, but the kernel may list it for a few more microseconds
/// (it wakes the joiner before it is reaped). The master must be single-threaded when it
/// forks, so wait, briefly, until the thread count is back to what it was.
fn wait_for_helpers_to_exit(threads_before: usize) {
    let deadline = Instant::now() + Duration::from_secs(1);
    while thread_count() > threads_before && Instant::now() < deadline {
        std::thread::sleep(Duration::from_micros(50));
    }
}
