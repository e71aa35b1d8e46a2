//! Inline branches: B, BL, BLX, BX, CBZ/CBNZ, the Thumb conditional
//! branch and the table branches TBB/TBH, as direct exits (linkable) or
//! indirect ones (through the indirect-branch table). Mirrors
//! `sim::interp::branch`.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::I32;
use cranelift_codegen::ir::{InstBuilder, Value};

use sim::decode::Insn;
use sim::interp::Op;

use super::{guest_flags, Done, Span, Tr};

/// The target (PC, Thumb) of a direct branch: B, B<cond>, BL, BLX
/// (immediate), CBZ/CBNZ. Mirrors `sim::interp::branch`.
pub(super) fn direct_target(op: &Op, thumb: bool) -> Option<(u32, bool)> {
    use Insn::*;
    let pc_read = op.pc.wrapping_add(if thumb { 4 } else { 8 });
    let align = |t: u32| if thumb { t & !1 } else { t & !3 };
    match op.insn {
        B(a) | Bl(a) => Some((align(pc_read.wrapping_add(a.imm as u32)), thumb)),
        BCond(a) if a.cond < 14 => Some((align(pc_read.wrapping_add(a.imm as u32)), thumb)),
        Cbz(a) => Some((align(pc_read.wrapping_add(a.imm as u32)), thumb)),
        BlxI(a) => Some(if thumb {
            ((pc_read & !3).wrapping_add(a.imm as u32) & !3, false)
        } else {
            (pc_read.wrapping_add(a.imm as u32) & !1, true)
        }),
        _ => None,
    }
}

/// Whether `op` is a direct branch back to the start of its own block
/// (making the block a loop).
pub(super) fn self_target(op: &Op, blk: &super::BlockIn<'_>) -> bool {
    let first = &blk.ops[0];
    let it = if blk.thumb { op.it_next } else { 0 };
    direct_target(op, blk.thumb) == Some((first.pc, blk.thumb)) && it == first.it
}

/// Where control may go straight from the end of a block (its last
/// instruction `op`): a direct branch target and, unless `op` always
/// branches away, the next instruction (for BL, where its callee
/// returns). As (PC, Thumb, IT state) block keys.
pub fn successors(op: &Op, thumb: bool) -> Vec<(u32, bool, u8)> {
    use Insn::*;
    let it = if thumb { op.it_next } else { 0 };
    let mut out = Vec::new();
    if let Some((pc, t)) = direct_target(op, thumb) {
        out.push((pc, t, if t { it } else { 0 }));
    }
    let always_away = (op.cond == sim::cpu::COND_AL || op.cond == 15)
        && matches!(op.insn, B(_) | Bx(_) | BlxI(_) | BlxR(_));
    if !always_away {
        out.push((op.pc.wrapping_add(op.len as u32), thumb, it));
    }
    out
}

impl Tr<'_, '_> {
    pub(super) fn lower_branch(&mut self, op: &Op) -> Option<Done> {
        use Insn::*;
        let thumb = self.blk.thumb;
        let done = self.cur + 1;
        let next = op.pc.wrapping_add(op.len as u32);
        let link = next | thumb as u32;
        match op.insn {
            B(_) | Bl(_) | BlxI(_) => {
                if !matches!(op.insn, B(_)) {
                    let lv = self.b.ins().iconst(I32, link as i64);
                    self.set(14, lv);
                }
                let (t, t_thumb) = direct_target(op, thumb).expect("a direct branch");
                self.exit_direct(t, t_thumb, op.it_next, done);
                Some(Done::Terminated)
            }
            Bx(a) | BlxR(a) => {
                let v = self.reg(a.rm);
                if matches!(op.insn, BlxR(_)) {
                    let lv = self.b.ins().iconst(I32, link as i64);
                    self.set(14, lv);
                }
                let (pc, th) = self.bx_target(v);
                self.exit_indirect(pc, th, op.it_next, done);
                Some(Done::Terminated)
            }
            BCond(a) if a.cond < 14 => {
                let c = self.cond(a.cond as u8);
                let (t, _) = direct_target(op, thumb).expect("a direct branch");
                self.cond_exit(c, t, op, done);
                Some(Done::Continue)
            }
            Cbz(a) => {
                let v = self.reg(a.rn);
                let cc = if a.nz != 0 {
                    IntCC::NotEqual
                } else {
                    IntCC::Equal
                };
                let c = self.b.ins().icmp_imm_u(cc, v, 0);
                let (t, _) = direct_target(op, thumb).expect("a direct branch");
                self.cond_exit(c, t, op, done);
                Some(Done::Continue)
            }
            // `Exec::tbranch`: a switch statement's dispatch, so it
            // leaves through the indirect-branch table rather than the
            // helper and the dispatcher.
            Tbb(a) | Tbh(a) => {
                let half = matches!(op.insn, Tbh(_));
                let base = self.reg(a.rn);
                let idx = self.reg(a.rm);
                let idx = if half {
                    self.b.ins().ishl_imm_u(idx, 1)
                } else {
                    idx
                };
                let addr = self.b.ins().iadd(base, idx);
                let span = Span::new(addr, if half { 2 } else { 1 }, false);
                let pc_read = self.pc_read();
                let it_next = op.it_next;
                Some(self.guarded(op, span, |t| {
                    let host = t.host(addr);
                    let off = if half {
                        t.b.ins().uload16(I32, guest_flags(), host, 0)
                    } else {
                        t.b.ins().uload8(I32, guest_flags(), host, 0)
                    };
                    let off = t.b.ins().ishl_imm_u(off, 1);
                    // PC + 4 is even, so BranchWritePC's mask is a no-op.
                    let pc = t.b.ins().iadd_imm_u(off, pc_read as i64);
                    let th = t.b.ins().iconst(I32, 1);
                    t.exit_indirect(pc, th, it_next, done);
                    Done::Terminated
                }))
            }
            _ => None,
        }
    }

    /// Leaves for `target` when `c` holds; otherwise goes on in a new
    /// block.
    fn cond_exit(&mut self, c: Value, target: u32, op: &Op, done: usize) {
        let taken = self.b.create_block();
        let on = self.b.create_block();
        if self.loops_back(op) {
            self.b.set_cold_block(on);
        }
        self.b.ins().brif(c, taken, &[], on, &[]);
        self.b.switch_to_block(taken);
        self.exit_direct(target, self.blk.thumb, op.it_next, done);
        self.b.switch_to_block(on);
    }

    /// BXWritePC: (new PC, Thumb bit as 0/1) for a computed target.
    pub(super) fn bx_target(&mut self, v: Value) -> (Value, Value) {
        let th = self.b.ins().band_imm_u(v, 1);
        let arm = self.b.ins().iconst(I32, 0xffff_fffc_u32 as i64);
        let thm = self.b.ins().iconst(I32, 0xffff_fffe_u32 as i64);
        let mask = self.b.ins().select(th, thm, arm);
        (self.b.ins().band(v, mask), th)
    }
}
