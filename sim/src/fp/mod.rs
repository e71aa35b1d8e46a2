//! ARMv7-A VFPv3/VFPv4 and Advanced SIMD floating-point arithmetic with
//! exact architectural semantics (ARM ARM pseudocode: `FPUnpack`,
//! `FPProcessNaNs`, `FPRound`, `FPAdd`, ..., `FPToFixed`, `FixedToFP`).
//!
//! All functions work on raw bit patterns (`u16`/`u32`/`u64`) and take the
//! FPSCR as `&mut u32`: control bits (AHP, DN, FZ, RMode) are read from it
//! and cumulative exception flags OR-ed into it; nothing else is changed.
//! Depends on nothing outside `core`/`std`.
//!
//! Instruction mapping (VFP passes the real FPSCR; Advanced SIMD passes
//! [`standard_fpscr`]`(fpscr)` and ORs the flags back with [`merge_flags`]):
//! - VADD/VSUB/VMUL/VDIV/VSQRT: `add`, `sub`, `mul`, `div`, `sqrt` (`32`/`64`).
//! - VNMUL: `nmul`; VMLA/VMLS/VNMLA/VNMLS: `mla`, `mls`, `nmla`, `nmls`,
//!   which are exactly the ARM ARM composition of `FPMul`, `FPNeg`, `FPAdd`
//!   (product rounded first, NaNs negated by `FPNeg`).
//! - VFMA/VFMS/VFNMA/VFNMS: `muladd_fused(d, n, m)` with `neg` applied to
//!   `n` (VFMS, VFNMA) and/or `d` (VFNMA, VFNMS) first.
//! - VCMP/VCMPE (also with #0): `cmp32`/`cmp64` return NZCV in bits 31..28.
//! - VCVT between precisions: `f32_to_f64`, `f64_to_f32`, `f16_to_f32`,
//!   `f32_to_f16` (half format per FPSCR.AHP).
//! - VCVT{R} float to integer: `f32_to_s32` etc. with `RoundingMode::Zero`
//!   (VCVT) or `RoundingMode::from_fpscr` (VCVTR); integer to float:
//!   `s32_to_f32` etc. (FPSCR rounding).  Fixed point: `f32_to_fixed`/
//!   `f64_to_fixed` (round towards zero) and `fixed_to_f32` (round to nearest)
//!   / `fixed_to_f64` (exact).
//! - Advanced SIMD only: `max32`/`min32`, `cmp_eq32`/`cmp_ge32`/`cmp_gt32`,
//!   `recip_estimate32`, `rsqrt_estimate32` (+ `_u32` forms),
//!   `recip_step32`, `rsqrt_step32`; VABS/VNEG are `abs`/`neg`.

mod arith;
mod compare;
mod convert;
mod estimate;
mod exact;
mod format;
mod fpscr;
mod nan;
mod round;

#[cfg(test)]
mod tests;

pub use arith::{
    abs32, abs64, add32, add64, div32, div64, mla32, mla64, mls32, mls64, mul32, mul64,
    muladd_fused32, muladd_fused64, neg32, neg64, nmla32, nmla64, nmls32, nmls64, nmul32, nmul64,
    sqrt32, sqrt64, sub32, sub64,
};
pub use compare::{
    cmp32, cmp64, cmp_eq32, cmp_ge32, cmp_gt32, max32, max64, min32, min64, NZCV_EQUAL,
    NZCV_GREATER, NZCV_LESS, NZCV_UNORDERED,
};
pub use convert::{
    f16_to_f32, f32_to_f16, f32_to_f64, f32_to_fixed, f32_to_s32, f32_to_u32, f64_to_f32,
    f64_to_fixed, f64_to_s32, f64_to_u32, fixed_to_f32, fixed_to_f64, s32_to_f32, s32_to_f64,
    u32_to_f32, u32_to_f64,
};
pub use estimate::{
    recip_estimate32, recip_estimate_u32, recip_step32, rsqrt_estimate32, rsqrt_estimate_u32,
    rsqrt_step32,
};
pub use fpscr::{
    merge_flags, standard_fpscr, RoundingMode, FPSCR_AHP, FPSCR_C, FPSCR_DN, FPSCR_DZC,
    FPSCR_EXC_MASK, FPSCR_FZ, FPSCR_IDC, FPSCR_IOC, FPSCR_IXC, FPSCR_N, FPSCR_OFC, FPSCR_QC,
    FPSCR_RMODE_MASK, FPSCR_RMODE_SHIFT, FPSCR_UFC, FPSCR_V, FPSCR_Z,
};
