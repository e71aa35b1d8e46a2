//! The system calls (ARM EABI numbering: r7 is the number, r0-r5 the
//! arguments, r0 the result or -errno).

use super::abi::{self, errno::*, oflag};
use super::files::{Target, WriteError};
use super::host::{FileStat, Host, OpenFlags};
use super::process::{Process, RunEnd, MMAP_FLOOR, MMAP_TOP, PID};
use crate::memory::{perm, PAGE_SIZE};

type SysResult = Result<u32, i32>;

fn page_up(v: u32) -> u32 {
    v.wrapping_add(PAGE_SIZE - 1) & !(PAGE_SIZE - 1)
}

fn prot_to_perm(prot: u32) -> u8 {
    let mut p = 0;
    if prot & abi::PROT_READ != 0 {
        p |= perm::READ;
    }
    if prot & abi::PROT_WRITE != 0 {
        p |= perm::WRITE;
    }
    if prot & abi::PROT_EXEC != 0 {
        p |= perm::EXEC | perm::READ;
    }
    p
}

fn open_flags(raw: u32) -> OpenFlags {
    OpenFlags {
        access: raw & oflag::ACCMODE,
        create: raw & oflag::CREAT != 0,
        exclusive: raw & oflag::EXCL != 0,
        truncate: raw & oflag::TRUNC != 0,
        append: raw & oflag::APPEND != 0,
        directory: raw & oflag::DIRECTORY != 0,
        nofollow: raw & oflag::NOFOLLOW != 0,
    }
}

impl Process {
    /// Handles the SVC that just retired. Returns how the process ended,
    /// if it did.
    pub(super) fn syscall(&mut self, host: &mut dyn Host) -> Option<RunEnd> {
        let nr = self.cpu.r[7];
        let a = [
            self.cpu.r[0],
            self.cpu.r[1],
            self.cpu.r[2],
            self.cpu.r[3],
            self.cpu.r[4],
            self.cpu.r[5],
        ];
        let r: SysResult = match nr {
            1 | 248 => return Some(RunEnd::Exited(a[0] as i32)),
            3 => self.sys_read(host, a[0] as i32, a[1], a[2]),
            4 => self.sys_write(host, a[0] as i32, a[1], a[2]),
            5 => self.sys_openat(host, abi::AT_FDCWD, a[0], a[1], a[2]),
            6 => self.sys_close(host, a[0] as i32),
            10 => self.path(a[0]).and_then(|p| host.unlink(&p)).map(|_| 0),
            12 => self.path(a[0]).and_then(|p| host.chdir(&p)).map(|_| 0),
            15 => self
                .path(a[0])
                .and_then(|p| host.chmod(&p, a[1]))
                .map(|_| 0),
            19 => self.sys_lseek(host, a[0] as i32, a[1] as i32 as i64, a[2]),
            20 | 224 => Ok(self.pid),
            24 | 47 | 49 | 50 | 199 | 200 | 201 | 202 => Ok(PID),
            // Credentials: one user, and changing to it always succeeds.
            23 | 46 | 206 | 208 | 210 | 213 | 214 => Ok(0),
            205 => Ok(0),
            209 | 211 => {
                for addr in [a[0], a[1], a[2]] {
                    self.put_guest(addr, &PID.to_le_bytes()).ok();
                }
                Ok(0)
            }
            168 => self.sys_poll(a[0], a[1]),
            33 => self
                .path(a[0])
                .and_then(|p| host.access(&p, a[1]))
                .map(|_| 0),
            37 | 268 => return self.sys_kill(a[0], if nr == 268 { a[2] } else { a[1] }),
            38 => self.sys_rename(host, a[0], a[1]),
            39 => self
                .path(a[0])
                .and_then(|p| host.mkdir(&p, a[1] & !self.umask))
                .map(|_| 0),
            40 => self.path(a[0]).and_then(|p| host.rmdir(&p)).map(|_| 0),
            41 => self.sys_dup(host, a[0] as i32, None, 0),
            45 => Ok(self.sys_brk(a[0])),
            54 => self.sys_ioctl(a[0] as i32),
            55 | 221 => self.sys_fcntl(a[0] as i32, a[1], a[2]),
            60 => {
                let old = self.umask;
                self.umask = a[0] & 0o777;
                Ok(old)
            }
            63 => self.sys_dup(host, a[0] as i32, Some(a[1] as i32), 0),
            358 => self.sys_dup(host, a[0] as i32, Some(a[1] as i32), a[2]),
            64 => Ok(self.ppid),
            65 => Ok(PID),
            78 => self.sys_gettimeofday(host, a[0]),
            85 => self.sys_readlink(host, a[0], a[1], a[2]),
            91 => self.sys_munmap(a[0], a[1]),
            93 => self
                .fd_handle(a[0] as i32)
                .and_then(|h| host.ftruncate(h, a[1] as u64))
                .map(|_| 0),
            116 => self.sys_sysinfo(a[0]),
            122 => self.sys_uname(a[0]),
            125 => self.sys_mprotect(a[0], a[1], a[2]),
            140 => self.sys_llseek(host, a[0] as i32, a[1], a[2], a[3], a[4]),
            145 => self.sys_readv(host, a[0] as i32, a[1], a[2]),
            146 => self.sys_writev(host, a[0] as i32, a[1], a[2]),
            162 => self.sys_nanosleep(a[0], false),
            163 => self.sys_mremap(a[0], a[1], a[2], a[3]),
            172 => Ok(0),
            173 => Err(ENOSYS),
            174 => self.sys_rt_sigaction(a[1], a[2], a[3]),
            175 => self.sys_rt_sigprocmask(a[2], a[3]),
            180 => self.sys_pread(
                host,
                a[0] as i32,
                a[1],
                a[2],
                (a[5] as u64) << 32 | a[4] as u64,
            ),
            181 => self.sys_pwrite(
                host,
                a[0] as i32,
                a[1],
                a[2],
                (a[5] as u64) << 32 | a[4] as u64,
            ),
            183 => self.sys_getcwd(host, a[0], a[1]),
            191 => self.sys_getrlimit(a[0], a[1], false),
            369 => self.sys_prlimit(a[1], a[3]),
            192 => self.sys_mmap2(host, a[0], a[1], a[2], a[3], a[4] as i32, a[5]),
            195 => self.sys_stat(host, abi::AT_FDCWD, a[0], a[1], 0, false),
            196 => self.sys_stat(
                host,
                abi::AT_FDCWD,
                a[0],
                a[1],
                abi::AT_SYMLINK_NOFOLLOW,
                false,
            ),
            197 => self
                .fd_stat(host, a[0] as i32)
                .and_then(|s| self.put_stat(a[1], &s, false)),
            217 => self.sys_getdents64(host, a[0] as i32, a[1], a[2]),
            220 => Ok(0),
            240 => self.sys_futex(a[0], a[1], a[2]),
            256 => Ok(self.pid),
            263 | 403 => self.sys_clock_gettime(host, a[0], a[1], nr == 403),
            264 | 406 => self.sys_clock_getres(a[1], nr == 406),
            265 | 407 => self.sys_nanosleep(a[2], nr == 407),
            322 => self.sys_openat(host, a[0] as i32, a[1], a[2], a[3]),
            323 => self
                .at_path(host, a[0] as i32, a[1])
                .and_then(|p| host.mkdir(&p, a[2] & !self.umask))
                .map(|_| 0),
            327 => self.sys_stat(host, a[0] as i32, a[1], a[2], a[3], false),
            328 => self.sys_unlinkat(host, a[0] as i32, a[1], a[2]),
            329 => self.sys_renameat(host, a[0] as i32, a[1], a[2] as i32, a[3]),
            332 => {
                let p = self.at_path(host, a[0] as i32, a[1]);
                p.and_then(|p| self.readlink_into(host, &p, a[2], a[3]))
            }
            333 => self
                .at_path(host, a[0] as i32, a[1])
                .and_then(|p| host.chmod(&p, a[2]))
                .map(|_| 0),
            334 | 439 => self
                .at_path(host, a[0] as i32, a[1])
                .and_then(|p| host.access(&p, a[2]))
                .map(|_| 0),
            338 => Ok(0),
            345 => {
                if a[0] != 0 {
                    let _ = self.mem.write_u32(a[0], 0);
                }
                if a[1] != 0 {
                    let _ = self.mem.write_u32(a[1], 0);
                }
                Ok(0)
            }
            348 | 412 => Ok(0),
            384 => self.sys_getrandom(a[0], a[1]),
            397 => self.sys_stat(host, a[0] as i32, a[1], a[4], a[2], true),
            // rseq: glibc copes with its absence, as it does under qemu.
            398 => Err(ENOSYS),
            2 | 190 => self.sys_clone(host, 0, 0, 0, 0, 0),
            120 => self.sys_clone(host, a[0], a[1], a[2], a[3], a[4]),
            11 => self.sys_execve(host, a[0], a[1], a[2]),
            114 => self.sys_wait4(a[0] as i32, a[1], a[2]),
            42 => self.sys_pipe(a[0], 0),
            359 => self.sys_pipe(a[0], a[1]),
            0xf0002 => self.sys_cacheflush(a[0], a[1]),
            0xf0005 => {
                self.cpu.tpidruro = a[0];
                Ok(0)
            }
            _ => {
                self.warn_once(nr, "");
                Err(ENOSYS)
            }
        };
        if let Some(sig) = self.pending_signal.take() {
            return Some(RunEnd::Signaled(sig));
        }
        self.cpu.r[0] = match r {
            Ok(v) => v,
            Err(e) => (-e) as u32,
        };
        None
    }

    fn path(&self, addr: u32) -> Result<Vec<u8>, i32> {
        self.mem.read_cstr(addr, 4096).map_err(|_| EFAULT)
    }

    /// A path relative to a directory descriptor; only AT_FDCWD and
    /// absolute paths are supported.
    fn at_path(&self, _host: &mut dyn Host, dirfd: i32, addr: u32) -> Result<Vec<u8>, i32> {
        let p = self.path(addr)?;
        if dirfd == abi::AT_FDCWD || p.first() == Some(&b'/') {
            Ok(p)
        } else if self.fds.contains_key(&dirfd) {
            Err(ENOSYS)
        } else {
            Err(EBADF)
        }
    }

    fn guest_buf(&self, addr: u32, len: u32) -> Result<Vec<u8>, i32> {
        let mut v = vec![0u8; len as usize];
        self.mem.read_bytes(addr, &mut v).map_err(|_| EFAULT)?;
        Ok(v)
    }

    fn put_guest(&mut self, addr: u32, data: &[u8]) -> Result<(), i32> {
        self.mem.write_bytes(addr, data).map_err(|_| EFAULT)?;
        self.note_code_write();
        Ok(())
    }

    /// A system call that writes guest memory may overwrite predecoded
    /// code (read() into a code page): drop those blocks.
    fn note_code_write(&mut self) {
        while let Some(page) = self.mem.take_code_written() {
            self.engine.invalidate_page(&mut self.mem, page);
        }
    }

    fn sys_read(&mut self, host: &mut dyn Host, fd: i32, buf: u32, len: u32) -> SysResult {
        let mut data = vec![0u8; len.min(1 << 24) as usize];
        let n = self.read_fd(host, fd, &mut data)?;
        self.put_guest(buf, &data[..n])?;
        Ok(n as u32)
    }

    fn sys_write(&mut self, host: &mut dyn Host, fd: i32, buf: u32, len: u32) -> SysResult {
        self.fd(fd)?;
        let data = self.guest_buf(buf, len.min(1 << 24))?;
        self.write_data(host, fd, &data)
    }

    /// A write to a pipe nobody reads raises SIGPIPE, whose default action
    /// ends the process.
    fn write_data(&mut self, host: &mut dyn Host, fd: i32, data: &[u8]) -> SysResult {
        match self.write_fd(host, fd, data) {
            Ok(n) => Ok(n as u32),
            Err(WriteError::Errno(e)) => Err(e),
            Err(WriteError::BrokenPipe) => {
                self.pending_signal = Some(abi::SIGPIPE);
                Err(EPIPE)
            }
        }
    }

    fn sys_pread(
        &mut self,
        host: &mut dyn Host,
        fd: i32,
        buf: u32,
        len: u32,
        off: u64,
    ) -> SysResult {
        let h = self.fd_handle(fd)?;
        let mut data = vec![0u8; len.min(1 << 24) as usize];
        let n = host.pread(h, &mut data, off)?;
        self.put_guest(buf, &data[..n])?;
        Ok(n as u32)
    }

    fn sys_pwrite(
        &mut self,
        host: &mut dyn Host,
        fd: i32,
        buf: u32,
        len: u32,
        off: u64,
    ) -> SysResult {
        let h = self.fd_handle(fd)?;
        let data = self.guest_buf(buf, len.min(1 << 24))?;
        Ok(host.pwrite(h, &data, off)? as u32)
    }

    fn iovecs(&self, iov: u32, cnt: u32) -> Result<Vec<(u32, u32)>, i32> {
        if cnt > 1024 {
            return Err(EINVAL);
        }
        (0..cnt)
            .map(|i| {
                let base = self.mem.read_u32(iov + 8 * i).map_err(|_| EFAULT)?;
                let len = self.mem.read_u32(iov + 8 * i + 4).map_err(|_| EFAULT)?;
                Ok((base, len))
            })
            .collect()
    }

    fn sys_writev(&mut self, host: &mut dyn Host, fd: i32, iov: u32, cnt: u32) -> SysResult {
        self.fd(fd)?;
        let mut data = Vec::new();
        for (base, len) in self.iovecs(iov, cnt)? {
            data.extend(self.guest_buf(base, len)?);
        }
        self.write_data(host, fd, &data)
    }

    fn sys_readv(&mut self, host: &mut dyn Host, fd: i32, iov: u32, cnt: u32) -> SysResult {
        self.fd(fd)?;
        let mut total = 0u32;
        for (base, len) in self.iovecs(iov, cnt)? {
            let mut data = vec![0u8; len as usize];
            let n = self.read_fd(host, fd, &mut data)?;
            self.put_guest(base, &data[..n])?;
            total += n as u32;
            if n < len as usize {
                break;
            }
        }
        Ok(total)
    }

    fn sys_openat(
        &mut self,
        host: &mut dyn Host,
        dirfd: i32,
        path: u32,
        flags: u32,
        mode: u32,
    ) -> SysResult {
        let p = self.at_path(host, dirfd, path)?;
        let fd = self.alloc_fd(0)?;
        let h = host.open(&p, open_flags(flags), mode & !self.umask)?;
        let status = flags & (oflag::ACCMODE | oflag::APPEND | oflag::NONBLOCK);
        self.install_fd(fd, Target::Host(h), status, flags & oflag::CLOEXEC != 0);
        Ok(fd as u32)
    }

    /// Files and the standard streams never block here: every requested
    /// event is ready at once.
    fn sys_poll(&mut self, fds: u32, n: u32) -> SysResult {
        const POLLIN: u16 = 1;
        const POLLOUT: u16 = 4;
        const POLLNVAL: u16 = 0x20;
        let mut ready = 0;
        for i in 0..n.min(1024) {
            let at = fds.wrapping_add(8 * i);
            let fd = self.mem.read_u32(at).map_err(|_| EFAULT)? as i32;
            let events = self.mem.read_u16(at + 4).map_err(|_| EFAULT)?;
            let revents = if fd < 0 {
                0
            } else {
                self.ready(fd, events & (POLLIN | POLLOUT))
                    .unwrap_or(POLLNVAL)
            };
            self.put_guest(at + 6, &revents.to_le_bytes())?;
            ready += (revents != 0) as u32;
        }
        Ok(ready)
    }

    fn sys_close(&mut self, host: &mut dyn Host, fd: i32) -> SysResult {
        self.close_fd(host, fd).map(|_| 0)
    }

    fn sys_dup(
        &mut self,
        host: &mut dyn Host,
        old: i32,
        new: Option<i32>,
        flags: u32,
    ) -> SysResult {
        let f = self.fd(old)?;
        let (target, status) = (f.target, f.status);
        let fd = match new {
            Some(n) if n == old => {
                return if flags != 0 {
                    Err(EINVAL)
                } else {
                    Ok(n as u32)
                }
            }
            Some(n) if !(0..1024).contains(&n) => return Err(EBADF),
            Some(n) => {
                // dup2 closes the target first, silently.
                let _ = self.sys_close(host, n);
                n
            }
            None => self.alloc_fd(0)?,
        };
        self.install_fd(fd, target, status, flags & oflag::CLOEXEC != 0);
        Ok(fd as u32)
    }

    fn sys_fcntl(&mut self, fd: i32, cmd: u32, arg: u32) -> SysResult {
        const F_DUPFD: u32 = 0;
        const F_GETFD: u32 = 1;
        const F_SETFD: u32 = 2;
        const F_GETFL: u32 = 3;
        const F_SETFL: u32 = 4;
        const F_DUPFD_CLOEXEC: u32 = 1030;
        match cmd {
            F_DUPFD | F_DUPFD_CLOEXEC => {
                let f = self.fd(fd)?;
                let (target, status) = (f.target, f.status);
                let new = self.alloc_fd(arg as i32)?;
                self.install_fd(new, target, status, cmd == F_DUPFD_CLOEXEC);
                Ok(new as u32)
            }
            F_GETFD => Ok(self.fd(fd)?.cloexec as u32),
            F_SETFD => {
                self.fds.get_mut(&fd).ok_or(EBADF)?.cloexec = arg & 1 != 0;
                Ok(0)
            }
            F_GETFL => Ok(self.fd(fd)?.status),
            F_SETFL => {
                let f = self.fds.get_mut(&fd).ok_or(EBADF)?;
                f.status = (f.status & oflag::ACCMODE) | (arg & (oflag::APPEND | oflag::NONBLOCK));
                Ok(0)
            }
            _ => Err(EINVAL),
        }
    }

    /// Nothing is a terminal: the answer only changes how the guest
    /// buffers its output, and must not depend on how we were started.
    fn sys_ioctl(&mut self, fd: i32) -> SysResult {
        self.fd(fd)?;
        Err(ENOTTY)
    }

    fn sys_lseek(&mut self, host: &mut dyn Host, fd: i32, off: i64, whence: u32) -> SysResult {
        let h = self.fd_handle(fd)?;
        let pos = host.seek(h, off, whence)?;
        if pos > u32::MAX as u64 >> 1 {
            return Err(EINVAL);
        }
        Ok(pos as u32)
    }

    fn sys_llseek(
        &mut self,
        host: &mut dyn Host,
        fd: i32,
        hi: u32,
        lo: u32,
        result: u32,
        whence: u32,
    ) -> SysResult {
        let h = self.fd_handle(fd)?;
        let off = ((hi as u64) << 32 | lo as u64) as i64;
        let pos = host.seek(h, off, whence)?;
        self.put_guest(result, &pos.to_le_bytes())?;
        Ok(0)
    }

    fn sys_rename(&mut self, host: &mut dyn Host, from: u32, to: u32) -> SysResult {
        let (f, t) = (self.path(from)?, self.path(to)?);
        host.rename(&f, &t).map(|_| 0)
    }

    fn sys_renameat(
        &mut self,
        host: &mut dyn Host,
        d1: i32,
        from: u32,
        d2: i32,
        to: u32,
    ) -> SysResult {
        let f = self.at_path(host, d1, from)?;
        let t = self.at_path(host, d2, to)?;
        host.rename(&f, &t).map(|_| 0)
    }

    fn sys_unlinkat(
        &mut self,
        host: &mut dyn Host,
        dirfd: i32,
        path: u32,
        flags: u32,
    ) -> SysResult {
        let p = self.at_path(host, dirfd, path)?;
        if flags & abi::AT_REMOVEDIR != 0 {
            host.rmdir(&p).map(|_| 0)
        } else {
            host.unlink(&p).map(|_| 0)
        }
    }

    fn readlink_into(&mut self, host: &mut dyn Host, p: &[u8], buf: u32, size: u32) -> SysResult {
        let target = if p == b"/proc/self/exe" {
            self.exe_path.clone()
        } else {
            host.readlink(p)?
        };
        let n = target.len().min(size as usize);
        self.put_guest(buf, &target[..n])?;
        Ok(n as u32)
    }

    fn sys_readlink(&mut self, host: &mut dyn Host, path: u32, buf: u32, size: u32) -> SysResult {
        let p = self.path(path)?;
        self.readlink_into(host, &p, buf, size)
    }

    /// fstat of a descriptor; pipes are FIFOs.
    fn fd_stat(&mut self, host: &mut dyn Host, fd: i32) -> Result<FileStat, i32> {
        match self.fd(fd)?.target {
            Target::Host(h) => host.fstat(h),
            _ => Ok(FileStat {
                mode: 0o010600,
                nlink: 1,
                blksize: 4096,
                ..Default::default()
            }),
        }
    }

    fn put_stat(&mut self, addr: u32, s: &FileStat, statx: bool) -> SysResult {
        if statx {
            self.put_guest(addr, &abi::statx_bytes(s))?;
        } else {
            self.put_guest(addr, &abi::stat64_bytes(s))?;
        }
        Ok(0)
    }

    fn sys_stat(
        &mut self,
        host: &mut dyn Host,
        dirfd: i32,
        path: u32,
        buf: u32,
        flags: u32,
        statx: bool,
    ) -> SysResult {
        let p = self.path(path)?;
        let st = if p.is_empty() && flags & abi::AT_EMPTY_PATH != 0 {
            self.fd_stat(host, dirfd)?
        } else {
            let p = self.at_path(host, dirfd, path)?;
            host.stat(&p, flags & abi::AT_SYMLINK_NOFOLLOW == 0)?
        };
        self.put_stat(buf, &st, statx)
    }

    fn sys_getdents64(&mut self, host: &mut dyn Host, fd: i32, buf: u32, size: u32) -> SysResult {
        let h = self.fd_handle(fd)?;
        if self.fd(fd)?.dir.is_none() {
            let mut entries = host.read_dir(h)?;
            entries.sort_by(|a, b| a.name.cmp(&b.name));
            self.fds.get_mut(&fd).ok_or(EBADF)?.dir = Some((entries, 0));
        }
        let mut out = Vec::new();
        let f = self.fds.get_mut(&fd).ok_or(EBADF)?;
        let (entries, pos) = f.dir.as_mut().ok_or(EBADF)?;
        while *pos < entries.len() {
            let e = &entries[*pos];
            let reclen = (19 + e.name.len() + 1 + 7) & !7;
            if out.len() + reclen > size as usize {
                if out.is_empty() {
                    return Err(EINVAL);
                }
                break;
            }
            let start = out.len();
            out.resize(start + reclen, 0);
            abi::put64(&mut out, start, e.ino);
            abi::put64(&mut out, start + 8, (*pos + 1) as u64);
            out[start + 16..start + 18].copy_from_slice(&(reclen as u16).to_le_bytes());
            out[start + 18] = e.kind;
            out[start + 19..start + 19 + e.name.len()].copy_from_slice(&e.name);
            *pos += 1;
        }
        self.put_guest(buf, &out)?;
        Ok(out.len() as u32)
    }

    fn sys_getcwd(&mut self, host: &mut dyn Host, buf: u32, size: u32) -> SysResult {
        let mut cwd = host.getcwd()?;
        cwd.push(0);
        if cwd.len() > size as usize {
            return Err(ERANGE);
        }
        self.put_guest(buf, &cwd)?;
        Ok(cwd.len() as u32)
    }

    fn sys_brk(&mut self, addr: u32) -> u32 {
        if addr < self.brk_start || addr >= MMAP_FLOOR {
            return self.brk;
        }
        let (old_end, new_end) = (page_up(self.brk), page_up(addr));
        if new_end > old_end {
            if !self.mem.is_free(old_end, new_end - old_end) {
                return self.brk;
            }
            self.mem.map(old_end, new_end - old_end, perm::RW);
        } else if new_end < old_end {
            self.mem.unmap(new_end, old_end - new_end);
        }
        self.brk = addr;
        addr
    }

    #[allow(clippy::too_many_arguments)] // the system call's own six arguments
    fn sys_mmap2(
        &mut self,
        host: &mut dyn Host,
        addr: u32,
        len: u32,
        prot: u32,
        flags: u32,
        fd: i32,
        pgoff: u32,
    ) -> SysResult {
        if len == 0 {
            return Err(EINVAL);
        }
        let len = page_up(len);
        if len == 0 {
            return Err(ENOMEM);
        }
        let at = if flags & abi::MAP_FIXED != 0 {
            if addr & (PAGE_SIZE - 1) != 0 {
                return Err(EINVAL);
            }
            self.drop_code(addr, len);
            addr
        } else if addr != 0 && addr >= MMAP_FLOOR && self.mem.is_free(addr & !(PAGE_SIZE - 1), len)
        {
            addr & !(PAGE_SIZE - 1)
        } else {
            self.mem
                .find_free(len, MMAP_FLOOR, MMAP_TOP)
                .ok_or(ENOMEM)?
        };
        let data = if flags & abi::MAP_ANONYMOUS == 0 {
            let h = self.fd_handle(fd)?;
            let mut buf = vec![0u8; len as usize];
            let n = host.pread(h, &mut buf, pgoff as u64 * PAGE_SIZE as u64)?;
            buf.truncate(n);
            Some(buf)
        } else {
            None
        };
        self.mem.map(at, len, prot_to_perm(prot));
        if let Some(d) = data {
            // MAP_SHARED writes are not written back: the guests we run
            // map files only to read them.
            let _ = flags & abi::MAP_SHARED;
            self.mem.poke_bytes(at, &d).map_err(|_| EFAULT)?;
        }
        Ok(at)
    }

    /// Forgets predecoded blocks in a range whose mapping changes.
    fn drop_code(&mut self, addr: u32, len: u32) {
        let mut p = addr & !(PAGE_SIZE - 1);
        let end = addr as u64 + len as u64;
        while (p as u64) < end {
            if self.mem.perms(p) & perm::CODE != 0 {
                self.engine.invalidate_page(&mut self.mem, p);
            }
            match p.checked_add(PAGE_SIZE) {
                Some(n) => p = n,
                None => break,
            }
        }
    }

    fn sys_munmap(&mut self, addr: u32, len: u32) -> SysResult {
        if addr & (PAGE_SIZE - 1) != 0 || len == 0 {
            return Err(EINVAL);
        }
        self.drop_code(addr, len);
        self.mem.unmap(addr, page_up(len));
        Ok(0)
    }

    fn sys_mprotect(&mut self, addr: u32, len: u32, prot: u32) -> SysResult {
        if addr & (PAGE_SIZE - 1) != 0 {
            return Err(EINVAL);
        }
        self.drop_code(addr, len);
        self.mem.protect(addr, page_up(len), prot_to_perm(prot));
        Ok(0)
    }

    fn sys_mremap(&mut self, old: u32, old_len: u32, new_len: u32, flags: u32) -> SysResult {
        let (old_len, new_len) = (page_up(old_len), page_up(new_len));
        if old & (PAGE_SIZE - 1) != 0 || new_len == 0 {
            return Err(EINVAL);
        }
        if new_len <= old_len {
            self.mem.unmap(old + new_len, old_len - new_len);
            return Ok(old);
        }
        let prot = self.mem.perms(old) & perm::RWX;
        if self.mem.is_free(old + old_len, new_len - old_len) {
            self.mem.map(old + old_len, new_len - old_len, prot);
            return Ok(old);
        }
        if flags & abi::MREMAP_MAYMOVE == 0 {
            return Err(ENOMEM);
        }
        let at = self
            .mem
            .find_free(new_len, MMAP_FLOOR, MMAP_TOP)
            .ok_or(ENOMEM)?;
        let mut data = vec![0u8; old_len as usize];
        self.mem.protect(old, old_len, prot | perm::READ);
        self.mem.read_bytes(old, &mut data).map_err(|_| EFAULT)?;
        self.mem.map(at, new_len, prot);
        self.mem.poke_bytes(at, &data).map_err(|_| EFAULT)?;
        self.drop_code(old, old_len);
        self.mem.unmap(old, old_len);
        Ok(at)
    }

    fn sys_cacheflush(&mut self, start: u32, end: u32) -> SysResult {
        if end > start {
            self.drop_code(start, end - start);
        }
        Ok(0)
    }

    /// Nanoseconds since the virtual epoch: retired instructions times the
    /// configured period, plus time slept.
    fn virtual_ns(&self) -> u64 {
        self.cpu
            .icount
            .wrapping_mul(self.opts.ns_per_insn)
            .wrapping_add(self.slept_ns)
    }

    /// (seconds, nanoseconds) for a clock id.
    fn clock(&self, host: &mut dyn Host, id: u32) -> (i64, u32) {
        const CLOCK_REALTIME: u32 = 0;
        const CLOCK_REALTIME_COARSE: u32 = 5;
        let ns = self.virtual_ns();
        let mono = ((ns / 1_000_000_000) as i64, (ns % 1_000_000_000) as u32);
        match id {
            CLOCK_REALTIME | CLOCK_REALTIME_COARSE => {
                if self.opts.host_time {
                    host.now()
                } else {
                    (self.opts.epoch + mono.0, mono.1)
                }
            }
            _ => mono,
        }
    }

    fn sys_clock_gettime(
        &mut self,
        host: &mut dyn Host,
        id: u32,
        ts: u32,
        time64: bool,
    ) -> SysResult {
        let (s, ns) = self.clock(host, id);
        if time64 {
            let mut b = [0u8; 16];
            abi::put64(&mut b, 0, s as u64);
            abi::put64(&mut b, 8, ns as u64);
            self.put_guest(ts, &b)?;
        } else {
            let mut b = [0u8; 8];
            abi::put32(&mut b, 0, s as u32);
            abi::put32(&mut b, 4, ns);
            self.put_guest(ts, &b)?;
        }
        Ok(0)
    }

    fn sys_clock_getres(&mut self, ts: u32, time64: bool) -> SysResult {
        if ts != 0 {
            let ns = self.opts.ns_per_insn.max(1) as u32;
            if time64 {
                let mut b = [0u8; 16];
                abi::put64(&mut b, 8, ns as u64);
                self.put_guest(ts, &b)?;
            } else {
                let mut b = [0u8; 8];
                abi::put32(&mut b, 4, ns);
                self.put_guest(ts, &b)?;
            }
        }
        Ok(0)
    }

    fn sys_gettimeofday(&mut self, host: &mut dyn Host, tv: u32) -> SysResult {
        if tv != 0 {
            let (s, ns) = self.clock(host, 0);
            let mut b = [0u8; 8];
            abi::put32(&mut b, 0, s as u32);
            abi::put32(&mut b, 4, ns / 1000);
            self.put_guest(tv, &b)?;
        }
        Ok(0)
    }

    /// Sleeping advances virtual time and returns at once.
    fn sys_nanosleep(&mut self, req: u32, time64: bool) -> SysResult {
        let (s, ns) = if time64 {
            (
                self.mem.read_u64(req).map_err(|_| EFAULT)?,
                self.mem.read_u64(req + 8).map_err(|_| EFAULT)?,
            )
        } else {
            (
                self.mem.read_u32(req).map_err(|_| EFAULT)? as u64,
                self.mem.read_u32(req + 4).map_err(|_| EFAULT)? as u64,
            )
        };
        self.slept_ns = self
            .slept_ns
            .wrapping_add(s.wrapping_mul(1_000_000_000).wrapping_add(ns));
        Ok(0)
    }

    fn sys_getrandom(&mut self, buf: u32, len: u32) -> SysResult {
        let mut data = vec![0u8; len.min(1 << 20) as usize];
        self.rng.fill(&mut data);
        self.put_guest(buf, &data)?;
        Ok(data.len() as u32)
    }

    fn sys_uname(&mut self, buf: u32) -> SysResult {
        let mut b = [0u8; 390];
        for (i, s) in [
            &b"Linux"[..],
            b"lockstep",
            b"6.1.0",
            b"#1 SMP lockstep",
            b"armv7l",
            b"(none)",
        ]
        .iter()
        .enumerate()
        {
            b[i * 65..i * 65 + s.len()].copy_from_slice(s);
        }
        self.put_guest(buf, &b)?;
        Ok(0)
    }

    fn sys_sysinfo(&mut self, buf: u32) -> SysResult {
        let mut b = [0u8; 64];
        abi::put32(&mut b, 0, (self.virtual_ns() / 1_000_000_000) as u32);
        abi::put32(&mut b, 16, 1 << 30); // totalram
        abi::put32(&mut b, 20, 1 << 29); // freeram
        b[40..42].copy_from_slice(&1u16.to_le_bytes()); // procs
        abi::put32(&mut b, 52, 1); // mem_unit
        self.put_guest(buf, &b)?;
        Ok(0)
    }

    fn rlimit(resource: u32) -> (u64, u64) {
        const RLIMIT_STACK: u32 = 3;
        const RLIMIT_NOFILE: u32 = 7;
        match resource {
            RLIMIT_STACK => (8 << 20, u64::MAX),
            RLIMIT_NOFILE => (1024, 1024),
            _ => (u64::MAX, u64::MAX),
        }
    }

    fn sys_getrlimit(&mut self, resource: u32, out: u32, _: bool) -> SysResult {
        let (cur, max) = Self::rlimit(resource);
        let clamp = |v: u64| v.min(u32::MAX as u64) as u32;
        let mut b = [0u8; 8];
        abi::put32(&mut b, 0, clamp(cur));
        abi::put32(&mut b, 4, clamp(max));
        self.put_guest(out, &b)?;
        Ok(0)
    }

    fn sys_prlimit(&mut self, resource: u32, old: u32) -> SysResult {
        if old != 0 {
            let (cur, max) = Self::rlimit(resource);
            let mut b = [0u8; 16];
            abi::put64(&mut b, 0, cur);
            abi::put64(&mut b, 8, max);
            self.put_guest(old, &b)?;
        }
        Ok(0)
    }

    /// Handlers are accepted and never called: no signal is ever
    /// delivered to a single-threaded user-mode guest except by itself.
    fn sys_rt_sigaction(&mut self, _act: u32, old: u32, size: u32) -> SysResult {
        if old != 0 {
            self.put_guest(old, &vec![0u8; 12 + size.min(16) as usize])?;
        }
        Ok(0)
    }

    fn sys_rt_sigprocmask(&mut self, old: u32, size: u32) -> SysResult {
        if old != 0 {
            self.put_guest(old, &vec![0u8; size.min(16) as usize])?;
        }
        Ok(0)
    }

    /// One thread: waits cannot block on anyone, wakes wake no one.
    fn sys_futex(&mut self, addr: u32, op: u32, val: u32) -> SysResult {
        const FUTEX_WAIT: u32 = 0;
        match op & 0x7f {
            FUTEX_WAIT => {
                let cur = self.mem.read_u32(addr).map_err(|_| EFAULT)?;
                if cur != val {
                    Err(EAGAIN)
                } else {
                    Err(EINVAL)
                }
            }
            _ => Ok(0),
        }
    }

    /// kill/tgkill: a signal to ourselves ends the process the way Linux's
    /// default action would (abort() raises SIGABRT).
    fn sys_pipe(&mut self, fds: u32, flags: u32) -> SysResult {
        let (r, w) = self.new_pipe(flags)?;
        let mut b = [0u8; 8];
        abi::put32(&mut b, 0, r as u32);
        abi::put32(&mut b, 4, w as u32);
        self.put_guest(fds, &b)?;
        Ok(0)
    }

    fn sys_kill(&mut self, pid: u32, sig: u32) -> Option<RunEnd> {
        if (pid == PID || pid == 0) && sig != 0 {
            return Some(RunEnd::Signaled(sig as i32));
        }
        self.cpu.r[0] = if pid == PID { 0 } else { (-ESRCH) as u32 };
        None
    }
}
