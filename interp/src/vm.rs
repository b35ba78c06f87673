//! The VM: every runtime structure, owned by one value on one OS thread.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use jfork_resolver::{ClassKind, LinkedClass, Linker, LoaderId, Method, Selected};

use crate::code::{Kind, MethodCode, Op};
use crate::heap::Heap;
use crate::natives::NativeFn;
use crate::value::VmError;
use jfork_preloader::ClassPathSource;

/// Bytes at the start of a child's heap region that use small pages (see
/// [`Vm::prepare_fork`]).
const CHILD_SMALL_PAGES: u64 = 2 << 20;

/// Marks a vtable or itable entry with no callable method (abstract or conflicting): the
/// slow path asks the resolver for the error.
pub(crate) const NO_METHOD: u32 = u32::MAX;

/// A thrown Java exception: the object's address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Thrown(pub(crate) u64);

/// Class initialization state (JVMS 5.5). One OS thread runs Java, so "being initialized"
/// always means "by the current thread" until green threads arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InitState {
    Linked,
    BeingInitialized,
    Initialized,
    Erroneous,
}

/// The runtime side of a linked class: what the VM adds and may write (the resolver's
/// [`LinkedClass`] stays read-only and shared).
pub(crate) struct RtClass {
    pub(crate) linked: Arc<LinkedClass>,
    pub(crate) super_id: Option<u32>,
    pub(crate) state: InitState,
    /// Static fields, one 8-byte slot each (the resolver's slot numbers).
    pub(crate) statics: Box<[u64]>,
    /// The `java.lang.Class` mirror, 0 until first asked for.
    pub(crate) mirror: u64,
    /// Method ids per vtable slot.
    pub(crate) vtable: Box<[u32]>,
    /// Per implemented interface: its class id and the method ids per itable index.
    pub(crate) itables: Box<[(u32, Box<[u32]>)]>,
    /// For array classes: element storage and the component class id.
    pub(crate) element: Option<(Kind, u32)>,
}

/// The runtime side of a method.
pub(crate) struct RtMethod {
    pub(crate) method: Arc<Method>,
    pub(crate) class: u32,
    /// Argument slots, receiver included.
    pub(crate) args: u16,
    /// First character of the return descriptor.
    pub(crate) ret: u8,
    /// Pre-decoded code, built on first call (or eagerly).
    pub(crate) code: Option<Box<MethodCode>>,
    /// `code.ops` as a pointer for the dispatch loop (null until decoded).
    pub(crate) ops: *mut Op,
    pub(crate) max_locals: u16,
    pub(crate) max_stack: u16,
    /// Decoded, not synchronized, not native: the dispatch loop may push a frame directly.
    pub(crate) fast: bool,
    /// The native implementation, once looked up.
    pub(crate) native: Option<NativeFn>,
}

/// One activation record. Its locals start at `lp` in the thread's slot stack; its operand
/// stack follows them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    pub(crate) method: u32,
    /// The op to continue at (for a caller: the op after its invoke).
    pub(crate) pc: u32,
    pub(crate) lp: u32,
}

/// A Java thread: a slot stack holding every frame's locals and operands, and its frames.
pub(crate) struct JavaThread {
    pub(crate) stack: Box<[u64]>,
    pub(crate) frames: Vec<Frame>,
    /// The first free slot when Java code calls out of the dispatch loop.
    pub(crate) top: usize,
}

impl JavaThread {
    /// An empty thread with the stack sizes of `options`.
    pub(crate) fn new(options: &VmOptions) -> JavaThread {
        JavaThread {
            stack: vec![0; options.stack_slots.max(1024)].into_boxed_slice(),
            frames: Vec::with_capacity(options.max_frames.min(1 << 16)),
            top: 0,
        }
    }
}

/// Offsets of fields the VM reads and writes itself.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WellKnown {
    pub(crate) object: u32,
    pub(crate) string: u32,
    pub(crate) class: u32,
    pub(crate) string_value: u32,
    pub(crate) string_coder: u32,
    pub(crate) class_vm_class: u32,
    pub(crate) class_component: u32,
    pub(crate) class_loader: u32,
    pub(crate) class_module: u32,
    pub(crate) throwable_message: u32,
    pub(crate) throwable_cause: u32,
    pub(crate) throwable_backtrace: u32,
    pub(crate) throwable_depth: u32,
}

/// How to build a [`Vm`].
#[derive(Debug, Clone)]
pub struct VmOptions {
    /// The JDK (default: `$JAVA_HOME`, else the one behind `java` on `PATH`).
    pub jdk: Option<PathBuf>,
    /// The application class path (`:`-separated), loaded by the app loader.
    pub class_path: String,
    /// Folders or jars appended to the boot class path (`-Xbootclasspath/a:`): their classes
    /// are defined by the bootstrap loader and, as on HotSpot, not verified.
    pub boot_append: Vec<PathBuf>,
    /// Maximum heap size in bytes (`-Xmx`; default [`crate::DEFAULT_HEAP_MAX`]).
    pub heap_max: usize,
    /// Slots of the Java stack (`-Xss`-like; default 1 Mi slots = 8 MiB).
    pub stack_slots: usize,
    /// Maximum number of Java frames (default 8192).
    pub max_frames: usize,
    /// System properties given on the command line (`-Dkey=value`), in order.
    pub properties: Vec<(String, String)>,
    /// Assertions enabled in application classes (`-ea`).
    pub enable_assertions: bool,
    /// Maximum nesting of Rust-to-Java calls (`<clinit>` from an instruction, natives that
    /// call back; default 64): past it, `StackOverflowError`.
    pub max_nesting: u32,
}

impl Default for VmOptions {
    fn default() -> VmOptions {
        VmOptions {
            jdk: None,
            class_path: String::new(),
            boot_append: Vec::new(),
            heap_max: crate::heap::DEFAULT_HEAP_MAX,
            stack_slots: 1 << 20,
            max_frames: 8192,
            max_nesting: 64,
            properties: Vec::new(),
            enable_assertions: false,
        }
    }
}

/// The Java runtime: heap, classes, one Java thread, natives. Not `Sync`: one OS thread
/// runs it (DESIGN.md decision 1).
pub struct Vm {
    pub(crate) linker: Linker<crate::source::VmSource>,
    pub(crate) classes: Vec<RtClass>,
    class_ids: HashMap<usize, u32>,
    /// Classes by initiating loader and name, as `load` found them: a repeated load never
    /// asks the linker again (whose table lookup clones the class's `Arc` and takes a lock,
    /// a write to a master page in a forked child).
    loaded: HashMap<LoaderId, HashMap<Box<str>, u32>>,
    pub(crate) methods: Vec<RtMethod>,
    method_ids: HashMap<usize, u32>,
    pub(crate) heap: Heap,
    /// The garbage collector's state (`crate::gc`).
    pub(crate) gc: crate::gc::Gc,
    pub(crate) thread: JavaThread,
    pub(crate) natives: HashMap<String, NativeFn>,
    pub(crate) strings: HashMap<String, u64>,
    /// Monitor entry counts by object address (a side table: locking never writes the
    /// object, so children do not dirty master pages).
    pub(crate) monitors: HashMap<u64, crate::threads::Monitor>,
    /// Monitors held by synchronized methods: (frame depth, object).
    pub(crate) locked: Vec<(u32, u64)>,
    /// Identity hash codes by object address (a side table, as monitors).
    pub(crate) hashes: HashMap<u64, i32>,
    pub(crate) hash_state: u64,
    pub(crate) wk: WellKnown,
    pub(crate) nesting: u32,
    pub(crate) options: VmOptions,
    /// The JDK in use (`java.home`).
    pub(crate) java_home: PathBuf,
    /// Exceptions being built by the VM (to stop runaway recursion).
    pub(crate) building_exception: u32,
    /// The class a static field op being quickened belongs to.
    pub(crate) pending_class: u32,
    /// The preallocated `OutOfMemoryError` (there may be no room for a new one).
    pub(crate) oom: u64,
    /// Why classes failed to initialize (the cause of their later `NoClassDefFoundError`).
    pub(crate) init_errors: HashMap<u32, u64>,
    /// Objects quickened into code by `ldc` of method types, method handles and dynamic
    /// constants (roots for the collector, as quickened ops hold their addresses).
    pub(crate) constants: Vec<u64>,
    /// Linked `invokedynamic` call sites, by the index their quickened op holds.
    pub(crate) call_sites: Vec<crate::indy::CallSite>,
    /// The native methods of lambda classes, by method id.
    pub(crate) lambda_methods: HashMap<u32, crate::indy::LambdaMethod>,
    /// Lambda classes defined so far (numbers their names).
    pub(crate) lambda_count: u32,
    /// Field offsets natives looked up by name ([`Vm::field_offset_of`]).
    pub(crate) field_offsets: HashMap<(usize, usize, usize), u32>,
    /// Hidden classes defined so far (numbers their names).
    pub(crate) hidden_count: u32,
    /// Hidden classes (lambda classes, `Lookup.defineHiddenClass`) by class id, with the
    /// class that defined them (their nest host).
    pub(crate) hidden_classes: HashMap<u32, u32>,
    /// Every Java thread; index [`Vm::current`] is running.
    pub(crate) threads: Vec<crate::threads::GreenThread>,
    /// Counts blocking events (orders waiters).
    pub(crate) sequence: u64,
    /// Taken backward branches left in the running thread's time slice.
    pub(crate) ticks: u32,
    /// The running thread's index in [`Vm::threads`].
    pub(crate) current: usize,
    /// The system `ThreadGroup` (0 before the boot).
    pub(crate) system_thread_group: u64,
    /// Offsets of `java.lang.Thread`'s fields, once looked up.
    pub(crate) thread_fields: Option<crate::boot::ThreadOffsets>,
    /// Whether [`Vm::boot`] completed.
    pub(crate) booted: bool,
    /// Modules, class loaders and packages as the JDK defined them.
    pub(crate) modules: crate::modules::ModuleTable,
    /// Where [`Vm::prepare_fork`] last advised the children's region for small pages.
    pub(crate) child_region: u64,
    /// Executed-op counts by opcode.
    #[cfg(feature = "coverage")]
    pub(crate) coverage: Box<[u64; 256]>,
}

impl Vm {
    /// A VM over the JDK and class path in `options`. Links the few classes the VM itself
    /// needs; no Java code runs yet.
    pub fn new(options: VmOptions) -> Result<Vm, VmError> {
        let jdk = jfork_preloader::Jdk::discover(options.jdk.as_deref())?;
        let mut class_path = jfork_preloader::ClassPath::new();
        class_path.push_boot(&jdk.modules())?;
        for entry in &options.boot_append {
            class_path.push_boot(entry)?;
        }
        class_path.push_app_path(&options.class_path);
        // The VM's class definitions borrow from the class path's memory maps and are never
        // unloaded, so the class path lives for the rest of the process.
        let source =
            crate::source::VmSource::new(ClassPathSource::new(Box::leak(Box::new(class_path))));
        let heap = Heap::new(options.heap_max).map_err(|source| VmError::Heap {
            size: options.heap_max,
            source,
        })?;
        let gc = crate::gc::Gc::new(heap.base(), heap.limit()).map_err(|source| VmError::Heap {
            size: options.heap_max,
            source,
        })?;
        let mut vm = Vm {
            linker: Linker::new(source),
            classes: Vec::new(),
            class_ids: HashMap::new(),
            loaded: HashMap::new(),
            methods: Vec::new(),
            method_ids: HashMap::new(),
            heap,
            gc,
            thread: JavaThread::new(&options),
            natives: HashMap::new(),
            strings: HashMap::new(),
            monitors: HashMap::new(),
            locked: Vec::new(),
            hashes: HashMap::new(),
            hash_state: 0x2545_f491_4f6c_dd1d,
            wk: WellKnown::default(),
            nesting: 0,
            options,
            java_home: jdk.home().to_path_buf(),
            building_exception: 0,
            pending_class: 0,
            oom: 0,
            init_errors: HashMap::new(),
            constants: Vec::new(),
            call_sites: Vec::new(),
            lambda_methods: HashMap::new(),
            lambda_count: 0,
            field_offsets: HashMap::new(),
            hidden_count: 0,
            hidden_classes: HashMap::new(),
            threads: vec![crate::threads::GreenThread::main()],
            sequence: 0,
            current: 0,
            ticks: crate::threads::TIME_SLICE,
            system_thread_group: 0,
            thread_fields: None,
            booted: false,
            modules: crate::modules::ModuleTable::default(),
            child_region: 0,
            #[cfg(feature = "coverage")]
            coverage: Box::new([0; 256]),
        };
        crate::natives::register_all(&mut vm);
        vm.bootstrap()?;
        Ok(vm)
    }

    fn boot_class(&mut self, name: &str) -> Result<u32, VmError> {
        let linked = self
            .linker
            .load_class(LoaderId::BOOTSTRAP, name)
            .map_err(|error| VmError::Bootstrap {
                class: name.to_owned(),
                error,
            })?;
        Ok(self.register_class(&linked))
    }

    fn field_offset(&self, class: u32, name: &str, descriptor: &str) -> Result<u32, VmError> {
        let linked = &self.classes[class as usize].linked;
        linked
            .instance_field(name, descriptor)
            .map(|f| f.offset)
            .ok_or_else(|| VmError::Bootstrap {
                class: linked.name.to_string(),
                error: jfork_resolver::LinkError::new(
                    jfork_resolver::LinkErrorKind::NoSuchFieldError,
                    format!("{name} {descriptor}"),
                ),
            })
    }

    fn bootstrap(&mut self) -> Result<(), VmError> {
        let object = self.boot_class("java/lang/Object")?;
        let string = self.boot_class("java/lang/String")?;
        let class = self.boot_class("java/lang/Class")?;
        let throwable = self.boot_class("java/lang/Throwable")?;
        self.wk = WellKnown {
            object,
            string,
            class,
            string_value: self.field_offset(string, "value", "[B")?,
            string_coder: self.field_offset(string, "coder", "B")?,
            class_vm_class: self.field_offset(class, "vm_class", "J")?,
            class_component: self.field_offset(class, "componentType", "Ljava/lang/Class;")?,
            class_loader: self.field_offset(class, "classLoader", "Ljava/lang/ClassLoader;")?,
            class_module: self.field_offset(class, "module", "Ljava/lang/Module;")?,
            throwable_message: self.field_offset(
                throwable,
                "detailMessage",
                "Ljava/lang/String;",
            )?,
            throwable_cause: self.field_offset(throwable, "cause", "Ljava/lang/Throwable;")?,
            throwable_backtrace: self.field_offset(throwable, "backtrace", "Ljava/lang/Object;")?,
            throwable_depth: self.field_offset(throwable, "depth", "I")?,
        };
        // Made now: there may be no room for them when they are needed.
        for text in ["Java heap space", "Requested array size exceeds VM limit"] {
            self.intern(text).map_err(|_| VmError::Heap {
                size: self.options.heap_max,
                source: std::io::Error::other("no room for the VM's own strings"),
            })?;
        }
        let oom = self.boot_class("java/lang/OutOfMemoryError")?;
        let size = self.classes[oom as usize].linked.instance_size;
        self.oom = self
            .allocate_raw(oom, u64::from(size))
            .map_err(|_| VmError::Heap {
                size: self.options.heap_max,
                source: std::io::Error::other("no room for the OutOfMemoryError"),
            })?;
        Ok(())
    }

    /// The class id of `linked`, registering it (and its supertypes) on first sight.
    pub(crate) fn register_class(&mut self, linked: &Arc<LinkedClass>) -> u32 {
        let key = Arc::as_ptr(linked) as usize;
        if let Some(&id) = self.class_ids.get(&key) {
            return id;
        }
        let super_id = linked.super_class.as_ref().map(|s| self.register_class(s));
        for iface in linked.all_interfaces.iter() {
            self.register_class(iface);
        }
        let element = match &linked.kind {
            ClassKind::Array { component, .. } => {
                let kind = match &component.kind {
                    ClassKind::Primitive(Some(t)) => Kind::of(&t.descriptor_char().to_string()),
                    _ => Kind::Ref,
                };
                Some((kind, self.register_class(component)))
            }
            _ => None,
        };
        let id = self.classes.len() as u32;
        self.class_ids.insert(key, id);
        self.classes.push(RtClass {
            linked: Arc::clone(linked),
            super_id,
            state: if linked.decl.is_some() {
                InitState::Linked
            } else {
                InitState::Initialized
            },
            statics: vec![0; linked.static_slots as usize].into_boxed_slice(),
            mirror: 0,
            vtable: Box::new([]),
            itables: Box::new([]),
            element,
        });
        for m in linked.methods.iter() {
            let ret = m
                .descriptor
                .rfind(')')
                .and_then(|i| m.descriptor.as_bytes().get(i + 1))
                .copied()
                .unwrap_or(b'V');
            self.method_ids
                .insert(Arc::as_ptr(m) as usize, self.methods.len() as u32);
            self.methods.push(RtMethod {
                method: Arc::clone(m),
                class: id,
                args: m.arg_slots,
                ret,
                code: None,
                ops: std::ptr::null_mut(),
                max_locals: 0,
                max_stack: 0,
                fast: false,
                native: None,
            });
        }
        let vtable: Box<[u32]> = linked.vtable.iter().map(|s| self.selected_id(s)).collect();
        let itables: Box<[(u32, Box<[u32]>)]> = linked
            .itable
            .iter()
            .map(|e| {
                let iface = self.register_class(&e.interface);
                (
                    iface,
                    e.methods.iter().map(|s| self.selected_id(s)).collect(),
                )
            })
            .collect();
        let rt = &mut self.classes[id as usize];
        rt.vtable = vtable;
        rt.itables = itables;
        id
    }

    fn selected_id(&mut self, selected: &Selected) -> u32 {
        match selected {
            Selected::Method(m) if !m.is_abstract() => self.method_id(m),
            _ => NO_METHOD,
        }
    }

    /// The method id of `method`, registering its class on first sight.
    pub(crate) fn method_id(&mut self, method: &Arc<Method>) -> u32 {
        let key = Arc::as_ptr(method) as usize;
        if let Some(&id) = self.method_ids.get(&key) {
            return id;
        }
        if let Some(class) = method.class() {
            self.register_class(&class);
        }
        self.method_ids.get(&key).copied().unwrap_or(NO_METHOD)
    }

    /// The class id of an object (its header's first word).
    #[inline(always)]
    pub(crate) fn class_of(&self, object: u64) -> u32 {
        crate::heap::get_u64(object) as u32
    }

    /// Loads and registers class `name` as the app loader sees it.
    pub(crate) fn load(&mut self, loader: LoaderId, name: &str) -> Result<u32, Thrown> {
        if let Some(&id) = self.loaded.get(&loader).and_then(|m| m.get(name)) {
            return Ok(id);
        }
        match self.linker.load_class(loader, name) {
            Ok(c) => {
                let id = self.register_class(&c);
                self.loaded
                    .entry(loader)
                    .or_default()
                    .insert(name.into(), id);
                Ok(id)
            }
            Err(e) => Err(self.throw_link_error(&e)),
        }
    }

    /// Decodes the code of method `mid` if not done yet.
    pub(crate) fn ensure_code(&mut self, mid: u32) -> Result<(), Thrown> {
        let m = &self.methods[mid as usize];
        if m.code.is_some() || !m.method.has_code {
            return Ok(());
        }
        let class = &self.classes[m.class as usize].linked;
        let decoded = match (class.code(&m.method), class.class_file()) {
            (Some(code), Some(file)) => {
                MethodCode::decode(code, file.constant_pool(), &format!("{:?}", m.method))
                    .map_err(|e| e.to_string())
            }
            _ => Err(format!("{:?} has no code", m.method)),
        };
        match decoded {
            Ok(code) => {
                let mut code = Box::new(code);
                let m = &mut self.methods[mid as usize];
                m.ops = code.ops.as_mut_ptr();
                m.max_locals = code.max_locals.max(m.args);
                m.max_stack = code.max_stack;
                m.fast = !m.method.is_native()
                    && m.method.access & jfork_resolver::access::ACC_SYNCHRONIZED == 0;
                m.code = Some(code);
                Ok(())
            }
            Err(message) => Err(self.throw_new("java/lang/VerifyError", Some(message))),
        }
    }

    /// Pre-decodes the code of every method of every class registered so far (the master
    /// does this before fork so children share the result).
    pub fn predecode_all(&mut self) -> usize {
        let mut n = 0;
        for mid in 0..self.methods.len() as u32 {
            if self.methods[mid as usize].code.is_none() && self.ensure_code(mid).is_ok() {
                n += 1;
            }
        }
        n
    }

    /// Links every class of `list` and its supertypes into this VM's own linker, on all
    /// cores, and registers them (runtime class and method tables), so that children find
    /// them ready. Call it after [`Vm::boot`]: the module system then says which loader
    /// defines each module's classes, as it would when the classes are first asked for.
    /// Only loads and links (invisible to Java code); no class is initialized. Returns only
    /// after every helper thread has exited.
    pub fn preload(
        &mut self,
        list: &jfork_preloader::PreloadList,
    ) -> jfork_preloader::PreloadReport {
        let report = {
            let class_path = jfork_preloader::PreloadSource::class_path(self.linker.source());
            jfork_preloader::Preloader::new(class_path).run_with_link(
                list,
                Some(&self.linker),
                &|_, _| {},
            )
        };
        for class in self.linker.table().classes() {
            self.register_class(&class);
        }
        report
    }

    /// Runs, in the master, the JDK code that every child runs before and around `main`,
    /// so that its classes are initialized and its methods decoded, resolved and quickened
    /// once, in pages the children share, instead of in each child (writing into master
    /// pages): the launcher's `LauncherHelper.checkAndLoadMain` for up to `max_mains`
    /// application classes that declare `main` (it loads the class without initializing
    /// it, and checks `main` through reflection), and `PrintStream.println(String)` on a
    /// stream like `System.out` over `OutputStream.nullOutputStream()`. Invisible to
    /// programs: no application class is initialized, and a child's own `checkAndLoadMain`
    /// sets the launcher's state again. Returns the main classes warmed; failures are left
    /// for the child to meet (and report) on its own.
    pub fn warm_up(&mut self, max_mains: usize) -> Vec<String> {
        let mains: Vec<String> = self
            .linker
            .table()
            .classes()
            .iter()
            .filter(|c| {
                c.loader == LoaderId::APP
                    && c.declared_method("main", "([Ljava/lang/String;)V")
                        .is_some_and(|m| m.is_static())
            })
            .map(|c| c.name.replace('/', "."))
            .take(max_mains)
            .collect();
        let warmed: Vec<String> = mains
            .into_iter()
            .filter(|name| self.warm_main(name))
            .collect();
        self.warm_println();
        warmed
    }

    /// The launcher's `LauncherHelper.checkAndLoadMain` for the class `main` (binary name),
    /// as [`warm_up`](Self::warm_up) runs it; whether it succeeded. Call it only for a class
    /// `warm_up` warmed: it loads no class the master does not hold.
    pub fn warm_main(&mut self, main: &str) -> bool {
        self.create_string(main)
            .and_then(|what| {
                // LauncherHelper.LM_CLASS = 1; printToStderr = true.
                self.call_static(
                    "sun/launcher/LauncherHelper",
                    "checkAndLoadMain",
                    "(ZILjava/lang/String;)Ljava/lang/Class;",
                    &[1, 1, what],
                )
            })
            .is_ok()
    }

    /// `new PrintStream(new BufferedOutputStream(OutputStream.nullOutputStream(), 128),
    /// true).println(text)`, as `System.out` is built (`System.newPrintStream`); the text
    /// is not empty, so that the encoder's loop runs too. Whether it succeeded.
    pub fn warm_println(&mut self) -> bool {
        self.try_warm_println().is_ok()
    }

    fn try_warm_println(&mut self) -> Result<(), Thrown> {
        let sink = self.call_static(
            "java/io/OutputStream",
            "nullOutputStream",
            "()Ljava/io/OutputStream;",
            &[],
        )?;
        let buffered = self.init_class("java/io/BufferedOutputStream")?;
        let buffered = self.new_object(buffered, "(Ljava/io/OutputStream;I)V", &[sink, 128])?;
        let stream = self.init_class("java/io/PrintStream")?;
        let stream = self.new_object(stream, "(Ljava/io/OutputStream;Z)V", &[buffered, 1])?;
        let text = self.create_string("jfork warm-up")?;
        self.call_virtual(stream, "println", "(Ljava/lang/String;)V", &[text])?;
        Ok(())
    }

    /// Call in the master just before `fork`: later allocations start on a fresh 2 MiB
    /// region, so a child never copies a master page merely to allocate.
    ///
    /// That first child region is advised for small pages (the rest of the heap keeps huge
    /// pages): a child's first allocation would otherwise fault in, and zero, a whole 2 MiB
    /// huge page, measured as a third of a Hello child's CPU time and most of its private
    /// memory. Children that allocate more than the region get huge pages past it.
    pub fn prepare_fork(&mut self) {
        self.heap.start_new_region();
        let start = self.heap.top();
        if self.child_region != start {
            self.child_region = start;
            let end = (start + CHILD_SMALL_PAGES).min(self.heap.base() + self.heap.limit());
            if end > start {
                // SAFETY: `start..end` lies inside the heap's mapping, above every object
                // the master allocated; the advice only changes the page size of later
                // faults there.
                unsafe {
                    libc::madvise(
                        start as *mut libc::c_void,
                        (end - start) as usize,
                        libc::MADV_NOHUGEPAGE,
                    );
                }
            }
        }
    }

    /// Bytes of Java heap in use.
    pub fn heap_used(&self) -> u64 {
        self.heap.used()
    }

    /// Opcode execution counts, indexed by opcode (with the `coverage` feature).
    #[cfg(feature = "coverage")]
    pub fn opcode_counts(&self) -> &[u64; 256] {
        &self.coverage
    }
}

/// With the `coverage` feature, a VM appends its opcode counts to the file named by
/// `JFORK_OPCODE_COVERAGE` when dropped (one `opcode count` line each), so a whole test run
/// can be summed (`examples/opcode_coverage.rs`).
#[cfg(feature = "coverage")]
impl Drop for Vm {
    fn drop(&mut self) {
        use std::io::Write;
        let Some(path) = std::env::var_os("JFORK_OPCODE_COVERAGE") else {
            return;
        };
        let mut text = String::new();
        for (opcode, n) in self.coverage.iter().enumerate() {
            if *n > 0 {
                text.push_str(&format!("{opcode} {n}\n"));
            }
        }
        if let Ok(mut file) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
        {
            // One write per VM keeps concurrent test threads' lines whole.
            let _ = file.write_all(text.as_bytes());
        }
    }
}
