//! `FPRound()`: exact rounding of a real value held as an integer mantissa
//! and a binary exponent.

use super::format::Fmt;
use super::fpscr::{RoundingMode, FPSCR_AHP, FPSCR_FZ, FPSCR_IOC, FPSCR_IXC, FPSCR_OFC, FPSCR_UFC};

/// Shifts `m` right by `s` bits, returning the truncated quotient, the most
/// significant discarded bit ("round") and whether any lower discarded bit is
/// set ("sticky").  `s <= 0` shifts left (the caller guarantees no overflow).
#[inline]
pub(crate) fn shr_round_sticky(m: u128, s: i32) -> (u128, bool, bool) {
    if s <= 0 {
        let l = (-s) as u32;
        (if l >= 128 { 0 } else { m << l }, false, false)
    } else if s < 128 {
        let s = s as u32;
        let round = (m >> (s - 1)) & 1 != 0;
        let sticky = m & ((1u128 << (s - 1)) - 1) != 0;
        (m >> s, round, sticky)
    } else if s == 128 {
        (0, m >> 127 != 0, m & (u128::MAX >> 1) != 0)
    } else {
        (0, false, m != 0)
    }
}

/// Shifts `m` right by `s >= 0` bits, OR-ing everything shifted out into bit 0
/// (a sticky bit).  Used to align operands before an addition while keeping
/// enough information for correct rounding.
#[inline]
pub(crate) fn shr_jam(m: u128, s: u32) -> u128 {
    if s == 0 {
        m
    } else if s >= 128 {
        (m != 0) as u128
    } else {
        (m >> s) | ((m & ((1u128 << s) - 1)) != 0) as u128
    }
}

/// Sign of an exact zero sum: `-0` only when rounding towards minus infinity
/// (`FPAdd()`, `FPSub()`, `FPMulAdd()`).
#[inline]
pub(crate) fn zero_sum_sign(rmode: RoundingMode) -> bool {
    rmode == RoundingMode::MinusInf
}

/// `FPRound(result, N, fpscr_val)` for `result = (-1)^sign * mant * 2^exp`,
/// `mant != 0`, with the rounding mode given separately (conversions override
/// FPSCR.RMode).  `mant` may carry a sticky bit in its least significant
/// position provided at least `F + 3` significant bits are present, which is
/// enough for rounding to be exact.
///
/// Tininess is detected before rounding, as ARM does: with FPSCR.FZ (single
/// and double only) a result whose unrounded exponent is below the minimum is
/// flushed to a signed zero raising UFC only; otherwise UFC is raised when the
/// result is tiny and inexact.  For half precision with FPSCR.AHP there are no
/// infinities: out-of-range results saturate and raise Invalid Operation.
pub(crate) fn round(
    fmt: Fmt,
    sign: bool,
    exp: i32,
    mant: u128,
    rmode: RoundingMode,
    fpscr: &mut u32,
) -> u64 {
    if mant == 0 {
        // Not reached by the callers (exact zeros are handled before rounding);
        // returning a zero keeps the function total.
        return fmt.zero(sign);
    }
    let f = fmt.f as i32;
    let min_exp = fmt.min_exp();
    // exponent = floor(log2(|result|)).
    let exponent = exp + (127 - mant.leading_zeros() as i32);

    if *fpscr & FPSCR_FZ != 0 && fmt.n != 16 && exponent < min_exp {
        *fpscr |= FPSCR_UFC;
        return fmt.zero(sign);
    }

    let mut biased_exp = (exponent - min_exp + 1).max(0);
    // int_mant = RoundDown(|result| * 2^(F - max(exponent, minimum_exp))).
    let scale = exponent.max(min_exp);
    let (mut int_mant, rbit, sticky) = shr_round_sticky(mant, scale - f - exp);
    let inexact = rbit || sticky;

    if biased_exp == 0 && inexact {
        *fpscr |= FPSCR_UFC;
    }

    let (round_up, overflow_to_inf) = match rmode {
        RoundingMode::Nearest => (rbit && (sticky || int_mant & 1 != 0), true),
        RoundingMode::PlusInf => (inexact && !sign, !sign),
        RoundingMode::MinusInf => (inexact && sign, sign),
        RoundingMode::Zero => (false, false),
    };
    if round_up {
        int_mant += 1;
        if int_mant == 1u128 << f {
            // Rounded up from denormalized to normalized.
            biased_exp = 1;
        }
        if int_mant == 1u128 << (f + 1) {
            // Rounded up to the next exponent.
            biased_exp += 1;
            int_mant >>= 1;
        }
    }

    let frac = int_mant as u64 & fmt.frac_mask();
    if fmt.n != 16 || *fpscr & FPSCR_AHP == 0 {
        if biased_exp as i64 >= fmt.exp_ones() as i64 {
            *fpscr |= FPSCR_OFC | FPSCR_IXC;
            return if overflow_to_inf {
                fmt.infinity(sign)
            } else {
                fmt.max_normal(sign)
            };
        }
    } else if biased_exp as i64 > fmt.exp_ones() as i64 {
        // Alternative half precision: saturate, Invalid Operation, no Inexact.
        *fpscr |= FPSCR_IOC;
        return fmt.sign(sign) | ((1 << (fmt.n - 1)) - 1);
    }
    if inexact {
        *fpscr |= FPSCR_IXC;
    }
    fmt.sign(sign) | ((biased_exp as u64) << fmt.f) | frac
}
