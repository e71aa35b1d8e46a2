//! Split virtqueues in guest memory (virtio 1.1, 2.6): the device side of
//! the descriptor table, the available ring and the used ring.
//!
//! All three live in guest RAM at addresses the driver gave. Every read
//! and write here is checked; a ring or descriptor outside RAM is the
//! driver's error (`QueueError`), which the device answers by asking for
//! a reset, never by touching host memory.

use sim::memory::GuestMemory;
use thiserror::Error;

/// Descriptor flags.
pub const DESC_NEXT: u16 = 1;
pub const DESC_WRITE: u16 = 2;
pub const DESC_INDIRECT: u16 = 4;
/// Available-ring flag: the driver does not want an interrupt.
pub const AVAIL_NO_INTERRUPT: u16 = 1;

/// One queue's configuration, as the driver wrote it to the transport.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct QueueConfig {
    /// Entries (a power of two, at most the device's maximum).
    pub num: u16,
    pub ready: bool,
    pub desc: u64,
    /// The available ring ("driver area").
    pub avail: u64,
    /// The used ring ("device area").
    pub used: u64,
    /// Next available-ring entry the device will take.
    pub last_avail: u16,
    /// Next used-ring index the device will write.
    pub used_idx: u16,
    /// Legacy interface: the page number the driver placed the queue at.
    pub pfn: u32,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum QueueError {
    #[error("virtqueue memory at {0:#x} is outside guest RAM")]
    Memory(u64),
    #[error("descriptor chain from {0} is longer than the queue (a loop?)")]
    ChainTooLong(u16),
    #[error("descriptor index {0} is beyond the queue's {1} entries")]
    BadIndex(u16, u16),
    #[error("indirect descriptors were not negotiated")]
    Indirect,
    #[error("the available index moved {0} entries in a queue of {1}")]
    AvailIndex(u16, u16),
}

/// One buffer of a chain: guest address and length, and whether the
/// device writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Buffer {
    pub addr: u32,
    pub len: u32,
    pub write: bool,
}

/// A descriptor chain taken from the available ring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chain {
    /// Its head's index: what the used ring reports back.
    pub head: u16,
    pub buffers: Vec<Buffer>,
}

/// `base + off`, for addresses the driver wrote (any 64-bit value).
fn at(base: u64, off: u64) -> Result<u64, QueueError> {
    base.checked_add(off).ok_or(QueueError::Memory(base))
}

fn addr32(a: u64) -> Result<u32, QueueError> {
    u32::try_from(a).map_err(|_| QueueError::Memory(a))
}

fn read16(mem: &GuestMemory, a: u64) -> Result<u16, QueueError> {
    mem.read_u16(addr32(a)?).map_err(|_| QueueError::Memory(a))
}

fn read32(mem: &GuestMemory, a: u64) -> Result<u32, QueueError> {
    mem.read_u32(addr32(a)?).map_err(|_| QueueError::Memory(a))
}

fn write16(mem: &mut GuestMemory, a: u64, v: u16) -> Result<(), QueueError> {
    mem.write_bytes(addr32(a)?, &v.to_le_bytes())
        .map_err(|_| QueueError::Memory(a))
}

fn write32(mem: &mut GuestMemory, a: u64, v: u32) -> Result<(), QueueError> {
    mem.write_bytes(addr32(a)?, &v.to_le_bytes())
        .map_err(|_| QueueError::Memory(a))
}

impl QueueConfig {
    /// Legacy interface (virtio 1.1, 2.6.2): the queue is one block at
    /// page `pfn` of `page` bytes: the descriptor table, the available
    /// ring right after it, the used ring at the next `align` boundary.
    /// Page 0 takes the queue out of use.
    pub fn place_legacy(&mut self, pfn: u32, page: u64, align: u64) {
        self.pfn = pfn;
        self.ready = pfn != 0 && align.is_power_of_two();
        if !self.ready {
            return;
        }
        let n = self.num as u64;
        self.desc = pfn as u64 * page;
        self.avail = self.desc + 16 * n;
        let avail_end = self.avail + 6 + 2 * n;
        self.used = avail_end.next_multiple_of(align);
    }

    /// Takes the next chain the driver made available, if any.
    pub fn pop(&mut self, mem: &GuestMemory) -> Result<Option<Chain>, QueueError> {
        if self.num == 0 {
            return Ok(None);
        }
        let avail_idx = read16(mem, at(self.avail, 2)?)?;
        if avail_idx == self.last_avail {
            return Ok(None);
        }
        // More than a queue's worth is a driver bug (virtio 1.1, 2.6.6).
        let ahead = avail_idx.wrapping_sub(self.last_avail);
        if ahead > self.num {
            return Err(QueueError::AvailIndex(ahead, self.num));
        }
        let slot = self.last_avail % self.num;
        let head = read16(mem, at(self.avail, 4 + 2 * slot as u64)?)?;
        self.last_avail = self.last_avail.wrapping_add(1);
        let mut buffers = Vec::new();
        let mut i = head;
        loop {
            if i >= self.num {
                return Err(QueueError::BadIndex(i, self.num));
            }
            if buffers.len() >= self.num as usize {
                return Err(QueueError::ChainTooLong(head));
            }
            let d = at(self.desc, 16 * i as u64)?;
            let lo = read32(mem, d)? as u64;
            let hi = read32(mem, at(d, 4)?)? as u64;
            let len = read32(mem, at(d, 8)?)?;
            let flags = read16(mem, at(d, 12)?)?;
            let next = read16(mem, at(d, 14)?)?;
            if flags & DESC_INDIRECT != 0 {
                return Err(QueueError::Indirect);
            }
            let addr = hi << 32 | lo;
            buffers.push(Buffer {
                addr: addr32(addr)?,
                len,
                write: flags & DESC_WRITE != 0,
            });
            if flags & DESC_NEXT == 0 {
                break;
            }
            i = next;
        }
        Ok(Some(Chain { head, buffers }))
    }

    /// Returns chain `head` to the driver, `len` bytes written into its
    /// device-writable buffers. Whether to interrupt is the caller's
    /// (`wants_interrupt`).
    pub fn push(&mut self, mem: &mut GuestMemory, head: u16, len: u32) -> Result<(), QueueError> {
        let slot = self.used_idx % self.num.max(1);
        let e = at(self.used, 4 + 8 * slot as u64)?;
        write32(mem, e, head as u32)?;
        write32(mem, at(e, 4)?, len)?;
        self.used_idx = self.used_idx.wrapping_add(1);
        // The entry first, then the index that publishes it.
        write16(mem, at(self.used, 2)?, self.used_idx)
    }

    /// Whether the driver asked for interrupts on used buffers.
    pub fn wants_interrupt(&self, mem: &GuestMemory) -> bool {
        read16(mem, self.avail).is_ok_and(|f| f & AVAIL_NO_INTERRUPT == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim::memory::perm;

    const DESC: u64 = 0x1000;
    const AVAIL: u64 = 0x2000;
    const USED: u64 = 0x3000;

    fn setup() -> (GuestMemory, QueueConfig) {
        let mut m = GuestMemory::new().unwrap();
        m.map(0, 0x10000, perm::RWX);
        let q = QueueConfig {
            num: 4,
            ready: true,
            desc: DESC,
            avail: AVAIL,
            used: USED,
            ..QueueConfig::default()
        };
        (m, q)
    }

    fn desc(m: &mut GuestMemory, i: u64, addr: u32, len: u32, flags: u16, next: u16) {
        let d = (DESC + 16 * i) as u32;
        m.write_u32(d, addr).unwrap();
        m.write_u32(d + 4, 0).unwrap();
        m.write_u32(d + 8, len).unwrap();
        m.write_u16(d + 12, flags).unwrap();
        m.write_u16(d + 14, next).unwrap();
    }

    fn offer(m: &mut GuestMemory, slot: u32, head: u16, idx: u16) {
        m.write_u16(AVAIL as u32 + 4 + 2 * slot, head).unwrap();
        m.write_u16(AVAIL as u32 + 2, idx).unwrap();
    }

    #[test]
    fn chains_are_taken_in_ring_order_and_returned_through_the_used_ring() {
        let (mut m, mut q) = setup();
        desc(&mut m, 2, 0x8000, 16, DESC_NEXT, 0);
        desc(&mut m, 0, 0x9000, 512, DESC_NEXT | DESC_WRITE, 3);
        desc(&mut m, 3, 0x9200, 1, DESC_WRITE, 0);
        offer(&mut m, 0, 2, 1);
        let c = q.pop(&m).unwrap().unwrap();
        assert_eq!(c.head, 2);
        assert_eq!(
            c.buffers,
            [
                Buffer {
                    addr: 0x8000,
                    len: 16,
                    write: false
                },
                Buffer {
                    addr: 0x9000,
                    len: 512,
                    write: true
                },
                Buffer {
                    addr: 0x9200,
                    len: 1,
                    write: true
                },
            ]
        );
        assert_eq!(q.pop(&m).unwrap(), None, "nothing more offered");
        q.push(&mut m, 2, 513).unwrap();
        assert_eq!(m.read_u16(USED as u32 + 2).unwrap(), 1);
        assert_eq!(m.read_u32(USED as u32 + 4).unwrap(), 2);
        assert_eq!(m.read_u32(USED as u32 + 8).unwrap(), 513);
    }

    #[test]
    fn a_looping_chain_or_a_bad_index_is_an_error_not_a_hang() {
        let (mut m, mut q) = setup();
        desc(&mut m, 0, 0x8000, 16, DESC_NEXT, 1);
        desc(&mut m, 1, 0x8000, 16, DESC_NEXT, 0);
        offer(&mut m, 0, 0, 1);
        assert_eq!(q.pop(&m), Err(QueueError::ChainTooLong(0)));
        desc(&mut m, 0, 0x8000, 16, DESC_NEXT, 9);
        offer(&mut m, 1, 0, 2);
        assert_eq!(q.pop(&m), Err(QueueError::BadIndex(9, 4)));
    }

    #[test]
    fn rings_outside_ram_or_address_space_are_refused() {
        let (m, mut q) = setup();
        q.avail = 0x8000_0000;
        assert_eq!(q.pop(&m), Err(QueueError::Memory(0x8000_0002)));
        q.avail = u64::MAX - 1;
        assert_eq!(q.pop(&m), Err(QueueError::Memory(u64::MAX - 1)));
    }

    #[test]
    fn an_available_index_beyond_the_queue_is_an_error() {
        let (mut m, mut q) = setup();
        offer(&mut m, 0, 0, 0xffff);
        assert_eq!(q.pop(&m), Err(QueueError::AvailIndex(0xffff, 4)));
    }
}
