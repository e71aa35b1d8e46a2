//! Comparisons (`FPCompare`, `FPCompareEQ/GE/GT`) and Advanced SIMD
//! `FPMax`/`FPMin` (ARMv7 semantics: NaNs propagate, no maxNum/minNum).

use super::arith::{fz_blocks32, fz_blocks64};
use super::format::{order_key, unpack, Fmt, Kind, F32, F64};
use super::fpscr::FPSCR_IOC;
use super::nan::process_nans2;

/// NZCV for "equal" (`0110`), in FPSCR bit positions 31..28.
pub const NZCV_EQUAL: u32 = 0x6000_0000;
/// NZCV for "less than" (`1000`).
pub const NZCV_LESS: u32 = 0x8000_0000;
/// NZCV for "greater than" (`0010`).
pub const NZCV_GREATER: u32 = 0x2000_0000;
/// NZCV for "unordered" (`0011`).
pub const NZCV_UNORDERED: u32 = 0x3000_0000;

/// `FPCompare(op1, op2, quiet_nan_exc)`: returns the NZCV nibble in bits
/// 31..28 (other bits zero), to be copied into FPSCR by VCMP/VCMPE.
/// Denormals are flushed under FPSCR.FZ (raising IDC) before comparing.
pub(crate) fn compare(fmt: Fmt, a: u64, b: u64, quiet_nan_exc: bool, fpscr: &mut u32) -> u32 {
    let u1 = unpack(fmt, a, fpscr);
    let u2 = unpack(fmt, b, fpscr);
    if u1.is_nan() || u2.is_nan() {
        if u1.kind == Kind::SNaN || u2.kind == Kind::SNaN || quiet_nan_exc {
            *fpscr |= FPSCR_IOC;
        }
        return NZCV_UNORDERED;
    }
    let (k1, k2) = (order_key(fmt, &u1, a), order_key(fmt, &u2, b));
    match k1.cmp(&k2) {
        core::cmp::Ordering::Equal => NZCV_EQUAL,
        core::cmp::Ordering::Less => NZCV_LESS,
        core::cmp::Ordering::Greater => NZCV_GREATER,
    }
}

/// VCMP (`quiet_nan_exc == false`: only signalling NaNs raise Invalid
/// Operation) or VCMPE (`true`: any NaN raises it), single precision.
/// For the compare-with-zero forms pass `b = 0`.
#[inline]
pub fn cmp32(a: u32, b: u32, quiet_nan_exc: bool, fpscr: &mut u32) -> u32 {
    // Fast path: the host comparison is exact unless a NaN is involved (all
    // three tests fail) or FZ must flush an operand.
    if !fz_blocks32(*fpscr, a, b) {
        let (x, y) = (f32::from_bits(a), f32::from_bits(b));
        if x < y {
            return NZCV_LESS;
        } else if x > y {
            return NZCV_GREATER;
        } else if x == y {
            return NZCV_EQUAL;
        }
    }
    compare(F32, a as u64, b as u64, quiet_nan_exc, fpscr)
}

/// VCMP/VCMPE, double precision (see [`cmp32`]).
#[inline]
pub fn cmp64(a: u64, b: u64, quiet_nan_exc: bool, fpscr: &mut u32) -> u32 {
    if !fz_blocks64(*fpscr, a, b) {
        let (x, y) = (f64::from_bits(a), f64::from_bits(b));
        if x < y {
            return NZCV_LESS;
        } else if x > y {
            return NZCV_GREATER;
        } else if x == y {
            return NZCV_EQUAL;
        }
    }
    compare(F64, a, b, quiet_nan_exc, fpscr)
}

/// Outcome of an Advanced SIMD comparison before the NaN rules are applied.
#[inline]
fn simd_compare(a: u32, b: u32, fpscr: &mut u32) -> Option<(i64, i64)> {
    if !fz_blocks32(*fpscr, a, b) {
        let (x, y) = (f32::from_bits(a), f32::from_bits(b));
        if !x.is_nan() && !y.is_nan() {
            // Keys with the same order as the values (zeros compare equal).
            return Some((key32(x), key32(y)));
        }
    }
    let u1 = unpack(F32, a as u64, fpscr);
    let u2 = unpack(F32, b as u64, fpscr);
    if u1.is_nan() || u2.is_nan() {
        return None;
    }
    Some((order_key(F32, &u1, a as u64), order_key(F32, &u2, b as u64)))
}

/// Order-preserving integer key of a non-NaN single, both zeros giving 0.
#[inline(always)]
fn key32(x: f32) -> i64 {
    let m = (x.to_bits() & 0x7FFF_FFFF) as i64;
    if x.is_sign_negative() {
        -m
    } else {
        m
    }
}

#[inline]
fn is_snan32(x: u32) -> bool {
    x & 0x7FC0_0000 == 0x7F80_0000 && x & 0x003F_FFFF != 0
}

/// `FPCompareEQ(op1, op2)` (VCEQ.F32): false for any NaN; only signalling
/// NaNs raise Invalid Operation.
#[inline]
pub fn cmp_eq32(a: u32, b: u32, fpscr: &mut u32) -> bool {
    match simd_compare(a, b, fpscr) {
        Some((k1, k2)) => k1 == k2,
        None => {
            if is_snan32(a) || is_snan32(b) {
                *fpscr |= FPSCR_IOC;
            }
            false
        }
    }
}

/// `FPCompareGE(op1, op2)` (VCGE.F32, VCLE with swapped operands): false for
/// any NaN, and any NaN raises Invalid Operation.
#[inline]
pub fn cmp_ge32(a: u32, b: u32, fpscr: &mut u32) -> bool {
    match simd_compare(a, b, fpscr) {
        Some((k1, k2)) => k1 >= k2,
        None => {
            *fpscr |= FPSCR_IOC;
            false
        }
    }
}

/// `FPCompareGT(op1, op2)` (VCGT.F32, VCLT with swapped operands): false for
/// any NaN, and any NaN raises Invalid Operation.
#[inline]
pub fn cmp_gt32(a: u32, b: u32, fpscr: &mut u32) -> bool {
    match simd_compare(a, b, fpscr) {
        Some((k1, k2)) => k1 > k2,
        None => {
            *fpscr |= FPSCR_IOC;
            false
        }
    }
}

/// `FPMax()`/`FPMin()`: NaN operands propagate as for arithmetic; between
/// zeros the result is +0 for max unless both are -0, and -0 for min unless
/// both are +0.  A selected nonzero number is returned unchanged (the
/// `FPRound()` in the pseudocode is exact and raises nothing, denormals having
/// already been flushed by `FPUnpack()` when FZ is set).
pub(crate) fn max_min(fmt: Fmt, a: u64, b: u64, max: bool, fpscr: &mut u32) -> u64 {
    let u1 = unpack(fmt, a, fpscr);
    let u2 = unpack(fmt, b, fpscr);
    if let Some(r) = process_nans2(fmt, &u1, a, &u2, b, fpscr) {
        return r;
    }
    let (k1, k2) = (order_key(fmt, &u1, a), order_key(fmt, &u2, b));
    let first = if max { k1 > k2 } else { k1 < k2 };
    let (u, bits) = if first { (u1, a) } else { (u2, b) };
    match u.kind {
        Kind::Zero => {
            let sign = if max {
                u1.sign && u2.sign
            } else {
                u1.sign || u2.sign
            };
            fmt.zero(sign)
        }
        _ => bits,
    }
}

/// `FPMax(op1, op2)` (VMAX.F32, VPMAX.F32).
#[inline]
pub fn max32(a: u32, b: u32, fpscr: &mut u32) -> u32 {
    if !fz_blocks32(*fpscr, a, b) {
        let (x, y) = (f32::from_bits(a), f32::from_bits(b));
        if x > y {
            return a;
        } else if x < y {
            return b;
        } else if x == y {
            // Equal: identical bits, or zeros of possibly different signs.
            return a & b;
        }
    }
    max_min(F32, a as u64, b as u64, true, fpscr) as u32
}

/// `FPMin(op1, op2)` (VMIN.F32, VPMIN.F32).
#[inline]
pub fn min32(a: u32, b: u32, fpscr: &mut u32) -> u32 {
    if !fz_blocks32(*fpscr, a, b) {
        let (x, y) = (f32::from_bits(a), f32::from_bits(b));
        if x < y {
            return a;
        } else if x > y {
            return b;
        } else if x == y {
            return a | b;
        }
    }
    max_min(F32, a as u64, b as u64, false, fpscr) as u32
}

/// `FPMax(op1, op2)`, double precision (not used by ARMv7 Advanced SIMD,
/// provided for completeness).
#[inline]
pub fn max64(a: u64, b: u64, fpscr: &mut u32) -> u64 {
    max_min(F64, a, b, true, fpscr)
}

/// `FPMin(op1, op2)`, double precision.
#[inline]
pub fn min64(a: u64, b: u64, fpscr: &mut u32) -> u64 {
    max_min(F64, a, b, false, fpscr)
}
