//! A tiny class-file assembler for hand-made (hostile) test classes: a constant pool
//! builder, fields, methods with raw code bytes, exception tables and `StackMapTable`s of
//! full frames.
#![allow(clippy::unwrap_used, dead_code)]

use std::collections::HashMap;

/// A `verification_type_info` for a full frame.
#[derive(Debug, Clone, Copy)]
pub enum Vt {
    Top,
    Int,
    Float,
    Long,
    Double,
    Null,
    UninitThis,
    /// A `Class` constant pool index.
    Object(u16),
    /// The pc of a `new`.
    Uninit(u16),
}

/// One full frame at `pc`.
#[derive(Debug, Clone)]
pub struct Frame {
    pub pc: u16,
    pub locals: Vec<Vt>,
    pub stack: Vec<Vt>,
}

/// A `Code` attribute.
#[derive(Debug, Clone, Default)]
pub struct Code {
    pub max_stack: u16,
    pub max_locals: u16,
    pub code: Vec<u8>,
    /// (start, end, handler, catch type index).
    pub handlers: Vec<(u16, u16, u16, u16)>,
    pub frames: Vec<Frame>,
}

impl Code {
    pub fn new(max_stack: u16, max_locals: u16, code: &[u8]) -> Code {
        Code {
            max_stack,
            max_locals,
            code: code.to_vec(),
            ..Code::default()
        }
    }

    pub fn frame(mut self, pc: u16, locals: &[Vt], stack: &[Vt]) -> Code {
        self.frames.push(Frame {
            pc,
            locals: locals.to_vec(),
            stack: stack.to_vec(),
        });
        self
    }

    pub fn handler(mut self, start: u16, end: u16, handler: u16, catch: u16) -> Code {
        self.handlers.push((start, end, handler, catch));
        self
    }
}

/// Builds one class file (version 61).
pub struct ClassBuilder {
    pool: Vec<Vec<u8>>,
    index: HashMap<Vec<u8>, u16>,
    this_class: u16,
    super_class: u16,
    access: u16,
    interfaces: Vec<u16>,
    fields: Vec<Vec<u8>>,
    methods: Vec<Vec<u8>>,
    pub major: u16,
}

fn u2(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_be_bytes());
}

fn u4(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_be_bytes());
}

impl ClassBuilder {
    pub fn new(name: &str, super_name: &str) -> ClassBuilder {
        let mut b = ClassBuilder {
            pool: Vec::new(),
            index: HashMap::new(),
            this_class: 0,
            super_class: 0,
            access: 0x0021,
            interfaces: Vec::new(),
            fields: Vec::new(),
            methods: Vec::new(),
            major: 61,
        };
        b.this_class = b.class(name);
        b.super_class = b.class(super_name);
        b
    }

    fn entry(&mut self, bytes: Vec<u8>) -> u16 {
        if let Some(&i) = self.index.get(&bytes) {
            return i;
        }
        let i = self.pool.len() as u16 + 1;
        let wide = matches!(bytes[0], 5 | 6);
        self.index.insert(bytes.clone(), i);
        self.pool.push(bytes);
        if wide {
            self.pool.push(Vec::new());
        }
        i
    }

    pub fn utf8(&mut self, s: &str) -> u16 {
        let mut e = vec![1];
        u2(&mut e, s.len() as u16);
        e.extend_from_slice(s.as_bytes());
        self.entry(e)
    }

    pub fn class(&mut self, name: &str) -> u16 {
        let n = self.utf8(name);
        let mut e = vec![7];
        u2(&mut e, n);
        self.entry(e)
    }

    pub fn string(&mut self, s: &str) -> u16 {
        let n = self.utf8(s);
        let mut e = vec![8];
        u2(&mut e, n);
        self.entry(e)
    }

    pub fn integer(&mut self, v: i32) -> u16 {
        let mut e = vec![3];
        u4(&mut e, v as u32);
        self.entry(e)
    }

    pub fn long(&mut self, v: i64) -> u16 {
        let mut e = vec![5];
        e.extend_from_slice(&v.to_be_bytes());
        self.entry(e)
    }

    pub fn name_and_type(&mut self, name: &str, desc: &str) -> u16 {
        let n = self.utf8(name);
        let d = self.utf8(desc);
        let mut e = vec![12];
        u2(&mut e, n);
        u2(&mut e, d);
        self.entry(e)
    }

    fn member(&mut self, tag: u8, class: &str, name: &str, desc: &str) -> u16 {
        let c = self.class(class);
        let nt = self.name_and_type(name, desc);
        let mut e = vec![tag];
        u2(&mut e, c);
        u2(&mut e, nt);
        self.entry(e)
    }

    pub fn field_ref(&mut self, class: &str, name: &str, desc: &str) -> u16 {
        self.member(9, class, name, desc)
    }

    pub fn method_ref(&mut self, class: &str, name: &str, desc: &str) -> u16 {
        self.member(10, class, name, desc)
    }

    pub fn interface_method_ref(&mut self, class: &str, name: &str, desc: &str) -> u16 {
        self.member(11, class, name, desc)
    }

    pub fn add_interface(&mut self, name: &str) -> &mut Self {
        let i = self.class(name);
        self.interfaces.push(i);
        self
    }

    pub fn field(&mut self, access: u16, name: &str, desc: &str) -> &mut Self {
        let n = self.utf8(name);
        let d = self.utf8(desc);
        let mut f = Vec::new();
        u2(&mut f, access);
        u2(&mut f, n);
        u2(&mut f, d);
        u2(&mut f, 0);
        self.fields.push(f);
        self
    }

    pub fn method(&mut self, access: u16, name: &str, desc: &str, code: Code) -> &mut Self {
        let n = self.utf8(name);
        let d = self.utf8(desc);
        let code_name = self.utf8("Code");
        let smt_name = self.utf8("StackMapTable");
        let mut frames = Vec::new();
        let mut previous: Option<u16> = None;
        for f in &code.frames {
            frames.push(255u8);
            let delta = match previous {
                None => f.pc,
                Some(p) => f.pc - p - 1,
            };
            previous = Some(f.pc);
            u2(&mut frames, delta);
            for list in [&f.locals, &f.stack] {
                u2(&mut frames, list.len() as u16);
                for t in list {
                    match *t {
                        Vt::Top => frames.push(0),
                        Vt::Int => frames.push(1),
                        Vt::Float => frames.push(2),
                        Vt::Double => frames.push(3),
                        Vt::Long => frames.push(4),
                        Vt::Null => frames.push(5),
                        Vt::UninitThis => frames.push(6),
                        Vt::Object(i) => {
                            frames.push(7);
                            u2(&mut frames, i);
                        }
                        Vt::Uninit(pc) => {
                            frames.push(8);
                            u2(&mut frames, pc);
                        }
                    }
                }
            }
        }
        let mut attr = Vec::new();
        u2(&mut attr, code.max_stack);
        u2(&mut attr, code.max_locals);
        u4(&mut attr, code.code.len() as u32);
        attr.extend_from_slice(&code.code);
        u2(&mut attr, code.handlers.len() as u16);
        for (s, e, h, c) in &code.handlers {
            for v in [*s, *e, *h, *c] {
                u2(&mut attr, v);
            }
        }
        if code.frames.is_empty() {
            u2(&mut attr, 0);
        } else {
            u2(&mut attr, 1);
            u2(&mut attr, smt_name);
            u4(&mut attr, frames.len() as u32 + 2);
            u2(&mut attr, code.frames.len() as u16);
            attr.extend_from_slice(&frames);
        }
        let mut m = Vec::new();
        u2(&mut m, access);
        u2(&mut m, n);
        u2(&mut m, d);
        u2(&mut m, 1);
        u2(&mut m, code_name);
        u4(&mut m, attr.len() as u32);
        m.extend_from_slice(&attr);
        self.methods.push(m);
        self
    }

    pub fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        u4(&mut out, 0xCAFE_BABE);
        u2(&mut out, 0);
        u2(&mut out, self.major);
        u2(&mut out, self.pool.len() as u16 + 1);
        for e in &self.pool {
            out.extend_from_slice(e);
        }
        u2(&mut out, self.access);
        u2(&mut out, self.this_class);
        u2(&mut out, self.super_class);
        u2(&mut out, self.interfaces.len() as u16);
        for i in &self.interfaces {
            u2(&mut out, *i);
        }
        u2(&mut out, self.fields.len() as u16);
        for f in &self.fields {
            out.extend_from_slice(f);
        }
        u2(&mut out, self.methods.len() as u16);
        for m in &self.methods {
            out.extend_from_slice(m);
        }
        u2(&mut out, 0);
        out
    }
}
