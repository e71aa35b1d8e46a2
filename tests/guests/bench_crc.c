/* Benchmark: CRC-32 (slice-by-1 table and bitwise), CRC-32C (Castagnoli) and
 * Adler-32 over a generated 2 MiB buffer, several passes. Optional argv[1] =
 * passes (default 12). Exits 0. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

static uint32_t t32[256], t32c[256];
static void mk(uint32_t *t, uint32_t poly) {
    for (uint32_t i = 0; i < 256; i++) { uint32_t c = i; for (int k = 0; k < 8; k++) c = c & 1 ? poly ^ (c >> 1) : c >> 1; t[i] = c; }
}
static uint32_t crc_tab(const uint32_t *t, uint32_t crc, const uint8_t *p, size_t n) {
    crc = ~crc; while (n--) crc = t[(crc ^ *p++) & 0xff] ^ (crc >> 8); return ~crc;
}
static uint32_t crc_bit(uint32_t crc, const uint8_t *p, size_t n) {
    crc = ~crc; while (n--) { crc ^= *p++; for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1)); } return ~crc;
}

int main(int argc, char **argv) {
    int passes = argc > 1 ? atoi(argv[1]) : 12;
    size_t n = 2u << 20;
    uint8_t *buf = malloc(n);
    uint64_t x = 0x0123456789abcdefULL;
    for (size_t i = 0; i < n; i++) { x = x * 6364136223846793005ULL + 1442695040888963407ULL; buf[i] = (uint8_t)(x >> 56); }
    mk(t32, 0xedb88320u); mk(t32c, 0x82f63b78u);
    uint32_t c = 0, cc = 0, a = 1, b = 0;
    for (int p = 0; p < passes; p++) {
        c = crc_tab(t32, c, buf, n);
        cc = crc_tab(t32c, cc, buf, n);
        for (size_t i = 0; i < n; i++) { a += buf[i]; b += a; if ((i & 4095) == 4095) { a %= 65521; b %= 65521; } }
        a %= 65521; b %= 65521;
        buf[p * 977 % n] ^= (uint8_t)c;
    }
    uint32_t cb = crc_bit(0, buf, n / 4), ct = crc_tab(t32, 0, buf, n / 4);
    printf("passes=%d crc32=%08x crc32c=%08x adler=%08x bitwise(512K)=%08x table(512K)=%08x %s\n", passes, c, cc, b << 16 | a, cb, ct,
           cb == ct ? "agree" : "DISAGREE");
    free(buf);
    return 0;
}
