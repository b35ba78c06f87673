//! Hostile bytecode end to end (issue 14): hand-assembled class files that pass the class
//! file format checks but break the rules of bytecode (stack underflow and overflow, values
//! of the wrong type, jumps into instructions or out of the code, uninitialised objects,
//! bad stack maps, ...). Each is run as a main class through `jfork exec` and through
//! `java` on the same bytes: both must end with the same Java exception (class and first
//! message line) and exit code 1, and jfork must not die of a signal or panic. Then all of
//! them go through one booted master (`jfork master` + `jfork run`), which must survive
//! every one and still run a Hello after each.
//!
//! Run on the release binary: `cargo test --release -p jfork --test hostile_bytecode`.

#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixStream;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

// ---- a small class file assembler ------------------------------------------------------

const PUBLIC: u16 = 0x0001;
const STATIC: u16 = 0x0008;
const FINAL: u16 = 0x0010;
const MAIN: &str = "([Ljava/lang/String;)V";

/// A `verification_type_info` of a full stack map frame.
#[derive(Clone, Copy)]
enum Vt {
    Int,
    /// A `Class` constant.
    Object(u16),
}

/// A `Code` attribute: raw bytecode, exception handlers, full frames.
struct Code {
    max_stack: u16,
    max_locals: u16,
    code: Vec<u8>,
    /// (start_pc, end_pc, handler_pc, catch_type).
    handlers: Vec<[u16; 4]>,
    frames: Vec<(u16, Vec<Vt>, Vec<Vt>)>,
}

impl Code {
    fn new(max_stack: u16, max_locals: u16, code: &[u8]) -> Code {
        Code {
            max_stack,
            max_locals,
            code: code.to_vec(),
            handlers: Vec::new(),
            frames: Vec::new(),
        }
    }

    fn handler(mut self, start: u16, end: u16, handler: u16, catch: u16) -> Code {
        self.handlers.push([start, end, handler, catch]);
        self
    }

    fn frame(mut self, pc: u16, locals: &[Vt], stack: &[Vt]) -> Code {
        self.frames.push((pc, locals.to_vec(), stack.to_vec()));
        self
    }
}

fn u2(out: &mut Vec<u8>, v: u16) {
    out.extend(v.to_be_bytes());
}

fn u4(out: &mut Vec<u8>, v: u32) {
    out.extend(v.to_be_bytes());
}

/// One class: a constant pool that shares equal entries, fields and methods.
struct Class {
    name: String,
    major: u16,
    pool: Vec<Vec<u8>>,
    index: HashMap<Vec<u8>, u16>,
    this_class: u16,
    super_class: u16,
    fields: Vec<u8>,
    field_count: u16,
    methods: Vec<u8>,
    method_count: u16,
}

impl Class {
    fn new(name: &str) -> Class {
        let mut class = Class {
            name: name.to_owned(),
            major: 61,
            pool: Vec::new(),
            index: HashMap::new(),
            this_class: 0,
            super_class: 0,
            fields: Vec::new(),
            field_count: 0,
            methods: Vec::new(),
            method_count: 0,
        };
        class.this_class = class.class(name);
        class.super_class = class.class("java/lang/Object");
        class
    }

    fn entry(&mut self, bytes: Vec<u8>) -> u16 {
        if let Some(&i) = self.index.get(&bytes) {
            return i;
        }
        self.pool.push(bytes.clone());
        let i = self.pool.len() as u16;
        self.index.insert(bytes, i);
        i
    }

    fn utf8(&mut self, s: &str) -> u16 {
        let mut e = vec![1];
        u2(&mut e, s.len() as u16);
        e.extend(s.as_bytes());
        self.entry(e)
    }

    fn with_name(&mut self, tag: u8, name: &str) -> u16 {
        let n = self.utf8(name);
        let mut e = vec![tag];
        u2(&mut e, n);
        self.entry(e)
    }

    fn class(&mut self, name: &str) -> u16 {
        self.with_name(7, name)
    }

    fn string(&mut self, s: &str) -> u16 {
        self.with_name(8, s)
    }

    /// A `Fieldref` (tag 9) or `Methodref` (tag 10).
    fn member(&mut self, tag: u8, class: &str, name: &str, desc: &str) -> [u8; 2] {
        let c = self.class(class);
        let (n, d) = (self.utf8(name), self.utf8(desc));
        let mut nt = vec![12];
        u2(&mut nt, n);
        u2(&mut nt, d);
        let nt = self.entry(nt);
        let mut e = vec![tag];
        u2(&mut e, c);
        u2(&mut e, nt);
        self.entry(e).to_be_bytes()
    }

    fn field_ref(&mut self, class: &str, name: &str, desc: &str) -> [u8; 2] {
        self.member(9, class, name, desc)
    }

    fn method_ref(&mut self, class: &str, name: &str, desc: &str) -> [u8; 2] {
        self.member(10, class, name, desc)
    }

    /// A `Class` constant's index as two operand bytes.
    fn class_operand(&mut self, name: &str) -> [u8; 2] {
        self.class(name).to_be_bytes()
    }

    fn field(&mut self, access: u16, name: &str, desc: &str) -> &mut Class {
        let (n, d) = (self.utf8(name), self.utf8(desc));
        for v in [access, n, d, 0] {
            u2(&mut self.fields, v);
        }
        self.field_count += 1;
        self
    }

    fn method(&mut self, access: u16, name: &str, desc: &str, code: Code) -> &mut Class {
        let (n, d) = (self.utf8(name), self.utf8(desc));
        let code_name = self.utf8("Code");
        let mut attr = Vec::new();
        u2(&mut attr, code.max_stack);
        u2(&mut attr, code.max_locals);
        u4(&mut attr, code.code.len() as u32);
        attr.extend(&code.code);
        u2(&mut attr, code.handlers.len() as u16);
        for h in &code.handlers {
            for v in h {
                u2(&mut attr, *v);
            }
        }
        if code.frames.is_empty() {
            u2(&mut attr, 0);
        } else {
            let table_name = self.utf8("StackMapTable");
            let mut table = Vec::new();
            u2(&mut table, code.frames.len() as u16);
            let mut previous: Option<u16> = None;
            for (pc, locals, stack) in &code.frames {
                table.push(255); // full_frame
                u2(&mut table, previous.map_or(*pc, |p| pc - p - 1));
                previous = Some(*pc);
                for list in [locals, stack] {
                    u2(&mut table, list.len() as u16);
                    for t in list {
                        match t {
                            Vt::Int => table.push(1),
                            Vt::Object(i) => {
                                table.push(7);
                                u2(&mut table, *i);
                            }
                        }
                    }
                }
            }
            u2(&mut attr, 1);
            u2(&mut attr, table_name);
            u4(&mut attr, table.len() as u32);
            attr.extend(table);
        }
        for v in [access, n, d, 1, code_name] {
            u2(&mut self.methods, v);
        }
        u4(&mut self.methods, attr.len() as u32);
        self.methods.extend(attr);
        self.method_count += 1;
        self
    }

    /// `public static void main(String[])` with `code`.
    fn main(&mut self, code: Code) -> &mut Class {
        self.method(PUBLIC | STATIC, "main", MAIN, code)
    }

    /// `public <init>()` calling `Object.<init>`.
    fn default_constructor(&mut self) -> &mut Class {
        let [h, l] = self.method_ref("java/lang/Object", "<init>", "()V");
        self.method(
            PUBLIC,
            "<init>",
            "()V",
            Code::new(1, 1, &[0x2a, 0xb7, h, l, 0xb1]),
        )
    }

    fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        u4(&mut out, 0xCAFE_BABE);
        u2(&mut out, 0);
        u2(&mut out, self.major);
        u2(&mut out, self.pool.len() as u16 + 1);
        for e in &self.pool {
            out.extend(e);
        }
        for v in [
            0x0021,
            self.this_class,
            self.super_class,
            0,
            self.field_count,
        ] {
            u2(&mut out, v);
        }
        out.extend(&self.fields);
        u2(&mut out, self.method_count);
        out.extend(&self.methods);
        u2(&mut out, 0);
        out
    }
}

// ---- the hostile classes ---------------------------------------------------------------

/// A class `name` whose `main` is `code(class)`.
fn with_main(name: &str, code: impl FnOnce(&mut Class) -> Code) -> Class {
    let mut class = Class::new(name);
    let code = code(&mut class);
    class.main(code);
    class
}

/// Every hostile main class, and the helper classes they use.
fn hostile() -> Vec<Class> {
    let mut v = Vec::new();
    v.push(with_main("StackUnderflow", |_| {
        Code::new(1, 1, &[0x57, 0xb1]) // pop; return
    }));
    v.push(with_main("StackOverflow", |_| {
        // iconst_0; iconst_0 (max_stack 1); pop2; return
        Code::new(1, 1, &[0x03, 0x03, 0x58, 0xb1])
    }));
    v.push(with_main("IntAsReference", |c| {
        let [h, l] = c.method_ref("java/lang/Object", "hashCode", "()I");
        Code::new(1, 1, &[0x03, 0xb6, h, l, 0x57, 0xb1])
    }));
    v.push(with_main("ReferenceArithmetic", |_| {
        // aconst_null; iconst_1; iadd; pop; return
        Code::new(2, 1, &[0x01, 0x04, 0x60, 0x57, 0xb1])
    }));
    v.push(with_main("LongHalvesOnStack", |_| {
        // lconst_0; pop; pop; return
        Code::new(2, 1, &[0x09, 0x57, 0x57, 0xb1])
    }));
    v.push(with_main("LongHalfInLocals", |_| {
        // lconst_0; lstore_1; iload_2; pop; return
        Code::new(2, 3, &[0x09, 0x40, 0x1c, 0x57, 0xb1])
    }));
    v.push(with_main("JumpIntoInstruction", |_| {
        // 0: sipush 0; 3: pop; 4: goto 1 (the middle of sipush)
        Code::new(1, 1, &[0x11, 0, 0, 0x57, 0xa7, 0xff, 0xfd])
    }));
    v.push(with_main("JumpOutOfCode", |_| {
        Code::new(0, 1, &[0xa7, 0x00, 0x64]) // goto +100
    }));
    v.push(with_main("UninitializedUse", |c| {
        let [ch, cl] = c.class_operand("java/lang/Object");
        let [h, l] = c.method_ref("java/lang/Object", "hashCode", "()I");
        // new Object; invokevirtual hashCode (before <init>); pop; return
        Code::new(1, 1, &[0xbb, ch, cl, 0xb6, h, l, 0x57, 0xb1])
    }));
    v.push({
        let mut c = Class::new("UninitializedThis");
        let [hh, hl] = c.method_ref("java/lang/Object", "hashCode", "()I");
        let [ih, il] = c.method_ref("java/lang/Object", "<init>", "()V");
        // aload_0; invokevirtual hashCode (before super()); pop; aload_0; invokespecial
        c.method(
            PUBLIC,
            "<init>",
            "()V",
            Code::new(1, 1, &[0x2a, 0xb6, hh, hl, 0x57, 0x2a, 0xb7, ih, il, 0xb1]),
        );
        let [ch, cl] = c.class_operand("UninitializedThis");
        let [mh, ml] = c.method_ref("UninitializedThis", "<init>", "()V");
        c.main(Code::new(
            2,
            1,
            &[0xbb, ch, cl, 0x59, 0xb7, mh, ml, 0x57, 0xb1],
        ));
        c
    });
    v.push({
        let mut c = Class::new("WrongReturnType");
        // static String m(Object o) { return o; }
        c.method(
            STATIC,
            "m",
            "(Ljava/lang/Object;)Ljava/lang/String;",
            Code::new(1, 1, &[0x2a, 0xb0]),
        );
        let [h, l] = c.method_ref(
            "WrongReturnType",
            "m",
            "(Ljava/lang/Object;)Ljava/lang/String;",
        );
        c.main(Code::new(1, 1, &[0x2a, 0xb8, h, l, 0x57, 0xb1]));
        c
    });
    v.push(with_main("ReturnValueFromVoid", |_| {
        Code::new(1, 1, &[0x03, 0xac]) // iconst_0; ireturn
    }));
    v.push(with_main("MaxLocalsTooSmall", |_| {
        Code::new(0, 0, &[0xb1]) // the argument does not fit
    }));
    v.push(with_main("InvalidLocalIndex", |_| {
        Code::new(1, 1, &[0x15, 0x05, 0x57, 0xb1]) // iload 5; pop; return
    }));
    v.push(with_main("FallOffEnd", |_| {
        Code::new(0, 1, &[0x00]) // nop
    }));
    v.push(with_main("HandlerStartsInInstruction", |c| {
        let args = c.class("[Ljava/lang/String;");
        let throwable = c.class("java/lang/Throwable");
        // 0: sipush 1; 3: pop; 4: return; handler over [1, 4) -> 4
        Code::new(1, 1, &[0x11, 0, 1, 0x57, 0xb1])
            .handler(1, 4, 4, 0)
            .frame(4, &[Vt::Object(args)], &[Vt::Object(throwable)])
    }));
    v.push(with_main("HandlerInInstruction", |c| {
        let args = c.class("[Ljava/lang/String;");
        // 0: sipush 1; 3: pop; 4: return; handler over [0, 3) -> 1
        Code::new(1, 1, &[0x11, 0, 1, 0x57, 0xb1])
            .handler(0, 3, 1, 0)
            .frame(4, &[Vt::Object(args)], &[])
    }));
    v.push(with_main("HandlerPastCode", |c| {
        let args = c.class("[Ljava/lang/String;");
        let throwable = c.class("java/lang/Throwable");
        // handler range [0, 9) over a 5-byte code
        Code::new(1, 1, &[0x11, 0, 1, 0x57, 0xb1])
            .handler(0, 9, 4, 0)
            .frame(4, &[Vt::Object(args)], &[Vt::Object(throwable)])
    }));
    v.push(with_main("CatchNotThrowable", |c| {
        let args = c.class("[Ljava/lang/String;");
        let object = c.class("java/lang/Object");
        // 0: iconst_0; 1: pop; 2: return; 3: pop; 4: return, catching Object
        Code::new(1, 1, &[0x03, 0x57, 0xb1, 0x57, 0xb1])
            .handler(0, 2, 3, object)
            .frame(3, &[Vt::Object(args)], &[Vt::Object(object)])
    }));
    v.push(with_main("InconsistentStackMap", |_| {
        // 0: iconst_0; 1: ifeq 5; 4: return; 5: return; the frame at 5 says local 0 is int
        Code::new(1, 1, &[0x03, 0x99, 0, 4, 0xb1, 0xb1]).frame(5, &[Vt::Int], &[])
    }));
    v.push(with_main("MissingStackMap", |_| {
        Code::new(1, 1, &[0x03, 0x99, 0, 4, 0xb1, 0xb1])
    }));
    v.push(with_main("InvokespecialWrongClass", |c| {
        let [h, l] = c.method_ref("java/lang/String", "length", "()I");
        // aload_0 (the String[]); invokespecial String.length; pop; return
        Code::new(1, 1, &[0x2a, 0xb7, h, l, 0x57, 0xb1])
    }));
    v.push({
        let mut holder = Class::new("FinalHolder");
        holder.field(PUBLIC | FINAL, "f", "I").default_constructor();
        holder
    });
    v.push(with_main("PutFinalOfOtherClass", |c| {
        let [ch, cl] = c.class_operand("FinalHolder");
        let [ih, il] = c.method_ref("FinalHolder", "<init>", "()V");
        let [fh, fl] = c.field_ref("FinalHolder", "f", "I");
        // new FinalHolder; dup; invokespecial <init>; iconst_1; putfield f; return
        Code::new(
            3,
            1,
            &[0xbb, ch, cl, 0x59, 0xb7, ih, il, 0x04, 0xb5, fh, fl, 0xb1],
        )
    }));
    v.push(with_main("AthrowNotThrowable", |c| {
        let [ch, cl] = c.class_operand("java/lang/Object");
        let [ih, il] = c.method_ref("java/lang/Object", "<init>", "()V");
        Code::new(2, 1, &[0xbb, ch, cl, 0x59, 0xb7, ih, il, 0xbf])
    }));
    v.push({
        // 0: jsr 4; 3: return; 4: astore_1; 5: ret 1, in a version 51 class
        let mut c = with_main("JsrInVersion51", |_| {
            Code::new(1, 2, &[0xa8, 0, 4, 0xb1, 0x4c, 0xa9, 1])
        });
        c.major = 51;
        c
    });
    v
}

/// The main classes of [`hostile`] (not their helpers).
fn hostile_mains() -> Vec<String> {
    hostile()
        .into_iter()
        .filter(|c| c.name != "FinalHolder")
        .map(|c| c.name)
        .collect()
}

/// A well-formed `Hello`, to show that a runtime still works.
fn hello() -> Class {
    with_main("Hello", |c| {
        let [oh, ol] = c.field_ref("java/lang/System", "out", "Ljava/io/PrintStream;");
        let text = c.string("Hello, world");
        let [ph, pl] = c.method_ref("java/io/PrintStream", "println", "(Ljava/lang/String;)V");
        Code::new(
            2,
            1,
            &[
                0xb2,
                oh,
                ol,
                0x13,
                (text >> 8) as u8,
                text as u8,
                0xb6,
                ph,
                pl,
                0xb1,
            ],
        )
    })
}

// ---- running them -----------------------------------------------------------------------

/// How one process ended and what it printed.
struct Outcome {
    code: Option<i32>,
    signal: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Outcome {
    /// The exception that ended the program: its class and the first line of its message
    /// (`java.lang.VerifyError: Operand stack underflow`), from an uncaught exception's
    /// trace or the launcher's "Caused by:" line.
    fn exception(&self) -> Option<&str> {
        self.stderr.lines().find_map(|line| {
            let line = line.trim_start();
            let line = line
                .strip_prefix("Exception in thread \"main\" ")
                .or_else(|| line.strip_prefix("Caused by: "))
                .unwrap_or(line);
            let class = line.split(':').next().unwrap_or(line);
            (class.starts_with("java.")
                && (class.ends_with("Error") || class.ends_with("Exception")))
            .then_some(line)
        })
    }

    fn describe(&self) -> String {
        format!(
            "exit {:?}, signal {:?}, stdout {:?}, stderr {:?}",
            self.code, self.signal, self.stdout, self.stderr
        )
    }
}

/// Runs `cmd` in `dir`, killing it after two minutes.
fn run(mut cmd: Command, dir: &Path) -> Outcome {
    let mut child = cmd
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stdout.read_to_end(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stderr.read_to_end(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Outcome {
        code: status.code(),
        signal: status.signal(),
        stdout: String::from_utf8_lossy(&out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
    }
}

fn jfork() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jfork"));
    cmd.env_remove("JFORK_TEST_RUNNER")
        .env_remove("CLASSPATH")
        .env("RUST_LOG", "info");
    cmd
}

/// The JDK's `java`, or `None` (the tests are skipped) when there is none.
fn java() -> Option<PathBuf> {
    let jdk = jfork_preloader::Jdk::discover(None).ok()?;
    let java = jdk.home().join("bin/java");
    java.exists().then_some(java)
}

/// A directory holding every hostile class and `Hello`.
fn class_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for class in hostile().into_iter().chain([hello()]) {
        std::fs::write(
            dir.path().join(format!("{}.class", class.name)),
            class.bytes(),
        )
        .unwrap();
    }
    dir
}

/// Classes that end in a Java exception on jfork but not in HotSpot's: jfork's class file
/// validator (`jfork-classfile`, JVMS 4.9) rejects their code before the verifier runs, and
/// the linker reports every such error as a `VerifyError` with the validator's own message,
/// where HotSpot's class file parser throws `ClassFormatError` (exception tables, locals
/// too small for the arguments) or its verifier has other words. For these, any
/// `java.lang.*Error` with exit code 1 passes; one that starts to match HotSpot fails, so
/// that it leaves this list.
const KNOWN_DIVERGENCES: &[(&str, &str)] = &[
    (
        "JumpIntoInstruction",
        "HotSpot: VerifyError: Expecting a stackmap frame at branch target 1",
    ),
    (
        "JumpOutOfCode",
        "HotSpot: VerifyError: Expecting a stackmap frame at branch target 100",
    ),
    (
        "MaxLocalsTooSmall",
        "HotSpot: ClassFormatError: Arguments can't fit into locals in class file ...",
    ),
    (
        "InvalidLocalIndex",
        "HotSpot: VerifyError: Local variable table overflow",
    ),
    (
        "HandlerStartsInInstruction",
        "HotSpot: ClassFormatError: Illegal exception table start_pc 1 in method '...'",
    ),
    (
        "HandlerInInstruction",
        "HotSpot: ClassFormatError: Illegal exception table handler_pc 1 in method '...'",
    ),
    (
        "HandlerPastCode",
        "HotSpot: ClassFormatError: Illegal exception table range in class file ...",
    ),
    (
        "JsrInVersion51",
        "HotSpot: VerifyError: Bad instruction: a8",
    ),
];

/// What is wrong with jfork's `ours` for `name`, given HotSpot's `theirs`.
fn compare(name: &str, ours: &Outcome, theirs: &Outcome) -> Option<String> {
    let known = KNOWN_DIVERGENCES.iter().any(|(n, _)| *n == name);
    let wrong = if ours.signal.is_some() || ours.stderr.contains("panicked") {
        "crashed"
    } else if theirs.code != Some(1) || theirs.exception().is_none() {
        "HotSpot did not end with an exception"
    } else if ours.code != Some(1) {
        "exit code is not 1"
    } else if known && ours.exception() == theirs.exception() {
        "now ends as on HotSpot: remove it from KNOWN_DIVERGENCES"
    } else if known
        && !ours
            .exception()
            .is_some_and(|e| e.starts_with("java.lang."))
    {
        "no Java exception"
    } else if !known && ours.exception() != theirs.exception() {
        "not HotSpot's exception"
    } else if ours.stdout != theirs.stdout {
        "stdout differs"
    } else {
        return None;
    };
    Some(format!(
        "{name}: {wrong}\n  jfork: {}\n  java:  {}",
        ours.describe(),
        theirs.describe()
    ))
}

/// Each hostile class through `jfork exec` ends as it does on HotSpot: the same exception
/// class and message headline, exit code 1, no crash.
#[test]
fn exec_ends_with_hotspots_exception() {
    let Some(java) = java() else {
        eprintln!("hostile_bytecode skipped: no JDK");
        return;
    };
    let dir = class_dir();
    let names = hostile_mains();
    let results: Vec<(String, Outcome, Outcome)> = std::thread::scope(|scope| {
        let chunks: Vec<_> = names.chunks(names.len().div_ceil(2)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let (java, dir) = (&java, dir.path());
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|name| {
                            let mut ours = jfork();
                            ours.args(["exec", "-cp", "."]).arg(name);
                            let mut theirs = Command::new(java);
                            theirs.args(["-Xshare:auto", "-cp", "."]).arg(name);
                            (name.clone(), run(ours, dir), run(theirs, dir))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let mut wrong = Vec::new();
    let mut whole_stderr = 0;
    for (name, ours, theirs) in &results {
        match compare(name, ours, theirs) {
            Some(e) => wrong.push(e),
            None => {
                println!("{name}: {}", ours.exception().unwrap_or(""));
                whole_stderr += usize::from(ours.stderr == theirs.stderr);
            }
        }
    }
    println!(
        "{} of {} classes end in HotSpot's exception, {} in a known divergence; {whole_stderr} \
         with the whole stderr equal",
        results.len() - wrong.len() - KNOWN_DIVERGENCES.len(),
        results.len(),
        KNOWN_DIVERGENCES.len(),
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A master killed when dropped.
struct Master {
    child: Child,
    log: PathBuf,
}

impl Drop for Master {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every hostile class through one booted master: each request ends as `jfork exec` and
/// HotSpot end it, and after each the master is alive and runs `Hello`.
#[test]
fn master_survives_every_hostile_class() {
    let Some(java) = java() else {
        eprintln!("hostile_bytecode skipped: no JDK");
        return;
    };
    let dir = class_dir();
    let home = tempfile::tempdir().unwrap();
    std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    let socket = home.path().join("jfork.sock");
    let log = home.path().join("master.log");
    let mut master = Master {
        child: jfork()
            .args(["master", "--foreground", "--socket"])
            .arg(&socket)
            .arg("-cp")
            .arg(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap(),
        log,
    };
    let read_log = |m: &Master| std::fs::read_to_string(&m.log).unwrap_or_default();
    let start = Instant::now();
    while UnixStream::connect(&socket).is_err() {
        if let Some(status) = master.child.try_wait().unwrap() {
            panic!("master exited ({status}): {}", read_log(&master));
        }
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "master did not listen: {}",
            read_log(&master)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let class_path = dir.path().to_str().unwrap();
    let jfork_run = |main: &str| {
        let mut cmd = jfork();
        cmd.args(["run", "--no-daemon", "--socket"])
            .arg(&socket)
            .args(["-cp", class_path, main]);
        run(cmd, dir.path())
    };
    let mut wrong = Vec::new();
    for name in hostile_mains() {
        let mut theirs = Command::new(&java);
        theirs.args(["-Xshare:auto", "-cp", class_path, &name]);
        if let Some(e) = compare(&name, &jfork_run(&name), &run(theirs, dir.path())) {
            wrong.push(e);
        }
        if let Some(status) = master.child.try_wait().unwrap() {
            panic!(
                "the master died ({status}) after {name}:\n{}",
                read_log(&master)
            );
        }
        let hello = jfork_run("Hello");
        if hello.code != Some(0) || hello.stdout != "Hello, world\n" {
            wrong.push(format!("Hello after {name}: {}", hello.describe()));
        }
    }
    let log = read_log(&master);
    assert!(!log.contains("panicked"), "the master panicked:\n{log}");
    assert!(wrong.is_empty(), "{}\nmaster log:\n{log}", wrong.join("\n"));
}
