//! Class initialization (JVMS 5.5) and calls from Rust into Java.

use jfork_resolver::{ClassKind, ConstantValue, LoaderId};

use crate::heap;
use crate::value::{JavaThrowable, Value};
use crate::vm::{Frame, InitState, Thrown, Vm};

impl Vm {
    /// JVMS 5.5: initializes class `cid` if it is not yet: superclass first, then the
    /// superinterfaces that declare default methods, then `ConstantValue` statics, then
    /// `<clinit>`. A failure marks the class erroneous: the first use throws the error
    /// (wrapped in `ExceptionInInitializerError` unless it is an `Error`), later uses
    /// `NoClassDefFoundError: Could not initialize class X`.
    pub(crate) fn initialize(&mut self, cid: u32) -> Result<(), Thrown> {
        match self.classes[cid as usize].state {
            InitState::Initialized | InitState::BeingInitialized => return Ok(()),
            InitState::Erroneous => {
                let name = self.classes[cid as usize].linked.name.replace('/', ".");
                let error = self.throw_new(
                    "java/lang/NoClassDefFoundError",
                    Some(format!("Could not initialize class {name}")),
                );
                // JDK 17: the cause is the recorded initialization error.
                if let Some(&cause) = self.init_errors.get(&cid) {
                    crate::heap::put_u64(error.0 + u64::from(self.wk.throwable_cause), cause);
                }
                return Err(error);
            }
            InitState::Linked => {}
        }
        self.classes[cid as usize].state = InitState::BeingInitialized;
        let result = self.run_initialization(cid);
        self.classes[cid as usize].state = match result {
            Ok(()) => InitState::Initialized,
            Err(_) => InitState::Erroneous,
        };
        if let Err(Thrown(e)) = result {
            self.record_init_error(cid, e);
        }
        result
    }

    fn run_initialization(&mut self, cid: u32) -> Result<(), Thrown> {
        let linked = std::sync::Arc::clone(&self.classes[cid as usize].linked);
        if !linked.is_interface() {
            if let Some(sup) = self.classes[cid as usize].super_id {
                self.initialize(sup)?;
            }
            // JVMS 5.5 step 7: superinterfaces that declare a non-abstract, non-static method.
            for iface in linked.all_interfaces.iter() {
                let has_default = iface
                    .methods
                    .iter()
                    .any(|m| !m.is_abstract() && !m.is_static() && !m.is_initializer());
                if has_default {
                    let id = self.register_class(iface);
                    self.initialize(id)?;
                }
            }
        }
        // JVMS 5.5 step 6: final statics with a ConstantValue.
        for field in linked.fields.iter().filter(|f| f.is_static()) {
            let Some(value) = linked.constant_value(field) else {
                continue;
            };
            let slot = match value {
                ConstantValue::Int(v) => u64::from(v as u32),
                ConstantValue::Float(v) => u64::from(v.to_bits()),
                ConstantValue::Long(v) => v as u64,
                ConstantValue::Double(v) => v.to_bits(),
                ConstantValue::String(s) => self.intern(&s)?,
            };
            self.classes[cid as usize].statics[field.offset as usize] = slot;
        }
        let Some(clinit) = linked.declared_method("<clinit>", "()V").cloned() else {
            return Ok(());
        };
        let mid = self.method_id(&clinit);
        match self.call_method(mid, &[]) {
            Ok(_) => Ok(()),
            Err(Thrown(e)) => {
                let error = self.load(LoaderId::BOOTSTRAP, "java/lang/Error")?;
                if self.is_assignable(self.class_of(e), error) {
                    return Err(Thrown(e));
                }
                Err(self.exception_in_initializer(e))
            }
        }
    }

    /// Records why class `cid` failed to initialize, as HotSpot 17 does for the
    /// `NoClassDefFoundError` of later uses: an `ExceptionInInitializerError` whose message
    /// names the original exception and thread, with the original's stack trace.
    fn record_init_error(&mut self, cid: u32, thrown: u64) {
        // The exception <clinit> threw (not its ExceptionInInitializerError wrapper).
        let eiie = self.load(LoaderId::BOOTSTRAP, "java/lang/ExceptionInInitializerError");
        let mut original = thrown;
        if let Ok(eiie) = eiie
            && self.class_of(thrown) == eiie
        {
            let cause = crate::heap::get_u64(thrown + u64::from(self.wk.throwable_cause));
            if cause != 0 && cause != thrown {
                original = cause;
            }
        }
        let build = |vm: &mut Vm| -> Result<u64, Thrown> {
            let text = vm.call_virtual(original, "toString", "()Ljava/lang/String;", &[])?;
            let text = vm.string_value(text).unwrap_or_default();
            let thread = vm.current_thread_object();
            let thread_name = vm.thread_name(thread);
            let message = format!("Exception {text} [in thread \"{thread_name}\"]");
            let cid = vm.init_class("java/lang/ExceptionInInitializerError")?;
            let s = vm.create_string(&message)?;
            let error = vm.new_object(cid, "(Ljava/lang/String;)V", &[s])?;
            let wk = vm.wk;
            let backtrace = vm.get_ref(original, wk.throwable_backtrace);
            vm.put_ref(error, wk.throwable_backtrace, backtrace);
            let depth = vm.get_int(original, wk.throwable_depth);
            vm.put_int(error, wk.throwable_depth, depth);
            let stack = vm.field_offset_of(
                "java/lang/Throwable",
                "stackTrace",
                "[Ljava/lang/StackTraceElement;",
            )?;
            let trace = vm.get_ref(original, stack);
            vm.put_ref(error, stack, trace);
            Ok(error)
        };
        if let Ok(error) = build(self) {
            self.init_errors.insert(cid, error);
        }
    }

    fn exception_in_initializer(&mut self, cause: u64) -> Thrown {
        let build = |vm: &mut Vm| -> Result<Thrown, Thrown> {
            let cid = vm.load(LoaderId::BOOTSTRAP, "java/lang/ExceptionInInitializerError")?;
            vm.initialize(cid)?;
            let object = vm.new_instance(cid)?;
            let ctor = vm.classes[cid as usize]
                .linked
                .declared_method("<init>", "(Ljava/lang/Throwable;)V")
                .cloned()
                .ok_or(Thrown(cause))?;
            let mid = vm.method_id(&ctor);
            vm.call_method(mid, &[object, cause])?;
            Ok(Thrown(object))
        };
        match build(self) {
            Ok(t) | Err(t) => t,
        }
    }

    /// Calls method `mid` with argument slots `args` in a nested dispatch loop; returns the
    /// first slot of the result (0 for `void`).
    pub(crate) fn call_method(&mut self, mid: u32, args: &[u64]) -> Result<u64, Thrown> {
        let base = self.thread.top;
        // Nested interpreter calls recurse on the Rust stack: stop before it runs out.
        let limit = self.threads[self.current].stack_limit;
        if base + args.len() + 16 > self.thread.stack.len()
            || self.nesting >= self.options.max_nesting
            || (limit != 0 && crate::threads::stack_pointer() < limit)
        {
            return Err(self.throw_new("java/lang/StackOverflowError", None));
        }
        self.thread.stack[base..base + args.len()].copy_from_slice(args);
        let result = self.invoke_at(mid, base);
        self.thread.top = base;
        result.map(|()| self.thread.stack[base])
    }

    /// Runs method `mid` whose arguments are at slot `base` (Rust caller): natives directly,
    /// Java methods in a nested dispatch loop. The result is left at `base`.
    fn invoke_at(&mut self, mid: u32, base: usize) -> Result<(), Thrown> {
        if self.methods[mid as usize].method.is_native() {
            return self.call_native(mid, base);
        }
        self.ensure_code(mid)?;
        let m = &self.methods[mid as usize];
        if m.code.is_none() {
            let e =
                jfork_resolver::abstract_error(&self.classes[m.class as usize].linked, &m.method);
            return Err(self.throw_link_error(&e));
        }
        let need = base + usize::from(m.max_locals) + usize::from(m.max_stack);
        if need > self.thread.stack.len() || self.thread.frames.len() >= self.options.max_frames {
            return Err(self.throw_new("java/lang/StackOverflowError", None));
        }
        let entry = self.thread.frames.len();
        self.thread.frames.push(Frame {
            method: mid,
            pc: 0,
            lp: base as u32,
        });
        if !self.methods[mid as usize].fast
            && let Err(e) = self.enter_synchronized(mid, base)
        {
            self.thread.frames.pop();
            return Err(e);
        }
        self.nesting += 1;
        let result = self.execute(entry);
        self.nesting -= 1;
        result
    }

    /// Calls static method `name` `descriptor` of class `class` (internal name, loaded by
    /// the app loader), initializing the class first, as `java` would call `main`.
    pub fn invoke_static(
        &mut self,
        class: &str,
        name: &str,
        descriptor: &str,
        args: &[Value],
    ) -> Result<Value, JavaThrowable> {
        let result = self.invoke_static_inner(class, name, descriptor, args);
        result.map_err(|t| self.describe(t.0))
    }

    fn invoke_static_inner(
        &mut self,
        class: &str,
        name: &str,
        descriptor: &str,
        args: &[Value],
    ) -> Result<Value, Thrown> {
        let cid = self.load(LoaderId::APP, class)?;
        let linked = std::sync::Arc::clone(&self.classes[cid as usize].linked);
        let method = linked
            .declared_method(name, descriptor)
            .filter(|m| m.is_static())
            .cloned();
        let Some(method) = method else {
            return Err(self.throw_new(
                "java/lang/NoSuchMethodError",
                Some(format!("{}.{name}{descriptor}", class.replace('/', "."))),
            ));
        };
        self.initialize(cid)?;
        let mut slots = Vec::new();
        for a in args {
            a.push_slots(&mut slots);
        }
        let mid = self.method_id(&method);
        let ret = self.methods[mid as usize].ret;
        let slot = self.call_method(mid, &slots)?;
        Ok(Value::from_slot(ret, slot))
    }

    /// The class of a heap object, by internal name (`java/lang/String`, `[I`).
    pub fn class_name_of(&self, object: u64) -> Option<String> {
        (object != 0).then(|| {
            self.classes[self.class_of(object) as usize]
                .linked
                .name
                .to_string()
        })
    }

    /// Reads element `index` of an `int[]` (for tests and tools).
    pub fn int_array(&self, array: u64) -> Option<Vec<i32>> {
        if array == 0 {
            return None;
        }
        let c = &self.classes[self.class_of(array) as usize].linked;
        if !matches!(&c.kind, ClassKind::Array { .. }) || c.name != "[I" {
            return None;
        }
        let len = crate::object::array_length(array);
        Some(
            (0..len)
                .map(|i| heap::get_i32(crate::object::element_address(array, i, 2)))
                .collect(),
        )
    }
}
