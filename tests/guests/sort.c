/* Sorting: glibc qsort (ints, structs with string keys, doubles), bsearch,
 * own top-down merge sort, insertion sort, heap sort; verifies and prints
 * checksums. All comparators are total orders so the result does not depend
 * on whether glibc picks its merge sort or its quicksort. Exits 0. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

static uint32_t rng = 2024;
static uint32_t lcg(void) { rng = rng * 1664525u + 1013904223u; return rng >> 1; }

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_int_desc(const void *a, const void *b) { return cmp_int(b, a); }
static int cmp_dbl(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

struct rec { char name[12]; int score; int id; };
static int cmp_rec(const void *a, const void *b) {
    const struct rec *x = a, *y = b;
    if (x->score != y->score) return y->score - x->score;  /* score desc */
    int c = strcmp(x->name, y->name);
    if (c) return c;
    return (x->id > y->id) - (x->id < y->id);
}

static void merge_sort(int *a, int *tmp, int n) {
    if (n < 2) return;
    int m = n / 2;
    merge_sort(a, tmp, m);
    merge_sort(a + m, tmp, n - m);
    int i = 0, j = m, k = 0;
    while (i < m && j < n) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
    while (i < m) tmp[k++] = a[i++];
    while (j < n) tmp[k++] = a[j++];
    memcpy(a, tmp, (size_t)n * sizeof *a);
}
static void insertion_sort(int *a, int n) {
    for (int i = 1; i < n; i++) {
        int v = a[i], j = i - 1;
        while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
    }
}
static void sift(int *a, int i, int n) {
    for (;;) {
        int l = 2 * i + 1, m = i;
        if (l < n && a[l] > a[m]) m = l;
        if (l + 1 < n && a[l + 1] > a[m]) m = l + 1;
        if (m == i) return;
        int t = a[i]; a[i] = a[m]; a[m] = t; i = m;
    }
}
static void heap_sort(int *a, int n) {
    for (int i = n / 2 - 1; i >= 0; i--) sift(a, i, n);
    for (int e = n - 1; e > 0; e--) { int t = a[0]; a[0] = a[e]; a[e] = t; sift(a, 0, e); }
}
static uint32_t cks(const int *a, int n) { uint32_t h = 0; for (int i = 0; i < n; i++) h = h * 31 + (uint32_t)a[i]; return h; }
static int is_sorted(const int *a, int n) { for (int i = 1; i < n; i++) if (a[i - 1] > a[i]) return 0; return 1; }

int main(void) {
    enum { N = 50000 };
    int *a = malloc(N * sizeof *a), *b = malloc(N * sizeof *b), *c = malloc(N * sizeof *c),
        *d = malloc(N * sizeof *d), *tmp = malloc(N * sizeof *tmp);
    for (int i = 0; i < N; i++) a[i] = (int)(lcg() % 100000) - 50000;
    memcpy(b, a, N * sizeof *a); memcpy(c, a, N * sizeof *a); memcpy(d, a, N * sizeof *a);
    printf("unsorted cks %08x\n", cks(a, N));
    qsort(a, N, sizeof *a, cmp_int);
    merge_sort(b, tmp, N);
    heap_sort(c, N);
    insertion_sort(d, 2000);
    printf("qsort sorted=%d cks %08x min %d max %d median %d\n", is_sorted(a, N), cks(a, N), a[0], a[N - 1], a[N / 2]);
    printf("merge sorted=%d same=%d\n", is_sorted(b, N), memcmp(a, b, N * sizeof *a) == 0);
    printf("heap  sorted=%d same=%d\n", is_sorted(c, N), memcmp(a, c, N * sizeof *a) == 0);
    printf("insertion(2000) sorted=%d cks %08x\n", is_sorted(d, 2000), cks(d, 2000));

    int found = 0, missing = 0;
    for (int k = -50000; k < 50000; k += 37) {
        int *p = bsearch(&k, a, N, sizeof *a, cmp_int);
        if (p) { found++; if (*p != k) return 1; } else missing++;
    }
    printf("bsearch found %d missing %d\n", found, missing);

    qsort(a, N, sizeof *a, cmp_int_desc);
    printf("desc first %d last %d cks %08x\n", a[0], a[N - 1], cks(a, N));

    /* small arrays and edge sizes */
    for (int n = 0; n <= 9; n++) {
        int e[9];
        for (int i = 0; i < n; i++) e[i] = (int)(lcg() % 10);
        qsort(e, (size_t)n, sizeof e[0], cmp_int);
        printf("n=%d:", n);
        for (int i = 0; i < n; i++) printf(" %d", e[i]);
        printf("\n");
    }

    /* structs */
    enum { R = 3000 };
    struct rec *r = malloc(R * sizeof *r);
    static const char *syl[] = {"ka", "lo", "mi", "ne", "zu", "ra", "te", "po"};
    for (int i = 0; i < R; i++) {
        snprintf(r[i].name, sizeof r[i].name, "%s%s%s", syl[lcg() % 8], syl[lcg() % 8], syl[lcg() % 8]);
        r[i].score = (int)(lcg() % 50);
        r[i].id = i;
    }
    qsort(r, R, sizeof *r, cmp_rec);
    for (int i = 0; i < 8; i++) printf("rec %d: %s %d #%d\n", i, r[i].name, r[i].score, r[i].id);
    uint32_t rh = 0;
    for (int i = 0; i < R; i++) rh = rh * 131 + (uint32_t)r[i].id;
    printf("rec order hash %08x last %s %d\n", rh, r[R - 1].name, r[R - 1].score);

    /* doubles */
    enum { D = 10000 };
    double *dv = malloc(D * sizeof *dv);
    for (int i = 0; i < D; i++) dv[i] = ((double)lcg() - 1073741824.0) / 3.0e5;
    qsort(dv, D, sizeof *dv, cmp_dbl);
    double s = 0;
    for (int i = 0; i < D; i++) s += dv[i] * (i % 7);
    printf("doubles min %.6f max %.6f weighted %.6f\n", dv[0], dv[D - 1], s);

    free(a); free(b); free(c); free(d); free(tmp); free(r); free(dv);
    return 0;
}
