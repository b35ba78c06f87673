//! Type checking of one method's code against its `StackMapTable` (JVMS 4.10.1.6): a
//! single pass in code order, each instruction's rule (JVMS 4.10.1.9) applied to the
//! current type state, branch targets and exception handlers checked against the recorded
//! frames.

use std::rc::Rc;

use jfork_classfile::{Code, Constant, ConstantPool, Instruction as I, Method as ClassMethod};

use super::frame::{Frame, expand, stack_map_frames};
use super::infer::{Inference, MergeError, old_verifier_text};
use super::report::{Details, Location, verify_error};
use super::types::{Hierarchy, VType, array_of, element_class};
use crate::class::LinkedClass;
use crate::classdecl::{ACC_PROTECTED, ACC_STATIC};
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
    frame: Frame,
    /// The state before the current instruction, for error details.
    entry: Frame,
    maps: Vec<(u32, Frame)>,
    max_stack: usize,
    pc: u32,
    mnemonic: &'static str,
    /// The method's return type; `None` for `void`.
    return_type: Option<VType>,
    this_type: VType,
    /// Set for class files older than version 50: states are inferred, not checked.
    inference: Option<Inference>,
}

type Result<T> = std::result::Result<T, LinkError>;

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
    fn error(&self, headline: &str, reason: Option<String>) -> LinkError {
        self.error_at(
            headline,
            reason.as_deref(),
            Some((self.pc, &self.entry)),
            None,
        )
    }

    /// A `VerifyError` located at the current instruction with the given frames.
    fn error_at(
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
    fn locate(&mut self, pc: u32) {
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
    fn branch(&mut self, target: u32) -> Result<()> {
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

    fn push(&mut self, t: VType) -> Result<()> {
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

    fn underflow(&self) -> LinkError {
        self.error(
            "Operand stack underflow",
            Some("Attempt to pop empty stack.".to_owned()),
        )
    }

    fn bad_stack_type(&self, index: usize, found: &VType, expected: &str) -> LinkError {
        self.error(
            "Bad type on operand stack",
            Some(format!(
                "Type {found} (current frame, stack[{index}]) is not assignable to {expected}"
            )),
        )
    }

    fn pop_slot(&mut self) -> Result<VType> {
        self.frame.stack.pop().ok_or_else(|| self.underflow())
    }

    /// Pops a value assignable to `expected` (two slots for a long or double).
    fn pop(&mut self, expected: &VType) -> Result<VType> {
        if let Some(high) = expected.high_half() {
            let h = self.pop_slot()?;
            let index = self.frame.stack.len();
            if h != high {
                return Err(self.bad_stack_type(index, &h, &expected.to_string()));
            }
            let l = self.pop_slot()?;
            if l != *expected {
                return Err(self.bad_stack_type(index - 1, &l, &expected.to_string()));
            }
            return Ok(l);
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
    fn pop_reference(&mut self) -> Result<VType> {
        let t = self.pop_slot()?;
        if t.is_reference() {
            Ok(t)
        } else {
            Err(self.bad_stack_type(self.frame.stack.len(), &t, "reference type"))
        }
    }

    /// Pops an initialised reference or null.
    fn pop_object(&mut self) -> Result<VType> {
        self.pop(&VType::class("java/lang/Object"))
    }

    /// Pops an array reference that `accepted` allows (or null) for an array load or
    /// store; `shown` names the expected type in the error.
    fn pop_array(&mut self, accepted: impl Fn(&str) -> bool, shown: &str) -> Result<VType> {
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
    fn check_depth(&self, depth: usize) -> Result<()> {
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
    fn dup(&mut self, count: usize, depth: usize) -> Result<()> {
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

    fn bad_local(&self, index: usize, expected: &VType) -> LinkError {
        let found = self.frame.locals.get(index).cloned().unwrap_or(VType::Top);
        self.error(
            "Bad local variable type",
            Some(format!(
                "Type {found} (current frame, locals[{index}]) is not assignable to {expected}"
            )),
        )
    }

    fn local_bounds(&self, index: usize, slots: usize) -> Result<()> {
        if index + slots > self.frame.locals.len() {
            return Err(self.error("Local variable table overflow", None));
        }
        Ok(())
    }

    /// `xload`: the local must hold `expected` (both halves for a long or double).
    fn load(&mut self, index: u16, expected: VType) -> Result<()> {
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
    fn store(&mut self, index: u16, expected: VType) -> Result<()> {
        let index = usize::from(index);
        let high = expected.high_half();
        let value = if matches!(expected, VType::Reference(_)) {
            self.pop_reference()?
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

    fn binary(&mut self, t: VType) -> Result<()> {
        self.pop(&t)?;
        self.pop(&t)?;
        self.push(t)
    }

    fn convert(&mut self, from: VType, to: VType) -> Result<()> {
        self.pop(&from)?;
        self.push(to)
    }

    /// Applies one instruction; returns whether control cannot fall through to the next.
    fn execute(&mut self, insn: &I<'_>) -> Result<bool> {
        use VType::{Double, Float, Int, Long};
        match *insn {
            I::Nop => {}
            I::AconstNull => self.push(VType::Null)?,
            I::IconstM1
            | I::Iconst0
            | I::Iconst1
            | I::Iconst2
            | I::Iconst3
            | I::Iconst4
            | I::Iconst5
            | I::Bipush(_)
            | I::Sipush(_) => self.push(Int)?,
            I::Lconst0 | I::Lconst1 => self.push(Long)?,
            I::Fconst0 | I::Fconst1 | I::Fconst2 => self.push(Float)?,
            I::Dconst0 | I::Dconst1 => self.push(Double)?,
            I::Ldc(index) | I::LdcW(index) => {
                let t = self.constant_type(index)?;
                if t.is_category2() {
                    return Err(self.error(&format!("Invalid index in {}", self.mnemonic), None));
                }
                self.push(t)?;
            }
            I::Ldc2W(index) => {
                let t = self.constant_type(index)?;
                if !t.is_category2() {
                    return Err(self.error("Invalid index in ldc2_w", None));
                }
                self.push(t)?;
            }
            I::Iload(n) => self.load(n, Int)?,
            I::Lload(n) => self.load(n, Long)?,
            I::Fload(n) => self.load(n, Float)?,
            I::Dload(n) => self.load(n, Double)?,
            I::Aload(n) => self.load(n, VType::class("reference"))?,
            I::Iload0 | I::Iload1 | I::Iload2 | I::Iload3 => {
                self.load(u16::from(insn.opcode() - 0x1a), Int)?;
            }
            I::Lload0 | I::Lload1 | I::Lload2 | I::Lload3 => {
                self.load(u16::from(insn.opcode() - 0x1e), Long)?;
            }
            I::Fload0 | I::Fload1 | I::Fload2 | I::Fload3 => {
                self.load(u16::from(insn.opcode() - 0x22), Float)?;
            }
            I::Dload0 | I::Dload1 | I::Dload2 | I::Dload3 => {
                self.load(u16::from(insn.opcode() - 0x26), Double)?;
            }
            I::Aload0 | I::Aload1 | I::Aload2 | I::Aload3 => {
                self.load(u16::from(insn.opcode() - 0x2a), VType::class("reference"))?;
            }
            I::Iaload => self.array_load("[I", Int)?,
            I::Laload => self.array_load("[J", Long)?,
            I::Faload => self.array_load("[F", Float)?,
            I::Daload => self.array_load("[D", Double)?,
            I::Baload => self.array_load("[B", Int)?,
            I::Caload => self.array_load("[C", Int)?,
            I::Saload => self.array_load("[S", Int)?,
            I::Aaload => {
                self.pop(&Int)?;
                let array = self.pop_array(is_reference_array, "reference type")?;
                let element = match &array {
                    VType::Reference(n) => element_class(&n[1..])
                        .map_or(VType::Null, |c| VType::Reference(Rc::from(c))),
                    _ => VType::Null,
                };
                self.push(element)?;
            }
            I::Istore(n) => self.store(n, Int)?,
            I::Lstore(n) => self.store(n, Long)?,
            I::Fstore(n) => self.store(n, Float)?,
            I::Dstore(n) => self.store(n, Double)?,
            I::Astore(n) => self.store(n, VType::class("reference"))?,
            I::Istore0 | I::Istore1 | I::Istore2 | I::Istore3 => {
                self.store(u16::from(insn.opcode() - 0x3b), Int)?;
            }
            I::Lstore0 | I::Lstore1 | I::Lstore2 | I::Lstore3 => {
                self.store(u16::from(insn.opcode() - 0x3f), Long)?;
            }
            I::Fstore0 | I::Fstore1 | I::Fstore2 | I::Fstore3 => {
                self.store(u16::from(insn.opcode() - 0x43), Float)?;
            }
            I::Dstore0 | I::Dstore1 | I::Dstore2 | I::Dstore3 => {
                self.store(u16::from(insn.opcode() - 0x47), Double)?;
            }
            I::Astore0 | I::Astore1 | I::Astore2 | I::Astore3 => {
                self.store(u16::from(insn.opcode() - 0x4b), VType::class("reference"))?;
            }
            I::Iastore => self.array_store("[I", Int)?,
            I::Lastore => self.array_store("[J", Long)?,
            I::Fastore => self.array_store("[F", Float)?,
            I::Dastore => self.array_store("[D", Double)?,
            I::Bastore => self.array_store("[B", Int)?,
            I::Castore => self.array_store("[C", Int)?,
            I::Sastore => self.array_store("[S", Int)?,
            I::Aastore => {
                // The element type is checked at run time (ArrayStoreException).
                self.pop_object()?;
                self.pop(&Int)?;
                self.pop_array(is_reference_array, "reference type")?;
            }
            I::Pop => {
                self.check_depth(1)?;
                self.frame.stack.pop();
            }
            I::Pop2 => {
                self.check_depth(2)?;
                let len = self.frame.stack.len();
                self.frame.stack.truncate(len - 2);
            }
            I::Dup => self.dup(1, 1)?,
            I::DupX1 => self.dup(1, 2)?,
            I::DupX2 => self.dup(1, 3)?,
            I::Dup2 => self.dup(2, 2)?,
            I::Dup2X1 => self.dup(2, 3)?,
            I::Dup2X2 => self.dup(2, 4)?,
            I::Swap => {
                self.check_depth(1)?;
                self.check_depth(2)?;
                let len = self.frame.stack.len();
                self.frame.stack.swap(len - 1, len - 2);
            }
            I::Iadd | I::Isub | I::Imul | I::Idiv | I::Irem | I::Iand | I::Ior | I::Ixor => {
                self.binary(Int)?;
            }
            I::Ishl | I::Ishr | I::Iushr => self.binary(Int)?,
            I::Ladd | I::Lsub | I::Lmul | I::Ldiv | I::Lrem | I::Land | I::Lor | I::Lxor => {
                self.binary(Long)?;
            }
            I::Lshl | I::Lshr | I::Lushr => {
                self.pop(&Int)?;
                self.pop(&Long)?;
                self.push(Long)?;
            }
            I::Fadd | I::Fsub | I::Fmul | I::Fdiv | I::Frem => self.binary(Float)?,
            I::Dadd | I::Dsub | I::Dmul | I::Ddiv | I::Drem => self.binary(Double)?,
            I::Ineg => self.convert(Int, Int)?,
            I::Lneg => self.convert(Long, Long)?,
            I::Fneg => self.convert(Float, Float)?,
            I::Dneg => self.convert(Double, Double)?,
            I::Iinc(iinc) => {
                let index = usize::from(iinc.index);
                self.local_bounds(index, 1)?;
                if self.frame.locals[index] != Int {
                    return Err(self.bad_local(index, &Int));
                }
            }
            I::I2l => self.convert(Int, Long)?,
            I::I2f => self.convert(Int, Float)?,
            I::I2d => self.convert(Int, Double)?,
            I::L2i => self.convert(Long, Int)?,
            I::L2f => self.convert(Long, Float)?,
            I::L2d => self.convert(Long, Double)?,
            I::F2i => self.convert(Float, Int)?,
            I::F2l => self.convert(Float, Long)?,
            I::F2d => self.convert(Float, Double)?,
            I::D2i => self.convert(Double, Int)?,
            I::D2l => self.convert(Double, Long)?,
            I::D2f => self.convert(Double, Float)?,
            I::I2b | I::I2c | I::I2s => self.convert(Int, Int)?,
            I::Lcmp => {
                self.pop(&Long)?;
                self.pop(&Long)?;
                self.push(Int)?;
            }
            I::Fcmpl | I::Fcmpg => {
                self.pop(&Float)?;
                self.pop(&Float)?;
                self.push(Int)?;
            }
            I::Dcmpl | I::Dcmpg => {
                self.pop(&Double)?;
                self.pop(&Double)?;
                self.push(Int)?;
            }
            I::Ifeq(t) | I::Ifne(t) | I::Iflt(t) | I::Ifge(t) | I::Ifgt(t) | I::Ifle(t) => {
                self.pop(&Int)?;
                self.branch(t)?;
            }
            I::IfIcmpeq(t)
            | I::IfIcmpne(t)
            | I::IfIcmplt(t)
            | I::IfIcmpge(t)
            | I::IfIcmpgt(t)
            | I::IfIcmple(t) => {
                self.pop(&Int)?;
                self.pop(&Int)?;
                self.branch(t)?;
            }
            I::IfAcmpeq(t) | I::IfAcmpne(t) => {
                self.pop_reference()?;
                self.pop_reference()?;
                self.branch(t)?;
            }
            I::Ifnull(t) | I::Ifnonnull(t) => {
                self.pop_reference()?;
                self.branch(t)?;
            }
            I::Goto(t) | I::GotoW(t) => {
                self.branch(t)?;
                return Ok(true);
            }
            I::Jsr(_) | I::JsrW(_) | I::Ret(_) => {
                // Class files with StackMapTable may not use subroutines (JVMS 4.9.1); for
                // version 50 HotSpot would fall back to type inference, which is not here.
                return Err(self.error(
                    "Bad instruction",
                    Some(format!(
                        "{} is not allowed with type checking",
                        self.mnemonic
                    )),
                ));
            }
            I::Tableswitch(ref s) => {
                self.pop(&Int)?;
                self.branch(s.default)?;
                for (_, target) in s.targets() {
                    self.branch(target)?;
                }
                return Ok(true);
            }
            I::Lookupswitch(ref s) => {
                self.pop(&Int)?;
                let mut previous: Option<i32> = None;
                for (key, _) in s.pairs() {
                    if previous.is_some_and(|p| p >= key) {
                        return Err(self.error("Bad lookupswitch instruction", None));
                    }
                    previous = Some(key);
                }
                self.branch(s.default)?;
                for (_, target) in s.pairs() {
                    self.branch(target)?;
                }
                return Ok(true);
            }
            I::Ireturn => return self.value_return(Int),
            I::Lreturn => return self.value_return(Long),
            I::Freturn => return self.value_return(Float),
            I::Dreturn => return self.value_return(Double),
            I::Areturn => {
                let value = self.pop_reference()?;
                let Some(expected) = self.return_type.clone() else {
                    return Err(self.error("Method does not expect a return value", None));
                };
                if !self.hierarchy.is_assignable(&value, &expected)? {
                    let reason = format!(
                        "Type {value} (current frame, stack[{}]) is not assignable to {expected} (from method signature)",
                        self.frame.stack.len()
                    );
                    return Err(self.error("Bad return type", Some(reason)));
                }
                return Ok(true);
            }
            I::Return => {
                if self.return_type.is_some() {
                    return Err(self.error("Method expects a return value", None));
                }
                if self.method.name == "<init>" && self.frame.this_uninit {
                    return Err(self.error(
                        "Constructor must call super() or this() before return",
                        None,
                    ));
                }
                return Ok(true);
            }
            I::Getstatic(index) => {
                let (_, _, desc) = self.member(index)?;
                self.push(VType::of_descriptor(&desc))?;
            }
            I::Putstatic(index) => {
                let (_, _, desc) = self.member(index)?;
                self.pop(&VType::of_descriptor(&desc))?;
            }
            I::Getfield(index) => {
                let (class, name, desc) = self.member(index)?;
                let receiver = self.pop(&VType::class(&class))?;
                self.check_protected(&class, &name, &desc, false, &receiver)?;
                self.push(VType::of_descriptor(&desc))?;
            }
            I::Putfield(index) => {
                let (class, name, desc) = self.member(index)?;
                self.pop(&VType::of_descriptor(&desc))?;
                // JVMS 4.10.1.9 putfield: an `<init>` may set its own class's fields before
                // calling the superclass's `<init>`.
                let own_field = self.frame.stack.last() == Some(&VType::UninitializedThis)
                    && class == *self.class.name
                    && self
                        .class
                        .fields
                        .iter()
                        .any(|f| f.name == name && f.descriptor == desc && !f.is_static());
                if own_field {
                    self.frame.stack.pop();
                } else if self.frame.stack.last() == Some(&VType::UninitializedThis) {
                    let index = self.frame.stack.len() - 1;
                    return Err(self.error(
                        "Bad type on operand stack in putfield",
                        Some(format!(
                            "Type uninitializedThis (current frame, stack[{index}]) is not assignable to '{class}'"
                        )),
                    ));
                } else {
                    let receiver = self.pop(&VType::class(&class))?;
                    self.check_protected(&class, &name, &desc, false, &receiver)?;
                }
            }
            I::Invokevirtual(index) | I::Invokespecial(index) | I::Invokestatic(index) => {
                self.invoke(insn, index, None)?;
            }
            I::Invokeinterface(ii) => self.invoke(insn, ii.index, Some(ii.count))?,
            I::Invokedynamic(index) => self.invokedynamic(index)?,
            I::New(_) => {
                // JVMS 4.10.1.9 new: a second object from the same `new` may not coexist
                // with an uninitialised one, or initialising one would mark both.
                let made = VType::Uninitialized(self.pc as u16);
                if self.frame.stack.contains(&made) {
                    let index = self
                        .frame
                        .stack
                        .iter()
                        .position(|t| *t == made)
                        .unwrap_or(0);
                    return Err(self.bad_stack_type(index, &made, "top"));
                }
                for t in &mut self.frame.locals {
                    if *t == made {
                        *t = VType::Top;
                    }
                }
                self.push(made)?;
            }
            I::Newarray(atype) => {
                self.pop(&Int)?;
                let array = match atype {
                    4 => "[Z",
                    5 => "[C",
                    6 => "[F",
                    7 => "[D",
                    8 => "[B",
                    9 => "[S",
                    10 => "[I",
                    11 => "[J",
                    _ => return Err(self.error("Bad instruction", None)),
                };
                self.push(VType::class(array))?;
            }
            I::Anewarray(index) => {
                let component = self.class_constant(index)?;
                self.pop(&Int)?;
                self.push(VType::class(&array_of(&component)))?;
            }
            I::Multianewarray(m) => {
                let array = self.class_constant(m.index)?;
                let dims = array.bytes().take_while(|&b| b == b'[').count();
                if m.dimensions == 0 || usize::from(m.dimensions) > dims {
                    return Err(self.error("Illegal dimension in multianewarray", None));
                }
                for _ in 0..m.dimensions {
                    self.pop(&Int)?;
                }
                self.push(VType::class(&array))?;
            }
            I::Arraylength => {
                let t = self.pop_reference()?;
                if !matches!(t, VType::Null) && t.array_descriptor().is_none() {
                    let index = self.frame.stack.len();
                    return Err(self.bad_stack_type(index, &t, "array type"));
                }
                self.push(Int)?;
            }
            I::Athrow => {
                self.pop(&VType::class("java/lang/Throwable"))?;
                return Ok(true);
            }
            I::Checkcast(index) => {
                let class = self.class_constant(index)?;
                self.pop_object()?;
                self.push(VType::class(&class))?;
            }
            I::Instanceof(index) => {
                self.class_constant(index)?;
                self.pop_object()?;
                self.push(Int)?;
            }
            I::Monitorenter | I::Monitorexit => {
                self.pop_reference()?;
            }
        }
        Ok(false)
    }

    fn array_load(&mut self, array: &str, element: VType) -> Result<()> {
        self.pop(&VType::Int)?;
        let shown = format!("'{array}'");
        self.pop_array(|a| a == array || (array == "[B" && a == "[Z"), &shown)?;
        self.push(element)
    }

    fn array_store(&mut self, array: &str, element: VType) -> Result<()> {
        self.pop(&element)?;
        self.pop(&VType::Int)?;
        let shown = format!("'{array}'");
        self.pop_array(|a| a == array || (array == "[B" && a == "[Z"), &shown)?;
        Ok(())
    }

    /// `ireturn`, `lreturn`, `freturn`, `dreturn`.
    fn value_return(&mut self, t: VType) -> Result<bool> {
        self.pop(&t)?;
        match &self.return_type {
            None => Err(self.error("Method does not expect a return value", None)),
            Some(r) if *r == t => Ok(true),
            Some(r) => {
                let reason = format!(
                    "Type {t} (current frame, stack[{}]) is not assignable to {r} (from method signature)",
                    self.frame.stack.len()
                );
                Err(self.error("Bad return type", Some(reason)))
            }
        }
    }
}

/// Whether the instruction writes a local variable.
fn is_local_store(insn: &I<'_>) -> bool {
    matches!(insn.opcode(), 0x36..=0x4e)
}

/// Whether an array descriptor has reference elements.
fn is_reference_array(a: &str) -> bool {
    a.starts_with("[L") || a.starts_with("[[")
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

/// Constant pool reads and the member instructions.
impl MethodVerifier<'_, '_> {
    fn bad_constant(&self, e: impl std::fmt::Display) -> LinkError {
        self.error(
            &format!("Illegal constant pool index in {}", self.mnemonic),
            Some(e.to_string()),
        )
    }

    fn class_constant(&self, index: u16) -> Result<String> {
        self.pool
            .class_name(index)
            .map(str::to_owned)
            .map_err(|e| self.bad_constant(e))
    }

    /// (class, name, descriptor) of a field or method reference.
    fn member(&self, index: u16) -> Result<(String, String, String)> {
        let r = self
            .pool
            .member_ref(index)
            .map_err(|e| self.bad_constant(e))?;
        Ok((
            r.class.to_owned(),
            r.name.to_owned(),
            r.descriptor.to_owned(),
        ))
    }

    /// The type `ldc` pushes for the constant at `index`.
    fn constant_type(&self, index: u16) -> Result<VType> {
        let c = self
            .pool
            .get(index, "ldc")
            .map_err(|e| self.bad_constant(e))?;
        Ok(match c {
            Constant::Integer(_) => VType::Int,
            Constant::Float(_) => VType::Float,
            Constant::Long(_) => VType::Long,
            Constant::Double(_) => VType::Double,
            Constant::String { .. } => VType::class("java/lang/String"),
            Constant::Class { .. } => VType::class("java/lang/Class"),
            Constant::MethodType { .. } => VType::class("java/lang/invoke/MethodType"),
            Constant::MethodHandle { .. } => VType::class("java/lang/invoke/MethodHandle"),
            Constant::Dynamic {
                name_and_type_index,
                ..
            } => {
                let (_, desc) = self
                    .pool
                    .name_and_type(*name_and_type_index)
                    .map_err(|e| self.bad_constant(e))?;
                VType::of_descriptor(desc)
            }
            other => {
                let headline = format!("Invalid index in {}", self.mnemonic);
                return Err(self.error(&headline, Some(format!("{} constant", other.kind_name()))));
            }
        })
    }

    /// JVMS 4.10.1.8: a protected member of a superclass in another run-time package may
    /// only be used on objects of the current class (or its subclasses).
    fn check_protected(
        &mut self,
        ref_class: &str,
        name: &str,
        desc: &str,
        is_method: bool,
        receiver: &VType,
    ) -> Result<()> {
        if !self.is_protected_access(ref_class, name, desc, is_method) {
            return Ok(());
        }
        let this_type = self.this_type.clone();
        if self.hierarchy.is_assignable(receiver, &this_type)? {
            return Ok(());
        }
        // Arrays answer `Object.clone()` publicly.
        if is_method
            && ref_class == "java/lang/Object"
            && name == "clone"
            && receiver.array_descriptor().is_some()
        {
            return Ok(());
        }
        let headline = format!("Bad access to protected data in {}", self.mnemonic);
        let reason = format!(
            "Type {receiver} (current frame, stack[{}]) is not assignable to {this_type}",
            self.frame.stack.len()
        );
        Err(self.error(&headline, Some(reason)))
    }

    fn is_protected_access(
        &self,
        ref_class: &str,
        name: &str,
        desc: &str,
        is_method: bool,
    ) -> bool {
        // Only a superclass (found by name, as it is already loaded) matters.
        let mut sup = self.class.super_class.as_deref();
        while let Some(s) = sup {
            if *s.name == *ref_class {
                break;
            }
            sup = s.super_class.as_deref();
        }
        let mut holder = sup;
        while let Some(k) = holder {
            let access = if is_method {
                k.declared_method(name, desc).map(|m| m.access)
            } else {
                k.declared_field(name, desc).map(|f| f.access)
            };
            if let Some(access) = access {
                return access & ACC_PROTECTED != 0 && !k.same_package(self.class);
            }
            holder = k.super_class.as_deref();
        }
        false
    }

    fn invokedynamic(&mut self, index: u16) -> Result<()> {
        let nat = match self.pool.get(index, "invokedynamic") {
            Ok(Constant::InvokeDynamic {
                name_and_type_index,
                ..
            }) => *name_and_type_index,
            Ok(_) => return Err(self.error("Illegal constant pool index in invokedynamic", None)),
            Err(e) => return Err(self.bad_constant(e)),
        };
        let (_, desc) = self
            .pool
            .name_and_type(nat)
            .map_err(|e| self.bad_constant(e))?;
        let desc = desc.to_owned();
        self.pop_arguments(&desc)?;
        self.push_return(&desc)
    }

    fn pop_arguments(&mut self, desc: &str) -> Result<()> {
        let params: Vec<VType> = parameter_descriptors(desc)
            .into_iter()
            .map(VType::of_descriptor)
            .collect();
        for p in params.iter().rev() {
            self.pop(p)?;
        }
        Ok(())
    }

    fn push_return(&mut self, desc: &str) -> Result<()> {
        match desc.rfind(')').map(|i| &desc[i + 1..]) {
            Some("V") | None => Ok(()),
            Some(r) => self.push(VType::of_descriptor(r)),
        }
    }

    /// `invokevirtual`, `invokespecial`, `invokestatic`, `invokeinterface`.
    fn invoke(&mut self, insn: &I<'_>, index: u16, count: Option<u8>) -> Result<()> {
        let (class, name, desc) = self.member(index)?;
        if let Some(count) = count {
            let slots: usize = parameter_descriptors(&desc)
                .iter()
                .map(|p| {
                    if matches!(p.as_bytes()[0], b'J' | b'D') {
                        2
                    } else {
                        1
                    }
                })
                .sum();
            if usize::from(count) != slots + 1 {
                return Err(self.error("Inconsistent args count operand in invokeinterface", None));
            }
        }
        self.pop_arguments(&desc)?;
        match insn {
            I::Invokestatic(_) => {}
            I::Invokespecial(_) if name == "<init>" => self.invoke_init(index, &class)?,
            I::Invokespecial(_) => {
                let this_name = self.class.name.to_string();
                let direct_interface = self.class.interfaces.iter().any(|i| *i.name == *class);
                if !direct_interface && !self.hierarchy.is_java_assignable(&this_name, &class)? {
                    return Err(self.error(
                        "Bad invokespecial instruction: current class isn't assignable to reference class.",
                        None,
                    ));
                }
                let this_type = self.this_type.clone();
                self.pop(&this_type)?;
            }
            I::Invokevirtual(_) => {
                let receiver = self.pop(&VType::class(&class))?;
                self.check_protected(&class, &name, &desc, true, &receiver)?;
            }
            _ => {
                self.pop(&VType::class(&class))?;
            }
        }
        self.push_return(&desc)
    }

    /// `invokespecial <init>`: the receiver must be uninitialised and becomes initialised
    /// everywhere in the frame.
    fn invoke_init(&mut self, method_index: u16, class: &str) -> Result<()> {
        let receiver = self.pop_reference()?;
        match receiver {
            VType::UninitializedThis => {
                let super_name = self.class.super_class.as_ref().map(|s| s.name.as_ref());
                if class != self.class.name.as_ref() && Some(class) != super_name {
                    return Err(self.error("Bad <init> method call", None));
                }
                let this_type = self.this_type.clone();
                self.frame.initialize(&VType::UninitializedThis, &this_type);
                self.frame.this_uninit = false;
            }
            VType::Uninitialized(new_pc) => {
                let (created, created_index) =
                    match jfork_classfile::decode(self.code.bytecode, usize::from(new_pc)) {
                        Ok((I::New(index), _)) => (self.class_constant(index)?, index),
                        _ => {
                            return Err(
                                self.error(&format!("Expecting new instruction at {new_pc}"), None)
                            );
                        }
                    };
                if created != class {
                    let class_index = match self.pool.get(method_index, "invokespecial") {
                        Ok(Constant::Methodref { class_index, .. }) => *class_index,
                        _ => 0,
                    };
                    let reason = format!(
                        "Type '{created}' (constant pool {created_index}) is not assignable to '{class}' (constant pool {class_index})"
                    );
                    return Err(self.error_at(
                        "Call to wrong <init> method",
                        Some(&reason),
                        None,
                        None,
                    ));
                }
                let t = VType::class(&created);
                self.frame.initialize(&VType::Uninitialized(new_pc), &t);
            }
            other => {
                let reason = format!(
                    "Type {other} (current frame, stack[{}]) is not assignable to uninitialized",
                    self.frame.stack.len()
                );
                return Err(self.error("Bad operand type when invoking <init>", Some(reason)));
            }
        }
        Ok(())
    }
}
