//! False-positive check of the verifier on the class library: every class of java.base is
//! type checked (HotSpot's verifier accepts all of them). Slow in debug builds, so ignored:
//! `cargo test --release -p jfork-resolver --test verifier_jdk -- --ignored --nocapture`.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::time::Instant;

use jfork_resolver::{DirSource, LinkErrorKind, Linker, LoaderId, verify_class};

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

#[test]
#[ignore = "verifies all of java.base; run with --release -- --ignored"]
fn every_java_base_class_verifies() {
    let root = common::jdk_classes().join("java.base");
    let mut names = Vec::new();
    class_names(&root, "", &mut names);
    names.sort();
    let linker =
        Linker::new(DirSource::new().with_module_root(LoaderId::BOOTSTRAP, "java.base", &root));
    let classes: Vec<_> = names
        .iter()
        .map(|n| match linker.load_class(LoaderId::BOOTSTRAP, n) {
            Ok(c) => c,
            Err(e) => panic!("{n} does not link: {e}"),
        })
        .collect();
    // Only verification is timed: every class it compares with is linked already.
    let start = Instant::now();
    let mut failures = Vec::new();
    let mut verified = 0;
    let mut bytes = 0;
    for (n, class) in names.iter().zip(&classes) {
        bytes += class.class_file().map_or(0, |f| f.bytes().len());
        match verify_class(&linker, class) {
            Ok(()) => verified += 1,
            Err(e) => {
                let first = e.message.lines().next().unwrap_or("").to_owned();
                let location = e.message.lines().nth(3).unwrap_or("").trim().to_owned();
                failures.push(format!("{n}: {:?} {first} at {location}", e.kind));
                if failures.len() <= 5 {
                    eprintln!("{e}\n");
                }
                assert_ne!(e.kind, LinkErrorKind::ClassFormatError);
            }
        }
    }
    eprintln!(
        "verified {verified} of {} java.base classes ({} MB of class files) in {:?}",
        names.len(),
        bytes / 1_000_000,
        start.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} failures: {failures:#?}",
        failures.len()
    );
}
