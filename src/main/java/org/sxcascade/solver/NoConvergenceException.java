package org.sxcascade.solver;

import java.util.Locale;

/**
 * A steady state that was not reached. Carries what was reached so the user can judge: the
 * iterations spent, the largest relative stage imbalance left and where it was.
 */
public class NoConvergenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String method;
    private final int iterations;
    private final double residual;
    private final double tolerance;
    private final int worstStage;
    private final int worstComponent;
    private final String componentName;
    private final boolean limitReached;
    private final String reason;
    /** Whether the failed solve already ran Xu's rows (as its start), so rows again would only repeat them. */
    private boolean rowsTried;

    /**
     * @param worstComponent index (0-based) of the component with the largest imbalance
     * @param componentName  how the message names it (e.g. "Nd", "H+"; {@link CascadeNetwork#componentName})
     * @param limitReached   whether the solver stopped at its iteration limit (it might go on) rather
     *                       than because no step could make progress
     */
    public NoConvergenceException(String method, String reason, int iterations, double residual, double tolerance,
                                  int worstStage, int worstComponent, String componentName, boolean limitReached) {
        super(message(method, reason, iterations, residual, tolerance, worstStage, componentName));
        this.method = method;
        this.reason = reason;
        this.iterations = iterations;
        this.residual = residual;
        this.tolerance = tolerance;
        this.worstStage = worstStage;
        this.worstComponent = worstComponent;
        this.componentName = componentName;
        this.limitReached = limitReached;
    }

    /**
     * The message: what was reached, where, and the tolerance. A residual that is not finite is said
     * to be so (the iteration overflowed), not printed as "Infinity"; a location is named only when
     * it is a stage of the cascade (1-based).
     */
    private static String message(String method, String reason, int iterations, double residual, double tolerance,
                                  int worstStage, String componentName) {
        boolean finite = Double.isFinite(residual);
        String left = finite ? String.format(Locale.ROOT, "largest relative stage imbalance %.3e", residual)
                : "the stage residuals overflowed (not finite)";
        String where = worstStage < 1 ? ""
                : String.format(Locale.ROOT, finite ? " (stage %d, component %s)" : " at stage %d, component %s",
                        worstStage, componentName);
        return String.format(Locale.ROOT, "%s did not converge: %s after %d iterations; %s%s, tolerance %.1e",
                method, reason, iterations, left, where, tolerance);
    }

    /**
     * Whether the failed solve already ran Xu's rows as its start (the two-phase solver does for
     * mass action): a fallback on the row iteration would only repeat them, for minutes.
     */
    public boolean rowsTried() {
        return rowsTried;
    }

    /** Marks that the failed solve already ran the rows ({@link #rowsTried()}); returns this exception. */
    NoConvergenceException markRowsTried() {
        rowsTried = true;
        return this;
    }

    /** Whether the solver stopped at its iteration limit rather than for lack of progress. */
    public boolean limitReached() {
        return limitReached;
    }

    /** Why the solve stopped, as the message gives it after "did not converge: ". */
    public String reason() {
        return reason;
    }

    public String method() {
        return method;
    }

    public int iterations() {
        return iterations;
    }

    public double residual() {
        return residual;
    }

    public double tolerance() {
        return tolerance;
    }

    /** Stage (1-based) with the largest imbalance. */
    public int worstStage() {
        return worstStage;
    }

    /** Component index (0-based) with the largest imbalance. */
    public int worstComponent() {
        return worstComponent;
    }

    /** How the message names the component with the largest imbalance. */
    public String componentName() {
        return componentName;
    }
}
