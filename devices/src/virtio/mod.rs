//! virtio over MMIO (virtio 1.1, 4.2: the "modern", version 2 register
//! layout), as QEMU's virt board places it: 32 transports of 0x200 bytes
//! from 0x0a00_0000, transport n on SPI 16+n. Empty transports answer
//! with device ID 0, so drivers can probe them all.
//!
//! - `queue`: split virtqueues in guest memory.
//! - `blk`: the block device, its host image on a backend thread.
//! - `transport`: the registers every device type shares (`Transport`);
//!   a device supplies its ID, features and configuration space.

pub mod blk;
pub mod queue;
mod transport;

pub use transport::*;
