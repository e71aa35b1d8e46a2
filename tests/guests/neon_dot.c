/* Neon widening multiply and add/subtract (the "3 registers of different
 * lengths" group and the "2 registers and a scalar" group).
 *  - dot products: VMLAL.S16 (int16 vectors), VMLAL.U8 with VPADAL flushes,
 *    VMLAL.S32 into 64-bit lanes; checked against scalar sums
 *  - VMLSL, VMULL (s8..u32), VQDMULL / VQDMLAL / VQDMLSL with saturation
 *    and the QC flag, VADDL / VADDW / VSUBL / VSUBW for every type
 *  - by-scalar forms: VMULL/VMLAL/VMLSL/VQDMULL/VQDMLAL/VQDMLSL lane and _n,
 *    VMUL/VMLA/VMLS lane and _n (integer and float), VQDMULH/VQRDMULH lane
 *  - an 8-tap FIR filter with VMLAL lane and a rounding narrow
 * Exits 0. */
#include "neon_common.h"

#define N 512
static int16_t sa[N], sb[N];
static uint8_t ua[N], ub[N];
static int32_t la[N], lb[N];

static __attribute__((noinline)) int32_t dot_s16(const int16_t *a, const int16_t *b, int n) {
    int32x4_t acc0 = vdupq_n_s32(0), acc1 = vdupq_n_s32(0);
    for (int i = 0; i < n; i += 8) {
        int16x8_t x = vld1q_s16(a + i), y = vld1q_s16(b + i);
        acc0 = vmlal_s16(acc0, vget_low_s16(x), vget_low_s16(y));
        acc1 = vmlal_s16(acc1, vget_high_s16(x), vget_high_s16(y));
    }
    int32x4_t s = vaddq_s32(acc0, acc1);
    int64x2_t t = vpaddlq_s32(s);
    return (int32_t)(vgetq_lane_s64(t, 0) + vgetq_lane_s64(t, 1));
}

static __attribute__((noinline)) uint32_t dot_u8(const uint8_t *a, const uint8_t *b, int n) {
    uint32x4_t total = vdupq_n_u32(0);
    for (int i = 0; i < n; i += 64) {
        uint16x8_t acc = vdupq_n_u16(0);
        for (int j = i; j < i + 64 && j < n; j += 8) acc = vmlal_u8(acc, vld1_u8(a + j), vld1_u8(b + j));
        total = vpadalq_u16(total, acc); /* at most 8 products of 255*15 per lane: no overflow */
    }
    uint64x2_t t = vpaddlq_u32(total);
    return (uint32_t)(vgetq_lane_u64(t, 0) + vgetq_lane_u64(t, 1));
}

static __attribute__((noinline)) int64_t dot_s32(const int32_t *a, const int32_t *b, int n) {
    int64x2_t acc = vdupq_n_s64(0);
    for (int i = 0; i < n; i += 2) acc = vmlal_s32(acc, vld1_s32(a + i), vld1_s32(b + i));
    return vgetq_lane_s64(acc, 0) + vgetq_lane_s64(acc, 1);
}

/* difference of two dot products: sum a*b - sum a*c via VMLSL */
static __attribute__((noinline)) int32_t dot_diff_s16(const int16_t *a, const int16_t *b, const int16_t *c, int n) {
    int32x4_t acc = vdupq_n_s32(0);
    for (int i = 0; i < n; i += 4) {
        int16x4_t x = vld1_s16(a + i);
        acc = vmlal_s16(acc, x, vld1_s16(b + i));
        acc = vmlsl_s16(acc, x, vld1_s16(c + i));
    }
    int64x2_t t = vpaddlq_s32(acc);
    return (int32_t)(vgetq_lane_s64(t, 0) + vgetq_lane_s64(t, 1));
}

static void dots(void) {
    for (int i = 0; i < N; i++) {
        sa[i] = (int16_t)((int32_t)rnd() >> 20); /* [-2048, 2047] */
        sb[i] = (int16_t)((int32_t)rnd() >> 20);
        ua[i] = (uint8_t)rnd();
        ub[i] = (uint8_t)(i % 7 == 3 ? 15 : rnd() & 15); /* 4-bit weights: 8 products of 255*15 fit in 16 bits */
        if (i % 5 == 2) ua[i] = 255;
        la[i] = (int32_t)rnd_edge();
        lb[i] = (int32_t)(rnd() >> (i & 15));
    }
    for (int n = 8; n <= N; n *= 4) {
        int32_t r = 0; uint32_t ru = 0; int64_t rl = 0; int32_t rd = 0;
        for (int i = 0; i < n; i++) {
            r += sa[i] * sb[i];
            ru += (uint32_t)ua[i] * ub[i];
            rl += (int64_t)la[i] * lb[i];
            rd += sa[i] * sb[i] - sa[i] * sb[(i + 1) % N];
        }
        int32_t v = dot_s16(sa, sb, n);
        uint32_t vu = dot_u8(ua, ub, n);
        int64_t vl = dot_s32(la, lb, n);
        /* c = b shifted by one element */
        static int16_t sc[N];
        for (int i = 0; i < N; i++) sc[i] = sb[(i + 1) % N];
        int32_t vd = dot_diff_s16(sa, sb, sc, n);
        printf("n=%3d dot_s16 %d (%s) dot_u8 %u (%s) dot_s32 %lld (%s) diff %d (%s)\n", n,
               v, v == r ? "ok" : "BAD", vu, vu == ru ? "ok" : "BAD",
               (long long)vl, vl == rl ? "ok" : "BAD", vd, vd == rd ? "ok" : "BAD");
        hash_u32((uint32_t)v); hash_u32(vu); hash_u32((uint32_t)vl); hash_u32((uint32_t)(vl >> 32)); hash_u32((uint32_t)vd);
    }
    checksum("dots");
}

/* round 0 uses these saturation boundaries, later rounds edge-biased random lanes */
static const uint8_t fixed_a8[8] = {0x80, 0x80, 0x7f, 0x7f, 0xff, 0x01, 0x00, 0x80};
static const uint8_t fixed_b8[8] = {0x80, 0x7f, 0x80, 0x7f, 0xff, 0xff, 0x80, 0x01};
static const uint16_t fixed_a16[4] = {0x8000, 0x8000, 0x7fff, 0x0001};
static const uint16_t fixed_b16[4] = {0x8000, 0x7fff, 0x8000, 0x8000};
static const uint32_t fixed_a32[2] = {0x80000000u, 0x80000000u};
static const uint32_t fixed_b32[2] = {0x80000000u, 0x7fffffffu};
static const uint16_t fixed_q16[8] = {0x7fff, 0x8000, 0xffff, 0x0000, 0x7fff, 0x8000, 0x0001, 0xffff};
static const uint32_t fixed_q32[4] = {0x7fffffffu, 0x80000000u, 0x00000001u, 0xffffffffu};
static const uint64_t fixed_q64[2] = {0x7fffffffffffffffull, 0x8000000000000000ull};
#define LOAD_EDGE(T, FIX, name) T name; do { uint8_t b_[sizeof(T)]; \
        if (round == 0) { memcpy(b_, FIX, sizeof b_); } else { fill_edge(b_, sizeof b_); } \
        memcpy(&name, b_, sizeof b_); OPAQUE(name); } while (0)

static void mull_ops(int round) {
    printf("round %d: long multiply / add / subtract\n", round);
    LOAD_EDGE(int8x8_t, fixed_a8, a8); LOAD_EDGE(int8x8_t, fixed_b8, b8);
    LOAD_EDGE(int16x4_t, fixed_a16, a16); LOAD_EDGE(int16x4_t, fixed_b16, b16);
    LOAD_EDGE(int32x2_t, fixed_a32, a32); LOAD_EDGE(int32x2_t, fixed_b32, b32);
    LOAD_EDGE(int16x8_t, fixed_q16, q16); LOAD_EDGE(int32x4_t, fixed_q32, q32); LOAD_EDGE(int64x2_t, fixed_q64, q64);
    uint8x8_t ua8 = vreinterpret_u8_s8(a8), ub8 = vreinterpret_u8_s8(b8);
    uint16x4_t ua16 = vreinterpret_u16_s16(a16), ub16 = vreinterpret_u16_s16(b16);
    uint32x2_t ua32 = vreinterpret_u32_s32(a32), ub32 = vreinterpret_u32_s32(b32);
    DUMP("a8", a8, 1); DUMP("b8", b8, 1);
    DUMP("a16", a16, 2); DUMP("b16", b16, 2);
    DUMP("a32", a32, 4); DUMP("b32", b32, 4);
    DUMP("q16", q16, 2); DUMP("q32", q32, 4); DUMP("q64", q64, 8);

    DUMP("vmull_s8", vmull_s8(a8, b8), 2);
    DUMP("vmull_u8", vmull_u8(ua8, ub8), 2);
    DUMP("vmull_s16", vmull_s16(a16, b16), 4);
    DUMP("vmull_u16", vmull_u16(ua16, ub16), 4);
    DUMP("vmull_s32", vmull_s32(a32, b32), 8);
    DUMP("vmull_u32", vmull_u32(ua32, ub32), 8);

    DUMP("vmlal_s8", vmlal_s8(q16, a8, b8), 2);
    DUMP("vmlal_u8", vmlal_u8(vreinterpretq_u16_s16(q16), ua8, ub8), 2);
    DUMP("vmlal_s16", vmlal_s16(q32, a16, b16), 4);
    DUMP("vmlal_u16", vmlal_u16(vreinterpretq_u32_s32(q32), ua16, ub16), 4);
    DUMP("vmlal_s32", vmlal_s32(q64, a32, b32), 8);
    DUMP("vmlal_u32", vmlal_u32(vreinterpretq_u64_s64(q64), ua32, ub32), 8);
    DUMP("vmlsl_s8", vmlsl_s8(q16, a8, b8), 2);
    DUMP("vmlsl_u8", vmlsl_u8(vreinterpretq_u16_s16(q16), ua8, ub8), 2);
    DUMP("vmlsl_s16", vmlsl_s16(q32, a16, b16), 4);
    DUMP("vmlsl_u16", vmlsl_u16(vreinterpretq_u32_s32(q32), ua16, ub16), 4);
    DUMP("vmlsl_s32", vmlsl_s32(q64, a32, b32), 8);
    DUMP("vmlsl_u32", vmlsl_u32(vreinterpretq_u64_s64(q64), ua32, ub32), 8);

    DUMP("vaddl_s8", vaddl_s8(a8, b8), 2);
    DUMP("vaddl_u8", vaddl_u8(ua8, ub8), 2);
    DUMP("vaddl_s16", vaddl_s16(a16, b16), 4);
    DUMP("vaddl_u16", vaddl_u16(ua16, ub16), 4);
    DUMP("vaddl_s32", vaddl_s32(a32, b32), 8);
    DUMP("vaddl_u32", vaddl_u32(ua32, ub32), 8);
    DUMP("vsubl_s8", vsubl_s8(a8, b8), 2);
    DUMP("vsubl_u8", vsubl_u8(ua8, ub8), 2);
    DUMP("vsubl_s16", vsubl_s16(a16, b16), 4);
    DUMP("vsubl_u16", vsubl_u16(ua16, ub16), 4);
    DUMP("vsubl_s32", vsubl_s32(a32, b32), 8);
    DUMP("vsubl_u32", vsubl_u32(ua32, ub32), 8);
    DUMP("vaddw_s8", vaddw_s8(q16, a8), 2);
    DUMP("vaddw_u8", vaddw_u8(vreinterpretq_u16_s16(q16), ua8), 2);
    DUMP("vaddw_s16", vaddw_s16(q32, a16), 4);
    DUMP("vaddw_u16", vaddw_u16(vreinterpretq_u32_s32(q32), ua16), 4);
    DUMP("vaddw_s32", vaddw_s32(q64, a32), 8);
    DUMP("vaddw_u32", vaddw_u32(vreinterpretq_u64_s64(q64), ua32), 8);
    DUMP("vsubw_s8", vsubw_s8(q16, a8), 2);
    DUMP("vsubw_u8", vsubw_u8(vreinterpretq_u16_s16(q16), ua8), 2);
    DUMP("vsubw_s16", vsubw_s16(q32, a16), 4);
    DUMP("vsubw_u16", vsubw_u16(vreinterpretq_u32_s32(q32), ua16), 4);
    DUMP("vsubw_s32", vsubw_s32(q64, a32), 8);
    DUMP("vsubw_u32", vsubw_u32(vreinterpretq_u64_s64(q64), ua32), 8);

    /* saturating doubling forms, each with the QC flag it leaves */
#define QOP(name, expr, es) do { flags_clear(); OPAQUE(a16); OPAQUE(b16); OPAQUE(a32); OPAQUE(b32); \
        OPAQUE(q32); OPAQUE(q64); __typeof__(expr) r_ = (expr); SINK(r_); int qc_ = qc_get(); \
        char n_[40]; snprintf(n_, sizeof n_, "%s%s", name, qc_ ? " QC" : ""); DUMP(n_, r_, es); } while (0)
    QOP("vqdmull_s16", vqdmull_s16(a16, b16), 4);
    QOP("vqdmull_s32", vqdmull_s32(a32, b32), 8);
    QOP("vqdmlal_s16", vqdmlal_s16(q32, a16, b16), 4);
    QOP("vqdmlal_s32", vqdmlal_s32(q64, a32, b32), 8);
    QOP("vqdmlsl_s16", vqdmlsl_s16(q32, a16, b16), 4);
    QOP("vqdmlsl_s32", vqdmlsl_s32(q64, a32, b32), 8);
    QOP("vqdmulh_s16", vqdmulh_s16(a16, b16), 2);
    QOP("vqrdmulh_s32", vqrdmulh_s32(a32, b32), 4);

    /* by scalar */
    DUMP("vmull_lane_s16 1", vmull_lane_s16(a16, b16, 1), 4);
    DUMP("vmull_lane_u16 3", vmull_lane_u16(ua16, ub16, 3), 4);
    DUMP("vmull_lane_s32 0", vmull_lane_s32(a32, b32, 0), 8);
    DUMP("vmull_lane_u32 1", vmull_lane_u32(ua32, ub32, 1), 8);
    DUMP("vmlal_lane_s16 2", vmlal_lane_s16(q32, a16, b16, 2), 4);
    DUMP("vmlal_lane_u32 1", vmlal_lane_u32(vreinterpretq_u64_s64(q64), ua32, ub32, 1), 8);
    DUMP("vmlsl_lane_s32 1", vmlsl_lane_s32(q64, a32, b32, 1), 8);
    DUMP("vmlsl_lane_u16 0", vmlsl_lane_u16(vreinterpretq_u32_s32(q32), ua16, ub16, 0), 4);
    int16_t s16 = vget_lane_s16(b16, 3);
    int32_t s32 = vget_lane_s32(b32, 0);
    DUMP("vmull_n_s16", vmull_n_s16(a16, s16), 4);
    DUMP("vmull_n_u32", vmull_n_u32(ua32, (uint32_t)s32), 8);
    DUMP("vmlal_n_s16", vmlal_n_s16(q32, a16, s16), 4);
    DUMP("vmlal_n_u16", vmlal_n_u16(vreinterpretq_u32_s32(q32), ua16, (uint16_t)s16), 4);
    DUMP("vmlsl_n_s32", vmlsl_n_s32(q64, a32, s32), 8);
    QOP("vqdmull_lane_s16 0", vqdmull_lane_s16(a16, b16, 0), 4);
    QOP("vqdmull_n_s32", vqdmull_n_s32(a32, s32), 8);
    QOP("vqdmlal_lane_s16 3", vqdmlal_lane_s16(q32, a16, b16, 3), 4);
    QOP("vqdmlal_n_s32", vqdmlal_n_s32(q64, a32, s32), 8);
    QOP("vqdmlsl_lane_s32 1", vqdmlsl_lane_s32(q64, a32, b32, 1), 8);
    QOP("vqdmlsl_n_s16", vqdmlsl_n_s16(q32, a16, s16), 4);
    QOP("vqdmulh_lane_s16 2", vqdmulh_lane_s16(a16, b16, 2), 2);
    QOP("vqdmulhq_n_s32", vqdmulhq_n_s32(q32, s32), 4);
    QOP("vqrdmulh_lane_s32 1", vqrdmulh_lane_s32(a32, b32, 1), 4);
    QOP("vqrdmulhq_n_s16", vqrdmulhq_n_s16(q16, s16), 2);
    DUMP("vmul_n_s16", vmul_n_s16(a16, s16), 2);
    DUMP("vmulq_n_u32", vmulq_n_u32(vreinterpretq_u32_s32(q32), (uint32_t)s32), 4);
    DUMP("vmul_lane_s16 1", vmul_lane_s16(a16, b16, 1), 2);
    DUMP("vmulq_lane_s32 1", vmulq_lane_s32(q32, b32, 1), 4);
    DUMP("vmla_lane_s16 3", vmla_lane_s16(a16, b16, a16, 3), 2);
    DUMP("vmlaq_n_u16", vmlaq_n_u16(vreinterpretq_u16_s16(q16), vreinterpretq_u16_s16(q16), (uint16_t)s16), 2);
    DUMP("vmls_lane_s32 0", vmls_lane_s32(a32, b32, a32, 0), 4);
    DUMP("vmlsq_n_s16", vmlsq_n_s16(q16, q16, s16), 2);
}

static void float_scalar(void) {
    static const float fv[8] = {1.5f, -2.25f, 3.0e38f, 1.0e-39f, 0.1f, -0.0f, 7.0f, 1.0e-20f};
    float32x4_t a = vld1q_f32(fv), b = vld1q_f32(fv + 4);
    float32x2_t s = vget_low_f32(b);
    OPAQUE(a); OPAQUE(b); OPAQUE(s);
    flags_clear();
    float32x4_t r0 = vmulq_n_f32(a, 3.0f);
    float32x4_t r1 = vmulq_lane_f32(a, s, 0);
    float32x4_t r2 = vmlaq_lane_f32(b, a, s, 1);
    float32x2_t r3 = vmls_lane_f32(s, vget_high_f32(a), vget_low_f32(a), 0);
    float32x4_t r4 = vmlaq_n_f32(a, b, 1.0e20f);
    float32x2_t r5 = vmul_n_f32(vget_low_f32(a), 2.0f);
    SINK(r0); SINK(r1); SINK(r2); SINK(r3); SINK(r4); SINK(r5);
    printf("float by-scalar flags %s\n", flags_str());
    DUMP("vmulq_n_f32 3", r0, 4);
    DUMP("vmulq_lane_f32 0", r1, 4);
    DUMP("vmlaq_lane_f32 1", r2, 4);
    DUMP("vmls_lane_f32 0", r3, 4);
    DUMP("vmlaq_n_f32 1e20", r4, 4);
    DUMP("vmul_n_f32 2", r5, 4);
}

/* 8-tap FIR: y[n] = sat_round((sum_k h[k] x[n+k]) >> 15) */
static void fir(void) {
    static int16_t x[72];
    static const int16_t h[8] = {-1200, 2400, 9000, 16000, 16000, 9000, 2400, -1200};
    for (int i = 0; i < 72; i++) x[i] = (int16_t)(i < 24 ? (i & 4 ? 32767 : -32768) : (int32_t)rnd() >> 16);
    int16x4_t h0 = vld1_s16(h), h1 = vld1_s16(h + 4);
    int16_t y[64], yr[64];
    for (int n = 0; n < 64; n += 4) {
        int32x4_t acc = vmull_lane_s16(vld1_s16(x + n), h0, 0);
        acc = vmlal_lane_s16(acc, vld1_s16(x + n + 1), h0, 1);
        acc = vmlal_lane_s16(acc, vld1_s16(x + n + 2), h0, 2);
        acc = vmlal_lane_s16(acc, vld1_s16(x + n + 3), h0, 3);
        acc = vmlal_lane_s16(acc, vld1_s16(x + n + 4), h1, 0);
        acc = vmlal_lane_s16(acc, vld1_s16(x + n + 5), h1, 1);
        acc = vmlal_lane_s16(acc, vld1_s16(x + n + 6), h1, 2);
        acc = vmlal_lane_s16(acc, vld1_s16(x + n + 7), h1, 3);
        vst1_s16(y + n, vqrshrn_n_s32(acc, 15));
    }
    int bad = 0;
    for (int n = 0; n < 64; n++) {
        int64_t s = 0;
        for (int k = 0; k < 8; k++) s += (int64_t)h[k] * x[n + k];
        s = (s + (1 << 14)) >> 15;
        yr[n] = (int16_t)(s > 32767 ? 32767 : s < -32768 ? -32768 : s);
        bad += yr[n] != y[n];
    }
    printf("fir: mismatches vs scalar %d\n", bad);
    for (int n = 0; n < 64; n += 16) dump("fir y", y + n, 32, 2);
}

int main(void) {
    rng_init(0xd07);
    dots();
    for (int r = 0; r < 6; r++) mull_ops(r);
    checksum("ops");
    float_scalar();
    fir();
    checksum("final");
    return 0;
}
