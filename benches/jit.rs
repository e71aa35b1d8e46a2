//! Cranelift-tier benchmarks: translate+compile time per block, and
//! steady-state loops in compiled code (one block looping onto itself,
//! and a loop calling a function, which goes through linked blocks and
//! the indirect-branch table). `cargo bench --bench jit`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use jit::{host_isa, quick_isa, BlockIn, Compiler, Jit, RegionIn, Tier, SLOTS};
use sim::cpu::CpuState;
use sim::decode::decode_arm;
use sim::engine::Engine;
use sim::interp::{Interp, Op};
use sim::memory::{perm, GuestMemory};

/// Straight-line A32: data processing, loads and stores, a multiply.
const MIX: [u32; 8] = [
    0xe082_1003, // add r1, r2, r3
    0xe591_2004, // ldr r2, [r1, #4]
    0xe581_2008, // str r2, [r1, #8]
    0xe002_0391, // mul r2, r1, r3
    0xe350_0000, // cmp r0, #0
    0x1281_1001, // addne r1, r1, #1
    0xe1a0_2112, // lsl r2, r2, r1
    0xe3c3_30ff, // bic r3, r3, #255
];

fn ops(n: usize) -> Vec<Op> {
    (0..n)
        .map(|i| {
            let w = MIX[i % MIX.len()];
            let insn = decode_arm(w).expect("valid encoding");
            Op {
                insn,
                pc: 0x10000 + 4 * i as u32,
                raw: w,
                len: 4,
                cond: (w >> 28) as u8,
                it: 0,
                it_next: 0,
                undefined: false,
                cost: sim::cycles::cost(&insn, w),
            }
        })
        .collect()
}

fn compile(c: &mut Criterion) {
    let mut g = c.benchmark_group("jit_compile");
    let mut compiler = Compiler::new(host_isa().unwrap(), quick_isa().unwrap());
    let slots = Box::new([0u64; SLOTS]);
    for n in [4usize, 16, 64] {
        let block = ops(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(format!("block_{n}_insns"), |b| {
            b.iter(|| {
                let code = compiler
                    .block(&RegionIn {
                        blocks: &[BlockIn {
                            ops: &block,
                            thumb: false,
                        }],
                        slots: &*slots as *const _ as usize,
                        counters: 0,
                    })
                    .unwrap();
                black_box(code.bytes.len())
            })
        });
    }
    g.finish();
}

fn memory(code: &[u32]) -> GuestMemory {
    let mut mem = GuestMemory::new().unwrap();
    mem.map(0x10000, 0x1000, perm::RWX);
    mem.map(0x20000, 0x10000, perm::RW);
    for (i, w) in code.iter().enumerate() {
        mem.write_u32(0x10000 + 4 * i as u32, *w).unwrap();
    }
    mem
}

type MakeEngine = Box<dyn Fn() -> Box<dyn Engine>>;

fn run_loop(c: &mut Criterion, name: &str, code: &[u32], per_iter: u64, iters: u32) {
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Elements(per_iter * iters as u64));
    let engines: [(&str, MakeEngine); 2] = [
        ("interp", Box::new(|| Box::new(Interp::new()))),
        (
            "jit",
            Box::new(|| Box::new(Jit::new(Tier::Jit, 1).unwrap())),
        ),
    ];
    for (tier, make) in engines {
        let mut mem = memory(code);
        let mut engine = make();
        g.bench_function(tier, |b| {
            b.iter(|| {
                let mut cpu = CpuState::new();
                cpu.r[0] = iters;
                cpu.r[2] = 0x20000;
                cpu.r[13] = 0x2f000;
                cpu.r[15] = 0x10000;
                let limit = per_iter * iters as u64;
                engine.run(&mut cpu, &mut mem, limit);
                black_box(cpu.r[1])
            })
        });
    }
    g.finish();
}

/// A counted loop of 4 instructions, one block branching to itself.
fn self_loop(c: &mut Criterion) {
    let code = [
        0xe081_1000, // add r1, r1, r0
        0xe221_1055, // eor r1, r1, #0x55
        0xe250_0001, // subs r0, r0, #1
        0x1aff_fffb, // bne .-12
    ];
    run_loop(c, "hot_loop_a32", &code, 4, 250_000);
}

/// A loop over memory that calls a leaf function each time: direct
/// links (bl, the loop branch) and a return through the indirect table.
fn call_loop(c: &mut Criterion) {
    let code = [
        0xe492_3004, // loop: ldr r3, [r2], #4
        0xeb00_0002, //       bl f
        0xe250_0001, //       subs r0, r0, #1
        0x1aff_fffb, //       bne loop
        0xef00_0000, //       svc 0 (not reached within the limit)
        0xe081_1003, // f:    add r1, r1, r3
        0xe12f_ff1e, //       bx lr
    ];
    run_loop(c, "call_loop_a32", &code, 6, 16_000);
}

criterion_group!(benches, compile, self_loop, call_loop);
criterion_main!(benches);
