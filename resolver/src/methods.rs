//! Method tables: the vtable with JVMS 5.4.5 overriding, default and miranda slots, and the
//! itables of concrete classes, each entry selected once by JVMS 5.4.6.

use std::collections::HashSet;
use std::sync::Arc;

use crate::class::{LinkedClass, Method, Selected, package_of};
use crate::classdecl::{ACC_PRIVATE, ACC_PROTECTED, ACC_PUBLIC, ACC_STATIC, ClassDecl, MethodDecl};
use crate::error::{LinkError, LinkErrorKind, external};
use crate::source::LoaderId;

/// A vtable or itable entry before the class exists: either one of the class's own methods
/// (by index) or a selection made from already linked classes.
#[derive(Debug, Clone)]
pub(crate) enum Slot {
    Own(u16),
    Selected(Selected),
}

/// The class being linked, as the table builders see it.
pub(crate) struct NewClass<'a> {
    pub decl: &'a ClassDecl,
    pub loader: LoaderId,
    pub super_class: Option<&'a Arc<LinkedClass>>,
    pub all_interfaces: &'a [Arc<LinkedClass>],
}

impl NewClass<'_> {
    fn package(&self) -> &str {
        package_of(&self.decl.this_class)
    }

    fn own(&self, index: u16) -> &MethodDecl {
        &self.decl.methods[usize::from(index)]
    }

    /// Name and descriptor of what a slot holds.
    fn slot_key<'s>(&'s self, slot: &'s Slot) -> (&'s str, &'s str) {
        match slot {
            Slot::Own(i) => {
                let m = self.own(*i);
                (&m.name, &m.descriptor)
            }
            Slot::Selected(s) => selected_key(s),
        }
    }
}

fn selected_key(s: &Selected) -> (&str, &str) {
    match s {
        Selected::Method(m) => (&m.name, &m.descriptor),
        Selected::Conflict(ms) => ms.first().map_or(("", ""), |m| (&m.name, &m.descriptor)),
    }
}

/// Whether a method may take part in virtual dispatch.
fn is_virtual(access: u16, name: &str) -> bool {
    access & (ACC_STATIC | ACC_PRIVATE) == 0 && name != "<init>" && name != "<clinit>"
}

/// JVMS 5.4.5: whether a method of the new class (same name and descriptor) overrides `m_a`.
fn overrides(class: &NewClass<'_>, m_a: &Method) -> bool {
    if m_a.access & ACC_PRIVATE != 0 {
        return false;
    }
    m_a.access & (ACC_PUBLIC | ACC_PROTECTED) != 0
        || (m_a.class_loader == class.loader && package_of(&m_a.class_name) == class.package())
}

/// Builds the vtable of a class (interfaces have none); returns the slots and, for each own
/// method, its vtable index.
pub(crate) fn build_vtable(
    class: &NewClass<'_>,
) -> Result<(Vec<Slot>, Vec<Option<u32>>), LinkError> {
    let inherited: &[Selected] = class.super_class.map_or(&[], |s| &s.vtable);
    let mut slots: Vec<Slot> = inherited.iter().cloned().map(Slot::Selected).collect();
    let mut own_index = vec![None; class.decl.methods.len()];
    for (i, m) in class.decl.methods.iter().enumerate() {
        if !is_virtual(m.access, &m.name) {
            continue;
        }
        let mut first_overridden = None;
        for (slot, entry) in inherited.iter().enumerate() {
            if selected_key(entry) != (m.name.as_ref(), m.descriptor.as_ref()) {
                continue;
            }
            // JVMS 5.4.5 is transitive: check every method that held this slot up the chain.
            let mut overridden = None;
            let mut k = class.super_class;
            while let Some(sup) = k {
                match sup.vtable.get(slot) {
                    Some(Selected::Method(m_a)) if overrides(class, m_a) => {
                        overridden = Some(m_a.clone());
                        break;
                    }
                    Some(Selected::Conflict(_)) => {
                        overridden = None;
                        break;
                    }
                    Some(_) => k = sup.super_class.as_ref(),
                    None => break,
                }
            }
            let interface_slot = matches!(entry, Selected::Conflict(_))
                || matches!(entry, Selected::Method(m_a) if m_a.in_interface);
            if overridden.is_none() && !interface_slot {
                continue;
            }
            if let Some(m_a) = &overridden
                && m_a.is_final()
                && !m_a.in_interface
            {
                return Err(LinkError::new(
                    LinkErrorKind::IncompatibleClassChangeError,
                    format!(
                        "class {} overrides final method {}.{}{}",
                        external(&class.decl.this_class),
                        external(&m_a.class_name),
                        m_a.name,
                        m_a.descriptor
                    ),
                ));
            }
            slots[slot] = Slot::Own(i as u16);
            first_overridden.get_or_insert(slot as u32);
        }
        own_index[i] = Some(first_overridden.unwrap_or_else(|| {
            slots.push(Slot::Own(i as u16));
            (slots.len() - 1) as u32
        }));
    }
    add_interface_slots(class, &mut slots);
    Ok((slots, own_index))
}

/// Default and miranda slots: every method of a superinterface that no class in the chain
/// implements gets a slot holding what JVMS 5.4.6 selects, so `invokevirtual` of an
/// interface method resolved through a class dispatches by slot like any other.
fn add_interface_slots(class: &NewClass<'_>, slots: &mut Vec<Slot>) {
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    for iface in class.all_interfaces {
        for m in iface.methods.iter().filter(|m| m.itable_index.is_some()) {
            let key = (m.name.as_ref(), m.descriptor.as_ref());
            if !seen.insert(key) {
                continue;
            }
            let existing: Vec<usize> = (0..slots.len())
                .filter(|&s| class.slot_key(&slots[s]) == key)
                .collect();
            let implemented = existing.iter().any(|&s| match &slots[s] {
                Slot::Own(_) => true,
                Slot::Selected(Selected::Method(m)) => !m.in_interface,
                Slot::Selected(Selected::Conflict(_)) => false,
            });
            if implemented {
                continue;
            }
            let selected = select_from_interfaces(class.all_interfaces, key.0, key.1);
            let Some(selected) = selected else { continue };
            if existing.is_empty() {
                slots.push(Slot::Selected(selected));
            } else {
                for s in existing {
                    slots[s] = Slot::Selected(selected.clone());
                }
            }
        }
    }
}

/// JVMS 5.4.3.3: the maximally-specific superinterface methods for a name and descriptor:
/// declared (not static, not private) in a superinterface with no subinterface among the
/// candidates that declares it too.
pub fn maximally_specific(
    all_interfaces: &[Arc<LinkedClass>],
    name: &str,
    descriptor: &str,
) -> Vec<Arc<Method>> {
    let candidates: Vec<(&Arc<LinkedClass>, &Arc<Method>)> = all_interfaces
        .iter()
        .filter_map(|i| {
            i.declared_method(name, descriptor)
                .filter(|m| !m.is_static() && !m.is_private())
                .map(|m| (i, m))
        })
        .collect();
    candidates
        .iter()
        .filter(|(i, _)| {
            !candidates
                .iter()
                .any(|(j, _)| !Arc::ptr_eq(i, j) && j.implements(i))
        })
        .map(|(_, m)| Arc::clone(m))
        .collect()
}

/// JVMS 5.4.6 step 3 (after no class method was found): exactly one non-abstract
/// maximally-specific method is selected; several mean a conflict; none, an abstract one.
pub fn select_from_interfaces(
    all_interfaces: &[Arc<LinkedClass>],
    name: &str,
    descriptor: &str,
) -> Option<Selected> {
    let max = maximally_specific(all_interfaces, name, descriptor);
    let concrete: Vec<Arc<Method>> = max.iter().filter(|m| !m.is_abstract()).cloned().collect();
    match concrete.len() {
        0 => max.into_iter().next().map(Selected::Method),
        1 => concrete.into_iter().next().map(Selected::Method),
        _ => Some(Selected::Conflict(concrete.into())),
    }
}

/// Builds the itables of a concrete class: for each superinterface, what each of its methods
/// selects (JVMS 5.4.6).
pub(crate) fn build_itable(
    class: &NewClass<'_>,
    vtable: &[Slot],
) -> Vec<(Arc<LinkedClass>, Vec<Slot>)> {
    let mut out = Vec::with_capacity(class.all_interfaces.len());
    for iface in class.all_interfaces {
        let mut entries = Vec::new();
        for m in iface.methods.iter().filter(|m| m.itable_index.is_some()) {
            entries.push(select_for_interface_method(
                class,
                vtable,
                &m.name,
                &m.descriptor,
            ));
        }
        out.push((Arc::clone(iface), entries));
    }
    out
}

fn select_for_interface_method(
    class: &NewClass<'_>,
    vtable: &[Slot],
    name: &str,
    descriptor: &str,
) -> Slot {
    // Steps 1-2: an instance method of the class or a superclass.
    if let Some(i) =
        class.decl.methods.iter().position(|m| {
            m.name == name && m.descriptor == descriptor && is_virtual(m.access, name)
        })
    {
        return Slot::Own(i as u16);
    }
    let mut k = class.super_class;
    while let Some(sup) = k {
        if let Some(m) = sup
            .declared_method(name, descriptor)
            .filter(|m| !m.is_static() && !m.is_private())
        {
            return Slot::Selected(Selected::Method(Arc::clone(m)));
        }
        k = sup.super_class.as_ref();
    }
    // Step 3: the interface slot the vtable already selected.
    vtable
        .iter()
        .find(|s| class.slot_key(s) == (name, descriptor))
        .cloned()
        .unwrap_or_else(|| {
            // Unreachable for a well-formed table; select afresh rather than panic.
            select_from_interfaces(class.all_interfaces, name, descriptor).map_or(
                Slot::Selected(Selected::Conflict(Arc::from([]))),
                Slot::Selected,
            )
        })
}
