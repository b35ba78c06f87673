//! The class locator over each kind of entry, shadowing, missing and corrupt entries.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{ZipEntry, class_bytes, jdk_home, manifest, write_jmod, write_zip};
use jfork_cache::LoaderId;
use jfork_preloader::{ClassPath, EntryError, EntryKind, Jdk, LocateError, ZipError};

fn boot_path() -> std::path::PathBuf {
    jdk_home().join("lib/modules")
}

#[test]
fn directory_entry() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
    std::fs::write(dir.path().join("a/b/C.class"), b"dir bytes").unwrap();
    let mut cp = ClassPath::new();
    cp.push(dir.path()).unwrap();
    assert_eq!(cp.entries()[0].kind(), EntryKind::Directory);
    let found = cp.locate("a/b/C").unwrap().unwrap();
    assert_eq!(&*found.bytes, b"dir bytes");
    assert_eq!(found.resource, "a/b/C.class");
    assert_eq!(found.loader, LoaderId::APP);
    assert!(cp.locate("a/b/D").unwrap().is_none());
    assert!(matches!(cp.locate("../x"), Err(LocateError::BadName(_))));
}

#[test]
fn jar_with_nested_class_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("lib")).unwrap();
    let m1 = manifest("lib/two.jar missing.jar");
    let m2 = manifest("three.jar");
    write_zip(
        &dir.path().join("one.jar"),
        &[
            ZipEntry::deflated("META-INF/MANIFEST.MF", m1.as_bytes()),
            ZipEntry::stored("x/One.class", b"one"),
        ],
    );
    write_zip(
        &dir.path().join("lib/two.jar"),
        &[
            ZipEntry::stored("META-INF/MANIFEST.MF", m2.as_bytes()),
            ZipEntry::deflated("x/Two.class", b"two two two two"),
        ],
    );
    write_zip(
        &dir.path().join("lib/three.jar"),
        &[
            // A cycle back to one.jar must not add it twice.
            ZipEntry::stored("META-INF/MANIFEST.MF", manifest("../one.jar").as_bytes()),
            ZipEntry::stored("x/Three.class", b"three"),
            ZipEntry::stored("x/One.class", b"shadowed"),
        ],
    );
    let mut cp = ClassPath::new();
    cp.push(&dir.path().join("one.jar")).unwrap();
    let names: Vec<_> = cp
        .entries()
        .iter()
        .map(|e| e.path().strip_prefix(dir.path()).unwrap().to_path_buf())
        .collect();
    assert_eq!(
        names,
        [
            Path::new("one.jar"),
            Path::new("lib/two.jar"),
            Path::new("lib/three.jar")
        ]
    );
    // missing.jar named by the manifest is skipped and recorded.
    assert_eq!(cp.problems().len(), 1);
    assert!(cp.problems()[0].to_string().contains("missing.jar"));

    let one = cp.locate("x/One").unwrap().unwrap();
    assert_eq!((&*one.bytes, one.entry), (&b"one"[..], 0));
    assert!(
        one.bytes.is_borrowed(),
        "stored entries are served from the map"
    );
    let two = cp.locate("x/Two").unwrap().unwrap();
    assert_eq!((&*two.bytes, two.entry), (&b"two two two two"[..], 1));
    assert!(!two.bytes.is_borrowed());
    assert_eq!(&*cp.locate("x/Three").unwrap().unwrap().bytes, b"three");
    let archive = cp.entries()[0].archive().unwrap();
    assert_eq!(archive.class_names(), ["x/One"]);
}

#[test]
fn jar_manifest_main_class() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.jar");
    write_zip(
        &path,
        &[ZipEntry::deflated(
            "META-INF/MANIFEST.MF",
            b"Manifest-Version: 1.0\nMain-Class: app.Main\n\n",
        )],
    );
    let archive = jfork_preloader::Archive::open(&path, jfork_preloader::ArchiveKind::Jar).unwrap();
    assert_eq!(
        archive.manifest().unwrap().main_class.as_deref(),
        Some("app.Main")
    );
}

#[test]
fn jmod_entry() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.jmod");
    let bytes = class_bytes("q/Lone");
    write_jmod(
        &path,
        &[
            ZipEntry::deflated("classes/module-info.class", b"mi"),
            ZipEntry::deflated("classes/q/Lone.class", &bytes),
            ZipEntry::stored("lib/libx.so", b"native"),
        ],
    );
    let mut cp = ClassPath::new();
    cp.push(&path).unwrap();
    assert_eq!(cp.entries()[0].kind(), EntryKind::Jmod);
    let found = cp.locate("q/Lone").unwrap().unwrap();
    assert_eq!(&*found.bytes, &bytes[..]);
    assert_eq!(found.resource, "classes/q/Lone.class");
    assert_eq!(cp.entries()[0].archive().unwrap().class_names(), ["q/Lone"]);
    // A jmod without its header is refused.
    let bad = dir.path().join("bad.jmod");
    write_zip(&bad, &[ZipEntry::stored("classes/a/B.class", b"x")]);
    assert!(matches!(
        jfork_preloader::Archive::open(&bad, jfork_preloader::ArchiveKind::Jmod),
        Err(EntryError::NotJmod { .. })
    ));
}

#[test]
fn jdk_java_base_jmod() {
    let jmod = jdk_home().join("jmods/java.base.jmod");
    if !jmod.is_file() {
        eprintln!("skipped: no {}", jmod.display());
        return;
    }
    let mut cp = ClassPath::new();
    cp.push(&jmod).unwrap();
    let object = cp.locate("java/lang/Object").unwrap().unwrap();
    assert_eq!(&object.bytes[..4], &[0xCA, 0xFE, 0xBA, 0xBE]);
    assert!(cp.entries()[0].archive().unwrap().class_names().len() > 6000);
}

#[test]
fn jimage_entry() {
    let mut cp = ClassPath::new();
    cp.push_boot(&boot_path()).unwrap();
    assert_eq!(cp.entries()[0].kind(), EntryKind::Image);
    let object = cp.locate("java/lang/Object").unwrap().unwrap();
    assert!(object.bytes.is_borrowed(), "jimage bytes are not copied");
    assert_eq!(&object.bytes[..4], &[0xCA, 0xFE, 0xBA, 0xBE]);
    assert_eq!(object.resource, "/java.base/java/lang/Object.class");
    assert_eq!(object.loader, LoaderId::BOOTSTRAP);
    let sql = cp.locate("java/sql/Connection").unwrap().unwrap();
    assert_eq!(sql.resource, "/java.sql/java/sql/Connection.class");
    assert!(cp.locate("java/lang/NoSuchClass").unwrap().is_none());
    assert!(cp.locate("no/such/pkg/X").unwrap().is_none());
    assert!(cp.locate("Unnamed").unwrap().is_none());
    let image = cp.image().unwrap();
    assert!(image.modules().unwrap().iter().any(|m| m == "java.base"));
    let base = image.classes_of_module("java.base").unwrap();
    assert!(base.len() > 6000, "{}", base.len());
    assert!(base.iter().any(|c| c == "java/lang/Object"));
    assert!(!base.iter().any(|c| c.ends_with("module-info")));
}

#[test]
fn boot_path_shadows_the_application_path_and_earlier_entries_shadow_later_ones() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    std::fs::create_dir_all(first.join("java/lang")).unwrap();
    std::fs::create_dir_all(first.join("s")).unwrap();
    std::fs::write(first.join("java/lang/Object.class"), b"fake").unwrap();
    std::fs::write(first.join("s/Both.class"), b"from dir").unwrap();
    let jar = dir.path().join("second.jar");
    write_zip(
        &jar,
        &[
            ZipEntry::stored("s/Both.class", b"from jar"),
            ZipEntry::stored("s/JarOnly.class", b"jar only"),
        ],
    );
    let jdk = Jdk::discover(Some(&jdk_home())).unwrap();
    let cp = ClassPath::for_jdk(&jdk, &format!("{}:{}", first.display(), jar.display())).unwrap();
    assert!(cp.problems().is_empty());
    let object = cp.locate("java/lang/Object").unwrap().unwrap();
    assert_eq!((object.entry, object.loader), (0, LoaderId::BOOTSTRAP));
    assert_ne!(&*object.bytes, b"fake");
    let both = cp.locate("s/Both").unwrap().unwrap();
    assert_eq!((&*both.bytes, both.entry), (&b"from dir"[..], 1));
    let jar_only = cp.locate("s/JarOnly").unwrap().unwrap();
    assert_eq!(jar_only.entry, 2);
    assert_eq!(cp.find("s/JarOnly").unwrap(), Some(2));
}

#[test]
fn a_missing_entry_is_skipped_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut cp = ClassPath::new();
    cp.push_app_path(&format!("/nonexistent/x.jar:{}", dir.path().display()));
    assert_eq!(cp.entries().len(), 1);
    assert_eq!(cp.problems().len(), 1);
    let msg = cp.problems()[0].to_string();
    assert!(
        msg.starts_with("class path entry /nonexistent/x.jar: "),
        "{msg}"
    );
}

#[test]
fn a_corrupt_jar_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.jar");
    let open = |bytes: &[u8]| {
        std::fs::write(&path, bytes).unwrap();
        let mut cp = ClassPath::new();
        cp.push(&path).map(|()| cp)
    };
    // Not a zip at all.
    let err = open(b"this is not a zip file").unwrap_err();
    assert!(
        matches!(
            &err,
            EntryError::Zip {
                source: ZipError::Corrupt(_),
                ..
            }
        ),
        "{err}"
    );
    // Truncated: the end record is gone.
    let good = common::zip_bytes(&[ZipEntry::deflated("a/B.class", b"hello hello hello")]);
    assert!(open(&good[..good.len() - 10]).is_err());
    // Every single-byte corruption of the archive gives an error or a result, never a panic.
    for i in 0..good.len() {
        let mut bad = good.clone();
        bad[i] ^= 0xFF;
        if let Ok(cp) = open(&bad) {
            let _ = cp.locate("a/B");
        }
    }
}

#[test]
fn lying_sizes_give_errors_without_huge_allocations() {
    let data = b"hello hello hello hello";
    let mut bytes = common::zip_bytes(&[ZipEntry::deflated("a/B.class", data)]);
    // The central directory record starts after the local header, name and data; patch
    // its uncompressed size (offset 24 in the record) to 4 GiB - 1.
    let cd = bytes
        .windows(4)
        .position(|w| w == 0x0201_4b50u32.to_le_bytes())
        .unwrap();
    bytes[cd + 24..cd + 28].copy_from_slice(&u32::MAX.to_le_bytes());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lying.jar");
    std::fs::write(&path, &bytes).unwrap();
    let mut cp = ClassPath::new();
    cp.push(&path).unwrap();
    let err = cp.locate("a/B").unwrap_err();
    assert!(err.to_string().contains("not the declared"), "{err}");
    // A compressed size past the end of the file.
    bytes[cd + 20..cd + 24].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
    std::fs::write(&path, &bytes).unwrap();
    let mut cp = ClassPath::new();
    cp.push(&path).unwrap();
    let err = cp.locate("a/B").unwrap_err();
    assert!(
        err.to_string().contains("past the end of the file"),
        "{err}"
    );
}

#[test]
fn a_corrupt_jimage_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("modules");
    let mut head = vec![0u8; 28];
    std::io::Read::read_exact(&mut std::fs::File::open(boot_path()).unwrap(), &mut head).unwrap();
    // The header of the real image with a table larger than the file.
    head[16..20].copy_from_slice(&u32::MAX.to_le_bytes());
    std::fs::write(&path, &head).unwrap();
    let mut cp = ClassPath::new();
    let err = cp.push_boot(&path).unwrap_err();
    assert!(matches!(err, EntryError::JImage { .. }), "{err}");
}

/// A one-resource image: header, redirect and offsets tables of length 1, one location,
/// the strings, then the resource.
fn tiny_image(compressed: bool) -> Vec<u8> {
    let strings = b"\0m\0a\0C\0class\0zip\0";
    let resource: Vec<u8> = if compressed {
        let mut r = Vec::new();
        r.extend(0xCAFE_FAFAu32.to_le_bytes());
        r.extend(4u64.to_le_bytes()); // compressed size
        r.extend(10u64.to_le_bytes()); // uncompressed size
        r.extend(13u32.to_le_bytes()); // decompressor name: "zip"
        r.extend(0u32.to_le_bytes());
        r.push(1);
        r.extend(b"abcd");
        r
    } else {
        b"\xCA\xFE\xBA\xBEbody".to_vec()
    };
    // Attributes: kind << 3 | (length - 1), then the value big-endian.
    let mut location = vec![1 << 3, 1, 2 << 3, 3, 3 << 3, 5, 4 << 3, 7, 5 << 3, 0];
    if compressed {
        location.extend([6 << 3, resource.len() as u8, 7 << 3, 10]);
    } else {
        location.extend([7 << 3, resource.len() as u8]);
    }
    location.push(0);
    let mut image = Vec::new();
    for v in [
        0xCAFE_DADAu32,
        1 << 16,
        0,
        1,
        1,
        location.len() as u32,
        strings.len() as u32,
    ] {
        image.extend(v.to_le_bytes());
    }
    image.extend((-1i32).to_le_bytes()); // redirect: location index 0
    image.extend(0u32.to_le_bytes()); // offsets: location at 0
    image.extend(&location);
    image.extend(strings);
    image.extend(&resource);
    image
}

#[test]
fn a_synthetic_jimage_serves_its_resource_and_refuses_compressed_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("modules");
    std::fs::write(&path, tiny_image(false)).unwrap();
    let image = jfork_preloader::JImage::open(&path).unwrap();
    assert_eq!(
        image.resource("/m/a/C.class").unwrap().unwrap(),
        b"\xCA\xFE\xBA\xBEbody"
    );
    // Every name hashes to the one slot; the name check rejects the others.
    assert!(image.resource("/m/a/D.class").unwrap().is_none());
    assert!(image.resource("/m/a/C.clas").unwrap().is_none());

    std::fs::write(&path, tiny_image(true)).unwrap();
    let image = jfork_preloader::JImage::open(&path).unwrap();
    let err = image.resource("/m/a/C.class").unwrap_err();
    assert_eq!(
        err,
        jfork_preloader::JImageError::Compressed {
            name: "/m/a/C.class".into(),
            decompressor: "zip".into()
        }
    );
    assert!(err.to_string().contains("does not read"), "{err}");

    // The index is everything before the resource bytes.
    let whole = tiny_image(false);
    assert_eq!(
        jfork_preloader::JImage::index_len(&whole),
        Some(whole.len() - b"\xCA\xFE\xBA\xBEbody".len())
    );
    assert_eq!(jfork_preloader::JImage::index_len(&whole[..27]), None);
    assert_eq!(
        jfork_preloader::JImage::index_len(b"\xCA\xFE\xBA\xBE not an image"),
        None
    );

    // Any truncation of the image is an error or a miss, never a panic.
    for len in 0..whole.len() {
        std::fs::write(&path, &whole[..len]).unwrap();
        if let Ok(image) = jfork_preloader::JImage::open(&path) {
            let _ = image.resource("/m/a/C.class");
        }
    }
}
