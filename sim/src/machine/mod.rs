//! A system-mode machine: the CPU, guest memory, an execution engine and a
//! board (its devices and the event queue), run so that every device
//! event, register access and interrupt lands at a tick fixed by the
//! guest's own execution (`../shared/design.md`, "The rules").
//!
//! The loop: fire what is due at the current tick, take a pending
//! unmasked interrupt, then let the engine run exactly up to the next
//! deadline. What stops the engine early is handled here and the loop goes
//! on: an access to device registers is re-run as one instruction with the
//! bus lent at its exact tick; SVC, UNDEFINED, aborts and BKPT become
//! exceptions (or semihosting calls); WFI skips idle time to the next
//! deadline at once.

mod semihost;

pub use semihost::{Console, APPLICATION_EXIT};

use thiserror::Error;

use crate::cpu::SysState;
use crate::cpu::{CpuState, Exception};
use crate::engine::Engine;
use crate::interp::Exit;
use crate::memory::{perm, Access, Bus, Fault, GuestMemory};
use crate::time::{DeviceId, EventQueue, Fired, HostClock, RealtimeTimers, TimerId, VirtualClock};

/// The devices of a machine, with their event queue.
pub trait Board: Bus {
    fn queue(&mut self) -> &mut EventQueue;
    /// An entry of one of the board's devices came due at tick `now`.
    /// Devices that do DMA reach guest memory through `mem` (only here,
    /// at a tick the queue fixed).
    fn fire(&mut self, fired: Fired, now: u64, mem: &mut GuestMemory);
    /// Level of the core's IRQ input.
    fn irq(&self) -> bool;
    /// Level of the core's FIQ input.
    fn fiq(&self) -> bool {
        false
    }
    /// The board's virtual clock: ticks to virtual nanoseconds.
    fn clock(&self) -> VirtualClock;
    /// The core's generic timer outputs (physical, virtual), levels.
    fn timer_lines(&mut self, _phys: bool, _virt: bool) {}
    /// The core idles (WFI) from `now` to the next deadline. A board
    /// whose only pending work is polling host input may block here for a
    /// while (bounded: host-time limits are checked between calls) until
    /// input comes, rather than let an idle guest spin through virtual
    /// time; what it receives still lands at the poll's tick.
    fn idle(&mut self, _now: u64) {}
    /// The board's state as plain data: every device's, with its timers,
    /// line levels and backend requests in flight (waited for first), and
    /// the event queue's (`sim::replay::snapshot`).
    fn save(&mut self) -> Result<serde_json::Value, String> {
        Err("this board has no snapshot support".into())
    }
    /// Takes `save`'s result into a board built with the same
    /// configuration. Each device restores only its own part.
    fn restore(&mut self, _state: &serde_json::Value) -> Result<(), String> {
        Err("this board has no snapshot support".into())
    }
}

/// The owner of the machine's own event-queue entries (the core's generic
/// timers).
const CORE: DeviceId = DeviceId(u16::MAX);

/// Something that happened to the guest at a tick (`Machine::log`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// A device's timer, bottom half or backend completion ran.
    Device(Fired),
    /// The core took an interrupt exception.
    Interrupt { tick: u64, exception: Exception },
}

/// Why `Machine::run` returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The tick limit was reached exactly, or a host-time yield
    /// (`yield_after`) came before it.
    Limit,
    /// The guest exited through semihosting with this status.
    Exited(u32),
    /// WFI with interrupts that can never come: nothing is scheduled.
    Idle,
    /// The host-time limit (`set_host_timeout`) passed.
    HostTimeout,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum MachineError {
    /// Taking an exception faulted on its own vector: without a vector
    /// table the guest would loop forever.
    #[error("{exception:?} exception at icount {icount}: its vector {vector:#010x} cannot be fetched (no vector table there)")]
    VectorFault {
        exception: Exception,
        vector: u32,
        icount: u64,
    },
}

pub struct Machine<B: Board> {
    pub cpu: CpuState,
    pub mem: GuestMemory,
    pub engine: Box<dyn Engine>,
    pub board: B,
    /// Semihosting calls are served (`--semihosting`); otherwise their
    /// SVCs are ordinary exceptions.
    pub semihosting: bool,
    pub console: Box<dyn Console>,
    /// Exceptions taken (statistics).
    pub exceptions: u64,
    /// The user was told about an unserved semihosting call.
    semihost_noted: bool,
    /// Queue timers for the core's physical and virtual generic timers,
    /// made on the first run.
    cpu_timers: Option<[TimerId; 2]>,
    /// Every device event and interrupt, in order, when asked for
    /// (`log_events`): what determinism tests compare.
    log: Option<Vec<Event>>,
    /// Only bottom halves and backend completions are logged
    /// (`log_io_events`): what a recording keeps.
    log_io_only: bool,
    /// Host-time timers (a wall-clock timeout) and the clock that reads
    /// them; they only decide when a run stops, never what it computes.
    realtime: RealtimeTimers,
    host: Option<Box<dyn HostClock>>,
    /// The core is in WFI, waiting for an interrupt: a run that stopped
    /// at its limit while the core slept goes on sleeping, so cutting a
    /// run into slices (checkpoints, snapshots, the control socket)
    /// changes nothing.
    asleep: bool,
    /// The tick at or after which host-time timers are next checked.
    next_host_check: u64,
}

/// What a snapshot keeps of the machine itself, beside the CPU, memory
/// and board.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MachineState {
    pub cpu_timers: Option<[TimerId; 2]>,
    pub asleep: bool,
    pub exceptions: u64,
}

/// The tag of the host-time timeout.
const HOST_TIMEOUT: u32 = 0;
/// The tag of a host-time yield (`yield_after`).
const HOST_YIELD: u32 = 1;
/// While host-time timers are pending, the engine comes back at least
/// this often to let them be checked (where it stops changes nothing).
const HOST_POLL_TICKS: u64 = 1 << 22;

impl<B: Board> Machine<B> {
    pub fn new(
        cpu: CpuState,
        mem: GuestMemory,
        engine: Box<dyn Engine>,
        board: B,
        semihosting: bool,
        console: Box<dyn Console>,
    ) -> Self {
        Machine {
            cpu,
            mem,
            engine,
            board,
            semihosting,
            console,
            exceptions: 0,
            semihost_noted: false,
            cpu_timers: None,
            log: None,
            log_io_only: false,
            realtime: RealtimeTimers::new(),
            host: None,
            asleep: false,
            next_host_check: 0,
        }
    }

    /// The machine's own state (not the CPU's, memory's or board's).
    pub fn state(&self) -> MachineState {
        MachineState {
            cpu_timers: self.cpu_timers,
            asleep: self.asleep,
            exceptions: self.exceptions,
        }
    }

    /// Takes a snapshot's machine state; refused if its generic-timer
    /// ids are not timers of this board's queue (a foreign snapshot).
    pub fn set_state(&mut self, s: MachineState) -> Result<(), String> {
        if let Some(ids) = s.cpu_timers {
            if !ids.iter().all(|&id| self.board.queue().has_timer(id)) {
                return Err("the snapshot's generic timers are not this machine's".into());
            }
        }
        self.cpu_timers = s.cpu_timers;
        self.asleep = s.asleep;
        self.exceptions = s.exceptions;
        Ok(())
    }

    /// Stops `run` with `Stop::HostTimeout` once `ns` of host time have
    /// passed on `clock` (read between engine runs).
    pub fn set_host_timeout(&mut self, clock: Box<dyn HostClock>, ns: u64) {
        self.realtime
            .arm(clock.monotonic_ns().saturating_add(ns), HOST_TIMEOUT);
        self.host = Some(clock);
    }

    pub fn has_host_clock(&self) -> bool {
        self.host.is_some()
    }

    /// The host clock that host-time limits and yields are read from.
    pub fn set_host_clock(&mut self, clock: Box<dyn HostClock>) {
        self.host = Some(clock);
    }

    /// Makes `run` return (`Stop::Limit`, before its limit) once `ns` of
    /// host time have passed, so a caller can do host work (flush a
    /// recording) on a bounded schedule even while the guest idles for
    /// input. Where the run stops changes nothing the guest sees. Needs a
    /// host clock (`set_host_clock`).
    pub fn yield_after(&mut self, ns: u64) {
        if let Some(h) = &self.host {
            // One yield at a time: a stale one would cut the next run short.
            self.realtime.cancel(HOST_YIELD);
            self.realtime
                .arm(h.monotonic_ns().saturating_add(ns), HOST_YIELD);
        }
    }

    /// A host-time timer that has come due: the timeout or a yield.
    fn host_due(&mut self) -> Option<Stop> {
        let host = self.host.as_ref()?;
        match self.realtime.pop_due(host.monotonic_ns())? {
            HOST_TIMEOUT => Some(Stop::HostTimeout),
            _ => Some(Stop::Limit),
        }
    }

    /// Keeps a log of device events and interrupts from now on.
    pub fn log_events(&mut self) {
        self.log.get_or_insert_with(Vec::new);
    }

    /// Keeps a log of bottom halves and backend completions only (timers
    /// and interrupts, which are many, are left out).
    pub fn log_io_events(&mut self) {
        self.log_io_only = true;
        self.log_events();
    }

    /// The events logged so far (empty unless `log_events`).
    pub fn events(&self) -> &[Event] {
        self.log.as_deref().unwrap_or(&[])
    }

    /// Takes the events logged so far; logging goes on.
    pub fn take_events(&mut self) -> Vec<Event> {
        self.log.as_mut().map(std::mem::take).unwrap_or_default()
    }

    /// The current tick.
    pub fn now(&self) -> u64 {
        self.cpu.ticks()
    }

    /// Re-arms the queue timers for the core's generic timers and passes
    /// their levels to the board, after anything that may have changed
    /// them (a timer register write, a compare value coming due).
    fn sync_cpu_timers(&mut self) {
        let timers = match self.cpu_timers {
            Some(t) => t,
            None => {
                let q = self.board.queue();
                let t = [q.new_timer(CORE, 0), q.new_timer(CORE, 1)];
                self.cpu_timers = Some(t);
                t
            }
        };
        let now = self.cpu.counter();
        let c = &self.cpu.sys.cp15;
        let mut lines = [false; 2];
        for (i, (ctl, cval)) in [(c.cntp_ctl, c.cntp_cval), (c.cntv_ctl, c.cntv_cval)]
            .into_iter()
            .enumerate()
        {
            let (met, irq) = SysState::timer_status(ctl, cval, now);
            lines[i] = irq;
            let q = self.board.queue();
            if ctl & crate::cpu::cntctl::ENABLE != 0 && !met {
                q.arm(timers[i], self.cpu.counter_tick(cval));
            } else {
                q.cancel(timers[i]);
            }
        }
        self.board.timer_lines(lines[0], lines[1]);
    }

    /// Runs until tick `limit`, a semihosting exit, or an idle core with
    /// nothing scheduled.
    pub fn run(&mut self, limit: u64) -> Result<Stop, MachineError> {
        self.cpu.sys.ns_shift = self.board.clock().shift;
        if self.cpu.sys.cp15.cntfrq == 0 {
            // What firmware would have set (and QEMU's cores reset to).
            self.cpu.sys.cp15.cntfrq = crate::cpu::COUNTER_HZ;
        }
        loop {
            let now = self.now();
            self.fire_due();
            self.interrupt()?;
            if self.asleep {
                if let Some(stop) = self.sleep(limit) {
                    return Ok(stop);
                }
                if self.asleep {
                    // Still asleep at the limit or a host-time deadline.
                    if let Some(stop) = self.host_due() {
                        return Ok(stop);
                    }
                    if self.now() >= limit {
                        return Ok(Stop::Limit);
                    }
                }
                continue;
            }
            if now >= limit {
                return Ok(Stop::Limit);
            }
            let mut deadline = self
                .board
                .queue()
                .next_deadline()
                .unwrap_or(u64::MAX)
                .min(limit);
            if self.host.is_some() && !self.realtime.is_empty() {
                // Reading the host clock costs more than a short engine
                // run: only once per HOST_POLL_TICKS.
                if now >= self.next_host_check {
                    if let Some(stop) = self.host_due() {
                        return Ok(stop);
                    }
                    self.next_host_check = now.saturating_add(HOST_POLL_TICKS);
                }
                deadline = deadline.min(self.next_host_check);
            }
            let icount_limit = deadline - self.cpu.sys.idle;
            let exit = self.engine.run(&mut self.cpu, &mut self.mem, icount_limit);
            if let Some(stop) = self.handle(exit, limit)? {
                return Ok(stop);
            }
        }
    }

    /// Runs every queue entry due at the current tick.
    fn fire_due(&mut self) {
        let now = self.now();
        while let Some(f) = self.board.queue().pop_due(now) {
            if let Some(log) = &mut self.log {
                if !self.log_io_only || !matches!(f, Fired::Timer { .. }) {
                    log.push(Event::Device(f));
                }
            }
            match f {
                Fired::Timer { owner: CORE, .. } => self.sync_cpu_timers(),
                f => self.board.fire(f, now, &mut self.mem),
            }
        }
    }

    /// WFI: the core sleeps until an interrupt is pending (B1.8.13: even
    /// a masked one wakes it), skipping idle time from deadline to
    /// deadline and running what comes due on the way. No guest
    /// instruction runs in between, so events that raise nothing (an
    /// input poll that found nothing) leave no trace in the guest.
    fn sleep(&mut self, limit: u64) -> Option<Stop> {
        self.asleep = true;
        loop {
            if self.board.irq() || self.board.fiq() {
                self.asleep = false;
                return None;
            }
            let now = self.now();
            let host_due = match &self.host {
                Some(h) => self.realtime.due(h.monotonic_ns()),
                None => false,
            };
            if now >= limit || host_due {
                return None;
            }
            self.board.idle(now);
            match self.board.queue().next_deadline() {
                None => {
                    self.asleep = false;
                    return Some(Stop::Idle);
                }
                Some(d) => {
                    self.cpu.sys.idle += d.min(limit).saturating_sub(now);
                    self.fire_due();
                }
            }
        }
    }

    /// Takes a pending interrupt that is not masked (FIQ first).
    fn interrupt(&mut self) -> Result<(), MachineError> {
        let e = if self.board.fiq() && !self.cpu.sys.f {
            Exception::Fiq
        } else if self.board.irq() && !self.cpu.sys.i {
            Exception::Irq
        } else {
            return Ok(());
        };
        // The preferred return address is the next instruction to run.
        let ret = self.cpu.r[15];
        let tick = self.now();
        if let Some(log) = self.log.as_mut().filter(|_| !self.log_io_only) {
            log.push(Event::Interrupt { tick, exception: e });
        }
        self.exception(e, ret)
    }

    fn exception(&mut self, e: Exception, ret: u32) -> Result<(), MachineError> {
        self.exceptions += 1;
        self.cpu.take_exception(e, ret);
        let vector = self.cpu.r[15];
        let fetch = if self.cpu.thumb {
            self.mem.fetch16(vector).map(|_| ())
        } else {
            self.mem.fetch32(vector).map(|_| ())
        };
        if fetch.is_err() {
            return Err(MachineError::VectorFault {
                exception: e,
                vector,
                icount: self.cpu.icount,
            });
        }
        Ok(())
    }

    /// Handles an engine exit other than reaching the deadline.
    fn handle(&mut self, exit: Exit, limit: u64) -> Result<Option<Stop>, MachineError> {
        match exit {
            // `run`'s loop takes an interrupt that became due.
            Exit::Limit | Exit::Unmasked => {}
            Exit::NeedsTick => {
                // Run it alone, where icount is exact in every tier, then
                // follow what it did to the timers.
                self.cpu.sys.exact = true;
                let one = self.cpu.icount + 1;
                let exit = self.engine.run(&mut self.cpu, &mut self.mem, one);
                self.cpu.sys.exact = false;
                self.sync_cpu_timers();
                return self.handle(exit, limit);
            }
            Exit::Wfi => return Ok(self.sleep(limit)),
            Exit::Fault { pc, fault } if self.mem.perms(fault.addr) & perm::IO != 0 => {
                return self.io_step(pc, fault, limit);
            }
            Exit::Fault { pc, fault } => self.abort(pc, fault)?,
            Exit::Svc(imm) => {
                if semihost::is_call_svc(imm, self.cpu.thumb) {
                    if self.semihosting {
                        return Ok(self.semihost());
                    }
                    if !std::mem::replace(&mut self.semihost_noted, true) {
                        let msg = format!(
                            "the guest made a semihosting call (SVC {imm:#x}) at pc {:#010x}, icount {}; it is taken as an ordinary SVC exception (--semihosting serves it)",
                            self.cpu.r[15].wrapping_sub(if self.cpu.thumb { 2 } else { 4 }),
                            self.cpu.icount
                        );
                        self.console.notice(&msg);
                    }
                }
                // SVC retired: PC is the next instruction.
                let ret = self.cpu.r[15];
                self.exception(Exception::SupervisorCall, ret)?;
            }
            Exit::Undefined {
                pc,
                raw,
                len,
                thumb,
            } => {
                if self.semihosting && semihost::is_call_hlt(raw, thumb) {
                    self.cpu.r[15] = pc.wrapping_add(len as u32);
                    self.cpu.icount += 1;
                    return Ok(self.semihost());
                }
                self.exception(Exception::Undefined, pc.wrapping_add(len as u32))?;
            }
            Exit::Bkpt(imm) if self.semihosting && semihost::is_call_bkpt(imm, self.cpu.thumb) => {
                // BKPT has not retired (PC at it): the call completes it.
                self.cpu.r[15] = self.cpu.r[15].wrapping_add(2);
                self.cpu.icount += 1;
                return Ok(self.semihost());
            }
            Exit::Bkpt(_) => {
                // A debug event with no debugger: a prefetch abort
                // (IFSR: debug event).
                let pc = self.cpu.r[15];
                self.cpu.sys.cp15.ifsr = 0x2;
                self.exception(Exception::PrefetchAbort, pc)?;
            }
        }
        Ok(None)
    }

    /// Re-runs the instruction at `pc`, which touched device registers, as
    /// one instruction with the bus lent at the current tick.
    fn io_step(&mut self, pc: u32, fault: Fault, limit: u64) -> Result<Option<Stop>, MachineError> {
        debug_assert_eq!(self.cpu.r[15], pc);
        let now = self.now();
        let one = self.cpu.icount + 1;
        let (cpu, engine) = (&mut self.cpu, &mut self.engine);
        let exit = self
            .mem
            .with_io(&mut self.board, now, |mem| engine.run(cpu, mem, one));
        match exit {
            // The same access again: the device refused it (bus error).
            Exit::Fault { pc: p, fault: f } if p == pc && f == fault => {
                self.abort(pc, fault)?;
                Ok(None)
            }
            other => self.handle(other, limit),
        }
    }

    /// A refused access becomes an abort: synchronous external abort
    /// status, as a bus with nothing at that address answers (there is no
    /// MMU yet to give translation faults).
    fn abort(&mut self, pc: u32, fault: Fault) -> Result<(), MachineError> {
        const EXTERNAL: u32 = 0x8;
        let cp = &mut self.cpu.sys.cp15;
        if fault.access == Access::Exec {
            cp.ifsr = EXTERNAL;
            cp.ifar = fault.addr;
            self.exception(Exception::PrefetchAbort, pc)
        } else {
            let wnr = if fault.access == Access::Write {
                1 << 11
            } else {
                0
            };
            cp.dfsr = EXTERNAL | wnr;
            cp.dfar = fault.addr;
            self.exception(Exception::DataAbort, pc)
        }
    }
}
