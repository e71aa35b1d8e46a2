//! Tests of the whole pipeline (resolve, checks, tree, emitted text).
//! `e2e` additionally compiles and runs the generated code.

mod e2e;

use crate::model::{FileModel, Model, Value};
use crate::tree::{self, Node};
use crate::{generate, Config, Error, Source};

pub(crate) fn cfg() -> Config {
    Config {
        ctx_type: "crate::Ctx".into(),
        fields_module: "crate::fields".into(),
    }
}

pub(crate) fn src(path: &str, width: u32, decoder: &str, text: &str) -> Source {
    Source {
        path: path.into(),
        text: text.into(),
        width,
        decoder: decoder.into(),
    }
}

fn gen(text: &str) -> Result<String, Error> {
    generate(&[src("t.decode", 32, "decode_t", text)], &cfg())
}

fn gen16(text: &str) -> Result<String, Error> {
    generate(&[src("t.decode", 16, "decode_t", text)], &cfg())
}

fn err(text: &str) -> Error {
    match gen(text) {
        Ok(code) => panic!("expected an error, got code:\n{code}"),
        Err(e) => e,
    }
}

/// Resolves and checks like `generate`, returning the model and trees.
pub(crate) fn model(sources: &[Source]) -> (Model, Vec<Node>) {
    let m = crate::resolve::resolve(sources).expect("resolves");
    let trees = m
        .files
        .iter()
        .map(|f| {
            crate::check::check_overlaps(f).expect("no overlap");
            tree::build(
                &f.patterns
                    .iter()
                    .map(|p| (p.mask, p.value))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    (m, trees)
}

fn model1(text: &str) -> (Model, Node) {
    let (m, mut t) = model(&[src("t.decode", 32, "decode_t", text)]);
    let tree = t.pop().expect("one tree");
    (m, tree)
}

/// Decodes with the tree and returns the pattern name.
fn decode_name<'a>(file: &'a FileModel, tree: &Node, insn: u32) -> Option<&'a str> {
    tree.eval(insn).map(|p| file.patterns[p].name.as_str())
}

#[test]
fn doc_example_generates() {
    let text = "
%imm12    0:12
%imm16    16:4 0:12
%simm8    0:s8
%rot      8:4 !function=times_2
%cpsr     !function=get_cpsr
&s_rri    s rd rn imm
@s_rri    ---- ... .... s:1 rn:4 rd:4 ............ &s_rri imm=%imm12
ADD_rri   ---- 001 0100 . .... .... ............  @s_rri
MOVW      ---- 0011 0000 .... rd:4 ............  imm=%imm16
{
  NOP     ---- 0011 0010 0000 1111 0000 0000 0000
  MSR_imm ---- 0011 0010 mask:4 1111 rot:4 imm:8
}
";
    let code = gen(text).expect("generates");
    assert!(
        code.contains("pub struct ArgMovw {\n    pub rd: i32,\n    pub imm: i32,\n}"),
        "{code}"
    );
    assert!(code.contains(
        "pub struct ArgMsrImm {\n    pub mask: i32,\n    pub rot: i32,\n    pub imm: i32,\n}"
    ));
}

#[test]
fn argsets_structs_and_names() {
    let code = gen("
&s_rrr_shi  s rd rn
&empty
&kw         type rd
ADD_rrri    0000 0000 0000 s:1 rd:4 rn:4 ---- ---- --- &s_rrr_shi
VLDM_VSTM_sp 0000 0001 ---- ---- ---- ---- ---- ----  &empty
LOOP        0000 0010 ---- ---- ---- ---- ---- ----
KW          0000 0011 type:4 rd:4 ---- ---- ---- ---- &kw
")
    .expect("generates");
    for needle in [
        "#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]\npub struct ArgSRrrShi {\n    pub s: i32,\n    pub rd: i32,\n    pub rn: i32,\n}",
        "pub struct ArgEmpty {}",
        "pub struct ArgLoop {}",
        "pub r#type: i32,",
        "#[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum Insn {",
        "    AddRrri(ArgSRrrShi),",
        "    VldmVstmSp(ArgEmpty),",
        "    Loop(ArgLoop),",
        "    fn add_rrri(&mut self, a: ArgSRrrShi) -> Self::Out;",
        "    fn vldm_vstm_sp(&mut self, a: ArgEmpty) -> Self::Out;",
        "    fn loop_(&mut self, a: ArgLoop) -> Self::Out;",
        "pub fn visit<V: Visitor + ?Sized>(self, v: &mut V) -> V::Out",
        "Insn::AddRrri(_) => \"ADD_rrri\",",
        "pub struct Predecode;",
        "impl Visitor for Predecode {\n    type Out = Insn;",
        "fn add_rrri(&mut self, a: ArgSRrrShi) -> Insn {\n        Insn::AddRrri(a)",
        "pub struct PatternInfo {",
        "pub static DECODE_T_PATTERNS: &[PatternInfo] = &[",
        "PatternInfo { name: \"ADD_rrri\", mask: 0xfff00000, value: 0x00000000, line: 5 },",
        "pub fn decode_t<V: Visitor + ?Sized>(v: &mut V, ctx: &crate::Ctx, insn: u32) -> Option<V::Out> {",
        "let _ = ctx;",
        "v.add_rrri(ArgSRrrShi { s: ((insn >> 19) & 0x1) as i32, rd: ((insn >> 15) & 0xf) as i32, rn: ((insn >> 11) & 0xf) as i32 })",
        "v.vldm_vstm_sp(ArgEmpty {})",
        "r#type: ((insn >> 20) & 0xf) as i32",
    ] {
        assert!(code.contains(needle), "missing {needle:?} in:\n{code}");
    }
}

#[test]
fn fields_multi_segment_signed_function() {
    let text = "
%imm16  16:4 0:12
%off    0:s24 !function=times_4
%k      !function=get_k
%sh     7:5
X  0000 0000 0000 .... 0000 ............ imm=%imm16 %k
Y  0001 0000 ........................ %off
Z  0010 0000 0000 0000 0000 ..... 000 0000 %sh
";
    let code = gen(text).expect("generates");
    assert!(
        code.contains("imm: ((((insn >> 16) & 0xf) << 12) | (insn & 0xfff)) as i32"),
        "{code}"
    );
    assert!(code.contains("k: crate::fields::get_k(ctx, 0)"));
    assert!(
        code.contains("off: crate::fields::times_4(ctx, (((insn & 0xffffff) << 8) as i32) >> 8)")
    );
    assert!(code.contains("sh: ((insn >> 7) & 0x1f) as i32"));

    // The model's fields extract the same values the expressions compute.
    let (m, _) = model1(text);
    let f = &m.files[0];
    let x = &f.patterns[0];
    let Value::Field(imm) = x.args[0] else {
        panic!("imm is a field")
    };
    assert_eq!(f.fields[imm].extract(0x000a_0bcd), 0xabcd);
    let Value::Field(off) = f.patterns[1].args[0] else {
        panic!("off is a field")
    };
    assert_eq!(f.fields[off].extract(0x10ff_fffe), -2);
    assert_eq!(f.fields[off].func.as_deref(), Some("times_4"));
}

#[test]
fn formats_merge_with_patterns() {
    let text = "
&rrr      rd rn rm
@rrr      ---- 0000 .... rn:4 rd:4 0000 0000 rm:4 &rrr
@rr_c     ---- 0001 .... rn:4 rd:4 .... .... .... &rrr rm=0
@impl     ---- 0010 .... .... rd:4 .... .... ....
ADD       1110 .... 0001 .... .... .... .... .... @rrr
SUB       1110 .... 0010 .... .... .... .... .... @rrr
MOVC      1110 .... 0011 .... .... 1111 1111 1111 @rr_c
IMPL      1110 .... 0100 0000 .... 0000 0000 0000 @impl
";
    let (m, tree) = model1(text);
    let f = &m.files[0];
    let add = &f.patterns[0];
    assert_eq!(add.mask, 0xfff0_0ff0);
    assert_eq!(add.value, 0xe010_0000);
    assert_eq!(f.patterns[2].args[2], Value::Const(0));
    // Patterns with a format and no `&` use the format's set.
    let impl_insn = &m.insns[f.patterns[3].insn];
    assert_eq!(m.argsets[impl_insn.argset].struct_name, "ArgImpl");
    assert_eq!(m.argsets[impl_insn.argset].members, ["rd"]);
    assert_eq!(decode_name(f, &tree, 0xe010_1002), Some("ADD"));
    assert_eq!(decode_name(f, &tree, 0xe023_1003), Some("SUB"));
    assert_eq!(decode_name(f, &tree, 0xe130_1fff), Some("MOVC"));
    assert_eq!(decode_name(f, &tree, 0xe240_5000), Some("IMPL"));
    assert_eq!(decode_name(f, &tree, 0xd010_1002), None);
}

#[test]
fn overlap_groups_resolve_in_order() {
    let text = "
{
  NOP     0000 0000 0000 0000 0000 0000 0000 0000
  [
    A     0000 0000 0000 0000 0000 0000 0000 ---1
    B     0000 0000 0000 0000 0000 0000 0000 --10
  ]
  {
    C     0000 0000 0000 0000 0000 0000 1111 ----
    D     0000 0000 0000 0000 0000 0000 ---- ----
  }
  ANY     0000 ---- ---- ---- ---- ---- ---- ----
}
OTHER   0001 ---- ---- ---- ---- ---- ---- ----
";
    let (m, tree) = model1(text);
    let f = &m.files[0];
    assert_eq!(decode_name(f, &tree, 0), Some("NOP"));
    assert_eq!(decode_name(f, &tree, 0x1), Some("A"));
    assert_eq!(decode_name(f, &tree, 0x3), Some("A"));
    assert_eq!(decode_name(f, &tree, 0x2), Some("B"));
    // C and D overlap: the earlier one wins.
    assert_eq!(decode_name(f, &tree, 0xf1), Some("C"));
    assert_eq!(decode_name(f, &tree, 0xf4), Some("C"));
    assert_eq!(decode_name(f, &tree, 0x44), Some("D"));
    assert_eq!(decode_name(f, &tree, 0x4), Some("D"));
    assert_eq!(decode_name(f, &tree, 0x0100_0000), Some("ANY"));
    assert_eq!(decode_name(f, &tree, 0x1100_0000), Some("OTHER"));
    assert_eq!(decode_name(f, &tree, 0x2000_0000), None);
}

#[test]
fn overlap_error_names_both_patterns_and_lines() {
    let e = err("
A  0000 ---- ---- ---- ---- ---- ---- ----
B  0001 ---- ---- ---- ---- ---- ---- ----
C  000- 1111 ---- ---- ---- ---- ---- ----
");
    assert!(
        matches!(
            e,
            Error::Overlap {
                line: 4,
                first_line: 2,
                second_line: 4,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "t.decode:4: overlapping patterns: `A` (line 2) and `C` (line 4)"
    );

    // A `{}` group at top level must not overlap its neighbours either...
    let e = err("
{
  A  0000 ---- ---- ---- ---- ---- ---- ----
  B  ---- ---- ---- ---- ---- ---- ---- ----
}
C  1111 ---- ---- ---- ---- ---- ---- ----
");
    assert_eq!(
        e.to_string(),
        "t.decode:6: overlapping patterns: `B` (line 4) and `C` (line 6)"
    );

    // ...and `[]` members must not overlap even inside `{}`.
    let e = err("
{
  [
    A  0000 ---- ---- ---- ---- ---- ---- ----
    B  00-- ---- ---- ---- ---- ---- ---- ----
  ]
}
");
    assert_eq!(
        e.to_string(),
        "t.decode:5: overlapping patterns: `A` (line 4) and `B` (line 5)"
    );

    // Disjoint patterns with no bit fixed by all of them are fine.
    gen("
A  00-- ---- ---- ---- ---- ---- ---- ----
B  1-0- ---- ---- ---- ---- ---- ---- ----
C  -111 ---- ---- ---- ---- ---- ---- ----
D  01-0 ---- ---- ---- ---- ---- ---- ----
")
    .expect("no overlap");
}

#[test]
fn unaccounted_bit() {
    let e = err("\n\nX  0000 0000 0000 0000 0000 0000 0000 00.-\n");
    assert!(
        matches!(
            e,
            Error::Unaccounted {
                bit: 1,
                line: 3,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "t.decode:3: pattern `X`: bit 1 is not accounted for"
    );
    // A `.` in both pattern and format needs a field; the pattern may fix it
    // instead, and a `-` in either means "not decoded".
    let e = err("@f ---- ---- ---- ---- ---- ---- ---- ... r:1\nX 0000 0000 0000 0000 0000 0000 0000 .0-- @f");
    assert_eq!(
        e.to_string(),
        "t.decode:2: pattern `X`: bit 3 is not accounted for"
    );
    gen("@f ---- ---- ---- ---- ---- ---- ---- ... r:1\nX 0000 0000 0000 0000 0000 0000 0000 111. @f").expect("fixed by pattern");
    gen("@f ---- ---- ---- ---- ---- ---- ---- ... r:1\nX 0000 0000 0000 0000 0000 0000 0000 -0-. @f").expect("`-` in the pattern");
    // QEMU style: `....` in the pattern, `----` in the format.
    gen("@f ---- ---- ---- ---- ---- ---- ---- r:4\nX .... 0000 0000 0000 0000 0000 0000 .... @f")
        .expect("`-` in the format");
    // A format without bits only contributes assignments.
    gen("@k x=1\nX 0000 0000 0000 0000 0000 0000 0000 0000 @k").expect("bitless format");
    // Covered by a field assigned to a member (named or bare).
    gen("%lo 0:4\nX 0000 0000 0000 0000 0000 0000 0000 .... %lo").expect("covered");
}

#[test]
fn field_does_not_fit() {
    let e = err("%f 30:4\n");
    assert!(
        matches!(
            e,
            Error::FieldDoesNotFit {
                pos: 30,
                end: 34,
                width: 32,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "t.decode:1: field `%f` does not fit: bits 30..34 exceed the 32-bit instruction"
    );
    let e = gen16("%f 12:8\n").expect_err("16-bit");
    assert!(
        e.to_string()
            .starts_with("t.decode:1: field `%f` does not fit"),
        "{e}"
    );
    gen16("%f 12:4\n").expect("fits");
}

#[test]
fn width_mismatch() {
    let e = err("X 0000\n");
    assert_eq!(
        e.to_string(),
        "t.decode:1: pattern `X` has 4 bits but the file is 32 bits wide"
    );
    let e = gen16("@f ---- ---- ---- ---- -\n").expect_err("17 bits");
    assert_eq!(
        e.to_string(),
        "t.decode:1: format `@f` has 17 bits but the file is 16 bits wide"
    );
    let e = err("X 0000 0000 0000 0000 0000 0000 0000 0000 r:2\n");
    assert!(matches!(e, Error::WidthMismatch { got: 34, .. }), "{e:?}");
}

#[test]
fn unknown_names() {
    let e = err("X 0000 0000 0000 0000 0000 0000 0000 0000 @nope");
    assert_eq!(e.to_string(), "t.decode:1: unknown format `@nope`");
    let e = err("X 0000 0000 0000 0000 0000 0000 0000 0000 %nope");
    assert_eq!(e.to_string(), "t.decode:1: unknown field `%nope`");
    let e = err("X 0000 0000 0000 0000 0000 0000 0000 0000 a=%nope");
    assert_eq!(e.to_string(), "t.decode:1: unknown field `%nope`");
    let e = err("X 0000 0000 0000 0000 0000 0000 0000 0000 &nope");
    assert_eq!(e.to_string(), "t.decode:1: unknown argument set `&nope`");
    // Definitions must come before use.
    let e = err("X 0000 0000 0000 0000 0000 0000 0000 .... %f\n%f 0:4");
    assert_eq!(e.to_string(), "t.decode:1: unknown field `%f`");
}

#[test]
fn argset_assignment_errors() {
    let e = err("&a x y\nX 0000 0000 0000 0000 0000 0000 0000 0000 &a x=1");
    assert_eq!(
        e.to_string(),
        "t.decode:2: pattern `X`: member `y` of `ArgA` is not assigned"
    );
    let e = err("&a x\nX 0000 0000 0000 0000 0000 0000 0000 0000 &a x=1 z=2");
    assert_eq!(
        e.to_string(),
        "t.decode:2: pattern `X`: `z` (assigned by the pattern) is not a member of `ArgA`"
    );
    let e = err("&a x\n@f ---- ---- ---- ---- ---- ---- ---- ---- x=1\nX 0000 0000 0000 0000 0000 0000 0000 0000 @f &a x=2");
    assert_eq!(
        e.to_string(),
        "t.decode:3: pattern `X`: member `x` is assigned by both the pattern and its format"
    );
    let e = err("X 0000 0000 0000 0000 0000 0000 0000 0000 x=1 x=2");
    assert_eq!(
        e.to_string(),
        "t.decode:1: pattern `X` assigns member `x` more than once"
    );
    let e = err("&a x\n@f ---- ---- ---- ---- ---- ---- ---- ---- &a q=1");
    assert_eq!(
        e.to_string(),
        "t.decode:2: format `@f`: `q` is not a member of argument set `&a`"
    );
    // A format's implicit set cannot be extended by a pattern.
    let e = err("@f ---- ---- ---- ---- ---- ---- ---- ---- x=1\nX 0000 0000 0000 0000 0000 0000 0000 0000 @f y=2");
    assert_eq!(
        e.to_string(),
        "t.decode:2: pattern `X`: `y` (assigned by the pattern) is not a member of `ArgF`"
    );
}

#[test]
fn repeated_pattern_names() {
    let text = "
&a x
&b x
X  0000 0000 0000 0000 0000 0000 0000 0000 &a x=1
X  0000 0000 0000 0000 0000 0000 0000 0001 &a x=2
";
    let (m, _) = model1(text);
    assert_eq!(m.insns.len(), 1);
    assert_eq!(m.files[0].patterns.len(), 2);
    let e = err(&format!(
        "{text}X  0000 0000 0000 0000 0000 0000 0000 0010 &b x=3\n"
    ));
    assert!(
        e.to_string().starts_with(
            "t.decode:6: pattern `X` uses struct `ArgB` but the `X` at t.decode:4 uses `ArgA`"
        ),
        "{e}"
    );
    // Implicit sets must agree too.
    let e = err("X 0000 0000 0000 0000 0000 0000 0000 000 a:1\nX 0000 0000 0000 0000 0000 0000 0000 001 b:1");
    assert!(
        e.to_string().starts_with(
            "t.decode:2: the implicit argument set of pattern `X` needs struct `ArgX`"
        ),
        "{e}"
    );
    // Names that map onto the same Rust name are rejected.
    let e = err("&e\nADD 0000 0000 0000 0000 0000 0000 0000 0000 &e\nadd 0000 0000 0000 0000 0000 0000 0000 0001 &e");
    assert_eq!(
        e.to_string(),
        "t.decode:3: pattern names `add` and `ADD` (t.decode:2) both become enum variant `Add`"
    );
}

#[test]
fn shared_argsets_across_files() {
    let a = src(
        "a.decode",
        32,
        "decode_a",
        "&rr rd rm\nMOV 0000 0000 0000 0000 0000 0000 rd:4 rm:4 &rr",
    );
    let b = src(
        "b.decode",
        16,
        "decode_b",
        "&rr rd rm\nMOV 0000 0000 rd:4 rm:4 &rr\nCPY 0000 0001 rd:4 rm:4 &rr",
    );
    let code = generate(&[a.clone(), b], &cfg()).expect("generates");
    assert_eq!(code.matches("pub struct ArgRr ").count(), 1, "{code}");
    assert_eq!(code.matches("    Mov(ArgRr),").count(), 1);
    assert!(code.contains("pub fn decode_a<"));
    assert!(code.contains("pub fn decode_b<"));
    assert!(code.contains("pub static DECODE_B_PATTERNS"));
    // A set defined in an earlier file can be used by a later one.
    let c = src("c.decode", 16, "decode_c", "CPY 0000 0001 rd:4 rm:4 &rr");
    generate(&[a.clone(), c], &cfg()).expect("visible");
    // Conflicting definitions are an error naming both places.
    let d = src("d.decode", 16, "decode_d", "&rr rd rn");
    let e = generate(&[a.clone(), d], &cfg()).expect_err("conflict");
    assert_eq!(
        e.to_string(),
        "d.decode:1: argument set `&rr` needs struct `ArgRr` with members (rd rn), but argument set `&rr` at a.decode:1 defines it with members (rd rm)"
    );
    let e = generate(&[a.clone(), a], &cfg()).expect_err("same decoder twice");
    assert_eq!(
        e.to_string(),
        "a.decode:0: decoder name `decode_a` is already used for a.decode"
    );
}

#[test]
fn redefinitions_and_misc_errors() {
    assert_eq!(
        err("%f 0:1\n%f 1:1").to_string(),
        "t.decode:2: field `%f` is already defined at line 1"
    );
    assert_eq!(
        err("&a\n&a").to_string(),
        "t.decode:2: argument set `&a` is already defined at line 1"
    );
    assert_eq!(
        err("@f ---- ---- ---- ---- ---- ---- ---- ----\n@f ---- ---- ---- ---- ---- ---- ---- ----").to_string(),
        "t.decode:2: format `@f` is already defined at line 1"
    );
    assert_eq!(
        err("@f 1--- ---- ---- ---- ---- ---- ---- ----\nX 0--- ---- ---- ---- ---- ---- ---- ---- @f").to_string(),
        "t.decode:2: pattern `X`: bit 31 is fixed differently by the pattern and by format `@f` (line 1)"
    );
    assert_eq!(err("{\n").to_string(), "t.decode:1: `{` is never closed");
    assert_eq!(
        err("[\n}").to_string(),
        "t.decode:2: `}` closes the `[` opened at line 1"
    );
    assert_eq!(
        err("]").to_string(),
        "t.decode:1: `]` without an open group"
    );
    assert_eq!(
        err("%f !function=x\n%g 1:0").to_string(),
        "t.decode:2: field `%g` has a zero-length segment"
    );
    let e = generate(&[src("w.decode", 8, "decode_w", "")], &cfg()).expect_err("width 8");
    assert_eq!(
        e.to_string(),
        "w.decode:0: instruction width must be 16 or 32, not 8"
    );
    let e = generate(&[src("w.decode", 32, "fn", "")], &cfg()).expect_err("keyword");
    assert_eq!(
        e.to_string(),
        "w.decode:0: decoder name `fn` is not a valid Rust function name"
    );
}

#[test]
fn empty_source_generates() {
    let code = gen("# nothing\n").expect("generates");
    assert!(code.contains("pub enum Insn {\n}"), "{code}");
    assert!(code.contains("let _ = (v, insn);"));
}

#[test]
fn emitted_decoder_switches_on_common_bits() {
    let code = gen("
A  0000 0001 ---- ---- ---- ---- ---- ----
B  0000 0010 ---- ---- ---- ---- ---- ----
C  0000 0011 ---- ---- ---- ---- ---- ----
D  0001 0000 ---- ---- ---- ---- ---- ----
")
    .expect("generates");
    assert!(code.contains("match insn & 0xff000000 {"), "{code}");
    assert!(
        code.contains("0x01000000 => {\n            return Some(v.a(ArgA {}));"),
        "{code}"
    );
}
