/* <fenv.h>: fesetround/fegetround in all 4 modes with arithmetic, sqrt,
 * conversions, rint/nearbyint/lrint and printf results in each mode;
 * feclearexcept/fetestexcept after divide-by-zero, overflow, underflow,
 * inexact, invalid; feraiseexcept, fegetexceptflag/fesetexceptflag,
 * fegetenv/fesetenv, feholdexcept/feupdateenv. Note: glibc's ARM fenv
 * functions only work when AT_HWCAP has HWCAP_VFP. Built with -frounding-math
 * (fenv.cflags). Exits 0. */
#include <stdio.h>
#include <fenv.h>
#include <math.h>
#include <float.h>

static volatile double one = 1.0, three = 3.0, zero = 0.0, two = 2.0, big = DBL_MAX, tiny = DBL_MIN, m1 = -1.0;
static volatile float fone = 1.0f, fthree = 3.0f;

static void show(const char *what, int e) {
    printf("%-26s:%s%s%s%s%s%s\n", what, e & FE_INVALID ? " INVALID" : "", e & FE_DIVBYZERO ? " DIVBYZERO" : "",
           e & FE_OVERFLOW ? " OVERFLOW" : "", e & FE_UNDERFLOW ? " UNDERFLOW" : "", e & FE_INEXACT ? " INEXACT" : "",
           e ? "" : " none");
}
#define TEST(name, expr)                                   \
    do {                                                   \
        feclearexcept(FE_ALL_EXCEPT);                      \
        volatile double r_ = (expr);                       \
        int e_ = fetestexcept(FE_ALL_EXCEPT);              \
        show(name, e_);                                    \
        printf("    value %a\n", (double)r_);             \
    } while (0)

int main(void) {
    static const struct { int mode; const char *name; } modes[] = {
        {FE_TONEAREST, "TONEAREST"}, {FE_UPWARD, "UPWARD"}, {FE_DOWNWARD, "DOWNWARD"}, {FE_TOWARDZERO, "TOWARDZERO"}};
    printf("default round mode is TONEAREST: %d\n", fegetround() == FE_TONEAREST);
    for (int i = 0; i < 4; i++) {
        int rc = fesetround(modes[i].mode);
        printf("== %s: fesetround rc=%d fegetround ok=%d\n", modes[i].name, rc, fegetround() == modes[i].mode);
        double a = one / three, b = -one / three, c = two / three;
        float fa = fone / fthree, fb = -fone / fthree;
        double s = sqrt(two);
        double of = big * two, uf = tiny * tiny;
        float narrowed = (float)(one / three);
        float nneg = (float)(-one / three);
        printf("  1/3=%a -1/3=%a 2/3=%a\n", a, b, c);
        printf("  f 1/3=%a -1/3=%a narrowed=%a %a\n", (double)fa, (double)fb, (double)narrowed, (double)nneg);
        printf("  sqrt2=%a big*2=%g tiny^2=%a 1+2^-53=%a -1-2^-53=%a\n", s, of, uf, one + 0x1p-53 * 1.5, m1 - 0x1p-53 * 1.5);
        volatile double hv[] = {2.5, -2.5, 3.5, 0.5, -0.4, 1.6};
        for (int k = 0; k < 6; k++)
            printf("  x=%4.1f rint=%g nearbyint=%g lrint=%ld llrint=%lld round=%g\n", hv[k], rint(hv[k]), nearbyint(hv[k]),
                   lrint(hv[k]), llrint(hv[k]), round(hv[k]));
        printf("  printf 1/3 %%.3f=%.3f 2/3 %%.20f=%.20f 0.125 %%.2f=%.2f\n", one / three, two / three, 0.125);
        printf("  exp(1)=%.17g log(10)=%.17g sin(1)=%.17g\n", exp(one), log(10 * one), sin(one));
    }
    fesetround(FE_TONEAREST);
    printf("invalid mode rc=%d still nearest=%d\n", fesetround(0x12345) != 0, fegetround() == FE_TONEAREST);

    TEST("1/0", one / zero);
    TEST("-1/0", m1 / zero);
    TEST("DBL_MAX*2", big * two);
    TEST("DBL_MIN*DBL_MIN", tiny * tiny);
    TEST("DBL_MIN/2 (exact denorm)", tiny / two);
    TEST("DBL_MIN/3", tiny / three);
    TEST("1/3", one / three);
    TEST("1+1", one + one);
    TEST("0/0", zero / zero);
    TEST("sqrt(-1)", sqrt(m1));
    TEST("inf-inf", one / zero - one / zero);
    TEST("inf*0", (one / zero) * zero);
    TEST("float overflow 1e38f*10", (double)((float)1e38 * (float)(10 * one)));
    TEST("double->float overflow", (double)(float)(big / 3));
    TEST("double->float inexact", (double)(float)(one / three));
    TEST("log(0)", log(zero));
    TEST("exp(1000)", exp(1000 * one));
    TEST("exp(-1000)", exp(-1000 * one));
    TEST("pow(-1,0.5)", pow(m1, 0.5 * one));

    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(FE_OVERFLOW | FE_INEXACT);
    show("feraiseexcept(OVF|INX)", fetestexcept(FE_ALL_EXCEPT));
    fexcept_t saved;
    fegetexceptflag(&saved, FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    show("after clear", fetestexcept(FE_ALL_EXCEPT));
    fesetexceptflag(&saved, FE_OVERFLOW);
    show("fesetexceptflag(OVF)", fetestexcept(FE_ALL_EXCEPT));
    feclearexcept(FE_OVERFLOW);

    fenv_t env;
    fesetround(FE_UPWARD);
    fegetenv(&env);
    fesetround(FE_DOWNWARD);
    volatile double x = one / three;
    show("before fesetenv", fetestexcept(FE_ALL_EXCEPT));
    fesetenv(&env);
    printf("fesetenv restored UPWARD: %d (x=%a)\n", fegetround() == FE_UPWARD, x);
    fesetenv(FE_DFL_ENV);
    printf("FE_DFL_ENV -> nearest: %d\n", fegetround() == FE_TONEAREST);
    show("flags after FE_DFL_ENV", fetestexcept(FE_ALL_EXCEPT));

    feholdexcept(&env);
    volatile double y = one / zero;
    show("inside hold (1/0)", fetestexcept(FE_ALL_EXCEPT));
    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(FE_INEXACT);
    feupdateenv(&env);
    show("after feupdateenv", fetestexcept(FE_ALL_EXCEPT));
    printf("y=%g\n", y);
    return 0;
}
