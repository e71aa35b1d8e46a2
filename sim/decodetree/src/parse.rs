//! Syntax: turns logical lines into statements. Names are not resolved
//! here (that is `resolve.rs`); this only checks the shape of each token.

use crate::error::Error;
use crate::lexer;
use crate::names::is_ident;

/// One segment of a `%field`: `pos:len` or `pos:slen`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SegDef {
    pub pos: u32,
    pub len: u32,
    pub signed: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct FieldDef {
    pub name: String,
    pub line: u32,
    pub segs: Vec<SegDef>,
    pub func: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ArgSetDef {
    pub name: String,
    pub line: u32,
    pub members: Vec<String>,
}

/// A token of a format or pattern line (after its name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tok {
    /// `0`, `1`, `.`, `-` characters, most significant first.
    Bits(String),
    /// `member:len` / `member:slen`: an anonymous field, assigned to `member`.
    Inline {
        member: String,
        len: u32,
        signed: bool,
    },
    /// `@format`
    Format(String),
    /// `&argset`
    ArgSet(String),
    /// `%field`: assigns the field to the member of the same name.
    BareField(String),
    /// `member=%field`
    AssignField { member: String, field: String },
    /// `member=CONST`
    AssignConst { member: String, value: i32 },
}

/// A format (`@name ...`) or pattern (`NAME ...`) line.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Def {
    pub name: String,
    pub line: u32,
    pub toks: Vec<Tok>,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Stmt {
    Field(FieldDef),
    ArgSet(ArgSetDef),
    Format(Def),
    Pattern(Def),
    /// `{` (overlap = true) or `[` (overlap = false).
    Open {
        overlap: bool,
        line: u32,
    },
    /// `}` or `]`.
    Close {
        overlap: bool,
        line: u32,
    },
}

pub(crate) fn parse(path: &str, text: &str) -> Result<Vec<Stmt>, Error> {
    lexer::lines(text)
        .into_iter()
        .map(|l| parse_line(path, l.no, &l.toks))
        .collect()
}

fn parse_line(path: &str, line: u32, toks: &[String]) -> Result<Stmt, Error> {
    let Some((first, rest)) = toks.split_first() else {
        return Err(Error::syntax(path, line, "empty line"));
    };
    let group = match first.as_str() {
        "{" => Some(Stmt::Open {
            overlap: true,
            line,
        }),
        "[" => Some(Stmt::Open {
            overlap: false,
            line,
        }),
        "}" => Some(Stmt::Close {
            overlap: true,
            line,
        }),
        "]" => Some(Stmt::Close {
            overlap: false,
            line,
        }),
        _ => None,
    };
    if let Some(stmt) = group {
        if let Some(extra) = rest.first() {
            return Err(Error::syntax(
                path,
                line,
                format!(
                    "unexpected `{extra}` after `{first}` (group brackets stand on their own line)"
                ),
            ));
        }
        return Ok(stmt);
    }
    if let Some(name) = first.strip_prefix('%') {
        check_name(path, line, "field", name)?;
        return parse_field(path, line, name, rest).map(Stmt::Field);
    }
    if let Some(name) = first.strip_prefix('&') {
        check_name(path, line, "argument set", name)?;
        return parse_argset(path, line, name, rest).map(Stmt::ArgSet);
    }
    if let Some(name) = first.strip_prefix('@') {
        check_name(path, line, "format", name)?;
        return parse_def(path, line, name, rest).map(Stmt::Format);
    }
    check_name(path, line, "pattern", first)?;
    parse_def(path, line, first, rest).map(Stmt::Pattern)
}

fn check_name(path: &str, line: u32, kind: &str, name: &str) -> Result<(), Error> {
    if is_ident(name) {
        Ok(())
    } else {
        Err(Error::syntax(
            path,
            line,
            format!("invalid {kind} name `{name}`"),
        ))
    }
}

fn parse_u32(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `len` or `slen`.
fn parse_len(s: &str) -> Option<(u32, bool)> {
    match s.strip_prefix('s') {
        Some(n) => parse_u32(n).map(|n| (n, true)),
        None => parse_u32(s).map(|n| (n, false)),
    }
}

fn parse_field(path: &str, line: u32, name: &str, toks: &[String]) -> Result<FieldDef, Error> {
    let mut segs = Vec::new();
    let mut func = None;
    for t in toks {
        if let Some(f) = t.strip_prefix("!function=") {
            if !is_ident(f) || crate::names::is_keyword(f) {
                return Err(Error::syntax(
                    path,
                    line,
                    format!("invalid function name `{f}`"),
                ));
            }
            if func.replace(f.to_string()).is_some() {
                return Err(Error::syntax(path, line, "`!function=` given twice"));
            }
            continue;
        }
        let seg = t.split_once(':').and_then(|(p, l)| {
            let pos = parse_u32(p)?;
            let (len, signed) = parse_len(l)?;
            Some(SegDef { pos, len, signed })
        });
        match seg {
            Some(s) => segs.push(s),
            None => {
                return Err(Error::syntax(
                    path,
                    line,
                    format!("field `%{name}`: expected `pos:len`, `pos:slen` or `!function=name`, found `{t}`"),
                ))
            }
        }
    }
    Ok(FieldDef {
        name: name.to_string(),
        line,
        segs,
        func,
    })
}

fn parse_argset(path: &str, line: u32, name: &str, toks: &[String]) -> Result<ArgSetDef, Error> {
    let mut members: Vec<String> = Vec::new();
    for t in toks {
        // QEMU marks sets shared between files with `!extern`; here every
        // set is shared, so the marker is accepted and ignored.
        if t == "!extern" {
            continue;
        }
        if !is_ident(t) {
            return Err(Error::syntax(
                path,
                line,
                format!("argument set `&{name}`: invalid member name `{t}`"),
            ));
        }
        if members.contains(t) {
            return Err(Error::syntax(
                path,
                line,
                format!("argument set `&{name}`: member `{t}` listed twice"),
            ));
        }
        members.push(t.clone());
    }
    Ok(ArgSetDef {
        name: name.to_string(),
        line,
        members,
    })
}

fn parse_def(path: &str, line: u32, name: &str, toks: &[String]) -> Result<Def, Error> {
    let toks = toks
        .iter()
        .map(|t| {
            parse_tok(t)
                .ok_or_else(|| Error::syntax(path, line, format!("unrecognized token `{t}`")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Def {
        name: name.to_string(),
        line,
        toks,
    })
}

/// Decimal (optionally signed) or `0x` hex; hex up to 32 bits is taken
/// as a bit pattern (`0xffffffff` is -1).
fn parse_const(s: &str) -> Option<i32> {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let magnitude: i64 = if let Some(hex) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        if hex.is_empty() || hex.len() > 8 {
            return None;
        }
        let v = u32::from_str_radix(hex, 16).ok()?;
        // Bit-pattern reading: reinterpret as i32.
        i64::from(i32::from_ne_bytes(v.to_ne_bytes()))
    } else {
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok()?
    };
    let v = if neg { -magnitude } else { magnitude };
    i32::try_from(v).ok()
}

fn parse_tok(t: &str) -> Option<Tok> {
    if let Some(n) = t.strip_prefix('@') {
        return is_ident(n).then(|| Tok::Format(n.to_string()));
    }
    if let Some(n) = t.strip_prefix('&') {
        return is_ident(n).then(|| Tok::ArgSet(n.to_string()));
    }
    if let Some(n) = t.strip_prefix('%') {
        return is_ident(n).then(|| Tok::BareField(n.to_string()));
    }
    if let Some((member, rhs)) = t.split_once('=') {
        if !is_ident(member) {
            return None;
        }
        let member = member.to_string();
        return match rhs.strip_prefix('%') {
            Some(f) => is_ident(f).then(|| Tok::AssignField {
                member,
                field: f.to_string(),
            }),
            None => parse_const(rhs).map(|value| Tok::AssignConst { member, value }),
        };
    }
    if !t.is_empty() && t.bytes().all(|b| matches!(b, b'0' | b'1' | b'.' | b'-')) {
        return Some(Tok::Bits(t.to_string()));
    }
    if let Some((member, len)) = t.split_once(':') {
        let (len, signed) = parse_len(len)?;
        return is_ident(member).then(|| Tok::Inline {
            member: member.to_string(),
            len,
            signed,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Stmt {
        let mut v = parse("t.decode", text).expect("parses");
        assert_eq!(v.len(), 1);
        v.remove(0)
    }

    fn err(text: &str) -> String {
        parse("t.decode", text).expect_err("must fail").to_string()
    }

    #[test]
    fn field_definitions() {
        assert_eq!(
            one("%imm  16:4 0:s12 !function=times_4"),
            Stmt::Field(FieldDef {
                name: "imm".into(),
                line: 1,
                segs: vec![
                    SegDef {
                        pos: 16,
                        len: 4,
                        signed: false
                    },
                    SegDef {
                        pos: 0,
                        len: 12,
                        signed: true
                    }
                ],
                func: Some("times_4".into()),
            })
        );
        assert_eq!(
            one("%k !function=get_k"),
            Stmt::Field(FieldDef {
                name: "k".into(),
                line: 1,
                segs: vec![],
                func: Some("get_k".into()),
            })
        );
        assert!(err("%x 1:q").contains("t.decode:1: field `%x`: expected"));
        assert!(err("%x !function=a !function=b").contains("given twice"));
        assert!(err("%x !function=type").contains("invalid function name `type`"));
    }

    #[test]
    fn argsets() {
        assert_eq!(
            one("&s_rrr_shi !extern s rd rn"),
            Stmt::ArgSet(ArgSetDef {
                name: "s_rrr_shi".into(),
                line: 1,
                members: vec!["s".into(), "rd".into(), "rn".into()],
            })
        );
        assert_eq!(
            one("&empty"),
            Stmt::ArgSet(ArgSetDef {
                name: "empty".into(),
                line: 1,
                members: vec![],
            })
        );
        assert!(err("&a x x").contains("listed twice"));
    }

    #[test]
    fn formats_and_patterns() {
        assert_eq!(
            one("@fmt ---- 0.1 rn:4 imm:s8 &a x=%f %g y=-3 z=0x10"),
            Stmt::Format(Def {
                name: "fmt".into(),
                line: 1,
                toks: vec![
                    Tok::Bits("----".into()),
                    Tok::Bits("0.1".into()),
                    Tok::Inline {
                        member: "rn".into(),
                        len: 4,
                        signed: false
                    },
                    Tok::Inline {
                        member: "imm".into(),
                        len: 8,
                        signed: true
                    },
                    Tok::ArgSet("a".into()),
                    Tok::AssignField {
                        member: "x".into(),
                        field: "f".into()
                    },
                    Tok::BareField("g".into()),
                    Tok::AssignConst {
                        member: "y".into(),
                        value: -3
                    },
                    Tok::AssignConst {
                        member: "z".into(),
                        value: 16
                    },
                ],
            })
        );
        match one("ADD_rrri 0000 @fmt") {
            Stmt::Pattern(d) => {
                assert_eq!(d.name, "ADD_rrri");
                assert_eq!(
                    d.toks,
                    vec![Tok::Bits("0000".into()), Tok::Format("fmt".into())]
                );
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(parse_const("0xffffffff"), Some(-1));
        assert_eq!(parse_const("-2147483648"), Some(i32::MIN));
        assert_eq!(parse_const("2147483648"), None);
        assert_eq!(parse_const("+7"), Some(7));
        assert_eq!(parse_const("0x"), None);
        assert!(err("X 01x").contains("unrecognized token `01x`"));
        assert!(err("1X 01").contains("invalid pattern name"));
    }

    #[test]
    fn groups() {
        let v = parse("t", "{\n[\n]\n}").unwrap();
        assert_eq!(
            v,
            vec![
                Stmt::Open {
                    overlap: true,
                    line: 1
                },
                Stmt::Open {
                    overlap: false,
                    line: 2
                },
                Stmt::Close {
                    overlap: false,
                    line: 3
                },
                Stmt::Close {
                    overlap: true,
                    line: 4
                },
            ]
        );
        assert!(err("{ X 0").contains("stand on their own line"));
    }
}
