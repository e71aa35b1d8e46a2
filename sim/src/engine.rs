//! What runs guest code: the seam between the Linux process (or, later,
//! the system board) and an execution tier.
//!
//! The interpreter implements it here; the Cranelift tier implements it in
//! the `jit` crate, which depends on this one. Every engine must leave the
//! machine exactly as the interpreter would after each `run`: same PC,
//! icount, registers, flags and memory, whatever the exit.

use crate::cpu::CpuState;
use crate::interp::{Exit, Interp};
use crate::memory::GuestMemory;

/// Counters every engine reports (`--stats`). Tiers that do not compile
/// leave the compile fields at zero.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EngineStats {
    /// Blocks predecoded, and the instructions in them.
    pub blocks_built: u64,
    pub insns_decoded: u64,
    /// Pages whose blocks were dropped because code was written or
    /// remapped.
    pub invalidations: u64,
    /// Instructions retired in the interpreter and in compiled code.
    pub insns_interp: u64,
    pub insns_jit: u64,
    /// Functions compiled (single blocks and regions), and the guest
    /// instructions in them (a block in a region counts again).
    pub blocks_compiled: u64,
    pub insns_compiled: u64,
    /// Of `blocks_compiled`, the regions (several blocks in one function).
    pub regions_compiled: u64,
    /// Compiled blocks thrown away by invalidation.
    pub blocks_discarded: u64,
    /// Compile time (translation plus code generation), in nanoseconds:
    /// total and distribution.
    pub compile_ns_total: u64,
    pub compile_ns_p50: u64,
    pub compile_ns_p99: u64,
    pub compile_ns_max: u64,
    /// Entries into compiled code from the dispatcher (linked blocks
    /// continue without one).
    pub dispatches: u64,
    /// Host bytes of machine code installed.
    pub code_bytes: u64,
    /// Entries into each block, from every tier that ran it: the
    /// interpreter always counts; compiled code only when the engine was
    /// asked to profile.
    pub profile: Vec<BlockProfile>,
}

/// How often one block was entered, and what a whole run of it costs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockProfile {
    pub pc: u32,
    pub thumb: bool,
    pub insns: u32,
    /// Modelled cycles of one run through the whole block.
    pub cycles: u64,
    pub entries: u64,
}

impl BlockProfile {
    pub fn of(ops: &[crate::interp::Op], thumb: bool, entries: u64) -> Self {
        BlockProfile {
            pc: ops[0].pc,
            thumb,
            insns: ops.len() as u32,
            cycles: crate::interp::cycles_of(ops),
            entries,
        }
    }
}

/// The `n` blocks with the most modelled cycles (entries times the
/// cycles of a whole run: an exit in the middle still counts the whole
/// block), with the counts of a block profiled by several tiers summed.
pub fn hottest(profile: &[BlockProfile], n: usize) -> Vec<BlockProfile> {
    let mut merged: std::collections::BTreeMap<(u32, bool, u32), BlockProfile> =
        std::collections::BTreeMap::new();
    for p in profile {
        merged
            .entry((p.pc, p.thumb, p.insns))
            .and_modify(|m| m.entries += p.entries)
            .or_insert_with(|| p.clone());
    }
    let mut all: Vec<_> = merged.into_values().collect();
    all.sort_by_key(|p| {
        (
            std::cmp::Reverse(p.entries * p.cycles),
            p.pc,
            p.thumb,
            p.insns,
        )
    });
    all.truncate(n);
    all
}

pub trait Engine: Send {
    /// Runs until `limit` instructions have retired in total (exactly), or
    /// something needs the caller (system call, fault, UNDEFINED, BKPT).
    fn run(&mut self, cpu: &mut CpuState, mem: &mut GuestMemory, limit: u64) -> Exit;

    /// Forgets every translation of one page: the guest wrote it (through
    /// a system call) or its mapping changed.
    fn invalidate_page(&mut self, mem: &mut GuestMemory, page_addr: u32);

    /// A new engine of the same kind for a new address space (fork,
    /// execve). It may share background workers and statistics with this
    /// one.
    fn fresh(&self) -> Box<dyn Engine>;

    fn stats(&self) -> EngineStats;

    /// The tier's name, for reports.
    fn name(&self) -> &'static str;
}

impl Engine for Interp {
    fn run(&mut self, cpu: &mut CpuState, mem: &mut GuestMemory, limit: u64) -> Exit {
        let start = cpu.icount;
        let exit = Interp::run(self, cpu, mem, limit);
        self.stats.insns_run += cpu.icount - start;
        exit
    }

    fn invalidate_page(&mut self, mem: &mut GuestMemory, page_addr: u32) {
        Interp::invalidate_page(self, mem, page_addr);
    }

    fn fresh(&self) -> Box<dyn Engine> {
        Box::new(Interp::new())
    }

    fn stats(&self) -> EngineStats {
        EngineStats {
            blocks_built: self.stats.blocks_built,
            insns_decoded: self.stats.insns_decoded,
            invalidations: self.stats.invalidations,
            insns_interp: self.stats.insns_run,
            profile: self.profile(),
            ..EngineStats::default()
        }
    }

    fn name(&self) -> &'static str {
        "interp"
    }
}
