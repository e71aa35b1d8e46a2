//! Snapshot files: `savevm` writes one, `lockstep run --load` reads one.
//! A snapshot file is a recording with a header and one snapshot, so
//! `--load` also takes a recording and starts from its last snapshot.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use anyhow::{bail, Context, Result};
use devices::virt::VirtBoard;
use sim::machine::Machine;
use sim::replay::format::{Header, Record, Writer};
use sim::replay::snapshot;

use crate::recording::Recording;
use crate::system::{build, Config, DiskUse, Inputs};
use crate::RunOpts;

/// Writes `m`'s state to `path` (whole or not at all: written beside it,
/// then renamed).
pub fn save(m: &mut Machine<VirtBoard>, header: &Header, path: &Path) -> Result<()> {
    let state = snapshot::save(m).context("cannot take a snapshot")?;
    let tmp = path.with_extension("partial");
    let file = File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let werr = |e| anyhow::anyhow!("cannot write {}: {e}", tmp.display());
    let mut w = Writer::new(BufWriter::new(file), header).map_err(werr)?;
    w.write(&Record::Snapshot {
        tick: m.now(),
        state,
    })
    .map_err(werr)?;
    crate::recording::finish(w, m.cpu.icount, &tmp)?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot create {}", path.display()))?;
    Ok(())
}

/// The machine saved in `path` (its last snapshot), built again from
/// its header (with `image` and `--disk` overriding the recorded paths);
/// and that header.
pub fn load(
    path: &Path,
    image: Option<&Path>,
    opts: &RunOpts,
) -> Result<(Machine<VirtBoard>, Header)> {
    let name = path.display().to_string();
    let rec = Recording::load(path)?;
    let Some(crate::recording::Snap { state, .. }) = rec.snapshots.last() else {
        bail!("{name} holds no snapshot");
    };
    let cfg = Config::from_header(&rec.header, &name, image, opts.disk.as_deref())?;
    let mut m = build(
        &cfg,
        opts.exec,
        opts.stats,
        Inputs::Live,
        DiskUse::PrivateCopy,
    )?;
    snapshot::restore(&mut m, state).with_context(|| format!("{name}: cannot restore"))?;
    Ok((m, rec.header))
}
