package org.sxcascade.sweep;

import org.sxcascade.design.FlowChoice;
import org.sxcascade.optimize.OptimizerSettings;

/**
 * What a sweep runs at each point (spec key {@code run}) and with which settings.
 *
 * @param kind          simulate, design or optimize
 * @param flowChoice    design: how the flows are chosen (Xu's optimum, a margin over the minimum,
 *                      or a fixed S or W); {@code null} otherwise
 * @param maxStages     design: the largest n + m; 0 otherwise
 * @param reagentExcess design and optimize: strip acid and saponification base above 3 mol per
 *                      mol RE, as a fraction (simulate: 0)
 * @param optimizer     optimize: objective and bounds; {@code null} otherwise
 * @param rowsFallback  simulate: solve with Xu's row iteration when Newton's method fails (as
 *                      {@code simulate} does), or record the point as not converged
 * @param warmStart     simulate on a grid: start each point from the converged steady state of the
 *                      point before it in its block of {@value PointEvaluator#WARM_BLOCK} (spec key
 *                      {@code warmStart}; docs/sweep.md)
 */
public record SweepTask(Kind kind, FlowChoice flowChoice, int maxStages, double reagentExcess,
                        OptimizerSettings optimizer, boolean rowsFallback, boolean warmStart) {

    /** A task without warm starts. */
    public SweepTask(Kind kind, FlowChoice flowChoice, int maxStages, double reagentExcess,
                     OptimizerSettings optimizer, boolean rowsFallback) {
        this(kind, flowChoice, maxStages, reagentExcess, optimizer, rowsFallback, false);
    }

    /** What runs at each point. */
    public enum Kind {
        /** Simulate the point's case (as {@code sxcascade simulate}). */
        SIMULATE("simulate"),
        /** Design a cascade for the point's targets, verified stage by stage (as {@code sxcascade design}). */
        DESIGN("design"),
        /** Optimize the point's cascade for the spec's objective (as {@code sxcascade optimize}). */
        OPTIMIZE("optimize");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /**
         * The spelling in spec files.
         *
         * @return {@code simulate}, {@code design} or {@code optimize}
         */
        public String label() {
            return label;
        }
    }
}
