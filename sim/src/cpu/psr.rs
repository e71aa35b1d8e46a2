//! Condition codes and the shifter (ARM ARM A8.4.3 "Shifts applied to a
//! register", A8.3 "Conditional execution").

use super::CpuState;

/// Condition field value meaning "always".
pub const COND_AL: u8 = 0xe;

impl CpuState {
    /// ConditionPassed() for a 4-bit condition.
    #[inline(always)]
    pub fn cond_passed(&self, cond: u8) -> bool {
        let r = match cond >> 1 {
            0 => self.z != 0,
            1 => self.c != 0,
            2 => self.n != 0,
            3 => self.v != 0,
            4 => self.c != 0 && self.z == 0,
            5 => self.n == self.v,
            6 => self.n == self.v && self.z == 0,
            _ => return true,
        };
        r ^ (cond & 1 != 0)
    }
}

/// Shift types as encoded in the `type` field.
pub const SHIFT_LSL: u32 = 0;
pub const SHIFT_LSR: u32 = 1;
pub const SHIFT_ASR: u32 = 2;
pub const SHIFT_ROR: u32 = 3;

/// DecodeImmShift + Shift_C for an immediate shift: returns (value, carry).
/// `amount` is the raw imm5: LSR/ASR #0 mean #32, ROR #0 means RRX.
#[inline(always)]
pub fn shift_imm_c(v: u32, ty: u32, amount: u32, carry_in: u32) -> (u32, u32) {
    match ty {
        SHIFT_LSL => {
            if amount == 0 {
                (v, carry_in)
            } else {
                (v << amount, (v >> (32 - amount)) & 1)
            }
        }
        SHIFT_LSR => {
            if amount == 0 {
                (0, v >> 31)
            } else {
                (v >> amount, (v >> (amount - 1)) & 1)
            }
        }
        SHIFT_ASR => {
            if amount == 0 {
                (((v as i32) >> 31) as u32, v >> 31)
            } else {
                (((v as i32) >> amount) as u32, (v >> (amount - 1)) & 1)
            }
        }
        _ => {
            if amount == 0 {
                ((carry_in << 31) | (v >> 1), v & 1)
            } else {
                (v.rotate_right(amount), (v >> (amount - 1)) & 1)
            }
        }
    }
}

/// Shift_C by a register amount (bottom byte of Rs), for
/// register-shifted-register operands and the Thumb shift instructions.
#[inline(always)]
pub fn shift_reg_c(v: u32, ty: u32, amount: u32, carry_in: u32) -> (u32, u32) {
    let amount = amount & 0xff;
    if amount == 0 {
        return (v, carry_in);
    }
    match ty {
        SHIFT_LSL => match amount {
            1..=31 => (v << amount, (v >> (32 - amount)) & 1),
            32 => (0, v & 1),
            _ => (0, 0),
        },
        SHIFT_LSR => match amount {
            1..=31 => (v >> amount, (v >> (amount - 1)) & 1),
            32 => (0, v >> 31),
            _ => (0, 0),
        },
        SHIFT_ASR => {
            if amount >= 32 {
                (((v as i32) >> 31) as u32, v >> 31)
            } else {
                (((v as i32) >> amount) as u32, (v >> (amount - 1)) & 1)
            }
        }
        _ => {
            let r = amount & 31;
            if r == 0 {
                (v, v >> 31)
            } else {
                (v.rotate_right(r), (v >> (r - 1)) & 1)
            }
        }
    }
}

/// AddWithCarry(): returns (result, carry, overflow).
#[inline(always)]
pub fn add_with_carry(x: u32, y: u32, carry_in: u32) -> (u32, u32, u32) {
    let unsigned = x as u64 + y as u64 + carry_in as u64;
    let signed = x as i32 as i64 + y as i32 as i64 + carry_in as i64;
    let result = unsigned as u32;
    let c = (unsigned >> 32) as u32;
    let v = (result as i32 as i64 != signed) as u32;
    (result, c, v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions() {
        let mut c = CpuState::new();
        c.z = 1;
        assert!(c.cond_passed(0)); // EQ
        assert!(!c.cond_passed(1)); // NE
        c.z = 0;
        c.n = 1;
        c.v = 0;
        assert!(c.cond_passed(0xb)); // LT
        assert!(!c.cond_passed(0xa)); // GE
        assert!(c.cond_passed(0xe));
    }

    #[test]
    fn immediate_shift_edge_cases() {
        // LSR #32 (encoded 0) gives 0 with carry = bit 31.
        assert_eq!(shift_imm_c(0x8000_0001, SHIFT_LSR, 0, 0), (0, 1));
        // ASR #32 replicates the sign.
        assert_eq!(shift_imm_c(0x8000_0000, SHIFT_ASR, 0, 0), (0xffff_ffff, 1));
        // ROR #0 is RRX.
        assert_eq!(shift_imm_c(3, SHIFT_ROR, 0, 1), (0x8000_0001, 1));
        // LSL #0 keeps the carry.
        assert_eq!(shift_imm_c(5, SHIFT_LSL, 0, 1), (5, 1));
    }

    #[test]
    fn register_shift_edge_cases() {
        assert_eq!(shift_reg_c(0x1, SHIFT_LSL, 32, 0), (0, 1));
        assert_eq!(shift_reg_c(0x1, SHIFT_LSL, 33, 1), (0, 0));
        assert_eq!(shift_reg_c(0x8000_0000, SHIFT_LSR, 32, 0), (0, 1));
        assert_eq!(
            shift_reg_c(0x8000_0000, SHIFT_ASR, 200, 0),
            (0xffff_ffff, 1)
        );
        assert_eq!(shift_reg_c(0x8000_0000, SHIFT_ROR, 32, 0), (0x8000_0000, 1));
        // Only the bottom byte counts: 256 is a shift by 0.
        assert_eq!(shift_reg_c(7, SHIFT_LSL, 256, 1), (7, 1));
    }

    #[test]
    fn add_with_carry_flags() {
        assert_eq!(add_with_carry(0x7fff_ffff, 1, 0), (0x8000_0000, 0, 1));
        assert_eq!(add_with_carry(0xffff_ffff, 1, 0), (0, 1, 0));
        // SUB is x + !y + 1: 0 - 1 borrows (carry clear).
        assert_eq!(add_with_carry(0, !1, 1), (0xffff_ffff, 0, 0));
    }
}
