//! Resolution of symbolic references (JVMS 5.4.3) with access control (JVMS 5.4.4): classes,
//! fields, methods and interface methods, by name or by constant pool index with a
//! write-once cache per entry.

use std::sync::{Arc, OnceLock};

use crate::class::{LinkedClass, Method};
use jfork_classfile::{Constant, ConstantPool, MemberKind};

use crate::classdecl::{ACC_PRIVATE, ACC_PROTECTED, ACC_PUBLIC, ACC_STATIC, Name, utf8};
use crate::error::{LinkError, LinkErrorKind, external};
use crate::linker::Linker;
use crate::methods::maximally_specific;
use crate::source::ClassSource;

/// A resolved field reference: the field's declaring class and its index there.
#[derive(Debug, Clone)]
pub struct ResolvedField {
    /// The class that declares the field.
    pub class: Arc<LinkedClass>,
    /// Index in [`LinkedClass::fields`].
    pub index: usize,
}

impl ResolvedField {
    /// The field.
    pub fn field(&self) -> &crate::class::Field {
        &self.class.fields[self.index]
    }
}

/// Whether `class` extends `jdk.internal.reflect.MagicAccessorImpl`: the JDK's generated
/// reflection accessors, to which HotSpot grants every access (they are defined in loaders
/// of their own, outside the packages whose members they reach).
pub fn is_magic_accessor(class: &LinkedClass) -> bool {
    let mut c = class.super_class.as_deref();
    while let Some(k) = c {
        if k.name.as_ref() == "jdk/internal/reflect/MagicAccessorImpl"
            && k.loader == crate::LoaderId::BOOTSTRAP
        {
            return true;
        }
        c = k.super_class.as_deref();
    }
    false
}

/// What a constant pool entry resolves to.
#[derive(Debug, Clone)]
pub enum Resolved {
    /// `CONSTANT_Class`.
    Class(Arc<LinkedClass>),
    /// `CONSTANT_Fieldref`.
    Field(ResolvedField),
    /// `CONSTANT_Methodref` or `CONSTANT_InterfaceMethodref`: the resolved method (not yet
    /// selected for a receiver).
    Method(Arc<Method>),
    /// `CONSTANT_String`: the text, for the interpreter to intern.
    String(Name),
    /// `CONSTANT_MethodType`: the descriptor, every class it names resolved.
    MethodType(Name),
    /// `CONSTANT_MethodHandle`: the reference kind (1..=9) and the resolved member.
    MethodHandle {
        /// `reference_kind`.
        kind: u8,
        /// The field or method it refers to.
        member: Box<Resolved>,
    },
    /// `CONSTANT_Dynamic` / `CONSTANT_InvokeDynamic`: needs its bootstrap method run by the
    /// interpreter; only the symbolic parts are given (read the names from the pool).
    Dynamic {
        /// Index into the `BootstrapMethods` attribute.
        bootstrap_index: u16,
        /// Index of the `NameAndType` entry.
        name_and_type_index: u16,
    },
    /// Integer, Float, Long and Double constants need no resolution.
    Literal,
}

/// Write-once results for the constant pool entries of a class that resolve to something
/// (classes, members, strings, method types and handles, dynamic constants), errors
/// included: JVMS 5.4.3 requires a failed resolution to fail the same way each time. The
/// table is built on the class's first resolution and holds only those entries (a sorted
/// index list and one slot each), so a class never resolved costs a few words.
#[derive(Debug, Default)]
pub(crate) struct CpCache {
    table: OnceLock<SparseTable>,
}

#[derive(Debug)]
struct SparseTable {
    indices: Box<[u16]>,
    slots: Box<[OnceLock<CachedResolution>]>,
}

type CachedResolution = Result<Resolved, LinkError>;

impl CpCache {
    pub(crate) fn new() -> CpCache {
        CpCache::default()
    }

    /// The cache slot of entry `index`, `None` if that entry is not one that resolves.
    fn slot(&self, pool: &ConstantPool<'_>, index: u16) -> Option<&OnceLock<CachedResolution>> {
        let table = self.table.get_or_init(|| {
            let indices: Box<[u16]> = pool
                .iter()
                .filter(|(_, c)| resolvable(c))
                .map(|(i, _)| i)
                .collect();
            let slots = indices.iter().map(|_| OnceLock::new()).collect();
            SparseTable { indices, slots }
        });
        let at = table.indices.binary_search(&index).ok()?;
        table.slots.get(at)
    }
}

/// HotSpot's `(X and Y are in ...)` / `(X is in ...; Y is in ...)` suffix of access and
/// `ClassCastException` messages about two classes.
pub fn modules_suffix(a: &LinkedClass, b: &LinkedClass) -> String {
    crate::error::modules_suffix(
        (&a.name, a.loader, a.module.as_deref()),
        (&b.name, b.loader, b.module.as_deref()),
    )
}

impl<S: ClassSource> Linker<S> {
    /// JVMS 5.4.3.1: resolves class `name` as referenced from `accessor`, with the JVMS 5.4.4
    /// access check.
    pub fn resolve_class(
        &self,
        accessor: &LinkedClass,
        name: &str,
    ) -> Result<Arc<LinkedClass>, LinkError> {
        let class = self.load_class(accessor.loader, name)?;
        let mut element = &class;
        while let crate::class::ClassKind::Array { component, .. } = &element.kind {
            element = component;
        }
        if !element.is_public() && !element.same_package(accessor) && !is_magic_accessor(accessor) {
            return Err(LinkError::new(
                LinkErrorKind::IllegalAccessError,
                format!(
                    "failed to access class {} from class {} {}",
                    external(&element.name),
                    external(&accessor.name),
                    modules_suffix(element, accessor)
                ),
            ));
        }
        Ok(class)
    }

    /// JVMS 5.4.3.2: resolves field `name:descriptor` of class `class_name` as referenced
    /// from `accessor`.
    pub fn resolve_field(
        &self,
        accessor: &LinkedClass,
        class_name: &str,
        name: &str,
        descriptor: &str,
    ) -> Result<ResolvedField, LinkError> {
        let class = self.resolve_class(accessor, class_name)?;
        self.resolve_field_in(accessor, &class, name, descriptor)
    }

    /// JVMS 5.4.3.2 once the class is resolved.
    pub fn resolve_field_in(
        &self,
        accessor: &LinkedClass,
        class: &Arc<LinkedClass>,
        name: &str,
        descriptor: &str,
    ) -> Result<ResolvedField, LinkError> {
        let found = field_lookup(class, name, descriptor)
            .ok_or_else(|| LinkError::new(LinkErrorKind::NoSuchFieldError, name))?;
        let field = found.field();
        self.impose_constraints(accessor, &found.class, &field.descriptor, || {
            format!(
                "when resolving field \"{}\" of type {}, the class loader {} of the current \
                 class, {}, and the class loader {} for the field's defining class, {}, have \
                 different Class objects for type",
                field.name,
                external_descriptor(&field.descriptor),
                accessor.loader.display_name(),
                external(&accessor.name),
                found.class.loader.display_name(),
                external(&found.class.name)
            )
        })?;
        if !self.is_accessible(accessor, &found.class, field.access)? {
            return Err(LinkError::new(
                LinkErrorKind::IllegalAccessError,
                format!(
                    "class {} tried to access {}field {}.{} {}",
                    external(&accessor.name),
                    access_word(field.access),
                    external(&found.class.name),
                    field.name,
                    modules_suffix(accessor, &found.class)
                ),
            ));
        }
        Ok(found)
    }

    /// JVMS 5.4.3.3: resolves method `name:descriptor` of class `class_name` (a
    /// `CONSTANT_Methodref`) as referenced from `accessor`.
    pub fn resolve_method(
        &self,
        accessor: &LinkedClass,
        class_name: &str,
        name: &str,
        descriptor: &str,
    ) -> Result<Arc<Method>, LinkError> {
        let class = self.resolve_class(accessor, class_name)?;
        self.resolve_method_in(accessor, &class, name, descriptor)
    }

    /// JVMS 5.4.3.3 once the class is resolved.
    pub fn resolve_method_in(
        &self,
        accessor: &LinkedClass,
        class: &Arc<LinkedClass>,
        name: &str,
        descriptor: &str,
    ) -> Result<Arc<Method>, LinkError> {
        if class.is_interface() {
            return Err(LinkError::new(
                LinkErrorKind::IncompatibleClassChangeError,
                format!(
                    "Found interface {}, but class was expected",
                    external(&class.name)
                ),
            ));
        }
        let method = method_lookup(class, name, descriptor)
            .ok_or_else(|| no_such_method(class, name, descriptor))?;
        self.check_method_access(accessor, &method)?;
        Ok(method)
    }

    /// JVMS 5.4.3.4: resolves interface method `name:descriptor` of interface `class_name`
    /// (a `CONSTANT_InterfaceMethodref`) as referenced from `accessor`.
    pub fn resolve_interface_method(
        &self,
        accessor: &LinkedClass,
        class_name: &str,
        name: &str,
        descriptor: &str,
    ) -> Result<Arc<Method>, LinkError> {
        let class = self.resolve_class(accessor, class_name)?;
        self.resolve_interface_method_in(accessor, &class, name, descriptor)
    }

    /// JVMS 5.4.3.4 once the interface is resolved.
    pub fn resolve_interface_method_in(
        &self,
        accessor: &LinkedClass,
        class: &Arc<LinkedClass>,
        name: &str,
        descriptor: &str,
    ) -> Result<Arc<Method>, LinkError> {
        if !class.is_interface() {
            return Err(LinkError::new(
                LinkErrorKind::IncompatibleClassChangeError,
                format!(
                    "Found class {}, but interface was expected",
                    external(&class.name)
                ),
            ));
        }
        let method = interface_method_lookup(class, name, descriptor)
            .ok_or_else(|| no_such_method(class, name, descriptor))?;
        self.check_method_access(accessor, &method)?;
        Ok(method)
    }

    fn check_method_access(
        &self,
        accessor: &LinkedClass,
        method: &Method,
    ) -> Result<(), LinkError> {
        let Some(declaring) = method.class() else {
            return Ok(());
        };
        self.impose_constraints(accessor, &declaring, &method.descriptor, || {
            format!(
                "when resolving method '{}' the class loader {} of the current class, {}, and \
                 the class loader {} for the method's defining class, {}, have different Class \
                 objects for the type",
                method.external_signature(),
                accessor.loader.display_name(),
                external(&accessor.name),
                declaring.loader.display_name(),
                external(&declaring.name)
            )
        })?;
        if self.is_accessible(accessor, &declaring, method.access)? {
            return Ok(());
        }
        Err(LinkError::new(
            LinkErrorKind::IllegalAccessError,
            format!(
                "class {} tried to access {}method '{}' {}",
                external(&accessor.name),
                access_word(method.access),
                method.external_signature(),
                modules_suffix(accessor, &declaring)
            ),
        ))
    }

    /// JVMS 5.3.4: a member used across loaders constrains every class its descriptor
    /// names to be the same in both.
    fn impose_constraints(
        &self,
        accessor: &LinkedClass,
        declaring: &LinkedClass,
        descriptor: &str,
        context: impl Fn() -> String,
    ) -> Result<(), LinkError> {
        let (l1, l2) = (accessor.loader, declaring.loader);
        if l1 == l2 {
            return Ok(());
        }
        for name in crate::constraints::descriptor_classes(descriptor) {
            let c1 = self.table().get(l1, name);
            let c2 = self.table().get(l2, name);
            if self.constraints.add(name, (l1, c1), (l2, c2)).is_err() {
                return Err(LinkError::new(
                    LinkErrorKind::LinkageError,
                    format!(
                        "loader constraint violation: {} {} used in the signature",
                        context(),
                        external(name)
                    ),
                ));
            }
        }
        Ok(())
    }

    /// JVMS 5.4.4: whether a member of `declaring` with `access` flags is accessible to
    /// `accessor` (protected members: subclass or same package; private: same nest).
    pub fn is_accessible(
        &self,
        accessor: &LinkedClass,
        declaring: &LinkedClass,
        access: u16,
    ) -> Result<bool, LinkError> {
        if access & ACC_PUBLIC != 0
            || std::ptr::eq(accessor, declaring)
            || is_magic_accessor(accessor)
        {
            return Ok(true);
        }
        if access & ACC_PRIVATE != 0 {
            return self.are_nestmates(accessor, declaring);
        }
        if accessor.same_package(declaring) {
            return Ok(true);
        }
        Ok(access & ACC_PROTECTED != 0 && accessor.is_subclass_of(declaring))
    }

    /// JVMS 5.4.4: two classes are nestmates when they name the same nest host, in the same
    /// run-time package, and that host lists each as a member (or is it).
    pub fn are_nestmates(&self, a: &LinkedClass, b: &LinkedClass) -> Result<bool, LinkError> {
        if a.nest_host != b.nest_host || !a.same_package(b) {
            return Ok(false);
        }
        // The host is loaded to check that it claims both (HotSpot fails the access, not
        // the link, when it cannot be loaded).
        let Ok(host) = self.load_class(a.loader, &a.nest_host) else {
            return Ok(false);
        };
        let Some(decl) = &host.decl else {
            return Ok(false);
        };
        let member = |c: &LinkedClass| c.name == host.name || decl.nest_members.contains(&c.name);
        Ok(host.same_package(a) && member(a) && member(b))
    }

    /// Resolves constant pool entry `index` of `class`, once; later calls return the cached
    /// result (or the cached error).
    pub fn resolve_constant(
        &self,
        class: &Arc<LinkedClass>,
        index: u16,
    ) -> Result<Resolved, LinkError> {
        let slot = class
            .decl
            .as_ref()
            .and_then(|d| class.cp_cache.slot(d.class_file.constant_pool(), index));
        let Some(slot) = slot else {
            // Literals, and entries that cannot be resolved (errors are not cached: the
            // code using them is malformed and rejected before it runs).
            return self.resolve_constant_uncached(class, index);
        };
        if let Some(done) = slot.get() {
            return done.clone();
        }
        let result = self.resolve_constant_uncached(class, index);
        slot.get_or_init(|| result).clone()
    }

    fn resolve_constant_uncached(
        &self,
        class: &Arc<LinkedClass>,
        index: u16,
    ) -> Result<Resolved, LinkError> {
        let decl = class.decl.as_ref().ok_or_else(|| {
            LinkError::new(
                LinkErrorKind::ClassFormatError,
                format!("class {} has no constant pool", class.name),
            )
        })?;
        let pool = decl.class_file.constant_pool();
        let bad = |e: jfork_classfile::ClassFileError| {
            LinkError::new(
                LinkErrorKind::ClassFormatError,
                format!("{e} in class file {}", class.name),
            )
        };
        match pool.get(index, "constant").map_err(bad)? {
            Constant::Class { .. } => {
                let name = pool.class_name(index).map_err(bad)?;
                Ok(Resolved::Class(self.resolve_class(class, name)?))
            }
            Constant::Fieldref { .. }
            | Constant::Methodref { .. }
            | Constant::InterfaceMethodref { .. } => {
                let r = pool.member_ref(index).map_err(bad)?;
                Ok(match r.kind {
                    MemberKind::Field => {
                        Resolved::Field(self.resolve_field(class, r.class, r.name, r.descriptor)?)
                    }
                    MemberKind::InterfaceMethod => Resolved::Method(
                        self.resolve_interface_method(class, r.class, r.name, r.descriptor)?,
                    ),
                    MemberKind::Method => Resolved::Method(self.resolve_method(
                        class,
                        r.class,
                        r.name,
                        r.descriptor,
                    )?),
                })
            }
            Constant::String { string_index } => {
                Ok(Resolved::String(utf8(pool, *string_index).map_err(bad)?))
            }
            Constant::MethodType { descriptor_index } => {
                let descriptor = utf8(pool, *descriptor_index).map_err(bad)?;
                self.resolve_descriptor_classes(class, &descriptor)?;
                Ok(Resolved::MethodType(descriptor))
            }
            Constant::MethodHandle {
                reference_kind,
                reference_index,
            } => {
                let member = self.resolve_constant(class, *reference_index)?;
                Ok(Resolved::MethodHandle {
                    kind: *reference_kind as u8,
                    member: Box::new(member),
                })
            }
            Constant::Dynamic {
                bootstrap_method_attr_index,
                name_and_type_index,
            }
            | Constant::InvokeDynamic {
                bootstrap_method_attr_index,
                name_and_type_index,
            } => {
                pool.name_and_type(*name_and_type_index).map_err(bad)?;
                Ok(Resolved::Dynamic {
                    bootstrap_index: *bootstrap_method_attr_index,
                    name_and_type_index: *name_and_type_index,
                })
            }
            Constant::Integer(_) | Constant::Float(_) | Constant::Long(_) | Constant::Double(_) => {
                Ok(Resolved::Literal)
            }
            other => Err(LinkError::new(
                LinkErrorKind::ClassFormatError,
                format!(
                    "constant pool entry {index} of class file {} is a {}, which does not resolve",
                    class.name,
                    other.kind_name()
                ),
            )),
        }
    }

    /// JVMS 5.4.3.5: every class a method type names is resolved.
    fn resolve_descriptor_classes(
        &self,
        accessor: &LinkedClass,
        descriptor: &str,
    ) -> Result<(), LinkError> {
        let mut rest = descriptor;
        while let Some(start) = rest.find('L') {
            let before = &rest[..start];
            let dims = before.bytes().rev().take_while(|&b| b == b'[').count();
            let end = rest[start..].find(';').map_or(rest.len(), |e| start + e);
            let name = &rest[start + 1..end];
            if dims > 0 {
                let array = format!("{}L{name};", "[".repeat(dims));
                self.resolve_class(accessor, &array)?;
            } else {
                self.resolve_class(accessor, name)?;
            }
            rest = rest.get(end + 1..).unwrap_or("");
        }
        Ok(())
    }

    /// The eager mode the preloader uses in the master: resolves every class, member,
    /// string, method type and method handle entry of `class` so that children find them
    /// cached. Failures are cached as well (they are thrown when the code using them runs)
    /// and returned for reporting.
    pub fn resolve_all_constants(&self, class: &Arc<LinkedClass>) -> Vec<(u16, LinkError)> {
        let mut failures = Vec::new();
        let Some(decl) = &class.decl else {
            return failures;
        };
        let pool = decl.class_file.constant_pool();
        for (index, constant) in pool.iter() {
            if !resolvable(constant) {
                continue;
            }
            if let Err(e) = self.resolve_constant(class, index) {
                failures.push((index, e));
            }
        }
        failures
    }
}

/// `Ljava/lang/String;` -> `java.lang.String`, `[I` -> `int[]` (for messages).
fn external_descriptor(descriptor: &str) -> String {
    crate::class::external_type(descriptor)
}

/// Whether an entry resolves to something (JVMS 5.4.3); literals are included as trivial.
fn resolvable(constant: &Constant<'_>) -> bool {
    !matches!(
        constant,
        Constant::Utf8(_)
            | Constant::NameAndType { .. }
            | Constant::Unusable
            | Constant::Module { .. }
            | Constant::Package { .. }
            | Constant::Integer(_)
            | Constant::Float(_)
            | Constant::Long(_)
            | Constant::Double(_)
    )
}

fn access_word(access: u16) -> &'static str {
    if access & ACC_PRIVATE != 0 {
        "private "
    } else if access & ACC_PROTECTED != 0 {
        "protected "
    } else {
        ""
    }
}

/// HotSpot's NoSuchMethodError text: `'void p.C.m(int)'`.
fn no_such_method(class: &LinkedClass, name: &str, descriptor: &str) -> LinkError {
    let probe = Method {
        class: std::sync::Weak::new(),
        class_name: class.name.clone(),
        class_loader: class.loader,
        in_interface: class.is_interface(),
        name: Name::Owned(name.to_owned()),
        descriptor: Name::Owned(descriptor.to_owned()),
        access: 0,
        index: 0,
        arg_slots: 0,
        vtable_index: None,
        itable_index: None,
        has_code: false,
        predecoded: OnceLock::new(),
    };
    LinkError::new(
        LinkErrorKind::NoSuchMethodError,
        format!("'{}'", probe.external_signature()),
    )
}

/// JVMS 5.4.3.2 field lookup: the class, then its superinterfaces, then its superclass.
pub fn field_lookup(
    class: &Arc<LinkedClass>,
    name: &str,
    descriptor: &str,
) -> Option<ResolvedField> {
    if let Some(index) = class
        .fields
        .iter()
        .position(|f| !f.injected && f.name == name && f.descriptor == descriptor)
    {
        return Some(ResolvedField {
            class: Arc::clone(class),
            index,
        });
    }
    for i in class.interfaces.iter() {
        if let Some(found) = field_lookup(i, name, descriptor) {
            return Some(found);
        }
    }
    class
        .super_class
        .as_ref()
        .and_then(|s| field_lookup(s, name, descriptor))
}

/// Whether `m` is signature polymorphic (JVMS 2.9.3): a native varargs method of
/// `MethodHandle` or `VarHandle` taking `Object[]`.
fn is_signature_polymorphic(m: &Method) -> bool {
    (m.class_name == "java/lang/invoke/MethodHandle"
        || m.class_name == "java/lang/invoke/VarHandle")
        && m.is_native()
        && m.access & crate::classdecl::ACC_VARARGS != 0
        && m.descriptor.starts_with("([Ljava/lang/Object;)")
}

/// JVMS 5.4.3.3 steps 2-3 (without access checks).
pub fn method_lookup(
    class: &Arc<LinkedClass>,
    name: &str,
    descriptor: &str,
) -> Option<Arc<Method>> {
    let mut k = Some(class);
    while let Some(c) = k {
        if let Some(m) = c.declared_method(name, descriptor) {
            return Some(Arc::clone(m));
        }
        // A signature-polymorphic method matches any descriptor.
        if let Some(m) = c
            .methods
            .iter()
            .find(|m| m.name == name && is_signature_polymorphic(m))
        {
            return Some(Arc::clone(m));
        }
        k = c.super_class.as_ref();
    }
    superinterface_method(class, name, descriptor)
}

/// The superinterface step of JVMS 5.4.3.3 and 5.4.3.4: a maximally-specific method, the
/// non-abstract one if exactly one is, else any non-private non-static one.
fn superinterface_method(
    class: &Arc<LinkedClass>,
    name: &str,
    descriptor: &str,
) -> Option<Arc<Method>> {
    let max = maximally_specific(&class.all_interfaces, name, descriptor);
    let concrete: Vec<&Arc<Method>> = max.iter().filter(|m| !m.is_abstract()).collect();
    if concrete.len() == 1 {
        return Some(Arc::clone(concrete[0]));
    }
    if let Some(m) = max.first() {
        return Some(Arc::clone(m));
    }
    class.all_interfaces.iter().find_map(|i| {
        i.declared_method(name, descriptor)
            .filter(|m| m.access & (ACC_PRIVATE | ACC_STATIC) == 0)
            .cloned()
    })
}

/// JVMS 5.4.3.4 steps 2-4 (without access checks).
pub fn interface_method_lookup(
    interface: &Arc<LinkedClass>,
    name: &str,
    descriptor: &str,
) -> Option<Arc<Method>> {
    if let Some(m) = interface.declared_method(name, descriptor) {
        return Some(Arc::clone(m));
    }
    // java/lang/Object's public instance methods.
    if let Some(object) = &interface.super_class
        && let Some(m) = object
            .declared_method(name, descriptor)
            .filter(|m| m.access & ACC_PUBLIC != 0 && !m.is_static())
    {
        return Some(Arc::clone(m));
    }
    superinterface_method(interface, name, descriptor)
}
