/* Benchmark in the spirit of Dhrystone: records with strings and enums,
 * struct copies, string copy/compare, small integer arithmetic, array
 * updates, calls through pointers, char classification. Optional argv[1] =
 * iterations (default 500000). Exits 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

typedef enum { Ident1, Ident2, Ident3, Ident4, Ident5 } Enum;
typedef struct Rec { struct Rec *next; Enum discr, enum_comp; int int_comp; char str_comp[31]; } Rec;

static int int_glob; static char ch1_glob, ch2_glob; static int arr1[50], arr2[50][50];
static Rec *glob_ptr, *next_glob_ptr;

static Enum func1(char a, char b) { return a != b ? Ident1 : Ident2; }
static int func2(const char *s1, const char *s2) {
    int i = 2; char ch = 0;
    while (i <= 2) if (func1(s1[i], s2[i + 1]) == Ident1) { ch = 'A'; i++; }
    if (ch >= 'W' && ch < 'Z') i = 7;
    if (ch == 'R') return 1;
    if (strcmp(s1, s2) > 0) { int_glob = i + 7; return 1; }
    return 0;
}
static int func3(Enum e) { return e == Ident3; }
static void proc7(int a, int b, int *out) { *out = b + a + 2; }
static void proc8(int *a1, int (*a2)[50], int i1, int i2) {
    int loc = i1 + 5;
    a1[loc] = i2; a1[loc + 1] = a1[loc]; a1[loc + 30] = loc;
    for (int i = loc; i <= loc + 1; i++) a2[loc][i] = loc;
    a2[loc][loc - 1] += 1;
    a2[loc + 20][loc] = a1[loc];
    int_glob = 5;
}
static void proc6(Enum in, Enum *out) {
    *out = in;
    if (!func3(in)) *out = Ident4;
    switch (in) {
    case Ident1: *out = Ident1; break;
    case Ident2: *out = int_glob > 100 ? Ident1 : Ident4; break;
    case Ident3: *out = Ident2; break;
    case Ident4: break;
    case Ident5: *out = Ident3; break;
    }
}
static void proc3(Rec **p) { if (glob_ptr) *p = glob_ptr->next; proc7(10, int_glob, &glob_ptr->int_comp); }
static void proc1(Rec *p) {
    Rec *n = p->next;
    *p->next = *glob_ptr;
    p->int_comp = 5; n->int_comp = p->int_comp; n->next = p->next;
    proc3(&n->next);
    if (n->discr == Ident1) { n->int_comp = 6; proc6(p->enum_comp, &n->enum_comp); n->next = glob_ptr->next; proc7(n->int_comp, 10, &n->int_comp); }
    else *p = *p->next;
}

int main(int argc, char **argv) {
    int iters = argc > 1 ? atoi(argv[1]) : 500000;
    next_glob_ptr = calloc(1, sizeof(Rec));
    glob_ptr = calloc(1, sizeof(Rec));
    glob_ptr->next = next_glob_ptr; glob_ptr->discr = Ident1; glob_ptr->enum_comp = Ident3; glob_ptr->int_comp = 40;
    strcpy(glob_ptr->str_comp, "DHRYSTONE PROGRAM, SOME STRING");
    char s1[31], s2[31];
    strcpy(s1, "DHRYSTONE PROGRAM, 1'ST STRING");
    arr2[8][7] = 10;
    int i1 = 0, i2 = 0, i3 = 0; Enum e = Ident1; uint32_t mix = 0;
    int (*fp[2])(const char *, const char *) = {func2, strcmp};
    for (int run = 1; run <= iters; run++) {
        ch1_glob = 'A'; ch2_glob = 'B';
        i1 = 2; i2 = 3;
        snprintf(s2, sizeof s2, "DHRYSTONE PROGRAM, %d'ND STRING", run % 10);
        e = Ident2;
        int b = !func2(s1, s2);
        while (i1 < i2) { i3 = 5 * i1 - i2; proc7(i1, i2, &i3); i1++; }
        proc8(arr1, arr2, i1, i3);
        proc1(glob_ptr);
        for (char c = 'A'; c <= ch2_glob; c++) if (e == func1(c, 'C')) { proc6(Ident1, &e); strcpy(s2, "DHRYSTONE PROGRAM, 3'RD STRING"); i2 = run; int_glob = run; }
        i2 = i2 * i1; i1 = i2 / i3; i2 = 7 * (i2 - i3) - i1;
        mix = mix * 31 + (uint32_t)(i1 + i2 + i3 + (int)e + b + glob_ptr->int_comp + (int)strlen(s2) + (fp[run & 1](s1, s2) > 0));
        if ((run & 1023) == 0) { Rec tmp = *glob_ptr; tmp.str_comp[run % 30] = (char)('a' + run % 26); mix += (uint32_t)tmp.str_comp[run % 30]; }
    }
    printf("iters=%d int_glob=%d i1=%d i2=%d i3=%d e=%d arr1[8]=%d arr2[8][7]=%d next.int=%d mix=%08x\n", iters, int_glob, i1, i2,
           i3, (int)e, arr1[8], arr2[8][7], next_glob_ptr->int_comp, mix);
    printf("s1=%s s2=%s glob=%s\n", s1, s2, glob_ptr->str_comp);
    return 0;
}
