//! The limit spec: `mem=256M,cpu=10s,wall=30s,procs=64,files=256,fsize=1G,core=0,stack=8M,nice=5`.
//!
//! A spec is a comma-separated list of `key=value` items, each key at most once. Sizes take
//! binary suffixes `K`, `M`, `G`, `T` (1024-based; no suffix means bytes). Durations need a
//! unit: `ms`, `s`, `m` or `h`. `Display` writes the canonical form, which parses back to the
//! same spec.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// Every key a spec may hold, in canonical order.
pub const KEYS: [&str; 10] = [
    "mem", "cpu", "cpus", "wall", "procs", "files", "fsize", "core", "stack", "nice",
];

/// The limits asked for one child. `None` means "not limited by this spec".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LimitSpec {
    /// `mem`: memory in bytes (cgroup memory limit, else `RLIMIT_DATA` or `RLIMIT_AS`).
    pub mem: Option<u64>,
    /// `cpu`: CPU time, whole seconds (`RLIMIT_CPU`; `SIGXCPU` at the limit, `SIGKILL` 1 s later).
    pub cpu: Option<Duration>,
    /// `cpus`: CPU bandwidth in thousandths of a CPU (cgroup CPU quota; `1.5` is 1500).
    pub cpus_milli: Option<u32>,
    /// `wall`: wall-clock time, enforced by the parent.
    pub wall: Option<Duration>,
    /// `procs`: tasks (processes and threads) (cgroup pids limit, else `RLIMIT_NPROC`).
    pub procs: Option<u64>,
    /// `files`: open file descriptors (`RLIMIT_NOFILE`).
    pub files: Option<u64>,
    /// `fsize`: largest file the child may write, in bytes (`RLIMIT_FSIZE`).
    pub fsize: Option<u64>,
    /// `core`: largest core dump, in bytes (`RLIMIT_CORE`).
    pub core: Option<u64>,
    /// `stack`: main-thread stack, in bytes (`RLIMIT_STACK`).
    pub stack: Option<u64>,
    /// `nice`: scheduling niceness, -20 to 19.
    pub nice: Option<i32>,
}

/// Why a spec did not parse. Every message names the key and value at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpecError {
    /// The key is not one of [`KEYS`].
    #[error("unknown limit `{key}` in `{key}={value}` (known: {known})", known = KEYS.join(", "))]
    UnknownKey {
        /// The key as written.
        key: String,
        /// The value as written.
        value: String,
    },
    /// The value does not fit the key's rule.
    #[error("bad value `{value}` for limit `{key}`: {rule}")]
    BadValue {
        /// The key as written.
        key: String,
        /// The value as written.
        value: String,
        /// The rule the value breaks.
        rule: &'static str,
    },
    /// An item has no `=`.
    #[error("`{item}` is not `key=value`")]
    NotKeyValue {
        /// The item as written.
        item: String,
    },
    /// An item is empty (two commas in a row, or a trailing comma).
    #[error("empty item {index} in `{spec}` (a stray comma?)")]
    EmptyItem {
        /// 1-based position of the empty item.
        index: usize,
        /// The whole spec.
        spec: String,
    },
    /// A key appears twice.
    #[error("limit `{key}` given twice (`{key}={first}` and `{key}={second}`)")]
    Duplicate {
        /// The key.
        key: String,
        /// The first value.
        first: String,
        /// The repeated value.
        second: String,
    },
}

impl LimitSpec {
    /// Parses a spec. An empty (or all-blank) string is the empty spec.
    pub fn parse(spec: &str) -> Result<LimitSpec, SpecError> {
        let mut out = LimitSpec::default();
        if spec.trim().is_empty() {
            return Ok(out);
        }
        let mut seen: Vec<(&str, &str)> = Vec::new();
        for (i, raw) in spec.split(',').enumerate() {
            let item = raw.trim();
            if item.is_empty() {
                return Err(SpecError::EmptyItem {
                    index: i + 1,
                    spec: spec.to_string(),
                });
            }
            let Some((key, value)) = item.split_once('=') else {
                return Err(SpecError::NotKeyValue {
                    item: item.to_string(),
                });
            };
            let (key, value) = (key.trim(), value.trim());
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                return Err(SpecError::Duplicate {
                    key: key.to_string(),
                    first: first.to_string(),
                    second: value.to_string(),
                });
            }
            seen.push((key, value));
            out.set(key, value)?;
        }
        Ok(out)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), SpecError> {
        let bad = |rule: &'static str| SpecError::BadValue {
            key: key.to_string(),
            value: value.to_string(),
            rule,
        };
        match key {
            "mem" => {
                let v = parse_size(value).map_err(bad)?;
                if v == 0 {
                    return Err(bad("must be more than 0"));
                }
                self.mem = Some(v);
            }
            "cpu" => {
                let d = parse_duration(value).map_err(bad)?;
                if d.subsec_nanos() != 0 || d.is_zero() {
                    return Err(bad("RLIMIT_CPU counts whole seconds: use 1s or more"));
                }
                self.cpu = Some(d);
            }
            "cpus" => self.cpus_milli = Some(parse_milli(value).map_err(bad)?),
            "wall" => {
                let d = parse_duration(value).map_err(bad)?;
                if d.is_zero() {
                    return Err(bad("must be more than 0"));
                }
                self.wall = Some(d);
            }
            "procs" => self.procs = Some(parse_count(value).map_err(bad)?),
            "files" => self.files = Some(parse_count(value).map_err(bad)?),
            "fsize" => self.fsize = Some(parse_size(value).map_err(bad)?),
            "core" => self.core = Some(parse_size(value).map_err(bad)?),
            "stack" => {
                let v = parse_size(value).map_err(bad)?;
                if v < 64 * 1024 {
                    return Err(bad("a stack under 64K cannot run the child"));
                }
                self.stack = Some(v);
            }
            "nice" => {
                let n: i32 = value
                    .parse()
                    .map_err(|_| bad("expected an integer from -20 to 19"))?;
                if !(-20..=19).contains(&n) {
                    return Err(bad("expected an integer from -20 to 19"));
                }
                self.nice = Some(n);
            }
            _ => {
                return Err(SpecError::UnknownKey {
                    key: key.to_string(),
                    value: value.to_string(),
                });
            }
        }
        Ok(())
    }

    /// True when the spec limits nothing.
    pub fn is_empty(&self) -> bool {
        *self == LimitSpec::default()
    }
}

impl FromStr for LimitSpec {
    type Err = SpecError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LimitSpec::parse(s)
    }
}

impl fmt::Display for LimitSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut items: Vec<String> = Vec::new();
        if let Some(v) = self.mem {
            items.push(format!("mem={}", Size(v)));
        }
        if let Some(d) = self.cpu {
            items.push(format!("cpu={}", Wall(d)));
        }
        if let Some(m) = self.cpus_milli {
            items.push(format!("cpus={}", Milli(m)));
        }
        if let Some(d) = self.wall {
            items.push(format!("wall={}", Wall(d)));
        }
        if let Some(v) = self.procs {
            items.push(format!("procs={v}"));
        }
        if let Some(v) = self.files {
            items.push(format!("files={v}"));
        }
        if let Some(v) = self.fsize {
            items.push(format!("fsize={}", Size(v)));
        }
        if let Some(v) = self.core {
            items.push(format!("core={}", Size(v)));
        }
        if let Some(v) = self.stack {
            items.push(format!("stack={}", Size(v)));
        }
        if let Some(v) = self.nice {
            items.push(format!("nice={v}"));
        }
        f.write_str(&items.join(","))
    }
}

/// A byte count printed in the largest binary unit that divides it (`256M`, `1G`, `1000`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Size(pub u64);

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (suffix, unit) in [
            ('T', 1u64 << 40),
            ('G', 1 << 30),
            ('M', 1 << 20),
            ('K', 1 << 10),
        ] {
            if self.0 != 0 && self.0.is_multiple_of(unit) {
                return write!(f, "{}{suffix}", self.0 / unit);
            }
        }
        write!(f, "{}", self.0)
    }
}

/// A byte count for people: `256 MiB`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HumanSize(pub u64);

impl fmt::Display for HumanSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (suffix, unit) in [
            ("TiB", 1u64 << 40),
            ("GiB", 1 << 30),
            ("MiB", 1 << 20),
            ("KiB", 1 << 10),
        ] {
            if self.0 >= unit {
                return if self.0.is_multiple_of(unit) {
                    write!(f, "{} {suffix}", self.0 / unit)
                } else {
                    write!(f, "{:.1} {suffix}", self.0 as f64 / unit as f64)
                };
            }
        }
        write!(f, "{} bytes", self.0)
    }
}

/// A duration in the largest unit that divides it (`30s`, `2m`, `1500ms`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Wall(pub Duration);

impl fmt::Display for Wall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.0.as_millis();
        for (suffix, unit) in [("h", 3_600_000u128), ("m", 60_000), ("s", 1000)] {
            if ms != 0 && ms.is_multiple_of(unit) {
                return write!(f, "{}{suffix}", ms / unit);
            }
        }
        write!(f, "{ms}ms")
    }
}

/// Thousandths printed as a decimal (`1.5`, `0.25`, `2`).
struct Milli(u32);

impl fmt::Display for Milli {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, frac) = (self.0 / 1000, self.0 % 1000);
        if frac == 0 {
            return write!(f, "{whole}");
        }
        let digits = format!("{frac:03}");
        write!(f, "{whole}.{}", digits.trim_end_matches('0'))
    }
}

fn parse_count(value: &str) -> Result<u64, &'static str> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err("expected a whole number such as 64");
    }
    value.parse().map_err(|_| "number too large")
}

fn parse_size(value: &str) -> Result<u64, &'static str> {
    const RULE: &str = "expected a size such as 4096, 512K, 256M or 1G";
    let (digits, unit) = match value.as_bytes().last() {
        Some(b'K' | b'k') => (&value[..value.len() - 1], 1u64 << 10),
        Some(b'M' | b'm') => (&value[..value.len() - 1], 1 << 20),
        Some(b'G' | b'g') => (&value[..value.len() - 1], 1 << 30),
        Some(b'T' | b't') => (&value[..value.len() - 1], 1 << 40),
        _ => (value, 1),
    };
    let n = parse_count(digits).map_err(|_| RULE)?;
    n.checked_mul(unit).ok_or("size too large")
}

fn parse_duration(value: &str) -> Result<Duration, &'static str> {
    const RULE: &str = "expected a duration with a unit such as 500ms, 10s, 5m or 1h";
    let split = value.find(|c: char| !c.is_ascii_digit()).ok_or(RULE)?;
    let (digits, unit) = value.split_at(split);
    let n = parse_count(digits).map_err(|_| RULE)?;
    let ms_per = match unit {
        "ms" => 1,
        "s" => 1000,
        "m" => 60_000,
        "h" => 3_600_000,
        _ => return Err(RULE),
    };
    n.checked_mul(ms_per)
        .map(Duration::from_millis)
        .ok_or("duration too large")
}

fn parse_milli(value: &str) -> Result<u32, &'static str> {
    const RULE: &str = "expected a number of CPUs such as 0.5, 1 or 2.25 (at most 3 decimals)";
    let (whole, frac) = value.split_once('.').unwrap_or((value, ""));
    if whole.is_empty() || frac.len() > 3 || (value.contains('.') && frac.is_empty()) {
        return Err(RULE);
    }
    let whole = parse_count(whole).map_err(|_| RULE)?;
    let frac_n = if frac.is_empty() {
        0
    } else {
        parse_count(frac).map_err(|_| RULE)? * 10u64.pow(3 - frac.len() as u32)
    };
    let milli = whole
        .checked_mul(1000)
        .and_then(|w| w.checked_add(frac_n))
        .filter(|m| *m <= u32::MAX as u64)
        .ok_or("too many CPUs")?;
    if milli == 0 {
        return Err("must be more than 0");
    }
    Ok(milli as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_example_spec() {
        let s = LimitSpec::parse(
            "mem=256M,cpu=10s,wall=30s,procs=64,files=256,fsize=1G,core=0,stack=8M,nice=5",
        )
        .unwrap();
        assert_eq!(s.mem, Some(256 << 20));
        assert_eq!(s.cpu, Some(Duration::from_secs(10)));
        assert_eq!(s.wall, Some(Duration::from_secs(30)));
        assert_eq!(s.procs, Some(64));
        assert_eq!(s.files, Some(256));
        assert_eq!(s.fsize, Some(1 << 30));
        assert_eq!(s.core, Some(0));
        assert_eq!(s.stack, Some(8 << 20));
        assert_eq!(s.nice, Some(5));
        assert_eq!(
            s.to_string(),
            "mem=256M,cpu=10s,wall=30s,procs=64,files=256,fsize=1G,core=0,stack=8M,nice=5"
        );
    }

    #[test]
    fn display_round_trips() {
        for text in [
            "",
            "mem=1000",
            "mem=1536K,cpus=1.5",
            "cpus=0.25,wall=1500ms",
            "cpu=2m,wall=1h",
            "fsize=0,nice=-20",
            "mem=3T",
        ] {
            let spec: LimitSpec = text.parse().unwrap();
            assert_eq!(spec.to_string(), text);
            assert_eq!(spec.to_string().parse::<LimitSpec>().unwrap(), spec);
        }
        // Non-canonical input still round-trips through its canonical form.
        let spec: LimitSpec = " wall = 60s , mem=1024m ".parse().unwrap();
        assert_eq!(spec.to_string(), "mem=1G,wall=1m");
        assert_eq!(spec.to_string().parse::<LimitSpec>().unwrap(), spec);
    }

    #[test]
    fn bad_specs_name_key_and_value() {
        let cases = [
            "mem=lots",
            "mem=0",
            "mem=99999999999T",
            "cpu=10",
            "cpu=1500ms",
            "cpu=0s",
            "cpus=0",
            "cpus=1.2345",
            "wall=3d",
            "wall=0ms",
            "procs=-1",
            "files=many",
            "stack=4K",
            "nice=20",
            "nice=five",
            "memory=256M",
            "mem",
            "mem=1M,,cpu=1s",
            "mem=1M,",
            "mem=1M,mem=2M",
        ];
        let report: String = cases
            .iter()
            .map(|c| format!("{c:<20} => {}\n", LimitSpec::parse(c).unwrap_err()))
            .collect();
        insta::assert_snapshot!(report);
    }
}
