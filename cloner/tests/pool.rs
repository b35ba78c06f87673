//! The pre-forked pool: hand-off of bytes and fds, refill after the delay, fd hygiene of
//! pool children, shutdown without zombies.
#![allow(clippy::unwrap_used)]

mod common;

use std::os::fd::AsFd;
use std::time::{Duration, Instant};

use common::{fd_list, open_fds, pipe, raw, read_all, write_raw};
use jfork_cloner::{ExitStatus, Pool, PoolConfig, PoolError, PoolRequest};

fn main() {
    common::run(&[
        ("hand_off_and_refill", hand_off_and_refill),
        ("off_by_default", off_by_default),
        ("dead_pool_child_is_skipped", dead_pool_child_is_skipped),
        ("drop_reaps_waiting_children", drop_reaps_waiting_children),
    ]);
}

/// Echoes the payload to the first fd; for `fds`, lists its own open fds instead.
fn task(req: PoolRequest) -> i32 {
    let out = raw(&req.fds[0]);
    if req.payload == b"fds" {
        write_raw(out, fd_list(&open_fds()).as_bytes());
    } else {
        write_raw(out, &req.payload);
    }
    req.payload.len() as i32
}

fn config(size: usize) -> PoolConfig {
    PoolConfig {
        size,
        refill_delay: Duration::from_millis(100),
        ..PoolConfig::default()
    }
}

fn hand_off_and_refill() -> Result<(), String> {
    let mut pool = Pool::new(config(2), task).unwrap();
    let waiting = pool.ready_pids();
    check!(waiting.len() == 2, "ready {waiting:?}");

    let (r, w) = pipe();
    let start = Instant::now();
    let mut child = pool
        .dispatch(b"hello", &[w.as_fd()])
        .unwrap()
        .ok_or("pool empty")?;
    let handoff = start.elapsed();
    check!(
        child.pid() == waiting[0],
        "handed {} not the oldest {}",
        child.pid(),
        waiting[0]
    );
    drop(w);
    check!(read_all(r) == b"hello", "payload not echoed");
    check!(
        child.wait().unwrap().status == ExitStatus::Exited(5),
        "exit code"
    );
    check!(pool.ready() == 1, "ready after hand-off: {}", pool.ready());

    // The remaining child holds nothing of its sibling's: only stdio and the passed fd.
    let (r, w) = pipe();
    let mut child = pool
        .dispatch(b"fds", &[w.as_fd()])
        .unwrap()
        .ok_or("pool empty")?;
    drop(w);
    let fds = String::from_utf8(read_all(r)).unwrap();
    child.wait().unwrap();
    check!(
        fds.split(',').count() == 4 && fds.starts_with("0,1,2,"),
        "pool child fds {fds}"
    );
    check!(pool.ready() == 0, "ready {}", pool.ready());

    // Not refilled before the delay has passed since the last hand-off.
    let due = pool.refill_due().ok_or("no refill scheduled")?;
    check!(
        pool.refill(Instant::now()).unwrap() == 0,
        "refilled too early"
    );
    check!(pool.ready() == 0, "ready {}", pool.ready());
    std::thread::sleep(due.saturating_duration_since(Instant::now()));
    check!(pool.refill(Instant::now()).unwrap() == 2, "refill count");
    check!(
        pool.ready() == 2 && pool.refill_due().is_none(),
        "ready after refill {}",
        pool.ready()
    );
    println!("  hand-off (dispatch) took {handoff:?}");
    Ok(())
}

fn off_by_default() -> Result<(), String> {
    let mut pool = Pool::new(PoolConfig::default(), task).unwrap();
    let (_r, w) = pipe();
    check!(
        pool.dispatch(b"x", &[w.as_fd()]).unwrap().is_none(),
        "an empty pool handed a child"
    );
    let too_big = vec![0u8; PoolConfig::default().max_payload + 1];
    check!(
        matches!(
            pool.dispatch(&too_big, &[]),
            Err(PoolError::PayloadTooLarge { .. })
        ),
        "size cap"
    );
    Ok(())
}

fn dead_pool_child_is_skipped() -> Result<(), String> {
    let mut pool = Pool::new(config(2), task).unwrap();
    let pids = pool.ready_pids();
    unsafe { libc::kill(pids[0], libc::SIGKILL) };
    std::thread::sleep(Duration::from_millis(20));
    let (r, w) = pipe();
    let mut child = pool
        .dispatch(b"hi", &[w.as_fd()])
        .unwrap()
        .ok_or("pool empty")?;
    drop(w);
    check!(
        child.pid() == pids[1],
        "handed {} not {}",
        child.pid(),
        pids[1]
    );
    check!(read_all(r) == b"hi", "payload");
    child.wait().unwrap();
    check!(
        !std::path::Path::new(&format!("/proc/{}", pids[0])).exists(),
        "dead child not reaped"
    );
    Ok(())
}

fn drop_reaps_waiting_children() -> Result<(), String> {
    let pool = Pool::new(config(3), task).unwrap();
    let pids = pool.ready_pids();
    drop(pool);
    for pid in pids {
        check!(
            !std::path::Path::new(&format!("/proc/{pid}")).exists(),
            "pool child {pid} left behind"
        );
    }
    Ok(())
}
