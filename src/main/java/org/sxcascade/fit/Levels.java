package org.sxcascade.fit;

/**
 * Eliminates one level per group of points (an experiment, a sample): given a model's predictions
 * without the level, each group's level is the weighted mean of target − prediction over its
 * points, the weighted least-squares value of a level that shifts every point of the group alike.
 * This is variable projection for a model linear in its levels: the fit then runs over the other
 * parameters only, their covariance from the projected Jacobian is exact (Frisch–Waugh–Lovell),
 * and each level uses up one degree of freedom ({@link WeightedLeastSquares#fit(WeightedLeastSquares.Model,
 * double[], double[], double[], String[], int)}).
 */
final class Levels {
    private Levels() {
    }

    /**
     * {@code out = raw + level of its group}, groups being runs of equal {@code group} values
     * (points in group order), for the first {@code group.length} points of the arrays (the others
     * are left alone). Allocates nothing.
     */
    static void project(int[] group, double[] raw, double[] target, double[] weight, double[] out) {
        int n = group.length;
        for (int start = 0; start < n; ) {
            int end = start;
            double sum = 0;
            double sumWeight = 0;
            for (; end < n && group[end] == group[start]; end++) {
                sum += weight[end] * (target[end] - raw[end]);
                sumWeight += weight[end];
            }
            double level = sum / sumWeight;
            for (int i = start; i < end; i++) {
                out[i] = raw[i] + level;
            }
            start = end;
        }
    }
}
