//! Fixture compilation and VM creation shared by the integration tests.
#![allow(clippy::unwrap_used, dead_code)]

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use jfork_interp::{JavaThrowable, Value, Vm, VmOptions};

/// Compiles every `tests/fixtures/*.java` once per test binary; returns the class folder.
pub fn fixtures() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| manifest.join("../target"));
        let out = target.join("interp-fixtures");
        let sources: Vec<PathBuf> = std::fs::read_dir(manifest.join("tests/fixtures"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "java"))
            .collect();
        let newest = sources
            .iter()
            .map(|p| p.metadata().unwrap().modified().unwrap())
            .max()
            .unwrap();
        let stamp = out.join(".stamp");
        let fresh = stamp
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t >= newest);
        if !fresh {
            let _ = std::fs::remove_dir_all(&out);
            std::fs::create_dir_all(&out).unwrap();
            let status = Command::new("javac")
                .args(["--release", "17", "-XDstringConcat=inline", "-d"])
                .arg(&out)
                .args(&sources)
                .status()
                .expect("javac on PATH");
            assert!(status.success(), "javac failed");
            std::fs::write(&stamp, b"").unwrap();
        }
        out
    })
}

/// A VM whose app class path is the compiled fixtures.
pub fn vm() -> Vm {
    Vm::new(VmOptions {
        class_path: fixtures().display().to_string(),
        ..VmOptions::default()
    })
    .unwrap()
}

/// Calls a static method and returns its value, panicking with the exception if it throws.
pub fn call(vm: &mut Vm, class: &str, name: &str, desc: &str, args: &[Value]) -> Value {
    match vm.invoke_static(class, name, desc, args) {
        Ok(v) => v,
        Err(e) => panic!("{class}.{name}{desc} threw {e} at {:?}", e.stack),
    }
}

/// Calls a static method that must throw; returns the throwable.
pub fn throws(vm: &mut Vm, class: &str, name: &str, desc: &str, args: &[Value]) -> JavaThrowable {
    match vm.invoke_static(class, name, desc, args) {
        Ok(v) => panic!("{class}.{name}{desc} returned {v:?}"),
        Err(e) => e,
    }
}

/// `(class, message)` of a throwable, dotted as `java` prints it.
pub fn what(e: &JavaThrowable) -> (String, Option<String>) {
    (e.class_name.replace('/', "."), e.message.clone())
}

/// `tests/fixtures/Npe.java` compiled with `-g` (local variable names), once per test binary.
pub fn debug_fixtures() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let out = fixtures().join("debug");
        let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let status = Command::new("javac")
            .args(["--release", "17", "-g", "-d"])
            .arg(&out)
            .arg(manifest.join("tests/fixtures/Npe.java"))
            .status()
            .expect("javac on PATH");
        assert!(status.success(), "javac -g failed");
        out
    })
}
