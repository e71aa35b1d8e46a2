//! ARM PrimeCell UART (PL011), as the `virt` board's console: transmit to
//! a sink, the flag register, and the identification registers that
//! drivers probe (PL011 TRM, DDI 0183, 3.2 "Summary of registers").
//!
//! Transmission is instant (the FIFO never fills), which is what guests
//! built for QEMU expect. Received bytes come from the board (its input
//! backend) into a 16-entry FIFO. The receive interrupt is raised when a
//! byte arrives and drops when a read empties the FIFO (or on ICR), and
//! the transmit interrupt after each byte sent, as QEMU's model does;
//! Linux's driver works with both.

use std::collections::VecDeque;

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
    /// Receive FIFO full.
    pub const RXFF: u32 = 1 << 6;
    /// Transmit FIFO empty.
    pub const TXFE: u32 = 1 << 7;
}

/// Interrupt bits (IMSC, RIS, MIS, ICR).
pub mod int {
    pub const RX: u32 = 1 << 4;
    pub const TX: u32 = 1 << 5;
    pub const RT: u32 = 1 << 6;
}

/// Control register bits.
pub mod cr {
    pub const UARTEN: u32 = 1 << 0;
    pub const RXE: u32 = 1 << 9;
}

/// Receive FIFO depth.
pub const FIFO: usize = 16;

/// PeriphID0-3 and PCellID0-3 (DDI 0183 3.3.14-15), at 0xfe0-0xffc.
const ID: [u32; 8] = [0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1];

/// Where transmitted bytes go (the binary's stdout, a test's buffer).
pub trait Serial {
    fn transmit(&mut self, byte: u8);
}

/// The guest-visible state, as plain data (snapshots, issue 6).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Pl011State {
    pub ibrd: u32,
    pub fbrd: u32,
    pub lcr_h: u32,
    /// Reset value: UARTEN clear, TXE and RXE set.
    pub cr: u32,
    pub ifls: u32,
    pub imsc: u32,
    /// Raw interrupt status.
    pub ris: u32,
    /// Received bytes not yet read.
    pub rx: VecDeque<u8>,
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
            ris: 0,
            rx: VecDeque::new(),
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

    /// Whether the guest has the receiver on (UARTEN and RXE): only then
    /// does the board hand it input.
    pub fn receiving(&self) -> bool {
        self.state.cr & (cr::UARTEN | cr::RXE) == cr::UARTEN | cr::RXE
    }

    /// Room in the receive FIFO.
    pub fn rx_room(&self) -> usize {
        FIFO - self.state.rx.len()
    }

    /// A byte arrives from the line; false (and dropped) if the FIFO is
    /// full. The board checks `rx_room` first.
    pub fn receive(&mut self, byte: u8) -> bool {
        if self.rx_room() == 0 {
            return false;
        }
        self.state.rx.push_back(byte);
        self.state.ris |= int::RX;
        true
    }

    /// The interrupt output (UARTINTR).
    pub fn irq(&self) -> bool {
        self.state.ris & self.state.imsc != 0
    }

    /// A register read at `offset`; None for offsets with no register.
    pub fn read(&mut self, offset: u32) -> Option<u32> {
        if offset == reg::DR {
            let s = &mut self.state;
            let b = s.rx.pop_front().unwrap_or(0);
            if s.rx.is_empty() {
                s.ris &= !(int::RX | int::RT);
            }
            return Some(b as u32);
        }
        let s = &self.state;
        let level = |full: bool, bit: u32| if full { bit } else { 0 };
        Some(match offset {
            reg::RSR => 0,
            reg::RIS => s.ris,
            reg::MIS => s.ris & s.imsc,
            reg::FR => {
                fr::TXFE | level(s.rx.is_empty(), fr::RXFE) | level(s.rx.len() == FIFO, fr::RXFF)
            }
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
            reg::DR => {
                self.out.transmit(v as u8);
                s.ris |= int::TX;
            }
            reg::RSR => {}
            reg::ICR => s.ris &= !v,
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

    #[test]
    fn received_bytes_queue_in_the_fifo_and_interrupt_until_read() {
        let mut u = Pl011::new(Box::new(Capture::default()));
        assert!(!u.receiving(), "UARTEN is clear at reset");
        u.write(reg::CR, 0x301);
        assert!(u.receiving());
        u.write(reg::IMSC, int::RX | int::RT);
        assert!(!u.irq());
        assert!(u.receive(b'a') && u.receive(b'b'));
        assert!(u.irq());
        assert_eq!(u.read(reg::FR).unwrap() & fr::RXFE, 0);
        assert_eq!(u.read(reg::DR), Some(b'a' as u32));
        assert!(u.irq(), "one byte left");
        assert_eq!(u.read(reg::DR), Some(b'b' as u32));
        assert!(!u.irq());
        assert_eq!(u.read(reg::FR).unwrap() & fr::RXFE, fr::RXFE);
        for i in 0..FIFO {
            assert!(u.receive(i as u8));
        }
        assert!(!u.receive(0xff), "full");
        assert_eq!(u.read(reg::FR).unwrap() & fr::RXFF, fr::RXFF);
        u.write(reg::ICR, int::RX);
        assert!(!u.irq(), "ICR clears it");
        // Transmit raises TX; ICR clears it.
        u.write(reg::IMSC, int::TX);
        u.write(reg::DR, b'x' as u32);
        assert!(u.irq());
        assert_eq!(u.read(reg::MIS), Some(int::TX));
        u.write(reg::ICR, int::TX);
        assert!(!u.irq());
    }
}
