/* Prints argc and argv. For argv[0] only the basename with a trailing
 * ".thumb"/".arm" removed is printed ("args"), so it does not depend on the
 * directory or variant. Arguments come from tests/guests/args.args. Then parses
 * the arguments with getopt ("+vn:o:", POSIX mode so
 * the environment cannot change argument permutation) and strtol. Exits 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    char stem[256];
    const char *b = strrchr(argv[0], '/');
    snprintf(stem, sizeof stem, "%s", b ? b + 1 : argv[0]);
    size_t L = strlen(stem);
    if (L > 6 && !strcmp(stem + L - 6, ".thumb")) stem[L - 6] = 0;
    else if (L > 4 && !strcmp(stem + L - 4, ".arm")) stem[L - 4] = 0;
    printf("argc=%d\n", argc);
    printf("argv[0] stem=%s\n", stem);
    for (int i = 1; i < argc; i++) printf("argv[%d]=\"%s\" (len %zu)\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);
    int verbose = 0, opt; long n = 0; const char *out = "-";
    while ((opt = getopt(argc, argv, "+vn:o:")) != -1) {
        switch (opt) {
        case 'v': verbose++; break;
        case 'n': n = strtol(optarg, NULL, 0); break;
        case 'o': out = optarg; break;
        default: printf("unknown option\n"); break;
        }
    }
    printf("verbose=%d n=%ld out=%s operands:", verbose, n, out);
    long sum = 0;
    for (int i = optind; i < argc; i++) { printf(" [%s]", argv[i]); sum += strtol(argv[i], NULL, 10); }
    printf(" numeric-sum=%ld\n", sum);
    return 0;
}
