/* String functions: memcpy/memmove (overlapping)/memset/memcmp/memchr,
 * strlen/strcmp/strncmp/strchr/strrchr/strstr/strcpy/strncpy/strcat/strtok/
 * strspn/strcspn/strdup, sprintf/snprintf (many formats, truncation),
 * strtol/strtoul/strtoll (bases, errors, endptr), sscanf, atoi, ctype.
 * Exits 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <inttypes.h>
#include <stddef.h>

static int sgn(int x) { return (x > 0) - (x < 0); }

int main(void) {
    char buf[256], big[4096];

    /* mem* at many alignments and lengths */
    uint32_t h = 0;
    for (int i = 0; i < (int)sizeof big; i++) big[i] = (char)(i * 7 + (i >> 5));
    for (int src = 0; src < 8; src++)
        for (int dst = 0; dst < 8; dst++)
            for (int len = 0; len < 300; len += 13) {
                char tmp[400];
                memset(tmp, 0x55, sizeof tmp);
                memcpy(tmp + dst, big + src, (size_t)len);
                for (int k = 0; k < 400; k += 3) h = h * 33 + (unsigned char)tmp[k];
                if (memcmp(tmp + dst, big + src, (size_t)len) != 0) { printf("memcpy fail\n"); return 1; }
            }
    printf("memcpy hash %08x\n", h);

    char mv[64];
    strcpy(mv, "0123456789abcdefghijklmnopqrstuvwxyz");
    memmove(mv + 5, mv, 20);
    printf("memmove fwd: %s\n", mv);
    strcpy(mv, "0123456789abcdefghijklmnopqrstuvwxyz");
    memmove(mv, mv + 7, 20);
    printf("memmove back: %s\n", mv);
    memmove(big + 1, big, 3000);
    memmove(big + 100, big + 103, 2000);
    h = 0; for (int i = 0; i < (int)sizeof big; i++) h = h * 31 + (unsigned char)big[i];
    printf("memmove big hash %08x\n", h);
    memset(buf, 'x', 100); buf[100] = 0;
    printf("memset len %zu memchr %d\n", strlen(buf), (int)((char *)memchr(big, big[777], sizeof big) - big));

    const char *words[] = {"", "a", "ab", "abc", "abd", "abcd", "b", "B", "zeta", "Zeta", "alpha\xff", "alpha"};
    int nw = (int)(sizeof words / sizeof words[0]);
    for (int i = 0; i < nw; i++) {
        printf("%-8s len=%zu:", strlen(words[i]) == 6 ? "alpha^" : words[i], strlen(words[i]));
        for (int j = 0; j < nw; j++) printf(" %2d", sgn(strcmp(words[i], words[j])));
        printf(" | n3:%d\n", sgn(strncmp(words[i], "abx", 3)));
    }
    const char *s = "the quick brown fox jumps over the lazy dog";
    printf("strchr o -> %s\n", strchr(s, 'o'));
    printf("strrchr o -> %s\n", strrchr(s, 'o'));
    printf("strchr nul at %d\n", (int)(strchr(s, 0) - s));
    printf("strstr the -> %s | lazy -> %s | cat -> %p\n", strstr(s + 1, "the"), strstr(s, "lazy"), (void *)strstr(s, "cat"));
    printf("strspn %zu strcspn %zu\n", strspn(s, "the "), strcspn(s, "xyz"));

    strcpy(buf, "hello");
    strcat(buf, ", ");
    strcat(buf, "world");
    strncat(buf, "!!!!!", 2);
    printf("%s (%zu)\n", buf, strlen(buf));
    char nb[8];
    memset(nb, '#', sizeof nb);
    strncpy(nb, "abc", sizeof nb);
    printf("strncpy pad: %d %d %d\n", nb[3], nb[7], (int)strlen(nb));
    char *dup = strdup(s);
    int ntok = 0;
    for (char *t = strtok(dup, " "); t; t = strtok(NULL, " ")) {
        ntok++;
        for (char *c = t; *c; c++) *c = (char)toupper((unsigned char)*c);
        printf("[%s]", t);
    }
    printf(" %d tokens\n", ntok);
    free(dup);

    /* sprintf / snprintf formats */
    printf("[%d] [%5d] [%-5d] [%05d] [%+d] [% d] [%x] [%X] [%#x] [%#o] [%o]\n", 42, 42, 42, 42, 42, 42, 255, 255, 255, 8, 8);
    printf("[%ld] [%lu] [%lld] [%llu] [%llx]\n", -123456789L, 4000000000UL, -9000000000000000000LL, 18000000000000000000ULL, 0xdeadbeefcafeULL);
    printf("[%hhd] [%hd] [%hhu] [%hu]\n", (signed char)-3, (short)-30000, (unsigned char)250, (unsigned short)65000);
    printf("[%c%c%c] [%s] [%.3s] [%10s] [%-10s] [%*d] [%-*d] [%.*s]\n", 'a', 'b', 'c', "str", "truncate", "right", "left", 6, 7, 6, 7, 2, "xyz");
    printf("[%zu] [%td] [%jd] [%" PRIu64 "] [%" PRIx32 "] [%%]\n", sizeof(long long), (ptrdiff_t)-5, (intmax_t)INT64_MIN, UINT64_MAX, UINT32_MAX);
    printf("[%d] [%u] [%x] [%d]\n", INT_MIN, UINT_MAX, INT_MIN, INT_MAX);
    int n = snprintf(buf, 10, "%s-%d-%s", "abcdef", 12345, "tail");
    printf("snprintf ret %d buf '%s'\n", n, buf);
    n = snprintf(NULL, 0, "%08.3f|%lld", 3.14159, 1LL << 40);
    printf("snprintf size-only %d\n", n);
    n = sprintf(buf, "%s=%d;%s=%x", "k", -1, "v", 0xabcu);
    printf("sprintf ret %d '%s'\n", n, buf);

    /* strtol & friends */
    const char *nums[] = {"0", "123", "-123", "  +77xyz", "0x1F", "0X1f", "017", "08", "2147483647", "2147483648",
                          "-2147483649", "zz", "", "-", "0x", "99999999999999999999", "-0", "1e5", "\t\n42"};
    for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        char *end;
        errno = 0;
        long v0 = strtol(nums[i], &end, 0);
        int e0 = errno; int c0 = (int)(end - nums[i]);
        errno = 0;
        long v10 = strtol(nums[i], &end, 10);
        int e10 = errno; int c10 = (int)(end - nums[i]);
        errno = 0;
        unsigned long u16 = strtoul(nums[i], &end, 16);
        int e16 = errno; int c16 = (int)(end - nums[i]);
        errno = 0;
        long long ll = strtoll(nums[i], &end, 36);
        int e36 = errno;
        printf("strtol #%u: b0=%ld(%d,%s) b10=%ld(%d,%s) b16u=%lu(%d,%s) b36=%lld(%s) atoi=%d\n", i, v0, c0,
               e0 == ERANGE ? "ERANGE" : e0 ? "err" : "ok", v10, c10, e10 == ERANGE ? "ERANGE" : e10 ? "err" : "ok", u16,
               c16, e16 == ERANGE ? "ERANGE" : e16 ? "err" : "ok", ll, e36 == ERANGE ? "ERANGE" : e36 ? "err" : "ok",
               atoi(nums[i]));
    }
    printf("strtoul -1 = %lu, strtoull base2 = %llu\n", strtoul("-1", NULL, 10), strtoull("1011011101111", NULL, 2));

    /* sscanf */
    int a, b, cnt; unsigned x; char w[32], w2[32]; long long L; double dd; float ff; char ch;
    cnt = sscanf("  12 -34 ff hello 1234567890123 2.5e3 -0.125 Q", "%d %d %x %31s %lld %lf %f %c", &a, &b, &x, w, &L, &dd, &ff, &ch);
    printf("sscanf cnt=%d a=%d b=%d x=%u w=%s L=%lld d=%g f=%g c=%c\n", cnt, a, b, x, w, L, dd, (double)ff, ch);
    cnt = sscanf("key=value;rest", "%31[^=]=%31[^;];", w, w2);
    printf("sscanf scanset cnt=%d '%s' '%s'\n", cnt, w, w2);
    cnt = sscanf("10:20:x", "%d:%d:%d", &a, &b, &n);
    printf("sscanf partial cnt=%d a=%d b=%d\n", cnt, a, b);
    cnt = sscanf("", "%d", &a);
    printf("sscanf empty cnt=%d\n", cnt);
    int pos = 0;
    cnt = sscanf("abc   def", "%*s %n", &pos);
    printf("sscanf %%n pos=%d cnt=%d\n", pos, cnt);

    /* ctype over ASCII */
    uint32_t ct = 0;
    for (int c = 0; c < 128; c++)
        ct = ct * 3 + (uint32_t)(!!isalpha(c) + 2 * !!isdigit(c) + 4 * !!isspace(c) + 8 * !!ispunct(c) + 16 * !!isupper(c) +
                                 32 * !!isxdigit(c) + 64 * !!iscntrl(c)) + (uint32_t)tolower(c);
    printf("ctype hash %08x\n", ct);
    return 0;
}
