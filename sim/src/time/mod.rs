//! Guest time and everything scheduled on it: the clocks, the event queue
//! with its timers and bottom halves, and completions from device backend
//! threads.
//!
//! Guest time is counted in ticks: instructions retired plus instructions'
//! worth of time skipped while the CPU idled (WFI). Every deadline is a
//! tick, so whatever runs on the queue runs at a tick fixed by the guest's
//! own execution, never by the host.

pub mod clock;
pub mod io;
pub mod queue;
pub mod realtime;

pub use clock::{ClockKind, HostClock, VirtualClock};
pub use io::{Backend, Io, IoError, IoState, Jitter, Reply, RequestId};
pub use queue::{BhId, BhKind, DeviceId, EventQueue, Fired, TimerId};
pub use realtime::RealtimeTimers;
