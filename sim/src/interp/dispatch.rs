//! The dispatch table: each decoded pattern to the handler that defines
//! its semantics. Patterns that share semantics (the same instruction in
//! A32, T32 and T16, or a family like the data-processing operations)
//! reach one handler with a parameter.

use super::dp::DpOp;
use super::exec::{Exec, Flow, Trap, R};
use super::ldst::Width;
use super::misc::{Extend, Rev};
use super::mul::LongMul;
use super::neon::DiffOp;
use super::parallel::{ParKind, ParOp};
use crate::decode::*;
use crate::fp;

impl Visitor for Exec<'_> {
    type Out = R;

    fn adc_rri(&mut self, a: ArgSRriRot) -> R {
        self.dp_imm(DpOp::Adc, a)
    }

    fn adc_rrri(&mut self, a: ArgSRrrShi) -> R {
        self.dp_shi(DpOp::Adc, a)
    }

    fn adc_rrrr(&mut self, a: ArgSRrrShr) -> R {
        self.dp_shr(DpOp::Adc, a)
    }

    fn add_rri(&mut self, a: ArgSRriRot) -> R {
        self.dp_imm(DpOp::Add, a)
    }

    fn add_rrri(&mut self, a: ArgSRrrShi) -> R {
        self.dp_shi(DpOp::Add, a)
    }

    fn add_rrrr(&mut self, a: ArgSRrrShr) -> R {
        self.dp_shr(DpOp::Add, a)
    }

    fn adr(&mut self, a: ArgRi) -> R {
        self.adr(a)
    }

    fn and_rri(&mut self, a: ArgSRriRot) -> R {
        self.dp_imm(DpOp::And, a)
    }

    fn and_rrri(&mut self, a: ArgSRrrShi) -> R {
        self.dp_shi(DpOp::And, a)
    }

    fn and_rrrr(&mut self, a: ArgSRrrShr) -> R {
        self.dp_shr(DpOp::And, a)
    }

    fn b(&mut self, a: ArgI) -> R {
        self.b(a)
    }

    fn bfc(&mut self, a: ArgBfi) -> R {
        self.bfi(a)
    }

    fn bfi(&mut self, a: ArgBfi) -> R {
        self.bfi(a)
    }

    fn bic_rri(&mut self, a: ArgSRriRot) -> R {
        self.dp_imm(DpOp::Bic, a)
    }

    fn bic_rrri(&mut self, a: ArgSRrrShi) -> R {
        self.dp_shi(DpOp::Bic, a)
    }

    fn bic_rrrr(&mut self, a: ArgSRrrShr) -> R {
        self.dp_shr(DpOp::Bic, a)
    }

    fn bkpt(&mut self, a: ArgI) -> R {
        self.bkpt(a)
    }

    fn bl(&mut self, a: ArgI) -> R {
        self.bl(a)
    }

    fn blx_i(&mut self, a: ArgI) -> R {
        self.blx_i(a)
    }

    fn blx_r(&mut self, a: ArgR) -> R {
        self.blx_r(a)
    }

    fn bx(&mut self, a: ArgR) -> R {
        self.bx(a)
    }

    fn b_cond(&mut self, a: ArgCi) -> R {
        self.b_cond(a)
    }

    fn cbz(&mut self, a: ArgCbz) -> R {
        self.cbz(a)
    }

    fn clrex(&mut self, a: ArgEmpty) -> R {
        {
            let _ = a;
            self.clrex()
        }
    }

    fn clz(&mut self, a: ArgRr) -> R {
        self.rev(a, Rev::LeadingZeros)
    }

    fn cmn_xri(&mut self, a: ArgSRriRot) -> R {
        self.dp_imm(DpOp::Cmn, a)
    }

    fn cmn_xrri(&mut self, a: ArgSRrrShi) -> R {
        self.dp_shi(DpOp::Cmn, a)
    }

    fn cmn_xrrr(&mut self, a: ArgSRrrShr) -> R {
        self.dp_shr(DpOp::Cmn, a)
    }

    fn cmp_xri(&mut self, a: ArgSRriRot) -> R {
        self.dp_imm(DpOp::Cmp, a)
    }

    fn cmp_xrri(&mut self, a: ArgSRrrShi) -> R {
        self.dp_shi(DpOp::Cmp, a)
    }

    fn cmp_xrrr(&mut self, a: ArgSRrrShr) -> R {
        self.dp_shr(DpOp::Cmp, a)
    }

    fn dmb(&mut self, a: ArgEmpty) -> R {
        {
            let _ = a;
            Ok(Flow::Next)
        }
    }

    fn dsb(&mut self, a: ArgEmpty) -> R {
        {
            let _ = a;
            Ok(Flow::Next)
        }
    }

    fn eor_rri(&mut self, a: ArgSRriRot) -> R {
        self.dp_imm(DpOp::Eor, a)
    }

    fn eor_rrri(&mut self, a: ArgSRrrShi) -> R {
        self.dp_shi(DpOp::Eor, a)
    }

    fn eor_rrrr(&mut self, a: ArgSRrrShr) -> R {
        self.dp_shr(DpOp::Eor, a)
    }

    fn isb(&mut self, a: ArgEmpty) -> R {
        {
            let _ = a;
            Ok(Flow::Next)
        }
    }

    fn it(&mut self, a: ArgIt) -> R {
        {
            let _ = a;
            Ok(Flow::Next)
        }
    }

    fn ldm(&mut self, a: ArgLdstBlock) -> R {
        self.ldm(a)
    }

    fn ldm_u(&mut self, a: ArgLdstBlock) -> R {
        self.ldm_user(a)
    }

    fn ldrb_ri(&mut self, a: ArgLdstRi) -> R {
        self.ldr_ri(a, Width::Byte)
    }

    fn ldrb_rr(&mut self, a: ArgLdstRr) -> R {
        self.ldr_rr(a, Width::Byte)
    }

    fn ldrd_ri(&mut self, a: ArgLdstdRi) -> R {
        self.ldrd_ri(a)
    }

    fn ldrd_rr(&mut self, a: ArgLdstdRr) -> R {
        self.ldrd_rr(a)
    }

    fn ldrex(&mut self, a: ArgLdrex) -> R {
        self.ldrex(a, 4)
    }

    fn ldrexb(&mut self, a: ArgLdrex) -> R {
        self.ldrex(a, 1)
    }

    fn ldrexd(&mut self, a: ArgLdrex) -> R {
        self.ldrex(a, 8)
    }

    fn ldrexh(&mut self, a: ArgLdrex) -> R {
        self.ldrex(a, 2)
    }

    fn ldrh_ri(&mut self, a: ArgLdstRi) -> R {
        self.ldr_ri(a, Width::Half)
    }

    fn ldrh_rr(&mut self, a: ArgLdstRr) -> R {
        self.ldr_rr(a, Width::Half)
    }

    fn ldrsb_ri(&mut self, a: ArgLdstRi) -> R {
        self.ldr_ri(a, Width::SByte)
    }

    fn ldrsb_rr(&mut self, a: ArgLdstRr) -> R {
        self.ldr_rr(a, Width::SByte)
    }

    fn ldrsh_ri(&mut self, a: ArgLdstRi) -> R {
        self.ldr_ri(a, Width::SHalf)
    }

    fn ldrsh_rr(&mut self, a: ArgLdstRr) -> R {
        self.ldr_rr(a, Width::SHalf)
    }

    fn ldr_ri(&mut self, a: ArgLdstRi) -> R {
        self.ldr_ri(a, Width::Word)
    }

    fn ldr_rr(&mut self, a: ArgLdstRr) -> R {
        self.ldr_rr(a, Width::Word)
    }

    fn mcr(&mut self, a: ArgMcr) -> R {
        self.mcr(a)
    }

    fn mla(&mut self, a: ArgSRrrr) -> R {
        self.mul(a, true)
    }

    fn mls(&mut self, a: ArgRrrr) -> R {
        self.mls(a)
    }

    fn movt(&mut self, a: ArgRi) -> R {
        self.movt(a)
    }

    fn movw(&mut self, a: ArgRi) -> R {
        self.movw(a)
    }

    fn mov_rxi(&mut self, a: ArgSRriRot) -> R {
        self.dp_imm(DpOp::Mov, a)
    }

    fn mov_rxri(&mut self, a: ArgSRrrShi) -> R {
        self.dp_shi(DpOp::Mov, a)
    }

    fn mov_rxrr(&mut self, a: ArgSRrrShr) -> R {
        self.dp_shr(DpOp::Mov, a)
    }

    fn mrc(&mut self, a: ArgMcr) -> R {
        self.mrc(a)
    }

    fn mrs(&mut self, a: ArgMrs) -> R {
        self.mrs(a)
    }

    fn msr_imm(&mut self, a: ArgMsrImm) -> R {
        self.msr_imm(a)
    }

    fn msr_reg(&mut self, a: ArgMsrReg) -> R {
        self.msr_reg(a)
    }

    fn mul(&mut self, a: ArgSRrrr) -> R {
        self.mul(a, false)
    }

    fn mvn_rxi(&mut self, a: ArgSRriRot) -> R {
        self.dp_imm(DpOp::Mvn, a)
    }

    fn mvn_rxri(&mut self, a: ArgSRrrShi) -> R {
        self.dp_shi(DpOp::Mvn, a)
    }

    fn mvn_rxrr(&mut self, a: ArgSRrrShr) -> R {
        self.dp_shr(DpOp::Mvn, a)
    }

    fn mcrr(&mut self, a: ArgMcrr) -> R {
        self.mcrr(a)
    }

    fn mrrc(&mut self, a: ArgMcrr) -> R {
        self.mrrc(a)
    }

    fn cps(&mut self, a: ArgCps) -> R {
        self.cps(a)
    }

    fn sev(&mut self, a: ArgEmpty) -> R {
        let _ = a;
        self.sev()
    }

    fn wfe(&mut self, a: ArgEmpty) -> R {
        let _ = a;
        self.wfe()
    }

    fn wfi(&mut self, a: ArgEmpty) -> R {
        let _ = a;
        self.wfi()
    }

    fn nop(&mut self, a: ArgEmpty) -> R {
        {
            let _ = a;
            Ok(Flow::Next)
        }
    }

    fn orn_rri(&mut self, a: ArgSRriRot) -> R {
        self.dp_imm(DpOp::Orn, a)
    }

    fn orn_rrri(&mut self, a: ArgSRrrShi) -> R {
        self.dp_shi(DpOp::Orn, a)
    }

    fn orr_rri(&mut self, a: ArgSRriRot) -> R {
        self.dp_imm(DpOp::Orr, a)
    }

    fn orr_rrri(&mut self, a: ArgSRrrShi) -> R {
        self.dp_shi(DpOp::Orr, a)
    }

    fn orr_rrrr(&mut self, a: ArgSRrrShr) -> R {
        self.dp_shr(DpOp::Orr, a)
    }

    fn pkh(&mut self, a: ArgPkh) -> R {
        self.pkh(a)
    }

    fn pld(&mut self, a: ArgEmpty) -> R {
        {
            let _ = a;
            Ok(Flow::Next)
        }
    }

    fn pli(&mut self, a: ArgEmpty) -> R {
        {
            let _ = a;
            Ok(Flow::Next)
        }
    }

    fn qadd(&mut self, a: ArgRrr) -> R {
        self.qaddsub(a, false, false)
    }

    fn qadd16(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Q, ParOp::Add16)
    }

    fn qadd8(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Q, ParOp::Add8)
    }

    fn qasx(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Q, ParOp::Asx)
    }

    fn qdadd(&mut self, a: ArgRrr) -> R {
        self.qaddsub(a, false, true)
    }

    fn qdsub(&mut self, a: ArgRrr) -> R {
        self.qaddsub(a, true, true)
    }

    fn qsax(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Q, ParOp::Sax)
    }

    fn qsub(&mut self, a: ArgRrr) -> R {
        self.qaddsub(a, true, false)
    }

    fn qsub16(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Q, ParOp::Sub16)
    }

    fn qsub8(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Q, ParOp::Sub8)
    }

    fn rbit(&mut self, a: ArgRr) -> R {
        self.rev(a, Rev::Bits)
    }

    fn rev(&mut self, a: ArgRr) -> R {
        self.rev(a, Rev::Bytes)
    }

    fn rev16(&mut self, a: ArgRr) -> R {
        self.rev(a, Rev::Halves)
    }

    fn revsh(&mut self, a: ArgRr) -> R {
        self.rev(a, Rev::SignedHalf)
    }

    fn rsb_rri(&mut self, a: ArgSRriRot) -> R {
        self.dp_imm(DpOp::Rsb, a)
    }

    fn rsb_rrri(&mut self, a: ArgSRrrShi) -> R {
        self.dp_shi(DpOp::Rsb, a)
    }

    fn rsb_rrrr(&mut self, a: ArgSRrrShr) -> R {
        self.dp_shr(DpOp::Rsb, a)
    }

    fn rsc_rri(&mut self, a: ArgSRriRot) -> R {
        self.dp_imm(DpOp::Rsc, a)
    }

    fn rsc_rrri(&mut self, a: ArgSRrrShi) -> R {
        self.dp_shi(DpOp::Rsc, a)
    }

    fn rsc_rrrr(&mut self, a: ArgSRrrShr) -> R {
        self.dp_shr(DpOp::Rsc, a)
    }

    fn sadd16(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::S, ParOp::Add16)
    }

    fn sadd8(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::S, ParOp::Add8)
    }

    fn sasx(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::S, ParOp::Asx)
    }

    fn sbc_rri(&mut self, a: ArgSRriRot) -> R {
        self.dp_imm(DpOp::Sbc, a)
    }

    fn sbc_rrri(&mut self, a: ArgSRrrShi) -> R {
        self.dp_shi(DpOp::Sbc, a)
    }

    fn sbc_rrrr(&mut self, a: ArgSRrrShr) -> R {
        self.dp_shr(DpOp::Sbc, a)
    }

    fn sbfx(&mut self, a: ArgBfx) -> R {
        self.bfx(a, true)
    }

    fn sdiv(&mut self, a: ArgRrr) -> R {
        self.div(a, true)
    }

    fn sel(&mut self, a: ArgRrr) -> R {
        self.sel(a)
    }

    fn shadd16(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Sh, ParOp::Add16)
    }

    fn shadd8(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Sh, ParOp::Add8)
    }

    fn shasx(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Sh, ParOp::Asx)
    }

    fn shsax(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Sh, ParOp::Sax)
    }

    fn shsub16(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Sh, ParOp::Sub16)
    }

    fn shsub8(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Sh, ParOp::Sub8)
    }

    fn smlad(&mut self, a: ArgMx) -> R {
        self.smlad(a, false, true)
    }

    fn smlal(&mut self, a: ArgSLmul) -> R {
        self.long_mul(a, LongMul::Smlal)
    }

    fn smlald(&mut self, a: ArgLmx) -> R {
        self.smlald(a, false)
    }

    fn smlalxy(&mut self, a: ArgLmulXy) -> R {
        self.smlal_xy(a)
    }

    fn smlawy(&mut self, a: ArgRrrrXy) -> R {
        self.smlaw_y(a, true)
    }

    fn smlaxy(&mut self, a: ArgRrrrXy) -> R {
        self.smla_xy(a, true)
    }

    fn smlsd(&mut self, a: ArgMx) -> R {
        self.smlad(a, true, true)
    }

    fn smlsld(&mut self, a: ArgLmx) -> R {
        self.smlald(a, true)
    }

    fn smmla(&mut self, a: ArgMx) -> R {
        self.smmla(a, Some(false))
    }

    fn smmls(&mut self, a: ArgMx) -> R {
        self.smmla(a, Some(true))
    }

    fn smmul(&mut self, a: ArgMx) -> R {
        self.smmla(a, None)
    }

    fn smuad(&mut self, a: ArgMx) -> R {
        self.smlad(a, false, false)
    }

    fn smull(&mut self, a: ArgSLmul) -> R {
        self.long_mul(a, LongMul::Smull)
    }

    fn smulwy(&mut self, a: ArgRrrrXy) -> R {
        self.smlaw_y(a, false)
    }

    fn smulxy(&mut self, a: ArgRrrrXy) -> R {
        self.smla_xy(a, false)
    }

    fn smusd(&mut self, a: ArgMx) -> R {
        self.smlad(a, true, false)
    }

    fn ssat(&mut self, a: ArgSat) -> R {
        self.sat(a, true)
    }

    fn ssat16(&mut self, a: ArgSat) -> R {
        self.sat16(a, true)
    }

    fn ssax(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::S, ParOp::Sax)
    }

    fn ssub16(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::S, ParOp::Sub16)
    }

    fn ssub8(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::S, ParOp::Sub8)
    }

    fn stm(&mut self, a: ArgLdstBlock) -> R {
        self.stm(a)
    }

    fn stm_u(&mut self, a: ArgLdstBlock) -> R {
        self.stm_user(a)
    }

    fn srs(&mut self, a: ArgSrs) -> R {
        self.srs(a)
    }

    fn rfe(&mut self, a: ArgRfe) -> R {
        self.rfe(a)
    }

    fn strb_ri(&mut self, a: ArgLdstRi) -> R {
        self.str_ri(a, Width::Byte)
    }

    fn strb_rr(&mut self, a: ArgLdstRr) -> R {
        self.str_rr(a, Width::Byte)
    }

    fn strd_ri(&mut self, a: ArgLdstdRi) -> R {
        self.strd_ri(a)
    }

    fn strd_rr(&mut self, a: ArgLdstdRr) -> R {
        self.strd_rr(a)
    }

    fn strex(&mut self, a: ArgStrex) -> R {
        self.strex(a, 4)
    }

    fn strexb(&mut self, a: ArgStrex) -> R {
        self.strex(a, 1)
    }

    fn strexd(&mut self, a: ArgStrex) -> R {
        self.strex(a, 8)
    }

    fn strexh(&mut self, a: ArgStrex) -> R {
        self.strex(a, 2)
    }

    fn strh_ri(&mut self, a: ArgLdstRi) -> R {
        self.str_ri(a, Width::Half)
    }

    fn strh_rr(&mut self, a: ArgLdstRr) -> R {
        self.str_rr(a, Width::Half)
    }

    fn str_ri(&mut self, a: ArgLdstRi) -> R {
        self.str_ri(a, Width::Word)
    }

    fn str_rr(&mut self, a: ArgLdstRr) -> R {
        self.str_rr(a, Width::Word)
    }

    fn sub_rri(&mut self, a: ArgSRriRot) -> R {
        self.dp_imm(DpOp::Sub, a)
    }

    fn sub_rrri(&mut self, a: ArgSRrrShi) -> R {
        self.dp_shi(DpOp::Sub, a)
    }

    fn sub_rrrr(&mut self, a: ArgSRrrShr) -> R {
        self.dp_shr(DpOp::Sub, a)
    }

    fn svc(&mut self, a: ArgI) -> R {
        self.svc(a)
    }

    fn swp(&mut self, a: ArgRrr) -> R {
        self.swp(a, false)
    }

    fn swpb(&mut self, a: ArgRrr) -> R {
        self.swp(a, true)
    }

    fn sxtab(&mut self, a: ArgRrrRot) -> R {
        self.extend(a, Extend::SByte)
    }

    fn sxtab16(&mut self, a: ArgRrrRot) -> R {
        self.extend(a, Extend::SByte16)
    }

    fn sxtah(&mut self, a: ArgRrrRot) -> R {
        self.extend(a, Extend::SHalf)
    }

    fn tbb(&mut self, a: ArgTbranch) -> R {
        self.tbranch(a, false)
    }

    fn tbh(&mut self, a: ArgTbranch) -> R {
        self.tbranch(a, true)
    }

    fn teq_xri(&mut self, a: ArgSRriRot) -> R {
        self.dp_imm(DpOp::Teq, a)
    }

    fn teq_xrri(&mut self, a: ArgSRrrShi) -> R {
        self.dp_shi(DpOp::Teq, a)
    }

    fn teq_xrrr(&mut self, a: ArgSRrrShr) -> R {
        self.dp_shr(DpOp::Teq, a)
    }

    fn tst_xri(&mut self, a: ArgSRriRot) -> R {
        self.dp_imm(DpOp::Tst, a)
    }

    fn tst_xrri(&mut self, a: ArgSRrrShi) -> R {
        self.dp_shi(DpOp::Tst, a)
    }

    fn tst_xrrr(&mut self, a: ArgSRrrShr) -> R {
        self.dp_shr(DpOp::Tst, a)
    }

    fn uadd16(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::U, ParOp::Add16)
    }

    fn uadd8(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::U, ParOp::Add8)
    }

    fn uasx(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::U, ParOp::Asx)
    }

    fn ubfx(&mut self, a: ArgBfx) -> R {
        self.bfx(a, false)
    }

    fn udf(&mut self, a: ArgI) -> R {
        {
            let _ = a;
            Err(Trap::Undefined)
        }
    }

    fn udiv(&mut self, a: ArgRrr) -> R {
        self.div(a, false)
    }

    fn uhadd16(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Uh, ParOp::Add16)
    }

    fn uhadd8(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Uh, ParOp::Add8)
    }

    fn uhasx(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Uh, ParOp::Asx)
    }

    fn uhsax(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Uh, ParOp::Sax)
    }

    fn uhsub16(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Uh, ParOp::Sub16)
    }

    fn uhsub8(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Uh, ParOp::Sub8)
    }

    fn umaal(&mut self, a: ArgSLmul) -> R {
        self.long_mul(a, LongMul::Umaal)
    }

    fn umlal(&mut self, a: ArgSLmul) -> R {
        self.long_mul(a, LongMul::Umlal)
    }

    fn umull(&mut self, a: ArgSLmul) -> R {
        self.long_mul(a, LongMul::Umull)
    }

    fn uqadd16(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Uq, ParOp::Add16)
    }

    fn uqadd8(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Uq, ParOp::Add8)
    }

    fn uqasx(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Uq, ParOp::Asx)
    }

    fn uqsax(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Uq, ParOp::Sax)
    }

    fn uqsub16(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Uq, ParOp::Sub16)
    }

    fn uqsub8(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::Uq, ParOp::Sub8)
    }

    fn usad8(&mut self, a: ArgRrrr) -> R {
        self.usada8(a)
    }

    fn usada8(&mut self, a: ArgRrrr) -> R {
        self.usada8(a)
    }

    fn usat(&mut self, a: ArgSat) -> R {
        self.sat(a, false)
    }

    fn usat16(&mut self, a: ArgSat) -> R {
        self.sat16(a, false)
    }

    fn usax(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::U, ParOp::Sax)
    }

    fn usub16(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::U, ParOp::Sub16)
    }

    fn usub8(&mut self, a: ArgRrr) -> R {
        self.parallel(a, ParKind::U, ParOp::Sub8)
    }

    fn uxtab(&mut self, a: ArgRrrRot) -> R {
        self.extend(a, Extend::UByte)
    }

    fn uxtab16(&mut self, a: ArgRrrRot) -> R {
        self.extend(a, Extend::UByte16)
    }

    fn uxtah(&mut self, a: ArgRrrRot) -> R {
        self.extend(a, Extend::UHalf)
    }

    fn vabs_dp(&mut self, a: ArgVrrDp) -> R {
        self.vun_dp(a, |x, _| fp::abs64(x))
    }

    fn vabs_sp(&mut self, a: ArgVrrSp) -> R {
        self.vun_sp(a, |x, _| fp::abs32(x))
    }

    fn vadd_dp(&mut self, a: ArgVrrrDp) -> R {
        self.vbin_dp(a, fp::add64)
    }

    fn vadd_sp(&mut self, a: ArgVrrrSp) -> R {
        self.vbin_sp(a, fp::add32)
    }

    fn vcmp_dp(&mut self, a: ArgVcmp) -> R {
        self.vcmp_dp(a)
    }

    fn vcmp_sp(&mut self, a: ArgVcmp) -> R {
        self.vcmp_sp(a)
    }

    fn vcvt_dp_int(&mut self, a: ArgVcvtInt) -> R {
        self.vcvt_from_int(a, true)
    }

    fn vcvt_f16_f32(&mut self, a: ArgVcvtHalf) -> R {
        self.vcvt_f16_f32(a)
    }

    fn vcvt_f32_f16(&mut self, a: ArgVcvtHalf) -> R {
        self.vcvt_f32_f16(a)
    }

    fn vcvt_f32_f64(&mut self, a: ArgVrrSp) -> R {
        self.vcvt_f32_f64(a)
    }

    fn vcvt_f64_f32(&mut self, a: ArgVrrDp) -> R {
        self.vcvt_f64_f32(a)
    }

    fn vcvt_fix_dp(&mut self, a: ArgVcvtFix) -> R {
        self.vcvt_fix(a, true)
    }

    fn vcvt_fix_sp(&mut self, a: ArgVcvtFix) -> R {
        self.vcvt_fix(a, false)
    }

    fn vcvt_int_dp(&mut self, a: ArgVcvtInt) -> R {
        self.vcvt_to_int(a, true)
    }

    fn vcvt_int_sp(&mut self, a: ArgVcvtInt) -> R {
        self.vcvt_to_int(a, false)
    }

    fn vcvt_sp_int(&mut self, a: ArgVcvtInt) -> R {
        self.vcvt_from_int(a, false)
    }

    fn vdiv_dp(&mut self, a: ArgVrrrDp) -> R {
        self.vbin_dp(a, fp::div64)
    }

    fn vdiv_sp(&mut self, a: ArgVrrrSp) -> R {
        self.vbin_sp(a, fp::div32)
    }

    fn vfma_dp(&mut self, a: ArgVrrrDp) -> R {
        self.vfma_dp(a, false, false)
    }

    fn vfma_sp(&mut self, a: ArgVrrrSp) -> R {
        self.vfma_sp(a, false, false)
    }

    fn vfms_dp(&mut self, a: ArgVrrrDp) -> R {
        self.vfma_dp(a, false, true)
    }

    fn vfms_sp(&mut self, a: ArgVrrrSp) -> R {
        self.vfma_sp(a, false, true)
    }

    fn vfnma_dp(&mut self, a: ArgVrrrDp) -> R {
        self.vfma_dp(a, true, true)
    }

    fn vfnma_sp(&mut self, a: ArgVrrrSp) -> R {
        self.vfma_sp(a, true, true)
    }

    fn vfnms_dp(&mut self, a: ArgVrrrDp) -> R {
        self.vfma_dp(a, true, false)
    }

    fn vfnms_sp(&mut self, a: ArgVrrrSp) -> R {
        self.vfma_sp(a, true, false)
    }

    fn vldm_dp(&mut self, a: ArgVldmVstm) -> R {
        self.vldm_vstm(a, true, true)
    }

    fn vldm_sp(&mut self, a: ArgVldmVstm) -> R {
        self.vldm_vstm(a, false, true)
    }

    fn vldr_dp(&mut self, a: ArgVldrVstr) -> R {
        self.vldr(a, true)
    }

    fn vldr_sp(&mut self, a: ArgVldrVstr) -> R {
        self.vldr(a, false)
    }

    fn vmla_dp(&mut self, a: ArgVrrrDp) -> R {
        self.vacc_dp(a, fp::mla64)
    }

    fn vmla_sp(&mut self, a: ArgVrrrSp) -> R {
        self.vacc_sp(a, fp::mla32)
    }

    fn vmls_dp(&mut self, a: ArgVrrrDp) -> R {
        self.vacc_dp(a, fp::mls64)
    }

    fn vmls_sp(&mut self, a: ArgVrrrSp) -> R {
        self.vacc_sp(a, fp::mls32)
    }

    fn vmov_from_2sp(&mut self, a: ArgVmov2) -> R {
        self.vmov_2(a, false, false)
    }

    fn vmov_from_dp(&mut self, a: ArgVmov2) -> R {
        self.vmov_2(a, true, false)
    }

    fn vmov_from_scalar(&mut self, a: ArgVmovScalar) -> R {
        self.vmov_scalar(a, false)
    }

    fn vmov_from_sp(&mut self, a: ArgVmovSr) -> R {
        self.vmov_sr(a, false)
    }

    fn vmov_imm_dp(&mut self, a: ArgVri) -> R {
        self.vmov_imm_dp(a)
    }

    fn vmov_imm_sp(&mut self, a: ArgVri) -> R {
        self.vmov_imm_sp(a)
    }

    fn vmov_reg_dp(&mut self, a: ArgVrrDp) -> R {
        self.vun_dp(a, |x, _| x)
    }

    fn vmov_reg_sp(&mut self, a: ArgVrrSp) -> R {
        self.vun_sp(a, |x, _| x)
    }

    fn vmov_to_2sp(&mut self, a: ArgVmov2) -> R {
        self.vmov_2(a, false, true)
    }

    fn vmov_to_dp(&mut self, a: ArgVmov2) -> R {
        self.vmov_2(a, true, true)
    }

    fn vmov_to_scalar(&mut self, a: ArgVmovScalar) -> R {
        self.vmov_scalar(a, true)
    }

    fn vmov_to_sp(&mut self, a: ArgVmovSr) -> R {
        self.vmov_sr(a, true)
    }

    fn vmrs(&mut self, a: ArgVmsr) -> R {
        self.vmrs(a)
    }

    fn vmsr(&mut self, a: ArgVmsr) -> R {
        self.vmsr(a)
    }

    fn vmul_dp(&mut self, a: ArgVrrrDp) -> R {
        self.vbin_dp(a, fp::mul64)
    }

    fn vmul_sp(&mut self, a: ArgVrrrSp) -> R {
        self.vbin_sp(a, fp::mul32)
    }

    fn vneg_dp(&mut self, a: ArgVrrDp) -> R {
        self.vun_dp(a, |x, _| fp::neg64(x))
    }

    fn vneg_sp(&mut self, a: ArgVrrSp) -> R {
        self.vun_sp(a, |x, _| fp::neg32(x))
    }

    fn vnmla_dp(&mut self, a: ArgVrrrDp) -> R {
        self.vacc_dp(a, fp::nmla64)
    }

    fn vnmla_sp(&mut self, a: ArgVrrrSp) -> R {
        self.vacc_sp(a, fp::nmla32)
    }

    fn vnmls_dp(&mut self, a: ArgVrrrDp) -> R {
        self.vacc_dp(a, fp::nmls64)
    }

    fn vnmls_sp(&mut self, a: ArgVrrrSp) -> R {
        self.vacc_sp(a, fp::nmls32)
    }

    fn vnmul_dp(&mut self, a: ArgVrrrDp) -> R {
        self.vbin_dp(a, fp::nmul64)
    }

    fn vnmul_sp(&mut self, a: ArgVrrrSp) -> R {
        self.vbin_sp(a, fp::nmul32)
    }

    fn vsqrt_dp(&mut self, a: ArgVrrDp) -> R {
        self.vun_dp(a, fp::sqrt64)
    }

    fn vsqrt_sp(&mut self, a: ArgVrrSp) -> R {
        self.vun_sp(a, fp::sqrt32)
    }

    fn vstm_dp(&mut self, a: ArgVldmVstm) -> R {
        self.vldm_vstm(a, true, false)
    }

    fn vstm_sp(&mut self, a: ArgVldmVstm) -> R {
        self.vldm_vstm(a, false, false)
    }

    fn vstr_dp(&mut self, a: ArgVldrVstr) -> R {
        self.vstr(a, true)
    }

    fn vstr_sp(&mut self, a: ArgVldrVstr) -> R {
        self.vstr(a, false)
    }

    fn vsub_dp(&mut self, a: ArgVrrrDp) -> R {
        self.vbin_dp(a, fp::sub64)
    }

    fn vsub_sp(&mut self, a: ArgVrrrSp) -> R {
        self.vbin_sp(a, fp::sub32)
    }

    fn vaddl(&mut self, a: ArgNeon3diff) -> R {
        self.neon_3diff(a, DiffOp::Addl)
    }

    fn vaddw(&mut self, a: ArgNeon3diff) -> R {
        self.neon_3diff(a, DiffOp::Addw)
    }

    fn vsubl(&mut self, a: ArgNeon3diff) -> R {
        self.neon_3diff(a, DiffOp::Subl)
    }

    fn vsubw(&mut self, a: ArgNeon3diff) -> R {
        self.neon_3diff(a, DiffOp::Subw)
    }

    fn vaddhn(&mut self, a: ArgNeon3diff) -> R {
        self.neon_3diff(a, DiffOp::Addhn)
    }

    fn vraddhn(&mut self, a: ArgNeon3diff) -> R {
        self.neon_3diff(a, DiffOp::Raddhn)
    }

    fn vsubhn(&mut self, a: ArgNeon3diff) -> R {
        self.neon_3diff(a, DiffOp::Subhn)
    }

    fn vrsubhn(&mut self, a: ArgNeon3diff) -> R {
        self.neon_3diff(a, DiffOp::Rsubhn)
    }

    fn vabal(&mut self, a: ArgNeon3diff) -> R {
        self.neon_3diff(a, DiffOp::Abal)
    }

    fn vabdl(&mut self, a: ArgNeon3diff) -> R {
        self.neon_3diff(a, DiffOp::Abdl)
    }

    fn vmlal(&mut self, a: ArgNeon3diff) -> R {
        self.neon_3diff(a, DiffOp::Mlal)
    }

    fn vmlsl(&mut self, a: ArgNeon3diff) -> R {
        self.neon_3diff(a, DiffOp::Mlsl)
    }

    fn vmull(&mut self, a: ArgNeon3diff) -> R {
        self.neon_3diff(a, DiffOp::Mull)
    }

    fn vmull_p(&mut self, a: ArgNeon3diff) -> R {
        self.neon_3diff(a, DiffOp::MullP)
    }

    fn vqdmlal(&mut self, a: ArgNeon3diff) -> R {
        self.neon_3diff(a, DiffOp::Qdmlal)
    }

    fn vqdmlsl(&mut self, a: ArgNeon3diff) -> R {
        self.neon_3diff(a, DiffOp::Qdmlsl)
    }

    fn vqdmull(&mut self, a: ArgNeon3diff) -> R {
        self.neon_3diff(a, DiffOp::Qdmull)
    }

    // --- Neon three registers of the same length (neon-3same.decode) ---
    fn vhadd(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Hadd)
    }

    fn vqadd(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Qadd)
    }

    fn vrhadd(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Rhadd)
    }

    fn vand(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_bit(a, super::neon::BitOp::And)
    }

    fn vbic(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_bit(a, super::neon::BitOp::Bic)
    }

    fn vorr(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_bit(a, super::neon::BitOp::Orr)
    }

    fn vorn(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_bit(a, super::neon::BitOp::Orn)
    }

    fn veor(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_bit(a, super::neon::BitOp::Eor)
    }

    fn vbsl(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_bit(a, super::neon::BitOp::Bsl)
    }

    fn vbit(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_bit(a, super::neon::BitOp::Bit)
    }

    fn vbif(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_bit(a, super::neon::BitOp::Bif)
    }

    fn vhsub(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Hsub)
    }

    fn vqsub(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Qsub)
    }

    fn vcgt(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Cgt)
    }

    fn vcge(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Cge)
    }

    fn vshl_r(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Shl)
    }

    fn vqshl_r(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Qshl)
    }

    fn vrshl_r(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Rshl)
    }

    fn vqrshl_r(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Qrshl)
    }

    fn vmax(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Max)
    }

    fn vmin(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Min)
    }

    fn vabd(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Abd)
    }

    fn vaba(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Aba)
    }

    fn vadd(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Add)
    }

    fn vsub(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Sub)
    }

    fn vtst(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Tst)
    }

    fn vceq(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Ceq)
    }

    fn vmla(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Mla)
    }

    fn vmls(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Mls)
    }

    fn vmul(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Mul)
    }

    fn vmul_p(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::MulP)
    }

    fn vpmax(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Pmax)
    }

    fn vpmin(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Pmin)
    }

    fn vqdmulh(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Qdmulh)
    }

    fn vqrdmulh(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Qrdmulh)
    }

    fn vpadd(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_int(a, super::neon::IntOp::Padd)
    }

    fn vfma_f(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_float(a, super::neon::FloatOp::Fma)
    }

    fn vfms_f(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_float(a, super::neon::FloatOp::Fms)
    }

    fn vadd_f(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_float(a, super::neon::FloatOp::Add)
    }

    fn vsub_f(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_float(a, super::neon::FloatOp::Sub)
    }

    fn vpadd_f(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_float(a, super::neon::FloatOp::Padd)
    }

    fn vabd_f(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_float(a, super::neon::FloatOp::Abd)
    }

    fn vmla_f(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_float(a, super::neon::FloatOp::Mla)
    }

    fn vmls_f(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_float(a, super::neon::FloatOp::Mls)
    }

    fn vmul_f(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_float(a, super::neon::FloatOp::Mul)
    }

    fn vceq_f(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_float(a, super::neon::FloatOp::Ceq)
    }

    fn vcge_f(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_float(a, super::neon::FloatOp::Cge)
    }

    fn vcgt_f(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_float(a, super::neon::FloatOp::Cgt)
    }

    fn vacge(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_float(a, super::neon::FloatOp::Acge)
    }

    fn vacgt(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_float(a, super::neon::FloatOp::Acgt)
    }

    fn vmax_f(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_float(a, super::neon::FloatOp::Max)
    }

    fn vmin_f(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_float(a, super::neon::FloatOp::Min)
    }

    fn vpmax_f(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_float(a, super::neon::FloatOp::Pmax)
    }

    fn vpmin_f(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_float(a, super::neon::FloatOp::Pmin)
    }

    fn vrecps(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_float(a, super::neon::FloatOp::Recps)
    }

    fn vrsqrts(&mut self, a: ArgN3s3reg) -> R {
        self.neon_3same_float(a, super::neon::FloatOp::Rsqrts)
    }
    // --- end 3same ---

    // --- Neon two registers: shifts, misc, scalar, immediate, VEXT/VTBL/VDUP (neon-2reg.decode) ---
    fn vimm(&mut self, a: ArgN2rImm) -> R {
        self.neon_vimm(a)
    }

    fn vext(&mut self, a: ArgN2rExt) -> R {
        self.neon_vext(a)
    }

    fn vtbl(&mut self, a: ArgN2rTbl) -> R {
        self.neon_vtbl(a)
    }

    fn vdup_scalar(&mut self, a: ArgN2rDup) -> R {
        self.neon_vdup_scalar(a)
    }

    fn vdup_core(&mut self, a: ArgN2rDupCore) -> R {
        self.neon_vdup_core(a)
    }

    fn vshr(&mut self, a: ArgN2rShift) -> R {
        self.neon_shift(a, super::neon::ShiftOp::Shr)
    }

    fn vsra(&mut self, a: ArgN2rShift) -> R {
        self.neon_shift(a, super::neon::ShiftOp::Sra)
    }

    fn vrshr(&mut self, a: ArgN2rShift) -> R {
        self.neon_shift(a, super::neon::ShiftOp::Rshr)
    }

    fn vrsra(&mut self, a: ArgN2rShift) -> R {
        self.neon_shift(a, super::neon::ShiftOp::Rsra)
    }

    fn vsri(&mut self, a: ArgN2rShift) -> R {
        self.neon_shift(a, super::neon::ShiftOp::Sri)
    }

    fn vshl_imm(&mut self, a: ArgN2rShift) -> R {
        self.neon_shift(a, super::neon::ShiftOp::Shl)
    }

    fn vsli(&mut self, a: ArgN2rShift) -> R {
        self.neon_shift(a, super::neon::ShiftOp::Sli)
    }

    fn vqshlu_imm(&mut self, a: ArgN2rShift) -> R {
        self.neon_shift(a, super::neon::ShiftOp::Qshlu)
    }

    fn vqshl_imm(&mut self, a: ArgN2rShift) -> R {
        self.neon_shift(a, super::neon::ShiftOp::Qshl)
    }

    fn vshrn(&mut self, a: ArgN2rShift) -> R {
        self.neon_shift(a, super::neon::ShiftOp::Shrn)
    }

    fn vqshrun(&mut self, a: ArgN2rShift) -> R {
        self.neon_shift(a, super::neon::ShiftOp::Qshrun)
    }

    fn vqshrn(&mut self, a: ArgN2rShift) -> R {
        self.neon_shift(a, super::neon::ShiftOp::Qshrn)
    }

    fn vshll(&mut self, a: ArgN2rShift) -> R {
        self.neon_shift(a, super::neon::ShiftOp::Shll)
    }

    fn vcvt_fixed_to_f(&mut self, a: ArgN2rShift) -> R {
        self.neon_shift(a, super::neon::ShiftOp::FixedToF)
    }

    fn vcvt_f_to_fixed(&mut self, a: ArgN2rShift) -> R {
        self.neon_shift(a, super::neon::ShiftOp::FToFixed)
    }

    fn vrev64(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Rev64)
    }

    fn vrev32(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Rev32)
    }

    fn vrev16(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Rev16)
    }

    fn vpaddl(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Paddl)
    }

    fn vcls(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Cls)
    }

    fn vclz(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Clz)
    }

    fn vcnt(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Cnt)
    }

    fn vmvn_reg(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Mvn)
    }

    fn vpadal(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Padal)
    }

    fn vqabs(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Qabs)
    }

    fn vqneg(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Qneg)
    }

    fn vcgt0(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Cgt0)
    }

    fn vcge0(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Cge0)
    }

    fn vceq0(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Ceq0)
    }

    fn vcle0(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Cle0)
    }

    fn vclt0(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Clt0)
    }

    fn vabs(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Abs)
    }

    fn vneg(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Neg)
    }

    fn vswp(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Swp)
    }

    fn vtrn(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Trn)
    }

    fn vuzp(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Uzp)
    }

    fn vzip(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Zip)
    }

    fn vmovn(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Movn)
    }

    fn vshll_max(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::ShllMax)
    }

    fn vcvt_half(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::CvtHalf)
    }

    fn vrecpe(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Recpe)
    }

    fn vrsqrte(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::Rsqrte)
    }

    fn vcvt_fi(&mut self, a: ArgN2rMisc) -> R {
        self.neon_misc(a, super::neon::MiscOp::CvtFi)
    }

    fn vmla_scalar(&mut self, a: ArgN2rScalar) -> R {
        self.neon_scalar(a, super::neon::ScalarOp::Mla)
    }

    fn vmla_scalar_f(&mut self, a: ArgN2rScalar) -> R {
        self.neon_scalar(a, super::neon::ScalarOp::MlaF)
    }

    fn vmlal_scalar(&mut self, a: ArgN2rScalar) -> R {
        self.neon_scalar(a, super::neon::ScalarOp::Mlal)
    }

    fn vqdmlal_scalar(&mut self, a: ArgN2rScalar) -> R {
        self.neon_scalar(a, super::neon::ScalarOp::Qdmlal)
    }

    fn vmls_scalar(&mut self, a: ArgN2rScalar) -> R {
        self.neon_scalar(a, super::neon::ScalarOp::Mls)
    }

    fn vmls_scalar_f(&mut self, a: ArgN2rScalar) -> R {
        self.neon_scalar(a, super::neon::ScalarOp::MlsF)
    }

    fn vmlsl_scalar(&mut self, a: ArgN2rScalar) -> R {
        self.neon_scalar(a, super::neon::ScalarOp::Mlsl)
    }

    fn vqdmlsl_scalar(&mut self, a: ArgN2rScalar) -> R {
        self.neon_scalar(a, super::neon::ScalarOp::Qdmlsl)
    }

    fn vmul_scalar(&mut self, a: ArgN2rScalar) -> R {
        self.neon_scalar(a, super::neon::ScalarOp::Mul)
    }

    fn vmul_scalar_f(&mut self, a: ArgN2rScalar) -> R {
        self.neon_scalar(a, super::neon::ScalarOp::MulF)
    }

    fn vmull_scalar(&mut self, a: ArgN2rScalar) -> R {
        self.neon_scalar(a, super::neon::ScalarOp::Mull)
    }

    fn vqdmull_scalar(&mut self, a: ArgN2rScalar) -> R {
        self.neon_scalar(a, super::neon::ScalarOp::Qdmull)
    }

    fn vqdmulh_scalar(&mut self, a: ArgN2rScalar) -> R {
        self.neon_scalar(a, super::neon::ScalarOp::Qdmulh)
    }

    fn vqrdmulh_scalar(&mut self, a: ArgN2rScalar) -> R {
        self.neon_scalar(a, super::neon::ScalarOp::Qrdmulh)
    }
    // --- end 2reg ---

    // --- Neon element and structure loads/stores (neon-ls.decode) ---

    fn vst_multi(&mut self, a: ArgNlsMulti) -> R {
        self.neon_ls_multi(a, false)
    }

    fn vld_multi(&mut self, a: ArgNlsMulti) -> R {
        self.neon_ls_multi(a, true)
    }

    fn vst_lane(&mut self, a: ArgNlsLane) -> R {
        self.neon_ls_lane(a, false)
    }

    fn vld_lane(&mut self, a: ArgNlsLane) -> R {
        self.neon_ls_lane(a, true)
    }

    fn vld_all(&mut self, a: ArgNlsAll) -> R {
        self.neon_ld_all(a)
    }
    // --- end ls ---
}
