//! virtio-blk (virtio 1.1, 5.2): a disk whose sectors live in a host image
//! file, read and written by a backend thread.
//!
//! A notify schedules a bottom half; at that tick the device takes every
//! chain the driver made available, hands each request to the backend and
//! queues its completion at `tick + latency` (`sim::time::io`). Requests
//! overlap: many can be in flight, and each completes at its own tick,
//! decided by the latency model and never by how fast the host is. The
//! backend runs requests in submission order, so a read submitted after a
//! write sees it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::os::unix::fs::FileExt;

use sim::memory::GuestMemory;
use sim::time::{
    Backend, BhId, BhKind, DeviceId, EventQueue, Io, IoError, Jitter, RequestId, VirtualClock,
};

use super::queue::{Buffer, Chain, QueueError};
use super::{Effect, Transport, INT_USED};

pub const DEVICE_ID: u32 = 2;
pub const SECTOR: u64 = 512;

/// Features offered besides VERSION_1.
pub const F_SEG_MAX: u64 = 1 << 2;
pub const F_FLUSH: u64 = 1 << 9;

/// Request types and status values (virtio 1.1, 5.2.6).
pub const T_IN: u32 = 0;
pub const T_OUT: u32 = 1;
pub const T_FLUSH: u32 = 4;
pub const T_GET_ID: u32 = 8;
pub const S_OK: u8 = 0;
pub const S_IOERR: u8 = 1;
pub const S_UNSUPP: u8 = 2;

/// Largest queue accepted.
const QUEUE_MAX: u16 = 256;
/// Data buffers per request the driver may use (config `seg_max`).
const SEG_MAX: u32 = 126;
/// The identity GET_ID returns (at most 20 bytes).
const SERIAL: &[u8] = b"lockstep-disk";

/// The latency model, in virtual ns: a fixed cost per request plus a
/// transfer cost per sector (about a fast SSD's: 20 us, 400 MB/s).
const BASE_NS: u64 = 20_000;
const PER_SECTOR_NS: u64 = 1_280;

/// Work for the backend thread.
#[derive(Debug)]
enum Req {
    Read {
        offset: u64,
        len: usize,
    },
    Write {
        offset: u64,
        data: Vec<u8>,
    },
    Flush,
    /// Answered without touching the image (a refused request still
    /// completes after its latency, like any other).
    Answer(Result<Vec<u8>, u8>),
}

/// A request taken from the ring and not yet completed.
#[derive(Clone, Debug)]
struct Pending {
    head: u16,
    /// Where read data goes.
    into: Vec<Buffer>,
    status: Buffer,
}

pub struct VirtioBlk {
    pub transport: Transport,
    /// Size in sectors.
    pub capacity: u64,
    io: Io<Result<Vec<u8>, u8>>,
    backend: Backend<Req>,
    pending: BTreeMap<RequestId, Pending>,
    /// In flight across a device reset: their results are dropped.
    orphans: BTreeSet<RequestId>,
    notify: BhId,
    clock: VirtualClock,
    /// Requests completed (for statistics and tests).
    pub completed: u64,
    /// The most requests in flight at once.
    pub max_in_flight: usize,
}

/// How a request reached the backend, or why it did not.
fn parse(chain: &Chain, mem: &GuestMemory, capacity: u64) -> (Req, Vec<Buffer>, u64) {
    let refuse = |s: u8| (Req::Answer(Err(s)), Vec::new(), 0);
    let bufs = &chain.buffers;
    let (Some(head), Some(_)) = (bufs.first(), bufs.last()) else {
        return refuse(S_IOERR);
    };
    let mut hdr = [0u8; 16];
    if bufs.len() < 2 || head.write || head.len < 16 || mem.read_bytes(head.addr, &mut hdr).is_err()
    {
        return refuse(S_IOERR);
    }
    let kind = u32::from_le_bytes(hdr[0..4].try_into().unwrap());
    let sector = u64::from_le_bytes(hdr[8..16].try_into().unwrap());
    let data = &bufs[1..bufs.len() - 1];
    let total: u64 = data.iter().map(|b| b.len as u64).sum();
    let fits = |len: u64| {
        len.is_multiple_of(SECTOR)
            && sector
                .checked_add(len / SECTOR)
                .is_some_and(|end| end <= capacity)
    };
    match kind {
        T_IN => {
            if data.iter().any(|b| !b.write) || !fits(total) {
                return refuse(S_IOERR);
            }
            let req = Req::Read {
                offset: sector * SECTOR,
                len: total as usize,
            };
            (req, data.to_vec(), total / SECTOR)
        }
        T_OUT => {
            if data.iter().any(|b| b.write) || !fits(total) {
                return refuse(S_IOERR);
            }
            let mut bytes = vec![0u8; total as usize];
            let mut at = 0;
            for b in data {
                let end = at + b.len as usize;
                if mem.read_bytes(b.addr, &mut bytes[at..end]).is_err() {
                    return refuse(S_IOERR);
                }
                at = end;
            }
            let req = Req::Write {
                offset: sector * SECTOR,
                data: bytes,
            };
            (req, Vec::new(), total / SECTOR)
        }
        T_FLUSH => (Req::Flush, Vec::new(), 0),
        T_GET_ID if data.iter().all(|b| b.write) => {
            (Req::Answer(Ok(SERIAL.to_vec())), data.to_vec(), 0)
        }
        _ => refuse(S_UNSUPP),
    }
}

/// What the backend thread does with one request.
fn serve(file: &File, req: Req) -> Result<Vec<u8>, u8> {
    match req {
        Req::Read { offset, len } => {
            let mut buf = vec![0u8; len];
            file.read_exact_at(&mut buf, offset).map_err(|_| S_IOERR)?;
            Ok(buf)
        }
        Req::Write { offset, data } => {
            file.write_all_at(&data, offset).map_err(|_| S_IOERR)?;
            Ok(Vec::new())
        }
        Req::Flush => file.sync_data().map(|_| Vec::new()).map_err(|_| S_IOERR),
        Req::Answer(a) => a,
    }
}

impl VirtioBlk {
    /// A disk backed by `image` (its size, rounded down to whole sectors,
    /// is the capacity). `jitter` delays the backend's replies at random:
    /// the test knob that shows results never depend on backend timing.
    pub fn new(
        image: File,
        queue: &mut EventQueue,
        owner: DeviceId,
        clock: VirtualClock,
        jitter: Option<Jitter>,
    ) -> std::io::Result<Self> {
        let capacity = image.metadata()?.len() / SECTOR;
        let io = Io::new(owner);
        let backend = Backend::spawn("virtio-blk", io.replies(), jitter, move |req| {
            serve(&image, req)
        })?;
        Ok(VirtioBlk {
            transport: Transport::new(DEVICE_ID, F_SEG_MAX | F_FLUSH, 1, QUEUE_MAX),
            capacity,
            io,
            backend,
            pending: BTreeMap::new(),
            orphans: BTreeSet::new(),
            notify: queue.new_bh(owner, 0, BhKind::Rearmable),
            clock,
            completed: 0,
            max_in_flight: 0,
        })
    }

    /// The configuration space (virtio 1.1, 5.2.4): capacity, size_max
    /// (not offered), seg_max.
    fn config(&self) -> [u8; 16] {
        let mut c = [0u8; 16];
        c[0..8].copy_from_slice(&self.capacity.to_le_bytes());
        c[12..16].copy_from_slice(&SEG_MAX.to_le_bytes());
        c
    }

    pub fn read(&self, off: u32, size: u32) -> u32 {
        if off < super::reg::CONFIG {
            return self.transport.read(off & !3);
        }
        let c = self.config();
        let at = (off - super::reg::CONFIG) as usize;
        (0..size as usize).fold(0, |v, i| {
            v | (*c.get(at + i).unwrap_or(&0) as u32) << (8 * i)
        })
    }

    pub fn write(&mut self, off: u32, v: u32, queue: &mut EventQueue, now: u64) {
        match self.transport.write(off & !3, v) {
            Effect::Notify(_) => queue.schedule_bh(self.notify, now),
            Effect::Reset => {
                self.orphans.extend(self.pending.keys().copied());
                self.pending.clear();
            }
            Effect::None => {}
        }
    }

    pub fn irq(&self) -> bool {
        self.transport.irq()
    }

    /// The notify bottom half: takes every available chain and starts it.
    pub fn process(&mut self, mem: &GuestMemory, queue: &mut EventQueue, now: u64) {
        loop {
            let q = &mut self.transport.queues[0];
            let chain = match q.pop(mem) {
                Ok(Some(c)) => c,
                Ok(None) => break,
                Err(_) => return self.transport.needs_reset(),
            };
            let Some(&status) = chain.buffers.last().filter(|b| b.write && b.len >= 1) else {
                // Nowhere to put a status: the driver broke the protocol.
                return self.transport.needs_reset();
            };
            let (req, into, sectors) = parse(&chain, mem, self.capacity);
            let latency = self.clock.ticks_for(BASE_NS + PER_SECTOR_NS * sectors);
            let id = self.io.submit(queue, now, latency);
            self.backend.send(id, req);
            self.pending.insert(
                id,
                Pending {
                    head: chain.head,
                    into,
                    status,
                },
            );
            self.max_in_flight = self.max_in_flight.max(self.pending.len());
        }
    }

    /// Request `id`'s completion came due: its data and status go to the
    /// guest, its chain to the used ring.
    pub fn complete(&mut self, id: RequestId, mem: &mut GuestMemory) {
        let result = self.io.take(id);
        if self.orphans.remove(&id) {
            return;
        }
        let Some(p) = self.pending.remove(&id) else {
            return;
        };
        let answer = match result {
            Ok(a) => a,
            Err(IoError::BackendGone(..)) | Err(IoError::Unknown(..)) => {
                return self.transport.needs_reset();
            }
        };
        let (status, mut written) = match answer {
            Ok(data) => match scatter(mem, &p.into, &data) {
                Ok(n) => (S_OK, n),
                Err(_) => return self.transport.needs_reset(),
            },
            Err(s) => (s, 0),
        };
        written += 1;
        let q = &mut self.transport.queues[0];
        let pushed = mem
            .write_bytes(p.status.addr, &[status])
            .map_err(|_| QueueError::Memory(p.status.addr as u64))
            .and_then(|_| q.push(mem, p.head, written));
        if pushed.is_err() {
            return self.transport.needs_reset();
        }
        self.completed += 1;
        if q.wants_interrupt(mem) {
            self.transport.interrupt_status |= INT_USED;
        }
    }

    /// Requests taken and not yet completed.
    pub fn in_flight(&self) -> usize {
        self.pending.len()
    }
}

/// Copies `data` into the buffers in order; returns the bytes written.
fn scatter(mem: &mut GuestMemory, into: &[Buffer], data: &[u8]) -> Result<u32, ()> {
    let mut at = 0usize;
    for b in into {
        if at >= data.len() {
            break;
        }
        let n = (b.len as usize).min(data.len() - at);
        mem.write_bytes(b.addr, &data[at..at + n]).map_err(|_| ())?;
        at += n;
    }
    Ok(at as u32)
}
