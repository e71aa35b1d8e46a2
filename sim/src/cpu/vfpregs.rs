//! The VFP/Neon register file: 32 doubleword registers whose single (S) and
//! quadword (Q) views share storage, as the architecture defines
//! (S<2n>/S<2n+1> are the halves of D<n>; Q<n> is D<2n>:D<2n+1>).

#[repr(C)]
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VfpRegs {
    pub d: [u64; 32],
    pub fpscr: u32,
    pub fpexc: u32,
}

impl VfpRegs {
    #[inline]
    pub fn s(&self, n: usize) -> u32 {
        (self.d[n >> 1] >> ((n & 1) * 32)) as u32
    }

    #[inline]
    pub fn set_s(&mut self, n: usize, v: u32) {
        let sh = (n & 1) * 32;
        let d = &mut self.d[n >> 1];
        *d = (*d & !(0xffff_ffffu64 << sh)) | ((v as u64) << sh);
    }

    #[inline]
    pub fn q(&self, n: usize) -> u128 {
        (self.d[2 * n] as u128) | ((self.d[2 * n + 1] as u128) << 64)
    }

    #[inline]
    pub fn set_q(&mut self, n: usize, v: u128) {
        self.d[2 * n] = v as u64;
        self.d[2 * n + 1] = (v >> 64) as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_share_storage() {
        let mut r = VfpRegs::default();
        r.set_s(2, 0x1111_2222);
        r.set_s(3, 0x3333_4444);
        assert_eq!(r.d[1], 0x3333_4444_1111_2222);
        r.set_q(0, 0xaaaa_u128 << 64 | 0xbbbb);
        assert_eq!((r.d[0], r.d[1]), (0xbbbb, 0xaaaa));
        assert_eq!(r.s(1), 0);
    }
}
