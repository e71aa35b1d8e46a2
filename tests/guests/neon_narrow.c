/* Neon narrowing operations, with rounding and saturation.
 *  - VADDHN / VRADDHN / VSUBHN / VRSUBHN for every element size
 *  - VMOVN, VQMOVN (signed/unsigned), VQMOVUN
 *  - VSHRN, VRSHRN, VQSHRN, VQRSHRN (signed/unsigned), VQSHRUN, VQRSHRUN
 *    by several immediates up to the full half width, with the QC flag
 *  - saturation and rounding-carry boundaries (e.g. rounding 0x7fff..f
 *    needs a wider intermediate), high/low halves via vget_high/vget_low
 *    and vcombine
 *  - bulk random check of a few forms against scalar reference code
 * Exits 0. */
#include "neon_common.h"

/* one saturating/narrowing result, printed with the QC flag it leaves */
#define R(name, n, x, y, expr, es) do { flags_clear(); OPAQUE(x); OPAQUE(y); __typeof__(expr) r_ = (expr); SINK(r_); \
        int qc_ = qc_get(); char n_[40]; snprintf(n_, sizeof n_, "%s %d%s", name, n, qc_ ? " QC" : ""); DUMP(n_, r_, es); } while (0)

#define SHIFTS_U(T, x, es, N) do { \
        R("vshrn_n_" #T, N, x, x, vshrn_n_##T(x, N), es); \
        R("vrshrn_n_" #T, N, x, x, vrshrn_n_##T(x, N), es); \
        R("vqshrn_n_" #T, N, x, x, vqshrn_n_##T(x, N), es); \
        R("vqrshrn_n_" #T, N, x, x, vqrshrn_n_##T(x, N), es); } while (0)
#define SHIFTS_S(T, x, es, N) do { SHIFTS_U(T, x, es, N); \
        R("vqshrun_n_" #T, N, x, x, vqshrun_n_##T(x, N), es); \
        R("vqrshrun_n_" #T, N, x, x, vqrshrun_n_##T(x, N), es); } while (0)
#define HN(T, x, y, es) do { \
        R("vaddhn_" #T, 0, x, y, vaddhn_##T(x, y), es); \
        R("vraddhn_" #T, 0, x, y, vraddhn_##T(x, y), es); \
        R("vsubhn_" #T, 0, x, y, vsubhn_##T(x, y), es); \
        R("vrsubhn_" #T, 0, x, y, vrsubhn_##T(x, y), es); } while (0)

static const uint16_t fix16[16] = {0x7fff, 0x8000, 0x00ff, 0x0100, 0xff80, 0xff7f, 0x007f, 0x0080,
                                   0x7f80, 0x807f, 0xffff, 0x0000, 0x00ff, 0x01fe, 0x7fc0, 0xff00};
static const uint32_t fix32[8] = {0x7fffffffu, 0x80000000u, 0x0000ffffu, 0x00010000u,
                                  0x7fff8000u, 0xffff7fffu, 0x00007fffu, 0xffff8000u};
static const uint64_t fix64[4] = {0x7fffffffffffffffull, 0x8000000000000000ull, 0x00000000ffffffffull, 0x7fffffff80000000ull};
static const uint64_t fix64b[4] = {0x0000000080000000ull, 0xffffffff80000000ull, 0xffffffffffffffffull, 0x0000000100000000ull};

static void round_ops(int round) {
    uint8_t bx[16], by[16];
    int16x8_t xs16, ys16; int32x4_t xs32, ys32; int64x2_t xs64, ys64;
    printf("== round %d\n", round);
    for (int part = 0; part < 3; part++) {
        if (round == 0) {
            if (part == 0) { memcpy(bx, fix16, 16); memcpy(by, fix16 + 8, 16); }
            if (part == 1) { memcpy(bx, fix32, 16); memcpy(by, fix32 + 4, 16); }
            if (part == 2) { memcpy(bx, fix64, 16); memcpy(by, fix64b, 16); }
        } else if (round == 1) {
            /* x and y equal up to sign so that sums and differences hit the edges */
            fill_edge(bx, 16);
            memcpy(by, bx, 16);
            for (int i = 0; i < 16; i++) by[i] = (uint8_t)~by[i];
        } else {
            fill_edge(bx, 16); fill_edge(by, 16);
        }
        if (part == 0) {
            memcpy(&xs16, bx, 16); memcpy(&ys16, by, 16);
            uint16x8_t xu = vreinterpretq_u16_s16(xs16), yu = vreinterpretq_u16_s16(ys16);
            DUMP("x16", xs16, 2); DUMP("y16", ys16, 2);
            HN(s16, xs16, ys16, 1);
            HN(u16, xu, yu, 1);
            R("vmovn_s16", 0, xs16, xs16, vmovn_s16(xs16), 1);
            R("vmovn_u16", 0, xu, xu, vmovn_u16(xu), 1);
            R("vqmovn_s16", 0, xs16, xs16, vqmovn_s16(xs16), 1);
            R("vqmovn_u16", 0, xu, xu, vqmovn_u16(xu), 1);
            R("vqmovun_s16", 0, xs16, xs16, vqmovun_s16(xs16), 1);
            SHIFTS_S(s16, xs16, 1, 1); SHIFTS_S(s16, xs16, 1, 3); SHIFTS_S(s16, xs16, 1, 7); SHIFTS_S(s16, xs16, 1, 8);
            SHIFTS_U(u16, xu, 1, 1); SHIFTS_U(u16, xu, 1, 4); SHIFTS_U(u16, xu, 1, 8);
        } else if (part == 1) {
            memcpy(&xs32, bx, 16); memcpy(&ys32, by, 16);
            uint32x4_t xu = vreinterpretq_u32_s32(xs32), yu = vreinterpretq_u32_s32(ys32);
            DUMP("x32", xs32, 4); DUMP("y32", ys32, 4);
            HN(s32, xs32, ys32, 2);
            HN(u32, xu, yu, 2);
            R("vmovn_s32", 0, xs32, xs32, vmovn_s32(xs32), 2);
            R("vmovn_u32", 0, xu, xu, vmovn_u32(xu), 2);
            R("vqmovn_s32", 0, xs32, xs32, vqmovn_s32(xs32), 2);
            R("vqmovn_u32", 0, xu, xu, vqmovn_u32(xu), 2);
            R("vqmovun_s32", 0, xs32, xs32, vqmovun_s32(xs32), 2);
            SHIFTS_S(s32, xs32, 2, 1); SHIFTS_S(s32, xs32, 2, 9); SHIFTS_S(s32, xs32, 2, 15); SHIFTS_S(s32, xs32, 2, 16);
            SHIFTS_U(u32, xu, 2, 1); SHIFTS_U(u32, xu, 2, 12); SHIFTS_U(u32, xu, 2, 16);
        } else {
            memcpy(&xs64, bx, 16); memcpy(&ys64, by, 16);
            uint64x2_t xu = vreinterpretq_u64_s64(xs64), yu = vreinterpretq_u64_s64(ys64);
            DUMP("x64", xs64, 8); DUMP("y64", ys64, 8);
            HN(s64, xs64, ys64, 4);
            HN(u64, xu, yu, 4);
            R("vmovn_s64", 0, xs64, xs64, vmovn_s64(xs64), 4);
            R("vmovn_u64", 0, xu, xu, vmovn_u64(xu), 4);
            R("vqmovn_s64", 0, xs64, xs64, vqmovn_s64(xs64), 4);
            R("vqmovn_u64", 0, xu, xu, vqmovn_u64(xu), 4);
            R("vqmovun_s64", 0, xs64, xs64, vqmovun_s64(xs64), 4);
            SHIFTS_S(s64, xs64, 4, 1); SHIFTS_S(s64, xs64, 4, 17); SHIFTS_S(s64, xs64, 4, 31); SHIFTS_S(s64, xs64, 4, 32);
            SHIFTS_U(u64, xu, 4, 1); SHIFTS_U(u64, xu, 4, 20); SHIFTS_U(u64, xu, 4, 32);
        }
    }
}

/* halves: narrow two Q registers into one with vcombine, and narrow the
 * high and low halves of a widened value back */
static void halves(void) {
    printf("== halves\n");
    int16_t in[16];
    for (int i = 0; i < 16; i++) in[i] = (int16_t)((i & 1 ? 1 : -1) * (3 << (i % 14)) + i * 7);
    int16x8_t a = vld1q_s16(in), b = vld1q_s16(in + 8);
    OPAQUE(a); OPAQUE(b);
    int8x16_t packed = vcombine_s8(vqmovn_s16(a), vqmovn_s16(b));
    DUMP("vcombine(vqmovn lo,hi)", packed, 1);
    uint8x16_t upacked = vcombine_u8(vqmovun_s16(a), vqrshrun_n_s16(b, 4));
    DUMP("vcombine(vqmovun,vqrshrun)", upacked, 1);
    int16x8_t wl = vmovl_s8(vget_low_s8(packed)), wh = vmovl_s8(vget_high_s8(packed));
    DUMP("vmovl(vget_low)", wl, 2);
    DUMP("vmovl(vget_high)", wh, 2);
    int32x4_t w32l = vmull_s16(vget_low_s16(a), vget_high_s16(b));
    int32x4_t w32h = vmull_s16(vget_high_s16(a), vget_low_s16(b));
    int16x8_t back = vcombine_s16(vrshrn_n_s32(w32l, 15), vqrshrn_n_s32(w32h, 15));
    DUMP("mul hi/lo -> narrow", back, 2);
    int16x8_t back2 = vcombine_s16(vaddhn_s32(w32l, w32h), vrsubhn_s32(w32l, w32h));
    DUMP("addhn/rsubhn", back2, 2);
    uint32x4_t u = vreinterpretq_u32_s32(w32l);
    uint16x8_t cq = vcombine_u16(vqmovn_u32(u), vmovn_u32(u));
    OPAQUE(cq);
    DUMP("vget_low(vqmovn|vmovn)", vget_low_u16(cq), 2);
    DUMP("vget_high(vqmovn|vmovn)", vget_high_u16(cq), 2);
}

/* scalar references for a bulk check */
static int16_t sat16(int64_t v) { return (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v); }
static uint8_t satu8(int32_t v) { return (uint8_t)(v > 255 ? 255 : v < 0 ? 0 : v); }

static void bulk(void) {
    int bad = 0;
    for (int it = 0; it < 2000; it++) {
        int32_t A[4], B[4];
        int16_t H[8];
        for (int i = 0; i < 4; i++) { A[i] = (int32_t)rnd_edge(); B[i] = (int32_t)rnd_edge(); }
        for (int i = 0; i < 8; i++) H[i] = (int16_t)rnd_edge();
        int32x4_t a = vld1q_s32(A), b = vld1q_s32(B);
        int16x8_t h = vld1q_s16(H);
        int16_t o1[4], o2[4], o3[4];
        uint8_t o4[8];
        vst1_s16(o1, vqrshrn_n_s32(a, 13));
        vst1_s16(o2, vraddhn_s32(a, b));
        vst1_s16(o3, vrsubhn_s32(a, b));
        vst1_u8(o4, vqshrun_n_s16(h, 3));
        for (int i = 0; i < 4; i++) {
            bad += o1[i] != sat16(((int64_t)A[i] + (1 << 12)) >> 13);
            bad += o2[i] != (int16_t)((uint32_t)((int64_t)A[i] + B[i] + 0x8000) >> 16);
            bad += o3[i] != (int16_t)((uint32_t)((int64_t)A[i] - B[i] + 0x8000) >> 16);
        }
        for (int i = 0; i < 8; i++) bad += o4[i] != satu8(H[i] >> 3);
        hash_bytes(o1, 8); hash_bytes(o2, 8); hash_bytes(o3, 8); hash_bytes(o4, 8);
    }
    printf("bulk: mismatches vs scalar %d\n", bad);
}

int main(void) {
    rng_init(0x4a770);
    for (int r = 0; r < 4; r++) round_ops(r);
    checksum("rounds");
    halves();
    bulk();
    checksum("final");
    return 0;
}
