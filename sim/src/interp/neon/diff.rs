//! Three registers of different lengths (ARM ARM A7.4.2): VADDL, VADDW,
//! VSUBL, VSUBW, VADDHN, VRADDHN, VSUBHN, VRSUBHN, VABAL, VABDL, VMLAL,
//! VMLSL, VMULL (integer and polynomial), VQDMLAL, VQDMLSL, VQDMULL.

use super::{elem, emask, ext, set_elem, signed_sat};
use crate::decode::ArgNeon3diff;
use crate::interp::exec::{Exec, Flow, Trap, R};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffOp {
    Addl,
    Addw,
    Subl,
    Subw,
    Addhn,
    Raddhn,
    Subhn,
    Rsubhn,
    Abal,
    Abdl,
    Mlal,
    Mlsl,
    Mull,
    MullP,
    Qdmlal,
    Qdmlsl,
    Qdmull,
}

/// Polynomial multiplication over GF(2) of two 8-bit values (PolynomialMult).
pub fn pmul8(a: u64, b: u64) -> u64 {
    (0..8)
        .filter(|i| b >> i & 1 != 0)
        .fold(0, |acc, i| acc ^ (a << i))
}

impl Exec<'_> {
    pub fn neon_3diff(&mut self, a: ArgNeon3diff, op: DiffOp) -> R {
        use DiffOp::*;
        let size = a.size as u32;
        let odd = |r: i32| r & 1 != 0;
        let undefined = size == 3
            || match op {
                Addw | Subw => odd(a.vd) || odd(a.vn),
                Addhn | Raddhn | Subhn | Rsubhn => odd(a.vn) || odd(a.vm),
                Qdmlal | Qdmlsl | Qdmull => size == 0 || odd(a.vd),
                // VMULL.P64 (size 10) needs the Cryptography Extension,
                // which this CPU does not claim.
                MullP => size != 0 || odd(a.vd),
                _ => odd(a.vd),
            };
        if undefined {
            return Err(Trap::Undefined);
        }
        let esize = 8 << size;
        let wide = 2 * esize;
        let elements = 64 / esize;
        let unsigned = a.u != 0;

        if matches!(op, Addhn | Raddhn | Subhn | Rsubhn) {
            let (n, m) = (self.neon_q(a.vn), self.neon_q(a.vm));
            let round = if matches!(op, Raddhn | Rsubhn) {
                1u128 << (esize - 1)
            } else {
                0
            };
            let mut d = 0u128;
            for i in 0..elements {
                let (x, y) = (elem(n, wide, i) as u128, elem(m, wide, i) as u128);
                let r = if matches!(op, Addhn | Raddhn) {
                    x.wrapping_add(y)
                } else {
                    x.wrapping_sub(y)
                };
                let hi = (r.wrapping_add(round) >> esize) as u64;
                set_elem(&mut d, esize, i, hi);
            }
            self.neon_set_d(a.vd, d as u64);
            return Ok(Flow::Next);
        }

        // Operands are read before anything is written: Qd may overlap them.
        let n_wide = matches!(op, Addw | Subw);
        let n: u128 = if n_wide {
            self.neon_q(a.vn)
        } else {
            self.neon_d(a.vn) as u128
        };
        let m = self.neon_d(a.vm) as u128;
        let acc = self.neon_q(a.vd);
        let mut d = 0u128;
        let mut saturated = false;
        for i in 0..elements {
            let x = if n_wide {
                ext(elem(n, wide, i), wide, unsigned)
            } else {
                ext(elem(n, esize, i), esize, unsigned)
            };
            let y = ext(elem(m, esize, i), esize, unsigned);
            let acc_e = elem(acc, wide, i) as i128;
            let r: u64 = match op {
                Addl | Addw => (x + y) as u64,
                Subl | Subw => (x - y) as u64,
                Abal => (acc_e + (x - y).abs()) as u64,
                Abdl => (x - y).unsigned_abs() as u64,
                Mlal => (acc_e + x * y) as u64,
                Mlsl => (acc_e - x * y) as u64,
                Mull => (x * y) as u64,
                MullP => pmul8(elem(n, 8, i), elem(m, 8, i)),
                Qdmull | Qdmlal | Qdmlsl => {
                    let (p, s1) = signed_sat(2 * x * y, wide);
                    let p = ext(p, wide, false);
                    let (r, s2) = match op {
                        Qdmull => (p as u64, false),
                        Qdmlal => signed_sat(ext(elem(acc, wide, i), wide, false) + p, wide),
                        _ => signed_sat(ext(elem(acc, wide, i), wide, false) - p, wide),
                    };
                    saturated |= s1 || s2;
                    r
                }
                Addhn | Raddhn | Subhn | Rsubhn => unreachable!("narrowing handled above"),
            };
            set_elem(&mut d, wide, i, r & emask(wide));
        }
        if saturated {
            self.set_qc();
        }
        self.neon_set_q(a.vd, d);
        Ok(Flow::Next)
    }
}
