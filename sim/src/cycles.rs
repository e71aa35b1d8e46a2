//! The cycle model: a fixed cost, in cycles, for each retired instruction,
//! decided from its encoding alone. The figures are the Cortex-A8's issue
//! costs; `docs/cycle-model.md` gives each class's source (the A8 TRM's
//! timing chapter, GCC's and LLVM's A8 scheduling models) and what the
//! model leaves out.
//!
//! The cost is stored in each predecoded `Op`, so the interpreter (per
//! instruction) and the compiled tier (summed per block at translate
//! time) count from the same numbers and agree to the cycle. A
//! condition-failed instruction costs what it would have cost. Virtual
//! time stays icount-based; cycles are a statistic.

use crate::decode::{ArgLdstRr, Insn};
use crate::interp::multi_shape;

/// Cycles for one execution of `insn`. `raw` is the encoding as fetched:
/// Neon data-processing forms whose arguments do not carry the Q bit have
/// it at bit 6 in both instruction sets.
pub fn cost(insn: &Insn, raw: u32) -> u8 {
    use Insn::*;
    let q = raw >> 6 & 1 != 0;
    // Table class numbers refer to docs/cycle-model.md.
    let d_or_q = |d: u8, q_cost: u8| if q { q_cost } else { d };
    // Neon integer multiplies: .8/.16 elements 1 (D) / 2 (Q); .32 twice.
    let neon_mul = |size: i32, q: bool| {
        let d = if size >= 2 { 2 } else { 1 };
        if q {
            d * 2
        } else {
            d
        }
    };
    match insn {
        // 3, 4a-4c: multiplies.
        Mul(_) | Mla(_) | Mls(_) => 2,
        Umull(_) | Umlal(_) | Smull(_) | Smlal(_) | Umaal(_) => 3,
        Smulxy(_) | Smlaxy(_) | Smlalxy(_) | Smlawy(_) | Smmul(_) | Smmla(_) | Smmls(_)
        | Smlad(_) | Smlsd(_) | Smlald(_) | Smlsld(_) => 2,
        Smulwy(_) | Smuad(_) | Smusd(_) => 1,
        // 5: the Cortex-A7's figure (the A8 has no divider).
        Sdiv(_) | Udiv(_) => 5,

        // 6, 6s, 6p: single loads and stores.
        LdrRr(a) => scaled(a) + u8::from(a.rt == 15),
        StrRr(a) | LdrbRr(a) | StrbRr(a) | LdrhRr(a) | StrhRr(a) | LdrsbRr(a) | LdrshRr(a) => {
            scaled(a)
        }
        LdrRi(a) => 1 + u8::from(a.rt == 15),
        // 8: two registers per cycle after a first transfer alone, one
        // more for a load of PC.
        Ldm(a) | LdmU(a) => multiple(a.list) + u8::from(a.list & 0x8000 != 0),
        Stm(a) | StmU(a) => multiple(a.list),
        Srs(_) | Rfe(_) => 2,
        // 11: a table branch is a load to PC.
        Tbb(_) | Tbh(_) => 2,

        // 13-16: VFP, on the A8's non-pipelined VFPLite unit.
        VaddSp(_) | VsubSp(_) | VaddDp(_) | VsubDp(_) => 10,
        VmulSp(_) | VnmulSp(_) => 12,
        VmulDp(_) | VnmulDp(_) => 17,
        VmlaSp(_) | VmlsSp(_) | VnmlaSp(_) | VnmlsSp(_) | VfmaSp(_) | VfmsSp(_) | VfnmaSp(_)
        | VfnmsSp(_) => 21,
        VmlaDp(_) | VmlsDp(_) | VnmlaDp(_) | VnmlsDp(_) | VfmaDp(_) | VfmsDp(_) | VfnmaDp(_)
        | VfnmsDp(_) => 26,
        VnegSp(_) | VnegDp(_) | VabsSp(_) | VabsDp(_) | VmovRegSp(_) | VmovRegDp(_)
        | VmovImmSp(_) | VmovImmDp(_) | VcmpSp(_) | VcmpDp(_) => 4,
        VdivSp(_) => 37,
        VdivDp(_) => 65,
        VsqrtSp(_) => 33,
        VsqrtDp(_) => 60,
        VcvtF32F64(_) => 5,
        VcvtF64F32(_) | VcvtF32F16(_) | VcvtF16F32(_) => 7,
        VcvtSpInt(_) | VcvtDpInt(_) | VcvtIntSp(_) | VcvtIntDp(_) | VcvtFixSp(_) | VcvtFixDp(_) => {
            9
        }

        // 17b, 17c: VFP transfers (VLDR/VSTR are the default 1).
        VldmSp(a) | VstmSp(a) | VldmDp(a) | VstmDp(a) => {
            let regs = if matches!(insn, VldmDp(_) | VstmDp(_)) {
                a.imm / 2
            } else {
                a.imm
            };
            (regs.max(0) as u32).div_ceil(2).min(254) as u8 + 1
        }
        VmovTo2sp(_) | VmovFrom2sp(_) | VmovToDp(_) | VmovFromDp(_) => 2,

        // 18q: Q forms that take two passes.
        VshlR(_) | VqshlR(_) | VrshlR(_) | VqrshlR(_) | Vbsl(_) | Vbit(_) | Vbif(_) | Vcnt(_)
        | Vcls(_) | Vaba(_) => d_or_q(1, 2),
        // 19: Neon integer multiplies.
        Vmul(a) | Vmla(a) | Vmls(a) | Vqdmulh(a) | Vqrdmulh(a) => neon_mul(a.size, q),
        VmulP(_) => d_or_q(1, 2),
        Vmull(a) | Vmlal(a) | Vmlsl(a) | Vqdmull(a) | Vqdmlal(a) | Vqdmlsl(a) => {
            neon_mul(a.size, false)
        }
        VmullP(_) => 1,
        // By-scalar forms are costed as their D-register form.
        VmulScalar(a) | VmlaScalar(a) | VmlsScalar(a) | VqdmulhScalar(a) | VqrdmulhScalar(a)
        | VmullScalar(a) | VmlalScalar(a) | VmlslScalar(a) | VqdmullScalar(a)
        | VqdmlalScalar(a) | VqdmlslScalar(a) => neon_mul(a.size, false),
        // 16, 20: Neon floating point.
        VaddF(_) | VsubF(_) | VpaddF(_) | VabdF(_) | VmulF(_) | VmlaF(_) | VmlsF(_) | VfmaF(_)
        | VfmsF(_) | VceqF(_) | VcgeF(_) | VcgtF(_) | Vacge(_) | Vacgt(_) | VmaxF(_) | VminF(_)
        | VpmaxF(_) | VpminF(_) | Vrecps(_) | Vrsqrts(_) | VcvtFi(_) | Vrecpe(_) | Vrsqrte(_) => {
            d_or_q(1, 2)
        }
        VcvtFixedToF(a) | VcvtFToFixed(a) => 1 + (a.q != 0) as u8,
        VmulScalarF(_) | VmlaScalarF(_) | VmlsScalarF(_) => 1,
        // 21, 21b: Neon structure loads and stores.
        VldMulti(a) | VstMulti(a) => {
            let load = matches!(insn, VldMulti(_));
            match multi_shape(a.itype as u32, a.size as u32, a.align as u32) {
                Some(m) if m.n == 1 => 1 + m.regs.div_ceil(2) as u8,
                Some(m) if m.n == 2 && m.regs == 1 => 2,
                Some(m) if m.n == 2 && load => 3,
                _ => 4,
            }
        }
        VldLane(a) => [3, 3, 5, 5][a.n as usize & 3],
        VstLane(a) => [2, 2, 3, 3][a.n as usize & 3],
        VldAll(a) => [2, 2, 3, 3][a.n as usize & 3],
        // 22: permutes.
        Vuzp(_) | Vtrn(_) => d_or_q(1, 2),
        Vzip(_) => d_or_q(1, 3),
        Vext(a) => 1 + (a.q != 0) as u8,
        Vtbl(a) => 2 + u8::from(a.len >= 2),

        // 1, 2, 6 (immediate offsets), 7, 9, 10, 11 (CBZ), 12, 17a, 18,
        // 22 (D forms): one cycle.
        _ => 1,
    }
}

/// A register-offset load or store: one cycle for `[Rn, ±Rm]` and
/// `[Rn, Rm, LSL #2]`, two for any other shift (6s).
fn scaled(a: &ArgLdstRr) -> u8 {
    let cheap = a.shtype == 0 && (a.shimm == 0 || a.shimm == 2);
    if cheap {
        1
    } else {
        2
    }
}

/// LDM/STM of the registers in `list`: the first transfer alone, then
/// two registers a cycle (the address is not known to be 64-bit aligned).
fn multiple(list: i32) -> u8 {
    (list as u32 & 0xffff).count_ones() as u8 / 2 + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode_arm;

    fn arm(word: u32) -> u8 {
        cost(&decode_arm(word).expect("decodes"), word)
    }

    #[test]
    fn costs_follow_the_documented_classes() {
        assert_eq!(arm(0xe0810002), 1, "add r0, r1, r2");
        assert_eq!(arm(0xe0810312), 1, "add r0, r1, r2, lsl r3");
        assert_eq!(arm(0xe0000291), 2, "mul r0, r1, r2");
        assert_eq!(arm(0xe0810392), 3, "umull r0, r1, r2, r3");
        assert_eq!(arm(0xe7910102), 1, "ldr r0, [r1, r2, lsl #2]");
        assert_eq!(arm(0xe7910182), 2, "ldr r0, [r1, r2, lsl #3]");
        assert_eq!(arm(0xe49df004), 2, "ldr pc, [sp], #4");
        assert_eq!(arm(0xe92d4010), 2, "push {{r4, lr}}");
        assert_eq!(arm(0xe92d41f0), 4, "push {{r4-r8, lr}}");
        assert_eq!(arm(0xe8bd8010), 3, "pop {{r4, pc}}");
        assert_eq!(arm(0xee300a01), 10, "vadd.f32 s0, s0, s2");
        assert_eq!(arm(0xee200b01), 17, "vmul.f64 d0, d0, d1");
        assert_eq!(arm(0xee800b01), 65, "vdiv.f64 d0, d0, d1");
        assert_eq!(arm(0xecbd8b10), 5, "vpop {{d8-d15}}");
        assert_eq!(arm(0xf2000840), 1, "vadd.i8 q0, q0, q0");
        assert_eq!(arm(0xf2200950), 4, "vmul.i32 q0, q0, q0");
        assert_eq!(arm(0xf2000d40), 2, "vadd.f32 q0, q0, q0");
        assert_eq!(arm(0xf2000d00), 1, "vadd.f32 d0, d0, d0");
    }
}
