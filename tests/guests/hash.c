/* Checksums over generated data, own implementations: CRC-32 (bitwise and
 * table-driven, must agree), Adler-32, FNV-1a 64, SHA-256 (with the FIPS
 * test vectors "abc", "" and the 448-bit message, then 1 MiB of xorshift
 * data hashed in odd-sized chunks). Exits 0. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include <inttypes.h>

static uint32_t crc_tab[256];
static void crc_init(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_tab[i] = c;
    }
}
static uint32_t crc32_tab(uint32_t crc, const uint8_t *p, size_t n) {
    crc = ~crc;
    while (n--) crc = crc_tab[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}
static uint32_t crc32_bit(uint32_t crc, const uint8_t *p, size_t n) {
    crc = ~crc;
    while (n--) { crc ^= *p++; for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1)); }
    return ~crc;
}
static uint32_t adler32(const uint8_t *p, size_t n) {
    uint32_t a = 1, b = 0;
    while (n--) { a = (a + *p++) % 65521; b = (b + a) % 65521; }
    return b << 16 | a;
}
static uint64_t fnv1a64(const uint8_t *p, size_t n) {
    uint64_t h = 0xcbf29ce484222325ULL;
    while (n--) h = (h ^ *p++) * 0x100000001b3ULL;
    return h;
}

typedef struct { uint32_t h[8]; uint8_t buf[64]; uint64_t len; size_t fill; } sha256_ctx;
static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
static void sha_block(sha256_ctx *c, const uint8_t *p) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++) w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = c->h[0], b = c->h[1], cc = c->h[2], d = c->h[3], e = c->h[4], f = c->h[5], g = c->h[6], h = c->h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & cc) ^ (b & cc));
        h = g; g = f; f = e; e = d + t1; d = cc; cc = b; b = a; a = t1 + t2;
    }
    c->h[0] += a; c->h[1] += b; c->h[2] += cc; c->h[3] += d; c->h[4] += e; c->h[5] += f; c->h[6] += g; c->h[7] += h;
}
static void sha_init(sha256_ctx *c) {
    static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(c->h, iv, sizeof iv); c->len = 0; c->fill = 0;
}
static void sha_update(sha256_ctx *c, const uint8_t *p, size_t n) {
    c->len += n;
    while (n) {
        size_t take = 64 - c->fill; if (take > n) take = n;
        memcpy(c->buf + c->fill, p, take); c->fill += take; p += take; n -= take;
        if (c->fill == 64) { sha_block(c, c->buf); c->fill = 0; }
    }
}
static void sha_final(sha256_ctx *c, char out[65]) {
    uint64_t bits = c->len * 8;
    uint8_t pad = 0x80, z = 0;
    sha_update(c, &pad, 1);
    while (c->fill != 56) sha_update(c, &z, 1);
    uint8_t lb[8];
    for (int i = 0; i < 8; i++) lb[i] = (uint8_t)(bits >> (56 - 8 * i));
    sha_update(c, lb, 8);
    for (int i = 0; i < 8; i++) sprintf(out + 8 * i, "%08x", c->h[i]);
}
static void sha_str(const char *s) {
    sha256_ctx c; char out[65];
    sha_init(&c); sha_update(&c, (const uint8_t *)s, strlen(s)); sha_final(&c, out);
    printf("sha256(\"%s\") = %s\n", s, out);
}

int main(void) {
    crc_init();
    const char *t = "123456789";
    printf("crc32(\"%s\") tab=%08x bit=%08x adler=%08x fnv=%016" PRIx64 "\n", t, crc32_tab(0, (const uint8_t *)t, 9),
           crc32_bit(0, (const uint8_t *)t, 9), adler32((const uint8_t *)t, 9), fnv1a64((const uint8_t *)t, 9));
    sha_str("abc");
    sha_str("");
    sha_str("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");

    size_t n = 1 << 20;
    uint8_t *data = malloc(n);
    uint32_t x = 0x9e3779b9;
    for (size_t i = 0; i < n; i++) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; data[i] = (uint8_t)(x >> 11); }
    uint32_t ct = crc32_tab(0, data, n), cb = crc32_bit(0, data, n);
    printf("1MiB crc32 tab=%08x bit=%08x %s\n", ct, cb, ct == cb ? "agree" : "DISAGREE");
    uint32_t inc = 0;
    for (size_t off = 0, step = 1; off < n; off += step, step = step * 3 % 8191 + 1) {
        size_t len = step; if (off + len > n) len = n - off;
        inc = crc32_tab(inc, data + off, len);
    }
    printf("1MiB crc32 incremental=%08x adler=%08x fnv=%016" PRIx64 "\n", inc, adler32(data, n), fnv1a64(data, n));
    sha256_ctx c; char out[65];
    sha_init(&c);
    for (size_t off = 0, step = 1; off < n; off += step, step = step * 5 % 1000 + 1) {
        size_t len = step; if (off + len > n) len = n - off;
        sha_update(&c, data + off, len);
    }
    sha_final(&c, out);
    printf("1MiB sha256 = %s\n", out);
    for (int k = 0; k < 4; k++) {
        sha_init(&c); sha_update(&c, data, (size_t)(55 + k * 4)); sha_final(&c, out);
        printf("sha256(data[0..%d]) = %s\n", 55 + k * 4, out);
    }
    free(data);
    return 0;
}
