//! `jfork classlist`: a run's classes beyond the preload list, in HotSpot's classlist
//! format, written at exit (a normal end and `System.exit` alike).
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Command;

fn fixture(dir: &PathBuf, exit: bool) {
    std::fs::create_dir_all(dir).unwrap();
    let body = if exit { "System.exit(4);" } else { "" };
    let source = format!(
        "public class Probe {{ static class Inner {{}} public static void main(String[] a) {{ \
         System.out.println(new Inner() != null); {body} }} }}"
    );
    std::fs::write(dir.join("Probe.java"), source).unwrap();
    let status = Command::new("javac")
        .args(["--release", "17", "-d"])
        .arg(dir)
        .arg(dir.join("Probe.java"))
        .status()
        .expect("javac on PATH");
    assert!(status.success());
}

fn classlist(exit: bool) -> (i32, Vec<String>) {
    let dir = std::env::temp_dir().join(format!("jfork-classlist-{}-{exit}", std::process::id()));
    fixture(&dir, exit);
    let list = dir.join("out.classlist");
    let out = Command::new(env!("CARGO_BIN_EXE_jfork"))
        .arg("classlist")
        .arg("--output")
        .arg(&list)
        .arg("-cp")
        .arg(&dir)
        .arg("Probe")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "true\n");
    let text = std::fs::read_to_string(&list).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let names = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    (out.status.code().unwrap_or(-1), names)
}

#[test]
fn lists_the_application_classes_and_not_the_preloaded_ones() {
    let (code, names) = classlist(false);
    assert_eq!(code, 0);
    assert!(names.contains(&"Probe".to_owned()), "{names:?}");
    assert!(names.contains(&"Probe$Inner".to_owned()), "{names:?}");
    // In the JDK's own classlist (the default preload list).
    assert!(!names.contains(&"java/lang/Object".to_owned()), "{names:?}");
}

#[test]
fn is_written_when_the_program_calls_system_exit() {
    let (code, names) = classlist(true);
    assert_eq!(code, 4);
    assert!(names.contains(&"Probe".to_owned()), "{names:?}");
}
