//! The dispatch loop. Java-to-Java calls push a [`Frame`] and continue in the same loop: the
//! Rust stack does not grow with the Java stack. The loop keeps the current frame's state
//! in locals (`code`, `pc`, `lp`, `sp`) and writes it back before anything that may run
//! Java (class initialization, exception construction) or inspect frames.

use crate::code::{Kind, Op};
use crate::heap;
use crate::object::{BOOLEAN_ARRAY, array_length, element_address};
use crate::vm::{Frame, NO_METHOD, Thrown, Vm};

/// Reads slot `i` of the thread's stack.
#[inline(always)]
fn rd(st: *mut u64, i: usize) -> u64 {
    // SAFETY: `i` is inside the current frame (locals below `lp + max_locals`, operands
    // below `lp + max_locals + max_stack`); a frame is only pushed when that whole range
    // fits in the stack (`invoke` checks), and JVMS 4.9 code keeps within max_stack.
    unsafe { *st.add(i) }
}

/// Writes slot `i` of the thread's stack.
#[inline(always)]
fn wr(st: *mut u64, i: usize, v: u64) {
    // SAFETY: as for `rd`.
    unsafe { *st.add(i) = v }
}

#[inline(always)]
fn ri(st: *mut u64, i: usize) -> i32 {
    rd(st, i) as u32 as i32
}
#[inline(always)]
fn wi(st: *mut u64, i: usize, v: i32) {
    wr(st, i, u64::from(v as u32))
}
#[inline(always)]
fn rf(st: *mut u64, i: usize) -> f32 {
    f32::from_bits(rd(st, i) as u32)
}
#[inline(always)]
fn wf(st: *mut u64, i: usize, v: f32) {
    wr(st, i, u64::from(v.to_bits()))
}
#[inline(always)]
fn rdb(st: *mut u64, i: usize) -> f64 {
    f64::from_bits(rd(st, i))
}
#[inline(always)]
fn wdb(st: *mut u64, i: usize, v: f64) {
    wr(st, i, v.to_bits())
}

/// Reads op `pc` of the current method.
#[inline(always)]
fn fetch(code: *mut Op, pc: usize) -> Op {
    // SAFETY: `code` points at the boxed op array of the current method, which lives as long
    // as the VM; branch targets were checked at decode time and javac-valid code never
    // falls off the end (every path ends in a return, athrow or branch).
    unsafe { *code.add(pc) }
}

/// Rewrites op `pc` of the current method with its resolved form.
#[inline(always)]
fn quicken(code: *mut Op, pc: usize, op: Op) {
    // SAFETY: as for `fetch`; the op array is only ever written through this pointer.
    unsafe { *code.add(pc) = op }
}

fn compare<T: PartialOrd>(a: T, b: T, nan: i32) -> i32 {
    match a.partial_cmp(&b) {
        Some(std::cmp::Ordering::Less) => -1,
        Some(std::cmp::Ordering::Equal) => 0,
        Some(std::cmp::Ordering::Greater) => 1,
        None => nan,
    }
}

impl Vm {
    /// Runs the top frame until the frame at depth `entry` returns (`Ok`, result at its
    /// `lp`) or an exception unwinds past it (`Err`).
    pub(crate) fn execute(&mut self, entry: usize) -> Result<(), Thrown> {
        let st: *mut u64 = self.thread.stack.as_mut_ptr();
        let Some(&Frame { method, pc, lp }) = self.thread.frames.last() else {
            return Ok(());
        };
        let mut mid = method as usize;
        let mut code = self.methods[mid].ops;
        let mut pc = pc as usize;
        let mut lp = lp as usize;
        let mut sp = lp + usize::from(self.methods[mid].max_locals);

        loop {
            let thrown: Thrown = 'run: loop {
                macro_rules! sync {
                    () => {{
                        if let Some(f) = self.thread.frames.last_mut() {
                            f.pc = pc as u32;
                        }
                        self.thread.top = sp;
                    }};
                }
                macro_rules! throw {
                    ($class:expr, $msg:expr) => {{
                        sync!();
                        let t = self.throw_new($class, $msg);
                        break 'run t;
                    }};
                }
                macro_rules! tri {
                    ($e:expr) => {
                        match $e {
                            Ok(v) => v,
                            Err(t) => break 'run t,
                        }
                    };
                }
                macro_rules! null_check {
                    ($r:expr, $what:expr) => {
                        if $r == 0 {
                            sync!();
                            break 'run self.null_pointer(mid as u32, pc - 1, $what);
                        }
                    };
                }
                // Load element (shift = log2 size) of the array below the index; push
                // `width` slots.
                macro_rules! array_load {
                    ($shift:expr, $width:expr, $get:expr) => {{
                        let index = ri(st, sp - 1);
                        let array = rd(st, sp - 2);
                        null_check!(array, crate::npe::What::ArrayLoad);
                        let length = array_length(array);
                        if (index as u32) >= (length as u32) {
                            sync!();
                            break 'run self.index_out_of_bounds(index, length);
                        }
                        let get: fn(u64) -> u64 = $get;
                        wr(st, sp - 2, get(element_address(array, index, $shift)));
                        sp = sp - 2 + $width;
                    }};
                }
                macro_rules! array_store {
                    ($shift:expr, $width:expr, $put:expr) => {{
                        let value = rd(st, sp - $width);
                        let index = ri(st, sp - $width - 1);
                        let array = rd(st, sp - $width - 2);
                        null_check!(array, crate::npe::What::ArrayStore { long: $width == 2 });
                        let length = array_length(array);
                        if (index as u32) >= (length as u32) {
                            sync!();
                            break 'run self.index_out_of_bounds(index, length);
                        }
                        let put = $put;
                        put(element_address(array, index, $shift), value);
                        sp -= $width + 2;
                    }};
                }
                macro_rules! if_locals {
                    ($a:expr, $b:expr, $t:expr, $cmp:tt) => {{
                        let (x, y) = (ri(st, lp + usize::from($a)), ri(st, lp + usize::from($b)));
                        if x $cmp y {
                            back_edge!($t);
                            pc = $t as usize;
                        } else {
                            pc += 2;
                        }
                    }};
                }
                macro_rules! get_static {
                    ($kind:expr, $at:expr) => {{
                        let at = $at;
                        match $kind {
                            Kind::Int => wi(st, sp, heap::get_i32(at)),
                            Kind::Ref => wr(st, sp, heap::get_u64(at)),
                            Kind::Long => {
                                wr(st, sp, heap::get_u64(at));
                                sp += 1;
                            }
                            Kind::Byte => wi(st, sp, i32::from(heap::get_i8(at))),
                            Kind::Bool => wi(st, sp, i32::from(heap::get_i8(at) as u8)),
                            Kind::Char => wi(st, sp, i32::from(heap::get_u16(at))),
                            Kind::Short => wi(st, sp, i32::from(heap::get_i16(at))),
                        }
                        sp += 1;
                    }};
                }
                macro_rules! put_static {
                    ($kind:expr, $at:expr) => {{
                        let width = if $kind == Kind::Long { 2 } else { 1 };
                        store($kind, $at, rd(st, sp - width));
                        sp -= width;
                    }};
                }
                macro_rules! int_division {
                    ($f:ident) => {{
                        let b = ri(st, sp - 1);
                        if b == 0 {
                            sync!();
                            break 'run self.division_by_zero();
                        }
                        sp -= 1;
                        wi(st, sp - 1, ri(st, sp - 1).$f(b));
                    }};
                }
                macro_rules! long_division {
                    ($f:ident) => {{
                        let b = rd(st, sp - 2) as i64;
                        if b == 0 {
                            sync!();
                            break 'run self.division_by_zero();
                        }
                        sp -= 2;
                        wr(st, sp - 2, (rd(st, sp - 2) as i64).$f(b) as u64);
                    }};
                }
                macro_rules! if_local_const {
                    ($a:expr, $c:expr, $t:expr, $cmp:tt) => {{
                        let x = ri(st, lp + usize::from($a));
                        if x $cmp $c {
                            back_edge!($t);
                            pc = $t as usize;
                        } else {
                            pc += 2;
                        }
                    }};
                }
                macro_rules! long_op {
                    ($f:expr) => {{
                        sp -= 2;
                        let f: fn(i64, i64) -> i64 = $f;
                        wr(
                            st,
                            sp - 2,
                            f(rd(st, sp - 2) as i64, rd(st, sp) as i64) as u64,
                        );
                    }};
                }
                macro_rules! float_op {
                    ($f:expr) => {{
                        sp -= 1;
                        let f: fn(f32, f32) -> f32 = $f;
                        wf(st, sp - 1, f(rf(st, sp - 1), rf(st, sp)));
                    }};
                }
                macro_rules! double_op {
                    ($f:expr) => {{
                        sp -= 2;
                        let f: fn(f64, f64) -> f64 = $f;
                        wdb(st, sp - 2, f(rdb(st, sp - 2), rdb(st, sp)));
                    }};
                }
                // A taken backward branch counts towards the thread's time slice: a loop
                // that never blocks still lets the other green threads run.
                macro_rules! back_edge {
                    ($t:expr) => {
                        if ($t as usize) < pc {
                            self.ticks = self.ticks.wrapping_sub(1);
                            if self.ticks == 0 {
                                self.ticks = crate::threads::TIME_SLICE;
                                if self.threads.len() > 1 {
                                    sync!();
                                    self.preempt();
                                }
                            }
                        }
                    };
                }
                macro_rules! branch {
                    ($cond:expr, $t:expr) => {
                        if $cond {
                            back_edge!($t);
                            pc = $t as usize;
                        }
                    };
                }
                // Enter method `callee` whose arguments start at slot `base`.
                macro_rules! invoke {
                    ($callee:expr, $base:expr) => {{
                        let callee = $callee as usize;
                        let base = $base;
                        let m = &self.methods[callee];
                        if m.fast
                            && base + usize::from(m.max_locals) + usize::from(m.max_stack)
                                <= self.thread.stack.len()
                            && self.thread.frames.len() < self.options.max_frames
                        {
                            if let Some(f) = self.thread.frames.last_mut() {
                                f.pc = pc as u32;
                            }
                            self.thread.frames.push(Frame {
                                method: callee as u32,
                                pc: 0,
                                lp: base as u32,
                            });
                            mid = callee;
                            code = m.ops;
                            pc = 0;
                            lp = base;
                            sp = base + usize::from(m.max_locals);
                        } else {
                            sync!();
                            match self.invoke_slow(callee as u32, base) {
                                Ok(true) => {
                                    let m = &self.methods[callee];
                                    mid = callee;
                                    code = m.ops;
                                    pc = 0;
                                    lp = base;
                                    sp = base + usize::from(m.max_locals);
                                }
                                Ok(false) => {
                                    sp = base
                                        + crate::natives::return_slots(self.methods[callee].ret);
                                }
                                Err(t) => break 'run t,
                            }
                        }
                    }};
                }

                let op = fetch(code, pc);
                #[cfg(feature = "coverage")]
                {
                    let opcode = self.methods[mid].code.as_ref().map_or(0, |c| c.opcodes[pc]);
                    self.coverage[usize::from(opcode)] += 1;
                }
                pc += 1;
                {
                    match op {
                        Op::Nop => {}
                        Op::Push(v) => {
                            wr(st, sp, v);
                            sp += 1;
                        }
                        Op::Push2(v) => {
                            wr(st, sp, v);
                            sp += 2;
                        }
                        Op::Load(n) => {
                            wr(st, sp, rd(st, lp + usize::from(n)));
                            sp += 1;
                        }
                        Op::Load2(n) => {
                            wr(st, sp, rd(st, lp + usize::from(n)));
                            sp += 2;
                        }
                        Op::LoadLoad(a, b) => {
                            wr(st, sp, rd(st, lp + usize::from(a)));
                            wr(st, sp + 1, rd(st, lp + usize::from(b)));
                            sp += 2;
                            pc += 1;
                        }
                        Op::IfLocalsLt(a, b, t) => if_locals!(a, b, t, <),
                        Op::IfLocalsGe(a, b, t) => if_locals!(a, b, t, >=),
                        Op::IfLocalsGt(a, b, t) => if_locals!(a, b, t, >),
                        Op::IfLocalsLe(a, b, t) => if_locals!(a, b, t, <=),
                        Op::IfLocalsEq(a, b, t) => if_locals!(a, b, t, ==),
                        Op::IfLocalsNe(a, b, t) => if_locals!(a, b, t, !=),
                        Op::IfLocalConstLt(a, c, t) => if_local_const!(a, c, t, <),
                        Op::IfLocalConstGe(a, c, t) => if_local_const!(a, c, t, >=),
                        Op::IfLocalConstGt(a, c, t) => if_local_const!(a, c, t, >),
                        Op::IfLocalConstLe(a, c, t) => if_local_const!(a, c, t, <=),
                        Op::IfLocalConstEq(a, c, t) => if_local_const!(a, c, t, ==),
                        Op::IfLocalConstNe(a, c, t) => if_local_const!(a, c, t, !=),
                        Op::IincGoto(n, d, t) => {
                            let at = lp + usize::from(n);
                            wi(st, at, ri(st, at).wrapping_add(i32::from(d)));
                            back_edge!(t);
                            pc = t as usize;
                        }
                        Op::Store(n) => {
                            sp -= 1;
                            wr(st, lp + usize::from(n), rd(st, sp));
                        }
                        Op::Store2(n) => {
                            sp -= 2;
                            wr(st, lp + usize::from(n), rd(st, sp));
                        }
                        Op::Iaload => array_load!(2, 1, |at| u64::from(heap::get_i32(at) as u32)),
                        Op::Laload => array_load!(3, 2, heap::get_u64),
                        Op::Aaload => array_load!(3, 1, heap::get_u64),
                        Op::Baload => {
                            array_load!(0, 1, |at| u64::from(i32::from(heap::get_i8(at)) as u32))
                        }
                        Op::Caload => array_load!(1, 1, |at| u64::from(heap::get_u16(at))),
                        Op::Saload => {
                            array_load!(1, 1, |at| u64::from(i32::from(heap::get_i16(at)) as u32))
                        }
                        Op::Iastore => {
                            array_store!(2, 1, |at, v: u64| heap::put_i32(at, v as u32 as i32))
                        }
                        Op::Lastore => array_store!(3, 2, heap::put_u64),
                        Op::Castore | Op::Sastore => {
                            array_store!(1, 1, |at, v: u64| heap::put_u16(at, v as u16))
                        }
                        Op::Bastore => {
                            // JVMS 6.5 bastore: a boolean array keeps the low bit only (the
                            // header's high word flags boolean arrays).
                            let array = rd(st, sp - 3);
                            let mask = if array != 0 && heap::get_u64(array) & BOOLEAN_ARRAY != 0 {
                                1
                            } else {
                                0xff
                            };
                            array_store!(0, 1, |at, v: u64| heap::put_i8(
                                at,
                                (v & mask) as u8 as i8
                            ));
                        }
                        Op::Aastore => {
                            let value = rd(st, sp - 1);
                            let array = rd(st, sp - 3);
                            if value != 0 && array != 0 {
                                let ac = self.class_of(array) as usize;
                                let component = self.classes[ac].element.map_or(0, |e| e.1);
                                let vc = self.class_of(value);
                                if vc != component && !self.is_assignable(vc, component) {
                                    let index = ri(st, sp - 2);
                                    let length = array_length(array);
                                    if (index as u32) >= (length as u32) {
                                        sync!();
                                        break 'run self.index_out_of_bounds(index, length);
                                    }
                                    sync!();
                                    break 'run self.array_store_error(vc);
                                }
                            }
                            array_store!(3, 1, heap::put_u64);
                        }
                        Op::Pop => sp -= 1,
                        Op::Pop2 => sp -= 2,
                        Op::Dup => {
                            wr(st, sp, rd(st, sp - 1));
                            sp += 1;
                        }
                        Op::DupX1 => {
                            let (v2, v1) = (rd(st, sp - 2), rd(st, sp - 1));
                            wr(st, sp - 2, v1);
                            wr(st, sp - 1, v2);
                            wr(st, sp, v1);
                            sp += 1;
                        }
                        Op::DupX2 => {
                            let (v3, v2, v1) = (rd(st, sp - 3), rd(st, sp - 2), rd(st, sp - 1));
                            wr(st, sp - 3, v1);
                            wr(st, sp - 2, v3);
                            wr(st, sp - 1, v2);
                            wr(st, sp, v1);
                            sp += 1;
                        }
                        Op::Dup2 => {
                            wr(st, sp, rd(st, sp - 2));
                            wr(st, sp + 1, rd(st, sp - 1));
                            sp += 2;
                        }
                        Op::Dup2X1 => {
                            let (v3, v2, v1) = (rd(st, sp - 3), rd(st, sp - 2), rd(st, sp - 1));
                            wr(st, sp - 3, v2);
                            wr(st, sp - 2, v1);
                            wr(st, sp - 1, v3);
                            wr(st, sp, v2);
                            wr(st, sp + 1, v1);
                            sp += 2;
                        }
                        Op::Dup2X2 => {
                            let (v4, v3, v2, v1) = (
                                rd(st, sp - 4),
                                rd(st, sp - 3),
                                rd(st, sp - 2),
                                rd(st, sp - 1),
                            );
                            wr(st, sp - 4, v2);
                            wr(st, sp - 3, v1);
                            wr(st, sp - 2, v4);
                            wr(st, sp - 1, v3);
                            wr(st, sp, v2);
                            wr(st, sp + 1, v1);
                            sp += 2;
                        }
                        Op::Swap => {
                            let (v2, v1) = (rd(st, sp - 2), rd(st, sp - 1));
                            wr(st, sp - 2, v1);
                            wr(st, sp - 1, v2);
                        }
                        Op::Iadd => {
                            sp -= 1;
                            wi(st, sp - 1, ri(st, sp - 1).wrapping_add(ri(st, sp)));
                        }
                        Op::Isub => {
                            sp -= 1;
                            wi(st, sp - 1, ri(st, sp - 1).wrapping_sub(ri(st, sp)));
                        }
                        Op::Imul => {
                            sp -= 1;
                            wi(st, sp - 1, ri(st, sp - 1).wrapping_mul(ri(st, sp)));
                        }
                        Op::Idiv => int_division!(wrapping_div),
                        Op::Irem => int_division!(wrapping_rem),
                        Op::Ineg => wi(st, sp - 1, ri(st, sp - 1).wrapping_neg()),
                        Op::Ishl => {
                            sp -= 1;
                            wi(st, sp - 1, ri(st, sp - 1).wrapping_shl(ri(st, sp) as u32));
                        }
                        Op::Ishr => {
                            sp -= 1;
                            wi(st, sp - 1, ri(st, sp - 1).wrapping_shr(ri(st, sp) as u32));
                        }
                        Op::Iushr => {
                            sp -= 1;
                            wi(
                                st,
                                sp - 1,
                                (ri(st, sp - 1) as u32).wrapping_shr(ri(st, sp) as u32) as i32,
                            );
                        }
                        Op::Iand => {
                            sp -= 1;
                            wi(st, sp - 1, ri(st, sp - 1) & ri(st, sp));
                        }
                        Op::Ior => {
                            sp -= 1;
                            wi(st, sp - 1, ri(st, sp - 1) | ri(st, sp));
                        }
                        Op::Ixor => {
                            sp -= 1;
                            wi(st, sp - 1, ri(st, sp - 1) ^ ri(st, sp));
                        }
                        Op::Ladd => long_op!(|a: i64, b: i64| a.wrapping_add(b)),
                        Op::Lsub => long_op!(|a: i64, b: i64| a.wrapping_sub(b)),
                        Op::Lmul => long_op!(|a: i64, b: i64| a.wrapping_mul(b)),
                        Op::Land => long_op!(|a: i64, b: i64| a & b),
                        Op::Lor => long_op!(|a: i64, b: i64| a | b),
                        Op::Lxor => long_op!(|a: i64, b: i64| a ^ b),
                        Op::Ldiv => long_division!(wrapping_div),
                        Op::Lrem => long_division!(wrapping_rem),
                        Op::Lneg => wr(st, sp - 2, (rd(st, sp - 2) as i64).wrapping_neg() as u64),
                        Op::Lshl | Op::Lshr | Op::Lushr => {
                            sp -= 1;
                            let s = ri(st, sp) as u32;
                            let a = rd(st, sp - 2);
                            let r = match op {
                                Op::Lshl => a.wrapping_shl(s),
                                Op::Lshr => (a as i64).wrapping_shr(s) as u64,
                                _ => a.wrapping_shr(s),
                            };
                            wr(st, sp - 2, r);
                        }
                        Op::Fadd => float_op!(|a: f32, b: f32| a + b),
                        Op::Fsub => float_op!(|a: f32, b: f32| a - b),
                        Op::Fmul => float_op!(|a: f32, b: f32| a * b),
                        Op::Fdiv => float_op!(|a: f32, b: f32| a / b),
                        Op::Frem => float_op!(|a: f32, b: f32| a % b),
                        Op::Dadd => double_op!(|a: f64, b: f64| a + b),
                        Op::Dsub => double_op!(|a: f64, b: f64| a - b),
                        Op::Dmul => double_op!(|a: f64, b: f64| a * b),
                        Op::Ddiv => double_op!(|a: f64, b: f64| a / b),
                        Op::Drem => double_op!(|a: f64, b: f64| a % b),
                        Op::Fneg => wf(st, sp - 1, -rf(st, sp - 1)),
                        Op::Dneg => wdb(st, sp - 2, -rdb(st, sp - 2)),
                        Op::Iinc(n, d) => {
                            let at = lp + usize::from(n);
                            wi(st, at, ri(st, at).wrapping_add(i32::from(d)));
                        }
                        Op::I2l => {
                            wr(st, sp - 1, i64::from(ri(st, sp - 1)) as u64);
                            sp += 1;
                        }
                        Op::I2f => wf(st, sp - 1, ri(st, sp - 1) as f32),
                        Op::I2d => {
                            wdb(st, sp - 1, f64::from(ri(st, sp - 1)));
                            sp += 1;
                        }
                        Op::L2i => {
                            sp -= 1;
                            wi(st, sp - 1, rd(st, sp - 1) as i32);
                        }
                        Op::L2f => {
                            sp -= 1;
                            wf(st, sp - 1, rd(st, sp - 1) as i64 as f32);
                        }
                        Op::L2d => wdb(st, sp - 2, rd(st, sp - 2) as i64 as f64),
                        // Rust's float-to-int casts saturate and map NaN to 0, as JVMS 2.8.3.
                        Op::F2i => wi(st, sp - 1, rf(st, sp - 1) as i32),
                        Op::F2l => {
                            wr(st, sp - 1, rf(st, sp - 1) as i64 as u64);
                            sp += 1;
                        }
                        Op::F2d => {
                            wdb(st, sp - 1, f64::from(rf(st, sp - 1)));
                            sp += 1;
                        }
                        Op::D2i => {
                            sp -= 1;
                            wi(st, sp - 1, rdb(st, sp - 1) as i32);
                        }
                        Op::D2l => wr(st, sp - 2, rdb(st, sp - 2) as i64 as u64),
                        Op::D2f => {
                            sp -= 1;
                            wf(st, sp - 1, rdb(st, sp - 1) as f32);
                        }
                        Op::I2b => wi(st, sp - 1, i32::from(ri(st, sp - 1) as i8)),
                        Op::I2c => wi(st, sp - 1, i32::from(ri(st, sp - 1) as u16)),
                        Op::I2s => wi(st, sp - 1, i32::from(ri(st, sp - 1) as i16)),
                        Op::Lcmp => {
                            sp -= 3;
                            let (a, b) = (rd(st, sp - 1) as i64, rd(st, sp + 1) as i64);
                            wi(st, sp - 1, compare(a, b, 0));
                        }
                        Op::Fcmpl | Op::Fcmpg => {
                            sp -= 1;
                            let nan = if matches!(op, Op::Fcmpg) { 1 } else { -1 };
                            wi(st, sp - 1, compare(rf(st, sp - 1), rf(st, sp), nan));
                        }
                        Op::Dcmpl | Op::Dcmpg => {
                            sp -= 3;
                            let nan = if matches!(op, Op::Dcmpg) { 1 } else { -1 };
                            wi(st, sp - 1, compare(rdb(st, sp - 1), rdb(st, sp + 1), nan));
                        }
                        Op::Ifeq(t) => {
                            sp -= 1;
                            branch!(ri(st, sp) == 0, t);
                        }
                        Op::Ifne(t) => {
                            sp -= 1;
                            branch!(ri(st, sp) != 0, t);
                        }
                        Op::Iflt(t) => {
                            sp -= 1;
                            branch!(ri(st, sp) < 0, t);
                        }
                        Op::Ifge(t) => {
                            sp -= 1;
                            branch!(ri(st, sp) >= 0, t);
                        }
                        Op::Ifgt(t) => {
                            sp -= 1;
                            branch!(ri(st, sp) > 0, t);
                        }
                        Op::Ifle(t) => {
                            sp -= 1;
                            branch!(ri(st, sp) <= 0, t);
                        }
                        Op::IfIcmpeq(t) => {
                            sp -= 2;
                            branch!(ri(st, sp) == ri(st, sp + 1), t);
                        }
                        Op::IfIcmpne(t) => {
                            sp -= 2;
                            branch!(ri(st, sp) != ri(st, sp + 1), t);
                        }
                        Op::IfIcmplt(t) => {
                            sp -= 2;
                            branch!(ri(st, sp) < ri(st, sp + 1), t);
                        }
                        Op::IfIcmpge(t) => {
                            sp -= 2;
                            branch!(ri(st, sp) >= ri(st, sp + 1), t);
                        }
                        Op::IfIcmpgt(t) => {
                            sp -= 2;
                            branch!(ri(st, sp) > ri(st, sp + 1), t);
                        }
                        Op::IfIcmple(t) => {
                            sp -= 2;
                            branch!(ri(st, sp) <= ri(st, sp + 1), t);
                        }
                        Op::IfAcmpeq(t) => {
                            sp -= 2;
                            branch!(rd(st, sp) == rd(st, sp + 1), t);
                        }
                        Op::IfAcmpne(t) => {
                            sp -= 2;
                            branch!(rd(st, sp) != rd(st, sp + 1), t);
                        }
                        Op::Ifnull(t) => {
                            sp -= 1;
                            branch!(rd(st, sp) == 0, t);
                        }
                        Op::Ifnonnull(t) => {
                            sp -= 1;
                            branch!(rd(st, sp) != 0, t);
                        }
                        Op::Goto(t) => {
                            back_edge!(t);
                            pc = t as usize;
                        }
                        Op::Jsr(t) => {
                            wr(st, sp, pc as u64);
                            sp += 1;
                            pc = t as usize;
                        }
                        Op::Ret(n) => pc = rd(st, lp + usize::from(n)) as usize,
                        Op::Switch(i) => {
                            sp -= 1;
                            let key = ri(st, sp);
                            let target = self.methods[mid]
                                .code
                                .as_ref()
                                .and_then(|c| c.switches.get(i as usize))
                                .map(|s| s.target(key));
                            match target {
                                Some(t) => pc = t as usize,
                                None => {
                                    throw!("java/lang/InternalError", Some("bad switch".into()))
                                }
                            }
                        }
                        Op::Return(n) => {
                            let n = usize::from(n);
                            if n > 0 {
                                wr(st, lp, rd(st, sp - n));
                            }
                            if !self.methods[mid].fast {
                                sync!();
                                tri!(self.exit_synchronized(mid as u32, lp));
                            }
                            self.thread.frames.pop();
                            if self.thread.frames.len() == entry {
                                self.thread.top = lp + n;
                                return Ok(());
                            }
                            sp = lp + n;
                            let Some(&f) = self.thread.frames.last() else {
                                return Ok(());
                            };
                            mid = f.method as usize;
                            code = self.methods[mid].ops;
                            pc = f.pc as usize;
                            lp = f.lp as usize;
                        }
                        Op::GetFieldQ(kind, off) => {
                            let object = rd(st, sp - 1);
                            null_check!(object, crate::npe::What::GetField);
                            let at = object + u64::from(off);
                            match kind {
                                Kind::Int => wi(st, sp - 1, heap::get_i32(at)),
                                Kind::Ref => wr(st, sp - 1, heap::get_u64(at)),
                                Kind::Long => {
                                    wr(st, sp - 1, heap::get_u64(at));
                                    sp += 1;
                                }
                                Kind::Byte => wi(st, sp - 1, i32::from(heap::get_i8(at))),
                                Kind::Bool => wi(st, sp - 1, i32::from(heap::get_i8(at) as u8)),
                                Kind::Char => wi(st, sp - 1, i32::from(heap::get_u16(at))),
                                Kind::Short => wi(st, sp - 1, i32::from(heap::get_i16(at))),
                            }
                        }
                        Op::PutFieldQ(kind, off) => {
                            let width = if kind == Kind::Long { 2 } else { 1 };
                            let object = rd(st, sp - width - 1);
                            null_check!(object, crate::npe::What::PutField);
                            let value = rd(st, sp - width);
                            store(kind, object + u64::from(off), value);
                            sp -= width + 1;
                        }
                        Op::GetStaticQ(kind, at) => get_static!(kind, at),
                        Op::PutStaticQ(kind, at) => put_static!(kind, at),
                        Op::InvokeDirect {
                            method,
                            args,
                            receiver,
                        } => {
                            let base = sp - usize::from(args);
                            if receiver {
                                null_check!(rd(st, base), crate::npe::What::Invoke(method));
                            }
                            invoke!(method, base);
                        }
                        Op::InvokeVirtualQ { vtable_index, args } => {
                            let base = sp - usize::from(args);
                            let receiver = rd(st, base);
                            if receiver == 0 {
                                sync!();
                                break 'run self.null_receiver(mid as u32, pc - 1);
                            }
                            let rc = self.class_of(receiver) as usize;
                            let callee = self.classes[rc]
                                .vtable
                                .get(vtable_index as usize)
                                .copied()
                                .unwrap_or(NO_METHOD);
                            if callee == NO_METHOD {
                                sync!();
                                break 'run self.dispatch_error(rc as u32, vtable_index, None);
                            }
                            invoke!(callee, base);
                        }
                        Op::InvokeInterfaceQ {
                            interface,
                            itable_index,
                            args,
                        } => {
                            let base = sp - usize::from(args);
                            let receiver = rd(st, base);
                            if receiver == 0 {
                                sync!();
                                break 'run self.null_receiver(mid as u32, pc - 1);
                            }
                            let rc = self.class_of(receiver) as usize;
                            let callee = self.classes[rc]
                                .itables
                                .iter()
                                .find(|(i, _)| *i == interface)
                                .and_then(|(_, ms)| ms.get(itable_index as usize))
                                .copied()
                                .unwrap_or(NO_METHOD);
                            if callee == NO_METHOD {
                                sync!();
                                break 'run self.dispatch_error(
                                    rc as u32,
                                    itable_index,
                                    Some(interface),
                                );
                            }
                            invoke!(callee, base);
                        }
                        Op::NewQ(class, size) => {
                            let object = tri!(
                                self.allocate_raw(class, u64::from(size))
                                    .inspect_err(|_| sync!())
                            );
                            wr(st, sp, object);
                            sp += 1;
                        }
                        Op::NewArrayQ(class) => {
                            sync!();
                            let array = tri!(self.new_array(class, ri(st, sp - 1)));
                            wr(st, sp - 1, array);
                        }
                        Op::ArrayLength => {
                            let array = rd(st, sp - 1);
                            null_check!(array, crate::npe::What::ArrayLength);
                            wi(st, sp - 1, array_length(array));
                        }
                        Op::Athrow => {
                            let e = rd(st, sp - 1);
                            null_check!(e, crate::npe::What::Athrow);
                            sync!();
                            break 'run Thrown(e);
                        }
                        Op::CheckcastQ(class) => {
                            let object = rd(st, sp - 1);
                            if object != 0 {
                                let oc = self.class_of(object);
                                if !self.is_assignable(oc, class) {
                                    sync!();
                                    break 'run self.class_cast(oc, class);
                                }
                            }
                        }
                        Op::InstanceofQ(class) => {
                            let object = rd(st, sp - 1);
                            let r = object != 0 && self.is_assignable(self.class_of(object), class);
                            wi(st, sp - 1, i32::from(r));
                        }
                        Op::InvokeDynamicQ { site, args, ret } => {
                            let base = sp - usize::from(args);
                            sync!();
                            tri!(self.invoke_dynamic(site, base));
                            sp = base + usize::from(ret);
                        }
                        Op::MonitorEnter => {
                            let object = rd(st, sp - 1);
                            null_check!(object, crate::npe::What::MonitorEnter);
                            sync!();
                            self.monitor_enter(object);
                            sp -= 1;
                        }
                        Op::MonitorExit => {
                            let object = rd(st, sp - 1);
                            null_check!(object, crate::npe::What::MonitorExit);
                            sync!();
                            tri!(self.monitor_exit(object));
                            sp -= 1;
                        }
                        Op::MultiANewArrayQ(class, dims) => {
                            let d = usize::from(dims);
                            let counts: Vec<i32> = (0..d).map(|i| ri(st, sp - d + i)).collect();
                            sync!();
                            let array = tri!(self.multi_new_array(class, &counts));
                            sp -= d;
                            wr(st, sp, array);
                            sp += 1;
                        }
                        // Symbolic forms: resolve, quicken, and run the resolved op.
                        Op::Ldc(_)
                        | Op::GetStatic(_)
                        | Op::PutStatic(_)
                        | Op::GetField(_)
                        | Op::PutField(_)
                        | Op::InvokeVirtual(_)
                        | Op::InvokeSpecial(_)
                        | Op::InvokeStatic(_)
                        | Op::InvokeInterface(_)
                        | Op::InvokeDynamic(_)
                        | Op::New(_)
                        | Op::NewArray(_)
                        | Op::ANewArray(_)
                        | Op::Checkcast(_)
                        | Op::Instanceof(_)
                        | Op::MultiANewArray(..) => {
                            sync!();
                            let resolved = tri!(self.resolve_op(mid as u32, op));
                            quicken(code, pc - 1, resolved);
                            pc -= 1;
                        }
                        Op::GetStaticInit(kind, class, at) => {
                            if tri!(self.initialized(class, sp, mid, pc)) {
                                quicken(code, pc - 1, Op::GetStaticQ(kind, at));
                                pc -= 1;
                            } else {
                                get_static!(kind, at);
                            }
                        }
                        Op::PutStaticInit(kind, class, at) => {
                            if tri!(self.initialized(class, sp, mid, pc)) {
                                quicken(code, pc - 1, Op::PutStaticQ(kind, at));
                                pc -= 1;
                            } else {
                                put_static!(kind, at);
                            }
                        }
                        Op::NewInit(class, size) => {
                            if tri!(self.initialized(class, sp, mid, pc)) {
                                quicken(code, pc - 1, Op::NewQ(class, size));
                                pc -= 1;
                            } else {
                                sync!();
                                let object = tri!(self.allocate_raw(class, u64::from(size)));
                                wr(st, sp, object);
                                sp += 1;
                            }
                        }
                        Op::InvokeStaticInit { method, args } => {
                            let class = self.methods[method as usize].class;
                            if tri!(self.initialized(class, sp, mid, pc)) {
                                let q = Op::InvokeDirect {
                                    method,
                                    args,
                                    receiver: false,
                                };
                                quicken(code, pc - 1, q);
                                pc -= 1;
                            } else {
                                invoke!(method, sp - usize::from(args));
                            }
                        }
                    }
                }
            };
            // Exception: find a handler in this frame or unwind.
            let exception = thrown.0;
            loop {
                let at = pc.saturating_sub(1);
                if let Some(handler) = self.find_handler(mid as u32, at, exception) {
                    sp = lp + usize::from(self.methods[mid].max_locals);
                    wr(st, sp, exception);
                    sp += 1;
                    pc = handler as usize;
                    break;
                }
                if !self.methods[mid].fast {
                    // A synchronized method releases its monitor when it completes abruptly.
                    let _ = self.exit_synchronized(mid as u32, lp);
                }
                self.thread.frames.pop();
                if self.thread.frames.len() <= entry {
                    self.thread.top = lp;
                    return Err(Thrown(exception));
                }
                let Some(&f) = self.thread.frames.last() else {
                    return Err(Thrown(exception));
                };
                mid = f.method as usize;
                code = self.methods[mid].ops;
                pc = f.pc as usize;
                lp = f.lp as usize;
            }
        }
    }
}

/// Reads a field of descriptor char `kind` at `at` as a slot.
pub(crate) fn load_kind(kind: u8, at: u64) -> u64 {
    match kind {
        b'J' | b'D' | b'L' | b'[' => heap::get_u64(at),
        b'I' | b'F' => u64::from(heap::get_i32(at) as u32),
        b'Z' => u64::from(heap::get_i8(at) as u8),
        b'B' => u64::from(heap::get_i8(at) as i32 as u32),
        b'C' => u64::from(heap::get_u16(at)),
        _ => u64::from(heap::get_i16(at) as i32 as u32),
    }
}

/// Writes slot `value` as a field of descriptor char `kind` at `at`.
pub(crate) fn store_kind(kind: u8, at: u64, value: u64) {
    match kind {
        b'J' | b'D' | b'L' | b'[' => heap::put_u64(at, value),
        b'I' | b'F' => heap::put_i32(at, value as u32 as i32),
        b'Z' | b'B' => heap::put_i8(at, value as u8 as i8),
        b'C' => heap::put_u16(at, value as u16),
        _ => heap::put_i16(at, value as u16 as i16),
    }
}

/// Stores the slot `value` at `at` as a field or static of `kind`.
#[inline(always)]
fn store(kind: Kind, at: u64, value: u64) {
    match kind {
        Kind::Int => heap::put_i32(at, value as u32 as i32),
        Kind::Long | Kind::Ref => heap::put_u64(at, value),
        Kind::Byte => heap::put_i8(at, value as u8 as i8),
        // JVMS 6.5 putfield: a boolean keeps the low bit only.
        Kind::Bool => heap::put_i8(at, (value & 1) as i8),
        Kind::Char | Kind::Short => heap::put_u16(at, value as u16),
    }
}
