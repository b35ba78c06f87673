//! Layouts, vtables, interface selection and access, on fixture classes compiled from Java.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::{Arc, OnceLock};

use jfork_resolver::{
    DirSource, LinkedClass, Linker, LoaderId, OBJECT_HEADER_SIZE, Selected, select_method,
};

fn linker() -> &'static Linker<DirSource> {
    static LINKER: OnceLock<Linker<DirSource>> = OnceLock::new();
    LINKER.get_or_init(|| {
        let classes = common::compile("tables", ".", None);
        Linker::new(common::source_with_app(&classes))
    })
}

fn class(name: &str) -> Arc<LinkedClass> {
    linker().load_class(LoaderId::APP, name).unwrap()
}

fn offset(class: &LinkedClass, name: &str, descriptor: &str) -> u32 {
    class.instance_field(name, descriptor).unwrap().offset
}

#[test]
fn instance_fields_are_laid_out_largest_first_after_inherited_ones() {
    let a = class("p/A");
    assert_eq!(OBJECT_HEADER_SIZE, 16);
    assert_eq!(offset(&a, "b", "J"), 16);
    assert_eq!(offset(&a, "d", "Ljava/lang/Object;"), 24);
    assert_eq!(offset(&a, "a", "I"), 32);
    assert_eq!(offset(&a, "c", "B"), 36);
    assert_eq!(a.instance_size, 40);

    let b = class("p/B");
    assert_eq!(
        offset(&b, "a", "I"),
        32,
        "inherited fields keep their offsets"
    );
    assert_eq!(offset(&b, "f", "D"), 40);
    assert_eq!(offset(&b, "e", "S"), 48);
    assert_eq!(b.instance_size, 56);

    let c = class("q/C");
    assert_eq!(offset(&c, "g", "Z"), 56);
    assert_eq!(c.instance_size, 64);
}

#[test]
fn static_fields_get_slots_and_constant_values() {
    let a = class("p/A");
    let statics: Vec<(&str, u32, bool)> = a
        .fields
        .iter()
        .filter(|f| f.is_static())
        .map(|f| (f.name.as_ref(), f.offset, f.constant_value.is_some()))
        .collect();
    assert_eq!(
        statics,
        [("counter", 0, false), ("NAME", 1, true), ("BIG", 2, true)]
    );
    assert_eq!(a.static_slots, 3);
    let value = |name: &str| {
        let f = a.fields.iter().find(|f| f.name == name).unwrap();
        a.constant_value(f)
    };
    assert_eq!(
        value("NAME"),
        Some(jfork_resolver::ConstantValue::String("A".into()))
    );
    assert_eq!(
        value("BIG"),
        Some(jfork_resolver::ConstantValue::Long(1 << 40))
    );
    assert_eq!(value("counter"), None);
}

#[test]
fn reference_maps_cover_inherited_fields() {
    assert_eq!(&*class("p/A").reference_offsets, [24]);
    assert_eq!(&*class("p/D").reference_offsets, [24]);
    assert_eq!(&*class("p/A").static_reference_slots, [1]);
    let string = class("java/lang/String");
    assert_eq!(&*string.reference_offsets, [16]);
}

#[test]
fn object_has_no_fields_and_string_its_own() {
    let object = class("java/lang/Object");
    assert_eq!(object.instance_size, OBJECT_HEADER_SIZE);
    let string = class("java/lang/String");
    assert_eq!(offset(&string, "value", "[B"), 16);
    let injected = class("java/lang/Class");
    let vm_class = injected.instance_field("vm_class", "J").unwrap();
    assert!(vm_class.injected);
}

/// The declaring class of what `receiver` selects for `resolved_class.name()`.
fn selected(receiver: &str, resolved_class: &str, name: &str, descriptor: &str) -> String {
    let resolved_in = class(resolved_class);
    let resolved = resolved_in
        .declared_method(name, descriptor)
        .unwrap()
        .clone();
    let m = select_method(&class(receiver), &resolved).unwrap();
    m.class_name.to_string()
}

#[test]
fn vtable_overriding_follows_package_access() {
    const S: &str = "()Ljava/lang/String;";
    // B overrides A.pkg in the same package.
    assert_eq!(selected("p/B", "p/A", "pkg", S), "p/B");
    // C is in another package: its pkg() does not override A.pkg, so A.pkg selects B's.
    assert_eq!(selected("q/C", "p/A", "pkg", S), "p/B");
    assert_eq!(selected("q/C", "q/C", "pkg", S), "q/C");
    // D (package p) overrides both A.pkg and C.pkg.
    assert_eq!(selected("p/D", "p/A", "pkg", S), "p/D");
    assert_eq!(selected("p/D", "q/C", "pkg", S), "p/D");
    // Public and protected methods override across packages.
    assert_eq!(selected("p/D", "p/A", "pub", S), "q/C");
    assert_eq!(selected("p/D", "p/A", "prot", S), "p/A");

    let a = class("p/A");
    let c = class("q/C");
    let d = class("p/D");
    let slot = |k: &LinkedClass, n: &str| k.declared_method(n, S).unwrap().vtable_index;
    assert_eq!(slot(&c, "pub"), slot(&a, "pub"));
    assert_ne!(slot(&c, "pkg"), slot(&a, "pkg"), "C.pkg gets a new slot");
    assert_eq!(
        slot(&d, "pkg"),
        slot(&a, "pkg"),
        "D.pkg takes A's slot first"
    );
    assert_eq!(d.vtable.len(), c.vtable.len(), "D adds no slot");
    // Private and static methods have no slot; Object's come first.
    assert_eq!(a.declared_method("priv", S).unwrap().vtable_index, None);
    assert_eq!(a.declared_method("st", S).unwrap().vtable_index, None);
    let object = class("java/lang/Object");
    assert!(a.vtable.len() > object.vtable.len());
    for (i, entry) in object.vtable.iter().enumerate() {
        let (Selected::Method(o), Selected::Method(m)) = (entry, &a.vtable[i]) else {
            panic!("conflict in Object's vtable");
        };
        assert_eq!((&o.name, &o.descriptor), (&m.name, &m.descriptor));
    }
}

#[test]
fn default_methods_select_the_most_specific() {
    const S: &str = "()Ljava/lang/String;";
    assert_eq!(selected("p/Person", "p/Greeter", "greet", S), "p/Polite");
    assert_eq!(selected("p/Derived", "p/Greeter", "greet", S), "p/Greeter");
    assert_eq!(selected("p/Derived", "p/Greeter", "name", S), "p/Derived");
    assert_eq!(selected("p/Person", "p/Greeter", "tell", S), "p/Greeter");

    // invokevirtual of a default method resolved through the class uses a vtable slot.
    let person = class("p/Person");
    let resolved = linker()
        .resolve_method(&person, "p/Person", "greet", S)
        .unwrap();
    assert_eq!(resolved.class_name, "p/Polite");
    assert_eq!(
        select_method(&person, &resolved).unwrap().class_name,
        "p/Polite"
    );
}

#[test]
fn private_interface_methods_and_nestmates() {
    const S: &str = "()Ljava/lang/String;";
    let greeter = class("p/Greeter");
    let m = linker()
        .resolve_interface_method(&greeter, "p/Greeter", "secret", S)
        .unwrap();
    assert!(m.is_private());
    let stranger = class("p/Stranger");
    let err = linker()
        .resolve_interface_method(&stranger, "p/Greeter", "secret", S)
        .unwrap_err();
    assert_eq!(err.java_class(), "java/lang/IllegalAccessError");
    assert_eq!(
        err.message,
        "class p.Stranger tried to access private method 'java.lang.String p.Greeter.secret()' \
         (p.Stranger and p.Greeter are in unnamed module of loader 'app')"
    );

    let inner = class("p/Outer$Inner");
    let field = linker()
        .resolve_field(&inner, "p/Outer", "secret", "I")
        .unwrap();
    assert_eq!(field.field().offset, 16);
    linker()
        .resolve_method(&inner, "p/Outer", "hidden", "()I")
        .unwrap();
    let err = linker()
        .resolve_field(&stranger, "p/Outer", "secret", "I")
        .unwrap_err();
    assert_eq!(err.java_class(), "java/lang/IllegalAccessError");
}

#[test]
fn constant_pool_resolution_is_cached_and_eager_mode_resolves_everything() {
    let inner = class("p/Outer$Inner");
    let failures = linker().resolve_all_constants(&inner);
    assert!(failures.is_empty(), "{failures:?}");
    let d = class("p/D");
    assert!(linker().resolve_all_constants(&d).is_empty());
}

#[test]
fn arrays_and_primitives_are_classes() {
    let ints = class("[[I");
    assert_eq!(ints.loader, LoaderId::BOOTSTRAP);
    assert_eq!(ints.super_class.as_ref().unwrap().name, "java/lang/Object");
    let names: Vec<&str> = ints.interfaces.iter().map(|i| i.name.as_ref()).collect();
    assert_eq!(names, ["java/lang/Cloneable", "java/io/Serializable"]);
    let strings = class("[Ljava/lang/String;");
    let objects = class("[Ljava/lang/Object;");
    assert!(strings.is_assignable_to(&objects));
    assert!(!objects.is_assignable_to(&strings));
    assert!(!class("[I").is_assignable_to(&objects));
    assert!(ints.is_assignable_to(&objects));
    let mine = class("[Lp/A;");
    assert_eq!(mine.loader, LoaderId::APP);
    assert!(Arc::ptr_eq(&mine, &class("[Lp/A;")));
    assert!(linker().load_class(LoaderId::APP, "[X").is_err());
    assert!(linker().load_class(LoaderId::APP, "[Lp/Missing;").is_err());
}

#[test]
fn invokespecial_starts_at_the_direct_superclass() {
    const S: &str = "()Ljava/lang/String;";
    let d = class("p/D");
    let a = class("p/A");
    let c = class("q/C");
    // super.pkg() in D, compiled against A: C (D's superclass) declares pkg, so it runs.
    let resolved = linker().resolve_method(&d, "p/A", "pkg", S).unwrap();
    let m = jfork_resolver::select_special(&d, &a, &resolved).unwrap();
    assert_eq!(m.class_name, "q/C");
    // super.prot() in D: nearest declaration up from C is A's.
    let resolved = linker().resolve_method(&d, "q/C", "prot", S).unwrap();
    let m = jfork_resolver::select_special(&d, &c, &resolved).unwrap();
    assert_eq!(m.class_name, "p/A");
    // Polite.super.greet() from Person: the interface's own default.
    let person = class("p/Person");
    let polite = class("p/Polite");
    let resolved = linker()
        .resolve_interface_method(&person, "p/Polite", "greet", S)
        .unwrap();
    let m = jfork_resolver::select_special(&person, &polite, &resolved).unwrap();
    assert_eq!(m.class_name, "p/Polite");
    // Code is reachable from a linked method.
    let pub_method = a.declared_method("pub", S).unwrap();
    assert!(a.code(pub_method).is_some_and(|c| !c.bytecode.is_empty()));
}

#[test]
fn application_classes_are_checked_and_boot_classes_trusted() {
    let classes = common::compile("tables", ".", None);
    let bytes = std::fs::read(classes.join("p/Stranger.class")).unwrap();
    let parsed = jfork_classfile::ClassFile::parse(&bytes).unwrap();
    let init = parsed.method("<init>", "()V").unwrap();
    let at = init.code.as_ref().unwrap().bytecode_offset;
    let mut broken = bytes.clone();
    broken[at] = 0xFF; // a reserved opcode (JVMS 6.2)
    let dir = common::target_dir()
        .join("resolver-fixtures")
        .join(format!("verify-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("p")).unwrap();
    std::fs::write(dir.join("p/Stranger.class"), &broken).unwrap();
    let app = Linker::new(common::source_with_app(&dir));
    let err = app.load_class(LoaderId::APP, "p/Stranger").unwrap_err();
    assert_eq!(err.java_class(), "java/lang/VerifyError", "{err}");
    let boot = Linker::new(
        DirSource::new()
            .with_root(LoaderId::BOOTSTRAP, &dir)
            .with_module_root(
                LoaderId::BOOTSTRAP,
                "java.base",
                common::jdk_classes().join("java.base"),
            ),
    );
    boot.load_class(LoaderId::BOOTSTRAP, "p/Stranger").unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}
