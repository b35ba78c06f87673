//! Java code on a VM that booted the JDK's java.base (`Vm::boot`), compiled by plain javac:
//! string concatenation, lambdas and records go through invokedynamic; threads, monitors,
//! method and var handles, stack traces and class loaders through the JDK's own code.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use jfork_interp::{Value, Vm, VmOptions};

fn classes() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let out = std::env::temp_dir().join(format!("jfork-booted-{}", std::process::id()));
        std::fs::create_dir_all(&out).unwrap();
        let status = Command::new("javac")
            .args(["--release", "17", "-d"])
            .arg(&out)
            .arg(manifest.join("tests/booted/Booted.java"))
            .status()
            .expect("javac on PATH");
        assert!(status.success(), "javac failed");
        out
    })
}

fn booted() -> Vm {
    let mut vm = Vm::new(VmOptions {
        class_path: classes().display().to_string(),
        ..VmOptions::default()
    })
    .unwrap();
    vm.boot().unwrap();
    vm
}

fn call(name: &str) -> String {
    let mut vm = booted();
    match vm.invoke_static("Booted", name, "()Ljava/lang/String;", &[]) {
        Ok(Value::Reference(s)) => vm.string_value(s).unwrap(),
        other => panic!("Booted.{name}: {other:?}"),
    }
}

#[test]
fn string_concatenation_formats_every_type_as_the_jdk() {
    assert_eq!(
        call("concat"),
        "i=-7 l=-9223372036854775808 c=q b=true d=0.30000000000000004 f=1.0E-5 o=null s=s"
    );
}

#[test]
fn lambdas_method_references_and_streams() {
    assert_eq!(
        call("streams"),
        "{false=[5, 3, 1], true=[8, 4]} 1,3,4,5,8 5050"
    );
}

#[test]
fn record_methods() {
    assert_eq!(call("records"), "Point[x=1, y=2.5, name=a] true true");
}

#[test]
fn green_threads_monitors_wait_and_join() {
    assert_eq!(call("threads"), "3000 done false");
}

#[test]
fn method_and_var_handles() {
    assert_eq!(call("handles"), "9 true 5 7");
}

#[test]
fn stack_traces_name_modules_files_and_lines() {
    let trace = call("trace");
    let lines: Vec<&str> = trace.lines().collect();
    assert_eq!(
        lines[0],
        "java.lang.NumberFormatException: For input string: \"x1\""
    );
    assert!(
        lines[1].starts_with("\tat java.base/java.lang.NumberFormatException.forInputString(NumberFormatException.java:"),
        "{trace}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("\tat Booted.trace(Booted.java:")),
        "{trace}"
    );
}

#[test]
fn application_classes_belong_to_the_app_loader_and_unnamed_module() {
    assert_eq!(
        call("loaders"),
        "{loader=app, module=false, string=java.base}"
    );
}
