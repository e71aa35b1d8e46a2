//! A32 data-processing instructions: the shifter (ARM ARM A8.4 "Shifts
//! applied to a register"), AddWithCarry (A2.2.1), modified immediates
//! (A5.2.4), flag setting, conditional execution (A8.3) and writes to PC
//! (A2.3.1 ALUWritePC).

mod common;
use common::*;
use sim::interp::Exit;

/// One flag-setting shift case: `word` with r1 = value, r2 = amount.
struct Shift {
    word: u32,
    r1: u32,
    r2: u32,
    c_in: bool,
    result: u32,
    c_out: bool,
}

fn check_shifts(cases: &[Shift]) {
    for (i, s) in cases.iter().enumerate() {
        let cpu = arm1(s.word, &[0xdead, s.r1, s.r2], if s.c_in { C } else { 0 });
        assert_eq!(cpu.r[0], s.result, "case {i} ({:#010x}) result", s.word);
        assert_eq!(cpu.c != 0, s.c_out, "case {i} ({:#010x}) carry", s.word);
        assert_eq!(cpu.n, s.result >> 31, "case {i} N");
        assert_eq!(cpu.z, (s.result == 0) as u32, "case {i} Z");
    }
}

/// A8.4.1 constant shifts: LSL #0 keeps C; LSR/ASR #32 are encoded as 0;
/// ROR #0 is RRX.
#[test]
#[rustfmt::skip]
fn immediate_shifts_and_carry_out() {
    check_shifts(&[
        // movs r0, r1 (LSL #0): carry unchanged, both ways
        Shift { word: 0xe1b00001, r1: 0x8000_0001, r2: 0, c_in: true, result: 0x8000_0001, c_out: true },
        Shift { word: 0xe1b00001, r1: 0x8000_0001, r2: 0, c_in: false, result: 0x8000_0001, c_out: false },
        // lsls r0, r1, #1: carry = bit 31
        Shift { word: 0xe1b00081, r1: 0x8000_0001, r2: 0, c_in: false, result: 2, c_out: true },
        // lsls r0, r1, #31: carry = bit 1
        Shift { word: 0xe1b00f81, r1: 0x0000_0003, r2: 0, c_in: false, result: 0x8000_0000, c_out: true },
        Shift { word: 0xe1b00f81, r1: 0x0000_0001, r2: 0, c_in: true, result: 0x8000_0000, c_out: false },
        // lsrs r0, r1, #1: carry = bit 0
        Shift { word: 0xe1b000a1, r1: 0x8000_0001, r2: 0, c_in: false, result: 0x4000_0000, c_out: true },
        // lsrs r0, r1, #32: result 0, carry = bit 31
        Shift { word: 0xe1b00021, r1: 0x8000_0000, r2: 0, c_in: false, result: 0, c_out: true },
        Shift { word: 0xe1b00021, r1: 0x7fff_ffff, r2: 0, c_in: true, result: 0, c_out: false },
        // asrs r0, r1, #5
        Shift { word: 0xe1b002c1, r1: 0x8000_0010, r2: 0, c_in: false, result: 0xfc00_0000, c_out: true },
        // asrs r0, r1, #32: all sign bits, carry = bit 31
        Shift { word: 0xe1b00041, r1: 0x8000_0000, r2: 0, c_in: false, result: 0xffff_ffff, c_out: true },
        Shift { word: 0xe1b00041, r1: 0x7fff_ffff, r2: 0, c_in: true, result: 0, c_out: false },
        // rors r0, r1, #4: carry = bit 3
        Shift { word: 0xe1b00261, r1: 0x0000_0018, r2: 0, c_in: false, result: 0x8000_0001, c_out: true },
        // rrxs r0, r1: C enters bit 31, bit 0 leaves into C
        Shift { word: 0xe1b00061, r1: 0x0000_0003, r2: 0, c_in: true, result: 0x8000_0001, c_out: true },
        Shift { word: 0xe1b00061, r1: 0x0000_0002, r2: 0, c_in: false, result: 0x0000_0001, c_out: false },
    ]);
}

/// A8.4.2 register-controlled shifts: only Rs[7:0] counts; 0 leaves the
/// value and C alone; 32 and beyond have their own results.
#[test]
#[rustfmt::skip]
fn register_shifts_by_0_32_and_beyond() {
    check_shifts(&[
        // lsls r0, r1, r2
        Shift { word: 0xe1b00211, r1: 0x8000_0001, r2: 0, c_in: true, result: 0x8000_0001, c_out: true },
        Shift { word: 0xe1b00211, r1: 0x8000_0001, r2: 0x100, c_in: false, result: 0x8000_0001, c_out: false },
        Shift { word: 0xe1b00211, r1: 0x0000_0003, r2: 31, c_in: false, result: 0x8000_0000, c_out: true },
        Shift { word: 0xe1b00211, r1: 0x0000_0001, r2: 32, c_in: false, result: 0, c_out: true },
        Shift { word: 0xe1b00211, r1: 0xffff_ffff, r2: 33, c_in: true, result: 0, c_out: false },
        // lsrs r0, r1, r2
        Shift { word: 0xe1b00231, r1: 0x8000_0000, r2: 32, c_in: false, result: 0, c_out: true },
        Shift { word: 0xe1b00231, r1: 0xffff_ffff, r2: 33, c_in: true, result: 0, c_out: false },
        Shift { word: 0xe1b00231, r1: 0xffff_ffff, r2: 0xff, c_in: true, result: 0, c_out: false },
        // asrs r0, r1, r2
        Shift { word: 0xe1b00251, r1: 0x8000_0000, r2: 32, c_in: false, result: 0xffff_ffff, c_out: true },
        Shift { word: 0xe1b00251, r1: 0x8000_0000, r2: 200, c_in: false, result: 0xffff_ffff, c_out: true },
        Shift { word: 0xe1b00251, r1: 0x4000_0000, r2: 40, c_in: true, result: 0, c_out: false },
        // rors r0, r1, r2: 32 gives the value back with C = bit 31; 36 is 4
        Shift { word: 0xe1b00271, r1: 0x8000_0001, r2: 32, c_in: false, result: 0x8000_0001, c_out: true },
        Shift { word: 0xe1b00271, r1: 0x0000_0018, r2: 36, c_in: false, result: 0x8000_0001, c_out: true },
        Shift { word: 0xe1b00271, r1: 0x0000_0018, r2: 0, c_in: true, result: 0x0000_0018, c_out: true },
    ]);
}

/// A8.8 ADD (register-shifted register): the shift amount register feeds
/// an arithmetic operation.
#[test]
fn add_register_shifted_register() {
    // add r0, r1, r2, lsl r3
    let cpu = arm1(0xe0810312, &[0, 100, 3, 4], 0);
    assert_eq!(cpu.r[0], 148);
    // adds r0, r1, r2, lsl r3: flags from the addition, not the shifter
    let cpu = arm1(0xe0910312, &[0, 0x8000_0000, 0x4000_0000, 1], 0);
    assert_eq!(cpu.r[0], 0);
    assert_eq!(flags(&cpu), Z | C | V);
    // subs r0, r1, r2, asr r3: 5 - (-8 >> 2) = 7
    let cpu = arm1(0xe0510352, &[0, 5, (-8i32) as u32, 2], 0);
    assert_eq!(cpu.r[0], 7);
    assert_eq!(flags(&cpu), 0);
}

/// One arithmetic case: `word` with r1, r2 and a carry in.
struct Arith {
    word: u32,
    r1: u32,
    r2: u32,
    flags_in: u32,
    result: u32,
    flags_out: u32,
}

fn check_arith(cases: &[Arith]) {
    for (i, a) in cases.iter().enumerate() {
        let cpu = arm1(a.word, &[0, a.r1, a.r2], a.flags_in);
        assert_eq!(cpu.r[0], a.result, "case {i} ({:#010x}) result", a.word);
        assert_eq!(
            flags(&cpu),
            a.flags_out,
            "case {i} ({:#010x}) flags",
            a.word
        );
    }
}

/// A2.2.1 AddWithCarry through every arithmetic opcode: carry is "no
/// unsigned overflow" for additions and "no borrow" for subtractions.
#[test]
#[rustfmt::skip]
fn add_sub_adc_sbc_rsb_rsc_flags() {
    check_arith(&[
        // adds r0, r1, r2
        Arith { word: 0xe0910002, r1: 0x7fff_ffff, r2: 1, flags_in: 0, result: 0x8000_0000, flags_out: N | V },
        Arith { word: 0xe0910002, r1: 0xffff_ffff, r2: 1, flags_in: 0, result: 0, flags_out: Z | C },
        Arith { word: 0xe0910002, r1: 0x8000_0000, r2: 0x8000_0000, flags_in: 0, result: 0, flags_out: Z | C | V },
        Arith { word: 0xe0910002, r1: 1, r2: 2, flags_in: N | Z | C | V, result: 3, flags_out: 0 },
        // subs r0, r1, r2
        Arith { word: 0xe0510002, r1: 0, r2: 1, flags_in: 0, result: 0xffff_ffff, flags_out: N },
        Arith { word: 0xe0510002, r1: 5, r2: 5, flags_in: 0, result: 0, flags_out: Z | C },
        Arith { word: 0xe0510002, r1: 0x8000_0000, r2: 1, flags_in: 0, result: 0x7fff_ffff, flags_out: C | V },
        Arith { word: 0xe0510002, r1: 0x7fff_ffff, r2: 0xffff_ffff, flags_in: 0, result: 0x8000_0000, flags_out: N | V },
        // adcs r0, r1, r2: the carry adds one
        Arith { word: 0xe0b10002, r1: 1, r2: 2, flags_in: C, result: 4, flags_out: 0 },
        Arith { word: 0xe0b10002, r1: 0xffff_ffff, r2: 0, flags_in: C, result: 0, flags_out: Z | C },
        Arith { word: 0xe0b10002, r1: 0x7fff_ffff, r2: 0, flags_in: C, result: 0x8000_0000, flags_out: N | V },
        Arith { word: 0xe0b10002, r1: 0xffff_ffff, r2: 0, flags_in: 0, result: 0xffff_ffff, flags_out: N },
        // sbcs r0, r1, r2: carry clear borrows one more
        Arith { word: 0xe0d10002, r1: 5, r2: 3, flags_in: C, result: 2, flags_out: C },
        Arith { word: 0xe0d10002, r1: 5, r2: 3, flags_in: 0, result: 1, flags_out: C },
        Arith { word: 0xe0d10002, r1: 3, r2: 3, flags_in: 0, result: 0xffff_ffff, flags_out: N },
        Arith { word: 0xe0d10002, r1: 0x8000_0000, r2: 0, flags_in: 0, result: 0x7fff_ffff, flags_out: C | V },
        // rsbs r0, r1, r2: r2 - r1
        Arith { word: 0xe0710002, r1: 3, r2: 10, flags_in: 0, result: 7, flags_out: C },
        Arith { word: 0xe0710002, r1: 10, r2: 3, flags_in: C, result: (-7i32) as u32, flags_out: N },
        // rscs r0, r1, r2: r2 - r1 - NOT(C)
        Arith { word: 0xe0f10002, r1: 3, r2: 10, flags_in: 0, result: 6, flags_out: C },
        Arith { word: 0xe0f10002, r1: 3, r2: 10, flags_in: C, result: 7, flags_out: C },
        Arith { word: 0xe0f10002, r1: 1, r2: 0x8000_0000, flags_in: C, result: 0x7fff_ffff, flags_out: C | V },
        // rsc r0, r1, r2: no S, flags untouched
        Arith { word: 0xe0e10002, r1: 3, r2: 10, flags_in: N | Z, result: 6, flags_out: N | Z },
        // add r0, r1, r2: no S, flags untouched even on overflow
        Arith { word: 0xe0810002, r1: 0xffff_ffff, r2: 1, flags_in: N | V, result: 0, flags_out: N | V },
    ]);
}

/// Immediate forms of the arithmetic ops (A8.8 SUB/ADD/RSB/ADC/SBC
/// (immediate)).
#[test]
#[rustfmt::skip]
fn arithmetic_immediates() {
    check_arith(&[
        // subs r0, r1, #1
        Arith { word: 0xe2510001, r1: 1, r2: 0, flags_in: 0, result: 0, flags_out: Z | C },
        Arith { word: 0xe2510001, r1: 0, r2: 0, flags_in: C, result: 0xffff_ffff, flags_out: N },
        // adds r0, r1, #1
        Arith { word: 0xe2910001, r1: 0x7fff_ffff, r2: 0, flags_in: 0, result: 0x8000_0000, flags_out: N | V },
        // rsb r0, r1, #0 (negate)
        Arith { word: 0xe2610000, r1: 5, r2: 0, flags_in: 0, result: (-5i32) as u32, flags_out: 0 },
        // adc r0, r1, #0
        Arith { word: 0xe2a10000, r1: 5, r2: 0, flags_in: C, result: 6, flags_out: C },
        // sbc r0, r1, #0
        Arith { word: 0xe2c10000, r1: 5, r2: 0, flags_in: 0, result: 4, flags_out: 0 },
    ]);
}

/// A4.4.1: the compare and test instructions set flags and write nothing.
#[test]
#[rustfmt::skip]
fn compares_and_tests_set_flags_only() {
    check_arith(&[
        // cmp r1, r2
        Arith { word: 0xe1510002, r1: 1, r2: 2, flags_in: 0, result: 0, flags_out: N },
        Arith { word: 0xe1510002, r1: 2, r2: 2, flags_in: 0, result: 0, flags_out: Z | C },
        // cmn r1, r2
        Arith { word: 0xe1710002, r1: 1, r2: 0xffff_ffff, flags_in: 0, result: 0, flags_out: Z | C },
        // tst r1, r2: C and V unchanged (LSL #0)
        Arith { word: 0xe1110002, r1: 0xf0, r2: 0x0f, flags_in: C | V, result: 0, flags_out: Z | C | V },
        // teq r1, r2
        Arith { word: 0xe1310002, r1: 0x8000_0000, r2: 1, flags_in: 0, result: 0, flags_out: N },
        // cmp r1, #0
        Arith { word: 0xe3510000, r1: 0x8000_0000, r2: 0, flags_in: 0, result: 0, flags_out: N | C },
        // tst r1, #0x80000000: a rotated immediate sets C = bit 31
        Arith { word: 0xe3110102, r1: 0x8000_0000, r2: 0, flags_in: 0, result: 0, flags_out: N | C },
        // teq r1, r1
        Arith { word: 0xe1310001, r1: 0x1234, r2: 0, flags_in: N, result: 0, flags_out: Z },
    ]);
}

/// A5.2.4 ARMExpandImm_C: a rotated constant's carry is its bit 31; an
/// unrotated one leaves C alone.
#[test]
fn modified_immediate_carry() {
    // ands r0, r1, #0xff000000
    let cpu = arm1(0xe21104ff, &[0, 0x8f00_00ff], 0);
    assert_eq!(cpu.r[0], 0x8f00_0000);
    assert_eq!(flags(&cpu), N | C);
    // movs r0, #0x80000000 (2 ror 2)
    let cpu = arm1(0xe3b00102, &[], 0);
    assert_eq!(cpu.r[0], 0x8000_0000);
    assert_eq!(flags(&cpu), N | C);
    // movs r0, #0x3fc (0xff ror 30): rotated, bit 31 clear -> C cleared
    let cpu = arm1(0xe3b00fff, &[], C);
    assert_eq!(cpu.r[0], 0x3fc);
    assert_eq!(flags(&cpu), 0);
    // movs r0, #0x80 (no rotation): C kept
    let cpu = arm1(0xe3b00080, &[], C | V);
    assert_eq!(cpu.r[0], 0x80);
    assert_eq!(flags(&cpu), C | V);
}

/// A8.8 AND/EOR/ORR/BIC/MVN (register and immediate): results, and the
/// shifter carry for the S forms.
#[test]
fn logical_operations() {
    // ands r0, r1, r2, lsr #1: C = bit 0 of r2
    let cpu = arm1(0xe01100a2, &[0, 0xffff_ffff, 0x0000_0003], 0);
    assert_eq!((cpu.r[0], flags(&cpu)), (1, C));
    // eors r0, r1, r2
    let cpu = arm1(0xe0310002, &[0, 0xff00_ff00, 0xffff_0000], C);
    assert_eq!((cpu.r[0], flags(&cpu)), (0x00ff_ff00, C));
    // orrs r0, r1, r2, ror #8: C = bit 7 of r2
    let cpu = arm1(0xe1910462, &[0, 1, 0x0000_0080], 0);
    assert_eq!((cpu.r[0], flags(&cpu)), (0x8000_0001, N | C));
    // bics r0, r1, r2
    let cpu = arm1(0xe1d10002, &[0, 0xff, 0xff], 0);
    assert_eq!((cpu.r[0], flags(&cpu)), (0, Z));
    // mvns r0, r1
    let cpu = arm1(0xe1f00001, &[0, 0x0f0f_0f0f], 0);
    assert_eq!((cpu.r[0], flags(&cpu)), (0xf0f0_f0f0, N));
    // mvn r0, #0
    assert_eq!(arm1(0xe3e00000, &[], 0).r[0], 0xffff_ffff);
    // orr/bic/eor/and r0, r1, #255
    assert_eq!(arm1(0xe38100ff, &[0, 0x1200], 0).r[0], 0x12ff);
    assert_eq!(arm1(0xe3c100ff, &[0, 0x12ff], 0).r[0], 0x1200);
    assert_eq!(arm1(0xe22100ff, &[0, 0x120f], 0).r[0], 0x12f0);
    assert_eq!(arm1(0xe20100ff, &[0, 0x12f0], 0).r[0], 0xf0);
    // lsl r0, r1, #4 (no S): flags untouched
    let cpu = arm1(0xe1a00201, &[0, 0xf000_0001], Z);
    assert_eq!((cpu.r[0], flags(&cpu)), (0x10, Z));
}

/// A8.8 MOVW / MOVT: MOVT keeps the bottom half.
#[test]
fn movw_movt() {
    let (cpu, _, exit) = run_arm(
        &[
            0xe3010234, // movw r0, #0x1234
            0xe34a0bcd, // movt r0, #0xabcd
        ],
        2,
        |c, _| c.r[0] = 0xffff_ffff,
    );
    assert_eq!(exit, Exit::Limit);
    assert_eq!(cpu.r[0], 0xabcd_1234);
}

/// A2.3 "ARM core registers": reading PC in ARM state gives the
/// instruction's address + 8.
#[test]
fn pc_reads_as_address_plus_8() {
    let (cpu, _, _) = run_arm(
        &[
            0xe28f0000, // add r0, pc, #0
            0xe1a0100f, // mov r1, pc
            0xe08f2003, // add r2, pc, r3
        ],
        3,
        |c, _| c.r[3] = 0x100,
    );
    assert_eq!(cpu.r[0], CODE + 8);
    assert_eq!(cpu.r[1], CODE + 4 + 8);
    assert_eq!(cpu.r[2], CODE + 8 + 8 + 0x100);
}

/// A8.3 Conditional execution: every condition code against flag values;
/// a failed condition changes nothing but still retires (icount + 1).
#[test]
fn every_condition_code() {
    // (cond, flags that pass, flags that fail)
    let table: [(u32, u32, u32); 14] = [
        (0x0, Z, 0),             // EQ
        (0x1, 0, Z),             // NE
        (0x2, C, 0),             // CS
        (0x3, 0, C),             // CC
        (0x4, N, 0),             // MI
        (0x5, 0, N),             // PL
        (0x6, V, 0),             // VS
        (0x7, 0, V),             // VC
        (0x8, C, C | Z),         // HI
        (0x9, C | Z, C),         // LS
        (0xa, N | V, N),         // GE
        (0xb, V, N | V),         // LT
        (0xc, N | V, N | V | Z), // GT
        (0xd, Z, N | V),         // LE
    ];
    for (cond, pass, fail) in table {
        // add<cond> r0, r0, #1 (0x02800001 is addeq r0, r0, #1)
        let word = 0x0280_0001 | cond << 28;
        for (f, expect) in [(pass, 1), (fail, 0)] {
            let (cpu, _, exit) = run_arm(&[word], 1, |c, _| set_flags(c, f));
            assert_eq!(exit, Exit::Limit);
            assert_eq!(cpu.r[0], expect, "cond {cond:#x} flags {f:#x}");
            assert_eq!(cpu.icount, 1, "a failed condition still retires");
            assert_eq!(cpu.r[15], CODE + 4);
            assert_eq!(flags(&cpu), f);
        }
    }
}

/// A failed flag-setting instruction must not set flags (A8.3), and a
/// run of failed ones counts each.
#[test]
fn failed_conditions_count_and_keep_flags() {
    let (cpu, _, exit) = run_arm(
        &[
            0x00510002, // subseq r0, r1, r2
            0x10910002, // addsne r0, r1, r2 -> runs (Z clear)
            0x00810002, // addeq r0, r1, r2 (Z clear after adds) -> skipped
        ],
        3,
        |c, _| {
            c.r[1] = 1;
            c.r[2] = 1;
            c.r[0] = 77;
        },
    );
    assert_eq!(exit, Exit::Limit);
    assert_eq!(cpu.icount, 3);
    assert_eq!(cpu.r[0], 2);
    assert_eq!(flags(&cpu), 0);
}

/// A2.3.1 ALUWritePC: a data-processing write to PC branches; in ARM
/// state it interworks like BX (bit 0 selects Thumb).
#[test]
fn alu_write_pc_branches_and_interworks() {
    // add pc, pc, #4 jumps over one instruction (target = pc+8+4)
    let (cpu, _, _) = run_arm(
        &[
            0xe28ff004, // add pc, pc, #4
            0xe3a00001, // mov r0, #1 (skipped)
            0xe3a00002, // mov r0, #2 (skipped)
            0xe3a01003, // mov r1, #3
        ],
        2,
        |_, _| {},
    );
    assert_eq!(cpu.r[0], 0);
    assert_eq!(cpu.r[1], 3);
    assert_eq!(cpu.r[15], CODE + 16);

    // mov pc, lr with lr odd: enters Thumb at lr & ~1
    let (cpu, _, exit) = run_arm(&[0xe1a0f00e], 1, |c, _| c.r[14] = CODE2 | 1); // mov pc, lr
    assert_eq!(exit, Exit::Limit);
    assert!(cpu.thumb);
    assert_eq!(cpu.r[15], CODE2);
}
