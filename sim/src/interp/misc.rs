//! Miscellaneous instructions: status register access (MRS/MSR), bit and
//! byte operations (CLZ, RBIT, REV*, bitfields, extends, PKH, SEL,
//! SSAT/USAT), barriers and hints, exception-generating instructions
//! (SVC, BKPT, UDF) and the user-accessible CP15 registers.

use super::exec::{Exec, Flow, Trap, R};
use crate::decode::{
    ArgBfi, ArgBfx, ArgCps, ArgI, ArgMcr, ArgMcrr, ArgMrs, ArgMsrImm, ArgMsrReg, ArgPkh, ArgRr,
    ArgRrr, ArgRrrRot, ArgSat,
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
        let v = if a.r != 0 {
            // SPSR exists only in the exception modes (never in Linux
            // user mode).
            self.cpu.spsr().ok_or(Trap::Undefined)?
        } else {
            // B9.3.9: the execution state bits (IT, J, T) read as zero;
            // the flags, GE, E/A/I/F and the mode bits are visible.
            self.cpu.cpsr() & 0xf80f_03df
        };
        self.set_reg(a.rd, v);
        Ok(Flow::Next)
    }

    pub fn msr(&mut self, r: i32, mask: i32, v: u32) -> R {
        if r != 0 {
            if !self.cpu.privileged() || !self.cpu.write_spsr(v, mask as u32) {
                return Err(Trap::Undefined);
            }
            return Ok(Flow::Next);
        }
        // User mode writes only the flags (f) and GE (s) fields; a
        // privileged mode also A, I, F and the mode.
        let mode = self.cpu.mode();
        let was = (self.cpu.sys.i, self.cpu.sys.f);
        self.cpu.write_cpsr_by_instr(v, mask as u32);
        let unmasked = (was.0 && !self.cpu.sys.i) || (was.1 && !self.cpu.sys.f);
        if unmasked {
            self.cpu.r[15] = self.next_pc();
            self.cpu.itstate = self.op.it_next;
            return Err(Trap::Unmasked);
        }
        // A mode change swaps banked registers: end the block there.
        Ok(if self.cpu.mode() != mode {
            self.cpu.r[15] = self.next_pc();
            Flow::Jump
        } else {
            Flow::Next
        })
    }

    /// CPS (B9.3.2): sets (imod 3) or clears (imod 2) the A/I/F masks
    /// named in `aif`, and with `m` changes mode, as the equivalent MSR
    /// would. A NOP in User mode (and so in Linux user mode).
    pub fn cps(&mut self, a: ArgCps) -> R {
        // UNPREDICTABLE forms (imod 01; a mode without M): UNDEFINED here.
        if a.imod == 1 || (a.m == 0 && a.mode != 0) {
            return Err(Trap::Undefined);
        }
        if !self.cpu.privileged() {
            return Ok(Flow::Next);
        }
        let mut v = self.cpu.cpsr();
        let bits = (a.aif as u32 & 7) << 6;
        match a.imod {
            2 => v &= !bits,
            3 => v |= bits,
            _ => {}
        }
        if a.m != 0 {
            v = (v & !0x1f) | a.mode as u32;
        }
        // The c and x fields: A is bit 8, I/F/M are in the low byte.
        self.msr(0, 0b0011, v)
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

    /// WFI (B1.8.13 "Wait For Interrupt"): in system mode the core stops
    /// until an interrupt is pending; the machine decides when, so the
    /// instruction retires and leaves (`Trap::Wfi`). In Linux user mode,
    /// where nothing can interrupt, it is a NOP.
    pub fn wfi(&mut self) -> R {
        if !self.cpu.sys.enabled {
            return Ok(Flow::Next);
        }
        self.cpu.r[15] = self.next_pc();
        Err(Trap::Wfi)
    }

    /// WFE (B1.8.13 "Wait For Event"): consumes a pending event and
    /// goes on, or waits as WFI does (one core: only SEV or an interrupt
    /// can wake it).
    pub fn wfe(&mut self) -> R {
        if !self.cpu.sys.enabled {
            return Ok(Flow::Next);
        }
        if std::mem::take(&mut self.cpu.sys.event) {
            return Ok(Flow::Next);
        }
        self.wfi()
    }

    /// SEV: sets the event register (of the one core).
    pub fn sev(&mut self) -> R {
        self.cpu.sys.event = true;
        Ok(Flow::Next)
    }

    pub fn bkpt(&mut self, a: ArgI) -> R {
        Err(Trap::Bkpt(a.imm as u32))
    }

    pub fn clrex(&mut self) -> R {
        self.cpu.excl_addr = None;
        Ok(Flow::Next)
    }

    /// MRC: CP15 (`cp15_read`, the generic timer in `timer_read`); every
    /// other coprocessor is UNDEFINED.
    pub fn mrc(&mut self, a: ArgMcr) -> R {
        if a.cp != 15 {
            return Err(Trap::Undefined);
        }
        let (opc1, crn, crm, opc2) = (a.opc1 as u32, a.crn as u32, a.crm as u32, a.opc2 as u32);
        let v = if crn == 14 {
            self.timer_read(opc1, crm, opc2)?
        } else {
            self.cp15_read(opc1, crn, crm, opc2)
                .ok_or(Trap::Undefined)?
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
        if a.cp != 15 {
            return Err(Trap::Undefined);
        }
        let v = self.reg(a.rt);
        let (opc1, crn, crm, opc2) = (a.opc1 as u32, a.crn as u32, a.crm as u32, a.opc2 as u32);
        if crn == 14 {
            self.timer_write(opc1, crm, opc2, v)?;
        } else if !self.cp15_write(opc1, crn, crm, opc2, v) {
            return Err(Trap::Undefined);
        }
        Ok(Flow::Next)
    }

    /// MRRC: the generic timer's 64-bit registers (B8.2): CNTPCT, CNTVCT
    /// (equal: CNTVOFF is zero), CNTP_CVAL, CNTV_CVAL.
    pub fn mrrc(&mut self, a: ArgMcrr) -> R {
        let v = match (a.opc1, a.crm) {
            (0, 14) | (1, 14) => {
                self.timer_access(1 << a.opc1)?;
                self.cpu.counter()
            }
            (2, 14) => {
                self.timer_access(1 << 9)?;
                self.cpu.sys.cp15.cntp_cval
            }
            (3, 14) => {
                self.timer_access(1 << 8)?;
                self.cpu.sys.cp15.cntv_cval
            }
            _ => return Err(Trap::Undefined),
        };
        self.set_reg(a.rt, v as u32);
        self.set_reg(a.rt2, (v >> 32) as u32);
        Ok(Flow::Next)
    }

    /// MCRR: CNTP_CVAL and CNTV_CVAL.
    pub fn mcrr(&mut self, a: ArgMcrr) -> R {
        let v = (self.reg(a.rt2) as u64) << 32 | self.reg(a.rt) as u64;
        match (a.opc1, a.crm) {
            (2, 14) => {
                self.timer_access(1 << 9)?;
                self.cpu.sys.cp15.cntp_cval = v;
            }
            (3, 14) => {
                self.timer_access(1 << 8)?;
                self.cpu.sys.cp15.cntv_cval = v;
            }
            _ => return Err(Trap::Undefined),
        }
        Ok(Flow::Next)
    }

    /// A generic timer access from the current mode: PL1 always, PL0 when
    /// CNTKCTL's `pl0_bit` allows it. Every access except CNTFRQ and
    /// CNTKCTL also needs the exact tick, either because its result depends
    /// on it or because the machine must re-arm the timer after it, so it
    /// runs alone under the machine (`SysState::exact`).
    fn timer_access(&self, pl0_bit: u32) -> Result<(), Trap> {
        let s = &self.cpu.sys;
        if !s.enabled || (!self.cpu.privileged() && s.cp15.cntkctl & pl0_bit == 0) {
            return Err(Trap::Undefined);
        }
        if !s.exact {
            return Err(Trap::NeedsTick);
        }
        Ok(())
    }

    /// MRC of a generic timer register (B8.2, B4.1.21-26).
    fn timer_read(&self, opc1: u32, crm: u32, opc2: u32) -> Result<u32, Trap> {
        let c = &self.cpu.sys.cp15;
        let status = |ctl: u32, cval: u64, now: u64| {
            let (met, _) = crate::cpu::SysState::timer_status(ctl, cval, now);
            ctl | if met { crate::cpu::cntctl::ISTATUS } else { 0 }
        };
        match (opc1, crm, opc2) {
            (0, 0, 0) => {
                if !self.cpu.sys.enabled || (!self.cpu.privileged() && c.cntkctl & 3 == 0) {
                    return Err(Trap::Undefined);
                }
                Ok(c.cntfrq)
            }
            (0, 1, 0) if self.cpu.sys.enabled && self.cpu.privileged() => Ok(c.cntkctl),
            (0, 2, 0) | (0, 2, 1) => {
                self.timer_access(1 << 9)?;
                let now = self.cpu.counter();
                Ok(if opc2 == 0 {
                    c.cntp_cval.wrapping_sub(now) as u32
                } else {
                    status(c.cntp_ctl, c.cntp_cval, now)
                })
            }
            (0, 3, 0) | (0, 3, 1) => {
                self.timer_access(1 << 8)?;
                let now = self.cpu.counter();
                Ok(if opc2 == 0 {
                    c.cntv_cval.wrapping_sub(now) as u32
                } else {
                    status(c.cntv_ctl, c.cntv_cval, now)
                })
            }
            _ => Err(Trap::Undefined),
        }
    }

    /// MCR to a generic timer register. A TVAL write sets the compare
    /// value to now plus the signed 32-bit value.
    fn timer_write(&mut self, opc1: u32, crm: u32, opc2: u32, v: u32) -> Result<(), Trap> {
        let privileged = self.cpu.sys.enabled && self.cpu.privileged();
        match (opc1, crm, opc2) {
            (0, 0, 0) if privileged => self.cpu.sys.cp15.cntfrq = v,
            (0, 1, 0) if privileged => self.cpu.sys.cp15.cntkctl = v & 0x3ff,
            (0, 2, 0) | (0, 3, 0) => {
                self.timer_access(if crm == 2 { 1 << 9 } else { 1 << 8 })?;
                let cval = self.cpu.counter().wrapping_add(v as i32 as i64 as u64);
                let c = &mut self.cpu.sys.cp15;
                *if crm == 2 {
                    &mut c.cntp_cval
                } else {
                    &mut c.cntv_cval
                } = cval;
            }
            (0, 2, 1) | (0, 3, 1) => {
                self.timer_access(if crm == 2 { 1 << 9 } else { 1 << 8 })?;
                let c = &mut self.cpu.sys.cp15;
                *if crm == 2 {
                    &mut c.cntp_ctl
                } else {
                    &mut c.cntv_ctl
                } = v & 3;
            }
            _ => return Err(Trap::Undefined),
        }
        Ok(())
    }

    /// A CP15 read (B4.1, B3.17 "Organization of the CP15 registers"):
    /// User mode reaches only the thread ID registers; PL1 also the
    /// identification registers of the modelled core (a Cortex-A15 r2p1
    /// without the Security and Virtualization Extensions) and the
    /// system control registers of `Cp15`.
    fn cp15_read(&self, opc1: u32, crn: u32, crm: u32, opc2: u32) -> Option<u32> {
        let c = &self.cpu.sys.cp15;
        let user = match (opc1, crn, crm, opc2) {
            (0, 13, 0, 3) => Some(self.cpu.tpidruro),
            (0, 13, 0, 2) => Some(self.cpu.tpidrurw),
            _ => None,
        };
        if user.is_some() || !self.cpu.privileged() {
            return user;
        }
        Some(match (opc1, crn, crm, opc2) {
            (0, 0, 0, 0) | (0, 0, 0, 4) | (0, 0, 0, 7) => 0x412f_c0f1, // MIDR
            (0, 0, 0, 1) => 0x8444_c004,                               // CTR
            (0, 0, 0, 3) | (0, 0, 0, 6) => 0,                          // TLBTR, REVIDR
            (0, 0, 0, 5) => 0x8000_0000,                               // MPIDR: core 0
            // ID_PFR0, ID_PFR1 (generic timer, no Security or
            // Virtualization), ID_DFR0, ID_AFR0, ID_MMFR0-3.
            (0, 0, 1, 0) => 0x0000_1131,
            (0, 0, 1, 1) => 0x0001_0001,
            (0, 0, 1, 2) => 0x0201_0555,
            (0, 0, 1, 3) => 0,
            (0, 0, 1, 4) => 0x1020_1105,
            (0, 0, 1, 5) => 0x2000_0000,
            (0, 0, 1, 6) => 0x0124_0000,
            (0, 0, 1, 7) => 0x0210_2211,
            // ID_ISAR0-5.
            (0, 0, 2, 0) => 0x0210_1110,
            (0, 0, 2, 1) => 0x1311_2111,
            (0, 0, 2, 2) => 0x2123_2041,
            (0, 0, 2, 3) => 0x1111_2131,
            (0, 0, 2, 4) => 0x1001_1142,
            (0, 0, 2, _) => 0,
            // CCSIDR of the level CSSELR selects: L1 data, L1
            // instruction, L2; CLIDR; AIDR; CSSELR.
            (1, 0, 0, 0) => match c.csselr {
                0 => 0x701f_e00a,
                1 => 0x201f_e00a,
                2 => 0x711f_e07a,
                _ => 0,
            },
            (1, 0, 0, 1) => 0x0a20_0023,
            (1, 0, 0, 7) => 0,
            (2, 0, 0, 0) => c.csselr,
            (0, 1, 0, 0) => c.sctlr,
            (0, 1, 0, 1) => c.actlr,
            (0, 1, 0, 2) => c.cpacr,
            (0, 2, 0, 0) => c.ttbr0,
            (0, 2, 0, 1) => c.ttbr1,
            (0, 2, 0, 2) => c.ttbcr,
            (0, 3, 0, 0) => c.dacr,
            (0, 5, 0, 0) => c.dfsr,
            (0, 5, 0, 1) => c.ifsr,
            (0, 6, 0, 0) => c.dfar,
            (0, 6, 0, 2) => c.ifar,
            (0, 10, 2, 0) => c.prrr,
            (0, 10, 2, 1) => c.nmrr,
            (0, 12, 0, 0) => c.vbar,
            (0, 13, 0, 1) => c.contextidr,
            (0, 13, 0, 4) => c.tpidrprw,
            _ => return None,
        })
    }

    /// A CP15 write; false where the register does not exist or the mode
    /// may not write it. Cache and TLB maintenance (c7, c8) are no-ops:
    /// the model has no caches or TLB to keep coherent, and writes to
    /// code are tracked per page anyway. SCTLR.M (the MMU) is stored but
    /// not acted on until the MMU exists.
    fn cp15_write(&mut self, opc1: u32, crn: u32, crm: u32, opc2: u32, v: u32) -> bool {
        match (opc1, crn, crm, opc2) {
            (0, 13, 0, 2) => {
                self.cpu.tpidrurw = v;
                return true;
            }
            // Barriers through CP15 (CP15ISB/DSB/DMB, B4.2.1): nothing to
            // do in a sequential model, at any level.
            (0, 7, 5, 4) | (0, 7, 10, 4) | (0, 7, 10, 5) => return true,
            _ if !self.cpu.privileged() => return false,
            _ => {}
        }
        let c = &mut self.cpu.sys.cp15;
        let reg = match (opc1, crn, crm, opc2) {
            (0, 7, _, _) | (0, 8, _, _) => return true,
            (0, 13, 0, 3) => &mut self.cpu.tpidruro,
            (2, 0, 0, 0) => &mut c.csselr,
            (0, 1, 0, 0) => &mut c.sctlr,
            (0, 1, 0, 1) => &mut c.actlr,
            (0, 1, 0, 2) => &mut c.cpacr,
            (0, 2, 0, 0) => &mut c.ttbr0,
            (0, 2, 0, 1) => &mut c.ttbr1,
            (0, 2, 0, 2) => &mut c.ttbcr,
            (0, 3, 0, 0) => &mut c.dacr,
            (0, 5, 0, 0) => &mut c.dfsr,
            (0, 5, 0, 1) => &mut c.ifsr,
            (0, 6, 0, 0) => &mut c.dfar,
            (0, 6, 0, 2) => &mut c.ifar,
            (0, 10, 2, 0) => &mut c.prrr,
            (0, 10, 2, 1) => &mut c.nmrr,
            // VBAR's low five bits are RES0.
            (0, 12, 0, 0) => {
                c.vbar = v & !0x1f;
                return true;
            }
            (0, 13, 0, 1) => &mut c.contextidr,
            (0, 13, 0, 4) => &mut c.tpidrprw,
            _ => return false,
        };
        *reg = v;
        true
    }
}
