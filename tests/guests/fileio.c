/* File I/O in the current directory. The file is named after basename(argv[0])
 * + ".tmp" (the name itself is never printed, so .thumb/.arm variants print
 * the same). stdio: fopen/fwrite/fprintf/fclose, fopen "rb"/fread/fseek/ftell/
 * rewind/fgets/ungetc, append mode; POSIX: open/write/lseek/read/pread/
 * ftruncate/fstat/stat/chmod/rename/unlink, mkdir/rmdir, dup, errno after
 * failed calls. Exits 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <stdint.h>

static uint32_t crc(const unsigned char *p, size_t n) {
    uint32_t c = 0xffffffffu;
    while (n--) { c ^= *p++; for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & -(c & 1)); }
    return ~c;
}

int main(int argc, char **argv) {
    (void)argc;
    const char *base = strrchr(argv[0], '/');
    base = base ? base + 1 : argv[0];
    char name[256], name2[300], dname[300];
    snprintf(name, sizeof name, "%s.tmp", base);
    snprintf(name2, sizeof name2, "%s.renamed", name);
    snprintf(dname, sizeof dname, "%s.dir", name);
    umask(022);

    FILE *f = fopen(name, "wb");
    if (!f) { printf("fopen for write failed: %s\n", strerror(errno)); return 1; }
    for (int i = 0; i < 100; i++) fprintf(f, "line %03d: %s\n", i, i % 2 ? "odd" : "even");
    unsigned char blob[5000];
    for (int i = 0; i < 5000; i++) blob[i] = (unsigned char)(i * 31 + (i >> 8));
    size_t w = fwrite(blob, 1, sizeof blob, f);
    long pos = ftell(f);
    printf("fwrite %zu, ftell after write %ld\n", w, pos);
    if (fclose(f) != 0) return 1;

    struct stat st;
    if (stat(name, &st) != 0) return 1;
    printf("stat: size %lld regular %d mode %o nlink %lu\n", (long long)st.st_size, S_ISREG(st.st_mode),
           (unsigned)(st.st_mode & 0777), (unsigned long)st.st_nlink);

    f = fopen(name, "rb");
    char line[128];
    fgets(line, sizeof line, f);
    printf("first line: %s", line);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, -5000, SEEK_END);
    unsigned char back[5000];
    size_t r = fread(back, 1, sizeof back, f);
    printf("size via fseek/ftell %ld, fread %zu, equal %d, crc %08x, feof %d\n", size, r, memcmp(back, blob, sizeof blob) == 0,
           crc(back, r), feof(f));
    r = fread(back, 1, 10, f);
    printf("fread at EOF -> %zu feof %d\n", r, feof(f) != 0);
    fseek(f, 15 * 18, SEEK_SET);
    fgets(line, sizeof line, f);
    printf("line at 270: %s", line);
    fseek(f, -10, SEEK_CUR);
    int c = fgetc(f);
    ungetc('#', f);
    fgets(line, sizeof line, f);
    printf("fgetc '%c' then ungetc -> %s", c, line);
    rewind(f);
    int lines = 0, ch;
    while ((ch = fgetc(f)) != EOF && lines < 100) lines += ch == '\n';
    printf("counted %d lines after rewind, ftell %ld\n", lines, ftell(f));
    fclose(f);

    f = fopen(name, "a");
    fputs("appended\n", f);
    fclose(f);
    stat(name, &st);
    printf("after append size %lld\n", (long long)st.st_size);

    int fd = open(name, O_RDWR);
    off_t end = lseek(fd, 0, SEEK_END);
    char tail[16] = {0};
    ssize_t pr = pread(fd, tail, 9, end - 9);
    printf("lseek end %lld pread %zd '%.8s'\n", (long long)end, pr, tail);
    lseek(fd, 5, SEEK_SET);
    write(fd, "XYZ", 3);
    lseek(fd, 0, SEEK_SET);
    char head[12] = {0};
    read(fd, head, 11);
    printf("after overwrite: %s\n", head);
    ftruncate(fd, 1000);
    struct stat fst;
    fstat(fd, &fst);
    printf("ftruncate -> fstat size %lld\n", (long long)fst.st_size);
    int fd2 = dup(fd);
    lseek(fd2, 0, SEEK_SET);
    printf("dup shares offset: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    close(fd2);
    lseek(fd, 2000, SEEK_SET);
    write(fd, "hole", 4);
    fstat(fd, &fst);
    unsigned char hole[8];
    pread(fd, hole, 8, 1500);
    printf("sparse write -> size %lld, hole bytes %d%d%d\n", (long long)fst.st_size, hole[0], hole[3], hole[7]);
    close(fd);

    chmod(name, 0600);
    stat(name, &st);
    printf("chmod -> mode %o\n", (unsigned)(st.st_mode & 0777));
    printf("rename %d\n", rename(name, name2));
    errno = 0;
    printf("stat old name %d errno %s\n", stat(name, &st), errno == ENOENT ? "ENOENT" : "other");
    printf("unlink %d\n", unlink(name2));
    errno = 0;
    printf("stat after unlink %d errno %s (%s)\n", stat(name2, &st), errno == ENOENT ? "ENOENT" : "other", strerror(errno));
    errno = 0;
    printf("fopen missing %s errno %s\n", fopen(name2, "r") ? "opened?!" : "NULL", errno == ENOENT ? "ENOENT" : "other");
    printf("mkdir %d isdir ", mkdir(dname, 0755));
    stat(dname, &st);
    printf("%d, mkdir again errno %s", S_ISDIR(st.st_mode), mkdir(dname, 0755) == -1 && errno == EEXIST ? "EEXIST" : "other");
    printf(", rmdir %d\n", rmdir(dname));
    errno = 0;
    printf("close(-1) %d errno EBADF %d\n", close(-1), errno == EBADF);
    return 0;
}
