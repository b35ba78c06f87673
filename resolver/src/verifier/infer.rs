//! Type inference for class files older than version 50 (JVMS 4.10.2): no `StackMapTable`,
//! so the type state at each instruction is computed by data flow, merging the states that
//! reach a join point, until nothing changes. The instruction rules are the type checker's.
//!
//! Subroutines (`jsr`/`ret`) are analysed once for all their callers: `jsr` pushes a
//! `returnAddress` naming the subroutine and jumps; `ret` sends the subroutine's final state
//! to the instruction after every `jsr` to it. Merging the callers' states is less precise
//! than HotSpot's per-caller analysis (a local a caller keeps across the call and another
//! caller uses differently becomes unusable) but never admits a wrong type.

use super::frame::Frame;
use super::types::{Hierarchy, VType, array_of, element_class};
use crate::error::LinkError;

/// The states inferred so far, by pc, and the pcs whose state changed.
#[derive(Default)]
pub(crate) struct Inference {
    pub(crate) states: Vec<Option<Frame>>,
    pub(crate) pending: Vec<u32>,
    queued: Vec<bool>,
    /// (subroutine pc, pc after the `jsr`) for every `jsr` seen.
    pub(crate) calls: Vec<(u32, u32)>,
    /// The state at the subroutine's `ret`, merged, by subroutine pc.
    pub(crate) returns: Vec<(u32, Frame)>,
}

/// Why two states cannot be merged, in the words of HotSpot's old verifier.
pub(crate) enum MergeError {
    /// A class needed for the merge could not be loaded.
    Link(LinkError),
    /// The operand stacks have different heights.
    StackHeight(usize, usize),
    /// Two stack entries have no common type.
    StackTypes,
}

impl From<LinkError> for MergeError {
    fn from(e: LinkError) -> MergeError {
        MergeError::Link(e)
    }
}

impl Inference {
    /// Room for a method of `code_len` bytes.
    pub(crate) fn new(code_len: usize) -> Inference {
        Inference {
            states: vec![None; code_len],
            pending: Vec::new(),
            queued: vec![false; code_len],
            calls: Vec::new(),
            returns: Vec::new(),
        }
    }

    /// The next pc to (re)visit.
    pub(crate) fn next(&mut self) -> Option<u32> {
        let pc = self.pending.pop()?;
        self.queued[pc as usize] = false;
        Some(pc)
    }

    /// Merges `incoming` into the state at `pc` and queues `pc` if that state changed.
    pub(crate) fn merge(
        &mut self,
        pc: u32,
        incoming: &Frame,
        hierarchy: &mut Hierarchy<'_>,
    ) -> Result<(), MergeError> {
        let slot = &mut self.states[pc as usize];
        let changed = match slot {
            None => {
                *slot = Some(incoming.clone());
                true
            }
            Some(old) => {
                let merged = merge_frames(old, incoming, hierarchy)?;
                let changed = merged != *old;
                *old = merged;
                changed
            }
        };
        if changed && !self.queued[pc as usize] {
            self.queued[pc as usize] = true;
            self.pending.push(pc);
        }
        Ok(())
    }
}

pub(crate) fn merge_frames(
    a: &Frame,
    b: &Frame,
    hierarchy: &mut Hierarchy<'_>,
) -> Result<Frame, MergeError> {
    if a.stack.len() != b.stack.len() {
        return Err(MergeError::StackHeight(a.stack.len(), b.stack.len()));
    }
    let mut stack = Vec::with_capacity(a.stack.len());
    for (x, y) in a.stack.iter().zip(&b.stack) {
        let t = merge_types(x, y, hierarchy)?;
        if t == VType::Top {
            return Err(MergeError::StackTypes);
        }
        stack.push(t);
    }
    let mut locals = Vec::with_capacity(a.locals.len());
    for (x, y) in a.locals.iter().zip(&b.locals) {
        locals.push(merge_types(x, y, hierarchy)?);
    }
    Ok(Frame {
        locals,
        stack,
        this_uninit: a.this_uninit || b.this_uninit,
    })
}

/// The least type both values have; `top` when there is none.
fn merge_types(a: &VType, b: &VType, hierarchy: &mut Hierarchy<'_>) -> Result<VType, LinkError> {
    Ok(match (a, b) {
        _ if a == b => a.clone(),
        (VType::Null, VType::Reference(_)) => b.clone(),
        (VType::Reference(_), VType::Null) => a.clone(),
        (VType::Reference(x), VType::Reference(y)) => {
            VType::class(&common_supertype(x, y, hierarchy)?)
        }
        _ => VType::Top,
    })
}

/// The first common superclass, interfaces counting as `Object`; arrays of references merge
/// component-wise, other arrays to `Object`.
fn common_supertype(x: &str, y: &str, hierarchy: &mut Hierarchy<'_>) -> Result<String, LinkError> {
    const OBJECT: &str = "java/lang/Object";
    if x == y {
        return Ok(x.to_owned());
    }
    match (x.strip_prefix('['), y.strip_prefix('[')) {
        (Some(cx), Some(cy)) => {
            return Ok(match (element_class(cx), element_class(cy)) {
                (Some(ex), Some(ey)) => array_of(&common_supertype(ex, ey, hierarchy)?),
                _ => OBJECT.to_owned(),
            });
        }
        (None, None) => {}
        _ => return Ok(OBJECT.to_owned()),
    }
    let a = hierarchy.class(x)?;
    let b = hierarchy.class(y)?;
    if a.is_interface() || b.is_interface() {
        return Ok(OBJECT.to_owned());
    }
    let mut c = Some(&a);
    while let Some(k) = c {
        if b.is_subclass_of(k) {
            return Ok(k.name.to_string());
        }
        c = k.super_class.as_ref();
    }
    Ok(OBJECT.to_owned())
}

/// HotSpot's old verifier's words for a type checker headline (as far as they
/// correspond), given the instruction and the reason.
pub(crate) fn old_verifier_text(headline: &str, reason: Option<&str>, mnemonic: &str) -> String {
    let expected = reason
        .and_then(|r| r.rsplit_once(" is not assignable to "))
        .map(|(_, e)| e);
    match headline {
        "Operand stack underflow" => "Unable to pop operand off an empty stack".to_owned(),
        "Operand stack overflow" => "Stack size too large".to_owned(),
        "Control flow falls through code end" => "Falling off the end of the code".to_owned(),
        "Constructor must call super() or this() before return" => {
            "Constructor must call super() or this()".to_owned()
        }
        "Bad return type" => "Wrong return type in function".to_owned(),
        "Method expects a return value" | "Method does not expect a return value" => {
            "Wrong return type in function".to_owned()
        }
        "Bad local variable type" => {
            let register = reason
                .and_then(|r| r.split_once("locals["))
                .and_then(|(_, rest)| rest.split_once(']'))
                .map_or("?", |(n, _)| n);
            if reason.is_some_and(|r| r.starts_with("Type returnAddress ")) {
                format!("Cannot load return address from register {register}")
            } else if reason.is_some_and(|r| r.starts_with("Type top ")) {
                format!("Accessing value from uninitialized register {register}")
            } else {
                format!("Register {register} contains wrong type")
            }
        }
        "Bad type on operand stack" if mnemonic == "athrow" => {
            "Can only throw Throwable objects".to_owned()
        }
        "Bad type on operand stack" => match expected {
            Some(t @ ("integer" | "long" | "float" | "double")) => {
                format!("Expecting to find {t} on stack")
            }
            _ => "Expecting to find object/array on stack".to_owned(),
        },
        other => other.to_owned(),
    }
}
