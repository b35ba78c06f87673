//! The printer against `javap -p -c -v`, and insta snapshots of its output.
//!
//! How it compares with javap: both outputs are reduced to the lines that carry the facts
//! that matter (every `descriptor:` and `flags:` line of the class and its members, every
//! instruction line with its operands and `//` comment, switch cases, exception table
//! rows, and constant pool entries; Float/Double values (entries and `ldc` comments) are left out, whose decimal text follows
//! Java's own float formatting), and the reduced lists must be identical. Declaration
//! lines (javap shows generic signatures there) and annotations are not compared.
#![allow(clippy::unwrap_used)]

#[path = "common/jdk.rs"]
mod jdk;

use std::path::{Path, PathBuf};
use std::process::Command;

use jfork_classfile::{ClassFile, render};

fn compiled_fixtures() -> PathBuf {
    let out = jdk::target_dir().join(format!("classfile-fixtures-{}", std::process::id()));
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let sources: Vec<PathBuf> = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "java"))
        .collect();
    let status = Command::new("javac")
        .args(["--release", "17", "-g", "-d"])
        .arg(&out)
        .args(&sources)
        .status()
        .unwrap();
    assert!(status.success(), "javac failed");
    out
}

fn is_fact(line: &str) -> bool {
    let t = line.trim();
    if t.contains("// float ") || t.contains("// double ") {
        return false;
    }
    if t.starts_with("descriptor:") || t.starts_with("flags:") {
        return true;
    }
    if let Some(rest) = t.strip_prefix('#') {
        return rest.contains(" = ") && !t.contains("= Float ") && !t.contains("= Double ");
    }
    // Instructions "12: op ..." and switch cases "-5: 40", "default: 40".
    if let Some((head, rest)) = t.split_once(": ") {
        // Annotation entries ("0: #62()") are not printed by us.
        let annotation = rest.strip_prefix('#').is_some_and(|r| {
            r.trim_start_matches(|c: char| c.is_ascii_digit())
                .starts_with('(')
        });
        return !annotation
            && (head == "default" || head.trim_start_matches('-').parse::<u32>().is_ok());
    }
    // Exception table rows: three numbers then a type.
    let words: Vec<&str> = t.split_whitespace().collect();
    words.len() >= 4
        && words[..3].iter().all(|w| w.parse::<u32>().is_ok())
        && (words[3] == "any" || words[3] == "Class")
}

fn facts(text: &str) -> Vec<String> {
    // javap's "line N: pc" lines look like instructions; drop them with their header.
    text.lines()
        .filter(|l| !l.trim_start().starts_with("line "))
        .filter(|l| is_fact(l))
        .map(|l| l.trim_end().to_string())
        .collect()
}

fn javap(path: &Path) -> String {
    let out = Command::new("javap")
        .args(["-p", "-c", "-v"])
        .arg(path)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn compare_with_javap(path: &Path) -> usize {
    let bytes = std::fs::read(path).unwrap();
    let class = ClassFile::parse(&bytes).unwrap();
    class.validate().unwrap();
    let mine = facts(&render(&class));
    let theirs = facts(&javap(path));
    for (i, (a, b)) in mine.iter().zip(&theirs).enumerate() {
        assert_eq!(a, b, "{}: fact {i} differs", path.display());
    }
    assert_eq!(
        mine.len(),
        theirs.len(),
        "{}: number of facts differs",
        path.display()
    );
    mine.len()
}

#[test]
fn fixtures_agree_with_javap() {
    let dir = compiled_fixtures();
    let mut total = 0;
    for path in jdk::class_files(&dir) {
        total += compare_with_javap(&path);
    }
    assert!(total > 500, "only {total} facts compared");
    let flow = std::fs::read(dir.join("Flow.class")).unwrap();
    insta::assert_snapshot!("fixture_Flow", render(&ClassFile::parse(&flow).unwrap()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn jdk_classes_agree_with_javap() {
    let base = jdk::jdk_classes().join("java.base");
    for name in ["java/lang/Object", "java/lang/String", "java/util/HashMap"] {
        let path = base.join(format!("{name}.class"));
        compare_with_javap(&path);
        let bytes = std::fs::read(&path).unwrap();
        let snapshot = format!("jdk_{}", name.replace('/', "_"));
        insta::assert_snapshot!(snapshot, render(&ClassFile::parse(&bytes).unwrap()));
    }
}
