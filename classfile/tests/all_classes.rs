//! Parses and validates every class of the installed JDK's `lib/modules` (26,588 in
//! JDK 17) and prints the count. Unoptimised test builds take a while, so this is
//! `#[ignore]`d; CI runs the same check fast with
//! `cargo run --release -p jfork-classfile --example check_all`.
#![allow(clippy::unwrap_used)]

#[path = "common/jdk.rs"]
mod jdk;

#[test]
#[ignore = "slow in debug; CI runs examples/check_all.rs in release"]
fn every_jdk_class_parses_and_validates() {
    let files = jdk::class_files(&jdk::jdk_classes());
    let mut errors = Vec::new();
    for path in &files {
        let data = std::fs::read(path).unwrap();
        if let Err(e) =
            jfork_classfile::ClassFile::parse(&data).and_then(|c| c.validate().map(|_| ()))
        {
            errors.push(format!("{}: {e}", path.display()));
        }
    }
    println!(
        "{} classes parsed and validated, {} errors",
        files.len(),
        errors.len()
    );
    assert!(
        errors.is_empty(),
        "{}",
        errors[..errors.len().min(20)].join("\n")
    );
    assert!(files.len() > 26_000);
}
