//! The runtime's class definitions: what linking computes once, in the master, for every
//! child to share. Nothing here is written after linking except write-once caches
//! ([`std::sync::OnceLock`]), filled in the master by the eager mode.

use std::any::Any;
use std::sync::{Arc, OnceLock, Weak};

use crate::classdecl::{
    ACC_ABSTRACT, ACC_FINAL, ACC_INTERFACE, ACC_NATIVE, ACC_PRIVATE, ACC_PROTECTED, ACC_PUBLIC,
    ACC_STATIC, ClassDecl, Name,
};
use crate::descriptor::BasicType;
use crate::resolution::CpCache;
use crate::source::LoaderId;

/// What sort of class a [`LinkedClass`] is.
#[derive(Debug, Clone)]
pub enum ClassKind {
    /// A class or interface read from a class file.
    Declared,
    /// An array class (`[I`, `[Ljava/lang/String;`).
    Array {
        /// The component type's class (`int` for `[I`, `[I` for `[[I`).
        component: Arc<LinkedClass>,
        /// Number of dimensions.
        dimensions: u8,
    },
    /// A primitive class (`int`, `void`, ...); `None` for `void`.
    Primitive(Option<BasicType>),
}

/// A field with its storage place.
#[derive(Debug, Clone)]
pub struct Field {
    /// Name.
    pub name: Name,
    /// Field descriptor.
    pub descriptor: Name,
    /// `access_flags`.
    pub access: u16,
    /// How the value is stored.
    pub basic_type: BasicType,
    /// For an instance field, its byte offset from the start of the object (header included);
    /// for a static field, its slot in the class's static storage (one 8-byte word each).
    pub offset: u32,
    /// The constant pool index of the `ConstantValue` initialiser of a static field.
    pub constant_value: Option<u16>,
    /// Whether the VM adds this field (not in the class file; see the crate doc).
    pub injected: bool,
}

impl Field {
    /// Whether the field is `static`.
    pub fn is_static(&self) -> bool {
        self.access & ACC_STATIC != 0
    }
}

/// A method as the interpreter calls it.
pub struct Method {
    pub(crate) class: Weak<LinkedClass>,
    /// Internal name of the declaring class.
    pub class_name: Name,
    /// The declaring class's defining loader.
    pub class_loader: LoaderId,
    /// Whether the declaring class is an interface.
    pub in_interface: bool,
    /// Name.
    pub name: Name,
    /// Method descriptor.
    pub descriptor: Name,
    /// `access_flags`.
    pub access: u16,
    /// Index among the declaring class's methods.
    pub index: u16,
    /// Local variable slots the arguments take, `this` included for instance methods.
    pub arg_slots: u16,
    /// Slot in the declaring class's vtable (instance methods of classes that may be
    /// overridden).
    pub vtable_index: Option<u32>,
    /// Index in the declaring interface's method table (non-static, non-private interface
    /// methods).
    pub itable_index: Option<u32>,
    /// Whether the class file gives the method a `Code` attribute.
    pub has_code: bool,
    /// Room for the interpreter's pre-decoded form of the code, built once in the master and
    /// read-only after (the format is the interpreter's to define).
    pub predecoded: OnceLock<Arc<dyn Any + Send + Sync>>,
}

impl std::fmt::Debug for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}{}", self.class_name, self.name, self.descriptor)
    }
}

impl Method {
    /// The declaring class. `None` only while the class itself is being dropped.
    pub fn class(&self) -> Option<Arc<LinkedClass>> {
        self.class.upgrade()
    }

    /// `ACC_STATIC`.
    pub fn is_static(&self) -> bool {
        self.access & ACC_STATIC != 0
    }
    /// `ACC_PRIVATE`.
    pub fn is_private(&self) -> bool {
        self.access & ACC_PRIVATE != 0
    }
    /// `ACC_ABSTRACT`.
    pub fn is_abstract(&self) -> bool {
        self.access & ACC_ABSTRACT != 0
    }
    /// `ACC_NATIVE`.
    pub fn is_native(&self) -> bool {
        self.access & ACC_NATIVE != 0
    }
    /// `ACC_FINAL`.
    pub fn is_final(&self) -> bool {
        self.access & ACC_FINAL != 0
    }
    /// Whether the method is an instance initialiser or class initialiser.
    pub fn is_initializer(&self) -> bool {
        self.name == "<init>" || self.name == "<clinit>"
    }
    /// Neither public, protected nor private.
    pub fn is_package_private(&self) -> bool {
        self.access & (ACC_PUBLIC | ACC_PROTECTED | ACC_PRIVATE) == 0
    }

    /// HotSpot's way of showing a method in messages: `abstract void p.I.m()` (of the
    /// modifiers only `abstract` appears).
    pub fn external_signature(&self) -> String {
        let mut out = String::new();
        if self.is_abstract() {
            out.push_str("abstract ");
        }
        let desc = self.descriptor.as_ref();
        let close = desc.find(')').unwrap_or(desc.len());
        let args = desc.get(1..close).unwrap_or("");
        let ret = desc.get(close + 1..).unwrap_or("V");
        out.push_str(&external_type(ret));
        out.push(' ');
        out.push_str(&self.class_name.replace('/', "."));
        out.push('.');
        out.push_str(&self.name);
        out.push('(');
        let mut first = true;
        let mut rest = args;
        while !rest.is_empty() {
            let len = one_type_len(rest);
            if !first {
                out.push_str(", ");
            }
            first = false;
            out.push_str(&external_type(&rest[..len]));
            rest = &rest[len..];
        }
        out.push(')');
        out
    }
}

/// Length of the first field type in a descriptor fragment.
fn one_type_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i] == b'[' {
        i += 1;
    }
    if i < b.len() && b[i] == b'L' {
        s[i..].find(';').map_or(s.len(), |e| i + e + 1)
    } else {
        (i + 1).min(s.len())
    }
}

/// A field descriptor as Java source spells the type: `I` -> `int`,
/// `[Ljava/lang/String;` -> `java.lang.String[]`.
pub fn external_type(d: &str) -> String {
    let dims = d.bytes().take_while(|&b| b == b'[').count();
    let base = &d[dims..];
    let mut out = match base {
        "Z" => "boolean".to_owned(),
        "B" => "byte".to_owned(),
        "C" => "char".to_owned(),
        "S" => "short".to_owned(),
        "I" => "int".to_owned(),
        "F" => "float".to_owned(),
        "J" => "long".to_owned(),
        "D" => "double".to_owned(),
        "V" => "void".to_owned(),
        _ => base
            .trim_start_matches('L')
            .trim_end_matches(';')
            .replace('/', "."),
    };
    for _ in 0..dims {
        out.push_str("[]");
    }
    out
}

/// A static field's initial value from its `ConstantValue` attribute (JVMS 4.7.2).
#[derive(Debug, Clone, PartialEq)]
pub enum ConstantValue {
    /// `int`, `short`, `char`, `byte`, `boolean`.
    Int(i32),
    /// `float`.
    Float(f32),
    /// `long`.
    Long(i64),
    /// `double`.
    Double(f64),
    /// `String`: the text to intern.
    String(Name),
}

/// The outcome of method selection for one vtable or itable entry (JVMS 5.4.6).
#[derive(Debug, Clone)]
pub enum Selected {
    /// The selected method; an abstract one means `AbstractMethodError` when invoked.
    Method(Arc<Method>),
    /// Several maximally-specific default methods: `IncompatibleClassChangeError` when
    /// invoked.
    Conflict(Arc<[Arc<Method>]>),
}

impl Selected {
    /// The selected method, if there is a single one.
    pub fn method(&self) -> Option<&Arc<Method>> {
        match self {
            Selected::Method(m) => Some(m),
            Selected::Conflict(_) => None,
        }
    }
}

/// The methods a class selects for one of its superinterfaces, indexed like the
/// interface's methods ([`Method::itable_index`]).
#[derive(Debug, Clone)]
pub struct ItableEntry {
    /// The interface.
    pub interface: Arc<LinkedClass>,
    /// Selection for each of the interface's methods.
    pub methods: Box<[Selected]>,
}

/// A linked class: hierarchy resolved, storage laid out, method tables built.
pub struct LinkedClass {
    /// Internal name (`java/lang/String`, `[I`, `int`).
    pub name: Name,
    /// The defining loader.
    pub loader: LoaderId,
    /// The named module (`java.base`), `None` for the unnamed module of the loader.
    pub module: Option<Arc<str>>,
    /// `access_flags` (arrays: those of the element class, plus final and abstract).
    pub access: u16,
    /// Class, array or primitive.
    pub kind: ClassKind,
    /// The class file's declaration (`None` for arrays and primitives).
    pub decl: Option<ClassDecl>,
    /// The superclass (`None` for `java/lang/Object`, interfaces' is `Object`).
    pub super_class: Option<Arc<LinkedClass>>,
    /// Direct superinterfaces, in declaration order.
    pub interfaces: Box<[Arc<LinkedClass>]>,
    /// Every superinterface, direct or inherited, each once.
    pub all_interfaces: Box<[Arc<LinkedClass>]>,
    /// Declared fields, each with its offset or static slot.
    pub fields: Box<[Field]>,
    /// Bytes an instance takes, header included, a multiple of 8.
    pub instance_size: u32,
    /// Number of 8-byte static field slots.
    pub static_slots: u32,
    /// The GC's map of an instance: offsets of every reference field, inherited ones
    /// included, ascending (empty for arrays: their elements are typed by the component).
    pub reference_offsets: Box<[u32]>,
    /// Static slots holding references, ascending.
    pub static_reference_slots: Box<[u32]>,
    /// Declared methods.
    pub methods: Box<[Arc<Method>]>,
    /// Virtual dispatch table (JVMS 5.4.5, 5.4.6): inherited slots first.
    pub vtable: Box<[Selected]>,
    /// Interface dispatch tables of a concrete class (empty for interfaces and abstract
    /// classes, which are never a receiver's class).
    pub itable: Box<[ItableEntry]>,
    /// The nest host's internal name (itself when the class has no `NestHost`).
    pub nest_host: Name,
    /// Caches of resolved constant pool entries.
    pub(crate) cp_cache: CpCache,
}

impl std::fmt::Debug for LinkedClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LinkedClass({} of {:?})", self.name, self.loader)
    }
}

impl LinkedClass {
    /// Whether this is an interface.
    pub fn is_interface(&self) -> bool {
        self.access & ACC_INTERFACE != 0
    }
    /// Whether this is an array class.
    pub fn is_array(&self) -> bool {
        matches!(self.kind, ClassKind::Array { .. })
    }
    /// Whether this is `public`.
    pub fn is_public(&self) -> bool {
        self.access & ACC_PUBLIC != 0
    }

    /// The runtime package's name: the internal name up to the last `/` (JVMS 5.3).
    pub fn package(&self) -> &str {
        package_of(self.element_name())
    }

    /// For an array, the name of its innermost element class; else the name itself.
    pub fn element_name(&self) -> &str {
        let name = self.name.as_ref();
        let stripped = name.trim_start_matches('[');
        if stripped.len() != name.len() {
            stripped
                .strip_prefix('L')
                .and_then(|s| s.strip_suffix(';'))
                .unwrap_or(stripped)
        } else {
            name
        }
    }

    /// Whether `self` and `other` are in the same run-time package: same package name and
    /// same defining loader (JVMS 5.3).
    pub fn same_package(&self, other: &LinkedClass) -> bool {
        self.loader == other.loader && self.package() == other.package()
    }

    /// Whether this class is `other` or a subclass of it (superclass chain only).
    pub fn is_subclass_of(&self, other: &LinkedClass) -> bool {
        let mut c = Some(self);
        while let Some(k) = c {
            if std::ptr::eq(k, other) {
                return true;
            }
            c = k.super_class.as_deref();
        }
        false
    }

    /// Whether `iface` is among this class's superinterfaces (or this class itself).
    pub fn implements(&self, iface: &LinkedClass) -> bool {
        std::ptr::eq(self, iface)
            || self
                .all_interfaces
                .iter()
                .any(|i| std::ptr::eq(&**i, iface))
    }

    /// Whether a value of this class may be assigned to `target` (JVMS 6.5 `checkcast`).
    pub fn is_assignable_to(&self, target: &LinkedClass) -> bool {
        if let (ClassKind::Array { component: sc, .. }, ClassKind::Array { component: tc, .. }) =
            (&self.kind, &target.kind)
        {
            let primitive = |c: &LinkedClass| matches!(c.kind, ClassKind::Primitive(_));
            return if primitive(sc) || primitive(tc) {
                std::ptr::eq(&**sc, &**tc)
            } else {
                sc.is_assignable_to(tc)
            };
        }
        if target.is_interface() {
            self.implements(target)
        } else {
            self.is_subclass_of(target)
        }
    }

    /// The declared field `name` with `descriptor`.
    pub fn declared_field(&self, name: &str, descriptor: &str) -> Option<&Field> {
        self.fields
            .iter()
            .find(|f| f.name == name && f.descriptor == descriptor)
    }

    /// The parsed class file (`None` for arrays and primitives): constant pool, attributes.
    pub fn class_file(&self) -> Option<&jfork_classfile::ClassFile<'static>> {
        self.decl.as_ref().map(|d| &d.class_file)
    }

    /// The `Code` attribute of one of this class's methods (by [`Method::index`]).
    pub fn code(&self, method: &Method) -> Option<&jfork_classfile::Code<'static>> {
        self.class_file()?
            .methods()
            .get(usize::from(method.index))?
            .code
            .as_ref()
    }

    /// The `ConstantValue` initialiser of a static field, as preparation stores it
    /// (JVMS 5.4.2; strings are interned by the interpreter).
    pub fn constant_value(&self, field: &Field) -> Option<ConstantValue> {
        let index = field.constant_value?;
        let pool = self.class_file()?.constant_pool();
        Some(match pool.get(index, "ConstantValue").ok()? {
            jfork_classfile::Constant::Integer(v) => ConstantValue::Int(*v),
            jfork_classfile::Constant::Float(v) => ConstantValue::Float(*v),
            jfork_classfile::Constant::Long(v) => ConstantValue::Long(*v),
            jfork_classfile::Constant::Double(v) => ConstantValue::Double(*v),
            jfork_classfile::Constant::String { string_index } => {
                ConstantValue::String(crate::classdecl::utf8(pool, *string_index).ok()?)
            }
            _ => return None,
        })
    }

    /// The declared method `name` with `descriptor`.
    pub fn declared_method(&self, name: &str, descriptor: &str) -> Option<&Arc<Method>> {
        self.methods
            .iter()
            .find(|m| m.name == name && m.descriptor == descriptor)
    }

    /// The instance field named `name` with `descriptor`, declared here or inherited from a
    /// superclass (for the heap and reflection, not JVMS resolution).
    pub fn instance_field(&self, name: &str, descriptor: &str) -> Option<&Field> {
        let mut c = Some(self);
        while let Some(k) = c {
            if let Some(f) = k
                .declared_field(name, descriptor)
                .filter(|f| !f.is_static())
            {
                return Some(f);
            }
            c = k.super_class.as_deref();
        }
        None
    }

    /// Interface dispatch: what this (receiver) class selects for `method`, an interface
    /// method of `interface` with an itable index.
    pub fn itable_lookup(&self, interface: &LinkedClass, itable_index: u32) -> Option<&Selected> {
        self.itable
            .iter()
            .find(|e| std::ptr::eq(&*e.interface, interface))
            .and_then(|e| e.methods.get(itable_index as usize))
    }
}

/// The package part of an internal name (`java/lang` for `java/lang/String`, `` for `Foo`).
pub fn package_of(name: &str) -> &str {
    name.rfind('/').map_or("", |i| &name[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_types() {
        assert_eq!(external_type("[[I"), "int[][]");
        assert_eq!(external_type("Ljava/lang/String;"), "java.lang.String");
        assert_eq!(one_type_len("[Ljava/lang/Object;I"), 19);
        assert_eq!(package_of("java/lang/String"), "java/lang");
        assert_eq!(package_of("Foo"), "");
    }
}
