//! The compression streams behind `Inflater` and `Deflater`, with the semantics of the zlib
//! calls the JDK's `Inflater.c`/`Deflater.c` make (`inflate(Z_PARTIAL_FLUSH)`, `deflate`,
//! `deflateParams`, the dictionary calls, `strm->adler`), on `flate2`'s zlib-rs backend.
//!
//! An inflater is a `flate2` zlib (or raw) decompressor: zlib-rs parses the zlib header and
//! checks the trailer itself and words its errors as zlib does. A deflater is a raw
//! `flate2` compressor with the zlib wrapper (header, preset-dictionary id, Adler-32 trailer)
//! written here, so that `strm->adler` is known and a level change in mid-stream can start a
//! fresh raw compressor after a flush: `flate2` cannot change the compression function of a
//! running stream (zlib-rs's `deflateParams` needs the caller's output buffer, which
//! `flate2`'s `set_level` does not pass).

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};

use super::checksum::adler32;

/// zlib's flush values as `Deflater` passes them.
const Z_NO_FLUSH: i32 = 0;
const Z_PARTIAL_FLUSH: i32 = 1;
const Z_SYNC_FLUSH: i32 = 2;
const Z_FULL_FLUSH: i32 = 3;
const Z_FINISH: i32 = 4;
/// `Deflater.HUFFMAN_ONLY`: zlib writes level flags 0 in the header for it.
const Z_HUFFMAN_ONLY: i32 = 2;

/// What one `inflate`/`deflate` call did, packed as the JDK's Java side decodes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Progress {
    /// Input bytes consumed.
    pub read: usize,
    /// Output bytes produced.
    pub written: usize,
    /// The stream ended (`Z_STREAM_END`).
    pub finished: bool,
    /// Inflater: a dictionary is needed; deflater: new parameters are still to be set.
    pub flag: bool,
}

impl Progress {
    /// `read | written << 31 | finished << 62 | flag << 63`.
    pub(super) fn pack(self) -> u64 {
        (self.read as u64 & 0x7fff_ffff)
            | (self.written as u64 & 0x7fff_ffff) << 31
            | u64::from(self.finished) << 62
            | u64::from(self.flag) << 63
    }
}

/// Why a stream call failed; the natives turn these into the JDK's exceptions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ZipFailure {
    /// `Z_DATA_ERROR` from inflate: `DataFormatException(msg)` after recording the counts.
    Data {
        message: Option<String>,
        read: usize,
        written: usize,
    },
    /// `Z_STREAM_ERROR`/`Z_DATA_ERROR` from a dictionary call: `IllegalArgumentException`.
    Argument,
    /// Any other zlib failure: `InternalError(msg)`.
    Internal(String),
}

/// An `Inflater`'s native stream.
pub(super) struct InflateStream {
    inner: Decompress,
    zlib: bool,
    /// `strm->adler`: 0 for raw streams (never set), else the Adler-32 of the output so far,
    /// or the wanted dictionary's id while one is needed.
    adler: u32,
    /// A dictionary was just supplied: zlib restarts the check at the next `inflate`.
    restart_check: bool,
    /// The message of the data error that stopped the stream: zlib answers every later
    /// call with it until a reset.
    bad: Option<Option<String>>,
}

impl InflateStream {
    /// `inflateInit2(strm, nowrap ? -MAX_WBITS : MAX_WBITS)`.
    pub(super) fn new(nowrap: bool) -> InflateStream {
        InflateStream {
            inner: Decompress::new(!nowrap),
            zlib: !nowrap,
            adler: u32::from(!nowrap),
            restart_check: false,
            bad: None,
        }
    }

    /// `inflate(strm, Z_PARTIAL_FLUSH)` over `input` into `output`.
    pub(super) fn inflate(
        &mut self,
        input: &[u8],
        output: &mut [u8],
    ) -> Result<Progress, ZipFailure> {
        if let Some(message) = &self.bad {
            return Err(ZipFailure::Data {
                message: message.clone(),
                read: 0,
                written: 0,
            });
        }
        let (in0, out0) = (self.inner.total_in(), self.inner.total_out());
        let result = self.inner.decompress(input, output, FlushDecompress::None);
        let read = (self.inner.total_in() - in0) as usize;
        let written = (self.inner.total_out() - out0) as usize;
        if self.zlib {
            if self.restart_check {
                self.restart_check = false;
                self.adler = 1;
            }
            self.adler = adler32(self.adler, &output[..written.min(output.len())]);
        }
        match result {
            Ok(Status::Ok) => Ok(Progress {
                read,
                written,
                ..Progress::default()
            }),
            Ok(Status::StreamEnd) => Ok(Progress {
                read,
                written,
                finished: true,
                flag: false,
            }),
            Ok(Status::BufError) => Ok(Progress::default()),
            Err(e) => match e.needs_dictionary() {
                Some(id) => {
                    self.adler = id;
                    Ok(Progress {
                        read,
                        written,
                        finished: false,
                        flag: true,
                    })
                }
                None => {
                    let message = e.message().map(str::to_owned);
                    self.bad = Some(message.clone());
                    Err(ZipFailure::Data {
                        message,
                        read,
                        written,
                    })
                }
            },
        }
    }

    /// `inflateSetDictionary`: a raw stream takes one at any time, a zlib stream only when
    /// it asked for one, and only the one whose Adler-32 it named.
    pub(super) fn set_dictionary(&mut self, dictionary: &[u8]) -> Result<(), ZipFailure> {
        match self.inner.set_dictionary(dictionary) {
            Ok(_) => {
                if self.zlib {
                    self.restart_check = true;
                }
                Ok(())
            }
            Err(_) => Err(ZipFailure::Argument),
        }
    }

    /// `strm->adler`.
    pub(super) fn adler(&self) -> u32 {
        self.adler
    }

    /// `inflateReset`.
    pub(super) fn reset(&mut self) {
        self.inner.reset(self.zlib);
        self.adler = u32::from(self.zlib);
        self.restart_check = false;
        self.bad = None;
    }
}

/// A `Deflater`'s native stream: a raw compressor and the zlib wrapper around it.
pub(super) struct DeflateStream {
    raw: Compress,
    zlib: bool,
    level: i32,
    strategy: i32,
    /// `strm->adler`: the dictionary's id before the header, then the input's Adler-32.
    adler: u32,
    /// Dictionaries given before any data, applied again when the compressor is replaced.
    dictionaries: Vec<Vec<u8>>,
    /// zlib's `last_flush != -2`: a `deflate` call has run since init or reset.
    started: bool,
    /// Header or trailer bytes not yet handed out.
    pending: Vec<u8>,
    /// The raw stream has ended (the trailer may still be pending).
    raw_done: bool,
}

impl DeflateStream {
    /// `deflateInit2(strm, level, Z_DEFLATED, nowrap ? -MAX_WBITS : MAX_WBITS, 8, strategy)`;
    /// `None` for a level or strategy zlib refuses (`Z_STREAM_ERROR`).
    pub(super) fn new(level: i32, strategy: i32, nowrap: bool) -> Option<DeflateStream> {
        let level = valid_level(level)?;
        if !(0..=4).contains(&strategy) {
            return None;
        }
        Some(DeflateStream {
            raw: raw_compressor(level),
            zlib: !nowrap,
            level,
            strategy,
            adler: 1,
            dictionaries: Vec::new(),
            started: false,
            pending: Vec::new(),
            raw_done: false,
        })
    }

    /// `deflateSetDictionary`: before any data for a zlib stream (after it, zlib answers
    /// `Z_STREAM_ERROR`).
    pub(super) fn set_dictionary(&mut self, dictionary: &[u8]) -> Result<(), ZipFailure> {
        if self.raw_done {
            // zlib turns the wrapper off once the trailer is out: the call is accepted and
            // changes nothing that can still be seen.
            return Ok(());
        }
        if self.zlib && self.started {
            return Err(ZipFailure::Argument);
        }
        self.raw
            .set_dictionary(dictionary)
            .map_err(|_| ZipFailure::Argument)?;
        if self.zlib {
            self.adler = adler32(self.adler, dictionary);
        }
        if !self.started {
            self.dictionaries.push(dictionary.to_vec());
        }
        Ok(())
    }

    /// One `Deflater.c` `doDeflate` call: `deflateParams` when bit 0 of `params` is set
    /// (strategy in bits 1-2, level from bit 3), else `deflate(strm, flush)`.
    pub(super) fn deflate(
        &mut self,
        input: &[u8],
        output: &mut [u8],
        flush: i32,
        params: i32,
    ) -> Result<Progress, ZipFailure> {
        if params & 1 != 0 {
            return self.set_params(input, output, params >> 3, (params >> 1) & 3);
        }
        let flush = match flush {
            Z_NO_FLUSH => FlushCompress::None,
            Z_PARTIAL_FLUSH => FlushCompress::Partial,
            Z_SYNC_FLUSH => FlushCompress::Sync,
            Z_FULL_FLUSH => FlushCompress::Full,
            Z_FINISH => FlushCompress::Finish,
            _ => return Err(ZipFailure::Internal("stream error".to_owned())),
        };
        let (read, written, status) = self.run(input, output, flush)?;
        Ok(Progress {
            read,
            written,
            finished: status == RunStatus::End,
            flag: false,
        })
    }

    /// `deflateParams(strm, level, strategy)` with the caller's buffers: a change after data
    /// first flushes what was given so far; the new settings apply only once that flush is
    /// complete (`Z_BUF_ERROR` until then, and `Deflater` asks again).
    fn set_params(
        &mut self,
        input: &[u8],
        output: &mut [u8],
        level: i32,
        strategy: i32,
    ) -> Result<Progress, ZipFailure> {
        let Some(level) = valid_level(level) else {
            return Err(ZipFailure::Internal("deflateParams failed".to_owned()));
        };
        if level == self.level && strategy == self.strategy {
            return Ok(Progress::default());
        }
        if !self.started {
            self.replace_compressor(level, strategy)?;
            return Ok(Progress::default());
        }
        let (read, written, status) = self.run(input, output, FlushCompress::Sync)?;
        let flushed = read == input.len() && written < output.len() && self.pending.is_empty();
        if flushed && status != RunStatus::End {
            self.replace_compressor(level, strategy)?;
        }
        Ok(Progress {
            read,
            written,
            finished: false,
            flag: !flushed,
        })
    }

    /// A fresh raw compressor at `level` (the dictionaries again if no data was given yet).
    fn replace_compressor(&mut self, level: i32, strategy: i32) -> Result<(), ZipFailure> {
        self.raw = raw_compressor(level);
        self.level = level;
        self.strategy = strategy;
        if !self.started {
            for d in &self.dictionaries {
                self.raw
                    .set_dictionary(d)
                    .map_err(|_| ZipFailure::Internal("deflateParams failed".to_owned()))?;
            }
        }
        Ok(())
    }

    /// Hands out pending wrapper bytes, then runs the raw compressor, then the trailer.
    fn run(
        &mut self,
        input: &[u8],
        output: &mut [u8],
        flush: FlushCompress,
    ) -> Result<(usize, usize, RunStatus), ZipFailure> {
        if output.is_empty() {
            return Ok((0, 0, RunStatus::NoProgress));
        }
        if !self.started {
            self.started = true;
            if self.zlib {
                self.pending = self.header().to_vec();
                if self.has_dictionary() {
                    self.pending.extend_from_slice(&self.adler.to_be_bytes());
                }
                self.adler = 1;
            }
            self.dictionaries.clear();
        }
        let mut written = self.drain_pending(output);
        if !self.pending.is_empty() {
            return Ok((0, written, RunStatus::Progress));
        }
        if self.raw_done {
            return Ok((0, written, RunStatus::End));
        }
        let (in0, out0) = (self.raw.total_in(), self.raw.total_out());
        let status = self
            .raw
            .compress(input, &mut output[written..], flush)
            .map_err(|e| ZipFailure::Internal(e.to_string()))?;
        let read = (self.raw.total_in() - in0) as usize;
        written += (self.raw.total_out() - out0) as usize;
        if self.zlib {
            self.adler = adler32(self.adler, &input[..read.min(input.len())]);
        }
        if status == Status::StreamEnd {
            self.raw_done = true;
            if self.zlib {
                self.pending = self.adler.to_be_bytes().to_vec();
                written += self.drain_pending(&mut output[written..]);
            }
            if self.pending.is_empty() {
                return Ok((read, written, RunStatus::End));
            }
        }
        if status == Status::BufError && read == 0 && written == 0 {
            return Ok((0, 0, RunStatus::NoProgress));
        }
        Ok((read, written, RunStatus::Progress))
    }

    /// Copies as much of the pending wrapper bytes as fit; returns how many.
    fn drain_pending(&mut self, output: &mut [u8]) -> usize {
        let n = self.pending.len().min(output.len());
        output[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        n
    }

    /// The two zlib header bytes (RFC 1950): deflate with a 32 KiB window, the level class
    /// as zlib computes it, the preset-dictionary bit, and the check bits.
    fn header(&self) -> [u8; 2] {
        let cmf: u16 = 0x78;
        let level_flags: u16 = if self.strategy >= Z_HUFFMAN_ONLY || self.level < 2 {
            0
        } else if self.level < 6 {
            1
        } else if self.level == 6 {
            2
        } else {
            3
        };
        let mut header = cmf << 8 | level_flags << 6;
        if self.has_dictionary() {
            header |= 0x20;
        }
        header += 31 - header % 31;
        header.to_be_bytes()
    }

    /// zlib's `strstart != 0` before the header: a non-empty dictionary was given.
    fn has_dictionary(&self) -> bool {
        self.dictionaries.iter().any(|d| !d.is_empty())
    }

    /// `strm->adler`.
    pub(super) fn adler(&self) -> u32 {
        self.adler
    }

    /// `deflateReset`: a new stream with the current level and strategy, no dictionary.
    pub(super) fn reset(&mut self) {
        self.raw = raw_compressor(self.level);
        self.adler = 1;
        self.dictionaries.clear();
        self.started = false;
        self.pending.clear();
        self.raw_done = false;
    }
}

/// How a deflate run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RunStatus {
    /// `Z_OK`.
    Progress,
    /// `Z_BUF_ERROR`: nothing could be done.
    NoProgress,
    /// `Z_STREAM_END`.
    End,
}

/// zlib's level range, with -1 (`Z_DEFAULT_COMPRESSION`) as 6.
fn valid_level(level: i32) -> Option<i32> {
    match level {
        -1 => Some(6),
        0..=9 => Some(level),
        _ => None,
    }
}

/// A raw compressor for zlib `level`. zlib-rs (after zlib-ng) picks a different match
/// finder than zlib for most levels; zlib's levels 1-3 (`deflate_fast`) are closest to
/// zlib-rs's 2 and zlib's 4-9 (`deflate_slow`) to zlib-rs's 7-9, which then write the same
/// bytes as zlib for short and repetitive inputs (not for everything: the outputs of the
/// two libraries are equally valid but not identical).
fn raw_compressor(level: i32) -> Compress {
    let engine_level = match level {
        0 => 0,
        1..=3 => 2,
        4..=7 => 7,
        _ => level.clamp(0, 9),
    };
    Compress::new(Compression::new(engine_level as u32), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deflate_all(d: &mut DeflateStream, input: &[u8], chunk: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut pos = 0;
        loop {
            let mut buf = vec![0u8; chunk];
            let p = d.deflate(&input[pos..], &mut buf, Z_FINISH, 0).unwrap();
            pos += p.read;
            out.extend_from_slice(&buf[..p.written]);
            if p.finished {
                return out;
            }
        }
    }

    fn inflate_all(i: &mut InflateStream, input: &[u8], chunk: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut pos = 0;
        loop {
            let mut buf = vec![0u8; chunk];
            let p = i.inflate(&input[pos..], &mut buf).unwrap();
            pos += p.read;
            out.extend_from_slice(&buf[..p.written]);
            if p.finished {
                return out;
            }
            assert!(p.read + p.written > 0, "no progress");
        }
    }

    #[test]
    fn progress_packs_as_the_jdk_decodes_it() {
        let p = Progress {
            read: 5,
            written: 7,
            finished: true,
            flag: true,
        };
        let v = p.pack();
        assert_eq!(v & 0x7fff_ffff, 5);
        assert_eq!(v >> 31 & 0x7fff_ffff, 7);
        assert_eq!(v >> 62 & 1, 1);
        assert_eq!(v >> 63, 1);
    }

    #[test]
    fn zlib_round_trip_in_small_chunks() {
        let data: Vec<u8> = (0..20_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut d = DeflateStream::new(-1, 0, false).unwrap();
        let packed = deflate_all(&mut d, &data, 3);
        assert_eq!(&packed[..2], &[0x78, 0x9c]);
        assert_eq!(d.adler(), adler32(1, &data));
        let mut i = InflateStream::new(false);
        assert_eq!(inflate_all(&mut i, &packed, 5), data);
        assert_eq!(i.adler(), adler32(1, &data));
    }

    #[test]
    fn small_input_matches_zlib_bytes() {
        // zlib 1.2.13's output for "hello" at the default level.
        let mut d = DeflateStream::new(-1, 0, false).unwrap();
        let packed = deflate_all(&mut d, b"hello", 64);
        assert_eq!(
            packed,
            [
                0x78, 0x9c, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0x06, 0x2c, 0x02, 0x15
            ]
        );
    }

    #[test]
    fn dictionary_round_trip_and_ids() {
        let dict = b"hello world";
        let mut d = DeflateStream::new(9, 0, false).unwrap();
        d.set_dictionary(dict).unwrap();
        assert_eq!(d.adler(), 436_929_629);
        let packed = deflate_all(&mut d, b"hello world hello", 64);
        assert_eq!(d.adler(), 991_954_577);
        // Accepted (and ignored) once the trailer is out, refused in mid-stream.
        assert_eq!(d.set_dictionary(b"x"), Ok(()));
        let mut e = DeflateStream::new(9, 0, false).unwrap();
        let mut buf = [0u8; 64];
        e.deflate(b"abc", &mut buf, Z_NO_FLUSH, 0).unwrap();
        assert_eq!(e.set_dictionary(b"x"), Err(ZipFailure::Argument));
        let mut i = InflateStream::new(false);
        let mut out = [0u8; 64];
        let p = i.inflate(&packed, &mut out).unwrap();
        assert!(p.flag && p.written == 0);
        assert_eq!(i.adler(), 436_929_629);
        assert_eq!(i.set_dictionary(b"hello"), Err(ZipFailure::Argument));
        i.set_dictionary(dict).unwrap();
        let p2 = i.inflate(&packed[p.read..], &mut out).unwrap();
        assert!(p2.finished);
        assert_eq!(&out[..p2.written], b"hello world hello");
        assert_eq!(i.adler(), 991_954_577);
    }

    #[test]
    fn raw_streams_keep_their_initial_adler() {
        let mut d = DeflateStream::new(9, 0, true).unwrap();
        deflate_all(&mut d, b"hello", 64);
        assert_eq!(d.adler(), 1);
        assert_eq!(InflateStream::new(true).adler(), 0);
    }

    #[test]
    fn zlib_error_messages() {
        let mut i = InflateStream::new(true);
        let mut out = [0u8; 64];
        match i.inflate(&[0, 1, 2, 3, 4, 5], &mut out) {
            Err(ZipFailure::Data { message, .. }) => {
                assert_eq!(message.as_deref(), Some("invalid stored block lengths"))
            }
            other => panic!("{other:?}"),
        }
        let mut z = InflateStream::new(false);
        match z.inflate(&[1, 2, 3], &mut out) {
            Err(ZipFailure::Data { message, .. }) => {
                assert_eq!(message.as_deref(), Some("incorrect header check"))
            }
            other => panic!("{other:?}"),
        }
        // A stream in error repeats its message.
        match z.inflate(&[1, 2, 3], &mut out) {
            Err(ZipFailure::Data { message, read, .. }) => {
                assert_eq!(message.as_deref(), Some("incorrect header check"));
                assert_eq!(read, 0);
            }
            other => panic!("{other:?}"),
        }
        z.reset();
        let mut d = DeflateStream::new(-1, 0, false).unwrap();
        let packed = deflate_all(&mut d, b"again", 64);
        assert_eq!(inflate_all(&mut z, &packed, 64), b"again");
    }

    #[test]
    fn level_change_mid_stream_keeps_a_valid_stream() {
        let data: Vec<u8> = (0..30_000u32).map(|i| (i % 97) as u8).collect();
        let mut d = DeflateStream::new(1, 0, false).unwrap();
        let mut packed = vec![0u8; 100_000];
        let p = d
            .deflate(&data[..10_000], &mut packed, Z_NO_FLUSH, 0)
            .unwrap();
        assert_eq!(p.read, 10_000);
        let mut at = p.written;
        // Level 9, default strategy: params = 1 | 0 << 1 | 9 << 3.
        let q = d
            .deflate(&data[10_000..], &mut packed[at..], Z_NO_FLUSH, 1 | 9 << 3)
            .unwrap();
        assert!(!q.flag);
        at += q.written;
        let rest = &data[10_000 + q.read..];
        let r = d.deflate(rest, &mut packed[at..], Z_FINISH, 0).unwrap();
        assert!(r.finished);
        at += r.written;
        let mut i = InflateStream::new(false);
        assert_eq!(inflate_all(&mut i, &packed[..at], 1000), data);
    }

    #[test]
    fn params_before_data_keep_the_dictionary() {
        let mut d = DeflateStream::new(1, 0, false).unwrap();
        d.set_dictionary(b"abcdef").unwrap();
        let mut buf = [0u8; 64];
        let p = d.deflate(&[], &mut buf, Z_NO_FLUSH, 1 | 9 << 3).unwrap();
        assert!(!p.flag);
        let packed = deflate_all(&mut d, b"abcdefabcdef", 64);
        assert_eq!(packed[1] & 0x20, 0x20);
        let mut i = InflateStream::new(false);
        let q = i.inflate(&packed, &mut buf).unwrap();
        assert!(q.flag);
        i.set_dictionary(b"abcdef").unwrap();
        let r = i.inflate(&packed[q.read..], &mut buf).unwrap();
        assert_eq!(&buf[..r.written], b"abcdefabcdef");
    }
}
