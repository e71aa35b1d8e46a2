//! ARM EABI Linux constants and structure layouts the system calls use.

/// errno values (asm-generic/errno-base.h, errno.h).
pub mod errno {
    pub const ESRCH: i32 = 3;
    pub const EBADF: i32 = 9;
    pub const EAGAIN: i32 = 11;
    pub const ENOMEM: i32 = 12;
    pub const EFAULT: i32 = 14;
    pub const EINVAL: i32 = 22;
    pub const EMFILE: i32 = 24;
    pub const ENOTTY: i32 = 25;
    pub const ERANGE: i32 = 34;
    pub const ENOSYS: i32 = 38;
    pub const ECHILD: i32 = 10;
    pub const ESPIPE: i32 = 29;
    pub const ENOEXEC: i32 = 8;
    pub const EPIPE: i32 = 32;
    pub const E2BIG: i32 = 7;
}

/// ARM's open(2) flag bits where they differ from other architectures
/// (arch/arm/include/uapi/asm/fcntl.h).
pub mod oflag {
    pub const ACCMODE: u32 = 3;
    pub const CREAT: u32 = 0o100;
    pub const EXCL: u32 = 0o200;
    pub const TRUNC: u32 = 0o1000;
    pub const APPEND: u32 = 0o2000;
    pub const NONBLOCK: u32 = 0o4000;
    pub const DIRECTORY: u32 = 0o40000;
    pub const NOFOLLOW: u32 = 0o100000;
    pub const CLOEXEC: u32 = 0o2000000;
}

pub const AT_FDCWD: i32 = -100;

pub const SIGPIPE: i32 = 13;
pub const AT_SYMLINK_NOFOLLOW: u32 = 0x100;
pub const AT_REMOVEDIR: u32 = 0x200;
pub const AT_EMPTY_PATH: u32 = 0x1000;

pub const MAP_SHARED: u32 = 0x01;
pub const MAP_FIXED: u32 = 0x10;
pub const MAP_ANONYMOUS: u32 = 0x20;
pub const MREMAP_MAYMOVE: u32 = 1;
pub const PROT_READ: u32 = 1;
pub const PROT_WRITE: u32 = 2;
pub const PROT_EXEC: u32 = 4;

/// struct stat64 of ARM EABI (104 bytes).
pub fn stat64_bytes(s: &super::host::FileStat) -> [u8; 104] {
    let mut b = [0u8; 104];
    put64(&mut b, 0, s.dev);
    put32(&mut b, 12, s.ino as u32);
    put32(&mut b, 16, s.mode);
    put32(&mut b, 20, s.nlink);
    put32(&mut b, 24, s.uid);
    put32(&mut b, 28, s.gid);
    put64(&mut b, 32, s.rdev);
    put64(&mut b, 48, s.size as u64);
    put32(&mut b, 56, s.blksize);
    put64(&mut b, 64, s.blocks);
    put32(&mut b, 72, s.atime.0 as u32);
    put32(&mut b, 76, s.atime.1);
    put32(&mut b, 80, s.mtime.0 as u32);
    put32(&mut b, 84, s.mtime.1);
    put32(&mut b, 88, s.ctime.0 as u32);
    put32(&mut b, 92, s.ctime.1);
    put64(&mut b, 96, s.ino);
    b
}

/// struct statx (256 bytes), with the basic-stats mask.
pub fn statx_bytes(s: &super::host::FileStat) -> [u8; 256] {
    let mut b = [0u8; 256];
    put32(&mut b, 0, 0x7ff); // STATX_BASIC_STATS
    put32(&mut b, 4, s.blksize);
    put32(&mut b, 16, s.nlink);
    put32(&mut b, 20, s.uid);
    put32(&mut b, 24, s.gid);
    b[28..30].copy_from_slice(&(s.mode as u16).to_le_bytes());
    put64(&mut b, 32, s.ino);
    put64(&mut b, 40, s.size as u64);
    put64(&mut b, 48, s.blocks);
    for (off, t) in [(64, s.atime), (96, s.ctime), (112, s.mtime), (80, s.ctime)] {
        put64(&mut b, off, t.0 as u64);
        put32(&mut b, off + 8, t.1);
    }
    put32(&mut b, 128, (s.rdev >> 8) as u32 & 0xfff);
    put32(&mut b, 132, (s.rdev & 0xff) as u32);
    put32(&mut b, 136, (s.dev >> 8) as u32 & 0xfff);
    put32(&mut b, 140, (s.dev & 0xff) as u32);
    b
}

pub fn put32(b: &mut [u8], off: usize, v: u32) {
    b[off..off + 4].copy_from_slice(&v.to_le_bytes());
}

pub fn put64(b: &mut [u8], off: usize, v: u64) {
    b[off..off + 8].copy_from_slice(&v.to_le_bytes());
}
