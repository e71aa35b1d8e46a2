//! CPU state and the architectural helpers every instruction class shares.

mod psr;
mod state;
mod sys;
mod vfpregs;

pub use psr::*;
pub use state::*;
pub use sys::*;
pub use vfpregs::*;
