//! ARM SP804 dual timer (ARM DDI 0271, "ARM Dual-Timer Module (SP804)
//! Technical Reference Manual"), clocked at 1 MHz of virtual time as on
//! the Versatile Express boards. Lockstep's virt board adds it (QEMU's
//! virt has none) so that bare-metal guests have a simple periodic timer.
//!
//! A counter is not stepped: it holds the value it had at a start tick,
//! and reads compute the current value from virtual time. Reaching zero
//! is an event-queue timer armed for the exact tick; nothing depends on
//! the host.

use sim::time::{DeviceId, EventQueue, TimerId, VirtualClock};

/// Register offsets of timer 1; timer 2's are 0x20 higher (DDI 0271 3.1).
pub mod reg {
    pub const LOAD: u32 = 0x00;
    pub const VALUE: u32 = 0x04;
    pub const CONTROL: u32 = 0x08;
    pub const INTCLR: u32 = 0x0c;
    pub const RIS: u32 = 0x10;
    pub const MIS: u32 = 0x14;
    pub const BGLOAD: u32 = 0x18;
    pub const PERIPH_ID0: u32 = 0xfe0;
}

/// TimerControl bits.
pub mod ctl {
    pub const ONESHOT: u32 = 1 << 0;
    pub const SIZE32: u32 = 1 << 1;
    pub const INTEN: u32 = 1 << 5;
    pub const PERIODIC: u32 = 1 << 6;
    pub const ENABLE: u32 = 1 << 7;
}

/// Counter clock: 1 MHz.
const NS_PER_COUNT: u64 = 1000;

const ID: [u32; 8] = [0x04, 0x18, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1];

/// One counter's guest-visible state.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CounterState {
    pub load: u32,
    pub control: u32,
    /// Raw interrupt status.
    pub ris: bool,
    /// The value at `since` (virtual ns) while enabled; the frozen value
    /// while disabled.
    pub value: u32,
    pub since: u64,
}

impl Default for CounterState {
    fn default() -> Self {
        CounterState {
            load: 0,
            // Reset value 0x20: IntEnable set, counter disabled.
            control: ctl::INTEN,
            ris: false,
            value: u32::MAX,
            since: 0,
        }
    }
}

impl CounterState {
    fn mask(&self) -> u64 {
        if self.control & ctl::SIZE32 != 0 {
            u32::MAX as u64
        } else {
            0xffff
        }
    }

    fn enabled(&self) -> bool {
        self.control & ctl::ENABLE != 0
    }

    /// The counter at virtual time `ns`.
    fn at(&self, ns: u64) -> u32 {
        if !self.enabled() {
            return self.value;
        }
        if ns < self.since {
            // The count at zero before a reload (see `Sp804::expire`).
            return 0;
        }
        let n = (ns - self.since) / NS_PER_COUNT;
        let v = self.value as u64 & self.mask();
        if n <= v {
            return (v - n) as u32;
        }
        // Past zero it wraps: to Load (periodic), to the top (free
        // running); a one-shot stops at zero, but `expire` handles that.
        let period = if self.control & ctl::PERIODIC != 0 {
            (self.load as u64 & self.mask()).max(1) + 1
        } else {
            self.mask() + 1
        };
        let top = period - 1;
        (top - (n - v - 1) % period) as u32
    }

    /// Virtual ns at which the counter next reaches zero. `since` is
    /// re-based at every zero and every register write, so that is
    /// `value` counts after `since` (a counter written as zero fires one
    /// count later).
    fn zero_at(&self) -> Option<u64> {
        if !self.enabled() {
            return None;
        }
        let v = self.value as u64 & self.mask();
        Some(self.since + v.max(1) * NS_PER_COUNT)
    }
}

pub struct Sp804 {
    pub counters: [CounterState; 2],
    timers: [TimerId; 2],
    clock: VirtualClock,
}

impl Sp804 {
    pub fn new(queue: &mut EventQueue, owner: DeviceId, clock: VirtualClock) -> Self {
        Sp804 {
            counters: Default::default(),
            timers: [queue.new_timer(owner, 0), queue.new_timer(owner, 1)],
            clock,
        }
    }

    /// The interrupt output (TIMINTC: either counter's masked interrupt).
    pub fn irq(&self) -> bool {
        self.counters
            .iter()
            .any(|c| c.ris && c.control & ctl::INTEN != 0)
    }

    fn rearm(&mut self, i: usize, queue: &mut EventQueue) {
        match self.counters[i].zero_at() {
            Some(z) => queue.arm(self.timers[i], self.clock.tick_at(z)),
            None => queue.cancel(self.timers[i]),
        }
    }

    /// Counter `tag` reached zero at tick `now`.
    pub fn expire(&mut self, tag: u32, queue: &mut EventQueue, now: u64) {
        let i = tag as usize;
        let ns = self.clock.ns(now);
        let c = &mut self.counters[i];
        c.ris = true;
        // Count from the zero crossing, not from `now` (which a tick
        // coarser than a count may have rounded up), so periods do not
        // drift. The counter stays at zero for one count, then reloads
        // (DDI 0271 2.2.2): a period is Load + 1 counts.
        let crossed = c.since + ((ns - c.since) / NS_PER_COUNT) * NS_PER_COUNT;
        if c.control & ctl::ONESHOT != 0 {
            c.value = 0;
            c.control &= !ctl::ENABLE;
        } else {
            c.value = if c.control & ctl::PERIODIC != 0 {
                c.load
            } else {
                c.mask() as u32
            };
            c.since = crossed + NS_PER_COUNT;
        }
        self.rearm(i, queue);
    }

    pub fn read(&self, offset: u32, now: u64) -> Option<u32> {
        if (reg::PERIPH_ID0..0x1000).contains(&offset) {
            return Some(ID[((offset - reg::PERIPH_ID0) / 4) as usize]);
        }
        let i = (offset / 0x20) as usize;
        let c = self.counters.get(i)?;
        let ns = self.clock.ns(now);
        Some(match offset % 0x20 {
            reg::LOAD | reg::BGLOAD => c.load,
            reg::VALUE => c.at(ns) & c.mask() as u32,
            reg::CONTROL => c.control,
            reg::RIS => c.ris as u32,
            reg::MIS => (c.ris && c.control & ctl::INTEN != 0) as u32,
            _ => return None,
        })
    }

    pub fn write(&mut self, offset: u32, v: u32, queue: &mut EventQueue, now: u64) -> bool {
        let i = (offset / 0x20) as usize;
        if i > 1 {
            return false;
        }
        let ns = self.clock.ns(now);
        let c = &mut self.counters[i];
        match offset % 0x20 {
            reg::LOAD => {
                c.load = v;
                c.value = v;
                c.since = ns;
            }
            reg::BGLOAD => c.load = v,
            reg::CONTROL => {
                let value = c.at(ns);
                c.control = v & 0xff;
                c.value = value;
                c.since = ns;
            }
            reg::INTCLR => c.ris = false,
            _ => return false,
        }
        self.rearm(i, queue);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim::time::Fired;

    const ME: DeviceId = DeviceId(5);

    /// Runs the queue to tick `until`, expiring counters; returns the
    /// ticks at which the interrupt was raised.
    fn run(t: &mut Sp804, q: &mut EventQueue, until: u64) -> Vec<u64> {
        let mut hits = Vec::new();
        while let Some(d) = q.next_deadline().filter(|&d| d <= until) {
            while let Some(f) = q.pop_due(d) {
                let Fired::Timer { tag, owner, .. } = f else {
                    unreachable!()
                };
                assert_eq!(owner, ME);
                t.expire(tag, q, d);
                hits.push(d);
                t.write(reg::INTCLR + 0x20 * tag, 0, q, d);
            }
        }
        hits
    }

    #[test]
    fn a_periodic_timer_fires_every_load_plus_one_counts_without_drift() {
        // Shift 3: 8 ns per tick, so 1 us (one count) is 125 ticks.
        let clock = VirtualClock::new(3).unwrap();
        let mut q = EventQueue::new();
        let mut t = Sp804::new(&mut q, ME, clock);
        t.write(reg::LOAD, 99, &mut q, 0);
        t.write(
            reg::CONTROL,
            ctl::ENABLE | ctl::PERIODIC | ctl::INTEN | ctl::SIZE32,
            &mut q,
            0,
        );
        assert_eq!(t.read(reg::VALUE, 125 * 10), Some(89));
        let hits = run(&mut t, &mut q, 125 * 1000);
        // First after 99 counts, then every 100 (zero counts as one).
        assert_eq!(hits[0], 125 * 99);
        assert!(
            hits.windows(2).all(|w| w[1] - w[0] == 125 * 100),
            "{hits:?}"
        );
        assert_eq!(hits.len(), 10);
    }

    #[test]
    fn a_one_shot_fires_once_and_stops_at_zero() {
        let clock = VirtualClock::new(0).unwrap();
        let mut q = EventQueue::new();
        let mut t = Sp804::new(&mut q, ME, clock);
        t.write(0x20 + reg::LOAD, 5, &mut q, 0);
        t.write(
            0x20 + reg::CONTROL,
            ctl::ENABLE | ctl::ONESHOT | ctl::INTEN | ctl::SIZE32,
            &mut q,
            0,
        );
        let hits = run(&mut t, &mut q, 100_000);
        assert_eq!(hits, [5000]);
        assert_eq!(t.read(0x20 + reg::VALUE, 90_000), Some(0));
        assert_eq!(t.read(0x20 + reg::CONTROL, 0).unwrap() & ctl::ENABLE, 0);
    }
}
