//! `lockstep replay RUN.lsr`: runs a recording again from its initial
//! snapshot (or, with `--seek ICOUNT`, from the last snapshot before that
//! point), feeding back its inputs at their ticks, and checks every
//! checkpoint and device event against it. The first mismatch stops the
//! replay with the icount, the PC, the registers that differ and the
//! events that came just before.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use devices::virt::VirtBoard;
use sim::machine::{Machine, Stop};
use sim::replay::format::{Checkpoint, FormatError, InputEvent};
use sim::replay::snapshot;

use crate::progress::Progress;
use crate::record::{checkpoint, device_events};
use crate::recording::Recording;
use crate::session::Session;
use crate::system::{self, build, Config, DiskUse, Inputs};
use crate::tape::{self, kind, SRC_SEMIHOST, SRC_UART};
use crate::Exec;

pub struct ReplayOpts {
    pub image: Option<PathBuf>,
    pub disk: Option<PathBuf>,
    pub exec: Exec,
    pub stats: bool,
    pub seek: Option<u64>,
    pub control: Option<PathBuf>,
}

/// Register names in a checkpoint's order.
const REG_NAMES: [&str; 17] = [
    "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "sp", "lr",
    "pc", "cpsr",
];

/// A machine positioned at a recording's snapshot, with the recording's
/// remaining inputs attached, and what it is checked against.
pub struct Positioned {
    pub m: Machine<VirtBoard>,
    /// The image it runs (for symbols).
    pub image: Vec<u8>,
    /// Completions and bottom halves after the snapshot, in order.
    pub expected: Vec<InputEvent>,
    pub start_tick: u64,
}

/// Builds the recorded machine and restores the last snapshot at or
/// before tick `at` (the first one if None).
pub fn position(
    rec: &Recording,
    name: &str,
    at: Option<u64>,
    image: Option<&Path>,
    disk: Option<&Path>,
    exec: Exec,
    stats: bool,
) -> Result<Positioned> {
    if !rec.is_recording() {
        bail!("{name} is a checkpoint trace (lockstep run --trace-checkpoints), not a recording: it holds no snapshot to replay from (lockstep diff compares traces)");
    }
    let cfg = Config::from_header(&rec.header, name, image, disk)?;
    let snap = match at {
        None => &rec.snapshots[0],
        Some(t) => rec
            .snapshots
            .iter()
            .rev()
            .find(|s| s.tick <= t)
            .unwrap_or(&rec.snapshots[0]),
    };
    let (start_tick, state) = (snap.tick, &snap.state);
    let after = &rec.events[snap.events_before.min(rec.events.len())..];
    let pick = |src: u16| -> Vec<InputEvent> {
        after.iter().filter(|e| e.source == src).cloned().collect()
    };
    let inputs = Inputs::Replay {
        uart: pick(SRC_UART),
        console: pick(SRC_SEMIHOST),
    };
    let expected = after
        .iter()
        .filter(|e| e.kind == kind::COMPLETION || e.kind == kind::BH)
        .cloned()
        .collect();
    let mut m = build(&cfg, exec, stats, inputs, DiskUse::PrivateCopy)?;
    snapshot::restore(&mut m, state)
        .with_context(|| format!("{name}: cannot restore its snapshot at tick {start_tick}"))?;
    m.log_io_events();
    m.mem.track_writes();
    Ok(Positioned {
        m,
        image: cfg.image,
        expected,
        start_tick,
    })
}

/// Runs `m` until its icount is `target` (ticks include idle time, so a
/// tick limit may need several runs).
pub fn run_to_icount(s: &mut Session, target: u64) -> Result<Stop> {
    let mut stop = Stop::Limit;
    while s.m.cpu.icount < target && stop == Stop::Limit && !s.quit {
        let to = s.m.now().saturating_add(target - s.m.cpu.icount);
        stop = s.run_to(to).map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    Ok(stop)
}

/// Marks an error that kept a replay from starting: the files given do
/// not fit the recording (exit status 2, as for a file that is not one).
#[derive(Debug)]
pub struct BadInput;

impl std::fmt::Display for BadInput {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("cannot replay")
    }
}

/// How a replay ended.
pub enum Verdict {
    /// Every checkpoint matched, to the recorded end.
    Matched,
    /// The recording was cut short (why); it matched up to its end.
    Cut(String),
    /// The first difference, described (first line: where and what).
    Diverged(String),
    /// Stopped by `quit` on the control socket; it matched up to there.
    Quit,
}

/// What a replay did.
pub struct Replayed {
    pub verdict: Verdict,
    pub checked: usize,
    /// The guest's exit status, if it exited.
    pub exit: Option<u32>,
    pub icount: u64,
    pub tick: u64,
    /// The final state hash (batch items only; 0 otherwise).
    pub state_hash: u64,
}

pub fn replay(path: &Path, o: &ReplayOpts) -> Result<i32> {
    let name = path.display().to_string();
    let rec = match load_checked(path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("lockstep: {e:#}");
            return Ok(2);
        }
    };
    let r = match check(&rec, &name, o, true) {
        Ok(r) => r,
        // What keeps a replay from starting (a missing or changed image or
        // disk, a snapshot that does not restore): the input is wrong.
        Err(e) if e.downcast_ref::<BadInput>().is_some() => {
            eprintln!("lockstep: {e:#}");
            return Ok(2);
        }
        Err(e) => return Err(e),
    };
    match &r.verdict {
        Verdict::Matched => eprintln!(
            "lockstep: {name}: replay matches the recording: {} checkpoints, ended at icount {}",
            r.checked, r.icount
        ),
        Verdict::Cut(why) => eprintln!(
            "lockstep: {name}: the recording was cut short ({why}); replayed to its end at icount {}, tick {}, {} checkpoints matching",
            r.icount, r.tick, r.checked
        ),
        Verdict::Diverged(report) => {
            eprintln!("lockstep: {name}: {report}");
            return Ok(1);
        }
        Verdict::Quit => eprintln!(
            "lockstep: {name}: replay stopped by quit at icount {}, tick {}; {} checkpoints matched up to there",
            r.icount, r.tick, r.checked
        ),
    }
    Ok(r.exit.map_or(0, |c| c as i32))
}

/// Reads a recording, refusing a damaged one. A cut tail is what a
/// killed recorder leaves: that replays up to it. Any other fault means
/// the file was damaged: none of it is trusted.
pub fn load_checked(path: &Path) -> Result<Recording> {
    let rec = Recording::load(path)?;
    if let Some(e) = rec
        .cut
        .as_ref()
        .filter(|e| !matches!(e, FormatError::Truncated(_)))
    {
        bail!("{}: {e}; not replaying a damaged recording", path.display());
    }
    Ok(rec)
}

/// Replays `rec` and checks it. `progress`: the command line's replay,
/// which draws a bar on a terminal and reports a seek; otherwise a batch
/// item, which wants the final state hash (reading all of memory).
pub fn check(rec: &Recording, name: &str, o: &ReplayOpts, progress: bool) -> Result<Replayed> {
    let Positioned {
        mut m,
        expected,
        start_tick,
        ..
    } = position(
        rec,
        name,
        o.seek,
        o.image.as_deref(),
        o.disk.as_deref(),
        o.exec,
        o.stats,
    )
    .map_err(|e| e.context(BadInput))?;
    let end_tick = rec
        .checkpoints
        .last()
        .map_or(0, Checkpoint::tick)
        .max(rec.events.last().map_or(0, |e| e.tick))
        .max(rec.reached);
    let start = std::time::Instant::now();
    let mut s = Session::new(&mut m, o.control.as_deref(), rec.header.clone())?;
    if progress {
        s.progress = Progress::ticks(end_tick, "replay", s.m.cpu.icount);
    }
    let mut last = Stop::Limit;
    if let Some(target) = o.seek {
        // A cut recording is known up to its last checkpoint.
        let known = rec
            .end
            .unwrap_or_else(|| rec.checkpoints.last().map_or(0, |c| c.icount));
        if target > known {
            return Err(anyhow::anyhow!(
                "--seek {target}: {name} {} at icount {known}",
                if rec.end.is_some() {
                    "ends"
                } else {
                    "is known up to its last checkpoint"
                }
            )
            .context(BadInput));
        }
    }
    // Reached in the interval of the first checkpoint past it, so that
    // every checkpoint on the way is still checked.
    let mut seek = o.seek;
    let seek_to = |s: &mut Session, target: u64| -> Result<Stop> {
        let stop = run_to_icount(s, target)?;
        let c = &s.m.cpu;
        if progress {
            eprintln!(
                "lockstep: {name}: at icount {} (tick {}, pc {:#010x}), from the snapshot at tick {start_tick}",
                c.icount,
                s.m.now(),
                c.r[15]
            );
        }
        Ok(stop)
    };
    let mut next_event = 0usize;
    let mut checked = 0usize;
    let from = s.m.now();
    let mut verdict = None;
    for c in rec.checkpoints.iter().filter(|c| c.tick() > from) {
        if let Some(target) = seek.filter(|&t| t < c.icount) {
            // The checkpoint's run below goes on from here.
            seek_to(&mut s, target)?;
            seek = None;
        }
        let t = c.tick();
        last = s
            .run_to(t)
            .map_err(|e| anyhow::anyhow!("{name}: replay stopped: {e}"))?;
        if s.quit {
            break;
        }
        let mine = device_events(s.m.take_events());
        let now = s.m.now();
        let mut problem = None;
        for e in &mine {
            if expected.get(next_event) != Some(e) {
                problem = Some(format!(
                    "the replay did {} where the recording has {}",
                    tape::name(e),
                    expected
                        .get(next_event)
                        .map_or("nothing more".into(), tape::name)
                ));
                break;
            }
            next_event += 1;
        }
        if problem.is_none() {
            if let Some(e) = expected.get(next_event).filter(|e| e.tick <= now) {
                problem = Some(format!(
                    "the recording has {} and the replay, at tick {now}, has not done it",
                    tape::name(e)
                ));
            }
        }
        if problem.is_none() && now < t {
            problem = Some(format!(
                "the guest stopped ({last:?}) at tick {now}, before the recording's checkpoint at tick {t}"
            ));
        }
        if let Some(p) = problem {
            verdict = Some(Verdict::Diverged(diverged(&s, rec, &p, None)));
            break;
        }
        let got = checkpoint(s.m);
        if got.cpu_hash != c.cpu_hash || got.mem_hash != c.mem_hash {
            verdict = Some(Verdict::Diverged(diverged(
                &s,
                rec,
                "checkpoint mismatch",
                Some((c, &got)),
            )));
            break;
        }
        checked += 1;
    }
    if verdict.is_none() {
        if let Some(target) = seek {
            last = seek_to(&mut s, target)?;
        }
        if rec.end.is_none() && !s.quit && s.m.now() < end_tick {
            // Inputs after the last checkpoint of a cut recording.
            last = s
                .run_to(end_tick)
                .map_err(|e| anyhow::anyhow!("{name}: replay stopped: {e}"))?;
        }
    }
    s.progress.finish();
    let s_quit = s.quit;
    drop(s);
    let _ = std::io::stdout().flush();
    if o.stats {
        system::print_stats(&m, start.elapsed().as_secs_f64());
    }
    let verdict = verdict.unwrap_or_else(|| match &rec.end {
        _ if s_quit => Verdict::Quit,
        Some(_) => Verdict::Matched,
        None => Verdict::Cut(
            rec.cut
                .as_ref()
                .map_or("no end record".into(), |e| e.to_string()),
        ),
    });
    Ok(Replayed {
        verdict,
        checked,
        exit: match last {
            Stop::Exited(code) => Some(code),
            _ => None,
        },
        icount: m.cpu.icount,
        tick: m.now(),
        state_hash: if progress { 0 } else { system::state_hash(&m) },
    })
}

/// Describes a divergence: where, what, the registers that differ and
/// the recorded events just before.
fn diverged(
    s: &Session,
    rec: &Recording,
    what: &str,
    checkpoints: Option<(&Checkpoint, &Checkpoint)>,
) -> String {
    use std::fmt::Write as _;
    let m = &s.m;
    let mut out = format!(
        "replay diverged at icount {}, tick {}, pc {:#010x}: {what}",
        m.cpu.icount,
        m.now(),
        m.cpu.r[15]
    );
    if let Some((want, got)) = checkpoints {
        if let (Some((_, a)), Some((_, b))) = (want.at, got.at) {
            let differ: Vec<String> = (0..17)
                .filter(|&i| a[i] != b[i])
                .map(|i| {
                    format!(
                        "{} recorded {:#010x} replayed {:#010x}",
                        REG_NAMES[i], a[i], b[i]
                    )
                })
                .collect();
            if differ.is_empty() {
                let _ = write!(out, "\n  R0-R15 and the CPSR agree");
            } else {
                let _ = write!(out, "\n  registers that differ: {}", differ.join(", "));
            }
        }
        if want.cpu_hash != got.cpu_hash {
            let _ = write!(
                out,
                "\n  the CPU state differs (hash {:016x} recorded, {:016x} replayed)",
                want.cpu_hash, got.cpu_hash
            );
        }
        if want.mem_hash != got.mem_hash {
            let _ = write!(
                out,
                "\n  memory written since the previous checkpoint differs"
            );
        }
    }
    let before: Vec<&InputEvent> = rec.events.iter().filter(|e| e.tick <= m.now()).collect();
    if !before.is_empty() {
        let _ = write!(out, "\n  last recorded events before it:");
        for e in before.iter().rev().take(5).rev() {
            let _ = write!(out, "\n    {}", tape::name(e));
        }
    }
    let _ = write!(out, "\n  (to find the first instruction that differs: record the run again with this build and `lockstep diff` the two recordings)");
    out
}
