//! Disassembly through capstone: `lockstep disas`, and the text of
//! `--trace insn`. Capstone is a second opinion next to our own decoder
//! (`sim::decode`), which `--decoder` shows alongside; the simulator itself
//! never depends on it.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use anyhow::{bail, Context, Result};
use capstone::arch::arm::ArchMode;
use capstone::prelude::*;
use object::{Object, ObjectSection, ObjectSegment, ObjectSymbol, SectionKind};
use sim::decode::{self, Ctx, Insn};

/// The instruction set of a stretch of code, or data (mapping symbol `$d`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Arm,
    Thumb,
    Data,
}

/// Capstone handles for ARM and Thumb state (little endian, ARMv7-A with
/// VFPv3 and Neon: capstone's ARM defaults without the v8 and M-profile
/// extra modes). Creating them is slow, so one `Disassembler` serves a
/// whole run.
pub struct Disassembler {
    arm: Capstone,
    thumb: Capstone,
    /// Instructions capstone still counts as inside an IT block. Capstone
    /// keeps IT state across calls (it prints the conditions it implies);
    /// `reset_it` forgets it when the caller's code does not follow on.
    it_left: u8,
}

/// A Thumb NOP, fed to capstone to move it out of an IT block.
const THUMB_NOP: [u8; 2] = [0x00, 0xbf];

impl Disassembler {
    pub fn new() -> Result<Self> {
        let build = |mode| {
            Capstone::new()
                .arm()
                .mode(mode)
                .build()
                .map_err(|e| anyhow::anyhow!("cannot start capstone: {e}"))
        };
        Ok(Disassembler {
            arm: build(ArchMode::Arm)?,
            thumb: build(ArchMode::Thumb)?,
            it_left: 0,
        })
    }

    /// Disassembles the instruction at the start of `bytes` (at `addr`):
    /// its length and text, or `None` if capstone has no decoding for it.
    /// Thumb instructions after an IT instruction show its conditions
    /// until `reset_it`.
    pub fn one(&mut self, thumb: bool, bytes: &[u8], addr: u32) -> Option<(usize, String)> {
        let cs = if thumb { &self.thumb } else { &self.arm };
        // cs_disasm_iter, unlike cs_disasm, keeps capstone's IT state.
        let mut iter = cs.disasm_iter(bytes, addr as u64).ok()?;
        let insn = iter.next()?;
        let mnemonic = insn.mnemonic().unwrap_or("");
        let ops = insn.op_str().unwrap_or("");
        if thumb {
            if is_it_mnemonic(mnemonic) {
                self.it_left = (mnemonic.len() - 1) as u8;
            } else {
                self.it_left = self.it_left.saturating_sub(1);
            }
        }
        let text = if ops.is_empty() {
            mnemonic.to_string()
        } else {
            format!("{mnemonic} {ops}")
        };
        Some((insn.len(), text))
    }

    /// Disassembles one instruction executed with IT state `itstate`
    /// (the CPSR.IT byte, 0 outside IT blocks), whatever came before: a
    /// Thumb instruction inside an IT block shows its condition.
    pub fn one_in_it(
        &mut self,
        thumb: bool,
        bytes: &[u8],
        addr: u32,
        itstate: u8,
    ) -> Option<(usize, String)> {
        self.it_left = 1;
        self.reset_it();
        if thumb && itstate != 0 {
            // ITSTATE has the layout of the IT instruction's firstcond:mask
            // (A2.5.2), so `IT` with it recreates the rest of the block.
            let it = [itstate, 0xbf];
            let iter = self.thumb.disasm_iter(&it, 0);
            if let Ok(mut iter) = iter {
                iter.next();
            }
        }
        let r = self.one(thumb, bytes, addr);
        // Capstone may be inside the recreated block: make the next
        // `reset_it` clear it.
        self.it_left = 1;
        r
    }

    /// Takes capstone out of any IT block it believes it is in (before
    /// disassembling code that does not follow on from the last call).
    pub fn reset_it(&mut self) {
        if self.it_left != 0 {
            // cs_disasm starts by clearing the IT state.
            let _ = self.thumb.disasm_count(&THUMB_NOP, 0, 1);
            self.it_left = 0;
        }
    }
}

/// `it`, `ite`, `ittet`, ...: the IT instruction's mnemonics.
pub fn is_it_mnemonic(m: &str) -> bool {
    m.len() >= 2
        && m.len() <= 5
        && m.starts_with("it")
        && m[2..].bytes().all(|c| c == b't' || c == b'e')
}

/// The encoding as ARM tools show it: `e92d4010` (ARM), `4770` (16-bit
/// Thumb), `f8d1 2004` (32-bit Thumb, first halfword first).
pub fn encoding(raw: u32, len: usize, thumb: bool) -> String {
    match (thumb, len) {
        (true, 2) => format!("{raw:04x}"),
        (true, _) => format!("{:04x} {:04x}", raw >> 16, raw & 0xffff),
        (false, _) => format!("{raw:08x}"),
    }
}

/// One instruction fetched from `bytes` in the given state: (raw encoding
/// as `Insn` decoders take it, length), or `None` if `bytes` is too short.
pub fn fetch(bytes: &[u8], thumb: bool) -> Option<(u32, usize)> {
    let hw = |i: usize| -> Option<u32> {
        Some(u16::from_le_bytes([*bytes.get(i)?, *bytes.get(i + 1)?]) as u32)
    };
    if thumb {
        let hw1 = hw(0)?;
        if decode::is_thumb32(hw1 as u16) {
            Some((hw1 << 16 | hw(2)?, 4))
        } else {
            Some((hw1, 2))
        }
    } else {
        Some((hw(0)? | hw(2)? << 16, 4))
    }
}

/// Our own decoder's reading of an instruction, for `--decoder`, with the
/// IT state that decides 16-bit flag setting (tracked the way the
/// interpreter does).
struct OurDecoder {
    it: u8,
}

impl OurDecoder {
    fn decode(&mut self, raw: u32, len: usize, thumb: bool) -> &'static str {
        if !thumb {
            self.it = 0;
            return decode::decode_arm(raw).map_or("UNDEFINED", |i| i.name());
        }
        let ctx = Ctx {
            in_it: self.it != 0,
        };
        let insn = if len == 4 {
            decode::decode_thumb32(raw, &ctx)
        } else {
            decode::decode_thumb16(raw as u16, &ctx)
        };
        self.it = match insn {
            Some(Insn::It(a)) => a.cond_mask as u8,
            _ if self.it & 7 == 0 => 0,
            _ => (self.it & 0xe0) | ((self.it << 1) & 0x1f),
        };
        insn.map_or("UNDEFINED", |i| i.name())
    }
}

/// What `lockstep disas` was asked to do.
pub struct DisasOpts {
    pub file: PathBuf,
    pub addrs: Vec<u32>,
    pub thumb: bool,
    pub count: usize,
    pub decoder: bool,
}

/// `lockstep disas`. A closed pipe (`| head`) ends it quietly.
pub fn run(opts: &DisasOpts) -> Result<i32> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match disas_file(opts, &mut out).and_then(|()| out.flush().map_err(Into::into)) {
        Err(e)
            if e.downcast_ref::<io::Error>().map(|e| e.kind())
                == Some(io::ErrorKind::BrokenPipe) =>
        {
            Ok(0)
        }
        Err(e) => Err(e),
        Ok(()) => Ok(0),
    }
}

/// A section's bytes and address range.
struct Code<'a> {
    name: String,
    addr: u32,
    data: &'a [u8],
    /// Mapping symbols in this section: start address to kind.
    map: BTreeMap<u32, Kind>,
}

impl Code<'_> {
    fn end(&self) -> u32 {
        self.addr.wrapping_add(self.data.len() as u32)
    }

    fn contains(&self, addr: u32) -> bool {
        addr >= self.addr && addr - self.addr < self.data.len() as u32
    }
}

fn disas_file(opts: &DisasOpts, out: &mut dyn Write) -> Result<()> {
    let path = &opts.file;
    let data = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let file = object::File::parse(&*data)
        .with_context(|| format!("{}: not an ELF file", path.display()))?;
    if file.architecture() != object::Architecture::Arm || !file.is_little_endian() {
        bail!(
            "{}: not a 32-bit little-endian ARM ELF file (it is {:?})",
            path.display(),
            file.architecture()
        );
    }
    let map = mapping_symbols(&file);
    let mut dis = Disassembler::new()?;
    let default = if opts.thumb { Kind::Thumb } else { Kind::Arm };
    let ctx = Walk {
        out,
        dis: &mut dis,
        ours: opts.decoder.then_some(OurDecoder { it: 0 }),
    };
    if opts.addrs.is_empty() {
        let mut any = false;
        let mut w = ctx;
        for section in file.sections() {
            if section.kind() != SectionKind::Text {
                continue;
            }
            let Ok(bytes) = section.data() else { continue };
            let code = Code {
                name: section.name().unwrap_or("?").to_string(),
                addr: section.address() as u32,
                data: bytes,
                map: map.get(&section.index().0).cloned().unwrap_or_default(),
            };
            let mode = if code.map.is_empty() {
                if opts.thumb {
                    "Thumb"
                } else {
                    "ARM"
                }
            } else {
                "by mapping symbols"
            };
            writeln!(
                w.out,
                "{}Disassembly of section {} ({:#010x}-{:#010x}, {mode}):",
                if any { "\n" } else { "" },
                code.name,
                code.addr,
                code.end()
            )?;
            any = true;
            w.walk(&code, code.addr, None, default, usize::MAX)?;
        }
        if !any {
            bail!("{}: no executable sections", path.display());
        }
        return Ok(());
    }
    let mut w = ctx;
    for (i, &addr) in opts.addrs.iter().enumerate() {
        let code = find_code(&file, &map, addr & !1).with_context(|| {
            format!(
                "{}: address {addr:#010x} is not in any section or segment of the file",
                path.display()
            )
        })?;
        if i > 0 {
            writeln!(w.out)?;
        }
        // An odd address is a Thumb function pointer.
        let forced = (addr & 1 != 0).then_some(Kind::Thumb);
        w.walk(&code, addr & !1, forced, default, opts.count)?;
    }
    Ok(())
}

/// The section (or, without section headers, the loadable segment) that
/// holds `addr`.
fn find_code<'a>(
    file: &object::File<'a>,
    map: &BTreeMap<usize, BTreeMap<u32, Kind>>,
    addr: u32,
) -> Option<Code<'a>> {
    for section in file.sections() {
        let Ok(bytes) = section.data() else { continue };
        let code = Code {
            name: section.name().unwrap_or("?").to_string(),
            addr: section.address() as u32,
            data: bytes,
            map: map.get(&section.index().0).cloned().unwrap_or_default(),
        };
        if section.address() != 0 && code.contains(addr) {
            return Some(code);
        }
    }
    for seg in file.segments() {
        let Ok(bytes) = seg.data() else { continue };
        let code = Code {
            name: String::new(),
            addr: seg.address() as u32,
            data: bytes,
            map: BTreeMap::new(),
        };
        if code.contains(addr) {
            return Some(code);
        }
    }
    None
}

/// Mapping symbols (`$a`, `$t`, `$d`, optionally followed by `.suffix`;
/// ARM ELF ABI 5.5.5) per section.
fn mapping_symbols(file: &object::File) -> BTreeMap<usize, BTreeMap<u32, Kind>> {
    let mut map: BTreeMap<usize, BTreeMap<u32, Kind>> = BTreeMap::new();
    for sym in file.symbols() {
        let Ok(name) = sym.name() else { continue };
        let Some(section) = sym.section_index() else {
            continue;
        };
        let kind = match name.split('.').next() {
            Some("$a") => Kind::Arm,
            Some("$t") => Kind::Thumb,
            Some("$d") => Kind::Data,
            _ => continue,
        };
        map.entry(section.0)
            .or_default()
            .insert(sym.address() as u32, kind);
    }
    map
}

/// The kind of code at `addr`, from the mapping symbols: the last one at or
/// before it. `None` without any.
fn kind_at(map: &BTreeMap<u32, Kind>, addr: u32) -> Option<(u32, Kind)> {
    map.range(..=addr).next_back().map(|(&a, &k)| (a, k))
}

struct Walk<'a> {
    out: &'a mut dyn Write,
    dis: &'a mut Disassembler,
    ours: Option<OurDecoder>,
}

impl Walk<'_> {
    /// Prints up to `count` lines from `start` to the end of `code`,
    /// switching state at mapping symbols. `forced` overrides the state
    /// until the next mapping symbol; `default` applies where there is none.
    fn walk(
        &mut self,
        code: &Code,
        start: u32,
        forced: Option<Kind>,
        default: Kind,
        count: usize,
    ) -> io::Result<()> {
        let first_region = kind_at(&code.map, start).map(|(a, _)| a);
        let mut addr = start;
        let mut last_kind = None;
        let mut lines = 0;
        while addr < code.end() && lines < count {
            let region = kind_at(&code.map, addr);
            let kind = match (forced, region) {
                (Some(k), r) if r.map(|(a, _)| a) == first_region => k,
                (_, Some((_, k))) => k,
                (_, None) => default,
            };
            let next_sym = code
                .map
                .range(addr.wrapping_add(1)..)
                .next()
                .map_or(code.end(), |(&a, _)| a);
            if last_kind != Some(kind) {
                // Code that does not follow on: no IT block carries over.
                self.dis.reset_it();
                if let Some(o) = &mut self.ours {
                    o.it = 0;
                }
                last_kind = Some(kind);
            }
            lines += 1;
            let off = (addr - code.addr) as usize;
            let align = if kind == Kind::Thumb { 2 } else { 4 };
            if kind == Kind::Data || !addr.is_multiple_of(align) {
                let end = if kind == Kind::Data {
                    next_sym
                } else {
                    (addr + align - 1) & !(align - 1)
                };
                let end = end.min(code.end());
                writeln!(self.out, "{addr:08x}: <{} bytes of data>", end - addr)?;
                addr = end;
                continue;
            }
            let thumb = kind == Kind::Thumb;
            let bytes = &code.data[off..(off + 4).min(code.data.len())];
            let Some((raw, len)) = fetch(bytes, thumb) else {
                writeln!(self.out, "{addr:08x}: <{} bytes at the end>", bytes.len())?;
                break;
            };
            let enc = encoding(raw, len, thumb);
            let text = match self.dis.one(thumb, &bytes[..len], addr) {
                Some((_, text)) => text,
                None => {
                    self.dis.reset_it();
                    match (thumb, len) {
                        (false, _) => format!(".inst 0x{raw:08x}   (undefined)"),
                        (true, 2) => format!(".inst.n 0x{raw:04x}   (undefined)"),
                        (true, _) => format!(".inst.w 0x{raw:08x}   (undefined)"),
                    }
                }
            };
            match &mut self.ours {
                Some(o) => {
                    let name = o.decode(raw, len, thumb);
                    writeln!(self.out, "{addr:08x}: {enc:<9}  {text:<40} ; {name}")?
                }
                None => writeln!(self.out, "{addr:08x}: {enc:<9}  {text}")?,
            }
            addr += len as u32;
        }
        Ok(())
    }
}

/// `--trace insn`: one line per executed instruction.
pub struct Tracer {
    dis: Disassembler,
    out: Box<dyn Write>,
    /// Disassembly by (address, encoding, Thumb bit and IT state): a loop
    /// is disassembled once.
    cache: HashMap<(u32, u32, u16), Rc<str>>,
}

impl Tracer {
    /// Traces to `path`, or to stderr (line by line, so that it interleaves
    /// with the guest's own stderr) if `None`.
    pub fn new(path: Option<&Path>) -> Result<Self> {
        let out: Box<dyn Write> = match path {
            Some(p) => Box::new(io::BufWriter::new(
                std::fs::File::create(p)
                    .with_context(|| format!("cannot create trace file {}", p.display()))?,
            )),
            None => Box::new(io::LineWriter::new(io::stderr())),
        };
        Ok(Tracer {
            dis: Disassembler::new()?,
            out,
            cache: HashMap::new(),
        })
    }

    /// Prints the instruction the CPU is about to execute: icount,
    /// address, encoding and disassembly.
    pub fn insn(&mut self, cpu: &sim::cpu::CpuState, mem: &sim::memory::GuestMemory) -> Result<()> {
        let pc = cpu.r[15];
        let thumb = cpu.thumb;
        let fetched = if thumb {
            mem.fetch16(pc).and_then(|hw1| {
                if decode::is_thumb32(hw1) {
                    mem.fetch16(pc.wrapping_add(2))
                        .map(|hw2| ((hw1 as u32) << 16 | hw2 as u32, 4))
                } else {
                    Ok((hw1 as u32, 2))
                }
            })
        } else {
            mem.fetch32(pc).map(|w| (w, 4))
        };
        let icount = cpu.icount;
        let Ok((raw, len)) = fetched else {
            writeln!(self.out, "{icount:>12} {pc:08x}: (instruction fetch fault)")?;
            return Ok(());
        };
        let it = if thumb { cpu.itstate } else { 0 };
        let key = (pc, raw, (thumb as u16) << 8 | it as u16);
        let text = match self.cache.get(&key) {
            Some(t) => t.clone(),
            None => {
                let bytes: Vec<u8> = if thumb && len == 4 {
                    [(raw >> 16) as u16, raw as u16]
                        .iter()
                        .flat_map(|h| h.to_le_bytes())
                        .collect()
                } else {
                    raw.to_le_bytes()[..len].to_vec()
                };
                let text: Rc<str> = self
                    .dis
                    .one_in_it(thumb, &bytes, pc, it)
                    .map_or_else(|| "(undefined)".to_string(), |(_, t)| t)
                    .into();
                self.cache.insert(key, text.clone());
                text
            }
        };
        writeln!(
            self.out,
            "{icount:>12} {pc:08x}: {:<9}  {text}",
            encoding(raw, len, thumb)
        )?;
        Ok(())
    }

    pub fn finish(&mut self) -> Result<()> {
        self.out.flush().context("cannot write the trace")
    }
}

/// Parses an address: `0x10074` (hex) or `65652` (decimal).
pub fn parse_addr(s: &str) -> Result<u32, String> {
    let r = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(h) => u32::from_str_radix(h, 16),
        None => s.parse(),
    };
    r.map_err(|_| format!("`{s}` is not an address (write 0x10074 or 65652)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(encoding(0xe92d_4010, 4, false), "e92d4010");
        assert_eq!(encoding(0x4770, 2, true), "4770");
        assert_eq!(encoding(0xf8d1_2004, 4, true), "f8d1 2004");
    }

    #[test]
    fn fetch_orders_halfwords() {
        // ldr.w r2, [r1, #4] is stored as d1 f8 04 20.
        assert_eq!(
            fetch(&[0xd1, 0xf8, 0x04, 0x20], true),
            Some((0xf8d1_2004, 4))
        );
        assert_eq!(fetch(&[0x70, 0x47, 0, 0], true), Some((0x4770, 2)));
        assert_eq!(
            fetch(&[0x10, 0x40, 0x2d, 0xe9], false),
            Some((0xe92d_4010, 4))
        );
        assert_eq!(fetch(&[0xd1, 0xf8], true), None);
    }

    #[test]
    fn capstone_text_and_it_state() {
        let mut d = Disassembler::new().unwrap();
        let (len, t) = d.one(false, &[0x10, 0x40, 0x2d, 0xe9], 0x10074).unwrap();
        assert_eq!((len, t.as_str()), (4, "push {r4, lr}"));
        // ite eq; moveq r0, #1 — then a reset: the next mov is unconditional.
        assert_eq!(d.one(true, &[0x0c, 0xbf], 0).unwrap().1, "ite eq");
        assert_eq!(d.one(true, &[0x01, 0x20], 2).unwrap().1, "moveq r0, #1");
        d.reset_it();
        assert_eq!(d.one(true, &[0x01, 0x20], 4).unwrap().1, "movs r0, #1");
        // In the middle of an IT block, from ITSTATE alone: after `ite eq`
        // the second instruction runs with ITSTATE 0b0001_1000 (ne, last).
        let (_, t) = d.one_in_it(true, &[0x01, 0x20], 6, 0x18).unwrap();
        assert_eq!(t, "movne r0, #1");
        let (_, t) = d.one_in_it(true, &[0x01, 0x20], 8, 0).unwrap();
        assert_eq!(t, "movs r0, #1");
        assert!(d.one(false, &[0xff, 0xff, 0xff, 0xff], 0).is_none());
    }

    #[test]
    fn addresses() {
        assert_eq!(parse_addr("0x10074"), Ok(0x10074));
        assert_eq!(parse_addr("65652"), Ok(65652));
        assert!(parse_addr("zz").is_err());
    }

    #[test]
    fn mapping_kinds() {
        let map: BTreeMap<u32, Kind> = [
            (0x100, Kind::Arm),
            (0x120, Kind::Data),
            (0x130, Kind::Thumb),
        ]
        .into_iter()
        .collect();
        assert_eq!(kind_at(&map, 0xfc), None);
        assert_eq!(kind_at(&map, 0x11c), Some((0x100, Kind::Arm)));
        assert_eq!(kind_at(&map, 0x120), Some((0x120, Kind::Data)));
        assert_eq!(kind_at(&map, 0x200), Some((0x130, Kind::Thumb)));
    }
}
