//! Record and replay (issue 6): what a recording holds and how it is read
//! and written.
//!
//! - `format`: the file format, its records and their checked encoding.
//! - `snapshot`: a machine's whole state as plain data, RAM compressed.

pub mod format;
pub mod snapshot;
