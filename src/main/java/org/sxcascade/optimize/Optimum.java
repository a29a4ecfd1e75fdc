package org.sxcascade.optimize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sxcascade.design.CascadeDesigner.PlantFlows;
import org.sxcascade.design.KremserFlows;
import org.sxcascade.design.SeparationProblem;
import org.sxcascade.design.XuDesign;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.StageOptions;
import org.sxcascade.report.DesignReport;
import org.sxcascade.report.Formats;
import org.sxcascade.report.Summary.Purity;
import org.sxcascade.report.Summary.Quantity;
import org.sxcascade.report.Summary.Section;
import org.sxcascade.report.Summary.StageCounts;
import org.sxcascade.report.OptimumReport;
import org.sxcascade.solver.SteadyState;

/**
 * What {@code optimize} found over stage counts and flows S, W ({@link MetalFlowSearch}; models
 * separation-factors and distribution-ratios), seen through {@link OptimizeResult}.
 *
 * @param problem        the separation (key pair, targets P_A and P_B)
 * @param settings       objective, bounds and fixed variables
 * @param xu             Xu's static design at the √β optimum (minimum flows, Fenske minimum, estimates)
 * @param best           the optimum, verified by a fresh steady-state solve
 * @param cascadeCase    the optimum as a simulate case
 * @param state          its steady state
 * @param baseline       {@code design}'s verified configuration at Xu's √β-optimum flows, or
 *                       {@code null} when it is outside the bounds (see {@code baselineNote})
 * @param baselineNote   why there is no baseline, or {@code null}
 * @param pareto         non-dominated configurations, total stages against extractant flow (and
 *                       reagent use), by increasing N; empty unless asked for
 * @param bounds         the flow range searched
 * @param firstStageTotal smallest N that meets the targets within the bounds
 * @param lastStageTotal largest N the search visited
 * @param steadyStates   steady states solved
 * @param failedSolves   solves that did not converge (their points counted as missing the targets)
 */
public record Optimum(SeparationProblem problem, OptimizerSettings settings, XuDesign xu, Configuration best,
                      CascadeCase cascadeCase, SteadyState state, Configuration baseline, String baselineNote,
                      List<Configuration> pareto, FlowBounds bounds, int firstStageTotal, int lastStageTotal,
                      int steadyStates, int failedSolves) implements OptimizeResult {
    /** How close to a bound counts as on it (relative). */
    private static final double ON_BOUND = 1e-6;
    private static final String PER_FED = "mol RE per mol RE fed";

    public Optimum {
        pareto = List.copyOf(pareto);
    }

    /**
     * The flows the search could use (mol RE per mol RE fed).
     *
     * @param minScrub          smallest W
     * @param maxScrub          largest W
     * @param minExtractant     smallest S
     * @param maxExtractant     largest S
     * @param phaseRatioChecked whether the O/A bounds were applied (they need plant data)
     * @param fixedFlows        whether the user fixed the flows (then min = max)
     * @param limitedBy         what sets the largest flows, in words
     */
    public record FlowBounds(double minScrub, double maxScrub, double minExtractant, double maxExtractant,
                             boolean phaseRatioChecked, boolean fixedFlows, String limitedBy) {
    }

    private DesignInputs inputs() {
        return problem.inputs();
    }

    @Override
    public String caseName() {
        return inputs().name();
    }

    @Override
    public String model() {
        return problem.linear() ? "distribution-ratios" : "separation-factors";
    }

    @Override
    public List<String> header() {
        DesignInputs in = inputs();
        SeparationProblem p = problem;
        return List.of(
                f("  split      %s (loaded organic, A) | %s (raffinate, B); key pair %s/%s, β = %.4f",
                        names(in.organicTarget().components()), names(in.aqueousTarget().components()),
                        in.components().get(p.keyA()), in.components().get(p.keyB()), p.keyBeta()),
                f("  targets    P_A = %s, P_B = %s; product split f'_A = %.6f", Formats.percent(p.purityA()),
                        Formats.percent(p.purityB()), p.productSplit()));
    }

    private String names(List<Integer> group) {
        return String.join("+", group.stream().map(inputs().components()::get).toList());
    }

    @Override
    public ObjectiveValue objective() {
        return new ObjectiveValue(settings.objective().label(), objectiveText(false), best.objectiveValue(),
                objectiveText(true));
    }

    /** What the objective is, or its unit; extractant and phi weigh the organic per feed flow for distribution ratios. */
    private String objectiveText(boolean unit) {
        Objective objective = settings.objective();
        if (problem.linear() && objective == Objective.EXTRACTANT) {
            return unit ? "L organic per L feed" : "organic flow per feed flow O/F";
        }
        if (problem.linear() && objective == Objective.PHI) {
            return unit ? "stages × L organic per L feed"
                    : "production indicator Φ = (O/F)·(n + m), organic per feed flow times stages";
        }
        if (unit && objective == Objective.COST && best.cost() != null) {
            return best.cost().currency() + "/year"; // the case's currency, as on the cost line
        }
        return unit ? objective.unit() : objective.description();
    }

    @Override
    public StageCounts stages() {
        return stages(best);
    }

    private StageCounts stages(Configuration c) {
        FeedPhase phase = inputs().feed().phase();
        return new StageCounts(c.extractionStages(), c.scrubStages(), 0, phase.label(),
                List.of(phase == FeedPhase.AQUEOUS ? c.extractionStages() : c.extractionStages() + 1));
    }

    @Override
    public List<Quantity> flows() {
        return flows(best);
    }

    /**
     * A configuration's operating flows: S and W (and the plant's organic and scrub liquor, L/h,
     * where the case has plant data), or for distribution ratios the volumetric flows.
     */
    private List<Quantity> flows(Configuration c) {
        if (problem.linear()) {
            KremserFlows l = problem.linearFlows(c.extractantFlow(), c.scrubFlow());
            double feed = inputs().feed().volumetricFlow();
            return List.of(new Quantity("organic", l.organicPerFeed() * feed, null, "L/h", "flows.organicFlow"),
                    new Quantity("scrub liquor", l.scrubPerFeed() * feed, null, "L/h", "flows.scrubFlow"));
        }
        List<Quantity> q = new ArrayList<>();
        q.add(new Quantity("S", c.extractantFlow(), "%.6f", PER_FED, "flows.extractant"));
        q.add(new Quantity("W", c.scrubFlow(), "%.6f", PER_FED, "flows.scrub"));
        PlantFlows pl = c.plant();
        if (pl != null && pl.organicFlow() != null) {
            q.add(new Quantity("organic", pl.organicFlow(), null, "L/h", "flows.organicFlow"));
            if (pl.scrubFlow() != null) {
                q.add(new Quantity("scrub liquor", pl.scrubFlow(), null, "L/h", "flows.scrubFlow"));
            }
        }
        return q;
    }

    @Override
    public List<Purity> purities() {
        return List.of(new Purity("P_A", best.organicPurity(), problem.purityA()),
                new Purity("P_B", best.aqueousPurity(), problem.purityB()));
    }

    /**
     * The purity targets with a margin below {@value #ON_BOUND} of the impurity they allow (1 − P),
     * an O/A ratio at a bound of the search, S at either end of the searched range, the stage
     * limit; or that none is (issue 17: a plant needs to know what holds the optimum where it is).
     */
    @Override
    public List<String> binding() {
        Configuration b = best;
        SeparationProblem p = problem;
        List<String> on = new ArrayList<>();
        // relative to the impurity each product may carry: 1e-6 of (1 − P)
        if (b.organicPurity() - p.purityA() < ON_BOUND * (1 - p.purityA())) {
            on.add("the loaded organic's purity target (P_A)");
        }
        if (b.aqueousPurity() - p.purityB() < ON_BOUND * (1 - p.purityB())) {
            on.add("the raffinate's purity target (P_B)");
        }
        FlowBounds fb = bounds;
        PlantFlows plant = b.plant();
        if (fb.phaseRatioChecked() && plant != null && plant.extractionRatio() != null) {
            double lo = settings.effectiveMinPhaseRatio();
            double hi = settings.effectiveMaxPhaseRatio();
            String[] section = {"extraction", "scrub"};
            double[] ratio = {plant.extractionRatio(), plant.scrubRatio()};
            for (int i = 0; i < 2; i++) {
                if (Math.abs(ratio[i] - hi) <= ON_BOUND * hi) {
                    on.add(f("the %s O/A at its largest allowed, %s (--max-ratio)", section[i], Formats.general(hi)));
                } else if (Math.abs(ratio[i] - lo) <= ON_BOUND * lo) {
                    on.add(f("the %s O/A at its smallest allowed, %s (--min-ratio)", section[i], Formats.general(lo)));
                }
            }
        }
        if (!fb.fixedFlows() && Math.abs(b.extractantFlow() - fb.maxExtractant()) <= ON_BOUND * fb.maxExtractant()) {
            on.add("S at the largest searched, set by " + fb.limitedBy());
        } else if (!fb.fixedFlows() && Math.abs(b.extractantFlow() - fb.minExtractant()) <= ON_BOUND * fb.minExtractant()
                && on.stream().noneMatch(x -> x.contains("O/A"))) {
            on.add("S at the smallest searched"); // (an O/A bound, when one binds, is what set it)
        }
        if (b.totalStages() >= settings.maxStages()) {
            on.add("the stage limit n + m = " + settings.maxStages() + " (--max-stages)");
        }
        if (on.isEmpty()) {
            on.add("none of the targets or bounds (an interior optimum)");
        }
        return on;
    }

    @Override
    public Reagents reagents() {
        return problem.linear() ? null : new Reagents(best.acidUse(), best.baseUse(), null, null, null);
    }

    @Override
    public Configuration.CostBreakdown cost() {
        return best.cost();
    }

    @Override
    public List<String> details() {
        List<String> t = new ArrayList<>();
        DesignInputs in = inputs();
        if (problem.linear()) {
            KremserFlows l = problem.linearFlows(best.extractantFlow(), best.scrubFlow());
            t.add(f("  per stage    g = %.6f (feed %s L/h); Φ = (O/F)·N = %s", l.factor(),
                    Formats.general(in.feed().volumetricFlow()), Formats.general(best.productionIndicator())));
        } else {
            t.add(f("  indicator    Φ = S·N = %s", Formats.general(best.productionIndicator())));
        }
        StageOptions so = in.stageOptions();
        if (so.extractionEfficiency() != 1 || so.scrubEfficiency() != 1) {
            t.add(f("  stages       Murphree efficiency %s (extraction), %s (scrub), as the case gives",
                    Formats.general(so.extractionEfficiency()), Formats.general(so.scrubEfficiency())));
        }
        PlantFlows p = best.plant();
        if (p != null) {
            String at = p.organicFlow() == null ? "" : f("organic at %s mol/L RE%s; ", Formats.general(in.organicLoading()),
                    p.scrubFlow() == null ? "" : f(", scrub liquor at %s mol/L H+", Formats.general(in.scrubAcidity())));
            if (p.extractionRatio() != null) {
                t.add(f("  plant        %sO/A by volume %.3f (extraction), %.3f (scrub)", at, p.extractionRatio(),
                        p.scrubRatio()));
                at = "";
            }
            t.add(f("  %s %s%s mol/h RE fed: scrub acid %s and strip acid %s mol H+/h, saponification %s mol base/h",
                    p.extractionRatio() == null ? "plant       " : "            ", at, Formats.general(p.feedRate()),
                    Formats.general(p.scrubAcid()), Formats.general(p.stripAcid()), Formats.general(p.saponification())));
        }
        return t;
    }

    @Override
    public Comparison comparison() {
        if (baseline == null) {
            return null;
        }
        return new Comparison(problem.linear() ? "design (least estimated throughput)" : "design (√β rule)",
                stages(baseline), flows(baseline), settings.objective().label(), baseline.objectiveValue(),
                best.objectiveValue(), null, baselineNote);
    }

    @Override
    public String comparisonNote() {
        return baseline == null ? "design: " + baselineNote : null;
    }

    @Override
    public List<Section> sections() {
        List<Section> s = new ArrayList<>();
        s.add(new Section(null, "", configurationJson()));
        s.add(searchSection());
        if (settings.pareto()) {
            s.add(paretoSection());
        }
        return s;
    }

    /** The JSON fields of the S, W search: the optimum's and design's configurations in full. */
    private ObjectNode configurationJson() {
        ObjectNode j = new ObjectMapper().createObjectNode();
        ObjectNode targets = j.putObject("targets");
        targets.put("organic", problem.purityA());
        targets.put("aqueous", problem.purityB());
        putConfiguration(j, best);
        DesignReport.putEfficiency(j, inputs());
        j.put("flowUnit", problem.linear() ? "extractantFlow and scrubFlow: coordinates of the volumetric flows "
                + "(docs/design.md, \"Constant distribution ratios\"); volumetricFlows in L/h" : PER_FED);
        if (baseline != null) {
            ObjectNode d = j.putObject("design");
            putConfiguration(d, baseline);
            if (baselineNote != null) {
                d.put("note", baselineNote);
            }
        } else {
            j.put("designNote", baselineNote);
        }
        return j;
    }

    /** The range of S and W, the O/A bounds, the stage totals visited and the work done. */
    private Section searchSection() {
        DesignInputs in = inputs();
        FlowBounds fb = bounds;
        StringBuilder t = new StringBuilder();
        if (problem.linear()) {
            double[] lo = {problem.linearFlows(fb.minExtractant(), fb.minScrub()).free(),
                problem.linearFlows(fb.maxExtractant(), fb.maxScrub()).free()};
            t.append(f("  flows        %s/feed flow ratio from %.6g to %.6g (minimum 1/(β − 1) = %.6g); the largest set by %s%n",
                    in.feed().phase() == FeedPhase.AQUEOUS ? "scrub" : "organic", lo[0], lo[1],
                    KremserFlows.minimum(problem.keyBeta()), fb.limitedBy()));
        } else if (fb.fixedFlows()) {
            t.append(f("  flows        fixed: S = %.6f, W = %.6f%n", fb.minExtractant(), fb.minScrub()));
        } else {
            t.append(f("  flows        S from %.6g to %.6g (W from %.6g to %.6g); the largest set by %s%s%n",
                    fb.minExtractant(), fb.maxExtractant(), fb.minScrub(), fb.maxScrub(), fb.limitedBy(),
                    fb.minExtractant() < xu.minExtractantFlow()
                            ? f("; the smallest is where W reaches its lower end, below S_min = %.6f, where no "
                            + "cascade meets the targets", xu.minExtractantFlow()) : ""));
        }
        t.append(fb.phaseRatioChecked()
                ? f("  O/A          between %s and %s in both sections%n", Formats.general(settings.effectiveMinPhaseRatio()),
                Formats.general(settings.effectiveMaxPhaseRatio()))
                : "  O/A          not checked (no plant data: needs feed.flow, feed.concentration, flows.organicLoading, "
                + "flows.scrubAcidity)\n");
        t.append(f("  stages       N from %d to %d searched (limit %d); Fenske's minimum %.2f; S_min = %.6f (infinite stages)%n",
                firstStageTotal, lastStageTotal, settings.maxStages(), xu.fenskeMinimum(), xu.minExtractantFlow()));
        t.append(f("  work         %d steady states solved%s%n", steadyStates,
                failedSolves == 0 ? "" : ", " + failedSolves + " did not converge (counted as missing the targets)"));
        ObjectNode j = new ObjectMapper().createObjectNode();
        ObjectNode b = j.putObject("bounds");
        b.put("minExtractantFlow", fb.minExtractant());
        b.put("maxExtractantFlow", fb.maxExtractant());
        b.put("minScrubFlow", fb.minScrub());
        b.put("maxScrubFlow", fb.maxScrub());
        b.put("limitedBy", fb.limitedBy());
        b.put("phaseRatioChecked", fb.phaseRatioChecked());
        if (fb.phaseRatioChecked()) {
            b.put("minPhaseRatio", settings.effectiveMinPhaseRatio());
            b.put("maxPhaseRatio", settings.effectiveMaxPhaseRatio());
        }
        b.put("maxStages", settings.maxStages());
        b.put("fenskeMinimum", xu.fenskeMinimum());
        b.put("minExtractantFlowInfiniteStages", xu.minExtractantFlow());
        ObjectNode search = j.putObject("search");
        search.put("firstStageTotal", firstStageTotal);
        search.put("lastStageTotal", lastStageTotal);
        search.put("steadyStates", steadyStates);
        search.put("failedSolves", failedSolves);
        ArrayNode front = j.putArray("pareto");
        for (Configuration c : pareto) {
            putConfiguration(front.addObject(), c);
        }
        return new Section("Search", t.toString(), j);
    }

    /** The Pareto front, total stages against the organic (or extractant) flow. */
    private Section paretoSection() {
        StringBuilder t = new StringBuilder();
        if (problem.linear()) {
            double feed = inputs().feed().volumetricFlow();
            t.append(f("  %5s %4s %4s %12s %12s %10s %10s%n", "N", "n", "m", "organic L/h", "scrub L/h", "g", "Φ"));
            for (Configuration c : pareto) {
                KremserFlows l = problem.linearFlows(c.extractantFlow(), c.scrubFlow());
                t.append(f("  %5d %4d %4d %12.6g %12.6g %10.6f %10.4f%s%n", c.totalStages(), c.extractionStages(),
                        c.scrubStages(), l.organicPerFeed() * feed, l.scrubPerFeed() * feed, l.factor(),
                        c.productionIndicator(), c.totalStages() == best.totalStages() ? "   ← optimum" : ""));
            }
            t.append("  (Φ = (O/F)·N; the flows of docs/design.md, \"Constant distribution ratios\")\n");
            return new Section("Pareto front: total stages against organic flow; none is beaten on both by another",
                    t.toString(), null);
        }
        boolean plant = !pareto.isEmpty() && pareto.get(0).plant() != null && pareto.get(0).plant().organicFlow() != null;
        t.append(f("  %5s %4s %4s %10s %10s %10s %12s%s%n", "N", "n", "m", "S", "W", "Φ", "acid+base",
                plant ? "  organic L/h" : ""));
        for (Configuration c : pareto) {
            t.append(f("  %5d %4d %4d %10.6f %10.6f %10.4f %12.6f%s%s%n", c.totalStages(), c.extractionStages(),
                    c.scrubStages(), c.extractantFlow(), c.scrubFlow(), c.productionIndicator(), c.reagentUse(),
                    plant ? f("  %11.2f", c.plant().organicFlow()) : "",
                    c.totalStages() == best.totalStages() ? "   ← optimum" : ""));
        }
        t.append("  (S, W in mol RE per mol RE fed; acid + base in mol per mol RE fed)\n");
        return new Section("Pareto front: total stages against extractant flow (and reagent use); none is beaten on "
                + "both by another", t.toString(), null);
    }

    private void putConfiguration(ObjectNode j, Configuration c) {
        SeparationProblem p = problem;
        j.put("extractionStages", c.extractionStages());
        j.put("scrubStages", c.scrubStages());
        j.put("totalStages", c.totalStages());
        j.put("feedStage", p.feedPhase() == FeedPhase.AQUEOUS ? c.extractionStages() : c.extractionStages() + 1);
        j.put("extractantFlow", c.extractantFlow());
        j.put("scrubFlow", c.scrubFlow());
        ObjectNode purities = j.putObject("purities");
        purities.put("organic", c.organicPurity());
        purities.put("aqueous", c.aqueousPurity());
        ObjectNode margins = j.putObject("margins");
        margins.put("organic", c.organicPurity() - p.purityA());
        margins.put("aqueous", c.aqueousPurity() - p.purityB());
        j.put("objectiveValue", c.objectiveValue());
        j.put("productionIndicator", c.productionIndicator());
        j.put("acidPerMolFed", c.acidUse());
        j.put("basePerMolFed", c.baseUse());
        j.put("reagentUse", c.reagentUse());
        if (p.linear()) {
            KremserFlows l = p.linearFlows(c.extractantFlow(), c.scrubFlow());
            double feed = p.inputs().feed().volumetricFlow();
            ObjectNode v = j.putObject("volumetricFlows");
            v.put("organicFlow", l.organicPerFeed() * feed);
            v.put("scrubFlow", l.scrubPerFeed() * feed);
            v.put("unit", "L/h");
            v.put("purificationPerStage", l.factor());
        }
        PlantFlows pl = c.plant();
        if (pl != null) {
            ObjectNode plant = j.putObject("plant");
            plant.put("feedRateMolPerHour", pl.feedRate());
            if (pl.organicFlow() != null) {
                plant.put("organicFlowLitresPerHour", pl.organicFlow());
            }
            if (pl.scrubFlow() != null) {
                plant.put("scrubFlowLitresPerHour", pl.scrubFlow());
            }
            if (pl.extractionRatio() != null) {
                plant.put("organicToAqueousExtraction", pl.extractionRatio());
                plant.put("organicToAqueousScrub", pl.scrubRatio());
            }
            plant.put("scrubAcidMolPerHour", pl.scrubAcid());
            plant.put("stripAcidMolPerHour", pl.stripAcid());
            plant.put("saponificationBaseMolPerHour", pl.saponification());
        }
        if (c.cost() != null) {
            OptimumReport.putCost(j, c.cost());
        }
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
