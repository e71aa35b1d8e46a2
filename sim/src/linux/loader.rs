//! Loading a static ARM ELF executable and building the initial process
//! stack (argv, envp and the auxiliary vector) the way the Linux kernel's
//! binfmt_elf does for a 32-bit ARM process.

use object::elf;
use object::read::elf::{ElfFile32, FileHeader, ProgramHeader};
use object::Endianness;
use thiserror::Error;

use crate::cpu::CpuState;
use crate::memory::{perm, GuestMemory, PAGE_SIZE};

/// Top of the initial stack: Linux's 3G/1G split puts it just below
/// 0xbf000000.
pub const STACK_TOP: u32 = 0xbf00_0000;
pub const STACK_SIZE: u32 = 8 << 20;

/// AT_HWCAP bits (arch/arm/include/uapi/asm/hwcap.h) for what the
/// interpreter implements: SWP, half-word loads, Thumb, long multiplies,
/// DSP extensions, Neon, VFPv3 with 32 D registers and fused multiply-add
/// (VFPv4's addition), the TLS register, and SDIV/UDIV in both
/// instruction sets.
pub const HWCAP: u32 = 1 // SWP
    | (1 << 1) // HALF
    | (1 << 2) // THUMB
    | (1 << 4) // FAST_MULT
    | (1 << 6) // VFP
    | (1 << 7) // EDSP
    | (1 << 12) // NEON
    | (1 << 13) // VFPv3
    | (1 << 15) // TLS
    | (1 << 16) // VFPv4
    | (1 << 17) // IDIVA
    | (1 << 18) // IDIVT
    | (1 << 19); // VFPD32

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("not an ELF file")]
    NotElf,
    #[error("not a 32-bit little-endian ARM executable (machine {0})")]
    NotArm(u16),
    #[error("dynamically linked (it asks for the interpreter {0}); only static executables run in user mode")]
    Dynamic(String),
    #[error("not an executable (ELF type {0}); static-pie and shared objects are not supported")]
    NotExec(u16),
    #[error("malformed ELF: {0}")]
    Malformed(String),
    #[error("segment at {0:#x} does not fit the 32-bit address space")]
    BadSegment(u64),
}

/// What the loader leaves for the process: entry state and the memory
/// layout the system calls manage.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub entry: u32,
    /// First address past the highest loaded segment: the initial brk.
    pub brk: u32,
    pub phdr: u32,
    pub phnum: u32,
}

pub fn load_elf(data: &[u8], mem: &mut GuestMemory) -> Result<Loaded, LoadError> {
    if data.len() < 20 || &data[..4] != b"\x7fELF" {
        return Err(LoadError::NotElf);
    }
    if data[4] != elf::ELFCLASS32 || data[5] != elf::ELFDATA2LSB {
        let machine = u16::from_le_bytes([data[18], data[19]]);
        return Err(LoadError::NotArm(machine));
    }
    let file =
        ElfFile32::<Endianness>::parse(data).map_err(|e| LoadError::Malformed(e.to_string()))?;
    let hdr = file.elf_header();
    let e = file.endian();
    let machine = hdr.e_machine(e);
    if machine != elf::EM_ARM {
        return Err(LoadError::NotArm(machine));
    }
    let phdrs = hdr
        .program_headers(e, data)
        .map_err(|e| LoadError::Malformed(e.to_string()))?;
    for ph in phdrs {
        if ph.p_type(e) == elf::PT_INTERP {
            let raw = ph.data(e, data).unwrap_or(&[]);
            let name = String::from_utf8_lossy(raw)
                .trim_end_matches('\0')
                .to_string();
            return Err(LoadError::Dynamic(name));
        }
    }
    let ty = hdr.e_type(e);
    if ty != elf::ET_EXEC {
        return Err(LoadError::NotExec(ty));
    }

    let mut brk = 0u32;
    let mut phdr_addr = None;
    for ph in phdrs {
        match ph.p_type(e) {
            elf::PT_PHDR => phdr_addr = Some(ph.p_vaddr(e)),
            elf::PT_LOAD => {
                let (vaddr, memsz, filesz) = (ph.p_vaddr(e), ph.p_memsz(e), ph.p_filesz(e));
                let end = vaddr as u64 + memsz as u64;
                if end > 1 << 32 || filesz > memsz {
                    return Err(LoadError::BadSegment(vaddr as u64));
                }
                let flags = ph.p_flags(e);
                let mut prot = 0;
                if flags & elf::PF_R != 0 {
                    prot |= perm::READ;
                }
                if flags & elf::PF_W != 0 {
                    prot |= perm::WRITE;
                }
                if flags & elf::PF_X != 0 {
                    prot |= perm::EXEC | perm::READ;
                }
                let start = vaddr & !(PAGE_SIZE - 1);
                // Pages shared by two segments get the union of rights.
                let len = (end as u32).wrapping_sub(start);
                let existing = mem.perms(start) & perm::RWX;
                mem.protect(start, len, prot | existing);
                let bytes = ph
                    .data(e, data)
                    .map_err(|_| LoadError::BadSegment(vaddr as u64))?;
                mem.poke_bytes(vaddr, bytes)
                    .map_err(|_| LoadError::BadSegment(vaddr as u64))?;
                if ph.p_offset(e) == 0 && phdr_addr.is_none() {
                    phdr_addr = Some(vaddr + hdr.e_phoff(e));
                }
                brk = brk.max(end as u32);
            }
            _ => {}
        }
    }
    let brk = (brk + PAGE_SIZE - 1) & !(PAGE_SIZE - 1);
    Ok(Loaded {
        entry: hdr.e_entry(e),
        brk,
        phdr: phdr_addr.unwrap_or(0),
        phnum: phdrs.len() as u32,
    })
}

/// Auxiliary vector tags (include/uapi/linux/auxvec.h).
mod at {
    pub const NULL: u32 = 0;
    pub const PHDR: u32 = 3;
    pub const PHENT: u32 = 4;
    pub const PHNUM: u32 = 5;
    pub const PAGESZ: u32 = 6;
    pub const BASE: u32 = 7;
    pub const FLAGS: u32 = 8;
    pub const ENTRY: u32 = 9;
    pub const UID: u32 = 11;
    pub const EUID: u32 = 12;
    pub const GID: u32 = 13;
    pub const EGID: u32 = 14;
    pub const PLATFORM: u32 = 15;
    pub const HWCAP: u32 = 16;
    pub const CLKTCK: u32 = 17;
    pub const SECURE: u32 = 23;
    pub const RANDOM: u32 = 25;
    pub const HWCAP2: u32 = 26;
    pub const EXECFN: u32 = 31;
}

/// Maps the stack and lays out argc, argv, envp, auxv and the strings
/// they point to; sets SP and the entry state in `cpu`.
pub fn setup_stack(
    mem: &mut GuestMemory,
    cpu: &mut CpuState,
    loaded: &Loaded,
    argv: &[Vec<u8>],
    envp: &[Vec<u8>],
    random: [u8; 16],
    uid: u32,
) {
    mem.map(STACK_TOP - STACK_SIZE, STACK_SIZE, perm::RW);
    let mut sp = STACK_TOP;
    let mut push_bytes = |mem: &mut GuestMemory, bytes: &[u8]| -> u32 {
        sp -= bytes.len() as u32;
        mem.poke_bytes(sp, bytes).expect("stack is mapped");
        sp
    };
    let mut cstr = |mem: &mut GuestMemory, s: &[u8]| {
        let mut v = s.to_vec();
        v.push(0);
        push_bytes(mem, &v)
    };
    let execfn = cstr(mem, argv.first().map_or(&b""[..], |a| a));
    let argv_ptrs: Vec<u32> = argv.iter().map(|a| cstr(mem, a)).collect();
    let envp_ptrs: Vec<u32> = envp.iter().map(|e| cstr(mem, e)).collect();
    let platform = cstr(mem, b"v7l");
    let random_ptr = push_bytes(mem, &random);

    let auxv: Vec<(u32, u32)> = vec![
        (at::PHDR, loaded.phdr),
        (at::PHENT, 32),
        (at::PHNUM, loaded.phnum),
        (at::PAGESZ, PAGE_SIZE),
        (at::BASE, 0),
        (at::FLAGS, 0),
        (at::ENTRY, loaded.entry),
        (at::UID, uid),
        (at::EUID, uid),
        (at::GID, uid),
        (at::EGID, uid),
        (at::PLATFORM, platform),
        (at::HWCAP, HWCAP),
        (at::CLKTCK, 100),
        (at::SECURE, 0),
        (at::RANDOM, random_ptr),
        (at::HWCAP2, 0),
        (at::EXECFN, execfn),
        (at::NULL, 0),
    ];
    let words = 1 + argv_ptrs.len() + 1 + envp_ptrs.len() + 1 + 2 * auxv.len();
    let mut table = Vec::with_capacity(words);
    table.push(argv_ptrs.len() as u32);
    table.extend(&argv_ptrs);
    table.push(0);
    table.extend(&envp_ptrs);
    table.push(0);
    for (k, v) in auxv {
        table.push(k);
        table.push(v);
    }
    // The ABI wants SP 8-byte aligned at entry.
    let bytes: Vec<u8> = table.iter().flat_map(|w| w.to_le_bytes()).collect();
    let sp_final = (sp - bytes.len() as u32) & !7;
    mem.poke_bytes(sp_final, &bytes).expect("stack is mapped");

    cpu.r[13] = sp_final;
    cpu.r[15] = loaded.entry & !1;
    cpu.thumb = loaded.entry & 1 != 0;
    // Linux starts processes with VFP enabled and a zeroed FPSCR.
    cpu.vfp.fpexc = 1 << 30;
}
