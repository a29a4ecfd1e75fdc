package org.sxcascade.dynamics;

/**
 * A run that produced no usable answer: the integration broke down, or the simulated time was too
 * short to reach any purity target or the steady state. The message says why and what was reached.
 */
public class TransientFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TransientFailureException(String message) {
        super(message);
    }
}
