//! Helpers shared by the integration tests. They fork for real, so each test binary runs
//! with `harness = false` on its single main thread.
#![allow(clippy::unwrap_used, dead_code)]

use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

/// A test case: `Err` says what went wrong.
pub type Case = fn() -> Result<(), String>;

/// Runs each case, prints a line per case and a summary, exits non-zero on failure.
pub fn run(cases: &[(&str, Case)]) {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let (mut passed, mut failed) = (0, 0);
    for (name, case) in cases {
        if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        match case() {
            Ok(()) => {
                passed += 1;
                println!("test {name} ... ok");
            }
            Err(e) => {
                failed += 1;
                println!("test {name} ... FAILED: {e}");
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed > 0 {
        std::process::exit(1);
    }
}

/// Fails the case with a message unless `cond` holds.
#[macro_export]
macro_rules! check {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

/// A close-on-exec pipe: (read end, write end).
pub fn pipe() -> (OwnedFd, OwnedFd) {
    let mut fds = [0; 2];
    assert_eq!(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) }, 0);
    unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) }
}

/// Reads until end-of-file.
pub fn read_all(fd: OwnedFd) -> Vec<u8> {
    let mut out = Vec::new();
    std::fs::File::from(fd).read_to_end(&mut out).unwrap();
    out
}

/// Writes all of `bytes` to a raw fd (child side: no ownership taken).
pub fn write_raw(fd: RawFd, bytes: &[u8]) {
    let mut done = 0;
    while done < bytes.len() {
        let n = unsafe { libc::write(fd, bytes[done..].as_ptr().cast(), bytes.len() - done) };
        if n <= 0 {
            return;
        }
        done += n as usize;
    }
}

/// The fds open in the calling process, from `/proc/self/fd`, without the listing's own.
pub fn open_fds() -> Vec<RawFd> {
    let dir = std::fs::read_dir("/proc/self/fd").unwrap();
    let mut fds: Vec<RawFd> = dir
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    // The directory's own fd is gone now; keep only fds that still exist.
    fds.retain(|fd| unsafe { libc::fcntl(*fd, libc::F_GETFD) } != -1);
    // In a forked child, the pipe of its exit report is the cloner's own.
    fds.retain(|fd| Some(*fd) != jfork_cloner::exit_report_fd());
    fds.sort_unstable();
    fds
}

/// Formats fds as `0,1,2`.
pub fn fd_list(fds: &[RawFd]) -> String {
    fds.iter()
        .map(|f| f.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// Raw fd of an owner.
pub fn raw(fd: &impl AsRawFd) -> RawFd {
    fd.as_raw_fd()
}
