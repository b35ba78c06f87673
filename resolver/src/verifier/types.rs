//! The verification type lattice (JVMS 4.10.1.2) and assignability between its types, which
//! for class types needs the class hierarchy and so may load classes.

use std::fmt;
use std::rc::Rc;
use std::sync::Arc;

use crate::class::LinkedClass;
use crate::error::LinkError;

/// One slot's verification type. Values of category 2 take two slots: `Long` then
/// `LongHigh` (the JVMS writes `top` for the second slot; a distinct marker lets a store into
/// either half invalidate the pair).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum VType {
    /// `top`: unusable.
    Top,
    /// `int` (also `boolean`, `byte`, `char`, `short`).
    Int,
    /// `float`.
    Float,
    /// `long`, first slot.
    Long,
    /// Second slot of a `long`.
    LongHigh,
    /// `double`, first slot.
    Double,
    /// Second slot of a `double`.
    DoubleHigh,
    /// The type of `null`.
    Null,
    /// `this` in an `<init>` before the superclass or sibling initialiser has been called.
    UninitializedThis,
    /// An object made by the `new` at this pc, not yet initialised.
    Uninitialized(u16),
    /// A class (internal name) or array (descriptor) type.
    Reference(Rc<str>),
    /// The address `jsr` pushes, for the subroutine at this pc (inference only).
    ReturnAddress(u16),
}

impl VType {
    /// The type of a value of field descriptor `desc` (`B`, `C`, `S`, `Z` are `int`).
    pub(crate) fn of_descriptor(desc: &str) -> VType {
        match desc.as_bytes().first() {
            Some(b'B' | b'C' | b'S' | b'Z' | b'I') => VType::Int,
            Some(b'F') => VType::Float,
            Some(b'J') => VType::Long,
            Some(b'D') => VType::Double,
            Some(b'[') => VType::Reference(Rc::from(desc)),
            _ => VType::Reference(Rc::from(
                desc.strip_prefix('L')
                    .and_then(|d| d.strip_suffix(';'))
                    .unwrap_or(desc),
            )),
        }
    }

    /// A class or array type by its `Class` constant name.
    pub(crate) fn class(name: &str) -> VType {
        VType::Reference(Rc::from(name))
    }

    /// Whether the value takes two slots (the first of them).
    pub(crate) fn is_category2(&self) -> bool {
        matches!(self, VType::Long | VType::Double)
    }

    /// Whether this is the second slot of a category 2 value.
    pub(crate) fn is_high_half(&self) -> bool {
        matches!(self, VType::LongHigh | VType::DoubleHigh)
    }

    /// The second slot that goes with a category 2 type.
    pub(crate) fn high_half(&self) -> Option<VType> {
        match self {
            VType::Long => Some(VType::LongHigh),
            VType::Double => Some(VType::DoubleHigh),
            _ => None,
        }
    }

    /// Whether this is some reference: initialised, uninitialised or null.
    pub(crate) fn is_reference(&self) -> bool {
        matches!(
            self,
            VType::Null | VType::UninitializedThis | VType::Uninitialized(_) | VType::Reference(_)
        )
    }

    /// The array descriptor if this is an array type.
    pub(crate) fn array_descriptor(&self) -> Option<&str> {
        match self {
            VType::Reference(n) if n.starts_with('[') => Some(n),
            _ => None,
        }
    }
}

impl fmt::Display for VType {
    /// HotSpot's spelling in "Exception Details".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VType::Top => f.write_str("top"),
            VType::Int => f.write_str("integer"),
            VType::Float => f.write_str("float"),
            VType::Long => f.write_str("long"),
            VType::LongHigh => f.write_str("long_2nd"),
            VType::Double => f.write_str("double"),
            VType::DoubleHigh => f.write_str("double_2nd"),
            VType::Null => f.write_str("null"),
            VType::UninitializedThis => f.write_str("uninitializedThis"),
            VType::Uninitialized(pc) => write!(f, "uninitialized {pc}"),
            VType::Reference(n) => write!(f, "'{n}'"),
            VType::ReturnAddress(_) => f.write_str("returnAddress"),
        }
    }
}

/// Loads the classes that assignability asks about, as the verified class's loader sees
/// them (HotSpot's verifier loads classes the same way).
pub(crate) struct Hierarchy<'l> {
    pub(crate) load: &'l mut dyn FnMut(&str) -> Result<Arc<LinkedClass>, LinkError>,
}

impl Hierarchy<'_> {
    /// Loads `name` (internal form or array descriptor).
    pub(crate) fn class(&mut self, name: &str) -> Result<Arc<LinkedClass>, LinkError> {
        (self.load)(name)
    }

    /// JVMS 4.10.1.2 `isAssignable(from, to)` for one slot.
    pub(crate) fn is_assignable(&mut self, from: &VType, to: &VType) -> Result<bool, LinkError> {
        if from == to || *to == VType::Top {
            return Ok(true);
        }
        match (from, to) {
            (VType::Null, VType::Reference(_)) => Ok(true),
            (VType::Reference(f), VType::Reference(t)) => self.is_java_assignable(f, t),
            _ => Ok(false),
        }
    }

    /// `isJavaAssignable`: class and array types, interfaces treated as `Object` (arrays
    /// only go to `Cloneable` and `Serializable` among interfaces, as in HotSpot).
    pub(crate) fn is_java_assignable(&mut self, from: &str, to: &str) -> Result<bool, LinkError> {
        if from == to || to == "java/lang/Object" {
            return Ok(true);
        }
        if let Some(to_component) = to.strip_prefix('[') {
            let Some(from_component) = from.strip_prefix('[') else {
                return Ok(false);
            };
            return match (element_class(from_component), element_class(to_component)) {
                (Some(f), Some(t)) => self.is_java_assignable(f, t),
                // A primitive component on either side: only the identical type.
                _ => Ok(from_component == to_component),
            };
        }
        let target = self.class(to)?;
        if target.is_interface() {
            return Ok(!from.starts_with('[')
                || to == "java/lang/Cloneable"
                || to == "java/io/Serializable");
        }
        if from.starts_with('[') {
            return Ok(false);
        }
        let source = self.class(from)?;
        Ok(source.is_subclass_of(&target))
    }
}

/// The class or array name of a reference component descriptor (`Lx;` is `x`, `[..` stays);
/// `None` for a primitive.
pub(crate) fn element_class(component: &str) -> Option<&str> {
    if component.starts_with('[') {
        Some(component)
    } else {
        component
            .strip_prefix('L')
            .and_then(|c| c.strip_suffix(';'))
    }
}

/// The array type whose component is `component` (a verification reference name).
pub(crate) fn array_of(component: &str) -> String {
    if component.starts_with('[') {
        format!("[{component}")
    } else {
        format!("[L{component};")
    }
}
