//! `lockstep disas` and `lockstep user/demo --trace insn`.

mod common;

use common::*;

fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// An unstripped ELF with mapping symbols: tests/fixtures/mapsyms.s.
fn mapsyms() -> String {
    root()
        .join("tests/fixtures/mapsyms.elf")
        .to_string_lossy()
        .into_owned()
}

fn demo() -> String {
    root()
        .join("tests/guests/bin/demo")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn sections_follow_mapping_symbols() {
    let dir = TempDir::new("disas-map");
    let out = run_in(&dir.0, &["disas", &mapsyms()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    for line in [
        "Disassembly of section .text (0x00010000-0x00010034, by mapping symbols):",
        "00010000: e92d4010   push {r4, lr}",
        "0001000c: ee310b02   vadd.f64 d0, d1, d2",
        "00010018: <4 bytes of data>",
        "0001001c: 2001       movs r0, #1",
        "00010020: bf0c       ite eq",
        // Capstone follows the IT block.
        "00010022: 3001       addeq r0, #1",
        "00010024: 3801       subne r0, #1",
        "00010026: f8d1 2004  ldr.w r2, [r1, #4]",
        "0001002c: <4 bytes of data>",
        "00010032: 4770       bx lr",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "missing {line:?} in:\n{text}"
        );
    }
    // The literal pool is not disassembled.
    assert!(!text.contains("12345678"), "{text}");
}

#[test]
fn decoder_column_shows_our_patterns() {
    let dir = TempDir::new("disas-dec");
    let out = run_in(&dir.0, &["disas", "--decoder", &mapsyms()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    for (addr, name) in [
        ("00010000", "STM"),
        ("0001000c", "VADD_dp"),
        ("00010010", "BLX_i"),
        ("00010020", "IT"),
        ("00010022", "ADD_rri"),
        ("00010026", "LDR_ri"),
    ] {
        let line = text
            .lines()
            .find(|l| l.starts_with(addr))
            .unwrap_or_else(|| panic!("no line for {addr} in:\n{text}"));
        assert!(line.ends_with(&format!("; {name}")), "{line}");
    }
}

#[test]
fn addresses_with_count() {
    let dir = TempDir::new("disas-addr");
    // The demo guest is stripped Thumb code.
    let out = run_in(
        &dir.0,
        &["disas", &demo(), "--thumb", "0x10094", "--count", "2"],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(
        stdout_of(&out),
        "00010094: 4668       mov r0, sp\n00010096: f000 f83d  bl #0x10114\n"
    );
    // An odd address means Thumb; decimal works too (0x10095 = 65685).
    let out = run_in(&dir.0, &["disas", &demo(), "65685", "-n", "1"], None);
    assert_eq!(stdout_of(&out), "00010094: 4668       mov r0, sp\n");
}

#[test]
fn bad_input_is_reported() {
    let dir = TempDir::new("disas-bad");
    let out = run_in(&dir.0, &["disas", "no-such-file"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("no-such-file"),
        "{}",
        stderr_of(&out)
    );

    let p = dir.0.join("text");
    std::fs::write(&p, "hello").unwrap();
    let out = run_in(&dir.0, &["disas", p.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("not an ELF file"),
        "{}",
        stderr_of(&out)
    );

    let out = run_in(&dir.0, &["disas", &demo(), "0x90000000"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("0x90000000 is not in any section"),
        "{}",
        stderr_of(&out)
    );

    let out = run_in(&dir.0, &["disas", &demo(), "zz"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("not an address"),
        "{}",
        stderr_of(&out)
    );

    assert!(!stderr_of(&out).contains("panicked"));
}

#[test]
fn trace_lists_each_instruction() {
    let dir = TempDir::new("trace");
    let file = dir.0.join("trace.txt");
    let out = run_in(
        &dir.0,
        &[
            "demo",
            "--trace",
            "insn",
            "--trace-file",
            file.to_str().unwrap(),
            "--limit",
            "50",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(124), "{}", stderr_of(&out));
    let trace = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = trace.lines().collect();
    assert_eq!(lines.len(), 50, "{trace}");
    assert_eq!(lines[0], "           0 00010094: 4668       mov r0, sp");
    assert_eq!(lines[1], "           1 00010096: f000 f83d  bl #0x10114");
    assert!(lines[49].starts_with("          49 "), "{}", lines[49]);

    // To stderr without --trace-file.
    let out = run_in(&dir.0, &["demo", "--trace", "insn", "--limit", "3"], None);
    let err = stderr_of(&out);
    assert!(
        err.contains("           2 00010114: e92d 4ff0  push.w"),
        "{err}"
    );
}

#[test]
fn tracing_does_not_change_the_run() {
    let dir = TempDir::new("trace-same");
    let limit = "300000";
    let plain = run_in(&dir.0, &["demo", "--limit", limit], None);
    let traced = run_in(
        &dir.0,
        &[
            "demo",
            "--limit",
            limit,
            "--trace",
            "insn",
            "--trace-file",
            "/dev/null",
        ],
        None,
    );
    assert_eq!(plain.status.code(), traced.status.code());
    assert_eq!(plain.stdout, traced.stdout);
    let facts = |o: &std::process::Output| -> Vec<String> {
        stderr_of(o)
            .lines()
            .filter(|l| l.starts_with("instructions retired") || l.starts_with("state hash"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(facts(&plain).len(), 2, "{}", stderr_of(&plain));
    assert_eq!(facts(&plain), facts(&traced));
}
