//! Errors reported while reading pattern files.
//!
//! Every variant carries the file path and line so that a failing
//! `build.rs` prints `PATH:LINE: message`, which editors and terminals can
//! jump to. Line 0 means "the file as a whole" (e.g. a bad `Source`).

/// A problem in a pattern file (or in how a source was described).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The line could not be parsed.
    #[error("{path}:{line}: {msg}")]
    Syntax {
        path: String,
        line: u32,
        msg: String,
    },
    /// A `@format`, `%field` or `&argset` was used before (or without) being defined.
    #[error("{path}:{line}: unknown {kind} `{name}`")]
    Unknown {
        path: String,
        line: u32,
        kind: &'static str,
        name: String,
    },
    /// A field, format or argument set was defined twice in one file.
    #[error("{path}:{line}: {kind} `{name}` is already defined at line {prev}")]
    Redefined {
        path: String,
        line: u32,
        kind: &'static str,
        name: String,
        prev: u32,
    },
    /// The bit tokens of a pattern or format do not add up to the file width.
    #[error("{path}:{line}: {what} has {got} bits but the file is {width} bits wide")]
    WidthMismatch {
        path: String,
        line: u32,
        what: String,
        got: u32,
        width: u32,
    },
    /// A field reads bits beyond the instruction width.
    #[error("{path}:{line}: field `{name}` does not fit: bits {pos}..{end} exceed the {width}-bit instruction")]
    FieldDoesNotFit {
        path: String,
        line: u32,
        name: String,
        pos: u32,
        /// One past the highest bit read.
        end: u32,
        width: u32,
    },
    /// A `.` bit of a pattern is not read by any of its fields.
    #[error("{path}:{line}: pattern `{pattern}`: bit {bit} is not accounted for")]
    Unaccounted {
        path: String,
        line: u32,
        pattern: String,
        bit: u32,
    },
    /// Two patterns that must not overlap can match the same word.
    #[error("{path}:{line}: overlapping patterns: `{first}` (line {first_line}) and `{second}` (line {second_line})")]
    Overlap {
        path: String,
        line: u32,
        first: String,
        first_line: u32,
        second: String,
        second_line: u32,
    },
    /// Anything else that is well-formed but inconsistent (argument sets,
    /// name clashes, conflicting fixed bits, ...).
    #[error("{path}:{line}: {msg}")]
    Semantic {
        path: String,
        line: u32,
        msg: String,
    },
}

impl Error {
    pub(crate) fn syntax(path: &str, line: u32, msg: impl Into<String>) -> Self {
        Error::Syntax {
            path: path.to_string(),
            line,
            msg: msg.into(),
        }
    }

    pub(crate) fn semantic(path: &str, line: u32, msg: impl Into<String>) -> Self {
        Error::Semantic {
            path: path.to_string(),
            line,
            msg: msg.into(),
        }
    }

    pub(crate) fn unknown(path: &str, line: u32, kind: &'static str, name: &str) -> Self {
        Error::Unknown {
            path: path.to_string(),
            line,
            kind,
            name: name.to_string(),
        }
    }
}
