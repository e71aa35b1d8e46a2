//! Inline branches: B, BL, BLX, BX, CBZ/CBNZ and the Thumb conditional
//! branch, as direct exits (linkable) or indirect ones (through the
//! indirect-branch table). Mirrors `sim::interp::branch`.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::I32;
use cranelift_codegen::ir::{InstBuilder, Value};

use sim::decode::Insn;
use sim::interp::Op;

use super::{Done, Tr};

/// Whether `op` is a direct branch back to the start of its own block
/// (the same target `lower_branch` computes), making the block a loop.
pub(super) fn self_target(op: &Op, blk: &super::BlockIn<'_>) -> bool {
    use Insn::*;
    let thumb = blk.thumb;
    let pc_read = op.pc.wrapping_add(if thumb { 4 } else { 8 });
    let align = |t: u32| if thumb { t & !1 } else { t & !3 };
    let target = match op.insn {
        B(a) => a.imm,
        BCond(a) if a.cond < 14 => a.imm,
        Cbz(a) => a.imm,
        _ => return false,
    };
    let first = &blk.ops[0];
    let it = if thumb { op.it_next } else { 0 };
    align(pc_read.wrapping_add(target as u32)) == first.pc && it == first.it
}

impl Tr<'_, '_> {
    pub(super) fn lower_branch(&mut self, op: &Op) -> Option<Done> {
        use Insn::*;
        let thumb = self.blk.thumb;
        let done = self.cur + 1;
        let next = op.pc.wrapping_add(op.len as u32);
        let link = next | thumb as u32;
        let align = |t: u32| if thumb { t & !1 } else { t & !3 };
        match op.insn {
            B(a) => {
                let t = align(self.pc_read().wrapping_add(a.imm as u32));
                self.exit_direct(t, thumb, op.it_next, done);
                Some(Done::Terminated)
            }
            Bl(a) => {
                let lv = self.b.ins().iconst(I32, link as i64);
                self.set(14, lv);
                let t = align(self.pc_read().wrapping_add(a.imm as u32));
                self.exit_direct(t, thumb, op.it_next, done);
                Some(Done::Terminated)
            }
            BlxI(a) => {
                let lv = self.b.ins().iconst(I32, link as i64);
                self.set(14, lv);
                let t = if thumb {
                    (self.pc_read() & !3).wrapping_add(a.imm as u32) & !3
                } else {
                    self.pc_read().wrapping_add(a.imm as u32) & !1
                };
                self.exit_direct(t, !thumb, op.it_next, done);
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
                let t = align(self.pc_read().wrapping_add(a.imm as u32));
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
                let t = align(self.pc_read().wrapping_add(a.imm as u32));
                self.cond_exit(c, t, op, done);
                Some(Done::Continue)
            }
            _ => None,
        }
    }

    /// Leaves for `target` when `c` holds; otherwise goes on in a new
    /// block.
    fn cond_exit(&mut self, c: Value, target: u32, op: &Op, done: usize) {
        let taken = self.b.create_block();
        let on = self.b.create_block();
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
