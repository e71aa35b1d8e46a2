//! ARM PrimeCell RTC (PL031, ARM DDI 0224): a seconds counter with a
//! match interrupt, at QEMU virt's 0x0901_0000.
//!
//! The counter is seconds of virtual time since boot plus a base that the
//! host side supplies once, at reset (`WallClock`): the reading of the
//! host's clock is an input, so the guest sees only what the run was
//! given (a fixed epoch unless the user asks for the host's time; a
//! recording will log it, issue 6). A match is an event-queue timer at
//! the exact tick the counter reaches RTCMR.

use sim::time::{DeviceId, EventQueue, TimerId, VirtualClock};

/// Register offsets (DDI 0224 3.2).
pub mod reg {
    pub const DR: u32 = 0x00;
    pub const MR: u32 = 0x04;
    pub const LR: u32 = 0x08;
    pub const CR: u32 = 0x0c;
    pub const IMSC: u32 = 0x10;
    pub const RIS: u32 = 0x14;
    pub const MIS: u32 = 0x18;
    pub const ICR: u32 = 0x1c;
    pub const PERIPH_ID0: u32 = 0xfe0;
}

const ID: [u32; 8] = [0x31, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1];
const NS: u64 = 1_000_000_000;

/// Guest-visible state, as plain data.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Pl031State {
    /// The counter read `base` at virtual time `base_ns`.
    pub base: u32,
    pub base_ns: u64,
    pub mr: u32,
    pub imsc: bool,
    pub ris: bool,
}

pub struct Pl031 {
    pub state: Pl031State,
    timer: TimerId,
    clock: VirtualClock,
}

impl Pl031 {
    /// `epoch`: seconds since the Unix epoch at boot (an input).
    pub fn new(queue: &mut EventQueue, owner: DeviceId, clock: VirtualClock, epoch: u32) -> Self {
        Pl031 {
            state: Pl031State {
                base: epoch,
                ..Default::default()
            },
            timer: queue.new_timer(owner, 0),
            clock,
        }
    }

    fn count(&self, ns: u64) -> u32 {
        let s = &self.state;
        s.base.wrapping_add(((ns - s.base_ns) / NS) as u32)
    }

    pub fn irq(&self) -> bool {
        self.state.ris && self.state.imsc
    }

    /// Arms the match for the next time the counter equals RTCMR.
    fn rearm(&mut self, queue: &mut EventQueue, ns: u64) {
        let s = &self.state;
        let ahead = s.mr.wrapping_sub(self.count(ns)) as u64;
        let ahead = if ahead == 0 { 1 << 32 } else { ahead };
        // The second boundaries fall at base_ns + k * NS.
        let into = (ns - s.base_ns) % NS;
        let at = ns - into + ahead * NS;
        queue.arm(self.timer, self.clock.tick_at(at));
    }

    /// The counter reached the match value at tick `now`.
    pub fn matched(&mut self, queue: &mut EventQueue, now: u64) {
        self.state.ris = true;
        self.rearm(queue, self.clock.ns(now));
    }

    pub fn read(&self, offset: u32, now: u64) -> Option<u32> {
        let s = &self.state;
        Some(match offset {
            reg::DR => self.count(self.clock.ns(now)),
            reg::MR => s.mr,
            reg::LR => s.base,
            reg::CR => 1,
            reg::IMSC => s.imsc as u32,
            reg::RIS => s.ris as u32,
            reg::MIS => self.irq() as u32,
            o if (reg::PERIPH_ID0..0x1000).contains(&o) => ID[((o - reg::PERIPH_ID0) / 4) as usize],
            _ => return None,
        })
    }

    pub fn write(&mut self, offset: u32, v: u32, queue: &mut EventQueue, now: u64) -> bool {
        let ns = self.clock.ns(now);
        let s = &mut self.state;
        match offset {
            reg::MR => s.mr = v,
            reg::LR => {
                s.base = v;
                s.base_ns = ns;
            }
            // The counter always runs (RTCCR reads 1; writing 0 is ignored
            // by QEMU's model as well).
            reg::CR => {}
            reg::IMSC => s.imsc = v & 1 != 0,
            // Writing 1 clears the interrupt (DDI 0224 3.3.8).
            reg::ICR => s.ris &= v & 1 == 0,
            _ => return false,
        }
        self.rearm(queue, ns);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim::time::Fired;

    #[test]
    fn counts_virtual_seconds_from_its_epoch_and_matches_on_time() {
        let clock = VirtualClock::new(0).unwrap(); // 1 ns a tick
        let mut q = EventQueue::new();
        let mut rtc = Pl031::new(&mut q, DeviceId(2), clock, 1_000);
        assert_eq!(rtc.read(reg::DR, 0), Some(1_000));
        assert_eq!(rtc.read(reg::DR, 2_500_000_000), Some(1_002));
        rtc.write(reg::MR, 1_005, &mut q, 2_500_000_000);
        rtc.write(reg::IMSC, 1, &mut q, 2_500_000_000);
        let d = q.next_deadline().unwrap();
        assert_eq!(d, 5 * NS, "at the second the counter reads 1005");
        assert!(matches!(q.pop_due(d), Some(Fired::Timer { .. })));
        rtc.matched(&mut q, d);
        assert!(rtc.irq());
        rtc.write(reg::ICR, 2, &mut q, d);
        assert!(rtc.irq(), "only bit 0 clears");
        rtc.write(reg::ICR, 1, &mut q, d);
        assert!(!rtc.irq());
        // Loading the counter restarts its seconds there.
        rtc.write(reg::LR, 50, &mut q, d + 300);
        assert_eq!(rtc.read(reg::DR, d + 300 + NS), Some(51));
        assert_eq!(rtc.read(reg::PERIPH_ID0, 0), Some(0x31));
    }
}
