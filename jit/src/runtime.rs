//! What compiled code sees at run time: the context block it is passed,
//! its exit codes, and the helper it calls for what it does not inline.
//!
//! Compiled blocks use Cranelift's `tail` calling convention with one
//! argument (a `*mut JitCtx`) and return an exit code. Linked blocks reach
//! each other with tail calls, so a chain of any length runs in one host
//! frame; the entry trampoline is the only `extern "C"` boundary.

use std::mem::offset_of;

use sim::cpu::CpuState;
use sim::interp::{exec_op, Flow, Op, Trap};
use sim::memory::GuestMemory;

/// The state of the machine is complete in `CpuState`; the dispatcher
/// looks up the block at PC.
pub const EXIT_NEXT: i32 = 0;
/// An instruction trapped: `JitCtx::trap` and `trap_op` say which and why;
/// icount counts the instructions before it.
pub const EXIT_TRAP: i32 = 1;
/// As `EXIT_NEXT`, and `JitCtx::exit_slot` is a direct exit whose target
/// (the block at PC) was not compiled when the exit ran: the dispatcher
/// may link it.
pub const EXIT_LINK: i32 = 2;

/// The next instruction (at PC, counted in icount as not yet run) needs
/// the interpreter: the dispatcher runs exactly that one instruction.
pub const EXIT_SLOW: i32 = 3;

/// Helper results.
pub const HELPER_NEXT: i32 = 0;
pub const HELPER_JUMP: i32 = 1;
pub const HELPER_TRAP: i32 = 2;

/// Entries in the indirect-branch table.
pub const IND_SIZE: usize = 1 << 12;

/// One entry of the indirect-branch table: block key and code address.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct IndEntry {
    pub key: u64,
    pub code: u64,
}

impl IndEntry {
    /// An empty entry: its key matches no block (keys use 41 bits), so a
    /// branch to address 0 cannot "hit" it.
    pub const EMPTY: IndEntry = IndEntry {
        key: u64::MAX,
        code: 0,
    };
}

/// The slot of `pc` in the indirect-branch table (the interpreter's
/// hash, so both caches spread code the same way).
#[inline(always)]
pub fn ind_slot(pc: u32) -> usize {
    ((pc >> 1) ^ (pc >> 13)) as usize & (IND_SIZE - 1)
}

#[repr(C)]
pub struct JitCtx {
    pub cpu: *mut CpuState,
    pub mem_base: *mut u8,
    pub perms: *const u8,
    pub mem: *mut GuestMemory,
    /// Total icount the current run may reach.
    pub limit: u64,
    pub ind_table: *const IndEntry,
    /// Out, with `EXIT_LINK`: the link slot to fill.
    pub exit_slot: *mut u64,
    /// Out, with `EXIT_TRAP`.
    pub trap_op: *const Op,
    pub trap: Option<Trap>,
}

pub const CTX_CPU: i32 = offset_of!(JitCtx, cpu) as i32;
pub const CTX_MEM_BASE: i32 = offset_of!(JitCtx, mem_base) as i32;
pub const CTX_PERMS: i32 = offset_of!(JitCtx, perms) as i32;
pub const CTX_LIMIT: i32 = offset_of!(JitCtx, limit) as i32;
pub const CTX_IND: i32 = offset_of!(JitCtx, ind_table) as i32;
pub const CTX_EXIT_SLOT: i32 = offset_of!(JitCtx, exit_slot) as i32;

pub const CPU_R: i32 = offset_of!(CpuState, r) as i32;
pub const CPU_N: i32 = offset_of!(CpuState, n) as i32;
pub const CPU_Z: i32 = offset_of!(CpuState, z) as i32;
pub const CPU_C: i32 = offset_of!(CpuState, c) as i32;
pub const CPU_V: i32 = offset_of!(CpuState, v) as i32;
pub const CPU_GE: i32 = offset_of!(CpuState, ge) as i32;
pub const CPU_THUMB: i32 = offset_of!(CpuState, thumb) as i32;
pub const CPU_ITSTATE: i32 = offset_of!(CpuState, itstate) as i32;
pub const CPU_ICOUNT: i32 = offset_of!(CpuState, icount) as i32;
pub const CPU_EXTRA_CYCLES: i32 = offset_of!(CpuState, extra_cycles) as i32;

/// Runs one instruction with the interpreter's semantics (its condition
/// has passed). Compiled code has stored the registers the instruction
/// reads; it reloads what it may have written.
///
/// # Safety
/// `ctx` is the live context of the running block and `op` one of that
/// block's ops; both outlive the call.
pub unsafe extern "C" fn helper_exec(ctx: *mut JitCtx, op: *const Op) -> i32 {
    // SAFETY: per the contract above; the dispatcher holds no other
    // reference to the CPU or memory while compiled code runs.
    let ctx = unsafe { &mut *ctx };
    let (cpu, mem, op) = unsafe { (&mut *ctx.cpu, &mut *ctx.mem, &*op) };
    match exec_op(cpu, mem, op) {
        Ok(Flow::Next) => HELPER_NEXT,
        Ok(Flow::Jump) => HELPER_JUMP,
        Err(t) => {
            ctx.trap = Some(t);
            ctx.trap_op = op;
            HELPER_TRAP
        }
    }
}
