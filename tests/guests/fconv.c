/* Float <-> int conversions and IEEE corner cases.
 *  - in-range C conversions (incl. libgcc __aeabi_d2lz/d2ulz/f2lz/l2d/ul2d/l2f)
 *  - out-of-range / NaN / inf conversions ONLY via explicit inline-asm VCVT
 *    (saturating, NaN -> 0, round-toward-zero vs VCVTR using FPSCR mode,
 *    VFPv3 fixed-point forms), with the FPSCR cumulative flags read by VMRS
 *  - NaN propagation rules (quiet/signalling payloads, operand order) via asm
 *  - denormals (no flush-to-zero in the Linux default FPSCR)
 *  - comparisons with NaN / inf / -0 (C operators and isless/isunordered...)
 * Exits 0. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <math.h>
#include <float.h>
#include <inttypes.h>

static uint32_t fpscr_get(void) { uint32_t v; __asm__ volatile("vmrs %0, fpscr" : "=r"(v)); return v; }
static void fpscr_set(uint32_t v) { __asm__ volatile("vmsr fpscr, %0" : : "r"(v) : "memory"); }
static void clear_flags(void) { fpscr_set(fpscr_get() & ~0x9fu); }
static const char *flags(void) {
    static char b[8];
    uint32_t f = fpscr_get();
    b[0] = f & 1 ? 'I' : '-';    /* IOC invalid */
    b[1] = f & 2 ? 'Z' : '-';    /* DZC */
    b[2] = f & 4 ? 'O' : '-';    /* OFC */
    b[3] = f & 8 ? 'U' : '-';    /* UFC */
    b[4] = f & 16 ? 'X' : '-';   /* IXC inexact */
    b[5] = f & 128 ? 'D' : '-';  /* IDC input denormal */
    b[6] = 0;
    return b;
}

static int32_t f2i(float f) { int32_t i; memcpy(&i, &f, 4); return i; }
static float i2f(uint32_t i) { float f; memcpy(&f, &i, 4); return f; }
static uint64_t d2u(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static double u2d(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }

static int32_t vcvt_s32_f64(double d) { float r; __asm__ volatile("vcvt.s32.f64 %0, %P1" : "=t"(r) : "w"(d)); return f2i(r); }
static uint32_t vcvt_u32_f64(double d) { float r; __asm__ volatile("vcvt.u32.f64 %0, %P1" : "=t"(r) : "w"(d)); return (uint32_t)f2i(r); }
static int32_t vcvtr_s32_f64(double d) { float r; __asm__ volatile("vcvtr.s32.f64 %0, %P1" : "=t"(r) : "w"(d)); return f2i(r); }
static uint32_t vcvtr_u32_f64(double d) { float r; __asm__ volatile("vcvtr.u32.f64 %0, %P1" : "=t"(r) : "w"(d)); return (uint32_t)f2i(r); }
static int32_t vcvt_s32_f32(float f) { float r; __asm__ volatile("vcvt.s32.f32 %0, %1" : "=t"(r) : "t"(f)); return f2i(r); }
static uint32_t vcvt_u32_f32(float f) { float r; __asm__ volatile("vcvt.u32.f32 %0, %1" : "=t"(r) : "t"(f)); return (uint32_t)f2i(r); }
static double vcvt_f64_u32(uint32_t u) { double r; float s = i2f(u); __asm__ volatile("vcvt.f64.u32 %P0, %1" : "=w"(r) : "t"(s)); return r; }
static float vcvt_f32_s32(int32_t v) { float r; float s = i2f((uint32_t)v); __asm__ volatile("vcvt.f32.s32 %0, %1" : "=t"(r) : "t"(s)); return r; }
/* VFPv3 fixed point: result in the low word of the same D register */
static int32_t vcvt_s32_f64_q16(double d) { __asm__ volatile("vcvt.s32.f64 %P0, %P0, #16" : "+w"(d)); return (int32_t)(uint32_t)d2u(d); }
static uint32_t vcvt_u16_f64_q8(double d) { __asm__ volatile("vcvt.u16.f64 %P0, %P0, #8" : "+w"(d)); return (uint32_t)d2u(d); }
static double vcvt_f64_s32_q16(int32_t v) { double d = u2d((uint32_t)v); __asm__ volatile("vcvt.f64.s32 %P0, %P0, #16" : "+w"(d)); return d; }
static float vcvt_f32_u32_q4(uint32_t v) { float f = i2f(v); __asm__ volatile("vcvt.f32.u32 %0, %0, #4" : "+t"(f)); return f; }
static double vadd_f64(double a, double b) { double r; __asm__ volatile("vadd.f64 %P0, %P1, %P2" : "=w"(r) : "w"(a), "w"(b)); return r; }
static float vmul_f32(float a, float b) { float r; __asm__ volatile("vmul.f32 %0, %1, %2" : "=t"(r) : "t"(a), "t"(b)); return r; }
static double vcvt_f64_f32(float a) { double r; __asm__ volatile("vcvt.f64.f32 %P0, %1" : "=w"(r) : "t"(a)); return r; }
static float vcvt_f32_f64(double a) { float r; __asm__ volatile("vcvt.f32.f64 %0, %P1" : "=t"(r) : "w"(a)); return r; }

static volatile double vz = 0.0;

int main(void) {
    printf("FPSCR at start: %08x\n", fpscr_get());
    double special[] = {0.0, -0.0, 0.4, 0.5, 0.6, 1.5, 2.5, -0.5, -1.5, -2.5, -0.99, 2147483647.0, 2147483647.6,
                        2147483648.0, -2147483648.0, -2147483648.9, -2147483649.0, 4294967295.0, 4294967295.5,
                        4294967296.0, 1e20, -1e20, 1e-310, 0, 0, 0};
    int ns = (int)(sizeof special / sizeof special[0]);
    special[ns - 3] = 1.0 / vz; special[ns - 2] = -1.0 / vz; special[ns - 1] = vz / vz;
    for (int i = 0; i < ns; i++) {
        double d = special[i];
        clear_flags();
        int32_t a = vcvt_s32_f64(d);
        const char *fa = flags();
        char fab[8]; strcpy(fab, fa);
        clear_flags();
        uint32_t b = vcvt_u32_f64(d);
        char fbb[8]; strcpy(fbb, flags());
        int32_t c = vcvtr_s32_f64(d);
        uint32_t e = vcvtr_u32_f64(d);
        clear_flags();
        int32_t fs = vcvt_s32_f32((float)d);
        uint32_t fu = vcvt_u32_f32((float)d);
        printf("%-22.17g s32=%d[%s] u32=%u[%s] s32r=%d u32r=%u f32:s32=%d u32=%u[%s] q16=%d uq8=%u\n", d, a, fab, b, fbb, c, e,
               fs, fu, flags(), vcvt_s32_f64_q16(d), vcvt_u16_f64_q8(d));
    }
    clear_flags();
    uint32_t us[] = {0, 1, 0x7fffffff, 0x80000000u, 0xffffffffu, 16777217, 0x12345678};
    for (unsigned i = 0; i < sizeof us / sizeof us[0]; i++)
        printf("u=%u f64u=%.17g f32s=%.9g q16=%.17g fq4=%.9g\n", us[i], vcvt_f64_u32(us[i]), (double)vcvt_f32_s32((int32_t)us[i]),
               vcvt_f64_s32_q16((int32_t)us[i]), (double)vcvt_f32_u32_q4(us[i]));
    printf("flags after int->fp: [%s]\n", flags());

    /* C conversions, in range only */
    volatile double cd[] = {0.0, 1.9, -1.9, 123456789.987, -2147483648.0, 2147483647.0, 4294967295.0, 9.2e18, -9.2e18,
                            1.8e19, 4503599627370497.0, 9007199254740993.0};
    for (unsigned i = 0; i < sizeof cd / sizeof cd[0]; i++) {
        double d = cd[i];
        long long sl = (d > -9.3e18 && d < 9.3e18) ? (long long)d : 0;
        unsigned long long ul = (d >= 0 && d < 1.8e19) ? (unsigned long long)d : 0;
        int si = (d > -2147483649.0 && d < 2147483648.0) ? (int)d : 0;
        unsigned ui = (d >= 0 && d < 4294967296.0) ? (unsigned)d : 0;
        float f = (float)d;
        long long fl = (f > -9.2e18f && f < 9.2e18f) ? (long long)f : 0;
        printf("d=%.17g ll=%lld ull=%llu i=%d u=%u f=%.9g f2ll=%lld ll2d=%.17g ull2f=%.9g ll2f=%.9g\n", d, sl, ul, si, ui,
               (double)f, fl, (double)sl, (double)(float)ul, (double)(float)sl);
    }
    volatile uint64_t big64[] = {0xffffffffffffffffULL, 0x8000000000000001ULL, 0x7fffffffffffffffULL, 0x0020000000000001ULL,
                                 0x0000000100000001ULL};
    for (unsigned i = 0; i < sizeof big64 / sizeof big64[0]; i++) {
        uint64_t u = big64[i];
        printf("u64=%016" PRIx64 " ->d %.17g ->f %.9g s64->d %.17g\n", u, (double)u, (double)(float)u, (double)(int64_t)u);
    }

    /* NaN propagation (operand order matters on ARM) */
    double qa = u2d(0x7ff8000000000123ULL), qb = u2d(0x7ff8000000000456ULL), sn = u2d(0x7ff0000000000789ULL);
    clear_flags();
    printf("qa+qb=%016" PRIx64 " qb+qa=%016" PRIx64 " [%s]\n", d2u(vadd_f64(qa, qb)), d2u(vadd_f64(qb, qa)), flags());
    clear_flags();
    printf("qa+sn=%016" PRIx64 " sn+1=%016" PRIx64 " [%s]\n", d2u(vadd_f64(qa, sn)), d2u(vadd_f64(1.0, sn)), flags());
    clear_flags();
    float fq = i2f(0xffc00001u), fsn = i2f(0x7f800042u);
    printf("fq*2=%08x fsn*2=%08x 2*fsn=%08x [%s]\n", (uint32_t)f2i(vmul_f32(fq, 2.0f)), (uint32_t)f2i(vmul_f32(fsn, 2.0f)),
           (uint32_t)f2i(vmul_f32(2.0f, fsn)), flags());
    clear_flags();
    printf("f32 sNaN->f64=%016" PRIx64 " f64 qNaN->f32=%08x inf-inf=%016" PRIx64 " [%s]\n", d2u(vcvt_f64_f32(fsn)),
           (uint32_t)f2i(vcvt_f32_f64(qa)), d2u(vadd_f64(1.0 / vz, -1.0 / vz)), flags());
    clear_flags();
    printf("double->float: 1e39->%.9g 1e-46->%.9g 3.4028235677973366e38->%.9g 1+2^-24->%a 1+3*2^-25 ->%a [%s]\n",
           (double)vcvt_f32_f64(1e39), (double)vcvt_f32_f64(1e-46), (double)vcvt_f32_f64(3.4028235677973366e38),
           (double)vcvt_f32_f64(1.0 + 0x1p-24), (double)vcvt_f32_f64(1.0 + 3 * 0x1p-25), flags());

    /* denormals */
    clear_flags();
    volatile double dm = DBL_MIN, tm = 4.9406564584124654e-324;
    double d1 = dm / 3.0, d2 = tm * 7.0, d3 = d1 * d2, d4 = d1 + dm, d5 = dm * 0.5 * 2.0;
    printf("denorm: %a %a %a %a %a [%s]\n", d1, d2, d3, d4, d5, flags());
    clear_flags();
    volatile float fm = FLT_MIN;
    float f1 = fm / 5.0f, f2 = f1 * 3.0f, f3 = f1 * f1, f4 = fm - f1;
    printf("fdenorm: %a %a %a %a d->f:%a f->d:%a [%s]\n", (double)f1, (double)f2, (double)f3, (double)f4,
           (double)(float)(dm * 1e280 * 1e-250), (double)(float)f1, flags());
    double s = 0;
    for (int i = 1; i <= 100; i++) s += tm * i * i;
    printf("denorm sum %a isnormal=%d fpclassify=%d/%d/%d/%d/%d\n", s, isnormal(s), fpclassify(s), fpclassify(0.0),
           fpclassify(1.0), fpclassify(1.0 / vz), fpclassify(vz / vz));

    /* comparisons */
    double cv[] = {1.0, vz / vz, 1.0 / vz, -1.0 / vz, 0.0, -0.0};
    const char *cn[] = {"1", "nan", "inf", "-inf", "0", "-0"};
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 6; j++) {
            volatile double a = cv[i], b = cv[j];
            volatile float fa = (float)a, fb = (float)b;
            printf("%4s ? %-4s: < %d <= %d == %d != %d > %d >= %d | isl %d isg %d islg %d isun %d | f: %d%d%d%d%d%d | min %g max %g\n",
                   cn[i], cn[j], a < b, a <= b, a == b, a != b, a > b, a >= b, isless(a, b), isgreater(a, b), islessgreater(a, b),
                   isunordered(a, b), fa < fb, fa <= fb, fa == fb, fa != fb, fa > fb, fa >= fb, fmin(a, b), fmax(a, b));
        }
    printf("FPSCR at end (flags masked): %08x\n", fpscr_get() & ~0x9fu);
    return 0;
}
