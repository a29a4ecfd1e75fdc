package org.sxcascade.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.Feed;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionFeed;
import org.sxcascade.model.MassActionFlows;
import org.sxcascade.model.MassActionPreload;
import org.sxcascade.model.MassActionCaseView;
import org.sxcascade.report.SimulationReport;

/**
 * Inlets of mass-action cascades beyond the single feed and the barren saponified organic: RE
 * pre-loaded on the organic entering stage 1, and several aqueous feeds at chosen stages.
 */
class MassActionInletsTest {
    private static final int PR = 0;
    private static final int ND = 1;
    private static MassActionCase bundled;
    private static SteadyState bundledState;

    @BeforeAll
    static void solveBundled() {
        bundled = new CaseReader().readMassAction(Path.of("cases/pr-nd-mass-action.yaml"));
        bundledState = solve(bundled);
    }

    private static SteadyState solve(MassActionCase c) {
        return new NewtonCascadeSolver().solve(CascadeNetwork.massAction(c), c.solver());
    }

    private static Feed feed(double pr, double flow) {
        return new Feed(FeedPhase.AQUEOUS, new double[] {pr, 1 - pr}, flow, 1.0);
    }

    /**
     * Every balance of a solved mass-action case closes to 1e-10: H, M and the extractant on every
     * stage, and each rare earth over the whole cascade (raffinate + strip liquor not refluxed +
     * stripped organic = everything that entered, feeds and pre-load).
     */
    private static void assertCloses(MassActionCase c, SteadyState s) {
        CascadeNetwork net = CascadeNetwork.massAction(c);
        SimulationReport r = new SimulationReport(c, net, s);
        assertThat(s.residual()).isLessThanOrEqualTo(1e-12);
        assertThat(s.massBalanceError()).isLessThan(1e-10);
        assertThat(MassActionCaseView.of(r.view()).hydrogenBalance()).isLessThan(1e-10);
        assertThat(MassActionCaseView.of(r.view()).cationBalance()).isLessThan(1e-10);
        assertThat(MassActionCaseView.of(r.view()).extractantBalance()).isLessThan(1e-10);
        int split = c.cascade().totalStages() + 1;
        int top = c.totalStages();
        double reflux = c.flows().reflux();
        for (int j = 0; j < 2; j++) {
            double out = s.aqueousFlow(1, j) + (1 - reflux) * s.aqueousFlow(split, j) + s.organicFlow(top, j);
            assertThat(Math.abs(out - net.totalFeed(j)) / net.totalFeed(j)).as("RE %d", j).isLessThan(1e-10);
            double[] recovery = r.recovery(j);
            assertThat(recovery[0] + recovery[1] + recovery[2]).isCloseTo(1, within(1e-10));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // the pre-loaded organic

    /** Site balance y_H + 3Y + y_M = 2C; H as without pre-load; M less by 3Y; RE as given. */
    @Test
    void preloadedOrganicReplacesThreeCationsPerRareEarth() {
        // C = 0.75 mol/L, s = 0.4, O = 230 L/h, scale 10 mol/h; Y = 0.02 Pr + 0.03 Nd mol/L
        MassActionEquilibrium eq = new MassActionEquilibrium(new double[] {0.02, 0.03}, 1e-3, 0.75, 10);
        double[] soap = eq.saponifiedOrganic(0.4, 230);
        double[] pre = eq.preloadedOrganic(0.4, 230, new double[] {0.02, 0.03});
        assertThat(pre[PR]).isCloseTo(0.02 * 23, within(1e-14));
        assertThat(pre[ND]).isCloseTo(0.03 * 23, within(1e-14));
        assertThat(pre[2]).isCloseTo((2 * 0.4 * 0.75 - 3 * 0.05) * 23, within(1e-12));
        assertThat(pre[3]).isEqualTo(soap[3]);
        double perLitre = 10 / 230.0;
        assertThat((pre[3] + 3 * (pre[PR] + pre[ND]) + pre[2]) * perLitre).isCloseTo(2 * 0.75, within(1e-14));
        // free dimer e = C − 3Y − ½ y_M = C(1 − s) − 1.5 Y, exchangeable H = 2e + 3Y
        double e = 0.75 - 3 * 0.05 - 0.5 * pre[2] * perLitre;
        assertThat(e).isCloseTo(0.75 * 0.6 - 1.5 * 0.05, within(1e-14));
        assertThat(pre[3] * perLitre).isCloseTo(2 * e + 3 * 0.05, within(1e-14));
        // no pre-load: exactly the saponified organic
        assertThat(eq.preloadedOrganic(0.4, 230, new double[2])).containsExactly(soap);
        // capacity: 2sC/3 = 0.2 mol/L (all Na replaced) at s = 0.4; below 2C(1 − s)/3 = 0.1 at s = 0.8
        assertThat(eq.maximumPreload(0.4)).isCloseTo(0.2, within(1e-15));
        assertThat(eq.preloadedOrganic(0.4, 230, new double[] {0.2, 0})[2]).isZero();
        assertThat(eq.preloadFits(0.4, 0.2)).isTrue();
        assertThat(eq.preloadFits(0.4, 0.2001)).isFalse();
        assertThat(eq.maximumPreload(0.8)).isCloseTo(0.1, within(1e-15));
        assertThat(eq.preloadFits(0.8, 0.0999)).isTrue();
        assertThat(eq.preloadFits(0.8, 0.1)).isFalse();
        assertThatThrownBy(() -> eq.preloadedOrganic(0.4, 230, new double[] {0.15, 0.06}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("from 0 to 0.2 mol/L");
    }

    /** The bundled pre-loaded case: every balance closes; the pre-loaded Pr leaves in the raffinate. */
    @Test
    void preloadedCaseClosesEveryBalance() {
        MassActionCase c = new CaseReader().readMassAction(Path.of("cases/pr-nd-mass-action-preloaded.yaml"));
        assertThat(c.preload().concentration()).isEqualTo(0.02);
        CascadeNetwork net = CascadeNetwork.massAction(c);
        // Pr in: 0.25 from the feed + 0.02 mol/L × 230 L/h / 10 mol/h = 0.46 pre-loaded
        assertThat(net.totalFeed(PR)).isCloseTo(0.25 + 0.46, within(1e-14));
        assertThat(net.totalFeed(ND)).isCloseTo(0.75, within(1e-14));
        assertThat(net.feed(1, PR)).isCloseTo(0.46, within(1e-14));
        // Na in is 3 × 0.46 less than without the pre-load; the organic's H is the same
        MassActionEquilibrium eq = c.equilibrium();
        assertThat(net.feed(1, eq.cationIndex())).isCloseTo(2 * 0.4 * 0.75 * 23 - 3 * 0.46, within(1e-12));
        assertThat(net.feed(1, eq.hydrogenIndex()))
                .isEqualTo(CascadeNetwork.massAction(bundled).feed(1, eq.hydrogenIndex()));
        SteadyState s = solve(c);
        assertCloses(c, s);
        SimulationReport r = new SimulationReport(c, net, s);
        assertThat(r.targetsMet()).isTrue();
        // products carry 1.46 mol RE per mol fed; the raffinate takes nearly all the Pr
        double re = r.products().stream().mapToDouble(SimulationReport.Product::flow).sum();
        assertThat(re).isCloseTo(1.46, within(1e-10));
        assertThat(r.recovery(PR)[0]).isGreaterThan(0.9999);
        // the organic enters at saponification 0.4 − 3 × 0.02 / (2 × 0.75) = 0.36
        MassActionCaseView.Inlet organic = MassActionCaseView.of(r.view()).inlets().get(0);
        assertThat(organic.saponification()).isCloseTo(0.36, within(1e-14));
        assertThat(organic.rareEarth()).isCloseTo(0.46, within(1e-14));
        assertThat(organic.composition().get("Pr")).isEqualTo(1.0);
    }

    /** A pre-load of 0 is the saponified organic: the same network and, bit for bit, the same solution. */
    @Test
    void zeroPreloadReproducesTheBundledCase() {
        MassActionCase c = bundled.withPreload(new MassActionPreload(0, new double[] {0.5, 0.5}));
        assertThat(c.preload()).isNotNull();
        SteadyState s = solve(c);
        assertThat(s.lnAqueous()).containsExactly(bundledState.lnAqueous());
        assertThat(s.lnOrganic()).containsExactly(bundledState.lnOrganic());
        assertThat(s.iterations()).isEqualTo(bundledState.iterations());
    }

    /** Over capacity: 2sC/3 with s ≤ ½, free dimer above 0 with s > ½; messages name field, value and range. */
    @Test
    void preloadBeyondCapacityIsRefused() {
        MassActionPreload pr = new MassActionPreload(0.21, new double[] {1, 0});
        assertThatThrownBy(() -> bundled.withPreload(pr)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("flows.preload.concentration = 0.21 is not allowed: from 0 to 0.2 mol/L RE")
                .hasMessageContaining("2sC/3");
        MassActionCase fits = bundled.withPreload(new MassActionPreload(0.2, new double[] {1, 0}));
        assertThat(fits.organicInlet()[2]).isZero();
        MassActionFlows f = bundled.flows();
        MassActionFlows highSoap = new MassActionFlows(f.organicFlow(), 0.8, f.scrubFlow(), f.scrubAcidity(),
                f.stripFlow(), f.stripAcidity(), f.reflux());
        MassActionCase c = bundled.withFlows(highSoap);
        assertThatThrownBy(() -> c.withPreload(new MassActionPreload(0.1, new double[] {1, 0})))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("flows.preload.concentration = 0.1 is not allowed: from 0 to below 0.1")
                .hasMessageContaining("free dimer");
        // withFlows keeps the pre-load and checks it against the new saponification
        MassActionCase loaded = bundled.withPreload(new MassActionPreload(0.1, new double[] {1, 0}));
        MassActionFlows lowSoap = new MassActionFlows(f.organicFlow(), 0.1, f.scrubFlow(), f.scrubAcidity(),
                f.stripFlow(), f.stripAcidity(), f.reflux());
        assertThatThrownBy(() -> loaded.withFlows(lowSoap)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("flows.preload.concentration = 0.1").hasMessageContaining("from 0 to 0.05");
        assertThat(loaded.withFlows(f).preload()).isEqualTo(loaded.preload());
        assertThat(loaded.withStages(new Cascade(30, 40), 8).preload()).isEqualTo(loaded.preload());
        assertThat(loaded.withSolver(bundled.solver()).preload()).isEqualTo(loaded.preload());
    }

    // ---------------------------------------------------------------------------------------------
    // several feeds

    /** The feed split into two identical feeds (4 + 6 L/h) at the same stage gives the bundled solution. */
    @Test
    void splitFeedReproducesTheSingleFeed() {
        MassActionCase c = bundled.withFeeds(List.of(new MassActionFeed("a", feed(0.25, 4), 0.01, 35),
                new MassActionFeed(null, feed(0.25, 6), 0.01, null)));
        assertThat(c.feedRate()).isEqualTo(10);
        CascadeNetwork single = CascadeNetwork.massAction(bundled);
        CascadeNetwork split = CascadeNetwork.massAction(c);
        for (int k = 1; k <= bundled.totalStages(); k++) {
            assertThat(split.aqueousFlow(k)).isEqualTo(single.aqueousFlow(k));
            for (int j = 0; j < 4; j++) {
                assertThat(split.feed(k, j)).isCloseTo(single.feed(k, j), within(1e-14));
            }
        }
        SteadyState s = solve(c);
        assertCloses(c, s);
        for (int i = 0; i < s.lnAqueous().length; i++) {
            assertThat(s.lnAqueous()[i]).isCloseTo(bundledState.lnAqueous()[i], within(1e-10));
            assertThat(s.lnOrganic()[i]).isCloseTo(bundledState.lnOrganic()[i], within(1e-10));
        }
    }

    /**
     * Two feeds of different composition at different stages, one in the scrubbing section: the
     * aqueous volumes add up below each feed, every balance closes.
     */
    @Test
    void twoFeedsAtTwoStagesCloseEveryBalance() {
        MassActionCase c = bundled.withFeeds(List.of(new MassActionFeed("Pr-rich", feed(0.6, 4), 0.01, 25),
                new MassActionFeed("Nd-rich", feed(0.0167, 6), 0.02, 45)));
        CascadeNetwork net = CascadeNetwork.massAction(c);
        double scrub = 0.8329 * 28;
        assertThat(net.aqueousFlow(1)).isCloseTo(scrub + 10, within(1e-12));
        assertThat(net.aqueousFlow(25)).isCloseTo(scrub + 10, within(1e-12));
        assertThat(net.aqueousFlow(26)).isCloseTo(scrub + 6, within(1e-12));
        assertThat(net.aqueousFlow(45)).isCloseTo(scrub + 6, within(1e-12));
        assertThat(net.aqueousFlow(46)).isCloseTo(scrub, within(1e-12));
        assertThat(net.aqueousFlow(76)).isEqualTo(28);
        // the unit is the RE of both feeds (10 mol/h): 0.4 and 0.6 of it
        assertThat(net.feed(25, PR) + net.feed(25, ND)).isCloseTo(0.4, within(1e-14));
        assertThat(net.feed(45, PR) + net.feed(45, ND)).isCloseTo(0.6, within(1e-14));
        assertThat(net.feed(45, c.equilibrium().hydrogenIndex())).isCloseTo(0.02 * 6 / 10, within(1e-15));
        SteadyState s = solve(c);
        assertCloses(c, s);
        assertThat(MassActionCaseView.of(new SimulationReport(c, net, s).view()).inlets()).extracting(MassActionCaseView.Inlet::name)
                .containsExactly("organic, saponified", "Pr-rich", "Nd-rich", "strip acid");
    }

    /** The same feed entering stage 30 instead of 35: a different cascade, a different raffinate. */
    @Test
    void feedMovedToAnotherStageChangesTheResult() {
        MassActionCase c = bundled.withFeeds(List.of(new MassActionFeed(null, bundled.feed(), 0.01, 30)));
        CascadeNetwork net = CascadeNetwork.massAction(c);
        assertThat(net.aqueousFlow(30)).isCloseTo(0.8329 * 28 + 10, within(1e-12));
        assertThat(net.aqueousFlow(31)).isCloseTo(0.8329 * 28, within(1e-12));
        SteadyState s = solve(c);
        assertCloses(c, s);
        // Nd in the raffinate: 5.0e-6 of its RE with the feed at 35, 2.6e-5 at 30 (fewer stages below it)
        assertThat(ndInRaffinate(bundledState)).isCloseTo(5.02e-6, within(0.01e-6));
        assertThat(ndInRaffinate(s)).isCloseTo(2.57e-5, within(0.01e-5));
    }

    private static double ndInRaffinate(SteadyState s) {
        return s.aqueousFlow(1, ND) / (s.aqueousFlow(1, PR) + s.aqueousFlow(1, ND));
    }

    /** The 13-argument constructor: one feed at stage n (following n when the stages change), no pre-load. */
    @Test
    void singleFeedConstructorAndCopies() {
        MassActionCase c = new MassActionCase(bundled.name(), bundled.rareEarths(), bundled.equilibrium(),
                bundled.cation(), bundled.feed(), 0.01, bundled.cascade(), 8, bundled.flows(), bundled.efficiency(),
                bundled.raffinateTarget(), bundled.stripTarget(), bundled.solver());
        assertThat(c.feeds()).isEqualTo(bundled.feeds());
        assertThat(c.flows()).isEqualTo(bundled.flows());
        assertThat(CascadeNetwork.massAction(c).aqueousFlow(1)).isEqualTo(CascadeNetwork.massAction(bundled).aqueousFlow(1));
        assertThat(c.feeds()).singleElement().satisfies(f -> assertThat(f.stage()).isNull());
        assertThat(c.preload()).isNull();
        assertThat(c.feedStage(0)).isEqualTo(35);
        assertThat(c.withStages(new Cascade(30, 40), 8).feedStage(0)).isEqualTo(30);
        assertThat(c.feedAcidity()).isEqualTo(0.01);
        assertThat(c.feedRate()).isEqualTo(10);
        // a feed with its own stage stays there; out of range after a change of stage counts
        MassActionCase fixed = c.withFeeds(List.of(new MassActionFeed(null, c.feed(), 0.01, 70)));
        assertThat(fixed.withFlows(c.flows()).feeds()).isEqualTo(fixed.feeds());
        assertThatThrownBy(() -> fixed.withStages(new Cascade(30, 30), 8)).isInstanceOf(InvalidInputException.class)
                .hasMessage("feeds[0].stage = 70 is not allowed: a stage from 1 to n + m = 60 "
                        + "(extraction stages 1 … 30, scrub stages 31 … 60)");
        // several feeds: feed() is their mixture, feedAcidity() its acidity
        MassActionCase two = c.withFeeds(List.of(new MassActionFeed(null, feed(0.6, 4), 0.01, 25),
                new MassActionFeed(null, feed(0.0, 6), 0.02, null)));
        assertThat(two.feed().volumetricFlow()).isEqualTo(10);
        assertThat(two.feed().concentration()).isCloseTo(1, within(1e-15));
        assertThat(two.feed().fraction(PR)).isCloseTo(0.24, within(1e-15));
        assertThat(two.feedAcidity()).isCloseTo(0.016, within(1e-15));
        assertThat(two.feedName(1)).isEqualTo("feed 2");
        assertThat(two.feedStage(1)).isEqualTo(35);
    }
}
