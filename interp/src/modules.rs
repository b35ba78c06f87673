//! Modules, packages and the built-in class loaders as the JDK defines them at boot
//! (`Module.defineModule0`, `BootLoader.setBootLoaderUnnamedModule0`), and the `module` and
//! `classLoader` fields of class mirrors (HotSpot sets both when it creates a mirror, and
//! patches the mirrors made before java.base was defined).
//!
//! Classes are loaded by the resolver's three built-in loaders (`LoaderId`); the JDK's
//! loader objects (`ClassLoaders.PLATFORM_LOADER`, `APP_LOADER`) are mapped to them. The VM
//! records module names and versions for stack traces; it does not enforce module
//! readability or exports (HotSpot does, at link time).

use std::collections::HashMap;

use jfork_resolver::LoaderId;

use crate::vm::{InitState, Thrown, Vm};

/// What the VM knows of modules and loaders.
#[derive(Default)]
pub(crate) struct ModuleTable {
    /// (defining loader, package with slashes) -> `java.lang.Module`.
    packages: HashMap<(LoaderId, String), u64>,
    /// `java.lang.Module` -> (name, version).
    names: HashMap<u64, (String, Option<String>)>,
    /// The boot loader's unnamed module.
    boot_unnamed: u64,
    /// `ClassLoaders.PLATFORM_LOADER` and `APP_LOADER`, once created.
    platform_loader: u64,
    app_loader: u64,
    /// User-defined loaders that defined classes, by the id the VM gave them (3, 4, ...).
    /// Their objects stay reachable through their classes' mirrors.
    user_loaders: Vec<u64>,
}

impl Vm {
    /// The `java.lang.ClassLoader` object of a built-in loader (null for the boot loader,
    /// and before `jdk.internal.loader.ClassLoaders` is initialized).
    pub(crate) fn loader_object(&mut self, loader: LoaderId) -> u64 {
        if loader == LoaderId::BOOTSTRAP {
            return 0;
        }
        if self.modules.app_loader == 0 {
            self.find_builtin_loaders();
        }
        if loader == LoaderId::PLATFORM {
            self.modules.platform_loader
        } else if loader == LoaderId::APP {
            self.modules.app_loader
        } else {
            let index = (loader.0 as usize).saturating_sub(3);
            self.modules.user_loaders.get(index).copied().unwrap_or(0)
        }
    }

    /// The loader id of any `ClassLoader` object, giving a user-defined loader an id of its
    /// own the first time it defines a class. Linking sees such a loader as delegating to
    /// the application loader (what `DelegatingClassLoader` and a `URLClassLoader` whose
    /// parent is the application loader do); classes it has not defined yet are found
    /// through that delegation only.
    pub(crate) fn defining_loader_id(&mut self, object: u64) -> LoaderId {
        if let Some(id) = self.loader_id(object) {
            return id;
        }
        if let Some(i) = self.modules.user_loaders.iter().position(|&o| o == object) {
            return LoaderId(3 + i as u32);
        }
        self.modules.user_loaders.push(object);
        LoaderId(2 + self.modules.user_loaders.len() as u32)
    }

    /// The built-in loader behind a `ClassLoader` object; `None` for a user-defined loader.
    pub(crate) fn loader_id(&mut self, object: u64) -> Option<LoaderId> {
        if object == 0 {
            return Some(LoaderId::BOOTSTRAP);
        }
        if self.modules.app_loader == 0 {
            self.find_builtin_loaders();
        }
        if object == self.modules.app_loader {
            Some(LoaderId::APP)
        } else if object == self.modules.platform_loader {
            Some(LoaderId::PLATFORM)
        } else {
            self.modules
                .user_loaders
                .iter()
                .position(|&o| o == object)
                .map(|i| LoaderId(3 + i as u32))
        }
    }

    fn find_builtin_loaders(&mut self) {
        let Some(linked) = self
            .linker
            .table()
            .get(LoaderId::BOOTSTRAP, "jdk/internal/loader/ClassLoaders")
        else {
            return;
        };
        let cid = self.register_class(&linked);
        if self.classes[cid as usize].state != InitState::Initialized {
            return;
        }
        let read = |vm: &Vm, name: &str| {
            vm.static_field_address(cid, name)
                .map_or(0, crate::heap::get_u64)
        };
        self.modules.platform_loader = read(self, "PLATFORM_LOADER");
        self.modules.app_loader = read(self, "APP_LOADER");
    }

    /// `Module.defineModule0`: records the module's packages for its loader and, for
    /// java.base, gives every mirror made so far of a boot class its module.
    pub(crate) fn define_module(
        &mut self,
        module: u64,
        version: Option<String>,
        packages: Vec<String>,
    ) -> Result<(), Thrown> {
        let name_off = self.field_offset_of("java/lang/Module", "name", "Ljava/lang/String;")?;
        let loader_off =
            self.field_offset_of("java/lang/Module", "loader", "Ljava/lang/ClassLoader;")?;
        let name_ref = self.get_ref(module, name_off);
        let name = self.string_value(name_ref).unwrap_or_default();
        let loader_ref = self.get_ref(module, loader_off);
        let Some(loader) = self.loader_id(loader_ref) else {
            // Modules of user-defined loaders: recorded by name only.
            self.modules.names.insert(module, (name, version));
            return Ok(());
        };
        for p in packages {
            let package = p.replace('.', "/");
            self.linker.source().set_package_loader(&package, loader);
            self.modules.packages.insert((loader, package), module);
        }
        self.modules.names.insert(module, (name, version));
        self.fix_mirror_modules(loader);
        Ok(())
    }

    /// `BootLoader.setBootLoaderUnnamedModule0`.
    pub(crate) fn set_boot_unnamed_module(&mut self, module: u64) {
        self.modules.boot_unnamed = module;
        self.fix_mirror_modules(LoaderId::BOOTSTRAP);
    }

    /// Recomputes the `module` field of the mirrors of `loader`'s classes that have none
    /// or an unnamed module (a package defined later belongs to its named module, as
    /// HotSpot's mirror fix-up after java.base is defined).
    fn fix_mirror_modules(&mut self, loader: LoaderId) {
        for cid in 0..self.classes.len() as u32 {
            let rt = &self.classes[cid as usize];
            let mirror = rt.mirror;
            if mirror == 0 || rt.linked.loader != loader {
                continue;
            }
            let current = self.get_ref(mirror, self.wk.class_module);
            if current == 0 || !self.modules.names.contains_key(&current) {
                let m = self.module_of_class(cid);
                self.put_ref(mirror, self.wk.class_module, m);
            }
        }
    }

    /// The module of class `cid`: its package's named module, else its loader's unnamed
    /// module (0 when neither is known yet). Arrays and primitives: their element's, and
    /// java.base for primitives.
    pub(crate) fn module_of_class(&mut self, cid: u32) -> u64 {
        let linked = std::sync::Arc::clone(&self.classes[cid as usize].linked);
        let element = linked.element_name().to_owned();
        let primitive = matches!(linked.kind, jfork_resolver::ClassKind::Primitive(_))
            || (linked.is_array() && element.len() == 1);
        let (loader, package) = if primitive {
            (LoaderId::BOOTSTRAP, "java/lang".to_owned())
        } else {
            (
                linked.loader,
                jfork_resolver::package_of(&element).to_owned(),
            )
        };
        if let Some(&m) = self.modules.packages.get(&(loader, package)) {
            return m;
        }
        if loader == LoaderId::BOOTSTRAP {
            return self.modules.boot_unnamed;
        }
        let object = self.loader_object(loader);
        if object == 0 {
            return 0;
        }
        match self.field_offset_of(
            "java/lang/ClassLoader",
            "unnamedModule",
            "Ljava/lang/Module;",
        ) {
            Ok(off) => self.get_ref(object, off),
            Err(_) => 0,
        }
    }

    /// Whether class `cid` is a hidden class (a lambda class or one defined through
    /// `Lookup.defineHiddenClass`).
    pub(crate) fn is_hidden_class(&self, cid: u32) -> bool {
        self.hidden_classes.contains_key(&cid)
    }

    /// `Class.getName()` of class `cid`: the binary name; for a hidden class, HotSpot's form
    /// `Name/0x<address>` (the name the class file gives, then the class's address).
    pub(crate) fn external_class_name(&self, cid: u32) -> String {
        let name = self.classes[cid as usize].linked.name.as_ref();
        if !self.is_hidden_class(cid) {
            return name.replace('/', ".");
        }
        let base = name.split("$$Hidden$").next().unwrap_or(name);
        // A stable stand-in for HotSpot's metaspace address of the class.
        let address = 0x0000_0008_00c0_0000u64 + u64::from(cid) * 0x400;
        format!("{}/0x{address:016x}", base.replace('/', "."))
    }

    /// The nest host of a hidden class: the class that defined it (for a lambda class, the
    /// class whose lambda it is).
    pub(crate) fn hidden_nest_host(&self, cid: u32) -> Option<u32> {
        self.hidden_classes.get(&cid).copied()
    }

    /// `Class.getProtectionDomain0`: null for the boot loader's classes; for the built-in
    /// loaders' classes, the domain their `SecureClassLoader` gives the code source the
    /// class was found in (the class path directory or jar), as its `defineClass` would
    /// have. Kept in the mirror's injected `protection_domain` field.
    pub(crate) fn protection_domain(&mut self, mirror: u64) -> Result<u64, Thrown> {
        let cid = self.class_arg(mirror)?;
        let pd_off =
            self.field_offset_of("java/lang/Class", "protection_domain", "Ljava/lang/Object;")?;
        let cached = self.get_ref(mirror, pd_off);
        if cached != 0 {
            return Ok(cached);
        }
        let linked = std::sync::Arc::clone(&self.classes[cid as usize].linked);
        if linked.loader == LoaderId::BOOTSTRAP || linked.is_array() {
            return Ok(0);
        }
        let loader = self.loader_object(linked.loader);
        if loader == 0 {
            return Ok(0);
        }
        let resource = self.create_string(&format!("{}.class", linked.name))?;
        let url = self.call_virtual(
            loader,
            "getResource",
            "(Ljava/lang/String;)Ljava/net/URL;",
            &[resource],
        )?;
        if url == 0 {
            return Ok(0);
        }
        let text = self.call_virtual(url, "toExternalForm", "()Ljava/lang/String;", &[])?;
        let text = self.string_value(text).unwrap_or_default();
        // file:/dir/p/C.class -> file:/dir/ ; jar:file:/x.jar!/p/C.class -> file:/x.jar
        let location = match text.strip_prefix("jar:") {
            Some(jar) => jar.split("!/").next().unwrap_or(jar).to_owned(),
            None => text
                .strip_suffix(&format!("{}.class", linked.name))
                .unwrap_or(&text)
                .to_owned(),
        };
        let location = self.create_string(&location)?;
        let url_class = self.init_class("java/net/URL")?;
        let location = self.new_object(url_class, "(Ljava/lang/String;)V", &[location])?;
        let cs_class = self.init_class("java/security/CodeSource")?;
        let source = self.new_object(
            cs_class,
            "(Ljava/net/URL;[Ljava/security/CodeSigner;)V",
            &[location, 0],
        )?;
        let domain = self.call_virtual(
            loader,
            "getProtectionDomain",
            "(Ljava/security/CodeSource;)Ljava/security/ProtectionDomain;",
            &[source],
        )?;
        self.put_ref(mirror, pd_off, domain);
        Ok(domain)
    }

    /// The name and version of a `java.lang.Module` defined through `defineModule0`.
    pub(crate) fn module_name(&self, module: u64) -> Option<&(String, Option<String>)> {
        self.modules.names.get(&module)
    }
}
