/* Neon polynomial multiply and table lookups.
 *  - GF(2^8) (AES field) multiply of all 65536 pairs with VMULL.P8 and a
 *    VMULL.P8/VMUL.P8 reduction, against a scalar shift-and-add
 *  - 64x64 -> 128-bit carry-less multiply from eight VMULL.P8 (bytes split
 *    with VMOVN/VSHRN, positioned with VEXT) and a GHASH-like fold in
 *    GF(2^64) mod x^64+x^4+x^3+x+1, against scalar code
 *  - VTBL/VTBX with 1..4 table registers, out-of-range indices, and a
 *    256-byte S-box applied with VTBL4 + seven VTBX4
 * Exits 0. */
#include "neon_common.h"

/* ---- GF(2^8) ---- */
static uint8_t gmul_ref(uint8_t a, uint8_t b) {
    uint8_t p = 0;
    for (int i = 0; i < 8; i++) {
        if (b & 1) p ^= a;
        uint8_t hi = a & 0x80;
        a <<= 1;
        if (hi) a ^= 0x1b;
        b >>= 1;
    }
    return p;
}

static inline uint8x8_t gmul8(uint8x8_t a, uint8x8_t b) {
    const poly8x8_t r = vdup_n_p8(0x1b);
    uint16x8_t p = vreinterpretq_u16_p16(vmull_p8(vreinterpret_p8_u8(a), vreinterpret_p8_u8(b)));
    uint8x8_t lo = vmovn_u16(p), hi = vshrn_n_u16(p, 8);
    uint16x8_t t = vreinterpretq_u16_p16(vmull_p8(vreinterpret_p8_u8(hi), r)); /* < 2^12 */
    uint8x8_t tl = vmovn_u16(t), th = vshrn_n_u16(t, 8);                         /* th < 16 */
    uint8x8_t u = vreinterpret_u8_p8(vmul_p8(vreinterpret_p8_u8(th), r));        /* < 2^8 */
    return veor_u8(veor_u8(lo, tl), u);
}

static void gf256(void) {
    static uint8_t tab[256][256];
    int bad = 0;
    for (int a = 0; a < 256; a++) {
        uint8x8_t av = vdup_n_u8((uint8_t)a);
        uint8x8_t bv = vcreate_u8(0x0706050403020100ull);
        const uint8x8_t eight = vdup_n_u8(8);
        for (int b = 0; b < 256; b += 8) {
            vst1_u8(&tab[a][b], gmul8(av, bv));
            bv = vadd_u8(bv, eight);
        }
        for (int b = 0; b < 256; b++) bad += tab[a][b] != gmul_ref((uint8_t)a, (uint8_t)b);
    }
    hash_bytes(tab, sizeof tab);
    printf("gf256: mismatches %d\n", bad);
    dump("gf 0x57*", &tab[0x57][0], 16, 1);
    dump("gf 0xff*", &tab[0xff][0xf0], 16, 1);
    /* the inverse of 0x53 is 0xca */
    printf("gf 0x53*0xca = %02x\n", tab[0x53][0xca]);
    /* raw products on edge values, D and Q forms */
    uint8_t A[16], B[16];
    for (int i = 0; i < 16; i++) { A[i] = (uint8_t)(0xff - i * 17); B[i] = (uint8_t)(i < 4 ? 0xff : i * 29 + 1); }
    poly8x8_t a8 = vreinterpret_p8_u8(vld1_u8(A)), b8 = vreinterpret_p8_u8(vld1_u8(B));
    poly8x16_t a16 = vreinterpretq_p8_u8(vld1q_u8(A)), b16 = vreinterpretq_p8_u8(vld1q_u8(B));
    OPAQUE(a8); OPAQUE(b8); OPAQUE(a16); OPAQUE(b16);
    DUMP("vmull_p8", vmull_p8(a8, b8), 2);
    DUMP("vmull_p8 hi", vmull_p8(vget_high_p8(a16), vget_high_p8(b16)), 2);
    DUMP("vmul_p8", vmul_p8(a8, b8), 1);
    DUMP("vmulq_p8", vmulq_p8(a16, b16), 1);
    checksum("gf256");
}

/* ---- 64x64 carry-less multiply ---- */
static void clmul_ref(uint64_t a, uint64_t b, uint64_t *lo, uint64_t *hi) {
    uint64_t l = 0, h = 0;
    for (int i = 0; i < 64; i++)
        if (b >> i & 1) { l ^= a << i; if (i) h ^= a >> (64 - i); }
    *lo = l; *hi = h;
}

/* contribution of one byte of b: (a * b_j) << 8j, split into the low bytes
 * (shift 8j) and the high bytes (shift 8j+8) of the 16-bit partial products */
#define CLSTEP(j) do { \
        uint16x8_t p_ = vreinterpretq_u16_p16(vmull_p8(av, vdup_lane_p8(bv, j))); \
        uint8x8_t pl_ = vmovn_u16(p_), ph_ = vshrn_n_u16(p_, 8); \
        if (j == 0) lo = veor_u8(lo, pl_); \
        else { lo = veor_u8(lo, vext_u8(z, pl_, (8 - j) & 7)); hi = veor_u8(hi, vext_u8(pl_, z, (8 - j) & 7)); } \
        if (j == 7) hi = veor_u8(hi, ph_); \
        else { lo = veor_u8(lo, vext_u8(z, ph_, (7 - j) & 7)); hi = veor_u8(hi, vext_u8(ph_, z, (7 - j) & 7)); } \
    } while (0)

static __attribute__((noinline)) uint64x2_t clmul64(uint64x1_t a, uint64x1_t b) {
    poly8x8_t av = vreinterpret_p8_u64(a), bv = vreinterpret_p8_u64(b);
    uint8x8_t lo = vdup_n_u8(0), hi = vdup_n_u8(0), z = vdup_n_u8(0);
    CLSTEP(0); CLSTEP(1); CLSTEP(2); CLSTEP(3); CLSTEP(4); CLSTEP(5); CLSTEP(6); CLSTEP(7);
    return vreinterpretq_u64_u8(vcombine_u8(lo, hi));
}

/* reduce (hi:lo) mod x^64 + x^4 + x^3 + x + 1 */
static uint64x1_t reduce64(uint64x2_t p) {
    const uint64x1_t r = vcreate_u64(0x1b);
    uint64x2_t t = clmul64(vget_high_u64(p), r);  /* high half < 2^4 */
    uint64x2_t u = clmul64(vget_high_u64(t), r);  /* < 2^8 */
    return veor_u64(veor_u64(vget_low_u64(p), vget_low_u64(t)), vget_low_u64(u));
}
static uint64_t reduce_ref(uint64_t lo, uint64_t hi) {
    uint64_t tl, th, ul, uh;
    clmul_ref(hi, 0x1b, &tl, &th);
    clmul_ref(th, 0x1b, &ul, &uh);
    return lo ^ tl ^ ul;
}

static void ghash64(void) {
    int bad = 0;
    for (int i = 0; i < 200; i++) {
        uint64_t a = ((uint64_t)rnd_edge() << 32) | rnd_edge(), b = ((uint64_t)rnd_edge() << 32) | rnd();
        if (i == 0) a = b = ~0ull;
        uint64_t rl, rh;
        clmul_ref(a, b, &rl, &rh);
        uint64x2_t v = clmul64(vcreate_u64(a), vcreate_u64(b));
        bad += vgetq_lane_u64(v, 0) != rl || vgetq_lane_u64(v, 1) != rh;
        HASHV(v);
        if (i < 4) printf("clmul %016llx * %016llx = %016llx %016llx\n", (unsigned long long)a, (unsigned long long)b,
                          (unsigned long long)vgetq_lane_u64(v, 1), (unsigned long long)vgetq_lane_u64(v, 0));
    }
    printf("clmul64: mismatches %d\n", bad);
    /* GHASH-like: h = (h ^ m_i) * K in GF(2^64) */
    const uint64_t K = 0x87b1c6d2e5f40913ull;
    uint64x1_t h = vcreate_u64(0), kv = vcreate_u64(K);
    uint64_t hr = 0;
    bad = 0;
    for (int i = 0; i < 24; i++) {
        uint64_t m = ((uint64_t)rnd() << 32) | rnd();
        h = reduce64(clmul64(veor_u64(h, vcreate_u64(m)), kv));
        uint64_t pl, ph;
        clmul_ref(hr ^ m, K, &pl, &ph);
        hr = reduce_ref(pl, ph);
        bad += vget_lane_u64(h, 0) != hr;
        if (i % 6 == 5) printf("ghash64 after %2d blocks: %016llx\n", i + 1, (unsigned long long)vget_lane_u64(h, 0));
    }
    printf("ghash64: mismatches %d\n", bad);
    HASHV(h);
    checksum("clmul");
}

/* ---- table lookups ---- */
static void tables(void) {
    uint8_t T[32], I[8], D[8];
    for (int round = 0; round < 4; round++) {
        fill_rand(T, 32); fill_rand(D, 8);
        for (int i = 0; i < 8; i++) {
            uint32_t r = rnd();
            I[i] = (uint8_t)(r & 8 ? r >> 8 : (r >> 8) & 31); /* mostly in range, some far out */
        }
        if (round == 0) { I[0] = 7; I[1] = 8; I[2] = 15; I[3] = 16; I[4] = 23; I[5] = 24; I[6] = 31; I[7] = 32; }
        if (round == 1) { I[0] = 0x80; I[1] = 0xff; I[2] = 0x20; I[3] = 0x40; }
        uint8x8_t t0 = vld1_u8(T), t1 = vld1_u8(T + 8), t2 = vld1_u8(T + 16), t3 = vld1_u8(T + 24);
        uint8x8_t idx = vld1_u8(I), d = vld1_u8(D);
        OPAQUE(t0); OPAQUE(t1); OPAQUE(t2); OPAQUE(t3); OPAQUE(idx); OPAQUE(d);
        uint8x8x2_t t01 = {{t0, t1}};
        uint8x8x3_t t012 = {{t0, t1, t2}};
        uint8x8x4_t t0123 = {{t0, t1, t2, t3}};
        printf("round %d\n", round);
        dump("table", T, 32, 1);
        DUMP("index", idx, 1);
        DUMP("dest", d, 1);
        DUMP("vtbl1", vtbl1_u8(t0, idx), 1);
        DUMP("vtbl2", vtbl2_u8(t01, idx), 1);
        DUMP("vtbl3", vtbl3_u8(t012, idx), 1);
        DUMP("vtbl4", vtbl4_u8(t0123, idx), 1);
        DUMP("vtbx1", vtbx1_u8(d, t0, idx), 1);
        DUMP("vtbx2", vtbx2_u8(d, t01, idx), 1);
        DUMP("vtbx3", vtbx3_u8(d, t012, idx), 1);
        DUMP("vtbx4", vtbx4_u8(d, t0123, idx), 1);
        DUMP("vtbl1_s8", vtbl1_s8(vreinterpret_s8_u8(t1), vreinterpret_s8_u8(idx)), 1);
        DUMP("vtbx2_p8", vtbx2_p8(vreinterpret_p8_u8(d), (poly8x8x2_t){{vreinterpret_p8_u8(t2), vreinterpret_p8_u8(t3)}}, idx), 1);
    }
    /* hex encoding through a 16-entry table */
    const uint8x8x2_t hexd = {{vld1_u8((const uint8_t *)"01234567"), vld1_u8((const uint8_t *)"89abcdef")}};
    uint8_t in[8] = {0xde, 0xad, 0xbe, 0xef, 0x01, 0x23, 0x45, 0x67};
    uint8x8_t v = vld1_u8(in);
    OPAQUE(v);
    uint8x8x2_t z = vzip_u8(vtbl2_u8(hexd, vshr_n_u8(v, 4)), vtbl2_u8(hexd, vand_u8(v, vdup_n_u8(15))));
    char hex[17];
    vst1_u8((uint8_t *)hex, z.val[0]);
    vst1_u8((uint8_t *)hex + 8, z.val[1]);
    hex[16] = 0;
    printf("hex: %s\n", hex);
    hash_bytes(hex, 16);

    /* 256-byte S-box (random permutation) via VTBL4 + 7 x VTBX4 */
    static uint8_t sbox[256], data[256], out[256];
    for (int i = 0; i < 256; i++) sbox[i] = (uint8_t)i;
    for (int i = 255; i > 0; i--) { int j = (int)(rnd() % (uint32_t)(i + 1)); uint8_t t = sbox[i]; sbox[i] = sbox[j]; sbox[j] = t; }
    fill_rand(data, 256);
    uint8x8x4_t tb[8];
    for (int k = 0; k < 8; k++)
        for (int m = 0; m < 4; m++) tb[k].val[m] = vld1_u8(sbox + 32 * k + 8 * m);
    const uint8x8_t c32 = vdup_n_u8(32);
    for (int i = 0; i < 256; i += 8) {
        uint8x8_t x = vld1_u8(data + i);
        uint8x8_t r = vtbl4_u8(tb[0], x);
        for (int k = 1; k < 8; k++) { x = vsub_u8(x, c32); r = vtbx4_u8(r, tb[k], x); }
        vst1_u8(out + i, r);
    }
    int bad = 0;
    for (int i = 0; i < 256; i++) bad += out[i] != sbox[data[i]];
    printf("sbox: mismatches %d\n", bad);
    dump("sbox out", out, 16, 1);
    hash_bytes(out, 256);
    checksum("tables");
}

int main(void) {
    rng_init(0x9017);
    gf256();
    ghash64();
    tables();
    return 0;
}
