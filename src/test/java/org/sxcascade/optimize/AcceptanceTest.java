package org.sxcascade.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sxcascade.design.CascadeDesigner;
import org.sxcascade.design.FlowChoice;
import org.sxcascade.design.SeparationProblem;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/** Issue 4 acceptance on the Zhang binary (docs/theory.md) and the Nd/Pr 99.9 % case. */
class AcceptanceTest {

    @Test
    void zhangFewestStagesNeverWorseThanDesignAndApproachesFenske() {
        DesignInputs in = OptimizerCases.zhang();
        CascadeDesigner.Design design = new CascadeDesigner().design(in, FlowChoice.optimum(), 1000);
        double fenske = design.xu().fenskeMinimum(); // lg(ab)/lg β = 23.25
        double sOpt = design.xu().extractantFlow();
        int previous = Integer.MAX_VALUE;
        int last = 0;
        for (double factor : new double[] {1, 2, 4, 8, 16}) {
            Optimum o = new MetalFlowSearch().optimize(in,
                    OptimizerCases.settings(Objective.STAGES, 1000, factor * sOpt, false));
            int stages = o.best().totalStages();
            assertThat(stages).as("never worse than design's verified %d stages", design.verified().totalStages())
                    .isLessThanOrEqualTo(design.verified().totalStages());
            assertThat(stages).as("more flow never needs more stages").isLessThanOrEqualTo(previous);
            assertThat(stages).as("never below Fenske's minimum").isGreaterThanOrEqualTo((int) Math.ceil(fenske));
            assertVerified(o);
            previous = stages;
            last = stages;
        }
        assertThat(last).as("at 16 × Xu's S the stages approach Fenske's %.2f", fenske)
                .isLessThanOrEqualTo((int) Math.ceil(fenske) + 2);
    }

    @Test
    void zhangWithinPhaseRatioBounds() {
        // the Zhang inputs with plant data: O/A bounds apply to both sections
        DesignInputs in = OptimizerCases.binary(2, 0.5, org.sxcascade.model.FeedPhase.AQUEOUS, 0.999, 0.9999, true, null);
        // at 0.17 mol/L loading and 3.5 mol/L scrub acid the scrub O/A falls towards 3.5/(3 × 0.17) = 6.86
        // as W grows: O/A ≤ 8 sets a least W, above design's
        OptimizerSettings bounded = new OptimizerSettings(Objective.PHI, 1000, 10.0, 0.5, 8.0, null, null, null,
                null, 0, false, null);
        Optimum o = new MetalFlowSearch().optimize(in, bounded);
        assertThat(o.bounds().phaseRatioChecked()).isTrue();
        assertThat(o.bounds().minScrub()).isGreaterThan(o.xu().scrubFlow());
        assertThat(o.best().plant().extractionRatio()).isBetween(0.5, 8.0 + 1e-9);
        assertThat(o.best().plant().scrubRatio()).isBetween(0.5, 8.0 + 1e-9);
        assertVerified(o);
    }

    @Test
    void prNdMinimumPhiAndMinimumStagesAreVerifiedAndParetoIsNonDominated() {
        DesignInputs in = OptimizerCases.prNd(null);
        Optimum phi = new MetalFlowSearch().optimize(in, OptimizerCases.settings(Objective.PHI, 1000, null, true));
        Optimum stages = new MetalFlowSearch().optimize(in, OptimizerCases.settings(Objective.STAGES, 1000, null, false));
        assertVerified(phi);
        assertVerified(stages);
        assertThat(stages.best().totalStages()).isLessThan(phi.best().totalStages());
        assertThat(phi.best().productionIndicator()).isLessThan(stages.best().productionIndicator());
        // the minimum Φ is no worse than design's √β rule, whose Φ is on the same front
        assertThat(phi.best().productionIndicator()).isLessThanOrEqualTo(phi.baseline().productionIndicator());
        List<Configuration> front = phi.pareto();
        assertThat(front).hasSizeGreaterThan(10);
        for (Configuration a : front) {
            for (Configuration b : front) {
                if (a == b) {
                    continue;
                }
                boolean dominatesOnS = b.totalStages() <= a.totalStages() && b.extractantFlow() <= a.extractantFlow();
                boolean dominatesOnReagent = b.totalStages() <= a.totalStages() && b.reagentUse() <= a.reagentUse();
                assertThat(dominatesOnS).as("%s dominates %s (stages, S)", b, a).isFalse();
                assertThat(dominatesOnReagent).as("%s dominates %s (stages, reagent)", b, a).isFalse();
            }
        }
        // every Pareto point is a cascade that meets both targets (spot-check every fifth)
        SeparationProblem problem = phi.problem();
        for (int k = 0; k < front.size(); k += 5) {
            Configuration c = front.get(k);
            SteadyState st = new NewtonCascadeSolver().solve(CascadeNetwork.of(problem.cascadeCase(c.extractionStages(),
                    c.scrubStages(), c.extractantFlow(), c.scrubFlow())), SolverSettings.defaults());
            double[] p = problem.purities(st, c.totalStages());
            assertThat(p[0]).isGreaterThanOrEqualTo(0.999);
            assertThat(p[1]).isGreaterThanOrEqualTo(0.999);
        }
        // the least-stage point of the front is the minimum-stage optimum
        assertThat(front.get(0).totalStages()).isEqualTo(stages.best().totalStages());
    }

    @Test
    void costObjectiveBalancesCapitalAndReagents() {
        DesignInputs in = OptimizerCases.prNd(OptimizerCases.costs());
        Optimum cost = new MetalFlowSearch().optimize(in, OptimizerCases.settings(Objective.COST, 1000, null, false));
        Optimum stages = new MetalFlowSearch().optimize(in, OptimizerCases.settings(Objective.STAGES, 1000, null, false));
        assertVerified(cost);
        Configuration.CostBreakdown c = cost.best().cost();
        assertThat(c.total()).isLessThanOrEqualTo(stages.best().cost().total());
        // the breakdown follows the documented formulas (OptimizerCases.costs(): 0.5 h residence,
        // 8000 per m³ of stage, 6000 per m³ of organic, 0.05 per mol acid, 0.12 per mol base,
        // 15 % capital charge, 8000 h/year)
        double feed = 100; // mol/h
        double organicLitresPerHour = cost.best().plant().organicFlow() * cost.best().totalStages();
        double litresPerHour = organicLitresPerHour
                + (cost.best().plant().scrubFlow()) * cost.best().totalStages()
                + 100.0 * cost.best().extractionStages(); // feed 100 L/h through the extraction stages
        double stageVolume = 0.5 * litresPerHour / 1000;
        double organicVolume = 0.5 * organicLitresPerHour / 1000;
        double acid = 8000 * 0.05 * feed * cost.best().acidUse();
        double base = 8000 * 0.12 * feed * cost.best().baseUse();
        assertThat(c.stageVolume()).isCloseTo(stageVolume, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(c.organicVolume()).isCloseTo(organicVolume, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(c.acid()).isCloseTo(acid, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(c.base()).isCloseTo(base, org.assertj.core.api.Assertions.within(1e-6));
        // the objective is the annual total: capital charge on stages and organic, plus reagents
        double total = 0.15 * 8000 * stageVolume + 0.15 * 6000 * organicVolume + acid + base;
        assertThat(cost.best().objectiveValue()).isCloseTo(total, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void unreachableTargetsNameTheBound() {
        DesignInputs in = OptimizerCases.zhang();
        assertThatThrownBy(() -> new MetalFlowSearch().optimize(in, OptimizerCases.settings(Objective.PHI, 20, null, false)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--max-stages")
                .hasMessageContaining("Fenske").hasMessageContaining("23.25");
        assertThatThrownBy(() -> new MetalFlowSearch().optimize(in, OptimizerCases.settings(Objective.PHI, 1000, 1.4, false)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--max-extractant")
                .hasMessageContaining("S_min = 1.49835");
        // enough stages for Fenske but not at the flows allowed
        assertThatThrownBy(() -> new MetalFlowSearch().optimize(in, OptimizerCases.settings(Objective.PHI, 30, 1.8, false)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no cascade of at most 30 stages")
                .hasMessageStartingWith("--max-stages = 30 is not allowed: a larger value (no cascade").hasMessageNotContaining("more stages:");
        DesignInputs plant = OptimizerCases.prNd(null);
        OptimizerSettings narrow = new OptimizerSettings(Objective.PHI, 1000, null, 0.1, 2.0, null, null, null, null, 0,
                false, null);
        assertThatThrownBy(() -> new MetalFlowSearch().optimize(plant, narrow))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("O/A");
        assertThatThrownBy(() -> new MetalFlowSearch().optimize(in, OptimizerCases.settings(Objective.COST, 1000, null, false)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("costs section");
    }

    @Test
    void fixedVariablesAreHonoured() {
        DesignInputs in = OptimizerCases.prNd(null);
        OptimizerSettings fixedN = new OptimizerSettings(Objective.PHI, 1000, null, null, null, 30, null, null, null, 0,
                false, null);
        Optimum o = new MetalFlowSearch().optimize(in, fixedN);
        assertThat(o.best().extractionStages()).isEqualTo(30);
        assertVerified(o);
        OptimizerSettings fixedFlows = new OptimizerSettings(Objective.STAGES, 1000, null, null, null, null, null, null,
                3.3393465103653326, 0, false, null);
        Optimum f = new MetalFlowSearch().optimize(in, fixedFlows);
        // design's √β scrub flow: the same fewest stages as design verifies (52)
        assertThat(f.best().totalStages()).isEqualTo(52);
        assertThat(f.bounds().fixedFlows()).isTrue();
        assertVerified(f);
    }

    /** The optimum, re-solved independently, meets both targets. */
    private static void assertVerified(Optimum o) {
        SteadyState st = new NewtonCascadeSolver().solve(CascadeNetwork.of(o.cascadeCase()), SolverSettings.defaults());
        double[] p = o.problem().purities(st, o.best().totalStages());
        assertThat(p[0]).isGreaterThanOrEqualTo(o.problem().purityA());
        assertThat(p[1]).isGreaterThanOrEqualTo(o.problem().purityB());
        assertThat(st.massBalanceError()).isLessThan(1e-10);
    }
}
