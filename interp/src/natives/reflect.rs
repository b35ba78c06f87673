//! Reflection natives: `Class.getDeclared*0`, `Method.invoke`, `Constructor.newInstance`,
//! `java.lang.reflect.Array`, class attributes (modifiers, enclosing and nest data).

use crate::vm::Vm;

pub(crate) fn register(_vm: &mut Vm) {}
