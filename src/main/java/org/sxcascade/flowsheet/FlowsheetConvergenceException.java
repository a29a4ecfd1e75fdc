package org.sxcascade.flowsheet;

/**
 * A flowsheet that did not reach its steady state: a cascade's Newton solve failed during a tear
 * pass, or the recycle (tear) iteration did not meet its tolerance. The message says what was
 * reached; {@link #hint()} what to try.
 */
public class FlowsheetConvergenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String hint;
    private final int tearIterations;
    private final double tearResidual;

    public FlowsheetConvergenceException(String message, String hint, int tearIterations, double tearResidual,
                                         Throwable cause) {
        super(message, cause);
        this.hint = hint;
        this.tearIterations = tearIterations;
        this.tearResidual = tearResidual;
    }

    /** What the user can do, one sentence. */
    public String hint() {
        return hint;
    }

    /** Passes made through the flowsheet. */
    public int tearIterations() {
        return tearIterations;
    }

    /** The last tear residual reached (NaN if no pass completed). */
    public double tearResidual() {
        return tearResidual;
    }
}
