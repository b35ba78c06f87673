//! The preload driver over compiled fixture classes and the local JDK.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use common::{class_bytes, classes, jdk_home};
use jfork_cache::{ClassKey, LoaderId, Lookup};
use jfork_preloader::{
    ClassPath, ClassPathSource, Jdk, Link, LinkFailure, LoadError, PreloadList, PreloadedClass,
    Preloader,
};

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

struct CountingLink(AtomicUsize);

impl Link for CountingLink {
    fn name(&self) -> &str {
        "counting"
    }
    fn link(&self, key: &ClassKey, _class: &PreloadedClass<'_>) -> Result<(), LinkFailure> {
        self.0.fetch_add(1, Ordering::Relaxed);
        if &*key.name == "p/I" {
            Err(LinkFailure {
                error: "java.lang.LinkageError".into(),
                reason: "refused by the test".into(),
            })
        } else {
            Ok(())
        }
    }
}

#[test]
fn the_link_step_sees_each_loaded_class_once() {
    let cp = class_path_with(&classes().display().to_string());
    let link = CountingLink(AtomicUsize::new(0));
    let report = Preloader::new(&cp).run_with_link(&list(&["p/A"]), Some(&link), &|_, _| {});
    assert_eq!(link.0.load(Ordering::Relaxed), 4);
    assert_eq!((report.linked, report.failed), (3, 1));
    assert_eq!(report.failures[0].step, "link");
    assert_eq!(report.linker, "counting");
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
    let linker = jfork_resolver::Linker::new(ClassPathSource::new(cp));
    let report =
        Preloader::new(cp)
            .with_validation(false)
            .run_with_link(&list, Some(&linker), &|_, _| {});
    assert_eq!(report.failed, 0, "{:#?}", report.failures);
    assert_eq!(report.linker, "jfork-resolver");
    assert_eq!(report.linked as u64, report.loaded);
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
