//! Inline loads and stores: LDR/STR and their byte, halfword and signed
//! forms, LDRD/STRD, LDM/STM (PUSH/POP). The fast path runs when the
//! access lies in one page the permission byte allows; everything else
//! (faults, translated-code pages, page-crossing accesses) is the
//! interpreter's, through the helper. The order of register updates
//! mirrors the interpreter's handlers in `sim::interp::ldst`.

use cranelift_codegen::ir::types::{I16, I32, I8};
use cranelift_codegen::ir::{InstBuilder, Value};

use sim::decode::Insn;
use sim::interp::{Op, Width};

use super::{guest_flags, Done, Span, Tr};

/// The offset operand of a single load or store.
#[derive(Clone, Copy)]
enum Offset {
    Imm(u32),
    /// Rm shifted by an immediate.
    Reg(i32, u32, u32),
}

struct Single {
    load: bool,
    width: Width,
    rt: i32,
    rn: i32,
    p: bool,
    u: bool,
    w: bool,
    offset: Offset,
}

impl Tr<'_, '_> {
    pub(super) fn lower_mem(&mut self, op: &Op) -> Option<Done> {
        use Insn::*;
        use Width::*;
        let ri = |load, width, a: sim::decode::ArgLdstRi| Single {
            load,
            width,
            rt: a.rt,
            rn: a.rn,
            p: a.p != 0,
            u: a.u != 0,
            w: a.w != 0,
            offset: Offset::Imm(a.imm as u32),
        };
        let rr = |load, width, a: sim::decode::ArgLdstRr| Single {
            load,
            width,
            rt: a.rt,
            rn: a.rn,
            p: a.p != 0,
            u: a.u != 0,
            w: a.w != 0,
            offset: Offset::Reg(a.rm, a.shtype as u32, a.shimm as u32),
        };
        let s = match op.insn {
            LdrRi(a) => ri(true, Word, a),
            LdrbRi(a) => ri(true, Byte, a),
            LdrhRi(a) => ri(true, Half, a),
            LdrsbRi(a) => ri(true, SByte, a),
            LdrshRi(a) => ri(true, SHalf, a),
            StrRi(a) => ri(false, Word, a),
            StrbRi(a) => ri(false, Byte, a),
            StrhRi(a) => ri(false, Half, a),
            LdrRr(a) => rr(true, Word, a),
            LdrbRr(a) => rr(true, Byte, a),
            LdrhRr(a) => rr(true, Half, a),
            LdrsbRr(a) => rr(true, SByte, a),
            LdrshRr(a) => rr(true, SHalf, a),
            StrRr(a) => rr(false, Word, a),
            StrbRr(a) => rr(false, Byte, a),
            StrhRr(a) => rr(false, Half, a),
            LdrdRi(a) => return self.dual(op, true, a.rt, a.rt2, a.rn, a.p, a.u, a.w, None, a.imm),
            StrdRi(a) => {
                return self.dual(op, false, a.rt, a.rt2, a.rn, a.p, a.u, a.w, None, a.imm)
            }
            LdrdRr(a) => {
                return self.dual(op, true, a.rt, a.rt2, a.rn, a.p, a.u, a.w, Some(a.rm), 0)
            }
            StrdRr(a) => {
                return self.dual(op, false, a.rt, a.rt2, a.rn, a.p, a.u, a.w, Some(a.rm), 0)
            }
            Ldm(a) | Stm(a) => {
                return self.multiple(
                    op,
                    matches!(op.insn, Ldm(_)),
                    a.rn,
                    a.i != 0,
                    a.b != 0,
                    a.w != 0,
                    a.list as u32 & 0xffff,
                )
            }
            _ => return None,
        };
        self.single(op, s)
    }

    /// (access address, offset address, write back?) for the P/U/W forms.
    fn addressing(
        &mut self,
        rn: i32,
        p: bool,
        u: bool,
        w: bool,
        offset: Value,
    ) -> (Value, Value, bool) {
        let base = self.base_reg(rn);
        let off = if u {
            self.b.ins().iadd(base, offset)
        } else {
            self.b.ins().isub(base, offset)
        };
        (if p { off } else { base }, off, !p || w)
    }

    fn single(&mut self, op: &Op, s: Single) -> Option<Done> {
        let wb = !s.p || s.w;
        if (wb && s.rn == 15) || (s.load && s.rt == 15 && s.width != Width::Word) {
            return None;
        }
        let offset = match s.offset {
            Offset::Imm(i) => self.b.ins().iconst(I32, i as i64),
            Offset::Reg(rm, ty, amount) => {
                let m = self.reg(rm);
                self.shift_imm(m, ty, amount, false).0
            }
        };
        let (addr, off, wb) = self.addressing(s.rn, s.p, s.u, s.w, offset);
        let ok = Span::new(addr, s.width.size(), !s.load);
        let done = self.cur + 1;
        let it_next = op.it_next;
        Some(self.guarded(op, ok, |t| {
            let host = t.host(addr);
            if s.load {
                let v = match s.width {
                    Width::Byte => t.b.ins().uload8(I32, guest_flags(), host, 0),
                    Width::SByte => t.b.ins().sload8(I32, guest_flags(), host, 0),
                    Width::Half => t.b.ins().uload16(I32, guest_flags(), host, 0),
                    Width::SHalf => t.b.ins().sload16(I32, guest_flags(), host, 0),
                    Width::Word => t.b.ins().load(I32, guest_flags(), host, 0),
                };
                if wb {
                    t.set(s.rn as usize, off);
                }
                if s.rt == 15 {
                    let (pc, th) = t.bx_target(v);
                    t.exit_indirect(pc, th, it_next, done);
                    return Done::Terminated;
                }
                t.set(s.rt as usize, v);
            } else {
                let v = t.reg(s.rt);
                match s.width {
                    Width::Byte | Width::SByte => {
                        let b = t.b.ins().ireduce(I8, v);
                        t.b.ins().store(guest_flags(), b, host, 0);
                    }
                    Width::Half | Width::SHalf => {
                        let h = t.b.ins().ireduce(I16, v);
                        t.b.ins().store(guest_flags(), h, host, 0);
                    }
                    Width::Word => {
                        t.b.ins().store(guest_flags(), v, host, 0);
                    }
                }
                if wb {
                    t.set(s.rn as usize, off);
                }
            }
            Done::Continue
        }))
    }

    #[allow(clippy::too_many_arguments)]
    fn dual(
        &mut self,
        op: &Op,
        load: bool,
        rt: i32,
        rt2: i32,
        rn: i32,
        p: i32,
        u: i32,
        w: i32,
        rm: Option<i32>,
        imm: i32,
    ) -> Option<Done> {
        let wb = p == 0 || w != 0;
        if rt2 > 14 || rt > 14 || (wb && rn == 15) {
            return None;
        }
        let offset = match rm {
            Some(rm) => self.reg(rm),
            None => self.b.ins().iconst(I32, imm as u32 as i64),
        };
        let (addr, off, wb) = self.addressing(rn, p != 0, u != 0, w != 0, offset);
        let ok = Span::new(addr, 8, !load);
        Some(self.guarded(op, ok, |t| {
            let host = t.host(addr);
            if load {
                let lo = t.b.ins().load(I32, guest_flags(), host, 0);
                let hi = t.b.ins().load(I32, guest_flags(), host, 4);
                if wb {
                    t.set(rn as usize, off);
                }
                t.set(rt as usize, lo);
                t.set(rt2 as usize, hi);
            } else {
                let (lo, hi) = (t.reg(rt), t.reg(rt2));
                t.b.ins().store(guest_flags(), lo, host, 0);
                t.b.ins().store(guest_flags(), hi, host, 4);
                if wb {
                    t.set(rn as usize, off);
                }
            }
            Done::Continue
        }))
    }

    #[allow(clippy::too_many_arguments)]
    fn multiple(
        &mut self,
        op: &Op,
        load: bool,
        rn: i32,
        inc: bool,
        before: bool,
        w: bool,
        list: u32,
    ) -> Option<Done> {
        if list == 0 || (w && rn == 15) {
            return None;
        }
        let bytes = 4 * list.count_ones();
        let base = self.reg(rn);
        let (lo, wbv) = match (inc, before) {
            (true, false) => (base, self.b.ins().iadd_imm_s(base, bytes as i64)),
            (true, true) => (
                self.b.ins().iadd_imm_s(base, 4),
                self.b.ins().iadd_imm_s(base, bytes as i64),
            ),
            (false, false) => {
                let wb = self.b.ins().iadd_imm_s(base, -(bytes as i64));
                (self.b.ins().iadd_imm_s(wb, 4), wb)
            }
            (false, true) => {
                let wb = self.b.ins().iadd_imm_s(base, -(bytes as i64));
                (wb, wb)
            }
        };
        let ok = Span::new(lo, bytes, !load);
        let done = self.cur + 1;
        let it_next = op.it_next;
        Some(self.guarded(op, ok, |t| {
            let host = t.host(lo);
            let regs: Vec<i32> = (0..16).filter(|r| list & (1 << r) != 0).collect();
            if load {
                let vals: Vec<Value> = (0..regs.len())
                    .map(|i| t.b.ins().load(I32, guest_flags(), host, 4 * i as i32))
                    .collect();
                if w {
                    t.set(rn as usize, wbv);
                }
                for (&r, &v) in regs.iter().zip(&vals) {
                    if r < 15 {
                        t.set(r as usize, v);
                    }
                }
                if list & 0x8000 != 0 {
                    let v = *vals.last().expect("PC is in the list");
                    let (pc, th) = t.bx_target(v);
                    t.exit_indirect(pc, th, it_next, done);
                    return Done::Terminated;
                }
            } else {
                for (i, &r) in regs.iter().enumerate() {
                    let v = t.reg(r);
                    t.b.ins().store(guest_flags(), v, host, 4 * i as i32);
                }
                if w {
                    t.set(rn as usize, wbv);
                }
            }
            Done::Continue
        }))
    }
}
