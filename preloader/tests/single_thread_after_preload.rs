//! The master must be single-threaded when it forks: after `Preloader::run` returns, the
//! process has exactly the threads it had before. Runs with its own `main` (harness = false)
//! so that no test-harness thread is counted.
#![allow(clippy::unwrap_used)]

mod common;

use jfork_preloader::{ClassPath, ClassPathSource, Jdk, PreloadList, Preloader};
use jfork_resolver::Linker;

fn threads() -> usize {
    std::fs::read_dir("/proc/self/task").unwrap().count()
}

fn main() {
    assert_eq!(threads(), 1, "the test must start single-threaded");
    let jdk = Jdk::discover(Some(&common::jdk_home())).unwrap();
    let cp: &'static ClassPath = Box::leak(Box::new(ClassPath::for_jdk(&jdk, "").unwrap()));
    let list = PreloadList::resolve("jdk-default", Some(&jdk), cp).unwrap();
    for round in 0..5 {
        let preloader = Preloader::new(cp).with_threads(4).with_validation(false);
        // The last round links too, as the master does.
        let linker = (round == 4).then(|| Linker::new(ClassPathSource::new(cp)));
        let seen_threads = std::sync::atomic::AtomicUsize::new(0);
        let report = preloader.run_with_link(&list, linker.as_ref(), &|_, _| {
            seen_threads.fetch_max(threads(), std::sync::atomic::Ordering::Relaxed);
        });
        assert!(report.loaded > 1000);
        assert!(
            seen_threads.into_inner() > 1,
            "round {round}: the preload ran on helper threads"
        );
        assert_eq!(threads(), 1, "round {round}: helper threads left behind");
    }
    println!("single_thread_after_preload: ok (1 thread after 5 parallel preloads, one linking)");
}
