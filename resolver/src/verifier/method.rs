//! Type checking of one method's code against its `StackMapTable` (JVMS 4.10.1.6): a
//! single pass in code order, each instruction's rule (JVMS 4.10.1.9) applied to the
//! current type state, branch targets and exception handlers checked against the recorded
//! frames.

use jfork_classfile::{Code, ConstantPool, Method as ClassMethod};

use super::frame::{Frame, expand, stack_map_frames};
use super::infer::{Inference, MergeError, merge_frames, old_verifier_text};
use super::report::{Details, Location, verify_error};
use super::rules::is_local_store;
use super::types::{Hierarchy, VType};
use crate::class::LinkedClass;
use crate::classdecl::ACC_STATIC;
use crate::error::LinkError;

/// A handler of the exception table with its catch type.
struct Handler {
    start: u32,
    end: u32,
    handler: u32,
    catch: VType,
}

/// The verification of one method.
pub(crate) struct MethodVerifier<'m, 'h> {
    pub(crate) class: &'m LinkedClass,
    pub(crate) pool: &'m ConstantPool<'static>,
    pub(crate) method: &'m ClassMethod<'static>,
    pub(crate) code: &'m Code<'static>,
    pub(crate) hierarchy: &'m mut Hierarchy<'h>,
    pub(super) frame: Frame,
    /// The state before the current instruction, for error details.
    pub(super) entry: Frame,
    pub(super) maps: Vec<(u32, Frame)>,
    pub(super) max_stack: usize,
    pub(super) pc: u32,
    pub(super) mnemonic: &'static str,
    /// The method's return type; `None` for `void`.
    pub(super) return_type: Option<VType>,
    pub(super) this_type: VType,
    /// Set for class files older than version 50: states are inferred, not checked.
    pub(super) inference: Option<Inference>,
}

pub(super) type Result<T> = std::result::Result<T, LinkError>;

impl<'m, 'h> MethodVerifier<'m, 'h> {
    /// A verifier for `method`'s `code` in `class`.
    pub(crate) fn new(
        class: &'m LinkedClass,
        pool: &'m ConstantPool<'static>,
        method: &'m ClassMethod<'static>,
        code: &'m Code<'static>,
        hierarchy: &'m mut Hierarchy<'h>,
    ) -> MethodVerifier<'m, 'h> {
        let this_type = VType::class(&class.name);
        let descriptor = method.descriptor.as_str();
        let return_type = descriptor
            .rfind(')')
            .map(|i| &descriptor[i + 1..])
            .filter(|r| *r != "V")
            .map(VType::of_descriptor);
        let empty = Frame {
            locals: Vec::new(),
            stack: Vec::new(),
            this_uninit: false,
        };
        MethodVerifier {
            class,
            pool,
            method,
            code,
            hierarchy,
            frame: empty.clone(),
            entry: empty,
            maps: Vec::new(),
            max_stack: usize::from(code.max_stack),
            pc: 0,
            mnemonic: "",
            return_type,
            this_type,
            inference: None,
        }
    }

    /// A `VerifyError` at the current instruction, showing the state it started with.
    pub(super) fn error(&self, headline: &str, reason: Option<String>) -> LinkError {
        self.error_at(
            headline,
            reason.as_deref(),
            Some((self.pc, &self.entry)),
            None,
        )
    }

    /// A `VerifyError` located at the current instruction with the given frames.
    pub(super) fn error_at(
        &self,
        headline: &str,
        reason: Option<&str>,
        current: Option<(u32, &Frame)>,
        stack_map: Option<(u32, &Frame)>,
    ) -> LinkError {
        if self.inference.is_some() {
            // HotSpot's old verifier: one line, no details.
            return LinkError::new(
                crate::error::LinkErrorKind::VerifyError,
                format!(
                    "(class: {}, method: {} signature: {}) {}",
                    self.class.name,
                    self.method.name,
                    self.method.descriptor.as_str(),
                    old_verifier_text(headline, reason, self.mnemonic)
                ),
            );
        }
        verify_error(
            headline,
            &Location {
                class: &self.class.name,
                method: &self.method.name,
                descriptor: self.method.descriptor.as_str(),
                pc: self.pc,
                mnemonic: self.mnemonic,
            },
            &Details {
                reason,
                current,
                stack_map,
                bytecode: self.code.bytecode,
            },
        )
    }

    /// Moves the error location to `pc` (HotSpot reports frame mismatches at the target).
    pub(super) fn locate(&mut self, pc: u32) {
        self.pc = pc;
        self.mnemonic = jfork_classfile::decode(self.code.bytecode, pc as usize)
            .map_or("", |(insn, _)| insn.mnemonic());
    }

    /// JVMS 4.10.1.6 `methodInitialStackFrame`, in table entries (a long counts once).
    fn initial_locals(&self) -> Vec<VType> {
        let mut locals = Vec::new();
        if self.method.access_flags & ACC_STATIC == 0 {
            if self.method.name == "<init>" && self.class.name != "java/lang/Object" {
                locals.push(VType::UninitializedThis);
            } else {
                locals.push(self.this_type.clone());
            }
        }
        for p in parameter_descriptors(self.method.descriptor.as_str()) {
            locals.push(VType::of_descriptor(p));
        }
        locals
    }

    /// The state at pc 0.
    fn initial_frame(&self, initial: &[VType]) -> Result<Frame> {
        let max_locals = usize::from(self.code.max_locals);
        let mut locals = expand(initial);
        if locals.len() > max_locals {
            return Err(self.error("Too many arguments in method signature", None));
        }
        locals.resize(max_locals, VType::Top);
        Ok(Frame {
            this_uninit: locals.contains(&VType::UninitializedThis),
            locals,
            stack: Vec::new(),
        })
    }

    /// JVMS 4.10.2 for class files older than version 50: infers the state at every
    /// instruction by data flow, applying the same instruction rules.
    pub(crate) fn infer(mut self) -> Result<()> {
        let initial = self.initial_locals();
        self.frame = self.initial_frame(&initial)?;
        let handlers = self.handlers()?;
        let code = self.code.bytecode;
        let mut inference = Inference::new(code.len());
        let start = self.frame.clone();
        inference
            .merge(0, &start, self.hierarchy)
            .map_err(|e| self.merge_error(e))?;
        self.inference = Some(inference);
        while let Some(pc) = self.inference.as_mut().and_then(Inference::next) {
            let state = self
                .inference
                .as_ref()
                .and_then(|i| i.states[pc as usize].clone());
            let Some(state) = state else { continue };
            self.frame = state;
            self.pc = pc;
            let (insn, next) = jfork_classfile::decode(code, pc as usize)
                .map_err(|e| self.error(&format!("Bad instruction: {e}"), None))?;
            self.mnemonic = insn.mnemonic();
            self.entry.clone_from(&self.frame);
            self.check_handlers(&handlers)?;
            let ends = self.execute(&insn)?;
            if is_local_store(&insn) {
                self.check_handlers(&handlers)?;
            }
            if !ends {
                if next >= code.len() {
                    self.pc = code.len() as u32;
                    return Err(self.error_at(
                        "Control flow falls through code end",
                        None,
                        None,
                        None,
                    ));
                }
                self.flow_to(next as u32)?;
            }
        }
        Ok(())
    }

    /// Inference: `jsr` pushes the return address and enters the subroutine at `target`;
    /// `next` gets the subroutine's state at its `ret`, now or once it is known.
    pub(super) fn jsr(&mut self, target: u32, next: u32) -> Result<()> {
        self.push(VType::ReturnAddress(target as u16))?;
        self.flow_to(target)?;
        let Some(inference) = self.inference.as_mut() else {
            return Ok(());
        };
        if !inference.calls.contains(&(target, next)) {
            inference.calls.push((target, next));
        }
        let returned = inference
            .returns
            .iter()
            .find(|(sub, _)| *sub == target)
            .map(|(_, f)| f.clone());
        match returned {
            Some(state) => self.flow_state_to(next, &state),
            None => Ok(()),
        }
    }

    /// Inference: `ret` through local `index`, which must hold a return address; the state
    /// goes to the instruction after every `jsr` to that subroutine.
    pub(super) fn ret(&mut self, index: u16) -> Result<()> {
        let i = usize::from(index);
        self.local_bounds(i, 1)?;
        let VType::ReturnAddress(sub) = self.frame.locals[i] else {
            return Err(self.bad_local(i, &VType::ReturnAddress(0)));
        };
        let sub = u32::from(sub);
        let Some(inference) = self.inference.as_mut() else {
            return Ok(());
        };
        let merged = match inference.returns.iter().position(|(s, _)| *s == sub) {
            None => {
                inference.returns.push((sub, self.frame.clone()));
                self.frame.clone()
            }
            Some(k) => {
                let old = inference.returns[k].1.clone();
                let merged = merge_frames(&old, &self.frame, self.hierarchy)
                    .map_err(|e| self.merge_error(e))?;
                if merged == old {
                    // Nothing new for the callers.
                    return Ok(());
                }
                if let Some(inference) = self.inference.as_mut() {
                    inference.returns[k].1 = merged.clone();
                }
                merged
            }
        };
        let nexts: Vec<u32> = self
            .inference
            .as_ref()
            .map(|i| {
                i.calls
                    .iter()
                    .filter(|(s, _)| *s == sub)
                    .map(|(_, n)| *n)
                    .collect()
            })
            .unwrap_or_default();
        for next in nexts {
            self.flow_state_to(next, &merged)?;
        }
        Ok(())
    }

    /// Inference: `state` reaches `pc`.
    fn flow_state_to(&mut self, pc: u32, state: &Frame) -> Result<()> {
        if pc as usize >= self.code.bytecode.len() {
            return Err(self.error_at("Illegal target of jump or branch", None, None, None));
        }
        let merged = match self.inference.as_mut() {
            Some(inference) => inference.merge(pc, state, self.hierarchy),
            None => Ok(()),
        };
        merged.map_err(|e| self.merge_error(e))
    }

    /// Inference: the current state reaches `pc`.
    fn flow_to(&mut self, pc: u32) -> Result<()> {
        if pc as usize >= self.code.bytecode.len() {
            return Err(self.error_at("Illegal target of jump or branch", None, None, None));
        }
        let merged = match self.inference.as_mut() {
            Some(inference) => inference.merge(pc, &self.frame, self.hierarchy),
            None => Ok(()),
        };
        merged.map_err(|e| self.merge_error(e))
    }

    fn merge_error(&self, e: MergeError) -> LinkError {
        match e {
            MergeError::Link(e) => e,
            MergeError::StackHeight(a, b) => self.error_at(
                &format!("Inconsistent stack height {a} != {b}"),
                None,
                None,
                None,
            ),
            MergeError::StackTypes => self.error_at("Mismatched stack types", None, None, None),
        }
    }

    /// Type checks the whole method.
    pub(crate) fn verify(mut self) -> Result<()> {
        let max_locals = usize::from(self.code.max_locals);
        let initial = self.initial_locals();
        self.frame = self.initial_frame(&initial)?;
        self.maps = stack_map_frames(
            self.code.stack_map_table.as_ref(),
            self.pool,
            &initial,
            max_locals,
            self.max_stack,
        )
        .map_err(|m| self.error(&m, None))?;
        let handlers = self.handlers()?;
        let mut next_map = 0;
        let mut no_control_flow = false;
        for item in self.code.instructions() {
            let (pc, insn) =
                item.map_err(|e| self.error(&format!("Bad instruction: {e}"), None))?;
            self.pc = pc;
            self.mnemonic = insn.mnemonic();
            match self.maps.get(next_map) {
                Some((map_pc, map)) if *map_pc == pc => {
                    if !no_control_flow {
                        self.entry.clone_from(&self.frame);
                        if let Some(m) = self.frame.assignable_to(map, self.hierarchy)? {
                            let reason = m.reason(&self.frame, map);
                            return Err(self.error_at(
                                "Instruction type does not match stack map",
                                Some(&reason),
                                Some((pc, &self.frame)),
                                Some((pc, map)),
                            ));
                        }
                    }
                    self.frame = map.clone();
                    next_map += 1;
                }
                Some((map_pc, _)) if *map_pc < pc => {
                    let headline = format!("Bad stack map offset {map_pc}");
                    return Err(self.error(&headline, None));
                }
                _ if no_control_flow => {
                    return Err(self.error_at(
                        "Expecting a stack map frame",
                        Some("Expected stackmap frame at this location."),
                        None,
                        None,
                    ));
                }
                _ => {}
            }
            self.entry.clone_from(&self.frame);
            self.check_handlers(&handlers)?;
            no_control_flow = self.execute(&insn)?;
            if is_local_store(&insn) {
                // The handlers also see the locals as the store left them (as HotSpot).
                self.check_handlers(&handlers)?;
            }
        }
        if !no_control_flow {
            self.pc = self.code.bytecode.len() as u32;
            self.mnemonic = "<invalid>";
            return Err(self.error_at("Control flow falls through code end", None, None, None));
        }
        if let Some((map_pc, _)) = self.maps.get(next_map) {
            let headline = format!("Bad stack map offset {map_pc}");
            return Err(self.error(&headline, None));
        }
        Ok(())
    }

    /// The exception table with catch types checked to be `Throwable`s.
    fn handlers(&mut self) -> Result<Vec<Handler>> {
        let mut out = Vec::with_capacity(self.code.exception_table.len());
        for h in self.code.exception_table.iter() {
            let catch = if h.catch_type == 0 {
                VType::class("java/lang/Throwable")
            } else {
                let name = self
                    .pool
                    .class_name(h.catch_type)
                    .map_err(|e| self.error(&format!("Bad catch type: {e}"), None))?;
                VType::class(name)
            };
            let throwable = VType::class("java/lang/Throwable");
            if !self.hierarchy.is_assignable(&catch, &throwable)? {
                self.locate(u32::from(h.handler_pc));
                let headline = format!(
                    "Catch type is not a subclass of Throwable in exception handler {}",
                    h.handler_pc
                );
                let reason = format!(
                    "Type {catch} (constant pool {}) is not assignable to {throwable}",
                    h.catch_type
                );
                return Err(self.error_at(&headline, Some(&reason), None, None));
            }
            out.push(Handler {
                start: u32::from(h.start_pc),
                end: u32::from(h.end_pc),
                handler: u32::from(h.handler_pc),
                catch,
            });
        }
        Ok(out)
    }

    /// JVMS 4.10.1.6 `instructionSatisfiesHandlers`: each handler covering this pc accepts
    /// the current locals with the caught exception on the stack.
    fn check_handlers(&mut self, handlers: &[Handler]) -> Result<()> {
        for h in handlers {
            if self.pc < h.start || self.pc >= h.end {
                continue;
            }
            if self.inference.is_some() {
                let saved = std::mem::replace(&mut self.frame.stack, vec![h.catch.clone()]);
                let flowed = self.flow_to(h.handler);
                self.frame.stack = saved;
                flowed?;
                continue;
            }
            let Some(i) = self.map_index(h.handler) else {
                let headline = format!("Expecting a stackmap frame at branch target {}", h.handler);
                return Err(self.error(&headline, None));
            };
            let exception_frame = Frame {
                locals: self.frame.locals.clone(),
                stack: vec![h.catch.clone()],
                this_uninit: self.frame.this_uninit,
            };
            if let Some(m) = exception_frame.assignable_to(&self.maps[i].1, self.hierarchy)? {
                let target = self.maps[i].1.clone();
                let headline = format!(
                    "Stack map does not match the one at exception handler {}",
                    h.handler
                );
                let reason = m.reason(&exception_frame, &target);
                self.locate(h.handler);
                return Err(self.error_at(
                    &headline,
                    Some(&reason),
                    Some((h.handler, &exception_frame)),
                    Some((h.handler, &target)),
                ));
            }
        }
        Ok(())
    }

    fn map_index(&self, pc: u32) -> Option<usize> {
        self.maps.binary_search_by_key(&pc, |(p, _)| *p).ok()
    }

    /// A jump to `target`: the current state must be assignable to the frame recorded there.
    pub(super) fn branch(&mut self, target: u32) -> Result<()> {
        if self.inference.is_some() {
            return self.flow_to(target);
        }
        let Some(i) = self.map_index(target) else {
            let headline = format!("Expecting a stackmap frame at branch target {target}");
            let reason = "Expected stackmap frame at this location.";
            return Err(self.error_at(&headline, Some(reason), None, None));
        };
        if let Some(m) = self.frame.assignable_to(&self.maps[i].1, self.hierarchy)? {
            let map = self.maps[i].1.clone();
            let headline = format!("Inconsistent stackmap frames at branch target {target}");
            let reason = m.reason(&self.frame, &map);
            let (pc, current) = (self.pc, self.frame.clone());
            self.locate(target);
            return Err(self.error_at(
                &headline,
                Some(&reason),
                Some((pc, &current)),
                Some((target, &map)),
            ));
        }
        Ok(())
    }

    // ---- operand stack ----

    pub(super) fn push(&mut self, t: VType) -> Result<()> {
        let high = t.high_half();
        let needed = if high.is_some() { 2 } else { 1 };
        if self.frame.stack.len() + needed > self.max_stack {
            return Err(self.error(
                "Operand stack overflow",
                Some("Exceeded max stack size.".to_owned()),
            ));
        }
        self.frame.stack.push(t);
        if let Some(h) = high {
            self.frame.stack.push(h);
        }
        Ok(())
    }

    pub(super) fn underflow(&self) -> LinkError {
        self.error(
            "Operand stack underflow",
            Some("Attempt to pop empty stack.".to_owned()),
        )
    }

    pub(super) fn bad_stack_type(&self, index: usize, found: &VType, expected: &str) -> LinkError {
        self.error(
            "Bad type on operand stack",
            Some(format!(
                "Type {found} (current frame, stack[{index}]) is not assignable to {expected}"
            )),
        )
    }

    pub(super) fn pop_slot(&mut self) -> Result<VType> {
        self.frame.stack.pop().ok_or_else(|| self.underflow())
    }

    /// Pops a value assignable to `expected` (two slots for a long or double).
    pub(super) fn pop(&mut self, expected: &VType) -> Result<VType> {
        if let Some(high) = expected.high_half() {
            // As HotSpot, both slots are examined before failing, the later error winning.
            let h = self.pop_slot()?;
            let index = self.frame.stack.len();
            let first = (h != high).then(|| self.bad_stack_type(index, &h, &high.to_string()));
            let l = self.pop_slot()?;
            if l != *expected {
                return Err(self.bad_stack_type(index - 1, &l, &expected.to_string()));
            }
            return match first {
                Some(e) => Err(e),
                None => Ok(l),
            };
        }
        let t = self.pop_slot()?;
        if !t.is_high_half() && self.hierarchy.is_assignable(&t, expected)? {
            return Ok(t);
        }
        let shown = match expected {
            VType::Reference(_) => format!("{expected}"),
            other => other.to_string(),
        };
        Err(self.bad_stack_type(self.frame.stack.len(), &t, &shown))
    }

    /// Pops any reference, uninitialised ones included.
    pub(super) fn pop_reference(&mut self) -> Result<VType> {
        let t = self.pop_slot()?;
        if t.is_reference() {
            Ok(t)
        } else {
            Err(self.bad_stack_type(self.frame.stack.len(), &t, "reference type"))
        }
    }

    /// Pops an initialised reference or null.
    pub(super) fn pop_object(&mut self) -> Result<VType> {
        self.pop(&VType::class("java/lang/Object"))
    }

    /// Pops an array reference that `accepted` allows (or null) for an array load or
    /// store; `shown` names the expected type in the error.
    pub(super) fn pop_array(
        &mut self,
        accepted: impl Fn(&str) -> bool,
        shown: &str,
    ) -> Result<VType> {
        let t = self.pop_slot()?;
        match &t {
            VType::Null => Ok(t),
            VType::Reference(n) if accepted(n) => Ok(t),
            _ => Err(self.error(
                &format!("Bad type on operand stack in {}", self.mnemonic),
                Some(format!(
                    "Type {t} (current frame, stack[{}]) is not assignable to {shown}",
                    self.frame.stack.len()
                )),
            )),
        }
    }

    /// Checks that the top `depth` slots can be cut off without splitting a long or double.
    pub(super) fn check_depth(&self, depth: usize) -> Result<()> {
        let len = self.frame.stack.len();
        if len < depth {
            return Err(self.underflow());
        }
        let t = &self.frame.stack[len - depth];
        if t.is_high_half() {
            return Err(self.bad_stack_type(len - depth, t, "category1 type"));
        }
        Ok(())
    }

    /// `dup` family: copies the top `count` slots below the top `depth` slots.
    pub(super) fn dup(&mut self, count: usize, depth: usize) -> Result<()> {
        self.check_depth(count)?;
        self.check_depth(depth)?;
        if self.frame.stack.len() + count > self.max_stack {
            return Err(self.error(
                "Operand stack overflow",
                Some("Exceeded max stack size.".to_owned()),
            ));
        }
        let len = self.frame.stack.len();
        let copy: Vec<VType> = self.frame.stack[len - count..].to_vec();
        let at = len - depth;
        self.frame.stack.splice(at..at, copy);
        Ok(())
    }

    // ---- locals ----

    pub(super) fn bad_local(&self, index: usize, expected: &VType) -> LinkError {
        let found = self.frame.locals.get(index).cloned().unwrap_or(VType::Top);
        self.error(
            "Bad local variable type",
            Some(format!(
                "Type {found} (current frame, locals[{index}]) is not assignable to {expected}"
            )),
        )
    }

    pub(super) fn local_bounds(&self, index: usize, slots: usize) -> Result<()> {
        if index + slots > self.frame.locals.len() {
            return Err(self.error("Local variable table overflow", None));
        }
        Ok(())
    }

    /// `xload`: the local must hold `expected` (both halves for a long or double).
    pub(super) fn load(&mut self, index: u16, expected: VType) -> Result<()> {
        let index = usize::from(index);
        let high = expected.high_half();
        self.local_bounds(index, 1 + usize::from(high.is_some()))?;
        let found = &self.frame.locals[index];
        let ok = match &expected {
            VType::Reference(_) => found.is_reference(),
            t => {
                found == t
                    && high
                        .as_ref()
                        .is_none_or(|h| self.frame.locals[index + 1] == *h)
            }
        };
        if !ok {
            let shown = if matches!(expected, VType::Reference(_)) {
                VType::class("reference")
            } else {
                expected
            };
            return Err(self.bad_local(index, &shown));
        }
        let value = found.clone();
        self.push(value)
    }

    /// `xstore`: pops `expected` (any reference for `astore`) into the local.
    pub(super) fn store(&mut self, index: u16, expected: VType) -> Result<()> {
        let index = usize::from(index);
        let high = expected.high_half();
        let value = if matches!(expected, VType::Reference(_)) {
            // `astore` also takes the return address of a subroutine (JVMS 6.5 astore).
            if matches!(self.frame.stack.last(), Some(VType::ReturnAddress(_))) {
                self.pop_slot()?
            } else {
                self.pop_reference()?
            }
        } else {
            self.pop(&expected)?
        };
        self.local_bounds(index, 1 + usize::from(high.is_some()))?;
        let locals = &mut self.frame.locals;
        // Writing one half of a long or double destroys the pair.
        if index > 0 && locals[index - 1].is_category2() {
            locals[index - 1] = VType::Top;
        }
        let last = index + usize::from(high.is_some());
        if locals[last].is_category2() && last + 1 < locals.len() {
            locals[last + 1] = VType::Top;
        }
        locals[index] = value;
        if let Some(h) = high {
            locals[index + 1] = h;
        }
        Ok(())
    }

    pub(super) fn binary(&mut self, t: VType) -> Result<()> {
        self.pop(&t)?;
        self.pop(&t)?;
        self.push(t)
    }

    pub(super) fn convert(&mut self, from: VType, to: VType) -> Result<()> {
        self.pop(&from)?;
        self.push(to)
    }
}

/// The parameter descriptors of a method descriptor, in order (malformed input ends early;
/// the class file validator rejects it before verification).
pub(crate) fn parameter_descriptors(descriptor: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let Some(close) = descriptor.find(')') else {
        return out;
    };
    let params = descriptor.get(1..close).unwrap_or("");
    let b = params.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        while i < b.len() && b[i] == b'[' {
            i += 1;
        }
        if i < b.len() && b[i] == b'L' {
            match params[i..].find(';') {
                Some(end) => i += end + 1,
                None => break,
            }
        } else {
            i += 1;
        }
        // `get`: a malformed descriptor must not split a multi-byte character.
        match params.get(start..i.min(b.len())) {
            Some(p) => out.push(p),
            None => break,
        }
    }
    out
}
