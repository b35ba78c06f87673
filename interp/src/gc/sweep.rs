//! Sweeping: the marked objects are the live ones; the gaps between them become free
//! chunks, the space above the last one goes back to the bump allocator (and its pages to
//! the system), and side tables keyed by address forget dead objects.

use crate::vm::Vm;

impl Vm {
    /// Rebuilds the free lists of the collectable space `from..to` from the mark bits.
    pub(super) fn sweep(&mut self, from: u64, to: u64) {
        let mut chunks = Vec::new();
        // The bump allocator never hands out the heap's first word.
        let mut end = from.max(self.heap.base() + 8);
        let shapes = &self.gc.classes;
        self.gc.marks.for_each_set(from, to, |object| {
            if object > end {
                chunks.push((end, object - end));
            }
            end = object + shapes.size_of(object);
        });
        self.heap.rebuild(&self.gc.marks, &chunks, end);
        let mut hashes = std::mem::take(&mut self.hashes);
        hashes.retain(|&object, _| self.survives(object));
        self.hashes = hashes;
    }
}
