//! ARM semihosting (the "Semihosting for AArch32 and AArch64" spec, v2):
//! the calls a bare-metal program built for QEMU uses to print, read a
//! character, read clocks and exit.
//!
//! A call is `SVC 0x123456` (A32), `SVC 0xAB` or `BKPT 0xAB` (T32), or `HLT 0xF000` /
//! `HLT 0x3C`; R0 holds the operation, R1 its argument (often the address
//! of a parameter block of words) and the result goes back in R0.
//!
//! Clocks answer from virtual time, so they are deterministic: SYS_CLOCK
//! is centiseconds of virtual time, SYS_ELAPSED counts ticks. SYS_TIME
//! (seconds since the epoch) is a host input; until recording exists
//! (issue 6) it is the `Console`'s answer, which the binary takes from a
//! fixed epoch plus virtual time unless the user asks for the host's.

use super::{Board, Machine, Stop};

/// Where semihosting output goes and input comes from (the binary's
/// terminal, or a capture in tests).
pub trait Console {
    fn write(&mut self, bytes: &[u8]);
    /// One byte of input, read at tick `tick`; None at end of input.
    fn read_byte(&mut self, tick: u64) -> Option<u8>;
    /// Seconds since the Unix epoch at virtual time `ns`, tick `tick`
    /// (SYS_TIME).
    fn time(&mut self, tick: u64, ns: u64) -> u32;
    /// A message for the user about the run (not guest output).
    fn notice(&mut self, msg: &str);
}

/// The SYS_EXIT reason that means success (ADP_Stopped_ApplicationExit,
/// spec 6.5.2).
pub const APPLICATION_EXIT: u32 = 0x20026;

const SYS_OPEN: u32 = 0x01;
const SYS_CLOSE: u32 = 0x02;
const SYS_WRITEC: u32 = 0x03;
const SYS_WRITE0: u32 = 0x04;
const SYS_WRITE: u32 = 0x05;
const SYS_READ: u32 = 0x06;
const SYS_READC: u32 = 0x07;
const SYS_ISTTY: u32 = 0x09;
const SYS_CLOCK: u32 = 0x10;
const SYS_TIME: u32 = 0x11;
const SYS_ERRNO: u32 = 0x13;
const SYS_GET_CMDLINE: u32 = 0x15;
const SYS_HEAPINFO: u32 = 0x16;
const SYS_EXIT: u32 = 0x18;
const SYS_EXIT_EXTENDED: u32 = 0x20;
const SYS_ELAPSED: u32 = 0x30;
const SYS_TICKFREQ: u32 = 0x31;

pub(super) fn is_call_svc(imm: u32, thumb: bool) -> bool {
    imm == if thumb { 0xab } else { 0x12_3456 }
}

/// `BKPT 0xAB` in Thumb state: the M-profile convention, which
/// toolchains also emit for Thumb code on A-profile cores.
pub(super) fn is_call_bkpt(imm: u32, thumb: bool) -> bool {
    thumb && imm == 0xab
}

/// HLT (ARMv8 AArch32, UNDEFINED in ARMv7) with the semihosting
/// immediate: A32 `HLT #0xF000`, T32 `HLT #0x3C`.
pub(super) fn is_call_hlt(raw: u32, thumb: bool) -> bool {
    if thumb {
        raw == 0xbabc
    } else {
        raw & 0x0fff_fff0 == 0x010f_0070 && (raw >> 8 & 0xfff) << 4 | (raw & 0xf) == 0xf000
    }
}

impl<B: Board> Machine<B> {
    /// Serves the semihosting call in R0/R1 (the instruction has retired).
    pub(super) fn semihost(&mut self) -> Option<Stop> {
        let op = self.cpu.r[0];
        let arg = self.cpu.r[1];
        let tick = self.now();
        let word = |m: &Self, i: u32| m.mem.read_u32(arg.wrapping_add(4 * i)).unwrap_or(0);
        let r0: u32 = match op {
            SYS_WRITEC => {
                if let Ok(b) = self.mem.read_u8(arg) {
                    self.console.write(&[b]);
                }
                self.cpu.r[0]
            }
            SYS_WRITE0 => {
                let mut out = Vec::new();
                let mut a = arg;
                while let Ok(b) = self.mem.read_u8(a) {
                    if b == 0 || out.len() >= 1 << 20 {
                        break;
                    }
                    out.push(b);
                    a = a.wrapping_add(1);
                }
                self.console.write(&out);
                self.cpu.r[0]
            }
            SYS_WRITE => {
                let (buf, len) = (word(self, 1), word(self, 2));
                let mut out = vec![0u8; len.min(1 << 20) as usize];
                match self.mem.read_bytes(buf, &mut out) {
                    Ok(()) => {
                        self.console.write(&out);
                        len - out.len() as u32
                    }
                    Err(_) => len,
                }
            }
            SYS_READ => {
                let (buf, len) = (word(self, 1), word(self, 2));
                let mut n = 0;
                while n < len {
                    let Some(b) = self.console.read_byte(tick) else {
                        break;
                    };
                    if self.mem.write_u8(buf.wrapping_add(n), b).is_err() {
                        break;
                    }
                    n += 1;
                    if b == b'\n' {
                        break;
                    }
                }
                len - n
            }
            SYS_READC => self.console.read_byte(tick).map_or(u32::MAX, u32::from),
            // ":tt" is the only file: 0 for reading, 1 for writing.
            SYS_OPEN => u32::from(word(self, 1) >= 4),
            SYS_CLOSE => 0,
            SYS_ISTTY => 1,
            SYS_ERRNO => 0,
            SYS_CLOCK => {
                let ns = self.board.clock().ns(self.now());
                (ns / 10_000_000) as u32
            }
            SYS_TIME => {
                let ns = self.board.clock().ns(self.now());
                self.console.time(tick, ns)
            }
            // In nanoseconds of virtual time, the unit QEMU uses.
            SYS_ELAPSED => {
                let t = self.board.clock().ns(self.now());
                let _ = self.mem.write_u32(arg, t as u32);
                let _ = self.mem.write_u32(arg.wrapping_add(4), (t >> 32) as u32);
                0
            }
            SYS_TICKFREQ => 1_000_000_000,
            SYS_GET_CMDLINE => {
                // An empty command line.
                let (buf, len) = (word(self, 0), word(self, 1));
                if len > 0 && self.mem.write_u8(buf, 0).is_ok() {
                    let _ = self.mem.write_u32(arg.wrapping_add(4), 0);
                    0
                } else {
                    u32::MAX
                }
            }
            SYS_HEAPINFO => {
                // No heap or stack advice: the program's own linker
                // script decides.
                let block = word(self, 0);
                for i in 0..4 {
                    let _ = self.mem.write_u32(block.wrapping_add(4 * i), 0);
                }
                0
            }
            SYS_EXIT => {
                return Some(Stop::Exited(u32::from(arg != APPLICATION_EXIT)));
            }
            SYS_EXIT_EXTENDED => {
                let (reason, code) = (word(self, 0), word(self, 1));
                return Some(Stop::Exited(if reason == APPLICATION_EXIT {
                    code
                } else {
                    1
                }));
            }
            _ => u32::MAX,
        };
        self.cpu.r[0] = r0;
        None
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::cpu::CpuState;
    use crate::engine::Engine;
    use crate::interp::Interp;
    use crate::machine::{Board, Stop};
    use crate::memory::{perm, Bus, GuestMemory};
    use crate::time::{EventQueue, Fired};

    struct NoDevices(EventQueue);

    impl Bus for NoDevices {
        fn read(&mut self, _: u64, _: u32, _: u32) -> Option<u64> {
            None
        }
        fn write(&mut self, _: u64, _: u32, _: u32, _: u64) -> bool {
            false
        }
    }

    impl Board for NoDevices {
        fn queue(&mut self) -> &mut EventQueue {
            &mut self.0
        }
        fn fire(&mut self, _: Fired, _: u64, _: &mut GuestMemory) {}
        fn irq(&self) -> bool {
            false
        }
        fn clock(&self) -> crate::time::VirtualClock {
            crate::time::VirtualClock { shift: 0 }
        }
    }

    #[derive(Clone, Default)]
    struct Out(Arc<Mutex<Vec<u8>>>);

    impl Console for Out {
        fn write(&mut self, bytes: &[u8]) {
            self.0.lock().unwrap().extend_from_slice(bytes);
        }
        fn read_byte(&mut self, _: u64) -> Option<u8> {
            None
        }
        fn time(&mut self, _: u64, _: u64) -> u32 {
            0
        }
        fn notice(&mut self, _: &str) {}
    }

    /// The Thumb conventions, SVC 0xAB, BKPT 0xAB and HLT 0x3C, each print
    /// a character; SYS_EXIT with ApplicationExit ends the run with 0,
    /// having retired every instruction once.
    #[test]
    fn thumb_svc_bkpt_and_hlt_calls_are_served() {
        const CODE: u32 = 0x1000;
        let code: [u16; 9] = [
            0x2003, // movs r0, #3 (SYS_WRITEC)
            0xdfab, // svc 0xab
            0x2003, 0xbeab, // bkpt 0xab
            0x2003, 0xbabc, // hlt 0x3c
            0x2018, // movs r0, #0x18 (SYS_EXIT)
            0x4611, // mov r1, r2
            0xdfab, // svc 0xab
        ];
        let mut mem = GuestMemory::new().unwrap();
        mem.map(CODE, 0x1000, perm::RWX);
        let bytes: Vec<u8> = code.iter().flat_map(|h| h.to_le_bytes()).collect();
        mem.poke_bytes(CODE, &bytes).unwrap();
        mem.poke_bytes(CODE + 0x800, b"A").unwrap();
        let mut cpu = CpuState::system_reset(CODE);
        cpu.thumb = true;
        cpu.r[1] = CODE + 0x800;
        cpu.r[2] = APPLICATION_EXIT;
        let out = Out::default();
        let engine: Box<dyn Engine> = Box::new(Interp::new());
        let board = NoDevices(EventQueue::new());
        let mut m =
            crate::machine::Machine::new(cpu, mem, engine, board, true, Box::new(out.clone()));
        assert_eq!(m.run(1000), Ok(Stop::Exited(0)));
        assert_eq!(&*out.0.lock().unwrap(), b"AAA");
        assert_eq!(m.cpu.icount, 9);
    }
}
