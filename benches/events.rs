//! The event queue (`sim::time`): arming, re-arming and firing timers,
//! bottom halves, a completion's round trip through a backend thread, and
//! interrupt delivery in a bare-metal guest. `cargo bench --bench events`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use sim::time::{Backend, BhKind, DeviceId, EventQueue, Io};

const DEV: DeviceId = DeviceId(0);

/// 64 timers armed at spread-out ticks, then fired in order: a machine
/// with a few dozen devices' timers pending.
fn timers(c: &mut Criterion) {
    let mut g = c.benchmark_group("event_queue");
    g.throughput(Throughput::Elements(64));
    g.bench_function("arm_and_fire_64_timers", |b| {
        let mut q = EventQueue::new();
        let ts: Vec<_> = (0..64).map(|i| q.new_timer(DEV, i)).collect();
        let mut now = 0u64;
        b.iter(|| {
            for (i, &t) in ts.iter().enumerate() {
                q.arm(t, now + 1 + (i as u64 * 7919) % 1000);
            }
            now += 1001;
            let mut n = 0;
            while let Some(f) = q.pop_due(now) {
                black_box(f);
                n += 1;
            }
            assert_eq!(n, 64);
        })
    });
    // A periodic timer re-armed before it fires (a guest reprogramming its
    // tick), which leaves stale entries behind for `next_deadline` to skip.
    g.throughput(Throughput::Elements(1));
    g.bench_function("rearm_and_next_deadline", |b| {
        let mut q = EventQueue::new();
        let t = q.new_timer(DEV, 0);
        let mut now = 0u64;
        b.iter(|| {
            now += 1;
            q.arm(t, now + 100);
            black_box(q.next_deadline())
        })
    });
    g.bench_function("schedule_and_run_bottom_half", |b| {
        let mut q = EventQueue::new();
        let bh = q.new_bh(DEV, 0, BhKind::Rearmable);
        let mut now = 0u64;
        b.iter(|| {
            now += 1;
            q.schedule_bh(bh, now);
            black_box(q.pop_due(now))
        })
    });
    g.finish();
}

/// Submit, hand to a backend thread, take the result when due: the
/// cross-thread cost of one disk-like request.
fn completion(c: &mut Criterion) {
    let mut g = c.benchmark_group("backend_completion");
    g.throughput(Throughput::Elements(1));
    g.bench_function("round_trip", |b| {
        let mut q = EventQueue::new();
        let mut io = Io::<u64>::new(DEV);
        let backend = Backend::spawn("bench", io.replies(), None, |x: u64| x + 1).unwrap();
        let mut now = 0u64;
        b.iter(|| {
            let id = io.submit(&mut q, now, 10);
            backend.send(id, now);
            now += 10;
            let f = q.pop_due(now).expect("due");
            black_box(f);
            black_box(io.take(id).unwrap())
        })
    });
    g.finish();
}

/// Interrupt delivery end to end: the bare-metal timer_irq guest (ten
/// SP804 interrupts through the GIC, WFI between them) from reset to its
/// semihosting exit, under the interpreter: each interrupt is a queue
/// event, a GIC line change, an exception entry, five register accesses
/// run as single instructions, and an exception return.
fn interrupts(c: &mut Criterion) {
    use devices::pl011::Serial;
    use devices::virt::VirtBoard;
    use object::{Object, ObjectSegment};
    use sim::cpu::CpuState;
    use sim::machine::{Console, Machine, Stop};
    use sim::memory::GuestMemory;
    use sim::time::VirtualClock;

    struct Sink;
    impl Serial for Sink {
        fn transmit(&mut self, _: u8) {}
    }
    impl Console for Sink {
        fn write(&mut self, _: &[u8]) {}
        fn read_byte(&mut self, _: u64) -> Option<u8> {
            None
        }
        fn time(&mut self, _: u64, _: u64) -> u32 {
            0
        }
        fn notice(&mut self, _: &str) {}
    }

    let image: &[u8] = include_bytes!("../tests/guests/bare/bin/timer_irq.elf");
    let elf = object::File::parse(image).unwrap();
    let mut g = c.benchmark_group("interrupts");
    g.throughput(Throughput::Elements(10));
    g.bench_function("timer_irq_guest_10_interrupts", |b| {
        b.iter(|| {
            let mut mem = GuestMemory::new().unwrap();
            let board = VirtBoard::new(
                &mut mem,
                4 << 20,
                VirtualClock::new(3).unwrap(),
                Box::new(Sink),
                0,
            );
            for seg in elf.segments() {
                mem.poke_bytes(seg.address() as u32, seg.data().unwrap())
                    .unwrap();
            }
            let mut m = Machine::new(
                CpuState::system_reset(elf.entry() as u32),
                mem,
                Box::new(sim::interp::Interp::new()),
                board,
                true,
                Box::new(Sink),
            );
            assert_eq!(m.run(u64::MAX).unwrap(), Stop::Exited(0));
            black_box(m.cpu.icount)
        })
    });

    // Interrupt delivery alone: an IRQ line held high and a handler that
    // only returns (`subs pc, lr, #4`), so each retired instruction is one
    // interrupt taken (exception entry, the engine entered at the vector,
    // the return leaving it because it unmasks IRQ).
    struct StuckIrq(sim::time::EventQueue);
    impl sim::memory::Bus for StuckIrq {
        fn read(&mut self, _: u64, _: u32, _: u32) -> Option<u64> {
            None
        }
        fn write(&mut self, _: u64, _: u32, _: u32, _: u64) -> bool {
            false
        }
    }
    impl sim::machine::Board for StuckIrq {
        fn queue(&mut self) -> &mut sim::time::EventQueue {
            &mut self.0
        }
        fn fire(&mut self, _: sim::time::Fired, _: u64, _: &mut GuestMemory) {}
        fn irq(&self) -> bool {
            true
        }
        fn clock(&self) -> sim::time::VirtualClock {
            sim::time::VirtualClock { shift: 0 }
        }
    }
    const N: u64 = 10_000;
    g.throughput(Throughput::Elements(N));
    for tier in ["interp", "tiered"] {
        g.bench_function(format!("take_and_return_{tier}"), |b| {
            let mut mem = GuestMemory::new().unwrap();
            mem.map(0, 0x1000, sim::memory::perm::RWX);
            mem.poke_bytes(0x18, &0xe25e_f004u32.to_le_bytes()).unwrap();
            mem.poke_bytes(0x100, &0xeaff_fffeu32.to_le_bytes())
                .unwrap();
            let mut cpu = CpuState::system_reset(0x100);
            cpu.sys.i = false;
            let engine: Box<dyn sim::engine::Engine> = match tier {
                "interp" => Box::new(sim::interp::Interp::new()),
                _ => Box::new(jit::Jit::new(jit::Tier::Tiered, 1).unwrap()),
            };
            let board = StuckIrq(sim::time::EventQueue::new());
            let mut m = Machine::new(cpu, mem, engine, board, false, Box::new(Sink));
            let mut limit = 0;
            b.iter(|| {
                limit += N;
                assert_eq!(m.run(limit).unwrap(), Stop::Limit);
                black_box(m.cpu.icount)
            })
        });
    }
    g.finish();
}

criterion_group!(benches, timers, completion, interrupts);
criterion_main!(benches);
