//! Finding the JDK whose class library the runtime uses.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::error::JdkError;

/// How the JDK was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum JdkSource {
    /// Given explicitly (`--jdk DIR`).
    Explicit,
    /// `$JAVA_HOME`.
    JavaHome,
    /// The `java` found on `PATH`, symbolic links followed.
    Path,
}

/// An installed JDK: a directory with the runtime image `lib/modules`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Jdk {
    home: PathBuf,
    source: JdkSource,
    version: Option<String>,
}

impl Jdk {
    /// Finds the JDK: `explicit` if given (and only it), else `$JAVA_HOME`, else the JDK
    /// behind `java` on `PATH`. The error names every place tried and why it was rejected.
    pub fn discover(explicit: Option<&Path>) -> Result<Jdk, JdkError> {
        Jdk::discover_from(
            explicit,
            std::env::var_os("JAVA_HOME"),
            std::env::var_os("PATH"),
        )
    }

    /// [`Jdk::discover`] with the environment given, for tests and for callers that carry
    /// a client's environment.
    pub fn discover_from(
        explicit: Option<&Path>,
        java_home: Option<OsString>,
        path: Option<OsString>,
    ) -> Result<Jdk, JdkError> {
        let mut tried = Vec::new();
        if let Some(dir) = explicit {
            return Jdk::at(dir, JdkSource::Explicit).map_err(|why| JdkError {
                tried: vec![format!("--jdk {}: {why}", dir.display())],
            });
        }
        match java_home.filter(|h| !h.is_empty()) {
            Some(home) => match Jdk::at(Path::new(&home), JdkSource::JavaHome) {
                Ok(jdk) => return Ok(jdk),
                Err(why) => tried.push(format!("JAVA_HOME={}: {why}", Path::new(&home).display())),
            },
            None => tried.push("JAVA_HOME: not set".into()),
        }
        let java = path.as_deref().and_then(|p| {
            std::env::split_paths(p)
                .map(|d| d.join("java"))
                .find(|j| j.is_file())
        });
        match java {
            Some(java) => {
                let real = std::fs::canonicalize(&java).unwrap_or_else(|_| java.clone());
                // `<home>/bin/java`
                match real.parent().and_then(Path::parent) {
                    Some(home) => match Jdk::at(home, JdkSource::Path) {
                        Ok(jdk) => return Ok(jdk),
                        Err(why) => tried.push(format!(
                            "java on PATH ({} -> {}): {why}",
                            java.display(),
                            home.display()
                        )),
                    },
                    None => tried.push(format!("java on PATH ({}): no home", real.display())),
                }
            }
            None => tried.push("PATH: no java executable".into()),
        }
        Err(JdkError { tried })
    }

    /// The JDK at `home`, if it has a runtime image.
    fn at(home: &Path, source: JdkSource) -> Result<Jdk, String> {
        let modules = home.join("lib").join("modules");
        match std::fs::metadata(&modules) {
            Ok(m) if m.is_file() => {}
            Ok(_) => return Err(format!("{} is not a file", modules.display())),
            Err(e) => return Err(format!("{}: {e}", modules.display())),
        }
        let version = std::fs::read_to_string(home.join("release"))
            .ok()
            .and_then(|release| {
                release.lines().find_map(|line| {
                    let v = line.strip_prefix("JAVA_VERSION=")?;
                    Some(v.trim().trim_matches('"').to_string())
                })
            });
        Ok(Jdk {
            home: home.to_path_buf(),
            source,
            version,
        })
    }

    /// The JDK's home directory.
    pub fn home(&self) -> &Path {
        &self.home
    }

    /// How it was found.
    pub fn source(&self) -> JdkSource {
        self.source
    }

    /// `JAVA_VERSION` from the JDK's `release` file (`17.0.15`), if present.
    pub fn version(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// The runtime image, `lib/modules`.
    pub fn modules(&self) -> PathBuf {
        self.home.join("lib").join("modules")
    }

    /// The JDK's default class list, `lib/classlist` (it may not exist).
    pub fn classlist(&self) -> PathBuf {
        self.home.join("lib").join("classlist")
    }

    /// The `jmods` directory, when the JDK ships one.
    pub fn jmods(&self) -> Option<PathBuf> {
        let dir = self.home.join("jmods");
        dir.is_dir().then_some(dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_found_names_what_was_tried() {
        let dir = tempfile::tempdir().unwrap();
        let err = Jdk::discover_from(
            None,
            Some(dir.path().as_os_str().to_owned()),
            Some(dir.path().as_os_str().to_owned()),
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("no JDK found; tried: JAVA_HOME="), "{msg}");
        assert!(msg.contains("lib/modules"), "{msg}");
        assert!(msg.contains("PATH: no java executable"), "{msg}");
    }

    #[test]
    fn explicit_dir_is_the_only_one_tried() {
        let err = Jdk::discover_from(Some(Path::new("/nonexistent/jdk")), None, None).unwrap_err();
        assert_eq!(err.tried.len(), 1);
        assert!(err.tried[0].starts_with("--jdk /nonexistent/jdk: "));
    }

    #[test]
    fn a_fake_home_with_an_image_is_accepted_with_its_version() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("lib")).unwrap();
        std::fs::write(dir.path().join("lib/modules"), b"x").unwrap();
        std::fs::write(dir.path().join("release"), "JAVA_VERSION=\"17.0.1\"\n").unwrap();
        let jdk = Jdk::discover_from(None, Some(dir.path().as_os_str().to_owned()), None).unwrap();
        assert_eq!(jdk.source(), JdkSource::JavaHome);
        assert_eq!(jdk.version(), Some("17.0.1"));
    }

    #[test]
    fn java_on_path_leads_to_its_home() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("jdk");
        std::fs::create_dir_all(home.join("bin")).unwrap();
        std::fs::create_dir_all(home.join("lib")).unwrap();
        std::fs::write(home.join("lib/modules"), b"x").unwrap();
        std::fs::write(home.join("bin/java"), b"").unwrap();
        let bin = dir.path().join("usrbin");
        std::fs::create_dir(&bin).unwrap();
        std::os::unix::fs::symlink(home.join("bin/java"), bin.join("java")).unwrap();
        let jdk = Jdk::discover_from(None, None, Some(bin.into_os_string())).unwrap();
        assert_eq!(jdk.source(), JdkSource::Path);
        assert_eq!(jdk.home(), std::fs::canonicalize(&home).unwrap());
    }
}
