//! Times preloading all of java.base and the JDK's default class list.
//!
//! `cargo run --release -p jfork-preloader --example bench_preload [-- --jdk DIR] [--runs N]`
//!
//! Each run opens the class path afresh and preloads into an empty table, so it measures
//! locate + parse, locate + parse + validate (the preloader's own table), and the one pass
//! of locate + parse (+ validate) + link through `jfork-resolver` (the linker's table; the
//! last row is what `jfork preload` and the master do). Prints the median, for 1 thread and
//! for every core, and for linking runs the thread time by step.

use std::path::PathBuf;
use std::time::Instant;

use jfork_preloader::{ClassPath, ClassPathSource, Jdk, PreloadList, Preloader};
use jfork_resolver::Linker;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut jdk_dir: Option<PathBuf> = None;
    let mut runs = 5usize;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--jdk" => jdk_dir = args.next().map(PathBuf::from),
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(runs),
            // `cargo bench`-style flags are ignored.
            _ => {}
        }
    }
    let jdk = Jdk::discover(jdk_dir.as_deref())?;
    println!(
        "JDK {} ({})",
        jdk.home().display(),
        jdk.version().unwrap_or("unknown version")
    );
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    for spec in ["all", "jdk-default"] {
        for threads in [1, cores] {
            for (validate, link) in [(false, false), (true, false), (false, true), (true, true)] {
                let mut times = Vec::new();
                let mut last = None;
                for _ in 0..runs {
                    let started = Instant::now();
                    // Leaked, as the master keeps its class path: the linker borrows from it.
                    let class_path: &'static ClassPath =
                        Box::leak(Box::new(ClassPath::for_jdk(&jdk, "")?));
                    let list = PreloadList::resolve(spec, Some(&jdk), class_path)?;
                    let list_ms = started.elapsed().as_secs_f64() * 1000.0;
                    let preloader = Preloader::new(class_path)
                        .with_threads(threads)
                        .with_validation(validate);
                    let linker = link.then(|| {
                        Linker::new(ClassPathSource::new(class_path)).with_boot_validation(validate)
                    });
                    let report = preloader.run_with_link(&list, linker.as_ref(), &|_, _| {});
                    times.push((
                        started.elapsed().as_secs_f64() * 1000.0,
                        list_ms,
                        report.wall_ms,
                    ));
                    last = Some(report);
                }
                times.sort_by(|a, b| a.0.total_cmp(&b.0));
                let (total, list_ms, preload) = times[times.len() / 2];
                if let Some(r) = last {
                    println!(
                        "{spec:12} threads={threads} validate={validate:5} link={link:5}: median \
                         {total:7.1} ms (open+list {list_ms:5.1} ms, preload {preload:6.1} ms); \
                         {} loaded, {} linked, {} failed, {} missing, {:.1} MiB",
                        r.loaded,
                        r.linked,
                        r.failed,
                        r.missing,
                        r.bytes as f64 / (1024.0 * 1024.0)
                    );
                    println!(
                        "{:12}   last run's thread time: locate {:.1} ms, parse {:.1} ms, \
                         validate {:.1} ms, link {:.1} ms",
                        "",
                        r.locate_thread_ms,
                        r.parse_thread_ms,
                        r.validate_thread_ms,
                        r.link_thread_ms
                    );
                }
            }
        }
    }
    Ok(())
}
