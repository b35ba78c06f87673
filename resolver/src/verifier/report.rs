//! `VerifyError` values in HotSpot's shape: a headline (what `getMessage()` starts with),
//! then an "Exception Details:" block with the location, the reason, the current frame,
//! the stack map frame it was compared with and the bytecode.

use std::fmt::Write;

use super::frame::Frame;
use super::types::VType;
use crate::error::{LinkError, LinkErrorKind};

/// Where a verification error happened.
pub(crate) struct Location<'a> {
    /// Internal name of the class.
    pub(crate) class: &'a str,
    /// Method name.
    pub(crate) method: &'a str,
    /// Method descriptor.
    pub(crate) descriptor: &'a str,
    /// pc of the instruction.
    pub(crate) pc: u32,
    /// Its mnemonic.
    pub(crate) mnemonic: &'a str,
}

/// What HotSpot's details block shows besides the location.
pub(crate) struct Details<'a> {
    /// The "Reason:" line.
    pub(crate) reason: Option<&'a str>,
    /// The type state (and its pc) the rule was applied to.
    pub(crate) current: Option<(u32, &'a Frame)>,
    /// The recorded frame (and its pc) it was compared with.
    pub(crate) stack_map: Option<(u32, &'a Frame)>,
    /// The method's code.
    pub(crate) bytecode: &'a [u8],
}

/// A `VerifyError` with HotSpot's headline and as much of its details block as is known.
pub(crate) fn verify_error(headline: &str, location: &Location<'_>, d: &Details<'_>) -> LinkError {
    let mut m = String::with_capacity(256);
    m.push_str(headline);
    m.push_str("\nException Details:\n  Location:\n");
    let _ = writeln!(
        m,
        "    {}.{}{} @{}: {}",
        location.class, location.method, location.descriptor, location.pc, location.mnemonic
    );
    let _ = write!(
        m,
        "  Reason:\n    {}\n",
        d.reason.unwrap_or("Error exists in the bytecode")
    );
    if let Some((pc, frame)) = d.current {
        write_frame(&mut m, "Current Frame", pc, frame);
    }
    if let Some((pc, frame)) = d.stack_map {
        write_frame(&mut m, "Stackmap Frame", pc, frame);
    }
    m.push_str("  Bytecode:\n");
    for (line, chunk) in d.bytecode.chunks(16).enumerate() {
        let mut hex = String::with_capacity(40);
        for (i, pair) in chunk.chunks(2).enumerate() {
            if i > 0 {
                hex.push(' ');
            }
            for b in pair {
                let _ = write!(hex, "{b:02x}");
            }
        }
        let _ = writeln!(m, "    {:07x}: {hex:<39}", line * 16);
    }
    LinkError::new(LinkErrorKind::VerifyError, m)
}

fn write_frame(m: &mut String, title: &str, pc: u32, frame: &Frame) {
    let _ = write!(m, "  {title}:\n    bci: @{pc}\n");
    m.push_str(if frame.this_uninit {
        "    flags: { flagThisUninit }\n"
    } else {
        "    flags: { }\n"
    });
    // Locals up to the last one in use.
    let used = frame
        .locals
        .iter()
        .rposition(|t| *t != VType::Top)
        .map_or(0, |i| i + 1);
    let _ = writeln!(m, "    locals: {}", list(&frame.locals[..used]));
    let _ = writeln!(m, "    stack: {}", list(&frame.stack));
}

fn list(types: &[VType]) -> String {
    if types.is_empty() {
        return "{ }".to_owned();
    }
    let items: Vec<String> = types.iter().map(ToString::to_string).collect();
    format!("{{ {} }}", items.join(", "))
}
