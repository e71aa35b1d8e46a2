//! A second opinion on decode: our generated decoders (`sim::decode`)
//! against capstone on every instruction-shaped word of the committed guest
//! binaries, and on every 16-bit Thumb encoding.
//!
//! The binaries are stripped (no mapping symbols), so code, literal pools
//! and code of the other instruction set are mixed. That is fine for a
//! comparison that only looks at what each decoder makes of a bit pattern:
//!
//! - ARM: every 4-byte-aligned word of every executable section.
//! - Thumb: a linear sweep of every executable section (2 or 4 bytes at a
//!   time, as the first halfword says), plus all 65536 halfwords.
//!
//! Each distinct encoding is decoded once, outside any IT block, by both.
//! Where both accept it, our pattern name must map to capstone's mnemonic
//! (table `MNEMONICS`; conditions and `.w`/`.f32` suffixes ignored; for the
//! Neon patterns that cover several instructions, `neon_form` names the
//! one the selecting field asks for). An encoding only we decode is run
//! once in a scratch machine (`Runner`): if the handler raises UNDEFINED
//! (odd Q registers, a size the instruction lacks, ...) that agrees with
//! capstone's refusal. Neon encodings both accept are run too, and must
//! not raise UNDEFINED (kind `Refused`). Where exactly one accepts it (and
//! it runs), or the names differ, the case falls into a class (kind, our
//! pattern, capstone mnemonic); every class must be explained by an entry
//! of `SKIPS`, or the test fails and prints the classes with examples. The
//! same table is printed for the explained classes, so the gaps stay
//! visible.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use capstone::arch::arm::ArchMode;
use capstone::prelude::*;
use object::{Object, ObjectSection, SectionKind};
use sim::cpu::CpuState;
use sim::decode::{decode_arm, decode_thumb16, decode_thumb32, is_thumb32, Ctx};
use sim::interp::{Exit, Interp};
use sim::memory::{perm, GuestMemory};

// ---------------------------------------------------------------------------
// Our pattern names and the capstone mnemonics they may print as.

/// Pattern name → capstone mnemonics (condition and `.` suffix stripped).
/// A pattern not listed here is expected to print as its name up to the
/// first `_`, lower-cased (`VADDL` → `vaddl`, `VMULL_P` → `vmull`), which
/// covers most Neon patterns; list a pattern here when it prints otherwise.
const MNEMONICS: &[(&str, &[&str])] = &[
    // Data processing. Shifts print as lsl/lsr/asr/ror/rrx (UAL).
    ("AND_rrri", &["and", "ands"]),
    ("AND_rrrr", &["and", "ands"]),
    ("AND_rri", &["and", "ands"]),
    ("EOR_rrri", &["eor", "eors"]),
    ("EOR_rrrr", &["eor", "eors"]),
    ("EOR_rri", &["eor", "eors"]),
    ("SUB_rrri", &["sub", "subs"]),
    ("SUB_rrrr", &["sub", "subs"]),
    ("SUB_rri", &["sub", "subs", "subw", "adr"]),
    ("RSB_rrri", &["rsb", "rsbs"]),
    ("RSB_rrrr", &["rsb", "rsbs"]),
    ("RSB_rri", &["rsb", "rsbs", "neg", "negs"]),
    ("ADD_rrri", &["add", "adds"]),
    ("ADD_rrrr", &["add", "adds"]),
    ("ADD_rri", &["add", "adds", "addw", "adr"]),
    ("ADC_rrri", &["adc", "adcs"]),
    ("ADC_rrrr", &["adc", "adcs"]),
    ("ADC_rri", &["adc", "adcs"]),
    ("SBC_rrri", &["sbc", "sbcs"]),
    ("SBC_rrrr", &["sbc", "sbcs"]),
    ("SBC_rri", &["sbc", "sbcs"]),
    ("RSC_rrri", &["rsc", "rscs"]),
    ("RSC_rrrr", &["rsc", "rscs"]),
    ("RSC_rri", &["rsc", "rscs"]),
    ("TST_xrri", &["tst"]),
    ("TST_xrrr", &["tst"]),
    ("TST_xri", &["tst"]),
    ("TEQ_xrri", &["teq"]),
    ("TEQ_xrrr", &["teq"]),
    ("TEQ_xri", &["teq"]),
    ("CMP_xrri", &["cmp"]),
    ("CMP_xrrr", &["cmp"]),
    ("CMP_xri", &["cmp"]),
    ("CMN_xrri", &["cmn"]),
    ("CMN_xrrr", &["cmn"]),
    ("CMN_xri", &["cmn"]),
    ("ORR_rrri", &["orr", "orrs"]),
    ("ORR_rrrr", &["orr", "orrs"]),
    ("ORR_rri", &["orr", "orrs"]),
    ("ORN_rrri", &["orn", "orns"]),
    ("ORN_rri", &["orn", "orns"]),
    ("BIC_rrri", &["bic", "bics"]),
    ("BIC_rrrr", &["bic", "bics"]),
    ("BIC_rri", &["bic", "bics"]),
    ("MVN_rxri", &["mvn", "mvns"]),
    ("MVN_rxrr", &["mvn", "mvns"]),
    ("MVN_rxi", &["mvn", "mvns"]),
    (
        "MOV_rxri",
        &[
            "mov", "movs", "lsl", "lsls", "lsr", "lsrs", "asr", "asrs", "ror", "rors", "rrx",
            "rrxs",
        ],
    ),
    (
        "MOV_rxrr",
        &[
            "mov", "movs", "lsl", "lsls", "lsr", "lsrs", "asr", "asrs", "ror", "rors",
        ],
    ),
    ("MOV_rxi", &["mov", "movs"]),
    ("MOVW", &["movw", "mov"]),
    ("MOVT", &["movt"]),
    ("ADR", &["adr", "add", "addw", "sub", "subw"]),
    // Multiplies.
    ("MUL", &["mul", "muls"]),
    ("MLA", &["mla", "mlas"]),
    ("MLS", &["mls"]),
    ("UMULL", &["umull", "umulls"]),
    ("UMLAL", &["umlal", "umlals"]),
    ("SMULL", &["smull", "smulls"]),
    ("SMLAL", &["smlal", "smlals"]),
    ("UMAAL", &["umaal"]),
    ("SMLAxy", &["smlabb", "smlabt", "smlatb", "smlatt"]),
    ("SMLAWy", &["smlawb", "smlawt"]),
    ("SMULWy", &["smulwb", "smulwt"]),
    ("SMLALxy", &["smlalbb", "smlalbt", "smlaltb", "smlaltt"]),
    ("SMULxy", &["smulbb", "smulbt", "smultb", "smultt"]),
    ("SMUAD", &["smuad", "smuadx"]),
    ("SMLAD", &["smlad", "smladx"]),
    ("SMUSD", &["smusd", "smusdx"]),
    ("SMLSD", &["smlsd", "smlsdx"]),
    ("SMLALD", &["smlald", "smlaldx"]),
    ("SMLSLD", &["smlsld", "smlsldx"]),
    ("SMMUL", &["smmul", "smmulr"]),
    ("SMMLA", &["smmla", "smmlar"]),
    ("SMMLS", &["smmls", "smmlsr"]),
    // Packing, extension, bit fields.
    ("PKH", &["pkhbt", "pkhtb"]),
    ("SXTAB16", &["sxtab16", "sxtb16"]),
    ("SXTAB", &["sxtab", "sxtb"]),
    ("SXTAH", &["sxtah", "sxth"]),
    ("UXTAB16", &["uxtab16", "uxtb16"]),
    ("UXTAB", &["uxtab", "uxtb"]),
    ("UXTAH", &["uxtah", "uxth"]),
    // Loads and stores. The unprivileged (…T) forms decode as the plain
    // ones; one-register push/pop are STR/LDR with writeback.
    ("STR_ri", &["str", "strt", "push"]),
    ("STR_rr", &["str", "strt"]),
    ("LDR_ri", &["ldr", "ldrt", "pop"]),
    ("LDR_rr", &["ldr", "ldrt"]),
    ("STRB_ri", &["strb", "strbt"]),
    ("STRB_rr", &["strb", "strbt"]),
    ("LDRB_ri", &["ldrb", "ldrbt"]),
    ("LDRB_rr", &["ldrb", "ldrbt"]),
    ("STRH_ri", &["strh", "strht"]),
    ("STRH_rr", &["strh", "strht"]),
    ("LDRH_ri", &["ldrh", "ldrht"]),
    ("LDRH_rr", &["ldrh", "ldrht"]),
    ("LDRSB_ri", &["ldrsb", "ldrsbt"]),
    ("LDRSB_rr", &["ldrsb", "ldrsbt"]),
    ("LDRSH_ri", &["ldrsh", "ldrsht"]),
    ("LDRSH_rr", &["ldrsh", "ldrsht"]),
    ("LDRD_ri", &["ldrd"]),
    ("LDRD_rr", &["ldrd"]),
    ("STRD_ri", &["strd"]),
    ("STRD_rr", &["strd"]),
    (
        "STM",
        &[
            "stm", "stmia", "stmib", "stmda", "stmdb", "stmea", "stmfd", "push",
        ],
    ),
    (
        "LDM",
        &["ldm", "ldmia", "ldmib", "ldmda", "ldmdb", "ldmfd", "pop"],
    ),
    // With ^: the User bank, or an exception return.
    (
        "STM_u",
        &["stm", "stmia", "stmib", "stmda", "stmdb", "stmea", "stmfd"],
    ),
    (
        "LDM_u",
        &["ldm", "ldmia", "ldmib", "ldmda", "ldmdb", "ldmfd"],
    ),
    // Branches and control.
    ("B", &["b"]),
    ("B_cond", &["b"]),
    ("BL", &["bl"]),
    ("BLX_i", &["blx"]),
    ("BLX_r", &["blx"]),
    ("BX", &["bx"]),
    ("CBZ", &["cbz", "cbnz"]),
    ("MSR_reg", &["msr"]),
    ("CPS", &["cps", "cpsid", "cpsie"]),
    ("SRS", &["srsda", "srsdb", "srsia", "srsib"]),
    ("RFE", &["rfeda", "rfedb", "rfeia", "rfeib"]),
    ("MSR_imm", &["msr"]),
    // Hints: every hint of the NOP-compatible space (yield, wfe, wfi, sev,
    // dbg, ...) runs as a NOP in user mode; PLDW without MP extensions too.
    (
        "NOP",
        &[
            "nop", "yield", "wfe", "wfi", "sev", "sevl", "dbg", "hint", "csdb", "esb", "pldw",
        ],
    ),
    ("PLD", &["pld", "pldw"]),
    // UDF #254 is also written TRAP.
    ("UDF", &["udf", "trap"]),
    // VFP.
    ("VMLA_sp", &["vmla"]),
    ("VMLA_dp", &["vmla"]),
    ("VMLS_sp", &["vmls"]),
    ("VMLS_dp", &["vmls"]),
    ("VNMLS_sp", &["vnmls"]),
    ("VNMLS_dp", &["vnmls"]),
    ("VNMLA_sp", &["vnmla"]),
    ("VNMLA_dp", &["vnmla"]),
    ("VCVT_f32_f16", &["vcvtb", "vcvtt"]),
    ("VCVT_f16_f32", &["vcvtb", "vcvtt"]),
    ("VCMP_sp", &["vcmp", "vcmpe"]),
    ("VCMP_dp", &["vcmp", "vcmpe"]),
    ("VCVT_int_sp", &["vcvt", "vcvtr"]),
    ("VCVT_int_dp", &["vcvt", "vcvtr"]),
    ("VLDM_sp", &["vldmia", "vldmdb", "vldm", "vpop"]),
    (
        "VLDM_dp",
        &["vldmia", "vldmdb", "vldm", "vpop", "fldmiax", "fldmdbx"],
    ),
    ("VSTM_sp", &["vstmia", "vstmdb", "vstm", "vpush"]),
    (
        "VSTM_dp",
        &["vstmia", "vstmdb", "vstm", "vpush", "fstmiax", "fstmdbx"],
    ),
    ("VMOV_to_sp", &["vmov"]),
    ("VMOV_from_sp", &["vmov"]),
    ("VMOV_to_2sp", &["vmov"]),
    ("VMOV_from_2sp", &["vmov"]),
    ("VMOV_to_dp", &["vmov"]),
    ("VMOV_from_dp", &["vmov"]),
    ("VMOV_to_scalar", &["vmov"]),
    ("VMOV_from_scalar", &["vmov"]),
    // Advanced SIMD. Patterns that cover several instructions select them
    // by a field; `neon_form` then names the one instruction expected.
    ("VST_MULTI", &["vst1", "vst2", "vst3", "vst4"]),
    ("VLD_MULTI", &["vld1", "vld2", "vld3", "vld4"]),
    ("VST_LANE", &["vst1", "vst2", "vst3", "vst4"]),
    ("VLD_LANE", &["vld1", "vld2", "vld3", "vld4"]),
    ("VLD_ALL", &["vld1", "vld2", "vld3", "vld4"]),
    ("VIMM", &["vmov", "vmvn", "vorr", "vbic"]),
    ("VSHLL", &["vshll", "vmovl"]),
    ("VSHRN", &["vshrn", "vrshrn"]),
    ("VQSHRN", &["vqshrn", "vqrshrn"]),
    ("VQSHRUN", &["vqshrun", "vqrshrun"]),
    ("VMOVN", &["vmovn", "vqmovn", "vqmovun"]),
    ("VTBL", &["vtbl", "vtbx"]),
    ("VCGT0", &["vcgt"]),
    ("VCGE0", &["vcge"]),
    ("VCEQ0", &["vceq"]),
    ("VCLE0", &["vcle"]),
    ("VCLT0", &["vclt"]),
];

/// The A32 form of an Advanced SIMD encoding (T32's is rewritten to it,
/// as the decoder does), or None outside those spaces.
fn neon_a32(mode: Mode, raw: u32, len: usize) -> Option<u32> {
    match mode {
        Mode::Arm if raw >> 25 == 0b111_1001 || raw & 0xff10_0000 == 0xf400_0000 => Some(raw),
        Mode::Arm => None,
        Mode::Thumb if len == 2 => None,
        Mode::Thumb if raw & 0xff10_0000 == 0xf900_0000 => Some(0xf400_0000 | (raw & 0x00ff_ffff)),
        Mode::Thumb => sim::decode::t32_neon_to_a32(raw),
    }
}

/// For the Neon patterns that cover several instructions: the one
/// mnemonic capstone must print, chosen by the field that selects it
/// (and that the handler reads), so a handler running the wrong member of
/// the family shows as a mismatch.
fn neon_form(name: &str, w: u32) -> Option<String> {
    let bit = |n: u32| w >> n & 1 == 1;
    let pick = |yes: bool, a: &str, b: &str| Some(if yes { a } else { b }.to_string());
    match name {
        "VLD_MULTI" | "VST_MULTI" => {
            let n = match w >> 8 & 0xf {
                0b0111 | 0b1010 | 0b0110 | 0b0010 => 1,
                0b1000 | 0b1001 | 0b0011 => 2,
                0b0100 | 0b0101 => 3,
                0b0000 | 0b0001 => 4,
                _ => return None,
            };
            Some(format!("{}{n}", if bit(21) { "vld" } else { "vst" }))
        }
        "VLD_LANE" | "VST_LANE" | "VLD_ALL" => Some(format!(
            "{}{}",
            if bit(21) { "vld" } else { "vst" },
            (w >> 8 & 3) + 1
        )),
        "VTBL" => pick(bit(6), "vtbx", "vtbl"),
        "VMOVN" => {
            Some(["vmovn", "vqmovun", "vqmovn", "vqmovn"][(w >> 6 & 3) as usize].to_string())
        }
        "VSHRN" => pick(bit(6), "vrshrn", "vshrn"),
        "VQSHRN" => pick(bit(6), "vqrshrn", "vqshrn"),
        "VQSHRUN" => pick(bit(6), "vqrshrun", "vqshrun"),
        "VSHLL" => {
            // imm6 = esize + shift; shift 0 is VMOVL.
            let imm6 = w >> 16 & 0x3f;
            pick(imm6.is_power_of_two(), "vmovl", "vshll")
        }
        "VIMM" => {
            let (op, cmode) = (bit(5), w >> 8 & 0xf);
            let logical = cmode < 12 && cmode & 1 == 1;
            Some(
                match (logical, op) {
                    (true, false) => "vorr",
                    (true, true) => "vbic",
                    (false, false) => "vmov",
                    (false, true) if cmode == 14 => "vmov",
                    (false, true) => "vmvn",
                }
                .to_string(),
            )
        }
        _ => None,
    }
}

/// Condition suffixes capstone prints (never `al`, so `vpadal` stays).
const CONDS: &[&str] = &[
    "eq", "ne", "cs", "hs", "cc", "lo", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le",
];

fn allowed(name: &str) -> Vec<String> {
    match MNEMONICS.iter().find(|(n, _)| *n == name) {
        Some((_, ms)) => ms.iter().map(|m| m.to_string()).collect(),
        None => vec![name.split('_').next().unwrap().to_lowercase()],
    }
}

fn is_it(m: &str) -> bool {
    m.len() >= 2
        && m.len() <= 5
        && m.starts_with("it")
        && m[2..].bytes().all(|c| c == b't' || c == b'e')
}

/// Every mnemonic some pattern maps to.
fn known(m: &str) -> bool {
    MNEMONICS.iter().any(|(_, ms)| ms.contains(&m))
}

/// Capstone's mnemonic without its `.suffix` and, where that leaves a
/// known mnemonic (so `teq` and `mls` stay), without its condition.
fn base_mnemonic(m: &str) -> String {
    let m = m.split('.').next().unwrap().to_lowercase();
    if known(&m) || is_it(&m) || m.len() <= 2 {
        return m;
    }
    for c in CONDS {
        if let Some(stem) = m.strip_suffix(c) {
            if known(stem) || stem.len() >= 3 {
                return stem.to_string();
            }
        }
    }
    m
}

/// Whether capstone's mnemonic `m` is an acceptable printing of our
/// pattern `name`.
fn matches(name: &str, m: &str) -> bool {
    let full = m.split('.').next().unwrap().to_lowercase();
    if name == "IT" {
        return is_it(&full);
    }
    let ok = allowed(name);
    if ok.contains(&full) {
        return true;
    }
    CONDS.iter().any(|c| {
        full.strip_suffix(c)
            .is_some_and(|stem| ok.iter().any(|o| o == stem))
    })
}

// ---------------------------------------------------------------------------
// Known disagreements, each with the reason it is not a bug (yet).

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Mode {
    Arm,
    Thumb,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Kind {
    /// Both decode it, to different instructions.
    Mismatch,
    /// Only we decode it.
    OursOnly,
    /// Only capstone decodes it.
    CapstoneOnly,
    /// Both decode it to the same instruction, but our handler raises
    /// UNDEFINED when it runs (checked in the Advanced SIMD spaces only).
    Refused,
}

/// One disagreement.
struct Case<'a> {
    mode: Mode,
    kind: Kind,
    /// As our decoders take it (Thumb-2: first halfword on top).
    raw: u32,
    len: usize,
    ours: Option<&'static str>,
    /// Capstone's base mnemonic (see `base_mnemonic`).
    cs: Option<&'a str>,
}

impl Case<'_> {
    fn cs_is(&self, ms: &[&str]) -> bool {
        self.cs.is_some_and(|m| ms.contains(&m))
    }
}

struct Skip {
    what: &'static str,
    why: &'static str,
    applies: fn(&Case) -> bool,
}

/// Advanced SIMD loads/stores with Rn = PC or a register list past D31
/// (VLDn/VSTn pseudocode: "if n == 15 || d4 > 31 then UNPREDICTABLE"),
/// and VTBL/VTBX with a table past D31.
fn neon_unpredictable(c: &Case) -> bool {
    let Some(w) = neon_a32(c.mode, c.raw, c.len) else {
        return false;
    };
    let d = (w >> 22 & 1) << 4 | (w >> 12 & 0xf);
    let bit = |n: u32| w >> n & 1;
    let last = match c.ours.unwrap_or("") {
        "VLD_MULTI" | "VST_MULTI" => {
            let span = match w >> 8 & 0xf {
                0b0111 => 0,
                0b1010 | 0b1000 => 1,
                0b0110 | 0b1001 | 0b0100 => 2,
                0b0010 | 0b0011 | 0b0000 => 3,
                0b0101 => 4,
                0b0001 => 6,
                _ => return false,
            };
            d + span
        }
        "VLD_LANE" | "VST_LANE" => {
            let inc = match w >> 10 & 3 {
                0 => 1,
                1 => 1 + bit(5),
                _ => 1 + bit(6),
            };
            d + (w >> 8 & 3) * inc
        }
        "VLD_ALL" => {
            let n = w >> 8 & 3;
            d + if n == 0 { bit(5) } else { n * (1 + bit(5)) }
        }
        "VTBL" => {
            let vn = (w >> 7 & 1) << 4 | (w >> 16 & 0xf);
            return vn + (w >> 8 & 3) > 31;
        }
        _ => return false,
    };
    w >> 16 & 0xf == 15 || last > 31
}

/// Encodings with "should be" bits (SBZ/SBO, shown as (0)/(1) in the ARM
/// ARM) set the other way: (mode, mask, value, should-be mask, should-be
/// value, what). The encoding belongs to the instruction if `raw & mask ==
/// value`, and breaks the rule if `raw & sb_mask != sb_value`.
#[rustfmt::skip]
const SHOULD_BE: &[(Mode, u32, u32, u32, u32, &str)] = &[
    // A32.
    (Mode::Arm, 0x0e40_00f0, 0x0000_00b0, 0xf00, 0, "STRH/LDRH/LDRSB/LDRSH/LDRD/STRD (register): bits 11:8"),
    (Mode::Arm, 0x0e40_00f0, 0x0000_00d0, 0xf00, 0, "LDRD/STRD/LDRSB (register): bits 11:8"),
    (Mode::Arm, 0x0e40_00f0, 0x0000_00f0, 0xf00, 0, "LDRD/STRD/LDRSH (register): bits 11:8"),
    (Mode::Arm, 0x0fe0_00f0, 0x0000_0090, 0xf000, 0, "MUL: Ra"),
    (Mode::Arm, 0x0ff0_0090, 0x0160_0080, 0xf000, 0, "SMULxy: Ra"),
    (Mode::Arm, 0x0ff0_00b0, 0x0120_00a0, 0xf000, 0, "SMULWy: Ra"),
    (Mode::Arm, 0x0f80_0010, 0x0600_0010, 0xf00, 0xf00, "parallel add/subtract: bits 11:8"),
    (Mode::Arm, 0x0ff0_00f0, 0x0680_00b0, 0xf00, 0xf00, "SEL: bits 11:8"),
    (Mode::Arm, 0x0fb0_0070, 0x06b0_0030, 0x000f_0f00, 0x000f_0f00, "REV/REV16/RBIT/REVSH: bits 19:16, 11:8"),
    (Mode::Arm, 0x0ff0_00f0, 0x0160_0010, 0x000f_0f00, 0x000f_0f00, "CLZ: bits 19:16, 11:8"),
    (Mode::Arm, 0x0f80_00f0, 0x0680_0070, 0x300, 0, "extend and add: bits 9:8"),
    (Mode::Arm, 0x0fb0_00f0, 0x0100_0000, 0x000f_0fff, 0x000f_0000, "MRS: bits 19:16, 11:0"),
    (Mode::Arm, 0x0fb0_00f0, 0x0120_0000, 0xfff0, 0xf000, "MSR (register): bits 15:4"),
    (Mode::Arm, 0x0fe0_0000, 0x03a0_0000, 0x000f_0000, 0, "MOV/MVN (immediate): Rn"),
    (Mode::Arm, 0x0fe0_0000, 0x03e0_0000, 0x000f_0000, 0, "MOV/MVN (immediate): Rn"),
    (Mode::Arm, 0x0fe0_0010, 0x01a0_0000, 0x000f_0000, 0, "MOV/MVN (register): Rn"),
    (Mode::Arm, 0x0fe0_0010, 0x01e0_0000, 0x000f_0000, 0, "MOV/MVN (register): Rn"),
    (Mode::Arm, 0x0fe0_0090, 0x01a0_0010, 0x000f_0000, 0, "MOV/MVN (register-shifted register): Rn"),
    (Mode::Arm, 0x0fe0_0090, 0x01e0_0010, 0x000f_0000, 0, "MOV/MVN (register-shifted register): Rn"),
    (Mode::Arm, 0x0fff_0000, 0x0320_0000, 0xff00, 0xf000, "hints: bits 15:8"),
    (Mode::Arm, 0x0fbf_0e50, 0x0eb5_0a40, 0x2f, 0, "VCMP with zero: bits 5, 3:0"),
    (Mode::Arm, 0x0ff0_0f10, 0x0ee0_0a10, 0xef, 0, "VMSR: bits 7:5, 3:0"),
    (Mode::Arm, 0x0ff0_0f10, 0x0ef0_0a10, 0xef, 0, "VMRS: bits 7:5, 3:0"),
    (Mode::Arm, 0x0fb0_00f0, 0x0100_0090, 0xf00, 0, "SWP/SWPB: bits 11:8"),
    (Mode::Arm, 0x0f90_00f0, 0x0100_0050, 0xf00, 0, "QADD/QSUB/QDADD/QDSUB: bits 11:8"),
    // T32 and T16 (T16 entries have 16-bit masks).
    (Mode::Thumb, 0xffbf_0e50, 0xeeb5_0a40, 0x2f, 0, "VCMP with zero: bits 5, 3:0"),
    (Mode::Thumb, 0xfb10_8000, 0xf300_0000, 0x0400_0020, 0, "SSAT/USAT/SBFX/UBFX/BFI/BFC: bits 26, 5"),
    (Mode::Thumb, 0xfb70_f0c0, 0xf320_0000, 0x30, 0, "SSAT16/USAT16: bits 5:4"),
    (Mode::Thumb, 0xfff0_0f10, 0xeee0_0a10, 0xef, 0, "VMSR: bits 7:5, 3:0"),
    (Mode::Thumb, 0xfff0_0f10, 0xeef0_0a10, 0xef, 0, "VMRS: bits 7:5, 3:0"),
    (Mode::Thumb, 0xff00, 0x4700, 0x7, 0, "BX/BLX: bits 2:0"),
];

fn should_be_broken(c: &Case) -> bool {
    SHOULD_BE
        .iter()
        .any(|&(mode, mask, value, sb_mask, sb_value, _)| {
            mode == c.mode && c.raw & mask == value && c.raw & sb_mask != sb_value
            // The A32 entries are conditional instructions: cond = 1111
            // is the unconditional space (Neon among it).
            && (c.mode == Mode::Thumb || c.raw >> 28 != 0xf)
            // T16 patterns must not catch 32-bit words and vice versa.
            && (c.mode == Mode::Arm || (c.len == 2) == (mask >> 16 == 0))
        })
}

/// A32 coprocessor space and T32's copy of it (1110 110x, 1110 1110).
fn coproc_cp(c: &Case) -> Option<u32> {
    let top = match c.mode {
        Mode::Arm => c.raw >> 24 & 0xf,
        Mode::Thumb if c.len == 4 && c.raw >> 28 & 0xe == 0xe => c.raw >> 24 & 0xf,
        Mode::Thumb => return None,
    };
    (0xc..=0xe).contains(&top).then_some(c.raw >> 8 & 0xf)
}

/// UNPREDICTABLE register choices that we decode (and run, or refuse in
/// the handler) where capstone refuses to decode.
fn unpredictable_registers(c: &Case) -> bool {
    let raw = c.raw;
    let ours = c.ours.unwrap_or("");
    match (c.mode, c.len) {
        (Mode::Arm, _) => {
            // LDRD/STRD: odd Rt (Rt2 = PC for Rt = 14), or P = 0 with W = 1.
            (ours.starts_with("LDRD") || ours.starts_with("STRD"))
                && (raw >> 12 & 1 == 1 || (raw >> 24 & 1 == 0 && raw >> 21 & 1 == 1))
                // LDM/STM with an empty list.
                || (matches!(ours, "LDM" | "STM" | "LDM_u" | "STM_u") && raw & 0xffff == 0)
                // MSR (register) writing no field.
                || (ours == "MSR_reg" && raw >> 16 & 0xf == 0)
                // BKPT is unconditional.
                || (ours == "BKPT" && raw >> 28 != 0xe)
        }
        (Mode::Thumb, 2) => (ours == "LDM" || ours == "STM") && raw & 0xff == 0,
        (Mode::Thumb, _) => {
            let list = raw & 0xffff;
            let load = raw >> 20 & 1 == 1;
            let wback_in_list = raw >> 21 & 1 == 1 && list >> (raw >> 16 & 0xf) & 1 == 1;
            (ours == "LDM" || ours == "STM")
                && (list.count_ones() < 2
                    || list & 0x2000 != 0
                    || (!load && list & 0x8000 != 0)
                    || (load && list & 0xc000 == 0xc000)
                    || wback_in_list
                    || raw >> 16 & 0xf == 15)
        }
    }
}

/// VFP encodings we decode whose handler raises UNDEFINED, where capstone
/// refuses at decode: VLDM/VSTM beyond the register file, VMOV of two
/// singles with Sm = S31, VMOV scalar with a U/size combination that does
/// not exist, VMRS/VMSR of system registers we do not have.
fn vfp_undefined_in_handler(c: &Case) -> bool {
    let raw = c.raw;
    let ours = c.ours.unwrap_or("");
    if c.cs.is_some() {
        return false;
    }
    match ours {
        "VLDM_sp" | "VLDM_dp" | "VSTM_sp" | "VSTM_dp" => {
            let imm = raw & 0xff;
            if raw >> 8 & 1 == 1 {
                let d = (raw >> 22 & 1) << 4 | (raw >> 12 & 0xf);
                // Odd imm8 is FLDMX/FSTMX (deprecated), refused by capstone.
                imm & 1 == 1 || imm > 32 || d + imm / 2 > 32
            } else {
                let d = (raw >> 12 & 0xf) << 1 | (raw >> 22 & 1);
                imm == 0 || d + imm > 32
            }
        }
        "VMOV_to_2sp" | "VMOV_from_2sp" => raw & 0x2f == 0x2f,
        "VMOV_to_scalar" | "VMOV_from_scalar" => {
            let opc = (raw >> 21 & 3) << 2 | (raw >> 5 & 3);
            let u = raw >> 23 & 1;
            opc & 0b1011 == 0b0010 || (u == 1 && opc & 0b1011 == 0)
        }
        "VMRS" | "VMSR" => !matches!(raw >> 16 & 0xf, 0 | 1 | 6 | 7 | 8),
        _ => false,
    }
}

const V8_MNEMONICS: &[&str] = &[
    "vsel", "vselge", "vselgt", "vseleq", "vselvs", "vrinta", "vrintn", "vrintp", "vrintm",
    "vrintr", "vrintx", "vrintz", "vmaxnm", "vminnm", "vcvta", "vcvtn", "vcvtp", "vcvtm", "lda",
    "ldab", "ldah", "ldaex", "ldaexb", "ldaexh", "ldaexd", "stl", "stlb", "stlh", "stlex",
    "stlexb", "stlexh", "stlexd", "sevl", "hlt", "crc32b", "crc32h", "crc32w", "crc32cb",
    "crc32ch", "crc32cw", "bxns", "blxns", "sg", "tt", "tta", "ttt", "ttat", "vins", "vmovx",
    "setpan", "dcps1", "dcps2", "dcps3",
];

const SYSTEM_MNEMONICS: &[&str] = &[
    "cps", "cpsid", "cpsie", "rfeda", "rfedb", "rfeia", "rfeib", "srsda", "srsdb", "srsia",
    "srsib", "setend", "hvc", "smc", "eret", "subs",
];

const COPROC_MNEMONICS: &[&str] = &[
    "cdp", "cdp2", "ldc", "ldcl", "ldc2", "ldc2l", "stc", "stcl", "stc2", "stc2l", "mcr", "mcr2",
    "mrc", "mrc2", "mcrr", "mcrr2", "mrrc", "mrrc2",
];

/// The explained disagreements, tried in order.
const SKIPS: &[Skip] = &[
    Skip {
        what: "not ARMv7-A",
        why: "capstone decodes some ARMv8-A/ARMv8-M instructions (VSEL, VRINT, VCVT \
              to/from f64 with f16, half-precision arithmetic in coprocessor 9, \
              Advanced SIMD VCVT between f16 and fixed point (shift group opc 110x, \
              ARMv8.2 FP16), load-acquire/store-release, BXNS) even without its V8 \
              and M-class modes; on ARMv7-A they are UNDEFINED, as we decode them",
        applies: |c| {
            c.ours.is_none()
                && (c.cs_is(V8_MNEMONICS)
                    || (c.cs_is(&["vcvtt", "vcvtb"]) && c.raw >> 8 & 1 == 1)
                    || coproc_cp(c) == Some(9)
                    || (c.cs_is(&["vcvt"])
                        && neon_a32(c.mode, c.raw, c.len)
                            .is_some_and(|w| w >> 23 & 1 == 1 && w & 0xe90 == 0xc10)))
        }
            || (c.mode == Mode::Thumb && c.len == 2 && c.raw & 0xff07 == 0x4704),
    },
    Skip {
        what: "system level",
        why: "privileged or system-state instructions (CPS, RFE, SRS, SETEND, HVC, SMC, \
              LDM/STM of user registers or with exception return, MRS/MSR of banked \
              registers): UNPREDICTABLE or privileged in User mode and not modeled in \
              Linux user mode; system mode is issue 5",
        applies: |c| {
            c.ours.is_none()
                && (c.cs_is(SYSTEM_MNEMONICS)
                    || (c.mode == Mode::Arm && c.raw & 0x0e40_0000 == 0x0840_0000)
                    || (c.mode == Mode::Arm
                        && c.raw & 0x0f90_00f0 == 0x0100_0000
                        && c.raw & 0x200 != 0)
                    || (c.mode == Mode::Thumb && c.cs_is(&["mrs", "msr"]) && c.raw & 0x20 != 0))
        },
    },
    Skip {
        what: "coprocessors we do not have",
        why: "CDP/LDC/STC/MCRR/MRRC and the *2 forms for any coprocessor, and MCR/MRC \
              to CP10/CP11 outside the VFP transfers: the modeled CPU has only VFP \
              (CP10/11) and CP15, so these are UNDEFINED, as on hardware without the \
              coprocessor; capstone decodes any coprocessor number (MCR/MRC to \
              CP10/11 we decode generically and the handler raises UNDEFINED)",
        applies: |c| {
            (c.ours.is_none() && c.cs_is(COPROC_MNEMONICS) && coproc_cp(c).is_some())
                || (matches!(c.ours, Some("MCR" | "MRC"))
                    && c.cs.is_none()
                    && matches!(coproc_cp(c), Some(10 | 11)))
        },
    },
    Skip {
        what: "should-be bits",
        why: "SBZ/SBO bits set the other way (table SHOULD_BE) make the encoding \
              UNPREDICTABLE; where capstone decodes anyway we raise UNDEFINED, and \
              where capstone refuses we ignore the bits, as the ARM ARM permits either",
        applies: should_be_broken,
    },
    Skip {
        what: "UNPREDICTABLE registers",
        why: "register choices the ARM ARM makes UNPREDICTABLE (LDRD/STRD with odd Rt \
              or P=0 W=1, LDM/STM with an empty list, T32 LDM/STM with SP, PC+LR or \
              one register, MSR writing no field, conditional BKPT): capstone \
              refuses them; we decode them and do something the ARM ARM allows",
        applies: unpredictable_registers,
    },
    Skip {
        what: "VFP UNDEFINED in the handler",
        why: "VLDM/VSTM past the last register, FLDMX/FSTMX (odd imm8: we run \
              them as VLDM/VSTM of imm8/2 registers, UNDEFINED for none), VMOV \
              with Sm = S31 in the two-singles form, VMOV scalar with an \
              UNDEFINED U/size, VMRS/VMSR of other system registers: we decode \
              the pattern and the handler raises UNDEFINED (or runs the FLDMX \
              form); capstone refuses at decode. Those that raise UNDEFINED when \
              run count as agreement, so what is left here is the FLDMX/FSTMX form",
        applies: vfp_undefined_in_handler,
    },
    Skip {
        what: "Neon UNPREDICTABLE as UNDEFINED",
        why: "Advanced SIMD encodings the ARM ARM makes UNPREDICTABLE: element and \
              structure loads/stores with Rn = PC or a register list past D31, VTBL/VTBX \
              with a table past D31; capstone prints them (wrapping or naming system \
              registers), we raise UNDEFINED, as the ARM ARM permits",
        applies: |c| c.kind == Kind::Refused && neon_unpredictable(c),
    },
    Skip {
        what: "Neon half precision",
        why: "Advanced SIMD floating-point rows with sz = 1 are .F16 arithmetic of \
              ARMv8.2 FP16, which capstone decodes; on ARMv7-A they are UNDEFINED, as \
              our handlers raise",
        applies: |c| {
            c.kind == Kind::Refused
                && c.ours.is_some_and(|n| n.ends_with("_f"))
                && neon_a32(c.mode, c.raw, c.len).is_some_and(|w| w >> 20 & 1 == 1)
        },
    },
    Skip {
        what: "T32 load to PC as a hint",
        why: "T32 byte/halfword loads with Rt = PC: we decode the whole Rt = 1111 space \
              as the preload hint or NOP it mostly is (A6.3.8/A6.3.9); the writeback \
              and T forms there are UNPREDICTABLE, where capstone prints a load",
        applies: |c| {
            c.mode == Mode::Thumb
                && c.len == 4
                && c.raw & 0xfe00_f000 == 0xf800_f000
                && matches!(c.ours, Some("PLI" | "PLD" | "NOP"))
        },
    },
];

// ---------------------------------------------------------------------------
// The comparison.

struct Capstones {
    arm: Capstone,
    thumb: Capstone,
}

impl Capstones {
    fn new() -> Self {
        let build = |mode| Capstone::new().arm().mode(mode).build().unwrap();
        Capstones {
            arm: build(ArchMode::Arm),
            thumb: build(ArchMode::Thumb),
        }
    }

    /// (mnemonic, full text) of the one instruction in `bytes`. Each call
    /// is a separate cs_disasm, which starts outside any IT block.
    fn decode(&self, mode: Mode, bytes: &[u8]) -> Option<(String, String)> {
        let cs = match mode {
            Mode::Arm => &self.arm,
            Mode::Thumb => &self.thumb,
        };
        let insns = cs.disasm_count(bytes, 0x1_0000, 1).ok()?;
        let i = insns.iter().next()?;
        if i.len() != bytes.len() {
            return None;
        }
        let m = i.mnemonic().unwrap_or("").to_string();
        let text = format!("{} {}", m, i.op_str().unwrap_or(""));
        Some((m, text.trim_end().to_string()))
    }
}

#[derive(Default)]
struct Example {
    site: String,
    raw: u32,
    len: usize,
    text: String,
}

type ClassKey = (Mode, Kind, String, String, Option<usize>);

#[derive(Default)]
struct Tally {
    /// Distinct encodings compared.
    compared: usize,
    both_valid: usize,
    agree: usize,
    neither: usize,
    /// (mode, kind, ours, capstone, skip entry) → (count, first examples).
    classes: BTreeMap<ClassKey, (usize, Vec<Example>)>,
    seen: HashSet<(Mode, u32, usize)>,
    /// Encodings only we decode whose handler raises UNDEFINED.
    undefined_when_run: usize,
    runner: Runner,
}

/// A scratch machine that runs one instruction: code page RWX at
/// 0x10000, a data region at 0x20000 that every core register points
/// into (so loads and stores reach memory), flags clear.
struct Runner {
    mem: GuestMemory,
    interp: Interp,
}

impl Default for Runner {
    fn default() -> Self {
        let mut mem = GuestMemory::new().expect("reserve guest memory");
        mem.map(RUN_CODE, 0x1000, perm::RWX);
        mem.map(RUN_DATA, 0x1_0000, perm::RW);
        Runner {
            mem,
            interp: Interp::new(),
        }
    }
}

const RUN_CODE: u32 = 0x1_0000;
const RUN_DATA: u32 = 0x2_0000;

impl Runner {
    /// Whether the encoding raises UNDEFINED when run once. A32 words
    /// run with the condition AL (decoding does not depend on it).
    fn undefined(&mut self, mode: Mode, raw: u32, len: usize) -> bool {
        let bytes = match (mode, len) {
            (Mode::Arm, _) if raw >> 28 != 0xf => (raw & 0x0fff_ffff | 0xe000_0000).to_le_bytes(),
            (Mode::Arm, _) => raw.to_le_bytes(),
            (Mode::Thumb, 2) => (raw | 0xbf00 << 16).to_le_bytes(),
            (Mode::Thumb, _) => (raw.rotate_left(16)).to_le_bytes(),
        };
        self.mem.poke_bytes(RUN_CODE, &bytes).unwrap();
        self.interp.invalidate_page(&mut self.mem, RUN_CODE);
        let mut cpu = CpuState::new();
        cpu.r = [RUN_DATA + 0x8000; 16];
        cpu.r[15] = RUN_CODE;
        cpu.thumb = mode == Mode::Thumb;
        let limit = cpu.icount + 1;
        matches!(
            self.interp.run(&mut cpu, &mut self.mem, limit),
            Exit::Undefined { .. }
        )
    }
}

impl Tally {
    fn check(
        &mut self,
        cs: &Capstones,
        mode: Mode,
        raw: u32,
        len: usize,
        site: &dyn Fn() -> String,
    ) {
        if !self.seen.insert((mode, raw, len)) {
            return;
        }
        self.compared += 1;
        let ctx = Ctx::default();
        let (ours, bytes): (Option<&'static str>, Vec<u8>) = match (mode, len) {
            (Mode::Arm, _) => (
                decode_arm(raw).map(|i| i.name()),
                raw.to_le_bytes().to_vec(),
            ),
            (Mode::Thumb, 2) => (
                decode_thumb16(raw as u16, &ctx).map(|i| i.name()),
                (raw as u16).to_le_bytes().to_vec(),
            ),
            (Mode::Thumb, _) => (
                decode_thumb32(raw, &ctx).map(|i| i.name()),
                [
                    ((raw >> 16) as u16).to_le_bytes(),
                    (raw as u16).to_le_bytes(),
                ]
                .concat(),
            ),
        };
        let theirs = cs.decode(mode, &bytes);
        let kind = match (&ours, &theirs) {
            (None, None) => {
                self.neither += 1;
                return;
            }
            (Some(name), Some((m, _))) => {
                self.both_valid += 1;
                let exact = neon_a32(mode, raw, len).and_then(|w| neon_form(name, w));
                let same = match exact {
                    Some(e) => m.split('.').next() == Some(e.as_str()),
                    None => matches(name, m),
                };
                if !same {
                    Kind::Mismatch
                } else if neon_a32(mode, raw, len).is_some()
                    && self.runner.undefined(mode, raw, len)
                {
                    Kind::Refused
                } else {
                    self.agree += 1;
                    return;
                }
            }
            // Our UDF pattern is an UNDEFINED encoding, as capstone's
            // refusal is.
            (Some("UDF"), None) => {
                self.neither += 1;
                return;
            }
            // So is an encoding whose handler raises UNDEFINED when run.
            (Some(_), None) if self.runner.undefined(mode, raw, len) => {
                self.neither += 1;
                self.undefined_when_run += 1;
                return;
            }
            (Some(_), None) => Kind::OursOnly,
            (None, Some(_)) => Kind::CapstoneOnly,
        };
        let theirs_base = theirs.as_ref().map(|(m, _)| base_mnemonic(m));
        let case = Case {
            mode,
            kind,
            raw,
            len,
            ours,
            cs: theirs_base.as_deref(),
        };
        let skip = SKIPS.iter().position(|s| (s.applies)(&case));
        let key = (
            mode,
            kind,
            ours.unwrap_or("invalid").to_string(),
            theirs_base.unwrap_or_else(|| "invalid".to_string()),
            skip,
        );
        let entry = self.classes.entry(key).or_default();
        entry.0 += 1;
        if entry.1.len() < 4 {
            entry.1.push(Example {
                site: site(),
                raw,
                len,
                text: theirs.map_or(String::new(), |(_, t)| t),
            });
        }
    }
}

fn encoding(raw: u32, len: usize, mode: Mode) -> String {
    match (mode, len) {
        (Mode::Thumb, 2) => format!("{raw:04x}"),
        (Mode::Thumb, _) => format!("{:04x} {:04x}", raw >> 16, raw & 0xffff),
        (Mode::Arm, _) => format!("{raw:08x}"),
    }
}

fn guest_binaries() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/guests/bin");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.ends_with(".arm") || n.ends_with(".thumb") || n == "demo"
        })
        .collect();
    files.sort();
    files
}

#[test]
fn decoders_agree_with_capstone() {
    let start = std::time::Instant::now();
    let cs = Capstones::new();
    let mut t = Tally::default();
    // The scratch machine runs valid encodings (so that its UNDEFINED
    // means the encoding, not the set-up) and refuses UNDEFINED ones.
    for (mode, raw, len, undef) in [
        (Mode::Arm, 0xf200_0800, 4, false),   // vadd.i8 d0, d0, d0
        (Mode::Arm, 0xf200_0b00, 4, true),    // vqdmulh.s8: size 00
        (Mode::Arm, 0xf420_070f, 4, false),   // vld1.8 {d0}, [r0]
        (Mode::Arm, 0x1ee0_3b10, 4, false),   // vdupne.8 q0, r3
        (Mode::Thumb, 0xef00_0840, 4, false), // vadd.i8 q0, q0, q0
        (Mode::Thumb, 0xef00_0841, 4, true),  // vadd.i8 with Q = 1, odd Vm
        (Mode::Thumb, 0xeee1_3b10, 4, true),  // vdup.8 with Q = 1, odd Vd
        (Mode::Thumb, 0x1840, 2, false),      // adds r0, r0, r1
    ] {
        assert_eq!(
            t.runner.undefined(mode, raw, len),
            undef,
            "{mode:?} {raw:08x}"
        );
    }
    let files = guest_binaries();
    assert!(files.len() > 10, "guest binaries missing: {files:?}");
    let mut text_bytes = 0usize;
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let data = std::fs::read(path).unwrap();
        let elf = object::File::parse(&*data).unwrap();
        for section in elf.sections() {
            if section.kind() != SectionKind::Text {
                continue;
            }
            let base = section.address() as u32;
            let bytes = section.data().unwrap();
            text_bytes += bytes.len();
            let site = |off: usize| format!("{name}:{:08x}", base + off as u32);
            // ARM: every aligned word.
            let first = ((4 - base % 4) % 4) as usize;
            for off in (first..bytes.len().saturating_sub(3)).step_by(4) {
                let w = u32::from_le_bytes(bytes[off..off + 4].try_into().unwrap());
                t.check(&cs, Mode::Arm, w, 4, &|| site(off));
            }
            // Thumb: a linear sweep.
            let mut off = (base % 2) as usize;
            while off + 2 <= bytes.len() {
                let hw1 = u16::from_le_bytes([bytes[off], bytes[off + 1]]);
                if !is_thumb32(hw1) {
                    t.check(&cs, Mode::Thumb, hw1 as u32, 2, &|| site(off));
                    off += 2;
                } else if off + 4 <= bytes.len() {
                    let hw2 = u16::from_le_bytes([bytes[off + 2], bytes[off + 3]]);
                    let raw = (hw1 as u32) << 16 | hw2 as u32;
                    t.check(&cs, Mode::Thumb, raw, 4, &|| site(off));
                    off += 4;
                } else {
                    break;
                }
            }
        }
    }
    // Every 16-bit Thumb encoding.
    for hw in 0..=u16::MAX {
        if !is_thumb32(hw) {
            t.check(&cs, Mode::Thumb, hw as u32, 2, &|| "all-t16".to_string());
        }
    }

    let mut report = String::new();
    let mut unexplained = 0;
    let mut explained_cases = 0;
    for ((mode, kind, ours, theirs, skip), (count, examples)) in &t.classes {
        let skip = skip.map(|i| &SKIPS[i]);
        match skip {
            Some(_) => explained_cases += count,
            None => unexplained += 1,
        }
        let _ = writeln!(
            report,
            "{} {:?} {:?}: ours {ours}, capstone {theirs}: {count} encoding(s){}",
            if skip.is_some() { "  skip" } else { "  FAIL" },
            mode,
            kind,
            skip.map_or(String::new(), |s| format!(" [{}: {}]", s.what, s.why)),
        );
        for e in examples {
            let _ = writeln!(
                report,
                "        {:<28} {:<9}  {}",
                e.site,
                encoding(e.raw, e.len, *mode),
                if e.text.is_empty() {
                    "(invalid)"
                } else {
                    &e.text
                }
            );
        }
    }
    println!(
        "decode vs capstone: {} KiB of text in {} files; {} distinct encodings compared \
         ({} ARM-mode words, {} Thumb), both valid {}, same instruction {} ({:.3}%), \
         neither valid {} ({} of them decoded by us but UNDEFINED when run), \
         disagreements {} in {} classes ({} explained by the skip list), {:.1} s",
        text_bytes / 1024,
        files.len(),
        t.compared,
        t.seen.iter().filter(|k| k.0 == Mode::Arm).count(),
        t.seen.iter().filter(|k| k.0 == Mode::Thumb).count(),
        t.both_valid,
        t.agree,
        100.0 * t.agree as f64 / t.both_valid.max(1) as f64,
        t.neither,
        t.undefined_when_run,
        t.classes.values().map(|c| c.0).sum::<usize>(),
        t.classes.len(),
        explained_cases,
        start.elapsed().as_secs_f64()
    );
    println!("{report}");
    assert_eq!(
        unexplained, 0,
        "{unexplained} disagreement class(es) are not in the skip list (FAIL lines above)"
    );
}

#[test]
fn mnemonic_matching() {
    assert!(matches("ADD_rrri", "addseq"));
    assert!(matches("ADD_rri", "add.w"));
    assert!(matches("B_cond", "bls"));
    assert!(matches("TEQ_xrri", "teq"));
    assert!(matches("MLS", "mlsne"));
    assert!(matches("IT", "itte"));
    assert!(matches("VADD_sp", "vaddeq.f32"));
    assert!(matches("VADDL", "vaddl.s16"));
    assert!(!matches("ADD_rrri", "sub"));
    assert!(!matches("BL", "b"));
    assert_eq!(base_mnemonic("addeq"), "add");
    assert_eq!(base_mnemonic("teq"), "teq");
    assert_eq!(base_mnemonic("swpeq"), "swp");
    assert_eq!(base_mnemonic("vaddne.f64"), "vadd");
    assert_eq!(base_mnemonic("hvc"), "hvc");
    assert!(matches("VCEQ0", "vceq.i32"));
    assert!(matches("VLD_MULTI", "vld4.8"));
    assert_eq!(neon_form("VSHLL", 0xf388_6a30).as_deref(), Some("vmovl"));
    assert_eq!(neon_form("VSHLL", 0xf389_6a30).as_deref(), Some("vshll"));
    assert_eq!(neon_form("VTBL", 0xf3f0_5bc8).as_deref(), Some("vtbx"));
    assert_eq!(neon_form("VQSHRN", 0xf2d1_0970).as_deref(), Some("vqrshrn"));
    assert_eq!(neon_form("VMOVN", 0xf3f2_a2a8).as_deref(), Some("vqmovn"));
    assert_eq!(neon_form("VST_MULTI", 0xf400_0000).as_deref(), Some("vst4"));
    assert_eq!(neon_a32(Mode::Thumb, 0xfff2_a2a8, 4), Some(0xf3f2_a2a8));
    assert_eq!(neon_a32(Mode::Thumb, 0xf929_ffff, 4), Some(0xf429_ffff));
}

/// Decoder fixes this comparison found stay fixed.
#[test]
fn fixed_encodings() {
    let ctx = Ctx::default();
    let t32 = |w: u32| decode_thumb32(w, &ctx).map(|i| i.name());
    // SWP/SWPB were missing from A32.
    assert_eq!(decode_arm(0xe10d_3092).map(|i| i.name()), Some("SWP"));
    assert_eq!(decode_arm(0xe14d_5091).map(|i| i.name()), Some("SWPB"));
    // BLX (immediate) with H = 1 is UNDEFINED; it decoded as BLX.
    assert_eq!(t32(0xf00c_e08f), None);
    assert_eq!(t32(0xf00c_e08e), Some("BLX_i"));
    // T32 stores with Rn = PC are UNDEFINED; they decoded as stores.
    assert_eq!(t32(0xf82f_ffff), Some("UDF"));
    assert_eq!(t32(0xf8cf_0004), Some("UDF"));
    // The misc-control space with cond = 111x is not B<cond>.
    assert_eq!(t32(0xf3a6_8be8), Some("UDF"));
    assert_eq!(t32(0xf3af_8000), Some("NOP"));
    assert_eq!(t32(0xf43f_aefe), Some("B_cond"));
    // USAT16/SSAT16 with bits 5:4 set decoded as USAT/SSAT with ASR #0.
    assert_eq!(t32(0xf3ac_0b18), Some("USAT16"));
    assert_eq!(t32(0xf32c_0b18), Some("SSAT16"));
}

mod common;

/// SWP and SWPB run: the result 5 + 7 + 7 + 5 is the exit status.
#[test]
fn swp_runs() {
    let code = [
        0xe24d_d008, // sub sp, sp, #8
        0xe3a0_1005, // mov r1, #5
        0xe58d_1000, // str r1, [sp]
        0xe3a0_2007, // mov r2, #7
        0xe10d_3092, // swp r3, r2, [sp]      r3 = 5, [sp] = 7
        0xe59d_4000, // ldr r4, [sp]          r4 = 7
        0xe14d_5091, // swpb r5, r1, [sp]     r5 = 7, [sp] = 5
        0xe59d_6000, // ldr r6, [sp]          r6 = 5
        0xe083_0004, // add r0, r3, r4
        0xe080_0005, // add r0, r0, r5
        0xe080_0006, // add r0, r0, r6
        0xe3a0_7001, // mov r7, #1
        0xef00_0000, // svc 0 (exit)
    ];
    let dir = common::TempDir::new("swp");
    let p = dir.0.join("swp");
    std::fs::write(&p, common::arm_elf(&code, None)).unwrap();
    let out = common::run_in(&dir.0, &["user", p.to_str().unwrap()], None);
    assert_eq!(
        out.status.code(),
        Some(24),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
