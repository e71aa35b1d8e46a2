//! System-level instructions (modes, SPSR, CP15, exception return) give
//! the same results in every tier: they run through the interpreter's
//! handlers in compiled code too, and a mode change swaps banked
//! registers that compiled code caches.

use jit::{Jit, Tier};
use sim::cpu::{CpuState, Mode};
use sim::engine::Engine;
use sim::interp::{Exit, Interp};
use sim::memory::{perm, GuestMemory};

const CODE: u32 = 0x8000;

/// Runs `code` (ARM, or Thumb when `thumb`) at CODE from a system reset
/// (or a user-mode core when not `system`), after `setup` adjusts the
/// CPU, under every tier; they must agree. An instruction that unmasks
/// interrupts leaves the engine (for a machine to look for one); with no
/// machine here, the run goes on. Returns the first other exit, the CPU
/// and how many unmasking exits there were.
fn all_tiers(
    code: &[u8],
    thumb: bool,
    system: bool,
    setup: impl Fn(&mut CpuState),
) -> (Exit, CpuState, u32) {
    let go = |engine: &mut dyn Engine| {
        let mut mem = GuestMemory::new().unwrap();
        mem.map(CODE, 0x1000, perm::RWX);
        mem.poke_bytes(CODE, code).unwrap();
        let mut cpu = if system {
            CpuState::system_reset(CODE)
        } else {
            let mut c = CpuState::new();
            c.r[15] = CODE;
            c
        };
        cpu.thumb = thumb;
        setup(&mut cpu);
        let mut unmasked = 0;
        loop {
            match engine.run(&mut cpu, &mut mem, 1_000_000) {
                Exit::Unmasked => unmasked += 1,
                e => return (e, cpu, unmasked),
            }
        }
    };
    let first = go(&mut Interp::new());
    for tier in [Tier::Jit, Tier::Tiered] {
        let mut jit = Jit::new(tier, 1).unwrap();
        assert_eq!(go(&mut jit), first, "{tier:?}");
    }
    first
}

fn arm(words: &[u32]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

fn thumb(units: &[u16]) -> Vec<u8> {
    units.iter().flat_map(|u| u.to_le_bytes()).collect()
}

#[test]
fn modes_spsr_cp15_and_exception_return_agree_across_tiers() {
    let words = [
        // loop:
        0xe10f_0000, // mrs r0, cpsr
        0xe16f_f001, // msr spsr_fsxc, r1
        0xee0c_2f10, // mcr p15, 0, r2, c12, c0, 0   (VBAR)
        0xee1c_3f10, // mrc p15, 0, r3, c12, c0, 0
        0xee10_4f10, // mrc p15, 0, r4, c0, c0, 0    (MIDR)
        0xe321_f0d2, // msr cpsr_c, #0xd2            (IRQ, masked)
        0xe3a0_da01, // mov sp, #0x1000
        0xe28d_d001, // add sp, sp, #1
        0xe321_f0d3, // msr cpsr_c, #0xd3            (back to SVC)
        0xe1a0_500d, // mov r5, sp                   (SVC's own SP)
        0xe14f_6000, // mrs r6, spsr
        0xe257_7001, // subs r7, r7, #1
        0x1aff_fff2, // bne loop
        0xe28f_e004, // add lr, pc, #4               (to "user")
        0xe1b0_f00e, // movs pc, lr                  (exception return)
        0xe1a0_0000, // nop (skipped)
        // user:
        0xe10f_8000, // mrs r8, cpsr                 (User mode now)
        0xee1c_9f10, // mrc p15, 0, r9, c12, c0, 0   (UNDEFINED in User mode)
    ];
    let (e0, c0, unmasked) = all_tiers(&arm(&words), false, true, |cpu| {
        cpu.r[1] = 0x6000_0010; // an SPSR: User mode, Z and C set
        cpu.r[2] = 0x1234_5678; // VBAR (low bits RES0)
        cpu.r[7] = 300; // loop counter, so compiled tiers see the loop hot
    });
    assert_eq!(
        unmasked, 1,
        "the return to User mode unmasks IRQ and FIQ once"
    );
    assert!(
        matches!(e0, Exit::Undefined { pc, .. } if pc == CODE + 17 * 4),
        "{e0:?}"
    );
    assert_eq!(c0.mode(), Mode::Usr);
    assert_eq!(c0.r[3], 0x1234_5660, "VBAR drops its RES0 bits");
    assert_eq!(c0.r[4], 0x412f_c0f1);
    assert_eq!(c0.r[5], 0, "SVC's SP is not IRQ's");
    assert_eq!(c0.r[6], 0x6000_0010);
    assert_eq!(
        c0.r[8] & 0xf000_001f,
        0x6000_0010,
        "CPSR restored from SPSR"
    );
    assert_eq!(c0.sys.sp[4], 0x1001, "IRQ's banked SP kept");
}

/// B1.8.13: WFI retires and stops the core in system mode; WFE does so
/// only without a pending event (SEV sets one); in Linux user mode both
/// are NOPs.
#[test]
fn wfi_and_wfe_wait_in_system_mode_and_are_nops_in_user_mode() {
    // A32: sev; wfe (consumes the event); wfi; udf
    let a = arm(&[0xe320_f004, 0xe320_f002, 0xe320_f003, 0xe7f0_00f0]);
    let (e, c, _) = all_tiers(&a, false, true, |_| {});
    assert_eq!(e, Exit::Wfi);
    assert_eq!((c.r[15], c.icount), (CODE + 12, 3));
    // The same in user mode runs through to the UDF.
    let (e, c, _) = all_tiers(&a, false, false, |_| {});
    assert!(matches!(e, Exit::Undefined { .. }), "{e:?}");
    assert_eq!(c.icount, 3);
    // T16 wfe with no event waits at once; T32 wfi.
    let (e, c, _) = all_tiers(&thumb(&[0xbf20, 0xde00]), true, true, |_| {});
    assert_eq!((e, c.r[15], c.icount), (Exit::Wfi, CODE + 2, 1));
    let (e, c, _) = all_tiers(
        &thumb(&[0xbf00, 0xf3af, 0x8003, 0xde00]),
        true,
        true,
        |_| {},
    );
    assert_eq!((e, c.r[15], c.icount), (Exit::Wfi, CODE + 6, 2));
}

/// LDM and STM with ^ (B9.3.5-B9.3.7, B9.3.15): STM stores the User
/// bank's SP and LR from IRQ mode; LDM with PC returns from the
/// exception (CPSR from SPSR, which unmasks IRQ, so the engine stops
/// there); both UNDEFINED in user mode, where they are UNPREDICTABLE.
#[test]
fn ldm_and_stm_with_caret_reach_the_user_bank_and_return() {
    let words = [
        0xe321_f0d2, // msr cpsr_c, #0xd2            (IRQ, masked)
        0xe28f_dd01, // add sp, pc, #0x40
        0xe94d_6000, // stmdb sp, {sp, lr}^          (User's SP, LR)
        0xe91d_000c, // ldmdb sp, {r2, r3}
        0xe16f_f001, // msr spsr_fsxc, r1
        0xe28f_500c, // add r5, pc, #12              (to "user")
        0xe3a0_4055, // mov r4, #0x55
        0xe92d_0030, // push {r4, r5}
        0xe8fd_8040, // ldm sp!, {r6, pc}^           (exception return)
        0xe1a0_0000, // nop (skipped)
        // user:
        0xe10f_8000, // mrs r8, cpsr
        0xe1a0_900d, // mov r9, sp
        0xe7f0_00f0, // udf
    ];
    let (e, c, unmasked) = all_tiers(&arm(&words), false, true, |cpu| {
        cpu.r[1] = 0x6000_0010; // an SPSR: User mode, Z and C set
        cpu.sys.sp[0] = 0x1234;
        cpu.sys.lr[0] = 0x5678;
    });
    assert!(matches!(e, Exit::Undefined { .. }), "{e:?}");
    assert_eq!(unmasked, 1, "the return unmasked IRQ");
    assert_eq!((c.r[2], c.r[3]), (0x1234, 0x5678), "User SP and LR stored");
    assert_eq!(c.r[6], 0x55);
    assert_eq!(c.r[8], 0x6000_0010, "CPSR from SPSR");
    assert_eq!(c.r[9], 0x1234, "User mode's own SP");
    assert_eq!(
        c.sys.sp[Mode::Irq.bank()],
        CODE + 4 + 8 + 0x40,
        "IRQ SP popped"
    );
    // In user mode both are UNDEFINED, with nothing changed.
    let (e, c, _) = all_tiers(&arm(&[0xe94d_6000]), false, false, |_| {});
    assert!(matches!(e, Exit::Undefined { .. }), "{e:?}");
    assert_eq!(c.icount, 0);
    let (e, _, _) = all_tiers(&arm(&[0xe8fd_8040]), false, false, |_| {});
    assert!(matches!(e, Exit::Undefined { .. }), "{e:?}");
}

/// SRS and RFE (B9.3.16, B9.3.13): IRQ mode saves its LR and SPSR on
/// the Supervisor stack; after CPS to Supervisor, RFE pops them as an
/// exception return (which unmasks IRQ); the T32 CPS forms too.
#[test]
fn srs_rfe_and_t32_cps_agree_across_tiers() {
    let words = [
        0xe321_f0d2, // msr cpsr_c, #0xd2            (IRQ, masked)
        0xe28f_e010, // adr lr, target
        0xe16f_f001, // msr spsr_fsxc, r1
        0xf96d_0513, // srsdb sp!, #0x13            (onto SVC's stack)
        0xf102_0013, // cps #0x13
        0xf8bd_0a00, // rfeia sp!
        0xe320_f000, // nop (skipped)
        // target:
        0xe10f_8000, // mrs r8, cpsr
        0xe1a0_900d, // mov r9, sp
        0xe7f0_00f0, // udf
    ];
    let (e, c, unmasked) = all_tiers(&arm(&words), false, true, |cpu| {
        cpu.r[1] = 0x6000_0013; // Supervisor, IRQ on, Z and C set
        cpu.r[13] = CODE + 0x800;
    });
    assert!(matches!(e, Exit::Undefined { .. }), "{e:?}");
    assert_eq!(unmasked, 1);
    assert_eq!(c.r[8], 0x6000_0013);
    assert_eq!(c.r[9], CODE + 0x800, "pushed and popped");
    // RFE in User mode, SRS in System mode (no SPSR): UNDEFINED.
    for (mode, w) in [(0xe321_f0d0, 0xf8bd_0a00), (0xe321_f0df, 0xf96d_0513)] {
        let (e, c, _) = all_tiers(&arm(&[mode, w]), false, true, |_| {});
        assert!(matches!(e, Exit::Undefined { .. }), "{w:#x}: {e:?}");
        assert_eq!(c.icount, 1);
    }
    // T32: cpsie.w f; cps #0x1f; mrs r0, cpsr.
    let t = thumb(&[0xf3af, 0x8420, 0xf3af, 0x811f, 0xf3ef, 0x8000, 0xde00]);
    let (_, c, _) = all_tiers(&t, true, true, |_| {});
    // MRS reads the execution-state bits (T) as zero.
    assert_eq!(c.r[0], 0x19f, "System, A and I masked, F clear");
}

/// An exception return restores the IT state from the SPSR, and every
/// tier keeps it: RFE into a Thumb IT block (EQ, with Z clear, so the
/// instruction in it is skipped) from code that already had IRQs on.
#[test]
fn an_exception_return_keeps_the_it_state_it_restored() {
    let mut image = vec![0u8; 0x88];
    image[0..4].copy_from_slice(&0xf8bd_0a00u32.to_le_bytes()); // rfeia sp!
    image[0x40..0x44].copy_from_slice(&thumb(&[0x2001, 0xde00])); // movs r0, #1; udf
    image[0x80..0x84].copy_from_slice(&(CODE + 0x40).to_le_bytes());
    // Supervisor, Thumb, IT state 0x08 ("IT EQ", one instruction left), Z clear.
    image[0x84..0x88].copy_from_slice(&0x0000_0833u32.to_le_bytes());
    let (e, c, _) = all_tiers(&image, false, true, |cpu| {
        cpu.sys.i = false;
        cpu.r[13] = CODE + 0x80;
    });
    assert!(
        matches!(e, Exit::Undefined { pc, thumb: true, .. } if pc == CODE + 0x42),
        "{e:?}"
    );
    assert_eq!(c.r[0], 0, "the MOV in the IT block was skipped");
}

/// The cycle model counts alike in every tier, in a compiled loop
/// (region back edge) too: 1 + 100 x (2 + 3 + 1 + 1) + 3 cycles by the
/// documented table (docs/cycle-model.md).
#[test]
fn modelled_cycles_agree_across_tiers_around_a_compiled_loop() {
    let words = [
        0xe3a0_0064, // mov r0, #100               1
        // loop:
        0xe001_0090, // mul r1, r0, r0             2
        0xe083_2090, // umull r2, r3, r0, r0       3
        0xe250_0001, // subs r0, r0, #1            1
        0x1aff_fffb, // bne loop                   1
        0xe92d_00f0, // push {r4-r7}               3
        0xe7f0_00f0, // udf
    ];
    let (e, c, _) = all_tiers(&arm(&words), false, false, |cpu| cpu.r[13] = CODE + 0x800);
    assert!(matches!(e, Exit::Undefined { .. }), "{e:?}");
    assert_eq!(c.icount, 402);
    assert_eq!(c.cycles(), 704);
}

/// B9.3.2 CPS: CPSID/CPSIE set and clear the masks, CPS #mode switches
/// mode; Thumb's 16-bit CPSID/CPSIE too.
#[test]
fn cps_changes_masks_and_mode() {
    let a = arm(&[
        0xf10c_00c0, // cpsid if
        0xe10f_0000, // mrs r0, cpsr
        0xf108_0080, // cpsie i
        0xe10f_1000, // mrs r1, cpsr
        0xf102_001f, // cps #0x1f (System)
        0xe10f_2000, // mrs r2, cpsr
        0xe7f0_00f0, // udf
    ]);
    let (e, c, _) = all_tiers(&a, false, true, |_| {});
    assert!(matches!(e, Exit::Undefined { .. }), "{e:?}");
    assert_eq!(c.r[0] & 0x1ff, 0x1d3, "SVC, A, I and F masked");
    assert_eq!(c.r[1] & 0x1ff, 0x153, "I cleared");
    assert_eq!(c.r[2] & 0x1ff, 0x15f, "System mode");
    assert_eq!(c.mode(), Mode::Sys);
    // cpsie if; cpsid i; udf
    let (_, c, _) = all_tiers(&thumb(&[0xb663, 0xb672, 0xde00]), true, true, |_| {});
    assert!(c.sys.i && !c.sys.f);
}
