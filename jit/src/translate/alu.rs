//! Inline integer data processing: the data-processing group with
//! immediate and immediate-shifted operands, MOVW/MOVT/ADR, the common
//! multiplies, extends and bit-field instructions. Each mirrors the
//! interpreter handler named beside it; register-shifted operands, the
//! saturating and parallel instructions, flag-setting writes to PC and
//! PC writes other than data processing go to the helper.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::{I32, I64};
use cranelift_codegen::ir::{InstBuilder, MemFlagsData, Value};

use crate::runtime::CPU_GE;

use sim::decode::Insn;
use sim::interp::{DpOp as Dp, Op};

use super::{Done, Tr, VC};

#[derive(Clone, Copy)]
enum Ext {
    SByte,
    SHalf,
    UByte,
    UHalf,
}

impl Tr<'_, '_> {
    pub(super) fn lower_alu(&mut self, op: &Op) -> Option<Done> {
        use Insn::*;
        let dp_shi = |d, a: sim::decode::ArgSRrrShi| (d, a.s, a.rd, a.rn, Some(a), None);
        let dp_imm = |d, a: sim::decode::ArgSRriRot| (d, a.s, a.rd, a.rn, None, Some(a));
        if let Some((dp, a)) = shr_form(&op.insn) {
            // Register-shifted operands with PC are UNPREDICTABLE: the
            // helper raises UNDEFINED as the interpreter does.
            if a.rd == 15 || a.rm == 15 || a.rs == 15 || a.rn == 15 {
                return None;
            }
            let needs_sc = a.s != 0 && !is_arith(dp);
            let (m, amount) = (self.reg(a.rm), self.reg(a.rs));
            let (y, sc) = self.shift_reg(m, a.shty as u32, amount, needs_sc);
            let x = self.reg(a.rn);
            self.dp(dp, a.s != 0, a.rd, x, y, sc);
            return Some(Done::Continue);
        }
        let (dp, s, rd, rn, shi, imm) = match op.insn {
            AndRrri(a) => dp_shi(Dp::And, a),
            EorRrri(a) => dp_shi(Dp::Eor, a),
            SubRrri(a) => dp_shi(Dp::Sub, a),
            RsbRrri(a) => dp_shi(Dp::Rsb, a),
            AddRrri(a) => dp_shi(Dp::Add, a),
            AdcRrri(a) => dp_shi(Dp::Adc, a),
            SbcRrri(a) => dp_shi(Dp::Sbc, a),
            RscRrri(a) => dp_shi(Dp::Rsc, a),
            TstXrri(a) => dp_shi(Dp::Tst, a),
            TeqXrri(a) => dp_shi(Dp::Teq, a),
            CmpXrri(a) => dp_shi(Dp::Cmp, a),
            CmnXrri(a) => dp_shi(Dp::Cmn, a),
            OrrRrri(a) => dp_shi(Dp::Orr, a),
            MovRxri(a) => dp_shi(Dp::Mov, a),
            BicRrri(a) => dp_shi(Dp::Bic, a),
            MvnRxri(a) => dp_shi(Dp::Mvn, a),
            OrnRrri(a) => dp_shi(Dp::Orn, a),
            AndRri(a) => dp_imm(Dp::And, a),
            EorRri(a) => dp_imm(Dp::Eor, a),
            SubRri(a) => dp_imm(Dp::Sub, a),
            RsbRri(a) => dp_imm(Dp::Rsb, a),
            AddRri(a) => dp_imm(Dp::Add, a),
            AdcRri(a) => dp_imm(Dp::Adc, a),
            SbcRri(a) => dp_imm(Dp::Sbc, a),
            RscRri(a) => dp_imm(Dp::Rsc, a),
            TstXri(a) => dp_imm(Dp::Tst, a),
            TeqXri(a) => dp_imm(Dp::Teq, a),
            CmpXri(a) => dp_imm(Dp::Cmp, a),
            CmnXri(a) => dp_imm(Dp::Cmn, a),
            OrrRri(a) => dp_imm(Dp::Orr, a),
            MovRxi(a) => dp_imm(Dp::Mov, a),
            BicRri(a) => dp_imm(Dp::Bic, a),
            MvnRxi(a) => dp_imm(Dp::Mvn, a),
            OrnRri(a) => dp_imm(Dp::Orn, a),
            _ => return self.lower_alu_other(op),
        };
        let writes = !matches!(dp, Dp::Tst | Dp::Teq | Dp::Cmp | Dp::Cmn);
        // With S, a write to PC is an exception return (the helper traps
        // as the interpreter does).
        if writes && rd == 15 && s != 0 {
            return None;
        }
        let needs_sc = s != 0 && !is_arith(dp);
        let (y, sc) = if let Some(a) = shi {
            let v = self.reg(a.rm);
            self.shift_imm(v, a.shty as u32, a.shim as u32, needs_sc)
        } else {
            let a = imm.expect("one of the two forms");
            let y = self.b.ins().iconst(I32, a.imm as u32 as i64);
            let sc = if !needs_sc {
                None
            } else if a.rot != 0 {
                Some(self.b.ins().iconst(I32, (a.imm as u32 >> 31) as i64))
            } else {
                Some(self.flag(VC))
            };
            (y, sc)
        };
        let x = if matches!(dp, Dp::Mov | Dp::Mvn) {
            y
        } else {
            self.reg(rn)
        };
        let r = self.dp(dp, s != 0, rd, x, y, sc);
        if writes && rd == 15 {
            // ALUWritePC (`Exec::set_reg_alu`): a jump-table dispatch
            // such as `add pc, pc, r3, lsl #2` leaves through the
            // indirect-branch table instead of the helper.
            let (pc, th) = if self.blk.thumb {
                let pc = self.b.ins().band_imm_u(r, 0xffff_fffe_u32 as i64);
                (pc, self.b.ins().iconst(I32, 1))
            } else {
                self.bx_target(r)
            };
            self.exit_indirect(pc, th, op.it_next, self.cur + 1);
            return Some(Done::Terminated);
        }
        Some(Done::Continue)
    }

    /// The data-processing operations (interpreter: `Exec::dp`); returns
    /// the result, which the caller handles when `rd` is PC.
    fn dp(&mut self, dp: Dp, s: bool, rd: i32, x: Value, y: Value, sc: Option<Value>) -> Value {
        let (r, arith) = match dp {
            Dp::And | Dp::Tst => (self.b.ins().band(x, y), None),
            Dp::Eor | Dp::Teq => (self.b.ins().bxor(x, y), None),
            Dp::Orr => (self.b.ins().bor(x, y), None),
            Dp::Orn => (self.b.ins().bor_not(x, y), None),
            Dp::Mov => (y, None),
            Dp::Bic => (self.b.ins().band_not(x, y), None),
            Dp::Mvn => (self.b.ins().bnot(y), None),
            // A subtraction's flags come from its operands
            // (`set_flags_sub`).
            Dp::Sub | Dp::Cmp => (self.b.ins().isub(x, y), None),
            Dp::Rsb => (self.b.ins().isub(y, x), None),
            Dp::Add | Dp::Cmn => self.add(x, y, s),
            Dp::Adc => {
                let c = self.flag(VC);
                self.add_with_carry(x, y, c, s)
            }
            Dp::Sbc => {
                let ny = self.b.ins().bnot(y);
                let c = self.flag(VC);
                self.add_with_carry(x, ny, c, s)
            }
            Dp::Rsc => {
                let nx = self.b.ins().bnot(x);
                let c = self.flag(VC);
                self.add_with_carry(nx, y, c, s)
            }
        };
        if s {
            match (dp, arith) {
                (Dp::Sub | Dp::Cmp, _) => self.set_flags_sub(x, y),
                (Dp::Rsb, _) => self.set_flags_sub(y, x),
                (_, Some((c, v))) => self.set_nz(r, Some(c), Some(v)),
                (_, None) => {
                    let sc = sc.expect("shifter carry computed for S logical ops");
                    self.set_nz(r, Some(sc), None);
                }
            }
        }
        if s && self.depth == 0 {
            // Conditions right after this can compare the operands.
            self.last_cmp = match dp {
                Dp::Sub | Dp::Cmp => Some((x, y)),
                Dp::Rsb => Some((y, x)),
                _ => None,
            };
        }
        let writes = !matches!(dp, Dp::Tst | Dp::Teq | Dp::Cmp | Dp::Cmn);
        if writes && rd != 15 {
            self.set(rd as usize, r);
        }
        r
    }

    /// AddWithCarry(x, y, 0).
    fn add(&mut self, x: Value, y: Value, flags: bool) -> (Value, Option<(Value, Value)>) {
        let r = self.b.ins().iadd(x, y);
        if !flags {
            return (r, None);
        }
        let c = self.b.ins().icmp(IntCC::UnsignedLessThan, r, x);
        let c = self.b.ins().uextend(I32, c);
        let v = self.add_overflow(x, y, r);
        (r, Some((c, v)))
    }

    /// V of an addition `x + y (+ carry) = r`: both operands' signs
    /// differ from the result's.
    fn add_overflow(&mut self, x: Value, y: Value, r: Value) -> Value {
        let xr = self.b.ins().bxor(x, r);
        let yr = self.b.ins().bxor(y, r);
        let v = self.b.ins().band(xr, yr);
        self.b.ins().ushr_imm_u(v, 31)
    }

    /// AddWithCarry: (result, Some((carry, overflow))) when `flags`.
    fn add_with_carry(
        &mut self,
        x: Value,
        y: Value,
        cin: Value,
        flags: bool,
    ) -> (Value, Option<(Value, Value)>) {
        if !flags {
            let r = self.b.ins().iadd(x, y);
            let r = self.b.ins().iadd(r, cin);
            return (r, None);
        }
        let x64 = self.b.ins().uextend(I64, x);
        let y64 = self.b.ins().uextend(I64, y);
        let c64 = self.b.ins().uextend(I64, cin);
        let sum = self.b.ins().iadd(x64, y64);
        let sum = self.b.ins().iadd(sum, c64);
        let r = self.b.ins().ireduce(I32, sum);
        let c = self.b.ins().ushr_imm_u(sum, 32);
        let c = self.b.ins().ireduce(I32, c);
        let v = self.add_overflow(x, y, r);
        (r, Some((c, v)))
    }

    /// Shift_C by an immediate (interpreter: `shift_imm_c`); the carry
    /// is computed only when asked for.
    pub(super) fn shift_imm(
        &mut self,
        v: Value,
        ty: u32,
        amount: u32,
        carry: bool,
    ) -> (Value, Option<Value>) {
        let bit = |t: &mut Self, n: u32| {
            let s = t.b.ins().ushr_imm_u(v, n as i64);
            t.b.ins().band_imm_u(s, 1)
        };
        let (r, c) = match (ty, amount) {
            (0, 0) => (v, carry.then(|| self.flag(VC))),
            (0, n) => (
                self.b.ins().ishl_imm_u(v, n as i64),
                carry.then(|| bit(self, 32 - n)),
            ),
            (1, 0) => (
                self.b.ins().iconst(I32, 0),
                carry.then(|| self.b.ins().ushr_imm_u(v, 31)),
            ),
            (1, n) => (
                self.b.ins().ushr_imm_u(v, n as i64),
                carry.then(|| bit(self, n - 1)),
            ),
            (2, 0) => (
                self.b.ins().sshr_imm_u(v, 31),
                carry.then(|| self.b.ins().ushr_imm_u(v, 31)),
            ),
            (2, n) => (
                self.b.ins().sshr_imm_u(v, n as i64),
                carry.then(|| bit(self, n - 1)),
            ),
            (_, 0) => {
                let c = self.flag(VC);
                let hi = self.b.ins().ishl_imm_u(c, 31);
                let lo = self.b.ins().ushr_imm_u(v, 1);
                (
                    self.b.ins().bor(hi, lo),
                    carry.then(|| self.b.ins().band_imm_u(v, 1)),
                )
            }
            (_, n) => (
                self.b.ins().rotr_imm_u(v, n as i64),
                carry.then(|| bit(self, n - 1)),
            ),
        };
        (r, c)
    }

    /// Shift_C by a register (interpreter: `shift_reg_c`): the bottom
    /// byte of `amount`, with the out-of-range cases as selects.
    fn shift_reg(
        &mut self,
        v: Value,
        ty: u32,
        amount: Value,
        carry: bool,
    ) -> (Value, Option<Value>) {
        let amt = self.b.ins().band_imm_u(amount, 0xff);
        let zero = self.b.ins().iconst(I32, 0);
        let lt32 = self.b.ins().icmp_imm_u(IntCC::UnsignedLessThan, amt, 32);
        let bit_at = |t: &mut Self, n: Value| {
            let s = t.b.ins().ushr(v, n);
            t.b.ins().band_imm_u(s, 1)
        };
        let (r, c) = match ty {
            0 => {
                let sh = self.b.ins().ishl(v, amt);
                let r = self.b.ins().select(lt32, sh, zero);
                let c = carry.then(|| {
                    // Bit 32-amount of v, for amounts 1..=32.
                    let v64 = self.b.ins().uextend(I64, v);
                    let a64 = self.b.ins().uextend(I64, amt);
                    let w = self.b.ins().ishl(v64, a64);
                    let w = self.b.ins().ushr_imm_u(w, 32);
                    let w = self.b.ins().ireduce(I32, w);
                    let bit = self.b.ins().band_imm_u(w, 1);
                    let le32 = self
                        .b
                        .ins()
                        .icmp_imm_u(IntCC::UnsignedLessThanOrEqual, amt, 32);
                    self.b.ins().select(le32, bit, zero)
                });
                (r, c)
            }
            1 => {
                let sh = self.b.ins().ushr(v, amt);
                let r = self.b.ins().select(lt32, sh, zero);
                let c = carry.then(|| {
                    let n = self.b.ins().iadd_imm_s(amt, -1);
                    let bit = bit_at(self, n);
                    let le32 = self
                        .b
                        .ins()
                        .icmp_imm_u(IntCC::UnsignedLessThanOrEqual, amt, 32);
                    self.b.ins().select(le32, bit, zero)
                });
                (r, c)
            }
            2 => {
                let k31 = self.b.ins().iconst(I32, 31);
                let n = self.b.ins().umin(amt, k31);
                let r = self.b.ins().sshr(v, n);
                let c = carry.then(|| {
                    let k32 = self.b.ins().iconst(I32, 32);
                    let n = self.b.ins().umin(amt, k32);
                    let n = self.b.ins().iadd_imm_s(n, -1);
                    bit_at(self, n)
                });
                (r, c)
            }
            _ => {
                let r = self.b.ins().rotr(v, amt);
                let c = carry.then(|| {
                    let n = self.b.ins().iadd_imm_s(amt, -1);
                    let n = self.b.ins().band_imm_u(n, 31);
                    bit_at(self, n)
                });
                (r, c)
            }
        };
        // A zero amount leaves the carry alone.
        let c = c.map(|c| {
            let cin = self.flag(VC);
            let is0 = self.b.ins().icmp_imm_u(IntCC::Equal, amt, 0);
            self.b.ins().select(is0, cin, c)
        });
        (r, c)
    }

    fn lower_alu_other(&mut self, op: &Op) -> Option<Done> {
        use Insn::*;
        match op.insn {
            Movw(a) if a.rd != 15 => {
                let v = self.b.ins().iconst(I32, (a.imm as u32 & 0xffff) as i64);
                self.set(a.rd as usize, v);
            }
            Movt(a) if a.rd != 15 => {
                let r = self.reg(a.rd);
                let lo = self.b.ins().band_imm_u(r, 0xffff);
                let v = self.b.ins().bor_imm_u(lo, ((a.imm as u32) << 16) as i64);
                self.set(a.rd as usize, v);
            }
            Adr(a) if a.rd != 15 => {
                let v = (self.pc_read() & !3).wrapping_add(a.imm as u32);
                let v = self.b.ins().iconst(I32, v as i64);
                self.set(a.rd as usize, v);
            }
            Mul(a) | Mla(a) if a.rd != 15 => {
                let (n, m) = (self.reg(a.rn), self.reg(a.rm));
                let mut r = self.b.ins().imul(n, m);
                if matches!(op.insn, Mla(_)) {
                    let acc = self.reg(a.ra);
                    r = self.b.ins().iadd(r, acc);
                }
                if a.s != 0 {
                    self.set_nz(r, None, None);
                }
                self.set(a.rd as usize, r);
            }
            Mls(a) if a.rd != 15 => {
                let (n, m, acc) = (self.reg(a.rn), self.reg(a.rm), self.reg(a.ra));
                let p = self.b.ins().imul(n, m);
                let r = self.b.ins().isub(acc, p);
                self.set(a.rd as usize, r);
            }
            Umull(a) | Smull(a) | Umlal(a) | Smlal(a) if a.rdlo != 15 && a.rdhi != 15 => {
                let signed = matches!(op.insn, Smull(_) | Smlal(_));
                let (n, m) = (self.reg(a.rn), self.reg(a.rm));
                let (n, m) = if signed {
                    (self.b.ins().sextend(I64, n), self.b.ins().sextend(I64, m))
                } else {
                    (self.b.ins().uextend(I64, n), self.b.ins().uextend(I64, m))
                };
                let mut r = self.b.ins().imul(n, m);
                if matches!(op.insn, Umlal(_) | Smlal(_)) {
                    let lo = self.reg(a.rdlo);
                    let hi = self.reg(a.rdhi);
                    let lo = self.b.ins().uextend(I64, lo);
                    let hi = self.b.ins().uextend(I64, hi);
                    let hi = self.b.ins().ishl_imm_u(hi, 32);
                    let acc = self.b.ins().bor(hi, lo);
                    r = self.b.ins().iadd(r, acc);
                }
                if a.s != 0 {
                    let n = self.b.ins().ushr_imm_u(r, 63);
                    let n = self.b.ins().ireduce(I32, n);
                    let z = self.b.ins().icmp_imm_u(IntCC::Equal, r, 0);
                    let z = self.b.ins().uextend(I32, z);
                    self.set_flags([Some(n), Some(z), None, None]);
                }
                let lo = self.b.ins().ireduce(I32, r);
                let hi = self.b.ins().ushr_imm_u(r, 32);
                let hi = self.b.ins().ireduce(I32, hi);
                // Interpreter order: RdLo, then RdHi (RdHi wins if equal).
                self.set(a.rdlo as usize, lo);
                self.set(a.rdhi as usize, hi);
            }
            Sxtab(a) | Sxtah(a) | Uxtab(a) | Uxtah(a) if a.rd != 15 => {
                let ext = match op.insn {
                    Sxtab(_) => Ext::SByte,
                    Sxtah(_) => Ext::SHalf,
                    Uxtab(_) => Ext::UByte,
                    _ => Ext::UHalf,
                };
                let m = self.reg(a.rm);
                let v = if a.rot != 0 {
                    self.b.ins().rotr_imm_u(m, 8 * a.rot as i64)
                } else {
                    m
                };
                let v = match ext {
                    Ext::SByte => {
                        let t = self.b.ins().ireduce(cranelift_codegen::ir::types::I8, v);
                        self.b.ins().sextend(I32, t)
                    }
                    Ext::SHalf => {
                        let t = self.b.ins().ireduce(cranelift_codegen::ir::types::I16, v);
                        self.b.ins().sextend(I32, t)
                    }
                    Ext::UByte => self.b.ins().band_imm_u(v, 0xff),
                    Ext::UHalf => self.b.ins().band_imm_u(v, 0xffff),
                };
                let r = if a.rn == 15 {
                    v
                } else {
                    let n = self.reg(a.rn);
                    self.b.ins().iadd(n, v)
                };
                self.set(a.rd as usize, r);
            }
            Clz(a) | Rev(a) | Rev16(a) | Rbit(a) if a.rd != 15 => {
                let v = self.reg(a.rm);
                let r = match op.insn {
                    Clz(_) => self.b.ins().clz(v),
                    Rev(_) => self.b.ins().bswap(v),
                    Rbit(_) => self.b.ins().bitrev(v),
                    _ => {
                        let lo = self.b.ins().band_imm_u(v, 0x00ff_00ff);
                        let lo = self.b.ins().ishl_imm_u(lo, 8);
                        let hi = self.b.ins().ushr_imm_u(v, 8);
                        let hi = self.b.ins().band_imm_u(hi, 0x00ff_00ff);
                        self.b.ins().bor(lo, hi)
                    }
                };
                self.set(a.rd as usize, r);
            }
            Ubfx(a) | Sbfx(a) if a.rd != 15 && a.lsb + a.widthm1 < 32 => {
                let (lsb, width) = (a.lsb as i64, a.widthm1 as i64 + 1);
                let n = self.reg(a.rn);
                let v = self.b.ins().ishl_imm_u(n, 32 - lsb - width);
                let r = if matches!(op.insn, Sbfx(_)) {
                    self.b.ins().sshr_imm_u(v, 32 - width)
                } else {
                    self.b.ins().ushr_imm_u(v, 32 - width)
                };
                self.set(a.rd as usize, r);
            }
            Bfi(a) | Bfc(a) if a.rd != 15 && a.msb >= a.lsb => {
                let (lsb, msb) = (a.lsb as u32, a.msb as u32);
                let mask = (u32::MAX >> (31 - (msb - lsb))) << lsb;
                let d = self.reg(a.rd);
                let kept = self.b.ins().band_imm_u(d, !mask as i64);
                let r = if a.rn == 15 {
                    kept
                } else {
                    let n = self.reg(a.rn);
                    let src = self.b.ins().ishl_imm_u(n, lsb as i64);
                    let src = self.b.ins().band_imm_u(src, mask as i64);
                    self.b.ins().bor(kept, src)
                };
                self.set(a.rd as usize, r);
            }
            // UADD8 and SEL: the pair glibc's string functions use.
            Uadd8(a) if a.rd != 15 => {
                let (n, m) = (self.reg(a.rn), self.reg(a.rm));
                let nl = self.b.ins().band_imm_u(n, 0x7f7f_7f7f);
                let ml = self.b.ins().band_imm_u(m, 0x7f7f_7f7f);
                let low = self.b.ins().iadd(nl, ml);
                let x = self.b.ins().bxor(n, m);
                let top = self.b.ins().band_imm_u(x, 0x8080_8080);
                let r = self.b.ins().bxor(low, top);
                // Carry out of each byte: (n & m) | ((n | m) & !r) at bit 7.
                let both = self.b.ins().band(n, m);
                let either = self.b.ins().bor(n, m);
                let lost = self.b.ins().band_not(either, r);
                let c = self.b.ins().bor(both, lost);
                let mut ge = self.b.ins().iconst(I32, 0);
                for i in 0..4 {
                    let bit = self.b.ins().ushr_imm_u(c, 8 * i + 7 - i);
                    let bit = self.b.ins().band_imm_u(bit, 1 << i);
                    ge = self.b.ins().bor(ge, bit);
                }
                self.b
                    .ins()
                    .store(MemFlagsData::trusted(), ge, self.cpu, CPU_GE);
                self.set(a.rd as usize, r);
            }
            Sel(a) if a.rd != 15 => {
                let (n, m) = (self.reg(a.rn), self.reg(a.rm));
                let ge = self
                    .b
                    .ins()
                    .load(I32, MemFlagsData::trusted(), self.cpu, CPU_GE);
                let t = self.b.ins().band_imm_u(ge, 0xf);
                // GE bit i to byte i: bit i lands on 8i, then 0x01 -> 0xff.
                let spread = self.b.ins().imul_imm_u(t, 0x0020_4081);
                let ones = self.b.ins().band_imm_u(spread, 0x0101_0101);
                let mask = self.b.ins().imul_imm_u(ones, 0xff);
                let keep = self.b.ins().band(n, mask);
                let other = self.b.ins().band_not(m, mask);
                let r = self.b.ins().bor(keep, other);
                self.set(a.rd as usize, r);
            }
            _ => return None,
        }
        Some(Done::Continue)
    }
}

/// The register-shifted-register forms.
fn shr_form(insn: &Insn) -> Option<(Dp, sim::decode::ArgSRrrShr)> {
    use Insn::*;
    Some(match *insn {
        AndRrrr(a) => (Dp::And, a),
        EorRrrr(a) => (Dp::Eor, a),
        SubRrrr(a) => (Dp::Sub, a),
        RsbRrrr(a) => (Dp::Rsb, a),
        AddRrrr(a) => (Dp::Add, a),
        AdcRrrr(a) => (Dp::Adc, a),
        SbcRrrr(a) => (Dp::Sbc, a),
        RscRrrr(a) => (Dp::Rsc, a),
        TstXrrr(a) => (Dp::Tst, a),
        TeqXrrr(a) => (Dp::Teq, a),
        CmpXrrr(a) => (Dp::Cmp, a),
        CmnXrrr(a) => (Dp::Cmn, a),
        OrrRrrr(a) => (Dp::Orr, a),
        MovRxrr(a) => (Dp::Mov, a),
        BicRrrr(a) => (Dp::Bic, a),
        MvnRxrr(a) => (Dp::Mvn, a),
        _ => return None,
    })
}

fn is_arith(dp: Dp) -> bool {
    matches!(
        dp,
        Dp::Sub | Dp::Rsb | Dp::Add | Dp::Adc | Dp::Sbc | Dp::Rsc | Dp::Cmp | Dp::Cmn
    )
}
