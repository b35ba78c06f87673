//! One child's cgroup in one hierarchy: create with limits, join, read the kernel's verdict,
//! kill everything in it, remove it.

use std::fs::File;
use std::fs::OpenOptions;
use std::io::{ErrorKind, Write};
use std::os::fd::OwnedFd;
use std::os::unix::fs::{FileExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use super::Version;
use crate::error::ResctlError;
use crate::spec::LimitSpec;

/// What a hierarchy is used for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Roles {
    pub memory: bool,
    pub pids: bool,
    pub cpu: bool,
    /// `cgroup.kill` (v2) to end the child's whole tree.
    pub kill: bool,
}

impl Roles {
    pub fn any(self) -> bool {
        self.memory || self.pids || self.cpu || self.kill
    }

    /// The roles a spec needs out of the ones on offer.
    pub fn needed_by(self, spec: &LimitSpec) -> Roles {
        Roles {
            memory: self.memory && spec.mem.is_some(),
            pids: self.pids && spec.procs.is_some(),
            cpu: self.cpu && spec.cpus_milli.is_some(),
            kill: self.kill,
        }
    }
}

/// A directory under which the master makes one group per child.
#[derive(Debug, Clone)]
pub(crate) struct ParentGroup {
    pub version: Version,
    pub dir: PathBuf,
    pub roles: Roles,
    pub pool: SharedPool,
}

/// Empty child groups kept for reuse: making and removing a memory cgroup costs hundreds of
/// microseconds, reusing one a few writes.
#[derive(Debug, Default)]
pub(crate) struct Pool {
    idle: Vec<IdleGroup>,
    capacity: usize,
    closed: bool,
}

pub(crate) type SharedPool = Arc<Mutex<Pool>>;

/// Limit values in a group's files; `None` is the kernel's default (no limit).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Written {
    mem: Option<u64>,
    pids: Option<u64>,
    cpu_quota: Option<u64>,
}

#[derive(Debug)]
struct IdleGroup {
    dir: PathBuf,
    written: Written,
    files: CounterFiles,
    /// The counters when it was last released: the kernel cannot reset `oom_kill` or
    /// `pids.events`, so the next child's counts are taken relative to these.
    baseline: Counters,
}

impl Pool {
    pub fn shared(capacity: usize) -> SharedPool {
        Arc::new(Mutex::new(Pool {
            capacity,
            ..Pool::default()
        }))
    }

    /// Stops taking groups back and removes the idle ones.
    pub fn close(pool: &SharedPool) {
        let idle = match pool.lock() {
            Ok(mut p) => {
                p.closed = true;
                std::mem::take(&mut p.idle)
            }
            Err(_) => return,
        };
        for g in idle {
            let _ = std::fs::remove_dir(&g.dir);
        }
    }
}

/// The kernel's counters for one child's group, read after it ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counters {
    /// Processes the OOM killer killed in the group (v2 `memory.events`, v1
    /// `memory.oom_control`).
    pub oom_kills: Option<u64>,
    /// Times the memory limit was hit (v2 `memory.events` `max`, v1 `memory.failcnt`).
    pub memory_max_hits: Option<u64>,
    /// Highest memory use (v2 `memory.peak`, v1 `memory.max_usage_in_bytes`).
    pub memory_peak: Option<u64>,
    /// Forks refused by the pids limit (`pids.events` `max`).
    pub forks_denied: Option<u64>,
}

impl Counters {
    /// What happened since `baseline` (counters of a reused group).
    pub fn since(self, baseline: Counters) -> Counters {
        let d = |a: Option<u64>, b: Option<u64>| a.map(|a| a.saturating_sub(b.unwrap_or(0)));
        Counters {
            oom_kills: d(self.oom_kills, baseline.oom_kills),
            memory_max_hits: d(self.memory_max_hits, baseline.memory_max_hits),
            memory_peak: self.memory_peak,
            forks_denied: d(self.forks_denied, baseline.forks_denied),
        }
    }

    pub fn merge(&mut self, other: Counters) {
        self.oom_kills = self.oom_kills.or(other.oom_kills);
        self.memory_max_hits = self.memory_max_hits.or(other.memory_max_hits);
        self.memory_peak = self.memory_peak.or(other.memory_peak);
        self.forks_denied = self.forks_denied.or(other.forks_denied);
    }
}

/// One child's group in one hierarchy.
#[derive(Debug)]
pub(crate) struct ChildGroup {
    pub version: Version,
    pub dir: PathBuf,
    pub roles: Roles,
    /// The limits written in this directory (a reused group carries an earlier child's).
    written: Written,
    /// Roles the hierarchy offers: counters are read for all of them, so that the baseline
    /// of a reused group stays whole.
    offered: Roles,
    baseline: Counters,
    /// An earlier child used this group.
    reused: bool,
    files: CounterFiles,
    pool: Option<SharedPool>,
    /// `cgroup.kill` was written: the kernel may then kill a process later born in the
    /// group (`CLONE_INTO_CGROUP`; seen on Linux 6.18), so the group is not reused.
    killed: bool,
}

pub(crate) fn write_file(path: &Path, value: &str) -> Result<(), ResctlError> {
    OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|mut f| f.write_all(value.as_bytes()))
        .map_err(|e| ResctlError::cgroup(format!("write `{value}` to"), path, e))
}

/// Offers `controller` to the children of the cgroup whose `cgroup.subtree_control` this is.
pub(crate) fn write_subtree(path: &Path, controller: &str) -> Result<(), ResctlError> {
    write_file(path, &format!("+{controller}"))
}

/// Read-only descriptors of a group's counter files, kept with the group: a `pread` costs a
/// tenth of an `open`, `read`, `close` on this kind of machine. Read-only, they give a
/// process that inherits them nothing but these numbers.
#[derive(Debug, Default)]
struct CounterFiles(Vec<(&'static str, File)>);

impl CounterFiles {
    /// The file's whole text, read at offset 0 (cgroup files regenerate there).
    fn read(&mut self, dir: &Path, name: &'static str) -> Option<String> {
        let i = match self.0.iter().position(|(n, _)| *n == name) {
            Some(i) => i,
            None => {
                let f = OpenOptions::new()
                    .read(true)
                    .custom_flags(libc::O_CLOEXEC)
                    .open(dir.join(name))
                    .ok()?;
                self.0.push((name, f));
                self.0.len() - 1
            }
        };
        let mut buf = [0u8; 512];
        let n = self.0[i].1.read_at(&mut buf, 0).ok()?;
        if n == buf.len() {
            // Too long for one read (a long cgroup.procs): read it all.
            return std::fs::read_to_string(dir.join(name)).ok();
        }
        String::from_utf8(buf[..n].to_vec()).ok()
    }
}

fn parse_key(text: &str, key: &str) -> Option<u64> {
    text.lines().find_map(|l| {
        let (k, v) = l.split_once(' ')?;
        (k == key).then(|| v.trim().parse().ok()).flatten()
    })
}

fn parse_number(text: &str) -> Option<u64> {
    text.trim().parse().ok()
}

impl ParentGroup {
    /// Makes `<dir>/<name>` with the spec's limits for this hierarchy's roles, and opens its
    /// `cgroup.procs` for the child to join.
    pub fn create_child(
        &self,
        name: &str,
        spec: &LimitSpec,
        roles: Roles,
    ) -> Result<(ChildGroup, OwnedFd), ResctlError> {
        let reused = self.pool.lock().ok().and_then(|mut p| p.idle.pop());
        let mut group = match reused {
            Some(idle) => ChildGroup {
                version: self.version,
                dir: idle.dir,
                roles,
                written: idle.written,
                offered: self.roles,
                baseline: idle.baseline,
                reused: true,
                files: idle.files,
                pool: Some(self.pool.clone()),
                killed: false,
            },
            None => {
                let dir = self.dir.join(name);
                match std::fs::create_dir(&dir) {
                    Ok(()) => {}
                    // A leftover of an earlier master with the same pid: reuse it if empty.
                    Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
                    Err(e) => return Err(ResctlError::cgroup("create", &dir, e)),
                }
                ChildGroup {
                    version: self.version,
                    dir,
                    roles,
                    written: Written::default(),
                    offered: self.roles,
                    baseline: Counters::default(),
                    reused: false,
                    files: CounterFiles::default(),
                    pool: Some(self.pool.clone()),
                    killed: false,
                }
            }
        };
        // From here on, dropping `group` on an error path would leak the directory.
        match group.set_limits(spec).and_then(|()| group.open_procs()) {
            Ok(fd) => Ok((group, fd)),
            Err(e) => {
                let _ = group.remove();
                Err(e)
            }
        }
    }
}

impl ChildGroup {
    fn file(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn set_limits(&mut self, spec: &LimitSpec) -> Result<(), ResctlError> {
        let want = Written {
            mem: spec.mem.filter(|_| self.roles.memory),
            pids: spec.procs.filter(|_| self.roles.pids),
            // Quota per 100 ms period; the kernel's minimum quota is 1 ms.
            cpu_quota: spec
                .cpus_milli
                .filter(|_| self.roles.cpu)
                .map(|m| (u64::from(m) * 100).max(1000)),
        };
        // A reused group keeps what it had: write only what changes (a fresh group has
        // no limits, as `Written::default()` says).
        if want.mem != self.written.mem {
            match (self.version, want.mem) {
                (Version::V2, mem) => {
                    let v = mem.map_or("max".to_string(), |m| m.to_string());
                    write_file(&self.file("memory.max"), &v)?;
                    // With swap, memory.max alone would let the child swap instead of
                    // hitting its limit. Absent without swap accounting: not an error.
                    if mem.is_some() {
                        let _ = write_file(&self.file("memory.swap.max"), "0");
                    }
                }
                (Version::V1, mem) => {
                    let v = mem.map_or("-1".to_string(), |m| m.to_string());
                    // memsw must stay >= the memory limit: lift it first, then set both.
                    let _ = write_file(&self.file("memory.memsw.limit_in_bytes"), "-1");
                    write_file(&self.file("memory.limit_in_bytes"), &v)?;
                    if mem.is_some() {
                        let _ = write_file(&self.file("memory.memsw.limit_in_bytes"), &v);
                    }
                }
            }
        }
        if want.pids != self.written.pids {
            let v = want.pids.map_or("max".to_string(), |p| p.to_string());
            write_file(&self.file("pids.max"), &v)?;
        }
        if want.cpu_quota != self.written.cpu_quota {
            match self.version {
                Version::V2 => {
                    let q = want.cpu_quota.map_or("max".to_string(), |q| q.to_string());
                    write_file(&self.file("cpu.max"), &format!("{q} 100000"))?;
                }
                Version::V1 => {
                    let q = want.cpu_quota.map_or("-1".to_string(), |q| q.to_string());
                    write_file(&self.file("cpu.cfs_period_us"), "100000")?;
                    write_file(&self.file("cpu.cfs_quota_us"), &q)?;
                }
            }
        }
        self.written = want;
        Ok(())
    }

    /// The group's directory, for `clone3`'s `CLONE_INTO_CGROUP`.
    pub(crate) fn open_dir(&self) -> Result<OwnedFd, ResctlError> {
        OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_CLOEXEC | libc::O_DIRECTORY)
            .open(&self.dir)
            .map(OwnedFd::from)
            .map_err(|e| ResctlError::cgroup("open", &self.dir, e))
    }

    fn open_procs(&self) -> Result<OwnedFd, ResctlError> {
        let path = self.file("cgroup.procs");
        OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_CLOEXEC)
            .open(&path)
            .map(OwnedFd::from)
            .map_err(|e| ResctlError::cgroup("open", path, e))
    }

    /// The kernel's counters since this child got the group.
    pub fn counters(&mut self) -> (Counters, Counters) {
        let raw = self.raw_counters();
        let mut since = raw.since(self.baseline);
        if self.reused {
            // The peak of a reused group may be an earlier child's.
            since.memory_peak = None;
        }
        (since, raw)
    }

    /// Gives the (killed, empty) group back to the pool for the next child, or removes it.
    /// `raw` is what [`ChildGroup::counters`] read last.
    /// `known_empty`: a kill of the whole tree has just seen the group empty.
    pub fn release(mut self, raw: Counters, known_empty: bool) -> Result<(), ResctlError> {
        let Some(pool) = self.pool.clone() else {
            return self.remove();
        };
        let keep = pool
            .lock()
            .map(|p| !p.closed && p.idle.len() < p.capacity)
            .unwrap_or(false);
        // Killed descendants stay charged to pids.current until their new parent reaps
        // them: such a group would refuse the next child's forks.
        let pids_free = !self.offered.pids
            || self
                .files
                .read(&self.dir, "pids.current")
                .and_then(|t| parse_number(&t))
                == Some(0);
        if !keep || self.killed || !pids_free || !(known_empty || self.is_empty()) {
            return self.remove();
        }
        let idle = IdleGroup {
            dir: self.dir.clone(),
            written: self.written,
            files: std::mem::take(&mut self.files),
            baseline: raw,
        };
        match pool.lock() {
            Ok(mut p) if !p.closed => {
                p.idle.push(idle);
                Ok(())
            }
            _ => self.remove(),
        }
    }

    fn raw_counters(&mut self) -> Counters {
        let mut c = Counters::default();
        let (dir, files) = (&self.dir, &mut self.files);
        if self.offered.memory {
            match self.version {
                Version::V2 => {
                    let events = files.read(dir, "memory.events").unwrap_or_default();
                    c.oom_kills = parse_key(&events, "oom_kill");
                    c.memory_max_hits = parse_key(&events, "max");
                    if !self.reused {
                        c.memory_peak = files
                            .read(dir, "memory.peak")
                            .and_then(|t| parse_number(&t));
                    }
                }
                Version::V1 => {
                    c.oom_kills = files
                        .read(dir, "memory.oom_control")
                        .and_then(|t| parse_key(&t, "oom_kill"));
                    c.memory_max_hits = files
                        .read(dir, "memory.failcnt")
                        .and_then(|t| parse_number(&t));
                    if !self.reused {
                        c.memory_peak = files
                            .read(dir, "memory.max_usage_in_bytes")
                            .and_then(|t| parse_number(&t));
                    }
                }
            }
        }
        if self.offered.pids {
            c.forks_denied = files
                .read(dir, "pids.events")
                .and_then(|t| parse_key(&t, "max"));
        }
        c
    }

    /// True if no process is left in the group.
    fn is_empty(&mut self) -> bool {
        match self.version {
            Version::V2 => {
                self.files
                    .read(&self.dir, "cgroup.events")
                    .and_then(|t| parse_key(&t, "populated"))
                    == Some(0)
            }
            Version::V1 => self
                .files
                .read(&self.dir, "cgroup.procs")
                .is_none_or(|t| t.trim().is_empty()),
        }
    }

    /// Kills every process in the group: `cgroup.kill` where the kernel has it, else
    /// `SIGKILL` to each listed process until none is left (a forking child cannot outrun
    /// this for long: its forks are bounded by the pids limit).
    pub fn kill_all(&mut self) -> Result<(), ResctlError> {
        if self.is_empty() {
            return Ok(());
        }
        if self.version == Version::V2 && self.roles.kill {
            self.killed = true;
            write_file(&self.file("cgroup.kill"), "1")?;
        } else {
            let procs = self.file("cgroup.procs");
            for _ in 0..100 {
                let text = std::fs::read_to_string(&procs)
                    .map_err(|e| ResctlError::cgroup("read", &procs, e))?;
                let pids: Vec<i32> = text.lines().filter_map(|l| l.trim().parse().ok()).collect();
                if pids.is_empty() {
                    break;
                }
                for pid in pids {
                    let _ = kill(Pid::from_raw(pid), Signal::SIGKILL);
                }
            }
        }
        // Killed processes leave the group once the kernel has torn them down.
        let start = Instant::now();
        while !self.is_empty() {
            if start.elapsed() > Duration::from_millis(500) {
                return Err(ResctlError::cgroup(
                    "empty",
                    &self.dir,
                    std::io::Error::other("processes still there 500 ms after SIGKILL"),
                ));
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        Ok(())
    }

    /// Removes the (empty) group, waiting a little for exiting processes to leave it.
    pub fn remove(&self) -> Result<(), ResctlError> {
        let start = Instant::now();
        loop {
            match std::fs::remove_dir(&self.dir) {
                Ok(()) => return Ok(()),
                Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
                Err(e)
                    if e.raw_os_error() == Some(libc::EBUSY)
                        && start.elapsed() < Duration::from_millis(500) =>
                {
                    std::thread::sleep(Duration::from_micros(200));
                }
                Err(e) => return Err(ResctlError::cgroup("remove", &self.dir, e)),
            }
        }
    }
}
