/* Integer arithmetic: 32/64-bit signed/unsigned multiply, divide, modulo
 * (libgcc __aeabi_idivmod/__aeabi_uidivmod/__aeabi_ldivmod/__aeabi_uldivmod),
 * 64-bit shifts, division by constants, saturating helpers, int<->fp of
 * in-range values. Deterministic; exits 0. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <limits.h>

static volatile int32_t v32[] = {0, 1, -1, 2, -2, 3, 7, -7, 10, 100, -1000, 12345,
    INT32_MAX, INT32_MIN, 0x7fff, 0x10000, -65536, 1000000007, -123456789};
static volatile int64_t v64[] = {0, 1, -1, 3, 7, -7, 1000000007LL, -999999999999LL,
    INT64_MAX, INT64_MIN, 0x123456789abcdefLL, -0x7edcba9876543LL,
    4294967296LL, 0xffffffffLL, -4294967295LL, 0x100000001LL, 86400000000LL};
#define N32 (int)(sizeof v32 / sizeof v32[0])
#define N64 (int)(sizeof v64 / sizeof v64[0])

static uint64_t h = 1469598103934665603ULL;
static void mix(uint64_t x) { h = (h ^ x) * 1099511628211ULL; }

static uint32_t rng = 12345;
static uint32_t lcg(void) { rng = rng * 1103515245u + 12345u; return rng; }

/* high 64 bits of unsigned 64x64 product, via 32-bit pieces */
static uint64_t mulhi_u64(uint64_t a, uint64_t b) {
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
    return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

static int32_t sat_add32(int32_t a, int32_t b) {
    int64_t s = (int64_t)a + b;
    if (s > INT32_MAX) return INT32_MAX;
    if (s < INT32_MIN) return INT32_MIN;
    return (int32_t)s;
}
static uint8_t sat_u8(int x) { return x < 0 ? 0 : x > 255 ? 255 : (uint8_t)x; }
static int16_t sat_s16(int32_t x) { return x < -32768 ? -32768 : x > 32767 ? 32767 : (int16_t)x; }
static uint32_t sat_addu32(uint32_t a, uint32_t b) { uint32_t s = a + b; return s < a ? UINT32_MAX : s; }

int main(void) {
    printf("== 32-bit signed / unsigned div & mod ==\n");
    for (int i = 0; i < N32; i++)
        for (int j = 0; j < N32; j++) {
            int32_t a = v32[i], b = v32[j];
            if (b == 0) continue;
            uint32_t ua = (uint32_t)a, ub = (uint32_t)b;
            uint32_t uq = ua / ub, ur = ua % ub;
            if (a == INT32_MIN && b == -1) {
                mix(uq); mix(ur);
                if (i % 3 == 0) printf("%d / %d: signed overflow skipped; u %u %u\n", a, b, uq, ur);
                continue;
            }
            int32_t q = a / b, r = a % b;
            mix((uint32_t)q); mix((uint32_t)r); mix(uq); mix(ur);
            if ((i + j) % 5 == 0)
                printf("%d / %d = %d r %d ; %u / %u = %u r %u\n", a, b, q, r, ua, ub, uq, ur);
        }
    printf("hash32div %016" PRIx64 "\n", h);

    printf("== 64-bit signed / unsigned div & mod ==\n");
    for (int i = 0; i < N64; i++)
        for (int j = 0; j < N64; j++) {
            int64_t a = v64[i], b = v64[j];
            if (b == 0) continue;
            uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
            uint64_t uq = ua / ub, ur = ua % ub;
            mix(uq); mix(ur);
            if (a == INT64_MIN && b == -1) continue;
            int64_t q = a / b, r = a % b;
            mix((uint64_t)q); mix((uint64_t)r);
            if ((i * 7 + j) % 6 == 0)
                printf("%" PRId64 " / %" PRId64 " = %" PRId64 " r %" PRId64 " ; u %" PRIu64 " r %" PRIu64 "\n",
                       a, b, q, r, uq, ur);
        }
    printf("hash64div %016" PRIx64 "\n", h);

    printf("== multiply ==\n");
    for (int i = 0; i < N64; i++)
        for (int j = i; j < N64; j++) {
            uint64_t a = (uint64_t)v64[i], b = (uint64_t)v64[j];
            uint64_t lo = a * b, hi = mulhi_u64(a, b);
            mix(lo); mix(hi);
            if ((i + j) % 4 == 0)
                printf("%016" PRIx64 " * %016" PRIx64 " = %016" PRIx64 ":%016" PRIx64 "\n", a, b, hi, lo);
        }
    for (int i = 0; i < N32; i++)
        for (int j = 0; j < N32; j++) {
            int64_t s = (int64_t)v32[i] * v32[j];
            uint64_t u = (uint64_t)(uint32_t)v32[i] * (uint32_t)v32[j];
            uint32_t m = (uint32_t)v32[i] * (uint32_t)v32[j];
            mix((uint64_t)s); mix(u); mix(m);
        }
    printf("hashmul %016" PRIx64 "\n", h);

    printf("== 64-bit shifts ==\n");
    for (int s = 0; s < 64; s++) {
        volatile int sh = s;
        uint64_t x = 0x8123456789abcdefULL;
        int64_t y = (int64_t)0x8123456789abcdefULL;
        uint64_t l = x << sh, r = x >> sh;
        int64_t a = y >> sh;
        mix(l); mix(r); mix((uint64_t)a);
        if (s % 9 == 0 || s == 31 || s == 32 || s == 33 || s == 63)
            printf("s=%2d shl %016" PRIx64 " lsr %016" PRIx64 " asr %016" PRIx64 "\n", s, l, r, (uint64_t)a);
    }

    printf("== division by constants ==\n");
    uint64_t acc = 0;
    for (int k = 0; k < 20000; k++) {
        uint32_t x = lcg();
        int32_t sx = (int32_t)lcg();
        acc += x / 3 + x / 7 + x / 10 + x / 1000 + x % 13 + x % 60;
        acc += (uint32_t)(sx / 3) + (uint32_t)(sx / -7) + (uint32_t)(sx % 10) + (uint32_t)(sx / 16) + (uint32_t)(sx % 16);
        uint64_t X = ((uint64_t)lcg() << 32) | lcg();
        acc += X / 10 + X % 1000000007ULL;
        int64_t SX = (int64_t)X;
        acc += (uint64_t)(SX / 12345) + (uint64_t)(SX % 97);
    }
    printf("const-div acc %016" PRIx64 "\n", acc);
    mix(acc);

    printf("== saturating ==\n");
    int32_t sv[] = {INT32_MAX, INT32_MIN, 1, -1, 0x40000000, -0x40000000, 70000, -70000};
    for (unsigned i = 0; i < sizeof sv / sizeof sv[0]; i++)
        for (unsigned j = 0; j < sizeof sv / sizeof sv[0]; j += 3) {
            int32_t r = sat_add32(sv[i], sv[j]);
            printf("sat_add(%d,%d)=%d s16=%d u8=%u uadd=%u\n", sv[i], sv[j], r, sat_s16(sv[i] / 2 + sv[j] / 2),
                   sat_u8(sv[i] >> 20), sat_addu32((uint32_t)sv[i], (uint32_t)sv[j]));
        }
    uint32_t sacc = 0;
    for (int k = 0; k < 5000; k++) {
        int32_t a = (int32_t)lcg(), b = (int32_t)lcg() >> 3;
        sacc = sacc * 31 + (uint32_t)sat_add32(a, b) + sat_u8((int)(a >> 22)) + (uint16_t)sat_s16(b >> 12);
    }
    printf("sat acc %08x\n", sacc);

    printf("== int <-> fp (in range) ==\n");
    for (int i = 0; i < N64; i++) {
        int64_t a = v64[i];
        double d = (double)a;
        float f = (float)a;
        double ud = (double)(uint64_t)a;
        int64_t back = (d > -9.2e18 && d < 9.2e18) ? (int64_t)d : 0;
        printf("%" PRId64 " -> %.17g %.9g %.17g back %" PRId64 "\n", a, d, (double)f, ud, back);
    }
    for (int i = 0; i < N32; i++) {
        int32_t a = v32[i];
        double d = a; float f = (float)a; double ud = (uint32_t)a;
        printf("%d -> %.17g %.9g %.17g | %d %u\n", a, d, (double)f, ud, (int32_t)(d / 3.0), (uint32_t)(ud / 7.0));
    }
    printf("final hash %016" PRIx64 "\n", h);
    return 0;
}
