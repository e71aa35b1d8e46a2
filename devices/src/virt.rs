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
use serde::{Deserialize, Serialize};

use crate::gic::GicState;
use crate::pl011::Pl011State;
use crate::pl031::Pl031State;
use crate::sp804::CounterState;
use crate::virtio::blk::BlkState;
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

/// Where the UART's input comes from: the host (`LiveInput`), a
/// recording being replayed, or either of those with a recorder in
/// between (the binary's `record`).
pub trait InputFeed: Send {
    /// The bytes, at most `room`, that enter the FIFO at the poll at tick
    /// `now`, and whether more input may come later.
    fn poll(&mut self, now: u64, room: usize) -> (Vec<u8>, bool);
    /// The core waits for nothing but input: block up to `timeout` for
    /// some to arrive (a feed that knows its future returns at once).
    fn wait(&mut self, _timeout: std::time::Duration) {}
}

/// Input from a host thread (stdin, a test's script). When bytes arrive
/// depends on the host, so runs reading it repeat only through a
/// recording, except for input all there from the start.
pub struct LiveInput {
    rx: Receiver<u8>,
    /// Received but not yet delivered (the FIFO was full, or it came
    /// while the core idled).
    held: VecDeque<u8>,
}

impl LiveInput {
    pub fn new(rx: Receiver<u8>) -> Self {
        LiveInput {
            rx,
            held: VecDeque::new(),
        }
    }
}

impl InputFeed for LiveInput {
    fn poll(&mut self, _now: u64, room: usize) -> (Vec<u8>, bool) {
        let mut out = Vec::new();
        let mut open = true;
        while out.len() < room {
            if let Some(b) = self.held.pop_front() {
                out.push(b);
                continue;
            }
            match self.rx.try_recv() {
                Ok(b) => out.push(b),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    open = false;
                    break;
                }
            }
        }
        (out, open || !self.held.is_empty())
    }

    fn wait(&mut self, timeout: std::time::Duration) {
        if self.held.is_empty() {
            if let Ok(b) = self.rx.recv_timeout(timeout) {
                self.held.push_back(b);
            }
        }
    }
}

/// The board's state in a snapshot: each device's own struct, and the
/// event queue (which holds every device's timers).
#[derive(Serialize, Deserialize)]
struct VirtState {
    queue: EventQueue,
    gic: GicState,
    uart: Pl011State,
    rtc: Pl031State,
    timer: [CounterState; 2],
    blk: Option<BlkState>,
}

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
    /// The UART's input, taken at polls while the receiver is on.
    input: Option<Box<dyn InputFeed>>,
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
            input_poll,
        }
    }

    /// Connects the UART's receive side to `input`. Bytes enter the FIFO
    /// at polls every 100 us of virtual time while the guest has the
    /// receiver on; when they arrive depends on the host (so runs that
    /// read input are repeatable only through a recording, issue 6),
    /// except for input available from the start, as a test's.
    pub fn attach_input(&mut self, input: Receiver<u8>) {
        self.input = Some(Box::new(LiveInput::new(input)));
    }

    /// Connects the UART's receive side to `feed` (a recorder or a
    /// replay's script; `attach_input` for plain host input).
    pub fn attach_feed(&mut self, feed: Box<dyn InputFeed>) {
        self.input = Some(feed);
    }

    /// Moves input into the UART's FIFO and keeps polling while there is
    /// more to come.
    fn poll_input(&mut self, now: u64) {
        if !self.uart.receiving() {
            return;
        }
        let room = self.uart.rx_room();
        let Some(feed) = &mut self.input else {
            return;
        };
        let (bytes, open) = feed.poll(now, room);
        for b in bytes {
            self.uart.receive(b);
        }
        if open {
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
        if !only_input {
            return;
        }
        if let Some(feed) = &mut self.input {
            feed.wait(std::time::Duration::from_millis(50));
        }
    }

    fn save(&mut self) -> Result<serde_json::Value, String> {
        let blk = match &mut self.blk {
            Some(b) => Some(
                b.save()
                    .map_err(|e| format!("cannot read the disk image's written sectors: {e}"))?,
            ),
            None => None,
        };
        let state = VirtState {
            queue: self.queue.clone(),
            gic: self.gic.state.clone(),
            uart: self.uart.state.clone(),
            rtc: self.rtc.state.clone(),
            timer: self.timer.counters.clone(),
            blk,
        };
        serde_json::to_value(state).map_err(|e| e.to_string())
    }

    fn restore(&mut self, state: &serde_json::Value) -> Result<(), String> {
        let s = VirtState::deserialize(state).map_err(|e| format!("virt board: {e}"))?;
        // Nothing is replaced unless everything fits this board: a
        // snapshot of another board (or another build's) is refused, not
        // left half restored to fail later.
        let g = &self.gic.state;
        let lens = |g: &GicState| {
            [
                g.enabled.len(),
                g.pending.len(),
                g.active.len(),
                g.priority.len(),
                g.edge.len(),
                g.line.len(),
            ]
        };
        if lens(&s.gic) != lens(g) {
            return Err("the snapshot's interrupt controller has another size".into());
        }
        if s.uart.rx.len() > crate::pl011::FIFO {
            return Err("the snapshot's UART holds more than its FIFO".into());
        }
        if !self.queue.same_shape(&s.queue) {
            return Err("the snapshot's timers and bottom halves are not this board's".into());
        }
        match (&mut self.blk, s.blk) {
            (Some(b), Some(saved)) => b.restore(saved)?,
            (None, None) => {}
            (Some(_), None) => return Err("the snapshot has no disk; give no --disk".into()),
            (None, Some(_)) => return Err("the snapshot has a disk; give it with --disk".into()),
        }
        self.queue = s.queue;
        self.gic.state = s.gic;
        self.uart.state = s.uart;
        self.rtc.state = s.rtc;
        self.timer.counters = s.timer;
        Ok(())
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
