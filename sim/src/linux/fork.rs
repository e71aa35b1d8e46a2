//! Process creation: fork/vfork/clone, execve and wait4.
//!
//! A forked child runs to completion before its parent continues. That is
//! one legal Linux schedule, and the one that needs no host threads and
//! keeps every run deterministic: a pipeline's writer fills the pipe, then
//! its reader drains it. (A pipe's reader that finds it empty with a
//! writer still open sees end of file rather than blocking forever.)

use std::collections::{BTreeMap, BTreeSet};

use super::abi::errno::*;
use super::host::{Host, OpenFlags};
use super::loader::{load_elf, setup_stack};
use super::process::{Process, Rng, RunEnd};
use crate::cpu::CpuState;
use crate::memory::GuestMemory;

const CLONE_VM: u32 = 0x100;
const CLONE_VFORK: u32 = 0x4000;
const CLONE_THREAD: u32 = 0x10000;
const CLONE_SETTLS: u32 = 0x80000;
const CLONE_PARENT_SETTID: u32 = 0x100000;
const CLONE_CHILD_SETTID: u32 = 0x0100_0000;

/// wait(2) status word of an ended process.
fn wait_status(end: RunEnd) -> i32 {
    match end {
        RunEnd::Exited(c) => (c & 0xff) << 8,
        RunEnd::Signaled(s) => s & 0x7f,
        RunEnd::Limit => 9, // as if SIGKILLed
    }
}

impl Process {
    pub(super) fn sys_clone(
        &mut self,
        host: &mut dyn Host,
        flags: u32,
        newsp: u32,
        ptid: u32,
        tls: u32,
        ctid: u32,
    ) -> Result<u32, i32> {
        // Threads share memory with a parent that keeps running: not in a
        // one-CPU, run-to-completion model. vfork's shared memory is fine
        // because the parent waits anyway.
        if flags & CLONE_THREAD != 0 || (flags & CLONE_VM != 0 && flags & CLONE_VFORK == 0) {
            self.warn_once(120, "clone (threads are not supported)");
            return Err(ENOSYS);
        }
        let pid = self.shared.next_pid;
        self.shared.next_pid += 1;
        let mem = self.mem.try_clone().map_err(|_| ENOMEM)?;
        let fds = self.fork_fds();
        let seed = self.rng.next();
        let start_icount = self.cpu.icount;
        let mut child = Process {
            cpu: self.cpu.clone(),
            mem,
            engine: self.engine.fresh(),
            opts: self.opts.clone(),
            brk_start: self.brk_start,
            brk: self.brk,
            fds,
            shared: std::mem::take(&mut self.shared),
            pid,
            ppid: self.pid,
            zombies: BTreeMap::new(),
            children_icount: 0,
            limit: self.limit,
            pending_signal: None,
            rng: Rng(seed),
            slept_ns: self.slept_ns,
            umask: self.umask,
            exe_path: self.exe_path.clone(),
            warned: self.warned.clone(),
            notices: Vec::new(),
        };
        child.cpu.r[0] = 0;
        if newsp != 0 {
            child.cpu.r[13] = newsp;
        }
        if flags & CLONE_SETTLS != 0 {
            child.cpu.tpidruro = tls;
        }
        if flags & CLONE_CHILD_SETTID != 0 {
            let _ = child.mem.write_u32(ctid, pid);
        }
        if flags & CLONE_PARENT_SETTID != 0 {
            let _ = child.mem.write_u32(ptid, pid);
            let _ = self.mem.write_u32(ptid, pid);
        }
        let status = match child.run(host, self.limit) {
            Ok(end) => wait_status(end),
            Err(e) => {
                child.notices.push(format!("child process {pid}: {e}"));
                e.status() - 128
            }
        };
        child.close_all(host);
        self.shared = std::mem::take(&mut child.shared);
        self.notices.append(&mut child.notices);
        self.warned = std::mem::take(&mut child.warned);
        self.children_icount += child.cpu.icount - start_icount + child.children_icount;
        self.zombies.insert(pid, status);
        Ok(pid)
    }

    pub(super) fn sys_wait4(&mut self, pid: i32, status: u32, _options: u32) -> Result<u32, i32> {
        let found = if pid > 0 {
            self.zombies.remove_entry(&(pid as u32))
        } else {
            self.zombies.pop_first()
        };
        let (pid, st) = found.ok_or(ECHILD)?;
        if status != 0 {
            self.mem.write_u32(status, st as u32).map_err(|_| EFAULT)?;
        }
        Ok(pid)
    }

    fn string_array(&self, addr: u32) -> Result<Vec<Vec<u8>>, i32> {
        let mut out = Vec::new();
        if addr == 0 {
            return Ok(out);
        }
        for i in 0..4096u32 {
            let p = self
                .mem
                .read_u32(addr.wrapping_add(4 * i))
                .map_err(|_| EFAULT)?;
            if p == 0 {
                return Ok(out);
            }
            out.push(self.mem.read_cstr(p, 128 << 10).map_err(|_| EFAULT)?);
        }
        Err(E2BIG)
    }

    fn read_host_file(host: &mut dyn Host, path: &[u8]) -> Result<Vec<u8>, i32> {
        let h = host.open(path, OpenFlags::default(), 0)?;
        let mut data = Vec::new();
        let mut buf = vec![0u8; 1 << 20];
        let r = loop {
            match host.pread(h, &mut buf, data.len() as u64) {
                Ok(0) => break Ok(data),
                Ok(n) => data.extend_from_slice(&buf[..n]),
                Err(e) => break Err(e),
            }
        };
        host.close(h);
        r
    }

    /// execve: replaces the image; only returns on failure. `/proc/self/exe`
    /// is the running program, as busybox expects.
    pub(super) fn sys_execve(
        &mut self,
        host: &mut dyn Host,
        path: u32,
        argv: u32,
        envp: u32,
    ) -> Result<u32, i32> {
        let mut p = self.mem.read_cstr(path, 4096).map_err(|_| EFAULT)?;
        if p == b"/proc/self/exe" {
            p = self.exe_path.clone();
        }
        let args = self.string_array(argv)?;
        let env = self.string_array(envp)?;
        let image = Self::read_host_file(host, &p)?;
        let mut mem = GuestMemory::new().map_err(|_| ENOMEM)?;
        let loaded = load_elf(&image, &mut mem).map_err(|_| ENOEXEC)?;
        let mut cpu = CpuState::new();
        cpu.icount = self.cpu.icount;
        cpu.extra_cycles = self.cpu.extra_cycles;
        let mut random = [0u8; 16];
        self.rng.fill(&mut random);
        setup_stack(&mut mem, &mut cpu, &loaded, &args, &env, random, self.pid);
        self.mem = mem;
        self.cpu = cpu;
        self.engine = self.engine.fresh();
        self.brk_start = loaded.brk;
        self.brk = loaded.brk;
        self.exe_path = p;
        let cloexec: BTreeSet<i32> = self
            .fds
            .iter()
            .filter(|(_, f)| f.cloexec)
            .map(|(&fd, _)| fd)
            .collect();
        for fd in cloexec {
            let _ = self.close_fd(host, fd);
        }
        // The new image starts with r0 = 0, which the syscall return sets.
        Ok(0)
    }
}
