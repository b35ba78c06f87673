//! The jfork side of each section: whether jfork can run a program yet (`exec` cold, `run`
//! through a warm master), and the master a session shares.
//!
//! Every jfork measurement first checks that jfork prints what HotSpot prints; until it
//! does, the row says "not measurable yet" with the error jfork gave.

use std::fs::File;
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
}

impl Master {
    /// Starts a master preloading the default list plus the benchmark classes, and waits
    /// until its socket exists. Fails with the master's own error output.
    pub fn start(setup: &Setup) -> Result<Master, String> {
        let socket = setup.work.join("jfork.sock");
        let log = setup.work.join("master.log");
        let _ = std::fs::remove_file(&socket);
        let stderr = File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
        let child = Command::new(&setup.jfork)
            .args(["master", "--foreground", "--socket"])
            .arg(&socket)
            .args(["-cp", &setup.cp()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("cannot start jfork master: {e}"))?;
        let mut master = Master {
            child,
            jfork: setup.jfork.clone(),
            socket,
        };
        let started = Instant::now();
        loop {
            if master.socket.exists() {
                return Ok(master);
            }
            match master.child.try_wait() {
                Ok(Some(status)) => {
                    let text = std::fs::read_to_string(&log).unwrap_or_default();
                    let message = text.split_whitespace().collect::<Vec<_>>().join(" ");
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

/// The jfork modes of one session: `exec` and a master for `run`, each checked on Hello.
#[derive(Debug)]
pub struct Jfork {
    pub exec: Availability,
    pub master: Result<Master, String>,
}

impl Jfork {
    /// Checks `jfork exec` and starts a master and checks `jfork run`, on Hello.
    pub fn probe(setup: &Setup, hello_output: &[u8]) -> Jfork {
        let exec_ok = check_prints(&exec(setup, "Hello", &[]), hello_output);
        let master = Master::start(setup).and_then(|master| {
            check_prints(&master.run(setup, "Hello", &[]), hello_output).map(|()| master)
        });
        Jfork {
            exec: exec_ok,
            master,
        }
    }

    /// Whether `jfork run` works, as an [`Availability`].
    pub fn run(&self) -> Availability {
        self.master.as_ref().map(|_| ()).map_err(Clone::clone)
    }
}
