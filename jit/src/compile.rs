//! Cranelift set-up and code generation: a block's ops to machine code
//! bytes. Runs on the CPU thread (`--exec jit`) or on a compile worker
//! (`tiered`); installing the bytes is the engine's job, on the CPU thread.

use std::time::Instant;

use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::types::{I32, I64};
use cranelift_codegen::ir::{
    AbiParam, Function, InstBuilder, MemFlagsData, Signature, UserFuncName,
};
use cranelift_codegen::isa::{CallConv, OwnedTargetIsa};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::Context;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};

use crate::runtime::{CPU_ICOUNT, CTX_CPU};
use crate::translate::{block_signature, region_loops, translate, RegionIn};
use crate::JitError;

/// Machine code for one function, position-independent (no relocations).
pub struct Code {
    pub bytes: Vec<u8>,
    pub align: u64,
    /// Translation plus code generation, in nanoseconds.
    pub nanos: u64,
    /// Where it came from, for profilers: `g0001044a` is the ARM block
    /// at 0x1044a (`t` for Thumb).
    pub label: String,
    /// The most guest instructions it may run from its entry before it
    /// checks the limit itself: enter it only when that many fit.
    pub entry_run: u64,
}

/// `LOCKSTEP_JIT_DUMP=DIR`: write each compiled block's IR (`.clif`) and
/// machine code (`.bin`, for `objdump -b binary -m i386:x86-64 -D`) to
/// DIR, named by guest address. A debugging aid only.
fn dump_dir() -> Option<std::path::PathBuf> {
    std::env::var_os("LOCKSTEP_JIT_DUMP").map(Into::into)
}

pub struct Compiler {
    isa: OwnedTargetIsa,
    /// For code that does not loop: Cranelift's optimiser (GVN, LICM,
    /// rewrites) costs about a third of the compile time of a small
    /// block, and a straight-line block, already lowered with the flag
    /// and condition shortcuts of `translate`, runs about as fast
    /// without it. Loops and regions, compiled once they proved hot,
    /// get the full optimiser.
    quick: OwnedTargetIsa,
    ctx: Context,
    fctx: FunctionBuilderContext,
}

/// The host ISA with the settings every compiled block uses.
pub fn host_isa() -> Result<OwnedTargetIsa, JitError> {
    isa_with("speed")
}

/// The host ISA for code that does not loop (`Compiler::quick`).
pub fn quick_isa() -> Result<OwnedTargetIsa, JitError> {
    isa_with("none")
}

fn isa_with(opt: &str) -> Result<OwnedTargetIsa, JitError> {
    let mut flags = settings::builder();
    let set = |f: &mut settings::Builder, k: &str, v: &str| {
        f.set(k, v)
            .map_err(|e| JitError::Setup(format!("cranelift setting {k}={v}: {e}")))
    };
    set(&mut flags, "opt_level", opt)?;
    // Tail calls (block linking) need frame pointers on x86-64.
    set(&mut flags, "preserve_frame_pointers", "true")?;
    // The IR comes from one translator, tested against the interpreter;
    // verifying every function costs compile time for nothing.
    set(
        &mut flags,
        "enable_verifier",
        if cfg!(debug_assertions) {
            "true"
        } else {
            "false"
        },
    )?;
    // Blocks never unwind.
    set(&mut flags, "unwind_info", "false")?;
    let builder = cranelift_native::builder().map_err(|e| JitError::Setup(e.to_string()))?;
    builder
        .finish(settings::Flags::new(flags))
        .map_err(|e| JitError::Setup(e.to_string()))
}

impl Compiler {
    /// `isa` from `host_isa`, `quick` from `quick_isa`.
    pub fn new(isa: OwnedTargetIsa, quick: OwnedTargetIsa) -> Self {
        Compiler {
            isa,
            quick,
            ctx: Context::new(),
            fctx: FunctionBuilderContext::new(),
        }
    }

    /// Compiles `region` (its entry block first) to one function.
    pub fn block(&mut self, region: &RegionIn<'_>) -> Result<Code, JitError> {
        let start = Instant::now();
        self.ctx.clear();
        self.ctx.func = Function::with_name_signature(UserFuncName::default(), block_signature());
        let entry_run = translate(
            &mut self.ctx.func,
            &mut self.fctx,
            region,
            self.isa.frontend_config(),
        );
        let clif = dump_dir().map(|_| self.ctx.func.display().to_string());
        let blk = &region.blocks[0];
        let label = format!(
            "g{:08x}{}",
            blk.ops[0].pc,
            if blk.thumb { "t" } else { "a" }
        );
        let code = self.finish(start, label, entry_run, !region_loops(region))?;
        if let (Some(dir), Some(clif)) = (dump_dir(), clif) {
            let base = dir.join(&code.label);
            let _ = std::fs::write(base.with_extension("clif"), clif);
            let _ = std::fs::write(base.with_extension("bin"), &code.bytes);
        }
        Ok(code)
    }

    /// The `extern "C"` entry: `fn(ctx, code) -> i32` calls `code` (a
    /// block, tail convention) with `ctx`.
    pub fn trampoline(&mut self) -> Result<Code, JitError> {
        let start = Instant::now();
        self.ctx.clear();
        let mut sig = Signature::new(CallConv::SystemV);
        sig.params.push(AbiParam::new(I64));
        sig.params.push(AbiParam::new(I64));
        sig.returns.push(AbiParam::new(I32));
        self.ctx.func = Function::with_name_signature(UserFuncName::default(), sig);
        let mut b = FunctionBuilder::new(&mut self.ctx.func, &mut self.fctx);
        let tail = b.import_signature(block_signature());
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let (ctx, code) = (b.block_params(entry)[0], b.block_params(entry)[1]);
        let cpu = b.ins().load(I64, MemFlagsData::trusted(), ctx, CTX_CPU);
        let icount = b.ins().load(I64, MemFlagsData::trusted(), cpu, CPU_ICOUNT);
        let call = b.ins().call_indirect(tail, code, &[ctx, cpu, icount]);
        let rc = b.inst_results(call)[0];
        b.ins().return_(&[rc]);
        b.seal_all_blocks();
        b.finalize(self.isa.frontend_config());
        self.finish(start, "trampoline".into(), 0, false)
    }

    fn finish(
        &mut self,
        start: Instant,
        label: String,
        entry_run: u64,
        quick: bool,
    ) -> Result<Code, JitError> {
        let isa = if quick { &*self.quick } else { &*self.isa };
        let code = self
            .ctx
            .compile(isa, &mut ControlPlane::default())
            .map_err(|e| JitError::Compile(format!("{:?}", e.inner)))?;
        if !code.buffer.relocs().is_empty() {
            return Err(JitError::Compile(
                "generated code needs relocations (a libcall)".into(),
            ));
        }
        Ok(Code {
            bytes: code.code_buffer().to_vec(),
            align: code.buffer.alignment as u64,
            nanos: start.elapsed().as_nanos() as u64,
            label,
            entry_run,
        })
    }
}
