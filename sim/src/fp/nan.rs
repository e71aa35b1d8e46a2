//! NaN handling: `FPProcessNaN()`, `FPProcessNaNs()` and `FPProcessNaNs3()`.

use super::format::{Fmt, Kind, Unpacked};
use super::fpscr::{FPSCR_DN, FPSCR_IOC};

/// `FPProcessNaN(type, op, fpscr_val)`: a signalling NaN is quietened (top
/// fraction bit set, payload and sign kept) and raises Invalid Operation; in
/// Default NaN mode the result is replaced by the default NaN.
#[inline]
pub(crate) fn process_nan(fmt: Fmt, u: &Unpacked, bits: u64, fpscr: &mut u32) -> u64 {
    let mut r = bits;
    if u.kind == Kind::SNaN {
        r |= fmt.quiet_bit();
        *fpscr |= FPSCR_IOC;
    }
    if *fpscr & FPSCR_DN != 0 {
        r = fmt.default_nan();
    }
    r
}

/// `FPProcessNaNs(type1, type2, op1, op2)`: the first signalling NaN in operand
/// order wins, else the first quiet NaN; `None` when neither operand is a NaN.
#[inline]
pub(crate) fn process_nans2(
    fmt: Fmt,
    u1: &Unpacked,
    b1: u64,
    u2: &Unpacked,
    b2: u64,
    fpscr: &mut u32,
) -> Option<u64> {
    if u1.kind == Kind::SNaN {
        Some(process_nan(fmt, u1, b1, fpscr))
    } else if u2.kind == Kind::SNaN {
        Some(process_nan(fmt, u2, b2, fpscr))
    } else if u1.kind == Kind::QNaN {
        Some(process_nan(fmt, u1, b1, fpscr))
    } else if u2.kind == Kind::QNaN {
        Some(process_nan(fmt, u2, b2, fpscr))
    } else {
        None
    }
}

/// `FPProcessNaNs3()`, same rule over three operands.
#[inline]
pub(crate) fn process_nans3(fmt: Fmt, ops: [(&Unpacked, u64); 3], fpscr: &mut u32) -> Option<u64> {
    for want in [Kind::SNaN, Kind::QNaN] {
        for (u, b) in ops {
            if u.kind == want {
                return Some(process_nan(fmt, u, b, fpscr));
            }
        }
    }
    None
}
