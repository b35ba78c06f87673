//! End-to-end tests of `jfork run` with the real Java runner: a master boots java.base
//! once, each request's child runs `main` on the runtime it inherits, and what the program
//! prints and its exit status are compared with HotSpot's (`java`, run on the same class
//! files in the same directory).
//!
//! `harness = false`: one master serves every test (booting one costs a JDK boot), and is
//! killed at the end. `cargo test -p jfork --test run_java [-- NAME...]`.

#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

type Outcome = Result<(), String>;

/// The fixtures: compiled with `-XDstringConcat=inline`, so that they test the lifecycle
/// rather than the runtime's `invokedynamic`.
const PROGRAMS: &[(&str, &str)] = &[
    (
        "Hello",
        r#"public class Hello {
    public static void main(String[] args) {
        System.out.println("Hello, world");
    }
}"#,
    ),
    (
        "Exit3",
        r#"public class Exit3 {
    public static void main(String[] args) {
        System.out.println("leaving with 3");
        System.exit(3);
    }
}"#,
    ),
    (
        "Boom",
        r#"public class Boom {
    public static void main(String[] args) {
        System.out.println("before");
        throw new IllegalStateException("boom");
    }
}"#,
    ),
    (
        "Echo",
        r#"import java.io.*;
public class Echo {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            System.out.println(++n + ": " + line);
        }
        System.out.println("lines: " + n);
    }
}"#,
    ),
    (
        "Where",
        r#"import java.io.*;
import java.nio.file.*;
public class Where {
    public static void main(String[] args) throws IOException {
        System.out.println("k=" + System.getProperty("k"));
        System.out.println("other=" + System.getProperty("other"));
        System.out.println("user.dir=" + System.getProperty("user.dir"));
        System.out.println("java.class.path=" + System.getProperty("java.class.path"));
        System.out.println("absolute=" + new File("data.txt").getAbsolutePath());
        try (BufferedReader r = new BufferedReader(new FileReader("data.txt"))) {
            System.out.println("data=" + r.readLine());
        }
        System.out.println("path=" + Paths.get("data.txt").toAbsolutePath());
        System.out.println("nio=" + new String(Files.readAllBytes(Paths.get("data.txt"))).trim());
        for (String a : args) {
            System.out.println("arg=" + a);
        }
    }
}"#,
    ),
];

/// Fixtures compiled once, a master over them, and a working directory for clients.
struct Setup {
    _dir: tempfile::TempDir,
    classes: PathBuf,
    work: PathBuf,
    java: PathBuf,
    socket: PathBuf,
    master_log: PathBuf,
    master: Child,
}

impl Setup {
    fn new(jdk: &Path) -> Result<Setup, String> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        let src = dir.path().join("src");
        let classes = dir.path().join("classes");
        let work = dir.path().join("work");
        for d in [&src, &classes, &work] {
            std::fs::create_dir(d).unwrap();
        }
        let mut files = Vec::new();
        for (name, text) in PROGRAMS {
            let file = src.join(format!("{name}.java"));
            std::fs::write(&file, text).unwrap();
            files.push(file);
        }
        let javac = Command::new(jdk.join("bin/javac"))
            .args(["--release", "17", "-XDstringConcat=inline", "-d"])
            .arg(&classes)
            .args(&files)
            .output()
            .map_err(|e| format!("javac: {e}"))?;
        if !javac.status.success() {
            return Err(format!("javac failed: {}", text(&javac.stderr)));
        }
        std::fs::write(work.join("data.txt"), "the client's file\n").unwrap();
        let socket = dir.path().join("jfork.sock");
        let master_log = dir.path().join("master.log");
        // The master runs in another directory than the clients, with its class path
        // absolute; the clients name the same directory relatively.
        let master = jfork()
            .args(["master", "--foreground", "--socket"])
            .arg(&socket)
            .arg("-cp")
            .arg(&classes)
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&master_log).unwrap())
            .spawn()
            .unwrap();
        let mut setup = Setup {
            _dir: dir,
            classes,
            work,
            java: jdk.join("bin/java"),
            socket,
            master_log,
            master,
        };
        setup.wait_listening()?;
        Ok(setup)
    }

    fn wait_listening(&mut self) -> Outcome {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(120) {
            if UnixStream::connect(&self.socket).is_ok() {
                return Ok(());
            }
            if let Some(status) = self.master.try_wait().unwrap() {
                return Err(format!("master exited ({status}): {}", self.log()));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        Err(format!("master did not listen: {}", self.log()))
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.master_log).unwrap_or_default()
    }

    /// `jfork run` with `args` in the work directory.
    fn run(&self, args: &[&str], stdin: &[u8]) -> Output {
        let mut cmd = jfork();
        cmd.args(["run", "--no-daemon", "--socket"])
            .arg(&self.socket)
            .args(args);
        self.output(cmd, stdin)
    }

    /// HotSpot on the same command line, in the same directory.
    fn java(&self, args: &[&str], stdin: &[u8]) -> Output {
        let mut cmd = Command::new(&self.java);
        cmd.args(args);
        self.output(cmd, stdin)
    }

    fn output(&self, mut cmd: Command, stdin: &[u8]) -> Output {
        let mut child = cmd
            .current_dir(&self.work)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin).unwrap();
        child.wait_with_output().unwrap()
    }

    /// Runs `args` through `jfork run` and `java`; both must print the same and exit alike.
    fn same_as_java(&self, args: &[&str], stdin: &[u8]) -> Result<Output, String> {
        let ours = self.run(args, stdin);
        let theirs = self.java(args, stdin);
        check(ours.stdout == theirs.stdout, || {
            format!(
                "stdout differs:\n jfork: {:?}\n java:  {:?}",
                text(&ours.stdout),
                text(&theirs.stdout)
            )
        })?;
        check(ours.stderr == theirs.stderr, || {
            format!(
                "stderr differs:\n jfork: {:?}\n java:  {:?}",
                text(&ours.stderr),
                text(&theirs.stderr)
            )
        })?;
        check(ours.status.code() == theirs.status.code(), || {
            format!("exit: jfork {:?}, java {:?}", ours.status, theirs.status)
        })?;
        Ok(ours)
    }

    fn cold_children(&self) -> usize {
        self.log().matches("cold child").count()
    }
}

impl Drop for Setup {
    fn drop(&mut self) {
        let _ = self.master.kill();
        let _ = self.master.wait();
    }
}

fn jfork() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jfork"));
    cmd.env_remove("JFORK_TEST_RUNNER")
        .env_remove("CLASSPATH")
        .env("RUST_LOG", "info");
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn check(cond: bool, what: impl FnOnce() -> String) -> Outcome {
    if cond { Ok(()) } else { Err(what()) }
}

// ---------------------------------------------------------------------------------------

fn hello_prints_and_exits_zero(s: &Setup) -> Outcome {
    let out = s.same_as_java(&["-cp", "../classes", "Hello"], b"")?;
    check(
        text(&out.stdout) == "Hello, world\n" && out.status.code() == Some(0),
        || format!("{:?} {:?}", out.status, text(&out.stdout)),
    )
}

fn system_exit_code_is_the_status(s: &Setup) -> Outcome {
    let out = s.same_as_java(&["-cp", "../classes", "Exit3"], b"")?;
    check(out.status.code() == Some(3), || format!("{:?}", out.status))
}

fn uncaught_exception_prints_and_exits_one(s: &Setup) -> Outcome {
    let out = s.same_as_java(&["-cp", "../classes", "Boom"], b"")?;
    let stderr = text(&out.stderr);
    check(
        out.status.code() == Some(1)
            && stderr.starts_with(
                "Exception in thread \"main\" java.lang.IllegalStateException: boom\n",
            ),
        || format!("{:?} {stderr:?}", out.status),
    )
}

fn stdin_is_piped_through(s: &Setup) -> Outcome {
    let input = b"first\nsecond line\n".repeat(500);
    let out = s.same_as_java(&["-cp", "../classes", "Echo"], &input)?;
    check(text(&out.stdout).ends_with("lines: 1000\n"), || {
        format!("{} bytes out", out.stdout.len())
    })
}

fn properties_and_arguments_are_the_requests(s: &Setup) -> Outcome {
    let out = s.same_as_java(
        &[
            "-Dk=v",
            "-Dother=with spaces",
            "-cp",
            "../classes",
            "Where",
            "one",
            "two words",
        ],
        b"",
    )?;
    let stdout = text(&out.stdout);
    check(
        stdout.contains("k=v\nother=with spaces\n")
            && stdout.contains("java.class.path=../classes\n")
            && stdout.ends_with("arg=one\narg=two words\n"),
        || stdout.clone(),
    )
}

fn working_directory_is_the_clients(s: &Setup) -> Outcome {
    let out = s.same_as_java(&["-cp", "../classes", "Where"], b"")?;
    let stdout = text(&out.stdout);
    let work = s.work.canonicalize().unwrap();
    let want = format!(
        "user.dir={0}\njava.class.path=../classes\nabsolute={0}/data.txt\ndata=the client's file\n\
         path={0}/data.txt\nnio=the client's file\n",
        work.display()
    );
    check(stdout.contains(&want), || stdout.clone())
}

fn two_runs_print_the_same(s: &Setup) -> Outcome {
    let args = ["-Dk=again", "-cp", "../classes", "Where", "x"];
    let first = s.run(&args, b"");
    let second = s.run(&args, b"");
    check(
        first.status.success()
            && first.stdout == second.stdout
            && first.stderr == second.stderr
            && first.status.code() == second.status.code(),
        || format!("{:?} / {:?}", text(&first.stdout), text(&second.stdout)),
    )?;
    // A property of one child is not seen by the next.
    let third = s.run(&["-cp", "../classes", "Where"], b"");
    check(text(&third.stdout).starts_with("k=null\n"), || {
        text(&third.stdout)
    })
}

fn same_class_path_runs_on_the_booted_runtime(s: &Setup) -> Outcome {
    let before = s.cold_children();
    let absolute = s.classes.to_string_lossy().into_owned();
    s.same_as_java(&["-cp", &absolute, "Hello"], b"")?;
    s.same_as_java(&["-cp", "../classes/", "Hello"], b"")?;
    check(s.cold_children() == before, || {
        format!("a cold child was started:\n{}", s.log())
    })
}

fn other_class_path_runs_cold(s: &Setup) -> Outcome {
    let before = s.cold_children();
    let class_path = "../classes:.";
    let out = s.same_as_java(&["-cp", class_path, "Where"], b"")?;
    check(
        text(&out.stdout).contains("java.class.path=../classes:.\n"),
        || text(&out.stdout),
    )?;
    check(s.cold_children() == before + 1, || {
        format!("no cold child logged:\n{}", s.log())
    })
}

fn main() {
    let jdk = match jfork_preloader::Jdk::discover(None) {
        Ok(jdk) => jdk.home().to_path_buf(),
        Err(e) => {
            println!("run_java tests skipped: they need a JDK ({e})");
            return;
        }
    };
    if !jdk.join("bin/javac").exists() || !jdk.join("bin/java").exists() {
        println!(
            "run_java tests skipped: no javac or java in {}",
            jdk.display()
        );
        return;
    }
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let setup = match Setup::new(&jdk) {
        Ok(s) => s,
        Err(e) => {
            println!("run_java: set-up failed: {e}");
            std::process::exit(1);
        }
    };
    type Test = fn(&Setup) -> Outcome;
    let tests: [(&str, Test); 9] = [
        ("hello_prints_and_exits_zero", hello_prints_and_exits_zero),
        (
            "system_exit_code_is_the_status",
            system_exit_code_is_the_status,
        ),
        (
            "uncaught_exception_prints_and_exits_one",
            uncaught_exception_prints_and_exits_one,
        ),
        ("stdin_is_piped_through", stdin_is_piped_through),
        (
            "properties_and_arguments_are_the_requests",
            properties_and_arguments_are_the_requests,
        ),
        (
            "working_directory_is_the_clients",
            working_directory_is_the_clients,
        ),
        ("two_runs_print_the_same", two_runs_print_the_same),
        (
            "same_class_path_runs_on_the_booted_runtime",
            same_class_path_runs_on_the_booted_runtime,
        ),
        ("other_class_path_runs_cold", other_class_path_runs_cold),
    ];
    let mut failed = Vec::new();
    for (name, test) in tests {
        if !filters.is_empty() && !filters.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        let started = Instant::now();
        match test(&setup) {
            Ok(()) => println!("test {name} ... ok ({} ms)", started.elapsed().as_millis()),
            Err(e) => {
                println!("test {name} ... FAILED: {e}");
                failed.push(name);
            }
        }
    }
    if !failed.is_empty() {
        println!("master log:\n{}", setup.log());
        println!("failed: {failed:?}");
        drop(setup);
        std::process::exit(1);
    }
}
