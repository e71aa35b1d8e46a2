//! A recording read into memory: its header, events, checkpoints and
//! snapshots, and where and why it ended if it was cut short.

use std::path::Path;

use std::fs::File;
use std::io::BufWriter;

use anyhow::{Context, Result};
use sim::replay::format::{Checkpoint, FormatError, Header, InputEvent, Reader, Record, Writer};

/// Ends a recording or snapshot file written to `path`: the end record,
/// then everything flushed and synced to the disk.
pub fn finish(mut w: Writer<BufWriter<File>>, icount: u64, path: &Path) -> Result<()> {
    let werr = |e| anyhow::anyhow!("cannot write {}: {e}", path.display());
    w.write(&Record::End { icount }).map_err(werr)?;
    let file = w
        .into_inner()
        .into_inner()
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    file.sync_all().map_err(werr)
}

/// A snapshot in a recording, and how many events came before it: the
/// ones after it are what a replay from it gets (an event can carry the
/// snapshot's own tick and still come after it).
pub struct Snap {
    pub tick: u64,
    pub state: Vec<u8>,
    pub events_before: usize,
}

pub struct Recording {
    pub header: Header,
    pub events: Vec<InputEvent>,
    pub checkpoints: Vec<Checkpoint>,
    /// The snapshots, in order.
    pub snapshots: Vec<Snap>,
    /// The icount of its end record; None if it was cut short.
    pub end: Option<u64>,
    /// The last tick the recorder said it had reached.
    pub reached: u64,
    /// Why reading stopped before the end of the file (a kill, damage).
    pub cut: Option<FormatError>,
}

impl Recording {
    /// Reads `path`; a foreign or unreadable file is an error naming it,
    /// a damaged or cut tail is not (`cut` says where reading stopped).
    pub fn load(path: &Path) -> Result<Recording> {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        Self::parse(&bytes).with_context(|| path.display().to_string())
    }

    pub fn parse(bytes: &[u8]) -> Result<Recording, FormatError> {
        let mut r = Recording {
            header: Header::default(),
            events: Vec::new(),
            checkpoints: Vec::new(),
            snapshots: Vec::new(),
            end: None,
            reached: 0,
            cut: None,
        };
        let mut seen_header = false;
        for rec in Reader::new(bytes)? {
            match rec {
                Ok(Record::Header(h)) if !seen_header => {
                    r.header = h;
                    seen_header = true;
                }
                Ok(Record::Header(_)) => {
                    r.cut = Some(FormatError::Malformed {
                        what: "second header",
                        offset: 0,
                    });
                    break;
                }
                Ok(Record::Event(e)) => r.events.push(e),
                Ok(Record::Checkpoint(c)) => r.checkpoints.push(c),
                Ok(Record::Snapshot { tick, state }) => r.snapshots.push(Snap {
                    tick,
                    state,
                    events_before: r.events.len(),
                }),
                Ok(Record::End { icount }) => r.end = Some(icount),
                Ok(Record::Reached { tick }) => r.reached = r.reached.max(tick),
                Err(e) => {
                    r.cut = Some(e);
                    break;
                }
            }
        }
        if !seen_header {
            return Err(r.cut.unwrap_or(FormatError::Truncated(12)));
        }
        Ok(r)
    }

    /// Whether this is a recording (it has a snapshot to start from)
    /// rather than a checkpoint trace of a run.
    pub fn is_recording(&self) -> bool {
        !self.snapshots.is_empty()
    }
}
