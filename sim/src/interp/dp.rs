//! Data-processing instructions (ARM ARM A8.8: ADC, ADD, ADR, AND, BIC,
//! CMN, CMP, EOR, MOV, MOVT, MVN, ORN, ORR, RSB, RSC, SBC, SUB, TEQ, TST,
//! and the shifts, which are MOV with a shifted register).

use super::exec::{Exec, Flow, Trap, R};
use crate::cpu::{add_with_carry, shift_imm_c, shift_reg_c};
use crate::decode::{ArgRi, ArgSRriRot, ArgSRrrShi, ArgSRrrShr};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DpOp {
    And,
    Eor,
    Sub,
    Rsb,
    Add,
    Adc,
    Sbc,
    Rsc,
    Tst,
    Teq,
    Cmp,
    Cmn,
    Orr,
    Mov,
    Bic,
    Mvn,
    Orn,
}

impl Exec<'_> {
    /// Operand 2 as a register shifted by an immediate: (value, carry).
    #[inline(always)]
    fn op2_shi(&self, a: &ArgSRrrShi) -> (u32, u32) {
        shift_imm_c(self.reg(a.rm), a.shty as u32, a.shim as u32, self.cpu.c)
    }

    #[inline(always)]
    pub fn dp_shi(&mut self, op: DpOp, a: ArgSRrrShi) -> R {
        let (v, c) = self.op2_shi(&a);
        let n = self.reg(a.rn);
        self.dp(op, a.s != 0, a.rd, n, v, c)
    }

    #[inline(always)]
    pub fn dp_shr(&mut self, op: DpOp, a: ArgSRrrShr) -> R {
        // Register-shifted operands with PC are UNPREDICTABLE.
        if a.rd == 15 || a.rm == 15 || a.rs == 15 || a.rn == 15 {
            return Err(Trap::Undefined);
        }
        let (v, c) = shift_reg_c(self.reg(a.rm), a.shty as u32, self.reg(a.rs), self.cpu.c);
        let n = self.reg(a.rn);
        self.dp(op, a.s != 0, a.rd, n, v, c)
    }

    #[inline(always)]
    pub fn dp_imm(&mut self, op: DpOp, a: ArgSRriRot) -> R {
        let imm = a.imm as u32;
        let c = if a.rot != 0 { imm >> 31 } else { self.cpu.c };
        let n = self.reg(a.rn);
        self.dp(op, a.s != 0, a.rd, n, imm, c)
    }

    /// The one definition of every data-processing operation: `x` is Rn,
    /// `y` the shifted operand with its shifter carry-out `sc`.
    #[inline(always)]
    fn dp(&mut self, op: DpOp, s: bool, rd: i32, x: u32, y: u32, sc: u32) -> R {
        use DpOp::*;
        let c = self.cpu.c;
        let (r, arith) = match op {
            And | Tst => (x & y, None),
            Eor | Teq => (x ^ y, None),
            Orr => (x | y, None),
            Orn => (x | !y, None),
            Mov => (y, None),
            Bic => (x & !y, None),
            Mvn => (!y, None),
            Sub | Cmp => split(add_with_carry(x, !y, 1)),
            Rsb => split(add_with_carry(!x, y, 1)),
            Add | Cmn => split(add_with_carry(x, y, 0)),
            Adc => split(add_with_carry(x, y, c)),
            Sbc => split(add_with_carry(x, !y, c)),
            Rsc => split(add_with_carry(!x, y, c)),
        };
        let writes = !matches!(op, Tst | Teq | Cmp | Cmn);
        if s {
            if writes && rd == 15 {
                // SUBS PC, LR and friends return from an exception
                // (B9.3.20): CPSR from SPSR, then PC. UNPREDICTABLE in
                // User and System mode (and so in Linux user mode), which
                // have no SPSR: UNDEFINED here.
                if !self.cpu.exception_return(r) {
                    return Err(Trap::Undefined);
                }
                return self.returned();
            }
            self.cpu.set_nz(r);
            match arith {
                Some((cf, vf)) => {
                    self.cpu.c = cf;
                    self.cpu.v = vf;
                }
                None => self.cpu.c = sc,
            }
        }
        Ok(if writes {
            self.set_reg_alu(rd, r)
        } else {
            Flow::Next
        })
    }

    /// ADR: PC-relative address from Align(PC, 4).
    pub fn adr(&mut self, a: ArgRi) -> R {
        let v = (self.pc_read() & !3).wrapping_add(a.imm as u32);
        self.set_reg(a.rd, v);
        Ok(Flow::Next)
    }

    pub fn movw(&mut self, a: ArgRi) -> R {
        self.set_reg(a.rd, a.imm as u32 & 0xffff);
        Ok(Flow::Next)
    }

    pub fn movt(&mut self, a: ArgRi) -> R {
        let v = (self.reg(a.rd) & 0xffff) | ((a.imm as u32) << 16);
        self.set_reg(a.rd, v);
        Ok(Flow::Next)
    }
}

#[inline(always)]
fn split((r, c, v): (u32, u32, u32)) -> (u32, Option<(u32, u32)>) {
    (r, Some((c, v)))
}
