//! The preload driver: locate -> parse -> cache insert for every listed class and its
//! supertypes, in parallel, joining every helper thread before it returns. With a linker the
//! pass is locate -> parse -> link through `jfork-resolver` instead (see `link.rs`).

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
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

/// A class that failed, with why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Failure {
    /// Internal name.
    pub name: String,
    /// Step that failed: `"load"` (locating or parsing it, or one of its supertypes, failed
    /// in the preloader's own table) or `"link"` (the linker refused it, whatever the step
    /// inside it: with a linker, parsing and linking are one pass).
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
    /// Wall time of loading (locate + parse + validate), in milliseconds. With a linker,
    /// loading and linking are one pass, whose wall time is split between `load_ms` and
    /// `link_ms` in proportion to the thread time each took.
    pub load_ms: f64,
    /// Wall time of linking, in milliseconds (0 without a linker).
    pub link_ms: f64,
    /// Thread time spent loading (locate, parse, validate), in milliseconds.
    pub load_thread_ms: f64,
    /// Of that, locating class files.
    pub locate_thread_ms: f64,
    /// Of that, parsing them.
    pub parse_thread_ms: f64,
    /// Of that, the class file checks of JVMS 4.8-4.9.
    pub validate_thread_ms: f64,
    /// Thread time spent linking (and waiting for a class another thread was linking).
    pub link_thread_ms: f64,
    /// Times a thread waited for a class another thread was linking.
    pub link_waits: u64,
}

/// Thread time per step, summed over threads.
#[derive(Debug, Default)]
pub(crate) struct StepTimes {
    pub(crate) locate: AtomicU64,
    parse: AtomicU64,
    validate: AtomicU64,
    /// Time the worker threads were busy (all steps, waits included).
    busy: AtomicU64,
}

impl StepTimes {
    /// Runs `step`, adding its time to `counter`.
    pub(crate) fn timed<T>(counter: &AtomicU64, step: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = step();
        counter.fetch_add(nanos(started.elapsed()), Ordering::Relaxed);
        result
    }
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

/// How many list entries a thread takes at a time: neighbours in a list share supertypes
/// (a package's classes), so threads working far apart rarely wait for each other.
const CHUNK: usize = 32;

/// The preload driver over one class path, with its class table.
pub struct Preloader<'cp> {
    pub(crate) class_path: &'cp ClassPath,
    cache: PreloadCache<'cp>,
    pub(crate) threads: usize,
    validate: bool,
    pub(crate) times: StepTimes,
}

pub(crate) fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub(crate) fn nanos_to_ms(ns: u64) -> f64 {
    ns as f64 / 1e6
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
            times: StepTimes::default(),
        }
    }

    /// Use `threads` threads (at least 1; 1 runs on the calling thread).
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.threads = threads.max(1);
        self
    }

    /// Whether to run the class file checks of JVMS 4.8 on each class (default on). This is
    /// the preloader's own table's setting; a linker has its own
    /// (`Linker::with_boot_validation`).
    pub fn with_validation(mut self, validate: bool) -> Self {
        self.validate = validate;
        self
    }

    /// The preloader's class table, filled by [`Preloader::run`] (a run with a linker fills
    /// the linker's table instead).
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
        let located = StepTimes::timed(&self.times.locate, || self.class_path.locate(name))?;
        let Some(located) = located else {
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
        let class = StepTimes::timed(&self.times.parse, || ClassFile::parse(&located.bytes))
            .map_err(format)?;
        if self.validate {
            StepTimes::timed(&self.times.validate, || class.validate()).map_err(format)?;
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

    /// Preloads every class of `list` and its supertypes into the preloader's table (locate,
    /// parse, validate), without linking. `progress(done, total)` is called as listed classes
    /// are processed, from any thread. Returns only after every helper thread has exited.
    pub fn run(
        &self,
        list: &PreloadList,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> PreloadReport {
        let started = Instant::now();
        let before = self.cache.stats();
        let loaded_before = self.cache.len();
        let times_before = self.times.snapshot();
        let threads_before = thread_count();
        let work = LoadWork {
            next: ListCursor::default(),
            done: AtomicUsize::new(0),
            already: AtomicUsize::new(0),
            missing: Mutex::new(Vec::new()),
            supertype_failures: Mutex::new(Vec::new()),
        };
        self.on_threads(|| self.load_worker(list, &work, progress));
        wait_for_helpers_to_exit(threads_before);

        let after = self.cache.stats();
        let new_entries: Vec<_> = self.cache.entries().split_off(loaded_before);
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
        failures.extend(into_inner(work.supertype_failures));
        let wall_ms = millis(started.elapsed());
        let mut report = PreloadReport {
            list: list.source.clone(),
            listed: list.names.len(),
            directives_skipped: list.directives_skipped,
            loaded: after.loads - before.loads,
            supertypes_loaded,
            already_loaded: work.already.load(Ordering::Relaxed),
            linker: "none".to_string(),
            bytes: after.bytes - before.bytes,
            borrowed_bytes,
            threads: self.threads,
            wall_ms,
            load_ms: wall_ms,
            ..PreloadReport::default()
        };
        report.set_failures(failures, into_inner(work.missing));
        report.set_thread_times(&self.times.snapshot().since(&times_before), None);
        report
    }

    /// Runs `job` on `self.threads` threads    /// Runs `job` on `self.threads` threads, the calling thread one of them, and joins the
    /// others; counts the time each was busy.
    pub(crate) fn on_threads(&self, job: impl Fn() + Sync) {
        let timed_job = || StepTimes::timed(&self.times.busy, &job);
        std::thread::scope(|scope| {
            for _ in 1..self.threads {
                scope.spawn(timed_job);
            }
            timed_job();
        });
    }

    fn load_worker(
        &self,
        list: &PreloadList,
        work: &LoadWork,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) {
        let total = list.names.len();
        for (index, name) in work.next.take(&list.names) {
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
    next: ListCursor,
    done: AtomicUsize,
    already: AtomicUsize,
    missing: Mutex<Vec<(usize, String)>>,
    supertype_failures: Mutex<Vec<Failure>>,
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

pub(crate) fn into_inner<T>(m: Mutex<T>) -> T {
    m.into_inner().unwrap_or_else(PoisonError::into_inner)
}

/// Hands out the entries of a list to threads, [`CHUNK`] at a time.
#[derive(Debug, Default)]
pub(crate) struct ListCursor {
    next_chunk: AtomicUsize,
}

impl ListCursor {
    /// The entries the calling thread takes, with their indices, until the list is done.
    pub(crate) fn take<'a, T>(&'a self, list: &'a [T]) -> impl Iterator<Item = (usize, &'a T)> {
        let (mut index, mut end) = (0, 0);
        std::iter::from_fn(move || {
            if index >= end {
                index = self.next_chunk.fetch_add(CHUNK, Ordering::Relaxed);
                end = index.saturating_add(CHUNK).min(list.len());
            }
            let item = list.get(index)?;
            index += 1;
            Some((index - 1, item))
        })
    }
}

impl PreloadReport {
    /// Records `failures` (sorted, each once) and the `missing` names (with their list index).
    pub(crate) fn set_failures(
        &mut self,
        mut failures: Vec<Failure>,
        mut missing: Vec<(usize, String)>,
    ) {
        failures.sort_by(|a, b| a.name.cmp(&b.name));
        failures.dedup();
        self.failed = failures.len();
        self.failures = failures;
        missing.sort_unstable();
        self.missing = missing.len();
        self.missing_names = missing
            .into_iter()
            .take(MISSING_SHOWN)
            .map(|(_, name)| name)
            .collect();
    }

    /// Records the thread time of each step; with `link_pass` (the wall time of a pass that
    /// loaded and linked), splits it into `load_ms` and `link_ms` by thread time.
    pub(crate) fn set_thread_times(&mut self, times: &StepNanos, link_pass: Option<f64>) {
        let load = times.locate + times.parse + times.validate;
        self.locate_thread_ms = nanos_to_ms(times.locate);
        self.parse_thread_ms = nanos_to_ms(times.parse);
        self.validate_thread_ms = nanos_to_ms(times.validate);
        self.load_thread_ms = nanos_to_ms(load);
        if let Some(pass_ms) = link_pass {
            let link = times.busy.saturating_sub(load);
            self.link_thread_ms = nanos_to_ms(link);
            let share = load as f64 / times.busy.max(1) as f64;
            self.load_ms = pass_ms * share.min(1.0);
            self.link_ms = pass_ms - self.load_ms;
        }
    }
}

/// A snapshot of [`StepTimes`], in nanoseconds.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct StepNanos {
    pub(crate) locate: u64,
    pub(crate) parse: u64,
    pub(crate) validate: u64,
    pub(crate) busy: u64,
}

impl StepNanos {
    /// What was added since `before`.
    pub(crate) fn since(&self, before: &StepNanos) -> StepNanos {
        StepNanos {
            locate: self.locate.saturating_sub(before.locate),
            parse: self.parse.saturating_sub(before.parse),
            validate: self.validate.saturating_sub(before.validate),
            busy: self.busy.saturating_sub(before.busy),
        }
    }
}

impl StepTimes {
    pub(crate) fn snapshot(&self) -> StepNanos {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        StepNanos {
            locate: get(&self.locate),
            parse: get(&self.parse),
            validate: get(&self.validate),
            busy: get(&self.busy),
        }
    }
}

/// The number of threads of this process, from `/proc/self/task` (0 if unreadable).
pub(crate) fn thread_count() -> usize {
    std::fs::read_dir("/proc/self/task").map_or(0, |dir| dir.count())
}

/// A joined thread has returned, but the kernel may list it for a few more microseconds
/// (it wakes the joiner before it is reaped). The master must be single-threaded when it
/// forks, so wait, briefly, until the thread count is back to what it was.
pub(crate) fn wait_for_helpers_to_exit(threads_before: usize) {
    let deadline = Instant::now() + Duration::from_secs(1);
    while thread_count() > threads_before && Instant::now() < deadline {
        std::thread::sleep(Duration::from_micros(50));
    }
}
