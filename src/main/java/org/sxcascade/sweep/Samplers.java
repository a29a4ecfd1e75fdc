package org.sxcascade.sweep;

import java.util.List;

/** The implementations of {@link PointSampler}, and the counter-based generator they share. */
final class Samplers {
    private Samplers() {
    }

    /** What every sampler keeps: the parameters and the number of points. */
    abstract static class Base implements PointSampler {
        final Parameter[] parameters;
        final long size;

        Base(List<Parameter> parameters, long size) {
            this.parameters = parameters.toArray(new Parameter[0]);
            this.size = size;
        }

        @Override
        public long size() {
            return size;
        }
    }

    /** The full grid: every combination, the first parameter varying slowest (like nested loops). */
    static final class Grid extends Base {
        /**
         * @param parameters the parameters, each with its grid values
         * @param size       the product of their numbers of values ({@link SweepSpec#pointCount()})
         */
        Grid(List<Parameter> parameters, long size) {
            super(parameters, size);
        }

        @Override
        public void values(long index, double[] out) {
            checkIndex(index, size);
            long rest = index;
            for (int d = parameters.length - 1; d >= 0; d--) {
                int count = parameters[d].count();
                out[d] = parameters[d].value((int) (rest % count));
                rest /= count;
            }
        }
    }

    /** Independent uniform samples: value d of point i from a counter-based generator keyed by (seed, d, i). */
    static final class Random extends Base {
        private final long seed;

        Random(List<Parameter> parameters, long size, long seed) {
            super(parameters, size);
            this.seed = seed;
        }

        @Override
        public void values(long index, double[] out) {
            checkIndex(index, size);
            for (int d = 0; d < parameters.length; d++) {
                out[d] = parameters[d].sample(uniform(seed, d, index));
            }
        }
    }

    /**
     * Latin hypercube: each parameter's range is cut into {@code size} equal strata (of
     * probability), and point i uses stratum π_d(i) of parameter d, where π_d is a permutation of
     * 0 … size − 1 keyed by (seed, parameter) ({@link IndexPermutation}), so each stratum is used
     * by exactly one point; within its stratum a point's value is placed by the counter-based
     * generator keyed by (seed, parameter, index). Nothing is stored per point: a point's values
     * are computed from its index alone, in constant memory (a Spark task builds this sampler
     * for nothing).
     */
    static final class LatinHypercube extends Base {
        private final long seed;
        private final IndexPermutation[] strata;

        LatinHypercube(List<Parameter> parameters, long size, long seed) {
            super(parameters, size);
            this.seed = seed;
            this.strata = new IndexPermutation[this.parameters.length];
            for (int d = 0; d < this.parameters.length; d++) {
                strata[d] = new IndexPermutation(size, mix(seed ^ mix(d + 0x5DEECE66DL)));
            }
        }

        @Override
        public void values(long index, double[] out) {
            checkIndex(index, size);
            for (int d = 0; d < parameters.length; d++) {
                double u = (strata[d].apply(index) + uniform(seed, d, index)) / size;
                out[d] = parameters[d].sample(Math.min(u, Math.nextDown(1.0)));
            }
        }
    }

    /**
     * A keyed permutation of 0 … size − 1 computed one index at a time, in constant memory: a
     * balanced Feistel network (six rounds of SplitMix64's mix) on the smallest even number of
     * bits, at least 2, that holds size − 1, and cycle-walking (applying it again while the result
     * is size or more; fewer than 4 times on average, since that domain is under 4 × size). A
     * Feistel network is a bijection of its domain whatever its round function, and cycle-walking
     * restricts a bijection to a bijection of 0 … size − 1.
     */
    static final class IndexPermutation {
        private static final int ROUNDS = 6;
        private final long size;
        private final int half;
        private final long mask;
        private final long key;

        /**
         * @param size the number of indices, ≥ 1 (less than 2⁶²)
         * @param key  selects the permutation
         */
        IndexPermutation(long size, long key) {
            if (size < 1 || size >= 1L << 62) {
                throw new IllegalArgumentException("size " + size);
            }
            int bits = 64 - Long.numberOfLeadingZeros(size - 1);
            bits = Math.max(2, bits + (bits & 1));
            this.size = size;
            this.half = bits / 2;
            this.mask = (1L << half) - 1;
            this.key = key;
        }

        /** The image of {@code index} (0 … size − 1). */
        long apply(long index) {
            checkIndex(index, size);
            long x = index;
            do {
                x = feistel(x);
            } while (x >= size);
            return x;
        }

        private long feistel(long x) {
            long left = x >>> half;
            long right = x & mask;
            for (int round = 0; round < ROUNDS; round++) {
                long f = mix((key + 0x9E3779B97F4A7C15L * (round + 1)) ^ right) & mask;
                long t = left ^ f;
                left = right;
                right = t;
            }
            return left << half | right;
        }
    }

    /** A uniform number in [0, 1) that depends on (seed, dimension, index) only. */
    static double uniform(long seed, int dimension, long index) {
        long z = mix(mix(seed + 0x9E3779B97F4A7C15L * (dimension + 1)) + 0xBF58476D1CE4E5B9L * index);
        return (z >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's finalizer: a bijective mix of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static void checkIndex(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("point " + index + " of " + size);
        }
    }
}
