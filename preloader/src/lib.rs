//! Class path entries, JDK discovery, preload lists and the preload driver.
//!
//! This is the master's "class preloader" and "class locator": it opens the class path
//! (directories, jars with their manifest `Class-Path`, jmods, and the JDK's runtime image
//! `lib/modules`, all memory-mapped), finds a class's bytes by binary name (boot path first,
//! then the application path), reads preload lists (HotSpot's classlist, Android's
//! preloaded-classes, `jdk-default`, `all`), and drives the preload of every listed class and
//! its supertypes on all cores: locate -> parse -> validate into its own table
//! ([`Preloader::run`]), or, with `jfork-resolver`'s `Linker` over [`ClassPathSource`] (the
//! class path as the linker's class source), one pass of locate -> parse -> validate -> link
//! into the linker's table, each class located, parsed and linked once
//! ([`Preloader::run_with_link`]). When either returns, every helper thread has exited, so
//! the master can fork.
//!
//! ```no_run
//! use jfork_preloader::{ClassPath, Jdk, PreloadList, Preloader};
//!
//! let jdk = Jdk::discover(None)?;
//! let class_path = ClassPath::for_jdk(&jdk, "app.jar:classes")?;
//! let list = PreloadList::resolve("jdk-default", Some(&jdk), &class_path)?;
//! let preloader = Preloader::new(&class_path);
//! let report = preloader.run(&list, &|done, total| eprint!("\r{done}/{total}"));
//! println!("{} classes loaded in {:.1} ms", report.loaded, report.wall_ms);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod archive;
mod bytes;
mod classpath;
mod driver;
mod error;
mod jdk;
mod jimage;
mod link;
mod list;
mod zip;

pub use archive::{Archive, ArchiveKind, Manifest};
pub use bytes::ClassBytes;
pub use classpath::{ClassPath, ClassPathEntry, EntryKind, Located};
pub use driver::{Failure, LoadError, PreloadCache, PreloadReport, PreloadedClass, Preloader};
pub use error::{EntryError, JImageError, JdkError, ListError, LocateError, ZipError};
pub use jdk::{Jdk, JdkSource};
pub use jimage::JImage;
pub use link::{ClassPathSource, PreloadSource};
pub use list::PreloadList;
