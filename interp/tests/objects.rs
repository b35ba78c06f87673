//! Objects, fields, the four invoke instructions, arrays, strings, casts, monitors, natives.
#![allow(clippy::unwrap_used)]

mod common;
use common::{call, throws, vm, what};
use jfork_interp::Value::{self, Double as D, Int as I, Long as L, Reference as R};

fn obj(vm: &mut jfork_interp::Vm, name: &str, desc: &str, args: &[Value]) -> Value {
    call(vm, "Objects", name, desc, args)
}

fn string(vm: &mut jfork_interp::Vm, name: &str) -> String {
    let R(r) = obj(vm, name, "()Ljava/lang/String;", &[]) else {
        panic!()
    };
    vm.string_value(r).unwrap()
}

fn error(
    vm: &mut jfork_interp::Vm,
    name: &str,
    desc: &str,
    args: &[Value],
) -> (String, Option<String>) {
    what(&throws(vm, "Objects", name, desc, args))
}

#[test]
fn invocation_and_fields() {
    let vm = &mut vm();
    assert_eq!(obj(vm, "shapes", "()D", &[]), D(4.0 + 3.0 + 9.0));
    assert_eq!(string(vm, "describe"), "quad#4,round shape#5");
    assert_eq!(obj(vm, "virtualAndInterface", "()I", &[]), I(400 + 60 + 4));
    let f = 1 + 2 + 4 - 56 + 1 + 120 - 25536 + 3 + 9 + 1;
    assert_eq!(obj(vm, "fields", "()I", &[]), I(f));
    assert_eq!(
        obj(vm, "statics", "()J", &[]),
        L(12 + 44 + 100 + 65 - 2 + 2 + 2 + 1)
    );
    assert_eq!(obj(vm, "linkedList", "(I)I", &[I(100)]), I(4950));
    assert_eq!(obj(vm, "jsrLike", "()J", &[]), L(1));
}

#[test]
fn arrays() {
    let vm = &mut vm();
    assert_eq!(
        obj(vm, "arrays", "()I", &[]),
        I(1 - 3 + 122 - 7 + 1000 + 8 + 5 + 3 + 2 + 18)
    );
    assert_eq!(obj(vm, "multi", "()I", &[]), I(300 + 40 + 5 + 7 + 1000 + 3));
    let oob = |i: i32| {
        (
            "java.lang.ArrayIndexOutOfBoundsException".to_owned(),
            Some(format!("Index {i} out of bounds for length 3")),
        )
    };
    assert_eq!(error(vm, "index", "(I)I", &[I(5)]), oob(5));
    assert_eq!(error(vm, "index", "(I)I", &[I(-1)]), oob(-1));
    assert_eq!(error(vm, "storeIndex", "(I)I", &[I(3)]), oob(3));
    let neg = (
        "java.lang.NegativeArraySizeException".to_owned(),
        Some("-1".to_owned()),
    );
    assert_eq!(error(vm, "negative", "(I)I", &[I(-1)]), neg);
    assert_eq!(error(vm, "negativeMulti", "(I)I", &[I(-1)]), neg);
    assert_eq!(
        error(vm, "arrayStore", "()I", &[]),
        (
            "java.lang.ArrayStoreException".into(),
            Some("java.lang.Object".into())
        )
    );
    assert_eq!(
        obj(vm, "arraycopy", "()I", &[]),
        I(10000 + 1000 + 400 + 10 + 4)
    );
    assert_eq!(
        error(vm, "arraycopyBad", "()I", &[]),
        (
            "java.lang.ArrayStoreException".into(),
            Some("arraycopy: type mismatch: can not copy int[] into long[]".into())
        )
    );
    assert_eq!(
        error(vm, "arraycopyBounds", "()I", &[]),
        (
            "java.lang.ArrayIndexOutOfBoundsException".into(),
            Some("arraycopy: last source index 6 out of bounds for int[2]".into())
        )
    );
}

#[test]
fn casts() {
    let vm = &mut vm();
    assert_eq!(
        obj(vm, "instanceofs", "()I", &[]),
        I(1 | 2 | 8 | 16 | 32 | 128 | 256 | 512 | 2048)
    );
    assert_eq!(
        error(vm, "castFail", "()I", &[]),
        ("java.lang.ClassCastException".into(), Some("class java.lang.String cannot be cast to class java.lang.Integer (java.lang.String and java.lang.Integer are in module java.base of loader 'bootstrap')".into()))
    );
    assert_eq!(
        error(vm, "castArrayFail", "()I", &[]),
        ("java.lang.ClassCastException".into(), Some("class [I cannot be cast to class [Ljava.lang.String; ([I and [Ljava.lang.String; are in module java.base of loader 'bootstrap')".into()))
    );
    assert_eq!(
        error(vm, "castOwnFail", "()I", &[]),
        ("java.lang.ClassCastException".into(), Some("class Circle cannot be cast to class Square (Circle and Square are in unnamed module of loader 'app')".into()))
    );
}

#[test]
fn strings_and_constants() {
    let vm = &mut vm();
    assert_eq!(string(vm, "strings"), "héllo wörld \u{4e16}");
    assert_eq!(obj(vm, "interned", "()Z", &[]), I(1));
    assert_eq!(string(vm, "classLiteral"), "java.lang.String [I Objects");
}

#[test]
fn monitors_and_natives() {
    let vm = &mut vm();
    let o = vm.new_string("lock").unwrap();
    assert_eq!(obj(vm, "syncs", "(Ljava/lang/Object;)I", &[R(o)]), I(112));
    assert_eq!(obj(vm, "notifyOwned", "()I", &[]), I(1));
    assert_eq!(
        error(vm, "notifyUnowned", "()I", &[]),
        (
            "java.lang.IllegalMonitorStateException".into(),
            Some("current thread is not owner".into())
        )
    );
    assert_eq!(obj(vm, "hashes", "()I", &[]), I(15));
    assert_eq!(
        obj(vm, "floatBits", "()I", &[]),
        I(0x3f80_0000 + 0x400 + 3 + 4)
    );
    assert_eq!(obj(vm, "math", "()D", &[]), D(4.0 + 1024.0));
    assert_eq!(
        error(vm, "missing", "(ILjava/lang/String;)I", &[I(1), R(0)]),
        (
            "java.lang.UnsatisfiedLinkError".into(),
            Some("'int Objects.missing(int, java.lang.String)'".into())
        )
    );
}

#[test]
fn jdk_collections() {
    let vm = &mut vm();
    assert_eq!(obj(vm, "listUse", "()I", &[]), I(55));
}
