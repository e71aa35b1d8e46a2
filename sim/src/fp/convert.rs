//! Conversions: between precisions (`FPDoubleToSingle`, `FPSingleToDouble`,
//! `FPHalfToSingle`, `FPSingleToHalf`) and between floating point and
//! integer/fixed point (`FPToFixed`, `FixedToFP`).

use super::arith::{directed32, in_safe_range32};
use super::format::{unpack, Kind, F16, F32, F64};
use super::fpscr::{RoundingMode, FPSCR_DN, FPSCR_FZ, FPSCR_IDC, FPSCR_IOC, FPSCR_IXC};
use super::round::round;

// ---------------------------------------------------------------------------
// Between precisions
// ---------------------------------------------------------------------------

/// `FPSingleToDouble(op)` (VCVT.F64.F32).  NaNs keep sign and payload (the
/// single fraction goes to the top of the double fraction) and are quietened;
/// a signalling NaN raises Invalid Operation; Default NaN mode applies.
#[inline]
pub fn f32_to_f64(x: u32, fpscr: &mut u32) -> u64 {
    let e = x & 0x7F80_0000;
    if e != 0x7F80_0000 && (e != 0 || *fpscr & FPSCR_FZ == 0) {
        // Every single (denormals included) is exactly a double.
        return (f32::from_bits(x) as f64).to_bits();
    }
    let u = unpack(F32, x as u64, fpscr);
    let sign = F64.sign(u.sign);
    match u.kind {
        Kind::QNaN | Kind::SNaN => {
            if u.kind == Kind::SNaN {
                *fpscr |= FPSCR_IOC;
            }
            if *fpscr & FPSCR_DN != 0 {
                F64.default_nan()
            } else {
                sign | 0x7FF8_0000_0000_0000 | (((x & 0x003F_FFFF) as u64) << 29)
            }
        }
        Kind::Inf => F64.infinity(u.sign),
        // Zeros, and single denormals flushed by FZ.
        _ => F64.zero(u.sign),
    }
}

/// `FPDoubleToSingle(op)` (VCVT.F32.F64), rounding per FPSCR.RMode.
/// NaNs keep sign and the top 22 payload bits and are quietened.
#[inline]
pub fn f64_to_f32(x: u64, fpscr: &mut u32) -> u32 {
    f64_to_f32_rm(x, RoundingMode::from_fpscr(*fpscr), fpscr)
}

/// `FPDoubleToSingle()` with an explicit rounding mode (also the rounding
/// step of `FixedToFP()` for single precision).
#[inline]
fn f64_to_f32_rm(x: u64, rmode: RoundingMode, fpscr: &mut u32) -> u32 {
    let v = f64::from_bits(x);
    let r = v as f32;
    if in_safe_range32(r.to_bits()) {
        // No double rounding: the conversion is a single correct rounding.
        let back = r as f64;
        if back == v {
            return r.to_bits();
        }
        *fpscr |= FPSCR_IXC;
        return if rmode == RoundingMode::Nearest {
            r.to_bits()
        } else {
            directed32(r.to_bits(), v > back, rmode as u32)
        };
    }
    let u = unpack(F64, x, fpscr);
    match u.kind {
        Kind::QNaN | Kind::SNaN => {
            if u.kind == Kind::SNaN {
                *fpscr |= FPSCR_IOC;
            }
            if *fpscr & FPSCR_DN != 0 {
                F32.default_nan() as u32
            } else {
                (F32.sign(u.sign) | 0x7FC0_0000 | ((x >> 29) & 0x003F_FFFF)) as u32
            }
        }
        Kind::Inf => F32.infinity(u.sign) as u32,
        Kind::Zero => F32.zero(u.sign) as u32,
        Kind::Finite => round(F32, u.sign, u.exp, u.mant as u128, rmode, fpscr) as u32,
    }
}

/// `FPHalfToSingle(op)` (VCVTB/VCVTT.F32.F16, VCVT.F32.F16).  The format
/// (IEEE or alternative) is chosen by FPSCR.AHP; half-precision inputs are
/// never flushed to zero.  The result is always exact.
pub fn f16_to_f32(h: u16, fpscr: &mut u32) -> u32 {
    let u = unpack(F16, h as u64, fpscr);
    match u.kind {
        Kind::QNaN | Kind::SNaN => {
            if u.kind == Kind::SNaN {
                *fpscr |= FPSCR_IOC;
            }
            if *fpscr & FPSCR_DN != 0 {
                F32.default_nan() as u32
            } else {
                (F32.sign(u.sign) | 0x7FC0_0000 | ((h as u64 & 0x1FF) << 13)) as u32
            }
        }
        Kind::Inf => F32.infinity(u.sign) as u32,
        Kind::Zero => F32.zero(u.sign) as u32,
        Kind::Finite => round(
            F32,
            u.sign,
            u.exp,
            u.mant as u128,
            RoundingMode::from_fpscr(*fpscr),
            fpscr,
        ) as u32,
    }
}

/// `FPSingleToHalf(op)` (VCVTB/VCVTT.F16.F32, VCVT.F16.F32), rounding per
/// FPSCR.RMode, format chosen by FPSCR.AHP.  In the alternative format NaNs
/// become signed zeros and infinities saturate, both raising Invalid
/// Operation.  FZ flushes single denormal inputs but never half outputs.
pub fn f32_to_f16(x: u32, fpscr: &mut u32) -> u16 {
    let u = unpack(F32, x as u64, fpscr);
    let ahp = *fpscr & super::fpscr::FPSCR_AHP != 0;
    let r = match u.kind {
        Kind::QNaN | Kind::SNaN => {
            let r = if ahp {
                *fpscr |= FPSCR_IOC;
                F16.zero(u.sign)
            } else if *fpscr & FPSCR_DN != 0 {
                F16.default_nan()
            } else {
                F16.sign(u.sign) | 0x7E00 | ((x as u64 >> 13) & 0x1FF)
            };
            if u.kind == Kind::SNaN {
                *fpscr |= FPSCR_IOC;
            }
            r
        }
        Kind::Inf => {
            if ahp {
                *fpscr |= FPSCR_IOC;
                F16.sign(u.sign) | 0x7FFF
            } else {
                F16.infinity(u.sign)
            }
        }
        Kind::Zero => F16.zero(u.sign),
        Kind::Finite => round(
            F16,
            u.sign,
            u.exp,
            u.mant as u128,
            RoundingMode::from_fpscr(*fpscr),
            fpscr,
        ),
    };
    r as u16
}

// ---------------------------------------------------------------------------
// Floating point to integer / fixed point (`FPToFixed`)
// ---------------------------------------------------------------------------

/// `2^k` as a double for `0 <= k <= 1023`.
#[inline(always)]
fn pow2(k: u32) -> f64 {
    f64::from_bits(((1023 + k.min(1023)) as u64) << 52)
}

/// Saturation bounds of `SatQ(_, size, unsigned)`.
#[inline(always)]
fn bounds(signed: bool, size: u32) -> (f64, f64) {
    let size = size.clamp(1, 32);
    if signed {
        let h = pow2(size - 1);
        (-h, h - 1.0)
    } else {
        (0.0, pow2(size) - 1.0)
    }
}

/// Second half of `FPToFixed()`: `v` is the operand already scaled by
/// 2^fraction_bits, held exactly (or infinite, which saturates as the
/// pseudocode's huge stand-in value does).  Every step here is exact in
/// double precision: rounding to an integer and comparing with the bounds.
#[inline(always)]
fn scaled_to_fixed(v: f64, signed: bool, size: u32, rmode: RoundingMode, fpscr: &mut u32) -> u32 {
    let t = match rmode {
        RoundingMode::Nearest => v.round_ties_even(),
        RoundingMode::PlusInf => v.ceil(),
        RoundingMode::MinusInf => v.floor(),
        RoundingMode::Zero => v.trunc(),
    };
    let (lo, hi) = bounds(signed, size);
    let t = if t < lo {
        *fpscr |= FPSCR_IOC;
        lo
    } else if t > hi {
        *fpscr |= FPSCR_IOC;
        hi
    } else {
        if t != v {
            *fpscr |= FPSCR_IXC;
        }
        t
    };
    if signed {
        t as i64 as u32
    } else {
        t as u64 as u32
    }
}

/// `FPToFixed(op, size, fbits, unsigned, ...)`, single precision source.
///
/// `size` is 16 or 32; `fbits` the number of fraction bits (0 for the integer
/// conversions).  The result is saturated to `size` bits (raising Invalid
/// Operation), then sign- or zero-extended to 32 bits; NaN gives 0 with
/// Invalid Operation; an inexact in-range result raises Inexact.  Pass
/// `RoundingMode::Zero` for VCVT and `RoundingMode::from_fpscr(fpscr)` for
/// VCVTR; FZ and the other FPSCR controls come from `fpscr`.
#[inline]
pub fn f32_to_fixed(
    x: u32,
    fbits: u32,
    signed: bool,
    size: u32,
    rmode: RoundingMode,
    fpscr: &mut u32,
) -> u32 {
    let e = x & 0x7F80_0000;
    if e == 0x7F80_0000 && x & 0x007F_FFFF != 0 {
        *fpscr |= FPSCR_IOC;
        return 0;
    }
    if e == 0 && x & 0x007F_FFFF != 0 && *fpscr & FPSCR_FZ != 0 {
        *fpscr |= FPSCR_IDC;
        return 0;
    }
    // Exact: a single scaled by at most 2^64 is a double.
    let v = f32::from_bits(x) as f64 * pow2(fbits.min(64));
    scaled_to_fixed(v, signed, size, rmode, fpscr)
}

/// `FPToFixed()`, double precision source (see [`f32_to_fixed`]).  The result
/// is extended to 32 bits; VCVT to a D register extends it further.
#[inline]
pub fn f64_to_fixed(
    x: u64,
    fbits: u32,
    signed: bool,
    size: u32,
    rmode: RoundingMode,
    fpscr: &mut u32,
) -> u32 {
    let e = x & 0x7FF0_0000_0000_0000;
    let frac = x & 0x000F_FFFF_FFFF_FFFF;
    if e == 0x7FF0_0000_0000_0000 && frac != 0 {
        *fpscr |= FPSCR_IOC;
        return 0;
    }
    if e == 0 && frac != 0 && *fpscr & FPSCR_FZ != 0 {
        *fpscr |= FPSCR_IDC;
        return 0;
    }
    // Exact scaling by a power of two, or overflow to infinity, which still
    // saturates correctly.
    let v = f64::from_bits(x) * pow2(fbits.min(64));
    scaled_to_fixed(v, signed, size, rmode, fpscr)
}

/// VCVT{R}.S32.F32: `FPToFixed(op, 32, 0, FALSE, ...)`; returns the bits.
#[inline]
pub fn f32_to_s32(x: u32, rmode: RoundingMode, fpscr: &mut u32) -> u32 {
    f32_to_fixed(x, 0, true, 32, rmode, fpscr)
}

/// VCVT{R}.U32.F32.
#[inline]
pub fn f32_to_u32(x: u32, rmode: RoundingMode, fpscr: &mut u32) -> u32 {
    f32_to_fixed(x, 0, false, 32, rmode, fpscr)
}

/// VCVT{R}.S32.F64.
#[inline]
pub fn f64_to_s32(x: u64, rmode: RoundingMode, fpscr: &mut u32) -> u32 {
    f64_to_fixed(x, 0, true, 32, rmode, fpscr)
}

/// VCVT{R}.U32.F64.
#[inline]
pub fn f64_to_u32(x: u64, rmode: RoundingMode, fpscr: &mut u32) -> u32 {
    f64_to_fixed(x, 0, false, 32, rmode, fpscr)
}

// ---------------------------------------------------------------------------
// Integer / fixed point to floating point (`FixedToFP`)
// ---------------------------------------------------------------------------

/// The exact real value `operand / 2^fbits` of the low `size` bits of `v`.
#[inline(always)]
fn fixed_value(v: u32, fbits: u32, signed: bool, size: u32) -> f64 {
    let size = size.clamp(1, 32);
    let shift = 32 - size;
    let int = if signed {
        (((v << shift) as i32) >> shift) as f64
    } else {
        ((v << shift) >> shift) as f64
    };
    // Exact: at most 32 significant bits, scaled by a power of two no smaller
    // than 2^-64.  A zero operand gives +0.0 as `FixedToFP()` requires.
    int * f64::from_bits(((1023 - fbits.min(64)) as u64) << 52)
}

/// `FixedToFP(op<size-1:0>, 32, fbits, unsigned, ...)`; zero converts to +0.
///
/// Pass `RoundingMode::Nearest` for the fixed-point VCVT (VFP: the ARM ARM's
/// `round_nearest` is TRUE for conversions from fixed point; Advanced SIMD:
/// standard FPSCR) and `RoundingMode::from_fpscr(fpscr)` for the VFP integer
/// VCVT (as [`s32_to_f32`]/[`u32_to_f32`] do).
#[inline]
pub fn fixed_to_f32(
    v: u32,
    fbits: u32,
    signed: bool,
    size: u32,
    rmode: RoundingMode,
    fpscr: &mut u32,
) -> u32 {
    // The exact value is a double well inside the single range (at least
    // 2^-64 in magnitude), so `FPDoubleToSingle`'s rounding is `FPRound`'s.
    let d = fixed_value(v, fbits, signed, size);
    f64_to_f32_rm(d.to_bits(), rmode, fpscr)
}

/// `FixedToFP(op<size-1:0>, 64, fbits, unsigned, ...)`: always exact.
#[inline]
pub fn fixed_to_f64(v: u32, fbits: u32, signed: bool, size: u32) -> u64 {
    fixed_value(v, fbits, signed, size).to_bits()
}

/// VCVT.F32.S32 (rounding per FPSCR.RMode); `v` is a two's complement value.
#[inline]
pub fn s32_to_f32(v: u32, fpscr: &mut u32) -> u32 {
    fixed_to_f32(v, 0, true, 32, RoundingMode::from_fpscr(*fpscr), fpscr)
}

/// VCVT.F32.U32 (rounding per FPSCR.RMode).
#[inline]
pub fn u32_to_f32(v: u32, fpscr: &mut u32) -> u32 {
    fixed_to_f32(v, 0, false, 32, RoundingMode::from_fpscr(*fpscr), fpscr)
}

/// VCVT.F64.S32 (always exact).
#[inline]
pub fn s32_to_f64(v: u32) -> u64 {
    fixed_to_f64(v, 0, true, 32)
}

/// VCVT.F64.U32 (always exact).
#[inline]
pub fn u32_to_f64(v: u32) -> u64 {
    fixed_to_f64(v, 0, false, 32)
}
