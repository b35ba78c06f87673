//! `java.lang.invoke.MethodHandleNatives`: resolving `MemberName`s (what `Lookup.find*` and
//! `findVarHandle` rest on) and the field offsets of resolved fields.
//!
//! A resolved field's `vmindex` is its offset (instance) or its static slot's address
//! (static: base null, as the reflection natives report static fields); a resolved method's
//! `method` is a `ResolvedMethodName` whose `vmtarget` is the method id + 1.

use std::sync::Arc;

use jfork_resolver::{ClassKind, LinkedClass};

use super::{NativeFn, arg, arg_int};
use crate::vm::{Thrown, Vm};

const MHN: &str = "java/lang/invoke/MethodHandleNatives";
const MN: &str = "java/lang/invoke/MemberName";
const MN_IS_METHOD: i32 = 0x0001_0000;
const MN_IS_CONSTRUCTOR: i32 = 0x0002_0000;
const MN_IS_FIELD: i32 = 0x0004_0000;
const REF_KIND_SHIFT: i32 = 24;
const REF_GET_FIELD: i32 = 1;
const REF_GET_STATIC: i32 = 2;
const REF_PUT_FIELD: i32 = 3;
const REF_PUT_STATIC: i32 = 4;
const REF_INVOKE_VIRTUAL: i32 = 5;
const REF_INVOKE_STATIC: i32 = 6;
const REF_INVOKE_SPECIAL: i32 = 7;
const REF_INVOKE_INTERFACE: i32 = 9;
/// `JVM_RECOGNIZED_FIELD_MODIFIERS` / `JVM_RECOGNIZED_METHOD_MODIFIERS`.
const FIELD_MODIFIERS: i32 = 0x50df;
const METHOD_MODIFIERS: i32 = 0x1dff;

pub(crate) fn register(vm: &mut Vm) {
    vm.register_native(
        MHN,
        "resolve",
        "(Ljava/lang/invoke/MemberName;Ljava/lang/Class;IZ)Ljava/lang/invoke/MemberName;",
        |vm, a| vm.resolve_member_name(arg(a, 0), arg(a, 3) as u32 != 0),
    );
    let vmindex: NativeFn = |vm, a| {
        let off = vm.field_offset_of(MN, "vmindex", "J")?;
        let m = vm.non_null(arg(a, 0))?;
        Ok(vm.get_long(m, off) as u64)
    };
    vm.register_native(
        MHN,
        "objectFieldOffset",
        "(Ljava/lang/invoke/MemberName;)J",
        vmindex,
    );
    vm.register_native(
        MHN,
        "staticFieldOffset",
        "(Ljava/lang/invoke/MemberName;)J",
        vmindex,
    );
    vm.register_native(
        MHN,
        "staticFieldBase",
        "(Ljava/lang/invoke/MemberName;)Ljava/lang/Object;",
        |_, _| Ok(0),
    );
    vm.register_native(
        MHN,
        "init",
        "(Ljava/lang/invoke/MemberName;Ljava/lang/Object;)V",
        |vm, a| {
            vm.init_member_name(arg(a, 0), arg(a, 1))?;
            Ok(0)
        },
    );
    vm.register_native(MHN, "getNamedCon", "(I[Ljava/lang/Object;)I", |_, _| Ok(0));
    vm.register_native(
        MHN,
        "getMemberVMInfo",
        "(Ljava/lang/invoke/MemberName;)Ljava/lang/Object;",
        |vm, a| {
            // { vmindex as Long, the class (fields) or the MemberName itself (methods) }.
            let member = vm.non_null(arg(a, 0))?;
            let index = vm.field_offset_of(MN, "vmindex", "J")?;
            let flags = vm.field_offset_of(MN, "flags", "I")?;
            let clazz = vm.field_offset_of(MN, "clazz", "Ljava/lang/Class;")?;
            let value = vm.get_long(member, index);
            let boxed = vm.call_static(
                "java/lang/Long",
                "valueOf",
                "(J)Ljava/lang/Long;",
                &[value as u64, 0],
            )?;
            let target = if vm.get_int(member, flags) & MN_IS_FIELD != 0 {
                vm.get_ref(member, clazz)
            } else {
                member
            };
            vm.new_ref_array("[Ljava/lang/Object;", &[boxed, target])
        },
    );
    for name in ["setCallSiteTargetNormal", "setCallSiteTargetVolatile"] {
        vm.register_native(
            MHN,
            name,
            "(Ljava/lang/invoke/CallSite;Ljava/lang/invoke/MethodHandle;)V",
            |vm, a| {
                let off = vm.field_offset_of(
                    "java/lang/invoke/CallSite",
                    "target",
                    "Ljava/lang/invoke/MethodHandle;",
                )?;
                let site = vm.non_null(arg(a, 0))?;
                vm.put_ref(site, off, arg(a, 1));
                Ok(0)
            },
        );
    }
    vm.register_native(
        MHN,
        "clearCallSiteContext",
        "(Ljava/lang/invoke/MethodHandleNatives$CallSiteContext;)V",
        |_, _| Ok(0),
    );
    let _ = arg_int;
}

impl Vm {
    /// The field descriptor of the class behind a `Class` mirror (`I`, `[J`, `Ljava/lang/String;`).
    pub(crate) fn mirror_descriptor(&self, mirror: u64) -> String {
        let c = &self.classes[self.class_of_mirror(mirror) as usize].linked;
        match &c.kind {
            ClassKind::Primitive(Some(t)) => t.descriptor_char().to_string(),
            ClassKind::Primitive(None) => "V".to_owned(),
            ClassKind::Array { .. } => c.name.to_string(),
            ClassKind::Declared => format!("L{};", c.name),
        }
    }

    /// The method descriptor of a `java.lang.invoke.MethodType`.
    fn method_type_descriptor(&mut self, mt: u64) -> Result<String, Thrown> {
        const MT: &str = "java/lang/invoke/MethodType";
        let rtype = self.field_offset_of(MT, "rtype", "Ljava/lang/Class;")?;
        let ptypes = self.field_offset_of(MT, "ptypes", "[Ljava/lang/Class;")?;
        let r = self.get_ref(mt, rtype);
        let ps = self.get_ref(mt, ptypes);
        let mut d = String::from("(");
        if ps != 0 {
            for i in 0..crate::object::array_length(ps) {
                let p = self.ref_array_get(ps, i);
                d.push_str(&self.mirror_descriptor(p));
            }
        }
        d.push(')');
        d.push_str(&self.mirror_descriptor(r));
        Ok(d)
    }

    /// `MethodHandleNatives.init`: a MemberName for a `java.lang.reflect` Method,
    /// Constructor or Field (what `Lookup.unreflect*` and lambda forms' named functions
    /// start from), resolved as `resolve` would resolve its class, name and type.
    fn init_member_name(&mut self, member: u64, reflected: u64) -> Result<(), Thrown> {
        let member = self.non_null(member)?;
        let reflected = self.non_null(reflected)?;
        let class: &'static str = match self.classes[self.class_of(reflected) as usize]
            .linked
            .name
            .as_ref()
        {
            "java/lang/reflect/Field" => "java/lang/reflect/Field",
            "java/lang/reflect/Method" => "java/lang/reflect/Method",
            "java/lang/reflect/Constructor" => "java/lang/reflect/Constructor",
            other => {
                let message = format!("MemberName.init of a {}", other.replace('/', "."));
                return Err(self.throw_new("java/lang/InternalError", Some(message)));
            }
        };
        let f =
            |vm: &mut Vm, name: &'static str, d: &'static str| vm.field_offset_of(class, name, d);
        let clazz = f(self, "clazz", "Ljava/lang/Class;")?;
        let holder = self.get_ref(reflected, clazz);
        let holder_id = self.class_arg(holder)?;
        let (name, ty, flags) = match class {
            "java/lang/reflect/Field" => {
                let n = f(self, "name", "Ljava/lang/String;")?;
                let t = f(self, "type", "Ljava/lang/Class;")?;
                let m = f(self, "modifiers", "I")?;
                let is_static = self.get_int(reflected, m) & 0x8 != 0;
                let kind = if is_static {
                    REF_GET_STATIC
                } else {
                    REF_GET_FIELD
                };
                (
                    self.get_ref(reflected, n),
                    self.get_ref(reflected, t),
                    MN_IS_FIELD | (kind << REF_KIND_SHIFT),
                )
            }
            "java/lang/reflect/Method" | "java/lang/reflect/Constructor" => {
                let constructor = class == "java/lang/reflect/Constructor";
                let p = f(self, "parameterTypes", "[Ljava/lang/Class;")?;
                let m = f(self, "modifiers", "I")?;
                let params = self.get_ref(reflected, p);
                let (name, rtype) = if constructor {
                    let void = self.linker.primitive_class(None);
                    let void = self.register_class(&void);
                    (self.intern("<init>")?, self.mirror(void)?)
                } else {
                    let n = f(self, "name", "Ljava/lang/String;")?;
                    let r = f(self, "returnType", "Ljava/lang/Class;")?;
                    (self.get_ref(reflected, n), self.get_ref(reflected, r))
                };
                let mt = self.call_static(
                    "java/lang/invoke/MethodHandleNatives",
                    "findMethodHandleType",
                    "(Ljava/lang/Class;[Ljava/lang/Class;)Ljava/lang/invoke/MethodType;",
                    &[rtype, params],
                )?;
                let modifiers = self.get_int(reflected, m);
                let kind = if constructor {
                    8
                } else if modifiers & 0x8 != 0 {
                    REF_INVOKE_STATIC
                } else if self.classes[holder_id as usize].linked.is_interface() {
                    REF_INVOKE_INTERFACE
                } else {
                    REF_INVOKE_VIRTUAL
                };
                let bit = if constructor {
                    MN_IS_CONSTRUCTOR
                } else {
                    MN_IS_METHOD
                };
                (name, mt, bit | (kind << REF_KIND_SHIFT))
            }
            other => {
                return Err(self.throw_new(
                    "java/lang/InternalError",
                    Some(format!("MemberName.init of a {}", other.replace('/', "."))),
                ));
            }
        };
        let o = |vm: &mut Vm, name: &'static str, d: &'static str| vm.field_offset_of(MN, name, d);
        let (c, n, t, fl) = (
            o(self, "clazz", "Ljava/lang/Class;")?,
            o(self, "name", "Ljava/lang/String;")?,
            o(self, "type", "Ljava/lang/Object;")?,
            o(self, "flags", "I")?,
        );
        self.put_ref(member, c, holder);
        self.put_ref(member, n, name);
        self.put_ref(member, t, ty);
        self.put_int(member, fl, flags);
        self.resolve_member_name(member, false)?;
        Ok(())
    }

    /// `MethodHandleNatives.resolve`: fills in `member` (a MemberName naming a class, name,
    /// type and reference kind) with the field or method it names; null when
    /// `speculative` and nothing matches, else `NoSuchFieldError`/`NoSuchMethodError`.
    fn resolve_member_name(&mut self, member: u64, speculative: bool) -> Result<u64, Thrown> {
        let member = self.non_null(member)?;
        let clazz = self.field_offset_of(MN, "clazz", "Ljava/lang/Class;")?;
        let name_off = self.field_offset_of(MN, "name", "Ljava/lang/String;")?;
        let type_off = self.field_offset_of(MN, "type", "Ljava/lang/Object;")?;
        let flags_off = self.field_offset_of(MN, "flags", "I")?;
        let vmindex = self.field_offset_of(MN, "vmindex", "J")?;
        let method_off =
            self.field_offset_of(MN, "method", "Ljava/lang/invoke/ResolvedMethodName;")?;
        let mirror = self.get_ref(member, clazz);
        let cid = self.class_arg(mirror)?;
        let name_ref = self.get_ref(member, name_off);
        let name = self.string_arg(name_ref)?;
        let ty = self.get_ref(member, type_off);
        let flags = self.get_int(member, flags_off);
        let ref_kind = (flags >> REF_KIND_SHIFT) & 0xf;
        let linked = Arc::clone(&self.classes[cid as usize].linked);
        if flags & MN_IS_FIELD != 0 {
            let descriptor = if ty != 0 && self.class_of(ty) == self.wk.class {
                self.mirror_descriptor(ty)
            } else {
                self.string_value(ty).unwrap_or_default()
            };
            let found = find_field(&linked, &name, &descriptor);
            let Some((owner, field)) = found else {
                if speculative {
                    return Ok(0);
                }
                return Err(self.throw_new("java/lang/NoSuchFieldError", Some(name)));
            };
            let owner_id = self.register_class(&owner);
            let index = if field.is_static() {
                self.static_field_address(owner_id, &name).unwrap_or(0) as i64
            } else {
                i64::from(field.offset)
            };
            let kind = match (field.is_static(), ref_kind) {
                (true, REF_PUT_FIELD | REF_PUT_STATIC) => REF_PUT_STATIC,
                (true, _) => REF_GET_STATIC,
                (false, REF_PUT_FIELD | REF_PUT_STATIC) => REF_PUT_FIELD,
                (false, _) => REF_GET_FIELD,
            };
            let new_flags = (i32::from(field.access) & FIELD_MODIFIERS)
                | MN_IS_FIELD
                | (kind << REF_KIND_SHIFT);
            self.put_int(member, flags_off, new_flags);
            self.put_long(member, vmindex, index);
            let owner_mirror = self.mirror(owner_id)?;
            self.put_ref(member, clazz, owner_mirror);
            return Ok(member);
        }
        let descriptor = if ty != 0 && self.class_of(ty) != self.wk.string {
            self.method_type_descriptor(ty)?
        } else {
            self.string_value(ty).unwrap_or_default()
        };
        let constructor = flags & MN_IS_CONSTRUCTOR != 0;
        let method = if constructor {
            linked.declared_method("<init>", &descriptor).cloned()
        } else {
            find_method(&linked, &name, &descriptor).or_else(|| {
                // MethodHandle's and VarHandle's signature-polymorphic methods match any type.
                linked
                    .methods
                    .iter()
                    .find(|m| m.name.as_ref() == name && crate::indy::is_signature_polymorphic(m))
                    .cloned()
            })
        };
        let Some(method) = method else {
            if speculative {
                return Ok(0);
            }
            return Err(self.throw_new("java/lang/NoSuchMethodError", Some(name)));
        };
        let mid = self.method_id(&method);
        let owner_id = self.methods[mid as usize].class;
        let kind = if constructor {
            ref_kind
        } else if method.is_static() {
            REF_INVOKE_STATIC
        } else if ref_kind == REF_INVOKE_SPECIAL || method.is_private() {
            REF_INVOKE_SPECIAL
        } else if self.classes[owner_id as usize].linked.is_interface()
            && ref_kind == REF_INVOKE_INTERFACE
        {
            REF_INVOKE_INTERFACE
        } else {
            ref_kind.clamp(REF_INVOKE_VIRTUAL, REF_INVOKE_INTERFACE)
        };
        let kind_bit = if constructor {
            MN_IS_CONSTRUCTOR
        } else {
            MN_IS_METHOD
        };
        let new_flags =
            (i32::from(method.access) & METHOD_MODIFIERS) | kind_bit | (kind << REF_KIND_SHIFT);
        self.put_int(member, flags_off, new_flags);
        let index = method
            .vtable_index
            .or(method.itable_index)
            .map_or(-1, i64::from);
        self.put_long(member, vmindex, index);
        let owner_mirror = self.mirror(owner_id)?;
        self.put_ref(member, clazz, owner_mirror);
        let rmn_class = self.init_class("java/lang/invoke/ResolvedMethodName")?;
        let rmn = self.new_instance(rmn_class)?;
        let target =
            self.field_offset_of("java/lang/invoke/ResolvedMethodName", "vmtarget", "J")?;
        let holder = self.field_offset_of(
            "java/lang/invoke/ResolvedMethodName",
            "vmholder",
            "Ljava/lang/Class;",
        )?;
        self.put_long(rmn, target, i64::from(mid) + 1);
        self.put_ref(rmn, holder, owner_mirror);
        self.put_ref(member, method_off, rmn);
        Ok(member)
    }
}

/// Field `name` `descriptor` of `class`, its superinterfaces or superclasses (JVMS 5.4.3.2),
/// with the class that declares it.
fn find_field(
    class: &Arc<LinkedClass>,
    name: &str,
    descriptor: &str,
) -> Option<(Arc<LinkedClass>, jfork_resolver::Field)> {
    if let Some(f) = class.declared_field(name, descriptor) {
        return Some((Arc::clone(class), f.clone()));
    }
    for iface in class.all_interfaces.iter() {
        if let Some(f) = iface.declared_field(name, descriptor) {
            return Some((Arc::clone(iface), f.clone()));
        }
    }
    class
        .super_class
        .as_ref()
        .and_then(|s| find_field(s, name, descriptor))
}

/// Method `name` `descriptor` of `class` or its superclasses, else a default or abstract
/// one of its interfaces (JVMS 5.4.3.3).
fn find_method(
    class: &Arc<LinkedClass>,
    name: &str,
    descriptor: &str,
) -> Option<Arc<jfork_resolver::Method>> {
    let mut c = Some(Arc::clone(class));
    while let Some(k) = c {
        if let Some(m) = k.declared_method(name, descriptor) {
            return Some(Arc::clone(m));
        }
        c = k.super_class.clone();
    }
    class
        .all_interfaces
        .iter()
        .find_map(|i| i.declared_method(name, descriptor).cloned())
}
