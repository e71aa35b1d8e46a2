/* Lockstep default demo guest: freestanding, no libc, Thumb-2.
 * Build: arm-linux-gnueabihf-gcc -nostdlib -static -O2 -mthumb ... demo.c -lgcc
 * Computes primes below 2000 (sieve), a Fibonacci table, Collatz records and a
 * CRC-32 of the prime list; prints with raw write(2) (svc #0, r7 = 4) and
 * exits via exit_group (r7 = 248) with status 0. */

typedef unsigned int u32;
typedef unsigned long long u64;

__asm__(".text\n"
        ".global _start\n"
        ".type _start, %function\n"
        ".thumb_func\n"
        "_start:\n"
        "\tmov r0, sp\n"          /* r0 -> argc, argv... (unused) */
        "\tbl demo_main\n"
        "\tmov r7, #248\n"        /* exit_group(status in r0) */
        "\tsvc #0\n"
        "\tb .\n");

static long sys_write(int fd, const void *buf, u32 len) {
    register long r0 __asm__("r0") = fd;
    register const void *r1 __asm__("r1") = buf;
    register u32 r2 __asm__("r2") = len;
    register long r7 __asm__("r7") = 4;
    __asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
    return r0;
}

static char out[4096];
static u32 outlen;

static void flush(void) {
    u32 off = 0;
    while (off < outlen) {
        long n = sys_write(1, out + off, outlen - off);
        if (n <= 0) break;
        off += (u32)n;
    }
    outlen = 0;
}
static void puts_(const char *s) {
    while (*s) {
        if (outlen == sizeof out) flush();
        out[outlen++] = *s++;
    }
}
static void putu(u64 v) {
    char tmp[24];
    int i = 0;
    do { tmp[i++] = (char)('0' + (u32)(v % 10)); v /= 10; } while (v);
    char s[2] = {0, 0};
    while (i) { s[0] = tmp[--i]; puts_(s); }
}
static void puthex(u32 v) {
    static const char hx[] = "0123456789abcdef";
    char s[9];
    for (int i = 0; i < 8; i++) s[i] = hx[(v >> (28 - 4 * i)) & 15];
    s[8] = 0;
    puts_(s);
}

static unsigned char composite[2000];
static u32 primes[400];

int demo_main(void) {
    puts_("Lockstep demo guest (Thumb-2, no libc)\n");

    u32 np = 0;
    for (u32 i = 2; i < 2000; i++) {
        if (composite[i]) continue;
        primes[np++] = i;
        for (u32 j = i * i; j < 2000; j += i) composite[j] = 1;
    }
    puts_("primes below 2000: ");
    putu(np);
    puts_("\nfirst 20:");
    for (u32 i = 0; i < 20; i++) { puts_(" "); putu(primes[i]); }
    puts_("\nlast 5:");
    for (u32 i = np - 5; i < np; i++) { puts_(" "); putu(primes[i]); }
    u32 sum = 0;
    for (u32 i = 0; i < np; i++) sum += primes[i];
    puts_("\nsum: ");
    putu(sum);

    u32 crc = 0xffffffffu;
    for (u32 i = 0; i < np; i++)
        for (int b = 0; b < 4; b++) {
            crc ^= (primes[i] >> (8 * b)) & 0xff;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
        }
    puts_("\ncrc32 of prime table: ");
    puthex(~crc);

    puts_("\nfibonacci:");
    u64 a = 0, b = 1;
    for (int i = 0; i <= 90; i++) {
        if (i % 10 == 0) { puts_("\n  F("); putu((u32)i); puts_(") = "); putu(a); }
        u64 t = a + b; a = b; b = t;
    }

    puts_("\ncollatz records below 10000:");
    u32 best = 0;
    for (u32 n = 1; n < 10000; n++) {
        u64 x = n; u32 steps = 0;
        while (x != 1) { x = (x & 1) ? 3 * x + 1 : x >> 1; steps++; }
        if (steps > best) { best = steps; if (n > 100) { puts_(" "); putu(n); puts_("("); putu(steps); puts_(")"); } }
    }
    puts_("\ndone.\n");
    flush();
    return 0;
}
