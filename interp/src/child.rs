//! Post-fork fix-ups: what a child forked from a booted master must refresh before it runs
//! `main` (DESIGN.md decision 5, "each child is a correct process of its own").
//!
//! The master boots java.base once in its own directory, with its own environment and
//! process identity; every value the JDK derived from those and cached during the boot is
//! stale in a child. Each `pub fn` here refreshes one kind of cached value, in the child,
//! through the JDK's own fields (found by reading the JDK 17 sources):
//!
//! | what | where the JDK caches it | fix-up |
//! |---|---|---|
//! | `user.dir` | `System.props`; `jdk.internal.util.StaticProperty.USER_DIR` (read once in `initPhase1`); `java.io.UnixFileSystem.userDir` of `File.fs` (resolves relative `File`s); `sun.nio.fs.UnixFileSystem.defaultDirectory` and `needToResolveAgainstDefaultDirectory` of the default `FileSystem` (resolves relative `Path`s), if created | [`Vm::set_user_dir`] |
//! | `-D` properties | `System.props` | [`Vm::set_system_property`] (`System.setProperty`, through Java) |
//! | environment | `java.lang.ProcessEnvironment`'s maps, built from `environ()` by its `<clinit>` at first `System.getenv` | [`Vm::refresh_environment`]: nothing when the master never touched it (the child builds them from its own `environ`), else the static initializer runs again |
//! | pid, start time | `java.lang.ProcessHandleImpl.current` (built by its `<clinit>` at first `ProcessHandle.current()`) | [`Vm::refresh_process_identity`] |
//! | random seeds | `ThreadLocalRandom.seeder` and each thread's `threadLocalRandom*` fields; `SplittableRandom.defaultGen`; `sun.security.provider.NativePRNG` (its `/dev/random` and `/dev/urandom` streams, whose fds the child no longer has) | [`Vm::reseed_random`] |
//!
//! Each fix-up only touches classes the master already initialized; a class first
//! initialized in the child computes its state from the child's own process, as under
//! `java`. Deliberately kept from the master:
//! - `ImmutableCollections.SALT32L`/`REVERSE` (the iteration order of `Set.of`/`Map.of`):
//!   the master's sets and maps were laid out with that salt, so changing it would break
//!   their lookups; under `java` the order is arbitrary too.
//! - `java.util.Random.seedUniquifier`: `new Random()` mixes it with `System.nanoTime()`,
//!   which differs per child, as it starts from a constant under `java` too.
//! - Identity hash codes: HotSpot's generator is seeded with a fixed value as well.
//! - `jdk.internal.misc.VM`'s saved copy of the boot properties (read by a few JDK
//!   internals for boot-time settings; a request that sets one of those needs its own boot,
//!   which the caller decides).

use jfork_resolver::LoaderId;

use crate::heap;
use crate::value::JavaThrowable;
use crate::vm::{InitState, Thrown, Vm};

impl Vm {
    /// `System.setProperty(key, value)`, run as Java code (so `System.props` and anything
    /// observing it see the change as under `java -Dkey=value`).
    pub fn set_system_property(&mut self, key: &str, value: &str) -> Result<(), JavaThrowable> {
        let result = self.set_property_inner(key, value);
        result.map_err(|t| self.describe(t.0))
    }

    fn set_property_inner(&mut self, key: &str, value: &str) -> Result<(), Thrown> {
        let key = self.create_string(key)?;
        let value = self.create_string(value)?;
        self.call_static(
            "java/lang/System",
            "setProperty",
            "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
            &[key, value],
        )?;
        Ok(())
    }

    /// `-ea` for this child: assertions in application classes the child initializes
    /// (`Class.desiredAssertionStatus` is read when a class initializes; the master
    /// initializes none of the application's classes).
    pub fn set_enable_assertions(&mut self, enabled: bool) {
        self.options.enable_assertions = enabled;
    }

    /// Makes `dir` (absolute, normalized as `getcwd` returns it) the JDK's working directory
    /// everywhere it was cached: the `user.dir` property, `StaticProperty.USER_DIR`,
    /// `java.io`'s file system (`File.fs.userDir`) and `java.nio.file`'s default file
    /// system (`defaultDirectory`). Call it after `chdir(dir)`.
    pub fn set_user_dir(&mut self, dir: &str) -> Result<(), JavaThrowable> {
        let result = self.set_user_dir_inner(dir);
        result.map_err(|t| self.describe(t.0))
    }

    fn set_user_dir_inner(&mut self, dir: &str) -> Result<(), Thrown> {
        self.set_property_inner("user.dir", dir)?;
        let text = self.create_string(dir)?;
        if let Some(cid) = self.initialized_boot_class("jdk/internal/util/StaticProperty")
            && let Some(at) = self.static_field_address(cid, "USER_DIR")
        {
            heap::put_u64(at, text);
        }
        // java.io.File.fs: a java.io.UnixFileSystem resolving relative Files against its
        // final `userDir`.
        if let Some(fs) = self.initialized_static_ref("java/io/File", "fs")
            && self.class_name_of(fs).as_deref() == Some("java/io/UnixFileSystem")
        {
            let at =
                self.field_offset_of("java/io/UnixFileSystem", "userDir", "Ljava/lang/String;")?;
            self.put_ref(fs, at, text);
        }
        // java.nio.file: DefaultFileSystemProvider.INSTANCE.theFileSystem, whose
        // `defaultDirectory` (the bytes of user.dir) resolves relative Paths.
        if let Some(provider) =
            self.initialized_static_ref("sun/nio/fs/DefaultFileSystemProvider", "INSTANCE")
        {
            let at = self.field_offset_of(
                "sun/nio/fs/UnixFileSystemProvider",
                "theFileSystem",
                "Lsun/nio/fs/UnixFileSystem;",
            )?;
            let fs = self.get_ref(provider, at);
            if fs != 0 {
                let bytes = self.new_byte_array(dir.as_bytes())?;
                let fs_class = "sun/nio/fs/UnixFileSystem";
                let at = self.field_offset_of(fs_class, "defaultDirectory", "[B")?;
                self.put_ref(fs, at, bytes);
                // The JDK skips resolving against defaultDirectory only when it is the
                // process's working directory; keep it on when it was on (chdirAllowed).
                let at =
                    self.field_offset_of(fs_class, "needToResolveAgainstDefaultDirectory", "Z")?;
                let cwd_differs = std::env::current_dir().map_or(true, |cwd| {
                    cwd.as_os_str().as_encoded_bytes() != dir.as_bytes()
                });
                if cwd_differs {
                    heap::put_i8(fs + u64::from(at), 1);
                }
            }
        }
        Ok(())
    }

    /// Makes `System.getenv` read this process's environment: the JDK builds its maps once,
    /// in `ProcessEnvironment.<clinit>`, from `environ()`. When the master never initialized
    /// the class there is nothing to do; otherwise its static initializer runs again, which
    /// rebuilds both maps from the current environment.
    pub fn refresh_environment(&mut self) -> Result<(), JavaThrowable> {
        let result = self.rerun_static_initializer("java/lang/ProcessEnvironment");
        result.map_err(|t| self.describe(t.0))
    }

    /// Makes `ProcessHandle.current()` this process (`pid`, and its start time as the JDK's
    /// Linux native computes it from `/proc`), if the master created it.
    pub fn refresh_process_identity(&mut self, pid: i32) -> Result<(), JavaThrowable> {
        let result = self.refresh_process_inner(pid);
        result.map_err(|t| self.describe(t.0))
    }

    fn refresh_process_inner(&mut self, pid: i32) -> Result<(), Thrown> {
        let Some(current) = self.initialized_static_ref("java/lang/ProcessHandleImpl", "current")
        else {
            return Ok(());
        };
        let class = "java/lang/ProcessHandleImpl";
        let at = self.field_offset_of(class, "pid", "J")?;
        self.put_long(current, at, i64::from(pid));
        let at = self.field_offset_of(class, "startTime", "J")?;
        self.put_long(current, at, process_start_ms(pid).unwrap_or(0));
        Ok(())
    }

    /// Gives the JDK's seed generators fresh state from `seed` (a per-child random value),
    /// where the master initialized them: `ThreadLocalRandom.seeder` (and the per-thread
    /// seeds, so each thread draws a new one from it), `SplittableRandom.defaultGen`, and
    /// `NativePRNG` (its static initializer runs again to reopen its random devices).
    pub fn reseed_random(&mut self, seed: u64) -> Result<(), JavaThrowable> {
        let result = self.reseed_inner(seed);
        result.map_err(|t| self.describe(t.0))
    }

    fn reseed_inner(&mut self, seed: u64) -> Result<(), Thrown> {
        const ATOMIC_LONG: &str = "java/util/concurrent/atomic/AtomicLong";
        if let Some(seeder) =
            self.initialized_static_ref("java/util/concurrent/ThreadLocalRandom", "seeder")
        {
            let value = self.field_offset_of(ATOMIC_LONG, "value", "J")?;
            self.put_long(seeder, value, mix64(seed) as i64);
            // A zero probe makes ThreadLocalRandom.current() run localInit again.
            let t = "java/lang/Thread";
            let seed_at = self.field_offset_of(t, "threadLocalRandomSeed", "J")?;
            let probe_at = self.field_offset_of(t, "threadLocalRandomProbe", "I")?;
            let secondary_at = self.field_offset_of(t, "threadLocalRandomSecondarySeed", "I")?;
            for thread in self.live_thread_objects() {
                self.put_long(thread, seed_at, 0);
                self.put_int(thread, probe_at, 0);
                self.put_int(thread, secondary_at, 0);
            }
        }
        if let Some(generator) =
            self.initialized_static_ref("java/util/SplittableRandom", "defaultGen")
        {
            let value = self.field_offset_of(ATOMIC_LONG, "value", "J")?;
            self.put_long(
                generator,
                value,
                mix64(seed.rotate_left(32) ^ 0x9e37_79b9_7f4a_7c15) as i64,
            );
        }
        self.rerun_static_initializer("sun/security/provider/NativePRNG")?;
        Ok(())
    }

    /// Class `name` of the boot loader if it is loaded and initialized (never loads it).
    fn initialized_boot_class(&mut self, name: &str) -> Option<u32> {
        let linked = self.linker.table().get(LoaderId::BOOTSTRAP, name)?;
        let cid = self.register_class(&linked);
        (self.classes[cid as usize].state == InitState::Initialized).then_some(cid)
    }

    /// The value of reference static `field` of boot class `class`, if the class is
    /// initialized and the value is not null.
    fn initialized_static_ref(&mut self, class: &str, field: &str) -> Option<u64> {
        let cid = self.initialized_boot_class(class)?;
        let at = self.static_field_address(cid, field)?;
        Some(heap::get_u64(at)).filter(|&r| r != 0)
    }

    /// Runs `<clinit>` of boot class `name` again if the class is initialized (for classes
    /// whose static state is only what they read from the process).
    fn rerun_static_initializer(&mut self, name: &str) -> Result<(), Thrown> {
        let Some(cid) = self.initialized_boot_class(name) else {
            return Ok(());
        };
        let clinit = self.classes[cid as usize]
            .linked
            .declared_method("<clinit>", "()V")
            .cloned();
        if let Some(method) = clinit {
            let mid = self.method_id(&method);
            self.call_method(mid, &[])?;
        }
        Ok(())
    }
}

/// The process start time in milliseconds since the epoch, as the JDK's Linux
/// `ProcessHandleImpl` computes it: the boot time (`btime` of `/proc/stat`) plus the start
/// time in clock ticks (field 22 of `/proc/PID/stat`).
fn process_start_ms(pid: i32) -> Option<i64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = stat.get(stat.rfind(')')? + 1..)?;
    // Fields after the command start at field 3; starttime is field 22.
    let ticks: i64 = rest.split_whitespace().nth(19)?.parse().ok()?;
    let boot = std::fs::read_to_string("/proc/stat").ok()?;
    let btime: i64 = boot
        .lines()
        .find_map(|l| l.strip_prefix("btime "))?
        .trim()
        .parse()
        .ok()?;
    // SAFETY: sysconf has no preconditions.
    let hz = i64::from(unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as i32).max(1);
    Some(btime * 1000 + ticks * 1000 / hz)
}

/// Stafford's mix64 variant 13 (as the JDK's generators mix their seeds).
fn mix64(z: u64) -> u64 {
    let z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use crate::{Value, Vm, VmOptions};

    /// A class whose statics ask the JDK what the tests check.
    const PROBE: &str = r#"
import java.io.File;
import java.nio.file.*;
public class ChildProbe {
    public static String touch() {
        FileSystems.getDefault();
        new File("y").getAbsolutePath();
        return "";
    }
    public static String file() { return new File("x").getAbsolutePath(); }
    public static String path() { return Paths.get("x").toAbsolutePath().toString(); }
}
"#;

    /// A booted VM with [`PROBE`] on its class path, or `None` without a JDK or `javac`
    /// (the tests then check nothing).
    fn booted() -> Option<Vm> {
        let jdk = jfork_preloader::Jdk::discover(None).ok()?;
        let dir = std::env::temp_dir().join(format!("jfork-child-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("ChildProbe.java"), PROBE).unwrap();
        let status = std::process::Command::new(jdk.home().join("bin/javac"))
            .args(["--release", "17", "-XDstringConcat=inline", "-d"])
            .arg(&dir)
            .arg(dir.join("ChildProbe.java"))
            .status()
            .ok()?;
        assert!(status.success());
        let mut vm = Vm::new(VmOptions {
            class_path: dir.display().to_string(),
            ..VmOptions::default()
        })
        .unwrap();
        vm.boot().unwrap();
        Some(vm)
    }

    fn call_string(vm: &mut Vm, class: &str, name: &str, args: &[&str]) -> Option<String> {
        let mut values = Vec::new();
        for a in args {
            values.push(Value::Reference(vm.new_string(a).unwrap()));
        }
        let descriptor = format!(
            "({})Ljava/lang/String;",
            "Ljava/lang/String;".repeat(args.len())
        );
        match vm.invoke_static(class, name, &descriptor, &values).unwrap() {
            Value::Reference(r) => vm.string_value(r),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn fix_ups_reach_the_jdk() {
        let Some(mut vm) = booted() else {
            return;
        };
        // As a master would have: java.io's and java.nio's file systems exist.
        call_string(&mut vm, "ChildProbe", "touch", &[]);
        vm.set_user_dir("/tmp/elsewhere").unwrap();
        vm.set_system_property("k", "v").unwrap();
        let get =
            |vm: &mut Vm, key: &str| call_string(vm, "java/lang/System", "getProperty", &[key]);
        assert_eq!(get(&mut vm, "user.dir").as_deref(), Some("/tmp/elsewhere"));
        assert_eq!(get(&mut vm, "k").as_deref(), Some("v"));
        let cached = call_string(&mut vm, "jdk/internal/util/StaticProperty", "userDir", &[]);
        assert_eq!(cached.as_deref(), Some("/tmp/elsewhere"));
        let file = call_string(&mut vm, "ChildProbe", "file", &[]);
        assert_eq!(file.as_deref(), Some("/tmp/elsewhere/x"));
        let path = call_string(&mut vm, "ChildProbe", "path", &[]);
        assert_eq!(path.as_deref(), Some("/tmp/elsewhere/x"));
        // Nothing the boot left to refresh fails.
        vm.refresh_environment().unwrap();
        vm.refresh_process_identity(std::process::id() as i32)
            .unwrap();
        vm.reseed_random(42).unwrap();
    }
    #[test]
    fn start_time_is_after_boot_of_the_machine() {
        let ms = super::process_start_ms(std::process::id() as i32).unwrap();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64;
        assert!(ms > 0 && ms <= now + 1000, "{ms} vs {now}");
    }
}
