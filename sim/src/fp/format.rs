//! Binary formats and `FPUnpack()`.
//!
//! The exact (slow) paths of this module tree are written once, generically
//! over [`Fmt`], with every encoding held in the low bits of a `u64`.

use super::fpscr::{FPSCR_AHP, FPSCR_FZ, FPSCR_IDC};

/// Parameters of an IEEE-style binary format (`N`, `E` and `F` in the ARM ARM).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fmt {
    /// Total width `N` in bits.
    pub n: u32,
    /// Exponent width `E`.
    pub e: u32,
    /// Fraction width `F`.
    pub f: u32,
}

/// Half precision (IEEE or alternative, chosen by FPSCR.AHP).
pub(crate) const F16: Fmt = Fmt { n: 16, e: 5, f: 10 };
/// Single precision.
pub(crate) const F32: Fmt = Fmt { n: 32, e: 8, f: 23 };
/// Double precision.
pub(crate) const F64: Fmt = Fmt {
    n: 64,
    e: 11,
    f: 52,
};

impl Fmt {
    #[inline]
    pub const fn sign_bit(self) -> u64 {
        1 << (self.n - 1)
    }
    /// The all-ones biased exponent (infinities and NaNs in IEEE formats).
    #[inline]
    pub const fn exp_ones(self) -> u64 {
        (1 << self.e) - 1
    }
    #[inline]
    pub const fn frac_mask(self) -> u64 {
        (1 << self.f) - 1
    }
    #[inline]
    pub const fn bias(self) -> i32 {
        (1 << (self.e - 1)) - 1
    }
    /// `minimum_exp` of `FPRound()`: the exponent of the smallest normal.
    #[inline]
    pub const fn min_exp(self) -> i32 {
        1 - self.bias()
    }
    #[inline]
    pub const fn quiet_bit(self) -> u64 {
        1 << (self.f - 1)
    }
    #[inline]
    pub const fn sign(self, sign: bool) -> u64 {
        if sign {
            self.sign_bit()
        } else {
            0
        }
    }
    /// `FPDefaultNaN()`: positive, quiet, zero payload.
    #[inline]
    pub const fn default_nan(self) -> u64 {
        (self.exp_ones() << self.f) | self.quiet_bit()
    }
    /// `FPInfinity()`.
    #[inline]
    pub const fn infinity(self, sign: bool) -> u64 {
        self.sign(sign) | (self.exp_ones() << self.f)
    }
    /// `FPZero()`.
    #[inline]
    pub const fn zero(self, sign: bool) -> u64 {
        self.sign(sign)
    }
    /// `FPMaxNormal()`.
    #[inline]
    pub const fn max_normal(self, sign: bool) -> u64 {
        self.sign(sign) | ((self.exp_ones() - 1) << self.f) | self.frac_mask()
    }
}

/// `FPType` of the ARM ARM (`Nonzero` is called `Finite` here).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Zero,
    Finite,
    Inf,
    QNaN,
    SNaN,
}

/// Result of `FPUnpack()`: for `Finite`, the value is `mant * 2^exp` exactly.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Unpacked {
    pub kind: Kind,
    pub sign: bool,
    pub exp: i32,
    pub mant: u64,
}

impl Unpacked {
    #[inline]
    pub fn is_nan(&self) -> bool {
        matches!(self.kind, Kind::QNaN | Kind::SNaN)
    }
}

/// `FPUnpack(fpval, fpscr_val)`.
///
/// Single and double denormals are flushed to (signed) zero when FPSCR.FZ is
/// set, raising IDC.  Half-precision inputs are never flushed (v7 `FPUnpack`
/// has no flush for N == 16), and with FPSCR.AHP the all-ones exponent encodes
/// ordinary numbers up to 131008 rather than infinities and NaNs.
#[inline]
pub(crate) fn unpack(fmt: Fmt, bits: u64, fpscr: &mut u32) -> Unpacked {
    let sign = bits & fmt.sign_bit() != 0;
    let exp = (bits >> fmt.f) & fmt.exp_ones();
    let frac = bits & fmt.frac_mask();
    let mut u = Unpacked {
        kind: Kind::Finite,
        sign,
        exp: 0,
        mant: 0,
    };
    if exp == 0 {
        if frac == 0 {
            u.kind = Kind::Zero;
        } else if fmt.n != 16 && *fpscr & FPSCR_FZ != 0 {
            // Denormalized input flushed to zero.
            u.kind = Kind::Zero;
            *fpscr |= FPSCR_IDC;
        } else {
            u.exp = fmt.min_exp() - fmt.f as i32;
            u.mant = frac;
        }
    } else if exp == fmt.exp_ones() && !(fmt.n == 16 && *fpscr & FPSCR_AHP != 0) {
        u.kind = if frac == 0 {
            Kind::Inf
        } else if frac & fmt.quiet_bit() != 0 {
            Kind::QNaN
        } else {
            Kind::SNaN
        };
    } else {
        u.exp = exp as i32 - fmt.bias() - fmt.f as i32;
        u.mant = frac | (1 << fmt.f);
    }
    u
}

/// Ordering key of a non-NaN unpacked value: monotone in the real value, with
/// both zeros (including flushed denormals) mapping to 0.
#[inline]
pub(crate) fn order_key(fmt: Fmt, u: &Unpacked, bits: u64) -> i64 {
    if u.kind == Kind::Zero {
        return 0;
    }
    // For finite and infinite encodings the magnitude is monotone in the bits.
    let mag = (bits & !fmt.sign_bit()) as i64;
    if u.sign {
        -mag
    } else {
        mag
    }
}
