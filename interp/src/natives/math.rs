//! `java.lang.StrictMath` natives.

use super::arg;
use crate::vm::Vm;

pub(crate) fn register(vm: &mut Vm) {
    macro_rules! unary {
        ($($name:literal => $f:expr;)*) => {
            $(
                vm.register_native("java/lang/StrictMath", $name, "(D)D", |_, a| {
                    let f: fn(f64) -> f64 = $f;
                    Ok(f(f64::from_bits(arg(a, 0))).to_bits())
                });
            )*
        };
    }
    unary! {
        "sin" => f64::sin; "cos" => f64::cos; "tan" => f64::tan; "asin" => f64::asin;
        "acos" => f64::acos; "atan" => f64::atan; "exp" => f64::exp; "log" => f64::ln;
        "log10" => f64::log10; "sqrt" => f64::sqrt; "cbrt" => f64::cbrt; "sinh" => f64::sinh;
        "cosh" => f64::cosh; "tanh" => f64::tanh; "expm1" => f64::exp_m1; "log1p" => f64::ln_1p;
    }
    vm.register_native("java/lang/StrictMath", "pow", "(DD)D", |_, a| {
        Ok(f64::from_bits(arg(a, 0))
            .powf(f64::from_bits(arg(a, 2)))
            .to_bits())
    });
    vm.register_native("java/lang/StrictMath", "atan2", "(DD)D", |_, a| {
        Ok(f64::from_bits(arg(a, 0))
            .atan2(f64::from_bits(arg(a, 2)))
            .to_bits())
    });
    vm.register_native("java/lang/StrictMath", "IEEEremainder", "(DD)D", |_, a| {
        let (x, y) = (f64::from_bits(arg(a, 0)), f64::from_bits(arg(a, 2)));
        // IEEE 754 remainder: x - y * round-half-even(x / y).
        let r = if y.is_infinite() && x.is_finite() {
            x
        } else {
            x - y * (x / y).round_ties_even()
        };
        Ok(r.to_bits())
    });
}
