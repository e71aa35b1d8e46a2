//! Linux user mode: run a static ARM executable as a process, with the
//! kernel's system calls emulated over a `Host`.
//!
//! What the guest sees of time and randomness is deterministic unless the
//! options ask for the host clock: the clocks advance with the retired
//! instruction count, and random bytes come from a seeded generator.

mod abi;
mod files;
mod fork;
mod host;
mod loader;
mod process;
mod syscall;

pub use host::{DirEntry, FileStat, Handle, Host, HostResult, OpenFlags};
pub use loader::{load_elf, LoadError, Loaded, HWCAP, STACK_TOP};
pub use process::{Options, Process, RunEnd, RunError};
