package org.sxcascade.dynamics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionCaseModel;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;
import org.sxcascade.solver.SteadyStateSolver;

/** Transient runs of mass-action cascades: start-up to the steady state of simulate, conservation, events. */
class MassActionTransientTest {
    /** The chemistry and flows of cases/pr-nd-mass-action.yaml on a short cascade (fast). */
    static final String CASE = """
            name: short Pr/Nd mass action
            model: mass-action
            components:
              - {name: Pr, exchangeConstant: 0.02}
              - {name: Nd, exchangeConstant: 0.03}
            extractant: {concentration: 0.75, cation: Na, cationExchangeConstant: 0.001}
            feed: {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1.0, acidity: 0.01, flow: 10}
            cascade: {extractionStages: 6, scrubStages: 6, stripStages: 2}
            flows: {organicFlow: 230, saponification: 0.40, stripFlow: 28, stripAcidity: 5.0, reflux: 0.8329}
            targets:
              aqueous: {purity: 0.75, components: [Pr]}
              strip: {purity: 0.9, components: [Nd]}
            transient:
              holdUp: {aqueous: 5, organic: 20}
              simulatedTime: 900 h
              sampling: 90 h
              tolerance: 1e-9
              steadyStateTolerance: 1e-8
            """;

    @TempDir
    static Path dir;
    static TransientCase startUp;
    static TransientResult run;

    static TransientCase read(String yaml) throws Exception {
        Path file = Files.createTempFile(dir, "case", ".yaml");
        Files.writeString(file, yaml);
        return new CaseReader().readForTransient(file);
    }

    @BeforeAll
    static void startUp() throws Exception {
        startUp = read(CASE);
        run = TransientSolver.forMethod(TransientSettings.Method.CONTINUOUS).run(startUp);
    }

    static MassActionCase caseAt(TransientCase c, int i) {
        return c.model().caseOf(i, x -> null, x -> x);
    }

    static MassActionCase first(TransientCase c) {
        return caseAt(c, 0);
    }

    private static SteadyState simulate(MassActionCase c) {
        return SteadyStateSolver.solveFallingBackOnRows(CascadeNetwork.massAction(c), c.solver(), note -> { });
    }

    /** Every product's component flows (RE, Na, H) at the end equal those of simulate, relative 1e-7. */
    private static void assertEndIsSteadyState(TransientResult r, MassActionCase c) {
        SteadyState s = simulate(c);
        CascadeNetwork net = CascadeNetwork.massAction(c);
        TransientSample end = r.end();
        int comps = net.components();
        double[] share = {1, 1 - c.flows().reflux(), 1};
        int[] stage = {1, 13, 14};
        boolean[] organic = {false, false, true};
        for (int i = 0; i < 3; i++) {
            assertThat(r.products().get(i).stage()).isEqualTo(stage[i]);
            double re = 0;
            double group = 0;
            for (int j = 0; j < comps; j++) {
                double expected = share[i] * c.feedRate()
                        * (organic[i] ? s.organicFlow(stage[i], j) : s.aqueousFlow(stage[i], j));
                if (expected > 1e-12 * c.feedRate()) {
                    assertThat(end.productFlow(i, j)).as("product %d component %d", i, j)
                            .isCloseTo(expected, within(1e-7 * expected));
                }
                if (j < 2) {
                    re += expected;
                    group += i == 0 ? (j == 0 ? expected : 0) : (j == 1 ? expected : 0);
                }
            }
            if (i < 2) {
                assertThat(end.purity()[i]).isCloseTo(group / re, within(1e-7 * group / re));
                double acidity = share[i] * c.feedRate() * s.aqueousFlow(stage[i], comps - 1)
                        / (share[i] * net.aqueousFlow(stage[i]));
                assertThat(end.acidity()[i]).isCloseTo(acidity, within(1e-7 * acidity));
            }
        }
    }

    @Test
    void startUpEndsInTheSteadyStateOfSimulate() {
        assertThat(run.hoursToSteadyState()).isNotNull().isLessThan(900.0);
        assertThat(run.end().distanceToSteadyState()).isLessThan(1e-8);
        assertEndIsSteadyState(run, first(startUp));
        // the stripped organic's loading is the steady state's
        SteadyState s = simulate(first(startUp));
        MassActionEquilibrium eq = first(startUp).equilibrium();
        double loading = 3 * (s.organicFlow(14, 0) + s.organicFlow(14, 1)) * eq.molarScale() / (230 * 0.75);
        assertThat(run.end().loading()[2]).isCloseTo(loading, within(1e-6 * loading));
        assertThat(run.end().acidity()[2]).isNaN();
        assertThat(run.end().loading()[0]).isNaN();
    }

    @Test
    void everyComponentIsConservedAtAllTimes() {
        assertThat(run.maxConservationError()).isLessThan(1e-10);
        for (TransientSample s : run.samples()) {
            assertThat(s.conservationError()).isLessThan(1e-10);
        }
        // at the end the products carry off what is fed, component by component (Na and H included)
        CascadeNetwork net = CascadeNetwork.massAction(first(startUp));
        double scale = first(startUp).feedRate();
        TransientSample end = run.end();
        for (int j = 0; j < net.components(); j++) {
            double out = 0;
            for (int i = 0; i < 3; i++) {
                out += end.productFlow(i, j);
            }
            double fed = net.totalFeed(j) * scale;
            assertThat(out).as("component %d", j).isCloseTo(fed, within(1e-7 * fed));
        }
    }

    @Test
    void blankStartHoldsBarrenOrganicAndAcid() {
        TransientSample first = run.samples().get(0);
        assertThat(first.hours()).isZero();
        double[][] held = first.sectionInventories();
        double organic = 20;
        double aqueous = 5;
        // RE: none; Na: 2sC per litre of organic; H: 2C(1 − s) per litre of organic plus the acid
        for (int x = 0; x < 3; x++) {
            int stages = x == 2 ? 2 : 6;
            double acid = x == 0 ? 0.01 : 5.0; // the scrub section has the strip acid (no fresh scrub acid)
            assertThat(held[x][0]).isZero();
            assertThat(held[x][1]).isZero();
            assertThat(held[x][2]).isCloseTo(stages * organic * 2 * 0.4 * 0.75, within(1e-12 * stages * 20));
            double h = stages * (organic * 2 * 0.6 * 0.75 + aqueous * acid);
            assertThat(held[x][3]).isCloseTo(h, within(1e-12 * h));
        }
        assertThat(first.purity()[0]).isNaN();
        assertThat(run.samples()).hasSize(11);
    }

    @Test
    void targetsAreReachedBeforeTheSteadyState() {
        assertThat(run.targets()).extracting(TargetTime::product).containsExactly("raffinate", "strip liquor");
        for (TargetTime t : run.targets()) {
            assertThat(t.reached()).as(t.product() + " " + t.finalPurity()).isTrue();
            assertThat(t.hours()).isLessThan(run.hoursToSteadyState());
        }
    }

    @Test
    void feedFlowStepMovesToTheSteadyStateOfTheNewFlows() throws Exception {
        TransientCase c = read(CASE.replace("simulatedTime: 900 h", """
                simulatedTime: 1100 h
                  initial: steady-state
                  events:
                    - {at: 10 h, feedFlow: 9.5, organicFlow: 225}"""));
        TransientResult r = TransientSolver.forMethod(TransientSettings.Method.CONTINUOUS).run(c);
        assertThat(r.samples().get(0).distanceToSteadyState()).isGreaterThan(1e-3);
        MassActionCase after = caseAt(c, 1);
        assertThat(after.feed().volumetricFlow()).isEqualTo(9.5);
        assertThat(after.flows().organicFlow()).isEqualTo(225);
        assertThat(r.maxConservationError()).isLessThan(1e-10);
        assertThat(r.end().distanceToSteadyState()).isLessThan(1e-8);
        // simulate reads the new case in its own unit (mol per mol RE it feeds): compare in mol/h
        assertEndIsSteadyState(r, MassActionCaseModel.ownUnits(after));
        assertThat(caseAt(c, 1).feedRate()).isCloseTo(9.5, within(1e-12));
    }

    @Test
    void rowSimulationEndsInTheSameSteadyState() {
        TransientResult r = TransientSolver.forMethod(TransientSettings.Method.ROWS).run(startUp);
        assertThat(r.method()).isEqualTo("rows");
        assertThat(r.maxConservationError()).isLessThan(1e-10);
        assertThat(r.end().distanceToSteadyState()).isLessThan(1e-8);
        assertEndIsSteadyState(r, first(startUp));
    }

    @Test
    void normalisedFlowEventsAreRefused() {
        assertThatThrownBy(() -> read(CASE.replace("sampling: 90 h", """
                sampling: 90 h
                  events:
                    - {at: 10 h, extractant: 4.0}""")))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field())
                        .isEqualTo("transient.events[0].extractant"))
                .hasMessageContaining("feedFlow, organicFlow or scrubFlow");
        // a fresh scrub acid flow needs an acidity
        assertThatThrownBy(() -> read(CASE.replace("sampling: 90 h", """
                sampling: 90 h
                  events:
                    - {at: 10 h, scrubFlow: 3}""")))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("transient.events[0].scrubFlow"));
    }

    @Test
    void theDynamicsCarryTheStripLiquorDrawAndTheOrganicInlet() {
        CascadeNetwork net = CascadeNetwork.massAction(first(startUp));
        assertThat(net.aqueousDraw(13)).isCloseTo(1 - 0.8329, within(1e-15));
        CascadeDynamics d = CascadeDynamics.ofVolumes(net, filled(14, 5), filled(14, 20));
        assertThat(d.dimension()).isEqualTo(17 * 4);
        // at the steady state every stage's derivative vanishes and the draw takes (1 − reflux) of stage 7's aqueous
        SteadyState s = simulate(first(startUp));
        double[] y = d.steadyAmounts(s);
        double[] dydt = new double[y.length];
        d.derivatives(y, dydt);
        for (int k = 0; k < 14; k++) {
            for (int j = 0; j < 4; j++) {
                double flow = s.aqueousFlow(k + 1, j) + s.organicFlow(k + 1, j);
                assertThat(Math.abs(dydt[k * 4 + j])).as("stage %d component %d", k + 1, j)
                        .isLessThan(1e-9 * flow + 1e-300);
            }
        }
        for (int j = 0; j < 4; j++) {
            assertThat(dydt[d.sideDrawOffset() + j]).isCloseTo((1 - 0.8329) * s.aqueousFlow(13, j),
                    within(1e-9 * s.aqueousFlow(13, j)));
        }
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void aCaseStartedInItsSteadyStateStaysThere() throws Exception {
        TransientCase c = read(CASE.replace("simulatedTime: 900 h", "simulatedTime: 50 h\n  initial: steady-state")
                .replace("sampling: 90 h", "sampling: 10 h"));
        TransientResult r = TransientSolver.forMethod(TransientSettings.Method.CONTINUOUS).run(c);
        for (TransientSample x : r.samples()) {
            assertThat(x.distanceToSteadyState()).isLessThan(1e-9);
        }
        assertThat(List.of(r.hoursToSteadyState())).containsExactly(0.0);
    }
}
