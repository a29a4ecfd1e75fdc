/**
 * Parameter sweeps: a base case run over a parameter space (docs/sweep.md).
 *
 * <p>{@link org.sxcascade.sweep.SweepSpec} is the validated spec; a {@link org.sxcascade.sweep.PointSampler}
 * enumerates its points by index (a grid, a Latin hypercube or seeded random samples, each point's
 * values a function of its index alone); a {@link org.sxcascade.sweep.PointEvaluator} builds,
 * validates and runs one point per call, reusing its solver; {@link org.sxcascade.sweep.RowFormat}
 * turns results into rows with a stable column order (CSV, JSON Lines, typed values for Parquet);
 * {@link org.sxcascade.sweep.LocalSweep} runs a sweep on all cores and writes rows in point order,
 * resumable after an interruption, optionally one {@link org.sxcascade.sweep.Shard} of it.
 * The Spark job in {@code spark/} uses the same classes, so its rows are the same.
 */
package org.sxcascade.sweep;
