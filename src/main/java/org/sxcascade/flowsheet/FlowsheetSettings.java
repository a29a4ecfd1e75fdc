package org.sxcascade.flowsheet;

import java.util.Locale;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.SolverSettings;

/**
 * How a flowsheet is solved: each cascade by Newton's method (tolerance and iteration limit as in
 * an ordinary case), the recycles by tear-stream iteration.
 *
 * @param tolerance         largest relative component imbalance allowed on any stage of any cascade
 * @param maxIterations     Newton iterations per cascade solve
 * @param tearTolerance     largest tear residual accepted: max over torn streams and components of
 *                          |x_new − x_old| / max(x_new, 1e-14 · stream total)
 * @param maxTearIterations passes through the flowsheet before the recycle is reported as not converged
 * @param tearStart         the first guess of the torn streams' compositions
 * @param acceleration      bounded Wegstein acceleration, or plain successive substitution
 */
public record FlowsheetSettings(double tolerance, int maxIterations, double tearTolerance, int maxTearIterations,
                                TearStart tearStart, Acceleration acceleration) {
    public static final double DEFAULT_TEAR_TOLERANCE = 1e-12;
    public static final int DEFAULT_MAX_TEAR_ITERATIONS = 500;
    public static final double MIN_TEAR_TOLERANCE = 1e-14;
    public static final double MAX_TEAR_TOLERANCE = 1e-3;
    public static final int MAX_TEAR_ITERATIONS_LIMIT = 100_000;

    /** First guess of a torn stream: its exact RE total (from the metal balance) times a composition. */
    public enum TearStart {
        /**
         * The flowsheet with every cascade as a sharp split (infinitely many stages): raffinates
         * take the least extractable components, loaded organics the most extractable.
         */
        SHARP,
        /** The composition of all fresh feeds mixed. */
        FEED,
        /** Equal mole fractions of the components present in the fresh feeds. */
        UNIFORM;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static TearStart parse(String field, String text) {
            return switch (text) {
                case "sharp" -> SHARP;
                case "feed" -> FEED;
                case "uniform" -> UNIFORM;
                default -> throw new InvalidInputException(field, text, "sharp, feed or uniform");
            };
        }
    }

    /** Update of the torn streams between passes. */
    public enum Acceleration {
        /** Wegstein's secant acceleration per component, q clipped to [−5, 0]. */
        WEGSTEIN,
        /** Plain successive substitution. */
        NONE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Acceleration parse(String field, String text) {
            return switch (text) {
                case "wegstein" -> WEGSTEIN;
                case "none" -> NONE;
                default -> throw new InvalidInputException(field, text, "wegstein or none");
            };
        }
    }

    public FlowsheetSettings {
        new SolverSettings(SolverSettings.Method.NEWTON, tolerance, maxIterations); // same ranges
        if (!(tearTolerance >= MIN_TEAR_TOLERANCE && tearTolerance <= MAX_TEAR_TOLERANCE)) {
            throw new InvalidInputException("tearTolerance", tearTolerance,
                    "a number from " + MIN_TEAR_TOLERANCE + " to " + MAX_TEAR_TOLERANCE);
        }
        if (maxTearIterations < 1 || maxTearIterations > MAX_TEAR_ITERATIONS_LIMIT) {
            throw new InvalidInputException("maxTearIterations", maxTearIterations,
                    "an integer from 1 to " + MAX_TEAR_ITERATIONS_LIMIT);
        }
        if (tearStart == null) {
            tearStart = TearStart.SHARP;
        }
        if (acceleration == null) {
            acceleration = Acceleration.WEGSTEIN;
        }
    }

    /** The defaults: Newton at 1e-12, tears to 1e-12 in at most 500 passes, sharp-split start, Wegstein. */
    public static FlowsheetSettings defaults() {
        return new FlowsheetSettings(SolverSettings.DEFAULT_TOLERANCE, SolverSettings.DEFAULT_NEWTON_ITERATIONS,
                DEFAULT_TEAR_TOLERANCE, DEFAULT_MAX_TEAR_ITERATIONS, TearStart.SHARP, Acceleration.WEGSTEIN);
    }

    /** These settings with another tear start. */
    public FlowsheetSettings withTearStart(TearStart start) {
        return new FlowsheetSettings(tolerance, maxIterations, tearTolerance, maxTearIterations, start, acceleration);
    }

    /** These settings with another acceleration. */
    public FlowsheetSettings withAcceleration(Acceleration a) {
        return new FlowsheetSettings(tolerance, maxIterations, tearTolerance, maxTearIterations, tearStart, a);
    }

    /** The settings of each cascade's Newton solve. */
    public SolverSettings unitSettings() {
        return new SolverSettings(SolverSettings.Method.NEWTON, tolerance, maxIterations);
    }
}
