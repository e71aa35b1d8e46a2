//! The reference interpreter: predecoded blocks run from a cache.
//!
//! A block is decoded once, at its first execution, into `Op`s (the
//! generated `Insn` plus its address, length and condition), and then run
//! from the cache each time control reaches it. Blocks are keyed by
//! everything that changes decoding: PC, Thumb state and IT state. Each
//! instruction's semantics live in one handler (`dp`, `mul`, `ldst`,
//! `branch`, `misc`, `parallel`, `vfp`), reached through the generated
//! `Visitor` trait (`dispatch`).

mod branch;
mod dispatch;
mod dp;
mod exec;
mod ldst;
mod misc;
mod mul;
mod neon;
mod parallel;
mod vfp;

use std::cell::Cell;
use std::collections::HashMap;

pub use dp::DpOp;
pub use exec::{Exec, Flow, Trap};
pub use ldst::Width;
pub use neon::{multi_shape, Multi};

use crate::cpu::{CpuState, COND_AL};
use crate::decode::{self, ArgI, Ctx, Insn};
use crate::engine::BlockProfile;
use crate::memory::{Fault, GuestMemory, PAGE_SHIFT};

/// Longest block, in instructions: bounds decode work spent on code that
/// may never run.
const MAX_BLOCK: usize = 64;
const JCACHE_SIZE: usize = 1 << 12;

/// One predecoded instruction.
#[derive(Clone, Copy, Debug)]
pub struct Op {
    pub insn: Insn,
    pub pc: u32,
    /// The encoding as fetched (Thumb-2: first halfword in the top half).
    pub raw: u32,
    /// 2 or 4 bytes.
    pub len: u8,
    /// Condition under which it executes (COND_AL for always).
    pub cond: u8,
    /// IT state while this instruction executes, and after it.
    pub it: u8,
    pub it_next: u8,
    /// Decoding failed: executing it raises UNDEFINED.
    pub undefined: bool,
    /// Modelled cycles of one execution (`crate::cycles`).
    pub cost: u8,
}

pub struct Block {
    pub ops: Vec<Op>,
    pub key: u64,
    valid: bool,
    /// Times the interpreter started running it (`--stats`' hottest
    /// blocks).
    entries: Cell<u64>,
    /// `extra_cycles_of(&ops[..i])` at index i (0..=len): what a run that
    /// retired i of them adds, looked up rather than summed again.
    excess: Vec<u32>,
}

impl Block {
    /// Whether the block is Thumb code (part of its key).
    pub fn thumb(&self) -> bool {
        (self.key >> 32) & 1 != 0
    }
}

/// Why `Interp::run` returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// The instruction-count limit was reached exactly.
    Limit,
    /// SVC retired; PC is past it.
    Svc(u32),
    /// BKPT; PC is at it.
    Bkpt(u32),
    /// WFI, or WFE with no event pending, in system mode: retired, PC past
    /// it; the core waits for an interrupt.
    Wfi,
    /// An instruction unmasked IRQ or FIQ, or returned from an exception
    /// (system mode): retired, PC at the next instruction; a pending
    /// interrupt is due now.
    Unmasked,
    /// A generic timer access that needs the exact tick; PC is at it, not
    /// retired. Run it alone with `SysState::exact` set.
    NeedsTick,
    /// UNDEFINED or unimplemented encoding; PC is at it.
    Undefined {
        pc: u32,
        thumb: bool,
        raw: u32,
        len: u8,
    },
    /// A memory access or instruction fetch was refused; PC is at the
    /// instruction.
    Fault { pc: u32, fault: Fault },
}

#[derive(Clone, Copy, Debug, Default)]
pub struct InterpStats {
    pub blocks_built: u64,
    pub insns_decoded: u64,
    pub invalidations: u64,
    /// Instructions retired through `Engine::run` (the engine's count;
    /// a tier that runs blocks itself keeps its own).
    pub insns_run: u64,
}

pub struct Interp {
    blocks: Vec<Block>,
    map: HashMap<u64, u32>,
    /// Direct-mapped cache in front of `map`: (key, block index).
    jcache: Box<[(u64, u32)]>,
    page_blocks: HashMap<u32, Vec<u32>>,
    pub stats: InterpStats,
    /// Entry counts of invalidated blocks (`profile`), merged now and then
    /// so that code rewritten in a loop does not grow it without bound.
    dropped_profile: Vec<BlockProfile>,
}

impl Default for Interp {
    fn default() -> Self {
        Self::new()
    }
}

#[inline(always)]
pub fn block_key(pc: u32, thumb: bool, it: u8) -> u64 {
    pc as u64 | (thumb as u64) << 32 | (it as u64) << 33
}

#[inline(always)]
fn jslot(pc: u32) -> usize {
    ((pc >> 1) ^ (pc >> 13)) as usize & (JCACHE_SIZE - 1)
}

/// ITAdvance (A6.1.2): shift the mask; the block ends after the last.
fn it_advance(it: u8) -> u8 {
    if it & 7 == 0 {
        0
    } else {
        (it & 0xe0) | ((it << 1) & 0x1f)
    }
}

/// Whether an instruction may write PC (or stop execution), so that the
/// block must end after it.
fn ends_block(insn: &Insn) -> bool {
    use Insn::*;
    match *insn {
        AndRrri(a) | EorRrri(a) | SubRrri(a) | RsbRrri(a) | AddRrri(a) | AdcRrri(a)
        | SbcRrri(a) | RscRrri(a) | OrrRrri(a) | MovRxri(a) | BicRrri(a) | MvnRxri(a)
        | OrnRrri(a) => a.rd == 15,
        AndRri(a) | EorRri(a) | SubRri(a) | RsbRri(a) | AddRri(a) | AdcRri(a) | SbcRri(a)
        | RscRri(a) | OrrRri(a) | MovRxi(a) | BicRri(a) | MvnRxi(a) | OrnRri(a) => a.rd == 15,
        LdrRi(a) => a.rt == 15,
        LdrRr(a) => a.rt == 15,
        Ldm(a) | LdmU(a) => a.list & 0x8000 != 0,
        Rfe(_) => true,
        B(_) | Bl(_) | BlxI(_) | Bx(_) | BlxR(_) | BCond(_) | Cbz(_) | Tbb(_) | Tbh(_) | Svc(_)
        | Bkpt(_) | Udf(_) => true,
        _ => false,
    }
}

impl Interp {
    pub fn new() -> Self {
        Interp {
            blocks: Vec::new(),
            map: HashMap::new(),
            jcache: vec![(u64::MAX, 0); JCACHE_SIZE].into_boxed_slice(),
            page_blocks: HashMap::new(),
            dropped_profile: Vec::new(),
            stats: InterpStats::default(),
        }
    }

    /// Forgets every block (e.g. after the guest maps new code).
    pub fn flush(&mut self) {
        self.blocks.clear();
        self.map.clear();
        self.page_blocks.clear();
        self.jcache.fill((u64::MAX, 0));
    }

    /// Drops the blocks decoded from one page; returns their indices
    /// (a compiling tier drops its code for them too).
    pub fn invalidate_page(&mut self, mem: &mut GuestMemory, page_addr: u32) -> Vec<u32> {
        let page = page_addr >> PAGE_SHIFT;
        let mut dropped = Vec::new();
        if let Some(list) = self.page_blocks.remove(&page) {
            for idx in list {
                let b = &mut self.blocks[idx as usize];
                if b.valid {
                    b.valid = false;
                    if b.entries.get() > 0 {
                        let p = BlockProfile::of(&b.ops, b.thumb(), b.entries.get());
                        self.dropped_profile.push(p);
                    }
                    b.ops = Vec::new();
                    b.excess = Vec::new();
                    self.map.remove(&b.key);
                    dropped.push(idx);
                }
            }
            self.jcache.fill((u64::MAX, 0));
            self.stats.invalidations += 1;
            if self.dropped_profile.len() > 4096 {
                self.dropped_profile = crate::engine::hottest(&self.dropped_profile, usize::MAX);
            }
        }
        mem.clear_code(page_addr);
        dropped
    }

    /// The block at index `idx` (from `lookup`).
    #[inline(always)]
    pub fn block(&self, idx: u32) -> &Block {
        &self.blocks[idx as usize]
    }

    /// How often each block was entered here, for blocks entered at all.
    pub fn profile(&self) -> Vec<BlockProfile> {
        self.blocks
            .iter()
            .filter(|b| b.entries.get() > 0 && !b.ops.is_empty())
            .map(|b| BlockProfile::of(&b.ops, b.thumb(), b.entries.get()))
            .chain(self.dropped_profile.iter().cloned())
            .collect()
    }

    /// Whether block `idx` still describes guest memory (not invalidated).
    pub fn is_valid(&self, idx: u32) -> bool {
        self.blocks.get(idx as usize).is_some_and(|b| b.valid)
    }

    /// The valid block already built for (PC, Thumb, IT state), if any;
    /// never decodes.
    pub fn find(&self, pc: u32, thumb: bool, it: u8) -> Option<u32> {
        let idx = *self.map.get(&block_key(pc, thumb, it))?;
        self.is_valid(idx).then_some(idx)
    }

    /// The block that starts at the CPU's PC in its current instruction set
    /// and IT state, predecoding it on first use.
    #[inline(always)]
    pub fn lookup(&mut self, cpu: &CpuState, mem: &mut GuestMemory) -> Result<u32, Fault> {
        let pc = cpu.r[15];
        let key = block_key(pc, cpu.thumb, cpu.itstate);
        let slot = jslot(pc);
        let (k, idx) = self.jcache[slot];
        if k == key {
            return Ok(idx);
        }
        let idx = match self.map.get(&key) {
            Some(&i) => i,
            None => self.build(key, pc, cpu.thumb, cpu.itstate, mem)?,
        };
        self.jcache[slot] = (key, idx);
        Ok(idx)
    }

    fn build(
        &mut self,
        key: u64,
        start: u32,
        thumb: bool,
        it0: u8,
        mem: &mut GuestMemory,
    ) -> Result<u32, Fault> {
        let mut ops = Vec::new();
        let mut pc = start;
        let mut it = it0;
        loop {
            let fetched = if thumb {
                fetch_thumb(mem, pc, it)
            } else {
                mem.fetch32(pc).map(|w| (w, 4, decode::decode_arm(w)))
            };
            let (raw, len, insn) = match fetched {
                Ok(f) => f,
                // A fetch fault ends the block; it is raised only if
                // execution gets there (then as the block's first op).
                Err(f) if ops.is_empty() => return Err(f),
                Err(_) => break,
            };
            let cond = if thumb {
                if it != 0 {
                    it >> 4
                } else {
                    COND_AL
                }
            } else if raw >> 28 == 0xf {
                COND_AL
            } else {
                (raw >> 28) as u8
            };
            let it_next = match insn {
                Some(Insn::It(a)) => a.cond_mask as u8,
                _ if thumb => it_advance(it),
                _ => 0,
            };
            let undefined = insn.is_none();
            let insn = insn.unwrap_or(Insn::Udf(ArgI::default()));
            let ends = ends_block(&insn);
            let cost = crate::cycles::cost(&insn, raw);
            ops.push(Op {
                insn,
                pc,
                raw,
                len,
                cond,
                it,
                it_next,
                undefined,
                cost,
            });
            pc = pc.wrapping_add(len as u32);
            it = it_next;
            if ends || ops.len() >= MAX_BLOCK || pc & 0xfff == 0 {
                break;
            }
        }
        self.stats.blocks_built += 1;
        self.stats.insns_decoded += ops.len() as u64;
        let idx = self.blocks.len() as u32;
        let last = ops
            .last()
            .map_or(start, |o| o.pc.wrapping_add(o.len as u32 - 1));
        for page in [start >> PAGE_SHIFT, last >> PAGE_SHIFT] {
            let list = self.page_blocks.entry(page).or_default();
            if list.last() != Some(&idx) {
                list.push(idx);
            }
            mem.mark_code(page << PAGE_SHIFT);
        }
        let excess = std::iter::once(0)
            .chain(ops.iter().scan(0u32, |sum, o| {
                *sum += o.cost as u32 - 1;
                Some(*sum)
            }))
            .collect();
        self.blocks.push(Block {
            ops,
            key,
            excess,
            valid: true,
            entries: Cell::new(0),
        });
        self.map.insert(key, idx);
        Ok(idx)
    }

    /// Runs until `limit` instructions have retired in total (exactly), or
    /// something needs the caller (SVC, fault, UNDEFINED, BKPT).
    pub fn run(&mut self, cpu: &mut CpuState, mem: &mut GuestMemory, limit: u64) -> Exit {
        // Code pages written since the last run (by a system call, or by a
        // store that then faulted) must not be run from stale blocks.
        self.after_code_write(mem);
        loop {
            if cpu.icount >= limit {
                return Exit::Limit;
            }
            let idx = match self.lookup(cpu, mem) {
                Ok(i) => i,
                Err(fault) => {
                    return Exit::Fault {
                        pc: cpu.r[15],
                        fault,
                    }
                }
            };
            if let Some(exit) = self.exec_block(idx, cpu, mem, limit) {
                return exit;
            }
            self.after_code_write(mem);
        }
    }

    /// Runs block `idx` from its start, stopping early at `limit` total
    /// instructions. `Some` when an instruction trapped; then PC, icount and
    /// IT state are set as the exit describes. The caller handles code
    /// writes (`take_code_written`) afterwards.
    #[inline(always)]
    pub fn exec_block(
        &self,
        idx: u32,
        cpu: &mut CpuState,
        mem: &mut GuestMemory,
        limit: u64,
    ) -> Option<Exit> {
        let block = &self.blocks[idx as usize];
        block.entries.set(block.entries.get() + 1);
        let ops = &block.ops;
        let budget = (limit - cpu.icount).min(ops.len() as u64) as usize;
        let ops = &ops[..budget];
        let mut done = 0usize;
        let mut outcome: Result<bool, Trap> = Ok(false);
        for op in ops {
            if op.cond != COND_AL && !cpu.cond_passed(op.cond) {
                done += 1;
                continue;
            }
            let mut ex = Exec {
                cpu: &mut *cpu,
                mem: &mut *mem,
                op,
            };
            match op.insn.visit(&mut ex) {
                Ok(Flow::Next) => done += 1,
                Ok(Flow::Jump) => {
                    done += 1;
                    outcome = Ok(true);
                    break;
                }
                Err(t) => {
                    outcome = Err(t);
                    break;
                }
            }
        }
        match outcome {
            Ok(jumped) => {
                let last = &ops[done - 1];
                if !jumped {
                    cpu.r[15] = last.pc.wrapping_add(last.len as u32);
                }
                // ITSTATE exists only in Thumb state: a branch to ARM
                // code inside an IT block (UNPREDICTABLE unless last)
                // leaves none.
                cpu.itstate = if cpu.thumb { last.it_next } else { 0 };
                cpu.icount += done as u64;
                cpu.extra_cycles += block.excess[done] as u64;
            }
            Err(trap) => {
                cpu.icount += done as u64;
                cpu.extra_cycles += block.excess[done] as u64;
                return Some(trap_exit(cpu, &ops[done], trap));
            }
        }
        None
    }

    #[inline(always)]
    fn after_code_write(&mut self, mem: &mut GuestMemory) {
        while let Some(page) = mem.take_code_written() {
            self.invalidate_page(mem, page);
        }
    }
}

/// Executes one instruction's semantics (its condition already passed):
/// the entry compiled code uses for what it does not inline.
#[inline]
pub fn exec_op(cpu: &mut CpuState, mem: &mut GuestMemory, op: &Op) -> Result<Flow, Trap> {
    op.insn.visit(&mut Exec { cpu, mem, op })
}

/// Modelled cycles of `ops`, all retired.
#[inline]
pub fn cycles_of(ops: &[Op]) -> u64 {
    ops.iter().map(|o| o.cost as u64).sum()
}

/// What `ops` add to `CpuState::extra_cycles`: their cycles beyond one
/// each: what compiled code adds at a block exit, and what the
/// interpreter keeps per block as prefix sums (`Block::excess`).
#[inline]
pub fn extra_cycles_of(ops: &[Op]) -> u64 {
    ops.iter().map(|o| o.cost as u64 - 1).sum()
}

/// The machine state after instruction `op` trapped, with icount counting
/// the instructions before it: an SVC has retired (PC past it), anything
/// else leaves PC at the instruction. Shared by every tier so that all
/// exits look the same.
pub fn trap_exit(cpu: &mut CpuState, op: &Op, trap: Trap) -> Exit {
    if trap == Trap::Unmasked {
        cpu.icount += 1;
        cpu.extra_cycles += op.cost as u64 - 1;
        return Exit::Unmasked;
    }
    if let Trap::Svc(_) | Trap::Wfi = trap {
        cpu.icount += 1;
        cpu.extra_cycles += op.cost as u64 - 1;
        cpu.itstate = op.it_next;
        return match trap {
            Trap::Svc(imm) => Exit::Svc(imm),
            _ => Exit::Wfi,
        };
    }
    cpu.r[15] = op.pc;
    cpu.itstate = op.it;
    match trap {
        Trap::Fault(fault) => Exit::Fault { pc: op.pc, fault },
        Trap::Bkpt(imm) => Exit::Bkpt(imm),
        Trap::NeedsTick => Exit::NeedsTick,
        _ => Exit::Undefined {
            pc: op.pc,
            thumb: cpu.thumb,
            raw: op.raw,
            len: op.len,
        },
    }
}

/// Fetches and decodes one Thumb instruction: (raw, length, decoded).
fn fetch_thumb(mem: &GuestMemory, pc: u32, it: u8) -> Result<(u32, u8, Option<Insn>), Fault> {
    let ctx = Ctx { in_it: it != 0 };
    let hw1 = mem.fetch16(pc)?;
    if decode::is_thumb32(hw1) {
        let hw2 = mem.fetch16(pc.wrapping_add(2))?;
        let raw = (hw1 as u32) << 16 | hw2 as u32;
        Ok((raw, 4, decode::decode_thumb32(raw, &ctx)))
    } else {
        Ok((hw1 as u32, 2, decode::decode_thumb16(hw1, &ctx)))
    }
}
