package org.sxcascade.sweep;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One point's result: its values in the column order of its {@link RowFormat} (the point index,
 * the parameters, the status, the solver's numbers, the recorded outputs, the reason).
 * Values are {@link Long}, {@link Integer}, {@link Double}, {@link String}, {@link Boolean} or
 * {@code null} for an empty cell.
 *
 * @param point  the point's index
 * @param status what happened
 * @param values every column's value
 */
public record SweepRow(long point, Status status, List<Object> values) {
    /** Copies the values into an unmodifiable list (which may hold nulls: empty cells). */
    public SweepRow {
        values = Collections.unmodifiableList(Arrays.asList(values.toArray()));
    }

    /** What happened at a point (column {@code status}). */
    public enum Status {
        /** Solved (designed, optimized): every recorded column has its value. */
        OK("ok"),
        /** The point is not a valid case (e.g. S outside W &lt; S &lt; W + 1): the reason names the field. */
        INVALID("invalid"),
        /** Design or optimize: the targets cannot be met (within the limits). */
        INFEASIBLE("infeasible"),
        /** The steady state was not reached: iterations and residual say how far it came. */
        NO_CONVERGENCE("no-convergence"),
        /** An internal error (a bug): the reason gives it; please report it. */
        ERROR("error");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** The spelling in the results. */
        public String label() {
            return label;
        }
    }
}
