//! Parses and validates every class of the installed JDK (`$JAVA_HOME/lib/modules`,
//! extracted to `target/jdk-classes/`) and prints the count; exits 1 on any error.
//!
//! `cargo run --release -p jfork-classfile --example check_all [DIR]`
#![allow(clippy::unwrap_used)]

#[path = "../tests/common/jdk.rs"]
mod jdk;

use jfork_classfile::ClassFile;

fn main() {
    let dir = std::env::args_os()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(jdk::jdk_classes);
    let files = jdk::class_files(&dir);
    let start = std::time::Instant::now();
    let mut errors = 0usize;
    let mut bytes = 0usize;
    for path in &files {
        let data = std::fs::read(path).unwrap();
        bytes += data.len();
        if let Err(e) = ClassFile::parse(&data).and_then(|c| c.validate()) {
            errors += 1;
            if errors <= 20 {
                eprintln!("{}: {e}", path.display());
            }
        }
    }
    println!(
        "{} classes ({} MB) parsed and validated, {} errors, {:.0} ms (with file reads)",
        files.len(),
        bytes / 1_000_000,
        errors,
        start.elapsed().as_secs_f64() * 1e3
    );
    if errors > 0 {
        std::process::exit(1);
    }
}
