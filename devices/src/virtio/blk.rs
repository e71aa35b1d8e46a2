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
use crate::hex::Hex;

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
/// The most data one request may move: far above what Linux sends (its
/// default limit is 1.25 MiB), and low enough that a guest cannot make
/// the host allocate its whole disk at once.
const MAX_REQUEST: u64 = 4 << 20;

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
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct Pending {
    head: u16,
    /// Where read data goes.
    into: Vec<Buffer>,
    /// The status byte's address.
    status: u32,
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
    /// The image, for snapshots: the sectors written since it was
    /// attached (`written`) are saved with the machine's state.
    image: File,
    written: BTreeSet<u64>,
}

/// A snapshot of the disk: its transport and requests in flight (with
/// their answers), and the contents of every sector written since the
/// image was attached, as runs of sectors. Restoring it onto the same
/// starting image (the binary checks its hash) gives the disk as it was.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct BlkState {
    transport: Transport,
    capacity: u64,
    io: sim::time::IoState<Result<Hex, u8>>,
    pending: Vec<(RequestId, Pending)>,
    orphans: Vec<RequestId>,
    completed: u64,
    max_in_flight: usize,
    written: Vec<(u64, Hex)>,
}

/// What a chain asks for: the request for the backend, the writable
/// buffers its data goes to, where its status byte goes, and its size in
/// sectors (for the latency model).
struct Parsed {
    req: Req,
    into: Vec<Buffer>,
    status: u32,
    sectors: u64,
}

/// Reads a chain as virtio 1.1 5.2.6 describes the request, without
/// assuming how the driver split it into descriptors (2.6.4): the
/// device-readable part is the 16-byte header and any data to write, the
/// device-writable part any data to read and, in its last byte, the
/// status. None if the chain has no writable byte for a status (the
/// driver broke the protocol).
fn parse(chain: &Chain, mem: &GuestMemory, capacity: u64) -> Option<Parsed> {
    let split = chain
        .buffers
        .iter()
        .position(|b| b.write)
        .unwrap_or(chain.buffers.len());
    let (readable, writable) = chain.buffers.split_at(split);
    let last = writable.iter().rev().find(|b| b.write && b.len > 0)?;
    let status = last.addr.wrapping_add(last.len - 1);
    // The writable bytes before the status, in order.
    let mut room: u64 = writable.iter().map(|b| b.len as u64).sum::<u64>() - 1;
    let mut into = Vec::new();
    for b in writable {
        let n = (b.len as u64).min(room);
        if n > 0 {
            into.push(Buffer {
                len: n as u32,
                ..*b
            });
        }
        room -= n;
    }
    let data_room: u64 = into.iter().map(|b| b.len as u64).sum();
    let refuse = |s: u8| {
        Some(Parsed {
            req: Req::Answer(Err(s)),
            into: Vec::new(),
            status,
            sectors: 0,
        })
    };
    // Everything the driver gave us to read, header first.
    let total: u64 = readable.iter().map(|b| b.len as u64).sum();
    if writable.iter().any(|b| !b.write) || !(16..=16 + MAX_REQUEST).contains(&total) {
        return refuse(S_IOERR);
    }
    let mut bytes = vec![0u8; total as usize];
    let mut at = 0;
    for b in readable {
        let end = at + b.len as usize;
        if mem.read_bytes(b.addr, &mut bytes[at..end]).is_err() {
            return refuse(S_IOERR);
        }
        at = end;
    }
    let kind = u32::from_le_bytes(bytes[0..4].try_into().unwrap());
    let sector = u64::from_le_bytes(bytes[8..16].try_into().unwrap());
    let fits = |len: u64| {
        len.is_multiple_of(SECTOR)
            && len <= MAX_REQUEST
            && sector
                .checked_add(len / SECTOR)
                .is_some_and(|end| end <= capacity)
    };
    let (req, into, sectors) = match kind {
        T_IN if fits(data_room) => {
            let req = Req::Read {
                offset: sector * SECTOR,
                len: data_room as usize,
            };
            (req, into, data_room / SECTOR)
        }
        T_OUT if fits(total - 16) => {
            let data = bytes.split_off(16);
            let sectors = data.len() as u64 / SECTOR;
            let req = Req::Write {
                offset: sector * SECTOR,
                data,
            };
            (req, Vec::new(), sectors)
        }
        T_IN | T_OUT => return refuse(S_IOERR),
        T_FLUSH => (Req::Flush, Vec::new(), 0),
        T_GET_ID => {
            // 20 bytes, NUL-padded (5.2.6.1).
            let mut id = SERIAL.to_vec();
            id.resize(20, 0);
            (Req::Answer(Ok(id)), into, 0)
        }
        _ => return refuse(S_UNSUPP),
    };
    Some(Parsed {
        req,
        into,
        status,
        sectors,
    })
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
    /// is the capacity), on a `legacy` (version 1) or modern transport.
    /// `jitter` delays the backend's replies at random: the test knob that
    /// shows results never depend on backend timing.
    pub fn new(
        image: File,
        legacy: bool,
        queue: &mut EventQueue,
        owner: DeviceId,
        clock: VirtualClock,
        jitter: Option<Jitter>,
    ) -> std::io::Result<Self> {
        let capacity = image.metadata()?.len() / SECTOR;
        let own = image.try_clone()?;
        let io = Io::new(owner);
        let backend = Backend::spawn("virtio-blk", io.replies(), jitter, move |req| {
            serve(&image, req)
        })?;
        Ok(VirtioBlk {
            transport: if legacy {
                Transport::new_legacy(DEVICE_ID, F_SEG_MAX | F_FLUSH, 1, QUEUE_MAX)
            } else {
                Transport::new(DEVICE_ID, F_SEG_MAX | F_FLUSH, 1, QUEUE_MAX)
            },
            capacity,
            io,
            backend,
            pending: BTreeMap::new(),
            orphans: BTreeSet::new(),
            notify: queue.new_bh(owner, 0, BhKind::Rearmable),
            clock,
            completed: 0,
            max_in_flight: 0,
            image: own,
            written: BTreeSet::new(),
        })
    }

    /// The device's state, after waiting for the requests in flight.
    pub fn save(&mut self) -> std::io::Result<BlkState> {
        let io = self.io.save();
        let mut written: Vec<(u64, Hex)> = Vec::new();
        for &s in &self.written {
            let mut sector = vec![0u8; SECTOR as usize];
            self.image.read_exact_at(&mut sector, s * SECTOR)?;
            match written.last_mut() {
                Some((first, run)) if *first + run.0.len() as u64 / SECTOR == s => {
                    run.0.extend_from_slice(&sector)
                }
                _ => written.push((s, Hex(sector))),
            }
        }
        Ok(BlkState {
            transport: self.transport.clone(),
            capacity: self.capacity,
            io: sim::time::IoState {
                next: io.next,
                answers: io
                    .answers
                    .into_iter()
                    .map(|(id, a)| (id, a.map(Hex)))
                    .collect(),
            },
            pending: self.pending.iter().map(|(k, v)| (*k, v.clone())).collect(),
            orphans: self.orphans.iter().copied().collect(),
            completed: self.completed,
            max_in_flight: self.max_in_flight,
            written,
        })
    }

    /// Takes a saved state into a device just attached to the image the
    /// saved one started from: its written sectors go back into the image.
    pub fn restore(&mut self, s: BlkState) -> Result<(), String> {
        if s.capacity != self.capacity {
            return Err(format!(
                "the snapshot's disk has {} sectors, this one {}",
                s.capacity, self.capacity
            ));
        }
        if s.transport.queues.len() != self.transport.queues.len()
            || s.written.iter().any(|(first, run)| {
                first.saturating_add(run.0.len() as u64 / SECTOR) > self.capacity
            })
        {
            return Err("the snapshot's disk device does not fit this disk".into());
        }
        for (first, run) in &s.written {
            self.image
                .write_all_at(&run.0, first * SECTOR)
                .map_err(|e| format!("cannot restore the disk's written sectors: {e}"))?;
            let n = run.0.len() as u64 / SECTOR;
            self.written.extend(*first..first + n);
        }
        self.transport = s.transport;
        self.io.restore(sim::time::IoState {
            next: s.io.next,
            answers: s
                .io
                .answers
                .into_iter()
                .map(|(id, a)| (id, a.map(|h| h.0)))
                .collect(),
        });
        self.pending = s.pending.into_iter().collect();
        self.orphans = s.orphans.into_iter().collect();
        self.completed = s.completed;
        self.max_in_flight = s.max_in_flight;
        Ok(())
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
            let Some(p) = parse(&chain, mem, self.capacity) else {
                // Nowhere to put a status: the driver broke the protocol.
                return self.transport.needs_reset();
            };
            if let Req::Write { offset, data } = &p.req {
                let first = offset / SECTOR;
                self.written
                    .extend(first..first + (data.len() as u64).div_ceil(SECTOR));
            }
            let latency = self.clock.ticks_for(BASE_NS + PER_SECTOR_NS * p.sectors);
            let id = self.io.submit(queue, now, latency);
            self.backend.send(id, p.req);
            self.pending.insert(
                id,
                Pending {
                    head: chain.head,
                    into: p.into,
                    status: p.status,
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
            .write_bytes(p.status, &[status])
            .map_err(|_| QueueError::Memory(p.status as u64))
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

#[cfg(test)]
mod tests {
    use super::*;
    use sim::memory::perm;

    fn header(mem: &mut GuestMemory, at: u32, kind: u32, sector: u64) {
        let mut h = [0u8; 16];
        h[0..4].copy_from_slice(&kind.to_le_bytes());
        h[8..16].copy_from_slice(&sector.to_le_bytes());
        mem.write_bytes(at, &h).unwrap();
    }

    fn buf(addr: u32, len: u32, write: bool) -> Buffer {
        Buffer { addr, len, write }
    }

    /// The layout is the driver's choice (virtio 1.1, 2.6.4): header and
    /// data in one descriptor, or data and status in one; the status is
    /// the last writable byte.
    #[test]
    fn requests_parse_whatever_the_descriptor_layout() {
        let mut mem = GuestMemory::new().unwrap();
        mem.map(0, 0x10000, perm::RWX);
        // A write: header and one sector of data in one buffer.
        header(&mut mem, 0x1000, T_OUT, 3);
        mem.write_bytes(0x1010, &[0xab; 512]).unwrap();
        let chain = Chain {
            head: 0,
            buffers: vec![buf(0x1000, 16 + 512, false), buf(0x2000, 1, true)],
        };
        let p = parse(&chain, &mem, 8).unwrap();
        assert!(matches!(&p.req, Req::Write { offset: 1536, data } if data == &[0xab; 512]));
        assert_eq!((p.status, p.sectors), (0x2000, 1));
        // A read: data and status in one writable buffer.
        header(&mut mem, 0x1000, T_IN, 2);
        let chain = Chain {
            head: 1,
            buffers: vec![buf(0x1000, 16, false), buf(0x3000, 1025, true)],
        };
        let p = parse(&chain, &mem, 8).unwrap();
        assert!(matches!(
            p.req,
            Req::Read {
                offset: 1024,
                len: 1024
            }
        ));
        assert_eq!(p.into, [buf(0x3000, 1024, true)]);
        assert_eq!(p.status, 0x3000 + 1024);
        // Past the end, or not whole sectors: IOERR, status still placed.
        let p = parse(
            &Chain {
                head: 1,
                buffers: vec![buf(0x1000, 16, false), buf(0x3000, 1024, true)],
            },
            &mem,
            8,
        )
        .unwrap();
        assert!(
            matches!(p.req, Req::Answer(Err(S_IOERR))),
            "1023 data bytes"
        );
        header(&mut mem, 0x1000, T_IN, 7);
        let p = parse(&chain, &mem, 8).unwrap();
        assert!(
            matches!(p.req, Req::Answer(Err(S_IOERR))),
            "sectors 7-8 of 8"
        );
        // No writable byte for a status: a protocol error.
        let chain = Chain {
            head: 2,
            buffers: vec![buf(0x1000, 16, false)],
        };
        assert!(parse(&chain, &mem, 8).is_none());
        // GET_ID: twenty bytes, NUL-padded.
        header(&mut mem, 0x1000, T_GET_ID, 0);
        let chain = Chain {
            head: 3,
            buffers: vec![buf(0x1000, 16, false), buf(0x3000, 21, true)],
        };
        let p = parse(&chain, &mem, 8).unwrap();
        assert!(
            matches!(&p.req, Req::Answer(Ok(id)) if id.len() == 20 && id.starts_with(SERIAL) && id[SERIAL.len()] == 0)
        );
    }
}
