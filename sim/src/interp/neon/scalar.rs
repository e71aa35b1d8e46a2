//! Two registers and a scalar (ARM ARM A7.4.3): VMLA/VMLS/VMUL (integer
//! and f32), VMLAL/VMLSL/VMULL, VQDMLAL/VQDMLSL/VQDMULL, VQDMULH/VQRDMULH.

use super::tworeg::odd;
use super::{elem, emask, ext, set_elem, signed_sat};
use crate::decode::ArgN2rScalar;
use crate::fp;
use crate::interp::exec::{Exec, Flow, Trap, R};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarOp {
    Mla,
    MlaF,
    Mlal,
    Qdmlal,
    Mls,
    MlsF,
    Mlsl,
    Qdmlsl,
    Mul,
    MulF,
    Mull,
    Qdmull,
    Qdmulh,
    Qrdmulh,
}

impl Exec<'_> {
    /// Two registers and a scalar (A7.4.3).
    pub fn neon_scalar(&mut self, a: ArgN2rScalar, op: ScalarOp) -> R {
        use ScalarOp::*;
        let size = a.size as u32;
        let long = matches!(op, Mlal | Mlsl | Mull | Qdmlal | Qdmlsl | Qdmull);
        let float = matches!(op, MlaF | MlsF | MulF);
        // U is bit 24: Q for the same-length forms, unsigned for the long ones.
        let q = !long && a.u != 0;
        let undefined = size == 0
            || size == 3
            || (float && size != 2)
            || (long && odd(a.vd))
            || (matches!(op, Qdmlal | Qdmlsl | Qdmull) && a.u != 0)
            || (q && (odd(a.vd) || odd(a.vn)));
        if undefined {
            return Err(Trap::Undefined);
        }
        let esize = 8 << size;
        let (vm, idx) = if size == 1 {
            (a.vm & 7, (a.vm >> 3) as u32 & 3)
        } else {
            (a.vm & 15, (a.vm >> 4) as u32)
        };
        let scalar = elem(self.neon_d(vm) as u128, esize, idx);
        let mut saturated = false;

        if long {
            let unsigned = a.u != 0;
            let wide = 2 * esize;
            let n = self.neon_d(a.vn) as u128;
            let acc = self.neon_q(a.vd);
            let y = ext(scalar, esize, unsigned);
            let mut d = 0u128;
            for i in 0..64 / esize {
                let x = ext(elem(n, esize, i), esize, unsigned);
                let acc_e = elem(acc, wide, i) as i128;
                let r = match op {
                    Mlal => (acc_e + x * y) as u64,
                    Mlsl => (acc_e - x * y) as u64,
                    Mull => (x * y) as u64,
                    _ => {
                        let (p, s1) = signed_sat(2 * x * y, wide);
                        let p = ext(p, wide, false);
                        let sacc = ext(elem(acc, wide, i), wide, false);
                        let (r, s2) = match op {
                            Qdmull => (p as u64, false),
                            Qdmlal => signed_sat(sacc + p, wide),
                            _ => signed_sat(sacc - p, wide),
                        };
                        saturated |= s1 || s2;
                        r
                    }
                };
                set_elem(&mut d, wide, i, r & emask(wide));
            }
            if saturated {
                self.set_qc();
            }
            self.neon_set_q(a.vd, d);
            return Ok(Flow::Next);
        }

        let elements = if q { 128 / esize } else { 64 / esize };
        let n = self.vget(a.vn, q);
        let dv = self.vget(a.vd, q);
        let fpscr = self.cpu.vfp.fpscr;
        let mut f = fp::standard_fpscr(fpscr);
        let mut d = 0u128;
        let mask = emask(esize);
        for i in 0..elements {
            let x = elem(n, esize, i);
            let acc = elem(dv, esize, i);
            let r = match op {
                Mla => acc.wrapping_add(x.wrapping_mul(scalar)),
                Mls => acc.wrapping_sub(x.wrapping_mul(scalar)),
                Mul => x.wrapping_mul(scalar),
                MulF | MlaF | MlsF => {
                    let p = fp::mul32(x as u32, scalar as u32, &mut f);
                    (match op {
                        MulF => p,
                        MlaF => fp::add32(acc as u32, p, &mut f),
                        _ => fp::sub32(acc as u32, p, &mut f),
                    }) as u64
                }
                _ => {
                    let (sx, sy) = (ext(x, esize, false), ext(scalar, esize, false));
                    let rc = if op == Qrdmulh {
                        1i128 << (esize - 1)
                    } else {
                        0
                    };
                    let (r, s) = signed_sat((2 * sx * sy + rc) >> esize, esize);
                    saturated |= s;
                    r
                }
            };
            set_elem(&mut d, esize, i, r & mask);
        }
        self.cpu.vfp.fpscr = fp::merge_flags(fpscr, f);
        if saturated {
            self.set_qc();
        }
        self.vset(a.vd, q, d);
        Ok(Flow::Next)
    }
}
