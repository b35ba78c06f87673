//! A small program the integration tests run under limits. Each command pushes one limit:
//!
//! - `ok`: print `ok`, exit 0.
//! - `alloc MIB [CODE]`: allocate and touch MIB MiB; exit CODE if an allocation fails.
//! - `spin`: burn CPU forever.
//! - `sleep MS`: sleep.
//! - `fork N [CODE]`: fork N children that sleep; exit CODE if a fork fails.
//! - `open N [CODE]`: open `/dev/null` N times; exit CODE if an open fails.
//! - `write BYTES PATH`: write BYTES bytes to PATH.
//! - `ids`: print uid, gid, groups, nice and no_new_privs.

use std::io::Write;
use std::time::Duration;

fn arg(args: &[String], i: usize, default: i64) -> i64 {
    args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = |d: i32| arg(&args, 2, i64::from(d)) as i32;
    match args.first().map(String::as_str) {
        Some("ok") => println!("ok"),
        Some("alloc") => {
            let mut chunks: Vec<Vec<u8>> = Vec::new();
            for _ in 0..arg(&args, 1, 0) {
                let mut v: Vec<u8> = Vec::new();
                if v.try_reserve_exact(1 << 20).is_err() {
                    std::process::exit(code(jfork_resctl::EXIT_MEMORY_LIMIT));
                }
                v.resize(1 << 20, 1);
                chunks.push(v);
            }
            println!("allocated {} MiB", chunks.len());
        }
        Some("spin") => {
            let mut x: u64 = 0;
            loop {
                x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
            }
        }
        Some("sleep") => std::thread::sleep(Duration::from_millis(arg(&args, 1, 0) as u64)),
        Some("fork") => {
            for _ in 0..arg(&args, 1, 0) {
                // SAFETY: single-threaded program; the child only sleeps and _exits.
                match unsafe { libc::fork() } {
                    -1 => std::process::exit(code(jfork_resctl::EXIT_PROCESS_LIMIT)),
                    0 => unsafe {
                        libc::sleep(30);
                        libc::_exit(0)
                    },
                    _ => {}
                }
            }
        }
        Some("open") => {
            let mut files = Vec::new();
            for _ in 0..arg(&args, 1, 0) {
                match std::fs::File::open("/dev/null") {
                    Ok(f) => files.push(f),
                    Err(_) => std::process::exit(code(jfork_resctl::EXIT_OPEN_FILES_LIMIT)),
                }
            }
        }
        Some("write") => {
            let path = args.get(2).cloned().unwrap_or_default();
            let mut f = match std::fs::File::create(&path) {
                Ok(f) => f,
                Err(e) => {
                    eprintln!("{path}: {e}");
                    std::process::exit(2)
                }
            };
            let block = vec![7u8; 64 * 1024];
            let mut left = arg(&args, 1, 0) as usize;
            while left > 0 {
                let n = left.min(block.len());
                if let Err(e) = f.write_all(&block[..n]) {
                    eprintln!("{path}: {e}");
                    std::process::exit(3)
                }
                left -= n;
            }
        }
        Some("ids") => {
            let mut groups = [0 as libc::gid_t; 64];
            // SAFETY: plain queries of the calling process.
            let (uid, gid, n, nice, nnp) = unsafe {
                *libc::__errno_location() = 0;
                (
                    libc::getuid(),
                    libc::getgid(),
                    libc::getgroups(64, groups.as_mut_ptr()),
                    libc::getpriority(libc::PRIO_PROCESS, 0),
                    libc::prctl(libc::PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0),
                )
            };
            let groups: Vec<String> = groups[..n.max(0) as usize]
                .iter()
                .map(|g| g.to_string())
                .collect();
            println!(
                "uid={uid} gid={gid} groups={} nice={nice} nnp={nnp}",
                groups.join(":")
            );
        }
        _ => {
            eprintln!("usage: resctl-exerciser ok|alloc|spin|sleep|fork|open|write|ids ...");
            std::process::exit(2)
        }
    }
}
