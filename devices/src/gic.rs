//! GICv2 distributor and CPU interface for one core (ARM IHI 0048B, "ARM
//! Generic Interrupt Controller Architecture Specification v2"), without
//! the Security Extensions: enable, pending, active, priority, level and
//! edge configuration, the priority mask and running priority (so a
//! higher-priority interrupt preempts a lower one's handler), SGIs.
//!
//! Device lines come in through `set_line`; the core's IRQ output is
//! `irq()`. Everything is plain data and changes only on a register
//! access or a line change, both at deterministic ticks.

/// Interrupt IDs modelled: 16 SGIs, 16 PPIs and 96 SPIs.
pub const IRQS: usize = 128;
/// What GICC_IAR returns when nothing is pending.
pub const SPURIOUS: u32 = 1023;

/// Distributor register offsets (IHI 0048B table 4-1).
pub mod dist {
    pub const CTLR: u32 = 0x000;
    pub const TYPER: u32 = 0x004;
    pub const IIDR: u32 = 0x008;
    pub const ISENABLER: u32 = 0x100;
    pub const ICENABLER: u32 = 0x180;
    pub const ISPENDR: u32 = 0x200;
    pub const ICPENDR: u32 = 0x280;
    pub const ISACTIVER: u32 = 0x300;
    pub const ICACTIVER: u32 = 0x380;
    pub const IPRIORITYR: u32 = 0x400;
    pub const ITARGETSR: u32 = 0x800;
    pub const ICFGR: u32 = 0xc00;
    pub const SGIR: u32 = 0xf00;
}

/// CPU interface register offsets (IHI 0048B table 4-2).
pub mod cpu {
    pub const CTLR: u32 = 0x00;
    pub const PMR: u32 = 0x04;
    pub const BPR: u32 = 0x08;
    pub const IAR: u32 = 0x0c;
    pub const EOIR: u32 = 0x10;
    pub const RPR: u32 = 0x14;
    pub const HPPIR: u32 = 0x18;
    pub const IIDR: u32 = 0xfc;
}

/// The guest-visible state, as plain data.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GicState {
    pub dist_enabled: bool,
    pub cpu_enabled: bool,
    pub pmr: u8,
    pub bpr: u8,
    pub enabled: Vec<bool>,
    /// Latched pending state (edge interrupts, SGIs, GICD_ISPENDR).
    pub pending: Vec<bool>,
    pub active: Vec<bool>,
    pub priority: Vec<u8>,
    /// Edge-triggered (ICFGR bit 1 of the pair).
    pub edge: Vec<bool>,
    /// Input line levels from the devices.
    pub line: Vec<bool>,
    /// Priorities of the interrupts acknowledged and not yet ended,
    /// innermost last: the running priority is the last one's.
    pub running: Vec<(u32, u8)>,
}

impl Default for GicState {
    fn default() -> Self {
        let mut edge = vec![false; IRQS];
        // SGIs are edge-triggered.
        edge[..16].fill(true);
        GicState {
            dist_enabled: false,
            cpu_enabled: false,
            pmr: 0,
            bpr: 2,
            enabled: vec![false; IRQS],
            pending: vec![false; IRQS],
            active: vec![false; IRQS],
            priority: vec![0; IRQS],
            edge,
            line: vec![false; IRQS],
            running: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gic {
    pub state: GicState,
}

impl Gic {
    pub fn new() -> Self {
        Self::default()
    }

    fn is_pending(&self, id: usize) -> bool {
        let s = &self.state;
        s.pending[id] || (!s.edge[id] && s.line[id])
    }

    /// A device's line `id` changes level. An edge interrupt latches
    /// pending on a rising edge; a level one is pending while high.
    pub fn set_line(&mut self, id: u32, level: bool) {
        let id = id as usize;
        let s = &mut self.state;
        if s.edge[id] && level && !s.line[id] {
            s.pending[id] = true;
        }
        s.line[id] = level;
    }

    fn running_priority(&self) -> u8 {
        self.state.running.last().map_or(0xff, |r| r.1)
    }

    /// The highest-priority pending, enabled, inactive interrupt that the
    /// priority mask and the running priority let through (lowest ID on
    /// a tie).
    fn best(&self) -> Option<(u32, u8)> {
        let s = &self.state;
        if !s.dist_enabled {
            return None;
        }
        let mut best: Option<(u32, u8)> = None;
        for id in 0..IRQS {
            if s.enabled[id] && !s.active[id] && self.is_pending(id) {
                let p = s.priority[id];
                if best.is_none_or(|b| p < b.1) {
                    best = Some((id as u32, p));
                }
            }
        }
        best.filter(|b| b.1 < s.pmr && b.1 < self.running_priority())
    }

    /// The core's IRQ input.
    pub fn irq(&self) -> bool {
        self.state.cpu_enabled && self.best().is_some()
    }

    fn bits(v: &[bool], word: usize) -> u32 {
        (0..32).fold(0, |m, i| m | (v[word * 32 + i] as u32) << i)
    }

    fn set_bits(v: &mut [bool], word: usize, mask: u32, to: bool) {
        for i in 0..32 {
            if mask & (1 << i) != 0 {
                v[word * 32 + i] = to;
            }
        }
    }

    pub fn dist_read(&self, off: u32, size: u32) -> Option<u32> {
        let s = &self.state;
        let word = ((off & 0x7f) / 4) as usize;
        let in_range = |base: u32| off >= base && off < base + (IRQS as u32 / 8);
        Some(match off {
            dist::CTLR => s.dist_enabled as u32,
            dist::TYPER => (IRQS as u32 / 32) - 1,
            dist::IIDR => 0x0200_043b,
            _ if in_range(dist::ISENABLER) || in_range(dist::ICENABLER) => {
                Self::bits(&s.enabled, word)
            }
            _ if in_range(dist::ISPENDR) || in_range(dist::ICPENDR) => {
                (0..32).fold(0, |m, i| m | (self.is_pending(word * 32 + i) as u32) << i)
            }
            _ if in_range(dist::ISACTIVER) || in_range(dist::ICACTIVER) => {
                Self::bits(&s.active, word)
            }
            o if (dist::IPRIORITYR..dist::IPRIORITYR + IRQS as u32).contains(&o) => {
                let i = (o - dist::IPRIORITYR) as usize;
                (0..size as usize).fold(0, |m, k| m | (s.priority[i + k] as u32) << (8 * k))
            }
            // One core: every interrupt targets CPU 0.
            o if (dist::ITARGETSR..dist::ITARGETSR + IRQS as u32).contains(&o) => {
                (0..size).fold(0, |m, k| m | 1 << (8 * k))
            }
            o if (dist::ICFGR..dist::ICFGR + IRQS as u32 / 4).contains(&o) => {
                let first = ((o - dist::ICFGR) * 4) as usize;
                (0..16).fold(0, |m, k| m | ((s.edge[first + k] as u32) << (2 * k + 1)))
            }
            _ => return None,
        })
    }

    pub fn dist_write(&mut self, off: u32, size: u32, v: u32) -> bool {
        let s = &mut self.state;
        let word = ((off & 0x7f) / 4) as usize;
        let in_range = |base: u32| off >= base && off < base + (IRQS as u32 / 8);
        match off {
            dist::CTLR => s.dist_enabled = v & 1 != 0,
            _ if in_range(dist::ISENABLER) => Self::set_bits(&mut s.enabled, word, v, true),
            _ if in_range(dist::ICENABLER) => Self::set_bits(&mut s.enabled, word, v, false),
            _ if in_range(dist::ISPENDR) => Self::set_bits(&mut s.pending, word, v, true),
            _ if in_range(dist::ICPENDR) => Self::set_bits(&mut s.pending, word, v, false),
            _ if in_range(dist::ISACTIVER) => Self::set_bits(&mut s.active, word, v, true),
            _ if in_range(dist::ICACTIVER) => Self::set_bits(&mut s.active, word, v, false),
            o if (dist::IPRIORITYR..dist::IPRIORITYR + IRQS as u32).contains(&o) => {
                let i = (o - dist::IPRIORITYR) as usize;
                for k in 0..size as usize {
                    s.priority[i + k] = (v >> (8 * k)) as u8;
                }
            }
            o if (dist::ITARGETSR..dist::ITARGETSR + IRQS as u32).contains(&o) => {}
            o if (dist::ICFGR..dist::ICFGR + IRQS as u32 / 4).contains(&o) => {
                let first = ((o - dist::ICFGR) * 4) as usize;
                // SGIs stay edge-triggered (their field is read-only).
                for k in 0..16 {
                    if first + k >= 16 {
                        s.edge[first + k] = v >> (2 * k + 1) & 1 != 0;
                    }
                }
            }
            dist::SGIR => {
                // Target list filter 0 (the list) or 2 (this core) reach
                // the only core; 1 (all others) reaches none.
                let (filter, list, id) = (v >> 24 & 3, v >> 16 & 0xff, (v & 0xf) as usize);
                if filter == 2 || (filter == 0 && list & 1 != 0) {
                    s.pending[id] = true;
                }
            }
            _ => return false,
        }
        true
    }

    pub fn cpu_read(&mut self, off: u32) -> Option<u32> {
        let s = &self.state;
        Some(match off {
            cpu::CTLR => s.cpu_enabled as u32,
            cpu::PMR => s.pmr as u32,
            cpu::BPR => s.bpr as u32,
            cpu::IAR => self.acknowledge(),
            cpu::RPR => self.running_priority() as u32,
            cpu::HPPIR => self.best().map_or(SPURIOUS, |b| b.0),
            cpu::IIDR => 0x0202_043b,
            _ => return None,
        })
    }

    pub fn cpu_write(&mut self, off: u32, v: u32) -> bool {
        let s = &mut self.state;
        match off {
            cpu::CTLR => s.cpu_enabled = v & 1 != 0,
            cpu::PMR => s.pmr = v as u8,
            cpu::BPR => s.bpr = (v & 7) as u8,
            cpu::EOIR => self.end(v & 0x3ff),
            _ => return false,
        }
        true
    }

    /// GICC_IAR: the best interrupt becomes active (its latched pending
    /// state clears; a level line stays pending while high).
    fn acknowledge(&mut self) -> u32 {
        if !self.state.cpu_enabled {
            return SPURIOUS;
        }
        let Some((id, p)) = self.best() else {
            return SPURIOUS;
        };
        let s = &mut self.state;
        s.pending[id as usize] = false;
        s.active[id as usize] = true;
        s.running.push((id, p));
        id
    }

    /// GICC_EOIR: priority drop and deactivation of `id`.
    fn end(&mut self, id: u32) {
        let s = &mut self.state;
        if let Some(i) = s.running.iter().rposition(|r| r.0 == id) {
            s.running.remove(i);
            s.active[id as usize] = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ready() -> Gic {
        let mut g = Gic::new();
        g.dist_write(dist::CTLR, 4, 1);
        g.cpu_write(cpu::CTLR, 1);
        g.cpu_write(cpu::PMR, 0xf0);
        g
    }

    #[test]
    fn a_level_line_interrupts_until_acknowledged_and_ended() {
        let mut g = ready();
        g.set_line(40, true);
        assert!(!g.irq(), "not enabled yet");
        g.dist_write(dist::ISENABLER + 4, 4, 1 << 8);
        assert!(g.irq());
        assert_eq!(g.cpu_read(cpu::HPPIR), Some(40));
        assert_eq!(g.cpu_read(cpu::IAR), Some(40));
        assert!(!g.irq(), "active: not signalled again");
        g.set_line(40, false);
        g.cpu_write(cpu::EOIR, 40);
        assert!(!g.irq());
        assert_eq!(g.cpu_read(cpu::IAR), Some(SPURIOUS));
    }

    #[test]
    fn a_higher_priority_interrupt_preempts_a_running_one_and_not_the_reverse() {
        let mut g = ready();
        g.dist_write(dist::ISENABLER + 4, 4, 0b11);
        g.dist_write(dist::IPRIORITYR + 32, 1, 0xa0);
        g.dist_write(dist::IPRIORITYR + 33, 1, 0x40);
        g.set_line(32, true);
        assert_eq!(g.cpu_read(cpu::IAR), Some(32));
        assert_eq!(g.cpu_read(cpu::RPR), Some(0xa0));
        g.set_line(33, true);
        assert!(g.irq(), "0x40 beats the running 0xa0");
        assert_eq!(g.cpu_read(cpu::IAR), Some(33));
        g.set_line(32, false);
        g.dist_write(dist::ISPENDR + 4, 4, 1);
        assert!(!g.irq(), "32 is still active, and 0xa0 does not beat 0x40");
        g.cpu_write(cpu::EOIR, 33);
        g.set_line(33, false);
        assert_eq!(g.cpu_read(cpu::RPR), Some(0xa0));
        g.cpu_write(cpu::EOIR, 32);
        assert!(g.irq(), "32's latched pending bit is now taken");
        assert!(g.cpu_read(cpu::IAR) == Some(32));
    }

    #[test]
    fn edge_lines_latch_and_sgis_are_sent_to_this_core() {
        let mut g = ready();
        g.dist_write(dist::ICFGR + 8, 4, 0b10); // ID 32 edge-triggered
        g.dist_write(dist::ISENABLER + 4, 4, 1);
        g.set_line(32, true);
        g.set_line(32, false);
        assert!(g.irq(), "the rising edge was latched");
        g.dist_write(dist::ISENABLER, 4, 1 << 3);
        g.dist_write(dist::SGIR, 4, 2 << 24 | 3);
        assert_eq!(
            g.cpu_read(cpu::IAR),
            Some(3),
            "SGI 3, lowest ID wins the tie"
        );
        assert_eq!(g.dist_read(dist::TYPER, 4), Some(3));
        assert_eq!(g.dist_read(dist::ITARGETSR + 40, 4), Some(0x0101_0101));
    }
}
