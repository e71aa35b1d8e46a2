//! Thumb: the 16-bit (ARM ARM A6.2) and 32-bit (A6.3) encodings, IT
//! blocks (A8.8 IT; A2.5.2 ITSTATE), CBZ/CBNZ, TBB/TBH, ADR and literal
//! addressing (Align(PC, 4)), BL/BLX offsets (A8.8 BL, BLX (immediate)),
//! and interworking with ARM state (A2.3.1 BXWritePC / LoadWritePC).
//!
//! The data-processing tables were recorded by running each instruction
//! under `qemu-arm -cpu cortex-a15` from the given registers and flags.

mod common;
use common::*;
use sim::interp::Exit;

/// (code, r0..r2 in, NZCVQ in, r0 out, NZCVQ out); r1 and r2 must be
/// unchanged.
type Row = (&'static [u16], [u32; 3], u32, u32, u32);

fn check_table(rows: &[Row]) {
    for &(code, r, f, out, fout) in rows {
        let (cpu, _, exit) = run_thumb(code, 1, |c, _| {
            c.r[..3].copy_from_slice(&r);
            set_flags(c, f);
        });
        assert_eq!(exit, Exit::Limit, "{code:04x?}");
        assert_eq!(cpu.r[0], out, "{code:04x?} with {r:08x?}, flags {f:#x}");
        assert_eq!(
            flags(&cpu),
            fout,
            "flags of {code:04x?} with {r:08x?}, flags {f:#x}"
        );
        assert_eq!(cpu.r[1..3], r[1..3], "{code:04x?}");
        assert_eq!(cpu.r[15], CODE + 2 * code.len() as u32);
        assert!(cpu.thumb);
    }
}

/// (code, r0..r3 in, APSR in, (r0, r1) out, APSR out (NZCVQ and GE)).
type WideRow = (&'static [u16], [u32; 4], u32, [u32; 2], u32);

fn check_wide_table(rows: &[WideRow]) {
    for &(code, r, psr, out, psr_out) in rows {
        let (cpu, _, exit) = run_thumb(code, 1, |c, _| {
            c.r[..4].copy_from_slice(&r);
            c.write_apsr(psr, 0xc);
        });
        assert_eq!(exit, Exit::Limit, "{code:04x?}");
        assert_eq!(cpu.r[..2], out, "{code:04x?} with {r:08x?}, APSR {psr:#x}");
        assert_eq!(
            cpu.cpsr() & 0xf80f_0000,
            psr_out,
            "APSR of {code:04x?} with {r:08x?}"
        );
        assert_eq!(cpu.r[2..4], r[2..4], "{code:04x?}");
    }
}

/// A6.2.1-A6.2.3 16-bit data processing outside an IT block: the
/// flag-setting forms set NZCV (shifts by 0/32 and beyond included), the
/// high-register ADD/MOV do not.
#[test]
#[rustfmt::skip]
fn t16_data_processing() {
    check_table(&[
        // movs r0, #200
        (&[0x20c8], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x0000_00c8, C),
        (&[0x20c8], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x0000_00c8, V),
        (&[0x20c8], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_00c8, C | V),
        // adds r0, r1, #3
        (&[0x1cc8], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x0000_0024, 0),
        (&[0x1cc8], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x0000_0023, 0),
        (&[0x1cc8], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0002, C),
        // subs r0, r1, #3
        (&[0x1ec8], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x0000_001e, C),
        (&[0x1ec8], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x0000_001d, C),
        (&[0x1ec8], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0xffff_fffc, N | C),
        // adds r0, r1, r2
        (&[0x1888], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x8000_0020, N | V),
        (&[0x1888], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x8000_0020, N),
        (&[0x1888], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0000, Z | C),
        // subs r0, r1, r2
        (&[0x1a88], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x8000_0022, N),
        (&[0x1a88], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x8000_0020, N | V),
        (&[0x1a88], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0xffff_fffe, N | C),
        // adds r0, #255
        (&[0x30ff], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x8000_0100, N),
        (&[0x30ff], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x8000_00fe, N | V),
        (&[0x30ff], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0102, 0),
        // subs r0, #1
        (&[0x3801], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x8000_0000, N | C),
        (&[0x3801], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x7fff_fffe, C),
        (&[0x3801], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0002, C),
        // cmp r0, #5
        (&[0x2805], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x8000_0001, C | V),
        (&[0x2805], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x7fff_ffff, C),
        (&[0x2805], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0003, N),
        // cmp r0, r1
        (&[0x4288], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x8000_0001, C | V),
        (&[0x4288], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x7fff_ffff, C),
        (&[0x4288], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0003, 0),
        // lsls r0, r1, #4
        (&[0x0108], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x0000_0210, 0),
        (&[0x0108], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x0000_0200, V),
        (&[0x0108], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0xffff_fff0, N | C | V),
        // lsrs r0, r1, #1
        (&[0x0848], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x0000_0010, C),
        (&[0x0848], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x0000_0010, V),
        (&[0x0848], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x7fff_ffff, C | V),
        // lsrs r0, r1, #32
        (&[0x0808], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x0000_0000, Z),
        (&[0x0808], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x0000_0000, Z | V),
        (&[0x0808], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0000, Z | C | V),
        // asrs r0, r2, #32
        (&[0x1010], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x0000_0000, Z),
        (&[0x1010], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0xffff_ffff, N | C | V),
        (&[0x1010], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0000, Z | V),
        // movs r0, r1
        (&[0x0008], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x0000_0021, C),
        (&[0x0008], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x0000_0020, V),
        (&[0x0008], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0xffff_ffff, N | C | V),
        // lsls r0, r1
        (&[0x4088], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x0000_0000, Z),
        (&[0x4088], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x0000_0000, Z | C | V),
        (&[0x4088], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0000, Z | V),
        // lsrs r0, r1
        (&[0x40c8], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x0000_0000, Z),
        (&[0x40c8], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x0000_0000, Z | V),
        (&[0x40c8], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0000, Z | V),
        // asrs r0, r2
        (&[0x4110], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0xffff_ffff, N | C),
        (&[0x4110], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x7fff_ffff, V),
        (&[0x4110], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0001, C | V),
        // rors r0, r1
        (&[0x41c8], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0xc000_0000, N | C),
        (&[0x41c8], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x7fff_ffff, V),
        (&[0x41c8], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0006, V),
        // ands r0, r1
        (&[0x4008], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x0000_0001, C),
        (&[0x4008], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x0000_0020, V),
        (&[0x4008], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0003, C | V),
        // eors r0, r1
        (&[0x4048], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x8000_0020, N | C),
        (&[0x4048], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x7fff_ffdf, V),
        (&[0x4048], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0xffff_fffc, N | C | V),
        // adcs r0, r1
        (&[0x4148], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x8000_0023, N),
        (&[0x4148], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x8000_001f, N | V),
        (&[0x4148], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0003, C),
        // sbcs r0, r1
        (&[0x4188], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x7fff_ffe0, C | V),
        (&[0x4188], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x7fff_ffde, C),
        (&[0x4188], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0004, 0),
        // tst r0, r1
        (&[0x4208], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x8000_0001, C),
        (&[0x4208], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x7fff_ffff, V),
        (&[0x4208], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0003, C | V),
        // negs r0, r1
        (&[0x4248], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0xffff_ffdf, N),
        (&[0x4248], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0xffff_ffe0, N),
        (&[0x4248], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0001, 0),
        // cmn r0, r1
        (&[0x42c8], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x8000_0001, N),
        (&[0x42c8], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x7fff_ffff, N | V),
        (&[0x42c8], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0003, C),
        // orrs r0, r1
        (&[0x4308], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x8000_0021, N | C),
        (&[0x4308], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x7fff_ffff, V),
        (&[0x4308], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0xffff_ffff, N | C | V),
        // muls r0, r1, r0
        (&[0x4348], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x8000_0021, N | C),
        (&[0x4348], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0xffff_ffe0, N | V),
        (&[0x4348], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0xffff_fffd, N | C | V),
        // bics r0, r1
        (&[0x4388], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x8000_0000, N | C),
        (&[0x4388], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x7fff_ffdf, V),
        (&[0x4388], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0000, Z | C | V),
        // mvns r0, r1
        (&[0x43c8], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0xffff_ffde, N | C),
        (&[0x43c8], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0xffff_ffdf, N | V),
        (&[0x43c8], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0000, Z | C | V),
        // mov r0, r1
        (&[0x4608], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x0000_0021, C),
        (&[0x4608], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x0000_0020, Z | V),
        (&[0x4608], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0xffff_ffff, N | Z | C | V),
        // add r0, r1
        (&[0x4408], [0x8000_0001, 0x0000_0021, 0x7fff_ffff], C, 0x8000_0022, C),
        (&[0x4408], [0x7fff_ffff, 0x0000_0020, 0x8000_0000], Z | V, 0x8000_001f, Z | V),
        (&[0x4408], [0x0000_0003, 0xffff_ffff, 0x0000_0001], N | Z | C | V, 0x0000_0002, N | Z | C | V),
    ]);
}

/// A6.3.1 modified immediates (ThumbExpandImm_C: the carry comes from a
/// rotated constant only), A6.3.3 plain immediates, A6.3.11 shifted
/// registers and A6.3.12 register-controlled shifts.
#[test]
#[rustfmt::skip]
fn t32_data_processing() {
    check_table(&[
        // mov.w r0, #0x00ab00ab
        (&[0xf04f, 0x10ab], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x00ab_00ab, C),
        (&[0xf04f, 0x10ab], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x00ab_00ab, N | Z | V),
        (&[0xf04f, 0x10ab], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x00ab_00ab, 0),
        // mov.w r0, #0xab00ab00
        (&[0xf04f, 0x20ab], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0xab00_ab00, C),
        (&[0xf04f, 0x20ab], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0xab00_ab00, N | Z | V),
        (&[0xf04f, 0x20ab], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0xab00_ab00, 0),
        // mov.w r0, #0xabababab
        (&[0xf04f, 0x30ab], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0xabab_abab, C),
        (&[0xf04f, 0x30ab], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0xabab_abab, N | Z | V),
        (&[0xf04f, 0x30ab], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0xabab_abab, 0),
        // movs.w r0, #0x80000000
        (&[0xf05f, 0x4000], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x8000_0000, N | C),
        (&[0xf05f, 0x4000], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x8000_0000, N | C | V),
        (&[0xf05f, 0x4000], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x8000_0000, N | C),
        // movs.w r0, #0x3fc
        (&[0xf45f, 0x707f], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x0000_03fc, 0),
        (&[0xf45f, 0x707f], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x0000_03fc, V),
        (&[0xf45f, 0x707f], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_03fc, 0),
        // movs.w r0, #0xab
        (&[0xf05f, 0x00ab], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x0000_00ab, C),
        (&[0xf05f, 0x00ab], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x0000_00ab, V),
        (&[0xf05f, 0x00ab], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_00ab, 0),
        // mvn.w r0, #0xff
        (&[0xf06f, 0x00ff], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0xffff_ff00, C),
        (&[0xf06f, 0x00ff], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0xffff_ff00, N | Z | V),
        (&[0xf06f, 0x00ff], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0xffff_ff00, 0),
        // ands.w r0, r1, #0xff000000
        (&[0xf011, 0x407f], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x8000_0000, N | C),
        (&[0xf011, 0x407f], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x7f00_0000, C | V),
        (&[0xf011, 0x407f], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_0000, Z | C),
        // orr.w r0, r1, #0x100
        (&[0xf441, 0x7080], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x8000_0101, C),
        (&[0xf441, 0x7080], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x7fff_ffff, N | Z | V),
        (&[0xf441, 0x7080], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_01ff, 0),
        // orn r0, r1, #0xff
        (&[0xf061, 0x00ff], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0xffff_ff01, C),
        (&[0xf061, 0x00ff], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0xffff_ffff, N | Z | V),
        (&[0xf061, 0x00ff], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0xffff_ffff, 0),
        // eor.w r0, r1, #0x80000000
        (&[0xf081, 0x4000], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x0000_0001, C),
        (&[0xf081, 0x4000], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0xffff_ffff, N | Z | V),
        (&[0xf081, 0x4000], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x8000_00ff, 0),
        // bic.w r0, r1, #0x0f0f0f0f
        (&[0xf021, 0x300f], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x8000_0000, C),
        (&[0xf021, 0x300f], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x70f0_f0f0, N | Z | V),
        (&[0xf021, 0x300f], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_00f0, 0),
        // adds.w r0, r1, #0x10000
        (&[0xf511, 0x3080], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x8001_0001, N),
        (&[0xf511, 0x3080], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x8000_ffff, N | V),
        (&[0xf511, 0x3080], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0001_00ff, 0),
        // adc.w r0, r1, #1
        (&[0xf141, 0x0001], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x8000_0003, C),
        (&[0xf141, 0x0001], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x8000_0000, N | Z | V),
        (&[0xf141, 0x0001], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_0100, 0),
        // sbcs.w r0, r1, #1
        (&[0xf171, 0x0001], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x8000_0000, N | C),
        (&[0xf171, 0x0001], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x7fff_fffd, C),
        (&[0xf171, 0x0001], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_00fd, C),
        // rsbs.w r0, r1, #0
        (&[0xf1d1, 0x0000], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x7fff_ffff, 0),
        (&[0xf1d1, 0x0000], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x8000_0001, N),
        (&[0xf1d1, 0x0000], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0xffff_ff01, N),
        // subs.w r0, r1, #1
        (&[0xf1b1, 0x0001], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x8000_0000, N | C),
        (&[0xf1b1, 0x0001], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x7fff_fffe, C),
        (&[0xf1b1, 0x0001], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_00fe, C),
        // cmp.w r1, #0x80000000
        (&[0xf1b1, 0x4f00], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x1234_5678, C),
        (&[0xf1b1, 0x4f00], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x0000_0000, N | V),
        (&[0xf1b1, 0x4f00], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0xdead_beef, N | V),
        // cmn.w r1, #1
        (&[0xf111, 0x0f01], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x1234_5678, N),
        (&[0xf111, 0x0f01], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x0000_0000, N | V),
        (&[0xf111, 0x0f01], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0xdead_beef, 0),
        // tst.w r1, #0x80000000
        (&[0xf011, 0x4f00], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x1234_5678, N | C),
        (&[0xf011, 0x4f00], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x0000_0000, Z | C | V),
        (&[0xf011, 0x4f00], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0xdead_beef, Z | C),
        // teq.w r1, #0xff
        (&[0xf091, 0x0fff], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x1234_5678, N | C),
        (&[0xf091, 0x0fff], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x0000_0000, V),
        (&[0xf091, 0x0fff], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0xdead_beef, Z),
        // addw r0, r1, #0xfff
        (&[0xf601, 0x70ff], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x8000_1000, C),
        (&[0xf601, 0x70ff], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x8000_0ffe, N | Z | V),
        (&[0xf601, 0x70ff], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_10fe, 0),
        // subw r0, r1, #0xfff
        (&[0xf6a1, 0x70ff], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x7fff_f002, C),
        (&[0xf6a1, 0x70ff], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x7fff_f000, N | Z | V),
        (&[0xf6a1, 0x70ff], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0xffff_f100, 0),
        // movw r0, #0xbeef
        (&[0xf64b, 0x60ef], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x0000_beef, C),
        (&[0xf64b, 0x60ef], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x0000_beef, N | Z | V),
        (&[0xf64b, 0x60ef], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_beef, 0),
        // movt r0, #0xdead
        (&[0xf6cd, 0x60ad], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0xdead_5678, C),
        (&[0xf6cd, 0x60ad], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0xdead_0000, N | Z | V),
        (&[0xf6cd, 0x60ad], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0xdead_beef, 0),
        // add.w r0, r1, r2, lsl #3
        (&[0xeb01, 0x00c2], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x8000_0109, C),
        (&[0xeb01, 0x00c2], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x8000_00ff, N | Z | V),
        (&[0xeb01, 0x00c2], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0xffff_f907, 0),
        // adds.w r0, r1, r2, asr #32
        (&[0xeb11, 0x0022], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x8000_0001, N),
        (&[0xeb11, 0x0022], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x7fff_ffff, 0),
        (&[0xeb11, 0x0022], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_00fe, C),
        // sub.w r0, r1, r2, lsr #1
        (&[0xeba1, 0x0052], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x7fff_fff1, C),
        (&[0xeba1, 0x0052], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x7fff_ffef, N | Z | V),
        (&[0xeba1, 0x0052], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x8000_017f, 0),
        // rsb.w r0, r1, r2, ror #8
        (&[0xebc1, 0x2032], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0xa0ff_ffff, C),
        (&[0xebc1, 0x2032], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0xa000_0001, N | Z | V),
        (&[0xebc1, 0x2032], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x01ff_ff00, 0),
        // subs.w r0, r1, r2
        (&[0xebb1, 0x0002], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x7fff_ffe0, C | V),
        (&[0xebb1, 0x0002], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x7fff_ffdf, C),
        (&[0xebb1, 0x0002], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_01fe, 0),
        // adcs.w r0, r1, r2
        (&[0xeb51, 0x0002], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x8000_0023, N),
        (&[0xeb51, 0x0002], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x8000_001f, N | V),
        (&[0xeb51, 0x0002], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_0000, Z | C),
        // sbc.w r0, r1, r2
        (&[0xeb61, 0x0002], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x7fff_ffe0, C),
        (&[0xeb61, 0x0002], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x7fff_ffde, N | Z | V),
        (&[0xeb61, 0x0002], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_01fd, 0),
        // ands.w r0, r1, r2, lsr #32
        (&[0xea11, 0x0012], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x0000_0000, Z),
        (&[0xea11, 0x0012], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x0000_0000, Z | V),
        (&[0xea11, 0x0012], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_0000, Z | C),
        // orrs.w r0, r1, r2, lsl #31
        (&[0xea51, 0x70c2], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x8000_0001, N),
        (&[0xea51, 0x70c2], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x7fff_ffff, V),
        (&[0xea51, 0x70c2], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x8000_00ff, N),
        // orn r0, r1, r2
        (&[0xea61, 0x0002], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0xffff_ffdf, C),
        (&[0xea61, 0x0002], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0xffff_ffff, N | Z | V),
        (&[0xea61, 0x0002], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_00ff, 0),
        // eors.w r0, r1, r2, ror #4
        (&[0xea91, 0x1032], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x9000_0003, N),
        (&[0xea91, 0x1032], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x7fff_fffd, V),
        (&[0xea91, 0x1032], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x1fff_ff0f, 0),
        // bics.w r0, r1, r2
        (&[0xea31, 0x0002], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x8000_0000, N | C),
        (&[0xea31, 0x0002], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x7fff_ffdf, V),
        (&[0xea31, 0x0002], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_00fe, 0),
        // mvns.w r0, r2
        (&[0xea7f, 0x0002], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0xffff_ffde, N | C),
        (&[0xea7f, 0x0002], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0xffff_ffdf, N | V),
        (&[0xea7f, 0x0002], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_00fe, 0),
        // movs.w r0, r1, rrx
        (&[0xea5f, 0x0031], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0xc000_0000, N | C),
        (&[0xea5f, 0x0031], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x3fff_ffff, C | V),
        (&[0xea5f, 0x0031], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_007f, C),
        // mov.w r0, r1, lsl #7
        (&[0xea4f, 0x10c1], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x0000_0080, C),
        (&[0xea4f, 0x10c1], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0xffff_ff80, N | Z | V),
        (&[0xea4f, 0x10c1], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_7f80, 0),
        // lsls.w r0, r1, r2
        (&[0xfa11, 0xf002], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x0000_0000, Z),
        (&[0xfa11, 0xf002], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x0000_0000, Z | C | V),
        (&[0xfa11, 0xf002], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_01fe, 0),
        // lsrs.w r0, r1, r2
        (&[0xfa31, 0xf002], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x0000_0000, Z),
        (&[0xfa31, 0xf002], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x0000_0000, Z | V),
        (&[0xfa31, 0xf002], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_007f, C),
        // asrs.w r0, r1, r2
        (&[0xfa51, 0xf002], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0xffff_ffff, N | C),
        (&[0xfa51, 0xf002], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x0000_0000, Z | V),
        (&[0xfa51, 0xf002], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x0000_007f, C),
        // rors.w r0, r1, r2
        (&[0xfa71, 0xf002], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0xc000_0000, N | C),
        (&[0xfa71, 0xf002], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x7fff_ffff, V),
        (&[0xfa71, 0xf002], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0x8000_007f, N | C),
        // cmp.w r1, r2, lsl #1
        (&[0xebb1, 0x0f42], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x1234_5678, C | V),
        (&[0xebb1, 0x0f42], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x0000_0000, C),
        (&[0xebb1, 0x0f42], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0xdead_beef, 0),
        // tst.w r1, r2
        (&[0xea11, 0x0f02], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x1234_5678, C),
        (&[0xea11, 0x0f02], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x0000_0000, V),
        (&[0xea11, 0x0f02], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0xdead_beef, 0),
        // teq.w r1, r2
        (&[0xea91, 0x0f02], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x1234_5678, N | C),
        (&[0xea91, 0x0f02], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x0000_0000, V),
        (&[0xea91, 0x0f02], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0xdead_beef, N),
        // cmn.w r1, r2
        (&[0xeb11, 0x0f02], [0x1234_5678, 0x8000_0001, 0x0000_0021], C, 0x1234_5678, N),
        (&[0xeb11, 0x0f02], [0x0000_0000, 0x7fff_ffff, 0x0000_0020], N | Z | V, 0x0000_0000, N | V),
        (&[0xeb11, 0x0f02], [0xdead_beef, 0x0000_00ff, 0xffff_ff01], 0, 0xdead_beef, Z | C),
    ]);
}

/// A6.3.15-A6.3.17 multiplies, divides, saturation, bitfields, extends,
/// parallel add/subtract (GE) and A6.3.4 MRS/MSR, in their T32 encodings.
#[test]
#[rustfmt::skip]
fn t32_multiply_media_and_status() {
    check_wide_table(&[
        // mul r0, r1, r2
        (&[0xfb01, 0xf002], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0xbabf_4c62, 0x2222_2222], 0x2008_0000),
        (&[0xfb01, 0xf002], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x8001_7fff, 0xffff_ffff], 0x980f_0000),
        // mla r0, r1, r2, r3
        (&[0xfb01, 0x3002], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0xbac0_4c55, 0x2222_2222], 0x2008_0000),
        (&[0xfb01, 0x3002], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x7fff_8003, 0xffff_ffff], 0x980f_0000),
        // mls r0, r1, r2, r3
        (&[0xfb01, 0x3012], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x4541_b391, 0x2222_2222], 0x2008_0000),
        (&[0xfb01, 0x3012], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x7ffc_8005, 0xffff_ffff], 0x980f_0000),
        // umull r0, r1, r2, r3
        (&[0xfba2, 0x0103], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x62fc_9753, 0x0000_875e], 0x2008_0000),
        (&[0xfba2, 0x0103], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xfff8_0004, 0x7ffd_8005], 0x980f_0000),
        // smull r0, r1, r2, r3
        (&[0xfb82, 0x0103], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x62fc_9753, 0xffff_876b], 0x2008_0000),
        (&[0xfb82, 0x0103], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xfff8_0004, 0xffff_0004], 0x980f_0000),
        // umlal r0, r1, r2, r3
        (&[0xfbe2, 0x0103], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x740d_a864, 0x2222_a980], 0x2008_0000),
        (&[0xfbe2, 0x0103], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xfff8_0004, 0x7ffd_8004], 0x980f_0000),
        // smlal r0, r1, r2, r3
        (&[0xfbc2, 0x0103], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x740d_a864, 0x2221_a98d], 0x2008_0000),
        (&[0xfbc2, 0x0103], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xfff8_0004, 0xffff_0003], 0x980f_0000),
        // umaal r0, r1, r2, r3
        (&[0xfbe2, 0x0163], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x962f_ca86, 0x0000_875e], 0x2008_0000),
        (&[0xfbe2, 0x0163], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xfff8_0003, 0x7ffd_8006], 0x980f_0000),
        // smlalbt r0, r1, r2, r3
        (&[0xfbc2, 0x0193], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x1111_1111, 0x2222_2222], 0x2008_0000),
        (&[0xfbc2, 0x0193], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x0000_fffe, 0xffff_ffff], 0x980f_0000),
        // smlald r0, r1, r2, r3
        (&[0xfbc2, 0x01c3], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x110d_a864, 0x2222_2222], 0x2008_0000),
        (&[0xfbc2, 0x01c3], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xfffd_0008, 0xffff_fffe], 0x980f_0000),
        // smlsldx r0, r1, r2, r3
        (&[0xfbd2, 0x01d3], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x110a_f132, 0x2222_2222], 0x2008_0000),
        (&[0xfbd2, 0x01d3], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xffff_0006, 0xffff_fffe], 0x980f_0000),
        // sdiv r0, r2, r3
        (&[0xfb92, 0xf0f3], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0xffff_8760, 0x2222_2222], 0x2008_0000),
        (&[0xfb92, 0xf0f3], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xffff_c001, 0xffff_ffff], 0x980f_0000),
        // udiv r0, r2, r3
        (&[0xfbb2, 0xf0f3], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x0000_876c, 0x2222_2222], 0x2008_0000),
        (&[0xfbb2, 0xf0f3], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x0000_0000, 0xffff_ffff], 0x980f_0000),
        // smlabb r0, r1, r2, r3
        (&[0xfb11, 0x3002], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x08f4_4c55, 0x2222_2222], 0x2008_0000),
        (&[0xfb11, 0x3002], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xfffe_8003, 0xffff_ffff], 0x980f_0000),
        // smultb r0, r2, r3
        (&[0xfb12, 0xf023], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x0006_1fdf, 0x2222_2222], 0x2008_0000),
        (&[0xfb12, 0xf023], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x0001_fff8, 0xffff_ffff], 0x980f_0000),
        // smlawt r0, r1, r2, r3
        (&[0xfb31, 0x3012], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0xefec_5548, 0x2222_2222], 0x2008_0000),
        (&[0xfb31, 0x3012], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xfffe_0003, 0xffff_ffff], 0x980f_0000),
        // smulwb r0, r2, r3
        (&[0xfb32, 0xf003], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x0006_1fdb, 0x2222_2222], 0x2008_0000),
        (&[0xfb32, 0xf003], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x0001_fffa, 0xffff_ffff], 0x980f_0000),
        // smlad r0, r1, r2, r3
        (&[0xfb21, 0x3002], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0xf8df_b1bf, 0x2222_2222], 0x2008_0000),
        (&[0xfb21, 0x3002], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xfffe_0005, 0xffff_ffff], 0x980f_0000),
        // smusdx r0, r2, r3
        (&[0xfb42, 0xf013], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0xfff9_e021, 0x2222_2222], 0x2008_0000),
        (&[0xfb42, 0xf013], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xffff_0006, 0xffff_ffff], 0x980f_0000),
        // smmul r0, r2, r3
        (&[0xfb52, 0xf003], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0xffff_876b, 0x2222_2222], 0x2008_0000),
        (&[0xfb52, 0xf003], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xffff_0004, 0xffff_ffff], 0x980f_0000),
        // smmlar r0, r1, r2, r3
        (&[0xfb51, 0x3012], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0xefec_5e3c, 0x2222_2222], 0x2008_0000),
        (&[0xfb51, 0x3012], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xfffe_0004, 0xffff_ffff], 0x980f_0000),
        // smmls r0, r1, r2, r3
        (&[0xfb61, 0x3002], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x1015_a1aa, 0x2222_2222], 0x2008_0000),
        (&[0xfb61, 0x3002], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xfffe_0004, 0xffff_ffff], 0x980f_0000),
        // usad8 r0, r2, r3
        (&[0xfb72, 0xf003], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x0000_027a, 0x2222_2222], 0x2008_0000),
        (&[0xfb72, 0xf003], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x0000_0103, 0xffff_ffff], 0x980f_0000),
        // usada8 r0, r1, r2, r3
        (&[0xfb71, 0x3002], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x0001_00bd, 0x2222_2222], 0x2008_0000),
        (&[0xfb71, 0x3002], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xfffe_0202, 0xffff_ffff], 0x980f_0000),
        // ubfx r0, r2, #4, #8
        (&[0xf3c2, 0x1007], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x0000_0032, 0x2222_2222], 0x2008_0000),
        (&[0xf3c2, 0x1007], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x0000_0000, 0xffff_ffff], 0x980f_0000),
        // sbfx r0, r2, #28, #4
        (&[0xf342, 0x7003], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0xffff_fff8, 0x2222_2222], 0x2008_0000),
        (&[0xf342, 0x7003], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x0000_0007, 0xffff_ffff], 0x980f_0000),
        // bfi r0, r2, #8, #12
        (&[0xf362, 0x2013], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x1113_2111, 0x2222_2222], 0x2008_0000),
        (&[0xf362, 0x2013], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x0000_0100, 0xffff_ffff], 0x980f_0000),
        // bfc r0, #0, #31
        (&[0xf36f, 0x001e], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x0000_0000, 0x2222_2222], 0x2008_0000),
        (&[0xf36f, 0x001e], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x0000_0000, 0xffff_ffff], 0x980f_0000),
        // ssat r0, #12, r2, asr #3
        (&[0xf322, 0x00cb], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0xffff_f800, 0x2222_2222], 0x2808_0000),
        (&[0xf322, 0x00cb], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x0000_07ff, 0xffff_ffff], 0x980f_0000),
        // usat r0, #7, r2, lsl #2
        (&[0xf382, 0x0087], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x0000_007f, 0x2222_2222], 0x2808_0000),
        (&[0xf382, 0x0087], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x0000_0000, 0xffff_ffff], 0x980f_0000),
        // ssat16 r0, #4, r2
        (&[0xf322, 0x0003], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0xfff8_0007, 0x2222_2222], 0x2808_0000),
        (&[0xf322, 0x0003], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x0007_fff8, 0xffff_ffff], 0x980f_0000),
        // usat16 r0, #9, r3
        (&[0xf3a3, 0x0009], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x0000_0000, 0x2222_2222], 0x2808_0000),
        (&[0xf3a3, 0x0009], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x0000_0004, 0xffff_ffff], 0x980f_0000),
        // rev.w r0, r2
        (&[0xfa92, 0xf082], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x2143_6587, 0x2222_2222], 0x2008_0000),
        (&[0xfa92, 0xf082], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x0180_fe7f, 0xffff_ffff], 0x980f_0000),
        // rev16.w r0, r2
        (&[0xfa92, 0xf092], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x6587_2143, 0x2222_2222], 0x2008_0000),
        (&[0xfa92, 0xf092], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xfe7f_0180, 0xffff_ffff], 0x980f_0000),
        // revsh.w r0, r2
        (&[0xfa92, 0xf0b2], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x0000_2143, 0x2222_2222], 0x2008_0000),
        (&[0xfa92, 0xf0b2], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x0000_0180, 0xffff_ffff], 0x980f_0000),
        // rbit r0, r2
        (&[0xfa92, 0xf0a2], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x84c2_a6e1, 0x2222_2222], 0x2008_0000),
        (&[0xfa92, 0xf0a2], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x8001_7ffe, 0xffff_ffff], 0x980f_0000),
        // clz r0, r2
        (&[0xfab2, 0xf082], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x0000_0000, 0x2222_2222], 0x2008_0000),
        (&[0xfab2, 0xf082], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x0000_0001, 0xffff_ffff], 0x980f_0000),
        // sxtb.w r0, r2, ror #8
        (&[0xfa4f, 0xf092], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x0000_0043, 0x2222_2222], 0x2008_0000),
        (&[0xfa4f, 0xf092], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xffff_ff80, 0xffff_ffff], 0x980f_0000),
        // uxth.w r0, r2, ror #16
        (&[0xfa1f, 0xf0a2], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x0000_8765, 0x2222_2222], 0x2008_0000),
        (&[0xfa1f, 0xf0a2], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x0000_7ffe, 0xffff_ffff], 0x980f_0000),
        // sxtab r0, r1, r2, ror #24
        (&[0xfa41, 0xf0b2], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x2222_21a9, 0x2222_2222], 0x2008_0000),
        (&[0xfa41, 0xf0b2], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x0000_007e, 0xffff_ffff], 0x980f_0000),
        // uxtah r0, r1, r2
        (&[0xfa11, 0xf082], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x2222_6543, 0x2222_2222], 0x2008_0000),
        (&[0xfa11, 0xf082], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x0000_8000, 0xffff_ffff], 0x980f_0000),
        // sxtb16 r0, r2
        (&[0xfa2f, 0xf082], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x0065_0021, 0x2222_2222], 0x2008_0000),
        (&[0xfa2f, 0xf082], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xfffe_0001, 0xffff_ffff], 0x980f_0000),
        // uxtab16 r0, r1, r2, ror #8
        (&[0xfa31, 0xf092], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x22a9_2265, 0x2222_2222], 0x2008_0000),
        (&[0xfa31, 0xf092], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x007e_007f, 0xffff_ffff], 0x980f_0000),
        // sadd16 r0, r2, r3
        (&[0xfa92, 0xf003], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x8765_4314, 0x2222_2222], 0x2003_0000),
        (&[0xfa92, 0xf003], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x7ffc_8005, 0xffff_ffff], 0x980c_0000),
        // ssub8 r0, r2, r3
        (&[0xfac2, 0xf003], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x8765_442e, 0x2222_2222], 0x2007_0000),
        (&[0xfac2, 0xf003], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x8000_80fd, 0xffff_ffff], 0x980c_0000),
        // uasx r0, r2, r3
        (&[0xfaa2, 0xf043], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x8758_4321, 0x2222_2222], 0x200f_0000),
        (&[0xfaa2, 0xf043], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x8002_8003, 0xffff_ffff], 0x9800_0000),
        // usax r0, r2, r3
        (&[0xfae2, 0xf043], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x8772_4321, 0x2222_2222], 0x2000_0000),
        (&[0xfae2, 0xf043], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x7ffa_7fff, 0xffff_ffff], 0x980f_0000),
        // qsub16 r0, r2, r3
        (&[0xfad2, 0xf013], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x8765_432e, 0x2222_2222], 0x2008_0000),
        (&[0xfad2, 0xf013], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x7fff_8000, 0xffff_ffff], 0x980f_0000),
        // uqadd8 r0, r2, r3
        (&[0xfa82, 0xf053], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x8765_ffff, 0x2222_2222], 0x2008_0000),
        (&[0xfa82, 0xf053], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xffff_8005, 0xffff_ffff], 0x980f_0000),
        // shasx r0, r2, r3
        (&[0xfaa2, 0xf023], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0xc3ac_2190, 0x2222_2222], 0x2008_0000),
        (&[0xfaa2, 0xf023], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x4001_c001, 0xffff_ffff], 0x980f_0000),
        // uhsub16 r0, r2, r3
        (&[0xfad2, 0xf063], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x43b2_a197, 0x2222_2222], 0x2008_0000),
        (&[0xfad2, 0xf063], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xc000_3ffe, 0xffff_ffff], 0x980f_0000),
        // qadd r0, r2, r3
        (&[0xfa83, 0xf082], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x8766_4314, 0x2222_2222], 0x2008_0000),
        (&[0xfa83, 0xf082], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x7ffc_8005, 0xffff_ffff], 0x980f_0000),
        // qdsub r0, r2, r3
        (&[0xfa83, 0xf0b2], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x8763_433b, 0x2222_2222], 0x2008_0000),
        (&[0xfa83, 0xf0b2], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x7fff_ffff, 0xffff_ffff], 0x980f_0000),
        // sel r0, r2, r3
        (&[0xfaa2, 0xf083], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x8700_fff3, 0x2222_2222], 0x2008_0000),
        (&[0xfaa2, 0xf083], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x7ffe_8001, 0xffff_ffff], 0x980f_0000),
        // pkhbt r0, r2, r3, lsl #4
        (&[0xeac2, 0x1003], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x000f_4321, 0x2222_2222], 0x2008_0000),
        (&[0xeac2, 0x1003], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0xffe0_8001, 0xffff_ffff], 0x980f_0000),
        // pkhtb r0, r2, r3, asr #20
        (&[0xeac2, 0x5023], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x8765_0000, 0x2222_2222], 0x2008_0000),
        (&[0xeac2, 0x5023], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x7ffe_ffff, 0xffff_ffff], 0x980f_0000),
        // mrs r0, apsr
        (&[0xf3ef, 0x8000], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x2008_0010, 0x2222_2222], 0x2008_0000),
        (&[0xf3ef, 0x8000], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x980f_0010, 0xffff_ffff], 0x980f_0000),
        // msr apsr_nzcvqg, r2
        (&[0xf382, 0x8c00], [0x1111_1111, 0x2222_2222, 0x8765_4321, 0x0000_fff3], 0x2008_0000, [0x1111_1111, 0x2222_2222], 0x8005_0000),
        (&[0xf382, 0x8c00], [0x0000_0000, 0xffff_ffff, 0x7ffe_8001, 0xfffe_0004], 0x980f_0000, [0x0000_0000, 0xffff_ffff], 0x780e_0000),
    ]);
}

/// A8.8 ADD/MOV/CMP (register) with high registers (A6.2.3): no flags
/// for ADD and MOV, and SP/PC as operands.
#[test]
fn t16_high_registers() {
    let (cpu, _, _) = run_thumb(
        &[
            0x4480, // add r8, r0
            0x4680, // mov r8, r0 -> overwrites: r8 = r0
            0x4440, // add r0, r8
            0x4540, // cmp r0, r8
            0x4668, // mov r0, sp
            0x4468, // add r0, sp
        ],
        4,
        |c, _| {
            c.r[0] = 0x8000_0000;
            c.r[8] = 5;
        },
    );
    assert_eq!((cpu.r[0], cpu.r[8]), (0, 0x8000_0000));
    // add r0, r8 wrapped without setting flags; cmp then compared 0 with
    // 0x80000000: N clear, V set (0 - INT_MIN overflows), no carry.
    assert_eq!(flags(&cpu), N | V);
    let (cpu, _, _) = run_thumb(&[0x4668, 0x4468], 2, |_, _| {});
    assert_eq!(cpu.r[0], 2 * SP);
}

/// A6.2 16-bit SP-relative forms: ADD/SUB (SP plus immediate) and
/// LDR/STR [SP, #imm].
#[test]
fn t16_stack_pointer_forms() {
    let (cpu, mem, _) = run_thumb(
        &[
            0xb084, // sub sp, #16
            0x90ff, // str r0, [sp, #1020]
            0x9902, // ldr r1, [sp, #8]
            0xaa02, // add r2, sp, #8
            0xb004, // add sp, #16
        ],
        5,
        |c, m| {
            c.r[0] = 0x1234;
            m.write_u32(SP - 16 + 8, 0x5678).unwrap();
        },
    );
    assert_eq!(mem.read_u32(SP - 16 + 1020).unwrap(), 0x1234);
    assert_eq!((cpu.r[1], cpu.r[2]), (0x5678, SP - 16 + 8));
    assert_eq!(cpu.r[13], SP);
}

/// A6.2.4 16-bit loads and stores: immediate offsets scaled by the size,
/// register offsets, sign extension.
#[test]
fn t16_loads_and_stores() {
    let b = DATA + 0x40;
    let run = |code: u16, r0: u32, r2: u32| {
        let (cpu, mem, exit) = run_thumb(&[code], 1, |c, m| {
            fill(m);
            c.r[0] = r0;
            c.r[1] = b;
            c.r[2] = r2;
        });
        assert_eq!(exit, Exit::Limit);
        (cpu.r[0], mem)
    };
    assert_eq!(run(0x6848, 0, 0).0, pattern(0x44)); // ldr r0, [r1, #4]
    assert_eq!(run(0x7fc8, 0, 0).0, 0x5f); // ldrb r0, [r1, #31]
    assert_eq!(run(0x8fc8, 0, 0).0, 0x7f7e); // ldrh r0, [r1, #62]
    assert_eq!(run(0x5688, 0, 0x40).0, 0xffff_ff80); // ldrsb r0, [r1, r2]
    assert_eq!(run(0x5e88, 0, 0x42).0, 0xffff_8382); // ldrsh r0, [r1, r2]
    let (_, mem) = run(0x67c8, 0xcafe_f00d, 0); // str r0, [r1, #124]
    assert_eq!(mem.read_u32(b + 124).unwrap(), 0xcafe_f00d);
    let (_, mem) = run(0x7048, 0xcafe_f00d, 0); // strb r0, [r1, #1]
    assert_eq!(mem.read_u32(b).unwrap(), 0x4342_0d40);
    let (_, mem) = run(0x8048, 0xcafe_f00d, 0); // strh r0, [r1, #2]
    assert_eq!(mem.read_u32(b).unwrap(), 0xf00d_4140);
}

/// A8.8 LDM/STM (Thumb T1): STM always writes back; LDM writes back
/// only when the base is not in the list.
#[test]
fn t16_ldm_stm_writeback() {
    let (cpu, mem, _) = run_thumb(
        &[
            0xc006, // stmia r0!, {r1, r2}
            0xcb30, // ldmia r3!, {r4, r5}
            0xcb18, // ldmia r3, {r3, r4}
        ],
        3,
        |c, m| {
            fill(m);
            c.r[0] = DATA + 0x80;
            c.r[1] = 0x11;
            c.r[2] = 0x22;
            c.r[3] = DATA;
        },
    );
    assert_eq!(cpu.r[0], DATA + 0x88);
    assert_eq!(mem.read_u64(DATA + 0x80).unwrap(), 0x22_0000_0011);
    // ldmia r3!, {r4, r5} took 0 and 4 and left r3 = DATA + 8; then
    // ldmia r3, {r3, r4} loaded r3 itself (no write-back).
    assert_eq!(cpu.r[5], pattern(4));
    assert_eq!((cpu.r[3], cpu.r[4]), (pattern(8), pattern(12)));
}

/// A8.8 PUSH / POP (Thumb): POP {pc} is LoadWritePC, so an even address
/// switches to ARM state.
#[test]
fn t16_push_pop_and_pop_pc_interworks() {
    let mut m = Machine::thumb(&[
        0xb510, // push {r4, lr}
        0x2409, // movs r4, #9
        0xbd10, // pop {r4, pc}
    ]);
    m.load_arm(CODE2, &[0xe3a00007]); // mov r0, #7
    m.cpu.r[4] = 4;
    m.cpu.r[14] = CODE2; // an ARM address
    assert_eq!(m.run(4), Exit::Limit);
    assert!(!m.cpu.thumb);
    assert_eq!((m.cpu.r[0], m.cpu.r[4], m.cpu.r[13]), (7, 4, SP));
    assert_eq!(m.cpu.r[15], CODE2 + 4);
    assert_eq!(m.read32(SP - 4), CODE2);
}

/// A8.8 IT / A2.5.2: inside an IT block the 16-bit flag-setting encodings
/// do not set flags (InITBlock()), and skipped instructions still retire.
#[test]
fn t16_flag_setting_inside_and_outside_it() {
    // adds r0, r0, r1 (0x1840) outside IT sets flags
    let (cpu, _, _) = run_thumb(&[0x1840], 1, |c, _| {
        c.r[0] = 0xffff_ffff;
        c.r[1] = 1;
    });
    assert_eq!((cpu.r[0], flags(&cpu)), (0, Z | C));
    // it eq; addeq r0, r0, r1 (the same 0x1840) leaves flags alone
    let (cpu, _, _) = run_thumb(&[0xbf08, 0x1840], 2, |c, _| {
        c.r[0] = 0xffff_ffff;
        c.r[1] = 1;
        set_flags(c, Z);
    });
    assert_eq!((cpu.r[0], flags(&cpu), cpu.icount), (0, Z, 2));
    assert_eq!(cpu.itstate, 0);
}

/// ITE: then/else conditions from one IT.
#[test]
fn ite_selects_one_of_two() {
    let code = [
        0x2800, // cmp r0, #0
        0xbf0c, // ite eq
        0x2101, // moveq r1, #1
        0x2102, // movne r1, #2
    ];
    for (r0, r1) in [(0, 1), (5, 2)] {
        let (cpu, _, exit) = run_thumb(&code, 4, |c, _| c.r[0] = r0);
        assert_eq!(exit, Exit::Limit);
        assert_eq!((cpu.r[1], cpu.icount, cpu.r[15]), (r1, 4, CODE + 8));
        // cmp set the flags; the MOVs inside the block did not
        assert_eq!(cpu.z, (r0 == 0) as u32);
    }
}

/// ITETE GT with four instructions, followed by a flag-setting ADDS
/// outside the block.
#[test]
fn itete_four_instructions() {
    let code = [
        0xbfcb, // itete gt
        0x3101, // addgt r1, #1
        0x3201, // addle r2, #1
        0x3301, // addgt r3, #1
        0x3401, // addle r4, #1
        0x3501, // adds r5, #1
    ];
    for (f, gt) in [(0, true), (Z, false), (N, false), (N | V, true)] {
        let (cpu, _, _) = run_thumb(&code, 6, |c, _| {
            set_flags(c, f);
            c.r[5] = 0xffff_ffff;
        });
        let (t, e) = if gt { (1, 0) } else { (0, 1) };
        assert_eq!(cpu.r[1..5], [t, e, t, e], "flags {f:#x}");
        // adds r5, #1 outside the block sets Z and C
        assert_eq!((cpu.r[5], flags(&cpu)), (0, Z | C));
        assert_eq!((cpu.icount, cpu.itstate), (6, 0));
    }
}

/// Each instruction in an IT block tests its condition against the
/// flags as they are when it executes: a CMP inside the block decides
/// for the ones after it.
#[test]
fn it_conditions_see_flags_set_inside_the_block() {
    let code = [
        0xbf04, // itt eq
        0x2801, // cmpeq r0, #1
        0x3101, // addeq r1, #1
    ];
    for (r0, r1) in [(0, 0), (1, 1)] {
        let (cpu, _, _) = run_thumb(&code, 3, |c, _| {
            c.r[0] = r0;
            set_flags(c, Z);
        });
        assert_eq!(cpu.r[1], r1, "r0 = {r0}");
    }
}

/// Stopping in the middle of an IT block saves ITSTATE; resuming
/// continues the block with its conditions intact.
#[test]
fn limit_inside_it_block_resumes() {
    let mut m = Machine::thumb(&[
        0xbf1e, // ittt ne
        0x3101, // addne r1, #1
        0x3201, // addne r2, #1
        0x3301, // addne r3, #1
        0x3401, // adds r4, #1
    ]);
    assert_eq!(m.run(2), Exit::Limit);
    assert_eq!(m.cpu.r[1], 1);
    assert_ne!(m.cpu.itstate, 0);
    assert_eq!(m.cpu.r[15], CODE + 4);
    // Z set between the two runs: the rest of the block (NE) is skipped.
    set_flags(&mut m.cpu, Z);
    assert_eq!(m.run(3), Exit::Limit);
    assert_eq!((m.cpu.r[2], m.cpu.r[3], m.cpu.r[4]), (0, 0, 1));
    assert_eq!((m.cpu.itstate, m.cpu.icount), (0, 5));
    // The same code run straight through with Z clear adds to all.
    let (cpu, _, _) = run_thumb(&[0xbf1e, 0x3101, 0x3201, 0x3301, 0x3401], 5, |_, _| {});
    assert_eq!(cpu.r[1..5], [1, 1, 1, 1]);
}

/// A 32-bit instruction and a branch inside IT blocks: the branch must be
/// the last instruction and takes its condition from the block.
#[test]
fn it_with_t32_instruction_and_branch() {
    // it ne; addne.w r0, r1, #0x10000
    let (cpu, _, _) = run_thumb(&[0xbf18, 0xf501, 0x3080], 2, |c, _| c.r[1] = 1);
    assert_eq!(cpu.r[0], 0x10001);
    let (cpu, _, _) = run_thumb(&[0xbf18, 0xf501, 0x3080], 2, |c, _| {
        c.r[1] = 1;
        set_flags(c, Z);
    });
    assert_eq!((cpu.r[0], cpu.r[15]), (0, CODE + 6));
    let code = [
        0xbf08, // 0: it eq
        0xe000, // 2: beq.n 6
        0x2101, // 4: movs r1, #1
        0x2202, // 6: movs r2, #2
    ];
    let (cpu, _, _) = run_thumb(&code, 3, |c, _| set_flags(c, Z));
    assert_eq!((cpu.r[1], cpu.r[2]), (0, 2));
    let (cpu, _, _) = run_thumb(&code, 4, |_, _| {});
    assert_eq!((cpu.r[1], cpu.r[2]), (1, 2));
}

/// A8.8 CBZ / CBNZ: forward branches on zero / non-zero, no flags.
#[test]
fn cbz_cbnz() {
    let code = [
        0xb100, // 0: cbz r0, 4
        0x2101, // 2: movs r1, #1
        0x2202, // 4: movs r2, #2
        0xb900, // 6: cbnz r0, a
        0x2303, // 8: movs r3, #3
        0x2404, // a: movs r4, #4
    ];
    let (cpu, _, _) = run_thumb(&code, 5, |c, _| c.r[0] = 0);
    assert_eq!(cpu.r[1..5], [0, 2, 3, 4]);
    let (cpu, _, _) = run_thumb(&code, 5, |c, _| c.r[0] = 7);
    assert_eq!(cpu.r[1..5], [1, 2, 0, 4]);
    assert_eq!(cpu.r[15], CODE + 0xc);
}

/// A8.8 TBB / TBH with the table after the instruction (Rn = PC): the
/// branch is PC + 2 * entry.
#[test]
fn tbb_tbh_tables() {
    let tbb = [
        0xe8df, 0xf000, // 0: tbb [pc, r0]
        0x0402, 0x0006, // 4: table: 2, 4, 6, 0
        0x210a, // 8: movs r1, #10
        0xe002, // a: b.n 12
        0x210b, // c: movs r1, #11
        0xe000, // e: b.n 12
        0x210c, // 10: movs r1, #12
        0xbf00, // 12: nop
    ];
    let tbh = [
        0xe8df, 0xf010, // 0: tbh [pc, r0, lsl #1]
        0x0003, 0x0005, 0x0007, // 4: table: 3, 5, 7
        0x210a, // a: movs r1, #10
        0xe002, // c: b.n 14
        0x210b, // e: movs r1, #11
        0xe000, // 10: b.n 14
        0x210c, // 12: movs r1, #12
        0xbf00, // 14: nop
    ];
    for (code, end) in [(&tbb[..], 0x14), (&tbh[..], 0x16)] {
        for (r0, n, r1) in [(0, 4, 10), (1, 4, 11), (2, 3, 12)] {
            let (cpu, _, exit) = run_thumb(code, n, |c, _| c.r[0] = r0);
            assert_eq!(exit, Exit::Limit);
            assert_eq!((cpu.r[1], cpu.r[15]), (r1, CODE + end), "index {r0}");
        }
    }
}

/// TBB/TBH with the table in data memory (Rn a general register).
#[test]
fn tbb_tbh_register_base() {
    // tbb [r1, r0]: entry 3 at DATA + 2 -> PC + 6
    let (cpu, _, _) = run_thumb(&[0xe8d1, 0xf000], 1, |c, m| {
        m.write_u32(DATA, 0x0003_0000).unwrap();
        c.r[0] = 2;
        c.r[1] = DATA;
    });
    assert_eq!(cpu.r[15], CODE + 4 + 6);
    // tbh [r1, r0, lsl #1]: entry 0x100 at DATA + 2 -> PC + 0x200
    let (cpu, _, _) = run_thumb(&[0xe8d1, 0xf010], 1, |c, m| {
        m.write_u32(DATA, 0x0100_0000).unwrap();
        c.r[0] = 1;
        c.r[1] = DATA;
    });
    assert_eq!(cpu.r[15], CODE + 4 + 0x200);
}

/// A8.8 ADR and LDR (literal): the base is Align(PC, 4), so the result
/// depends on whether the instruction sits at a word boundary.
#[test]
fn adr_and_literal_alignment() {
    let (cpu, _, _) = run_thumb(
        &[
            0xbf00, // 0: nop
            0xa001, // 2: adr r0, 8 (Align(6, 4) + 4)
            0x4a00, // 4: ldr r2, [pc, #0] (Align(8, 4) + 0)
            0xbf00, // 6: nop
            0x2222, 0x2222, // 8: .word 0x22222222
        ],
        3,
        |_, _| {},
    );
    assert_eq!((cpu.r[0], cpu.r[2]), (CODE + 8, 0x2222_2222));
    let (cpu, _, _) = run_thumb(
        &[
            0xa001, // 0: adr r0, 8 (Align(4, 4) + 4)
            0x4a01, // 2: ldr r2, [pc, #4] (Align(6, 4) + 4)
            0xbf00, // 4: nop
            0xbf00, // 6: nop
            0x2222, 0x2222, // 8: .word 0x22222222
        ],
        2,
        |_, _| {},
    );
    assert_eq!((cpu.r[0], cpu.r[2]), (CODE + 8, 0x2222_2222));
    // 32-bit forms: ADR.W (addw/subw rd, pc, #imm) and LDR.W literal
    let (cpu, _, _) = run_thumb(
        &[
            0xbf00, // 0: nop
            0xf20f, 0x0010, // 2: adr.w r0, 0x14 (addw r0, pc, #16)
            0xf20f, 0x0108, // 6: adr.w r1, 0x10 (addw r1, pc, #8)
            0x4a02, // a: ldr r2, [pc, #8]
            0xf8df, 0x3000, // c: ldr.w r3, [pc]
            0x1111, 0x1111, // 10: .word 0x11111111
            0x2222, 0x2222, // 14: .word 0x22222222
        ],
        5,
        |_, _| {},
    );
    assert_eq!(
        cpu.r[..4],
        [CODE + 0x14, CODE + 0x10, 0x2222_2222, 0x1111_1111]
    );
    let (cpu, _, _) = run_thumb(
        &[
            0xbf00, // 0: nop
            0xbf00, // 2: nop
            0xf2af, 0x0008, // 4: adr.w r0, 0 (subw r0, pc, #8)
            0xf2af, 0x0104, // 8: subw r1, pc, #4
            0xf20f, 0x0206, // c: addw r2, pc, #6
            0xf85f, 0x3014, // 10: ldr.w r3, [pc, #-20]
        ],
        6,
        |_, _| {},
    );
    assert_eq!(cpu.r[..3], [CODE, CODE + 8, CODE + 0x16]);
    // ldr.w r3, [pc, #-20] at 0x10 reads the word at 0x14 - 20 = 0
    assert_eq!(cpu.r[3], 0xbf00_bf00);
}

/// A8.8 B, BL (T1-T4): offsets across the full range, including the
/// J1/J2 bits of the 32-bit forms and negative offsets.
#[test]
fn branch_offsets() {
    // (code at CODE, target relative to CODE)
    let cases: [(&[u16], i64); 12] = [
        (&[0xf3ff, 0xfffe], 0x40_0000),  // bl .+0x400000
        (&[0xf7f7, 0xfffe], -0x8000),    // bl .-0x8000
        (&[0xf123, 0xfa29], 0x12_3456),  // bl .+0x123456
        (&[0xf6dc, 0xfdd3], -0x12_3456), // bl .-0x123456
        (&[0xf0ff, 0xbffe], 0x10_0000),  // b.w .+0x100000
        (&[0xf6ff, 0xbffe], -0x10_0000), // b.w .-0x100000
        (&[0xf03f, 0xa7fe], 0x8_0000),   // beq.w .+0x80000 (Z set)
        (&[0xf47f, 0xa7fe], -0x8_0000),  // bne.w .-0x80000 (Z set: not taken)
        (&[0xe3fd], 0x7fe),              // b.n .+0x7fe
        (&[0xf7ff, 0xbbfe], -0x800),     // b.w .-0x800
        (&[0xd07e], 0x100),              // beq.n .+0x100
        (&[0xd17e], 2),                  // bne.n .+0x100 (Z set: not taken)
    ];
    for (i, &(code, rel)) in cases.iter().enumerate() {
        let (cpu, _, exit) = run_thumb(code, 1, |c, _| set_flags(c, Z));
        assert_eq!(exit, Exit::Limit);
        // The conditional branch whose condition fails falls through.
        let rel = if i == 7 { 4 } else { rel };
        assert_eq!(
            cpu.r[15],
            (CODE as i64 + rel) as u32,
            "case {i}: {code:04x?}"
        );
        assert!(cpu.thumb);
    }
    // BL links to the next instruction with bit 0 set.
    let (cpu, _, _) = run_thumb(&[0xbf00, 0xf3ff, 0xfffe], 2, |_, _| {});
    assert_eq!(cpu.r[14], CODE + 6 + 1);
}

/// A8.8 BL, BLX (immediate) from Thumb: the target is Align(PC, 4) +
/// imm and the processor enters ARM state; LR keeps bit 0 set.
#[test]
fn blx_immediate_to_arm_and_back() {
    let mut m = Machine::thumb(&[
        0xbf00, // 0: nop
        0xf000, 0xe808, // 2: blx 0x14
        0x2101, // 6: movs r1, #1
    ]);
    m.load_arm(
        CODE + 0x14,
        &[
            0xe3a00007, // mov r0, #7
            0xe12fff1e, // bx lr
        ],
    );
    assert_eq!(m.run(2), Exit::Limit);
    assert!(!m.cpu.thumb);
    assert_eq!((m.cpu.r[15], m.cpu.r[14]), (CODE + 0x14, CODE + 6 + 1));
    assert_eq!(m.run(3), Exit::Limit);
    assert!(m.cpu.thumb);
    assert_eq!((m.cpu.r[0], m.cpu.r[1], m.cpu.r[15]), (7, 1, CODE + 8));
    // From a word-aligned address the same offset lands 4 bytes further
    // on: blx .+0x1000 at 0x20 goes to 0x1020; at 0x26 to 0x1028.
    let (cpu, _, _) = run_thumb(&[0xf000, 0xeffe], 1, |_, _| {});
    assert_eq!((cpu.r[15], cpu.thumb), (CODE + 0x1000, false));
    let (cpu, _, _) = run_thumb(&[0xbf00, 0xbf00, 0xbf00, 0xf001, 0xe800], 4, |_, _| {});
    assert_eq!((cpu.r[15], cpu.thumb), (CODE + 0x1008, false));
}

/// A8.8 BX / BLX (register) from Thumb into ARM code and back.
#[test]
fn blx_register_to_arm_and_back() {
    let mut m = Machine::thumb(&[
        0x4790, // blx r2
        0x2101, // movs r1, #1
    ]);
    m.load_arm(
        CODE2,
        &[
            0xe3a00007, // mov r0, #7
            0xe12fff1e, // bx lr
        ],
    );
    m.cpu.r[2] = CODE2;
    assert_eq!(m.run(4), Exit::Limit);
    assert!(m.cpu.thumb);
    assert_eq!((m.cpu.r[0], m.cpu.r[1], m.cpu.r[15]), (7, 1, CODE + 4));
    assert_eq!(m.cpu.r[14], CODE + 3);
}

/// LDR into PC from Thumb is LoadWritePC (interworking); MOV/ADD to PC
/// are ALUWritePC, which in Thumb state is a plain BranchWritePC.
#[test]
fn thumb_writes_to_pc() {
    // ldr.w pc, [r0] with an even value: ARM state
    let (cpu, _, _) = run_thumb(&[0xf8d0, 0xf000], 1, |c, m| {
        c.r[0] = DATA;
        m.write_u32(DATA, CODE2).unwrap();
    });
    assert_eq!((cpu.r[15], cpu.thumb), (CODE2, false));
    // mov pc, r2: bit 0 is dropped, state stays Thumb
    for r2 in [CODE2, CODE2 | 1] {
        let (cpu, _, _) = run_thumb(&[0x4697], 1, |c, _| c.r[2] = r2);
        assert_eq!((cpu.r[15], cpu.thumb), (CODE2, true));
    }
    // add pc, r2: PC reads as the instruction + 4
    let (cpu, _, _) = run_thumb(&[0x4497], 1, |c, _| c.r[2] = 0x10);
    assert_eq!((cpu.r[15], cpu.thumb), (CODE + 4 + 0x10, true));
}

/// A6.3.7-10 32-bit loads and stores: 12-bit and 8-bit offsets with
/// pre/post-indexing and write-back, register offsets with LSL.
#[test]
fn t32_loads_and_stores() {
    let b = DATA + 0x40;
    // (code, r2, r0 after, r1 after)
    let loads: [(&[u16], u32, u32, u32); 11] = [
        (&[0xf8d1, 0x0404], 0, 0, 0), // ldr.w r0, [r1, #0x404] (checked below)
        (&[0xf851, 0x0c08], 0, pattern(0x38), b), // ldr r0, [r1, #-8]
        (&[0xf851, 0x0f08], 0, pattern(0x48), b + 8), // ldr r0, [r1, #8]!
        (&[0xf851, 0x0904], 0, pattern(0x40), b - 4), // ldr r0, [r1], #-4
        (&[0xf851, 0x0022], 3, pattern(0x4c), b), // ldr.w r0, [r1, r2, lsl #2]
        (&[0xf891, 0x0081], 0, 0xc1, b), // ldrb.w r0, [r1, #0x81]
        (&[0xf991, 0x0080], 0, 0xffff_ffc0, b), // ldrsb.w r0, [r1, #0x80]
        (&[0xf911, 0x0d01], 0, 0x3f, b - 1), // ldrsb r0, [r1, #-1]!
        (&[0xf8b1, 0x0082], 0, 0xc3c2, b), // ldrh.w r0, [r1, #0x82]
        (&[0xf931, 0x0012], 0x20, 0xffff_8180, b), // ldrsh.w r0, [r1, r2, lsl #1]
        (&[0xf931, 0x0b02], 0, 0x4140, b + 2), // ldrsh r0, [r1], #2
    ];
    for &(code, r2, r0, r1) in &loads[1..] {
        let (cpu, _, exit) = run_thumb(code, 1, |c, m| {
            fill(m);
            c.r[1] = b;
            c.r[2] = r2;
        });
        assert_eq!(exit, Exit::Limit, "{code:04x?}");
        assert_eq!((cpu.r[0], cpu.r[1]), (r0, r1), "{code:04x?}");
    }
    let (cpu, _, _) = run_thumb(loads[0].0, 1, |c, m| {
        m.write_u32(b + 0x404, 0x1234_5678).unwrap();
        c.r[1] = b;
    });
    assert_eq!(cpu.r[0], 0x1234_5678);
    // stores: (code, r2, address written, r1 after, value read back)
    let stores: [(&[u16], u32, u32, u32, u32); 4] = [
        (&[0xf8c1, 0x0404], 0, b + 0x404, b, 0xcafe_f00d), // str.w r0, [r1, #0x404]
        (&[0xf841, 0x0d04], 0, b - 4, b - 4, 0xcafe_f00d), // str r0, [r1, #-4]!
        (&[0xf801, 0x0b01], 0, b, b + 1, 0x4342_410d),     // strb r0, [r1], #1
        (&[0xf821, 0x0012], 2, b + 4, b, 0x4746_f00d),     // strh.w r0, [r1, r2, lsl #1]
    ];
    for &(code, r2, addr, r1, v) in &stores {
        let (cpu, mem, exit) = run_thumb(code, 1, |c, m| {
            fill(m);
            c.r[0] = 0xcafe_f00d;
            c.r[1] = b;
            c.r[2] = r2;
        });
        assert_eq!(exit, Exit::Limit, "{code:04x?}");
        assert_eq!(
            (mem.read_u32(addr).unwrap(), cpu.r[1]),
            (v, r1),
            "{code:04x?}"
        );
    }
}

/// A8.8 LDRD/STRD (immediate, T1): offset, pre- and post-indexed.
#[test]
fn t32_ldrd_strd() {
    let b = DATA + 0x40;
    let run = |code: &[u16]| {
        let (cpu, mem, exit) = run_thumb(code, 1, |c, m| {
            fill(m);
            c.r[1] = b;
            c.r[2] = 0x1111_1111;
            c.r[3] = 0x2222_2222;
        });
        assert_eq!(exit, Exit::Limit);
        (cpu, mem)
    };
    let (cpu, _) = run(&[0xe9d1, 0x2302]); // ldrd r2, r3, [r1, #8]
    assert_eq!(
        (cpu.r[2], cpu.r[3], cpu.r[1]),
        (pattern(0x48), pattern(0x4c), b)
    );
    let (cpu, _) = run(&[0xe971, 0x2302]); // ldrd r2, r3, [r1, #-8]!
    assert_eq!(
        (cpu.r[2], cpu.r[3], cpu.r[1]),
        (pattern(0x38), pattern(0x3c), b - 8)
    );
    let (cpu, _) = run(&[0xe8f1, 0x2304]); // ldrd r2, r3, [r1], #16
    assert_eq!(
        (cpu.r[2], cpu.r[3], cpu.r[1]),
        (pattern(0x40), pattern(0x44), b + 16)
    );
    let (cpu, mem) = run(&[0xe941, 0x2304]); // strd r2, r3, [r1, #-16]
    assert_eq!(
        (mem.read_u64(b - 16).unwrap(), cpu.r[1]),
        (0x2222_2222_1111_1111, b)
    );
    let (cpu, mem) = run(&[0xe8e1, 0x2302]); // strd r2, r3, [r1], #8
    assert_eq!(
        (mem.read_u64(b).unwrap(), cpu.r[1]),
        (0x2222_2222_1111_1111, b + 8)
    );
}

/// A6.3.5 32-bit LDM/STM: PUSH.W/POP.W, STMDB/LDMIA with write-back,
/// LDMDB and STMIA without.
#[test]
fn t32_load_store_multiple() {
    let (cpu, mem, _) = run_thumb(
        &[
            0xe92d, 0x4007, // push.w {r0, r1, r2, lr}
            0xe8bd, 0x4007, // pop.w {r0, r1, r2, lr}  (same values back)
            0xe921, 0x000c, // stmdb r1!, {r2, r3}
        ],
        3,
        |c, _| {
            c.r[0] = 10;
            c.r[1] = DATA + 0x100;
            c.r[2] = 12;
            c.r[3] = 13;
            c.r[14] = 14;
        },
    );
    assert_eq!(mem.read_u32(SP - 16).unwrap(), 10);
    assert_eq!(mem.read_u32(SP - 4).unwrap(), 14);
    assert_eq!((cpu.r[13], cpu.r[14]), (SP, 14));
    assert_eq!(cpu.r[1], DATA + 0xf8);
    assert_eq!(mem.read_u64(DATA + 0xf8).unwrap(), 13 << 32 | 12);
    let (cpu, _, _) = run_thumb(&[0xe8b1, 0x000c], 1, |c, m| {
        // ldmia.w r1!, {r2, r3}
        fill(m);
        c.r[1] = DATA + 0x10;
    });
    assert_eq!(
        (cpu.r[2], cpu.r[3], cpu.r[1]),
        (pattern(0x10), pattern(0x14), DATA + 0x18)
    );
    let (cpu, _, _) = run_thumb(&[0xe911, 0x000c], 1, |c, m| {
        // ldmdb r1, {r2, r3}
        fill(m);
        c.r[1] = DATA + 0x10;
    });
    assert_eq!(
        (cpu.r[2], cpu.r[3], cpu.r[1]),
        (pattern(0x8), pattern(0xc), DATA + 0x10)
    );
    let (cpu, mem, _) = run_thumb(&[0xe881, 0x000c], 1, |c, _| {
        // stmia.w r1, {r2, r3}
        c.r[1] = DATA + 0x10;
        c.r[2] = 2;
        c.r[3] = 3;
    });
    assert_eq!(
        (mem.read_u64(DATA + 0x10).unwrap(), cpu.r[1]),
        (3 << 32 | 2, DATA + 0x10)
    );
}

/// A6.3.6 exclusives in T32 (LDREX/STREX take an immediate offset).
#[test]
fn t32_exclusives() {
    let mut m = Machine::thumb(&[
        0xe851, 0x0f01, // ldrex r0, [r1, #4]
        0xe841, 0x3201, // strex r2, r3, [r1, #4]
        0xe841, 0x3201, // strex r2, r3, [r1, #4]  (fails: monitor closed)
        0xe8d1, 0x0f4f, // ldrexb r0, [r1]
        0xf3bf, 0x8f2f, // clrex
        0xe8c1, 0x3f42, // strexb r2, r3, [r1]  (fails after CLREX)
        0xe8d1, 0x0f5f, // ldrexh r0, [r1]
        0xe8c1, 0x3f52, // strexh r2, r3, [r1]
        0xe8d1, 0x457f, // ldrexd r4, r5, [r1]
        0xe8c1, 0x4572, // strexd r2, r4, r5, [r1]
    ]);
    fill(&mut m.mem);
    m.cpu.r[1] = DATA + 0x80;
    m.cpu.r[3] = 0xaabb_ccdd;
    m.run(2);
    assert_eq!((m.cpu.r[0], m.cpu.r[2]), (pattern(0x84), 0));
    assert_eq!(m.read32(DATA + 0x84), 0xaabb_ccdd);
    m.write32(DATA + 0x84, 0);
    m.run(1);
    assert_eq!((m.cpu.r[2], m.read32(DATA + 0x84)), (1, 0));
    m.cpu.r[2] = 0;
    m.run(3);
    assert_eq!((m.cpu.r[0], m.cpu.r[2]), (0x80, 1));
    assert_eq!(m.read32(DATA + 0x80), pattern(0x80));
    m.run(2);
    assert_eq!((m.cpu.r[0], m.cpu.r[2]), (0x8180, 0));
    assert_eq!(m.read32(DATA + 0x80), 0x8382_ccdd);
    m.run(1);
    assert_eq!((m.cpu.r[4], m.cpu.r[5]), (0x8382_ccdd, 0));
    m.cpu.r[4] = 0x1111_1111;
    m.cpu.r[5] = 0x2222_2222;
    m.cpu.r[2] = 7;
    m.run(1);
    assert_eq!(m.cpu.r[2], 0);
    assert_eq!(m.mem.read_u64(DATA + 0x80).unwrap(), 0x2222_2222_1111_1111);
}

/// MRC TPIDRURO in T32, hints and barriers.
#[test]
fn t32_system_instructions() {
    let (cpu, _, exit) = run_thumb(
        &[
            0xee1d, 0x0f70, // mrc p15, 0, r0, c13, c0, 3
            0xf891, 0xf004, // pld [r1, #4]
            0xf3bf, 0x8f5b, // dmb ish
            0xbf00, // nop
        ],
        4,
        |c, _| c.tpidruro = 0x7777_0000,
    );
    assert_eq!(exit, Exit::Limit);
    assert_eq!((cpu.r[0], cpu.r[15]), (0x7777_0000, CODE + 14));
}

/// SVC, UDF and BKPT in Thumb state: SVC retires with PC past its two
/// bytes; UDF (16- and 32-bit) and unallocated encodings report the
/// Thumb instruction and its length.
#[test]
fn thumb_exits() {
    let mut m = Machine::thumb(&[
        0x2001, // movs r0, #1
        0xdf2a, // svc #42
        0x2102, // movs r1, #2
    ]);
    assert_eq!(m.run(10), Exit::Svc(42));
    assert_eq!(
        (m.cpu.r[15], m.cpu.icount, m.cpu.thumb),
        (CODE + 4, 2, true)
    );
    assert_eq!(m.run(1), Exit::Limit);
    assert_eq!(m.cpu.r[1], 2);
    // udf #7
    let (cpu, _, exit) = run_thumb(&[0x2001, 0xde07], 5, |_, _| {});
    assert_eq!(
        exit,
        Exit::Undefined {
            pc: CODE + 2,
            thumb: true,
            raw: 0xde07,
            len: 2
        }
    );
    assert_eq!((cpu.r[15], cpu.icount), (CODE + 2, 1));
    // udf.w #0x1234
    let (_, _, exit) = run_thumb(&[0xf7f1, 0xa234], 5, |_, _| {});
    assert_eq!(
        exit,
        Exit::Undefined {
            pc: CODE,
            thumb: true,
            raw: 0xf7f1_a234,
            len: 4
        }
    );
    // an unallocated long-multiply opcode (op2 = 0001)
    let (_, _, exit) = run_thumb(&[0xfbc1, 0x0010], 5, |_, _| {});
    assert_eq!(
        exit,
        Exit::Undefined {
            pc: CODE,
            thumb: true,
            raw: 0xfbc1_0010,
            len: 4
        }
    );
    // bkpt #3
    let (cpu, _, exit) = run_thumb(&[0xbe03], 5, |_, _| {});
    assert_eq!((exit, cpu.r[15], cpu.icount), (Exit::Bkpt(3), CODE, 0));
}

/// A 32-bit Thumb instruction whose second halfword is on an unmapped
/// page faults on the fetch, with PC at the instruction.
#[test]
fn thumb_fetch_fault_across_page() {
    use sim::memory::{Access, Fault};
    let mut m = Machine::new();
    m.cpu.thumb = true;
    let at = CODE2 + 0xffc;
    m.load_thumb(at, &[0x2001, 0xf8d1]); // movs r0, #1; first half of ldr.w
    m.cpu.r[15] = at;
    let exit = m.run(5);
    assert_eq!(m.cpu.r[0], 1);
    assert_eq!(
        exit,
        Exit::Fault {
            pc: at + 2,
            fault: Fault {
                addr: CODE2 + 0x1000,
                access: Access::Exec
            }
        }
    );
    assert_eq!((m.cpu.r[15], m.cpu.icount), (at + 2, 1));
}

/// A data abort inside an IT block leaves ITSTATE as it was for the
/// faulting instruction, so that re-executing it resumes the block.
#[test]
fn fault_inside_it_block_keeps_itstate() {
    use sim::memory::{Access, Fault};
    let mut m = Machine::thumb(&[
        0xbf04, // itt eq
        0x6808, // ldreq r0, [r1]
        0x3201, // addeq r2, #1
        0x3301, // adds r3, #1
    ]);
    set_flags(&mut m.cpu, Z);
    m.cpu.r[1] = UNMAPPED;
    assert_eq!(
        m.run(10),
        Exit::Fault {
            pc: CODE + 2,
            fault: Fault {
                addr: UNMAPPED,
                access: Access::Read
            }
        }
    );
    assert_ne!(m.cpu.itstate, 0);
    assert_eq!(m.cpu.icount, 1);
    // "Handle" the fault and resume: the rest of the block still runs
    // under EQ.
    m.cpu.r[1] = DATA;
    m.write32(DATA, 0x55);
    assert_eq!(m.run(3), Exit::Limit);
    assert_eq!((m.cpu.r[0], m.cpu.r[2], m.cpu.r[3]), (0x55, 1, 1));
    assert_eq!(m.cpu.itstate, 0);
}

/// SVC as the last instruction of an IT block: it retires, and the block
/// is over when execution resumes (the next instruction sets flags).
#[test]
fn svc_inside_it_block() {
    let mut m = Machine::thumb(&[
        0xbf08, // it eq
        0xdf01, // svceq #1
        0x3301, // adds r3, #1
    ]);
    set_flags(&mut m.cpu, Z);
    assert_eq!(m.run(10), Exit::Svc(1));
    assert_eq!((m.cpu.itstate, m.cpu.r[15], m.cpu.icount), (0, CODE + 4, 2));
    assert_eq!(m.run(1), Exit::Limit);
    assert_eq!((m.cpu.r[3], flags(&m.cpu)), (1, 0));
    // With the condition failing the SVC is skipped.
    let (cpu, _, exit) = run_thumb(&[0xbf08, 0xdf01, 0x3301], 3, |_, _| {});
    assert_eq!((exit, cpu.r[3]), (Exit::Limit, 1));
}

/// Conditional returns, the common compiler idiom: a BX or POP {pc} as
/// the last instruction of an IT block, taken or not; ITSTATE is clear
/// afterwards either way.
#[test]
fn conditional_return_ends_it_block() {
    let code = [
        0xbf18, // it ne
        0x4770, // bxne lr
        0x2001, // movs r0, #1
        0xbf08, // it eq
        0xbd10, // popeq {r4, pc}
        0x2101, // movs r1, #1
    ];
    // Z clear: bxne lr is taken.
    let (cpu, _, _) = run_thumb(&code, 2, |c, _| c.r[14] = CODE2 | 1);
    assert_eq!((cpu.r[15], cpu.itstate, cpu.r[0]), (CODE2, 0, 0));
    // Z set: bxne falls through, movs runs (and clears Z), so the
    // popeq that follows is skipped.
    let (cpu, _, _) = run_thumb(&code, 6, |c, _| {
        c.r[14] = CODE2 | 1;
        set_flags(c, Z);
    });
    assert_eq!((cpu.r[0], cpu.r[1], cpu.r[13]), (1, 1, SP));
    assert_eq!((cpu.r[15], cpu.itstate), (CODE + 12, 0));
    // popeq {r4, pc} taken: r4 and PC from the stack, still Thumb.
    let (cpu, _, _) = run_thumb(&code[3..], 2, |c, m| {
        set_flags(c, Z);
        m.write_u32(SP, 44).unwrap();
        m.write_u32(SP + 4, CODE2 | 1).unwrap();
    });
    assert_eq!(
        (cpu.r[4], cpu.r[13], cpu.r[15], cpu.thumb),
        (44, SP + 8, CODE2, true)
    );
    assert_eq!(cpu.itstate, 0);
}
