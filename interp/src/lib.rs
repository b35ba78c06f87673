//! The jfork runtime system: heap, object model, interpreter and class initialization.
//!
//! ```no_run
//! use jfork_interp::{Value, Vm, VmOptions};
//!
//! let mut vm = Vm::new(VmOptions { class_path: "classes".into(), ..VmOptions::default() })?;
//! let r = vm.invoke_static("Fib", "fib", "(I)I", &[Value::Int(20)]);
//! assert_eq!(r, Ok(Value::Int(6765)));
//! # Ok::<(), jfork_interp::VmError>(())
//! ```
//!
//! # Design (the team lead's decisions, as built)
//! - **One OS thread.** [`Vm`] owns everything (linker, classes, methods, heap, the Java
//!   threads, natives) and is neither `Sync` nor `Send`; nothing here assumes a second OS
//!   thread.
//! - **Frames in VM structures.** A Java thread is a fixed slot stack (`Box<[u64]>`,
//!   [`VmOptions::stack_slots`]) holding every frame's locals and operand stack contiguously,
//!   plus a frame list (method, op index, locals base). A call's arguments on the caller's
//!   operand stack become the callee's first locals (no copy). Java-to-Java calls push a
//!   frame and stay in the same dispatch loop; Rust-to-Java calls (`invoke_static`,
//!   `<clinit>` from an instruction, exception constructors, natives calling back) run a
//!   nested loop that ends when its entry frame returns, capped by
//!   [`VmOptions::max_nesting`]. Running out of slots, frames or nesting throws
//!   `StackOverflowError`; the Rust stack never overflows.
//! - **Untagged slots.** Values are raw 64-bit slots with JVMS numbering: `long`/`double`
//!   take two slots in locals and on the operand stack (value in the first), so `dup2` and
//!   friends work on raw slots. A GC will find references with per-(method, pc) maps from
//!   the bytecode (the resolver computes class maps; frames carry no tags).
//! - **Heap** ([`heap`]): one anonymous `MAP_NORESERVE` mapping of [`VmOptions::heap_max`]
//!   (default [`DEFAULT_HEAP_MAX`], 512 MiB), `MADV_HUGEPAGE`, free lists the collector's
//!   sweep fills, then bump allocation, `OutOfMemoryError: Java heap space` when a
//!   collection cannot make room (the error and its message are preallocated). References are addresses (`u64`, 0 = null); Rust code
//!   holds addresses and uses accessor functions, never a Rust reference into the heap.
//!   [`Vm::prepare_fork`] starts a new 2 MiB region so a child's allocations never write a
//!   page the master filled (DESIGN.md decision 2).
//! - **Object model.** Header = 16 bytes as the resolver lays out: word 0 holds the class id
//!   (low 32 bits) and, for `boolean[]`, a flag bit so `bastore` can mask without a lookup;
//!   word 1 (mark word) stays zero. Identity hash codes and monitor counts live in side tables
//!   keyed by address, so locking or hashing never writes the object (decision 2). Fields
//!   sit at the resolver's offsets; statics in a per-class slot array owned by the VM.
//!   Strings are JDK 17 compact strings (`byte[] value` + `coder`, UTF-16 in native order);
//!   literals are interned; `Class` mirrors are created on demand for classes, array classes
//!   and primitives, with the class id in the injected `vm_class` field.
//! - **Runtime classes.** The resolver's `LinkedClass` stays read-only; the VM keeps per-class
//!   state (JVMS 5.5 init state, statics, mirror, vtable/itable as method ids) in its own
//!   table indexed by class id, and per-method state (decoded code, native) by method id.
//! - **Pre-decoded code** (`code.rs`): each method's bytecode is decoded once (lazily on first
//!   call, or eagerly with [`Vm::predecode_all`] in the master) into a compact array of ops
//!   with operands pre-split (branch targets as op indices, long/double forms separated,
//!   one op per array element type). Ops naming a constant pool entry are quickened in place
//!   on first execution (field offset or static address, vtable/itable index, method id,
//!   class id, interned string); afterwards field access and invocation do no lookup, no
//!   hashing and no allocation. While a class is still being initialized by this thread, its
//!   static/new/invokestatic ops get an `...Init` form that re-checks the class (JVMS 5.5).
//!   A few non-throwing sequences are fused (two loads; two loads + compare-branch) at the
//!   first op's index, leaving the originals in place, so op/pc maps and exception ranges are
//!   unchanged. The code lives in the VM, not in `Method::predecoded`, because quickened ops
//!   hold VM-specific ids and addresses.
//! - **Invocation**: `invokestatic`/`invokespecial` (resolver's `select_special`) become
//!   direct calls; `invokevirtual` dispatches through the receiver's vtable of method ids;
//!   `invokeinterface` through its itable (the resolver's JVMS 5.4.6 selection; abstract and
//!   conflicting entries raise the resolver's errors). Natives come from a registry keyed by
//!   `class.name descriptor`, looked up once per method; a missing one throws
//!   `UnsatisfiedLinkError: 'int Foo.bar(int)'`.
//! - **Exceptions.** Implicit exceptions are real instances of the JDK classes, built by
//!   initializing the class and running its `(String)` or `()` constructor (so
//!   `Throwable.fillInStackTrace` runs; its native records `method id << 32 | pc` pairs in a
//!   `long[]` in `backtrace` and sets `depth`). Only where Java cannot run
//!   (`StackOverflowError`, `OutOfMemoryError`, a failure while building an exception) the
//!   object is made directly: `detailMessage` set, `cause` = itself, backtrace filled.
//!   Messages are HotSpot 17's, including helpful `NullPointerException` messages (JEP 358)
//!   computed from the pre-decoded code. Handlers are found by op index with catch types
//!   resolved once per handler.
//! - **Class initialization** (JVMS 5.5): superclass, then superinterfaces declaring default
//!   methods, then `ConstantValue` statics, then `<clinit>`; a failure wraps non-`Error`s in
//!   `ExceptionInInitializerError` and later uses get
//!   `NoClassDefFoundError: Could not initialize class X`.
//! - **Safety.** `unsafe` is confined to the heap mapping and accessors (addresses are formed
//!   from live objects plus layout offsets or bounds-checked indices) and to the dispatch
//!   loop's slot and op access (a frame is pushed only when locals + max_stack fit; JVMS 4.9
//!   code stays within max_stack).
//!
//! - **Boot** (`boot.rs`): [`Vm::boot`] boots java.base as HotSpot's `create_vm` does and
//!   [`Vm::run_main`] runs a program as the `java` launcher does (see ARCHITECTURE.md).
//! - **Green threads** (`threads.rs`): stackful coroutines on the one OS thread; switches
//!   where a thread blocks or yields, and at backward branches when its time slice is over.
//! - **invokedynamic and handles** (`indy/`): the JDK's well-known bootstraps natively,
//!   `VarHandle` access modes, `MethodHandle` invocation through the JDK's lambda forms.
//!
//! - **Collector** (`gc/`): non-moving mark-sweep with conservative stack roots and
//!   master-space pages a child only reads left untouched (see `gc/mod.rs`).
//!
//! Not yet (later issues): linking through a user-defined loader's own `loadClass`,
//! Java-level signal handlers (`Terminator`).
//!
//! Tools: `examples/opcode_coverage.rs` (which opcodes the test suite executes, with the
//! `coverage` feature), `examples/bench_cpu.rs` (jfork against `java -Xint`).

mod boot;
mod child;
mod code;
mod exception;
mod gc;
pub mod heap;
mod indy;
mod init;
mod interp;
mod modules;
mod natives;
mod npe;
mod object;
mod runtime;
mod source;
mod threads;
mod value;
mod vm;

pub use boot::{MainSpec, set_main_entry_hook, set_process_exit};
pub use code::DecodeError;
pub use heap::DEFAULT_HEAP_MAX;
pub use value::{JavaThrowable, Value, VmError};
pub use vm::{Vm, VmOptions};
