//! One child's cgroup in one hierarchy: create with limits, join, read the kernel's verdict,
//! kill everything in it, remove it.

use std::fs::OpenOptions;
use std::io::{ErrorKind, Write};
use std::os::fd::OwnedFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
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

fn read_key(path: &Path, key: &str) -> Option<u64> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines().find_map(|l| {
        let (k, v) = l.split_once(' ')?;
        (k == key).then(|| v.trim().parse().ok()).flatten()
    })
}

fn read_number(path: &Path) -> Option<u64> {
    std::fs::read_to_string(path).ok()?.trim().parse().ok()
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
        let dir = self.dir.join(name);
        match std::fs::create_dir(&dir) {
            Ok(()) => {}
            // A leftover of an earlier master with the same pid: reuse it if it is empty.
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
            Err(e) => return Err(ResctlError::cgroup("create", &dir, e)),
        }
        let group = ChildGroup {
            version: self.version,
            dir,
            roles,
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

    fn set_limits(&self, spec: &LimitSpec) -> Result<(), ResctlError> {
        if let (true, Some(mem)) = (self.roles.memory, spec.mem) {
            let mem = mem.to_string();
            match self.version {
                Version::V2 => {
                    write_file(&self.file("memory.max"), &mem)?;
                    // With swap, memory.max alone would let the child swap instead of
                    // hitting its limit. Absent without swap accounting: not an error.
                    let _ = write_file(&self.file("memory.swap.max"), "0");
                }
                Version::V1 => {
                    write_file(&self.file("memory.limit_in_bytes"), &mem)?;
                    let _ = write_file(&self.file("memory.memsw.limit_in_bytes"), &mem);
                }
            }
        }
        if let (true, Some(procs)) = (self.roles.pids, spec.procs) {
            write_file(&self.file("pids.max"), &procs.to_string())?;
        }
        if let (true, Some(milli)) = (self.roles.cpu, spec.cpus_milli) {
            // Quota per 100 ms period; the kernel's minimum quota is 1 ms.
            let quota = (u64::from(milli) * 100).max(1000);
            match self.version {
                Version::V2 => write_file(&self.file("cpu.max"), &format!("{quota} 100000"))?,
                Version::V1 => {
                    write_file(&self.file("cpu.cfs_period_us"), "100000")?;
                    write_file(&self.file("cpu.cfs_quota_us"), &quota.to_string())?;
                }
            }
        }
        Ok(())
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

    /// The kernel's counters for the roles this group has.
    pub fn counters(&self) -> Counters {
        let mut c = Counters::default();
        if self.roles.memory {
            match self.version {
                Version::V2 => {
                    c.oom_kills = read_key(&self.file("memory.events"), "oom_kill");
                    c.memory_max_hits = read_key(&self.file("memory.events"), "max");
                    c.memory_peak = read_number(&self.file("memory.peak"));
                }
                Version::V1 => {
                    c.oom_kills = read_key(&self.file("memory.oom_control"), "oom_kill");
                    c.memory_max_hits = read_number(&self.file("memory.failcnt"));
                    c.memory_peak = read_number(&self.file("memory.max_usage_in_bytes"));
                }
            }
        }
        if self.roles.pids {
            c.forks_denied = read_key(&self.file("pids.events"), "max");
        }
        c
    }

    /// True if no process is left in the group.
    fn is_empty(&self) -> bool {
        match self.version {
            Version::V2 => read_key(&self.file("cgroup.events"), "populated") == Some(0),
            Version::V1 => std::fs::read_to_string(self.file("cgroup.procs"))
                .map(|t| t.trim().is_empty())
                .unwrap_or(true),
        }
    }

    /// Kills every process in the group: `cgroup.kill` where the kernel has it, else
    /// `SIGKILL` to each listed process until none is left (a forking child cannot outrun
    /// this for long: its forks are bounded by the pids limit).
    pub fn kill_all(&self) -> Result<(), ResctlError> {
        if self.is_empty() {
            return Ok(());
        }
        if self.version == Version::V2 && self.roles.kill {
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
        while !self.is_empty() && start.elapsed() < Duration::from_millis(500) {
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
