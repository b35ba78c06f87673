//! Constant pool reads and the instructions that name members: field access, the invokes
//! (with the `<init>` rules), and the protected access check (JVMS 4.10.1.8).

use jfork_classfile::{Constant, Instruction as I};

use super::method::{MethodVerifier, Result, parameter_descriptors};
use super::types::VType;
use crate::classdecl::ACC_PROTECTED;
use crate::error::LinkError;

/// Constant pool reads and the member instructions.
impl MethodVerifier<'_, '_> {
    fn bad_constant(&self, e: impl std::fmt::Display) -> LinkError {
        self.error(
            &format!("Illegal constant pool index in {}", self.mnemonic),
            Some(e.to_string()),
        )
    }

    pub(super) fn class_constant(&self, index: u16) -> Result<String> {
        self.pool
            .class_name(index)
            .map(str::to_owned)
            .map_err(|e| self.bad_constant(e))
    }

    /// (class, name, descriptor) of a field or method reference.
    pub(super) fn member(&self, index: u16) -> Result<(String, String, String)> {
        let r = self
            .pool
            .member_ref(index)
            .map_err(|e| self.bad_constant(e))?;
        Ok((
            r.class.to_owned(),
            r.name.to_owned(),
            r.descriptor.to_owned(),
        ))
    }

    /// The type `ldc` pushes for the constant at `index`.
    pub(super) fn constant_type(&self, index: u16) -> Result<VType> {
        let c = self
            .pool
            .get(index, "ldc")
            .map_err(|e| self.bad_constant(e))?;
        Ok(match c {
            Constant::Integer(_) => VType::Int,
            Constant::Float(_) => VType::Float,
            Constant::Long(_) => VType::Long,
            Constant::Double(_) => VType::Double,
            Constant::String { .. } => VType::class("java/lang/String"),
            Constant::Class { .. } => VType::class("java/lang/Class"),
            Constant::MethodType { .. } => VType::class("java/lang/invoke/MethodType"),
            Constant::MethodHandle { .. } => VType::class("java/lang/invoke/MethodHandle"),
            Constant::Dynamic {
                name_and_type_index,
                ..
            } => {
                let (_, desc) = self
                    .pool
                    .name_and_type(*name_and_type_index)
                    .map_err(|e| self.bad_constant(e))?;
                VType::of_descriptor(desc)
            }
            other => {
                let headline = format!("Invalid index in {}", self.mnemonic);
                return Err(self.error(&headline, Some(format!("{} constant", other.kind_name()))));
            }
        })
    }

    /// JVMS 4.10.1.8: a protected member of a superclass in another run-time package may
    /// only be used on objects of the current class (or its subclasses).
    pub(super) fn check_protected(
        &mut self,
        ref_class: &str,
        name: &str,
        desc: &str,
        is_method: bool,
        receiver: &VType,
    ) -> Result<()> {
        if !self.is_protected_access(ref_class, name, desc, is_method) {
            return Ok(());
        }
        let this_type = self.this_type.clone();
        if self.hierarchy.is_assignable(receiver, &this_type)? {
            return Ok(());
        }
        // Arrays answer `Object.clone()` publicly.
        if is_method
            && ref_class == "java/lang/Object"
            && name == "clone"
            && receiver.array_descriptor().is_some()
        {
            return Ok(());
        }
        let headline = format!("Bad access to protected data in {}", self.mnemonic);
        let reason = format!(
            "Type {receiver} (current frame, stack[{}]) is not assignable to {this_type}",
            self.frame.stack.len()
        );
        Err(self.error(&headline, Some(reason)))
    }

    fn is_protected_access(
        &self,
        ref_class: &str,
        name: &str,
        desc: &str,
        is_method: bool,
    ) -> bool {
        // Only a superclass (found by name, as it is already loaded) matters.
        let mut sup = self.class.super_class.as_deref();
        while let Some(s) = sup {
            if *s.name == *ref_class {
                break;
            }
            sup = s.super_class.as_deref();
        }
        let mut holder = sup;
        while let Some(k) = holder {
            let access = if is_method {
                k.declared_method(name, desc).map(|m| m.access)
            } else {
                k.declared_field(name, desc).map(|f| f.access)
            };
            if let Some(access) = access {
                return access & ACC_PROTECTED != 0 && !k.same_package(self.class);
            }
            holder = k.super_class.as_deref();
        }
        false
    }

    pub(super) fn invokedynamic(&mut self, index: u16) -> Result<()> {
        let nat = match self.pool.get(index, "invokedynamic") {
            Ok(Constant::InvokeDynamic {
                name_and_type_index,
                ..
            }) => *name_and_type_index,
            Ok(_) => return Err(self.error("Illegal constant pool index in invokedynamic", None)),
            Err(e) => return Err(self.bad_constant(e)),
        };
        let (_, desc) = self
            .pool
            .name_and_type(nat)
            .map_err(|e| self.bad_constant(e))?;
        let desc = desc.to_owned();
        self.pop_arguments(&desc)?;
        self.push_return(&desc)
    }

    fn pop_arguments(&mut self, desc: &str) -> Result<()> {
        let params: Vec<VType> = parameter_descriptors(desc)
            .into_iter()
            .map(VType::of_descriptor)
            .collect();
        for p in params.iter().rev() {
            self.pop(p)?;
        }
        Ok(())
    }

    fn push_return(&mut self, desc: &str) -> Result<()> {
        match desc.rfind(')').map(|i| &desc[i + 1..]) {
            Some("V") | None => Ok(()),
            Some(r) => self.push(VType::of_descriptor(r)),
        }
    }

    /// `invokevirtual`, `invokespecial`, `invokestatic`, `invokeinterface`.
    pub(super) fn invoke(&mut self, insn: &I<'_>, index: u16, count: Option<u8>) -> Result<()> {
        let (class, name, desc) = self.member(index)?;
        if let Some(count) = count {
            let slots: usize = parameter_descriptors(&desc)
                .iter()
                .map(|p| {
                    if matches!(p.as_bytes()[0], b'J' | b'D') {
                        2
                    } else {
                        1
                    }
                })
                .sum();
            if usize::from(count) != slots + 1 {
                return Err(self.error("Inconsistent args count operand in invokeinterface", None));
            }
        }
        self.pop_arguments(&desc)?;
        match insn {
            I::Invokestatic(_) => {}
            I::Invokespecial(_) if name == "<init>" => self.invoke_init(index, &class)?,
            I::Invokespecial(_) => {
                let this_name = self.class.name.to_string();
                let direct_interface = self.class.interfaces.iter().any(|i| *i.name == *class);
                let interface_ref = matches!(
                    self.pool.get(index, "invokespecial"),
                    Ok(Constant::InterfaceMethodref { .. })
                );
                if interface_ref && !direct_interface && class != this_name {
                    return Err(self.error(
                        "Bad invokespecial instruction: interface method reference is in an indirect superinterface.",
                        None,
                    ));
                }
                if !direct_interface && !self.hierarchy.is_java_assignable(&this_name, &class)? {
                    return Err(self.error(
                        "Bad invokespecial instruction: current class isn't assignable to reference class.",
                        None,
                    ));
                }
                let this_type = self.this_type.clone();
                self.pop(&this_type)?;
            }
            I::Invokevirtual(_) => {
                let receiver = self.pop(&VType::class(&class))?;
                self.check_protected(&class, &name, &desc, true, &receiver)?;
            }
            _ => {
                self.pop(&VType::class(&class))?;
            }
        }
        self.push_return(&desc)
    }

    /// `invokespecial <init>`: the receiver must be uninitialised and becomes initialised
    /// everywhere in the frame.
    pub(super) fn invoke_init(&mut self, method_index: u16, class: &str) -> Result<()> {
        let receiver = self.pop_reference()?;
        match receiver {
            VType::UninitializedThis => {
                let super_name = self.class.super_class.as_ref().map(|s| s.name.as_ref());
                if class != self.class.name.as_ref() && Some(class) != super_name {
                    return Err(self.error("Bad <init> method call", None));
                }
                let this_type = self.this_type.clone();
                self.frame.initialize(&VType::UninitializedThis, &this_type);
                self.frame.this_uninit = false;
            }
            VType::Uninitialized(new_pc) => {
                let (created, created_index) =
                    match jfork_classfile::decode(self.code.bytecode, usize::from(new_pc)) {
                        Ok((I::New(index), _)) => (self.class_constant(index)?, index),
                        _ => {
                            return Err(
                                self.error(&format!("Expecting new instruction at {new_pc}"), None)
                            );
                        }
                    };
                if created != class {
                    let class_index = match self.pool.get(method_index, "invokespecial") {
                        Ok(Constant::Methodref { class_index, .. }) => *class_index,
                        _ => 0,
                    };
                    let reason = format!(
                        "Type '{created}' (constant pool {created_index}) is not assignable to '{class}' (constant pool {class_index})"
                    );
                    return Err(self.error_at(
                        "Call to wrong <init> method",
                        Some(&reason),
                        None,
                        None,
                    ));
                }
                let t = VType::class(&created);
                self.frame.initialize(&VType::Uninitialized(new_pc), &t);
            }
            other => {
                let reason = format!(
                    "Type {other} (current frame, stack[{}]) is not assignable to uninitialized",
                    self.frame.stack.len()
                );
                return Err(self.error("Bad operand type when invoking <init>", Some(reason)));
            }
        }
        Ok(())
    }
}
