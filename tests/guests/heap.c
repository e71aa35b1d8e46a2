/* Heap-heavy: a string-keyed chained hash table that grows (realloc'd bucket
 * array + rehash), inserts/updates/deletes; a singly linked list built,
 * reversed, merged-sorted and freed; a growing dynamic array via realloc;
 * calloc zeroing; mixed small/large (mmap-sized) allocations. Never prints
 * addresses. Exits 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static uint32_t rng = 77;
static uint32_t lcg(void) { rng = rng * 1103515245u + 12345u; return (rng >> 8) & 0xffffff; }

struct entry { char *key; long value; struct entry *next; };
struct table { struct entry **b; size_t nb, count; };

static uint32_t fnv(const char *s) { uint32_t h = 2166136261u; while (*s) h = (h ^ (unsigned char)*s++) * 16777619u; return h; }

static void grow(struct table *t) {
    size_t old = t->nb, nb = old ? old * 2 : 8;
    t->b = realloc(t->b, nb * sizeof *t->b);
    for (size_t i = old; i < nb; i++) t->b[i] = NULL;
    t->nb = nb;
    /* rehash: entries in old buckets may move to bucket i+old */
    for (size_t i = 0; i < old; i++) {
        struct entry **pp = &t->b[i];
        while (*pp) {
            struct entry *e = *pp;
            size_t j = fnv(e->key) & (nb - 1);
            if (j != i) { *pp = e->next; e->next = t->b[j]; t->b[j] = e; }
            else pp = &e->next;
        }
    }
}
static struct entry *find(struct table *t, const char *k) {
    if (!t->nb) return NULL;
    for (struct entry *e = t->b[fnv(k) & (t->nb - 1)]; e; e = e->next)
        if (!strcmp(e->key, k)) return e;
    return NULL;
}
static int put(struct table *t, const char *k, long v) {
    struct entry *e = find(t, k);
    if (e) { e->value += v; return 0; }
    if (t->count + 1 > t->nb * 3 / 4) grow(t);
    e = malloc(sizeof *e);
    e->key = malloc(strlen(k) + 1);
    strcpy(e->key, k);
    e->value = v;
    size_t j = fnv(k) & (t->nb - 1);
    e->next = t->b[j]; t->b[j] = e; t->count++;
    return 1;
}
static int del(struct table *t, const char *k) {
    if (!t->nb) return 0;
    struct entry **pp = &t->b[fnv(k) & (t->nb - 1)];
    for (; *pp; pp = &(*pp)->next)
        if (!strcmp((*pp)->key, k)) {
            struct entry *e = *pp; *pp = e->next;
            free(e->key); free(e); t->count--; return 1;
        }
    return 0;
}

struct node { int v; struct node *next; };
static struct node *push(struct node *h, int v) { struct node *n = malloc(sizeof *n); n->v = v; n->next = h; return n; }
static struct node *reverse(struct node *h) { struct node *p = NULL; while (h) { struct node *n = h->next; h->next = p; p = h; h = n; } return p; }
static struct node *msort(struct node *h) {
    if (!h || !h->next) return h;
    struct node *slow = h, *fast = h->next;
    while (fast && fast->next) { slow = slow->next; fast = fast->next->next; }
    struct node *b = slow->next; slow->next = NULL;
    struct node *a = msort(h); b = msort(b);
    struct node head, *t = &head;
    while (a && b) { if (a->v <= b->v) { t->next = a; a = a->next; } else { t->next = b; b = b->next; } t = t->next; }
    t->next = a ? a : b;
    return head.next;
}

int main(void) {
    struct table t = {0};
    char key[32];
    int inserted = 0;
    for (int i = 0; i < 40000; i++) {
        uint32_t r = lcg() % 25000;
        snprintf(key, sizeof key, "k%u-%x", r, r * 2654435761u >> 20);
        inserted += put(&t, key, (long)(r % 1000));
    }
    printf("table: inserted %d count %zu buckets %zu\n", inserted, t.count, t.nb);
    size_t longest = 0, empty = 0;
    for (size_t i = 0; i < t.nb; i++) {
        size_t len = 0;
        for (struct entry *e = t.b[i]; e; e = e->next) len++;
        if (!len) empty++;
        if (len > longest) longest = len;
    }
    printf("longest chain %zu empty buckets %zu\n", longest, empty);
    int deleted = 0;
    for (uint32_t r = 0; r < 25000; r += 3) {
        snprintf(key, sizeof key, "k%u-%x", r, r * 2654435761u >> 20);
        deleted += del(&t, key);
    }
    long total = 0; int hits = 0;
    for (uint32_t r = 0; r < 25000; r++) {
        snprintf(key, sizeof key, "k%u-%x", r, r * 2654435761u >> 20);
        struct entry *e = find(&t, key);
        if (e) { hits++; total += e->value; }
    }
    printf("deleted %d remaining %zu hits %d total %ld\n", deleted, t.count, hits, total);
    for (size_t i = 0; i < t.nb; i++) {
        struct entry *e = t.b[i];
        while (e) { struct entry *n = e->next; free(e->key); free(e); e = n; }
    }
    free(t.b);

    /* linked list */
    struct node *list = NULL;
    for (int i = 0; i < 30000; i++) list = push(list, (int)(lcg() % 100000));
    list = reverse(list);
    long first5 = 0; int k = 0;
    for (struct node *n = list; n && k < 5; n = n->next, k++) first5 = first5 * 100000 + n->v % 100000 / 1000;
    list = msort(list);
    int prev = -1, ok = 1, cnt = 0; uint32_t lh = 0;
    for (struct node *n = list; n; n = n->next) { if (n->v < prev) ok = 0; prev = n->v; cnt++; lh = lh * 31 + (uint32_t)n->v; }
    printf("list: count %d sorted %d hash %08x first5 %ld\n", cnt, ok, lh, first5);
    while (list) { struct node *n = list->next; free(list); list = n; }

    /* dynamic array via realloc */
    size_t cap = 1, len = 0; uint64_t *arr = malloc(cap * sizeof *arr);
    for (uint64_t i = 0; i < 200000; i++) {
        if (len == cap) { cap = cap * 3 / 2 + 1; arr = realloc(arr, cap * sizeof *arr); }
        arr[len++] = i * i ^ (i << 7);
    }
    uint64_t s = 0; for (size_t i = 0; i < len; i++) s += arr[i] * (i | 1);
    printf("dynarray len %zu sum %llu\n", len, (unsigned long long)s);
    arr = realloc(arr, 10 * sizeof *arr);
    printf("after shrink %llu %llu\n", (unsigned long long)arr[3], (unsigned long long)arr[9]);
    free(arr);

    /* calloc & large blocks */
    int nz = 0;
    for (int round = 0; round < 50; round++) {
        size_t n = 1000 + (size_t)round * 4000;
        unsigned char *p = calloc(n, 1);
        for (size_t i = 0; i < n; i += 97) nz += p[i] != 0;
        memset(p, round, n);
        free(p);
    }
    printf("calloc nonzero %d\n", nz);
    void *bigs[8];
    for (int i = 0; i < 8; i++) { bigs[i] = malloc((size_t)(i + 1) << 18); memset(bigs[i], i, (size_t)(i + 1) << 18); }
    long bs = 0;
    for (int i = 0; i < 8; i++) { bs += ((unsigned char *)bigs[i])[((size_t)(i + 1) << 18) - 1]; free(bigs[i]); }
    printf("big blocks sum %ld\n", bs);

    /* churn: random sizes, random free order */
    enum { SLOTS = 512 };
    void *slot[SLOTS] = {0}; size_t sz[SLOTS] = {0}; uint32_t ch = 0;
    for (int it = 0; it < 60000; it++) {
        int i = (int)(lcg() % SLOTS);
        if (slot[i]) {
            unsigned char *p = slot[i];
            for (size_t j = 0; j < sz[i]; j += 61) { if (p[j] != (unsigned char)(i ^ j)) { printf("corrupt\n"); return 1; } ch += p[j]; }
            if (lcg() & 1) { free(p); slot[i] = NULL; continue; }
            size_t nsz = 1 + lcg() % 3000;
            p = realloc(p, nsz);
            for (size_t j = 0; j < nsz; j++) p[j] = (unsigned char)(i ^ j);
            slot[i] = p; sz[i] = nsz;
        } else {
            sz[i] = 1 + lcg() % (lcg() % 7 == 0 ? 70000 : 500);
            unsigned char *p = malloc(sz[i]);
            for (size_t j = 0; j < sz[i]; j++) p[j] = (unsigned char)(i ^ j);
            slot[i] = p;
        }
    }
    for (int i = 0; i < SLOTS; i++) free(slot[i]);
    printf("churn checksum %u\n", ch);
    return 0;
}
