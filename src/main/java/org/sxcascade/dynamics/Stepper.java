package org.sxcascade.dynamics;

/** Advances a state in time: the integrator, or rows (shared by the transient runs). */
interface Stepper {
    void step(double limit);

    double time();

    double[] state();

    void interpolate(double t, double[] out);

    void reconfigure(CascadeDynamics d);

    long steps();

    long rejected();

    long evaluations();

    /** The continuous model, integrated by Dormand–Prince. */
    final class Continuous implements Stepper {
        final DormandPrince54 integrator;

        Continuous(CascadeDynamics d, double[] y0, double rtol, double[] atol) {
            integrator = new DormandPrince54(rtol, atol);
            integrator.start(d::derivatives, 0, y0, 0.01 * d.shortestResidenceTime());
        }

        @Override
        public void step(double limit) {
            integrator.step(limit);
        }

        @Override
        public double time() {
            return integrator.time();
        }

        @Override
        public double[] state() {
            return integrator.state();
        }

        @Override
        public void interpolate(double t, double[] out) {
            integrator.interpolate(t, out);
        }

        @Override
        public void reconfigure(CascadeDynamics d) {
            integrator.restart(d::derivatives);
        }

        @Override
        public long steps() {
            return integrator.acceptedSteps();
        }

        @Override
        public long rejected() {
            return integrator.rejectedSteps();
        }

        @Override
        public long evaluations() {
            return integrator.evaluations();
        }
    }

    /**
     * The continuous model, integrated by Dormand–Prince while the state moves fast (the fill, where
     * an explicit fifth-order step is long and cheap) and by an L-stable Rosenbrock method once its
     * steps would be much longer than the explicit method's stability limit (the slow approach to
     * steady state: the problem has become stiff). Every {@link #TRIAL_EVERY} explicit steps one
     * implicit step is tried from the current state with {@link #TRIAL_FACTOR} times the explicit
     * step; the run stays implicit if the step accepted is at least {@link #SWITCH_FACTOR} times the
     * explicit one, and returns to the explicit method when the implicit step falls below that.
     * With {@code implicitOnly} the Rosenbrock method runs from the start. Both keep every linear
     * invariant, so conservation holds through the switches.
     */
    final class Implicit implements Stepper {
        static final int TRIAL_EVERY = 100;
        static final double TRIAL_FACTOR = 20;
        static final double SWITCH_FACTOR = 4;
        final DormandPrince54 explicit;
        final Rosenbrock implicit;
        final boolean implicitOnly;
        CascadeDynamics dynamics;
        /** The explicit method's view of {@link #dynamics} (made once per system: switching allocates nothing). */
        DormandPrince54.OdeSystem rhs;
        boolean onImplicit;
        /** Whether the last step was the implicit method's (for {@link #interpolate}). */
        boolean lastImplicit;
        /** Whether the next step is a trial of the implicit method. */
        boolean trialDue;
        double explicitStep;
        int sinceTrial;
        long steps;
        long rejected;
        double firstImplicitTime = Double.NaN;

        /**
         * @param implicit     the Rosenbrock method (made for {@code d}'s dimensions)
         * @param implicitOnly whether it runs from the start, without Dormand–Prince
         */
        Implicit(CascadeDynamics d, double[] y0, double rtol, double[] atol, Rosenbrock implicit, boolean implicitOnly) {
            dynamics = d;
            rhs = d::derivatives;
            explicit = new DormandPrince54(rtol, atol);
            this.implicit = implicit;
            this.implicitOnly = implicitOnly;
            double h0 = 0.01 * d.shortestResidenceTime();
            if (implicitOnly) {
                implicit.start(d, 0, y0, h0);
                onImplicit = true;
                firstImplicitTime = 0;
            } else {
                explicit.start(rhs, 0, y0, h0);
            }
        }

        @Override
        public void step(double limit) {
            if (!onImplicit && !trialDue) {
                long before = explicit.rejectedSteps();
                explicit.step(limit);
                rejected += explicit.rejectedSteps() - before;
                steps++;
                lastImplicit = false;
                explicitStep = explicit.time() - explicit.previousTime();
                // the trial is the next call's step: one call, one step, so that the caller samples
                // this step's interval with this step's dense output
                trialDue = ++sinceTrial >= TRIAL_EVERY && explicit.time() < limit;
                return;
            }
            if (trialDue) {
                trialDue = false;
                sinceTrial = 0;
                implicit.start(dynamics, explicit.time(), explicit.state(), TRIAL_FACTOR * explicitStep);
            }
            long before = implicit.rejectedSteps();
            double t0 = implicit.time();
            implicit.step(limit);
            rejected += implicit.rejectedSteps() - before;
            steps++;
            lastImplicit = true;
            if (implicitOnly) {
                return;
            }
            double taken = implicit.time() - t0;
            boolean worth = taken >= SWITCH_FACTOR * explicitStep || implicit.time() >= limit;
            if (worth && !onImplicit && Double.isNaN(firstImplicitTime)) {
                firstImplicitTime = t0;
            }
            onImplicit = worth;
            if (!worth) {
                // back to the explicit method from here, at its last step size
                explicit.start(rhs, implicit.time(), implicit.state(), explicitStep);
            }
        }

        @Override
        public double time() {
            return lastImplicit ? implicit.time() : explicit.time();
        }

        @Override
        public double[] state() {
            return lastImplicit ? implicit.state() : explicit.state();
        }

        @Override
        public void interpolate(double t, double[] out) {
            if (lastImplicit) {
                implicit.interpolate(t, out);
            } else {
                explicit.interpolate(t, out);
            }
        }

        @Override
        public void reconfigure(CascadeDynamics d) {
            dynamics = d;
            rhs = d::derivatives;
            if (onImplicit) {
                implicit.restart(d);
            } else {
                explicit.restart(rhs);
            }
        }

        @Override
        public long steps() {
            return steps;
        }

        @Override
        public long rejected() {
            return rejected;
        }

        @Override
        public long evaluations() {
            return explicit.evaluations() + implicit.evaluations();
        }

        /** Steps the implicit method took. */
        long implicitSteps() {
            return implicit.acceptedSteps();
        }
    }

    /** Xu's rows, one per step. */
    final class Rows implements Stepper {
        final double rowHours;
        final double[] y;
        final double[] previous;
        CascadeDynamics dynamics;
        double t;
        long rows;

        Rows(CascadeDynamics d, double[] y0, double rowHours) {
            this.dynamics = d;
            this.rowHours = rowHours;
            this.y = y0.clone();
            this.previous = y0.clone();
        }

        @Override
        public void step(double limit) {
            System.arraycopy(y, 0, previous, 0, y.length);
            dynamics.row(y, rowHours);
            t = ++rows * rowHours;
        }

        @Override
        public double time() {
            return t;
        }

        @Override
        public double[] state() {
            return y;
        }

        /** Linear in time between the last two rows. */
        @Override
        public void interpolate(double tq, double[] out) {
            double w = (tq - (t - rowHours)) / rowHours;
            for (int i = 0; i < y.length; i++) {
                out[i] = previous[i] + w * (y[i] - previous[i]);
            }
        }

        @Override
        public void reconfigure(CascadeDynamics d) {
            dynamics = d;
        }

        @Override
        public long steps() {
            return rows;
        }

        @Override
        public long rejected() {
            return 0;
        }

        @Override
        public long evaluations() {
            return rows;
        }
    }
}
