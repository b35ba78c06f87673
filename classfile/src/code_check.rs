//! Static constraints on `Code` (JVMS 4.9.1) and its tables (JVMS 4.7.3, 4.7.4, 4.7.12,
//! 4.7.13): what the interpreter and the resolver would otherwise trip on.

use crate::class::ClassFile;
use crate::constant_pool::Constant;
use crate::descriptor::{FieldType, MethodDescriptor};
use crate::descriptor_memo::DescriptorMemo;
use crate::error::ClassFileError;
use crate::flags::ACC_STATIC;
use crate::instruction::Instruction;
use crate::member::{Code, Method};
use crate::stack_map::{StackMapFrame, VerificationType};

/// Checks the code of the methods of one class, reusing its buffers between methods.
pub(crate) struct CodeChecker<'c, 'a> {
    class: &'c ClassFile<'a>,
    /// `starts[pc]`: an instruction starts at pc; `news[pc]`: it is a `new`.
    starts: Vec<u8>,
    /// pcs of branch and switch instructions of the current method.
    branches: Vec<u32>,
    /// Local variable descriptors already checked, shared by all methods of the class.
    memo: DescriptorMemo,
}

const START: u8 = 1;
const NEW: u8 = 2;

/// What [`CodeChecker::quick`] can check of an opcode from the bytes alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quick {
    /// Needs the full decoder and checks.
    Decode,
    /// This many bytes, no rules beyond being complete (`iadd`, `bipush`, `sipush`).
    Plain(u8),
    /// One byte that uses local `index`, taking `slots` (`iload_0` .. `astore_3`).
    FixedLocal(u8, u8),
    /// Two bytes: the operand is a local taking this many slots (`iload` .. `astore`).
    LocalOperand(u8),
    /// `getfield` and the like: a `Fieldref`.
    Field,
    /// `invokevirtual`, `invokespecial`, `invokestatic`.
    Invoke,
    /// `ldc` (2 bytes) and `ldc_w` (3 bytes) of an `Integer`, `Float` or `String`.
    Ldc(u8),
    /// `if<cond>`, `if_<cmp>`, `goto`, `ifnull`, `ifnonnull`: a 16-bit offset.
    Branch,
}

/// Per opcode, how [`CodeChecker::quick`] treats it (JVMS 6.5).
const QUICK: [Quick; 256] = {
    let mut table = [Quick::Decode; 256];
    let mut op = 0usize;
    while op < 256 {
        table[op] = match op {
            0x00..=0x0f | 0x2e..=0x35 | 0x4f..=0x83 | 0x85..=0x98 | 0xac..=0xb1 => Quick::Plain(1),
            0xbe | 0xbf | 0xc2 | 0xc3 => Quick::Plain(1),
            0x10 => Quick::Plain(2),
            0x11 => Quick::Plain(3),
            0x12 => Quick::Ldc(2),
            0x13 => Quick::Ldc(3),
            // Five kinds in this order: i, l, f, d, a; l and d take two slots.
            0x15..=0x19 | 0x36..=0x3a => {
                let kind = (op - if op >= 0x36 { 0x36 } else { 0x15 }) as u8;
                Quick::LocalOperand(if kind == 1 || kind == 3 { 2 } else { 1 })
            }
            // The same five kinds, each with locals 0..=3.
            0x1a..=0x2d | 0x3b..=0x4e => {
                let at = (op - if op >= 0x3b { 0x3b } else { 0x1a }) as u8;
                let (kind, n) = (at / 4, at % 4);
                Quick::FixedLocal(n, if kind == 1 || kind == 3 { 2 } else { 1 })
            }
            0x99..=0xa7 | 0xc6 | 0xc7 => Quick::Branch,
            0xb2..=0xb5 => Quick::Field,
            0xb6..=0xb8 => Quick::Invoke,
            _ => Quick::Decode,
        };
        op += 1;
    }
    table
};

fn err(pc: u32, rule: &'static str, message: String) -> ClassFileError {
    ClassFileError::code(pc, rule, message)
}

impl<'c, 'a> CodeChecker<'c, 'a> {
    pub(crate) fn new(class: &'c ClassFile<'a>, memo: DescriptorMemo) -> Self {
        CodeChecker {
            class,
            starts: Vec::new(),
            branches: Vec::new(),
            memo,
        }
    }

    pub(crate) fn check(
        &mut self,
        method: &Method<'a>,
        code: &Code<'a>,
    ) -> Result<(), ClassFileError> {
        let len = code.bytecode.len();
        // JVMS 4.7.3: max_locals holds the parameters, `this` included.
        let params = u32::from(method.descriptor.parameter_slots())
            + u32::from(method.access_flags & ACC_STATIC == 0);
        if params > u32::from(code.max_locals) {
            return Err(err(
                0,
                "4.7.3",
                format!(
                    "max_locals {} is less than the {params} parameter slots",
                    code.max_locals
                ),
            ));
        }
        self.starts.clear();
        self.starts.resize(len, 0);
        self.branches.clear();
        let bytecode = code.bytecode;
        let mut next = 0usize;
        while next < len {
            let pc = next as u32;
            // Most instructions follow their rules in ways the bytes show at once; only the
            // others (and any that might break a rule) go through the decoder.
            if let Some(size) = self.quick(code, next) {
                self.starts[next] = START;
                next += size;
                continue;
            }
            let (insn, after) = crate::instruction::decode(bytecode, next)?;
            next = after;
            self.starts[pc as usize] = START
                | if matches!(insn, Instruction::New(_)) {
                    NEW
                } else {
                    0
                };
            self.check_instruction(code, &insn)
                .map_err(|e| e.at_pc(pc))?;
            if is_branch(&insn) {
                self.branches.push(pc);
            }
        }
        // Targets may point forward, so they are checked once all starts are known.
        for &pc in &self.branches {
            let (insn, _) = crate::instruction::decode(code.bytecode, pc as usize)?;
            self.check_targets(pc, &insn)?;
        }
        self.check_exception_table(code)?;
        self.check_line_numbers(code)?;
        self.check_local_variables(code)?;
        self.check_stack_map(code)?;
        Ok(())
    }

    /// The length of the instruction at `pc` when the table and its operands alone show that
    /// it follows every rule [`CodeChecker::check_instruction`] checks; `None` sends it to the
    /// decoder and the full checks, which also report what is wrong. Records branches.
    #[inline]
    fn quick(&mut self, code: &Code<'_>, pc: usize) -> Option<usize> {
        let bytecode = code.bytecode;
        let u1 = |at: usize| bytecode.get(pc + at).copied();
        let u2 = |at: usize| Some(u16::from_be_bytes([u1(at)?, u1(at + 1)?]));
        let local_ok =
            |index: u8, slots: u8| u16::from(index) + u16::from(slots) <= code.max_locals;
        let pool = &self.class.constant_pool;
        let op = u1(0)?;
        match QUICK[usize::from(op)] {
            Quick::Decode => None,
            Quick::Plain(size) => {
                let size = usize::from(size);
                u1(size - 1)?;
                Some(size)
            }
            Quick::FixedLocal(index, slots) => local_ok(index, slots).then_some(1),
            Quick::LocalOperand(slots) => local_ok(u1(1)?, slots).then_some(2),
            Quick::Field => {
                let c = pool.get(u2(1)?, "field instruction").ok()?;
                matches!(c, Constant::Fieldref { .. }).then_some(3)
            }
            Quick::Invoke => {
                let index = u2(1)?;
                let interface_ok = op != 0xb6 && self.class.major_version >= 52;
                match pool.get(index, "invoke instruction").ok()? {
                    Constant::Methodref { .. } => {}
                    Constant::InterfaceMethodref { .. } if interface_ok => {}
                    _ => return None,
                }
                // Only invokespecial may call <init>.
                let name = pool.member_name(index).ok()?;
                (op == 0xb7 || name != "<init>").then_some(3)
            }
            Quick::Ldc(size) => {
                let index = if size == 2 { u16::from(u1(1)?) } else { u2(1)? };
                let c = pool.get(index, "ldc").ok()?;
                let ok = matches!(
                    c,
                    Constant::Integer(_) | Constant::Float(_) | Constant::String { .. }
                );
                ok.then_some(usize::from(size))
            }
            Quick::Branch => {
                let offset = i64::from(u2(1)? as i16);
                if pc as i64 + offset < 0 {
                    return None;
                }
                // Targets are checked once all instruction starts are known.
                self.branches.push(pc as u32);
                Some(3)
            }
        }
    }

    fn is_start(&self, pc: u32) -> bool {
        self.starts
            .get(pc as usize)
            .is_some_and(|&s| s & START != 0)
    }

    fn check_targets(&self, pc: u32, insn: &Instruction<'_>) -> Result<(), ClassFileError> {
        let mut bad = None;
        for_each_target(insn, |t| {
            if bad.is_none() && !self.is_start(t) {
                bad = Some(t);
            }
        });
        if let Some(t) = bad {
            return Err(err(
                pc,
                "4.9.1",
                format!(
                    "{} branches to {t}, which is not the start of an instruction in this code",
                    insn.mnemonic()
                ),
            ));
        }
        if let Instruction::Lookupswitch(l) = insn {
            let mut prev: Option<i32> = None;
            for (key, _) in l.pairs() {
                if prev.is_some_and(|p| p >= key) {
                    return Err(err(
                        pc,
                        "6.5.lookupswitch",
                        "lookupswitch match values are not sorted in increasing order".into(),
                    ));
                }
                prev = Some(key);
            }
        }
        Ok(())
    }

    fn local(&self, code: &Code<'_>, index: u16, slots: u16) -> Result<(), ClassFileError> {
        if u32::from(index) + u32::from(slots) > u32::from(code.max_locals) {
            return Err(ClassFileError::code(
                0,
                "4.9.1",
                format!(
                    "local variable {index} (+{slots} slots) is outside max_locals {}",
                    code.max_locals
                ),
            ));
        }
        Ok(())
    }

    fn constant(&self, index: u16, what: &'static str) -> Result<&'c Constant<'a>, ClassFileError> {
        self.class.constant_pool.get(index, what)
    }

    fn wrong(
        &self,
        insn: &Instruction<'_>,
        index: u16,
        expected: &'static str,
        found: &Constant<'_>,
    ) -> ClassFileError {
        ClassFileError::WrongConstantKind {
            at: Default::default(),
            what: insn.mnemonic(),
            index,
            expected,
            found: found.kind_name(),
            rule: "4.9.1",
        }
    }

    fn check_instruction(
        &self,
        code: &Code<'_>,
        insn: &Instruction<'_>,
    ) -> Result<(), ClassFileError> {
        use Instruction as I;
        let major = self.class.major_version;
        let pool = &self.class.constant_pool;
        match *insn {
            I::Iload(i)
            | I::Fload(i)
            | I::Aload(i)
            | I::Istore(i)
            | I::Fstore(i)
            | I::Astore(i) => self.local(code, i, 1)?,
            I::Lload(i) | I::Dload(i) | I::Lstore(i) | I::Dstore(i) => self.local(code, i, 2)?,
            I::Iinc(inc) => self.local(code, inc.index, 1)?,
            I::Iload0 | I::Fload0 | I::Aload0 | I::Istore0 | I::Fstore0 | I::Astore0 => {
                self.local(code, 0, 1)?
            }
            I::Iload1 | I::Fload1 | I::Aload1 | I::Istore1 | I::Fstore1 | I::Astore1 => {
                self.local(code, 1, 1)?
            }
            I::Iload2 | I::Fload2 | I::Aload2 | I::Istore2 | I::Fstore2 | I::Astore2 => {
                self.local(code, 2, 1)?
            }
            I::Iload3 | I::Fload3 | I::Aload3 | I::Istore3 | I::Fstore3 | I::Astore3 => {
                self.local(code, 3, 1)?
            }
            I::Lload0 | I::Dload0 | I::Lstore0 | I::Dstore0 => self.local(code, 0, 2)?,
            I::Lload1 | I::Dload1 | I::Lstore1 | I::Dstore1 => self.local(code, 1, 2)?,
            I::Lload2 | I::Dload2 | I::Lstore2 | I::Dstore2 => self.local(code, 2, 2)?,
            I::Lload3 | I::Dload3 | I::Lstore3 | I::Dstore3 => self.local(code, 3, 2)?,
            I::Ldc(i) | I::LdcW(i) => {
                let c = self.constant(i, "ldc")?;
                let ok = match c {
                    Constant::Integer(_) | Constant::Float(_) | Constant::String { .. } => true,
                    Constant::Class { .. } => major >= 49,
                    Constant::MethodHandle { .. } | Constant::MethodType { .. } => major >= 51,
                    Constant::Dynamic {
                        name_and_type_index,
                        ..
                    } => {
                        let (_, d) = pool.name_and_type(*name_and_type_index)?;
                        d != "J" && d != "D"
                    }
                    _ => false,
                };
                if !ok {
                    return Err(self.wrong(insn, i, "a one-slot loadable constant", c));
                }
            }
            I::Ldc2W(i) => {
                let c = self.constant(i, "ldc2_w")?;
                let ok = match c {
                    Constant::Long(_) | Constant::Double(_) => true,
                    Constant::Dynamic {
                        name_and_type_index,
                        ..
                    } => {
                        let (_, d) = pool.name_and_type(*name_and_type_index)?;
                        d == "J" || d == "D"
                    }
                    _ => false,
                };
                if !ok {
                    return Err(self.wrong(insn, i, "Long, Double or a two-slot Dynamic", c));
                }
            }
            I::Getstatic(i) | I::Putstatic(i) | I::Getfield(i) | I::Putfield(i) => {
                let c = self.constant(i, "field instruction")?;
                if !matches!(c, Constant::Fieldref { .. }) {
                    return Err(self.wrong(insn, i, "Fieldref", c));
                }
            }
            I::Invokevirtual(i) | I::Invokespecial(i) | I::Invokestatic(i) => {
                let c = self.constant(i, "invoke instruction")?;
                let interface_ok = !matches!(insn, I::Invokevirtual(_)) && major >= 52;
                match c {
                    Constant::Methodref { .. } => {}
                    Constant::InterfaceMethodref { .. } if interface_ok => {}
                    _ => {
                        return Err(self.wrong(
                            insn,
                            i,
                            if interface_ok {
                                "Methodref or InterfaceMethodref"
                            } else {
                                "Methodref"
                            },
                            c,
                        ));
                    }
                }
                let name = pool.member_name(i)?;
                if name == "<init>" && !matches!(insn, I::Invokespecial(_)) {
                    return Err(err(
                        0,
                        "4.9.1",
                        format!("{} calls <init>; only invokespecial may", insn.mnemonic()),
                    ));
                }
            }
            I::Invokeinterface(ii) => {
                let c = self.constant(ii.index, "invokeinterface")?;
                if !matches!(c, Constant::InterfaceMethodref { .. }) {
                    return Err(self.wrong(insn, ii.index, "InterfaceMethodref", c));
                }
                let r = pool.member_ref(ii.index)?;
                if r.name.starts_with('<') {
                    return Err(err(0, "4.9.1", format!("invokeinterface calls {}", r.name)));
                }
                let slots = MethodDescriptor::parse(r.descriptor)
                    .map(|d| u16::from(d.parameter_slots()) + 1)
                    .map_err(|e| ClassFileError::BadDescriptor {
                        at: Default::default(),
                        what: "method",
                        descriptor: r.descriptor.into(),
                        reason: e.0,
                    })?;
                if u16::from(ii.count) != slots {
                    return Err(err(
                        0,
                        "4.9.1",
                        format!(
                            "invokeinterface count {} differs from the {slots} argument slots",
                            ii.count
                        ),
                    ));
                }
            }
            I::Invokedynamic(i) => {
                if major < 51 {
                    return Err(err(
                        0,
                        "4.9.1",
                        "invokedynamic before class file version 51".into(),
                    ));
                }
                let c = self.constant(i, "invokedynamic")?;
                if !matches!(c, Constant::InvokeDynamic { .. }) {
                    return Err(self.wrong(insn, i, "InvokeDynamic", c));
                }
            }
            I::New(i) | I::Anewarray(i) | I::Checkcast(i) | I::Instanceof(i) => {
                let c = self.constant(i, insn.mnemonic())?;
                if !matches!(c, Constant::Class { .. }) {
                    return Err(self.wrong(insn, i, "Class", c));
                }
                let name = pool.class_name(i)?;
                if matches!(insn, I::New(_)) && name.starts_with('[') {
                    return Err(err(0, "4.9.1", format!("new names the array type {name}")));
                }
                if matches!(insn, I::Anewarray(_))
                    && name.bytes().take_while(|&b| b == b'[').count() >= 255
                {
                    return Err(err(
                        0,
                        "4.9.1",
                        format!("anewarray of {name} would exceed 255 dimensions"),
                    ));
                }
            }
            I::Multianewarray(m) => {
                let c = self.constant(m.index, "multianewarray")?;
                if !matches!(c, Constant::Class { .. }) {
                    return Err(self.wrong(insn, m.index, "Class", c));
                }
                let name = pool.class_name(m.index)?;
                let dims = match FieldType::parse(name) {
                    Ok(FieldType::Array(a)) => a.dimensions(),
                    _ => 0,
                };
                if m.dimensions == 0 || m.dimensions > dims {
                    return Err(err(
                        0,
                        "4.9.1",
                        format!("multianewarray of {} dimensions on {name}", m.dimensions),
                    ));
                }
            }
            I::Newarray(atype) if !(4..=11).contains(&atype) => {
                return Err(err(
                    0,
                    "6.5.newarray",
                    format!("newarray atype {atype} is not in 4..=11"),
                ));
            }
            I::Jsr(_) | I::JsrW(_) | I::Ret(_) if major >= 51 => {
                return Err(err(
                    0,
                    "4.9.1",
                    format!(
                        "{} in class file version {major} (51 and later forbid it)",
                        insn.mnemonic()
                    ),
                ));
            }
            I::Ret(i) => self.local(code, i, 1)?,
            _ => {}
        }
        Ok(())
    }

    fn check_exception_table(&self, code: &Code<'_>) -> Result<(), ClassFileError> {
        let len = code.bytecode.len() as u32;
        for h in code.exception_table.iter() {
            let (start, end, handler) = (
                u32::from(h.start_pc),
                u32::from(h.end_pc),
                u32::from(h.handler_pc),
            );
            let ok = start < end
                && self.is_start(start)
                && (end == len || self.is_start(end))
                && self.is_start(handler);
            if !ok {
                return Err(err(
                    start,
                    "4.7.3",
                    format!(
                        "exception handler [{start}, {end}) -> {handler} is not on instruction boundaries within the code ({len} bytes)"
                    ),
                ));
            }
            if h.catch_type != 0 {
                self.class.constant_pool.class_name(h.catch_type)?;
            }
        }
        Ok(())
    }

    fn check_line_numbers(&self, code: &Code<'_>) -> Result<(), ClassFileError> {
        for l in code.line_numbers.iter() {
            if usize::from(l.start_pc) >= code.bytecode.len() {
                return Err(err(
                    u32::from(l.start_pc),
                    "4.7.12",
                    "LineNumberTable start_pc is outside the code".into(),
                ));
            }
        }
        Ok(())
    }

    fn check_local_variables(&mut self, code: &Code<'_>) -> Result<(), ClassFileError> {
        let pool = &self.class.constant_pool;
        for v in code.local_variables.iter() {
            let start = u32::from(v.start_pc);
            let end = start + u32::from(v.length);
            if !self.is_start(start) || (end as usize != code.bytecode.len() && !self.is_start(end))
            {
                return Err(err(
                    start,
                    "4.7.13",
                    format!(
                        "LocalVariableTable range [{start}, {end}) is not on instruction boundaries"
                    ),
                ));
            }
            pool.utf8(v.name_index)?;
            let descriptor = pool.utf8(v.descriptor_index)?;
            let slots = self
                .memo
                .field_slots(v.descriptor_index, descriptor)
                .map_err(|e| ClassFileError::BadDescriptor {
                    at: Default::default(),
                    what: "field",
                    descriptor: descriptor.into(),
                    reason: e.0,
                })?;
            self.local(code, v.index, slots)
                .map_err(|e| e.at_pc(start))?;
        }
        Ok(())
    }

    fn check_stack_map(&self, code: &Code<'_>) -> Result<(), ClassFileError> {
        let Some(table) = &code.stack_map_table else {
            return Ok(());
        };
        let pool = &self.class.constant_pool;
        let check_type = |pc: u32, t: VerificationType| -> Result<(), ClassFileError> {
            match t {
                VerificationType::Object(i) => {
                    pool.class_name(i).map_err(|e| e.at_pc(pc))?;
                }
                VerificationType::Uninitialized(at)
                    if self
                        .starts
                        .get(usize::from(at))
                        .is_none_or(|&s| s & NEW == 0) =>
                {
                    return Err(err(
                        pc,
                        "4.7.4",
                        format!("Uninitialized({at}) does not point at a new instruction"),
                    ));
                }
                _ => {}
            }
            Ok(())
        };
        for frame in table.frames() {
            let (pc, frame) = frame?;
            if !self.is_start(pc) {
                return Err(err(
                    pc,
                    "4.7.4",
                    "stack map frame is not at the start of an instruction".into(),
                ));
            }
            match frame {
                StackMapFrame::Same { .. } | StackMapFrame::Chop { .. } => {}
                StackMapFrame::SameLocals1StackItem { stack, .. } => check_type(pc, stack)?,
                StackMapFrame::Append { locals } => {
                    for t in locals.iter() {
                        check_type(pc, t)?;
                    }
                }
                StackMapFrame::Full { locals, stack } => {
                    let mut slots = 0u32;
                    for t in locals.iter() {
                        check_type(pc, t)?;
                        slots += if matches!(t, VerificationType::Long | VerificationType::Double) {
                            2
                        } else {
                            1
                        };
                    }
                    if slots > u32::from(code.max_locals) {
                        return Err(err(
                            pc,
                            "4.7.4",
                            format!(
                                "full_frame has {slots} local slots, max_locals is {}",
                                code.max_locals
                            ),
                        ));
                    }
                    let mut depth = 0u32;
                    for t in stack.iter() {
                        check_type(pc, t)?;
                        depth += if matches!(t, VerificationType::Long | VerificationType::Double) {
                            2
                        } else {
                            1
                        };
                    }
                    if depth > u32::from(code.max_stack) {
                        return Err(err(
                            pc,
                            "4.7.4",
                            format!(
                                "full_frame has stack depth {depth}, max_stack is {}",
                                code.max_stack
                            ),
                        ));
                    }
                }
            }
        }
        Ok(())
    }
}

/// True for the instructions [`for_each_target`] reports targets of.
fn is_branch(insn: &Instruction<'_>) -> bool {
    use Instruction as I;
    matches!(
        insn,
        I::Ifeq(_)
            | I::Ifne(_)
            | I::Iflt(_)
            | I::Ifge(_)
            | I::Ifgt(_)
            | I::Ifle(_)
            | I::IfIcmpeq(_)
            | I::IfIcmpne(_)
            | I::IfIcmplt(_)
            | I::IfIcmpge(_)
            | I::IfIcmpgt(_)
            | I::IfIcmple(_)
            | I::IfAcmpeq(_)
            | I::IfAcmpne(_)
            | I::Goto(_)
            | I::Jsr(_)
            | I::Ifnull(_)
            | I::Ifnonnull(_)
            | I::GotoW(_)
            | I::JsrW(_)
            | I::Tableswitch(_)
            | I::Lookupswitch(_)
    )
}

/// Calls `f` with every branch target of `insn`.
pub(crate) fn for_each_target(insn: &Instruction<'_>, mut f: impl FnMut(u32)) {
    use Instruction as I;
    match insn {
        I::Ifeq(t)
        | I::Ifne(t)
        | I::Iflt(t)
        | I::Ifge(t)
        | I::Ifgt(t)
        | I::Ifle(t)
        | I::IfIcmpeq(t)
        | I::IfIcmpne(t)
        | I::IfIcmplt(t)
        | I::IfIcmpge(t)
        | I::IfIcmpgt(t)
        | I::IfIcmple(t)
        | I::IfAcmpeq(t)
        | I::IfAcmpne(t)
        | I::Goto(t)
        | I::Jsr(t)
        | I::Ifnull(t)
        | I::Ifnonnull(t)
        | I::GotoW(t)
        | I::JsrW(t) => f(*t),
        I::Tableswitch(s) => {
            f(s.default);
            for (_, t) in s.targets() {
                f(t);
            }
        }
        I::Lookupswitch(s) => {
            f(s.default);
            for (_, t) in s.pairs() {
                f(t);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instruction::decode;

    /// The quick table agrees with the decoder on the length and kind of every opcode it
    /// does not send to it.
    #[test]
    fn quick_table_matches_the_decoder() {
        use Instruction as I;
        for op in 0..=255u8 {
            let quick = QUICK[usize::from(op)];
            if quick == Quick::Decode {
                continue;
            }
            let code = [op, 0, 1, 0, 0];
            let (insn, next) = decode(&code, 0).unwrap();
            let fixed = |n: u8, slots: u8| Quick::FixedLocal(n, slots);
            let expected = match insn {
                I::Iload0 | I::Fload0 | I::Aload0 | I::Istore0 | I::Fstore0 | I::Astore0 => {
                    fixed(0, 1)
                }
                I::Iload1 | I::Fload1 | I::Aload1 | I::Istore1 | I::Fstore1 | I::Astore1 => {
                    fixed(1, 1)
                }
                I::Iload2 | I::Fload2 | I::Aload2 | I::Istore2 | I::Fstore2 | I::Astore2 => {
                    fixed(2, 1)
                }
                I::Iload3 | I::Fload3 | I::Aload3 | I::Istore3 | I::Fstore3 | I::Astore3 => {
                    fixed(3, 1)
                }
                I::Lload0 | I::Dload0 | I::Lstore0 | I::Dstore0 => fixed(0, 2),
                I::Lload1 | I::Dload1 | I::Lstore1 | I::Dstore1 => fixed(1, 2),
                I::Lload2 | I::Dload2 | I::Lstore2 | I::Dstore2 => fixed(2, 2),
                I::Lload3 | I::Dload3 | I::Lstore3 | I::Dstore3 => fixed(3, 2),
                I::Iload(_)
                | I::Fload(_)
                | I::Aload(_)
                | I::Istore(_)
                | I::Fstore(_)
                | I::Astore(_) => Quick::LocalOperand(1),
                I::Lload(_) | I::Dload(_) | I::Lstore(_) | I::Dstore(_) => Quick::LocalOperand(2),
                I::Getfield(_) | I::Putfield(_) | I::Getstatic(_) | I::Putstatic(_) => Quick::Field,
                I::Invokevirtual(_) | I::Invokespecial(_) | I::Invokestatic(_) => Quick::Invoke,
                I::Ldc(_) | I::LdcW(_) => Quick::Ldc(next as u8),
                I::Jsr(_) | I::JsrW(_) | I::GotoW(_) => panic!("{op:#x} is not a quick branch"),
                _ if is_branch(&insn) => {
                    assert_eq!(next, 3, "{op:#x}");
                    Quick::Branch
                }
                I::New(_) | I::Newarray(_) | I::Ret(_) | I::Iinc(_) => panic!("{op:#x} has rules"),
                _ => Quick::Plain(next as u8),
            };
            assert_eq!(quick, expected, "{op:#x}");
        }
    }
}
