//! Preload lists: which classes the master loads before it forks.
//!
//! Two file formats are read, with `#` comments and blank lines allowed in both:
//! - HotSpot's class list (`$JAVA_HOME/lib/classlist`, `-XX:DumpLoadedClassList`): one
//!   internal name (`java/lang/Object`) per line, optionally followed by `id: ...` fields;
//!   `@`-lines are directives (`@lambda-proxy`, `@lambda-form-invoker`) for HotSpot's CDS
//!   archive, which jfork skips and counts.
//! - Android's `preloaded-classes`: one binary name with dots (`java.lang.Object`) per line.
//!
//! Both become internal names: a binary name never contains `/` and an internal name never
//! contains `.`, so replacing dots with slashes is right for either.

use std::collections::HashSet;
use std::path::Path;

use crate::classpath::ClassPath;
use crate::error::ListError;
use crate::jdk::Jdk;

/// Where a list came from and what it holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct PreloadList {
    /// The specification or file it was read from.
    pub source: String,
    /// The classes, in internal form, in list order, without duplicates.
    pub names: Vec<String>,
    /// `@`-directive lines skipped.
    pub directives_skipped: usize,
}

impl PreloadList {
    /// Parses the text of a list file in either format.
    pub fn parse(text: &str, source: &str) -> PreloadList {
        let mut list = PreloadList {
            source: source.to_string(),
            ..PreloadList::default()
        };
        let mut seen = HashSet::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('@') {
                list.directives_skipped += 1;
                continue;
            }
            // The name is the first field; `id:`, `super:`, `source:` may follow.
            let Some(name) = line.split_ascii_whitespace().next() else {
                continue;
            };
            let name = name.replace('.', "/");
            if seen.insert(name.clone()) {
                list.names.push(name);
            }
        }
        list
    }

    /// Reads and parses the list file at `path`.
    pub fn read(path: &Path) -> Result<PreloadList, ListError> {
        let text = std::fs::read(path).map_err(|source| ListError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(PreloadList::parse(
            &String::from_utf8_lossy(&text),
            &path.display().to_string(),
        ))
    }

    /// The list named by `spec`:
    /// - `none`: no class;
    /// - `jdk-default`: the JDK's own `lib/classlist`;
    /// - `all`: every class of module `java.base`; `all:MOD1,MOD2`: every class of the named
    ///   modules of the class path's runtime image;
    /// - anything else: a list file.
    pub fn resolve(
        spec: &str,
        jdk: Option<&Jdk>,
        class_path: &ClassPath,
    ) -> Result<PreloadList, ListError> {
        match spec {
            "none" => Ok(PreloadList {
                source: spec.to_string(),
                ..PreloadList::default()
            }),
            "jdk-default" => {
                let jdk = jdk.ok_or_else(|| ListError::NoJdk(spec.to_string()))?;
                let mut list = PreloadList::read(&jdk.classlist())?;
                list.source = format!("jdk-default ({})", jdk.classlist().display());
                Ok(list)
            }
            "all" => PreloadList::modules(spec, &["java.base"], class_path),
            _ => match spec.strip_prefix("all:") {
                Some(modules) => {
                    let modules: Vec<&str> = modules.split(',').filter(|m| !m.is_empty()).collect();
                    PreloadList::modules(spec, &modules, class_path)
                }
                None => PreloadList::read(Path::new(spec)),
            },
        }
    }

    fn modules(
        spec: &str,
        modules: &[&str],
        class_path: &ClassPath,
    ) -> Result<PreloadList, ListError> {
        let image = class_path
            .image()
            .ok_or_else(|| ListError::NoJdk(spec.to_string()))?;
        let corrupt = |e: crate::JImageError| ListError::Image {
            spec: spec.to_string(),
            source: e,
        };
        let known = image.modules().map_err(corrupt)?;
        let mut list = PreloadList {
            source: spec.to_string(),
            ..PreloadList::default()
        };
        for module in modules {
            if !known.iter().any(|k| k == module) {
                return Err(ListError::NoSuchModule {
                    spec: spec.to_string(),
                    module: module.to_string(),
                });
            }
            let mut classes = image.classes_of_module(module).map_err(corrupt)?;
            classes.sort();
            list.names.extend(classes);
        }
        Ok(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hotspot_classlist_with_directives_and_ids() {
        let list = PreloadList::parse(
            "# NOTE: generated\n\njava/lang/Object\njava/lang/String id: 3\n@lambda-proxy java/lang/X run ()V\n@lambda-form-invoker [LF_RESOLVE] a b c\njava/lang/Object\n",
            "t",
        );
        assert_eq!(list.names, ["java/lang/Object", "java/lang/String"]);
        assert_eq!(list.directives_skipped, 2);
    }

    #[test]
    fn android_preloaded_classes_use_dots() {
        let list = PreloadList::parse(
            "# Classes which are preloaded by Zygote.\nandroid.app.Activity\n  java.util.Map$Entry  \n",
            "t",
        );
        assert_eq!(list.names, ["android/app/Activity", "java/util/Map$Entry"]);
        assert_eq!(list.directives_skipped, 0);
    }

    #[test]
    fn none_is_empty_and_a_missing_file_is_an_error() {
        let cp = ClassPath::new();
        assert!(
            PreloadList::resolve("none", None, &cp)
                .unwrap()
                .names
                .is_empty()
        );
        let err = PreloadList::resolve("/nonexistent/list", None, &cp).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("preload list /nonexistent/list: ")
        );
        assert!(matches!(
            PreloadList::resolve("jdk-default", None, &cp),
            Err(ListError::NoJdk(_))
        ));
    }
}
