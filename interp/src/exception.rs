//! Exceptions the VM throws itself, stack traces, and reading a throwable from Rust.
//!
//! An exception the VM raises (`ArithmeticException`, `NullPointerException`, link errors)
//! is a real instance of the JDK class: its class is initialized and its constructor
//! (`<init>(String)` or `<init>()`) runs, so `Throwable.<init>` calls
//! `fillInStackTrace` as on HotSpot. Where running Java is not possible (the Java stack is
//! exhausted, the heap is full, or building the exception itself failed), the instance is
//! made directly: `detailMessage` set, `cause` = itself (the JDK's "not yet set"), and the
//! backtrace recorded.

use jfork_resolver::{LinkError, LoaderId};

use crate::heap;
use crate::value::JavaThrowable;
use crate::vm::{Thrown, Vm};

impl Vm {
    /// Creates and returns an exception of class `class` with `message`.
    pub(crate) fn throw_new(&mut self, class: &str, message: Option<String>) -> Thrown {
        let direct = self.building_exception > 1
            || class == "java/lang/StackOverflowError"
            || class == "java/lang/OutOfMemoryError";
        self.building_exception += 1;
        let result = if direct {
            self.exception_direct(class, message.as_deref())
        } else {
            match self.exception_by_constructor(class, message.as_deref()) {
                Ok(e) => Ok(e),
                // Could not run the constructor: build the object by hand.
                Err(_) => self.exception_direct(class, message.as_deref()),
            }
        };
        self.building_exception -= 1;
        match result {
            Ok(t) | Err(t) => t,
        }
    }

    fn exception_by_constructor(
        &mut self,
        class: &str,
        message: Option<&str>,
    ) -> Result<Thrown, Thrown> {
        let cid = self.load(LoaderId::BOOTSTRAP, class)?;
        self.initialize(cid)?;
        let object = self.new_instance(cid)?;
        let (descriptor, args) = match message {
            Some(m) => {
                let s = self.create_string(m)?;
                ("(Ljava/lang/String;)V", vec![object, s])
            }
            None => ("()V", vec![object]),
        };
        let ctor = self.classes[cid as usize]
            .linked
            .declared_method("<init>", descriptor)
            .cloned();
        let Some(ctor) = ctor else {
            return Err(Thrown(0));
        };
        let mid = self.method_id(&ctor);
        self.call_method(mid, &args)?;
        Ok(Thrown(object))
    }

    fn exception_direct(&mut self, class: &str, message: Option<&str>) -> Result<Thrown, Thrown> {
        let cid = match self.linker.load_class(LoaderId::BOOTSTRAP, class) {
            Ok(c) => self.register_class(&c),
            Err(_) => return Err(Thrown(self.oom)),
        };
        let object = self.new_instance(cid)?;
        let text = match message {
            Some(m) => self.create_string(m)?,
            None => 0,
        };
        let wk = self.wk;
        heap::put_u64(object + u64::from(wk.throwable_message), text);
        heap::put_u64(object + u64::from(wk.throwable_cause), object);
        self.fill_in_stack_trace(object)?;
        Ok(Thrown(object))
    }

    /// The exception for a link error from the resolver.
    pub(crate) fn throw_link_error(&mut self, error: &LinkError) -> Thrown {
        self.throw_new(error.java_class(), Some(error.message.clone()))
    }

    /// Records the current Java frames in `throwable`'s `backtrace` (a `long[]` of
    /// `method id << 32 | bytecode pc`, innermost first) and `depth`, skipping the frames of
    /// `fillInStackTrace` and of the throwable's own constructors, as HotSpot does.
    pub(crate) fn fill_in_stack_trace(&mut self, throwable: u64) -> Result<(), Thrown> {
        let class = self.class_of(throwable);
        let mut frames: Vec<u64> = Vec::new();
        let mut skipping = true;
        for f in self.thread.frames.iter().rev() {
            let m = &self.methods[f.method as usize];
            if skipping {
                let name = m.method.name.as_ref();
                if name == "fillInStackTrace" {
                    continue;
                }
                if name == "<init>" && self.is_assignable(class, m.class) {
                    continue;
                }
                skipping = false;
            }
            if self.is_hidden_frame(f.method) {
                continue;
            }
            let op = f.pc.saturating_sub(1) as usize;
            let pc = m
                .code
                .as_ref()
                .and_then(|c| c.op_pc.get(op).copied())
                .unwrap_or(0);
            frames.push(u64::from(f.method) << 32 | u64::from(pc));
        }
        let long_array = self.load(LoaderId::BOOTSTRAP, "[J")?;
        let trace = self.new_array(long_array, frames.len() as i32)?;
        for (i, word) in frames.iter().enumerate() {
            heap::put_u64(crate::object::element_address(trace, i as i32, 3), *word);
        }
        heap::put_u64(throwable + u64::from(self.wk.throwable_backtrace), trace);
        heap::put_i32(
            throwable + u64::from(self.wk.throwable_depth),
            frames.len() as i32,
        );
        Ok(())
    }

    /// Whether HotSpot hides method `mid` from stack traces (`-XX:-ShowHiddenFrames`): the
    /// methods of hidden classes (lambda classes, spun lambda forms), the pre-generated
    /// lambda form holders, and the `@Hidden` invoker checks of `java.lang.invoke`.
    fn is_hidden_frame(&self, mid: u32) -> bool {
        let m = &self.methods[mid as usize];
        if self.hidden_classes.contains_key(&m.class) {
            return true;
        }
        let class = m.method.class_name.as_ref();
        let Some(rest) = class.strip_prefix("java/lang/invoke/") else {
            return false;
        };
        rest.ends_with("$Holder")
            || (rest == "Invokers" && matches!(m.method.name.as_ref(), "checkCustomized"))
    }

    /// What the embedding API reports about a thrown object.
    pub(crate) fn describe(&self, throwable: u64) -> JavaThrowable {
        self.describe_depth(throwable, 0)
    }

    fn describe_depth(&self, throwable: u64, depth: u32) -> JavaThrowable {
        if throwable == 0 {
            return JavaThrowable {
                class_name: "java/lang/NullPointerException".into(),
                message: None,
                cause: None,
                stack: Vec::new(),
                object: 0,
            };
        }
        let wk = self.wk;
        let class = self.class_of(throwable);
        let message = self.string_value(heap::get_u64(throwable + u64::from(wk.throwable_message)));
        let cause_ref = heap::get_u64(throwable + u64::from(wk.throwable_cause));
        let cause = (cause_ref != 0 && cause_ref != throwable && depth < 8)
            .then(|| Box::new(self.describe_depth(cause_ref, depth + 1)));
        let mut stack = Vec::new();
        let trace = heap::get_u64(throwable + u64::from(wk.throwable_backtrace));
        if trace != 0 && self.class_of(trace) != wk.object {
            for i in 0..crate::object::array_length(trace) {
                let word = heap::get_u64(crate::object::element_address(trace, i, 3));
                let m = &self.methods[(word >> 32) as usize].method;
                stack.push(format!(
                    "{}.{}({})",
                    m.class_name.replace('/', "."),
                    m.name,
                    self.line_of(&m.class_name, m, word as u32)
                ));
            }
        }
        JavaThrowable {
            class_name: self.classes[class as usize].linked.name.to_string(),
            message,
            cause,
            stack,
            object: throwable,
        }
    }

    /// `Foo.java:12` for a bytecode pc, or `pc 7` without line numbers.
    fn line_of(&self, _class: &str, method: &jfork_resolver::Method, pc: u32) -> String {
        let line = method.class().and_then(|c| {
            let code = c.code(method)?;
            code.line_numbers
                .iter()
                .filter(|l| u32::from(l.start_pc) <= pc)
                .max_by_key(|l| l.start_pc)
                .map(|l| l.line_number)
        });
        match line {
            Some(l) => format!("line {l}"),
            None => format!("pc {pc}"),
        }
    }

    /// HotSpot's `(X and Y are in ...)` suffix of `ClassCastException` messages.
    pub(crate) fn modules_suffix(&self, a: u32, b: u32) -> String {
        jfork_resolver::modules_suffix(
            &self.classes[a as usize].linked,
            &self.classes[b as usize].linked,
        )
    }

    /// `ClassCastException` for casting an object of class `from` to class `to`.
    pub(crate) fn class_cast(&mut self, from: u32, to: u32) -> Thrown {
        let name = |id: u32| self.classes[id as usize].linked.name.replace('/', ".");
        let message = format!(
            "class {} cannot be cast to class {} {}",
            name(from),
            name(to),
            self.modules_suffix(from, to)
        );
        self.throw_new("java/lang/ClassCastException", Some(message))
    }
}
