//! Links every class of java.base (or of every module with `--all-modules`) and of the JDK's
//! `lib/classlist`, and reports failures and timings.
//!
//! Classes come from `target/jdk-classes` (`jimage extract --dir target/jdk-classes
//! $JAVA_HOME/lib/modules`). Run: `cargo run --release -p jfork-resolver --example link_jdk`.
//! Reading files is excluded from the timings; "parse" is reading each class's declaration,
//! "link" is loading and linking everything (parse included) minus the parse time.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use jfork_resolver::{ClassDecl, ClassSource, FoundClass, Linker, LoaderId, SourceError};

/// Every class of the chosen modules, read into memory up front.
struct MemorySource {
    classes: HashMap<String, (Arc<str>, &'static [u8])>,
}

impl ClassSource for MemorySource {
    fn find_class(&self, _: LoaderId, name: &str) -> Result<Option<FoundClass>, SourceError> {
        Ok(self.classes.get(name).map(|(module, bytes)| FoundClass {
            defining_loader: LoaderId::BOOTSTRAP,
            bytes,
            module: Some(Arc::clone(module)),
        }))
    }
}

/// CPU time of the calling thread (from `/proc/thread-self/schedstat`), so that the figures
/// hold on a loaded machine; falls back to zero where unavailable.
fn thread_cpu() -> std::time::Duration {
    let ns = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .unwrap_or(0);
    std::time::Duration::from_nanos(ns)
}

/// Bytes currently allocated: the example counts its heap to report what linking keeps.
static LIVE: AtomicUsize = AtomicUsize::new(0);

struct CountingAllocator;

// SAFETY: every call forwards to the system allocator unchanged; only a counter is added.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract for `alloc` is passed on as is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` was allocated by `System` with `layout` (see `alloc`).
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// A source shared by several linkers.
struct SharedSource(Arc<MemorySource>);

impl ClassSource for SharedSource {
    fn find_class(&self, l: LoaderId, name: &str) -> Result<Option<FoundClass>, SourceError> {
        self.0.find_class(l, name)
    }
}

fn class_files(dir: &Path, prefix: &str, out: &mut Vec<(String, PathBuf)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            class_files(&path, &format!("{prefix}{file}/"), out);
        } else if let Some(stem) = file.strip_suffix(".class")
            && stem != "module-info"
        {
            out.push((format!("{prefix}{stem}"), path));
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let all_modules = args.iter().any(|a| a == "--all-modules");
    let root = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
        .join("jdk-classes");
    let mut source = MemorySource {
        classes: HashMap::new(),
    };
    let mut base = Vec::new();
    for module in std::fs::read_dir(&root).expect("target/jdk-classes (see the doc)") {
        let module_dir = module.unwrap().path();
        let module_name = module_dir
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let mut files = Vec::new();
        class_files(&module_dir, "", &mut files);
        let module: Arc<str> = Arc::from(module_name.as_str());
        for (name, path) in files {
            let bytes: &'static [u8] = Box::leak(std::fs::read(&path).unwrap().into_boxed_slice());
            if module_name == "java.base" || all_modules {
                base.push(name.clone());
            }
            source.classes.insert(name, (Arc::clone(&module), bytes));
        }
    }
    base.sort();

    // Heap the linked classes take (class bytes excluded: they were read before), and the
    // part of it that is the parsed class files alone.
    let live_start = LIVE.load(Ordering::Relaxed);
    let parsed: Vec<_> = base
        .iter()
        .filter_map(|n| ClassDecl::parse(source.classes[n].1).ok())
        .collect();
    let parsed_bytes = LIVE.load(Ordering::Relaxed) - live_start;
    drop(parsed);
    let shared = Arc::new(source);
    let measured = Linker::new(SharedSource(Arc::clone(&shared)));
    let live_start = LIVE.load(Ordering::Relaxed);
    for name in &base {
        let _ = measured.load_class(LoaderId::BOOTSTRAP, name);
    }
    let linked_bytes = LIVE.load(Ordering::Relaxed) - live_start;
    for class in measured.table().classes() {
        let _ = measured.resolve_all_constants(&class);
    }
    let resolved_bytes = LIVE.load(Ordering::Relaxed) - live_start - linked_bytes;
    let mib = |b: usize| b as f64 / (1024.0 * 1024.0);
    println!(
        "heap: linked classes {:.1} MiB (of which parsed class files {:.1} MiB), eager resolution +{:.1} MiB",
        mib(linked_bytes),
        mib(parsed_bytes),
        mib(resolved_bytes)
    );
    drop(measured);
    let source = Arc::into_inner(shared).unwrap();

    let mut parse = std::time::Duration::MAX;
    let mut parse_cpu = std::time::Duration::MAX;
    for _ in 0..3 {
        let (start, cpu) = (Instant::now(), thread_cpu());
        for name in &base {
            let _ = ClassDecl::parse(source.classes[name].1);
        }
        parse = parse.min(start.elapsed());
        parse_cpu = parse_cpu.min(thread_cpu() - cpu);
    }

    // Best of three fresh linkers: the machine is shared and noisy.
    let source = Arc::new(source);
    let mut best = None;
    let mut total_cpu = std::time::Duration::MAX;
    for _ in 0..3 {
        let linker = Linker::new(SharedSource(Arc::clone(&source)));
        let (start, cpu) = (Instant::now(), thread_cpu());
        let mut failures = Vec::new();
        for name in &base {
            if let Err(e) = linker.load_class(LoaderId::BOOTSTRAP, name) {
                failures.push((name.clone(), e));
            }
        }
        let elapsed = start.elapsed();
        total_cpu = total_cpu.min(thread_cpu() - cpu);
        if best.as_ref().is_none_or(|(t, _, _)| elapsed < *t) {
            best = Some((elapsed, failures, linker));
        }
    }
    let (total, failures, linker) = best.unwrap();

    // Parse + link on two threads sharing one linker (as the preloader drives it).
    let mut parallel = std::time::Duration::MAX;
    let mut parallel_cpu = std::time::Duration::MAX;
    for _ in 0..3 {
        let linker = Linker::new(SharedSource(Arc::clone(&source)));
        let start = Instant::now();
        let cpu: std::time::Duration = std::thread::scope(|s| {
            let threads: Vec<_> = (0..2)
                .map(|t| {
                    let linker = &linker;
                    let base = &base;
                    s.spawn(move || {
                        let cpu = thread_cpu();
                        for name in base.iter().skip(t).step_by(2) {
                            let _ = linker.load_class(LoaderId::BOOTSTRAP, name);
                        }
                        thread_cpu() - cpu
                    })
                })
                .collect();
            threads.into_iter().map(|t| t.join().unwrap()).sum()
        });
        parallel = parallel.min(start.elapsed());
        parallel_cpu = parallel_cpu.min(cpu);
    }
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    let scope = if all_modules {
        "all modules"
    } else {
        "java.base"
    };
    println!(
        "{} classes ({scope}): {} linked, {} failed",
        base.len(),
        base.len() - failures.len(),
        failures.len(),
    );
    println!(
        "1 thread : parse {:.1} ms (cpu {:.1}), parse+link {:.1} ms (cpu {:.1}), link alone {:.1} ms (cpu {:.1})",
        ms(parse),
        ms(parse_cpu),
        ms(total),
        ms(total_cpu),
        ms(total.saturating_sub(parse)),
        ms(total_cpu.saturating_sub(parse_cpu)),
    );
    println!(
        "2 threads: parse+link {:.1} ms wall, {:.1} ms cpu in all",
        ms(parallel),
        ms(parallel_cpu)
    );
    for (name, e) in &failures {
        println!("  FAILED {name}: {e}");
    }

    // Eager constant pool resolution of everything linked (what the master does).
    let classes = linker.table().classes();
    let start = Instant::now();
    let mut unresolved = Vec::new();
    for class in &classes {
        for (index, e) in linker.resolve_all_constants(class) {
            unresolved.push(format!("{}#{index}: {e}", class.name));
        }
    }
    println!(
        "eager resolution of {} classes: {:.1} ms, {} entries fail to resolve",
        classes.len(),
        start.elapsed().as_secs_f64() * 1e3,
        unresolved.len()
    );
    for line in &unresolved {
        println!("  {line}");
    }

    // The JDK's default preload list.
    let home = std::env::var_os("JAVA_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/lib/jvm/java-17-openjdk-amd64"));
    if let Ok(list) = std::fs::read_to_string(home.join("lib/classlist")) {
        let names: Vec<&str> = list
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with('@') && !l.is_empty())
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        let failed: Vec<_> = names
            .iter()
            .filter_map(|n| {
                linker
                    .load_class(LoaderId::BOOTSTRAP, n)
                    .err()
                    .map(|e| (n, e))
            })
            .collect();
        println!(
            "lib/classlist: {} classes, {} failed",
            names.len(),
            failed.len()
        );
        for (name, e) in failed {
            println!("  FAILED {name}: {e}");
        }
    }
}
