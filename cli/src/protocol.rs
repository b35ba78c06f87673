//! The wire protocol between `jfork run`/`status`/`stop` and the master (docs/PROTOCOL.md).
//!
//! A frame is a 12-byte header (magic `JFRK`, version, kind, a reserved byte, payload length)
//! and a JSON payload of at most [`MAX_PAYLOAD`] bytes. A run request carries the client's
//! stdin, stdout and stderr as three fds (`SCM_RIGHTS`) on the bytes of its frame.

use std::io::{IoSlice, IoSliceMut};
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};

use nix::errno::Errno;
use nix::sys::socket::{ControlMessage, ControlMessageOwned, MsgFlags, recvmsg, sendmsg};
use serde::{Deserialize, Serialize};

use crate::launch::Launch;

/// The first four bytes of every frame.
pub const MAGIC: [u8; 4] = *b"JFRK";
/// The protocol version this build speaks.
pub const VERSION: u16 = 1;
/// Header length in bytes.
pub const HEADER_LEN: usize = 12;
/// The largest payload a frame may carry (1 MiB).
pub const MAX_PAYLOAD: usize = 1 << 20;
/// The most fds one frame may carry (a run request carries exactly 3).
pub const MAX_FDS: usize = 3;

/// Frame kinds, as numbered on the wire.
pub mod kind {
    /// Client: run a program (JSON [`RunRequest`](super::RunRequest), 3 fds).
    pub const RUN: u8 = 1;
    /// Client: forward a signal to the child.
    pub const SIGNAL: u8 = 2;
    /// Client: ask for the master's status.
    pub const STATUS: u8 = 3;
    /// Client: ask the master to stop.
    pub const STOP: u8 = 4;
    /// Master: the child is running.
    pub const ACCEPTED: u8 = 16;
    /// Master: the request is refused.
    pub const REFUSED: u8 = 17;
    /// Master: the child ended.
    pub const EXIT: u8 = 18;
    /// Master: the status report.
    pub const STATUS_REPLY: u8 = 19;
    /// Master: the client broke the protocol; the connection closes.
    pub const ERROR: u8 = 20;
    /// Master: it is stopping; the connection closes when it has exited.
    pub const STOPPING: u8 = 21;
}

/// What `jfork run` asks the master to run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRequest {
    /// The java-style command line, parsed.
    pub launch: Launch,
    /// The client's working directory (the child's `user.dir`).
    pub cwd: String,
    /// The client's environment, in order.
    pub env: Vec<(String, String)>,
    /// A limit spec (`mem=256M,wall=30s`), or `None` for the master's own.
    pub limit: Option<String>,
}

/// A signal the client received, to be delivered to the child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignalFrame {
    /// The signal number.
    pub signal: i32,
}

/// How the child ended, as the client reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExitReport {
    /// The status `jfork run` exits with: the program's code, or 128 + the signal.
    pub code: i32,
    /// The signal that ended the child, if one did.
    pub signal: Option<i32>,
    /// Why it ended, in words (`exited with code 3`, `memory limit 256 MiB exceeded`).
    pub cause: String,
    /// True when a limit ended it (the client then prints the cause).
    pub limit: bool,
}

/// Memory figures of one process, in bytes (from `smaps_rollup`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Memory {
    /// Resident set size.
    pub rss: u64,
    /// Proportional set size.
    pub pss: u64,
    /// Pages this process alone has written.
    pub private_dirty: u64,
}

/// One running child in a status report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildReport {
    /// Its pid.
    pub pid: i32,
    /// The main class (or jar) it runs.
    pub main: String,
    /// The uid of the client that asked for it.
    pub client_uid: u32,
    /// Milliseconds since it was forked.
    pub age_ms: u64,
    /// CPU time used so far, in milliseconds.
    pub cpu_ms: u64,
    /// Its memory, when `/proc` could be read.
    pub memory: Option<Memory>,
}

/// The master's answer to a status request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusReport {
    /// The master's pid.
    pub pid: i32,
    /// Milliseconds since it started.
    pub uptime_ms: u64,
    /// Classes the master preloaded.
    pub preloaded_classes: u64,
    /// The master's own memory.
    pub memory: Option<Memory>,
    /// The cap on concurrent children.
    pub max_children: usize,
    /// Requests waiting for a free slot.
    pub queued: usize,
    /// True once the master is stopping.
    pub draining: bool,
    /// Which program runner the children use (`java`, or `script` in lifecycle tests).
    pub runner: String,
    /// The running children.
    pub children: Vec<ChildReport>,
    /// Request→`main` times of the recent children.
    #[serde(default)]
    pub startup: StartupStats,
}

/// How long recent children took from the master reading their request to entering `main`
/// (the last 1,000 that entered it), in microseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StartupStats {
    /// How many children the figures cover.
    pub count: usize,
    /// The median.
    pub p50_us: Option<u64>,
    /// The 99th percentile.
    pub p99_us: Option<u64>,
    /// The longest.
    pub max_us: Option<u64>,
}

/// Every frame, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// See [`kind::RUN`].
    Run(RunRequest),
    /// See [`kind::SIGNAL`].
    Signal(SignalFrame),
    /// See [`kind::STATUS`].
    Status,
    /// See [`kind::STOP`].
    Stop,
    /// See [`kind::ACCEPTED`]: the child's pid.
    Accepted {
        /// The child's pid.
        pid: i32,
    },
    /// See [`kind::REFUSED`].
    Refused {
        /// Why, in a sentence.
        reason: String,
    },
    /// See [`kind::EXIT`].
    Exit(ExitReport),
    /// See [`kind::STATUS_REPLY`].
    StatusReply(StatusReport),
    /// See [`kind::ERROR`].
    Error {
        /// What was wrong with the client's frame.
        message: String,
    },
    /// See [`kind::STOPPING`].
    Stopping {
        /// The master's pid.
        pid: i32,
        /// Children still running.
        children: usize,
    },
}

#[derive(Serialize, Deserialize)]
struct Empty {}

#[derive(Serialize, Deserialize)]
struct Pid {
    pid: i32,
}

#[derive(Serialize, Deserialize)]
struct Reason {
    reason: String,
}

#[derive(Serialize, Deserialize)]
struct Text {
    message: String,
}

#[derive(Serialize, Deserialize)]
struct Stopping {
    pid: i32,
    children: usize,
}

/// A frame that cannot be read. Each message names the rule broken.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FrameError {
    /// The first bytes are not `JFRK`.
    #[error("not a jfork frame: the header starts with {0:02x?}, not \"JFRK\"")]
    BadMagic([u8; 4]),
    /// Another protocol version.
    #[error("protocol version {got} is not supported (this jfork speaks version {VERSION})")]
    Version {
        /// The version in the header.
        got: u16,
    },
    /// The reserved header byte is not zero.
    #[error("reserved header byte is {0}, must be 0")]
    Reserved(u8),
    /// The payload is larger than [`MAX_PAYLOAD`].
    #[error("frame payload of {len} bytes exceeds the cap of {MAX_PAYLOAD} bytes")]
    TooLarge {
        /// The declared length.
        len: usize,
    },
    /// A kind this version does not define.
    #[error("unknown frame kind {0}")]
    UnknownKind(u8),
    /// The payload is not the JSON this kind needs.
    #[error("malformed payload of frame kind {kind}: {reason}")]
    Payload {
        /// The frame kind.
        kind: u8,
        /// What serde_json said.
        reason: String,
    },
}

fn payload<T: Serialize>(value: &T) -> Vec<u8> {
    // Serializing these plain structs cannot fail (string keys, no custom serializers).
    serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec())
}

impl Message {
    /// The frame kind of this message.
    pub fn kind(&self) -> u8 {
        match self {
            Message::Run(_) => kind::RUN,
            Message::Signal(_) => kind::SIGNAL,
            Message::Status => kind::STATUS,
            Message::Stop => kind::STOP,
            Message::Accepted { .. } => kind::ACCEPTED,
            Message::Refused { .. } => kind::REFUSED,
            Message::Exit(_) => kind::EXIT,
            Message::StatusReply(_) => kind::STATUS_REPLY,
            Message::Error { .. } => kind::ERROR,
            Message::Stopping { .. } => kind::STOPPING,
        }
    }

    /// The whole frame: header and payload.
    pub fn encode(&self) -> Vec<u8> {
        let body = match self {
            Message::Run(r) => payload(r),
            Message::Signal(s) => payload(s),
            Message::Status | Message::Stop => payload(&Empty {}),
            Message::Accepted { pid } => payload(&Pid { pid: *pid }),
            Message::Refused { reason } => payload(&Reason {
                reason: reason.clone(),
            }),
            Message::Exit(e) => payload(e),
            Message::StatusReply(s) => payload(s),
            Message::Error { message } => payload(&Text {
                message: message.clone(),
            }),
            Message::Stopping { pid, children } => payload(&Stopping {
                pid: *pid,
                children: *children,
            }),
        };
        encode_raw(VERSION, self.kind(), &body)
    }

    /// Decodes a payload of the given kind.
    pub fn decode(kind: u8, body: &[u8]) -> Result<Message, FrameError> {
        fn json<'a, T: Deserialize<'a>>(kind: u8, body: &'a [u8]) -> Result<T, FrameError> {
            serde_json::from_slice(body).map_err(|e| FrameError::Payload {
                kind,
                reason: e.to_string(),
            })
        }
        Ok(match kind {
            kind::RUN => Message::Run(json(kind, body)?),
            kind::SIGNAL => Message::Signal(json(kind, body)?),
            kind::STATUS => json::<Empty>(kind, body).map(|_| Message::Status)?,
            kind::STOP => json::<Empty>(kind, body).map(|_| Message::Stop)?,
            kind::ACCEPTED => Message::Accepted {
                pid: json::<Pid>(kind, body)?.pid,
            },
            kind::REFUSED => Message::Refused {
                reason: json::<Reason>(kind, body)?.reason,
            },
            kind::EXIT => Message::Exit(json(kind, body)?),
            kind::STATUS_REPLY => Message::StatusReply(json(kind, body)?),
            kind::ERROR => Message::Error {
                message: json::<Text>(kind, body)?.message,
            },
            kind::STOPPING => {
                let s: Stopping = json(kind, body)?;
                Message::Stopping {
                    pid: s.pid,
                    children: s.children,
                }
            }
            other => return Err(FrameError::UnknownKind(other)),
        })
    }
}

/// A frame with any version and kind (tests use it to send what a broken client would).
pub fn encode_raw(version: u16, kind: u8, body: &[u8]) -> Vec<u8> {
    let mut frame = Vec::with_capacity(HEADER_LEN + body.len());
    frame.extend_from_slice(&MAGIC);
    frame.extend_from_slice(&version.to_be_bytes());
    frame.push(kind);
    frame.push(0);
    frame.extend_from_slice(&(body.len() as u32).to_be_bytes());
    frame.extend_from_slice(body);
    frame
}

/// Splits a byte stream into frames, checking each header as soon as its bytes arrive (so
/// a bad frame is refused before its payload is read).
#[derive(Debug, Default)]
pub struct FrameReader {
    buf: Vec<u8>,
}

impl FrameReader {
    /// An empty reader.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends bytes read from the socket.
    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Bytes held that do not yet form a whole frame.
    pub fn pending(&self) -> usize {
        self.buf.len()
    }

    /// The next whole frame, `None` if more bytes are needed, or the first rule broken.
    pub fn next_message(&mut self) -> Result<Option<Message>, FrameError> {
        let b = &self.buf;
        if b.len() >= 4 && b[..4] != MAGIC {
            return Err(FrameError::BadMagic([b[0], b[1], b[2], b[3]]));
        }
        if b.len() >= 6 {
            let got = u16::from_be_bytes([b[4], b[5]]);
            if got != VERSION {
                return Err(FrameError::Version { got });
            }
        }
        if b.len() >= 8 && b[7] != 0 {
            return Err(FrameError::Reserved(b[7]));
        }
        if b.len() < HEADER_LEN {
            return Ok(None);
        }
        let len = u32::from_be_bytes([b[8], b[9], b[10], b[11]]) as usize;
        if len > MAX_PAYLOAD {
            return Err(FrameError::TooLarge { len });
        }
        if b.len() < HEADER_LEN + len {
            return Ok(None);
        }
        let kind = b[6];
        let message = Message::decode(kind, &b[HEADER_LEN..HEADER_LEN + len]);
        self.buf.drain(..HEADER_LEN + len);
        message.map(Some)
    }
}

/// Sends `bytes` on a stream socket, with `fds` attached to the first byte (`SCM_RIGHTS`).
/// Blocks until everything is sent (on a blocking socket).
pub fn send_with_fds(socket: BorrowedFd<'_>, bytes: &[u8], fds: &[RawFd]) -> Result<(), Errno> {
    let mut sent = 0;
    while sent < bytes.len() {
        let iov = [IoSlice::new(&bytes[sent..])];
        let rights = [ControlMessage::ScmRights(fds)];
        let cmsgs: &[ControlMessage] = if sent == 0 && !fds.is_empty() {
            &rights
        } else {
            &[]
        };
        match sendmsg::<()>(
            socket.as_raw_fd(),
            &iov,
            cmsgs,
            MsgFlags::MSG_NOSIGNAL,
            None,
        ) {
            Ok(n) => sent += n,
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Reads once from a stream socket into `buf`, collecting any fds that came with the bytes
/// (close-on-exec). Returns the byte count (0 at end of stream).
pub fn recv_with_fds(
    socket: BorrowedFd<'_>,
    buf: &mut [u8],
    fds: &mut Vec<OwnedFd>,
) -> Result<usize, Errno> {
    let mut space = nix::cmsg_space!([RawFd; 8]);
    let mut iov = [IoSliceMut::new(buf)];
    let msg = loop {
        match recvmsg::<()>(
            socket.as_raw_fd(),
            &mut iov,
            Some(&mut space),
            MsgFlags::MSG_CMSG_CLOEXEC,
        ) {
            Ok(msg) => break msg,
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        }
    };
    let n = msg.bytes;
    for cmsg in msg.cmsgs()? {
        if let ControlMessageOwned::ScmRights(received) = cmsg {
            for fd in received {
                // SAFETY: the kernel just installed this fd for us; nothing else owns it.
                fds.push(unsafe { OwnedFd::from_raw_fd(fd) });
            }
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_through_the_reader() {
        let messages = [
            Message::Status,
            Message::Accepted { pid: 42 },
            Message::Exit(ExitReport {
                code: 137,
                signal: Some(9),
                cause: "wall-clock limit 1 s exceeded".into(),
                limit: true,
            }),
            Message::Signal(SignalFrame { signal: 2 }),
        ];
        let mut reader = FrameReader::new();
        for m in &messages {
            // Byte by byte: frames may arrive split anywhere.
            for b in m.encode() {
                reader.push(&[b]);
            }
        }
        for m in &messages {
            assert_eq!(reader.next_message().unwrap().as_ref(), Some(m));
        }
        assert_eq!(reader.next_message().unwrap(), None);
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        // A deterministic stream of pseudo-random inputs, some starting with a valid header.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for round in 0..2000 {
            let mut bytes = if round % 3 == 0 {
                encode_raw(VERSION, (round % 24) as u8, b"")
            } else {
                Vec::new()
            };
            bytes.truncate(if round % 2 == 0 { 8 } else { 12 });
            for _ in 0..(round % 64) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                bytes.push(x as u8);
            }
            if bytes.len() >= 12 {
                let len = (bytes.len() - 12) as u32;
                bytes[8..12].copy_from_slice(&len.to_be_bytes());
            }
            let mut reader = FrameReader::new();
            reader.push(&bytes);
            while let Ok(Some(_)) = reader.next_message() {}
        }
    }

    #[test]
    fn header_rules() {
        let check = |bytes: &[u8]| {
            let mut r = FrameReader::new();
            r.push(bytes);
            r.next_message().unwrap_err().to_string()
        };
        assert_eq!(
            check(b"GET / HTTP/1.1\r\n"),
            "not a jfork frame: the header starts with [47, 45, 54, 20], not \"JFRK\""
        );
        assert_eq!(
            check(&encode_raw(2, kind::STATUS, b"{}")),
            "protocol version 2 is not supported (this jfork speaks version 1)"
        );
        let mut big = encode_raw(VERSION, kind::RUN, b"");
        big[8..12].copy_from_slice(&(2u32 << 20).to_be_bytes());
        assert_eq!(
            check(&big),
            "frame payload of 2097152 bytes exceeds the cap of 1048576 bytes"
        );
        assert_eq!(
            check(&encode_raw(VERSION, 99, b"{}")),
            "unknown frame kind 99"
        );
        assert!(
            check(&encode_raw(VERSION, kind::RUN, b"{\"launch\":"))
                .starts_with("malformed payload of frame kind 1: EOF while parsing")
        );
    }
}
