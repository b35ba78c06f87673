//! Mutation fuzzing of class files through the whole load path: parse, validate, render,
//! then — for mutants that pass the format checks — link (hierarchy, layout, tables) and
//! verify them as an application class would be, on a fresh `Linker` over java.base.
//! Seeds: small JDK classes and their supertypes' neighbours.
//!
//! `cargo test -p jfork-resolver --test fuzz_classes` runs briefly; `cargo xtask fuzz class
//! [--execs N] [--seconds S]` runs long.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "../../classfile/tests/common/fuzz_loop.rs"]
mod fuzz_loop;
#[path = "../../classfile/tests/common/fuzz.rs"]
#[allow(unused)]
mod mutator;

use jfork_classfile::ClassFile;
use jfork_resolver::{DirSource, FoundClass, Linker, LoaderId};

const SEEDS: &[&str] = &[
    "java/util/AbstractList",
    "java/util/ArrayList$Itr",
    "java/util/Objects",
    "java/lang/Integer",
    "java/util/Optional",
    "java/util/StringJoiner",
    "java/util/function/Function",
    "java/lang/Thread$State",
];

fn seeds() -> Vec<Vec<u8>> {
    let base = common::jdk_classes().join("java.base");
    SEEDS
        .iter()
        .map(|n| std::fs::read(base.join(format!("{n}.class"))).unwrap())
        .collect()
}

fn exercise(data: &[u8]) {
    mutator::exercise(data);
    let Ok(class) = ClassFile::parse(data) else {
        return;
    };
    if class.validate().is_err() {
        return;
    }
    let name = class.this_class().to_string();
    let source = DirSource::new().with_module_root(
        LoaderId::BOOTSTRAP,
        "java.base",
        common::jdk_classes().join("java.base"),
    );
    let linker = Linker::new(source);
    // The class must live as long as the linker, which `FoundClass` asks to be 'static.
    let bytes: &'static [u8] = Box::leak(data.to_vec().into_boxed_slice());
    let found = FoundClass {
        defining_loader: LoaderId::APP,
        bytes,
        module: None,
    };
    let _ = linker.load_found(&name, found);
}

#[test]
fn brief_run_finds_no_panic() {
    let n = fuzz_loop::run("class", &seeds(), 1000, None, 1, |_, d| exercise(d));
    assert_eq!(n, 1000);
}

#[test]
#[ignore = "long fuzz run: cargo xtask fuzz class"]
fn fuzz_target() {
    let (target, execs, seconds, threads) = fuzz_loop::settings();
    assert_eq!(target, "class");
    let n = fuzz_loop::run("class", &seeds(), execs, seconds, threads, |_, d| {
        exercise(d)
    });
    println!("fuzz class: {n} executions, no crash");
}
