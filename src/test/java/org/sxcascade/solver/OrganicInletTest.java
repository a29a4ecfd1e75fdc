package org.sxcascade.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sxcascade.dynamics.CascadeDynamics;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionFlows;
import org.sxcascade.model.SideDraws;
import org.sxcascade.model.SolverSettings;

/**
 * Organic inlets at any stage of a mass-action cascade (issue 15: "feeds of either phase at any
 * stage"), above all Xu's organic feed at stage n + 1: a loaded organic of the same extractant
 * that joins the organic flowing up from there ({@link CascadeNetwork.OrganicInlet}).
 *
 * <p>Physics checks: an organic drawn off the organic leaving stage n and fed back at n + 1 is the
 * cascade itself, stage by stage; near saturation a cascade with an organic feed at n + 1
 * approaches Xu's CMER cascade with an organic feed (the idea of {@code MassActionSaturationTest},
 * here with the organic-feed flow table of docs/theory.md); every balance (each RE, H⁺, the cation
 * and the extractant) closes on every stage; rows and the start-up dynamics share Newton's steady
 * state. Organic inlets that are no organic of the extractant are refused.
 */
class OrganicInletTest {
    private static final int N_EXTRACTION = 35;
    private static String bundledText;
    private static MassActionCase bundled;
    private static SteadyState bundledState;

    @BeforeAll
    static void solveBundled() throws IOException {
        bundledText = Files.readString(Path.of("cases/pr-nd-mass-action.yaml"));
        bundled = massAction(bundledText);
        bundledState = new NewtonCascadeSolver().solve(CascadeNetwork.massAction(bundled), bundled.solver());
    }

    private static MassActionCase massAction(String yaml) {
        CaseReader reader = new CaseReader();
        return reader.massActionFromTree(reader.parseTree(yaml));
    }

    /** The share {@code volume} L/h of the organic leaving {@code from} in a solved network, fed at {@code stage}. */
    private static CascadeNetwork.OrganicInlet organicOf(CascadeNetwork net, SteadyState s, int from, double volume,
                                                        int stage) {
        double share = volume / net.organicFlow(from);
        double[] flows = new double[net.components()];
        for (int j = 0; j < flows.length; j++) {
            flows[j] = share * s.organicFlow(from, j);
        }
        return new CascadeNetwork.OrganicInlet(stage, volume, flows);
    }

    /**
     * Every balance on every stage to 1e-10: each component (rare earths, cation, H⁺) relative to
     * its outflow, and the extractant twice: the organic leaving each stage holds C per litre
     * ({@code e + 3Σy + ½y_M = C}, e from the equilibrium with the stage's aqueous on an equilibrium
     * stage, from its own H, {@code y_H = 2e + 3Σy}, on a Murphree stage), and the extractant
     * flowing in with the organics (from below, undrawn, plus any organic inlet) equals what leaves,
     * each organic's extractant being {@code (H + 3ΣRE + M)/2}.
     */
    private static void assertEveryStageCloses(CascadeNetwork net, SteadyState s, List<CascadeNetwork.OrganicInlet> in) {
        MassActionEquilibrium eq = (MassActionEquilibrium) net.equilibrium();
        int r = eq.rareEarthCount();
        int c = net.components();
        for (int j = 0; j < c; j++) {
            assertThat(StageBalances.maxRelativeImbalance(net, s.lnAqueous(), s.lnOrganic(), j))
                    .as("balance of %s", net.componentName(j)).isLessThanOrEqualTo(1e-10);
        }
        double cTotal = eq.extractantConcentration();
        for (int k = 1; k <= net.stages(); k++) {
            double perLitre = eq.molarScale() / net.organicFlow(k);
            double bound = 0;
            for (int j = 0; j < r; j++) {
                bound += 3 * s.organicFlow(k, j);
            }
            double e = net.efficiency(k) == 1
                    ? eq.freeExtractant(net.aqueousFlow(k), s.lnAqueous(), (k - 1) * c)
                    : (s.organicFlow(k, r + 1) - bound) * perLitre / 2;
            double held = e + (bound + 0.5 * s.organicFlow(k, r)) * perLitre;
            assertThat(Math.abs(held - cTotal) / cTotal).as("extractant held, stage %d", k).isLessThanOrEqualTo(1e-10);
            double out = extractant(s, k, r);
            double inflow = k > 1 ? (1 - net.organicDraw(k - 1)) * extractant(s, k - 1, r) : 0;
            for (CascadeNetwork.OrganicInlet o : in) {
                if (o.stage() == k) {
                    inflow += extractant(o.components(), r);
                }
            }
            if (k == 1) {
                inflow += cTotal * (net.organicInflow(1) - volumeOf(in, 1)) / eq.molarScale(); // the own organic
            }
            assertThat(Math.abs(inflow - out) / out).as("extractant flow, stage %d", k).isLessThanOrEqualTo(1e-10);
        }
    }

    private static double volumeOf(List<CascadeNetwork.OrganicInlet> in, int stage) {
        return in.stream().filter(o -> o.stage() == stage).mapToDouble(CascadeNetwork.OrganicInlet::flow).sum();
    }

    /** Extractant (as dimer, flow units) of the organic leaving stage k: (H + 3ΣRE + M)/2. */
    private static double extractant(SteadyState s, int k, int r) {
        double[] v = new double[r + 2];
        for (int j = 0; j < r + 2; j++) {
            v[j] = s.organicFlow(k, j);
        }
        return extractant(v, r);
    }

    private static double extractant(double[] v, int r) {
        double sites = v[r] + v[r + 1];
        for (int j = 0; j < r; j++) {
            sites += 3 * v[j];
        }
        return sites / 2;
    }

    // ---------------------------------------------------------------------------------------------

    /** The inlet's volume flows on from its stage up; its components are an organic-phase feed of its stage. */
    @Test
    void anOrganicInletJoinsTheOrganicFromItsStageUp() {
        CascadeNetwork plain = CascadeNetwork.massAction(bundled);
        CascadeNetwork.OrganicInlet loaded = organicOf(plain, bundledState, 75, 40, N_EXTRACTION + 1);
        CascadeNetwork net = CascadeNetwork.massAction(bundled, List.of(loaded));
        assertThat(net.stages()).isEqualTo(83);
        for (int k = 1; k <= 83; k++) {
            assertThat(net.organicFlow(k)).isEqualTo(k <= N_EXTRACTION ? 230.0 : 270.0);
            assertThat(net.aqueousFlow(k)).isEqualTo(plain.aqueousFlow(k));
            for (int j = 0; j < 4; j++) {
                double extra = k == N_EXTRACTION + 1 ? loaded.components()[j] : 0;
                assertThat(net.feed(k, j)).isCloseTo(plain.feed(k, j) + extra, within(1e-14));
                assertThat(net.organicFeed(k, j)).isCloseTo(plain.organicFeed(k, j) + extra, within(1e-14));
            }
        }
        assertThat(net.organicInflow(N_EXTRACTION + 1)).isEqualTo(270.0);
        assertThat(net.organicInflow(1)).isEqualTo(230.0);
        // a loaded organic from the top of the scrub section: 40/230 of 0.75 Nd-rich RE per mol fed
        assertThat(net.totalFeed(1)).isGreaterThan(plain.totalFeed(1) + 0.1);
    }

    /**
     * The physics check: a share of the organic leaving stage n drawn off (an organic side draw of
     * 60 L/h) and the same share of that organic fed back at stage n + 1 leaves every stage exactly
     * as in the cascade without either, since stage n + 1 still receives the organic of stage n
     * whole. Newton from its own cold start reproduces the bundled case's profile, with Murphree
     * stages too (the organic entering a stage is the same mixture).
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "efficiency: {extraction: 0.9, scrub: 0.8, strip: 1}\n"})
    void anOrganicDrawnAtNAndFedBackAtNPlus1IsTheCascadeItself(String efficiency) {
        MassActionCase c = massAction(bundledText + efficiency);
        MassActionCase drawn = massAction(bundledText + efficiency
                + "sideDraws:\n  - {name: mid, stage: 35, phase: organic, flow: 60}\n");
        NewtonCascadeSolver solver = new NewtonCascadeSolver();
        CascadeNetwork reference = CascadeNetwork.massAction(c);
        SteadyState expected = efficiency.isEmpty() ? bundledState : solver.solve(reference, c.solver());
        CascadeNetwork.OrganicInlet back = organicOf(reference, expected, N_EXTRACTION, 60, N_EXTRACTION + 1);
        CascadeNetwork net = CascadeNetwork.massAction(drawn, List.of(back));
        for (int k = 1; k <= 83; k++) {
            assertThat(net.organicFlow(k)).isCloseTo(k == N_EXTRACTION ? 230 : reference.organicFlow(k), within(1e-12));
        }
        assertThat(net.organicDraw(N_EXTRACTION)).isCloseTo(60 / 230.0, within(1e-15));
        SteadyState s = solver.solve(net, drawn.solver());
        assertThat(s.residual()).isLessThanOrEqualTo(1e-12);
        for (int k = 1; k <= 83; k++) {
            for (int j = 0; j < 4; j++) {
                assertThat(relative(s.aqueousFlow(k, j), expected.aqueousFlow(k, j))).as("aqueous %d %d", k, j)
                        .isLessThanOrEqualTo(1e-9);
                assertThat(relative(s.organicFlow(k, j), expected.organicFlow(k, j))).as("organic %d %d", k, j)
                        .isLessThanOrEqualTo(1e-9);
            }
        }
        assertEveryStageCloses(net, s, List.of(back));
    }

    /**
     * A loaded organic of other composition at every stage from 1 to N (the strip section
     * included): each converges from a cold start and closes every balance on every stage; the RE
     * it brings leaves in the products.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 20, 36, 60, 75, 76, 80, 83})
    void aLoadedOrganicAtAnyStageConvergesAndCloses(int stage) {
        MassActionEquilibrium eq = bundled.equilibrium();
        // 20 L/h of the cascade's organic saponified to 0.4, pre-loaded with 0.1 mol/L of Pr 0.3 / Nd 0.7
        double[] organic = eq.preloadedOrganic(0.4, 20, new double[] {0.03, 0.07});
        CascadeNetwork.OrganicInlet in = new CascadeNetwork.OrganicInlet(stage, 20, organic);
        CascadeNetwork net = CascadeNetwork.massAction(bundled, List.of(in));
        SteadyState s = new NewtonCascadeSolver().solve(net, bundled.solver());
        assertThat(s.residual()).isLessThanOrEqualTo(1e-12);
        assertEveryStageCloses(net, s, List.of(in));
        int split = 76;
        double reflux = bundled.flows().reflux();
        for (int j = 0; j < 2; j++) {
            double out = s.aqueousFlow(1, j) + (1 - reflux) * s.aqueousFlow(split, j) + s.organicFlow(83, j);
            double fed = (j == 0 ? 0.25 : 0.75) + organic[j];
            assertThat(net.totalFeed(j)).isCloseTo(fed, within(1e-14));
            assertThat(Math.abs(out - fed) / fed).as("RE %d", j).isLessThanOrEqualTo(1e-10);
        }
    }

    /**
     * The limit of saturation (the idea of {@code MassActionSaturationTest}): the own organic
     * saponified to s = ½ loads 2sC/3 = C/3 mol/L, so its RE flow is S·F at O = S·F/(C/3); the
     * organic feed at n + 1 is an organic saponified to ½ and loaded by exchange to a fraction
     * 1 − δ of C/3, carrying F of RE (the feed, composition ½, ½); no aqueous feed; the strip
     * section strips the loaded organic with 3 H⁺ per RE and a small excess, and the reflux
     * r = W/(S + 1) returns W as scrub liquor. As K_M → 0, δ → 0 and the excess → 0 the stage
     * compositions approach those of Xu's CMER cascade with an organic feed at n + 1 (flow table
     * of docs/theory.md: organic S below the feed and S + 1 above it, aqueous W), solved from
     * closed-form flows only: β = 2, S = 1.2060192 (Zhang's organic-feed reference, docs/theory.md)
     * and W = S + 0.55, so that f'_A = 0.45 lies below the feed's 0.5 of A and the split is not
     * balanced on a knife edge.
     */
    @Test
    void nearSaturationAnOrganicFeedAtNPlus1ApproachesCmer() {
        double s = 1.2060192;
        double w = s + 0.55;
        double feed = 10; // mol/h RE in the organic feed
        double c = 0.75;
        int n = 24;
        int m = 21;
        CascadeCase cmer = new CaseReader().parse("""
                name: CMER organic feed
                model: separation-factors
                components: [{name: A, separationFactor: 2.0}, {name: B, separationFactor: 1.0}]
                feed: {phase: organic, composition: {A: 0.5, B: 0.5}}
                cascade: {extractionStages: %d, scrubStages: %d}
                flows: {extractant: %s, scrub: %s}
                """.formatted(n, m, s, w));
        SteadyState reference = new NewtonCascadeSolver().solve(CascadeNetwork.of(cmer), cmer.solver());
        double[][] levels = {{1e-5, 1e-2, 12}, {1e-7, 1e-3, 16}, {1e-9, 1e-4, 20}};
        double previous = Double.POSITIVE_INFINITY;
        double composition = Double.NaN;
        double flows = Double.NaN;
        for (double[] level : levels) {
            double delta = level[1];
            int p = (int) level[2];
            MassActionEquilibrium eq = new MassActionEquilibrium(new double[] {2, 1}, level[0], c, feed);
            double capacity = c / 3; // 2sC/3 at s = ½
            double own = s * feed / capacity;
            double loading = capacity * (1 - delta);
            double volume = feed / loading;
            CascadeNetwork.OrganicInlet organicFeed = new CascadeNetwork.OrganicInlet(n + 1, volume,
                    eq.preloadedOrganic(0.5, volume, new double[] {loading / 2, loading / 2}));
            double stripAcidity = 6;
            double stripFlow = 3 * (s + 1) * feed * (1 + delta) / stripAcidity;
            MassActionFlows f = new MassActionFlows(own, 0.5, 0, 0, stripFlow, stripAcidity, w / (s + 1));
            CascadeNetwork net = CascadeNetwork.massAction(eq, List.of("A", "B"), "Na", new Cascade(n, m), p, f,
                    eq.saponifiedOrganic(0.5, own), new double[] {1, 1, 1}, List.of(), List.of(organicFeed),
                    SideDraws.NONE);
            SteadyState state = new NewtonCascadeSolver().solve(net, new SolverSettings(SolverSettings.Method.NEWTON,
                    1e-12, 100_000));
            assertEveryStageCloses(net, state, List.of(organicFeed));
            composition = 0;
            flows = 0;
            for (int k = 1; k <= n + m; k++) {
                double aqA = state.aqueousFlow(k, 0);
                double aqB = state.aqueousFlow(k, 1);
                double orgA = state.organicFlow(k, 0);
                double orgB = state.organicFlow(k, 1);
                composition = Math.max(composition, Math.abs(aqA / (aqA + aqB) - reference.aqueousFraction(k, 0)));
                composition = Math.max(composition, Math.abs(orgA / (orgA + orgB) - reference.organicFraction(k, 0)));
                // the CMER organic leaving N is the product S + 1 − W: compare the section flow S + 1 there
                double cmerOrganic = k == n + m ? s + 1 : reference.organicTotal(k);
                flows = Math.max(flows, Math.abs(orgA + orgB - cmerOrganic) / cmerOrganic);
                flows = Math.max(flows, Math.abs(aqA + aqB - reference.aqueousTotal(k)) / reference.aqueousTotal(k));
            }
            assertThat(composition).as("composition difference at K_M %s", level[0]).isLessThan(previous / 3);
            previous = composition;
        }
        // measured: 2.8e-2, 3.1e-3, 3.1e-4 in composition; 1.7e-4 in the section flows at the last level
        assertThat(composition).isLessThan(1e-3);
        assertThat(flows).isLessThan(5e-4);
    }

    /** Rows (Xu's funnel experiment) reach Newton's steady state of a cascade with an organic feed at n + 1. */
    @Test
    void rowsReachNewtonsSteadyState() {
        MassActionCase c = massAction(bundledText.replace("extractionStages: 35", "extractionStages: 8")
                .replace("scrubStages: 40", "scrubStages: 8").replace("stripStages: 8", "stripStages: 4")
                .replace("reflux: 0.8329", "reflux: 0.5"));
        MassActionEquilibrium eq = c.equilibrium();
        CascadeNetwork.OrganicInlet in = new CascadeNetwork.OrganicInlet(9, 20,
                eq.preloadedOrganic(0.4, 20, new double[] {0.03, 0.07}));
        CascadeNetwork net = CascadeNetwork.massAction(c, List.of(in));
        SteadyState newton = new NewtonCascadeSolver().solve(net, c.solver());
        SteadyState rows = new RowIterationSolver().solve(net, new SolverSettings(SolverSettings.Method.ROWS, 1e-11,
                2_000_000));
        assertEveryStageCloses(net, newton, List.of(in));
        for (int k = 1; k <= net.stages(); k++) {
            for (int j = 0; j < 4; j++) {
                assertThat(relative(rows.aqueousFlow(k, j), newton.aqueousFlow(k, j))).as("aqueous %d %d", k, j)
                        .isLessThanOrEqualTo(1e-8);
                assertThat(relative(rows.organicFlow(k, j), newton.organicFlow(k, j))).as("organic %d %d", k, j)
                        .isLessThanOrEqualTo(1e-8);
            }
        }
    }

    /**
     * The start-up dynamics take the organic feed at its stage: at Newton's steady state every
     * stage's amounts stand still (Murphree stages, whose bypass mixes the organic feed into the
     * organic entering, included).
     */
    @Test
    void theDynamicsStandStillAtTheSteadyState() {
        MassActionCase c = massAction(bundledText + "efficiency: {extraction: 0.9, scrub: 0.8, strip: 1}\n");
        CascadeNetwork.OrganicInlet in = new CascadeNetwork.OrganicInlet(N_EXTRACTION + 1, 20,
                c.equilibrium().preloadedOrganic(0.4, 20, new double[] {0.03, 0.07}));
        CascadeNetwork net = CascadeNetwork.massAction(c, List.of(in));
        SteadyState s = new NewtonCascadeSolver().solve(net, c.solver());
        double[] litres = new double[net.stages()];
        java.util.Arrays.fill(litres, 20);
        CascadeDynamics d = CascadeDynamics.ofVolumes(net, litres, litres.clone());
        double[] y = d.steadyAmounts(s);
        double[] dydt = new double[y.length];
        d.derivatives(y, dydt);
        for (int k = 0; k < net.stages(); k++) {
            for (int j = 0; j < 4; j++) {
                double flow = s.aqueousFlow(k + 1, j) + s.organicFlow(k + 1, j);
                assertThat(Math.abs(dydt[k * 4 + j])).as("stage %d component %d", k + 1, j)
                        .isLessThan(1e-9 * flow + 1e-300);
            }
        }
    }

    /**
     * What is no organic of this extractant is refused: more RE than the extractant can hold (no
     * free extractant, H &lt; 3ΣRE), sites that do not add up to 2C per litre (an aqueous stream,
     * or an organic of another extractant concentration), a stage the cascade does not have, and
     * no volume.
     */
    @Test
    void organicInletsThatAreNoOrganicOfTheExtractantAreRefused() {
        MassActionEquilibrium eq = bundled.equilibrium();
        double[] fine = eq.preloadedOrganic(0.4, 20, new double[] {0.03, 0.07});
        // RE beyond the extractant: 0.4 mol/L RE takes 1.2 of the 1.5 mol/L sites with 3 HA more per RE
        // as RE(HA2)3, which leaves H = 0.3 < 3ΣRE = 1.2 mol/L: free dimer (H − 3ΣRE)/2 < 0
        double[] overloaded = fine.clone();
        overloaded[0] = 0.4 * 20 / eq.molarScale();
        overloaded[2] = 0;
        overloaded[3] = 2 * 0.75 * 20 / eq.molarScale() - 3 * overloaded[0];
        assertThatThrownBy(() -> CascadeNetwork.massAction(bundled,
                List.of(new CascadeNetwork.OrganicInlet(36, 20, overloaded))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no organic of this extractant")
                .hasMessageContaining("H ≥ 3 Σ RE");
        // an aqueous stream's flows read as an organic
        double[] aqueous = eq.aqueousStream(20, new double[] {0.3, 0.7}, 0, 0.01);
        assertThatThrownBy(() -> CascadeNetwork.massAction(bundled,
                List.of(new CascadeNetwork.OrganicInlet(36, 20, aqueous))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no organic of this extractant");
        // an organic of twice the extractant concentration
        double[] richer = eq.withMolarScale(eq.molarScale() / 2).preloadedOrganic(0.4, 20, new double[] {0.03, 0.07});
        assertThatThrownBy(() -> CascadeNetwork.massAction(bundled,
                List.of(new CascadeNetwork.OrganicInlet(36, 20, richer))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2C·V");
        assertThatThrownBy(() -> CascadeNetwork.massAction(bundled,
                List.of(new CascadeNetwork.OrganicInlet(84, 20, fine))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stages 1 … 83");
        assertThatThrownBy(() -> CascadeNetwork.massAction(bundled,
                List.of(new CascadeNetwork.OrganicInlet(36, 0, fine))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("> 0 L/h");
        // the same organic is taken
        assertThat(CascadeNetwork.massAction(bundled, List.of(new CascadeNetwork.OrganicInlet(36, 20, fine)))
                .organicFlow(36)).isEqualTo(250.0);
    }

    private static double relative(double a, double b) {
        return a == b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    }
}
