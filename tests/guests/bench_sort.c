/* Benchmark: sort 600k 32-bit keys with own quicksort (median of 3 +
 * insertion sort), own LSD radix sort and glibc qsort; all must agree.
 * Optional argv[1] = count (default 600000). Exits 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static int cmp(const void *a, const void *b) { uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b; return (x > y) - (x < y); }
static void isort(uint32_t *a, int n) { for (int i = 1; i < n; i++) { uint32_t v = a[i]; int j = i - 1; while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; } a[j + 1] = v; } }
static void qs(uint32_t *a, int n) {
    while (n > 16) {
        uint32_t x = a[0], y = a[n / 2], z = a[n - 1];
        uint32_t p = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
        int i = 0, j = n - 1;
        for (;;) {
            while (a[i] < p) i++;
            while (a[j] > p) j--;
            if (i >= j) break;
            uint32_t t = a[i]; a[i] = a[j]; a[j] = t; i++; j--;
        }
        if (j + 1 < n - j - 1) { qs(a, j + 1); a += j + 1; n -= j + 1; }
        else { qs(a + j + 1, n - j - 1); n = j + 1; }
    }
    isort(a, n);
}
static void radix(uint32_t *a, uint32_t *tmp, int n) {
    for (int sh = 0; sh < 32; sh += 8) {
        int cnt[257] = {0};
        for (int i = 0; i < n; i++) cnt[(a[i] >> sh & 0xff) + 1]++;
        for (int i = 0; i < 256; i++) cnt[i + 1] += cnt[i];
        for (int i = 0; i < n; i++) tmp[cnt[a[i] >> sh & 0xff]++] = a[i];
        memcpy(a, tmp, sizeof *a * (size_t)n);
    }
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 600000;
    uint32_t *a = malloc(4u * n), *b = malloc(4u * n), *c = malloc(4u * n), *t = malloc(4u * n);
    uint32_t s = 42;
    for (int i = 0; i < n; i++) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; a[i] = i % 10 == 0 ? s % 1000 : s; }
    memcpy(b, a, 4u * n); memcpy(c, a, 4u * n);
    qs(a, n);
    radix(b, t, n);
    qsort(c, (size_t)n, 4, cmp);
    uint64_t h = 0;
    for (int i = 0; i < n; i++) h = h * 1000003 + a[i];
    int ok = 1;
    for (int i = 1; i < n; i++) if (a[i - 1] > a[i]) ok = 0;
    printf("n=%d sorted=%d radix-agree=%d qsort-agree=%d min=%u median=%u max=%u hash=%016llx\n", n, ok, !memcmp(a, b, 4u * n),
           !memcmp(a, c, 4u * n), a[0], a[n / 2], a[n - 1], (unsigned long long)h);
    return 0;
}
