package org.sxcascade.chart;

import java.util.ArrayList;
import java.util.List;
import org.sxcascade.design.CascadeDesigner;
import org.sxcascade.design.DesignResult;
import org.sxcascade.design.PlantFlowDesign;
import org.sxcascade.design.StageCountScan;
import org.sxcascade.dynamics.TransientResult;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.CascadeCaseView;
import org.sxcascade.model.CaseView;
import org.sxcascade.model.ModelCase;
import org.sxcascade.model.StageProfile;
import org.sxcascade.optimize.OptimizeResult;
import org.sxcascade.optimize.Optimum;
import org.sxcascade.optimize.PlantFlowOptimum;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.solver.SteadyState;

/**
 * The charts each command draws, named for their files: {@code <stem>-profile},
 * {@code <stem>-mccabe-thiele}, {@code <stem>-design-stage-count}, {@code <stem>-pareto-extractant},
 * {@code <stem>-startup-purity} and so on, where the stem is the case file's name.
 */
public final class Charts {
    private Charts() {
    }

    /**
     * A steady state of a case with constant separation factors or distribution ratios: the stage
     * profile and, for constant separation factors, the McCabe–Thiele diagram.
     */
    public static List<NamedChart> steadyState(String stem, CascadeCase cascadeCase, SteadyState state) {
        List<NamedChart> extra = new ArrayList<>();
        McCabeThieleChart.of(cascadeCase, state).ifPresent(c -> extra.add(new NamedChart(stem + "-mccabe-thiele", c)));
        return steadyState(stem, CascadeCaseView.profile(cascadeCase, state), extra);
    }

    /**
     * Any model's steady state, as the report shows it: the stage profile ({@code <stem>-profile}),
     * the McCabe–Thiele diagram where the case has constant separation factors
     * ({@code <stem>-mccabe-thiele}), the pH/loading chart where the view has an acidity
     * ({@link CaseView#acidityLoading()}, {@code <stem>-ph-loading}) and the concentration chart where
     * its phase flows are volumes ({@link CaseView#concentrations()}, {@code <stem>-concentration}).
     *
     * @param modelCase the case
     * @param state     its steady state
     * @param view      the case's view of that state (the same data the report tables show)
     */
    public static List<NamedChart> steadyState(String stem, ModelCase modelCase, SteadyState state, CaseView view) {
        StageProfile profile = view.profile();
        List<NamedChart> panels = new ArrayList<>();
        McCabeThieleChart.of(modelCase, state).ifPresent(c -> panels.add(new NamedChart(stem + "-mccabe-thiele", c)));
        CaseView.AcidityLoading al = view.acidityLoading();
        if (al != null) {
            panels.add(new NamedChart(stem + "-ph-loading", AcidityLoadingChart.of(profile, al.pH(), al.loading(),
                    al.saponification(), al.cation(), al.extractantConcentration(), al.saponificationFed())));
        }
        CaseView.Concentrations conc = view.concentrations();
        if (conc != null) {
            panels.add(new NamedChart(stem + "-concentration", ConcentrationChart.of(profile, conc.names(),
                    conc.aqueous(), conc.organic())));
        }
        return steadyState(stem, profile, panels);
    }

    /**
     * A steady state's stage profile chart ({@code <stem>-profile}), then the given panels.
     */
    public static List<NamedChart> steadyState(String stem, StageProfile profile, List<NamedChart> modelPanels) {
        List<NamedChart> list = new ArrayList<>();
        list.add(new NamedChart(stem + "-profile", ProfileChart.of(profile)));
        list.addAll(modelPanels);
        return list;
    }

    /**
     * A design of any model, as {@code design --plot} draws it: the designed cascade's steady-state
     * charts ({@code <stem>-design-…}, as {@code simulate --plot} draws them: the profile, and the
     * model's panels, for mass action the pH/loading and concentration charts), after the
     * purity-against-stage-count chart for Xu's design verified stage by stage
     * ({@link #design(String, CascadeDesigner.Design, StageCountScan)}).
     *
     * @param progress told after each steady state of a stage-count scan how many of how many are done
     */
    public static List<NamedChart> design(String stem, DesignResult result,
                                          java.util.function.BiConsumer<Integer, Integer> progress) {
        if (result instanceof CascadeDesigner.Design d) {
            return design(stem, d, StageCountScan.of(d, progress));
        }
        PlantFlowDesign.Result r = ((PlantFlowDesign.Designed) result).result();
        return new SimulationReport(r.designed(), r.network(), r.state()).charts(stem + "-design");
    }

    /** A verified design: purity against stage count, then the verified cascade's steady-state charts. */
    public static List<NamedChart> design(String stem, CascadeDesigner.Design design, StageCountScan scan) {
        List<NamedChart> list = new ArrayList<>();
        list.add(new NamedChart(stem + "-design-stage-count", StageCountChart.of(design.inputs().name(), scan,
                design.inputs().components(), design.keyA(), design.keyB())));
        list.addAll(steadyState(stem + "-design", design.cascadeCase(), design.state()));
        return list;
    }

    /**
     * An optimum of any model: for stage counts and flows S, W the Pareto front against extractant
     * flow and reagent use, then the verified optimum's steady-state charts ({@code <stem>-optimum-…},
     * as {@code simulate --plot} draws them; a mass-action optimum's with its pH/loading chart). A
     * distribution-ratios optimum has no metal flow S and no reagents to plot: its charts are the
     * optimum's only.
     */
    public static List<NamedChart> optimum(String stem, OptimizeResult result) {
        if (result instanceof PlantFlowOptimum o) {
            return o.verification().charts(stem + "-optimum");
        }
        Optimum optimum = (Optimum) result;
        List<NamedChart> list = new ArrayList<>();
        if (!optimum.problem().linear()) {
            list.add(new NamedChart(stem + "-pareto-extractant", ParetoChart.of(optimum, ParetoChart.Axis.EXTRACTANT)));
            list.add(new NamedChart(stem + "-pareto-reagents", ParetoChart.of(optimum, ParetoChart.Axis.REAGENTS)));
        }
        list.addAll(steadyState(stem + "-optimum", optimum.cascadeCase(), optimum.state()));
        return list;
    }

    /** Start-up strategies compared: the time to each target per strategy, and every strategy's purities. */
    public static List<NamedChart> startupComparison(String stem, org.sxcascade.dynamics.StartupComparison c) {
        return List.of(new NamedChart(stem + "-startup-compare-times", StartupComparisonChart.times(c)),
                new NamedChart(stem + "-startup-compare-purity", StartupComparisonChart.purities(c)));
    }

    /** A transient run: outlet purities against time. */
    public static List<NamedChart> transientRun(String stem, TransientResult result) {
        return List.of(new NamedChart(stem + "-startup-purity", TransientChart.of(result)));
    }
}
