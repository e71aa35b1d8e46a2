//! Two-register Advanced SIMD data processing: one register and a
//! modified immediate (ARM ARM A7.4.6), VEXT, VTBL/VTBX, VDUP (scalar and
//! core register), and helpers shared with the other two-register groups
//! (shift.rs A7.4.4, misc.rs A7.4.5, scalar.rs A7.4.3).

use super::{elem, emask, set_elem};
use crate::decode::{ArgN2rDup, ArgN2rDupCore, ArgN2rExt, ArgN2rImm, ArgN2rTbl};
use crate::interp::exec::{Exec, Flow, Trap, R};

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

pub(super) fn odd(r: i32) -> bool {
    r & 1 != 0
}

impl Exec<'_> {
    /// A D register (q = false) or the Q register starting at D`n`.
    #[inline(always)]
    pub(super) fn vget(&self, n: i32, q: bool) -> u128 {
        if q {
            self.neon_q(n)
        } else {
            self.neon_d(n) as u128
        }
    }

    #[inline(always)]
    pub(super) fn vset(&mut self, n: i32, q: bool, v: u128) {
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
