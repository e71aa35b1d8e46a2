//! File descriptors and pipes.
//!
//! A descriptor names a `Target`: an open host file or one end of a pipe.
//! Reference counts of targets, and the pipes' buffers, are kernel-wide
//! (`Shared`), because forked processes share open files; `Shared` moves
//! to whichever process of the run is executing.

use std::collections::{BTreeMap, VecDeque};

use super::abi::errno::*;
use super::host::{DirEntry, Handle, Host};
use super::process::Process;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Target {
    Host(Handle),
    PipeRead(u32),
    PipeWrite(u32),
}

#[derive(Clone, Debug)]
pub(super) struct OpenFile {
    pub target: Target,
    /// The file's own flags (O_APPEND, O_NONBLOCK...) for F_GETFL.
    pub status: u32,
    pub cloexec: bool,
    /// getdents64 position: the sorted entries and the next index.
    pub dir: Option<(Vec<DirEntry>, usize)>,
}

/// A pipe holds what its writers wrote until a reader takes it. Forked
/// children run to completion before their parent continues, so a pipe
/// never needs to block: it buffers up to `PIPE_LIMIT` bytes.
pub(super) const PIPE_LIMIT: usize = 64 << 20;

#[derive(Default)]
pub(super) struct Shared {
    pub refs: BTreeMap<Target, u32>,
    pub pipes: BTreeMap<u32, VecDeque<u8>>,
    pub next_pipe: u32,
    pub next_pid: u32,
}

/// What a write to a descriptor did.
pub(super) enum WriteError {
    Errno(i32),
    /// No reader is left (or the pipe is full): SIGPIPE.
    BrokenPipe,
}

impl Process {
    pub(super) fn fd(&self, fd: i32) -> Result<&OpenFile, i32> {
        self.fds.get(&fd).ok_or(EBADF)
    }

    /// The host file behind a descriptor; pipes are not seekable files.
    pub(super) fn fd_handle(&self, fd: i32) -> Result<Handle, i32> {
        match self.fd(fd)?.target {
            Target::Host(h) => Ok(h),
            _ => Err(ESPIPE),
        }
    }

    pub(super) fn alloc_fd(&self, from: i32) -> Result<i32, i32> {
        (from.max(0)..1024)
            .find(|fd| !self.fds.contains_key(fd))
            .ok_or(EMFILE)
    }

    /// Points descriptor `fd` (free) at `target`.
    pub(super) fn install_fd(&mut self, fd: i32, target: Target, status: u32, cloexec: bool) {
        *self.shared.refs.entry(target).or_insert(0) += 1;
        self.fds.insert(
            fd,
            OpenFile {
                target,
                status,
                cloexec,
                dir: None,
            },
        );
    }

    pub(super) fn close_fd(&mut self, host: &mut dyn Host, fd: i32) -> Result<(), i32> {
        let f = self.fds.remove(&fd).ok_or(EBADF)?;
        self.release(host, f.target);
        Ok(())
    }

    /// Drops one reference to a target, closing it with the last.
    pub(super) fn release(&mut self, host: &mut dyn Host, target: Target) {
        let refs = self.shared.refs.entry(target).or_insert(1);
        *refs -= 1;
        if *refs > 0 {
            return;
        }
        self.shared.refs.remove(&target);
        match target {
            Target::Host(h) => host.close(h),
            Target::PipeRead(id) | Target::PipeWrite(id) => {
                let other = match target {
                    Target::PipeRead(_) => Target::PipeWrite(id),
                    _ => Target::PipeRead(id),
                };
                if !self.shared.refs.contains_key(&other) {
                    self.shared.pipes.remove(&id);
                }
            }
        }
    }

    pub(super) fn close_all(&mut self, host: &mut dyn Host) {
        let fds: Vec<i32> = self.fds.keys().copied().collect();
        for fd in fds {
            let _ = self.close_fd(host, fd);
        }
    }

    pub(super) fn new_pipe(&mut self, flags: u32) -> Result<(i32, i32), i32> {
        let r = self.alloc_fd(0)?;
        let id = self.shared.next_pipe;
        self.shared.next_pipe += 1;
        self.shared.pipes.insert(id, VecDeque::new());
        let cloexec = flags & super::abi::oflag::CLOEXEC != 0;
        self.install_fd(r, Target::PipeRead(id), 0, cloexec);
        let w = self.alloc_fd(0)?;
        self.install_fd(w, Target::PipeWrite(id), 1, cloexec);
        Ok((r, w))
    }

    pub(super) fn read_fd(
        &mut self,
        host: &mut dyn Host,
        fd: i32,
        buf: &mut [u8],
    ) -> Result<usize, i32> {
        match self.fd(fd)?.target {
            Target::Host(h) => host.read(h, buf),
            Target::PipeRead(id) => {
                let pipe = self.shared.pipes.get_mut(&id).ok_or(EBADF)?;
                let n = buf.len().min(pipe.len());
                for (dst, src) in buf.iter_mut().zip(pipe.drain(..n)) {
                    *dst = src;
                }
                // An empty pipe whose writer is still open would block
                // forever here (the writer cannot run while we wait):
                // treat it as end of file.
                Ok(n)
            }
            Target::PipeWrite(_) => Err(EBADF),
        }
    }

    pub(super) fn write_fd(
        &mut self,
        host: &mut dyn Host,
        fd: i32,
        data: &[u8],
    ) -> Result<usize, WriteError> {
        match self.fd(fd).map_err(WriteError::Errno)?.target {
            Target::Host(h) => host.write(h, data).map_err(WriteError::Errno),
            Target::PipeWrite(id) => {
                if !self.shared.refs.contains_key(&Target::PipeRead(id)) {
                    return Err(WriteError::BrokenPipe);
                }
                let pipe = self
                    .shared
                    .pipes
                    .get_mut(&id)
                    .ok_or(WriteError::Errno(EBADF))?;
                if pipe.len() + data.len() > PIPE_LIMIT {
                    return Err(WriteError::BrokenPipe);
                }
                pipe.extend(data);
                Ok(data.len())
            }
            Target::PipeRead(_) => Err(WriteError::Errno(EBADF)),
        }
    }

    /// poll(2) readiness of a descriptor for POLLIN (1) / POLLOUT (4).
    pub(super) fn ready(&self, fd: i32, events: u16) -> Option<u16> {
        let f = self.fds.get(&fd)?;
        Some(match f.target {
            Target::Host(_) => events & 5,
            Target::PipeRead(_) => events & 1,
            Target::PipeWrite(_) => events & 4,
        })
    }

    /// The same descriptors in a forked child: every target gains a
    /// reference.
    pub(super) fn fork_fds(&mut self) -> BTreeMap<i32, OpenFile> {
        for f in self.fds.values() {
            *self.shared.refs.entry(f.target).or_insert(0) += 1;
        }
        self.fds.clone()
    }
}
