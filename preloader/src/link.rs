//! The preload with linking, through `jfork-resolver`: the class path as the linker's class
//! source, and one pass that locates each class once and hands it to the linker, which
//! parses, checks and links it once.
//!
//! The master's class path lives as long as the master, so the linker borrows class bytes
//! from it for `'static` (jimage and stored jar entries stay in their memory maps; bytes that
//! had to be produced, such as inflated jar entries, are kept for the process's life).
//!
//! The pass links through any [`PreloadSource`]: [`ClassPathSource`] (the class path
//! alone, for `jfork preload`) or a runtime's own source, which also knows which loader
//! defines each module's classes, so the runtime itself links the preload once.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use jfork_cache::LoaderId;
use jfork_resolver::{ClassSource, FoundClass, Linker, SourceError};

use crate::bytes::ClassBytes;
use crate::classpath::ClassPath;
use crate::driver::{
    Failure, ListCursor, LoadError, PreloadReport, Preloader, StepNanos, StepTimes, into_inner,
    lock, millis, thread_count, wait_for_helpers_to_exit,
};
use crate::error::LocateError;
use crate::list::PreloadList;

/// The class path as the resolver's [`ClassSource`]: a loader sees its own entries and those
/// of the loaders it delegates to (the boot path first), as [`ClassPath::locate`] searches.
#[derive(Clone, Copy, Debug)]
pub struct ClassPathSource {
    class_path: &'static ClassPath,
}

impl ClassPathSource {
    /// A source over a class path that lives for the rest of the process (the master's).
    pub fn new(class_path: &'static ClassPath) -> ClassPathSource {
        ClassPathSource { class_path }
    }

    /// The class path.
    pub fn class_path(&self) -> &'static ClassPath {
        self.class_path
    }

    /// Class `name` as loader `initiating` sees it (parent first: a loader never sees the
    /// classes of a loader below it), with the locator's own error.
    pub fn locate(
        &self,
        initiating: LoaderId,
        name: &str,
    ) -> Result<Option<FoundClass>, LocateError> {
        let Some(located) = self
            .class_path
            .locate(name)?
            .filter(|l| l.loader <= initiating)
        else {
            return Ok(None);
        };
        let bytes: &'static [u8] = match located.bytes {
            ClassBytes::Borrowed(bytes) => bytes,
            // A linked class is never unloaded, so bytes produced for it live as long.
            ClassBytes::Shared(bytes) => Box::leak(Box::new(bytes)),
        };
        Ok(Some(FoundClass {
            defining_loader: located.loader,
            bytes,
            module: module_of(&located.resource),
        }))
    }
}

impl ClassSource for ClassPathSource {
    fn find_class(
        &self,
        initiating: LoaderId,
        name: &str,
    ) -> Result<Option<FoundClass>, SourceError> {
        self.locate(initiating, name).map_err(|e| SourceError {
            name: name.to_string(),
            reason: e.to_string(),
        })
    }
}

/// A class source the preload can link from: [`ClassPathSource`], or a runtime's source
/// built over one.
pub trait PreloadSource: ClassSource + Sync {
    /// Class `name` of the preload list as the application loader sees it (parent first),
    /// with its defining loader; the locator's own error when its entry cannot give it.
    fn locate_listed(&self, name: &str) -> Result<Option<FoundClass>, LocateError>;

    /// The class path the classes come from (the report counts the bytes it maps).
    fn class_path(&self) -> &ClassPath;
}

impl PreloadSource for ClassPathSource {
    fn locate_listed(&self, name: &str) -> Result<Option<FoundClass>, LocateError> {
        self.locate(LoaderId::APP, name)
    }

    fn class_path(&self) -> &ClassPath {
        self.class_path
    }
}

/// The module named by a jimage resource (`/java.base/java/lang/Object.class`); classes
/// from other entries are in their loader's unnamed module.
fn module_of(resource: &str) -> Option<Arc<str>> {
    let rest = resource.strip_prefix('/')?;
    let (module, _) = rest.split_once('/')?;
    Some(Arc::from(module))
}

/// Shared state of a linking pass.
#[derive(Default)]
struct LinkWork {
    next: ListCursor,
    done: AtomicUsize,
    already: AtomicUsize,
    missing: Mutex<Vec<(usize, String)>>,
    failures: Mutex<Vec<Failure>>,
}

impl<'cp> Preloader<'cp> {
    /// Preloads every class of `list` and its supertypes, and links them with `linker` when
    /// given (else as [`Preloader::run`]). With a linker this is one pass on all threads:
    /// each listed class is located once (through the linker's [`PreloadSource`]) and
    /// handed to the linker, which parses, checks and links it and its supertypes, each
    /// once, into its own table: the linker's table is the class table, and the preloader's
    /// stays empty. Whether the JDK's classes are validated is the linker's setting
    /// (`Linker::with_boot_validation`). Returns only after every helper thread has exited.
    pub fn run_with_link<S: PreloadSource>(
        &self,
        list: &PreloadList,
        linker: Option<&Linker<S>>,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> PreloadReport {
        match linker {
            Some(linker) => self.run_linking(list, linker, progress),
            None => self.run(list, progress),
        }
    }

    fn run_linking<S: PreloadSource>(
        &self,
        list: &PreloadList,
        linker: &Linker<S>,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> PreloadReport {
        let started = Instant::now();
        let threads_before = thread_count();
        let classes_before = linker.table().classes();
        let defined_before: HashSet<(LoaderId, &str)> = classes_before
            .iter()
            .map(|c| (c.loader, c.name.as_ref()))
            .collect();
        let listed_linked = || list.names.iter().filter(|n| is_linked(linker, n)).count();
        let listed_before = if classes_before.is_empty() {
            0
        } else {
            listed_linked()
        };
        let stats_before = linker.stats();
        let times_before = self.times.snapshot();
        let work = LinkWork::default();
        self.on_threads(|| self.link_worker(list, linker, &work, progress));
        wait_for_helpers_to_exit(threads_before);
        let pass_ms = millis(started.elapsed());

        // What this run defined, from the linker's table: the classes not there before, of
        // which those not on the list are supertypes (the list names each class once).
        let class_path = PreloadSource::class_path(linker.source());
        let (mut linked, mut bytes, mut borrowed) = (0usize, 0u64, 0u64);
        for class in linker.table().classes() {
            if defined_before.contains(&(class.loader, class.name.as_ref())) {
                continue;
            }
            linked += 1;
            let class_bytes = class
                .decl
                .as_ref()
                .map_or(&[][..], |d| d.class_file.bytes());
            bytes += class_bytes.len() as u64;
            if class_path.is_mapped(class_bytes) {
                borrowed += class_bytes.len() as u64;
            }
        }
        let stats = linker.stats();
        let mut report = PreloadReport {
            list: list.source.clone(),
            listed: list.names.len(),
            directives_skipped: list.directives_skipped,
            loaded: stats.parsed - stats_before.parsed,
            supertypes_loaded: linked.saturating_sub(listed_linked().saturating_sub(listed_before))
                as u64,
            already_loaded: work.already.load(Ordering::Relaxed),
            linker: "jfork-resolver".to_string(),
            linked,
            bytes,
            borrowed_bytes: borrowed,
            link_waits: stats.waits - stats_before.waits,
            threads: self.threads,
            wall_ms: millis(started.elapsed()),
            ..PreloadReport::default()
        };
        report.set_failures(into_inner(work.failures), into_inner(work.missing));
        let mine = self.times.snapshot().since(&times_before);
        let times = StepNanos {
            locate: mine.locate + nanos(stats.find_time) - nanos(stats_before.find_time),
            parse: nanos(stats.parse_time) - nanos(stats_before.parse_time),
            validate: nanos(stats.validate_time) - nanos(stats_before.validate_time),
            busy: mine.busy,
        };
        report.set_thread_times(&times, Some(pass_ms));
        report
    }

    /// One thread of the linking pass.
    fn link_worker<S: PreloadSource>(
        &self,
        list: &PreloadList,
        linker: &Linker<S>,
        work: &LinkWork,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) {
        let total = list.names.len();
        for (index, name) in work.next.take(&list.names) {
            if is_linked(linker, name) {
                work.already.fetch_add(1, Ordering::Relaxed);
            } else {
                match StepTimes::timed(&self.times.locate, || linker.source().locate_listed(name)) {
                    Ok(Some(found)) => {
                        if let Err(e) = linker.load_found(name, found) {
                            lock(&work.failures).push(Failure {
                                name: name.clone(),
                                step: "link",
                                error: e.java_class().replace('/', "."),
                                reason: e.message,
                            });
                        }
                    }
                    Ok(None) => lock(&work.missing).push((index, name.clone())),
                    Err(e) => {
                        let error = LoadError::Locate(e);
                        lock(&work.failures).push(Failure {
                            name: name.clone(),
                            step: "load",
                            error: error.java_error().into(),
                            reason: error.to_string(),
                        });
                    }
                }
            }
            let done = work.done.fetch_add(1, Ordering::Relaxed) + 1;
            progress(done, total);
        }
    }
}

/// Whether class `name` is linked for the boot or the application loader. The search order
/// makes a name resolve to one entry, so to one of these loaders: a class linked already is
/// the answer without locating it again.
fn is_linked<S: ClassSource>(linker: &Linker<S>, name: &str) -> bool {
    let table = linker.table();
    [LoaderId::BOOTSTRAP, LoaderId::APP]
        .into_iter()
        .any(|loader| table.get(loader, name).is_some())
}

fn nanos(d: std::time::Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jimage_resources_name_their_module() {
        assert_eq!(
            module_of("/java.base/java/lang/Object.class").as_deref(),
            Some("java.base")
        );
        assert_eq!(module_of("app/Main.class"), None);
    }
}
