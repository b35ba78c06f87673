//! Class bytes handed out by the class path: borrowed from a memory map where possible.

use std::ops::Deref;
use std::sync::Arc;

/// The bytes of one class file (or other resource). `Borrowed` points into a memory map the
/// [`ClassPath`](crate::ClassPath) owns (jimage and stored jar entries: shared pages, never
/// copied); `Shared` holds bytes that had to be produced (inflated jar entries, files read
/// from a directory).
#[derive(Clone, Debug)]
pub enum ClassBytes<'a> {
    /// A slice of a memory-mapped file.
    Borrowed(&'a [u8]),
    /// Bytes owned by this value (cheap to clone).
    Shared(Arc<[u8]>),
}

impl ClassBytes<'_> {
    /// Whether the bytes are borrowed from a memory map (not copied).
    pub fn is_borrowed(&self) -> bool {
        matches!(self, ClassBytes::Borrowed(_))
    }
}

impl Deref for ClassBytes<'_> {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            ClassBytes::Borrowed(b) => b,
            ClassBytes::Shared(b) => b,
        }
    }
}

impl AsRef<[u8]> for ClassBytes<'_> {
    fn as_ref(&self) -> &[u8] {
        self
    }
}
