//! The execution context handlers run in, and the register/PC rules they
//! share (ARM ARM A2.3 "ARM core registers": reads of PC, and the
//! BranchWritePC / BXWritePC / ALUWritePC / LoadWritePC family).

use crate::cpu::CpuState;
use crate::memory::{Fault, GuestMemory};

use super::Op;

/// How an instruction left control flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Continue with the next instruction.
    Next,
    /// PC (and maybe the instruction set) was written: leave the block.
    Jump,
}

/// Why an instruction did not complete normally.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trap {
    /// UNDEFINED, or an encoding we do not implement.
    Undefined,
    /// A memory access was refused.
    Fault(Fault),
    /// Supervisor call, with its immediate. The instruction has retired.
    Svc(u32),
    /// BKPT, with its immediate.
    Bkpt(u32),
    /// WFI (or WFE with no event) in system mode. The instruction has
    /// retired.
    Wfi,
    /// The instruction retired and cleared CPSR.I or F (MSR), or returned
    /// from an exception: the machine must look for a pending interrupt
    /// before the next instruction. The handler has set the whole state
    /// (PC, and the IT state an exception return restored, which the
    /// end-of-block bookkeeping of either tier must not overwrite).
    Unmasked,
    /// The instruction needs the exact tick (a generic timer access) and
    /// did not run: the machine runs it alone (`SysState::exact`). PC is
    /// at it.
    NeedsTick,
}

impl From<Fault> for Trap {
    fn from(f: Fault) -> Self {
        Trap::Fault(f)
    }
}

pub type R = Result<Flow, Trap>;

/// One instruction's view of the machine while it executes.
pub struct Exec<'a> {
    pub cpu: &'a mut CpuState,
    pub mem: &'a mut GuestMemory,
    pub op: &'a Op,
}

impl Exec<'_> {
    /// Reads a register; PC reads as the instruction's address plus 8 (ARM)
    /// or 4 (Thumb).
    #[inline(always)]
    pub fn reg(&self, n: i32) -> u32 {
        if n == 15 {
            self.pc_read()
        } else {
            self.cpu.r[n as usize]
        }
    }

    #[inline(always)]
    pub fn pc_read(&self) -> u32 {
        self.op.pc.wrapping_add(if self.cpu.thumb { 4 } else { 8 })
    }

    /// A register used as a base address: PC is word-aligned (Align(PC,4)
    /// in the literal forms).
    #[inline(always)]
    pub fn base_reg(&self, n: i32) -> u32 {
        if n == 15 {
            self.pc_read() & !3
        } else {
            self.cpu.r[n as usize]
        }
    }

    /// Writes a data-processing result: R15 takes ALUWritePC (interworking
    /// in ARM state, a plain branch in Thumb).
    #[inline(always)]
    pub fn set_reg_alu(&mut self, n: i32, v: u32) -> Flow {
        if n == 15 {
            if self.cpu.thumb {
                self.branch_write(v)
            } else {
                self.bx_write(v)
            }
        } else {
            self.cpu.r[n as usize] = v;
            Flow::Next
        }
    }

    /// Writes a register that an instruction cannot branch with (PC would
    /// be UNPREDICTABLE; we treat it as a branch anyway so PC stays sane).
    #[inline(always)]
    pub fn set_reg(&mut self, n: i32, v: u32) {
        if n == 15 {
            self.branch_write(v);
        } else {
            self.cpu.r[n as usize] = v;
        }
    }

    /// BranchWritePC: stays in the current instruction set.
    #[inline(always)]
    pub fn branch_write(&mut self, addr: u32) -> Flow {
        self.cpu.r[15] = if self.cpu.thumb { addr & !1 } else { addr & !3 };
        Flow::Jump
    }

    /// BXWritePC (and LoadWritePC, which is the same in ARMv7): bit 0
    /// selects Thumb.
    #[inline(always)]
    pub fn bx_write(&mut self, addr: u32) -> Flow {
        if addr & 1 != 0 {
            self.cpu.thumb = true;
            self.cpu.r[15] = addr & !1;
        } else {
            self.cpu.thumb = false;
            self.cpu.r[15] = addr & !3;
        }
        Flow::Jump
    }

    /// Ends an exception return (`CpuState::return_to` done). It always
    /// leaves the engine: a pending interrupt it unmasked is taken before
    /// the next instruction, and the IT state it restored from the SPSR
    /// stays as it is (a block end would set the instruction's own).
    pub fn returned(&self) -> R {
        Err(Trap::Unmasked)
    }

    /// Writes APSR.{N,Z,C,V} from bits 31:28 of `v`, leaving Q and GE:
    /// the `APSR_nzcv` destination of VMRS and MRC (A8.8.348, A8.8.108).
    #[inline(always)]
    pub fn set_apsr_nzcv(&mut self, v: u32) {
        self.cpu.n = v >> 31;
        self.cpu.z = (v >> 30) & 1;
        self.cpu.c = (v >> 29) & 1;
        self.cpu.v = (v >> 28) & 1;
    }

    /// Address of the next instruction (the link value before the Thumb
    /// bit is added).
    #[inline(always)]
    pub fn next_pc(&self) -> u32 {
        self.op.pc.wrapping_add(self.op.len as u32)
    }

    /// Stores leave the block when they hit a page holding predecoded
    /// code, so that the next instruction is decoded afresh.
    #[inline(always)]
    pub fn after_store(&mut self) -> Flow {
        if self.mem.code_written_pending() {
            self.cpu.r[15] = self.next_pc();
            Flow::Jump
        } else {
            Flow::Next
        }
    }
}
