package org.sxcascade.dynamics;

import java.util.List;

/**
 * The time loop of a transient run ({@link TransientSimulator}):
 * steps to each event and to the end, samples at the sampling interval and at the end, measures
 * the state after every step (for the crossings of the targets and of the steady state), and at
 * each event switches to the next configuration, the feed so far kept at the old rates.
 */
final class TimeMarch {
    private TimeMarch() {
    }

    /**
     * What a run measures of a state: the parts every run shares (the distance to the final steady
     * state, the conservation error) here, the products and samples in the subclass.
     *
     * @param <S> the run's sample
     */
    abstract static class Probe<S> {
        final int n;
        final int c;
        final double[] steadyAmounts;
        final double[] inverseStageScale;
        final double[] initialInventory;
        final double[] fed;
        double[] fedBase;
        double eventTime;
        double distance;
        double conservation;

        /**
         * @param steadyAmounts     the state of the final steady state
         * @param inverseStageScale per stage, 1 over the content a stage's deviation is relative to
         * @param initialInventory  amount of each component held at t = 0
         */
        Probe(double[] steadyAmounts, double[] inverseStageScale, double[] initialInventory) {
            this.n = inverseStageScale.length;
            this.c = initialInventory.length;
            this.steadyAmounts = steadyAmounts;
            this.inverseStageScale = inverseStageScale;
            this.initialInventory = initialInventory;
            this.fed = new double[c];
        }

        /** The amounts fed up to {@code time}, after which the current configuration feeds at its rates. */
        final void feedFrom(double[] base, double time) {
            this.fedBase = base;
            this.eventTime = time;
        }

        /**
         * Sets {@link #distance}, max_kj |M_kj − M*_kj| · inverseStageScale_k (+∞ for NaN), and
         * {@link #conservation}, the largest relative error over components of accumulated = fed − withdrawn
         * (fed exact, rate × time; the rest integrated).
         */
        final void measureState(CascadeDynamics d, double t, double[] y) {
            double worst = 0;
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < c; j++) {
                    int i = k * c + j;
                    double r = Math.abs(y[i] - steadyAmounts[i]) * inverseStageScale[k];
                    if (!(r <= worst)) {
                        worst = Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
                    }
                }
            }
            distance = worst;
            double worstBalance = 0;
            int raff = d.raffinateOffset();
            int prod = d.organicProductOffset();
            int side = d.sideDrawOffset();
            for (int j = 0; j < c; j++) {
                fed[j] = fedBase[j] + d.feedRate(j) * (t - eventTime);
                double held = 0;
                for (int k = 0; k < n; k++) {
                    held += y[k * c + j];
                }
                double scale = fed[j] + initialInventory[j];
                if (scale > 0) {
                    double accumulated = held - initialInventory[j];
                    double withdrawn = y[raff + j] + y[prod + j] + y[side + j];
                    worstBalance = Math.max(worstBalance, Math.abs(accumulated - (fed[j] - withdrawn)) / scale);
                }
            }
            conservation = worstBalance;
        }

        /** Measures state {@code y} at time t in configuration {@code configuration} and returns its sample. */
        abstract S sample(int configuration, CascadeDynamics d, double t, double[] y);

        /** Measures state {@code y} at the end of a step and shows the run's crossings the measurement. */
        abstract void track(int configuration, CascadeDynamics d, double t, double[] y);

        /**
         * After {@link #track} at the end of a step from {@code from} to {@code to}: locates the
         * crossings that turned good in that step on the stepper's dense output ({@code work}
         * holds the interpolated states). Leaves the measurements of this probe undefined.
         */
        abstract void refine(int configuration, CascadeDynamics d, Stepper stepper, double from, double to,
                             double[] work);

        /** What the run had reached by time t, for error messages. */
        abstract String reached(double t);
    }

    /**
     * Runs {@code stepper} from {@code y0} at t = 0 to the simulated time, switching to
     * {@code dynamics[i]} at {@code switchTimes[i − 1]} (the events, and a start-up strategy's own
     * switches; the probe is told the index i of the phase in effect), and adds the samples to {@code samples}, and to
     * {@code tail} the states at the times {@code tailTimes} (ascending; e.g. for a projection,
     * whatever the sampling interval).
     *
     * @return the largest conservation error over every step and sample
     */
    static <S> double run(Stepper stepper, CascadeDynamics[] dynamics, double[] switchTimes, double[] y0,
                          TransientSettings s,
                          Probe<S> probe, List<S> samples, double[] tailTimes, List<S> tail,
                          TransientSolver.Progress listener) {
        CascadeDynamics current = dynamics[0];
        int c = current.components();
        double[] fedBase = new double[c];
        double eventTime = 0;
        double[] work = new double[current.dimension()];
        double end = s.simulatedHours();
        probe.feedFrom(fedBase, eventTime);
        samples.add(probe.sample(0, current, 0, y0));
        double lastSampled = 0;
        probe.track(0, current, 0, y0);
        double tTracked = 0;
        double maxConservation = probe.conservation;
        long nextSample = 1;
        int nextTail = 0;
        int nextEvent = 0;
        while (stepper.time() < end) {
            double limit = nextEvent < switchTimes.length ? Math.min(switchTimes[nextEvent], end) : end;
            try {
                stepper.step(limit);
            } catch (DormandPrince54.StepSizeUnderflowException e) {
                throw new TransientFailureException(e.getMessage() + "; " + probe.reached(stepper.time()));
            }
            if (stepper.steps() > TransientSimulator.MAX_STEPS) {
                throw new TransientFailureException("more than " + TransientSimulator.MAX_STEPS
                        + " integration steps; " + probe.reached(stepper.time()));
            }
            double t = Math.min(stepper.time(), end);
            while (nextSample * s.samplingHours() <= t * (1 + 1e-12)) {
                double ts = Math.min(nextSample * s.samplingHours(), end);
                stepper.interpolate(ts, work);
                samples.add(probe.sample(nextEvent, current, ts, work));
                lastSampled = ts;
                maxConservation = Math.max(maxConservation, probe.conservation);
                nextSample++;
            }
            while (nextTail < tailTimes.length && tailTimes[nextTail] <= t * (1 + 1e-12)) {
                stepper.interpolate(Math.min(tailTimes[nextTail], end), work);
                tail.add(probe.sample(nextEvent, current, Math.min(tailTimes[nextTail], end), work));
                nextTail++;
            }
            if (stepper.time() >= end * (1 - 1e-12) && lastSampled < end * (1 - 1e-12)) {
                // the end sample, in the configuration that produced it (before any event due now)
                stepper.interpolate(end, work);
                samples.add(probe.sample(nextEvent, current, end, work));
                lastSampled = end;
                maxConservation = Math.max(maxConservation, probe.conservation);
            }
            double[] y = stepper.state();
            if (stepper.time() > end) {
                stepper.interpolate(end, work);
                y = work;
            }
            probe.track(nextEvent, current, t, y);
            maxConservation = Math.max(maxConservation, probe.conservation);
            if (!(stepper instanceof Stepper.Rows)) {
                probe.refine(nextEvent, current, stepper, tTracked, t, work);
            }
            tTracked = t;
            // every event due by now (several may share a time), each from the end of the last step
            while (nextEvent < switchTimes.length && stepper.time() >= switchTimes[nextEvent] * (1 - 1e-12)) {
                // the feed so far at the old rates, then the new configuration from here
                for (int j = 0; j < c; j++) {
                    fedBase[j] += current.feedRate(j) * (stepper.time() - eventTime);
                }
                eventTime = stepper.time();
                probe.feedFrom(fedBase, eventTime);
                current = dynamics[++nextEvent];
                stepper.reconfigure(current);
            }
            if (listener != null && (stepper.steps() & 63) == 0) {
                listener.progress(Math.min(1, t / end), t, stepper.steps());
            }
        }
        if (listener != null) {
            listener.progress(1, end, stepper.steps());
        }
        return maxConservation;
    }
}
