//! Randomized checks: the host-float fast paths against the integer exact
//! paths (all rounding modes, FZ, DN), round-to-nearest results against the
//! host's IEEE arithmetic, and conversions against independent references.
//! Deterministic xorshift generator; no external crates.

use super::super::exact;
use super::super::format::{unpack, Kind, F32, F64};
use super::super::round::{round, shr_round_sticky};
use super::super::*;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// Random control bits: rounding mode, FZ, DN, AHP; no flags.
    fn ctl(&mut self) -> u32 {
        ((self.below(4) as u32) << 22) | ((self.below(8) as u32) << 24)
    }

    /// Singles biased towards special values, denormals, extreme exponents
    /// and short mantissas (exact results, ties).
    fn f32(&mut self) -> u32 {
        let sign = (self.next() as u32) & 0x8000_0000;
        let frac = self.next() as u32 & 0x007F_FFFF;
        match self.below(12) {
            0 => {
                const SPECIAL: [u32; 12] = [
                    0,
                    0x7F80_0000,
                    0x7FC0_0000,
                    0x7F80_0001,
                    0x7FA0_1234,
                    0x0000_0001,
                    0x007F_FFFF,
                    0x0080_0000,
                    0x7F7F_FFFF,
                    0x3F80_0000,
                    0x4000_0000,
                    0x0080_0001,
                ];
                sign | SPECIAL[self.below(12) as usize]
            }
            1 => sign | frac >> self.below(23),
            2 => sign | (((self.below(40) as u32) + 1) << 23) | frac,
            3 => sign | ((254 - self.below(40) as u32) << 23) | frac,
            4 | 5 => {
                let e = self.below(40) as u32 + 107;
                sign | (e << 23) | (frac >> self.below(23) << self.below(4) & 0x007F_FFFF)
            }
            6 => {
                let v = (self.below(2000) as f32 - 1000.0)
                    / [1.0, 2.0, 3.0, 10.0][self.below(4) as usize];
                v.to_bits()
            }
            _ => self.next() as u32,
        }
    }

    fn f64(&mut self) -> u64 {
        let sign = self.next() & (1 << 63);
        let frac = self.next() & 0x000F_FFFF_FFFF_FFFF;
        match self.below(12) {
            0 => {
                const SPECIAL: [u64; 10] = [
                    0,
                    0x7FF0_0000_0000_0000,
                    0x7FF8_0000_0000_0000,
                    0x7FF0_0000_0000_0001,
                    1,
                    0x000F_FFFF_FFFF_FFFF,
                    0x0010_0000_0000_0000,
                    0x7FEF_FFFF_FFFF_FFFF,
                    0x3FF0_0000_0000_0000,
                    0x0010_0000_0000_0001,
                ];
                sign | SPECIAL[self.below(10) as usize]
            }
            1 => sign | frac >> self.below(52),
            2 => sign | ((self.below(120) + 1) << 52) | frac,
            3 => sign | ((2046 - self.below(60)) << 52) | frac,
            4 | 5 => {
                let e = self.below(60) + 993;
                sign | (e << 52) | (frac >> self.below(52) << self.below(4) & 0x000F_FFFF_FFFF_FFFF)
            }
            6 => {
                let v = (self.below(2000) as f64 - 1000.0)
                    / [1.0, 2.0, 3.0, 10.0][self.below(4) as usize];
                v.to_bits()
            }
            7 => (f32::from_bits(self.f32()) as f64).to_bits(),
            _ => self.next(),
        }
    }

    /// Sometimes makes `b` nearly cancel `a`, and `c` nearly cancel `a * b`.
    fn triple32(&mut self) -> (u32, u32, u32) {
        let (a, mut b, mut c) = (self.f32(), self.f32(), self.f32());
        if self.below(4) == 0 {
            b = (a ^ 0x8000_0000)
                .wrapping_add(self.below(5) as u32)
                .wrapping_sub(2);
        }
        match self.below(8) {
            0 | 1 => {
                c = neg32(mul32(a, b, &mut 0))
                    .wrapping_add(self.below(3) as u32)
                    .wrapping_sub(1)
            }
            2 => {
                // c = -(a*b - RN(a*b)) when that is a single.
                let (x, y) = (f32::from_bits(a) as f64, f32::from_bits(b) as f64);
                c = (-(x * y - (x * y) as f32 as f64) as f32).to_bits();
            }
            _ => {}
        }
        (a, b, c)
    }

    fn triple64(&mut self) -> (u64, u64, u64) {
        let (a, mut b, mut c) = (self.f64(), self.f64(), self.f64());
        if self.below(4) == 0 {
            b = (a ^ (1 << 63)).wrapping_add(self.below(5)).wrapping_sub(2);
        }
        match self.below(8) {
            0 | 1 => {
                c = neg64(mul64(a, b, &mut 0))
                    .wrapping_add(self.below(3))
                    .wrapping_sub(1)
            }
            2 => {
                // c = -(a*b - RN(a*b)): the fused sum is exactly RN(a*b), with
                // the lowest bits of product and addend at the same position.
                let (x, y) = (f64::from_bits(a), f64::from_bits(b));
                c = (-(x.mul_add(y, -(x * y)))).to_bits();
            }
            _ => {}
        }
        (a, b, c)
    }
}

const N: usize = 100_000;

fn check<T: PartialEq + core::fmt::LowerHex>(
    what: &str,
    args: &[u64],
    ctl: u32,
    fast: (T, u32),
    slow: (T, u32),
) {
    assert!(
        fast.0 == slow.0 && fast.1 == slow.1,
        "{what} {args:x?} fpscr {ctl:08x}: fast {:x} {:08x}, exact {:x} {:08x}",
        fast.0,
        fast.1,
        slow.0,
        slow.1
    );
}

#[test]
fn fast_paths_match_exact_single() {
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    for _ in 0..N {
        let (a, b, c) = rng.triple32();
        let ctl = rng.ctl();
        let (a6, b6, c6) = (a as u64, b as u64, c as u64);
        let args = [a6, b6, c6];
        macro_rules! cmp2 {
            ($name:expr, $fast:expr, $slow:expr) => {{
                let (mut s1, mut s2) = (ctl, ctl);
                let r1 = $fast(&mut s1);
                let r2 = $slow(&mut s2) as u32;
                check($name, &args, ctl, (r1, s1), (r2, s2));
            }};
        }
        cmp2!("add32", |s: &mut u32| add32(a, b, s), |s: &mut u32| {
            exact::add(F32, a6, b6, false, s)
        });
        cmp2!("sub32", |s: &mut u32| sub32(a, b, s), |s: &mut u32| {
            exact::add(F32, a6, b6, true, s)
        });
        cmp2!("mul32", |s: &mut u32| mul32(a, b, s), |s: &mut u32| {
            exact::mul(F32, a6, b6, s)
        });
        cmp2!("div32", |s: &mut u32| div32(a, b, s), |s: &mut u32| {
            exact::div(F32, a6, b6, s)
        });
        cmp2!("sqrt32", |s: &mut u32| sqrt32(a, s), |s: &mut u32| {
            exact::sqrt(F32, a6, s)
        });
        cmp2!(
            "fma32",
            |s: &mut u32| muladd_fused32(c, a, b, s),
            |s: &mut u32| exact::muladd(F32, c6, a6, b6, s)
        );
    }
}

#[test]
fn fast_paths_match_exact_double() {
    let mut rng = Rng(0x0FED_CBA9_8765_4321);
    for _ in 0..N {
        let (a, b, c) = rng.triple64();
        let ctl = rng.ctl();
        let args = [a, b, c];
        macro_rules! cmp2 {
            ($name:expr, $fast:expr, $slow:expr) => {{
                let (mut s1, mut s2) = (ctl, ctl);
                let r1 = $fast(&mut s1);
                let r2 = $slow(&mut s2);
                check($name, &args, ctl, (r1, s1), (r2, s2));
            }};
        }
        cmp2!("add64", |s: &mut u32| add64(a, b, s), |s: &mut u32| {
            exact::add(F64, a, b, false, s)
        });
        cmp2!("sub64", |s: &mut u32| sub64(a, b, s), |s: &mut u32| {
            exact::add(F64, a, b, true, s)
        });
        cmp2!("mul64", |s: &mut u32| mul64(a, b, s), |s: &mut u32| {
            exact::mul(F64, a, b, s)
        });
        cmp2!("div64", |s: &mut u32| div64(a, b, s), |s: &mut u32| {
            exact::div(F64, a, b, s)
        });
        cmp2!("sqrt64", |s: &mut u32| sqrt64(a, s), |s: &mut u32| {
            exact::sqrt(F64, a, s)
        });
        cmp2!(
            "fma64",
            |s: &mut u32| muladd_fused64(c, a, b, s),
            |s: &mut u32| exact::muladd(F64, c, a, b, s)
        );
    }
}

/// With FZ clear and round-to-nearest, ARM results are the IEEE 754 results
/// (only NaN payloads and the flags' tininess rule differ).
#[test]
fn round_to_nearest_matches_host() {
    let mut rng = Rng(0xDEAD_BEEF_CAFE_F00D);
    for _ in 0..N {
        let (a, b, c) = rng.triple32();
        let (x, y, z) = (f32::from_bits(a), f32::from_bits(b), f32::from_bits(c));
        let mut s = 0;
        let checks = [
            (add32(a, b, &mut s), x + y),
            (sub32(a, b, &mut s), x - y),
            (mul32(a, b, &mut s), x * y),
            (div32(a, b, &mut s), x / y),
            (sqrt32(a, &mut s), x.sqrt()),
            (muladd_fused32(c, a, b, &mut s), x.mul_add(y, z)),
        ];
        for (i, (got, host)) in checks.into_iter().enumerate() {
            if !host.is_nan() {
                assert_eq!(got, host.to_bits(), "op {i} {a:x} {b:x} {c:x}");
            }
        }
        let (a, b, c) = rng.triple64();
        let (x, y, z) = (f64::from_bits(a), f64::from_bits(b), f64::from_bits(c));
        let checks = [
            (add64(a, b, &mut s), x + y),
            (sub64(a, b, &mut s), x - y),
            (mul64(a, b, &mut s), x * y),
            (div64(a, b, &mut s), x / y),
            (sqrt64(a, &mut s), x.sqrt()),
            (muladd_fused64(c, a, b, &mut s), x.mul_add(y, z)),
            (
                f32_to_f64(a as u32, &mut s),
                f32::from_bits(a as u32) as f64,
            ),
        ];
        for (i, (got, host)) in checks.into_iter().enumerate() {
            if !host.is_nan() {
                assert_eq!(got, host.to_bits(), "op {i} {a:x} {b:x} {c:x}");
            }
        }
        let r = f64_to_f32(a, &mut s);
        if !x.is_nan() {
            assert_eq!(r, (x as f32).to_bits(), "f64_to_f32 {a:x}");
        }
    }
}

/// `FPDoubleToSingle()` of a finite non-NaN double via the generic `FPRound`.
fn ref_f64_to_f32(x: u64, fpscr: &mut u32) -> u32 {
    let u = unpack(F64, x, fpscr);
    match u.kind {
        Kind::Finite => round(
            F32,
            u.sign,
            u.exp,
            u.mant as u128,
            RoundingMode::from_fpscr(*fpscr),
            fpscr,
        ) as u32,
        Kind::Zero => F32.zero(u.sign) as u32,
        _ => F32.infinity(u.sign) as u32,
    }
}

#[test]
fn precision_conversion_matches_fpround() {
    let mut rng = Rng(0x5555_AAAA_1234_4321);
    for _ in 0..N {
        let x = rng.f64();
        if f64::from_bits(x).is_nan() {
            continue;
        }
        let ctl = rng.ctl();
        let (mut s1, mut s2) = (ctl, ctl);
        let r1 = f64_to_f32(x, &mut s1);
        let r2 = ref_f64_to_f32(x, &mut s2);
        check("f64_to_f32", &[x], ctl, (r1, s1), (r2, s2));
        // Round trip of singles through doubles is the identity (FZ aside).
        let y = rng.f32();
        if !f32::from_bits(y).is_nan() {
            let mut s = 0;
            let back = f64_to_f32(f32_to_f64(y, &mut s), &mut s);
            assert_eq!((back, s), (y, 0));
        }
        // Every IEEE half converts exactly and back.
        let h = rng.next() as u16;
        if h & 0x7C00 != 0x7C00 || h & 0x3FF == 0 {
            for ahp in [0, FPSCR_AHP] {
                let mut s = ahp;
                let w = f16_to_f32(h, &mut s);
                assert_eq!((f32_to_f16(w, &mut s), s), (h, ahp), "half {h:x}");
            }
        }
    }
}

/// Reference `FPToFixed()` written directly from the pseudocode with integer
/// arithmetic: RoundDown of the signed value, the error in [0, 1), the
/// round_up decision per mode, then SatQ.
fn ref_to_fixed(
    is64: bool,
    x: u64,
    fbits: u32,
    signed: bool,
    size: u32,
    rm: RoundingMode,
    fpscr: &mut u32,
) -> u32 {
    let u = unpack(if is64 { F64 } else { F32 }, x, fpscr);
    // (RoundDown(value), error == 0.5, error > 0.5, error != 0)
    let (int, half, above, nonzero): (i128, bool, bool, bool) = match u.kind {
        Kind::QNaN | Kind::SNaN => {
            *fpscr |= FPSCR_IOC;
            (0, false, false, false)
        }
        Kind::Zero => (0, false, false, false),
        Kind::Inf => (
            if u.sign { -(1 << 100) } else { 1 << 100 },
            false,
            false,
            false,
        ),
        Kind::Finite => {
            let e = u.exp + fbits as i32;
            // Values of 2^60 and more saturate whatever the rounding.
            let (q, r, st) = if e > 60 {
                (1u128 << 100, false, false)
            } else {
                shr_round_sticky(u.mant as u128, -e)
            };
            let q = q as i128;
            if !(r || st) {
                (if u.sign { -q } else { q }, false, false, false)
            } else if !u.sign {
                (q, r && !st, r && st, true)
            } else {
                // -(q + frac) = -(q + 1) + (1 - frac)
                (-q - 1, r && !st, !r, true)
            }
        }
    };
    let round_up = match rm {
        RoundingMode::Nearest => above || (half && int & 1 != 0),
        RoundingMode::PlusInf => nonzero,
        RoundingMode::MinusInf => false,
        RoundingMode::Zero => nonzero && int < 0,
    };
    let int = int + round_up as i128;
    let (lo, hi): (i128, i128) = if signed {
        (-(1 << (size - 1)), (1 << (size - 1)) - 1)
    } else {
        (0, (1 << size) - 1)
    };
    if int < lo || int > hi {
        *fpscr |= FPSCR_IOC;
        return (if int < lo { lo } else { hi }) as u32;
    }
    if nonzero {
        *fpscr |= FPSCR_IXC;
    }
    int as u32
}

#[test]
fn to_fixed_matches_pseudocode() {
    let mut rng = Rng(0x7777_1111_2222_3333);
    for _ in 0..N {
        let ctl = rng.ctl();
        let rm = RoundingMode::from_bits(rng.below(4) as u32);
        let signed = rng.below(2) == 0;
        let size = if rng.below(2) == 0 { 16 } else { 32 };
        let fbits = if rng.below(3) == 0 {
            0
        } else {
            rng.below(size as u64 + 1) as u32
        };
        let x = rng.f32();
        let (mut s1, mut s2) = (ctl, ctl);
        let r1 = f32_to_fixed(x, fbits, signed, size, rm, &mut s1);
        let r2 = ref_to_fixed(false, x as u64, fbits, signed, size, rm, &mut s2);
        let args = [
            x as u64,
            fbits as u64,
            signed as u64,
            size as u64,
            rm as u64,
        ];
        check("f32_to_fixed", &args, ctl, (r1, s1), (r2, s2));
        let x = rng.f64();
        let (mut s1, mut s2) = (ctl, ctl);
        let r1 = f64_to_fixed(x, fbits, signed, size, rm, &mut s1);
        let r2 = ref_to_fixed(true, x, fbits, signed, size, rm, &mut s2);
        let args = [x, fbits as u64, signed as u64, size as u64, rm as u64];
        check("f64_to_fixed", &args, ctl, (r1, s1), (r2, s2));
    }
}

#[test]
fn from_fixed_matches_fpround() {
    let mut rng = Rng(0x9999_8888_7777_6666);
    for _ in 0..N {
        let ctl = rng.ctl();
        let rm = RoundingMode::from_bits(rng.below(4) as u32);
        let signed = rng.below(2) == 0;
        let size = if rng.below(2) == 0 { 16 } else { 32 };
        let fbits = rng.below(size as u64 + 1) as u32;
        let v = (rng.next() as u32) >> rng.below(32);
        let raw = v & if size == 16 { 0xFFFF } else { 0xFFFF_FFFF };
        let int: i64 = match (signed, size) {
            (true, 16) => raw as u16 as i16 as i64,
            (true, _) => raw as i32 as i64,
            _ => raw as i64,
        };
        let (mut s1, mut s2) = (ctl, ctl);
        let r1 = fixed_to_f32(v, fbits, signed, size, rm, &mut s1);
        let r2 = if int == 0 {
            0
        } else {
            round(
                F32,
                int < 0,
                -(fbits as i32),
                int.unsigned_abs() as u128,
                rm,
                &mut s2,
            ) as u32
        };
        check(
            "fixed_to_f32",
            &[v as u64, fbits as u64],
            ctl,
            (r1, s1),
            (r2, s2),
        );
        let r = f64::from_bits(fixed_to_f64(v, fbits, signed, size));
        assert_eq!(r, int as f64 / 2f64.powi(fbits as i32));
    }
}

#[test]
fn compares_and_max_min_match_host() {
    let mut rng = Rng(0x1357_9BDF_2468_ACE0);
    for _ in 0..N {
        let (a, b) = (rng.f32(), rng.f32());
        let (x, y) = (f32::from_bits(a), f32::from_bits(b));
        let mut s = 0;
        let nzcv = cmp32(a, b, false, &mut s);
        let want = match x.partial_cmp(&y) {
            None => NZCV_UNORDERED,
            Some(core::cmp::Ordering::Less) => NZCV_LESS,
            Some(core::cmp::Ordering::Equal) => NZCV_EQUAL,
            Some(core::cmp::Ordering::Greater) => NZCV_GREATER,
        };
        assert_eq!(nzcv, want, "{a:x} {b:x}");
        let mut t = 0;
        assert_eq!(cmp_eq32(a, b, &mut t), x == y);
        assert_eq!(cmp_ge32(a, b, &mut t), x >= y);
        assert_eq!(cmp_gt32(a, b, &mut t), x > y);
        if !x.is_nan() && !y.is_nan() && x != y {
            assert_eq!(max32(a, b, &mut t), x.max(y).to_bits());
            assert_eq!(min32(a, b, &mut t), x.min(y).to_bits());
        }
        let (a, b) = (rng.f64(), rng.f64());
        let (x, y) = (f64::from_bits(a), f64::from_bits(b));
        let nzcv = cmp64(a, b, true, &mut s);
        assert_eq!(nzcv == NZCV_UNORDERED, x.is_nan() || y.is_nan());
        assert_eq!(nzcv == NZCV_LESS, x < y);
        assert_eq!(nzcv == NZCV_EQUAL, x == y);
    }
}

#[test]
fn compare_fast_paths_match_generic() {
    use super::super::compare::{compare, max_min};
    let mut rng = Rng(0x2468_1357_ACE0_BDF9);
    for _ in 0..N {
        let ctl = rng.ctl();
        let (a, b) = (rng.f32(), rng.f32());
        let b = if rng.below(4) == 0 {
            a ^ (rng.below(2) as u32) << 31
        } else {
            b
        };
        let (a6, b6) = (a as u64, b as u64);
        for e in [false, true] {
            let (mut s1, mut s2) = (ctl, ctl);
            let r1 = cmp32(a, b, e, &mut s1);
            let r2 = compare(F32, a6, b6, e, &mut s2);
            check("cmp32", &[a6, b6], ctl, (r1, s1), (r2, s2));
        }
        let (mut s1, mut s2) = (ctl, ctl);
        let r1 = max32(a, b, &mut s1);
        let r2 = max_min(F32, a6, b6, true, &mut s2) as u32;
        check("max32", &[a6, b6], ctl, (r1, s1), (r2, s2));
        let (mut s1, mut s2) = (ctl, ctl);
        let r1 = min32(a, b, &mut s1);
        let r2 = max_min(F32, a6, b6, false, &mut s2) as u32;
        check("min32", &[a6, b6], ctl, (r1, s1), (r2, s2));
        let (x, y) = (rng.f64(), rng.f64());
        let (mut s1, mut s2) = (ctl, ctl);
        let r1 = cmp64(x, y, false, &mut s1);
        let r2 = compare(F64, x, y, false, &mut s2);
        check("cmp64", &[x, y], ctl, (r1, s1), (r2, s2));
    }
}

/// Runs `fast` and `exact` from the same FPSCR and compares results and
/// flags.
fn same<T: PartialEq + core::fmt::LowerHex>(
    what: &str,
    args: &[u64],
    ctl: u32,
    fast: impl FnOnce(&mut u32) -> T,
    exact: impl FnOnce(&mut u32) -> T,
) {
    let (mut s1, mut s2) = (ctl, ctl);
    let r1 = fast(&mut s1);
    let r2 = exact(&mut s2);
    check(what, args, ctl, (r1, s1), (r2, s2));
}

/// Operands whose results land within a few ulps of the fast paths' range
/// limits (smallest normal, largest normal, and 2^-958 for the double
/// residual checks), where a wrong guard would show.
#[test]
fn boundary_results_match_exact() {
    let mut rng = Rng(0x0BAD_CAFE_0DDB_A110);
    for _ in 0..N {
        let ctl = rng.ctl();
        // Operands chosen (with any rounding) so that the result is near t.
        let mut s = (rng.below(4) as u32) << 22;
        let sign = (rng.next() as u32) & 0x8000_0000;
        let t = [0x0080_0000u32, 0x7F7F_FFFF, 0x0100_0000][rng.below(3) as usize];
        let t = (t + rng.below(9) as u32 - 4) | sign;
        let b = 0x3F80_0000 | (rng.next() as u32 & 0x007F_FFFF);
        let nb = b ^ 0x8000_0000;
        let am = div32(t, b, &mut s);
        let ad = mul32(t, b, &mut s);
        let aa = sub32(t, b >> rng.below(30), &mut s);
        let (t6, b6, nb6) = (t as u64, b as u64, nb as u64);
        let (am6, ad6, aa6) = (am as u64, ad as u64, aa as u64);
        same(
            "mul32",
            &[am6, b6],
            ctl,
            |s| mul32(am, b, s),
            |s| exact::mul(F32, am6, b6, s) as u32,
        );
        same(
            "div32",
            &[ad6, b6],
            ctl,
            |s| div32(ad, b, s),
            |s| exact::div(F32, ad6, b6, s) as u32,
        );
        same(
            "add32",
            &[aa6, b6],
            ctl,
            |s| add32(aa, b, s),
            |s| exact::add(F32, aa6, b6, false, s) as u32,
        );
        same(
            "fma32",
            &[t6, am6, nb6],
            ctl,
            |s| muladd_fused32(t, am, nb, s),
            |s| exact::muladd(F32, t6, am6, nb6, s) as u32,
        );

        let sign = rng.next() & (1 << 63);
        let t = [
            0x0010_0000_0000_0000u64,
            0x7FEF_FFFF_FFFF_FFFF,
            65 << 52,
            0x0020_0000_0000_0000,
        ][rng.below(4) as usize];
        let t = (t + rng.below(9) - 4) | sign;
        let b = 0x3FF0_0000_0000_0000 | (rng.next() & 0x000F_FFFF_FFFF_FFFF);
        let nb = b ^ (1 << 63);
        let am = div64(t, b, &mut s);
        let ad = mul64(t, b, &mut s);
        let aa = sub64(t, b >> rng.below(60), &mut s);
        let asq = mul64(t & !(1 << 63), t & !(1 << 63), &mut s);
        same(
            "mul64",
            &[am, b],
            ctl,
            |s| mul64(am, b, s),
            |s| exact::mul(F64, am, b, s),
        );
        same(
            "div64",
            &[ad, b],
            ctl,
            |s| div64(ad, b, s),
            |s| exact::div(F64, ad, b, s),
        );
        same(
            "add64",
            &[aa, b],
            ctl,
            |s| add64(aa, b, s),
            |s| exact::add(F64, aa, b, false, s),
        );
        same(
            "sqrt64",
            &[asq],
            ctl,
            |s| sqrt64(asq, s),
            |s| exact::sqrt(F64, asq, s),
        );
        same(
            "fma64",
            &[t, am, nb],
            ctl,
            |s| muladd_fused64(t, am, nb, s),
            |s| exact::muladd(F64, t, am, nb, s),
        );
    }
}
