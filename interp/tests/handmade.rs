//! Instructions javac no longer emits (`nop`, `swap`, `jsr`/`ret`, `goto_w`, `jsr_w`), in a
//! class file assembled here (version 49: before StackMapTable, so it may contain `jsr`).
#![allow(clippy::unwrap_used)]

mod common;
use common::{call, fixtures};
use jfork_interp::Value::Int as I;

/// A minimal class `Handmade` with static `()I` methods of the given code.
fn class_file(methods: &[(&str, u16, &[u8])]) -> Vec<u8> {
    let mut pool: Vec<Vec<u8>> = Vec::new();
    let utf8 = |pool: &mut Vec<Vec<u8>>, s: &str| {
        let mut e = vec![1];
        e.extend((s.len() as u16).to_be_bytes());
        e.extend(s.as_bytes());
        pool.push(e);
        pool.len() as u16
    };
    let this_name = utf8(&mut pool, "Handmade");
    pool.push([vec![7], this_name.to_be_bytes().to_vec()].concat());
    let this_class = pool.len() as u16;
    let super_name = utf8(&mut pool, "java/lang/Object");
    pool.push([vec![7], super_name.to_be_bytes().to_vec()].concat());
    let super_class = pool.len() as u16;
    let code_name = utf8(&mut pool, "Code");
    // Constant 7 (after the two classes, their names, "Code" and "x"): the string "x".
    let text = utf8(&mut pool, "x");
    pool.push([vec![8], text.to_be_bytes().to_vec()].concat());
    let descriptor = utf8(&mut pool, "()I");
    let names: Vec<u16> = methods.iter().map(|(n, _, _)| utf8(&mut pool, n)).collect();
    let mut out = vec![0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 49];
    out.extend((pool.len() as u16 + 1).to_be_bytes());
    for e in &pool {
        out.extend(e);
    }
    out.extend(0x0021u16.to_be_bytes());
    out.extend(this_class.to_be_bytes());
    out.extend(super_class.to_be_bytes());
    out.extend([0, 0, 0, 0]); // no interfaces, no fields
    out.extend((methods.len() as u16).to_be_bytes());
    for ((_, max_locals, code), name) in methods.iter().zip(&names) {
        out.extend(0x0009u16.to_be_bytes()); // public static
        out.extend(name.to_be_bytes());
        out.extend(descriptor.to_be_bytes());
        out.extend(1u16.to_be_bytes());
        out.extend(code_name.to_be_bytes());
        out.extend((12 + code.len() as u32).to_be_bytes());
        out.extend(4u16.to_be_bytes()); // max_stack
        out.extend(max_locals.to_be_bytes());
        out.extend((code.len() as u32).to_be_bytes());
        out.extend(*code);
        out.extend([0, 0, 0, 0]); // no handlers, no attributes
    }
    out.extend([0, 0]);
    out
}

#[test]
fn old_instructions() {
    let methods: &[(&str, u16, &[u8])] = &[
        // nop; iconst_1; ireturn
        ("nop", 0, &[0x00, 0x04, 0xac]),
        // iconst_1; iconst_2; swap; isub; ireturn  -> 2 - 1
        ("swap", 0, &[0x04, 0x05, 0x5f, 0x64, 0xac]),
        // 0 iconst_0; 1 istore_0; 2 jsr +6 (8); 5 iload_0; 6 ireturn; 7 nop;
        // 8 astore_1; 9 iinc 0 5; 12 ret 1
        (
            "jsr",
            2,
            &[
                0x03, 0x3b, 0xa8, 0, 6, 0x1a, 0xac, 0x00, 0x4c, 0x84, 0, 5, 0xa9, 1,
            ],
        ),
        // 0 goto_w +7 (7); 5 iconst_0; 6 ireturn; 7 bipush 7; 9 ireturn
        ("gotoW", 0, &[0xc8, 0, 0, 0, 7, 0x03, 0xac, 0x10, 7, 0xac]),
        // 0 iconst_0; 1 istore_0; 2 jsr_w +8 (10); 7 iload_0; 8 ireturn; 9 nop;
        // 10 astore_1; 11 iinc 0 9; 14 wide ret 1
        (
            "jsrW",
            2,
            &[
                0x03, 0x3b, 0xc9, 0, 0, 0, 8, 0x1a, 0xac, 0x00, 0x4c, 0x84, 0, 9, 0xc4, 0xa9, 0, 1,
            ],
        ),
        // ldc "x"; monitorexit; iconst_1; ireturn: exiting a monitor this thread does not hold
        ("exitUnheld", 0, &[0x12, 7, 0xc3, 0x04, 0xac]),
        // ldc "x"; dup; monitorenter; monitorexit; ldc "x"; monitorexit; ...: exit once too often
        (
            "exitTwice",
            0,
            &[
                0x12, 7, 0x59, 0xc2, 0x12, 7, 0xc3, 0x12, 7, 0xc3, 0x04, 0xac,
            ],
        ),
    ];
    let dir = fixtures().join("handmade");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("Handmade.class"), class_file(methods)).unwrap();
    let mut vm = jfork_interp::Vm::new(jfork_interp::VmOptions {
        // On the application class path, so the resolver's verifier checks it first (version
        // 49: the type-inference verifier, which handles jsr/ret).
        class_path: dir.display().to_string(),
        ..Default::default()
    })
    .unwrap();
    let vm = &mut vm;
    assert_eq!(call(vm, "Handmade", "nop", "()I", &[]), I(1));
    assert_eq!(call(vm, "Handmade", "swap", "()I", &[]), I(1));
    assert_eq!(call(vm, "Handmade", "jsr", "()I", &[]), I(5));
    assert_eq!(call(vm, "Handmade", "gotoW", "()I", &[]), I(7));
    assert_eq!(call(vm, "Handmade", "jsrW", "()I", &[]), I(9));
    for name in ["exitUnheld", "exitTwice"] {
        let e = common::throws(vm, "Handmade", name, "()I", &[]);
        assert_eq!(
            common::what(&e),
            ("java.lang.IllegalMonitorStateException".into(), None)
        );
    }
}
