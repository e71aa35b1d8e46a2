//! Field functions named by `!function=` in the pattern files: the parts
//! of decoding that are arithmetic rather than bit positions.

use super::Ctx;

pub fn plus_1(_: &Ctx, v: i32) -> i32 {
    v + 1
}

/// CPS T1's im bit as A32's imod: 0 (enable) is 2, 1 (disable) is 3.
pub fn plus_2(_: &Ctx, v: i32) -> i32 {
    v + 2
}

pub fn times_2(_: &Ctx, v: i32) -> i32 {
    v.wrapping_mul(2)
}

pub fn times_4(_: &Ctx, v: i32) -> i32 {
    v.wrapping_mul(4)
}

pub fn negate(_: &Ctx, v: i32) -> i32 {
    v.wrapping_neg()
}

/// A5.2.4 "Modified immediate constants in ARM instructions": an 8-bit
/// value rotated right by twice the 4-bit rotation.
pub fn a32_expand_imm(_: &Ctx, v: i32) -> i32 {
    let imm8 = (v & 0xff) as u32;
    let rot = ((v >> 8) & 0xf) as u32;
    imm8.rotate_right(rot * 2) as i32
}

/// A6.3.2 ThumbExpandImm for the 12-bit i:imm3:imm8 field.
pub fn t32_expand_imm(_: &Ctx, v: i32) -> i32 {
    let imm12 = v as u32 & 0xfff;
    let imm8 = imm12 & 0xff;
    let r = if imm12 >> 10 == 0 {
        match (imm12 >> 8) & 3 {
            0 => imm8,
            1 => imm8 << 16 | imm8,
            2 => imm8 << 24 | imm8 << 8,
            _ => imm8 * 0x0101_0101,
        }
    } else {
        (0x80 | (imm12 & 0x7f)).rotate_right(imm12 >> 7)
    };
    r as i32
}

/// ThumbExpandImm_C changes the carry only for the rotated forms; the
/// handler then takes carry = bit 31 of the constant, as for A32.
pub fn t32_expand_imm_rot(_: &Ctx, v: i32) -> i32 {
    (v as u32 & 0xfff >= 0x400) as i32
}

/// T32 B/BL/BLX offsets (A8.8.18 encoding T4): I1 = NOT(J1 EOR S),
/// I2 = NOT(J2 EOR S), offset = SignExtend(S:I1:I2:imm10:imm11:'0').
/// The raw value is S:J1:J2:imm10:imm11.
pub fn t32_branch24(_: &Ctx, v: i32) -> i32 {
    let v = v as u32;
    let s = (v >> 23) & 1;
    let i1 = !((v >> 22) ^ s) & 1;
    let i2 = !((v >> 21) ^ s) & 1;
    let off = (s << 24) | (i1 << 23) | (i2 << 22) | ((v & 0x1f_ffff) << 1);
    ((off << 7) as i32) >> 7
}

/// A32 BLX (immediate): SignExtend(imm24:H:'0'); the raw value is the
/// sign-extended imm24:H.
pub fn blx_offset(_: &Ctx, v: i32) -> i32 {
    v.wrapping_mul(2)
}

pub fn t16_setflags(ctx: &Ctx, _: i32) -> i32 {
    (!ctx.in_it) as i32
}

/// PUSH's M bit is LR.
pub fn t16_push_list(_: &Ctx, v: i32) -> i32 {
    (v & 0xff) | ((v >> 8) & 1) << 14
}

/// POP's P bit is PC.
pub fn t16_pop_list(_: &Ctx, v: i32) -> i32 {
    (v & 0xff) | ((v >> 8) & 1) << 15
}

/// 16-bit LDM writes back only when the base is not loaded (A8.8.57).
pub fn t16_ldm_writeback(_: &Ctx, v: i32) -> i32 {
    let rn = (v >> 8) & 7;
    ((v >> rn) & 1 == 0) as i32
}

/// VMOV scalar (A8.8.341): opc1:opc2 selects the element size and index.
/// Returns the index; `scalar_size` the size in bits (0 = UNDEFINED).
pub fn scalar_index(_: &Ctx, v: i32) -> i32 {
    let (opc1, opc2) = ((v >> 2) & 3, v & 3);
    if opc1 & 2 != 0 {
        ((opc1 & 1) << 2) | opc2
    } else if opc2 & 1 != 0 {
        ((opc1 & 1) << 1) | (opc2 >> 1)
    } else {
        opc1 & 1
    }
}

pub fn scalar_size(_: &Ctx, v: i32) -> i32 {
    let (opc1, opc2) = ((v >> 2) & 3, v & 3);
    if opc1 & 2 != 0 {
        8
    } else if opc2 & 1 != 0 {
        16
    } else if opc2 == 0 {
        32
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    const C: Ctx = Ctx { in_it: false };

    #[test]
    fn a32_modified_immediate() {
        // 0xff rotated right by 8: 0xff000000.
        assert_eq!(a32_expand_imm(&C, 0x4ff) as u32, 0xff00_0000);
        assert_eq!(a32_expand_imm(&C, 0x0ab), 0xab);
    }

    #[test]
    fn thumb_expand_imm() {
        assert_eq!(t32_expand_imm(&C, 0x0ab) as u32, 0xab);
        assert_eq!(t32_expand_imm(&C, 0x1ab) as u32, 0x00ab_00ab);
        assert_eq!(t32_expand_imm(&C, 0x2ab) as u32, 0xab00_ab00);
        assert_eq!(t32_expand_imm(&C, 0x3ab) as u32, 0xabab_abab);
        // imm12 = 0b0100_0000_0000: '1':0000000 rotated right by 8.
        assert_eq!(t32_expand_imm(&C, 0x400) as u32, 0x8000_0000);
        assert_eq!(t32_expand_imm_rot(&C, 0x3ff), 0);
        assert_eq!(t32_expand_imm_rot(&C, 0x400), 1);
    }

    #[test]
    fn thumb_branch_offsets() {
        // S=0, J1=J2=1 gives I1=I2=0: small positive offsets.
        assert_eq!(t32_branch24(&C, (1 << 22) | (1 << 21) | 5), 10);
        // S=1, J1=J2=1 gives I1=I2=1: small negative offsets.
        assert_eq!(
            t32_branch24(&C, (1 << 23) | (1 << 22) | (1 << 21) | 0x1f_fffe),
            -4
        );
    }

    #[test]
    fn push_pop_lists() {
        assert_eq!(t16_push_list(&C, 0x101), 0x4001);
        assert_eq!(t16_pop_list(&C, 0x180), 0x8080);
        // LDM r1!, {r1, r2}: r1 in the list, so no write-back.
        assert_eq!(t16_ldm_writeback(&C, (1 << 8) | 0b110), 0);
        assert_eq!(t16_ldm_writeback(&C, (1 << 8) | 0b100), 1);
    }
}
