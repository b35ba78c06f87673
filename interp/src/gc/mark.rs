//! Marking: precise tracing of objects from the resolver's reference maps, and the
//! `java.lang.ref` rules (a `Reference`'s referent is not a strong edge).

use jfork_resolver::{ARRAY_BASE_OFFSET, ClassKind};

use crate::code::Kind;
use crate::heap;
use crate::object::{array_length, element_shift};
use crate::threads::ThreadState;
use crate::vm::{RtClass, Vm};

/// The kinds of `java.lang.ref.Reference`, as the collector treats them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RefKind {
    /// Not a reference, or one traced strongly (`FinalReference`: no finalizers).
    Strong,
    Soft,
    /// Weak and phantom references (both cleared when their referent dies, JDK 9+).
    Weak,
}

/// How to trace and size the objects of one class.
#[derive(Debug, Clone)]
pub(super) enum Shape {
    Instance {
        size: u32,
        refs: Box<[u32]>,
        kind: RefKind,
    },
    RefArray,
    PrimArray {
        shift: u32,
    },
}

/// Shapes by class id, filled as classes appear.
#[derive(Debug, Default)]
pub(crate) struct ClassShapes {
    shapes: Vec<Shape>,
    /// Offsets of `Reference.referent` and `Reference.discovered` (0 until the class exists).
    pub(super) referent: u32,
    pub(super) discovered: u32,
}

impl ClassShapes {
    /// Adds the shapes of classes registered since the last call.
    pub(super) fn refresh(&mut self, classes: &[RtClass]) {
        for cid in self.shapes.len()..classes.len() {
            let shape = shape_of(classes, cid);
            if let Shape::Instance { kind, .. } = shape
                && kind != RefKind::Strong
                && self.referent == 0
            {
                let reference = &classes[reference_class(classes, cid)].linked;
                let offset =
                    |name: &str, d: &str| reference.instance_field(name, d).map(|f| f.offset);
                self.referent = offset("referent", "Ljava/lang/Object;").unwrap_or(0);
                self.discovered = offset("discovered", "Ljava/lang/ref/Reference;").unwrap_or(0);
            }
            self.shapes.push(shape);
        }
    }

    #[inline(always)]
    pub(super) fn get(&self, cid: u32) -> &Shape {
        &self.shapes[cid as usize]
    }

    /// Bytes taken by the object at `object`.
    #[inline(always)]
    pub(super) fn size_of(&self, object: u64) -> u64 {
        let cid = heap::get_u64(object) as u32;
        match self.shapes.get(cid as usize) {
            Some(Shape::Instance { size, .. }) => u64::from(*size),
            Some(Shape::RefArray) => array_size(object, 3),
            Some(Shape::PrimArray { shift }) => array_size(object, *shift),
            None => heap::MIN_OBJECT,
        }
    }
}

fn array_size(array: u64, shift: u32) -> u64 {
    (u64::from(ARRAY_BASE_OFFSET) + ((array_length(array).max(0) as u64) << shift))
        .next_multiple_of(8)
}

fn shape_of(classes: &[RtClass], cid: usize) -> Shape {
    let class = &classes[cid];
    match class.element {
        Some((Kind::Ref, _)) => Shape::RefArray,
        Some((kind, _)) => Shape::PrimArray {
            shift: element_shift(kind),
        },
        None => Shape::Instance {
            size: class.linked.instance_size,
            refs: class.linked.reference_offsets.clone(),
            kind: ref_kind(classes, cid),
        },
    }
}

/// The kind of reference class `cid` is, from its superclass chain.
fn ref_kind(classes: &[RtClass], cid: usize) -> RefKind {
    let mut at = Some(cid as u32);
    while let Some(c) = at {
        let class = &classes[c as usize];
        if matches!(class.linked.kind, ClassKind::Declared) {
            match class.linked.name.as_ref() {
                "java/lang/ref/SoftReference" => return RefKind::Soft,
                "java/lang/ref/WeakReference" | "java/lang/ref/PhantomReference" => {
                    return RefKind::Weak;
                }
                "java/lang/ref/Reference" => return RefKind::Strong,
                _ => {}
            }
        }
        at = class.super_id;
    }
    RefKind::Strong
}

fn reference_class(classes: &[RtClass], cid: usize) -> usize {
    let mut at = cid;
    while classes[at].linked.name.as_ref() != "java/lang/ref/Reference" {
        match classes[at].super_id {
            Some(s) => at = s as usize,
            None => break,
        }
    }
    at
}

impl Vm {
    /// Marks `object` (a known object address or null) if it is in the collectable space.
    #[inline(always)]
    pub(super) fn mark_precise(&mut self, object: u64) {
        if object >= self.heap.space_start()
            && object < self.heap.top()
            && self.gc.marks.test_and_set(object)
        {
            self.gc.work.push(object);
        }
    }

    /// Marks what `word` may point at: the object starting there, or (with `interior`) the
    /// object containing it.
    pub(super) fn mark_conservative(&mut self, word: u64, interior: bool) {
        let (from, to) = (self.heap.space_start(), self.heap.top());
        if word < from || word >= to {
            return;
        }
        let start = if word.is_multiple_of(8) && self.heap.starts().get(word) {
            word
        } else if interior {
            let Some(start) = self.heap.starts().find_prev(word & !7, from) else {
                return;
            };
            if word >= start + self.gc.classes.size_of(start) {
                return;
            }
            start
        } else {
            return;
        };
        self.mark_precise(start);
    }

    /// Traces the reference fields of `object` whose slots lie in `window` (all of them for
    /// the marking loop; one page for a written master page).
    pub(super) fn trace_fields(&mut self, object: u64, window: (u64, u64), clear_soft: bool) {
        let cid = heap::get_u64(object) as u32;
        let collectable = object >= self.heap.space_start();
        let referent = self.gc.classes.referent;
        let mut discovered = false;
        let mut edges = std::mem::take(&mut self.gc.edges);
        match self.gc.classes.get(cid) {
            Shape::Instance { refs, kind, .. } => {
                let weak = collectable
                    && (*kind == RefKind::Weak || (*kind == RefKind::Soft && clear_soft));
                for &off in refs.iter() {
                    let at = object + u64::from(off);
                    if at < window.0 || at >= window.1 {
                        continue;
                    }
                    if weak && off == referent {
                        discovered = heap::get_u64(at) != 0;
                        continue;
                    }
                    edges.push(heap::get_u64(at));
                }
            }
            Shape::RefArray => {
                let len = array_length(object).max(0) as u64;
                let first = object + u64::from(ARRAY_BASE_OFFSET);
                let lo = window.0.max(first);
                let hi = window.1.min(first + len * 8);
                let mut at = lo.next_multiple_of(8);
                while at < hi {
                    edges.push(heap::get_u64(at));
                    at += 8;
                }
            }
            Shape::PrimArray { .. } => {}
        }
        if discovered {
            self.gc.discovered.push(object);
        }
        for &e in &edges {
            if e != 0 {
                self.mark_precise(e);
            }
        }
        edges.clear();
        self.gc.edges = edges;
    }

    /// Traces everything reachable from the marked objects still to visit.
    pub(super) fn drain(&mut self, clear_soft: bool) {
        while let Some(object) = self.gc.work.pop() {
            self.trace_fields(object, (0, u64::MAX), clear_soft);
        }
    }

    fn is_live(&self, object: u64) -> bool {
        object < self.heap.space_start() || object >= self.heap.top() || self.gc.marks.get(object)
    }

    /// Clears the references whose referent was not marked and puts them on the pending
    /// list (linked through `Reference.discovered`, as `Reference.processPendingReferences`
    /// expects).
    pub(super) fn process_references(&mut self) {
        let referent = u64::from(self.gc.classes.referent);
        let link = u64::from(self.gc.classes.discovered);
        for reference in std::mem::take(&mut self.gc.discovered) {
            let target = heap::get_u64(reference + referent);
            if target == 0 || self.is_live(target) {
                continue;
            }
            heap::put_u64(reference + referent, 0);
            if heap::get_u64(reference + link) == 0 && reference != self.gc.pending {
                heap::put_u64(reference + link, self.gc.pending);
                self.gc.pending = reference;
            }
        }
    }

    /// Lets the Reference Handler (waiting in `waitForReferencePendingList`) run when
    /// references are pending.
    pub(super) fn wake_reference_handler(&mut self) {
        if self.gc.pending == 0 {
            return;
        }
        for t in self.threads.iter_mut() {
            if t.state == ThreadState::Forever {
                t.state = ThreadState::Runnable;
            }
        }
    }

    /// `Reference.waitForReferencePendingList`: blocks until a collection pends references.
    pub(crate) fn wait_for_pending_references(&mut self) -> Result<(), crate::vm::Thrown> {
        // Other green threads run (and collect) while this one is suspended, behind the back
        // of this `&mut self`: the compiler must not keep `pending` in a register across
        // the switch.
        // SAFETY: a plain read of a field of `self`.
        while unsafe { std::ptr::read_volatile(std::ptr::addr_of!(self.gc.pending)) } == 0 {
            self.block_forever()?;
        }
        Ok(())
    }

    /// `Reference.getAndClearReferencePendingList`.
    pub(crate) fn take_pending_references(&mut self) -> u64 {
        std::mem::take(&mut self.gc.pending)
    }

    /// Whether `object` is still live (for side tables keyed by address).
    pub(super) fn survives(&self, object: u64) -> bool {
        self.is_live(object)
    }
}
