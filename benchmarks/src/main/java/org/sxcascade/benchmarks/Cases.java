package org.sxcascade.benchmarks;

import java.util.List;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.Feed;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionFlows;
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

    /**
     * The binary case with n = m = 500 (1000 stages) and the same flows: the organic product is
     * pinched near the scrub minimum (y_A(1000) = 0.999099811), the raffinate's A falls to e^−218.
     */
    static CascadeNetwork binary1000() {
        return CascadeNetwork.of(new CascadeCase("binary 1000", List.of("A", "B"),
                new ConstantSeparationFactors(2, 1),
                new Feed(FeedPhase.AQUEOUS, new double[] {0.5, 0.5}, null, null),
                new Cascade(500, 500), new XuFlows(BINARY_S, BINARY_W), null, null, SolverSettings.defaults()));
    }

    /** The binary 60-stage cascade as a case (for the transient benchmarks). */
    static CascadeCase binary60Case() {
        return new CascadeCase("binary 60", List.of("A", "B"),
                new ConstantSeparationFactors(2, 1),
                new Feed(FeedPhase.AQUEOUS, new double[] {0.5, 0.5}, null, null),
                new Cascade(30, 30), new XuFlows(BINARY_S, BINARY_W), null, null, SolverSettings.defaults());
    }

    static CascadeNetwork fiveComponent200() {
        return fiveComponent(100);
    }

    /** The five-component case with n = m = {@code section} stages (FIVE_S, FIVE_W). */
    static CascadeNetwork fiveComponent(int section) {
        return CascadeNetwork.of(new CascadeCase("five components " + 2 * section, List.of("C1", "C2", "C3", "C4", "C5"),
                new ConstantSeparationFactors(FIVE_BETA),
                new Feed(FeedPhase.AQUEOUS, FIVE_FEED, null, null),
                new Cascade(section, section), new XuFlows(FIVE_S, FIVE_W), null, null, SolverSettings.defaults()));
    }

    /** Mass-action case: rare earths in the order of their exchange constants. */
    static final List<String> MA5_RARE_EARTHS = List.of("La", "Ce", "Pr", "Nd", "Sm");
    /** K_ex of La, Ce, Pr, Nd, Sm (dimensionless). */
    static final double[] MA5_EXCHANGE = {0.002, 0.008, 0.02, 0.03, 0.15};
    /** Feed RE mole fractions, same order. */
    static final double[] MA5_FEED = {0.25, 0.45, 0.05, 0.15, 0.10};
    /** Extraction, scrub and strip stages: 45 + 45 + 10 = 100. */
    static final int MA5_EXTRACTION = 45;
    static final int MA5_SCRUB = 45;
    static final int MA5_STRIP = 10;

    /**
     * Five rare earths × 100 stages with mass-action chemistry (docs/mass-action.md), the
     * same case as this {@code model: mass-action} file:
     * <pre>
     * components: La 0.002, Ce 0.008, Pr 0.02, Nd 0.03, Sm 0.15 (exchangeConstant)
     * extractant: {concentration: 0.75, cation: Na, cationExchangeConstant: 0.001}
     * feed: {composition: {La: 0.25, Ce: 0.45, Pr: 0.05, Nd: 0.15, Sm: 0.10}, concentration: 1.0,
     *        acidity: 0.01, flow: 10}
     * cascade: {extractionStages: 45, scrubStages: 45, stripStages: 10}
     * flows: {organicFlow: 150, saponification: 0.40, scrubFlow: 0, stripFlow: 18.3, stripAcidity: 5.0,
     *         reflux: 0.6}
     * </pre>
     * The molar scale is the feed's RE flow, 10 L/h × 1 mol/L = 10 mol/h, as the case reader sets it.
     */
    static MassActionCase massAction5Case() {
        double feedFlow = 10;
        double feedConcentration = 1.0;
        MassActionEquilibrium eq = new MassActionEquilibrium(MA5_EXCHANGE, 0.001, 0.75, feedFlow * feedConcentration);
        return new MassActionCase("mass action 5 x 100", MA5_RARE_EARTHS, eq, "Na",
                new Feed(FeedPhase.AQUEOUS, MA5_FEED.clone(), feedFlow, feedConcentration), 0.01,
                new Cascade(MA5_EXTRACTION, MA5_SCRUB), MA5_STRIP,
                new MassActionFlows(150, 0.40, 0, 0, 18.3, 5.0, 0.6), new double[] {1, 1, 1}, null, null,
                SolverSettings.defaults());
    }

    /**
     * {@link #massAction5Case()} at another length: {@code stages} in all, a tenth of them (at least
     * 2) stripping and the rest split evenly between extraction and scrubbing, same flows.
     */
    static CascadeNetwork massAction5(int stages) {
        MassActionCase c = massAction5Case();
        int strip = Math.max(2, stages / 10);
        int extraction = (stages - strip) / 2;
        return CascadeNetwork.massAction(new MassActionCase(c.name(), c.rareEarths(), c.equilibrium(), c.cation(),
                c.feeds(), new Cascade(extraction, stages - strip - extraction), strip, c.flows(), c.preload(),
                c.efficiency(), c.raffinateTarget(), c.stripTarget(), c.sideDraws(), c.solver()));
    }

    static CascadeNetwork massAction5() {
        return CascadeNetwork.massAction(massAction5Case());
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark case is wrong: " + what);
        }
    }
}
