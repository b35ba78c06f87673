//! A `javap -p -c -v`-style printer: header, constant pool, fields, methods with
//! disassembled code, and class attributes.
//!
//! The lines for flags, descriptors, constant pool entries and instructions (with their
//! `//` comments) follow javap's layout column for column; declaration lines use
//! descriptors rather than generic signatures, and the file's date and checksum are left out.

use std::fmt::Write;

use crate::attribute::RawAttribute;
use crate::class::ClassFile;
use crate::constant_pool::{Constant, ConstantPool};
use crate::descriptor::FieldType;
use crate::flags::*;
use crate::instruction::Instruction;
use crate::member::{Code, Field, Method};
use crate::stack_map::{StackMapFrame, VerificationType};

/// Renders `class` as `javap -p -c -v` would (see the module notes for the differences).
pub fn render(class: &ClassFile<'_>) -> String {
    let mut p = Printer {
        class,
        pool: &class.constant_pool,
        out: String::with_capacity(class.bytes.len() * 4),
    };
    p.class();
    p.out
}

struct Printer<'c, 'a> {
    class: &'c ClassFile<'a>,
    pool: &'c ConstantPool<'a>,
    out: String,
}

const CLASS_FLAGS: &[(u16, &str)] = &[
    (ACC_PUBLIC, "ACC_PUBLIC"),
    (ACC_FINAL, "ACC_FINAL"),
    (ACC_SUPER, "ACC_SUPER"),
    (ACC_INTERFACE, "ACC_INTERFACE"),
    (ACC_ABSTRACT, "ACC_ABSTRACT"),
    (ACC_SYNTHETIC, "ACC_SYNTHETIC"),
    (ACC_ANNOTATION, "ACC_ANNOTATION"),
    (ACC_ENUM, "ACC_ENUM"),
    (ACC_MODULE, "ACC_MODULE"),
];

const FIELD_FLAGS: &[(u16, &str)] = &[
    (ACC_PUBLIC, "ACC_PUBLIC"),
    (ACC_PRIVATE, "ACC_PRIVATE"),
    (ACC_PROTECTED, "ACC_PROTECTED"),
    (ACC_STATIC, "ACC_STATIC"),
    (ACC_FINAL, "ACC_FINAL"),
    (ACC_VOLATILE, "ACC_VOLATILE"),
    (ACC_TRANSIENT, "ACC_TRANSIENT"),
    (ACC_SYNTHETIC, "ACC_SYNTHETIC"),
    (ACC_ENUM, "ACC_ENUM"),
];

const METHOD_FLAGS: &[(u16, &str)] = &[
    (ACC_PUBLIC, "ACC_PUBLIC"),
    (ACC_PRIVATE, "ACC_PRIVATE"),
    (ACC_PROTECTED, "ACC_PROTECTED"),
    (ACC_STATIC, "ACC_STATIC"),
    (ACC_FINAL, "ACC_FINAL"),
    (ACC_SYNCHRONIZED, "ACC_SYNCHRONIZED"),
    (ACC_BRIDGE, "ACC_BRIDGE"),
    (ACC_VARARGS, "ACC_VARARGS"),
    (ACC_NATIVE, "ACC_NATIVE"),
    (ACC_ABSTRACT, "ACC_ABSTRACT"),
    (ACC_STRICT, "ACC_STRICT"),
    (ACC_SYNTHETIC, "ACC_SYNTHETIC"),
];

fn flag_line(flags: u16, names: &[(u16, &str)]) -> String {
    let mut s = format!("flags: (0x{flags:04x})");
    let set: Vec<&str> = names
        .iter()
        .filter(|(bit, _)| flags & bit != 0)
        .map(|(_, n)| *n)
        .collect();
    if !set.is_empty() {
        s.push(' ');
        s.push_str(&set.join(", "));
    }
    s
}

/// Java keywords for the flags, in javap's order.
fn modifiers(flags: u16, method: bool, field: bool) -> String {
    let mut words = Vec::new();
    let mut add = |bit: u16, word: &'static str| {
        if flags & bit != 0 {
            words.push(word);
        }
    };
    add(ACC_PUBLIC, "public");
    add(ACC_PRIVATE, "private");
    add(ACC_PROTECTED, "protected");
    add(ACC_STATIC, "static");
    add(ACC_FINAL, "final");
    if method {
        add(ACC_SYNCHRONIZED, "synchronized");
        add(ACC_NATIVE, "native");
        add(ACC_ABSTRACT, "abstract");
    }
    if field {
        add(ACC_VOLATILE, "volatile");
        add(ACC_TRANSIENT, "transient");
    }
    let mut s = words.join(" ");
    if !s.is_empty() {
        s.push(' ');
    }
    s
}

/// javap's escaping of constant text: control characters as `\uXXXX`.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

fn quote_special(name: &str) -> String {
    if name.starts_with('<') || name.starts_with('[') {
        format!("\"{name}\"")
    } else {
        name.to_string()
    }
}

fn java_name(internal: &str) -> String {
    internal.replace('/', ".")
}

fn float_text(f: f32) -> String {
    if f.is_nan() {
        "NaNf".into()
    } else if f.is_infinite() {
        if f > 0.0 {
            "Infinityf".into()
        } else {
            "-Infinityf".into()
        }
    } else {
        format!("{}f", java_float(f64::from(f), true))
    }
}

fn double_text(d: f64) -> String {
    if d.is_nan() {
        "NaNd".into()
    } else if d.is_infinite() {
        if d > 0.0 {
            "Infinityd".into()
        } else {
            "-Infinityd".into()
        }
    } else {
        format!("{}d", java_float(d, false))
    }
}

/// Approximates Java's `Double.toString`/`Float.toString`: plain for 1e-3 <= |x| < 1e7,
/// otherwise computerized scientific notation.
fn java_float(x: f64, single: bool) -> String {
    let shortest = if single {
        format!("{:?}", x as f32)
    } else {
        format!("{x:?}")
    };
    let a = x.abs();
    if a == 0.0 || (1e-3..1e7).contains(&a) {
        if shortest.contains('e') {
            return format!("{x:.1}");
        }
        return shortest;
    }
    let sci = if single {
        format!("{:e}", x as f32)
    } else {
        format!("{x:e}")
    };
    match sci.split_once('e') {
        Some((m, e)) if m.contains('.') => format!("{m}E{e}"),
        Some((m, e)) => format!("{m}.0E{e}"),
        None => sci,
    }
}

impl Printer<'_, '_> {
    fn line(&mut self, indent: usize, text: &str) {
        for _ in 0..indent {
            self.out.push(' ');
        }
        // javap trims trailing blanks (e.g. after an empty comment).
        self.out.push_str(text.trim_end());
        self.out.push('\n');
    }

    fn utf8(&self, index: u16) -> String {
        self.pool
            .utf8(index)
            .map(escape)
            .unwrap_or_else(|_| format!("<bad index {index}>"))
    }

    fn class_name(&self, index: u16) -> String {
        self.pool
            .class_name(index)
            .map(str::to_string)
            .unwrap_or_else(|_| format!("<bad index {index}>"))
    }

    /// The comment javap prints for a reference to constant `index`.
    fn describe(&self, index: u16, in_code: bool) -> String {
        let Ok(c) = self.pool.get(index, "printer") else {
            return format!("<bad index {index}>");
        };
        let member = |class_index: u16, nat: u16| {
            let class = self.class_name(class_index);
            let nat = self.name_and_type(nat);
            if in_code && class == *self.class.this_class {
                nat
            } else {
                format!("{}.{nat}", quote_special(&class))
            }
        };
        match *c {
            Constant::Utf8(ref s) => escape(s),
            Constant::Integer(v) => {
                if in_code {
                    format!("int {v}")
                } else {
                    v.to_string()
                }
            }
            Constant::Float(v) => {
                if in_code {
                    format!("float {}", float_text(v))
                } else {
                    float_text(v)
                }
            }
            Constant::Long(v) => {
                if in_code {
                    format!("long {v}l")
                } else {
                    format!("{v}l")
                }
            }
            Constant::Double(v) => {
                if in_code {
                    format!("double {}", double_text(v))
                } else {
                    double_text(v)
                }
            }
            Constant::Class { name_index } => {
                let name = quote_special(&self.utf8(name_index));
                if in_code {
                    format!("class {name}")
                } else {
                    name
                }
            }
            Constant::String { string_index } => {
                let s = self.utf8(string_index);
                if in_code { format!("String {s}") } else { s }
            }
            Constant::Fieldref {
                class_index,
                name_and_type_index,
            } => {
                let m = member(class_index, name_and_type_index);
                if in_code { format!("Field {m}") } else { m }
            }
            Constant::Methodref {
                class_index,
                name_and_type_index,
            } => {
                let m = member(class_index, name_and_type_index);
                if in_code { format!("Method {m}") } else { m }
            }
            Constant::InterfaceMethodref {
                class_index,
                name_and_type_index,
            } => {
                let m = member(class_index, name_and_type_index);
                if in_code {
                    format!("InterfaceMethod {m}")
                } else {
                    m
                }
            }
            Constant::NameAndType { .. } => self.name_and_type(index),
            Constant::MethodHandle {
                reference_kind,
                reference_index,
            } => {
                let target = self.describe(reference_index, false);
                format!("{} {target}", reference_kind.name())
            }
            Constant::MethodType { descriptor_index } => {
                let d = self.utf8(descriptor_index);
                if in_code {
                    format!("MethodType {d}")
                } else {
                    format!(" {d}")
                }
            }
            Constant::Dynamic {
                bootstrap_method_attr_index,
                name_and_type_index,
            } => {
                let s = format!(
                    "#{bootstrap_method_attr_index}:{}",
                    self.name_and_type(name_and_type_index)
                );
                if in_code { format!("Dynamic {s}") } else { s }
            }
            Constant::InvokeDynamic {
                bootstrap_method_attr_index,
                name_and_type_index,
            } => {
                let s = format!(
                    "#{bootstrap_method_attr_index}:{}",
                    self.name_and_type(name_and_type_index)
                );
                if in_code {
                    format!("InvokeDynamic {s}")
                } else {
                    s
                }
            }
            Constant::Module { name_index } | Constant::Package { name_index } => {
                self.utf8(name_index)
            }
            Constant::Unusable => String::new(),
        }
    }

    fn name_and_type(&self, index: u16) -> String {
        match self.pool.name_and_type(index) {
            Ok((n, d)) => format!("{}:{}", quote_special(n), escape(d)),
            Err(_) => format!("<bad index {index}>"),
        }
    }

    fn class(&mut self) {
        let class = self.class;
        if let Some(source) = class.source_file() {
            let source = escape(source);
            self.line(2, &format!("Compiled from \"{source}\""));
        }
        let flags = class.access_flags;
        let kind = if flags & ACC_MODULE != 0 {
            "module"
        } else if flags & ACC_ANNOTATION != 0 {
            "@interface"
        } else if flags & ACC_INTERFACE != 0 {
            "interface"
        } else {
            "class"
        };
        let mods = modifiers(
            flags
                & !(ACC_SUPER
                    | if flags & ACC_INTERFACE != 0 {
                        ACC_ABSTRACT
                    } else {
                        0
                    }),
            false,
            false,
        );
        let mut decl = format!("{mods}{kind} {}", java_name(&class.this_class));
        // Like javap, show `extends java.lang.Object` only when a generic signature says so.
        if flags & ACC_INTERFACE == 0
            && let Some(s) = class.super_class()
            && (s != "java/lang/Object" || class.signature().is_some())
        {
            let _ = write!(decl, " extends {}", java_name(s));
        }
        let interfaces: Vec<String> = class.interfaces().map(java_name).collect();
        if !interfaces.is_empty() {
            let word = if flags & ACC_INTERFACE != 0 {
                "extends"
            } else {
                "implements"
            };
            let _ = write!(decl, " {word} {}", interfaces.join(", "));
        }
        self.line(0, &decl);
        self.line(2, &format!("minor version: {}", class.minor_version));
        self.line(2, &format!("major version: {}", class.major_version));
        self.line(2, &flag_line(flags, CLASS_FLAGS));
        let this = format!("this_class: #{}", class.this_class_index);
        self.line(
            2,
            &format!("{this:<40}// {}", self.class_name(class.this_class_index)),
        );
        if class.super_class_index != 0 {
            let sup = format!("super_class: #{}", class.super_class_index);
            self.line(
                2,
                &format!("{sup:<40}// {}", self.class_name(class.super_class_index)),
            );
        } else {
            self.line(2, "super_class: #0");
        }
        self.line(
            2,
            &format!(
                "interfaces: {}, fields: {}, methods: {}, attributes: {}",
                class.interfaces.len(),
                class.fields.len(),
                class.methods.len(),
                class.attributes.len()
            ),
        );
        self.constant_pool();
        self.line(0, "{");
        let mut first = true;
        for field in &class.fields {
            if !first {
                self.line(0, "");
            }
            first = false;
            self.field(field);
        }
        for method in &class.methods {
            if !first {
                self.line(0, "");
            }
            first = false;
            self.method(method);
        }
        self.line(0, "}");
        for attr in class.attributes.iter() {
            self.class_attribute(&attr);
        }
    }

    fn constant_pool(&mut self) {
        self.line(0, "Constant pool:");
        let width = 3 + (self.pool.count().saturating_sub(1)).to_string().len();
        for (i, c) in self.pool.iter() {
            let refs = match *c {
                Constant::Utf8(ref s) => {
                    let idx = format!("#{i}");
                    self.line(0, &format!("{idx:>width$} = {:<18} {}", "Utf8", escape(s)));
                    continue;
                }
                Constant::Integer(_)
                | Constant::Float(_)
                | Constant::Long(_)
                | Constant::Double(_) => {
                    let idx = format!("#{i}");
                    let v = self.describe(i, false);
                    self.line(0, &format!("{idx:>width$} = {:<18} {v}", c.kind_name()));
                    continue;
                }
                Constant::Class { name_index }
                | Constant::Module { name_index }
                | Constant::Package { name_index } => format!("#{name_index}"),
                Constant::String { string_index } => format!("#{string_index}"),
                Constant::Fieldref {
                    class_index,
                    name_and_type_index,
                }
                | Constant::Methodref {
                    class_index,
                    name_and_type_index,
                }
                | Constant::InterfaceMethodref {
                    class_index,
                    name_and_type_index,
                } => {
                    format!("#{class_index}.#{name_and_type_index}")
                }
                Constant::NameAndType {
                    name_index,
                    descriptor_index,
                } => format!("#{name_index}:#{descriptor_index}"),
                Constant::MethodHandle {
                    reference_kind,
                    reference_index,
                } => {
                    format!("{}:#{reference_index}", reference_kind as u8)
                }
                Constant::MethodType { descriptor_index } => format!("#{descriptor_index}"),
                Constant::Dynamic {
                    bootstrap_method_attr_index,
                    name_and_type_index,
                }
                | Constant::InvokeDynamic {
                    bootstrap_method_attr_index,
                    name_and_type_index,
                } => {
                    format!("#{bootstrap_method_attr_index}:#{name_and_type_index}")
                }
                Constant::Unusable => continue,
            };
            let idx = format!("#{i}");
            let comment = self.describe(i, false);
            // The index and reference columns share 20 characters.
            let refs_width = 19usize.saturating_sub(width);
            self.line(
                0,
                &format!(
                    "{idx:>width$} = {:<18} {refs:<refs_width$} // {comment}",
                    c.kind_name()
                ),
            );
        }
    }

    fn field(&mut self, field: &Field<'_>) {
        let mods = modifiers(field.access_flags, false, true);
        self.line(2, &format!("{mods}{} {};", field.descriptor, field.name));
        self.line(
            4,
            &format!("descriptor: {}", self.utf8(field.descriptor_index)),
        );
        self.line(4, &flag_line(field.access_flags, FIELD_FLAGS));
        for attr in field.attributes.iter() {
            let name = self.pool.utf8(attr.name_index).unwrap_or("");
            match name {
                "ConstantValue" => {
                    if let Some(i) = field.constant_value_index {
                        let v = match self.pool.get(i, "ConstantValue") {
                            Ok(Constant::String { .. }) => {
                                format!("String {}", self.describe(i, false))
                            }
                            _ => self.describe(i, true),
                        };
                        self.line(4, &format!("ConstantValue: {v}"));
                    }
                }
                _ => self.member_attribute(&attr, name),
            }
        }
    }

    fn member_attribute(&mut self, attr: &RawAttribute<'_>, name: &str) {
        match name {
            "Signature" => {
                let index = crate::reader::be_u16(attr.info, 0);
                let head = format!("Signature: #{index}");
                self.line(4, &format!("{head:<40}// {}", self.utf8(index)));
            }
            "Deprecated" => self.line(4, "Deprecated: true"),
            "Synthetic" => self.line(4, "Synthetic: true"),
            _ => self.line(4, &format!("{name}: length = 0x{:x}", attr.info.len())),
        }
    }

    fn method(&mut self, method: &Method<'_>) {
        let class = self.class;
        let mods = modifiers(method.access_flags, true, false);
        let params: Vec<String> = method
            .descriptor
            .parameters()
            .map(|t| t.to_string())
            .collect();
        let decl = match &*method.name {
            "<clinit>" => "static {}".to_string(),
            "<init>" => format!(
                "{mods}{}({})",
                java_name(&class.this_class),
                params.join(", ")
            ),
            name => {
                let ret = method
                    .descriptor
                    .return_type()
                    .map_or("void".to_string(), |t| t.to_string());
                format!("{mods}{ret} {name}({})", params.join(", "))
            }
        };
        let throws: Vec<String> = method
            .exceptions
            .iter()
            .map(|i| java_name(&self.class_name(i)))
            .collect();
        if throws.is_empty() {
            self.line(2, &format!("{decl};"));
        } else {
            self.line(2, &format!("{decl} throws {};", throws.join(", ")));
        }
        self.line(
            4,
            &format!("descriptor: {}", escape(method.descriptor.as_str())),
        );
        self.line(4, &flag_line(method.access_flags, METHOD_FLAGS));
        for attr in method.attributes.iter() {
            let name = self.pool.utf8(attr.name_index).unwrap_or("");
            match name {
                "Code" => {
                    if let Some(code) = &method.code {
                        self.code(method, code);
                    }
                }
                "Exceptions" => {
                    self.line(4, "Exceptions:");
                    self.line(6, &format!("throws {}", throws.join(", ")));
                }
                _ => self.member_attribute(&attr, name),
            }
        }
    }

    fn code(&mut self, method: &Method<'_>, code: &Code<'_>) {
        self.line(4, "Code:");
        let args = u16::from(method.descriptor.parameter_count())
            + u16::from(method.access_flags & ACC_STATIC == 0);
        self.line(
            6,
            &format!(
                "stack={}, locals={}, args_size={args}",
                code.max_stack, code.max_locals
            ),
        );
        for item in code.instructions() {
            match item {
                Ok((pc, insn)) => self.instruction(code, pc, &insn),
                Err(e) => {
                    self.line(6, &format!("<malformed code: {e}>"));
                    break;
                }
            }
        }
        if !code.exception_table.is_empty() {
            self.line(6, "Exception table:");
            self.line(9, "from    to  target type");
            for h in code.exception_table.iter() {
                let ty = if h.catch_type == 0 {
                    "any".to_string()
                } else {
                    format!("Class {}", self.class_name(h.catch_type))
                };
                self.line(
                    0,
                    &format!(
                        "{:>14}{:>6}{:>6}   {ty}",
                        h.start_pc, h.end_pc, h.handler_pc
                    ),
                );
            }
        }
        for attr in code.attributes.iter() {
            let name = self.pool.utf8(attr.name_index).unwrap_or("");
            match name {
                "LineNumberTable" => {
                    self.line(6, "LineNumberTable:");
                    if let Ok(t) = crate::attribute::read_table::<crate::attribute::LineNumber>(
                        name, attr.info, 0,
                    ) {
                        for l in t.iter() {
                            self.line(8, &format!("line {}: {}", l.line_number, l.start_pc));
                        }
                    }
                }
                "LocalVariableTable" | "LocalVariableTypeTable" => {
                    self.line(6, &format!("{name}:"));
                    self.line(8, "Start  Length  Slot  Name   Signature");
                    if let Ok(t) = crate::attribute::read_table::<crate::attribute::LocalVariable>(
                        name, attr.info, 0,
                    ) {
                        for v in t.iter() {
                            let line = format!(
                                "{:>13}{:>8}{:>6} {:>5}   {}",
                                v.start_pc,
                                v.length,
                                v.index,
                                self.utf8(v.name_index),
                                self.utf8(v.descriptor_index)
                            );
                            self.line(0, &line);
                        }
                    }
                }
                "StackMapTable" => self.stack_map(code),
                _ => self.line(6, &format!("{name}: length = 0x{:x}", attr.info.len())),
            }
        }
    }

    fn verification_type(&self, t: VerificationType) -> String {
        match t {
            VerificationType::Top => "top".into(),
            VerificationType::Integer => "int".into(),
            VerificationType::Float => "float".into(),
            VerificationType::Double => "double".into(),
            VerificationType::Long => "long".into(),
            VerificationType::Null => "null".into(),
            VerificationType::UninitializedThis => "uninitialized_this".into(),
            VerificationType::Object(i) => format!("class {}", quote_special(&self.class_name(i))),
            VerificationType::Uninitialized(pc) => format!("uninitialized {pc}"),
        }
    }

    fn types(&self, types: impl Iterator<Item = VerificationType>) -> String {
        let v: Vec<String> = types.map(|t| self.verification_type(t)).collect();
        if v.is_empty() {
            return "[]".into();
        }
        format!("[ {} ]", v.join(", "))
    }

    fn stack_map(&mut self, code: &Code<'_>) {
        let Some(table) = &code.stack_map_table else {
            return;
        };
        self.line(
            6,
            &format!("StackMapTable: number_of_entries = {}", table.len()),
        );
        let mut prev: Option<u32> = None;
        for frame in table.frames() {
            let Ok((pc, frame)) = frame else {
                self.line(8, "<malformed frame>");
                break;
            };
            let delta = match prev {
                None => pc,
                Some(p) => pc - p - 1,
            };
            prev = Some(pc);
            match frame {
                StackMapFrame::Same { frame_type } => {
                    if frame_type < 64 {
                        self.line(8, &format!("frame_type = {frame_type} /* same */"));
                    } else {
                        self.line(
                            8,
                            &format!("frame_type = {frame_type} /* same_frame_extended */"),
                        );
                        self.line(10, &format!("offset_delta = {delta}"));
                    }
                }
                StackMapFrame::SameLocals1StackItem { frame_type, stack } => {
                    if frame_type < 128 {
                        self.line(
                            8,
                            &format!("frame_type = {frame_type} /* same_locals_1_stack_item */"),
                        );
                    } else {
                        self.line(8, &format!("frame_type = {frame_type} /* same_locals_1_stack_item_frame_extended */"));
                        self.line(10, &format!("offset_delta = {delta}"));
                    }
                    self.line(
                        10,
                        &format!("stack = {}", self.types(std::iter::once(stack))),
                    );
                }
                StackMapFrame::Chop { k } => {
                    self.line(8, &format!("frame_type = {} /* chop */", 251 - k));
                    self.line(10, &format!("offset_delta = {delta}"));
                }
                StackMapFrame::Append { locals } => {
                    self.line(
                        8,
                        &format!("frame_type = {} /* append */", 251 + locals.len()),
                    );
                    self.line(10, &format!("offset_delta = {delta}"));
                    self.line(10, &format!("locals = {}", self.types(locals.iter())));
                }
                StackMapFrame::Full { locals, stack } => {
                    self.line(8, "frame_type = 255 /* full_frame */");
                    self.line(10, &format!("offset_delta = {delta}"));
                    self.line(10, &format!("locals = {}", self.types(locals.iter())));
                    self.line(10, &format!("stack = {}", self.types(stack.iter())));
                }
            }
        }
    }

    fn instruction(&mut self, code: &Code<'_>, pc: u32, insn: &Instruction<'_>) {
        use Instruction as I;
        let wide = code.bytecode.get(pc as usize) == Some(&0xc4);
        let m = if wide {
            format!("{}_w", insn.mnemonic())
        } else {
            insn.mnemonic().to_string()
        };
        let with_cp =
            |text: String, index: u16| format!("{text:<33} // {}", self.describe(index, true));
        let text = match *insn {
            I::Bipush(v) => format!("{m:<13} {v}"),
            I::Sipush(v) => format!("{m:<13} {v}"),
            I::Ldc(i)
            | I::LdcW(i)
            | I::Ldc2W(i)
            | I::Getstatic(i)
            | I::Putstatic(i)
            | I::Getfield(i)
            | I::Putfield(i)
            | I::Invokevirtual(i)
            | I::Invokespecial(i)
            | I::Invokestatic(i)
            | I::New(i)
            | I::Anewarray(i)
            | I::Checkcast(i)
            | I::Instanceof(i) => with_cp(format!("{m:<13} #{i}"), i),
            I::Invokeinterface(ii) => {
                with_cp(format!("{m:<13} #{},  {}", ii.index, ii.count), ii.index)
            }
            I::Invokedynamic(i) => with_cp(format!("{m:<13} #{i},  0"), i),
            I::Multianewarray(ma) => with_cp(
                format!("{m:<13} #{},  {}", ma.index, ma.dimensions),
                ma.index,
            ),
            I::Iload(i)
            | I::Lload(i)
            | I::Fload(i)
            | I::Dload(i)
            | I::Aload(i)
            | I::Istore(i)
            | I::Lstore(i)
            | I::Fstore(i)
            | I::Dstore(i)
            | I::Astore(i)
            | I::Ret(i) => format!("{m:<13} {i}"),
            I::Iinc(inc) => format!("{m:<13} {}, {}", inc.index, inc.delta),
            I::Newarray(t) => {
                let name = crate::newarray_type(t).map_or("?", |(_, name)| name);
                format!("{m:<14} {name}")
            }
            I::Tableswitch(t) => {
                self.line(
                    0,
                    &format!("{pc:>10}: {m:<13} {{ // {} to {}", t.low, t.high),
                );
                for (key, target) in t.targets() {
                    self.line(0, &format!("{key:>24}: {target}"));
                }
                self.line(0, &format!("{:>24}: {}", "default", t.default));
                self.line(12, "}");
                return;
            }
            I::Lookupswitch(l) => {
                self.line(0, &format!("{pc:>10}: {m:<13} {{ // {}", l.len()));
                for (key, target) in l.pairs() {
                    self.line(0, &format!("{key:>24}: {target}"));
                }
                self.line(0, &format!("{:>24}: {}", "default", l.default));
                self.line(12, "}");
                return;
            }
            _ => {
                let mut target = None;
                crate::code_check::for_each_target(insn, |t| target = Some(t));
                match target {
                    Some(t) => format!("{m:<13} {t}"),
                    None => m,
                }
            }
        };
        self.line(0, &format!("{pc:>10}: {text}"));
    }

    fn class_attribute(&mut self, attr: &RawAttribute<'_>) {
        let class = self.class;
        let name = self.pool.utf8(attr.name_index).unwrap_or("");
        match name {
            "SourceFile" => {
                let s = class.source_file().map(escape).unwrap_or_default();
                self.line(0, &format!("SourceFile: \"{s}\""));
            }
            "Signature" => {
                let index = crate::reader::be_u16(attr.info, 0);
                let head = format!("Signature: #{index}");
                self.line(0, &format!("{head:<40}// {}", self.utf8(index)));
            }
            "NestHost" => {
                let host = class.nest_host().unwrap_or_default().to_string();
                self.line(0, &format!("NestHost: class {host}"));
            }
            "NestMembers" | "PermittedSubclasses" => {
                self.line(0, &format!("{name}:"));
                let list = if name == "NestMembers" {
                    class.nest_members
                } else {
                    class.permitted_subclasses
                };
                for i in list.iter() {
                    let n = self.class_name(i);
                    self.line(2, &n);
                }
            }
            "BootstrapMethods" => {
                self.line(0, "BootstrapMethods:");
                if let Some(bms) = class.bootstrap_methods {
                    for (n, bm) in bms.iter().enumerate() {
                        let head = format!(
                            "{n}: #{} {}",
                            bm.bootstrap_method_ref,
                            self.describe(bm.bootstrap_method_ref, false)
                        );
                        self.line(2, &head);
                        self.line(4, "Method arguments:");
                        for arg in bm.bootstrap_arguments.iter() {
                            let d = self.describe(arg, false);
                            self.line(6, &format!("#{arg} {}", d.trim_start()));
                        }
                    }
                }
            }
            "InnerClasses" => {
                self.line(0, "InnerClasses:");
                for ic in class.inner_classes.iter() {
                    let mods = modifiers(ic.inner_class_access_flags & !ACC_SUPER, false, false);
                    let inner = self.class_name(ic.inner_class_info_index);
                    let text = match (ic.inner_name_index, ic.outer_class_info_index) {
                        (0, _) => format!("{mods}#{}; // class {inner}", ic.inner_class_info_index),
                        (n, 0) => format!(
                            "{mods}#{n}= #{}; // {}=class {inner}",
                            ic.inner_class_info_index,
                            self.utf8(n)
                        ),
                        (n, o) => {
                            let head =
                                format!("{mods}#{n}= #{} of #{o};", ic.inner_class_info_index);
                            format!(
                                "{head:<39} // {}=class {inner} of class {}",
                                self.utf8(n),
                                self.class_name(o)
                            )
                        }
                    };
                    self.line(2, &text);
                }
            }
            "EnclosingMethod" => {
                if let Some(em) = class.enclosing_method {
                    let method = if em.method_index == 0 {
                        String::new()
                    } else {
                        format!(".{}", self.name_and_type(em.method_index))
                    };
                    let head = format!("EnclosingMethod: #{}.#{}", em.class_index, em.method_index);
                    self.line(
                        0,
                        &format!("{head:<40}// {}{method}", self.class_name(em.class_index)),
                    );
                }
            }
            "Record" => {
                self.line(0, "Record:");
                for c in class.record.as_deref().unwrap_or_default() {
                    let descriptor = self.pool.utf8(c.descriptor_index).unwrap_or("");
                    let ty = FieldType::parse(descriptor)
                        .map(|t| t.to_string())
                        .unwrap_or_default();
                    self.line(2, &format!("{ty} {};", self.utf8(c.name_index)));
                    self.line(4, &format!("descriptor: {descriptor}"));
                    self.line(0, "");
                }
            }
            _ => self.line(0, &format!("{name}: length = 0x{:x}", attr.info.len())),
        }
    }
}
