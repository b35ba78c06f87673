//! Array classes and primitive classes as classes (JVMS 5.3.3): `[[I`, `[Ljava/lang/String;`,
//! `int`. An array class's superclass is `Object`, its superinterfaces `Cloneable` and
//! `Serializable`, its loader the element class's defining loader.

use std::borrow::Cow;
use std::sync::Arc;

use crate::class::{ClassKind, LinkedClass};
use crate::classdecl::{ACC_ABSTRACT, ACC_FINAL, ACC_PUBLIC};
use crate::descriptor::BasicType;
use crate::error::{LinkError, LinkErrorKind};
use crate::layout::ARRAY_BASE_OFFSET;
use crate::linker::Linker;
use crate::resolution::CpCache;
use crate::source::{ClassSource, LoaderId};

/// The most dimensions an array type may have (JVMS 4.3.2).
pub const MAX_ARRAY_DIMENSIONS: usize = 255;

/// The primitive types that have a class, in the order [`primitive_index`] numbers them.
const PRIMITIVES: [(Option<BasicType>, &str); 9] = [
    (Some(BasicType::Boolean), "boolean"),
    (Some(BasicType::Byte), "byte"),
    (Some(BasicType::Char), "char"),
    (Some(BasicType::Short), "short"),
    (Some(BasicType::Int), "int"),
    (Some(BasicType::Float), "float"),
    (Some(BasicType::Long), "long"),
    (Some(BasicType::Double), "double"),
    (None, "void"),
];

fn primitive_index(ty: Option<BasicType>) -> usize {
    PRIMITIVES.iter().position(|(t, _)| *t == ty).unwrap_or(8)
}

/// The class of a primitive type (`None` for `void`); it has no superclass, no members, and
/// belongs to the bootstrap loader.
pub(crate) fn new_primitive_class(ty: Option<BasicType>) -> Arc<LinkedClass> {
    let (_, name) = PRIMITIVES[primitive_index(ty)];
    Arc::new(LinkedClass {
        name: Cow::Borrowed(name),
        loader: LoaderId::BOOTSTRAP,
        module: Some(Arc::from("java.base")),
        access: ACC_PUBLIC | ACC_FINAL | ACC_ABSTRACT,
        kind: ClassKind::Primitive(ty),
        decl: None,
        super_class: None,
        interfaces: Box::new([]),
        all_interfaces: Box::new([]),
        fields: Box::new([]),
        instance_size: 0,
        static_slots: 0,
        reference_offsets: Box::new([]),
        static_reference_slots: Box::new([]),
        methods: Box::new([]),
        vtable: Box::new([]),
        itable: Box::new([]),
        nest_host: Cow::Borrowed(name),
        cp_cache: CpCache::new(),
    })
}

/// Index of a primitive class in the linker's table of them.
pub(crate) fn primitive_slot(ty: Option<BasicType>) -> usize {
    primitive_index(ty)
}

impl<S: ClassSource> Linker<S> {
    /// The class of a primitive type (`None` for `void`), e.g. `int.class`.
    pub fn primitive_class(&self, ty: Option<BasicType>) -> Arc<LinkedClass> {
        Arc::clone(self.primitives()[primitive_slot(ty)].get_or_init(|| new_primitive_class(ty)))
    }

    /// JVMS 5.3.3: creates the array class `name` (`[I`, `[[Ljava/lang/String;`), loading its
    /// element class through `initiating`.
    pub(crate) fn create_array_class(
        &self,
        initiating: LoaderId,
        name: &str,
        in_progress: &mut Vec<(LoaderId, crate::classdecl::Name)>,
    ) -> Result<Arc<LinkedClass>, LinkError> {
        let bad = || LinkError::new(LinkErrorKind::NoClassDefFoundError, name);
        let dimensions = name.bytes().take_while(|&b| b == b'[').count();
        if dimensions > MAX_ARRAY_DIMENSIONS || !crate::descriptor::is_field_descriptor(name) {
            return Err(bad());
        }
        let component_name = &name[1..];
        let component = if component_name.starts_with('[') {
            self.load(initiating, component_name, in_progress)?
        } else if let Some(class) = component_name
            .strip_prefix('L')
            .and_then(|s| s.strip_suffix(';'))
        {
            self.load(initiating, class, in_progress)?
        } else {
            let ty = BasicType::of_descriptor(component_name).ok_or_else(bad)?;
            self.primitive_class(Some(ty))
        };
        let defining = component.loader;
        if defining != initiating
            && let Some(existing) = self.table().get(defining, name)
        {
            return Ok(existing);
        }
        let object = self.load(LoaderId::BOOTSTRAP, "java/lang/Object", in_progress)?;
        let cloneable = self.load(LoaderId::BOOTSTRAP, "java/lang/Cloneable", in_progress)?;
        let serializable = self.load(LoaderId::BOOTSTRAP, "java/io/Serializable", in_progress)?;
        let element_access = match &component.kind {
            ClassKind::Primitive(_) => ACC_PUBLIC,
            ClassKind::Array { .. } | ClassKind::Declared => component.access & ACC_PUBLIC,
        };
        let interfaces: Box<[Arc<LinkedClass>]> = Box::new([cloneable, serializable]);
        let class = Arc::new(LinkedClass {
            name: Cow::Owned(name.to_owned()),
            loader: defining,
            module: component.module.clone(),
            access: element_access | ACC_FINAL | ACC_ABSTRACT,
            kind: ClassKind::Array {
                component,
                dimensions: dimensions as u8,
            },
            decl: None,
            vtable: object.vtable.clone(),
            super_class: Some(object),
            all_interfaces: interfaces.clone(),
            interfaces,
            fields: Box::new([]),
            instance_size: ARRAY_BASE_OFFSET,
            static_slots: 0,
            reference_offsets: Box::new([]),
            static_reference_slots: Box::new([]),
            methods: Box::new([]),
            itable: Box::new([]),
            nest_host: Cow::Owned(name.to_owned()),
            cp_cache: CpCache::new(),
        });
        Ok(self.table().insert_defined(class))
    }
}
