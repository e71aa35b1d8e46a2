//! `lockstep user` and `lockstep demo`: run a program in Linux user mode.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use jit::{Jit, Tier};
use sim::engine::Engine;
use sim::interp::Interp;
use sim::linux::{Options, Process, RunEnd};

use crate::disas::Tracer;
use crate::host::StdHost;
use crate::stats::Report;
use crate::{Exec, Trace, UserOpts};

/// The default guest: built from tests/guests/demo by scripts/build-guests.
const DEMO: &[u8] = include_bytes!("../tests/guests/bin/demo");

pub fn run_file(program: &Path, args: &[String], opts: &UserOpts) -> Result<i32> {
    let image =
        std::fs::read(program).with_context(|| format!("cannot read {}", program.display()))?;
    let exe = std::fs::canonicalize(program).unwrap_or_else(|_| program.to_path_buf());
    let argv0 = opts
        .argv0
        .clone()
        .unwrap_or_else(|| program.display().to_string());
    run(
        &image,
        &program.display().to_string(),
        &argv0,
        args,
        exe.as_os_str().as_encoded_bytes(),
        opts,
    )
}

pub fn run_demo(opts: &UserOpts) -> Result<i32> {
    run(DEMO, "the built-in demo guest", "demo", &[], b"/demo", opts)
}

fn run(
    image: &[u8],
    name: &str,
    argv0: &str,
    args: &[String],
    exe: &[u8],
    opts: &UserOpts,
) -> Result<i32> {
    let mut argv = vec![argv0.as_bytes().to_vec()];
    argv.extend(args.iter().map(|a| a.as_bytes().to_vec()));
    let envp: Vec<Vec<u8>> = opts.env.iter().map(|e| e.as_bytes().to_vec()).collect();
    let sim_opts = Options {
        host_time: opts.host_time,
        seed: opts.seed,
        ..Options::default()
    };
    let mut host = StdHost::new();
    let mut proc = Process::new(image, &argv, &envp, exe.to_vec(), &host, sim_opts)
        .with_context(|| format!("cannot load {name}"))?;
    proc.set_engine(engine(opts.exec, opts.stats || opts.stats_json.is_some())?);
    let limit = opts.limit.unwrap_or(u64::MAX);
    let start = Instant::now();
    let result = match opts.trace {
        None => proc.run(&mut host, limit),
        Some(Trace::Insn) => {
            let mut tracer = Tracer::new(opts.trace_file.as_deref())?;
            let end = loop {
                if proc.cpu.icount < limit {
                    tracer.insn(&proc.cpu, &proc.mem)?;
                }
                if let Some(end) = proc.step(&mut host, limit) {
                    break end;
                }
            };
            tracer.finish()?;
            end
        }
    };
    let wall = start.elapsed();
    for n in proc.take_notices() {
        eprintln!("lockstep: {n}");
    }
    if opts.stats || opts.stats_json.is_some() {
        let report = Report::new(&proc, wall);
        if opts.stats {
            report.print();
        }
        if let Some(path) = &opts.stats_json {
            report
                .write_json(path)
                .with_context(|| format!("cannot write statistics to {}", path.display()))?;
        }
    }
    match result {
        Ok(end) => {
            match end {
                RunEnd::Limit => eprintln!(
                    "lockstep: stopped at the instruction limit (icount {})",
                    proc.cpu.icount
                ),
                RunEnd::Signaled(sig) => eprintln!(
                    "lockstep: guest killed itself with signal {sig} at icount {}",
                    proc.cpu.icount
                ),
                RunEnd::Exited(_) => {}
            }
            Ok(end.status())
        }
        Err(e) => {
            eprintln!("lockstep: {name}: {e}");
            Ok(e.status())
        }
    }
}

/// The execution engine `--exec` asks for.
/// `profile`: compiled code counts block entries too (`--stats`' hottest
/// blocks; the interpreter always counts).
pub fn engine(exec: Exec, profile: bool) -> Result<Box<dyn Engine>> {
    let workers = 1;
    let tier = match exec {
        Exec::Interp => return Ok(Box::new(Interp::new())),
        Exec::Jit => Tier::Jit,
        Exec::Tiered => Tier::Tiered,
    };
    let mut jit = Jit::new(tier, workers).context("cannot start the JIT")?;
    jit.set_profile(profile);
    Ok(Box::new(jit))
}
