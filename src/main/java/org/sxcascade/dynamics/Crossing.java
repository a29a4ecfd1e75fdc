package org.sxcascade.dynamics;

/** Watches a quantity for the time after which it stays on the good side of a bound. */
final class Crossing {
    final double bound;
    final boolean above; // good when value ≥ bound (else ≤ bound)
    final boolean logarithmic;
    double lastTime = Double.NaN;
    double lastValue = Double.NaN;
    Double since;
    /** Whether the last {@link #observe} found the quantity newly on the good side (for {@link #refine}). */
    boolean turnedGood;

    Crossing(double bound, boolean above, boolean logarithmic) {
        this.bound = bound;
        this.above = above;
        this.logarithmic = logarithmic;
    }

    /** Whether {@code value} is on the good side of the bound. */
    boolean good(double value) {
        return above ? value >= bound : value <= bound;
    }

    void observe(double t, double value) {
        boolean good = good(value);
        turnedGood = good && since == null && Double.isFinite(lastTime) && t > lastTime;
        if (good && since == null) {
            boolean interpolate = Double.isFinite(lastValue) && lastValue != value && t > lastTime;
            if (interpolate && logarithmic && lastValue > 0 && value > 0) {
                double a = Math.log(lastValue);
                double b = Math.log(value);
                since = lastTime + (Math.log(bound) - a) / (b - a) * (t - lastTime);
            } else if (interpolate) {
                since = lastTime + (bound - lastValue) / (value - lastValue) * (t - lastTime);
            } else {
                since = t;
            }
        } else if (!good) {
            since = null;
        }
        lastTime = t;
        lastValue = value;
    }

    /**
     * Moves {@link #since}, after {@link #observe} found the quantity newly good at the end of a
     * step from {@code from} to {@code to}, to a time within the step where it turns good, by
     * bisection on the integrator's dense output ({@code goodAt}) to 1e-9 of the time: the
     * interpolation of {@link #observe} between step ends is then only a first guess, and a step of
     * any size (an implicit step of days) locates the crossing as well as a small one. A quantity
     * that turns good, bad and good again within one step is located at one of its crossings, not
     * necessarily the last.
     */
    void refine(double from, double to, java.util.function.DoublePredicate goodAt) {
        if (!turnedGood) {
            return;
        }
        turnedGood = false;
        double lo = from;
        double hi = to;
        if (goodAt.test(lo)) {
            since = lo;
            return;
        }
        while (hi - lo > 1e-9 * Math.max(1, hi)) {
            double mid = 0.5 * (lo + hi);
            if (goodAt.test(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        since = hi;
    }
}
