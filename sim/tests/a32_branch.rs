//! A32 branches (ARM ARM A4.3 "Branch instructions"; A8.8 B, BL/BLX
//! (immediate), BLX (register), BX) and interworking (A2.3.1 BXWritePC).

mod common;
use common::*;
use sim::interp::Exit;

/// A8.8 B: the offset is relative to the instruction + 8.
#[test]
fn b_forward_skips() {
    let (cpu, _, exit) = run_arm(
        &[
            0xea000000, // b +8 (to CODE + 8)
            0xe3a00001, // mov r0, #1 (skipped)
            0xe3a01002, // mov r1, #2
        ],
        2,
        |_, _| {},
    );
    assert_eq!(exit, Exit::Limit);
    assert_eq!((cpu.r[0], cpu.r[1]), (0, 2));
    assert_eq!(cpu.r[15], CODE + 12);
    assert_eq!(cpu.icount, 2);
}

/// A branch to itself runs exactly as many times as the limit allows.
#[test]
fn branch_to_self_honours_limit_exactly() {
    let mut m = Machine::arm(&[0xeafffffe]); // b .
    assert_eq!(m.run(1000), Exit::Limit);
    assert_eq!(m.cpu.icount, 1000);
    assert_eq!(m.cpu.r[15], CODE);
    assert_eq!(m.run(1), Exit::Limit);
    assert_eq!(m.cpu.icount, 1001);
}

/// A backward conditional branch: a counted loop retires exactly
/// 1 + 5 * 3 + 1 instructions.
#[test]
fn counted_loop() {
    let code = [
        0xe3a00000, // 0: mov r0, #0
        0xe2800001, // 4: add r0, r0, #1
        0xe3500005, // 8: cmp r0, #5
        0x1afffffc, // c: bne 4
        0xe3a01007, // 10: mov r1, #7
    ];
    let (cpu, _, exit) = run_arm(&code, 17, |_, _| {});
    assert_eq!(exit, Exit::Limit);
    assert_eq!((cpu.r[0], cpu.r[1]), (5, 7));
    assert_eq!(cpu.r[15], CODE + 0x14);
    // Stopping mid-loop leaves PC at the next instruction to run.
    let (cpu, _, _) = run_arm(&code, 6, |_, _| {});
    assert_eq!((cpu.r[0], cpu.r[15]), (2, CODE + 0xc));
}

/// A8.8 BL: LR = the next instruction; a failed BLEQ changes neither LR
/// nor PC beyond the fall-through, and still counts.
#[test]
fn bl_and_conditional_bl() {
    let code = [
        0xeb000000, // 0: bl 8
        0xe320f000, // 4: nop
        0xe320f000, // 8: nop
        0x0bfffffd, // c: bleq 8
    ];
    let (cpu, _, _) = run_arm(&code, 1, |_, _| {});
    assert_eq!((cpu.r[14], cpu.r[15]), (CODE + 4, CODE + 8));
    // bl, nop, bleq (Z clear: not taken)
    let (cpu, _, _) = run_arm(&code, 3, |_, _| {});
    assert_eq!(
        (cpu.r[14], cpu.r[15], cpu.icount),
        (CODE + 4, CODE + 0x10, 3)
    );
    // ... and with Z set it is taken and links
    let (cpu, _, _) = run_arm(&code, 3, |c, _| set_flags(c, Z));
    assert_eq!((cpu.r[14], cpu.r[15]), (CODE + 0x10, CODE + 8));
}

/// A8.8 BL, BLX (immediate) from ARM: switches to Thumb; H supplies
/// bit 1 of the target.
#[test]
fn blx_immediate_to_thumb() {
    // blx CODE+0x10 (H = 0)
    let (cpu, _, _) = run_arm(&[0xfa000002], 1, |_, _| {});
    assert!(cpu.thumb);
    assert_eq!((cpu.r[15], cpu.r[14]), (CODE + 0x10, CODE + 4));
    // blx CODE+0x12 (H = 1)
    let (cpu, _, _) = run_arm(&[0xfb000002], 1, |_, _| {});
    assert!(cpu.thumb);
    assert_eq!(cpu.r[15], CODE + 0x12);
}

/// A8.8 BX / BLX (register): bit 0 of Rm selects Thumb; BLX links to the
/// next ARM instruction (bit 0 clear).
#[test]
fn bx_and_blx_register() {
    // blx r2
    let (cpu, _, _) = run_arm(&[0xe12fff32], 1, |c, _| c.r[2] = CODE2 | 1);
    assert!(cpu.thumb);
    assert_eq!((cpu.r[15], cpu.r[14]), (CODE2, CODE + 4));
    // bx r2 to ARM code
    let (cpu, _, _) = run_arm(&[0xe12fff12], 1, |c, _| c.r[2] = CODE2);
    assert!(!cpu.thumb);
    assert_eq!(cpu.r[15], CODE2);
}

/// Interworking round trip: ARM BLX to a Thumb routine, which returns
/// with BX LR into ARM state.
#[test]
fn arm_thumb_round_trip() {
    let mut m = Machine::arm(&[
        0xe12fff32, // blx r2
        0xe3a01001, // mov r1, #1
    ]);
    m.load_thumb(
        CODE2,
        &[
            0x2005, // movs r0, #5
            0x4770, // bx lr
        ],
    );
    m.cpu.r[2] = CODE2 | 1;
    assert_eq!(m.run(4), Exit::Limit);
    assert!(!m.cpu.thumb);
    assert_eq!((m.cpu.r[0], m.cpu.r[1], m.cpu.r[15]), (5, 1, CODE + 8));
}
