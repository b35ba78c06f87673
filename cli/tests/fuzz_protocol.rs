//! Mutation fuzzing of the wire protocol's frame reader (`FrameReader`, `Message::decode`),
//! seeded with real frames of every kind. Each mutant is pushed in random-sized pieces, as a
//! socket delivers it, and read until it fails or runs dry.
//!
//! `cargo test -p jfork --test fuzz_protocol` runs briefly; `cargo xtask fuzz protocol
//! [--execs N] [--seconds S]` runs long.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../classfile/tests/common/fuzz_loop.rs"]
mod fuzz_loop;
#[path = "../../classfile/tests/common/fuzz.rs"]
#[allow(unused)]
mod mutator;

use jfork::launch::Launch;
use jfork::protocol::{
    ExitReport, FrameReader, Message, RunRequest, SignalFrame, encode_raw, kind,
};

fn seeds() -> Vec<Vec<u8>> {
    let launch = Launch {
        class_path: Some("app.jar:lib/*".into()),
        main_class: Some("com.example.Main".into()),
        jar: None,
        properties: vec![("k".into(), "v".into())],
        max_heap: Some(256 << 20),
        stack_size: None,
        enable_assertions: true,
        args: vec!["one".into(), "two".into()],
    };
    let run = Message::Run(RunRequest {
        launch,
        cwd: "/home/me".into(),
        env: vec![("HOME".into(), "/home/me".into())],
        limit: Some("mem=256M,wall=30s".into()),
    });
    let mut seeds = vec![
        run.encode(),
        Message::Signal(SignalFrame { signal: 2 }).encode(),
        Message::Exit(ExitReport {
            code: 137,
            signal: Some(9),
            cause: "wall-clock limit 1 s exceeded".into(),
            limit: true,
        })
        .encode(),
        encode_raw(1, kind::STATUS, b"{}"),
        encode_raw(1, kind::STOP, b"{}"),
        encode_raw(1, kind::ERROR, b"{\"message\": \"x\"}"),
    ];
    // Two frames back to back.
    let two = [seeds[1].clone(), seeds[0].clone()].concat();
    seeds.push(two);
    seeds
}

fn exercise(data: &[u8]) {
    let mut reader = FrameReader::new();
    // Piece sizes from the data itself, so a mutant replays identically.
    let mut at = 0;
    let mut step = 1 + data.first().copied().unwrap_or(0) as usize % 97;
    while at < data.len() {
        let end = (at + step).min(data.len());
        reader.push(&data[at..end]);
        at = end;
        step = 1 + (step * 31 + 7) % 211;
        loop {
            match reader.next_message() {
                Ok(Some(m)) => {
                    let _ = m.kind();
                    let again = m.encode();
                    std::hint::black_box(again);
                }
                Ok(None) => break,
                Err(e) => {
                    let _ = e.to_string();
                    return;
                }
            }
        }
    }
    let _ = reader.pending();
    for k in [kind::RUN, kind::SIGNAL, kind::STATUS_REPLY, kind::EXIT, 99] {
        let _ = Message::decode(k, data);
    }
}

#[test]
fn brief_run_finds_no_panic() {
    let n = fuzz_loop::run("protocol", &seeds(), 3000, None, 1, |_, d| exercise(d));
    assert_eq!(n, 3000);
}

#[test]
#[ignore = "long fuzz run: cargo xtask fuzz protocol"]
fn fuzz_target() {
    let (target, execs, seconds, threads) = fuzz_loop::settings();
    assert_eq!(target, "protocol");
    let n = fuzz_loop::run("protocol", &seeds(), execs, seconds, threads, |_, d| {
        exercise(d)
    });
    println!("fuzz protocol: {n} executions, no crash");
}
