package org.sxcascade.dynamics;

import org.sxcascade.model.InvalidInputException;

/** Simulates a cascade in time: start-up from blank, or the answer to step changes. */
public interface TransientSolver {

    /**
     * Runs the case over its simulated time.
     *
     * @throws InvalidInputException     if the case cannot be run (as input errors elsewhere)
     * @throws TransientFailureException if the integration breaks down
     * @throws org.sxcascade.solver.NoConvergenceException if the reference steady state of
     *         {@code simulate} cannot be found
     */
    TransientResult run(TransientCase transientCase);

    /**
     * Runs the case started up by {@code strategy} instead of its {@code initial} setting (with
     * {@code null}: {@link #run(TransientCase)}).
     *
     * @throws InvalidInputException where the strategy does not suit the case (the message says why)
     */
    TransientResult run(TransientCase transientCase, StartupStrategy strategy);

    /** Sets (or with {@code null} removes) the listener told of the progress. */
    void setProgressListener(Progress listener);

    /** Told how far a run has come; must be cheap and must not throw. */
    @FunctionalInterface
    interface Progress {
        /**
         * @param fraction simulated time reached over simulated time, 0 … 1
         * @param hours    simulated time reached, h
         * @param steps    integration steps or rows so far
         */
        void progress(double fraction, double hours, long steps);
    }

    /** The solver for a method; both report through the same result. */
    static TransientSolver forMethod(TransientSettings.Method method) {
        return new TransientSimulator(method);
    }
}
