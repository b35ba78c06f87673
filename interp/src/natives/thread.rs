//! `java.lang.Thread` natives and `Object.wait`/`notify`: the green-thread scheduler
//! (`threads.rs`) does the work.

use super::{NativeFn, arg, arg_int};
use crate::vm::Vm;

pub(crate) fn register(vm: &mut Vm) {
    let nop: NativeFn = |_, _| Ok(0);
    const T: &str = "java/lang/Thread";
    vm.register_native(T, "currentThread", "()Ljava/lang/Thread;", |vm, _| {
        Ok(vm.current_thread_object())
    });
    vm.register_native(T, "start0", "()V", |vm, a| {
        vm.start_thread(arg(a, 0))?;
        Ok(0)
    });
    vm.register_native(T, "setPriority0", "(I)V", nop);
    vm.register_native(T, "setNativeName", "(Ljava/lang/String;)V", nop);
    vm.register_native(T, "yield", "()V", |vm, _| {
        vm.yield_now()?;
        Ok(0)
    });
    vm.register_native(T, "sleep", "(J)V", |vm, a| {
        vm.sleep(arg(a, 0) as i64)?;
        Ok(0)
    });
    vm.register_native(T, "interrupt0", "()V", |vm, a| {
        vm.interrupt(arg(a, 0));
        Ok(0)
    });
    vm.register_native(T, "clearInterruptEvent", "()V", nop);
    vm.register_native(T, "holdsLock", "(Ljava/lang/Object;)Z", |vm, a| {
        let o = vm.non_null(arg(a, 0))?;
        Ok(u64::from(vm.holds_lock(o)))
    });
    vm.register_native(T, "getThreads", "()[Ljava/lang/Thread;", |vm, _| {
        let live = vm.live_thread_objects();
        vm.new_ref_array("[Ljava/lang/Thread;", &live)
    });
    const O: &str = "java/lang/Object";
    vm.register_native(O, "wait", "(J)V", |vm, a| {
        vm.object_wait(arg(a, 0), arg(a, 1) as i64)?;
        Ok(0)
    });
    vm.register_native(O, "notify", "()V", |vm, a| {
        vm.object_notify(arg(a, 0), false)?;
        Ok(0)
    });
    vm.register_native(O, "notifyAll", "()V", |vm, a| {
        vm.object_notify(arg(a, 0), true)?;
        Ok(0)
    });
    const U: &str = "jdk/internal/misc/Unsafe";
    vm.register_native(U, "park", "(ZJ)V", |vm, a| {
        vm.park(arg(a, 1) != 0, arg(a, 2) as i64)?;
        Ok(0)
    });
    vm.register_native(U, "unpark", "(Ljava/lang/Object;)V", |vm, a| {
        vm.unpark(arg(a, 1));
        Ok(0)
    });
    let _ = arg_int;
}
