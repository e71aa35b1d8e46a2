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

use crate::session::Session;
use crate::tape::{Outbox, RecordingFeed, ScriptFeed, Tape};
use crate::{checkpoints, stats, user, Exec, RunOpts};
use devices::virt::LiveInput;
use sim::replay::format::{Header, InputEvent};

/// A 64-bit hash of a file's contents (images, disks): what a recording's
/// header keeps so that a replay can tell it was given the same files.
pub fn content_hash(bytes: &[u8]) -> u64 {
    sim::memory::hash_words(0xcbf2_9ce4_8422_2325 ^ bytes.len() as u64, bytes)
}

/// The built-in guest of `lockstep run` with no image.
const DEMO: &[u8] = include_bytes!("../tests/guests/bare/bin/demo.elf");

/// The RTC and semihosting's SYS_TIME start from this epoch and follow
/// virtual time unless `--host-time` (2026-01-01T00:00:00Z): fixed, so
/// runs repeat.
const EPOCH: u32 = 1_767_225_600;

struct Stdout;

/// Guest output is dropped (`--batch` runs many guests at once).
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn set_quiet() {
    QUIET.store(true, std::sync::atomic::Ordering::Relaxed);
}

fn quiet() -> bool {
    QUIET.load(std::sync::atomic::Ordering::Relaxed)
}

impl Serial for Stdout {
    fn transmit(&mut self, byte: u8) {
        if quiet() {
            return;
        }
        let mut o = std::io::stdout().lock();
        let _ = o.write_all(&[byte]);
        if byte == b'\n' {
            let _ = o.flush();
        }
    }
}

fn host_seconds() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as u32)
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
    /// Console reads and host times: live, recorded or replayed.
    tape: Tape,
}

/// The host's stdin as UART input. While the guest waits for input, what
/// it printed so far is flushed: a prompt without a newline shows.
struct Stdin(LiveInput);

impl devices::virt::InputFeed for Stdin {
    fn poll(&mut self, now: u64, room: usize) -> (Vec<u8>, bool) {
        self.0.poll(now, room)
    }

    fn wait(&mut self, timeout: std::time::Duration) {
        let _ = std::io::stdout().flush();
        self.0.wait(timeout)
    }
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
        if quiet() {
            return;
        }
        let mut o = std::io::stdout().lock();
        let _ = o.write_all(bytes);
        let _ = o.flush();
    }

    fn read_byte(&mut self, tick: u64) -> Option<u8> {
        let input = &self.input;
        self.tape.read(tick, || input.recv().ok())
    }

    fn notice(&mut self, msg: &str) {
        eprintln!("lockstep: note: {msg}");
    }

    fn time(&mut self, tick: u64, ns: u64) -> u32 {
        if self.host_time {
            self.tape.time(tick, host_seconds)
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

/// What a system-mode machine is built from: all a recording's header
/// needs to build the same machine again.
#[derive(Clone, Debug)]
pub struct Config {
    pub image: Vec<u8>,
    /// The image's path; None for the built-in demo.
    pub path: Option<std::path::PathBuf>,
    pub icount_shift: u32,
    pub ram_mib: u32,
    pub disk: Option<std::path::PathBuf>,
    pub virtio_legacy: bool,
    pub host_time: bool,
    /// The RTC's reading at boot.
    pub epoch: u32,
    pub semihosting: bool,
}

impl Config {
    pub fn from_opts(image: Option<&Path>, opts: &RunOpts) -> Result<Config> {
        let bytes = match image {
            Some(p) => std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?,
            None => DEMO.to_vec(),
        };
        Ok(Config {
            image: bytes,
            path: image.map(Path::to_path_buf),
            icount_shift: opts.icount_shift,
            ram_mib: opts.ram_mib,
            disk: opts.disk.clone(),
            virtio_legacy: opts.virtio_legacy,
            host_time: opts.host_time,
            epoch: if opts.host_time {
                host_seconds()
            } else {
                EPOCH
            },
            semihosting: opts.semihosting || image.is_none(),
        })
    }

    /// How messages name the image.
    pub fn name(&self) -> String {
        self.path
            .as_ref()
            .map_or("built-in demo".into(), |p| p.display().to_string())
    }

    /// The header of a recording, trace or snapshot of this machine.
    pub fn header(&self) -> Result<Header> {
        let mut e: Vec<(String, String)> = vec![
            ("lockstep".into(), env!("CARGO_PKG_VERSION").into()),
            ("image".into(), self.name()),
            (
                "image-hash".into(),
                format!("{:016x}", content_hash(&self.image)),
            ),
            ("icount-shift".into(), self.icount_shift.to_string()),
            ("ram-mib".into(), self.ram_mib.to_string()),
            ("semihosting".into(), self.semihosting.to_string()),
            ("host-time".into(), self.host_time.to_string()),
            ("epoch".into(), self.epoch.to_string()),
        ];
        if let Some(d) = &self.disk {
            let bytes = std::fs::read(d)
                .with_context(|| format!("cannot read disk image {}", d.display()))?;
            e.push(("disk".into(), d.display().to_string()));
            e.push(("disk-hash".into(), format!("{:016x}", content_hash(&bytes))));
            e.push(("virtio-legacy".into(), self.virtio_legacy.to_string()));
        }
        Ok(Header { entries: e })
    }

    /// The machine a header describes. The image and disk are the ones it
    /// names unless given here, and must hash as it says: `what` (the
    /// recording's name) is how errors name it.
    pub fn from_header(
        h: &Header,
        what: &str,
        image: Option<&Path>,
        disk: Option<&Path>,
    ) -> Result<Config> {
        let get = |k: &str| {
            h.get(k)
                .with_context(|| format!("{what}: the header has no {k:?} entry"))
        };
        let num = |k: &str| -> Result<u64> {
            get(k)?
                .parse()
                .with_context(|| format!("{what}: header entry {k:?} is not a number"))
        };
        let flag = |k: &str| h.get(k) == Some("true");
        let recorded = get("image")?;
        let (bytes, path) = match image {
            Some(p) => (
                std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?,
                Some(p.to_path_buf()),
            ),
            None if recorded == "built-in demo" => (DEMO.to_vec(), None),
            None => {
                let p = std::path::PathBuf::from(recorded);
                let b = std::fs::read(&p).with_context(|| {
                    format!(
                        "{what}: cannot read the recorded image {recorded}; give it with --image"
                    )
                })?;
                (b, Some(p))
            }
        };
        let want = get("image-hash")?;
        let got = format!("{:016x}", content_hash(&bytes));
        if got != want {
            let shown = path
                .as_ref()
                .map_or("the built-in demo".into(), |p| p.display().to_string());
            bail!("{what} is a recording of another image: {shown} hashes to {got}, the recording's image {recorded} to {want}");
        }
        let disk = match (h.get("disk"), disk) {
            (None, None) => None,
            (None, Some(d)) => bail!(
                "{what} was made without a disk; {} is not needed",
                d.display()
            ),
            (Some(rec), given) => {
                let p = given.map_or_else(|| std::path::PathBuf::from(rec), Path::to_path_buf);
                let b = std::fs::read(&p).with_context(|| {
                    format!(
                        "{what}: cannot read disk image {}; give it with --disk",
                        p.display()
                    )
                })?;
                let got = format!("{:016x}", content_hash(&b));
                let want = get("disk-hash")?;
                if got != want {
                    bail!("disk image {} is not the one {what} started from: it hashes to {got}, the recorded disk to {want} (record and replay work on a private copy, so keep the image as it was)", p.display());
                }
                Some(p)
            }
        };
        Ok(Config {
            image: bytes,
            path,
            icount_shift: num("icount-shift")? as u32,
            ram_mib: num("ram-mib")? as u32,
            disk,
            virtio_legacy: flag("virtio-legacy"),
            host_time: flag("host-time"),
            epoch: num("epoch")? as u32,
            semihosting: flag("semihosting"),
        })
    }
}

/// Where a machine's outside inputs come from.
pub enum Inputs {
    /// The host's stdin, as `lockstep run` takes it.
    Live,
    /// The host's stdin, every input logged into the outbox.
    Record(Outbox),
    /// None at all: the UART's input has ended and console reads get
    /// end of input (`diff --batch` runs many guests at once).
    None,
    /// A recording's UART and semihosting events (stdin is not read).
    Replay {
        uart: Vec<InputEvent>,
        console: Vec<InputEvent>,
    },
}

/// How the disk image is used.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DiskUse {
    /// Read and written in place (`run`).
    InPlace,
    /// Copied first, so the image stays as it was: record, replay and
    /// loaded snapshots need it unchanged.
    PrivateCopy,
}

/// A writable copy of `path` that disappears with the process.
fn private_copy(path: &Path) -> Result<std::fs::File> {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = std::env::temp_dir().join(format!("lockstep-disk-{}-{n}", std::process::id()));
    let mut src = std::fs::File::open(path)
        .with_context(|| format!("cannot open disk image {}", path.display()))?;
    let mut dst = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&tmp)
        .with_context(|| {
            format!(
                "cannot create a private copy of {} in {}",
                path.display(),
                tmp.display()
            )
        })?;
    // Unlinked at once: nothing is left behind, even after a kill.
    let _ = std::fs::remove_file(&tmp);
    std::io::copy(&mut src, &mut dst)
        .with_context(|| format!("cannot copy disk image {}", path.display()))?;
    Ok(dst)
}

/// Builds the machine `cfg` describes, at reset.
pub fn build(
    cfg: &Config,
    exec: Exec,
    profile: bool,
    inputs: Inputs,
    disk_use: DiskUse,
) -> Result<Machine<VirtBoard>> {
    let name = cfg.name();
    let clock = VirtualClock::new(cfg.icount_shift).with_context(|| {
        format!(
            "--icount-shift {} is out of range (0-{})",
            cfg.icount_shift,
            VirtualClock::MAX_SHIFT
        )
    })?;
    let ram = cfg
        .ram_mib
        .checked_mul(1 << 20)
        .filter(|&r| r > 0 && r as u64 <= 0xc000_0000)
        .with_context(|| format!("--ram {} MiB does not fit the address space", cfg.ram_mib))?;
    let mut mem = GuestMemory::new().context("cannot reserve guest memory")?;
    let mut board = VirtBoard::new(&mut mem, ram, clock, Box::new(Stdout), cfg.epoch);
    let (stdin, tape) = match inputs {
        Inputs::Live => {
            let rx = stdin_thread();
            board.attach_feed(Box::new(Stdin(LiveInput::new(rx.clone()))));
            (rx, Tape::Live)
        }
        Inputs::Record(out) => {
            let rx = stdin_thread();
            board.attach_feed(Box::new(RecordingFeed {
                inner: Box::new(Stdin(LiveInput::new(rx.clone()))),
                out: out.clone(),
            }));
            (rx, Tape::Record(out))
        }
        Inputs::None => (unbounded().1, Tape::Replay(Default::default())),
        Inputs::Replay { uart, console } => {
            board.attach_feed(Box::new(ScriptFeed {
                events: uart.into(),
            }));
            // Never read: replayed reads come from the tape.
            (unbounded().1, Tape::Replay(console.into()))
        }
    };
    if let Some(path) = &cfg.disk {
        let file = match disk_use {
            DiskUse::InPlace => std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(path)
                .with_context(|| format!("cannot open disk image {}", path.display()))?,
            DiskUse::PrivateCopy => private_copy(path)?,
        };
        board
            .attach_disk(file, cfg.virtio_legacy, None)
            .with_context(|| format!("cannot start the disk backend for {}", path.display()))?;
    }
    let entry = load(&mut mem, &cfg.image, ram, &name)?;
    let mut cpu = CpuState::system_reset(entry & !1);
    cpu.thumb = entry & 1 != 0;
    Ok(Machine::new(
        cpu,
        mem,
        user::engine(exec, profile)?,
        board,
        cfg.semihosting,
        Box::new(Terminal {
            host_time: cfg.host_time,
            input: stdin,
            tape,
        }),
    ))
}

/// The host clock, from now.
pub fn wall_clock() -> Box<dyn HostClock> {
    Box::new(Wall(std::time::Instant::now()))
}

/// Arms `--timeout`.
pub fn set_timeout(m: &mut Machine<VirtBoard>, timeout: Option<f64>) -> Result<()> {
    if let Some(secs) = timeout {
        if !(secs > 0.0 && secs.is_finite()) {
            bail!("--timeout {secs}: give a positive number of seconds");
        }
        m.set_host_timeout(
            Box::new(Wall(std::time::Instant::now())),
            (secs * 1e9) as u64,
        );
    }
    Ok(())
}

pub fn run(image: Option<&Path>, opts: &RunOpts) -> Result<i32> {
    let (mut m, cfg_header, name) = match &opts.load {
        None => {
            let cfg = Config::from_opts(image, opts)?;
            let m = build(&cfg, opts.exec, opts.stats, Inputs::Live, DiskUse::InPlace)?;
            // Hashing the disk costs a read of it: only for what needs it.
            let header = if opts.control.is_some() || opts.trace_checkpoints.is_some() {
                Some(cfg.header()?)
            } else {
                None
            };
            (m, header, cfg.name())
        }
        Some(snap) => {
            let (m, header) = crate::snapfile::load(snap, image, opts)?;
            (m, Some(header), snap.display().to_string())
        }
    };
    set_timeout(&mut m, opts.timeout)?;
    let start = std::time::Instant::now();
    let limit = opts.limit.unwrap_or(u64::MAX);
    let header = cfg_header.unwrap_or_default();
    let stop = match &opts.trace_checkpoints {
        None => Session::new(&mut m, opts.control.as_deref(), header)?.run_to(limit),
        Some(path) => checkpoints::run_traced(&mut m, limit, opts.checkpoint_every, path, header)?,
    };
    let _ = std::io::stdout().flush();
    let stop = stop.map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    if opts.stats {
        print_stats(&m, start.elapsed().as_secs_f64());
    }
    Ok(status(&m, stop, &name, opts.timeout))
}

pub fn print_stats(m: &Machine<VirtBoard>, secs: f64) {
    eprintln!("--- lockstep statistics ---");
    eprintln!("instructions retired: {}", m.cpu.icount);
    stats::print_cycles(m.cpu.cycles(), m.cpu.icount);
    eprintln!("ticks (idle skipped): {} ({})", m.now(), m.cpu.sys.idle);
    eprintln!("exceptions taken:     {}", m.exceptions);
    eprintln!("wall time:            {secs:.3} s");
    eprintln!("state hash:           {:016x}", state_hash(m));
    stats::print_hottest(&m.engine.stats().profile);
}

/// The whole guest state's hash: CPU and memory.
pub fn state_hash(m: &Machine<VirtBoard>) -> u64 {
    m.cpu.hash() ^ m.mem.hash()
}

/// The exit status for a run's stop: the guest's own at an exit; 124
/// when a limit stopped it; 3 when it waits for an interrupt that cannot
/// come.
pub fn status(m: &Machine<VirtBoard>, stop: Stop, name: &str, timeout: Option<f64>) -> i32 {
    match stop {
        Stop::Exited(code) => code as i32,
        Stop::Limit => 124,
        Stop::HostTimeout => {
            eprintln!(
                "lockstep: {name}: stopped by --timeout after {} s of host time, at pc {:#010x}, icount {}",
                timeout.unwrap_or(0.0),
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
    }
}
