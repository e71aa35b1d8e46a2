//! A32 loads and stores: every addressing mode of LDR/STR and the extra
//! load/store forms (ARM ARM A5.3, A5.2.8, A8.5 "Memory accesses"),
//! LDRD/STRD, LDM/STM (A8.8 LDM/LDMDA/LDMDB/LDMIB, STM...), PUSH/POP,
//! the exclusives (A3.4 "Synchronization and semaphores") and precise
//! data faults.

mod common;
use common::*;
use sim::cpu::CpuState;
use sim::interp::Exit;
use sim::memory::{perm, Access, Fault, GuestMemory};

/// Runs one load/store with r0..r4 preset over a filled data page.
fn ldst1(word: u32, regs: &[u32]) -> (CpuState, GuestMemory) {
    let (cpu, mem, exit) = run_arm(&[word], 1, |c, m| {
        fill(m);
        c.r[..regs.len()].copy_from_slice(regs);
    });
    assert_eq!(exit, Exit::Limit, "{word:#010x}");
    (cpu, mem)
}

/// A8.8 LDR (immediate, ARM): offset, pre-indexed and post-indexed, with
/// the base written back only for the last two.
#[test]
fn ldr_immediate_addressing_modes() {
    let b = DATA + 0x40;
    // ldr r0, [r1]
    let (cpu, _) = ldst1(0xe5910000, &[0, b]);
    assert_eq!((cpu.r[0], cpu.r[1]), (pattern(0x40), b));
    // ldr r0, [r1, #4]
    let (cpu, _) = ldst1(0xe5910004, &[0, b]);
    assert_eq!((cpu.r[0], cpu.r[1]), (pattern(0x44), b));
    // ldr r0, [r1, #-4]
    let (cpu, _) = ldst1(0xe5110004, &[0, b]);
    assert_eq!((cpu.r[0], cpu.r[1]), (pattern(0x3c), b));
    // ldr r0, [r1, #8]!
    let (cpu, _) = ldst1(0xe5b10008, &[0, b]);
    assert_eq!((cpu.r[0], cpu.r[1]), (pattern(0x48), b + 8));
    // ldr r0, [r1], #-8
    let (cpu, _) = ldst1(0xe4110008, &[0, b]);
    assert_eq!((cpu.r[0], cpu.r[1]), (pattern(0x40), b - 8));
    // ldrbt r0, [r1], #1 (user mode: an ordinary post-indexed LDRB)
    let (cpu, _) = ldst1(0xe4f10001, &[0, b]);
    assert_eq!((cpu.r[0], cpu.r[1]), (0x40, b + 1));
}

/// A8.8 LDR (register, ARM): added or subtracted register offsets, with
/// every immediate shift including LSR #32 and RRX.
#[test]
fn ldr_register_offsets_with_shifts() {
    let b = DATA + 0x40;
    // ldr r0, [r1, r2]
    let (cpu, _) = ldst1(0xe7910002, &[0, b, 8]);
    assert_eq!((cpu.r[0], cpu.r[1]), (pattern(0x48), b));
    // ldr r0, [r1, -r2]
    let (cpu, _) = ldst1(0xe7110002, &[0, b, 8]);
    assert_eq!(cpu.r[0], pattern(0x38));
    // ldr r0, [r1, r2, lsl #2]
    let (cpu, _) = ldst1(0xe7910102, &[0, b, 3]);
    assert_eq!(cpu.r[0], pattern(0x4c));
    // ldr r0, [r1, -r2, lsl #2]!
    let (cpu, _) = ldst1(0xe7310102, &[0, b, 3]);
    assert_eq!((cpu.r[0], cpu.r[1]), (pattern(0x34), b - 12));
    // ldr r0, [r1], r2, lsl #1
    let (cpu, _) = ldst1(0xe6910082, &[0, b, 6]);
    assert_eq!((cpu.r[0], cpu.r[1]), (pattern(0x40), b + 12));
    // ldr r0, [r1, r2, asr #1]: -16 >> 1 = -8
    let (cpu, _) = ldst1(0xe79100c2, &[0, b, (-16i32) as u32]);
    assert_eq!(cpu.r[0], pattern(0x38));
    // ldr r0, [r1, r2, lsr #32]: the offset is 0
    let (cpu, _) = ldst1(0xe7910022, &[0, b, 0xffff_fff0]);
    assert_eq!(cpu.r[0], pattern(0x40));
    // ldr r0, [r1, r2, rrx]: C enters bit 31 (0 here), 0x10 >> 1 = 8
    let (cpu, _) = ldst1(0xe7910062, &[0, b, 0x10]);
    assert_eq!(cpu.r[0], pattern(0x48));
}

/// RRX in an address offset uses the carry flag (A8.4.3 Shift_C).
#[test]
fn ldr_rrx_offset_uses_carry() {
    // ldr r0, [r1, r2, rrx] with C set: offset 0x80000000 + (r2 >> 1)
    let (cpu, _, exit) = run_arm(&[0xe7910062], 1, |c, m| {
        fill(m);
        set_flags(c, C);
        c.r[1] = DATA.wrapping_sub(0x8000_0000) + 0x40;
        c.r[2] = 0x10;
    });
    assert_eq!(exit, Exit::Limit);
    assert_eq!(cpu.r[0], pattern(0x48));
}

/// A8.8 LDR (literal): the base is Align(PC, 4) = instruction + 8.
#[test]
fn ldr_literal() {
    let (cpu, _, _) = run_arm(
        &[
            0xe59f0004, // ldr r0, [pc, #4]
            0xe51f100c, // ldr r1, [pc, #-12]
            0x1111_1111,
            0x2222_2222,
        ],
        2,
        |_, _| {},
    );
    assert_eq!(cpu.r[0], 0x2222_2222);
    // The second load reads CODE + 4 + 8 - 12 = CODE: the first instruction.
    assert_eq!(cpu.r[1], 0xe59f0004);
}

/// A8.8 LDRB/LDRH/LDRSB/LDRSH/STRB/STRH: widths, sign extension, and the
/// extra load/store addressing modes.
#[test]
fn byte_and_halfword_loads_and_stores() {
    let b = DATA + 0x80; // bytes 0x80.. have the sign bit set
                         // ldrb r0, [r1, #3]
    assert_eq!(ldst1(0xe5d10003, &[0, b]).0.r[0], 0x83);
    // ldrb r0, [r1], #1
    let (cpu, _) = ldst1(0xe4d10001, &[0, b]);
    assert_eq!((cpu.r[0], cpu.r[1]), (0x80, b + 1));
    // ldrh r0, [r1, #2]
    assert_eq!(ldst1(0xe1d100b2, &[0, b]).0.r[0], 0x8382);
    // ldrh r0, [r1, -r2]
    assert_eq!(ldst1(0xe11100b2, &[0, b, 0x10]).0.r[0], 0x7170);
    // ldrsh r0, [r1, #-2]!
    let (cpu, _) = ldst1(0xe17100f2, &[0, b + 4]);
    assert_eq!((cpu.r[0], cpu.r[1]), (0xffff_8382, b + 2));
    // ldrsb r0, [r1], #1
    let (cpu, _) = ldst1(0xe0d100d1, &[0, b]);
    assert_eq!((cpu.r[0], cpu.r[1]), (0xffff_ff80, b + 1));
    // ldrsb r0, [r1, r2]: positive byte stays positive
    assert_eq!(ldst1(0xe19100d2, &[0, DATA, 0x7f]).0.r[0], 0x7f);
    // ldrsh r0, [r1, r2]!
    let (cpu, _) = ldst1(0xe1b100f2, &[0, DATA, 0x90]);
    assert_eq!((cpu.r[0], cpu.r[1]), (0xffff_9190, DATA + 0x90));
    // strb r0, [r1, #-1]!: only the low byte is stored
    let (cpu, mem) = ldst1(0xe5610001, &[0xaabb_ccdd, b]);
    assert_eq!(cpu.r[1], b - 1);
    assert_eq!(mem.read_u32(b - 4).unwrap(), 0xdd7e_7d7c);
    assert_eq!(mem.read_u8(b).unwrap(), 0x80);
    // strh r0, [r1], #2
    let (cpu, mem) = ldst1(0xe0c100b2, &[0xaabb_ccdd, b]);
    assert_eq!(cpu.r[1], b + 2);
    assert_eq!(mem.read_u32(b).unwrap(), 0x8382_ccdd);
    // strh r0, [r1, r2]
    let (_, mem) = ldst1(0xe18100b2, &[0x1234_5678, DATA, 0x20]);
    assert_eq!(mem.read_u32(DATA + 0x20).unwrap(), 0x2322_5678);
}

/// A8.8 STR (immediate/register, ARM) with write-back; STR of PC stores
/// PC + 8 (A2.3.1 PCStoreValue).
#[test]
fn str_addressing_modes() {
    let b = DATA + 0x40;
    // str r0, [r1, #4]!
    let (cpu, mem) = ldst1(0xe5a10004, &[0xcafe_f00d, b]);
    assert_eq!(
        (mem.read_u32(b + 4).unwrap(), cpu.r[1]),
        (0xcafe_f00d, b + 4)
    );
    // str r0, [r1], #4
    let (cpu, mem) = ldst1(0xe4810004, &[0xcafe_f00d, b]);
    assert_eq!((mem.read_u32(b).unwrap(), cpu.r[1]), (0xcafe_f00d, b + 4));
    // str r0, [r1, -r2, lsl #3]
    let (cpu, mem) = ldst1(0xe7010182, &[0xcafe_f00d, b, 2]);
    assert_eq!((mem.read_u32(b - 16).unwrap(), cpu.r[1]), (0xcafe_f00d, b));
    // str pc, [r1]
    let (_, mem) = ldst1(0xe581f000, &[0, b]);
    assert_eq!(mem.read_u32(b).unwrap(), CODE + 8);
}

/// A8.8 LDRD/STRD (immediate and register): two words, Rt and Rt+1.
#[test]
fn ldrd_strd() {
    let b = DATA + 0x40;
    // ldrd r2, r3, [r1]
    let (cpu, _) = ldst1(0xe1c120d0, &[0, b]);
    assert_eq!(
        (cpu.r[2], cpu.r[3], cpu.r[1]),
        (pattern(0x40), pattern(0x44), b)
    );
    // ldrd r2, r3, [r1, #8]!
    let (cpu, _) = ldst1(0xe1e120d8, &[0, b]);
    assert_eq!(
        (cpu.r[2], cpu.r[3], cpu.r[1]),
        (pattern(0x48), pattern(0x4c), b + 8)
    );
    // ldrd r2, r3, [r1], #-8
    let (cpu, _) = ldst1(0xe04120d8, &[0, b]);
    assert_eq!(
        (cpu.r[2], cpu.r[3], cpu.r[1]),
        (pattern(0x40), pattern(0x44), b - 8)
    );
    // ldrd r2, r3, [r1, r4]
    let (cpu, _) = ldst1(0xe18120d4, &[0, b, 0, 0, 0x10]);
    assert_eq!(
        (cpu.r[2], cpu.r[3], cpu.r[1]),
        (pattern(0x50), pattern(0x54), b)
    );
    // ldrd r2, r3, [r1, -r4]!
    let (cpu, _) = ldst1(0xe12120d4, &[0, b, 0, 0, 0x10]);
    assert_eq!(
        (cpu.r[2], cpu.r[3], cpu.r[1]),
        (pattern(0x30), pattern(0x34), b - 0x10)
    );
    // strd r2, r3, [r1, #-8]
    let (cpu, mem) = ldst1(0xe14120f8, &[0, b, 0x1111_1111, 0x2222_2222]);
    assert_eq!(mem.read_u64(b - 8).unwrap(), 0x2222_2222_1111_1111);
    assert_eq!(cpu.r[1], b);
    // strd r2, r3, [r1], r4
    let (cpu, mem) = ldst1(0xe08120f4, &[0, b, 0x1111_1111, 0x2222_2222, 0x20]);
    assert_eq!(mem.read_u64(b).unwrap(), 0x2222_2222_1111_1111);
    assert_eq!(cpu.r[1], b + 0x20);
}

/// A8.8 LDM (LDMIA) / LDMIB / LDMDA / LDMDB with write-back: the lowest
/// register always gets the lowest address.
#[test]
fn ldm_all_four_modes() {
    let b = DATA + 0x40;
    // ldm r1, {r2, r3}: no write-back
    let (cpu, _) = ldst1(0xe891000c, &[0, b]);
    assert_eq!(
        (cpu.r[2], cpu.r[3], cpu.r[1]),
        (pattern(0x40), pattern(0x44), b)
    );
    // ldmia r1!, {r2, r3, r4}
    let (cpu, _) = ldst1(0xe8b1001c, &[0, b]);
    assert_eq!(
        (cpu.r[2], cpu.r[3], cpu.r[4]),
        (pattern(0x40), pattern(0x44), pattern(0x48))
    );
    assert_eq!(cpu.r[1], b + 12);
    // ldmib r1!, {r2, r3}
    let (cpu, _) = ldst1(0xe9b1000c, &[0, b]);
    assert_eq!(
        (cpu.r[2], cpu.r[3], cpu.r[1]),
        (pattern(0x44), pattern(0x48), b + 8)
    );
    // ldmda r1!, {r2, r3}
    let (cpu, _) = ldst1(0xe831000c, &[0, b]);
    assert_eq!(
        (cpu.r[2], cpu.r[3], cpu.r[1]),
        (pattern(0x3c), pattern(0x40), b - 8)
    );
    // ldmdb r1!, {r2, r3}
    let (cpu, _) = ldst1(0xe931000c, &[0, b]);
    assert_eq!(
        (cpu.r[2], cpu.r[3], cpu.r[1]),
        (pattern(0x38), pattern(0x3c), b - 8)
    );
    // ldm r1, {r0, r1}: the base is loaded (no write-back)
    let (cpu, _) = ldst1(0xe8910003, &[0, b]);
    assert_eq!((cpu.r[0], cpu.r[1]), (pattern(0x40), pattern(0x44)));
}

/// A8.8 STM (STMIA) / STMIB / STMDA / STMDB with write-back.
#[test]
fn stm_all_four_modes() {
    let b = DATA + 0x40;
    let (x, y) = (0xaaaa_aaaa, 0xbbbb_bbbb);
    for (word, first, wb) in [
        (0xe8a1000c, b, b + 8),     // stmia r1!, {r2, r3}
        (0xe9a1000c, b + 4, b + 8), // stmib r1!, {r2, r3}
        (0xe821000c, b - 4, b - 8), // stmda r1!, {r2, r3}
        (0xe921000c, b - 8, b - 8), // stmdb r1!, {r2, r3}
        (0xe881000c, b, b),         // stm r1, {r2, r3}
    ] {
        let (cpu, mem) = ldst1(word, &[0, b, x, y]);
        assert_eq!(mem.read_u32(first).unwrap(), x, "{word:#010x}");
        assert_eq!(mem.read_u32(first + 4).unwrap(), y, "{word:#010x}");
        assert_eq!(cpu.r[1], wb, "{word:#010x}");
    }
}

/// PUSH/POP (A8.8 PUSH, POP (ARM)): STMDB/LDMIA on SP, and the
/// single-register forms that assemble as STR/LDR with write-back.
#[test]
fn push_and_pop() {
    let (cpu, mem, _) = run_arm(
        &[
            0xe92d4003, // push {r0, r1, lr}
            0xe52d4004, // push {r4}
            0xe3a00000, // mov r0, #0
            0xe49d5004, // pop {r5}
        ],
        4,
        |c, _| {
            c.r[0] = 10;
            c.r[1] = 11;
            c.r[4] = 44;
            c.r[14] = 0xeeee;
        },
    );
    assert_eq!(mem.read_u32(SP - 12).unwrap(), 10);
    assert_eq!(mem.read_u32(SP - 8).unwrap(), 11);
    assert_eq!(mem.read_u32(SP - 4).unwrap(), 0xeeee);
    assert_eq!(mem.read_u32(SP - 16).unwrap(), 44);
    assert_eq!(cpu.r[5], 44);
    assert_eq!(cpu.r[13], SP - 12);
}

/// POP {..., pc} is LoadWritePC (A2.3.1): bit 0 of the loaded value
/// selects the instruction set.
#[test]
fn pop_into_pc_interworks() {
    for (target, thumb) in [(CODE2 | 1, true), (CODE2, false)] {
        let (cpu, _, exit) = run_arm(&[0xe8bd8003], 1, |_, m| {
            // pop {r0, r1, pc}
            m.write_u32(SP, 1).unwrap();
            m.write_u32(SP + 4, 2).unwrap();
            m.write_u32(SP + 8, target).unwrap();
        });
        assert_eq!(exit, Exit::Limit);
        assert_eq!((cpu.r[0], cpu.r[1]), (1, 2));
        assert_eq!(cpu.r[13], SP + 12);
        assert_eq!(cpu.thumb, thumb);
        assert_eq!(cpu.r[15], CODE2);
    }
    // ldr pc, [r1] interworks the same way
    let (cpu, _, _) = run_arm(&[0xe591f000], 1, |c, m| {
        c.r[1] = DATA;
        m.write_u32(DATA, CODE2 + 1).unwrap();
    });
    assert!(cpu.thumb);
    assert_eq!(cpu.r[15], CODE2);
}

/// A3.4 exclusive monitors: LDREX opens it, STREX succeeds (Rd = 0) only
/// while it is open for that address, and both STREX and CLREX close it.
#[test]
fn ldrex_strex_success_failure_and_clrex() {
    let code = [
        0xe1910f9f, // ldrex r0, [r1]
        0xe1812f93, // strex r2, r3, [r1]   -> succeeds
        0xe1814f93, // strex r4, r3, [r1]   -> fails: monitor closed
        0xe1910f9f, // ldrex r0, [r1]
        0xf57ff01f, // clrex
        0xe1815f90, // strex r5, r0, [r1]   -> fails after CLREX
    ];
    let mut m = Machine::arm(&code);
    m.write32(DATA, 0x1234);
    m.cpu.r[1] = DATA;
    m.cpu.r[3] = 0x5678;
    assert_eq!(m.run(2), Exit::Limit);
    assert_eq!((m.cpu.r[0], m.cpu.r[2]), (0x1234, 0));
    assert_eq!(m.read32(DATA), 0x5678);
    m.write32(DATA, 0x9999);
    m.cpu.r[3] = 0x7777;
    assert_eq!(m.run(1), Exit::Limit);
    assert_eq!(m.cpu.r[4], 1);
    assert_eq!(m.read32(DATA), 0x9999, "a failed STREX stores nothing");
    assert_eq!(m.run(3), Exit::Limit);
    assert_eq!(m.cpu.r[5], 1);
    assert_eq!(m.read32(DATA), 0x9999);
}

/// A8.8 STREX without a preceding LDREX fails.
#[test]
fn strex_without_ldrex_fails() {
    // strex r2, r3, [r1]
    let (cpu, mem) = ldst1(0xe1812f93, &[0, DATA, 0x55, 0x66]);
    assert_eq!(cpu.r[2], 1);
    assert_eq!(mem.read_u32(DATA).unwrap(), pattern(0));
}

/// A8.8 LDREXB/H/D and STREXB/H/D: sizes and zero extension.
#[test]
fn exclusive_byte_half_double() {
    let code = [
        0xe1d10f9f, // ldrexb r0, [r1]
        0xe1c12f93, // strexb r2, r3, [r1]
        0xe1f10f9f, // ldrexh r0, [r1]
        0xe1e12f93, // strexh r2, r3, [r1]
        0xe1b14f9f, // ldrexd r4, r5, [r1]
        0xe1a12f94, // strexd r2, r4, r5, [r1]
    ];
    let mut m = Machine::arm(&code);
    fill(&mut m.mem);
    m.write32(DATA + 0x80, 0x8382_8180);
    m.cpu.r[1] = DATA + 0x80;
    m.cpu.r[3] = 0xaabb_ccdd;
    m.run(2);
    assert_eq!((m.cpu.r[0], m.cpu.r[2]), (0x80, 0));
    assert_eq!(m.read32(DATA + 0x80), 0x8382_81dd);
    m.run(2);
    assert_eq!((m.cpu.r[0], m.cpu.r[2]), (0x81dd, 0));
    assert_eq!(m.read32(DATA + 0x80), 0x8382_ccdd);
    m.run(1);
    assert_eq!((m.cpu.r[4], m.cpu.r[5]), (0x8382_ccdd, pattern(0x84)));
    m.cpu.r[4] = 0x1111_1111;
    m.cpu.r[5] = 0x2222_2222;
    m.cpu.r[2] = 7;
    m.run(1);
    assert_eq!(m.cpu.r[2], 0);
    assert_eq!(m.mem.read_u64(DATA + 0x80).unwrap(), 0x2222_2222_1111_1111);
}

/// A load from an unmapped address is a precise data abort: the
/// instruction does not complete (no destination or base write-back), PC
/// stays at it and it does not count as retired.
#[test]
fn load_fault_is_precise() {
    let code = [
        0xe3a05001, // mov r5, #1
        0xe5b10008, // ldr r0, [r1, #8]!
        0xe3a05002, // mov r5, #2
    ];
    let (cpu, _, exit) = run_arm(&code, 3, |c, _| {
        c.r[0] = 0xabcd;
        c.r[1] = UNMAPPED;
    });
    assert_eq!(
        exit,
        Exit::Fault {
            pc: CODE + 4,
            fault: Fault {
                addr: UNMAPPED + 8,
                access: Access::Read
            }
        }
    );
    assert_eq!(cpu.r[15], CODE + 4);
    assert_eq!((cpu.r[0], cpu.r[1], cpu.r[5]), (0xabcd, UNMAPPED, 1));
    assert_eq!(cpu.icount, 1);
}

/// LDM running off the end of the mapped page faults with no register,
/// including the base, changed.
#[test]
fn ldm_fault_leaves_registers_intact() {
    // ldmia r1!, {r2, r3, r4}: the second word is on the unmapped page
    let (cpu, _, exit) = run_arm(&[0xe8b1001c], 1, |c, _| {
        c.r[1] = DATA + 0xffc;
        c.r[2] = 2;
        c.r[3] = 3;
        c.r[4] = 4;
    });
    assert_eq!(
        exit,
        Exit::Fault {
            pc: CODE,
            fault: Fault {
                addr: DATA + 0x1000,
                access: Access::Read
            }
        }
    );
    assert_eq!(
        (cpu.r[1], cpu.r[2], cpu.r[3], cpu.r[4]),
        (DATA + 0xffc, 2, 3, 4)
    );
    assert_eq!(cpu.icount, 0);
}

/// A store to a read-only page faults as a write, leaving memory and
/// the base register unchanged.
#[test]
fn store_to_readonly_page_faults() {
    let ro = 0x0003_0000;
    let (cpu, mem, exit) = run_arm(&[0xe5a10004], 1, |c, m| {
        // str r0, [r1, #4]!
        m.map(ro, 0x1000, perm::READ);
        c.r[0] = 0x1234;
        c.r[1] = ro;
    });
    assert_eq!(
        exit,
        Exit::Fault {
            pc: CODE,
            fault: Fault {
                addr: ro + 4,
                access: Access::Write
            }
        }
    );
    assert_eq!(cpu.r[1], ro);
    assert_eq!(mem.read_u32(ro + 4).unwrap(), 0);
}
