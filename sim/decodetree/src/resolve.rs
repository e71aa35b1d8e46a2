//! Name resolution and per-pattern checks: merges formats into patterns,
//! checks widths, fields, argument sets and bit coverage, and assigns
//! enum variants / visitor methods.
//!
//! Scoping: fields and formats belong to their file and must be defined
//! before use. Argument sets must also be defined before use, but stay
//! visible in later sources, and identical definitions in several files
//! share one struct (argument sets and `Insn` are shared by all decoders).

use std::collections::HashMap;

use crate::error::Error;
use crate::model::{ArgSet, Field, FileModel, InsnKind, Item, Model, Pattern, Seg, Value};
use crate::names;
use crate::parse::{self, ArgSetDef, Def, FieldDef, Stmt, Tok};
use crate::Source;

pub(crate) fn resolve(sources: &[Source]) -> Result<Model, Error> {
    let mut g = Globals::default();
    let mut files = Vec::with_capacity(sources.len());
    for src in sources {
        let stmts = parse::parse(&src.path, &src.text)?;
        let mut fr = FileResolver {
            g: &mut g,
            path: &src.path,
            width: src.width,
            fields: Vec::new(),
            field_names: HashMap::new(),
            formats: HashMap::new(),
            argsets_here: HashMap::new(),
            patterns: Vec::new(),
            stack: Vec::new(),
            top: Vec::new(),
        };
        for stmt in stmts {
            fr.stmt(stmt)?;
        }
        if let Some(open) = fr.stack.last() {
            let b = if open.overlap { '{' } else { '[' };
            return Err(Error::syntax(
                &src.path,
                open.line,
                format!("`{b}` is never closed"),
            ));
        }
        files.push(FileModel {
            path: src.path.clone(),
            width: src.width,
            decoder: src.decoder.clone(),
            fields: fr.fields,
            patterns: fr.patterns,
            items: fr.top,
        });
    }
    Ok(Model {
        argsets: g.argsets,
        insns: g.insns,
        files,
    })
}

/// State shared by all sources.
#[derive(Default)]
struct Globals {
    argsets: Vec<ArgSet>,
    by_struct: HashMap<String, usize>,
    /// `&name` -> argument set, for every explicit set defined so far.
    by_name: HashMap<String, usize>,
    insns: Vec<InsnKind>,
    insn_by_name: HashMap<String, usize>,
    by_variant: HashMap<String, usize>,
    by_method: HashMap<String, usize>,
}

impl Globals {
    /// Returns the struct named `struct_name`, creating it; an existing
    /// struct is shared only if it has exactly the same members.
    fn register_struct(
        &mut self,
        struct_name: String,
        members: &[String],
        what: String,
        path: &str,
        line: u32,
    ) -> Result<usize, Error> {
        if let Some(&i) = self.by_struct.get(&struct_name) {
            let prev = &self.argsets[i];
            if prev.members != members {
                return Err(Error::semantic(
                    path,
                    line,
                    format!(
                        "{what} needs struct `{struct_name}` with members ({}), but {} at {}:{} defines it with members ({})",
                        members.join(" "),
                        prev.what,
                        prev.path,
                        prev.line,
                        prev.members.join(" ")
                    ),
                ));
            }
            return Ok(i);
        }
        for m in members {
            if names::member(m).is_none() {
                return Err(Error::semantic(
                    path,
                    line,
                    format!("{what}: `{m}` cannot be used as a struct member name"),
                ));
            }
        }
        self.argsets.push(ArgSet {
            struct_name: struct_name.clone(),
            members: members.to_vec(),
            path: path.to_string(),
            line,
            what,
        });
        let i = self.argsets.len() - 1;
        self.by_struct.insert(struct_name, i);
        Ok(i)
    }

    fn register_insn(
        &mut self,
        name: &str,
        argset: usize,
        path: &str,
        line: u32,
    ) -> Result<usize, Error> {
        if let Some(&i) = self.insn_by_name.get(name) {
            let prev = &self.insns[i];
            if prev.argset != argset {
                return Err(Error::semantic(
                    path,
                    line,
                    format!(
                        "pattern `{name}` uses struct `{}` but the `{name}` at {}:{} uses `{}`; patterns sharing a name must share an argument set",
                        self.argsets[argset].struct_name,
                        prev.path,
                        prev.line,
                        self.argsets[prev.argset].struct_name
                    ),
                ));
            }
            return Ok(i);
        }
        let variant = names::camel(name).ok_or_else(|| {
            Error::semantic(
                path,
                line,
                format!("pattern name `{name}` does not give a valid Rust variant name"),
            )
        })?;
        let method = names::method(name).ok_or_else(|| {
            Error::semantic(
                path,
                line,
                format!("pattern name `{name}` does not give a valid Rust method name"),
            )
        })?;
        for (key, map, kind) in [
            (&variant, &self.by_variant, "enum variant"),
            (&method, &self.by_method, "visitor method"),
        ] {
            if let Some(&j) = map.get(key) {
                let prev = &self.insns[j];
                return Err(Error::semantic(
                    path,
                    line,
                    format!(
                        "pattern names `{name}` and `{}` ({}:{}) both become {kind} `{key}`",
                        prev.name, prev.path, prev.line
                    ),
                ));
            }
        }
        let i = self.insns.len();
        self.by_variant.insert(variant.clone(), i);
        self.by_method.insert(method.clone(), i);
        self.insn_by_name.insert(name.to_string(), i);
        self.insns.push(InsnKind {
            name: name.to_string(),
            variant,
            method,
            argset,
            path: path.to_string(),
            line,
        });
        Ok(i)
    }
}

struct Format {
    line: u32,
    mask: u32,
    value: u32,
    dash: u32,
    assigns: Vec<(String, Value)>,
    explicit: Option<usize>,
    /// The format's own set, created when a pattern first needs it.
    implicit: Option<usize>,
}

/// The bit and assignment content of one format or pattern line.
struct Parts {
    mask: u32,
    value: u32,
    /// `-` bits: not decoded.
    dash: u32,
    /// In token order.
    assigns: Vec<(String, Value)>,
    format: Option<String>,
    argset: Option<String>,
}

struct OpenGroup {
    overlap: bool,
    line: u32,
    items: Vec<Item>,
}

struct FileResolver<'a> {
    g: &'a mut Globals,
    path: &'a str,
    width: u32,
    fields: Vec<Field>,
    field_names: HashMap<String, (usize, u32)>,
    formats: HashMap<String, Format>,
    argsets_here: HashMap<String, u32>,
    patterns: Vec<Pattern>,
    stack: Vec<OpenGroup>,
    top: Vec<Item>,
}

impl FileResolver<'_> {
    fn stmt(&mut self, stmt: Stmt) -> Result<(), Error> {
        match stmt {
            Stmt::Field(f) => self.field(f),
            Stmt::ArgSet(a) => self.argset(a),
            Stmt::Format(d) => self.format(d),
            Stmt::Pattern(d) => self.pattern(d),
            Stmt::Open { overlap, line } => {
                self.stack.push(OpenGroup {
                    overlap,
                    line,
                    items: Vec::new(),
                });
                Ok(())
            }
            Stmt::Close { overlap, line } => {
                let close = if overlap { '}' } else { ']' };
                let Some(open) = self.stack.pop() else {
                    return Err(Error::syntax(
                        self.path,
                        line,
                        format!("`{close}` without an open group"),
                    ));
                };
                if open.overlap != overlap {
                    let b = if open.overlap { '{' } else { '[' };
                    return Err(Error::syntax(
                        self.path,
                        line,
                        format!("`{close}` closes the `{b}` opened at line {}", open.line),
                    ));
                }
                self.push_item(Item::Group {
                    overlap,
                    line: open.line,
                    items: open.items,
                });
                Ok(())
            }
        }
    }

    fn push_item(&mut self, item: Item) {
        match self.stack.last_mut() {
            Some(g) => g.items.push(item),
            None => self.top.push(item),
        }
    }

    fn check_seg(&self, name: &str, line: u32, pos: u32, len: u32) -> Result<(), Error> {
        if len == 0 {
            return Err(Error::semantic(
                self.path,
                line,
                format!("field `{name}` has a zero-length segment"),
            ));
        }
        let end = u64::from(pos) + u64::from(len);
        if end > u64::from(self.width) {
            return Err(Error::FieldDoesNotFit {
                path: self.path.to_string(),
                line,
                name: name.to_string(),
                pos,
                end: u32::try_from(end).unwrap_or(u32::MAX),
                width: self.width,
            });
        }
        Ok(())
    }

    fn field(&mut self, f: FieldDef) -> Result<(), Error> {
        if let Some(&(_, prev)) = self.field_names.get(&f.name) {
            return Err(Error::Redefined {
                path: self.path.to_string(),
                line: f.line,
                kind: "field",
                name: format!("%{}", f.name),
                prev,
            });
        }
        if f.segs.is_empty() && f.func.is_none() {
            return Err(Error::semantic(
                self.path,
                f.line,
                format!("field `%{}` has neither segments nor `!function=`", f.name),
            ));
        }
        let mut total: u64 = 0;
        for s in &f.segs {
            self.check_seg(&format!("%{}", f.name), f.line, s.pos, s.len)?;
            total += u64::from(s.len);
        }
        if total > 32 {
            return Err(Error::semantic(
                self.path,
                f.line,
                format!(
                    "field `%{}` is {total} bits long; at most 32 are supported",
                    f.name
                ),
            ));
        }
        self.fields.push(Field {
            name: f.name.clone(),
            segs: f
                .segs
                .iter()
                .map(|s| Seg {
                    pos: s.pos,
                    len: s.len,
                })
                .collect(),
            // The first segment's sign decides the whole field's.
            signed: f.segs.first().is_some_and(|s| s.signed),
            func: f.func,
        });
        self.field_names
            .insert(f.name, (self.fields.len() - 1, f.line));
        Ok(())
    }

    fn argset(&mut self, a: ArgSetDef) -> Result<(), Error> {
        if let Some(&prev) = self.argsets_here.get(&a.name) {
            return Err(Error::Redefined {
                path: self.path.to_string(),
                line: a.line,
                kind: "argument set",
                name: format!("&{}", a.name),
                prev,
            });
        }
        let camel = names::camel(&a.name).ok_or_else(|| {
            Error::semantic(
                self.path,
                a.line,
                format!(
                    "argument set name `&{}` does not give a valid Rust type name",
                    a.name
                ),
            )
        })?;
        let idx = self.g.register_struct(
            format!("Arg{camel}"),
            &a.members,
            format!("argument set `&{}`", a.name),
            self.path,
            a.line,
        )?;
        self.argsets_here.insert(a.name.clone(), a.line);
        self.g.by_name.insert(a.name, idx);
        Ok(())
    }

    fn lookup_argset(&self, name: &str, line: u32) -> Result<usize, Error> {
        self.g
            .by_name
            .get(name)
            .copied()
            .ok_or_else(|| Error::unknown(self.path, line, "argument set", &format!("&{name}")))
    }

    /// Reads the tokens of a format or pattern line.
    fn parts(&mut self, def: &Def, what: &str, is_format: bool) -> Result<Parts, Error> {
        // Bits MSB first: b'0', b'1', b'.', b'-'; inline fields as b'.'.
        let mut bits: Vec<u8> = Vec::new();
        // (member, first index in `bits`, len, signed)
        let mut inline: Vec<(String, usize, u32, bool)> = Vec::new();
        let mut format = None;
        let mut argset = None;
        for t in &def.toks {
            match t {
                Tok::Bits(s) => bits.extend(s.bytes()),
                Tok::Inline {
                    member,
                    len,
                    signed,
                } => {
                    if *len == 0 || *len > 32 {
                        return Err(Error::semantic(
                            self.path,
                            def.line,
                            format!(
                                "{what}: inline field `{member}:{len}` must be 1 to 32 bits long"
                            ),
                        ));
                    }
                    inline.push((member.clone(), bits.len(), *len, *signed));
                    bits.extend(std::iter::repeat_n(b'.', *len as usize));
                }
                Tok::Format(f) => {
                    if is_format {
                        return Err(Error::syntax(
                            self.path,
                            def.line,
                            "a format cannot use another format",
                        ));
                    }
                    if format.replace(f.clone()).is_some() {
                        return Err(Error::syntax(
                            self.path,
                            def.line,
                            format!("{what} names more than one format"),
                        ));
                    }
                }
                Tok::ArgSet(a) => {
                    if argset.replace(a.clone()).is_some() {
                        return Err(Error::syntax(
                            self.path,
                            def.line,
                            format!("{what} names more than one argument set"),
                        ));
                    }
                }
                Tok::BareField(_) | Tok::AssignField { .. } | Tok::AssignConst { .. } => {}
            }
        }
        let got = u32::try_from(bits.len()).unwrap_or(u32::MAX);
        // A format may consist of assignments only (no bits at all).
        if got != self.width && !(is_format && got == 0) {
            return Err(Error::WidthMismatch {
                path: self.path.to_string(),
                line: def.line,
                what: what.to_string(),
                got,
                width: self.width,
            });
        }
        let (mut mask, mut value, mut dash) = (0u32, 0u32, 0u32);
        for (i, &b) in bits.iter().enumerate() {
            let bit = 1u32 << (bits.len() - 1 - i);
            match b {
                b'0' => mask |= bit,
                b'1' => {
                    mask |= bit;
                    value |= bit;
                }
                b'-' => dash |= bit,
                _ => {} // '.' or an inline field: decoded
            }
        }

        // Assignments, in token order (this is the member order of an
        // implicit argument set).
        let mut assigns: Vec<(String, Value)> = Vec::new();
        let mut inline = inline.into_iter();
        for t in &def.toks {
            let (member, v) = match t {
                Tok::Inline { .. } => {
                    let Some((member, start, len, signed)) = inline.next() else {
                        continue;
                    };
                    let pos = self.width - u32::try_from(start).unwrap_or(0) - len;
                    self.fields.push(Field {
                        name: member.clone(),
                        segs: vec![Seg { pos, len }],
                        signed,
                        func: None,
                    });
                    (member, Value::Field(self.fields.len() - 1))
                }
                Tok::BareField(f) => (f.clone(), Value::Field(self.lookup_field(f, def.line)?)),
                Tok::AssignField { member, field } => (
                    member.clone(),
                    Value::Field(self.lookup_field(field, def.line)?),
                ),
                Tok::AssignConst { member, value } => (member.clone(), Value::Const(*value)),
                Tok::Bits(_) | Tok::Format(_) | Tok::ArgSet(_) => continue,
            };
            if assigns.iter().any(|(m, _)| *m == member) {
                return Err(Error::semantic(
                    self.path,
                    def.line,
                    format!("{what} assigns member `{member}` more than once"),
                ));
            }
            assigns.push((member, v));
        }
        Ok(Parts {
            mask,
            value,
            dash,
            assigns,
            format,
            argset,
        })
    }

    fn lookup_field(&self, name: &str, line: u32) -> Result<usize, Error> {
        self.field_names
            .get(name)
            .map(|&(i, _)| i)
            .ok_or_else(|| Error::unknown(self.path, line, "field", &format!("%{name}")))
    }

    fn format(&mut self, def: Def) -> Result<(), Error> {
        if let Some(prev) = self.formats.get(&def.name) {
            return Err(Error::Redefined {
                path: self.path.to_string(),
                line: def.line,
                kind: "format",
                name: format!("@{}", def.name),
                prev: prev.line,
            });
        }
        let what = format!("format `@{}`", def.name);
        let p = self.parts(&def, &what, true)?;
        let explicit = match &p.argset {
            Some(a) => {
                let idx = self.lookup_argset(a, def.line)?;
                // Catch stray members here, where the mistake is, rather
                // than at every pattern using the format.
                for (m, _) in &p.assigns {
                    if !self.g.argsets[idx].members.contains(m) {
                        return Err(Error::semantic(
                            self.path,
                            def.line,
                            format!("{what}: `{m}` is not a member of argument set `&{a}`"),
                        ));
                    }
                }
                Some(idx)
            }
            None => None,
        };
        self.formats.insert(
            def.name,
            Format {
                line: def.line,
                mask: p.mask,
                value: p.value,
                dash: p.dash,
                assigns: p.assigns,
                explicit,
                implicit: None,
            },
        );
        Ok(())
    }

    /// The argument set of a format without an explicit one: named after
    /// the format, members in assignment order.
    fn format_implicit_set(&mut self, name: &str, used_at: u32) -> Result<usize, Error> {
        let Some(f) = self.formats.get(name) else {
            return Err(Error::unknown(
                self.path,
                used_at,
                "format",
                &format!("@{name}"),
            ));
        };
        if let Some(i) = f.explicit.or(f.implicit) {
            return Ok(i);
        }
        let line = f.line;
        let members: Vec<String> = f.assigns.iter().map(|(m, _)| m.clone()).collect();
        let camel = names::camel(name).ok_or_else(|| {
            Error::semantic(
                self.path,
                line,
                format!("format name `@{name}` does not give a valid Rust type name"),
            )
        })?;
        let idx = self.g.register_struct(
            format!("Arg{camel}"),
            &members,
            format!("the implicit argument set of format `@{name}`"),
            self.path,
            line,
        )?;
        if let Some(f) = self.formats.get_mut(name) {
            f.implicit = Some(idx);
        }
        Ok(idx)
    }

    fn pattern(&mut self, def: Def) -> Result<(), Error> {
        let what = format!("pattern `{}`", def.name);
        let p = self.parts(&def, &what, false)?;
        let (line, path) = (def.line, self.path);

        // Merge the format: a bit fixed in either is fixed; otherwise a `-`
        // in either makes it "not decoded" (QEMU-style files write `....`
        // in the pattern where the format says `----`, e.g. the condition
        // field); every remaining bit is a `.` that some field must read.
        // Assignments come from both, the format's first.
        let (mut mask, mut value, mut dash) = (p.mask, p.value, p.dash);
        let mut assigns: Vec<(String, Value, bool)> = Vec::new();
        if let Some(fname) = &p.format {
            let f = self
                .formats
                .get(fname)
                .ok_or_else(|| Error::unknown(path, line, "format", &format!("@{fname}")))?;
            let conflict = f.mask & p.mask & (f.value ^ p.value);
            if conflict != 0 {
                return Err(Error::semantic(
                    path,
                    line,
                    format!(
                        "{what}: bit {} is fixed differently by the pattern and by format `@{fname}` (line {})",
                        31 - conflict.leading_zeros(),
                        f.line
                    ),
                ));
            }
            mask |= f.mask;
            value |= f.value;
            dash |= f.dash;
            assigns.extend(f.assigns.iter().map(|(m, v)| (m.clone(), *v, true)));
        }
        for (m, v) in &p.assigns {
            if assigns.iter().any(|(am, _, _)| am == m) {
                return Err(Error::semantic(
                    path,
                    line,
                    format!("{what}: member `{m}` is assigned by both the pattern and its format"),
                ));
            }
            assigns.push((m.clone(), *v, false));
        }

        let set = match (&p.argset, &p.format) {
            (Some(a), _) => self.lookup_argset(a, line)?,
            (None, Some(f)) => self.format_implicit_set(f, line)?,
            (None, None) => {
                let camel = names::camel(&def.name).ok_or_else(|| {
                    Error::semantic(
                        path,
                        line,
                        format!(
                            "pattern name `{}` does not give a valid Rust type name",
                            def.name
                        ),
                    )
                })?;
                let members: Vec<String> = assigns.iter().map(|(m, _, _)| m.clone()).collect();
                self.g.register_struct(
                    format!("Arg{camel}"),
                    &members,
                    format!("the implicit argument set of pattern `{}`", def.name),
                    path,
                    line,
                )?
            }
        };

        // Every member assigned exactly once, nothing else assigned.
        let members = &self.g.argsets[set].members;
        let set_name = &self.g.argsets[set].struct_name;
        for (m, _, from_format) in &assigns {
            if !members.contains(m) {
                let by = if *from_format {
                    "its format"
                } else {
                    "the pattern"
                };
                return Err(Error::semantic(
                    path,
                    line,
                    format!("{what}: `{m}` (assigned by {by}) is not a member of `{set_name}`"),
                ));
            }
        }
        let mut args = Vec::with_capacity(members.len());
        for m in members {
            match assigns.iter().find(|(am, _, _)| am == m) {
                Some((_, v, _)) => args.push(*v),
                None => {
                    return Err(Error::semantic(
                        path,
                        line,
                        format!("{what}: member `{m}` of `{set_name}` is not assigned"),
                    ))
                }
            }
        }

        let covered = args.iter().fold(0u32, |acc, v| match v {
            Value::Field(i) => acc | self.fields[*i].bits(),
            Value::Const(_) => acc,
        });
        let all = crate::model::low_bits(self.width);
        let uncovered = all & !mask & !dash & !covered;
        if uncovered != 0 {
            return Err(Error::Unaccounted {
                path: path.to_string(),
                line,
                pattern: def.name,
                bit: 31 - uncovered.leading_zeros(),
            });
        }

        let insn = self.g.register_insn(&def.name, set, path, line)?;
        self.patterns.push(Pattern {
            name: def.name,
            line,
            mask,
            value,
            insn,
            args,
        });
        self.push_item(Item::Pat(self.patterns.len() - 1));
        Ok(())
    }
}
