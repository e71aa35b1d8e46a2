//! Lockstep's deterministic core: ARM decode, the reference interpreter,
//! CPU state, guest memory, guest time (clocks, the event queue, backend
//! completions) and Linux user mode. No host I/O happens here:
//! the user-mode system calls reach the host through the `linux::Host`
//! trait that the binary implements.

pub mod cpu;
pub mod cycles;
pub mod decode;
pub mod engine;
pub mod fp;
pub mod interp;
pub mod linux;
pub mod machine;
pub mod memory;
pub mod replay;
pub mod time;
