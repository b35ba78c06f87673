//! `jdk.internal.util.SystemProps$Raw`: the platform's and the VM's system properties, as
//! the JDK's Linux natives and HotSpot 17 produce them.
//!
//! `platformProperties()` answers a `String[]` whose slots are the class's own `_..._NDX`
//! constants (read from the class file, never numbered here): locale parts from
//! `setlocale`/`nl_langinfo(CODESET)` with the JDK's name tables, `uname`, the password
//! entry, the working directory, separators. `vmProperties()` answers `key, value, ...` in
//! HotSpot's order, with the command line's `-D` properties merged as HotSpot merges them
//! (some keys are the VM's own and ignore `-D`, `sun.boot.library.path` appends, the rest
//! replace in place or append), in an array sized as HotSpot sizes it (room for two pairs
//! beyond its list, unused slots null).
//!
//! Values that describe HotSpot itself (`java.vm.info`, `sun.management.compiler`,
//! `java.vm.compressedOopsMode`) are what a default `java` run reports, so that programs
//! printing them match `java`'s output (DESIGN.md decision 4).

use std::collections::HashMap;
use std::ffi::CStr;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use jfork_resolver::{ConstantValue, LoaderId};

use crate::vm::{Thrown, Vm};

const RAW: &str = "jdk/internal/util/SystemProps$Raw";

pub(crate) fn register(vm: &mut Vm) {
    vm.register_native(
        RAW,
        "platformProperties",
        "()[Ljava/lang/String;",
        platform_properties,
    );
    vm.register_native(RAW, "vmProperties", "()[Ljava/lang/String;", vm_properties);
}

/// A property value: text the JDK makes with `NewStringUTF` (ours already as text), or
/// bytes from the system that it decodes with `sun.jnu.encoding` (`JNU_NewStringPlatform`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Text {
    Java(String),
    Native(Vec<u8>),
}

impl Text {
    fn java(text: &str) -> Text {
        Text::Java(text.to_owned())
    }
}

// ---------------------------------------------------------------------------------------
// platformProperties

/// `SystemProps$Raw.platformProperties()`.
fn platform_properties(vm: &mut Vm, _: &[u64]) -> Result<u64, Thrown> {
    let (length, slots) = raw_layout(vm)?;
    let locale = LocaleSettings::from_environment();
    // (slot name without `_` and `_NDX`, value); absent values stay null.
    let mut values: Vec<(String, Text)> = Vec::new();
    let mut put = |name: &str, text: Text| values.push((name.to_owned(), text));
    let (os_name, os_version) = uname();
    put("os_name", Text::Java(lossy(&os_name)));
    put("os_version", Text::Java(lossy(&os_version)));
    put("os_arch", Text::java(OS_ARCH));
    put("file_separator", Text::java("/"));
    put("path_separator", Text::java(":"));
    put("line_separator", Text::java("\n"));
    put("file_encoding", Text::java(&locale.encoding));
    put("sun_jnu_encoding", Text::java(&locale.encoding));
    // SAFETY: isatty only inspects the descriptor numbers.
    let (out_tty, err_tty) = unsafe { (libc::isatty(1) == 1, libc::isatty(2) == 1) };
    for (tty, name) in [
        (out_tty, "sun_stdout_encoding"),
        (err_tty, "sun_stderr_encoding"),
    ] {
        if tty {
            put(name, Text::java(&locale.encoding));
        }
    }
    let little = cfg!(target_endian = "little");
    let unicode = if little {
        "UnicodeLittle"
    } else {
        "UnicodeBig"
    };
    put("sun_io_unicode_encoding", Text::java(unicode));
    put(
        "sun_cpu_endian",
        Text::java(if little { "little" } else { "big" }),
    );
    put("sun_arch_data_model", Text::java(DATA_MODEL));
    // Linux's P_tmpdir.
    put("java_io_tmpdir", Text::java("/tmp"));
    let (user_name, user_home) = user_entry();
    put("user_name", Text::Native(user_name));
    put("user_home", Text::Native(user_home));
    let Some(dir) = working_directory() else {
        return vm.throw(
            "java/lang/Error",
            "Properties init: Could not determine current working directory.",
        );
    };
    put("user_dir", Text::Native(dir));
    for (prefix, parts) in [("display", &locale.messages), ("format", &locale.ctype)] {
        put(&format!("{prefix}_language"), Text::java(&parts.language));
        for (part, value) in [
            ("script", &parts.script),
            ("country", &parts.country),
            ("variant", &parts.variant),
        ] {
            if let Some(v) = value {
                put(&format!("{prefix}_{part}"), Text::java(v));
            }
        }
    }

    let mut elements = vec![0u64; length];
    for (name, text) in values {
        let field = format!("_{name}_NDX");
        let Some(&slot) = slots.get(&field).filter(|&&s| s < length) else {
            return vm.throw(
                "java/lang/InternalError",
                format!("no field {RAW}.{field} I"),
            );
        };
        elements[slot] = make_string(vm, &text, &locale.encoding)?;
    }
    vm.new_ref_array("[Ljava/lang/String;", &elements)
}

/// `FIXED_LENGTH` and the `_..._NDX` slot numbers, from the class's `ConstantValue`s.
fn raw_layout(vm: &mut Vm) -> Result<(usize, HashMap<String, usize>), Thrown> {
    let cid = vm.load(LoaderId::BOOTSTRAP, RAW)?;
    let linked = vm.classes[cid as usize].linked.clone();
    let mut length = None;
    let mut slots = HashMap::new();
    for field in linked.fields.iter().filter(|f| f.is_static()) {
        if let Some(ConstantValue::Int(v)) = linked.constant_value(field) {
            let Ok(v) = usize::try_from(v) else { continue };
            if field.name == "FIXED_LENGTH" {
                length = Some(v);
            } else if field.name.ends_with("_NDX") {
                slots.insert(field.name.to_string(), v);
            }
        }
    }
    match length {
        Some(length) => Ok((length, slots)),
        None => vm.throw(
            "java/lang/InternalError",
            format!("no field {RAW}.FIXED_LENGTH I"),
        ),
    }
}

/// `os.arch` as the JDK's build names the CPU.
const OS_ARCH: &str = if cfg!(target_arch = "x86_64") {
    "amd64"
} else if cfg!(target_arch = "x86") {
    "i386"
} else if cfg!(target_arch = "aarch64") {
    "aarch64"
} else if cfg!(target_arch = "riscv64") {
    "riscv64"
} else if cfg!(all(target_arch = "powerpc64", target_endian = "little")) {
    "ppc64le"
} else if cfg!(target_arch = "s390x") {
    "s390x"
} else {
    std::env::consts::ARCH
};

/// `sun.arch.data.model`.
const DATA_MODEL: &str = if cfg!(target_pointer_width = "64") {
    "64"
} else {
    "32"
};

/// `uname`'s system name and release.
fn uname() -> (Vec<u8>, Vec<u8>) {
    // SAFETY: utsname is plain bytes; uname fills it (it cannot fail with a valid pointer).
    let mut uts: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: `uts` is a valid, writable utsname.
    unsafe { libc::uname(&mut uts) };
    let field = |f: &[libc::c_char]| -> Vec<u8> {
        f.iter()
            .take_while(|&&c| c != 0)
            .map(|&c| c as u8)
            .collect()
    };
    (field(&uts.sysname), field(&uts.release))
}

/// `user.name` and `user.home` from the password entry of the real uid (`?` when there is
/// none); JDK 17 on Linux does not look at `$HOME`.
fn user_entry() -> (Vec<u8>, Vec<u8>) {
    let unknown = || (b"?".to_vec(), b"?".to_vec());
    let mut buffer = vec![0u8; 16 * 1024];
    loop {
        // SAFETY: passwd is plain data that getpwuid_r fills.
        let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        // SAFETY: every pointer is valid for the sizes given; getuid cannot fail.
        let rc = unsafe {
            libc::getpwuid_r(
                libc::getuid(),
                &mut entry,
                buffer.as_mut_ptr().cast(),
                buffer.len(),
                &mut found,
            )
        };
        if rc == libc::ERANGE && buffer.len() < (1 << 20) {
            buffer.resize(buffer.len() * 2, 0);
            continue;
        }
        if rc == libc::EINTR {
            continue;
        }
        if rc != 0 || found.is_null() {
            return unknown();
        }
        let text = |p: *const libc::c_char| {
            if p.is_null() {
                None
            } else {
                // SAFETY: getpwuid_r points the fields into `buffer` as C strings.
                Some(unsafe { CStr::from_ptr(p) }.to_bytes().to_vec())
            }
        };
        let name = text(entry.pw_name).unwrap_or_else(|| b"?".to_vec());
        let home = text(entry.pw_dir).unwrap_or_else(|| b"?".to_vec());
        return (name, home);
    }
}

/// The working directory as `getcwd` with a `MAXPATHLEN` buffer gives it (the JDK throws
/// when that fails: a deleted directory, a path longer than 4096 bytes).
fn working_directory() -> Option<Vec<u8>> {
    let mut buffer = vec![0u8; libc::PATH_MAX as usize];
    // SAFETY: the buffer is writable for its length.
    let p = unsafe { libc::getcwd(buffer.as_mut_ptr().cast(), buffer.len()) };
    if p.is_null() {
        return None;
    }
    // SAFETY: getcwd succeeded and wrote a C string into `buffer`.
    Some(unsafe { CStr::from_ptr(p) }.to_bytes().to_vec())
}

/// Text from bytes as `NewStringUTF` reads them.
fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A Java string for `text`; native bytes decoded as `JNU_NewStringPlatform` does with the
/// `sun.jnu.encoding` in use: its fast paths for Latin-1, UTF-8 and ISO646-US, otherwise
/// `new String(bytes, encoding)`, and Latin-1 when the JDK cannot decode the encoding.
fn make_string(vm: &mut Vm, text: &Text, jnu_encoding: &str) -> Result<u64, Thrown> {
    let bytes = match text {
        Text::Java(s) => return vm.create_string(s),
        Text::Native(b) => b,
    };
    if let Some(s) = decode_fast(bytes, jnu_encoding) {
        return vm.create_string(&s);
    }
    match new_string_in(vm, bytes, jnu_encoding) {
        Ok(s) => Ok(s),
        // The JDK's fallback for an encoding `Charset.isSupported` refuses.
        Err(_) => vm.create_string(&latin1(bytes)),
    }
}

/// The decodings the JDK does without calling Java; `None` when Java must decode.
fn decode_fast(bytes: &[u8], jnu_encoding: &str) -> Option<String> {
    if bytes.is_ascii() {
        return Some(latin1(bytes));
    }
    match jnu_encoding {
        "8859_1" | "ISO8859-1" | "ISO8859_1" | "ISO-8859-1" => Some(latin1(bytes)),
        "UTF-8" => Some(utf8_as_java(bytes)),
        // Java's US-ASCII decoder (not a JNU fast path, but the same text).
        "ANSI_X3.4-1968" | "US-ASCII" => Some(
            bytes
                .iter()
                .map(|&b| if b < 0x80 { b as char } else { '\u{fffd}' })
                .collect(),
        ),
        "ISO646-US" => Some(
            bytes
                .iter()
                .map(|&b| if b < 0x80 { b as char } else { '?' })
                .collect(),
        ),
        _ => None,
    }
}

/// UTF-8 decoded as Java's decoder does, malformed input replaced: as Rust's lossy
/// decoding (one U+FFFD per maximal invalid subpart), except that Java takes an encoded
/// surrogate (`ED A0..BF 80..BF`) as one malformed sequence.
fn utf8_as_java(bytes: &[u8]) -> String {
    let encoded_surrogate =
        |b: &[u8]| matches!(b, [0xed, 0xa0..=0xbf, b3, ..] if b3 & 0xc0 == 0x80);
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    while !rest.is_empty() {
        if encoded_surrogate(rest) {
            out.push('\u{fffd}');
            rest = &rest[3..];
            continue;
        }
        match std::str::from_utf8(rest) {
            Ok(text) => {
                out.push_str(text);
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                rest = after;
                if !encoded_surrogate(after) {
                    out.push('\u{fffd}');
                    rest = &after[e.error_len().unwrap_or(after.len())..];
                }
            }
        }
    }
    out
}

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| b as char).collect()
}

/// `new String(bytes, charset)`.
fn new_string_in(vm: &mut Vm, bytes: &[u8], charset: &str) -> Result<u64, Thrown> {
    let cid = vm.load(LoaderId::BOOTSTRAP, "java/lang/String")?;
    let ctor = vm.classes[cid as usize]
        .linked
        .declared_method("<init>", "([BLjava/lang/String;)V")
        .cloned();
    let Some(ctor) = ctor else {
        return vm.throw(
            "java/lang/InternalError",
            "no constructor java/lang/String.<init>([BLjava/lang/String;)V",
        );
    };
    let array = vm.new_byte_array(bytes)?;
    let name = vm.create_string(charset)?;
    let string = vm.new_instance(cid)?;
    let mid = vm.method_id(&ctor);
    vm.call_method(mid, &[string, array, name])?;
    Ok(string)
}

// ---------------------------------------------------------------------------------------
// vmProperties

/// `SystemProps$Raw.vmProperties()`: HotSpot's `JVM_GetProperties`.
fn vm_properties(vm: &mut Vm, _: &[u64]) -> Result<u64, Thrown> {
    let version = string_constants(
        vm,
        "java/lang/VersionProps",
        ["java_runtime_version", "VERSION_SPECIFICATION", "VENDOR"],
    )?;
    let [version, specification_version, vendor] = version;
    let java_home = vm.java_home.as_os_str().as_bytes().to_vec();
    let mut library_path = Vec::new();
    if let Some(v) = std::env::var_os("LD_LIBRARY_PATH") {
        library_path.extend_from_slice(v.as_bytes());
        library_path.push(b':');
    }
    library_path.extend_from_slice(default_library_path(&vm.java_home).as_bytes());
    let boot_append = vm
        .options
        .boot_append
        .iter()
        .map(|p| p.as_os_str().as_bytes())
        .collect::<Vec<_>>()
        .join(&b':');
    // jfork's own default heap is not HotSpot's: without `-Xmx` HotSpot sizes the heap from
    // the machine's memory, and the mode reported is the one for that heap.
    let heap_max = (vm.options.heap_max != crate::heap::DEFAULT_HEAP_MAX)
        .then_some(vm.options.heap_max as u64);
    let facts = VmFacts {
        java_home,
        class_path: &vm.options.class_path,
        boot_append,
        library_path,
        version,
        specification_version,
        vendor,
        // The launcher's main class and arguments: to come from the VM options.
        command: "",
        heap_max,
        properties: &vm.options.properties,
    };
    let texts = get_properties(&vm_property_list(&facts));
    let encoding = LocaleSettings::from_environment().encoding;
    let mut elements = Vec::with_capacity(texts.len());
    for text in &texts {
        elements.push(match text {
            Some(t) => make_string(vm, t, &encoding)?,
            None => 0,
        });
    }
    vm.new_ref_array("[Ljava/lang/String;", &elements)
}

/// The `String` constants `names` of boot class `class`.
fn string_constants<const N: usize>(
    vm: &mut Vm,
    class: &str,
    names: [&str; N],
) -> Result<[String; N], Thrown> {
    let cid = vm.load(LoaderId::BOOTSTRAP, class)?;
    let linked = vm.classes[cid as usize].linked.clone();
    let mut out: [String; N] = std::array::from_fn(|_| String::new());
    for (slot, name) in out.iter_mut().zip(names) {
        let value = linked
            .declared_field(name, "Ljava/lang/String;")
            .and_then(|f| linked.constant_value(f));
        let Some(ConstantValue::String(text)) = value else {
            return vm.throw(
                "java/lang/InternalError",
                format!("no field {class}.{name} Ljava/lang/String;"),
            );
        };
        *slot = text.into_owned();
    }
    Ok(out)
}

/// What HotSpot's property list is made of.
struct VmFacts<'a> {
    java_home: Vec<u8>,
    class_path: &'a str,
    /// `-Xbootclasspath/a:` entries joined with `:`.
    boot_append: Vec<u8>,
    /// `java.library.path`.
    library_path: Vec<u8>,
    /// `java.vm.version` (the runtime's version string).
    version: String,
    /// `java.vm.specification.version` (the feature release).
    specification_version: String,
    /// `java.vm.vendor` (the build's vendor).
    vendor: String,
    /// `sun.java.command`.
    command: &'a str,
    /// `-Xmx`, `None` for HotSpot's default heap.
    heap_max: Option<u64>,
    /// `-D` properties in command-line order.
    properties: &'a [(String, String)],
}

/// The keys HotSpot defines for itself before the command line: a `-D` for one of these
/// is dropped (they are read-only or set again after the command line).
const VM_OWN: &[&str] = &[
    "java.vm.specification.name",
    "java.vm.specification.vendor",
    "java.vm.specification.version",
    "java.vm.version",
    "java.vm.name",
    "java.vm.info",
    "java.vm.vendor",
    "jdk.debug",
    "jdk.boot.class.path.append",
];

/// A property HotSpot keeps in its list but never reports.
const UNREPORTED: &str = "sun.nio.MaxDirectMemorySize";

/// HotSpot's property list (`Arguments::system_properties`) once the command line and the
/// heap are set up, and whether the JIT compilers are on.
fn vm_property_list(facts: &VmFacts) -> (Vec<(String, Text)>, bool) {
    let java = |key: &str, value: &str| (key.to_owned(), Text::java(value));
    let native = |key: &str, value: &[u8]| (key.to_owned(), Text::Native(value.to_vec()));
    let boot_library_path = [facts.java_home.as_slice(), b"/lib"].concat();
    let mut list: Vec<(String, Text)> = vec![
        java(
            "java.vm.specification.name",
            "Java Virtual Machine Specification",
        ),
        java("java.vm.version", &facts.version),
        java(
            "java.vm.name",
            &format!("OpenJDK {DATA_MODEL}-Bit Server VM"),
        ),
        java("jdk.debug", "release"),
        native("sun.boot.library.path", &boot_library_path),
        native("java.library.path", &facts.library_path),
        native("java.home", &facts.java_home),
        java("java.class.path", facts.class_path),
        native("jdk.boot.class.path.append", &facts.boot_append),
        // Set below, once the command line says whether the JIT is on.
        java("java.vm.info", ""),
        java("java.vm.specification.vendor", "Oracle Corporation"),
        java(
            "java.vm.specification.version",
            &facts.specification_version,
        ),
        java("java.vm.vendor", &facts.vendor),
    ];
    fn unique_add(list: &mut Vec<(String, Text)>, key: &str, value: Text) {
        match list.iter_mut().find(|(k, _)| k == key) {
            Some(entry) => entry.1 = value,
            None => list.push((key.to_owned(), value)),
        }
    }
    let mut jit = true;
    for (key, value) in facts.properties {
        match key.as_str() {
            // `-Djava.compiler=NONE` (or empty) means `-Xint`; the key is not kept.
            "java.compiler" => {
                if value.is_empty() || value.eq_ignore_ascii_case("NONE") {
                    jit = false;
                }
            }
            "sun.java.launcher.is_altjvm" => {}
            "sun.boot.library.path" => {
                if let Some((_, Text::Native(path))) =
                    list.iter_mut().find(|(k, _)| k == "sun.boot.library.path")
                {
                    path.push(b':');
                    path.extend_from_slice(value.as_bytes());
                }
            }
            k if VM_OWN.contains(&k) => {}
            k => unique_add(&mut list, k, Text::java(value)),
        }
    }
    // What the launcher adds after the user's options.
    unique_add(&mut list, "sun.java.command", Text::java(facts.command));
    unique_add(&mut list, "sun.java.launcher", Text::java("SUN_STANDARD"));
    // What HotSpot itself reports by default (see the module doc).
    let mode = if jit {
        "mixed mode"
    } else {
        "interpreted mode"
    };
    if let Some(info) = list.iter_mut().find(|(k, _)| k == "java.vm.info") {
        info.1 = Text::Java(format!("{mode}, sharing"));
    }
    if let Some(mode) = compressed_oops_mode(facts.heap_max) {
        list.push(("java.vm.compressedOopsMode".into(), Text::java(mode)));
    }
    (list, jit)
}

/// `JVM_GetProperties`: key, value, ... from the list (less what is never reported), then
/// `sun.management.compiler` when the JIT is on, in an array sized for two more pairs than
/// the list holds (the rest stays null).
fn get_properties((list, jit): &(Vec<(String, Text)>, bool)) -> Vec<Option<Text>> {
    let mut out = Vec::with_capacity((list.len() + 2) * 2);
    for (key, value) in list.iter().filter(|(k, _)| k != UNREPORTED) {
        out.push(Some(Text::java(key)));
        out.push(Some(value.clone()));
    }
    if *jit {
        out.push(Some(Text::java("sun.management.compiler")));
        out.push(Some(Text::Java(format!(
            "HotSpot {DATA_MODEL}-Bit Tiered Compilers"
        ))));
    }
    out.resize((list.len() + 2) * 2, None);
    out
}

const GIB: u64 = 1 << 30;

/// HotSpot's compressed-oops mode for a heap of `heap_max` bytes (`None`: its default
/// heap, a quarter of the memory available), as measured against `java -Xmx...` on
/// x86_64 Linux: the heap starts at 2 GiB, so up to 2 GiB it fits below 4 GiB ("32-bit"),
/// up to 30 GiB below 32 GiB ("Zero based"), and just under 32 GiB it needs a base;
/// beyond, there are no compressed oops and no property.
fn compressed_oops_mode(heap_max: Option<u64>) -> Option<&'static str> {
    // The largest heap with compressed oops (32736m has them, 32752m has not).
    let coops_max = 32 * GIB - 32 * (1 << 20);
    let heap = match heap_max {
        Some(h) => h,
        // HotSpot's default heap is kept within compressed oops.
        None => (available_memory().min(128 * GIB) / 4).min(coops_max),
    };
    if heap <= 2 * GIB {
        Some("32-bit")
    } else if heap <= 30 * GIB {
        Some("Zero based")
    } else if heap <= coops_max {
        Some("Non-zero disjoint base")
    } else {
        None
    }
}

/// Physical memory, or the cgroup's memory limit when lower (as HotSpot sizes its heap).
fn available_memory() -> u64 {
    // SAFETY: sysconf only reads system configuration.
    let (pages, page) = unsafe {
        (
            libc::sysconf(libc::_SC_PHYS_PAGES),
            libc::sysconf(libc::_SC_PAGESIZE),
        )
    };
    let physical = u64::try_from(pages)
        .unwrap_or(0)
        .saturating_mul(u64::try_from(page).unwrap_or(0));
    let limit = [
        "/sys/fs/cgroup/memory.max",
        "/sys/fs/cgroup/memory/memory.limit_in_bytes",
    ]
    .iter()
    .filter_map(|f| std::fs::read_to_string(f).ok())
    .find_map(|s| s.trim().parse::<u64>().ok());
    match limit {
        Some(l) if l < physical => l,
        _ => physical,
    }
}

/// The tail of `java.library.path` built into the JDK's `libjvm.so` (distributions change
/// it); OpenJDK's own default when it cannot be read.
fn default_library_path(java_home: &Path) -> String {
    library_path_in(&java_home.join("lib/server/libjvm.so"))
        .unwrap_or_else(|| "/usr/java/packages/lib:/usr/lib64:/lib64:/lib:/usr/lib".to_owned())
}

/// Finds HotSpot's default library path string in the `.rodata` section of a 64-bit
/// little-endian ELF `libjvm.so`: the text from `/usr/java/packages/lib:` to its NUL.
fn library_path_in(libjvm: &Path) -> Option<String> {
    let mut file = File::open(libjvm).ok()?;
    let mut read_at = |offset: u64, len: u64| -> Option<Vec<u8>> {
        if len > 64 << 20 {
            return None;
        }
        let mut buffer = vec![0u8; usize::try_from(len).ok()?];
        file.seek(SeekFrom::Start(offset)).ok()?;
        file.read_exact(&mut buffer).ok()?;
        Some(buffer)
    };
    let header = read_at(0, 64)?;
    if header.get(..6)? != b"\x7fELF\x02\x01" {
        return None;
    }
    let u16_at =
        |b: &[u8], at: usize| Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?));
    let u32_at =
        |b: &[u8], at: usize| Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?));
    let u64_at =
        |b: &[u8], at: usize| Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?));
    let section_offset = u64_at(&header, 0x28)?;
    let entry_size = u64::from(u16_at(&header, 0x3a)?);
    let count = u64::from(u16_at(&header, 0x3c)?);
    let names_index = usize::from(u16_at(&header, 0x3e)?);
    if entry_size < 64 {
        return None;
    }
    let table = read_at(section_offset, entry_size * count)?;
    let entry = |i: usize| table.get(i * entry_size as usize..(i + 1) * entry_size as usize);
    let names_entry = entry(names_index)?;
    let names = read_at(u64_at(names_entry, 0x18)?, u64_at(names_entry, 0x20)?)?;
    let rodata = (0..count as usize).find_map(|i| {
        let e = entry(i)?;
        let name = names.get(u32_at(e, 0)? as usize..)?;
        name.starts_with(b".rodata\0").then_some(e)
    })?;
    let data = read_at(u64_at(rodata, 0x18)?, u64_at(rodata, 0x20)?)?;
    let needle = b"/usr/java/packages/lib:";
    let start = data.windows(needle.len()).position(|w| w == needle)?;
    let len = data[start..].iter().position(|&b| b == 0)?;
    String::from_utf8(data[start..start + len].to_vec()).ok()
}

// ---------------------------------------------------------------------------------------
// Locale

/// What the JDK derives from the process's locale (`setlocale(LC_ALL, "")`, as the JDK
/// does, so the C library's messages follow the locale as they do under `java`).
struct LocaleSettings {
    ctype: LocaleParts,
    messages: LocaleParts,
    /// `file.encoding` and `sun.jnu.encoding`.
    encoding: String,
}

impl LocaleSettings {
    fn from_environment() -> LocaleSettings {
        // SAFETY: one OS thread runs the VM (DESIGN.md decision 1); the names returned by
        // setlocale and nl_langinfo are copied before the next locale call.
        unsafe {
            libc::setlocale(libc::LC_ALL, c"".as_ptr());
            let name = |category| {
                let p = libc::setlocale(category, std::ptr::null());
                (!p.is_null()).then(|| CStr::from_ptr(p).to_bytes().to_vec())
            };
            let ctype_name = name(libc::LC_CTYPE);
            let messages_name = name(libc::LC_MESSAGES);
            let p = libc::nl_langinfo(libc::CODESET);
            let codeset = if p.is_null() {
                Vec::new()
            } else {
                CStr::from_ptr(p).to_bytes().to_vec()
            };
            let ctype = parse_locale(ctype_name.as_deref());
            let encoding = java_encoding(&ctype.codeset, &codeset);
            LocaleSettings {
                messages: parse_locale(messages_name.as_deref()),
                ctype,
                encoding,
            }
        }
    }
}

/// A locale name split and normalised as the JDK's `ParseLocale` does on Linux.
#[derive(Debug, Clone, PartialEq, Eq)]
struct LocaleParts {
    language: String,
    script: Option<String>,
    country: Option<String>,
    variant: Option<String>,
    /// The name's own codeset (`UTF-8` in `de_DE.UTF-8@euro`), only consulted for
    /// `ISO8859-15`.
    codeset: Vec<u8>,
}

/// Splits `language_COUNTRY.codeset@modifier` (`None`, `C` and `POSIX` read as `en_US`),
/// mapping short or legacy names through the JDK's alias and name tables.
fn parse_locale(name: Option<&[u8]>) -> LocaleParts {
    let name = match name {
        None | Some(b"C") | Some(b"POSIX") => b"en_US".as_slice(),
        Some(n) => n,
    };
    let (mut base, mut rest) = split_codeset(name);
    if let Some(alias) = lookup(LOCALE_ALIASES, base) {
        let (alias_base, alias_rest) = split_codeset(alias);
        base = alias_base;
        if !alias_rest.is_empty() {
            rest = alias_rest;
        }
    }
    let (language, country) = match base.iter().position(|&b| b == b'_') {
        Some(i) => (&base[..i], Some(&base[i + 1..])),
        None => (base, None),
    };
    let mut codeset = rest;
    if let Some(i) = codeset.iter().position(|&b| b == b'.') {
        codeset = &codeset[i + 1..];
    }
    let mut modifier = None;
    if let Some(i) = codeset.iter().position(|&b| b == b'@') {
        modifier = Some(&codeset[i + 1..]);
        codeset = &codeset[..i];
    }
    let mapped = |table, key| lookup(table, key).map(lossy);
    LocaleParts {
        language: mapped(LANGUAGE_NAMES, language).unwrap_or_else(|| lossy(language)),
        country: country.map(|c| mapped(COUNTRY_NAMES, c).unwrap_or_else(|| lossy(c))),
        script: modifier.and_then(|m| mapped(SCRIPT_NAMES, m)),
        variant: modifier.and_then(|m| mapped(VARIANT_NAMES, m)),
        codeset: codeset.to_vec(),
    }
}

/// `de_DE.UTF-8@euro` -> (`de_DE`, `.UTF-8@euro`); `sr_RS@latin` -> (`sr_RS`, `@latin`).
fn split_codeset(name: &[u8]) -> (&[u8], &[u8]) {
    let at = name
        .iter()
        .position(|&b| b == b'.')
        .or_else(|| name.iter().position(|&b| b == b'@'))
        .unwrap_or(name.len());
    name.split_at(at)
}

/// The value for `key` in a table of space-separated `key value` pairs.
fn lookup<'t>(table: &'t [u8], key: &[u8]) -> Option<&'t [u8]> {
    let mut words = table.split(|&b| b == b' ').filter(|w| !w.is_empty());
    while let (Some(k), Some(v)) = (words.next(), words.next()) {
        if k == key {
            return Some(v);
        }
    }
    None
}

/// The Java name of the locale's encoding: `nl_langinfo(CODESET)` with the JDK's
/// corrections (the name's own `ISO8859-15` wins, `646` is `ISO646-US`, none is
/// `ISO8859-1`, and `EUC-JP` uses the JDK's Linux variant).
fn java_encoding(name_codeset: &[u8], langinfo: &[u8]) -> String {
    let codeset = if name_codeset == b"ISO8859-15" {
        name_codeset
    } else {
        langinfo
    };
    match codeset {
        b"646" => "ISO646-US".to_owned(),
        b"" => "ISO8859-1".to_owned(),
        b"EUC-JP" => "EUC-JP-LINUX".to_owned(),
        other => lossy(other),
    }
}

/// Locale names without a country (or in words) and the full name the JDK takes for them:
/// its Linux table as `key value` pairs (the two non-ASCII keys are Latin-1, as in the JDK).
const LOCALE_ALIASES: &[u8] =
    b"ar ar_EG be be_BY bg bg_BG br br_FR ca ca_ES cs cs_CZ cz cs_CZ da da_DK de de_DE el \
    el_GR en en_US eo eo es es_ES et et_EE eu eu_ES fi fi_FI fr fr_FR ga ga_IE gl gl_ES he \
    iw_IL hr hr_HR hs en_US hu hu_HU id in_ID in in_ID is is_IS it it_IT iw iw_IL ja ja_JP \
    kl kl_GL ko ko_KR lt lt_LT lv lv_LV mk mk_MK nl nl_NL no no_NO pl pl_PL pt pt_PT ro \
    ro_RO ru ru_RU se se_NO sk sk_SK sl sl_SI sq sq_AL sr sr_CS su fi_FI sv sv_SE th th_TH \
    tr tr_TR ua en_US uk uk_UA vi vi_VN wa wa_BE zh zh_CN bokmal nb_NO bokm\xe5l nb_NO \
    catalan ca_ES croatian hr_HR czech cs_CZ danish da_DK dansk da_DK deutsch de_DE dutch \
    nl_NL eesti et_EE estonian et_EE finnish fi_FI fran\xe7ais fr_FR french fr_FR galego \
    gl_ES galician gl_ES german de_DE greek el_GR hebrew iw_IL hrvatski hr_HR hungarian \
    hu_HU icelandic is_IS italian it_IT japanese ja_JP korean ko_KR lithuanian lt_LT \
    norwegian no_NO nynorsk nn_NO polish pl_PL portuguese pt_PT romanian ro_RO russian ru_RU \
    slovak sk_SK slovene sl_SI slovenian sl_SI spanish es_ES swedish sv_SE thai th_TH \
    turkish tr_TR";

/// Language names the JDK replaces with its (ISO 639, old-style) codes.
const LANGUAGE_NAMES: &[u8] =
    b"C en POSIX en cz cs he iw hs en id in sh sr su fi ua en catalan ca croatian hr czech cs \
    danish da dansk da deutsch de dutch nl finnish fi fran\xe7ais fr french fr german de \
    greek el hebrew he hrvatski hr hungarian hu icelandic is italian it japanese ja \
    norwegian no polish pl portuguese pt romanian ro russian ru slovak sk slovene sl \
    slovenian sl spanish es swedish sv turkish tr";

/// `@modifier`s that name a script.
const SCRIPT_NAMES: &[u8] =
    b"cyrillic Cyrl devanagari Deva iqtelif Latn latin Latn Arab Arab Cyrl Cyrl Deva Deva Ethi \
    Ethi Hans Hans Hant Hant Latn Latn Sund Sund Syrc Syrc Tfng Tfng";

/// Country codes the JDK replaces.
const COUNTRY_NAMES: &[u8] = b"RN US YU CS";

/// `@modifier`s that name a variant (any other is dropped).
const VARIANT_NAMES: &[u8] = b"nynorsk NY";

#[cfg(test)]
mod tests {
    use super::*;

    /// `language script country variant codeset`, `-` for none.
    fn parsed(name: Option<&[u8]>) -> String {
        let p = parse_locale(name);
        let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        let codeset = lossy(&p.codeset);
        let (script, country, variant) = (&p.script, &p.country, &p.variant);
        format!(
            "{} {} {} {} {codeset}",
            p.language,
            or_dash(script),
            or_dash(country),
            or_dash(variant)
        )
        .trim_end()
        .to_owned()
    }

    #[test]
    fn locale_names_parse_as_the_jdk_parses_them() {
        assert_eq!(parsed(None), "en - US -");
        for (name, expected) in [
            (b"C".as_slice(), "en - US -"),
            (b"POSIX", "en - US -"),
            // Not "C" itself: language C is English, without a country.
            (b"C.UTF-8", "en - - - UTF-8"),
            (b"de_DE.UTF-8", "de - DE - UTF-8"),
            (b"sr_RS.UTF-8@latin", "sr Latn RS - UTF-8"),
            (b"de_DE@euro", "de - DE -"),
            (b"no_NO@nynorsk", "no - NO NY"),
            (b"he_IL.UTF-8", "iw - IL - UTF-8"),
            (b"sh_YU", "sr - CS -"),
            (b"en_US.ISO8859-15", "en - US - ISO8859-15"),
            (b"xx_YY_ZZ.foo@bar", "xx - YY_ZZ - foo"),
            // Aliases complete short and spelled-out names.
            (b"de", "de - DE -"),
            (b"de.UTF-8", "de - DE - UTF-8"),
            (b"hebrew", "iw - IL -"),
            (b"bokm\xe5l", "nb - NO -"),
            (b"eo.UTF-8", "eo - - - UTF-8"),
        ] {
            assert_eq!(parsed(Some(name)), expected, "{}", lossy(name));
        }
    }

    #[test]
    fn encodings_follow_langinfo_with_the_jdk_corrections() {
        assert_eq!(java_encoding(b"UTF-8", b"UTF-8"), "UTF-8");
        assert_eq!(java_encoding(b"", b"ANSI_X3.4-1968"), "ANSI_X3.4-1968");
        assert_eq!(java_encoding(b"ISO8859-15", b"ISO-8859-15"), "ISO8859-15");
        assert_eq!(java_encoding(b"", b"ISO-8859-15"), "ISO-8859-15");
        assert_eq!(java_encoding(b"", b"646"), "ISO646-US");
        assert_eq!(java_encoding(b"", b""), "ISO8859-1");
        assert_eq!(java_encoding(b"eucJP", b"EUC-JP"), "EUC-JP-LINUX");
    }

    #[test]
    fn platform_bytes_decode_as_jnu_does() {
        assert_eq!(
            decode_fast(b"/tmp", "EUC-JP-LINUX").as_deref(),
            Some("/tmp")
        );
        assert_eq!(
            decode_fast(b"/h\xe9", "ISO8859-1").as_deref(),
            Some("/h\u{e9}")
        );
        assert_eq!(
            decode_fast("/h\u{e9}".as_bytes(), "UTF-8").as_deref(),
            Some("/h\u{e9}")
        );
        assert_eq!(
            decode_fast(b"/h\xe9", "UTF-8").as_deref(),
            Some("/h\u{fffd}")
        );
        let utf8 = b"/\xed\xa0\x80/\xe2\x82x/\xc0\xaf/\xf0\x9f\x98";
        let java = "/\u{fffd}/\u{fffd}x/\u{fffd}\u{fffd}/\u{fffd}";
        assert_eq!(decode_fast(utf8, "UTF-8").as_deref(), Some(java));
        let ascii = decode_fast(b"/h\xe9", "ANSI_X3.4-1968");
        assert_eq!(ascii.as_deref(), Some("/h\u{fffd}"));
        assert_eq!(decode_fast(b"/h\xe9", "ISO646-US").as_deref(), Some("/h?"));
        assert_eq!(decode_fast(b"/h\xe9", "GB18030"), None);
    }

    fn facts(properties: &[(String, String)]) -> VmFacts<'_> {
        VmFacts {
            java_home: b"/jdk".to_vec(),
            class_path: ".",
            boot_append: Vec::new(),
            library_path: b"/usr/java/packages/lib:/lib".to_vec(),
            version: "17.0.15+6".into(),
            specification_version: "17".into(),
            vendor: "Vendor".into(),
            command: "Main a b",
            heap_max: Some(GIB),
            properties,
        }
    }

    /// The reported array as `key=value` lines (`-` for a null slot).
    fn reported(properties: &[(String, String)]) -> Vec<String> {
        let texts = get_properties(&vm_property_list(&facts(properties)));
        let text = |t: &Option<Text>| match t {
            None => "-".to_owned(),
            Some(Text::Java(s)) => s.clone(),
            Some(Text::Native(b)) => lossy(b),
        };
        texts
            .chunks(2)
            .map(|pair| format!("{}={}", text(&pair[0]), text(&pair[1])))
            .collect()
    }

    #[test]
    fn vm_properties_are_hotspots_list() {
        assert_eq!(
            reported(&[]),
            [
                "java.vm.specification.name=Java Virtual Machine Specification",
                "java.vm.version=17.0.15+6",
                "java.vm.name=OpenJDK 64-Bit Server VM",
                "jdk.debug=release",
                "sun.boot.library.path=/jdk/lib",
                "java.library.path=/usr/java/packages/lib:/lib",
                "java.home=/jdk",
                "java.class.path=.",
                "jdk.boot.class.path.append=",
                "java.vm.info=mixed mode, sharing",
                "java.vm.specification.vendor=Oracle Corporation",
                "java.vm.specification.version=17",
                "java.vm.vendor=Vendor",
                "sun.java.command=Main a b",
                "sun.java.launcher=SUN_STANDARD",
                "java.vm.compressedOopsMode=32-bit",
                "sun.management.compiler=HotSpot 64-Bit Tiered Compilers",
                "-=-",
            ]
        );
    }

    #[test]
    fn command_line_properties_merge_as_in_hotspot() {
        let d = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        let lines = reported(&[
            d("java.vm.name", "X"),
            d("foo", "1"),
            d("sun.boot.library.path", "/b"),
            d("java.library.path", "/l"),
            d("empty", ""),
            d("foo", "2"),
            d("sun.java.launcher", "L"),
            d("sun.nio.MaxDirectMemorySize", "5"),
            d("java.compiler", "NONE"),
        ]);
        assert_eq!(lines[2], "java.vm.name=OpenJDK 64-Bit Server VM");
        assert_eq!(lines[4], "sun.boot.library.path=/jdk/lib:/b");
        assert_eq!(lines[5], "java.library.path=/l");
        assert_eq!(lines[9], "java.vm.info=interpreted mode, sharing");
        assert_eq!(
            lines[13..],
            [
                "foo=2",
                "empty=",
                "sun.java.launcher=SUN_STANDARD",
                "sun.java.command=Main a b",
                "java.vm.compressedOopsMode=32-bit",
                // The unreported entry and the missing compiler leave three null pairs.
                "-=-",
                "-=-",
                "-=-",
            ]
        );
        // A -D of what HotSpot adds after the command line stays, before HotSpot's own.
        let lines = reported(&[d("sun.management.compiler", "M")]);
        assert_eq!(lines[13], "sun.management.compiler=M");
        assert_eq!(
            lines[17],
            "sun.management.compiler=HotSpot 64-Bit Tiered Compilers"
        );
    }

    #[test]
    fn compressed_oops_modes_follow_the_heap_size() {
        let m = 1 << 20;
        assert_eq!(compressed_oops_mode(Some(16 * m)), Some("32-bit"));
        assert_eq!(compressed_oops_mode(Some(2048 * m)), Some("32-bit"));
        assert_eq!(compressed_oops_mode(Some(2049 * m)), Some("Zero based"));
        assert_eq!(compressed_oops_mode(Some(30720 * m)), Some("Zero based"));
        assert_eq!(
            compressed_oops_mode(Some(30721 * m)),
            Some("Non-zero disjoint base")
        );
        assert_eq!(
            compressed_oops_mode(Some(32736 * m)),
            Some("Non-zero disjoint base")
        );
        assert_eq!(compressed_oops_mode(Some(32752 * m)), None);
        assert!(compressed_oops_mode(None).is_some());
    }

    #[test]
    fn library_path_comes_from_libjvm() {
        let dir = std::env::temp_dir().join(format!("jfork-props-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("lib/server")).unwrap();
        std::fs::write(dir.join("lib/server/libjvm.so"), b"\x7fELF not really").unwrap();
        assert_eq!(
            default_library_path(&dir),
            "/usr/java/packages/lib:/usr/lib64:/lib64:/lib:/usr/lib"
        );
        std::fs::remove_dir_all(&dir).unwrap();
        // The JDK in use, when there is one: its built-in path starts the same way.
        if let Ok(jdk) = jfork_preloader::Jdk::discover(None) {
            let path = library_path_in(&jdk.home().join("lib/server/libjvm.so"));
            assert!(path.is_some_and(|p| p.starts_with("/usr/java/packages/lib:")));
        }
    }

    #[test]
    fn natives_fill_the_classes_own_layout() {
        let Ok(mut vm) = Vm::new(crate::VmOptions::default()) else {
            return;
        };
        let array = platform_properties(&mut vm, &[]).unwrap();
        let (length, slots) = raw_layout(&mut vm).unwrap();
        assert_eq!(crate::object::array_length(array) as usize, length);
        let slot = |vm: &Vm, field: &str| {
            let s = vm.ref_array_get(array, slots[field] as i32);
            vm.string_value(s)
        };
        assert_eq!(slot(&vm, "_file_separator_NDX").as_deref(), Some("/"));
        assert_eq!(slot(&vm, "_sun_arch_data_model_NDX").as_deref(), Some("64"));
        assert_eq!(slot(&vm, "_sun_os_patch_level_NDX"), None);
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(slot(&vm, "_user_dir_NDX"), cwd.to_str().map(str::to_owned));

        let array = vm_properties(&mut vm, &[]).unwrap();
        let length = crate::object::array_length(array);
        let texts: Vec<Option<String>> = (0..length)
            .map(|i| vm.string_value(vm.ref_array_get(array, i)))
            .collect();
        assert_eq!(texts[0].as_deref(), Some("java.vm.specification.name"));
        let home = vm.java_home.to_str().map(str::to_owned);
        let at = texts.iter().position(|t| t.as_deref() == Some("java.home"));
        assert_eq!(at.map(|i| texts[i + 1].clone()), Some(home));
    }
}
