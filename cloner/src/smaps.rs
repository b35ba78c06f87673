//! Memory reports from `/proc/<pid>/smaps_rollup` (a whole process) and
//! `/proc/<pid>/smaps` (one mapping), in bytes.

use crate::Pid;
use crate::error::SmapsError;

/// A process's (or one mapping's) memory, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct MemoryReport {
    /// Resident set size: every resident page, shared or not.
    pub rss: u64,
    /// Proportional set size: each page divided by the number of processes mapping it.
    pub pss: u64,
    /// Resident pages mapped by other processes too, unmodified.
    pub shared_clean: u64,
    /// Resident pages mapped by other processes too, modified (e.g. copy-on-write pages
    /// inherited from a parent, not yet written).
    pub shared_dirty: u64,
    /// Resident pages mapped by this process only, unmodified.
    pub private_clean: u64,
    /// Resident pages mapped by this process only, modified: what the process owns.
    pub private_dirty: u64,
    /// Anonymous memory backed by transparent huge pages.
    pub anon_huge_pages: u64,
    /// Swapped-out memory.
    pub swap: u64,
}

impl MemoryReport {
    /// Adds one `Key:   <n> kB` line; false when the line is not of that form.
    fn add_line(&mut self, line: &str) -> bool {
        let Some((key, value)) = line.split_once(':') else {
            return false;
        };
        let mut parts = value.split_whitespace();
        let (Some(n), Some("kB"), None) = (parts.next(), parts.next(), parts.next()) else {
            // Lines such as `VmFlags: rd wr` or `THPeligible: 0` carry no size.
            return !value.trim().is_empty();
        };
        let Ok(kib) = n.parse::<u64>() else {
            return false;
        };
        let bytes = kib * 1024;
        match key {
            "Rss" => self.rss += bytes,
            "Pss" => self.pss += bytes,
            "Shared_Clean" => self.shared_clean += bytes,
            "Shared_Dirty" => self.shared_dirty += bytes,
            "Private_Clean" => self.private_clean += bytes,
            "Private_Dirty" => self.private_dirty += bytes,
            "AnonHugePages" => self.anon_huge_pages += bytes,
            "Swap" => self.swap += bytes,
            _ => {}
        }
        true
    }

    /// Parses the text of a `smaps_rollup` file (`path` names it in errors).
    pub fn parse_rollup(path: &str, text: &str) -> Result<Self, SmapsError> {
        let mut report = MemoryReport::default();
        for (i, line) in text.lines().enumerate() {
            // The first line is the mapping header (`start-end ---p ... [rollup]`).
            if line.is_empty() || (i == 0 && header_range(line).is_some()) {
                continue;
            }
            if !report.add_line(line) {
                return Err(SmapsError::Malformed {
                    path: path.to_string(),
                    line: i + 1,
                    text: line.to_string(),
                });
            }
        }
        Ok(report)
    }
}

/// One mapping's memory, from `/proc/<pid>/smaps`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct MappingReport {
    /// First address of the mapping.
    pub start: usize,
    /// One past its last address.
    pub end: usize,
    /// Its memory.
    pub memory: MemoryReport,
}

fn read(path: &str) -> Result<String, SmapsError> {
    std::fs::read_to_string(path).map_err(|source| SmapsError::Read {
        path: path.to_string(),
        source,
    })
}

/// The memory of process `pid`, from `/proc/<pid>/smaps_rollup`.
pub fn smaps_rollup(pid: Pid) -> Result<MemoryReport, SmapsError> {
    let path = format!("/proc/{pid}/smaps_rollup");
    MemoryReport::parse_rollup(&path, &read(&path)?)
}

/// The memory of the mapping of process `pid` that contains `addr`, from
/// `/proc/<pid>/smaps`. Note that the kernel may list one region as several mappings
/// (e.g. after `madvise` split it).
pub fn mapping_report(pid: Pid, addr: usize) -> Result<MappingReport, SmapsError> {
    let path = format!("/proc/{pid}/smaps");
    parse_mapping(&path, &read(&path)?, addr)
}

fn header_range(line: &str) -> Option<(usize, usize)> {
    let range = line.split_whitespace().next()?;
    let (a, b) = range.split_once('-')?;
    Some((
        usize::from_str_radix(a, 16).ok()?,
        usize::from_str_radix(b, 16).ok()?,
    ))
}

fn parse_mapping(path: &str, text: &str, addr: usize) -> Result<MappingReport, SmapsError> {
    let mut current: Option<MappingReport> = None;
    for (i, line) in text.lines().enumerate() {
        let first = line.split_whitespace().next().unwrap_or("");
        if !first.ends_with(':')
            && let Some((start, end)) = header_range(line)
        {
            if let Some(found) = current.take() {
                return Ok(found);
            }
            if (start..end).contains(&addr) {
                current = Some(MappingReport {
                    start,
                    end,
                    memory: MemoryReport::default(),
                });
            }
            continue;
        }
        if let Some(m) = current.as_mut()
            && !m.memory.add_line(line)
        {
            return Err(SmapsError::Malformed {
                path: path.to_string(),
                line: i + 1,
                text: line.to_string(),
            });
        }
    }
    current.ok_or(SmapsError::NoMapping {
        path: path.to_string(),
        addr,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLLUP: &str = "\
55e0a0a00000-7ffd5a5f7000 ---p 00000000 00:00 0                          [rollup]
Rss:                2048 kB
Pss:                1024 kB
Pss_Anon:            512 kB
Shared_Clean:        256 kB
Shared_Dirty:        768 kB
Private_Clean:         0 kB
Private_Dirty:      1024 kB
Referenced:         2048 kB
Anonymous:          1536 kB
AnonHugePages:      1024 kB
Swap:                  0 kB
Locked:                0 kB
";

    #[test]
    fn parses_rollup_in_bytes() {
        let r = MemoryReport::parse_rollup("x", ROLLUP).unwrap();
        assert_eq!(
            r,
            MemoryReport {
                rss: 2048 * 1024,
                pss: 1024 * 1024,
                shared_clean: 256 * 1024,
                shared_dirty: 768 * 1024,
                private_clean: 0,
                private_dirty: 1024 * 1024,
                anon_huge_pages: 1024 * 1024,
                swap: 0,
            }
        );
    }

    #[test]
    fn rejects_malformed_line() {
        let err = MemoryReport::parse_rollup(
            "/proc/1/smaps_rollup",
            "00400000-00401000 ---p 00000000 00:00 0  [rollup]\nRss: lots kB\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "/proc/1/smaps_rollup: line 2 is not `Key: <number> kB`: \"Rss: lots kB\""
        );
    }

    #[test]
    fn finds_the_mapping_with_the_address() {
        let text = "\
00400000-00401000 r-xp 00000000 08:01 1 /bin/x
Rss:                   4 kB
VmFlags: rd ex
7f0000000000-7f0000200000 rw-p 00000000 00:00 0
Rss:                2048 kB
Private_Dirty:      2048 kB
AnonHugePages:      2048 kB
THPeligible:    1
VmFlags: rd wr mr mw me ac hg
7f0000200000-7f0000201000 rw-p 00000000 00:00 0
Rss:                   4 kB
";
        let m = parse_mapping("x", text, 0x7f0000100000).unwrap();
        assert_eq!((m.start, m.end), (0x7f0000000000, 0x7f0000200000));
        assert_eq!(m.memory.private_dirty, 2 << 20);
        assert_eq!(m.memory.anon_huge_pages, 2 << 20);
        assert_eq!(m.memory.rss, 2 << 20);
        assert!(matches!(
            parse_mapping("x", text, 0x10),
            Err(SmapsError::NoMapping { .. })
        ));
    }

    #[test]
    fn reads_own_rollup() {
        let r = smaps_rollup(std::process::id() as Pid).unwrap();
        assert!(r.rss > 0 && r.pss > 0);
    }
}
