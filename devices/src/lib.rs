//! Device models for system mode, and the `virt` board that wires them.
//! Devices see only `sim`'s interfaces (the bus, the event queue, the
//! clocks); their host side (a terminal, files) arrives as a backend.
//!
//! - `pl011`: the UART.
//! - `virt`: QEMU virt's memory map, RAM and the devices on it.

pub mod gic;
pub mod hex;
pub mod pl011;
pub mod pl031;
pub mod sp804;
pub mod virt;
pub mod virtio;
