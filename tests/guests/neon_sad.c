/* Neon sum of absolute differences.
 *  - block matching (8x8 and 16x16 blocks, +-4 search) over a generated
 *    64x64 image and a shifted, noisy copy: VABDL.U8 then VABAL.U8 into
 *    16-bit accumulators, reduced with VPADDL; checked against scalar SAD
 *  - VABA / VABD (D and Q, signed/unsigned 8/16/32, float), VABAL / VABDL
 *    signed and unsigned for all element sizes, with edge-case inputs
 * Exits 0. */
#include "neon_common.h"
#include <stdlib.h>

#define W 64
#define H 64
static uint8_t ref[H][W], cur[H][W];

static void make_images(void) {
    /* smooth-ish pattern plus noise, so the best match is well defined */
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            ref[y][x] = (uint8_t)((x * 7 + y * 3 + ((x * y) >> 3)) ^ (rnd() & 0x1f));
    /* cur = ref shifted by a per-quadrant motion vector, plus small noise */
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            int q = (y >= H / 2) * 2 + (x >= W / 2);
            static const int mvx[4] = {2, -3, 0, 4}, mvy[4] = {-1, 1, 3, -4};
            int sx = x + mvx[q], sy = y + mvy[q];
            if (sx < 0) sx = 0;
            if (sx >= W) sx = W - 1;
            if (sy < 0) sy = 0;
            if (sy >= H) sy = H - 1;
            int v = ref[sy][sx] + (int)(rnd() % 5) - 2;
            cur[y][x] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
        }
}

static uint32_t hsum_u16x8(uint16x8_t acc) {
    uint32x4_t s32 = vpaddlq_u16(acc);
    uint64x2_t s64 = vpaddlq_u32(s32);
    return (uint32_t)(vgetq_lane_u64(s64, 0) + vgetq_lane_u64(s64, 1));
}

static __attribute__((noinline)) uint32_t sad8x8(const uint8_t *a, int as, const uint8_t *b, int bs) {
    uint16x8_t acc = vabdl_u8(vld1_u8(a), vld1_u8(b));
    for (int r = 1; r < 8; r++) acc = vabal_u8(acc, vld1_u8(a + r * as), vld1_u8(b + r * bs));
    return hsum_u16x8(acc);
}

static __attribute__((noinline)) uint32_t sad16x16(const uint8_t *a, int as, const uint8_t *b, int bs) {
    uint16x8_t lo = vdupq_n_u16(0), hi = vdupq_n_u16(0);
    for (int r = 0; r < 16; r++) {
        uint8x16_t x = vld1q_u8(a + r * as), y = vld1q_u8(b + r * bs);
        lo = vabal_u8(lo, vget_low_u8(x), vget_low_u8(y));
        hi = vabal_u8(hi, vget_high_u8(x), vget_high_u8(y));
    }
    return hsum_u16x8(vaddq_u16(lo, hi));
}

/* same, with VABDQ + VPADALQ (the other common idiom) */
static __attribute__((noinline)) uint32_t sad16x16_b(const uint8_t *a, int as, const uint8_t *b, int bs) {
    uint16x8_t acc = vdupq_n_u16(0);
    for (int r = 0; r < 16; r++) acc = vpadalq_u8(acc, vabdq_u8(vld1q_u8(a + r * as), vld1q_u8(b + r * bs)));
    return hsum_u16x8(acc);
}

static uint32_t sad_ref(const uint8_t *a, int as, const uint8_t *b, int bs, int n) {
    uint32_t s = 0;
    for (int r = 0; r < n; r++)
        for (int c = 0; c < n; c++) s += (uint32_t)abs(a[r * as + c] - b[r * bs + c]);
    return s;
}

static void block_match(int n) {
    int mismatches = 0;
    uint32_t total = 0;
    printf("block matching %dx%d, search +-4\n", n, n);
    for (int by = 0; by + n <= H; by += n) {
        for (int bx = 0; bx + n <= W; bx += n) {
            uint32_t best = 0xffffffffu;
            int bdx = 0, bdy = 0;
            for (int dy = -4; dy <= 4; dy++)
                for (int dx = -4; dx <= 4; dx++) {
                    int rx = bx + dx, ry = by + dy;
                    if (rx < 0 || ry < 0 || rx + n > W || ry + n > H) continue;
                    const uint8_t *a = &cur[by][bx], *b = &ref[ry][rx];
                    uint32_t s = n == 8 ? sad8x8(a, W, b, W) : sad16x16(a, W, b, W);
                    if (n == 16 && sad16x16_b(a, W, b, W) != s) mismatches++;
                    if (((dx + dy) & 7) == 0 && sad_ref(a, W, b, W, n) != s) mismatches++;
                    hash_u32(s);
                    if (s < best) { best = s; bdx = dx; bdy = dy; }
                }
            total += best;
            if (n == 16 || ((bx / n + by / n) % 3) == 0)
                printf("  block (%2d,%2d): mv (%+d,%+d) sad %u\n", bx, by, bdx, bdy, best);
        }
    }
    printf("  total best sad %u, mismatches vs scalar %d\n", total, mismatches);
    checksum("block");
}

static void ops(void) {
    printf("vabd/vaba/vabdl/vabal on edge-case lanes\n");
    for (int it = 0; it < 6; it++) {
        uint8_t A[16], B[16], C[16], E[16];
        fill_edge(A, 16); fill_edge(B, 16); fill_edge(C, 16); fill_rand(E, 16);
        printf(" round %d\n", it);
        uint8x8_t a8 = vld1_u8(A), b8 = vld1_u8(B), c8 = vld1_u8(C);
        uint8x16_t a16 = vld1q_u8(A), b16 = vld1q_u8(B), c16 = vld1q_u8(C);
        OPAQUE(a8); OPAQUE(b8); OPAQUE(c8); OPAQUE(a16); OPAQUE(b16); OPAQUE(c16);
        DUMP("vabd_u8", vabd_u8(a8, b8), 1);
        DUMP("vabd_s8", vabd_s8(vreinterpret_s8_u8(a8), vreinterpret_s8_u8(b8)), 1);
        DUMP("vabdq_u8", vabdq_u8(a16, b16), 1);
        DUMP("vabdq_s8", vabdq_s8(vreinterpretq_s8_u8(a16), vreinterpretq_s8_u8(b16)), 1);
        DUMP("vabd_u16", vabd_u16(vreinterpret_u16_u8(a8), vreinterpret_u16_u8(b8)), 2);
        DUMP("vabdq_s16", vabdq_s16(vreinterpretq_s16_u8(a16), vreinterpretq_s16_u8(b16)), 2);
        DUMP("vabd_s32", vabd_s32(vreinterpret_s32_u8(a8), vreinterpret_s32_u8(b8)), 4);
        DUMP("vabdq_u32", vabdq_u32(vreinterpretq_u32_u8(a16), vreinterpretq_u32_u8(b16)), 4);
        DUMP("vaba_u8", vaba_u8(c8, a8, b8), 1);
        DUMP("vaba_s8", vaba_s8(vreinterpret_s8_u8(c8), vreinterpret_s8_u8(a8), vreinterpret_s8_u8(b8)), 1);
        DUMP("vabaq_u8", vabaq_u8(c16, a16, b16), 1);
        DUMP("vaba_s16", vaba_s16(vreinterpret_s16_u8(c8), vreinterpret_s16_u8(a8), vreinterpret_s16_u8(b8)), 2);
        DUMP("vabaq_u16", vabaq_u16(vreinterpretq_u16_u8(c16), vreinterpretq_u16_u8(a16), vreinterpretq_u16_u8(b16)), 2);
        DUMP("vaba_u32", vaba_u32(vreinterpret_u32_u8(c8), vreinterpret_u32_u8(a8), vreinterpret_u32_u8(b8)), 4);
        DUMP("vabaq_s32", vabaq_s32(vreinterpretq_s32_u8(c16), vreinterpretq_s32_u8(a16), vreinterpretq_s32_u8(b16)), 4);
        /* long forms */
        uint8x8_t e8 = vld1_u8(E);
        DUMP("vabdl_u8", vabdl_u8(a8, b8), 2);
        DUMP("vabdl_s8", vabdl_s8(vreinterpret_s8_u8(a8), vreinterpret_s8_u8(b8)), 2);
        DUMP("vabdl_u16", vabdl_u16(vreinterpret_u16_u8(a8), vreinterpret_u16_u8(b8)), 4);
        DUMP("vabdl_s16", vabdl_s16(vreinterpret_s16_u8(a8), vreinterpret_s16_u8(b8)), 4);
        DUMP("vabdl_u32", vabdl_u32(vreinterpret_u32_u8(a8), vreinterpret_u32_u8(b8)), 8);
        DUMP("vabdl_s32", vabdl_s32(vreinterpret_s32_u8(a8), vreinterpret_s32_u8(b8)), 8);
        DUMP("vabal_u8", vabal_u8(vreinterpretq_u16_u8(c16), a8, e8), 2);
        DUMP("vabal_s8", vabal_s8(vreinterpretq_s16_u8(c16), vreinterpret_s8_u8(a8), vreinterpret_s8_u8(e8)), 2);
        DUMP("vabal_u16", vabal_u16(vreinterpretq_u32_u8(c16), vreinterpret_u16_u8(a8), vreinterpret_u16_u8(e8)), 4);
        DUMP("vabal_s16", vabal_s16(vreinterpretq_s32_u8(c16), vreinterpret_s16_u8(a8), vreinterpret_s16_u8(e8)), 4);
        DUMP("vabal_u32", vabal_u32(vreinterpretq_u64_u8(c16), vreinterpret_u32_u8(a8), vreinterpret_u32_u8(e8)), 8);
        DUMP("vabal_s32", vabal_s32(vreinterpretq_s64_u8(c16), vreinterpret_s32_u8(a8), vreinterpret_s32_u8(e8)), 8);
    }
    /* float absolute difference (VABD.F32): NaN gives the default NaN,
     * denormals flush to zero in Advanced SIMD */
    static const uint32_t fa[8] = {0x3f800000, 0xc0490fdb, 0x00000001, 0x7f800000,
                                   0x7fc12345, 0x80400000, 0x7f7fffff, 0xff7fffff};
    static const uint32_t fb[8] = {0x40000000, 0x40490fdb, 0x80000003, 0x7f800000,
                                   0x3f800000, 0x00000000, 0xff7fffff, 0x7f7fffff};
    float32x4_t x0 = vreinterpretq_f32_u32(vld1q_u32(fa)), x1 = vreinterpretq_f32_u32(vld1q_u32(fa + 4));
    float32x4_t y0 = vreinterpretq_f32_u32(vld1q_u32(fb)), y1 = vreinterpretq_f32_u32(vld1q_u32(fb + 4));
    OPAQUE(x0); OPAQUE(x1); OPAQUE(y0); OPAQUE(y1);
    flags_clear();
    float32x4_t r0 = vabdq_f32(x0, y0);
    SINK(r0);
    printf("vabdq_f32 (a) flags %s\n", flags_str());
    DUMP("  result", r0, 4);
    flags_clear();
    OPAQUE(x1); OPAQUE(y1);
    float32x2_t r1 = vabd_f32(vget_low_f32(x1), vget_low_f32(y1));
    float32x2_t r2 = vabd_f32(vget_high_f32(x1), vget_high_f32(y1));
    SINK(r1); SINK(r2);
    printf("vabd_f32 (b) flags %s\n", flags_str());
    DUMP("  result lo", r1, 4);
    DUMP("  result hi", r2, 4);
    checksum("ops");
}

int main(void) {
    rng_init(0x5ad);
    make_images();
    block_match(8);
    block_match(16);
    ops();
    /* a few explicit SADs of whole rows */
    for (int y = 0; y < 4; y++) {
        uint16x8_t acc = vdupq_n_u16(0);
        for (int x = 0; x < W; x += 8) acc = vabal_u8(acc, vld1_u8(&ref[y * 9][x]), vld1_u8(&cur[y * 9][x]));
        DUMP("row acc", acc, 2);
    }
    checksum("final");
    return 0;
}
