//! VFPv3 instructions (ARM ARM A7.5-A7.9). The arithmetic itself is in
//! `crate::fp`, written once from the architecture's pseudocode; this file
//! moves operands between registers, memory and those functions.

use super::exec::{Exec, Flow, Trap, R};
use crate::decode::{
    ArgVcmp, ArgVcvtFix, ArgVcvtHalf, ArgVcvtInt, ArgVldmVstm, ArgVldrVstr, ArgVmov2,
    ArgVmovScalar, ArgVmovSr, ArgVmsr, ArgVri, ArgVrrDp, ArgVrrSp, ArgVrrrDp, ArgVrrrSp,
};
use crate::fp::{self, RoundingMode};

type Bin32 = fn(u32, u32, &mut u32) -> u32;
type Bin64 = fn(u64, u64, &mut u32) -> u64;
type Acc32 = fn(u32, u32, u32, &mut u32) -> u32;
type Acc64 = fn(u64, u64, u64, &mut u32) -> u64;

/// FPSCR bits a VMSR can change: NZCV, QC, AHP, DN, FZ, RMode, Stride,
/// Len and the cumulative flags. Trap enables read as zero (no trapping
/// on Cortex-A class VFPv3).
const FPSCR_WRITABLE: u32 = 0xfff7_009f;

/// VFPExpandImm (A7.5.1) for the VMOV immediate forms.
pub fn vfp_expand_imm(imm8: u32, double: bool) -> u64 {
    let sign = (imm8 >> 7) as u64;
    let b6 = ((imm8 >> 6) & 1) as u64;
    let low6 = (imm8 & 0x3f) as u64;
    if double {
        let exp = ((1 - b6) << 10) | (if b6 != 0 { 0xff } else { 0 } << 2) | (low6 >> 4);
        (sign << 63) | (exp << 52) | ((low6 & 0xf) << 48)
    } else {
        let exp = ((1 - b6) << 7) | (if b6 != 0 { 0x1f } else { 0 } << 2) | (low6 >> 4);
        (sign << 31) | (exp << 23) | ((low6 & 0xf) << 19)
    }
}

impl Exec<'_> {
    #[inline(always)]
    fn s(&self, n: i32) -> u32 {
        self.cpu.vfp.s(n as usize)
    }

    #[inline(always)]
    fn set_s(&mut self, n: i32, v: u32) {
        self.cpu.vfp.set_s(n as usize, v)
    }

    #[inline(always)]
    fn d(&self, n: i32) -> u64 {
        self.cpu.vfp.d[n as usize]
    }

    #[inline(always)]
    fn set_d(&mut self, n: i32, v: u64) {
        self.cpu.vfp.d[n as usize] = v
    }

    pub fn vbin_sp(&mut self, a: ArgVrrrSp, f: Bin32) -> R {
        let r = f(self.s(a.vn), self.s(a.vm), &mut self.cpu.vfp.fpscr);
        self.set_s(a.vd, r);
        Ok(Flow::Next)
    }

    pub fn vbin_dp(&mut self, a: ArgVrrrDp, f: Bin64) -> R {
        let r = f(self.d(a.vn), self.d(a.vm), &mut self.cpu.vfp.fpscr);
        self.set_d(a.vd, r);
        Ok(Flow::Next)
    }

    /// Accumulating forms: `f(d, n, m)`.
    pub fn vacc_sp(&mut self, a: ArgVrrrSp, f: Acc32) -> R {
        let r = f(
            self.s(a.vd),
            self.s(a.vn),
            self.s(a.vm),
            &mut self.cpu.vfp.fpscr,
        );
        self.set_s(a.vd, r);
        Ok(Flow::Next)
    }

    pub fn vacc_dp(&mut self, a: ArgVrrrDp, f: Acc64) -> R {
        let r = f(
            self.d(a.vd),
            self.d(a.vn),
            self.d(a.vm),
            &mut self.cpu.vfp.fpscr,
        );
        self.set_d(a.vd, r);
        Ok(Flow::Next)
    }

    /// VFMA/VFMS/VFNMA/VFNMS: FPMulAdd with the negations each one
    /// applies to the addend and the first factor (A8.8.320, A8.8.322).
    pub fn vfma_sp(&mut self, a: ArgVrrrSp, neg_d: bool, neg_n: bool) -> R {
        let mut d = self.s(a.vd);
        let mut n = self.s(a.vn);
        if neg_d {
            d = fp::neg32(d);
        }
        if neg_n {
            n = fp::neg32(n);
        }
        let r = fp::muladd_fused32(d, n, self.s(a.vm), &mut self.cpu.vfp.fpscr);
        self.set_s(a.vd, r);
        Ok(Flow::Next)
    }

    pub fn vfma_dp(&mut self, a: ArgVrrrDp, neg_d: bool, neg_n: bool) -> R {
        let mut d = self.d(a.vd);
        let mut n = self.d(a.vn);
        if neg_d {
            d = fp::neg64(d);
        }
        if neg_n {
            n = fp::neg64(n);
        }
        let r = fp::muladd_fused64(d, n, self.d(a.vm), &mut self.cpu.vfp.fpscr);
        self.set_d(a.vd, r);
        Ok(Flow::Next)
    }

    pub fn vun_sp(&mut self, a: ArgVrrSp, f: fn(u32, &mut u32) -> u32) -> R {
        let r = f(self.s(a.vm), &mut self.cpu.vfp.fpscr);
        self.set_s(a.vd, r);
        Ok(Flow::Next)
    }

    pub fn vun_dp(&mut self, a: ArgVrrDp, f: fn(u64, &mut u32) -> u64) -> R {
        let r = f(self.d(a.vm), &mut self.cpu.vfp.fpscr);
        self.set_d(a.vd, r);
        Ok(Flow::Next)
    }

    pub fn vmov_imm_sp(&mut self, a: ArgVri) -> R {
        self.set_s(a.vd, vfp_expand_imm(a.imm as u32, false) as u32);
        Ok(Flow::Next)
    }

    pub fn vmov_imm_dp(&mut self, a: ArgVri) -> R {
        self.set_d(a.vd, vfp_expand_imm(a.imm as u32, true));
        Ok(Flow::Next)
    }

    /// VCMP/VCMPE: E makes quiet NaNs signal Invalid too.
    pub fn vcmp_sp(&mut self, a: ArgVcmp) -> R {
        let m = if a.z != 0 { 0 } else { self.s(a.vm) };
        let nzcv = fp::cmp32(self.s(a.vd), m, a.e != 0, &mut self.cpu.vfp.fpscr);
        self.set_fpscr_nzcv(nzcv);
        Ok(Flow::Next)
    }

    pub fn vcmp_dp(&mut self, a: ArgVcmp) -> R {
        let m = if a.z != 0 { 0 } else { self.d(a.vm) };
        let nzcv = fp::cmp64(self.d(a.vd), m, a.e != 0, &mut self.cpu.vfp.fpscr);
        self.set_fpscr_nzcv(nzcv);
        Ok(Flow::Next)
    }

    fn set_fpscr_nzcv(&mut self, nzcv: u32) {
        let f = &mut self.cpu.vfp.fpscr;
        *f = (*f & 0x0fff_ffff) | (nzcv & 0xf000_0000);
    }

    pub fn vcvt_f64_f32(&mut self, a: ArgVrrDp) -> R {
        let r = fp::f32_to_f64(self.s(a.vm), &mut self.cpu.vfp.fpscr);
        self.set_d(a.vd, r);
        Ok(Flow::Next)
    }

    pub fn vcvt_f32_f64(&mut self, a: ArgVrrSp) -> R {
        let r = fp::f64_to_f32(self.d(a.vm), &mut self.cpu.vfp.fpscr);
        self.set_s(a.vd, r);
        Ok(Flow::Next)
    }

    /// VCVTB/VCVTT.F32.F16: the bottom or top half of Sm.
    pub fn vcvt_f32_f16(&mut self, a: ArgVcvtHalf) -> R {
        let h = (self.s(a.vm) >> (16 * a.t as u32)) as u16;
        let r = fp::f16_to_f32(h, &mut self.cpu.vfp.fpscr);
        self.set_s(a.vd, r);
        Ok(Flow::Next)
    }

    /// VCVTB/VCVTT.F16.F32: writes one half of Sd, keeping the other.
    pub fn vcvt_f16_f32(&mut self, a: ArgVcvtHalf) -> R {
        let h = fp::f32_to_f16(self.s(a.vm), &mut self.cpu.vfp.fpscr) as u32;
        let sh = 16 * a.t as u32;
        let r = (self.s(a.vd) & !(0xffff << sh)) | (h << sh);
        self.set_s(a.vd, r);
        Ok(Flow::Next)
    }

    /// VCVT.F32/F64 from a 32-bit integer in Sm.
    pub fn vcvt_from_int(&mut self, a: ArgVcvtInt, double: bool) -> R {
        let v = self.s(a.vm);
        let f = &mut self.cpu.vfp.fpscr;
        if double {
            let r = if a.s != 0 {
                fp::s32_to_f64(v)
            } else {
                fp::u32_to_f64(v)
            };
            self.set_d(a.vd, r);
        } else {
            let r = if a.s != 0 {
                fp::s32_to_f32(v, f)
            } else {
                fp::u32_to_f32(v, f)
            };
            self.set_s(a.vd, r);
        }
        Ok(Flow::Next)
    }

    /// VCVT/VCVTR to a 32-bit integer in Sd.
    pub fn vcvt_to_int(&mut self, a: ArgVcvtInt, double: bool) -> R {
        let mode = if a.rz != 0 {
            RoundingMode::Zero
        } else {
            RoundingMode::from_fpscr(self.cpu.vfp.fpscr)
        };
        let r = if double {
            let v = self.d(a.vm);
            let f = &mut self.cpu.vfp.fpscr;
            if a.s != 0 {
                fp::f64_to_s32(v, mode, f)
            } else {
                fp::f64_to_u32(v, mode, f)
            }
        } else {
            let v = self.s(a.vm);
            let f = &mut self.cpu.vfp.fpscr;
            if a.s != 0 {
                fp::f32_to_s32(v, mode, f)
            } else {
                fp::f32_to_u32(v, mode, f)
            }
        };
        self.set_s(a.vd, r);
        Ok(Flow::Next)
    }

    /// VCVT between floating point and fixed point, in place in Vd
    /// (A8.8.308). To fixed rounds toward zero; from fixed uses FPSCR.
    pub fn vcvt_fix(&mut self, a: ArgVcvtFix, double: bool) -> R {
        let size = if a.size != 0 { 32 } else { 16 };
        let raw = a.imm as u32;
        if raw > size {
            return Err(Trap::Undefined);
        }
        let fbits = size - raw;
        let signed = a.u == 0;
        if a.opc != 0 {
            if double {
                let x = self.d(a.vd);
                let f = &mut self.cpu.vfp.fpscr;
                let v = fp::f64_to_fixed(x, fbits, signed, size, RoundingMode::Zero, f);
                let ext = if signed {
                    v as i32 as i64 as u64
                } else {
                    v as u64
                };
                self.set_d(a.vd, ext);
            } else {
                let x = self.s(a.vd);
                let f = &mut self.cpu.vfp.fpscr;
                let v = fp::f32_to_fixed(x, fbits, signed, size, RoundingMode::Zero, f);
                self.set_s(a.vd, v);
            }
        } else if double {
            let v = self.d(a.vd) as u32;
            self.set_d(a.vd, fp::fixed_to_f64(v, fbits, signed, size));
        } else {
            let v = self.s(a.vd);
            // FixedToFP with round_to_nearest TRUE (A8.8.308): RMode is
            // ignored here, unlike the integer VCVT.
            let r = fp::fixed_to_f32(
                v,
                fbits,
                signed,
                size,
                RoundingMode::Nearest,
                &mut self.cpu.vfp.fpscr,
            );
            self.set_s(a.vd, r);
        }
        Ok(Flow::Next)
    }

    fn vaddr(&self, rn: i32, u: i32, imm: i32) -> u32 {
        let base = self.base_reg(rn);
        if u != 0 {
            base.wrapping_add(imm as u32)
        } else {
            base.wrapping_sub(imm as u32)
        }
    }

    pub fn vldr(&mut self, a: ArgVldrVstr, double: bool) -> R {
        let addr = self.vaddr(a.rn, a.u, a.imm);
        if double {
            let lo = self.mem.read_u32(addr)? as u64;
            let hi = self.mem.read_u32(addr.wrapping_add(4))? as u64;
            self.set_d(a.vd, hi << 32 | lo);
        } else {
            let v = self.mem.read_u32(addr)?;
            self.set_s(a.vd, v);
        }
        Ok(Flow::Next)
    }

    pub fn vstr(&mut self, a: ArgVldrVstr, double: bool) -> R {
        let addr = self.vaddr(a.rn, a.u, a.imm);
        if double {
            let v = self.d(a.vd);
            self.mem.write_u32(addr, v as u32)?;
            self.mem.write_u32(addr.wrapping_add(4), (v >> 32) as u32)?;
        } else {
            let v = self.s(a.vd);
            self.mem.write_u32(addr, v)?;
        }
        Ok(self.after_store())
    }

    /// VLDM/VSTM (VPUSH/VPOP): `imm` counts words; increment-after or
    /// decrement-before.
    pub fn vldm_vstm(&mut self, a: ArgVldmVstm, double: bool, load: bool) -> R {
        let words = a.imm as u32;
        let regs = if double { words / 2 } else { words };
        let first = a.vd as u32;
        let limit = if double { 32 } else { 64 };
        if regs == 0 || first + regs > limit || (double && regs > 16) {
            return Err(Trap::Undefined);
        }
        let base = self.reg(a.rn);
        let (start, wb) = if a.u != 0 {
            (base, base.wrapping_add(4 * words))
        } else {
            let s = base.wrapping_sub(4 * words);
            (s, s)
        };
        let mut addr = start;
        for i in 0..regs as i32 {
            let r = a.vd + i;
            if double {
                if load {
                    let lo = self.mem.read_u32(addr)? as u64;
                    let hi = self.mem.read_u32(addr.wrapping_add(4))? as u64;
                    self.set_d(r, hi << 32 | lo);
                } else {
                    let v = self.d(r);
                    self.mem.write_u32(addr, v as u32)?;
                    self.mem.write_u32(addr.wrapping_add(4), (v >> 32) as u32)?;
                }
                addr = addr.wrapping_add(8);
            } else {
                if load {
                    let v = self.mem.read_u32(addr)?;
                    self.set_s(r, v);
                } else {
                    let v = self.s(r);
                    self.mem.write_u32(addr, v)?;
                }
                addr = addr.wrapping_add(4);
            }
        }
        if a.w != 0 {
            self.set_reg(a.rn, wb);
        }
        Ok(if load { Flow::Next } else { self.after_store() })
    }

    pub fn vmov_sr(&mut self, a: ArgVmovSr, to_fp: bool) -> R {
        if to_fp {
            let v = self.reg(a.rt);
            self.set_s(a.vn, v);
        } else {
            let v = self.s(a.vn);
            self.set_reg(a.rt, v);
        }
        Ok(Flow::Next)
    }

    /// VMOV between two core registers and two singles or one double.
    pub fn vmov_2(&mut self, a: ArgVmov2, double: bool, to_fp: bool) -> R {
        if !double && a.vm == 31 {
            return Err(Trap::Undefined);
        }
        if to_fp {
            let (lo, hi) = (self.reg(a.rt), self.reg(a.rt2));
            if double {
                self.set_d(a.vm, (hi as u64) << 32 | lo as u64);
            } else {
                self.set_s(a.vm, lo);
                self.set_s(a.vm + 1, hi);
            }
        } else {
            let (lo, hi) = if double {
                let v = self.d(a.vm);
                (v as u32, (v >> 32) as u32)
            } else {
                (self.s(a.vm), self.s(a.vm + 1))
            };
            self.set_reg(a.rt, lo);
            self.set_reg(a.rt2, hi);
        }
        Ok(Flow::Next)
    }

    pub fn vmov_scalar(&mut self, a: ArgVmovScalar, to_fp: bool) -> R {
        let size = a.size as u32;
        // U = 1 exists only for 8- and 16-bit reads (A8.8.342).
        if size == 0 || (a.u != 0 && (to_fp || size == 32)) {
            return Err(Trap::Undefined);
        }
        let sh = size * a.x as u32;
        let mask = if size == 32 {
            0xffff_ffffu64
        } else {
            (1u64 << size) - 1
        } << sh;
        if to_fp {
            let v = (self.reg(a.rt) as u64) << sh;
            let d = self.d(a.vn);
            self.set_d(a.vn, (d & !mask) | (v & mask));
        } else {
            let raw = ((self.d(a.vn) & mask) >> sh) as u32;
            let v = if a.u != 0 || size == 32 {
                raw
            } else {
                ((raw << (32 - size)) as i32 >> (32 - size)) as u32
            };
            self.set_reg(a.rt, v);
        }
        Ok(Flow::Next)
    }

    /// VMSR/VMRS: FPSCR, plus the read-only ID registers; VMRS to PC
    /// (APSR_nzcv) copies FPSCR's flags.
    pub fn vmsr(&mut self, a: ArgVmsr) -> R {
        if a.reg != 1 {
            return Err(Trap::Undefined);
        }
        let v = self.reg(a.rt);
        self.cpu.vfp.fpscr = v & FPSCR_WRITABLE;
        Ok(Flow::Next)
    }

    pub fn vmrs(&mut self, a: ArgVmsr) -> R {
        let v = match a.reg {
            1 => self.cpu.vfp.fpscr,
            // FPSID: VFPv3 with a common subarchitecture, as Cortex-A.
            0 => 0x4103_3000,
            // MVFR1/MVFR0: what this implementation provides (Neon with
            // integer, single-precision and half-precision conversion;
            // VFPv3-D32 with FMA).
            6 => 0x1111_1111,
            7 => 0x1011_0222,
            8 => self.cpu.vfp.fpexc,
            _ => return Err(Trap::Undefined),
        };
        if a.rt == 15 {
            self.set_apsr_nzcv(v);
        } else {
            self.set_reg(a.rt, v);
        }
        Ok(Flow::Next)
    }
}

#[cfg(test)]
mod tests {
    use super::vfp_expand_imm;

    #[test]
    fn vmov_immediates() {
        // imm8 0x70 is 1.0; 0x00 is 2.0; 0xf0 is -1.0.
        assert_eq!(vfp_expand_imm(0x70, false) as u32, 1.0f32.to_bits());
        assert_eq!(vfp_expand_imm(0x00, false) as u32, 2.0f32.to_bits());
        assert_eq!(vfp_expand_imm(0xf0, true), (-1.0f64).to_bits());
        assert_eq!(vfp_expand_imm(0x60, true), 0.5f64.to_bits());
    }
}
