package org.sxcascade.optimize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sxcascade.design.TargetMargin;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionFlows;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.report.Formats;
import org.sxcascade.report.Summary.Purity;
import org.sxcascade.report.Summary.Quantity;
import org.sxcascade.report.Summary.Section;
import org.sxcascade.report.Summary.StageCounts;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.solver.SteadyState;

/**
 * The optimum of a case's plant flows (organic flow, saponification, strip acid, reflux; and the
 * stage counts where the optimize section bounds them), as {@link PlantFlowSearch} finds it for a
 * mass-action case, verified by a cold-start solve, with the case's own flows for comparison;
 * seen through {@link OptimizeResult}.
 *
 * @param given         the case as given (its stage counts and flows are the comparison's)
 * @param optimized     the case at the optimal stage counts and flows (everything else as given)
 * @param best          the optimal point as the search evaluated it
 * @param verification  the report of a cold-start solve of {@code optimized} (iterations, residual,
 *                      closure, products)
 * @param baseline      the case's own flows, evaluated at their own reflux
 * @param settings      bounds, constraints and weights used
 * @param evaluations   flow settings evaluated (each with its reflux solved)
 * @param solves        steady states solved
 * @param failedSolves  solves that did not converge (their points count as infeasible)
 * @param passedOver    cheaper feasible points passed over because they converge only by
 *                      continuation, not from a cold start
 * @param objectiveKind what was minimized: reagents, stages or cost
 * @param cost          the cost model at the optimum, or {@code null} when the case has no costs section
 * @param stagesSearched whether the stage counts were searched (bounds in the optimize section)
 * @param stageCounts   stage counts whose flows the stage search optimised (0 when not searched)
 * @param stageBudgetSpent whether the stage search stopped at its budget of stage counts
 * @param tree          the case file's YAML tree, from which the optimized case file is written
 *                      (every field the optimizer does not set kept as given), or {@code null}
 */
public record PlantFlowOptimum(MassActionCase given, MassActionCase optimized, PlantFlowSearch.Point best,
                               SimulationReport verification, PlantFlowSearch.Point baseline,
                               MassActionSettings settings, int evaluations, int solves, int failedSolves,
                               int passedOver, Objective objectiveKind, Configuration.CostBreakdown cost,
                               boolean stagesSearched, int stageCounts, boolean stageBudgetSpent, JsonNode tree)
        implements OptimizeResult {
    /**
     * A margin (ln of allowance over shortfall) at most this counts as binding: within 0.1 % of the
     * allowed impurity or limit, as the search's surface secant aims at (PlantFlowSearch).
     */
    private static final double BINDING_MARGIN = 1e-3;
    /** A flow within this fraction of its search range from a bound counts as at it. */
    private static final double ON_BOUND = 1e-6;

    public PlantFlowOptimum {
        tree = tree == null ? null : tree.deepCopy();
    }

    /** This optimum with the case file's YAML tree, for the optimized case file. */
    public PlantFlowOptimum withTree(JsonNode caseTree) {
        return new PlantFlowOptimum(given, optimized, best, verification, baseline, settings, evaluations, solves,
                failedSolves, passedOver, objectiveKind, cost, stagesSearched, stageCounts, stageBudgetSpent, caseTree);
    }

    @Override
    public JsonNode tree() {
        return tree == null ? null : tree.deepCopy();
    }

    /** The verification solve. */
    @Override
    public SteadyState state() {
        return verification.state();
    }

    /** The value of the objective: total stages, the annual cost or the weighted reagent use. */
    public double objectiveValue() {
        return objectiveKind == Objective.STAGES ? optimized.totalStages() : best.objective();
    }

    /** Relative saving of the objective over the case's own flows (negative if it costs more). */
    public double saving() {
        return (baseline.objective() - best.objective()) / baseline.objective();
    }

    @Override
    public String caseName() {
        return optimized.name();
    }

    @Override
    public String model() {
        return "mass-action";
    }

    @Override
    public List<String> header() {
        return List.of(f("  targets    %s; %s", target("raffinate", optimized.raffinateTarget()),
                target("strip liquor", optimized.stripTarget())));
    }

    private String target(String product, ProductTarget t) {
        return product + " " + names(t) + (t.purity() != null ? " purity ≥ " + Formats.percent(t.purity()) : "")
                + (t.recovery() != null ? " recovery ≥ " + Formats.percent(t.recovery()) : "");
    }

    private String names(ProductTarget t) {
        return String.join("+", t.components().stream().map(optimized.rareEarths()::get).toList());
    }

    @Override
    public ObjectiveValue objective() {
        String weights = weights();
        return switch (objectiveKind) {
            case STAGES -> new ObjectiveValue("stages", "total stages that meet the targets, at them the least reagent "
                    + "use, " + weights, optimized.totalStages(), "stages");
            case COST -> new ObjectiveValue("cost", "annual cost (the case's costs section)", best.objective(),
                    cost.currency() + "/year");
            default -> new ObjectiveValue(objectiveKind.label(), "reagent use, " + weights, best.objective(),
                    settings.objectiveUnit());
        };
    }

    /** The reagent weights in words. */
    private String weights() {
        MassActionSettings s = settings;
        if (s.priced()) {
            return f("%s × acid + %s × base (%s)", Formats.general(s.acidPrice()), Formats.general(s.basePrice()),
                    s.currency());
        }
        return s.acidPrice() == 1 && s.basePrice() == 1 ? "mol acid (H+) + mol base per mol RE fed"
                : f("%s × acid + %s × base", Formats.general(s.acidPrice()), Formats.general(s.basePrice()));
    }

    @Override
    public StageCounts stages() {
        return stages(optimized);
    }

    private static StageCounts stages(MassActionCase c) {
        List<Integer> feeds = new ArrayList<>();
        for (int i = 0; i < c.feeds().size(); i++) {
            feeds.add(c.feedStage(i));
        }
        return new StageCounts(c.cascade().extractionStages(), c.cascade().scrubStages(), c.stripStages(), "aqueous",
                feeds);
    }

    @Override
    public List<Quantity> flows() {
        return flows(best.flows());
    }

    /** The flows the search sets, as the case file names them. */
    private static List<Quantity> flows(MassActionFlows f) {
        List<Quantity> q = new ArrayList<>();
        q.add(new Quantity("organic", f.organicFlow(), "%.6g", "L/h", "flows.organicFlow"));
        q.add(new Quantity("saponification", f.saponification(), "%.6f", "", "flows.saponification"));
        q.add(new Quantity("strip acid", f.stripFlow(), "%.6g", "L/h", "flows.stripFlow"));
        q.add(new Quantity("strip acidity", f.stripAcidity(), null, "mol/L", "flows.stripAcidity"));
        q.add(new Quantity("reflux", f.reflux(), "%.8f", "", "flows.reflux"));
        if (f.scrubFlow() > 0) {
            q.add(new Quantity("scrub acid", f.scrubFlow(), null, "L/h", "flows.scrubFlow"));
            q.add(new Quantity("scrub acidity", f.scrubAcidity(), null, "mol/L", "flows.scrubAcidity"));
        }
        return q;
    }

    @Override
    public List<Purity> purities() {
        List<Purity> p = new ArrayList<>();
        if (optimized.raffinateTarget().purity() != null) {
            p.add(new Purity("raffinate " + names(optimized.raffinateTarget()), best.raffinatePurity(), optimized.raffinateTarget().purity()));
        }
        if (optimized.stripTarget().purity() != null) {
            p.add(new Purity("strip liquor " + names(optimized.stripTarget()), best.stripPurity(), optimized.stripTarget().purity()));
        }
        return p;
    }

    /**
     * The targets and limits whose margin is at most {@value #BINDING_MARGIN} (ln units), the
     * flows at a bound of their search range, the stage counts at the largest searched; or that
     * none is.
     */
    @Override
    public List<String> binding() {
        List<String> on = new ArrayList<>();
        PlantFlowSearch.Point b = best;
        if (b.raffinateMargin() <= BINDING_MARGIN) {
            on.add("the raffinate's target (" + names(optimized.raffinateTarget()) + ")");
        }
        if (b.stripMargin() <= BINDING_MARGIN) {
            on.add("the strip liquor's target (" + names(optimized.stripTarget()) + ")");
        }
        if (TargetMargin.capped(settings.maxStrippedRareEarth(), b.strippedRareEarth()) <= BINDING_MARGIN) {
            on.add("the RE left on the stripped organic at its limit, " + Formats.general(settings.maxStrippedRareEarth())
                    + " mol per mol RE fed (optimize.maxStrippedRareEarth)");
        }
        if ((settings.maxPH() - b.highestPH()) * Math.log(10) <= BINDING_MARGIN) {
            on.add("the highest stage pH at its limit, " + Formats.general(settings.maxPH()) + " (optimize.maxPH)");
        }
        MassActionFlows f = b.flows();
        bound(on, "the organic flow", f.organicFlow(), settings.organicFlow(), "optimize.organicFlow");
        bound(on, "the saponification", f.saponification(), settings.saponification(), "optimize.saponification");
        bound(on, "the strip acid flow", f.stripFlow(), settings.stripFlow(), "optimize.stripFlow");
        bound(on, "the reflux", f.reflux(), settings.reflux(), "optimize.reflux");
        if (settings.scrubFlow() != null) {
            bound(on, "the scrub acid flow", f.scrubFlow(), settings.scrubFlow(), "optimize.scrubFlow");
        }
        if (settings.stripAcidity() != null) {
            bound(on, "the strip acidity", f.stripAcidity(), settings.stripAcidity(), "optimize.stripAcidity");
        }
        if (stagesSearched) {
            String[] section = {"extraction", "scrub", "strip"};
            int[] count = {optimized.cascade().extractionStages(), optimized.cascade().scrubStages(),
                optimized.stripStages()};
            for (int i = 0; i < 3; i++) {
                int[] r = settings.stageRange(i);
                if (r != null && r[0] < r[1] && count[i] >= r[1]) {
                    on.add(f("the %s stages at the largest searched, %d", section[i], r[1]));
                }
            }
        }
        if (on.isEmpty()) {
            on.add("none of the targets or bounds (an interior optimum)");
        }
        return on;
    }

    private static void bound(List<String> on, String what, double x, double[] range, String field) {
        double tol = ON_BOUND * Math.max(range[1] - range[0], Math.abs(range[1]));
        if (range[1] > range[0] && Math.abs(x - range[1]) <= tol) {
            on.add(what + " at the largest searched, " + Formats.general(range[1]) + " (" + field + ".max)");
        } else if (range[1] > range[0] && Math.abs(x - range[0]) <= tol) {
            on.add(what + " at the smallest searched, " + Formats.general(range[0]) + " (" + field + ".min)");
        }
    }

    @Override
    public Reagents reagents() {
        return new Reagents(best.acid(), best.base(), best.acid() * optimized.feedRate(),
                best.base() * optimized.feedRate(), optimized.cation());
    }

    @Override
    public List<String> details() {
        return List.of(f("  margins      raffinate %.3g, strip liquor %.3g (ln of allowance over shortfall; the reflux "
                + "balances them); stripped organic and pH %.3g", best.raffinateMargin(), best.stripMargin(),
                best.otherMargin()));
    }

    @Override
    public Comparison comparison() {
        return new Comparison(stagesSearched ? "the case's stages and flows" : "the case's flows", stages(given),
                flows(baseline.flows()), objectiveKind == Objective.COST ? "annual cost" : "reagent use",
                baseline.objective(), best.objective(), baseline.feasible() ? null : baseline.failure() != null
                ? "which did not converge" : "which miss a target", null);
    }

    @Override
    public String comparisonNote() {
        return null;
    }

    @Override
    public List<Section> sections() {
        return List.of(search(), new Section("Verification: the optimum solved again from a cold start",
                verification.toText(false), verificationJson()));
    }

    /** The bounds searched, the work done and the stage search. */
    private Section search() {
        MassActionSettings s = settings;
        MassActionCase c = optimized;
        StringBuilder t = new StringBuilder();
        double[] of = s.organicFlow();
        double[] sa = s.saponification();
        double[] sf = s.stripFlow();
        double[] re = s.reflux();
        t.append(f("  bounds       organic %s … %s L/h, saponification %s … %s, strip acid %s … %s L/h, reflux %s … %s; "
                        + "RE on the stripped organic ≤ %s mol per mol RE fed, stage pH ≤ %s%n",
                Formats.general(of[0]), Formats.general(of[1]), Formats.general(sa[0]), Formats.general(sa[1]),
                Formats.general(sf[0]), Formats.general(sf[1]), Formats.general(re[0]), Formats.general(re[1]),
                Formats.general(s.maxStrippedRareEarth()), Formats.general(s.maxPH())));
        t.append(f("  work         %d flow settings (each at its balancing reflux), %d steady states, %d did not converge "
                + "(counted infeasible)%s%n", evaluations, solves, failedSolves,
                passedOver == 0 ? "" : f("; %d cheaper points passed over: they converge only by continuation, "
                        + "not from a cold start", passedOver)));
        if (s.scrubFlow() != null || s.stripAcidity() != null) {
            t.append(f("  searched     also%s%s%n", s.scrubFlow() != null ? f(" scrub acid %s … %s L/h at %s mol/L",
                    Formats.general(s.scrubFlow()[0]), Formats.general(s.scrubFlow()[1]),
                    Formats.general(s.scrubAcidity())) : "", s.stripAcidity() != null ? f("%s strip acidity %s … %s "
                    + "mol/L", s.scrubFlow() != null ? ";" : "", Formats.general(s.stripAcidity()[0]),
                    Formats.general(s.stripAcidity()[1])) : ""));
        }
        String fixed = s.scrubFlow() == null && s.stripAcidity() == null ? "scrub acid and strip acidity"
                : s.scrubFlow() == null ? "scrub acid" : s.stripAcidity() == null ? "strip acidity" : null;
        String how = !stagesSearched ? "the case's: give stage bounds in the optimize section to search them"
                : f("searched within extraction %s, scrub %s, strip %s; %d stage counts had their flows searched%s",
                range(s.stageRange(0)), range(s.stageRange(1)), range(s.stageRange(2)), stageCounts,
                stageBudgetSpent ? ", the budget maxStageCounts: the best found within it" : "");
        t.append(f("  stages       %d extraction + %d scrub + %d strip = %d (%s)%s%n",
                c.cascade().extractionStages(), c.cascade().scrubStages(), c.stripStages(), c.totalStages(), how,
                fixed == null ? "" : "; " + fixed + " fixed at the case's"));
        return new Section("Search", t.toString(), searchJson());
    }

    /** A searched section's "min … max", or "fixed" when it is not searched. */
    private static String range(int[] r) {
        return r == null ? "fixed" : r[0] + " … " + r[1];
    }

    /** The search's JSON fields: objective weights, stage search, the optimum's and case's points, bounds, work. */
    private ObjectNode searchJson() {
        MassActionSettings s = settings;
        ObjectNode j = new ObjectMapper().createObjectNode();
        ObjectNode objective = j.putObject("objective");
        objective.put("acidPrice", s.acidPrice());
        objective.put("basePrice", s.basePrice());
        if (s.priced()) {
            objective.put("currency", s.currency());
        }
        objective.put("flowObjective", best.objective());
        objective.put("savingOverCaseFlows", saving());
        ObjectNode stages = j.putObject("stages");
        stages.put("searched", stagesSearched);
        if (stagesSearched) {
            for (int section = 0; section < 3; section++) {
                int[] r = s.stageRange(section);
                if (r != null) {
                    putRange(stages, section == 0 ? "extractionRange" : section == 1 ? "scrubRange" : "stripRange",
                            new double[] {r[0], r[1]});
                }
            }
            stages.put("stageCounts", stageCounts);
            stages.put("maxStageCounts", s.maxStageCounts());
            stages.put("budgetSpent", stageBudgetSpent);
        }
        putPoint(j.putObject("optimum"), best);
        putPoint(j.putObject("caseFlows"), baseline);
        ObjectNode bounds = j.putObject("bounds");
        putRange(bounds, "organicFlow", s.organicFlow());
        putRange(bounds, "saponification", s.saponification());
        putRange(bounds, "stripFlow", s.stripFlow());
        putRange(bounds, "reflux", s.reflux());
        if (s.scrubFlow() != null) {
            putRange(bounds, "scrubFlow", s.scrubFlow());
            bounds.put("scrubAcidity", s.scrubAcidity());
        }
        if (s.stripAcidity() != null) {
            putRange(bounds, "stripAcidity", s.stripAcidity());
        }
        bounds.put("maxStrippedRareEarth", s.maxStrippedRareEarth());
        bounds.put("maxPH", s.maxPH());
        ObjectNode search = j.putObject("search");
        search.put("evaluations", evaluations);
        search.put("steadyStates", solves);
        search.put("failedSolves", failedSolves);
        search.put("passedOver", passedOver);
        search.put("maxEvaluations", s.maxEvaluations());
        return j;
    }

    private ObjectNode verificationJson() {
        ObjectNode j = new ObjectMapper().createObjectNode();
        j.set("verification", verification.toJson());
        return j;
    }

    private static void putRange(ObjectNode j, String name, double[] r) {
        ObjectNode o = j.putObject(name);
        o.put("min", r[0]);
        o.put("max", r[1]);
    }

    /** The flows the optimizer sets, as the JSON and the case file name them. */
    public static void putFlows(ObjectNode flows, MassActionFlows f) {
        flows.put("organicFlow", f.organicFlow());
        flows.put("saponification", f.saponification());
        flows.put("stripFlow", f.stripFlow());
        flows.put("stripAcidity", f.stripAcidity());
        flows.put("scrubFlow", f.scrubFlow());
        flows.put("scrubAcidity", f.scrubAcidity());
        flows.put("reflux", f.reflux());
    }

    private void putPoint(ObjectNode j, PlantFlowSearch.Point p) {
        MassActionCase c = optimized;
        ObjectNode flows = j.putObject("flows");
        putFlows(flows, p.flows());
        flows.put("unit", "L/h, mol/L; saponification and reflux as fractions");
        ObjectNode reagents = j.putObject("reagents");
        reagents.put("basePerMolFed", p.base());
        reagents.put("acidPerMolFed", p.acid());
        reagents.put("baseMolPerHour", p.base() * c.feedRate());
        reagents.put("acidMolPerHour", p.acid() * c.feedRate());
        j.put("objectiveValue", p.objective());
        j.put("raffinatePurity", p.raffinatePurity());
        j.put("stripPurity", p.stripPurity());
        j.put("raffinateMargin", p.raffinateMargin());
        j.put("stripMargin", p.stripMargin());
        j.put("strippedRareEarth", p.strippedRareEarth());
        j.put("highestPH", p.highestPH());
        j.put("feasible", p.feasible());
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
