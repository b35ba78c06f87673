//! Method selection at invocation time (JVMS 5.4.6): the receiver's class picks the method a
//! resolved method stands for, from the tables linking built.

use std::sync::Arc;

use crate::class::{LinkedClass, Method, Selected};
use crate::error::{LinkError, LinkErrorKind, external};

/// Selects the method `invokevirtual` or `invokeinterface` runs for `resolved` on a receiver
/// of class `receiver` (JVMS 5.4.6), with the errors HotSpot raises at this point:
/// `AbstractMethodError` when the selection is abstract, `IncompatibleClassChangeError` when
/// several default methods conflict.
pub fn select_method(
    receiver: &LinkedClass,
    resolved: &Arc<Method>,
) -> Result<Arc<Method>, LinkError> {
    // Private methods (and, for the interpreter's convenience, static ones) are not
    // dispatched.
    if resolved.is_private() || resolved.is_static() {
        return Ok(Arc::clone(resolved));
    }
    let selected = if let Some(index) = resolved.itable_index {
        let Some(iface) = resolved.class() else {
            return Err(abstract_error(receiver, resolved));
        };
        if !receiver.implements(&iface) {
            return Err(LinkError::new(
                LinkErrorKind::IncompatibleClassChangeError,
                format!(
                    "Class {} does not implement the requested interface {}",
                    external(&receiver.name),
                    external(&iface.name)
                ),
            ));
        }
        receiver.itable_lookup(&iface, index).cloned()
    } else if let Some(index) = resolved.vtable_index {
        receiver.vtable.get(index as usize).cloned()
    } else {
        None
    };
    match selected {
        Some(Selected::Method(m)) if !m.is_abstract() => Ok(m),
        Some(Selected::Conflict(ms)) => Err(conflict_error(&ms)),
        Some(Selected::Method(_)) | None => Err(abstract_error(receiver, resolved)),
    }
}

/// HotSpot's message for a selection that found several default methods.
pub fn conflict_error(methods: &[Arc<Method>]) -> LinkError {
    let names: Vec<String> = methods
        .iter()
        .map(|m| format!("{}.{}", external(&m.class_name), m.name))
        .collect();
    LinkError::new(
        LinkErrorKind::IncompatibleClassChangeError,
        format!("Conflicting default methods: {}", names.join(" ")),
    )
}

/// HotSpot's message for a selection with no implementation.
pub fn abstract_error(receiver: &LinkedClass, resolved: &Method) -> LinkError {
    let owner = if resolved.in_interface {
        "interface"
    } else {
        "abstract class"
    };
    let signature = resolved.external_signature();
    // The signature names the method without its class: `'abstract void m()'`.
    let qualified = format!("{}.", external(&resolved.class_name));
    let short = signature.replacen(&qualified, "", 1);
    LinkError::new(
        LinkErrorKind::AbstractMethodError,
        format!(
            "Receiver class {} does not define or inherit an implementation of the resolved method '{}' of {} {}.",
            external(&receiver.name),
            short,
            owner,
            external(&resolved.class_name)
        ),
    )
}

/// The four ways bytecode invokes a method (JVMS 6.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvokeKind {
    /// `invokevirtual`.
    Virtual,
    /// `invokespecial`.
    Special,
    /// `invokestatic`.
    Static,
    /// `invokeinterface`.
    Interface,
}

/// JVMS 6.5: the linking check each invoke instruction makes on its resolved method:
/// `invokestatic` needs a static method, the others an instance method
/// (`IncompatibleClassChangeError` with HotSpot's text otherwise).
pub fn check_invoke_kind(kind: InvokeKind, resolved: &Method) -> Result<(), LinkError> {
    let wants_static = kind == InvokeKind::Static;
    if resolved.is_static() == wants_static {
        return Ok(());
    }
    let message = if wants_static {
        format!("Expected static method '{}'", resolved.external_signature())
    } else {
        format!(
            "Expecting non-static method '{}'",
            resolved.external_signature()
        )
    };
    Err(LinkError::new(
        LinkErrorKind::IncompatibleClassChangeError,
        message,
    ))
}

/// JVMS 6.5 `invokespecial`: the method run for `resolved`, referenced through class or
/// interface `referenced`, from code in `current`. A superclass reference (not `<init>`)
/// starts at `current`'s direct superclass, so `super.m()` reaches the nearest override.
pub fn select_special(
    current: &LinkedClass,
    referenced: &Arc<LinkedClass>,
    resolved: &Arc<Method>,
) -> Result<Arc<Method>, LinkError> {
    if resolved.is_private() || resolved.name == "<init>" {
        return Ok(Arc::clone(resolved));
    }
    let start = match &current.super_class {
        Some(sup)
            if !referenced.is_interface()
                && !std::ptr::eq(current, &**referenced)
                && current.is_subclass_of(referenced) =>
        {
            Arc::clone(sup)
        }
        _ => Arc::clone(referenced),
    };
    let (name, descriptor) = (resolved.name.as_ref(), resolved.descriptor.as_ref());
    let declared = |c: &LinkedClass| {
        c.declared_method(name, descriptor)
            .filter(|m| !m.is_static())
            .cloned()
    };
    let mut found = declared(&start);
    if found.is_none() && !start.is_interface() {
        let mut k = start.super_class.clone();
        while let Some(c) = k {
            found = declared(&c);
            if found.is_some() {
                break;
            }
            k = c.super_class.clone();
        }
    }
    if found.is_none()
        && start.is_interface()
        && let Some(object) = &start.super_class
    {
        found = declared(object).filter(|m| m.access & crate::classdecl::ACC_PUBLIC != 0);
    }
    let selected = match found {
        Some(m) => Selected::Method(m),
        None => crate::methods::select_from_interfaces(&start.all_interfaces, name, descriptor)
            .ok_or_else(|| abstract_error(current, resolved))?,
    };
    match selected {
        Selected::Method(m) if !m.is_abstract() => Ok(m),
        Selected::Method(_) => Err(abstract_error(current, resolved)),
        Selected::Conflict(ms) => Err(conflict_error(&ms)),
    }
}

/// The four field instructions (JVMS 6.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldInstruction {
    /// `getstatic`.
    GetStatic,
    /// `putstatic`.
    PutStatic,
    /// `getfield`.
    GetField,
    /// `putfield`.
    PutField,
}

/// JVMS 6.5: the linking checks of a field instruction on its resolved field, made from
/// method `method_name` of class `accessor`: static-ness must match
/// (`IncompatibleClassChangeError`), and a final field may only be stored by its own class's
/// initialiser (`<clinit>` for static, `<init>` for instance fields; `IllegalAccessError`).
pub fn check_field_instruction(
    instruction: FieldInstruction,
    field: &crate::ResolvedField,
    accessor: &LinkedClass,
    method_name: &str,
) -> Result<(), LinkError> {
    let f = field.field();
    let owner = external(&field.class.name);
    let wants_static = matches!(
        instruction,
        FieldInstruction::GetStatic | FieldInstruction::PutStatic
    );
    if f.is_static() != wants_static {
        let which = if wants_static { "static" } else { "non-static" };
        return Err(LinkError::new(
            LinkErrorKind::IncompatibleClassChangeError,
            format!("Expected {which} field {owner}.{}", f.name),
        ));
    }
    let is_put = matches!(
        instruction,
        FieldInstruction::PutStatic | FieldInstruction::PutField
    );
    if !is_put || f.access & crate::classdecl::ACC_FINAL == 0 {
        return Ok(());
    }
    let which = if wants_static { "static" } else { "non-static" };
    if !std::ptr::eq(accessor, &*field.class) {
        return Err(LinkError::new(
            LinkErrorKind::IllegalAccessError,
            format!(
                "Update to {which} final field {owner}.{} attempted from a different class ({}) \
                 than the field's declaring class",
                f.name,
                external(&accessor.name)
            ),
        ));
    }
    let initializer = if wants_static { "<clinit>" } else { "<init>" };
    if method_name != initializer {
        return Err(LinkError::new(
            LinkErrorKind::IllegalAccessError,
            format!(
                "Update to {which} final field {owner}.{} attempted from a different method \
                 ({method_name}) than the initializer method {initializer} ",
                f.name
            ),
        ));
    }
    Ok(())
}
