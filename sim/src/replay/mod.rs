//! Record and replay (issue 6): what a recording holds and how it is read
//! and written.
//!
//! - `format`: the file format, its records and their checked encoding.

pub mod format;
