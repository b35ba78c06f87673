//! Linking the real class library: every class of java.base and of `lib/classlist`.
//! Slow in debug builds, so ignored by default:
//! `cargo test --release -p jfork-resolver --test jdk -- --ignored`.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use jfork_resolver::{DirSource, Linker, LoaderId};

fn class_names(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            class_names(&path, &format!("{prefix}{file}/"), out);
        } else if let Some(stem) = file.strip_suffix(".class")
            && stem != "module-info"
        {
            out.push(format!("{prefix}{stem}"));
        }
    }
}

/// Every module's classes on the bootstrap loader (the platform modules included: linking
/// does not depend on which built-in loader defines them).
fn jdk_linker() -> Linker<DirSource> {
    let root = common::jdk_classes();
    let mut source = DirSource::new();
    for module in std::fs::read_dir(&root).unwrap() {
        let dir = module.unwrap().path();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        source = source.with_module_root(LoaderId::BOOTSTRAP, &name, dir);
    }
    Linker::new(source)
}

#[test]
#[ignore = "links all of java.base; run with --release -- --ignored"]
fn every_java_base_class_links() {
    let root = common::jdk_classes().join("java.base");
    let mut names = Vec::new();
    class_names(&root, "", &mut names);
    assert!(names.len() > 6000, "{} classes", names.len());
    let linker = jdk_linker();
    let failures: Vec<String> = names
        .iter()
        .filter_map(|n| {
            linker
                .load_class(LoaderId::BOOTSTRAP, n)
                .err()
                .map(|e| format!("{n}: {e}"))
        })
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");

    // Eager resolution: only entries HotSpot never resolves (InnerClasses-only references
    // to package-private nested classes of another package) fail.
    let mut unresolved = Vec::new();
    for class in linker.table().classes() {
        for (index, e) in linker.resolve_all_constants(&class) {
            unresolved.push(format!("{}#{index}: {}", class.name, e.java_class()));
        }
    }
    unresolved.sort();
    assert_eq!(
        unresolved,
        [
            "java/util/GregorianCalendar#870: java/lang/IllegalAccessError",
            "java/util/GregorianCalendar#873: java/lang/IllegalAccessError",
            "java/util/JapaneseImperialCalendar#820: java/lang/IllegalAccessError",
            "jdk/internal/jrtfs/SystemImage#230: java/lang/IllegalAccessError",
        ]
    );
}

#[test]
#[ignore = "links the JDK's lib/classlist; run with --release -- --ignored"]
fn every_classlist_class_links() {
    let list = std::fs::read_to_string(common::java_home().join("lib/classlist")).unwrap();
    let linker = jdk_linker();
    let mut count = 0;
    for line in list.lines() {
        if line.is_empty() || line.starts_with('#') || line.starts_with('@') {
            continue;
        }
        let name = line.split_whitespace().next().unwrap();
        linker.load_class(LoaderId::BOOTSTRAP, name).unwrap();
        count += 1;
    }
    assert!(count > 1000, "{count} classes");
}
