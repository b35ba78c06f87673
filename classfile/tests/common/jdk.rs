//! Real JDK classes for tests, examples and benchmarks: extracted once from the installed
//! JDK's `lib/modules` with the JDK's own `jimage` tool, cached under `target/jdk-classes/`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The JDK used: `$JAVA_HOME`, else the Debian OpenJDK 17 path.
pub fn java_home() -> PathBuf {
    std::env::var_os("JAVA_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/lib/jvm/java-17-openjdk-amd64"))
}

/// The workspace target directory.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

/// `target/jdk-classes`, extracted on first use (about 3 s). Extraction goes to a
/// temporary folder renamed into place, so concurrent tests never see half a tree.
pub fn jdk_classes() -> PathBuf {
    let dir = target_dir().join("jdk-classes");
    if dir.join("java.base/java/lang/Object.class").exists() {
        return dir;
    }
    // Unique per process and per call: tests of one binary run on parallel threads.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = target_dir().join(format!("jdk-classes.tmp{}-{call}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let home = java_home();
    let status = Command::new(home.join("bin/jimage"))
        .arg("extract")
        .arg("--dir")
        .arg(&tmp)
        .arg(home.join("lib/modules"))
        .status()
        .expect("run jimage");
    assert!(status.success(), "jimage extract failed");
    if std::fs::rename(&tmp, &dir).is_err() {
        // Another process won the race; its tree is complete.
        let _ = std::fs::remove_dir_all(&tmp);
    }
    dir
}

/// Every `.class` file under `dir`, sorted.
pub fn class_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "class") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Reads all files into memory.
pub fn read_all(paths: &[PathBuf]) -> Vec<(PathBuf, Vec<u8>)> {
    paths
        .iter()
        .map(|p| (p.clone(), std::fs::read(p).unwrap()))
        .collect()
}
