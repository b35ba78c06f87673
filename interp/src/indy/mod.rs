//! `invokedynamic` (JVMS 6.5, 5.4.3.6): each call site is linked once, on its first
//! execution, into a [`CallSite`] the quickened op names by index; later executions run it
//! with no lookup. Sites linked in the master are inherited by children with the code.
//!
//! The JDK's well-known bootstrap methods are provided natively, with the observable
//! behaviour of the JDK's own (issue 8 allows either):
//! - `StringConcatFactory.makeConcatWithConstants` / `makeConcat` ([`concat`]): each
//!   argument is turned into text as `String.valueOf` does (the JDK's own Java methods do
//!   the formatting), constants are spliced in;
//! - `LambdaMetafactory.metafactory` / `altMetafactory` ([`lambda`]): a class implementing
//!   the functional interface (and marker interfaces, bridges) is defined in the caller's
//!   loader, with the captured values in fields and native methods that convert arguments
//!   as the JDK's generated code does and call the implementation method;
//! - `ObjectMethods.bootstrap` ([`records`]): `toString`, `equals`, `hashCode` of records.
//!
//! Any other bootstrap method runs in Java through the JDK's `linkCallSite` ([`constants`]).

mod concat;
mod constants;
mod handles;
mod lambda;
mod records;

use std::sync::Arc;

use jfork_resolver::{LinkedClass, Resolved};

use crate::vm::{Thrown, Vm};

pub(crate) use handles::is_signature_polymorphic;
pub(crate) use lambda::LambdaMethod;

/// A linked `invokedynamic` call site.
pub(crate) enum CallSite {
    /// String concatenation.
    Concat(concat::Recipe),
    /// A lambda or method reference: the class to instantiate per evaluation, with the
    /// captured values stored in its fields; a non-capturing one is one shared instance.
    Lambda {
        class: u32,
        fields: Box<[(u8, u32)]>,
        singleton: u64,
    },
    /// A record's `toString`, `equals` or `hashCode`.
    Record(records::RecordMethod),
    /// A `VarHandle` or `MethodHandle` signature-polymorphic call.
    Polymorphic(handles::PolymorphicSite),
    /// A site linked by the JDK's `MethodHandleNatives.linkCallSite` (any other bootstrap
    /// method): the invoker it chose, called with the site's arguments and the appendix.
    Generic { target: u32, appendix: u64 },
}

/// A static argument of a bootstrap method, resolved.
#[derive(Debug, Clone)]
pub(crate) enum StaticArg {
    String(String),
    Class(Arc<LinkedClass>),
    MethodType(String),
    MethodHandle { kind: u8, member: Resolved },
    Int(i32),
    Long(i64),
    Float(f32),
    Double(f64),
}

/// What a `CONSTANT_InvokeDynamic` or `CONSTANT_Dynamic` names (JVMS 4.4.10): its name and
/// descriptor, its bootstrap method handle (reference kind and member) and the resolved static
/// arguments.
pub(crate) struct BootstrapSpecifier {
    pub(crate) name: String,
    pub(crate) descriptor: String,
    pub(crate) method: (u8, Resolved),
    pub(crate) args: Vec<StaticArg>,
}

impl CallSite {
    /// The objects a linked site holds (roots for the collector).
    pub(crate) fn objects(&self, out: &mut Vec<u64>) {
        match self {
            CallSite::Lambda { singleton, .. } => out.push(*singleton),
            CallSite::Generic { appendix, .. } => out.push(*appendix),
            CallSite::Polymorphic(p) => p.objects(out),
            CallSite::Concat(_) | CallSite::Record(_) => {}
        }
    }
}

impl Vm {
    /// Links the `invokedynamic` at constant pool index `index` of method `mid`'s class:
    /// returns the site index and the argument and result slot counts.
    pub(crate) fn link_call_site(
        &mut self,
        mid: u32,
        index: u16,
    ) -> Result<(u32, u16, u16), Thrown> {
        let class = Arc::clone(&self.classes[self.methods[mid as usize].class as usize].linked);
        let (bootstrap_index, nat) = match self.linker.resolve_constant(&class, index) {
            Ok(Resolved::Dynamic {
                bootstrap_index,
                name_and_type_index,
            }) => (bootstrap_index, name_and_type_index),
            Ok(_) => return Err(self.throw_new("java/lang/IncompatibleClassChangeError", None)),
            Err(e) => return Err(self.throw_link_error(&e)),
        };
        let spec = self.bootstrap_specifier(&class, bootstrap_index, nat)?;
        let BootstrapSpecifier {
            name,
            descriptor,
            method: (bsm_kind, bsm_member),
            args,
        } = spec;
        let (owner, bsm_name) = match &bsm_member {
            Resolved::Method(m) => (m.class_name.to_string(), m.name.to_string()),
            _ => (String::new(), String::new()),
        };
        let cid = self.methods[mid as usize].class;
        let site = match (owner.as_str(), bsm_name.as_str()) {
            ("java/lang/invoke/StringConcatFactory", "makeConcatWithConstants") => {
                CallSite::Concat(self.concat_recipe(&descriptor, &args, true)?)
            }
            ("java/lang/invoke/StringConcatFactory", "makeConcat") => {
                CallSite::Concat(self.concat_recipe(&descriptor, &args, false)?)
            }
            ("java/lang/invoke/LambdaMetafactory", "metafactory" | "altMetafactory") => {
                let alt = bsm_name == "altMetafactory";
                self.link_lambda(cid, &name, &descriptor, &args, alt)?
            }
            ("java/lang/runtime/ObjectMethods", "bootstrap") => {
                CallSite::Record(self.record_method(&name, &descriptor, &args)?)
            }
            _ => {
                let linked = self.link_generic_call_site(
                    cid,
                    index,
                    (bsm_kind, &bsm_member),
                    &name,
                    &descriptor,
                    &args,
                );
                match linked {
                    Ok(site) => site,
                    Err(t) => return Err(self.bootstrap_error(t)),
                }
            }
        };
        let (params, ret) = crate::natives::split_descriptor(&descriptor);
        let width = crate::natives::descriptor_slots;
        let arg_slots = params.iter().map(|p| width(p)).sum();
        let ret_slots = width(ret);
        self.call_sites.push(site);
        Ok(((self.call_sites.len() - 1) as u32, arg_slots, ret_slots))
    }

    /// Reads and resolves the bootstrap specifier `bootstrap_index` of `class` for the
    /// name-and-type entry `nat` (JVMS 5.4.3.6).
    pub(crate) fn bootstrap_specifier(
        &mut self,
        class: &Arc<LinkedClass>,
        bootstrap_index: u16,
        nat: u16,
    ) -> Result<BootstrapSpecifier, Thrown> {
        let file = class.class_file().ok_or_else(|| {
            self.throw_new("java/lang/ClassFormatError", Some("no class file".into()))
        })?;
        let (name, descriptor) = file
            .constant_pool()
            .name_and_type(nat)
            .map(|(n, d)| (n.to_owned(), d.to_owned()))
            .map_err(|e| self.throw_new("java/lang/ClassFormatError", Some(e.to_string())))?;
        let Some(bsm) = file
            .bootstrap_methods()
            .and_then(|b| b.get(bootstrap_index))
        else {
            return Err(self.throw_new(
                "java/lang/ClassFormatError",
                Some(format!("no bootstrap method {bootstrap_index}")),
            ));
        };
        let method = match self
            .linker
            .resolve_constant(class, bsm.bootstrap_method_ref)
        {
            Ok(Resolved::MethodHandle { kind, member }) => (kind, *member),
            Ok(_) => return Err(self.throw_new("java/lang/BootstrapMethodError", None)),
            Err(e) => {
                let t = self.throw_link_error(&e);
                return Err(self.bootstrap_error(t));
            }
        };
        let mut args = Vec::new();
        for i in bsm.bootstrap_arguments.iter() {
            args.push(self.static_arg(class, i)?);
        }
        Ok(BootstrapSpecifier {
            name,
            descriptor,
            method,
            args,
        })
    }

    /// Wraps a linkage failure as HotSpot does: `BootstrapMethodError` with the cause,
    /// unless it already is one or an `Error`.
    fn bootstrap_error(&mut self, cause: Thrown) -> Thrown {
        let class = self.class_of(cause.0);
        let name = self.classes[class as usize].linked.name.clone();
        if name.as_ref() == "java/lang/BootstrapMethodError" {
            return cause;
        }
        let build = |vm: &mut Vm| -> Result<Thrown, Thrown> {
            let cid = vm.init_class("java/lang/BootstrapMethodError")?;
            let object = vm.new_object(cid, "(Ljava/lang/Throwable;)V", &[cause.0])?;
            Ok(Thrown(object))
        };
        match build(self) {
            Ok(t) | Err(t) => t,
        }
    }

    pub(crate) fn static_arg(
        &mut self,
        class: &Arc<LinkedClass>,
        index: u16,
    ) -> Result<StaticArg, Thrown> {
        use jfork_classfile::Constant;
        let pool = class
            .class_file()
            .map(|f| f.constant_pool().clone())
            .ok_or_else(|| self.throw_new("java/lang/ClassFormatError", None))?;
        let literal = match pool.get(index, "bootstrap argument") {
            Ok(Constant::Integer(v)) => Some(StaticArg::Int(*v)),
            Ok(Constant::Long(v)) => Some(StaticArg::Long(*v)),
            Ok(Constant::Float(v)) => Some(StaticArg::Float(*v)),
            Ok(Constant::Double(v)) => Some(StaticArg::Double(*v)),
            Ok(_) => None,
            Err(e) => return Err(self.throw_new("java/lang/ClassFormatError", Some(e.to_string()))),
        };
        if let Some(l) = literal {
            return Ok(l);
        }
        match self.linker.resolve_constant(class, index) {
            Ok(Resolved::String(s)) => Ok(StaticArg::String(s.to_string())),
            Ok(Resolved::Class(c)) => Ok(StaticArg::Class(c)),
            Ok(Resolved::MethodType(d)) => Ok(StaticArg::MethodType(d.to_string())),
            Ok(Resolved::MethodHandle { kind, member }) => Ok(StaticArg::MethodHandle {
                kind,
                member: *member,
            }),
            Ok(_) => Err(self.throw_new(
                "java/lang/BootstrapMethodError",
                Some(
                    "jfork: dynamic constants as bootstrap arguments are not supported yet".into(),
                ),
            )),
            Err(e) => Err(self.throw_link_error(&e)),
        }
    }

    /// Runs call site `site` with its arguments at slot `base`; the result goes to `base`.
    pub(crate) fn invoke_dynamic(&mut self, site: u32, base: usize) -> Result<(), Thrown> {
        let value = match &self.call_sites[site as usize] {
            CallSite::Concat(_) => self.run_concat(site, base)?,
            CallSite::Lambda {
                class,
                fields,
                singleton,
            } => {
                if *singleton != 0 {
                    *singleton
                } else {
                    let (class, fields) = (*class, fields.clone());
                    self.new_lambda(class, &fields, base)?
                }
            }
            CallSite::Record(_) => self.run_record_method(site, base)?,
            CallSite::Polymorphic(_) => self.run_polymorphic(site, base)?,
            CallSite::Generic { target, appendix } => {
                let (target, appendix) = (*target, *appendix);
                let n = usize::from(self.methods[target as usize].args).saturating_sub(1);
                let mut args = self.thread.stack[base..base + n].to_vec();
                args.push(appendix);
                self.call_method(target, &args)?
            }
        };
        self.thread.stack[base] = value;
        Ok(())
    }
}
