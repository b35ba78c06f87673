//! Java threads as green threads on the one OS thread (DESIGN.md decision 1), and Java
//! monitors.
//!
//! Thread 0 is the main thread and runs on the OS thread's own stack; it is also the
//! scheduler ("host"). Every other thread runs in a stackful coroutine (`corosensei`) with
//! its own Rust stack and its own Java slot stack. A thread gives up the CPU where it blocks
//! (monitor contention, `wait`, `sleep`, `join`, `park`, a read with nothing to read), yields,
//! or uses up its time slice (taken backward branches: a loop that never blocks cannot
//! starve the others): a coroutine suspends back to the host; the host, when it must wait
//! itself or its slice is over, resumes runnable coroutines one after another. Switching
//! swaps the running thread's [`JavaThread`] (slot stack and frames), its held-monitor list
//! and its nesting depth into [`Vm`]; nothing else is per thread.
//!
//! Monitors live in a side table (object -> owner, count), so locking never writes an object
//! (DESIGN.md decision 2). Waiters and blocked threads are woken by state checks in the
//! scheduler, in the order they started waiting.

use std::time::{Duration, Instant};

use corosensei::stack::DefaultStack;
use corosensei::{Coroutine, CoroutineResult, Yielder};

use crate::boot::THREAD_RUNNABLE;
use crate::vm::{JavaThread, Thrown, Vm};

/// Rust stack of each non-main green thread: interpreter loops nest only for `<clinit>`,
/// natives calling back and the like (capped by `VmOptions::max_nesting`).
/// The stack is reserved, not committed: pages are touched only as deep as a thread
/// recurses through Rust (lambda calls, `Method.invoke`, `<clinit>` chains).
const COROUTINE_STACK: usize = 64 << 20;

/// Taken backward branches a thread runs before the others get a turn (a few hundred
/// microseconds of a tight loop).
pub(crate) const TIME_SLICE: u32 = 20_000;

/// Stack kept free below the deepest nested interpreter call: room for the frames that
/// build the `StackOverflowError` and unwind.
pub(crate) const STACK_RESERVE: u64 = 1 << 20;

/// A green thread's coroutine: resumed with the VM's address (where the VM lives when the
/// thread first runs; a VM must not move once a Java thread has run on a coroutine).
type ThreadCoroutine = Coroutine<*mut Vm, (), (), DefaultStack>;

/// A Java thread known to the VM.
pub(crate) struct GreenThread {
    /// The `java.lang.Thread` object (0 for the main thread until the boot creates it).
    pub(crate) object: u64,
    pub(crate) state: ThreadState,
    /// The thread's execution state while another thread runs.
    saved: Option<Saved>,
    /// The coroutine of a non-main thread (taken out while it runs).
    coroutine: Option<ThreadCoroutine>,
    /// The coroutine's yielder, valid while the coroutine exists.
    yielder: *const Yielder<*mut Vm, ()>,
    /// For thread 0: where the VM was when a coroutine first ran (it must not move after).
    home: *const Vm,
    /// The lowest address of the thread's Rust stack plus [`STACK_RESERVE`]: a nested call
    /// below it throws `StackOverflowError` (0: not known yet).
    pub(crate) stack_limit: u64,
    /// `LockSupport.unpark` permit.
    permit: bool,
    /// Woken by `interrupt()` out of sleep, wait or park.
    interrupt_wake: bool,
    /// Order of entering the current wait, for fair wake-ups.
    since: u64,
}

/// What a thread switch saves and restores.
struct Saved {
    thread: JavaThread,
    locked: Vec<(u32, u64)>,
    nesting: u32,
}

/// Where a green thread is in its life.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ThreadState {
    /// Running or ready to run.
    Runnable,
    /// Waiting to enter `monitor`, then to hold it `count` times.
    Blocked { monitor: u64, count: u32 },
    /// In `monitor.wait()` until notified, interrupted or `until`; then it re-enters
    /// the monitor `count` times.
    Waiting {
        monitor: u64,
        count: u32,
        until: Option<Instant>,
        notified: bool,
    },
    /// In `Thread.sleep` until `until` (or interrupted).
    Sleeping { until: Instant },
    /// In `Unsafe.park` until unparked, interrupted or `until`.
    Parked { until: Option<Instant> },
    /// Reading descriptor `fd`, which has nothing to read yet.
    Reading { fd: i32 },
    /// Waits until the collector wakes it (the Reference Handler waiting for references
    /// to enqueue; `gc/` sets it runnable when it pends some).
    Forever,
    /// `run()` has ended and `Thread.exit` ran.
    Terminated,
}

/// A Java monitor: its owner thread and entry count.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Monitor {
    pub(crate) owner: usize,
    pub(crate) count: u32,
}

impl GreenThread {
    /// The main thread (thread 0), on the OS thread's own stack.
    pub(crate) fn main() -> GreenThread {
        let mut t = GreenThread::new(0, None);
        t.stack_limit = os_stack_low().map_or(0, |low| low + STACK_RESERVE);
        t
    }

    fn new(object: u64, saved: Option<Saved>) -> GreenThread {
        GreenThread {
            object,
            state: ThreadState::Runnable,
            saved,
            coroutine: None,
            yielder: std::ptr::null(),
            home: std::ptr::null(),
            stack_limit: 0,
            permit: false,
            interrupt_wake: false,
            since: 0,
        }
    }
}

impl Vm {
    /// The `java.lang.Thread` of the running thread.
    pub(crate) fn current_thread_object(&self) -> u64 {
        self.threads[self.current].object
    }

    /// `Thread.start0`: a new runnable green thread for `thread`; it first runs when the
    /// running thread blocks or yields.
    pub(crate) fn start_thread(&mut self, thread: u64) -> Result<(), Thrown> {
        let offsets = self.thread_offsets()?;
        let saved = Saved {
            thread: JavaThread::new(&self.options),
            locked: Vec::new(),
            nesting: 0,
        };
        let index = self.threads.len();
        self.threads.push(GreenThread::new(thread, Some(saved)));
        let coroutine = Coroutine::with_stack(
            DefaultStack::new(COROUTINE_STACK).map_err(|_| self.out_of_memory_threads())?,
            move |yielder: &Yielder<*mut Vm, ()>, vm: *mut Vm| {
                // SAFETY: the host resumes this coroutine only from inside a `Vm` method on
                // the same OS thread, passing its own address and control (not sharing
                // it): while the coroutine runs, the host's borrow is suspended in
                // `resume` and touches nothing.
                let vm = unsafe { &mut *vm };
                vm.threads[index].yielder = yielder;
                let top = stack_pointer();
                vm.threads[index].stack_limit =
                    top.saturating_sub(COROUTINE_STACK as u64) + STACK_RESERVE;
                vm.run_thread_body();
            },
        );
        self.threads[index].coroutine = Some(coroutine);
        self.put_long(thread, offsets.eetop, index as i64 + 1);
        self.put_int(thread, offsets.status, THREAD_RUNNABLE);
        Ok(())
    }

    fn out_of_memory_threads(&mut self) -> Thrown {
        self.throw_new(
            "java/lang/OutOfMemoryError",
            Some("unable to create native thread: possibly out of memory or process/resource limits reached".into()),
        )
    }

    /// A started thread's life: `run()`, an uncaught exception dispatched, `Thread.exit`.
    fn run_thread_body(&mut self) {
        let thread = self.current_thread_object();
        if let Err(t) = self.call_virtual(thread, "run", "()V", &[]) {
            self.uncaught(t);
        }
        self.exit_current_thread();
    }

    /// HotSpot's `ensure_join` after `Thread.exit`: the thread is over; threads waiting on
    /// its object (`join`) are notified.
    pub(crate) fn thread_terminated(&mut self, thread: u64) {
        if let Some(t) = self.threads.iter_mut().find(|t| t.object == thread) {
            t.state = ThreadState::Terminated;
        }
        self.notify_waiters(thread, true);
    }

    /// `DestroyJavaVM` (host only): runs the other threads until no non-daemon thread is
    /// alive.
    pub(crate) fn wait_for_non_daemon_threads(&mut self) {
        if self.current != 0 {
            return;
        }
        let Ok(offsets) = self.thread_offsets() else {
            return;
        };
        loop {
            let waiting = (1..self.threads.len()).any(|i| {
                let t = &self.threads[i];
                t.state != ThreadState::Terminated
                    && crate::heap::get_i8(t.object + u64::from(offsets.daemon)) == 0
            });
            if !waiting {
                return;
            }
            self.schedule_once();
        }
    }

    /// The running thread stops until the scheduler finds it runnable again.
    fn block(&mut self, state: ThreadState) {
        self.sequence += 1;
        let me = self.current;
        self.threads[me].state = state;
        self.threads[me].since = self.sequence;
        if me != 0 {
            let yielder = self.threads[me].yielder;
            // SAFETY: a running coroutine's yielder outlives the coroutine's body, which is
            // executing this very call.
            unsafe { (*yielder).suspend(()) };
            // Other threads ran and changed the VM through their own reference to it: make
            // the compiler forget what it knew of `self`'s fields.
            std::hint::black_box(&mut *self);
            return;
        }
        while !self.try_wake(0) {
            self.schedule_once();
        }
    }

    /// The running thread's time slice is over: the other runnable threads get a turn
    /// (none waits for it if nothing else can run).
    pub(crate) fn preempt(&mut self) {
        // Not during the boot: the JDK's own threads only block there, and a VM may still
        // move after the boot until a Java thread has run on a coroutine.
        if !self.booted {
            return;
        }
        if self.current != 0 {
            self.block(ThreadState::Runnable);
        } else {
            self.run_others(false);
        }
    }

    /// Host: runs each other runnable thread once (until it blocks, yields or ends); if none
    /// is runnable, sleeps until the earliest timeout.
    fn schedule_once(&mut self) {
        self.run_others(true);
    }

    /// Host: runs each other runnable thread once; with `idle`, sleeps until the earliest
    /// timeout when none could run.
    fn run_others(&mut self, idle: bool) {
        debug_assert_eq!(self.current, 0);
        let mut ran = false;
        for i in 1..self.threads.len() {
            if !self.try_wake(i) {
                continue;
            }
            ran = true;
            let here: *mut Vm = self;
            // Coroutines' frames hold the VM's address: it must stay where it was.
            if self.threads[0].home.is_null() {
                self.threads[0].home = here;
            }
            assert!(
                std::ptr::eq(self.threads[0].home, here),
                "a jfork Vm moved after Java threads ran on it (keep it boxed or in place)"
            );
            self.switch_to(i);
            let mut coroutine = self.threads[i].coroutine.take();
            let done = match coroutine.as_mut().map(|c| c.resume(here)) {
                Some(CoroutineResult::Yield(())) => false,
                Some(CoroutineResult::Return(())) | None => true,
            };
            // As after a suspend: the coroutine changed the VM behind `self`.
            std::hint::black_box(&mut *self);
            self.switch_to(0);
            if done {
                self.threads[i].state = ThreadState::Terminated;
                self.threads[i].saved = None;
            } else {
                self.threads[i].coroutine = coroutine;
            }
        }
        if !ran && idle {
            self.idle();
        }
    }

    /// Nothing can run: sleep until the earliest deadline (a program whose threads all wait
    /// for good hangs, as it does on HotSpot).
    fn idle(&mut self) {
        let earliest = self
            .threads
            .iter()
            .filter_map(|t| match t.state {
                ThreadState::Sleeping { until } => Some(until),
                ThreadState::Waiting { until, .. } | ThreadState::Parked { until } => until,
                _ => None,
            })
            .min();
        let pause = match earliest {
            Some(t) => t.saturating_duration_since(Instant::now()),
            None => Duration::from_millis(100),
        };
        let reading: Vec<i32> = self
            .threads
            .iter()
            .filter_map(|t| match t.state {
                ThreadState::Reading { fd } => Some(fd),
                _ => None,
            })
            .collect();
        if reading.is_empty() {
            std::thread::sleep(pause);
        } else {
            poll_readable(&reading, pause.as_millis().min(i32::MAX as u128) as i32);
        }
    }

    /// Swaps the running thread's state out and thread `next`'s in.
    fn switch_to(&mut self, next: usize) {
        if next == self.current {
            return;
        }
        let incoming = self.threads[next].saved.take();
        let Some(incoming) = incoming else {
            return;
        };
        let outgoing = Saved {
            thread: std::mem::replace(&mut self.thread, incoming.thread),
            locked: std::mem::replace(&mut self.locked, incoming.locked),
            nesting: std::mem::replace(&mut self.nesting, incoming.nesting),
        };
        self.threads[self.current].saved = Some(outgoing);
        self.current = next;
    }

    /// Whether thread `i` can run now, completing its wake-up if so (timeouts, notification,
    /// interrupts, re-entering its monitor).
    fn try_wake(&mut self, i: usize) -> bool {
        let now = Instant::now();
        let woken_by_interrupt = self.threads[i].interrupt_wake;
        match self.threads[i].state {
            ThreadState::Runnable => true,
            ThreadState::Terminated | ThreadState::Forever => false,
            ThreadState::Reading { fd } => {
                let ready = poll_readable(&[fd], 0);
                if ready {
                    self.threads[i].state = ThreadState::Runnable;
                }
                ready
            }
            ThreadState::Sleeping { until } => {
                let wake = woken_by_interrupt || now >= until;
                if wake {
                    self.threads[i].state = ThreadState::Runnable;
                }
                wake
            }
            ThreadState::Parked { until } => {
                let wake =
                    woken_by_interrupt || self.threads[i].permit || until.is_some_and(|u| now >= u);
                if wake {
                    self.threads[i].permit = false;
                    self.threads[i].state = ThreadState::Runnable;
                }
                wake
            }
            ThreadState::Waiting {
                monitor,
                count,
                until,
                notified,
            } => {
                if notified || woken_by_interrupt || until.is_some_and(|u| now >= u) {
                    self.threads[i].state = ThreadState::Blocked { monitor, count };
                    self.try_wake(i)
                } else {
                    false
                }
            }
            ThreadState::Blocked { monitor, count } => {
                let free = self.monitors.get(&monitor).is_none_or(|m| m.owner == i);
                // Fairness: the longest-blocked thread enters first.
                let first = !self.threads.iter().enumerate().any(|(j, t)| {
                    j != i
                        && t.since < self.threads[i].since
                        && matches!(t.state, ThreadState::Blocked { monitor: m, .. } if m == monitor)
                });
                if free && first {
                    self.monitors
                        .insert(monitor, crate::threads::Monitor { owner: i, count });
                    self.threads[i].state = ThreadState::Runnable;
                    true
                } else {
                    false
                }
            }
        }
    }

    /// `monitorenter` and synchronized methods: enters `object`'s monitor, blocking while
    /// another thread holds it.
    pub(crate) fn monitor_enter(&mut self, object: u64) {
        let me = self.current;
        match self.monitors.get_mut(&object) {
            None => {
                self.monitors.insert(
                    object,
                    Monitor {
                        owner: me,
                        count: 1,
                    },
                );
            }
            Some(m) if m.owner == me => m.count += 1,
            Some(_) => self.block(ThreadState::Blocked {
                monitor: object,
                count: 1,
            }),
        }
    }

    /// `monitorexit`: `IllegalMonitorStateException` if the thread does not hold it.
    pub(crate) fn monitor_exit(&mut self, object: u64) -> Result<(), Thrown> {
        let me = self.current;
        match self.monitors.get_mut(&object) {
            Some(m) if m.owner == me && m.count > 1 => {
                m.count -= 1;
                Ok(())
            }
            Some(m) if m.owner == me => {
                self.monitors.remove(&object);
                Ok(())
            }
            _ => Err(self.throw_new("java/lang/IllegalMonitorStateException", None)),
        }
    }

    /// Whether the running thread holds `object`'s monitor.
    pub(crate) fn holds_lock(&self, object: u64) -> bool {
        self.monitors
            .get(&object)
            .is_some_and(|m| m.owner == self.current)
    }

    fn not_owner(&mut self) -> Thrown {
        self.throw_new(
            "java/lang/IllegalMonitorStateException",
            Some("current thread is not owner".into()),
        )
    }

    /// `Object.wait(millis)`.
    pub(crate) fn object_wait(&mut self, object: u64, millis: i64) -> Result<(), Thrown> {
        if millis < 0 {
            return Err(self.throw_new(
                "java/lang/IllegalArgumentException",
                Some("timeout value is negative".into()),
            ));
        }
        if !self.holds_lock(object) {
            return Err(self.not_owner());
        }
        self.check_interrupted(None)?;
        let count = self.monitors.remove(&object).map_or(1, |m| m.count);
        let until = (millis > 0).then(|| Instant::now() + Duration::from_millis(millis as u64));
        self.block(ThreadState::Waiting {
            monitor: object,
            count,
            until,
            notified: false,
        });
        self.check_interrupted(None)
    }

    /// `Object.notify`/`notifyAll`.
    pub(crate) fn object_notify(&mut self, object: u64, all: bool) -> Result<(), Thrown> {
        if !self.holds_lock(object) {
            return Err(self.not_owner());
        }
        self.notify_waiters(object, all);
        Ok(())
    }

    fn notify_waiters(&mut self, object: u64, all: bool) {
        let mut waiters: Vec<(u64, usize)> = self
            .threads
            .iter()
            .enumerate()
            .filter_map(|(i, t)| match t.state {
                ThreadState::Waiting {
                    monitor,
                    notified: false,
                    ..
                } if monitor == object => Some((t.since, i)),
                _ => None,
            })
            .collect();
        waiters.sort_unstable();
        for (_, i) in waiters.into_iter().take(if all { usize::MAX } else { 1 }) {
            if let ThreadState::Waiting { notified, .. } = &mut self.threads[i].state {
                *notified = true;
            }
        }
    }

    /// `Thread.sleep(millis)`.
    pub(crate) fn sleep(&mut self, millis: i64) -> Result<(), Thrown> {
        if millis < 0 {
            return Err(self.throw_new(
                "java/lang/IllegalArgumentException",
                Some("timeout value is negative".into()),
            ));
        }
        self.check_interrupted(Some("sleep interrupted"))?;
        let until = Instant::now() + Duration::from_millis(millis as u64);
        self.block(ThreadState::Sleeping { until });
        self.check_interrupted(Some("sleep interrupted"))
    }

    /// `Thread.yield`: lets the other runnable threads run once.
    pub(crate) fn yield_now(&mut self) -> Result<(), Thrown> {
        if self.threads.len() > 1 {
            self.preempt();
        }
        Ok(())
    }

    /// The Reference Handler's wait for references no collector discovers yet.
    pub(crate) fn block_forever(&mut self) -> Result<(), Thrown> {
        if self.current == 0 {
            return Err(self.throw_new(
                "java/lang/IllegalStateException",
                Some("the main thread would wait for good".into()),
            ));
        }
        self.block(ThreadState::Forever);
        Ok(())
    }

    /// `Unsafe.park(absolute, time)`.
    pub(crate) fn park(&mut self, absolute: bool, time: i64) -> Result<(), Thrown> {
        let me = self.current;
        if self.threads[me].permit {
            self.threads[me].permit = false;
            return Ok(());
        }
        if self.interrupted_flag(self.current_thread_object()) {
            return Ok(());
        }
        let until = if absolute {
            let now_ms = crate::natives::clock(libc::CLOCK_REALTIME) / 1_000_000;
            Some(Instant::now() + Duration::from_millis((time - now_ms).max(0) as u64))
        } else if time > 0 {
            Some(Instant::now() + Duration::from_nanos(time as u64))
        } else if time == 0 {
            None
        } else {
            return Ok(());
        };
        if absolute && time <= 0 {
            return Ok(());
        }
        self.block(ThreadState::Parked { until });
        self.threads[me].interrupt_wake = false;
        Ok(())
    }

    /// `Unsafe.unpark(thread)`.
    pub(crate) fn unpark(&mut self, thread: u64) {
        if let Some(t) = self
            .threads
            .iter_mut()
            .find(|t| t.object == thread && thread != 0)
        {
            t.permit = true;
        }
    }

    /// `Thread.interrupt0`: the Java field is already set; wake the thread if it sleeps,
    /// waits or parks.
    pub(crate) fn interrupt(&mut self, thread: u64) {
        if let Some(t) = self.threads.iter_mut().find(|t| t.object == thread) {
            t.interrupt_wake = true;
            t.permit = true;
        }
    }

    fn interrupted_flag(&mut self, thread: u64) -> bool {
        match self.thread_offsets() {
            Ok(o) => crate::heap::get_i8(thread + u64::from(o.interrupted)) != 0,
            Err(_) => false,
        }
    }

    /// Throws `InterruptedException` (with `message`) if the running thread is
    /// interrupted, clearing the flag as HotSpot does.
    fn check_interrupted(&mut self, message: Option<&str>) -> Result<(), Thrown> {
        let me = self.current;
        self.threads[me].interrupt_wake = false;
        let thread = self.current_thread_object();
        if thread == 0 || !self.interrupted_flag(thread) {
            return Ok(());
        }
        if let Ok(o) = self.thread_offsets() {
            crate::heap::put_i8(thread + u64::from(o.interrupted), 0);
        }
        Err(self.throw_new("java/lang/InterruptedException", message.map(str::to_owned)))
    }

    /// Before a read of `fd`: while it has nothing to read and other threads exist, let
    /// them run (a read that would block must not freeze every Java thread). With no other
    /// thread, the read itself blocks, as on HotSpot.
    pub(crate) fn wait_readable(&mut self, fd: i32) {
        if self.threads.len() > 1 && !poll_readable(&[fd], 0) {
            self.block(ThreadState::Reading { fd });
        }
    }

    /// The `Thread` objects of every started, not yet terminated thread.
    pub(crate) fn live_thread_objects(&self) -> Vec<u64> {
        self.threads
            .iter()
            .filter(|t| t.object != 0 && t.state != ThreadState::Terminated)
            .map(|t| t.object)
            .collect()
    }
}

/// Whether any of `fds` is readable (or at end of file, or in error: a read would not
/// block), waiting up to `timeout_ms` (-1: for good).
fn poll_readable(fds: &[i32], timeout_ms: i32) -> bool {
    let mut polls: Vec<libc::pollfd> = fds
        .iter()
        .map(|&fd| libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        })
        .collect();
    // SAFETY: `polls` is a valid array of pollfd of the given length.
    let n = unsafe { libc::poll(polls.as_mut_ptr(), polls.len() as libc::nfds_t, timeout_ms) };
    n > 0
}

/// An address in the current stack frame (the stack pointer, closely enough).
#[inline(always)]
pub(crate) fn stack_pointer() -> u64 {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as u64
}

/// The lowest address the OS thread's stack may grow to.
fn os_stack_low() -> Option<u64> {
    // SAFETY: pthread_getattr_np fills `attr` for the calling thread; the attribute object
    // is destroyed after reading it.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let ok = libc::pthread_attr_getstack(&attr, &mut addr, &mut size) == 0;
        libc::pthread_attr_destroy(&mut attr);
        ok.then_some(addr as u64)
    }
}
