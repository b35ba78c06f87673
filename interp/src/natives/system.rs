//! Natives of the VM's own services: `System`, `Runtime`, `Shutdown`, `Signal`, `CDS`,
//! `jdk.internal.misc.VM`, `String.intern`, `AccessController`, `java.lang.ref.Reference`.

use super::{NativeFn, arg, arg_int, int};
use crate::vm::{Thrown, Vm};

pub(crate) fn register(vm: &mut Vm) {
    native_libraries(vm);
    let nop: NativeFn = |_, _| Ok(0);
    for class in [
        "java/lang/ClassLoader",
        "jdk/internal/misc/ScopedMemoryAccess",
        "java/lang/invoke/MethodHandleNatives",
        "jdk/internal/misc/Signal",
    ] {
        vm.register_native(class, "registerNatives", "()V", nop);
    }
    const S: &str = "java/lang/System";
    for (name, field, desc) in [
        ("setIn0", "in", "(Ljava/io/InputStream;)V"),
        ("setOut0", "out", "(Ljava/io/PrintStream;)V"),
        ("setErr0", "err", "(Ljava/io/PrintStream;)V"),
    ] {
        let f: NativeFn = match field {
            "in" => |vm, a| set_system_stream(vm, "in", arg(a, 0)),
            "out" => |vm, a| set_system_stream(vm, "out", arg(a, 0)),
            _ => |vm, a| set_system_stream(vm, "err", arg(a, 0)),
        };
        vm.register_native(S, name, desc, f);
    }
    vm.register_native(S, "nanoTime", "()J", |_, _| {
        Ok(clock(libc::CLOCK_MONOTONIC) as u64)
    });
    vm.register_native(S, "currentTimeMillis", "()J", |_, _| {
        Ok((clock(libc::CLOCK_REALTIME) / 1_000_000) as u64)
    });
    vm.register_native(
        S,
        "mapLibraryName",
        "(Ljava/lang/String;)Ljava/lang/String;",
        |vm, a| {
            let name = vm.string_arg(arg(a, 0))?;
            vm.create_string(&format!("lib{name}.so"))
        },
    );
    const R: &str = "java/lang/Runtime";
    vm.register_native(R, "availableProcessors", "()I", |_, _| {
        Ok(int(available_processors()))
    });
    vm.register_native(R, "maxMemory", "()J", |vm, _| Ok(vm.max_memory()));
    vm.register_native(R, "totalMemory", "()J", |vm, _| Ok(vm.total_memory()));
    vm.register_native(R, "freeMemory", "()J", |vm, _| Ok(vm.free_memory()));
    vm.register_native(R, "gc", "()V", |vm, _| {
        vm.collect_garbage();
        Ok(0)
    });
    vm.register_native("java/lang/Shutdown", "beforeHalt", "()V", nop);
    vm.register_native("java/lang/Shutdown", "halt0", "(I)V", |vm, a| {
        // Runtime.halt: end the process now, as HotSpot's vm_exit does.
        vm.run_exit_hook();
        crate::boot::exit_process(arg_int(a, 0))
    });
    const SIG: &str = "jdk/internal/misc/Signal";
    vm.register_native(SIG, "findSignal0", "(Ljava/lang/String;)I", |vm, a| {
        let name = vm.string_arg(arg(a, 0))?;
        Ok(int(signal_number(&name).unwrap_or(-1)))
    });
    vm.register_native(SIG, "handle0", "(IJ)J", |vm, a| {
        Ok(vm.set_signal_handler(arg_int(a, 0), arg(a, 1) as i64) as u64)
    });
    vm.register_native(SIG, "raise0", "(I)V", |_, a| {
        // SAFETY: raise has no memory effects.
        unsafe { libc::raise(arg_int(a, 0)) };
        Ok(0)
    });
    const CDS: &str = "jdk/internal/misc/CDS";
    for name in [
        "isDumpingClassList0",
        "isDumpingArchive0",
        "isSharingEnabled0",
    ] {
        vm.register_native(CDS, name, "()Z", |_, _| Ok(0));
    }
    vm.register_native(CDS, "getRandomSeedForDumping", "()J", |_, _| Ok(0));
    vm.register_native(CDS, "initializeFromArchive", "(Ljava/lang/Class;)V", nop);
    vm.register_native(
        CDS,
        "defineArchivedModules",
        "(Ljava/lang/ClassLoader;Ljava/lang/ClassLoader;)V",
        nop,
    );
    vm.register_native(CDS, "logLambdaFormInvoker", "(Ljava/lang/String;)V", nop);
    const VM: &str = "jdk/internal/misc/VM";
    vm.register_native(VM, "initialize", "()V", nop);
    // SAFETY (all four): the id getters have no memory effects.
    vm.register_native(VM, "getuid", "()J", |_, _| {
        Ok(u64::from(unsafe { libc::getuid() }))
    });
    vm.register_native(VM, "geteuid", "()J", |_, _| {
        Ok(u64::from(unsafe { libc::geteuid() }))
    });
    vm.register_native(VM, "getgid", "()J", |_, _| {
        Ok(u64::from(unsafe { libc::getgid() }))
    });
    vm.register_native(VM, "getegid", "()J", |_, _| {
        Ok(u64::from(unsafe { libc::getegid() }))
    });
    vm.register_native(VM, "getNanoTimeAdjustment", "(J)J", |_, a| {
        // Nanoseconds since (epoch + offset seconds); -1 when it does not fit (JDK rule).
        let offset = arg(a, 0) as i64;
        let now = clock(libc::CLOCK_REALTIME);
        let seconds = now / 1_000_000_000 - offset;
        if seconds.unsigned_abs() > (1u64 << 32) {
            return Ok(-1i64 as u64);
        }
        Ok((seconds * 1_000_000_000 + now % 1_000_000_000) as u64)
    });
    vm.register_native(
        VM,
        "getRuntimeArguments",
        "()[Ljava/lang/String;",
        |vm, _| {
            let args = vm.runtime_arguments();
            vm.new_string_array(&args)
        },
    );
    vm.register_native(
        VM,
        "latestUserDefinedLoader0",
        "()Ljava/lang/ClassLoader;",
        |vm, _| {
            // HotSpot's JVM_LatestUserDefinedLoader: the loader of the innermost frame whose
            // class is neither the boot loader's nor the platform loader's (reflection
            // frames skipped), i.e. the application loader for application code.
            let classes: Vec<u32> = vm
                .thread
                .frames
                .iter()
                .rev()
                .map(|f| vm.methods[f.method as usize].class)
                .collect();
            for cid in classes {
                let linked = &vm.classes[cid as usize].linked;
                if linked.name.starts_with("jdk/internal/reflect/") {
                    continue;
                }
                let loader = linked.loader;
                if loader != jfork_resolver::LoaderId::BOOTSTRAP
                    && loader != jfork_resolver::LoaderId::PLATFORM
                {
                    return Ok(vm.loader_object(loader));
                }
            }
            Ok(0)
        },
    );
    vm.register_native("java/io/ObjectStreamClass", "initNative", "()V", nop);
    vm.register_native(
        "java/io/ObjectStreamClass",
        "hasStaticInitializer",
        "(Ljava/lang/Class;)Z",
        |vm, a| {
            let c = vm.class_arg(arg(a, 0))?;
            let linked = &vm.classes[c as usize].linked;
            Ok(u64::from(
                linked.declared_method("<clinit>", "()V").is_some(),
            ))
        },
    );
    vm.register_native(
        "java/lang/String",
        "intern",
        "()Ljava/lang/String;",
        |vm, a| vm.intern_object(arg(a, 0)),
    );
    const AC: &str = "java/security/AccessController";
    vm.register_native(
        AC,
        "getStackAccessControlContext",
        "()Ljava/security/AccessControlContext;",
        |_, _| Ok(0),
    );
    vm.register_native(
        AC,
        "getInheritedAccessControlContext",
        "()Ljava/security/AccessControlContext;",
        |vm, _| {
            let t = vm.current_thread_object();
            let off = vm.field_offset_of(
                "java/lang/Thread",
                "inheritedAccessControlContext",
                "Ljava/security/AccessControlContext;",
            )?;
            Ok(vm.get_ref(t, off))
        },
    );
    vm.register_native(
        AC,
        "getProtectionDomain",
        "(Ljava/lang/Class;)Ljava/security/ProtectionDomain;",
        |_, _| Ok(0),
    );
    vm.register_native(
        AC,
        "ensureMaterializedForStackWalk",
        "(Ljava/lang/Object;)V",
        nop,
    );
    const REF: &str = "java/lang/ref/Reference";
    // The collector pends cleared references (`crate::gc`) and wakes the Reference
    // Handler, which waits here.
    vm.register_native(
        REF,
        "getAndClearReferencePendingList",
        "()Ljava/lang/ref/Reference;",
        |vm, _| Ok(vm.take_pending_references()),
    );
    vm.register_native(REF, "hasReferencePendingList", "()Z", |vm, _| {
        Ok(u64::from(vm.gc.pending != 0))
    });
    vm.register_native(REF, "waitForReferencePendingList", "()V", |vm, _| {
        vm.wait_for_pending_references()?;
        Ok(0)
    });
    vm.register_native(REF, "refersTo0", "(Ljava/lang/Object;)Z", refers_to);
    vm.register_native(
        "java/lang/ref/PhantomReference",
        "refersTo0",
        "(Ljava/lang/Object;)Z",
        refers_to,
    );
    vm.register_native(REF, "clear0", "()V", |vm, a| {
        let off = vm.field_offset_of(REF, "referent", "Ljava/lang/Object;")?;
        vm.put_ref(arg(a, 0), off, 0);
        Ok(0)
    });
}

/// `jdk.internal.loader.NativeLibraries`: the JDK's own libraries (`libnio`, `libnet`,
/// `libzip`...) are "loaded" without loading anything, since jfork implements their
/// natives itself; any other library cannot be loaded (jfork does not run JNI code).
fn native_libraries(vm: &mut Vm) {
    const NL: &str = "jdk/internal/loader/NativeLibraries";
    vm.register_native(
        NL,
        "findBuiltinLib",
        "(Ljava/lang/String;)Ljava/lang/String;",
        |_, _| Ok(0),
    );
    vm.register_native(
        NL,
        "load",
        "(Ljdk/internal/loader/NativeLibraries$NativeLibraryImpl;Ljava/lang/String;ZZZ)Z",
        |vm, a| {
            let name = vm.string_arg(arg(a, 1))?;
            let home = vm.java_home.join("lib");
            let ours = std::path::Path::new(&name).starts_with(&home);
            if !ours {
                if arg(a, 4) as u32 != 0 {
                    return vm.throw(
                        "java/lang/UnsatisfiedLinkError",
                        format!("jfork cannot load native library {name}: JNI is not supported"),
                    );
                }
                return Ok(0);
            }
            let handle = vm.field_offset_of(
                "jdk/internal/loader/NativeLibraries$NativeLibraryImpl",
                "handle",
                "J",
            )?;
            let jni = vm.field_offset_of(
                "jdk/internal/loader/NativeLibraries$NativeLibraryImpl",
                "jniVersion",
                "I",
            )?;
            vm.put_long(arg(a, 0), handle, 1);
            // JNI_VERSION_1_8, what the JDK's libraries declare.
            vm.put_int(arg(a, 0), jni, 0x0001_0008);
            Ok(1)
        },
    );
    vm.register_native(NL, "unload", "(Ljava/lang/String;ZZJ)V", |_, _| Ok(0));
    vm.register_native(
        NL,
        "findEntry0",
        "(Ljdk/internal/loader/NativeLibraries$NativeLibraryImpl;Ljava/lang/String;)J",
        |_, _| Ok(0),
    );
    // libjimage's one native: the runtime image mapped read-only, as a direct buffer.
    vm.register_native(
        "jdk/internal/jimage/NativeImageBuffer",
        "getNativeMap",
        "(Ljava/lang/String;)Ljava/nio/ByteBuffer;",
        |vm, a| {
            let path = vm.string_arg(arg(a, 0))?;
            let Some((address, len)) = map_file(&path) else {
                return Ok(0);
            };
            let cid = vm.init_class("java/nio/DirectByteBuffer")?;
            let cap = i32::try_from(len).unwrap_or(i32::MAX);
            vm.new_object(cid, "(JI)V", &[address, 0, u64::from(cap as u32)])
        },
    );
    vm.register_native(
        "java/lang/ProcessEnvironment",
        "environ",
        "()[[B",
        |vm, _| {
            // The process's environment in environ order: name, value, name, value...
            use std::os::unix::ffi::OsStrExt;
            let mut arrays = Vec::new();
            for (name, value) in std::env::vars_os() {
                arrays.push(vm.new_byte_array(name.as_bytes())?);
                arrays.push(vm.new_byte_array(value.as_bytes())?);
            }
            vm.new_ref_array("[[B", &arrays)
        },
    );
    // jdk.internal.perf.Perf: counters live in native memory the JDK reads through direct
    // buffers (nothing outside the process reads them: there is no hsperfdata file).
    const PERF: &str = "jdk/internal/perf/Perf";
    vm.register_native(PERF, "registerNatives", "()V", |_, _| Ok(0));
    vm.register_native(
        PERF,
        "createLong",
        "(Ljava/lang/String;IIJ)Ljava/nio/ByteBuffer;",
        |vm, a| {
            let value = arg(a, 4);
            vm.native_buffer(&value.to_ne_bytes(), 8)
        },
    );
    vm.register_native(
        PERF,
        "createByteArray",
        "(Ljava/lang/String;II[BI)Ljava/nio/ByteBuffer;",
        |vm, a| {
            let bytes = if arg(a, 4) != 0 {
                vm.byte_array_bytes(arg(a, 4))
            } else {
                Vec::new()
            };
            let max = arg_int(a, 5).max(bytes.len() as i32).max(1) as usize;
            vm.native_buffer(&bytes, max)
        },
    );
    vm.register_native(PERF, "highResCounter", "()J", |_, _| {
        Ok(clock(libc::CLOCK_MONOTONIC) as u64)
    });
    vm.register_native(PERF, "highResFrequency", "()J", |_, _| Ok(1_000_000_000));
    // Helpful NullPointerException messages are computed when the VM throws the exception
    // (npe.rs); an NPE made by Java code has none.
    vm.register_native(
        "java/lang/NullPointerException",
        "getExtendedNPEMessage",
        "()Ljava/lang/String;",
        |_, _| Ok(0),
    );
    // 8-byte compare-and-set exists on every platform jfork runs on.
    vm.register_native(
        "java/util/concurrent/atomic/AtomicLong",
        "VMSupportsCS8",
        "()Z",
        |_, _| Ok(1),
    );
}

/// Maps file `path` read-only and shared (its pages stay shared with every process mapping
/// it); the mapping lives for the process.
fn map_file(path: &str) -> Option<(u64, usize)> {
    let file = std::fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len() as usize;
    if len == 0 {
        return None;
    }
    use std::os::fd::AsRawFd;
    // SAFETY: a new read-only shared mapping of an open file; it is never unmapped.
    let ptr = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ,
            libc::MAP_SHARED,
            file.as_raw_fd(),
            0,
        )
    };
    if ptr == libc::MAP_FAILED {
        return None;
    }
    Some((ptr as u64, len))
}

fn refers_to(vm: &mut Vm, a: &[u64]) -> Result<u64, Thrown> {
    let off = vm.field_offset_of("java/lang/ref/Reference", "referent", "Ljava/lang/Object;")?;
    Ok(u64::from(vm.get_ref(arg(a, 0), off) == arg(a, 1)))
}

fn set_system_stream(vm: &mut Vm, field: &str, value: u64) -> Result<u64, Thrown> {
    let cid = vm.load(jfork_resolver::LoaderId::BOOTSTRAP, "java/lang/System")?;
    if let Some(at) = vm.static_field_address(cid, field) {
        crate::heap::put_u64(at, value);
    }
    Ok(0)
}

/// Nanoseconds of clock `id`.
pub(crate) fn clock(id: libc::clockid_t) -> i64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec to fill.
    unsafe { libc::clock_gettime(id, &mut ts) };
    ts.tv_sec * 1_000_000_000 + ts.tv_nsec
}

/// CPUs this process may run on (HotSpot's `os::active_processor_count` without
/// container limits).
fn available_processors() -> i32 {
    // SAFETY: a zeroed cpu_set_t is valid; sched_getaffinity fills it.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        if libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) == 0 {
            let n = libc::CPU_COUNT(&set);
            if n > 0 {
                return n;
            }
        }
        libc::sysconf(libc::_SC_NPROCESSORS_ONLN).max(1) as i32
    }
}

/// Linux signal numbers by the names `jdk.internal.misc.Signal` uses.
fn signal_number(name: &str) -> Option<i32> {
    Some(match name {
        "HUP" => libc::SIGHUP,
        "INT" => libc::SIGINT,
        "QUIT" => libc::SIGQUIT,
        "ILL" => libc::SIGILL,
        "TRAP" => libc::SIGTRAP,
        "ABRT" => libc::SIGABRT,
        "BUS" => libc::SIGBUS,
        "FPE" => libc::SIGFPE,
        "KILL" => libc::SIGKILL,
        "USR1" => libc::SIGUSR1,
        "SEGV" => libc::SIGSEGV,
        "USR2" => libc::SIGUSR2,
        "PIPE" => libc::SIGPIPE,
        "ALRM" => libc::SIGALRM,
        "TERM" => libc::SIGTERM,
        "CHLD" => libc::SIGCHLD,
        "CONT" => libc::SIGCONT,
        "STOP" => libc::SIGSTOP,
        "TSTP" => libc::SIGTSTP,
        "TTIN" => libc::SIGTTIN,
        "TTOU" => libc::SIGTTOU,
        "URG" => libc::SIGURG,
        "XCPU" => libc::SIGXCPU,
        "XFSZ" => libc::SIGXFSZ,
        "VTALRM" => libc::SIGVTALRM,
        "PROF" => libc::SIGPROF,
        "WINCH" => libc::SIGWINCH,
        "IO" => libc::SIGIO,
        "PWR" => libc::SIGPWR,
        "SYS" => libc::SIGSYS,
        _ => return None,
    })
}

impl Vm {
    /// A direct `ByteBuffer` over `capacity` bytes of fresh native memory starting with
    /// `initial` (never freed: the JDK keeps its counters for the process's life).
    fn native_buffer(&mut self, initial: &[u8], capacity: usize) -> Result<u64, Thrown> {
        // SAFETY: a fresh zeroed allocation of `capacity` bytes, `initial` copied into it
        // within bounds.
        let address = unsafe {
            let p = libc::calloc(capacity, 1) as *mut u8;
            if p.is_null() {
                return Err(self.throw_new("java/lang/OutOfMemoryError", None));
            }
            std::ptr::copy_nonoverlapping(initial.as_ptr(), p, initial.len().min(capacity));
            p as u64
        };
        let cid = self.init_class("java/nio/DirectByteBuffer")?;
        self.new_object(cid, "(JI)V", &[address, 0, capacity as u64])
    }

    /// `Signal.handle0`: records `handler` for `signal` (2 = dispatch to Java), returning
    /// the previous one (0 = default, 1 = ignored). Signals HotSpot reserves for itself
    /// answer -1, as HotSpot does.
    fn set_signal_handler(&mut self, signal: i32, handler: i64) -> i64 {
        if [
            libc::SIGSEGV,
            libc::SIGBUS,
            libc::SIGFPE,
            libc::SIGILL,
            libc::SIGQUIT,
            libc::SIGKILL,
            libc::SIGSTOP,
        ]
        .contains(&signal)
        {
            return -1;
        }
        // Java-level dispatch of signals (the Terminator's INT/TERM/HUP hooks) needs the
        // signal dispatcher thread; until it exists, the OS default stays in force and the
        // previous handler reported is the default (or "ignored" if the process ignores it).
        let _ = handler;
        let mut old: libc::sigaction = unsafe_zeroed_sigaction();
        // SAFETY: querying (not changing) the current disposition into a valid struct.
        unsafe { libc::sigaction(signal, std::ptr::null(), &mut old) };
        if old.sa_sigaction == libc::SIG_IGN {
            1
        } else {
            0
        }
    }

    /// The JVM's own arguments as `RuntimeMXBean.getInputArguments` lists them.
    fn runtime_arguments(&self) -> Vec<Option<String>> {
        self.options
            .properties
            .iter()
            .map(|(k, v)| Some(format!("-D{k}={v}")))
            .collect()
    }

    /// `String.intern`: the canonical string equal to `string`.
    fn intern_object(&mut self, string: u64) -> Result<u64, Thrown> {
        let text = self.string_arg(string)?;
        if let Some(&s) = self.strings.get(&text) {
            return Ok(s);
        }
        self.strings.insert(text, string);
        Ok(string)
    }
}

fn unsafe_zeroed_sigaction() -> libc::sigaction {
    // SAFETY: sigaction is plain old data; all-zero is a valid value.
    unsafe { std::mem::zeroed() }
}
