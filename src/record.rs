//! `lockstep record -o RUN.lsr IMAGE`: a run written down so that it can
//! be replayed exactly (`replay.rs`).
//!
//! The file: the header (configuration, image and disk hashes), a
//! snapshot of the machine at reset, then, as the run goes, its inputs
//! and device events stamped with their tick, a checkpoint every N ticks
//! (a hash of the CPU state, and of the pages written since the previous
//! checkpoint, with the registers), snapshots every M ticks if asked, and
//! at the end a last checkpoint and an end record. Records reach the file
//! at every slice of the run (a few ms of host time), so a run killed
//! with SIGKILL leaves a recording that replays up to there.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};
use devices::virt::VirtBoard;
use sim::machine::{Event, Machine, Stop};
use sim::replay::format::{Checkpoint, InputEvent, Record, Writer};
use sim::replay::snapshot;
use sim::time::Fired;

use crate::session::Session;
use crate::system::{self, build, Config, DiskUse, Inputs};
use crate::tape::{kind, Outbox};
use crate::RunOpts;

/// What `record` adds to the run options.
pub struct RecordOpts<'a> {
    pub out: &'a Path,
    pub checkpoint_every: u64,
    pub snapshot_every: Option<u64>,
}

/// The file is flushed at every checkpoint, and at least every
/// `FLUSH_TICKS` ticks and every `FLUSH_HOST` of host time (a guest idling
/// for input can take long over a few ticks).
const FLUSH_TICKS: u64 = 1 << 22;
const FLUSH_HOST: std::time::Duration = std::time::Duration::from_millis(100);

pub fn record(image: Option<&Path>, opts: &RunOpts, r: &RecordOpts) -> Result<i32> {
    if opts.load.is_some() || opts.trace_checkpoints.is_some() {
        bail!("record starts from reset and writes its own checkpoints: --load and --trace-checkpoints are for run");
    }
    if r.checkpoint_every == 0 {
        bail!("--checkpoint-every must be at least 1");
    }
    if let Some(s) = r.snapshot_every {
        if s == 0 || s % r.checkpoint_every != 0 {
            bail!(
                "--snapshot-every {s} must be a non-zero multiple of --checkpoint-every {} (a replay starts checking at a checkpoint)",
                r.checkpoint_every
            );
        }
    }
    let cfg = Config::from_opts(image, opts)?;
    let name = cfg.name();
    let mut header = cfg.header()?;
    header
        .entries
        .push(("checkpoint-every".into(), r.checkpoint_every.to_string()));
    let outbox = Outbox::default();
    let mut m = build(
        &cfg,
        opts.exec,
        opts.stats,
        Inputs::Record(outbox.clone()),
        DiskUse::PrivateCopy,
    )?;
    system::set_timeout(&mut m, opts.timeout)?;
    m.set_host_clock(system::wall_clock());
    let path = r.out;
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let werr = |e| anyhow::anyhow!("cannot write {}: {e}", path.display());
    let mut w = Writer::new(BufWriter::new(file), &header).map_err(werr)?;
    m.log_io_events();
    m.mem.track_writes();
    let state = snapshot::save(&mut m).context("cannot take the initial snapshot")?;
    w.write(&Record::Snapshot { tick: 0, state })
        .map_err(werr)?;
    w.flush().map_err(werr)?;

    let start = std::time::Instant::now();
    let limit = opts.limit.unwrap_or(u64::MAX);
    let every = r.checkpoint_every;
    let mut s = Session::new(&mut m, opts.control.as_deref(), header)?;
    let stop = loop {
        let now = s.m.now();
        let checkpoint_at = (now / every + 1).saturating_mul(every);
        let next = checkpoint_at
            .min(limit)
            .min(now.saturating_add(FLUSH_TICKS));
        let stop = s.run_for(next, Some(FLUSH_HOST));
        drain(s.m, &outbox, &mut w).map_err(werr)?;
        let stop = match stop {
            Ok(stop) => stop,
            Err(e) => {
                w.flush().map_err(werr)?;
                bail!("{name}: {e}");
            }
        };
        let now = s.m.now();
        if stop == Stop::Limit && now < limit && !s.quit {
            if now != checkpoint_at {
                w.write(&Record::Reached { tick: now }).map_err(werr)?;
            }
            if now == checkpoint_at {
                w.write(&Record::Checkpoint(checkpoint(s.m)))
                    .map_err(werr)?;
                if r.snapshot_every.is_some_and(|e| now % e == 0) {
                    let state = snapshot::save(s.m)
                        .with_context(|| format!("cannot take a snapshot at tick {now}"))?;
                    w.write(&Record::Snapshot { tick: now, state })
                        .map_err(werr)?;
                }
            }
            w.flush().map_err(werr)?;
            continue;
        }
        break stop;
    };
    w.write(&Record::Checkpoint(checkpoint(s.m)))
        .map_err(werr)?;
    crate::recording::finish(w, s.m.cpu.icount, path)?;
    drop(s);
    let _ = std::io::stdout().flush();
    if opts.stats {
        system::print_stats(&m, start.elapsed().as_secs_f64());
    }
    Ok(system::status(&m, stop, &name, opts.timeout))
}

/// A checkpoint of `m` now; starts a new interval of written pages.
pub fn checkpoint(m: &mut Machine<VirtBoard>) -> Checkpoint {
    let pages = m.mem.take_written();
    let mut regs = [0u32; 17];
    regs[..16].copy_from_slice(&m.cpu.r);
    regs[16] = m.cpu.cpsr();
    Checkpoint {
        icount: m.cpu.icount,
        pc: m.cpu.r[15],
        cpu_hash: m.cpu.hash(),
        mem_hash: m.mem.hash_pages(&pages),
        at: Some((m.now(), regs)),
    }
}

/// The device events a recording logs (completions and bottom halves)
/// among what the machine logged.
pub fn device_events(events: Vec<Event>) -> Vec<InputEvent> {
    events
        .into_iter()
        .filter_map(|e| match e {
            Event::Device(Fired::Completion { at, owner, id }) => Some(InputEvent {
                tick: at,
                source: owner.0,
                kind: kind::COMPLETION,
                data: id.to_le_bytes().to_vec(),
            }),
            Event::Device(Fired::Bh { at, owner, tag, .. }) => Some(InputEvent {
                tick: at,
                source: owner.0,
                kind: kind::BH,
                data: tag.to_le_bytes().to_vec(),
            }),
            _ => None,
        })
        .collect()
}

/// Writes the events of the slice just run, in tick order.
fn drain(
    m: &mut Machine<VirtBoard>,
    outbox: &Outbox,
    w: &mut Writer<BufWriter<File>>,
) -> std::io::Result<()> {
    let mut events = device_events(m.take_events());
    events.extend(outbox.lock().unwrap_or_else(|p| p.into_inner()).drain(..));
    events.sort_by_key(|e| e.tick);
    for e in events {
        w.write(&Record::Event(e))?;
    }
    Ok(())
}
