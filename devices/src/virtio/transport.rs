//! The virtio-mmio transport: the registers every device type shares
//! (virtio 1.1, 4.2.2), and the status and feature handshake.

use super::queue::QueueConfig;

/// Register offsets (virtio 1.1, 4.2.2).
pub mod reg {
    pub const MAGIC: u32 = 0x000;
    pub const VERSION: u32 = 0x004;
    pub const DEVICE_ID: u32 = 0x008;
    pub const VENDOR_ID: u32 = 0x00c;
    pub const DEVICE_FEATURES: u32 = 0x010;
    pub const DEVICE_FEATURES_SEL: u32 = 0x014;
    pub const DRIVER_FEATURES: u32 = 0x020;
    pub const DRIVER_FEATURES_SEL: u32 = 0x024;
    pub const QUEUE_SEL: u32 = 0x030;
    pub const QUEUE_NUM_MAX: u32 = 0x034;
    pub const QUEUE_NUM: u32 = 0x038;
    pub const QUEUE_READY: u32 = 0x044;
    /// Legacy (version 1) only (virtio 1.1, 4.2.4).
    pub const GUEST_PAGE_SIZE: u32 = 0x028;
    pub const QUEUE_ALIGN: u32 = 0x03c;
    pub const QUEUE_PFN: u32 = 0x040;
    pub const QUEUE_NOTIFY: u32 = 0x050;
    pub const INTERRUPT_STATUS: u32 = 0x060;
    pub const INTERRUPT_ACK: u32 = 0x064;
    pub const STATUS: u32 = 0x070;
    pub const QUEUE_DESC_LOW: u32 = 0x080;
    pub const QUEUE_DESC_HIGH: u32 = 0x084;
    pub const QUEUE_DRIVER_LOW: u32 = 0x090;
    pub const QUEUE_DRIVER_HIGH: u32 = 0x094;
    pub const QUEUE_DEVICE_LOW: u32 = 0x0a0;
    pub const QUEUE_DEVICE_HIGH: u32 = 0x0a4;
    pub const CONFIG_GENERATION: u32 = 0x0fc;
    pub const CONFIG: u32 = 0x100;
}

/// Device status bits (virtio 1.1, 2.1).
pub mod status {
    pub const ACKNOWLEDGE: u32 = 1;
    pub const DRIVER: u32 = 2;
    pub const DRIVER_OK: u32 = 4;
    pub const FEATURES_OK: u32 = 8;
    pub const NEEDS_RESET: u32 = 0x40;
    pub const FAILED: u32 = 0x80;
}

/// "virt", little-endian.
pub const MAGIC_VALUE: u32 = 0x7472_6976;
/// "LKST": Lockstep's vendor ID.
pub const VENDOR: u32 = 0x5453_4b4c;
/// VIRTIO_F_VERSION_1: the modern interface, which is all we offer.
pub const F_VERSION_1: u64 = 1 << 32;

/// Interrupt status bits.
pub const INT_USED: u32 = 1;
pub const INT_CONFIG: u32 = 2;

/// Where QEMU's virt puts the transports, and how many.
pub const MMIO_BASE: u32 = 0x0a00_0000;
pub const MMIO_STRIDE: u32 = 0x200;
pub const MMIO_COUNT: u32 = 32;
/// Interrupt ID of transport 0 (SPI 16).
pub const MMIO_IRQ0: u32 = 48;

/// The registers every virtio-mmio device shares.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Transport {
    /// 0: no device (an empty slot).
    pub device_id: u32,
    pub device_features: u64,
    pub driver_features: u64,
    pub device_features_sel: u32,
    pub driver_features_sel: u32,
    pub queue_sel: u32,
    pub queues: Vec<QueueConfig>,
    /// Largest queue the device accepts.
    pub queue_num_max: u16,
    pub status: u32,
    pub interrupt_status: u32,
    pub config_generation: u32,
    /// The legacy interface (version 1, virtio 1.1 4.2.4), QEMU virt's
    /// default: queues placed by a page number, no VERSION_1, no
    /// FEATURES_OK handshake.
    pub legacy: bool,
    /// Legacy: the page size queue page numbers count in, and the used
    /// ring's alignment.
    pub guest_page_size: u32,
    pub queue_align: u32,
}

/// What a register write asks of the device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    None,
    /// The driver made buffers available on this queue.
    Notify(u32),
    /// The driver wrote 0 to Status: forget everything in flight.
    Reset,
}

impl Transport {
    pub fn new(device_id: u32, features: u64, queues: usize, queue_num_max: u16) -> Self {
        Transport {
            device_id,
            device_features: features | F_VERSION_1,
            queues: vec![QueueConfig::default(); queues],
            queue_num_max,
            ..Transport::default()
        }
    }

    /// A legacy (version 1) transport: `features` must not include
    /// VERSION_1.
    pub fn new_legacy(device_id: u32, features: u64, queues: usize, queue_num_max: u16) -> Self {
        Transport {
            device_features: features & !F_VERSION_1,
            legacy: true,
            guest_page_size: 4096,
            queue_align: 4096,
            ..Transport::new(device_id, 0, queues, queue_num_max)
        }
    }

    /// An empty slot.
    pub fn empty() -> Self {
        Transport::default()
    }

    fn queue(&mut self) -> Option<&mut QueueConfig> {
        self.queues.get_mut(self.queue_sel as usize)
    }

    /// Reads a transport register (`off` below `reg::CONFIG`). Registers
    /// the driver only writes read as 0.
    pub fn read(&self, off: u32) -> u32 {
        use reg::*;
        let q = self.queues.get(self.queue_sel as usize);
        let half = |v: u64, high: bool| if high { (v >> 32) as u32 } else { v as u32 };
        match off {
            MAGIC => MAGIC_VALUE,
            VERSION => 2 - self.legacy as u32,
            QUEUE_PFN if self.legacy => q.map_or(0, |q| q.pfn),
            QUEUE_READY | QUEUE_DESC_LOW | QUEUE_DESC_HIGH | QUEUE_DRIVER_LOW
            | QUEUE_DRIVER_HIGH | QUEUE_DEVICE_LOW | QUEUE_DEVICE_HIGH | CONFIG_GENERATION
                if self.legacy =>
            {
                0
            }
            DEVICE_ID => self.device_id,
            VENDOR_ID => VENDOR,
            DEVICE_FEATURES if self.device_id != 0 => match self.device_features_sel {
                0 => self.device_features as u32,
                1 => (self.device_features >> 32) as u32,
                _ => 0,
            },
            QUEUE_NUM_MAX => q.map_or(0, |_| self.queue_num_max as u32),
            QUEUE_READY => q.map_or(0, |q| q.ready as u32),
            INTERRUPT_STATUS => self.interrupt_status,
            STATUS => self.status,
            QUEUE_DESC_LOW | QUEUE_DESC_HIGH => q.map_or(0, |q| half(q.desc, off & 4 != 0)),
            QUEUE_DRIVER_LOW | QUEUE_DRIVER_HIGH => q.map_or(0, |q| half(q.avail, off & 4 != 0)),
            QUEUE_DEVICE_LOW | QUEUE_DEVICE_HIGH => q.map_or(0, |q| half(q.used, off & 4 != 0)),
            CONFIG_GENERATION => self.config_generation,
            _ => 0,
        }
    }

    /// Writes a transport register. Writes the spec forbids in the
    /// current state (queue setup after DRIVER_OK, say) are ignored.
    pub fn write(&mut self, off: u32, v: u32) -> Effect {
        use reg::*;
        if self.device_id == 0 {
            return Effect::None;
        }
        let max = self.queue_num_max;
        let live = self.status & status::DRIVER_OK != 0;
        if self.legacy {
            match off {
                GUEST_PAGE_SIZE => self.guest_page_size = v,
                QUEUE_ALIGN => self.queue_align = v,
                QUEUE_PFN => {
                    let (page, align) = (self.guest_page_size as u64, self.queue_align as u64);
                    if let Some(q) = self.queue() {
                        q.place_legacy(v, page, align);
                    }
                }
                QUEUE_READY | QUEUE_DESC_LOW | QUEUE_DESC_HIGH | QUEUE_DRIVER_LOW
                | QUEUE_DRIVER_HIGH | QUEUE_DEVICE_LOW | QUEUE_DEVICE_HIGH => {}
                STATUS if v != 0 => {
                    self.status = v | self.status & status::NEEDS_RESET;
                }
                _ => return self.write_common(off, v, live, max),
            }
            return Effect::None;
        }
        self.write_common(off, v, live, max)
    }

    /// The registers both interfaces share (and the modern ones).
    fn write_common(&mut self, off: u32, v: u32, live: bool, max: u16) -> Effect {
        use reg::*;
        let set_half = |old: u64, high: bool| {
            if high {
                old & 0xffff_ffff | (v as u64) << 32
            } else {
                old & !0xffff_ffff | v as u64
            }
        };
        match off {
            DEVICE_FEATURES_SEL => self.device_features_sel = v,
            DRIVER_FEATURES_SEL => self.driver_features_sel = v,
            DRIVER_FEATURES if self.status & status::FEATURES_OK == 0 => {
                match self.driver_features_sel {
                    0 => self.driver_features = set_half(self.driver_features, false),
                    1 => self.driver_features = set_half(self.driver_features, true),
                    _ => {}
                }
            }
            QUEUE_SEL => self.queue_sel = v,
            QUEUE_NUM if !live => {
                if let Some(q) = self.queue() {
                    // A power of two up to the maximum (virtio 1.1, 2.6).
                    if v.is_power_of_two() && v <= max as u32 {
                        q.num = v as u16;
                    }
                }
            }
            QUEUE_READY => {
                if let Some(q) = self.queue() {
                    q.ready = v & 1 != 0;
                }
            }
            QUEUE_DESC_LOW | QUEUE_DESC_HIGH if !live => {
                if let Some(q) = self.queue() {
                    q.desc = set_half(q.desc, off & 4 != 0);
                }
            }
            QUEUE_DRIVER_LOW | QUEUE_DRIVER_HIGH if !live => {
                if let Some(q) = self.queue() {
                    q.avail = set_half(q.avail, off & 4 != 0);
                }
            }
            QUEUE_DEVICE_LOW | QUEUE_DEVICE_HIGH if !live => {
                if let Some(q) = self.queue() {
                    q.used = set_half(q.used, off & 4 != 0);
                }
            }
            QUEUE_NOTIFY => {
                let ready = self.queues.get(v as usize).is_some_and(|q| q.ready);
                if live && ready && self.status & status::NEEDS_RESET == 0 {
                    return Effect::Notify(v);
                }
            }
            INTERRUPT_ACK => self.interrupt_status &= !v,
            STATUS if v == 0 => {
                self.reset();
                return Effect::Reset;
            }
            STATUS => {
                let mut v = v;
                // FEATURES_OK sticks only for features the device offers
                // and that include VERSION_1 (virtio 1.1, 3.1.1).
                let newly = v & !self.status & status::FEATURES_OK != 0;
                let acceptable = self.driver_features & !self.device_features == 0
                    && self.driver_features & F_VERSION_1 != 0;
                if newly && !acceptable {
                    v &= !status::FEATURES_OK;
                }
                self.status = v | self.status & status::NEEDS_RESET;
            }
            _ => {}
        }
        Effect::None
    }

    /// Back to the state after power-on, keeping what the device is.
    pub fn reset(&mut self) {
        let (id, features, queues, max) = (
            self.device_id,
            self.device_features,
            self.queues.len(),
            self.queue_num_max,
        );
        *self = if self.legacy {
            Transport::new_legacy(id, features, queues, max)
        } else {
            Transport::new(id, features, queues, max)
        };
    }

    /// Something went wrong that only a reset fixes (virtio 1.1, 2.1.2).
    pub fn needs_reset(&mut self) {
        self.status |= status::NEEDS_RESET;
        if self.status & status::DRIVER_OK != 0 {
            self.interrupt_status |= INT_CONFIG;
        }
    }

    pub fn irq(&self) -> bool {
        self.interrupt_status != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reg::*;

    #[test]
    fn an_empty_slot_says_so_and_ignores_writes() {
        let mut t = Transport::empty();
        assert_eq!(t.read(MAGIC), 0x7472_6976);
        assert_eq!(t.read(VERSION), 2);
        assert_eq!(t.read(DEVICE_ID), 0);
        assert_eq!(t.write(STATUS, 1), Effect::None);
        assert_eq!(t.read(STATUS), 0);
        assert_eq!(t.read(QUEUE_NUM_MAX), 0);
    }

    #[test]
    fn features_ok_sticks_only_for_offered_features_with_version_1() {
        let mut t = Transport::new(2, 1 << 9, 1, 256);
        t.write(STATUS, status::ACKNOWLEDGE | status::DRIVER);
        t.write(DEVICE_FEATURES_SEL, 1);
        assert_eq!(t.read(DEVICE_FEATURES), 1, "VERSION_1 is offered");
        // Without VERSION_1: refused.
        t.write(DRIVER_FEATURES_SEL, 0);
        t.write(DRIVER_FEATURES, 1 << 9);
        t.write(STATUS, 0xb);
        assert_eq!(t.read(STATUS) & status::FEATURES_OK, 0);
        // A feature not offered: refused.
        t.write(DRIVER_FEATURES, 1 << 10);
        t.write(DRIVER_FEATURES_SEL, 1);
        t.write(DRIVER_FEATURES, 1);
        t.write(STATUS, 0xb);
        assert_eq!(t.read(STATUS) & status::FEATURES_OK, 0);
        t.write(DRIVER_FEATURES_SEL, 0);
        t.write(DRIVER_FEATURES, 1 << 9);
        t.write(STATUS, 0xb);
        assert_eq!(t.read(STATUS), 0xb);
    }

    /// The legacy interface (virtio 1.1, 4.2.4): version 1, no VERSION_1
    /// offered, no FEATURES_OK needed, the queue placed by page number
    /// with the used ring at the next QueueAlign boundary.
    #[test]
    fn a_legacy_transport_places_its_queue_by_page_number() {
        let mut t = Transport::new_legacy(2, 1 << 9 | F_VERSION_1, 1, 256);
        assert_eq!(t.read(VERSION), 1);
        t.write(DEVICE_FEATURES_SEL, 1);
        assert_eq!(t.read(DEVICE_FEATURES), 0, "no VERSION_1");
        t.write(STATUS, status::ACKNOWLEDGE | status::DRIVER);
        t.write(GUEST_PAGE_SIZE, 4096);
        t.write(QUEUE_SEL, 0);
        t.write(QUEUE_NUM, 16);
        t.write(QUEUE_ALIGN, 4096);
        t.write(QUEUE_PFN, 0x40010);
        assert_eq!(t.read(QUEUE_PFN), 0x40010);
        let q = &t.queues[0];
        assert!(q.ready);
        assert_eq!(
            (q.desc, q.avail, q.used),
            (0x4001_0000, 0x4001_0100, 0x4001_1000)
        );
        t.write(STATUS, 0x7);
        assert_eq!(t.write(QUEUE_NOTIFY, 0), Effect::Notify(0));
        assert_eq!(t.read(QUEUE_READY), 0, "a modern register reads 0");
        t.write(STATUS, 0);
        assert!(t.legacy && !t.queues[0].ready, "reset keeps the interface");
        assert_eq!(t.read(VERSION), 1);
    }

    #[test]
    fn queues_are_set_up_before_driver_ok_and_notified_after() {
        let mut t = Transport::new(2, 0, 1, 256);
        t.write(QUEUE_SEL, 0);
        t.write(QUEUE_NUM, 48);
        assert_eq!(t.queues[0].num, 0, "not a power of two");
        t.write(QUEUE_NUM, 512);
        assert_eq!(t.queues[0].num, 0, "beyond QueueNumMax");
        t.write(QUEUE_NUM, 16);
        t.write(QUEUE_DESC_LOW, 0x4000_1000);
        t.write(QUEUE_DRIVER_LOW, 0x4000_2000);
        t.write(QUEUE_DEVICE_LOW, 0x4000_3000);
        t.write(QUEUE_READY, 1);
        assert_eq!(t.write(QUEUE_NOTIFY, 0), Effect::None, "not DRIVER_OK yet");
        t.write(STATUS, 0xf);
        assert_eq!(t.write(QUEUE_NOTIFY, 0), Effect::Notify(0));
        assert_eq!(t.write(QUEUE_NOTIFY, 1), Effect::None, "no queue 1");
        t.write(QUEUE_DESC_LOW, 0);
        assert_eq!(t.queues[0].desc, 0x4000_1000, "frozen once live");
        assert_eq!(t.write(STATUS, 0), Effect::Reset);
        assert_eq!(t.queues[0], QueueConfig::default());
    }
}
