//! Boots java.base and runs a class's `main` like `java -cp DIR Main args`.
//! `cargo run -p jfork-interp --example boot_hello -- DIR Main [args]`
fn main() {
    let mut args = std::env::args().skip(1);
    let cp = args.next().unwrap_or_else(|| ".".into());
    let main = args.next().unwrap_or_else(|| "Hello".into());
    let rest: Vec<String> = args.collect();
    let mut vm = match jfork_interp::Vm::new(jfork_interp::VmOptions {
        class_path: cp,
        ..Default::default()
    }) {
        Ok(vm) => vm,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    if let Err(t) = vm.boot() {
        eprintln!("boot failed: {t}\n{:#?}", t);
        std::process::exit(3);
    }
    std::process::exit(vm.run_main(&jfork_interp::MainSpec::Class(main), &rest));
}
