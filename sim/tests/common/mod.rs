//! A tiny harness for the per-instruction-class tests: one code region
//! (RWX), one data page (RW), a CPU state to set up, and `Interp::run`
//! for exactly N instructions.
//!
//! Every encoding in the test files was produced by
//! `arm-linux-gnueabihf-as` (`.syntax unified`, `.arm` or `.thumb`) and
//! checked with `arm-linux-gnueabihf-objdump -d`; the comment beside each
//! word is the disassembly.

#![allow(dead_code)]

use sim::cpu::CpuState;
use sim::interp::{Exit, Interp};
use sim::memory::{perm, GuestMemory};

/// Code is loaded here; two pages, so that tests can place a second
/// routine (e.g. in the other instruction set) at `CODE2`.
pub const CODE: u32 = 0x0001_0000;
pub const CODE2: u32 = 0x0001_1000;
/// One read/write data page; SP starts in its middle.
pub const DATA: u32 = 0x0002_0000;
pub const SP: u32 = DATA + 0x800;
/// Nothing is mapped here.
pub const UNMAPPED: u32 = 0x5000_0000;

/// APSR flag bits as `CpuState::cpsr` shows them.
pub const N: u32 = 1 << 31;
pub const Z: u32 = 1 << 30;
pub const C: u32 = 1 << 29;
pub const V: u32 = 1 << 28;
pub const Q: u32 = 1 << 27;
pub const NZCVQ: u32 = N | Z | C | V | Q;

pub struct Machine {
    pub cpu: CpuState,
    pub mem: GuestMemory,
    pub interp: Interp,
}

impl Machine {
    /// Empty machine: code pages RWX, data page RW, PC at `CODE`, SP at `SP`.
    pub fn new() -> Self {
        let mut mem = GuestMemory::new().expect("reserve guest memory");
        mem.map(CODE, 0x2000, perm::RWX);
        mem.map(DATA, 0x1000, perm::RW);
        let mut cpu = CpuState::new();
        cpu.r[13] = SP;
        cpu.r[15] = CODE;
        Machine {
            cpu,
            mem,
            interp: Interp::new(),
        }
    }

    /// ARM code at `CODE`.
    pub fn arm(code: &[u32]) -> Self {
        let mut m = Self::new();
        m.load_arm(CODE, code);
        m
    }

    /// Thumb code (halfwords; a 32-bit instruction is two of them, first
    /// halfword first) at `CODE`, in Thumb state.
    pub fn thumb(code: &[u16]) -> Self {
        let mut m = Self::new();
        m.load_thumb(CODE, code);
        m.cpu.thumb = true;
        m
    }

    pub fn load_arm(&mut self, addr: u32, code: &[u32]) {
        for (i, w) in code.iter().enumerate() {
            self.mem
                .poke_bytes(addr + 4 * i as u32, &w.to_le_bytes())
                .unwrap();
        }
    }

    pub fn load_thumb(&mut self, addr: u32, code: &[u16]) {
        for (i, h) in code.iter().enumerate() {
            self.mem
                .poke_bytes(addr + 2 * i as u32, &h.to_le_bytes())
                .unwrap();
        }
    }

    /// Runs exactly `n` more instructions (unless something stops it
    /// first). A `Limit` exit must land on exactly that count.
    pub fn run(&mut self, n: u64) -> Exit {
        let limit = self.cpu.icount + n;
        let exit = self.interp.run(&mut self.cpu, &mut self.mem, limit);
        if exit == Exit::Limit {
            assert_eq!(
                self.cpu.icount, limit,
                "Limit exit must retire exactly n instructions"
            );
        }
        exit
    }

    pub fn flags(&self) -> u32 {
        flags(&self.cpu)
    }

    pub fn read32(&self, addr: u32) -> u32 {
        self.mem.read_u32(addr).unwrap()
    }

    pub fn write32(&mut self, addr: u32, v: u32) {
        self.mem.write_u32(addr, v).unwrap()
    }
}

impl Default for Machine {
    fn default() -> Self {
        Self::new()
    }
}

/// NZCVQ as they sit in the CPSR.
pub fn flags(cpu: &CpuState) -> u32 {
    cpu.cpsr() & NZCVQ
}

/// Sets NZCVQ from CPSR-layout bits.
pub fn set_flags(cpu: &mut CpuState, f: u32) {
    cpu.write_apsr(f, 8);
}

/// The word at DATA + off after `fill`: its bytes are off, off+1, ...
pub fn pattern(off: u32) -> u32 {
    u32::from_le_bytes([off as u8, (off + 1) as u8, (off + 2) as u8, (off + 3) as u8])
}

/// Fills the first 256 bytes of the data page with their own offsets.
pub fn fill(mem: &mut GuestMemory) {
    let bytes: Vec<u8> = (0..=255u8).collect();
    mem.write_bytes(DATA, &bytes).unwrap();
}

/// Runs `n` ARM instructions from `CODE` after `setup`.
pub fn run_arm(
    code: &[u32],
    n: u64,
    setup: impl FnOnce(&mut CpuState, &mut GuestMemory),
) -> (CpuState, GuestMemory, Exit) {
    let mut m = Machine::arm(code);
    setup(&mut m.cpu, &mut m.mem);
    let exit = m.run(n);
    (m.cpu, m.mem, exit)
}

/// Runs `n` Thumb instructions from `CODE` after `setup`.
pub fn run_thumb(
    code: &[u16],
    n: u64,
    setup: impl FnOnce(&mut CpuState, &mut GuestMemory),
) -> (CpuState, GuestMemory, Exit) {
    let mut m = Machine::thumb(code);
    setup(&mut m.cpu, &mut m.mem);
    let exit = m.run(n);
    (m.cpu, m.mem, exit)
}

/// Runs one ARM instruction with r0..r(k) preset; returns the CPU.
pub fn arm1(word: u32, regs: &[u32], flags_in: u32) -> CpuState {
    let (cpu, _, exit) = run_arm(&[word], 1, |c, _| {
        c.r[..regs.len()].copy_from_slice(regs);
        set_flags(c, flags_in);
    });
    assert_eq!(exit, Exit::Limit);
    assert_eq!(cpu.r[15], CODE + 4);
    cpu
}

/// Runs one Thumb instruction (one or two halfwords) with r0..r(k) preset.
pub fn thumb1(code: &[u16], regs: &[u32], flags_in: u32) -> CpuState {
    let (cpu, _, exit) = run_thumb(code, 1, |c, _| {
        c.r[..regs.len()].copy_from_slice(regs);
        set_flags(c, flags_in);
    });
    assert_eq!(exit, Exit::Limit);
    assert_eq!(cpu.r[15], CODE + 2 * code.len() as u32);
    cpu
}

/// FPSCR.QC, set by saturating Neon instructions.
pub const FPSCR_QC: u32 = 1 << 27;

/// The T32 form of an A32 Advanced SIMD data-processing word: 1111 001U
/// becomes 111U 1111 (A7.4), first halfword first.
pub fn neon_dp_t32(a32: u32) -> [u16; 2] {
    let u = (a32 >> 24) & 1;
    let w = 0xef00_0000 | u << 28 | (a32 & 0x00ff_ffff);
    [(w >> 16) as u16, w as u16]
}

/// Runs one Advanced SIMD data-processing instruction, given in its A32
/// form, as A32 or as T32, from the given D registers and FPSCR.
pub fn run_neon(word: u32, thumb: bool, d: &[u64; 32], fpscr: u32) -> (Exit, [u64; 32], u32) {
    let mut m = if thumb {
        Machine::thumb(&neon_dp_t32(word))
    } else {
        Machine::arm(&[word])
    };
    m.cpu.vfp.d = *d;
    m.cpu.vfp.fpscr = fpscr;
    let exit = m.run(1);
    (exit, m.cpu.vfp.d, m.cpu.vfp.fpscr)
}

/// Compares a run with a model's prediction: `None` means UNDEFINED,
/// otherwise the D registers and whether QC was set.
pub fn check_neon_outcome(
    what: &str,
    (exit, regs, fpscr): (Exit, [u64; 32], u32),
    expect: &Option<([u64; 32], bool)>,
) -> Result<(), String> {
    match expect {
        None => {
            if !matches!(exit, Exit::Undefined { .. }) {
                return Err(format!("{what}: expected UNDEFINED, got {exit:?}"));
            }
        }
        Some((want, qc)) => {
            if exit != Exit::Limit {
                return Err(format!("{what}: stopped with {exit:?}"));
            }
            if &regs != want {
                let diff: Vec<String> = (0..32)
                    .filter(|&i| regs[i] != want[i])
                    .map(|i| format!("d{i}: got {:016x} want {:016x}", regs[i], want[i]))
                    .collect();
                return Err(format!("{what}: {}", diff.join(", ")));
            }
            if (fpscr & FPSCR_QC != 0) != *qc {
                return Err(format!("{what}: QC {} want {qc}", fpscr & FPSCR_QC != 0));
            }
        }
    }
    Ok(())
}
