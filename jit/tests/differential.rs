//! The Cranelift tier against the interpreter on random instruction
//! sequences (proptest, which shrinks a failure to a minimal sequence).
//!
//! Each case is a block of random valid encodings (ARM or Thumb-2, every
//! class the decoder knows: undecodable words become a NOP), ended by an
//! SVC, run from the same random registers, flags and memory by the
//! interpreter and by `Tier::Jit`. Registers hold a mix of small numbers,
//! pointers into a mapped data area and arbitrary values, so loads and
//! stores both succeed and fault. After every run (a limit, the SVC or a
//! trap) the exits, the whole CPU state and a memory hash must agree.

use jit::{Jit, Tier};
use proptest::prelude::*;
use sim::cpu::CpuState;
use sim::decode::{decode_arm, decode_thumb16, decode_thumb32, is_thumb32, Ctx};
use sim::engine::Engine;
use sim::interp::Interp;
use sim::memory::{perm, GuestMemory};

const CODE: u32 = 0x10000;
const DATA: u32 = 0x20000;
const DATA_LEN: u32 = 0x4000;
const ARM_NOP: u32 = 0xe1a0_0000;
const ARM_SVC: u32 = 0xef00_0000;
const T_NOP: u16 = 0xbf00;
const T_SVC: u16 = 0xdf00;

/// The machine a case starts from.
#[derive(Clone, Debug)]
struct Start {
    code: Vec<u8>,
    thumb: bool,
    regs: [u32; 15],
    nzcvq: u32,
    data_seed: u64,
    d: [u64; 8],
    fpscr: u32,
}

fn arm_code(words: &[u32]) -> Vec<u8> {
    let mut out = Vec::new();
    for &w in words {
        let w = if decode_arm(w).is_some() { w } else { ARM_NOP };
        out.extend_from_slice(&w.to_le_bytes());
    }
    out.extend_from_slice(&ARM_SVC.to_le_bytes());
    out
}

fn thumb_code(units: &[u32]) -> Vec<u8> {
    let ctx = Ctx::default();
    let mut out = Vec::new();
    for &u in units {
        let hw1 = (u >> 16) as u16;
        if is_thumb32(hw1) {
            if decode_thumb32(u, &ctx).is_some() {
                out.extend_from_slice(&hw1.to_le_bytes());
                out.extend_from_slice(&(u as u16).to_le_bytes());
                continue;
            }
        } else if decode_thumb16(hw1, &ctx).is_some() {
            out.extend_from_slice(&hw1.to_le_bytes());
            continue;
        }
        out.extend_from_slice(&T_NOP.to_le_bytes());
    }
    out.extend_from_slice(&T_SVC.to_le_bytes());
    out
}

fn reg_value() -> impl Strategy<Value = u32> {
    prop_oneof![
        0u32..64,
        (0u32..DATA_LEN).prop_map(|o| DATA + o),
        (0u32..DATA_LEN / 4).prop_map(|o| DATA + 4 * o),
        any::<u32>(),
    ]
}

/// VFP register contents: arbitrary bits, or ordinary numbers (so that
/// arithmetic mostly gives normal results, inexact or exact), as one
/// double or as two singles.
fn d_value() -> impl Strategy<Value = u64> {
    prop_oneof![
        any::<u64>(),
        (-4000i32..4000, 0u32..12).prop_map(|(i, s)| (i as f64 / (1u64 << s) as f64).to_bits()),
        (any::<i32>(), 1u32..1000).prop_map(|(i, d)| (i as f64 / d as f64).to_bits()),
        (-300i32..300, -300i32..300).prop_map(|(a, b)| {
            ((a as f32 / 7.0).to_bits() as u64) << 32 | (b as f32 / 4.0).to_bits() as u64
        }),
    ]
}

/// FPSCR: usually the default state with or without IXC set (the
/// compiled fast paths' two cases), sometimes anything writable.
fn fpscr_value() -> impl Strategy<Value = u32> {
    prop_oneof![
        Just(0u32),
        Just(0x10u32),
        any::<u32>().prop_map(|v| v & 0xfff7_009f),
    ]
}

fn start() -> impl Strategy<Value = Start> {
    let arm = prop::collection::vec(any::<u32>(), 1..24).prop_map(|w| (arm_code(&w), false));
    let thumb = prop::collection::vec(any::<u32>(), 1..24).prop_map(|u| (thumb_code(&u), true));
    (
        prop_oneof![arm, thumb],
        prop::array::uniform15(reg_value()),
        0u32..32,
        any::<u64>(),
        prop::array::uniform8(d_value()),
        fpscr_value(),
    )
        .prop_map(|((code, thumb), regs, nzcvq, data_seed, d, fpscr)| Start {
            code,
            thumb,
            regs,
            nzcvq,
            data_seed,
            d,
            fpscr,
        })
}

fn machine(s: &Start) -> (CpuState, GuestMemory) {
    let mut mem = GuestMemory::new().unwrap();
    mem.map(CODE, 0x1000, perm::RWX);
    mem.poke_bytes(CODE, &s.code).unwrap();
    mem.map(DATA, DATA_LEN, perm::RW);
    let mut x = s.data_seed | 1;
    let mut bytes = vec![0u8; DATA_LEN as usize];
    for b in bytes.iter_mut() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *b = x as u8;
    }
    mem.poke_bytes(DATA, &bytes).unwrap();
    let mut cpu = CpuState::new();
    cpu.r[..15].copy_from_slice(&s.regs);
    cpu.r[15] = CODE;
    cpu.thumb = s.thumb;
    cpu.n = s.nzcvq >> 4 & 1;
    cpu.z = s.nzcvq >> 3 & 1;
    cpu.c = s.nzcvq >> 2 & 1;
    cpu.v = s.nzcvq >> 1 & 1;
    cpu.q = s.nzcvq & 1;
    cpu.vfp.d[..8].copy_from_slice(&s.d);
    cpu.vfp.d[8..16].copy_from_slice(&s.d);
    cpu.vfp.fpscr = s.fpscr;
    (cpu, mem)
}

/// Runs both tiers in steps (so that compiled blocks also meet limits
/// that cut them) and compares after every step.
fn agree(s: &Start, jit: &mut dyn Engine) -> Result<(), TestCaseError> {
    let (mut c1, mut m1) = machine(s);
    let (mut c2, mut m2) = machine(s);
    let mut interp = Interp::new();
    let insns = (s.code.len() / 2) as u64;
    for limit in [3, insns / 2 + 1, insns + 8, 4 * insns + 40] {
        let e1 = interp.run(&mut c1, &mut m1, limit);
        let e2 = jit.run(&mut c2, &mut m2, limit);
        prop_assert_eq!(e1, e2, "exit at limit {}", limit);
        prop_assert_eq!(&c1, &c2, "CPU state at limit {}", limit);
        prop_assert!(m1.hash() == m2.hash(), "memory at limit {}", limit);
        if e1 != sim::interp::Exit::Limit {
            break;
        }
    }
    Ok(())
}

/// One VFP arithmetic instruction (ARM encoding, condition AL): VADD,
/// VSUB, VMUL, VDIV, VMLA or VMLS, single or double, on D0-D15 / S0-S31.
fn vfp_word() -> impl Strategy<Value = u32> {
    let ops = [
        0xee30_0b00u32,
        0xee30_0b40,
        0xee20_0b00,
        0xee80_0b00,
        0xee00_0b00,
        0xee00_0b40,
    ];
    (0usize..6, any::<bool>(), 0u32..32, 0u32..32, 0u32..32).prop_map(
        move |(o, single, d, n, m)| {
            let base = ops[o];
            if single {
                (base & !0x100)
                    | (d & 1) << 22
                    | (d >> 1) << 12
                    | (n >> 1) << 16
                    | (n & 1) << 7
                    | (m >> 1)
                    | (m & 1) << 5
            } else {
                base | (d & 15) << 12 | (n & 15) << 16 | (m & 15)
            }
        },
    )
}

/// ARM UADD8, SEL or a flag-setting ADDS/SUBS (so GE and the flags vary)
/// on R0-R7.
fn ge_word() -> impl Strategy<Value = u32> {
    let ops = [0xe650_0f90u32, 0xe680_0fb0, 0xe090_0000, 0xe050_0000];
    (0usize..4, 0u32..8, 0u32..8, 0u32..8)
        .prop_map(move |(o, d, n, m)| ops[o] | n << 16 | d << 12 | m)
}

/// An ARM load or store of every inline form (LDR/STR, LDRH/STRH,
/// LDRD/STRD, LDM/STM, VLDR/VSTR, VLDM/VSTM, VLD1/VST1 of one to four
/// registers with each alignment hint and write-back form) with base
/// R0-R3 and data registers R4-R7, D0-D7.
fn mem_word() -> impl Strategy<Value = u32> {
    (0usize..13, 0u32..4, 0u32..4, 0u32..256, 0u32..4).prop_map(|(form, rn, rd, imm, x)| {
        let rt = 4 + rd;
        let (n, t) = (rn << 16, rt << 12);
        match form {
            0 => 0xe590_0000 | n | t | imm,
            1 => 0xe580_0000 | n | t | imm,
            2 => 0xe1d0_00b0 | n | t | (imm >> 4 & 15) << 8 | (imm & 15),
            3 => 0xe1c0_00b0 | n | t | (imm >> 4 & 15) << 8 | (imm & 15),
            4 => 0xe1c0_00d0 | n | (rt & !1) << 12 | (imm & 15),
            5 => 0xe1c0_00f0 | n | (rt & !1) << 12 | (imm & 15),
            6 => 0xe890_0000 | n | (imm & 0xf0 | 0x100),
            7 => 0xe880_0000 | n | (imm & 0xf0 | 0x100),
            8 => 0xed90_0b00 | n | rd << 12 | (imm & 7),
            9 => 0xed80_0b00 | n | rd << 12 | (imm & 7),
            10 => 0xec90_0b00 | n | rd << 12 | (2 * (1 + x)),
            // VLD1/VST1 multiple: type 0111/1010/0110/0010 for 1-4
            // registers; Rm 15 (none), 13 (by the size) or R8.
            _ => {
                let ty = [0b0111, 0b1010, 0b0110, 0b0010][x as usize];
                let rm = [15, 13, 8, 15][(imm & 3) as usize];
                let load = if form == 11 { 1 << 21 } else { 0 };
                0xf400_0000
                    | load
                    | n
                    | rd << 12
                    | ty << 8
                    | (imm >> 2 & 3) << 6
                    | (imm >> 4 & 3) << 4
                    | rm
            }
        }
    })
}

/// Flag setters (CMP, CMN, SUBS, RSBS, ADDS; TST, ANDS, MOVS, which keep
/// V and sometimes C; ADCS, which reads C; also conditional ones) and
/// instructions under every condition, on R0-R7.
fn cond_word() -> impl Strategy<Value = u32> {
    (0usize..14, 0u32..15, 0u32..8, 0u32..8, 0u32..8).prop_map(|(form, cond, d, n, m)| {
        let (d, n) = (d << 12, n << 16);
        match form {
            0 => 0xe150_0000 | n | m,
            1 => 0xe170_0000 | n | m,
            2 => 0xe050_0000 | n | d | m,
            3 => 0xe070_0000 | n | d | m,
            4 => 0xe090_0000 | n | d | m,
            5 => 0xe350_0000 | n | m,
            6 => cond << 28 | 0x0150_0000 | n | m,
            7 => 0xe310_0000 | n | (1 << m),
            8 => 0xe310_0400 | n | (0x81 << (m & 1)),
            9 => 0xe010_0080 | n | d | m,
            10 => 0xe1b0_0000 | d | m,
            11 => 0xe0b0_0000 | n | d | m,
            12 => cond << 28 | 0x0010_0000 | n | d | m,
            _ => cond << 28 | 0x03a0_0000 | d | (m + 1),
        }
    })
}

/// Register values where comparisons tie, straddle zero and overflow.
fn edge_value() -> impl Strategy<Value = u32> {
    prop_oneof![
        Just(0u32),
        Just(1),
        Just(5),
        Just(0x7fff_ffff),
        Just(0x8000_0000),
        Just(0xffff_ffff),
        any::<u32>(),
    ]
}

/// A base address near a page boundary inside the data area (so accesses
/// both fit and cross pages) or near its end (so some fault).
fn near_boundary() -> impl Strategy<Value = u32> {
    (
        prop_oneof![
            Just(DATA + 0x1000),
            Just(DATA + 0x2000),
            Just(DATA + DATA_LEN)
        ],
        0u32..96,
    )
        .prop_map(|(edge, o)| edge - 64 + o)
}

/// Register values for computed branches: small table indices, code
/// addresses (ARM and Thumb, so BXWritePC switches sets), data addresses
/// near page edges, and arbitrary values (which fault on the fetch).
fn branch_value() -> impl Strategy<Value = u32> {
    prop_oneof![
        3 => 0u32..6,
        2 => (0u32..24).prop_map(|i| CODE + 2 * i),
        1 => near_boundary(),
        1 => any::<u32>(),
    ]
}

/// A block that starts with a computed branch the compiled code leaves
/// through the indirect-branch table, followed by counting filler that
/// the branch lands in. ARM: data processing writing PC (`add pc, pc, rM,
/// lsl #2` jump tables, `mov pc, rM`, `add pc, rN, #imm`), under any
/// condition. Thumb: TBB/TBH with the table after the instruction (Rn =
/// PC) or in data near a page edge or the mapping's end, possibly as the
/// last instruction of an IT block, and `add pc, rM` / `mov pc, rM`.
fn computed_branch() -> impl Strategy<Value = (Vec<u8>, bool)> {
    let arm =
        (0usize..4, 0u32..15, 0u32..4, 0u32..4, 0u32..64).prop_map(|(form, cond, m, n, imm)| {
            let cond = if form == 0 { 14 } else { cond };
            let w = cond << 28
                | match form {
                    0 | 1 => 0x008f_f100 | m,
                    2 => 0x01a0_f000 | m,
                    _ => 0x0280_f000 | n << 16 | imm,
                };
            // add r5, r5, #1
            (
                arm_code(&[
                    w,
                    0xe285_5001,
                    0xe285_5001,
                    0xe285_5001,
                    0xe285_5001,
                    0xe285_5001,
                ]),
                false,
            )
        });
    let thumb = (
        0usize..4,
        0u32..4,
        0u32..4,
        any::<bool>(),
        prop::array::uniform4(0u16..8),
    )
        .prop_map(|(form, m, n, it, table)| {
            let mut units: Vec<u16> = Vec::new();
            if it {
                units.push(0xbf08); // it eq
            }
            match form {
                0 | 1 => {
                    let half = form == 1;
                    let rn = if n == 3 { 15 } else { n as u16 };
                    units.push(0xe8d0 | rn);
                    units.push(0xf000 | (half as u16) << 4 | m as u16);
                    if half {
                        units.extend(table.iter().map(|&t| t + 4));
                    } else {
                        units.push((table[0] + 2) | ((table[1] + 2) << 8));
                        units.push((table[2] + 2) | ((table[3] + 2) << 8));
                    }
                }
                2 => units.push(0x4487 | (m as u16) << 3),
                _ => units.push(0x4687 | (m as u16) << 3),
            }
            units.extend([0x3501u16; 10]); // adds r5, #1
            units.push(T_SVC);
            (units.iter().flat_map(|u| u.to_le_bytes()).collect(), true)
        });
    prop_oneof![arm, thumb]
}

/// A case of ARM code from `regs`, flags clear, VFP zero, FPSCR default.
fn arm_start(words: &[u32], regs: [u32; 15]) -> Start {
    Start {
        code: arm_code(words),
        thumb: false,
        regs,
        nzcvq: 0,
        data_seed: 1,
        d: [0; 8],
        fpscr: 0,
    }
}

/// `agree` with a fresh `Tier::Jit` engine.
fn agree_jit(s: &Start) -> Result<(), TestCaseError> {
    let mut jit = Jit::new(Tier::Jit, 1).unwrap();
    agree(s, &mut jit)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 3000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn compiled_blocks_match_the_interpreter(s in start()) {
        let mut jit = Jit::new(Tier::Jit, 1).unwrap();
        agree(&s, &mut jit)?;
    }

    /// UADD8 and SEL (inline, with GE in memory) mixed with flag setters.
    #[test]
    fn compiled_ge_ops_match_the_interpreter(
        words in prop::collection::vec(ge_word(), 1..12),
        regs in prop::array::uniform15(any::<u32>()),
    ) {
        agree_jit(&arm_start(&words, regs))?;
    }

    /// Inline loads and stores at page edges, aligned and not: the fast
    /// paths against the interpreter, which the slow paths fall back to.
    #[test]
    fn compiled_memory_access_matches_the_interpreter(
        words in prop::collection::vec(mem_word(), 1..12),
        bases in prop::array::uniform4(near_boundary()),
        regs in prop::array::uniform15(reg_value()),
        d in prop::array::uniform8(d_value()),
    ) {
        let mut regs = regs;
        regs[..4].copy_from_slice(&bases);
        regs[8] &= 0x3f;
        agree_jit(&Start {
            data_seed: 7,
            d,
            ..arm_start(&words, regs)
        })?;
    }

    /// Conditions right after compares (compiled as direct comparisons of
    /// the operands) and after other flag writes.
    #[test]
    fn compiled_conditions_match_the_interpreter(
        words in prop::collection::vec(cond_word(), 1..16),
        regs in prop::array::uniform15(edge_value()),
        nzcvq in 0u32..32,
    ) {
        let s = Start {
            code: arm_code(&words),
            thumb: false,
            regs,
            nzcvq,
            data_seed: 1,
            d: [0; 8],
            fpscr: 0,
        };
        let mut jit = Jit::new(Tier::Jit, 1).unwrap();
        agree(&s, &mut jit)?;
    }

    /// Computed branches compiled inline (data processing writing PC,
    /// TBB/TBH): the same target, instruction set, faults and IT state.
    #[test]
    fn compiled_computed_branches_match_the_interpreter(
        (code, thumb) in computed_branch(),
        regs in prop::array::uniform4(branch_value()),
        nzcvq in 0u32..32,
    ) {
        let mut all = [0u32; 15];
        all[..4].copy_from_slice(&regs);
        agree_jit(&Start {
            code,
            thumb,
            nzcvq,
            ..arm_start(&[], all)
        })?;
    }

    /// VFP arithmetic only, on ordinary numbers: the inline fast paths
    /// (IXC set, or exact results) against the interpreter's soft-float.
    #[test]
    fn compiled_vfp_matches_the_interpreter(
        words in prop::collection::vec(vfp_word(), 1..12),
        d in prop::array::uniform8(d_value()),
        fpscr in fpscr_value(),
    ) {
        agree_jit(&Start {
            d,
            fpscr,
            ..arm_start(&words, [0; 15])
        })?;
    }
}

/// A loop that writes the instruction it is about to run: the compiled
/// block must be dropped and the new instruction executed, exactly as
/// the interpreter does.
#[test]
fn self_modifying_loop_agrees() {
    // r0 = counter, r1 = address of the patched word, r2 = new encoding.
    // loop: subs r0, r0, #1 ; str r2, [r1] ; patched: mov r3, #1 ;
    //       add r4, r4, r3 ; bne loop ; svc 0
    let words = [
        0xe250_0001u32, // subs r0, r0, #1
        0xe581_2000,    // str r2, [r1]
        0xe3a0_3001,    // mov r3, #1   (patched to mov r3, #2)
        0xe084_4003,    // add r4, r4, r3
        0x1aff_fffa,    // bne loop
        ARM_SVC,
    ];
    let mut code = Vec::new();
    for w in words {
        code.extend_from_slice(&u32::to_le_bytes(w));
    }
    let s = Start {
        code,
        thumb: false,
        regs: [0; 15],
        nzcvq: 0,
        data_seed: 1,
        d: [0; 8],
        fpscr: 0,
    };
    for tier in [Tier::Jit, Tier::Tiered] {
        let (mut c1, mut m1) = machine(&s);
        let (mut c2, mut m2) = machine(&s);
        for c in [&mut c1, &mut c2] {
            c.r[0] = 200;
            c.r[1] = CODE + 8;
            c.r[2] = 0xe3a0_3002;
        }
        let mut interp = Interp::new();
        let mut jit = Jit::new(tier, 1).unwrap();
        let e1 = interp.run(&mut c1, &mut m1, u64::MAX);
        let e2 = jit.run(&mut c2, &mut m2, u64::MAX);
        assert_eq!(e1, e2);
        assert_eq!(c1, c2);
        // The store leaves the block, so even the first pass runs the new
        // instruction: 200 passes adding 2.
        assert_eq!(c2.r[4], 2 * 200);
        assert!(jit.stats().invalidations > 0);
    }
}

/// A branch to address 0 must not "hit" an empty entry of the indirect
/// branch table (whose key once was 0): it faults on the fetch, as in the
/// interpreter. Found by the property test above.
#[test]
fn indirect_branch_to_zero_faults() {
    // bx r0 ; svc 0 (arm_code adds the SVC)
    let s = arm_start(&[0xe12f_ff10], [0; 15]);
    for _ in 0..3 {
        agree_jit(&s).unwrap();
    }
}

/// A BLX to ARM code in the middle of an IT block (UNPREDICTABLE) leaves
/// no IT state behind, in every tier, directly and through a register.
/// Found by the property test above.
#[test]
fn branch_to_arm_inside_an_it_block_clears_itstate() {
    // it al (four instructions); blx <arm>; svc 0  /  it al; blx r1; svc 0
    let direct = [0xbfe1u16, 0xf577, 0xca0e, T_SVC];
    let indirect = [0xbfe1u16, 0x4788, T_SVC];
    for units in [&direct[..], &indirect[..]] {
        let code = units.iter().flat_map(|u| u.to_le_bytes()).collect();
        let mut regs = [0; 15];
        regs[1] = CODE + 0x100;
        let s = Start {
            code,
            thumb: true,
            ..arm_start(&[], regs)
        };
        for _ in 0..3 {
            agree_jit(&s).unwrap();
        }
    }
}
