//! Signature-polymorphic calls (JVMS 2.9.3): `VarHandle` access modes, and the
//! `MethodHandle` intrinsics the JDK's lambda forms are built on (`invokeBasic`,
//! `linkTo*`) plus `invokeExact`/`invoke`, linked once per site through
//! `MethodHandleNatives.linkMethod` as HotSpot does.
//!
//! A `VarHandle` call such as `VALUE.compareAndSet(this, a, b)` runs the static method of
//! the same name that the handle's concrete class declares for that access mode (the JDK's
//! `VarHandleInts.FieldInstanceReadWrite.compareAndSet(VarHandle, Object, int, int)`, which
//! works through `Unsafe`), with the call site's arguments converted to its parameter types
//! as `VarHandle`'s `invoke` semantics allow; the result is converted back.

use std::collections::HashMap;
use std::sync::Arc;

use jfork_resolver::Method;

use super::CallSite;
use crate::natives::split_descriptor;
use crate::vm::{Thrown, Vm};

/// What a signature-polymorphic call site does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PolyKind {
    /// A `VarHandle` access mode.
    VarHandle,
    /// `MethodHandle.invokeBasic`: the handle's lambda form entry, arguments as they are.
    InvokeBasic,
    /// `MethodHandle.linkTo*`: the trailing `MemberName`'s method (5 virtual, 6 static,
    /// 7 special, 9 interface).
    LinkTo(u8),
    /// `invokeExact`/`invoke`: the invoker method `MethodHandleNatives.linkMethod` chose, with
    /// its appendix as the last argument.
    Invoker { target: u32, appendix: u64 },
}

/// A linked `VarHandle` or `MethodHandle` call site.
pub(crate) struct PolymorphicSite {
    kind: PolyKind,
    name: String,
    params: Vec<String>,
    ret: String,
    /// Receiver class id -> the access mode's implementation method.
    targets: HashMap<u32, u32>,
}

impl PolymorphicSite {
    /// The objects the site holds (an invoker's appendix).
    pub(crate) fn objects(&self, out: &mut Vec<u64>) {
        if let PolyKind::Invoker { appendix, .. } = self.kind {
            out.push(appendix);
        }
    }
}

/// Whether `m` is one of `MethodHandle`'s or `VarHandle`'s signature-polymorphic methods.
pub(crate) fn is_signature_polymorphic(m: &Method) -> bool {
    const ACC_VARARGS: u16 = 0x0080;
    m.is_native()
        && m.access & ACC_VARARGS != 0
        && (m.class_name.as_ref() == "java/lang/invoke/VarHandle"
            || m.class_name.as_ref() == "java/lang/invoke/MethodHandle")
}

impl Vm {
    /// Links the signature-polymorphic invocation at constant `index` of method `mid`.
    pub(crate) fn link_polymorphic(
        &mut self,
        mid: u32,
        index: u16,
        resolved: &Arc<Method>,
    ) -> Result<(u32, u16, u16), Thrown> {
        let caller = self.methods[mid as usize].class;
        let class = Arc::clone(&self.classes[self.methods[mid as usize].class as usize].linked);
        let descriptor = class
            .class_file()
            .and_then(|f| f.constant_pool().member_ref(index).ok())
            .map(|r| r.descriptor.to_owned())
            .unwrap_or_default();
        let (params, ret) = split_descriptor(&descriptor);
        let width = crate::natives::descriptor_slots;
        let receiver = u16::from(!resolved.is_static());
        let arg_slots = receiver + params.iter().map(|p| width(p)).sum::<u16>();
        let ret_slots = width(ret);
        let kind = if resolved.class_name.as_ref() == "java/lang/invoke/VarHandle" {
            PolyKind::VarHandle
        } else {
            match resolved.name.as_ref() {
                "invokeBasic" => PolyKind::InvokeBasic,
                "linkToVirtual" => PolyKind::LinkTo(5),
                "linkToStatic" => PolyKind::LinkTo(6),
                "linkToSpecial" => PolyKind::LinkTo(7),
                "linkToInterface" => PolyKind::LinkTo(9),
                "invokeExact" | "invoke" => {
                    let (target, appendix) =
                        self.link_method(caller, &resolved.name, &descriptor)?;
                    PolyKind::Invoker { target, appendix }
                }
                other => {
                    let message = format!("jfork: MethodHandle.{other} is not supported");
                    return Err(
                        self.throw_new("java/lang/UnsupportedOperationException", Some(message))
                    );
                }
            }
        };
        let site = PolymorphicSite {
            kind,
            name: resolved.name.to_string(),
            params: params.iter().map(|p| p.to_string()).collect(),
            ret: ret.to_owned(),
            targets: HashMap::new(),
        };
        self.call_sites.push(CallSite::Polymorphic(site));
        Ok(((self.call_sites.len() - 1) as u32, arg_slots, ret_slots))
    }

    /// Runs polymorphic site `site` with the handle and arguments at `base`.
    pub(super) fn run_polymorphic(&mut self, site: u32, base: usize) -> Result<u64, Thrown> {
        let CallSite::Polymorphic(s) = &self.call_sites[site as usize] else {
            return Ok(0);
        };
        let kind = s.kind;
        if kind != PolyKind::VarHandle {
            let n: usize = s
                .params
                .iter()
                .map(|p| usize::from(crate::natives::descriptor_slots(p)))
                .sum();
            return self.run_method_handle(kind, base, n);
        }
        let handle = self.non_null(self.thread.stack[base])?;
        let cid = self.class_of(handle);
        let CallSite::Polymorphic(s) = &self.call_sites[site as usize] else {
            return Ok(0);
        };
        let (name, params, ret) = (s.name.clone(), s.params.clone(), s.ret.clone());
        let target = match s.targets.get(&cid) {
            Some(&t) => t,
            None => {
                let t = self.access_mode_method(cid, &name, params.len() + 1)?;
                if let CallSite::Polymorphic(s) = &mut self.call_sites[site as usize] {
                    s.targets.insert(cid, t);
                }
                t
            }
        };
        let (target_params, target_ret) = {
            let (p, r) = split_descriptor(&self.methods[target as usize].method.descriptor);
            (
                p.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                r.to_owned(),
            )
        };
        for (i, p) in params.iter().enumerate() {
            let to = target_params.get(i + 1).map_or(p.as_str(), String::as_str);
            if !convertible(p, to) {
                return Err(self.wrong_method_type(handle, &name, &params, &ret));
            }
        }
        let mut slots = vec![handle];
        let mut at = base + 1;
        for (i, p) in params.iter().enumerate() {
            let v = self.thread.stack[at];
            at += if p == "J" || p == "D" { 2 } else { 1 };
            let to = target_params.get(i + 1).map_or(p.as_str(), String::as_str);
            let converted = if to == p {
                v
            } else {
                self.convert(v, p, p, to)?
            };
            slots.push(converted);
            if to == "J" || to == "D" {
                slots.push(0);
            }
        }
        let result = self.call_method(target, &slots)?;
        if ret == "V" || target_ret == "V" {
            return Ok(0);
        }
        if ret == target_ret {
            return Ok(result);
        }
        self.convert(result, &target_ret, &target_ret, &ret)
    }

    /// Runs a `MethodHandle` site: `slots` argument slots after the handle (or, for
    /// `linkTo*`, all the arguments including the trailing `MemberName`).
    fn run_method_handle(
        &mut self,
        kind: PolyKind,
        base: usize,
        slots: usize,
    ) -> Result<u64, Thrown> {
        match kind {
            PolyKind::InvokeBasic => {
                let mh = self.non_null(self.thread.stack[base])?;
                let form_off = self.field_offset_of(
                    "java/lang/invoke/MethodHandle",
                    "form",
                    "Ljava/lang/invoke/LambdaForm;",
                )?;
                let entry_off = self.field_offset_of(
                    "java/lang/invoke/LambdaForm",
                    "vmentry",
                    "Ljava/lang/invoke/MemberName;",
                )?;
                let form = self.get_ref(mh, form_off);
                let form = self.non_null(form)?;
                let entry = self.get_ref(form, entry_off);
                let entry = self.non_null(entry)?;
                let target = self.member_target(entry)?;
                let args = self.thread.stack[base..base + 1 + slots].to_vec();
                self.call_method(target, &args)
            }
            PolyKind::LinkTo(ref_kind) => {
                let member = self.non_null(self.thread.stack[base + slots - 1])?;
                let mut target = self.member_target(member)?;
                let args = self.thread.stack[base..base + slots - 1].to_vec();
                if ref_kind == 5 || ref_kind == 9 {
                    let receiver = self.non_null(args.first().copied().unwrap_or(0))?;
                    let rc = self.class_of(receiver);
                    let linked = Arc::clone(&self.classes[rc as usize].linked);
                    let resolved = Arc::clone(&self.methods[target as usize].method);
                    let selected = match jfork_resolver::select_method(&linked, &resolved) {
                        Ok(m) => m,
                        Err(e) => return Err(self.throw_link_error(&e)),
                    };
                    target = self.method_id(&selected);
                } else if ref_kind == 6 {
                    let cid = self.methods[target as usize].class;
                    self.initialize(cid)?;
                }
                self.call_method(target, &args)
            }
            PolyKind::Invoker { target, appendix } => {
                let mut args = self.thread.stack[base..base + 1 + slots].to_vec();
                args.push(appendix);
                self.call_method(target, &args)
            }
            PolyKind::VarHandle => Ok(0),
        }
    }

    /// The method a resolved `MemberName` names (its `ResolvedMethodName.vmtarget`).
    pub(crate) fn member_target(&mut self, member: u64) -> Result<u32, Thrown> {
        let method_off = self.field_offset_of(
            "java/lang/invoke/MemberName",
            "method",
            "Ljava/lang/invoke/ResolvedMethodName;",
        )?;
        let target_off =
            self.field_offset_of("java/lang/invoke/ResolvedMethodName", "vmtarget", "J")?;
        let rmn = self.get_ref(member, method_off);
        let id = if rmn == 0 {
            0
        } else {
            self.get_long(rmn, target_off)
        };
        if id <= 0 || id as usize > self.methods.len() {
            return Err(self.throw_new(
                "java/lang/InternalError",
                Some("jfork: MemberName is not resolved to a method".into()),
            ));
        }
        Ok((id - 1) as u32)
    }

    /// `MethodHandleNatives.linkMethod` for an `invokeExact`/`invoke` site of class `caller`
    /// with call site type `descriptor` (receiver excluded): the invoker method and its
    /// appendix.
    fn link_method(
        &mut self,
        caller: u32,
        name: &str,
        descriptor: &str,
    ) -> Result<(u32, u64), Thrown> {
        let caller_mirror = self.mirror(caller)?;
        let loader = self.classes[caller as usize].linked.loader;
        let method_type = self.method_type_of(loader, descriptor)?;
        let mh = self.load(
            jfork_resolver::LoaderId::BOOTSTRAP,
            "java/lang/invoke/MethodHandle",
        )?;
        let mh_mirror = self.mirror(mh)?;
        let name = self.intern(name)?;
        let appendix = self.new_ref_array("[Ljava/lang/Object;", &[0])?;
        let member = self.call_static(
            "java/lang/invoke/MethodHandleNatives",
            "linkMethod",
            "(Ljava/lang/Class;ILjava/lang/Class;Ljava/lang/String;Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/invoke/MemberName;",
            &[caller_mirror, 5, mh_mirror, name, method_type, appendix],
        )?;
        let member = self.non_null(member)?;
        let target = self.member_target(member)?;
        Ok((target, self.ref_array_get(appendix, 0)))
    }

    /// A `java.lang.invoke.MethodType` for `descriptor`, its classes loaded by `loader`.
    pub(crate) fn method_type_of(
        &mut self,
        loader: jfork_resolver::LoaderId,
        descriptor: &str,
    ) -> Result<u64, Thrown> {
        let (params, ret) = split_descriptor(descriptor);
        let mut mirrors = Vec::with_capacity(params.len());
        for p in &params {
            mirrors.push(self.mirror_of_descriptor(loader, p)?);
        }
        let rtype = self.mirror_of_descriptor(loader, ret)?;
        let ptypes = self.new_ref_array("[Ljava/lang/Class;", &mirrors)?;
        self.call_static(
            "java/lang/invoke/MethodHandleNatives",
            "findMethodHandleType",
            "(Ljava/lang/Class;[Ljava/lang/Class;)Ljava/lang/invoke/MethodType;",
            &[rtype, ptypes],
        )
    }

    /// The mirror of the type a field descriptor (or `V`) names, loaded by `loader`.
    pub(crate) fn mirror_of_descriptor(
        &mut self,
        loader: jfork_resolver::LoaderId,
        descriptor: &str,
    ) -> Result<u64, Thrown> {
        let ty = match descriptor {
            "V" => Some(None),
            d if d.len() == 1 => jfork_resolver::BasicType::of_descriptor(d).map(Some),
            _ => None,
        };
        if let Some(t) = ty {
            let class = self.linker.primitive_class(t);
            let id = self.register_class(&class);
            return self.mirror(id);
        }
        let name = descriptor
            .strip_prefix('L')
            .and_then(|d| d.strip_suffix(';'))
            .unwrap_or(descriptor);
        let id = self.load(loader, name)?;
        self.mirror(id)
    }

    /// `WrongMethodTypeException` for a call site whose type cannot be converted to the
    /// access mode's type, with `MethodHandle.asType`'s message.
    fn wrong_method_type(
        &mut self,
        handle: u64,
        name: &str,
        params: &[String],
        ret: &str,
    ) -> Thrown {
        let build = |vm: &mut Vm| -> Result<String, Thrown> {
            let n = vm.create_string(name)?;
            let mode = vm.call_static(
                "java/lang/invoke/VarHandle$AccessMode",
                "valueFromMethodName",
                "(Ljava/lang/String;)Ljava/lang/invoke/VarHandle$AccessMode;",
                &[n],
            )?;
            let mt = vm.call_virtual(
                handle,
                "accessModeType",
                "(Ljava/lang/invoke/VarHandle$AccessMode;)Ljava/lang/invoke/MethodType;",
                &[mode],
            )?;
            let text = vm.call_virtual(mt, "toString", "()Ljava/lang/String;", &[])?;
            Ok(vm.string_value(text).unwrap_or_default())
        };
        let target = match build(self) {
            Ok(t) => t,
            Err(t) => return t,
        };
        let site: Vec<String> = params.iter().map(|p| simple_type_name(p)).collect();
        let message = format!(
            "cannot convert MethodHandle(VarHandle,{} to (VarHandle,{}){}",
            target.strip_prefix('(').unwrap_or(&target),
            site.join(","),
            simple_type_name(ret)
        );
        self.throw_new("java/lang/invoke/WrongMethodTypeException", Some(message))
    }

    /// The static method implementing access mode `name` for a `VarHandle` of class `cid`.
    fn access_mode_method(&mut self, cid: u32, name: &str, params: usize) -> Result<u32, Thrown> {
        let mut class = Some(Arc::clone(&self.classes[cid as usize].linked));
        while let Some(c) = class {
            if c.name.as_ref() == "java/lang/invoke/VarHandle" {
                break;
            }
            let found = c
                .methods
                .iter()
                .find(|m| {
                    m.is_static()
                        && m.name.as_ref() == name
                        && split_descriptor(&m.descriptor).0.len() == params
                })
                .cloned();
            if let Some(m) = found {
                return Ok(self.method_id(&m));
            }
            class = c.super_class.clone();
        }
        let class_name = self.classes[cid as usize].linked.name.replace('/', ".");
        Err(self.throw_new(
            "java/lang/UnsupportedOperationException",
            Some(format!("{class_name} has no access mode {name}")),
        ))
    }
}

/// Whether `MethodHandle.asType` can convert a value of type `from` to type `to` (both
/// descriptors): identity, widening, boxing to a supertype of the wrapper, unboxing from a
/// wrapper or a supertype that may hold one, and any reference cast.
fn convertible(from: &str, to: &str) -> bool {
    if from == to {
        return true;
    }
    let prim = |d: &str| d.len() == 1;
    let wrapper = |p: &str| match p {
        "I" => "Ljava/lang/Integer;",
        "J" => "Ljava/lang/Long;",
        "D" => "Ljava/lang/Double;",
        "F" => "Ljava/lang/Float;",
        "Z" => "Ljava/lang/Boolean;",
        "C" => "Ljava/lang/Character;",
        "S" => "Ljava/lang/Short;",
        _ => "Ljava/lang/Byte;",
    };
    let general = |d: &str| {
        matches!(
            d,
            "Ljava/lang/Object;"
                | "Ljava/lang/Number;"
                | "Ljava/lang/Comparable;"
                | "Ljava/io/Serializable;"
        )
    };
    let widens = |a: &str, b: &str| {
        matches!(
            (a, b),
            ("B", "S" | "I" | "J" | "F" | "D")
                | ("S" | "C", "I" | "J" | "F" | "D")
                | ("I", "J" | "F" | "D")
                | ("J", "F" | "D")
                | ("F", "D")
        )
    };
    match (prim(from), prim(to)) {
        (true, true) => widens(from, to),
        (true, false) => to == wrapper(from) || general(to),
        (false, true) => {
            general(from)
                || ["I", "J", "D", "F", "Z", "C", "S", "B"]
                    .iter()
                    .any(|p| wrapper(p) == from && (*p == to || widens(p, to)))
        }
        (false, false) => true,
    }
}

/// `Class.getSimpleName()` of a descriptor, as `MethodType.toString` prints it.
fn simple_type_name(descriptor: &str) -> String {
    let dims = descriptor.bytes().take_while(|&b| b == b'[').count();
    let element = &descriptor[dims..];
    let base = match element {
        "I" => "int".to_owned(),
        "J" => "long".to_owned(),
        "D" => "double".to_owned(),
        "F" => "float".to_owned(),
        "Z" => "boolean".to_owned(),
        "C" => "char".to_owned(),
        "S" => "short".to_owned(),
        "B" => "byte".to_owned(),
        "V" => "void".to_owned(),
        other => {
            let name = other.trim_start_matches('L').trim_end_matches(';');
            let last = name.rsplit('/').next().unwrap_or(name);
            last.rsplit('$').next().unwrap_or(last).to_owned()
        }
    };
    format!("{base}{}", "[]".repeat(dims))
}
