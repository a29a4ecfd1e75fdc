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

    /** Points of rare earth k. */
    public int count(int k) {
        int n = 0;
        for (int e : selection.pointElement()) {
            n += e == k ? 1 : 0;
        }
        return n;
    }
}
