//! VFPv3/VFPv4 (ARM ARM A2.7 "Floating-point data types and arithmetic",
//! A7.5-A7.9 and the A8.8 V* pages): arithmetic with every FPSCR-visible
//! effect (cumulative flags, rounding mode, default NaN, flush-to-zero,
//! alternative half precision), fused vs chained multiply-accumulate,
//! every VCVT form, VCMP/VCMPE with VMRS APSR_nzcv, VMOV in all its
//! forms, VMSR/VMRS, and the extension register loads and stores.
//!
//! The big tables were recorded by running each sequence under
//! `qemu-arm -cpu cortex-a15` (whose VFP model is softfloat configured
//! for ARM) from the given registers, then spot-checked against the A8.8
//! pseudocode (FPAdd, FPMulAdd, FPToFixed, FPHalfToSingle, ...).

mod common;
use common::*;
use sim::interp::Exit;

const FZ: u32 = 1 << 24;
const DN: u32 = 1 << 25;
const IOC: u32 = 1;
const DZC: u32 = 1 << 1;
const IXC: u32 = 1 << 4;
const IDC: u32 = 1 << 7;

/// One VFP sequence (`W` = u32 for A32, u16 for T32 halfwords): r0, r1,
/// FPSCR and D0-D3 in; the same, plus the APSR flags (after VMRS
/// APSR_nzcv), out.
struct V<W: 'static> {
    code: &'static [W],
    r: [u32; 2],
    fpscr: u32,
    d: [u64; 4],
    out_r: [u32; 2],
    out_nzcv: u32,
    out_fpscr: u32,
    out_d: [u64; 4],
}

fn check_vfp<W: std::fmt::Debug>(m: &mut Machine, n: u64, v: &V<W>) {
    let what = format!("{:x?}", v.code);
    m.cpu.r[..2].copy_from_slice(&v.r);
    m.cpu.vfp.fpscr = v.fpscr;
    m.cpu.vfp.d[..4].copy_from_slice(&v.d);
    assert_eq!(m.run(n), Exit::Limit, "{what}");
    let fpscr = v.fpscr;
    assert_eq!(
        m.cpu.vfp.d[..4],
        v.out_d,
        "D0-D3 after {what} (FPSCR in {fpscr:#x})"
    );
    assert_eq!(
        m.cpu.vfp.fpscr, v.out_fpscr,
        "FPSCR after {what} (FPSCR in {fpscr:#x})"
    );
    assert_eq!(m.cpu.r[..2], v.out_r, "r0, r1 after {what}");
    assert_eq!(m.cpu.cpsr() & 0xf000_0000, v.out_nzcv, "APSR after {what}");
}

#[rustfmt::skip]
const A32_TABLE: &[V<u32>] = &[
    // vadd.f32 s0, s2, s4
    V { code: &[0xee310a02], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_3fc0_0000, 0x0000_0000_4010_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_4070_0000, 0x0000_0000_3fc0_0000, 0x0000_0000_4010_0000, 0] },
    // vadd.f32 s0, s2, s4  (overflow)
    V { code: &[0xee310a02], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_7f7f_ffff, 0x0000_0000_7f7f_ffff, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0014, out_d: [0x0000_0000_7f80_0000, 0x0000_0000_7f7f_ffff, 0x0000_0000_7f7f_ffff, 0] },
    // vadd.f32 s0, s2, s4  (inf - inf: invalid, default NaN)
    V { code: &[0xee310a02], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_7f80_0000, 0x0000_0000_ff80_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0x0000_0000_7fc0_0000, 0x0000_0000_7f80_0000, 0x0000_0000_ff80_0000, 0] },
    // vadd.f32 s0, s2, s4  (quiet NaN propagates)
    V { code: &[0xee310a02], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_7fc1_2345, 0x0000_0000_3f80_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_7fc1_2345, 0x0000_0000_7fc1_2345, 0x0000_0000_3f80_0000, 0] },
    // vadd.f32 s0, s2, s4  (signalling NaN wins, quietened, IOC)
    V { code: &[0xee310a02], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_7f81_2345, 0x0000_0000_7fc1_2345, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0x0000_0000_7fc1_2345, 0x0000_0000_7f81_2345, 0x0000_0000_7fc1_2345, 0] },
    // vadd.f32 s0, s2, s4  (DN: default NaN)
    V { code: &[0xee310a02], r: [0, 0], fpscr: 0x0200_0000, d: [0, 0x0000_0000_7f81_2345, 0x0000_0000_3f80_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0200_0001, out_d: [0x0000_0000_7fc0_0000, 0x0000_0000_7f81_2345, 0x0000_0000_3f80_0000, 0] },
    // vadd.f32 s0, s2, s4  (denormal kept)
    V { code: &[0xee310a02], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_0000_0001, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_0000_0001, 0x0000_0000_0000_0001, 0, 0] },
    // vadd.f32 s0, s2, s4  (FZ: denormal input flushed, IDC)
    V { code: &[0xee310a02], r: [0, 0], fpscr: 0x0100_0000, d: [0, 0x0000_0000_0000_0001, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0100_0080, out_d: [0, 0x0000_0000_0000_0001, 0, 0] },
    // vadd.f32 s0, s2, s4  (RN: 1 + 0.75 ulp)
    V { code: &[0xee310a02], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_3f80_0000, 0x0000_0000_33c0_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_3f80_0001, 0x0000_0000_3f80_0000, 0x0000_0000_33c0_0000, 0] },
    // vadd.f32 s0, s2, s4  (RN: -1 - 0.75 ulp)
    V { code: &[0xee310a02], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_bf80_0000, 0x0000_0000_b3c0_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_bf80_0001, 0x0000_0000_bf80_0000, 0x0000_0000_b3c0_0000, 0] },
    // vadd.f32 s0, s2, s4  (RP: 1 + 0.75 ulp)
    V { code: &[0xee310a02], r: [0, 0], fpscr: 0x0040_0000, d: [0, 0x0000_0000_3f80_0000, 0x0000_0000_33c0_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0040_0010, out_d: [0x0000_0000_3f80_0001, 0x0000_0000_3f80_0000, 0x0000_0000_33c0_0000, 0] },
    // vadd.f32 s0, s2, s4  (RP: -1 - 0.75 ulp)
    V { code: &[0xee310a02], r: [0, 0], fpscr: 0x0040_0000, d: [0, 0x0000_0000_bf80_0000, 0x0000_0000_b3c0_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0040_0010, out_d: [0x0000_0000_bf80_0000, 0x0000_0000_bf80_0000, 0x0000_0000_b3c0_0000, 0] },
    // vadd.f32 s0, s2, s4  (RM: 1 + 0.75 ulp)
    V { code: &[0xee310a02], r: [0, 0], fpscr: 0x0080_0000, d: [0, 0x0000_0000_3f80_0000, 0x0000_0000_33c0_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0080_0010, out_d: [0x0000_0000_3f80_0000, 0x0000_0000_3f80_0000, 0x0000_0000_33c0_0000, 0] },
    // vadd.f32 s0, s2, s4  (RM: -1 - 0.75 ulp)
    V { code: &[0xee310a02], r: [0, 0], fpscr: 0x0080_0000, d: [0, 0x0000_0000_bf80_0000, 0x0000_0000_b3c0_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0080_0010, out_d: [0x0000_0000_bf80_0001, 0x0000_0000_bf80_0000, 0x0000_0000_b3c0_0000, 0] },
    // vadd.f32 s0, s2, s4  (RZ: 1 + 0.75 ulp)
    V { code: &[0xee310a02], r: [0, 0], fpscr: 0x00c0_0000, d: [0, 0x0000_0000_3f80_0000, 0x0000_0000_33c0_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x00c0_0010, out_d: [0x0000_0000_3f80_0000, 0x0000_0000_3f80_0000, 0x0000_0000_33c0_0000, 0] },
    // vadd.f32 s0, s2, s4  (RZ: -1 - 0.75 ulp)
    V { code: &[0xee310a02], r: [0, 0], fpscr: 0x00c0_0000, d: [0, 0x0000_0000_bf80_0000, 0x0000_0000_b3c0_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x00c0_0010, out_d: [0x0000_0000_bf80_0000, 0x0000_0000_bf80_0000, 0x0000_0000_b3c0_0000, 0] },
    // vsub.f32 s0, s2, s4  (x - x = +0)
    V { code: &[0xee310a42], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_3f80_0000, 0x0000_0000_3f80_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0, 0x0000_0000_3f80_0000, 0x0000_0000_3f80_0000, 0] },
    // vsub.f32 s0, s2, s4  (RM: x - x = -0)
    V { code: &[0xee310a42], r: [0, 0], fpscr: 0x0080_0000, d: [0, 0x0000_0000_3f80_0000, 0x0000_0000_3f80_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0080_0000, out_d: [0x0000_0000_8000_0000, 0x0000_0000_3f80_0000, 0x0000_0000_3f80_0000, 0] },
    // vmul.f32 s0, s2, s4
    V { code: &[0xee210a02], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_3fc0_0000, 0x0000_0000_4000_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_4040_0000, 0x0000_0000_3fc0_0000, 0x0000_0000_4000_0000, 0] },
    // vmul.f32 s0, s2, s4  (exact denormal result: no UFC)
    V { code: &[0xee210a02], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_0080_0000, 0x0000_0000_3f00_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_0040_0000, 0x0000_0000_0080_0000, 0x0000_0000_3f00_0000, 0] },
    // vmul.f32 s0, s2, s4  (inexact tiny result: UFC|IXC)
    V { code: &[0xee210a02], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_0080_0000, 0x0000_0000_3f40_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_0060_0000, 0x0000_0000_0080_0000, 0x0000_0000_3f40_0000, 0] },
    // vmul.f32 s0, s2, s4  (FZ: tiny result flushed to zero, UFC)
    V { code: &[0xee210a02], r: [0, 0], fpscr: 0x0100_0000, d: [0, 0x0000_0000_0080_0000, 0x0000_0000_3f00_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0100_0008, out_d: [0, 0x0000_0000_0080_0000, 0x0000_0000_3f00_0000, 0] },
    // vmul.f32 s0, s2, s4  (inf * 0 invalid)
    V { code: &[0xee210a02], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_7f80_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0x0000_0000_7fc0_0000, 0x0000_0000_7f80_0000, 0, 0] },
    // vdiv.f32 s0, s2, s4
    V { code: &[0xee810a02], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_3f80_0000, 0x0000_0000_4040_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_3eaa_aaab, 0x0000_0000_3f80_0000, 0x0000_0000_4040_0000, 0] },
    // vdiv.f32 s0, s2, s4  (DZC)
    V { code: &[0xee810a02], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_3f80_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0002, out_d: [0x0000_0000_7f80_0000, 0x0000_0000_3f80_0000, 0, 0] },
    // vdiv.f32 s0, s2, s4  (-inf)
    V { code: &[0xee810a02], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_bf80_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0002, out_d: [0x0000_0000_ff80_0000, 0x0000_0000_bf80_0000, 0, 0] },
    // vdiv.f32 s0, s2, s4  (0/0 invalid)
    V { code: &[0xee810a02], r: [0, 0], fpscr: 0, d: [0, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0x0000_0000_7fc0_0000, 0, 0, 0] },
    // vsqrt.f32 s0, s2
    V { code: &[0xeeb10ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_4010_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_3fc0_0000, 0x0000_0000_4010_0000, 0, 0] },
    // vsqrt.f32 s0, s2
    V { code: &[0xeeb10ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_4000_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_3fb5_04f3, 0x0000_0000_4000_0000, 0, 0] },
    // vsqrt.f32 s0, s2  (invalid)
    V { code: &[0xeeb10ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_bf80_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0x0000_0000_7fc0_0000, 0x0000_0000_bf80_0000, 0, 0] },
    // vsqrt.f32 s0, s2  (sqrt(-0) = -0)
    V { code: &[0xeeb10ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_8000_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_8000_0000, 0x0000_0000_8000_0000, 0, 0] },
    // vabs.f32 s0, s2  (no exception on NaN)
    V { code: &[0xeeb00ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_ffc0_0001, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_7fc0_0001, 0x0000_0000_ffc0_0001, 0, 0] },
    // vneg.f32 s0, s2  (sNaN stays signalling, no IOC)
    V { code: &[0xeeb10a41], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_7f81_2345, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_ff81_2345, 0x0000_0000_7f81_2345, 0, 0] },
    // vneg.f32 s0, s2
    V { code: &[0xeeb10a41], r: [0, 0], fpscr: 0, d: [0, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_8000_0000, 0, 0, 0] },
    // vmla.f32 s0, s2, s4  (fused vs chained rounding)
    V { code: &[0xee010a02], r: [0, 0], fpscr: 0, d: [0x0000_0000_bf80_1000, 0x0000_0000_3f80_0800, 0x0000_0000_3f80_0800, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0, 0x0000_0000_3f80_0800, 0x0000_0000_3f80_0800, 0] },
    // vmla.f32 s0, s2, s4
    V { code: &[0xee010a02], r: [0, 0], fpscr: 0, d: [0x0000_0000_3f80_0000, 0x0000_0000_4000_0000, 0x0000_0000_4040_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_40e0_0000, 0x0000_0000_4000_0000, 0x0000_0000_4040_0000, 0] },
    // vmls.f32 s0, s2, s4  (fused vs chained rounding)
    V { code: &[0xee010a42], r: [0, 0], fpscr: 0, d: [0x0000_0000_bf80_1000, 0x0000_0000_3f80_0800, 0x0000_0000_3f80_0800, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_c000_1000, 0x0000_0000_3f80_0800, 0x0000_0000_3f80_0800, 0] },
    // vmls.f32 s0, s2, s4
    V { code: &[0xee010a42], r: [0, 0], fpscr: 0, d: [0x0000_0000_3f80_0000, 0x0000_0000_4000_0000, 0x0000_0000_4040_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_c0a0_0000, 0x0000_0000_4000_0000, 0x0000_0000_4040_0000, 0] },
    // vnmla.f32 s0, s2, s4  (fused vs chained rounding)
    V { code: &[0xee110a42], r: [0, 0], fpscr: 0, d: [0x0000_0000_bf80_1000, 0x0000_0000_3f80_0800, 0x0000_0000_3f80_0800, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0, 0x0000_0000_3f80_0800, 0x0000_0000_3f80_0800, 0] },
    // vnmla.f32 s0, s2, s4
    V { code: &[0xee110a42], r: [0, 0], fpscr: 0, d: [0x0000_0000_3f80_0000, 0x0000_0000_4000_0000, 0x0000_0000_4040_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_c0e0_0000, 0x0000_0000_4000_0000, 0x0000_0000_4040_0000, 0] },
    // vnmls.f32 s0, s2, s4  (fused vs chained rounding)
    V { code: &[0xee110a02], r: [0, 0], fpscr: 0, d: [0x0000_0000_bf80_1000, 0x0000_0000_3f80_0800, 0x0000_0000_3f80_0800, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_4000_1000, 0x0000_0000_3f80_0800, 0x0000_0000_3f80_0800, 0] },
    // vnmls.f32 s0, s2, s4
    V { code: &[0xee110a02], r: [0, 0], fpscr: 0, d: [0x0000_0000_3f80_0000, 0x0000_0000_4000_0000, 0x0000_0000_4040_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_40a0_0000, 0x0000_0000_4000_0000, 0x0000_0000_4040_0000, 0] },
    // vfma.f32 s0, s2, s4  (fused vs chained rounding)
    V { code: &[0xeea10a02], r: [0, 0], fpscr: 0, d: [0x0000_0000_bf80_1000, 0x0000_0000_3f80_0800, 0x0000_0000_3f80_0800, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_3380_0000, 0x0000_0000_3f80_0800, 0x0000_0000_3f80_0800, 0] },
    // vfma.f32 s0, s2, s4
    V { code: &[0xeea10a02], r: [0, 0], fpscr: 0, d: [0x0000_0000_3f80_0000, 0x0000_0000_4000_0000, 0x0000_0000_4040_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_40e0_0000, 0x0000_0000_4000_0000, 0x0000_0000_4040_0000, 0] },
    // vfms.f32 s0, s2, s4  (fused vs chained rounding)
    V { code: &[0xeea10a42], r: [0, 0], fpscr: 0, d: [0x0000_0000_bf80_1000, 0x0000_0000_3f80_0800, 0x0000_0000_3f80_0800, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_c000_1000, 0x0000_0000_3f80_0800, 0x0000_0000_3f80_0800, 0] },
    // vfms.f32 s0, s2, s4
    V { code: &[0xeea10a42], r: [0, 0], fpscr: 0, d: [0x0000_0000_3f80_0000, 0x0000_0000_4000_0000, 0x0000_0000_4040_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_c0a0_0000, 0x0000_0000_4000_0000, 0x0000_0000_4040_0000, 0] },
    // vfnma.f32 s0, s2, s4  (fused vs chained rounding)
    V { code: &[0xee910a42], r: [0, 0], fpscr: 0, d: [0x0000_0000_bf80_1000, 0x0000_0000_3f80_0800, 0x0000_0000_3f80_0800, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_b380_0000, 0x0000_0000_3f80_0800, 0x0000_0000_3f80_0800, 0] },
    // vfnma.f32 s0, s2, s4
    V { code: &[0xee910a42], r: [0, 0], fpscr: 0, d: [0x0000_0000_3f80_0000, 0x0000_0000_4000_0000, 0x0000_0000_4040_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_c0e0_0000, 0x0000_0000_4000_0000, 0x0000_0000_4040_0000, 0] },
    // vfnms.f32 s0, s2, s4  (fused vs chained rounding)
    V { code: &[0xee910a02], r: [0, 0], fpscr: 0, d: [0x0000_0000_bf80_1000, 0x0000_0000_3f80_0800, 0x0000_0000_3f80_0800, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_4000_1000, 0x0000_0000_3f80_0800, 0x0000_0000_3f80_0800, 0] },
    // vfnms.f32 s0, s2, s4
    V { code: &[0xee910a02], r: [0, 0], fpscr: 0, d: [0x0000_0000_3f80_0000, 0x0000_0000_4000_0000, 0x0000_0000_4040_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_40a0_0000, 0x0000_0000_4000_0000, 0x0000_0000_4040_0000, 0] },
    // vnmul.f32 s0, s2, s4
    V { code: &[0xee210a42], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_4000_0000, 0x0000_0000_4040_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_c0c0_0000, 0x0000_0000_4000_0000, 0x0000_0000_4040_0000, 0] },
    // vadd.f64 d0, d1, d2  (0.1 + 0.2)
    V { code: &[0xee310b02], r: [0, 0], fpscr: 0, d: [0, 0x3fb9_9999_9999_999a, 0x3fc9_9999_9999_999a, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x3fd3_3333_3333_3334, 0x3fb9_9999_9999_999a, 0x3fc9_9999_9999_999a, 0] },
    // vsub.f64 d0, d1, d2
    V { code: &[0xee310b42], r: [0, 0], fpscr: 0, d: [0, 0x3ff0_0000_0000_0000, 0x4008_0000_0000_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0xc000_0000_0000_0000, 0x3ff0_0000_0000_0000, 0x4008_0000_0000_0000, 0] },
    // vmul.f64 d0, d1, d2  (overflow)
    V { code: &[0xee210b02], r: [0, 0], fpscr: 0, d: [0, 0x7fef_ffff_ffff_ffff, 0x4000_0000_0000_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0014, out_d: [0x7ff0_0000_0000_0000, 0x7fef_ffff_ffff_ffff, 0x4000_0000_0000_0000, 0] },
    // vdiv.f64 d0, d1, d2
    V { code: &[0xee810b02], r: [0, 0], fpscr: 0, d: [0, 0x3ff0_0000_0000_0000, 0x4008_0000_0000_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x3fd5_5555_5555_5555, 0x3ff0_0000_0000_0000, 0x4008_0000_0000_0000, 0] },
    // vdiv.f64 d0, d1, d2
    V { code: &[0xee810b02], r: [0, 0], fpscr: 0, d: [0, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0x7ff8_0000_0000_0000, 0, 0, 0] },
    // vsqrt.f64 d0, d1
    V { code: &[0xeeb10bc1], r: [0, 0], fpscr: 0, d: [0, 0x4000_0000_0000_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x3ff6_a09e_667f_3bcd, 0x4000_0000_0000_0000, 0, 0] },
    // vadd.f64 d0, d1, d2  (sNaN first)
    V { code: &[0xee310b02], r: [0, 0], fpscr: 0, d: [0, 0x7ff4_0000_0000_0123, 0x7ff8_0000_0000_0123, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0x7ffc_0000_0000_0123, 0x7ff4_0000_0000_0123, 0x7ff8_0000_0000_0123, 0] },
    // vadd.f64 d0, d1, d2
    V { code: &[0xee310b02], r: [0, 0], fpscr: 0x0200_0000, d: [0, 0x7ff8_0000_0000_0123, 0x3ff0_0000_0000_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0200_0000, out_d: [0x7ff8_0000_0000_0000, 0x7ff8_0000_0000_0123, 0x3ff0_0000_0000_0000, 0] },
    // vfma.f64 d0, d1, d2  (fused: exact low bits survive)
    V { code: &[0xeea10b02], r: [0, 0], fpscr: 0, d: [0xbff0_0200_0000_0000, 0x3ff0_0100_0000_0000, 0x3ff0_0100_0000_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x3e70_0000_0000_0000, 0x3ff0_0100_0000_0000, 0x3ff0_0100_0000_0000, 0] },
    // vmla.f64 d0, d1, d2
    V { code: &[0xee010b02], r: [0, 0], fpscr: 0, d: [0xbff0_0200_0000_0000, 0x3ff0_0100_0000_0000, 0x3ff0_0100_0000_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x3e70_0000_0000_0000, 0x3ff0_0100_0000_0000, 0x3ff0_0100_0000_0000, 0] },
    // vnmul.f64 d0, d1, d2
    V { code: &[0xee210b42], r: [0, 0], fpscr: 0, d: [0, 0x3ff8_0000_0000_0000, 0x4000_0000_0000_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0xc008_0000_0000_0000, 0x3ff8_0000_0000_0000, 0x4000_0000_0000_0000, 0] },
    // vabs.f64 d0, d1
    V { code: &[0xeeb00bc1], r: [0, 0], fpscr: 0, d: [0, 0x8000_0000_0000_0001, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_0000_0001, 0x8000_0000_0000_0001, 0, 0] },
    // vneg.f64 d0, d1
    V { code: &[0xeeb10b41], r: [0, 0], fpscr: 0, d: [0, 0x3ff0_0000_0000_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0xbff0_0000_0000_0000, 0x3ff0_0000_0000_0000, 0, 0] },
    // vcvt.f64.f32 d0, s2
    V { code: &[0xeeb70ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_3fc0_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x3ff8_0000_0000_0000, 0x0000_0000_3fc0_0000, 0, 0] },
    // vcvt.f64.f32 d0, s2  (quietened, IOC)
    V { code: &[0xeeb70ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_7f81_2345, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0x7ff8_2468_a000_0000, 0x0000_0000_7f81_2345, 0, 0] },
    // vcvt.f64.f32 d0, s2  (f32 denormal is a f64 normal)
    V { code: &[0xeeb70ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_0000_0001, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x36a0_0000_0000_0000, 0x0000_0000_0000_0001, 0, 0] },
    // vcvt.f64.f32 d0, s2  (FZ: flushed, IDC)
    V { code: &[0xeeb70ac1], r: [0, 0], fpscr: 0x0100_0000, d: [0, 0x0000_0000_0000_0001, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0100_0080, out_d: [0, 0x0000_0000_0000_0001, 0, 0] },
    // vcvt.f32.f64 s0, d1  (inexact)
    V { code: &[0xeeb70bc1], r: [0, 0], fpscr: 0, d: [0, 0x3fb9_9999_9999_999a, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_3dcc_cccd, 0x3fb9_9999_9999_999a, 0, 0] },
    // vcvt.f32.f64 s0, d1  (overflow)
    V { code: &[0xeeb70bc1], r: [0, 0], fpscr: 0, d: [0, 0x7fef_ffff_ffff_ffff, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0014, out_d: [0x0000_0000_7f80_0000, 0x7fef_ffff_ffff_ffff, 0, 0] },
    // vcvt.f32.f64 s0, d1  (underflow to 0)
    V { code: &[0xeeb70bc1], r: [0, 0], fpscr: 0, d: [0, 0x3690_0000_0000_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0018, out_d: [0, 0x3690_0000_0000_0000, 0, 0] },
    // vcvt.f32.f64 s0, d1  (RZ overflow gives FLT_MAX)
    V { code: &[0xeeb70bc1], r: [0, 0], fpscr: 0x00c0_0000, d: [0, 0x7fef_ffff_ffff_ffff, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x00c0_0014, out_d: [0x0000_0000_7f7f_ffff, 0x7fef_ffff_ffff_ffff, 0, 0] },
    // vcvt.s32.f32 s0, s2  (2.7)
    V { code: &[0xeebd0ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_402c_cccd, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_0000_0002, 0x0000_0000_402c_cccd, 0, 0] },
    // vcvt.u32.f32 s0, s2  (2.7)
    V { code: &[0xeebc0ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_402c_cccd, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_0000_0002, 0x0000_0000_402c_cccd, 0, 0] },
    // vcvt.s32.f32 s0, s2  (-2.7)
    V { code: &[0xeebd0ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_c02c_cccd, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_ffff_fffe, 0x0000_0000_c02c_cccd, 0, 0] },
    // vcvt.u32.f32 s0, s2  (-2.7)
    V { code: &[0xeebc0ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_c02c_cccd, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0, 0x0000_0000_c02c_cccd, 0, 0] },
    // vcvt.s32.f32 s0, s2  (3e9)
    V { code: &[0xeebd0ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_4f32_d05e, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0x0000_0000_7fff_ffff, 0x0000_0000_4f32_d05e, 0, 0] },
    // vcvt.u32.f32 s0, s2  (3e9)
    V { code: &[0xeebc0ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_4f32_d05e, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_b2d0_5e00, 0x0000_0000_4f32_d05e, 0, 0] },
    // vcvt.s32.f32 s0, s2  (-3e9)
    V { code: &[0xeebd0ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_cf32_d05e, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0x0000_0000_8000_0000, 0x0000_0000_cf32_d05e, 0, 0] },
    // vcvt.u32.f32 s0, s2  (-3e9)
    V { code: &[0xeebc0ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_cf32_d05e, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0, 0x0000_0000_cf32_d05e, 0, 0] },
    // vcvt.s32.f32 s0, s2  (NaN)
    V { code: &[0xeebd0ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_7fc0_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0, 0x0000_0000_7fc0_0000, 0, 0] },
    // vcvt.u32.f32 s0, s2  (NaN)
    V { code: &[0xeebc0ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_7fc0_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0, 0x0000_0000_7fc0_0000, 0, 0] },
    // vcvt.s32.f32 s0, s2  (2.5)
    V { code: &[0xeebd0ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_4020_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_0000_0002, 0x0000_0000_4020_0000, 0, 0] },
    // vcvt.u32.f32 s0, s2  (2.5)
    V { code: &[0xeebc0ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_4020_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_0000_0002, 0x0000_0000_4020_0000, 0, 0] },
    // vcvt.s32.f32 s0, s2  (-0.5)
    V { code: &[0xeebd0ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_bf00_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0, 0x0000_0000_bf00_0000, 0, 0] },
    // vcvt.u32.f32 s0, s2  (-0.5)
    V { code: &[0xeebc0ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_bf00_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0, 0x0000_0000_bf00_0000, 0, 0] },
    // vcvt.s32.f32 s0, s2  (-1.5)
    V { code: &[0xeebd0ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_bfc0_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_ffff_ffff, 0x0000_0000_bfc0_0000, 0, 0] },
    // vcvt.u32.f32 s0, s2  (-1.5)
    V { code: &[0xeebc0ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_bfc0_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0, 0x0000_0000_bfc0_0000, 0, 0] },
    // vcvtr.s32.f32 s0, s2  (RN 2.5)
    V { code: &[0xeebd0a41], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_4020_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_0000_0002, 0x0000_0000_4020_0000, 0, 0] },
    // vcvtr.s32.f32 s0, s2  (RN 3.5)
    V { code: &[0xeebd0a41], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_4060_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_0000_0004, 0x0000_0000_4060_0000, 0, 0] },
    // vcvtr.s32.f32 s0, s2  (RN -2.1)
    V { code: &[0xeebd0a41], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_c006_6666, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_ffff_fffe, 0x0000_0000_c006_6666, 0, 0] },
    // vcvtr.s32.f32 s0, s2  (RP 2.5)
    V { code: &[0xeebd0a41], r: [0, 0], fpscr: 0x0040_0000, d: [0, 0x0000_0000_4020_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0040_0010, out_d: [0x0000_0000_0000_0003, 0x0000_0000_4020_0000, 0, 0] },
    // vcvtr.s32.f32 s0, s2  (RP 3.5)
    V { code: &[0xeebd0a41], r: [0, 0], fpscr: 0x0040_0000, d: [0, 0x0000_0000_4060_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0040_0010, out_d: [0x0000_0000_0000_0004, 0x0000_0000_4060_0000, 0, 0] },
    // vcvtr.s32.f32 s0, s2  (RP -2.1)
    V { code: &[0xeebd0a41], r: [0, 0], fpscr: 0x0040_0000, d: [0, 0x0000_0000_c006_6666, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0040_0010, out_d: [0x0000_0000_ffff_fffe, 0x0000_0000_c006_6666, 0, 0] },
    // vcvtr.s32.f32 s0, s2  (RM 2.5)
    V { code: &[0xeebd0a41], r: [0, 0], fpscr: 0x0080_0000, d: [0, 0x0000_0000_4020_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0080_0010, out_d: [0x0000_0000_0000_0002, 0x0000_0000_4020_0000, 0, 0] },
    // vcvtr.s32.f32 s0, s2  (RM 3.5)
    V { code: &[0xeebd0a41], r: [0, 0], fpscr: 0x0080_0000, d: [0, 0x0000_0000_4060_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0080_0010, out_d: [0x0000_0000_0000_0003, 0x0000_0000_4060_0000, 0, 0] },
    // vcvtr.s32.f32 s0, s2  (RM -2.1)
    V { code: &[0xeebd0a41], r: [0, 0], fpscr: 0x0080_0000, d: [0, 0x0000_0000_c006_6666, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0080_0010, out_d: [0x0000_0000_ffff_fffd, 0x0000_0000_c006_6666, 0, 0] },
    // vcvtr.u32.f32 s0, s2  (RP 2.5)
    V { code: &[0xeebc0a41], r: [0, 0], fpscr: 0x0040_0000, d: [0, 0x0000_0000_4020_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0040_0010, out_d: [0x0000_0000_0000_0003, 0x0000_0000_4020_0000, 0, 0] },
    // vcvt.s32.f64 s0, d1  (-2.5)
    V { code: &[0xeebd0bc1], r: [0, 0], fpscr: 0, d: [0, 0xc004_0000_0000_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_ffff_fffe, 0xc004_0000_0000_0000, 0, 0] },
    // vcvt.u32.f64 s0, d1  (2^32 saturates)
    V { code: &[0xeebc0bc1], r: [0, 0], fpscr: 0, d: [0, 0x41f0_0000_0000_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0x0000_0000_ffff_ffff, 0x41f0_0000_0000_0000, 0, 0] },
    // vcvtr.s32.f64 s0, d1  (RM -2.5)
    V { code: &[0xeebd0b41], r: [0, 0], fpscr: 0x0080_0000, d: [0, 0xc004_0000_0000_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0080_0010, out_d: [0x0000_0000_ffff_fffd, 0xc004_0000_0000_0000, 0, 0] },
    // vcvtr.u32.f64 s0, d1  (RN 2.5)
    V { code: &[0xeebc0b41], r: [0, 0], fpscr: 0, d: [0, 0x4004_0000_0000_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_0000_0002, 0x4004_0000_0000_0000, 0, 0] },
    // vcvt.f32.s32 s0, s2
    V { code: &[0xeeb80ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_7fff_ffff, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_4f00_0000, 0x0000_0000_7fff_ffff, 0, 0] },
    // vcvt.f32.u32 s0, s2
    V { code: &[0xeeb80a41], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_7fff_ffff, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_4f00_0000, 0x0000_0000_7fff_ffff, 0, 0] },
    // vcvt.f32.s32 s0, s2
    V { code: &[0xeeb80ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_ffff_ffff, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_bf80_0000, 0x0000_0000_ffff_ffff, 0, 0] },
    // vcvt.f32.u32 s0, s2
    V { code: &[0xeeb80a41], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_ffff_ffff, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_4f80_0000, 0x0000_0000_ffff_ffff, 0, 0] },
    // vcvt.f32.s32 s0, s2
    V { code: &[0xeeb80ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_8000_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_cf00_0000, 0x0000_0000_8000_0000, 0, 0] },
    // vcvt.f32.u32 s0, s2
    V { code: &[0xeeb80a41], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_8000_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_4f00_0000, 0x0000_0000_8000_0000, 0, 0] },
    // vcvt.f32.s32 s0, s2
    V { code: &[0xeeb80ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_0000_0001, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_3f80_0000, 0x0000_0000_0000_0001, 0, 0] },
    // vcvt.f32.u32 s0, s2
    V { code: &[0xeeb80a41], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_0000_0001, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_3f80_0000, 0x0000_0000_0000_0001, 0, 0] },
    // vcvt.f32.s32 s0, s2  (RZ)
    V { code: &[0xeeb80ac1], r: [0, 0], fpscr: 0x00c0_0000, d: [0, 0x0000_0000_7fff_ffff, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x00c0_0010, out_d: [0x0000_0000_4eff_ffff, 0x0000_0000_7fff_ffff, 0, 0] },
    // vcvt.f64.s32 d0, s2
    V { code: &[0xeeb80bc1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_ffff_ffff, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0xbff0_0000_0000_0000, 0x0000_0000_ffff_ffff, 0, 0] },
    // vcvt.f64.u32 d0, s2
    V { code: &[0xeeb80b41], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_ffff_ffff, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x41ef_ffff_ffe0_0000, 0x0000_0000_ffff_ffff, 0, 0] },
    // vcvt.s32.f32 s0, s0, #16
    V { code: &[0xeebe0ac8], r: [0, 0], fpscr: 0, d: [0x0000_0000_3fc0_0000, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_0001_8000, 0, 0, 0] },
    // vcvt.u16.f32 s0, s0, #8
    V { code: &[0xeebf0a44], r: [0, 0], fpscr: 0, d: [0x0000_0000_3fc0_0000, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_0000_0180, 0, 0, 0] },
    // vcvt.s16.f32 s0, s0, #4
    V { code: &[0xeebe0a46], r: [0, 0], fpscr: 0, d: [0x0000_0000_3fc0_0000, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_0000_0018, 0, 0, 0] },
    // vcvt.s32.f32 s0, s0, #16
    V { code: &[0xeebe0ac8], r: [0, 0], fpscr: 0, d: [0x0000_0000_bfc0_0000, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_fffe_8000, 0, 0, 0] },
    // vcvt.u16.f32 s0, s0, #8
    V { code: &[0xeebf0a44], r: [0, 0], fpscr: 0, d: [0x0000_0000_bfc0_0000, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0, 0, 0, 0] },
    // vcvt.s16.f32 s0, s0, #4
    V { code: &[0xeebe0a46], r: [0, 0], fpscr: 0, d: [0x0000_0000_bfc0_0000, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_ffff_ffe8, 0, 0, 0] },
    // vcvt.s32.f32 s0, s0, #16
    V { code: &[0xeebe0ac8], r: [0, 0], fpscr: 0, d: [0x0000_0000_471c_4000, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0x0000_0000_7fff_ffff, 0, 0, 0] },
    // vcvt.u16.f32 s0, s0, #8
    V { code: &[0xeebf0a44], r: [0, 0], fpscr: 0, d: [0x0000_0000_471c_4000, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0x0000_0000_0000_ffff, 0, 0, 0] },
    // vcvt.s16.f32 s0, s0, #4
    V { code: &[0xeebe0a46], r: [0, 0], fpscr: 0, d: [0x0000_0000_471c_4000, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0x0000_0000_0000_7fff, 0, 0, 0] },
    // vcvt.s32.f32 s0, s0, #16
    V { code: &[0xeebe0ac8], r: [0, 0], fpscr: 0, d: [0x0000_0000_3c80_0000, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_0000_0400, 0, 0, 0] },
    // vcvt.u16.f32 s0, s0, #8
    V { code: &[0xeebf0a44], r: [0, 0], fpscr: 0, d: [0x0000_0000_3c80_0000, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_0000_0004, 0, 0, 0] },
    // vcvt.s16.f32 s0, s0, #4
    V { code: &[0xeebe0a46], r: [0, 0], fpscr: 0, d: [0x0000_0000_3c80_0000, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0, 0, 0, 0] },
    // vcvt.f32.s32 s0, s0, #16
    V { code: &[0xeeba0ac8], r: [0, 0], fpscr: 0, d: [0x0000_0000_fffe_8000, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_bfc0_0000, 0, 0, 0] },
    // vcvt.f32.u32 s0, s0, #16
    V { code: &[0xeebb0ac8], r: [0, 0], fpscr: 0, d: [0x0000_0000_fffe_8000, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_477f_fe80, 0, 0, 0] },
    // vcvt.f32.s16 s0, s0, #4  (only the low 16 bits)
    V { code: &[0xeeba0a46], r: [0, 0], fpscr: 0, d: [0x0000_0000_1234_fff0, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_bf80_0000, 0, 0, 0] },
    // vcvt.f32.u16 s0, s0, #1
    V { code: &[0xeebb0a67], r: [0, 0], fpscr: 0, d: [0x0000_0000_1234_ffff, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_46ff_ff00, 0, 0, 0] },
    // vcvt.f32.u32 s0, s0, #32  (fbits = 32)
    V { code: &[0xeebb0ac0], r: [0, 0], fpscr: 0, d: [0x0000_0000_0000_0003, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_3040_0000, 0, 0, 0] },
    // vcvt.f32.u32 s0, s0, #32  (fbits = 32, RZ)
    V { code: &[0xeebb0ac0], r: [0, 0], fpscr: 0x00c0_0000, d: [0x0000_0000_ffff_ffff, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x00c0_0010, out_d: [0x0000_0000_3f80_0000, 0, 0, 0] },
    // vcvt.s32.f64 d0, d0, #8
    V { code: &[0xeebe0bcc], r: [0, 0], fpscr: 0, d: [0xc004_0000_0000_0000, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0xffff_ffff_ffff_fd80, 0, 0, 0] },
    // vcvt.s16.f64 d0, d0, #4  (sign-extended into all 64 bits)
    V { code: &[0xeebe0b46], r: [0, 0], fpscr: 0, d: [0xbff0_0000_0000_0000, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0xffff_ffff_ffff_fff0, 0, 0, 0] },
    // vcvt.u16.f64 d0, d0, #4  (saturates to 0xffff)
    V { code: &[0xeebf0b46], r: [0, 0], fpscr: 0, d: [0x40f0_0000_0000_0000, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0x0000_0000_0000_ffff, 0, 0, 0] },
    // vcvt.f64.s32 d0, d0, #1
    V { code: &[0xeeba0bef], r: [0, 0], fpscr: 0, d: [0x0000_0000_ffff_fffd, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0xbff8_0000_0000_0000, 0, 0, 0] },
    // vcvt.f64.u16 d0, d0, #2
    V { code: &[0xeebb0b47], r: [0, 0], fpscr: 0, d: [0xffff_ffff_0000_fffd, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x40cf_ffa0_0000_0000, 0, 0, 0] },
    // vcvtb.f32.f16 s0, s2
    V { code: &[0xeeb20a41], r: [0, 0], fpscr: 0, d: [0x0000_0000_dead_beef, 0x0000_0000_c000_3c00, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_3f80_0000, 0x0000_0000_c000_3c00, 0, 0] },
    // vcvtt.f32.f16 s0, s2
    V { code: &[0xeeb20ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_c000_3c00, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_c000_0000, 0x0000_0000_c000_3c00, 0, 0] },
    // vcvtb.f32.f16 s0, s2  (f16 denormal)
    V { code: &[0xeeb20a41], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_0000_0001, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_3380_0000, 0x0000_0000_0000_0001, 0, 0] },
    // vcvtb.f32.f16 s0, s2  (f16 sNaN)
    V { code: &[0xeeb20a41], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_0000_7d00, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0001, out_d: [0x0000_0000_7fe0_0000, 0x0000_0000_0000_7d00, 0, 0] },
    // vcvtb.f32.f16 s0, s2  (AHP: no infinities)
    V { code: &[0xeeb20a41], r: [0, 0], fpscr: 0x0400_0000, d: [0, 0x0000_0000_0000_7c00, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0400_0000, out_d: [0x0000_0000_4780_0000, 0x0000_0000_0000_7c00, 0, 0] },
    // vcvtb.f16.f32 s0, s2
    V { code: &[0xeeb30a41], r: [0, 0], fpscr: 0, d: [0x0000_0000_dead_beef, 0x0000_0000_3fc0_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_dead_3e00, 0x0000_0000_3fc0_0000, 0, 0] },
    // vcvtt.f16.f32 s0, s2
    V { code: &[0xeeb30ac1], r: [0, 0], fpscr: 0, d: [0x0000_0000_dead_beef, 0x0000_0000_3fc0_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_3e00_beef, 0x0000_0000_3fc0_0000, 0, 0] },
    // vcvtb.f16.f32 s0, s2  (65520 overflows)
    V { code: &[0xeeb30a41], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_477f_f000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0014, out_d: [0x0000_0000_0000_7c00, 0x0000_0000_477f_f000, 0, 0] },
    // vcvtb.f16.f32 s0, s2  (AHP: rounds up to 2^16, a normal number)
    V { code: &[0xeeb30a41], r: [0, 0], fpscr: 0x0400_0000, d: [0, 0x0000_0000_477f_f000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0400_0010, out_d: [0x0000_0000_0000_7c00, 0x0000_0000_477f_f000, 0, 0] },
    // vcvtb.f16.f32 s0, s2  (AHP: NaN gives 0, IOC)
    V { code: &[0xeeb30a41], r: [0, 0], fpscr: 0x0400_0000, d: [0, 0x0000_0000_7fc1_2345, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0400_0001, out_d: [0, 0x0000_0000_7fc1_2345, 0, 0] },
    // vcvtb.f16.f32 s0, s2  (NaN payload truncated)
    V { code: &[0xeeb30a41], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_7fc1_2345, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_0000_7e09, 0x0000_0000_7fc1_2345, 0, 0] },
    // vcvtb.f16.f32 s0, s2  (tiny, rounds up to smallest denormal)
    V { code: &[0xeeb30a41], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_3300_0001, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0018, out_d: [0x0000_0000_0000_0001, 0x0000_0000_3300_0001, 0, 0] },
    // vcvtb.f16.f32 s0, s2  (0.1 RZ)
    V { code: &[0xeeb30a41], r: [0, 0], fpscr: 0x00c0_0000, d: [0, 0x0000_0000_3dcc_cccd, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x00c0_0010, out_d: [0x0000_0000_0000_2e66, 0x0000_0000_3dcc_cccd, 0, 0] },
    // vcmp.f32 s2, s4; vmrs APSR_nzcv, fpscr  (less)
    V { code: &[0xeeb41a42, 0xeef1fa10], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_3f80_0000, 0x0000_0000_4000_0000, 0],
        out_r: [0, 0], out_nzcv: 0x8000_0000, out_fpscr: 0x8000_0000, out_d: [0, 0x0000_0000_3f80_0000, 0x0000_0000_4000_0000, 0] },
    // vcmpe.f32 s2, s4; vmrs APSR_nzcv, fpscr  (less)
    V { code: &[0xeeb41ac2, 0xeef1fa10], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_3f80_0000, 0x0000_0000_4000_0000, 0],
        out_r: [0, 0], out_nzcv: 0x8000_0000, out_fpscr: 0x8000_0000, out_d: [0, 0x0000_0000_3f80_0000, 0x0000_0000_4000_0000, 0] },
    // vcmp.f32 s2, s4; vmrs APSR_nzcv, fpscr  (equal)
    V { code: &[0xeeb41a42, 0xeef1fa10], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_4000_0000, 0x0000_0000_4000_0000, 0],
        out_r: [0, 0], out_nzcv: 0x6000_0000, out_fpscr: 0x6000_0000, out_d: [0, 0x0000_0000_4000_0000, 0x0000_0000_4000_0000, 0] },
    // vcmpe.f32 s2, s4; vmrs APSR_nzcv, fpscr  (equal)
    V { code: &[0xeeb41ac2, 0xeef1fa10], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_4000_0000, 0x0000_0000_4000_0000, 0],
        out_r: [0, 0], out_nzcv: 0x6000_0000, out_fpscr: 0x6000_0000, out_d: [0, 0x0000_0000_4000_0000, 0x0000_0000_4000_0000, 0] },
    // vcmp.f32 s2, s4; vmrs APSR_nzcv, fpscr  (greater)
    V { code: &[0xeeb41a42, 0xeef1fa10], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_4040_0000, 0x0000_0000_4000_0000, 0],
        out_r: [0, 0], out_nzcv: 0x2000_0000, out_fpscr: 0x2000_0000, out_d: [0, 0x0000_0000_4040_0000, 0x0000_0000_4000_0000, 0] },
    // vcmpe.f32 s2, s4; vmrs APSR_nzcv, fpscr  (greater)
    V { code: &[0xeeb41ac2, 0xeef1fa10], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_4040_0000, 0x0000_0000_4000_0000, 0],
        out_r: [0, 0], out_nzcv: 0x2000_0000, out_fpscr: 0x2000_0000, out_d: [0, 0x0000_0000_4040_0000, 0x0000_0000_4000_0000, 0] },
    // vcmp.f32 s2, s4; vmrs APSR_nzcv, fpscr  (unordered)
    V { code: &[0xeeb41a42, 0xeef1fa10], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_7fc0_0000, 0x0000_0000_4000_0000, 0],
        out_r: [0, 0], out_nzcv: 0x3000_0000, out_fpscr: 0x3000_0000, out_d: [0, 0x0000_0000_7fc0_0000, 0x0000_0000_4000_0000, 0] },
    // vcmpe.f32 s2, s4; vmrs APSR_nzcv, fpscr  (unordered)
    V { code: &[0xeeb41ac2, 0xeef1fa10], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_7fc0_0000, 0x0000_0000_4000_0000, 0],
        out_r: [0, 0], out_nzcv: 0x3000_0000, out_fpscr: 0x3000_0001, out_d: [0, 0x0000_0000_7fc0_0000, 0x0000_0000_4000_0000, 0] },
    // vcmp.f32 s2, s4; vmrs APSR_nzcv, fpscr  (-0 == +0)
    V { code: &[0xeeb41a42, 0xeef1fa10], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_8000_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0x6000_0000, out_fpscr: 0x6000_0000, out_d: [0, 0x0000_0000_8000_0000, 0, 0] },
    // vcmpe.f32 s2, s4; vmrs APSR_nzcv, fpscr  (-0 == +0)
    V { code: &[0xeeb41ac2, 0xeef1fa10], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_8000_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0x6000_0000, out_fpscr: 0x6000_0000, out_d: [0, 0x0000_0000_8000_0000, 0, 0] },
    // vcmp.f32 s2, s4; vmrs APSR_nzcv, fpscr  (sNaN)
    V { code: &[0xeeb41a42, 0xeef1fa10], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_7f81_2345, 0x0000_0000_3f80_0000, 0],
        out_r: [0, 0], out_nzcv: 0x3000_0000, out_fpscr: 0x3000_0001, out_d: [0, 0x0000_0000_7f81_2345, 0x0000_0000_3f80_0000, 0] },
    // vcmpe.f32 s2, s4; vmrs APSR_nzcv, fpscr  (sNaN)
    V { code: &[0xeeb41ac2, 0xeef1fa10], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_7f81_2345, 0x0000_0000_3f80_0000, 0],
        out_r: [0, 0], out_nzcv: 0x3000_0000, out_fpscr: 0x3000_0001, out_d: [0, 0x0000_0000_7f81_2345, 0x0000_0000_3f80_0000, 0] },
    // vcmp.f32 s2, #0; vmrs APSR_nzcv, fpscr
    V { code: &[0xeeb51a40, 0xeef1fa10], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_bf80_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0x8000_0000, out_fpscr: 0x8000_0000, out_d: [0, 0x0000_0000_bf80_0000, 0, 0] },
    // vcmpe.f32 s2, #0; vmrs APSR_nzcv, fpscr
    V { code: &[0xeeb51ac0, 0xeef1fa10], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_7fc0_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0x3000_0000, out_fpscr: 0x3000_0001, out_d: [0, 0x0000_0000_7fc0_0000, 0, 0] },
    // vcmp.f64 d1, d2; vmrs APSR_nzcv, fpscr
    V { code: &[0xeeb41b42, 0xeef1fa10], r: [0, 0], fpscr: 0, d: [0, 0x3ff0_0000_0000_0000, 0x4000_0000_0000_0000, 0],
        out_r: [0, 0], out_nzcv: 0x8000_0000, out_fpscr: 0x8000_0000, out_d: [0, 0x3ff0_0000_0000_0000, 0x4000_0000_0000_0000, 0] },
    // vcmpe.f64 d1, #0; vmrs APSR_nzcv, fpscr
    V { code: &[0xeeb51bc0, 0xeef1fa10], r: [0, 0], fpscr: 0, d: [0, 0x7ff8_0000_0000_0123, 0, 0],
        out_r: [0, 0], out_nzcv: 0x3000_0000, out_fpscr: 0x3000_0001, out_d: [0, 0x7ff8_0000_0000_0123, 0, 0] },
    // vcmp.f64 d1, d2; vmrs APSR_nzcv, fpscr
    V { code: &[0xeeb41b42, 0xeef1fa10], r: [0, 0], fpscr: 0, d: [0, 0x7ff8_0000_0000_0123, 0x3ff0_0000_0000_0000, 0],
        out_r: [0, 0], out_nzcv: 0x3000_0000, out_fpscr: 0x3000_0000, out_d: [0, 0x7ff8_0000_0000_0123, 0x3ff0_0000_0000_0000, 0] },
    // vmsr fpscr, r0; vmrs r1, fpscr
    V { code: &[0xeee10a10, 0xeef11a10], r: [0xffff_ffff, 0], fpscr: 0, d: [0, 0, 0, 0],
        out_r: [0xffff_ffff, 0xfff7_009f], out_nzcv: 0, out_fpscr: 0xfff7_009f, out_d: [0, 0, 0, 0] },
    // vmrs r0, fpscr
    V { code: &[0xeef10a10], r: [0, 0], fpscr: 0x03c0_009f, d: [0, 0, 0, 0],
        out_r: [0x03c0_009f, 0], out_nzcv: 0, out_fpscr: 0x03c0_009f, out_d: [0, 0, 0, 0] },
    // vmrs r0, fpscr; vmsr fpscr, r1
    V { code: &[0xeef10a10, 0xeee11a10], r: [0, 0x00c0_0000], fpscr: 0x0000_009f, d: [0, 0, 0, 0],
        out_r: [0x0000_009f, 0x00c0_0000], out_nzcv: 0, out_fpscr: 0x00c0_0000, out_d: [0, 0, 0, 0] },
    // vadd.f32 s0, s2, s4; vdiv.f32 s1, s2, s6  (flags accumulate)
    V { code: &[0xee310a02, 0xeec10a03], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_3f80_0000, 0x0000_0000_33c0_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0012, out_d: [0x7f80_0000_3f80_0001, 0x0000_0000_3f80_0000, 0x0000_0000_33c0_0000, 0] },
    // vmov.f32 s0, #1.0
    V { code: &[0xeeb70a00], r: [0, 0], fpscr: 0, d: [0x0000_0000_ffff_ffff, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_3f80_0000, 0, 0, 0] },
    // vmov.f32 s0, #-0.125
    V { code: &[0xeebc0a00], r: [0, 0], fpscr: 0, d: [0, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_be00_0000, 0, 0, 0] },
    // vmov.f64 d0, #-2.5
    V { code: &[0xeeb80b04], r: [0, 0], fpscr: 0, d: [0, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0xc004_0000_0000_0000, 0, 0, 0] },
    // vmov.f64 d0, #31.0
    V { code: &[0xeeb30b0f], r: [0, 0], fpscr: 0, d: [0, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x403f_0000_0000_0000, 0, 0, 0] },
    // vmov.f32 s0, s3
    V { code: &[0xeeb00a61], r: [0, 0], fpscr: 0, d: [0, 0x1234_5678_0000_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_1234_5678, 0x1234_5678_0000_0000, 0, 0] },
    // vmov.f64 d0, d3
    V { code: &[0xeeb00b43], r: [0, 0], fpscr: 0, d: [0, 0, 0, 0x0123_4567_89ab_cdef],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0123_4567_89ab_cdef, 0, 0, 0x0123_4567_89ab_cdef] },
    // vmov s1, r0; vmov r1, s3
    V { code: &[0xee000a90, 0xee111a90], r: [0x1111_2222, 0], fpscr: 0, d: [0, 0xcafe_f00d_0000_0000, 0, 0],
        out_r: [0x1111_2222, 0xcafe_f00d], out_nzcv: 0, out_fpscr: 0, out_d: [0x1111_2222_0000_0000, 0xcafe_f00d_0000_0000, 0, 0] },
    // vmov d0, r0, r1
    V { code: &[0xec410b10], r: [0x1111_2222, 0x3333_4444], fpscr: 0, d: [0, 0, 0, 0],
        out_r: [0x1111_2222, 0x3333_4444], out_nzcv: 0, out_fpscr: 0, out_d: [0x3333_4444_1111_2222, 0, 0, 0] },
    // vmov r0, r1, d1
    V { code: &[0xec510b11], r: [0, 0], fpscr: 0, d: [0, 0x0123_4567_89ab_cdef, 0, 0],
        out_r: [0x89ab_cdef, 0x0123_4567], out_nzcv: 0, out_fpscr: 0, out_d: [0, 0x0123_4567_89ab_cdef, 0, 0] },
    // vmov s2, s3, r0, r1
    V { code: &[0xec410a11], r: [0x1111_2222, 0x3333_4444], fpscr: 0, d: [0, 0, 0, 0],
        out_r: [0x1111_2222, 0x3333_4444], out_nzcv: 0, out_fpscr: 0, out_d: [0, 0x3333_4444_1111_2222, 0, 0] },
    // vmov r0, r1, s4, s5
    V { code: &[0xec510a12], r: [0, 0], fpscr: 0, d: [0, 0, 0xbbbb_0000_aaaa_0000, 0],
        out_r: [0xaaaa_0000, 0xbbbb_0000], out_nzcv: 0, out_fpscr: 0, out_d: [0, 0, 0xbbbb_0000_aaaa_0000, 0] },
    // vmov.32 d0[1], r0
    V { code: &[0xee200b10], r: [0xffff_ffff, 0], fpscr: 0, d: [0x0123_4567_89ab_cdef, 0, 0, 0],
        out_r: [0xffff_ffff, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0xffff_ffff_89ab_cdef, 0, 0, 0] },
    // vmov.32 r1, d1[1]
    V { code: &[0xee311b10], r: [0, 0], fpscr: 0, d: [0, 0x0123_4567_89ab_cdef, 0, 0],
        out_r: [0, 0x0123_4567], out_nzcv: 0, out_fpscr: 0, out_d: [0, 0x0123_4567_89ab_cdef, 0, 0] },
];

#[rustfmt::skip]
const T32_TABLE: &[V<u16>] = &[
    // vadd.f32 s0, s2, s4
    V { code: &[0xee31, 0x0a02], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_3fc0_0000, 0x0000_0000_4010_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_4070_0000, 0x0000_0000_3fc0_0000, 0x0000_0000_4010_0000, 0] },
    // vfma.f32 s0, s2, s4  (fused vs chained rounding)
    V { code: &[0xeea1, 0x0a02], r: [0, 0], fpscr: 0, d: [0x0000_0000_bf80_1000, 0x0000_0000_3f80_0800, 0x0000_0000_3f80_0800, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_3380_0000, 0x0000_0000_3f80_0800, 0x0000_0000_3f80_0800, 0] },
    // vdiv.f64 d0, d1, d2
    V { code: &[0xee81, 0x0b02], r: [0, 0], fpscr: 0, d: [0, 0x3ff0_0000_0000_0000, 0x4008_0000_0000_0000, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x3fd5_5555_5555_5555, 0x3ff0_0000_0000_0000, 0x4008_0000_0000_0000, 0] },
    // vcvt.s32.f32 s0, s2  (2.7)
    V { code: &[0xeebd, 0x0ac1], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_402c_cccd, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_0000_0002, 0x0000_0000_402c_cccd, 0, 0] },
    // vcvtr.s32.f32 s0, s2  (RN 2.5)
    V { code: &[0xeebd, 0x0a41], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_4020_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0x0000_0010, out_d: [0x0000_0000_0000_0002, 0x0000_0000_4020_0000, 0, 0] },
    // vcvt.f32.s32 s0, s0, #16
    V { code: &[0xeeba, 0x0ac8], r: [0, 0], fpscr: 0, d: [0x0000_0000_fffe_8000, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_bfc0_0000, 0, 0, 0] },
    // vcvtt.f16.f32 s0, s2
    V { code: &[0xeeb3, 0x0ac1], r: [0, 0], fpscr: 0, d: [0x0000_0000_dead_beef, 0x0000_0000_3fc0_0000, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0x0000_0000_3e00_beef, 0x0000_0000_3fc0_0000, 0, 0] },
    // vcmpe.f32 s2, s4; vmrs APSR_nzcv, fpscr  (less)
    V { code: &[0xeeb4, 0x1ac2, 0xeef1, 0xfa10], r: [0, 0], fpscr: 0, d: [0, 0x0000_0000_3f80_0000, 0x0000_0000_4000_0000, 0],
        out_r: [0, 0], out_nzcv: 0x8000_0000, out_fpscr: 0x8000_0000, out_d: [0, 0x0000_0000_3f80_0000, 0x0000_0000_4000_0000, 0] },
    // vmsr fpscr, r0; vmrs r1, fpscr
    V { code: &[0xeee1, 0x0a10, 0xeef1, 0x1a10], r: [0xffff_ffff, 0], fpscr: 0, d: [0, 0, 0, 0],
        out_r: [0xffff_ffff, 0xfff7_009f], out_nzcv: 0, out_fpscr: 0xfff7_009f, out_d: [0, 0, 0, 0] },
    // vmov.f64 d0, #-2.5
    V { code: &[0xeeb8, 0x0b04], r: [0, 0], fpscr: 0, d: [0, 0, 0, 0],
        out_r: [0, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0xc004_0000_0000_0000, 0, 0, 0] },
    // vmov d0, r0, r1
    V { code: &[0xec41, 0x0b10], r: [0x1111_2222, 0x3333_4444], fpscr: 0, d: [0, 0, 0, 0],
        out_r: [0x1111_2222, 0x3333_4444], out_nzcv: 0, out_fpscr: 0, out_d: [0x3333_4444_1111_2222, 0, 0, 0] },
    // vmov.32 d0[1], r0
    V { code: &[0xee20, 0x0b10], r: [0xffff_ffff, 0], fpscr: 0, d: [0x0123_4567_89ab_cdef, 0, 0, 0],
        out_r: [0xffff_ffff, 0], out_nzcv: 0, out_fpscr: 0, out_d: [0xffff_ffff_89ab_cdef, 0, 0, 0] },
];

#[test]
fn vfp_a32_table() {
    for v in A32_TABLE {
        let mut m = Machine::arm(v.code);
        check_vfp(&mut m, v.code.len() as u64, v);
    }
}

/// The VFP encodings are shared with T32 (A7.5): the same operations from
/// Thumb state.
#[test]
fn vfp_t32_table() {
    for v in T32_TABLE {
        let mut m = Machine::thumb(v.code);
        check_vfp(&mut m, v.code.len() as u64 / 2, v);
    }
}

/// A8.8 VLDR / VSTR: single and double, positive and negative offsets,
/// and the PC-relative literal form (Align(PC, 4)).
#[test]
fn vldr_vstr() {
    let (cpu, mem, exit) = run_arm(
        &[
            0xedd00a01, // vldr s1, [r0, #4]
            0xed101b02, // vldr d1, [r0, #-8]
            0xedc01a02, // vstr s3, [r0, #8]
            0xed802b00, // vstr d2, [r0]
        ],
        4,
        |c, m| {
            fill(m);
            c.r[0] = DATA + 0x40;
            c.vfp.d[2] = 0x0123_4567_89ab_cdef;
        },
    );
    assert_eq!(exit, Exit::Limit);
    assert_eq!(cpu.vfp.s(1), pattern(0x44));
    assert_eq!(
        cpu.vfp.d[1],
        (pattern(0x3c) as u64) << 32 | pattern(0x38) as u64
    );
    assert_eq!(mem.read_u32(DATA + 0x48).unwrap(), pattern(0x3c));
    assert_eq!(mem.read_u64(DATA + 0x40).unwrap(), 0x0123_4567_89ab_cdef);
    // Literal loads from ARM code: PC is the instruction + 8.
    let (cpu, _, _) = run_arm(
        &[
            0xed1f0b01, // vldr d0, [pc, #-4] -> CODE + 4
            0xed9f1a01, // vldr s2, [pc, #4]  -> CODE + 16
            0x1111_1111,
            0x2222_2222,
            0x3333_3333,
        ],
        2,
        |_, _| {},
    );
    assert_eq!(cpu.vfp.d[0], 0x1111_1111_ed9f_1a01);
    assert_eq!(cpu.vfp.s(2), 0x3333_3333);
}

/// A8.8 VLDM / VSTM (IA with and without write-back, DB with write-back)
/// and VPUSH / VPOP.
#[test]
fn vldm_vstm_vpush_vpop() {
    let (cpu, _, _) = run_arm(&[0xecb00a04], 1, |c, m| {
        // vldmia r0!, {s0-s3}
        fill(m);
        c.r[0] = DATA + 0x10;
    });
    assert_eq!(cpu.r[0], DATA + 0x20);
    assert_eq!([cpu.vfp.s(0), cpu.vfp.s(3)], [pattern(0x10), pattern(0x1c)]);
    let (cpu, _, _) = run_arm(&[0xed300b04], 1, |c, m| {
        // vldmdb r0!, {d0-d1}
        fill(m);
        c.r[0] = DATA + 0x20;
    });
    assert_eq!(cpu.r[0], DATA + 0x10);
    assert_eq!(
        cpu.vfp.d[0],
        (pattern(0x14) as u64) << 32 | pattern(0x10) as u64
    );
    assert_eq!(
        cpu.vfp.d[1],
        (pattern(0x1c) as u64) << 32 | pattern(0x18) as u64
    );
    let (cpu, mem, _) = run_arm(
        &[
            0xec800b06, // vstmia r0, {d0-d2}
            0xed202a02, // vstmdb r0!, {s4-s5}
        ],
        2,
        |c, _| {
            c.r[0] = DATA + 0x10;
            c.vfp.d[..3].copy_from_slice(&[0x1111_0000_0000_1111, 0x2222, 0x3333_0000_4444]);
        },
    );
    assert_eq!(mem.read_u64(DATA + 0x10).unwrap(), 0x1111_0000_0000_1111);
    assert_eq!(mem.read_u64(DATA + 0x20).unwrap(), 0x3333_0000_4444);
    assert_eq!(cpu.r[0], DATA + 0x8);
    assert_eq!(mem.read_u64(DATA + 0x8).unwrap(), 0x3333_0000_4444);
    let (cpu, mem, _) = run_arm(
        &[
            0xed2d0b04, // vpush {d0-d1}
            0xecbd2b04, // vpop {d2-d3}
            0xed2d0a03, // vpush {s0-s2}
            0xecbd2a03, // vpop {s4-s6}
        ],
        4,
        |c, _| c.vfp.d[..2].copy_from_slice(&[0xaaaa_bbbb_cccc_dddd, 0x1234_5678_9abc_def0]),
    );
    assert_eq!(cpu.r[13], SP);
    assert_eq!(
        cpu.vfp.d[2..4],
        [0xaaaa_bbbb_cccc_dddd, 0x1234_5678_9abc_def0]
    );
    assert_eq!(
        [cpu.vfp.s(4), cpu.vfp.s(5), cpu.vfp.s(6)],
        [0xcccc_dddd, 0xaaaa_bbbb, 0x9abc_def0]
    );
    // d0's low word from the first push; s0-s2 from the second above it
    assert_eq!(mem.read_u32(SP - 16).unwrap(), 0xcccc_dddd);
    assert_eq!(mem.read_u32(SP - 4).unwrap(), 0x9abc_def0);
    // A VLDM that runs into an unmapped page faults without writing back.
    let (cpu, _, exit) = run_arm(&[0xecb00a04], 1, |c, _| c.r[0] = DATA + 0xff8);
    assert!(matches!(exit, Exit::Fault { pc: CODE, .. }));
    assert_eq!(cpu.r[0], DATA + 0xff8);
}

/// VFPv3-D32: D16-D31 are reachable through the D bit (A7.3), and the
/// S/D views alias (S2n, S2n+1 are the halves of Dn).
#[test]
fn upper_double_registers_and_aliasing() {
    let (cpu, _, _) = run_arm(
        &[
            0xec410b30, // vmov d16, r0, r1
            0xee701ba0, // vadd.f64 d17, d16, d16
            0xec532b31, // vmov r2, r3, d17
            0xee0f0a90, // vmov s31, r0
            0xeeb0fa6f, // vmov.f32 s30, s31
            0xee1f1a10, // vmov r1, s30
        ],
        6,
        |c, _| {
            c.r[0] = 0; // 1.5 as a double: 0x3ff8000000000000
            c.r[1] = 0x3ff8_0000;
        },
    );
    assert_eq!((cpu.r[2], cpu.r[3]), (0, 0x4008_0000));
    assert_eq!(cpu.vfp.d[17], 3.0f64.to_bits());
    assert_eq!(cpu.r[1], 0);
    assert_eq!(cpu.vfp.d[15], 0);
    // vldmia r0, {d15-d16} crosses the D15/D16 boundary
    let (cpu, _, _) = run_arm(&[0xec90fb04], 1, |c, m| {
        fill(m);
        c.r[0] = DATA;
    });
    assert_eq!(cpu.vfp.d[15], (pattern(4) as u64) << 32 | pattern(0) as u64);
    assert_eq!(
        cpu.vfp.d[16],
        (pattern(12) as u64) << 32 | pattern(8) as u64
    );
}

/// FPSCR.FZ and FPSCR.DN set by VMSR take effect on the next instruction;
/// cumulative flags stay set until VMSR clears them.
#[test]
fn vmsr_controls_flush_to_zero_and_default_nan() {
    let code = [
        0xeee10a10, // vmsr fpscr, r0
        0xee310a02, // vadd.f32 s0, s2, s4
        0xeef11a10, // vmrs r1, fpscr
    ];
    // FZ: a denormal input is flushed (IDC), so 1e-45 + 0 = +0
    let (cpu, _, _) = run_arm(&code, 3, |c, _| {
        c.r[0] = FZ;
        c.vfp.set_s(2, 1);
    });
    assert_eq!((cpu.vfp.s(0), cpu.r[1]), (0, FZ | IDC));
    // DN: a NaN operand gives the default NaN
    let (cpu, _, _) = run_arm(&code, 3, |c, _| {
        c.r[0] = DN;
        c.vfp.set_s(2, 0x7fc1_2345);
    });
    assert_eq!((cpu.vfp.s(0), cpu.r[1]), (0x7fc0_0000, DN));
    // Without DN the payload propagates
    let (cpu, _, _) = run_arm(&code, 3, |c, _| c.vfp.set_s(2, 0x7fc1_2345));
    assert_eq!((cpu.vfp.s(0), cpu.r[1]), (0x7fc1_2345, 0));
    // Sticky flags: VMSR with IOC|DZC keeps them through an exact add,
    // a later VMSR of 0 clears them.
    let mut m = Machine::arm(&[
        0xeee10a10, // vmsr fpscr, r0
        0xee310a02, // vadd.f32 s0, s2, s4
        0xeef11a10, // vmrs r1, fpscr
        0xeee12a10, // vmsr fpscr, r2
        0xeef11a10, // vmrs r1, fpscr
    ]);
    m.cpu.r[0] = IOC | DZC;
    m.cpu.vfp.set_s(2, 1.0f32.to_bits());
    m.run(3);
    assert_eq!(m.cpu.r[1], IOC | DZC);
    m.run(2);
    assert_eq!(m.cpu.r[1], 0);
    // An inexact result adds IXC to what was there
    let (cpu, _, _) = run_arm(&code, 3, |c, _| {
        c.r[0] = DZC;
        c.vfp.set_s(2, 1.0f32.to_bits());
        c.vfp.set_s(4, 0x33c0_0000);
    });
    assert_eq!(cpu.r[1], DZC | IXC);
}

/// A8.8 VMRS with APSR_nzcv as destination copies FPSCR.NZCV to the APSR
/// and leaves APSR.Q and GE alone.
#[test]
fn vmrs_apsr_nzcv_keeps_q_and_ge() {
    let (cpu, _, _) = run_arm(&[0xeef1fa10], 1, |c, _| {
        // vmrs APSR_nzcv, fpscr
        c.vfp.fpscr = 0x6000_0000; // Z and C
        set_flags(c, N | V | Q);
        c.ge = 0b1001;
    });
    assert_eq!((flags(&cpu), cpu.ge), (Z | C | Q, 0b1001));
}
