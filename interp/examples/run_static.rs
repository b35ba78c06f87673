//! Runs one static `(I)` method of a class on the class path and prints its result and time.
//!
//! ```text
//! cargo run --release -p jfork-interp --example run_static -- CLASSPATH CLASS METHOD DESC N
//! ```

use std::time::Instant;

use jfork_interp::{Value, Vm, VmOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [cp, class, method, desc, n] = args.as_slice() else {
        return Err("usage: run_static CLASSPATH CLASS METHOD DESC N".into());
    };
    let mut vm = Vm::new(VmOptions {
        class_path: cp.clone(),
        heap_max: 4 << 30,
        ..VmOptions::default()
    })?;
    let start = Instant::now();
    let r = vm.invoke_static(class, method, desc, &[Value::Int(n.parse()?)]);
    println!("{r:?} in {:.1} ms", start.elapsed().as_secs_f64() * 1e3);
    Ok(())
}
