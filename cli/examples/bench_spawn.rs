//! Spawn latency and throughput of a real master, beside the bare fork floor.
//!
//! ```text
//! cargo run --release -p jfork --example bench_spawn -- [--runs N] [--burst N] [--preload LIST]
//! ```
//!
//! The master runs in a forked copy of this process with the lifecycle tests' script runner
//! (the lifecycle's own cost, without Java), on a socket in a temporary directory. Figures (no pass/fail):
//! - request → runner entered: from the client's `sendmsg` of the RUN frame to the child's
//!   first instruction in the runner (`CLOCK_MONOTONIC`, printed by the `stamp` step). It
//!   includes the socket hop and the master's frame parsing, limit set-up and fork;
//! - round trip: connect, request, child runs `stamp`, exits, EXIT report read;
//! - throughput: sequential round trips per second, and a burst of N requests in flight;
//! - floor: a bare `fork` in this process: fork → child running, and fork + exit + reap.

#![allow(clippy::unwrap_used)]

use std::io::Read;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use jfork::launch::Launch;
use jfork::protocol::{FrameReader, Message, RunRequest, send_with_fds};
use jfork::runner::monotonic_ns;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

fn summary(name: &str, mut us: Vec<f64>) {
    us.sort_by(f64::total_cmp);
    println!(
        "| {name} | {:.1} | {:.1} | {:.1} | {} |",
        percentile(&us, 0.5),
        percentile(&us, 0.99),
        us.first().copied().unwrap_or(f64::NAN),
        us.len()
    );
}

fn pipe() -> (OwnedFd, OwnedFd) {
    let mut fds = [0; 2];
    // SAFETY: pipe2 writes two new fds into the array.
    assert_eq!(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) }, 0);
    // SAFETY: both fds are new and owned by nobody else.
    unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) }
}

fn request(main: &str) -> RunRequest {
    RunRequest {
        launch: Launch::parse(&[main.to_string()]).unwrap(),
        cwd: "/".into(),
        env: vec![],
        limit: None,
    }
}

/// Sends one RUN frame with stdout on `out`; returns the send time.
fn send_run(socket: &std::path::Path, out: &OwnedFd, frame: &[u8]) -> (UnixStream, u64) {
    let stream = UnixStream::connect(socket).unwrap();
    let null = std::fs::File::open("/dev/null").unwrap();
    let t = monotonic_ns();
    send_with_fds(
        stream.as_fd(),
        frame,
        &[null.as_raw_fd(), out.as_raw_fd(), 2],
    )
    .unwrap();
    (stream, t)
}

fn read_exit(stream: &mut UnixStream) -> i32 {
    let mut reader = FrameReader::new();
    let mut buf = [0u8; 4096];
    loop {
        while let Some(m) = reader.next_message().unwrap() {
            if let Message::Exit(e) = m {
                return e.code;
            }
        }
        let n = stream.read(&mut buf).unwrap();
        assert!(n > 0, "master closed without an exit report");
        reader.push(&buf[..n]);
    }
}

fn read_line(fd: &OwnedFd) -> String {
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        // SAFETY: reads one byte into a live buffer.
        let n = unsafe { libc::read(fd.as_raw_fd(), byte.as_mut_ptr().cast(), 1) };
        if n != 1 || byte[0] == b'\n' {
            return String::from_utf8_lossy(&line).into_owned();
        }
        line.push(byte[0]);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str, default: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
            .unwrap_or_else(|| default.to_string())
    };
    let runs: usize = value("--runs", "300").parse().unwrap();
    let burst: usize = value("--burst", "32").parse().unwrap();
    let preload = value("--preload", "none");

    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(
        dir.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )
    .unwrap();
    let socket = dir.path().join("bench.sock");
    // SAFETY: this example is single-threaded; the child becomes the master and exits.
    let master = unsafe { libc::fork() };
    if master == 0 {
        // SAFETY: single-threaded child.
        unsafe { std::env::set_var("JFORK_TEST_RUNNER", "script") };
        let code = jfork::main_with_args(&[
            "master".into(),
            "--foreground".into(),
            "--preload".into(),
            preload.clone(),
            "--max-children".into(),
            (burst + 1).to_string(),
            "--socket".into(),
            socket.display().to_string(),
        ]);
        let _ = code;
        // SAFETY: ends the master copy without the parent's destructors.
        unsafe { libc::_exit(0) };
    }
    let start = Instant::now();
    while UnixStream::connect(&socket).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "master did not start"
        );
        std::thread::sleep(Duration::from_millis(10));
    }

    let frame = Message::Run(request("stamp")).encode();
    let (out_r, out_w) = pipe();
    let mut entered = Vec::new();
    let mut round_trip = Vec::new();
    for _ in 0..runs {
        let t0 = Instant::now();
        let (mut stream, sent) = send_run(&socket, &out_w, &frame);
        let stamp: u64 = read_line(&out_r).parse().unwrap();
        assert_eq!(read_exit(&mut stream), 0);
        round_trip.push(t0.elapsed().as_secs_f64() * 1e6);
        entered.push(stamp.saturating_sub(sent) as f64 / 1e3);
    }
    let sequential_rate = runs as f64 / (round_trip.iter().sum::<f64>() / 1e6);

    // A burst: `burst` requests in flight at once.
    let burst_start = Instant::now();
    let mut streams: Vec<UnixStream> = (0..burst)
        .map(|_| send_run(&socket, &out_w, &frame).0)
        .collect();
    for s in &mut streams {
        assert_eq!(read_exit(s), 0);
    }
    let burst_rate = burst as f64 / burst_start.elapsed().as_secs_f64();
    for _ in 0..burst {
        read_line(&out_r);
    }

    // The floor: a bare fork in this (small) process.
    let mut floor_entered = Vec::new();
    let mut floor_cycle = Vec::new();
    for _ in 0..runs {
        let (r, w) = pipe();
        let t0 = monotonic_ns();
        let start = Instant::now();
        // SAFETY: single-threaded; the child only writes to a pipe and _exits.
        let pid = unsafe { libc::fork() };
        if pid == 0 {
            let now = monotonic_ns().to_ne_bytes();
            // SAFETY: writes a live buffer, then ends the child.
            unsafe {
                libc::write(w.as_raw_fd(), now.as_ptr().cast(), 8);
                libc::_exit(0);
            }
        }
        drop(w);
        let mut buf = [0u8; 8];
        std::fs::File::from(r).read_exact(&mut buf).unwrap();
        // SAFETY: reaps our own child.
        unsafe { libc::waitpid(pid, std::ptr::null_mut(), 0) };
        floor_cycle.push(start.elapsed().as_secs_f64() * 1e6);
        floor_entered.push(u64::from_ne_bytes(buf).saturating_sub(t0) as f64 / 1e3);
    }

    // SAFETY: the master is our child.
    unsafe {
        libc::kill(master, libc::SIGTERM);
        libc::waitpid(master, std::ptr::null_mut(), 0);
    }

    println!("jfork spawn benchmark: {runs} runs, preload {preload}, burst {burst}");
    println!();
    println!("| what | p50 µs | p99 µs | min µs | n |");
    println!("|---|---|---|---|---|");
    summary("request sent → runner entered (master)", entered);
    summary("round trip: connect, run, exit report", round_trip);
    summary("floor: bare fork → child running", floor_entered);
    summary("floor: bare fork + exit + reap", floor_cycle);
    println!();
    println!(
        "throughput: {sequential_rate:.0} runs/s sequential, {burst_rate:.0} runs/s with {burst} in flight"
    );
}
