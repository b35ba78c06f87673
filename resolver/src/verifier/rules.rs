//! The type rule of each instruction (JVMS 4.10.1.9) applied to the current state.

use std::rc::Rc;

use jfork_classfile::Instruction as I;

use super::method::{MethodVerifier, Result};
use super::types::{VType, array_of, element_class};

impl MethodVerifier<'_, '_> {
    /// Applies one instruction; returns whether control cannot fall through to the next.
    pub(super) fn execute(&mut self, insn: &I<'_>) -> Result<bool> {
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
            I::Jsr(t) | I::JsrW(t) if self.inference.is_some() => {
                let next = self.pc + if matches!(insn, I::JsrW(_)) { 5 } else { 3 };
                self.jsr(t, next)?;
                return Ok(true);
            }
            I::Ret(n) if self.inference.is_some() => {
                self.ret(n)?;
                return Ok(true);
            }
            I::Jsr(_) | I::JsrW(_) | I::Ret(_) => {
                // Class files with StackMapTable may not use subroutines (JVMS 4.9.1).
                return Err(self.error(
                    "Bad instruction",
                    Some(format!(
                        "{} is not allowed with type checking",
                        self.mnemonic
                    )),
                ));
            }
            I::Tableswitch(ref s) => {
                self.check_switch_padding()?;
                self.pop(&Int)?;
                self.branch(s.default)?;
                for (_, target) in s.targets() {
                    self.branch(target)?;
                }
                return Ok(true);
            }
            I::Lookupswitch(ref s) => {
                self.check_switch_padding()?;
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
                let Some((array, _)) = jfork_classfile::newarray_type(atype) else {
                    return Err(self.error("Bad instruction", None));
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

    /// Before version 51 the bytes that align a switch's operands must be zero (HotSpot
    /// checks it in both verifiers, each with its own words).
    fn check_switch_padding(&self) -> Result<()> {
        let old = self
            .class
            .class_file()
            .is_some_and(|f| f.major_version() < 51);
        if !old {
            return Ok(());
        }
        let start = self.pc as usize + 1;
        let end = (start + 3) & !3;
        let padding = self.code.bytecode.get(start..end).unwrap_or(&[]);
        if padding.iter().all(|&b| b == 0) {
            return Ok(());
        }
        Err(self.error(
            if self.inference.is_some() {
                "Non zero padding bytes in switch"
            } else {
                "Nonzero padding byte in lookupswitch or tableswitch"
            },
            None,
        ))
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
pub(super) fn is_local_store(insn: &I<'_>) -> bool {
    matches!(insn.opcode(), 0x36..=0x4e)
}

/// Whether an array descriptor has reference elements.
fn is_reference_array(a: &str) -> bool {
    a.starts_with("[L") || a.starts_with("[[")
}
