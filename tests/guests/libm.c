/* libm: sin cos tan asin acos atan atan2 sinh cosh tanh exp exp2 expm1 log
 * log2 log10 log1p pow sqrt cbrt hypot fma floor ceil round trunc rint
 * nearbyint lrint llrint lround fmod remainder remquo frexp ldexp modf copysign
 * nextafter fmin fmax fdim erf tgamma lgamma, plus float variants. Inputs are
 * volatile so gcc cannot constant fold. Prints %.17g and %a. Exits 0. */
#include <stdio.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

static volatile double in[] = {0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, 0.1, 1e-10, 3.0, M_PI / 6, M_PI / 4, M_PI, 10.0, -7.25,
                               100.0, 1e6, 1e22, 710.0, -745.5, 0.999999};
#define NIN (int)(sizeof in / sizeof in[0])
static uint64_t hh = 1;
static void acc(double x) { uint64_t u; memcpy(&u, &x, 8); hh = (hh ^ u) * 0x100000001b3ULL; }

int main(void) {
    for (int i = 0; i < NIN; i++) {
        double x = in[i];
        printf("x=%-10.6g sin=%.17g cos=%.17g tan=%.17g exp=%.17g atan=%.17g\n", x, sin(x), cos(x), tan(x), exp(x), atan(x));
        printf("   sinh=%.17g cosh=%.17g tanh=%.17g expm1=%.17g cbrt=%.17g erf=%.17g\n", sinh(x), cosh(x), tanh(x), expm1(x),
               cbrt(x), erf(x));
        if (x > 0)
            printf("   log=%.17g log2=%.17g log10=%.17g log1p=%.17g sqrt=%.17g tgamma=%.17g lgamma=%.17g\n", log(x), log2(x),
                   log10(x), log1p(x), sqrt(x), x < 170 ? tgamma(x) : 0.0, lgamma(x));
        if (x >= -1 && x <= 1) printf("   asin=%.17g acos=%.17g\n", asin(x), acos(x));
        printf("   floor=%g ceil=%g round=%g trunc=%g rint=%g nearbyint=%g lrint=%ld llround=%lld lround=%ld\n", floor(x),
               ceil(x), round(x), trunc(x), rint(x), nearbyint(x), fabs(x) < 2e9 ? lrint(x) : 0L,
               fabs(x) < 9e18 ? llround(x) : 0LL, fabs(x) < 2e9 ? lround(x) : 0L);
    }
    double pw[][2] = {{2, 10}, {2, 0.5}, {10, -3}, {-2, 3}, {-8, 1.0 / 3}, {0, 0}, {0, -1}, {1.0000001, 1e7}, {2, 1023.5},
                      {2, -1074}, {7.5, 3.25}, {-1, 1e300}, {0.5, -1100}};
    for (unsigned i = 0; i < sizeof pw / sizeof pw[0]; i++) {
        volatile double a = pw[i][0], b = pw[i][1];
        printf("pow(%g,%g)=%.17g [%a] atan2=%.17g hypot=%.17g fmod=%.17g remainder=%.17g fmin=%g fmax=%g fdim=%g\n", a, b,
               pow(a, b), pow(a, b), atan2(a, b), hypot(a, b), b != 0 ? fmod(a, b) : 0.0, b != 0 ? remainder(a, b) : 0.0,
               fmin(a, b), fmax(a, b), fdim(a, b));
    }
    volatile double fa = 0.1, fb = 10.0, fc = -1.0;
    printf("fma(0.1,10,-1)=%a  0.1*10-1=%a\n", fma(fa, fb, fc), fa * fb + fc);
    volatile double e1 = 1.0 + 0x1p-52, e2 = 1.0 - 0x1p-52;
    printf("fma(1+e,1-e,-1)=%a\n", fma(e1, e2, -1.0));
    volatile double h1 = 1e308, h2 = 2.0, h3 = -1.5e308;
    printf("fma(DBL_MAX,2,-inf)=%g fma(1e308,2,-1.5e308)=%g naive=%g\n", fma(1.7976931348623157e308, h2, -INFINITY), fma(h1, h2, h3), h1 * h2 + h3);
    int q;
    double r = remquo(fb * 2.9, 3.0, &q);
    printf("remquo(29,3)=%g q=%d\n", r, q);
    int ex;
    double m = frexp(fb * 123.456, &ex);
    printf("frexp(1234.56)=%.17g e=%d ldexp=%.17g ldexp(1,-1074)=%a ldexp(1,1024)=%g\n", m, ex, ldexp(m, ex), ldexp(1.0, -1074),
           ldexp(1.0, 1024));
    double ip;
    double fr = modf(-fb * 3.75, &ip);
    printf("modf(-37.5)=%g,%g copysign=%g nextafter(1,2)=%a nextafter(0,-1)=%a\n", fr, ip, copysign(3.0, -0.0),
           nextafter(1.0, 2.0), nextafter(0.0, -1.0));
    double halfs[] = {0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999999999999996, 4503599627370497.0};
    for (unsigned i = 0; i < sizeof halfs / sizeof halfs[0]; i++) {
        volatile double h = halfs[i];
        printf("h=%.17g round=%g rint=%g lrint=%ld llrint=%lld floor=%g ceil=%g trunc=%g\n", h, round(h), rint(h),
               lrint(h), llrint(h), floor(h), ceil(h), trunc(h));
    }
    /* float variants */
    for (int i = 0; i < NIN; i++) {
        volatile float x = (float)in[i];
        printf("f x=%g sinf=%.9g cosf=%.9g expf=%.9g sqrtf=%.9g powf(x,1.5)=%.9g atan2f=%.9g floorf=%g roundf=%g fmaf=%a\n",
               (double)x, (double)sinf(x), (double)cosf(x), (double)expf(x), x >= 0 ? (double)sqrtf(x) : -1.0,
               x >= 0 ? (double)powf(x, 1.5f) : -1.0, (double)atan2f(x, 0.75f), (double)floorf(x), (double)roundf(x),
               (double)fmaf(x, x, -1.0f));
        if (x > 0) printf("  logf=%.9g log2f=%.9g log10f=%.9g\n", (double)logf(x), (double)log2f(x), (double)log10f(x));
    }
    /* a sweep hashed */
    for (int i = -2000; i < 2000; i++) {
        volatile double x = i * 0.01237;
        acc(sin(x)); acc(cos(x)); acc(exp(x * 0.3)); acc(atan2(x, 1.7)); acc(pow(fabs(x) + 0.5, 1.25));
        if (x > 0) { acc(log(x)); acc(sqrt(x)); }
        acc(fmod(x * 31.0, 2.5)); acc((double)sinf((float)x)); acc((double)expf((float)(x * 0.1)));
    }
    printf("sweep hash %016llx\n", (unsigned long long)hh);
    printf("special: sqrt(-1)=%f log(0)=%f log(-1)=%f exp(1000)=%f exp(-1000)=%g atan2(0,-0)=%g pow(0,-1)=%f\n",
           sqrt(fc), log(fc + 1), log(fc), exp(fb * 100), exp(-fb * 100), atan2(0.0, -fa * 0), pow(0.0, fc));
    return 0;
}
