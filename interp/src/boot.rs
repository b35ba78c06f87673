//! Booting java.base as HotSpot 17's `Threads::create_vm` does, and running `main` as the
//! `java` launcher (`java.c`'s `JavaMain`) does.
//!
//! The JDK's own classes decide what happens; the VM only creates what HotSpot creates
//! itself (the thread groups, the initial `Thread`), calls `System.initPhase1/2/3`, and
//! provides natives.

use jfork_resolver::LoaderId;

use crate::heap;
use crate::value::JavaThrowable;
use crate::vm::{Thrown, Vm};

/// `java.lang.Thread.threadStatus` values (HotSpot's `JavaThreadStatus`).
pub(crate) const THREAD_RUNNABLE: i32 = 0x0001 | 0x0004;
pub(crate) const THREAD_TERMINATED: i32 = 0x0002;

/// `Thread.NORM_PRIORITY`.
const NORM_PRIORITY: i32 = 5;

impl Vm {
    /// Boots java.base: initializes the core classes in HotSpot's order, creates the system
    /// and main thread groups and the main `Thread`, then runs `System.initPhase1()`,
    /// `initPhase2(true, false)` (the module system; must return 0) and `initPhase3()`
    /// (the system class loader). Afterwards Java code runs as under `java`.
    pub fn boot(&mut self) -> Result<(), JavaThrowable> {
        self.boot_inner().map_err(|t| self.describe(t.0))
    }

    fn boot_inner(&mut self) -> Result<(), Thrown> {
        self.init_class("java/lang/String")?;
        self.init_class("java/lang/System")?;
        self.init_class("java/lang/Class")?;
        let group = self.init_class("java/lang/ThreadGroup")?;
        let system_group = self.new_object(group, "()V", &[])?;
        let main_name = self.create_string("main")?;
        let main_group = self.new_object(
            group,
            "(Ljava/lang/ThreadGroup;Ljava/lang/String;)V",
            &[system_group, main_name],
        )?;
        self.system_thread_group = system_group;
        let thread_class = self.init_class("java/lang/Thread")?;
        let thread = self.new_instance(thread_class)?;
        let offsets = self.thread_offsets()?;
        self.put_long(thread, offsets.eetop, 1);
        self.put_int(thread, offsets.priority, NORM_PRIORITY);
        self.threads[0].object = thread;
        let ctor = self.find_method(
            thread_class,
            "<init>",
            "(Ljava/lang/ThreadGroup;Ljava/lang/String;)V",
        )?;
        self.call_method(ctor, &[thread, main_group, main_name])?;
        self.put_int(thread, offsets.status, THREAD_RUNNABLE);
        self.init_class("java/lang/Module")?;
        self.fix_unsafe_constants()?;
        self.init_class("java/lang/reflect/Method")?;
        self.init_class("java/lang/ref/Finalizer")?;
        self.call_static("java/lang/System", "initPhase1", "()V", &[])?;
        for class in [
            "java/lang/OutOfMemoryError",
            "java/lang/NullPointerException",
            "java/lang/ClassCastException",
            "java/lang/ArrayStoreException",
            "java/lang/ArithmeticException",
            "java/lang/StackOverflowError",
            "java/lang/IllegalMonitorStateException",
            "java/lang/IllegalArgumentException",
        ] {
            self.init_class(class)?;
        }
        // printStackTrace as HotSpot's `-Xlog:init=debug` would ask for it.
        let trace = u64::from(std::env::var_os("JFORK_DEBUG_BOOT").is_some());
        let status = self.call_static("java/lang/System", "initPhase2", "(ZZ)I", &[1, trace])?;
        if status != 0 {
            // HotSpot: "java.lang.InternalError: Failed to initialize module system" and exit.
            return Err(self.throw_new(
                "java/lang/InternalError",
                Some("Failed to initialize module system".into()),
            ));
        }
        self.call_static("java/lang/System", "initPhase3", "()V", &[])?;
        self.booted = true;
        Ok(())
    }

    /// Runs `main` (a class's binary name, or a jar whose manifest names the class) with
    /// `args` as the `java` launcher does: `LauncherHelper.checkAndLoadMain` (its error messages and exit codes),
    /// `main(String[])`, an uncaught exception through `Thread.dispatchUncaughtException`,
    /// `Thread.exit`, waiting for the other non-daemon threads, then `Shutdown.shutdown()`.
    /// Returns the exit code (`System.exit` ends the process itself).
    pub fn run_main(&mut self, main: &MainSpec, args: &[String]) -> i32 {
        // As HotSpot: a write to a closed pipe is an IOException (EPIPE), not death by
        // SIGPIPE. Set here, not at boot: a forked child has its signals reset.
        // SAFETY: changes this process's disposition of one signal; no handler code runs.
        unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
        let mut code = match self.launch(main, args) {
            Ok(()) => 0,
            Err(LaunchFailure::Uncaught(t)) => {
                self.uncaught(t);
                1
            }
            Err(LaunchFailure::Launcher(t)) => {
                // java.c's CHECK_EXCEPTION_NULL_LEAVE: JNI ExceptionDescribe, exit 1.
                self.exception_describe(t);
                1
            }
        };
        self.exit_current_thread();
        self.wait_for_non_daemon_threads();
        if let Err(t) = self.call_static("java/lang/Shutdown", "shutdown", "()V", &[]) {
            self.uncaught(t);
            code = 1;
        }
        self.run_exit_hook();
        code
    }

    fn launch(&mut self, main: &MainSpec, args: &[String]) -> Result<(), LaunchFailure> {
        // LauncherHelper.LM_CLASS = 1, LM_JAR = 2; printToStderr = true.
        let (mode, what) = match main {
            MainSpec::Class(name) => (1, name.replace('/', ".")),
            MainSpec::Jar(path) => (2, path.clone()),
        };
        let what = self.create_string(&what).map_err(LaunchFailure::Launcher)?;
        let mirror = self
            .call_static(
                "sun/launcher/LauncherHelper",
                "checkAndLoadMain",
                "(ZILjava/lang/String;)Ljava/lang/Class;",
                &[1, mode, what],
            )
            .map_err(LaunchFailure::Launcher)?;
        let class = self.class_of_mirror(mirror);
        let main = match self.classes[class as usize]
            .linked
            .declared_method("main", "([Ljava/lang/String;)V")
            .filter(|m| m.is_static())
            .cloned()
        {
            Some(m) => self.method_id(&m),
            None => {
                let message = "main".to_owned();
                let t = self.throw_new("java/lang/NoSuchMethodError", Some(message));
                return Err(LaunchFailure::Launcher(t));
            }
        };
        let texts: Vec<Option<String>> = args.iter().map(|a| Some(a.clone())).collect();
        let array = self
            .new_string_array(&texts)
            .map_err(LaunchFailure::Launcher)?;
        // JNI GetStaticMethodID initializes the class; a failure there is the launcher's.
        self.initialize(class).map_err(LaunchFailure::Launcher)?;
        if let Some(hook) = MAIN_ENTRY.get() {
            hook();
        }
        self.call_method(main, &[array])
            .map_err(LaunchFailure::Uncaught)?;
        Ok(())
    }

    /// `Thread.dispatchUncaughtException(t)` on the current thread, as HotSpot's
    /// `JavaThread::exit` does; an exception from the handler is reported as HotSpot does.
    pub(crate) fn uncaught(&mut self, t: Thrown) {
        let thread = self.current_thread_object();
        let result = self.call_virtual(
            thread,
            "dispatchUncaughtException",
            "(Ljava/lang/Throwable;)V",
            &[t.0],
        );
        if let Err(e) = result {
            let class = self.class_of(e.0);
            let name = self.classes[class as usize].linked.name.replace('/', ".");
            let thread_name = self.thread_name(thread);
            let text = format!(
                "\nException: {name} thrown from the UncaughtExceptionHandler in thread \"{thread_name}\"\n"
            );
            crate::natives::write_stderr(text.as_bytes());
        }
    }

    /// JNI `ExceptionDescribe`: `Exception in thread "name" ` then `printStackTrace()`.
    fn exception_describe(&mut self, t: Thrown) {
        let thread = self.current_thread_object();
        let name = self.thread_name(thread);
        crate::natives::write_stderr(format!("Exception in thread \"{name}\" ").as_bytes());
        let _ = self.call_virtual(t.0, "printStackTrace", "()V", &[]);
    }

    /// `Thread.exit()` on the current thread, then HotSpot's `ensure_join`: status
    /// TERMINATED, `eetop` cleared, waiters on the thread object notified.
    pub(crate) fn exit_current_thread(&mut self) {
        let thread = self.current_thread_object();
        if thread == 0 {
            return;
        }
        if let Err(t) = self.call_virtual(thread, "exit", "()V", &[]) {
            self.uncaught(t);
        }
        if let Ok(offsets) = self.thread_offsets() {
            self.put_int(thread, offsets.status, THREAD_TERMINATED);
            self.put_long(thread, offsets.eetop, 0);
        }
        self.thread_terminated(thread);
    }

    /// The name of a `Thread` object, for messages.
    pub(crate) fn thread_name(&mut self, thread: u64) -> String {
        if thread == 0 {
            // Before the boot made the main Thread.
            return "main".to_owned();
        }
        match self.field_offset_of("java/lang/Thread", "name", "Ljava/lang/String;") {
            Ok(off) => {
                let s = self.get_ref(thread, off);
                self.string_value(s).unwrap_or_default()
            }
            Err(_) => String::new(),
        }
    }

    /// Offsets of the `java.lang.Thread` fields the VM writes.
    pub(crate) fn thread_offsets(&mut self) -> Result<ThreadOffsets, Thrown> {
        if let Some(o) = self.thread_fields {
            return Ok(o);
        }
        let t = "java/lang/Thread";
        let o = ThreadOffsets {
            eetop: self.field_offset_of(t, "eetop", "J")?,
            priority: self.field_offset_of(t, "priority", "I")?,
            status: self.field_offset_of(t, "threadStatus", "I")?,
            daemon: self.field_offset_of(t, "daemon", "Z")?,
            interrupted: self.field_offset_of(t, "interrupted", "Z")?,
        };
        self.thread_fields = Some(o);
        Ok(o)
    }

    /// HotSpot sets `jdk.internal.misc.UnsafeConstants`' finals after its `<clinit>`.
    fn fix_unsafe_constants(&mut self) -> Result<(), Thrown> {
        let cid = self.init_class("jdk/internal/misc/UnsafeConstants")?;
        let page = {
            // SAFETY: sysconf has no memory effects.
            let p = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
            if p > 0 { p as u64 } else { 4096 }
        };
        for (name, value) in [
            ("ADDRESS_SIZE0", 8u64),
            ("PAGE_SIZE", page),
            ("BIG_ENDIAN", u64::from(cfg!(target_endian = "big"))),
            ("UNALIGNED_ACCESS", 1),
            ("DATA_CACHE_LINE_FLUSH_SIZE", 0),
        ] {
            if let Some(at) = self.static_field_address(cid, name) {
                heap::put_u64(at, value);
            }
        }
        Ok(())
    }

    /// Prepares, in a pool child waiting for its request (a copy of the master), the code
    /// every program's end runs ([`run_main`](Self::run_main): `Thread.exit` of the main
    /// thread, `ThreadGroup`'s bookkeeping, `Shutdown.shutdown`): decodes those methods into
    /// this process's own memory, where running them later quickens them without copying
    /// pages of the master's (decoding them in the master would), and initializes
    /// `java.lang.Shutdown` (its `<clinit>` only builds its empty hook table and locks).
    /// Invisible to programs: nothing runs that a program could observe. Measured beside
    /// `java`: `jfork run Hello` ~3.55 -> ~3.2 ms median.
    pub fn warm_exit_path(&mut self) {
        const METHODS: &[(&str, &str, &str)] = &[
            ("java/lang/Thread", "exit", "()V"),
            (
                "java/lang/ThreadGroup",
                "threadTerminated",
                "(Ljava/lang/Thread;)V",
            ),
            ("java/lang/ThreadGroup", "remove", "(Ljava/lang/Thread;)V"),
            ("java/lang/Shutdown", "shutdown", "()V"),
            ("java/lang/Shutdown", "runHooks", "()V"),
            ("jdk/internal/misc/VM", "isShutdown", "()Z"),
            ("jdk/internal/misc/VM", "shutdown", "()V"),
        ];
        for (class, name, desc) in METHODS {
            if let Ok(mid) = self
                .load(LoaderId::BOOTSTRAP, class)
                .and_then(|cid| self.find_method(cid, name, desc))
            {
                let _ = self.ensure_code(mid);
            }
        }
        let _ = self.init_class("java/lang/Shutdown");
    }

    /// Loads and initializes boot class `name`.
    pub(crate) fn init_class(&mut self, name: &str) -> Result<u32, Thrown> {
        let cid = self.load(LoaderId::BOOTSTRAP, name)?;
        self.initialize(cid)?;
        Ok(cid)
    }

    /// A new instance of class `cid` built by its constructor `descriptor`.
    pub(crate) fn new_object(
        &mut self,
        cid: u32,
        descriptor: &str,
        args: &[u64],
    ) -> Result<u64, Thrown> {
        self.initialize(cid)?;
        let object = self.new_instance(cid)?;
        let ctor = self.find_method(cid, "<init>", descriptor)?;
        let mut slots = Vec::with_capacity(args.len() + 1);
        slots.push(object);
        slots.extend_from_slice(args);
        self.call_method(ctor, &slots)?;
        Ok(object)
    }

    /// The method `name` `descriptor` declared by class `cid` or inherited from a superclass
    /// (`NoSuchMethodError` when none).
    pub(crate) fn find_method(
        &mut self,
        cid: u32,
        name: &str,
        descriptor: &str,
    ) -> Result<u32, Thrown> {
        let mut class = Some(std::sync::Arc::clone(&self.classes[cid as usize].linked));
        while let Some(c) = class {
            if let Some(m) = c.declared_method(name, descriptor).cloned() {
                return Ok(self.method_id(&m));
            }
            class = c.super_class.clone();
        }
        let owner = self.classes[cid as usize].linked.name.replace('/', ".");
        Err(self.throw_new(
            "java/lang/NoSuchMethodError",
            Some(format!("{owner}.{name}{descriptor}")),
        ))
    }

    /// Calls static method `name` `descriptor` of boot class `class`.
    pub(crate) fn call_static(
        &mut self,
        class: &str,
        name: &str,
        descriptor: &str,
        args: &[u64],
    ) -> Result<u64, Thrown> {
        let cid = self.init_class(class)?;
        let mid = self.find_method(cid, name, descriptor)?;
        self.call_method(mid, args)
    }

    /// Calls instance method `name` `descriptor` on `receiver`, selected from the
    /// receiver's class (private and final methods included).
    pub(crate) fn call_virtual(
        &mut self,
        receiver: u64,
        name: &str,
        descriptor: &str,
        args: &[u64],
    ) -> Result<u64, Thrown> {
        self.non_null(receiver)?;
        let cid = self.class_of(receiver);
        let mid = self.find_method(cid, name, descriptor)?;
        let mut slots = Vec::with_capacity(args.len() + 1);
        slots.push(receiver);
        slots.extend_from_slice(args);
        self.call_method(mid, &slots)
    }

    /// The address of static field `name` of class `cid` (its 8-byte slot).
    pub(crate) fn static_field_address(&self, cid: u32, name: &str) -> Option<u64> {
        let rt = &self.classes[cid as usize];
        let field = rt
            .linked
            .fields
            .iter()
            .find(|f| f.is_static() && f.name == name)?;
        Some(rt.statics.as_ptr() as u64 + u64::from(field.offset) * 8)
    }
}

/// How `Runtime.halt` (`System.exit`'s end) ends the process; see [`set_process_exit`].
static PROCESS_EXIT: std::sync::OnceLock<fn(i32) -> !> = std::sync::OnceLock::new();

/// Makes `Runtime.halt` end the process with `exit` instead of `std::process::exit`: a
/// fork server's child ends through the server's own exit path (which tells the server
/// its code). Process-wide; the first call wins.
pub fn set_process_exit(exit: fn(i32) -> !) {
    let _ = PROCESS_EXIT.set(exit);
}

/// Called as `main` is entered; see [`set_main_entry_hook`].
static MAIN_ENTRY: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// Has `hook` called each time the launcher is about to call a program's `main` (after
/// `LauncherHelper.checkAndLoadMain` and the main class's initialization), as a fork server
/// measuring its children's start-up needs. Process-wide; the first call wins.
pub fn set_main_entry_hook(hook: fn()) {
    let _ = MAIN_ENTRY.set(hook);
}

/// Ends the process with `code` as `Runtime.halt` does.
pub(crate) fn exit_process(code: i32) -> ! {
    match PROCESS_EXIT.get() {
        Some(exit) => exit(code),
        None => std::process::exit(code),
    }
}

/// Called once with the classes the VM loaded when the program ends (`jfork classlist`).
type ExitHook = Box<dyn FnOnce(Vec<String>) + Send>;

/// The exit hook: process-wide, since `Runtime.halt` ends the process from a native.
static EXIT_HOOK: std::sync::Mutex<Option<ExitHook>> = std::sync::Mutex::new(None);

impl Vm {
    /// Calls `hook` with [`Vm::loaded_classes`] when the program ends, by returning from
    /// [`Vm::run_main`] or through `System.exit`/`Runtime.halt`.
    pub fn on_exit(&mut self, hook: impl FnOnce(Vec<String>) + Send + 'static) {
        if let Ok(mut h) = EXIT_HOOK.lock() {
            *h = Some(Box::new(hook));
        }
    }

    /// The classes and interfaces the built-in loaders have loaded, in load order, by
    /// internal name (no arrays, primitives, lambda or hidden classes): a HotSpot classlist.
    pub fn loaded_classes(&self) -> Vec<String> {
        self.classes
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                c.linked.decl.is_some() && !self.hidden_classes.contains_key(&(*i as u32))
            })
            .map(|(_, c)| c.linked.name.to_string())
            .collect()
    }

    /// Runs the exit hook, if any (once).
    pub(crate) fn run_exit_hook(&self) {
        let hook = EXIT_HOOK.lock().ok().and_then(|mut h| h.take());
        if let Some(hook) = hook {
            hook(self.loaded_classes());
        }
    }
}

/// What the `java` launcher is asked to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MainSpec {
    /// A main class by binary name (`java Main`).
    Class(String),
    /// A jar whose manifest's `Main-Class` names the class (`java -jar app.jar`).
    Jar(String),
}

/// Field offsets of `java.lang.Thread` the VM writes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ThreadOffsets {
    pub(crate) eetop: u32,
    pub(crate) priority: u32,
    pub(crate) status: u32,
    pub(crate) daemon: u32,
    pub(crate) interrupted: u32,
}

enum LaunchFailure {
    /// The launcher's own steps failed (describe and exit 1).
    Launcher(Thrown),
    /// `main` (or the main class's initialization) threw.
    Uncaught(Thrown),
}
