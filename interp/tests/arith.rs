//! Arithmetic, conversions, comparisons, switches, locals and `wide`.
#![allow(clippy::precedence)]
#![allow(clippy::unwrap_used)]

mod common;
use common::{call, throws, vm, what};
use jfork_interp::Value::{self, Double as D, Float as F, Int as I, Long as L};

fn arith(vm: &mut jfork_interp::Vm, name: &str, desc: &str, args: &[Value]) -> Value {
    call(vm, "Arith", name, desc, args)
}

#[test]
fn int_and_long_arithmetic() {
    let vm = &mut vm();
    assert_eq!(arith(vm, "add", "(II)I", &[I(2), I(40)]), I(42));
    assert_eq!(arith(vm, "fib", "(I)I", &[I(15)]), I(610));
    assert_eq!(arith(vm, "overflow", "()I", &[]), I(i32::MIN));
    assert_eq!(
        arith(vm, "loverflow", "()J", &[]),
        L(i64::MAX.wrapping_mul(2) + 3)
    );
    assert_eq!(arith(vm, "minDiv", "()I", &[]), I(i32::MIN));
    assert_eq!(arith(vm, "lminDiv", "()J", &[]), L(i64::MIN));
    assert_eq!(arith(vm, "minRem", "()I", &[]), I(0));
    assert_eq!(arith(vm, "idiv", "(II)I", &[I(-7), I(2)]), I(-3));
    assert_eq!(arith(vm, "irem", "(II)I", &[I(-7), I(2)]), I(-1));
    assert_eq!(arith(vm, "ldiv", "(JJ)J", &[L(-7), L(2)]), L(-3));
    assert_eq!(arith(vm, "lrem", "(JJ)J", &[L(7), L(-2)]), L(1));
    let s = |a: i32, s: i32| {
        (a << (s & 31)) ^ (a >> (s & 31)) ^ ((a as u32) >> (s & 31)) as i32 ^ (a << ((s + 32) & 31))
    };
    assert_eq!(
        arith(vm, "shifts", "(II)I", &[I(-12345), I(35)]),
        I(s(-12345, 35))
    );
    let ls = |a: i64, s: i32| {
        (a << (s & 63)) ^ (a >> (s & 63)) ^ ((a as u64) >> (s & 63)) as i64 ^ (a << ((s + 64) & 63))
    };
    assert_eq!(
        arith(vm, "lshifts", "(JI)J", &[L(-1234567890123), I(70)]),
        L(ls(-1234567890123, 70))
    );
    assert_eq!(
        arith(vm, "bits", "(II)I", &[I(0x5a5a), I(0x0ff0)]),
        I((0x5a5a & 0x0ff0) | ((0x5a5a ^ !0x0ff0) - (-0x5a5a)))
    );
    assert_eq!(
        arith(vm, "lbits", "(JJ)J", &[L(0x5a5a), L(0x0ff0)]),
        L((0x5a5a & 0x0ff0) | ((0x5a5a ^ !0x0ff0) - (-0x5a5a)))
    );
    assert_eq!(
        arith(vm, "loop", "(I)I", &[I(100)]),
        I((0..100).map(|i| i * i).sum())
    );
    assert_eq!(
        arith(vm, "constants", "()I", &[]),
        I(101114 + 1234567890124i64 as i32 + 6 + 3)
    );
}

#[test]
fn division_by_zero() {
    let vm = &mut vm();
    for (name, desc, args) in [
        ("idiv", "(II)I", [I(1), I(0)]),
        ("irem", "(II)I", [I(1), I(0)]),
        ("ldiv", "(JJ)J", [L(1), L(0)]),
        ("lrem", "(JJ)J", [L(1), L(0)]),
    ] {
        let e = throws(vm, "Arith", name, desc, &args);
        assert_eq!(
            what(&e),
            (
                "java.lang.ArithmeticException".into(),
                Some("/ by zero".into())
            )
        );
    }
    assert_eq!(
        arith(vm, "ddiv", "(DD)D", &[D(1.0), D(0.0)]),
        D(f64::INFINITY)
    );
    assert_eq!(
        arith(vm, "fdiv", "(FF)F", &[F(-1.0), F(0.0)]),
        F(f32::NEG_INFINITY)
    );
    let D(r) = arith(vm, "ddiv", "(DD)D", &[D(0.0), D(0.0)]) else {
        panic!()
    };
    assert!(r.is_nan());
}

#[test]
fn conversions() {
    let vm = &mut vm();
    assert_eq!(arith(vm, "f2i", "(F)I", &[F(f32::NAN)]), I(0));
    assert_eq!(arith(vm, "f2i", "(F)I", &[F(1e20)]), I(i32::MAX));
    assert_eq!(arith(vm, "f2i", "(F)I", &[F(-1e20)]), I(i32::MIN));
    assert_eq!(arith(vm, "f2i", "(F)I", &[F(-2.7)]), I(-2));
    assert_eq!(arith(vm, "f2l", "(F)J", &[F(f32::INFINITY)]), L(i64::MAX));
    assert_eq!(arith(vm, "d2i", "(D)I", &[D(-1e300)]), I(i32::MIN));
    assert_eq!(arith(vm, "d2l", "(D)J", &[D(f64::NAN)]), L(0));
    assert_eq!(arith(vm, "d2l", "(D)J", &[D(-1e300)]), L(i64::MIN));
    assert_eq!(arith(vm, "d2f", "(D)F", &[D(1e300)]), F(f32::INFINITY));
    assert_eq!(arith(vm, "f2d", "(F)D", &[F(0.1)]), D(f64::from(0.1f32)));
    assert_eq!(arith(vm, "l2d", "(J)D", &[L(i64::MAX)]), D(i64::MAX as f64));
    assert_eq!(arith(vm, "l2f", "(J)F", &[L(-3)]), F(-3.0));
    assert_eq!(arith(vm, "i2f", "(I)F", &[I(16777217)]), F(16777216.0));
    assert_eq!(arith(vm, "i2d", "(I)D", &[I(-5)]), D(-5.0));
    assert_eq!(arith(vm, "l2i", "(J)I", &[L(0x1_0000_0005)]), I(5));
    assert_eq!(arith(vm, "i2l", "(I)J", &[I(-5)]), L(-5));
    let n = |i: i32| i32::from(i as i8) + i32::from(i as u16) + i32::from(i as i16);
    assert_eq!(arith(vm, "narrow", "(I)I", &[I(0x12345)]), I(n(0x12345)));
    assert_eq!(arith(vm, "narrow", "(I)I", &[I(-129)]), I(n(-129)));
}

#[test]
fn floating_point() {
    let vm = &mut vm();
    let f = |a: f32, b: f32| (a + b) * (a - b) / b + a % b - (-a);
    let d = |a: f64, b: f64| (a + b) * (a - b) / b + a % b - (-a);
    assert_eq!(
        arith(vm, "fops", "(FF)F", &[F(7.5), F(2.25)]),
        F(f(7.5, 2.25))
    );
    assert_eq!(
        arith(vm, "dops", "(DD)D", &[D(7.5), D(-2.25)]),
        D(d(7.5, -2.25))
    );
    assert_eq!(arith(vm, "drem", "(DD)D", &[D(-7.5), D(2.0)]), D(-1.5));
    assert_eq!(arith(vm, "frem", "(FF)F", &[F(7.5), F(-2.0)]), F(1.5));
    let D(z) = arith(vm, "drem", "(DD)D", &[D(-0.0), D(1.0)]) else {
        panic!()
    };
    assert!(z == 0.0 && z.is_sign_negative());
    // Comparisons: <, >, ==, <=, >= bits; NaN makes every ordered comparison false.
    assert_eq!(arith(vm, "fcmp", "(FF)I", &[F(1.0), F(2.0)]), I(1 | 8));
    assert_eq!(arith(vm, "fcmp", "(FF)I", &[F(f32::NAN), F(2.0)]), I(0));
    assert_eq!(
        arith(vm, "fcmp", "(FF)I", &[F(0.0), F(-0.0)]),
        I(4 | 8 | 16)
    );
    assert_eq!(arith(vm, "dcmp", "(DD)I", &[D(3.0), D(2.0)]), I(2 | 16));
    assert_eq!(arith(vm, "dcmp", "(DD)I", &[D(1.0), D(f64::NAN)]), I(0));
    assert_eq!(arith(vm, "lcmp", "(JJ)I", &[L(-1), L(1)]), I(1 | 8));
    assert_eq!(arith(vm, "lcmp", "(JJ)I", &[L(5), L(5)]), I(4));
    assert_eq!(arith(vm, "icmp", "(II)I", &[I(5), I(5)]), I(4 | 16 | 32));
    assert_eq!(arith(vm, "icmp", "(II)I", &[I(4), I(5)]), I(1 | 8 | 16));
    assert_eq!(arith(vm, "zcmp", "(I)I", &[I(-3)]), I(1 | 8 | 16));
    assert_eq!(arith(vm, "zcmp", "(I)I", &[I(0)]), I(4 | 16 | 32));
    assert_eq!(arith(vm, "zcmp", "(I)I", &[I(9)]), I(2 | 8 | 32));
    assert_eq!(arith(vm, "nan", "()I", &[]), I(31));
}

#[test]
fn switches_wide_and_dups() {
    let vm = &mut vm();
    for (k, r) in [(0, -1), (1, 10), (3, 30), (4, 40), (5, -1), (i32::MIN, -1)] {
        assert_eq!(arith(vm, "tableswitch", "(I)I", &[I(k)]), I(r));
    }
    for (k, r) in [(-1000, 1), (0, 2), (1000000, 3), (7, 4)] {
        assert_eq!(arith(vm, "lookupswitch", "(I)I", &[I(k)]), I(r));
    }
    assert_eq!(
        arith(vm, "wide", "()I", &[]),
        I(1008 + 10 + 2 + 3 + 1 + 9 + 9 + 9 + 10 + 80)
    );
    let array = jfork_interp::Value::Reference(0);
    let _ = array;
    assert_eq!(arith(vm, "fieldDup", "()D", &[]), D(4.0 + 5.0));
}

#[test]
fn stack_forms_and_float_locals() {
    use jfork_interp::Value::{Double as D, Float as F};
    let vm = &mut vm();
    assert_eq!(call(vm, "Stack", "dupForms", "()J", &[]), L(7 + 7 + 3 + 4));
    assert_eq!(
        call(vm, "Stack", "fieldDups", "()J", &[]),
        L(9 + 9 + 4 + 4 + 10 + 5)
    );
    assert_eq!(call(vm, "Stack", "pops", "()I", &[]), I(1));
    assert_eq!(
        call(
            vm,
            "Stack",
            "floats",
            "(FFDD)D",
            &[F(1.5), F(2.0), D(3.0), D(4.0)]
        ),
        D(11.5)
    );
    assert_eq!(call(vm, "Stack", "floatLocals", "()D", &[]), D(6.0));
    assert_eq!(call(vm, "Stack", "floatLocals2", "(I)D", &[I(1)]), D(8.0));
    assert_eq!(
        call(vm, "Stack", "dstore3", "(III)D", &[I(2), I(0), I(0)]),
        D(6.0)
    );
}
