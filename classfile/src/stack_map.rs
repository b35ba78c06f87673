//! The `StackMapTable` attribute (JVMS 4.7.4), decoded lazily without allocating.

use crate::error::ClassFileError;
use crate::reader::Reader;

/// A verification type (JVMS 4.7.4, `verification_type_info`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerificationType {
    /// `Top_variable_info`.
    Top,
    /// `Integer_variable_info`.
    Integer,
    /// `Float_variable_info`.
    Float,
    /// `Double_variable_info` (takes two slots).
    Double,
    /// `Long_variable_info` (takes two slots).
    Long,
    /// `Null_variable_info`.
    Null,
    /// `UninitializedThis_variable_info`.
    UninitializedThis,
    /// `Object_variable_info`: a `Class` constant pool index.
    Object(u16),
    /// `Uninitialized_variable_info`: pc of the `new` that made the value.
    Uninitialized(u16),
}

fn read_verification_type(r: &mut Reader<'_>) -> Result<VerificationType, ClassFileError> {
    let start = r.file_offset();
    Ok(match r.u1("verification_type_info tag")? {
        0 => VerificationType::Top,
        1 => VerificationType::Integer,
        2 => VerificationType::Float,
        3 => VerificationType::Double,
        4 => VerificationType::Long,
        5 => VerificationType::Null,
        6 => VerificationType::UninitializedThis,
        7 => VerificationType::Object(r.u2("Object_variable_info cpool_index")?),
        8 => VerificationType::Uninitialized(r.u2("Uninitialized_variable_info offset")?),
        tag => {
            return Err(ClassFileError::format(
                start,
                "4.7.4",
                format!("verification_type_info tag {tag} is not in 0..=8"),
            ));
        }
    })
}

/// A checked run of verification types, decoded on access.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerificationTypes<'a> {
    bytes: &'a [u8],
    count: u16,
}

impl<'a> VerificationTypes<'a> {
    fn read(r: &mut Reader<'a>, count: u16) -> Result<Self, ClassFileError> {
        let mut probe = *r;
        let start = probe.remaining();
        for _ in 0..count {
            read_verification_type(&mut probe)?;
        }
        let bytes = r.bytes(start - probe.remaining(), "verification types")?;
        Ok(VerificationTypes { bytes, count })
    }

    /// Number of entries (a long or double counts once).
    pub fn len(&self) -> usize {
        usize::from(self.count)
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The types in order.
    pub fn iter(&self) -> impl Iterator<Item = VerificationType> + use<'a> {
        let mut r = Reader::new(self.bytes, 0);
        // Checked when read, so decoding cannot fail here.
        (0..self.count).map_while(move |_| read_verification_type(&mut r).ok())
    }
}

/// One `stack_map_frame`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StackMapFrame<'a> {
    /// `same_frame` and `same_frame_extended`.
    Same {
        /// The frame type byte (0..=63 or 251).
        frame_type: u8,
    },
    /// `same_locals_1_stack_item_frame` (and `_extended`).
    SameLocals1StackItem {
        /// The frame type byte (64..=127 or 247).
        frame_type: u8,
        /// The one stack entry.
        stack: VerificationType,
    },
    /// `chop_frame`: the last `k` locals are absent.
    Chop {
        /// 1..=3.
        k: u8,
    },
    /// `append_frame`: `locals` are added.
    Append {
        /// 1..=3 types.
        locals: VerificationTypes<'a>,
    },
    /// `full_frame`.
    Full {
        /// All locals.
        locals: VerificationTypes<'a>,
        /// All stack entries.
        stack: VerificationTypes<'a>,
    },
}

/// The frames of a `StackMapTable` with the pc each applies to.
#[derive(Debug, Clone, Copy, Default)]
pub struct StackMapTable<'a> {
    bytes: &'a [u8],
    count: u16,
    base: usize,
}

impl<'a> StackMapTable<'a> {
    pub(crate) fn new(info: &'a [u8], file_offset: usize) -> Result<Self, ClassFileError> {
        let mut r = Reader::new(info, file_offset);
        let count = r.u2("number_of_entries")?;
        Ok(StackMapTable {
            bytes: info.get(2..).unwrap_or_default(),
            count,
            base: file_offset + 2,
        })
    }

    /// Number of frames as declared.
    pub fn len(&self) -> usize {
        usize::from(self.count)
    }

    /// True when there are no frames.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// `(pc, frame)` in order; the first malformed frame ends the iteration with an error,
    /// and so do bytes left over after the last frame.
    pub fn frames(&self) -> StackMapFrames<'a> {
        StackMapFrames {
            r: Reader::new(self.bytes, self.base),
            left: self.count,
            pc: None,
            failed: false,
        }
    }
}

/// Iterator returned by [`StackMapTable::frames`].
#[derive(Debug, Clone)]
pub struct StackMapFrames<'a> {
    r: Reader<'a>,
    left: u16,
    pc: Option<u32>,
    failed: bool,
}

impl<'a> StackMapFrames<'a> {
    fn read_frame(&mut self) -> Result<(u16, StackMapFrame<'a>), ClassFileError> {
        let r = &mut self.r;
        let start = r.file_offset();
        let frame_type = r.u1("frame_type")?;
        Ok(match frame_type {
            0..=63 => (u16::from(frame_type), StackMapFrame::Same { frame_type }),
            64..=127 => (
                u16::from(frame_type - 64),
                StackMapFrame::SameLocals1StackItem {
                    frame_type,
                    stack: read_verification_type(r)?,
                },
            ),
            247 => {
                let delta = r.u2("offset_delta")?;
                (
                    delta,
                    StackMapFrame::SameLocals1StackItem {
                        frame_type,
                        stack: read_verification_type(r)?,
                    },
                )
            }
            248..=250 => (
                r.u2("offset_delta")?,
                StackMapFrame::Chop {
                    k: 251 - frame_type,
                },
            ),
            251 => (r.u2("offset_delta")?, StackMapFrame::Same { frame_type }),
            252..=254 => {
                let delta = r.u2("offset_delta")?;
                let locals = VerificationTypes::read(r, u16::from(frame_type - 251))?;
                (delta, StackMapFrame::Append { locals })
            }
            255 => {
                let delta = r.u2("offset_delta")?;
                let n = r.u2("number_of_locals")?;
                let locals = VerificationTypes::read(r, n)?;
                let n = r.u2("number_of_stack_items")?;
                let stack = VerificationTypes::read(r, n)?;
                (delta, StackMapFrame::Full { locals, stack })
            }
            _ => {
                return Err(ClassFileError::format(
                    start,
                    "4.7.4",
                    format!("stack map frame_type {frame_type} is reserved"),
                ));
            }
        })
    }
}

impl<'a> Iterator for StackMapFrames<'a> {
    type Item = Result<(u32, StackMapFrame<'a>), ClassFileError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        if self.left == 0 {
            if !self.r.is_empty() {
                self.failed = true;
                return Some(Err(crate::attribute::length_mismatch(
                    "StackMapTable",
                    &self.r,
                )));
            }
            return None;
        }
        self.left -= 1;
        match self.read_frame() {
            Ok((delta, frame)) => {
                // JVMS 4.7.4: the first frame is at offset_delta, later ones at
                // previous + offset_delta + 1.
                let pc = match self.pc {
                    None => u32::from(delta),
                    Some(prev) => prev.saturating_add(u32::from(delta) + 1),
                };
                self.pc = Some(pc);
                Some(Ok((pc, frame)))
            }
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}
