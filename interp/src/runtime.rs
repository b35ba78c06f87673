//! The dispatch loop's slow paths: first-execution resolution and quickening of symbolic
//! ops, calls that cannot push a frame directly, dispatch errors, monitors, exception
//! handler lookup.

use std::sync::Arc;

use jfork_resolver::{
    FieldInstruction, InvokeKind, LoaderId, Method, Resolved, check_field_instruction,
    check_invoke_kind, select_special,
};

use crate::code::{Kind, Op};
use crate::heap;
use crate::vm::{Frame, InitState, NO_METHOD, Thrown, Vm};

impl Vm {
    fn resolve_cp(&mut self, mid: u32, index: u16) -> Result<Resolved, Thrown> {
        let class = Arc::clone(&self.classes[self.methods[mid as usize].class as usize].linked);
        self.linker
            .resolve_constant(&class, index)
            .map_err(|e| self.throw_link_error(&e))
    }

    fn resolve_class_cp(&mut self, mid: u32, index: u16) -> Result<u32, Thrown> {
        match self.resolve_cp(mid, index)? {
            Resolved::Class(c) => Ok(self.register_class(&c)),
            _ => Err(self.throw_new(
                "java/lang/IncompatibleClassChangeError",
                Some(format!("constant {index} is not a class")),
            )),
        }
    }

    fn resolve_method_cp(&mut self, mid: u32, index: u16) -> Result<Arc<Method>, Thrown> {
        match self.resolve_cp(mid, index)? {
            Resolved::Method(m) => Ok(m),
            _ => Err(self.throw_new(
                "java/lang/IncompatibleClassChangeError",
                Some(format!("constant {index} is not a method")),
            )),
        }
    }

    /// Resolves a symbolic op of method `mid` into the op that replaces it (an `...Init`
    /// form while the class it needs is still being initialized).
    pub(crate) fn resolve_op(&mut self, mid: u32, op: Op) -> Result<Op, Thrown> {
        let (op, done) = self.resolve_op_inner(mid, op)?;
        Ok(match (op, done) {
            (op, true) => op,
            (Op::GetStaticQ(kind, at), false) => Op::GetStaticInit(kind, self.pending_class, at),
            (Op::PutStaticQ(kind, at), false) => Op::PutStaticInit(kind, self.pending_class, at),
            (Op::NewQ(class, size), false) => Op::NewInit(class, size),
            (Op::InvokeDirect { method, args, .. }, false) => Op::InvokeStaticInit { method, args },
            (op, false) => op,
        })
    }

    fn resolve_op_inner(&mut self, mid: u32, op: Op) -> Result<(Op, bool), Thrown> {
        Ok(match op {
            Op::Ldc(i) => match self.resolve_cp(mid, i)? {
                Resolved::String(s) => (Op::Push(self.intern(&s)?), true),
                Resolved::Class(c) => {
                    let id = self.register_class(&c);
                    (Op::Push(self.mirror(id)?), true)
                }
                Resolved::MethodType(d) => {
                    let loader = self.classes[self.methods[mid as usize].class as usize]
                        .linked
                        .loader;
                    let mt = self.method_type_of(loader, &d)?;
                    self.constants.push(mt);
                    (Op::Push(mt), true)
                }
                Resolved::MethodHandle { kind, member } => {
                    let caller = self.methods[mid as usize].class;
                    let mh = self.method_handle_constant(caller, kind, &member)?;
                    self.constants.push(mh);
                    (Op::Push(mh), true)
                }
                Resolved::Dynamic {
                    bootstrap_index,
                    name_and_type_index,
                } => {
                    let caller = self.methods[mid as usize].class;
                    let (value, descriptor) =
                        self.dynamic_constant(caller, i, bootstrap_index, name_and_type_index)?;
                    let kind = descriptor.as_bytes().first().copied().unwrap_or(b'L');
                    if kind == b'L' || kind == b'[' {
                        self.constants.push(value);
                        (Op::Push(value), true)
                    } else {
                        // A primitive constant comes back boxed.
                        let raw = self.unbox_constant(value, kind)?;
                        if kind == b'J' || kind == b'D' {
                            (Op::Push2(raw), true)
                        } else {
                            (Op::Push(raw), true)
                        }
                    }
                }
                _ => {
                    return Err(self.throw_new("java/lang/IncompatibleClassChangeError", None));
                }
            },
            Op::GetStatic(i) | Op::PutStatic(i) | Op::GetField(i) | Op::PutField(i) => {
                let Resolved::Field(rf) = self.resolve_cp(mid, i)? else {
                    return Err(self.throw_new("java/lang/IncompatibleClassChangeError", None));
                };
                let instruction = match op {
                    Op::GetStatic(_) => FieldInstruction::GetStatic,
                    Op::PutStatic(_) => FieldInstruction::PutStatic,
                    Op::GetField(_) => FieldInstruction::GetField,
                    _ => FieldInstruction::PutField,
                };
                let m = &self.methods[mid as usize];
                let accessor = Arc::clone(&self.classes[m.class as usize].linked);
                let name = m.method.name.clone();
                if let Err(e) = check_field_instruction(instruction, &rf, &accessor, &name) {
                    return Err(self.throw_link_error(&e));
                }
                let field = rf.field();
                let kind = Kind::of(&field.descriptor);
                match instruction {
                    FieldInstruction::GetField => (Op::GetFieldQ(kind, field.offset), true),
                    FieldInstruction::PutField => (Op::PutFieldQ(kind, field.offset), true),
                    _ => {
                        let cid = self.register_class(&rf.class);
                        self.initialize(cid)?;
                        let at = self.classes[cid as usize].statics.as_ptr() as u64
                            + u64::from(field.offset) * 8;
                        let done = self.classes[cid as usize].state == InitState::Initialized;
                        self.pending_class = cid;
                        let q = if instruction == FieldInstruction::GetStatic {
                            Op::GetStaticQ(kind, at)
                        } else {
                            Op::PutStaticQ(kind, at)
                        };
                        (q, done)
                    }
                }
            }
            Op::InvokeStatic(i) => {
                let m = self.resolve_method_cp(mid, i)?;
                if crate::indy::is_signature_polymorphic(&m) {
                    let (site, args, ret) = self.link_polymorphic(mid, i, &m)?;
                    return Ok((Op::InvokeDynamicQ { site, args, ret }, true));
                }
                if let Err(e) = check_invoke_kind(InvokeKind::Static, &m) {
                    return Err(self.throw_link_error(&e));
                }
                let callee = self.method_id(&m);
                let cid = self.methods[callee as usize].class;
                self.initialize(cid)?;
                let done = self.classes[cid as usize].state == InitState::Initialized;
                let q = Op::InvokeDirect {
                    method: callee,
                    args: m.arg_slots,
                    receiver: false,
                };
                (q, done)
            }
            Op::InvokeSpecial(i) => {
                let m = self.resolve_method_cp(mid, i)?;
                if let Err(e) = check_invoke_kind(InvokeKind::Special, &m) {
                    return Err(self.throw_link_error(&e));
                }
                let current = self.methods[mid as usize].class;
                let current = Arc::clone(&self.classes[current as usize].linked);
                let referenced = self.referenced_class(mid, i)?;
                let selected = select_special(&current, &referenced, &m)
                    .map_err(|e| self.throw_link_error(&e))?;
                let callee = self.method_id(&selected);
                (
                    Op::InvokeDirect {
                        method: callee,
                        args: m.arg_slots,
                        receiver: true,
                    },
                    true,
                )
            }
            Op::InvokeVirtual(i) | Op::InvokeInterface(i) => {
                let m = self.resolve_method_cp(mid, i)?;
                if crate::indy::is_signature_polymorphic(&m) {
                    let (site, args, ret) = self.link_polymorphic(mid, i, &m)?;
                    return Ok((Op::InvokeDynamicQ { site, args, ret }, true));
                }
                let kind = if matches!(op, Op::InvokeVirtual(_)) {
                    InvokeKind::Virtual
                } else {
                    InvokeKind::Interface
                };
                if let Err(e) = check_invoke_kind(kind, &m) {
                    return Err(self.throw_link_error(&e));
                }
                let q = if m.is_private() {
                    Op::InvokeDirect {
                        method: self.method_id(&m),
                        args: m.arg_slots,
                        receiver: true,
                    }
                } else if let Some(vtable_index) = m.vtable_index {
                    Op::InvokeVirtualQ {
                        vtable_index,
                        args: m.arg_slots,
                    }
                } else if let (Some(itable_index), Some(iface)) = (m.itable_index, m.class()) {
                    Op::InvokeInterfaceQ {
                        interface: self.register_class(&iface),
                        itable_index,
                        args: m.arg_slots,
                    }
                } else {
                    Op::InvokeDirect {
                        method: self.method_id(&m),
                        args: m.arg_slots,
                        receiver: true,
                    }
                };
                (q, true)
            }
            Op::InvokeDynamic(i) => {
                let (site, args, ret) = self.link_call_site(mid, i)?;
                (Op::InvokeDynamicQ { site, args, ret }, true)
            }
            Op::New(i) => {
                let cid = self.resolve_class_cp(mid, i)?;
                let linked = Arc::clone(&self.classes[cid as usize].linked);
                if linked.is_interface()
                    || linked.access & jfork_resolver::access::ACC_ABSTRACT != 0
                {
                    return Err(self.throw_new(
                        "java/lang/InstantiationError",
                        Some(linked.name.replace('/', ".")),
                    ));
                }
                self.initialize(cid)?;
                let done = self.classes[cid as usize].state == InitState::Initialized;
                (Op::NewQ(cid, linked.instance_size), done)
            }
            Op::NewArray(atype) => {
                // Validated code only has atypes 4..=11 (JVMS 4.9.1).
                let name = jfork_classfile::newarray_type(atype).map_or("[J", |(d, _)| d);
                (Op::NewArrayQ(self.load(LoaderId::BOOTSTRAP, name)?), true)
            }
            Op::ANewArray(i) => {
                let component = self.resolve_class_cp(mid, i)?;
                (Op::NewArrayQ(self.array_class_of(component)?), true)
            }
            Op::Checkcast(i) => (Op::CheckcastQ(self.resolve_class_cp(mid, i)?), true),
            Op::Instanceof(i) => (Op::InstanceofQ(self.resolve_class_cp(mid, i)?), true),
            Op::MultiANewArray(i, d) => {
                (Op::MultiANewArrayQ(self.resolve_class_cp(mid, i)?, d), true)
            }
            other => (other, true),
        })
    }

    /// The class a member reference names (for `invokespecial`'s selection).
    fn referenced_class(
        &mut self,
        mid: u32,
        index: u16,
    ) -> Result<Arc<jfork_resolver::LinkedClass>, Thrown> {
        let class = Arc::clone(&self.classes[self.methods[mid as usize].class as usize].linked);
        let name = class
            .class_file()
            .and_then(|f| f.constant_pool().member_ref(index).ok())
            .map(|r| r.class.to_owned())
            .unwrap_or_default();
        self.linker
            .resolve_class(&class, &name)
            .map_err(|e| self.throw_link_error(&e))
    }

    /// Calls `callee` (arguments at `base`) when the loop cannot push its frame directly:
    /// first call (decode), native, synchronized, abstract, or the stack is full.
    /// `Ok(true)`: a frame was pushed; `Ok(false)`: the call completed (native), result at
    /// `base`.
    pub(crate) fn invoke_slow(&mut self, callee: u32, base: usize) -> Result<bool, Thrown> {
        if self.methods[callee as usize].method.is_native() {
            self.call_native(callee, base)?;
            return Ok(false);
        }
        self.ensure_code(callee)?;
        let m = &self.methods[callee as usize];
        if m.code.is_none() {
            let e =
                jfork_resolver::abstract_error(&self.classes[m.class as usize].linked, &m.method);
            return Err(self.throw_link_error(&e));
        }
        let need = base + usize::from(m.max_locals) + usize::from(m.max_stack);
        if need > self.thread.stack.len() || self.thread.frames.len() >= self.options.max_frames {
            return Err(self.throw_new("java/lang/StackOverflowError", None));
        }
        self.thread.frames.push(Frame {
            method: callee,
            pc: 0,
            lp: base as u32,
        });
        if !self.methods[callee as usize].fast
            && let Err(e) = self.enter_synchronized(callee, base)
        {
            self.thread.frames.pop();
            return Err(e);
        }
        Ok(true)
    }

    /// Runs native method `callee` with its arguments at `base`; the result goes to `base`.
    pub(crate) fn call_native(&mut self, callee: u32, base: usize) -> Result<(), Thrown> {
        if self.lambda_methods.contains_key(&callee) {
            let n = usize::from(self.methods[callee as usize].args);
            let args: Vec<u64> = self.thread.stack[base..base + n].to_vec();
            let saved_top = self.thread.top;
            self.thread.top = base + n;
            let result = self.call_lambda(callee, &args);
            self.thread.top = saved_top;
            self.thread.stack[base] = result?;
            return Ok(());
        }
        // A native runs in a frame of its own, as on HotSpot: stack traces show it as
        // `(Native Method)` and `Reflection.getCallerClass` sees it.
        self.thread.frames.push(Frame {
            method: callee,
            pc: 0,
            lp: base as u32,
        });
        let result = self.run_native(callee, base);
        self.thread.frames.pop();
        result
    }

    fn run_native(&mut self, callee: u32, base: usize) -> Result<(), Thrown> {
        let function = match self.methods[callee as usize].native {
            Some(f) => f,
            None => {
                let m = &self.methods[callee as usize].method;
                let key = format!("{}.{}{}", m.class_name, m.name, m.descriptor);
                match self.natives.get(&key).copied() {
                    Some(f) => {
                        self.methods[callee as usize].native = Some(f);
                        f
                    }
                    None => {
                        let message = format!("'{}'", m.external_signature());
                        return Err(self.throw_new("java/lang/UnsatisfiedLinkError", Some(message)));
                    }
                }
            }
        };
        let n = usize::from(self.methods[callee as usize].args);
        let args: Vec<u64> = self.thread.stack[base..base + n].to_vec();
        let saved_top = self.thread.top;
        self.thread.top = base + n;
        let result = function(self, &args);
        self.thread.top = saved_top;
        let value = result?;
        self.thread.stack[base] = value;
        Ok(())
    }

    /// The resolved method of the invoke op at `op` of `mid` (for NPE messages).
    pub(crate) fn resolved_virtual(&mut self, mid: u32, op: usize) -> u32 {
        let m = &self.methods[mid as usize];
        let Some(code) = &m.code else {
            return NO_METHOD;
        };
        let pc = code.op_pc.get(op).copied().unwrap_or(0) as usize;
        let class = &self.classes[m.class as usize].linked;
        let index = class
            .code(&m.method)
            .and_then(|c| c.bytecode.get(pc + 1..pc + 3))
            .map(|b| u16::from_be_bytes([b[0], b[1]]));
        match index.map(|i| self.resolve_cp(mid, i)) {
            Some(Ok(Resolved::Method(m))) => self.method_id(&m),
            _ => NO_METHOD,
        }
    }

    /// The error for a vtable or itable entry with no method: `AbstractMethodError`,
    /// a default-method conflict, or a missing interface.
    pub(crate) fn dispatch_error(
        &mut self,
        receiver: u32,
        index: u32,
        interface: Option<u32>,
    ) -> Thrown {
        let linked = Arc::clone(&self.classes[receiver as usize].linked);
        let selected = match interface {
            None => linked.vtable.get(index as usize).cloned(),
            Some(i) => {
                let iface = Arc::clone(&self.classes[i as usize].linked);
                if !linked.implements(&iface) {
                    let message = format!(
                        "Class {} does not implement the requested interface {}",
                        linked.name.replace('/', "."),
                        iface.name.replace('/', ".")
                    );
                    return self.throw_new("java/lang/IncompatibleClassChangeError", Some(message));
                }
                linked.itable_lookup(&iface, index).cloned()
            }
        };
        let error = match selected {
            Some(jfork_resolver::Selected::Conflict(ms)) => jfork_resolver::conflict_error(&ms),
            Some(jfork_resolver::Selected::Method(m)) => {
                jfork_resolver::abstract_error(&linked, &m)
            }
            None => jfork_resolver::LinkError::new(
                jfork_resolver::LinkErrorKind::AbstractMethodError,
                linked.name.replace('/', "."),
            ),
        };
        self.throw_link_error(&error)
    }

    /// The handler op for `exception` thrown at op `at` of `mid`, if the method has one.
    pub(crate) fn find_handler(&mut self, mid: u32, at: usize, exception: u64) -> Option<u32> {
        let class = self.class_of(exception);
        let count = self.methods[mid as usize].code.as_ref()?.handlers.len();
        for i in 0..count {
            let code = self.methods[mid as usize].code.as_ref()?;
            let h = &code.handlers[i];
            if (at as u32) < h.start || (at as u32) >= h.end {
                continue;
            }
            if h.catch_type == 0 {
                return Some(h.handler);
            }
            let (catch_type, resolved, handler) = (h.catch_type, h.resolved.get(), h.handler);
            let catch = if resolved != 0 {
                resolved - 1
            } else {
                match self.resolve_class_cp(mid, catch_type) {
                    Ok(c) => {
                        if let Some(code) = self.methods[mid as usize].code.as_ref() {
                            code.handlers[i].resolved.set(c + 1);
                        }
                        c
                    }
                    Err(_) => continue,
                }
            };
            if self.is_assignable(class, catch) {
                return Some(handler);
            }
        }
        None
    }

    /// Enters the monitor of synchronized method `mid` (frame just pushed, arguments at
    /// `base`): the receiver, or the class mirror for a static method. The object is kept in
    /// a side stack with the frame depth, since the method may overwrite its local 0.
    pub(crate) fn enter_synchronized(&mut self, mid: u32, base: usize) -> Result<(), Thrown> {
        let m = &self.methods[mid as usize];
        if m.method.access & jfork_resolver::access::ACC_SYNCHRONIZED == 0 {
            return Ok(());
        }
        let object = if m.method.is_static() {
            let class = m.class;
            self.mirror(class)?
        } else {
            self.thread.stack[base]
        };
        self.monitor_enter(object);
        self.locked.push((self.thread.frames.len() as u32, object));
        Ok(())
    }

    /// Exits the monitor the current (synchronized) frame entered, if any.
    pub(crate) fn exit_synchronized(&mut self, _mid: u32, _base: usize) -> Result<(), Thrown> {
        let depth = self.thread.frames.len() as u32;
        if let Some(&(d, object)) = self.locked.last()
            && d == depth
        {
            self.locked.pop();
            self.monitor_exit(object)?;
        }
        Ok(())
    }

    /// `multianewarray`: nested arrays for the given counts (all checked first).
    pub(crate) fn multi_new_array(&mut self, class: u32, counts: &[i32]) -> Result<u64, Thrown> {
        if let Some(&n) = counts.iter().find(|&&n| n < 0) {
            return Err(self.throw_new("java/lang/NegativeArraySizeException", Some(n.to_string())));
        }
        self.multi_new_array_at(class, counts)
    }

    fn multi_new_array_at(&mut self, class: u32, counts: &[i32]) -> Result<u64, Thrown> {
        let array = self.new_array(class, counts[0])?;
        if counts.len() > 1
            && let Some((_, component)) = self.classes[class as usize].element
        {
            for i in 0..counts[0] {
                let sub = self.multi_new_array_at(component, &counts[1..])?;
                heap::put_u64(crate::object::element_address(array, i, 3), sub);
            }
        }
        Ok(array)
    }
}

impl Vm {
    #[cold]
    #[inline(never)]
    pub(crate) fn null_pointer(&mut self, mid: u32, op: usize, what: crate::npe::What) -> Thrown {
        let message = self.npe_message(mid, op, what);
        self.throw_new("java/lang/NullPointerException", message)
    }

    #[cold]
    #[inline(never)]
    pub(crate) fn null_receiver(&mut self, mid: u32, op: usize) -> Thrown {
        let resolved = self.resolved_virtual(mid, op);
        self.null_pointer(mid, op, crate::npe::What::Invoke(resolved))
    }

    #[cold]
    #[inline(never)]
    pub(crate) fn index_out_of_bounds(&mut self, index: i32, length: i32) -> Thrown {
        self.throw_new(
            "java/lang/ArrayIndexOutOfBoundsException",
            Some(format!("Index {index} out of bounds for length {length}")),
        )
    }

    #[cold]
    #[inline(never)]
    pub(crate) fn array_store_error(&mut self, value_class: u32) -> Thrown {
        let name = self.classes[value_class as usize]
            .linked
            .name
            .replace('/', ".");
        self.throw_new("java/lang/ArrayStoreException", Some(name))
    }

    #[cold]
    #[inline(never)]
    pub(crate) fn division_by_zero(&mut self) -> Thrown {
        self.throw_new("java/lang/ArithmeticException", Some("/ by zero".into()))
    }
}

impl Vm {
    /// For an `...Init` op: initializes `class` if needed; true once it is initialized (the
    /// op can become its plain form), false while this thread is still initializing it.
    pub(crate) fn initialized(
        &mut self,
        class: u32,
        sp: usize,
        mid: usize,
        pc: usize,
    ) -> Result<bool, Thrown> {
        if self.classes[class as usize].state != crate::vm::InitState::Initialized {
            if let Some(f) = self.thread.frames.last_mut() {
                f.pc = pc as u32;
            }
            self.thread.top = sp;
            let _ = mid;
            self.initialize(class)?;
        }
        Ok(self.classes[class as usize].state == crate::vm::InitState::Initialized)
    }
}
