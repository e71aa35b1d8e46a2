//! Mapping pattern-file names onto Rust identifiers.

/// Strict and reserved Rust keywords (2021 edition plus words reserved for
/// later editions, so generated code keeps compiling if the crate moves on).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot even be written as raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

pub(crate) fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// `[A-Za-z_][A-Za-z0-9_]*`: the names the pattern language accepts.
pub(crate) fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `ADD_rrri` -> `AddRrri`, `s_rrr_shi` -> `SRrrShi`. Each `_`-separated
/// part is capitalised and the rest lower-cased so that the result is
/// conventional CamelCase (no `non_camel_case_types` or acronym lints).
/// Returns `None` if no valid type name results (e.g. `_` or `_1x`).
pub(crate) fn camel(name: &str) -> Option<String> {
    let mut out = String::new();
    for part in name.split('_').filter(|p| !p.is_empty()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    if is_ident(&out) && out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        Some(out)
    } else {
        None
    }
}

/// `ADD_rrri` -> `add_rrri`; keywords get a trailing `_` (`LOOP` -> `loop_`).
pub(crate) fn method(name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    if !is_ident(&lower) || lower == "_" {
        return None;
    }
    if is_keyword(&lower) {
        Some(format!("{lower}_"))
    } else {
        Some(lower)
    }
}

/// A struct member name as written in Rust: keywords become raw
/// identifiers (`type` -> `r#type`). `None` for names that cannot be
/// struct fields at all.
pub(crate) fn member(name: &str) -> Option<String> {
    if !is_ident(name) || NOT_RAW.contains(&name) {
        None
    } else if is_keyword(name) {
        Some(format!("r#{name}"))
    } else {
        Some(name.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case() {
        assert_eq!(camel("ADD_rrri").as_deref(), Some("AddRrri"));
        assert_eq!(camel("VLDM_VSTM_sp").as_deref(), Some("VldmVstmSp"));
        assert_eq!(camel("s_rrr_shi").as_deref(), Some("SRrrShi"));
        assert_eq!(camel("VMOV_64_sp").as_deref(), Some("Vmov64Sp"));
        assert_eq!(camel("_x").as_deref(), Some("X"));
        assert_eq!(camel("_"), None);
        assert_eq!(camel("_1x"), None);
    }

    #[test]
    fn method_names() {
        assert_eq!(method("ADD_rrri").as_deref(), Some("add_rrri"));
        assert_eq!(method("LOOP").as_deref(), Some("loop_"));
        assert_eq!(method("Self").as_deref(), Some("self_"));
        assert_eq!(method("_"), None);
    }

    #[test]
    fn member_names() {
        assert_eq!(member("rd").as_deref(), Some("rd"));
        assert_eq!(member("type").as_deref(), Some("r#type"));
        assert_eq!(member("self"), None);
        assert_eq!(member("1a"), None);
    }
}
