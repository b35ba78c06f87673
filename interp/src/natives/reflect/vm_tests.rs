//! The reflection natives called directly on a VM (no boot needed), over JDK classes and a
//! small class compiled for the test. Expected values are what HotSpot 17 reports.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::OnceLock;

use jfork_resolver::{BasicType, LoaderId};

use super::invoke::Prim;
use crate::object::array_length;
use crate::vm::{Thrown, Vm, VmOptions};

const SOURCE: &str = r#"
import java.util.List;
public class Refl<T extends Number> implements Comparable<Refl<T>> {
    public static int counter = 5;
    private final long id;
    protected List<String> names;
    public Refl() { this(7); }
    private Refl(long id) { this.id = id; }
    public static int add(int a, long b) { return (int) (a + b); }
    public long id() { return id; }
    public int compareTo(Refl<T> o) { return 0; }
    public static void boom() { throw new IllegalStateException("boom"); }
    public static boolean flag(boolean b) { return !b; }
    static char letter() { return 'z'; }
    public String toString() { return "Refl"; }
    class Inner {}
    static abstract class Base { abstract int f(); public int g() { return f() + 1; } }
    static class Impl extends Base { int f() { return 41; } }
    record Point(int x, String y) {}
    public static Object local() { class Local {} return new Local(); }
}
"#;

/// The test class folder, compiled once per test binary.
fn classes() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("jfork-reflect-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("Refl.java"), SOURCE).unwrap();
        let status = std::process::Command::new("javac")
            .args(["--release", "17", "-d"])
            .arg(&dir)
            .arg(dir.join("Refl.java"))
            .status()
            .expect("javac on PATH");
        assert!(status.success());
        dir
    })
}

fn vm() -> Vm {
    let mut vm = Vm::new(VmOptions {
        class_path: classes().display().to_string(),
        ..VmOptions::default()
    })
    .unwrap();
    // What initializing the reflection classes needs from natives of other areas, without
    // a boot: stand-ins that answer as an unbooted HotSpot would.
    let no: crate::natives::NativeFn = |_, _| Ok(0);
    for name in [
        "isDumpingClassList0",
        "isDumpingArchive0",
        "isSharingEnabled0",
    ] {
        vm.register_native("jdk/internal/misc/CDS", name, "()Z", no);
    }
    vm.register_native(
        "jdk/internal/misc/CDS",
        "getRandomSeedForDumping",
        "()J",
        no,
    );
    vm.register_native(
        "jdk/internal/misc/CDS",
        "initializeFromArchive",
        "(Ljava/lang/Class;)V",
        no,
    );
    // AccessibleObject's initializer sets up the JDK's reflection factory (a booted VM has
    // it); the constructors of Method, Field and Constructor do not need it.
    let accessible = vm
        .load(LoaderId::BOOTSTRAP, "java/lang/reflect/AccessibleObject")
        .unwrap();
    vm.classes[accessible as usize].state = crate::vm::InitState::Initialized;
    vm
}

fn primitive(vm: &mut Vm, t: BasicType) -> u64 {
    let class = vm.linker.primitive_class(Some(t));
    let cid = vm.register_class(&class);
    vm.mirror(cid).unwrap()
}

fn call(vm: &mut Vm, class: &str, name: &str, descriptor: &str, args: &[u64]) -> u64 {
    try_call(vm, class, name, descriptor, args)
        .unwrap_or_else(|t| panic!("{name} threw {:?}", thrown(vm, t)))
}

fn try_call(
    vm: &mut Vm,
    class: &str,
    name: &str,
    descriptor: &str,
    args: &[u64],
) -> Result<u64, Thrown> {
    let f = vm.natives[&format!("{class}.{name}{descriptor}")];
    f(vm, args)
}

fn thrown(vm: &Vm, t: Thrown) -> (String, Option<String>) {
    let d = vm.describe(t.0);
    (d.class_name, d.message)
}

fn mirror(vm: &mut Vm, loader: LoaderId, name: &str) -> u64 {
    let c = vm.load(loader, name).unwrap();
    vm.mirror(c).unwrap()
}

const CLASS: &str = "java/lang/Class";

fn modifiers(vm: &mut Vm, m: u64) -> u64 {
    call(vm, CLASS, "getModifiers", "()I", &[m])
}

/// The names of the class mirrors in a `Class[]`.
fn names(vm: &Vm, array: u64) -> Vec<String> {
    (0..array_length(array))
        .map(|i| {
            let m = vm.ref_array_get(array, i);
            vm.classes[vm.class_of_mirror(m) as usize]
                .linked
                .name
                .to_string()
        })
        .collect()
}

/// A string field of a reflection object.
fn string_field(vm: &mut Vm, object: u64, class: &'static str, name: &'static str) -> String {
    let at = vm
        .field_offset_of(class, name, "Ljava/lang/String;")
        .unwrap();
    vm.string_value(vm.get_ref(object, at)).unwrap_or_default()
}

#[test]
fn class_modifiers_and_hierarchy() {
    let vm = &mut vm();
    let b = LoaderId::BOOTSTRAP;
    let integer = mirror(vm, b, "java/lang/Integer");
    assert_eq!(modifiers(vm, integer), 17);
    let int_array = mirror(vm, b, "[I");
    assert_eq!(modifiers(vm, int_array), 1041);
    let runnable = mirror(vm, b, "java/lang/Runnable");
    assert_eq!(modifiers(vm, runnable), 1537);
    let record = mirror(vm, LoaderId::APP, "Refl$Point");
    assert_eq!(modifiers(vm, record), 24);
    let inner = mirror(vm, LoaderId::APP, "Refl$Inner");
    assert_eq!(modifiers(vm, inner), 0);
    let flags = call(
        vm,
        "jdk/internal/reflect/Reflection",
        "getClassAccessFlags",
        "(Ljava/lang/Class;)I",
        &[record],
    );
    assert_eq!(flags, 48);
    let sup = call(
        vm,
        CLASS,
        "getSuperclass",
        "()Ljava/lang/Class;",
        &[integer],
    );
    assert_eq!(sup, mirror(vm, b, "java/lang/Number"));
    assert_eq!(
        call(
            vm,
            CLASS,
            "getSuperclass",
            "()Ljava/lang/Class;",
            &[runnable]
        ),
        0
    );
    let ifaces = call(
        vm,
        CLASS,
        "getInterfaces0",
        "()[Ljava/lang/Class;",
        &[int_array],
    );
    assert_eq!(
        names(vm, ifaces),
        ["java/lang/Cloneable", "java/io/Serializable"]
    );
    let number = mirror(vm, b, "java/lang/Number");
    let assignable = "(Ljava/lang/Class;)Z";
    assert_eq!(
        call(
            vm,
            CLASS,
            "isAssignableFrom",
            assignable,
            &[number, integer]
        ),
        1
    );
    assert_eq!(
        call(
            vm,
            CLASS,
            "isAssignableFrom",
            assignable,
            &[integer, number]
        ),
        0
    );
    let e = try_call(vm, CLASS, "isAssignableFrom", assignable, &[number, 0]).unwrap_err();
    assert_eq!(thrown(vm, e).0, "java/lang/NullPointerException");
    assert_eq!(call(vm, CLASS, "isRecord0", "()Z", &[record]), 1);
    assert_eq!(call(vm, CLASS, "isRecord0", "()Z", &[integer]), 0);
}

#[test]
fn inner_class_attributes() {
    let vm = &mut vm();
    let a = LoaderId::APP;
    let outer = mirror(vm, a, "Refl");
    let inner = mirror(vm, a, "Refl$Inner");
    let declaring = call(
        vm,
        CLASS,
        "getDeclaringClass0",
        "()Ljava/lang/Class;",
        &[inner],
    );
    assert_eq!(declaring, outer);
    let simple = call(
        vm,
        CLASS,
        "getSimpleBinaryName0",
        "()Ljava/lang/String;",
        &[inner],
    );
    assert_eq!(vm.string_value(simple).as_deref(), Some("Inner"));
    let local = mirror(vm, a, "Refl$1Local");
    assert_eq!(
        call(
            vm,
            CLASS,
            "getDeclaringClass0",
            "()Ljava/lang/Class;",
            &[local]
        ),
        0
    );
    let enclosing = call(
        vm,
        CLASS,
        "getEnclosingMethod0",
        "()[Ljava/lang/Object;",
        &[local],
    );
    assert_eq!(vm.ref_array_get(enclosing, 0), outer);
    let name = vm.ref_array_get(enclosing, 1);
    assert_eq!(vm.string_value(name).as_deref(), Some("local"));
    let members = call(
        vm,
        CLASS,
        "getNestMembers0",
        "()[Ljava/lang/Class;",
        &[inner],
    );
    let members = names(vm, members);
    assert_eq!(members[0], "Refl");
    assert!(members.contains(&"Refl$1Local".to_owned()));
    let host = call(vm, CLASS, "getNestHost0", "()Ljava/lang/Class;", &[local]);
    assert_eq!(host, outer);
    let declared = call(
        vm,
        CLASS,
        "getDeclaredClasses0",
        "()[Ljava/lang/Class;",
        &[outer],
    );
    assert_eq!(
        names(vm, declared),
        // InnerClasses order, as HotSpot gives it.
        ["Refl$Point", "Refl$Impl", "Refl$Base", "Refl$Inner"]
    );
    let signature = call(
        vm,
        CLASS,
        "getGenericSignature0",
        "()Ljava/lang/String;",
        &[outer],
    );
    assert_eq!(
        vm.string_value(signature).as_deref(),
        Some("<T:Ljava/lang/Number;>Ljava/lang/Object;Ljava/lang/Comparable<LRefl<TT;>;>;")
    );
}

#[test]
fn declared_members() {
    let vm = &mut vm();
    let refl = mirror(vm, LoaderId::APP, "Refl");
    let methods = call(
        vm,
        CLASS,
        "getDeclaredMethods0",
        "(Z)[Ljava/lang/reflect/Method;",
        &[refl, 0],
    );
    const METHOD: &str = "java/lang/reflect/Method";
    let all: Vec<u64> = (0..array_length(methods))
        .map(|i| vm.ref_array_get(methods, i))
        .collect();
    let mut found: Vec<String> = all
        .into_iter()
        .map(|m| string_field(vm, m, METHOD, "name"))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            "add",
            "boom",
            "compareTo",
            "compareTo",
            "flag",
            "id",
            "letter",
            "local",
            "toString"
        ]
    );
    let public = call(
        vm,
        CLASS,
        "getDeclaredMethods0",
        "(Z)[Ljava/lang/reflect/Method;",
        &[refl, 1],
    );
    assert_eq!(array_length(public), 8);
    let fields = call(
        vm,
        CLASS,
        "getDeclaredFields0",
        "(Z)[Ljava/lang/reflect/Field;",
        &[refl, 0],
    );
    assert_eq!(array_length(fields), 3);
    let names_field = vm.ref_array_get(fields, 2);
    let signature = string_field(vm, names_field, "java/lang/reflect/Field", "signature");
    assert_eq!(signature, "Ljava/util/List<Ljava/lang/String;>;");
    let ctors = call(
        vm,
        CLASS,
        "getDeclaredConstructors0",
        "(Z)[Ljava/lang/reflect/Constructor;",
        &[refl, 0],
    );
    assert_eq!(array_length(ctors), 2);
    let point = mirror(vm, LoaderId::APP, "Refl$Point");
    let components = call(
        vm,
        CLASS,
        "getRecordComponents0",
        "()[Ljava/lang/reflect/RecordComponent;",
        &[point],
    );
    assert_eq!(array_length(components), 2);
    let y = vm.ref_array_get(components, 1);
    assert_eq!(
        string_field(vm, y, "java/lang/reflect/RecordComponent", "name"),
        "y"
    );
}

/// The `Method` named `name` among `Refl`'s declared methods.
fn method(vm: &mut Vm, name: &str) -> u64 {
    let refl = mirror(vm, LoaderId::APP, "Refl");
    let methods = call(
        vm,
        CLASS,
        "getDeclaredMethods0",
        "(Z)[Ljava/lang/reflect/Method;",
        &[refl, 0],
    );
    let all: Vec<u64> = (0..array_length(methods))
        .map(|i| vm.ref_array_get(methods, i))
        .collect();
    all.into_iter()
        .find(|&m| string_field(vm, m, "java/lang/reflect/Method", "name") == name)
        .unwrap()
}

fn objects(vm: &mut Vm, elements: &[u64]) -> u64 {
    vm.new_ref_array("[Ljava/lang/Object;", elements).unwrap()
}

const ACCESSOR: &str = "jdk/internal/reflect/NativeMethodAccessorImpl";
const INVOKE: &str =
    "(Ljava/lang/reflect/Method;Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;";

#[test]
fn invoke_unboxes_widens_and_wraps() {
    let vm = &mut vm();
    let add = method(vm, "add");
    let one = vm.box_prim(Prim::Int(BasicType::Byte, 1)).unwrap();
    let two = vm.box_prim(Prim::Int(BasicType::Int, 2)).unwrap();
    let args = objects(vm, &[one, two]);
    let r = call(vm, ACCESSOR, "invoke0", INVOKE, &[add, 0, args]);
    assert_eq!(vm.unbox(r).unwrap(), Some(Prim::Int(BasicType::Int, 3)));
    let long = vm.box_prim(Prim::Long(1)).unwrap();
    let bad = objects(vm, &[long, two]);
    let e = try_call(vm, ACCESSOR, "invoke0", INVOKE, &[add, 0, bad]).unwrap_err();
    let message = Some("argument type mismatch".to_owned());
    assert_eq!(
        thrown(vm, e),
        ("java/lang/IllegalArgumentException".into(), message)
    );
    let short = objects(vm, &[one]);
    let e = try_call(vm, ACCESSOR, "invoke0", INVOKE, &[add, 0, short]).unwrap_err();
    let message = Some("wrong number of arguments".to_owned());
    assert_eq!(
        thrown(vm, e),
        ("java/lang/IllegalArgumentException".into(), message)
    );
    let with_null = objects(vm, &[0, two]);
    let e = try_call(vm, ACCESSOR, "invoke0", INVOKE, &[add, 0, with_null]).unwrap_err();
    assert_eq!(
        thrown(vm, e),
        ("java/lang/IllegalArgumentException".into(), None)
    );
    let boom = method(vm, "boom");
    let e = try_call(vm, ACCESSOR, "invoke0", INVOKE, &[boom, 0, 0]).unwrap_err();
    const ITE: &str = "java/lang/reflect/InvocationTargetException";
    assert_eq!(vm.describe(e.0).class_name, ITE);
    // The target is kept in its own field (`getCause` returns it).
    let at = vm
        .field_offset_of(ITE, "target", "Ljava/lang/Throwable;")
        .unwrap();
    let target = vm.get_ref(e.0, at);
    let message = Some("boom".to_owned());
    assert_eq!(
        thrown(vm, Thrown(target)),
        ("java/lang/IllegalStateException".into(), message)
    );
    let letter = method(vm, "letter");
    let r = call(vm, ACCESSOR, "invoke0", INVOKE, &[letter, 0, 0]);
    assert_eq!(
        vm.unbox(r).unwrap(),
        Some(Prim::Int(BasicType::Char, 'z' as i32))
    );
}

#[test]
fn invoke_dispatches_virtually_and_checks_the_receiver() {
    let vm = &mut vm();
    let string = vm.create_string("x").unwrap();
    let object = mirror(vm, LoaderId::BOOTSTRAP, "java/lang/Object");
    let methods = call(
        vm,
        CLASS,
        "getDeclaredMethods0",
        "(Z)[Ljava/lang/reflect/Method;",
        &[object, 1],
    );
    let all: Vec<u64> = (0..array_length(methods))
        .map(|i| vm.ref_array_get(methods, i))
        .collect();
    let hash_code = all
        .into_iter()
        .find(|&m| string_field(vm, m, "java/lang/reflect/Method", "name") == "hashCode")
        .unwrap();
    // String.hashCode, selected through Object's vtable slot: "x".hashCode() == 120.
    let r = call(vm, ACCESSOR, "invoke0", INVOKE, &[hash_code, string, 0]);
    assert_eq!(vm.unbox(r).unwrap(), Some(Prim::Int(BasicType::Int, 120)));
    let id = method(vm, "id");
    let e = try_call(vm, ACCESSOR, "invoke0", INVOKE, &[id, string, 0]).unwrap_err();
    let message = Some("object is not an instance of declaring class".to_owned());
    assert_eq!(
        thrown(vm, e),
        ("java/lang/IllegalArgumentException".into(), message)
    );
    let e = try_call(vm, ACCESSOR, "invoke0", INVOKE, &[id, 0, 0]).unwrap_err();
    assert_eq!(
        thrown(vm, e),
        ("java/lang/NullPointerException".into(), None)
    );
}

#[test]
fn constructors_run_and_abstract_classes_refuse() {
    let vm = &mut vm();
    let refl = mirror(vm, LoaderId::APP, "Refl");
    let ctors = call(
        vm,
        CLASS,
        "getDeclaredConstructors0",
        "(Z)[Ljava/lang/reflect/Constructor;",
        &[refl, 1],
    );
    assert_eq!(array_length(ctors), 1);
    let ctor = vm.ref_array_get(ctors, 0);
    const NEW: &str = "(Ljava/lang/reflect/Constructor;[Ljava/lang/Object;)Ljava/lang/Object;";
    const CTOR: &str = "jdk/internal/reflect/NativeConstructorAccessorImpl";
    let object = call(vm, CTOR, "newInstance0", NEW, &[ctor, 0]);
    let id = method(vm, "id");
    let r = call(vm, ACCESSOR, "invoke0", INVOKE, &[id, object, 0]);
    assert_eq!(vm.unbox(r).unwrap(), Some(Prim::Long(7)));
    let base = mirror(vm, LoaderId::APP, "Refl$Base");
    let ctors = call(
        vm,
        CLASS,
        "getDeclaredConstructors0",
        "(Z)[Ljava/lang/reflect/Constructor;",
        &[base, 0],
    );
    let ctor = vm.ref_array_get(ctors, 0);
    let e = try_call(vm, CTOR, "newInstance0", NEW, &[ctor, 0]).unwrap_err();
    let message = Some("Refl$Base".to_owned());
    assert_eq!(
        thrown(vm, e),
        ("java/lang/InstantiationException".into(), message)
    );
}

const ARRAY: &str = "java/lang/reflect/Array";

#[test]
fn arrays() {
    let vm = &mut vm();
    let int = primitive(vm, BasicType::Int);
    let array = call(
        vm,
        ARRAY,
        "newArray",
        "(Ljava/lang/Class;I)Ljava/lang/Object;",
        &[int, 3],
    );
    assert_eq!(vm.class_name_of(array).as_deref(), Some("[I"));
    let seven = vm.box_prim(Prim::Int(BasicType::Short, 7)).unwrap();
    let set = "(Ljava/lang/Object;ILjava/lang/Object;)V";
    call(vm, ARRAY, "set", set, &[array, 1, seven]);
    assert_eq!(vm.int_array(array), Some(vec![0, 7, 0]));
    let get_long = "(Ljava/lang/Object;I)J";
    assert_eq!(call(vm, ARRAY, "getLong", get_long, &[array, 1]), 7);
    let e = try_call(vm, ARRAY, "getByte", "(Ljava/lang/Object;I)B", &[array, 1]).unwrap_err();
    let message = Some("argument type mismatch".to_owned());
    assert_eq!(
        thrown(vm, e),
        ("java/lang/IllegalArgumentException".into(), message)
    );
    let e = try_call(vm, ARRAY, "getLong", get_long, &[array, 3]).unwrap_err();
    assert_eq!(
        thrown(vm, e),
        ("java/lang/ArrayIndexOutOfBoundsException".into(), None)
    );
    let string = vm.create_string("s").unwrap();
    let e = try_call(vm, ARRAY, "getLength", "(Ljava/lang/Object;)I", &[string]).unwrap_err();
    let message = Some("Argument is not an array".to_owned());
    assert_eq!(
        thrown(vm, e),
        ("java/lang/IllegalArgumentException".into(), message)
    );
    let strings = vm.new_string_array(&[None]).unwrap();
    let e = try_call(vm, ARRAY, "set", set, &[strings, 0, seven]).unwrap_err();
    let message = Some("array element type mismatch".to_owned());
    assert_eq!(
        thrown(vm, e),
        ("java/lang/IllegalArgumentException".into(), message)
    );
    let dims = vm.load(LoaderId::BOOTSTRAP, "[I").unwrap();
    let dims = vm.new_array(dims, 2).unwrap();
    let multi = "(Ljava/lang/Class;[I)Ljava/lang/Object;";
    let int_array = mirror(vm, LoaderId::BOOTSTRAP, "[I");
    let three = call(vm, ARRAY, "multiNewArray", multi, &[int_array, dims]);
    assert_eq!(vm.class_name_of(three).as_deref(), Some("[[[I"));
    let e = try_call(
        vm,
        ARRAY,
        "newArray",
        "(Ljava/lang/Class;I)Ljava/lang/Object;",
        &[int, u64::from(-3i32 as u32)],
    )
    .unwrap_err();
    let message = Some("-3".to_owned());
    assert_eq!(
        thrown(vm, e),
        ("java/lang/NegativeArraySizeException".into(), message)
    );
}
