//! The AArch32 user-level CPU state as one plain struct.
//!
//! `#[repr(C)]` because the Cranelift tier will address fields by offset.
//! Flags are kept unpacked (one word each, 0 or 1) since instructions set
//! them far more often than anything reads CPSR as a whole.

use super::{SysState, VfpRegs};

#[repr(C)]
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CpuState {
    /// R0-R15. R15 holds the address of the next instruction to fetch
    /// whenever control is outside an instruction.
    pub r: [u32; 16],
    pub n: u32,
    pub z: u32,
    pub c: u32,
    pub v: u32,
    /// Sticky saturation flag (CPSR.Q).
    pub q: u32,
    /// CPSR.GE[3:0], set by the parallel add/subtract instructions.
    pub ge: u32,
    /// CPSR.T: executing Thumb.
    pub thumb: bool,
    /// CPSR.IT[7:0], in the architecture's layout: base condition in 7:5
    /// plus the mask in 4:0. Zero outside an IT block.
    pub itstate: u8,
    pub vfp: VfpRegs,
    /// User read-only thread ID register (CP15 c13, c0, 3): the TLS pointer
    /// that Linux's set_tls sets.
    pub tpidruro: u32,
    /// User read/write thread ID register (CP15 c13, c0, 2).
    pub tpidrurw: u32,
    /// Local exclusive monitor: the address an LDREX* tagged, if open.
    pub excl_addr: Option<u32>,
    /// Retired instructions: guest time.
    pub icount: u64,
    /// Modelled cycles of the retired instructions beyond one each
    /// (`crate::cycles`; `cycles()` is the total). Kept as the excess so
    /// that compiled code running instructions of cost one, most of them,
    /// has nothing to count. A statistic, never an input to guest time.
    pub extra_cycles: u64,
    /// Modes, banked registers, SPSRs and CP15 (system mode only). Last,
    /// so compiled code's offsets into the fields above do not move.
    pub sys: SysState,
}

impl CpuState {
    pub fn new() -> Self {
        Self::default()
    }

    /// Modelled cycles of the instructions retired so far.
    pub fn cycles(&self) -> u64 {
        self.icount + self.extra_cycles
    }

    /// CPSR (in Linux user mode the mode bits read USR and A/I/F clear).
    pub fn cpsr(&self) -> u32 {
        let it = self.itstate as u32;
        (self.n << 31)
            | (self.z << 30)
            | (self.c << 29)
            | (self.v << 28)
            | (self.q << 27)
            | ((it & 3) << 25)
            | (self.ge << 16)
            | ((it >> 2) << 10)
            | ((self.thumb as u32) << 5)
            | self.cpsr_system_bits()
    }

    /// Writes the user-writable CPSR fields (APSR: NZCVQ and GE) under an
    /// MSR field mask (bit 3 = flags byte, bit 2 = GE byte).
    pub fn write_apsr(&mut self, value: u32, mask: u32) {
        if mask & 8 != 0 {
            self.n = value >> 31;
            self.z = (value >> 30) & 1;
            self.c = (value >> 29) & 1;
            self.v = (value >> 28) & 1;
            self.q = (value >> 27) & 1;
        }
        if mask & 4 != 0 {
            self.ge = (value >> 16) & 0xf;
        }
    }

    pub fn set_nz(&mut self, result: u32) {
        self.n = result >> 31;
        self.z = (result == 0) as u32;
    }

    /// A hash of the architectural state, for determinism checks.
    pub fn hash(&self) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut mix = |w: u64| {
            for b in w.to_le_bytes() {
                h ^= b as u64;
                h = h.wrapping_mul(0x100_0000_01b3);
            }
        };
        for &r in &self.r {
            mix(r as u64);
        }
        mix(self.cpsr() as u64);
        for &d in &self.vfp.d {
            mix(d);
        }
        mix(self.vfp.fpscr as u64);
        mix(self.tpidruro as u64);
        mix(self.icount);
        mix(self.extra_cycles);
        if self.sys.enabled {
            let s = &self.sys;
            for &w in
                s.sp.iter()
                    .chain(&s.lr)
                    .chain(&s.spsr)
                    .chain(&s.fiq_r8)
                    .chain(&s.usr_r8)
            {
                mix(w as u64);
            }
            let c = &s.cp15;
            for w in [
                c.sctlr, c.vbar, c.cpacr, c.ttbr0, c.ttbr1, c.ttbcr, c.dacr, c.tpidrprw,
            ] {
                mix(w as u64);
            }
        }
        h
    }
}
