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
