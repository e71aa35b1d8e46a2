//! Bare-metal guests on the virt board (system mode): the same output,
//! exit status, icount and state hash in every tier, run after run, with
//! the other core loaded; and `lockstep run` on them from the command
//! line.

mod common;

use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use common::*;
use devices::pl011::Serial;
use devices::virt::VirtBoard;
use jit::{Jit, Tier};
use sim::cpu::CpuState;
use sim::engine::Engine;
use sim::interp::Interp;
use sim::machine::{Console, Event, Machine, Stop};
use sim::memory::GuestMemory;
use sim::time::VirtualClock;

const HELLO: &[u8] = include_bytes!("guests/bare/bin/hello.elf");
const TIMER_IRQ: &[u8] = include_bytes!("guests/bare/bin/timer_irq.elf");
const NESTED_IRQ: &[u8] = include_bytes!("guests/bare/bin/nested_irq.elf");
const RTC: &[u8] = include_bytes!("guests/bare/bin/rtc.elf");
const GTIMER: &[u8] = include_bytes!("guests/bare/bin/gtimer.elf");
const VIRTIO_BLK: &[u8] = include_bytes!("guests/bare/bin/virtio_blk.elf");
const ECHO: &[u8] = include_bytes!("guests/bare/bin/echo.elf");
const TIMER_BENCH: &[u8] = include_bytes!("guests/bare/bin/timer_bench.elf");
const DEMO: &[u8] = include_bytes!("guests/bare/bin/demo.elf");
const DEMO_OUTPUT: &str = "Lockstep demo: the ARM generic timer interrupting at 10 Hz of
virtual time through the GIC, the core asleep in WFI between ticks
tick 1 at 100 ms of virtual time
tick 2 at 200 ms of virtual time
tick 3 at 300 ms of virtual time
tick 4 at 400 ms of virtual time
tick 5 at 500 ms of virtual time
goodbye
";

/// Everything the guest printed, UART and semihosting interleaved.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Serial for Capture {
    fn transmit(&mut self, byte: u8) {
        self.0.lock().unwrap().push(byte);
    }
}

impl Console for Capture {
    fn write(&mut self, bytes: &[u8]) {
        self.0.lock().unwrap().extend_from_slice(bytes);
    }
    fn read_byte(&mut self, _: u64) -> Option<u8> {
        None
    }
    fn time(&mut self, _: u64, ns: u64) -> u32 {
        (ns / 1_000_000_000) as u32
    }
    fn notice(&mut self, _msg: &str) {}
}

/// What a run ends with: stop, output, icount, modelled cycles, state
/// hash.
type Outcome = (Stop, Vec<u8>, u64, u64, u64);

fn run(image: &[u8], engine: Box<dyn Engine>) -> Outcome {
    run_with(image, engine, |_| {}).0
}

/// `run`, with `setup` applied to the board first (a disk attached), and
/// the log of every device event and interrupt.
fn run_with(
    image: &[u8],
    engine: Box<dyn Engine>,
    setup: impl FnOnce(&mut VirtBoard),
) -> (Outcome, Vec<Event>) {
    let (mut m, out) = machine(image, engine, setup);
    // Ticks, not instructions: idle time is skipped, so a guest that
    // sleeps for virtual seconds still finishes at once.
    m.log_events();
    let stop = m.run(LIMIT).unwrap();
    (outcome(&m, stop, &out), m.events().to_vec())
}

/// Ticks enough for every guest to end.
const LIMIT: u64 = 10_000_000_000;

fn outcome(m: &Machine<VirtBoard>, stop: Stop, out: &Capture) -> Outcome {
    (
        stop,
        out.0.lock().unwrap().clone(),
        m.cpu.icount,
        m.cpu.cycles(),
        m.cpu.hash() ^ m.mem.hash(),
    )
}

/// A guest's machine at reset, its board set up by `setup`, and where
/// its output goes.
fn machine(
    image: &[u8],
    engine: Box<dyn Engine>,
    setup: impl FnOnce(&mut VirtBoard),
) -> (Machine<VirtBoard>, Capture) {
    let out = Capture::default();
    let mut mem = GuestMemory::new().unwrap();
    let board = VirtBoard::new(
        &mut mem,
        16 << 20,
        VirtualClock::new(3).unwrap(),
        Box::new(out.clone()),
        1_767_225_600,
    );
    let mut board = board;
    setup(&mut board);
    let elf = object::File::parse(image).unwrap();
    use object::{Object, ObjectSegment};
    for seg in elf.segments() {
        mem.poke_bytes(seg.address() as u32, seg.data().unwrap())
            .unwrap();
    }
    let m = Machine::new(
        CpuState::system_reset(elf.entry() as u32),
        mem,
        engine,
        board,
        true,
        Box::new(out.clone()),
    );
    (m, out)
}

fn engines() -> Vec<(&'static str, Box<dyn Engine>)> {
    vec![
        ("interp", Box::new(Interp::new())),
        ("jit", Box::new(Jit::new(Tier::Jit, 1).unwrap())),
        ("tiered", Box::new(Jit::new(Tier::Tiered, 1).unwrap())),
    ]
}

/// Runs `image` under every tier; each must exit 0 having printed
/// `output`, and all must end with the same icount and state hash.
/// Returns the outcome.
fn exits_zero_alike_in_every_tier(image: &[u8], output: &[u8]) -> Outcome {
    let mut first: Option<Outcome> = None;
    for (name, e) in engines() {
        let o = run(image, e);
        let text = String::from_utf8_lossy(&o.1).into_owned();
        assert_eq!(o.0, Stop::Exited(0), "{name}: {text:?}");
        assert_eq!(text, String::from_utf8_lossy(output), "{name}");
        match &first {
            None => first = Some(o),
            Some(f) => assert_eq!(&o, f, "{name} differs from interp"),
        }
    }
    first.expect("three tiers ran")
}

#[test]
fn hello_prints_takes_an_svc_and_exits_zero_in_every_tier() {
    exits_zero_alike_in_every_tier(HELLO, b"hello from the PL011\nhello from semihosting\n");
}

/// Ten SP804 interrupts through the GIC, WFI between them: every tier
/// takes them at the same icount (same state hash, which covers icount
/// and the banked IRQ-mode registers) and the guest's own checks pass.
#[test]
fn timer_interrupts_land_at_the_same_icount_in_every_tier() {
    exits_zero_alike_in_every_tier(TIMER_IRQ, b"..........\n10 timer interrupts\n");
}

/// GIC priorities: a higher-priority SGI preempts the timer's handler
/// (which re-enabled IRQs), a lower one waits for its end and is taken
/// the moment the exception return unmasks IRQs, before the main loop's
/// next instruction. Taking it any later loses the last "<>" (the loop
/// ends first) and changes the icount (519, from the interpreter; a
/// change to it needs an explanation). The modelled cycles are pinned
/// too: every tier must count them alike, and a change to the cost table
/// (`sim::cycles`) shows here.
#[test]
fn nested_priorities_preempt_and_wait_as_the_gic_says_in_every_tier() {
    let o = exits_zero_alike_in_every_tier(NESTED_IRQ, b"[()]<>[()]<>[()]<>\n");
    assert_eq!(o.2, 519, "icount");
    assert_eq!(o.3, 656, "modelled cycles");
}

/// The PL031 reads the run's epoch (2026-01-01, 0x6955b900) at boot, and
/// a match one second ahead interrupts the WFI a second of virtual time
/// later. qemu-system-arm -M virt -rtc base=2026-01-01T00:00:00 prints
/// the same (scripts/compare-bare-qemu).
#[test]
fn the_rtc_starts_at_the_runs_epoch_and_its_match_interrupts() {
    exits_zero_alike_in_every_tier(RTC, b"6955b900\n");
}

/// The generic timer: CNTFRQ, TVAL writes, CNTPCT through MRRC, PPI 30.
/// Its accesses run alone under the machine so that the count they see is
/// exact in every tier (the same icount and hash show it). The same
/// output and status on qemu-system-arm -M virt (scripts/compare-bare-qemu).
#[test]
fn the_generic_timer_interrupts_and_counts_alike_in_every_tier() {
    let o = exits_zero_alike_in_every_tier(GTIMER, b".....\n");
    assert_eq!(o.2, 135, "icount");
    assert_eq!(o.3, 156, "modelled cycles");
}

/// How a guest's board is set up for a run: `jitter` seeds the delays of
/// any backend thread it has.
type Setup = Box<dyn Fn(&mut VirtBoard, Option<u64>)>;

/// A fresh seeded disk image at `path` for each run, on the modern or the
/// `legacy` virtio-mmio interface.
fn disk_setup(path: std::path::PathBuf, legacy: bool) -> Setup {
    Box::new(move |b, jitter| {
        std::fs::write(&path, disk_image(3)).unwrap();
        let f = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .unwrap();
        let jitter = jitter.map(|seed| sim::time::Jitter { seed, max_us: 300 });
        b.attach_disk(f, legacy, jitter).unwrap();
    })
}

/// Every bare-metal guest with what it needs: echo its input, virtio_blk
/// a fresh disk image in `dir` each run.
fn every_guest(dir: &std::path::Path) -> Vec<(&'static str, &'static [u8], Setup)> {
    let none: fn() -> Setup = || Box::new(|_, _| {});
    let disk = dir.join("disk.img");
    vec![
        ("hello", HELLO, none()),
        ("timer_irq", TIMER_IRQ, none()),
        ("nested_irq", NESTED_IRQ, none()),
        ("rtc", RTC, none()),
        ("gtimer", GTIMER, none()),
        ("demo", DEMO, none()),
        (
            "echo",
            ECHO,
            Box::new(|b, _| b.attach_input(scripted(b"some input, then a stop."))),
        ),
        ("virtio_blk", VIRTIO_BLK, disk_setup(disk.clone(), false)),
        ("virtio_blk legacy", VIRTIO_BLK, disk_setup(disk, true)),
    ]
}

/// The determinism test of the design: every guest, under every tier,
/// twice, with the host's other cores busy and backend replies delayed at
/// random on the second run, gives what an unloaded interpreter run gave:
/// the same output, exit, icount, cycles and state hash, and the same
/// tick for every device event and interrupt.
#[test]
fn every_guest_repeats_exactly_in_every_tier_under_load_and_delays() {
    let dir = TempDir::new("repeat");
    let guests = every_guest(&dir.0);
    let base: Vec<_> = guests
        .iter()
        .map(|(_, image, setup)| run_with(image, Box::new(Interp::new()), |b| setup(b, None)))
        .collect();
    let _busy = Busy::start(2);
    for ((name, image, setup), want) in guests.iter().zip(&base) {
        assert_eq!(want.0 .0, Stop::Exited(0), "{name}");
        assert!(
            *name == "hello" || !want.1.is_empty(),
            "{name}: no events logged"
        );
        for round in 0..2u64 {
            for (tier, engine) in engines() {
                let jitter = (round == 1).then_some(round + 7);
                let got = run_with(image, engine, |b| setup(b, jitter));
                assert_eq!(got.1, want.1, "{name} {tier} round {round}: events");
                assert_eq!(got.0, want.0, "{name} {tier} round {round}");
            }
        }
    }
}

/// 200000 generic-timer interrupts with a checksum loop running between
/// them, landing where they land on qemu-system-arm -M virt -icount
/// shift=3 (which prints the same iterations and checksum). The tiered
/// engine once linked a direct exit taken just before an interrupt to the
/// vector's code, so the loop jumped into the handler in SVC mode.
#[test]
fn two_hundred_thousand_timer_interrupts_land_as_on_qemu_in_every_tier() {
    exits_zero_alike_in_every_tier(
        TIMER_BENCH,
        b"timer_bench: 200000 timer interrupts\ntimer_bench: 27377779 work loop iterations, checksum 0xdd84ef2a\n",
    );
}

/// A 1 MiB disk of seeded noise.
fn disk_image(seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..2048 * 512)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// FNV-1a, as the guest computes it over the sectors it reads.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |h, &b| {
        (h ^ b as u32).wrapping_mul(0x0100_0193)
    })
}

/// virtio-blk with five requests in flight: the guest reads 512 sectors
/// (its checksum must be the host image's), writes a pattern, reads it
/// back and checks it, and checks an out-of-range request fails. Every
/// tier, with the backend thread's replies delayed at random (or not),
/// with the other core loaded: the same output, icount, cycles, state
/// hash, and the same log of every completion and interrupt with its
/// tick. The image holds the pattern afterwards, and only there.
#[test]
fn virtio_blk_requests_complete_at_the_same_ticks_whatever_the_backend_timing() {
    let dir = TempDir::new("virtio-blk");
    let image = disk_image(0x5eed);
    let expect_sum = format!("disk checksum before: {:08x}\n", fnv1a(&image[..512 * 512]));
    let _busy = Busy::start(1);
    let mut first: Option<(Outcome, Vec<Event>)> = None;
    let runs: [(&str, Option<u64>); 5] = [
        ("interp", None),
        ("jit", None),
        ("tiered", None),
        ("tiered", Some(1)),
        ("interp", Some(2)),
    ];
    for (i, (tier, jitter)) in runs.into_iter().enumerate() {
        let path = dir.0.join(format!("disk{i}.img"));
        std::fs::write(&path, &image).unwrap();
        let engine = engines().into_iter().find(|e| e.0 == tier).unwrap().1;
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .unwrap();
        let jitter = jitter.map(|seed| sim::time::Jitter { seed, max_us: 400 });
        let got = run_with(VIRTIO_BLK, engine, |b| {
            b.attach_disk(file, false, jitter).unwrap()
        });
        let text = String::from_utf8_lossy(&got.0 .1).into_owned();
        assert_eq!(got.0 .0, Stop::Exited(0), "{tier} {jitter:?}: {text}");
        assert!(text.contains(&expect_sum), "{text}");
        assert!(text.contains("verified 512 sectors"), "{text}");
        let completions = got
            .1
            .iter()
            .filter(|e| matches!(e, Event::Device(sim::time::Fired::Completion { .. })))
            .count();
        assert_eq!(
            completions, 193,
            "every request completed through the queue"
        );
        match &first {
            None => first = Some(got),
            Some(f) => {
                assert_eq!(got.1, f.1, "{tier} {jitter:?}: the event log differs");
                assert_eq!(got.0, f.0, "{tier} {jitter:?}");
            }
        }
        let after = std::fs::read(&path).unwrap();
        for s in 0..512usize {
            for w in 0..128usize {
                let v = (s as u32).wrapping_mul(0x9E37_79B1) ^ w as u32;
                let at = s * 512 + w * 4;
                assert_eq!(after[at..at + 4], v.to_le_bytes(), "sector {s} word {w}");
            }
        }
        assert_eq!(
            after[512 * 512..],
            image[512 * 512..],
            "sectors past 511 untouched"
        );
    }
}

/// A channel holding `bytes`, closed: input available from the start,
/// so it lands at the same polls in every run.
fn scripted(bytes: &[u8]) -> crossbeam::channel::Receiver<u8> {
    let (tx, rx) = crossbeam::channel::unbounded();
    for &b in bytes {
        tx.send(b).unwrap();
    }
    rx
}

/// PL011 receive: bytes from the input backend reach the guest through
/// the FIFO and the UART's interrupt (33), which it echoes upper-cased
/// until a '.'; more bytes than the FIFO holds wait for later polls.
/// Same output, event log and state in every tier. When the input ends
/// first, the machine stops as idle instead of waiting forever.
#[test]
fn uart_input_reaches_the_guest_through_the_fifo_alike_in_every_tier() {
    let text = b"hello, world! this is more than sixteen bytes.";
    let mut first: Option<(Outcome, Vec<Event>)> = None;
    for (name, e) in engines() {
        let got = run_with(ECHO, e, |b| b.attach_input(scripted(text)));
        let out = String::from_utf8_lossy(&got.0 .1).into_owned();
        assert_eq!(got.0 .0, Stop::Exited(0), "{name}: {out}");
        assert_eq!(
            out,
            "type; '.' ends\nHELLO, WORLD! THIS IS MORE THAN SIXTEEN BYTES.\nbytes received: 46\n",
            "{name}"
        );
        match &first {
            None => first = Some(got),
            Some(f) => assert_eq!(&got, f, "{name} differs from interp"),
        }
    }
    let (o, _) = run_with(ECHO, Box::new(Interp::new()), |b| {
        b.attach_input(scripted(b"abc"))
    });
    assert_eq!(o.0, Stop::Idle);
    assert_eq!(String::from_utf8_lossy(&o.1), "type; '.' ends\nABC");
}

/// Without a disk, every transport is empty: the guest says so and
/// fails, as it does on qemu-system-arm -M virt with no -device.
#[test]
fn without_a_disk_the_transports_are_empty() {
    let (o, _) = run_with(VIRTIO_BLK, Box::new(Interp::new()), |_| {});
    assert_eq!(o.0, Stop::Exited(1));
    assert!(String::from_utf8_lossy(&o.1).contains("no virtio block device"));
}

/// `--timeout` stops a guest that never ends after that much host time
/// (a Realtime timer: it decides where the run stops, nothing else).
#[test]
fn lockstep_run_timeout_stops_a_guest_that_never_ends() {
    let dir = TempDir::new("run-timeout");
    let hello = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/guests/bare/bin/hello.elf"
    );
    // Without --semihosting its exit call is an SVC with no handler: it
    // spins for ever.
    let t0 = std::time::Instant::now();
    let out = run_in(&dir.0, &["run", "--timeout", "0.3", hello], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(124), "{err}");
    assert!(err.contains("--timeout") && err.contains("icount"), "{err}");
    assert!(t0.elapsed() < std::time::Duration::from_secs(20));
    let out = run_in(&dir.0, &["run", "--timeout", "0", hello], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--timeout"));
}

/// `--trace-checkpoints` and `lockstep diff`: the same guest traced under
/// two tiers agrees; two different guests differ at their first
/// checkpoint; a cut or foreign file is named, with status 2.
#[test]
fn checkpoint_traces_compare_runs_and_find_the_first_difference() {
    let dir = TempDir::new("diff");
    let guest = |name: &str| {
        format!(
            "{}/tests/guests/bare/bin/{name}.elf",
            env!("CARGO_MANIFEST_DIR")
        )
    };
    let trace = |out: &str, exec: &str, name: &str| {
        let args = [
            "run",
            "--semihosting",
            "--exec",
            exec,
            "--trace-checkpoints",
            out,
            "--checkpoint-every",
            "50000",
            &guest(name),
        ];
        let o = run_in(&dir.0, &args, None);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    trace("a.lsr", "tiered", "timer_irq");
    trace("b.lsr", "interp", "timer_irq");
    trace("c.lsr", "tiered", "nested_irq");
    let o = run_in(&dir.0, &["diff", "a.lsr", "b.lsr"], None);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("no difference"));
    let o = run_in(&dir.0, &["diff", "a.lsr", "c.lsr"], None);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("first difference: checkpoint 1"), "{out}");
    let a = std::fs::read(dir.0.join("a.lsr")).unwrap();
    std::fs::write(dir.0.join("cut.lsr"), &a[..a.len() - 3]).unwrap();
    let o = run_in(&dir.0, &["diff", "a.lsr", "cut.lsr"], None);
    assert_eq!(o.status.code(), Some(1), "a cut trace lacks its end");
    assert!(String::from_utf8_lossy(&o.stderr).contains("cut short"));
    std::fs::write(dir.0.join("junk.lsr"), b"not a trace").unwrap();
    let o = run_in(&dir.0, &["diff", "a.lsr", "junk.lsr"], None);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("junk.lsr") && err.contains("not a Lockstep recording"),
        "{err}"
    );
}

/// `lockstep run`: stdin feeds the UART; --disk attaches an image, and a
/// missing one is named in a clear error.
#[test]
fn lockstep_run_reads_stdin_into_the_uart_and_attaches_disks() {
    let dir = TempDir::new("run-io");
    let input = dir.0.join("in.txt");
    std::fs::write(&input, "ok.").unwrap();
    let guest = |name: &str| {
        format!(
            "{}/tests/guests/bare/bin/{name}.elf",
            env!("CARGO_MANIFEST_DIR")
        )
    };
    let out = run_in(
        &dir.0,
        &["run", "--semihosting", &guest("echo")],
        Some(&input),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "type; '.' ends\nOK.\nbytes received: 3\n"
    );
    let disk = dir.0.join("disk.img");
    std::fs::write(&disk, disk_image(9)).unwrap();
    let out = run_in(
        &dir.0,
        &[
            "run",
            "--semihosting",
            "--disk",
            "disk.img",
            &guest("virtio_blk"),
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = run_in(
        &dir.0,
        &["run", "--disk", "missing.img", &guest("virtio_blk")],
        None,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("missing.img"), "{err}");
}

#[test]
fn lockstep_run_without_an_image_runs_the_built_in_demo() {
    let dir = TempDir::new("run-demo");
    let out = run_in(&dir.0, &["run"], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), DEMO_OUTPUT);
}

#[test]
fn lockstep_run_refuses_images_it_cannot_place_and_names_them() {
    let dir = TempDir::new("run-bad");
    // A Linux user-mode guest is linked at 0x10000, outside the board's RAM.
    let p = dir.0.join("user.elf");
    std::fs::write(&p, arm_elf(&[0xe1a0_0000], None)).unwrap();
    let out = run_in(&dir.0, &["run", p.to_str().unwrap()], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("user.elf") && err.contains("outside RAM"),
        "{err}"
    );
    // Garbage as a raw image: UNDEFINED with no vector table.
    let p = dir.0.join("junk.bin");
    std::fs::write(&p, [0xffu8; 64]).unwrap();
    let out = run_in(&dir.0, &["run", p.to_str().unwrap()], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("junk.bin") && err.contains("vector"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // An unserved semihosting call is pointed out; --limit stops the run.
    let out = run_in(
        &dir.0,
        &[
            "run",
            "--limit",
            "5000",
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/guests/bare/bin/hello.elf"
            ),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(124));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--semihosting"));
}

/// UART input that counts what it delivered: where a snapshot's machine
/// must take the input up again.
struct Counted(
    devices::virt::LiveInput,
    Arc<std::sync::atomic::AtomicUsize>,
);

impl devices::virt::InputFeed for Counted {
    fn poll(&mut self, now: u64, room: usize) -> (Vec<u8>, bool) {
        let (bytes, open) = self.0.poll(now, room);
        self.1.fetch_add(bytes.len(), Ordering::Relaxed);
        (bytes, open)
    }
}

/// Snapshots (issue 6): for every guest, run to tick N, save, build a
/// fresh machine, restore, and run on; the two halves together must give
/// the straight run's output, exit, icount, cycles, state hash, event log
/// and disk. N is taken inside interrupt handlers, while disk requests
/// are in flight, and at the middle of the run.
#[test]
fn save_restore_and_continue_equals_a_straight_run_for_every_guest() {
    const ECHO_INPUT: &[u8] = b"some input, then a stop.";
    let dir = TempDir::new("snapshot");
    let disk = dir.0.join("disk.img");
    for (name, image, setup) in every_guest(&dir.0) {
        let (want, events) = run_with(image, Box::new(Interp::new()), |b| setup(b, None));
        let want_disk = std::fs::read(&disk).ok();
        let end = events.iter().map(|e| match e {
            Event::Device(f) => f.at(),
            Event::Interrupt { tick, .. } => *tick,
        });
        let last = end.max().unwrap_or(0);
        let mut points: Vec<u64> = events
            .iter()
            .filter_map(|e| match e {
                // Three instructions into the handler.
                Event::Interrupt { tick, .. } => Some(tick + 3),
                // Requests in flight, completing at the next tick.
                Event::Device(sim::time::Fired::Completion { at, .. }) => Some(at - 1),
                _ => None,
            })
            .take(4)
            .chain([last / 2, 1])
            .filter(|&n| n > 0 && n < last)
            .collect();
        points.sort_unstable();
        points.dedup();
        assert!(!points.is_empty() || name == "hello", "{name}: no points");
        for n in points {
            let sent = Arc::new(std::sync::atomic::AtomicUsize::new(0));
            let (mut a, out_a) =
                machine(image, Box::new(Jit::new(Tier::Tiered, 1).unwrap()), |b| {
                    setup(b, Some(n));
                    if name == "echo" {
                        b.attach_feed(Box::new(Counted(
                            devices::virt::LiveInput::new(scripted(ECHO_INPUT)),
                            sent.clone(),
                        )));
                    }
                });
            a.log_events();
            assert_eq!(a.run(n).unwrap(), Stop::Limit, "{name} to {n}");
            let snap = sim::replay::snapshot::save(&mut a).unwrap();
            let first_events = a.events().to_vec();
            drop(a);
            // A fresh machine (and a fresh disk image, as at reset).
            let (mut b, out_b) =
                machine(image, Box::new(Jit::new(Tier::Tiered, 1).unwrap()), |b| {
                    setup(b, None);
                    if name == "echo" {
                        let rest = &ECHO_INPUT[sent.load(Ordering::Relaxed)..];
                        b.attach_input(scripted(rest));
                    }
                });
            assert_eq!(sim::replay::snapshot::restore(&mut b, &snap).unwrap(), n);
            b.log_events();
            let stop = b.run(LIMIT).unwrap();
            let mut got = outcome(&b, stop, &out_b);
            let mut printed = out_a.0.lock().unwrap().clone();
            printed.extend_from_slice(&got.1);
            got.1 = printed;
            assert_eq!(got, want, "{name}: saved at tick {n}");
            let mut all = first_events;
            all.extend_from_slice(b.events());
            assert_eq!(all, events, "{name}: saved at tick {n}: events");
            drop(b);
            if let Some(d) = &want_disk {
                if name.starts_with("virtio") {
                    assert!(
                        std::fs::read(&disk).unwrap() == *d,
                        "{name}: saved at {n}: disk"
                    );
                }
            }
        }
    }
}
