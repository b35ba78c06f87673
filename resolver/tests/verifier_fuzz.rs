//! Differential fuzzing against HotSpot: one byte of a method's code in a conformance class
//! is replaced by a random one, and the mutant must be rejected with `VerifyError` exactly
//! when HotSpot rejects it with `VerifyError` (each mutant in its own class loader there).
//! Slow (compiles the corpus, runs a JVM): `cargo test --release -p jfork-resolver --test
//! verifier_fuzz -- --ignored --nocapture`.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use jfork_classfile::ClassFile;
use jfork_resolver::{DirSource, Linker, LoaderId};

fn class_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            class_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "class") {
            out.push(path);
        }
    }
}

/// xorshift64*: deterministic mutants from run to run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// How a load ended: `VerifyError`, another error, or success.
fn outcome(first_line: &str) -> &'static str {
    if first_line.starts_with("java.lang.VerifyError") {
        "VerifyError"
    } else if first_line == "ok" {
        "ok"
    } else {
        "other"
    }
}

#[test]
#[ignore = "compiles the corpus and runs HotSpot on thousands of mutants"]
fn mutants_are_rejected_as_hotspot_rejects_them() {
    let tools = common::compile("verifier", "tools", None);
    let work = common::target_dir()
        .join("resolver-fixtures")
        .join(format!("fuzz-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let corpus = work.join("corpus");
    let programs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance/programs");
    let status = Command::new(common::java_home().join("bin/java"))
        .args(["-cp"])
        .arg(&tools)
        .arg("CompileAll")
        .arg(&programs)
        .arg(&corpus)
        .status()
        .unwrap();
    assert!(status.success());

    let per_method: usize = std::env::var("FUZZ_PER_METHOD")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2);
    // FUZZ_MAJOR=49 relabels every class as version 49: type inference instead of
    // type checking (HotSpot's old verifier on its side).
    let major: Option<u16> = std::env::var("FUZZ_MAJOR")
        .ok()
        .and_then(|v| v.parse().ok());
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut list = String::new();
    let mut mutants = Vec::new();
    let mut program_dirs: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    program_dirs.sort();
    for program in &program_dirs {
        let mut files = Vec::new();
        class_files(program, &mut files);
        files.sort();
        for file in files {
            let mut bytes = std::fs::read(&file).unwrap();
            if let Some(major) = major {
                bytes[6..8].copy_from_slice(&major.to_be_bytes());
                std::fs::write(&file, &bytes).unwrap();
            }
            // Relabelled classes with invokedynamic no longer parse: left out.
            let Ok(class) = ClassFile::parse(&bytes) else {
                continue;
            };
            let name = class.this_class().to_owned();
            let codes: Vec<(usize, usize)> = class
                .methods()
                .iter()
                .filter(|m| m.name != "<clinit>")
                .filter_map(|m| m.code.as_ref())
                .map(|c| (c.bytecode_offset, c.bytecode.len()))
                .collect();
            for (offset, len) in codes {
                for _ in 0..per_method {
                    let mut mutant = bytes.clone();
                    let at = offset + (rng.next() as usize) % len;
                    let value = rng.next() as u8;
                    if mutant[at] == value {
                        continue;
                    }
                    mutant[at] = value;
                    let id = mutants.len();
                    let dir = work.join("mutants").join(id.to_string());
                    let path = dir.join(format!("{name}.class"));
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                    std::fs::write(&path, &mutant).unwrap();
                    list.push_str(&format!(
                        "{id} {} {} {name}\n",
                        dir.display(),
                        program.display()
                    ));
                    mutants.push((dir, program.clone(), name.clone()));
                }
            }
        }
    }
    std::fs::write(work.join("list"), &list).unwrap();
    let out = Command::new(common::java_home().join("bin/java"))
        .arg("-cp")
        .arg(&tools)
        .arg("FuzzLoad")
        .arg(work.join("list"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let java: HashMap<usize, String> = stdout
        .lines()
        .filter_map(|l| l.split_once(": "))
        .filter_map(|(id, rest)| Some((id.parse().ok()?, rest.to_owned())))
        .collect();

    let jdk = common::jdk_classes().join("java.base");
    let mut agree = 0;
    let mut same_first_line = 0;
    let mut too_lax = Vec::new();
    let mut too_strict = Vec::new();
    let mut matrix: HashMap<(&str, &str), usize> = HashMap::new();
    let mut differing: HashMap<String, usize> = HashMap::new();
    for (id, (dir, program, name)) in mutants.iter().enumerate() {
        let Some(java) = java.get(&id) else { continue };
        let linker = Linker::new(
            DirSource::new()
                .with_module_root(LoaderId::BOOTSTRAP, "java.base", &jdk)
                .with_root(LoaderId::APP, dir)
                .with_root(LoaderId::APP, program),
        );
        let ours = match linker.load_class(LoaderId::APP, name) {
            Ok(_) => "ok".to_owned(),
            Err(e) => format!(
                "{}: {}",
                e.kind.java_class().replace('/', "."),
                e.message.lines().next().unwrap_or("")
            ),
        };
        let (j, o) = (outcome(java), outcome(&ours));
        *matrix.entry((j, o)).or_insert(0usize) += 1;
        if j == "VerifyError" && ours != *java {
            let key = format!("{java}  <>  {}", ours.split(" (JVMS").next().unwrap_or(""));
            let key: String = key.chars().filter(|c| !c.is_ascii_digit()).collect();
            *differing.entry(key.clone()).or_insert(0usize) += 1;
            if std::env::var_os("FUZZ_KEEP").is_some()
                && key.contains("underflow  <>  java.lang.VerifyError: Bad type")
            {
                eprintln!("example {id}: {}/{name}.class: {ours}", dir.display());
            }
        }
        if j == "VerifyError" && ours == *java {
            same_first_line += 1;
        }
        if (j, o) == ("other", "ok") {
            eprintln!("  HotSpot rejects, we accept: {id} {name}: {java}");
        }
        match (j, o) {
            ("VerifyError", "ok") => too_lax.push(format!("{id} {name}: HotSpot {java}")),
            ("ok", "VerifyError") => too_strict.push(format!("{id} {name}: ours {ours}")),
            _ => agree += 1,
        }
    }
    let verify_errors = java
        .values()
        .filter(|v| outcome(v) == "VerifyError")
        .count();
    eprintln!(
        "{} mutants: {agree} agree on VerifyError vs success; HotSpot VerifyError {verify_errors}, \
         same first line {same_first_line}; we accept {} HotSpot rejects, reject {} it accepts",
        mutants.len(),
        too_lax.len(),
        too_strict.len()
    );
    let mut matrix: Vec<_> = matrix.into_iter().collect();
    matrix.sort();
    eprintln!("(HotSpot, ours): {matrix:?}");
    let mut differing: Vec<_> = differing.into_iter().collect();
    differing.sort_by_key(|d| std::cmp::Reverse(d.1));
    for (k, n) in differing.iter().take(25) {
        eprintln!("  {n:5} {k}");
    }
    for l in too_lax.iter().chain(&too_strict).take(40) {
        eprintln!("  {l}");
    }
    if std::env::var_os("FUZZ_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&work);
    }
    assert!(too_lax.is_empty(), "{too_lax:#?}");
    assert!(too_strict.is_empty(), "{too_strict:#?}");
}
