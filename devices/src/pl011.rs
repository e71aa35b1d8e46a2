//! ARM PrimeCell UART (PL011), as the `virt` board's console: transmit to
//! a sink, the flag register, and the identification registers that
//! drivers probe (PL011 TRM, DDI 0183, 3.2 "Summary of registers").
//!
//! Transmission is instant (the FIFO never fills), which is what guests
//! built for QEMU expect. Receive and the interrupt registers come with
//! the input backend and the GIC.

/// Register offsets (DDI 0183 table 3-1).
pub mod reg {
    pub const DR: u32 = 0x000;
    pub const RSR: u32 = 0x004;
    pub const FR: u32 = 0x018;
    pub const IBRD: u32 = 0x024;
    pub const FBRD: u32 = 0x028;
    pub const LCR_H: u32 = 0x02c;
    pub const CR: u32 = 0x030;
    pub const IFLS: u32 = 0x034;
    pub const IMSC: u32 = 0x038;
    pub const RIS: u32 = 0x03c;
    pub const MIS: u32 = 0x040;
    pub const ICR: u32 = 0x044;
    pub const PERIPH_ID0: u32 = 0xfe0;
}

/// Flag register bits.
pub mod fr {
    /// Receive FIFO empty.
    pub const RXFE: u32 = 1 << 4;
    /// Transmit FIFO empty.
    pub const TXFE: u32 = 1 << 7;
}

/// PeriphID0-3 and PCellID0-3 (DDI 0183 3.3.14-15), at 0xfe0-0xffc.
const ID: [u32; 8] = [0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1];

/// Where transmitted bytes go (the binary's stdout, a test's buffer).
pub trait Serial {
    fn transmit(&mut self, byte: u8);
}

/// The guest-visible state, as plain data (snapshots, issue 6).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pl011State {
    pub ibrd: u32,
    pub fbrd: u32,
    pub lcr_h: u32,
    /// Reset value: UARTEN clear, TXE and RXE set.
    pub cr: u32,
    pub ifls: u32,
    pub imsc: u32,
}

impl Default for Pl011State {
    fn default() -> Self {
        Pl011State {
            ibrd: 0,
            fbrd: 0,
            lcr_h: 0,
            cr: 0x300,
            ifls: 0x12,
            imsc: 0,
        }
    }
}

pub struct Pl011 {
    pub state: Pl011State,
    out: Box<dyn Serial>,
}

impl Pl011 {
    pub fn new(out: Box<dyn Serial>) -> Self {
        Pl011 {
            state: Pl011State::default(),
            out,
        }
    }

    /// A register read at `offset`; None for offsets with no register.
    pub fn read(&mut self, offset: u32) -> Option<u32> {
        let s = &self.state;
        Some(match offset {
            // No receive path yet: the FIFO is always empty.
            reg::DR | reg::RSR | reg::RIS | reg::MIS => 0,
            reg::FR => fr::TXFE | fr::RXFE,
            reg::IBRD => s.ibrd,
            reg::FBRD => s.fbrd,
            reg::LCR_H => s.lcr_h,
            reg::CR => s.cr,
            reg::IFLS => s.ifls,
            reg::IMSC => s.imsc,
            o if (reg::PERIPH_ID0..0x1000).contains(&o) && o % 4 == 0 => {
                ID[((o - reg::PERIPH_ID0) / 4) as usize]
            }
            _ => return None,
        })
    }

    /// A register write; false for offsets with no register.
    pub fn write(&mut self, offset: u32, v: u32) -> bool {
        let s = &mut self.state;
        match offset {
            reg::DR => self.out.transmit(v as u8),
            reg::RSR | reg::ICR => {}
            reg::IBRD => s.ibrd = v & 0xffff,
            reg::FBRD => s.fbrd = v & 0x3f,
            reg::LCR_H => s.lcr_h = v & 0xff,
            reg::CR => s.cr = v & 0xffff,
            reg::IFLS => s.ifls = v & 0x3f,
            reg::IMSC => s.imsc = v & 0x7ff,
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// Captures transmitted bytes.
    #[derive(Clone, Default)]
    pub struct Capture(pub Arc<Mutex<Vec<u8>>>);

    impl Serial for Capture {
        fn transmit(&mut self, byte: u8) {
            self.0.lock().unwrap().push(byte);
        }
    }

    #[test]
    fn transmits_reports_an_empty_fifo_and_identifies_as_a_pl011() {
        let cap = Capture::default();
        let mut u = Pl011::new(Box::new(cap.clone()));
        for b in b"hi\n" {
            assert!(u.write(reg::DR, *b as u32 | 0x700));
        }
        assert_eq!(&*cap.0.lock().unwrap(), b"hi\n");
        assert_eq!(u.read(reg::FR).unwrap() & fr::TXFE, fr::TXFE);
        let id: Vec<u32> = (0..8).map(|i| u.read(0xfe0 + 4 * i).unwrap()).collect();
        assert_eq!(id, ID);
        assert!(u.write(reg::CR, 0x301));
        assert_eq!(u.read(reg::CR), Some(0x301));
        assert_eq!(u.read(0x800), None);
        assert!(!u.write(reg::FR, 0));
    }
}
