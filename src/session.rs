//! A system-mode run cut into slices: between slices the control socket
//! is served (stop, cont, query-status, savevm, quit) and progress is
//! drawn. Slicing changes nothing the guest sees: `Machine::run` stops
//! exactly at a tick and goes on from there as if it had not stopped.

use std::path::Path;

use anyhow::Result;
use devices::virt::VirtBoard;
use sim::machine::{Machine, MachineError, Stop};
use sim::replay::format::Header;

use crate::control::{Command, Control, Reply};
use crate::progress::Progress;

/// Ticks per slice: short enough that the socket answers within a few
/// milliseconds of host time, long enough to cost nothing.
const SLICE: u64 = 1 << 22;

pub struct Session<'a> {
    pub m: &'a mut Machine<VirtBoard>,
    control: Option<Control>,
    /// What snapshots written by `savevm` say they are of.
    header: Header,
    pub progress: Progress,
    /// The control socket asked to end the run.
    pub quit: bool,
    /// With a control socket, runs yield this often in host time, so
    /// commands are answered even while the guest idles for input.
    yield_every: Option<std::time::Duration>,
}

/// How long a command may wait for an answer while the guest runs.
const ANSWER_WITHIN: std::time::Duration = std::time::Duration::from_millis(20);

impl<'a> Session<'a> {
    pub fn new(
        m: &'a mut Machine<VirtBoard>,
        control: Option<&Path>,
        header: Header,
    ) -> Result<Self> {
        let control = control.map(Control::listen).transpose()?;
        if control.is_some() && !m.has_host_clock() {
            m.set_host_clock(crate::system::wall_clock());
        }
        Ok(Session {
            yield_every: control.as_ref().map(|_| ANSWER_WITHIN),
            m,
            control,
            header,
            progress: Progress::hidden(),
            quit: false,
        })
    }

    /// Runs to tick `target` (or a stop, or `quit`).
    pub fn run_to(&mut self, target: u64) -> Result<Stop, MachineError> {
        loop {
            let stop = self.run_for(target, self.yield_every)?;
            if stop != Stop::Limit || self.m.now() >= target || self.quit {
                return Ok(stop);
            }
        }
    }

    /// Runs towards tick `target` for at most about `host` of host time
    /// (the machine needs a host clock): `Stop::Limit` before `target`
    /// when the time is up.
    pub fn run_for(
        &mut self,
        target: u64,
        host: Option<std::time::Duration>,
    ) -> Result<Stop, MachineError> {
        let d = match (host, self.yield_every) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let Some(d) = d {
            self.m.yield_after(d.as_nanos() as u64);
        }
        loop {
            self.serve(false);
            if self.quit {
                return Ok(Stop::Limit);
            }
            let next = target.min(self.m.now().saturating_add(SLICE));
            let stop = self.m.run(next)?;
            // Output without a newline yet (a prompt) shows too.
            let _ = std::io::Write::flush(&mut std::io::stdout());
            self.progress.update(self.m.cpu.icount, self.m.now());
            if stop != Stop::Limit || self.m.now() >= target || self.m.now() < next {
                return Ok(stop);
            }
        }
    }

    /// Answers what the control socket has sent; while the machine is
    /// stopped, waits for commands (`paused`: it already is).
    fn serve(&mut self, mut paused: bool) {
        let Some(control) = &self.control else {
            return;
        };
        loop {
            let next = if paused {
                control.wait()
            } else {
                control.poll()
            };
            let Some((cmd, reply)) = next else {
                return;
            };
            let answer = match cmd {
                Command::Stop => {
                    paused = true;
                    Reply::Ok
                }
                Command::Cont => {
                    paused = false;
                    Reply::Ok
                }
                Command::QueryStatus => Reply::Status {
                    running: !paused,
                    icount: self.m.cpu.icount,
                    tick: self.m.now(),
                    pc: self.m.cpu.r[15],
                },
                Command::SaveVm(path) => match crate::snapfile::save(self.m, &self.header, &path) {
                    Ok(()) => Reply::Ok,
                    Err(e) => Reply::Error(format!("{e:#}")),
                },
                Command::Quit => {
                    self.quit = true;
                    paused = false;
                    Reply::Ok
                }
            };
            reply(answer);
            if !paused && self.quit {
                return;
            }
        }
    }
}
