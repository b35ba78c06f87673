//! Prints a class file the way `javap -p -c -v` does.
//!
//! `cargo run -p jfork-classfile --example inspect -- FILE.class`

fn main() -> std::process::ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: inspect FILE.class");
        return std::process::ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}: {e}", path.to_string_lossy());
            return std::process::ExitCode::from(1);
        }
    };
    match jfork_classfile::ClassFile::parse(&bytes) {
        Ok(class) => {
            print!("{}", jfork_classfile::render(&class));
            if let Err(e) = class.validate() {
                eprintln!("invalid: {e}");
                return std::process::ExitCode::from(1);
            }
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::ExitCode::from(1)
        }
    }
}
