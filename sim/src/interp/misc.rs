//! Miscellaneous instructions: status register access (MRS/MSR), bit and
//! byte operations (CLZ, RBIT, REV*, bitfields, extends, PKH, SEL,
//! SSAT/USAT), barriers and hints, exception-generating instructions
//! (SVC, BKPT, UDF) and the user-accessible CP15 registers.

use super::exec::{Exec, Flow, Trap, R};
use crate::decode::{
    ArgBfi, ArgBfx, ArgI, ArgMcr, ArgMrs, ArgMsrImm, ArgMsrReg, ArgPkh, ArgRr, ArgRrr, ArgRrrRot,
    ArgSat,
};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Extend {
    SByte,
    SHalf,
    UByte,
    UHalf,
    SByte16,
    UByte16,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Rev {
    Bytes,
    Halves,
    SignedHalf,
    Bits,
    LeadingZeros,
}

/// SignedSatQ / UnsignedSatQ: saturate `v` to `bits` bits; true if it
/// saturated.
pub fn sat_q(v: i64, bits: u32, signed: bool) -> (u32, bool) {
    let (lo, hi) = if signed {
        (-(1i64 << (bits - 1)), (1i64 << (bits - 1)) - 1)
    } else {
        (0, (1i64 << bits) - 1)
    };
    if v < lo {
        (lo as u32, true)
    } else if v > hi {
        (hi as u32, true)
    } else {
        (v as u32, false)
    }
}

impl Exec<'_> {
    pub fn mrs(&mut self, a: ArgMrs) -> R {
        if a.r != 0 {
            // SPSR does not exist in user mode.
            return Err(Trap::Undefined);
        }
        // B9.3.9: in User mode the execution state bits (IT, J, T) read
        // as zero; the flags, GE, E/A/I/F and the mode bits are visible.
        let v = self.cpu.cpsr() & 0xf80f_03df;
        self.set_reg(a.rd, v);
        Ok(Flow::Next)
    }

    pub fn msr(&mut self, r: i32, mask: i32, v: u32) -> R {
        if r != 0 {
            return Err(Trap::Undefined);
        }
        // User mode may write only the flags (f) and GE (s) fields.
        self.cpu.write_apsr(v, mask as u32);
        Ok(Flow::Next)
    }

    pub fn msr_reg(&mut self, a: ArgMsrReg) -> R {
        let v = self.reg(a.rn);
        self.msr(a.r, a.mask, v)
    }

    pub fn msr_imm(&mut self, a: ArgMsrImm) -> R {
        self.msr(a.r, a.mask, a.imm as u32)
    }

    pub fn rev(&mut self, a: ArgRr, kind: Rev) -> R {
        let v = self.reg(a.rm);
        let r = match kind {
            Rev::Bytes => v.swap_bytes(),
            Rev::Halves => ((v & 0x00ff_00ff) << 8) | ((v >> 8) & 0x00ff_00ff),
            Rev::SignedHalf => (((v & 0xff) << 8) as i16 as i32 as u32) | ((v >> 8) & 0xff),
            Rev::Bits => v.reverse_bits(),
            Rev::LeadingZeros => v.leading_zeros(),
        };
        self.set_reg(a.rd, r);
        Ok(Flow::Next)
    }

    /// SBFX/UBFX.
    pub fn bfx(&mut self, a: ArgBfx, signed: bool) -> R {
        let (lsb, width) = (a.lsb as u32, a.widthm1 as u32 + 1);
        if lsb + width > 32 {
            return Err(Trap::Undefined);
        }
        let v = self.reg(a.rn) << (32 - lsb - width);
        let r = if signed {
            ((v as i32) >> (32 - width)) as u32
        } else {
            v >> (32 - width)
        };
        self.set_reg(a.rd, r);
        Ok(Flow::Next)
    }

    /// BFI, and BFC when Rn is 15.
    pub fn bfi(&mut self, a: ArgBfi) -> R {
        let (lsb, msb) = (a.lsb as u32, a.msb as u32);
        if msb < lsb {
            return Err(Trap::Undefined);
        }
        let mask = (u32::MAX >> (31 - (msb - lsb))) << lsb;
        let src = if a.rn == 15 { 0 } else { self.reg(a.rn) << lsb };
        let r = (self.reg(a.rd) & !mask) | (src & mask);
        self.set_reg(a.rd, r);
        Ok(Flow::Next)
    }

    /// SXTAB, UXTAH, ... and the plain extends when Rn is 15.
    pub fn extend(&mut self, a: ArgRrrRot, kind: Extend) -> R {
        let v = self.reg(a.rm).rotate_right(8 * a.rot as u32);
        let n = if a.rn == 15 { 0 } else { self.reg(a.rn) };
        let r = match kind {
            Extend::SByte => n.wrapping_add(v as i8 as i32 as u32),
            Extend::SHalf => n.wrapping_add(v as i16 as i32 as u32),
            Extend::UByte => n.wrapping_add(v & 0xff),
            Extend::UHalf => n.wrapping_add(v & 0xffff),
            Extend::SByte16 => {
                let lo = (n as u16).wrapping_add(v as i8 as i16 as u16);
                let hi = ((n >> 16) as u16).wrapping_add((v >> 16) as i8 as i16 as u16);
                (hi as u32) << 16 | lo as u32
            }
            Extend::UByte16 => {
                let lo = (n as u16).wrapping_add((v & 0xff) as u16);
                let hi = ((n >> 16) as u16).wrapping_add(((v >> 16) & 0xff) as u16);
                (hi as u32) << 16 | lo as u32
            }
        };
        self.set_reg(a.rd, r);
        Ok(Flow::Next)
    }

    /// PKHBT (tb = 0: LSL) / PKHTB (tb = 1: ASR, #0 meaning #32).
    pub fn pkh(&mut self, a: ArgPkh) -> R {
        let (n, m) = (self.reg(a.rn), self.reg(a.rm));
        let r = if a.tb != 0 {
            let sh = if a.imm == 0 { 31 } else { a.imm as u32 };
            (n & 0xffff_0000) | ((((m as i32) >> sh) as u32) & 0xffff)
        } else {
            (n & 0xffff) | ((m << a.imm as u32) & 0xffff_0000)
        };
        self.set_reg(a.rd, r);
        Ok(Flow::Next)
    }

    pub fn sel(&mut self, a: ArgRrr) -> R {
        let (n, m) = (self.reg(a.rn), self.reg(a.rm));
        let mut r = 0;
        for i in 0..4 {
            let byte = 0xffu32 << (8 * i);
            r |= if self.cpu.ge & (1 << i) != 0 {
                n & byte
            } else {
                m & byte
            };
        }
        self.set_reg(a.rd, r);
        Ok(Flow::Next)
    }

    /// SSAT/USAT with an optional shift; sets Q when saturating.
    pub fn sat(&mut self, a: ArgSat, signed: bool) -> R {
        let n = self.reg(a.rn);
        let v = if a.sh != 0 {
            let sh = if a.imm == 0 { 31 } else { a.imm as u32 };
            ((n as i32) >> sh) as i64
        } else {
            ((n << a.imm as u32) as i32) as i64
        };
        let bits = if signed {
            a.satimm as u32 + 1
        } else {
            a.satimm as u32
        };
        let (r, q) = sat_q(v, bits, signed);
        self.cpu.q |= q as u32;
        self.set_reg(a.rd, r);
        Ok(Flow::Next)
    }

    /// SSAT16/USAT16.
    pub fn sat16(&mut self, a: ArgSat, signed: bool) -> R {
        let n = self.reg(a.rn);
        let bits = if signed {
            a.satimm as u32 + 1
        } else {
            a.satimm as u32
        };
        let mut r = 0;
        for i in 0..2 {
            let h = (n >> (16 * i)) as i16 as i64;
            let (v, q) = sat_q(h, bits, signed);
            self.cpu.q |= q as u32;
            r |= (v & 0xffff) << (16 * i);
        }
        self.set_reg(a.rd, r);
        Ok(Flow::Next)
    }

    pub fn svc(&mut self, a: ArgI) -> R {
        self.cpu.r[15] = self.next_pc();
        Err(Trap::Svc(a.imm as u32))
    }

    pub fn bkpt(&mut self, a: ArgI) -> R {
        Err(Trap::Bkpt(a.imm as u32))
    }

    pub fn clrex(&mut self) -> R {
        self.cpu.excl_addr = None;
        Ok(Flow::Next)
    }

    /// CP15 c13 thread ID registers, the only coprocessor state user mode
    /// reaches (B4.1.150-152).
    pub fn mrc(&mut self, a: ArgMcr) -> R {
        let v = match (a.cp, a.opc1, a.crn, a.crm, a.opc2) {
            (15, 0, 13, 0, 3) => self.cpu.tpidruro,
            (15, 0, 13, 0, 2) => self.cpu.tpidrurw,
            _ => return Err(Trap::Undefined),
        };
        if a.rt == 15 {
            // MRC to APSR_nzcv copies the top four bits to the flags.
            self.set_apsr_nzcv(v);
        } else {
            self.set_reg(a.rt, v);
        }
        Ok(Flow::Next)
    }

    pub fn mcr(&mut self, a: ArgMcr) -> R {
        match (a.cp, a.opc1, a.crn, a.crm, a.opc2) {
            (15, 0, 13, 0, 2) => self.cpu.tpidrurw = self.reg(a.rt),
            // Barrier operations through CP15 (CP15ISB/DSB/DMB, B4.2.1):
            // nothing to do in a sequential model.
            (15, 0, 7, 5, 4) | (15, 0, 7, 10, 4) | (15, 0, 7, 10, 5) => {}
            _ => return Err(Trap::Undefined),
        }
        Ok(Flow::Next)
    }
}
