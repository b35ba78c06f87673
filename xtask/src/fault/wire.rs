//! A raw client of the master's wire protocol (docs/PROTOCOL.md), written from the protocol
//! page alone so the fault suite can send what `jfork run` never would: broken headers,
//! truncated and oversized frames, requests without fds, and disconnects at any point.

use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::Duration;

use serde_json::Value;

/// The frame magic.
pub const MAGIC: &[u8; 4] = b"JFRK";
/// The version the master speaks.
pub const VERSION: u16 = 1;
/// The payload cap.
pub const MAX_PAYLOAD: usize = 1 << 20;

/// Frame kinds used here.
pub mod kind {
    pub const RUN: u8 = 1;
    pub const SIGNAL: u8 = 2;
    pub const STATUS: u8 = 3;
    pub const ACCEPTED: u8 = 16;
    pub const REFUSED: u8 = 17;
    pub const EXIT: u8 = 18;
    pub const STATUS_REPLY: u8 = 19;
    pub const ERROR: u8 = 20;
}

/// One frame with any header values.
pub fn frame(version: u16, kind: u8, reserved: u8, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(12 + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&version.to_be_bytes());
    out.push(kind);
    out.push(reserved);
    out.extend_from_slice(&(body.len() as u32).to_be_bytes());
    out.extend_from_slice(body);
    out
}

/// A connection to the master.
pub struct Conn {
    pub stream: UnixStream,
}

impl Conn {
    /// Connects, with `timeout` on every read.
    pub fn connect(socket: &Path, timeout: Duration) -> io::Result<Conn> {
        let stream = UnixStream::connect(socket)?;
        stream.set_read_timeout(Some(timeout))?;
        stream.set_write_timeout(Some(Duration::from_secs(10)))?;
        Ok(Conn { stream })
    }

    /// Writes raw bytes.
    pub fn send_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.stream.write_all(bytes)
    }

    /// Sends a well-formed frame of `kind` with a JSON body.
    pub fn send(&mut self, kind: u8, body: &Value) -> io::Result<()> {
        self.send_raw(&frame(VERSION, kind, 0, body.to_string().as_bytes()))
    }

    /// Sends a RUN frame with `fds` (stdin, stdout, stderr) attached by `SCM_RIGHTS`.
    pub fn send_run(&mut self, body: &Value, fds: [RawFd; 3]) -> io::Result<()> {
        let bytes = frame(VERSION, kind::RUN, 0, body.to_string().as_bytes());
        send_with_fds(self.stream.as_raw_fd(), &bytes, &fds)
    }

    /// The next frame: `Ok(None)` when the master closed the connection first.
    pub fn recv(&mut self) -> io::Result<Option<(u8, Value)>> {
        let mut head = [0u8; 12];
        match read_full(&mut self.stream, &mut head)? {
            0 => return Ok(None),
            n if n < head.len() => {
                return Err(io::Error::other(format!("master sent a {n}-byte header")));
            }
            _ => {}
        }
        if &head[..4] != MAGIC {
            return Err(io::Error::other(format!("bad magic {:?}", &head[..4])));
        }
        let len = u32::from_be_bytes([head[8], head[9], head[10], head[11]]) as usize;
        if len > MAX_PAYLOAD {
            return Err(io::Error::other(format!(
                "master sent a {len}-byte payload"
            )));
        }
        let mut body = vec![0u8; len];
        if read_full(&mut self.stream, &mut body)? != len {
            return Err(io::Error::other("master closed inside a frame"));
        }
        let value = serde_json::from_slice(&body)
            .map_err(|e| io::Error::other(format!("master sent bad JSON: {e}")))?;
        Ok(Some((head[6], value)))
    }
}

/// Reads until `buf` is full or end of stream; returns the bytes read.
fn read_full(stream: &mut UnixStream, buf: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match stream.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            // The master resets a connection it closes with unread bytes in it.
            Err(e) if e.kind() == io::ErrorKind::ConnectionReset && got == 0 => return Ok(0),
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

/// `sendmsg` of `bytes` with `fds` as one `SCM_RIGHTS` control message, then the rest of the
/// bytes plainly.
fn send_with_fds(socket: RawFd, bytes: &[u8], fds: &[RawFd]) -> io::Result<()> {
    let fd_bytes = std::mem::size_of_val(fds);
    // SAFETY: CMSG_SPACE only computes a size.
    let space = unsafe { libc::CMSG_SPACE(fd_bytes as u32) } as usize;
    // u64 elements keep the buffer aligned for `cmsghdr`.
    let mut control = vec![0u64; space.div_ceil(8)];
    let mut iov = libc::iovec {
        iov_base: bytes.as_ptr() as *mut libc::c_void,
        iov_len: bytes.len(),
    };
    // SAFETY: an all-zero msghdr is a valid empty message.
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_iov = &mut iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.as_mut_ptr().cast();
    msg.msg_controllen = space;
    // SAFETY: `msg` points at `control`, which is CMSG_SPACE(fd_bytes) long, so the first
    // header and its data fit; the pointers stay valid for the duration of the calls.
    let sent = unsafe {
        let cmsg = libc::CMSG_FIRSTHDR(&msg);
        (*cmsg).cmsg_level = libc::SOL_SOCKET;
        (*cmsg).cmsg_type = libc::SCM_RIGHTS;
        (*cmsg).cmsg_len = libc::CMSG_LEN(fd_bytes as u32) as usize;
        std::ptr::copy_nonoverlapping(fds.as_ptr(), libc::CMSG_DATA(cmsg).cast(), fds.len());
        libc::sendmsg(socket, &msg, libc::MSG_NOSIGNAL)
    };
    if sent < 0 {
        return Err(io::Error::last_os_error());
    }
    let sent = sent as usize;
    if sent < bytes.len() {
        // SAFETY: `socket` is a live socket owned by the caller; `ManuallyDrop` keeps this
        // borrowed view from closing it.
        let stream = std::mem::ManuallyDrop::new(unsafe {
            <UnixStream as std::os::fd::FromRawFd>::from_raw_fd(socket)
        });
        (&*stream).write_all(&bytes[sent..])?;
    }
    Ok(())
}
