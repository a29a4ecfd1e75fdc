package org.sxcascade.benchmarks;

import java.util.List;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.Feed;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.model.XuFlows;
import org.sxcascade.solver.CascadeNetwork;

/** The cascades the benchmarks solve, built once per trial in the states' {@code @Setup}. */
final class Cases {
    private Cases() {
    }

    /** Binary CMER: β = {2, 1}, aqueous feed {0.5, 0.5}, n = m = 30, S = 1.7086449, W = 1.2081944. */
    static final double BINARY_S = 1.7086449;
    static final double BINARY_W = 1.2081944;
    /** Loaded-organic purity y_A on stage 60, from both solvers (they agree to 2.4e-13). */
    static final double BINARY_ORGANIC_PURITY = 0.99909591888;
    /** Raffinate purity x_B on stage 1. */
    static final double BINARY_RAFFINATE_PURITY = 0.99999610080;

    /** Five components, β_{j+1}/β_j = 1.5. */
    static final double[] FIVE_BETA = {1, 1.5, 2.25, 3.375, 5.0625};
    /** Aqueous feed; component 5 (the most extractable) is a trace at 1e-4. */
    static final double[] FIVE_FEED = {0.3, 0.25, 0.25, 0.1999, 0.0001};
    /** f'_A = 0.1999 + 0.0001 = 0.2 (components 4, 5 to the organic); W = f'_A/(√1.5 − 1)·1.3. */
    static final double FIVE_W = 0.2 / (Math.sqrt(1.5) - 1) * 1.3;
    /** S = W + f'_A. */
    static final double FIVE_S = FIVE_W + 0.2;

    static CascadeNetwork binary60() {
        return CascadeNetwork.of(binary60Case());
    }

    /** The binary 60-stage cascade as a case (for the transient benchmarks). */
    static CascadeCase binary60Case() {
        return new CascadeCase("binary 60", List.of("A", "B"),
                new ConstantSeparationFactors(2, 1),
                new Feed(FeedPhase.AQUEOUS, new double[] {0.5, 0.5}, null, null),
                new Cascade(30, 30), new XuFlows(BINARY_S, BINARY_W), null, null, SolverSettings.defaults());
    }

    static CascadeNetwork fiveComponent200() {
        return CascadeNetwork.of(new CascadeCase("five components 200", List.of("C1", "C2", "C3", "C4", "C5"),
                new ConstantSeparationFactors(FIVE_BETA),
                new Feed(FeedPhase.AQUEOUS, FIVE_FEED, null, null),
                new Cascade(100, 100), new XuFlows(FIVE_S, FIVE_W), null, null, SolverSettings.defaults()));
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark case is wrong: " + what);
        }
    }
}
