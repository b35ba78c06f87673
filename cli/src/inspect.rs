//! `jfork inspect`: a `javap -p -c -v`-style dump of one class, from a file or the class path.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use jfork_classfile::ClassFile;
use jfork_preloader::{ClassPath, Jdk};

/// Runs `jfork inspect [--jdk DIR] [-cp PATH] [--no-validate] CLASS|FILE.class`.
pub fn run(args: &[String]) -> Result<ExitCode> {
    let mut jdk = None;
    let mut class_path = String::new();
    let mut validate = true;
    let mut target = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--jdk" => jdk = Some(args.next().context("--jdk needs a value")?.clone()),
            "-cp" | "-classpath" | "--class-path" => {
                class_path = args
                    .next()
                    .with_context(|| format!("{arg} needs a value"))?
                    .clone();
            }
            "--no-validate" => validate = false,
            flag if flag.starts_with('-') => bail!(
                "inspect: unknown option `{flag}` (options: --jdk DIR, -cp PATH, --no-validate)"
            ),
            name if target.is_none() => target = Some(name.to_string()),
            extra => bail!("inspect: one class at a time (unexpected `{extra}`)"),
        }
    }
    let Some(target) = target else {
        bail!("inspect: name a class (java.lang.String, java/lang/String) or a .class file");
    };

    let bytes: Vec<u8> = if target.ends_with(".class") {
        std::fs::read(&target).with_context(|| format!("cannot read {target}"))?
    } else {
        let jdk = Jdk::discover(jdk.as_deref().map(Path::new))?;
        let class_path = ClassPath::for_jdk(&jdk, &class_path)?;
        let name = target.replace('.', "/");
        let located = class_path
            .locate(&name)?
            .with_context(|| format!("class {name} not found on the class path"))?;
        located.bytes.to_vec()
    };
    let class = ClassFile::parse(&bytes).with_context(|| target.clone())?;
    if validate {
        class.validate().with_context(|| target.clone())?;
    }
    print!("{}", jfork_classfile::render(&class));
    Ok(ExitCode::SUCCESS)
}
