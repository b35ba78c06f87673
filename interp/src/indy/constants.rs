//! Loadable constants that need `java.lang.invoke` (JVMS 5.4.3.5-6): `CONSTANT_MethodType`,
//! `CONSTANT_MethodHandle` and `CONSTANT_Dynamic`, and the general `invokedynamic` path for
//! bootstrap methods jfork does not provide natively. All go through the JDK's own upcalls,
//! as HotSpot's linkage does: `MethodHandleNatives.findMethodHandleType`,
//! `linkMethodHandleConstant`, `linkCallSite` and `linkDynamicConstant`.

use std::sync::Arc;

use jfork_resolver::{LinkedClass, Resolved};

use super::{CallSite, StaticArg};
use crate::vm::{Thrown, Vm};

const MHN: &str = "java/lang/invoke/MethodHandleNatives";

impl Vm {
    /// A `java.lang.invoke.MethodHandle` for a `CONSTANT_MethodHandle` of class `caller`.
    pub(crate) fn method_handle_constant(
        &mut self,
        caller: u32,
        kind: u8,
        member: &Resolved,
    ) -> Result<u64, Thrown> {
        let loader = self.classes[caller as usize].linked.loader;
        let (owner, name, ty) = match member {
            Resolved::Method(m) => {
                let owner = m.class().map(|c| self.register_class(&c));
                let ty = self.method_type_of(loader, &m.descriptor)?;
                (owner, m.name.to_string(), ty)
            }
            Resolved::Field(rf) => {
                let owner = Some(self.register_class(&rf.class));
                let f = rf.field();
                let ty = self.mirror_of_descriptor(loader, &f.descriptor)?;
                (owner, f.name.to_string(), ty)
            }
            _ => (None, String::new(), 0),
        };
        let Some(owner) = owner else {
            return Err(self.throw_new(
                "java/lang/InternalError",
                Some("method handle constant".into()),
            ));
        };
        let caller_mirror = self.mirror(caller)?;
        let owner_mirror = self.mirror(owner)?;
        let name = self.intern(&name)?;
        self.call_static(
            MHN,
            "linkMethodHandleConstant",
            "(Ljava/lang/Class;ILjava/lang/Class;Ljava/lang/String;Ljava/lang/Object;)Ljava/lang/invoke/MethodHandle;",
            &[caller_mirror, u64::from(kind), owner_mirror, name, ty],
        )
    }

    /// A bootstrap argument as the object Java sees.
    fn java_static_arg(&mut self, caller: u32, arg: &StaticArg) -> Result<u64, Thrown> {
        let loader = self.classes[caller as usize].linked.loader;
        match arg {
            StaticArg::String(s) => self.intern(s),
            StaticArg::Class(c) => {
                let id = self.register_class(c);
                self.mirror(id)
            }
            StaticArg::Int(v) => self.call_static(
                "java/lang/Integer",
                "valueOf",
                "(I)Ljava/lang/Integer;",
                &[u64::from(*v as u32)],
            ),
            StaticArg::Long(v) => self.call_static(
                "java/lang/Long",
                "valueOf",
                "(J)Ljava/lang/Long;",
                &[*v as u64, 0],
            ),
            StaticArg::Float(v) => self.call_static(
                "java/lang/Float",
                "valueOf",
                "(F)Ljava/lang/Float;",
                &[u64::from(v.to_bits())],
            ),
            StaticArg::Double(v) => self.call_static(
                "java/lang/Double",
                "valueOf",
                "(D)Ljava/lang/Double;",
                &[v.to_bits(), 0],
            ),
            StaticArg::MethodType(d) => self.method_type_of(loader, d),
            StaticArg::MethodHandle { kind, member } => {
                self.method_handle_constant(caller, *kind, member)
            }
        }
    }

    /// The bootstrap method and its static arguments as Java objects.
    fn bootstrap_objects(
        &mut self,
        caller: u32,
        bsm: (u8, &Resolved),
        args: &[StaticArg],
    ) -> Result<(u64, u64), Thrown> {
        let handle = self.method_handle_constant(caller, bsm.0, bsm.1)?;
        let mut objects = Vec::with_capacity(args.len());
        for a in args {
            objects.push(self.java_static_arg(caller, a)?);
        }
        let array = self.new_ref_array("[Ljava/lang/Object;", &objects)?;
        Ok((handle, array))
    }

    /// `invokedynamic` through the JDK's `MethodHandleNatives.linkCallSite`: the bootstrap
    /// method runs in Java; the site calls the invoker it returns with its appendix.
    pub(super) fn link_generic_call_site(
        &mut self,
        caller: u32,
        index: u16,
        bsm: (u8, &Resolved),
        name: &str,
        descriptor: &str,
        args: &[StaticArg],
    ) -> Result<CallSite, Thrown> {
        let (handle, statics) = self.bootstrap_objects(caller, bsm, args)?;
        let loader = self.classes[caller as usize].linked.loader;
        let ty = self.method_type_of(loader, descriptor)?;
        let caller_mirror = self.mirror(caller)?;
        let name = self.intern(name)?;
        let appendix = self.new_ref_array("[Ljava/lang/Object;", &[0])?;
        let member = self.call_static(
            MHN,
            "linkCallSite",
            "(Ljava/lang/Object;ILjava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/invoke/MemberName;",
            &[caller_mirror, u64::from(index), handle, name, ty, statics, appendix],
        )?;
        let member = self.non_null(member)?;
        let target = self.member_target(member)?;
        Ok(CallSite::Generic {
            target,
            appendix: self.ref_array_get(appendix, 0),
        })
    }

    /// The value of a `CONSTANT_Dynamic` of class `caller`, through the JDK's
    /// `MethodHandleNatives.linkDynamicConstant` (boxed for a primitive type).
    pub(crate) fn dynamic_constant(
        &mut self,
        caller: u32,
        index: u16,
        bootstrap_index: u16,
        name_and_type: u16,
    ) -> Result<(u64, String), Thrown> {
        let class: Arc<LinkedClass> = Arc::clone(&self.classes[caller as usize].linked);
        let spec = self.bootstrap_specifier(&class, bootstrap_index, name_and_type)?;
        let (name, descriptor, (kind, member), args) =
            (spec.name, spec.descriptor, spec.method, spec.args);
        let (handle, statics) = self.bootstrap_objects(caller, (kind, &member), &args)?;
        let ty = self.mirror_of_descriptor(class.loader, &descriptor)?;
        let caller_mirror = self.mirror(caller)?;
        let name = self.intern(&name)?;
        let value = self.call_static(
            MHN,
            "linkDynamicConstant",
            "(Ljava/lang/Object;ILjava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;",
            &[caller_mirror, u64::from(index), handle, name, ty, statics],
        )?;
        Ok((value, descriptor))
    }
}
