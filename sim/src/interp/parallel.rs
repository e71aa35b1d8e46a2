//! Saturating arithmetic (QADD, QSUB, QDADD, QDSUB) and the parallel
//! add/subtract instructions (ARM ARM A4.4.3-A4.4.4: the S, Q, SH, U, UQ
//! and UH prefixes on ADD16, ASX, SAX, SUB16, ADD8, SUB8).

use super::exec::{Exec, Flow, R};
use super::misc::sat_q;
use crate::decode::ArgRrr;

/// The lane operation of a parallel instruction.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ParOp {
    Add16,
    Asx,
    Sax,
    Sub16,
    Add8,
    Sub8,
}

/// The prefix: how lanes are extended and how results are narrowed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ParKind {
    /// Modular, sets GE.
    S,
    U,
    /// Saturating.
    Q,
    Uq,
    /// Halving.
    Sh,
    Uh,
}

impl Exec<'_> {
    pub fn parallel(&mut self, a: ArgRrr, kind: ParKind, op: ParOp) -> R {
        let (n, m) = (self.reg(a.rn), self.reg(a.rm));
        let signed = matches!(kind, ParKind::S | ParKind::Q | ParKind::Sh);
        let (lanes, bits) = match op {
            ParOp::Add8 | ParOp::Sub8 => (4, 8),
            _ => (2, 16),
        };
        let lane = |v: u32, i: u32| -> i64 {
            let x = (v >> (bits * i)) & ((1 << bits) - 1);
            if signed {
                ((x << (32 - bits)) as i32 >> (32 - bits)) as i64
            } else {
                x as i64
            }
        };
        let mut result = 0u32;
        let mut ge = 0u32;
        for i in 0..lanes {
            // ASX: lane 0 subtracts the other's top half, lane 1 adds the
            // other's bottom half; SAX the reverse.
            let (x, y, sub) = match op {
                ParOp::Add16 | ParOp::Add8 => (lane(n, i), lane(m, i), false),
                ParOp::Sub16 | ParOp::Sub8 => (lane(n, i), lane(m, i), true),
                ParOp::Asx => (lane(n, i), lane(m, 1 - i), i == 0),
                ParOp::Sax => (lane(n, i), lane(m, 1 - i), i == 1),
            };
            let r = if sub { x - y } else { x + y };
            let out = match kind {
                ParKind::S => {
                    if r >= 0 {
                        ge |= if bits == 8 { 1 << i } else { 3 << (2 * i) };
                    }
                    r as u32
                }
                ParKind::U => {
                    let set = if sub { r >= 0 } else { r >= 1 << bits };
                    if set {
                        ge |= if bits == 8 { 1 << i } else { 3 << (2 * i) };
                    }
                    r as u32
                }
                ParKind::Q | ParKind::Uq => sat_q(r, bits, signed).0,
                ParKind::Sh | ParKind::Uh => (r >> 1) as u32,
            };
            result |= (out & ((1 << bits) - 1)) << (bits * i);
        }
        if matches!(kind, ParKind::S | ParKind::U) {
            self.cpu.ge = ge;
        }
        self.set_reg(a.rd, result);
        Ok(Flow::Next)
    }

    /// QADD/QSUB/QDADD/QDSUB: `double` saturates 2*Rn first. Operands are
    /// Rm op Rn.
    pub fn qaddsub(&mut self, a: ArgRrr, sub: bool, double: bool) -> R {
        let m = self.reg(a.rm) as i32 as i64;
        let mut n = self.reg(a.rn) as i32 as i64;
        if double {
            let (d, q) = sat_q(2 * n, 32, true);
            self.cpu.q |= q as u32;
            n = d as i32 as i64;
        }
        let (r, q) = sat_q(if sub { m - n } else { m + n }, 32, true);
        self.cpu.q |= q as u32;
        self.set_reg(a.rd, r);
        Ok(Flow::Next)
    }
}
