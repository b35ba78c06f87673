//! Helpful `NullPointerException` messages (JEP 358) as HotSpot 17 prints them by default:
//! what the instruction could not do, and where the null came from
//! (`Cannot invoke "String.length()" because "<local1>" is null`).
//!
//! The source is found by walking back over straight-line code from the failing op while
//! tracking stack depth; where control flow merges (a branch target in between) or an op's
//! stack effect is not modelled, the "because" part is left out, as HotSpot does when it
//! cannot tell.

use crate::code::{Kind, Op};
use crate::vm::{NO_METHOD, Vm};

/// What the failing instruction was doing.
#[derive(Debug, Clone, Copy)]
pub(crate) enum What {
    ArrayLoad,
    ArrayStore { long: bool },
    ArrayLength,
    GetField,
    PutField,
    Invoke(u32),
    Athrow,
    MonitorEnter,
    MonitorExit,
}

/// `java.lang.String` -> `String` (HotSpot drops `java.lang.` for its own package only).
fn short_name(internal: &str) -> String {
    // HotSpot shortens only these two (ExceptionMessageBuilder's print_klass_name and
    // trim_well_known_class_names).
    match internal {
        "java/lang/Object" => "Object".to_owned(),
        "java/lang/String" => "String".to_owned(),
        other => other.replace('/', "."),
    }
}

/// `(ILjava/lang/String;)V` -> `int, String`.
fn parameter_list(descriptor: &str) -> String {
    let params = descriptor
        .strip_prefix('(')
        .and_then(|d| d.split_once(')'))
        .map_or("", |(p, _)| p);
    let mut out = Vec::new();
    let mut rest = params;
    while !rest.is_empty() {
        let dims = rest.bytes().take_while(|&b| b == b'[').count();
        let base_len = if rest.as_bytes().get(dims) == Some(&b'L') {
            rest[dims..].find(';').map_or(rest.len() - dims, |e| e + 1)
        } else {
            1
        };
        let base = &rest[dims..(dims + base_len).min(rest.len())];
        let mut name = match base {
            "Z" => "boolean".to_owned(),
            "B" => "byte".to_owned(),
            "C" => "char".to_owned(),
            "S" => "short".to_owned(),
            "I" => "int".to_owned(),
            "J" => "long".to_owned(),
            "F" => "float".to_owned(),
            "D" => "double".to_owned(),
            _ => short_name(base.trim_start_matches('L').trim_end_matches(';')),
        };
        for _ in 0..dims {
            name.push_str("[]");
        }
        out.push(name);
        rest = &rest[(dims + base_len).min(rest.len())..];
    }
    out.join(", ")
}

fn array_type(opcode: u8) -> &'static str {
    match opcode {
        0x2e | 0x4f => "int",
        0x2f | 0x50 => "long",
        0x30 | 0x51 => "float",
        0x31 | 0x52 => "double",
        0x32 | 0x53 => "object",
        0x33 | 0x54 => "byte/boolean",
        0x34 | 0x55 => "char",
        _ => "short",
    }
}

impl Vm {
    fn method_text(&self, mid: u32) -> String {
        let m = &self.methods[mid as usize].method;
        format!(
            "{}.{}({})",
            short_name(&m.class_name),
            m.name,
            parameter_list(&m.descriptor)
        )
    }

    /// The field name of a field op's constant (`GetField(cp)` or its quickened form).
    fn field_name_at(&self, mid: u32, op: usize) -> Option<(String, String)> {
        let m = &self.methods[mid as usize];
        let code = m.code.as_ref()?;
        let pc = *code.op_pc.get(op)? as usize;
        let class = &self.classes[m.class as usize].linked;
        let bytes = class.code(&m.method)?.bytecode.get(pc + 1..pc + 3)?;
        let index = u16::from_be_bytes([bytes[0], bytes[1]]);
        let r = class.class_file()?.constant_pool().member_ref(index).ok()?;
        Some((short_name(r.class), r.name.to_owned()))
    }

    /// The method an invoke op names (from its constant).
    fn invoke_text_at(&self, mid: u32, op: usize) -> Option<String> {
        let m = &self.methods[mid as usize];
        let code = m.code.as_ref()?;
        let pc = *code.op_pc.get(op)? as usize;
        let class = &self.classes[m.class as usize].linked;
        let bytes = class.code(&m.method)?.bytecode.get(pc + 1..pc + 3)?;
        let index = u16::from_be_bytes([bytes[0], bytes[1]]);
        let r = class.class_file()?.constant_pool().member_ref(index).ok()?;
        Some(format!(
            "{}.{}({})",
            short_name(r.class),
            r.name,
            parameter_list(r.descriptor)
        ))
    }

    /// HotSpot's message for a null reference met by op `at` of method `mid`.
    pub(crate) fn npe_message(&mut self, mid: u32, at: usize, what: What) -> Option<String> {
        let opcode = self.methods[mid as usize]
            .code
            .as_ref()
            .and_then(|c| c.opcodes.get(at).copied())
            .unwrap_or(0);
        let (action, depth) = match what {
            What::ArrayLoad => (format!("Cannot load from {} array", array_type(opcode)), 1),
            What::ArrayStore { long } => (
                format!("Cannot store to {} array", array_type(opcode)),
                if long { 3 } else { 2 },
            ),
            What::ArrayLength => ("Cannot read the array length".to_owned(), 0),
            What::GetField => {
                let name = self.field_name_at(mid, at).map(|f| f.1).unwrap_or_default();
                (format!("Cannot read field \"{name}\""), 0)
            }
            What::PutField => {
                let name = self.field_name_at(mid, at).map(|f| f.1).unwrap_or_default();
                let width = self.methods[mid as usize]
                    .code
                    .as_ref()
                    .and_then(|c| c.ops.get(at))
                    .map_or(1, |op| match op {
                        Op::PutFieldQ(Kind::Long, _) => 2,
                        _ => 1,
                    });
                (format!("Cannot assign field \"{name}\""), width)
            }
            What::Invoke(callee) => {
                let text = if callee == NO_METHOD {
                    self.invoke_text_at(mid, at).unwrap_or_default()
                } else {
                    self.invoke_text_at(mid, at)
                        .unwrap_or_else(|| self.method_text(callee))
                };
                let args = if callee == NO_METHOD {
                    0
                } else {
                    usize::from(self.methods[callee as usize].args).saturating_sub(1)
                };
                (format!("Cannot invoke \"{text}\""), args)
            }
            What::Athrow => ("Cannot throw exception".to_owned(), 0),
            What::MonitorEnter => ("Cannot enter synchronized block".to_owned(), 0),
            What::MonitorExit => ("Cannot exit synchronized block".to_owned(), 0),
        };
        Some(match self.source_of(mid, at, depth, 0) {
            Some(Source::Plain(s)) => format!("{action} because \"{s}\" is null"),
            Some(Source::Returned(s)) => {
                format!("{action} because the return value of \"{s}\" is null")
            }
            None => action,
        })
    }

    /// Describes the value `depth` slots below the top of the stack just before op `at`.
    fn source_of(&self, mid: u32, at: usize, depth: usize, nest: u32) -> Option<Source> {
        if nest > 4 {
            return None;
        }
        let m = &self.methods[mid as usize];
        let code = m.code.as_ref()?;
        let targets = branch_targets(&code.ops, &code.switches);
        let mut need = depth;
        let mut j = at;
        while j > 0 {
            if targets.contains(&(j as u32)) {
                return None;
            }
            j -= 1;
            let op = unfuse(code.ops[j]);
            let (pops, pushes) = self.effect(op, code.opcodes[j])?;
            if need < pushes {
                if matches!(op, Op::Dup) {
                    return self.source_of(mid, j, 0, nest + 1);
                }
                return self.describe_source(mid, j, op, nest);
            }
            need = need - pushes + pops;
        }
        None
    }

    fn describe_source(&self, mid: u32, j: usize, op: Op, nest: u32) -> Option<Source> {
        let op = unfuse(op);
        let m = &self.methods[mid as usize];
        let code = m.code.as_ref()?;
        let opcode = code.opcodes[j];
        Some(match op {
            Op::Push(0) if opcode == 0x01 => Source::Plain("null".to_owned()),
            Op::Push(v) if (0x02..=0x11).contains(&opcode) => {
                Source::Plain((v as u32 as i32).to_string())
            }
            Op::Load(n) => Source::Plain(self.local_name(mid, n, code.op_pc[j])),
            Op::GetStatic(_) | Op::GetStaticQ(..) => {
                let (class, name) = self.field_name_at(mid, j)?;
                Source::Plain(format!("{class}.{name}"))
            }
            Op::GetField(_) | Op::GetFieldQ(..) => {
                let (_, name) = self.field_name_at(mid, j)?;
                match self.source_of(mid, j, 0, nest + 1)? {
                    Source::Plain(s) => Source::Plain(format!("{s}.{name}")),
                    Source::Returned(s) => Source::Plain(format!("{s}.{name}")),
                }
            }
            Op::Iaload | Op::Laload | Op::Aaload | Op::Baload | Op::Caload | Op::Saload => {
                let Source::Plain(array) = self.source_of(mid, j, 1, nest + 1)? else {
                    return None;
                };
                let Source::Plain(index) = self.source_of(mid, j, 0, nest + 1)? else {
                    return None;
                };
                Source::Plain(format!("{array}[{index}]"))
            }
            Op::InvokeVirtual(_)
            | Op::InvokeSpecial(_)
            | Op::InvokeStatic(_)
            | Op::InvokeInterface(_)
            | Op::InvokeDirect { .. }
            | Op::InvokeVirtualQ { .. }
            | Op::InvokeInterfaceQ { .. } => Source::Returned(self.invoke_text_at(mid, j)?),
            _ => return None,
        })
    }

    /// `this`, a name from the `LocalVariableTable`, `<parameterN>` or `<localN>`.
    fn local_name(&self, mid: u32, slot: u16, pc: u32) -> String {
        let m = &self.methods[mid as usize];
        let class = &self.classes[m.class as usize].linked;
        if let Some(code) = class.code(&m.method)
            && let Some(file) = class.class_file()
        {
            for v in code.local_variables.iter() {
                let live = u32::from(v.start_pc) <= pc + 3
                    && pc < u32::from(v.start_pc) + u32::from(v.length) + 3;
                if v.index == slot
                    && live
                    && let Ok(name) = file.constant_pool().utf8(v.name_index)
                {
                    return name.to_owned();
                }
            }
        }
        let is_static = m.method.is_static();
        if !is_static && slot == 0 {
            return "this".to_owned();
        }
        if slot < m.args {
            // Parameters are numbered from 1 in declaration order (long/double take 2 slots).
            let params = m
                .method
                .descriptor
                .strip_prefix('(')
                .and_then(|d| d.split_once(')'))
                .map_or("", |(p, _)| p);
            let mut at = u16::from(!is_static);
            let mut n = 0;
            let mut rest = params;
            while !rest.is_empty() && at <= slot {
                n += 1;
                let dims = rest.bytes().take_while(|&b| b == b'[').count();
                let len = if rest.as_bytes().get(dims) == Some(&b'L') {
                    rest[dims..].find(';').map_or(rest.len(), |e| dims + e + 1)
                } else {
                    dims + 1
                };
                let wide = dims == 0 && matches!(rest.as_bytes().first(), Some(b'J' | b'D'));
                if at == slot || (wide && at + 1 == slot) {
                    return format!("<parameter{n}>");
                }
                at += if wide { 2 } else { 1 };
                rest = &rest[len.min(rest.len())..];
            }
        }
        format!("<local{slot}>")
    }

    /// (slots popped, slots pushed) of an op, where modelled.
    fn effect(&self, op: Op, opcode: u8) -> Option<(usize, usize)> {
        Some(match op {
            Op::Nop => (0, 0),
            Op::Push(_) | Op::Load(_) => (0, 1),
            Op::Push2(_) | Op::Load2(_) => (0, 2),
            Op::Ldc(_) => (0, 1),
            Op::Store(_) => (1, 0),
            Op::Store2(_) => (2, 0),
            Op::Dup => (1, 2),
            Op::Pop => (1, 0),
            Op::Laload => (2, 2),
            Op::Iaload | Op::Aaload | Op::Baload | Op::Caload | Op::Saload => (2, 1),
            Op::GetStaticQ(k, _) => (0, if k == Kind::Long { 2 } else { 1 }),
            Op::GetFieldQ(k, _) => (1, if k == Kind::Long { 2 } else { 1 }),
            Op::GetStatic(_) | Op::GetField(_) => {
                let pops = usize::from(opcode == 0xb4);
                (pops, 1)
            }
            Op::InvokeDirect { method, .. } => {
                let m = &self.methods[method as usize];
                (usize::from(m.args), crate::natives::return_slots(m.ret))
            }
            Op::InvokeVirtual(_)
            | Op::InvokeStatic(_)
            | Op::InvokeSpecial(_)
            | Op::InvokeInterface(_)
            | Op::InvokeVirtualQ { .. }
            | Op::InvokeInterfaceQ { .. } => {
                // Only a call with no arguments and a reference result is modelled here.
                return None;
            }
            Op::Iinc(..) => (0, 0),
            Op::Checkcast(_) | Op::CheckcastQ(_) => (1, 1),
            _ => return None,
        })
    }
}

/// The op a superinstruction replaced at its index (its first component).
fn unfuse(op: Op) -> Op {
    match op {
        Op::LoadLoad(a, _)
        | Op::IfLocalsLt(a, ..)
        | Op::IfLocalsGe(a, ..)
        | Op::IfLocalsGt(a, ..)
        | Op::IfLocalsLe(a, ..)
        | Op::IfLocalsEq(a, ..)
        | Op::IfLocalsNe(a, ..)
        | Op::IfLocalConstLt(a, ..)
        | Op::IfLocalConstGe(a, ..)
        | Op::IfLocalConstGt(a, ..)
        | Op::IfLocalConstLe(a, ..)
        | Op::IfLocalConstEq(a, ..)
        | Op::IfLocalConstNe(a, ..) => Op::Load(a),
        Op::IincGoto(n, d, _) => Op::Iinc(n, d),
        other => other,
    }
}

enum Source {
    Plain(String),
    Returned(String),
}

fn branch_targets(ops: &[Op], switches: &[crate::code::Switch]) -> Vec<u32> {
    let mut out = Vec::new();
    for op in ops {
        match *op {
            Op::Ifeq(t)
            | Op::Ifne(t)
            | Op::Iflt(t)
            | Op::Ifge(t)
            | Op::Ifgt(t)
            | Op::Ifle(t)
            | Op::IfIcmpeq(t)
            | Op::IfIcmpne(t)
            | Op::IfIcmplt(t)
            | Op::IfIcmpge(t)
            | Op::IfIcmpgt(t)
            | Op::IfIcmple(t)
            | Op::IfAcmpeq(t)
            | Op::IfAcmpne(t)
            | Op::Ifnull(t)
            | Op::Ifnonnull(t)
            | Op::Goto(t)
            | Op::Jsr(t) => out.push(t),
            _ => {}
        }
    }
    for s in switches {
        match s {
            crate::code::Switch::Table {
                default, targets, ..
            } => {
                out.push(*default);
                out.extend(targets.iter());
            }
            crate::code::Switch::Lookup { default, pairs } => {
                out.push(*default);
                out.extend(pairs.iter().map(|p| p.1));
            }
        }
    }
    out
}
