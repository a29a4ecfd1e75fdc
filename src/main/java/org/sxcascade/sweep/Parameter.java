package org.sxcascade.sweep;

import java.util.List;

/**
 * One varied quantity of a sweep: the case-file fields it sets, and its values (a list, or a range
 * expanded for a grid) or, for sampling, the range it is drawn from.
 *
 * @param name    its column name in the results (default: its path)
 * @param paths   the case fields it sets, all to the same value (e.g. both stage counts)
 * @param integer whether the fields take integers (stage counts, iteration limits)
 * @param values  the values of a list or of a grid range, in order; {@code null} for a range that
 *                is sampled
 * @param range   the range a sampled parameter is drawn from, or {@code null} for a list
 */
public record Parameter(String name, List<ParameterPath> paths, boolean integer, double[] values, Range range) {
    /** Copies the paths and the values (the record never shares a caller's array). */
    public Parameter {
        paths = List.copyOf(paths);
        values = values == null ? null : values.clone();
    }

    /**
     * A range of values.
     *
     * @param from  first value
     * @param to    last value (at least {@code from})
     * @param log   whether values are spaced evenly in their logarithm (both ends &gt; 0)
     */
    public record Range(double from, double to, boolean log) {
    }

    /**
     * The grid values (a copy).
     *
     * @return the listed or stepped values, or {@code null} for a sampled range
     */
    @Override
    public double[] values() {
        return values == null ? null : values.clone();
    }

    /** Number of grid values (lists and grid ranges). */
    int count() {
        return values.length;
    }

    /** The grid value number {@code i}. */
    double value(int i) {
        return values[i];
    }

    /**
     * The value at a fraction {@code u} in [0, 1) of the parameter's distribution: uniform over
     * the listed values, or uniform (in the logarithm for a log range) over the range; integer
     * ranges are uniform over the integers from {@code from} to {@code to}.
     */
    double sample(double u) {
        if (values != null) {
            return values[Math.min((int) (u * values.length), values.length - 1)];
        }
        if (integer) {
            double span = range.to() - range.from() + 1;
            return Math.min(range.from() + Math.floor(u * span), range.to());
        }
        if (range.log()) {
            double x = range.from() * Math.exp(u * Math.log(range.to() / range.from()));
            return Math.min(Math.max(x, range.from()), range.to());
        }
        return range.from() + u * (range.to() - range.from());
    }
}
