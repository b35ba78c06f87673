//! `StringConcatFactory`: string concatenation by recipe (JDK 9+ `javac` output).
//!
//! `\u{1}` in the recipe takes the next argument, `\u{2}` the next constant, anything else is
//! literal text. Arguments become text as `String.valueOf` makes them: integers, chars and
//! booleans here (the same digits), floats, doubles and objects by calling the JDK's own
//! `String.valueOf` (so `Double.toString`'s rules and `toString()` overrides apply).

use super::StaticArg;
use crate::natives::split_descriptor;
use crate::vm::{Thrown, Vm};

/// One piece of a concatenation.
pub(crate) enum Piece {
    Text(Vec<u16>),
    /// An argument: its first slot (relative to the arguments' base) and descriptor char.
    Arg {
        slot: u16,
        kind: u8,
    },
}

/// A linked concatenation: the pieces in order.
pub(crate) struct Recipe {
    pieces: Vec<Piece>,
}

impl Vm {
    /// Builds the recipe of a `makeConcatWithConstants` (`with_constants`) or `makeConcat`
    /// site with call site type `descriptor`.
    pub(super) fn concat_recipe(
        &mut self,
        descriptor: &str,
        args: &[StaticArg],
        with_constants: bool,
    ) -> Result<Recipe, Thrown> {
        let (params, _) = split_descriptor(descriptor);
        let mut slots = Vec::with_capacity(params.len());
        let mut at = 0u16;
        for p in &params {
            let kind = p.as_bytes()[0];
            slots.push((at, kind));
            at += if kind == b'J' || kind == b'D' { 2 } else { 1 };
        }
        let mut pieces = Vec::new();
        if !with_constants {
            for &(slot, kind) in &slots {
                pieces.push(Piece::Arg { slot, kind });
            }
            return Ok(Recipe { pieces });
        }
        let recipe = match args.first() {
            Some(StaticArg::String(r)) => r.clone(),
            _ => {
                return Err(self.throw_new(
                    "java/lang/invoke/StringConcatException",
                    Some("recipe is not a string".into()),
                ));
            }
        };
        let mut constants = args[1..].iter();
        let mut next_arg = slots.iter();
        let mut text: Vec<u16> = Vec::new();
        for unit in recipe.encode_utf16() {
            match unit {
                1 => {
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    let Some(&(slot, kind)) = next_arg.next() else {
                        return Err(self.throw_new(
                            "java/lang/invoke/StringConcatException",
                            Some(format!("Mismatched number of concat arguments: recipe wants more arguments than {}", slots.len())),
                        ));
                    };
                    pieces.push(Piece::Arg { slot, kind });
                }
                2 => match constants.next() {
                    Some(StaticArg::String(s)) => text.extend(s.encode_utf16()),
                    Some(StaticArg::Int(v)) => text.extend(v.to_string().encode_utf16()),
                    Some(StaticArg::Long(v)) => text.extend(v.to_string().encode_utf16()),
                    Some(StaticArg::Float(v)) => {
                        let units = self.value_of(u64::from(v.to_bits()), b'F')?;
                        text.extend(units);
                    }
                    Some(StaticArg::Double(v)) => {
                        let units = self.value_of(v.to_bits(), b'D')?;
                        text.extend(units);
                    }
                    Some(other) => {
                        let s = format!("{other:?}");
                        text.extend(s.encode_utf16());
                    }
                    None => {
                        return Err(self.throw_new(
                            "java/lang/invoke/StringConcatException",
                            Some("Mismatched number of concat constants".into()),
                        ));
                    }
                },
                u => text.push(u),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(Recipe { pieces })
    }

    /// Runs concatenation site `site` over the arguments at `base`.
    pub(super) fn run_concat(&mut self, site: u32, base: usize) -> Result<u64, Thrown> {
        let mut out: Vec<u16> = Vec::new();
        let count = match &self.call_sites[site as usize] {
            super::CallSite::Concat(r) => r.pieces.len(),
            _ => 0,
        };
        for i in 0..count {
            let (slot, kind) = match &self.call_sites[site as usize] {
                super::CallSite::Concat(r) => match &r.pieces[i] {
                    Piece::Text(t) => {
                        out.extend_from_slice(t);
                        continue;
                    }
                    Piece::Arg { slot, kind } => (*slot, *kind),
                },
                _ => continue,
            };
            let value = self.thread.stack[base + usize::from(slot)];
            let text = self.value_of(value, kind)?;
            out.extend(text);
        }
        self.string_from_units(&out)
    }
}
