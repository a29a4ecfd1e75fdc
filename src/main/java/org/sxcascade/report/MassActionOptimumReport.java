package org.sxcascade.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionFlows;
import org.sxcascade.optimize.Configuration;
import org.sxcascade.optimize.PlantFlowSearch.Point;
import org.sxcascade.optimize.MassActionOptimum;
import org.sxcascade.optimize.MassActionSettings;
import org.sxcascade.optimize.Objective;
import org.sxcascade.solver.SteadyState;

/**
 * What {@code optimize} reports about a mass-action optimum ({@code PlantFlowSearch};
 * docs/optimize.md, "Mass-action cases"): text, JSON and case file.
 */
public final class MassActionOptimumReport {
    private MassActionOptimumReport() {
    }

    /** The terminal report. */
    public static String text(MassActionOptimum o) {
        MassActionCase c = o.optimized();
        MassActionSettings s = o.settings();
        Point b = o.best();
        Point base = o.baseline();
        StringBuilder t = new StringBuilder();
        Configuration.CostBreakdown cost = o.cost();
        switch (o.objective()) {
            case STAGES -> t.append(f("Optimum: fewest stages that meet the targets (%d), at them the least reagent "
                    + "use, %s%n", c.totalStages(), objectiveText(s)));
            case COST -> t.append(f("Optimum: least annual cost (the case's costs section): %s %s/year%n",
                    Formats.general(cost.total()), cost.currency()));
            default -> t.append("Optimum: least reagent use, ").append(objectiveText(s)).append('\n');
        }
        t.append(f("  objective    %s %s (%s than the case's %s: %s%s)%n", Formats.general(b.objective()),
                o.objective() == Objective.COST ? cost.currency() + "/year" : s.objectiveUnit(), f("%.2f %% %s", 100 * Math.abs(o.saving()), o.saving() >= 0 ? "less" : "more"),
                o.stagesSearched() ? "stages and flows" : "flows",
                Formats.general(base.objective()), base.feasible() ? "" : base.failure() != null
                        ? ", which did not converge" : ", which miss a target"));
        t.append(f("  reagents     base %s mol %s/h = %s mol per mol RE fed; acid %s mol H+/h = %s mol per mol RE fed%n",
                Formats.general(b.base() * c.feedRate()), c.cation(), Formats.general(b.base()),
                Formats.general(b.acid() * c.feedRate()), Formats.general(b.acid())));
        t.append(flowLine("flows       ", b.flows(), c));
        t.append(flowLine("case's flows", base.flows(), c));
        t.append(f("  margins      raffinate %.3g, strip liquor %.3g (ln of allowance over shortfall; the reflux "
                + "balances them); stripped organic and pH %.3g%n", b.raffinateMargin(), b.stripMargin(), b.otherMargin()));
        SteadyState st = o.state();
        t.append(f("  verified     solved again from a cold start: %d iterations, residual %.1e, mass balance %.1e%n",
                st.iterations(), st.residual(), st.massBalanceError()));
        double[] of = s.organicFlow();
        double[] sa = s.saponification();
        double[] sf = s.stripFlow();
        double[] re = s.reflux();
        t.append(f("  bounds       organic %s … %s L/h, saponification %s … %s, strip acid %s … %s L/h, reflux %s … %s; "
                        + "RE on the stripped organic ≤ %s mol per mol RE fed, stage pH ≤ %s%n",
                Formats.general(of[0]), Formats.general(of[1]), Formats.general(sa[0]), Formats.general(sa[1]),
                Formats.general(sf[0]), Formats.general(sf[1]), Formats.general(re[0]), Formats.general(re[1]),
                Formats.general(s.maxStrippedRareEarth()), Formats.general(s.maxPH())));
        t.append(f("  search       %d flow settings (each at its balancing reflux), %d steady states, %d did not converge "
                + "(counted infeasible)%s%n", o.evaluations(), o.solves(), o.failedSolves(),
                o.passedOver() == 0 ? "" : f("; %d cheaper points passed over: they converge only by continuation, "
                        + "not from a cold start", o.passedOver())));
        if (s.scrubFlow() != null || s.stripAcidity() != null) {
            t.append(f("  searched     also%s%s%n", s.scrubFlow() != null ? f(" scrub acid %s … %s L/h at %s mol/L",
                    Formats.general(s.scrubFlow()[0]), Formats.general(s.scrubFlow()[1]),
                    Formats.general(s.scrubAcidity())) : "", s.stripAcidity() != null ? f("%s strip acidity %s … %s "
                    + "mol/L", s.scrubFlow() != null ? ";" : "", Formats.general(s.stripAcidity()[0]),
                    Formats.general(s.stripAcidity()[1])) : ""));
        }
        if (cost != null) {
            t.append(OptimumReport.costLine(cost));
        }
        String fixed = s.scrubFlow() == null && s.stripAcidity() == null ? "scrub acid and strip acidity"
                : s.scrubFlow() == null ? "scrub acid" : s.stripAcidity() == null ? "strip acidity" : null;
        String how = !o.stagesSearched() ? "the case's: give stage bounds in the optimize section to search them"
                : f("searched within extraction %s, scrub %s, strip %s; %d stage counts had their flows searched%s",
                range(s.stageRange(0), c), range(s.stageRange(1), c), range(s.stageRange(2), c), o.stageCounts(),
                o.stageBudgetSpent() ? ", the budget maxStageCounts: the best found within it" : "");
        t.append(f("  stages       %d extraction + %d scrub + %d strip = %d (%s)%s%n%n",
                c.cascade().extractionStages(), c.cascade().scrubStages(), c.stripStages(), c.totalStages(), how,
                fixed == null ? "" : "; " + fixed + " fixed at the case's"));
        t.append(o.verification().toText(false));
        return t.toString();
    }

    /** A searched section's "min … max", or "fixed" when it is not searched. */
    private static String range(int[] r, MassActionCase c) {
        return r == null ? "fixed" : r[0] + " … " + r[1];
    }

    private static String objectiveText(MassActionSettings s) {
        if (s.priced()) {
            return f("%s × acid + %s × base (%s)", Formats.general(s.acidPrice()), Formats.general(s.basePrice()),
                    s.currency());
        }
        return s.acidPrice() == 1 && s.basePrice() == 1 ? "mol acid (H+) + mol base per mol RE fed"
                : f("%s × acid + %s × base", Formats.general(s.acidPrice()), Formats.general(s.basePrice()));
    }

    private static String flowLine(String label, MassActionFlows f, MassActionCase c) {
        return f("  %s organic %.6g L/h, saponification %.6f, strip acid %.6g L/h at %s mol/L, reflux %.8f%s%n", label,
                f.organicFlow(), f.saponification(), f.stripFlow(), Formats.general(f.stripAcidity()), f.reflux(),
                f.scrubFlow() > 0 ? f(", scrub acid %s L/h at %s mol/L", Formats.general(f.scrubFlow()),
                        Formats.general(f.scrubAcidity())) : "");
    }

    /** The optimum as {@code optimize --json} prints it. */
    public static ObjectNode toJson(MassActionOptimum o) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode j = mapper.createObjectNode();
        MassActionSettings s = o.settings();
        j.put("case", o.optimized().name());
        j.put("model", "mass-action");
        ObjectNode objective = j.putObject("objective");
        objective.put("name", o.objective().label());
        objective.put("acidPrice", s.acidPrice());
        objective.put("basePrice", s.basePrice());
        if (s.priced()) {
            objective.put("currency", s.currency());
        }
        objective.put("value", o.objectiveValue());
        objective.put("unit", switch (o.objective()) {
            case STAGES -> "stages";
            case COST -> o.cost().currency() + "/year";
            default -> s.objectiveUnit();
        });
        objective.put("flowObjective", o.best().objective());
        objective.put("savingOverCaseFlows", o.saving());
        ObjectNode stages = j.putObject("stages");
        MassActionCase c = o.optimized();
        stages.put("extraction", c.cascade().extractionStages());
        stages.put("scrub", c.cascade().scrubStages());
        stages.put("strip", c.stripStages());
        stages.put("total", c.totalStages());
        stages.put("searched", o.stagesSearched());
        if (o.stagesSearched()) {
            for (int section = 0; section < 3; section++) {
                int[] r = s.stageRange(section);
                if (r != null) {
                    putRange(stages, section == 0 ? "extractionRange" : section == 1 ? "scrubRange" : "stripRange",
                            new double[] {r[0], r[1]});
                }
            }
            stages.put("stageCounts", o.stageCounts());
            stages.put("maxStageCounts", s.maxStageCounts());
            stages.put("budgetSpent", o.stageBudgetSpent());
        }
        if (o.cost() != null) {
            OptimumReport.putCost(j, o.cost());
        }
        putPoint(j.putObject("optimum"), o.best(), o.optimized());
        putPoint(j.putObject("caseFlows"), o.baseline(), o.optimized());
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
        search.put("evaluations", o.evaluations());
        search.put("steadyStates", o.solves());
        search.put("failedSolves", o.failedSolves());
        search.put("passedOver", o.passedOver());
        search.put("maxEvaluations", s.maxEvaluations());
        j.set("verification", o.verification().toJson());
        return j;
    }

    private static void putRange(ObjectNode j, String name, double[] r) {
        ObjectNode o = j.putObject(name);
        o.put("min", r[0]);
        o.put("max", r[1]);
    }

    /** The flows the optimizer sets, as the JSON and the case file name them. */
    private static void putFlows(ObjectNode flows, MassActionFlows f) {
        flows.put("organicFlow", f.organicFlow());
        flows.put("saponification", f.saponification());
        flows.put("stripFlow", f.stripFlow());
        flows.put("stripAcidity", f.stripAcidity());
        flows.put("scrubFlow", f.scrubFlow());
        flows.put("scrubAcidity", f.scrubAcidity());
        flows.put("reflux", f.reflux());
    }

    private static void putPoint(ObjectNode j, Point p, MassActionCase c) {
        MassActionFlows f = p.flows();
        ObjectNode flows = j.putObject("flows");
        putFlows(flows, f);
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

    /**
     * The case file with the optimal stage counts and flows, every other section as given (the
     * optimize section too, so that {@code optimize} runs on it with the same bounds; {@code
     * simulate} reads past it).
     */
    public static String caseYaml(JsonNode tree, MassActionOptimum o) {
        ObjectNode root = tree.deepCopy();
        ObjectNode cascade = (ObjectNode) root.get("cascade");
        MassActionCase c = o.optimized();
        cascade.put("extractionStages", c.cascade().extractionStages());
        cascade.put("scrubStages", c.cascade().scrubStages());
        cascade.put("stripStages", c.stripStages());
        ObjectNode flows = (ObjectNode) root.get("flows");
        MassActionFlows f = o.best().flows();
        putFlows(flows, f);
        Point b = o.best();
        return CaseTreeYaml.write(List.of(
                o.stagesSearched() || o.objective() != Objective.REAGENTS ? f("Written by `sxcascade optimize "
                        + "--objective %s`: %s the least %s that meets the targets,", o.objective().label(),
                        o.stagesSearched() ? "the stage counts searched, at them" : "at these stage counts",
                        o.objective() == Objective.COST ? "annual cost" : "reagent use")
                        : "Written by `sxcascade optimize`: the least reagent use that meets the targets at these stage counts,",
                f("%s %s (the case's flows: %s). Verified from a cold start: raffinate purity %.9f,",
                        Formats.general(b.objective()), o.settings().objectiveUnit(),
                        Formats.general(o.baseline().objective()), b.raffinatePurity()),
                f("strip liquor purity %.9f. The flows are written in full precision: the reflux decides",
                        b.stripPurity()),
                "very sharply which product takes the impurities."), root);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
