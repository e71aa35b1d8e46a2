//! A32 multiplies and divides (ARM ARM A4.4.3 "Multiply instructions",
//! A4.4.8 "Divide instructions", and the A8.8 pages named per test).

mod common;
use common::*;

/// r0 after one instruction with r1..r3 preset (r0 = 0).
fn r0_of(word: u32, r1: u32, r2: u32, r3: u32) -> u32 {
    arm1(word, &[0, r1, r2, r3], 0).r[0]
}

/// A8.8 MUL / MLA / MLS: low 32 bits; MULS/MLAS set N and Z only (C and V
/// are unchanged in ARMv7).
#[test]
fn mul_mla_mls() {
    // mul r0, r1, r2
    assert_eq!(r0_of(0xe0000291, 0x10000, 0x10001, 0), 0x0001_0000);
    // muls r0, r1, r2
    let cpu = arm1(0xe0100291, &[0, 0xffff_ffff, 1], C | V);
    assert_eq!((cpu.r[0], flags(&cpu)), (0xffff_ffff, N | C | V));
    let cpu = arm1(0xe0100291, &[0, 0x1234, 0], N);
    assert_eq!((cpu.r[0], flags(&cpu)), (0, Z));
    // mul r0, r1, r2 leaves flags alone
    let cpu = arm1(0xe0000291, &[0, 0, 5], N);
    assert_eq!((cpu.r[0], flags(&cpu)), (0, N));
    // mla r0, r1, r2, r3
    assert_eq!(r0_of(0xe0203291, 3, 4, 5), 17);
    // mlas r0, r1, r2, r3: -1 * 1 + 1 = 0
    let cpu = arm1(0xe0303291, &[0, 0xffff_ffff, 1, 1], C);
    assert_eq!((cpu.r[0], flags(&cpu)), (0, Z | C));
    // mls r0, r1, r2, r3: r3 - r1 * r2
    assert_eq!(r0_of(0xe0603291, 3, 4, 100), 88);
    assert_eq!(r0_of(0xe0603291, 3, 4, 0), (-12i32) as u32);
}

/// A8.8 UMULL / UMLAL / SMULL / SMLAL / UMAAL: RdLo = r0, RdHi = r1,
/// Rn = r2, Rm = r3; the S forms set N from bit 63 and Z from all 64.
#[test]
fn long_multiplies() {
    // umull r0, r1, r2, r3
    let cpu = arm1(0xe0810392, &[0, 0, 0xffff_ffff, 0xffff_ffff], 0);
    assert_eq!((cpu.r[0], cpu.r[1]), (1, 0xffff_fffe));
    // umulls: low word 0 but the 64-bit result is not zero
    let cpu = arm1(0xe0910392, &[0, 0, 0x8000_0000, 2], Z | C | V);
    assert_eq!((cpu.r[0], cpu.r[1], flags(&cpu)), (0, 1, C | V));
    let cpu = arm1(0xe0910392, &[0, 0, 0xffff_ffff, 0xffff_ffff], 0);
    assert_eq!(flags(&cpu), N);
    let cpu = arm1(0xe0910392, &[7, 7, 0, 0xffff_ffff], 0);
    assert_eq!((cpu.r[0], cpu.r[1], flags(&cpu)), (0, 0, Z));
    // umlal r0, r1, r2, r3: carry from the low word into the high word
    let cpu = arm1(0xe0a10392, &[0xffff_ffff, 0, 1, 1], 0);
    assert_eq!((cpu.r[0], cpu.r[1]), (0, 1));
    // smull r0, r1, r2, r3: -2 * 3
    let cpu = arm1(0xe0c10392, &[0, 0, (-2i32) as u32, 3], 0);
    assert_eq!((cpu.r[0], cpu.r[1]), (0xffff_fffa, 0xffff_ffff));
    // smulls
    let cpu = arm1(0xe0d10392, &[0, 0, (-2i32) as u32, 3], 0);
    assert_eq!(flags(&cpu), N);
    // smlal r0, r1, r2, r3: 1 + (-1 * 1) = 0
    let cpu = arm1(0xe0e10392, &[1, 0, 0xffff_ffff, 1], 0);
    assert_eq!((cpu.r[0], cpu.r[1]), (0, 0));
    // smlal with a 64-bit accumulator: 0x1_0000_0000 + (-1)
    let cpu = arm1(0xe0e10392, &[0, 1, 0xffff_ffff, 1], 0);
    assert_eq!((cpu.r[0], cpu.r[1]), (0xffff_ffff, 0));
    // umaal r0, r1, r2, r3: the largest case fills 64 bits exactly
    let cpu = arm1(
        0xe0410392,
        &[0xffff_ffff, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff],
        0,
    );
    assert_eq!((cpu.r[0], cpu.r[1]), (0xffff_ffff, 0xffff_ffff));
    // umaal: both halves are added as separate 32-bit values
    let cpu = arm1(0xe0410392, &[5, 7, 2, 3], 0);
    assert_eq!((cpu.r[0], cpu.r[1]), (18, 0));
}

/// A8.8 SMLA<x><y> / SMUL<x><y>: halves chosen by x (Rn) and y (Rm); the
/// accumulate sets Q on signed overflow and Q is sticky.
#[test]
fn halfword_multiplies() {
    let (r1, r2, r3) = (0x0003_fffe, 0xfff9_0005, 100);
    assert_eq!(r0_of(0xe1003281, r1, r2, r3), 90); // smlabb: -2*5 + 100
    assert_eq!(r0_of(0xe10032c1, r1, r2, r3), 114); // smlabt: -2*-7 + 100
    assert_eq!(r0_of(0xe10032a1, r1, r2, r3), 115); // smlatb: 3*5 + 100
    assert_eq!(r0_of(0xe10032e1, r1, r2, r3), 79); // smlatt: 3*-7 + 100
                                                   // smulbb r0, r1, r2: -32768 * -32768 fits (no Q)
    let cpu = arm1(0xe1600281, &[0, 0x8000, 0x8000], 0);
    assert_eq!((cpu.r[0], cpu.q), (0x4000_0000, 0));
    // smultt r0, r1, r2
    assert_eq!(
        r0_of(0xe16002e1, 0xffff_0000, 0x0002_0000, 0),
        (-2i32) as u32
    );
    // smlabb overflowing: 0x40000000 + 0x40000000 sets Q, result wraps
    let cpu = arm1(0xe1003281, &[0, 0x8000, 0x8000, 0x4000_0000], 0);
    assert_eq!((cpu.r[0], flags(&cpu)), (0x8000_0000, Q));
    // Q is sticky: no overflow leaves it set, and nothing clears it
    let cpu = arm1(0xe1003281, &[0, 1, 1, 1], Q);
    assert_eq!((cpu.r[0], flags(&cpu)), (2, Q));
}

/// A8.8 SMLAW<y> / SMULW<y>: (Rn * half of Rm) >> 16; SMLAW sets Q on
/// overflow of the accumulation.
#[test]
fn word_by_halfword_multiplies() {
    // smlawb r0, r1, r2, r3
    assert_eq!(r0_of(0xe1203281, 0x1234_5678, 0x0000_0002, 1), 0x2469);
    // smlawt r0, r1, r2, r3: top half -1
    assert_eq!(r0_of(0xe12032c1, 0x0001_0000, 0xffff_0000, 1), 0);
    // smulwb / smulwt r0, r1, r2
    assert_eq!(
        r0_of(0xe12002a1, 0xffff_0000, 0x0003_0004, 0),
        (-4i32) as u32
    );
    assert_eq!(
        r0_of(0xe12002e1, 0xffff_0000, 0x0003_0004, 0),
        (-3i32) as u32
    );
    // smlawb overflow: 0x3fff7fff + 0x7fffffff
    let cpu = arm1(0xe1203281, &[0, 0x7fff_ffff, 0x7fff, 0x7fff_ffff], 0);
    assert_eq!((cpu.r[0], flags(&cpu)), (0xbfff_7ffe, Q));
}

/// A8.8 SMLAL<x><y>: 16x16 product added to a 64-bit accumulator.
#[test]
fn smlal_halfwords() {
    // smlalbb r0, r1, r2, r3: 0x7fff^2 + 0xffffffff carries into RdHi
    let cpu = arm1(0xe1410382, &[0xffff_ffff, 0, 0x7fff, 0x7fff], 0);
    assert_eq!((cpu.r[0], cpu.r[1]), (0x3fff_0000, 1));
    // smlaltt r0, r1, r2, r3: -32768 * 1, sign-extended into RdHi
    let cpu = arm1(0xe14103e2, &[0, 0, 0x8000_0000, 0x0001_0000], 0);
    assert_eq!((cpu.r[0], cpu.r[1]), (0xffff_8000, 0xffff_ffff));
}

/// A8.8 SMUAD/SMLAD/SMUSD/SMLSD: dual 16x16 products, X swaps Rm's
/// halves; SMUAD/SMLAD set Q when the sum overflows 32 bits.
#[test]
fn dual_multiplies() {
    let (r1, r2) = (0x0002_0003, 0x0004_0005);
    assert_eq!(r0_of(0xe700f211, r1, r2, 0), 23); // smuad: 3*5 + 2*4
    assert_eq!(r0_of(0xe700f231, r1, r2, 0), 22); // smuadx: 3*4 + 2*5
    assert_eq!(r0_of(0xe7003211, r1, r2, 100), 123); // smlad
    assert_eq!(r0_of(0xe7003231, r1, r2, 100), 122); // smladx
    assert_eq!(r0_of(0xe700f251, r1, r2, 0), 7); // smusd: 15 - 8
    assert_eq!(r0_of(0xe700f271, r1, r2, 0), 2); // smusdx: 12 - 10
    assert_eq!(r0_of(0xe7003251, r1, r2, 100), 107); // smlsd
                                                     // smuad r0, r1, r2: 0x40000000 + 0x40000000 overflows -> Q
    let cpu = arm1(0xe700f211, &[0, 0x8000_8000, 0x8000_8000], 0);
    assert_eq!((cpu.r[0], flags(&cpu)), (0x8000_0000, Q));
    // smusd of the same cannot overflow
    let cpu = arm1(0xe700f251, &[0, 0x8000_8000, 0x8000_8000], 0);
    assert_eq!((cpu.r[0], flags(&cpu)), (0, 0));
    // smlad: products fit, the accumulation overflows -> Q
    let cpu = arm1(0xe7003211, &[0, 0x0001_0001, 0x0001_0001, 0x7fff_ffff], 0);
    assert_eq!((cpu.r[0], flags(&cpu)), (0x8000_0001, Q));
}

/// A8.8 SMLALD / SMLSLD: dual products into a 64-bit accumulator (no Q).
#[test]
fn dual_multiply_long() {
    // smlald r0, r1, r2, r3: 0x80000000 does not overflow 64 bits
    let cpu = arm1(0xe7410312, &[0, 0, 0x8000_8000, 0x8000_8000], 0);
    assert_eq!((cpu.r[0], cpu.r[1], cpu.q), (0x8000_0000, 0, 0));
    // smlsld r0, r1, r2, r3: -8 + (3*5 - 2*4) = -1
    let cpu = arm1(
        0xe7410352,
        &[(-8i32) as u32, 0xffff_ffff, 0x0002_0003, 0x0004_0005],
        0,
    );
    assert_eq!((cpu.r[0], cpu.r[1]), (0xffff_ffff, 0xffff_ffff));
    // smlaldx r0, r1, r2, r3: 3*4 + 2*5 = 22
    let cpu = arm1(0xe7410332, &[0, 0, 0x0002_0003, 0x0004_0005], 0);
    assert_eq!((cpu.r[0], cpu.r[1]), (22, 0));
}

/// A8.8 SMMUL/SMMLA/SMMLS: the top word of a 64-bit product, truncated
/// (floor) or rounded (R adds 0x80000000 first).
#[test]
fn most_significant_word_multiplies() {
    assert_eq!(r0_of(0xe750f211, 0x4000_0000, 0x4000_0000, 0), 0x1000_0000); // smmul
    assert_eq!(r0_of(0xe750f211, 0xffff_ffff, 1, 0), 0xffff_ffff); // smmul -1*1 floors
    assert_eq!(r0_of(0xe750f231, 0xffff_ffff, 1, 0), 0); // smmulr -1*1 rounds to 0
    assert_eq!(r0_of(0xe750f211, 0x0001_0000, 0x8000, 0), 0); // smmul 0x80000000 -> 0
    assert_eq!(r0_of(0xe750f231, 0x0001_0000, 0x8000, 0), 1); // smmulr rounds half up
    assert_eq!(r0_of(0xe7503211, 0x4000_0000, 0x4000_0000, 5), 0x1000_0005); // smmla
    assert_eq!(r0_of(0xe7503231, 0x0001_0000, 0x8000, 5), 6); // smmlar
                                                              // smmls: (5 << 32) - 0x80000000 = 0x4_8000_0000
    assert_eq!(r0_of(0xe75032d1, 0x0001_0000, 0x8000, 5), 4);
    // smmlsr rounds it to 5
    assert_eq!(r0_of(0xe75032f1, 0x0001_0000, 0x8000, 5), 5);
}

/// A8.8 SDIV / UDIV: round toward zero; division by zero gives 0 (no trap
/// with SCTLR.DZ = 0, as Linux runs user code); INT_MIN / -1 = INT_MIN.
#[test]
fn divides() {
    let sdiv = 0xe710f211; // sdiv r0, r1, r2
    let udiv = 0xe730f211; // udiv r0, r1, r2
    assert_eq!(r0_of(sdiv, 7, 2, 0), 3);
    assert_eq!(r0_of(sdiv, (-7i32) as u32, 2, 0), (-3i32) as u32);
    assert_eq!(r0_of(sdiv, 7, (-2i32) as u32, 0), (-3i32) as u32);
    assert_eq!(r0_of(sdiv, 7, 0, 0), 0);
    assert_eq!(r0_of(sdiv, 0x8000_0000, 0xffff_ffff, 0), 0x8000_0000);
    assert_eq!(r0_of(udiv, 0xffff_ffff, 2, 0), 0x7fff_ffff);
    assert_eq!(r0_of(udiv, 0x8000_0000, 0xffff_ffff, 0), 0);
    assert_eq!(r0_of(udiv, 0xffff_ffff, 0, 0), 0);
    // Divides never touch the flags.
    let cpu = arm1(sdiv, &[0, 0, 5], N | C);
    assert_eq!((cpu.r[0], flags(&cpu)), (0, N | C));
}
