package org.sxcascade.fit;

/**
 * Another data set predicted with a fit's parameters, without refitting
 * ({@link MassActionFit#predict}).
 *
 * @param selection the rows and points predicted, and what was left out
 * @param measured  log10 D measured, per point
 * @param predicted log10 D predicted, per point
 */
public record Prediction(ShakeoutSelection selection, double[] measured, double[] predicted) {

    /** RMS of predicted − measured log10 D over the points of rare earth k (NaN without points). */
    public double rmsLog10D(int k) {
        double ss = 0;
        int n = 0;
        for (int i = 0; i < measured.length; i++) {
            if (k < 0 || selection.pointElement()[i] == k) {
                double r = predicted[i] - measured[i];
                ss += r * r;
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.sqrt(ss / n);
    }

    /** RMS of predicted − measured log10 D over all points. */
    public double rmsLog10D() {
        return rmsLog10D(-1);
    }

    /**
     * RMS of the residuals within experiments: over the experiments with points of two or more rare
     * earths, each residual less the mean residual of its experiment. This measures how well the
     * ratios of D in one experiment, the separation factors, are predicted, whatever the level of D
     * (unweighted: with equal weights it is the RMS log10 D of a separation-factor fit). NaN without
     * such experiments.
     */
    public double rmsWithinExperiments() {
        double ss = 0;
        int n = 0;
        int[] row = selection.pointRow();
        for (int start = 0; start < row.length; ) {
            int end = start;
            double mean = 0;
            for (; end < row.length && row[end] == row[start]; end++) {
                mean += predicted[end] - measured[end];
            }
            if (end - start >= 2) {
                mean /= end - start;
                for (int i = start; i < end; i++) {
                    double r = predicted[i] - measured[i] - mean;
                    ss += r * r;
                    n++;
                }
            }
            start = end;
        }
        return n == 0 ? Double.NaN : Math.sqrt(ss / n);
    }

    /** Experiments with points of two or more rare earths (those {@link #rmsWithinExperiments} counts). */
    public int experimentsWithSeveralPoints() {
        int count = 0;
        int[] row = selection.pointRow();
        for (int start = 0; start < row.length; ) {
            int end = start;
            while (end < row.length && row[end] == row[start]) {
                end++;
            }
            count += end - start >= 2 ? 1 : 0;
            start = end;
        }
        return count;
    }

    /** Points of rare earth k. */
    public int count(int k) {
        int n = 0;
        for (int e : selection.pointElement()) {
            n += e == k ? 1 : 0;
        }
        return n;
    }
}
