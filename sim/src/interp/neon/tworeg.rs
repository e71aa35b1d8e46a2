//! Two-register Advanced SIMD data processing (ARM ARM A7.4.3-A7.4.6):
//! one register and a modified immediate, two registers and a shift
//! amount, the miscellaneous group, two registers and a scalar; plus
//! VEXT, VTBL/VTBX and VDUP (scalar and core register).

use super::{elem, emask, ext, set_elem, sext, signed_sat};
use crate::decode::{
    ArgN2rDup, ArgN2rDupCore, ArgN2rExt, ArgN2rImm, ArgN2rMisc, ArgN2rScalar, ArgN2rShift,
    ArgN2rTbl,
};
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MiscOp {
    Rev64,
    Rev32,
    Rev16,
    Paddl,
    Cls,
    Clz,
    Cnt,
    Mvn,
    Padal,
    Qabs,
    Qneg,
    Cgt0,
    Cge0,
    Ceq0,
    Cle0,
    Clt0,
    Abs,
    Neg,
    Swp,
    Trn,
    Uzp,
    Zip,
    /// VMOVN, VQMOVUN, VQMOVN (op = bits 7:6)
    Movn,
    ShllMax,
    CvtHalf,
    Recpe,
    Rsqrte,
    /// VCVT between f32 and 32-bit integers (op = bits 8:7)
    CvtFi,
}

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

/// UnsignedSatQ for `bits`-bit results: (value, saturated?).
fn unsigned_sat(v: i128, bits: u32) -> (u64, bool) {
    let max = emask(bits) as i128;
    if v > max {
        (max as u64, true)
    } else if v < 0 {
        (0, true)
    } else {
        (v as u64, false)
    }
}

fn sat(v: i128, bits: u32, unsigned: bool) -> (u64, bool) {
    if unsigned {
        unsigned_sat(v, bits)
    } else {
        signed_sat(v, bits)
    }
}

/// AdvSIMDExpandImm(op, cmode, imm8); None where it is UNDEFINED.
pub fn adv_simd_expand_imm(op: u32, cmode: u32, imm8: u64) -> Option<u64> {
    let rep32 = |x: u64| x | x << 32;
    let rep16 = |x: u64| rep32(x | x << 16);
    Some(match cmode >> 1 {
        0 => rep32(imm8),
        1 => rep32(imm8 << 8),
        2 => rep32(imm8 << 16),
        3 => rep32(imm8 << 24),
        4 => rep16(imm8),
        5 => rep16(imm8 << 8),
        6 => {
            if cmode & 1 == 0 {
                rep32(imm8 << 8 | 0xff)
            } else {
                rep32(imm8 << 16 | 0xffff)
            }
        }
        _ => {
            if cmode & 1 == 0 {
                if op == 0 {
                    imm8 * 0x0101_0101_0101_0101
                } else {
                    (0..8)
                        .filter(|i| imm8 >> i & 1 != 0)
                        .fold(0, |acc, i| acc | 0xff << (8 * i))
                }
            } else {
                if op == 1 {
                    return None;
                }
                let b6 = imm8 >> 6 & 1;
                let f = (imm8 >> 7) << 31
                    | (b6 ^ 1) << 30
                    | if b6 != 0 { 0x1f << 25 } else { 0 }
                    | (imm8 & 0x3f) << 19;
                rep32(f)
            }
        }
    })
}

fn odd(r: i32) -> bool {
    r & 1 != 0
}

impl Exec<'_> {
    /// A D register (q = false) or the Q register starting at D`n`.
    #[inline(always)]
    fn vget(&self, n: i32, q: bool) -> u128 {
        if q {
            self.neon_q(n)
        } else {
            self.neon_d(n) as u128
        }
    }

    #[inline(always)]
    fn vset(&mut self, n: i32, q: bool, v: u128) {
        if q {
            self.neon_set_q(n, v)
        } else {
            self.neon_set_d(n, v as u64)
        }
    }

    /// VMOV, VMVN, VORR, VBIC (immediate).
    pub fn neon_vimm(&mut self, a: ArgN2rImm) -> R {
        let (op, cmode) = (a.op as u32, a.cmode as u32);
        if a.q != 0 && odd(a.vd) {
            return Err(Trap::Undefined);
        }
        let imm = adv_simd_expand_imm(op, cmode, a.imm as u64).ok_or(Trap::Undefined)?;
        let logical = cmode < 12 && cmode & 1 == 1;
        for r in 0..=a.q {
            let d = self.neon_d(a.vd + r);
            let v = match (logical, op) {
                (true, 0) => d | imm,
                (true, _) => d & !imm,
                (false, 0) => imm,
                // cmode 1110 with op = 1 is the byte-mask VMOV.I64.
                (false, _) if cmode == 14 => imm,
                (false, _) => !imm,
            };
            self.neon_set_d(a.vd + r, v);
        }
        Ok(Flow::Next)
    }

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

    /// Two registers, miscellaneous (A7.4.5).
    pub fn neon_misc(&mut self, a: ArgN2rMisc, op: MiscOp) -> R {
        use MiscOp::*;
        let size = a.size as u32;
        let b = a.b as u32;
        let q = b & 1 != 0;
        let float = b >> 4 & 1 != 0;
        let undefined = size == 3
            || match op {
                Rev64 | Rev32 | Rev16 => {
                    let o = match op {
                        Rev64 => 0,
                        Rev32 => 1,
                        _ => 2,
                    };
                    o + size >= 3
                }
                Cnt | Mvn | Swp => size != 0,
                Cgt0 | Cge0 | Ceq0 | Cle0 | Clt0 | Abs | Neg => float && size != 2,
                Uzp | Zip => !q && size == 2,
                CvtHalf => size != 1,
                Recpe | Rsqrte | CvtFi => size != 2,
                _ => false,
            }
            || match op {
                Movn => odd(a.vm),
                ShllMax => odd(a.vd),
                CvtHalf => {
                    if b >> 2 & 1 != 0 {
                        odd(a.vd)
                    } else {
                        odd(a.vm)
                    }
                }
                _ => q && (odd(a.vd) || odd(a.vm)),
            };
        if undefined {
            return Err(Trap::Undefined);
        }
        let esize = 8 << size;
        let mask = emask(esize);

        match op {
            Movn => {
                let src = self.neon_q(a.vm);
                let wide = 2 * esize;
                let mut d = 0u128;
                let mut saturated = false;
                for i in 0..64 / esize {
                    let x = elem(src, wide, i);
                    let (r, s) = match b & 3 {
                        0 => (x & mask, false),
                        1 => unsigned_sat(ext(x, wide, false), esize),
                        2 => signed_sat(ext(x, wide, false), esize),
                        _ => unsigned_sat(x as i128, esize),
                    };
                    saturated |= s;
                    set_elem(&mut d, esize, i, r);
                }
                if saturated {
                    self.set_qc();
                }
                self.neon_set_d(a.vd, d as u64);
                return Ok(Flow::Next);
            }
            ShllMax => {
                let src = self.neon_d(a.vm) as u128;
                let mut d = 0u128;
                for i in 0..64 / esize {
                    set_elem(&mut d, 2 * esize, i, elem(src, esize, i) << esize);
                }
                self.neon_set_q(a.vd, d);
                return Ok(Flow::Next);
            }
            CvtHalf => {
                let fpscr = self.cpu.vfp.fpscr;
                let mut f = fp::standard_fpscr(fpscr);
                let mut d = 0u128;
                if b >> 2 & 1 != 0 {
                    let src = self.neon_d(a.vm) as u128;
                    for i in 0..4 {
                        let r = fp::f16_to_f32(elem(src, 16, i) as u16, &mut f);
                        set_elem(&mut d, 32, i, r as u64);
                    }
                    self.neon_set_q(a.vd, d);
                } else {
                    let src = self.neon_q(a.vm);
                    for i in 0..4 {
                        let r = fp::f32_to_f16(elem(src, 32, i) as u32, &mut f);
                        set_elem(&mut d, 16, i, r as u64);
                    }
                    self.neon_set_d(a.vd, d as u64);
                }
                self.cpu.vfp.fpscr = fp::merge_flags(fpscr, f);
                return Ok(Flow::Next);
            }
            _ => {}
        }

        let bits = if q { 128 } else { 64 };
        let elements = bits / esize;
        let m = self.vget(a.vm, q);
        let dv = self.vget(a.vd, q);

        match op {
            Swp => {
                self.vset(a.vd, q, m);
                self.vset(a.vm, q, dv);
                return Ok(Flow::Next);
            }
            Trn | Uzp | Zip => {
                let de: Vec<u64> = (0..elements).map(|i| elem(dv, esize, i)).collect();
                let me: Vec<u64> = (0..elements).map(|i| elem(m, esize, i)).collect();
                let (nd, nm): (Vec<u64>, Vec<u64>) = match op {
                    Trn => {
                        let (mut nd, mut nm) = (de.clone(), me.clone());
                        for e in 0..elements as usize / 2 {
                            nd[2 * e + 1] = me[2 * e];
                            nm[2 * e] = de[2 * e + 1];
                        }
                        (nd, nm)
                    }
                    Uzp => {
                        let all: Vec<u64> = de.iter().chain(me.iter()).copied().collect();
                        (
                            all.iter().step_by(2).copied().collect(),
                            all.iter().skip(1).step_by(2).copied().collect(),
                        )
                    }
                    _ => {
                        let all: Vec<u64> = de
                            .iter()
                            .zip(me.iter())
                            .flat_map(|(&x, &y)| [x, y])
                            .collect();
                        let (lo, hi) = all.split_at(elements as usize);
                        (lo.to_vec(), hi.to_vec())
                    }
                };
                let pack = |v: &[u64]| {
                    let mut r = 0u128;
                    for (i, &x) in v.iter().enumerate() {
                        set_elem(&mut r, esize, i as u32, x);
                    }
                    r
                };
                self.vset(a.vd, q, pack(&nd));
                self.vset(a.vm, q, pack(&nm));
                return Ok(Flow::Next);
            }
            Paddl | Padal => {
                let unsigned = b >> 1 & 1 != 0;
                let wide = 2 * esize;
                let mut d = 0u128;
                for i in 0..bits / wide {
                    let s = ext(elem(m, esize, 2 * i), esize, unsigned)
                        + ext(elem(m, esize, 2 * i + 1), esize, unsigned);
                    let acc = if op == Padal {
                        elem(dv, wide, i) as i128
                    } else {
                        0
                    };
                    set_elem(&mut d, wide, i, (acc + s) as u64);
                }
                self.vset(a.vd, q, d);
                return Ok(Flow::Next);
            }
            Rev64 | Rev32 | Rev16 => {
                let group = match op {
                    Rev64 => 64,
                    Rev32 => 32,
                    _ => 16,
                } / esize;
                let mut d = 0u128;
                for i in 0..elements {
                    let j = i - i % group + (group - 1 - i % group);
                    set_elem(&mut d, esize, j, elem(m, esize, i));
                }
                self.vset(a.vd, q, d);
                return Ok(Flow::Next);
            }
            _ => {}
        }

        let fpscr = self.cpu.vfp.fpscr;
        let mut f = fp::standard_fpscr(fpscr);
        let mut saturated = false;
        let mut d = 0u128;
        let ones = |c: bool| if c { mask } else { 0 };
        for i in 0..elements {
            let x = elem(m, esize, i);
            let s = sext(x, esize) as i128;
            let x32 = x as u32;
            let r = match op {
                Cls => {
                    let y = if s < 0 { !x & mask } else { x };
                    (y.leading_zeros() - (64 - esize)) as u64 - 1
                }
                Clz => (x.leading_zeros() - (64 - esize)) as u64,
                Cnt => x.count_ones() as u64,
                Mvn => !x,
                Qabs | Qneg => {
                    let (r, sat) = signed_sat(if op == Qabs { s.abs() } else { -s }, esize);
                    saturated |= sat;
                    r
                }
                Cgt0 | Cge0 | Ceq0 | Cle0 | Clt0 if float => ones(match op {
                    Cgt0 => fp::cmp_gt32(x32, 0, &mut f),
                    Cge0 => fp::cmp_ge32(x32, 0, &mut f),
                    Ceq0 => fp::cmp_eq32(x32, 0, &mut f),
                    Cle0 => fp::cmp_ge32(0, x32, &mut f),
                    _ => fp::cmp_gt32(0, x32, &mut f),
                }),
                Cgt0 => ones(s > 0),
                Cge0 => ones(s >= 0),
                Ceq0 => ones(s == 0),
                Cle0 => ones(s <= 0),
                Clt0 => ones(s < 0),
                Abs if float => x & 0x7fff_ffff,
                Neg if float => x ^ 0x8000_0000,
                Abs => s.unsigned_abs() as u64,
                Neg => (-s) as u64,
                Recpe if b >> 2 & 1 != 0 => fp::recip_estimate32(x32, &mut f) as u64,
                Recpe => fp::recip_estimate_u32(x32) as u64,
                Rsqrte if b >> 2 & 1 != 0 => fp::rsqrt_estimate32(x32, &mut f) as u64,
                Rsqrte => fp::rsqrt_estimate_u32(x32) as u64,
                CvtFi => {
                    (match b >> 1 & 3 {
                        0 => fp::s32_to_f32(x32, &mut f),
                        1 => fp::u32_to_f32(x32, &mut f),
                        2 => fp::f32_to_s32(x32, RoundingMode::Zero, &mut f),
                        _ => fp::f32_to_u32(x32, RoundingMode::Zero, &mut f),
                    }) as u64
                }
                _ => unreachable!("handled above"),
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

    /// VEXT: bytes from the bottom of Vm:Vn, starting at byte imm4.
    pub fn neon_vext(&mut self, a: ArgN2rExt) -> R {
        let q = a.q != 0;
        if (q && (odd(a.vd) || odd(a.vn) || odd(a.vm))) || (!q && a.imm4 > 7) {
            return Err(Trap::Undefined);
        }
        let bytes = if q { 16 } else { 8 };
        let n = self.vget(a.vn, q);
        let m = self.vget(a.vm, q);
        let mut d = 0u128;
        for i in 0..bytes {
            let j = i + a.imm4 as u32;
            let byte = if j < bytes {
                elem(n, 8, j)
            } else {
                elem(m, 8, j - bytes)
            };
            set_elem(&mut d, 8, i, byte);
        }
        self.vset(a.vd, q, d);
        Ok(Flow::Next)
    }

    /// VTBL / VTBX: byte lookup in a list of 1-4 D registers.
    pub fn neon_vtbl(&mut self, a: ArgN2rTbl) -> R {
        let length = a.len + 1;
        if a.vn + length > 32 {
            return Err(Trap::Undefined);
        }
        let table: Vec<u64> = (0..length).map(|r| self.neon_d(a.vn + r)).collect();
        let index = self.neon_d(a.vm);
        let old = self.neon_d(a.vd);
        let mut d = 0u64;
        for i in 0..8 {
            let idx = (index >> (8 * i)) & 0xff;
            let byte = if idx < 8 * length as u64 {
                (table[idx as usize / 8] >> (8 * (idx % 8))) & 0xff
            } else if a.tbx != 0 {
                (old >> (8 * i)) & 0xff
            } else {
                0
            };
            d |= byte << (8 * i);
        }
        self.neon_set_d(a.vd, d);
        Ok(Flow::Next)
    }

    fn neon_dup(&mut self, vd: i32, q: bool, esize: u32, x: u64) {
        let mut v = 0u64;
        for i in 0..64 / esize {
            v |= (x & emask(esize)) << (esize * i);
        }
        for r in 0..=(q as i32) {
            self.neon_set_d(vd + r, v);
        }
    }

    /// VDUP (scalar).
    pub fn neon_vdup_scalar(&mut self, a: ArgN2rDup) -> R {
        let imm4 = a.imm4 as u32;
        let (esize, idx) = if imm4 & 1 != 0 {
            (8, imm4 >> 1)
        } else if imm4 & 2 != 0 {
            (16, imm4 >> 2)
        } else if imm4 & 4 != 0 {
            (32, imm4 >> 3)
        } else {
            return Err(Trap::Undefined);
        };
        let q = a.q != 0;
        if q && odd(a.vd) {
            return Err(Trap::Undefined);
        }
        let x = elem(self.neon_d(a.vm) as u128, esize, idx);
        self.neon_dup(a.vd, q, esize, x);
        Ok(Flow::Next)
    }

    /// VDUP (ARM core register).
    pub fn neon_vdup_core(&mut self, a: ArgN2rDupCore) -> R {
        let esize = match (a.b, a.e) {
            (0, 0) => 32,
            (0, 1) => 16,
            (1, 0) => 8,
            _ => return Err(Trap::Undefined),
        };
        let q = a.q != 0;
        if q && odd(a.vd) {
            return Err(Trap::Undefined);
        }
        let x = self.reg(a.rt) as u64;
        self.neon_dup(a.vd, q, esize, x);
        Ok(Flow::Next)
    }
}
