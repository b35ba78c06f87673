//! One single-threaded pass over java.base for profilers, where wall time is too noisy.
//!
//! `valgrind --tool=callgrind target/release/examples/profile_parse MODE`, MODE one of
//! `read` (only load the files), `parse`, `validate` (parse + validate, the default).
//! Subtract the `read` count from the others to get the cost of parsing alone.
#![allow(clippy::unwrap_used)]

#[path = "../tests/common/jdk.rs"]
mod jdk;

use jfork_classfile::ClassFile;

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_else(|| "validate".into());
    let dir = jdk::jdk_classes().join("java.base");
    let files: Vec<Vec<u8>> = jdk::read_all(&jdk::class_files(&dir))
        .into_iter()
        .map(|(_, d)| d)
        .collect();
    let ok = match mode.as_str() {
        "read" => files.len(),
        "parse" => files.iter().filter(|d| ClassFile::parse(d).is_ok()).count(),
        "validate" => files
            .iter()
            .filter(|d| ClassFile::parse(d).and_then(|c| c.validate()).is_ok())
            .count(),
        other => panic!("unknown mode {other:?}: read, parse or validate"),
    };
    assert_eq!(ok, files.len(), "some classes failed");
    println!("{mode}: {ok} classes");
}
