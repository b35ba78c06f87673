//! A `jfork master` of one conformance program, for `--via run`: started on a private
//! temporary socket with the program's class path, stopped with `jfork stop`, and killed by
//! [`Drop`] on every other path, so that no master outlives the harness.

use std::fs;
use std::io::Read;
use std::os::unix::fs::DirBuilderExt;
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// How long a master may take from its start to answering on its socket (preload and boot).
const START_TIMEOUT: Duration = Duration::from_secs(60);
/// The master's `--grace`: how long a child still running at `jfork stop` may take (only a
/// program the harness gave up on is still running then).
const GRACE: Duration = Duration::from_secs(2);
/// How long `jfork stop` and the master's exit after it may take, beyond [`GRACE`].
const STOP_TIMEOUT: Duration = Duration::from_secs(10);

/// A running master, owned by one worker thread.
pub(super) struct Master {
    child: Option<Child>,
    jfork: PathBuf,
    /// The private directory (mode 0700) that holds the socket, its lock and nothing else.
    dir: PathBuf,
    socket: PathBuf,
    log: PathBuf,
}

impl Master {
    /// Starts `jfork master --foreground` with application class path `classes`, logging to
    /// `log`, and returns once its socket accepts connections.
    pub(super) fn start(jfork: &Path, classes: &Path, log: &Path) -> Result<Master> {
        // Socket paths are limited to 107 bytes, so the socket lives in the temporary
        // directory, not under a target folder of any length.
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "jfork-conformance-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        if dir.exists() {
            fs::remove_dir_all(&dir)
                .with_context(|| format!("cannot remove the stale {}", dir.display()))?;
        }
        fs::DirBuilder::new()
            .mode(0o700)
            .create(&dir)
            .with_context(|| format!("cannot make {}", dir.display()))?;
        let socket = dir.join("s");
        let log_file =
            fs::File::create(log).with_context(|| format!("cannot create {}", log.display()))?;
        let mut command = Command::new(jfork);
        command
            .arg("master")
            .arg("--socket")
            .arg(&socket)
            .arg("-cp")
            .arg(classes)
            .args(["--grace", &GRACE.as_secs().to_string(), "--foreground"])
            .stdin(Stdio::null())
            .stdout(log_file.try_clone()?)
            .stderr(log_file);
        // SAFETY: the closure only calls prctl, which is async-signal-safe. The master gets
        // SIGKILL if the worker thread that started it dies (a killed harness); its own
        // children follow it, as the master forks them with the same signal.
        unsafe {
            command.pre_exec(|| {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) == -1 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command
            .spawn()
            .with_context(|| format!("cannot start {command:?}"))?;
        let mut master = Master {
            child: Some(child),
            jfork: jfork.to_path_buf(),
            dir,
            socket,
            log: log.to_path_buf(),
        };
        master.wait_listening()?;
        Ok(master)
    }

    /// The socket to pass to `jfork run --socket`.
    pub(super) fn socket(&self) -> &Path {
        &self.socket
    }

    fn wait_listening(&mut self) -> Result<()> {
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            if let Some(status) = self.try_wait()? {
                bail!(
                    "jfork master exited ({status}) before it listened; log {}",
                    self.log.display()
                );
            }
            // A connection closed without a request is one the master drops quietly.
            if UnixStream::connect(&self.socket).is_ok() {
                return Ok(());
            }
            if Instant::now() >= deadline {
                bail!(
                    "jfork master did not listen within {} s; log {}",
                    START_TIMEOUT.as_secs(),
                    self.log.display()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn try_wait(&mut self) -> Result<Option<ExitStatus>> {
        match &mut self.child {
            Some(child) => Ok(child.try_wait()?),
            None => bail!("the master was reaped already"),
        }
    }

    /// `jfork stop --socket S`, then checks that the master exits, successfully, in time.
    pub(super) fn stop(mut self) -> Result<()> {
        let mut stop = Command::new(&self.jfork);
        stop.arg("stop")
            .arg("--socket")
            .arg(&self.socket)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut stopper = stop
            .spawn()
            .with_context(|| format!("cannot start {stop:?}"))?;
        let deadline = Instant::now() + STOP_TIMEOUT;
        let status = loop {
            if let Some(status) = stopper.try_wait()? {
                break status;
            }
            if Instant::now() >= deadline {
                let _ = stopper.kill();
                let _ = stopper.wait();
                bail!(
                    "jfork stop did not return within {} s; log {}",
                    STOP_TIMEOUT.as_secs(),
                    self.log.display()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        if !status.success() {
            let mut message = String::new();
            if let Some(mut stderr) = stopper.stderr.take() {
                let _ = stderr.read_to_string(&mut message);
            }
            bail!("jfork stop failed ({status}): {}", message.trim_end());
        }
        let deadline = Instant::now() + GRACE + STOP_TIMEOUT;
        loop {
            if let Some(status) = self.try_wait()? {
                self.child = None;
                if !status.success() {
                    bail!(
                        "jfork master ended with {status} after jfork stop; log {}",
                        self.log.display()
                    );
                }
                return Ok(());
            }
            if Instant::now() >= deadline {
                bail!(
                    "jfork master still runs {} s after jfork stop (killed); log {}",
                    (GRACE + STOP_TIMEOUT).as_secs(),
                    self.log.display()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Master {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Why the master whose log is `log` ran a request cold (its child booted a runtime of its
/// own), from the line the master logs then; `None` when it served every request on its
/// booted runtime.
pub(super) fn cold_reason(log: &Path) -> Option<String> {
    cold_reason_in(&fs::read_to_string(log).ok()?)
}

fn cold_reason_in(text: &str) -> Option<String> {
    const MARK: &str = "cold child (boots its own runtime): ";
    text.lines().find_map(|line| {
        let reason = &line[line.find(MARK)? + MARK.len()..];
        Some(reason.trim().to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cold_reason_from_the_master_log() {
        let log = "2026-12-02T00:03:13Z  INFO jfork::master: listening socket=s\n\
                   2026-12-02T00:03:14Z  INFO jfork::master::booted: cold child (boots its \
                   own runtime): its -Xmx (67108864 bytes) is not the master's heap main=\"Main\"\n";
        assert_eq!(
            cold_reason_in(log).as_deref(),
            Some("its -Xmx (67108864 bytes) is not the master's heap main=\"Main\"")
        );
        assert_eq!(cold_reason_in("INFO listening\n"), None);
    }
}
