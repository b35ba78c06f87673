//! Type states (JVMS 4.10.1.3: locals, operand stack, flags) and the frames a
//! `StackMapTable` records (JVMS 4.7.4), expanded to one entry per slot.

use jfork_classfile::{ConstantPool, StackMapFrame, StackMapTable, VerificationType};

use super::types::{Hierarchy, VType};
use crate::error::LinkError;

/// The type state at one instruction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Frame {
    /// One entry per local variable slot, `max_locals` of them.
    pub(crate) locals: Vec<VType>,
    /// One entry per operand stack slot, bottom first.
    pub(crate) stack: Vec<VType>,
    /// `flagThisUninit`: `this` is not initialised yet in this `<init>`.
    pub(crate) this_uninit: bool,
}

/// Why a frame is not assignable to another, in HotSpot's words.
pub(crate) enum Mismatch {
    /// Local `index` differs.
    Local(usize),
    /// Stack slot `index` differs.
    Stack(usize),
    /// Stack heights differ.
    StackSize,
    /// Current flags are not a subset of the target's.
    Flags,
}

impl Mismatch {
    /// The "Reason:" text HotSpot gives.
    pub(crate) fn reason(&self, current: &Frame, target: &Frame) -> String {
        match self {
            Mismatch::Local(i) => format!(
                "Type {} (current frame, locals[{i}]) is not assignable to {} (stack map, locals[{i}])",
                current.locals[*i], target.locals[*i]
            ),
            Mismatch::Stack(i) => format!(
                "Type {} (current frame, stack[{i}]) is not assignable to {} (stack map, stack[{i}])",
                current.stack[*i], target.stack[*i]
            ),
            Mismatch::StackSize => "Current frame's stack size doesn't match stackmap.".to_owned(),
            Mismatch::Flags => {
                "Current frame's flags are not assignable to stack map frame's.".to_owned()
            }
        }
    }
}

impl Frame {
    /// JVMS 4.10.1.4 `frameIsAssignable`: every local and stack slot assignable, same stack
    /// height, flags a subset.
    pub(crate) fn assignable_to(
        &self,
        target: &Frame,
        hierarchy: &mut Hierarchy<'_>,
    ) -> Result<Option<Mismatch>, LinkError> {
        for (i, (a, b)) in self.locals.iter().zip(&target.locals).enumerate() {
            if !hierarchy.is_assignable(a, b)? {
                return Ok(Some(Mismatch::Local(i)));
            }
        }
        if self.stack.len() != target.stack.len() {
            return Ok(Some(Mismatch::StackSize));
        }
        for (i, (a, b)) in self.stack.iter().zip(&target.stack).enumerate() {
            if !hierarchy.is_assignable(a, b)? {
                return Ok(Some(Mismatch::Stack(i)));
            }
        }
        if self.this_uninit && !target.this_uninit {
            return Ok(Some(Mismatch::Flags));
        }
        Ok(None)
    }

    /// Replaces every occurrence of `from` (an uninitialised type) with `to`, as
    /// `invokespecial <init>` does.
    pub(crate) fn initialize(&mut self, from: &VType, to: &VType) {
        for t in self.locals.iter_mut().chain(self.stack.iter_mut()) {
            if t == from {
                *t = to.clone();
            }
        }
    }
}

/// The frames of a method's `StackMapTable`, each with its pc, in order.
pub(crate) fn stack_map_frames(
    table: Option<&StackMapTable<'_>>,
    pool: &ConstantPool<'_>,
    initial_locals: &[VType],
    max_locals: usize,
    max_stack: usize,
) -> Result<Vec<(u32, Frame)>, String> {
    let Some(table) = table else {
        return Ok(Vec::new());
    };
    let mut frames = Vec::with_capacity(table.len());
    // Locals as the table counts them: a long or double is one entry.
    let mut locals: Vec<VType> = initial_locals.to_vec();
    for frame in table.frames() {
        let (pc, frame) = frame.map_err(|e| format!("StackMapTable format error: {e}"))?;
        let convert = |t: VerificationType| -> Result<VType, String> {
            Ok(match t {
                VerificationType::Top => VType::Top,
                VerificationType::Integer => VType::Int,
                VerificationType::Float => VType::Float,
                VerificationType::Long => VType::Long,
                VerificationType::Double => VType::Double,
                VerificationType::Null => VType::Null,
                VerificationType::UninitializedThis => VType::UninitializedThis,
                VerificationType::Uninitialized(at) => VType::Uninitialized(at),
                VerificationType::Object(index) => VType::class(
                    pool.class_name(index)
                        .map_err(|e| format!("StackMapTable format error: {e}"))?,
                ),
            })
        };
        let mut stack = Vec::new();
        match frame {
            StackMapFrame::Same { .. } => {}
            StackMapFrame::SameLocals1StackItem { stack: item, .. } => stack.push(convert(item)?),
            StackMapFrame::Chop { k } => {
                let k = usize::from(k);
                if k > locals.len() {
                    return Err(format!(
                        "StackMapTable format error: chop_frame at {pc} removes {k} of {} locals",
                        locals.len()
                    ));
                }
                locals.truncate(locals.len() - k);
            }
            StackMapFrame::Append { locals: added } => {
                for t in added.iter() {
                    locals.push(convert(t)?);
                }
            }
            StackMapFrame::Full {
                locals: all,
                stack: items,
            } => {
                locals = all.iter().map(convert).collect::<Result<_, _>>()?;
                stack = items.iter().map(convert).collect::<Result<_, _>>()?;
            }
        }
        let local_slots = expand(&locals);
        if local_slots.len() > max_locals {
            return Err(format!(
                "StackMapTable format error: frame at {pc} has {} local slots, max_locals is {max_locals}",
                local_slots.len()
            ));
        }
        let stack = expand(&stack);
        if stack.len() > max_stack {
            return Err(format!(
                "StackMapTable format error: frame at {pc} has {} stack slots, max_stack is {max_stack}",
                stack.len()
            ));
        }
        let this_uninit = local_slots.contains(&VType::UninitializedThis);
        let mut local_slots = local_slots;
        local_slots.resize(max_locals, VType::Top);
        frames.push((
            pc,
            Frame {
                locals: local_slots,
                stack,
                this_uninit,
            },
        ));
    }
    Ok(frames)
}

/// One entry per slot: a long or double is followed by its second half.
pub(crate) fn expand(types: &[VType]) -> Vec<VType> {
    let mut out = Vec::with_capacity(types.len() + 2);
    for t in types {
        out.push(t.clone());
        if let Some(high) = t.high_half() {
            out.push(high);
        }
    }
    out
}
