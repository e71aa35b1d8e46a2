/* ARM-specific instructions via inline asm; assembles and behaves the same in
 * ARM (-marm) and Thumb-2 (-mthumb) mode: ldrex/strex loops and __atomic /
 * __sync builtins (incl. 64-bit ldrexd/strexd), clz, rbit, rev, rev16, revsh,
 * usat/ssat (+Q flag), qadd/qsub/qdadd, smlal/umlal/umull/smull, smmul/smmla,
 * mls, sdiv/udiv (enabled with .arch_extension idiv; divide by zero -> 0),
 * uxtab/sxtah/uxtb16, bfi/bfc/ubfx/sbfx, SIMD media ops (uadd8/usub8 + GE
 * flags + sel, uqadd8, qsub16, shadd8, usad8, smuad, pkhbt), movw/movt,
 * adds/adcs carry chains, conditional execution via IT blocks, mrs/msr APSR,
 * the TLS register (mrc p15 c13 c0 3) vs __builtin_thread_pointer, dmb.
 * Exits 0. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>

static uint32_t apsr(void) { uint32_t v; __asm__ volatile("mrs %0, APSR" : "=r"(v)); return v; }
static void clear_q(void) { uint32_t z = 0; __asm__ volatile("msr APSR_nzcvq, %0" : : "r"(z) : "cc"); }
static int qflag(void) { return (apsr() >> 27) & 1; }
static unsigned ge(void) { return (apsr() >> 16) & 0xf; }

#define OP1(name, insn) static uint32_t name(uint32_t a) { uint32_t r; __asm__(insn " %0, %1" : "=r"(r) : "r"(a)); return r; }
#define OP2(name, insn) static uint32_t name(uint32_t a, uint32_t b) { uint32_t r; __asm__ volatile(insn " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); return r; }
OP1(a_clz, "clz")
OP1(a_rbit, "rbit")
OP1(a_rev, "rev")
OP1(a_rev16, "rev16")
OP1(a_revsh, "revsh")
OP2(a_qadd, "qadd")
OP2(a_qsub, "qsub")
OP2(a_qdadd, "qdadd")
OP2(a_smmul, "smmul")
OP2(a_smmulr, "smmulr")
OP2(a_uxtab, "uxtab")
OP2(a_sxtah, "sxtah")
OP2(a_uadd8, "uadd8")
OP2(a_usub8, "usub8")
OP2(a_uqadd8, "uqadd8")
OP2(a_qsub16, "qsub16")
OP2(a_shadd8, "shadd8")
OP2(a_usad8, "usad8")
OP2(a_smuad, "smuad")
OP2(a_sel, "sel")
OP2(a_mul, "mul")
static uint32_t a_sdiv(uint32_t a, uint32_t b) { uint32_t r; __asm__(".arch_extension idiv\n\tsdiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static uint32_t a_udiv(uint32_t a, uint32_t b) { uint32_t r; __asm__(".arch_extension idiv\n\tudiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static uint32_t a_usat8(int32_t a) { uint32_t r; __asm__ volatile("usat %0, #8, %1" : "=r"(r) : "r"(a)); return r; }
static uint32_t a_ssat12(int32_t a) { uint32_t r; __asm__ volatile("ssat %0, #12, %1" : "=r"(r) : "r"(a)); return r; }
static uint32_t a_usat16_lsl(int32_t a) { uint32_t r; __asm__ volatile("usat %0, #16, %1, lsl #4" : "=r"(r) : "r"(a)); return r; }
static uint32_t a_ssat_asr(int32_t a) { uint32_t r; __asm__ volatile("ssat %0, #16, %1, asr #3" : "=r"(r) : "r"(a)); return r; }
static uint32_t a_mls(uint32_t a, uint32_t b, uint32_t c) { uint32_t r; __asm__("mls %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(c)); return r; }
static uint32_t a_smmla(uint32_t a, uint32_t b, uint32_t c) { uint32_t r; __asm__("smmla %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(c)); return r; }
static uint32_t a_bfi(uint32_t d, uint32_t s) { __asm__("bfi %0, %1, #5, #11" : "+r"(d) : "r"(s)); return d; }
static uint32_t a_bfc(uint32_t d) { __asm__("bfc %0, #8, #16" : "+r"(d)); return d; }
static uint32_t a_ubfx(uint32_t s) { uint32_t r; __asm__("ubfx %0, %1, #7, #13" : "=r"(r) : "r"(s)); return r; }
static uint32_t a_sbfx(uint32_t s) { uint32_t r; __asm__("sbfx %0, %1, #7, #13" : "=r"(r) : "r"(s)); return r; }
static uint32_t a_uxtb16(uint32_t s) { uint32_t r; __asm__("uxtb16 %0, %1, ror #8" : "=r"(r) : "r"(s)); return r; }
static uint32_t a_pkhbt(uint32_t a, uint32_t b) { uint32_t r; __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(r) : "r"(a), "r"(b)); return r; }
static uint32_t a_movwt(void) { uint32_t r; __asm__("movw %0, #0x5678\n\tmovt %0, #0x1234" : "=r"(r)); return r; }
static uint64_t a_smlal(uint64_t acc, int32_t a, int32_t b) {
    uint32_t lo = (uint32_t)acc, hi = (uint32_t)(acc >> 32);
    __asm__("smlal %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(a), "r"(b));
    return (uint64_t)hi << 32 | lo;
}
static uint64_t a_umlal(uint64_t acc, uint32_t a, uint32_t b) {
    uint32_t lo = (uint32_t)acc, hi = (uint32_t)(acc >> 32);
    __asm__("umlal %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(a), "r"(b));
    return (uint64_t)hi << 32 | lo;
}
static uint64_t a_umull(uint32_t a, uint32_t b) { uint32_t lo, hi; __asm__("umull %0, %1, %2, %3" : "=&r"(lo), "=&r"(hi) : "r"(a), "r"(b)); return (uint64_t)hi << 32 | lo; }
static uint64_t a_smull(int32_t a, int32_t b) { uint32_t lo, hi; __asm__("smull %0, %1, %2, %3" : "=&r"(lo), "=&r"(hi) : "r"(a), "r"(b)); return (uint64_t)hi << 32 | lo; }
static uint64_t a_umaal(uint32_t l, uint32_t h, uint32_t a, uint32_t b) { __asm__("umaal %0, %1, %2, %3" : "+r"(l), "+r"(h) : "r"(a), "r"(b)); return (uint64_t)h << 32 | l; }
/* 96-bit add with carry chain; returns flags too */
static void add96(uint32_t r[3], const uint32_t a[3], const uint32_t b[3], uint32_t *fl) {
    uint32_t r0, r1, r2, f;
    __asm__ volatile("adds %0, %4, %7\n\tadcs %1, %5, %8\n\tadcs %2, %6, %9\n\tmrs %3, APSR"
                     : "=&r"(r0), "=&r"(r1), "=&r"(r2), "=&r"(f)
                     : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(b[0]), "r"(b[1]), "r"(b[2]) : "cc");
    r[0] = r0; r[1] = r1; r[2] = r2; *fl = f >> 28;
}
/* conditional execution: abs/min/max with IT blocks (ignored-but-checked in ARM mode) */
static int32_t it_abs(int32_t x) { __asm__("cmp %0, #0\n\tit lt\n\trsblt %0, %0, #0" : "+r"(x) : : "cc"); return x; }
static uint32_t it_minmax(uint32_t a, uint32_t b, uint32_t *mx) {
    uint32_t mn, M;
    __asm__("cmp %2, %3\n\tite lo\n\tmovlo %0, %2\n\tmovhs %0, %3\n\tite hi\n\tmovhi %1, %2\n\tmovls %1, %3"
            : "=&r"(mn), "=&r"(M) : "r"(a), "r"(b) : "cc");
    *mx = M; return mn;
}
/* explicit ldrex/strex fetch-add and compare-exchange */
static uint32_t ll_fetch_add(volatile uint32_t *p, uint32_t v) {
    uint32_t old, tmp, fail;
    __asm__ volatile("1: ldrex %0, [%3]\n\tadd %1, %0, %4\n\tstrex %2, %1, [%3]\n\tcmp %2, #0\n\tbne 1b"
                     : "=&r"(old), "=&r"(tmp), "=&r"(fail) : "r"(p), "r"(v) : "cc", "memory");
    return old;
}
static int ll_cas(volatile uint32_t *p, uint32_t expect, uint32_t desired) {
    uint32_t old, fail = 1;
    __asm__ volatile("ldrex %0, [%2]\n\tcmp %0, %3\n\tbne 2f\n\tstrex %1, %4, [%2]\n2:"
                     : "=&r"(old), "+&r"(fail) : "r"(p), "r"(expect), "r"(desired) : "cc", "memory");
    if (old != expect) __asm__ volatile("clrex");
    return old == expect && fail == 0;
}
static uint64_t ll_add64(volatile uint64_t *p, uint64_t v) {
    uint64_t old, nw; uint32_t fail;
    __asm__ volatile("1: ldrexd %Q0, %R0, [%3]\n\tadds %Q1, %Q0, %Q4\n\tadc %R1, %R0, %R4\n\tstrexd %2, %Q1, %R1, [%3]\n\tcmp %2, #0\n\tbne 1b"
                     : "=&r"(old), "=&r"(nw), "=&r"(fail) : "r"(p), "r"(v) : "cc", "memory");
    return old;
}

int main(void) {
    uint32_t xs[] = {0, 1, 0x80000000u, 0x7fffffffu, 0xffffffffu, 0x12345678u, 0x0000ff80u, 0x00008001u, 0xdeadbeefu};
    for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        uint32_t x = xs[i];
        printf("x=%08x clz=%u rbit=%08x rev=%08x rev16=%08x revsh=%08x bfi=%08x bfc=%08x ubfx=%x sbfx=%08x uxtb16=%08x\n", x,
               a_clz(x), a_rbit(x), a_rev(x), a_rev16(x), a_revsh(x), a_bfi(0xffffffffu, x), a_bfc(x), a_ubfx(x), a_sbfx(x),
               a_uxtb16(x));
    }
    int32_t sv[] = {0, 100, 255, 256, -1, -300, 2047, 2048, -2048, -2049, 70000, -70000, INT32_MIN, INT32_MAX};
    for (unsigned i = 0; i < sizeof sv / sizeof sv[0]; i++) {
        int32_t v = sv[i];
        clear_q(); uint32_t u8 = a_usat8(v); int q1 = qflag();
        clear_q(); uint32_t s12 = a_ssat12(v); int q2 = qflag();
        clear_q(); uint32_t u16 = a_usat16_lsl(v); int q3 = qflag();
        clear_q(); uint32_t s16 = a_ssat_asr(v); int q4 = qflag();
        printf("sat %11d: usat8=%u(q%d) ssat12=%d(q%d) usat16lsl4=%u(q%d) ssat16asr3=%d(q%d)\n", v, u8, q1, (int32_t)s12, q2, u16,
               q3, (int32_t)s16, q4);
    }
    uint32_t qa[][2] = {{1, 2}, {0x7fffffff, 1}, {0x80000000u, 0xffffffffu}, {0x40000000, 0x40000000}, {0xc0000000u, 0x3fffffff}};
    for (unsigned i = 0; i < 5; i++) {
        uint32_t a = qa[i][0], b = qa[i][1];
        clear_q(); uint32_t r1 = a_qadd(a, b); int q1 = qflag();
        clear_q(); uint32_t r2 = a_qsub(a, b); int q2 = qflag();
        clear_q(); uint32_t r3 = a_qdadd(a, b); int q3 = qflag();
        printf("qadd(%08x,%08x)=%08x q%d qsub=%08x q%d qdadd=%08x q%d\n", a, b, r1, q1, r2, q2, r3, q3);
    }
    int32_t mv[] = {0, 1, -1, 3, -7, 65536, -65536, 0x7fffffff, (int32_t)0x80000000, 123456789, -987654321};
    uint64_t h = 0;
    for (unsigned i = 0; i < sizeof mv / sizeof mv[0]; i++)
        for (unsigned j = 0; j < sizeof mv / sizeof mv[0]; j++) {
            int32_t a = mv[i], b = mv[j];
            uint64_t um = a_umull((uint32_t)a, (uint32_t)b), sm = a_smull(a, b);
            uint64_t sl = a_smlal(0x0123456789abcdefULL, a, b), ul = a_umlal(0xfedcba9876543210ULL, (uint32_t)a, (uint32_t)b);
            uint64_t ua = a_umaal(0xffffffffu, 0xffffffffu, (uint32_t)a, (uint32_t)b);
            uint32_t mm = a_smmul((uint32_t)a, (uint32_t)b), mr = a_smmulr((uint32_t)a, (uint32_t)b);
            uint32_t ma = a_smmla((uint32_t)a, (uint32_t)b, 0x1000u), ls = a_mls((uint32_t)a, (uint32_t)b, 0x55555555u);
            uint32_t sd = a_sdiv((uint32_t)a, (uint32_t)b), ud = a_udiv((uint32_t)a, (uint32_t)b);
            h = (h ^ um ^ (sm << 1) ^ (sl << 2) ^ (ul << 3) ^ ua) * 0x100000001b3ULL + mm + mr * 3 + ma * 5 + ls * 7 + sd * 11 + ud * 13;
            if ((i + j) % 5 == 0)
                printf("%d,%d: umull=%016" PRIx64 " smull=%016" PRIx64 " smlal=%016" PRIx64 " umlal=%016" PRIx64
                       " umaal=%016" PRIx64 " smmul=%08x smmulr=%08x smmla=%08x mls=%08x sdiv=%d udiv=%u\n",
                       a, b, um, sm, sl, ul, ua, mm, mr, ma, ls, (int32_t)sd, ud);
            if (b != 0 && !(a == INT32_MIN && b == -1) && ((int32_t)sd != a / b || ud != (uint32_t)a / (uint32_t)b)) {
                printf("sdiv/udiv mismatch\n"); return 1;
            }
        }
    printf("mul hash %016" PRIx64 "\n", h);
    printf("sdiv(x,0)=%u udiv(x,0)=%u sdiv(INT_MIN,-1)=%08x\n", a_sdiv(12345, 0), a_udiv(0xffffffffu, 0), a_sdiv(0x80000000u, 0xffffffffu));

    uint32_t pa[] = {0x01ff7f80u, 0xfffefdfcu, 0x00000000u, 0x80808080u};
    uint32_t pb[] = {0x01017f81u, 0x01020304u, 0x01010101u, 0x80808080u};
    for (unsigned i = 0; i < 4; i++) {
        uint32_t a = pa[i], b = pb[i];
        uint32_t s = a_uadd8(a, b); unsigned g1 = ge();
        uint32_t sl1 = a_sel(a, b);
        uint32_t d = a_usub8(a, b); unsigned g2 = ge();
        uint32_t sl2 = a_sel(a, b);
        printf("simd %08x,%08x: uadd8=%08x ge=%x sel=%08x usub8=%08x ge=%x sel=%08x uqadd8=%08x qsub16=%08x shadd8=%08x usad8=%u smuad=%08x pkhbt=%08x uxtab=%08x sxtah=%08x\n",
               a, b, s, g1, sl1, d, g2, sl2, a_uqadd8(a, b), a_qsub16(a, b), a_shadd8(a, b), a_usad8(a, b), a_smuad(a, b),
               a_pkhbt(a, b), a_uxtab(a, b), a_sxtah(a, b));
    }
    printf("movw/movt=%08x mul=%08x\n", a_movwt(), a_mul(0x12345678u, 0x9abcdef0u));

    uint32_t A[3] = {0xffffffffu, 0xffffffffu, 0x7fffffffu}, B[3] = {1, 0, 0}, R[3], fl;
    add96(R, A, B, &fl);
    printf("add96 = %08x%08x%08x NZCV=%x\n", R[2], R[1], R[0], fl);
    uint32_t C[3] = {0xffffffffu, 0xffffffffu, 0xffffffffu};
    add96(R, C, B, &fl);
    printf("add96 = %08x%08x%08x NZCV=%x\n", R[2], R[1], R[0], fl);
    uint32_t mx;
    for (int i = -2; i <= 2; i++) {
        uint32_t mn = it_minmax((uint32_t)i, 1u, &mx);
        printf("it_abs(%d)=%d min(%u,1)=%u max=%u\n", i * 1000, it_abs(i * 1000), (uint32_t)i, mn, mx);
    }
    printf("it_abs(INT_MIN)=%d\n", it_abs(INT32_MIN));

    /* atomics */
    static volatile uint32_t counter = 0;
    static volatile uint64_t c64 = 0xfffffff0ULL;
    uint32_t olds = 0;
    for (uint32_t i = 0; i < 1000; i++) olds += ll_fetch_add(&counter, i);
    printf("ldrex/strex fetch_add: counter=%u sum(old)=%u\n", counter, olds);
    int ok1 = ll_cas(&counter, 499500, 7), ok2 = ll_cas(&counter, 499500, 8);
    printf("ldrex/strex cas: %d %d -> %u\n", ok1, ok2, counter);
    for (int i = 0; i < 40; i++) ll_add64(&c64, 0x1ULL << i % 36);
    printf("ldrexd/strexd add64: %016" PRIx64 "\n", c64);
    uint32_t s1 = __sync_fetch_and_add(&counter, 5);
    uint32_t s2 = __sync_add_and_fetch(&counter, 10);
    uint32_t s3 = __sync_fetch_and_or(&counter, 0x100);
    uint32_t s4 = __sync_fetch_and_and(&counter, ~1u);
    uint32_t s5 = __sync_fetch_and_xor(&counter, 0xff);
    int sw = __sync_bool_compare_and_swap(&counter, counter, 42);
    uint32_t sv2 = __sync_val_compare_and_swap(&counter, 41, 99);
    uint32_t sl = __sync_lock_test_and_set(&counter, 77);
    __sync_synchronize();
    printf("__sync: %u %u %u %u %u swap=%d val=%u lock=%u now=%u\n", s1, s2, s3, s4, s5, sw, sv2, sl, counter);
    uint32_t expect = 77;
    int c1 = __atomic_compare_exchange_n(&counter, &expect, 1000, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    expect = 5;
    int c2 = __atomic_compare_exchange_n(&counter, &expect, 2000, 1, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
    uint32_t ex = __atomic_exchange_n(&counter, 31, __ATOMIC_SEQ_CST);
    uint32_t fa = __atomic_fetch_sub(&counter, 1, __ATOMIC_RELAXED);
    uint32_t af = __atomic_add_fetch(&counter, 100, __ATOMIC_RELEASE);
    uint64_t f64 = __atomic_fetch_add(&c64, 0x100000001ULL, __ATOMIC_SEQ_CST);
    uint64_t e64 = 0; int c3 = __atomic_compare_exchange_n(&c64, &e64, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    printf("__atomic: cas1=%d cas2=%d expect=%u xchg=%u fsub=%u addf=%u load=%u f64=%016" PRIx64 " cas64=%d seen=%016" PRIx64 " now=%016" PRIx64 "\n",
           c1, c2, expect, ex, fa, af, __atomic_load_n(&counter, __ATOMIC_ACQUIRE), f64, c3, e64, __atomic_load_n(&c64, __ATOMIC_SEQ_CST));
    __asm__ volatile("dmb ish" ::: "memory");

    uint32_t tp; __asm__("mrc p15, 0, %0, c13, c0, 3" : "=r"(tp));
    printf("TLS register matches __builtin_thread_pointer: %d, nonzero: %d\n", (void *)tp == __builtin_thread_pointer(), tp != 0);
    return 0;
}
