//! System-level CPU state: processor modes with their banked registers,
//! CPSR's privileged fields, the SPSRs, exception entry and return (ARM
//! ARM v7-A, B1.3 "Processor modes and ARM core registers", B1.8
//! "Exception handling").
//!
//! `CpuState::r` always holds the current mode's view of R0-R15; the other
//! modes' copies of R13/R14 (and FIQ's R8-R12) wait here and are swapped
//! in by `set_mode`, so instructions and compiled code never look at a
//! mode. In Linux user mode `SysState::enabled` is false: the core stays in
//! User mode and every privileged operation is UNDEFINED, as before.
//!
//! The model has neither the Security nor the Virtualization Extensions
//! (no Monitor or Hyp mode), as a Cortex-A15 configured without them.

use super::CpuState;
use crate::time::VirtualClock;

/// CPSR.M values of the modes this core has.
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Mode {
    #[default]
    Usr = 0x10,
    Fiq = 0x11,
    Irq = 0x12,
    Svc = 0x13,
    Abt = 0x17,
    Und = 0x1b,
    Sys = 0x1f,
}

impl Mode {
    /// The mode with CPSR.M = `m` (low five bits); None for encodings
    /// this core does not have (writing one is UNPREDICTABLE; callers
    /// ignore such a write).
    pub fn from_bits(m: u32) -> Option<Mode> {
        Some(match m & 0x1f {
            0x10 => Mode::Usr,
            0x11 => Mode::Fiq,
            0x12 => Mode::Irq,
            0x13 => Mode::Svc,
            0x17 => Mode::Abt,
            0x1b => Mode::Und,
            0x1f => Mode::Sys,
            _ => return None,
        })
    }

    /// Which copy of R13/R14 (and SPSR) the mode uses: User and System
    /// share one.
    pub fn bank(self) -> usize {
        match self {
            Mode::Usr | Mode::Sys => 0,
            Mode::Svc => 1,
            Mode::Abt => 2,
            Mode::Und => 3,
            Mode::Irq => 4,
            Mode::Fiq => 5,
        }
    }

    pub fn privileged(self) -> bool {
        self != Mode::Usr
    }
}

/// The exceptions of B1.8.1, with what their entry needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exception {
    Reset,
    Undefined,
    SupervisorCall,
    PrefetchAbort,
    DataAbort,
    Irq,
    Fiq,
}

impl Exception {
    /// Offset in the vector table (B1.8.1, table B1-3).
    pub fn vector(self) -> u32 {
        match self {
            Exception::Reset => 0x00,
            Exception::Undefined => 0x04,
            Exception::SupervisorCall => 0x08,
            Exception::PrefetchAbort => 0x0c,
            Exception::DataAbort => 0x10,
            Exception::Irq => 0x18,
            Exception::Fiq => 0x1c,
        }
    }

    fn mode(self) -> Mode {
        match self {
            Exception::Reset | Exception::SupervisorCall => Mode::Svc,
            Exception::Undefined => Mode::Und,
            Exception::PrefetchAbort | Exception::DataAbort => Mode::Abt,
            Exception::Irq => Mode::Irq,
            Exception::Fiq => Mode::Fiq,
        }
    }
}

/// SCTLR bits the core acts on (B4.1.130).
pub mod sctlr {
    /// Alignment checking.
    pub const A: u32 = 1 << 1;
    /// High exception vectors (0xffff0000) instead of VBAR.
    pub const V: u32 = 1 << 13;
    /// Exceptions are taken in Thumb state.
    pub const TE: u32 = 1 << 30;
    /// Value out of reset: the RES1 bits of a Cortex-A15 (0x00c50078).
    pub const RESET: u32 = 0x00c5_0078;
}

/// The CP15 registers a bare-metal program and a kernel's early boot
/// touch. Identification registers are constants of the modelled core
/// (`cp15` in `interp/misc.rs` answers them); these are the writable
/// ones.
#[repr(C)]
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Cp15 {
    pub sctlr: u32,
    pub actlr: u32,
    pub cpacr: u32,
    pub vbar: u32,
    pub ttbr0: u32,
    pub ttbr1: u32,
    pub ttbcr: u32,
    pub dacr: u32,
    pub dfsr: u32,
    pub ifsr: u32,
    pub dfar: u32,
    pub ifar: u32,
    pub prrr: u32,
    pub nmrr: u32,
    pub contextidr: u32,
    /// PL1-only thread ID register (TPIDRPRW).
    pub tpidrprw: u32,
    /// Cache size selection (CSSELR): which CCSIDR reads return.
    pub csselr: u32,
    /// The generic timer (B8): counter frequency (the machine sets it to
    /// ticks per second, so the counter is the tick count), PL0 access
    /// control, and the physical and virtual timers' control and compare
    /// values. CNTVOFF is zero (no Virtualization Extensions).
    pub cntfrq: u32,
    pub cntkctl: u32,
    pub cntp_ctl: u32,
    pub cntp_cval: u64,
    pub cntv_ctl: u32,
    pub cntv_cval: u64,
}

impl Default for Cp15 {
    fn default() -> Self {
        Cp15 {
            sctlr: sctlr::RESET,
            actlr: 0,
            cpacr: 0,
            vbar: 0,
            ttbr0: 0,
            ttbr1: 0,
            ttbcr: 0,
            dacr: 0,
            dfsr: 0,
            ifsr: 0,
            dfar: 0,
            ifar: 0,
            // The reset values the architecture gives (B4.1.127, B4.1.111).
            prrr: 0x0009_8aa4,
            nmrr: 0x44e0_48e0,
            contextidr: 0,
            tpidrprw: 0,
            csselr: 0,
            cntfrq: 0,
            cntkctl: 0,
            cntp_ctl: 0,
            cntp_cval: 0,
            cntv_ctl: 0,
            cntv_cval: 0,
        }
    }
}

#[repr(C)]
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SysState {
    /// System mode is on: modes, exceptions and CP15 exist. Off in Linux
    /// user mode.
    pub enabled: bool,
    pub mode: Mode,
    /// CPSR.A, I, F: asynchronous abort, IRQ and FIQ masked.
    pub a: bool,
    pub i: bool,
    pub f: bool,
    /// R13 and R14 of each bank (see `Mode::bank`) while it is not
    /// current.
    pub sp: [u32; 6],
    pub lr: [u32; 6],
    /// SPSR of each bank (bank 0, User/System, has none).
    pub spsr: [u32; 6],
    /// R8-R12 of FIQ mode while another mode runs, and of the other modes
    /// while FIQ runs.
    pub fiq_r8: [u32; 5],
    pub usr_r8: [u32; 5],
    pub cp15: Cp15,
    /// The event register WFE consumes and SEV sets.
    pub event: bool,
    /// Ticks skipped while the core waited in WFI: guest time (and the
    /// generic timer's count) is icount plus this.
    pub idle: u64,
    /// Virtual ns per tick, as a shift (the board clock's, set by the
    /// machine): the generic timer counts virtual time.
    pub ns_shift: u32,
    /// Set by the machine while it runs one instruction whose result
    /// depends on the exact tick (a generic timer access): only then is
    /// `icount` exact inside an instruction in every tier.
    pub exact: bool,
}

/// The generic timer's count rate: 62.5 MHz (16 ns a count), the
/// frequency QEMU gives its Cortex-A cores, so guests that read CNTFRQ or
/// raw counts see what they see on `qemu-system-arm -M virt`.
pub const COUNTER_HZ: u32 = 62_500_000;
const COUNTER_NS: u64 = 16;

/// Generic timer control bits (CNTP_CTL, CNTV_CTL).
pub mod cntctl {
    pub const ENABLE: u32 = 1 << 0;
    pub const IMASK: u32 = 1 << 1;
    pub const ISTATUS: u32 = 1 << 2;
}

impl SysState {
    /// Whether a timer with control `ctl` and compare value `cval` fires
    /// at count `now` (its ISTATUS), and whether it drives its interrupt.
    pub fn timer_status(ctl: u32, cval: u64, now: u64) -> (bool, bool) {
        let met = ctl & cntctl::ENABLE != 0 && now >= cval;
        (met, met && ctl & cntctl::IMASK == 0)
    }
}

/// CPSR bit positions (B1.3.3).
const CPSR_A: u32 = 1 << 8;
const CPSR_I: u32 = 1 << 7;
const CPSR_F: u32 = 1 << 6;
const CPSR_T: u32 = 1 << 5;

impl CpuState {
    /// A core out of reset in system mode: Supervisor, A/I/F masked, ARM
    /// state, SCTLR at its reset value, PC at `entry`.
    pub fn system_reset(entry: u32) -> CpuState {
        let mut cpu = CpuState::new();
        cpu.sys.enabled = true;
        cpu.sys.mode = Mode::Svc;
        cpu.sys.a = true;
        cpu.sys.i = true;
        cpu.sys.f = true;
        cpu.r[15] = entry;
        cpu
    }

    /// Guest time in ticks: instructions retired plus idle time. Exact
    /// inside an instruction only while `sys.exact` is set.
    pub fn ticks(&self) -> u64 {
        self.icount + self.sys.idle
    }

    /// The generic timer's count (CNTPCT = CNTVCT): virtual time in 16 ns
    /// units. Exact inside an instruction only while `sys.exact` is set.
    pub fn counter(&self) -> u64 {
        let ns = VirtualClock {
            shift: self.sys.ns_shift,
        }
        .ns(self.ticks());
        ns / COUNTER_NS
    }

    /// The first tick at which the count reaches `count`: where a compare
    /// value comes due.
    pub fn counter_tick(&self, count: u64) -> u64 {
        let clock = VirtualClock {
            shift: self.sys.ns_shift,
        };
        clock.tick_at(count.saturating_mul(COUNTER_NS))
    }

    pub fn mode(&self) -> Mode {
        if self.sys.enabled {
            self.sys.mode
        } else {
            Mode::Usr
        }
    }

    /// Whether the code running now is privileged (PL1).
    pub fn privileged(&self) -> bool {
        self.mode().privileged()
    }

    /// Switches to `new`, swapping the banked registers (B1.3.2).
    pub fn set_mode(&mut self, new: Mode) {
        let old = self.sys.mode;
        if old == new {
            return;
        }
        let (ob, nb) = (old.bank(), new.bank());
        if ob != nb {
            self.sys.sp[ob] = self.r[13];
            self.sys.lr[ob] = self.r[14];
            self.r[13] = self.sys.sp[nb];
            self.r[14] = self.sys.lr[nb];
        }
        if (old == Mode::Fiq) != (new == Mode::Fiq) {
            let (save, load) = if new == Mode::Fiq {
                (&mut self.sys.usr_r8, self.sys.fiq_r8)
            } else {
                (&mut self.sys.fiq_r8, self.sys.usr_r8)
            };
            save.copy_from_slice(&self.r[8..13]);
            self.r[8..13].copy_from_slice(&load);
        }
        self.sys.mode = new;
    }

    /// The privileged CPSR fields (A, I, F, M) as they stand.
    pub(super) fn cpsr_system_bits(&self) -> u32 {
        if !self.sys.enabled {
            return Mode::Usr as u32;
        }
        (self.sys.a as u32) << 8
            | (self.sys.i as u32) << 7
            | (self.sys.f as u32) << 6
            | self.sys.mode as u32
    }

    /// User-mode register `r` (0-14) seen from the current mode: the
    /// banked copy where the current mode has its own (LDM/STM with ^).
    pub fn user_reg(&self, r: usize) -> u32 {
        match r {
            8..=12 if self.sys.mode == Mode::Fiq => self.sys.usr_r8[r - 8],
            13 if self.sys.mode.bank() != 0 => self.sys.sp[0],
            14 if self.sys.mode.bank() != 0 => self.sys.lr[0],
            _ => self.r[r],
        }
    }

    pub fn set_user_reg(&mut self, r: usize, v: u32) {
        match r {
            8..=12 if self.sys.mode == Mode::Fiq => self.sys.usr_r8[r - 8] = v,
            13 if self.sys.mode.bank() != 0 => self.sys.sp[0] = v,
            14 if self.sys.mode.bank() != 0 => self.sys.lr[0] = v,
            _ => self.r[r] = v,
        }
    }

    /// The current mode's SPSR; None in User and System mode, which have
    /// none (reading it there is UNPREDICTABLE; callers treat it as
    /// UNDEFINED).
    pub fn spsr(&self) -> Option<u32> {
        match self.mode().bank() {
            0 => None,
            b => Some(self.sys.spsr[b]),
        }
    }

    /// MSR SPSR under a field mask (bit 0 c, 1 x, 2 s, 3 f): false where
    /// the mode has no SPSR.
    pub fn write_spsr(&mut self, value: u32, mask: u32) -> bool {
        match self.mode().bank() {
            0 => false,
            b => {
                let m = byte_mask(mask);
                self.sys.spsr[b] = (self.sys.spsr[b] & !m) | (value & m);
                true
            }
        }
    }

    /// MSR CPSR (CPSRWriteByInstr, B1.3.3 and B9.3.11): the flags and GE
    /// at any level; A, I, F and the mode only when privileged. T, IT and
    /// J are not written by MSR. A write of a mode this core lacks leaves
    /// the mode unchanged.
    pub fn write_cpsr_by_instr(&mut self, value: u32, mask: u32) {
        self.write_apsr(value, mask);
        if !self.privileged() {
            return;
        }
        if mask & 2 != 0 {
            self.sys.a = value & CPSR_A != 0;
        }
        if mask & 1 != 0 {
            self.sys.i = value & CPSR_I != 0;
            self.sys.f = value & CPSR_F != 0;
            if let Some(m) = Mode::from_bits(value) {
                self.set_mode(m);
            }
        }
    }

    /// The whole CPSR from an SPSR, as an exception return writes it
    /// (flags, GE, IT, T, A, I, F and the mode).
    pub fn restore_cpsr(&mut self, spsr: u32) {
        self.write_apsr(spsr, 0xc);
        self.thumb = spsr & CPSR_T != 0;
        let it = ((spsr >> 25) & 3) | ((spsr >> 8) & 0xfc);
        self.itstate = if self.thumb { it as u8 } else { 0 };
        self.sys.a = spsr & CPSR_A != 0;
        self.sys.i = spsr & CPSR_I != 0;
        self.sys.f = spsr & CPSR_F != 0;
        if let Some(m) = Mode::from_bits(spsr) {
            self.set_mode(m);
        }
    }

    /// Exception return (SUBS PC, LR and friends, RFE, LDM with PC and
    /// ^): CPSR from the current SPSR, then PC. False in User or System
    /// mode, which have no SPSR (UNPREDICTABLE; callers treat it as
    /// UNDEFINED).
    pub fn exception_return(&mut self, pc: u32) -> bool {
        let Some(spsr) = self.spsr() else {
            return false;
        };
        self.return_to(pc, spsr);
        true
    }

    /// CPSR from `psr`, then a branch to `pc` aligned for the state it
    /// selects: the end of every exception return.
    pub fn return_to(&mut self, pc: u32, psr: u32) {
        self.restore_cpsr(psr);
        self.r[15] = if self.thumb { pc & !1 } else { pc & !3 };
    }

    /// Takes exception `e` (B1.8.3, TakeXxxException): `ret` is the
    /// preferred return address (the instruction to return to for
    /// aborts, the next one for SVC and UNDEFINED, the one interrupted
    /// for IRQ/FIQ); LR gets it plus the architecture's offset for the
    /// state, so the handler's conventional return (SUBS PC, LR, #n)
    /// works.
    pub fn take_exception(&mut self, e: Exception, ret: u32) {
        let old = self.cpsr();
        let lr = ret.wrapping_add(match e {
            Exception::Reset => 0,
            Exception::Undefined | Exception::SupervisorCall => 0,
            Exception::PrefetchAbort | Exception::Irq | Exception::Fiq => 4,
            Exception::DataAbort => 8,
        });
        self.set_mode(e.mode());
        if e != Exception::Reset {
            self.sys.spsr[e.mode().bank()] = old;
            self.r[14] = lr;
        }
        self.sys.i = true;
        if matches!(e, Exception::Reset | Exception::Fiq) {
            self.sys.f = true;
        }
        if !matches!(e, Exception::Undefined | Exception::SupervisorCall) {
            self.sys.a = true;
        }
        self.thumb = self.sys.cp15.sctlr & sctlr::TE != 0;
        self.itstate = 0;
        self.excl_addr = None;
        let base = if self.sys.cp15.sctlr & sctlr::V != 0 {
            0xffff_0000
        } else if e == Exception::Reset {
            0
        } else {
            self.sys.cp15.vbar
        };
        self.r[15] = base.wrapping_add(e.vector());
    }
}

/// The CPSR/SPSR bits an MSR field mask (c, x, s, f) covers.
fn byte_mask(mask: u32) -> u32 {
    (0..4)
        .filter(|i| mask & (1 << i) != 0)
        .fold(0, |m, i| m | 0xff << (8 * i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sys() -> CpuState {
        let mut c = CpuState::system_reset(0);
        for (i, r) in c.r.iter_mut().enumerate() {
            *r = 0x100 + i as u32;
        }
        c
    }

    #[test]
    fn each_mode_has_its_own_sp_and_lr_and_fiq_its_own_r8_to_r12() {
        let mut c = sys();
        c.set_mode(Mode::Irq);
        c.r[13] = 0x1313;
        c.r[14] = 0x1414;
        c.set_mode(Mode::Fiq);
        assert_eq!(c.r[13], 0, "FIQ's own SP, never written");
        c.r[8] = 0x88;
        c.r[12] = 0xcc;
        c.r[7] = 0x77;
        c.set_mode(Mode::Svc);
        assert_eq!((c.r[8], c.r[12]), (0x108, 0x10c), "the shared R8-R12 back");
        assert_eq!((c.r[13], c.r[14]), (0x10d, 0x10e));
        assert_eq!(c.r[7], 0x77, "R0-R7 are never banked");
        c.set_mode(Mode::Irq);
        assert_eq!((c.r[13], c.r[14]), (0x1313, 0x1414));
        c.set_mode(Mode::Fiq);
        assert_eq!((c.r[8], c.r[12]), (0x88, 0xcc));
        // User and System share one bank.
        c.set_mode(Mode::Usr);
        c.r[13] = 0x5555;
        c.set_mode(Mode::Sys);
        assert_eq!(c.r[13], 0x5555);
    }

    #[test]
    fn svc_entry_and_return_round_trip_cpsr_and_pc() {
        let mut c = sys();
        c.restore_cpsr(0x8000_0010 | CPSR_T); // User, Thumb, N set, I/F clear
        assert_eq!(c.mode(), Mode::Usr);
        let before = c.cpsr();
        c.sys.cp15.vbar = 0x4000_0000;
        c.take_exception(Exception::SupervisorCall, 0x8002);
        assert_eq!(c.mode(), Mode::Svc);
        assert_eq!(c.r[15], 0x4000_0008);
        assert_eq!(c.r[14], 0x8002, "SVC's LR is the next instruction");
        assert_eq!(c.spsr(), Some(before));
        assert!(c.sys.i && !c.sys.f && !c.thumb);
        assert!(!c.sys.a, "SVC leaves A alone");
        assert!(c.exception_return(c.r[14]));
        assert_eq!(c.cpsr(), before);
        assert_eq!(c.r[15], 0x8002);
    }

    #[test]
    fn aborts_and_interrupts_offset_lr_and_mask_as_b1_8_says() {
        for (e, off, mode, f) in [
            (Exception::PrefetchAbort, 4, Mode::Abt, false),
            (Exception::DataAbort, 8, Mode::Abt, false),
            (Exception::Irq, 4, Mode::Irq, false),
            (Exception::Fiq, 4, Mode::Fiq, true),
            (Exception::Undefined, 0, Mode::Und, false),
        ] {
            let mut c = sys();
            c.restore_cpsr(0x1f);
            c.take_exception(e, 0x1000);
            assert_eq!(c.mode(), mode, "{e:?}");
            assert_eq!(c.r[14], 0x1000 + off, "{e:?}");
            assert_eq!(c.r[15], e.vector(), "{e:?}");
            assert!(c.sys.i, "{e:?}");
            assert_eq!(c.sys.f, f, "{e:?}");
        }
    }

    #[test]
    fn high_vectors_and_thumb_exceptions_follow_sctlr() {
        let mut c = sys();
        c.sys.cp15.sctlr |= sctlr::V | sctlr::TE;
        c.sys.cp15.vbar = 0x1234_0000;
        c.take_exception(Exception::Irq, 0x500);
        assert_eq!(c.r[15], 0xffff_0018);
        assert!(c.thumb);
    }

    #[test]
    fn msr_changes_privileged_fields_only_when_privileged() {
        let mut c = sys();
        c.write_cpsr_by_instr(0xf000_0010, 0b1001);
        assert_eq!(c.mode(), Mode::Usr);
        assert_eq!(c.cpsr() >> 28, 0xf);
        c.write_cpsr_by_instr(0x0000_00d3, 0b1001);
        assert_eq!(c.mode(), Mode::Usr, "User mode cannot leave by MSR");
        assert_eq!(c.cpsr() >> 28, 0);
        let mut c = sys();
        c.write_cpsr_by_instr(0x0000_0012, 0b0001);
        assert_eq!(c.mode(), Mode::Irq);
        assert!(!c.sys.i && !c.sys.f);
        c.write_cpsr_by_instr(0x0000_0015, 0b0001);
        assert_eq!(c.mode(), Mode::Irq, "an unknown mode is ignored");
    }

    #[test]
    fn spsr_exists_only_in_exception_modes_and_msr_writes_its_fields() {
        let mut c = sys();
        assert!(c.write_spsr(0xffff_ffff, 0b1000));
        assert_eq!(c.spsr(), Some(0xff00_0000));
        c.set_mode(Mode::Sys);
        assert_eq!(c.spsr(), None);
        assert!(!c.write_spsr(0, 0b1111));
        assert!(!c.exception_return(0));
    }

    #[test]
    fn user_mode_emulation_is_unchanged() {
        let c = CpuState::new();
        assert_eq!(c.mode(), Mode::Usr);
        assert_eq!(c.cpsr() & 0x1ff, 0x10);
        assert_eq!(c.spsr(), None);
    }
}
