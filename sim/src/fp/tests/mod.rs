//! Hand-picked vectors for every operation, plus the recorded table in
//! `vectors.rs` and the randomized fast-path/exact-path checks in `props.rs`.

mod props;
mod vectors;

use super::*;

const RN: u32 = 0;
const RP: u32 = 1 << 22;
const RM: u32 = 2 << 22;
const RZ: u32 = 3 << 22;
const FZ: u32 = FPSCR_FZ;
const DN: u32 = FPSCR_DN;
const AHP: u32 = FPSCR_AHP;
const IOC: u32 = FPSCR_IOC;
const DZC: u32 = FPSCR_DZC;
const OFC: u32 = FPSCR_OFC;
const UFC: u32 = FPSCR_UFC;
const IXC: u32 = FPSCR_IXC;
const IDC: u32 = FPSCR_IDC;

const ONE: u32 = 0x3F80_0000;
const TWO: u32 = 0x4000_0000;
const THREE: u32 = 0x4040_0000;
const HALF: u32 = 0x3F00_0000;
const INF: u32 = 0x7F80_0000;
const NINF: u32 = 0xFF80_0000;
const MAXF: u32 = 0x7F7F_FFFF;
const MINN: u32 = 0x0080_0000;
const DNAN: u32 = 0x7FC0_0000;
const DNAN64: u64 = 0x7FF8_0000_0000_0000;

fn f(x: f32) -> u32 {
    x.to_bits()
}

fn d(x: f64) -> u64 {
    x.to_bits()
}

/// Runs a two-operand single-precision operation: (result, flags raised).
fn op2(op: fn(u32, u32, &mut u32) -> u32, a: u32, b: u32, ctl: u32) -> (u32, u32) {
    let mut s = ctl;
    let r = op(a, b, &mut s);
    assert_eq!(s & !FPSCR_EXC_MASK, ctl, "control bits must be preserved");
    (r, s & FPSCR_EXC_MASK)
}

fn op2d(op: fn(u64, u64, &mut u32) -> u64, a: u64, b: u64, ctl: u32) -> (u64, u32) {
    let mut s = ctl;
    let r = op(a, b, &mut s);
    (r, s & FPSCR_EXC_MASK)
}

fn op3(op: fn(u32, u32, u32, &mut u32) -> u32, a: u32, b: u32, c: u32, ctl: u32) -> (u32, u32) {
    let mut s = ctl;
    let r = op(a, b, c, &mut s);
    (r, s & FPSCR_EXC_MASK)
}

/// Decodes the operation codes of `vectors.rs`.
fn run_op(op: u32, fin: u32, a: u64, b: u64, c: u64) -> (u64, u32) {
    let mut s = fin;
    let (a32, b32, c32) = (a as u32, b as u32, c as u32);
    let rz = RoundingMode::Zero;
    let rf = RoundingMode::from_fpscr(fin);
    let rn = RoundingMode::Nearest;
    let r: u64 = match op {
        0 => add32(a32, b32, &mut s) as u64,
        1 => sub32(a32, b32, &mut s) as u64,
        2 => mul32(a32, b32, &mut s) as u64,
        3 => div32(a32, b32, &mut s) as u64,
        4 => sqrt32(a32, &mut s) as u64,
        5 => muladd_fused32(c32, a32, b32, &mut s) as u64,
        6 => mla32(c32, a32, b32, &mut s) as u64,
        7 => mls32(c32, a32, b32, &mut s) as u64,
        8 => nmla32(c32, a32, b32, &mut s) as u64,
        9 => nmls32(c32, a32, b32, &mut s) as u64,
        10 => nmul32(a32, b32, &mut s) as u64,
        11 => muladd_fused32(c32, neg32(a32), b32, &mut s) as u64,
        12 => muladd_fused32(neg32(c32), neg32(a32), b32, &mut s) as u64,
        13 => muladd_fused32(neg32(c32), a32, b32, &mut s) as u64,
        20 => add64(a, b, &mut s),
        21 => sub64(a, b, &mut s),
        22 => mul64(a, b, &mut s),
        23 => div64(a, b, &mut s),
        24 => sqrt64(a, &mut s),
        25 => muladd_fused64(c, a, b, &mut s),
        26 => mla64(c, a, b, &mut s),
        27 => mls64(c, a, b, &mut s),
        28 => nmla64(c, a, b, &mut s),
        29 => nmls64(c, a, b, &mut s),
        30 => nmul64(a, b, &mut s),
        40..=43 => {
            let nzcv = match op {
                40 => cmp32(a32, b32, false, &mut s),
                41 => cmp32(a32, b32, true, &mut s),
                42 => cmp64(a, b, false, &mut s),
                _ => cmp64(a, b, true, &mut s),
            };
            s = (s & 0x0FFF_FFFF) | nzcv;
            nzcv as u64
        }
        50 => f32_to_f64(a32, &mut s),
        51 => f64_to_f32(a, &mut s) as u64,
        52 => f16_to_f32(a as u16, &mut s) as u64,
        53 => f32_to_f16(a32, &mut s) as u64,
        60 => f32_to_s32(a32, rz, &mut s) as u64,
        61 => f32_to_s32(a32, rf, &mut s) as u64,
        62 => f32_to_u32(a32, rz, &mut s) as u64,
        63 => f32_to_u32(a32, rf, &mut s) as u64,
        64 => f64_to_s32(a, rz, &mut s) as u64,
        65 => f64_to_s32(a, rf, &mut s) as u64,
        66 => f64_to_u32(a, rz, &mut s) as u64,
        67 => f64_to_u32(a, rf, &mut s) as u64,
        70 => s32_to_f32(a32, &mut s) as u64,
        71 => u32_to_f32(a32, &mut s) as u64,
        72 => s32_to_f64(a32),
        73 => u32_to_f64(a32),
        80 => f32_to_fixed(a32, 16, true, 32, rz, &mut s) as u64,
        81 => f32_to_fixed(a32, 8, false, 16, rz, &mut s) as u64,
        82 => f32_to_fixed(a32, 3, true, 16, rz, &mut s) as u64,
        83 => f32_to_fixed(a32, 32, false, 32, rz, &mut s) as u64,
        // VCVT to a D register sign-extends the 32-bit result.
        84 => f64_to_fixed(a, 20, true, 32, rz, &mut s) as i32 as i64 as u64,
        85 => f64_to_fixed(a, 16, false, 16, rz, &mut s) as u64,
        86 => fixed_to_f32(a32, 16, true, 32, rn, &mut s) as u64,
        87 => fixed_to_f32(a32, 8, false, 16, rn, &mut s) as u64,
        88 => fixed_to_f32(a32, 3, true, 16, rn, &mut s) as u64,
        89 => fixed_to_f32(a32, 32, false, 32, rn, &mut s) as u64,
        90 => fixed_to_f64(a32, 20, true, 32),
        91 => fixed_to_f64(a32, 16, false, 16),
        _ => {
            // Advanced SIMD: standard FPSCR, flags merged back.
            let mut t = standard_fpscr(fin);
            let v = match op {
                100 => max32(a32, b32, &mut t),
                101 => min32(a32, b32, &mut t),
                102 => recip_estimate32(a32, &mut t),
                103 => rsqrt_estimate32(a32, &mut t),
                104 => recip_step32(a32, b32, &mut t),
                105 => rsqrt_step32(a32, b32, &mut t),
                106 => recip_estimate_u32(a32),
                107 => rsqrt_estimate_u32(a32),
                108 => 0u32.wrapping_sub(cmp_eq32(a32, b32, &mut t) as u32),
                109 => 0u32.wrapping_sub(cmp_ge32(a32, b32, &mut t) as u32),
                110 => 0u32.wrapping_sub(cmp_gt32(a32, b32, &mut t) as u32),
                111 => add32(a32, b32, &mut t),
                112 => mul32(a32, b32, &mut t),
                113 => muladd_fused32(c32, a32, b32, &mut t),
                114 => f32_to_fixed(a32, 0, true, 32, rz, &mut t),
                115 => f32_to_fixed(a32, 0, false, 32, rz, &mut t),
                116 => fixed_to_f32(a32, 0, true, 32, rn, &mut t),
                117 => sub32(a32, b32, &mut t),
                118 => mla32(c32, a32, b32, &mut t),
                _ => panic!("unknown op {op}"),
            };
            s = merge_flags(fin, t);
            v as u64
        }
    };
    (r, s)
}

#[test]
fn recorded_vectors() {
    for &(op, fin, a, b, c, want, want_fpscr) in vectors::VECTORS {
        let (r, s) = run_op(op, fin, a, b, c);
        assert_eq!(
            (r, s),
            (want, want_fpscr),
            "op {op} fpscr {fin:08x} a {a:x} b {b:x} c {c:x}: got {r:x} {s:08x}, want {want:x} {want_fpscr:08x}"
        );
    }
}

// ---------------------------------------------------------------------------
// NaN propagation
// ---------------------------------------------------------------------------

#[test]
fn nan_operand_order_and_quieting() {
    // A signalling NaN wins over an earlier quiet NaN, and is quietened.
    assert_eq!(op2(add32, 0x7FC0_0001, 0x7F80_0002, RN), (0x7FC0_0002, IOC));
    // Two signalling NaNs: the first, sign and payload kept.
    assert_eq!(op2(add32, 0xFF80_0005, 0x7F80_0002, RN), (0xFFC0_0005, IOC));
    // Two quiet NaNs: the first, no exception.
    assert_eq!(op2(mul32, 0x7FC0_0001, 0xFFC0_0002, RN), (0x7FC0_0001, 0));
    assert_eq!(op2(div32, ONE, 0xFFC1_2345, RN), (0xFFC1_2345, 0));
    // Default NaN mode: no payload, but SNaN still raises IOC.
    assert_eq!(op2(add32, 0x7FC1_2345, ONE, DN), (DNAN, 0));
    assert_eq!(op2(add32, ONE, 0xFF80_0001, DN), (DNAN, IOC));
    // FPSub propagates its second operand unnegated.
    assert_eq!(op2(sub32, ONE, 0xFFC0_0001, RN), (0xFFC0_0001, 0));
    assert_eq!(op2(sub32, ONE, 0x7F80_0001, RN), (0x7FC0_0001, IOC));
    // Double precision.
    let snan = 0x7FF0_0000_0000_0001;
    assert_eq!(
        op2d(add64, 1.0f64.to_bits(), snan, RN),
        (0x7FF8_0000_0000_0001, IOC)
    );
    assert_eq!(
        op2d(mul64, 0xFFF8_0000_0000_0009, snan, RN),
        (0x7FF8_0000_0000_0001, IOC)
    );
    assert_eq!(op2d(div64, 0xFFF8_0000_0000_0009, 0, DN), (DNAN64, 0));
    let mut s = RN;
    assert_eq!(sqrt32(0xFF80_0003, &mut s), 0xFFC0_0003);
    assert_eq!(s, IOC);
}

#[test]
fn nan_negated_multiply_forms() {
    // VNMUL negates whatever FPMul returns, NaNs included.
    assert_eq!(op2(nmul32, 0x7FC0_0001, ONE, RN), (0xFFC0_0001, 0));
    assert_eq!(op2(nmul32, INF, 0, RN), (0xFFC0_0000, IOC));
    // VNMLA: FPAdd(FPNeg(d), FPNeg(product)); a signalling accumulator is
    // negated then quietened.
    assert_eq!(op3(nmla32, 0x7F80_0001, ONE, ONE, RN), (0xFFC0_0001, IOC));
    // A NaN product reaches FPAdd negated.
    assert_eq!(op3(nmla32, ONE, 0x7FC0_0004, ONE, RN), (0xFFC0_0004, 0));
    assert_eq!(op3(mls32, ONE, 0x7FC0_0004, ONE, RN), (0xFFC0_0004, 0));
    assert_eq!(op3(mla32, ONE, 0x7FC0_0004, ONE, RN), (0x7FC0_0004, 0));
    assert_eq!(
        op3(nmls32, 0x7FC0_0008, 0x7FC0_0004, ONE, RN),
        (0xFFC0_0008, 0)
    );
}

#[test]
fn nan_fused_multiply_add() {
    // NaN order is addend, op1, op2; signalling NaNs first.
    let (qa, sb, qc) = (0x7FC0_000A, 0x7F80_000B, 0x7FC0_000C);
    assert_eq!(op3(muladd_fused32, qa, sb, qc, RN), (0x7FC0_000B, IOC));
    assert_eq!(op3(muladd_fused32, qa, 0x7FC0_000B, ONE, RN), (qa, 0));
    assert_eq!(
        op3(muladd_fused32, ONE, 0x7FC0_000B, qc, RN),
        (0x7FC0_000B, 0)
    );
    assert_eq!(op3(muladd_fused32, ONE, ONE, qc, RN), (qc, 0));
    // inf * 0 with a quiet NaN addend is still Invalid: default NaN.
    assert_eq!(op3(muladd_fused32, qa, INF, 0, RN), (DNAN, IOC));
    assert_eq!(op3(muladd_fused32, qa, 0x8000_0000, NINF, RN), (DNAN, IOC));
    // ... but a signalling NaN addend is simply propagated.
    assert_eq!(op3(muladd_fused32, 0x7F80_000A, INF, 0, RN), (qa, IOC));
    // inf * 0 without NaNs; inf - inf through the addend.
    assert_eq!(op3(muladd_fused32, ONE, INF, 0, RN), (DNAN, IOC));
    assert_eq!(op3(muladd_fused32, NINF, INF, ONE, RN), (DNAN, IOC));
    assert_eq!(op3(muladd_fused32, INF, INF, ONE, RN), (INF, 0));
    let mut s = RN;
    let r = muladd_fused64(0x7FF8_0000_0000_000A, d(f64::INFINITY), 0, &mut s);
    assert_eq!((r, s), (DNAN64, IOC));
}

#[test]
fn nan_conversions_keep_payload() {
    let mut s = RN;
    assert_eq!(f32_to_f64(0x7F80_0001, &mut s), 0x7FF8_0000_2000_0000);
    assert_eq!(s, IOC);
    let mut s = RN;
    assert_eq!(f32_to_f64(0xFFC0_0003, &mut s), 0xFFF8_0000_6000_0000);
    assert_eq!(s, 0);
    let mut s = RN;
    assert_eq!(f64_to_f32(0xFFF0_0000_2000_0001, &mut s), 0xFFC0_0001);
    assert_eq!(s, IOC);
    let mut s = DN;
    assert_eq!(f64_to_f32(0xFFF8_0000_2000_0001, &mut s), DNAN);
    assert_eq!(s, DN);
}

// ---------------------------------------------------------------------------
// Flush-to-zero, underflow, overflow
// ---------------------------------------------------------------------------

#[test]
fn flush_to_zero_inputs() {
    // Without FZ denormals are exact operands.
    assert_eq!(op2(add32, 1, 0, RN), (1, 0));
    // With FZ they are flushed (sign kept) and raise IDC.
    assert_eq!(op2(add32, 1, 0, FZ), (0, IDC));
    assert_eq!(op2(add32, 0x8000_0001, 0x8000_0000, FZ), (0x8000_0000, IDC));
    assert_eq!(op2(mul32, 0x8000_0001, ONE, FZ), (0x8000_0000, IDC));
    // A flushed divisor is a division by zero.
    assert_eq!(op2(div32, ONE, 0x0000_0010, FZ), (INF, IDC | DZC));
    assert_eq!(op2(add32, 0x8000_0001, ONE, FZ), (ONE, IDC));
    // Flushed operand of a NaN operation still raises IDC.
    assert_eq!(op2(add32, 0x7FC0_0000, 1, FZ), (DNAN, IDC));
    let mut s = FZ;
    assert_eq!(sqrt32(0x8000_0001, &mut s), 0x8000_0000);
    assert_eq!(s & FPSCR_EXC_MASK, IDC);
    assert_eq!(op2d(mul64, 1, d(1.0), FZ), (0, IDC));
}

#[test]
fn flush_to_zero_outputs() {
    // Tiny results flush to zero raising UFC but not IXC.
    assert_eq!(op2(mul32, MINN, HALF, FZ), (0, UFC));
    assert_eq!(op2(mul32, MINN | 0x8000_0000, HALF, FZ), (0x8000_0000, UFC));
    // Tininess is judged before rounding: 0x00FFFFFF * 0.5 would round up
    // to the smallest normal, but is flushed.
    assert_eq!(op2(mul32, 0x00FF_FFFF, HALF, FZ), (0, UFC));
    assert_eq!(op2(mul32, 0x00FF_FFFF, HALF, FZ | RP), (0, UFC));
    // An exact smallest normal is not tiny.
    assert_eq!(op2(mul32, 0x0100_0000, HALF, FZ), (MINN, 0));
    assert_eq!(op2d(mul64, 0x0010_0000_0000_0001, d(0.5), FZ), (0, UFC));
}

#[test]
fn underflow_tininess_before_rounding() {
    // Exact denormal result: no flags.
    assert_eq!(op2(mul32, MINN, HALF, RN), (0x0040_0000, 0));
    // Rounds up to the smallest normal, yet was tiny before rounding and
    // inexact: UFC and IXC.
    assert_eq!(op2(mul32, 0x00FF_FFFF, HALF, RN), (MINN, UFC | IXC));
    assert_eq!(op2(mul32, 0x00FF_FFFF, HALF, RZ), (0x007F_FFFF, UFC | IXC));
    // Same in double precision.
    let r = op2d(mul64, 0x001F_FFFF_FFFF_FFFF, d(0.5), RN);
    assert_eq!(r, (0x0010_0000_0000_0000, UFC | IXC));
    // Smallest denormal halved: ties to even gives zero; RP gives the
    // smallest denormal.
    assert_eq!(op2(mul32, 1, HALF, RN), (0, UFC | IXC));
    assert_eq!(op2(mul32, 1, HALF, RP), (1, UFC | IXC));
    assert_eq!(op2(mul32, 0x8000_0001, HALF, RM), (0x8000_0001, UFC | IXC));
    // Denormal sum that is exact: no underflow.
    assert_eq!(op2(add32, 1, 1, RN), (2, 0));
    assert_eq!(op2(sub32, MINN, 1, RN), (0x007F_FFFF, 0));
}

#[test]
fn overflow_by_rounding_mode() {
    assert_eq!(op2(mul32, MAXF, TWO, RN), (INF, OFC | IXC));
    assert_eq!(op2(mul32, MAXF, TWO, RP), (INF, OFC | IXC));
    assert_eq!(op2(mul32, MAXF, TWO, RM), (MAXF, OFC | IXC));
    assert_eq!(op2(mul32, MAXF, TWO, RZ), (MAXF, OFC | IXC));
    let nmax = MAXF | 0x8000_0000;
    assert_eq!(op2(mul32, nmax, TWO, RP), (nmax, OFC | IXC));
    assert_eq!(op2(mul32, nmax, TWO, RM), (NINF, OFC | IXC));
    // MAX + half an ulp rounds to infinity in RN (tie to even).
    assert_eq!(op2(add32, MAXF, 0x7300_0000, RN), (INF, OFC | IXC));
    // ... but just below that stays MAX, inexact only.
    assert_eq!(op2(add32, MAXF, 0x72FF_FFFF, RN), (MAXF, IXC));
    let dmax = 0x7FEF_FFFF_FFFF_FFFF;
    assert_eq!(op2d(add64, dmax, dmax, RZ), (dmax, OFC | IXC));
    assert_eq!(
        op2d(add64, dmax, dmax, RN),
        (0x7FF0_0000_0000_0000, OFC | IXC)
    );
}

// ---------------------------------------------------------------------------
// Invalid operations and division by zero
// ---------------------------------------------------------------------------

#[test]
fn invalid_and_divide_by_zero() {
    assert_eq!(op2(add32, INF, NINF, RN), (DNAN, IOC));
    assert_eq!(op2(sub32, INF, INF, RN), (DNAN, IOC));
    assert_eq!(op2(sub32, INF, NINF, RN), (INF, 0));
    assert_eq!(op2(mul32, 0, INF, RN), (DNAN, IOC));
    assert_eq!(op2(mul32, NINF, 0x8000_0000, RN), (DNAN, IOC));
    assert_eq!(op2(mul32, NINF, ONE, RN), (NINF, 0));
    assert_eq!(op2(div32, 0, 0x8000_0000, RN), (DNAN, IOC));
    assert_eq!(op2(div32, INF, NINF, RN), (DNAN, IOC));
    assert_eq!(op2(div32, ONE, 0, RN), (INF, DZC));
    assert_eq!(op2(div32, 0x8000_0001, 0, RN), (NINF, DZC));
    assert_eq!(op2(div32, INF, 0, RN), (INF, 0));
    assert_eq!(op2(div32, ONE, NINF, RN), (0x8000_0000, 0));
    assert_eq!(op2d(div64, d(-1.0), 0, RN), (d(f64::NEG_INFINITY), DZC));
    let mut s = RN;
    assert_eq!(sqrt32(f(-1.0), &mut s), DNAN);
    assert_eq!(s, IOC);
    let mut s = RN;
    assert_eq!(sqrt32(NINF, &mut s), DNAN);
    assert_eq!(s, IOC);
    let mut s = RN;
    assert_eq!(sqrt32(0x8000_0000, &mut s), 0x8000_0000);
    assert_eq!(s, 0);
    let mut s = RN;
    assert_eq!(sqrt64(d(-2.0), &mut s), DNAN64);
    assert_eq!(s, IOC);
}

// ---------------------------------------------------------------------------
// Signed zeros and rounding modes
// ---------------------------------------------------------------------------

#[test]
fn signed_zero_results() {
    for (mode, neg) in [(RN, false), (RP, false), (RM, true), (RZ, false)] {
        let z = if neg { 0x8000_0000 } else { 0 };
        assert_eq!(op2(add32, ONE, f(-1.0), mode), (z, 0));
        assert_eq!(op2(sub32, ONE, ONE, mode), (z, 0));
        assert_eq!(op2(add32, 0, 0x8000_0000, mode), (z, 0));
        let zd = (z as u64) << 32;
        assert_eq!(op2d(sub64, d(3.5), d(3.5), mode), (zd, 0));
        // x*y - x*y fused is an exact zero too.
        assert_eq!(op3(muladd_fused32, f(-6.0), TWO, THREE, mode), (z, 0));
        assert_eq!(op3(muladd_fused32, 0x8000_0000, 0, ONE, mode), (z, 0));
        // Same-signed zeros keep their sign in every mode.
        assert_eq!(op2(add32, 0x8000_0000, 0x8000_0000, mode), (0x8000_0000, 0));
        assert_eq!(op2(sub32, 0x8000_0000, 0, mode), (0x8000_0000, 0));
        assert_eq!(
            op3(muladd_fused32, 0x8000_0000, 0x8000_0000, ONE, mode),
            (0x8000_0000, 0)
        );
        // VMLS of equal values: d - n*m = 0 with the mode's sign.
        assert_eq!(op3(mls32, f(6.0), TWO, THREE, mode), (z, 0));
    }
    assert_eq!(op2(mul32, 0x8000_0000, ONE, RN), (0x8000_0000, 0));
    assert_eq!(op2(div32, 0, f(-3.0), RN), (0x8000_0000, 0));
}

#[test]
fn every_rounding_mode() {
    // 1/3 = 0x3EAAAAAA|AB...
    let third = [
        (RN, 0x3EAA_AAAB),
        (RP, 0x3EAA_AAAB),
        (RM, 0x3EAA_AAAA),
        (RZ, 0x3EAA_AAAA),
    ];
    for (mode, want) in third {
        assert_eq!(op2(div32, ONE, THREE, mode), (want, IXC));
    }
    let mthird = [
        (RN, 0xBEAA_AAAB),
        (RP, 0xBEAA_AAAA),
        (RM, 0xBEAA_AAAB),
        (RZ, 0xBEAA_AAAA),
    ];
    for (mode, want) in mthird {
        assert_eq!(op2(div32, f(-1.0), THREE, mode), (want, IXC));
    }
    let third64 = [
        (RN, 0x3FD5_5555_5555_5555),
        (RP, 0x3FD5_5555_5555_5556),
        (RM, 0x3FD5_5555_5555_5555),
        (RZ, 0x3FD5_5555_5555_5555),
    ];
    for (mode, want) in third64 {
        assert_eq!(op2d(div64, d(1.0), d(3.0), mode), (want, IXC));
    }
    // Ties: 1 + 2^-24 is halfway; RN goes to even (1.0), 0x3F800001 + 2^-24
    // goes up to 0x3F800002.
    let e24 = 0x3380_0000;
    assert_eq!(op2(add32, ONE, e24, RN), (ONE, IXC));
    assert_eq!(op2(add32, 0x3F80_0001, e24, RN), (0x3F80_0002, IXC));
    assert_eq!(op2(add32, ONE, e24, RP), (0x3F80_0001, IXC));
    assert_eq!(op2(add32, ONE, e24, RM), (ONE, IXC));
    assert_eq!(op2(sub32, ONE, e24, RM), (0x3F7F_FFFF, 0)); // exact: 1 - 2^-24
    assert_eq!(op2(sub32, ONE, 0x3300_0000, RZ), (0x3F7F_FFFF, IXC));
    assert_eq!(op2(sub32, ONE, 0x3300_0000, RN), (ONE, IXC));
    // sqrt(2) in all modes.
    for (mode, want) in [
        (RN, 0x3FB5_04F3),
        (RP, 0x3FB5_04F4),
        (RM, 0x3FB5_04F3),
        (RZ, 0x3FB5_04F3),
    ] {
        let mut s = mode;
        assert_eq!(sqrt32(TWO, &mut s), want);
        assert_eq!(s & FPSCR_EXC_MASK, IXC);
    }
    for (mode, want) in [
        (RN, 0x3FF6_A09E_667F_3BCD),
        (RP, 0x3FF6_A09E_667F_3BCD),
        (RM, 0x3FF6_A09E_667F_3BCC),
        (RZ, 0x3FF6_A09E_667F_3BCC),
    ] {
        let mut s = mode;
        assert_eq!(sqrt64(d(2.0), &mut s), want);
        assert_eq!(s & FPSCR_EXC_MASK, IXC);
    }
    // Exact results raise nothing.
    let mut s = RN;
    assert_eq!(sqrt32(f(2.25), &mut s), f(1.5));
    assert_eq!(s, 0);
    assert_eq!(op2(mul32, f(1.5), f(-2.5), RZ), (f(-3.75), 0));
}

#[test]
fn fused_versus_unfused() {
    // (1 + 2^-12)^2 - 1 = 2^-11 + 2^-24 exactly: the fused result keeps the
    // low term, the unfused product loses it (a tie, rounded to even).
    let x = 0x3F80_0800;
    let fused = op3(muladd_fused32, f(-1.0), x, x, RN);
    assert_eq!(fused, (f(2f32.powi(-11) + 2f32.powi(-24)), 0));
    assert_eq!(op3(mla32, f(-1.0), x, x, RN), (f(2f32.powi(-11)), IXC));
    let y = d(1.0 + 2f64.powi(-27));
    let mut s = RN;
    let r = muladd_fused64(d(-1.0), y, y, &mut s);
    assert_eq!((r, s), (d(2f64.powi(-26) + 2f64.powi(-54)), 0));
    let mut s = RN;
    assert_eq!(mla64(d(-1.0), y, y, &mut s), d(2f64.powi(-26)));
    assert_eq!(s, IXC);
    // Double rounding hazard: the exact sum lies just above a tie.
    let r = op3(muladd_fused32, ONE, 0x3380_0000, 0x3F80_0001, RN);
    assert_eq!(r, (0x3F80_0001, IXC));
    // The low bits of product and addend cancel: exact despite a product
    // wider than the format.
    let x = d(1.0 + 2f64.powi(-52));
    let mut s = RN;
    let r = muladd_fused64(d(-(2f64.powi(-104))), x, x, &mut s);
    assert_eq!((r, s), (d(1.0 + 2f64.powi(-51)), 0));
    let x = 0x3F80_0001;
    let r = op3(muladd_fused32, f(-(2f32.powi(-46))), x, x, RN);
    assert_eq!(r, (f(1.0 + 2f32.powi(-22)), 0));
    // VFMS/VFNMA/VFNMS are FPMulAdd with negated inputs.
    assert_eq!(
        op3(muladd_fused32, ONE, neg32(TWO), THREE, RN),
        (f(-5.0), 0)
    );
    assert_eq!(op3(muladd_fused32, neg32(ONE), TWO, THREE, RN), (f(5.0), 0));
}

// ---------------------------------------------------------------------------
// Conversions
// ---------------------------------------------------------------------------

fn cvt(
    op: fn(u32, RoundingMode, &mut u32) -> u32,
    x: u32,
    rm: RoundingMode,
    ctl: u32,
) -> (u32, u32) {
    let mut s = ctl;
    let r = op(x, rm, &mut s);
    (r, s & FPSCR_EXC_MASK)
}

#[test]
fn float_to_integer() {
    use RoundingMode::*;
    assert_eq!(
        cvt(f32_to_s32, f(2147483648.0), Zero, 0),
        (0x7FFF_FFFF, IOC)
    );
    assert_eq!(cvt(f32_to_s32, f(-2147483648.0), Zero, 0), (0x8000_0000, 0));
    assert_eq!(cvt(f32_to_s32, f(-3e9), Zero, 0), (0x8000_0000, IOC));
    assert_eq!(cvt(f32_to_s32, INF, Zero, 0), (0x7FFF_FFFF, IOC));
    assert_eq!(cvt(f32_to_s32, 0x7FC0_0000, Zero, 0), (0, IOC));
    assert_eq!(cvt(f32_to_u32, 0xFF80_0001, Zero, 0), (0, IOC));
    assert_eq!(cvt(f32_to_u32, f(-1.0), Zero, 0), (0, IOC));
    assert_eq!(cvt(f32_to_u32, f(-0.5), Zero, 0), (0, IXC));
    assert_eq!(cvt(f32_to_u32, f(-0.5), Nearest, 0), (0, IXC));
    assert_eq!(cvt(f32_to_u32, f(-0.75), Nearest, 0), (0, IOC));
    assert_eq!(
        cvt(f32_to_u32, f(4294967296.0), Zero, 0),
        (0xFFFF_FFFF, IOC)
    );
    assert_eq!(cvt(f32_to_u32, f(4294967040.0), Zero, 0), (0xFFFF_FF00, 0));
    assert_eq!(cvt(f32_to_s32, 0x8000_0000, Zero, 0), (0, 0));
    for (x, rn, rp, rm, rz) in [
        (2.5f32, 2, 3, 2, 2),
        (3.5, 4, 4, 3, 3),
        (-2.5, -2, -2, -3, -2),
        (-3.5, -4, -3, -4, -3),
        (1.25, 1, 2, 1, 1),
        (-1.75, -2, -1, -2, -1),
    ] {
        assert_eq!(cvt(f32_to_s32, f(x), Nearest, 0), (rn as u32, IXC));
        assert_eq!(cvt(f32_to_s32, f(x), PlusInf, 0), (rp as u32, IXC));
        assert_eq!(cvt(f32_to_s32, f(x), MinusInf, 0), (rm as u32, IXC));
        assert_eq!(cvt(f32_to_s32, f(x), Zero, 0), (rz as u32, IXC));
    }
    // A flushed denormal converts to 0 with IDC only.
    assert_eq!(cvt(f32_to_s32, 0x8000_0001, PlusInf, FZ), (0, IDC));
    assert_eq!(cvt(f32_to_s32, 0x0000_0001, PlusInf, 0), (1, IXC));
    // Doubles.
    let c64 = |x: f64, rm, signed: bool| {
        let mut s = 0;
        let r = if signed {
            f64_to_s32(d(x), rm, &mut s)
        } else {
            f64_to_u32(d(x), rm, &mut s)
        };
        (r, s)
    };
    assert_eq!(c64(2147483647.5, Zero, true), (0x7FFF_FFFF, IXC));
    assert_eq!(c64(2147483647.5, Nearest, true), (0x7FFF_FFFF, IOC));
    assert_eq!(c64(-2147483648.5, Nearest, true), (0x8000_0000, IXC));
    assert_eq!(c64(-2147483648.5, MinusInf, true), (0x8000_0000, IOC));
    assert_eq!(c64(4294967295.5, Zero, false), (0xFFFF_FFFF, IXC));
    assert_eq!(c64(4294967295.5, Nearest, false), (0xFFFF_FFFF, IOC));
    assert_eq!(c64(1e300, Zero, true), (0x7FFF_FFFF, IOC));
    assert_eq!(c64(-1e-300, MinusInf, true), (0xFFFF_FFFF, IXC));
    assert_eq!(c64(-1e-300, MinusInf, false), (0, IOC));
    assert_eq!(c64(f64::NAN, Zero, true), (0, IOC));
}

#[test]
fn fixed_point_conversions() {
    use RoundingMode::*;
    let tf = |x: u32, fb, signed, size, rm| {
        let mut s = 0;
        let r = f32_to_fixed(x, fb, signed, size, rm, &mut s);
        (r, s)
    };
    assert_eq!(tf(f(1.5), 16, true, 32, Zero), (0x0001_8000, 0));
    // 16-bit results are sign- or zero-extended.
    assert_eq!(tf(f(-1.0), 3, true, 16, Zero), (0xFFFF_FFF8, 0));
    assert_eq!(tf(f(300.0), 8, false, 16, Zero), (0xFFFF, IOC));
    assert_eq!(tf(f(-4096.5), 3, true, 16, Zero), (0xFFFF_8000, IOC));
    assert_eq!(tf(f(0.3), 8, false, 16, Zero), (76, IXC));
    assert_eq!(tf(f(0.3), 8, false, 16, PlusInf), (77, IXC));
    assert_eq!(tf(f(0.99), 32, false, 32, Zero), (0xFD70_A400, 0));
    assert_eq!(tf(ONE, 32, false, 32, Zero), (0xFFFF_FFFF, IOC));
    let mut s = 0;
    assert_eq!(
        f64_to_fixed(d(-0.5), 20, true, 32, Zero, &mut s),
        0xFFF8_0000
    );
    assert_eq!(s, 0);
    // From fixed point.
    let ff = |v: u32, fb, signed, size, rm, ctl| {
        let mut s = ctl;
        let r = fixed_to_f32(v, fb, signed, size, rm, &mut s);
        (r, s & FPSCR_EXC_MASK)
    };
    assert_eq!(
        ff(0xFFFF, 8, false, 16, Nearest, 0),
        (f(65535.0 / 256.0), 0)
    );
    assert_eq!(ff(0xFFFF_FFF8, 3, true, 16, Nearest, 0), (f(-1.0), 0));
    assert_eq!(ff(0x1234_FFF8, 3, true, 16, Nearest, 0), (f(-1.0), 0));
    assert_eq!(ff(0, 16, true, 32, Nearest, RM), (0, 0));
    assert_eq!(ff(0xFFFF_FFFF, 32, false, 32, Nearest, 0), (ONE, IXC));
    assert_eq!(ff(0xFFFF_FFFF, 32, false, 32, Zero, 0), (0x3F7F_FFFF, IXC));
    assert_eq!(fixed_to_f64(0x8000_0000, 20, true, 32), d(-2048.0));
    assert_eq!(fixed_to_f64(0xFFFF_8000, 16, false, 16), d(0.5));
    // Integer conversions use FPSCR.RMode.
    let mut s = RN;
    assert_eq!(u32_to_f32(0xFFFF_FFFF, &mut s), 0x4F80_0000);
    assert_eq!(s, IXC);
    let mut s = RZ;
    assert_eq!(u32_to_f32(0xFFFF_FFFF, &mut s), 0x4F7F_FFFF);
    assert_eq!(s, RZ | IXC);
    // -(2^31 - 1): RM rounds away from zero, RZ towards it.
    let mut s = RM;
    assert_eq!(s32_to_f32(0x8000_0001, &mut s), f(-2147483648.0));
    assert_eq!(s & FPSCR_EXC_MASK, IXC);
    let mut s = RZ;
    assert_eq!(s32_to_f32(0x8000_0001, &mut s), 0xCEFF_FFFF);
    assert_eq!(s & FPSCR_EXC_MASK, IXC);
    let mut s = RN;
    assert_eq!(s32_to_f32(0x8000_0000, &mut s), f(-2147483648.0));
    assert_eq!(s32_to_f32(0, &mut s), 0);
    assert_eq!(s, RN);
    assert_eq!(s32_to_f64(0xFFFF_FFFF), d(-1.0));
    assert_eq!(u32_to_f64(0xFFFF_FFFF), d(4294967295.0));
}

#[test]
fn precision_conversions() {
    let to32 = |x: f64, ctl| {
        let mut s = ctl;
        let r = f64_to_f32(d(x), &mut s);
        (r, s & FPSCR_EXC_MASK)
    };
    assert_eq!(to32(0.1, RN), (f(0.1), IXC));
    assert_eq!(to32(0.1, RZ), (f(0.1) - 1, IXC));
    assert_eq!(to32(1e300, RN), (INF, OFC | IXC));
    assert_eq!(to32(1e300, RZ), (MAXF, OFC | IXC));
    assert_eq!(to32(-1e300, RP), (MAXF | 0x8000_0000, OFC | IXC));
    assert_eq!(to32(1e-50, RN), (0, UFC | IXC));
    assert_eq!(to32(1e-50, RP), (1, UFC | IXC));
    assert_eq!(to32(-1e-50, FZ), (0x8000_0000, UFC));
    assert_eq!(to32(2f64.powi(-149), RN), (1, 0));
    assert_eq!(to32(2f64.powi(-149), FZ), (0, UFC));
    // Tiny before rounding, rounds to the smallest normal.
    assert_eq!(
        to32(f32::MIN_POSITIVE as f64 * (1.0 - 2f64.powi(-30)), RN),
        (MINN, UFC | IXC)
    );
    // A double denormal input under FZ.
    let mut s = FZ;
    assert_eq!(f64_to_f32(0x8000_0000_0000_0001, &mut s), 0x8000_0000);
    assert_eq!(s & FPSCR_EXC_MASK, IDC);
    // Single to double is exact; denormals flush only under FZ.
    let mut s = RN;
    assert_eq!(f32_to_f64(1, &mut s), d(2f64.powi(-149)));
    assert_eq!(s, RN);
    let mut s = FZ;
    assert_eq!(f32_to_f64(0x8000_0001, &mut s), 0x8000_0000_0000_0000);
    assert_eq!(s & FPSCR_EXC_MASK, IDC);
    let mut s = RN;
    assert_eq!(f32_to_f64(NINF, &mut s), d(f64::NEG_INFINITY));
}

fn h2s(h: u16, ctl: u32) -> (u32, u32) {
    let mut s = ctl;
    let r = f16_to_f32(h, &mut s);
    (r, s & FPSCR_EXC_MASK)
}

fn s2h(x: u32, ctl: u32) -> (u16, u32) {
    let mut s = ctl;
    let r = f32_to_f16(x, &mut s);
    (r, s & FPSCR_EXC_MASK)
}

#[test]
fn half_precision() {
    // IEEE format.
    assert_eq!(h2s(0x3C00, RN), (ONE, 0));
    assert_eq!(h2s(0x7BFF, RN), (f(65504.0), 0));
    assert_eq!(h2s(0x7C00, RN), (INF, 0));
    assert_eq!(h2s(0xFE01, RN), (0xFFC0_2000, 0));
    assert_eq!(h2s(0x7D00, RN), (0x7FE0_0000, IOC));
    assert_eq!(h2s(0x7D00, DN), (DNAN, IOC));
    // Half denormals are never flushed, even with FZ.
    assert_eq!(h2s(0x0001, FZ), (f(2f32.powi(-24)), 0));
    assert_eq!(h2s(0x8200, FZ), (f(-(2f32.powi(-15))), 0));
    // Alternative format: exponent 31 is an ordinary binade.
    assert_eq!(h2s(0x7C00, AHP), (f(65536.0), 0));
    assert_eq!(h2s(0xFFFF, AHP), (f(-131008.0), 0));

    assert_eq!(s2h(ONE, RN), (0x3C00, 0));
    assert_eq!(s2h(f(65504.0), RN), (0x7BFF, 0));
    assert_eq!(s2h(f(65519.0), RN), (0x7BFF, IXC));
    assert_eq!(s2h(f(65520.0), RN), (0x7C00, OFC | IXC));
    // RZ truncates 65520 to 65504: inexact but no overflow.
    assert_eq!(s2h(f(65520.0), RZ), (0x7BFF, IXC));
    assert_eq!(s2h(f(65536.0), RZ), (0x7BFF, OFC | IXC));
    assert_eq!(s2h(f(-1e6), RP), (0xFBFF, OFC | IXC));
    assert_eq!(s2h(NINF, RN), (0xFC00, 0));
    assert_eq!(s2h(0x7FC0_2000, RN), (0x7E01, 0));
    assert_eq!(s2h(0xFF80_2000, RN), (0xFE01, IOC));
    assert_eq!(s2h(0xFF80_2000, DN), (0x7E00, IOC));
    // Underflow: tiny before rounding; half outputs are not flushed by FZ.
    assert_eq!(s2h(f(2f32.powi(-20)), FZ), (0x0010, 0));
    assert_eq!(s2h(f(2f32.powi(-25)), RN), (0, UFC | IXC));
    assert_eq!(s2h(f(2f32.powi(-25)) + 1, RN), (1, UFC | IXC));
    assert_eq!(
        s2h(f(6.1035156e-5 * (1.0 - 2f32.powi(-13))), RN),
        (0x0400, UFC | IXC)
    );
    // Single denormal inputs are flushed by FZ.
    assert_eq!(s2h(0x8000_0001, FZ), (0x8000, IDC));
    // Alternative format: wider range, no infinities or NaNs.
    assert_eq!(s2h(f(65520.0), AHP), (0x7C00, IXC));
    assert_eq!(s2h(f(131008.0), AHP), (0x7FFF, 0));
    assert_eq!(s2h(f(131056.0), AHP | RZ), (0x7FFF, IXC));
    assert_eq!(s2h(f(131072.0), AHP), (0x7FFF, IOC));
    assert_eq!(s2h(f(-1e9), AHP), (0xFFFF, IOC));
    assert_eq!(s2h(INF, AHP), (0x7FFF, IOC));
    assert_eq!(s2h(0xFFC0_0000, AHP), (0x8000, IOC));
    assert_eq!(s2h(0x7F80_0001, AHP | DN), (0x0000, IOC));
}

// ---------------------------------------------------------------------------
// Comparisons, max/min
// ---------------------------------------------------------------------------

#[test]
fn compares() {
    let c = |a: u32, b: u32, e: bool, ctl: u32| {
        let mut s = ctl;
        let r = cmp32(a, b, e, &mut s);
        (r, s & FPSCR_EXC_MASK)
    };
    assert_eq!(c(ONE, TWO, false, 0), (0x8000_0000, 0));
    assert_eq!(c(TWO, ONE, false, 0), (0x2000_0000, 0));
    assert_eq!(c(TWO, TWO, false, 0), (0x6000_0000, 0));
    assert_eq!(c(0, 0x8000_0000, false, 0), (NZCV_EQUAL, 0));
    assert_eq!(c(NINF, 0xFF7F_FFFF, false, 0), (NZCV_LESS, 0));
    assert_eq!(c(f(-1.0), f(-2.0), false, 0), (NZCV_GREATER, 0));
    // VCMP raises IOC only for signalling NaNs, VCMPE for any NaN.
    assert_eq!(c(DNAN, ONE, false, 0), (0x3000_0000, 0));
    assert_eq!(c(DNAN, ONE, true, 0), (0x3000_0000, IOC));
    assert_eq!(c(ONE, 0x7F80_0001, false, 0), (0x3000_0000, IOC));
    // Compare with zero.
    assert_eq!(c(0x8000_0001, 0, false, 0), (NZCV_LESS, 0));
    assert_eq!(c(0x8000_0001, 0, false, FZ), (NZCV_EQUAL, IDC));
    let mut s = 0;
    assert_eq!(cmp64(d(1.0), d(f64::NAN), true, &mut s), NZCV_UNORDERED);
    assert_eq!(s, IOC);
    let mut s = 0;
    assert_eq!(cmp64(d(-0.0), d(1e-310), false, &mut s), NZCV_LESS);
    assert_eq!(s, 0);

    // Advanced SIMD comparisons.
    let mut s = 0;
    assert!(cmp_eq32(0, 0x8000_0000, &mut s));
    assert!(!cmp_eq32(DNAN, DNAN, &mut s));
    assert_eq!(s, 0);
    assert!(!cmp_eq32(0x7F80_0001, ONE, &mut s));
    assert_eq!(s, IOC);
    let mut s = 0;
    assert!(cmp_ge32(ONE, ONE, &mut s) && !cmp_gt32(ONE, ONE, &mut s));
    assert!(cmp_gt32(ONE, NINF, &mut s));
    assert_eq!(s, 0);
    assert!(!cmp_ge32(DNAN, ONE, &mut s));
    assert_eq!(s, IOC);
    let mut s = 0;
    assert!(!cmp_gt32(ONE, DNAN, &mut s));
    assert_eq!(s, IOC);
}

#[test]
fn max_min() {
    let st = standard_fpscr(0);
    assert_eq!(op2(max32, 0, 0x8000_0000, st), (0, 0));
    assert_eq!(op2(max32, 0x8000_0000, 0x8000_0000, st), (0x8000_0000, 0));
    assert_eq!(op2(min32, 0, 0x8000_0000, st), (0x8000_0000, 0));
    assert_eq!(op2(min32, 0x8000_0000, 0, st), (0x8000_0000, 0));
    assert_eq!(op2(min32, 0, 0, st), (0, 0));
    assert_eq!(op2(max32, ONE, TWO, st), (TWO, 0));
    assert_eq!(op2(min32, NINF, TWO, st), (NINF, 0));
    assert_eq!(op2(max32, f(-1.0), 0x8000_0000, st), (0x8000_0000, 0));
    // NaNs propagate (no maxNum semantics); with the standard FPSCR the
    // result is the default NaN.
    assert_eq!(op2(max32, DNAN | 5, ONE, st), (DNAN, 0));
    assert_eq!(op2(min32, ONE, 0x7F80_0001, st), (DNAN, IOC));
    assert_eq!(op2(max32, 0xFFC0_0005, ONE, 0), (0xFFC0_0005, 0));
    // Denormals are flushed under the standard FPSCR.
    assert_eq!(op2(max32, 0x8000_0001, 0, st), (0, IDC));
    assert_eq!(op2(max32, 1, 0x8000_0000, st), (0, IDC));
    assert_eq!(op2(max32, 1, 0x8000_0000, 0), (1, 0));
    assert_eq!(op2d(max64, d(1.0), d(-2.0), 0), (d(1.0), 0));
    assert_eq!(op2d(min64, d(1.0), d(-2.0), 0), (d(-2.0), 0));
}

// ---------------------------------------------------------------------------
// Estimates and Newton-Raphson steps
// ---------------------------------------------------------------------------

#[test]
fn reciprocal_estimates() {
    let re = |x: u32| {
        let mut s = 0;
        let r = recip_estimate32(x, &mut s);
        (r, s)
    };
    assert_eq!(re(ONE), (0x3F7F_8000, 0));
    assert_eq!(re(f(-2.0)), (0xBEFF_8000, 0));
    assert_eq!(re(f(3.0)), (0x3EAA_8000, 0));
    assert_eq!(re(0), (INF, DZC));
    assert_eq!(re(0x8000_0001), (NINF, DZC | IDC));
    assert_eq!(re(NINF), (0x8000_0000, 0));
    assert_eq!(re(0x7E80_0000), (0, UFC));
    assert_eq!(re(0xFE7F_FFFF), (0x8080_0000, 0));
    assert_eq!(re(0x0080_0000), (0x7E7F_8000, 0));
    assert_eq!(re(0x7FC0_1234), (DNAN, 0));
    assert_eq!(re(0x7F80_1234), (DNAN, IOC));

    let rs = |x: u32| {
        let mut s = 0;
        let r = rsqrt_estimate32(x, &mut s);
        (r, s)
    };
    assert_eq!(rs(ONE), (0x3F7F_8000, 0));
    assert_eq!(rs(f(4.0)), (0x3EFF_8000, 0));
    assert_eq!(rs(TWO), (0x3F34_8000, 0));
    assert_eq!(rs(0x8000_0000), (NINF, DZC));
    assert_eq!(rs(f(-1.0)), (DNAN, IOC));
    assert_eq!(rs(NINF), (DNAN, IOC));
    assert_eq!(rs(INF), (0, 0));
    assert_eq!(rs(1), (INF, DZC | IDC));

    assert_eq!(recip_estimate_u32(0x7FFF_FFFF), 0xFFFF_FFFF);
    assert_eq!(recip_estimate_u32(0x8000_0000), 0xFF80_0000);
    assert_eq!(recip_estimate_u32(0xFFFF_FFFF), 0x8000_0000);
    assert_eq!(rsqrt_estimate_u32(0x3FFF_FFFF), 0xFFFF_FFFF);
    assert_eq!(rsqrt_estimate_u32(0x4000_0000), 0xFF80_0000);
    assert_eq!(rsqrt_estimate_u32(0xFFFF_FFFF), 0x8000_0000);
}

/// The table behind `recip_estimate` in closed form: s = round(2^18 / (2q+1))
/// for q in [256, 511] (no ties are possible as the divisor is odd).
#[test]
fn recip_estimate_matches_integer_formula() {
    for q in 256u32..512 {
        let x = 0x3F00_0000 | ((q - 256) << 15); // 0.5 + (q-256)/512
        let mut s = 0;
        let r = recip_estimate32(x, &mut s);
        let want = (524_288 + 2 * q + 1) / (4 * q + 2);
        assert!((256..512).contains(&want));
        assert_eq!(r & 0x007F_FFFF, (want - 256) << 15, "q = {q}");
        assert_eq!(recip_estimate_u32(q << 23), want << 23);
    }
}

#[test]
fn newton_raphson_steps() {
    let st = |op: fn(u32, u32, &mut u32) -> u32, a, b, ctl| {
        let mut s = ctl;
        let r = op(a, b, &mut s);
        (r, s)
    };
    assert_eq!(st(recip_step32, TWO, HALF, 0), (ONE, 0));
    assert_eq!(st(recip_step32, INF, 0, 0), (TWO, 0));
    assert_eq!(st(recip_step32, 0x8000_0000, INF, 0), (TWO, 0));
    assert_eq!(st(recip_step32, INF, TWO, 0), (NINF, 0));
    assert_eq!(st(recip_step32, 0x7F80_0001, 0, 0), (DNAN, IOC));
    assert_eq!(st(rsqrt_step32, ONE, ONE, 0), (ONE, 0));
    assert_eq!(st(rsqrt_step32, INF, 0, 0), (f(1.5), 0));
    assert_eq!(st(rsqrt_step32, INF, ONE, 0), (NINF, 0));
    assert_eq!(st(rsqrt_step32, f(3.0), ONE, 0), (0, 0));
    // The standard FPSCR is used whatever the caller passes (FZ, RN).
    assert_eq!(st(recip_step32, 1, ONE, RZ), (TWO, RZ | IDC));
    // Not fused: 2 - x*y with the product rounded first.
    let x = 0x3F80_0001;
    let y = 0x3F7F_FFFE;
    let mut s = 0;
    let p = mul32(x, y, &mut s);
    let mut s2 = 0;
    let want = sub32(TWO, p, &mut s2);
    assert_eq!(st(recip_step32, x, y, 0), (want, s | s2));
}

#[test]
fn standard_fpscr_value() {
    let real = 0xF8C0_0013 | AHP;
    let s = standard_fpscr(real);
    assert_eq!(s & (DN | FZ | AHP | FPSCR_RMODE_MASK), DN | FZ | AHP);
    assert_eq!(s & FPSCR_EXC_MASK, 0x13);
    assert_eq!(merge_flags(real, s | IDC), real | IDC);
    assert_eq!(RoundingMode::from_fpscr(RM), RoundingMode::MinusInf);
}

#[test]
fn bit_operations() {
    assert_eq!(abs32(0xFF80_0001), 0x7F80_0001);
    assert_eq!(neg32(0x7FC0_0000), 0xFFC0_0000);
    assert_eq!(abs64(0x8000_0000_0000_0000), 0);
    assert_eq!(neg64(0), 0x8000_0000_0000_0000);
}
