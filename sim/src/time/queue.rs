//! The event queue: everything that will happen to the guest at a future
//! tick, as data ordered by (tick, sequence number).
//!
//! Three kinds of entry: device timers, bottom halves and completions of
//! backend requests. Ties at one tick break by the order the entries were
//! scheduled in, which is itself fixed by the guest's execution, so two
//! runs fire the same entries in the same order. Re-arming or cancelling a
//! timer leaves its old heap entry behind, marked stale by a generation
//! number, and popping skips it: arming is O(log n) and nothing is ever
//! searched for.
//!
//! The queue holds no closures and no device handles: a fired entry names
//! its owner (`DeviceId`) and the owner's tag, and the machine routes it.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A device's index in its machine's device table.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct DeviceId(pub u16);

/// A timer made by `EventQueue::new_timer`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct TimerId(u32);

/// A bottom half made by `EventQueue::new_bh`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct BhId(u32);

/// Whether a bottom half can be scheduled again after it ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BhKind {
    /// Runs once, then its id is dead (scheduling it again does nothing).
    OneShot,
    /// Stays usable: each `schedule_bh` runs it once more.
    Rearmable,
}

/// What came due, for the machine to hand to `owner`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fired {
    Timer {
        at: u64,
        id: TimerId,
        owner: DeviceId,
        tag: u32,
        /// On the `VirtualExternal` clock (`new_external_timer`).
        external: bool,
    },
    Bh {
        at: u64,
        id: BhId,
        owner: DeviceId,
        tag: u32,
    },
    /// A backend request's result is due (`io::Io` holds it).
    Completion { at: u64, owner: DeviceId, id: u64 },
}

impl Fired {
    pub fn at(&self) -> u64 {
        match *self {
            Fired::Timer { at, .. } | Fired::Bh { at, .. } | Fired::Completion { at, .. } => at,
        }
    }
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
enum Due {
    Timer { id: u32, gen: u32 },
    Bh { id: u32, gen: u32 },
    Completion { owner: DeviceId, id: u64 },
}

/// Ordered by tick, then sequence number (unique), so `Due` never decides.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
struct Entry {
    at: u64,
    seq: u64,
    due: Due,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct Slot {
    owner: DeviceId,
    tag: u32,
    /// Bumped by every arm, cancel and run: heap entries with another
    /// generation are stale.
    gen: u32,
    /// The tick it is armed for (timers) or scheduled at (bottom halves).
    armed: Option<u64>,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct BhSlot {
    slot: Slot,
    kind: BhKind,
    dead: bool,
}

/// Plain data (serde): a snapshot saves the whole queue, stale entries
/// and sequence numbers included, so restored runs order ties alike.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct EventQueue {
    heap: BinaryHeap<Reverse<Entry>>,
    /// Heap entries known to be stale; past half the heap they are swept
    /// out, so a timer re-armed earlier and earlier cannot grow the heap.
    stale: usize,
    seq: u64,
    timers: Vec<Slot>,
    /// Per timer: on the `VirtualExternal` clock.
    external: Vec<bool>,
    bhs: Vec<BhSlot>,
}

impl EventQueue {
    pub fn new() -> Self {
        Self::default()
    }

    fn push(&mut self, at: u64, due: Due) {
        if self.stale > 64 && self.stale * 2 > self.heap.len() {
            let heap = std::mem::take(&mut self.heap);
            self.heap = heap.into_iter().filter(|Reverse(e)| self.live(e)).collect();
            self.stale = 0;
        }
        let seq = self.seq;
        self.seq += 1;
        self.heap.push(Reverse(Entry { at, seq, due }));
    }

    /// A timer belonging to `owner`; `tag` comes back when it fires (which
    /// of the owner's timers it is).
    pub fn new_timer(&mut self, owner: DeviceId, tag: u32) -> TimerId {
        self.timers.push(Slot {
            owner,
            tag,
            gen: 0,
            armed: None,
        });
        self.external.push(false);
        TimerId(self.timers.len() as u32 - 1)
    }

    /// A timer on the `VirtualExternal` clock: it counts ticks like any
    /// other, but what its owner does when it fires brings in something
    /// from outside the guest (host input), so its firings are marked for
    /// recording (issue 6) to log what they deliver.
    pub fn new_external_timer(&mut self, owner: DeviceId, tag: u32) -> TimerId {
        let id = self.new_timer(owner, tag);
        self.external[id.0 as usize] = true;
        id
    }

    /// Arms `id` to fire at tick `at`, replacing any earlier arming. A tick
    /// already passed fires at the next boundary.
    pub fn arm(&mut self, id: TimerId, at: u64) {
        let t = &mut self.timers[id.0 as usize];
        t.gen = t.gen.wrapping_add(1);
        let was = t.armed.replace(at);
        let gen = t.gen;
        self.stale += usize::from(was.is_some());
        self.push(at, Due::Timer { id: id.0, gen });
    }

    pub fn cancel(&mut self, id: TimerId) {
        let t = &mut self.timers[id.0 as usize];
        t.gen = t.gen.wrapping_add(1);
        self.stale += usize::from(t.armed.take().is_some());
    }

    /// The tick `id` is armed for.
    pub fn deadline(&self, id: TimerId) -> Option<u64> {
        self.timers[id.0 as usize].armed
    }

    pub fn new_bh(&mut self, owner: DeviceId, tag: u32, kind: BhKind) -> BhId {
        self.bhs.push(BhSlot {
            slot: Slot {
                owner,
                tag,
                gen: 0,
                armed: None,
            },
            kind,
            dead: false,
        });
        BhId(self.bhs.len() as u32 - 1)
    }

    /// Runs `id` at tick `now` (the next block boundary), after whatever is
    /// already due there. Scheduling one that is already pending, or a
    /// one-shot that already ran, does nothing.
    pub fn schedule_bh(&mut self, id: BhId, now: u64) {
        let b = &mut self.bhs[id.0 as usize];
        if b.dead || b.slot.armed.is_some() {
            return;
        }
        b.slot.armed = Some(now);
        let gen = b.slot.gen;
        self.push(now, Due::Bh { id: id.0, gen });
    }

    /// Schedules a backend completion (`io::Io::submit`).
    pub(crate) fn schedule_completion(&mut self, at: u64, owner: DeviceId, id: u64) {
        self.push(at, Due::Completion { owner, id });
    }

    fn live(&self, e: &Entry) -> bool {
        match e.due {
            Due::Timer { id, gen } => self.timers[id as usize].gen == gen,
            Due::Bh { id, gen } => self.bhs[id as usize].slot.gen == gen,
            Due::Completion { .. } => true,
        }
    }

    /// The tick of the earliest live entry: the CPU runs exactly up to it.
    pub fn next_deadline(&mut self) -> Option<u64> {
        while let Some(Reverse(e)) = self.heap.peek() {
            if self.live(e) {
                return Some(e.at);
            }
            self.heap.pop();
            self.stale = self.stale.saturating_sub(1);
        }
        None
    }

    /// Takes the earliest entry due at or before `now`, in (tick,
    /// sequence) order. Entries scheduled while draining at `now` (a
    /// handler that schedules a bottom half) come out in the same drain.
    pub fn pop_due(&mut self, now: u64) -> Option<Fired> {
        loop {
            let Reverse(e) = *self.heap.peek()?;
            if e.at > now {
                return None;
            }
            self.heap.pop();
            if !self.live(&e) {
                self.stale = self.stale.saturating_sub(1);
                continue;
            }
            return Some(match e.due {
                Due::Timer { id, .. } => {
                    let t = &mut self.timers[id as usize];
                    t.gen = t.gen.wrapping_add(1);
                    t.armed = None;
                    Fired::Timer {
                        at: e.at,
                        id: TimerId(id),
                        owner: t.owner,
                        tag: t.tag,
                        external: self.external[id as usize],
                    }
                }
                Due::Bh { id, .. } => {
                    let b = &mut self.bhs[id as usize];
                    b.slot.gen = b.slot.gen.wrapping_add(1);
                    b.slot.armed = None;
                    b.dead = b.kind == BhKind::OneShot;
                    Fired::Bh {
                        at: e.at,
                        id: BhId(id),
                        owner: b.slot.owner,
                        tag: b.slot.tag,
                    }
                }
                Due::Completion { owner, id } => Fired::Completion {
                    at: e.at,
                    owner,
                    id,
                },
            });
        }
    }

    /// Whether `id` is one of this queue's timers.
    pub fn has_timer(&self, id: TimerId) -> bool {
        (id.0 as usize) < self.timers.len()
    }

    /// Whether `other` (a snapshot's queue) begins with the timers and
    /// bottom halves of this one (the queue of a freshly built board),
    /// with the same owners, tags and kinds, and holds only entries that
    /// refer to its own: what restoring it in place of this one needs.
    /// It may have more (made once the machine ran, such as the core's
    /// generic timers).
    pub fn same_shape(&self, other: &EventQueue) -> bool {
        let slots = |q: &EventQueue| {
            (
                q.timers
                    .iter()
                    .map(|t| (t.owner, t.tag))
                    .collect::<Vec<_>>(),
                q.external.clone(),
                q.bhs
                    .iter()
                    .map(|b| (b.slot.owner, b.slot.tag, b.kind))
                    .collect::<Vec<_>>(),
            )
        };
        let (mine, theirs) = (slots(self), slots(other));
        theirs.0.starts_with(&mine.0)
            && theirs.1.starts_with(&mine.1)
            && theirs.2.starts_with(&mine.2)
            && other.external.len() == other.timers.len()
            && other.heap.iter().all(|Reverse(e)| match e.due {
                Due::Timer { id, .. } => (id as usize) < other.timers.len(),
                Due::Bh { id, .. } => (id as usize) < other.bhs.len(),
                Due::Completion { .. } => true,
            })
    }

    /// Live entries waiting (stale ones not counted).
    pub fn pending(&self) -> usize {
        self.heap.iter().filter(|Reverse(e)| self.live(e)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DEV: DeviceId = DeviceId(3);

    #[test]
    fn external_timers_say_so_when_they_fire() {
        let mut q = EventQueue::new();
        let v = q.new_timer(DEV, 1);
        let x = q.new_external_timer(DEV, 2);
        q.arm(v, 5);
        q.arm(x, 5);
        let ext: Vec<_> = std::iter::from_fn(|| q.pop_due(5))
            .map(|f| match f {
                Fired::Timer { tag, external, .. } => (tag, external),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(ext, [(1, false), (2, true)]);
    }

    fn drain(q: &mut EventQueue, now: u64) -> Vec<Fired> {
        std::iter::from_fn(|| q.pop_due(now)).collect()
    }

    #[test]
    fn ties_fire_in_the_order_they_were_scheduled() {
        let mut q = EventQueue::new();
        let ts: Vec<_> = (0..5).map(|i| q.new_timer(DEV, i)).collect();
        for &t in ts.iter().rev() {
            q.arm(t, 100);
        }
        let tags: Vec<u32> = drain(&mut q, 100)
            .iter()
            .map(|f| match f {
                Fired::Timer { tag, .. } => *tag,
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(tags, [4, 3, 2, 1, 0]);
    }

    #[test]
    fn rearming_replaces_and_cancelling_removes() {
        let mut q = EventQueue::new();
        let t = q.new_timer(DEV, 0);
        q.arm(t, 50);
        q.arm(t, 80);
        assert_eq!(q.deadline(t), Some(80));
        assert_eq!(
            q.next_deadline(),
            Some(80),
            "the stale entry at 50 is skipped"
        );
        assert!(drain(&mut q, 79).is_empty());
        assert_eq!(drain(&mut q, 80).len(), 1);
        assert_eq!(q.deadline(t), None);
        q.arm(t, 90);
        q.cancel(t);
        assert_eq!(q.next_deadline(), None);
        assert_eq!(q.pending(), 0);
    }

    #[test]
    fn bottom_halves_run_once_per_schedule_and_one_shots_die() {
        let mut q = EventQueue::new();
        let once = q.new_bh(DEV, 1, BhKind::OneShot);
        let again = q.new_bh(DEV, 2, BhKind::Rearmable);
        q.schedule_bh(once, 10);
        q.schedule_bh(once, 10);
        q.schedule_bh(again, 10);
        assert_eq!(
            drain(&mut q, 10).len(),
            2,
            "a pending bottom half is not doubled"
        );
        q.schedule_bh(once, 20);
        q.schedule_bh(again, 20);
        let f = drain(&mut q, 20);
        assert_eq!(f.len(), 1);
        assert!(matches!(f[0], Fired::Bh { tag: 2, at: 20, .. }));
    }

    #[test]
    fn what_a_handler_schedules_at_the_current_tick_runs_in_the_same_drain_after_the_rest() {
        let mut q = EventQueue::new();
        let t = q.new_timer(DEV, 0);
        let u = q.new_timer(DEV, 1);
        let bh = q.new_bh(DEV, 9, BhKind::Rearmable);
        q.arm(t, 5);
        q.arm(u, 5);
        let first = q.pop_due(5).unwrap();
        assert!(matches!(first, Fired::Timer { tag: 0, .. }));
        q.schedule_bh(bh, 5);
        assert!(matches!(q.pop_due(5), Some(Fired::Timer { tag: 1, .. })));
        assert!(matches!(q.pop_due(5), Some(Fired::Bh { tag: 9, .. })));
        assert_eq!(q.pop_due(5), None);
    }

    #[test]
    fn a_timer_rearmed_ever_earlier_does_not_grow_the_heap() {
        let mut q = EventQueue::new();
        let t = q.new_timer(DEV, 0);
        for i in 0..10_000u64 {
            q.arm(t, 1_000_000 - i);
        }
        assert!(q.heap.len() < 200, "heap holds {} entries", q.heap.len());
        assert_eq!(q.pending(), 1);
        assert_eq!(q.next_deadline(), Some(1_000_000 - 9_999));
    }

    #[derive(Clone, Debug)]
    enum Op {
        Arm(usize, u64),
        Cancel(usize),
        Bh(usize),
        Advance(u64),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (0usize..6, 0u64..40).prop_map(|(t, d)| Op::Arm(t, d)),
            1 => (0usize..6).prop_map(Op::Cancel),
            2 => (0usize..3).prop_map(Op::Bh),
            3 => (0u64..30).prop_map(Op::Advance),
        ]
    }

    proptest! {
        /// Against a model that keeps every armed timer and pending bottom
        /// half in a list and fires the ones due sorted by (tick, order
        /// of scheduling).
        #[test]
        fn fires_exactly_like_a_sorted_list(ops in prop::collection::vec(op(), 1..80)) {
            let mut q = EventQueue::new();
            let timers: Vec<_> = (0..6).map(|i| q.new_timer(DEV, i)).collect();
            let bhs: Vec<_> = (0..3).map(|i| q.new_bh(DEV, 100 + i, BhKind::Rearmable)).collect();
            // Model: (tick, order, tag) of what is pending.
            let mut model: Vec<(u64, u64, u32)> = Vec::new();
            let (mut now, mut order) = (0u64, 0u64);
            for op in ops {
                match op {
                    Op::Arm(t, d) => {
                        model.retain(|m| m.2 != t as u32);
                        model.push((now + d, order, t as u32));
                        order += 1;
                        q.arm(timers[t], now + d);
                    }
                    Op::Cancel(t) => {
                        model.retain(|m| m.2 != t as u32);
                        q.cancel(timers[t]);
                    }
                    Op::Bh(b) => {
                        let tag = 100 + b as u32;
                        if !model.iter().any(|m| m.2 == tag) {
                            model.push((now, order, tag));
                            order += 1;
                        }
                        q.schedule_bh(bhs[b], now);
                    }
                    Op::Advance(d) => {
                        now += d;
                        model.sort();
                        let due: Vec<(u64, u32)> =
                            model.iter().filter(|m| m.0 <= now).map(|m| (m.0, m.2)).collect();
                        model.retain(|m| m.0 > now);
                        let got: Vec<(u64, u32)> = drain(&mut q, now)
                            .iter()
                            .map(|f| match *f {
                                Fired::Timer { at, tag, .. } | Fired::Bh { at, tag, .. } => (at, tag),
                                Fired::Completion { .. } => unreachable!(),
                            })
                            .collect();
                        prop_assert_eq!(got, due);
                        model.sort();
                        prop_assert_eq!(q.next_deadline(), model.first().map(|m| m.0));
                    }
                }
            }
        }
    }
}
