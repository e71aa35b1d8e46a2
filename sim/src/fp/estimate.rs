//! Advanced SIMD reciprocal and reciprocal square root estimates and
//! Newton-Raphson steps (VRECPE, VRSQRTE, VRECPS, VRSQRTS), ARMv7 semantics.
//!
//! All of these use `StandardFPSCRValue()` internally whatever `fpscr` holds
//! (DN=1, FZ=1, round to nearest); only the cumulative flags of `fpscr` are
//! updated.

use super::arith::mul32;
use super::arith::sub32;
use super::exact;
use super::format::{unpack, Kind, F32};
use super::fpscr::{merge_flags, standard_fpscr, FPSCR_DZC, FPSCR_IOC, FPSCR_UFC};
use super::nan::{process_nan, process_nans2};

/// The ARM ARM's C function `recip_estimate(double a)`, for `0.5 <= a < 1`,
/// transcribed literally: every step is an IEEE double operation, so the host
/// computes it deterministically.  Returns a multiple of 1/256 in [1, 511/256].
fn recip_estimate(a: f64) -> f64 {
    let q = (a * 512.0) as i32; // a in units of 1/512 rounded down
    let r = 1.0 / ((q as f64 + 0.5) / 512.0); // reciprocal r
    let s = (256.0 * r + 0.5) as i32; // r in units of 1/256 rounded to nearest
    s as f64 / 256.0
}

/// The ARM ARM's C function `recip_sqrt_estimate(double a)`, for
/// `0.25 <= a < 1`, transcribed literally.
fn recip_sqrt_estimate(a: f64) -> f64 {
    let r = if a < 0.5 {
        let q0 = (a * 512.0) as i32; // a in units of 1/512 rounded down
        1.0 / ((q0 as f64 + 0.5) / 512.0).sqrt()
    } else {
        let q1 = (a * 256.0) as i32; // a in units of 1/256 rounded down
        1.0 / ((q1 as f64 + 0.5) / 256.0).sqrt()
    };
    let s = (256.0 * r + 0.5) as i32; // r in units of 1/256 rounded to nearest
    s as f64 / 256.0
}

/// `FPRecipEstimate(op)` (VRECPE.F32).
pub fn recip_estimate32(x: u32, fpscr: &mut u32) -> u32 {
    let mut s = standard_fpscr(*fpscr);
    let u = unpack(F32, x as u64, &mut s);
    let r = match u.kind {
        Kind::SNaN | Kind::QNaN => process_nan(F32, &u, x as u64, &mut s) as u32,
        Kind::Inf => F32.zero(u.sign) as u32,
        Kind::Zero => {
            s |= FPSCR_DZC;
            F32.infinity(u.sign) as u32
        }
        Kind::Finite if x & 0x7FFF_FFFF >= 0x7E80_0000 => {
            // |op| >= 2^126: the result underflows to a signed zero.
            s |= FPSCR_UFC;
            F32.zero(u.sign) as u32
        }
        Kind::Finite => {
            // Scale to a double in [0.5, 1): exponent 1022, fraction from op.
            let scaled = f64::from_bits((1022 << 52) | (((x & 0x007F_FFFF) as u64) << 29));
            let result_exp = 253 - ((x >> 23) & 0xFF); // in 1..=252
            let est = recip_estimate(scaled).to_bits();
            (x & 0x8000_0000) | (result_exp << 23) | ((est >> 29) as u32 & 0x007F_FFFF)
        }
    };
    *fpscr = merge_flags(*fpscr, s);
    r
}

/// `UnsignedRecipEstimate(op)` (VRECPE.U32).  Raises no exceptions.
pub fn recip_estimate_u32(x: u32) -> u32 {
    if x & 0x8000_0000 == 0 {
        return 0xFFFF_FFFF;
    }
    // op * 2^-32 as a double in [0.5, 1): exponent 1022, fraction op<30:0>.
    let scaled = f64::from_bits((1022 << 52) | (((x & 0x7FFF_FFFF) as u64) << 21));
    let est = recip_estimate(scaled).to_bits();
    // '1' : estimate<51:21>.
    0x8000_0000 | ((est >> 21) as u32 & 0x7FFF_FFFF)
}

/// `FPRSqrtEstimate(op)` (VRSQRTE.F32).
pub fn rsqrt_estimate32(x: u32, fpscr: &mut u32) -> u32 {
    let mut s = standard_fpscr(*fpscr);
    let u = unpack(F32, x as u64, &mut s);
    let r = match u.kind {
        Kind::SNaN | Kind::QNaN => process_nan(F32, &u, x as u64, &mut s) as u32,
        Kind::Zero => {
            s |= FPSCR_DZC;
            F32.infinity(u.sign) as u32
        }
        _ if u.sign => {
            s |= FPSCR_IOC;
            F32.default_nan() as u32
        }
        Kind::Inf => 0,
        Kind::Finite => {
            // Scale to [0.25, 1) keeping the parity of the exponent.
            let exp = (x >> 23) & 0xFF;
            let dexp: u64 = if exp & 1 == 0 { 1022 } else { 1021 };
            let scaled = f64::from_bits((dexp << 52) | (((x & 0x007F_FFFF) as u64) << 29));
            let result_exp = (380 - exp) / 2;
            let est = recip_sqrt_estimate(scaled).to_bits();
            (result_exp << 23) | ((est >> 29) as u32 & 0x007F_FFFF)
        }
    };
    *fpscr = merge_flags(*fpscr, s);
    r
}

/// `UnsignedRSqrtEstimate(op)` (VRSQRTE.U32).  Raises no exceptions.
pub fn rsqrt_estimate_u32(x: u32) -> u32 {
    if x >> 30 == 0 {
        return 0xFFFF_FFFF;
    }
    let scaled = if x & 0x8000_0000 != 0 {
        f64::from_bits((1022 << 52) | (((x & 0x7FFF_FFFF) as u64) << 21))
    } else {
        f64::from_bits((1021 << 52) | (((x & 0x3FFF_FFFF) as u64) << 22))
    };
    let est = recip_sqrt_estimate(scaled).to_bits();
    // estimate<52:21>: the implicit unit bit and 31 fraction bits.
    0x8000_0000 | ((est >> 21) as u32 & 0x7FFF_FFFF)
}

/// `FPRecipStep(op1, op2)` (VRECPS.F32): `2.0 - op1 * op2`, the product and
/// the subtraction each rounded (ARMv7 VRECPS is not fused).
pub fn recip_step32(x: u32, y: u32, fpscr: &mut u32) -> u32 {
    let mut s = standard_fpscr(*fpscr);
    let r = step(x, y, &mut s, false);
    *fpscr = merge_flags(*fpscr, s);
    r
}

/// `FPRSqrtStep(op1, op2)` (VRSQRTS.F32): `(3.0 - op1 * op2) / 2`, the
/// product rounded, then `FPHalvedSub` rounding once.
pub fn rsqrt_step32(x: u32, y: u32, fpscr: &mut u32) -> u32 {
    let mut s = standard_fpscr(*fpscr);
    let r = step(x, y, &mut s, true);
    *fpscr = merge_flags(*fpscr, s);
    r
}

/// Shared body of `FPRecipStep()`/`FPRSqrtStep()`: NaN operands propagate
/// first; `inf * 0` gives a +0 product rather than Invalid Operation;
/// otherwise the product is `FPMul(op1, op2)`.
fn step(x: u32, y: u32, s: &mut u32, rsqrt: bool) -> u32 {
    let u1 = unpack(F32, x as u64, s);
    let u2 = unpack(F32, y as u64, s);
    if let Some(r) = process_nans2(F32, &u1, x as u64, &u2, y as u64, s) {
        return r as u32;
    }
    let inf_zero = (u1.kind == Kind::Inf && u2.kind == Kind::Zero)
        || (u1.kind == Kind::Zero && u2.kind == Kind::Inf);
    let product = if inf_zero { 0 } else { mul32(x, y, s) };
    if rsqrt {
        // FPHalvedSub(FPThree(), product)
        exact::halved_sub(F32, 0x4040_0000, product as u64, s) as u32
    } else {
        // FPSub(FPTwo(), product)
        sub32(0x4000_0000, product, s)
    }
}
