//! The recording file format (`.lsr`): a magic number and a format
//! version, then records. Each record is a kind byte, a little-endian u32
//! payload length, the payload and a CRC-32 of all three, so a reader can
//! tell a record cut short by a kill (`Truncated`: replay goes up to
//! there) from one damaged on disk (`Checksum`), and never acts on either.
//!
//! Records: the header (machine configuration and image hashes, as
//! key/value pairs so a reader can show what it does not understand),
//! input events stamped with the tick they were delivered at, checkpoints
//! (state hashes every N instructions), and the end of the run.

use std::io::{self, Write};

use thiserror::Error;

pub const MAGIC: &[u8; 8] = b"LOCKSTEP";
/// Bumped whenever a record's encoding changes.
pub const VERSION: u32 = 1;
/// The largest payload a reader accepts (a snapshot of a big guest's RAM
/// fits): a damaged length field beyond it is reported as such.
pub const MAX_PAYLOAD: u32 = 1 << 30;

const K_HEADER: u8 = 1;
const K_EVENT: u8 = 2;
const K_CHECKPOINT: u8 = 3;
const K_END: u8 = 4;
const K_SNAPSHOT: u8 = 5;
const K_REACHED: u8 = 6;

/// The run's configuration, as ordered key/value pairs ("icount-shift",
/// "image-hash", ...).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Header {
    pub entries: Vec<(String, String)>,
}

impl Header {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// An input that entered the guest from outside at tick `tick`: which
/// source (a device) and what kind, with its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputEvent {
    pub tick: u64,
    pub source: u16,
    pub kind: u16,
    pub data: Vec<u8>,
}

/// Guest state hashes at an instruction count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    pub icount: u64,
    pub pc: u32,
    pub cpu_hash: u64,
    /// A hash of the pages written since the previous checkpoint (0 in
    /// traces, which do not track memory).
    pub mem_hash: u64,
    /// The tick it was taken at, and R0-R15 and the CPSR then, so that a
    /// mismatch can name the registers that differ. Absent (None) in
    /// traces written before recordings existed.
    pub at: Option<(u64, [u32; 17])>,
}

impl Checkpoint {
    /// The tick it was taken at (a trace's, without one, at its icount).
    pub fn tick(&self) -> u64 {
        self.at.map_or(self.icount, |(t, _)| t)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record {
    Header(Header),
    Event(InputEvent),
    Checkpoint(Checkpoint),
    /// The run ended (a recording without one was cut short).
    End {
        icount: u64,
    },
    /// The machine's state at `tick` (`super::snapshot`'s encoding).
    Snapshot {
        tick: u64,
        state: Vec<u8>,
    },
    /// The run had reached `tick` with every input before it written: how
    /// far a recording cut short can be replayed.
    Reached {
        tick: u64,
    },
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum FormatError {
    #[error("not a Lockstep recording (bad magic number)")]
    BadMagic,
    #[error("recording format version {0}; this build reads version {VERSION}")]
    UnknownVersion(u32),
    #[error("the recording ends inside a record at byte {0} (cut short?)")]
    Truncated(usize),
    #[error("checksum mismatch in the record at byte {0} (the file is damaged)")]
    Checksum(usize),
    #[error("unknown record kind {kind} at byte {offset}")]
    UnknownRecord { kind: u8, offset: usize },
    #[error("record at byte {0} claims {1} bytes, more than any record holds")]
    TooLong(usize, u32),
    #[error("malformed {what} record at byte {offset}")]
    Malformed { what: &'static str, offset: usize },
}

/// Writes records as they come; `flush` makes them durable up to there
/// (the recorder calls it on a bounded schedule, so a killed run loses at
/// most what came after the last flush).
pub struct Writer<W: Write> {
    out: W,
}

impl<W: Write> Writer<W> {
    /// Starts a recording with its header.
    pub fn new(mut out: W, header: &Header) -> io::Result<Self> {
        out.write_all(MAGIC)?;
        out.write_all(&VERSION.to_le_bytes())?;
        let mut w = Writer { out };
        w.write(&Record::Header(header.clone()))?;
        Ok(w)
    }

    pub fn write(&mut self, record: &Record) -> io::Result<()> {
        let (kind, payload) = encode(record);
        if payload.len() > MAX_PAYLOAD as usize {
            return Err(io::Error::other(format!(
                "a record of {} bytes is more than a recording holds ({MAX_PAYLOAD})",
                payload.len()
            )));
        }
        let len = payload.len() as u32;
        let mut crc = crc32fast::Hasher::new();
        crc.update(&[kind]);
        crc.update(&len.to_le_bytes());
        crc.update(&payload);
        self.out.write_all(&[kind])?;
        self.out.write_all(&len.to_le_bytes())?;
        self.out.write_all(&payload)?;
        self.out.write_all(&crc.finalize().to_le_bytes())
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}

fn encode(record: &Record) -> (u8, Vec<u8>) {
    let mut p = Vec::new();
    let kind = match record {
        Record::Header(h) => {
            p.extend_from_slice(&(h.entries.len() as u32).to_le_bytes());
            for (k, v) in &h.entries {
                for s in [k, v] {
                    p.extend_from_slice(&(s.len() as u32).to_le_bytes());
                    p.extend_from_slice(s.as_bytes());
                }
            }
            K_HEADER
        }
        Record::Event(e) => {
            p.extend_from_slice(&e.tick.to_le_bytes());
            p.extend_from_slice(&e.source.to_le_bytes());
            p.extend_from_slice(&e.kind.to_le_bytes());
            p.extend_from_slice(&e.data);
            K_EVENT
        }
        Record::Checkpoint(c) => {
            p.extend_from_slice(&c.icount.to_le_bytes());
            p.extend_from_slice(&c.pc.to_le_bytes());
            p.extend_from_slice(&c.cpu_hash.to_le_bytes());
            p.extend_from_slice(&c.mem_hash.to_le_bytes());
            if let Some((tick, regs)) = &c.at {
                p.extend_from_slice(&tick.to_le_bytes());
                for r in regs {
                    p.extend_from_slice(&r.to_le_bytes());
                }
            }
            K_CHECKPOINT
        }
        Record::End { icount } => {
            p.extend_from_slice(&icount.to_le_bytes());
            K_END
        }
        Record::Snapshot { tick, state } => {
            p.extend_from_slice(&tick.to_le_bytes());
            p.extend_from_slice(state);
            K_SNAPSHOT
        }
        Record::Reached { tick } => {
            p.extend_from_slice(&tick.to_le_bytes());
            K_REACHED
        }
    };
    (kind, p)
}

/// Reads a recording held in memory. Every error is a value: a damaged or
/// foreign file never panics the reader (`tests` hold it to that on
/// random bytes, and a fuzz target will too).
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    failed: bool,
}

impl<'a> Reader<'a> {
    /// Checks the magic number and version.
    pub fn new(bytes: &'a [u8]) -> Result<Self, FormatError> {
        if bytes.len() < 8 || &bytes[..8] != MAGIC {
            return Err(FormatError::BadMagic);
        }
        let v = bytes
            .get(8..12)
            .map(|b| u32::from_le_bytes(b.try_into().unwrap()))
            .ok_or(FormatError::Truncated(8))?;
        if v != VERSION {
            return Err(FormatError::UnknownVersion(v));
        }
        Ok(Reader {
            bytes,
            at: 12,
            failed: false,
        })
    }

    /// Where the next record starts.
    pub fn offset(&self) -> usize {
        self.at
    }

    fn record(&mut self) -> Result<Record, FormatError> {
        let start = self.at;
        let head = self
            .bytes
            .get(start..start + 5)
            .ok_or(FormatError::Truncated(start))?;
        let kind = head[0];
        let len = u32::from_le_bytes(head[1..5].try_into().unwrap());
        if len > MAX_PAYLOAD {
            return Err(FormatError::TooLong(start, len));
        }
        let end = start + 5 + len as usize;
        let whole = self
            .bytes
            .get(start..end + 4)
            .ok_or(FormatError::Truncated(start))?;
        let want = u32::from_le_bytes(whole[5 + len as usize..].try_into().unwrap());
        if crc32fast::hash(&whole[..5 + len as usize]) != want {
            return Err(FormatError::Checksum(start));
        }
        self.at = end + 4;
        decode(kind, &whole[5..5 + len as usize], start)
    }
}

impl Iterator for Reader<'_> {
    type Item = Result<Record, FormatError>;

    /// The next record; after an error, nothing more.
    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.at >= self.bytes.len() {
            return None;
        }
        let r = self.record();
        self.failed = r.is_err();
        Some(r)
    }
}

/// A checkpoint with its tick and registers: 28 bytes of hashes, the
/// tick, 17 registers.
const CHECKPOINT_LEN: usize = 28 + 8 + 17 * 4;

fn decode(kind: u8, p: &[u8], offset: usize) -> Result<Record, FormatError> {
    let malformed = |what| FormatError::Malformed { what, offset };
    let u64_at = |i: usize| {
        p.get(i..i + 8)
            .map(|b| u64::from_le_bytes(b.try_into().unwrap()))
    };
    match kind {
        K_HEADER => {
            let mut at = 0usize;
            let mut take = |n: usize| {
                let s = p.get(at..at.checked_add(n)?)?;
                at += n;
                Some(s)
            };
            let count = u32::from_le_bytes(take(4).ok_or(malformed("header"))?.try_into().unwrap());
            let mut entries = Vec::new();
            for _ in 0..count {
                let mut pair = [String::new(), String::new()];
                for s in &mut pair {
                    let n = take(4).ok_or(malformed("header"))?;
                    let n = u32::from_le_bytes(n.try_into().unwrap()) as usize;
                    let bytes = take(n).ok_or(malformed("header"))?;
                    *s = String::from_utf8(bytes.to_vec()).map_err(|_| malformed("header"))?;
                }
                let [k, v] = pair;
                entries.push((k, v));
            }
            Ok(Record::Header(Header { entries }))
        }
        K_EVENT if p.len() >= 12 => Ok(Record::Event(InputEvent {
            tick: u64_at(0).unwrap(),
            source: u16::from_le_bytes([p[8], p[9]]),
            kind: u16::from_le_bytes([p[10], p[11]]),
            data: p[12..].to_vec(),
        })),
        K_EVENT => Err(malformed("event")),
        K_CHECKPOINT if p.len() == 28 || p.len() == CHECKPOINT_LEN => {
            let at = (p.len() == CHECKPOINT_LEN).then(|| {
                let mut regs = [0u32; 17];
                for (i, r) in regs.iter_mut().enumerate() {
                    *r = u32::from_le_bytes(p[36 + 4 * i..40 + 4 * i].try_into().unwrap());
                }
                (u64_at(28).unwrap(), regs)
            });
            Ok(Record::Checkpoint(Checkpoint {
                icount: u64_at(0).unwrap(),
                pc: u32::from_le_bytes(p[8..12].try_into().unwrap()),
                cpu_hash: u64_at(12).unwrap(),
                mem_hash: u64_at(20).unwrap(),
                at,
            }))
        }
        K_CHECKPOINT => Err(malformed("checkpoint")),
        K_END if p.len() == 8 => Ok(Record::End {
            icount: u64_at(0).unwrap(),
        }),
        K_END => Err(malformed("end")),
        K_SNAPSHOT if p.len() >= 8 => Ok(Record::Snapshot {
            tick: u64_at(0).unwrap(),
            state: p[8..].to_vec(),
        }),
        K_SNAPSHOT => Err(malformed("snapshot")),
        K_REACHED if p.len() == 8 => Ok(Record::Reached {
            tick: u64_at(0).unwrap(),
        }),
        K_REACHED => Err(malformed("reached")),
        kind => Err(FormatError::UnknownRecord { kind, offset }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> (Vec<u8>, Vec<Record>) {
        let header = Header {
            entries: vec![
                ("icount-shift".into(), "3".into()),
                ("image-hash".into(), "0123456789abcdef".into()),
            ],
        };
        let records = vec![
            Record::Header(header.clone()),
            Record::Event(InputEvent {
                tick: 1000,
                source: 4,
                kind: 1,
                data: b"hello".to_vec(),
            }),
            Record::Checkpoint(Checkpoint {
                icount: 1 << 20,
                pc: 0x4000_0100,
                cpu_hash: 0x1111,
                mem_hash: 0x2222,
                at: None,
            }),
            Record::Checkpoint(Checkpoint {
                icount: 2 << 20,
                pc: 0x4000_0200,
                cpu_hash: 0x3333,
                mem_hash: 0x4444,
                at: Some((3 << 20, std::array::from_fn(|i| i as u32 * 7))),
            }),
            Record::Snapshot {
                tick: 3 << 20,
                state: b"state".to_vec(),
            },
            Record::Reached { tick: 4 << 20 },
            Record::Event(InputEvent {
                tick: 5000,
                source: 2,
                kind: 0,
                data: Vec::new(),
            }),
            Record::End { icount: 2 << 20 },
        ];
        let mut w = Writer::new(Vec::new(), &header).unwrap();
        for r in &records[1..] {
            w.write(r).unwrap();
        }
        (w.into_inner(), records)
    }

    #[test]
    fn records_read_back_as_written() {
        let (bytes, records) = sample();
        let got: Result<Vec<_>, _> = Reader::new(&bytes).unwrap().collect();
        assert_eq!(got.unwrap(), records);
    }

    /// A recording cut anywhere (a killed recorder) reads up to its last
    /// whole record, then says where it was cut; never a wrong record.
    #[test]
    fn a_cut_recording_reads_to_its_last_whole_record() {
        let (bytes, records) = sample();
        for cut in 12..bytes.len() {
            let mut ok = Vec::new();
            let mut end = None;
            for r in Reader::new(&bytes[..cut]).unwrap() {
                match r {
                    Ok(r) => ok.push(r),
                    Err(e) => end = Some(e),
                }
            }
            assert_eq!(ok[..], records[..ok.len()], "cut at {cut}");
            assert!(
                matches!(end, Some(FormatError::Truncated(_)) | None),
                "cut at {cut}: {end:?}"
            );
        }
    }

    /// A byte flipped anywhere after the magic and version is caught (the
    /// checksum, or the length it damaged), never read as a record.
    #[test]
    fn a_damaged_byte_is_caught() {
        let (bytes, records) = sample();
        for i in 12..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x40;
            let got: Vec<_> = Reader::new(&b).unwrap().collect();
            let good = got.iter().take_while(|r| r.is_ok()).count();
            assert!(good < records.len(), "flip at {i} went unnoticed");
            for (r, want) in got.iter().zip(&records) {
                if let Ok(r) = r {
                    assert_eq!(r, want, "flip at {i}");
                }
            }
        }
    }

    #[test]
    fn foreign_files_and_other_versions_are_refused() {
        assert_eq!(
            Reader::new(b"\x7fELF....").err(),
            Some(FormatError::BadMagic)
        );
        assert_eq!(Reader::new(b"").err(), Some(FormatError::BadMagic));
        let mut b = MAGIC.to_vec();
        b.extend_from_slice(&2u32.to_le_bytes());
        assert_eq!(Reader::new(&b).err(), Some(FormatError::UnknownVersion(2)));
    }

    proptest! {
        /// Any bytes after a valid start: errors, never a panic.
        #[test]
        fn arbitrary_bytes_never_panic(tail in prop::collection::vec(any::<u8>(), 0..200)) {
            let mut b = MAGIC.to_vec();
            b.extend_from_slice(&VERSION.to_le_bytes());
            b.extend_from_slice(&tail);
            for r in Reader::new(&b).unwrap() {
                let _ = r;
            }
        }
    }
}
