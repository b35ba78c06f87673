//! Which cgroup hierarchies this machine has, read at run time from `/proc/self/mountinfo`
//! and `/proc/self/cgroup`.

use std::fmt;
use std::path::{Path, PathBuf};

/// The overall shape of the cgroup file systems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutKind {
    /// Only cgroup v2 (one unified hierarchy).
    Unified,
    /// cgroup v1 controllers plus a v2 hierarchy (usually at `/sys/fs/cgroup/unified`).
    Hybrid,
    /// Only cgroup v1 hierarchies.
    Legacy,
    /// No cgroup file system mounted.
    None,
}

impl fmt::Display for LayoutKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LayoutKind::Unified => "cgroup v2 (unified)",
            LayoutKind::Hybrid => "hybrid (cgroup v1 controllers + cgroup v2)",
            LayoutKind::Legacy => "cgroup v1 only",
            LayoutKind::None => "no cgroups",
        })
    }
}

/// One mounted hierarchy, and where this process sits in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hierarchy {
    /// Controllers bound to it (v1: from the mount options; v2: empty here, see
    /// `cgroup.controllers`).
    pub controllers: Vec<String>,
    /// Mount point.
    pub mount: PathBuf,
    /// Directory of this process's own cgroup in it.
    pub own: PathBuf,
}

/// All hierarchies found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CgroupLayout {
    /// The v2 hierarchy, if mounted.
    pub unified: Option<Hierarchy>,
    /// The v1 hierarchies that carry controllers (named ones such as `name=systemd` left out).
    pub v1: Vec<Hierarchy>,
}

impl CgroupLayout {
    /// Reads `<proc_root>/self/mountinfo` and `<proc_root>/self/cgroup`. A missing file means
    /// no cgroups.
    pub fn detect(proc_root: &Path) -> CgroupLayout {
        let mountinfo =
            std::fs::read_to_string(proc_root.join("self/mountinfo")).unwrap_or_default();
        let cgroup = std::fs::read_to_string(proc_root.join("self/cgroup")).unwrap_or_default();
        CgroupLayout::from_tables(&mountinfo, &cgroup)
    }

    /// Builds the layout from the text of `mountinfo` and `/proc/self/cgroup`.
    pub fn from_tables(mountinfo: &str, proc_cgroup: &str) -> CgroupLayout {
        let mut layout = CgroupLayout::default();
        for line in mountinfo.lines() {
            let Some(m) = MountLine::parse(line) else {
                continue;
            };
            match m.fstype {
                "cgroup2" => {
                    if layout.unified.is_some() {
                        continue;
                    }
                    let path = proc_cgroup
                        .lines()
                        .find_map(|l| l.strip_prefix("0::"))
                        .unwrap_or("/");
                    layout.unified = Some(Hierarchy {
                        controllers: Vec::new(),
                        own: own_dir(&m.mount, m.root, path),
                        mount: m.mount,
                    });
                }
                "cgroup" => {
                    let controllers: Vec<String> = m
                        .super_options
                        .split(',')
                        .filter(|o| is_v1_controller(o))
                        .map(str::to_string)
                        .collect();
                    if controllers.is_empty()
                        || layout.v1.iter().any(|h| h.controllers == controllers)
                    {
                        continue;
                    }
                    // The /proc/self/cgroup line whose controller list is this mount's.
                    let path = proc_cgroup
                        .lines()
                        .filter_map(|l| {
                            let mut parts = l.splitn(3, ':');
                            let (_, ctrls, path) = (parts.next()?, parts.next()?, parts.next()?);
                            let mut ctrls: Vec<&str> = ctrls.split(',').collect();
                            ctrls.sort_unstable();
                            let mut want: Vec<&str> =
                                controllers.iter().map(String::as_str).collect();
                            want.sort_unstable();
                            (ctrls == want).then_some(path)
                        })
                        .next()
                        .unwrap_or("/");
                    layout.v1.push(Hierarchy {
                        own: own_dir(&m.mount, m.root, path),
                        mount: m.mount,
                        controllers,
                    });
                }
                _ => {}
            }
        }
        layout
    }

    /// The overall shape.
    pub fn kind(&self) -> LayoutKind {
        match (self.unified.is_some(), self.v1.is_empty()) {
            (true, true) => LayoutKind::Unified,
            (true, false) => LayoutKind::Hybrid,
            (false, false) => LayoutKind::Legacy,
            (false, true) => LayoutKind::None,
        }
    }

    /// The v1 hierarchy that carries `controller`.
    pub fn v1_for(&self, controller: &str) -> Option<&Hierarchy> {
        self.v1
            .iter()
            .find(|h| h.controllers.iter().any(|c| c == controller))
    }
}

fn is_v1_controller(option: &str) -> bool {
    matches!(
        option,
        "cpu"
            | "cpuacct"
            | "cpuset"
            | "memory"
            | "devices"
            | "freezer"
            | "net_cls"
            | "net_prio"
            | "blkio"
            | "perf_event"
            | "hugetlb"
            | "pids"
            | "rdma"
            | "misc"
    )
}

/// Our cgroup directory: the mount point plus our path below the mount's root.
fn own_dir(mount: &Path, mount_root: &str, path: &str) -> PathBuf {
    let rel = path
        .strip_prefix(mount_root)
        .unwrap_or(path)
        .trim_start_matches('/');
    if rel.is_empty() {
        mount.to_path_buf()
    } else {
        mount.join(rel)
    }
}

struct MountLine<'a> {
    root: &'a str,
    mount: PathBuf,
    fstype: &'a str,
    super_options: &'a str,
}

impl<'a> MountLine<'a> {
    /// `id parent maj:min root mount options [optional...] - fstype source super_options`
    fn parse(line: &'a str) -> Option<MountLine<'a>> {
        let (left, right) = line.split_once(" - ")?;
        let mut l = left.split(' ');
        let root = l.nth(3)?;
        let mount = unescape(l.next()?);
        let mut r = right.split(' ');
        let fstype = r.next()?;
        let super_options = r.nth(1).unwrap_or("");
        Some(MountLine {
            root,
            mount,
            fstype,
            super_options,
        })
    }
}

/// mountinfo writes space, tab, newline and backslash as `\ooo`.
fn unescape(field: &str) -> PathBuf {
    let b = field.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\'
            && i + 3 < b.len()
            && b[i + 1..i + 4].iter().all(|c| (b'0'..=b'7').contains(c))
        {
            out.push((b[i + 1] - b'0') * 64 + (b[i + 2] - b'0') * 8 + (b[i + 3] - b'0'));
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HYBRID_MOUNTS: &str = "\
31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
";
    const HYBRID_CGROUP: &str = "\
9:name=systemd:/
8:pids:/
4:memory:/process_api/abc
1:cpu:/
0::/
";

    #[test]
    fn reads_a_hybrid_layout() {
        let l = CgroupLayout::from_tables(HYBRID_MOUNTS, HYBRID_CGROUP);
        assert_eq!(l.kind(), LayoutKind::Hybrid);
        assert_eq!(l.v1.len(), 3);
        let mem = l.v1_for("memory").unwrap();
        assert_eq!(mem.own, Path::new("/sys/fs/cgroup/memory/process_api/abc"));
        assert_eq!(
            l.v1_for("pids").unwrap().own,
            Path::new("/sys/fs/cgroup/pids")
        );
        assert_eq!(l.unified.unwrap().own, Path::new("/sys/fs/cgroup/unified"));
    }

    #[test]
    fn reads_unified_legacy_and_none() {
        let l = CgroupLayout::from_tables(
            "30 23 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw,nsdelegate\n",
            "0::/user.slice/a b.scope\n",
        );
        assert_eq!(l.kind(), LayoutKind::Unified);
        assert_eq!(
            l.unified.unwrap().own,
            Path::new("/sys/fs/cgroup/user.slice/a b.scope")
        );

        let l = CgroupLayout::from_tables(
            "32 31 0:29 /docker/x /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n",
            "3:cpuacct,cpu:/docker/x/inner\n",
        );
        assert_eq!(l.kind(), LayoutKind::Legacy);
        assert_eq!(
            l.v1_for("cpu").unwrap().own,
            Path::new("/sys/fs/cgroup/cpu,cpuacct/inner")
        );

        assert_eq!(CgroupLayout::from_tables("", "").kind(), LayoutKind::None);
    }

    #[test]
    fn unescapes_mount_points() {
        assert_eq!(unescape(r"/mnt/a\040b"), Path::new("/mnt/a b"));
        assert_eq!(unescape(r"/x\\"), Path::new(r"/x\\"));
    }

    #[test]
    fn detects_this_machine() {
        // Whatever the machine is, detection must not fail.
        let l = CgroupLayout::detect(Path::new("/proc"));
        let _ = l.kind().to_string();
    }
}
