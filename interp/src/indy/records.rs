//! `java.lang.runtime.ObjectMethods.bootstrap`: a record's `toString`, `equals` and
//! `hashCode`, with the JDK's observable results:
//! - `toString`: `SimpleName[a=1, b=x]`, each component as `String.valueOf` makes it;
//! - `equals`: same class, then each component from the last to the first: `==` for integral types and booleans,
//!   `Float.compare`/`Double.compare == 0`, `Objects.equals` for references;
//! - `hashCode`: `31 * h + hash(c)` over the components from 0, with the wrappers'
//!   `hashCode(x)` for primitives and `Objects.hashCode` for references.

use jfork_resolver::Resolved;

use super::{CallSite, StaticArg};
use crate::vm::{Thrown, Vm};

/// Which method, and the record's components: (name, descriptor char, field offset).
pub(crate) struct RecordMethod {
    which: Which,
    record: u32,
    components: Vec<(String, u8, u32)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    ToString,
    Equals,
    HashCode,
}

impl Vm {
    pub(super) fn record_method(
        &mut self,
        name: &str,
        _descriptor: &str,
        args: &[StaticArg],
    ) -> Result<RecordMethod, Thrown> {
        let which = match name {
            "toString" => Which::ToString,
            "equals" => Which::Equals,
            "hashCode" => Which::HashCode,
            other => {
                return Err(
                    self.throw_new("java/lang/IllegalArgumentException", Some(other.to_owned()))
                );
            }
        };
        let (Some(StaticArg::Class(record)), Some(StaticArg::String(names))) =
            (args.first(), args.get(1))
        else {
            return Err(self.throw_new("java/lang/IllegalArgumentException", None));
        };
        let record = self.register_class(record);
        let names: Vec<&str> = if names.is_empty() {
            Vec::new()
        } else {
            names.split(';').collect()
        };
        let mut components = Vec::new();
        for (i, arg) in args[2..].iter().enumerate() {
            if let StaticArg::MethodHandle {
                member: Resolved::Field(rf),
                ..
            } = arg
            {
                let f = rf.field();
                let label = names
                    .get(i)
                    .map_or_else(|| f.name.to_string(), |s| s.to_string());
                components.push((label, f.descriptor.as_bytes()[0], f.offset));
            }
        }
        Ok(RecordMethod {
            which,
            record,
            components,
        })
    }

    pub(super) fn run_record_method(&mut self, site: u32, base: usize) -> Result<u64, Thrown> {
        let CallSite::Record(rm) = &self.call_sites[site as usize] else {
            return Ok(0);
        };
        let (which, record, components) = (rm.which, rm.record, rm.components.clone());
        let this = self.non_null(self.thread.stack[base])?;
        match which {
            Which::ToString => {
                let mirror = self.mirror(record)?;
                let simple =
                    self.call_virtual(mirror, "getSimpleName", "()Ljava/lang/String;", &[])?;
                let mut out: Vec<u16> = self.string_units(simple).unwrap_or_default();
                out.push(u16::from(b'['));
                for (i, (label, kind, offset)) in components.iter().enumerate() {
                    if i > 0 {
                        out.extend(", ".encode_utf16());
                    }
                    out.extend(label.encode_utf16());
                    out.push(u16::from(b'='));
                    let v = crate::interp::load_kind(*kind, this + u64::from(*offset));
                    let text = if *kind == b'L' || *kind == b'[' {
                        // The JDK's record toString goes through Objects.toString (a frame
                        // stack traces show).
                        let s = self.call_static(
                            "java/util/Objects",
                            "toString",
                            "(Ljava/lang/Object;)Ljava/lang/String;",
                            &[v],
                        )?;
                        self.string_units(s)
                            .unwrap_or_else(|| "null".encode_utf16().collect())
                    } else {
                        self.value_of(v, *kind)?
                    };
                    out.extend(text);
                }
                out.push(u16::from(b']'));
                self.string_from_units(&out)
            }
            Which::Equals => {
                let other = self.thread.stack[base + 1];
                if other == 0 || self.class_of(other) != self.class_of(this) {
                    return Ok(0);
                }
                // The JDK nests one guardWithTest per component around the previous ones:
                // the last component is compared first.
                for (_, kind, offset) in components.iter().rev() {
                    let a = crate::interp::load_kind(*kind, this + u64::from(*offset));
                    let b = crate::interp::load_kind(*kind, other + u64::from(*offset));
                    let same = match kind {
                        b'F' => {
                            f32::from_bits(a as u32)
                                .total_cmp(&f32::from_bits(b as u32))
                                .is_eq()
                                || (f32::from_bits(a as u32).is_nan()
                                    && f32::from_bits(b as u32).is_nan())
                        }
                        b'D' => {
                            f64::from_bits(a).total_cmp(&f64::from_bits(b)).is_eq()
                                || (f64::from_bits(a).is_nan() && f64::from_bits(b).is_nan())
                        }
                        b'L' | b'[' => {
                            self.call_static(
                                "java/util/Objects",
                                "equals",
                                "(Ljava/lang/Object;Ljava/lang/Object;)Z",
                                &[a, b],
                            )? as u32
                                != 0
                        }
                        _ => a == b,
                    };
                    if !same {
                        return Ok(0);
                    }
                }
                Ok(1)
            }
            Which::HashCode => {
                let mut h: i32 = 0;
                for (_, kind, offset) in &components {
                    let v = crate::interp::load_kind(*kind, this + u64::from(*offset));
                    let c: i32 = match kind {
                        b'I' | b'S' | b'B' | b'C' => v as u32 as i32,
                        b'Z' => {
                            if v as u32 != 0 {
                                1231
                            } else {
                                1237
                            }
                        }
                        b'J' => ((v ^ (v >> 32)) as u32) as i32,
                        b'F' => {
                            let f = f32::from_bits(v as u32);
                            // Float.hashCode = floatToIntBits (NaN canonical).
                            if f.is_nan() {
                                0x7fc0_0000
                            } else {
                                v as u32 as i32
                            }
                        }
                        b'D' => {
                            let d = f64::from_bits(v);
                            let bits = if d.is_nan() { 0x7ff8_0000_0000_0000 } else { v };
                            ((bits ^ (bits >> 32)) as u32) as i32
                        }
                        _ => self.call_static(
                            "java/util/Objects",
                            "hashCode",
                            "(Ljava/lang/Object;)I",
                            &[v],
                        )? as u32 as i32,
                    };
                    h = h.wrapping_mul(31).wrapping_add(c);
                }
                Ok(u64::from(h as u32))
            }
        }
    }

    /// `String.valueOf` of a value of descriptor char `kind`, as UTF-16 units.
    pub(crate) fn value_of(&mut self, v: u64, kind: u8) -> Result<Vec<u16>, Thrown> {
        Ok(match kind {
            b'I' | b'B' | b'S' => (v as u32 as i32).to_string().encode_utf16().collect(),
            b'J' => (v as i64).to_string().encode_utf16().collect(),
            b'C' => vec![v as u16],
            b'Z' => (if v as u32 != 0 { "true" } else { "false" })
                .encode_utf16()
                .collect(),
            _ => {
                let descriptor = match kind {
                    b'F' => "(F)Ljava/lang/String;",
                    b'D' => "(D)Ljava/lang/String;",
                    _ => "(Ljava/lang/Object;)Ljava/lang/String;",
                };
                let string = if (kind == b'L' || kind == b'[')
                    && v != 0
                    && self.class_of(v) == self.wk.string
                {
                    v
                } else {
                    let args: &[u64] = if kind == b'D' { &[v, 0] } else { &[v] };
                    self.call_static("java/lang/String", "valueOf", descriptor, args)?
                };
                self.string_units(string)
                    .unwrap_or_else(|| "null".encode_utf16().collect())
            }
        })
    }
}
