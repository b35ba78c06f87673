//! The `jfork` binary: see the library crate (`cli/src/lib.rs`) for what each command does.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if matches!(
        args.first().map(String::as_str),
        Some("exec" | "master" | "classlist")
    ) {
        jfork::ensure_java_stack();
    }
    jfork::main_with_args(&args)
}
