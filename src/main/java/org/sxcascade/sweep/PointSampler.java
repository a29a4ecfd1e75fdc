package org.sxcascade.sweep;

/**
 * The points of a sweep, by index 0 … size − 1. A point's values depend on its index and the
 * spec alone (never on threads, shards or the order of evaluation), so any runner, local or on
 * Spark, gets the same point for the same index.
 */
public interface PointSampler {
    /**
     * Number of points.
     *
     * @return the number of points, ≥ 1
     */
    long size();

    /**
     * Writes the values of a point, one per parameter in spec order.
     *
     * @param index the point, 0 … {@link #size()} − 1
     * @param out   receives the values; its length is the number of parameters
     * @throws IndexOutOfBoundsException for an index outside 0 … size − 1
     */
    void values(long index, double[] out);

    /**
     * The sampler of a spec. Thread-safe: its points may be asked for from any thread.
     *
     * @param spec the sweep
     * @return its points: a grid, Latin hypercube or random samples
     */
    static PointSampler of(SweepSpec spec) {
        return switch (spec.sampling()) {
            case GRID -> new Samplers.Grid(spec.parameters(), spec.pointCount());
            case RANDOM -> new Samplers.Random(spec.parameters(), spec.pointCount(), spec.seed());
            case LATIN_HYPERCUBE -> new Samplers.LatinHypercube(spec.parameters(), spec.pointCount(), spec.seed());
        };
    }
}

