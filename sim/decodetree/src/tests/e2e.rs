//! End to end: generate code for two fixture files, compile it together
//! with a small harness using `rustc -D warnings` (and clippy if
//! installed), run it over many words and compare every result with a
//! direct interpretation of the model (group semantics as specified, and
//! field extraction by `Field::extract`).

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{cfg, model, src};
use crate::model::{FileModel, Item, Model, Value};
use crate::tree::tests::Rng;

const A: &str = include_str!("e2e/a.decode");
const B: &str = include_str!("e2e/b.decode");
const BIAS: i32 = 1000;

const HARNESS: &str = r#"
use std::io::Write as _;

pub struct Ctx {
    pub bias: i32,
}

pub mod fields {
    pub fn times_2(_ctx: &crate::Ctx, x: i32) -> i32 {
        x.wrapping_mul(2)
    }

    pub fn get_bias(ctx: &crate::Ctx, x: i32) -> i32 {
        ctx.bias + x
    }
}

include!("generated.rs");

fn main() {
    let path = std::env::args().nth(1).expect("words file");
    let input = std::fs::read_to_string(path).expect("read words");
    let ctx = Ctx { bias: 1000 };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (tag, pats) in [("a", DECODE_A_PATTERNS), ("b", DECODE_B_PATTERNS)] {
        for p in pats {
            writeln!(out, "P {tag} {} {:x} {:x} {}", p.name, p.mask, p.value, p.line).expect("write");
        }
    }
    for line in input.lines() {
        let (tag, word) = line.split_once(' ').expect("tag and word");
        let word = u32::from_str_radix(word, 16).expect("hex word");
        let decoded = if tag == "a" {
            decode_a(&mut Predecode, &ctx, word)
        } else {
            // Decoders accept unsized visitors.
            let dynv: &mut dyn Visitor<Out = Insn> = &mut Predecode;
            decode_b(dynv, &ctx, word)
        };
        match decoded {
            Some(insn) => {
                assert_eq!(insn.visit(&mut Predecode), insn);
                writeln!(out, "{} {:?}", insn.name(), insn).expect("write");
            }
            None => writeln!(out, "-").expect("write"),
        }
    }
}
"#;

/// The decode result as specified: at top level and in `[]` at most one
/// member matches; in `{}` the first matching member wins.
fn spec_decode(file: &FileModel, items: &[Item], overlap: bool, insn: u32) -> Option<usize> {
    let mut found = None;
    for item in items {
        let r = match item {
            Item::Pat(p) => file.patterns[*p].matches(insn).then_some(*p),
            Item::Group { overlap, items, .. } => spec_decode(file, items, *overlap, insn),
        };
        if r.is_some() {
            if overlap {
                return r;
            }
            assert!(
                found.is_none(),
                "two members of a no-overlap group match {insn:#x}"
            );
            found = r;
        }
    }
    found
}

struct Args<'a>(&'a str, Vec<(&'a str, i32)>);

impl fmt::Debug for Args<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct(self.0);
        for (m, v) in &self.1 {
            d.field(m, v);
        }
        d.finish()
    }
}

struct Variant<'a>(&'a str, Args<'a>);

impl fmt::Debug for Variant<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple(self.0).field(&self.1).finish()
    }
}

/// What the harness should print for `insn`.
fn expected(m: &Model, file: &FileModel, insn: u32) -> String {
    let Some(p) = spec_decode(file, &file.items, false, insn) else {
        return "-".to_string();
    };
    let pat = &file.patterns[p];
    let kind = &m.insns[pat.insn];
    let set = &m.argsets[kind.argset];
    let vals = set
        .members
        .iter()
        .zip(&pat.args)
        .map(|(name, v)| {
            let v = match v {
                Value::Const(c) => *c,
                Value::Field(f) => {
                    let field = &file.fields[*f];
                    let raw = field.extract(insn);
                    match field.func.as_deref() {
                        None => raw,
                        Some("times_2") => raw.wrapping_mul(2),
                        Some("get_bias") => BIAS + raw,
                        Some(other) => panic!("no reference for function {other}"),
                    }
                }
            };
            (name.as_str(), v)
        })
        .collect();
    format!(
        "{} {:?}",
        pat.name,
        Variant(&kind.variant, Args(&set.struct_name, vals))
    )
}

fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("decodetree-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

fn words(m: &Model) -> Vec<(usize, u32)> {
    let mut rng = Rng(0x0dec_0de7_2ee5_eed5);
    let mut words = Vec::new();
    // File A (32-bit): random words, and random encodings of each pattern.
    let a = &m.files[0];
    for _ in 0..20_000 {
        words.push((0, rng.u32()));
    }
    for p in &a.patterns {
        for _ in 0..300 {
            words.push((0, (rng.u32() & !p.mask) | p.value));
        }
    }
    // File B (16-bit): every word, then a sample with junk above bit 15.
    for w in 0..=0xffff {
        words.push((1, w));
    }
    for _ in 0..5_000 {
        words.push((1, rng.u32()));
    }
    words
}

#[test]
fn generated_code_compiles_and_matches_the_model() {
    let sources = [
        src("a.decode", 32, "decode_a", A),
        src("b.decode", 16, "decode_b", B),
    ];
    let mut c = cfg();
    c.ctx_type = "crate::Ctx".into();
    c.fields_module = "crate::fields".into();
    let code = crate::generate(&sources, &c).expect("generates");
    let (m, trees) = model(&sources);

    let dir = scratch_dir();
    std::fs::write(dir.join("generated.rs"), &code).expect("write generated.rs");
    std::fs::write(dir.join("main.rs"), HARNESS).expect("write main.rs");
    let words = words(&m);
    let input: String = words
        .iter()
        .map(|&(f, w)| format!("{} {w:x}\n", if f == 0 { "a" } else { "b" }))
        .collect();
    std::fs::write(dir.join("words.txt"), input).expect("write words");

    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let exe = dir.join("harness");
    run(Command::new(&rustc)
        .current_dir(&dir)
        .args([
            "--edition",
            "2021",
            "-D",
            "warnings",
            "-C",
            "opt-level=1",
            "main.rs",
            "-o",
        ])
        .arg(&exe));
    if have("clippy-driver") {
        run(Command::new("clippy-driver")
            .current_dir(&dir)
            .args([
                "--edition",
                "2021",
                "-D",
                "warnings",
                "--emit=metadata",
                "main.rs",
                "-o",
            ])
            .arg(dir.join("clippy.rmeta")));
    } else {
        eprintln!("clippy-driver not found; only rustc -D warnings was checked");
    }

    let out = run(Command::new(&exe).arg(dir.join("words.txt")));
    let mut lines = out.lines();
    let mut pattern_lines = Vec::new();
    for (tag, file) in [("a", &m.files[0]), ("b", &m.files[1])] {
        for p in &file.patterns {
            pattern_lines.push(format!(
                "P {tag} {} {:x} {:x} {}",
                p.name, p.mask, p.value, p.line
            ));
        }
    }
    for want in &pattern_lines {
        assert_eq!(lines.next(), Some(want.as_str()));
    }
    let mut seen = std::collections::BTreeSet::new();
    for &(f, w) in &words {
        let file = &m.files[f];
        // The tree as data agrees with the specification...
        assert_eq!(
            trees[f].eval(w),
            spec_decode(file, &file.items, false, w),
            "{} word {w:#x}",
            file.path
        );
        // ...and so does the code printed from it.
        let want = expected(&m, file, w);
        let got = lines.next().unwrap_or("<missing>");
        assert_eq!(got, want, "{} word {w:#x}", file.path);
        seen.insert(want.split(' ').next().unwrap_or("").to_string());
    }
    assert_eq!(lines.next(), None);
    // Every pattern name was reached (each is reachable in the fixtures).
    for k in &m.insns {
        assert!(seen.contains(&k.name), "{} never decoded", k.name);
    }

    // Degenerate input: no patterns at all still gives code that compiles.
    let empty =
        crate::generate(&[src("e.decode", 32, "decode_e", "# empty\n")], &c).expect("generates");
    std::fs::write(dir.join("generated.rs"), empty).expect("write generated.rs");
    std::fs::write(
        dir.join("empty.rs"),
        "pub struct Ctx;\ninclude!(\"generated.rs\");\nfn main() {\n    assert!(decode_e(&mut Predecode, &Ctx, 0).is_none());\n    assert!(DECODE_E_PATTERNS.is_empty());\n}\n",
    )
    .expect("write empty.rs");
    let exe = dir.join("empty");
    run(Command::new(&rustc)
        .current_dir(&dir)
        .args(["--edition", "2021", "-D", "warnings", "empty.rs", "-o"])
        .arg(&exe));
    run(&mut Command::new(&exe));
    cleanup(&dir);
}

fn cleanup(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
}
