//! A region of predecoded blocks to one Cranelift function: the entry
//! block, and blocks it reaches by direct branches (chosen by the engine),
//! between which control passes by plain jumps.
//!
//! Guest registers R0-R14 live in Cranelift variables inside the
//! function: loaded at entry (loads nobody uses are removed), stored at
//! every exit. The N, Z, C, V flags live in `CpuState`, stored by the
//! instruction that sets them, except after a subtraction (CMP, SUBS,
//! RSBS): then only its two operands are kept, and the flags are computed
//! where something needs them (an exit, a later partial write, a
//! condition that cannot compare the operands directly). So a loop carries
//! two values rather than computing four flags each time round. Everything else (VFP registers, Q, GE,
//! the exclusive monitor) stays in `CpuState`, where the helpers expect it.
//!
//! Each instruction is either lowered inline (`alu`, `mem`, `branch`,
//! `vfp`) or run by `helper_exec`, the interpreter's own semantics. Inline
//! memory accesses check the page permission byte, and inline VFP
//! arithmetic checks that host IEEE arithmetic gives ARM's answer; for
//! anything unusual (a fault, a page with translated code, an access that
//! crosses a page, a result that needs ARM's rounding or flag rules) the
//! block leaves before the instruction and the interpreter runs it. So the
//! interpreter alone decides every corner case and the inline code only has
//! to agree with it on the plain ones.

mod alu;
mod branch;
mod mem;
mod vfp;

pub use branch::successors;

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::{I32, I64, I8};
use cranelift_codegen::ir::{
    AbiParam, Function, InstBuilder, MemFlagsData, SigRef, Signature, Value,
};
use cranelift_codegen::isa::{CallConv, TargetFrontendConfig};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};

use sim::cpu::COND_AL;
use sim::decode::Insn;
use sim::interp::{extra_cycles_of, Op};

use crate::runtime::*;

/// Direct exits out of a region that can be linked.
pub const SLOTS: usize = 64;

/// Flag indices (N, Z, C, V), as `Tr::flag` and `Tr::set_flags` take them.
const VN: usize = 0;
const VZ: usize = 1;
const VC: usize = 2;
const VV: usize = 3;
/// Variable indices: R0-R14, then the lazy flags: `VFK` is a mask with
/// bit f set (f = VN, VZ, VC, VV) while flag f is that of the subtraction
/// `VFX - VFY`; its other flags are in `CpuState`.
const NREGS: usize = 15;
const VFK: usize = 15;
const VFX: usize = 16;
const VFY: usize = 17;
const NVARS: usize = 18;
const ALL: u32 = (1 << NREGS) - 1;
const FLAG_OFFSETS: [i32; 4] = [CPU_N, CPU_Z, CPU_C, CPU_V];

/// One block of a region.
pub struct BlockIn<'a> {
    pub ops: &'a [Op],
    pub thumb: bool,
}

/// What one compiled function covers: `blocks[0]` is where it is entered;
/// the others (same instruction set, IT state zero) are reached from it
/// by direct branches.
pub struct RegionIn<'a> {
    pub blocks: &'a [BlockIn<'a>],
    /// Address of the function's `SLOTS` link words.
    pub slots: usize,
    /// Address of one u64 entry counter per block, or 0 for none.
    pub counters: usize,
}

/// The signature of every compiled block (and of what the trampoline
/// calls).
///
/// Arguments: the `JitCtx`, the `CpuState` and the icount. Chained blocks
/// pass the icount in a register; `CpuState::icount` is brought up to
/// date only when control returns to the dispatcher or calls into Rust.
pub fn block_signature() -> Signature {
    let mut sig = Signature::new(CallConv::Tail);
    for _ in 0..3 {
        sig.params.push(AbiParam::new(I64));
    }
    sig.returns.push(AbiParam::new(I32));
    sig
}

fn helper_signature(cc: CallConv) -> Signature {
    let mut sig = Signature::new(cc);
    sig.params.push(AbiParam::new(I64));
    sig.params.push(AbiParam::new(I64));
    sig.returns.push(AbiParam::new(I32));
    sig
}

/// How a helper-run instruction touches the cached core state.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Touch {
    /// Neither reads nor writes core registers or flags (VFP and Neon
    /// data processing).
    None,
    /// Reads core registers, writes none.
    Reads,
    /// Anything.
    Any,
}

/// A guest memory access to test before its inline fast path: `size`
/// bytes at `addr`, and an alignment the instruction requires (1: none).
#[derive(Clone, Copy)]
struct Span {
    addr: Value,
    size: u32,
    write: bool,
    align: u32,
}

impl Span {
    fn new(addr: Value, size: u32, write: bool) -> Self {
        Span {
            addr,
            size,
            write,
            align: 1,
        }
    }
}

/// Whether lowering left an open block to continue in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Done {
    Continue,
    Terminated,
}

struct Tr<'a, 'b> {
    b: FunctionBuilder<'b>,
    region: &'a RegionIn<'a>,
    /// The block being lowered.
    blk: &'a BlockIn<'a>,
    /// Where each block of the region starts.
    headers: Vec<cranelift_codegen::ir::Block>,
    vars: [Variable; NVARS],
    /// Variables written so far on some path (stored at exits).
    dirty: u32,
    ctx: Value,
    cpu: Value,
    base: Value,
    perms: Value,
    ind: Value,
    /// Icount at the start of the current pass through the block.
    vic: Variable,
    /// Variables that need their value from `CpuState` at entry: read
    /// somewhere, or stored at an exit that not every path defined.
    used: u32,
    /// Variables defined unconditionally so far.
    always: u32,
    /// Nesting of conditionally executed code being emitted.
    depth: u32,
    limit: Value,
    helper_sig: SigRef,
    tail_sig: SigRef,
    next_slot: usize,
    /// Index of the instruction being lowered.
    cur: usize,
    /// What `VFK` holds here, when known while translating (None: it
    /// depends on the path taken).
    flag_kind: Option<u8>,
    /// The value the last read of C gave, while no flag has been written
    /// since: writing it back as C is no change.
    c_read: Option<Value>,
    /// Whether the region's first block can be jumped to from inside.
    loops: bool,
    /// `PassIn::run`.
    run: &'a [u64],
    /// Index in the region of the block being lowered.
    bi: usize,
    /// Jumps between the region's blocks emitted so far.
    jumps: Vec<(usize, usize)>,
    /// A result whose sign and zero-ness are N and Z (the last flag
    /// write, unconditional): EQ, NE, MI, PL test it directly.
    last_nz: Option<Value>,
    /// The operands of the flag-setting subtraction (CMP, SUBS, RSBS)
    /// that defined all four flags, while no other flag write has
    /// followed: a condition then compares them directly.
    last_cmp: Option<(Value, Value)>,
}

fn flags() -> MemFlagsData {
    MemFlagsData::trusted()
}

/// Loads of context fields that never change while compiled code runs:
/// the optimiser may merge, move or drop them.
fn ctx_flags() -> MemFlagsData {
    MemFlagsData::trusted().with_readonly().with_can_move()
}

/// Builds the function for `region` into `func`.
///
/// Two or three passes: the first finds which registers and flags the
/// code reads at all, so that the last loads only those at entry (Cranelift keeps
/// loads from state that is also stored, even unused ones).
///
/// Returns the most instructions the function may run from its entry
/// before it next checks the limit (the dispatcher enters it only when
/// that many fit).
pub fn translate(
    func: &mut Function,
    fctx: &mut FunctionBuilderContext,
    region: &RegionIn<'_>,
    frontend: TargetFrontendConfig,
) -> u64 {
    let name = func.name.clone();
    // A first pass finds what the region writes; a region that loops or
    // has several blocks then needs a second pass, with those writes dirty
    // from the start, to learn which of them an exit may store before this
    // pass through the code defines them.
    let loops = region_loops(region);
    // Until the first pass has found the jumps inside the region, every
    // block is assumed to run into all the others.
    let total = region.blocks.iter().map(|b| b.ops.len() as u64).sum();
    let mut pass = PassIn {
        entry_loads: ALL,
        dirty0: 0,
        loops,
        run: vec![total; region.blocks.len()],
    };
    let mut info = translate_pass(func, fctx, region, frontend, &pass);
    pass.run = run_lengths(region, &info.jumps);
    if loops {
        pass.dirty0 = info.dirty;
        *func = Function::with_name_signature(name.clone(), block_signature());
        info = translate_pass(func, fctx, region, frontend, &pass);
    }
    pass.entry_loads = info.used;
    *func = Function::with_name_signature(name, block_signature());
    translate_pass(func, fctx, region, frontend, &pass);
    pass.run[0]
}

/// Whether control can come back to the region's entry from inside it:
/// it has several blocks, or its one block branches to itself.
pub fn region_loops(region: &RegionIn<'_>) -> bool {
    let entry = &region.blocks[0];
    region.blocks.len() > 1 || entry.ops.iter().any(|op| branch::self_target(op, entry))
}

/// What a pass is told.
struct PassIn {
    /// Registers loaded at entry.
    entry_loads: u32,
    /// Registers stored at every exit.
    dirty0: u32,
    loops: bool,
    /// Per block, the most instructions from its start to the next limit
    /// check (`run_lengths`).
    run: Vec<u64>,
}

/// What a pass learns.
struct PassInfo {
    used: u32,
    dirty: u32,
    /// Jumps between the region's blocks, (from, to).
    jumps: Vec<(usize, usize)>,
}

/// Only a jump to a block at or before its source in region order checks
/// the limit (every cycle has one), so from the start of block `j` the
/// code may run `j`, then along forward jumps: the longest such path.
fn run_lengths(region: &RegionIn<'_>, jumps: &[(usize, usize)]) -> Vec<u64> {
    let n = region.blocks.len();
    let mut run = vec![0u64; n];
    for j in (0..n).rev() {
        let after = jumps
            .iter()
            .filter(|&&(from, to)| from == j && to > j)
            .map(|&(_, to)| run[to])
            .max()
            .unwrap_or(0);
        run[j] = region.blocks[j].ops.len() as u64 + after;
    }
    run
}

fn translate_pass(
    func: &mut Function,
    fctx: &mut FunctionBuilderContext,
    region: &RegionIn<'_>,
    frontend: TargetFrontendConfig,
    pass: &PassIn,
) -> PassInfo {
    let (entry_loads, dirty0, loops) = (pass.entry_loads, pass.dirty0, pass.loops);
    func.signature = block_signature();
    let mut b = FunctionBuilder::new(func, fctx);
    let helper_sig = b.import_signature(helper_signature(CallConv::SystemV));
    let tail_sig = b.import_signature(block_signature());
    let vars = std::array::from_fn(|_| b.declare_var(I32));
    let vic = b.declare_var(I64);

    let entry = b.create_block();
    b.append_block_params_for_function_params(entry);
    b.switch_to_block(entry);
    let (ctx, cpu, icount0) = (
        b.block_params(entry)[0],
        b.block_params(entry)[1],
        b.block_params(entry)[2],
    );
    let limit = b.ins().load(I64, ctx_flags(), ctx, CTX_LIMIT);
    let blk = &region.blocks[0];
    let end = b.ins().iadd_imm_s(icount0, pass.run[0] as i64);
    let over = b.ins().icmp(IntCC::UnsignedGreaterThan, end, limit);
    let body = b.create_block();
    let out = b.create_block();
    b.ins().brif(over, out, &[], body, &[]);
    b.switch_to_block(out);
    b.ins().store(flags(), icount0, cpu, CPU_ICOUNT);
    let rc = b.ins().iconst(I32, EXIT_NEXT as i64);
    b.ins().return_(&[rc]);

    b.switch_to_block(body);
    b.def_var(vic, icount0);
    let base = b.ins().load(I64, ctx_flags(), ctx, CTX_MEM_BASE);
    let perms = b.ins().load(I64, ctx_flags(), ctx, CTX_PERMS);
    let ind = b.ins().load(I64, ctx_flags(), ctx, CTX_IND);
    let headers: Vec<_> = region.blocks.iter().map(|_| b.create_block()).collect();

    let header = headers[0];
    let mut t = Tr {
        b,
        region,
        blk,
        headers,
        vars,
        vic,
        used: 0,
        dirty: dirty0,
        always: 0,
        depth: 0,
        ctx,
        cpu,
        base,
        perms,
        ind,
        limit,
        helper_sig,
        tail_sig,
        next_slot: 0,
        cur: 0,
        flag_kind: Some(0),
        c_read: None,
        loops,
        run: &pass.run,
        bi: 0,
        jumps: Vec::new(),
        last_nz: None,
        last_cmp: None,
    };
    t.reload(entry_loads);
    let zero = t.b.ins().iconst(I32, 0);
    for var in [VFK, VFX, VFY] {
        t.b.def_var(t.vars[var], zero);
    }
    t.b.ins().jump(header, &[]);
    t.ops();
    t.b.seal_all_blocks();
    t.b.finalize(frontend);
    PassInfo {
        used: t.used,
        dirty: t.dirty,
        jumps: t.jumps,
    }
}

impl Tr<'_, '_> {
    fn ops(&mut self) {
        let region = self.region;
        for (i, blk) in region.blocks.iter().enumerate() {
            self.b.switch_to_block(self.headers[i]);
            if region.counters != 0 {
                let at = self.b.ins().iconst(I64, (region.counters + 8 * i) as i64);
                let n = self.b.ins().load(I64, flags(), at, 0);
                let n = self.b.ins().iadd_imm_s(n, 1);
                self.b.ins().store(flags(), n, at, 0);
            }
            self.blk = blk;
            self.bi = i;
            self.cur = 0;
            self.depth = 0;
            self.last_cmp = None;
            self.last_nz = None;
            self.c_read = None;
            if i > 0 || self.loops {
                // Reached from several places: the flags are in whatever
                // form those places left them.
                self.flag_kind = None;
            }
            if i > 0 {
                // Reached from several places: nothing is known defined.
                self.always = 0;
            }
            self.block_ops();
        }
    }

    fn block_ops(&mut self) {
        let ops = self.blk.ops;
        for (i, op) in ops.iter().enumerate() {
            self.cur = i;
            let done = if op.cond == COND_AL || op.cond == 15 {
                self.lower(op)
            } else {
                let c = self.cond(op.cond);
                let body = self.b.create_block();
                let skip = self.b.create_block();
                if self.loops_back(op) {
                    // Staying in the loop is the likely way: keep the
                    // exit out of the loop's straight line.
                    self.b.set_cold_block(skip);
                }
                self.b.ins().brif(c, body, &[], skip, &[]);
                self.b.switch_to_block(body);
                self.depth += 1;
                let kind = self.flag_kind;
                let d = self.lower(op);
                if self.flag_kind != kind {
                    self.flag_kind = None;
                }
                self.depth -= 1;
                if d == Done::Continue {
                    self.b.ins().jump(skip, &[]);
                }
                self.b.switch_to_block(skip);
                Done::Continue
            };
            if done == Done::Terminated {
                return;
            }
        }
        let last = ops.last().expect("blocks are never empty");
        let next = last.pc.wrapping_add(last.len as u32);
        self.exit_direct(next, self.blk.thumb, last.it_next, ops.len());
    }

    /// Whether `op` is a direct branch back to a block of this region
    /// at or before it (a loop's back edge, so usually taken).
    fn loops_back(&self, op: &Op) -> bool {
        let Some((pc, thumb)) = branch::direct_target(op, self.blk.thumb) else {
            return false;
        };
        pc <= op.pc
            && self
                .region
                .blocks
                .iter()
                .any(|b| b.thumb == thumb && b.ops[0].pc == pc)
    }

    fn lower(&mut self, op: &Op) -> Done {
        use Insn::*;
        if op.undefined {
            return self.helper(op, Touch::Any);
        }
        let lowered = match op.insn {
            It(_) | Nop(_) => Some(Done::Continue),
            _ => None,
        };
        let lowered = lowered
            .or_else(|| self.lower_alu(op))
            .or_else(|| self.lower_mem(op))
            .or_else(|| self.lower_branch(op))
            .or_else(|| self.lower_vfp(op));
        match lowered {
            Some(d) => d,
            None => self.helper(op, touch(&op.insn)),
        }
    }

    // ---- registers and flags ----

    /// Reads a core register: PC reads as the instruction's address plus
    /// 8 (ARM) or 4 (Thumb).
    fn reg(&mut self, r: i32) -> Value {
        if r == 15 {
            let v = self.pc_read();
            self.b.ins().iconst(I32, v as i64)
        } else {
            self.note_use(r as usize);
            self.b.use_var(self.vars[r as usize])
        }
    }

    fn pc_read(&self) -> u32 {
        let op = &self.blk.ops[self.cur];
        op.pc.wrapping_add(if self.blk.thumb { 4 } else { 8 })
    }

    /// A base register: PC is Align(PC, 4).
    fn base_reg(&mut self, r: i32) -> Value {
        if r == 15 {
            let v = self.pc_read() & !3;
            self.b.ins().iconst(I32, v as i64)
        } else {
            self.reg(r)
        }
    }

    /// A read of `var`: it needs its entry value unless an unconditional
    /// definition earlier in the block dominates the read.
    fn note_use(&mut self, var: usize) {
        if self.always & (1 << var) == 0 {
            self.used |= 1 << var;
        }
    }

    fn set(&mut self, var: usize, v: Value) {
        self.b.def_var(self.vars[var], v);
        self.dirty |= 1 << var;
        if self.depth == 0 {
            self.always |= 1 << var;
        }
    }

    /// The value (0 or 1) of flag `f` (VN, VZ, VC or VV).
    fn flag(&mut self, f: usize) -> Value {
        let v = self.flag_value(f);
        if f == VC {
            self.c_read = Some(v);
        }
        v
    }

    fn flag_value(&mut self, f: usize) -> Value {
        let stored = |t: &mut Self| t.b.ins().load(I32, flags(), t.cpu, FLAG_OFFSETS[f]);
        let lazy = |t: &mut Self| {
            let x = t.b.use_var(t.vars[VFX]);
            let y = t.b.use_var(t.vars[VFY]);
            t.sub_flags(x, y)[f]
        };
        match self.flag_kind {
            Some(k) if k & (1 << f) == 0 => stored(self),
            Some(_) => lazy(self),
            None => {
                let k = self.b.use_var(self.vars[VFK]);
                let k = self.b.ins().band_imm_u(k, 1 << f);
                let sub = lazy(self);
                let mem = stored(self);
                self.b.ins().select(k, sub, mem)
            }
        }
    }

    /// N, Z, C, V of `x - y` (AddWithCarry(x, NOT y, 1)); the code
    /// generator drops the ones nobody uses.
    fn sub_flags(&mut self, x: Value, y: Value) -> [Value; 4] {
        let r = self.b.ins().isub(x, y);
        let n = self.b.ins().ushr_imm_u(r, 31);
        let z = self.b.ins().icmp(IntCC::Equal, x, y);
        let z = self.b.ins().uextend(I32, z);
        let c = self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, x, y);
        let c = self.b.ins().uextend(I32, c);
        let xy = self.b.ins().bxor(x, y);
        let xr = self.b.ins().bxor(x, r);
        let v = self.b.ins().band(xy, xr);
        let v = self.b.ins().ushr_imm_u(v, 31);
        [n, z, c, v]
    }

    /// Whether flag `f` may be held lazily here.
    fn maybe_lazy(&self, f: usize) -> bool {
        self.flag_kind.is_none_or(|k| k & (1 << f) != 0)
    }

    /// Stores lazily held flags into `CpuState`; changes nothing about
    /// what the translator knows (exits use it on their own path).
    fn store_lazy_flags(&mut self) {
        for f in [VN, VZ, VC, VV] {
            if self.maybe_lazy(f) {
                let v = self.flag_value(f);
                self.b.ins().store(flags(), v, self.cpu, FLAG_OFFSETS[f]);
            }
        }
    }

    /// From here on the flags are in `CpuState`.
    fn flags_stored(&mut self) {
        self.c_read = None;
        if self.flag_kind != Some(0) {
            let zero = self.b.ins().iconst(I32, 0);
            self.b.def_var(self.vars[VFK], zero);
            self.flag_kind = Some(0);
        }
    }

    /// Writes the flags given (N, Z, C, V order); the others keep their
    /// values, in whichever form they are held.
    fn set_flags(&mut self, vals: [Option<Value>; 4]) {
        self.last_cmp = None;
        self.last_nz = None;
        let mut vals = vals;
        if vals[VC].is_some() && vals[VC] == self.c_read {
            // C written with what it already is (a shifter that keeps it).
            vals[VC] = None;
        }
        self.c_read = None;
        let mut written = 0u8;
        for f in [VN, VZ, VC, VV] {
            if let Some(v) = vals[f] {
                self.b.ins().store(flags(), v, self.cpu, FLAG_OFFSETS[f]);
                written |= 1 << f;
            }
        }
        match self.flag_kind {
            Some(k) if k & written == 0 => {}
            Some(k) => {
                let k = k & !written;
                let kv = self.b.ins().iconst(I32, k as i64);
                self.b.def_var(self.vars[VFK], kv);
                self.flag_kind = Some(k);
            }
            None if written == 0xf => self.flags_stored(),
            None => {
                let k = self.b.use_var(self.vars[VFK]);
                let k = self.b.ins().band_imm_u(k, !written as i64 & 0xf);
                self.b.def_var(self.vars[VFK], k);
            }
        }
    }

    /// Records the flags as those of `x - y`: without computing them in
    /// code that loops (so a loop carries two values, not four flags);
    /// elsewhere they are stored once here rather than computed at every
    /// exit.
    fn set_flags_sub(&mut self, x: Value, y: Value) {
        if self.loops {
            self.last_nz = None;
            self.c_read = None;
            let all = self.b.ins().iconst(I32, 0xf);
            self.b.def_var(self.vars[VFK], all);
            self.b.def_var(self.vars[VFX], x);
            self.b.def_var(self.vars[VFY], y);
            self.flag_kind = Some(0xf);
        } else {
            let f = self.sub_flags(x, y);
            self.set_flags(f.map(Some));
        }
        self.last_cmp = (self.depth == 0).then_some((x, y));
    }

    /// Sets N and Z from a 32-bit result, and C and V when given.
    fn set_nz(&mut self, r: Value, c: Option<Value>, v: Option<Value>) {
        let n = self.b.ins().ushr_imm_u(r, 31);
        let z = self.b.ins().icmp_imm_u(IntCC::Equal, r, 0);
        let z = self.b.ins().uextend(I32, z);
        self.set_flags([Some(n), Some(z), c, v]);
        self.last_nz = (self.depth == 0).then_some(r);
    }

    fn var_offset(var: usize) -> i32 {
        CPU_R + 4 * var as i32
    }

    /// Stores every variable that may differ from `CpuState`, and lazily
    /// held flags.
    fn flush(&mut self) {
        self.store_lazy_flags();
        for var in 0..NREGS {
            if self.dirty & (1 << var) != 0 {
                if self.always & (1 << var) == 0 {
                    self.used |= 1 << var;
                }
                let v = self.b.use_var(self.vars[var]);
                self.b
                    .ins()
                    .store(flags(), v, self.cpu, Self::var_offset(var));
            }
        }
    }

    /// Reloads variables from `CpuState` (after a helper wrote it).
    fn reload(&mut self, mask: u32) {
        for var in 0..NREGS {
            if mask & (1 << var) != 0 {
                let v = self
                    .b
                    .ins()
                    .load(I32, flags(), self.cpu, Self::var_offset(var));
                self.b.def_var(self.vars[var], v);
            }
        }
    }

    /// ConditionPassed for `cond` (0-13) from the cached flags, as a
    /// comparison the code generator can fuse with the branch.
    fn cond(&mut self, cond: u8) -> Value {
        let set = |t: &mut Self, var: usize, on: bool| {
            let f = t.flag(var);
            let cc = if on { IntCC::NotEqual } else { IntCC::Equal };
            t.b.ins().icmp_imm_u(cc, f, 0)
        };
        if let (Some(r), 0 | 1 | 4 | 5) = (self.last_nz, cond) {
            let cc = [
                IntCC::Equal,
                IntCC::NotEqual,
                IntCC::SignedLessThan,
                IntCC::SignedGreaterThanOrEqual,
            ][(cond & 1 | (cond >> 1 & 2)) as usize];
            return self.b.ins().icmp_imm_u(cc, r, 0);
        }
        if let Some((x, y)) = self.last_cmp {
            let cc = match cond {
                0 => Some(IntCC::Equal),
                1 => Some(IntCC::NotEqual),
                2 => Some(IntCC::UnsignedGreaterThanOrEqual),
                3 => Some(IntCC::UnsignedLessThan),
                8 => Some(IntCC::UnsignedGreaterThan),
                9 => Some(IntCC::UnsignedLessThanOrEqual),
                10 => Some(IntCC::SignedGreaterThanOrEqual),
                11 => Some(IntCC::SignedLessThan),
                12 => Some(IntCC::SignedGreaterThan),
                13 => Some(IntCC::SignedLessThanOrEqual),
                _ => None,
            };
            if let Some(cc) = cc {
                return self.b.ins().icmp(cc, x, y);
            }
        }
        let pass = cond & 1 == 0;
        match cond >> 1 {
            0 => set(self, VZ, pass),
            1 => set(self, VC, pass),
            2 => set(self, VN, pass),
            3 => set(self, VV, pass),
            4 => {
                // HI: C set and Z clear; LS: C clear or Z set.
                let (c, z) = (set(self, VC, pass), set(self, VZ, !pass));
                if pass {
                    self.b.ins().band(c, z)
                } else {
                    self.b.ins().bor(c, z)
                }
            }
            5 | 6 => {
                let (n, v) = (self.flag(VN), self.flag(VV));
                let cc = if pass { IntCC::Equal } else { IntCC::NotEqual };
                let ge = self.b.ins().icmp(cc, n, v);
                if cond >> 1 == 5 {
                    ge
                } else {
                    // GT: GE and Z clear; LE: LT or Z set.
                    let z = set(self, VZ, !pass);
                    if pass {
                        self.b.ins().band(ge, z)
                    } else {
                        self.b.ins().bor(ge, z)
                    }
                }
            }
            _ => self.b.ins().iconst(I8, 1),
        }
    }

    // ---- exits ----

    /// Leaves the block after its first `done` instructions: stores the
    /// icount and IT state, and counts their cycles.
    fn store_icount(&mut self, done: usize, it: u8) {
        self.leave_counted(done);
        self.store_it(it);
    }

    /// Leaves the block to the dispatcher after its first `done`
    /// instructions: icount stored, cycles counted.
    fn leave_counted(&mut self, done: usize) {
        let ic = self.leaving(done);
        self.b.ins().store(flags(), ic, self.cpu, CPU_ICOUNT);
    }

    /// The icount after the current block's first `done` instructions, on
    /// a path that leaves the block: their cycles are counted here, so no
    /// way out can forget them.
    fn leaving(&mut self, done: usize) -> Value {
        self.charge(done);
        self.icount_plus(done as i64)
    }

    /// Adds the cycles of the current block's first `done` instructions
    /// beyond one each (`CpuState::extra_cycles`), a sum known now and
    /// the interpreter's own (`extra_cycles_of`). Emitted once on every
    /// path that leaves the block; nothing at all when those instructions
    /// all cost one, as in most integer loops.
    fn charge(&mut self, done: usize) {
        let more = extra_cycles_of(&self.blk.ops[..done]);
        if more != 0 {
            let v = self.b.ins().load(I64, flags(), self.cpu, CPU_EXTRA_CYCLES);
            let v = self.b.ins().iadd_imm_s(v, more as i64);
            self.b.ins().store(flags(), v, self.cpu, CPU_EXTRA_CYCLES);
        }
    }

    /// Stores the IT state an exit leaves, unless it is the one the
    /// function was entered with (part of its key, so already in
    /// `CpuState`; jumps inside the region do not store it).
    fn store_it(&mut self, it: u8) {
        if it != self.region.blocks[0].ops[0].it {
            let it = self.b.ins().iconst(I8, it as i64);
            self.b.ins().store(flags(), it, self.cpu, CPU_ITSTATE);
        }
    }

    /// Stores the IT state `it` an exit leaves when its instruction set is
    /// known only at run time (`thumb` emits it as an i32, 0 or 1, and is
    /// needed only when `it` is not 0): none in ARM state (the
    /// interpreter's rule). Returns that value when `it` is not 0.
    fn store_it_in(&mut self, thumb: impl FnOnce(&mut Self) -> Value, it: u8) -> Option<Value> {
        if it == 0 {
            self.store_it(0);
            return None;
        }
        let thumb = thumb(self);
        let itv = self.b.ins().imul_imm_u(thumb, it as i64);
        let it8 = self.b.ins().ireduce(I8, itv);
        self.b.ins().store(flags(), it8, self.cpu, CPU_ITSTATE);
        Some(itv)
    }

    fn icount_plus(&mut self, done: i64) -> Value {
        let ic = self.b.use_var(self.vic);
        self.b.ins().iadd_imm_s(ic, done)
    }

    fn ret(&mut self, code: i32) {
        let rc = self.b.ins().iconst(I32, code as i64);
        self.b.ins().return_(&[rc]);
    }

    /// Leaves for a target known now: through a link slot when one is
    /// left (the dispatcher fills it once the target is compiled).
    fn exit_direct(&mut self, pc: u32, thumb: bool, it: u8, done: usize) {
        let it_store = if thumb { it } else { 0 };
        let member = self
            .region
            .blocks
            .iter()
            .position(|b| b.thumb == thumb && b.ops[0].pc == pc && b.ops[0].it == it_store);
        // The way out when a jump inside the region would pass the limit
        // is rare; so is an unlinked slot; and an exit from cold code.
        let mut cold = self
            .b
            .current_block()
            .is_some_and(|blk| self.b.func.layout.is_cold(blk));
        if let Some(j) = member {
            self.jumps.push((self.bi, j));
            let ic = self.icount_plus(done as i64);
            if j > self.bi {
                // Forward: the last check covered this path
                // (`run_lengths`).
                self.charge(done);
                self.b.def_var(self.vic, ic);
                self.b.ins().jump(self.headers[j], &[]);
                return;
            }
            // Back (a loop): go round while the longest run from there
            // still fits before the limit.
            let end = self.b.ins().iadd_imm_s(ic, self.run[j] as i64);
            let fits = self
                .b
                .ins()
                .icmp(IntCC::UnsignedLessThanOrEqual, end, self.limit);
            let again = self.b.create_block();
            let leave = self.b.create_block();
            self.b.set_cold_block(leave);
            self.b.ins().brif(fits, again, &[], leave, &[]);
            self.b.switch_to_block(again);
            self.charge(done);
            self.b.def_var(self.vic, ic);
            self.b.ins().jump(self.headers[j], &[]);
            self.b.switch_to_block(leave);
            cold = true;
        }
        self.flush();
        let pcv = self.b.ins().iconst(I32, pc as i64);
        self.b.ins().store(flags(), pcv, self.cpu, CPU_R + 60);
        if thumb != self.region.blocks[0].thumb {
            let t = self.b.ins().iconst(I8, thumb as i64);
            self.b.ins().store(flags(), t, self.cpu, CPU_THUMB);
        }
        let ic = self.leaving(done);
        self.store_it(it_store);
        if self.next_slot == SLOTS {
            self.b.ins().store(flags(), ic, self.cpu, CPU_ICOUNT);
            self.ret(EXIT_NEXT);
            return;
        }
        let slot = self.region.slots + 8 * self.next_slot;
        self.next_slot += 1;
        let slot = self.b.ins().iconst(I64, slot as i64);
        let code = self.b.ins().load(I64, flags(), slot, 0);
        let chain = self.b.create_block();
        let miss = self.b.create_block();
        self.b.set_cold_block(miss);
        if cold {
            self.b.set_cold_block(chain);
        }
        self.b.ins().brif(code, chain, &[], miss, &[]);
        self.b.switch_to_block(chain);
        self.b
            .ins()
            .return_call_indirect(self.tail_sig, code, &[self.ctx, self.cpu, ic]);
        self.b.switch_to_block(miss);
        self.b.ins().store(flags(), ic, self.cpu, CPU_ICOUNT);
        self.b.ins().store(flags(), slot, self.ctx, CTX_EXIT_SLOT);
        self.ret(EXIT_LINK);
    }

    /// Leaves for a target computed at run time: `pc` and `thumb` (an i32
    /// that is 0 or 1) are the new PC and instruction set, already
    /// BXWritePC-adjusted. Looks the target up in the indirect-branch table.
    fn exit_indirect(&mut self, pc: Value, thumb: Value, it: u8, done: usize) {
        self.flush();
        self.b.ins().store(flags(), pc, self.cpu, CPU_R + 60);
        let t8 = self.b.ins().ireduce(I8, thumb);
        self.b.ins().store(flags(), t8, self.cpu, CPU_THUMB);
        let ic = self.leaving(done);
        let pc64 = self.b.ins().uextend(I64, pc);
        let t64 = self.b.ins().uextend(I64, thumb);
        let t64 = self.b.ins().ishl_imm_u(t64, 32);
        let key = self.b.ins().bor(pc64, t64);
        let key = match self.store_it_in(|_| thumb, it) {
            None => key,
            Some(itv) => {
                let it64 = self.b.ins().uextend(I64, itv);
                let it64 = self.b.ins().ishl_imm_u(it64, 33);
                self.b.ins().bor(key, it64)
            }
        };
        let h1 = self.b.ins().ushr_imm_u(pc, 1);
        let h2 = self.b.ins().ushr_imm_u(pc, 13);
        let h = self.b.ins().bxor(h1, h2);
        let h = self.b.ins().band_imm_u(h, (IND_SIZE - 1) as i64);
        let h = self.b.ins().uextend(I64, h);
        let off = self.b.ins().ishl_imm_u(h, 4);
        let entry = self.b.ins().iadd(self.ind, off);
        let k = self.b.ins().load(I64, flags(), entry, 0);
        let hit = self.b.ins().icmp(IntCC::Equal, k, key);
        let chain = self.b.create_block();
        let miss = self.b.create_block();
        self.b.set_cold_block(miss);
        self.b.ins().brif(hit, chain, &[], miss, &[]);
        self.b.switch_to_block(chain);
        let code = self.b.ins().load(I64, flags(), entry, 8);
        self.b
            .ins()
            .return_call_indirect(self.tail_sig, code, &[self.ctx, self.cpu, ic]);
        self.b.switch_to_block(miss);
        self.b.ins().store(flags(), ic, self.cpu, CPU_ICOUNT);
        self.ret(EXIT_NEXT);
    }

    /// Runs the current instruction through the interpreter.
    fn helper(&mut self, op: &Op, touch: Touch) -> Done {
        let reload = if touch == Touch::Any { ALL } else { 0 };
        self.call_helper(op, touch, reload);
        Done::Continue
    }

    /// Calls `helper_exec` for `op`; on return the current block is the
    /// one where the instruction completed normally, with `reload`
    /// variables refreshed. Jumps and traps leave the block.
    fn call_helper(&mut self, op: &Op, touch: Touch, reload: u32) {
        if touch != Touch::None {
            self.flush();
            self.flags_stored();
            self.last_cmp = None;
            self.last_nz = None;
        }
        let f = self
            .b
            .ins()
            .iconst(I64, helper_exec as *const () as usize as i64);
        let opp = self.b.ins().iconst(I64, op as *const Op as i64);
        // The interpreter's handlers see an exact icount.
        let ic = self.icount_plus(self.cur as i64);
        self.b.ins().store(flags(), ic, self.cpu, CPU_ICOUNT);
        let call = self
            .b
            .ins()
            .call_indirect(self.helper_sig, f, &[self.ctx, opp]);
        let rc = self.b.inst_results(call)[0];
        let next = self.b.create_block();
        let other = self.b.create_block();
        self.b.ins().brif(rc, other, &[], next, &[]);

        self.b.switch_to_block(other);
        let jump = self.b.create_block();
        let trap = self.b.create_block();
        let is_jump = self
            .b
            .ins()
            .icmp_imm_u(IntCC::Equal, rc, HELPER_JUMP as i64);
        self.b.ins().brif(is_jump, jump, &[], trap, &[]);

        let i = self.cur;
        self.b.switch_to_block(jump);
        if touch == Touch::None {
            self.flush();
        }
        self.leave_counted(i + 1);
        // The helper may have switched to ARM.
        self.store_it_in(
            |t| t.b.ins().uload8(I32, flags(), t.cpu, CPU_THUMB),
            op.it_next,
        );
        self.ret(EXIT_NEXT);

        self.b.switch_to_block(trap);
        if touch == Touch::None {
            self.flush();
        }
        self.leave_counted(i);
        self.ret(EXIT_TRAP);

        self.b.switch_to_block(next);
        self.reload(reload);
    }

    /// Branches to `slow` unless every page of `[span.addr,
    /// span.addr+span.size)` allows the access (and, for a write, holds no
    /// translated code) and the address meets `span.align`; continues in
    /// a new block otherwise.
    ///
    /// Small accesses (LDR, LDRD, VLDR...) are on the hot path of every
    /// loop, so their test is the shortest: one permission test, then, if
    /// the address is not aligned to the size, a cold test that the access
    /// stays in its page. Multi-word accesses (LDM/STM, VLDM/VSTM) test
    /// the pages of their first and last bytes in one compare-and-branch,
    /// since a push of many registers crosses a page often enough (the
    /// same stack depth, every call) to keep out of the slow path.
    fn check_access(&mut self, span: Span, slow: cranelift_codegen::ir::Block) {
        let addr = span.addr;
        let lo = self.b.ins().ushr_imm_u(addr, 12);
        let lo = self.b.ins().uextend(I64, lo);
        let mut refused = self.page_refuses(lo, span.write);
        if span.align > 1 {
            let low = self.b.ins().band_imm_u(addr, (span.align - 1) as i64);
            refused = self.b.ins().bor(refused, low);
        }
        if span.size > 8 {
            // Accesses are at most a page long; the host reservation is
            // one mapping, so an access across two allowed pages is one
            // host access. Past 4 GiB the last byte's page is the
            // always-refusing entry after the table's end.
            let a64 = self.b.ins().uextend(I64, addr);
            let last = self.b.ins().iadd_imm_u(a64, span.size as i64 - 1);
            let hi = self.b.ins().ushr_imm_u(last, 12);
            let r = self.page_refuses(hi, span.write);
            refused = self.b.ins().bor(refused, r);
        }
        let ok = self.b.ins().icmp_imm_u(IntCC::Equal, refused, 0);
        self.branch_or(ok, slow);
        if span.size == 1 || span.size > 8 || span.align.max(1) >= span.size {
            return;
        }
        let low = self
            .b
            .ins()
            .band_imm_u(addr, (span.size.next_power_of_two() - 1) as i64);
        let aligned = self.b.ins().icmp_imm_u(IntCC::Equal, low, 0);
        let done = self.b.create_block();
        let unaligned = self.b.create_block();
        self.b.set_cold_block(unaligned);
        self.b.ins().brif(aligned, done, &[], unaligned, &[]);
        self.b.switch_to_block(unaligned);
        let off = self.b.ins().band_imm_u(addr, 0xfff);
        let fits =
            self.b
                .ins()
                .icmp_imm_u(IntCC::UnsignedLessThanOrEqual, off, 4096 - span.size as i64);
        self.b.ins().brif(fits, done, &[], slow, &[]);
        self.b.switch_to_block(done);
    }

    /// Zero when page `page` (an I64 index) allows a read or a `write`
    /// (a write also needs the page to hold no translated code and no
    /// write-tracking mark).
    fn page_refuses(&mut self, page: Value, write: bool) -> Value {
        use sim::memory::perm;
        let (mask, want) = if write {
            (perm::WRITE | perm::CODE | perm::TRACK, perm::WRITE)
        } else {
            (perm::READ, perm::READ)
        };
        let p = self.b.ins().iadd(self.perms, page);
        let p = self.b.ins().uload8(I32, flags(), p, 0);
        let m = self.b.ins().band_imm_u(p, mask as i64);
        self.b.ins().bxor_imm_u(m, want as i64)
    }

    /// Continues in a new block when `ok`, else goes to `slow`.
    fn branch_or(&mut self, ok: Value, slow: cranelift_codegen::ir::Block) {
        let next = self.b.create_block();
        self.b.ins().brif(ok, next, &[], slow, &[]);
        self.b.switch_to_block(next);
    }

    /// Host address of guest address `addr`.
    fn host(&mut self, addr: Value) -> Value {
        let a = self.b.ins().uextend(I64, addr);
        self.b.ins().iadd(self.base, a)
    }

    /// Emits `fast` when the access `span` can run inline; otherwise the
    /// block leaves before `op` and the interpreter runs it
    /// (`exit_slow`). `fast` returns whether it terminated the block.
    fn guarded(&mut self, op: &Op, span: Span, fast: impl FnOnce(&mut Self) -> Done) -> Done {
        let slow_b = self.b.create_block();
        self.b.set_cold_block(slow_b);
        let join = self.b.create_block();
        self.depth += 1;
        self.check_access(span, slow_b);
        if fast(self) == Done::Continue {
            self.b.ins().jump(join, &[]);
        }
        self.b.switch_to_block(slow_b);
        self.exit_slow(op);
        self.depth -= 1;
        self.b.switch_to_block(join);
        Done::Continue
    }

    /// Leaves before `op` so that the interpreter runs it (the slow path
    /// of an inline access). Leaving rather than calling the helper keeps
    /// calls out of the block, so a block without them needs no
    /// callee-saved registers and its prologue stays short.
    fn exit_slow(&mut self, op: &Op) {
        self.flush();
        let pcv = self.b.ins().iconst(I32, op.pc as i64);
        self.b.ins().store(flags(), pcv, self.cpu, CPU_R + 60);
        let i = self.cur;
        self.store_icount(i, op.it);
        self.ret(EXIT_SLOW);
    }
}

/// Guest memory accesses: little-endian, possibly unaligned, never
/// trapping (the permission test ran first).
fn guest_flags() -> MemFlagsData {
    MemFlagsData::new().with_notrap()
}

/// How an instruction left to the helper touches the cached state.
fn touch(insn: &Insn) -> Touch {
    use Insn::*;
    match insn {
        VldrSp(_) | VldrDp(_) | VstrSp(_) | VstrDp(_) | VmovToSp(_) | VmovToScalar(_)
        | VdupCore(_) | VmovTo2sp(_) | VmovToDp(_) | Vmsr(_) => Touch::Reads,
        VldmSp(_) | VldmDp(_) | VstmSp(_) | VstmDp(_) | VmovFromSp(_) | VmovFromScalar(_)
        | VmovFrom2sp(_) | VmovFromDp(_) | Vmrs(_) | VstMulti(_) | VldMulti(_) | VstLane(_)
        | VldAll(_) | VldLane(_) => Touch::Any,
        _ if is_vfp_neon(insn) => Touch::None,
        _ => Touch::Any,
    }
}

/// VFP and Neon instructions (their variants are the `V…` ones).
fn is_vfp_neon(insn: &Insn) -> bool {
    let name = format!("{insn:?}");
    name.starts_with('V')
}
