package org.sxcascade.dynamics;

/** Watches a quantity for the time after which it stays on the good side of a bound. */
final class Crossing {
    final double bound;
    final boolean above; // good when value ≥ bound (else ≤ bound)
    final boolean logarithmic;
    double lastTime = Double.NaN;
    double lastValue = Double.NaN;
    Double since;

    Crossing(double bound, boolean above, boolean logarithmic) {
        this.bound = bound;
        this.above = above;
        this.logarithmic = logarithmic;
    }

    void observe(double t, double value) {
        boolean good = above ? value >= bound : value <= bound;
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
}
