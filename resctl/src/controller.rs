//! The resource controller: decides once how each limit is enforced on this machine, then
//! prepares each child (the parent-side step before `fork()`).

use std::fmt;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use nix::sys::resource::{RLIM_INFINITY, Resource, getrlimit};
use nix::unistd::{Uid, geteuid, getresgid, getresuid};

use crate::cgroup::{CgroupLayout, ChildGroup, LayoutKind, ParentGroup, Pool, Roles, Version};
use crate::child::{ChildSetup, MAX_CGROUPS, MAX_RLIMITS};
use crate::error::ResctlError;
use crate::identity::Identity;
use crate::running::RunningChild;
use crate::spec::LimitSpec;

/// Which rlimit stands in for `mem` when no cgroup memory controller can be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MemoryRlimit {
    /// `RLIMIT_DATA`: private writable memory (heap, anonymous `mmap`). A runtime that
    /// reserves a large address space up front (as JVMs do) still starts.
    #[default]
    Data,
    /// `RLIMIT_AS`: the whole address space, reservations included.
    AddressSpace,
}

/// How the controller is set up. `Default` uses cgroups where it can.
#[derive(Debug, Clone)]
pub struct ControllerConfig {
    /// Use cgroups at all (false forces the rlimit fallback everywhere).
    pub cgroups: bool,
    /// Where child groups go: relative to the master's own cgroup in each hierarchy, or to
    /// the hierarchy's root if it starts with `/`. Made if missing.
    pub cgroup_parent: String,
    /// Put each child in a v2 group as well, even without v2 controllers, so that
    /// `cgroup.kill` can end its whole tree.
    pub unified_kill_group: bool,
    /// Where `self/mountinfo` and `self/cgroup` are read (`/proc`).
    pub proc_root: PathBuf,
    /// The rlimit used for `mem` without a memory controller.
    pub memory_rlimit: MemoryRlimit,
    /// Set `PR_SET_NO_NEW_PRIVS` in every child.
    pub no_new_privs: bool,
    /// Make each child the leader of its own process group, so that without cgroups its
    /// descendants can still be killed together.
    pub own_process_group: bool,
    /// Empty child cgroups kept per hierarchy for reuse (0: make and remove one per child).
    pub cgroup_pool: usize,
}

impl Default for ControllerConfig {
    fn default() -> Self {
        ControllerConfig {
            cgroups: true,
            cgroup_parent: "jfork".to_string(),
            unified_kill_group: true,
            proc_root: PathBuf::from("/proc"),
            memory_rlimit: MemoryRlimit::Data,
            no_new_privs: true,
            own_process_group: true,
            cgroup_pool: 16,
        }
    }
}

/// How one kind of limit is enforced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enforcement {
    /// A cgroup v1 controller.
    CgroupV1,
    /// A cgroup v2 controller.
    CgroupV2,
    /// An rlimit (named).
    Rlimit(&'static str),
    /// Not enforced on this machine.
    NotEnforced,
}

impl fmt::Display for Enforcement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Enforcement::CgroupV1 => f.write_str("cgroup v1"),
            Enforcement::CgroupV2 => f.write_str("cgroup v2"),
            Enforcement::Rlimit(name) => f.write_str(name),
            Enforcement::NotEnforced => f.write_str("not enforced"),
        }
    }
}

/// How the children's limits are enforced here, decided once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Enforcements {
    /// `mem`.
    pub memory: Enforcement,
    /// `procs`.
    pub procs: Enforcement,
    /// `cpus`.
    pub cpu_quota: Enforcement,
    /// Killing the child's whole tree when it ends.
    pub tree_kill: TreeKill,
}

/// How a child's descendants are killed when it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreeKill {
    /// Writing `1` to a v2 group's `cgroup.kill`.
    CgroupKill,
    /// `SIGKILL` to each process a v1 group lists (only when a v1 group is made for the child).
    CgroupProcs,
    /// `SIGKILL` to the child's process group.
    ProcessGroup,
    /// Nothing beyond the child itself.
    ChildOnly,
}

/// Decides how limits are enforced on this machine and prepares children.
///
/// Make one per master; it reads the cgroup layout and logs every fallback once, here.
#[derive(Debug)]
pub struct ResourceController {
    config: ControllerConfig,
    layout_kind: LayoutKind,
    parents: Vec<ParentGroup>,
    enforcements: Enforcements,
    notes: Vec<String>,
    /// Parent directories this controller made, removed (if empty) when it is dropped.
    made_dirs: Vec<PathBuf>,
    master_is_root: bool,
}

/// Child group names are unique across all controllers of the process.
static NEXT_CHILD: AtomicU64 = AtomicU64::new(0);

impl ResourceController {
    /// Detects the cgroup layout, makes the parent groups, and logs (once) each limit that
    /// falls back to an rlimit or is not enforced, and why.
    pub fn new(config: ControllerConfig) -> ResourceController {
        let layout = if config.cgroups {
            CgroupLayout::detect(&config.proc_root)
        } else {
            CgroupLayout::default()
        };
        let mut notes = Vec::new();
        let mut made_dirs: Vec<PathBuf> = Vec::new();
        let mut parents: Vec<ParentGroup> = Vec::new();
        let mut v2_roles = Roles::default();
        // Why v2 cannot carry a controller: (controller or "*" for all, reason).
        let mut v2_why_not: Vec<(&str, String)> = Vec::new();

        if let Some(u) = &layout.unified {
            let dir = parent_dir(&u.mount, &u.own, &config.cgroup_parent);
            match make_dirs(&dir, &mut made_dirs) {
                Err(e) => v2_why_not.push(("*", format!("cannot create {}: {e}", dir.display()))),
                Ok(()) => {
                    let offered = std::fs::read_to_string(u.own.join("cgroup.controllers"))
                        .unwrap_or_default();
                    let offered: Vec<&str> = offered.split_whitespace().collect();
                    let chain = dir_chain(&u.mount, &u.own, &config.cgroup_parent);
                    let enable = |c: &str| -> Result<(), String> {
                        if !offered.contains(&c) {
                            return Err(format!(
                                "the v2 hierarchy at {} does not offer it",
                                u.own.display()
                            ));
                        }
                        for d in &chain {
                            let f = d.join("cgroup.subtree_control");
                            crate::cgroup::write_subtree(&f, c).map_err(|e| e.to_string())?;
                        }
                        Ok(())
                    };
                    for (c, slot) in [
                        ("memory", &mut v2_roles.memory),
                        ("pids", &mut v2_roles.pids),
                        ("cpu", &mut v2_roles.cpu),
                    ] {
                        match enable(c) {
                            Ok(()) => *slot = true,
                            Err(e) => v2_why_not.push((c, e)),
                        }
                    }
                    v2_roles.kill = config.unified_kill_group && dir.join("cgroup.kill").exists();
                    if v2_roles.any() {
                        parents.push(ParentGroup {
                            version: Version::V2,
                            dir,
                            roles: v2_roles,
                            pool: Pool::shared(config.cgroup_pool),
                        });
                    }
                }
            }
        }

        // v1 for whatever v2 does not cover.
        let mut enforce = |controller: &str, in_v2: bool, notes: &mut Vec<String>| {
            if in_v2 {
                return Some(Version::V2);
            }
            let Some(h) = layout.v1_for(controller) else {
                notes.push(format!(
                    "no cgroup {controller} controller ({}{})",
                    layout_summary(config.cgroups, layout.kind()),
                    v2_why_not
                        .iter()
                        .find(|(c, _)| *c == controller || *c == "*")
                        .map(|(_, w)| format!("; v2: {w}"))
                        .unwrap_or_default()
                ));
                return None;
            };
            let dir = parent_dir(&h.mount, &h.own, &config.cgroup_parent);
            if let Err(e) = make_dirs(&dir, &mut made_dirs) {
                notes.push(format!(
                    "cgroup v1 {controller} controller not writable: cannot create {}: {e}",
                    dir.display()
                ));
                return None;
            }
            let i = match parents.iter().position(|p| p.dir == dir) {
                Some(i) => i,
                None => {
                    parents.push(ParentGroup {
                        version: Version::V1,
                        dir,
                        roles: Roles::default(),
                        pool: Pool::shared(config.cgroup_pool),
                    });
                    parents.len() - 1
                }
            };
            let roles = &mut parents[i].roles;
            match controller {
                "memory" => roles.memory = true,
                "pids" => roles.pids = true,
                _ => roles.cpu = true,
            }
            Some(Version::V1)
        };
        let as_enf = |v: Option<Version>, fallback: Enforcement| match v {
            Some(Version::V1) => Enforcement::CgroupV1,
            Some(Version::V2) => Enforcement::CgroupV2,
            None => fallback,
        };
        let mem_rlimit = match config.memory_rlimit {
            MemoryRlimit::Data => "RLIMIT_DATA",
            MemoryRlimit::AddressSpace => "RLIMIT_AS",
        };
        let mut n = Vec::new();
        let memory = as_enf(
            enforce("memory", v2_roles.memory, &mut n),
            Enforcement::Rlimit(mem_rlimit),
        );
        if let Some(why) = n.pop() {
            notes.push(format!(
                "mem: {why}; using {mem_rlimit} instead (counts {}; the kernel keeps no \
                 counter, so a MemoryLimit verdict needs the child to exit with code {})",
                match config.memory_rlimit {
                    MemoryRlimit::Data => "private writable memory, not address-space reservations",
                    MemoryRlimit::AddressSpace => "all address space, reservations included",
                },
                crate::verdict::EXIT_MEMORY_LIMIT
            ));
        }
        let procs = as_enf(
            enforce("pids", v2_roles.pids, &mut n),
            Enforcement::Rlimit("RLIMIT_NPROC"),
        );
        if let Some(why) = n.pop() {
            notes.push(format!(
                "procs: {why}; using RLIMIT_NPROC instead (counts every process of the \
                 child's user, and does not bind root: set an unprivileged identity)"
            ));
        }
        let cpu_quota = as_enf(
            enforce("cpu", v2_roles.cpu, &mut n),
            Enforcement::NotEnforced,
        );
        if let Some(why) = n.pop() {
            notes.push(format!(
                "cpus: {why}; the CPU quota is not enforced (no rlimit does it)"
            ));
        }
        let tree_kill = if v2_roles.kill {
            TreeKill::CgroupKill
        } else if parents.iter().any(|p| p.version == Version::V1) {
            TreeKill::CgroupProcs
        } else if config.own_process_group {
            TreeKill::ProcessGroup
        } else {
            TreeKill::ChildOnly
        };
        for note in &notes {
            tracing::warn!(target: "jfork_resctl", "{note}");
        }
        ResourceController {
            config,
            layout_kind: layout.kind(),
            parents,
            enforcements: Enforcements {
                memory,
                procs,
                cpu_quota,
                tree_kill,
            },
            notes,
            made_dirs,
            master_is_root: geteuid().is_root(),
        }
    }

    /// The configuration it was made with.
    pub fn config(&self) -> &ControllerConfig {
        &self.config
    }

    /// The cgroup layout found (`None` when cgroups are turned off by configuration).
    pub fn layout(&self) -> LayoutKind {
        self.layout_kind
    }

    /// How each limit is enforced here.
    pub fn enforcements(&self) -> Enforcements {
        self.enforcements
    }

    /// The fallbacks, one sentence each, as logged when the controller was made.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The parent-side step before `fork()`: makes the child's cgroups with their limits
    /// and prepares everything the child will apply. Checks that an identity can be taken.
    pub fn prepare(
        &self,
        spec: &LimitSpec,
        identity: Option<&Identity>,
    ) -> Result<PreparedChild, ResctlError> {
        let mut setup = ChildSetup::empty();
        if let Some(id) = identity {
            check_identity(id)?;
            setup.groups = id.nix_groups();
            setup.identity = Some(id.clone());
        }
        setup.nice = spec.nice;
        setup.no_new_privs = self.config.no_new_privs;
        setup.own_process_group = self.config.own_process_group;

        let mut groups: Vec<ChildGroup> = Vec::new();
        let mut fds: Vec<OwnedFd> = Vec::new();
        let mut name = String::new();
        for parent in &self.parents {
            let roles = parent.roles.needed_by(spec);
            if !roles.any() {
                continue;
            }
            if name.is_empty() {
                let seq = NEXT_CHILD.fetch_add(1, Ordering::Relaxed);
                name = format!("c{}-{seq}", std::process::id());
            }
            match parent.create_child(&name, spec, roles) {
                Ok((g, fd)) => {
                    groups.push(g);
                    fds.push(fd);
                }
                Err(e) => {
                    remove_groups(groups);
                    return Err(e);
                }
            }
        }
        debug_assert!(fds.len() <= MAX_CGROUPS);
        for (slot, fd) in setup.cgroup_procs.iter_mut().zip(&fds) {
            *slot = fd.as_raw_fd();
        }
        setup.cgroup_count = fds.len().min(MAX_CGROUPS);

        let in_cgroup = |pick: fn(&Roles) -> bool| groups.iter().any(|g| pick(&g.roles));
        let mut rl: Vec<(Resource, u64, u64)> = Vec::with_capacity(MAX_RLIMITS);
        if let Some(mem) = spec.mem
            && !in_cgroup(|r| r.memory)
        {
            let res = match self.config.memory_rlimit {
                MemoryRlimit::Data => Resource::RLIMIT_DATA,
                MemoryRlimit::AddressSpace => Resource::RLIMIT_AS,
            };
            rl.push((res, mem, mem));
        }
        if let Some(cpu) = spec.cpu {
            // Hard above soft: SIGXCPU first (a cause the child can see), SIGKILL 1 s later.
            let s = cpu.as_secs();
            rl.push((Resource::RLIMIT_CPU, s, s + 1));
        }
        if let Some(p) = spec.procs
            && !in_cgroup(|r| r.pids)
        {
            rl.push((Resource::RLIMIT_NPROC, p, p));
        }
        for (res, v) in [
            (Resource::RLIMIT_NOFILE, spec.files),
            (Resource::RLIMIT_FSIZE, spec.fsize),
            (Resource::RLIMIT_CORE, spec.core),
            (Resource::RLIMIT_STACK, spec.stack),
        ] {
            if let Some(v) = v {
                rl.push((res, v, v));
            }
        }
        // Without CAP_SYS_RESOURCE a hard limit cannot rise above the master's own.
        let privileged = self.master_is_root;
        for (i, (res, soft, hard)) in rl.into_iter().enumerate().take(MAX_RLIMITS) {
            let (soft, hard) = if privileged {
                (soft, hard)
            } else {
                let cur_hard = getrlimit(res).map(|(_, h)| h).unwrap_or(RLIM_INFINITY);
                (soft.min(cur_hard), hard.min(cur_hard))
            };
            setup.rlimits[i] = (res, soft, hard);
            setup.rlimit_count = i + 1;
        }

        Ok(PreparedChild {
            setup,
            fds,
            clone_into: None,
            groups,
            spec: *spec,
            enforcements: self.enforcements,
            own_process_group: self.config.own_process_group,
        })
    }
}

/// A child ready to be forked: its cgroups exist, its child-side set-up is ready.
///
/// Fork (into [`PreparedChild::clone_into_cgroup`] when there is one), call
/// [`PreparedChild::child_setup`]`.apply()` in the child, and [`PreparedChild::started`] in
/// the parent. Dropped without `started` (the fork failed), it
/// removes the cgroups it made.
#[derive(Debug)]
pub struct PreparedChild {
    setup: ChildSetup,
    fds: Vec<OwnedFd>,
    /// The directory of the v2 group the child is to be born in.
    clone_into: Option<OwnedFd>,
    groups: Vec<ChildGroup>,
    spec: LimitSpec,
    enforcements: Enforcements,
    own_process_group: bool,
}

impl PreparedChild {
    /// What the child applies right after `fork()`.
    pub fn child_setup(&self) -> &ChildSetup {
        &self.setup
    }

    /// For a parent that forks with `clone3`'s `CLONE_INTO_CGROUP` (as
    /// `jfork_cloner::ForkOptions::cgroup` does): the directory of the child's cgroup v2
    /// group, if it has one, which [`child_setup`](Self::child_setup) then no longer joins
    /// (the child must be born there). Being born in a group avoids the kernel's cgroup
    /// migration lock, which after a quiet spell can make a `cgroup.procs` write wait a
    /// whole RCU grace period (tens of milliseconds).
    pub fn clone_into_cgroup(&mut self) -> Result<Option<BorrowedFd<'_>>, ResctlError> {
        if self.clone_into.is_none() {
            let Some(i) = self.groups.iter().position(|g| g.version == Version::V2) else {
                return Ok(None);
            };
            self.clone_into = Some(self.groups[i].open_dir()?);
            let born = self.fds[i].as_raw_fd();
            let rest: Vec<i32> = self.setup.cgroup_procs[..self.setup.cgroup_count]
                .iter()
                .copied()
                .filter(|&fd| fd != born)
                .collect();
            self.setup.cgroup_procs = [-1; MAX_CGROUPS];
            self.setup.cgroup_procs[..rest.len()].copy_from_slice(&rest);
            self.setup.cgroup_count = rest.len();
        }
        Ok(self.clone_into.as_ref().map(|fd| fd.as_fd()))
    }

    /// The parent-side step right after `fork()`: closes the parent's copies of the
    /// cgroup descriptors and starts the wall clock.
    pub fn started(mut self, pid: i32) -> RunningChild {
        self.fds.clear();
        self.clone_into = None;
        let groups = std::mem::take(&mut self.groups);
        RunningChild::new(
            pid,
            self.spec,
            groups,
            self.enforcements,
            self.own_process_group,
        )
    }

    /// The cgroup directories made for this child.
    pub fn cgroup_dirs(&self) -> impl Iterator<Item = &Path> {
        self.groups.iter().map(|g| g.dir.as_path())
    }
}

impl Drop for PreparedChild {
    fn drop(&mut self) {
        remove_groups(std::mem::take(&mut self.groups));
    }
}

/// Removes groups no child ran in, or whose state is unknown.
pub(crate) fn remove_groups(groups: Vec<ChildGroup>) {
    for g in groups {
        if let Err(e) = g.remove() {
            tracing::warn!(target: "jfork_resctl", "{e}");
        }
    }
}

impl Drop for ResourceController {
    fn drop(&mut self) {
        for p in &self.parents {
            Pool::close(&p.pool);
        }
        // Fails (harmlessly) while another controller still has children there.
        for dir in self.made_dirs.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// `create_dir_all`, remembering the directories it made.
fn make_dirs(dir: &Path, made: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let missing: Vec<PathBuf> = dir
        .ancestors()
        .take_while(|d| !d.exists())
        .map(Path::to_path_buf)
        .collect();
    std::fs::create_dir_all(dir)?;
    made.extend(missing.into_iter().rev());
    Ok(())
}

fn check_identity(id: &Identity) -> Result<(), ResctlError> {
    let euid = geteuid();
    if euid.is_root() {
        return Ok(());
    }
    // Already exactly this identity: nothing to change, nothing to refuse.
    let same = match (getresuid(), getresgid()) {
        (Ok(u), Ok(g)) => {
            let want = Uid::from_raw(id.uid);
            [u.real, u.effective, u.saved].iter().all(|x| *x == want)
                && [g.real, g.effective, g.saved]
                    .iter()
                    .all(|x| x.as_raw() == id.gid)
        }
        _ => false,
    };
    if same && id.groups.is_empty() {
        return Ok(());
    }
    Err(ResctlError::IdentityNeedsRoot {
        uid: id.uid,
        gid: id.gid,
        euid: euid.as_raw(),
    })
}

fn layout_summary(enabled: bool, kind: LayoutKind) -> String {
    if enabled {
        format!("layout: {kind}")
    } else {
        "cgroups turned off by configuration".to_string()
    }
}

/// `<base>/<parent>`, where base is our own cgroup, or the mount for an absolute parent.
fn parent_dir(mount: &Path, own: &Path, parent: &str) -> PathBuf {
    match parent.strip_prefix('/') {
        Some(abs) => mount.join(abs),
        None => own.join(parent),
    }
}

/// The directories from the base down to the parent, each of whose `cgroup.subtree_control`
/// must offer a controller for the child groups to have it.
fn dir_chain(mount: &Path, own: &Path, parent: &str) -> Vec<PathBuf> {
    let (mut dir, rel) = match parent.strip_prefix('/') {
        Some(abs) => (mount.to_path_buf(), abs),
        None => (own.to_path_buf(), parent),
    };
    let mut chain = vec![dir.clone()];
    for part in rel.split('/').filter(|p| !p.is_empty()) {
        dir = dir.join(part);
        chain.push(dir.clone());
    }
    chain
}
