//! The resolved description of all sources: what the emitter prints and
//! what the tests interpret.

/// One bit range of a field, `len` bits starting at bit `pos` (LSB = 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seg {
    pub pos: u32,
    pub len: u32,
}

impl Seg {
    pub fn mask(self) -> u32 {
        low_bits(self.len) << self.pos
    }
}

/// A field after resolution. Inline fields (`rn:4`) get the member's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field {
    pub name: String,
    /// Most significant first; total length is 0..=32.
    pub segs: Vec<Seg>,
    pub signed: bool,
    pub func: Option<String>,
}

/// A mask of the `len` low bits (`len` up to 32).
pub(crate) fn low_bits(len: u32) -> u32 {
    if len >= 32 {
        u32::MAX
    } else {
        (1u32 << len) - 1
    }
}

impl Field {
    /// The instruction bits this field reads.
    pub fn bits(&self) -> u32 {
        self.segs.iter().fold(0, |m, s| m | s.mask())
    }

    pub fn total_len(&self) -> u32 {
        self.segs.iter().map(|s| s.len).sum()
    }

    /// The value before any `!function`: the concatenated segments,
    /// sign-extended if the field is signed. This is the reference the
    /// tests compare the emitted extraction code against.
    #[cfg(test)]
    pub fn extract(&self, insn: u32) -> i32 {
        let mut v: u64 = 0;
        for s in &self.segs {
            v = (v << s.len) | u64::from((insn >> s.pos) & low_bits(s.len));
        }
        let total = self.total_len();
        if total == 0 {
            return 0;
        }
        let v = v as u32;
        if self.signed {
            ((v << (32 - total)) as i32) >> (32 - total)
        } else {
            v as i32
        }
    }
}

/// What a member of an argument set is assigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Value {
    /// Index into `FileModel::fields`.
    Field(usize),
    Const(i32),
}

/// A struct shared by every pattern (in any file) that uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ArgSet {
    pub struct_name: String,
    pub members: Vec<String>,
    /// Where it was first defined, and a description for messages.
    pub path: String,
    pub line: u32,
    pub what: String,
}

/// One distinct pattern name: one enum variant and one visitor method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InsnKind {
    pub name: String,
    pub variant: String,
    pub method: String,
    pub argset: usize,
    pub path: String,
    pub line: u32,
}

/// One pattern line, with its format merged in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern {
    pub name: String,
    pub line: u32,
    /// Fixed bits and their values (`value & !mask == 0`).
    pub mask: u32,
    pub value: u32,
    /// Index into `Model::insns`.
    pub insn: usize,
    /// One value per member of the argument set, in member order.
    pub args: Vec<Value>,
}

impl Pattern {
    #[cfg(test)]
    pub fn matches(&self, insn: u32) -> bool {
        insn & self.mask == self.value
    }

    pub fn overlaps(&self, other: &Pattern) -> bool {
        (self.mask & other.mask) & (self.value ^ other.value) == 0
    }
}

/// The group structure of a file; only overlap checking needs it, since
/// (once the checks pass) decoding is "first matching pattern in file
/// order" — see `tree.rs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Item {
    /// Index into `FileModel::patterns`.
    Pat(usize),
    Group {
        overlap: bool,
        line: u32,
        items: Vec<Item>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileModel {
    pub path: String,
    pub width: u32,
    pub decoder: String,
    pub fields: Vec<Field>,
    /// In file order.
    pub patterns: Vec<Pattern>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Model {
    pub argsets: Vec<ArgSet>,
    pub insns: Vec<InsnKind>,
    pub files: Vec<FileModel>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(segs: &[(u32, u32)], signed: bool) -> Field {
        Field {
            name: "f".into(),
            segs: segs.iter().map(|&(pos, len)| Seg { pos, len }).collect(),
            signed,
            func: None,
        }
    }

    #[test]
    fn extraction() {
        assert_eq!(field(&[(4, 4)], false).extract(0xab), 0xa);
        assert_eq!(field(&[(0, 8)], true).extract(0x80), -128);
        assert_eq!(field(&[(0, 8)], true).extract(0x7f), 127);
        // First segment most significant.
        assert_eq!(field(&[(0, 4), (8, 4)], false).extract(0x0b0a), 0xab);
        assert_eq!(field(&[(0, 1), (8, 4)], true).extract(0x0b01), -5);
        assert_eq!(field(&[(0, 32)], true).extract(0xffff_ffff), -1);
        assert_eq!(field(&[(0, 32)], false).extract(0x8000_0000), i32::MIN);
        assert_eq!(field(&[], false).extract(123), 0);
        assert_eq!(field(&[(0, 4), (8, 4)], false).bits(), 0xf0f);
    }
}
