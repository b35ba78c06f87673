//! Stack traces: `StackTraceElement.initStackTraceElements` from the backtrace that
//! `Throwable.fillInStackTrace` recorded (`method id << 32 | bytecode pc` per frame).

use jfork_resolver::LoaderId;

use super::arg;
use crate::vm::{Thrown, Vm};

pub(crate) fn register(vm: &mut Vm) {
    vm.register_native(
        "java/lang/StackTraceElement",
        "initStackTraceElements",
        "([Ljava/lang/StackTraceElement;Ljava/lang/Throwable;)V",
        |vm, a| {
            vm.init_stack_trace_elements(arg(a, 0), arg(a, 1))?;
            Ok(0)
        },
    );
}

impl Vm {
    fn init_stack_trace_elements(&mut self, elements: u64, throwable: u64) -> Result<(), Thrown> {
        self.non_null(elements)?;
        self.non_null(throwable)?;
        let trace = self.get_ref(throwable, self.wk.throwable_backtrace);
        let depth = self.get_int(throwable, self.wk.throwable_depth);
        if trace == 0 || self.class_of(trace) == self.wk.object {
            return Ok(());
        }
        let n = depth
            .min(crate::object::array_length(trace))
            .min(crate::object::array_length(elements));
        const STE: &str = "java/lang/StackTraceElement";
        let f = |vm: &mut Vm, name: &'static str, desc: &'static str| {
            vm.field_offset_of(STE, name, desc)
        };
        let declaring_object = f(self, "declaringClassObject", "Ljava/lang/Class;")?;
        let loader_name = f(self, "classLoaderName", "Ljava/lang/String;")?;
        let module_name = f(self, "moduleName", "Ljava/lang/String;")?;
        let module_version = f(self, "moduleVersion", "Ljava/lang/String;")?;
        let declaring = f(self, "declaringClass", "Ljava/lang/String;")?;
        let method_name = f(self, "methodName", "Ljava/lang/String;")?;
        let file_name = f(self, "fileName", "Ljava/lang/String;")?;
        let line = f(self, "lineNumber", "I")?;
        let cl_name =
            self.field_offset_of("java/lang/ClassLoader", "name", "Ljava/lang/String;")?;
        for i in 0..n {
            let element = self.ref_array_get(elements, i);
            if element == 0 {
                continue;
            }
            let word = crate::heap::get_u64(crate::object::element_address(trace, i, 3));
            let (mid, pc) = ((word >> 32) as u32, word as u32);
            let cid = self.methods[mid as usize].class;
            let linked = std::sync::Arc::clone(&self.classes[cid as usize].linked);
            let method = std::sync::Arc::clone(&self.methods[mid as usize].method);
            let mirror = self.mirror(cid)?;
            self.put_ref(element, declaring_object, mirror);
            if linked.loader != LoaderId::BOOTSTRAP {
                let loader = self.loader_object(linked.loader);
                if loader != 0 {
                    let name = self.get_ref(loader, cl_name);
                    self.put_ref(element, loader_name, name);
                }
            }
            let module = self.get_ref(mirror, self.wk.class_module);
            if let Some((name, version)) = self.module_name(module).cloned() {
                let s = self.intern(&name)?;
                self.put_ref(element, module_name, s);
                if let Some(v) = version {
                    let s = self.intern(&v)?;
                    self.put_ref(element, module_version, s);
                }
            }
            let class_name = self.intern(&linked.name.replace('/', "."))?;
            self.put_ref(element, declaring, class_name);
            let mname = self.intern(&method.name)?;
            self.put_ref(element, method_name, mname);
            let source = linked
                .class_file()
                .and_then(|c| c.source_file())
                .map(str::to_owned);
            if let Some(src) = source {
                let s = self.intern(&src)?;
                self.put_ref(element, file_name, s);
            }
            let number = if method.is_native() {
                -2
            } else {
                linked
                    .code(&method)
                    .and_then(|code| {
                        code.line_numbers
                            .iter()
                            .filter(|l| u32::from(l.start_pc) <= pc)
                            .max_by_key(|l| l.start_pc)
                            .map(|l| i32::from(l.line_number))
                    })
                    .unwrap_or(-1)
            };
            self.put_int(element, line, number);
        }
        Ok(())
    }
}
