//! What enters a system-mode guest from outside, as recording events:
//! `record` logs it as it happens (`RecordingFeed`, `Tape::Record`) and
//! `replay` hands the same bytes back at the same ticks (`ScriptFeed`,
//! `Tape::Replay`).
//!
//! Inputs: UART bytes (at the UART's input polls), semihosting console
//! reads and, under `--host-time`, semihosting's SYS_TIME. The RTC's
//! epoch is in the header. Backend completions and bottom halves are
//! logged too, though replay recomputes them: comparing them finds a
//! divergence where it starts, and they are what a report shows as "the
//! last events before it". There is no entropy source on the board yet.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use devices::virt::InputFeed;
use sim::replay::format::InputEvent;

/// Event sources: device ids (`devices::virt`) for device events, and
/// the semihosting console.
pub const SRC_UART: u16 = 4;
pub const SRC_SEMIHOST: u16 = 0x100;

/// Event kinds.
pub mod kind {
    /// Bytes delivered; input goes on.
    pub const INPUT: u16 = 1;
    /// Bytes delivered (perhaps none), then the input ended.
    pub const INPUT_END: u16 = 2;
    /// A semihosting console read: one byte, or none at end of input.
    pub const READ: u16 = 3;
    /// SYS_TIME's answer from the host clock (u32 seconds).
    pub const TIME: u16 = 4;
    /// A backend completion ran (its request id, u64).
    pub const COMPLETION: u16 = 5;
    /// A bottom half ran (its tag, u32).
    pub const BH: u16 = 6;
}

pub fn name(e: &InputEvent) -> String {
    let what = match e.kind {
        kind::INPUT => format!("input {:?}", String::from_utf8_lossy(&e.data)),
        kind::INPUT_END => format!("input {:?} then end", String::from_utf8_lossy(&e.data)),
        kind::READ => format!("console read {:?}", String::from_utf8_lossy(&e.data)),
        kind::TIME => "host time read".to_string(),
        kind::COMPLETION => "backend completion".to_string(),
        kind::BH => "bottom half".to_string(),
        k => format!("event kind {k}"),
    };
    let source = match e.source {
        SRC_UART => "uart".to_string(),
        SRC_SEMIHOST => "semihosting".to_string(),
        3 => "virtio-blk".to_string(),
        s => format!("device {s}"),
    };
    format!("tick {}: {source} {what}", e.tick)
}

/// Events logged during a slice of the run, taken by the recorder after it.
pub type Outbox = Arc<Mutex<Vec<InputEvent>>>;

fn push(out: &Outbox, e: InputEvent) {
    out.lock().unwrap_or_else(|p| p.into_inner()).push(e);
}

/// The UART's host input with every delivery logged.
pub struct RecordingFeed {
    pub inner: Box<dyn InputFeed>,
    pub out: Outbox,
}

impl InputFeed for RecordingFeed {
    fn poll(&mut self, now: u64, room: usize) -> (Vec<u8>, bool) {
        let (bytes, open) = self.inner.poll(now, room);
        if !bytes.is_empty() || !open {
            push(
                &self.out,
                InputEvent {
                    tick: now,
                    source: SRC_UART,
                    kind: if open { kind::INPUT } else { kind::INPUT_END },
                    data: bytes.clone(),
                },
            );
        }
        (bytes, open)
    }

    fn wait(&mut self, timeout: std::time::Duration) {
        self.inner.wait(timeout)
    }
}

/// The UART's input as recorded: each poll gets what the poll at the
/// same tick got.
pub struct ScriptFeed {
    pub events: VecDeque<InputEvent>,
}

impl InputFeed for ScriptFeed {
    fn poll(&mut self, now: u64, _room: usize) -> (Vec<u8>, bool) {
        // Events before `now` belong to polls this run did not make: the
        // replay has diverged, which its checkpoints report.
        while self.events.front().is_some_and(|e| e.tick < now) {
            self.events.pop_front();
        }
        match self.events.front() {
            Some(e) if e.tick == now => {
                let e = self.events.pop_front().unwrap();
                (e.data, e.kind != kind::INPUT_END)
            }
            _ => (Vec::new(), true),
        }
    }
}

/// The semihosting console's inputs.
pub enum Tape {
    /// From the host, not logged.
    Live,
    Record(Outbox),
    /// Console reads and host times as recorded, in order.
    Replay(VecDeque<InputEvent>),
}

impl Tape {
    /// A console read at `tick`: `live` asks the host.
    pub fn read(&mut self, tick: u64, live: impl FnOnce() -> Option<u8>) -> Option<u8> {
        self.take(tick, kind::READ, || live().into_iter().collect())
            .first()
            .copied()
    }

    /// SYS_TIME from the host clock at `tick`.
    pub fn time(&mut self, tick: u64, live: impl FnOnce() -> u32) -> u32 {
        let d = self.take(tick, kind::TIME, || live().to_le_bytes().to_vec());
        d.get(..4)
            .map_or(0, |b| u32::from_le_bytes(b.try_into().unwrap()))
    }

    fn take(&mut self, tick: u64, k: u16, live: impl FnOnce() -> Vec<u8>) -> Vec<u8> {
        match self {
            Tape::Live => live(),
            Tape::Record(out) => {
                let data = live();
                push(
                    out,
                    InputEvent {
                        tick,
                        source: SRC_SEMIHOST,
                        kind: k,
                        data: data.clone(),
                    },
                );
                data
            }
            Tape::Replay(q) => {
                while q.front().is_some_and(|e| e.tick < tick || e.kind != k) {
                    q.pop_front();
                }
                q.pop_front().map(|e| e.data).unwrap_or_default()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_delivers_at_the_recorded_polls_only() {
        let ev = |tick, kind, data: &[u8]| InputEvent {
            tick,
            source: SRC_UART,
            kind,
            data: data.to_vec(),
        };
        let mut f = ScriptFeed {
            events: [ev(100, kind::INPUT, b"ab"), ev(300, kind::INPUT_END, b"c")].into(),
        };
        assert_eq!(f.poll(50, 16), (vec![], true));
        assert_eq!(f.poll(100, 16), (b"ab".to_vec(), true));
        assert_eq!(f.poll(200, 16), (vec![], true));
        assert_eq!(f.poll(300, 16), (b"c".to_vec(), false));
    }

    #[test]
    fn a_tape_replays_what_it_recorded() {
        let out = Outbox::default();
        let mut rec = Tape::Record(out.clone());
        assert_eq!(rec.read(10, || Some(b'x')), Some(b'x'));
        assert_eq!(rec.time(20, || 1234), 1234);
        assert_eq!(rec.read(30, || None), None);
        let events = out.lock().unwrap().clone();
        assert_eq!(events.len(), 3);
        let mut rep = Tape::Replay(events.into());
        assert_eq!(rep.read(10, || panic!("replay asked the host")), Some(b'x'));
        assert_eq!(rep.time(20, || panic!("replay asked the host")), 1234);
        assert_eq!(rep.read(30, || panic!("replay asked the host")), None);
    }
}
