//! Public arithmetic on single and double precision bit patterns.
//!
//! Each operation first tries a host floating-point fast path which is only
//! taken when its result is provably identical to the ARM pseudocode:
//! no NaN/infinite operands or results, no input denormal that FPSCR.FZ would
//! flush, and a result strictly inside the normal range (so neither tininess
//! nor overflow can arise).  The exact error of the round-to-nearest host
//! result is recovered (TwoSum for addition, an exact residual for the
//! others) to raise Inexact and to derive the directed rounding modes.
//! Everything else goes to the integer implementation in `exact.rs`.
//!
//! The host arithmetic used is IEEE 754 binary32/binary64 in its default
//! environment (round to nearest, gradual underflow), which Rust guarantees;
//! `f64::mul_add` is a correctly rounded fused multiply-add on every target.

use super::exact;
use super::format::{F32, F64};
use super::fpscr::{FPSCR_FZ, FPSCR_IXC};

// ---------------------------------------------------------------------------
// Fast-path helpers
// ---------------------------------------------------------------------------

#[inline(always)]
fn is_denormal32(x: u32) -> bool {
    x & 0x7F80_0000 == 0 && x & 0x007F_FFFF != 0
}

#[inline(always)]
fn is_denormal64(x: u64) -> bool {
    x & 0x7FF0_0000_0000_0000 == 0 && x & 0x000F_FFFF_FFFF_FFFF != 0
}

/// True when FPSCR.FZ would flush one of the operands (the fast path must
/// then not run, since the host does not flush and IDC must be raised).
#[inline(always)]
pub(crate) fn fz_blocks32(fpscr: u32, a: u32, b: u32) -> bool {
    fpscr & FPSCR_FZ != 0 && (is_denormal32(a) || is_denormal32(b))
}

#[inline(always)]
pub(crate) fn fz_blocks64(fpscr: u32, a: u64, b: u64) -> bool {
    fpscr & FPSCR_FZ != 0 && (is_denormal64(a) || is_denormal64(b))
}

/// `MIN_NORMAL < |r| < MAX_NORMAL` on the encoding (false for NaN, infinity,
/// zero and denormals).  A round-to-nearest result in this open range comes
/// from an exact value that is neither tiny nor overflowing, and stepping it
/// by one ulp either way stays in range.
#[inline(always)]
pub(crate) fn in_safe_range32(r: u32) -> bool {
    (r & 0x7FFF_FFFF).wrapping_sub(0x0080_0001) < 0x7F7F_FFFF - 0x0080_0001
}

#[inline(always)]
fn in_safe_range64(r: u64) -> bool {
    (r & 0x7FFF_FFFF_FFFF_FFFF).wrapping_sub(0x0010_0000_0000_0001)
        < 0x7FEF_FFFF_FFFF_FFFF - 0x0010_0000_0000_0001
}

/// Like [`in_safe_range64`] but also `|r| >= 2^-958`, which makes residuals
/// computed with a fused multiply-add exact (the exact residual is then a
/// nonzero multiple of 2^-1074 or zero, so its sign survives rounding).
#[inline(always)]
fn in_residual_range64(r: u64) -> bool {
    (r & 0x7FFF_FFFF_FFFF_FFFF).wrapping_sub(65 << 52) < 0x7FEF_FFFF_FFFF_FFFF - (65 << 52)
}

/// Directed rounding from a round-to-nearest result `r` (in the safe range)
/// of an inexact operation; `above` says whether the exact value is greater
/// than `r`.  The correctly rounded result is `r` or its neighbour towards
/// the exact value, i.e. the encoding plus or minus one.
#[inline(always)]
pub(crate) fn directed32(r: u32, above: bool, rmode: u32) -> u32 {
    let neg = r >> 31 != 0;
    // |exact| < |r|?
    let smaller = above == neg;
    // Whether this mode rounds magnitudes up (away from zero) for this sign.
    let away = (rmode == 1 && !neg) || (rmode == 2 && neg);
    if away {
        r + (!smaller) as u32
    } else {
        r - smaller as u32
    }
}

#[inline(always)]
fn directed64(r: u64, above: bool, rmode: u32) -> u64 {
    let neg = r >> 63 != 0;
    let smaller = above == neg;
    let away = (rmode == 1 && !neg) || (rmode == 2 && neg);
    if away {
        r + (!smaller) as u64
    } else {
        r - smaller as u64
    }
}

#[inline(always)]
fn rmode_bits(fpscr: u32) -> u32 {
    (fpscr >> 22) & 3
}

/// Finishes a fast-path operation whose round-to-nearest result is `r`:
/// `cmp` is the sign of (exact - r) (`0` when exact).
#[inline(always)]
fn finish32(r: u32, cmp: core::cmp::Ordering, fpscr: &mut u32) -> u32 {
    if cmp == core::cmp::Ordering::Equal {
        return r;
    }
    *fpscr |= FPSCR_IXC;
    let rm = rmode_bits(*fpscr);
    if rm == 0 {
        r
    } else {
        directed32(r, cmp == core::cmp::Ordering::Greater, rm)
    }
}

#[inline(always)]
fn finish64(r: u64, cmp: core::cmp::Ordering, fpscr: &mut u32) -> u64 {
    if cmp == core::cmp::Ordering::Equal {
        return r;
    }
    *fpscr |= FPSCR_IXC;
    let rm = rmode_bits(*fpscr);
    if rm == 0 {
        r
    } else {
        directed64(r, cmp == core::cmp::Ordering::Greater, rm)
    }
}

/// Sign of a floating-point value as an ordering against zero (the error
/// terms passed here are never NaN).
#[inline(always)]
fn sign_of32(e: f32) -> core::cmp::Ordering {
    e.partial_cmp(&0.0).unwrap_or(core::cmp::Ordering::Equal)
}

#[inline(always)]
fn sign_of64(e: f64) -> core::cmp::Ordering {
    e.partial_cmp(&0.0).unwrap_or(core::cmp::Ordering::Equal)
}

/// `x + y` for the fast path: returns `None` when the slow path must run.
/// The rounding error comes from Knuth's TwoSum, which is exact in
/// round-to-nearest whenever the sum does not overflow (and any spurious
/// overflow shows up as a non-finite error term, which we reject).
#[inline(always)]
fn fast_add32(a: u32, b: u32, fpscr: &mut u32) -> Option<u32> {
    if fz_blocks32(*fpscr, a, b) {
        return None;
    }
    let (x, y) = (f32::from_bits(a), f32::from_bits(b));
    let s = x + y;
    if !in_safe_range32(s.to_bits()) {
        return None;
    }
    let bv = s - x;
    let err = (x - (s - bv)) + (y - bv);
    if !err.is_finite() {
        return None;
    }
    Some(finish32(s.to_bits(), sign_of32(err), fpscr))
}

#[inline(always)]
fn fast_add64(a: u64, b: u64, fpscr: &mut u32) -> Option<u64> {
    if fz_blocks64(*fpscr, a, b) {
        return None;
    }
    let (x, y) = (f64::from_bits(a), f64::from_bits(b));
    let s = x + y;
    if !in_safe_range64(s.to_bits()) {
        return None;
    }
    let bv = s - x;
    let err = (x - (s - bv)) + (y - bv);
    if !err.is_finite() {
        return None;
    }
    Some(finish64(s.to_bits(), sign_of64(err), fpscr))
}

// ---------------------------------------------------------------------------
// Addition and subtraction (`FPAdd`, `FPSub`)
// ---------------------------------------------------------------------------

/// `FPAdd(op1, op2)`, single precision.
#[inline]
pub fn add32(a: u32, b: u32, fpscr: &mut u32) -> u32 {
    match fast_add32(a, b, fpscr) {
        Some(r) => r,
        None => exact::add(F32, a as u64, b as u64, false, fpscr) as u32,
    }
}

/// `FPAdd(op1, op2)`, double precision.
#[inline]
pub fn add64(a: u64, b: u64, fpscr: &mut u32) -> u64 {
    match fast_add64(a, b, fpscr) {
        Some(r) => r,
        None => exact::add(F64, a, b, false, fpscr),
    }
}

/// `FPSub(op1, op2)`, single precision.  A NaN `op2` propagates unnegated.
#[inline]
pub fn sub32(a: u32, b: u32, fpscr: &mut u32) -> u32 {
    match fast_add32(a, b ^ 0x8000_0000, fpscr) {
        Some(r) => r,
        None => exact::add(F32, a as u64, b as u64, true, fpscr) as u32,
    }
}

/// `FPSub(op1, op2)`, double precision.  A NaN `op2` propagates unnegated.
#[inline]
pub fn sub64(a: u64, b: u64, fpscr: &mut u32) -> u64 {
    match fast_add64(a, b ^ (1 << 63), fpscr) {
        Some(r) => r,
        None => exact::add(F64, a, b, true, fpscr),
    }
}

// ---------------------------------------------------------------------------
// Multiplication (`FPMul`)
// ---------------------------------------------------------------------------

/// `FPMul(op1, op2)`, single precision.
#[inline]
pub fn mul32(a: u32, b: u32, fpscr: &mut u32) -> u32 {
    if !fz_blocks32(*fpscr, a, b) {
        // The product of two singles is exact in double precision, and its
        // rounding to single is a single correct rounding.
        let p = f32::from_bits(a) as f64 * f32::from_bits(b) as f64;
        let r = p as f32;
        if in_safe_range32(r.to_bits()) {
            let cmp = p
                .partial_cmp(&(r as f64))
                .unwrap_or(core::cmp::Ordering::Equal);
            return finish32(r.to_bits(), cmp, fpscr);
        }
        // Exact zero product of finite operands (its sign is the XOR of the
        // operand signs, as the host computes it).
        if p == 0.0 {
            return r.to_bits();
        }
    }
    exact::mul(F32, a as u64, b as u64, fpscr) as u32
}

/// `FPMul(op1, op2)`, double precision.
#[inline]
pub fn mul64(a: u64, b: u64, fpscr: &mut u32) -> u64 {
    if !fz_blocks64(*fpscr, a, b) {
        let (x, y) = (f64::from_bits(a), f64::from_bits(b));
        let r = x * y;
        if in_residual_range64(r.to_bits()) {
            // Exact residual x*y - r (correctly rounded FMA, no underflow).
            let e = x.mul_add(y, -r);
            return finish64(r.to_bits(), sign_of64(e), fpscr);
        }
        if (x == 0.0 && y.is_finite()) || (y == 0.0 && x.is_finite()) {
            return r.to_bits();
        }
    }
    exact::mul(F64, a, b, fpscr)
}

/// `FPNeg(FPMul(op1, op2))` (VNMUL).  NaN results are negated too.
#[inline]
pub fn nmul32(a: u32, b: u32, fpscr: &mut u32) -> u32 {
    neg32(mul32(a, b, fpscr))
}

/// `FPNeg(FPMul(op1, op2))` (VNMUL).  NaN results are negated too.
#[inline]
pub fn nmul64(a: u64, b: u64, fpscr: &mut u32) -> u64 {
    neg64(mul64(a, b, fpscr))
}

// ---------------------------------------------------------------------------
// Non-fused multiply-accumulate (VMLA, VMLS, VNMLA, VNMLS)
//
// The ARM ARM composes these from FPMul, FPNeg and FPAdd, the product being
// rounded (and raising its own flags) before the addition; these helpers are
// exactly that composition, so callers may equally compose them themselves.
// ---------------------------------------------------------------------------

/// VMLA: `FPAdd(d, FPMul(n, m))`.
#[inline]
pub fn mla32(d: u32, n: u32, m: u32, fpscr: &mut u32) -> u32 {
    let p = mul32(n, m, fpscr);
    add32(d, p, fpscr)
}

/// VMLS: `FPAdd(d, FPNeg(FPMul(n, m)))`.
#[inline]
pub fn mls32(d: u32, n: u32, m: u32, fpscr: &mut u32) -> u32 {
    let p = mul32(n, m, fpscr);
    add32(d, neg32(p), fpscr)
}

/// VNMLA: `FPAdd(FPNeg(d), FPNeg(FPMul(n, m)))`.
#[inline]
pub fn nmla32(d: u32, n: u32, m: u32, fpscr: &mut u32) -> u32 {
    let p = mul32(n, m, fpscr);
    add32(neg32(d), neg32(p), fpscr)
}

/// VNMLS: `FPAdd(FPNeg(d), FPMul(n, m))`.
#[inline]
pub fn nmls32(d: u32, n: u32, m: u32, fpscr: &mut u32) -> u32 {
    let p = mul32(n, m, fpscr);
    add32(neg32(d), p, fpscr)
}

/// VMLA: `FPAdd(d, FPMul(n, m))`.
#[inline]
pub fn mla64(d: u64, n: u64, m: u64, fpscr: &mut u32) -> u64 {
    let p = mul64(n, m, fpscr);
    add64(d, p, fpscr)
}

/// VMLS: `FPAdd(d, FPNeg(FPMul(n, m)))`.
#[inline]
pub fn mls64(d: u64, n: u64, m: u64, fpscr: &mut u32) -> u64 {
    let p = mul64(n, m, fpscr);
    add64(d, neg64(p), fpscr)
}

/// VNMLA: `FPAdd(FPNeg(d), FPNeg(FPMul(n, m)))`.
#[inline]
pub fn nmla64(d: u64, n: u64, m: u64, fpscr: &mut u32) -> u64 {
    let p = mul64(n, m, fpscr);
    add64(neg64(d), neg64(p), fpscr)
}

/// VNMLS: `FPAdd(FPNeg(d), FPMul(n, m))`.
#[inline]
pub fn nmls64(d: u64, n: u64, m: u64, fpscr: &mut u32) -> u64 {
    let p = mul64(n, m, fpscr);
    add64(neg64(d), p, fpscr)
}

// ---------------------------------------------------------------------------
// Division and square root (`FPDiv`, `FPSqrt`)
// ---------------------------------------------------------------------------

/// `FPDiv(op1, op2)`, single precision.
#[inline]
pub fn div32(a: u32, b: u32, fpscr: &mut u32) -> u32 {
    if !fz_blocks32(*fpscr, a, b) {
        let (x, y) = (f32::from_bits(a) as f64, f32::from_bits(b) as f64);
        // Double rounding through double precision is innocuous for division
        // since 53 >= 2 * 24 + 2 (Figueroa).
        let r = (x / y) as f32;
        if in_safe_range32(r.to_bits()) {
            // r * y is exact in double precision; sign(q - r) = sign(x - r*y) * sign(y).
            let t = r as f64 * y;
            let mut cmp = x.partial_cmp(&t).unwrap_or(core::cmp::Ordering::Equal);
            if y < 0.0 {
                cmp = cmp.reverse();
            }
            return finish32(r.to_bits(), cmp, fpscr);
        }
    }
    exact::div(F32, a as u64, b as u64, fpscr) as u32
}

/// `FPDiv(op1, op2)`, double precision.
#[inline]
pub fn div64(a: u64, b: u64, fpscr: &mut u32) -> u64 {
    if !fz_blocks64(*fpscr, a, b) && in_residual_range64(a) {
        let (x, y) = (f64::from_bits(a), f64::from_bits(b));
        let q = x / y;
        if in_safe_range64(q.to_bits()) {
            // Exact residual x - q*y, as |x| >= 2^-958.
            let res = (-q).mul_add(y, x);
            let mut cmp = sign_of64(res);
            if y < 0.0 {
                cmp = cmp.reverse();
            }
            return finish64(q.to_bits(), cmp, fpscr);
        }
    }
    exact::div(F64, a, b, fpscr)
}

/// `FPSqrt(op)`, single precision.
#[inline]
pub fn sqrt32(a: u32, fpscr: &mut u32) -> u32 {
    if !fz_blocks32(*fpscr, a, a) {
        let x = f32::from_bits(a) as f64;
        // Innocuous double rounding for square root (53 >= 2 * 24 + 2).
        let r = x.sqrt() as f32;
        if in_safe_range32(r.to_bits()) {
            let t = r as f64 * r as f64; // exact
            let cmp = x.partial_cmp(&t).unwrap_or(core::cmp::Ordering::Equal);
            return finish32(r.to_bits(), cmp, fpscr);
        }
    }
    exact::sqrt(F32, a as u64, fpscr) as u32
}

/// `FPSqrt(op)`, double precision.
#[inline]
pub fn sqrt64(a: u64, fpscr: &mut u32) -> u64 {
    if in_residual_range64(a) && a >> 63 == 0 {
        let x = f64::from_bits(a);
        let s = x.sqrt();
        // Exact residual x - s*s.
        let res = (-s).mul_add(s, x);
        return finish64(s.to_bits(), sign_of64(res), fpscr);
    }
    exact::sqrt(F64, a, fpscr)
}

// ---------------------------------------------------------------------------
// Fused multiply-add (`FPMulAdd`, VFMA/VFMS/VFNMA/VFNMS)
// ---------------------------------------------------------------------------

/// `FPMulAdd(addend, op1, op2)` = `addend + op1 * op2` with one rounding,
/// single precision.  VFMS/VFNMA/VFNMS negate `op1` and/or `addend` first
/// (`FPNeg`), as in the ARM ARM.
#[inline]
pub fn muladd_fused32(addend: u32, a: u32, b: u32, fpscr: &mut u32) -> u32 {
    let fz = *fpscr & FPSCR_FZ != 0;
    if !(fz && (is_denormal32(addend) || is_denormal32(a) || is_denormal32(b))) {
        // The product is exact in double precision; TwoSum then gives the
        // exact sum as s + e.
        let p = f32::from_bits(a) as f64 * f32::from_bits(b) as f64;
        let c = f32::from_bits(addend) as f64;
        let s = p + c;
        let r = s as f32;
        if in_safe_range32(r.to_bits()) {
            let bv = s - p;
            let e = (p - (s - bv)) + (c - bv);
            // Rounding s instead of s + e to single is only wrong when s lies
            // exactly halfway between two singles and e != 0.
            let halfway = s.to_bits() & 0x1FFF_FFFF == 0x1000_0000;
            if e.is_finite() && !(halfway && e != 0.0) {
                let d = s - r as f64; // exact
                let cmp = if d != 0.0 { sign_of64(d) } else { sign_of64(e) };
                return finish32(r.to_bits(), cmp, fpscr);
            }
        }
    }
    exact::muladd(F32, addend as u64, a as u64, b as u64, fpscr) as u32
}

/// Position of the lowest set bit of a normal double's value (log2 of its
/// lowest one bit), i.e. `exponent - 1075 + trailing_zeros(significand)`.
#[inline(always)]
fn lowest_bit64(x: u64) -> i32 {
    let e = ((x >> 52) & 0x7FF) as i32;
    let m = (x & 0x000F_FFFF_FFFF_FFFF) | (1 << 52);
    e - 1075 + m.trailing_zeros() as i32
}

#[inline(always)]
fn is_normal64(x: u64) -> bool {
    (x & 0x7FF0_0000_0000_0000).wrapping_sub(1 << 52) < 0x7FE0_0000_0000_0000
}

/// `FPMulAdd(addend, op1, op2)`, double precision.
///
/// Fast path only in round-to-nearest with three normal operands: the host
/// FMA gives the correctly rounded result, and exactness is decided from the
/// positions of the lowest set bits (if the lowest bits of the product and of
/// the addend differ, the lowest bit of the exact sum is the lower of the
/// two, and the sum is exact iff that bit is not below the result's ulp).
#[inline]
pub fn muladd_fused64(addend: u64, a: u64, b: u64, fpscr: &mut u32) -> u64 {
    if rmode_bits(*fpscr) == 0 && is_normal64(addend) && is_normal64(a) && is_normal64(b) {
        let r = f64::from_bits(a).mul_add(f64::from_bits(b), f64::from_bits(addend));
        let rb = r.to_bits();
        if in_safe_range64(rb) {
            let lp = lowest_bit64(a) + lowest_bit64(b);
            let lc = lowest_bit64(addend);
            if lp != lc {
                let ulp = ((rb >> 52) & 0x7FF) as i32 - 1075;
                if lp.min(lc) < ulp {
                    *fpscr |= FPSCR_IXC;
                }
                return rb;
            }
        }
    }
    exact::muladd(F64, addend, a, b, fpscr)
}

// ---------------------------------------------------------------------------
// Bit operations
// ---------------------------------------------------------------------------

/// `FPAbs()`: clears the sign bit; never raises exceptions (NaNs included).
#[inline]
pub fn abs32(a: u32) -> u32 {
    a & 0x7FFF_FFFF
}

/// `FPAbs()`, double precision.
#[inline]
pub fn abs64(a: u64) -> u64 {
    a & 0x7FFF_FFFF_FFFF_FFFF
}

/// `FPNeg()`: flips the sign bit; never raises exceptions (NaNs included).
#[inline]
pub fn neg32(a: u32) -> u32 {
    a ^ 0x8000_0000
}

/// `FPNeg()`, double precision.
#[inline]
pub fn neg64(a: u64) -> u64 {
    a ^ 0x8000_0000_0000_0000
}
