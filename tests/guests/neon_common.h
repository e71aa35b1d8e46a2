/* Shared helpers for the neon_*.c guests (built with -mfpu=neon, see
 * neon_*.cflags): a deterministic PRNG, vector dumps that also feed a
 * running FNV-1a checksum, FPSCR access (QC and the cumulative float flags),
 * and compiler barriers that keep intrinsics from being constant-folded or
 * moved across FPSCR reads. */
#ifndef NEON_COMMON_H
#define NEON_COMMON_H
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* xorshift32; seeded through a volatile so nothing is computed at build time */
static volatile uint32_t neon_seed = 0x2545f491u;
static uint32_t rng_x;
static inline void rng_init(uint32_t salt) { rng_x = neon_seed ^ salt; if (!rng_x) rng_x = 1; }
static inline uint32_t rnd(void) { uint32_t x = rng_x; x ^= x << 13; x ^= x >> 17; x ^= x << 5; return rng_x = x; }
/* random value with a bias towards edge cases (0, all-ones, sign boundaries) */
static inline uint32_t rnd_edge(void) {
    uint32_t r = rnd();
    switch (r & 15) {
    case 0: return 0;
    case 1: return 0xffffffffu;
    case 2: return 0x7fffffffu;
    case 3: return 0x80000000u;
    case 4: return 0x7fff7fffu;
    case 5: return 0x80008000u;
    case 6: return 0x7f7f7f7fu;
    case 7: return 0x80808080u;
    case 8: return 0x00ff00ffu ^ (rnd() & 0x01010101u);
    default: return rnd();
    }
}
static inline void fill_rand(void *p, size_t n) {
    uint8_t *b = p;
    for (size_t i = 0; i < n; i += 4) { uint32_t r = rnd(); for (size_t k = 0; k < 4 && i + k < n; k++) b[i + k] = (uint8_t)(r >> (8 * k)); }
}
static inline void fill_edge(void *p, size_t n) {
    uint8_t *b = p;
    for (size_t i = 0; i < n; i += 4) { uint32_t r = rnd_edge(); for (size_t k = 0; k < 4 && i + k < n; k++) b[i + k] = (uint8_t)(r >> (8 * k)); }
}

static uint32_t fnv = 2166136261u;
static inline void hash_bytes(const void *p, size_t n) {
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++) { fnv ^= b[i]; fnv *= 16777619u; }
}
static inline void hash_u32(uint32_t v) { hash_bytes(&v, 4); }

/* dump(name, bytes, size, element size in bytes): lanes printed lane 0 first */
static __attribute__((noinline, unused)) void dump(const char *name, const void *p, int n, int es) {
    const uint8_t *b = p;
    printf("%-22s", name);
    for (int i = 0; i < n; i += es) {
        uint64_t v = 0;
        for (int k = es - 1; k >= 0; k--) v = (v << 8) | b[i + k];
        printf(" %0*llx", es * 2, (unsigned long long)v);
    }
    printf("\n");
    hash_bytes(p, (size_t)n);
}
#define DUMP(name, v, es) do { __typeof__(v) dump_tmp_ = (v); uint8_t dump_b_[sizeof dump_tmp_]; \
    memcpy(dump_b_, &dump_tmp_, sizeof dump_tmp_); dump(name, dump_b_, (int)sizeof dump_tmp_, es); } while (0)
#define D8(v)  DUMP(#v, v, 1)
#define D16(v) DUMP(#v, v, 2)
#define D32(v) DUMP(#v, v, 4)
#define D64(v) DUMP(#v, v, 8)
/* hash only (for bulk loops) */
#define HASHV(v) do { __typeof__(v) hash_tmp_ = (v); hash_bytes(&hash_tmp_, sizeof hash_tmp_); } while (0)

/* Barriers: OPAQUE hides a value from the optimiser (after any preceding
 * volatile asm such as an FPSCR write); SINK forces a value to be computed
 * before any following volatile asm (such as an FPSCR read). */
#define OPAQUE(x) __asm__ volatile("" : "+w"(x))
#define SINK(x)   __asm__ volatile("" : : "w"(x))

static inline uint32_t fpscr_get(void) { uint32_t v; __asm__ volatile("vmrs %0, fpscr" : "=r"(v)); return v; }
static inline void fpscr_set(uint32_t v) { __asm__ volatile("vmsr fpscr, %0" : : "r"(v) : "memory"); }
/* clear QC (bit 27) and the cumulative float flags IOC DZC OFC UFC IXC IDC */
static inline void flags_clear(void) { fpscr_set(fpscr_get() & ~(0x08000000u | 0x9fu)); }
static __attribute__((noinline, unused)) const char *flags_str(void) {
    static char s[8];
    uint32_t f = fpscr_get();
    s[0] = f & 0x08000000u ? 'Q' : '-';
    s[1] = f & 1 ? 'I' : '-';
    s[2] = f & 2 ? 'Z' : '-';
    s[3] = f & 4 ? 'O' : '-';
    s[4] = f & 8 ? 'U' : '-';
    s[5] = f & 16 ? 'X' : '-';
    s[6] = f & 128 ? 'D' : '-';
    s[7] = 0;
    hash_bytes(s, 7);
    return s;
}
static inline int qc_get(void) { int q = (fpscr_get() >> 27) & 1; hash_u32((uint32_t)q); return q; }

static inline void checksum(const char *what) { printf("checksum %s %08x\n", what, fnv); }
#endif
