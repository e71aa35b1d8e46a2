//! Multiplies and divides (ARM ARM A4.4 "Multiply instructions", A8.8:
//! MUL, MLA, MLS, UMULL, UMLAL, SMULL, SMLAL, UMAAL, SMLA<x><y>,
//! SMLAW<y>, SMLAL<x><y>, SMUAD/SMLAD, SMUSD/SMLSD, SMLALD/SMLSLD,
//! SMMUL/SMMLA/SMMLS, SDIV, UDIV, USAD8/USADA8).

use super::exec::{Exec, Flow, R};
use crate::decode::{ArgLmulXy, ArgLmx, ArgMx, ArgRrr, ArgRrrr, ArgRrrrXy, ArgSLmul, ArgSRrrr};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum LongMul {
    Umull,
    Umlal,
    Smull,
    Smlal,
    Umaal,
}

/// Which half of a register a halfword multiply takes: top (1) or bottom.
#[inline(always)]
fn half(v: u32, top: i32) -> i32 {
    if top != 0 {
        (v as i32) >> 16
    } else {
        v as i16 as i32
    }
}

impl Exec<'_> {
    /// MUL and MLA (`acc`): only the low 32 bits; S sets N and Z.
    pub fn mul(&mut self, a: ArgSRrrr, acc: bool) -> R {
        let mut r = self.reg(a.rn).wrapping_mul(self.reg(a.rm));
        if acc {
            r = r.wrapping_add(self.reg(a.ra));
        }
        if a.s != 0 {
            self.cpu.set_nz(r);
        }
        self.set_reg(a.rd, r);
        Ok(Flow::Next)
    }

    pub fn mls(&mut self, a: ArgRrrr) -> R {
        let r = self
            .reg(a.ra)
            .wrapping_sub(self.reg(a.rn).wrapping_mul(self.reg(a.rm)));
        self.set_reg(a.rd, r);
        Ok(Flow::Next)
    }

    pub fn long_mul(&mut self, a: ArgSLmul, kind: LongMul) -> R {
        let (n, m) = (self.reg(a.rn), self.reg(a.rm));
        let acc = ((self.reg(a.rdhi) as u64) << 32) | self.reg(a.rdlo) as u64;
        let r = match kind {
            LongMul::Umull => n as u64 * m as u64,
            LongMul::Umlal => (n as u64 * m as u64).wrapping_add(acc),
            LongMul::Smull => (n as i32 as i64 * m as i32 as i64) as u64,
            LongMul::Smlal => ((n as i32 as i64 * m as i32 as i64) as u64).wrapping_add(acc),
            // UMAAL: n*m + RdLo + RdHi cannot overflow 64 bits.
            LongMul::Umaal => {
                n as u64 * m as u64 + self.reg(a.rdlo) as u64 + self.reg(a.rdhi) as u64
            }
        };
        if a.s != 0 {
            self.cpu.n = (r >> 63) as u32;
            self.cpu.z = (r == 0) as u32;
        }
        self.set_reg(a.rdlo, r as u32);
        self.set_reg(a.rdhi, (r >> 32) as u32);
        Ok(Flow::Next)
    }

    /// SMLA<x><y> / SMUL<x><y> (`acc` false): 16x16 products; the
    /// accumulate sets Q on signed overflow.
    pub fn smla_xy(&mut self, a: ArgRrrrXy, acc: bool) -> R {
        let p = half(self.reg(a.rn), a.nt) * half(self.reg(a.rm), a.mt);
        let r = if acc {
            let (r, o) = p.overflowing_add(self.reg(a.ra) as i32);
            self.cpu.q |= o as u32;
            r
        } else {
            p
        };
        self.set_reg(a.rd, r as u32);
        Ok(Flow::Next)
    }

    /// SMLAW<y> / SMULW<y>: 32x16 product, top 32 of the 48-bit result.
    pub fn smlaw_y(&mut self, a: ArgRrrrXy, acc: bool) -> R {
        let p = ((self.reg(a.rn) as i32 as i64 * half(self.reg(a.rm), a.mt) as i64) >> 16) as i32;
        let r = if acc {
            let (r, o) = p.overflowing_add(self.reg(a.ra) as i32);
            self.cpu.q |= o as u32;
            r
        } else {
            p
        };
        self.set_reg(a.rd, r as u32);
        Ok(Flow::Next)
    }

    pub fn smlal_xy(&mut self, a: ArgLmulXy) -> R {
        let p = half(self.reg(a.rn), a.nt) as i64 * half(self.reg(a.rm), a.mt) as i64;
        let acc = ((self.reg(a.rdhi) as u64) << 32 | self.reg(a.rdlo) as u64) as i64;
        let r = acc.wrapping_add(p) as u64;
        self.set_reg(a.rdlo, r as u32);
        self.set_reg(a.rdhi, (r >> 32) as u32);
        Ok(Flow::Next)
    }

    /// The two 16x16 products of the dual multiplies, Rm's halves swapped
    /// when X is set.
    fn dual_products(&self, rn: i32, rm: i32, x: i32) -> (i64, i64) {
        let (n, mut m) = (self.reg(rn), self.reg(rm));
        if x != 0 {
            m = m.rotate_right(16);
        }
        let lo = (n as i16 as i64) * (m as i16 as i64);
        let hi = ((n >> 16) as i16 as i64) * ((m >> 16) as i16 as i64);
        (lo, hi)
    }

    /// SMUAD/SMLAD (`sub` false) and SMUSD/SMLSD: Q is set when the 32-bit
    /// result overflows.
    pub fn smlad(&mut self, a: ArgMx, sub: bool, acc: bool) -> R {
        let (lo, hi) = self.dual_products(a.rn, a.rm, a.x);
        let mut r = if sub { lo - hi } else { lo + hi };
        if acc {
            r += self.reg(a.ra) as i32 as i64;
        }
        if r != r as i32 as i64 {
            self.cpu.q = 1;
        }
        self.set_reg(a.rd, r as u32);
        Ok(Flow::Next)
    }

    pub fn smlald(&mut self, a: ArgLmx, sub: bool) -> R {
        let (lo, hi) = self.dual_products(a.rn, a.rm, a.x);
        let acc = ((self.reg(a.rdhi) as u64) << 32 | self.reg(a.rdlo) as u64) as i64;
        let p = if sub { lo - hi } else { lo + hi };
        let r = acc.wrapping_add(p) as u64;
        self.set_reg(a.rdlo, r as u32);
        self.set_reg(a.rdhi, (r >> 32) as u32);
        Ok(Flow::Next)
    }

    /// SMMUL/SMMLA/SMMLS: the top word of a 64-bit product, `x` = round.
    pub fn smmla(&mut self, a: ArgMx, acc: Option<bool>) -> R {
        let p = self.reg(a.rn) as i32 as i64 * self.reg(a.rm) as i32 as i64;
        let base = (self.reg(a.ra) as i64) << 32;
        let mut r = match acc {
            None => p,
            Some(false) => base.wrapping_add(p),
            Some(true) => base.wrapping_sub(p),
        };
        if a.x != 0 {
            r = r.wrapping_add(0x8000_0000);
        }
        self.set_reg(a.rd, (r >> 32) as u32);
        Ok(Flow::Next)
    }

    /// SDIV/UDIV: division by zero gives 0 (no trap in ARMv7-A).
    pub fn div(&mut self, a: ArgRrr, signed: bool) -> R {
        let (n, m) = (self.reg(a.rn), self.reg(a.rm));
        let r = if m == 0 {
            0
        } else if signed {
            (n as i32).wrapping_div(m as i32) as u32
        } else {
            n / m
        };
        self.set_reg(a.rd, r);
        Ok(Flow::Next)
    }

    /// USAD8/USADA8 (Ra = 15 for no accumulate).
    pub fn usada8(&mut self, a: ArgRrrr) -> R {
        let (n, m) = (self.reg(a.rn), self.reg(a.rm));
        let mut r: u32 = (0..4)
            .map(|i| ((n >> (8 * i)) as u8).abs_diff((m >> (8 * i)) as u8) as u32)
            .sum();
        if a.ra != 15 {
            r = r.wrapping_add(self.reg(a.ra));
        }
        self.set_reg(a.rd, r);
        Ok(Flow::Next)
    }
}
