/* Bit tricks: clz/ctz/popcount/parity/ffs, rotates, byte swaps
 * (__builtin_bswap16/32/64), bit reversal, bitfields in structs (signed and
 * unsigned, packed), gray code, sign extension. Deterministic; exits 0. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <string.h>

static uint32_t rng = 0xdeadbeef;
static uint32_t xs(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

static inline uint32_t rotl32(uint32_t x, unsigned n) { n &= 31; return (x << n) | (x >> ((32 - n) & 31)); }
static inline uint32_t rotr32(uint32_t x, unsigned n) { n &= 31; return (x >> n) | (x << ((32 - n) & 31)); }
static inline uint64_t rotl64(uint64_t x, unsigned n) { n &= 63; return (x << n) | (x >> ((64 - n) & 63)); }

static uint32_t bitrev32(uint32_t x) {
    x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
    x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
    x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
    return __builtin_bswap32(x);
}
static int popcount_loop(uint32_t x) { int c = 0; while (x) { x &= x - 1; c++; } return c; }

struct packet {
    unsigned ver : 3;
    unsigned flag : 1;
    signed delta : 5;
    unsigned len : 12;
    signed off : 11;
};
struct wide {
    uint64_t a : 40;
    int64_t b : 23;
    unsigned c : 1;
};
struct __attribute__((packed)) pk { uint8_t t; uint32_t v; uint16_t w; };

static inline int32_t sext(uint32_t x, int bits) { int s = 32 - bits; return (int32_t)(x << s) >> s; }

int main(void) {
    uint32_t samples[] = {1, 2, 3, 0x80000000u, 0x7fffffffu, 0xffffffffu, 0x00010000u, 0x12345678u, 0xf0f0f0f0u, 0x00ff00ffu};
    for (unsigned i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        uint32_t x = samples[i];
        printf("x=%08x clz=%2d ctz=%2d pop=%2d par=%d ffs=%2d bswap=%08x b16=%04x rbit=%08x rotl7=%08x rotr13=%08x\n",
               x, __builtin_clz(x), __builtin_ctz(x), __builtin_popcount(x), __builtin_parity(x), __builtin_ffs((int)x),
               __builtin_bswap32(x), __builtin_bswap16((uint16_t)x), bitrev32(x), rotl32(x, 7), rotr32(x, 13));
    }
    uint64_t s64[] = {1, 0x8000000000000000ULL, 0x00000001ffffffffULL, 0x0123456789abcdefULL, 0xffffffff00000000ULL};
    for (unsigned i = 0; i < sizeof s64 / sizeof s64[0]; i++) {
        uint64_t x = s64[i];
        printf("X=%016" PRIx64 " clzll=%2d ctzll=%2d popll=%2d bswap64=%016" PRIx64 " rotl64_17=%016" PRIx64 "\n",
               x, __builtin_clzll(x), __builtin_ctzll(x), __builtin_popcountll(x), __builtin_bswap64(x), rotl64(x, 17));
    }

    uint32_t acc = 0; uint64_t acc64 = 0;
    for (int k = 0; k < 100000; k++) {
        uint32_t x = xs();
        unsigned n = xs() & 31;
        if (x) acc += (uint32_t)__builtin_clz(x) * 3 + (uint32_t)__builtin_ctz(x);
        if ((uint32_t)__builtin_popcount(x) != (uint32_t)popcount_loop(x)) { printf("popcount mismatch\n"); return 1; }
        acc = rotl32(acc ^ x, n) + __builtin_bswap32(x) + bitrev32(x >> n);
        acc64 = rotl64(acc64 ^ ((uint64_t)x << 32 | xs()), n + 3) + (uint64_t)__builtin_popcountll(acc64);
        acc ^= (uint32_t)sext(x, (int)(n | 1));
    }
    printf("acc=%08x acc64=%016" PRIx64 "\n", acc, acc64);

    /* bitfields */
    struct packet p;
    memset(&p, 0, sizeof p);
    uint32_t bfsum = 0;
    for (int k = 0; k < 1000; k++) {
        uint32_t r = xs();
        p.ver = r; p.flag = r >> 3; p.delta = (int)(r >> 4); p.len = r >> 9; p.off = (int)(r >> 21);
        p.delta += 3; p.len ^= 0x5a5; p.off -= 100;
        bfsum = bfsum * 33 + p.ver + p.flag * 8u + (uint32_t)(p.delta * 16) + p.len * 512u + (uint32_t)p.off;
        if (k < 5)
            printf("packet ver=%u flag=%u delta=%d len=%u off=%d\n", p.ver, p.flag, p.delta, p.len, p.off);
    }
    uint32_t raw; memcpy(&raw, &p, 4);
    printf("bfsum=%08x sizeof(packet)=%u raw=%08x\n", bfsum, (unsigned)sizeof p, raw);

    struct wide w = {0};
    w.a = 0xfedcba9876ULL; w.b = -1234567; w.c = 1;
    w.a += 0x100; w.b *= 3;
    printf("wide a=%010" PRIx64 " b=%" PRId64 " c=%u sizeof=%u\n", (uint64_t)w.a, (int64_t)w.b, w.c, (unsigned)sizeof w);

    struct pk packed[4];
    for (int i = 0; i < 4; i++) { packed[i].t = (uint8_t)i; packed[i].v = 0x11111111u * (unsigned)(i + 1); packed[i].w = (uint16_t)(0xabc0 + i); }
    uint32_t ps = 0;
    for (int i = 0; i < 4; i++) ps = ps * 7 + packed[i].t + packed[i].v + packed[i].w;
    printf("packed sizeof=%u sum=%08x\n", (unsigned)sizeof packed, ps);

    /* gray code round trip */
    uint32_t bad = 0;
    for (uint32_t i = 0; i < 70000; i++) {
        uint32_t g = i ^ (i >> 1), b = g;
        for (uint32_t s = 1; s < 32; s <<= 1) b ^= b >> s;
        if (b != i) bad++;
    }
    printf("gray roundtrip bad=%u\n", bad);

    /* unaligned-ish byte access and endianness */
    uint8_t buf[16];
    for (int i = 0; i < 16; i++) buf[i] = (uint8_t)(i * 17 + 1);
    uint32_t u; memcpy(&u, buf + 1, 4);
    uint16_t hw; memcpy(&hw, buf + 3, 2);
    uint64_t q; memcpy(&q, buf + 5, 8);
    printf("le u32=%08x u16=%04x u64=%016" PRIx64 "\n", u, hw, q);
    return 0;
}
