//! The compiling engine: the interpreter's block cache decides what a
//! block is; this module decides whether it runs interpreted or compiled,
//! compiles it (now, or on a worker thread), installs the code, links
//! direct exits and keeps the indirect-branch table, and drops code whose
//! guest bytes changed.
//!
//! Determinism: whether a block happens to be compiled when control
//! reaches it depends on host timing, but both tiers leave identical
//! state after every block and a compiled block only runs when it fits
//! entirely before the limit, so the guest cannot tell.

use std::sync::{Arc, Mutex};
use std::thread;

use crossbeam::channel::{unbounded, Receiver, Sender};
use hdrhistogram::Histogram;

use sim::cpu::CpuState;
use sim::engine::{BlockProfile, Engine, EngineStats};
use sim::interp::{block_key, trap_exit, Exit, Interp, Op, Trap};
use sim::memory::GuestMemory;

use crate::codemem::CodeMem;
use crate::compile::{host_isa, quick_isa, Code, Compiler};
use crate::runtime::*;
use crate::translate::{successors, BlockIn, RegionIn, SLOTS};
use crate::JitError;

/// Which tier runs guest code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tier {
    /// Every block interpreted.
    Interp,
    /// Every block compiled before its first run, on the CPU thread.
    Jit,
    /// Blocks interpreted until hot, then compiled in the background.
    Tiered,
}

/// Instructions compiled code may run without returning to the
/// dispatcher while compiles are pending (about a millisecond).
const POLL_INSNS: u64 = 1 << 20;

/// Executions of a block in the interpreter before `Tiered` compiles it.
pub const HOT_THRESHOLD: u32 = 200;

/// Compiles an engine keeps with the workers at once: one being compiled
/// and one ready, so a worker never waits for the CPU thread to poll.
const IN_FLIGHT: usize = 2;

type Trampoline = unsafe extern "C" fn(*mut JitCtx, *const u8) -> i32;

/// Blocks a region may hold besides its entry, and guest instructions
/// in all: enough for a loop nest or a call with its callee, small
/// enough to keep compile time and code size per region bounded.
const REGION_BLOCKS: usize = 12;
const REGION_OPS: usize = 160;

/// A request to compile the region entered at block `idx`.
struct Job {
    idx: u32,
    gen: u64,
    /// The region's blocks, entry first: their ops and instruction set.
    blocks: Vec<(Box<[Op]>, bool)>,
    /// Interpreter indices of `blocks`.
    members: Vec<u32>,
    /// Address of the region's link slots.
    slots: usize,
    /// Address of one entry counter per block, or 0 when not profiling.
    counters: usize,
}

struct Done {
    idx: u32,
    gen: u64,
    ops: Vec<Box<[Op]>>,
    members: Vec<u32>,
    code: Result<Code, JitError>,
}

/// Compiles a job, on whichever thread holds `compiler`.
fn compile_job(compiler: &mut Compiler, job: Job) -> Done {
    let blocks: Vec<BlockIn<'_>> = job
        .blocks
        .iter()
        .map(|(ops, thumb)| BlockIn { ops, thumb: *thumb })
        .collect();
    let code = compiler.block(&RegionIn {
        blocks: &blocks,
        slots: job.slots,
        counters: job.counters,
    });
    Done {
        idx: job.idx,
        gen: job.gen,
        ops: job.blocks.into_iter().map(|(ops, _)| ops).collect(),
        members: job.members,
        code,
    }
}

/// Counters shared by an engine and the engines made from it by `fresh`
/// (forked children, exec'd images).
struct Counters {
    stats: EngineStats,
    hist: Histogram<u64>,
}

/// What all engines of one run share: the code memory, the compile
/// workers, the counters.
struct Shared {
    code: Mutex<CodeMem>,
    trampoline: Trampoline,
    jobs: Option<Sender<(Job, Sender<Done>)>>,
    counters: Mutex<Counters>,
    isa: cranelift_codegen::isa::OwnedTargetIsa,
    quick: cranelift_codegen::isa::OwnedTargetIsa,
}

// SAFETY: the code memory is behind a mutex; the trampoline is a plain
// code address into it, valid for the life of the process (code memory
// is never unmapped).
unsafe impl Send for Shared {}
unsafe impl Sync for Shared {}

impl Shared {
    /// Copies compiled bytes into executable memory; returns the entry.
    fn install(&self, code: &Code) -> Result<*const u8, JitError> {
        let mut m = self.code.lock().unwrap_or_else(|e| e.into_inner());
        m.install(&code.bytes, code.align, &code.label)
    }
}

/// What the dispatcher does about a block before running it.
enum Compile {
    Now,
    Queue,
    Region,
}

/// Per-block state, indexed like the interpreter's blocks.
enum State {
    Cold(u32),
    /// Hot, waiting its turn for a compile worker, with the number of
    /// times it ran since.
    Waiting(u32),
    Queued,
    Compiled(Box<Compiled>),
    /// Compilation failed; stays interpreted.
    Failed,
}

struct Compiled {
    code: *const u8,
    key: u64,
    /// The region's blocks' ops, entry first; kept alive for the helper
    /// calls compiled into the code.
    _ops: Vec<Box<[Op]>>,
    /// Interpreter indices of the region's blocks, entry first: the code
    /// is dropped when any of them is.
    members: Vec<u32>,
    /// `Code::entry_run`.
    entry_run: u64,
    /// Link slots of other blocks that jump straight here.
    incoming: Vec<*mut u64>,
    /// Whether this is the block's region compile, or one was tried.
    regioned: bool,
}

pub struct Jit {
    tier: Tier,
    interp: Interp,
    shared: Arc<Shared>,
    states: Vec<State>,
    ind: Box<[IndEntry]>,
    /// Bumped by every invalidation: results of compiles requested
    /// before it are stale.
    gen: u64,
    /// A direct exit's unlinked slot, and the key of the block it left
    /// for: linked to that block's code once it is compiled.
    pending_link: Option<(*mut u64, u64)>,
    /// Compiled blocks whose region compile has not been considered yet.
    region_queue: Vec<u32>,
    /// Blocks in `State::Waiting`.
    waiting: Vec<u32>,
    ctx: Box<JitCtx>,
    /// Link-slot arrays, freed with the engine (code may point at them
    /// until then).
    slot_arrays: Vec<*mut [u64; SLOTS]>,
    results: (Sender<Done>, Receiver<Done>),
    outstanding: usize,
    /// Compiles on the CPU thread (`Tier::Jit`).
    compiler: Option<Compiler>,
    local: EngineStats,
    /// Compiled code counts block entries (`set_profile`).
    profile: bool,
    /// The blocks of each function compiled with counters, and the
    /// counters (freed with the engine).
    profiles: Vec<(Vec<BlockProfile>, *mut [u64])>,
}

// SAFETY: the raw pointers are into memory this engine owns (slot
// arrays, its context) or into the shared code memory; the engine is
// used by one thread at a time.
unsafe impl Send for Jit {}

impl Drop for Jit {
    fn drop(&mut self) {
        for p in self.slot_arrays.drain(..) {
            // SAFETY: made by Box::into_raw in `new_slots`, freed once.
            drop(unsafe { Box::from_raw(p) });
        }
        for (_, p) in self.profiles.drain(..) {
            // SAFETY: made by Box::into_raw in `job`, freed once.
            drop(unsafe { Box::from_raw(p) });
        }
    }
}

impl Jit {
    /// An engine of `tier` with `workers` background compile threads
    /// (used by `Tiered`; at least one).
    pub fn new(tier: Tier, workers: usize) -> Result<Self, JitError> {
        let isa = host_isa()?;
        let quick = quick_isa()?;
        let mut code = CodeMem::new()?;
        let mut compiler = Compiler::new(isa.clone(), quick.clone());
        let tramp = compiler.trampoline()?;
        let tramp = code.install(&tramp.bytes, tramp.align, &tramp.label)?;
        // SAFETY: the trampoline was compiled with exactly this signature.
        let trampoline: Trampoline = unsafe { std::mem::transmute(tramp) };
        let jobs = if tier == Tier::Tiered {
            let (tx, rx) = unbounded::<(Job, Sender<Done>)>();
            for i in 0..workers.max(1) {
                let rx = rx.clone();
                let (isa, quick) = (isa.clone(), quick.clone());
                thread::Builder::new()
                    .name(format!("lockstep-jit-{i}"))
                    .spawn(move || worker(rx, Compiler::new(isa, quick)))
                    .map_err(|e| JitError::Setup(format!("cannot start a compile thread: {e}")))?;
            }
            Some(tx)
        } else {
            None
        };
        let shared = Arc::new(Shared {
            code: Mutex::new(code),
            trampoline,
            jobs,
            counters: Mutex::new(Counters {
                stats: EngineStats::default(),
                hist: Histogram::new(3).expect("3 significant figures is valid"),
            }),
            isa,
            quick,
        });
        Ok(Self::with_shared(tier, shared))
    }

    fn with_shared(tier: Tier, shared: Arc<Shared>) -> Self {
        let compiler = match tier {
            Tier::Jit => Some(Compiler::new(shared.isa.clone(), shared.quick.clone())),
            _ => None,
        };
        let ind = vec![IndEntry::EMPTY; IND_SIZE].into_boxed_slice();
        let ctx = Box::new(JitCtx {
            cpu: std::ptr::null_mut(),
            mem_base: std::ptr::null_mut(),
            perms: std::ptr::null(),
            mem: std::ptr::null_mut(),
            limit: 0,
            ind_table: ind.as_ptr(),
            exit_slot: std::ptr::null_mut(),
            trap_op: std::ptr::null(),
            trap: None,
        });
        Jit {
            tier,
            interp: Interp::new(),
            shared,
            states: Vec::new(),
            ind,
            gen: 0,
            pending_link: None,
            region_queue: Vec::new(),
            waiting: Vec::new(),
            ctx,
            slot_arrays: Vec::new(),
            results: unbounded(),
            outstanding: 0,
            compiler,
            local: EngineStats::default(),
            profile: false,
            profiles: Vec::new(),
        }
    }

    /// Makes code compiled from now on count how often each block is
    /// entered (`EngineStats::profile`), at the cost of a memory
    /// increment per block.
    pub fn set_profile(&mut self, on: bool) {
        self.profile = on;
    }

    /// Block entries counted so far, by the interpreter and by compiled
    /// code.
    fn profile(&self) -> Vec<BlockProfile> {
        let mut all = self.interp.profile();
        for (blocks, counts) in &self.profiles {
            // SAFETY: the counters live as long as the engine; compiled
            // code runs only inside `run`, on this thread.
            let counts = unsafe { &**counts };
            for (b, &n) in blocks.iter().zip(counts.iter()) {
                if n > 0 {
                    all.push(BlockProfile {
                        entries: n,
                        ..b.clone()
                    });
                }
            }
        }
        all
    }

    fn new_slots(&mut self) -> usize {
        let p = Box::into_raw(Box::new([0u64; SLOTS]));
        self.slot_arrays.push(p);
        p as usize
    }

    fn state(&mut self, idx: u32) -> &mut State {
        let i = idx as usize;
        if i >= self.states.len() {
            self.states.resize_with(i + 1, || State::Cold(0));
        }
        &mut self.states[i]
    }

    /// A compile request for `members` (a region entered at its first
    /// block, or one block alone), with fresh link slots.
    fn job(&mut self, members: Vec<u32>) -> Job {
        let idx = members[0];
        let blocks: Vec<(Box<[Op]>, bool)> = members
            .iter()
            .map(|&m| {
                let b = self.interp.block(m);
                (b.ops.clone().into_boxed_slice(), b.thumb())
            })
            .collect();
        let counters = if self.profile {
            let p = Box::into_raw(vec![0u64; blocks.len()].into_boxed_slice());
            let shapes = blocks
                .iter()
                .map(|(ops, thumb)| BlockProfile::of(ops, *thumb, 0))
                .collect();
            self.profiles.push((shapes, p));
            p as *mut u64 as usize
        } else {
            0
        };
        Job {
            idx,
            gen: self.gen,
            blocks,
            members,
            slots: self.new_slots(),
            counters,
        }
    }

    /// The blocks to compile with block `idx`: breadth first along direct
    /// branches and fall-throughs, those in the same instruction set,
    /// outside IT blocks, that already ran often (all decoded ones under
    /// `Tier::Jit`), within `REGION_BLOCKS` and `REGION_OPS`.
    fn region(&self, idx: u32) -> Vec<u32> {
        let entry = self.interp.block(idx);
        let thumb = entry.thumb();
        let mut members = vec![idx];
        let mut total = entry.ops.len();
        let mut i = 0;
        while i < members.len() && members.len() <= REGION_BLOCKS {
            let last = *self
                .interp
                .block(members[i])
                .ops
                .last()
                .expect("blocks are never empty");
            for (pc, t, it) in successors(&last, thumb) {
                if t != thumb || it != 0 || members.len() > REGION_BLOCKS {
                    continue;
                }
                let Some(s) = self.interp.find(pc, t, it) else {
                    continue;
                };
                let len = self.interp.block(s).ops.len();
                if members.contains(&s) || total + len > REGION_OPS || !self.warm(s) {
                    continue;
                }
                total += len;
                members.push(s);
            }
            i += 1;
        }
        members
    }

    /// Whether block `idx` runs often enough to be worth compiling into
    /// another block's region.
    fn warm(&self, idx: u32) -> bool {
        match self.states.get(idx as usize) {
            Some(State::Cold(n)) => self.tier == Tier::Jit || *n >= HOT_THRESHOLD / 2,
            Some(State::Waiting(_)) | Some(State::Queued) | Some(State::Compiled(_)) => true,
            Some(State::Failed) | None => false,
        }
    }

    /// Compiles `members` now, on this thread.
    fn compile_now(&mut self, members: Vec<u32>) {
        let job = self.job(members);
        let compiler = self.compiler.as_mut().expect("Tier::Jit has a compiler");
        let done = compile_job(compiler, job);
        self.accept(done);
    }

    fn queue(&mut self, idx: u32) {
        *self.state(idx) = State::Waiting(0);
        self.waiting.push(idx);
        self.feed();
    }

    /// Keeps `IN_FLIGHT` compiles with the workers, taking the waiting
    /// block that has run the most instructions since it became hot: when
    /// compiles cannot keep up (a short run that warms up hundreds of
    /// blocks at once), the code that would be interpreted most goes
    /// first, rather than the code that happened to warm up first.
    fn feed(&mut self) {
        while self.outstanding < IN_FLIGHT && !self.waiting.is_empty() {
            let mut best = (0, 0u64);
            for (i, &idx) in self.waiting.iter().enumerate() {
                let runs = match self.states.get(idx as usize) {
                    Some(State::Waiting(n)) => *n as u64,
                    _ => 0,
                };
                let weight = (runs + 1) * self.interp.block(idx).ops.len() as u64;
                if weight > best.1 {
                    best = (i, weight);
                }
            }
            let idx = self.waiting.swap_remove(best.0);
            // Invalidation may have sent it back to cold since.
            if !matches!(self.states.get(idx as usize), Some(State::Waiting(_))) {
                continue;
            }
            let job = self.job(vec![idx]);
            let jobs = self.shared.jobs.as_ref().expect("Tier::Tiered has workers");
            if jobs.send((job, self.results.0.clone())).is_ok() {
                *self.state(idx) = State::Queued;
                self.outstanding += 1;
            } else {
                *self.state(idx) = State::Failed;
            }
        }
    }

    /// Region compiles wait until no single-block compile is pending, so
    /// that hot code leaves the interpreter first; the region of a block
    /// is chosen then, when more of its successors have run.
    fn queue_region(&mut self) {
        while let Some(idx) = self.region_queue.pop() {
            let Some(State::Compiled(c)) = self.states.get_mut(idx as usize) else {
                continue;
            };
            if c.regioned {
                continue;
            }
            c.regioned = true;
            let members = self.region(idx);
            if members.len() < 2 {
                continue;
            }
            let job = self.job(members);
            let jobs = self.shared.jobs.as_ref().expect("Tier::Tiered has workers");
            if jobs.send((job, self.results.0.clone())).is_ok() {
                self.outstanding += 1;
            }
            return;
        }
    }

    /// Installs finished compiles and hands the workers more.
    fn poll(&mut self) {
        while self.outstanding > 0 {
            match self.results.1.try_recv() {
                Ok(done) => {
                    self.outstanding -= 1;
                    self.accept(done);
                }
                Err(_) => break,
            }
        }
        self.feed();
    }

    fn accept(&mut self, done: Done) {
        let idx = done.idx;
        let region = done.members.len() > 1;
        let stale = done.gen != self.gen || !done.members.iter().all(|&m| self.interp.is_valid(m));
        // A region replaces its entry block's single-block code; if that
        // code is gone (or the region failed), the region is dropped and
        // the block keeps whatever state it has.
        let replaces = matches!(self.states.get(idx as usize), Some(State::Compiled(_)));
        if region && (stale || !replaces) {
            return;
        }
        if stale {
            // The guest changed code since the request: try again later.
            *self.state(idx) = State::Cold(0);
            return;
        }
        let Ok((entry, code)) = done
            .code
            .and_then(|code| Ok((self.shared.install(&code)?, code)))
        else {
            if !region {
                *self.state(idx) = State::Failed;
            }
            return;
        };
        {
            let mut c = self
                .shared
                .counters
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            c.stats.blocks_compiled += 1;
            c.stats.regions_compiled += region as u64;
            c.stats.insns_compiled += done.ops.iter().map(|o| o.len() as u64).sum::<u64>();
            c.stats.compile_ns_total += code.nanos;
            c.stats.code_bytes += code.bytes.len() as u64;
            let _ = c.hist.record(code.nanos.max(1));
        }
        let key = self.interp.block(idx).key;
        let incoming = match self.state(idx) {
            State::Compiled(old) => std::mem::take(&mut old.incoming),
            _ => Vec::new(),
        };
        for &slot in &incoming {
            // SAFETY: slots live as long as the engine; they pointed at
            // this block's previous code, which stays mapped.
            unsafe { *slot = entry as u64 };
        }
        let e = &mut self.ind[ind_slot(key as u32)];
        if e.key == key {
            e.code = entry as u64;
        }
        *self.state(idx) = State::Compiled(Box::new(Compiled {
            code: entry,
            key,
            _ops: done.ops,
            members: done.members,
            entry_run: code.entry_run,
            incoming,
            regioned: region,
        }));
        if !region && self.tier == Tier::Tiered {
            self.region_queue.push(idx);
        }
    }

    fn after_code_write(&mut self, mem: &mut GuestMemory) {
        while let Some(page) = mem.take_code_written() {
            self.drop_page(mem, page);
        }
    }

    fn drop_page(&mut self, mem: &mut GuestMemory, page: u32) {
        let dropped = self.interp.invalidate_page(mem, page);
        if dropped.is_empty() {
            return;
        }
        self.gen += 1;
        self.pending_link = None;
        self.ind.fill(IndEntry::EMPTY);
        // Regions that hold a dropped block go too.
        let mut dropped = dropped;
        for (e, st) in self.states.iter().enumerate() {
            if let State::Compiled(c) = st {
                if c.members[1..].iter().any(|m| dropped.contains(m))
                    && !dropped.contains(&(e as u32))
                {
                    dropped.push(e as u32);
                }
            }
        }
        for idx in dropped {
            let st = std::mem::replace(self.state(idx), State::Cold(0));
            if let State::Compiled(c) = st {
                for slot in c.incoming {
                    // SAFETY: slots live as long as the engine.
                    unsafe { *slot = 0 };
                }
                self.local.blocks_discarded += 1;
            }
        }
    }

    fn publish(&mut self) {
        let s = std::mem::take(&mut self.local);
        let mut c = self
            .shared
            .counters
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        c.stats.insns_interp += s.insns_interp;
        c.stats.insns_jit += s.insns_jit;
        c.stats.dispatches += s.dispatches;
        c.stats.blocks_discarded += s.blocks_discarded;
        let i = self.interp.stats;
        c.stats.blocks_built += i.blocks_built;
        c.stats.insns_decoded += i.insns_decoded;
        c.stats.invalidations += i.invalidations;
        self.interp.stats = Default::default();
    }
}

fn worker(rx: Receiver<(Job, Sender<Done>)>, mut compiler: Compiler) {
    while let Ok((job, reply)) = rx.recv() {
        let _ = reply.send(compile_job(&mut compiler, job));
    }
}

impl Engine for Jit {
    fn run(&mut self, cpu: &mut CpuState, mem: &mut GuestMemory, limit: u64) -> Exit {
        let exit = self.run_inner(cpu, mem, limit);
        self.publish();
        exit
    }

    fn invalidate_page(&mut self, mem: &mut GuestMemory, page_addr: u32) {
        self.drop_page(mem, page_addr);
    }

    fn fresh(&self) -> Box<dyn Engine> {
        Box::new(Jit::with_shared(self.tier, self.shared.clone()))
    }

    fn stats(&self) -> EngineStats {
        let c = self
            .shared
            .counters
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let mut s = c.stats.clone();
        if !c.hist.is_empty() {
            s.compile_ns_p50 = c.hist.value_at_quantile(0.5);
            s.compile_ns_p99 = c.hist.value_at_quantile(0.99);
            s.compile_ns_max = c.hist.max();
        }
        // This engine's blocks only (not its forks').
        s.profile = self.profile();
        s
    }

    fn name(&self) -> &'static str {
        match self.tier {
            Tier::Interp => "interp",
            Tier::Jit => "jit",
            Tier::Tiered => "tiered",
        }
    }
}

impl Jit {
    fn run_inner(&mut self, cpu: &mut CpuState, mem: &mut GuestMemory, limit: u64) -> Exit {
        self.after_code_write(mem);
        // Between runs the caller may have moved PC (an interrupt, an
        // exception, a semihosting call): a link requested by the last
        // exit of the previous run no longer names the block at PC.
        self.pending_link = None;
        loop {
            if self.outstanding > 0 {
                self.poll();
            }
            if self.outstanding == 0 && self.waiting.is_empty() && !self.region_queue.is_empty() {
                self.queue_region();
            }
            if cpu.icount >= limit {
                return Exit::Limit;
            }
            let idx = match self.interp.lookup(cpu, mem) {
                Ok(i) => i,
                Err(fault) => {
                    return Exit::Fault {
                        pc: cpu.r[15],
                        fault,
                    }
                }
            };
            let tier = self.tier;
            let pending = self.pending_link.take();
            let run = match self.state(idx) {
                State::Cold(n) => {
                    *n += 1;
                    match tier {
                        Tier::Jit => Some(Compile::Now),
                        Tier::Tiered if *n >= HOT_THRESHOLD => Some(Compile::Queue),
                        _ => None,
                    }
                }
                State::Waiting(n) => {
                    *n = n.saturating_add(1);
                    None
                }
                // `Tier::Jit` compiles a block's region (on the CPU
                // thread too) when the block runs a second time.
                State::Compiled(c) if tier == Tier::Jit && !c.regioned => {
                    c.regioned = true;
                    Some(Compile::Region)
                }
                _ => None,
            };
            match run {
                Some(Compile::Now) => self.compile_now(vec![idx]),
                Some(Compile::Queue) => self.queue(idx),
                Some(Compile::Region) => {
                    let members = self.region(idx);
                    if members.len() > 1 {
                        self.compile_now(members);
                    }
                }
                None => {}
            }
            let start = cpu.icount;
            if let State::Compiled(c) = &mut self.states[idx as usize] {
                if start + c.entry_run <= limit {
                    let code = c.code;
                    if let Some((slot, _)) = pending.filter(|&(_, key)| key == c.key) {
                        // SAFETY: the slot belongs to a live block of
                        // this engine, and the exit that set it left for
                        // exactly this block (the key it left with).
                        unsafe { *slot = code as u64 };
                        c.incoming.push(slot);
                    }
                    let e = &mut self.ind[ind_slot(cpu.r[15])];
                    e.key = c.key;
                    e.code = code as u64;
                    // While compiles are pending, compiled code comes back
                    // every `POLL_INSNS` so that finished ones get
                    // installed; where it stops does not change results.
                    let soft = if self.outstanding > 0
                        || !self.waiting.is_empty()
                        || !self.region_queue.is_empty()
                    {
                        limit.min(start + POLL_INSNS)
                    } else {
                        limit
                    };
                    let rc = self.call(code, cpu, mem, soft);
                    self.local.dispatches += 1;
                    self.local.insns_jit += cpu.icount - start;
                    match rc {
                        EXIT_LINK => {
                            let key = block_key(cpu.r[15], cpu.thumb, cpu.itstate);
                            self.pending_link = Some((self.ctx.exit_slot, key));
                        }
                        EXIT_SLOW => {
                            if let Some(exit) = self.step_interp(cpu, mem) {
                                return exit;
                            }
                        }
                        EXIT_TRAP => {
                            let trap = self.ctx.trap.take().unwrap_or(Trap::Undefined);
                            // SAFETY: trap_op points into a compiled
                            // block's ops, alive while the engine is.
                            let op = unsafe { *self.ctx.trap_op };
                            return trap_exit(cpu, &op, trap);
                        }
                        _ => {}
                    }
                    self.after_code_write(mem);
                    continue;
                }
            }
            let r = self.interp.exec_block(idx, cpu, mem, limit);
            self.local.insns_interp += cpu.icount - start;
            if let Some(exit) = r {
                return exit;
            }
            self.after_code_write(mem);
        }
    }

    /// Runs the one instruction at PC in the interpreter (a compiled
    /// block's slow path).
    fn step_interp(&mut self, cpu: &mut CpuState, mem: &mut GuestMemory) -> Option<Exit> {
        let idx = match self.interp.lookup(cpu, mem) {
            Ok(i) => i,
            Err(fault) => {
                return Some(Exit::Fault {
                    pc: cpu.r[15],
                    fault,
                })
            }
        };
        let start = cpu.icount;
        let r = self.interp.exec_block(idx, cpu, mem, start + 1);
        self.local.insns_interp += cpu.icount - start;
        r
    }

    fn call(
        &mut self,
        code: *const u8,
        cpu: &mut CpuState,
        mem: &mut GuestMemory,
        limit: u64,
    ) -> i32 {
        self.ctx.cpu = cpu;
        self.ctx.mem_base = mem.host_base();
        self.ctx.perms = mem.perms_ptr();
        self.ctx.mem = mem;
        self.ctx.limit = limit;
        self.ctx.ind_table = self.ind.as_ptr();
        // SAFETY: `code` is a live compiled block; the context points at
        // the CPU and memory this call borrows, and compiled code touches
        // guest memory only inside the checked reservation.
        unsafe { (self.shared.trampoline)(&mut *self.ctx, code) }
    }
}
