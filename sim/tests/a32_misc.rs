//! A32 miscellaneous instructions: byte/bit reversal, bitfields, extends
//! (ARM ARM A4.4.6 "Packing and unpacking"), saturation (A4.4.4, A4.4.5),
//! status register access (A2.4 APSR; A8.8 MRS, MSR), CP15 thread ID
//! registers (B4.1.150-152), exception-generating instructions (SVC,
//! BKPT, UDF), fetch faults, and self-modifying code.

mod common;
use common::*;
use sim::interp::Exit;
use sim::memory::{Access, Fault};

fn r0_of(word: u32, regs: &[u32]) -> u32 {
    let mut r = vec![0];
    r.extend_from_slice(regs);
    arm1(word, &r, 0).r[0]
}

/// Runs one instruction with r0 = `r0`, r1, r2; returns (r0, Q).
fn sat_of(word: u32, r1: u32, r2: u32) -> (u32, u32) {
    let cpu = arm1(word, &[0, r1, r2], 0);
    (cpu.r[0], cpu.q)
}

/// A8.8 REV, REV16, REVSH, RBIT, CLZ.
#[test]
fn reversal_and_count_leading_zeros() {
    assert_eq!(r0_of(0xe6bf0f31, &[0x1234_5678]), 0x7856_3412); // rev r0, r1
    assert_eq!(r0_of(0xe6bf0fb1, &[0x1234_5678]), 0x3412_7856); // rev16 r0, r1
    assert_eq!(r0_of(0xe6ff0fb1, &[0x1234_5680]), 0xffff_8056); // revsh r0, r1
    assert_eq!(r0_of(0xe6ff0fb1, &[0x1234_1234]), 0x0000_3412); // revsh r0, r1
    assert_eq!(r0_of(0xe6ff0f31, &[0x0000_0001]), 0x8000_0000); // rbit r0, r1
    assert_eq!(r0_of(0xe6ff0f31, &[0x1234_5678]), 0x1e6a_2c48); // rbit r0, r1
    assert_eq!(r0_of(0xe16f0f11, &[0]), 32); // clz r0, r1
    assert_eq!(r0_of(0xe16f0f11, &[1]), 31);
    assert_eq!(r0_of(0xe16f0f11, &[0x8000_0000]), 0);
    assert_eq!(r0_of(0xe16f0f11, &[0x0001_ffff]), 15);
}

/// A8.8 UBFX, SBFX, BFI, BFC, including full-width fields.
#[test]
fn bitfields() {
    assert_eq!(r0_of(0xe7e70251, &[0x1234_5678]), 0x67); // ubfx r0, r1, #4, #8
    assert_eq!(r0_of(0xe7a70251, &[0x0000_0f80]), 0xffff_fff8); // sbfx r0, r1, #4, #8
    assert_eq!(r0_of(0xe7a70251, &[0x0000_07f0]), 0x7f); // sbfx, positive field
    assert_eq!(r0_of(0xe7ff0051, &[0x8765_4321]), 0x8765_4321); // ubfx r0, r1, #0, #32
    assert_eq!(r0_of(0xe7a00fd1, &[0x8000_0000]), 0xffff_ffff); // sbfx r0, r1, #31, #1
                                                                // bfi r0, r1, #8, #4: only r1[3:0] is inserted
    assert_eq!(arm1(0xe7cb0411, &[0xffff_ffff, 0x35], 0).r[0], 0xffff_f5ff);
    // bfc r0, #4, #24
    assert_eq!(arm1(0xe7db021f, &[0xffff_ffff], 0).r[0], 0xf000_000f);
    // bfi r0, r1, #0, #32
    assert_eq!(
        arm1(0xe7df0011, &[0xffff_ffff, 0x1234_5678], 0).r[0],
        0x1234_5678
    );
}

/// A8.8 SXTB/SXTH/UXTB/UXTH and the add forms SXTAB/SXTAH/UXTAB/UXTAH,
/// with the rotation applied before extension.
#[test]
fn extends_with_rotation() {
    assert_eq!(r0_of(0xe6af0071, &[0x0000_0080]), 0xffff_ff80); // sxtb r0, r1
    assert_eq!(r0_of(0xe6bf0071, &[0x0001_8000]), 0xffff_8000); // sxth r0, r1
    assert_eq!(r0_of(0xe6ef0071, &[0x1234_5678]), 0x78); // uxtb r0, r1
    assert_eq!(r0_of(0xe6ff0071, &[0x1234_5678]), 0x5678); // uxth r0, r1
    assert_eq!(r0_of(0xe6af0471, &[0x0000_8000]), 0xffff_ff80); // sxtb r0, r1, ror #8
    assert_eq!(r0_of(0xe6ff0c71, &[0x1234_5678]), 0x7812); // uxth r0, r1, ror #24
                                                           // sxtab r0, r2, r1, ror #16
    assert_eq!(r0_of(0xe6a20871, &[0x00ff_0000, 100]), 99);
    // sxtah r0, r2, r1
    assert_eq!(r0_of(0xe6b20071, &[0xffff_8000, 100]), (-32668i32) as u32);
    // uxtab r0, r2, r1, ror #24
    assert_eq!(r0_of(0xe6e20c71, &[0x1234_5678, 100]), 0x12 + 100);
    // uxtah r0, r2, r1, ror #8
    assert_eq!(r0_of(0xe6f20471, &[0x1234_5678, 100]), 0x3456 + 100);
}

/// A8.8 SXTB16/UXTB16/SXTAB16/UXTAB16: bytes 0 and 2, per halfword.
#[test]
fn dual_byte_extends() {
    assert_eq!(r0_of(0xe68f0071, &[0x127f_3480]), 0x007f_ff80); // sxtb16 r0, r1
    assert_eq!(r0_of(0xe6cf0471, &[0x1122_3344]), 0x0011_0033); // uxtb16 r0, r1, ror #8
                                                                // sxtab16 r0, r2, r1: halfword lanes, no carry between them
    assert_eq!(r0_of(0xe6820071, &[0x00ff_00fe, 0x0001_0001]), 0x0000_ffff);
    // uxtab16 r0, r2, r1
    assert_eq!(r0_of(0xe6c20071, &[0x00ff_00fe, 0xffff_0001]), 0x00fe_00ff);
}

/// A8.8 SSAT/USAT (with optional shift) set Q when they saturate; A2.4:
/// Q is sticky.
#[test]
fn ssat_usat() {
    let ssat8 = 0xe6a70011; // ssat r0, #8, r1
    assert_eq!(sat_of(ssat8, 200, 0), (127, 1));
    assert_eq!(sat_of(ssat8, (-200i32) as u32, 0), (0xffff_ff80, 1));
    assert_eq!(sat_of(ssat8, 100, 0), (100, 0));
    assert_eq!(sat_of(ssat8, (-128i32) as u32, 0), (0xffff_ff80, 0));
    // ssat r0, #16, r1, lsl #4
    assert_eq!(sat_of(0xe6af0211, 0x1000, 0), (0x7fff, 1));
    assert_eq!(sat_of(0xe6af0211, 0x100, 0), (0x1000, 0));
    // ssat r0, #1, r1: range -1..0
    assert_eq!(sat_of(0xe6a00011, 1, 0), (0, 1));
    assert_eq!(sat_of(0xe6a00011, (-5i32) as u32, 0), (0xffff_ffff, 1));
    // ssat r0, #32, r1, asr #4: never saturates
    assert_eq!(sat_of(0xe6bf0251, 0x8000_0000, 0), (0xf800_0000, 0));
    let usat8 = 0xe6e80011; // usat r0, #8, r1
    assert_eq!(sat_of(usat8, 300, 0), (255, 1));
    assert_eq!(sat_of(usat8, 0xffff_ffff, 0), (0, 1));
    assert_eq!(sat_of(usat8, 200, 0), (200, 0));
    // usat r0, #0, r1: everything but 0 saturates
    assert_eq!(sat_of(0xe6e00011, 5, 0), (0, 1));
    assert_eq!(sat_of(0xe6e00011, 0, 0), (0, 0));
    // usat r0, #31, r1, asr #1
    assert_eq!(sat_of(0xe6ff00d1, 0xffff_ffff, 0), (0, 1));
    assert_eq!(sat_of(0xe6ff00d1, 0x7fff_ffff, 0), (0x3fff_ffff, 0));
    // Q stays set when nothing saturates
    let cpu = arm1(usat8, &[0, 1], Q);
    assert_eq!((cpu.r[0], flags(&cpu)), (1, Q));
}

/// A8.8 SSAT16/USAT16: each halfword saturated separately.
#[test]
fn ssat16_usat16() {
    // ssat16 r0, #8, r1
    assert_eq!(sat_of(0xe6a70f31, 0x0100_ff00, 0), (0x007f_ff80, 1));
    assert_eq!(sat_of(0xe6a70f31, 0x007f_ff80, 0), (0x007f_ff80, 0));
    // usat16 r0, #4, r1
    assert_eq!(sat_of(0xe6e40f31, 0x0010_fff0, 0), (0x000f_0000, 1));
    assert_eq!(sat_of(0xe6e40f31, 0x0005_000f, 0), (0x0005_000f, 0));
}

/// A8.8 QADD/QSUB/QDADD/QDSUB: Rd = Rm op Rn (here Rm = r1, Rn = r2),
/// signed saturation, Q set on any saturation including the doubling.
#[test]
fn saturating_add_subtract() {
    let (qadd, qsub, qdadd, qdsub) = (0xe1020051, 0xe1220051, 0xe1420051, 0xe1620051);
    assert_eq!(sat_of(qadd, 1, 2), (3, 0));
    assert_eq!(sat_of(qadd, 0x7fff_ffff, 1), (0x7fff_ffff, 1));
    assert_eq!(sat_of(qadd, 0x8000_0000, 0xffff_ffff), (0x8000_0000, 1));
    assert_eq!(sat_of(qsub, 5, 7), ((-2i32) as u32, 0));
    assert_eq!(sat_of(qsub, 0x8000_0000, 1), (0x8000_0000, 1));
    assert_eq!(sat_of(qsub, 0x7fff_ffff, 0xffff_ffff), (0x7fff_ffff, 1));
    // qdadd: r1 + sat(2 * r2)
    assert_eq!(sat_of(qdadd, 1, 0x100), (0x201, 0));
    assert_eq!(sat_of(qdadd, 0, 0x4000_0000), (0x7fff_ffff, 1));
    assert_eq!(sat_of(qdadd, (-1i32) as u32, 0x4000_0000), (0x7fff_fffe, 1));
    // qdsub: r1 - sat(2 * r2); the doubling fits, the subtraction does not
    assert_eq!(sat_of(qdsub, 0, 0xc000_0000), (0x7fff_ffff, 1));
    assert_eq!(sat_of(qdsub, 10, 3), (4, 0));
}

/// A8.8 MRS / MSR (register and immediate) on the APSR: NZCVQ through
/// the `nzcvq` field, GE through `g`.
#[test]
fn mrs_msr_apsr() {
    // mrs r0, apsr
    let (cpu, _, _) = run_arm(&[0xe10f0000], 1, |c, _| {
        set_flags(c, N | C | Q);
        c.ge = 0b1010;
    });
    // B9.3.9: in User mode the mode bits (0b10000) read back; T/IT/J are 0.
    assert_eq!(cpu.r[0], 0xa80a_0010);
    // msr apsr_nzcvq, r1: GE untouched
    let (cpu, _, _) = run_arm(&[0xe128f001], 1, |c, _| {
        c.r[1] = 0xf80f_0000;
        c.ge = 0b0011;
    });
    assert_eq!((flags(&cpu), cpu.ge), (NZCVQ, 0b0011));
    // msr apsr_g, r1: flags untouched
    let (cpu, _, _) = run_arm(&[0xe124f001], 1, |c, _| {
        c.r[1] = 0xf80c_0000;
        set_flags(c, Z);
    });
    assert_eq!((flags(&cpu), cpu.ge), (Z, 0b1100));
    // msr apsr_nzcvqg, r1
    let (cpu, _, _) = run_arm(&[0xe12cf001], 1, |c, _| c.r[1] = 0x4805_0000);
    assert_eq!((flags(&cpu), cpu.ge), (Z | Q, 0b0101));
    // msr apsr_nzcvq, #0xf0000000: clears Q
    let (cpu, _, _) = run_arm(&[0xe328f20f], 1, |c, _| set_flags(c, Q));
    assert_eq!(flags(&cpu), N | Z | C | V);
}

/// B4.1.150-152: user mode reads TPIDRURO and reads/writes TPIDRURW
/// through CP15 c13; writing TPIDRURO or reading anything else is
/// UNDEFINED at PL0.
#[test]
fn cp15_thread_id_registers() {
    // mrc p15, 0, r0, c13, c0, 3
    let (cpu, _, _) = run_arm(&[0xee1d0f70], 1, |c, _| c.tpidruro = 0xdead_beef);
    assert_eq!(cpu.r[0], 0xdead_beef);
    // mcr p15, 0, r1, c13, c0, 2 ; mrc p15, 0, r0, c13, c0, 2
    let (cpu, _, _) = run_arm(&[0xee0d1f50, 0xee1d0f50], 2, |c, _| c.r[1] = 0x1234);
    assert_eq!((cpu.tpidrurw, cpu.r[0]), (0x1234, 0x1234));
    // mcr p15, 0, r1, c13, c0, 3
    let (cpu, _, exit) = run_arm(&[0xee0d1f70], 1, |c, _| c.r[1] = 0x1234);
    assert_eq!(
        exit,
        Exit::Undefined {
            pc: CODE,
            thumb: false,
            raw: 0xee0d1f70,
            len: 4
        }
    );
    assert_eq!(cpu.tpidruro, 0);
    // mrc p15, 0, APSR_nzcv, c13, c0, 3: the top four bits become NZCV,
    // Q is not touched
    let (cpu, _, _) = run_arm(&[0xee1dff70], 1, |c, _| {
        c.tpidruro = 0x9000_0000;
        set_flags(c, Z | Q);
    });
    assert_eq!(flags(&cpu), N | V | Q);
    // mrc p15, 0, r0, c0, c0, 0 (MIDR)
    let (_, _, exit) = run_arm(&[0xee100f10], 1, |_, _| {});
    assert!(matches!(exit, Exit::Undefined { pc: CODE, .. }));
}

/// A8.8 SVC: the instruction retires, PC is past it, and the immediate is
/// reported; execution resumes after it.
#[test]
fn svc_exits_after_the_instruction() {
    let mut m = Machine::arm(&[
        0xe3a00001, // mov r0, #1
        0xef000000, // svc #0
        0xef123456, // svc #0x123456
        0xe3a00002, // mov r0, #2
    ]);
    assert_eq!(m.run(10), Exit::Svc(0));
    assert_eq!((m.cpu.r[15], m.cpu.icount, m.cpu.r[0]), (CODE + 8, 2, 1));
    assert_eq!(m.run(10), Exit::Svc(0x123456));
    assert_eq!((m.cpu.r[15], m.cpu.icount), (CODE + 12, 3));
    assert_eq!(m.run(1), Exit::Limit);
    assert_eq!(m.cpu.r[0], 2);
    // A conditional SVC that fails is just a retired instruction.
    let (cpu, _, exit) = run_arm(&[0x0f000000], 1, |_, _| {}); // svceq #0
    assert_eq!((exit, cpu.r[15], cpu.icount), (Exit::Limit, CODE + 4, 1));
}

/// A8.8 BKPT: reported with PC at the instruction, not retired.
#[test]
fn bkpt_exits_at_the_instruction() {
    let (cpu, _, exit) = run_arm(&[0xe3a00001, 0xe1212374], 5, |_, _| {}); // mov; bkpt #0x1234
    assert_eq!(exit, Exit::Bkpt(0x1234));
    assert_eq!((cpu.r[15], cpu.icount), (CODE + 4, 1));
}

/// A8.8 UDF and unallocated encodings (A5.4 media space, op1 = 000)
/// raise UNDEFINED with PC at the instruction.
#[test]
fn undefined_instructions() {
    for word in [
        0xe7fabcfd, // udf #0xabcd
        0xe7f000f0, // udf #0
        0xe6000010, // unallocated parallel add/subtract opcode
    ] {
        let (cpu, _, exit) = run_arm(&[0xe3a00001, word], 5, |_, _| {});
        assert_eq!(
            exit,
            Exit::Undefined {
                pc: CODE + 4,
                thumb: false,
                raw: word,
                len: 4
            },
            "{word:#010x}"
        );
        assert_eq!((cpu.r[15], cpu.icount, cpu.r[0]), (CODE + 4, 1, 1));
    }
}

/// Hints and barriers are no-ops that retire (A8.8 NOP, DMB, DSB, ISB, PLD).
#[test]
fn hints_and_barriers() {
    let code = [
        0xe320f000, // nop
        0xf57ff05b, // dmb ish
        0xf57ff04f, // dsb sy
        0xf57ff06f, // isb sy
        0xf5d1f000, // pld [r1]
    ];
    let (cpu, _, exit) = run_arm(&code, 5, |c, _| c.r[1] = UNMAPPED);
    assert_eq!((exit, cpu.r[15], cpu.icount), (Exit::Limit, CODE + 20, 5));
}

/// Fetching from an unmapped or non-executable page is a prefetch
/// abort: reported with PC at the address, nothing retired.
#[test]
fn fetch_faults() {
    let mut m = Machine::new();
    m.cpu.r[15] = UNMAPPED;
    assert_eq!(
        m.run(1),
        Exit::Fault {
            pc: UNMAPPED,
            fault: Fault {
                addr: UNMAPPED,
                access: Access::Exec
            }
        }
    );
    assert_eq!(m.cpu.icount, 0);
    // Branching there retires the branch, then faults.
    let (cpu, _, exit) = run_arm(&[0xe12fff10], 5, |c, _| c.r[0] = DATA); // bx r0
    assert_eq!(
        exit,
        Exit::Fault {
            pc: DATA,
            fault: Fault {
                addr: DATA,
                access: Access::Exec
            }
        }
    );
    assert_eq!((cpu.r[15], cpu.icount), (DATA, 1));
    // Running off the end of the code into unmapped memory.
    let mut m = Machine::new();
    m.cpu.r[15] = CODE2 + 0xffc;
    m.load_arm(CODE2 + 0xffc, &[0xe3a00001]); // mov r0, #1
    assert_eq!(
        m.run(5),
        Exit::Fault {
            pc: CODE2 + 0x1000,
            fault: Fault {
                addr: CODE2 + 0x1000,
                access: Access::Exec
            }
        }
    );
    assert_eq!((m.cpu.r[0], m.cpu.icount), (1, 1));
}

/// Self-modifying code: a store over an instruction of a block that has
/// already run must take effect the next time that block runs (the
/// interpreter invalidates blocks on code-page writes).
#[test]
fn store_over_executed_block_takes_effect() {
    let mut m = Machine::arm(&[
        0xe2844001, // 0: add r4, r4, #1  <- patched to add r4, r4, #16
        0xe2555001, // 4: subs r5, r5, #1
        0x0a000001, // 8: beq 0x14
        0xe5830000, // c: str r0, [r3]
        0xeafffffa, // 10: b 0
        0xe320f000, // 14: nop
    ]);
    m.cpu.r[0] = 0xe2844010; // add r4, r4, #16
    m.cpu.r[3] = CODE;
    m.cpu.r[5] = 3;
    assert_eq!(m.run(13), Exit::Limit);
    assert_eq!(m.cpu.r[4], 1 + 16 + 16);
    assert_eq!(m.cpu.r[15], CODE + 0x14);
    assert!(m.interp.stats.invalidations > 0);
}

/// A store over the very next instruction of the running block: the
/// interpreter leaves the block after a code-page store, so the new
/// instruction is the one that runs.
#[test]
fn store_over_next_instruction_in_same_block() {
    let mut m = Machine::arm(&[
        0xe5830000, // str r0, [r3]
        0xe3a01001, // mov r1, #1  <- patched to mov r1, #2
    ]);
    m.cpu.r[0] = 0xe3a01002; // mov r1, #2
    m.cpu.r[3] = CODE + 4;
    assert_eq!(m.run(2), Exit::Limit);
    assert_eq!(m.cpu.r[1], 2);
    assert_eq!(m.cpu.icount, 2);
}

/// Guest memory written from outside the interpreter between two runs
/// (a system call such as read() filling a JIT buffer) over code that has
/// already been decoded: the next run must execute the new code.
#[test]
fn host_write_over_decoded_code_takes_effect() {
    let mut m = Machine::arm(&[
        0xe3a01001, // mov r1, #1
        0xeafffffd, // b .-4 (back to the mov)
    ]);
    assert_eq!(m.run(2), Exit::Limit);
    assert_eq!((m.cpu.r[1], m.cpu.r[15]), (1, CODE));
    // mov r1, #2, written the way a system call writes guest memory
    m.mem
        .write_bytes(CODE, &0xe3a01002u32.to_le_bytes())
        .unwrap();
    assert_eq!(m.run(1), Exit::Limit);
    assert_eq!(m.cpu.r[1], 2);
}
