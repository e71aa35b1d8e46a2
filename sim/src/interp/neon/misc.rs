//! Two registers, miscellaneous (ARM ARM A7.4.5): VREV, VPADDL/VPADAL,
//! VCLS/VCLZ/VCNT, VMVN, VQABS/VQNEG, VABS/VNEG, compares with zero, VSWP,
//! VTRN/VUZP/VZIP, VMOVN/VQMOVN/VQMOVUN, VSHLL (maximum shift), VCVT
//! f16<->f32, VRECPE/VRSQRTE and VCVT between f32 and integers.

use super::tworeg::odd;
use super::unsigned_sat;
use super::{elem, emask, ext, set_elem, sext, signed_sat};
use crate::decode::ArgN2rMisc;
use crate::fp::{self, RoundingMode};
use crate::interp::exec::{Exec, Flow, Trap, R};

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

impl Exec<'_> {
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
                // With Vd = Vm the result is UNKNOWN. We do what qemu does:
                // VUZP/VZIP keep Vd's half; VTRN.32 swaps each pair and
                // VTRN.8/.16 copy each even element over the odd one.
                if a.vd == a.vm && op == Trn {
                    let same: Vec<u64> = (0..elements as usize)
                        .map(|i| match (esize, i % 2) {
                            (32, 0) => de[i + 1],
                            (32, _) => de[i - 1],
                            (_, 0) => de[i],
                            _ => de[i - 1],
                        })
                        .collect();
                    self.vset(a.vd, q, pack(&same));
                } else {
                    self.vset(a.vm, q, pack(&nm));
                    self.vset(a.vd, q, pack(&nd));
                }
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
}
