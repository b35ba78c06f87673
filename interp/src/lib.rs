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
//! See the module docs for the design: [`heap`] (mapping, bump allocation, limit).

mod code;
mod exception;
pub mod heap;
mod init;
mod interp;
mod natives;
mod npe;
mod object;
mod runtime;
mod source;
mod value;
mod vm;

pub use code::DecodeError;
pub use heap::DEFAULT_HEAP_MAX;
pub use source::ClassPathSource;
pub use value::{JavaThrowable, Value, VmError};
pub use vm::{Vm, VmOptions};
