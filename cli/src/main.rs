//! `jfork`: a Java runtime whose master process preloads and boots the class library once,
//! then answers each request to run a program by forking itself.
//!
//! See `shared/DESIGN.md` for the command line and `ARCHITECTURE.md` for the code map.

mod inspect;
mod launch;
mod preload;

use std::process::ExitCode;

use anyhow::{Result, bail};

use launch::Launch;

const USAGE: &str = "\
usage: jfork <command> [options]

commands:
  exec    [--jdk DIR] [--limit SPEC] [java options] MAIN [ARGS...]   run cold, no master
  run     [--socket PATH] [--no-daemon] [--limit SPEC] [java options] MAIN [ARGS...]
  master  [--socket PATH] [--jdk DIR] [-cp PATH] [--preload LIST] [--foreground] ...
  status  [--socket PATH] [--json]
  stop    [--socket PATH]
  preload [--jdk DIR] [-cp PATH] [--preload LIST] [--json]
  classlist [java options] MAIN [ARGS...]
  inspect [--jdk DIR] [-cp PATH] CLASS|FILE.class

java options: -cp/-classpath/--class-path PATH, -jar FILE, -DKEY=VALUE, -Xmx, -Xss, -ea
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match dispatch(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("jfork: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn dispatch(args: &[String]) -> Result<ExitCode> {
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return Ok(ExitCode::from(2));
    };
    match command.as_str() {
        "exec" => exec(rest),
        "preload" => preload::run(rest),
        "inspect" => inspect::run(rest),
        "run" | "master" | "status" | "stop" | "classlist" => bail!(
            "`jfork {command}` is not available yet: it needs the runtime (jfork-interp), which \
             cannot boot java.base yet"
        ),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => {
            eprint!("jfork: unknown command `{other}`\n{USAGE}");
            Ok(ExitCode::from(2))
        }
    }
}

/// The options jfork itself reads before the `java` options of `exec`, `run` and
/// `classlist`.
#[derive(Debug, Default)]
struct JforkOptions {
    jdk: Option<String>,
    limit: Option<String>,
}

/// Splits jfork's own leading options (`--jdk DIR`, `--limit SPEC`) from the rest.
fn jfork_options(args: &[String]) -> Result<(JforkOptions, &[String])> {
    let mut options = JforkOptions::default();
    let mut rest = args;
    loop {
        match rest {
            [flag, value, tail @ ..] if flag == "--jdk" => {
                options.jdk = Some(value.clone());
                rest = tail;
            }
            [flag, value, tail @ ..] if flag == "--limit" => {
                options.limit = Some(value.clone());
                rest = tail;
            }
            [flag] if flag == "--jdk" || flag == "--limit" => bail!("{flag} needs a value"),
            _ => return Ok((options, rest)),
        }
    }
}

/// `jfork exec`: run a program cold, in this process, with no master.
fn exec(args: &[String]) -> Result<ExitCode> {
    let (_options, java_args) = jfork_options(args)?;
    let launch = match Launch::parse(java_args) {
        Ok(launch) => launch,
        Err(e) => {
            eprint!("{}", e.java_stderr());
            return Ok(ExitCode::from(1));
        }
    };
    let target = launch
        .main_class
        .as_deref()
        .or(launch.jar.as_deref())
        .unwrap_or_default();
    bail!(
        "cannot run {target}: the interpreter (jfork-interp) cannot boot java.base yet, so no \
         Java program runs through jfork exec"
    )
}
