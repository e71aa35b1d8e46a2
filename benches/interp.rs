//! Interpreter benchmarks: decoding, and a steady-state hot loop run from
//! the block cache. `cargo bench --bench interp`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use sim::cpu::CpuState;
use sim::decode::{decode_arm, decode_thumb32, Ctx};
use sim::interp::Interp;
use sim::memory::{perm, GuestMemory};

/// A mix of common A32 encodings (data processing, loads, stores,
/// multiplies, branches, VFP).
const A32: [u32; 8] = [
    0xe082_1003, // add r1, r2, r3
    0xe591_2004, // ldr r2, [r1, #4]
    0xe581_2008, // str r2, [r1, #8]
    0xe002_0391, // mul r2, r1, r3
    0x1aff_fffa, // bne .-16
    0xee30_0a01, // vadd.f32 s0, s0, s2
    0xe8bd_8010, // pop {r4, pc}
    0xe350_0000, // cmp r0, #0
];

const T32: [u32; 4] = [
    0xf8d1_2004, // ldr.w r2, [r1, #4]
    0xeb02_0103, // add.w r1, r2, r3
    0xfb02_f103, // mul r1, r2, r3
    0xe92d_4010, // push.w {r4, lr}
];

fn decode(c: &mut Criterion) {
    let mut g = c.benchmark_group("decode");
    g.throughput(Throughput::Elements(A32.len() as u64));
    g.bench_function("a32", |b| {
        b.iter(|| {
            for &w in &A32 {
                black_box(decode_arm(black_box(w)));
            }
        })
    });
    g.throughput(Throughput::Elements(T32.len() as u64));
    g.bench_function("t32", |b| {
        let ctx = Ctx::default();
        b.iter(|| {
            for &w in &T32 {
                black_box(decode_thumb32(black_box(w), &ctx));
            }
        })
    });
    g.finish();
}

/// A counted loop of 4 instructions (ARM state): r0 counts down, r1 sums.
fn hot_loop(c: &mut Criterion) {
    let code: [u32; 4] = [
        0xe081_1000, // add r1, r1, r0
        0xe221_1055, // eor r1, r1, #0x55
        0xe250_0001, // subs r0, r0, #1
        0x1aff_fffb, // bne .-12
    ];
    let mut mem = GuestMemory::new().unwrap();
    mem.map(0x10000, 0x1000, perm::RWX);
    for (i, w) in code.iter().enumerate() {
        mem.write_u32(0x10000 + 4 * i as u32, *w).unwrap();
    }
    let iters = 250_000u32;
    let mut g = c.benchmark_group("interp");
    g.throughput(Throughput::Elements(4 * iters as u64));
    g.bench_function("hot_loop_a32", |b| {
        let mut interp = Interp::new();
        b.iter(|| {
            let mut cpu = CpuState::new();
            cpu.r[0] = iters;
            cpu.r[15] = 0x10000;
            interp.run(&mut cpu, &mut mem, 4 * iters as u64);
            black_box(cpu.r[1])
        })
    });
    g.finish();
}

criterion_group!(benches, decode, hot_loop);
criterion_main!(benches);
