/* Reads stdin to EOF (mixed getchar and fread) and prints byte count, line
 * count, word count, longest line, a CRC-32 and per-letter histogram top 5.
 * The test feeds tests/guests/stdin_sum.stdin. Exits 0. */
#include <stdio.h>
#include <stdint.h>
#include <ctype.h>

int main(void) {
    uint32_t tab[256];
    for (uint32_t i = 0; i < 256; i++) { uint32_t c = i; for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1; tab[i] = c; }
    unsigned long bytes = 0, lines = 0, words = 0, longest = 0, cur = 0, hist[26] = {0};
    uint32_t crc = 0xffffffffu;
    int inword = 0;
    unsigned char buf[1000];
    for (;;) {
        size_t n;
        if ((bytes / 1000) % 2 == 0) { int c = getchar(); if (c == EOF) break; buf[0] = (unsigned char)c; n = 1; }
        else { n = fread(buf, 1, sizeof buf - (bytes % 7), stdin); if (n == 0) break; }
        for (size_t i = 0; i < n; i++) {
            unsigned char c = buf[i];
            bytes++;
            crc = tab[(crc ^ c) & 0xff] ^ (crc >> 8);
            if (c == '\n') { lines++; if (cur > longest) longest = cur; cur = 0; } else cur++;
            if (isspace(c)) inword = 0; else if (!inword) { inword = 1; words++; }
            if (isalpha(c)) hist[tolower(c) - 'a']++;
        }
    }
    if (cur > longest) longest = cur;
    printf("bytes %lu lines %lu words %lu longest %lu crc32 %08x\n", bytes, lines, words, longest, ~crc);
    for (int k = 0; k < 5; k++) {
        int best = 0;
        for (int i = 1; i < 26; i++) if (hist[i] > hist[best]) best = i;
        printf("top%d %c %lu\n", k + 1, 'a' + best, hist[best]);
        hist[best] = 0;
    }
    return 0;
}
