//! The `jfork` binary: see the library crate (`cli/src/lib.rs`) for what each command does.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    jfork::main_with_args(&args)
}
