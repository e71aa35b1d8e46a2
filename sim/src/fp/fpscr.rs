//! FPSCR layout, rounding modes and the Advanced SIMD "standard FPSCR value".
//!
//! Every operation in this module tree takes the FPSCR as `&mut u32`: the
//! control bits (AHP, DN, FZ, RMode) are read from it and the cumulative
//! exception bits (IDC, IXC, UFC, OFC, DZC, IOC) are OR-ed into it.  Trap
//! enable bits (15..8) are ignored: we model VFPv3/VFPv4 without trapping,
//! as implemented by the Cortex-A cores, where those bits are RAZ/WI.

/// Condition flag N (bit 31).
pub const FPSCR_N: u32 = 1 << 31;
/// Condition flag Z (bit 30).
pub const FPSCR_Z: u32 = 1 << 30;
/// Condition flag C (bit 29).
pub const FPSCR_C: u32 = 1 << 29;
/// Condition flag V (bit 28).
pub const FPSCR_V: u32 = 1 << 28;
/// Cumulative saturation (Advanced SIMD integer ops; not touched here).
pub const FPSCR_QC: u32 = 1 << 27;
/// Alternative half-precision format.
pub const FPSCR_AHP: u32 = 1 << 26;
/// Default NaN mode.
pub const FPSCR_DN: u32 = 1 << 25;
/// Flush-to-zero mode.
pub const FPSCR_FZ: u32 = 1 << 24;
/// Shift of the two-bit rounding mode field.
pub const FPSCR_RMODE_SHIFT: u32 = 22;
/// Mask of the rounding mode field.
pub const FPSCR_RMODE_MASK: u32 = 3 << FPSCR_RMODE_SHIFT;
/// Input denormal cumulative flag.
pub const FPSCR_IDC: u32 = 1 << 7;
/// Inexact cumulative flag.
pub const FPSCR_IXC: u32 = 1 << 4;
/// Underflow cumulative flag.
pub const FPSCR_UFC: u32 = 1 << 3;
/// Overflow cumulative flag.
pub const FPSCR_OFC: u32 = 1 << 2;
/// Division by zero cumulative flag.
pub const FPSCR_DZC: u32 = 1 << 1;
/// Invalid operation cumulative flag.
pub const FPSCR_IOC: u32 = 1;
/// All cumulative floating-point exception flags.
pub const FPSCR_EXC_MASK: u32 =
    FPSCR_IDC | FPSCR_IXC | FPSCR_UFC | FPSCR_OFC | FPSCR_DZC | FPSCR_IOC;

/// The FPSCR.RMode field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RoundingMode {
    /// Round to nearest, ties to even (RN, `0b00`).
    Nearest = 0,
    /// Round towards plus infinity (RP, `0b01`).
    PlusInf = 1,
    /// Round towards minus infinity (RM, `0b10`).
    MinusInf = 2,
    /// Round towards zero (RZ, `0b11`).
    Zero = 3,
}

impl RoundingMode {
    /// The rounding mode selected by `fpscr`'s RMode field.
    #[inline]
    pub fn from_fpscr(fpscr: u32) -> RoundingMode {
        Self::from_bits(fpscr >> FPSCR_RMODE_SHIFT)
    }

    /// Decodes the low two bits of `bits` as an RMode value.
    #[inline]
    pub fn from_bits(bits: u32) -> RoundingMode {
        match bits & 3 {
            0 => RoundingMode::Nearest,
            1 => RoundingMode::PlusInf,
            2 => RoundingMode::MinusInf,
            _ => RoundingMode::Zero,
        }
    }
}

/// `StandardFPSCRValue()` for Advanced SIMD: DN=1, FZ=1, RMode=RN, AHP kept.
///
/// The ARM ARM builds the value as `'00000' : FPSCR<26> : '11000000000000000000000000'`;
/// we additionally keep the cumulative exception bits so that a caller can run an
/// operation on the returned value and copy the flags back with [`merge_flags`]
/// (or simply OR them into the real FPSCR, which is equivalent).
#[inline]
pub fn standard_fpscr(fpscr: u32) -> u32 {
    (fpscr & (FPSCR_AHP | FPSCR_EXC_MASK)) | FPSCR_DN | FPSCR_FZ
}

/// Copies the cumulative exception bits raised in `scratch` (a value obtained from
/// [`standard_fpscr`]) into the architectural `fpscr`.
#[inline]
pub fn merge_flags(fpscr: u32, scratch: u32) -> u32 {
    fpscr | (scratch & FPSCR_EXC_MASK)
}
