//! A `virt`-style board: QEMU virt's memory map (hw/arm/virt.c's
//! `base_memmap`, facts only), so software written for `qemu-system-arm
//! -M virt` finds RAM and its console where it expects them.
//!
//! So far: RAM at 0x4000_0000, the GICv2 (distributor 0x0800_0000, CPU
//! interface 0x0801_0000), the PL011 at 0x0900_0000, the PL031 RTC at
//! 0x0901_0000 (SPI 2, interrupt ID 34) and, Lockstep's
//! addition, an SP804 dual timer at 0x090c_0000 on SPI 10 (interrupt ID
//! 42), and 32 virtio-mmio transports from 0x0a00_0000 (SPIs 16-47). A
//! disk, when attached, is virtio-blk on the last transport (0x0a00_3e00,
//! interrupt ID 79), where QEMU puts its first `-device`.

use sim::machine::Board;
use sim::memory::{perm, Bus, GuestMemory};
use std::collections::VecDeque;

use crossbeam::channel::{Receiver, TryRecvError};
use sim::time::{DeviceId, EventQueue, Fired, TimerId, VirtualClock};

use crate::gic::Gic;
use crate::pl011::{Pl011, Serial};
use crate::pl031::Pl031;
use crate::sp804::Sp804;
use crate::virtio::blk::VirtioBlk;
use crate::virtio::{Transport, MMIO_BASE, MMIO_COUNT, MMIO_IRQ0, MMIO_STRIDE};

/// Base of RAM.
pub const RAM_BASE: u32 = 0x4000_0000;
pub const GIC_DIST: u32 = 0x0800_0000;
pub const GIC_CPU: u32 = 0x0801_0000;
/// The UART, and its interrupt ID (SPI 1).
pub const UART0: u32 = 0x0900_0000;
pub const UART_IRQ: u32 = 33;
/// How often the UART takes host input while its receiver is on, in
/// virtual ns (about one character time at 115200 baud).
const INPUT_POLL_NS: u64 = 100_000;
/// The real-time clock.
pub const RTC: u32 = 0x0901_0000;
/// The RTC's interrupt ID (SPI 2).
pub const RTC_IRQ: u32 = 34;
/// The dual timer (not in QEMU's virt).
pub const TIMER: u32 = 0x090c_0000;
/// The dual timer's interrupt ID (SPI 10).
pub const TIMER_IRQ: u32 = 42;
/// Size of one device's register window.
const WINDOW: u32 = 0x1000;
/// The transport a disk is attached to, and its interrupt ID.
pub const BLK_SLOT: u32 = MMIO_COUNT - 1;
pub const BLK_IRQ: u32 = MMIO_IRQ0 + BLK_SLOT;
const MMIO_END: u32 = MMIO_BASE + MMIO_COUNT * MMIO_STRIDE;

/// Owners of event-queue entries.
const DEV_TIMER: DeviceId = DeviceId(1);
const DEV_RTC: DeviceId = DeviceId(2);
const DEV_BLK: DeviceId = DeviceId(3);
const DEV_UART: DeviceId = DeviceId(4);

pub struct VirtBoard {
    pub queue: EventQueue,
    pub clock: VirtualClock,
    pub gic: Gic,
    pub uart: Pl011,
    pub rtc: Pl031,
    pub timer: Sp804,
    pub blk: Option<VirtioBlk>,
    /// What the transports without a device answer.
    empty: Transport,
    /// The UART's input: bytes from a backend (the binary's stdin
    /// thread, a test's script), taken at polls while the receiver is on.
    input: Option<Receiver<u8>>,
    /// Received from `input` but not yet in the FIFO (it was full, or the
    /// byte came while the core idled).
    held: VecDeque<u8>,
    input_poll: TimerId,
}

impl VirtBoard {
    /// A board with `ram` bytes of RAM mapped into `mem`, and its devices'
    /// register windows marked as IO. `epoch` is the RTC's reading at boot
    /// (seconds since 1970: an input of the run).
    pub fn new(
        mem: &mut GuestMemory,
        ram: u32,
        clock: VirtualClock,
        serial: Box<dyn Serial>,
        epoch: u32,
    ) -> Self {
        mem.map(RAM_BASE, ram, perm::RWX);
        for base in [GIC_DIST, GIC_CPU, UART0, RTC, TIMER] {
            mem.map_io(base, WINDOW);
        }
        mem.map_io(MMIO_BASE, MMIO_END - MMIO_BASE);
        let mut queue = EventQueue::new();
        let timer = Sp804::new(&mut queue, DEV_TIMER, clock);
        let rtc = Pl031::new(&mut queue, DEV_RTC, clock, epoch);
        let input_poll = queue.new_external_timer(DEV_UART, 0);
        VirtBoard {
            queue,
            clock,
            gic: Gic::new(),
            uart: Pl011::new(serial),
            rtc,
            timer,
            blk: None,
            empty: Transport::empty(),
            input: None,
            held: VecDeque::new(),
            input_poll,
        }
    }

    /// Connects the UART's receive side to `input`. Bytes enter the FIFO
    /// at polls every 100 us of virtual time while the guest has the
    /// receiver on; when they arrive depends on the host (so runs that
    /// read input are repeatable only through a recording, issue 6),
    /// except for input available from the start, as a test's.
    pub fn attach_input(&mut self, input: Receiver<u8>) {
        self.input = Some(input);
    }

    /// Moves input into the UART's FIFO and keeps polling while there is
    /// more to come.
    fn poll_input(&mut self, now: u64) {
        if !self.uart.receiving() {
            return;
        }
        let mut open = true;
        while self.uart.rx_room() > 0 {
            if let Some(b) = self.held.pop_front() {
                self.uart.receive(b);
                continue;
            }
            match self.input.as_ref().map(|i| i.try_recv()) {
                Some(Ok(b)) => {
                    self.uart.receive(b);
                }
                Some(Err(TryRecvError::Empty)) => break,
                Some(Err(TryRecvError::Disconnected)) | None => {
                    open = false;
                    break;
                }
            }
        }
        if open || !self.held.is_empty() {
            self.arm_input_poll(now);
        }
    }

    fn arm_input_poll(&mut self, now: u64) {
        if self.input.is_some() && self.queue.deadline(self.input_poll).is_none() {
            let at = now + self.clock.ticks_for(INPUT_POLL_NS);
            self.queue.arm(self.input_poll, at);
        }
    }

    /// Attaches a disk backed by `image` (virtio-blk on transport
    /// `BLK_SLOT`), through the legacy interface if `legacy` (QEMU virt's
    /// default) or the modern one. `jitter` is the test knob that delays
    /// its backend.
    pub fn attach_disk(
        &mut self,
        image: std::fs::File,
        legacy: bool,
        jitter: Option<sim::time::Jitter>,
    ) -> std::io::Result<()> {
        let blk = VirtioBlk::new(image, legacy, &mut self.queue, DEV_BLK, self.clock, jitter)?;
        self.blk = Some(blk);
        Ok(())
    }

    /// Carries the devices' interrupt outputs to the GIC's lines.
    fn update_lines(&mut self) {
        self.gic.set_line(TIMER_IRQ, self.timer.irq());
        self.gic.set_line(RTC_IRQ, self.rtc.irq());
        self.gic.set_line(UART_IRQ, self.uart.irq());
        if let Some(b) = &self.blk {
            self.gic.set_line(BLK_IRQ, b.irq());
        }
    }

    /// Whether `addr` (in the virtio-mmio range) is the disk's transport.
    fn is_blk(&self, addr: u32) -> bool {
        (addr - MMIO_BASE) / MMIO_STRIDE == BLK_SLOT && self.blk.is_some()
    }
}

impl Bus for VirtBoard {
    fn read(&mut self, now: u64, addr: u32, size: u32) -> Option<u64> {
        // Device registers are 32-bit (the GIC's byte-wide ones aside);
        // narrower reads of the others see the low bytes.
        if size > 4 {
            return None;
        }
        if (MMIO_BASE..MMIO_END).contains(&addr) {
            let off = addr & (MMIO_STRIDE - 1);
            let v = match &self.blk {
                Some(b) if self.is_blk(addr) => b.read(off, size),
                _ => self.empty.read(off & !3),
            };
            return Some(v as u64);
        }
        let off = addr & (WINDOW - 1);
        let v = match addr & !(WINDOW - 1) {
            GIC_DIST => self.gic.dist_read(off, size),
            GIC_CPU => self.gic.cpu_read(off & !3),
            UART0 => {
                // A data read can empty the FIFO and drop the interrupt.
                let v = self.uart.read(off & !3);
                self.update_lines();
                v
            }
            RTC => self.rtc.read(off & !3, now),
            TIMER => self.timer.read(off & !3, now),
            _ => None,
        };
        v.map(u64::from)
    }

    fn write(&mut self, now: u64, addr: u32, size: u32, value: u64) -> bool {
        if size > 4 {
            return false;
        }
        if (MMIO_BASE..MMIO_END).contains(&addr) {
            if self.is_blk(addr) {
                let off = addr & (MMIO_STRIDE - 1);
                if let Some(b) = &mut self.blk {
                    b.write(off, value as u32, &mut self.queue, now);
                }
                self.update_lines();
            }
            // Writes to empty transports are ignored, as on QEMU.
            return true;
        }
        let (off, v) = (addr & (WINDOW - 1), value as u32);
        let ok = match addr & !(WINDOW - 1) {
            GIC_DIST => self.gic.dist_write(off, size, v),
            GIC_CPU => self.gic.cpu_write(off & !3, v),
            UART0 => {
                let ok = self.uart.write(off & !3, v);
                if self.uart.receiving() {
                    self.arm_input_poll(now);
                }
                ok
            }
            RTC => self.rtc.write(off & !3, v, &mut self.queue, now),
            TIMER => self.timer.write(off & !3, v, &mut self.queue, now),
            _ => false,
        };
        self.update_lines();
        ok
    }
}

impl Board for VirtBoard {
    fn queue(&mut self) -> &mut EventQueue {
        &mut self.queue
    }

    fn fire(&mut self, fired: Fired, now: u64, mem: &mut GuestMemory) {
        match fired {
            Fired::Timer { owner, tag, .. } => match owner {
                DEV_TIMER => self.timer.expire(tag, &mut self.queue, now),
                DEV_RTC => self.rtc.matched(&mut self.queue, now),
                DEV_UART => self.poll_input(now),
                _ => {}
            },
            Fired::Bh { owner: DEV_BLK, .. } => {
                if let Some(b) = &mut self.blk {
                    b.process(mem, &mut self.queue, now);
                }
            }
            Fired::Completion {
                owner: DEV_BLK, id, ..
            } => {
                if let Some(b) = &mut self.blk {
                    b.complete(sim::time::RequestId(id), mem);
                }
            }
            _ => {}
        }
        self.update_lines();
    }

    fn irq(&self) -> bool {
        self.gic.irq()
    }

    /// A guest waiting only for UART input blocks the host until some
    /// comes (or the input ends), instead of spinning through polls; for
    /// at most 50 ms at a time, so that the machine still sees host-time
    /// limits (`--timeout`).
    fn idle(&mut self, _now: u64) {
        if self.input.is_none() {
            return;
        }
        let only_input =
            self.queue.pending() == 1 && self.queue.deadline(self.input_poll).is_some();
        if !only_input || !self.held.is_empty() {
            return;
        }
        if let Some(input) = &self.input {
            if let Ok(b) = input.recv_timeout(std::time::Duration::from_millis(50)) {
                self.held.push_back(b);
            }
        }
    }

    /// The generic timer's PPIs: 30 (non-secure physical), 27 (virtual),
    /// as QEMU's virt wires them.
    fn timer_lines(&mut self, phys: bool, virt: bool) {
        self.gic.set_line(30, phys);
        self.gic.set_line(27, virt);
    }

    fn clock(&self) -> VirtualClock {
        self.clock
    }
}
