//! The host side of Linux user mode: guest file operations on real files
//! and the host's standard streams.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{
    DirBuilderExt, FileExt, FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt,
};
use std::path::{Path, PathBuf};

use sim::linux::{DirEntry, FileStat, Handle, Host, HostResult, OpenFlags};

const EIO: i32 = 5;
const EBADF: i32 = 9;
const ESPIPE: i32 = 29;

enum HostFile {
    Stdin,
    Stdout,
    Stderr,
    File(File, PathBuf),
}

pub struct StdHost {
    files: BTreeMap<Handle, HostFile>,
    next: Handle,
}

fn errno(e: std::io::Error) -> i32 {
    e.raw_os_error().unwrap_or(EIO)
}

fn path(p: &[u8]) -> &Path {
    Path::new(std::ffi::OsStr::from_bytes(p))
}

fn file_stat(m: &std::fs::Metadata) -> FileStat {
    FileStat {
        dev: m.dev(),
        ino: m.ino(),
        mode: m.mode(),
        nlink: m.nlink() as u32,
        uid: m.uid(),
        gid: m.gid(),
        rdev: m.rdev(),
        size: m.size() as i64,
        blksize: m.blksize() as u32,
        blocks: m.blocks(),
        atime: (m.atime(), m.atime_nsec() as u32),
        mtime: (m.mtime(), m.mtime_nsec() as u32),
        ctime: (m.ctime(), m.ctime_nsec() as u32),
    }
}

/// The DT_* value for a file type (dirent.h).
fn dt(t: std::fs::FileType) -> u8 {
    if t.is_dir() {
        4
    } else if t.is_symlink() {
        10
    } else if t.is_file() {
        8
    } else if t.is_fifo() {
        1
    } else if t.is_char_device() {
        2
    } else if t.is_block_device() {
        6
    } else if t.is_socket() {
        12
    } else {
        0
    }
}

impl StdHost {
    pub fn new() -> Self {
        let mut files = BTreeMap::new();
        files.insert(0, HostFile::Stdin);
        files.insert(1, HostFile::Stdout);
        files.insert(2, HostFile::Stderr);
        StdHost { files, next: 3 }
    }

    fn file(&mut self, h: Handle) -> HostResult<&mut File> {
        match self.files.get_mut(&h) {
            Some(HostFile::File(f, _)) => Ok(f),
            Some(_) => Err(ESPIPE),
            None => Err(EBADF),
        }
    }
}

impl Host for StdHost {
    fn std_handles(&self) -> [Handle; 3] {
        [0, 1, 2]
    }

    fn open(&mut self, p: &[u8], flags: OpenFlags, mode: u32) -> HostResult<Handle> {
        let mut o = OpenOptions::new();
        o.read(flags.access != 1)
            .write(flags.access != 0)
            .append(flags.append)
            .truncate(flags.truncate && flags.access != 0)
            .mode(mode);
        if flags.create && flags.exclusive {
            o.create_new(true);
        } else {
            o.create(flags.create);
        }
        let mut custom = 0;
        if flags.directory {
            custom |= libc::O_DIRECTORY;
        }
        if flags.nofollow {
            custom |= libc::O_NOFOLLOW;
        }
        o.custom_flags(custom);
        let f = o.open(path(p)).map_err(errno)?;
        let h = self.next;
        self.next += 1;
        self.files
            .insert(h, HostFile::File(f, path(p).to_path_buf()));
        Ok(h)
    }

    fn close(&mut self, h: Handle) {
        if h > 2 {
            self.files.remove(&h);
        }
    }

    fn read(&mut self, h: Handle, buf: &mut [u8]) -> HostResult<usize> {
        match self.files.get_mut(&h) {
            Some(HostFile::Stdin) => std::io::stdin().read(buf).map_err(errno),
            Some(HostFile::File(f, _)) => f.read(buf).map_err(errno),
            Some(_) => Err(EBADF),
            None => Err(EBADF),
        }
    }

    fn write(&mut self, h: Handle, buf: &[u8]) -> HostResult<usize> {
        match self.files.get_mut(&h) {
            Some(HostFile::Stdout) => {
                let mut out = std::io::stdout().lock();
                out.write_all(buf)
                    .and_then(|_| out.flush())
                    .map_err(errno)?;
                Ok(buf.len())
            }
            Some(HostFile::Stderr) => {
                std::io::stderr().write_all(buf).map_err(errno)?;
                Ok(buf.len())
            }
            Some(HostFile::File(f, _)) => f.write(buf).map_err(errno),
            Some(HostFile::Stdin) | None => Err(EBADF),
        }
    }

    fn pread(&mut self, h: Handle, buf: &mut [u8], offset: u64) -> HostResult<usize> {
        self.file(h)?.read_at(buf, offset).map_err(errno)
    }

    fn pwrite(&mut self, h: Handle, buf: &[u8], offset: u64) -> HostResult<usize> {
        self.file(h)?.write_at(buf, offset).map_err(errno)
    }

    fn seek(&mut self, h: Handle, offset: i64, whence: u32) -> HostResult<u64> {
        let pos = match whence {
            0 => SeekFrom::Start(offset as u64),
            1 => SeekFrom::Current(offset),
            2 => SeekFrom::End(offset),
            _ => return Err(22),
        };
        self.file(h)?.seek(pos).map_err(errno)
    }

    fn fstat(&mut self, h: Handle) -> HostResult<FileStat> {
        match self.files.get(&h) {
            Some(HostFile::File(f, _)) => f.metadata().map(|m| file_stat(&m)).map_err(errno),
            // The standard streams look like character devices (pipes and
            // terminals alike), so guests buffer them the same way in
            // every environment.
            Some(_) => Ok(FileStat {
                mode: 0o020620,
                nlink: 1,
                blksize: 1024,
                rdev: 0x8800,
                ..Default::default()
            }),
            None => Err(EBADF),
        }
    }

    fn stat(&mut self, p: &[u8], follow: bool) -> HostResult<FileStat> {
        let m = if follow {
            std::fs::metadata(path(p))
        } else {
            std::fs::symlink_metadata(path(p))
        };
        m.map(|m| file_stat(&m)).map_err(errno)
    }

    fn read_dir(&mut self, h: Handle) -> HostResult<Vec<DirEntry>> {
        let dir = match self.files.get(&h) {
            Some(HostFile::File(_, p)) => p.clone(),
            _ => return Err(EBADF),
        };
        let meta = std::fs::metadata(&dir).map_err(errno)?;
        let mut out = vec![
            DirEntry {
                ino: meta.ino(),
                kind: 4,
                name: b".".to_vec(),
            },
            DirEntry {
                ino: meta.ino(),
                kind: 4,
                name: b"..".to_vec(),
            },
        ];
        for e in std::fs::read_dir(&dir).map_err(errno)? {
            let e = e.map_err(errno)?;
            let kind = e.file_type().map(dt).unwrap_or(0);
            let ino = e.metadata().map(|m| m.ino()).unwrap_or(0);
            out.push(DirEntry {
                ino,
                kind,
                name: e.file_name().as_bytes().to_vec(),
            });
        }
        Ok(out)
    }

    fn readlink(&mut self, p: &[u8]) -> HostResult<Vec<u8>> {
        std::fs::read_link(path(p))
            .map(|t| t.as_os_str().as_bytes().to_vec())
            .map_err(errno)
    }

    fn unlink(&mut self, p: &[u8]) -> HostResult<()> {
        std::fs::remove_file(path(p)).map_err(errno)
    }

    fn mkdir(&mut self, p: &[u8], mode: u32) -> HostResult<()> {
        std::fs::DirBuilder::new()
            .mode(mode)
            .create(path(p))
            .map_err(errno)
    }

    fn rmdir(&mut self, p: &[u8]) -> HostResult<()> {
        std::fs::remove_dir(path(p)).map_err(errno)
    }

    fn rename(&mut self, from: &[u8], to: &[u8]) -> HostResult<()> {
        std::fs::rename(path(from), path(to)).map_err(errno)
    }

    fn chmod(&mut self, p: &[u8], mode: u32) -> HostResult<()> {
        std::fs::set_permissions(path(p), std::fs::Permissions::from_mode(mode)).map_err(errno)
    }

    fn ftruncate(&mut self, h: Handle, len: u64) -> HostResult<()> {
        self.file(h)?.set_len(len).map_err(errno)
    }

    fn access(&mut self, p: &[u8], mode: u32) -> HostResult<()> {
        let m = std::fs::metadata(path(p)).map_err(errno)?;
        let bits = m.mode();
        // Owner permission bits decide, as they would for the file's owner.
        let ok = (mode & 4 == 0 || bits & 0o444 != 0)
            && (mode & 2 == 0 || bits & 0o222 != 0)
            && (mode & 1 == 0 || bits & 0o111 != 0);
        if ok {
            Ok(())
        } else {
            Err(13)
        }
    }

    fn getcwd(&mut self) -> HostResult<Vec<u8>> {
        std::env::current_dir()
            .map(|p| p.as_os_str().as_bytes().to_vec())
            .map_err(errno)
    }

    fn chdir(&mut self, p: &[u8]) -> HostResult<()> {
        std::env::set_current_dir(path(p)).map_err(errno)
    }

    fn isatty(&mut self, _h: Handle) -> bool {
        false
    }

    fn now(&mut self) -> (i64, u32) {
        let d = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        (d.as_secs() as i64, d.subsec_nanos())
    }
}
