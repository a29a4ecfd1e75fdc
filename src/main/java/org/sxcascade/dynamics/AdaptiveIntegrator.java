package org.sxcascade.dynamics;

/**
 * What the adaptive one-step integrators of a transient run share ({@link DormandPrince54},
 * {@link Rosenbrock2}): the state, the last two step points with their derivatives for cubic
 * Hermite dense output (HNW I §II.6, which reproduces linear invariants exactly), the step loop
 * that lands on {@code tEnd} and retries rejected steps, and the counters. A subclass supplies one
 * trial step and its step-size control. Allocation-free after construction.
 */
abstract class AdaptiveIntegrator {
    final int n;
    final double rtol;
    final double[] atol;
    final double[] y;
    final double[] yPrevious;
    final double[] yTrial;
    /** f(y) at the current and at the previous step point. */
    final double[] f;
    final double[] fPrevious;
    double t;
    double tPrevious;
    double h;
    long accepted;
    long rejected;
    long evaluations;

    AdaptiveIntegrator(double rtol, double[] atol) {
        if (!(rtol > 0)) {
            throw new IllegalArgumentException("rtol must be > 0");
        }
        this.n = atol.length;
        this.rtol = rtol;
        this.atol = atol.clone();
        y = new double[n];
        yPrevious = new double[n];
        yTrial = new double[n];
        f = new double[n];
        fPrevious = new double[n];
    }

    /** Sets the start (t0, y0) and the first trial step h0. */
    final void startAt(double t0, double[] y0, double h0) {
        System.arraycopy(y0, 0, y, 0, n);
        System.arraycopy(y0, 0, yPrevious, 0, n);
        t = t0;
        tPrevious = t0;
        h = h0;
    }

    /** One trial step of size hs from (t, y): fills {@link #yTrial}, returns the scaled error (> 1: reject). */
    abstract double attempt(double hs);

    /** The next step size after a step of hs accepted with error err. */
    abstract double acceptedStep(double hs, double err);

    /** The step size to retry with after a step of hs rejected with error err. */
    abstract double rejectedStep(double hs, double err);

    /** Sets {@link #f} to f(y) at the new step point (y already moved there). */
    abstract void newDerivative();

    /** Called before each step's first trial. */
    void beforeStep() {
    }

    /**
     * Takes one accepted step, not beyond {@code tEnd} (a step that would pass it is shortened to
     * end on it exactly).
     *
     * @throws DormandPrince54.StepSizeUnderflowException if the step size falls below rounding level
     */
    final void advance(double tEnd) {
        beforeStep();
        while (true) {
            double hTry = h;
            boolean last = false;
            if (t + hTry >= tEnd || tEnd - (t + hTry) < 1e-12 * Math.abs(tEnd)) {
                hTry = tEnd - t;
                last = true;
            }
            if (!(hTry > 1e-13 * Math.max(1, Math.abs(t)))) {
                throw new DormandPrince54.StepSizeUnderflowException(t, hTry);
            }
            double err = attempt(hTry);
            if (err <= 1) {
                double hNew = acceptedStep(hTry, err);
                System.arraycopy(y, 0, yPrevious, 0, n);
                System.arraycopy(f, 0, fPrevious, 0, n);
                System.arraycopy(yTrial, 0, y, 0, n);
                newDerivative();
                tPrevious = t;
                t = last ? tEnd : t + hTry;
                h = last ? Math.max(h, hNew) : hNew;
                accepted++;
                return;
            }
            rejected++;
            h = rejectedStep(hTry, err);
        }
    }

    /** The largest error of {@code e[i]·hs} (or of {@code e} when {@code hs} is 1) against atol + rtol·|y|. */
    final double scaledError(double e, int i, double largest) {
        double scale = atol[i] + rtol * Math.max(Math.abs(y[i]), Math.abs(yTrial[i]));
        double r = Math.abs(e) / scale;
        if (!(r <= largest)) {
            return Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
        }
        return largest;
    }

    /**
     * The solution at {@code tq} between the last two step points, by cubic Hermite interpolation
     * of the end values and derivatives (HNW I §II.6).
     */
    public final void interpolate(double tq, double[] out) {
        double hs = t - tPrevious;
        if (hs == 0) {
            System.arraycopy(y, 0, out, 0, n);
            return;
        }
        double th = (tq - tPrevious) / hs;
        double th1 = th - 1;
        for (int i = 0; i < n; i++) {
            double dy = y[i] - yPrevious[i];
            out[i] = yPrevious[i] + th * dy
                    + th * th1 * ((1 - 2 * th) * dy + th1 * hs * fPrevious[i] + th * hs * f[i]);
        }
    }

    /** The current time. */
    public final double time() {
        return t;
    }

    /** The time of the previous step point. */
    public final double previousTime() {
        return tPrevious;
    }

    /** The current solution (live array: do not modify). */
    public final double[] state() {
        return y;
    }

    public final long acceptedSteps() {
        return accepted;
    }

    public final long rejectedSteps() {
        return rejected;
    }

    /** Right-hand-side evaluations so far. */
    public final long evaluations() {
        return evaluations;
    }
}
