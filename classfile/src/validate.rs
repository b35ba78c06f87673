//! Structural checks beyond parsing (JVMS 4.1-4.8 rules on names, flags, descriptors,
//! constant pool use); the checks of `Code` are in `code_check`.

use crate::class::ClassFile;
use crate::code_check::CodeChecker;
use crate::constant_pool::{Constant, ConstantPool, ReferenceKind};
use crate::descriptor::{FieldType, is_field_descriptor, is_method_descriptor};
use crate::descriptor_memo::DescriptorMemo;
use crate::error::ClassFileError;
use crate::flags::*;
use crate::member::{Field, Method};
use crate::names::{
    is_class_constant_name, is_internal_class_name, is_method_name, is_unqualified_name,
};

fn rule(rule: &'static str, message: String) -> ClassFileError {
    ClassFileError::Format {
        at: Box::default(),
        rule,
        message: message.into(),
    }
}

fn bad_name(what: &'static str, name: &str) -> ClassFileError {
    ClassFileError::BadName {
        at: Box::default(),
        what,
        name: name.into(),
    }
}

fn bad_descriptor(what: &'static str, descriptor: &str, reason: &'static str) -> ClassFileError {
    ClassFileError::BadDescriptor {
        at: Box::default(),
        what,
        descriptor: descriptor.into(),
        reason,
    }
}

/// At most one of public, private, protected.
fn one_access(flags: u16) -> bool {
    (flags & (ACC_PUBLIC | ACC_PRIVATE | ACC_PROTECTED)).count_ones() <= 1
}

impl ClassFile<'_> {
    /// Checks the structural rules that later stages rely on: names and descriptors in the
    /// constant pool, flags of the class and its members, duplicate members, bootstrap
    /// methods, and every `Code` attribute (JVMS 4.9.1 static constraints: instructions,
    /// branch targets, exception ranges, constant kinds per instruction, local indices).
    ///
    /// It does not run the type-checking verifier of JVMS 4.10.
    pub fn validate(&self) -> Result<(), ClassFileError> {
        self.validate_inner()
            .map_err(|e| e.in_class(&self.this_class))
    }

    fn validate_inner(&self) -> Result<(), ClassFileError> {
        let mut memo = DescriptorMemo::new(self.constant_pool.count());
        // Parsing already checked the descriptors of the class's own members, which its
        // references to them share.
        for method in &self.methods {
            memo.note_method(method.descriptor_index);
        }
        for field in &self.fields {
            memo.note_field(field.descriptor_index, field.descriptor.slots());
        }
        self.validate_constant_pool(&mut memo)?;
        self.validate_header()?;
        self.validate_fields()?;
        self.validate_methods(memo)?;
        self.validate_class_attributes()
    }

    fn validate_header(&self) -> Result<(), ClassFileError> {
        let flags = self.access_flags;
        if flags & ACC_MODULE != 0 {
            if self.super_class.is_some()
                || !self.interfaces.is_empty()
                || !self.fields.is_empty()
                || !self.methods.is_empty()
            {
                return Err(rule(
                    "4.1",
                    "a module-info has a superclass, interfaces or members".into(),
                ));
            }
            return Ok(());
        }
        if !is_internal_class_name(&self.this_class) {
            return Err(bad_name("this_class", &self.this_class));
        }
        if flags & ACC_INTERFACE != 0 {
            if flags & ACC_ABSTRACT == 0 || flags & (ACC_FINAL | ACC_ENUM) != 0 {
                return Err(rule(
                    "4.1",
                    format!(
                        "interface flags 0x{flags:04x}: need ACC_ABSTRACT, forbid ACC_FINAL and ACC_ENUM"
                    ),
                ));
            }
            if self.super_class.as_deref() != Some("java/lang/Object") {
                return Err(rule(
                    "4.1",
                    "an interface's super_class must be java/lang/Object".into(),
                ));
            }
        } else {
            if flags & ACC_ANNOTATION != 0 {
                return Err(rule("4.1", "ACC_ANNOTATION without ACC_INTERFACE".into()));
            }
            if flags & ACC_FINAL != 0 && flags & ACC_ABSTRACT != 0 {
                return Err(rule(
                    "4.1",
                    "a class is both ACC_FINAL and ACC_ABSTRACT".into(),
                ));
            }
        }
        match &self.super_class {
            None if self.this_class != "java/lang/Object" => {
                return Err(rule(
                    "4.1",
                    "super_class is 0 but the class is not java/lang/Object".into(),
                ));
            }
            Some(s) if !is_internal_class_name(s) => return Err(bad_name("super_class", s)),
            _ => {}
        }
        for name in &self.interfaces {
            if !is_internal_class_name(name) {
                return Err(bad_name("interface", name));
            }
        }
        Ok(())
    }

    /// JVMS 4.4: every name and descriptor the pool holds is well formed for its use.
    fn validate_constant_pool(&self, memo: &mut DescriptorMemo) -> Result<(), ClassFileError> {
        let pool = &self.constant_pool;
        let bootstrap_count = self.bootstrap_methods.map_or(0, |b| b.len());
        for (index, entry) in pool.iter() {
            let at = |e: ClassFileError| e.in_member("constant pool entry", &index.to_string());
            match *entry {
                Constant::Class { name_index } => {
                    let name = pool.utf8(name_index)?;
                    if !is_class_constant_name(name) {
                        return Err(at(bad_name("Class constant", name)));
                    }
                }
                Constant::Fieldref {
                    name_and_type_index,
                    ..
                } => {
                    let (name, descriptor, descriptor_index) =
                        pool.name_and_type_indexed(name_and_type_index)?;
                    if !is_unqualified_name(name) {
                        return Err(at(bad_name("Fieldref", name)));
                    }
                    if let Err(e) = memo.field_slots(descriptor_index, descriptor) {
                        return Err(at(bad_descriptor("field", descriptor, e.0)));
                    }
                }
                Constant::Methodref {
                    name_and_type_index,
                    ..
                }
                | Constant::InterfaceMethodref {
                    name_and_type_index,
                    ..
                } => {
                    let (name, descriptor, descriptor_index) =
                        pool.name_and_type_indexed(name_and_type_index)?;
                    let well_formed = memo.is_method(descriptor_index, descriptor);
                    check_method_ref(name, descriptor, well_formed).map_err(at)?;
                }
                Constant::MethodType { descriptor_index } => {
                    let descriptor = pool.utf8(descriptor_index)?;
                    if !is_method_descriptor(descriptor) {
                        return Err(at(bad_descriptor(
                            "method",
                            descriptor,
                            "MethodType needs a method descriptor",
                        )));
                    }
                }
                Constant::Dynamic {
                    bootstrap_method_attr_index,
                    name_and_type_index,
                }
                | Constant::InvokeDynamic {
                    bootstrap_method_attr_index,
                    name_and_type_index,
                } => {
                    let dynamic = matches!(entry, Constant::Dynamic { .. });
                    if usize::from(bootstrap_method_attr_index) >= bootstrap_count {
                        return Err(at(rule(
                            "4.4.10",
                            format!(
                                "bootstrap_method_attr_index {bootstrap_method_attr_index} is not below the {bootstrap_count} bootstrap methods"
                            ),
                        )));
                    }
                    let (name, descriptor) = pool.name_and_type(name_and_type_index)?;
                    if !is_unqualified_name(name) {
                        return Err(at(bad_name("Dynamic or InvokeDynamic", name)));
                    }
                    let ok = if dynamic {
                        is_field_descriptor(descriptor)
                    } else {
                        is_method_descriptor(descriptor)
                    };
                    if !ok {
                        let what = if dynamic { "field" } else { "method" };
                        return Err(at(bad_descriptor(
                            what,
                            descriptor,
                            "wrong descriptor kind for a dynamic constant",
                        )));
                    }
                }
                Constant::MethodHandle {
                    reference_kind,
                    reference_index,
                } => {
                    let target = pool.member_ref(reference_index)?;
                    let init = target.name == "<init>";
                    let special = target.name.starts_with('<');
                    let ok = match reference_kind {
                        ReferenceKind::NewInvokeSpecial => init,
                        ReferenceKind::InvokeVirtual
                        | ReferenceKind::InvokeStatic
                        | ReferenceKind::InvokeSpecial
                        | ReferenceKind::InvokeInterface => !special,
                        _ => true,
                    };
                    if !ok {
                        return Err(at(rule(
                            "4.4.8",
                            format!(
                                "{} method handle refers to {}",
                                reference_kind.name(),
                                target.name
                            ),
                        )));
                    }
                }
                Constant::Module { name_index } | Constant::Package { name_index } => {
                    if self.access_flags & ACC_MODULE == 0 {
                        return Err(at(rule(
                            "4.4.11",
                            "Module or Package constant outside a module-info".into(),
                        )));
                    }
                    pool.utf8(name_index)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn validate_fields(&self) -> Result<(), ClassFileError> {
        let interface = self.is_interface();
        let pool = &self.constant_pool;
        let mut sorted: Vec<(&str, &str)> = Vec::with_capacity(self.fields.len());
        for field in &self.fields {
            let descriptor = pool.utf8(field.descriptor_index)?;
            check_field(pool, field, interface)
                .map_err(|e| e.in_member(&field.name, descriptor))?;
            sorted.push((&field.name, descriptor));
        }
        // JVMS 4.5: no two fields with the same name and descriptor.
        sorted.sort_unstable();
        if let Some(w) = sorted.windows(2).find(|w| w[0] == w[1]) {
            return Err(
                rule("4.5", "two fields have the same name and descriptor".into())
                    .in_member(w[0].0, w[0].1),
            );
        }
        Ok(())
    }

    fn validate_methods(&self, memo: DescriptorMemo) -> Result<(), ClassFileError> {
        let mut checker = CodeChecker::new(self, memo);
        let mut sorted: Vec<(&str, &str)> = Vec::with_capacity(self.methods.len());
        for method in &self.methods {
            let in_method =
                |e: ClassFileError| e.in_member(&method.name, method.descriptor.as_str());
            self.check_method(method).map_err(in_method)?;
            if let Some(code) = &method.code {
                checker.check(method, code).map_err(in_method)?;
            }
            sorted.push((&method.name, method.descriptor.as_str()));
        }
        // JVMS 4.6: no two methods with the same name and descriptor.
        sorted.sort_unstable();
        if let Some(w) = sorted.windows(2).find(|w| w[0] == w[1]) {
            return Err(rule(
                "4.6",
                "two methods have the same name and descriptor".into(),
            )
            .in_member(w[0].0, w[0].1));
        }
        Ok(())
    }

    fn check_method(&self, method: &Method<'_>) -> Result<(), ClassFileError> {
        let flags = method.access_flags;
        let name = &*method.name;
        if !one_access(flags) {
            return Err(rule(
                "4.6",
                format!(
                    "method flags 0x{flags:04x} set more than one of public, private, protected"
                ),
            ));
        }
        if name == "<clinit>" {
            if method.descriptor.return_type().is_some()
                || (self.major_version >= 51 && method.descriptor.parameter_count() != 0)
            {
                return Err(rule("4.6", "<clinit> must be ()V".into()));
            }
            // JVMS 4.6: other flags of <clinit> are ignored, but it needs code (>= 51: static).
            if self.major_version >= 51 && flags & ACC_STATIC == 0 {
                return Err(rule("4.6", "<clinit> is not ACC_STATIC".into()));
            }
        } else {
            if flags & ACC_ABSTRACT != 0 {
                let forbidden =
                    ACC_PRIVATE | ACC_STATIC | ACC_FINAL | ACC_SYNCHRONIZED | ACC_NATIVE;
                let strict = if self.major_version < 46 || self.major_version >= 61 {
                    0
                } else {
                    ACC_STRICT
                };
                if flags & (forbidden | strict) != 0 {
                    return Err(rule(
                        "4.6",
                        format!("abstract method with flags 0x{flags:04x}"),
                    ));
                }
            }
            if name == "<init>" {
                if self.is_interface() {
                    return Err(rule("4.6", "an interface declares <init>".into()));
                }
                if method.descriptor.return_type().is_some() {
                    return Err(rule("4.6", "<init> does not return void".into()));
                }
                if flags & (ACC_STATIC | ACC_FINAL | ACC_SYNCHRONIZED | ACC_NATIVE | ACC_ABSTRACT)
                    != 0
                {
                    return Err(rule("4.6", format!("<init> with flags 0x{flags:04x}")));
                }
            }
            if self.is_interface()
                && self.major_version < 52
                && flags & (ACC_PUBLIC | ACC_ABSTRACT) != (ACC_PUBLIC | ACC_ABSTRACT)
            {
                return Err(rule(
                    "4.6",
                    "an interface method before version 52 is not public abstract".into(),
                ));
            }
        }
        let needs_code = flags & (ACC_NATIVE | ACC_ABSTRACT) == 0;
        match (&method.code, needs_code) {
            (None, true) => {
                return Err(rule(
                    "4.7.3",
                    "a method that is neither native nor abstract has no Code".into(),
                ));
            }
            (Some(_), false) => {
                return Err(rule("4.7.3", "a native or abstract method has Code".into()));
            }
            _ => {}
        }
        let this_slot = u16::from(flags & ACC_STATIC == 0);
        if u16::from(method.descriptor.parameter_slots()) + this_slot > 255 {
            return Err(rule(
                "4.3.3",
                "parameters with this take more than 255 slots".into(),
            ));
        }
        for index in method.exceptions.iter() {
            self.constant_pool.class_name(index)?;
        }
        if let Some(i) = method.signature_index {
            self.constant_pool.utf8(i)?;
        }
        Ok(())
    }

    fn validate_class_attributes(&self) -> Result<(), ClassFileError> {
        let pool = &self.constant_pool;
        if let Some(i) = self.source_file_index {
            pool.utf8(i)?;
        }
        if let Some(i) = self.signature_index {
            pool.utf8(i)?;
        }
        if let Some(i) = self.nest_host_index {
            pool.class_name(i)?;
        }
        for i in self
            .nest_members
            .iter()
            .chain(self.permitted_subclasses.iter())
        {
            pool.class_name(i)?;
        }
        for inner in self.inner_classes.iter() {
            pool.class_name(inner.inner_class_info_index)?;
            if inner.outer_class_info_index != 0 {
                pool.class_name(inner.outer_class_info_index)?;
            }
            if inner.inner_name_index != 0 {
                pool.utf8(inner.inner_name_index)?;
            }
        }
        if let Some(em) = self.enclosing_method {
            pool.class_name(em.class_index)?;
            if em.method_index != 0 {
                pool.name_and_type(em.method_index)?;
            }
        }
        if let Some(bootstrap) = &self.bootstrap_methods {
            for (n, bm) in bootstrap.iter().enumerate() {
                match pool.get(bm.bootstrap_method_ref, "bootstrap_method_ref")? {
                    Constant::MethodHandle { .. } => {}
                    other => {
                        return Err(rule(
                            "4.7.23",
                            format!(
                                "bootstrap method {n} refers to a {}, not a MethodHandle",
                                other.kind_name()
                            ),
                        ));
                    }
                }
                for arg in bm.bootstrap_arguments.iter() {
                    let c = pool.get(arg, "bootstrap argument")?;
                    if !is_loadable(c) {
                        return Err(rule(
                            "4.7.23",
                            format!(
                                "bootstrap method {n} argument {arg} is a {}, not loadable",
                                c.kind_name()
                            ),
                        ));
                    }
                }
            }
        }
        if let Some(components) = &self.record {
            for c in components {
                let name = pool.utf8(c.name_index)?;
                let descriptor = pool.utf8(c.descriptor_index)?;
                if !is_unqualified_name(name) {
                    return Err(bad_name("record component", name));
                }
                if let Err(e) = FieldType::parse(descriptor) {
                    return Err(bad_descriptor("field", descriptor, e.0));
                }
            }
        }
        Ok(())
    }
}

/// A loadable constant (JVMS 4.4, table 4.4-C).
pub(crate) fn is_loadable(c: &Constant<'_>) -> bool {
    matches!(
        c,
        Constant::Integer(_)
            | Constant::Float(_)
            | Constant::Long(_)
            | Constant::Double(_)
            | Constant::Class { .. }
            | Constant::String { .. }
            | Constant::MethodHandle { .. }
            | Constant::MethodType { .. }
            | Constant::Dynamic { .. }
    )
}

/// Name and descriptor of a `Methodref`/`InterfaceMethodref` (JVMS 4.4.2).
/// `well_formed`: whether `descriptor` is a method descriptor, already worked out.
fn check_method_ref(name: &str, descriptor: &str, well_formed: bool) -> Result<(), ClassFileError> {
    if !is_method_name(name) || name == "<clinit>" {
        return Err(bad_name("method reference", name));
    }
    if !well_formed {
        return Err(bad_descriptor(
            "method",
            descriptor,
            "not a method descriptor",
        ));
    }
    if name == "<init>" && !descriptor.ends_with(")V") {
        return Err(bad_descriptor(
            "method",
            descriptor,
            "<init> must return void",
        ));
    }
    Ok(())
}

fn check_field(
    pool: &ConstantPool<'_>,
    field: &Field<'_>,
    interface: bool,
) -> Result<(), ClassFileError> {
    let flags = field.access_flags;
    if !one_access(flags) {
        return Err(rule(
            "4.5",
            format!("field flags 0x{flags:04x} set more than one of public, private, protected"),
        ));
    }
    if flags & ACC_FINAL != 0 && flags & ACC_VOLATILE != 0 {
        return Err(rule("4.5", "a field is both final and volatile".into()));
    }
    if interface
        && flags & (ACC_PUBLIC | ACC_STATIC | ACC_FINAL) != (ACC_PUBLIC | ACC_STATIC | ACC_FINAL)
    {
        return Err(rule(
            "4.5",
            format!("interface field flags 0x{flags:04x} are not public static final"),
        ));
    }
    if let Some(index) = field.constant_value_index {
        // JVMS 4.7.2: the constant's kind must match the field type.
        let c = pool.get(index, "ConstantValue")?;
        let ok = match (&field.descriptor, c) {
            (FieldType::Long, Constant::Long(_))
            | (FieldType::Float, Constant::Float(_))
            | (FieldType::Double, Constant::Double(_)) => true,
            (
                FieldType::Int
                | FieldType::Short
                | FieldType::Char
                | FieldType::Byte
                | FieldType::Boolean,
                Constant::Integer(_),
            ) => true,
            (FieldType::Object(name), Constant::String { .. }) => name == "java/lang/String",
            _ => false,
        };
        if !ok && flags & ACC_STATIC != 0 {
            return Err(rule(
                "4.7.2",
                format!(
                    "ConstantValue is a {} for a field of type {}",
                    c.kind_name(),
                    field.descriptor
                ),
            ));
        }
    }
    if let Some(i) = field.signature_index {
        pool.utf8(i)?;
    }
    Ok(())
}
