//! Helpers shared by the integration tests: running the `lockstep` binary
//! and building tiny ARM ELF files by hand.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

pub fn lockstep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_lockstep"))
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh empty directory under the target dir, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> Self {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let p =
            std::env::temp_dir().join(format!("lockstep-test-{}-{tag}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}

impl TempDir {
    /// An empty directory whose path depends only on `tag`: runs that
    /// must end in the same state (the working directory's name lands in
    /// guest memory) use the same one, one after the other.
    pub fn fixed(tag: &str) -> Self {
        let p = std::env::temp_dir().join(format!("lockstep-test-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `lockstep ARGS` in `cwd` with `stdin` as standard input.
pub fn run_in(cwd: &Path, args: &[&str], stdin: Option<&Path>) -> Output {
    let mut c = lockstep();
    c.args(args)
        .current_dir(cwd)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    match stdin {
        Some(p) => c.stdin(std::fs::File::open(p).unwrap()),
        None => c.stdin(Stdio::null()),
    };
    c.output().expect("run lockstep")
}

/// A minimal static ARM ELF executable: one RX segment at 0x10000 holding
/// `code` (ARM state), entry at its start, plus optional extra program
/// headers (for PT_INTERP tests).
pub fn arm_elf(code: &[u32], interp: Option<&str>) -> Vec<u8> {
    let base = 0x10000u32;
    let nph = if interp.is_some() { 2 } else { 1 };
    let hdr_len = 52 + 32 * nph;
    let mut text: Vec<u8> = code.iter().flat_map(|w| w.to_le_bytes()).collect();
    let interp_off = hdr_len + text.len();
    if let Some(i) = interp {
        text.extend(i.as_bytes());
        text.push(0);
    }
    let total = hdr_len + text.len();
    let mut e = Vec::new();
    e.extend(b"\x7fELF\x01\x01\x01\0\0\0\0\0\0\0\0\0");
    e.extend(2u16.to_le_bytes()); // ET_EXEC
    e.extend(40u16.to_le_bytes()); // EM_ARM
    e.extend(1u32.to_le_bytes());
    e.extend((base + hdr_len as u32).to_le_bytes()); // entry
    e.extend(52u32.to_le_bytes()); // phoff
    e.extend(0u32.to_le_bytes()); // shoff
    e.extend(0x0500_0400u32.to_le_bytes()); // EABI5, hard float
    e.extend(52u16.to_le_bytes());
    e.extend(32u16.to_le_bytes());
    e.extend((nph as u16).to_le_bytes());
    e.extend(40u16.to_le_bytes());
    e.extend(0u16.to_le_bytes());
    e.extend(0u16.to_le_bytes());
    let mut ph = |ty: u32, off: u32, vaddr: u32, len: u32, flags: u32| {
        for w in [ty, off, vaddr, vaddr, len, len, flags, 0x1000] {
            e.extend(w.to_le_bytes());
        }
    };
    ph(1, 0, base, total as u32, 5);
    if let Some(i) = interp {
        ph(
            3,
            interp_off as u32,
            base + interp_off as u32,
            i.len() as u32 + 1,
            4,
        );
    }
    e.extend(text);
    e
}

/// The execution tiers; every guest must behave identically under each.
pub const TIERS: [&str; 3] = ["interp", "jit", "tiered"];

/// The `instructions retired` and `state hash` lines of a `--stats` run.
pub fn icount_and_hash(out: &Output) -> (String, String) {
    let err = String::from_utf8_lossy(&out.stderr);
    let pick = |key: &str| {
        err.lines()
            .find(|l| l.starts_with(key))
            .map(str::to_owned)
            .unwrap_or_else(|| format!("no `{key}` line in: {err}"))
    };
    (pick("instructions retired"), pick("state hash"))
}

/// Threads spinning until dropped: the other core (and more) busy.
pub struct Busy(Arc<AtomicBool>, Vec<std::thread::JoinHandle<u64>>);

impl Busy {
    pub fn start(threads: usize) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let spinners = (0..threads)
            .map(|_| {
                let stop = stop.clone();
                std::thread::spawn(move || {
                    let mut x = 1u64;
                    while !stop.load(Ordering::Relaxed) {
                        x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                    }
                    x
                })
            })
            .collect();
        Busy(stop, spinners)
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
        for s in self.1.drain(..) {
            let _ = s.join();
        }
    }
}
