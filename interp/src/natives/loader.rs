//! Class loading natives: `Class.forName0`, `ClassLoader`, `BootLoader`, `Module`.
//!
//! The built-in loaders (boot, platform, app) are the resolver's: a lookup by one of them
//! goes straight to the class path jfork preloaded, not through the JDK's Java loader code
//! (the result is the same class; this is what lets the master preload application
//! classes). User-defined loaders run their own `loadClass` and define classes from bytes;
//! linking sees them as delegating to the application loader.

use jfork_resolver::{LinkErrorKind, LoaderId};

use super::{NativeFn, arg, arg_int};
use crate::vm::{Thrown, Vm};

pub(crate) fn register(vm: &mut Vm) {
    let nop: NativeFn = |_, _| Ok(0);
    vm.register_native(
        "java/lang/Class",
        "forName0",
        "(Ljava/lang/String;ZLjava/lang/ClassLoader;Ljava/lang/Class;)Ljava/lang/Class;",
        |vm, a| {
            let name = vm.string_arg(arg(a, 0))?;
            let class = vm.class_for_name(&name, arg(a, 2))?;
            if arg(a, 1) != 0 {
                vm.initialize(class)?;
            }
            vm.mirror(class)
        },
    );
    const CL: &str = "java/lang/ClassLoader";
    vm.register_native(
        CL,
        "findBootstrapClass",
        "(Ljava/lang/String;)Ljava/lang/Class;",
        |vm, a| {
            let name = vm.string_arg(arg(a, 0))?;
            vm.find_builtin(LoaderId::BOOTSTRAP, &name)
        },
    );
    vm.register_native(
        CL,
        "findLoadedClass0",
        "(Ljava/lang/String;)Ljava/lang/Class;",
        |vm, a| {
            let name = vm.string_arg(arg(a, 1))?;
            match vm.loader_id(arg(a, 0)) {
                Some(loader) => vm.find_builtin(loader, &name),
                None => Ok(0),
            }
        },
    );
    vm.register_native(
        CL,
        "defineClass1",
        "(Ljava/lang/ClassLoader;Ljava/lang/String;[BIILjava/security/ProtectionDomain;Ljava/lang/String;)Ljava/lang/Class;",
        |vm, a| {
            let (at, len) = vm.byte_array_range(arg(a, 2), arg_int(a, 3), arg_int(a, 4))?;
            let mut bytes = vec![0u8; len];
            crate::heap::read_bytes(at, &mut bytes);
            vm.define_class(arg(a, 0), arg(a, 1), bytes)
        },
    );
    vm.register_native(
        CL,
        "defineClass2",
        "(Ljava/lang/ClassLoader;Ljava/lang/String;Ljava/nio/ByteBuffer;IILjava/security/ProtectionDomain;Ljava/lang/String;)Ljava/lang/Class;",
        |vm, a| {
            let bytes = vm.byte_buffer_bytes(arg(a, 2), arg_int(a, 3), arg_int(a, 4))?;
            vm.define_class(arg(a, 0), arg(a, 1), bytes)
        },
    );
    vm.register_native(
        CL,
        "defineClass0",
        "(Ljava/lang/ClassLoader;Ljava/lang/Class;Ljava/lang/String;[BIILjava/security/ProtectionDomain;ZILjava/lang/Object;)Ljava/lang/Class;",
        |vm, a| {
            let (at, len) = vm.byte_array_range(arg(a, 3), arg_int(a, 4), arg_int(a, 5))?;
            let mut bytes = vec![0u8; len];
            crate::heap::read_bytes(at, &mut bytes);
            let flags = arg_int(a, 8);
            vm.define_class0(
                (arg(a, 0), arg(a, 1)),
                arg(a, 2),
                bytes,
                arg(a, 7) as u32 != 0,
                flags,
                arg(a, 9),
            )
        },
    );
    vm.register_native(
        CL,
        "findBuiltinLib",
        "(Ljava/lang/String;)Ljava/lang/String;",
        |_, _| Ok(0),
    );
    vm.register_native(
        CL,
        "retrieveDirectives",
        "()Ljava/lang/AssertionStatusDirectives;",
        |vm, _| vm.assertion_directives(),
    );
    const BL: &str = "jdk/internal/loader/BootLoader";
    vm.register_native(
        BL,
        "setBootLoaderUnnamedModule0",
        "(Ljava/lang/Module;)V",
        |vm, a| {
            vm.set_boot_unnamed_module(arg(a, 0));
            Ok(0)
        },
    );
    vm.register_native(
        BL,
        "getSystemPackageNames",
        "()[Ljava/lang/String;",
        |vm, _| {
            let names = vm.boot_package_names();
            vm.new_string_array(&names)
        },
    );
    vm.register_native(
        BL,
        "getSystemPackageLocation",
        "(Ljava/lang/String;)Ljava/lang/String;",
        |vm, a| {
            let name = vm.string_arg(arg(a, 0))?;
            let known = vm
                .boot_package_names()
                .contains(&Some(name.replace('.', "/")));
            if known {
                vm.create_string("jrt:/java.base")
            } else {
                Ok(0)
            }
        },
    );
    const M: &str = "java/lang/Module";
    vm.register_native(
        M,
        "defineModule0",
        "(Ljava/lang/Module;ZLjava/lang/String;Ljava/lang/String;[Ljava/lang/Object;)V",
        |vm, a| {
            let module = vm.non_null(arg(a, 0))?;
            let version = vm.string_value(arg(a, 2));
            let array = arg(a, 4);
            let mut packages = Vec::new();
            if array != 0 {
                for i in 0..crate::object::array_length(array) {
                    let p = vm.ref_array_get(array, i);
                    packages.push(vm.string_value(p).unwrap_or_default());
                }
            }
            vm.define_module(module, version, packages)?;
            Ok(0)
        },
    );
    // Readability and exports are the JDK's business in Java; the VM does not check them.
    vm.register_native(
        M,
        "addReads0",
        "(Ljava/lang/Module;Ljava/lang/Module;)V",
        nop,
    );
    vm.register_native(
        M,
        "addExports0",
        "(Ljava/lang/Module;Ljava/lang/String;Ljava/lang/Module;)V",
        nop,
    );
    vm.register_native(
        M,
        "addExportsToAll0",
        "(Ljava/lang/Module;Ljava/lang/String;)V",
        nop,
    );
    vm.register_native(
        M,
        "addExportsToAllUnnamed0",
        "(Ljava/lang/Module;Ljava/lang/String;)V",
        nop,
    );
}

impl Vm {
    /// `Class.forName`'s lookup: `name` is a binary name (`java.lang.String`,
    /// `[Ljava.lang.String;`), `loader` a `ClassLoader` object or null.
    fn class_for_name(&mut self, name: &str, loader: u64) -> Result<u32, Thrown> {
        let not_found = |vm: &mut Vm| vm.throw("java/lang/ClassNotFoundException", name);
        if name.contains('/') || name.is_empty() {
            return not_found(self);
        }
        let internal = name.replace('.', "/");
        match self.loader_id(loader) {
            Some(id) => match self.linker.load_class(id, &internal) {
                // Hidden classes cannot be found by name.
                Ok(c) => {
                    let cid = self.register_class(&c);
                    if self.hidden_classes.contains_key(&cid) {
                        return not_found(self);
                    }
                    Ok(cid)
                }
                Err(e)
                    if e.kind == LinkErrorKind::NoClassDefFoundError && e.message == internal =>
                {
                    not_found(self)
                }
                Err(e) => Err(self.throw_link_error(&e)),
            },
            None => {
                // A user-defined loader: its own loadClass decides.
                let string = self.create_string(name)?;
                let mirror = self.call_virtual(
                    loader,
                    "loadClass",
                    "(Ljava/lang/String;)Ljava/lang/Class;",
                    &[string],
                )?;
                if mirror == 0 {
                    return not_found(self);
                }
                Ok(self.class_of_mirror(mirror))
            }
        }
    }

    /// `ClassLoader.defineClass1/2`: defines `bytes` as class `name` (binary name; null
    /// means "whatever the bytes say") in the built-in loader `loader`. A class that loader
    /// already has (jfork's loaders may have preloaded it) is returned as is.
    fn define_class(&mut self, loader: u64, name: u64, bytes: Vec<u8>) -> Result<u64, Thrown> {
        let id = self.defining_loader_id(loader);
        let internal = match self.string_value(name) {
            Some(n) => n.replace('.', "/"),
            None => match jfork_classfile::ClassFile::parse(&bytes) {
                Ok(f) => f.this_class().to_owned(),
                Err(e) => return self.throw("java/lang/ClassFormatError", e.to_string()),
            },
        };
        if let Some(c) = self.linker.table().get(id, &internal) {
            let cid = self.register_class(&c);
            return self.mirror(cid);
        }
        self.linker.source().define(id, &internal, bytes);
        match self.linker.load_class(id, &internal) {
            Ok(c) => {
                let cid = self.register_class(&c);
                self.mirror(cid)
            }
            Err(e) => Err(self.throw_link_error(&e)),
        }
    }

    /// `ClassLoader.defineClass0` (`Lookup.defineClass`/`defineHiddenClass`): a hidden class
    /// gets a name no other class has (`Name$$Hidden$N`: the bytes' own name is rewritten,
    /// as HotSpot derives a unique name), and its class data.
    fn define_class0(
        &mut self,
        (loader, lookup): (u64, u64),
        name: u64,
        bytes: Vec<u8>,
        initialize: bool,
        flags: i32,
        class_data: u64,
    ) -> Result<u64, Thrown> {
        const HIDDEN_CLASS: i32 = 0x2;
        let id = self.defining_loader_id(loader);
        let original = match jfork_classfile::ClassFile::parse(&bytes) {
            Ok(f) => f.this_class().to_owned(),
            Err(e) => return self.throw("java/lang/ClassFormatError", e.to_string()),
        };
        let hidden = flags & HIDDEN_CLASS != 0;
        let (internal, bytes) = if hidden {
            self.hidden_count += 1;
            let unique = format!("{original}$$Hidden${}", self.hidden_count);
            match rename_class(&bytes, &unique) {
                Some(b) => (unique, b),
                None => return self.throw("java/lang/ClassFormatError", "hidden class bytes"),
            }
        } else {
            let n = self
                .string_value(name)
                .map_or(original, |n| n.replace('.', "/"));
            (n, bytes)
        };
        self.linker.source().define(id, &internal, bytes);
        let class = match self.linker.load_class(id, &internal) {
            Ok(c) => c,
            Err(e) => return Err(self.throw_link_error(&e)),
        };
        let cid = self.register_class(&class);
        if hidden && lookup != 0 {
            let host = self.class_of_mirror(lookup);
            self.hidden_classes.insert(cid, host);
        }
        let mirror = self.mirror(cid)?;
        if class_data != 0 {
            let off = self.field_offset_of("java/lang/Class", "classData", "Ljava/lang/Object;")?;
            self.put_ref(mirror, off, class_data);
        }
        if initialize {
            self.initialize(cid)?;
        }
        Ok(mirror)
    }

    /// The `len` bytes at position `off` of a `java.nio.ByteBuffer` (heap or direct).
    fn byte_buffer_bytes(&mut self, buffer: u64, off: i32, len: i32) -> Result<Vec<u8>, Thrown> {
        self.non_null(buffer)?;
        if off < 0 || len < 0 {
            return self.throw("java/lang/IndexOutOfBoundsException", "");
        }
        let hb = self.field_offset_of("java/nio/ByteBuffer", "hb", "[B")?;
        let array = self.get_ref(buffer, hb);
        let mut bytes = vec![0u8; len as usize];
        if array != 0 {
            let base = self.field_offset_of("java/nio/ByteBuffer", "offset", "I")?;
            let start = self.get_int(buffer, base) + off;
            let (at, n) = self.byte_array_range(array, start, len)?;
            crate::heap::read_bytes(at, &mut bytes[..n]);
        } else {
            let address = self.field_offset_of("java/nio/Buffer", "address", "J")?;
            let at = self.get_long(buffer, address) as u64 + off as u64;
            // SAFETY: a direct buffer's address and capacity come from the JDK's own
            // allocation or mapping; `off + len` is within its limit (the JDK checks).
            unsafe {
                std::ptr::copy_nonoverlapping(at as *const u8, bytes.as_mut_ptr(), bytes.len())
            };
        }
        Ok(bytes)
    }

    /// The mirror of class `name` (binary name) as built-in `loader` finds it, or null.
    fn find_builtin(&mut self, loader: LoaderId, name: &str) -> Result<u64, Thrown> {
        if name.contains('/') || name.starts_with('[') {
            return Ok(0);
        }
        match self.linker.load_class(loader, &name.replace('.', "/")) {
            Ok(c) => {
                let id = self.register_class(&c);
                self.mirror(id)
            }
            Err(e) if e.kind == LinkErrorKind::NoClassDefFoundError => Ok(0),
            Err(e) => Err(self.throw_link_error(&e)),
        }
    }

    /// `ClassLoader.retrieveDirectives`: the `-ea`/`-da` settings (none: jfork does not take
    /// assertion options yet).
    fn assertion_directives(&mut self) -> Result<u64, Thrown> {
        let cid = self.init_class("java/lang/AssertionStatusDirectives")?;
        let object = self.new_object(cid, "()V", &[])?;
        let strings = self.new_string_array(&[])?;
        let booleans_class = self.load(LoaderId::BOOTSTRAP, "[Z")?;
        for (field, desc) in [
            ("classes", "[Ljava/lang/String;"),
            ("packages", "[Ljava/lang/String;"),
        ] {
            let off = self.field_offset_of("java/lang/AssertionStatusDirectives", field, desc)?;
            self.put_ref(object, off, strings);
        }
        for field in ["classEnabled", "packageEnabled"] {
            let off = self.field_offset_of("java/lang/AssertionStatusDirectives", field, "[Z")?;
            let empty = self.new_array(booleans_class, 0)?;
            self.put_ref(object, off, empty);
        }
        Ok(object)
    }

    /// Packages of the boot loader's classes loaded so far (slashes), sorted.
    fn boot_package_names(&self) -> Vec<Option<String>> {
        let mut names: Vec<String> = self
            .classes
            .iter()
            .filter(|c| c.linked.loader == LoaderId::BOOTSTRAP && !c.linked.is_array())
            .map(|c| c.linked.package().to_owned())
            .filter(|p| !p.is_empty())
            .collect();
        names.sort();
        names.dedup();
        names.into_iter().map(Some).collect()
    }
}

/// `bytes` with the class's own name (the Utf8 entry its `this_class` names) replaced by
/// `name`; `None` if the constant pool cannot be walked.
fn rename_class(bytes: &[u8], name: &str) -> Option<Vec<u8>> {
    let u2 = |at: usize| -> Option<usize> {
        Some(usize::from(u16::from_be_bytes([
            *bytes.get(at)?,
            *bytes.get(at + 1)?,
        ])))
    };
    let count = u2(8)?;
    let mut at = 10;
    let mut offsets = vec![0usize; count];
    let mut i = 1;
    while i < count {
        offsets[i] = at;
        let tag = *bytes.get(at)?;
        let (size, slots) = match tag {
            1 => (3 + u2(at + 1)?, 1),
            3 | 4 => (5, 1),
            5 | 6 => (9, 2),
            7 | 8 | 16 | 19 | 20 => (3, 1),
            9 | 10 | 11 | 12 | 17 | 18 => (5, 1),
            15 => (4, 1),
            _ => return None,
        };
        at += size;
        i += slots;
    }
    let this_class = u2(at + 2)?;
    let class_entry = *offsets.get(this_class)?;
    let utf8 = *offsets.get(u2(class_entry + 1)?)?;
    let old_len = u2(utf8 + 1)?;
    let mut out = Vec::with_capacity(bytes.len() + name.len());
    out.extend_from_slice(&bytes[..utf8]);
    out.push(1);
    out.extend_from_slice(&(name.len() as u16).to_be_bytes());
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(bytes.get(utf8 + 3 + old_len..)?);
    Some(out)
}
