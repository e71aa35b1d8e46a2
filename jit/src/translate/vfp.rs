//! Inline VFP: VLDR/VSTR, the register moves and sign operations, and
//! VADD/VSUB/VMUL/VDIV/VMLA/VMLS in single and double precision.
//!
//! Host IEEE arithmetic gives ARM's result exactly when nothing ARM-specific
//! can happen, so the arithmetic runs inline only under a guard, and the
//! interpreter's soft-float (through the helper) takes every other case:
//! - FPSCR: round to nearest, FZ and DN clear, no short vectors;
//! - IXC already set, or the result exact (so IXC would not change);
//! - every rounded result is normal and above the smallest normal (no
//!   tininess before rounding, no overflow, no NaN or infinity, no
//!   division by zero), or an exact zero from an addition.
//!
//! Then no other cumulative flag can be raised and no NaN rules apply.

use std::mem::offset_of;

use cranelift_codegen::ir::condcodes::FloatCC;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::{F32, F64, I32, I64};
use cranelift_codegen::ir::{InstBuilder, MemFlagsData, Type, Value};

use sim::cpu::{CpuState, VfpRegs};
use sim::decode::Insn;
use sim::interp::Op;

use super::{flags, guest_flags, Done, Span, Tr};

const D_OFF: i32 = (offset_of!(CpuState, vfp) + offset_of!(VfpRegs, d)) as i32;
const FPSCR_OFF: i32 = (offset_of!(CpuState, vfp) + offset_of!(VfpRegs, fpscr)) as i32;
/// FPSCR fields that must hold `GUARD_WANT` for the inline arithmetic: DN,
/// FZ, RMode, Stride, Len, and IXC.
const GUARD_MASK: u32 = 0x03f7_0010;
const IXC: u32 = 0x10;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Arith {
    Add,
    Sub,
    Mul,
    Div,
    Mla,
    Mls,
}

/// Byte offset in `CpuState` of S`n` (single) or D`n` (double).
fn vreg(n: i32, double: bool) -> i32 {
    D_OFF + if double { 8 * n } else { 4 * n }
}

impl Tr<'_, '_> {
    pub(super) fn lower_vfp(&mut self, op: &Op) -> Option<Done> {
        use Insn::*;
        match op.insn {
            VldrSp(a) | VldrDp(a) | VstrSp(a) | VstrDp(a) => {
                let double = matches!(op.insn, VldrDp(_) | VstrDp(_));
                let load = matches!(op.insn, VldrSp(_) | VldrDp(_));
                let base = self.base_reg(a.rn);
                let addr = if a.u != 0 {
                    self.b.ins().iadd_imm_u(base, a.imm as u32 as i64)
                } else {
                    self.b.ins().iadd_imm_s(base, -(a.imm as u32 as i64))
                };
                let size = if double { 8 } else { 4 };
                let ok = Span::new(addr, size, !load);
                let ty = if double { I64 } else { I32 };
                let off = vreg(a.vd, double);
                Some(self.guarded(op, ok, |t| {
                    let host = t.host(addr);
                    if load {
                        let v = t.b.ins().load(ty, guest_flags(), host, 0);
                        t.b.ins().store(flags(), v, t.cpu, off);
                    } else {
                        let v = t.b.ins().load(ty, flags(), t.cpu, off);
                        t.b.ins().store(guest_flags(), v, host, 0);
                    }
                    Done::Continue
                }))
            }
            VldmSp(a) | VldmDp(a) | VstmSp(a) | VstmDp(a) => {
                let double = matches!(op.insn, VldmDp(_) | VstmDp(_));
                let load = matches!(op.insn, VldmSp(_) | VldmDp(_));
                self.vfp_multiple(op, load, double, a)
            }
            VldMulti(a) | VstMulti(a) => self.neon_ls1(op, matches!(op.insn, VldMulti(_)), a),
            VmovRegSp(a) | VabsSp(a) | VnegSp(a) => {
                self.vfp_bits(a.vd, a.vm, false, &op.insn);
                Some(Done::Continue)
            }
            VmovRegDp(a) | VabsDp(a) | VnegDp(a) => {
                self.vfp_bits(a.vd, a.vm, true, &op.insn);
                Some(Done::Continue)
            }
            VaddSp(a) => self.vfp_arith(op, Arith::Add, false, a.vd, a.vn, a.vm),
            VsubSp(a) => self.vfp_arith(op, Arith::Sub, false, a.vd, a.vn, a.vm),
            VmulSp(a) => self.vfp_arith(op, Arith::Mul, false, a.vd, a.vn, a.vm),
            VdivSp(a) => self.vfp_arith(op, Arith::Div, false, a.vd, a.vn, a.vm),
            VmlaSp(a) => self.vfp_arith(op, Arith::Mla, false, a.vd, a.vn, a.vm),
            VmlsSp(a) => self.vfp_arith(op, Arith::Mls, false, a.vd, a.vn, a.vm),
            VaddDp(a) => self.vfp_arith(op, Arith::Add, true, a.vd, a.vn, a.vm),
            VsubDp(a) => self.vfp_arith(op, Arith::Sub, true, a.vd, a.vn, a.vm),
            VmulDp(a) => self.vfp_arith(op, Arith::Mul, true, a.vd, a.vn, a.vm),
            VdivDp(a) => self.vfp_arith(op, Arith::Div, true, a.vd, a.vn, a.vm),
            VmlaDp(a) => self.vfp_arith(op, Arith::Mla, true, a.vd, a.vn, a.vm),
            VmlsDp(a) => self.vfp_arith(op, Arith::Mls, true, a.vd, a.vn, a.vm),
            _ => None,
        }
    }

    /// VLDM/VSTM (VPUSH/VPOP); interpreter: `vldm_vstm`.
    fn vfp_multiple(
        &mut self,
        op: &Op,
        load: bool,
        double: bool,
        a: sim::decode::ArgVldmVstm,
    ) -> Option<Done> {
        let words = a.imm as u32;
        let regs = if double { words / 2 } else { words };
        let limit = if double { 32 } else { 64 };
        let w = a.w != 0;
        if regs == 0 || a.vd as u32 + regs > limit || (double && regs > 16) || (w && a.rn == 15) {
            return None;
        }
        let base = self.reg(a.rn);
        let (start, wb) = if a.u != 0 {
            (base, self.b.ins().iadd_imm_u(base, 4 * words as i64))
        } else {
            let s = self.b.ins().iadd_imm_s(base, -(4 * words as i64));
            (s, s)
        };
        let ok = Span::new(start, 4 * words, !load);
        let (ty, size) = if double { (I64, 8) } else { (I32, 4) };
        Some(self.guarded(op, ok, |t| {
            let host = t.host(start);
            for i in 0..regs as i32 {
                let off = vreg(a.vd + i, double);
                if load {
                    let v = t.b.ins().load(ty, guest_flags(), host, size * i);
                    t.b.ins().store(flags(), v, t.cpu, off);
                } else {
                    let v = t.b.ins().load(ty, flags(), t.cpu, off);
                    t.b.ins().store(guest_flags(), v, host, size * i);
                }
            }
            if w {
                t.set(a.rn as usize, wb);
            }
            Done::Continue
        }))
    }

    /// VLD1/VST1 (multiple single elements) of one to four registers: in
    /// little-endian memory every element size moves the same bytes, so
    /// the registers are copied whole. Interleaving forms (VLD2-VLD4) and
    /// the UNDEFINED cases go to the helper; interpreter: `neon_ls_multi`.
    fn neon_ls1(&mut self, op: &Op, load: bool, a: sim::decode::ArgNlsMulti) -> Option<Done> {
        let s = sim::interp::multi_shape(a.itype as u32, a.size as u32, a.align as u32)?;
        if s.n != 1 || a.rn == 15 || a.vd as u32 + s.regs > 32 {
            return None;
        }
        let bytes = 8 * s.regs;
        let base = self.reg(a.rn);
        let step = match a.rm {
            15 => None,
            13 => Some(self.b.ins().iconst(I32, bytes as i64)),
            rm => Some(self.reg(rm)),
        };
        let ok = Span {
            align: s.alignment,
            ..Span::new(base, bytes, !load)
        };
        Some(self.guarded(op, ok, |t| {
            let host = t.host(base);
            for i in 0..s.regs as i32 {
                let off = vreg(a.vd + i, true);
                if load {
                    let v = t.b.ins().load(I64, guest_flags(), host, 8 * i);
                    t.b.ins().store(flags(), v, t.cpu, off);
                } else {
                    let v = t.b.ins().load(I64, flags(), t.cpu, off);
                    t.b.ins().store(guest_flags(), v, host, 8 * i);
                }
            }
            if let Some(step) = step {
                let wb = t.b.ins().iadd(base, step);
                t.set(a.rn as usize, wb);
            }
            Done::Continue
        }))
    }

    /// VMOV (register), VABS, VNEG: bit operations that never raise
    /// exceptions (FPAbs and FPNeg touch only the sign).
    fn vfp_bits(&mut self, vd: i32, vm: i32, double: bool, insn: &Insn) {
        let ty = if double { I64 } else { I32 };
        let sign: u64 = if double { 1 << 63 } else { 1 << 31 };
        let v = self.b.ins().load(ty, flags(), self.cpu, vreg(vm, double));
        let r = match insn {
            Insn::VabsSp(_) | Insn::VabsDp(_) => {
                self.b.ins().band_imm_u(v, (!sign & mask(double)) as i64)
            }
            Insn::VnegSp(_) | Insn::VnegDp(_) => self.b.ins().bxor_imm_u(v, sign as i64),
            _ => v,
        };
        self.b.ins().store(flags(), r, self.cpu, vreg(vd, double));
    }

    fn vfp_arith(
        &mut self,
        op: &Op,
        kind: Arith,
        double: bool,
        vd: i32,
        vn: i32,
        vm: i32,
    ) -> Option<Done> {
        let ty: Type = if double { F64 } else { F32 };
        let fpscr = self.b.ins().load(I32, flags(), self.cpu, FPSCR_OFF);
        let g = self.b.ins().band_imm_u(fpscr, (GUARD_MASK & !IXC) as i64);
        let mode_ok = self.b.ins().icmp_imm_u(IntCC::Equal, g, 0);
        let ixc = self.b.ins().band_imm_u(fpscr, IXC as i64);
        let ixc = self.b.ins().icmp_imm_u(IntCC::NotEqual, ixc, 0);
        let n = self.b.ins().load(ty, flags(), self.cpu, vreg(vn, double));
        let m = self.b.ins().load(ty, flags(), self.cpu, vreg(vm, double));
        // (result, product for the accumulating forms, addend, subtrahend)
        let (r, p, sum) = match kind {
            Arith::Add => (self.b.ins().fadd(n, m), None, Some((n, m, false))),
            Arith::Sub => (self.b.ins().fsub(n, m), None, Some((n, m, true))),
            Arith::Mul => (self.b.ins().fmul(n, m), None, None),
            Arith::Div => (self.b.ins().fdiv(n, m), None, None),
            Arith::Mla | Arith::Mls => {
                let p = self.b.ins().fmul(n, m);
                let d = self.b.ins().load(ty, flags(), self.cpu, vreg(vd, double));
                let r = if kind == Arith::Mla {
                    self.b.ins().fadd(d, p)
                } else {
                    self.b.ins().fsub(d, p)
                };
                (r, Some(p), Some((d, p, kind == Arith::Mls)))
            }
        };
        let mut ok = mode_ok;
        if let Some(p) = p {
            let pn = self.fp_normal(p, double);
            ok = self.b.ins().band(ok, pn);
        }
        let mut rok = self.fp_normal(r, double);
        if sum.is_some() {
            // An exact zero sum raises nothing.
            let zero = if double {
                self.b.ins().f64const(0.0)
            } else {
                self.b.ins().f32const(0.0)
            };
            let z = self.b.ins().fcmp(FloatCC::Equal, r, zero);
            rok = self.b.ins().bor(rok, z);
        }
        let ok = self.b.ins().band(ok, rok);

        // Branches: ok -> (IXC set -> store | exactness test -> store or
        // slow) | slow. The exactness test only runs while IXC is clear.
        let check_ixc = self.b.create_block();
        let exact_b = self.b.create_block();
        let fast = self.b.create_block();
        let slow = self.b.create_block();
        let join = self.b.create_block();
        self.b.ins().brif(ok, check_ixc, &[], slow, &[]);
        self.b.switch_to_block(check_ixc);
        self.b.ins().brif(ixc, fast, &[], exact_b, &[]);
        self.b.switch_to_block(exact_b);
        let exact = match kind {
            Arith::Div => self.b.ins().iconst(cranelift_codegen::ir::types::I8, 0),
            Arith::Mul => self.product_exact(n, m, double),
            _ => {
                let (a, b, negate) = sum.expect("sums have operands");
                let b = if negate { self.b.ins().fneg(b) } else { b };
                let se = self.sum_exact(a, b, r);
                if p.is_some() {
                    let pe = self.product_exact(n, m, double);
                    self.b.ins().band(se, pe)
                } else {
                    se
                }
            }
        };
        self.b.ins().brif(exact, fast, &[], slow, &[]);
        self.b.switch_to_block(fast);
        self.b.ins().store(flags(), r, self.cpu, vreg(vd, double));
        self.b.ins().jump(join, &[]);
        self.b.switch_to_block(slow);
        self.depth += 1;
        self.exit_slow(op);
        self.depth -= 1;
        self.b.switch_to_block(join);
        Some(Done::Continue)
    }

    /// TwoSum: whether `r`, the rounded `a + b`, is exact (valid when `r`
    /// is finite, which the caller checks).
    fn sum_exact(&mut self, a: Value, b: Value, r: Value) -> Value {
        let bv = self.b.ins().fsub(r, a);
        let av = self.b.ins().fsub(r, bv);
        let ea = self.b.ins().fsub(a, av);
        let eb = self.b.ins().fsub(b, bv);
        let err = self.b.ins().fadd(ea, eb);
        let ty = self.b.func.dfg.value_type(r);
        let zero = if ty == F64 {
            self.b.ins().f64const(0.0)
        } else {
            self.b.ins().f32const(0.0)
        };
        self.b.ins().fcmp(FloatCC::Equal, err, zero)
    }

    /// Whether the product of two normal numbers is exact: the product of
    /// their significands with trailing zeros removed fits the format's
    /// significand (the exponent range is checked on the result).
    /// Subnormal or special inputs answer "not exact".
    fn product_exact(&mut self, a: Value, b: Value, double: bool) -> Value {
        let (ity, frac_bits, exp_mask): (Type, i64, u64) = if double {
            (I64, 52, 0x7ff)
        } else {
            (I32, 23, 0xff)
        };
        let mut odd = Vec::new();
        let mut normal = self.b.ins().iconst(cranelift_codegen::ir::types::I8, 1);
        for x in [a, b] {
            let bits = self.b.ins().bitcast(ity, MemFlagsData::new(), x);
            let e = self.b.ins().ushr_imm_u(bits, frac_bits);
            let e = self.b.ins().band_imm_u(e, exp_mask as i64);
            let is_normal = self.b.ins().icmp_imm_u(IntCC::NotEqual, e, 0);
            let is_finite = self.b.ins().icmp_imm_u(IntCC::NotEqual, e, exp_mask as i64);
            let n = self.b.ins().band(is_normal, is_finite);
            normal = self.b.ins().band(normal, n);
            let f = self
                .b
                .ins()
                .band_imm_u(bits, ((1u64 << frac_bits) - 1) as i64);
            let f = self.b.ins().bor_imm_u(f, (1u64 << frac_bits) as i64);
            let f = if double {
                f
            } else {
                self.b.ins().uextend(I64, f)
            };
            let tz = self.b.ins().ctz(f);
            odd.push(self.b.ins().ushr(f, tz));
        }
        let lo = self.b.ins().imul(odd[0], odd[1]);
        let hi = self.b.ins().umulhi(odd[0], odd[1]);
        let hi0 = self.b.ins().icmp_imm_u(IntCC::Equal, hi, 0);
        let fits = self.b.ins().icmp_imm_u(
            IntCC::UnsignedLessThanOrEqual,
            lo,
            ((1u64 << (frac_bits + 1)) - 1) as i64,
        );
        let e = self.b.ins().band(hi0, fits);
        self.b.ins().band(e, normal)
    }

    /// Whether `x` is finite and strictly above the smallest normal in
    /// magnitude.
    fn fp_normal(&mut self, x: Value, double: bool) -> Value {
        let a = self.b.ins().fabs(x);
        let (lo, hi) = if double {
            (
                self.b.ins().f64const(f64::MIN_POSITIVE),
                self.b.ins().f64const(f64::MAX),
            )
        } else {
            (
                self.b.ins().f32const(f32::MIN_POSITIVE),
                self.b.ins().f32const(f32::MAX),
            )
        };
        let above = self.b.ins().fcmp(FloatCC::GreaterThan, a, lo);
        let finite = self.b.ins().fcmp(FloatCC::LessThanOrEqual, a, hi);
        self.b.ins().band(above, finite)
    }
}

fn mask(double: bool) -> u64 {
    if double {
        u64::MAX
    } else {
        u32::MAX as u64
    }
}
