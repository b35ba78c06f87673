//! Exception tables, finally, rethrow, implicit exceptions, stack and heap exhaustion,
//! class initialization, helpful NullPointerException messages.
#![allow(clippy::unwrap_used)]

mod common;
use common::{call, fixtures, throws, vm, what};
use jfork_interp::Value::{Int as I, Reference as R};

fn string_result(vm: &mut jfork_interp::Vm, class: &str, name: &str) -> String {
    let R(r) = call(vm, class, name, "()Ljava/lang/String;", &[]) else {
        panic!()
    };
    vm.string_value(r).unwrap()
}

#[test]
fn handlers_finally_rethrow() {
    let vm = &mut vm();
    assert_eq!(call(vm, "Exc", "tryCatch", "(I)I", &[I(0)]), I(0));
    assert_eq!(call(vm, "Exc", "tryCatch", "(I)I", &[I(4)]), I(45));
    assert_eq!(call(vm, "Exc", "finallyRuns", "(I)I", &[I(0)]), I(11));
    assert_eq!(call(vm, "Exc", "finallyRuns", "(I)I", &[I(1)]), I(110));
    let e = throws(vm, "Exc", "rethrow", "()I", &[]);
    assert_eq!(
        what(&e),
        ("java.lang.RuntimeException".into(), Some("wrapped".into()))
    );
    let cause = e.cause.unwrap();
    assert_eq!(
        (cause.class_name.as_str(), cause.message.as_deref()),
        ("Exc$MyException", Some("bad 3"))
    );
    assert_eq!(
        cause.stack.first().map(String::as_str),
        Some("Exc.thrower(line 4)")
    );
    assert_eq!(call(vm, "Exc", "nestedCatch", "()I", &[]), I(112));
    assert_eq!(call(vm, "Exc", "catchAny", "()I", &[]), I(7));
    let e = throws(vm, "Exc", "throwNull", "()I", &[]);
    assert_eq!(e.class_name, "java/lang/NullPointerException");
}

#[test]
fn stack_overflow_is_a_java_error() {
    let vm = &mut vm();
    assert_eq!(call(vm, "Exc", "stackOverflow", "()I", &[]), I(1));
    let e = throws(vm, "Exc", "uncaughtOverflow", "()I", &[]);
    assert_eq!(e.class_name, "java/lang/StackOverflowError");
    // The VM is still usable afterwards.
    assert_eq!(call(vm, "Exc", "catchAny", "()I", &[]), I(7));
}

#[test]
fn out_of_memory_at_the_heap_limit() {
    let mut vm = jfork_interp::Vm::new(jfork_interp::VmOptions {
        class_path: fixtures().display().to_string(),
        heap_max: 64 << 20,
        ..Default::default()
    })
    .unwrap();
    let e = throws(&mut vm, "Exc", "oom", "()I", &[]);
    assert_eq!(
        what(&e),
        (
            "java.lang.OutOfMemoryError".into(),
            Some("Java heap space".into())
        )
    );
    let e = throws(&mut vm, "Exc", "hugeArray", "()I", &[]);
    assert_eq!(
        what(&e),
        (
            "java.lang.OutOfMemoryError".into(),
            Some("Requested array size exceeds VM limit".into())
        )
    );
}

#[test]
fn class_initialization() {
    let vm = &mut vm();
    // Superclass, then the superinterface with a default method, then the class; the
    // interface without defaults is not initialized.
    assert_eq!(string_result(vm, "Init", "order"), "SIC7");
    let e = throws(vm, "Init", "bad", "()I", &[]);
    assert_eq!(e.class_name, "java/lang/ExceptionInInitializerError");
    let cause = e.cause.unwrap();
    assert_eq!(
        (cause.class_name.as_str(), cause.message.as_deref()),
        ("java/lang/IllegalStateException", Some("boom"))
    );
    let e = throws(vm, "Init", "bad", "()I", &[]);
    assert_eq!(
        what(&e),
        (
            "java.lang.NoClassDefFoundError".into(),
            Some("Could not initialize class Init$Bad".into())
        )
    );
    let e = throws(vm, "Init", "badError", "()I", &[]);
    assert_eq!(
        what(&e),
        ("java.lang.AssertionError".into(), Some("err".into()))
    );
    assert_eq!(
        string_result(vm, "Init", "constants"),
        "constant4210995116277761"
    );
    assert_eq!(call(vm, "Init", "onceOnly", "()I", &[]), I(102));
    assert_eq!(call(vm, "Init", "onceOnly", "()I", &[]), I(104));
}

#[test]
fn helpful_null_pointer_messages() {
    // Compared with `java Npe` (HotSpot 17, fixtures compiled without -g).
    let expected = [
        "Cannot invoke \"String.length()\" because \"<parameter1>\" is null",
        "Cannot invoke \"java.util.List.size()\" because \"<parameter1>\" is null",
        "Cannot load from int array because \"<parameter1>\" is null",
        "Cannot read field \"arr\" because \"<parameter1>.next\" is null",
        "Cannot assign field \"name\" because \"<parameter1>\" is null",
        "Cannot load from object array because \"<parameter1>[<parameter2>]\" is null",
        "Cannot throw exception because \"<parameter1>\" is null",
        "Cannot enter synchronized block because \"<parameter1>\" is null",
        "Cannot invoke \"String.length()\" because \"Npe.sf\" is null",
        "Cannot read field \"arr\" because the return value of \"Npe.mk()\" is null",
        "Cannot store to long array because \"<parameter1>\" is null",
        "Cannot read field \"name\" because \"this.next\" is null",
        "Cannot invoke \"String.length()\" because \"<local0>\" is null",
        "Cannot read the array length because \"<parameter1>\" is null",
    ];
    let vm = &mut vm();
    for (i, text) in expected.iter().enumerate() {
        let e = throws(vm, "Npe", "run", "(I)V", &[I(i as i32)]);
        assert_eq!(
            what(&e),
            (
                "java.lang.NullPointerException".into(),
                Some((*text).to_owned())
            ),
            "case {i}"
        );
    }
}

#[test]
fn helpful_null_pointer_messages_with_local_names() {
    // Compared with `java Npe` on the same class compiled with -g.
    let expected = [
        "Cannot invoke \"String.length()\" because \"s\" is null",
        "Cannot invoke \"java.util.List.size()\" because \"l\" is null",
        "Cannot load from int array because \"a\" is null",
        "Cannot read field \"arr\" because \"n.next\" is null",
        "Cannot assign field \"name\" because \"n\" is null",
        "Cannot load from object array because \"a[i]\" is null",
        "Cannot throw exception because \"e\" is null",
        "Cannot enter synchronized block because \"o\" is null",
        "Cannot invoke \"String.length()\" because \"Npe.sf\" is null",
        "Cannot read field \"arr\" because the return value of \"Npe.mk()\" is null",
        "Cannot store to long array because \"a\" is null",
        "Cannot read field \"name\" because \"this.next\" is null",
        "Cannot invoke \"String.length()\" because \"s\" is null",
        "Cannot read the array length because \"a\" is null",
    ];
    let mut vm = jfork_interp::Vm::new(jfork_interp::VmOptions {
        class_path: common::debug_fixtures().display().to_string(),
        ..Default::default()
    })
    .unwrap();
    for (i, text) in expected.iter().enumerate() {
        let e = throws(&mut vm, "Npe", "run", "(I)V", &[I(i as i32)]);
        assert_eq!(
            what(&e),
            (
                "java.lang.NullPointerException".into(),
                Some((*text).to_owned())
            ),
            "case {i}"
        );
    }
}
