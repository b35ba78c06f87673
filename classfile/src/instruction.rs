//! The instruction decoder (JVMS chapter 6): every opcode, `wide`, and switch padding.
//!
//! Branch operands are turned into absolute targets (`pc + offset`); the decoder rejects a
//! target that is negative or not representable, and the validator checks that it lands
//! on an instruction inside the code.

use crate::error::ClassFileError;
use crate::reader::{be_u16, be_u32};

/// `iinc`: local index and signed increment (both 16-bit under `wide`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Iinc {
    /// Local variable index.
    pub index: u16,
    /// Increment.
    pub delta: i16,
}

/// `invokeinterface`: constant pool index and the historical `count` operand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvokeInterface {
    /// Index of an `InterfaceMethodref`.
    pub index: u16,
    /// Argument slots including the receiver (checked against the descriptor).
    pub count: u8,
}

/// `multianewarray`: class index and number of dimensions to create.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MultiANewArray {
    /// Index of a `Class` naming an array type.
    pub index: u16,
    /// Dimensions to create (at least 1).
    pub dimensions: u8,
}

/// `tableswitch`: a jump table over `low..=high`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableSwitch<'a> {
    /// Absolute default target.
    pub default: u32,
    /// Lowest key.
    pub low: i32,
    /// Highest key.
    pub high: i32,
    pc: u32,
    offsets: &'a [u8],
}

impl TableSwitch<'_> {
    /// `(key, absolute target)` for every key from `low` to `high`.
    pub fn targets(&self) -> impl Iterator<Item = (i32, u32)> + '_ {
        self.offsets.chunks_exact(4).enumerate().map(move |(i, c)| {
            let off = i32::from_be_bytes([c[0], c[1], c[2], c[3]]);
            // i < 2^31 and targets were range-checked when decoded.
            (
                self.low.wrapping_add(i as i32),
                (i64::from(self.pc) + i64::from(off)) as u32,
            )
        })
    }
}

/// `lookupswitch`: sorted `(match, offset)` pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LookupSwitch<'a> {
    /// Absolute default target.
    pub default: u32,
    pc: u32,
    pairs: &'a [u8],
}

impl LookupSwitch<'_> {
    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.pairs.len() / 8
    }

    /// True when there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// `(match, absolute target)` pairs in file order.
    pub fn pairs(&self) -> impl Iterator<Item = (i32, u32)> + '_ {
        self.pairs.chunks_exact(8).map(move |c| {
            let key = i32::from_be_bytes([c[0], c[1], c[2], c[3]]);
            let off = i32::from_be_bytes([c[4], c[5], c[6], c[7]]);
            (key, (i64::from(self.pc) + i64::from(off)) as u32)
        })
    }
}

macro_rules! operand_ty {
    (i8) => { i8 };
    (i16) => { i16 };
    (cp1) => { u16 };
    (cp2) => { u16 };
    (local) => { u16 };
    (branch2) => { u32 };
    (branch4) => { u32 };
    (atype) => { u8 };
    (indy) => { u16 };
    (iinc) => { Iinc };
    (invokeinterface) => { InvokeInterface };
    (multianewarray) => { MultiANewArray };
    (tableswitch) => { TableSwitch<'a> };
    (lookupswitch) => { LookupSwitch<'a> };
}

macro_rules! instructions {
    ( $( $op:literal $name:ident $mnem:literal $($kind:ident)?; )* ) => {
        /// One decoded instruction. Variants are named after the JVMS mnemonics;
        /// `wide` forms decode to the same variant with a 16-bit index.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum Instruction<'a> {
            $( $name $( (operand_ty!($kind)) )?, )*
        }

        impl Instruction<'_> {
            /// The opcode byte (for `wide` forms, the opcode after `wide`).
            pub fn opcode(&self) -> u8 {
                match self { $( Instruction::$name { .. } => $op, )* }
            }

            /// The JVMS mnemonic, e.g. `invokevirtual`.
            pub fn mnemonic(&self) -> &'static str {
                match self { $( Instruction::$name { .. } => $mnem, )* }
            }
        }

        /// The mnemonic of an opcode byte, or `None` for unassigned and reserved opcodes.
        pub fn mnemonic_of(opcode: u8) -> Option<&'static str> {
            match opcode {
                $( $op => Some($mnem), )*
                0xc4 => Some("wide"),
                _ => None,
            }
        }

        fn decode_at<'a>(code: &'a [u8], pc: usize, wide: bool) -> Result<(Instruction<'a>, usize), ClassFileError> {
            let op = code[pc];
            let mut d = Decoder { code, pc, next: pc + 1, wide };
            let insn = match op {
                $( $op => Instruction::$name $( (d.$kind()?) )?, )*
                0xc4 => return Err(d.error("wide is followed by another wide")),
                _ => return Err(d.error(&format!("opcode 0x{op:02x} is not a JVMS instruction"))),
            };
            if wide && !matches!(insn,
                Instruction::Iload(_) | Instruction::Lload(_) | Instruction::Fload(_)
                | Instruction::Dload(_) | Instruction::Aload(_) | Instruction::Istore(_)
                | Instruction::Lstore(_) | Instruction::Fstore(_) | Instruction::Dstore(_)
                | Instruction::Astore(_) | Instruction::Ret(_) | Instruction::Iinc(_)) {
                return Err(ClassFileError::code(pc as u32 - 1, "6.5.wide",
                    format!("wide modifies {}, which it cannot", insn.mnemonic())));
            }
            Ok((insn, d.next))
        }
    };
}

instructions! {
    0x00 Nop "nop"; 0x01 AconstNull "aconst_null";
    0x02 IconstM1 "iconst_m1"; 0x03 Iconst0 "iconst_0"; 0x04 Iconst1 "iconst_1";
    0x05 Iconst2 "iconst_2"; 0x06 Iconst3 "iconst_3"; 0x07 Iconst4 "iconst_4";
    0x08 Iconst5 "iconst_5"; 0x09 Lconst0 "lconst_0"; 0x0a Lconst1 "lconst_1";
    0x0b Fconst0 "fconst_0"; 0x0c Fconst1 "fconst_1"; 0x0d Fconst2 "fconst_2";
    0x0e Dconst0 "dconst_0"; 0x0f Dconst1 "dconst_1";
    0x10 Bipush "bipush" i8; 0x11 Sipush "sipush" i16;
    0x12 Ldc "ldc" cp1; 0x13 LdcW "ldc_w" cp2; 0x14 Ldc2W "ldc2_w" cp2;
    0x15 Iload "iload" local; 0x16 Lload "lload" local; 0x17 Fload "fload" local;
    0x18 Dload "dload" local; 0x19 Aload "aload" local;
    0x1a Iload0 "iload_0"; 0x1b Iload1 "iload_1"; 0x1c Iload2 "iload_2"; 0x1d Iload3 "iload_3";
    0x1e Lload0 "lload_0"; 0x1f Lload1 "lload_1"; 0x20 Lload2 "lload_2"; 0x21 Lload3 "lload_3";
    0x22 Fload0 "fload_0"; 0x23 Fload1 "fload_1"; 0x24 Fload2 "fload_2"; 0x25 Fload3 "fload_3";
    0x26 Dload0 "dload_0"; 0x27 Dload1 "dload_1"; 0x28 Dload2 "dload_2"; 0x29 Dload3 "dload_3";
    0x2a Aload0 "aload_0"; 0x2b Aload1 "aload_1"; 0x2c Aload2 "aload_2"; 0x2d Aload3 "aload_3";
    0x2e Iaload "iaload"; 0x2f Laload "laload"; 0x30 Faload "faload"; 0x31 Daload "daload";
    0x32 Aaload "aaload"; 0x33 Baload "baload"; 0x34 Caload "caload"; 0x35 Saload "saload";
    0x36 Istore "istore" local; 0x37 Lstore "lstore" local; 0x38 Fstore "fstore" local;
    0x39 Dstore "dstore" local; 0x3a Astore "astore" local;
    0x3b Istore0 "istore_0"; 0x3c Istore1 "istore_1"; 0x3d Istore2 "istore_2"; 0x3e Istore3 "istore_3";
    0x3f Lstore0 "lstore_0"; 0x40 Lstore1 "lstore_1"; 0x41 Lstore2 "lstore_2"; 0x42 Lstore3 "lstore_3";
    0x43 Fstore0 "fstore_0"; 0x44 Fstore1 "fstore_1"; 0x45 Fstore2 "fstore_2"; 0x46 Fstore3 "fstore_3";
    0x47 Dstore0 "dstore_0"; 0x48 Dstore1 "dstore_1"; 0x49 Dstore2 "dstore_2"; 0x4a Dstore3 "dstore_3";
    0x4b Astore0 "astore_0"; 0x4c Astore1 "astore_1"; 0x4d Astore2 "astore_2"; 0x4e Astore3 "astore_3";
    0x4f Iastore "iastore"; 0x50 Lastore "lastore"; 0x51 Fastore "fastore"; 0x52 Dastore "dastore";
    0x53 Aastore "aastore"; 0x54 Bastore "bastore"; 0x55 Castore "castore"; 0x56 Sastore "sastore";
    0x57 Pop "pop"; 0x58 Pop2 "pop2"; 0x59 Dup "dup"; 0x5a DupX1 "dup_x1";
    0x5b DupX2 "dup_x2"; 0x5c Dup2 "dup2"; 0x5d Dup2X1 "dup2_x1"; 0x5e Dup2X2 "dup2_x2";
    0x5f Swap "swap";
    0x60 Iadd "iadd"; 0x61 Ladd "ladd"; 0x62 Fadd "fadd"; 0x63 Dadd "dadd";
    0x64 Isub "isub"; 0x65 Lsub "lsub"; 0x66 Fsub "fsub"; 0x67 Dsub "dsub";
    0x68 Imul "imul"; 0x69 Lmul "lmul"; 0x6a Fmul "fmul"; 0x6b Dmul "dmul";
    0x6c Idiv "idiv"; 0x6d Ldiv "ldiv"; 0x6e Fdiv "fdiv"; 0x6f Ddiv "ddiv";
    0x70 Irem "irem"; 0x71 Lrem "lrem"; 0x72 Frem "frem"; 0x73 Drem "drem";
    0x74 Ineg "ineg"; 0x75 Lneg "lneg"; 0x76 Fneg "fneg"; 0x77 Dneg "dneg";
    0x78 Ishl "ishl"; 0x79 Lshl "lshl"; 0x7a Ishr "ishr"; 0x7b Lshr "lshr";
    0x7c Iushr "iushr"; 0x7d Lushr "lushr"; 0x7e Iand "iand"; 0x7f Land "land";
    0x80 Ior "ior"; 0x81 Lor "lor"; 0x82 Ixor "ixor"; 0x83 Lxor "lxor";
    0x84 Iinc "iinc" iinc;
    0x85 I2l "i2l"; 0x86 I2f "i2f"; 0x87 I2d "i2d"; 0x88 L2i "l2i";
    0x89 L2f "l2f"; 0x8a L2d "l2d"; 0x8b F2i "f2i"; 0x8c F2l "f2l";
    0x8d F2d "f2d"; 0x8e D2i "d2i"; 0x8f D2l "d2l"; 0x90 D2f "d2f";
    0x91 I2b "i2b"; 0x92 I2c "i2c"; 0x93 I2s "i2s";
    0x94 Lcmp "lcmp"; 0x95 Fcmpl "fcmpl"; 0x96 Fcmpg "fcmpg";
    0x97 Dcmpl "dcmpl"; 0x98 Dcmpg "dcmpg";
    0x99 Ifeq "ifeq" branch2; 0x9a Ifne "ifne" branch2; 0x9b Iflt "iflt" branch2;
    0x9c Ifge "ifge" branch2; 0x9d Ifgt "ifgt" branch2; 0x9e Ifle "ifle" branch2;
    0x9f IfIcmpeq "if_icmpeq" branch2; 0xa0 IfIcmpne "if_icmpne" branch2;
    0xa1 IfIcmplt "if_icmplt" branch2; 0xa2 IfIcmpge "if_icmpge" branch2;
    0xa3 IfIcmpgt "if_icmpgt" branch2; 0xa4 IfIcmple "if_icmple" branch2;
    0xa5 IfAcmpeq "if_acmpeq" branch2; 0xa6 IfAcmpne "if_acmpne" branch2;
    0xa7 Goto "goto" branch2; 0xa8 Jsr "jsr" branch2; 0xa9 Ret "ret" local;
    0xaa Tableswitch "tableswitch" tableswitch; 0xab Lookupswitch "lookupswitch" lookupswitch;
    0xac Ireturn "ireturn"; 0xad Lreturn "lreturn"; 0xae Freturn "freturn";
    0xaf Dreturn "dreturn"; 0xb0 Areturn "areturn"; 0xb1 Return "return";
    0xb2 Getstatic "getstatic" cp2; 0xb3 Putstatic "putstatic" cp2;
    0xb4 Getfield "getfield" cp2; 0xb5 Putfield "putfield" cp2;
    0xb6 Invokevirtual "invokevirtual" cp2; 0xb7 Invokespecial "invokespecial" cp2;
    0xb8 Invokestatic "invokestatic" cp2; 0xb9 Invokeinterface "invokeinterface" invokeinterface;
    0xba Invokedynamic "invokedynamic" indy;
    0xbb New "new" cp2; 0xbc Newarray "newarray" atype; 0xbd Anewarray "anewarray" cp2;
    0xbe Arraylength "arraylength"; 0xbf Athrow "athrow";
    0xc0 Checkcast "checkcast" cp2; 0xc1 Instanceof "instanceof" cp2;
    0xc2 Monitorenter "monitorenter"; 0xc3 Monitorexit "monitorexit";
    0xc5 Multianewarray "multianewarray" multianewarray;
    0xc6 Ifnull "ifnull" branch2; 0xc7 Ifnonnull "ifnonnull" branch2;
    0xc8 GotoW "goto_w" branch4; 0xc9 JsrW "jsr_w" branch4;
}

/// Reads the operands of one instruction.
struct Decoder<'a> {
    code: &'a [u8],
    /// pc of the opcode.
    pc: usize,
    /// Next unread byte.
    next: usize,
    wide: bool,
}

impl<'a> Decoder<'a> {
    #[cold]
    #[inline(never)]
    fn error(&self, message: &str) -> ClassFileError {
        ClassFileError::code(self.pc as u32, "4.9.1", message.to_string())
    }

    #[inline(always)]
    fn take(&mut self, n: usize) -> Result<&'a [u8], ClassFileError> {
        match self.code.get(self.next..self.next + n) {
            Some(s) => {
                self.next += n;
                Ok(s)
            }
            None => Err(self.error("instruction operands run past the end of the code")),
        }
    }

    #[inline(always)]
    fn u1(&mut self) -> Result<u8, ClassFileError> {
        Ok(self.take(1)?[0])
    }

    #[inline(always)]
    fn u2(&mut self) -> Result<u16, ClassFileError> {
        Ok(be_u16(self.take(2)?, 0))
    }

    #[inline(always)]
    fn i4(&mut self) -> Result<i32, ClassFileError> {
        Ok(be_u32(self.take(4)?, 0) as i32)
    }

    #[inline(always)]
    fn target(&self, offset: i32) -> Result<u32, ClassFileError> {
        u32::try_from(self.pc as i64 + i64::from(offset))
            .map_err(|_| self.error(&format!("branch offset {offset} leads before the code")))
    }

    #[inline(always)]
    fn i8(&mut self) -> Result<i8, ClassFileError> {
        Ok(self.u1()? as i8)
    }

    #[inline(always)]
    fn i16(&mut self) -> Result<i16, ClassFileError> {
        Ok(self.u2()? as i16)
    }

    #[inline(always)]
    fn cp1(&mut self) -> Result<u16, ClassFileError> {
        Ok(u16::from(self.u1()?))
    }

    #[inline(always)]
    fn cp2(&mut self) -> Result<u16, ClassFileError> {
        self.u2()
    }

    #[inline(always)]
    fn local(&mut self) -> Result<u16, ClassFileError> {
        if self.wide { self.u2() } else { self.cp1() }
    }

    #[inline(always)]
    fn branch2(&mut self) -> Result<u32, ClassFileError> {
        let off = self.i16()?;
        self.target(i32::from(off))
    }

    #[inline(always)]
    fn branch4(&mut self) -> Result<u32, ClassFileError> {
        let off = self.i4()?;
        self.target(off)
    }

    #[inline(always)]
    fn atype(&mut self) -> Result<u8, ClassFileError> {
        self.u1()
    }

    #[inline(always)]
    fn indy(&mut self) -> Result<u16, ClassFileError> {
        let index = self.u2()?;
        if self.u2()? != 0 {
            return Err(self.error("invokedynamic's third and fourth operand bytes must be zero"));
        }
        Ok(index)
    }

    #[inline(always)]
    fn iinc(&mut self) -> Result<Iinc, ClassFileError> {
        if self.wide {
            Ok(Iinc {
                index: self.u2()?,
                delta: self.i16()?,
            })
        } else {
            Ok(Iinc {
                index: self.cp1()?,
                delta: i16::from(self.i8()?),
            })
        }
    }

    #[inline(always)]
    fn invokeinterface(&mut self) -> Result<InvokeInterface, ClassFileError> {
        let index = self.u2()?;
        let count = self.u1()?;
        if self.u1()? != 0 {
            return Err(self.error("invokeinterface's fourth operand byte must be zero"));
        }
        Ok(InvokeInterface { index, count })
    }

    #[inline(always)]
    fn multianewarray(&mut self) -> Result<MultiANewArray, ClassFileError> {
        Ok(MultiANewArray {
            index: self.u2()?,
            dimensions: self.u1()?,
        })
    }

    /// Skips the 0-3 padding bytes that align switch operands to a multiple of 4.
    #[inline(always)]
    fn pad(&mut self) -> Result<(), ClassFileError> {
        let pad = (4 - self.next % 4) % 4;
        self.take(pad).map(|_| ())
    }

    fn tableswitch(&mut self) -> Result<TableSwitch<'a>, ClassFileError> {
        self.pad()?;
        let default = self.i4()?;
        let default = self.target(default)?;
        let low = self.i4()?;
        let high = self.i4()?;
        if low > high {
            return Err(self.error(&format!(
                "tableswitch low {low} is greater than high {high}"
            )));
        }
        let n = (i64::from(high) - i64::from(low) + 1) as usize;
        // `take` checks n * 4 against the code length before anything is used.
        let offsets = self.take(n.saturating_mul(4))?;
        let pc = self.pc as u32;
        for c in offsets.chunks_exact(4) {
            self.target(i32::from_be_bytes([c[0], c[1], c[2], c[3]]))?;
        }
        Ok(TableSwitch {
            default,
            low,
            high,
            pc,
            offsets,
        })
    }

    fn lookupswitch(&mut self) -> Result<LookupSwitch<'a>, ClassFileError> {
        self.pad()?;
        let default = self.i4()?;
        let default = self.target(default)?;
        let npairs = self.i4()?;
        let Ok(n) = usize::try_from(npairs) else {
            return Err(self.error(&format!("lookupswitch npairs {npairs} is negative")));
        };
        let pairs = self.take(n.saturating_mul(8))?;
        for c in pairs.chunks_exact(8) {
            self.target(i32::from_be_bytes([c[4], c[5], c[6], c[7]]))?;
        }
        Ok(LookupSwitch {
            default,
            pc: self.pc as u32,
            pairs,
        })
    }
}

/// The array type `newarray` makes for `atype` (JVMS 6.5 newarray, table 6.5.newarray-A):
/// its descriptor and its Java name, e.g. `("[I", "int")` for 10; `None` outside 4..=11.
pub fn newarray_type(atype: u8) -> Option<(&'static str, &'static str)> {
    Some(match atype {
        4 => ("[Z", "boolean"),
        5 => ("[C", "char"),
        6 => ("[F", "float"),
        7 => ("[D", "double"),
        8 => ("[B", "byte"),
        9 => ("[S", "short"),
        10 => ("[I", "int"),
        11 => ("[J", "long"),
        _ => return None,
    })
}

/// Decodes the instruction at `pc`; returns it and the pc of the next one.
#[inline]
pub fn decode(code: &[u8], pc: usize) -> Result<(Instruction<'_>, usize), ClassFileError> {
    match code.get(pc) {
        None => Err(ClassFileError::code(
            pc as u32,
            "4.9.1",
            "no instruction at this pc".into(),
        )),
        Some(0xc4) => {
            if pc + 1 >= code.len() {
                return Err(ClassFileError::code(
                    pc as u32,
                    "4.9.1",
                    "wide at the end of the code".into(),
                ));
            }
            decode_at(code, pc + 1, true)
        }
        Some(_) => decode_at(code, pc, false),
    }
}

/// Iterator over `(pc, instruction)`; yields one error and stops on malformed code.
#[derive(Debug, Clone)]
pub struct Instructions<'a> {
    code: &'a [u8],
    pc: usize,
    failed: bool,
}

impl<'a> Instructions<'a> {
    /// Instructions of a `code` array, from pc 0.
    pub fn new(code: &'a [u8]) -> Self {
        Instructions {
            code,
            pc: 0,
            failed: false,
        }
    }
}

impl<'a> Iterator for Instructions<'a> {
    type Item = Result<(u32, Instruction<'a>), ClassFileError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.pc >= self.code.len() {
            return None;
        }
        let pc = self.pc;
        match decode(self.code, pc) {
            Ok((insn, next)) => {
                self.pc = next;
                Some(Ok((pc as u32, insn)))
            }
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_wide_and_switch_padding() {
        // 0: wide iinc 300 -2 ; 6: tableswitch (pad 1) default +20, low 1, high 2, +20, +20
        let mut code = vec![0xc4, 0x84, 0x01, 0x2c, 0xff, 0xfe, 0xaa, 0x00];
        for v in [20i32, 1, 2, 20, 20] {
            code.extend_from_slice(&v.to_be_bytes());
        }
        code.extend(std::iter::repeat_n(0u8, 6));
        code.push(0xb1);
        let insns: Vec<_> = Instructions::new(&code).map(|r| r.unwrap()).collect();
        assert_eq!(
            insns[0],
            (
                0,
                Instruction::Iinc(Iinc {
                    index: 300,
                    delta: -2
                })
            )
        );
        let Instruction::Tableswitch(t) = insns[1].1 else {
            panic!()
        };
        assert_eq!((t.default, t.low, t.high), (26, 1, 2));
        assert_eq!(t.targets().collect::<Vec<_>>(), vec![(1, 26), (2, 26)]);
        assert_eq!(insns[2].0, 28);
    }

    #[test]
    fn rejects_bad_code() {
        assert!(decode(&[0xca], 0).is_err());
        assert!(decode(&[0xc4, 0x60], 0).is_err());
        assert!(decode(&[0xa7, 0x80, 0x00], 0).is_err());
        assert!(decode(&[0x11, 0x00], 0).is_err());
        // lookupswitch with a huge npairs must fail without allocating.
        assert!(decode(&[0xab, 0, 0, 0, 0, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff], 0).is_err());
    }
}
