//! `lockstep diff A B`: where two runs of a guest part ways.
//!
//! For two recordings: their checkpoints find the first interval where
//! they differ; both are then replayed from the last snapshot before it
//! to the last checkpoint where they agreed, and on from there one
//! instruction at a time, side by side, until the CPU state or the memory
//! differs. That instruction is reported with its icount, PC, symbol,
//! the registers and memory ranges that differ. For two checkpoint traces
//! (`run --trace-checkpoints`), which hold no snapshot, the interval is
//! as far as it goes (`checkpoints::diff`).
//!
//! `lockstep diff --batch FILE...` replays recordings and runs images in
//! parallel (a rayon pool) and prints a table.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use devices::virt::VirtBoard;
use object::{Object, ObjectSymbol};
use rayon::prelude::*;
use sim::machine::{Machine, Stop};
use sim::replay::format::{Checkpoint, Header};

use crate::recording::Recording;
use crate::replay::{self, position, ReplayOpts, Verdict};
use crate::session::Session;
use crate::system::{self, build, Config, DiskUse, Inputs};
use crate::{checkpoints, Exec};

pub fn diff(a: &Path, b: &Path) -> Result<i32> {
    let (ra, rb) = match (Recording::load(a), Recording::load(b)) {
        (Ok(ra), Ok(rb)) => (ra, rb),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("lockstep: {e:#}");
            return Ok(2);
        }
    };
    if !(ra.is_recording() && rb.is_recording()) {
        return checkpoints::diff(a, b);
    }
    exact(&ra, &a.display().to_string(), &rb, &b.display().to_string())
}

/// Names the header entries that differ (what was run differently).
fn header_notes(ha: &Header, hb: &Header) {
    for (k, v) in &ha.entries {
        if hb.get(k) != Some(v.as_str()) {
            println!(
                "note: {k} differs: {v} against {}",
                hb.get(k).unwrap_or("(absent)")
            );
        }
    }
}

/// The two recordings' first divergence, to the instruction.
fn exact(ra: &Recording, na: &str, rb: &Recording, nb: &str) -> Result<i32> {
    // The guests' output while stepping is not the report.
    system::set_quiet();
    if ra.header.get("checkpoint-every") != rb.header.get("checkpoint-every") {
        bail!(
            "the recordings checkpoint at different intervals ({} and {} ticks): record both with the same --checkpoint-every",
            ra.header.get("checkpoint-every").unwrap_or("?"),
            rb.header.get("checkpoint-every").unwrap_or("?")
        );
    }
    header_notes(&ra.header, &rb.header);
    let same = |x: &Checkpoint, y: &Checkpoint| {
        x.tick() == y.tick() && x.cpu_hash == y.cpu_hash && x.mem_hash == y.mem_hash
    };
    let first = ra
        .checkpoints
        .iter()
        .zip(&rb.checkpoints)
        .position(|(x, y)| !same(x, y));
    let common = ra.checkpoints.len().min(rb.checkpoints.len());
    // Inputs that differ (UART bytes, say) may leave no trace in any
    // checkpoint; the first one bounds where to look too.
    let event = (0..ra.events.len().max(rb.events.len()))
        .find(|&j| ra.events.get(j) != rb.events.get(j))
        .map(|j| (ra.events.get(j), rb.events.get(j)));
    let event_tick = event.map(|(x, y)| x.into_iter().chain(y).map(|e| e.tick).min().unwrap_or(0));
    if let Some((x, y)) = event {
        let show = |e: Option<&sim::replay::format::InputEvent>| {
            e.map_or("nothing".to_string(), crate::tape::name)
        };
        println!(
            "the recorded events differ first: A has {}, B has {}",
            show(x),
            show(y)
        );
    }
    let last_len = ra.checkpoints.len() == rb.checkpoints.len() && ra.end == rb.end;
    if first.is_none() && event.is_none() && last_len {
        println!(
            "no difference at any of the {common} checkpoints nor in the events; {}",
            ra.end.map_or("both cut short".into(), |i| format!(
                "both ended at icount {i}"
            ))
        );
        return Ok(0);
    }
    // One goes on where the other ended: the last common interval.
    let i = first.unwrap_or(common.saturating_sub(1));
    // Start at the last checkpoint that agrees and comes before the first
    // differing event (an event at a checkpoint's tick came before it).
    let k = (0..i)
        .rev()
        .find(|&k| event_tick.is_none_or(|t| ra.checkpoints[k].tick() < t));
    let from = k.map_or(0, |k| ra.checkpoints[k].tick());
    let to = [ra.checkpoints.get(i), rb.checkpoints.get(i)]
        .into_iter()
        .flatten()
        .map(Checkpoint::tick)
        .max()
        .unwrap_or(from);
    let open = |rec: &Recording, name: &str| -> Result<(Machine<VirtBoard>, Vec<u8>)> {
        let p = position(rec, name, Some(from), None, None, Exec::Tiered, false)?;
        let (mut m, image) = (p.m, p.image);
        Session::new(&mut m, None, Header::default())?
            .run_to(from)
            .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
        // From here on, exactly: one instruction at a time.
        m.engine = Box::new(sim::interp::Interp::new());
        m.mem.take_written();
        Ok((m, image))
    };
    let (mut a, image) = open(ra, na)?;
    let (mut b, _) = open(rb, nb)?;
    println!(
        "last agreement: {} (tick {from}); stepping both from there",
        match k {
            None => "the start".to_string(),
            Some(k) => format!("the checkpoint at icount {}", ra.checkpoints[k].icount),
        }
    );
    loop {
        let (pc, thumb) = (a.cpu.r[15], a.cpu.thumb);
        let now = a.now();
        // Both asleep in WFI: nothing runs until the next event.
        let asleep = a.state().asleep && b.state().asleep;
        let next = if asleep {
            a.board
                .queue
                .next_deadline()
                .unwrap_or(to)
                .clamp(now + 1, to.max(now + 1))
        } else {
            now + 1
        };
        let sa = a.run(next).map_err(|e| anyhow::anyhow!("{na}: {e}"))?;
        let sb = b.run(next).map_err(|e| anyhow::anyhow!("{nb}: {e}"))?;
        let pages = {
            let mut p = a.mem.take_written();
            p.extend(b.mem.take_written());
            p.sort_unstable();
            p.dedup();
            p
        };
        let ranges = differing_ranges(&a, &b, &pages);
        if a.cpu != b.cpu || !ranges.is_empty() || sa != sb {
            report(&a, &b, pc, thumb, &image, &ranges, (sa, sb));
            return Ok(1);
        }
        if sa != Stop::Limit || a.now() >= to {
            println!(
                "the recordings differ by tick {to}, but the CPU and memory agree up to there: the difference is in device state or inputs the guest has not looked at"
            );
            return Ok(1);
        }
    }
}

/// Byte ranges [start, end) where the two memories differ, within `pages`.
fn differing_ranges(
    a: &Machine<VirtBoard>,
    b: &Machine<VirtBoard>,
    pages: &[u32],
) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for &p in pages {
        let (x, y) = (a.mem.page(p), b.mem.page(p));
        for (i, (u, v)) in x.iter().zip(y).enumerate() {
            if u != v {
                let addr = (p << sim::memory::PAGE_SHIFT) + i as u32;
                match out.last_mut() {
                    Some((_, end)) if *end == addr => *end = addr + 1,
                    _ => out.push((addr, addr + 1)),
                }
            }
        }
    }
    out
}

/// `name+0xoff` for the function symbol at or before `addr` in an ELF.
fn symbol(image: &[u8], addr: u32) -> Option<String> {
    let elf = object::File::parse(image).ok()?;
    // Assembler labels are untyped and sizeless, so not "definitions" to
    // `object`: any symbol in a section counts, mapping symbols ($a, $t,
    // $d) aside.
    elf.symbols()
        .filter(|s| matches!(s.section(), object::SymbolSection::Section(_)))
        .filter(|s| {
            !matches!(
                s.kind(),
                object::SymbolKind::Section | object::SymbolKind::File
            )
        })
        .filter(|s| !s.name().unwrap_or("$").starts_with('$') && !s.name().unwrap_or("").is_empty())
        .filter_map(|s| {
            let start = (s.address() as u32) & !1;
            (start <= addr && (s.size() == 0 || addr < start + s.size() as u32))
                .then(|| (start, s.name().unwrap_or("").to_string()))
        })
        .max_by_key(|(start, _)| *start)
        .map(|(start, name)| format!("{name}+{:#x}", addr - start))
}

fn report(
    a: &Machine<VirtBoard>,
    b: &Machine<VirtBoard>,
    pc: u32,
    thumb: bool,
    image: &[u8],
    ranges: &[(u32, u32)],
    stops: (Stop, Stop),
) {
    let sym = symbol(image, pc).map_or(String::new(), |s| format!(" ({s})"));
    println!(
        "first difference: after the instruction at pc {pc:#010x}{sym} ({}), icount {} in A and {} in B (tick {})",
        if thumb { "Thumb" } else { "ARM" },
        a.cpu.icount,
        b.cpu.icount,
        a.now()
    );
    let mut regs = Vec::new();
    for i in 0..16 {
        if a.cpu.r[i] != b.cpu.r[i] {
            regs.push(format!(
                "r{i} A={:#010x} B={:#010x}",
                a.cpu.r[i], b.cpu.r[i]
            ));
        }
    }
    if a.cpu.cpsr() != b.cpu.cpsr() {
        regs.push(format!(
            "cpsr A={:#010x} B={:#010x}",
            a.cpu.cpsr(),
            b.cpu.cpsr()
        ));
    }
    for i in 0..32 {
        if a.cpu.vfp.d[i] != b.cpu.vfp.d[i] {
            regs.push(format!(
                "d{i} A={:#018x} B={:#018x}",
                a.cpu.vfp.d[i], b.cpu.vfp.d[i]
            ));
        }
    }
    if a.cpu.vfp.fpscr != b.cpu.vfp.fpscr {
        regs.push(format!(
            "fpscr A={:#010x} B={:#010x}",
            a.cpu.vfp.fpscr, b.cpu.vfp.fpscr
        ));
    }
    if a.cpu.sys != b.cpu.sys {
        regs.push("banked registers or system state (modes, SPSRs, CP15)".into());
    }
    if !regs.is_empty() {
        println!("  registers that differ: {}", regs.join(", "));
    }
    if !ranges.is_empty() {
        let shown: Vec<String> = ranges
            .iter()
            .take(8)
            .map(|(s, e)| format!("{s:#010x}-{:#010x} ({} bytes)", e - 1, e - s))
            .collect();
        println!(
            "  memory that differs: {}{}",
            shown.join(", "),
            if ranges.len() > 8 { ", ..." } else { "" }
        );
    }
    if stops.0 != stops.1 {
        println!("  A {:?}, B {:?}", stops.0, stops.1);
    }
}

/// One row of `--batch`'s table.
struct Row {
    file: String,
    kind: &'static str,
    result: String,
    ok: bool,
    icount: u64,
    hash: u64,
    secs: f64,
}

/// `--batch`: every file replayed (a recording) or run (an image), `jobs`
/// at a time.
pub fn batch(files: &[PathBuf], jobs: Option<usize>, limit: Option<u64>) -> Result<i32> {
    system::set_quiet();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()?;
    let bar = crate::progress::Progress::items(files.len() as u64, "batch");
    let rows: Vec<Row> = pool.install(|| {
        files
            .par_iter()
            .map(|f| {
                let t = std::time::Instant::now();
                let mut row = one(f, limit).unwrap_or_else(|e| Row {
                    file: f.display().to_string(),
                    kind: "?",
                    result: format!("error: {e:#}"),
                    ok: false,
                    icount: 0,
                    hash: 0,
                    secs: 0.0,
                });
                row.secs = t.elapsed().as_secs_f64();
                bar.add(1, row.icount);
                row
            })
            .collect()
    });
    bar.finish();
    let w = rows.iter().map(|r| r.file.len()).max().unwrap_or(4).max(4);
    println!(
        "{:w$}  {:9}  {:>12}  {:16}  {:>8}  result",
        "file", "kind", "icount", "state hash", "seconds"
    );
    for r in &rows {
        println!(
            "{:w$}  {:9}  {:>12}  {:016x}  {:>8.3}  {}",
            r.file, r.kind, r.icount, r.hash, r.secs, r.result
        );
    }
    let bad = rows.iter().filter(|r| !r.ok).count();
    println!("{} of {} ok", rows.len() - bad, rows.len());
    Ok(if bad == 0 { 0 } else { 1 })
}

fn one(f: &Path, limit: Option<u64>) -> Result<Row> {
    let name = f.display().to_string();
    let head = std::fs::read(f).map(|b| b.starts_with(sim::replay::format::MAGIC))?;
    if head {
        let rec = replay::load_checked(f)?;
        if !rec.is_recording() {
            bail!("a checkpoint trace, not a recording: nothing to replay");
        }
        let o = ReplayOpts {
            image: None,
            disk: None,
            exec: Exec::Tiered,
            stats: false,
            seek: None,
            control: None,
        };
        let r = replay::check(&rec, &name, &o, false)?;
        let (ok, result) = match &r.verdict {
            Verdict::Matched => (true, format!("matches ({} checkpoints)", r.checked)),
            Verdict::Cut(why) => (true, format!("matches to its cut end ({why})")),
            Verdict::Quit => (false, "stopped by quit".to_string()),
            Verdict::Diverged(report) => (false, report.lines().next().unwrap_or("").to_string()),
        };
        return Ok(Row {
            file: name,
            kind: "recording",
            result,
            ok,
            icount: r.icount,
            hash: r.state_hash,
            secs: 0.0,
        });
    }
    let opts = crate::RunOpts::for_batch();
    let cfg = Config::from_opts(Some(f), &opts)?;
    let mut m = build(
        &cfg,
        Exec::Tiered,
        false,
        Inputs::None,
        DiskUse::PrivateCopy,
    )?;
    let stop = m
        .run(limit.unwrap_or(u64::MAX))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let (ok, result) = match stop {
        Stop::Exited(0) => (true, "exit 0".to_string()),
        Stop::Exited(c) => (false, format!("exit {c}")),
        Stop::Limit => (false, "stopped at --limit".to_string()),
        Stop::Idle => (false, "waits for an interrupt that cannot come".to_string()),
        Stop::HostTimeout => (false, "timeout".to_string()),
    };
    Ok(Row {
        file: name,
        kind: "image",
        result,
        ok,
        icount: m.cpu.icount,
        hash: system::state_hash(&m),
        secs: 0.0,
    })
}
