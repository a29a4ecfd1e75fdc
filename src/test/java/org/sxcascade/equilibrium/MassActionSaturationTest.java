package org.sxcascade.equilibrium;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sxcascade.flowsheet.FlowsheetResult;
import org.sxcascade.flowsheet.FlowsheetSolver;
import org.sxcascade.io.CaseReader;
import org.sxcascade.io.FlowsheetReader;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionCaseView;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/**
 * Issue 8, acceptance 2: near saturation the mass-action model approaches Xu's CMER model.
 *
 * <p>Xu's constant mixed extraction ratio rests on a saturated organic whose RE flow is the same on
 * every stage (docs/theory.md, Equilibrium models). A saponified organic reaches that when the RE takes up the whole
 * saponified capacity by exchange for the cation, 2sC/3 mol/L (s = ½ uses all the extractant), and
 * nothing else changes its loading: the cation is fully displaced (K_M → 0), no free acid strips it
 * (the strip acid's excess that the reflux carries into the scrubbing section → 0) and the strip
 * section strips completely (enough stages). β = K_A/K_B holds on every stage in both models.
 *
 * <p>The CMER reference is built from closed-form flows only, never from the mass-action result:
 * S = 2sC·O/(3F) from the saponification, and the RE reflux as a flowsheet recycle, a share r of
 * the loaded organic's RE returned as aqueous scrub liquor to stage N (so W = rS). Along three
 * levels of saturation the largest difference of the stage compositions must fall steadily, and at
 * the last level it is below 5e-3 in mole fraction and the section RE flows agree to 2e-3 relative.
 * The binary is β = 2 with S = 1.7086 as in Zhang's case (docs/theory.md, Reference numbers), and W chosen so that
 * f_A = S − W = 0.45 lies below the feed's 0.5 A: a split that is not balanced on a knife edge, so
 * that the comparison measures the model, not the sensitivity of a balanced split to its flows.
 */
class MassActionSaturationTest {
    private static final int EXTRACTION = 24;
    private static final int SCRUB = 21;
    private static final double S = 1.7086449;
    private static final double W = 1.2586449;
    private static final double C = 0.75;
    private static final double SAPONIFICATION = 0.5;
    /** mol/h RE fed: 10 L/h of 1 mol/L. */
    private static final double FEED = 10;

    /** One level of saturation: K_M, the strip acid's excess, strip stages, feed acidity (mol/L). */
    private record Level(double cationConstant, double stripExcess, int stripStages, double feedAcidity) {
    }

    private static final Level[] LEVELS = {
        new Level(1e-5, 0.01, 12, 0.002),
        new Level(1e-7, 0.002, 16, 0.0005),
        new Level(1e-9, 0.0005, 20, 0.0001),
    };

    @Test
    void profileApproachesCmerAsTheOrganicSaturates(@TempDir Path dir) throws Exception {
        SteadyState cmer = cmerWithReflux();
        double previous = Double.POSITIVE_INFINITY;
        double lastFlowDeviation = Double.NaN;
        double last = Double.NaN;
        for (Level level : LEVELS) {
            MassActionCase c = massActionCase(dir, level);
            CascadeNetwork network = CascadeNetwork.massAction(c);
            SteadyState state = new NewtonCascadeSolver().solve(network, c.solver());

            // the chemistry closes on every stage, whatever the level
            SimulationReport report = new SimulationReport(c, network, state);
            assertThat(MassActionCaseView.of(report.view()).hydrogenBalance()).isLessThan(1e-10);
            assertThat(MassActionCaseView.of(report.view()).cationBalance()).isLessThan(1e-10);
            assertThat(MassActionCaseView.of(report.view()).extractantBalance()).isLessThan(1e-10);
            assertThat(state.massBalanceError()).isLessThan(1e-10);

            double composition = 0;
            double flows = 0;
            for (int k = 1; k <= EXTRACTION + SCRUB; k++) {
                double aqA = state.aqueousFlow(k, 0);
                double aqB = state.aqueousFlow(k, 1);
                double orgA = state.organicFlow(k, 0);
                double orgB = state.organicFlow(k, 1);
                composition = Math.max(composition, Math.abs(aqA / (aqA + aqB) - cmer.aqueousFraction(k, 0)));
                composition = Math.max(composition, Math.abs(orgA / (orgA + orgB) - cmer.organicFraction(k, 0)));
                flows = Math.max(flows, Math.abs(orgA + orgB - cmer.organicTotal(k)) / cmer.organicTotal(k));
                flows = Math.max(flows, Math.abs(aqA + aqB - cmer.aqueousTotal(k)) / cmer.aqueousTotal(k));
            }
            assertThat(composition).as("largest composition difference at %s", level).isLessThan(previous / 3);
            previous = composition;
            last = composition;
            lastFlowDeviation = flows;
        }
        assertThat(last).isLessThan(5e-3);
        assertThat(lastFlowDeviation).isLessThan(2e-3);
    }

    /** The CMER cascade at S and W = rS, the reflux a recycle of the loaded organic's RE to stage N. */
    private static SteadyState cmerWithReflux() {
        String flowsheet = """
                model: separation-factors
                components: [{name: A, separationFactor: 2.0}, {name: B, separationFactor: 1.0}]
                feeds: [{name: feed, composition: {A: 0.5, B: 0.5}, amount: 1}]
                cascades:
                  - name: X
                    extractionStages: %d
                    scrubStages: %d
                    extractant: %s
                    acidScrub: 0
                    inlets:
                      - {from: feed, phase: aqueous}
                      - {from: X.organic, phase: aqueous, stage: %d, fraction: %s}
                solver: {tearTolerance: 1e-11}
                """.formatted(EXTRACTION, SCRUB, S, EXTRACTION + SCRUB, W / S);
        FlowsheetResult result = new FlowsheetSolver().solve(new FlowsheetReader().parse(flowsheet));
        SteadyState state = result.units().get(0).state();
        // the reflux loop is a torn recycle: converged, its tear residual reported, the whole
        // flowsheet closed
        assertThat(result.tearIterations()).isGreaterThan(1);
        assertThat(result.tearResidual()).isLessThanOrEqualTo(1e-11);
        assertThat(result.maxClosure()).isLessThan(1e-10);
        // the reflux closes on W: the aqueous RE of the scrubbing section
        assertThat(state.aqueousTotal(EXTRACTION + SCRUB)).isCloseTo(W, org.assertj.core.data.Offset.offset(1e-9));
        return state;
    }

    /**
     * The mass-action cascade whose saturated flows are the CMER ones: organic O = S·F/(2sC/3) L/h,
     * strip acid 3 H⁺ per RE stripped (S·F) plus the level's excess, reflux r = W/S.
     */
    private static MassActionCase massActionCase(Path dir, Level level) throws Exception {
        double organic = S * FEED / (2 * SAPONIFICATION * C / 3);
        double stripAcidity = 6;
        double stripFlow = 3 * S * FEED * (1 + level.stripExcess()) / stripAcidity;
        String yaml = """
                model: mass-action
                components:
                  - {name: A, exchangeConstant: 2}
                  - {name: B, exchangeConstant: 1}
                extractant: {concentration: %s, cation: Na, cationExchangeConstant: %s}
                feed: {composition: {A: 0.5, B: 0.5}, concentration: 1.0, acidity: %s, flow: 10}
                cascade: {extractionStages: %d, scrubStages: %d, stripStages: %d}
                flows: {organicFlow: %s, saponification: %s, stripFlow: %s, stripAcidity: %s, reflux: %s}
                solver: {tolerance: 1e-12, maxIterations: 100000}
                """.formatted(C, level.cationConstant(), level.feedAcidity(), EXTRACTION, SCRUB, level.stripStages(),
                organic, SAPONIFICATION, stripFlow, stripAcidity, W / S);
        Path file = dir.resolve("saturation-" + level.stripStages() + ".yaml");
        Files.writeString(file, yaml);
        return (MassActionCase) new CaseReader().readForSimulate(file);
    }
}
