//! Roots: the VM's own tables (precise) and the stacks (conservative).
//!
//! **Stacks.** Java slots are untagged, so every slot of a thread's live frames is a
//! candidate: it counts if it is exactly the start of an object. Rust frames (natives,
//! `<clinit>` from an instruction, exception construction...) may hold addresses in locals
//! or callee-saved registers across an allocation: the OS thread's stack, each green
//! thread's coroutine stack and the registers are scanned too, where a word may also point
//! inside an object.
//!
//! **Other green threads.** A suspended thread's slot stack and coroutine are private to
//! `threads.rs`; until it offers them to the collector, a thread's stacks are recorded the
//! first time it allocates ([`ThreadRecords`]) and scanned whole (resident pages only,
//! found with `mincore`), which is conservative but finds every live frame of a thread that
//! has allocated once. A thread that never allocated can hold only objects it was given
//! (its `Thread` object's fields, monitors it waits on), which are roots of their own.

use crate::threads::ThreadState;
use crate::vm::{JavaThread, Vm};

/// How far around a recorded coroutine stack address its stack may extend.
const COROUTINE_STACK_SPAN: u64 = 8 << 20;

/// Where each green thread keeps its stacks, as seen when it last allocated.
pub(super) struct ThreadRecords {
    /// The OS thread's stack (`lo..hi`), which thread 0 and the scheduler run on.
    os_stack: (u64, u64),
    records: Vec<Option<ThreadRecord>>,
}

#[derive(Clone, Copy)]
struct ThreadRecord {
    /// The thread's slot stack (a `Box<[u64]>` that lives as long as the thread).
    slots: *const u64,
    len: usize,
    /// An address on the thread's Rust stack.
    rust_stack: u64,
}

impl ThreadRecords {
    pub(super) fn new() -> ThreadRecords {
        ThreadRecords {
            os_stack: os_thread_stack(),
            records: Vec::new(),
        }
    }

    #[inline(always)]
    pub(super) fn known(&self, thread: usize) -> bool {
        self.records.get(thread).is_some_and(Option::is_some)
    }

    #[inline(never)]
    pub(super) fn record(&mut self, thread: usize, java: &JavaThread) {
        let here = 0u64;
        if self.records.len() <= thread {
            self.records.resize(thread + 1, None);
        }
        self.records[thread] = Some(ThreadRecord {
            slots: java.stack.as_ptr(),
            len: java.stack.len(),
            rust_stack: std::ptr::addr_of!(here) as u64,
        });
    }
}

/// The running OS thread's stack bounds (`lo..hi`).
fn os_thread_stack() -> (u64, u64) {
    // SAFETY: `attr` is filled by pthread_getattr_np for the calling thread and destroyed
    // after use; the out-pointers are valid locals.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return (0, 0);
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let ok = libc::pthread_attr_getstack(&attr, &mut addr, &mut size) == 0;
        libc::pthread_attr_destroy(&mut attr);
        if !ok {
            return (0, 0);
        }
        (addr as u64, addr as u64 + size as u64)
    }
}

/// Marks every root.
pub(super) fn mark_roots(vm: &mut Vm) {
    let precise = precise_roots(vm);
    for object in precise {
        if object != 0 {
            vm.mark_precise(object);
        }
    }
    java_stacks(vm);
    rust_stacks(vm);
}

/// The VM's own references: statics, mirrors, interned strings, monitors, threads, the
/// causes of failed class initializations, lambda singletons, the preallocated error, the
/// pending references. A new `Vm` field that holds object addresses belongs here.
fn precise_roots(vm: &Vm) -> Vec<u64> {
    let mut roots = Vec::with_capacity(4096);
    for class in &vm.classes {
        roots.push(class.mirror);
        for &slot in class.linked.static_reference_slots.iter() {
            if let Some(&value) = class.statics.get(slot as usize) {
                roots.push(value);
            }
        }
    }
    roots.extend(vm.strings.values().copied());
    roots.extend(vm.monitors.keys().copied());
    roots.extend(vm.locked.iter().map(|&(_, object)| object));
    for t in &vm.threads {
        if t.state == ThreadState::Terminated {
            continue;
        }
        roots.push(t.object);
        match t.state {
            ThreadState::Blocked { monitor, .. } | ThreadState::Waiting { monitor, .. } => {
                roots.push(monitor);
            }
            _ => {}
        }
    }
    roots.extend(vm.init_errors.values().copied());
    for site in &vm.call_sites {
        site.objects(&mut roots);
    }
    roots.extend(vm.constants.iter().copied());
    roots.extend([vm.system_thread_group, vm.oom, vm.gc.pending]);
    roots
}

/// Every thread's Java slots: the running thread's live frames exactly, the others' slot
/// stacks as recorded.
fn java_stacks(vm: &mut Vm) {
    let extent = live_extent(vm);
    for i in 0..extent {
        let word = vm.thread.stack[i];
        vm.mark_conservative(word, false);
    }
    for (_, record) in others(vm) {
        let from = record.slots as u64;
        let to = from + record.len as u64 * 8;
        scan_resident(vm, from, to, false);
    }
}

/// The slots the running thread's frames may use: up to the top frame's operand stack, or
/// to the top a native call set.
fn live_extent(vm: &Vm) -> usize {
    let t = &vm.thread;
    let frame_end = t.frames.last().map_or(0, |f| {
        let m = &vm.methods[f.method as usize];
        f.lp as usize + usize::from(m.max_locals) + usize::from(m.max_stack)
    });
    frame_end.max(t.top).min(t.stack.len())
}

/// The recorded threads other than the running one that have not ended.
fn others(vm: &Vm) -> Vec<(usize, ThreadRecord)> {
    vm.gc
        .threads
        .records
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let r = (*r)?;
            let alive = vm
                .threads
                .get(i)
                .is_some_and(|t| t.state != ThreadState::Terminated);
            (i != vm.current && alive).then_some((i, r))
        })
        .collect()
}

/// The Rust stacks: this one from the current frame up, the OS thread's when a coroutine
/// runs, every other live coroutine's.
fn rust_stacks(vm: &mut Vm) {
    let (os_lo, os_hi) = vm.gc.threads.os_stack;
    let others = others(vm);
    let here = scan_this_stack(vm, os_lo, os_hi);
    let on_os_stack = here >= os_lo && here < os_hi;
    if on_os_stack && others.iter().all(|&(i, _)| i == 0) {
        return;
    }
    let maps = Maps::read();
    if !on_os_stack {
        if let Some((_, end)) = maps.around(here) {
            scan_resident(vm, here, end, true);
        }
        if let Some((start, end)) = maps.around(os_hi - 8) {
            scan_resident(vm, start.max(os_lo), end.min(os_hi), true);
        }
    }
    for (i, record) in others {
        if i == 0 {
            continue;
        }
        if let Some((start, end)) = maps.around(record.rust_stack) {
            let lo = start.max(record.rust_stack.saturating_sub(COROUTINE_STACK_SPAN));
            let hi = end.min(record.rust_stack + COROUTINE_STACK_SPAN);
            scan_resident(vm, lo, hi, true);
        }
    }
}

/// Scans the running stack from this frame up (to `os_hi` when on the OS thread's stack,
/// else the caller scans the coroutine's stack); returns the address scanning started at.
#[inline(never)]
fn scan_this_stack(vm: &mut Vm, os_lo: u64, os_hi: u64) -> u64 {
    let registers = callee_saved_registers();
    for &r in &registers {
        vm.mark_conservative(r, true);
    }
    let here = std::ptr::addr_of!(registers) as u64 & !7;
    if here >= os_lo && here < os_hi {
        scan_words(vm, here, os_hi, true);
    }
    here
}

/// The callee-saved registers, which may hold addresses no stack slot holds.
#[inline(always)]
fn callee_saved_registers() -> [u64; 12] {
    let mut r = [0u64; 12];
    #[cfg(target_arch = "x86_64")]
    // SAFETY: stores six registers into the local array; no other effect.
    unsafe {
        std::arch::asm!(
            "mov [{0}], rbx", "mov [{0} + 8], rbp", "mov [{0} + 16], r12",
            "mov [{0} + 24], r13", "mov [{0} + 32], r14", "mov [{0} + 40], r15",
            in(reg) r.as_mut_ptr(), options(nostack, preserves_flags)
        );
    }
    #[cfg(target_arch = "aarch64")]
    // SAFETY: stores the callee-saved registers into the local array; no other effect.
    unsafe {
        std::arch::asm!(
            "stp x19, x20, [{0}]", "stp x21, x22, [{0}, #16]", "stp x23, x24, [{0}, #32]",
            "stp x25, x26, [{0}, #48]", "stp x27, x28, [{0}, #64]", "stp x29, x30, [{0}, #80]",
            in(reg) r.as_mut_ptr(), options(nostack, preserves_flags)
        );
    }
    r
}

/// Scans the words of `from..to` (mapped, readable memory).
fn scan_words(vm: &mut Vm, from: u64, to: u64, interior: bool) {
    let mut at = from.next_multiple_of(8);
    while at + 8 <= to {
        // SAFETY: callers pass ranges of mapped, readable memory (a stack, or a slot
        // stack that lives as long as its thread); a volatile read of a word there has no
        // effect on the Rust code that owns it.
        let word = unsafe { std::ptr::read_volatile(at as *const u64) };
        vm.mark_conservative(word, interior);
        at += 8;
    }
}

/// Scans the resident pages of `from..to` (mapped memory), skipping pages never touched.
fn scan_resident(vm: &mut Vm, from: u64, to: u64, interior: bool) {
    const PAGE: u64 = 4096;
    if to <= from {
        return;
    }
    let first = from & !(PAGE - 1);
    let pages = (to - first).div_ceil(PAGE) as usize;
    let mut resident = vec![0u8; pages];
    // SAFETY: `first..first + pages * PAGE` covers mapped memory (callers' ranges lie in one
    // mapping); mincore only fills `resident`.
    let ok = unsafe {
        libc::mincore(
            first as *mut libc::c_void,
            pages * PAGE as usize,
            resident.as_mut_ptr(),
        )
    } == 0;
    for (i, &r) in resident.iter().enumerate() {
        if ok && r & 1 == 0 {
            continue;
        }
        let lo = (first + i as u64 * PAGE).max(from);
        let hi = (first + (i as u64 + 1) * PAGE).min(to);
        scan_words(vm, lo, hi, interior);
    }
}

/// The readable mappings of the process (`/proc/self/maps`).
struct Maps(Vec<(u64, u64)>);

impl Maps {
    fn read() -> Maps {
        let text = std::fs::read_to_string("/proc/self/maps").unwrap_or_default();
        let ranges = text
            .lines()
            .filter_map(|line| {
                let mut parts = line.split_whitespace();
                let (range, perms) = (parts.next()?, parts.next()?);
                if !perms.starts_with('r') {
                    return None;
                }
                let (a, b) = range.split_once('-')?;
                Some((
                    u64::from_str_radix(a, 16).ok()?,
                    u64::from_str_radix(b, 16).ok()?,
                ))
            })
            .collect();
        Maps(ranges)
    }

    /// The readable mapping containing `address`.
    fn around(&self, address: u64) -> Option<(u64, u64)> {
        self.0
            .iter()
            .copied()
            .find(|&(start, end)| address >= start && address < end)
    }
}
