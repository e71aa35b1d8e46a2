//! `lockstep run --trace-checkpoints FILE` and `lockstep diff A B`: a run
//! writes a hash of the CPU state every N ticks into a recording-format
//! file (`sim::replay::format`), and two such traces, say from two builds,
//! are compared to find the first interval where the guests diverge.
//!
//! The hash covers registers, flags, banked state, CP15, icount and
//! modelled cycles; memory is left to the full recorder (issue 6), which
//! will hash the pages written since the last checkpoint.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use anyhow::{bail, Context, Result};
use sim::machine::{Board, Machine, Stop};
use sim::replay::format::{Checkpoint, Header, Record, Writer};

/// Runs `m` to `limit`, writing a checkpoint every `every` ticks to
/// `path` (flushed at each, so a killed run keeps what it wrote), then an
/// end record.
pub fn run_traced<B: Board>(
    m: &mut Machine<B>,
    limit: u64,
    every: u64,
    path: &Path,
    mut header: Header,
) -> Result<Result<Stop, sim::machine::MachineError>> {
    if every == 0 {
        bail!("--checkpoint-every must be at least 1");
    }
    header
        .entries
        .push(("checkpoint-every".into(), every.to_string()));
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut w = Writer::new(BufWriter::new(file), &header)
        .with_context(|| format!("cannot write {}", path.display()))?;
    let werr = |e| anyhow::anyhow!("cannot write {}: {e}", path.display());
    loop {
        let next = (m.now() / every + 1).saturating_mul(every).min(limit);
        let stop = match m.run(next) {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        if stop == Stop::Limit && m.now() < limit {
            w.write(&Record::Checkpoint(Checkpoint {
                icount: m.cpu.icount,
                pc: m.cpu.r[15],
                cpu_hash: m.cpu.hash(),
                mem_hash: 0,
                at: None,
            }))
            .map_err(werr)?;
            w.flush().map_err(werr)?;
            continue;
        }
        w.write(&Record::End {
            icount: m.cpu.icount,
        })
        .map_err(werr)?;
        w.flush().map_err(werr)?;
        return Ok(Ok(stop));
    }
}

/// A trace's header, checkpoints and end (None if cut short), or an error
/// naming the file.
fn load(path: &Path) -> Result<(Header, Vec<Checkpoint>, Option<u64>)> {
    let r = crate::recording::Recording::load(path)?;
    if let Some(e) = &r.cut {
        eprintln!(
            "lockstep: {}: {e}; comparing what came before",
            path.display()
        );
    }
    Ok((r.header, r.checkpoints, r.end))
}

/// Compares two traces: 0 when they agree, 1 at the first difference
/// (printed with its interval), 2 when a file cannot be read as a trace.
pub fn diff(a: &Path, b: &Path) -> Result<i32> {
    let (ha, pa, ea, hb, pb, eb) = match (load(a), load(b)) {
        (Ok((ha, pa, ea)), Ok((hb, pb, eb))) => (ha, pa, ea, hb, pb, eb),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("lockstep: {e:#}");
            return Ok(2);
        }
    };
    if ha.get("checkpoint-every") != hb.get("checkpoint-every") {
        bail!(
            "the traces checkpoint at different intervals ({} and {} ticks): trace both with the same --checkpoint-every",
            ha.get("checkpoint-every").unwrap_or("?"),
            hb.get("checkpoint-every").unwrap_or("?")
        );
    }
    for (k, v) in &ha.entries {
        if hb.get(k) != Some(v.as_str()) {
            println!(
                "note: {k} differs: {v} against {}",
                hb.get(k).unwrap_or("(absent)")
            );
        }
    }
    let every: u64 = ha
        .get("checkpoint-every")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut last_same: Option<&Checkpoint> = None;
    for (i, (x, y)) in pa.iter().zip(&pb).enumerate() {
        if x != y {
            let from = last_same.map_or("the start".to_string(), |c| {
                format!("icount {} (pc {:#010x})", c.icount, c.pc)
            });
            println!(
                "first difference: checkpoint {} (tick {})",
                i + 1,
                (i as u64 + 1) * every
            );
            println!("  last agreement: {from}");
            println!(
                "  A: icount {} pc {:#010x} state {:016x}",
                x.icount, x.pc, x.cpu_hash
            );
            println!(
                "  B: icount {} pc {:#010x} state {:016x}",
                y.icount, y.pc, y.cpu_hash
            );
            return Ok(1);
        }
        last_same = Some(x);
    }
    if pa.len() != pb.len() || ea != eb {
        let show =
            |e: Option<u64>| e.map_or("cut short".to_string(), |i| format!("ended at icount {i}"));
        println!(
            "the traces agree on their {} common checkpoints; A has {} ({}), B has {} ({})",
            pa.len().min(pb.len()),
            pa.len(),
            show(ea),
            pb.len(),
            show(eb)
        );
        return Ok(1);
    }
    println!(
        "no difference: {} checkpoints, {}",
        pa.len(),
        ea.map_or("cut short".into(), |i| format!("both ended at icount {i}"))
    );
    Ok(0)
}
