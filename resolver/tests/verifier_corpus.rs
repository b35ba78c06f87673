//! No false positives: every class of the conformance corpus (compiled with
//! `javac --release 17`, plus each program's `javac-flags`) and of the resolver's own
//! fixtures links with verification on the application loader.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use jfork_resolver::{ClassSource, DirSource, FoundClass, Linker, LoaderId, SourceError};

/// Internal names of every class file under `dir`.
fn class_names(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            class_names(&path, &format!("{prefix}{file}/"), out);
        } else if let Some(stem) = file.strip_suffix(".class") {
            out.push(format!("{prefix}{stem}"));
        }
    }
}

/// Loads (and so verifies) every class under `dir` on the application loader; returns
/// the failures and the number of classes.
fn verify_all(dir: &Path) -> (Vec<String>, usize) {
    let mut names = Vec::new();
    class_names(dir, "", &mut names);
    let linker = Linker::new(common::source_with_app(dir));
    let failures = names
        .iter()
        .filter_map(|n| {
            linker
                .load_class(LoaderId::APP, n)
                .err()
                .map(|e| format!("{}: {n}: {e}", dir.display()))
        })
        .collect();
    (failures, names.len())
}

/// The corpus compiled once per process into a fresh folder (one JVM for all programs).
fn compiled_corpus() -> PathBuf {
    let tools = common::compile("verifier", "tools", None);
    let programs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance/programs");
    let out = common::target_dir()
        .join("resolver-fixtures")
        .join(format!("corpus-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let status = Command::new(common::java_home().join("bin/java"))
        .arg("-cp")
        .arg(&tools)
        .arg("CompileAll")
        .arg(&programs)
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success(), "compiling the conformance corpus failed");
    out
}

/// java.base on the boot loader and program `i` alone on loader `100 + i`, so one linker
/// (and one linking of java.base) serves every program.
struct Programs {
    jdk: DirSource,
    roots: Vec<PathBuf>,
}

impl ClassSource for Programs {
    fn find_class(
        &self,
        initiating: LoaderId,
        name: &str,
    ) -> Result<Option<FoundClass>, SourceError> {
        if let Some(found) = self.jdk.find_class(LoaderId::BOOTSTRAP, name)? {
            return Ok(Some(found));
        }
        let Some(root) = (initiating.0 as usize)
            .checked_sub(100)
            .and_then(|i| self.roots.get(i))
        else {
            return Ok(None);
        };
        let path = root.join(format!("{name}.class"));
        Ok(std::fs::read(&path).ok().map(|bytes| FoundClass {
            defining_loader: initiating,
            bytes: Box::leak(bytes.into_boxed_slice()),
            module: None,
        }))
    }
}

#[test]
#[ignore = "compiles the whole conformance corpus (about 20 s); run with -- --ignored"]
fn conformance_corpus_verifies() {
    let out = compiled_corpus();
    let mut roots: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    roots.sort();
    let linker = Linker::new(Programs {
        jdk: DirSource::new().with_module_root(
            LoaderId::BOOTSTRAP,
            "java.base",
            common::jdk_classes().join("java.base"),
        ),
        roots: roots.clone(),
    });
    let start = std::time::Instant::now();
    let mut failures = Vec::new();
    let mut classes = 0;
    for (i, root) in roots.iter().enumerate() {
        let mut names = Vec::new();
        class_names(root, "", &mut names);
        for n in &names {
            classes += 1;
            if let Err(e) = linker.load_class(LoaderId(100 + i as u32), n) {
                failures.push(format!("{}: {n}: {e}", root.display()));
            }
        }
    }
    eprintln!(
        "{classes} classes of {} programs linked and verified in {:?}",
        roots.len(),
        start.elapsed()
    );
    let _ = std::fs::remove_dir_all(&out);
    assert!(roots.len() > 100 && classes > 200, "{classes}");
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn resolver_fixtures_verify() {
    let mut checked = 0;
    for (case, sub) in [("tables", "."), ("broken", "v1"), ("constraints", ".")] {
        let dir = common::compile(case, sub, None);
        let (failures, n) = verify_all(&dir);
        checked += n;
        // The broken set fails only where it is meant to, before verification.
        let unexpected: Vec<&String> = failures
            .iter()
            .filter(|f| f.contains("VerifyError"))
            .collect();
        assert!(unexpected.is_empty(), "{unexpected:#?}");
    }
    assert!(checked > 30, "{checked}");
}
