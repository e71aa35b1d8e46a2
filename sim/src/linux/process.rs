//! A user-mode process: CPU, memory, the interpreter and the kernel-side
//! state (file descriptors, brk, mappings, clocks).

use std::collections::{BTreeMap, BTreeSet};

use thiserror::Error;

use super::files::{OpenFile, Shared, Target};
use super::host::Host;
use super::loader::{load_elf, setup_stack, LoadError, STACK_SIZE, STACK_TOP};
use crate::cpu::CpuState;
use crate::engine::Engine;
use crate::interp::{Exit, Interp};
use crate::memory::{Access, GuestMemory, MemError};

#[derive(Clone, Debug)]
pub struct Options {
    /// Read the host clock instead of deriving time from icount.
    pub host_time: bool,
    /// Seeds AT_RANDOM and getrandom.
    pub seed: u64,
    /// Guest nanoseconds per retired instruction for the virtual clocks.
    pub ns_per_insn: u64,
    /// Epoch of the virtual wall clock, in seconds.
    pub epoch: i64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            host_time: false,
            seed: 0,
            ns_per_insn: 1,
            epoch: 1_700_000_000,
        }
    }
}

/// How a run ended normally.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunEnd {
    /// exit/exit_group with this status.
    Exited(i32),
    /// Killed by a signal it raised on itself (abort()).
    Signaled(i32),
    /// The instruction limit was reached.
    Limit,
}

impl RunEnd {
    /// The status a shell would report.
    pub fn status(self) -> i32 {
        match self {
            RunEnd::Exited(c) => c & 0xff,
            RunEnd::Signaled(s) => 128 + s,
            RunEnd::Limit => 124,
        }
    }
}

#[derive(Debug, Error)]
pub enum RunError {
    #[error("undefined or unimplemented instruction {raw:#0width$x} at {pc:#010x} ({mode}), icount {icount}", width = 2 + 2 * *len as usize, mode = if *thumb { "Thumb" } else { "ARM" })]
    Undefined {
        pc: u32,
        thumb: bool,
        raw: u32,
        len: u8,
        icount: u64,
    },
    #[error("segmentation fault: {access} of {addr:#010x} by the instruction at {pc:#010x}, icount {icount}", access = match access { Access::Read => "read", Access::Write => "write", Access::Exec => "instruction fetch" })]
    Fault {
        pc: u32,
        addr: u32,
        access: Access,
        icount: u64,
    },
    #[error("breakpoint (BKPT #{imm}) at {pc:#010x}, icount {icount}")]
    Breakpoint { pc: u32, imm: u32, icount: u64 },
}

impl RunError {
    /// The status the process would have died with on Linux.
    pub fn status(&self) -> i32 {
        match self {
            RunError::Undefined { .. } => 128 + 4,  // SIGILL
            RunError::Fault { .. } => 128 + 11,     // SIGSEGV
            RunError::Breakpoint { .. } => 128 + 5, // SIGTRAP
        }
    }
}

#[derive(Debug, Error)]
pub enum SetupError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Memory(#[from] MemError),
}

/// splitmix64: small, fast, and enough for seeded guest randomness.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn fill(&mut self, out: &mut [u8]) {
        for chunk in out.chunks_mut(8) {
            let v = self.next().to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
    }
}

pub struct Process {
    pub cpu: CpuState,
    pub mem: GuestMemory,
    /// The execution tier (the interpreter unless the caller installs
    /// another with `set_engine`).
    pub engine: Box<dyn Engine>,
    pub opts: Options,
    pub(super) brk_start: u32,
    pub(super) brk: u32,
    pub(super) fds: BTreeMap<i32, OpenFile>,
    /// Kernel-wide state shared with forked children.
    pub(super) shared: Shared,
    pub(super) pid: u32,
    pub(super) ppid: u32,
    /// Exited children not yet waited for: pid to wait status.
    pub(super) zombies: BTreeMap<u32, i32>,
    /// Instructions retired by children (they run while the parent waits).
    pub children_icount: u64,
    /// The instruction limit of the current run, inherited by children.
    pub(super) limit: u64,
    /// A signal raised by the last system call (SIGPIPE).
    pub(super) pending_signal: Option<i32>,
    pub(super) rng: Rng,
    /// Virtual time slept (nanosleep), added to the icount clock.
    pub(super) slept_ns: u64,
    pub(super) umask: u32,
    pub(super) exe_path: Vec<u8>,
    pub(super) warned: BTreeSet<u32>,
    pub(super) notices: Vec<String>,
}

/// Lowest address mmap hands out: keeps 1 GiB above the image for brk.
pub(super) const MMAP_FLOOR: u32 = 0x4000_0000;
/// mmap allocates top-down from just below the stack.
pub(super) const MMAP_TOP: u32 = STACK_TOP - STACK_SIZE - 0x0100_0000;
pub(super) const PID: u32 = 1000;

impl Process {
    /// Loads `image` and prepares the process to start at its entry point.
    pub fn new(
        image: &[u8],
        argv: &[Vec<u8>],
        envp: &[Vec<u8>],
        exe_path: Vec<u8>,
        host: &dyn Host,
        opts: Options,
    ) -> Result<Self, SetupError> {
        let mut mem = GuestMemory::new()?;
        let loaded = load_elf(image, &mut mem)?;
        let mut cpu = CpuState::new();
        let mut rng = Rng(opts.seed ^ 0x6c6f_636b_7374_6570);
        let mut random = [0u8; 16];
        rng.fill(&mut random);
        setup_stack(&mut mem, &mut cpu, &loaded, argv, envp, random, PID);
        let mut p = Process {
            cpu,
            mem,
            engine: Box::new(Interp::new()),
            opts,
            brk_start: loaded.brk,
            brk: loaded.brk,
            fds: BTreeMap::new(),
            shared: Shared {
                next_pid: PID + 1,
                ..Shared::default()
            },
            pid: PID,
            ppid: PID - 1,
            zombies: BTreeMap::new(),
            children_icount: 0,
            limit: u64::MAX,
            pending_signal: None,
            rng,
            slept_ns: 0,
            umask: 0o022,
            exe_path,
            warned: BTreeSet::new(),
            notices: Vec::new(),
        };
        for (fd, h) in host.std_handles().into_iter().enumerate() {
            p.install_fd(fd as i32, Target::Host(h), [0, 1, 1][fd], false);
        }
        Ok(p)
    }

    /// Replaces the execution tier. Call before the first `run`.
    pub fn set_engine(&mut self, engine: Box<dyn Engine>) {
        self.engine = engine;
    }

    /// Runs until the process exits or `limit` instructions have retired.
    pub fn run(&mut self, host: &mut dyn Host, limit: u64) -> Result<RunEnd, RunError> {
        self.limit = limit;
        loop {
            match self.engine.run(&mut self.cpu, &mut self.mem, limit) {
                Exit::Limit => return Ok(RunEnd::Limit),
                exit => {
                    if let Some(end) = self.serve(exit, host) {
                        return end;
                    }
                }
            }
        }
    }

    /// Runs one instruction (and, if it is an SVC, its system call), for
    /// callers that look at every instruction (tracing). `limit` is the
    /// run's instruction limit, as for `run` (forked children inherit it).
    /// `None`: the process goes on.
    pub fn step(&mut self, host: &mut dyn Host, limit: u64) -> Option<Result<RunEnd, RunError>> {
        self.limit = limit;
        if self.cpu.icount >= limit {
            return Some(Ok(RunEnd::Limit));
        }
        let one = self.cpu.icount + 1;
        match self.engine.run(&mut self.cpu, &mut self.mem, one) {
            Exit::Limit => None,
            exit => self.serve(exit, host),
        }
    }

    /// Handles an exit of `Interp::run` other than `Limit`: serves a system
    /// call, or turns a trap into the run's end.
    fn serve(&mut self, exit: Exit, host: &mut dyn Host) -> Option<Result<RunEnd, RunError>> {
        let icount = self.cpu.icount;
        match exit {
            // WFI and WFE are NOPs in user mode: no such exit.
            // System mode only.
            Exit::Limit | Exit::Wfi | Exit::Unmasked | Exit::NeedsTick => None,
            Exit::Svc(_) => self.syscall(host).map(Ok),
            Exit::Undefined {
                pc,
                thumb,
                raw,
                len,
            } => Some(Err(RunError::Undefined {
                pc,
                thumb,
                raw,
                len,
                icount,
            })),
            Exit::Fault { pc, fault } => Some(Err(RunError::Fault {
                pc,
                addr: fault.addr,
                access: fault.access,
                icount,
            })),
            Exit::Bkpt(imm) => Some(Err(RunError::Breakpoint {
                pc: self.cpu.r[15],
                imm,
                icount,
            })),
        }
    }

    /// Messages for the user (unknown system calls), each given once.
    pub fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    pub(super) fn warn_once(&mut self, nr: u32, what: &str) {
        if self.warned.insert(nr) {
            self.notices.push(format!(
                "unsupported system call {what} (number {nr:#x}) at pc {:#010x}, icount {}: returning -ENOSYS",
                self.cpu.r[15], self.cpu.icount
            ));
        }
    }

    /// A hash of the guest-visible state: registers and memory.
    pub fn state_hash(&self) -> u64 {
        self.cpu.hash() ^ self.mem.hash().rotate_left(1)
    }
}
