//! Loads and stores (ARM ARM A4.6 "Load/store instructions", A4.7
//! "Load/store multiple", A3.4 "Synchronization and semaphores"): LDR,
//! STR and their byte, halfword, signed and dual forms, LDM/STM (with
//! PUSH/POP), and LDREX/STREX of every width with CLREX.

use super::exec::{Exec, Flow, Trap, R};
use crate::cpu::shift_imm_c;
use crate::cpu::Mode;
use crate::decode::{
    ArgLdrex, ArgLdstBlock, ArgLdstRi, ArgLdstRr, ArgLdstdRi, ArgLdstdRr, ArgRfe, ArgRrr, ArgSrs,
    ArgStrex,
};

/// Width and extension of a single load or store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    Byte,
    SByte,
    Half,
    SHalf,
    Word,
}

impl Width {
    /// Bytes accessed.
    pub fn size(self) -> u32 {
        match self {
            Width::Byte | Width::SByte => 1,
            Width::Half | Width::SHalf => 2,
            Width::Word => 4,
        }
    }
}

impl Exec<'_> {
    /// Address and write-back value for the P/U/W addressing forms:
    /// returns (access address, offset address, write back?).
    #[inline(always)]
    fn addressing(&self, p: i32, u: i32, w: i32, rn: i32, offset: u32) -> (u32, u32, bool) {
        let base = self.base_reg(rn);
        let off = if u != 0 {
            base.wrapping_add(offset)
        } else {
            base.wrapping_sub(offset)
        };
        let addr = if p != 0 { off } else { base };
        // P = 0 always writes back (W = 1 there is the unprivileged form).
        (addr, off, p == 0 || w != 0)
    }

    #[inline(always)]
    fn load(&mut self, addr: u32, width: Width) -> Result<u32, Trap> {
        Ok(match width {
            Width::Byte => self.mem.read_u8(addr)? as u32,
            Width::SByte => self.mem.read_u8(addr)? as i8 as i32 as u32,
            Width::Half => self.mem.read_u16(addr)? as u32,
            Width::SHalf => self.mem.read_u16(addr)? as i16 as i32 as u32,
            Width::Word => self.mem.read_u32(addr)?,
        })
    }

    #[inline(always)]
    fn store(&mut self, addr: u32, width: Width, v: u32) -> Result<(), Trap> {
        match width {
            Width::Byte | Width::SByte => self.mem.write_u8(addr, v as u8)?,
            Width::Half | Width::SHalf => self.mem.write_u16(addr, v as u16)?,
            Width::Word => self.mem.write_u32(addr, v)?,
        }
        Ok(())
    }

    #[inline(always)]
    fn finish_load(&mut self, rt: i32, rn: i32, wb: Option<u32>, v: u32) -> R {
        if let Some(off) = wb {
            self.set_reg(rn, off);
        }
        if rt == 15 {
            return Ok(self.bx_write(v));
        }
        self.cpu.r[rt as usize] = v;
        Ok(Flow::Next)
    }

    #[inline(always)]
    pub fn ldr_ri(&mut self, a: ArgLdstRi, width: Width) -> R {
        let (addr, off, wb) = self.addressing(a.p, a.u, a.w, a.rn, a.imm as u32);
        let v = self.load(addr, width)?;
        self.finish_load(a.rt, a.rn, wb.then_some(off), v)
    }

    #[inline(always)]
    pub fn ldr_rr(&mut self, a: ArgLdstRr, width: Width) -> R {
        let (offset, _) = shift_imm_c(self.reg(a.rm), a.shtype as u32, a.shimm as u32, self.cpu.c);
        let (addr, off, wb) = self.addressing(a.p, a.u, a.w, a.rn, offset);
        let v = self.load(addr, width)?;
        self.finish_load(a.rt, a.rn, wb.then_some(off), v)
    }

    #[inline(always)]
    pub fn str_ri(&mut self, a: ArgLdstRi, width: Width) -> R {
        let (addr, off, wb) = self.addressing(a.p, a.u, a.w, a.rn, a.imm as u32);
        let v = self.reg(a.rt);
        self.store(addr, width, v)?;
        if wb {
            self.set_reg(a.rn, off);
        }
        Ok(self.after_store())
    }

    #[inline(always)]
    pub fn str_rr(&mut self, a: ArgLdstRr, width: Width) -> R {
        let (offset, _) = shift_imm_c(self.reg(a.rm), a.shtype as u32, a.shimm as u32, self.cpu.c);
        let (addr, off, wb) = self.addressing(a.p, a.u, a.w, a.rn, offset);
        let v = self.reg(a.rt);
        self.store(addr, width, v)?;
        if wb {
            self.set_reg(a.rn, off);
        }
        Ok(self.after_store())
    }

    fn ldrd_at(&mut self, rt: i32, rt2: i32, rn: i32, addr: u32, wb: Option<u32>) -> R {
        if rt2 > 14 {
            return Err(Trap::Undefined);
        }
        let lo = self.mem.read_u32(addr)?;
        let hi = self.mem.read_u32(addr.wrapping_add(4))?;
        if let Some(off) = wb {
            self.set_reg(rn, off);
        }
        self.cpu.r[rt as usize] = lo;
        self.cpu.r[rt2 as usize] = hi;
        Ok(Flow::Next)
    }

    fn strd_at(&mut self, rt: i32, rt2: i32, rn: i32, addr: u32, wb: Option<u32>) -> R {
        if rt2 > 14 {
            return Err(Trap::Undefined);
        }
        let (lo, hi) = (self.reg(rt), self.reg(rt2));
        self.mem.write_u32(addr, lo)?;
        self.mem.write_u32(addr.wrapping_add(4), hi)?;
        if let Some(off) = wb {
            self.set_reg(rn, off);
        }
        Ok(self.after_store())
    }

    pub fn ldrd_ri(&mut self, a: ArgLdstdRi) -> R {
        let (addr, off, wb) = self.addressing(a.p, a.u, a.w, a.rn, a.imm as u32);
        self.ldrd_at(a.rt, a.rt2, a.rn, addr, wb.then_some(off))
    }

    pub fn ldrd_rr(&mut self, a: ArgLdstdRr) -> R {
        let m = self.reg(a.rm);
        let (addr, off, wb) = self.addressing(a.p, a.u, a.w, a.rn, m);
        self.ldrd_at(a.rt, a.rt2, a.rn, addr, wb.then_some(off))
    }

    pub fn strd_ri(&mut self, a: ArgLdstdRi) -> R {
        let (addr, off, wb) = self.addressing(a.p, a.u, a.w, a.rn, a.imm as u32);
        self.strd_at(a.rt, a.rt2, a.rn, addr, wb.then_some(off))
    }

    pub fn strd_rr(&mut self, a: ArgLdstdRr) -> R {
        let m = self.reg(a.rm);
        let (addr, off, wb) = self.addressing(a.p, a.u, a.w, a.rn, m);
        self.strd_at(a.rt, a.rt2, a.rn, addr, wb.then_some(off))
    }

    /// Lowest address of an LDM/STM and the written-back base.
    fn block_range(&self, a: &ArgLdstBlock) -> (u32, u32) {
        let base = self.reg(a.rn);
        let bytes = 4 * (a.list as u32 & 0xffff).count_ones();
        match (a.i != 0, a.b != 0) {
            (true, false) => (base, base.wrapping_add(bytes)),
            (true, true) => (base.wrapping_add(4), base.wrapping_add(bytes)),
            (false, false) => (
                base.wrapping_sub(bytes).wrapping_add(4),
                base.wrapping_sub(bytes),
            ),
            (false, true) => (base.wrapping_sub(bytes), base.wrapping_sub(bytes)),
        }
    }

    /// Reads the words an LDM of `a` loads, indexed by register, and the
    /// written-back base. Everything is read before anything is written,
    /// so a fault leaves the registers intact.
    fn load_block(&mut self, a: &ArgLdstBlock) -> Result<([u32; 16], u32), Trap> {
        let list = a.list as u32 & 0xffff;
        let (mut addr, wb) = self.block_range(a);
        let mut vals = [0u32; 16];
        for (r, v) in vals.iter_mut().enumerate() {
            if list & (1 << r) != 0 {
                *v = self.mem.read_u32(addr)?;
                addr = addr.wrapping_add(4);
            }
        }
        Ok((vals, wb))
    }

    pub fn ldm(&mut self, a: ArgLdstBlock) -> R {
        let list = a.list as u32 & 0xffff;
        if list == 0 {
            return Err(Trap::Undefined);
        }
        let (vals, wb) = self.load_block(&a)?;
        if a.w != 0 {
            self.set_reg(a.rn, wb);
        }
        for (r, &v) in vals.iter().enumerate().take(15) {
            if list & (1 << r) != 0 {
                self.cpu.r[r] = v;
            }
        }
        if list & 0x8000 != 0 {
            return Ok(self.bx_write(vals[15]));
        }
        Ok(Flow::Next)
    }

    pub fn stm(&mut self, a: ArgLdstBlock) -> R {
        let list = a.list as u32 & 0xffff;
        if list == 0 {
            return Err(Trap::Undefined);
        }
        let (mut addr, wb) = self.block_range(&a);
        for r in 0..16 {
            if list & (1 << r) != 0 {
                let v = self.reg(r);
                self.mem.write_u32(addr, v)?;
                addr = addr.wrapping_add(4);
            }
        }
        if a.w != 0 {
            self.set_reg(a.rn, wb);
        }
        Ok(self.after_store())
    }

    /// LDM with ^ (B9.3.5, B9.3.6): with PC in the list, an exception
    /// return (registers of the current mode, then CPSR from SPSR and the
    /// branch); without, the User-mode registers, no write-back.
    /// UNPREDICTABLE in User and System mode (no SPSR, no other bank),
    /// and so in Linux user mode: UNDEFINED here.
    pub fn ldm_user(&mut self, a: ArgLdstBlock) -> R {
        let list = a.list as u32 & 0xffff;
        let returns = list & 0x8000 != 0;
        if list == 0 || self.cpu.spsr().is_none() || (a.w != 0 && !returns) {
            return Err(Trap::Undefined);
        }
        let (vals, wb) = self.load_block(&a)?;
        if !returns {
            for (r, &v) in vals.iter().enumerate().take(15) {
                if list & (1 << r) != 0 {
                    self.cpu.set_user_reg(r, v);
                }
            }
            return Ok(Flow::Next);
        }
        if a.w != 0 {
            self.set_reg(a.rn, wb);
        }
        for (r, &v) in vals.iter().enumerate().take(15) {
            if list & (1 << r) != 0 {
                self.cpu.r[r] = v;
            }
        }
        self.cpu.exception_return(vals[15]);
        self.returned()
    }

    /// The lowest address SRS/RFE transfer at from `base`, and the
    /// written-back base (two words).
    fn two_words(p: i32, u: i32, base: u32) -> (u32, u32) {
        let low = match (p != 0, u != 0) {
            (false, false) => base.wrapping_sub(4),
            (true, false) => base.wrapping_sub(8),
            (false, true) => base,
            (true, true) => base.wrapping_add(4),
        };
        let wb = if u != 0 {
            base.wrapping_add(8)
        } else {
            base.wrapping_sub(8)
        };
        (low, wb)
    }

    /// SRS (B9.3.16): LR and SPSR of the current mode onto the stack of
    /// mode `mode`. UNPREDICTABLE in User and System mode and for a mode
    /// that does not exist: UNDEFINED here.
    pub fn srs(&mut self, a: ArgSrs) -> R {
        let (Some(spsr), Some(mode)) = (self.cpu.spsr(), Mode::from_bits(a.mode as u32)) else {
            return Err(Trap::Undefined);
        };
        let current = mode.bank() == self.cpu.mode().bank();
        let base = if current {
            self.cpu.r[13]
        } else {
            self.cpu.sys.sp[mode.bank()]
        };
        let (low, wb) = Self::two_words(a.p, a.u, base);
        self.mem.write_u32(low, self.cpu.r[14])?;
        self.mem.write_u32(low.wrapping_add(4), spsr)?;
        if a.w != 0 {
            if current {
                self.cpu.r[13] = wb;
            } else {
                self.cpu.sys.sp[mode.bank()] = wb;
            }
        }
        Ok(self.after_store())
    }

    /// RFE (B9.3.13): PC and CPSR from memory, an exception return.
    /// UNPREDICTABLE in User mode: UNDEFINED here.
    pub fn rfe(&mut self, a: ArgRfe) -> R {
        if !self.cpu.privileged() || a.rn == 15 {
            return Err(Trap::Undefined);
        }
        let (low, wb) = Self::two_words(a.p, a.u, self.reg(a.rn));
        let pc = self.mem.read_u32(low)?;
        let psr = self.mem.read_u32(low.wrapping_add(4))?;
        if a.w != 0 {
            self.set_reg(a.rn, wb);
        }
        self.cpu.return_to(pc, psr);
        self.returned()
    }

    /// STM with ^ (B9.3.15): stores the User-mode registers; no
    /// write-back. UNPREDICTABLE in User and System mode: UNDEFINED here.
    pub fn stm_user(&mut self, a: ArgLdstBlock) -> R {
        let list = a.list as u32 & 0xffff;
        if a.w != 0 || list == 0 || self.cpu.spsr().is_none() {
            return Err(Trap::Undefined);
        }
        let (mut addr, _) = self.block_range(&a);
        for r in 0..16 {
            if list & (1 << r) != 0 {
                let v = if r == 15 {
                    self.reg(15)
                } else {
                    self.cpu.user_reg(r)
                };
                self.mem.write_u32(addr, v)?;
                addr = addr.wrapping_add(4);
            }
        }
        Ok(self.after_store())
    }

    /// LDREX family; `size` in bytes (8 = doubleword).
    pub fn ldrex(&mut self, a: ArgLdrex, size: u32) -> R {
        let addr = self.reg(a.rn).wrapping_add(a.imm as u32);
        if addr & (size.min(8) - 1) != 0 {
            // Exclusive accesses must be aligned (A3.5.6).
            return Err(Trap::Fault(crate::memory::Fault {
                addr,
                access: crate::memory::Access::Read,
            }));
        }
        let (lo, hi) = match size {
            1 => (self.mem.read_u8(addr)? as u32, 0),
            2 => (self.mem.read_u16(addr)? as u32, 0),
            4 => (self.mem.read_u32(addr)?, 0),
            _ => (
                self.mem.read_u32(addr)?,
                self.mem.read_u32(addr.wrapping_add(4))?,
            ),
        };
        self.cpu.excl_addr = Some(addr);
        self.set_reg(a.rt, lo);
        if size == 8 {
            self.set_reg(a.rt2, hi);
        }
        Ok(Flow::Next)
    }

    /// STREX family: stores only if the monitor holds this address; Rd
    /// gets 0 on success and 1 on failure, and the monitor is cleared.
    pub fn strex(&mut self, a: ArgStrex, size: u32) -> R {
        let addr = self.reg(a.rn).wrapping_add(a.imm as u32);
        let ok = self.cpu.excl_addr == Some(addr);
        if ok {
            let v = self.reg(a.rt);
            match size {
                1 => self.mem.write_u8(addr, v as u8)?,
                2 => self.mem.write_u16(addr, v as u16)?,
                4 => self.mem.write_u32(addr, v)?,
                _ => {
                    let hi = self.reg(a.rt2);
                    self.mem.write_u32(addr, v)?;
                    self.mem.write_u32(addr.wrapping_add(4), hi)?;
                }
            }
        }
        self.cpu.excl_addr = None;
        self.set_reg(a.rd, (!ok) as u32);
        Ok(self.after_store())
    }

    /// SWP, SWPB (A8.8.229): Rt (`rd`) gets the old value at [Rn], which
    /// gets Rt2 (`rm`). A word swap must be aligned (MemA). The register
    /// choices the ARM ARM calls UNPREDICTABLE (PC, or Rn equal to Rt or
    /// Rt2) raise UNDEFINED.
    pub fn swp(&mut self, a: ArgRrr, byte: bool) -> R {
        let (rt, rn, rt2) = (a.rd, a.rn, a.rm);
        if rt == 15 || rt2 == 15 || rn == 15 || rn == rt || rn == rt2 {
            return Err(Trap::Undefined);
        }
        let addr = self.reg(rn);
        let new = self.reg(rt2);
        let old = if byte {
            let v = self.mem.read_u8(addr)? as u32;
            self.mem.write_u8(addr, new as u8)?;
            v
        } else {
            if addr & 3 != 0 {
                return Err(Trap::Fault(crate::memory::Fault {
                    addr,
                    access: crate::memory::Access::Read,
                }));
            }
            let v = self.mem.read_u32(addr)?;
            self.mem.write_u32(addr, new)?;
            v
        };
        self.set_reg(rt, old);
        Ok(self.after_store())
    }
}
