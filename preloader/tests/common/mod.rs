//! Fixtures for the preloader's tests: zip/jar/jmod files written from bytes, class files
//! compiled with `javac --release 17`, and the local JDK.
#![allow(clippy::unwrap_used, dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use flate2::Crc;
use flate2::write::DeflateEncoder;

/// One entry of a zip written by [`write_zip`].
pub struct ZipEntry<'a> {
    pub name: &'a str,
    pub data: &'a [u8],
    pub deflate: bool,
}

impl<'a> ZipEntry<'a> {
    pub fn stored(name: &'a str, data: &'a [u8]) -> Self {
        ZipEntry {
            name,
            data,
            deflate: false,
        }
    }
    pub fn deflated(name: &'a str, data: &'a [u8]) -> Self {
        ZipEntry {
            name,
            data,
            deflate: true,
        }
    }
}

/// The bytes of a zip archive holding `entries` (local headers, central directory, end
/// record), as the zip format describes it.
pub fn zip_bytes(entries: &[ZipEntry<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let mut crc = Crc::new();
        crc.update(e.data);
        let (method, body) = if e.deflate {
            let mut enc = DeflateEncoder::new(Vec::new(), flate2::Compression::default());
            enc.write_all(e.data).unwrap();
            (8u16, enc.finish().unwrap())
        } else {
            (0u16, e.data.to_vec())
        };
        let offset = out.len() as u32;
        let fixed = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes()); // made by
            }
            h.extend(20u16.to_le_bytes()); // needed
            h.extend(0u16.to_le_bytes()); // flags
            h.extend(method.to_le_bytes());
            h.extend(0u32.to_le_bytes()); // time, date
            h.extend(crc.sum().to_le_bytes());
            h.extend((body.len() as u32).to_le_bytes());
            h.extend((e.data.len() as u32).to_le_bytes());
            h.extend((e.name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend(0u16.to_le_bytes()); // comment
                h.extend(0u16.to_le_bytes()); // disk
                h.extend(0u16.to_le_bytes()); // internal attrs
                h.extend(0u32.to_le_bytes()); // external attrs
                h.extend(offset.to_le_bytes());
            }
            h.extend(e.name.as_bytes());
            h
        };
        out.extend(fixed(0x0403_4b50, false));
        out.extend(&body);
        central.extend(fixed(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

pub fn write_zip(path: &Path, entries: &[ZipEntry<'_>]) {
    std::fs::write(path, zip_bytes(entries)).unwrap();
}

/// A jmod: the `JM\1\0` header, then a zip with classes under `classes/`.
pub fn write_jmod(path: &Path, entries: &[ZipEntry<'_>]) {
    let mut bytes = b"JM\x01\x00".to_vec();
    bytes.extend(zip_bytes(entries));
    std::fs::write(path, bytes).unwrap();
}

pub fn manifest(class_path: &str) -> String {
    format!("Manifest-Version: 1.0\r\nClass-Path: {class_path}\r\n\r\n")
}

/// The local JDK (`JAVA_HOME` or the default location).
pub fn jdk_home() -> PathBuf {
    std::env::var_os("JAVA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.join("lib/modules").is_file())
        .unwrap_or_else(|| PathBuf::from("/usr/lib/jvm/java-17-openjdk-amd64"))
}

/// Class files compiled once per test binary from small Java sources:
/// `p/A extends p/B implements p/I`, `p/B`, `p/I`, `q/Lone`, `q/NeedsMissing extends
/// q/Gone` (with `q/Gone.class` deleted afterwards).
pub fn classes() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("jfork-preloader-classes-{}", std::process::id()));
        let src = dir.join("src");
        let out = dir.join("out");
        std::fs::create_dir_all(src.join("p")).unwrap();
        std::fs::create_dir_all(src.join("q")).unwrap();
        let files = [
            (
                "p/A.java",
                "package p; public class A extends B implements I {}",
            ),
            ("p/B.java", "package p; public class B {}"),
            ("p/I.java", "package p; public interface I {}"),
            ("q/Lone.java", "package q; public class Lone {}"),
            ("q/Gone.java", "package q; public class Gone {}"),
            (
                "q/NeedsMissing.java",
                "package q; public class NeedsMissing extends Gone {}",
            ),
        ];
        for (name, text) in files {
            std::fs::write(src.join(name), text).unwrap();
        }
        let javac = jdk_home().join("bin/javac");
        let status = Command::new(&javac)
            .args(["--release", "17", "-d"])
            .arg(&out)
            .args(files.iter().map(|(n, _)| src.join(n)))
            .status()
            .unwrap();
        assert!(status.success(), "javac failed");
        std::fs::remove_file(out.join("q/Gone.class")).unwrap();
        out
    })
}

pub fn class_bytes(name: &str) -> Vec<u8> {
    std::fs::read(classes().join(format!("{name}.class"))).unwrap()
}
