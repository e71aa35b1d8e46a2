//! Instruction decoding. The decoders themselves are generated at build
//! time from `sim/isa/*.decode` (see `decodetree`); this module holds the
//! context they read, the field functions they call, and the entry points
//! that pick a decoder for an instruction set state.

pub mod fields;

#[allow(clippy::all, unused)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/decoders.rs"));
}
pub use generated::*;

/// What decoding may depend on besides the instruction bits.
#[derive(Clone, Copy, Debug, Default)]
pub struct Ctx {
    /// Inside an IT block: 16-bit data-processing instructions then do not
    /// set flags (ARM ARM A6.2 "InITBlock()").
    pub in_it: bool,
}

/// Decodes one A32 instruction word.
pub fn decode_arm(word: u32) -> Option<Insn> {
    let ctx = Ctx::default();
    if word >> 28 == 0xf {
        if word >> 25 == 0b111_1001 {
            return decode_neon_dp(word, &ctx);
        }
        if word & 0xff10_0000 == 0xf400_0000 {
            return decode_neon_ls(word, &ctx);
        }
        return decode_a32_uncond(&mut Predecode, &ctx, word);
    }
    decode_vfp(&mut Predecode, &ctx, word).or_else(|| decode_a32(&mut Predecode, &ctx, word))
}

/// Advanced SIMD data processing, in its A32 form (1111 001U ...).
/// The groups are in separate files (A7.4.1-A7.4.6); the two-register
/// file comes first because it owns size = 11 inside the other groups'
/// spaces (VEXT, VTBL, VDUP, the miscellaneous group).
fn decode_neon_dp(word: u32, ctx: &Ctx) -> Option<Insn> {
    decode_neon_2reg(&mut Predecode, ctx, word)
        .or_else(|| decode_neon_3diff(&mut Predecode, ctx, word))
        .or_else(|| decode_neon_3same(&mut Predecode, ctx, word))
}

/// Advanced SIMD element and structure loads/stores (A7.7), A32 form
/// 1111 0100 xxx0; T32's 1111 1001 xxx0 is rewritten to it.
fn decode_neon_ls(word: u32, ctx: &Ctx) -> Option<Insn> {
    decode_neon_ls_file(&mut Predecode, ctx, word)
}

/// T32's Advanced SIMD data-processing space is A32's with the U bit
/// moved from bit 24 to bit 28 (A6.3.18/A7.4): rewriting the word lets one
/// pattern file serve both instruction sets.
#[inline]
pub fn t32_neon_to_a32(word: u32) -> Option<u32> {
    if word & 0xef00_0000 == 0xef00_0000 {
        Some(0xf200_0000 | ((word >> 28) & 1) << 24 | (word & 0x00ff_ffff))
    } else {
        None
    }
}

/// Decodes a 32-bit Thumb instruction, `hw1 << 16 | hw2`.
pub fn decode_thumb32(word: u32, ctx: &Ctx) -> Option<Insn> {
    if let Some(a32) = t32_neon_to_a32(word) {
        return decode_neon_dp(a32, ctx);
    }
    if word & 0xff10_0000 == 0xf900_0000 {
        return decode_neon_ls(0xf400_0000 | (word & 0x00ff_ffff), ctx);
    }
    if word >> 28 == 0xe {
        if let Some(i) = decode_vfp(&mut Predecode, ctx, word) {
            return Some(i);
        }
    }
    decode_t32(&mut Predecode, ctx, word)
}

/// Decodes a 16-bit Thumb instruction.
pub fn decode_thumb16(hw: u16, ctx: &Ctx) -> Option<Insn> {
    decode_t16(&mut Predecode, ctx, hw as u32)
}

/// True if a Thumb halfword starts a 32-bit instruction (A6.1).
#[inline]
pub fn is_thumb32(hw1: u16) -> bool {
    hw1 >> 11 >= 0b11101
}
