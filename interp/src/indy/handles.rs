//! Signature-polymorphic calls (JVMS 2.9.3): `VarHandle` access modes, and the
//! `MethodHandle` invokers (not supported yet: they need the JDK's lambda forms).
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

/// A linked `VarHandle` or `MethodHandle` call site.
pub(crate) struct PolymorphicSite {
    var_handle: bool,
    name: String,
    params: Vec<String>,
    ret: String,
    /// Receiver class id -> the access mode's implementation method.
    targets: HashMap<u32, u32>,
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
    /// Links the signature-polymorphic `invokevirtual` at constant `index` of method `mid`.
    pub(crate) fn link_polymorphic(
        &mut self,
        mid: u32,
        index: u16,
        resolved: &Arc<Method>,
    ) -> Result<(u32, u16, u16), Thrown> {
        let class = Arc::clone(&self.classes[self.methods[mid as usize].class as usize].linked);
        let descriptor = class
            .class_file()
            .and_then(|f| f.constant_pool().member_ref(index).ok())
            .map(|r| r.descriptor.to_owned())
            .unwrap_or_default();
        let (params, ret) = split_descriptor(&descriptor);
        let width = |d: &str| match d.as_bytes().first() {
            Some(b'V') => 0u16,
            Some(b'J' | b'D') => 2,
            _ => 1,
        };
        let arg_slots = 1 + params.iter().map(|p| width(p)).sum::<u16>();
        let ret_slots = width(ret);
        let site = PolymorphicSite {
            var_handle: resolved.class_name.as_ref() == "java/lang/invoke/VarHandle",
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
        let handle = self.non_null(self.thread.stack[base])?;
        let cid = self.class_of(handle);
        let CallSite::Polymorphic(s) = &self.call_sites[site as usize] else {
            return Ok(0);
        };
        if !s.var_handle {
            let message = format!(
                "jfork: MethodHandle.{} is not supported yet (it needs the JDK's lambda forms)",
                s.name
            );
            return Err(self.throw_new("java/lang/UnsupportedOperationException", Some(message)));
        }
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
