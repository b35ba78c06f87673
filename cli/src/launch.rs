//! The `java`-compatible part of the command line: what to run and with which options.
//!
//! `jfork run`, `jfork exec` and `jfork classlist` take the options of the `java` launcher
//! that matter to a program (`-cp`, `-jar`, `-D`, `-Xmx`, `-Xss`, `-ea`) followed by the main
//! class (or `-jar FILE`) and the program's arguments, exactly as `java` reads them: the
//! first word that is not an option is the main class and everything after it belongs to
//! the program.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What a `java`-style command line asks to run.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Launch {
    /// The class path (`-cp`, `-classpath`, `--class-path`); `None` means the default (`.`
    /// or the `CLASSPATH` environment variable, as `java` does).
    pub class_path: Option<String>,
    /// The main class, or `None` with `-jar` (the manifest's `Main-Class` decides).
    pub main_class: Option<String>,
    /// The jar given with `-jar`.
    pub jar: Option<String>,
    /// System properties from `-Dkey=value`, in command-line order.
    pub properties: Vec<(String, String)>,
    /// The maximum heap in bytes (`-Xmx`).
    pub max_heap: Option<u64>,
    /// The Java thread stack size in bytes (`-Xss`).
    pub stack_size: Option<u64>,
    /// Assertions enabled (`-ea`, `-enableassertions`).
    pub enable_assertions: bool,
    /// The program's own arguments.
    pub args: Vec<String>,
}

/// A command line that `java` itself would refuse, with the launcher's own wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LaunchError {
    /// An option `java` does not know (`Unrecognized option: -foo`).
    UnrecognizedOption(String),
    /// An option that needs a value was last (`-cp requires class path specification`).
    MissingValue(&'static str),
    /// A size such as `-Xmx12q` that does not parse.
    InvalidSize { option: &'static str, value: String },
    /// No main class and no `-jar`.
    NoMainClass,
}

impl fmt::Display for LaunchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LaunchError::UnrecognizedOption(option) => {
                write!(f, "Unrecognized option: {option}")
            }
            LaunchError::MissingValue(option) => match *option {
                "-jar" => write!(f, "-jar requires jar file specification"),
                other => write!(f, "{other} requires class path specification"),
            },
            LaunchError::InvalidSize { option, value } => {
                let what = if *option == "-Xmx" {
                    "maximum heap size"
                } else {
                    "thread stack size"
                };
                write!(f, "Invalid {what}: {option}{value}")
            }
            LaunchError::NoMainClass => write!(f, "no main class given (usage: MAIN [ARGS...])"),
        }
    }
}

impl std::error::Error for LaunchError {}

impl LaunchError {
    /// What `java` prints on stderr for this error (it then exits with status 1).
    pub fn java_stderr(&self) -> String {
        match self {
            LaunchError::UnrecognizedOption(_) | LaunchError::InvalidSize { .. } => format!(
                "{self}\nError: Could not create the Java Virtual Machine.\n\
                 Error: A fatal exception has occurred. Program will exit.\n"
            ),
            _ => format!("Error: {self}\n"),
        }
    }
}

impl Launch {
    /// What runs: the main class, or the jar given with `-jar`.
    pub fn target(&self) -> &str {
        self.main_class
            .as_deref()
            .or(self.jar.as_deref())
            .unwrap_or_default()
    }

    /// The class path as the launcher computes it: the `-jar` file, else `-cp`, else
    /// `classpath_env` (the `CLASSPATH` environment variable) when not empty, else `.`.
    pub fn effective_class_path(&self, classpath_env: Option<&str>) -> String {
        match (&self.jar, &self.class_path) {
            (Some(jar), _) => jar.clone(),
            (None, Some(cp)) => cp.clone(),
            (None, None) => classpath_env
                .filter(|c| !c.is_empty())
                .unwrap_or(".")
                .to_owned(),
        }
    }

    /// Reads `java` options, then the main class (or `-jar FILE`), then the program's
    /// arguments.
    pub fn parse(words: &[String]) -> Result<Launch, LaunchError> {
        let mut launch = Launch::default();
        let mut words = words.iter();
        while let Some(word) = words.next() {
            match word.as_str() {
                "-cp" | "-classpath" | "--class-path" => {
                    let value = words.next().ok_or(LaunchError::MissingValue("-cp"))?;
                    launch.class_path = Some(value.clone());
                }
                "-jar" => {
                    let value = words.next().ok_or(LaunchError::MissingValue("-jar"))?;
                    launch.jar = Some(value.clone());
                    break;
                }
                w if is_assertion_option(w, "-ea", "-enableassertions") => {
                    launch.enable_assertions = true;
                }
                w if is_assertion_option(w, "-da", "-disableassertions") => {
                    launch.enable_assertions = false;
                }
                w if w.starts_with("--class-path=") => {
                    launch.class_path = Some(w["--class-path=".len()..].to_string());
                }
                w if w.starts_with("-D") => {
                    let (key, value) = w[2..].split_once('=').unwrap_or((&w[2..], ""));
                    launch.properties.push((key.to_string(), value.to_string()));
                }
                w if w.starts_with("-Xmx") => {
                    launch.max_heap = Some(parse_size("-Xmx", &w[4..])?);
                }
                w if w.starts_with("-Xss") => {
                    launch.stack_size = Some(parse_size("-Xss", &w[4..])?);
                }
                w if w.starts_with('-') => {
                    return Err(LaunchError::UnrecognizedOption(w.to_string()));
                }
                main => {
                    launch.main_class = Some(main.to_string());
                    break;
                }
            }
        }
        if launch.main_class.is_none() && launch.jar.is_none() {
            return Err(LaunchError::NoMainClass);
        }
        launch.args = words.cloned().collect();
        Ok(launch)
    }
}

/// `-ea`, `-ea:pkg...`, `-enableassertions:Class` and the like.
fn is_assertion_option(word: &str, short: &str, long: &str) -> bool {
    [short, long].iter().any(|name| {
        word.strip_prefix(name)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(':'))
    })
}

/// Parses a HotSpot size: digits with an optional `k`, `m`, `g` or `t` suffix (either case).
fn parse_size(option: &'static str, value: &str) -> Result<u64, LaunchError> {
    let invalid = || LaunchError::InvalidSize {
        option,
        value: value.to_string(),
    };
    let (digits, shift) = match value.as_bytes().last() {
        Some(b'k' | b'K') => (&value[..value.len() - 1], 10),
        Some(b'm' | b'M') => (&value[..value.len() - 1], 20),
        Some(b'g' | b'G') => (&value[..value.len() - 1], 30),
        Some(b't' | b'T') => (&value[..value.len() - 1], 40),
        _ => (value, 0),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid());
    }
    let number: u64 = digits.parse().map_err(|_| invalid())?;
    number.checked_mul(1 << shift).ok_or_else(invalid)
}

/// The entries of class path `class_path` as absolute paths, relative ones taken from
/// directory `cwd` (an empty entry is `.`, as the launcher reads it), symbolic links
/// resolved where the entry exists: two class paths that name the same entries in the same
/// order give equal lists.
pub fn absolute_class_path(class_path: &str, cwd: &std::path::Path) -> Vec<std::path::PathBuf> {
    if class_path.is_empty() {
        return Vec::new();
    }
    class_path
        .split(':')
        .map(|entry| {
            let entry = if entry.is_empty() { "." } else { entry };
            let path = cwd.join(entry);
            std::fs::canonicalize(&path).unwrap_or(path)
        })
        .collect()
}

/// [`absolute_class_path`] joined back into one class path string.
pub fn join_class_path(entries: &[std::path::PathBuf]) -> String {
    let parts: Vec<String> = entries
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    parts.join(":")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn options_then_main_then_program_arguments() {
        let launch =
            Launch::parse(&words("-cp a:b -Dx=1 -Dflag -Xmx64m -ea Main -cp c -Dy=2")).unwrap();
        assert_eq!(launch.class_path.as_deref(), Some("a:b"));
        assert_eq!(
            launch.properties,
            vec![("x".into(), "1".into()), ("flag".into(), String::new())]
        );
        assert_eq!(launch.max_heap, Some(64 << 20));
        assert!(launch.enable_assertions);
        assert_eq!(launch.main_class.as_deref(), Some("Main"));
        assert_eq!(launch.args, words("-cp c -Dy=2"));
    }

    #[test]
    fn jar_takes_the_place_of_the_main_class() {
        let launch = Launch::parse(&words("-Xss512k -jar app.jar one two")).unwrap();
        assert_eq!(launch.jar.as_deref(), Some("app.jar"));
        assert_eq!(launch.main_class, None);
        assert_eq!(launch.stack_size, Some(512 << 10));
        assert_eq!(launch.args, words("one two"));
    }

    #[test]
    fn errors_use_the_launchers_words() {
        let error = |line: &str| Launch::parse(&words(line)).unwrap_err().to_string();
        assert_eq!(error("-foo Main"), "Unrecognized option: -foo");
        assert_eq!(error("-cp"), "-cp requires class path specification");
        assert_eq!(error("-jar"), "-jar requires jar file specification");
        assert_eq!(error("-Xmx12q Main"), "Invalid maximum heap size: -Xmx12q");
        assert_eq!(error("-Xss Main"), "Invalid thread stack size: -Xss");
        assert_eq!(
            error("-Dx=1"),
            "no main class given (usage: MAIN [ARGS...])"
        );
    }

    #[test]
    fn java_stderr_matches_the_launcher() {
        let stderr = |line: &str| Launch::parse(&words(line)).unwrap_err().java_stderr();
        assert_eq!(
            stderr("-foo Main"),
            "Unrecognized option: -foo\nError: Could not create the Java Virtual Machine.\n\
             Error: A fatal exception has occurred. Program will exit.\n"
        );
        assert_eq!(
            stderr("-cp"),
            "Error: -cp requires class path specification\n"
        );
    }
}
