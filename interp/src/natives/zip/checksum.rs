//! CRC-32 (the zlib/PNG polynomial, reflected) and Adler-32 (RFC 1950), continuing from a
//! previous value as `java.util.zip.CRC32` and `Adler32` use them.

/// The reflected CRC-32 polynomial 0x04C11DB7.
const POLY: u32 = 0xedb8_8320;

/// Tables for CRC-32 eight bytes at a time: `TABLES[0]` is the classic byte table, and
/// `TABLES[k][b]` is the CRC of byte `b` followed by `k` zero bytes.
static TABLES: [[u32; 256]; 8] = crc_tables();

const fn crc_tables() -> [[u32; 256]; 8] {
    let mut t = [[0u32; 256]; 8];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { POLY ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        t[0][i] = c;
        i += 1;
    }
    let mut k = 1;
    while k < 8 {
        let mut i = 0;
        while i < 256 {
            let prev = t[k - 1][i];
            t[k][i] = (prev >> 8) ^ t[0][(prev & 0xff) as usize];
            i += 1;
        }
        k += 1;
    }
    t
}

/// The CRC-32 of `crc`'s data followed by `bytes` (`crc` 0 for no data).
pub(crate) fn crc32(crc: u32, bytes: &[u8]) -> u32 {
    let mut c = !crc;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let lo = c ^ u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        let hi = u32::from_le_bytes([chunk[4], chunk[5], chunk[6], chunk[7]]);
        c = TABLES[7][(lo & 0xff) as usize]
            ^ TABLES[6][(lo >> 8 & 0xff) as usize]
            ^ TABLES[5][(lo >> 16 & 0xff) as usize]
            ^ TABLES[4][(lo >> 24) as usize]
            ^ TABLES[3][(hi & 0xff) as usize]
            ^ TABLES[2][(hi >> 8 & 0xff) as usize]
            ^ TABLES[1][(hi >> 16 & 0xff) as usize]
            ^ TABLES[0][(hi >> 24) as usize];
    }
    for &b in chunks.remainder() {
        c = (c >> 8) ^ TABLES[0][((c ^ u32::from(b)) & 0xff) as usize];
    }
    !c
}

/// The largest prime below 2^16.
const ADLER_BASE: u32 = 65_521;
/// The most bytes that can be summed before the 32-bit sums must be reduced.
const ADLER_NMAX: usize = 5552;

/// The Adler-32 of `adler`'s data followed by `bytes` (`adler` 1 for no data).
pub(crate) fn adler32(adler: u32, bytes: &[u8]) -> u32 {
    let mut a = adler & 0xffff;
    let mut b = adler >> 16;
    for chunk in bytes.chunks(ADLER_NMAX) {
        for &x in chunk {
            a += u32::from(x);
            b += a;
        }
        a %= ADLER_BASE;
        b %= ADLER_BASE;
    }
    b << 16 | a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_known_values() {
        assert_eq!(crc32(0, b""), 0);
        assert_eq!(crc32(0, b"123456789"), 0xcbf4_3926);
        assert_eq!(
            crc32(0, b"The quick brown fox jumps over the lazy dog"),
            0x414f_a339
        );
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 31 % 256) as u8).collect();
        let whole = crc32(0, &data);
        let (x, y) = data.split_at(333);
        assert_eq!(crc32(crc32(0, x), y), whole);
        let mut bytewise = 0;
        for b in &data {
            bytewise = crc32(bytewise, std::slice::from_ref(b));
        }
        assert_eq!(bytewise, whole);
    }

    #[test]
    fn adler32_known_values() {
        assert_eq!(adler32(1, b""), 1);
        assert_eq!(adler32(1, b"Wikipedia"), 0x11e6_0398);
        let data = vec![0xffu8; 100_000];
        let whole = adler32(1, &data);
        let (x, y) = data.split_at(7777);
        assert_eq!(adler32(adler32(1, x), y), whole);
        let mut slow_a = 1u64;
        let mut slow_b = 0u64;
        for &v in &data {
            slow_a = (slow_a + u64::from(v)) % 65_521;
            slow_b = (slow_b + slow_a) % 65_521;
        }
        assert_eq!(whole, (slow_b << 16 | slow_a) as u32);
    }
}
