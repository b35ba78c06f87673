//! The collector in a forked child: a booted master fills its heap, ends its master space
//! and forks; the child allocates far more than its budget, with several collections, and
//! stores its own objects into a master array. The child's private dirty memory must stay
//! bounded and the master pages it only read must stay shared.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Read;
use std::os::fd::FromRawFd;

use jfork_interp::{Value, Vm, VmOptions};

const ROUNDS: i32 = 600;

/// `Private_Dirty` of this process, in KiB.
fn private_dirty_kib() -> u64 {
    let text = std::fs::read_to_string("/proc/self/smaps_rollup").unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix("Private_Dirty:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// Pages of `range` this process maps exclusively (written since the fork), and all pages.
fn exclusive_pages(range: std::ops::Range<u64>) -> (u64, u64) {
    use std::io::{Seek, SeekFrom};
    let first = range.start / 4096;
    let count = (range.end - range.start).div_ceil(4096);
    let mut file = std::fs::File::open("/proc/self/pagemap").unwrap();
    file.seek(SeekFrom::Start(first * 8)).unwrap();
    let mut bytes = vec![0u8; count as usize * 8];
    file.read_exact(&mut bytes).unwrap();
    let exclusive = bytes
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
        .filter(|f| f & (1 << 63) != 0 && f & (1 << 56) != 0)
        .count() as u64;
    (exclusive, count)
}

fn long(vm: &mut Vm, name: &str, desc: &str, arg: i32) -> i64 {
    match vm.invoke_static("GcChurn", name, desc, &[Value::Int(arg)]) {
        Ok(Value::Long(v)) => v,
        Ok(Value::Int(v)) => i64::from(v),
        other => panic!("{name}: {other:?}"),
    }
}

/// The child's side: churn, then report `sum expected collections dirty_kib master_written
/// master_pages`.
fn child(vm: &mut Vm) -> String {
    let master = vm.master_space();
    let dirty_before = private_dirty_kib();
    let sum = long(vm, "churn", "(I)J", ROUNDS);
    let expected = long(vm, "expected", "(I)J", ROUNDS);
    let dirty_after = private_dirty_kib();
    let (written, pages) = exclusive_pages(master);
    let stats = vm.gc_stats();
    format!(
        "{sum} {expected} {} {} {written} {pages} {}",
        stats.collections,
        dirty_after.saturating_sub(dirty_before),
        stats.dirty_master_objects
    )
}

#[test]
fn a_forked_child_collects_without_copying_the_master_heap() {
    let mut vm = Vm::new(VmOptions {
        class_path: common::fixtures().display().to_string(),
        heap_max: 256 << 20,
        ..VmOptions::default()
    })
    .unwrap();
    vm.boot().unwrap();
    assert_eq!(long(&mut vm, "fillMaster", "()I", 0), 8192);
    vm.collect_garbage();
    vm.prepare_fork();
    assert!(vm.master_space().end - vm.master_space().start > 1 << 20);

    let mut fds = [0; 2];
    // SAFETY: `fds` is a valid array of two descriptors to fill.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    // SAFETY: the child only runs the VM (owned by this thread) and then `_exit`s; the
    // test harness's other threads hold no lock the child needs (they wait for this test).
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0);
    if pid == 0 {
        let line = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| child(&mut vm)))
            .unwrap_or_else(|_| "panicked".to_owned());
        // SAFETY: writes the report to the pipe and ends the child without running the
        // parent's destructors or the harness.
        unsafe {
            libc::write(fds[1], line.as_ptr().cast(), line.len());
            libc::_exit(0);
        }
    }
    // SAFETY: the write end belongs to the child now; the read end is ours to own.
    unsafe { libc::close(fds[1]) };
    let mut report = String::new();
    // SAFETY: `fds[0]` is an open descriptor nothing else owns.
    unsafe { std::fs::File::from_raw_fd(fds[0]) }
        .read_to_string(&mut report)
        .unwrap();
    let mut status = 0;
    // SAFETY: waits for our own child.
    unsafe { libc::waitpid(pid, &mut status, 0) };
    eprintln!(
        "child: sum expected collections dirty_kib master_written master_pages dirty_master_objects = {report}"
    );
    let fields: Vec<i64> = report
        .split_whitespace()
        .map(|f| {
            f.parse()
                .unwrap_or_else(|_| panic!("child report {report:?}"))
        })
        .collect();
    let [sum, expected, collections, dirty_kib, written, pages, _] = fields[..] else {
        panic!("child report {report:?}");
    };
    assert_eq!(
        sum, expected,
        "objects the child stored in a master array survived"
    );
    // About 160 MiB allocated against a budget of 8 to 16 MiB.
    assert!(collections >= 4, "{collections} collections");
    assert!(dirty_kib < 64 << 10, "child dirtied {dirty_kib} KiB");
    assert!(
        written * 20 < pages,
        "{written} of {pages} master heap pages copied"
    );
}
