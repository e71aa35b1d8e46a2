//! Bad input gives a clear message and a non-zero status, never a panic.

mod common;

use common::*;

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn missing_file_is_named() {
    let dir = TempDir::new("missing");
    let out = run_in(&dir.0, &["user", "no-such-program"], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(err.contains("no-such-program"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn host_executable_is_refused_as_not_arm() {
    let dir = TempDir::new("notarm");
    let exe = std::env::current_exe().unwrap();
    let out = run_in(&dir.0, &["user", exe.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("not a 32-bit little-endian ARM executable"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn dynamic_executable_is_refused() {
    let dir = TempDir::new("dyn");
    let p = dir.0.join("dyn");
    std::fs::write(
        &p,
        arm_elf(&[0xe1a0_0000], Some("/lib/ld-linux-armhf.so.3")),
    )
    .unwrap();
    let out = run_in(&dir.0, &["user", p.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(
        err.contains("dynamically linked") && err.contains("ld-linux-armhf.so.3"),
        "{err}"
    );
}

#[test]
fn not_an_elf_is_refused() {
    let dir = TempDir::new("text");
    let p = dir.0.join("script.sh");
    std::fs::write(&p, "#!/bin/sh\necho hi\n").unwrap();
    let out = run_in(&dir.0, &["user", p.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("not an ELF file"),
        "{}",
        stderr_of(&out)
    );
}

/// An unknown system call returns -ENOSYS and is reported once.
#[test]
fn unknown_syscall_is_enosys_and_named_once() {
    let code = [
        0xe300_71ff, // movw r7, #0x1ff
        0xef00_0000, // svc #0
        0xef00_0000, // svc #0
        0xe260_0000, // rsb r0, r0, #0     @ -(-ENOSYS) = 38
        0xe3a0_70f8, // mov r7, #248       @ exit_group
        0xef00_0000, // svc #0
    ];
    let dir = TempDir::new("enosys");
    let p = dir.0.join("enosys");
    std::fs::write(&p, arm_elf(&code, None)).unwrap();
    let out = run_in(&dir.0, &["user", p.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(38));
    let err = stderr_of(&out);
    assert_eq!(err.matches("unsupported system call").count(), 1, "{err}");
    assert!(err.contains("0x1ff"), "{err}");
}

/// An undefined instruction names its address, mode and encoding.
#[test]
fn undefined_instruction_is_reported() {
    let code = [0xe7f0_00f0]; // udf #0
    let dir = TempDir::new("udf");
    let p = dir.0.join("udf");
    std::fs::write(&p, arm_elf(&code, None)).unwrap();
    let out = run_in(&dir.0, &["user", p.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(132));
    let err = stderr_of(&out);
    assert!(
        err.contains("0xe7f000f0") && err.contains("ARM") && err.contains("0x00010054"),
        "{err}"
    );
}

/// A wild load is a segmentation fault that names address, PC and icount.
#[test]
fn fault_is_reported_with_icount() {
    let code = [
        0xe3a0_0000, // mov r0, #0
        0xe590_1000, // ldr r1, [r0]
    ];
    let dir = TempDir::new("segv");
    let p = dir.0.join("segv");
    std::fs::write(&p, arm_elf(&code, None)).unwrap();
    let out = run_in(&dir.0, &["user", p.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(139));
    let err = stderr_of(&out);
    assert!(
        err.contains("segmentation fault")
            && err.contains("0x00000000")
            && err.contains("icount 1"),
        "{err}"
    );
}

#[test]
fn instruction_limit_stops_exactly() {
    let code = [0xeaff_fffe]; // b .
    let dir = TempDir::new("limit");
    let p = dir.0.join("loop");
    std::fs::write(&p, arm_elf(&code, None)).unwrap();
    let out = run_in(
        &dir.0,
        &["user", "--stats", "--limit", "12345", p.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(124));
    assert!(
        stderr_of(&out).contains("instructions retired: 12345"),
        "{}",
        stderr_of(&out)
    );
}
