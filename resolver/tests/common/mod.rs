//! Fixtures for the resolver's tests: Java sources under `tests/fixtures/<case>` compiled
//! with `javac --release 17`, and the JDK's own classes extracted from `lib/modules`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use jfork_resolver::{DirSource, LoaderId};

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

/// Runs `f` to fill a fresh temporary folder, then renames it to `dir` unless `dir` already
/// exists, so concurrent test processes never see half a tree.
fn build_once(dir: &Path, done_marker: &str, f: impl FnOnce(&Path)) -> PathBuf {
    if dir.join(done_marker).exists() {
        return dir.to_path_buf();
    }
    // Unique per process and per call: tests of one binary run on parallel threads.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.with_extension(format!("tmp{}-{call}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    f(&tmp);
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    if std::fs::rename(&tmp, dir).is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    dir.to_path_buf()
}

/// `target/jdk-classes`, extracted with the JDK's `jimage` on first use.
pub fn jdk_classes() -> PathBuf {
    let dir = target_dir().join("jdk-classes");
    build_once(&dir, "java.base/java/lang/Object.class", |tmp| {
        let home = java_home();
        let status = Command::new(home.join("bin/jimage"))
            .arg("extract")
            .arg("--dir")
            .arg(tmp)
            .arg(home.join("lib/modules"))
            .status()
            .expect("run jimage");
        assert!(status.success(), "jimage extract failed");
    })
}

/// Every `.java` file under `dir`.
fn java_sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "java") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn fixture_dir(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(case)
}

/// A hash of the sources' paths and contents, so an edited fixture is compiled afresh.
fn sources_stamp(dir: &Path) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for s in java_sources(dir) {
        s.hash(&mut h);
        std::fs::read(&s).unwrap().hash(&mut h);
    }
    format!("{:016x}", h.finish())
}

/// Compiles `tests/fixtures/<case>/<sub>` (every `.java` below it) with `javac --release 17`
/// into `target/resolver-fixtures/<case>/<sub>-<stamp>`; `classpath` is searched for classes
/// the sources use but do not define.
pub fn compile(case: &str, sub: &str, classpath: Option<&Path>) -> PathBuf {
    let src = fixture_dir(case).join(sub);
    let out = target_dir()
        .join("resolver-fixtures")
        .join(case)
        .join(format!("{}-{}", sub.replace('/', "_"), sources_stamp(&src)));
    build_once(&out, ".done", |tmp| {
        let mut cmd = Command::new("javac");
        cmd.arg("--release").arg("17").arg("-d").arg(tmp);
        if let Some(cp) = classpath {
            cmd.arg("-cp").arg(cp);
        }
        cmd.args(java_sources(&src));
        let output = cmd.output().expect("run javac");
        assert!(
            output.status.success(),
            "javac failed for {case}/{sub}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        std::fs::write(tmp.join(".done"), b"").unwrap();
    })
}

/// A source with java.base on the bootstrap loader and `app` on the application loader.
pub fn source_with_app(app: &Path) -> DirSource {
    DirSource::new()
        .with_module_root(
            LoaderId::BOOTSTRAP,
            "java.base",
            jdk_classes().join("java.base"),
        )
        .with_root(LoaderId::APP, app)
}

/// Copies every file under `from` into `to` (folders created as needed).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}
