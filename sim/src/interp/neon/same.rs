//! Three registers of the same length (ARM ARM A7.4.1): the integer rows
//! (VHADD, VRHADD, VHSUB, VQADD, VQSUB, VCGT, VCGE, VSHL, VQSHL, VRSHL,
//! VQRSHL, VMAX, VMIN, VABD, VABA, VADD, VSUB, VTST, VCEQ, VMLA, VMLS, VMUL
//! integer and polynomial, VQDMULH, VQRDMULH, VPMAX, VPMIN, VPADD), the
//! bitwise rows (VAND, VBIC, VORR/VMOV, VORN, VEOR, VBSL, VBIT, VBIF) and
//! the .F32 rows (VADD, VSUB, VPADD, VABD, VMUL, VMLA, VMLS, VFMA, VFMS,
//! VCEQ, VCGE, VCGT, VACGE, VACGT, VMAX, VMIN, VPMAX, VPMIN, VRECPS,
//! VRSQRTS), which run on the standard FPSCR value (default NaN,
//! flush-to-zero, round to nearest).

use super::diff::pmul8;
use super::{elem, emask, ext, sat, set_elem, signed_sat};
use crate::decode::ArgN3s3reg;
use crate::fp;
use crate::interp::exec::{Exec, Flow, Trap, R};

/// The integer rows, element-wise and pairwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntOp {
    Hadd,
    Rhadd,
    Hsub,
    Qadd,
    Qsub,
    Cgt,
    Cge,
    Shl,
    Qshl,
    Rshl,
    Qrshl,
    Max,
    Min,
    Abd,
    Aba,
    Add,
    Sub,
    Tst,
    Ceq,
    Mla,
    Mls,
    Mul,
    MulP,
    Qdmulh,
    Qrdmulh,
    Pmax,
    Pmin,
    Padd,
}

/// The bitwise rows (A = 0001, B = 1), operating on whole registers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BitOp {
    And,
    Bic,
    Orr,
    Orn,
    Eor,
    Bsl,
    Bit,
    Bif,
}

/// The single-precision rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatOp {
    Add,
    Sub,
    Abd,
    Mul,
    Mla,
    Mls,
    Fma,
    Fms,
    Ceq,
    Cge,
    Cgt,
    Acge,
    Acgt,
    Max,
    Min,
    Recps,
    Rsqrts,
    Padd,
    Pmax,
    Pmin,
}

/// `value << shift` for a signed shift amount (negative shifts right,
/// rounding first if `round`), exact in i128 for the shift amounts whose
/// result still matters; `None` when a left shift certainly overflows
/// `esize` bits (the caller saturates by the sign of `value`).
#[inline(always)]
fn shift_by(value: i128, shift: i64, round: bool, esize: u32) -> Option<i128> {
    if shift >= 0 {
        if value == 0 {
            Some(0)
        } else if shift >= esize as i64 {
            None
        } else {
            Some(value << shift)
        }
    } else {
        // Past esize + 1 the result is 0 (or -1 unrounded for negative
        // values), which a shift by 100 also gives without overflow.
        let s = (-shift).min(100) as u32;
        let r = if round { 1i128 << (s - 1) } else { 0 };
        Some((value + r) >> s)
    }
}

/// One element of an integer row: (result, saturated?). `x`, `y`, `acc`
/// are the raw elements of Vn, Vm and Vd.
#[inline(always)]
fn int_elem(op: IntOp, x: u64, y: u64, acc: u64, esize: u32, unsigned: bool) -> (u64, bool) {
    use IntOp::*;
    let a = ext(x, esize, unsigned);
    let b = ext(y, esize, unsigned);
    let ones = emask(esize);
    let bool_elem = |c: bool| (if c { ones } else { 0 }, false);
    let wrap = |v: i128| (v as u64, false);
    match op {
        Hadd => wrap((a + b) >> 1),
        Rhadd => wrap((a + b + 1) >> 1),
        Hsub => wrap((a - b) >> 1),
        Qadd => sat(a + b, esize, unsigned),
        Qsub => sat(a - b, esize, unsigned),
        Cgt => bool_elem(a > b),
        Cge => bool_elem(a >= b),
        Max | Pmax => wrap(a.max(b)),
        Min | Pmin => wrap(a.min(b)),
        Abd => wrap((a - b).abs()),
        Aba => wrap(acc as i128 + (a - b).abs()),
        Add | Padd => wrap(a + b),
        Sub => wrap(a - b),
        Tst => bool_elem(x & y != 0),
        Ceq => bool_elem(x == y),
        Mla => (acc.wrapping_add(x.wrapping_mul(y)), false),
        Mls => (acc.wrapping_sub(x.wrapping_mul(y)), false),
        Mul => (x.wrapping_mul(y), false),
        MulP => (pmul8(x, y), false),
        Qdmulh | Qrdmulh => {
            let round = if op == Qrdmulh {
                1i128 << (esize - 1)
            } else {
                0
            };
            signed_sat((2 * a * b + round) >> esize, esize)
        }
        // The shifts take the value from Vm and the shift amount from the
        // bottom byte of Vn's element, signed.
        Shl | Rshl | Qshl | Qrshl => {
            let value = b;
            let shift = (x as u8 as i8) as i64;
            let round = matches!(op, Rshl | Qrshl);
            let r = shift_by(value, shift, round, esize);
            if matches!(op, Shl | Rshl) {
                // Bits shifted out past the element are lost.
                (r.unwrap_or(0) as u64, false)
            } else {
                match r {
                    Some(v) => sat(v, esize, unsigned),
                    None if value < 0 => sat(i128::MIN, esize, unsigned),
                    None => sat(i128::MAX, esize, unsigned),
                }
            }
        }
    }
}

impl Exec<'_> {
    /// A D register, or the Q register at D`n` (n even), as 128 bits.
    #[inline(always)]
    fn n3s_read(&self, n: i32, q: bool) -> u128 {
        if q {
            self.neon_q(n)
        } else {
            self.neon_d(n) as u128
        }
    }

    #[inline(always)]
    fn n3s_write(&mut self, n: i32, q: bool, v: u128) {
        if q {
            self.neon_set_q(n, v)
        } else {
            self.neon_set_d(n, v as u64)
        }
    }

    /// Q = 1 needs even register numbers (every row of A7.4.1).
    #[inline(always)]
    fn n3s_odd_q(a: &ArgN3s3reg) -> bool {
        a.q != 0 && (a.vd | a.vn | a.vm) & 1 != 0
    }

    pub fn neon_3same_int(&mut self, a: ArgN3s3reg, op: IntOp) -> R {
        use IntOp::*;
        let size = a.size as u32;
        let undefined = match op {
            Qadd | Qsub | Shl | Qshl | Rshl | Qrshl | Add | Sub => false,
            Qdmulh | Qrdmulh => size == 0 || size == 3,
            MulP => size != 0,
            _ => size == 3,
        };
        if undefined || Self::n3s_odd_q(&a) {
            return Err(Trap::Undefined);
        }
        let esize = 8 << size;
        // U selects signedness, except in the rows where it selects the
        // operation (VADD/VSUB, VTST/VCEQ, VMLA/VMLS, VMUL.I/.P,
        // VQDMULH/VQRDMULH, which are signed).
        let unsigned = a.u != 0 && !matches!(op, Qdmulh | Qrdmulh);
        let q = a.q != 0;
        // Operands are read before anything is written: Vd may be one of them.
        let (n, m, acc) = (
            self.n3s_read(a.vn, q),
            self.n3s_read(a.vm, q),
            self.n3s_read(a.vd, q),
        );
        let mut d = 0u128;
        let mut saturated = false;
        if matches!(op, Pmax | Pmin | Padd) {
            // Pairwise (D only): adjacent pairs of Vn, then of Vm.
            let h = 32 / esize;
            for i in 0..h {
                let (r1, _) = int_elem(
                    op,
                    elem(n, esize, 2 * i),
                    elem(n, esize, 2 * i + 1),
                    0,
                    esize,
                    unsigned,
                );
                let (r2, _) = int_elem(
                    op,
                    elem(m, esize, 2 * i),
                    elem(m, esize, 2 * i + 1),
                    0,
                    esize,
                    unsigned,
                );
                set_elem(&mut d, esize, i, r1);
                set_elem(&mut d, esize, i + h, r2);
            }
        } else {
            let elements = if q { 128 } else { 64 } / esize;
            for i in 0..elements {
                let (r, s) = int_elem(
                    op,
                    elem(n, esize, i),
                    elem(m, esize, i),
                    elem(acc, esize, i),
                    esize,
                    unsigned,
                );
                saturated |= s;
                set_elem(&mut d, esize, i, r);
            }
        }
        if saturated {
            self.set_qc();
        }
        self.n3s_write(a.vd, q, d);
        Ok(Flow::Next)
    }

    pub fn neon_3same_bit(&mut self, a: ArgN3s3reg, op: BitOp) -> R {
        use BitOp::*;
        if Self::n3s_odd_q(&a) {
            return Err(Trap::Undefined);
        }
        let q = a.q != 0;
        let (n, m, d) = (
            self.n3s_read(a.vn, q),
            self.n3s_read(a.vm, q),
            self.n3s_read(a.vd, q),
        );
        let r = match op {
            And => n & m,
            Bic => n & !m,
            Orr => n | m,
            Orn => n | !m,
            Eor => n ^ m,
            Bsl => (d & n) | (!d & m),
            Bit => (d & !m) | (n & m),
            Bif => (d & m) | (n & !m),
        };
        self.n3s_write(a.vd, q, r);
        Ok(Flow::Next)
    }

    pub fn neon_3same_float(&mut self, a: ArgN3s3reg, op: FloatOp) -> R {
        use FloatOp::*;
        if a.size != 0 || Self::n3s_odd_q(&a) {
            return Err(Trap::Undefined);
        }
        let q = a.q != 0;
        let (n, m, acc) = (
            self.n3s_read(a.vn, q),
            self.n3s_read(a.vm, q),
            self.n3s_read(a.vd, q),
        );
        let fpscr = self.cpu.vfp.fpscr;
        let mut f = fp::standard_fpscr(fpscr);
        let mut d = 0u128;
        if matches!(op, Padd | Pmax | Pmin) {
            let pair = |v: u128, i: u32, f: &mut u32| {
                let (x, y) = (elem(v, 32, 2 * i) as u32, elem(v, 32, 2 * i + 1) as u32);
                float_elem(op, x, y, 0, f)
            };
            let r1 = pair(n, 0, &mut f);
            let r2 = pair(m, 0, &mut f);
            set_elem(&mut d, 32, 0, r1 as u64);
            set_elem(&mut d, 32, 1, r2 as u64);
        } else {
            let elements = if q { 4 } else { 2 };
            for i in 0..elements {
                let r = float_elem(
                    op,
                    elem(n, 32, i) as u32,
                    elem(m, 32, i) as u32,
                    elem(acc, 32, i) as u32,
                    &mut f,
                );
                set_elem(&mut d, 32, i, r as u64);
            }
        }
        self.cpu.vfp.fpscr = fp::merge_flags(fpscr, f);
        self.n3s_write(a.vd, q, d);
        Ok(Flow::Next)
    }
}

/// One element of a .F32 row, `f` being the standard FPSCR value.
#[inline(always)]
fn float_elem(op: FloatOp, x: u32, y: u32, acc: u32, f: &mut u32) -> u32 {
    use FloatOp::*;
    let mask = |c: bool| if c { u32::MAX } else { 0 };
    match op {
        Add | Padd => fp::add32(x, y, f),
        Sub => fp::sub32(x, y, f),
        Abd => fp::abs32(fp::sub32(x, y, f)),
        Mul => fp::mul32(x, y, f),
        Mla => {
            let p = fp::mul32(x, y, f);
            fp::add32(acc, p, f)
        }
        Mls => {
            let p = fp::mul32(x, y, f);
            fp::add32(acc, fp::neg32(p), f)
        }
        Fma => fp::muladd_fused32(acc, x, y, f),
        Fms => fp::muladd_fused32(acc, fp::neg32(x), y, f),
        Ceq => mask(fp::cmp_eq32(x, y, f)),
        Cge => mask(fp::cmp_ge32(x, y, f)),
        Cgt => mask(fp::cmp_gt32(x, y, f)),
        Acge => mask(fp::cmp_ge32(fp::abs32(x), fp::abs32(y), f)),
        Acgt => mask(fp::cmp_gt32(fp::abs32(x), fp::abs32(y), f)),
        Max | Pmax => fp::max32(x, y, f),
        Min | Pmin => fp::min32(x, y, f),
        Recps => fp::recip_step32(x, y, f),
        Rsqrts => fp::rsqrt_step32(x, y, f),
    }
}
