package org.sxcascade.flowsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionFlows;
import org.sxcascade.model.MassActionPreload;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/**
 * Mass-action flowsheet cascades with a pre-loaded organic and organic links (docs/flowsheets.md,
 * "What a linked stream carries"): a pre-loaded cascade alone equals the single case, a loaded
 * organic passed on equals the same computation done by hand (the first cascade solved, its loaded
 * organic given to the second as a pre-load), balances close with the pre-load counted as inflow,
 * an organic recycle converges, and links that make no sense are refused naming the field.
 */
class PreloadAndOrganicLinkTest {
    /** cases/pr-nd-mass-action-preloaded.yaml written as a flowsheet of one cascade. */
    static final String PRELOADED = MassActionFlowsheetTest.PR_ND.replace("reflux: 0.8329}",
            "reflux: 0.8358, preload: {concentration: 0.02, composition: {Pr: 1, Nd: 0}}}");

    static final String CHEMISTRY = """
            model: mass-action
            components:
              - {name: Pr, exchangeConstant: 0.02}
              - {name: Nd, exchangeConstant: 0.03}
            extractant: {name: P507, concentration: 0.75, cation: Na, cationExchangeConstant: 0.001}
            """;

    /**
     * Two cascades: {@code load} extracts feed A into its saponified organic (no strip section, so
     * its organic outlet is the loaded organic); that loaded organic joins the own organic of
     * {@code PrNd} at stage 1, which also takes feed B.
     */
    static final String LINKED = "name: loaded organic passed on\n" + CHEMISTRY + """
            feeds:
              - {name: A, composition: {Pr: 0.25, Nd: 0.75}, concentration: 1.0, acidity: 0.01, flow: 5}
              - {name: B, composition: {Pr: 0.25, Nd: 0.75}, concentration: 1.0, acidity: 0.01, flow: 10}
            cascades:
              - name: load
                extractionStages: 8
                scrubStages: 4
                flows: {organicFlow: 100, saponification: 0.40, scrubFlow: 2, scrubAcidity: 0.5}
                inlets:
                  - {from: A, phase: aqueous}
              - name: PrNd
                extractionStages: 35
                scrubStages: 40
                stripStages: 8
                flows: {organicFlow: 130, saponification: 0.40, stripFlow: 28, stripAcidity: 5.0, reflux: 0.5}
                inlets:
                  - {from: B, phase: aqueous}
                  - {from: load.organic, phase: organic}
            """;

    /** The two cascades of {@link #LINKED} as single cases; PrNd's organic is filled in by hand. */
    static final String LOAD_CASE = "name: load\n" + CHEMISTRY + """
            feed: {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1.0, acidity: 0.01, flow: 5}
            cascade: {extractionStages: 8, scrubStages: 4}
            flows: {organicFlow: 100, saponification: 0.40, scrubFlow: 2, scrubAcidity: 0.5}
            """;
    static final String PR_ND_CASE = "name: PrNd\n" + CHEMISTRY + """
            feed: {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1.0, acidity: 0.01, flow: 10}
            cascade: {extractionStages: 35, scrubStages: 40, stripStages: 8}
            flows: {organicFlow: 130, saponification: 0.40, stripFlow: 28, stripAcidity: 5.0, reflux: 0.5}
            """;

    @Test
    void aPreloadedCascadeAloneEqualsTheSingleCase() {
        assertThat(PRELOADED).isNotEqualTo(MassActionFlowsheetTest.PR_ND);
        FlowsheetResult r = MassActionFlowsheetTest.assertSameAsCaseAlone("cases/pr-nd-mass-action-preloaded.yaml",
                PRELOADED);
        Flowsheet fs = r.flowsheet();
        // 0.02 mol/L Pr on 230 L/h is 4.6 mol/h, 0.46 mol per mol of fresh RE: counted as inflow
        assertThat(fs.inflow()[0]).isCloseTo(0.25 + 0.46, within(1e-14));
        assertThat(fs.inflow()[1]).isEqualTo(0.75);
        assertThat(fs.hasOwnInflow()).isTrue();
        assertThat(r.maxClosure()).isLessThanOrEqualTo(1e-10);
        double out = 0;
        for (int s : r.products()) {
            out += fs.productShare(s) * r.total(s);
        }
        assertThat(Math.abs(out - 1.46) / 1.46).isLessThanOrEqualTo(1e-10);
        assertThat(new FlowsheetReport(r).toText(false)).contains("pre-load 0.02 mol/L",
                "inflow = fresh feeds + RE pre-loaded");
        var json = new FlowsheetReport(r).toJson(false);
        assertThat(json.get("cascades").get(0).get("flows").get("preload").get("concentration").asDouble())
                .isEqualTo(0.02);
    }

    @Test
    void aLoadedOrganicPassedOnEqualsTheHandComputation() {
        CaseReader reader = new CaseReader();
        NewtonCascadeSolver solver = new NewtonCascadeSolver();
        // by hand: the first cascade alone (molar scale: feed A, 5 mol/h) ...
        MassActionCase load = reader.massActionFromTree(reader.parseTree(LOAD_CASE));
        CascadeNetwork loadNet = CascadeNetwork.massAction(load);
        SteadyState loadState = solver.solve(loadNet, load.solver());
        double loadScale = load.feedRate();
        int r = 2;
        double[] loaded = new double[r + 2]; // mol/h: Pr, Nd, Na, H of the loaded organic leaving stage 12
        for (int j = 0; j < r + 2; j++) {
            loaded[j] = loadState.organicFlow(12, j) * loadScale;
        }
        // ... its loaded organic with PrNd's own 130 L/h saponified to 0.4 is a pre-loaded organic of
        // 230 L/h: RE y_j = RE_j / 230, H = 2C(1 − s) per litre fixes s, and M = 2sC − 3Y follows
        double c = 0.75;
        double volume = 230;
        double ownH = 2 * c * (1 - 0.4) * 130;
        double ownM = 2 * c * 0.4 * 130;
        double s = 1 - (ownH + loaded[r + 1]) / (2 * c * volume);
        double y = (loaded[0] + loaded[1]) / volume;
        MassActionCase prNd = reader.massActionFromTree(reader.parseTree(PR_ND_CASE));
        prNd = prNd.withFlows(new MassActionFlows(volume, s, 0, 0, 28, 5.0, 0.5))
                .withPreload(new MassActionPreload(y, new double[] {loaded[0] / (y * volume), loaded[1] / (y * volume)}));
        double scale = prNd.feedRate();
        MassActionEquilibrium eq = prNd.equilibrium();
        double[] entering = prNd.organicInlet();
        // the hand-made organic is the mixture: same Na as own + linked
        assertThat(relative(entering[r] * scale, ownM + loaded[r])).isLessThanOrEqualTo(1e-12);
        assertThat(eq.molarScale()).isEqualTo(scale);
        CascadeNetwork net = CascadeNetwork.massAction(prNd);
        SteadyState hand = solver.solve(net, prNd.solver());

        FlowsheetResult result = Flowsheets.solve(LINKED);
        Flowsheet fs = result.flowsheet();
        double fsScale = fs.feedTotal();
        assertThat(fsScale).isEqualTo(15);
        UnitResult first = result.units().get(0);
        UnitResult second = result.units().get(1);
        Flowsheets.assertSameStages(first.state(), fsScale, loadState, loadScale, 12, r + 2);
        assertThat(second.network().stages()).isEqualTo(83);
        for (int k = 1; k <= 83; k++) {
            assertThat(second.network().organicFlow(k)).isEqualTo(volume);
            assertThat(second.network().aqueousFlow(k)).isCloseTo(net.aqueousFlow(k), within(1e-12));
        }
        Flowsheets.assertSameStages(second.state(), fsScale, hand, scale, 83, r + 2);
        // the whole flowsheet: 15 mol/h of fresh RE leave in the products
        assertThat(result.maxClosure()).isLessThanOrEqualTo(1e-10);
        double out = 0;
        for (int p : result.products()) {
            out += fs.productShare(p) * result.total(p);
        }
        assertThat(Math.abs(out - 1)).isLessThanOrEqualTo(1e-10);
        assertThat(fs.hasOwnInflow()).isFalse();
        assertThat(fs.sourceTotal(fs.sourceIndex("PrNd.organic"))).isEqualTo(volume);
    }

    /**
     * A stripped organic sent back: PrNd's stripped organic joins the organic of {@code load} (a torn
     * organic stream, iterated from barren extractant). The recycle converges and every balance closes.
     * The tear tolerance is 1e-10: the Pr left in the stripped organic (5e-6 mol/h, a trace) changes
     * by 5e-12 to 5e-11 relatively from pass to pass once the recycle has converged, the noise of the
     * cascades' cold solves (FlowsheetSolver, "Cascade solves"), so the default 1e-12 is met only in
     * a pass whose noise happens to fall below it.
     */
    @Test
    void aStrippedOrganicRecycledConvergesAndCloses() {
        String yaml = LINKED.replace("""
                    inlets:
                      - {from: A, phase: aqueous}
                """, """
                    inlets:
                      - {from: A, phase: aqueous}
                      - {from: PrNd.organic, phase: organic, fraction: 0.3}
                """) + "solver: {tearTolerance: 1e-10}\n";
        assertThat(yaml).isNotEqualTo(LINKED);
        Flowsheet fs = Flowsheets.parse(yaml);
        assertThat(fs.tornSources()).containsExactly(fs.sourceIndex("PrNd.organic"));
        // the volume balance: PrNd's organic = 130 + load's organic = 130 + 100 + 0.3 × PrNd's organic
        assertThat(fs.sourceTotal(fs.sourceIndex("PrNd.organic"))).isCloseTo(230 / 0.7, within(1e-9));
        FlowsheetResult r = new FlowsheetSolver().solve(fs);
        assertThat(r.tearResidual()).isLessThanOrEqualTo(fs.settings().tearTolerance());
        assertThat(r.maxClosure()).isLessThanOrEqualTo(1e-10);
        for (UnitResult u : r.units()) {
            assertThat(u.state().massBalanceError()).as(u.unit().name()).isLessThanOrEqualTo(1e-10);
        }
        // what load was fed is 0.3 of what PrNd's organic carried in the last pass, extractant sites included
        double[] fed = r.units().get(0).inletFlows().get(1);
        UnitResult prNd = r.units().get(1);
        for (int j = 0; j < fed.length; j++) {
            assertThat(relative(fed[j], 0.3 * prNd.organic(j))).as("component %d", j).isLessThanOrEqualTo(1e-10);
        }
    }

    /**
     * The accelerated tear step is shortened into the feasible set (FlowsheetSolver.feasibleShare):
     * an organic of 100 L/h, C = 0.75, s = 0.4 pre-loaded with 5 + 5 mol/h RE has 150 sites, M 30, H 90 and
     * free extractant (H − 3 Σ RE)/2 = 30. A step adding 10 + 10 RE takes 60 of H by the site balance
     * and leaves (30 − 90)/2 = −30: shortened to a = 0.45, where 30 − 60 a = 3 = a tenth of 30. A step
     * taking 8 of the 5 Pr is shortened to keep a tenth of it: a = 0.9 · 5/8 = 0.5625.
     */
    @Test
    void theAcceleratedStepIsShortenedIntoTheFeasibleSet() {
        MassActionEquilibrium eq = new MassActionEquilibrium(new double[] {0.02, 0.03}, 0.001, 0.75, 1.0);
        org.sxcascade.model.MassActionStreams streams = new org.sxcascade.model.MassActionStreams(eq, "Na");
        double[] plain = eq.preloadedOrganic(0.4, 100, new double[] {0.05, 0.05});
        assertThat(plain).containsExactly(new double[] {5, 5, 30, 90}, within(1e-12));
        assertThat(streams.capacity(plain, org.sxcascade.model.FeedPhase.ORGANIC)).isCloseTo(30, within(1e-12));
        double a = FlowsheetSolver.feasibleShare(streams, plain, new double[] {10, 10, 0, 0}, 100,
                org.sxcascade.model.FeedPhase.ORGANIC);
        assertThat(a).isCloseTo(0.45, within(1e-12));
        double[] v = {5 + 10 * a, 5 + 10 * a, 30, 0};
        streams.project(v, 100, org.sxcascade.model.FeedPhase.ORGANIC);
        assertThat(v[3] + 3 * (v[0] + v[1]) + v[2]).isCloseTo(150, within(1e-12));
        assertThat(streams.capacity(v, org.sxcascade.model.FeedPhase.ORGANIC)).isCloseTo(3, within(1e-12));
        assertThat(FlowsheetSolver.feasibleShare(streams, plain, new double[] {-8, 0, 0, 0}, 100,
                org.sxcascade.model.FeedPhase.ORGANIC)).isCloseTo(0.5625, within(1e-12));
        // a feasible step is taken whole; an aqueous stream has no capacity to keep
        assertThat(FlowsheetSolver.feasibleShare(streams, plain, new double[] {1, -1, 0, 0}, 100,
                org.sxcascade.model.FeedPhase.ORGANIC)).isEqualTo(1);
        assertThat(streams.capacity(plain, org.sxcascade.model.FeedPhase.AQUEOUS)).isZero();
    }

    /**
     * Xu's organic feed at stage n + 1 as an organic link: {@code load}'s loaded organic enters PrNd at
     * stage 36. The same computation by hand: PrNd's case with that organic (mol/h, in PrNd's own
     * units) as an organic inlet at 36 of its network ({@code CascadeNetwork.massAction(case, inlets)}).
     * Its volume flows with the organic from stage 36 up; every balance closes.
     */
    @Test
    void aLoadedOrganicLinkedAtNPlus1EqualsTheHandComputation() {
        CaseReader reader = new CaseReader();
        NewtonCascadeSolver solver = new NewtonCascadeSolver();
        MassActionCase load = reader.massActionFromTree(reader.parseTree(LOAD_CASE));
        SteadyState loadState = solver.solve(CascadeNetwork.massAction(load), load.solver());
        MassActionCase prNd = reader.massActionFromTree(reader.parseTree(PR_ND_CASE));
        double[] loaded = new double[4];
        for (int j = 0; j < 4; j++) {
            loaded[j] = loadState.organicFlow(12, j) * load.feedRate() / prNd.feedRate(); // in PrNd's units
        }
        CascadeNetwork net = CascadeNetwork.massAction(prNd, List.of(new CascadeNetwork.OrganicInlet(36, 100, loaded)));
        SteadyState hand = solver.solve(net, prNd.solver());

        FlowsheetResult result = Flowsheets.solve(LINKED.replace("{from: load.organic, phase: organic}",
                "{from: load.organic, phase: organic, stage: 36}"));
        UnitResult second = result.units().get(1);
        for (int k = 1; k <= 83; k++) {
            assertThat(second.network().organicFlow(k)).isEqualTo(k < 36 ? 130.0 : 230.0);
            assertThat(second.network().organicFlow(k)).isEqualTo(net.organicFlow(k));
            assertThat(second.network().aqueousFlow(k)).isEqualTo(net.aqueousFlow(k));
        }
        Flowsheets.assertSameStages(second.state(), result.flowsheet().feedTotal(), hand, prNd.feedRate(), 83, 4);
        assertThat(result.maxClosure()).isLessThanOrEqualTo(1e-10);
        for (UnitResult u : result.units()) {
            assertThat(u.state().massBalanceError()).as(u.unit().name()).isLessThanOrEqualTo(1e-10);
        }
        // the report names the stage of the organic inlet
        assertThat(new FlowsheetReport(result).toText(false)).contains("load.organic");
    }

    /**
     * What an organic link at n + 1 gives against one at stage 1 (docs/flowsheets.md, "What that
     * means for purity"), on {@link #LINKED} with PrNd's reflux at 0.74: at stage 1 the Nd of the
     * linked organic meets the raffinate, which stays at about 83 % Pr at any reflux; entering at
     * n + 1 the linked organic is scrubbed with the rest and the raffinate reaches 96.1 % Pr with the
     * strip liquor at 96.5 % Nd (measured: stage 1, 82.93 % and 92.46 %).
     */
    @Test
    void anOrganicLinkAtNPlus1SeparatesBetterThanAtStage1() {
        String yaml = LINKED.replace("reflux: 0.5}", "reflux: 0.74}");
        assertThat(yaml).isNotEqualTo(LINKED);
        double[] atOne = purities(yaml);
        double[] atFeed = purities(yaml.replace("{from: load.organic, phase: organic}",
                "{from: load.organic, phase: organic, stage: 36}"));
        assertThat(atOne[0]).isBetween(0.825, 0.835);
        assertThat(atOne[1]).isBetween(0.92, 0.93);
        assertThat(atFeed[0]).isBetween(0.955, 0.965);
        assertThat(atFeed[1]).isBetween(0.96, 0.97);
    }

    /** Pr purity of PrNd's raffinate and Nd purity of its strip liquor; every balance closed. */
    private static double[] purities(String yaml) {
        FlowsheetResult r = Flowsheets.solve(yaml);
        assertThat(r.maxClosure()).isLessThanOrEqualTo(1e-10);
        for (UnitResult u : r.units()) {
            assertThat(u.state().massBalanceError()).as(u.unit().name()).isLessThanOrEqualTo(1e-10);
        }
        Flowsheet fs = r.flowsheet();
        return new double[] {r.fraction(fs.sourceIndex("PrNd.raffinate"), 0), r.fraction(fs.sourceIndex("PrNd.strip"), 1)};
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // a fresh feed (an aqueous solution) as an organic inlet
            "'{from: load.organic, phase: organic}'|'{from: A, phase: organic}'|cascades[1].inlets[1].from|A is a fresh feed, an aqueous solution",
            // an organic read as an aqueous inlet
            "'{from: load.organic, phase: organic}'|'{from: load.organic, phase: aqueous}'|cascades[1].inlets[1].from|load.organic is an organic",
            // an aqueous outlet read as an organic inlet
            "'{from: load.organic, phase: organic}'|'{from: load.raffinate, phase: organic}'|cascades[1].inlets[1].from|load.raffinate is aqueous",
            // an organic inlet at a stage the cascade does not have (N = 35 + 40 + 8 = 83)
            "'{from: load.organic, phase: organic}'|'{from: load.organic, phase: organic, stage: 84}'|cascades[1].inlets[1].stage|a stage from 1 to N = 83",
            // organic inlets only
            "'      - {from: B, phase: aqueous}\n'|''|cascades[1].inlets|at least one aqueous inlet",
            // a pre-load beyond what the saponified organic can take (2sC/3 = 0.2 mol/L)
            "'saponification: 0.40, scrubFlow: 2'|'saponification: 0.40, preload: {concentration: 0.3, composition: {Pr: 1, Nd: 0}}, scrubFlow: 2'|cascades[0].flows.preload.concentration|from 0 to 0.2",
            // a pre-load naming an unknown rare earth
            "'saponification: 0.40, scrubFlow: 2'|'saponification: 0.40, preload: {concentration: 0.1, composition: {Sm: 1}}, scrubFlow: 2'|cascades[0].flows.preload.composition.Sm|",
    })
    void linksThatMakeNoSenseAreRefused(String from, String to, String field, String message) {
        String yaml = LINKED.replace(from.replace("\\n", "\n"), to);
        assertThat(yaml).isNotEqualTo(LINKED);
        assertThatThrownBy(() -> Flowsheets.parse(yaml)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    assertThat(((InvalidInputException) e).field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(message == null ? "" : message);
                });
    }

    private static double relative(double a, double b) {
        return Flowsheets.relative(a, b);
    }
}
