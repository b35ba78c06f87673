//! Runs the interpreter's test suite with opcode counting on and prints which JVMS opcodes
//! it executed and which it did not.
//!
//! ```text
//! cargo run -p jfork-interp --example opcode_coverage
//! ```

use std::collections::BTreeMap;
use std::process::Command;

/// Opcodes no fixture can execute, with why.
const EXCLUDED: &[(u8, &str)] = &[(0xba, "invokedynamic: its own issue")];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::temp_dir().join(format!("jfork-opcodes-{}.txt", std::process::id()));
    let _ = std::fs::remove_file(&out);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "test",
            "-p",
            "jfork-interp",
            "--features",
            "coverage",
            "--tests",
            "-q",
        ])
        .env("JFORK_OPCODE_COVERAGE", &out)
        .status()?;
    if !status.success() {
        return Err("the test suite failed".into());
    }
    let mut counts: BTreeMap<u8, u64> = BTreeMap::new();
    for line in std::fs::read_to_string(&out)?.lines() {
        let mut parts = line.split(' ');
        if let (Some(op), Some(n)) = (parts.next(), parts.next()) {
            *counts.entry(op.parse()?).or_default() += n.parse::<u64>()?;
        }
    }
    let _ = std::fs::remove_file(&out);
    let mut missing = Vec::new();
    let mut executed = 0;
    for opcode in 0..=255u8 {
        let Some(name) = jfork_classfile::mnemonic_of(opcode) else {
            continue;
        };
        if opcode == 0xc4 {
            // `wide` is decoded into the op it modifies; the fixtures use it (Arith.wide).
            continue;
        }
        match counts.get(&opcode) {
            Some(n) => {
                executed += 1;
                println!("{opcode:#04x} {name:<16} {n}");
            }
            None => missing.push((opcode, name)),
        }
    }
    println!("\nexecuted {executed} opcodes; not executed:");
    for (opcode, name) in &missing {
        let why = EXCLUDED
            .iter()
            .find(|(o, _)| o == opcode)
            .map_or("NOT COVERED", |(_, w)| w);
        println!("{opcode:#04x} {name:<16} {why}");
    }
    let uncovered = missing
        .iter()
        .filter(|(o, _)| !EXCLUDED.iter().any(|(e, _)| e == o))
        .count();
    if uncovered > 0 {
        return Err(format!("{uncovered} opcodes are not covered").into());
    }
    Ok(())
}
