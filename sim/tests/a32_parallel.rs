//! A32 parallel add/subtract (ARM ARM A4.4.7 "Parallel addition and
//! subtraction instructions", A5.4.1): the S, Q, SH, U, UQ and UH prefixes
//! on ADD16, ASX, SAX, SUB16, ADD8 and SUB8, the GE flags they set (A2.4),
//! SEL, USAD8/USADA8 and PKHBT/PKHTB (A4.4.6).
//!
//! The expected values were recorded by running each instruction under
//! `qemu-arm -cpu cortex-a15`, and spot-checked by hand against the A8.8
//! pseudocode.

mod common;
use common::*;

/// One parallel instruction: r0 = op(r1, r2), GE after (starting from
/// GE = 0b1010, which only the S and U prefixes change).
struct P {
    word: u32,
    rn: u32,
    rm: u32,
    rd: u32,
    ge: u32,
}

const GE_IN: u32 = 0b1010;

#[test]
#[rustfmt::skip]
fn every_parallel_add_subtract() {
    let table = [
        // sadd16 r0, r1, r2
        P { word: 0xe6110f12, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x8001_8000, ge: 0b1100 },
        P { word: 0xe6110f12, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x827e_8100, ge: 0b0011 },
        // sasx r0, r1, r2
        P { word: 0xe6110f32, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x7ffd_7ffe, ge: 0b1100 },
        P { word: 0xe6110f32, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0xff81_ffff, ge: 0b0000 },
        // ssax r0, r1, r2
        P { word: 0xe6110f52, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x7fff_8004, ge: 0b1100 },
        P { word: 0xe6110f52, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x017d_03fd, ge: 0b0011 },
        // ssub16 r0, r1, r2
        P { word: 0xe6110f72, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x7ffb_8002, ge: 0b1100 },
        P { word: 0xe6110f72, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x7e80_82fc, ge: 0b0000 },
        // sadd8 r0, r1, r2
        P { word: 0xe6110f92, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x7f01_7f00, ge: 0b1101 },
        P { word: 0xe6110f92, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x817e_8000, ge: 0b0111 },
        // ssub8 r0, r1, r2
        P { word: 0xe6110ff2, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x7ffb_8102, ge: 0b1001 },
        P { word: 0xe6110ff2, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x7f80_82fc, ge: 0b0100 },
        // qadd16 r0, r1, r2
        P { word: 0xe6210f12, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x7fff_8000, ge: 0b1010 },
        P { word: 0xe6210f12, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x827e_7fff, ge: 0b1010 },
        // qasx r0, r1, r2
        P { word: 0xe6210f32, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x7ffd_8000, ge: 0b1010 },
        P { word: 0xe6210f32, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0xff81_ffff, ge: 0b1010 },
        // qsax r0, r1, r2
        P { word: 0xe6210f52, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x7fff_8004, ge: 0b1010 },
        P { word: 0xe6210f52, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x8000_03fd, ge: 0b1010 },
        // qsub16 r0, r1, r2
        P { word: 0xe6210f72, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x7ffb_8002, ge: 0b1010 },
        P { word: 0xe6210f72, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x8000_82fc, ge: 0b1010 },
        // qadd8 r0, r1, r2
        P { word: 0xe6210f92, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x7f01_8000, ge: 0b1010 },
        P { word: 0xe6210f92, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x817e_7f00, ge: 0b1010 },
        // qsub8 r0, r1, r2
        P { word: 0xe6210ff2, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x7ffb_8102, ge: 0b1010 },
        P { word: 0xe6210ff2, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x807f_82fc, ge: 0b1010 },
        // shadd16 r0, r1, r2
        P { word: 0xe6310f12, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x4000_c000, ge: 0b1010 },
        P { word: 0xe6310f12, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0xc13f_4080, ge: 0b1010 },
        // shasx r0, r1, r2
        P { word: 0xe6310f32, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x3ffe_bfff, ge: 0b1010 },
        P { word: 0xe6310f32, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0xffc0_ffff, ge: 0b1010 },
        // shsax r0, r1, r2
        P { word: 0xe6310f52, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x3fff_c002, ge: 0b1010 },
        P { word: 0xe6310f52, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x80be_01fe, ge: 0b1010 },
        // shsub16 r0, r1, r2
        P { word: 0xe6310f72, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x3ffd_c001, ge: 0b1010 },
        P { word: 0xe6310f72, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0xbf40_c17e, ge: 0b1010 },
        // shadd8 r0, r1, r2
        P { word: 0xe6310f92, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x3f00_bf00, ge: 0b1010 },
        P { word: 0xe6310f92, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0xc03f_4000, ge: 0b1010 },
        // shsub8 r0, r1, r2
        P { word: 0xe6310ff2, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x3ffd_c001, ge: 0b1010 },
        P { word: 0xe6310ff2, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0xbf40_c1fe, ge: 0b1010 },
        // uadd16 r0, r1, r2
        P { word: 0xe6510f12, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x8001_8000, ge: 0b0011 },
        P { word: 0xe6510f12, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x827e_8100, ge: 0b0000 },
        // uasx r0, r1, r2
        P { word: 0xe6510f32, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x7ffd_7ffe, ge: 0b1111 },
        P { word: 0xe6510f32, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0xff81_ffff, ge: 0b0000 },
        // usax r0, r1, r2
        P { word: 0xe6510f52, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x7fff_8004, ge: 0b0000 },
        P { word: 0xe6510f52, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x017d_03fd, ge: 0b1100 },
        // usub16 r0, r1, r2
        P { word: 0xe6510f72, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x7ffb_8002, ge: 0b1100 },
        P { word: 0xe6510f72, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x7e80_82fc, ge: 0b1100 },
        // uadd8 r0, r1, r2
        P { word: 0xe6510f92, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x7f01_7f00, ge: 0b0111 },
        P { word: 0xe6510f92, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x817e_8000, ge: 0b0101 },
        // usub8 r0, r1, r2
        P { word: 0xe6510ff2, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x7ffb_8102, ge: 0b1100 },
        P { word: 0xe6510ff2, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x7f80_82fc, ge: 0b1001 },
        // uqadd16 r0, r1, r2
        P { word: 0xe6610f12, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x8001_ffff, ge: 0b1010 },
        P { word: 0xe6610f12, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x827e_8100, ge: 0b1010 },
        // uqasx r0, r1, r2
        P { word: 0xe6610f32, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0xffff_7ffe, ge: 0b1010 },
        P { word: 0xe6610f32, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0xff81_0000, ge: 0b1010 },
        // uqsax r0, r1, r2
        P { word: 0xe6610f52, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x0000_8004, ge: 0b1010 },
        P { word: 0xe6610f52, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x017d_03fd, ge: 0b1010 },
        // uqsub16 r0, r1, r2
        P { word: 0xe6610f72, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x7ffb_0000, ge: 0b1010 },
        P { word: 0xe6610f72, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x7e80_0000, ge: 0b1010 },
        // uqadd8 r0, r1, r2
        P { word: 0xe6610f92, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x7fff_ffff, ge: 0b1010 },
        P { word: 0xe6610f92, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x81ff_80ff, ge: 0b1010 },
        // uqsub8 r0, r1, r2
        P { word: 0xe6610ff2, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x7ffb_0000, ge: 0b1010 },
        P { word: 0xe6610ff2, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x7f00_00fc, ge: 0b1010 },
        // uhadd16 r0, r1, r2
        P { word: 0xe6710f12, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x4000_c000, ge: 0b1010 },
        P { word: 0xe6710f12, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x413f_4080, ge: 0b1010 },
        // uhasx r0, r1, r2
        P { word: 0xe6710f32, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0xbffe_3fff, ge: 0b1010 },
        P { word: 0xe6710f32, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x7fc0_ffff, ge: 0b1010 },
        // uhsax r0, r1, r2
        P { word: 0xe6710f52, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0xbfff_4002, ge: 0b1010 },
        P { word: 0xe6710f52, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x00be_01fe, ge: 0b1010 },
        // uhsub16 r0, r1, r2
        P { word: 0xe6710f72, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x3ffd_c001, ge: 0b1010 },
        P { word: 0xe6710f72, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x3f40_c17e, ge: 0b1010 },
        // uhadd8 r0, r1, r2
        P { word: 0xe6710f92, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x3f80_bf80, ge: 0b1010 },
        P { word: 0xe6710f92, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x40bf_4080, ge: 0b1010 },
        // uhsub8 r0, r1, r2
        P { word: 0xe6710ff2, rn: 0x7ffe_8001, rm: 0x0003_ffff, rd: 0x3f7d_c081, ge: 0b1010 },
        P { word: 0xe6710ff2, rn: 0x807f_01fe, rm: 0x01ff_7f02, rd: 0x3fc0_c17e, ge: 0b1010 },
    ];
    for p in &table {
        let (cpu, _, _) = run_arm(&[p.word], 1, |c, _| {
            c.r[1] = p.rn;
            c.r[2] = p.rm;
            c.ge = GE_IN;
        });
        assert_eq!(
            cpu.r[0], p.rd,
            "{:#010x} on {:#010x}, {:#010x}",
            p.word, p.rn, p.rm
        );
        assert_eq!(
            cpu.ge, p.ge,
            "GE of {:#010x} on {:#010x}, {:#010x}",
            p.word, p.rn, p.rm
        );
        assert_eq!(flags(&cpu), 0, "parallel instructions never touch NZCVQ");
    }
}

/// A8.8 SEL: each byte from Rn where its GE bit is set, else from Rm.
#[test]
fn sel_picks_bytes_by_ge() {
    for (ge, rd) in [
        (0b0101, 0xaa22_cc44),
        (0b1010, 0x11bb_33dd),
        (0b1111, 0x1122_3344),
        (0, 0xaabb_ccdd),
    ] {
        let (cpu, _, _) = run_arm(&[0xe6810fb2], 1, |c, _| {
            // sel r0, r1, r2
            c.r[1] = 0x1122_3344;
            c.r[2] = 0xaabb_ccdd;
            c.ge = ge;
        });
        assert_eq!(cpu.r[0], rd, "GE = {ge:#06b}");
    }
}

/// USUB8 then SEL: the per-byte unsigned maximum idiom.
#[test]
fn usub8_sel_byte_maximum() {
    let (cpu, _, _) = run_arm(
        &[
            0xe6513ff2, // usub8 r3, r1, r2
            0xe6810fb2, // sel r0, r1, r2
        ],
        2,
        |c, _| {
            c.r[1] = 0x10_f0_05_80;
            c.r[2] = 0x20_e0_05_7f;
        },
    );
    assert_eq!(cpu.ge, 0b0111);
    assert_eq!(cpu.r[0], 0x20_f0_05_80);
}

/// A8.8 USAD8 / USADA8: sum of absolute byte differences.
#[test]
fn usad8_usada8() {
    // usad8 r0, r1, r2: |01-ff| + |ff-01| + |7f-80| + |80-ff| = 254 + 254 + 1 + 127
    let cpu = arm1(0xe780f211, &[0, 0x01ff_7f80, 0xff01_80ff], 0);
    assert_eq!(cpu.r[0], 0x27c);
    // usada8 r0, r1, r2, r3
    let cpu = arm1(0xe7803211, &[0, 0x01ff_7f80, 0xff01_80ff, 1000], 0);
    assert_eq!(cpu.r[0], 0x27c + 1000);
}

/// A8.8 PKHBT / PKHTB: PKHTB's ASR #32 is encoded as 0 and fills the
/// bottom half with Rm's sign.
#[test]
fn pack_halfwords() {
    // pkhbt r0, r1, r2
    assert_eq!(
        arm1(0xe6810012, &[0, 0x1111_2222, 0x3333_4444], 0).r[0],
        0x3333_2222
    );
    // pkhbt r0, r1, r2, lsl #8
    assert_eq!(
        arm1(0xe6810412, &[0, 0x1111_2222, 0x3333_4444], 0).r[0],
        0x3344_2222
    );
    // pkhtb r0, r1, r2, asr #8
    assert_eq!(
        arm1(0xe6810452, &[0, 0x1111_2222, 0x8333_4444], 0).r[0],
        0x1111_3344
    );
    // pkhtb r0, r1, r2, asr #32
    assert_eq!(
        arm1(0xe6810052, &[0, 0x1111_2222, 0x8333_4444], 0).r[0],
        0x1111_ffff
    );
    assert_eq!(
        arm1(0xe6810052, &[0, 0x1111_2222, 0x7333_4444], 0).r[0],
        0x1111_0000
    );
}
