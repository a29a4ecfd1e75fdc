package org.sxcascade.solver;

/** Log-sum-exp helpers that keep −∞ (an absent flow) exact. */
final class LogSum {
    private LogSum() {
    }

    /** ln(e^a + e^b). */
    static double of(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        // Math.log(1 + x) instead of log1p: log1p is not an intrinsic on JDK 17 (~20 ns) and the
        // absolute error 1e-16 it saves is far below any tolerance here
        return a > b ? a + Math.log(1 + Math.exp(b - a)) : b + Math.log(1 + Math.exp(a - b));
    }

    /** ln(e^a + e^b + e^c). */
    static double of(double a, double b, double c) {
        return of(of(a, b), c);
    }

    /** ln Σ e^x over {@code count} entries from {@code off}. */
    static double of(double[] x, int off, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, x[off + i]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += Math.exp(x[off + i] - max);
        }
        return max + Math.log(sum);
    }
}
