//! `LambdaMetafactory`: lambdas and method references.
//!
//! Linking a site defines a class in the caller's loader, named as the JDK names its lambda
//! classes (`Caller$$Lambda$N`, without the hidden-class address suffix), that extends
//! `Object`, implements the functional interface (plus markers, `Serializable` when asked),
//! holds the captured values in `arg$1..` fields and declares the interface method (and
//! bridges) as native methods. Calling one converts the arguments as the JDK's generated
//! code does (cast to the instantiated type, unbox, box, widen), calls the implementation
//! method with the JVM's selection rules, and converts the result back. No frame appears
//! for the lambda class, as HotSpot hides those frames from stack traces.

use std::sync::Arc;

use jfork_resolver::{LoaderId, Method, Resolved};

use super::{CallSite, StaticArg};
use crate::natives::split_descriptor;
use crate::vm::{Thrown, Vm};

/// How a lambda class's method calls its implementation.
pub(crate) struct LambdaMethod {
    /// `REF_invokeStatic` etc. (JVMS 5.4.3.5).
    kind: u8,
    /// The resolved implementation method.
    target: Arc<Method>,
    /// The implementation's parameter types, receiver first for instance methods.
    target_params: Vec<String>,
    target_return: String,
    /// Captured fields (descriptor char, offset), in order.
    captured: Vec<(u8, u32)>,
    /// This method's parameters and return (the interface method or a bridge).
    params: Vec<String>,
    ret: String,
    /// The instantiated method type's parameters and return (what arguments are cast to).
    instantiated: Vec<String>,
    instantiated_ret: String,
    /// For the `writeReplace` of a serializable lambda: what its `SerializedLambda` says.
    serial: Option<Box<SerialForm>>,
}

/// The strings of a serializable lambda's `java.lang.invoke.SerializedLambda`.
#[derive(Clone)]
struct SerialForm {
    caller: u32,
    interface: String,
    method: String,
    signature: String,
    instantiated: String,
}

const FLAG_SERIALIZABLE: i32 = 1;
const FLAG_MARKERS: i32 = 2;
const FLAG_BRIDGES: i32 = 4;

impl Vm {
    /// Links a `metafactory`/`altMetafactory` site of class `caller`: defines the lambda
    /// class and returns the site.
    pub(super) fn link_lambda(
        &mut self,
        caller: u32,
        name: &str,
        factory_type: &str,
        args: &[StaticArg],
        alt: bool,
    ) -> Result<CallSite, Thrown> {
        let bad = |vm: &mut Vm, what: &str| {
            Err(vm.throw_new(
                "java/lang/invoke/LambdaConversionException",
                Some(format!("jfork: {what}")),
            ))
        };
        let (
            Some(StaticArg::MethodType(sam)),
            Some(StaticArg::MethodHandle { kind, member }),
            Some(StaticArg::MethodType(instantiated)),
        ) = (args.first(), args.get(1), args.get(2))
        else {
            return bad(self, "malformed metafactory arguments");
        };
        let Resolved::Method(target) = member else {
            return bad(self, "field method handles are not lambda implementations");
        };
        let (captured_types, interface) = split_descriptor(factory_type);
        let interface = interface
            .strip_prefix('L')
            .and_then(|s| s.strip_suffix(';'))
            .unwrap_or(interface)
            .to_owned();
        let mut interfaces = vec![interface];
        let mut descriptors = vec![sam.clone()];
        if alt {
            let flags = match args.get(3) {
                Some(StaticArg::Int(f)) => *f,
                _ => 0,
            };
            let mut rest = args.iter().skip(4);
            if flags & FLAG_MARKERS != 0 {
                let n = match rest.next() {
                    Some(StaticArg::Int(n)) => *n,
                    _ => 0,
                };
                for _ in 0..n {
                    if let Some(StaticArg::Class(c)) = rest.next() {
                        interfaces.push(c.name.to_string());
                    }
                }
            }
            if flags & FLAG_BRIDGES != 0 {
                let n = match rest.next() {
                    Some(StaticArg::Int(n)) => *n,
                    _ => 0,
                };
                for _ in 0..n {
                    if let Some(StaticArg::MethodType(d)) = rest.next() {
                        descriptors.push(d.clone());
                    }
                }
            }
            if flags & FLAG_SERIALIZABLE != 0
                && !interfaces.iter().any(|i| i == "java/io/Serializable")
            {
                interfaces.push("java/io/Serializable".to_owned());
            }
        }
        descriptors.dedup();
        let serializable = interfaces.iter().any(|i| i == "java/io/Serializable")
            || (alt
                && matches!(args.get(3), Some(StaticArg::Int(f)) if f & FLAG_SERIALIZABLE != 0));
        let caller_linked = Arc::clone(&self.classes[caller as usize].linked);
        self.lambda_count += 1;
        let class_name = format!("{}$$Lambda${}", caller_linked.name, self.lambda_count);
        let fields: Vec<String> = captured_types.iter().map(|s| s.to_string()).collect();
        // A serializable lambda replaces itself by a SerializedLambda when written.
        let extra: &[(&str, &str, u16)] = if serializable {
            &[("writeReplace", "()Ljava/lang/Object;", 0x0112)]
        } else {
            &[]
        };
        let bytes = class_file(&class_name, &interfaces, &fields, name, &descriptors, extra);
        let loader = caller_linked.loader;
        self.linker.source().define(loader, &class_name, bytes);
        let linked = match self.linker.load_class(loader, &class_name) {
            Ok(c) => c,
            Err(e) => return Err(self.throw_link_error(&e)),
        };
        let cid = self.register_class(&linked);
        self.hidden_classes.insert(cid, caller);
        let mut field_slots = Vec::new();
        for (i, d) in fields.iter().enumerate() {
            let f = linked
                .instance_field(&format!("arg${}", i + 1), d)
                .map(|f| f.offset)
                .unwrap_or(0);
            field_slots.push((d.as_bytes()[0], f));
        }
        let (mut target_params, target_return): (Vec<String>, String) = {
            let (p, r) = split_descriptor(&target.descriptor);
            (p.iter().map(|s| s.to_string()).collect(), r.to_owned())
        };
        let kind = *kind;
        if matches!(kind, 5 | 7 | 9) {
            target_params.insert(0, format!("L{};", target.class_name));
        }
        let target_return = if kind == 8 {
            format!("L{};", target.class_name)
        } else {
            target_return
        };
        let (inst_params, inst_ret) = {
            let (p, r) = split_descriptor(instantiated);
            (
                p.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                r.to_owned(),
            )
        };
        let sam = sam.clone();
        let interface_name = interfaces[0].clone();
        for m in linked.methods.iter() {
            let serial =
                if serializable && m.name.as_ref() == "writeReplace" && name != "writeReplace" {
                    Some(Box::new(SerialForm {
                        caller,
                        interface: interface_name.clone(),
                        method: name.to_owned(),
                        signature: sam.clone(),
                        instantiated: instantiated.clone(),
                    }))
                } else if m.name.as_ref() == name {
                    None
                } else {
                    continue;
                };
            let mid = self.method_id(m);
            let (p, r) = split_descriptor(&m.descriptor);
            self.lambda_methods.insert(
                mid,
                LambdaMethod {
                    kind,
                    target: Arc::clone(target),
                    target_params: target_params.clone(),
                    target_return: target_return.clone(),
                    captured: field_slots.clone(),
                    params: p.iter().map(|s| s.to_string()).collect(),
                    ret: r.to_owned(),
                    instantiated: inst_params.clone(),
                    instantiated_ret: inst_ret.clone(),
                    serial,
                },
            );
        }
        self.initialize(cid)?;
        let singleton = if fields.is_empty() {
            self.new_instance(cid)?
        } else {
            0
        };
        Ok(CallSite::Lambda {
            class: cid,
            fields: field_slots.into_boxed_slice(),
            singleton,
        })
    }

    /// A new lambda object holding the captured values at `base`.
    pub(super) fn new_lambda(
        &mut self,
        class: u32,
        fields: &[(u8, u32)],
        base: usize,
    ) -> Result<u64, Thrown> {
        let object = self.new_instance(class)?;
        let mut at = base;
        for &(kind, offset) in fields {
            let v = self.thread.stack[at];
            crate::interp::store_kind(kind, object + u64::from(offset), v);
            at += if kind == b'J' || kind == b'D' { 2 } else { 1 };
        }
        Ok(object)
    }

    /// Runs lambda method `mid` with argument slots `args` (receiver first).
    pub(crate) fn call_lambda(&mut self, mid: u32, args: &[u64]) -> Result<u64, Thrown> {
        let Some(lm) = self.lambda_methods.get(&mid) else {
            return Ok(0);
        };
        if let Some(form) = lm.serial.clone() {
            let (kind, target, captured) = (lm.kind, Arc::clone(&lm.target), lm.captured.clone());
            return self.serialized_lambda(&form, kind, &target, &captured, args[0]);
        }
        let kind = lm.kind;
        let target = Arc::clone(&lm.target);
        let target_params = lm.target_params.clone();
        let target_return = lm.target_return.clone();
        let captured = lm.captured.clone();
        let params = lm.params.clone();
        let ret = lm.ret.clone();
        let instantiated = lm.instantiated.clone();
        let instantiated_ret = lm.instantiated_ret.clone();
        let this = args[0];
        // The implementation's arguments: captured values, then this call's, converted.
        let mut values: Vec<(u64, String)> = Vec::new();
        for &(k, offset) in &captured {
            let v = crate::interp::load_kind(k, this + u64::from(offset));
            values.push((v, String::new()));
        }
        let mut at = 1;
        for (i, p) in params.iter().enumerate() {
            let v = args.get(at).copied().unwrap_or(0);
            at += if p == "J" || p == "D" { 2 } else { 1 };
            let j = captured.len() + i;
            let Some(to) = target_params.get(j) else {
                break;
            };
            let cast = instantiated.get(i).map_or(p.as_str(), String::as_str);
            let converted = self.convert(v, p, cast, to)?;
            values.push((converted, to.clone()));
        }
        let mut slots = Vec::with_capacity(values.len() + 1);
        let mut receiver = 0;
        for (i, (v, _)) in values.iter().enumerate() {
            let d = &target_params[i];
            slots.push(*v);
            if d == "J" || d == "D" {
                slots.push(0);
            }
            if i == 0 {
                receiver = *v;
            }
        }
        let result = match kind {
            // REF_invokeStatic
            6 => {
                let mid = self.method_id(&target);
                let cid = self.methods[mid as usize].class;
                self.initialize(cid)?;
                self.call_method(mid, &slots)?
            }
            // REF_newInvokeSpecial
            8 => {
                let mid = self.method_id(&target);
                let cid = self.methods[mid as usize].class;
                self.initialize(cid)?;
                let object = self.new_instance(cid)?;
                slots.insert(0, object);
                self.call_method(mid, &slots)?;
                object
            }
            // REF_invokeSpecial, REF_invokeVirtual, REF_invokeInterface
            _ => {
                if receiver == 0 {
                    return Err(self.throw_new("java/lang/NullPointerException", None));
                }
                let selected = if kind == 7 {
                    Arc::clone(&target)
                } else {
                    let rc = self.class_of(receiver);
                    let linked = Arc::clone(&self.classes[rc as usize].linked);
                    match jfork_resolver::select_method(&linked, &target) {
                        Ok(m) => m,
                        Err(e) => return Err(self.throw_link_error(&e)),
                    }
                };
                let mid = self.method_id(&selected);
                self.call_method(mid, &slots)?
            }
        };
        if ret == "V" {
            return Ok(0);
        }
        let from = if target_return == "V" {
            "V"
        } else {
            target_return.as_str()
        };
        if from == "V" {
            return Ok(0);
        }
        let _ = instantiated_ret;
        self.convert(result, from, from, &ret)
    }

    /// `writeReplace` of a serializable lambda: its `java.lang.invoke.SerializedLambda`.
    fn serialized_lambda(
        &mut self,
        form: &SerialForm,
        kind: u8,
        target: &Method,
        captured: &[(u8, u32)],
        this: u64,
    ) -> Result<u64, Thrown> {
        let mut values = Vec::with_capacity(captured.len());
        for &(k, offset) in captured {
            let v = crate::interp::load_kind(k, this + u64::from(offset));
            let d = if k == b'L' || k == b'[' {
                "Ljava/lang/Object;".to_owned()
            } else {
                (k as char).to_string()
            };
            values.push(if d.len() == 1 {
                self.convert(v, &d, &d, "Ljava/lang/Object;")?
            } else {
                v
            });
        }
        let captured = self.new_ref_array("[Ljava/lang/Object;", &values)?;
        let caller = self.mirror(form.caller)?;
        let mut strings = Vec::new();
        for text in [
            form.interface.as_str(),
            form.method.as_str(),
            form.signature.as_str(),
            target.class_name.as_ref(),
            target.name.as_ref(),
            target.descriptor.as_ref(),
            form.instantiated.as_str(),
        ] {
            strings.push(self.create_string(text)?);
        }
        let cid = self.init_class("java/lang/invoke/SerializedLambda")?;
        self.new_object(
            cid,
            "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;ILjava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;[Ljava/lang/Object;)V",
            &[
                caller, strings[0], strings[1], strings[2], u64::from(kind), strings[3],
                strings[4], strings[5], strings[6], captured,
            ],
        )
    }

    /// The primitive in a box, as a slot (`kind`: the descriptor char).
    pub(crate) fn unbox_constant(&mut self, boxed: u64, kind: u8) -> Result<u64, Thrown> {
        let d = (kind as char).to_string();
        self.convert(boxed, "Ljava/lang/Object;", &d, &d)
    }

    /// Converts `value` of type `from` (cast to `cast` first for references) to type `to`:
    /// identity, reference cast, unboxing, boxing and primitive widening, as the JDK's
    /// lambda classes do.
    pub(super) fn convert(
        &mut self,
        value: u64,
        from: &str,
        cast: &str,
        to: &str,
    ) -> Result<u64, Thrown> {
        let prim = |d: &str| d.len() == 1;
        match (prim(from), prim(to)) {
            (true, true) => Ok(widen(value, from.as_bytes()[0], to.as_bytes()[0])),
            (false, false) => {
                if value != 0 && to != "Ljava/lang/Object;" {
                    let name = to
                        .strip_prefix('L')
                        .and_then(|s| s.strip_suffix(';'))
                        .unwrap_or(to);
                    let loader = self.classes[self.class_of(value) as usize].linked.loader;
                    if let Ok(c) = self.linker.load_class(loader, name) {
                        let target = self.register_class(&c);
                        let have = self.class_of(value);
                        if !self.is_assignable(have, target) {
                            return Err(self.class_cast(have, target));
                        }
                    }
                }
                Ok(value)
            }
            (false, true) => {
                // Unbox: the wrapper named by the cast type, else the one of the target.
                if value == 0 {
                    return Err(self.throw_new("java/lang/NullPointerException", None));
                }
                let wrapper_of = |d: &str| -> Option<(&'static str, &'static str, &'static str)> {
                    Some(match d {
                        "Ljava/lang/Integer;" | "I" => ("java/lang/Integer", "intValue", "()I"),
                        "Ljava/lang/Long;" | "J" => ("java/lang/Long", "longValue", "()J"),
                        "Ljava/lang/Double;" | "D" => ("java/lang/Double", "doubleValue", "()D"),
                        "Ljava/lang/Float;" | "F" => ("java/lang/Float", "floatValue", "()F"),
                        "Ljava/lang/Boolean;" | "Z" => ("java/lang/Boolean", "booleanValue", "()Z"),
                        "Ljava/lang/Character;" | "C" => {
                            ("java/lang/Character", "charValue", "()C")
                        }
                        "Ljava/lang/Short;" | "S" => ("java/lang/Short", "shortValue", "()S"),
                        "Ljava/lang/Byte;" | "B" => ("java/lang/Byte", "byteValue", "()B"),
                        _ => return None,
                    })
                };
                let (class, method, desc) = match wrapper_of(cast).or_else(|| wrapper_of(to)) {
                    Some(w) => w,
                    None => return Ok(value),
                };
                let cid = self.load(LoaderId::BOOTSTRAP, class)?;
                let have = self.class_of(value);
                if !self.is_assignable(have, cid) {
                    return Err(self.class_cast(have, cid));
                }
                let raw = self.call_virtual(value, method, desc, &[])?;
                let got = desc.as_bytes()[2];
                Ok(widen(raw, got, to.as_bytes()[0]))
            }
            (true, false) => {
                let (class, desc) = match from {
                    "I" => ("java/lang/Integer", "(I)Ljava/lang/Integer;"),
                    "J" => ("java/lang/Long", "(J)Ljava/lang/Long;"),
                    "D" => ("java/lang/Double", "(D)Ljava/lang/Double;"),
                    "F" => ("java/lang/Float", "(F)Ljava/lang/Float;"),
                    "Z" => ("java/lang/Boolean", "(Z)Ljava/lang/Boolean;"),
                    "C" => ("java/lang/Character", "(C)Ljava/lang/Character;"),
                    "S" => ("java/lang/Short", "(S)Ljava/lang/Short;"),
                    _ => ("java/lang/Byte", "(B)Ljava/lang/Byte;"),
                };
                let args: &[u64] = if from == "J" || from == "D" {
                    &[value, 0]
                } else {
                    &[value]
                };
                self.call_static(class, "valueOf", desc, args)
            }
        }
    }
}

/// Widens primitive `value` of descriptor char `from` to `to` (JLS 5.1.2); identity else.
fn widen(value: u64, from: u8, to: u8) -> u64 {
    let as_long = |v: u64| -> i64 {
        match from {
            b'J' => v as i64,
            _ => i64::from(v as u32 as i32),
        }
    };
    match (from, to) {
        (a, b) if a == b => value,
        (b'B' | b'S' | b'C' | b'I', b'I' | b'S') => value,
        (b'B' | b'S' | b'C' | b'I', b'J') => as_long(value) as u64,
        (b'B' | b'S' | b'C' | b'I', b'F') => u64::from((value as u32 as i32 as f32).to_bits()),
        (b'B' | b'S' | b'C' | b'I', b'D') => (value as u32 as i32 as f64).to_bits(),
        (b'J', b'F') => u64::from((value as i64 as f32).to_bits()),
        (b'J', b'D') => (value as i64 as f64).to_bits(),
        (b'F', b'D') => f64::from(f32::from_bits(value as u32)).to_bits(),
        _ => value,
    }
}

/// A minimal class file: `final synthetic class NAME extends Object implements ...`, with
/// `private final` fields `arg$1..` of `fields` and `public native` methods `method` of each
/// descriptor.
fn class_file(
    name: &str,
    interfaces: &[String],
    fields: &[String],
    method: &str,
    descriptors: &[String],
    extra: &[(&str, &str, u16)],
) -> Vec<u8> {
    let mut pool: Vec<Vec<u8>> = Vec::new();
    let utf8 = |pool: &mut Vec<Vec<u8>>, s: &str| -> u16 {
        let mut e = vec![1u8];
        e.extend_from_slice(&(s.len() as u16).to_be_bytes());
        e.extend_from_slice(s.as_bytes());
        if let Some(i) = pool.iter().position(|x| *x == e) {
            return i as u16 + 1;
        }
        pool.push(e);
        pool.len() as u16
    };
    let class = |pool: &mut Vec<Vec<u8>>, index: u16| -> u16 {
        let mut e = vec![7u8];
        e.extend_from_slice(&index.to_be_bytes());
        pool.push(e);
        pool.len() as u16
    };
    let this_name = utf8(&mut pool, name);
    let this = class(&mut pool, this_name);
    let object_name = utf8(&mut pool, "java/lang/Object");
    let object = class(&mut pool, object_name);
    let mut iface_indices = Vec::new();
    for i in interfaces {
        let n = utf8(&mut pool, i);
        iface_indices.push(class(&mut pool, n));
    }
    let mut field_entries = Vec::new();
    for (i, d) in fields.iter().enumerate() {
        let n = utf8(&mut pool, &format!("arg${}", i + 1));
        let t = utf8(&mut pool, d);
        field_entries.push((n, t));
    }
    let method_name = utf8(&mut pool, method);
    let mut method_entries = Vec::new();
    for d in descriptors {
        // ACC_PUBLIC | ACC_NATIVE
        method_entries.push((0x0101u16, method_name, utf8(&mut pool, d)));
    }
    for (n, d, access) in extra {
        let n = utf8(&mut pool, n);
        method_entries.push((*access, n, utf8(&mut pool, d)));
    }
    let mut out = Vec::new();
    out.extend_from_slice(&0xCAFE_BABEu32.to_be_bytes());
    out.extend_from_slice(&0u16.to_be_bytes());
    out.extend_from_slice(&52u16.to_be_bytes());
    out.extend_from_slice(&(pool.len() as u16 + 1).to_be_bytes());
    for e in &pool {
        out.extend_from_slice(e);
    }
    // ACC_FINAL | ACC_SUPER | ACC_SYNTHETIC
    out.extend_from_slice(&0x1030u16.to_be_bytes());
    out.extend_from_slice(&this.to_be_bytes());
    out.extend_from_slice(&object.to_be_bytes());
    out.extend_from_slice(&(iface_indices.len() as u16).to_be_bytes());
    for i in iface_indices {
        out.extend_from_slice(&i.to_be_bytes());
    }
    out.extend_from_slice(&(field_entries.len() as u16).to_be_bytes());
    for (n, t) in field_entries {
        // ACC_PRIVATE | ACC_FINAL
        out.extend_from_slice(&0x0012u16.to_be_bytes());
        out.extend_from_slice(&n.to_be_bytes());
        out.extend_from_slice(&t.to_be_bytes());
        out.extend_from_slice(&0u16.to_be_bytes());
    }
    out.extend_from_slice(&(method_entries.len() as u16).to_be_bytes());
    for (access, n, d) in method_entries {
        out.extend_from_slice(&access.to_be_bytes());
        out.extend_from_slice(&n.to_be_bytes());
        out.extend_from_slice(&d.to_be_bytes());
        out.extend_from_slice(&0u16.to_be_bytes());
    }
    out.extend_from_slice(&0u16.to_be_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_class_parses_and_validates() {
        let bytes = class_file(
            "p/Main$$Lambda$1",
            &["java/util/function/Function".into()],
            &["I".into(), "Ljava/lang/String;".into()],
            "apply",
            &["(Ljava/lang/Object;)Ljava/lang/Object;".into()],
            &[("writeReplace", "()Ljava/lang/Object;", 0x0112)],
        );
        let file = jfork_classfile::ClassFile::parse(&bytes).expect("parses");
        file.validate().expect("valid");
        assert_eq!(file.this_class(), "p/Main$$Lambda$1");
        assert_eq!(file.fields().len(), 2);
        assert_eq!(file.methods().len(), 2);
    }

    #[test]
    fn widening() {
        assert_eq!(widen(u64::from(-3i32 as u32), b'I', b'J') as i64, -3);
        assert_eq!(
            f64::from_bits(widen(u64::from(2i32 as u32), b'I', b'D')),
            2.0
        );
    }
}
