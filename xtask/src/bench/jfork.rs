//! The jfork side of each section: whether jfork can run a program yet (`exec` cold, `run`
//! through a warm master), and the master a session shares.
//!
//! Every jfork measurement first checks that jfork prints what HotSpot prints; until it
//! does, the row says "not measurable yet" with the error jfork gave.

use std::fs::File;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::measure::{Contender, check_prints};
use super::setup::Setup;

/// How long a master may take to preload and open its socket.
const MASTER_START_TIMEOUT: Duration = Duration::from_secs(60);

/// Whether a jfork mode can run programs; the error is jfork's own message.
pub type Availability = Result<(), String>;

/// The text a table cell shows for a mode that cannot run yet.
pub fn not_measurable(error: &str) -> String {
    format!("not measurable yet: {}", error.replace('|', "\\|"))
}

/// `jfork exec -cp CLASSES MAIN ARGS...`.
pub fn exec(setup: &Setup, main: &str, args: &[&str]) -> Contender {
    let cp = setup.cp();
    let mut all = vec!["exec", "-cp", cp.as_str(), main];
    all.extend_from_slice(args);
    Contender::new("jfork exec", &setup.jfork, &all)
}

/// A running `jfork master` on a socket of its own, stopped on drop.
#[derive(Debug)]
pub struct Master {
    child: Child,
    jfork: PathBuf,
    socket: PathBuf,
    log: PathBuf,
    /// Whether the master booted java.base before listening (else each child boots it).
    pub boots_java_base: bool,
    /// How long that boot took, as the master logs it (`java.base booted ... boot_ms=N`).
    pub boot_ms: Option<f64>,
}

/// What the master's log says when it skips the boot of java.base and leaves it to each
/// child (cli's master start-up phases).
const BOOT_SKIPPED: &str = "boot of java.base skipped";

/// The caveat a `jfork run` figure carries while the master does not boot java.base.
pub const COLD_CHILD_NOTE: &str = "the master does not boot java.base yet, so each child \
                                   boots it after fork: `jfork run` is not warm yet";

impl Master {
    /// Starts a master preloading `preload` (the default list when `None`) plus the
    /// benchmark classes, on socket `NAME.sock` with log `NAME.log` in the session's work
    /// folder, and waits until its socket exists. Fails with the master's own error output.
    pub fn start(setup: &Setup, name: &str, preload: Option<&str>) -> Result<Master, String> {
        // The master refuses a socket directory open to group or others.
        let socket_dir = setup.work.join("socket");
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&socket_dir)
            .and_then(|()| {
                std::fs::set_permissions(&socket_dir, std::fs::Permissions::from_mode(0o700))
            })
            .map_err(|e| format!("{}: {e}", socket_dir.display()))?;
        let socket = socket_dir.join(format!("{name}.sock"));
        let log = setup.work.join(format!("{name}.log"));
        let _ = std::fs::remove_file(&socket);
        let stderr = File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
        let mut command = Command::new(&setup.jfork);
        command
            .args(["master", "--foreground", "--socket"])
            .arg(&socket)
            .args(["-cp", &setup.cp()]);
        if let Some(list) = preload {
            command.args(["--preload", list]);
        }
        let child = command
            // Room for section 4's largest N of concurrent children.
            .args(["--max-children", "1100"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("cannot start jfork master: {e}"))?;
        let mut master = Master {
            child,
            jfork: setup.jfork.clone(),
            socket,
            log: log.clone(),
            boots_java_base: true,
            boot_ms: None,
        };
        let started = Instant::now();
        loop {
            if master.socket.exists() {
                // The log is complete up to `listening` once the socket exists.
                let text = std::fs::read_to_string(&log).unwrap_or_default();
                master.boots_java_base = !text.contains(BOOT_SKIPPED);
                master.boot_ms = text
                    .lines()
                    .filter(|l| l.contains("java.base booted"))
                    .find_map(|l| l.split_once("boot_ms=")?.1.split_whitespace().next())
                    .and_then(|n| n.parse().ok());
                return Ok(master);
            }
            match master.child.try_wait() {
                Ok(Some(status)) => {
                    // The log's last line is the error; the lines before are progress.
                    let text = std::fs::read_to_string(&log).unwrap_or_default();
                    let message = text.lines().rev().find(|l| !l.trim().is_empty());
                    let message = message.unwrap_or_default().trim().to_string();
                    return Err(if message.is_empty() {
                        format!("jfork master ended with {status}")
                    } else {
                        message
                    });
                }
                Ok(None) => {}
                Err(e) => return Err(format!("cannot wait for jfork master: {e}")),
            }
            if started.elapsed() > MASTER_START_TIMEOUT {
                return Err(format!(
                    "jfork master opened no socket within {} s",
                    MASTER_START_TIMEOUT.as_secs()
                ));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The master's process id (its children are the programs it runs).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// How the last child that did not exit with 0 ended, from the master's log
    /// (`child ended ... cause=...`), to explain a failed measurement.
    pub fn last_child_failure(&self) -> Option<String> {
        let text = std::fs::read_to_string(&self.log).ok()?;
        text.lines()
            .rev()
            .filter(|l| l.contains("child ended") && !l.contains("code=0 "))
            .find_map(|l| {
                l.split_once("cause=")
                    .map(|(_, cause)| cause.trim().to_string())
            })
    }

    /// The master's own request→main figures (`jfork status --json`, `startup`): how
    /// long its recent children took from the master reading the request to entering
    /// `main`, in µs: (children, p50, p99, max).
    pub fn startup(&self) -> Option<(u64, f64, f64, f64)> {
        let out = Command::new(&self.jfork)
            .args(["status", "--json", "--socket"])
            .arg(&self.socket)
            .output()
            .ok()?;
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
        let s = &report["startup"];
        Some((
            s["count"].as_u64()?,
            s["p50_us"].as_f64()?,
            s["p99_us"].as_f64()?,
            s["max_us"].as_f64()?,
        ))
    }

    /// The socket the master listens on.
    pub fn socket(&self) -> &std::path::Path {
        &self.socket
    }

    /// `jfork run --socket S --no-daemon -cp CLASSES MAIN ARGS...`.
    pub fn run(&self, setup: &Setup, main: &str, args: &[&str]) -> Contender {
        let socket = self.socket.display().to_string();
        let cp = setup.cp();
        let mut all = vec![
            "run",
            "--socket",
            socket.as_str(),
            "--no-daemon",
            "-cp",
            cp.as_str(),
            main,
        ];
        all.extend_from_slice(args);
        Contender::new("jfork run", &setup.jfork, &all)
    }
}

impl Drop for Master {
    fn drop(&mut self) {
        let _ = Command::new(&self.jfork)
            .arg("stop")
            .arg("--socket")
            .arg(&self.socket)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The jfork modes of one session: `exec`, a master, and `run` through it, each checked.
#[derive(Debug)]
pub struct Jfork {
    pub exec: Availability,
    /// The master, once it started and opened its socket.
    pub master: Result<Master, String>,
    /// Whether `jfork run` through that master prints what HotSpot prints.
    pub run: Availability,
}

impl Jfork {
    /// Checks `jfork exec`, starts a master and checks `jfork run`, on Hello.
    pub fn probe(setup: &Setup, hello_output: &[u8]) -> Jfork {
        let exec = check_prints(&exec(setup, "Hello", &[]), hello_output);
        let master = Master::start(setup, "master", None);
        let run = match &master {
            Ok(master) => check_prints(&master.run(setup, "Hello", &[]), hello_output),
            Err(e) => Err(e.clone()),
        };
        Jfork { exec, master, run }
    }

    /// The master, only when `jfork run` works through it.
    pub fn running_master(&self) -> Option<&Master> {
        self.run.as_ref().ok().and(self.master.as_ref().ok())
    }
}
