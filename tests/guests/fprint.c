/* printf of doubles and floats with %f %e %g %a (precisions, flags, widths),
 * special values (inf, nan, -0.0, denormals, DBL_MAX/MIN), strtod/strtof
 * round trips and decimal->binary corner cases. NaN comes from 0/0 at run
 * time: on ARM that is the positive default NaN, so it prints "nan".
 * Exits 0. */
#include <stdio.h>
#include <stdlib.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include <stdint.h>

static volatile double vzero = 0.0, vone = 1.0;

int main(void) {
    double vals[] = {0.0, 1.0, -1.0, 0.5, 0.1, 1.0 / 3.0, 2.0 / 3.0, 3.14159265358979323846, 2.718281828459045,
                     100.0, 123456.789, 1e10, 1.5e-5, 6.02214076e23, 1.602176634e-19, 9.999999999, 0.000123456,
                     1e21, 1e22, 123456789012345678.0, 0.95, 0.05, 2.5, 3.5, -2.5, 1e-300, 4.9e-324, DBL_MAX,
                     DBL_MIN, DBL_EPSILON, 65536.0 + 1.0 / 65536.0};
    int n = (int)(sizeof vals / sizeof vals[0]);
    for (int i = 0; i < n; i++) {
        double v = vals[i];
        printf("%2d: %f | %.0f | %.3f | %e | %.2e | %g | %.10g | %a | %.3a | %+.4g | %12.4f|%-12.2e|%#g|%#.0f|%.17g\n", i,
               v < 1e30 ? v : 0.0, v < 1e30 ? v : 0.0, v < 1e30 ? v : 0.0, v, v, v, v, v, v, v, v < 1e30 ? v : 0.0, v, v,
               v < 1e30 ? v : 0.0, v);
    }
    printf("DBL_MAX %%f: %.0f\n", DBL_MAX);
    printf("tiny %%.330f: %.330f\n", 4.9e-324);

    float fvals[] = {0.0f, 1.0f, 0.1f, 1.0f / 3.0f, 3.14159265f, 16777216.0f, 16777217.0f, 1e-40f, FLT_MIN, FLT_MAX,
                     FLT_EPSILON, -0.75f, 1e38f, 123.456f};
    for (unsigned i = 0; i < sizeof fvals / sizeof fvals[0]; i++) {
        float f = fvals[i];
        printf("f%-2u: %f %e %g %a %.9g\n", i, (double)f, (double)f, (double)f, (double)f, (double)f);
    }

    double pinf = vone / vzero, ninf = -vone / vzero, qnan = vzero / vzero, nzero = -vzero;
    float fnan = (float)(vzero / vzero);
    printf("inf: %f %e %g %a %F %E %G %5.1f|%-6f|\n", pinf, pinf, pinf, pinf, pinf, pinf, pinf, ninf, ninf);
    printf("nan: %f %e %g %a %F signbit=%d fsignbit=%d\n", qnan, qnan, qnan, qnan, qnan, !!signbit(qnan), !!signbit(fnan));
    printf("-nan: %f %g\n", -qnan, -qnan);
    printf("NAN macro: %f  INFINITY: %f HUGE_VAL: %g\n", (double)NAN, (double)INFINITY, HUGE_VAL);
    printf("-0.0: %f %e %g %a %+f signbit=%d eq0=%d\n", nzero, nzero, nzero, nzero, nzero, !!signbit(nzero), nzero == 0.0);
    union { double d; uint64_t u; } un = {.d = qnan};
    union { float f; uint32_t u; } uf = {.f = fnan};
    printf("0/0 bits %016llx float %08x\n", (unsigned long long)un.u, uf.u);

    /* rounding of halfway cases in printf (round-half-even on exact binary values) */
    double halves[] = {0.125, 0.375, 2.5, 3.5, 1.0625, 1.0 / 1024, 5e-1, 1.5, 0.3};
    for (unsigned i = 0; i < sizeof halves / sizeof halves[0]; i++)
        printf("half %.2f %.0f %.1f %.3e\n", halves[i], halves[i], halves[i], halves[i]);

    const char *in[] = {"0", "1", "-1.5", "0.1", "1e-5", "3.141592653589793238462643", "1.7976931348623157e308",
                        "1.8e308", "2.2250738585072014e-308", "4.9406564584124654e-324", "2.4703282292062327e-324",
                        "2.4703282292062328e-324", "1e-400", "0x1.8p3", "0x.1p-2", "inf", "-Infinity", "nan", "  +12.5e+2xyz",
                        "9007199254740993", "123456789012345678901234567890", ".5", "5.", "1e", "abc"};
    for (unsigned i = 0; i < sizeof in / sizeof in[0]; i++) {
        char *end;
        double d = strtod(in[i], &end);
        float f = strtof(in[i], NULL);
        printf("strtod(\"%s\") = %.17g [%a] float %.9g used %d\n", in[i], d, d, (double)f, (int)(end - in[i]));
    }
    /* round trip many values through %.17g */
    uint64_t state = 88172645463325252ULL; int bad = 0;
    char buf[64];
    for (int i = 0; i < 20000; i++) {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17;
        union { uint64_t u; double d; } r = {.u = state};
        if (isnan(r.d) || isinf(r.d)) continue;
        snprintf(buf, sizeof buf, "%.17g", r.d);
        double back = strtod(buf, NULL);
        if (memcmp(&back, &r.d, 8) != 0) bad++;
        union { uint32_t u; float f; } rf = {.u = (uint32_t)(state >> 17)};
        if (isnan(rf.f) || isinf(rf.f)) continue;
        snprintf(buf, sizeof buf, "%.9g", (double)rf.f);
        float fb = strtof(buf, NULL);
        if (memcmp(&fb, &rf.f, 4) != 0) bad++;
    }
    printf("round-trip failures: %d\n", bad);
    return 0;
}
