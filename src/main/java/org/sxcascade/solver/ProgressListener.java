package org.sxcascade.solver;

/** Told about the progress of a solve; must be cheap and must not throw. */
@FunctionalInterface
public interface ProgressListener {
    /**
     * @param fraction   how far along, 0 … 1 (Newton: the continuation parameter; rows: the
     *                   fall of the imbalance from its start to the tolerance, on a log scale)
     * @param iterations Newton iterations or rows so far
     * @param residual   the current largest relative stage imbalance
     */
    void progress(double fraction, int iterations, double residual);
}
