//! Pre-decoded code: each method's bytecode turned once into a compact array of [`Op`]s with
//! operands pre-split (local index, branch target as an op index, constant pool index).
//!
//! Ops that name a constant pool entry start in a symbolic form (`GetField(cp)`) and are
//! rewritten in place ("quickened") the first time they run into a resolved form
//! (`GetFieldQ(kind, offset)`), so the steady state does no lookup and no hashing.

use jfork_classfile::{Code, Constant, ConstantPool, Instruction as I};

/// How a field or array element is stored and pushed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `B`: sign-extended byte.
    Byte,
    /// `Z`: a byte holding 0 or 1 (stores keep the low bit).
    Bool,
    /// `C`: zero-extended 16 bits.
    Char,
    /// `S`: sign-extended 16 bits.
    Short,
    /// `I`, `F`: 32 bits, one slot.
    Int,
    /// `J`, `D`: 64 bits, two slots.
    Long,
    /// A reference, one slot.
    Ref,
}

impl Kind {
    pub(crate) fn of(descriptor: &str) -> Kind {
        match descriptor.as_bytes().first() {
            Some(b'B') => Kind::Byte,
            Some(b'Z') => Kind::Bool,
            Some(b'C') => Kind::Char,
            Some(b'S') => Kind::Short,
            Some(b'I' | b'F') => Kind::Int,
            Some(b'J' | b'D') => Kind::Long,
            _ => Kind::Ref,
        }
    }
}

/// One pre-decoded instruction. Branch targets are op indices.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Op {
    Nop,
    /// Push one slot (`iconst`, `bipush`, `sipush`, `fconst`, `aconst_null`, `ldc` of a
    /// number, a quickened `ldc` of a string or class).
    Push(u64),
    /// Push two slots (`lconst`, `dconst`, `ldc2_w`).
    Push2(u64),
    /// `ldc` of a string, class, method type or handle: not yet resolved.
    Ldc(u16),
    Load(u16),
    Load2(u16),
    Store(u16),
    Store2(u16),
    Iaload,
    Laload,
    Aaload,
    Baload,
    Caload,
    Saload,
    Iastore,
    Lastore,
    Aastore,
    Bastore,
    Castore,
    Sastore,
    Pop,
    Pop2,
    Dup,
    DupX1,
    DupX2,
    Dup2,
    Dup2X1,
    Dup2X2,
    Swap,
    Iadd,
    Ladd,
    Fadd,
    Dadd,
    Isub,
    Lsub,
    Fsub,
    Dsub,
    Imul,
    Lmul,
    Fmul,
    Dmul,
    Idiv,
    Ldiv,
    Fdiv,
    Ddiv,
    Irem,
    Lrem,
    Frem,
    Drem,
    Ineg,
    Lneg,
    Fneg,
    Dneg,
    Ishl,
    Lshl,
    Ishr,
    Lshr,
    Iushr,
    Lushr,
    Iand,
    Land,
    Ior,
    Lor,
    Ixor,
    Lxor,
    Iinc(u16, i16),
    I2l,
    I2f,
    I2d,
    L2i,
    L2f,
    L2d,
    F2i,
    F2l,
    F2d,
    D2i,
    D2l,
    D2f,
    I2b,
    I2c,
    I2s,
    Lcmp,
    Fcmpl,
    Fcmpg,
    Dcmpl,
    Dcmpg,
    Ifeq(u32),
    Ifne(u32),
    Iflt(u32),
    Ifge(u32),
    Ifgt(u32),
    Ifle(u32),
    IfIcmpeq(u32),
    IfIcmpne(u32),
    IfIcmplt(u32),
    IfIcmpge(u32),
    IfIcmpgt(u32),
    IfIcmple(u32),
    IfAcmpeq(u32),
    IfAcmpne(u32),
    Ifnull(u32),
    Ifnonnull(u32),
    Goto(u32),
    /// `jsr`: pushes the op index after it as the return address.
    Jsr(u32),
    Ret(u16),
    /// Index into [`MethodCode::switches`].
    Switch(u32),
    /// Return with 0, 1 or 2 value slots.
    Return(u8),
    GetStatic(u16),
    PutStatic(u16),
    GetField(u16),
    PutField(u16),
    /// A static field's storage address (the class is initialized).
    GetStaticQ(Kind, u64),
    PutStaticQ(Kind, u64),
    /// An instance field's byte offset.
    GetFieldQ(Kind, u32),
    PutFieldQ(Kind, u32),
    InvokeVirtual(u16),
    InvokeSpecial(u16),
    InvokeStatic(u16),
    InvokeInterface(u16),
    InvokeDynamic(u16),
    /// A linked `invokedynamic`: call site index, argument and result slots.
    InvokeDynamicQ {
        site: u32,
        args: u16,
        ret: u16,
    },
    /// Dispatch through the receiver's vtable: slot and argument slots (receiver included).
    InvokeVirtualQ {
        vtable_index: u32,
        args: u16,
    },
    /// A call with no selection (static, `invokespecial`, private or final methods).
    /// `receiver` says whether the first argument must be null-checked.
    InvokeDirect {
        method: u32,
        args: u16,
        receiver: bool,
    },
    /// Interface dispatch: interface class id, index in its method table, argument slots.
    InvokeInterfaceQ {
        interface: u32,
        itable_index: u32,
        args: u16,
    },
    New(u16),
    /// Allocate an instance of an initialized class: class id and size.
    NewQ(u32, u32),
    /// `newarray`'s `atype`.
    NewArray(u8),
    ANewArray(u16),
    /// A one-dimensional array of a resolved array class.
    NewArrayQ(u32),
    ArrayLength,
    Athrow,
    Checkcast(u16),
    CheckcastQ(u32),
    Instanceof(u16),
    InstanceofQ(u32),
    MonitorEnter,
    MonitorExit,
    MultiANewArray(u16, u8),
    MultiANewArrayQ(u32, u8),
    /// Forms quickened while their class is still being initialized (by this thread): they
    /// check the class each time and turn into the plain form once it is initialized.
    GetStaticInit(Kind, u32, u64),
    PutStaticInit(Kind, u32, u64),
    NewInit(u32, u32),
    InvokeStaticInit {
        method: u32,
        args: u16,
    },
    /// Superinstructions (see [`fuse`]): two one-slot loads; then the next op is skipped.
    LoadLoad(u16, u16),
    /// `iload a; iload b; if_icmp<cond> t` in one op; the next two ops are skipped.
    IfLocalsLt(u16, u16, u32),
    IfLocalsGe(u16, u16, u32),
    IfLocalsGt(u16, u16, u32),
    IfLocalsLe(u16, u16, u32),
    IfLocalsEq(u16, u16, u32),
    IfLocalsNe(u16, u16, u32),
    /// `iload a; <int constant c>; if_icmp<cond> t`; the next two ops are skipped.
    IfLocalConstLt(u16, i32, u32),
    IfLocalConstGe(u16, i32, u32),
    IfLocalConstGt(u16, i32, u32),
    IfLocalConstLe(u16, i32, u32),
    IfLocalConstEq(u16, i32, u32),
    IfLocalConstNe(u16, i32, u32),
    /// `iinc n d; goto t` (a loop's back edge).
    IincGoto(u16, i16, u32),
}

/// Fuses common sequences of ops that cannot throw into one op at the first one's index.
/// The original ops stay in place after it (the fused op skips them), so a branch into the
/// middle of a sequence, exception ranges and the op/pc map are all unaffected. Off with
/// the `coverage` feature, so opcode counts stay exact.
pub(crate) fn fuse(ops: &mut [Op]) {
    if cfg!(feature = "coverage") {
        return;
    }
    for i in 0..ops.len().saturating_sub(1) {
        if let (Op::Iinc(n, d), Op::Goto(t)) = (ops[i], ops[i + 1]) {
            ops[i] = Op::IincGoto(n, d, t);
            continue;
        }
        let Op::Load(a) = ops[i] else { continue };
        if let (Op::Push(v), Some(next)) = (ops[i + 1], ops.get(i + 2)) {
            // An int constant: only ints reach if_icmp (JVMS 4.10).
            let c = v as u32 as i32;
            ops[i] = match *next {
                Op::IfIcmplt(t) => Op::IfLocalConstLt(a, c, t),
                Op::IfIcmpge(t) => Op::IfLocalConstGe(a, c, t),
                Op::IfIcmpgt(t) => Op::IfLocalConstGt(a, c, t),
                Op::IfIcmple(t) => Op::IfLocalConstLe(a, c, t),
                Op::IfIcmpeq(t) => Op::IfLocalConstEq(a, c, t),
                Op::IfIcmpne(t) => Op::IfLocalConstNe(a, c, t),
                _ => continue,
            };
            continue;
        }
        let Op::Load(b) = ops[i + 1] else { continue };
        ops[i] = match ops.get(i + 2) {
            Some(Op::IfIcmplt(t)) => Op::IfLocalsLt(a, b, *t),
            Some(Op::IfIcmpge(t)) => Op::IfLocalsGe(a, b, *t),
            Some(Op::IfIcmpgt(t)) => Op::IfLocalsGt(a, b, *t),
            Some(Op::IfIcmple(t)) => Op::IfLocalsLe(a, b, *t),
            Some(Op::IfIcmpeq(t)) => Op::IfLocalsEq(a, b, *t),
            Some(Op::IfIcmpne(t)) => Op::IfLocalsNe(a, b, *t),
            _ => Op::LoadLoad(a, b),
        };
    }
}

/// A `tableswitch` or `lookupswitch` with its targets as op indices.
#[derive(Debug)]
pub(crate) enum Switch {
    Table {
        low: i32,
        default: u32,
        targets: Box<[u32]>,
    },
    Lookup {
        default: u32,
        /// Sorted by key (JVMS 4.10.1.9 requires it).
        pairs: Box<[(i32, u32)]>,
    },
}

impl Switch {
    #[inline]
    pub(crate) fn target(&self, key: i32) -> u32 {
        match self {
            Switch::Table {
                low,
                default,
                targets,
            } => {
                let i = i64::from(key) - i64::from(*low);
                usize::try_from(i)
                    .ok()
                    .and_then(|i| targets.get(i))
                    .copied()
                    .unwrap_or(*default)
            }
            Switch::Lookup { default, pairs } => pairs
                .binary_search_by_key(&key, |&(k, _)| k)
                .map_or(*default, |i| pairs[i].1),
        }
    }
}

/// An exception table entry in op indices.
#[derive(Debug)]
pub(crate) struct Handler {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) handler: u32,
    /// `Class` index of the caught type, 0 for any.
    pub(crate) catch_type: u16,
    /// The caught class once resolved (a class id + 1; 0 = not yet).
    pub(crate) resolved: std::cell::Cell<u32>,
}

/// The pre-decoded form of one method's code.
#[derive(Debug)]
pub(crate) struct MethodCode {
    pub(crate) ops: Box<[Op]>,
    /// Bytecode pc of each op (for exception tables, line numbers and stack traces).
    pub(crate) op_pc: Box<[u32]>,
    /// The original opcode of each op.
    pub(crate) opcodes: Box<[u8]>,
    pub(crate) switches: Box<[Switch]>,
    pub(crate) handlers: Box<[Handler]>,
    pub(crate) max_locals: u16,
    pub(crate) max_stack: u16,
}

/// Why code could not be pre-decoded (the class file is malformed).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot decode the code of {method}: {reason}")]
pub struct DecodeError {
    /// `Class.name(descriptor)`.
    pub method: String,
    /// What is wrong.
    pub reason: String,
}

impl MethodCode {
    /// Decodes `code`, whose constant pool is `pool`. `method` names it in errors.
    pub(crate) fn decode(
        code: &Code<'_>,
        pool: &ConstantPool<'_>,
        method: &str,
    ) -> Result<MethodCode, DecodeError> {
        let err = |reason: String| DecodeError {
            method: method.to_owned(),
            reason,
        };
        let mut insns = Vec::new();
        let len = code.bytecode.len();
        // Op index of each bytecode pc (u32::MAX where no instruction starts).
        let mut pc_op = vec![u32::MAX; len + 1];
        for item in code.instructions() {
            let (pc, insn) = item.map_err(|e| err(e.to_string()))?;
            pc_op[pc as usize] = insns.len() as u32;
            insns.push((pc, insn));
        }
        pc_op[len] = insns.len() as u32;
        let target = |pc: u32| -> Result<u32, DecodeError> {
            match pc_op.get(pc as usize) {
                Some(&op) if op != u32::MAX && (pc as usize) < len => Ok(op),
                _ => Err(err(format!("branch to {pc}, which starts no instruction"))),
            }
        };
        let mut ops = Vec::with_capacity(insns.len());
        let mut op_pc = Vec::with_capacity(insns.len());
        let mut opcodes = Vec::with_capacity(insns.len());
        let mut switches = Vec::new();
        for &(pc, insn) in &insns {
            let op = match insn {
                I::Nop => Op::Nop,
                I::AconstNull => Op::Push(0),
                I::IconstM1 => int(-1),
                I::Iconst0 => int(0),
                I::Iconst1 => int(1),
                I::Iconst2 => int(2),
                I::Iconst3 => int(3),
                I::Iconst4 => int(4),
                I::Iconst5 => int(5),
                I::Lconst0 => Op::Push2(0),
                I::Lconst1 => Op::Push2(1),
                I::Fconst0 => Op::Push(u64::from(0f32.to_bits())),
                I::Fconst1 => Op::Push(u64::from(1f32.to_bits())),
                I::Fconst2 => Op::Push(u64::from(2f32.to_bits())),
                I::Dconst0 => Op::Push2(0f64.to_bits()),
                I::Dconst1 => Op::Push2(1f64.to_bits()),
                I::Bipush(v) => int(i32::from(v)),
                I::Sipush(v) => int(i32::from(v)),
                I::Ldc(i) | I::LdcW(i) | I::Ldc2W(i) => {
                    match pool.get(i, "ldc").map_err(|e| err(e.to_string()))? {
                        Constant::Integer(v) => int(*v),
                        Constant::Float(v) => Op::Push(u64::from(v.to_bits())),
                        Constant::Long(v) => Op::Push2(*v as u64),
                        Constant::Double(v) => Op::Push2(v.to_bits()),
                        _ => Op::Ldc(i),
                    }
                }
                I::Iload(n) | I::Fload(n) | I::Aload(n) => Op::Load(n),
                I::Lload(n) | I::Dload(n) => Op::Load2(n),
                I::Iload0 | I::Fload0 | I::Aload0 => Op::Load(0),
                I::Iload1 | I::Fload1 | I::Aload1 => Op::Load(1),
                I::Iload2 | I::Fload2 | I::Aload2 => Op::Load(2),
                I::Iload3 | I::Fload3 | I::Aload3 => Op::Load(3),
                I::Lload0 | I::Dload0 => Op::Load2(0),
                I::Lload1 | I::Dload1 => Op::Load2(1),
                I::Lload2 | I::Dload2 => Op::Load2(2),
                I::Lload3 | I::Dload3 => Op::Load2(3),
                I::Istore(n) | I::Fstore(n) | I::Astore(n) => Op::Store(n),
                I::Lstore(n) | I::Dstore(n) => Op::Store2(n),
                I::Istore0 | I::Fstore0 | I::Astore0 => Op::Store(0),
                I::Istore1 | I::Fstore1 | I::Astore1 => Op::Store(1),
                I::Istore2 | I::Fstore2 | I::Astore2 => Op::Store(2),
                I::Istore3 | I::Fstore3 | I::Astore3 => Op::Store(3),
                I::Lstore0 | I::Dstore0 => Op::Store2(0),
                I::Lstore1 | I::Dstore1 => Op::Store2(1),
                I::Lstore2 | I::Dstore2 => Op::Store2(2),
                I::Lstore3 | I::Dstore3 => Op::Store2(3),
                I::Iaload | I::Faload => Op::Iaload,
                I::Laload | I::Daload => Op::Laload,
                I::Aaload => Op::Aaload,
                I::Baload => Op::Baload,
                I::Caload => Op::Caload,
                I::Saload => Op::Saload,
                I::Iastore | I::Fastore => Op::Iastore,
                I::Lastore | I::Dastore => Op::Lastore,
                I::Aastore => Op::Aastore,
                I::Bastore => Op::Bastore,
                I::Castore => Op::Castore,
                I::Sastore => Op::Sastore,
                I::Pop => Op::Pop,
                I::Pop2 => Op::Pop2,
                I::Dup => Op::Dup,
                I::DupX1 => Op::DupX1,
                I::DupX2 => Op::DupX2,
                I::Dup2 => Op::Dup2,
                I::Dup2X1 => Op::Dup2X1,
                I::Dup2X2 => Op::Dup2X2,
                I::Swap => Op::Swap,
                I::Iadd => Op::Iadd,
                I::Ladd => Op::Ladd,
                I::Fadd => Op::Fadd,
                I::Dadd => Op::Dadd,
                I::Isub => Op::Isub,
                I::Lsub => Op::Lsub,
                I::Fsub => Op::Fsub,
                I::Dsub => Op::Dsub,
                I::Imul => Op::Imul,
                I::Lmul => Op::Lmul,
                I::Fmul => Op::Fmul,
                I::Dmul => Op::Dmul,
                I::Idiv => Op::Idiv,
                I::Ldiv => Op::Ldiv,
                I::Fdiv => Op::Fdiv,
                I::Ddiv => Op::Ddiv,
                I::Irem => Op::Irem,
                I::Lrem => Op::Lrem,
                I::Frem => Op::Frem,
                I::Drem => Op::Drem,
                I::Ineg => Op::Ineg,
                I::Lneg => Op::Lneg,
                I::Fneg => Op::Fneg,
                I::Dneg => Op::Dneg,
                I::Ishl => Op::Ishl,
                I::Lshl => Op::Lshl,
                I::Ishr => Op::Ishr,
                I::Lshr => Op::Lshr,
                I::Iushr => Op::Iushr,
                I::Lushr => Op::Lushr,
                I::Iand => Op::Iand,
                I::Land => Op::Land,
                I::Ior => Op::Ior,
                I::Lor => Op::Lor,
                I::Ixor => Op::Ixor,
                I::Lxor => Op::Lxor,
                I::Iinc(i) => Op::Iinc(i.index, i.delta),
                I::I2l => Op::I2l,
                I::I2f => Op::I2f,
                I::I2d => Op::I2d,
                I::L2i => Op::L2i,
                I::L2f => Op::L2f,
                I::L2d => Op::L2d,
                I::F2i => Op::F2i,
                I::F2l => Op::F2l,
                I::F2d => Op::F2d,
                I::D2i => Op::D2i,
                I::D2l => Op::D2l,
                I::D2f => Op::D2f,
                I::I2b => Op::I2b,
                I::I2c => Op::I2c,
                I::I2s => Op::I2s,
                I::Lcmp => Op::Lcmp,
                I::Fcmpl => Op::Fcmpl,
                I::Fcmpg => Op::Fcmpg,
                I::Dcmpl => Op::Dcmpl,
                I::Dcmpg => Op::Dcmpg,
                I::Ifeq(t) => Op::Ifeq(target(t)?),
                I::Ifne(t) => Op::Ifne(target(t)?),
                I::Iflt(t) => Op::Iflt(target(t)?),
                I::Ifge(t) => Op::Ifge(target(t)?),
                I::Ifgt(t) => Op::Ifgt(target(t)?),
                I::Ifle(t) => Op::Ifle(target(t)?),
                I::IfIcmpeq(t) => Op::IfIcmpeq(target(t)?),
                I::IfIcmpne(t) => Op::IfIcmpne(target(t)?),
                I::IfIcmplt(t) => Op::IfIcmplt(target(t)?),
                I::IfIcmpge(t) => Op::IfIcmpge(target(t)?),
                I::IfIcmpgt(t) => Op::IfIcmpgt(target(t)?),
                I::IfIcmple(t) => Op::IfIcmple(target(t)?),
                I::IfAcmpeq(t) => Op::IfAcmpeq(target(t)?),
                I::IfAcmpne(t) => Op::IfAcmpne(target(t)?),
                I::Goto(t) | I::GotoW(t) => Op::Goto(target(t)?),
                I::Jsr(t) | I::JsrW(t) => Op::Jsr(target(t)?),
                I::Ret(n) => Op::Ret(n),
                I::Tableswitch(t) => {
                    let mut targets = Vec::new();
                    for (_, pc) in t.targets() {
                        targets.push(target(pc)?);
                    }
                    switches.push(Switch::Table {
                        low: t.low,
                        default: target(t.default)?,
                        targets: targets.into(),
                    });
                    Op::Switch(switches.len() as u32 - 1)
                }
                I::Lookupswitch(l) => {
                    let mut pairs = Vec::new();
                    for (key, pc) in l.pairs() {
                        pairs.push((key, target(pc)?));
                    }
                    pairs.sort_by_key(|&(k, _)| k);
                    switches.push(Switch::Lookup {
                        default: target(l.default)?,
                        pairs: pairs.into(),
                    });
                    Op::Switch(switches.len() as u32 - 1)
                }
                I::Ireturn | I::Freturn | I::Areturn => Op::Return(1),
                I::Lreturn | I::Dreturn => Op::Return(2),
                I::Return => Op::Return(0),
                I::Getstatic(i) => Op::GetStatic(i),
                I::Putstatic(i) => Op::PutStatic(i),
                I::Getfield(i) => Op::GetField(i),
                I::Putfield(i) => Op::PutField(i),
                I::Invokevirtual(i) => Op::InvokeVirtual(i),
                I::Invokespecial(i) => Op::InvokeSpecial(i),
                I::Invokestatic(i) => Op::InvokeStatic(i),
                I::Invokeinterface(i) => Op::InvokeInterface(i.index),
                I::Invokedynamic(i) => Op::InvokeDynamic(i),
                I::New(i) => Op::New(i),
                I::Newarray(t) => Op::NewArray(t),
                I::Anewarray(i) => Op::ANewArray(i),
                I::Arraylength => Op::ArrayLength,
                I::Athrow => Op::Athrow,
                I::Checkcast(i) => Op::Checkcast(i),
                I::Instanceof(i) => Op::Instanceof(i),
                I::Monitorenter => Op::MonitorEnter,
                I::Monitorexit => Op::MonitorExit,
                I::Multianewarray(m) => Op::MultiANewArray(m.index, m.dimensions),
                I::Ifnull(t) => Op::Ifnull(target(t)?),
                I::Ifnonnull(t) => Op::Ifnonnull(target(t)?),
            };
            ops.push(op);
            op_pc.push(pc);
            opcodes.push(insn.opcode());
        }
        let mut handlers = Vec::new();
        for h in code.exception_table.iter() {
            let at = |pc: u16| pc_op.get(usize::from(pc)).copied().unwrap_or(u32::MAX);
            let (start, end, handler) = (at(h.start_pc), at(h.end_pc), at(h.handler_pc));
            if start == u32::MAX || end == u32::MAX || handler == u32::MAX {
                return Err(err(format!(
                    "exception handler {}..{} -> {} is not on instruction boundaries",
                    h.start_pc, h.end_pc, h.handler_pc
                )));
            }
            handlers.push(Handler {
                start,
                end,
                handler,
                catch_type: h.catch_type,
                resolved: std::cell::Cell::new(0),
            });
        }
        fuse(&mut ops);
        Ok(MethodCode {
            ops: ops.into(),
            op_pc: op_pc.into(),
            opcodes: opcodes.into(),
            switches: switches.into(),
            handlers: handlers.into(),
            max_locals: code.max_locals,
            max_stack: code.max_stack,
        })
    }
}

fn int(v: i32) -> Op {
    Op::Push(v as u32 as u64)
}
