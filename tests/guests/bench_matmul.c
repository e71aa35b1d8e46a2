/* Benchmark: double-precision matrix multiply (naive ijk and blocked ikj),
 * checks both agree, then a few power-iteration steps. Optional argv[1] = N
 * (default 220). Exits 0. */
#include <stdio.h>
#include <stdlib.h>
#include <math.h>

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 220;
    double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n), *c = malloc(sizeof(double) * n * n),
           *d = calloc((size_t)n * n, sizeof(double));
    unsigned s = 1;
    for (int i = 0; i < n * n; i++) {
        s = s * 1103515245u + 12345u; a[i] = (double)(s >> 16 & 0x7fff) / 32768.0 - 0.5;
        s = s * 1103515245u + 12345u; b[i] = (double)(s >> 16 & 0x7fff) / 16384.0 - 1.0;
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int k = 0; k < n; k++) sum += a[i * n + k] * b[k * n + j];
            c[i * n + j] = sum;
        }
    const int B = 16;
    for (int ii = 0; ii < n; ii += B)
        for (int kk = 0; kk < n; kk += B)
            for (int i = ii; i < ii + B && i < n; i++)
                for (int k = kk; k < kk + B && k < n; k++) {
                    double aik = a[i * n + k];
                    for (int j = 0; j < n; j++) d[i * n + j] += aik * b[k * n + j];
                }
    double tr = 0, fro = 0, maxdiff = 0;
    for (int i = 0; i < n; i++) tr += c[i * n + i];
    for (int i = 0; i < n * n; i++) { fro += c[i] * c[i]; double df = fabs(c[i] - d[i]); if (df > maxdiff) maxdiff = df; }
    printf("n=%d trace=%.12e frobenius=%.12e maxdiff<1e-9: %d\n", n, tr, sqrt(fro), maxdiff < 1e-9);
    printf("c[0]=%.15g c[n-1]=%.15g c[last]=%.15g\n", c[0], c[n - 1], c[n * n - 1]);
    double *v = malloc(sizeof(double) * n), *w = malloc(sizeof(double) * n), lambda = 0;
    for (int i = 0; i < n; i++) v[i] = 1.0;
    for (int it = 0; it < 30; it++) {
        double norm = 0;
        for (int i = 0; i < n; i++) { double t = 0; for (int j = 0; j < n; j++) t += c[i * n + j] * c[j * n + i] * v[j]; w[i] = t; norm += t * t; }
        norm = sqrt(norm);
        lambda = norm;
        for (int i = 0; i < n; i++) v[i] = w[i] / norm;
    }
    printf("power iteration estimate %.10e v0=%.10f\n", lambda, v[0]);
    return 0;
}
