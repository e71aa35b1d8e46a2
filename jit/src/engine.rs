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

use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{Linkage, Module};
use crossbeam::channel::{unbounded, Receiver, Sender};
use hdrhistogram::Histogram;

use sim::cpu::CpuState;
use sim::engine::{Engine, EngineStats};
use sim::interp::{trap_exit, Exit, Interp, Op, Trap};
use sim::memory::GuestMemory;

use crate::compile::{host_isa, Code, Compiler};
use crate::runtime::*;
use crate::translate::{block_signature, BlockIn, SLOTS};
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

/// Executions of a block in the interpreter before `Tiered` compiles it.
pub const HOT_THRESHOLD: u32 = 50;

type Trampoline = unsafe extern "C" fn(*mut JitCtx, *const u8) -> i32;

/// A request to compile one block.
struct Job {
    idx: u32,
    gen: u64,
    ops: Box<[Op]>,
    thumb: bool,
    /// Address of the block's link slots.
    slots: usize,
}

struct Done {
    idx: u32,
    gen: u64,
    ops: Box<[Op]>,
    code: Result<Code, JitError>,
}

/// Compiles a job, on whichever thread holds `compiler`.
fn compile_job(compiler: &mut Compiler, job: Job) -> Done {
    let code = compiler.block(&BlockIn {
        ops: &job.ops,
        thumb: job.thumb,
        slots: job.slots,
    });
    Done {
        idx: job.idx,
        gen: job.gen,
        ops: job.ops,
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
    module: Mutex<JITModule>,
    trampoline: Trampoline,
    jobs: Option<Sender<(Job, Sender<Done>)>>,
    counters: Mutex<Counters>,
    isa: cranelift_codegen::isa::OwnedTargetIsa,
}

// SAFETY: the JIT module is behind a mutex; the trampoline is a plain
// code address that stays valid while the module lives (code is never
// freed before the module).
unsafe impl Send for Shared {}
unsafe impl Sync for Shared {}

impl Shared {
    /// Copies compiled bytes into executable memory; returns the entry.
    fn install(&self, code: &Code) -> Result<*const u8, JitError> {
        let mut m = self.module.lock().unwrap_or_else(|e| e.into_inner());
        install(&mut m, code)
    }
}

fn install(m: &mut JITModule, code: &Code) -> Result<*const u8, JitError> {
    let err = |e: cranelift_module::ModuleError| JitError::Install(e.to_string());
    // A named (local) function, so that profilers that read cranelift-jit's
    // perf map name compiled code by guest address; the module's count of
    // declarations keeps names unique when a block is compiled again.
    let name = format!(
        "{}_{}",
        code.label,
        m.declarations().get_functions().count()
    );
    let id = m
        .declare_function(&name, Linkage::Local, &block_signature())
        .map_err(err)?;
    m.define_function_bytes(id, code.align, &code.bytes, &[])
        .map_err(err)?;
    m.finalize_definitions().map_err(err)?;
    Ok(m.get_finalized_function(id))
}

/// Per-block state, indexed like the interpreter's blocks.
enum State {
    Cold(u32),
    Queued,
    Compiled(Box<Compiled>),
    /// Compilation failed; stays interpreted.
    Failed,
}

struct Compiled {
    code: *const u8,
    key: u64,
    /// Kept alive for the helper calls compiled into the code.
    ops: Box<[Op]>,
    /// Link slots of other blocks that jump straight here.
    incoming: Vec<*mut u64>,
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
    pending_link: Option<*mut u64>,
    ctx: Box<JitCtx>,
    /// Link-slot arrays, freed with the engine (code may point at them
    /// until then).
    slot_arrays: Vec<*mut [u64; SLOTS]>,
    results: (Sender<Done>, Receiver<Done>),
    outstanding: usize,
    /// Compiles on the CPU thread (`Tier::Jit`).
    compiler: Option<Compiler>,
    local: EngineStats,
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
    }
}

impl Jit {
    /// An engine of `tier` with `workers` background compile threads
    /// (used by `Tiered`; at least one).
    pub fn new(tier: Tier, workers: usize) -> Result<Self, JitError> {
        let isa = host_isa()?;
        let mut module = JITModule::new(JITBuilder::with_isa(
            isa.clone(),
            cranelift_module::default_libcall_names(),
        ));
        let mut compiler = Compiler::new(isa.clone());
        let tramp = compiler.trampoline()?;
        let tramp = install(&mut module, &tramp)?;
        // SAFETY: the trampoline was compiled with exactly this signature.
        let trampoline: Trampoline = unsafe { std::mem::transmute(tramp) };
        let jobs = if tier == Tier::Tiered {
            let (tx, rx) = unbounded::<(Job, Sender<Done>)>();
            for i in 0..workers.max(1) {
                let rx = rx.clone();
                let isa = isa.clone();
                thread::Builder::new()
                    .name(format!("lockstep-jit-{i}"))
                    .spawn(move || worker(rx, Compiler::new(isa)))
                    .map_err(|e| JitError::Setup(format!("cannot start a compile thread: {e}")))?;
            }
            Some(tx)
        } else {
            None
        };
        let shared = Arc::new(Shared {
            module: Mutex::new(module),
            trampoline,
            jobs,
            counters: Mutex::new(Counters {
                stats: EngineStats::default(),
                hist: Histogram::new(3).expect("3 significant figures is valid"),
            }),
            isa,
        });
        Ok(Self::with_shared(tier, shared))
    }

    fn with_shared(tier: Tier, shared: Arc<Shared>) -> Self {
        let compiler = (tier == Tier::Jit).then(|| Compiler::new(shared.isa.clone()));
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
            ctx,
            slot_arrays: Vec::new(),
            results: unbounded(),
            outstanding: 0,
            compiler,
            local: EngineStats::default(),
        }
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

    /// A compile request for block `idx`, with fresh link slots.
    fn job(&mut self, idx: u32) -> Job {
        let b = self.interp.block(idx);
        let ops: Box<[Op]> = b.ops.clone().into_boxed_slice();
        let thumb = (b.key >> 32) & 1 != 0;
        Job {
            idx,
            gen: self.gen,
            ops,
            thumb,
            slots: self.new_slots(),
        }
    }

    /// Compiles block `idx` now, on this thread.
    fn compile_now(&mut self, idx: u32) {
        let job = self.job(idx);
        let compiler = self.compiler.as_mut().expect("Tier::Jit has a compiler");
        let done = compile_job(compiler, job);
        self.accept(done);
    }

    fn queue(&mut self, idx: u32) {
        let job = self.job(idx);
        let jobs = self.shared.jobs.as_ref().expect("Tier::Tiered has workers");
        if jobs.send((job, self.results.0.clone())).is_ok() {
            *self.state(idx) = State::Queued;
            self.outstanding += 1;
        } else {
            *self.state(idx) = State::Failed;
        }
    }

    /// Installs finished compiles.
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
    }

    fn accept(&mut self, done: Done) {
        let idx = done.idx;
        if done.gen != self.gen || !self.interp.is_valid(idx) {
            // The guest changed code since the request: try again later.
            *self.state(idx) = State::Cold(0);
            return;
        }
        let code = match done.code {
            Ok(c) => c,
            Err(_) => {
                *self.state(idx) = State::Failed;
                return;
            }
        };
        let entry = match self.shared.install(&code) {
            Ok(e) => e,
            Err(_) => {
                *self.state(idx) = State::Failed;
                return;
            }
        };
        {
            let mut c = self
                .shared
                .counters
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            c.stats.blocks_compiled += 1;
            c.stats.insns_compiled += done.ops.len() as u64;
            c.stats.compile_ns_total += code.nanos;
            c.stats.code_bytes += code.bytes.len() as u64;
            let _ = c.hist.record(code.nanos.max(1));
        }
        let key = self.interp.block(idx).key;
        *self.state(idx) = State::Compiled(Box::new(Compiled {
            code: entry,
            key,
            ops: done.ops,
            incoming: Vec::new(),
        }));
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
        loop {
            if self.outstanding > 0 {
                self.poll();
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
                        Tier::Jit => Some(true),
                        Tier::Tiered if *n >= HOT_THRESHOLD => Some(false),
                        _ => None,
                    }
                }
                _ => None,
            };
            match run {
                Some(true) => self.compile_now(idx),
                Some(false) => self.queue(idx),
                None => {}
            }
            let start = cpu.icount;
            if let State::Compiled(c) = &mut self.states[idx as usize] {
                if start + c.ops.len() as u64 <= limit {
                    let code = c.code;
                    if let Some(slot) = pending {
                        // SAFETY: the slot belongs to a live block of
                        // this engine; the exit that set it targets
                        // exactly this block (same PC, T bit, IT state).
                        unsafe { *slot = code as u64 };
                        c.incoming.push(slot);
                    }
                    let e = &mut self.ind[ind_slot(cpu.r[15])];
                    e.key = c.key;
                    e.code = code as u64;
                    let rc = self.call(code, cpu, mem, limit);
                    self.local.dispatches += 1;
                    self.local.insns_jit += cpu.icount - start;
                    match rc {
                        EXIT_LINK => self.pending_link = Some(self.ctx.exit_slot),
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
