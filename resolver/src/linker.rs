//! Loading and linking (JVMS 5.3, 5.4): find a class through the [`ClassSource`], check it,
//! resolve its superclass and superinterfaces, lay it out, build its method tables, and keep
//! the result once per (loader, name).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, RwLock};
use std::time::{Duration, Instant};

use crate::class::{ClassKind, ItableEntry, LinkedClass, Method, Selected, package_of};
use crate::classdecl::{ACC_ABSTRACT, ACC_FINAL, ACC_INTERFACE, ACC_STATIC, ClassDecl, Name};
use crate::constraints::LoaderConstraints;
use crate::error::{LinkError, LinkErrorKind, Place, external, module_suffix, modules_suffix};
use crate::in_flight::{Claim, InFlight};
use crate::layout::lay_out_fields;
use crate::methods::{NewClass, Slot, build_itable, build_vtable};
use crate::resolution::CpCache;
use crate::source::{ClassSource, FoundClass, LoaderId};
use jfork_classfile::ClassFileError;

/// The lowest class file major version HotSpot 17 accepts (JDK 1.1).
pub const MIN_MAJOR_VERSION: u16 = 45;
/// The highest class file major version HotSpot 17 accepts (Java 17).
pub const MAX_MAJOR_VERSION: u16 = 61;

/// The linked classes, by initiating loader and name. A small map behind a type so that it
/// can become `jfork-cache`'s table without touching the linker.
#[derive(Debug, Default)]
pub struct ClassTable {
    map: RwLock<HashMap<LoaderId, ClassesOfLoader>>,
}

/// The classes one loader has initiated, by name.
type ClassesOfLoader = HashMap<Box<str>, Arc<LinkedClass>, BuildHasherDefault<Fnv1a>>;

/// FNV-1a: class names are short and trusted to be spread enough; SipHash's DoS resistance
/// costs more than the rest of a lookup here.
#[derive(Debug, Clone, Copy)]
struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Fnv1a {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv1a {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// A class's resolved superclass and direct superinterfaces.
type Supertypes = (Option<Arc<LinkedClass>>, Vec<Arc<LinkedClass>>);

impl ClassTable {
    /// The class `name` as `loader` sees it, if linked.
    pub fn get(&self, loader: LoaderId, name: &str) -> Option<Arc<LinkedClass>> {
        let map = self.map.read().unwrap_or_else(|e| e.into_inner());
        map.get(&loader).and_then(|m| m.get(name)).cloned()
    }

    /// Records `class` for `loader` unless another thread got there first; returns the one
    /// that stays.
    pub(crate) fn insert(&self, loader: LoaderId, class: Arc<LinkedClass>) -> Arc<LinkedClass> {
        let mut map = self.map.write().unwrap_or_else(|e| e.into_inner());
        map.entry(loader)
            .or_default()
            .entry(Box::from(class.name.as_ref()))
            .or_insert(class)
            .clone()
    }

    /// Forgets `class` for `loader` (a class that failed verification), if it is the one
    /// recorded.
    pub(crate) fn remove(&self, loader: LoaderId, class: &Arc<LinkedClass>) {
        let mut map = self.map.write().unwrap_or_else(|e| e.into_inner());
        if let Some(m) = map.get_mut(&loader)
            && m.get(class.name.as_ref())
                .is_some_and(|c| Arc::ptr_eq(c, class))
        {
            m.remove(class.name.as_ref());
        }
    }

    /// Forgets every class for which `keep` is false.
    pub(crate) fn retain(&self, keep: impl Fn(&LinkedClass) -> bool) {
        let mut map = self.map.write().unwrap_or_else(|e| e.into_inner());
        for classes in map.values_mut() {
            classes.retain(|_, c| keep(c));
        }
    }

    /// Records `class` for its defining loader; returns the one that stays.
    pub(crate) fn insert_defined(&self, class: Arc<LinkedClass>) -> Arc<LinkedClass> {
        self.insert(class.loader, class)
    }

    /// Number of (loader, name) entries.
    pub fn len(&self) -> usize {
        let map = self.map.read().unwrap_or_else(|e| e.into_inner());
        map.values().map(HashMap::len).sum()
    }

    /// Whether no class is linked yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every class defined by its loader (each once).
    pub fn classes(&self) -> Vec<Arc<LinkedClass>> {
        let map = self.map.read().unwrap_or_else(|e| e.into_inner());
        map.iter()
            .flat_map(|(loader, m)| m.values().filter(move |c| c.loader == *loader))
            .cloned()
            .collect()
    }
}

/// What a linker has done so far, for reports (`jfork preload`): counts, and the thread time
/// of the steps that are not linking proper. Times add up over threads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkStats {
    /// Class files parsed (each class once, failed ones included; arrays have none).
    pub parsed: u64,
    /// Their size in bytes.
    pub bytes: u64,
    /// Classes linked twice and the second result thrown away: only where waiting is not
    /// possible (see [`Linker`]).
    pub discarded: u64,
    /// Times a thread waited for another to finish defining a class it needed.
    pub waits: u64,
    /// Time spent asking the [`ClassSource`] for classes.
    pub find_time: Duration,
    /// Time spent parsing class files.
    pub parse_time: Duration,
    /// Time spent in the class file checks of JVMS 4.9 (`ClassFile::validate`).
    pub validate_time: Duration,
}

/// The counters behind [`LinkStats`].
#[derive(Debug, Default)]
struct Counters {
    parsed: AtomicU64,
    bytes: AtomicU64,
    discarded: AtomicU64,
    waits: AtomicU64,
    find_ns: AtomicU64,
    parse_ns: AtomicU64,
    validate_ns: AtomicU64,
}

impl Counters {
    fn bump(counter: &AtomicU64, by: u64) {
        counter.fetch_add(by, Ordering::Relaxed);
    }

    /// Runs `step`, adding the time it took to `counter`.
    fn timed<T>(counter: &AtomicU64, step: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = step();
        let ns = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        Counters::bump(counter, ns);
        result
    }

    fn snapshot(&self) -> LinkStats {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        LinkStats {
            parsed: get(&self.parsed),
            bytes: get(&self.bytes),
            discarded: get(&self.discarded),
            waits: get(&self.waits),
            find_time: Duration::from_nanos(get(&self.find_ns)),
            parse_time: Duration::from_nanos(get(&self.parse_ns)),
            validate_time: Duration::from_nanos(get(&self.validate_ns)),
        }
    }
}

/// Links classes found through a [`ClassSource`]. Safe to share between threads: each class
/// is parsed and linked once, a thread that needs a class another thread is defining waits
/// for it. Where waiting could deadlock, a thread defines the class again and the first
/// result is kept: a circular hierarchy whose halves two threads define at once (the second
/// thread then meets the cycle itself), or a class the verifier needs while the same thread
/// is still defining it.
pub struct Linker<S: ClassSource> {
    source: S,
    table: ClassTable,
    pub(crate) constraints: LoaderConstraints,
    primitives: [OnceLock<Arc<LinkedClass>>; 9],
    rejected: crate::verifier::Rejected,
    in_flight: InFlight,
    validate_boot: bool,
    counters: Counters,
}

/// Classes being linked on this call path, to detect circularity (JVMS 5.3.5 step 3).
type InProgress = Vec<(LoaderId, Name)>;

impl<S: ClassSource> Linker<S> {
    /// A linker over `source` with an empty class table.
    pub fn new(source: S) -> Linker<S> {
        Linker {
            source,
            table: ClassTable::default(),
            constraints: LoaderConstraints::default(),
            primitives: Default::default(),
            rejected: crate::verifier::Rejected::default(),
            in_flight: InFlight::default(),
            validate_boot: false,
            counters: Counters::default(),
        }
    }

    /// Whether classes of the boot loader get the class file checks of JVMS 4.9
    /// (`ClassFile::validate`) too; off by default, as HotSpot trusts the JDK's own classes.
    /// The master's preload turns it on to check the JDK image once. The bytecode verifier
    /// still trusts the boot loader either way.
    pub fn with_boot_validation(mut self, validate: bool) -> Self {
        self.validate_boot = validate;
        self
    }

    /// What this linker has done so far.
    pub fn stats(&self) -> LinkStats {
        self.counters.snapshot()
    }

    pub(crate) fn primitives(&self) -> &[OnceLock<Arc<LinkedClass>>; 9] {
        &self.primitives
    }

    /// The class source.
    pub fn source(&self) -> &S {
        &self.source
    }

    /// The table of linked classes.
    pub fn table(&self) -> &ClassTable {
        &self.table
    }

    /// Loads and links the class, interface or array class `name` (internal form) as loader
    /// `initiating` sees it (JVMS 5.3), with its whole hierarchy.
    pub fn load_class(
        &self,
        initiating: LoaderId,
        name: &str,
    ) -> Result<Arc<LinkedClass>, LinkError> {
        self.load(initiating, name, &mut Vec::new())
    }

    pub(crate) fn load(
        &self,
        initiating: LoaderId,
        name: &str,
        in_progress: &mut InProgress,
    ) -> Result<Arc<LinkedClass>, LinkError> {
        if let Some(class) = self.table.get(initiating, name) {
            self.rejected.check(&class)?;
            return Ok(class);
        }
        if name.starts_with('[') {
            let class = self.create_array_class(initiating, name, in_progress)?;
            self.constraints.check_load(initiating, &class)?;
            return Ok(self.table.insert(initiating, class));
        }
        let found = Counters::timed(&self.counters.find_ns, || {
            self.source.find_class(initiating, name)
        })
        .map_err(|e| LinkError::new(LinkErrorKind::NoClassDefFoundError, e.to_string()))?
        .ok_or_else(|| LinkError::new(LinkErrorKind::NoClassDefFoundError, name))?;
        self.load_found_as(initiating, name, found, in_progress)
    }

    /// Loads and links class `name` from `found`, which the caller has located as the class
    /// source would (the preloader, which locates each listed class itself): the source is
    /// not asked for this class again, only for its supertypes. The class is recorded for its
    /// defining loader; if that loader has it already, that class is the answer.
    pub fn load_found(&self, name: &str, found: FoundClass) -> Result<Arc<LinkedClass>, LinkError> {
        let defining = found.defining_loader;
        if let Some(class) = self.table.get(defining, name) {
            self.rejected.check(&class)?;
            return Ok(class);
        }
        self.load_found_as(defining, name, found, &mut Vec::new())
    }

    /// The part of loading after the source has answered: parse, check and define the class
    /// for its defining loader once, then record it for the initiating loader.
    fn load_found_as(
        &self,
        initiating: LoaderId,
        name: &str,
        found: FoundClass,
        in_progress: &mut InProgress,
    ) -> Result<Arc<LinkedClass>, LinkError> {
        let defining = found.defining_loader;
        let class = match self.table.get(defining, name) {
            Some(class) => class,
            None => {
                let (claim, waited) = self
                    .in_flight
                    .claim(defining, name, || self.table.get(defining, name));
                if waited {
                    Counters::bump(&self.counters.waits, 1);
                }
                match claim {
                    Claim::Linked(class) => class,
                    // The claim is held until the class is defined and verified (or failed).
                    Claim::Define(_claim) => self.define_found(name, found, in_progress)?,
                }
            }
        };
        Ok(if initiating == defining {
            class
        } else {
            self.constraints.check_load(initiating, &class)?;
            self.table.insert(initiating, class)
        })
    }

    /// Parses, checks and defines class `name` from `found` (JVMS 5.3.5), records it for its
    /// defining loader and verifies it.
    fn define_found(
        &self,
        name: &str,
        found: FoundClass,
        in_progress: &mut InProgress,
    ) -> Result<Arc<LinkedClass>, LinkError> {
        let defining = found.defining_loader;
        Counters::bump(&self.counters.parsed, 1);
        Counters::bump(&self.counters.bytes, found.bytes.len() as u64);
        let decl = Counters::timed(&self.counters.parse_ns, || ClassDecl::parse(found.bytes))
            .map_err(|e| match e {
                ClassFileError::UnsupportedVersion { major, minor, .. } => {
                    version_error(name, major, minor).unwrap_or_else(|| format_error(name, &e))
                }
                e => format_error(name, &e),
            })?;
        // JVMS 4.9-4.10 static constraints, for classes outside the boot loader only, as
        // HotSpot verifies by default (the JDK's own classes are trusted), unless asked.
        if defining != LoaderId::BOOTSTRAP || self.validate_boot {
            Counters::timed(&self.counters.validate_ns, || decl.class_file.validate())
                .map_err(|e| LinkError::new(LinkErrorKind::VerifyError, format!("{e}")))?;
        }
        let class = self.define(defining, found.module, name, decl, in_progress)?;
        self.constraints.check_load(defining, &class)?;
        let kept = self.table.insert(defining, Arc::clone(&class));
        if !Arc::ptr_eq(&kept, &class) {
            Counters::bump(&self.counters.discarded, 1);
        }
        // JVMS 4.10 verification, again only outside the boot loader. The class is in the
        // table first so that classes loaded for assignability checks can link against it; a
        // class that fails leaves the table again. Those loads start a circularity chain of
        // their own: HotSpot verifies at link time, after loading, so a subclass being loaded
        // (`Op$1` while its superclass `Op` is verified) is no cycle.
        // HotSpot does not verify the JDK's generated reflection accessors either
        // (`MagicAccessorImpl`'s subclasses: their bytecode calls constructors the
        // verifier would refuse, on purpose).
        if defining != LoaderId::BOOTSTRAP
            && Arc::ptr_eq(&kept, &class)
            && !crate::resolution::is_magic_accessor(&class)
        {
            let mut chain = Vec::new();
            let verified =
                crate::verifier::verify_with(&class, &mut |n| self.load(defining, n, &mut chain));
            if let Err(e) = verified {
                self.table.remove(defining, &class);
                // Classes linked against it meanwhile (a subclass loaded for an assignability
                // check) go too, and fail as it does from now on.
                self.table
                    .retain(|c| !crate::verifier::depends_on(c, &class));
                self.rejected.add(&class, &e);
                return Err(e);
            }
        }
        Ok(kept)
    }

    /// JVMS 5.3.5 steps 2-4 and preparation: checks `decl` and links it as `name` of
    /// `loader`.
    fn define(
        &self,
        loader: LoaderId,
        module: Option<Arc<str>>,
        name: &str,
        decl: ClassDecl,
        in_progress: &mut InProgress,
    ) -> Result<Arc<LinkedClass>, LinkError> {
        if let Some(e) = version_error(name, decl.major_version(), decl.minor_version()) {
            return Err(e);
        }
        if decl.this_class != name {
            return Err(LinkError::new(
                LinkErrorKind::NoClassDefFoundError,
                format!("{name} (wrong name: {})", decl.this_class),
            ));
        }
        if in_progress
            .iter()
            .any(|(l, n)| *l == loader && n.as_ref() == name)
        {
            return Err(LinkError::new(
                LinkErrorKind::ClassCircularityError,
                external(name),
            ));
        }
        in_progress.push((loader, decl.this_class.clone()));
        let supers = self.resolve_supertypes(loader, module.as_deref(), &decl, in_progress);
        in_progress.pop();
        let (super_class, interfaces) = supers?;
        link(loader, module, decl, super_class, interfaces)
    }

    /// JVMS 5.3.5 steps 3-4: the superclass and the direct superinterfaces, with their
    /// checks.
    fn resolve_supertypes(
        &self,
        loader: LoaderId,
        module: Option<&str>,
        decl: &ClassDecl,
        in_progress: &mut InProgress,
    ) -> Result<Supertypes, LinkError> {
        let name = decl.this_class.as_ref();
        let is_interface = decl.access & ACC_INTERFACE != 0;
        let super_class = match &decl.super_class {
            None if name == "java/lang/Object" => None,
            None => {
                return Err(LinkError::new(
                    LinkErrorKind::ClassFormatError,
                    format!("Invalid superclass index 0 in class file {name}"),
                ));
            }
            Some(s) if is_interface && s != "java/lang/Object" => {
                return Err(LinkError::new(
                    LinkErrorKind::ClassFormatError,
                    format!(
                        "Interfaces must have java.lang.Object as superclass in class file {name}"
                    ),
                ));
            }
            Some(s) => {
                let sup = self.load(loader, s, in_progress)?;
                check_superclass(decl, (name, loader, module), &sup)?;
                Some(sup)
            }
        };
        let mut interfaces = Vec::with_capacity(decl.interfaces.len());
        for i in &decl.interfaces {
            let iface = self.load(loader, i, in_progress)?;
            if !iface.is_interface() {
                return Err(LinkError::new(
                    LinkErrorKind::IncompatibleClassChangeError,
                    format!(
                        "class {} can not implement {}, because it is not an interface {}",
                        external(name),
                        external(&iface.name),
                        module_suffix((&iface.name, iface.loader, iface.module.as_deref()))
                    ),
                ));
            }
            check_access_to_super((name, loader, module), &iface, "superinterface")?;
            check_sealed(decl, loader, &iface)?;
            interfaces.push(iface);
        }
        Ok((super_class, interfaces))
    }
}

/// A malformed class file, as `ClassFormatError`: HotSpot's text for the common cases,
/// `jfork-classfile`'s precise one (offset, JVMS rule) for the rest.
fn format_error(name: &str, e: &ClassFileError) -> LinkError {
    let message = match e {
        ClassFileError::Truncated { .. } => "Truncated class file".to_owned(),
        ClassFileError::BadMagic { found, .. } => {
            format!("Incompatible magic value {found} in class file {name}")
        }
        e => format!("{e} in class file {name}"),
    };
    LinkError::new(LinkErrorKind::ClassFormatError, message)
}

/// JVMS 4.1 as HotSpot 17 applies it: majors 45..=61; from 56 on the minor is 0, or 65535
/// for preview features (not enabled here).
fn version_error(name: &str, major: u16, minor: u16) -> Option<LinkError> {
    let name = external(name);
    if major > MAX_MAJOR_VERSION {
        return Some(LinkError::new(
            LinkErrorKind::UnsupportedClassVersionError,
            format!(
                "{name} has been compiled by a more recent version of the Java Runtime \
                 (class file version {major}.{minor}), this version of the Java Runtime only \
                 recognizes class file versions up to {MAX_MAJOR_VERSION}.0"
            ),
        ));
    }
    if major < MIN_MAJOR_VERSION {
        return Some(LinkError::new(
            LinkErrorKind::UnsupportedClassVersionError,
            format!("Unsupported major.minor version {major}.{minor}"),
        ));
    }
    if major >= 56 && minor == 0xFFFF {
        return Some(LinkError::new(
            LinkErrorKind::UnsupportedClassVersionError,
            format!(
                "Preview features are not enabled for {name} (class file version \
                 {major}.{minor}). Try running with '--enable-preview'"
            ),
        ));
    }
    if major >= 56 && minor != 0 {
        return Some(LinkError::new(
            LinkErrorKind::UnsupportedClassVersionError,
            format!(
                "{name} (class file version {major}.{minor}) was compiled with an invalid non-zero minor class file version. Try running with '--enable-preview'"
            ),
        ));
    }
    None
}

/// JVMS 5.3.5 step 3 and 5.4.4: the superclass is a class, not final, accessible, and
/// permits this class if sealed.
fn check_superclass(
    decl: &ClassDecl,
    place: Place<'_>,
    sup: &LinkedClass,
) -> Result<(), LinkError> {
    let loader = place.1;
    let name = external(&decl.this_class);
    if sup.is_interface() {
        return Err(LinkError::new(
            LinkErrorKind::IncompatibleClassChangeError,
            format!(
                "class {name} has interface {} as super class",
                external(&sup.name)
            ),
        ));
    }
    if sup.access & ACC_FINAL != 0 {
        return Err(LinkError::new(
            LinkErrorKind::IncompatibleClassChangeError,
            format!(
                "class {name} cannot inherit from final class {}",
                external(&sup.name)
            ),
        ));
    }
    check_access_to_super(place, sup, "superclass")?;
    check_sealed(decl, loader, sup)
}

/// JVMS 5.4.4: a non-public supertype must be in the same run-time package.
fn check_access_to_super(place: Place<'_>, sup: &LinkedClass, what: &str) -> Result<(), LinkError> {
    let (name, loader, _) = place;
    if sup.is_public() || (sup.loader == loader && sup.package() == package_of(name)) {
        return Ok(());
    }
    // HotSpot lets the JDK's generated reflection accessors (MagicAccessorImpl's
    // subclasses, defined in loaders of their own) extend its package-private classes.
    let magic = sup.name.as_ref() == "jdk/internal/reflect/MagicAccessorImpl"
        || crate::resolution::is_magic_accessor(sup);
    if magic && sup.loader == LoaderId::BOOTSTRAP {
        return Ok(());
    }
    Err(LinkError::new(
        LinkErrorKind::IllegalAccessError,
        format!(
            "class {} cannot access its {what} {} {}",
            external(name),
            external(&sup.name),
            modules_suffix(place, (&sup.name, sup.loader, sup.module.as_deref()))
        ),
    ))
}

/// JVMS 5.3.5 step 3 (Java 17): a sealed supertype must list this class.
fn check_sealed(decl: &ClassDecl, loader: LoaderId, sup: &LinkedClass) -> Result<(), LinkError> {
    let Some(permitted) = sup
        .decl
        .as_ref()
        .and_then(|d| d.permitted_subclasses.as_ref())
    else {
        return Ok(());
    };
    let listed = permitted.iter().any(|p| p == &decl.this_class);
    if listed && sup.loader == loader {
        return Ok(());
    }
    Err(LinkError::new(
        LinkErrorKind::IncompatibleClassChangeError,
        format!(
            "class {} cannot inherit from sealed class {}",
            external(&decl.this_class),
            external(&sup.name)
        ),
    ))
}

/// Every superinterface of a class with these supertypes, each once, superclass's first.
fn collect_interfaces(
    super_class: Option<&Arc<LinkedClass>>,
    interfaces: &[Arc<LinkedClass>],
) -> Vec<Arc<LinkedClass>> {
    let mut all: Vec<Arc<LinkedClass>> =
        super_class.map_or_else(Vec::new, |s| s.all_interfaces.to_vec());
    for i in interfaces {
        for j in i.all_interfaces.iter().chain(std::iter::once(i)) {
            if !all.iter().any(|k| Arc::ptr_eq(k, j)) {
                all.push(Arc::clone(j));
            }
        }
    }
    all
}

/// Preparation and method tables (JVMS 5.4.2, 5.4.5, 5.4.6) once the supertypes are linked.
fn link(
    loader: LoaderId,
    module: Option<Arc<str>>,
    decl: ClassDecl,
    super_class: Option<Arc<LinkedClass>>,
    interfaces: Vec<Arc<LinkedClass>>,
) -> Result<Arc<LinkedClass>, LinkError> {
    let is_interface = decl.access & ACC_INTERFACE != 0;
    let all_interfaces = collect_interfaces(super_class.as_ref(), &interfaces);
    let super_size = super_class.as_ref().map_or(0, |s| s.instance_size);
    let super_references = super_class
        .as_ref()
        .map_or(&[][..], |s| &s.reference_offsets);
    let layout = lay_out_fields(&decl, super_size, super_references)?;
    let arg_slots: Vec<u16> = decl
        .methods
        .iter()
        .map(|m| m.parameter_slots + u16::from(m.access & ACC_STATIC == 0))
        .collect();
    let new = NewClass {
        decl: &decl,
        loader,
        super_class: super_class.as_ref(),
        all_interfaces: &all_interfaces,
    };
    let (vtable, vtable_index, itable) = if is_interface {
        (Vec::new(), vec![None; decl.methods.len()], Vec::new())
    } else {
        let (vtable, index) = build_vtable(&new)?;
        let itable = if decl.access & ACC_ABSTRACT == 0 {
            build_itable(&new, &vtable)
        } else {
            Vec::new()
        };
        (vtable, index, itable)
    };
    let mut next_itable = 0u32;
    let itable_index: Vec<Option<u32>> = decl
        .methods
        .iter()
        .map(|m| {
            let dispatched = is_interface
                && m.access & (ACC_STATIC | crate::classdecl::ACC_PRIVATE) == 0
                && m.name != "<clinit>";
            dispatched.then(|| {
                next_itable += 1;
                next_itable - 1
            })
        })
        .collect();
    let nest_host = decl
        .nest_host
        .clone()
        .unwrap_or_else(|| decl.this_class.clone());
    let cp_cache = CpCache::new();
    Ok(Arc::new_cyclic(|weak| {
        let methods: Box<[Arc<Method>]> = decl
            .methods
            .iter()
            .enumerate()
            .map(|(i, m)| {
                Arc::new(Method {
                    class: weak.clone(),
                    class_name: decl.this_class.clone(),
                    class_loader: loader,
                    in_interface: is_interface,
                    name: m.name.clone(),
                    descriptor: m.descriptor.clone(),
                    access: m.access,
                    index: i as u16,
                    arg_slots: arg_slots[i],
                    vtable_index: vtable_index[i],
                    itable_index: itable_index[i],
                    has_code: m.has_code,
                    predecoded: std::sync::OnceLock::new(),
                })
            })
            .collect();
        let materialize = |slot: Slot| match slot {
            Slot::Own(i) => Selected::Method(Arc::clone(&methods[usize::from(i)])),
            Slot::Selected(s) => s,
        };
        let vtable: Box<[Selected]> = vtable.into_iter().map(materialize).collect();
        let itable: Box<[ItableEntry]> = itable
            .into_iter()
            .map(|(interface, slots)| ItableEntry {
                interface,
                methods: slots.into_iter().map(materialize).collect(),
            })
            .collect();
        LinkedClass {
            name: decl.this_class.clone(),
            loader,
            module,
            access: decl.access,
            kind: ClassKind::Declared,
            super_class,
            interfaces: interfaces.into(),
            all_interfaces: all_interfaces.into(),
            fields: layout.fields.into(),
            instance_size: layout.instance_size,
            static_slots: layout.static_slots,
            reference_offsets: layout.reference_offsets.into(),
            static_reference_slots: layout.static_reference_slots.into(),
            methods,
            vtable,
            itable,
            nest_host,
            cp_cache,
            decl: Some(decl),
        }
    }))
}
