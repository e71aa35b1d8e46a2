//! A `virt`-style board: QEMU virt's memory map (hw/arm/virt.c's
//! `base_memmap`, facts only), so software written for `qemu-system-arm
//! -M virt` finds RAM and its console where it expects them.
//!
//! So far: RAM at 0x4000_0000 and the PL011 at 0x0900_0000. The GIC,
//! timers, RTC and virtio-mmio follow (issue 5).

use sim::machine::Board;
use sim::memory::{perm, Bus, GuestMemory};
use sim::time::{EventQueue, Fired, VirtualClock};

use crate::pl011::{Pl011, Serial};

/// Base of RAM.
pub const RAM_BASE: u32 = 0x4000_0000;
/// The UART.
pub const UART0: u32 = 0x0900_0000;
/// Size of one device's register window.
const WINDOW: u32 = 0x1000;

pub struct VirtBoard {
    pub queue: EventQueue,
    pub clock: VirtualClock,
    pub uart: Pl011,
}

impl VirtBoard {
    /// A board with `ram` bytes of RAM mapped into `mem`, and its devices'
    /// register windows marked as IO.
    pub fn new(
        mem: &mut GuestMemory,
        ram: u32,
        clock: VirtualClock,
        serial: Box<dyn Serial>,
    ) -> Self {
        mem.map(RAM_BASE, ram, perm::RWX);
        mem.map_io(UART0, WINDOW);
        VirtBoard {
            queue: EventQueue::new(),
            clock,
            uart: Pl011::new(serial),
        }
    }
}

impl Bus for VirtBoard {
    fn read(&mut self, _now: u64, addr: u32, size: u32) -> Option<u64> {
        // Device registers are 32-bit; narrower reads see the low bytes.
        if size > 4 {
            return None;
        }
        match addr & !(WINDOW - 1) {
            UART0 => self.uart.read(addr & (WINDOW - 1) & !3).map(u64::from),
            _ => None,
        }
    }

    fn write(&mut self, _now: u64, addr: u32, size: u32, value: u64) -> bool {
        if size > 4 {
            return false;
        }
        match addr & !(WINDOW - 1) {
            UART0 => self.uart.write(addr & (WINDOW - 1) & !3, value as u32),
            _ => false,
        }
    }
}

impl Board for VirtBoard {
    fn queue(&mut self) -> &mut EventQueue {
        &mut self.queue
    }

    fn fire(&mut self, _fired: Fired, _now: u64) {}

    fn irq(&self) -> bool {
        false
    }

    fn clock_ns(&self, now: u64) -> u64 {
        self.clock.ns(now)
    }

    fn tick_hz(&self) -> u64 {
        self.clock.tick_hz()
    }
}
