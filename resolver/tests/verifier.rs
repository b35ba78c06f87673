//! Hostile bytecode, hand-assembled: each class must fail to link with the `VerifyError`
//! HotSpot gives for it (the message's first line is compared with what `java` prints for
//! the same class file), and well-formed code must pass.
#![allow(clippy::unwrap_used)]

mod common;
mod verifier {
    pub mod asm;
}

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use jfork_resolver::{LinkErrorKind, Linker, LoaderId};
use verifier::asm::{ClassBuilder, Code, Vt};

const STATIC: u16 = 0x0009;
const PUBLIC: u16 = 0x0001;

fn hi(i: u16) -> u8 {
    (i >> 8) as u8
}
fn lo(i: u16) -> u8 {
    i as u8
}

/// A class `name` with one static method `m` of `desc`.
fn with_static(
    name: &str,
    desc: &str,
    code: impl FnOnce(&mut ClassBuilder) -> Code,
) -> ClassBuilder {
    let mut b = ClassBuilder::new(name, "java/lang/Object");
    let code = code(&mut b);
    b.method(STATIC, "m", desc, code);
    b
}

/// Each hostile class with the first line of HotSpot 17's `VerifyError` message for it.
fn cases() -> Vec<(&'static str, ClassBuilder, &'static str)> {
    let mut v = Vec::new();
    v.push((
        "Underflow",
        with_static("Underflow", "()V", |_| Code::new(1, 0, &[0x57, 0xb1])),
        "Operand stack underflow",
    ));
    v.push((
        "IntAsReference",
        with_static("IntAsReference", "()V", |b| {
            let m = b.method_ref("java/lang/Object", "hashCode", "()I");
            Code::new(1, 0, &[0x03, 0xb6, hi(m), lo(m), 0x57, 0xb1])
        }),
        "Bad type on operand stack",
    ));
    v.push((
        "ReferenceAsInt",
        with_static("ReferenceAsInt", "()V", |_| {
            Code::new(2, 0, &[0x01, 0x04, 0x60, 0x57, 0xb1])
        }),
        "Bad type on operand stack",
    ));
    v.push((
        "LongSplitOnStack",
        with_static("LongSplitOnStack", "()V", |_| {
            Code::new(2, 0, &[0x09, 0x57, 0x57, 0xb1])
        }),
        "Bad type on operand stack",
    ));
    v.push((
        "LongSplitInLocals",
        with_static("LongSplitInLocals", "()V", |_| {
            Code::new(2, 2, &[0x09, 0x3f, 0x1b, 0x57, 0xb1])
        }),
        "Bad local variable type",
    ));
    v.push((
        "UninitializedUse",
        with_static("UninitializedUse", "()V", |b| {
            let c = b.class("java/lang/Object");
            let m = b.method_ref("java/lang/Object", "hashCode", "()I");
            Code::new(1, 0, &[0xbb, hi(c), lo(c), 0xb6, hi(m), lo(m), 0x57, 0xb1])
        }),
        "Bad type on operand stack",
    ));
    v.push((
        "NoSuperCall",
        {
            let mut b = ClassBuilder::new("NoSuperCall", "java/lang/Object");
            b.method(PUBLIC, "<init>", "()V", Code::new(0, 1, &[0xb1]));
            b
        },
        "Constructor must call super() or this() before return",
    ));
    v.push((
        "WrongReturnType",
        with_static(
            "WrongReturnType",
            "(Ljava/lang/Object;)Ljava/lang/String;",
            |_| Code::new(1, 1, &[0x2a, 0xb0]),
        ),
        "Bad return type",
    ));
    v.push((
        "ReturnsNothing",
        with_static("ReturnsNothing", "()I", |_| Code::new(0, 0, &[0xb1])),
        "Method expects a return value",
    ));
    v.push((
        "NoFrameAtTarget",
        with_static("NoFrameAtTarget", "()V", |_| {
            Code::new(1, 0, &[0x03, 0x99, 0x00, 0x04, 0xb1, 0xb1])
        }),
        "Expecting a stackmap frame at branch target 5",
    ));
    v.push((
        "InconsistentFrames",
        with_static("InconsistentFrames", "()V", |_| {
            Code::new(1, 1, &[0x03, 0x99, 0x00, 0x04, 0xb1, 0xb1]).frame(5, &[Vt::Int], &[])
        }),
        "Inconsistent stackmap frames at branch target 5",
    ));
    v.push((
        "MissingFrameAfterGoto",
        with_static("MissingFrameAfterGoto", "()V", |_| {
            Code::new(0, 0, &[0xa7, 0x00, 0x04, 0x00, 0xb1]).frame(4, &[], &[])
        }),
        "Expecting a stack map frame",
    ));
    v.push((
        "ThrowsObject",
        with_static("ThrowsObject", "()V", |b| {
            let c = b.class("java/lang/Object");
            let m = b.method_ref("java/lang/Object", "<init>", "()V");
            Code::new(2, 0, &[0xbb, hi(c), lo(c), 0x59, 0xb7, hi(m), lo(m), 0xbf])
        }),
        "Bad type on operand stack",
    ));
    v.push((
        "GetfieldWrongClass",
        {
            let mut b = ClassBuilder::new("GetfieldWrongClass", "java/lang/Object");
            b.field(0, "f", "I");
            let f = b.field_ref("GetfieldWrongClass", "f", "I");
            b.method(
                STATIC,
                "m",
                "(Ljava/lang/String;)I",
                Code::new(1, 1, &[0x2a, 0xb4, hi(f), lo(f), 0xac]),
            );
            b
        },
        "Bad type on operand stack",
    ));
    v.push((
        "InvokeWrongArgs",
        with_static("InvokeWrongArgs", "(Ljava/lang/String;)V", |b| {
            let m = b.method_ref("java/lang/String", "equals", "(Ljava/lang/Object;)Z");
            Code::new(2, 1, &[0x2a, 0x03, 0xb6, hi(m), lo(m), 0x57, 0xb1])
        }),
        "Bad type on operand stack",
    ));
    v.push((
        "HandlerMismatch",
        with_static("HandlerMismatch", "()V", |b| {
            let s = b.class("java/lang/String");
            Code::new(1, 0, &[0x00, 0xb1, 0xbf])
                .handler(0, 1, 2, 0)
                .frame(2, &[], &[Vt::Object(s)])
        }),
        "Stack map does not match the one at exception handler 2",
    ));
    v.push((
        "CatchesString",
        with_static("CatchesString", "()V", |b| {
            let s = b.class("java/lang/String");
            Code::new(1, 0, &[0x00, 0xb1, 0xbf])
                .handler(0, 1, 2, s)
                .frame(2, &[], &[Vt::Object(s)])
        }),
        "Catch type is not a subclass of Throwable in exception handler 2",
    ));
    v.push((
        "StackOverflow",
        with_static("StackOverflow", "()V", |_| {
            Code::new(1, 0, &[0x03, 0x03, 0x57, 0x57, 0xb1])
        }),
        "Operand stack overflow",
    ));
    v.push((
        "FallsOffTheEnd",
        with_static("FallsOffTheEnd", "()V", |_| Code::new(0, 0, &[0x00])),
        "Control flow falls through code end",
    ));
    v.push((
        "ProtectedClone",
        with_static("ProtectedClone", "(Ljava/lang/Object;)V", |b| {
            let m = b.method_ref("java/lang/Object", "clone", "()Ljava/lang/Object;");
            Code::new(1, 1, &[0x2a, 0xb6, hi(m), lo(m), 0x57, 0xb1])
        }),
        "Bad access to protected data in invokevirtual",
    ));
    v.push((
        "WrongInit",
        with_static("WrongInit", "()V", |b| {
            let c = b.class("java/lang/String");
            let m = b.method_ref("java/lang/Object", "<init>", "()V");
            Code::new(
                2,
                0,
                &[0xbb, hi(c), lo(c), 0x59, 0xb7, hi(m), lo(m), 0x57, 0xb1],
            )
        }),
        "Call to wrong <init> method",
    ));
    v.push((
        "ArraylengthOfInt",
        with_static("ArraylengthOfInt", "()V", |_| {
            Code::new(1, 0, &[0x03, 0xbe, 0x57, 0xb1])
        }),
        "Bad type on operand stack",
    ));
    v.push((
        "IaloadOfObject",
        with_static("IaloadOfObject", "(Ljava/lang/Object;)V", |_| {
            Code::new(2, 1, &[0x2a, 0x03, 0x2e, 0x57, 0xb1])
        }),
        "Bad type on operand stack in iaload",
    ));
    v.push((
        "AaloadOfIntArray",
        with_static("AaloadOfIntArray", "([I)V", |_| {
            Code::new(2, 1, &[0x2a, 0x03, 0x32, 0x57, 0xb1])
        }),
        "Bad type on operand stack in aaload",
    ));
    v.push((
        "BadInvokespecial",
        with_static("BadInvokespecial", "(Ljava/lang/String;)I", |b| {
            let m = b.method_ref("java/lang/String", "hashCode", "()I");
            Code::new(1, 1, &[0x2a, 0xb7, hi(m), lo(m), 0xac])
        }),
        "Bad invokespecial instruction: current class isn't assignable to reference class.",
    ));
    v.push((
        // Collection is a superinterface of List, not a direct one of this class.
        "IndirectInterfaceSuper",
        {
            let mut b = ClassBuilder::new("IndirectInterfaceSuper", "java/util/ArrayList");
            b.add_interface("java/util/List");
            let m = b.interface_method_ref("java/util/Collection", "stream", "()Ljava/util/stream/Stream;");
            b.method(PUBLIC, "s", "()Ljava/lang/Object;", Code::new(1, 1, &[0x2a, 0xb7, hi(m), lo(m), 0xb0]));
            b
        },
        "Bad invokespecial instruction: interface method reference is in an indirect superinterface.",
    ));
    v.push((
        // A store inside a try range: the handler sees the locals after the store too.
        "HandlerAfterStore",
        with_static("HandlerAfterStore", "()V", |b| {
            let s = b.class("java/lang/String");
            let t = b.class("java/lang/Throwable");
            // 0: aconst_null; astore_0; 2: iconst_0; istore_0 (an int where the handler
            // wants a String); 4: return; 5: athrow
            Code::new(1, 1, &[0x01, 0x4b, 0x03, 0x3b, 0xb1, 0xbf])
                .handler(0, 4, 5, t)
                .frame(5, &[Vt::Object(s)], &[Vt::Object(t)])
        }),
        "Stack map does not match the one at exception handler 5",
    ));
    v.push((
        "PutfieldBeforeSuper",
        {
            let mut b = ClassBuilder::new("PutfieldBeforeSuper", "java/lang/Object");
            let f = b.field_ref("java/lang/Integer", "value", "I");
            let init = b.method_ref("java/lang/Object", "<init>", "()V");
            b.method(
                PUBLIC,
                "<init>",
                "()V",
                Code::new(
                    2,
                    1,
                    &[
                        0x2a,
                        0x03,
                        0xb5,
                        hi(f),
                        lo(f),
                        0x2a,
                        0xb7,
                        hi(init),
                        lo(init),
                        0xb1,
                    ],
                ),
            );
            b
        },
        "Bad type on operand stack in putfield",
    ));
    v.push((
        "GetfieldBeforeSuper",
        {
            let mut b = ClassBuilder::new("GetfieldBeforeSuper", "java/lang/Object");
            b.field(0, "f", "I");
            let f = b.field_ref("GetfieldBeforeSuper", "f", "I");
            let init = b.method_ref("java/lang/Object", "<init>", "()V");
            b.method(
                PUBLIC,
                "<init>",
                "()V",
                Code::new(
                    1,
                    1,
                    &[
                        0x2a,
                        0xb4,
                        hi(f),
                        lo(f),
                        0x57,
                        0x2a,
                        0xb7,
                        hi(init),
                        lo(init),
                        0xb1,
                    ],
                ),
            );
            b
        },
        "Bad type on operand stack",
    ));
    v.push((
        "WrongSuperInit",
        {
            let mut b = ClassBuilder::new("WrongSuperInit", "java/lang/Object");
            let init = b.method_ref("java/lang/String", "<init>", "()V");
            b.method(
                PUBLIC,
                "<init>",
                "()V",
                Code::new(1, 1, &[0x2a, 0xb7, hi(init), lo(init), 0xb1]),
            );
            b
        },
        "Bad <init> method call",
    ));
    v.push((
        "IincOnReference",
        with_static("IincOnReference", "(Ljava/lang/Object;)V", |_| {
            Code::new(0, 1, &[0x84, 0x00, 0x01, 0xb1])
        }),
        "Bad local variable type",
    ));
    v.push((
        "DupX2SplitsLong",
        with_static("DupX2SplitsLong", "()V", |_| {
            Code::new(5, 0, &[0x09, 0x03, 0x03, 0x5b, 0xb1])
        }),
        "Bad type on operand stack",
    ));
    v.push((
        "SwapLong",
        with_static("SwapLong", "()V", |_| {
            Code::new(3, 0, &[0x03, 0x09, 0x5f, 0xb1])
        }),
        "Bad type on operand stack",
    ));
    v.push((
        "FallthroughMismatch",
        with_static("FallthroughMismatch", "()V", |_| {
            Code::new(1, 0, &[0x00, 0x57, 0xb1]).frame(1, &[], &[Vt::Int])
        }),
        "Instruction type does not match stack map",
    ));
    v.push((
        "ReturnsUninitialized",
        with_static("ReturnsUninitialized", "()Ljava/lang/Object;", |b| {
            let c = b.class("java/lang/Object");
            Code::new(1, 0, &[0xbb, hi(c), lo(c), 0xb0])
        }),
        "Bad return type",
    ));
    v.push((
        "AastoreIntoIntArray",
        with_static("AastoreIntoIntArray", "([I)V", |_| {
            Code::new(3, 1, &[0x2a, 0x03, 0x01, 0x53, 0xb1])
        }),
        "Bad type on operand stack in aastore",
    ));
    v.push((
        "PutstaticWrongType",
        {
            let mut b = ClassBuilder::new("PutstaticWrongType", "java/lang/Object");
            b.field(STATIC, "s", "Ljava/lang/String;");
            let f = b.field_ref("PutstaticWrongType", "s", "Ljava/lang/String;");
            b.method(
                STATIC,
                "m",
                "()V",
                Code::new(1, 0, &[0x03, 0xb3, hi(f), lo(f), 0xb1]),
            );
            b
        },
        "Bad type on operand stack",
    ));
    v
}

/// Version 49 classes (no `StackMapTable`, type inference) with the message of HotSpot's
/// old verifier after `(class: X, method: m signature: D) `.
fn old_cases() -> Vec<(&'static str, ClassBuilder, &'static str)> {
    let old = |name: &str, desc: &str, code: &dyn Fn(&mut ClassBuilder) -> Code| {
        let mut b = ClassBuilder::new(name, "java/lang/Object");
        b.major = 49;
        let code = code(&mut b);
        b.method(STATIC, "m", desc, code);
        b
    };
    let mut no_super = ClassBuilder::new("OldNoSuperCall", "java/lang/Object");
    no_super.major = 49;
    no_super.method(PUBLIC, "<init>", "()V", Code::new(0, 1, &[0xb1]));
    vec![
        (
            "OldUnderflow",
            old("OldUnderflow", "()V", &|_| Code::new(1, 0, &[0x57, 0xb1])),
            "Unable to pop operand off an empty stack",
        ),
        (
            "OldIntAsReference",
            old("OldIntAsReference", "()V", &|b| {
                let m = b.method_ref("java/lang/Object", "hashCode", "()I");
                Code::new(1, 0, &[0x03, 0xb6, hi(m), lo(m), 0x57, 0xb1])
            }),
            "Expecting to find object/array on stack",
        ),
        (
            "OldReferenceAsInt",
            old("OldReferenceAsInt", "()V", &|_| {
                Code::new(2, 0, &[0x01, 0x04, 0x60, 0x57, 0xb1])
            }),
            "Expecting to find integer on stack",
        ),
        (
            "OldNoSuperCall",
            no_super,
            "Constructor must call super() or this()",
        ),
        (
            "OldLongSplit",
            old("OldLongSplit", "()V", &|_| {
                Code::new(2, 2, &[0x09, 0x3f, 0x1b, 0x57, 0xb1])
            }),
            "Register 1 contains wrong type",
        ),
        (
            "OldThrowsObject",
            old("OldThrowsObject", "()V", &|b| {
                let c = b.class("java/lang/Object");
                let m = b.method_ref("java/lang/Object", "<init>", "()V");
                Code::new(2, 0, &[0xbb, hi(c), lo(c), 0x59, 0xb7, hi(m), lo(m), 0xbf])
            }),
            "Can only throw Throwable objects",
        ),
        (
            "OldStackOverflow",
            old("OldStackOverflow", "()V", &|_| {
                Code::new(1, 0, &[0x03, 0x03, 0x57, 0x57, 0xb1])
            }),
            "Stack size too large",
        ),
        (
            "OldFallsOff",
            old("OldFallsOff", "()V", &|_| Code::new(0, 0, &[0x00])),
            "Falling off the end of the code",
        ),
        (
            // int on one path, null on the other: the merged local is unusable.
            "OldMergedLocal",
            old("OldMergedLocal", "(I)V", &|_| {
                Code::new(
                    1,
                    2,
                    &[
                        0x1a, 0x99, 0x00, 0x08, 0x03, 0x3c, 0xa7, 0x00, 0x05, 0x01, 0x4c, 0x1b,
                        0x57, 0xb1,
                    ],
                )
            }),
            "Accessing value from uninitialized register 1",
        ),
        (
            // Version 50: type checking fails, the failover to inference fails too.
            "V50Underflow",
            {
                let mut b = old("V50Underflow", "()V", &|_| Code::new(1, 0, &[0x57, 0xb1]));
                b.major = 50;
                b
            },
            "Unable to pop operand off an empty stack",
        ),
        (
            "OldRetOfInt",
            old("OldRetOfInt", "()V", &|_| {
                Code::new(1, 2, &[0x03, 0x3c, 0xa9, 0x01])
            }),
            "Register 1 contains wrong type",
        ),
        (
            // The return address may be stored, not loaded as a reference.
            "OldLoadsReturnAddress",
            old("OldLoadsReturnAddress", "()V", &|_| {
                Code::new(
                    2,
                    2,
                    &[0xa8, 0x00, 0x04, 0xb1, 0x4c, 0x2b, 0x57, 0xa9, 0x01],
                )
            }),
            "Cannot load return address from register 1",
        ),
        (
            "OldMergedStack",
            old("OldMergedStack", "(I)V", &|_| {
                Code::new(
                    1,
                    1,
                    &[
                        0x1a, 0x99, 0x00, 0x07, 0x03, 0xa7, 0x00, 0x04, 0x01, 0x57, 0xb1,
                    ],
                )
            }),
            "Mismatched stack types",
        ),
    ]
}

/// Version 49 subroutines: a `finally`-like `jsr`/`ret` whose subroutine changes a local,
/// a `jsr_w` with a `wide ret`, and a subroutine called from two places.
fn old_subroutines() -> ClassBuilder {
    let mut b = ClassBuilder::new("OldSubroutines", "java/lang/Object");
    b.major = 49;
    // 0 iconst_0; 1 istore_0; 2 jsr 8; 5 iload_0; 6 ireturn; 7 nop; 8 astore_1;
    // 9 iinc 0 5; 12 ret 1
    b.method(
        STATIC,
        "jsr",
        "()I",
        Code::new(
            1,
            2,
            &[
                0x03, 0x3b, 0xa8, 0, 6, 0x1a, 0xac, 0x00, 0x4c, 0x84, 0, 5, 0xa9, 1,
            ],
        ),
    );
    // 0 iconst_0; 1 istore_0; 2 jsr_w 10; 7 iload_0; 8 ireturn; 9 nop; 10 astore_1;
    // 11 iinc 0 9; 14 wide ret 1
    b.method(
        STATIC,
        "jsrW",
        "()I",
        Code::new(
            1,
            2,
            &[
                0x03, 0x3b, 0xc9, 0, 0, 0, 8, 0x1a, 0xac, 0x00, 0x4c, 0x84, 0, 9, 0xc4, 0xa9, 0, 1,
            ],
        ),
    );
    // 0 jsr 8; 3 jsr 8; 6 iload_0; 7 ireturn; 8 astore_1; 9 iconst_1; 10 istore_0; 11 ret 1
    b.method(
        STATIC,
        "twice",
        "()I",
        Code::new(
            1,
            2,
            &[
                0xa8, 0, 8, 0xa8, 0, 5, 0x1a, 0xac, 0x4c, 0x04, 0x3b, 0xa9, 1,
            ],
        ),
    );
    b
}

/// A version 49 method whose paths join with a `String` and a `Class`: merged to `Object`,
/// on which `hashCode` is fine.
fn old_valid() -> ClassBuilder {
    let mut b = ClassBuilder::new("OldValid", "java/lang/Object");
    b.major = 49;
    let s = b.string("s");
    let c = b.class("OldValid");
    let m = b.method_ref("java/lang/Object", "hashCode", "()I");
    let code = Code::new(
        1,
        1,
        &[
            0x1a,
            0x99,
            0x00,
            0x08,
            0x12,
            lo(s),
            0xa7,
            0x00,
            0x05,
            0x12,
            lo(c),
            0xb6,
            hi(m),
            lo(m),
            0xac,
        ],
    );
    b.method(STATIC, "m", "(I)I", code);
    b
}

/// Version 50 without a `StackMapTable` but with a branch: type checking fails, inference
/// (HotSpot's failover) accepts it.
fn v50_valid() -> ClassBuilder {
    let mut b = ClassBuilder::new("V50Valid", "java/lang/Object");
    b.major = 50;
    b.method(
        STATIC,
        "m",
        "()V",
        Code::new(1, 0, &[0x03, 0x99, 0x00, 0x04, 0xb1, 0xb1]),
    );
    b
}

/// Classes the classfile validator rejects before verification (with its own message, as
/// `VerifyError`), with HotSpot's first line for them.
fn structural_cases() -> Vec<(&'static str, ClassBuilder, &'static str)> {
    vec![
        (
            "JumpIntoInstruction",
            with_static("JumpIntoInstruction", "()V", |_| {
                Code::new(1, 0, &[0xa7, 0x00, 0x04, 0x11, 0x00, 0xb1, 0xb1])
                    .frame(3, &[], &[])
                    .frame(6, &[], &[])
            }),
            "java.lang.VerifyError: Expecting a stackmap frame at branch target 4",
        ),
        (
            "LocalBeyondMaxLocals",
            with_static("LocalBeyondMaxLocals", "()V", |_| {
                Code::new(1, 1, &[0x15, 0x05, 0x57, 0xb1])
            }),
            "java.lang.VerifyError: Local variable table overflow",
        ),
        (
            "FrameTooBig",
            with_static("FrameTooBig", "()V", |_| {
                Code::new(0, 1, &[0xa7, 0x00, 0x03, 0xb1]).frame(3, &[Vt::Int, Vt::Int], &[])
            }),
            "java.lang.ClassFormatError: StackMapTable format error: bad type array size in \
             method 'void FrameTooBig.m()'",
        ),
    ]
}

/// Well-formed code that must verify: branches with frames, longs in locals, a handler,
/// `new`/`<init>`, a constructor setting its own field before `super()`.
fn valid() -> ClassBuilder {
    let mut b = ClassBuilder::new("Valid", "java/lang/Object");
    b.field(0, "f", "I");
    let f = b.field_ref("Valid", "f", "I");
    let init = b.method_ref("java/lang/Object", "<init>", "()V");
    b.method(
        PUBLIC,
        "<init>",
        "()V",
        Code::new(
            2,
            1,
            &[
                0x2a,
                0x04,
                0xb5,
                hi(f),
                lo(f),
                0x2a,
                0xb7,
                hi(init),
                lo(init),
                0xb1,
            ],
        ),
    );
    let sb = b.class("java/lang/StringBuilder");
    let sb_init = b.method_ref("java/lang/StringBuilder", "<init>", "()V");
    let append = b.method_ref(
        "java/lang/StringBuilder",
        "append",
        "(J)Ljava/lang/StringBuilder;",
    );
    // static Object m(int x): long l = 0; if (x == 0) l = 1; try { return new
    // StringBuilder().append(l); } catch (Throwable t) { return t; }
    let code = Code::new(
        4,
        4,
        &[
            0x09,
            0x40, // 0: lconst_0; lstore_1
            0x1a,
            0x9a,
            0x00,
            0x05, // 2: iload_0; ifne 7
            0x0a,
            0x40, // 6: lconst_1; lstore_1
            // 8: new StringBuilder; dup; invokespecial <init>; lload_1; invokevirtual append; areturn
            0xbb,
            hi(sb),
            lo(sb),
            0x59,
            0xb7,
            hi(sb_init),
            lo(sb_init),
            0x1f,
            0xb6,
            hi(append),
            lo(append),
            0xb0,
            0x4b,
            0x2a,
            0xb0, // 20: astore_0; aload_0; areturn
        ],
    );
    let throwable = b.class("java/lang/Throwable");
    let code = code
        .frame(8, &[Vt::Int, Vt::Long], &[])
        .frame(20, &[Vt::Int, Vt::Long], &[Vt::Object(throwable)])
        .handler(8, 20, 20, throwable);
    b.method(STATIC, "m", "(I)Ljava/lang/Object;", code);
    b
}

/// `RejectedBase.m` makes a `RejectedSub` (so verifying it loads that subclass for an
/// assignability check), then underflows the stack.
fn rejected_pair() -> [ClassBuilder; 2] {
    let mut base = ClassBuilder::new("RejectedBase", "java/lang/Object");
    let object_init = base.method_ref("java/lang/Object", "<init>", "()V");
    base.method(
        PUBLIC,
        "<init>",
        "()V",
        Code::new(1, 1, &[0x2a, 0xb7, hi(object_init), lo(object_init), 0xb1]),
    );
    let sub = base.class("RejectedSub");
    let sub_init = base.method_ref("RejectedSub", "<init>", "()V");
    let take = base.method_ref("RejectedBase", "take", "(LRejectedBase;)V");
    base.method(
        STATIC,
        "take",
        "(LRejectedBase;)V",
        Code::new(0, 1, &[0xb1]),
    );
    base.method(
        STATIC,
        "m",
        "()V",
        Code::new(
            2,
            0,
            &[
                0xbb,
                hi(sub),
                lo(sub),
                0x59,
                0xb7,
                hi(sub_init),
                lo(sub_init), // new RejectedSub()
                0xb8,
                hi(take),
                lo(take), // take(it): RejectedSub must be assignable to RejectedBase
                0x57,
                0xb1, // pop on an empty stack
            ],
        ),
    );
    let mut sub = ClassBuilder::new("RejectedSub", "RejectedBase");
    let base_init = sub.method_ref("RejectedBase", "<init>", "()V");
    sub.method(
        PUBLIC,
        "<init>",
        "()V",
        Code::new(1, 1, &[0x2a, 0xb7, hi(base_init), lo(base_init), 0xb1]),
    );
    [base, sub]
}

/// The hostile classes and `Main`, written once per test process.
fn class_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = common::target_dir()
            .join("resolver-fixtures")
            .join(format!("verifier-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let all = cases()
            .into_iter()
            .chain(structural_cases())
            .chain(old_cases());
        for (name, class, _) in all {
            std::fs::write(dir.join(format!("{name}.class")), class.bytes()).unwrap();
        }
        std::fs::write(dir.join("Valid.class"), valid().bytes()).unwrap();
        let [base, sub] = rejected_pair();
        std::fs::write(dir.join("RejectedBase.class"), base.bytes()).unwrap();
        std::fs::write(dir.join("RejectedSub.class"), sub.bytes()).unwrap();
        std::fs::write(dir.join("OldValid.class"), old_valid().bytes()).unwrap();
        std::fs::write(dir.join("OldSubroutines.class"), old_subroutines().bytes()).unwrap();
        std::fs::write(dir.join("V50Valid.class"), v50_valid().bytes()).unwrap();
        let main = common::compile("verifier", "", None);
        std::fs::copy(main.join("Main.class"), dir.join("Main.class")).unwrap();
        dir
    })
}

/// What HotSpot prints for one class: the exception class and first message line
/// (`java.lang.VerifyError: Operand stack underflow`, or `ok`), and the whole message.
struct HotSpot {
    first: String,
    message: String,
}

/// HotSpot's outcome for every class, from one run of `java`.
fn hotspot() -> &'static HashMap<String, HotSpot> {
    static OUT: OnceLock<HashMap<String, HotSpot>> = OnceLock::new();
    OUT.get_or_init(|| {
        let mut names: Vec<&str> = cases().iter().map(|c| c.0).collect();
        names.extend(structural_cases().iter().map(|c| c.0));
        names.extend(old_cases().iter().map(|c| c.0));
        names.push("Valid");
        names.push("OldValid");
        names.push("OldSubroutines");
        names.push("RejectedSub");
        names.push("V50Valid");
        let out = Command::new(common::java_home().join("bin/java"))
            .arg("-Xshare:auto")
            .arg("-cp")
            .arg(class_dir())
            .arg("Main")
            .args(&names)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.split("----\n")
            .filter_map(|block| {
                let (head, message) = block.split_once('\n').unwrap_or((block, ""));
                let (name, first) = head.split_once(": ")?;
                let message = message.strip_suffix('\n').unwrap_or(message).to_owned();
                Some((
                    name.to_owned(),
                    HotSpot {
                        first: first.to_owned(),
                        message,
                    },
                ))
            })
            .collect()
    })
}

fn link(name: &str) -> Result<(), jfork_resolver::LinkError> {
    let linker = Linker::new(common::source_with_app(class_dir()));
    linker.load_class(LoaderId::APP, name).map(|_| ())
}

#[test]
fn hostile_classes_fail_with_hotspots_verify_error() {
    let mut wrong = Vec::new();
    for (name, _, expected) in cases() {
        let java = &hotspot()[name].first;
        let java_expected = format!("java.lang.VerifyError: {expected}");
        if *java != java_expected {
            wrong.push(format!(
                "{name}: HotSpot says {java:?}, the test expects {expected:?}"
            ));
        }
        match link(name) {
            Ok(()) => wrong.push(format!("{name}: linked")),
            Err(e) => {
                let first = e.message.lines().next().unwrap_or("");
                if e.kind != LinkErrorKind::VerifyError || first != expected {
                    wrong.push(format!("{name}: {e}"));
                }
                if !e
                    .message
                    .contains("\nException Details:\n  Location:\n    ")
                {
                    wrong.push(format!("{name}: no details: {e}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn structurally_broken_code_fails_before_verification() {
    for (name, _, expected) in structural_cases() {
        assert_eq!(hotspot()[name].first, expected, "{name}");
        let e = link(name).unwrap_err();
        assert_eq!(e.kind, LinkErrorKind::VerifyError, "{name}: {e}");
    }
}

#[test]
fn valid_code_verifies() {
    assert_eq!(hotspot()["Valid"].first, "ok");
    link("Valid").unwrap();
}

#[test]
fn a_failed_class_fails_again() {
    let linker = Linker::new(common::source_with_app(class_dir()));
    let first = linker.load_class(LoaderId::APP, "Underflow").unwrap_err();
    let second = linker.load_class(LoaderId::APP, "Underflow").unwrap_err();
    assert_eq!(first, second);
    assert!(linker.table().get(LoaderId::APP, "Underflow").is_none());
}

/// How far the "Exception Details:" block matches HotSpot's: whole messages equal for the
/// cases listed, and at least location and reason for the rest.
#[test]
fn details_match_hotspot() {
    let mut whole = Vec::new();
    let mut partial = Vec::new();
    for (name, _, _) in cases() {
        let ours = link(name).unwrap_err().message;
        let java = &hotspot()[name].message;
        if ours == *java {
            whole.push(name);
            continue;
        }
        let section = |m: &str| {
            let start = m.find("  Reason:").unwrap_or(m.len());
            let end = m[start..].find("\n  ").map_or(m.len(), |e| {
                start + e + 1 + m[start + e + 1..].find("\n  ").unwrap_or(0)
            });
            (
                m.lines().take(4).collect::<Vec<_>>().join("\n"),
                m[start..end].to_owned(),
            )
        };
        if section(&ours) == section(java) {
            partial.push(name);
        } else {
            eprintln!("--- {name}: ours\n{ours}\n--- HotSpot\n{java}");
        }
    }
    eprintln!("whole message equal: {whole:?}\nlocation and reason equal: {partial:?}");
    assert!(whole.len() + partial.len() >= 25, "{whole:?} {partial:?}");
}

#[test]
fn old_classes_fail_as_hotspots_old_verifier_says() {
    let mut wrong = Vec::new();
    for (name, _, expected) in old_cases() {
        let expected = if name.starts_with("V50") {
            "Operand stack underflow".to_owned()
        } else {
            format!(
                "(class: {name}, method: {} signature: {}) {expected}",
                if name == "OldNoSuperCall" {
                    "<init>"
                } else {
                    "m"
                },
                if name.starts_with("OldMerged") {
                    "(I)V"
                } else {
                    "()V"
                }
            )
        };
        let java = &hotspot()[name].first;
        if *java != format!("java.lang.VerifyError: {expected}") {
            wrong.push(format!(
                "{name}: HotSpot says {java:?}, the test expects {expected:?}"
            ));
        }
        match link(name) {
            Ok(()) => wrong.push(format!("{name}: linked")),
            Err(e)
                if e.kind == LinkErrorKind::VerifyError
                    && e.message.lines().next() == Some(expected.as_str()) => {}
            Err(e) => wrong.push(format!("{name}: {e}")),
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    for valid in ["OldValid", "V50Valid", "OldSubroutines"] {
        assert_eq!(hotspot()[valid].first, "ok", "{valid}");
        link(valid).unwrap();
    }
}

/// A subclass linked while its superclass was being verified does not survive the
/// superclass's rejection: looking it up fails with the superclass's error, as in HotSpot
/// (linking a class links its superclass first).
#[test]
fn a_class_linked_against_a_rejected_class_fails_too() {
    assert_eq!(
        hotspot()["RejectedSub"].first,
        "java.lang.VerifyError: Operand stack underflow"
    );
    let linker = Linker::new(common::source_with_app(class_dir()));
    let base = linker
        .load_class(LoaderId::APP, "RejectedBase")
        .unwrap_err();
    assert!(
        base.message.starts_with("Operand stack underflow\n"),
        "{base}"
    );
    assert!(linker.table().get(LoaderId::APP, "RejectedBase").is_none());
    assert!(linker.table().get(LoaderId::APP, "RejectedSub").is_none());
    let sub = linker.load_class(LoaderId::APP, "RejectedSub").unwrap_err();
    assert_eq!(sub, base);
    assert!(linker.table().get(LoaderId::APP, "RejectedSub").is_none());
    // An array of the subclass, made from the table, fails the same way.
    let array = linker
        .load_class(LoaderId::APP, "[LRejectedSub;")
        .unwrap_err();
    assert_eq!(array, base);
}
