/* Benchmark: sieve of Eratosthenes (byte array and odd-only bitset, must agree),
 * twin-prime count and prime-gap histogram. Optional argv[1] = limit (default 16000000);
 * expected output is for the default. Exits 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

int main(int argc, char **argv) {
    uint32_t n = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 0) : 16000000u;
    uint8_t *comp = calloc(n + 1, 1);
    for (uint32_t i = 2; (uint64_t)i * i <= n; i++)
        if (!comp[i]) for (uint32_t j = i * i; j <= n; j += i) comp[j] = 1;
    uint32_t count = 0, last = 0; uint64_t sum = 0; uint32_t twins = 0;
    for (uint32_t i = 2; i <= n; i++)
        if (!comp[i]) { count++; sum += i; if (last && i - last == 2) twins++; last = i; }
    printf("byte sieve: pi(%u)=%u sum=%llu largest=%u twins=%u\n", n, count, (unsigned long long)sum, last, twins);

    uint32_t words = n / 64 + 1;
    uint32_t *bits = calloc(words, 4);  /* bit k <=> 2k+1 composite */
    for (uint32_t i = 3; (uint64_t)i * i <= n; i += 2)
        if (!(bits[i / 64] >> (i / 2 % 32) & 1))
            for (uint32_t j = i * i; j <= n; j += 2 * i) bits[j / 64] |= 1u << (j / 2 % 32);
    uint32_t c2 = n >= 2;
    for (uint32_t i = 3; i <= n; i += 2) c2 += !(bits[i / 64] >> (i / 2 % 32) & 1);
    printf("bit sieve: pi(%u)=%u agree=%d\n", n, c2, c2 == count);

    uint32_t gaps[64] = {0}; last = 2;
    for (uint32_t i = 3; i <= n; i++)
        if (!comp[i]) { uint32_t g = i - last; if (g / 2 < 64) gaps[g / 2]++; last = i; }
    printf("gap histogram:");
    for (int g = 0; g < 20; g++) printf(" %d:%u", 2 * g, gaps[g]);
    printf("\n");
    free(comp); free(bits);
    return 0;
}
