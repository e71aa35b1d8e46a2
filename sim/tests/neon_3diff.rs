//! Advanced SIMD "three registers of different lengths" (ARM ARM A7.4.2):
//! hand-picked edge cases per instruction, and a property test that draws
//! random encodings and register contents and checks the interpreter, in
//! both A32 and T32 encodings, against an independent scalar model written
//! from the architecture's pseudocode.

mod common;

use common::*;
use proptest::prelude::*;
use sim::interp::Exit;

/// (name, opcode bits 11:8, fixed U: None = U is a field)
const OPS: [(&str, u32, Option<u32>); 17] = [
    ("VADDL", 0, None),
    ("VADDW", 1, None),
    ("VSUBL", 2, None),
    ("VSUBW", 3, None),
    ("VADDHN", 4, Some(0)),
    ("VRADDHN", 4, Some(1)),
    ("VABAL", 5, None),
    ("VSUBHN", 6, Some(0)),
    ("VRSUBHN", 6, Some(1)),
    ("VABDL", 7, None),
    ("VMLAL", 8, None),
    ("VQDMLAL", 9, Some(0)),
    ("VMLSL", 10, None),
    ("VQDMLSL", 11, Some(0)),
    ("VMULL", 12, None),
    ("VQDMULL", 13, Some(0)),
    ("VMULL_P", 14, Some(0)),
];

/// The A32 encoding: 1111 001U 1 D size Vn Vd opc N 0 M 0 Vm.
fn encode(u: u32, size: u32, opc: u32, vd: u32, vn: u32, vm: u32) -> u32 {
    0xf280_0000
        | u << 24
        | (vd >> 4) << 22
        | size << 20
        | (vn & 15) << 16
        | (vd & 15) << 12
        | opc << 8
        | (vn >> 4) << 7
        | (vm >> 4) << 5
        | (vm & 15)
}

/// Scalar model, written from the pseudocode of each instruction (A8.8):
/// returns the new D registers and whether QC was set, or None for
/// UNDEFINED.
fn model(
    name: &str,
    u: u32,
    size: u32,
    vd: usize,
    vn: usize,
    vm: usize,
    d: &[u64; 32],
) -> Option<([u64; 32], bool)> {
    if size == 3 {
        return None;
    }
    let long_dest = !matches!(name, "VADDHN" | "VRADDHN" | "VSUBHN" | "VRSUBHN");
    let wide_n = matches!(
        name,
        "VADDW" | "VSUBW" | "VADDHN" | "VRADDHN" | "VSUBHN" | "VRSUBHN"
    );
    let wide_m = matches!(name, "VADDHN" | "VRADDHN" | "VSUBHN" | "VRSUBHN");
    if (long_dest && vd % 2 == 1) || (wide_n && vn % 2 == 1) || (wide_m && vm % 2 == 1) {
        return None;
    }
    if name.starts_with("VQDM") && size == 0 {
        return None;
    }
    if name == "VMULL_P" && size != 0 {
        return None;
    }
    let esize = 8u32 << size;
    let n_elems = 64 / esize;
    let unsigned = u == 1;
    // Lane i of a 64-bit (or 128-bit, two D registers) value.
    let lane = |regs: &[u64; 32], r: usize, width: u32, i: u32| -> u64 {
        let bit = i * width;
        let word = regs[r + (bit / 64) as usize];
        let v = word >> (bit % 64);
        if width == 64 {
            v
        } else {
            v & ((1u64 << width) - 1)
        }
    };
    let signed_of = |v: u64, width: u32| -> i128 {
        let shift = 128 - width;
        ((v as i128) << shift) >> shift
    };
    let int_of = |v: u64, width: u32| -> i128 {
        if unsigned {
            v as i128
        } else {
            signed_of(v, width)
        }
    };
    let sat = |v: i128, width: u32, qc: &mut bool| -> i128 {
        let hi = (1i128 << (width - 1)) - 1;
        let lo = -(1i128 << (width - 1));
        if v > hi {
            *qc = true;
            hi
        } else if v < lo {
            *qc = true;
            lo
        } else {
            v
        }
    };
    let mut out = *d;
    let mut qc = false;
    let mut results: Vec<u64> = Vec::new();
    for i in 0..n_elems {
        let two = 2 * esize;
        let r: i128 = match name {
            "VADDHN" | "VRADDHN" | "VSUBHN" | "VRSUBHN" => {
                let a = lane(d, vn, two, i) as i128;
                let b = lane(d, vm, two, i) as i128;
                let mut s = if name.contains("ADD") { a + b } else { a - b };
                if name.starts_with("VR") {
                    s += 1 << (esize - 1);
                }
                s >> esize
            }
            _ => {
                let a = if wide_n {
                    int_of(lane(d, vn, two, i), two)
                } else {
                    int_of(lane(d, vn, esize, i), esize)
                };
                let b = int_of(lane(d, vm, esize, i), esize);
                let acc = lane(d, vd, two, i) as i128;
                let sacc = signed_of(lane(d, vd, two, i), two);
                match name {
                    "VADDL" | "VADDW" => a + b,
                    "VSUBL" | "VSUBW" => a - b,
                    "VABAL" => acc + (a - b).abs(),
                    "VABDL" => (a - b).abs(),
                    "VMLAL" => acc + a * b,
                    "VMLSL" => acc - a * b,
                    "VMULL" => a * b,
                    "VMULL_P" => {
                        let (x, y) = (lane(d, vn, 8, i), lane(d, vm, 8, i));
                        let mut p = 0u64;
                        for bit in 0..8 {
                            if (y >> bit) & 1 == 1 {
                                p ^= x << bit;
                            }
                        }
                        p as i128
                    }
                    "VQDMULL" => sat(2 * a * b, two, &mut qc),
                    "VQDMLAL" => {
                        let p = sat(2 * a * b, two, &mut qc);
                        sat(sacc + p, two, &mut qc)
                    }
                    "VQDMLSL" => {
                        let p = sat(2 * a * b, two, &mut qc);
                        sat(sacc - p, two, &mut qc)
                    }
                    _ => unreachable!(),
                }
            }
        };
        results.push(r as u64);
    }
    let width = if long_dest { 2 * esize } else { esize };
    let regs = if long_dest { 2 } else { 1 };
    for r in 0..regs {
        out[vd + r] = 0;
    }
    for (i, &v) in results.iter().enumerate() {
        let bit = i as u32 * width;
        let m = if width == 64 {
            u64::MAX
        } else {
            (1u64 << width) - 1
        };
        out[vd + (bit / 64) as usize] |= (v & m) << (bit % 64);
    }
    Some((out, qc))
}

fn check(
    op: usize,
    u: u32,
    size: u32,
    vd: u32,
    vn: u32,
    vm: u32,
    d: &[u64; 32],
) -> Result<(), String> {
    if size == 3 {
        // size = 11 in this space is VEXT, VTBL/VTBX, VDUP (scalar) and
        // the two-register miscellaneous group: tested in neon_2reg.rs.
        return Ok(());
    }
    let (name, opc, fixed_u) = OPS[op];
    let u = fixed_u.unwrap_or(u);
    let word = encode(u, size, opc, vd, vn, vm);
    let expect = model(name, u, size, vd as usize, vn as usize, vm as usize, d);
    for thumb in [false, true] {
        let outcome = run_neon(word, thumb, d, 0);
        let what =
            format!("{name} u={u} size={size} d{vd} d{vn} d{vm} ({word:#010x}, thumb={thumb})");
        check_neon_outcome(&what, outcome, &expect)?;
    }
    Ok(())
}

/// Values that sit on saturation and rounding boundaries.
fn edge_regs(seed: u64) -> [u64; 32] {
    const EDGES: [u64; 8] = [
        0x8000_8000_8000_8000,
        0x7fff_7fff_7fff_7fff,
        0x8000_0000_8000_0000,
        0xffff_ffff_ffff_ffff,
        0x0000_0000_0000_0000,
        0x7fff_ffff_8000_0000,
        0x0080_ff7f_0180_80ff,
        0x8000_0000_0000_0000,
    ];
    let mut d = [0u64; 32];
    let mut x = seed | 1;
    for r in d.iter_mut() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *r = if x & 3 == 0 {
            EDGES[(x >> 8) as usize % 8]
        } else {
            x
        };
    }
    d
}

#[test]
fn every_row_and_size_on_edge_values() {
    for op in 0..OPS.len() {
        for u in 0..2 {
            for size in 0..4 {
                for (vd, vn, vm) in [
                    (0, 2, 4),
                    (2, 4, 7),
                    (30, 30, 31),
                    (1, 3, 5),
                    (4, 4, 4),
                    (16, 18, 20),
                ] {
                    for seed in [1, 2, 3] {
                        check(op, u, size, vd, vn, vm, &edge_regs(seed)).unwrap();
                    }
                }
            }
        }
    }
}

#[test]
fn vqdmull_saturates_only_min_times_min() {
    // VQDMULL.S16 q0, d2, d3 with 0x8000 * 0x8000: 2^31 saturates to
    // 0x7fffffff and sets QC; other lanes do not.
    let mut d = [0u64; 32];
    d[2] = 0x0001_7fff_8000_8000;
    d[3] = 0x0002_8000_7fff_8000;
    let word = encode(0, 1, 13, 0, 2, 3);
    let (exit, regs, fpscr) = run_neon(word, false, &d, 0);
    assert_eq!(exit, Exit::Limit);
    assert_eq!(regs[0] as u32, 0x7fff_ffff);
    assert_eq!((regs[0] >> 32) as u32, (2 * (-32768i64 * 32767)) as u32);
    assert_eq!(regs[1] as u32, (2 * (32767i64 * -32768)) as u32);
    assert_eq!((regs[1] >> 32) as u32, 4);
    assert_ne!(fpscr & FPSCR_QC, 0);
}

#[test]
fn vraddhn_rounds_and_vaddhn_truncates() {
    // VADDHN.I16 d0, q1, q2: 0x00ff + 0x0001 = 0x0100 -> high byte 0x01;
    // VRADDHN: 0x007f + 0x0001 + 0x80 = 0x0100 -> 0x01, VADDHN -> 0x00.
    let mut d = [0u64; 32];
    d[2] = 0x007f;
    d[4] = 0x0001;
    let (_, r, _) = run_neon(encode(1, 0, 4, 0, 2, 4), false, &d, 0);
    assert_eq!(r[0] & 0xff, 0x01);
    let (_, r, _) = run_neon(encode(0, 0, 4, 0, 2, 4), false, &d, 0);
    assert_eq!(r[0] & 0xff, 0x00);
}

#[test]
fn vmull_p8_is_carryless() {
    // 0x03 * 0x03 over GF(2) is 0x05; 0xff * 0xff is 0x5555.
    let mut d = [0u64; 32];
    d[1] = 0xff03;
    d[2] = 0xff03;
    let (_, r, _) = run_neon(encode(0, 0, 14, 4, 1, 2), false, &d, 0);
    assert_eq!(r[4] & 0xffff_ffff, 0x5555_0005);
}

#[test]
fn undefined_cases_trap() {
    let d = [0u64; 32];
    for word in [
        encode(0, 0, 0, 1, 2, 4),  // VADDL with odd Qd
        encode(0, 0, 1, 0, 3, 4),  // VADDW with odd Qn
        encode(0, 0, 4, 0, 2, 5),  // VADDHN with odd Qm
        encode(0, 0, 13, 0, 2, 4), // VQDMULL.S8
        encode(0, 1, 14, 0, 2, 4), // VMULL.P16
        encode(0, 2, 14, 0, 2, 4), // VMULL.P64 without the Crypto Extension
    ] {
        let (exit, _, _) = run_neon(word, false, &d, 0);
        assert!(
            matches!(exit, Exit::Undefined { .. }),
            "{word:#010x}: {exit:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
    #[test]
    fn random_encodings_match_the_scalar_model(
        op in 0..OPS.len(),
        u in 0u32..2,
        size in 0u32..4,
        vd in 0u32..32,
        vn in 0u32..32,
        vm in 0u32..32,
        regs in proptest::array::uniform32(any::<u64>()),
    ) {
        if let Err(e) = check(op, u, size, vd, vn, vm, &regs) {
            return Err(TestCaseError::fail(e));
        }
    }
}
