package org.sxcascade.solver;

import java.util.ArrayList;
import java.util.List;
import org.sxcascade.equilibrium.ConstantDistributionRatios;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.Feed;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.model.VolumetricFlows;
import org.sxcascade.model.XuFlows;

/** Test cases built in code (reference numbers as in docs/theory.md, Reference numbers). */
public final class Cases {
    private Cases() {
    }

    /** Zhang binary reference flows (aqueous feed). */
    public static final double ZHANG_S = 1.7086449;
    public static final double ZHANG_W = 1.2081944;
    /** Zhang binary reference flows (organic feed). */
    public static final double ZHANG_ORG_S = 1.2060192;
    public static final double ZHANG_ORG_W = 1.7055687;

    public static CascadeCase cmer(double[] beta, double[] feed, FeedPhase phase, int n, int m, double s, double w) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < beta.length; j++) {
            names.add("C" + (j + 1));
        }
        return new CascadeCase("test", names, new ConstantSeparationFactors(beta), new Feed(phase, feed, null, null),
                new Cascade(n, m), new XuFlows(s, w), null, null, SolverSettings.defaults());
    }

    public static CascadeCase zhang(FeedPhase phase, int n, int m) {
        return phase == FeedPhase.AQUEOUS
                ? cmer(new double[] {2, 1}, new double[] {0.5, 0.5}, phase, n, m, ZHANG_S, ZHANG_W)
                : cmer(new double[] {2, 1}, new double[] {0.5, 0.5}, phase, n, m, ZHANG_ORG_S, ZHANG_ORG_W);
    }

    /** A single extraction section with barren organic, aqueous feed at the top. */
    public static CascadeCase kremser(double[] d, double[] feed, int stages, double aqueousFlow, double organicFlow) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d.length; j++) {
            names.add("C" + (j + 1));
        }
        return new CascadeCase("kremser", names, new ConstantDistributionRatios(d),
                new Feed(FeedPhase.AQUEOUS, feed, aqueousFlow, null), new Cascade(stages, 0),
                new VolumetricFlows(aqueousFlow, organicFlow, 0), null, null, SolverSettings.defaults());
    }

    public static SteadyState newton(CascadeCase c) {
        return new NewtonCascadeSolver().solve(CascadeNetwork.of(c), SolverSettings.defaults());
    }

    public static SteadyState rows(CascadeCase c) {
        return new RowIterationSolver().solve(CascadeNetwork.of(c), SolverSettings.defaults(SolverSettings.Method.ROWS));
    }
}
