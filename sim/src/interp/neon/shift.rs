//! Two registers and a shift amount (ARM ARM A7.4.4): VSHR, VSRA, VRSHR,
//! VRSRA, VSRI, VSHL, VSLI, VQSHL{U}, the narrowing VSHRN/VRSHRN/VQ{R}SHR{U}N,
//! VSHLL/VMOVL and VCVT between f32 and fixed point.

use super::tworeg::odd;
use super::{elem, emask, ext, set_elem};
use super::{sat, unsigned_sat};
use crate::decode::ArgN2rShift;
use crate::fp::{self, RoundingMode};
use crate::interp::exec::{Exec, Flow, Trap, R};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShiftOp {
    Shr,
    Sra,
    Rshr,
    Rsra,
    Sri,
    Shl,
    Sli,
    Qshlu,
    Qshl,
    /// VSHRN (U=0) / VRSHRN
    Shrn,
    /// VQSHRUN / VQRSHRUN
    Qshrun,
    /// VQSHRN / VQRSHRN
    Qshrn,
    /// VSHLL / VMOVL
    Shll,
    FixedToF,
    FToFixed,
}

impl Exec<'_> {
    /// Two registers and a shift amount (A7.4.4).
    pub fn neon_shift(&mut self, a: ArgN2rShift, op: ShiftOp) -> R {
        use ShiftOp::*;
        let l = a.l != 0;
        let imm6 = a.imm6 as u32;
        let u = a.u != 0;
        let q = a.q != 0;
        if !l && imm6 < 8 {
            // One register and a modified immediate: decoded before us.
            return Err(Trap::Undefined);
        }
        let esize: u32 = if l {
            64
        } else if imm6 & 0x20 != 0 {
            32
        } else if imm6 & 0x10 != 0 {
            16
        } else {
            8
        };
        let right = if l { 64 - imm6 } else { 2 * esize - imm6 };
        let left = if l { imm6 } else { imm6 - esize };
        let mut saturated = false;

        match op {
            Shrn | Qshrun | Qshrn => {
                if odd(a.vm) {
                    return Err(Trap::Undefined);
                }
                // Bit 6 (B) selects the rounding form.
                let round = if q { 1i128 << (right - 1) } else { 0 };
                let src = self.neon_q(a.vm);
                let wide = 2 * esize;
                let mut d = 0u128;
                for i in 0..64 / esize {
                    let x = elem(src, wide, i);
                    let r = match op {
                        Shrn => ((x as i128 + round) >> right) as u64 & emask(esize),
                        Qshrun => {
                            let (v, s) =
                                unsigned_sat((ext(x, wide, false) + round) >> right, esize);
                            saturated |= s;
                            v
                        }
                        _ => {
                            let (v, s) = sat((ext(x, wide, u) + round) >> right, esize, u);
                            saturated |= s;
                            v
                        }
                    };
                    set_elem(&mut d, esize, i, r);
                }
                if saturated {
                    self.set_qc();
                }
                self.neon_set_d(a.vd, d as u64);
                return Ok(Flow::Next);
            }
            Shll => {
                if odd(a.vd) {
                    return Err(Trap::Undefined);
                }
                let src = self.neon_d(a.vm) as u128;
                let mut d = 0u128;
                for i in 0..64 / esize {
                    let r = ext(elem(src, esize, i), esize, u) << left;
                    set_elem(&mut d, 2 * esize, i, r as u64);
                }
                self.neon_set_q(a.vd, d);
                return Ok(Flow::Next);
            }
            _ => {}
        }

        if q && (odd(a.vd) || odd(a.vm)) {
            return Err(Trap::Undefined);
        }
        let elements = if q { 128 / esize } else { 64 / esize };
        let m = self.vget(a.vm, q);
        let dv = self.vget(a.vd, q);
        let mut d = 0u128;

        if matches!(op, FixedToF | FToFixed) {
            if imm6 < 32 {
                return Err(Trap::Undefined);
            }
            let fbits = 64 - imm6;
            let fpscr = self.cpu.vfp.fpscr;
            let mut f = fp::standard_fpscr(fpscr);
            for i in 0..elements {
                let x = elem(m, 32, i) as u32;
                let r = if op == FToFixed {
                    fp::f32_to_fixed(x, fbits, !u, 32, RoundingMode::Zero, &mut f)
                } else {
                    fp::fixed_to_f32(x, fbits, !u, 32, RoundingMode::Nearest, &mut f)
                };
                set_elem(&mut d, 32, i, r as u64);
            }
            self.cpu.vfp.fpscr = fp::merge_flags(fpscr, f);
            self.vset(a.vd, q, d);
            return Ok(Flow::Next);
        }
        if op == Qshlu && !u {
            return Err(Trap::Undefined);
        }

        let mask = emask(esize);
        for i in 0..elements {
            let x = elem(m, esize, i);
            let acc = elem(dv, esize, i);
            let shr = |round: bool| -> u64 {
                let v = ext(x, esize, u);
                let rc = if round { 1i128 << (right - 1) } else { 0 };
                ((v + rc) >> right) as u64
            };
            let r = match op {
                Shr => shr(false),
                Rshr => shr(true),
                Sra => acc.wrapping_add(shr(false)),
                Rsra => acc.wrapping_add(shr(true)),
                Sri => {
                    let ins = ((mask as u128) >> right) as u64;
                    (acc & !ins) | (((x as u128) >> right) as u64 & ins)
                }
                Shl => x << left,
                Sli => {
                    let ins = (mask << left) & mask;
                    (acc & !ins) | ((x << left) & ins)
                }
                Qshl | Qshlu => {
                    let v = ext(x, esize, op == Qshl && u) << left;
                    let (r, s) = sat(v, esize, u);
                    saturated |= s;
                    r
                }
                _ => unreachable!("handled above"),
            };
            set_elem(&mut d, esize, i, r & mask);
        }
        if saturated {
            self.set_qc();
        }
        self.vset(a.vd, q, d);
        Ok(Flow::Next)
    }
}
