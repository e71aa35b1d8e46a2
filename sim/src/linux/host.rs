//! What user-mode Linux needs from the host: files, directories and the
//! host clock. The simulator core does no host I/O itself; the binary
//! supplies an implementation (`src/host.rs`), and tests supply fakes.
//!
//! Errors are Linux errno values (the generic numbering ARM Linux uses).

/// An open host file, as the host implementation names it.
pub type Handle = u64;
pub type HostResult<T> = Result<T, i32>;

/// Open flags, decoded from the guest's ARM values so that the host side
/// need not know ARM's numbering.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OpenFlags {
    /// 0 read-only, 1 write-only, 2 read-write.
    pub access: u32,
    pub create: bool,
    pub exclusive: bool,
    pub truncate: bool,
    pub append: bool,
    pub directory: bool,
    pub nofollow: bool,
}

/// File metadata in the units Linux's stat family uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FileStat {
    pub dev: u64,
    pub ino: u64,
    pub mode: u32,
    pub nlink: u32,
    pub uid: u32,
    pub gid: u32,
    pub rdev: u64,
    pub size: i64,
    pub blksize: u32,
    pub blocks: u64,
    pub atime: (i64, u32),
    pub mtime: (i64, u32),
    pub ctime: (i64, u32),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirEntry {
    pub ino: u64,
    /// DT_* type.
    pub kind: u8,
    pub name: Vec<u8>,
}

pub trait Host {
    /// The host handles of the guest's standard input, output and error.
    fn std_handles(&self) -> [Handle; 3];
    fn open(&mut self, path: &[u8], flags: OpenFlags, mode: u32) -> HostResult<Handle>;
    fn close(&mut self, h: Handle);
    fn read(&mut self, h: Handle, buf: &mut [u8]) -> HostResult<usize>;
    fn write(&mut self, h: Handle, buf: &[u8]) -> HostResult<usize>;
    fn pread(&mut self, h: Handle, buf: &mut [u8], offset: u64) -> HostResult<usize>;
    fn pwrite(&mut self, h: Handle, buf: &[u8], offset: u64) -> HostResult<usize>;
    /// `whence` is SEEK_SET (0), SEEK_CUR (1) or SEEK_END (2).
    fn seek(&mut self, h: Handle, offset: i64, whence: u32) -> HostResult<u64>;
    fn fstat(&mut self, h: Handle) -> HostResult<FileStat>;
    fn stat(&mut self, path: &[u8], follow: bool) -> HostResult<FileStat>;
    /// Every entry of an open directory (the guest side sorts them, so
    /// listings do not depend on the host file system's order).
    fn read_dir(&mut self, h: Handle) -> HostResult<Vec<DirEntry>>;
    fn readlink(&mut self, path: &[u8]) -> HostResult<Vec<u8>>;
    fn unlink(&mut self, path: &[u8]) -> HostResult<()>;
    fn mkdir(&mut self, path: &[u8], mode: u32) -> HostResult<()>;
    fn rmdir(&mut self, path: &[u8]) -> HostResult<()>;
    fn rename(&mut self, from: &[u8], to: &[u8]) -> HostResult<()>;
    fn chmod(&mut self, path: &[u8], mode: u32) -> HostResult<()>;
    fn ftruncate(&mut self, h: Handle, len: u64) -> HostResult<()>;
    /// `mode` is access(2)'s: F_OK 0, or R_OK 4 | W_OK 2 | X_OK 1.
    fn access(&mut self, path: &[u8], mode: u32) -> HostResult<()>;
    fn getcwd(&mut self) -> HostResult<Vec<u8>>;
    fn chdir(&mut self, path: &[u8]) -> HostResult<()>;
    fn isatty(&mut self, h: Handle) -> bool;
    /// Host wall-clock time (seconds, nanoseconds), used only with
    /// `--host-time`.
    fn now(&mut self) -> (i64, u32);
}
