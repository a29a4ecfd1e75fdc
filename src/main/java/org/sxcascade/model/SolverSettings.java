package org.sxcascade.model;

/**
 * How the steady state is computed.
 *
 * @param method        {@link Method#NEWTON} (default) or {@link Method#ROWS}, Xu's row-by-row
 *                      iteration (slow; a cross-check)
 * @param tolerance     largest relative imbalance allowed on any stage for any component,
 *                      |ln(in/out)|; from 1e-14 to 1e-4
 * @param maxIterations Newton iterations (or rows) before giving up, at least 1
 */
public record SolverSettings(Method method, double tolerance, int maxIterations) {
    /** Steady-state methods. */
    public enum Method {
        NEWTON, ROWS;

        /** The method of a spelling ({@code newton} or {@code rows}); {@code field} names its origin in the message. */
        public static Method parse(String field, String text) {
            return switch (text) {
                case "newton" -> NEWTON;
                case "rows" -> ROWS;
                default -> throw new InvalidInputException(field, text, "newton or rows");
            };
        }
    }

    public static final double DEFAULT_TOLERANCE = 1e-12;
    public static final int DEFAULT_NEWTON_ITERATIONS = 10_000;
    public static final int DEFAULT_ROWS = 20_000_000;

    public SolverSettings {
        if (method == null) {
            method = Method.NEWTON;
        }
        if (!(tolerance >= 1e-14 && tolerance <= 1e-4)) {
            throw new InvalidInputException("tolerance", tolerance, "a number from 1e-14 to 1e-4");
        }
        if (maxIterations < 1) {
            throw new InvalidInputException("maxIterations", maxIterations, "an integer ≥ 1");
        }
    }

    /** Newton with the default tolerance. */
    public static SolverSettings defaults() {
        return new SolverSettings(Method.NEWTON, DEFAULT_TOLERANCE, DEFAULT_NEWTON_ITERATIONS);
    }

    /** Default settings for the given method. */
    public static SolverSettings defaults(Method method) {
        return new SolverSettings(method, DEFAULT_TOLERANCE,
                method == Method.ROWS ? DEFAULT_ROWS : DEFAULT_NEWTON_ITERATIONS);
    }
}
