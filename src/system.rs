//! `lockstep run`: a bare-metal image on the `virt` board (system mode).

use std::io::{Read, Write};

use crossbeam::channel::{unbounded, Receiver};
use std::path::Path;

use anyhow::{bail, Context, Result};
use object::{Object, ObjectSegment};

use devices::pl011::Serial;
use devices::virt::{VirtBoard, RAM_BASE};
use sim::cpu::CpuState;
use sim::machine::{Console, Machine, Stop};
use sim::memory::GuestMemory;
use sim::time::{HostClock, VirtualClock};

use crate::{checkpoints, stats, user, RunOpts};
use sim::replay::format::Header;

/// FNV-1a over an image: a header's check that two traces ran the same
/// program.
fn fnv64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

/// The built-in guest of `lockstep run` with no image.
const DEMO: &[u8] = include_bytes!("../tests/guests/bare/bin/demo.elf");

/// The RTC and semihosting's SYS_TIME start from this epoch and follow
/// virtual time unless `--host-time` (2026-01-01T00:00:00Z): fixed, so
/// runs repeat.
const EPOCH: u32 = 1_767_225_600;

struct Stdout;

impl Serial for Stdout {
    fn transmit(&mut self, byte: u8) {
        let mut o = std::io::stdout().lock();
        let _ = o.write_all(&[byte]);
        if byte == b'\n' {
            let _ = o.flush();
        }
    }
}

/// The host's clocks, for host-time limits (never for guest time).
struct Wall(std::time::Instant);

impl HostClock for Wall {
    fn monotonic_ns(&self) -> u64 {
        self.0.elapsed().as_nanos() as u64
    }

    fn wall_ns(&self) -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64)
    }
}

struct Terminal {
    host_time: bool,
    /// The host's stdin (`stdin_thread`), shared with the UART.
    input: Receiver<u8>,
}

/// A backend thread reading the host's stdin: its bytes go to the UART
/// (while the guest has its receiver on) and to semihosting reads.
fn stdin_thread() -> Receiver<u8> {
    let (tx, rx) = unbounded();
    let spawned = std::thread::Builder::new()
        .name("lockstep-stdin".into())
        .spawn(move || {
            let mut buf = [0u8; 256];
            let mut stdin = std::io::stdin().lock();
            while let Ok(n @ 1..) = stdin.read(&mut buf) {
                for &b in &buf[..n] {
                    if tx.send(b).is_err() {
                        return;
                    }
                }
            }
        });
    // Without the thread the guest sees an input that has ended.
    drop(spawned);
    rx
}

impl Console for Terminal {
    fn write(&mut self, bytes: &[u8]) {
        let mut o = std::io::stdout().lock();
        let _ = o.write_all(bytes);
        let _ = o.flush();
    }

    fn read_byte(&mut self) -> Option<u8> {
        self.input.recv().ok()
    }

    fn notice(&mut self, msg: &str) {
        eprintln!("lockstep: note: {msg}");
    }

    fn time(&mut self, ns: u64) -> u32 {
        if self.host_time {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as u32)
        } else {
            EPOCH + (ns / 1_000_000_000) as u32
        }
    }
}

/// Loads `image` into RAM: an ELF's loadable segments (entry from its
/// header), or raw bytes at the start of RAM (entry there). Returns the
/// entry point.
fn load(mem: &mut GuestMemory, image: &[u8], ram: u32, name: &str) -> Result<u32> {
    let ram_end = RAM_BASE as u64 + ram as u64;
    let in_ram = |addr: u64, len: u64| addr >= RAM_BASE as u64 && addr + len <= ram_end;
    if image.starts_with(b"\x7fELF") {
        let elf =
            object::File::parse(image).with_context(|| format!("{name}: not a valid ELF file"))?;
        if elf.architecture() != object::Architecture::Arm || elf.is_64() {
            bail!("{name}: not a 32-bit ARM ELF file");
        }
        for seg in elf.segments() {
            let (addr, size) = (seg.address(), seg.size());
            let data = seg
                .data()
                .with_context(|| format!("{name}: unreadable segment at {addr:#x}"))?;
            if size == 0 {
                continue;
            }
            if !in_ram(addr, size) {
                bail!(
                    "{name}: segment at {addr:#x}-{:#x} is outside RAM ({:#x}-{ram_end:#x}); link it for the virt board (RAM at {:#x})",
                    addr + size,
                    RAM_BASE,
                    RAM_BASE
                );
            }
            mem.poke_bytes(addr as u32, data)
                .map_err(|f| anyhow::anyhow!("{name}: cannot load at {:#x}", f.addr))?;
        }
        Ok(elf.entry() as u32)
    } else {
        if !in_ram(RAM_BASE as u64, image.len() as u64) {
            bail!(
                "{name}: {} bytes do not fit in {} MiB of RAM",
                image.len(),
                ram >> 20
            );
        }
        mem.poke_bytes(RAM_BASE, image)
            .map_err(|f| anyhow::anyhow!("{name}: cannot load at {:#x}", f.addr))?;
        Ok(RAM_BASE)
    }
}

pub fn run(image: Option<&Path>, opts: &RunOpts) -> Result<i32> {
    let (bytes, name) = match image {
        Some(p) => (
            std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?,
            p.display().to_string(),
        ),
        None => (DEMO.to_vec(), "built-in demo".to_string()),
    };
    let clock = VirtualClock::new(opts.icount_shift).with_context(|| {
        format!(
            "--icount-shift {} is out of range (0-{})",
            opts.icount_shift,
            VirtualClock::MAX_SHIFT
        )
    })?;
    let ram = opts
        .ram_mib
        .checked_mul(1 << 20)
        .filter(|&r| r > 0 && r as u64 <= 0xc000_0000)
        .with_context(|| format!("--ram {} MiB does not fit the address space", opts.ram_mib))?;
    let mut mem = GuestMemory::new().context("cannot reserve guest memory")?;
    let epoch = if opts.host_time {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as u32)
    } else {
        EPOCH
    };
    let mut board = VirtBoard::new(&mut mem, ram, clock, Box::new(Stdout), epoch);
    let input = stdin_thread();
    board.attach_input(input.clone());
    if let Some(path) = &opts.disk {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .with_context(|| format!("cannot open disk image {}", path.display()))?;
        board
            .attach_disk(file, opts.virtio_legacy, None)
            .with_context(|| format!("cannot start the disk backend for {}", path.display()))?;
    }
    let entry = load(&mut mem, &bytes, ram, &name)?;
    let mut cpu = CpuState::system_reset(entry & !1);
    cpu.thumb = entry & 1 != 0;
    let mut m = Machine::new(
        cpu,
        mem,
        user::engine(opts.exec, opts.stats)?,
        board,
        opts.semihosting || image.is_none(),
        Box::new(Terminal {
            host_time: opts.host_time,
            input,
        }),
    );
    if let Some(secs) = opts.timeout {
        if !(secs > 0.0 && secs.is_finite()) {
            bail!("--timeout {secs}: give a positive number of seconds");
        }
        m.set_host_timeout(
            Box::new(Wall(std::time::Instant::now())),
            (secs * 1e9) as u64,
        );
    }
    let start = std::time::Instant::now();
    let limit = opts.limit.unwrap_or(u64::MAX);
    let stop = match &opts.trace_checkpoints {
        None => m.run(limit),
        Some(path) => {
            let header = Header {
                entries: vec![
                    ("lockstep".into(), env!("CARGO_PKG_VERSION").into()),
                    ("image".into(), name.clone()),
                    ("image-fnv64".into(), format!("{:016x}", fnv64(&bytes))),
                    ("icount-shift".into(), opts.icount_shift.to_string()),
                    ("ram-mib".into(), opts.ram_mib.to_string()),
                ],
            };
            checkpoints::run_traced(&mut m, limit, opts.checkpoint_every, path, header)?
        }
    };
    let _ = std::io::stdout().flush();
    let stop = stop.map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    if opts.stats {
        let secs = start.elapsed().as_secs_f64();
        eprintln!("--- lockstep statistics ---");
        eprintln!("instructions retired: {}", m.cpu.icount);
        stats::print_cycles(m.cpu.cycles(), m.cpu.icount);
        eprintln!("ticks (idle skipped): {} ({})", m.now(), m.cpu.sys.idle);
        eprintln!("exceptions taken:     {}", m.exceptions);
        eprintln!("wall time:            {secs:.3} s");
        eprintln!("state hash:           {:016x}", m.cpu.hash() ^ m.mem.hash());
        stats::print_hottest(&m.engine.stats().profile);
    }
    Ok(match stop {
        Stop::Exited(code) => code as i32,
        Stop::Limit => 124,
        Stop::HostTimeout => {
            eprintln!(
                "lockstep: {name}: stopped by --timeout after {} s of host time, at pc {:#010x}, icount {}",
                opts.timeout.unwrap_or(0.0),
                m.cpu.r[15],
                m.cpu.icount
            );
            124
        }
        Stop::Idle => {
            eprintln!(
                "lockstep: {name}: the core waits for an interrupt (WFI) at pc {:#010x}, icount {}, and nothing is scheduled to raise one",
                m.cpu.r[15], m.cpu.icount
            );
            3
        }
    })
}
