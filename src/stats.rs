//! `--stats` and `--stats-json`: what a run did, for people and for
//! scripts. Both print the same figures.

use std::path::Path;
use std::time::Duration;

use serde_json::json;
use sim::engine::{hottest, BlockProfile, EngineStats};
use sim::linux::Process;

pub struct Report {
    tier: &'static str,
    icount: u64,
    cycles: u64,
    children_icount: u64,
    wall: Duration,
    engine: EngineStats,
    state_hash: u64,
    peak_rss_kib: u64,
}

/// Peak resident memory of this process (getrusage), in KiB.
fn peak_rss_kib() -> u64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) } != 0 {
        return 0;
    }
    ru.ru_maxrss.max(0) as u64
}

/// Blocks listed as the hottest.
const HOTTEST: usize = 10;

/// Cycles per instruction of the cycle model (`sim::cycles`).
fn cpi(cycles: u64, insns: u64) -> f64 {
    cycles as f64 / insns.max(1) as f64
}

/// The run's modelled cycles and CPI (the main process's in user mode).
pub fn print_cycles(cycles: u64, icount: u64) {
    eprintln!(
        "modelled cycles:      {cycles} (CPI {:.3}, in-order Cortex-A8 costs)",
        cpi(cycles, icount)
    );
}

/// The blocks with the most modelled cycles, with how often they were
/// entered.
pub fn print_hottest(profile: &[BlockProfile]) {
    let hot = hottest(profile, HOTTEST);
    if hot.is_empty() {
        return;
    }
    eprintln!("hottest blocks (modelled cycles, counting whole runs of each block):");
    eprintln!(
        "  {:>12} {:>5} {:>12} {:>14} {:>6}",
        "address", "insns", "entries", "cycles", "CPI"
    );
    for b in hot {
        eprintln!(
            "  {:#010x}{} {:>5} {:>12} {:>14} {:>6.2}",
            b.pc,
            if b.thumb { "T" } else { " " },
            b.insns,
            b.entries,
            b.entries * b.cycles,
            cpi(b.cycles, b.insns as u64)
        );
    }
}

fn pct(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

impl Report {
    pub fn new(proc: &Process, wall: Duration) -> Self {
        Report {
            tier: proc.engine.name(),
            icount: proc.cpu.icount,
            cycles: proc.cpu.cycles(),
            children_icount: proc.children_icount,
            wall,
            engine: proc.engine.stats(),
            state_hash: proc.state_hash(),
            peak_rss_kib: peak_rss_kib(),
        }
    }

    fn mips(&self) -> f64 {
        self.icount as f64 / self.wall.as_secs_f64().max(1e-9) / 1e6
    }

    pub fn print(&self) {
        let e = &self.engine;
        let run = e.insns_interp + e.insns_jit;
        eprintln!("--- lockstep statistics ---");
        eprintln!("instructions retired: {}", self.icount);
        if self.children_icount > 0 {
            eprintln!("  in child processes: {}", self.children_icount);
        }
        print_cycles(self.cycles, self.icount);
        eprintln!("wall time:            {:.3} s", self.wall.as_secs_f64());
        eprintln!("speed:                {:.1} MIPS", self.mips());
        eprintln!("execution tier:       {}", self.tier);
        eprintln!(
            "  interpreted:        {} ({:.1}%)",
            e.insns_interp,
            pct(e.insns_interp, run)
        );
        eprintln!(
            "  compiled code:      {} ({:.1}%)",
            e.insns_jit,
            pct(e.insns_jit, run)
        );
        if e.dispatches > 0 {
            eprintln!(
                "  entries to compiled code: {} ({:.1} instructions each)",
                e.dispatches,
                e.insns_jit as f64 / e.dispatches as f64
            );
        }
        eprintln!(
            "blocks decoded:       {} ({} instructions)",
            e.blocks_built, e.insns_decoded
        );
        eprintln!(
            "blocks compiled:      {} ({} of them regions; {} instructions, {} KiB of code)",
            e.blocks_compiled,
            e.regions_compiled,
            e.insns_compiled,
            e.code_bytes / 1024
        );
        if e.blocks_compiled > 0 {
            eprintln!(
                "compile time:         {:.1} ms total; per block p50 {:.0} us, p99 {:.0} us, max {:.0} us",
                e.compile_ns_total as f64 / 1e6,
                e.compile_ns_p50 as f64 / 1e3,
                e.compile_ns_p99 as f64 / 1e3,
                e.compile_ns_max as f64 / 1e3
            );
        }
        if e.invalidations > 0 {
            eprintln!(
                "code invalidations:   {} pages ({} compiled blocks dropped)",
                e.invalidations, e.blocks_discarded
            );
        }
        eprintln!("peak memory:          {} MiB", self.peak_rss_kib / 1024);
        eprintln!("state hash:           {:016x}", self.state_hash);
        print_hottest(&self.engine.profile);
    }

    pub fn write_json(&self, path: &Path) -> std::io::Result<()> {
        let e = &self.engine;
        let v = json!({
            "tier": self.tier,
            "instructions": self.icount,
            "cycles": self.cycles,
            "cpi": cpi(self.cycles, self.icount),
            "hottest_blocks": hottest(&e.profile, HOTTEST)
                .iter()
                .map(|b| json!({
                    "pc": format!("{:#010x}", b.pc),
                    "thumb": b.thumb,
                    "instructions": b.insns,
                    "entries": b.entries,
                    "cycles": b.entries * b.cycles,
                    "cpi": cpi(b.cycles, b.insns as u64),
                }))
                .collect::<Vec<_>>(),
            "child_instructions": self.children_icount,
            "wall_seconds": self.wall.as_secs_f64(),
            "mips": self.mips(),
            "instructions_interpreted": e.insns_interp,
            "instructions_compiled_code": e.insns_jit,
            "blocks_decoded": e.blocks_built,
            "instructions_decoded": e.insns_decoded,
            "compiled_code_entries": e.dispatches,
            "blocks_compiled": e.blocks_compiled,
            "regions_compiled": e.regions_compiled,
            "instructions_compiled": e.insns_compiled,
            "code_bytes": e.code_bytes,
            "invalidated_pages": e.invalidations,
            "compiled_blocks_dropped": e.blocks_discarded,
            "compile_ns": {
                "total": e.compile_ns_total,
                "p50": e.compile_ns_p50,
                "p99": e.compile_ns_p99,
                "max": e.compile_ns_max,
            },
            "peak_rss_kib": self.peak_rss_kib,
            "state_hash": format!("{:016x}", self.state_hash),
        });
        let mut text = serde_json::to_string_pretty(&v).map_err(std::io::Error::other)?;
        text.push('\n');
        std::fs::write(path, text)
    }
}
