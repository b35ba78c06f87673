//! The master's booted Java runtime: one `jfork_interp::Vm`, booted once before the master
//! serves, that every child inherits through `fork` and runs its request's `main` on.
//!
//! A child does not create or boot a VM: it refreshes what the JDK cached about the
//! master's process (the fix-ups of `jfork_interp`'s `child.rs`: `user.dir`, `-D`
//! properties, environment, pid, random seeds), then runs `main` as the launcher does.
//!
//! Some requests cannot be served by the runtime the master booted, because the JDK read
//! what they change during its boot. Such a request runs **cold**: its child boots its own
//! runtime, as `jfork exec` does, slower but with exactly the `java` behaviour. The master
//! logs why (`RUST_LOG=info`). A request runs cold when
//! - its class path (the `-jar` file, `-cp`, `$CLASSPATH` or `.`, resolved against its
//!   working directory) names other entries than the master's (`jfork master -cp`): the
//!   app class loader's path is fixed at boot, as the JDK's is;
//! - its `-Xmx` is not the master's heap size (the heap is reserved at boot);
//! - it sets a `-D` property that the JDK reads during its boot ([`BOOT_PROPERTIES`]);
//! - its locale variables (`LANG`, `LC_ALL`, `LC_CTYPE`, `LC_MESSAGES`) or
//!   `LD_LIBRARY_PATH` differ from the master's (encodings, `user.language`...,
//!   `java.library.path` are computed from them at boot);
//! - it runs as another uid than the master's (`user.name` and `user.home`).

use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use jfork_interp::{JavaThrowable, MainSpec, Vm};

use crate::launch::{self, Launch};
use crate::protocol::RunRequest;
use crate::runner::{ChildProcess, JavaRunner, Program, ProgramRunner};

/// `-D` properties the JDK reads while it boots (into `StaticProperty`, the default
/// charset and locale, `System.out`'s encoding, the class loaders, `VM`'s saved
/// properties...): a request that sets one runs cold. Keys that start with one of
/// [`BOOT_PROPERTY_PREFIXES`] count too.
pub const BOOT_PROPERTIES: &[&str] = &[
    "file.encoding",
    "file.separator",
    "java.class.path",
    "java.home",
    "java.io.tmpdir",
    "java.lang.Integer.IntegerCache.high",
    "java.library.path",
    "java.security.manager",
    "java.system.class.loader",
    "line.separator",
    "native.encoding",
    "path.separator",
    "sun.boot.library.path",
    "sun.jnu.encoding",
    "sun.nio.MaxDirectMemorySize",
    "sun.stderr.encoding",
    "sun.stdout.encoding",
    "user.home",
    "user.name",
];

/// How many of the class path's main classes the master takes through the launcher's
/// checks before serving (each costs the master a little memory, which every fork copies).
const MAX_WARM_MAINS: usize = 32;

/// Prefixes of `-D` keys read during the boot (see [`BOOT_PROPERTIES`]).
pub const BOOT_PROPERTY_PREFIXES: &[&str] = &[
    "jdk.module.",
    "jdk.boot.",
    "user.language",
    "user.country",
    "user.region",
    "user.script",
    "user.variant",
];

/// Environment variables the boot derives properties from (see the module doc).
const BOOT_ENVIRONMENT: &[&str] = &[
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "LC_MESSAGES",
    "LD_LIBRARY_PATH",
];

/// What the master's boot depended on: a request that differs in any of these runs cold.
#[derive(Debug, Clone)]
struct BootFacts {
    /// The app class path given to the VM (absolute entries).
    class_path: Vec<PathBuf>,
    /// The heap size the VM reserved, in bytes.
    heap_max: u64,
    /// The master's uid.
    uid: u32,
    /// [`BOOT_ENVIRONMENT`]'s values in the master.
    environment: Vec<(&'static str, Option<String>)>,
    /// The master's working directory, the `user.dir` the boot saw.
    user_dir: String,
}

/// How the child of the request being forked runs; set by `before_fork` in the master, read
/// by the child's copy.
#[derive(Debug, Clone, Copy, Default)]
enum Plan {
    /// On the inherited booted runtime.
    #[default]
    Booted,
    /// Booting its own runtime (the master logged why).
    Cold,
}

/// The production runner of a master: the booted runtime plus the cold fallback.
pub(crate) struct BootedJava {
    /// Boxed: the runtime must not move once booted, because the green threads the boot
    /// started (Reference Handler, Finalizer, Common-Cleaner) keep its address.
    vm: RefCell<Box<Vm>>,
    facts: BootFacts,
    cold: JavaRunner,
    plan: RefCell<Plan>,
    /// The main class a pool child warms the launcher's path with: one of those the master
    /// warmed (`warm_up`), so the pool child loads no class the master does not hold.
    pool_main: RefCell<Option<String>>,
}

impl BootedJava {
    /// Creates and boots the master's runtime over the JDK at `jdk` with application class
    /// path `class_path` (`-cp`, relative entries taken from the master's directory; the
    /// launcher's default when `None`).
    pub(crate) fn boot(jdk: &Path, class_path: Option<&str>) -> Result<BootedJava> {
        let cwd = std::env::current_dir()?;
        let given = match class_path {
            Some(cp) => cp.to_owned(),
            None => {
                Launch::default().effective_class_path(std::env::var("CLASSPATH").ok().as_deref())
            }
        };
        let entries = launch::absolute_class_path(&given, &cwd);
        let master_launch = Launch {
            class_path: Some(launch::join_class_path(&entries)),
            ..Launch::default()
        };
        let cold = JavaRunner {
            jdk: Some(jdk.to_path_buf()),
        };
        let cwd_text = cwd.to_string_lossy();
        let program = Program::new(&master_launch, &cwd_text, ChildProcess::current());
        let options = cold.vm_options(&program);
        let heap_max = options.heap_max as u64;
        // On the heap before the boot, so that moving `BootedJava` does not move the `Vm`
        // whose address the boot's green threads captured.
        let mut vm =
            Box::new(Vm::new(options).map_err(|e| anyhow!("cannot create the runtime: {e}"))?);
        vm.boot()
            .map_err(|t| anyhow!("cannot boot java.base: {t}"))?;
        // The preload list goes into this VM's linker after the boot (`preload`). No
        // `predecode_all`: measured on Hello, children then spent about twice the CPU,
        // their quickening writing into master-decoded code.
        let facts = BootFacts {
            class_path: entries,
            heap_max,
            // SAFETY: getuid has no preconditions.
            uid: unsafe { libc::getuid() },
            environment: BOOT_ENVIRONMENT
                .iter()
                .map(|&k| (k, std::env::var(k).ok()))
                .collect(),
            user_dir: cwd_text.into_owned(),
        };
        Ok(BootedJava {
            vm: RefCell::new(vm),
            facts,
            cold,
            plan: RefCell::new(Plan::Booted),
            pool_main: RefCell::new(None),
        })
    }

    /// Links and registers `list`'s classes in the booted runtime (see `Vm::preload`).
    pub(crate) fn preload(
        &self,
        list: &jfork_preloader::PreloadList,
    ) -> jfork_preloader::PreloadReport {
        self.vm.borrow_mut().preload(list)
    }

    /// Runs the launcher's path and `println` once in the master (see `Vm::warm_up`);
    /// returns how many main classes were warmed.
    pub(crate) fn warm_up(&self) -> usize {
        let mut vm = self.vm.borrow_mut();
        let warmed = vm.warm_up(MAX_WARM_MAINS);
        *self.pool_main.borrow_mut() = warmed.first().cloned();
        // The child's fix-ups, once here with the master's own values (its directory,
        // environment, pid: nothing changes): the Java code they run is then decoded,
        // quickened and resolved in memory every child shares, so a child only reads it.
        let launch = Launch {
            class_path: Some(self.class_path()),
            ..Launch::default()
        };
        let program = Program::new(&launch, &self.facts.user_dir, ChildProcess::current());
        if let Err(t) = self.enter_child(&mut vm, &program, true) {
            tracing::warn!("warming the child's set-up: {t}");
        }
        // One full collection before serving (issue 9): what the boot and the warm-up left
        // behind is freed once here rather than traced by every child.
        vm.collect_garbage();
        warmed.len()
    }

    /// The master's application class path (absolute entries).
    pub(crate) fn class_path(&self) -> String {
        launch::join_class_path(&self.facts.class_path)
    }

    /// Why `request` (from a client of uid `uid`) cannot run on the booted runtime, if so.
    fn cold_reason(&self, request: &RunRequest, uid: u32) -> Option<String> {
        let env = |key: &str| {
            request
                .env
                .iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        let launch = &request.launch;
        let class_path = launch.effective_class_path(env("CLASSPATH"));
        let entries = launch::absolute_class_path(&class_path, Path::new(&request.cwd));
        if entries != self.facts.class_path {
            return Some(format!(
                "its class path {} is not the master's {} (start the master with that -cp)",
                launch::join_class_path(&entries),
                self.class_path()
            ));
        }
        if let Some(max) = launch.max_heap
            && max != self.facts.heap_max
        {
            return Some(format!(
                "its -Xmx ({max} bytes) is not the master's heap ({} bytes)",
                self.facts.heap_max
            ));
        }
        if let Some((key, _)) = launch.properties.iter().find(|(k, _)| is_boot_property(k)) {
            return Some(format!("-D{key} is read while the JDK boots"));
        }
        for (key, value) in &self.facts.environment {
            if env(key) != value.as_deref() {
                return Some(format!("its {key} differs from the master's"));
            }
        }
        if uid != self.facts.uid {
            return Some(format!(
                "it runs as uid {uid}, the master as {}",
                self.facts.uid
            ));
        }
        None
    }

    /// The child's side on the booted runtime: fix-ups, then `main`.
    fn run_booted(&self, program: &Program<'_>) -> i32 {
        let mut vm = self.vm.borrow_mut();
        if let Err(t) = self.enter_child(&mut vm, program, false) {
            let _ = writeln!(
                std::io::stderr(),
                "Error occurred during initialization of VM\n{t}"
            );
            return 1;
        }
        let launch = program.launch;
        let main = match &launch.jar {
            Some(jar) => MainSpec::Jar(jar.clone()),
            None => MainSpec::Class(program.target().to_owned()),
        };
        vm.run_main(&main, &launch.args)
    }

    /// DESIGN.md decision 5: the request's `user.dir`, `-D` properties and class path
    /// spelling, this process's environment, identity and random seeds. A child in the
    /// master's directory (and `user.dir`) keeps what the boot set (the JDK's caches of it
    /// are right), unless `warm` (the master running this path once for its children).
    fn enter_child(
        &self,
        vm: &mut Vm,
        program: &Program<'_>,
        warm: bool,
    ) -> Result<(), JavaThrowable> {
        let launch = program.launch;
        // `-Duser.dir` wins over the directory, as under `java`.
        let user_dir = launch
            .properties
            .iter()
            .rev()
            .find(|(k, _)| k == "user.dir")
            .map_or(program.cwd, |(_, v)| v.as_str());
        if warm || user_dir != self.facts.user_dir || program.cwd != self.facts.user_dir {
            vm.set_user_dir(user_dir)?;
        }
        for (key, value) in launch.properties.iter().filter(|(k, _)| k != "user.dir") {
            vm.set_system_property(key, value)?;
        }
        // The same entries (checked in the master), spelt as the request spelt them.
        let class_path = self.cold.vm_options(program).class_path;
        if class_path != self.class_path() {
            vm.set_system_property("java.class.path", &class_path)?;
        }
        vm.set_enable_assertions(launch.enable_assertions);
        vm.refresh_environment()?;
        vm.refresh_process_identity(program.process.pid)?;
        vm.reseed_random(program.process.random_seed)?;
        Ok(())
    }
}

impl ProgramRunner for BootedJava {
    fn name(&self) -> &'static str {
        "java"
    }

    fn before_fork(&self, request: &RunRequest, uid: u32) {
        let plan = match self.cold_reason(request, uid) {
            Some(reason) => {
                tracing::info!(
                    main = request.launch.target(),
                    "cold child (boots its own runtime): {reason}"
                );
                Plan::Cold
            }
            None => Plan::Booted,
        };
        *self.plan.borrow_mut() = plan;
        self.vm.borrow_mut().prepare_fork();
    }

    fn before_pool_fork(&self) {
        *self.plan.borrow_mut() = Plan::Booted;
        self.vm.borrow_mut().prepare_fork();
    }

    /// The launcher's path (`checkAndLoadMain` for a main class the master warmed) and a
    /// `println`, as the master's warm-up runs them: what they write into memory the pool
    /// child shares with the master (the class loader's tables, reflection caches, the
    /// encoder's state) is then copied while the child waits, not on the request's way to
    /// `main` (measured in the benchmark, beside `java`: request -> `main` 0.63 -> 0.43 ms
    /// median). Invisible to the program for the reasons the master's warm-up is. Then the
    /// exit path's code (`Vm::warm_exit_path`).
    fn warm_pool_child(&self) {
        let start = std::time::Instant::now();
        let main = self.pool_main.borrow().clone();
        let mut vm = self.vm.borrow_mut();
        if let Some(main) = main {
            vm.warm_main(&main);
        }
        vm.warm_println();
        vm.warm_exit_path();
        tracing::debug!(
            us = start.elapsed().as_micros() as u64,
            "pool child warmed the launcher's and the exit path"
        );
    }

    /// A request that runs cold is forked for itself (the master logs why then).
    fn needs_fresh_fork(&self, request: &RunRequest, uid: u32) -> bool {
        self.cold_reason(request, uid).is_some()
    }

    fn run(&self, program: &Program<'_>) -> i32 {
        let plan = *self.plan.borrow();
        match plan {
            Plan::Booted => self.run_booted(program),
            Plan::Cold => self.cold.run(program),
        }
    }
}

fn is_boot_property(key: &str) -> bool {
    BOOT_PROPERTIES.contains(&key) || BOOT_PROPERTY_PREFIXES.iter().any(|p| key.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boot_properties_by_name_and_prefix() {
        assert!(is_boot_property("file.encoding"));
        assert!(is_boot_property("user.language.format"));
        assert!(is_boot_property("jdk.module.path"));
        assert!(!is_boot_property("user.dir"));
        assert!(!is_boot_property("app.greeting"));
    }
}
