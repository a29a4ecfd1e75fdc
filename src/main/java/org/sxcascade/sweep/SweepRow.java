package org.sxcascade.sweep;

import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.StringJoiner;

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
        values = values instanceof Values own ? own : new Values(values.toArray());
    }

    /** A row of a fresh array that nothing else holds: wrapped, not copied. */
    static SweepRow of(long point, Status status, Object[] fresh) {
        return new SweepRow(point, status, new Values(fresh));
    }

    /** An unmodifiable list over an array no one else holds (may hold nulls). */
    private static final class Values extends AbstractList<Object> implements RandomAccess {
        private final Object[] values;

        Values(Object[] values) {
            this.values = values;
        }

        @Override
        public Object get(int index) {
            return values[index];
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public Object[] toArray() {
            return values.clone();
        }
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

        /**
         * Rows by status as text, in the order of the statuses: {@code ok 112, invalid 3}.
         *
         * @param counts rows by status (statuses without rows may be absent)
         * @return each status present, its label and its count, separated by commas; empty for no rows
         */
        public static String summary(Map<Status, Long> counts) {
            StringJoiner text = new StringJoiner(", ");
            for (Status s : values()) {
                Long n = counts.get(s);
                if (n != null) {
                    text.add(s.label + " " + n);
                }
            }
            return text.toString();
        }
    }
}
