/* Neon: loads/stores, permutes, shifts, integer and float data processing.
 *  - VLD1..VLD4 / VST1..VST4: multiple, single-lane and all-lanes (dup)
 *    forms, D and Q, into a guarded buffer so stray bytes show; RGB
 *    deinterleave -> grey and RGB -> BGR, checked against scalar code
 *  - VDUP (scalar and lane), VMOV/VMVN/VORR/VBIC immediates, VEXT, VZIP,
 *    VUZP, VTRN, VREV16/32/64, VSWP-style halves
 *  - shifts by immediate (VSHR, VSRA, VRSHR, VRSRA, VSHL, VQSHL, VQSHLU,
 *    VSHLL incl. the maximum-shift form, VSLI, VSRI) and by register
 *    (VSHL, VQSHL, VRSHL, VQRSHL with negative and oversized counts)
 *  - VABS/VQABS/VNEG/VQNEG/VCLZ/VCLS/VCNT/VMVN, pairwise VPADDL/VPADAL/
 *    VPADD/VPMAX/VPMIN, VQADD/VQSUB/VHADD/VHSUB/VRHADD/VMAX/VMIN, compares,
 *    VTST, VBSL/VBIT/VBIF, logic, VMUL/VMLA/VMLS
 *  - float: add/sub/mul/mla/mls/max/min/pairwise/abs/neg/compares,
 *    VRECPE/VRSQRTE (float and u32), VRECPS/VRSQRTS with Newton steps,
 *    VCVT (integer and fixed-point) with denormal inputs (flushed to zero
 *    in Advanced SIMD), NaNs (default NaN) and the cumulative flags
 * Exits 0. */
#include "neon_common.h"

/* ---------------- loads and stores ---------------- */
/* every multi-byte access below is naturally aligned for its element size
 * (GCC adds :64/:128 alignment hints when it can prove them); byte
 * accesses are also made at odd addresses */
static uint8_t src[96] __attribute__((aligned(16)));
static uint8_t buf[80] __attribute__((aligned(16))); /* 8 guard bytes either side of 64 */
static void buf_reset(void) { memset(buf, 0xee, sizeof buf); }
static void buf_dump(const char *name, int n) { /* n stored bytes + 2 guard bytes each side */
    char s[48];
    snprintf(s, sizeof s, "%s", name);
    dump(s, buf + 6, n + 4, 1);
}
#define OUT (buf + 8)

static void loads_stores(void) {
    printf("== loads/stores\n");
    for (int i = 0; i < 96; i++) src[i] = (uint8_t)(i * 0x1d + 0x10);
    const uint8_t *s = src;
    /* VLD1 multiple */
    uint8x8_t d8 = vld1_u8(s);             D8(d8);
    uint16x8_t q16 = vld1q_u16((const uint16_t *)(s + 2)); D16(q16);
    uint32x2_t d32 = vld1_u32((const uint32_t *)(s + 4)); D32(d32);
    uint64x2_t q64 = vld1q_u64((const uint64_t *)(s + 8)); D64(q64);
    float32x4_t qf = vld1q_f32((const float *)(s + 12));   D32(qf);
    uint64x1_t d64 = vld1_u64((const uint64_t *)(s + 16)); D64(d64);
    uint8x8_t u8a = vld1_u8(s + 3);                         D8(u8a);
    uint8x16_t u8b = vld1q_u8(s + 5);                       D8(u8b);
    /* VLD1 single lane and all lanes */
    uint8x8_t l8 = vld1_lane_u8(s + 40, d8, 5);                       D8(l8);
    uint16x4_t l16 = vld1_lane_u16((const uint16_t *)(s + 42), vget_low_u16(q16), 2); D16(l16);
    uint32x4_t l32 = vld1q_lane_u32((const uint32_t *)(s + 44), vreinterpretq_u32_u16(q16), 3); D32(l32);
    uint64x2_t l64 = vld1q_lane_u64((const uint64_t *)(s + 48), q64, 0); D64(l64);
    uint8x8_t dup8 = vld1_dup_u8(s + 7);                               D8(dup8);
    uint16x4_t dup16 = vld1_dup_u16((const uint16_t *)(s + 8));        D16(dup16);
    uint32x2_t dup32 = vld1_dup_u32((const uint32_t *)(s + 12));       D32(dup32);
    uint32x4_t qdup32 = vld1q_dup_u32((const uint32_t *)(s + 16));     D32(qdup32);
    uint8x16_t qdup8 = vld1q_dup_u8(s + 21);                           D8(qdup8);
    uint16x8_t qdup16 = vld1q_dup_u16((const uint16_t *)(s + 22));     D16(qdup16);
    uint64x2_t qdup64 = vld1q_dup_u64((const uint64_t *)(s + 24));     D64(qdup64);
    /* VLD2 */
    uint8x8x2_t v2a = vld2_u8(s);                D8(v2a.val[0]); D8(v2a.val[1]);
    uint16x8x2_t v2b = vld2q_u16((const uint16_t *)s); D16(v2b.val[0]); D16(v2b.val[1]);
    uint32x2x2_t v2c = vld2_u32((const uint32_t *)(s + 4)); D32(v2c.val[0]); D32(v2c.val[1]);
    uint8x16x2_t v2d = vld2q_u8(s + 1);          D8(v2d.val[0]); D8(v2d.val[1]);
    uint32x4x2_t v2e = vld2q_u32((const uint32_t *)(s + 8)); D32(v2e.val[0]); D32(v2e.val[1]);
    uint64x1x2_t v2f = vld2_u64((const uint64_t *)(s + 40)); D64(v2f.val[0]); D64(v2f.val[1]);
    uint8x8x2_t v2g = vld2_lane_u8(s + 60, v2a, 6);   D8(v2g.val[0]); D8(v2g.val[1]);
    uint16x4x2_t v2h = vld2_lane_u16((const uint16_t *)(s + 62), (uint16x4x2_t){{vget_low_u16(q16), vget_high_u16(q16)}}, 1);
    D16(v2h.val[0]); D16(v2h.val[1]);
    uint32x4x2_t v2i = vld2q_lane_u32((const uint32_t *)(s + 64), v2e, 2); D32(v2i.val[0]); D32(v2i.val[1]);
    uint16x8x2_t v2j = vld2q_lane_u16((const uint16_t *)(s + 70), v2b, 7); D16(v2j.val[0]); D16(v2j.val[1]);
    uint8x8x2_t v2k = vld2_dup_u8(s + 33);       D8(v2k.val[0]); D8(v2k.val[1]);
    uint32x2x2_t v2l = vld2_dup_u32((const uint32_t *)(s + 36)); D32(v2l.val[0]); D32(v2l.val[1]);
    /* VLD3 */
    uint8x8x3_t v3a = vld3_u8(s + 2);            D8(v3a.val[0]); D8(v3a.val[1]); D8(v3a.val[2]);
    uint16x8x3_t v3b = vld3q_u16((const uint16_t *)s); D16(v3b.val[0]); D16(v3b.val[1]); D16(v3b.val[2]);
    uint32x2x3_t v3c = vld3_u32((const uint32_t *)(s + 20)); D32(v3c.val[0]); D32(v3c.val[1]); D32(v3c.val[2]);
    uint8x8x3_t v3d = vld3_lane_u8(s + 77, v3a, 3); D8(v3d.val[0]); D8(v3d.val[1]); D8(v3d.val[2]);
    uint16x8x3_t v3e = vld3q_lane_u16((const uint16_t *)(s + 80), v3b, 6); D16(v3e.val[0]); D16(v3e.val[1]); D16(v3e.val[2]);
    uint16x4x3_t v3f = vld3_dup_u16((const uint16_t *)(s + 50)); D16(v3f.val[0]); D16(v3f.val[1]); D16(v3f.val[2]);
    uint64x1x3_t v3g = vld3_u64((const uint64_t *)(s + 56)); D64(v3g.val[0]); D64(v3g.val[2]);
    /* VLD4 */
    uint8x8x4_t v4a = vld4_u8(s + 3);            D8(v4a.val[0]); D8(v4a.val[1]); D8(v4a.val[2]); D8(v4a.val[3]);
    uint32x4x4_t v4b = vld4q_u32((const uint32_t *)s); D32(v4b.val[0]); D32(v4b.val[1]); D32(v4b.val[2]); D32(v4b.val[3]);
    uint16x4x4_t v4c = vld4_lane_u16((const uint16_t *)(s + 70), (uint16x4x4_t){{l16, dup16, vget_low_u16(q16), vget_high_u16(q16)}}, 3);
    D16(v4c.val[0]); D16(v4c.val[1]); D16(v4c.val[2]); D16(v4c.val[3]);
    uint32x4x4_t v4d = vld4q_lane_u32((const uint32_t *)(s + 72), v4b, 1); D32(v4d.val[0]); D32(v4d.val[1]); D32(v4d.val[2]); D32(v4d.val[3]);
    uint32x2x4_t v4e = vld4_dup_u32((const uint32_t *)(s + 44)); D32(v4e.val[0]); D32(v4e.val[1]); D32(v4e.val[2]); D32(v4e.val[3]);
    uint8x8x4_t v4f = vld4_dup_u8(s + 90);       D8(v4f.val[0]); D8(v4f.val[3]);

    /* stores, each into the guarded buffer */
    buf_reset(); vst1_u8(OUT, d8); buf_dump("vst1_u8", 8);
    buf_reset(); vst1_u8(OUT + 1, u8a); buf_dump("vst1_u8 +1", 9);
    buf_reset(); vst1q_u8(OUT + 3, u8b); buf_dump("vst1q_u8 +3", 19);
    buf_reset(); vst1q_u16((uint16_t *)OUT, q16); buf_dump("vst1q_u16", 16);
    buf_reset(); vst1q_u64((uint64_t *)OUT, q64); buf_dump("vst1q_u64", 16);
    buf_reset(); vst1_lane_u8(OUT, d8, 6); buf_dump("vst1_lane_u8 6", 1);
    buf_reset(); vst1_lane_u16((uint16_t *)OUT, l16, 3); buf_dump("vst1_lane_u16 3", 2);
    buf_reset(); vst1q_lane_u32((uint32_t *)OUT, l32, 2); buf_dump("vst1q_lane_u32 2", 4);
    buf_reset(); vst1q_lane_u64((uint64_t *)OUT, l64, 1); buf_dump("vst1q_lane_u64 1", 8);
    buf_reset(); vst2_u8(OUT, v2a); buf_dump("vst2_u8", 16);
    buf_reset(); vst2q_u16((uint16_t *)OUT, v2j); buf_dump("vst2q_u16", 32);
    buf_reset(); vst2_u32((uint32_t *)OUT, v2c); buf_dump("vst2_u32", 16);
    buf_reset(); vst2_lane_u8(OUT, v2g, 6); buf_dump("vst2_lane_u8 6", 2);
    buf_reset(); vst2q_lane_u32((uint32_t *)OUT, v2i, 3); buf_dump("vst2q_lane_u32 3", 8);
    buf_reset(); vst3_u8(OUT, v3a); buf_dump("vst3_u8", 24);
    buf_reset(); vst3q_u16((uint16_t *)OUT, v3e); buf_dump("vst3q_u16", 48);
    buf_reset(); vst3_lane_u16((uint16_t *)OUT, v3f, 2); buf_dump("vst3_lane_u16 2", 6);
    buf_reset(); vst3_lane_u32((uint32_t *)OUT, v3c, 1); buf_dump("vst3_lane_u32 1", 12);
    buf_reset(); vst4_u8(OUT, v4a); buf_dump("vst4_u8", 32);
    buf_reset(); vst4q_u32((uint32_t *)OUT, v4d); buf_dump("vst4q_u32", 64);
    buf_reset(); vst4_lane_u8(OUT, v4f, 2); buf_dump("vst4_lane_u8 2", 4);
    buf_reset(); vst4_lane_u16((uint16_t *)OUT, v4c, 3); buf_dump("vst4_lane_u16 3", 8);
    buf_reset(); vst4q_lane_u16((uint16_t *)OUT, (uint16x8x4_t){{q16, qdup16, v2b.val[0], v2b.val[1]}}, 5); buf_dump("vst4q_lane_u16 5", 8);
    buf_reset(); vst1q_u8(OUT, qdup8); buf_dump("vst1q_u8", 16);
    buf_reset(); vst1q_u32((uint32_t *)OUT, qdup32); buf_dump("vst1q_u32", 16);
    buf_reset(); vst2q_u8(OUT, v2d); buf_dump("vst2q_u8", 32);
    buf_reset(); vst1_u64((uint64_t *)OUT, d64); vst1q_u64((uint64_t *)(OUT + 8), qdup64); buf_dump("vst1_u64+q", 24);
    buf_reset(); vst1_u32((uint32_t *)OUT, dup32); vst1q_f32((float *)(OUT + 8), qf); buf_dump("vst1_u32+f32", 24);
    checksum("ldst");

    /* interleaved RGB: grey = (77 R + 150 G + 29 B + 128) >> 8, and RGB -> BGR */
    static uint8_t rgb[3 * 64], bgr[3 * 64], grey[64];
    fill_rand(rgb, sizeof rgb);
    for (int i = 0; i < 64; i += 8) {
        uint8x8x3_t p = vld3_u8(rgb + 3 * i);
        uint16x8_t y = vmull_u8(p.val[0], vdup_n_u8(77));
        y = vmlal_u8(y, p.val[1], vdup_n_u8(150));
        y = vmlal_u8(y, p.val[2], vdup_n_u8(29));
        vst1_u8(grey + i, vrshrn_n_u16(y, 8));
        uint8x8x3_t q = {{p.val[2], p.val[1], p.val[0]}};
        vst3_u8(bgr + 3 * i, q);
    }
    int bad = 0;
    for (int i = 0; i < 64; i++) {
        bad += grey[i] != (uint8_t)((77 * rgb[3 * i] + 150 * rgb[3 * i + 1] + 29 * rgb[3 * i + 2] + 128) >> 8);
        bad += bgr[3 * i] != rgb[3 * i + 2] || bgr[3 * i + 1] != rgb[3 * i + 1] || bgr[3 * i + 2] != rgb[3 * i];
    }
    /* RGBA <-> planes with VLD4Q/VST4Q (8-bit, 16 pixels) */
    static uint8_t rgba[64], rgba2[64];
    fill_rand(rgba, 64);
    uint8x16x4_t px = vld4q_u8(rgba);
    px.val[3] = vmvnq_u8(px.val[3]);  /* invert alpha */
    vst4q_u8(rgba2, px);
    for (int i = 0; i < 64; i++) bad += rgba2[i] != (i % 4 == 3 ? (uint8_t)~rgba[i] : rgba[i]);
    printf("rgb: mismatches vs scalar %d\n", bad);
    dump("grey", grey, 16, 1);
    dump("bgr", bgr, 24, 1);
    hash_bytes(grey, 64); hash_bytes(bgr, sizeof bgr); hash_bytes(rgba2, 64);
    checksum("rgb");
}

/* ---------------- dup / immediates / permutes ---------------- */
static void permutes(void) {
    printf("== dup/immediates/permutes\n");
    uint8_t A[16], B[16];
    fill_rand(A, 16); fill_rand(B, 16);
    uint8x16_t a = vld1q_u8(A), b = vld1q_u8(B);
    OPAQUE(a); OPAQUE(b);
    uint8x8_t da = vget_low_u8(a), db = vget_high_u8(b);
    uint32_t x = rnd();
    D8(a); D8(b);
    DUMP("vdup_n_u8", vdup_n_u8((uint8_t)x), 1);
    DUMP("vdupq_n_u16", vdupq_n_u16((uint16_t)(x >> 8)), 2);
    DUMP("vdupq_n_u32", vdupq_n_u32(x), 4);
    DUMP("vdup_lane_u8 5", vdup_lane_u8(da, 5), 1);
    DUMP("vdupq_lane_u16 3", vdupq_lane_u16(vreinterpret_u16_u8(db), 3), 2);
    DUMP("vdup_lane_u32 1", vdup_lane_u32(vreinterpret_u32_u8(da), 1), 4);
    DUMP("vdupq_lane_u64 0", vdupq_lane_u64(vreinterpret_u64_u8(db), 0), 8);
    DUMP("vmov_n_u8", vmov_n_u8((uint8_t)(x >> 16)), 1);
    DUMP("vsetq_lane_u32", vsetq_lane_u32(x, vreinterpretq_u32_u8(a), 2), 4);
    DUMP("vset_lane_u8", vset_lane_u8((uint8_t)x, da, 7), 1);
    printf("vgetq_lane_u16 5 = %04x, vget_lane_s8 3 = %d, vgetq_lane_u64 1 = %016llx\n",
           vgetq_lane_u16(vreinterpretq_u16_u8(a), 5), vget_lane_s8(vreinterpret_s8_u8(da), 3),
           (unsigned long long)vgetq_lane_u64(vreinterpretq_u64_u8(b), 1));
    /* immediates (VMOV/VMVN/VORR/VBIC #imm) */
    DUMP("imm i8 0x5a", vdupq_n_u8(0x5a), 1);
    DUMP("imm i16 0xab00", vdupq_n_u16(0xab00), 2);
    DUMP("imm i32 0x00cd0000", vdupq_n_u32(0x00cd0000), 4);
    DUMP("imm i32 0x0000efff", vdupq_n_u32(0x0000efff), 4);
    DUMP("imm i32 0x0012ffff", vdup_n_u32(0x0012ffff), 4);
    DUMP("imm i64 ff00..", vdupq_n_u64(0xff0000ffff00ff00ull), 8);
    DUMP("imm f32 -1.5", vdupq_n_f32(-1.5f), 4);
    DUMP("imm mvn 0xffab ffff", vdupq_n_u32(0xffabffffu), 4);
    DUMP("imm mvn 0xff12", vdup_n_u16(0xff12), 2);
    DUMP("imm mvn 0xffff00ff", vdupq_n_u32(0xffff00ffu), 4);
    DUMP("vorr imm 0x00ff0000", vorrq_u32(vreinterpretq_u32_u8(a), vdupq_n_u32(0x00ff0000)), 4);
    DUMP("vbic imm 0x0000ff00", vandq_u32(vreinterpretq_u32_u8(a), vdupq_n_u32(0xffff00ffu)), 4);
    DUMP("vorr imm i16 0x0011", vorr_u16(vreinterpret_u16_u8(da), vdup_n_u16(0x0011)), 2);
    DUMP("vbic imm i16 0x3300", vand_u16(vreinterpret_u16_u8(da), vdup_n_u16(0xccff)), 2);
    /* VEXT */
    DUMP("vext_u8 3", vext_u8(da, db, 3), 1);
    DUMP("vextq_u8 15", vextq_u8(a, b, 15), 1);
    DUMP("vextq_u16 1", vextq_u16(vreinterpretq_u16_u8(a), vreinterpretq_u16_u8(b), 1), 2);
    DUMP("vext_u32 1", vext_u32(vreinterpret_u32_u8(da), vreinterpret_u32_u8(db), 1), 4);
    DUMP("vextq_u64 1", vextq_u64(vreinterpretq_u64_u8(a), vreinterpretq_u64_u8(b), 1), 8);
    /* VZIP/VUZP/VTRN */
#define PAIR(name, expr, es) do { __typeof__(expr) p_ = (expr); DUMP(name ".0", p_.val[0], es); DUMP(name ".1", p_.val[1], es); } while (0)
    PAIR("vzip_u8", vzip_u8(da, db), 1);
    PAIR("vzipq_u8", vzipq_u8(a, b), 1);
    PAIR("vzip_u16", vzip_u16(vreinterpret_u16_u8(da), vreinterpret_u16_u8(db)), 2);
    PAIR("vzipq_u32", vzipq_u32(vreinterpretq_u32_u8(a), vreinterpretq_u32_u8(b)), 4);
    PAIR("vzip_u32", vzip_u32(vreinterpret_u32_u8(da), vreinterpret_u32_u8(db)), 4);
    PAIR("vuzp_u8", vuzp_u8(da, db), 1);
    PAIR("vuzpq_u16", vuzpq_u16(vreinterpretq_u16_u8(a), vreinterpretq_u16_u8(b)), 2);
    PAIR("vuzpq_u32", vuzpq_u32(vreinterpretq_u32_u8(a), vreinterpretq_u32_u8(b)), 4);
    PAIR("vuzp_u16", vuzp_u16(vreinterpret_u16_u8(da), vreinterpret_u16_u8(db)), 2);
    PAIR("vtrn_u8", vtrn_u8(da, db), 1);
    PAIR("vtrnq_u8", vtrnq_u8(a, b), 1);
    PAIR("vtrn_u16", vtrn_u16(vreinterpret_u16_u8(da), vreinterpret_u16_u8(db)), 2);
    PAIR("vtrnq_u32", vtrnq_u32(vreinterpretq_u32_u8(a), vreinterpretq_u32_u8(b)), 4);
    PAIR("vtrn_u32", vtrn_u32(vreinterpret_u32_u8(da), vreinterpret_u32_u8(db)), 4);
    /* VREV */
    DUMP("vrev16_u8", vrev16_u8(da), 1);
    DUMP("vrev16q_u8", vrev16q_u8(a), 1);
    DUMP("vrev32_u8", vrev32_u8(da), 1);
    DUMP("vrev32q_u16", vrev32q_u16(vreinterpretq_u16_u8(a)), 2);
    DUMP("vrev64_u8", vrev64_u8(db), 1);
    DUMP("vrev64q_u16", vrev64q_u16(vreinterpretq_u16_u8(b)), 2);
    DUMP("vrev64_u32", vrev64_u32(vreinterpret_u32_u8(da)), 4);
    DUMP("vrev64q_u8", vrev64q_u8(b), 1);
    /* halves swapped */
    DUMP("vcombine(hi,lo)", vcombine_u8(vget_high_u8(a), vget_low_u8(a)), 1);
    checksum("perm");
}

/* ---------------- shifts ---------------- */
#define Q(name, expr, es) do { flags_clear(); OPAQUE(a); OPAQUE(b); OPAQUE(sh); __typeof__(expr) r_ = (expr); SINK(r_); \
        int qc_ = qc_get(); char n_[48]; snprintf(n_, sizeof n_, "%s%s", name, qc_ ? " QC" : ""); DUMP(n_, r_, es); } while (0)

static void shifts(int round) {
    printf("== shifts round %d\n", round);
    uint8_t A[16], B[16], S[16];
    fill_edge(A, 16); fill_edge(B, 16);
    /* per-lane signed shift counts: mostly small, some oversized */
    for (int i = 0; i < 16; i++) {
        uint32_t r = rnd();
        S[i] = (uint8_t)((r & 7) == 0 ? (int8_t)(r >> 8) : (int8_t)((r >> 8) % 41) - 20);
    }
    if (round == 0) {
        static const int8_t fixed[16] = {0, 1, -1, 7, -7, 8, -8, 9, -9, 16, -16, 32, -32, 64, -64, -128};
        memcpy(S, fixed, 16);
    }
    uint8x16_t a = vld1q_u8(A), b = vld1q_u8(B);
    int8x16_t sh = vld1q_s8((const int8_t *)S);
    OPAQUE(a); OPAQUE(b); OPAQUE(sh);
    D8(a); D8(b); D8(sh);
    int8x8_t a8 = vreinterpret_s8_u8(vget_low_u8(a));
    int16x8_t a16 = vreinterpretq_s16_u8(a);
    int32x2_t a32 = vreinterpret_s32_u8(vget_high_u8(a));
    int64x2_t a64 = vreinterpretq_s64_u8(a);
    /* immediate shifts */
    Q("vshr_n_s8 3", vshr_n_s8(a8, 3), 1);
    Q("vshr_n_s8 8", vshr_n_s8(a8, 8), 1);
    Q("vshrq_n_u16 16", vshrq_n_u16(vreinterpretq_u16_s16(a16), 16), 2);
    Q("vshrq_n_u16 5", vshrq_n_u16(vreinterpretq_u16_s16(a16), 5), 2);
    Q("vshr_n_s32 31", vshr_n_s32(a32, 31), 4);
    Q("vshrq_n_u64 33", vshrq_n_u64(vreinterpretq_u64_s64(a64), 33), 8);
    Q("vshrq_n_s64 64", vshrq_n_s64(a64, 64), 8);
    Q("vsra_n_u8 2", vsra_n_u8(vget_high_u8(b), vget_low_u8(a), 2), 1);
    Q("vsraq_n_s16 15", vsraq_n_s16(vreinterpretq_s16_u8(b), a16, 15), 2);
    Q("vsraq_n_s64 7", vsraq_n_s64(vreinterpretq_s64_u8(b), a64, 7), 8);
    Q("vrshr_n_s8 1", vrshr_n_s8(a8, 1), 1);
    Q("vrshr_n_u8 8", vrshr_n_u8(vreinterpret_u8_s8(a8), 8), 1);
    Q("vrshrq_n_s32 32", vrshrq_n_s32(vreinterpretq_s32_u8(a), 32), 4);
    Q("vrshrq_n_u64 64", vrshrq_n_u64(vreinterpretq_u64_s64(a64), 64), 8);
    Q("vrshrq_n_s64 3", vrshrq_n_s64(a64, 3), 8);
    Q("vrsra_n_s16 4", vrsra_n_s16(vreinterpret_s16_u8(vget_low_u8(b)), vget_high_s16(a16), 4), 2);
    Q("vrsraq_n_u32 9", vrsraq_n_u32(vreinterpretq_u32_u8(b), vreinterpretq_u32_u8(a), 9), 4);
    Q("vshl_n_u8 7", vshl_n_u8(vget_low_u8(a), 7), 1);
    Q("vshlq_n_s16 4", vshlq_n_s16(a16, 4), 2);
    Q("vshl_n_s32 31", vshl_n_s32(a32, 31), 4);
    Q("vshlq_n_u64 40", vshlq_n_u64(vreinterpretq_u64_s64(a64), 40), 8);
    Q("vqshl_n_s8 2", vqshl_n_s8(a8, 2), 1);
    Q("vqshl_n_u8 1", vqshl_n_u8(vget_low_u8(a), 1), 1);
    Q("vqshlq_n_s16 0", vqshlq_n_s16(a16, 0), 2);
    Q("vqshlq_n_u32 12", vqshlq_n_u32(vreinterpretq_u32_u8(a), 12), 4);
    Q("vqshlq_n_s64 63", vqshlq_n_s64(a64, 63), 8);
    Q("vqshlu_n_s8 3", vqshlu_n_s8(a8, 3), 1);
    Q("vqshluq_n_s32 1", vqshluq_n_s32(vreinterpretq_s32_u8(a), 1), 4);
    Q("vqshluq_n_s64 0", vqshluq_n_s64(a64, 0), 8);
    Q("vshll_n_s8 3", vshll_n_s8(a8, 3), 2);
    Q("vshll_n_u8 8", vshll_n_u8(vget_low_u8(a), 8), 2);
    Q("vshll_n_s16 16", vshll_n_s16(vget_low_s16(a16), 16), 4);
    Q("vshll_n_u16 1", vshll_n_u16(vreinterpret_u16_s16(vget_high_s16(a16)), 1), 4);
    Q("vshll_n_s32 32", vshll_n_s32(a32, 32), 8);
    Q("vshll_n_u32 17", vshll_n_u32(vreinterpret_u32_s32(a32), 17), 8);
    Q("vmovl_s8", vmovl_s8(a8), 2);
    Q("vmovl_u16", vmovl_u16(vreinterpret_u16_s16(vget_low_s16(a16))), 4);
    Q("vmovl_s32", vmovl_s32(a32), 8);
    Q("vsli_n_u8 3", vsli_n_u8(vget_high_u8(b), vget_low_u8(a), 3), 1);
    Q("vsliq_n_u16 15", vsliq_n_u16(vreinterpretq_u16_u8(b), vreinterpretq_u16_u8(a), 15), 2);
    Q("vsli_n_u32 0", vsli_n_u32(vreinterpret_u32_u8(vget_low_u8(b)), vreinterpret_u32_s32(a32), 0), 4);
    Q("vsliq_n_u64 13", vsliq_n_u64(vreinterpretq_u64_u8(b), vreinterpretq_u64_u8(a), 13), 8);
    Q("vsri_n_u8 8", vsri_n_u8(vget_high_u8(b), vget_low_u8(a), 8), 1);
    Q("vsriq_n_u16 3", vsriq_n_u16(vreinterpretq_u16_u8(b), vreinterpretq_u16_u8(a), 3), 2);
    Q("vsriq_n_u32 32", vsriq_n_u32(vreinterpretq_u32_u8(b), vreinterpretq_u32_u8(a), 32), 4);
    Q("vsri_n_u64 40", vsri_n_u64(vreinterpret_u64_u8(vget_low_u8(b)), vreinterpret_u64_s32(a32), 40), 8);
    /* shifts by register (count = signed low byte of each element of sh) */
    int16x8_t sh16 = vmovl_s8(vget_low_s8(sh));
    int32x4_t sh32 = vmovl_s16(vget_high_s16(sh16));
    int64x2_t sh64 = vmovl_s32(vget_low_s32(sh32));
    Q("vshl_s8", vshl_s8(a8, vget_low_s8(sh)), 1);
    Q("vshlq_u8", vshlq_u8(a, sh), 1);
    Q("vshlq_s16", vshlq_s16(a16, sh16), 2);
    Q("vshlq_u32", vshlq_u32(vreinterpretq_u32_u8(a), sh32), 4);
    Q("vshlq_s64", vshlq_s64(a64, sh64), 8);
    Q("vshlq_s16 raw", vshlq_s16(a16, vreinterpretq_s16_s8(sh)), 2);
    Q("vqshl_s8", vqshl_s8(a8, vget_high_s8(sh)), 1);
    Q("vqshlq_u8", vqshlq_u8(a, sh), 1);
    Q("vqshlq_s16", vqshlq_s16(a16, sh16), 2);
    Q("vqshlq_u16", vqshlq_u16(vreinterpretq_u16_s16(a16), sh16), 2);
    Q("vqshlq_s32", vqshlq_s32(vreinterpretq_s32_u8(a), sh32), 4);
    Q("vqshlq_u64", vqshlq_u64(vreinterpretq_u64_s64(a64), sh64), 8);
    Q("vrshl_s8", vrshl_s8(a8, vget_low_s8(sh)), 1);
    Q("vrshlq_u16", vrshlq_u16(vreinterpretq_u16_s16(a16), sh16), 2);
    Q("vrshlq_s32", vrshlq_s32(vreinterpretq_s32_u8(a), sh32), 4);
    Q("vrshlq_s64", vrshlq_s64(a64, sh64), 8);
    Q("vqrshl_u8", vqrshl_u8(vget_low_u8(a), vget_high_s8(sh)), 1);
    Q("vqrshlq_s16", vqrshlq_s16(a16, sh16), 2);
    Q("vqrshlq_u32", vqrshlq_u32(vreinterpretq_u32_u8(a), sh32), 4);
    Q("vqrshlq_s64", vqrshlq_s64(a64, sh64), 8);
}

/* ---------------- integer data processing ---------------- */
static void intops(int round) {
    printf("== integer ops round %d\n", round);
    uint8_t A[16], B[16], C[16];
    fill_edge(A, 16); fill_edge(B, 16); fill_edge(C, 16);
    if (round == 1) for (int i = 0; i < 16; i++) B[i] = A[i] ^ (uint8_t)(i & 3 ? 0 : 0x80); /* equal lanes */
    uint8x16_t a = vld1q_u8(A), b = vld1q_u8(B), c = vld1q_u8(C);
    int8x16_t sh = vreinterpretq_s8_u8(c); /* unused as shift; keeps Q() happy */
    OPAQUE(a); OPAQUE(b); OPAQUE(c);
    D8(a); D8(b); D8(c);
    int8x16_t sa = vreinterpretq_s8_u8(a), sb = vreinterpretq_s8_u8(b);
    int16x8_t a16 = vreinterpretq_s16_u8(a), b16 = vreinterpretq_s16_u8(b);
    int32x4_t a32 = vreinterpretq_s32_u8(a), b32 = vreinterpretq_s32_u8(b);
    int64x2_t a64 = vreinterpretq_s64_u8(a), b64 = vreinterpretq_s64_u8(b);
    uint16x8_t ua16 = vreinterpretq_u16_u8(a), ub16 = vreinterpretq_u16_u8(b);
    uint32x4_t ua32 = vreinterpretq_u32_u8(a), ub32 = vreinterpretq_u32_u8(b);
    /* unary */
    Q("vabs_s8", vabs_s8(vget_low_s8(sa)), 1);
    Q("vabsq_s16", vabsq_s16(a16), 2);
    Q("vabsq_s32", vabsq_s32(a32), 4);
    Q("vqabsq_s8", vqabsq_s8(sa), 1);
    Q("vqabs_s32", vqabs_s32(vget_low_s32(a32)), 4);
    Q("vnegq_s8", vnegq_s8(sa), 1);
    Q("vneg_s16", vneg_s16(vget_high_s16(a16)), 2);
    Q("vnegq_s32", vnegq_s32(a32), 4);
    Q("vqnegq_s16", vqnegq_s16(a16), 2);
    Q("vqneg_s8", vqneg_s8(vget_high_s8(sa)), 1);
    Q("vclzq_u8", vclzq_u8(a), 1);
    Q("vclz_s16", vclz_s16(vget_low_s16(a16)), 2);
    Q("vclzq_u32", vclzq_u32(ua32), 4);
    Q("vclsq_s8", vclsq_s8(sa), 1);
    Q("vcls_s16", vcls_s16(vget_high_s16(a16)), 2);
    Q("vclsq_s32", vclsq_s32(a32), 4);
    Q("vcntq_u8", vcntq_u8(a), 1);
    Q("vcnt_u8", vcnt_u8(vget_high_u8(b)), 1);
    Q("vmvnq_u8", vmvnq_u8(a), 1);
    Q("vmvn_u32", vmvn_u32(vget_low_u32(ub32)), 4);
    /* pairwise */
    Q("vpaddl_u8", vpaddl_u8(vget_low_u8(a)), 2);
    Q("vpaddlq_s8", vpaddlq_s8(sa), 2);
    Q("vpaddlq_u16", vpaddlq_u16(ua16), 4);
    Q("vpaddl_s16", vpaddl_s16(vget_high_s16(a16)), 4);
    Q("vpaddlq_s32", vpaddlq_s32(a32), 8);
    Q("vpaddl_u32", vpaddl_u32(vget_low_u32(ua32)), 8);
    Q("vpadal_s8", vpadal_s8(vget_low_s16(b16), vget_high_s8(sa)), 2);
    Q("vpadalq_u8", vpadalq_u8(ub16, a), 2);
    Q("vpadalq_s16", vpadalq_s16(b32, a16), 4);
    Q("vpadalq_u32", vpadalq_u32(vreinterpretq_u64_u8(b), ua32), 8);
    Q("vpadd_u8", vpadd_u8(vget_low_u8(a), vget_high_u8(b)), 1);
    Q("vpadd_s16", vpadd_s16(vget_low_s16(a16), vget_low_s16(b16)), 2);
    Q("vpadd_u32", vpadd_u32(vget_low_u32(ua32), vget_high_u32(ub32)), 4);
    Q("vpmax_s8", vpmax_s8(vget_low_s8(sa), vget_high_s8(sb)), 1);
    Q("vpmax_u16", vpmax_u16(vget_low_u16(ua16), vget_high_u16(ub16)), 2);
    Q("vpmax_s32", vpmax_s32(vget_low_s32(a32), vget_low_s32(b32)), 4);
    Q("vpmin_u8", vpmin_u8(vget_low_u8(a), vget_high_u8(b)), 1);
    Q("vpmin_s16", vpmin_s16(vget_low_s16(a16), vget_high_s16(b16)), 2);
    Q("vpmin_u32", vpmin_u32(vget_high_u32(ua32), vget_low_u32(ub32)), 4);
    /* add/sub family */
    Q("vaddq_u8", vaddq_u8(a, b), 1);
    Q("vsub_s16", vsub_s16(vget_low_s16(a16), vget_low_s16(b16)), 2);
    Q("vaddq_u64", vaddq_u64(vreinterpretq_u64_u8(a), vreinterpretq_u64_u8(b)), 8);
    Q("vsubq_s64", vsubq_s64(a64, b64), 8);
    Q("vqaddq_s8", vqaddq_s8(sa, sb), 1);
    Q("vqaddq_u8", vqaddq_u8(a, b), 1);
    Q("vqadd_s16", vqadd_s16(vget_low_s16(a16), vget_low_s16(b16)), 2);
    Q("vqaddq_u32", vqaddq_u32(ua32, ub32), 4);
    Q("vqaddq_s64", vqaddq_s64(a64, b64), 8);
    Q("vqaddq_u64", vqaddq_u64(vreinterpretq_u64_u8(a), vreinterpretq_u64_u8(b)), 8);
    Q("vqsubq_s8", vqsubq_s8(sa, sb), 1);
    Q("vqsubq_u16", vqsubq_u16(ua16, ub16), 2);
    Q("vqsub_s32", vqsub_s32(vget_low_s32(a32), vget_high_s32(b32)), 4);
    Q("vqsubq_u64", vqsubq_u64(vreinterpretq_u64_u8(a), vreinterpretq_u64_u8(b)), 8);
    Q("vqsubq_s64", vqsubq_s64(a64, b64), 8);
    Q("vhaddq_s8", vhaddq_s8(sa, sb), 1);
    Q("vhaddq_u16", vhaddq_u16(ua16, ub16), 2);
    Q("vhadd_u32", vhadd_u32(vget_low_u32(ua32), vget_low_u32(ub32)), 4);
    Q("vhsubq_u8", vhsubq_u8(a, b), 1);
    Q("vhsub_s32", vhsub_s32(vget_low_s32(a32), vget_high_s32(b32)), 4);
    Q("vrhaddq_u8", vrhaddq_u8(a, b), 1);
    Q("vrhaddq_s16", vrhaddq_s16(a16, b16), 2);
    Q("vrhadd_s32", vrhadd_s32(vget_low_s32(a32), vget_low_s32(b32)), 4);
    Q("vmaxq_s8", vmaxq_s8(sa, sb), 1);
    Q("vmaxq_u16", vmaxq_u16(ua16, ub16), 2);
    Q("vmax_s32", vmax_s32(vget_low_s32(a32), vget_high_s32(b32)), 4);
    Q("vminq_u8", vminq_u8(a, b), 1);
    Q("vminq_s16", vminq_s16(a16, b16), 2);
    Q("vminq_u32", vminq_u32(ua32, ub32), 4);
    /* compares and tests */
    Q("vceqq_u8", vceqq_u8(a, b), 1);
    Q("vceq_s16", vceq_s16(vget_low_s16(a16), vget_low_s16(b16)), 2);
    Q("vceqq_u32", vceqq_u32(ua32, ub32), 4);
    Q("vcgtq_s8", vcgtq_s8(sa, sb), 1);
    Q("vcgtq_u8", vcgtq_u8(a, b), 1);
    Q("vcgtq_s16", vcgtq_s16(a16, b16), 2);
    Q("vcgt_u32", vcgt_u32(vget_low_u32(ua32), vget_low_u32(ub32)), 4);
    Q("vcgeq_s8", vcgeq_s8(sa, sb), 1);
    Q("vcgeq_u16", vcgeq_u16(ua16, ub16), 2);
    Q("vcge_s32", vcge_s32(vget_high_s32(a32), vget_high_s32(b32)), 4);
    Q("vcltq_u8", vcltq_u8(a, b), 1);
    Q("vcle_s16", vcle_s16(vget_low_s16(a16), vget_low_s16(b16)), 2);
    Q("vcgtq_s8 0", vcgtq_s8(sa, vdupq_n_s8(0)), 1);
    Q("vcltq_s16 0", vcltq_s16(a16, vdupq_n_s16(0)), 2);
    Q("vceqq_u32 0", vceqq_u32(ua32, vdupq_n_u32(0)), 4);
    Q("vcge_s8 0", vcge_s8(vget_low_s8(sa), vdup_n_s8(0)), 1);
    Q("vcle_s32 0", vcle_s32(vget_low_s32(a32), vdup_n_s32(0)), 4);
    Q("vtstq_u8", vtstq_u8(a, b), 1);
    Q("vtst_u16", vtst_u16(vget_low_u16(ua16), vget_high_u16(ub16)), 2);
    Q("vtstq_u32", vtstq_u32(ua32, ub32), 4);
    /* select and logic */
    Q("vbslq_u8", vbslq_u8(c, a, b), 1);
    Q("vbsl_u32", vbsl_u32(vget_low_u32(vreinterpretq_u32_u8(c)), vget_low_u32(ua32), vget_high_u32(ub32)), 4);
    Q("vandq_u8", vandq_u8(a, b), 1);
    Q("vorrq_u8", vorrq_u8(a, b), 1);
    Q("vornq_u8", vornq_u8(a, b), 1);
    Q("vbicq_u8", vbicq_u8(a, b), 1);
    Q("veorq_u8", veorq_u8(a, b), 1);
    Q("vand_u64", vand_u64(vget_low_u64(vreinterpretq_u64_u8(a)), vget_high_u64(vreinterpretq_u64_u8(b))), 8);
    /* multiply (low half) */
    Q("vmulq_u8", vmulq_u8(a, b), 1);
    Q("vmul_s16", vmul_s16(vget_low_s16(a16), vget_high_s16(b16)), 2);
    Q("vmulq_u32", vmulq_u32(ua32, ub32), 4);
    Q("vmlaq_u8", vmlaq_u8(c, a, b), 1);
    Q("vmla_s16", vmla_s16(vget_low_s16(vreinterpretq_s16_u8(c)), vget_low_s16(a16), vget_high_s16(b16)), 2);
    Q("vmlsq_u32", vmlsq_u32(vreinterpretq_u32_u8(c), ua32, ub32), 4);
    Q("vmls_s8", vmls_s8(vget_low_s8(vreinterpretq_s8_u8(c)), vget_low_s8(sa), vget_high_s8(sb)), 1);
    (void)sh;
}

/* ---------------- float ---------------- */
#define F(name, expr) do { flags_clear(); OPAQUE(a); OPAQUE(b); OPAQUE(c); __typeof__(expr) r_ = (expr); SINK(r_); \
        char n_[48]; snprintf(n_, sizeof n_, "%s %s", name, flags_str()); DUMP(n_, r_, 4); } while (0)

static float32x4_t ldf(const uint32_t *p) { return vreinterpretq_f32_u32(vld1q_u32(p)); }

/* GCC 12 expands vcgtq_f32/vcgeq_f32/vcltq_f32/vcleq_f32 (and compares
 * against a zero vector) as generic C vector compares, which without
 * -ffast-math become scalar VFP VCMPE per lane; use the Neon instructions
 * directly so their semantics (flush-to-zero, flags) are what is tested. */
#define FCMP3(fn, insn) static inline uint32x4_t fn(float32x4_t a, float32x4_t b) { \
        uint32x4_t r; __asm__(insn " %q0, %q1, %q2" : "=w"(r) : "w"(a), "w"(b)); return r; }
#define FCMP0(fn, insn) static inline uint32x4_t fn(float32x4_t a) { \
        uint32x4_t r; __asm__(insn " %q0, %q1, #0" : "=w"(r) : "w"(a)); return r; }
FCMP3(neon_vcgtq_f32, "vcgt.f32")
FCMP3(neon_vcgeq_f32, "vcge.f32")
FCMP0(neon_vcgtzq_f32, "vcgt.f32")
FCMP0(neon_vcgezq_f32, "vcge.f32")
FCMP0(neon_vceqzq_f32, "vceq.f32")
FCMP0(neon_vcltzq_f32, "vclt.f32")
FCMP0(neon_vclezq_f32, "vcle.f32")

static void floats(void) {
    printf("== float\n");
    /* columns: normal, denormal, NaN/inf, boundary */
    static const uint32_t fa[][4] = {
        {0x3f800000, 0x00000001, 0x7fc01234, 0x7f7fffff}, /* 1, min denormal, qNaN payload, FLT_MAX */
        {0xc0200000, 0x807fffff, 0x7f800001, 0x00800000}, /* -2.5, -max denormal, sNaN, FLT_MIN */
        {0x4f000000, 0x00400000, 0xff800000, 0x80000000}, /* 2^31, denormal, -inf, -0 */
        {0x3effffff, 0x3f000000, 0x7f800000, 0xcf000001}, /* 0.49999997, 0.5, inf, -2^31-256 */
        {0x4b800001, 0x4f800000, 0xbf800000, 0x5f000000}, /* 2^24+2, 2^32, -1, 2^63 */
    };
    static const uint32_t fb[][4] = {
        {0x40000000, 0x00000002, 0x3f800000, 0x7f7fffff}, /* 2, denormal, 1, FLT_MAX */
        {0x3f800000, 0x00800000, 0x7fc00000, 0x3f000000}, /* 1, FLT_MIN, default NaN, 0.5 */
        {0x80000000, 0x00400000, 0x7f800000, 0x00000000}, /* -0, denormal, inf, +0 */
        {0x3e800000, 0xc0000000, 0xff800000, 0x00000001}, /* 0.25, -2, -inf, min denormal */
        {0x3f800000, 0x3f800000, 0x7fbfffff, 0xbf800000}, /* 1, 1, sNaN, -1 */
    };
    for (int round = 0; round < 5; round++) {
        printf("-- float round %d\n", round);
        float32x4_t a = ldf(fa[round]), b = ldf(fb[round]), c = ldf(fb[(round + 2) % 5]);
        OPAQUE(a); OPAQUE(b); OPAQUE(c);
        DUMP("a", a, 4); DUMP("b", b, 4); DUMP("c", c, 4);
        F("vaddq_f32", vaddq_f32(a, b));
        F("vsubq_f32", vsubq_f32(a, b));
        F("vmulq_f32", vmulq_f32(a, b));
        F("vmlaq_f32", vmlaq_f32(c, a, b));
        F("vmlsq_f32", vmlsq_f32(c, a, b));
        F("vmaxq_f32", vmaxq_f32(a, b));
        F("vminq_f32", vminq_f32(a, b));
        F("vadd_f32", vadd_f32(vget_low_f32(a), vget_high_f32(b)));
        F("vpadd_f32", vpadd_f32(vget_low_f32(a), vget_high_f32(a)));
        F("vpmax_f32", vpmax_f32(vget_low_f32(a), vget_high_f32(b)));
        F("vpmin_f32", vpmin_f32(vget_high_f32(a), vget_low_f32(b)));
        F("vabsq_f32", vabsq_f32(a));
        F("vnegq_f32", vnegq_f32(a));
        F("vceqq_f32", vceqq_f32(a, b));
        F("vcgt.f32", neon_vcgtq_f32(a, b));
        F("vcge.f32", neon_vcgeq_f32(a, b));
        F("vcgt.f32 (lt)", neon_vcgtq_f32(b, a));
        F("vcgt.f32 #0", neon_vcgtzq_f32(a));
        F("vcge.f32 #0", neon_vcgezq_f32(a));
        F("vceq.f32 #0", neon_vceqzq_f32(a));
        F("vclt.f32 #0", neon_vcltzq_f32(a));
        F("vcle.f32 #0", neon_vclezq_f32(b));
        F("vcageq_f32", vcageq_f32(a, b));
        F("vcagtq_f32", vcagtq_f32(a, b));
        F("vrecpeq_f32", vrecpeq_f32(a));
        F("vrsqrteq_f32", vrsqrteq_f32(a));
        F("vrecpsq_f32", vrecpsq_f32(a, b));
        F("vrsqrtsq_f32", vrsqrtsq_f32(a, b));
        F("vcvtq_s32_f32", vcvtq_s32_f32(a));
        F("vcvtq_u32_f32", vcvtq_u32_f32(a));
        F("vcvtq_n_s32_f32 8", vcvtq_n_s32_f32(a, 8));
        F("vcvtq_n_u32_f32 1", vcvtq_n_u32_f32(a, 1));
        F("vcvtq_n_s32_f32 32", vcvtq_n_s32_f32(b, 32));
        uint32x4_t ua = vreinterpretq_u32_f32(a);
        int32x4_t sa = vreinterpretq_s32_f32(b);
        OPAQUE(ua); OPAQUE(sa);
        F("vcvtq_f32_u32", vcvtq_f32_u32(ua));
        F("vcvtq_f32_s32", vcvtq_f32_s32(sa));
        F("vcvtq_n_f32_s32 16", vcvtq_n_f32_s32(sa, 16));
        F("vcvtq_n_f32_s32 1", vcvtq_n_f32_s32(sa, 1));
        F("vcvtq_n_f32_u32 32", vcvtq_n_f32_u32(ua, 32));
        F("vrecpeq_u32", vrecpeq_u32(ua));
        F("vrsqrteq_u32", vrsqrteq_u32(ua));
    }
    /* Newton-Raphson reciprocal and reciprocal square root */
    static const float xs[8] = {3.0f, 0.1f, 1.0e30f, 7.5e-30f, 1024.0f, 0.7071f, 123456.0f, 2.0e-38f};
    for (int i = 0; i < 8; i += 4) {
        float32x4_t d = vld1q_f32(xs + i);
        OPAQUE(d);
        flags_clear();
        float32x4_t r = vrecpeq_f32(d);
        r = vmulq_f32(r, vrecpsq_f32(d, r));
        r = vmulq_f32(r, vrecpsq_f32(d, r));
        float32x4_t s = vrsqrteq_f32(d);
        s = vmulq_f32(s, vrsqrtsq_f32(vmulq_f32(d, s), s));
        s = vmulq_f32(s, vrsqrtsq_f32(vmulq_f32(d, s), s));
        SINK(r); SINK(s);
        printf("newton %d flags %s\n", i / 4, flags_str());
        DUMP("  1/x", r, 4);
        DUMP("  1/sqrt(x)", s, 4);
    }
    /* exhaustive-ish estimate tables: every 2^-? step of the mantissa */
    uint32_t h1 = 2166136261u, h2 = 2166136261u;
    for (uint32_t m = 0; m < 512; m += 4) {
        uint32_t in[4];
        for (int k = 0; k < 4; k++) in[k] = 0x3f800000u + ((m + (uint32_t)k) << 14) + (uint32_t)(k & 1) * 0x00800000u;
        float32x4_t v = ldf(in);
        OPAQUE(v);
        uint32_t o1[4], o2[4];
        vst1q_u32(o1, vreinterpretq_u32_f32(vrecpeq_f32(v)));
        vst1q_u32(o2, vreinterpretq_u32_f32(vrsqrteq_f32(v)));
        for (int k = 0; k < 4; k++) { h1 = (h1 ^ o1[k]) * 16777619u; h2 = (h2 ^ o2[k]) * 16777619u; }
        hash_bytes(o1, 16); hash_bytes(o2, 16);
    }
    printf("vrecpe table hash %08x, vrsqrte table hash %08x\n", h1, h2);
    uint32_t h3 = 2166136261u;
    for (uint32_t m = 0; m < 1024; m += 4) {
        uint32x4_t v = vld1q_u32((const uint32_t[4]){m << 22, (m + 1) << 22 | 0x3fffff, (m + 2) << 22 | 0x200000, (m + 3) << 22});
        OPAQUE(v);
        uint32_t o[8];
        vst1q_u32(o, vrecpeq_u32(v));
        vst1q_u32(o + 4, vrsqrteq_u32(v));
        for (int k = 0; k < 8; k++) h3 = (h3 ^ o[k]) * 16777619u;
        hash_bytes(o, 32);
    }
    printf("vrecpe/vrsqrte u32 hash %08x\n", h3);
}

int main(void) {
    rng_init(0x3157c);
    loads_stores();
    permutes();
    for (int r = 0; r < 3; r++) shifts(r);
    checksum("shifts");
    for (int r = 0; r < 3; r++) intops(r);
    checksum("intops");
    floats();
    checksum("final");
    return 0;
}
