//! `jfork preload`: run the master's preload once and report what it did.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result, bail};
use jfork_preloader::{ClassPath, ClassPathSource, Jdk, PreloadList, PreloadReport, Preloader};
use jfork_resolver::Linker;

/// Options of `jfork preload`.
#[derive(Debug)]
struct PreloadOptions {
    jdk: Option<String>,
    class_path: String,
    list: String,
    json: bool,
    threads: Option<usize>,
    validate: bool,
    link: bool,
}

fn parse(args: &[String]) -> Result<PreloadOptions> {
    let mut options = PreloadOptions {
        jdk: None,
        class_path: String::new(),
        list: "jdk-default".to_string(),
        json: false,
        threads: None,
        validate: true,
        link: true,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| {
            args.next()
                .cloned()
                .with_context(|| format!("{flag} needs a value"))
        };
        match arg.as_str() {
            "--jdk" => options.jdk = Some(value("--jdk")?),
            "-cp" | "-classpath" | "--class-path" => options.class_path = value(arg)?,
            "--preload" => options.list = value("--preload")?,
            "--threads" => {
                let text = value("--threads")?;
                let threads: usize = text
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .with_context(|| format!("--threads {text}: expected a positive number"))?;
                options.threads = Some(threads);
            }
            "--no-validate" => options.validate = false,
            "--no-link" => options.link = false,
            "--json" => options.json = true,
            other => bail!(
                "preload: unknown option `{other}` (options: --jdk DIR, -cp PATH, --preload \
                 jdk-default|all|all:MODULES|none|FILE, --threads N, --no-validate, --no-link, --json)"
            ),
        }
    }
    Ok(options)
}

/// Runs `jfork preload`.
pub fn run(args: &[String]) -> Result<ExitCode> {
    let options = parse(args)?;
    let jdk = Jdk::discover(options.jdk.as_deref().map(Path::new))?;
    // Linked classes borrow from the class path for the rest of the process, as the
    // master's do.
    let class_path: &'static ClassPath = Box::leak(Box::new(
        ClassPath::for_jdk(&jdk, &options.class_path)
            .with_context(|| format!("cannot open the JDK image of {}", jdk.home().display()))?,
    ));
    for problem in class_path.problems() {
        eprintln!("jfork: warning: class path: {problem}");
    }
    let list = PreloadList::resolve(&options.list, Some(&jdk), class_path)?;
    let mut preloader = Preloader::new(class_path).with_validation(options.validate);
    if let Some(threads) = options.threads {
        preloader = preloader.with_threads(threads);
    }

    let progress = Progress::new(!options.json && std::io::stderr().is_terminal());
    // One pass: the linker parses, validates (the JDK's classes too, unless --no-validate)
    // and links each class once. Like the class path, the linked classes stay until the
    // process exits, as in the master: freeing tens of MiB of them one by one would cost
    // more than a tenth of the preload.
    let linker: Option<&Linker<ClassPathSource>> = options.link.then(|| {
        &*Box::leak(Box::new(
            Linker::new(ClassPathSource::new(class_path)).with_boot_validation(options.validate),
        ))
    });
    let report =
        preloader.run_with_link(&list, linker, &|done, total| progress.update(done, total));
    progress.finish();

    if options.json {
        let mut out = std::io::stdout().lock();
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        print_report(&jdk, &report)?;
    }
    Ok(if report.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_report(jdk: &Jdk, report: &PreloadReport) -> Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "jdk:       {}", jdk.home().display())?;
    writeln!(
        out,
        "list:      {} ({} names, {} directive lines skipped)",
        report.list, report.listed, report.directives_skipped
    )?;
    writeln!(
        out,
        "loaded:    {} classes ({} supertypes not on the list), {} already loaded",
        report.loaded, report.supertypes_loaded, report.already_loaded
    )?;
    writeln!(
        out,
        "bytes:     {:.1} MiB ({:.1} MiB borrowed from memory maps)",
        mib(report.bytes),
        mib(report.borrowed_bytes)
    )?;
    writeln!(out, "linked:    {} ({})", report.linked, report.linker)?;
    writeln!(
        out,
        "time:      {:.1} ms wall ({:.1} ms load, {:.1} ms link) on {} threads",
        report.wall_ms, report.load_ms, report.link_ms, report.threads
    )?;
    writeln!(
        out,
        "threads:   {:.1} ms locate, {:.1} ms parse, {:.1} ms validate, {:.1} ms link ({} \
         waits for a class another thread was linking)",
        report.locate_thread_ms,
        report.parse_thread_ms,
        report.validate_thread_ms,
        report.link_thread_ms,
        report.link_waits
    )?;
    writeln!(out, "missing:   {}", report.missing)?;
    for name in &report.missing_names {
        writeln!(out, "  {name}")?;
    }
    writeln!(out, "failed:    {}", report.failed)?;
    for failure in &report.failures {
        writeln!(
            out,
            "  {} ({}): {}: {}",
            failure.name, failure.step, failure.error, failure.reason
        )?;
    }
    Ok(())
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// A one-line progress bar on a terminal; silent otherwise.
struct Progress {
    enabled: bool,
    drawn: AtomicUsize,
}

impl Progress {
    fn new(enabled: bool) -> Progress {
        Progress {
            enabled,
            drawn: AtomicUsize::new(usize::MAX),
        }
    }

    fn update(&self, done: usize, total: usize) {
        if !self.enabled || total == 0 {
            return;
        }
        // Redraw only when the bar moves by a step, so threads don't flood the terminal.
        let step = done * 40 / total;
        if self.drawn.swap(step, Ordering::Relaxed) == step {
            return;
        }
        let bar: String = (0..40).map(|i| if i < step { '#' } else { '.' }).collect();
        eprint!("\rpreloading [{bar}] {done}/{total}");
    }

    fn finish(&self) {
        if self.enabled && self.drawn.load(Ordering::Relaxed) != usize::MAX {
            eprintln!();
        }
    }
}
