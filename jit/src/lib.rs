//! Lockstep's Cranelift tier: predecoded ARM blocks (the interpreter's) compiled
//! to host code, linked to each other, and run with exactly the
//! interpreter's results.
//!
//! - `translate`: one block to Cranelift IR.
//! - `compile`: IR to machine code.
//! - `codemem`: executable memory the machine code is copied into.
//! - `runtime`: what compiled code sees (context, exits, the helper).
//! - `engine`: tiering, installation, linking, invalidation; implements
//!   `sim::engine::Engine`.

mod codemem;
mod compile;
mod engine;
mod runtime;
mod translate;

use thiserror::Error;

pub use compile::{host_isa, quick_isa, Code, Compiler};
pub use engine::{Jit, Tier, HOT_THRESHOLD};
pub use translate::{BlockIn, RegionIn, SLOTS};

#[derive(Debug, Error)]
pub enum JitError {
    #[error("cannot set up the code generator: {0}")]
    Setup(String),
    #[error("code generation failed: {0}")]
    Compile(String),
    #[error("cannot install compiled code: {0}")]
    Install(String),
}
