//! Guest memory: the whole 32-bit guest address space as one reserved host
//! mapping, with a software permission byte per 4 KiB page.
//!
//! Why one mapping: a guest address is then an offset from `base`, with no
//! lookup on the hot path (the Cranelift tier will use the same base). Pages
//! the guest never touches cost nothing because the reservation is
//! `MAP_NORESERVE`. Permissions are checked in software so that a bad access
//! becomes a precise guest fault value, never a host signal.

use std::cell::Cell;
use std::ptr::NonNull;

use thiserror::Error;

pub const PAGE_SHIFT: u32 = 12;
pub const PAGE_SIZE: u32 = 1 << PAGE_SHIFT;
const PAGES: usize = 1 << (32 - PAGE_SHIFT);
/// 4 GiB plus one guard page, so an unaligned 8-byte access at 0xffff_fffc
/// stays inside the host mapping.
const RESERVE: usize = (1usize << 32) + PAGE_SIZE as usize;

/// Page permission bits.
pub mod perm {
    pub const READ: u8 = 1;
    pub const WRITE: u8 = 2;
    pub const EXEC: u8 = 4;
    /// A block was predecoded (or compiled) from this page: a write must
    /// invalidate it. Kept beside the permissions so a store checks one byte.
    pub const CODE: u8 = 8;
    /// Device registers (system mode): no R/W bits, so every fast path
    /// refuses the access and it reaches the bus lent by `with_io`.
    pub const IO: u8 = 16;
    /// Writes are being tracked (`track_writes`) and none has hit this
    /// page since the last `take_written`: a store takes the slow path
    /// once, which notes the page and clears the bit.
    pub const TRACK: u8 = 32;
    pub const RW: u8 = READ | WRITE;
    pub const RWX: u8 = READ | WRITE | EXEC;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
    Exec,
}

/// A guest memory access that the page permissions refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("{access:?} fault at guest address {addr:#010x}")]
pub struct Fault {
    pub addr: u32,
    pub access: Access,
}

#[derive(Debug, Error)]
pub enum MemError {
    #[error("cannot reserve the 4 GiB guest address space")]
    Reserve(#[source] std::io::Error),
}

pub struct GuestMemory {
    base: *mut u8,
    perms: Box<[u8]>,
    /// Set when a store lands on a page holding predecoded code; the
    /// executor takes it to invalidate blocks and leave the current one.
    code_written: Vec<u32>,
    /// Pages written since `take_written` (while tracking): what a
    /// recording's checkpoints hash.
    written: Vec<u32>,
    /// The device bus while `with_io` runs, else None (an access to an IO
    /// page then faults, and the machine re-runs the instruction with the
    /// bus at its exact tick).
    io: Cell<Option<IoLink>>,
}

/// The device side of memory-mapped I/O: register reads and writes of
/// `size` bytes (1, 2, 4 or 8) at guest tick `now`. `None`/`false`: the
/// bus answers with an error (an external abort).
pub trait Bus {
    fn read(&mut self, now: u64, addr: u32, size: u32) -> Option<u64>;
    fn write(&mut self, now: u64, addr: u32, size: u32, value: u64) -> bool;
}

#[derive(Clone, Copy)]
struct IoLink {
    bus: NonNull<dyn Bus>,
    now: u64,
}

// SAFETY: GuestMemory owns its mapping exclusively; moving it to another
// thread moves that ownership.
unsafe impl Send for GuestMemory {}

impl Drop for GuestMemory {
    fn drop(&mut self) {
        // SAFETY: base/RESERVE describe the mapping made in `new`, and no
        // reference into it outlives `self`.
        unsafe {
            libc::munmap(self.base.cast(), RESERVE);
        }
    }
}

/// A fast 64-bit hash of `bytes` from `h`, eight bytes at a step: page
/// contents, and the images and disks a recording's header names.
pub fn hash_words(mut h: u64, bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let w = u64::from_le_bytes(w.try_into().unwrap());
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    for &b in words.remainder() {
        h = (h.rotate_left(5) ^ b as u64).wrapping_mul(K);
    }
    h
}

#[inline]
fn page(addr: u32) -> usize {
    (addr >> PAGE_SHIFT) as usize
}

impl GuestMemory {
    pub fn new() -> Result<Self, MemError> {
        // SAFETY: an anonymous private mapping at an address of the kernel's
        // choosing; the result is checked before use.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                RESERVE,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return Err(MemError::Reserve(std::io::Error::last_os_error()));
        }
        Ok(GuestMemory {
            base: base.cast(),
            // One entry more than there are pages, always 0: compiled code
            // tests the page of an access's last byte, which for an access
            // running past 4 GiB is this one, so such an access is refused.
            perms: vec![0u8; PAGES + 1].into_boxed_slice(),
            code_written: Vec::new(),
            written: Vec::new(),
            io: Cell::new(None),
        })
    }

    /// A copy of every mapped page and its permissions (fork). Code marks
    /// are not copied: the copy starts with no predecoded blocks.
    pub fn try_clone(&self) -> Result<Self, MemError> {
        let mut m = GuestMemory::new()?;
        for (p, &pm) in self.perms.iter().enumerate() {
            let pm = pm & perm::RWX;
            if pm == 0 {
                continue;
            }
            m.perms[p] = pm;
            let a = (p as u32) << PAGE_SHIFT;
            // SAFETY: both pages lie inside their reservations, which are
            // distinct mappings.
            unsafe { std::ptr::copy_nonoverlapping(self.ptr(a), m.ptr(a), PAGE_SIZE as usize) };
        }
        Ok(m)
    }

    /// Host address of guest address 0, for compiled code.
    pub fn host_base(&self) -> *mut u8 {
        self.base
    }

    /// The permission byte of every page (index: address >> PAGE_SHIFT),
    /// for compiled code's inline access checks. Valid while `self` lives.
    pub fn perms_ptr(&self) -> *const u8 {
        self.perms.as_ptr()
    }

    /// Maps `[addr, addr+len)` (page-rounded) zero-filled with `prot`.
    pub fn map(&mut self, addr: u32, len: u32, prot: u8) {
        self.zero(addr, len);
        self.set_perms(addr, len, prot);
    }

    pub fn unmap(&mut self, addr: u32, len: u32) {
        self.zero(addr, len);
        self.set_perms(addr, len, 0);
    }

    /// Changes permissions, keeping contents.
    pub fn protect(&mut self, addr: u32, len: u32, prot: u8) {
        self.set_perms(addr, len, prot);
    }

    fn page_range(addr: u32, len: u32) -> std::ops::Range<usize> {
        let start = page(addr);
        let end = ((addr as u64 + len as u64 + PAGE_SIZE as u64 - 1) >> PAGE_SHIFT) as usize;
        start..end.min(PAGES)
    }

    fn set_perms(&mut self, addr: u32, len: u32, prot: u8) {
        for p in Self::page_range(addr, len) {
            // A remapped page keeps its CODE mark so stale blocks still get
            // invalidated when new code is written there.
            self.perms[p] = prot | (self.perms[p] & (perm::CODE | perm::TRACK));
        }
    }

    fn zero(&mut self, addr: u32, len: u32) {
        let r = Self::page_range(addr, len);
        if r.is_empty() {
            return;
        }
        let start = r.start << PAGE_SHIFT;
        let bytes = (r.end - r.start) << PAGE_SHIFT;
        // SAFETY: the range lies inside the reservation; MADV_DONTNEED on a
        // private anonymous mapping gives back zero pages, which is what
        // mmap semantics promise the guest.
        unsafe {
            libc::madvise(self.base.add(start).cast(), bytes, libc::MADV_DONTNEED);
        }
    }

    pub fn perms(&self, addr: u32) -> u8 {
        self.perms[page(addr)]
    }

    /// True when every page of the range has no permissions (is free).
    pub fn is_free(&self, addr: u32, len: u32) -> bool {
        if addr as u64 + len as u64 > 1 << 32 {
            return false;
        }
        Self::page_range(addr, len).all(|p| self.perms[p] & (perm::RWX | perm::IO) == 0)
    }

    /// Finds a free page-aligned range of `len` bytes, searching down from
    /// `top` (as Linux's top-down mmap does) and never below `floor`.
    pub fn find_free(&self, len: u32, floor: u32, top: u32) -> Option<u32> {
        let npages = Self::page_range(0, len).end;
        if npages == 0 {
            return None;
        }
        let mut run = 0usize;
        let mut p = page(top);
        while p > page(floor) {
            p -= 1;
            if self.perms[p] & (perm::RWX | perm::IO) == 0 {
                run += 1;
                if run == npages {
                    return Some((p as u32) << PAGE_SHIFT);
                }
            } else {
                run = 0;
            }
        }
        None
    }

    #[inline(always)]
    fn check(&self, addr: u32, size: u32, need: u8, access: Access) -> Result<(), Fault> {
        let last = addr.wrapping_add(size - 1);
        let ok = self.perms[page(addr)] & need != 0 && self.perms[page(last)] & need != 0;
        if ok && last >= addr {
            Ok(())
        } else {
            Err(Fault { addr, access })
        }
    }

    #[inline(always)]
    fn check_write(&mut self, addr: u32, size: u32) -> Result<(), Fault> {
        let last = addr.wrapping_add(size - 1);
        let (a, b) = (self.perms[page(addr)], self.perms[page(last)]);
        if (a | b) & (perm::CODE | perm::TRACK) == 0 && a & b & perm::WRITE != 0 && last >= addr {
            return Ok(());
        }
        self.check(addr, size, perm::WRITE, Access::Write)?;
        self.note_write(page(addr));
        if page(last) != page(addr) {
            self.note_write(page(last));
        }
        Ok(())
    }

    /// The slow-path bookkeeping of a store to page `p`: code to drop,
    /// a first write since the last checkpoint.
    #[inline]
    fn note_write(&mut self, p: usize) {
        let pm = self.perms[p];
        if pm & perm::CODE != 0 {
            self.code_written.push((p as u32) << PAGE_SHIFT);
        }
        if pm & perm::TRACK != 0 {
            self.perms[p] = pm & !perm::TRACK;
            self.written.push(p as u32);
        }
    }

    /// Starts tracking writes to every writable page (`take_written`).
    pub fn track_writes(&mut self) {
        self.written.clear();
        for pm in self.perms.iter_mut() {
            if *pm & perm::WRITE != 0 {
                *pm |= perm::TRACK;
            }
        }
    }

    /// The pages (numbers, ascending) written since tracking started or
    /// since the last call; tracking goes on.
    pub fn take_written(&mut self) -> Vec<u32> {
        let mut pages = std::mem::take(&mut self.written);
        pages.sort_unstable();
        for &p in &pages {
            self.perms[p as usize] |= perm::TRACK;
        }
        pages
    }

    /// A hash of the contents of `pages` (page numbers), with their
    /// numbers: a checkpoint's memory hash.
    pub fn hash_pages(&self, pages: &[u32]) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &p in pages {
            h = (h ^ p as u64).wrapping_mul(0x100_0000_01b3);
            h = Self::hash_words(h, self.page(p));
        }
        h
    }

    /// The contents of page number `p`.
    pub fn page(&self, p: u32) -> &[u8] {
        // SAFETY: every page number's 4 KiB lie inside the reservation.
        unsafe { std::slice::from_raw_parts(self.ptr(p << PAGE_SHIFT), PAGE_SIZE as usize) }
    }

    /// Mapped pages (numbers) whose contents are guest-visible memory
    /// (readable, not device registers): what a snapshot saves.
    pub fn ram_pages(&self) -> impl Iterator<Item = u32> + '_ {
        self.perms
            .iter()
            .enumerate()
            .filter(|(_, &pm)| pm & perm::RWX != 0)
            .map(|(p, _)| p as u32)
    }

    /// The mapped pages the host has memory (or swap) behind; every other
    /// mapped page has never been touched since it was mapped and reads
    /// as zero. What lets snapshots and hashes of a big, mostly unused
    /// RAM skip most of it without reading it. From /proc/self/pagemap
    /// (present or swapped); where that cannot be read, every page.
    pub fn touched_pages(&self) -> Vec<u32> {
        use std::os::unix::fs::FileExt;
        const PRESENT: u64 = 1 << 63;
        const SWAPPED: u64 = 1 << 62;
        let pagemap = std::fs::File::open("/proc/self/pagemap").ok();
        let mut out = Vec::new();
        let mut p = 0usize;
        while p < PAGES {
            match self.perms[p..].iter().position(|&pm| pm & perm::RWX != 0) {
                Some(skip) => p += skip,
                None => break,
            }
            let start = p;
            while p < PAGES && self.perms[p] & perm::RWX != 0 {
                p += 1;
            }
            let host_page = self.ptr((start as u32) << PAGE_SHIFT) as u64 / PAGE_SIZE as u64;
            let mut entries = vec![0u8; (p - start) * 8];
            let read = pagemap
                .as_ref()
                .is_some_and(|f| f.read_exact_at(&mut entries, host_page * 8).is_ok());
            for (i, e) in entries.chunks_exact(8).enumerate() {
                let e = u64::from_le_bytes(e.try_into().unwrap());
                if !read || e & (PRESENT | SWAPPED) != 0 {
                    out.push((start + i) as u32);
                }
            }
        }
        out
    }

    #[inline(always)]
    pub fn code_written_pending(&self) -> bool {
        !self.code_written.is_empty()
    }

    /// Takes a note that a store hit a code page (its page address); a
    /// store across a page boundary, or a copy into guest memory, may
    /// leave several.
    #[inline(always)]
    pub fn take_code_written(&mut self) -> Option<u32> {
        self.code_written.pop()
    }

    pub fn mark_code(&mut self, addr: u32) {
        self.perms[page(addr)] |= perm::CODE;
    }

    pub fn clear_code(&mut self, addr: u32) {
        self.perms[page(addr)] &= !perm::CODE;
    }

    #[inline(always)]
    fn ptr(&self, addr: u32) -> *mut u8 {
        // SAFETY: any u32 offset plus up to 8 bytes lies inside RESERVE.
        unsafe { self.base.add(addr as usize) }
    }

    /// Instruction fetch of a halfword (Thumb) or word (ARM).
    #[inline]
    pub fn fetch16(&self, addr: u32) -> Result<u16, Fault> {
        self.check(addr, 2, perm::EXEC, Access::Exec)?;
        // SAFETY: inside the reservation (see `ptr`).
        Ok(u16::from_le(unsafe {
            self.ptr(addr).cast::<u16>().read_unaligned()
        }))
    }

    #[inline]
    pub fn fetch32(&self, addr: u32) -> Result<u32, Fault> {
        self.check(addr, 4, perm::EXEC, Access::Exec)?;
        // SAFETY: inside the reservation (see `ptr`).
        Ok(u32::from_le(unsafe {
            self.ptr(addr).cast::<u32>().read_unaligned()
        }))
    }
}

macro_rules! rw {
    ($read:ident, $write:ident, $t:ty) => {
        impl GuestMemory {
            #[inline(always)]
            pub fn $read(&self, addr: u32) -> Result<$t, Fault> {
                let size = std::mem::size_of::<$t>() as u32;
                if let Err(f) = self.check(addr, size, perm::READ, Access::Read) {
                    return self.io_read(addr, size).map(|v| v as $t).ok_or(f);
                }
                // SAFETY: inside the reservation (see `ptr`); unaligned
                // guest accesses are legal, so read_unaligned.
                Ok(<$t>::from_le(unsafe {
                    self.ptr(addr).cast::<$t>().read_unaligned()
                }))
            }

            #[inline(always)]
            pub fn $write(&mut self, addr: u32, v: $t) -> Result<(), Fault> {
                let size = std::mem::size_of::<$t>() as u32;
                if let Err(f) = self.check_write(addr, size) {
                    return if self.io_write(addr, size, v as u64) {
                        Ok(())
                    } else {
                        Err(f)
                    };
                }
                // SAFETY: as above.
                unsafe { self.ptr(addr).cast::<$t>().write_unaligned(v.to_le()) };
                Ok(())
            }
        }
    };
}
rw!(read_u8, write_u8, u8);
rw!(read_u16, write_u16, u16);
rw!(read_u32, write_u32, u32);
rw!(read_u64, write_u64, u64);

impl GuestMemory {
    /// Marks `[addr, addr+len)` (page-rounded) as device registers.
    pub fn map_io(&mut self, addr: u32, len: u32) {
        self.zero(addr, len);
        self.set_perms(addr, len, perm::IO);
    }

    /// Runs `f` with `bus` answering accesses to IO pages at tick `now`:
    /// the machine runs exactly one instruction this way, so a device sees
    /// the exact tick of every access.
    pub fn with_io<R>(&mut self, bus: &mut dyn Bus, now: u64, f: impl FnOnce(&mut Self) -> R) -> R {
        struct Unlink(*const Cell<Option<IoLink>>);
        impl Drop for Unlink {
            fn drop(&mut self) {
                // SAFETY: points at `self.io`, which outlives this guard.
                unsafe { (*self.0).set(None) };
            }
        }
        // SAFETY: only the lifetime is erased. The link is cleared by the
        // guard before `with_io` returns (or unwinds), while `bus` is still
        // mutably borrowed, so no access through it outlives the borrow or
        // aliases another reference to the bus.
        let bus: NonNull<dyn Bus> = unsafe { std::mem::transmute(NonNull::from(bus)) };
        self.io.set(Some(IoLink { bus, now }));
        let _unlink = Unlink(&self.io);
        f(self)
    }

    /// An access to an IO page that stays in it, while a bus is lent.
    #[cold]
    fn io_link(&self, addr: u32, size: u32) -> Option<IoLink> {
        let last = addr.wrapping_add(size - 1);
        if self.perms[page(addr)] & perm::IO == 0 || page(addr) != page(last) {
            return None;
        }
        self.io.get()
    }

    #[cold]
    fn io_read(&self, addr: u32, size: u32) -> Option<u64> {
        let link = self.io_link(addr, size)?;
        // SAFETY: the bus is exclusively borrowed by the `with_io` that set
        // the link, and `Bus::read` cannot reach this memory.
        unsafe { (*link.bus.as_ptr()).read(link.now, addr, size) }
    }

    #[cold]
    fn io_write(&mut self, addr: u32, size: u32, v: u64) -> bool {
        let Some(link) = self.io_link(addr, size) else {
            return false;
        };
        // SAFETY: as in `io_read`.
        unsafe { (*link.bus.as_ptr()).write(link.now, addr, size, v) }
    }

    /// Copies guest bytes out, checking every page.
    pub fn read_bytes(&self, addr: u32, out: &mut [u8]) -> Result<(), Fault> {
        self.check_range(addr, out.len(), perm::READ, Access::Read)?;
        // SAFETY: the whole range was checked to be inside mapped pages.
        unsafe { std::ptr::copy_nonoverlapping(self.ptr(addr), out.as_mut_ptr(), out.len()) };
        Ok(())
    }

    pub fn write_bytes(&mut self, addr: u32, data: &[u8]) -> Result<(), Fault> {
        self.check_range(addr, data.len(), perm::WRITE, Access::Write)?;
        for p in Self::page_range(addr, data.len() as u32) {
            self.note_write(p);
        }
        // SAFETY: the whole range was checked to be inside mapped pages.
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), self.ptr(addr), data.len()) };
        Ok(())
    }

    /// Writes ignoring permissions: the loader filling read-only segments.
    pub fn poke_bytes(&mut self, addr: u32, data: &[u8]) -> Result<(), Fault> {
        if addr as u64 + data.len() as u64 > 1 << 32 {
            return Err(Fault {
                addr,
                access: Access::Write,
            });
        }
        for p in Self::page_range(addr, data.len() as u32) {
            self.note_write(p);
        }
        // SAFETY: bounds checked against the 4 GiB reservation just above.
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), self.ptr(addr), data.len()) };
        Ok(())
    }

    fn check_range(&self, addr: u32, len: usize, need: u8, access: Access) -> Result<(), Fault> {
        if len == 0 {
            return Ok(());
        }
        if addr as u64 + len as u64 > 1 << 32 {
            return Err(Fault { addr, access });
        }
        for p in Self::page_range(addr, len as u32) {
            if self.perms[p] & need == 0 {
                let a = ((p as u32) << PAGE_SHIFT).max(addr);
                return Err(Fault { addr: a, access });
            }
        }
        Ok(())
    }

    /// Reads a NUL-terminated string of at most `max` bytes.
    pub fn read_cstr(&self, addr: u32, max: usize) -> Result<Vec<u8>, Fault> {
        let mut out = Vec::new();
        let mut a = addr;
        while out.len() < max {
            let b = self.read_u8(a)?;
            if b == 0 {
                return Ok(out);
            }
            out.push(b);
            a = a.wrapping_add(1);
        }
        Ok(out)
    }

    /// A hash of every mapped page's number, permissions and contents:
    /// a state hash for determinism checks. Untouched pages
    /// (`touched_pages`) are zero and hash as such without being read.
    pub fn hash(&self) -> u64 {
        let zero = Self::hash_words(0, &[0u8; PAGE_SIZE as usize]);
        // Ascending, as the walk below: merged rather than looked up.
        let touched = self.touched_pages();
        let mut t = touched.iter().peekable();
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for (p, &pm) in self.perms.iter().enumerate() {
            if pm & perm::RWX == 0 {
                continue;
            }
            let p = p as u32;
            while t.next_if(|&&x| x < p).is_some() {}
            let contents = if t.next_if_eq(&&p).is_some() {
                Self::hash_words(0, self.page(p))
            } else {
                zero
            };
            for v in [p as u64, (pm & perm::RWX) as u64, contents] {
                h = (h ^ v).wrapping_mul(0x100_0000_01b3);
            }
        }
        h
    }

    fn hash_words(h: u64, bytes: &[u8]) -> u64 {
        hash_words(h, bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_and_touched_pages_see_written_pages_and_only_contents() {
        let mut a = GuestMemory::new().unwrap();
        let mut b = GuestMemory::new().unwrap();
        for m in [&mut a, &mut b] {
            m.map(0x4000_0000, 64 << 20, perm::RWX);
        }
        assert!(a.touched_pages().len() < 16, "fresh RAM is untouched");
        a.write_u32(0x4123_4560, 7).unwrap();
        assert!(a.touched_pages().contains(&(0x4123_4560 >> PAGE_SHIFT)));
        assert_ne!(a.hash(), b.hash());
        // Written back to zero: the same contents hash the same, touched
        // or not.
        a.write_u32(0x4123_4560, 0).unwrap();
        assert_eq!(a.hash(), b.hash());
        b.write_u32(0x4200_0000, 1).unwrap();
        assert_ne!(a.hash(), b.hash());
    }

    #[test]
    fn write_tracking_notes_each_written_page_once_per_interval() {
        let mut m = GuestMemory::new().unwrap();
        m.map(0x1_0000, 0x4000, perm::RW);
        m.track_writes();
        m.write_u32(0x1_0004, 1).unwrap();
        m.write_u32(0x1_0008, 2).unwrap();
        m.write_bytes(0x1_2ffe, &[1, 2, 3, 4]).unwrap();
        assert_eq!(m.take_written(), vec![0x10, 0x12, 0x13]);
        assert_eq!(m.take_written(), Vec::<u32>::new());
        m.write_u16(0x1_0000, 5).unwrap();
        assert_eq!(m.take_written(), vec![0x10], "tracking goes on");
    }

    #[test]
    fn unmapped_access_faults_with_address() {
        let m = GuestMemory::new().unwrap();
        assert_eq!(
            m.read_u32(0x1000),
            Err(Fault {
                addr: 0x1000,
                access: Access::Read
            })
        );
    }

    #[test]
    fn map_read_write_and_page_crossing() {
        let mut m = GuestMemory::new().unwrap();
        m.map(0x10000, 0x2000, perm::RW);
        m.write_u32(0x10ffe, 0xdead_beef).unwrap();
        assert_eq!(m.read_u32(0x10ffe).unwrap(), 0xdead_beef);
        assert_eq!(m.read_u16(0x11000).unwrap(), 0xdead);
        // Crossing into an unmapped page faults.
        assert!(m.read_u32(0x11ffe).is_err());
    }

    #[test]
    fn write_to_readonly_faults_and_code_write_is_noted() {
        let mut m = GuestMemory::new().unwrap();
        m.map(0x20000, 0x1000, perm::READ);
        assert!(m.write_u8(0x20000, 1).is_err());
        m.protect(0x20000, 0x1000, perm::RWX);
        m.mark_code(0x20000);
        m.write_u8(0x20010, 1).unwrap();
        assert_eq!(m.take_code_written(), Some(0x20000));
        assert_eq!(m.take_code_written(), None);
    }

    /// A copy into guest memory (a DMA, a read() system call) across
    /// several code pages notes every one of them, not only the last.
    #[test]
    fn a_copy_across_code_pages_notes_each_page() {
        let mut m = GuestMemory::new().unwrap();
        m.map(0x20000, 0x3000, perm::RWX);
        m.mark_code(0x20000);
        m.mark_code(0x22000);
        m.write_bytes(0x20ff0, &[0u8; 0x1020]).unwrap();
        let mut pages: Vec<_> = std::iter::from_fn(|| m.take_code_written()).collect();
        pages.sort();
        assert_eq!(pages, [0x20000, 0x22000]);
    }

    #[test]
    fn remap_zero_fills() {
        let mut m = GuestMemory::new().unwrap();
        m.map(0x30000, 0x1000, perm::RW);
        m.write_u32(0x30000, 7).unwrap();
        m.unmap(0x30000, 0x1000);
        m.map(0x30000, 0x1000, perm::RW);
        assert_eq!(m.read_u32(0x30000).unwrap(), 0);
    }

    #[test]
    fn find_free_is_top_down() {
        let mut m = GuestMemory::new().unwrap();
        m.map(0x7000_0000, 0x1000, perm::RW);
        let a = m.find_free(0x2000, 0x1000_0000, 0x7000_1000).unwrap();
        assert_eq!(a, 0x6fff_e000);
    }

    /// A bus that records accesses and answers reads with the address
    /// plus the tick.
    #[derive(Default)]
    struct Recorder(Vec<(u64, u32, u32, Option<u64>)>);

    impl Bus for Recorder {
        fn read(&mut self, now: u64, addr: u32, size: u32) -> Option<u64> {
            self.0.push((now, addr, size, None));
            Some(addr as u64 + now)
        }
        fn write(&mut self, now: u64, addr: u32, size: u32, value: u64) -> bool {
            self.0.push((now, addr, size, Some(value)));
            addr != 0x0900_0ffc
        }
    }

    #[test]
    fn io_pages_reach_the_lent_bus_at_its_tick_and_fault_otherwise() {
        let mut m = GuestMemory::new().unwrap();
        m.map_io(0x0900_0000, 0x1000);
        assert!(m.read_u32(0x0900_0018).is_err(), "no bus lent: a fault");
        let mut bus = Recorder::default();
        m.with_io(&mut bus, 77, |m| {
            assert_eq!(m.read_u32(0x0900_0018), Ok(0x0900_0018 + 77));
            assert_eq!(m.write_u8(0x0900_0000, 0x41), Ok(()));
            assert!(m.write_u32(0x0900_0ffc, 1).is_err(), "a bus error");
            assert!(m.read_u32(0x0900_0ffe).is_err(), "crossing out of the page");
            assert!(m.fetch32(0x0900_0000).is_err(), "no execution from devices");
        });
        assert!(m.read_u32(0x0900_0018).is_err(), "the bus is gone again");
        assert_eq!(
            bus.0,
            [
                (77, 0x0900_0018, 4, None),
                (77, 0x0900_0000, 1, Some(0x41)),
                (77, 0x0900_0ffc, 4, Some(1)),
            ]
        );
        assert_eq!(
            m.find_free(0x1000, 0x0900_0000, 0x0900_1000),
            None,
            "IO pages are not free"
        );
    }
}
