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
