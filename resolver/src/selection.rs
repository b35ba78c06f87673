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
        resolved
            .class()
            .and_then(|iface| receiver.itable_lookup(&iface, index).cloned())
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
