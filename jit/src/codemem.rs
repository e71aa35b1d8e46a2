//! Executable memory for compiled code: shared memory mapped twice,
//! writable at one address and executable at another.
//!
//! Installing a block is then a copy into the writable view; no page ever
//! changes protection. Changing protection (as a W^X allocator must, per
//! install) makes the kernel shoot down the TLBs of every core the process
//! runs on, which interrupts the compile worker on the other core each
//! time; in short runs that install hundreds of blocks this cost several
//! percent of the CPU thread. No page is ever writable and executable at
//! the same address. Code is never freed: the memory lives as long as the
//! process (invalidated blocks are only unlinked, as before).

use std::io::Write;

use crate::JitError;

/// Functions start on a cache line: where a loop sits relative to 64-byte
/// boundaries changes its speed, and in tiered runs the install order (so
/// a 16-byte-aligned function's placement) varies from run to run, which
/// made a steady-state loop's speed vary by a third between runs.
const FUNC_ALIGN: u64 = 64;

/// Size of each mapping; more are made as they fill.
const CHUNK: usize = 16 << 20;

struct Chunk {
    rw: *mut u8,
    rx: *const u8,
    used: usize,
}

pub struct CodeMem {
    chunks: Vec<Chunk>,
    /// `/tmp/perf-PID.map`, when running under `perf record`.
    perf_map: Option<std::fs::File>,
}

// SAFETY: the raw pointers are owned mappings, touched only through
// `&mut self`.
unsafe impl Send for CodeMem {}

impl CodeMem {
    pub fn new() -> Result<Self, JitError> {
        // perf sets PERF_BUILDID_DIR for the programs it records; a perf
        // map names compiled code by guest address in `perf report`.
        let perf_map = std::env::var_os("PERF_BUILDID_DIR").and_then(|_| {
            std::fs::File::create(format!("/tmp/perf-{}.map", std::process::id())).ok()
        });
        Ok(CodeMem {
            chunks: vec![Chunk::map()?],
            perf_map,
        })
    }

    /// Copies `bytes` (aligned to `align`) into executable memory and
    /// returns their executable address.
    pub fn install(
        &mut self,
        bytes: &[u8],
        align: u64,
        label: &str,
    ) -> Result<*const u8, JitError> {
        let align = align.max(FUNC_ALIGN) as usize;
        if bytes.len() + align > CHUNK {
            return Err(JitError::Install(format!(
                "{label}: {} bytes of code do not fit a {CHUNK}-byte chunk",
                bytes.len()
            )));
        }
        let last = self.chunks.last().expect("at least one chunk");
        if last.used.next_multiple_of(align) + bytes.len() > CHUNK {
            self.chunks.push(Chunk::map()?);
        }
        let c = self.chunks.last_mut().expect("at least one chunk");
        let at = c.used.next_multiple_of(align);
        // SAFETY: `at + len <= CHUNK`, inside the writable view; nothing
        // executes these bytes before this function returns their address.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), c.rw.add(at), bytes.len()) };
        c.used = at + bytes.len();
        // SAFETY: the same offset in the executable view of the same file.
        let entry = unsafe { c.rx.add(at) };
        if let Some(f) = &mut self.perf_map {
            let _ = writeln!(f, "{:x} {:x} {label}", entry as usize, bytes.len());
        }
        Ok(entry)
    }
}

impl Chunk {
    fn map() -> Result<Chunk, JitError> {
        let err = |what: &str| {
            JitError::Setup(format!(
                "code memory: {what}: {}",
                std::io::Error::last_os_error()
            ))
        };
        // SAFETY: plain system calls; each result is checked before use.
        // A shared anonymous mapping aliased with mremap (old size 0)
        // rather than a memfd: profilers treat it as anonymous memory and
        // so name its code from the perf map.
        unsafe {
            let rw = libc::mmap(
                std::ptr::null_mut(),
                CHUNK,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED | libc::MAP_ANONYMOUS,
                -1,
                0,
            );
            if rw == libc::MAP_FAILED {
                return Err(err("mmap"));
            }
            let rx = libc::mremap(rw, 0, CHUNK, libc::MREMAP_MAYMOVE);
            if rx == libc::MAP_FAILED {
                libc::munmap(rw, CHUNK);
                return Err(err("mremap"));
            }
            if libc::mprotect(rx, CHUNK, libc::PROT_READ | libc::PROT_EXEC) != 0 {
                libc::munmap(rw, CHUNK);
                libc::munmap(rx, CHUNK);
                return Err(err("mprotect"));
            }
            Ok(Chunk {
                rw: rw as *mut u8,
                rx: rx as *const u8,
                used: 0,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn installed_bytes_read_back_aligned_from_the_executable_view() {
        let mut m = CodeMem::new().unwrap();
        let a: Vec<u8> = (0..100u8).collect();
        let b: Vec<u8> = (0..37u8).rev().collect();
        let pa = m.install(&a, 64, "a").unwrap();
        let pb = m.install(&b, 32, "b").unwrap();
        assert_eq!(pa as usize % 64, 0);
        assert_eq!(pb as usize % 32, 0);
        assert!(pb as usize >= pa as usize + a.len());
        // SAFETY: both ranges were just installed and stay mapped.
        unsafe {
            assert_eq!(std::slice::from_raw_parts(pa, a.len()), &a[..]);
            assert_eq!(std::slice::from_raw_parts(pb, b.len()), &b[..]);
        }
    }

    #[test]
    fn a_full_chunk_moves_on_to_a_new_one_and_oversize_code_is_refused() {
        let mut m = CodeMem::new().unwrap();
        let big = vec![0xccu8; CHUNK / 2 + 1];
        let p1 = m.install(&big, 16, "one").unwrap();
        let p2 = m.install(&big, 16, "two").unwrap();
        assert_eq!(m.chunks.len(), 2);
        // SAFETY: installed above.
        unsafe { assert_eq!(*p2.add(CHUNK / 2), 0xcc) };
        assert_ne!(p1, p2);
        let err = m.install(&vec![0; CHUNK], 16, "huge").unwrap_err();
        assert!(err.to_string().contains("huge"), "{err}");
    }
}
