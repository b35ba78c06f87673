//! The preload driver over compiled fixture classes and the local JDK.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use common::{class_bytes, classes, jdk_home};
use jfork_cache::{ClassKey, LoaderId, Lookup};
use jfork_preloader::{ClassPath, ClassPathSource, Jdk, LoadError, PreloadList, Preloader};
use jfork_resolver::Linker;

fn class_path_with(app: &str) -> ClassPath {
    let jdk = Jdk::discover(Some(&jdk_home())).unwrap();
    ClassPath::for_jdk(&jdk, app).unwrap()
}

fn list(names: &[&str]) -> PreloadList {
    PreloadList {
        source: "test".into(),
        names: names.iter().map(|n| n.to_string()).collect(),
        directives_skipped: 0,
    }
}

#[test]
fn loads_listed_classes_and_their_supertypes_and_reports_missing_names() {
    let cp = class_path_with(&classes().display().to_string());
    let preloader = Preloader::new(&cp).with_threads(2);
    let calls = AtomicUsize::new(0);
    let report = preloader.run(&list(&["p/A", "no/Such", "q/Lone"]), &|done, total| {
        calls.fetch_add(1, Ordering::Relaxed);
        assert!(done <= total && total == 3);
    });
    assert_eq!(calls.load(Ordering::Relaxed), 3);
    // p/A, q/Lone and the supertypes p/B, p/I, java/lang/Object.
    assert_eq!(report.loaded, 5, "{report:#?}");
    assert_eq!(report.supertypes_loaded, 3);
    assert_eq!(
        (report.missing, report.missing_names.clone()),
        (1, vec!["no/Such".to_string()])
    );
    assert_eq!(report.failed, 0, "{report:#?}");
    assert_eq!(report.threads, 2);
    let object = ClassKey::new(LoaderId::BOOTSTRAP, "java/lang/Object");
    assert!(matches!(preloader.cache().lookup(&object), Lookup::Hit(_)));
    let a = preloader
        .cache()
        .peek(&ClassKey::new(LoaderId::APP, "p/A"))
        .unwrap();
    assert_eq!(a.super_class.as_deref(), Some("p/B"));
    assert_eq!(a.interfaces.len(), 1);
    assert_eq!(&*a.bytes, &class_bytes("p/A")[..]);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["loaded"], 5);
    assert_eq!(json["missing_names"][0], "no/Such");

    // A second run over the same table finds everything loaded.
    let again = preloader.run(&list(&["p/A", "q/Lone"]), &|_, _| {});
    assert_eq!((again.loaded, again.already_loaded), (0, 2));
}

#[test]
fn a_failing_class_is_remembered_as_failed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("bad")).unwrap();
    std::fs::write(dir.path().join("bad/Broken.class"), b"\xCA\xFE\xBA\xBE\0\0").unwrap();
    // A valid class file under the wrong name.
    std::fs::write(dir.path().join("bad/Renamed.class"), class_bytes("q/Lone")).unwrap();
    let cp = class_path_with(&dir.path().display().to_string());
    let preloader = Preloader::new(&cp).with_threads(1);
    let report = preloader.run(&list(&["bad/Broken", "bad/Renamed"]), &|_, _| {});
    assert_eq!((report.loaded, report.failed), (0, 2), "{report:#?}");
    assert_eq!(report.failures[0].name, "bad/Broken");
    assert_eq!(report.failures[0].error, "java.lang.ClassFormatError");
    assert_eq!(report.failures[1].error, "java.lang.NoClassDefFoundError");
    assert!(
        report.failures[1].reason.contains("defines q/Lone"),
        "{report:#?}"
    );

    // Fixing the file does not matter: the failure is remembered (JVMS 5.3).
    std::fs::write(dir.path().join("bad/Broken.class"), class_bytes("q/Lone")).unwrap();
    let first = preloader.load_class("bad/Broken").unwrap_err();
    assert!(matches!(first, LoadError::Format { .. }));
    let stats = preloader.cache().stats();
    assert_eq!((stats.failures, stats.loads), (2, 0));
}

#[test]
fn a_missing_supertype_is_reported() {
    let cp = class_path_with(&classes().display().to_string());
    let report = Preloader::new(&cp).run(&list(&["q/NeedsMissing"]), &|_, _| {});
    assert_eq!(report.loaded, 1);
    assert_eq!(report.failed, 1);
    assert!(
        report.failures[0].reason.contains("supertype q/Gone"),
        "{report:#?}"
    );
}

#[test]
fn concurrent_loads_of_one_class_load_it_once() {
    let cp = class_path_with(&classes().display().to_string());
    let preloader = Preloader::new(&cp);
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| {
                let a = preloader.load_class("p/A").unwrap().unwrap();
                assert_eq!(a.resource, "p/A.class");
            });
        }
    });
    assert_eq!(preloader.cache().stats().loads, 1);
}

#[test]
fn linking_is_one_pass_into_the_linkers_table() {
    // The master's class path lives for the whole process; so does this one.
    let cp: &'static ClassPath =
        Box::leak(Box::new(class_path_with(&classes().display().to_string())));
    let linker = Linker::new(ClassPathSource::new(cp));
    let preloader = Preloader::new(cp).with_threads(2);
    let names = ["p/A", "p/B", "q/NeedsMissing", "no/Such"];
    let report = preloader.run_with_link(&list(&names), Some(&linker), &|_, _| {});
    assert_eq!(report.linker, "jfork-resolver");
    // p/A with p/B, p/I and java/lang/Object; q/NeedsMissing is parsed but its superclass is
    // missing. The four names fit in one thread's share of the list, so p/B comes after p/A
    // has linked it.
    assert_eq!(
        (report.loaded, report.linked, report.supertypes_loaded),
        (5, 4, 2),
        "{report:#?}"
    );
    assert_eq!(report.already_loaded, 1);
    assert_eq!(
        (report.missing, report.missing_names.clone()),
        (1, vec!["no/Such".to_string()])
    );
    assert_eq!(report.failed, 1, "{report:#?}");
    let failure = &report.failures[0];
    assert_eq!(
        (failure.name.as_str(), failure.step, failure.error.as_str()),
        ("q/NeedsMissing", "link", "java.lang.NoClassDefFoundError")
    );
    assert_eq!(failure.reason, "q/Gone");
    // Each class file was parsed once, by the linker; the preloader's own table is unused.
    let stats = linker.stats();
    assert_eq!((stats.parsed, stats.discarded), (5, 0));
    // Application classes are read from a directory; java/lang/Object is borrowed from the
    // memory-mapped jimage.
    let app_bytes: usize = ["p/A", "p/B", "p/I"]
        .iter()
        .map(|n| class_bytes(n).len())
        .sum();
    assert_eq!(report.bytes - report.borrowed_bytes, app_bytes as u64);
    assert!(report.borrowed_bytes > 0);
    assert!(preloader.cache().is_empty());
    let a = linker.table().get(LoaderId::APP, "p/A").unwrap();
    assert_eq!(a.super_class.as_ref().unwrap().name, "p/B");

    // A second run finds everything linked.
    let again = preloader.run_with_link(&list(&["p/A"]), Some(&linker), &|_, _| {});
    assert_eq!(
        (again.loaded, again.linked, again.already_loaded),
        (0, 0, 1)
    );
}

#[test]
fn jdk_default_list_loads() {
    let jdk = Jdk::discover(Some(&jdk_home())).unwrap();
    let cp = ClassPath::for_jdk(&jdk, "").unwrap();
    let list = PreloadList::resolve("jdk-default", Some(&jdk), &cp).unwrap();
    assert!(list.names.len() > 1000);
    assert!(list.directives_skipped > 0);
    let report = Preloader::new(&cp)
        .with_validation(false)
        .run(&list, &|_, _| {});
    assert_eq!(report.failed, 0, "{:#?}", report.failures);
    assert_eq!(report.missing, 0, "{:?}", report.missing_names);
    assert!(report.loaded as usize >= list.names.len());
}

#[test]
fn the_resolver_links_the_jdk_default_list_and_the_application() {
    // The master's class path lives for the whole process; so does this one.
    let cp: &'static ClassPath =
        Box::leak(Box::new(class_path_with(&classes().display().to_string())));
    let jdk = Jdk::discover(Some(&jdk_home())).unwrap();
    let mut list = PreloadList::resolve("jdk-default", Some(&jdk), cp).unwrap();
    list.names.push("p/A".into());
    let linker = Linker::new(ClassPathSource::new(cp));
    let report = Preloader::new(cp)
        .with_threads(4)
        .run_with_link(&list, Some(&linker), &|_, _| {});
    assert_eq!(report.failed, 0, "{:#?}", report.failures);
    assert_eq!(report.linker, "jfork-resolver");
    assert_eq!(report.linked as u64, report.loaded);
    // Four threads, and still each class parsed and linked once.
    let stats = linker.stats();
    assert_eq!(stats.parsed, report.loaded);
    assert_eq!(stats.discarded, 0);
    assert_eq!(linker.table().classes().len(), report.linked);
    // Application classes are defined by the app loader; the JDK's by the boot loader.
    let a = linker.table().get(LoaderId::APP, "p/A").unwrap();
    assert_eq!(a.loader, LoaderId::APP);
    let object = linker
        .table()
        .get(LoaderId::BOOTSTRAP, "java/lang/Object")
        .unwrap();
    assert_eq!(object.loader, LoaderId::BOOTSTRAP);
}

/// Every class of java.base: slow without optimisation, so run on demand (and timed by the
/// `bench_preload` example).
#[test]
#[ignore]
fn all_of_java_base_loads_and_validates() {
    let jdk = Jdk::discover(Some(&jdk_home())).unwrap();
    let cp = ClassPath::for_jdk(&jdk, "").unwrap();
    let list = PreloadList::resolve("all", Some(&jdk), &cp).unwrap();
    let report = Preloader::new(&cp).run(&list, &|_, _| {});
    assert_eq!(report.failed, 0, "{:#?}", report.failures);
    assert_eq!(report.missing, 0);
    assert_eq!(report.loaded as usize, list.names.len());
}

/// Every class of java.base, validated and linked in one pass on two threads, each once:
/// what `jfork preload --preload all` does (and the `bench_preload` example times).
#[test]
#[ignore]
fn all_of_java_base_links_in_one_pass() {
    let jdk = Jdk::discover(Some(&jdk_home())).unwrap();
    let cp: &'static ClassPath = Box::leak(Box::new(ClassPath::for_jdk(&jdk, "").unwrap()));
    let list = PreloadList::resolve("all", Some(&jdk), cp).unwrap();
    let linker = Linker::new(ClassPathSource::new(cp)).with_boot_validation(true);
    let report = Preloader::new(cp)
        .with_threads(2)
        .run_with_link(&list, Some(&linker), &|_, _| {});
    assert_eq!(report.failed, 0, "{:#?}", report.failures);
    assert_eq!(report.missing, 0);
    assert_eq!(report.linked, list.names.len());
    assert_eq!(report.loaded as usize, list.names.len());
    assert_eq!(report.borrowed_bytes, report.bytes);
    let stats = linker.stats();
    assert_eq!((stats.parsed, stats.discarded), (report.loaded, 0));
}

/// `c/X extends c/Y` and `c/Y extends c/X`: each half compiled against a version of the other
/// without the cycle, as no compiler accepts it. The classes end up in `out`.
fn circular_classes() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let javac = jdk_home().join("bin/javac");
    let compile = |step: &str, x: &str, y: &str| {
        let src = dir.path().join(step).join("c");
        std::fs::create_dir_all(&src).unwrap();
        std::fs::write(
            src.join("X.java"),
            format!("package c; public class X {x} {{}}"),
        )
        .unwrap();
        std::fs::write(
            src.join("Y.java"),
            format!("package c; public class Y {y} {{}}"),
        )
        .unwrap();
        let out = dir.path().join(step).join("out");
        let status = std::process::Command::new(&javac)
            .args(["--release", "17", "-d"])
            .arg(&out)
            .args([src.join("X.java"), src.join("Y.java")])
            .status()
            .unwrap();
        assert!(status.success(), "javac failed");
        out
    };
    let x = compile("x", "extends Y", "");
    let y = compile("y", "", "extends X");
    let out = dir.path().join("out/c");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::copy(x.join("c/X.class"), out.join("X.class")).unwrap();
    std::fs::copy(y.join("c/Y.class"), out.join("Y.class")).unwrap();
    dir
}

#[test]
fn threads_linking_a_circular_hierarchy_at_once_do_not_deadlock() {
    let dir = circular_classes();
    let cp: &'static ClassPath = Box::leak(Box::new(class_path_with(
        &dir.path().join("out").display().to_string(),
    )));
    for _ in 0..50 {
        let linker = Linker::new(ClassPathSource::new(cp));
        // Each thread defines one half of the cycle and then needs the other half.
        std::thread::scope(|s| {
            for name in ["c/X", "c/Y"] {
                let linker = &linker;
                s.spawn(move || {
                    let error = linker.load_class(LoaderId::APP, name).unwrap_err();
                    assert_eq!(error.java_class(), "java/lang/ClassCircularityError");
                });
            }
        });
        assert!(linker.table().get(LoaderId::APP, "c/X").is_none());
    }
}
