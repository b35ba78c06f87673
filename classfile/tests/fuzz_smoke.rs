//! A bounded fuzz run (a few seconds) plus every saved crash in `tests/regressions/`.

#[path = "common/fuzz.rs"]
mod fuzz;
#[path = "common/jdk.rs"]
mod jdk;

#[test]
fn bounded_fuzz_run_finds_no_panics() {
    let dir = jdk::jdk_classes().join("java.base/java/lang");
    let corpus: Vec<Vec<u8>> = [
        "Object",
        "String",
        "Integer",
        "Thread",
        "Math",
        "Character",
        "Enum",
        "Record",
    ]
    .iter()
    .map(|n| std::fs::read(dir.join(format!("{n}.class"))).unwrap())
    .collect();
    let (n, crashes) = fuzz::run(&corpus, 0x5eed, 3000, None, None);
    assert_eq!(n, 3000);
    assert!(crashes.is_empty(), "{} mutants panicked", crashes.len());
}

#[test]
fn regressions_do_not_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        assert!(fuzz::survives(&data), "{} panics", path.display());
    }
}
