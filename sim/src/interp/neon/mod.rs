//! Advanced SIMD (Neon): register views and element access shared by the
//! instruction groups (ARM ARM A7.4; pseudocode Elem[], Din[], Qin[]).

mod diff;
mod ls;
mod misc;
mod same;
mod scalar;
mod shift;
mod tworeg;

pub use diff::DiffOp;
pub use ls::{multi_shape, Multi};
pub use misc::MiscOp;
pub use same::{BitOp, FloatOp, IntOp};
pub use scalar::ScalarOp;
pub use shift::ShiftOp;

use super::exec::Exec;

/// FPSCR.QC, the cumulative saturation flag of the Q instructions.
pub const FPSCR_QC: u32 = 1 << 27;

#[inline(always)]
pub fn emask(esize: u32) -> u64 {
    if esize >= 64 {
        u64::MAX
    } else {
        (1u64 << esize) - 1
    }
}

/// Element `i` (of `esize` bits) of a vector.
#[inline(always)]
pub fn elem(v: u128, esize: u32, i: u32) -> u64 {
    (v >> (esize * i)) as u64 & emask(esize)
}

#[inline(always)]
pub fn set_elem(v: &mut u128, esize: u32, i: u32, x: u64) {
    let m = (emask(esize) as u128) << (esize * i);
    *v = (*v & !m) | (((x & emask(esize)) as u128) << (esize * i));
}

/// Sign-extends the low `bits` bits.
#[inline(always)]
pub fn sext(x: u64, bits: u32) -> i64 {
    ((x << (64 - bits)) as i64) >> (64 - bits)
}

/// An element as an integer of the given signedness.
#[inline(always)]
pub fn ext(x: u64, bits: u32, unsigned: bool) -> i128 {
    if unsigned {
        x as i128
    } else {
        sext(x, bits) as i128
    }
}

/// SignedSatQ for `bits`-bit results: (value, saturated?).
#[inline(always)]
pub fn signed_sat(v: i128, bits: u32) -> (u64, bool) {
    let max = (1i128 << (bits - 1)) - 1;
    let min = -(1i128 << (bits - 1));
    if v > max {
        (max as u64 & emask(bits), true)
    } else if v < min {
        (min as u64 & emask(bits), true)
    } else {
        (v as u64 & emask(bits), false)
    }
}

/// UnsignedSatQ for `bits`-bit results: (value, saturated?).
#[inline(always)]
pub fn unsigned_sat(v: i128, bits: u32) -> (u64, bool) {
    let max = emask(bits) as i128;
    if v > max {
        (max as u64, true)
    } else if v < 0 {
        (0, true)
    } else {
        (v as u64, false)
    }
}

/// SatQ(v, bits, unsigned): (value, saturated?).
#[inline(always)]
pub fn sat(v: i128, bits: u32, unsigned: bool) -> (u64, bool) {
    if unsigned {
        unsigned_sat(v, bits)
    } else {
        signed_sat(v, bits)
    }
}

impl Exec<'_> {
    #[inline(always)]
    pub fn neon_d(&self, n: i32) -> u64 {
        self.cpu.vfp.d[n as usize]
    }

    #[inline(always)]
    pub fn neon_set_d(&mut self, n: i32, v: u64) {
        self.cpu.vfp.d[n as usize] = v;
    }

    /// The Q register whose low half is D`n` (n even).
    #[inline(always)]
    pub fn neon_q(&self, n: i32) -> u128 {
        self.cpu.vfp.q(n as usize / 2)
    }

    #[inline(always)]
    pub fn neon_set_q(&mut self, n: i32, v: u128) {
        self.cpu.vfp.set_q(n as usize / 2, v)
    }

    #[inline(always)]
    pub fn set_qc(&mut self) {
        self.cpu.vfp.fpscr |= FPSCR_QC;
    }
}
