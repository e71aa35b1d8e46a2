//! Advanced SIMD element and structure loads/stores (ARM ARM A7.7; the
//! VLD1-VLD4 and VST1-VST4 pages of A8.8): multiple structures, single
//! structure to one lane, and single structure to all lanes, with their
//! alignment hints and write-back.
//!
//! Loads work on a copy of the register file that is committed only when
//! every access has succeeded, so a faulting load changes neither the
//! registers nor the base; a faulting store may have written the elements
//! before the fault (as the architecture allows) but does not write back.
//! Register lists that would run past D31, and Rn = 15, are UNPREDICTABLE
//! in the architecture; we treat them as UNDEFINED.

use crate::decode::{ArgNlsAll, ArgNlsLane, ArgNlsMulti};
use crate::interp::exec::{Exec, Flow, Trap, R};
use crate::memory::{Access, Fault};

/// The shape of a multiple-structures transfer: `n` elements per
/// structure, `regs` registers per structure element, `inc` the register
/// spacing between structure elements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Multi {
    pub n: u32,
    pub regs: u32,
    pub inc: u32,
    pub alignment: u32,
}

/// Decodes `type`/`size`/`align` of a multiple-structures encoding
/// (A7.7 table and the VLDn/VSTn "multiple" pages); None is UNDEFINED.
pub fn multi_shape(itype: u32, size: u32, align: u32) -> Option<Multi> {
    let align_pow = |a: u32| if a == 0 { 1 } else { 4 << a };
    let (n, regs, inc) = match itype {
        0b0111 => (1, 1, 1),
        0b1010 => (1, 2, 1),
        0b0110 => (1, 3, 1),
        0b0010 => (1, 4, 1),
        0b1000 => (2, 1, 1),
        0b1001 => (2, 1, 2),
        0b0011 => (2, 2, 2),
        0b0100 => (3, 1, 1),
        0b0101 => (3, 1, 2),
        0b0000 => (4, 1, 1),
        0b0001 => (4, 1, 2),
        _ => return None,
    };
    let undefined = match (n, regs) {
        (1, 1) | (1, 3) => align & 2 != 0,
        (1, 2) => align == 3,
        (1, _) => false,
        (2, 1) => size == 3 || align == 3,
        (2, _) => size == 3,
        (3, _) => size == 3 || align & 2 != 0,
        _ => size == 3,
    };
    if undefined {
        return None;
    }
    let alignment = if n == 3 {
        if align & 1 != 0 {
            8
        } else {
            1
        }
    } else {
        align_pow(align)
    };
    Some(Multi {
        n,
        regs,
        inc,
        alignment,
    })
}

/// Decodes `size`/`index_align` of a single-lane encoding for VLDn/VSTn
/// (n = 1..4): (ebytes, index, inc, alignment), or None for UNDEFINED.
fn lane_shape(n: u32, size: u32, ia: u32) -> Option<(u32, u32, u32, u32)> {
    if size == 3 {
        return None;
    }
    let ebytes = 1 << size;
    let index = ia >> (size + 1);
    let bit = |b: u32| ia >> b & 1;
    let (inc, alignment) = match (n, size) {
        (1, 0) => (1, if bit(0) != 0 { return None } else { 1 }),
        (1, 1) => {
            if bit(1) != 0 {
                return None;
            }
            (1, if bit(0) != 0 { 2 } else { 1 })
        }
        (1, _) => {
            if bit(2) != 0 || !matches!(ia & 3, 0 | 3) {
                return None;
            }
            (1, if ia & 3 == 3 { 4 } else { 1 })
        }
        (2, 0) => (1, if bit(0) != 0 { 2 } else { 1 }),
        (2, 1) => (1 + bit(1), if bit(0) != 0 { 4 } else { 1 }),
        (2, _) => {
            if bit(1) != 0 {
                return None;
            }
            (1 + bit(2), if bit(0) != 0 { 8 } else { 1 })
        }
        (3, 0) => (1, if bit(0) != 0 { return None } else { 1 }),
        (3, 1) => (1 + bit(1), if bit(0) != 0 { return None } else { 1 }),
        (3, _) => (1 + bit(2), if ia & 3 != 0 { return None } else { 1 }),
        (_, 0) => (1, if bit(0) != 0 { 4 } else { 1 }),
        (_, 1) => (1 + bit(1), if bit(0) != 0 { 8 } else { 1 }),
        (_, _) => (
            1 + bit(2),
            match ia & 3 {
                0 => 1,
                3 => return None,
                a => 4 << a,
            },
        ),
    };
    Some((ebytes, index, inc, alignment))
}

/// Decodes an all-lanes encoding (VLDn ... []): (ebytes, regs, inc,
/// alignment), or None for UNDEFINED.
fn all_shape(n: u32, size: u32, t: u32, a: u32) -> Option<(u32, u32, u32, u32)> {
    let ebytes = 1u32 << size.min(2);
    let spacing = 1 + t;
    match n {
        1 => {
            if size == 3 || (size == 0 && a != 0) {
                return None;
            }
            // T selects one or two registers, each holding the element.
            Some((ebytes, spacing, 1, if a != 0 { ebytes } else { 1 }))
        }
        2 => {
            if size == 3 {
                return None;
            }
            Some((ebytes, 1, spacing, if a != 0 { 2 * ebytes } else { 1 }))
        }
        3 => {
            if size == 3 || a != 0 {
                return None;
            }
            Some((ebytes, 1, spacing, 1))
        }
        _ => {
            if size == 3 && a == 0 {
                return None;
            }
            let alignment = match (a, size) {
                (0, _) => 1,
                (_, 3) => 16,
                (_, 2) => 8,
                _ => 4 * ebytes,
            };
            Some((ebytes, 1, spacing, alignment))
        }
    }
}

fn emask(ebytes: u32) -> u64 {
    if ebytes >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * ebytes)) - 1
    }
}

fn get_lane(d: u64, ebytes: u32, i: u32) -> u64 {
    (d >> (8 * ebytes * i)) & emask(ebytes)
}

fn set_lane(d: &mut u64, ebytes: u32, i: u32, v: u64) {
    let sh = 8 * ebytes * i;
    let m = emask(ebytes) << sh;
    *d = (*d & !m) | ((v << sh) & m);
}

impl Exec<'_> {
    /// MemU[addr, ebytes] for a load.
    fn nls_read(&self, addr: u32, ebytes: u32) -> Result<u64, Trap> {
        Ok(match ebytes {
            1 => self.mem.read_u8(addr)? as u64,
            2 => self.mem.read_u16(addr)? as u64,
            4 => self.mem.read_u32(addr)? as u64,
            _ => self.mem.read_u64(addr)?,
        })
    }

    /// MemU[addr, ebytes] = v.
    fn nls_write(&mut self, addr: u32, ebytes: u32, v: u64) -> Result<(), Trap> {
        match ebytes {
            1 => self.mem.write_u8(addr, v as u8)?,
            2 => self.mem.write_u16(addr, v as u16)?,
            4 => self.mem.write_u32(addr, v as u32)?,
            _ => self.mem.write_u64(addr, v)?,
        }
        Ok(())
    }

    /// The base address, checked against the alignment the hint asks for
    /// (GenerateAlignmentException when it is not met). Rn = 15 is
    /// UNPREDICTABLE for all of these; we make it UNDEFINED (it would
    /// otherwise let write-back branch from the middle of a block).
    fn nls_base(&self, rn: i32, alignment: u32, load: bool) -> Result<u32, Trap> {
        if rn == 15 {
            return Err(Trap::Undefined);
        }
        let addr = self.reg(rn);
        if !addr.is_multiple_of(alignment) {
            let access = if load { Access::Read } else { Access::Write };
            return Err(Trap::Fault(Fault { addr, access }));
        }
        Ok(addr)
    }

    /// Write-back: Rm = 15 none, Rm = 13 by the transfer size, otherwise
    /// by Rm. `base` is R[n] as read before the transfer.
    fn nls_writeback(&mut self, rn: i32, rm: i32, base: u32, bytes: u32) {
        match rm {
            15 => {}
            13 => self.set_reg(rn, base.wrapping_add(bytes)),
            _ => {
                let off = self.reg(rm);
                self.set_reg(rn, base.wrapping_add(off));
            }
        }
    }

    fn nls_finish(&mut self, load: bool, regs: &[u64; 32]) -> R {
        if load {
            self.cpu.vfp.d.copy_from_slice(regs);
            Ok(Flow::Next)
        } else {
            Ok(self.after_store())
        }
    }

    /// VLD1-4/VST1-4 (multiple structures).
    pub fn neon_ls_multi(&mut self, a: ArgNlsMulti, load: bool) -> R {
        let (size, align) = (a.size as u32, a.align as u32);
        let s = multi_shape(a.itype as u32, size, align).ok_or(Trap::Undefined)?;
        let d = a.vd as u32;
        if d + s.regs - 1 + (s.n - 1) * s.inc > 31 {
            return Err(Trap::Undefined);
        }
        let ebytes = 1u32 << size;
        let elements = 8 / ebytes;
        let base = self.nls_base(a.rn, s.alignment, load)?;
        let mut regs = [0u64; 32];
        regs.copy_from_slice(&self.cpu.vfp.d);
        let mut addr = base;
        for r in 0..s.regs {
            for e in 0..elements {
                for k in 0..s.n {
                    let reg = &mut regs[(d + r + k * s.inc) as usize];
                    if load {
                        let v = self.nls_read(addr, ebytes)?;
                        set_lane(reg, ebytes, e, v);
                    } else {
                        let v = get_lane(*reg, ebytes, e);
                        self.nls_write(addr, ebytes, v)?;
                    }
                    addr = addr.wrapping_add(ebytes);
                }
            }
        }
        self.nls_writeback(a.rn, a.rm, base, 8 * s.regs * s.n);
        self.nls_finish(load, &regs)
    }

    /// VLD1-4/VST1-4 (single structure to one lane).
    pub fn neon_ls_lane(&mut self, a: ArgNlsLane, load: bool) -> R {
        let n = a.n as u32 + 1;
        let (ebytes, index, inc, alignment) =
            lane_shape(n, a.size as u32, a.index_align as u32).ok_or(Trap::Undefined)?;
        let d = a.vd as u32;
        if d + (n - 1) * inc > 31 {
            return Err(Trap::Undefined);
        }
        let base = self.nls_base(a.rn, alignment, load)?;
        let mut regs = [0u64; 32];
        regs.copy_from_slice(&self.cpu.vfp.d);
        let mut addr = base;
        for k in 0..n {
            let reg = &mut regs[(d + k * inc) as usize];
            if load {
                let v = self.nls_read(addr, ebytes)?;
                set_lane(reg, ebytes, index, v);
            } else {
                let v = get_lane(*reg, ebytes, index);
                self.nls_write(addr, ebytes, v)?;
            }
            addr = addr.wrapping_add(ebytes);
        }
        self.nls_writeback(a.rn, a.rm, base, n * ebytes);
        self.nls_finish(load, &regs)
    }

    /// VLD1-4 (single structure to all lanes).
    pub fn neon_ld_all(&mut self, a: ArgNlsAll) -> R {
        let n = a.n as u32 + 1;
        let (ebytes, copies, inc, alignment) =
            all_shape(n, a.size as u32, a.t as u32, a.a as u32).ok_or(Trap::Undefined)?;
        let d = a.vd as u32;
        if d + copies - 1 + (n - 1) * inc > 31 {
            return Err(Trap::Undefined);
        }
        let base = self.nls_base(a.rn, alignment, true)?;
        let mut regs = [0u64; 32];
        regs.copy_from_slice(&self.cpu.vfp.d);
        let mut addr = base;
        for k in 0..n {
            let v = self.nls_read(addr, ebytes)?;
            let mut rep = 0u64;
            for e in 0..8 / ebytes {
                set_lane(&mut rep, ebytes, e, v);
            }
            for c in 0..copies {
                regs[(d + k * inc + c) as usize] = rep;
            }
            addr = addr.wrapping_add(ebytes);
        }
        self.nls_writeback(a.rn, a.rm, base, n * ebytes);
        self.nls_finish(true, &regs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(multi_shape(0b1011, 0, 0), None);
        assert_eq!(multi_shape(0b0111, 0, 2), None);
        assert_eq!(multi_shape(0b1010, 3, 2).unwrap().alignment, 16);
        assert_eq!(multi_shape(0b0100, 0, 1).unwrap().alignment, 8);
        assert_eq!(lane_shape(1, 2, 0b1011), Some((4, 1, 1, 4)));
        assert_eq!(lane_shape(1, 2, 0b1001), None);
        assert_eq!(lane_shape(4, 2, 0b0110), Some((4, 0, 2, 16)));
        assert_eq!(all_shape(4, 3, 0, 1), Some((4, 1, 1, 16)));
        assert_eq!(all_shape(1, 2, 1, 1), Some((4, 2, 1, 4)));
    }
}
