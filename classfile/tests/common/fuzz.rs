//! A small mutation fuzzer over class files, shared by `examples/fuzz.rs` and
//! `tests/fuzz_smoke.rs`: bit flips, byte sets, truncation, splicing and length-field
//! lies, each input run through parse + validate + render under `catch_unwind`.
#![allow(dead_code, clippy::unwrap_used)]

use std::panic::{AssertUnwindSafe, catch_unwind};

/// xorshift64*: deterministic for a seed, no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Values that break length and count fields.
const INTERESTING: [u32; 10] = [
    0,
    1,
    0x7f,
    0x80,
    0xff,
    0x7fff,
    0x8000,
    0xffff,
    0x7fff_ffff,
    0xffff_ffff,
];

/// One mutant of `seed` (another corpus member may be spliced in).
pub fn mutate(rng: &mut Rng, seed: &[u8], other: &[u8]) -> Vec<u8> {
    let mut data = seed.to_vec();
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        if data.is_empty() {
            data.push(0);
        }
        let len = data.len();
        match rng.below(7) {
            0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(len);
                data[i] = rng.next() as u8;
            }
            2 => data.truncate(rng.below(len)),
            3 => {
                // Splice: our head, the other's tail.
                let cut = rng.below(len);
                let from = rng.below(other.len().max(1));
                data.truncate(cut);
                data.extend_from_slice(other.get(from..).unwrap_or_default());
            }
            4 | 5 => {
                // Length or count lie: overwrite a u2 or u4 with an interesting value.
                let v = INTERESTING[rng.below(INTERESTING.len())];
                let i = rng.below(len);
                if rng.below(2) == 0 {
                    for (k, b) in (v as u16).to_be_bytes().iter().enumerate() {
                        if let Some(d) = data.get_mut(i + k) {
                            *d = *b;
                        }
                    }
                } else {
                    for (k, b) in v.to_be_bytes().iter().enumerate() {
                        if let Some(d) = data.get_mut(i + k) {
                            *d = *b;
                        }
                    }
                }
            }
            _ => {
                // Duplicate or drop a small block.
                let i = rng.below(len);
                let n = 1 + rng.below(16.min(len - i));
                if rng.below(2) == 0 {
                    let block = data[i..i + n].to_vec();
                    data.splice(i..i, block);
                } else {
                    data.drain(i..i + n);
                }
            }
        }
    }
    data
}

/// Runs parse + validate + render + instruction and stack map walks; returns `false`
/// if anything panicked.
pub fn survives(data: &[u8]) -> bool {
    catch_unwind(AssertUnwindSafe(|| exercise(data))).is_ok()
}

pub fn exercise(data: &[u8]) {
    let Ok(class) = jfork_classfile::ClassFile::parse(data) else {
        return;
    };
    let _ = class.validate();
    let _ = jfork_classfile::render(&class);
    for m in class.methods() {
        if let Some(code) = &m.code {
            for i in code.instructions() {
                if i.is_err() {
                    break;
                }
            }
            if let Some(t) = &code.stack_map_table {
                for f in t.frames() {
                    if f.is_err() {
                        break;
                    }
                }
            }
        }
    }
}

/// Runs `iterations` mutants (or until `deadline`), saving crashing inputs into `out`.
/// Returns (inputs run, crashes).
pub fn run(
    corpus: &[Vec<u8>],
    seed: u64,
    iterations: u64,
    deadline: Option<std::time::Instant>,
    out: Option<&std::path::Path>,
) -> (u64, Vec<Vec<u8>>) {
    let mut rng = Rng::new(seed);
    let mut crashes = Vec::new();
    let mut n = 0;
    // Silence the default hook's messages while mutants panic.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    while n < iterations && deadline.is_none_or(|d| std::time::Instant::now() < d) {
        let a = &corpus[rng.below(corpus.len())];
        let b = &corpus[rng.below(corpus.len())];
        let input = mutate(&mut rng, a, b);
        if !survives(&input) {
            if let Some(dir) = out {
                std::fs::create_dir_all(dir).unwrap();
                std::fs::write(dir.join(format!("crash-{seed}-{n}.class")), &input).unwrap();
            }
            crashes.push(input);
        }
        n += 1;
    }
    std::panic::set_hook(hook);
    (n, crashes)
}
