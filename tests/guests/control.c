/* Control flow: setjmp/longjmp (nested, across frames, with preserved
 * volatile locals and FP values), dense switch (bytecode VM -> TBB/TBH jump
 * tables in Thumb, ldr pc tables in ARM), sparse switch, function pointer
 * tables and callbacks, recursion (ackermann, mutual recursion, hanoi),
 * atexit handlers. Exits with status 3 via exit(). */
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <stdint.h>

static jmp_buf env;
static int depth_reached;

static void dive(int d, int limit) {
    volatile char pad[64];
    pad[d % 64] = (char)d;
    depth_reached = d + pad[d % 64] - d;
    if (d == limit) longjmp(env, d * 10 + 1);
    if (d > 1000) return;
    dive(d + 1, limit);
    pad[0] = 0;
}

static int ack(int m, int n) {
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}
static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }
static long hanoi(int n, int from, int to, int via, long *moves_sum) {
    if (n == 0) return 0;
    long c = hanoi(n - 1, from, via, to, moves_sum);
    *moves_sum += from * 3 + to;
    return c + 1 + hanoi(n - 1, via, to, from, moves_sum);
}
static uint64_t fib(int n) { return n < 2 ? (uint64_t)n : fib(n - 1) + fib(n - 2); }

/* a small stack VM with a dense switch */
enum { OP_PUSH, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_DUP, OP_SWAP, OP_DROP, OP_JNZ, OP_JMP,
       OP_DEC, OP_NEG, OP_AND, OP_OR, OP_XOR, OP_SHL, OP_SHR, OP_OVER, OP_ROT, OP_PRINT, OP_HALT };
static int64_t run(const int *code, int trace) {
    int64_t st[64]; int sp = 0, pc = 0; long steps = 0;
    for (;;) {
        int op = code[pc++]; steps++;
        switch (op) {
        case OP_PUSH: st[sp++] = code[pc++]; break;
        case OP_ADD: sp--; st[sp - 1] += st[sp]; break;
        case OP_SUB: sp--; st[sp - 1] -= st[sp]; break;
        case OP_MUL: sp--; st[sp - 1] *= st[sp]; break;
        case OP_DIV: sp--; st[sp - 1] = st[sp] ? st[sp - 1] / st[sp] : 0; break;
        case OP_MOD: sp--; st[sp - 1] = st[sp] ? st[sp - 1] % st[sp] : 0; break;
        case OP_DUP: st[sp] = st[sp - 1]; sp++; break;
        case OP_SWAP: { int64_t t = st[sp - 1]; st[sp - 1] = st[sp - 2]; st[sp - 2] = t; } break;
        case OP_DROP: sp--; break;
        case OP_JNZ: { int tgt = code[pc++]; if (st[--sp]) pc = tgt; } break;
        case OP_JMP: pc = code[pc]; break;
        case OP_DEC: st[sp - 1]--; break;
        case OP_NEG: st[sp - 1] = -st[sp - 1]; break;
        case OP_AND: sp--; st[sp - 1] &= st[sp]; break;
        case OP_OR: sp--; st[sp - 1] |= st[sp]; break;
        case OP_XOR: sp--; st[sp - 1] ^= st[sp]; break;
        case OP_SHL: sp--; st[sp - 1] = (int64_t)((uint64_t)st[sp - 1] << (st[sp] & 63)); break;
        case OP_SHR: sp--; st[sp - 1] = (int64_t)((uint64_t)st[sp - 1] >> (st[sp] & 63)); break;
        case OP_OVER: st[sp] = st[sp - 2]; sp++; break;
        case OP_ROT: { int64_t a = st[sp - 3]; st[sp - 3] = st[sp - 2]; st[sp - 2] = st[sp - 1]; st[sp - 1] = a; } break;
        case OP_PRINT: if (trace) printf("vm print %lld\n", (long long)st[sp - 1]); break;
        case OP_HALT: if (trace) printf("vm steps %ld\n", steps); return sp ? st[sp - 1] : 0;
        default: printf("bad op %d\n", op); exit(9);
        }
    }
}

static const char *sparse(int x) {
    switch (x) {
    case -100000: return "minus-lakh";
    case 1: return "one";
    case 17: return "seventeen";
    case 255: return "ff";
    case 4096: return "page";
    case 65537: return "f4";
    case 1000000: return "million";
    default: return "other";
    }
}
static char grade(int s) {
    switch (s / 10) { case 10: case 9: return 'A'; case 8: return 'B'; case 7: return 'C'; case 6: return 'D'; default: return 'F'; }
}

typedef long (*binop)(long, long);
static long f_add(long a, long b) { return a + b; }
static long f_sub(long a, long b) { return a - b; }
static long f_mul(long a, long b) { return a * b; }
static long f_max(long a, long b) { return a > b ? a : b; }
static long f_gcd(long a, long b) { while (b) { long t = a % b; a = b; b = t; } return a < 0 ? -a : a; }
static long fold(const long *v, int n, binop f, long init) { for (int i = 0; i < n; i++) init = f(init, v[i]); return init; }
struct opdesc { const char *name; binop f; long init; };
static const struct opdesc ops[] = {{"add", f_add, 0}, {"sub", f_sub, 0}, {"mul", f_mul, 1}, {"max", f_max, -1000}, {"gcd", f_gcd, 0}};

static void bye1(void) { printf("atexit: bye1\n"); }
static void bye2(void) { printf("atexit: bye2 (registered last, runs first)\n"); }

int main(void) {
    atexit(bye1);
    atexit(bye2);

    volatile int counter = 0;
    volatile double fp = 1.5;
    int r = setjmp(env);
    counter++;
    if (r == 0) { fp = 2.75; dive(0, 37); printf("not reached\n"); }
    printf("setjmp returned %d counter %d depth %d fp %g\n", r, counter, depth_reached, fp);
    for (volatile int i = 1; i <= 3; i++) {
        int v = setjmp(env);
        if (v == 0) longjmp(env, 0); /* longjmp(…,0) makes setjmp return 1 */
        printf("loop %d: longjmp(0) -> setjmp %d\n", i, v);
    }

    printf("ack(2,3)=%d ack(3,3)=%d ack(3,5)=%d\n", ack(2, 3), ack(3, 3), ack(3, 5));
    printf("is_even(1001)=%d is_odd(777)=%d\n", is_even(1001), is_odd(777));
    long ms = 0;
    long moves = hanoi(16, 1, 3, 2, &ms);
    printf("hanoi(16) moves %ld sum %ld\n", moves, ms);
    printf("fib(27)=%llu\n", (unsigned long long)fib(27));

    /* factorial of 20 via loop in VM: n=20, acc=1; while n: acc*=n; n-- */
    const int prog1[] = {OP_PUSH, 1, OP_PUSH, 20,
                         /*4*/ OP_DUP, OP_ROT, OP_MUL, OP_SWAP, OP_DEC, OP_DUP, OP_JNZ, 4,
                         OP_DROP, OP_PRINT, OP_HALT};
    printf("vm fact20 = %lld\n", (long long)run(prog1, 1));
    /* collatz steps of 27 */
    const int prog2[] = {OP_PUSH, 0, OP_PUSH, 27,
                         /*4*/ OP_DUP, OP_PUSH, 1, OP_SUB, OP_JNZ, 12, OP_JMP, 36,
                         /*12*/ OP_SWAP, OP_PUSH, 1, OP_ADD, OP_SWAP,
                         /*17*/ OP_DUP, OP_PUSH, 1, OP_AND, OP_JNZ, 28,
                         /*23*/ OP_PUSH, 1, OP_SHR, OP_JMP, 4,
                         /*28*/ OP_PUSH, 3, OP_MUL, OP_PUSH, 1, OP_ADD, OP_JMP, 4,
                         /*36*/ OP_DROP, OP_PRINT, OP_HALT};
    printf("vm collatz27 steps = %lld\n", (long long)run(prog2, 1));
    int64_t acc = 0;
    for (int i = 0; i < 2000; i++) acc += run(prog1, 0) % 1000003 + run(prog2, 0);
    printf("vm repeated acc %lld\n", (long long)acc);

    int keys[] = {-100000, 0, 1, 2, 17, 255, 256, 4096, 65537, 1000000, 999999};
    for (unsigned i = 0; i < sizeof keys / sizeof keys[0]; i++) printf("%s ", sparse(keys[i]));
    printf("\n");
    for (int s = 0; s <= 100; s += 7) putchar(grade(s));
    putchar('\n');

    long vals[] = {12, 18, -30, 42, 60, 7 * 6};
    for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++)
        printf("fold %s = %ld\n", ops[i].name, fold(vals, 6, ops[i].f, ops[i].init));
    binop table[4] = {f_add, f_mul, f_sub, f_max};
    long x = 1;
    for (int i = 0; i < 40; i++) x = table[(x ^ i) & 3](x, i) % 1000003;
    printf("fp-table chain %ld\n", x);

    printf("exiting with status 3\n");
    exit(3);
}
