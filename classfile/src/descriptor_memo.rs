//! Descriptors already checked during one `validate`, by `Utf8` index: many references,
//! and most local variables, share a handful of descriptors.

use crate::descriptor::{DescriptorError, FieldType, is_method_descriptor};

/// The field descriptor is well formed and takes one slot.
const FIELD_ONE_SLOT: u8 = 1;
/// The field descriptor is well formed and takes two slots (`J`, `D`).
const FIELD_TWO_SLOTS: u8 = 2;
/// The text is a well-formed method descriptor.
const METHOD: u8 = 4;

/// What is known about each `Utf8` entry of one class's constant pool.
pub(crate) struct DescriptorMemo {
    state: Vec<u8>,
}

impl DescriptorMemo {
    pub(crate) fn new(constant_pool_count: u16) -> Self {
        DescriptorMemo {
            state: vec![0; usize::from(constant_pool_count)],
        }
    }

    /// Records that entry `index` is a well-formed method descriptor (parsing checked it).
    pub(crate) fn note_method(&mut self, index: u16) {
        if let Some(s) = self.state.get_mut(usize::from(index)) {
            *s |= METHOD;
        }
    }

    /// Records that entry `index` is a well-formed field descriptor of `slots` slots.
    pub(crate) fn note_field(&mut self, index: u16, slots: u16) {
        if let Some(s) = self.state.get_mut(usize::from(index)) {
            *s |= if slots == 2 {
                FIELD_TWO_SLOTS
            } else {
                FIELD_ONE_SLOT
            };
        }
    }

    /// Is `descriptor`, the text of entry `index`, a method descriptor (JVMS 4.3.3)?
    pub(crate) fn is_method(&mut self, index: u16, descriptor: &str) -> bool {
        let i = usize::from(index);
        if self.state.get(i).is_some_and(|&s| s & METHOD != 0) {
            return true;
        }
        let ok = is_method_descriptor(descriptor);
        if ok && let Some(s) = self.state.get_mut(i) {
            *s |= METHOD;
        }
        ok
    }

    /// Slots of the field type `descriptor`, the text of entry `index` (JVMS 4.3.2), or why
    /// it is malformed.
    pub(crate) fn field_slots(
        &mut self,
        index: u16,
        descriptor: &str,
    ) -> Result<u16, DescriptorError> {
        let i = usize::from(index);
        match self
            .state
            .get(i)
            .map(|&s| s & (FIELD_ONE_SLOT | FIELD_TWO_SLOTS))
        {
            Some(FIELD_ONE_SLOT) => return Ok(1),
            Some(FIELD_TWO_SLOTS) => return Ok(2),
            _ => {}
        }
        let slots = FieldType::parse(descriptor)?.slots();
        self.note_field(index, slots);
        Ok(slots)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_only_what_was_well_formed() {
        let mut memo = DescriptorMemo::new(4);
        assert_eq!(memo.field_slots(1, "J"), Ok(2));
        assert_eq!(memo.field_slots(1, "J"), Ok(2));
        assert_eq!(memo.field_slots(2, "Ljava/lang/String;"), Ok(1));
        assert!(memo.field_slots(3, "L;").is_err());
        assert!(memo.field_slots(3, "L;").is_err());
        assert!(memo.is_method(2, "()V"));
        assert!(!memo.is_method(3, "(V)V"));
        assert!(!memo.is_method(3, "(V)V"));
        memo.note_method(3);
        assert!(memo.is_method(3, "()V"));
        memo.note_field(0, 2);
        assert_eq!(memo.field_slots(0, "J"), Ok(2));
        // Out of range indices are checked every time, never remembered.
        assert!(memo.is_method(9, "()V"));
        assert!(memo.field_slots(9, "Q").is_err());
    }
}
