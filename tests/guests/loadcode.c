/* Code the guest writes at run time: an ARM function is generated into an
 * mmap'd RWX page, called, then rewritten in place (a different immediate
 * each round) and called again; a second function is read() from a file
 * into another page. Every tier must run the new code each time (the JIT
 * drops blocks compiled from a page when it is written). */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

typedef int (*fn)(int);

int main(void) {
    uint32_t *p = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return 1;
    long total = 0;
    for (int round = 0; round < 60; round++) {
        p[0] = 0xe2800000u | (uint32_t)(round * 3 & 0xff); /* add r0, r0, #k */
        p[1] = 0xe0000090u;                                 /* mul r0, r0, r0 */
        p[2] = 0xe12fff1eu;                                 /* bx lr */
        __builtin___clear_cache((char *)p, (char *)(p + 3));
        fn f = (fn)(uintptr_t)p;
        for (int i = 0; i < 200; i++) total += f(i) % 1000;
        if (round % 20 == 0) printf("round %d total %ld\n", round, total);
    }
    /* A function loaded from a file: sub r0, r0, #1 ; bx lr. */
    uint32_t code[2] = {0xe2400001u, 0xe12fff1eu};
    int fd = open("loadcode.bin", O_CREAT | O_TRUNC | O_RDWR, 0600);
    if (fd < 0 || write(fd, code, sizeof code) != sizeof code) return 2;
    uint32_t *q = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int round = 0; round < 3; round++) {
        lseek(fd, 0, SEEK_SET);
        if (read(fd, q, sizeof code) != sizeof code) return 3;
        __builtin___clear_cache((char *)q, (char *)(q + 2));
        long s = 0;
        for (int i = 0; i < 1000; i++) s += ((fn)(uintptr_t)q)(i);
        printf("loaded round %d sum %ld\n", round, s);
        code[0] += 1; /* sub r0, r0, #2 next time */
        lseek(fd, 0, SEEK_SET);
        if (write(fd, code, sizeof code) != sizeof code) return 4;
    }
    close(fd);
    unlink("loadcode.bin");
    printf("total %ld\n", total);
    return 0;
}
