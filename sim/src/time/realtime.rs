//! Timers on the `Realtime` clock (the host's): for what the guest never
//! sees, such as a run's wall-clock timeout. They live outside the event
//! queue, which only guest time may drive, and whoever owns them polls
//! them with a `HostClock` reading between engine runs; so nothing they
//! do can change what the guest computes, only when a run is stopped.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

#[derive(Clone, Debug, Default)]
pub struct RealtimeTimers {
    /// (deadline in host ns, sequence, tag), earliest first.
    heap: BinaryHeap<Reverse<(u64, u64, u32)>>,
    seq: u64,
}

impl RealtimeTimers {
    pub fn new() -> Self {
        Self::default()
    }

    /// A timer at host time `at_ns` (`HostClock::monotonic_ns`) that comes
    /// back as `tag`.
    pub fn arm(&mut self, at_ns: u64, tag: u32) {
        self.heap.push(Reverse((at_ns, self.seq, tag)));
        self.seq += 1;
    }

    /// Removes every timer tagged `tag`.
    pub fn cancel(&mut self, tag: u32) {
        self.heap.retain(|Reverse((_, _, t))| *t != tag);
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    /// Whether a timer is due at host time `now_ns` (none removed).
    pub fn due(&self, now_ns: u64) -> bool {
        self.heap
            .peek()
            .is_some_and(|Reverse((at, _, _))| *at <= now_ns)
    }

    /// The tag of the earliest timer due at host time `now_ns`, removed.
    pub fn pop_due(&mut self, now_ns: u64) -> Option<u32> {
        let Reverse((at, _, tag)) = *self.heap.peek()?;
        if at > now_ns {
            return None;
        }
        self.heap.pop();
        Some(tag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timers_come_due_in_deadline_then_arming_order() {
        let mut t = RealtimeTimers::new();
        t.arm(50, 1);
        t.arm(10, 2);
        t.arm(50, 3);
        assert_eq!(t.pop_due(9), None);
        assert_eq!(t.pop_due(10), Some(2));
        assert_eq!(t.pop_due(49), None);
        assert_eq!(t.pop_due(60), Some(1));
        assert_eq!(t.pop_due(60), Some(3));
        assert!(t.is_empty());
    }
}
