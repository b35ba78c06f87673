//! Loading constraints (JVMS 5.3.4): when code in one loader's class uses a member of
//! another loader's class, every class named in the member's descriptor must be the same
//! class in both loaders, now and for any load to come.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use crate::class::LinkedClass;
use crate::error::{LinkError, LinkErrorKind, external};
use crate::source::LoaderId;

/// A set of loaders that must agree on one class name, and the class once one of them has
/// loaded it.
#[derive(Debug, Clone)]
struct Constraint {
    loaders: Vec<LoaderId>,
    class: Option<Arc<LinkedClass>>,
}

/// Every loading constraint, by class name.
#[derive(Debug, Default)]
pub(crate) struct LoaderConstraints {
    by_name: Mutex<HashMap<Box<str>, Vec<Constraint>>>,
}

impl LoaderConstraints {
    /// Imposes `name^l1 = name^l2`, given what each loader has loaded so far (`c1`, `c2`).
    /// `Err` when the loaders, or the constraints they are already in, name different
    /// classes; the caller words the error, which depends on what was being resolved.
    pub(crate) fn add(
        &self,
        name: &str,
        (l1, c1): (LoaderId, Option<Arc<LinkedClass>>),
        (l2, c2): (LoaderId, Option<Arc<LinkedClass>>),
    ) -> Result<(), ()> {
        if l1 == l2 {
            return Ok(());
        }
        let mut map = self.by_name.lock().unwrap_or_else(PoisonError::into_inner);
        let sets = map.entry(Box::from(name)).or_default();
        // Merge every set that holds either loader into one.
        let mut merged = Constraint {
            loaders: vec![l1, l2],
            class: None,
        };
        let mut classes: Vec<Arc<LinkedClass>> = c1.into_iter().chain(c2).collect();
        let mut kept = Vec::with_capacity(sets.len());
        for set in sets.drain(..) {
            if set.loaders.contains(&l1) || set.loaders.contains(&l2) {
                merged
                    .loaders
                    .extend(set.loaders.iter().filter(|l| **l != l1 && **l != l2));
                classes.extend(set.class);
            } else {
                kept.push(set);
            }
        }
        let agree = classes.windows(2).all(|w| Arc::ptr_eq(&w[0], &w[1]));
        merged.class = classes.into_iter().next();
        kept.push(merged);
        *sets = kept;
        if agree { Ok(()) } else { Err(()) }
    }

    /// Checks that `class`, just loaded for `loader`, agrees with the constraints on its
    /// name, and records it in them.
    pub(crate) fn check_load(
        &self,
        loader: LoaderId,
        class: &Arc<LinkedClass>,
    ) -> Result<(), LinkError> {
        let mut map = self.by_name.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(sets) = map.get_mut(class.name.as_ref()) else {
            return Ok(());
        };
        for set in sets.iter_mut().filter(|s| s.loaders.contains(&loader)) {
            match &set.class {
                Some(other) if !Arc::ptr_eq(other, class) => {
                    return Err(LinkError::new(
                        LinkErrorKind::LinkageError,
                        format!(
                            "loader constraint violation: loader {} wants to load class {}. \
                             A different class with the same name was previously loaded by {}.",
                            loader.display_name(),
                            external(&class.name),
                            other.loader.display_name()
                        ),
                    ));
                }
                Some(_) => {}
                None => set.class = Some(Arc::clone(class)),
            }
        }
        Ok(())
    }
}

/// The class names a field or method descriptor mentions (array element classes included),
/// each once.
pub(crate) fn descriptor_classes(descriptor: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = descriptor;
    while let Some(start) = rest.find('L') {
        let Some(len) = rest[start..].find(';') else {
            break;
        };
        let name = &rest[start + 1..start + len];
        if !out.contains(&name) {
            out.push(name);
        }
        rest = &rest[start + len + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_descriptors() {
        assert_eq!(
            descriptor_classes("(I[Ljava/lang/String;LA;J[[LA;)Lp/B;"),
            ["java/lang/String", "A", "p/B"]
        );
        assert!(descriptor_classes("([IJ)V").is_empty());
    }
}
