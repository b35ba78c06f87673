//! Mutation fuzzing of the preloader's readers of untrusted bytes, on stable Rust: preload
//! lists, jar manifests, jar and jmod archives (zip), and the jimage reader. Seeds are real
//! files of the installed JDK (`lib/classlist`, `lib/jrt-fs.jar`, `jmods/java.logging.jmod`,
//! `lib/modules`).
//!
//! `cargo test -p jfork-preloader --test fuzz_readers` runs each target briefly; the long
//! runs are `cargo xtask fuzz list|manifest|jar|jmod|jimage [--execs N] [--seconds S]`
//! (the ignored test `fuzz_target`, driven by `FUZZ_TARGET`, `FUZZ_EXECS`, `FUZZ_SECONDS`,
//! `FUZZ_THREADS`). Crashing inputs land in `target/fuzz-crashes/<target>/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../classfile/tests/common/fuzz_loop.rs"]
mod fuzz_loop;
#[path = "../../classfile/tests/common/fuzz.rs"]
#[allow(unused)]
mod mutator;

use std::io::{Seek, SeekFrom, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use jfork_preloader::{Archive, ArchiveKind, JImage, Manifest, PreloadList};

fn java_home() -> PathBuf {
    std::env::var_os("JAVA_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/lib/jvm/java-17-openjdk-amd64"))
}

/// A scratch file per thread on a memory file system when there is one.
fn scratch(target: &str, thread: usize) -> PathBuf {
    let dir = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    dir.join(format!(
        "jfork-fuzz-{target}-{}-{thread}",
        std::process::id()
    ))
}

fn classlist_seeds() -> Vec<Vec<u8>> {
    let text = std::fs::read(java_home().join("lib/classlist")).unwrap();
    // Pieces of a few KiB, cut at line ends, keep each exec cheap.
    text.split(|&b| b == b'\n')
        .collect::<Vec<_>>()
        .chunks(64)
        .take(64)
        .map(|lines| lines.join(&b'\n'))
        .collect()
}

fn manifest_seeds() -> Vec<Vec<u8>> {
    vec![
        b"Manifest-Version: 1.0\r\nMain-Class: com.example.Main\r\nClass-Path: lib/a.jar \r\n lib/b.jar\r\n\r\nName: x\r\nClass-Path: no\r\n".to_vec(),
        b"Manifest-Version: 1.0\nCreated-By: 17 (Debian)\nMain-Class: Hello\n\n".to_vec(),
    ]
}

fn exercise_list(data: &[u8]) {
    let list = PreloadList::parse(&String::from_utf8_lossy(data), "fuzz");
    std::hint::black_box(list);
}

fn exercise_manifest(data: &[u8]) {
    let m = Manifest::parse(data);
    let _ = m.resolve_class_path(Path::new("/tmp/app.jar"));
}

fn exercise_archive(path: &Path, kind: ArchiveKind) {
    let Ok(archive) = Archive::open(path, kind) else {
        return;
    };
    let _ = archive.manifest();
    for name in archive.class_names().iter().take(8) {
        let resource = archive.class_resource(name);
        if let Ok(Some(bytes)) = archive.entry(&resource) {
            std::hint::black_box(bytes.len());
        }
    }
    let _ = archive.entry("META-INF/MANIFEST.MF");
}

fn run_bytes_target(target: &str, execs: u64, seconds: Option<u64>, threads: usize) -> u64 {
    type Exercise = fn(&[u8]);
    let (seeds, f): (Vec<Vec<u8>>, Exercise) = match target {
        "list" => (classlist_seeds(), exercise_list),
        "manifest" => (manifest_seeds(), exercise_manifest),
        _ => unreachable!(),
    };
    fuzz_loop::run(target, &seeds, execs, seconds, threads, |_, data| f(data))
}

fn run_archive_target(target: &str, execs: u64, seconds: Option<u64>, threads: usize) -> u64 {
    let (seed, kind) = match target {
        "jar" => (java_home().join("lib/jrt-fs.jar"), ArchiveKind::Jar),
        _ => (
            java_home().join("jmods/java.logging.jmod"),
            ArchiveKind::Jmod,
        ),
    };
    let seeds = vec![std::fs::read(&seed).unwrap()];
    fuzz_loop::run(target, &seeds, execs, seconds, threads, |thread, data| {
        let path = scratch(target, thread);
        std::fs::write(&path, data).unwrap();
        exercise_archive(&path, kind);
    })
}

/// The jimage target mutates a private copy of `lib/modules` in place (a few bytes of its
/// header and index, or of a resource), reads it, and puts the bytes back.
fn run_jimage_target(execs: u64, seconds: Option<u64>, threads: usize) -> u64 {
    let original = std::fs::read(java_home().join("lib/modules")).unwrap();
    let index_len = {
        let image = JImage::open(&java_home().join("lib/modules")).unwrap();
        drop(image);
        // Header (7 u32) + redirect + offsets + locations + strings.
        let field = |i: usize| u32::from_le_bytes(original[i * 4..i * 4 + 4].try_into().unwrap());
        28 + field(4) as usize * 8 + field(5) as usize + field(6) as usize
    };
    let copies: Vec<PathBuf> = (0..threads)
        .map(|t| {
            let path = scratch("jimage", t);
            std::fs::write(&path, &original).unwrap();
            path
        })
        .collect();
    let names = [
        "java/lang/Object",
        "java/util/HashMap",
        "java/lang/String",
        "sun/nio/ch/Net",
        "java/util/logging/Logger",
    ];
    let n = fuzz_loop::run_custom("jimage", execs, seconds, threads, |thread, rng| {
        let path = &copies[thread];
        let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
        let mut saved = Vec::new();
        let mut bad = Vec::new();
        for _ in 0..1 + rng.below(4) {
            let at = if rng.below(8) == 0 {
                rng.below(original.len())
            } else if rng.below(2) == 0 {
                rng.below(28 + 64)
            } else {
                rng.below(index_len)
            };
            let len = [1, 2, 4][rng.below(3)].min(original.len() - at);
            let value: Vec<u8> = match rng.below(3) {
                0 => vec![0xff; len],
                1 => vec![0; len],
                _ => (0..len).map(|_| rng.next() as u8).collect(),
            };
            saved.push((at, original[at..at + len].to_vec()));
            file.write_at(&value, at as u64).unwrap();
            bad.push((at, value));
        }
        let outcome = std::panic::catch_unwind(|| {
            if let Ok(image) = JImage::open(path) {
                for name in names {
                    let _ = image.class(name);
                }
                let _ = image.module_of_package("java.util");
                let _ = image.resource("/java.base/module-info.class");
                if rng_free_pick(&saved) {
                    let _ = image.modules();
                }
            }
        });
        for (at, bytes) in saved.iter().rev() {
            file.write_at(bytes, *at as u64).unwrap();
        }
        file.seek(SeekFrom::Start(0)).unwrap();
        file.flush().unwrap();
        outcome.map_err(|_| {
            let mut input = Vec::new();
            for (at, value) in bad {
                input.extend_from_slice(format!("{at}:{value:02x?}\n").as_bytes());
            }
            input
        })
    });
    for path in copies {
        let _ = std::fs::remove_file(path);
    }
    n
}

/// Lists every module now and then (it walks the whole index), keyed off the mutation so
/// runs stay deterministic.
fn rng_free_pick(saved: &[(usize, Vec<u8>)]) -> bool {
    saved.first().is_some_and(|(at, _)| at % 16 == 0)
}

fn run_target(target: &str, execs: u64, seconds: Option<u64>, threads: usize) -> u64 {
    match target {
        "list" | "manifest" => run_bytes_target(target, execs, seconds, threads),
        "jar" | "jmod" => run_archive_target(target, execs, seconds, threads),
        "jimage" => run_jimage_target(execs, seconds, threads),
        other => panic!("unknown preloader fuzz target {other}"),
    }
}

#[test]
fn brief_runs_find_no_panic() {
    for target in ["list", "manifest", "jar", "jmod", "jimage"] {
        let n = run_target(target, 300, None, 1);
        assert_eq!(n, 300, "{target}");
    }
}

#[test]
#[ignore = "long fuzz run: cargo xtask fuzz TARGET"]
fn fuzz_target() {
    let (target, execs, seconds, threads) = fuzz_loop::settings();
    let n = run_target(&target, execs, seconds, threads);
    println!("fuzz {target}: {n} executions, no crash");
}
