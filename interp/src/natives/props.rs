//! `jdk.internal.util.SystemProps$Raw`: the platform's and the VM's system properties.

use crate::vm::Vm;

pub(crate) fn register(_vm: &mut Vm) {}
