//! Branches (ARM ARM A4.3 "Branch instructions"): B, BL, BLX (immediate
//! and register), BX, CBZ/CBNZ, TBB/TBH. IT is handled when a block is
//! predecoded (the conditions it sets are attached to the instructions it
//! covers), so executing it does nothing.

use super::exec::{Exec, Flow, Trap, R};
use crate::decode::{ArgCbz, ArgCi, ArgI, ArgR, ArgTbranch};

impl Exec<'_> {
    #[inline(always)]
    pub fn b(&mut self, a: ArgI) -> R {
        let t = self.pc_read().wrapping_add(a.imm as u32);
        Ok(self.branch_write(t))
    }

    /// Thumb conditional branch: the condition is in the encoding.
    #[inline(always)]
    pub fn b_cond(&mut self, a: ArgCi) -> R {
        if a.cond >= 14 {
            return Err(Trap::Undefined);
        }
        if self.cpu.cond_passed(a.cond as u8) {
            let t = self.pc_read().wrapping_add(a.imm as u32);
            Ok(self.branch_write(t))
        } else {
            Ok(Flow::Next)
        }
    }

    /// The link value: the next instruction, with bit 0 set in Thumb.
    #[inline(always)]
    fn link(&self) -> u32 {
        self.next_pc() | self.cpu.thumb as u32
    }

    pub fn bl(&mut self, a: ArgI) -> R {
        self.cpu.r[14] = self.link();
        let t = self.pc_read().wrapping_add(a.imm as u32);
        Ok(self.branch_write(t))
    }

    /// BLX (immediate) always changes instruction set; from Thumb the
    /// target is relative to Align(PC, 4).
    pub fn blx_i(&mut self, a: ArgI) -> R {
        self.cpu.r[14] = self.link();
        if self.cpu.thumb {
            let t = (self.pc_read() & !3).wrapping_add(a.imm as u32);
            self.cpu.thumb = false;
            self.cpu.r[15] = t & !3;
        } else {
            let t = self.pc_read().wrapping_add(a.imm as u32);
            self.cpu.thumb = true;
            self.cpu.r[15] = t & !1;
        }
        Ok(Flow::Jump)
    }

    pub fn bx(&mut self, a: ArgR) -> R {
        let t = self.reg(a.rm);
        Ok(self.bx_write(t))
    }

    pub fn blx_r(&mut self, a: ArgR) -> R {
        let t = self.reg(a.rm);
        self.cpu.r[14] = self.link();
        Ok(self.bx_write(t))
    }

    pub fn cbz(&mut self, a: ArgCbz) -> R {
        let zero = self.reg(a.rn) == 0;
        if zero != (a.nz != 0) {
            let t = self.pc_read().wrapping_add(a.imm as u32);
            Ok(self.branch_write(t))
        } else {
            Ok(Flow::Next)
        }
    }

    /// TBB/TBH: branch forward by twice a table entry.
    pub fn tbranch(&mut self, a: ArgTbranch, half: bool) -> R {
        let base = self.reg(a.rn);
        let idx = self.reg(a.rm);
        let off = if half {
            self.mem.read_u16(base.wrapping_add(idx << 1))? as u32
        } else {
            self.mem.read_u8(base.wrapping_add(idx))? as u32
        };
        let t = self.pc_read().wrapping_add(off * 2);
        Ok(self.branch_write(t))
    }
}
