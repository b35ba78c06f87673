//! Each linkage error from a deliberately broken class set, checked against what HotSpot
//! prints for the same set (`java` runs the fixture's `Main`).
#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use jfork_resolver::{
    DirSource, FieldInstruction, InvokeKind, LinkError, Linker, LoaderId, check_field_instruction,
    check_invoke_kind, select_method,
};

/// Classes that `Main` loads with `Class.forName`, one broken way each.
const BROKEN: &[&str] = &[
    "MissingSuper",
    "CycleA",
    "CycleI",
    "ExtendsIface",
    "ExtendsFinal",
    "ImplementsClass",
    "SubOfHidden",
    "Intruder",
    "OverridesFinal",
    "NewVersion",
    "PreviewVersion",
    "WrongName",
];

/// v1 compiled, then classes replaced by their v2 variants, deleted or damaged.
fn broken_set() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let v1 = common::compile("broken", "v1", None);
        let v2 = common::compile("broken", "v2", Some(&v1));
        let dir = v1.with_file_name(format!("broken-{}", std::process::id()));
        // Earlier runs' sets are stale.
        for old in std::fs::read_dir(v1.parent().unwrap()).unwrap() {
            let old = old.unwrap().path();
            if old
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("broken-")
            {
                let _ = std::fs::remove_dir_all(old);
            }
        }
        std::fs::create_dir_all(&dir).unwrap();
        common::copy_tree(&v1, &dir);
        for replaced in [
            "CycleB",
            "NowIface",
            "NowFinal",
            "NowClass",
            "p/Hidden",
            "SealedBase",
            "Allowed",
            "FinalMethodBase",
            "I2",
            "NeedsN",
            "Api",
            "AbsBase",
            "NotImpl",
            "Statics",
            "CycleJ",
            "Middle",
            "Fields",
        ] {
            let name = format!("{replaced}.class");
            std::fs::copy(v2.join(&name), dir.join(&name)).unwrap();
        }
        std::fs::remove_file(dir.join("GoneBase.class")).unwrap();
        let patch = |name: &str, offset: usize, value: [u8; 2]| {
            let path = dir.join(format!("{name}.class"));
            let mut bytes = std::fs::read(&path).unwrap();
            bytes[offset..offset + 2].copy_from_slice(&value);
            std::fs::write(&path, bytes).unwrap();
        };
        patch("NewVersion", 6, 62u16.to_be_bytes());
        patch("PreviewVersion", 4, 0xFFFFu16.to_be_bytes());
        std::fs::copy(dir.join("Other.class"), dir.join("WrongName.class")).unwrap();
        dir
    })
    .clone()
}

fn linker() -> &'static Linker<DirSource> {
    static LINKER: OnceLock<Linker<DirSource>> = OnceLock::new();
    LINKER.get_or_init(|| Linker::new(common::source_with_app(&broken_set())))
}

fn outcome<T>(result: Result<T, LinkError>) -> String {
    match result {
        Ok(_) => "ok".to_owned(),
        Err(e) => e.to_string(),
    }
}

/// Our lines, in the order `Main` prints them.
fn our_report() -> Vec<String> {
    let l = linker();
    let mut lines: Vec<String> = BROKEN
        .iter()
        .map(|name| format!("{name}: {}", outcome(l.load_class(LoaderId::APP, name))))
        .collect();
    let main = l.load_class(LoaderId::APP, "Main").unwrap();
    let s = "()Ljava/lang/String;";
    let both = l.load_class(LoaderId::APP, "Both").unwrap();
    let call = l.resolve_method(&main, "Both", "m", s).unwrap();
    lines.push(format!(
        "conflict: {}",
        outcome(select_method(&both, &call))
    ));
    let lacks = l.load_class(LoaderId::APP, "LacksN").unwrap();
    let call = l.resolve_interface_method(&main, "NeedsN", "n", s).unwrap();
    lines.push(format!(
        "abstract: {}",
        outcome(select_method(&lacks, &call))
    ));
    lines.push(format!(
        "nosuchmethod: {}",
        outcome(l.resolve_method(&main, "Api", "gone", s))
    ));
    lines.push(format!(
        "private: {}",
        outcome(l.resolve_method(&main, "Api", "hidden", s))
    ));
    lines.push(format!(
        "nosuchfield: {}",
        outcome(l.resolve_field(&main, "Api", "f", "I"))
    ));
    let abs_impl = l.load_class(LoaderId::APP, "AbsImpl").unwrap();
    let call = l.resolve_method(&main, "AbsBase", "m", s).unwrap();
    lines.push(format!(
        "abstractclass: {}",
        outcome(select_method(&abs_impl, &call))
    ));
    let not_impl = l.load_class(LoaderId::APP, "NotImpl").unwrap();
    let call = l
        .resolve_interface_method(&main, "Marker", "mark", s)
        .unwrap();
    lines.push(format!(
        "notimplemented: {}",
        outcome(select_method(&not_impl, &call))
    ));
    let call = l.resolve_method(&main, "Statics", "s", s).unwrap();
    lines.push(format!(
        "notstatic: {}",
        outcome(check_invoke_kind(InvokeKind::Static, &call))
    ));
    let call = l.resolve_method(&main, "Statics", "i", s).unwrap();
    lines.push(format!(
        "notinstance: {}",
        outcome(check_invoke_kind(InvokeKind::Virtual, &call))
    ));
    let reabstracted = l.load_class(LoaderId::APP, "Reabstracted").unwrap();
    let call = l.resolve_interface_method(&main, "Top", "t", s).unwrap();
    lines.push(format!(
        "reabstracted: {}",
        outcome(select_method(&reabstracted, &call))
    ));
    let field = |name: &str, instruction| {
        let f = l.resolve_field(&main, "Fields", name, "I").unwrap();
        outcome(check_field_instruction(instruction, &f, &main, "lambda"))
    };
    lines.push(format!(
        "notstaticfield: {}",
        field("s", FieldInstruction::GetStatic)
    ));
    lines.push(format!(
        "notinstancefield: {}",
        field("i", FieldInstruction::GetField)
    ));
    lines.push(format!(
        "finalfield: {}",
        field("fin", FieldInstruction::PutField)
    ));
    lines
}

#[test]
fn each_linkage_error_matches_hotspot() {
    let dir = broken_set();
    let java = common::java_home().join("bin/java");
    let output = Command::new(java)
        .arg("-Xshare:auto")
        .arg("-cp")
        .arg(&dir)
        .arg("Main")
        .args(BROKEN)
        .output()
        .unwrap();
    let hotspot = String::from_utf8_lossy(&output.stdout);
    let ours = our_report();
    for (h, o) in hotspot.lines().zip(&ours) {
        assert_eq!(o, h);
    }
    assert_eq!(hotspot.lines().count(), ours.len(), "{hotspot}");
}

#[test]
fn truncated_and_unknown_classes() {
    let l = linker();
    let err = l.load_class(LoaderId::APP, "NoSuchClass").unwrap_err();
    assert_eq!(err.java_class(), "java/lang/NoClassDefFoundError");
    assert_eq!(err.message, "NoSuchClass");
    let dir = broken_set();
    let bytes = std::fs::read(dir.join("Other.class")).unwrap();
    std::fs::write(dir.join("Cut.class"), &bytes[..20]).unwrap();
    let err = l.load_class(LoaderId::APP, "Cut").unwrap_err();
    assert_eq!(
        err.to_string(),
        "java.lang.ClassFormatError: Truncated class file"
    );
    let mut bad_magic = bytes.clone();
    bad_magic[3] = 0xBF;
    std::fs::write(dir.join("Magic.class"), &bad_magic).unwrap();
    let err = l.load_class(LoaderId::APP, "Magic").unwrap_err();
    assert_eq!(
        err.to_string(),
        "java.lang.ClassFormatError: Incompatible magic value 3405691583 in class file Magic"
    );
}
