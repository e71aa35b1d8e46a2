//! Progress of long work (replays, batches): an indicatif bar on a
//! terminal with icount, MIPS and ETA, and nothing when stderr is not a
//! terminal, so logs and pipes stay clean.

use std::io::IsTerminal;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
    /// The icount at the start (a replay from a snapshot starts late).
    base: u64,
    /// Instructions run by the items done (`items`).
    done: std::sync::atomic::AtomicU64,
}

impl Progress {
    pub fn hidden() -> Self {
        Progress {
            bar: None,
            start: Instant::now(),
            base: 0,
            done: Default::default(),
        }
    }

    /// A bar counting ticks up to `total`, shown only on a terminal.
    pub fn ticks(total: u64, label: &str, base: u64) -> Self {
        if !std::io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{prefix} [{bar:30}] {percent:>3}% {msg} ETA {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_prefix(label.to_string());
        Progress {
            bar: Some(bar),
            start: Instant::now(),
            base,
            done: Default::default(),
        }
    }

    /// A bar counting `total` items (a batch), with the instructions the
    /// finished ones ran and the rate.
    pub fn items(total: u64, label: &str) -> Self {
        let mut p = Progress::ticks(total, label, 0);
        if let Some(bar) = &p.bar {
            bar.set_style(
                ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {msg} ETA {eta}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
        }
        p.base = 0;
        p
    }

    /// One more item done, which ran `icount` instructions.
    pub fn add(&self, n: u64, icount: u64) {
        use std::sync::atomic::Ordering;
        let total = self.done.fetch_add(icount, Ordering::Relaxed) + icount;
        if let Some(bar) = &self.bar {
            let secs = self.start.elapsed().as_secs_f64().max(1e-9);
            bar.inc(n);
            bar.set_message(format!(
                "{total} instructions, {:.0} MIPS",
                total as f64 / secs / 1e6
            ));
        }
    }

    pub fn update(&self, icount: u64, tick: u64) {
        if let Some(bar) = &self.bar {
            let secs = self.start.elapsed().as_secs_f64().max(1e-9);
            let mips = icount.saturating_sub(self.base) as f64 / secs / 1e6;
            bar.set_position(tick);
            bar.set_message(format!("icount {icount}, {mips:.0} MIPS"));
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
