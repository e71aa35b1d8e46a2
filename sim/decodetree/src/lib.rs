//! Build-time generator of instruction decoders.
//!
//! Reads pattern files in a format modelled on QEMU's *decodetree* and
//! emits one Rust module text (to be `include!`d) containing:
//!
//! - one `Arg*` struct per argument set (shared by all files),
//! - `enum Insn` with one variant per pattern name,
//! - `trait Visitor` with one method per pattern name, `Insn::visit`,
//!   `Insn::name` and the `Predecode` visitor that builds an `Insn`,
//! - per source file: `fn {decoder}(v, ctx, insn) -> Option<V::Out>` and
//!   `static {DECODER}_PATTERNS: &[PatternInfo]`.
//!
//! # Pattern language
//!
//! ```text
//! # comment; a trailing backslash continues a line
//! %imm12    0:12                       # field: pos:len, unsigned
//! %imm16    16:4 0:12                  # two segments, the first most significant
//! %simm8    0:s8                       # signed (the first segment decides)
//! %rot      8:4 !function=times_2      # calls {fields_module}::times_2(ctx, value)
//! %cpsr     !function=get_cpsr         # no bits: {fields_module}::get_cpsr(ctx, 0)
//! &s_rri    s rd rn imm                # argument set -> struct ArgSRri
//! @s_rri    ---- ... .... s:1 rn:4 rd:4 ............ &s_rri imm=%imm12
//! ADD_rri   ---- 001 0100 . .... .... ............  @s_rri
//! MOVW      ---- 0011 0000 .... rd:4 ............  imm=%imm16   # implicit ArgMovw { rd, imm }
//! {                                    # overlap group: first match wins
//!   NOP     ---- 0011 0010 0000 1111 0000 0000 0000
//!   MSR_imm ---- 0011 0010 mask:4 1111 rot:4 imm:8
//! }
//! [                                    # no-overlap group (members must not overlap)
//!   ...
//! ]
//! ```
//!
//! Bit strings use `0`/`1` (fixed), `.` (decoded by some field) and `-`
//! (ignored); inline fields `name:len` / `name:slen` count as `.` bits read
//! by a field assigned to member `name`. A pattern's bits are merged with
//! its format's: a bit fixed in either is fixed (differently = error);
//! otherwise a `-` in either means ignored (QEMU-style files write `....`
//! in the pattern where the format has `----`); every other bit must be
//! read by some field the pattern uses, or it is "not accounted for".
//!
//! Argument sets: the pattern's `&set`, else its format's (explicit or the
//! format's implicit `Arg<Format>`), else an implicit `Arg<Pattern>` whose
//! members are the assigned names in order. Every member is assigned
//! exactly once, by the format or the pattern.
//!
//! Scope: fields and formats belong to their file; argument sets are
//! visible in their file after their definition and in all later sources.
//! Identical definitions of a set (by struct name and members, e.g. in
//! several files) share one struct; `!extern` on a set is accepted and
//! ignored. A pattern name may repeat (in any file) if it always uses the
//! same struct. Constants are decimal (`-3`, `+3`) or hex (`0x1f`).
//!
//! Outside `{}`, group members must not overlap. Once the checks pass, a
//! file decodes a word to the first pattern, in file order, that matches
//! it; the emitted decoder gets there by switching on groups of fixed bits.

mod check;
mod emit;
mod error;
mod lexer;
mod model;
mod names;
mod parse;
mod resolve;
mod tree;

#[cfg(test)]
mod tests;

pub use error::Error;

/// One pattern file.
#[derive(Debug, Clone)]
pub struct Source {
    /// Used in error messages and generated comments.
    pub path: String,
    pub text: String,
    /// Instruction width in bits: 16 or 32.
    pub width: u32,
    /// Name of the decode function to emit, e.g. `decode_a32`.
    pub decoder: String,
}

/// How the generated code refers to the including crate.
#[derive(Debug, Clone)]
pub struct Config {
    /// Type of the `ctx` argument of decoders, e.g. `crate::decode::Ctx`.
    pub ctx_type: String,
    /// Module holding `!function=` helpers `fn(&Ctx, i32) -> i32`.
    pub fields_module: String,
}

/// Generates one Rust module text for all `sources`.
pub fn generate(sources: &[Source], cfg: &Config) -> Result<String, Error> {
    check_sources(sources)?;
    let model = resolve::resolve(sources)?;
    let mut trees = Vec::with_capacity(model.files.len());
    for file in &model.files {
        check::check_overlaps(file)?;
        let pats: Vec<(u32, u32)> = file.patterns.iter().map(|p| (p.mask, p.value)).collect();
        trees.push(tree::build(&pats));
    }
    Ok(emit::emit(&model, &trees, cfg))
}

/// Problems with the `Source` descriptions themselves (reported at line 0).
fn check_sources(sources: &[Source]) -> Result<(), Error> {
    for (i, s) in sources.iter().enumerate() {
        if s.width != 16 && s.width != 32 {
            return Err(Error::semantic(
                &s.path,
                0,
                format!("instruction width must be 16 or 32, not {}", s.width),
            ));
        }
        if !names::is_ident(&s.decoder) || names::is_keyword(&s.decoder) || s.decoder == "_" {
            return Err(Error::semantic(
                &s.path,
                0,
                format!(
                    "decoder name `{}` is not a valid Rust function name",
                    s.decoder
                ),
            ));
        }
        if let Some(prev) = sources[..i]
            .iter()
            .find(|p| p.decoder.eq_ignore_ascii_case(&s.decoder))
        {
            return Err(Error::semantic(
                &s.path,
                0,
                format!(
                    "decoder name `{}` is already used for {}",
                    s.decoder, prev.path
                ),
            ));
        }
    }
    Ok(())
}
