//! The three clocks of the design (`../shared/design.md`, "Three clocks").
//!
//! - `Virtual`: derived from guest ticks, `ns = ticks << shift`. Everything
//!   that changes guest state reads this one.
//! - `Realtime`: the host's clock. Only for what the guest never sees
//!   (progress, statistics, rate limits); `sim` cannot read it itself, so
//!   the binary injects a `HostClock`.
//! - `VirtualExternal`: advances with guest execution but is not
//!   deterministic (a backend outside the replayed guest, such as a host
//!   console); what it hands the guest must enter as a recorded input.
//!   Its timers are queue timers made with `new_external_timer`, whose
//!   firings say so (the UART's input polls).

/// Which clock a timer or a reading is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockKind {
    Virtual,
    Realtime,
    VirtualExternal,
}

/// The host's clocks, implemented by the binary (`sim` does no host I/O).
pub trait HostClock: Send {
    /// Monotonic nanoseconds since an arbitrary start.
    fn monotonic_ns(&self) -> u64;
    /// Nanoseconds since the Unix epoch.
    fn wall_ns(&self) -> u64;
}

/// Virtual time from guest ticks: one tick is `2^shift` ns (QEMU's
/// `-icount shift=N`), so shift 0 is a 1 GHz guest, shift 3 is 125 MHz.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VirtualClock {
    pub shift: u32,
}

impl VirtualClock {
    /// Largest shift accepted, as QEMU's `-icount shift`: a tick of
    /// 1024 ns.
    pub const MAX_SHIFT: u32 = 10;

    pub fn new(shift: u32) -> Option<Self> {
        (shift <= Self::MAX_SHIFT).then_some(VirtualClock { shift })
    }

    /// Virtual nanoseconds at `ticks` (saturating at `u64::MAX`).
    pub fn ns(self, ticks: u64) -> u64 {
        ticks
            .checked_shl(self.shift)
            .filter(|v| v >> self.shift == ticks)
            .unwrap_or(u64::MAX)
    }

    /// The first tick at which virtual time has reached `ns`: a timer set
    /// for `ns` fires there, never early.
    pub fn tick_at(self, ns: u64) -> u64 {
        let mask = (1u64 << self.shift) - 1;
        (ns >> self.shift) + u64::from(ns & mask != 0)
    }

    /// Ticks for a duration of `ns` (rounded up, so a nonzero delay is
    /// never zero ticks).
    pub fn ticks_for(self, ns: u64) -> u64 {
        self.tick_at(ns)
    }

    /// Frequency of a counter that advances one per tick (the generic
    /// timer's CNTFRQ when it counts ticks), in Hz.
    pub fn tick_hz(self) -> u64 {
        1_000_000_000 >> self.shift
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timer_never_fires_before_its_time() {
        for shift in [0, 1, 3, 10] {
            let c = VirtualClock::new(shift).unwrap();
            for ns in [0u64, 1, 7, 8, 9, 1000, 123_456_789] {
                let t = c.tick_at(ns);
                assert!(c.ns(t) >= ns, "shift {shift} ns {ns}");
                if t > 0 {
                    assert!(c.ns(t - 1) < ns, "shift {shift} ns {ns}: tick {t} is late");
                }
            }
        }
    }

    #[test]
    fn shifts_beyond_qemus_are_refused_and_ns_saturates() {
        assert!(VirtualClock::new(11).is_none());
        let c = VirtualClock::new(10).unwrap();
        assert_eq!(c.ns(u64::MAX >> 5), u64::MAX);
        assert_eq!(c.ns(5), 5120);
        assert_eq!(VirtualClock::new(3).unwrap().tick_hz(), 125_000_000);
    }
}
