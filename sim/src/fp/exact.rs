//! Exact ("slow path") implementations of the arithmetic pseudocode
//! functions, generic over the format and using only integer arithmetic.
//!
//! These are the reference semantics: the host-float fast paths in
//! `arith.rs` must agree with them bit for bit (checked by the tests).

use super::format::{unpack, Fmt, Kind, Unpacked};
use super::fpscr::{RoundingMode, FPSCR_DZC, FPSCR_IOC};
use super::nan::{process_nan, process_nans2, process_nans3};
use super::round::{round, shr_jam, zero_sum_sign};

/// An unrounded nonzero magnitude `mant * 2^exp` with sign.
type Real = (bool, i32, u128);

/// Left-aligns a nonzero mantissa so that its top bit is bit 125, leaving two
/// bits of headroom for a carry.
#[inline]
fn align125(exp: i32, mant: u128) -> (i32, u128) {
    let lz = mant.leading_zeros() as i32;
    let sh = lz - 2;
    if sh >= 0 {
        (exp - sh, mant << sh)
    } else {
        (exp - sh, shr_jam(mant, (-sh) as u32))
    }
}

/// Sum of two signed magnitudes (either may be zero), exact except for a
/// sticky bit far below the rounding position.  `None` means an exact zero.
///
/// Both operands are aligned to 126-bit windows; the smaller is shifted right
/// with a sticky bit.  Massive cancellation is only possible when the
/// exponents differ by at most one, in which case nothing is shifted out.
pub(crate) fn add_real(a: Real, b: Real) -> Option<Real> {
    let (sa, ea, ma) = a;
    let (sb, eb, mb) = b;
    if ma == 0 {
        return if mb == 0 { None } else { Some(b) };
    }
    if mb == 0 {
        return Some(a);
    }
    let (ea, ma) = align125(ea, ma);
    let (eb, mb) = align125(eb, mb);
    // Make `x` the operand with the larger exponent.
    let ((sx, ex, mx), (sy, ey, my)) = if ea >= eb {
        ((sa, ea, ma), (sb, eb, mb))
    } else {
        ((sb, eb, mb), (sa, ea, ma))
    };
    let d = (ex - ey) as u32;
    let my = shr_jam(my, d);
    if sx == sy {
        Some((sx, ex, mx + my))
    } else if mx > my {
        Some((sx, ex, mx - my))
    } else if my > mx {
        Some((sy, ex, my - mx))
    } else {
        None
    }
}

/// Integer square root: `(floor(sqrt(n)), n is not a perfect square)`, for
/// `n < 2^127`.
fn isqrt(n: u128) -> (u128, bool) {
    let mut rem = n;
    let mut root = 0u128;
    let mut bit = 1u128 << 126;
    while bit > n {
        bit >>= 2;
    }
    while bit != 0 {
        if rem >= root + bit {
            rem -= root + bit;
            root = (root >> 1) + bit;
        } else {
            root >>= 1;
        }
        bit >>= 2;
    }
    (root, rem != 0)
}

#[inline]
fn real(u: &Unpacked) -> Real {
    (u.sign, u.exp, u.mant as u128)
}

/// `FPAdd()` (or `FPSub()` when `subtract`): the NaN handling always sees the
/// original second operand; only the arithmetic uses its negation.
pub(crate) fn add(fmt: Fmt, op1: u64, op2: u64, subtract: bool, fpscr: &mut u32) -> u64 {
    let u1 = unpack(fmt, op1, fpscr);
    let u2 = unpack(fmt, op2, fpscr);
    if let Some(r) = process_nans2(fmt, &u1, op1, &u2, op2, fpscr) {
        return r;
    }
    let rmode = RoundingMode::from_fpscr(*fpscr);
    let s1 = u1.sign;
    let s2 = u2.sign != subtract;
    let (inf1, inf2) = (u1.kind == Kind::Inf, u2.kind == Kind::Inf);
    let (zero1, zero2) = (u1.kind == Kind::Zero, u2.kind == Kind::Zero);
    if inf1 && inf2 && s1 != s2 {
        *fpscr |= FPSCR_IOC;
        fmt.default_nan()
    } else if (inf1 && !s1) || (inf2 && !s2) {
        fmt.infinity(false)
    } else if inf1 || inf2 {
        fmt.infinity(true)
    } else if zero1 && zero2 && s1 == s2 {
        fmt.zero(s1)
    } else {
        let a = (s1, u1.exp, u1.mant as u128);
        let b = (s2, u2.exp, u2.mant as u128);
        match add_real(a, b) {
            None => fmt.zero(zero_sum_sign(rmode)),
            Some((s, e, m)) => round(fmt, s, e, m, rmode, fpscr),
        }
    }
}

/// `FPHalvedSub()`: `(op1 - op2) / 2` with a single rounding (for VRSQRTS).
pub(crate) fn halved_sub(fmt: Fmt, op1: u64, op2: u64, fpscr: &mut u32) -> u64 {
    let u1 = unpack(fmt, op1, fpscr);
    let u2 = unpack(fmt, op2, fpscr);
    if let Some(r) = process_nans2(fmt, &u1, op1, &u2, op2, fpscr) {
        return r;
    }
    let rmode = RoundingMode::from_fpscr(*fpscr);
    let (s1, s2) = (u1.sign, !u2.sign);
    let (inf1, inf2) = (u1.kind == Kind::Inf, u2.kind == Kind::Inf);
    let (zero1, zero2) = (u1.kind == Kind::Zero, u2.kind == Kind::Zero);
    if inf1 && inf2 && s1 != s2 {
        *fpscr |= FPSCR_IOC;
        fmt.default_nan()
    } else if (inf1 && !s1) || (inf2 && !s2) {
        fmt.infinity(false)
    } else if inf1 || inf2 {
        fmt.infinity(true)
    } else if zero1 && zero2 && s1 == s2 {
        fmt.zero(s1)
    } else {
        let a = (s1, u1.exp, u1.mant as u128);
        let b = (s2, u2.exp, u2.mant as u128);
        match add_real(a, b) {
            None => fmt.zero(zero_sum_sign(rmode)),
            Some((s, e, m)) => round(fmt, s, e - 1, m, rmode, fpscr),
        }
    }
}

/// `FPMul()`.
pub(crate) fn mul(fmt: Fmt, op1: u64, op2: u64, fpscr: &mut u32) -> u64 {
    let u1 = unpack(fmt, op1, fpscr);
    let u2 = unpack(fmt, op2, fpscr);
    if let Some(r) = process_nans2(fmt, &u1, op1, &u2, op2, fpscr) {
        return r;
    }
    let sign = u1.sign != u2.sign;
    let (inf1, inf2) = (u1.kind == Kind::Inf, u2.kind == Kind::Inf);
    let (zero1, zero2) = (u1.kind == Kind::Zero, u2.kind == Kind::Zero);
    if (inf1 && zero2) || (zero1 && inf2) {
        *fpscr |= FPSCR_IOC;
        fmt.default_nan()
    } else if inf1 || inf2 {
        fmt.infinity(sign)
    } else if zero1 || zero2 {
        fmt.zero(sign)
    } else {
        let m = u1.mant as u128 * u2.mant as u128;
        round(
            fmt,
            sign,
            u1.exp + u2.exp,
            m,
            RoundingMode::from_fpscr(*fpscr),
            fpscr,
        )
    }
}

/// `FPDiv()`.
pub(crate) fn div(fmt: Fmt, op1: u64, op2: u64, fpscr: &mut u32) -> u64 {
    let u1 = unpack(fmt, op1, fpscr);
    let u2 = unpack(fmt, op2, fpscr);
    if let Some(r) = process_nans2(fmt, &u1, op1, &u2, op2, fpscr) {
        return r;
    }
    let sign = u1.sign != u2.sign;
    let (inf1, inf2) = (u1.kind == Kind::Inf, u2.kind == Kind::Inf);
    let (zero1, zero2) = (u1.kind == Kind::Zero, u2.kind == Kind::Zero);
    if (inf1 && inf2) || (zero1 && zero2) {
        *fpscr |= FPSCR_IOC;
        fmt.default_nan()
    } else if inf1 || zero2 {
        if !inf1 {
            *fpscr |= FPSCR_DZC;
        }
        fmt.infinity(sign)
    } else if zero1 || inf2 {
        fmt.zero(sign)
    } else {
        // Dividend with its top bit at bit 127 over a divisor of at most 53
        // bits gives a quotient of at least 74 bits; the remainder is sticky.
        let sh = u1.mant.leading_zeros() + 64;
        let n = (u1.mant as u128) << sh;
        let d = u2.mant as u128;
        let q = n / d;
        let sticky = !n.is_multiple_of(d) as u128;
        round(
            fmt,
            sign,
            u1.exp - sh as i32 - u2.exp,
            q | sticky,
            RoundingMode::from_fpscr(*fpscr),
            fpscr,
        )
    }
}

/// `FPSqrt()`.
pub(crate) fn sqrt(fmt: Fmt, op: u64, fpscr: &mut u32) -> u64 {
    let u = unpack(fmt, op, fpscr);
    match u.kind {
        Kind::SNaN | Kind::QNaN => process_nan(fmt, &u, op, fpscr),
        Kind::Zero => fmt.zero(u.sign),
        Kind::Inf if !u.sign => fmt.infinity(false),
        _ if u.sign => {
            *fpscr |= FPSCR_IOC;
            fmt.default_nan()
        }
        _ => {
            // Radicand with its top bit at 124 or 125 and an even exponent:
            // the root then has 63 significant bits; the remainder is sticky.
            let top = 63 - u.mant.leading_zeros() as i32;
            let mut sh = 124 - top;
            if (u.exp - sh) & 1 != 0 {
                sh += 1;
            }
            let (root, inexact) = isqrt((u.mant as u128) << sh);
            round(
                fmt,
                false,
                (u.exp - sh) >> 1,
                root | inexact as u128,
                RoundingMode::from_fpscr(*fpscr),
                fpscr,
            )
        }
    }
}

/// `FPMulAdd(addend, op1, op2)`: `addend + op1 * op2` with a single rounding.
///
/// NaN selection is in the order addend, op1, op2; a quiet-NaN addend does not
/// hide the Invalid Operation of `inf * 0`, which then returns the default NaN.
pub(crate) fn muladd(fmt: Fmt, addend: u64, op1: u64, op2: u64, fpscr: &mut u32) -> u64 {
    let ua = unpack(fmt, addend, fpscr);
    let u1 = unpack(fmt, op1, fpscr);
    let u2 = unpack(fmt, op2, fpscr);
    let (inf1, inf2) = (u1.kind == Kind::Inf, u2.kind == Kind::Inf);
    let (zero1, zero2) = (u1.kind == Kind::Zero, u2.kind == Kind::Zero);
    let inf_times_zero = (inf1 && zero2) || (zero1 && inf2);
    if let Some(r) = process_nans3(fmt, [(&ua, addend), (&u1, op1), (&u2, op2)], fpscr) {
        if ua.kind == Kind::QNaN && inf_times_zero {
            *fpscr |= FPSCR_IOC;
            return fmt.default_nan();
        }
        return r;
    }
    let rmode = RoundingMode::from_fpscr(*fpscr);
    let (inf_a, zero_a) = (ua.kind == Kind::Inf, ua.kind == Kind::Zero);
    let sign_p = u1.sign != u2.sign;
    let inf_p = inf1 || inf2;
    let zero_p = zero1 || zero2;
    if inf_times_zero || (inf_a && inf_p && ua.sign != sign_p) {
        *fpscr |= FPSCR_IOC;
        fmt.default_nan()
    } else if (inf_a && !ua.sign) || (inf_p && !sign_p) {
        fmt.infinity(false)
    } else if inf_a || inf_p {
        fmt.infinity(true)
    } else if zero_a && zero_p && ua.sign == sign_p {
        fmt.zero(ua.sign)
    } else {
        let p = (sign_p, u1.exp + u2.exp, u1.mant as u128 * u2.mant as u128);
        match add_real(real(&ua), p) {
            None => fmt.zero(zero_sum_sign(rmode)),
            Some((s, e, m)) => round(fmt, s, e, m, rmode, fpscr),
        }
    }
}
