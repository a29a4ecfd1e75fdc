package org.sxcascade.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.optimize.Configuration;
import org.sxcascade.optimize.Objective;
import org.sxcascade.optimize.OptimizeResult;
import org.sxcascade.optimize.OptimizeResult.Comparison;
import org.sxcascade.optimize.Optimum;
import org.sxcascade.optimize.PlantFlowOptimum;
import org.sxcascade.optimize.PlantFlowSearch;
import org.sxcascade.solver.SteadyState;

/**
 * What {@code optimize} reports about an optimum of any model ({@link OptimizeResult}): the
 * terminal report, the JSON document (docs/optimize.md, "Output") and the optimized case file. The
 * common lines and fields are written here once; each search's own sections come from the result.
 */
public final class OptimumReport {
    private OptimumReport() {
    }

    /** The terminal report of an optimum. */
    public static String text(OptimizeResult o) {
        StringBuilder t = new StringBuilder();
        t.append(o.caseName()).append('\n');
        o.header().forEach(line -> t.append(line).append('\n'));
        OptimizeResult.ObjectiveValue objective = o.objective();
        t.append('\n').append("Optimum: least ").append(objective.description()).append('\n');
        t.append(f("  objective    %s %s%n", Formats.general(objective.value()), objective.unit()));
        t.append(f("  cascade      %s; %s%n", o.stages().text(), o.stages().feedsText()));
        t.append("  flows        ").append(Summary.flowsText(o.flows())).append('\n');
        if (!o.purities().isEmpty()) {
            t.append("  purities     ").append(Summary.puritiesText(o.purities(), "%+.1e")).append('\n');
        }
        t.append("  binding      ").append(String.join("; ", o.binding())).append('\n');
        OptimizeResult.Reagents r = o.reagents();
        if (r != null) {
            t.append(f("  reagents     %s mol H+ acid and %s mol base per mol RE fed%s%n", Formats.general(r.acid()),
                    Formats.general(r.base()), r.acidPerHour() == null ? "" : f("; %s mol H+/h and %s mol %s/h",
                            Formats.general(r.acidPerHour()), Formats.general(r.basePerHour()), r.cation())));
        }
        o.details().forEach(line -> t.append(line).append('\n'));
        if (o.cost() != null) {
            t.append(costLine(o.cost()));
        }
        SteadyState st = o.state();
        t.append(f("  verified     solved from a cold start: %d iterations, residual %.1e, mass balance %.1e%n",
                st.iterations(), st.residual(), st.massBalanceError()));
        Comparison c = o.comparison();
        if (c != null) {
            t.append('\n').append(f("Compared with %s: %s; %s: %s %s%s%n", c.with(), c.stages().text(),
                    Summary.flowsText(c.flows()), c.objective(), Formats.general(c.value()),
                    c.remark() == null ? "" : ", " + c.remark()));
            t.append(f("  the optimum's %s, %s, is %.2f %% %s%s%n", c.objective(), Formats.general(c.optimumValue()),
                    100 * Math.abs(c.saving()), c.saving() >= 0 ? "lower" : "higher",
                    c.note() == null ? "" : " (" + c.note() + ")"));
        } else if (o.comparisonNote() != null) {
            t.append('\n').append("Compared with ").append(o.comparisonNote()).append('\n');
        }
        for (Summary.Section s : o.sections()) {
            if (s.lines().isEmpty()) {
                continue;
            }
            if (s.title() != null) {
                t.append('\n').append(s.title()).append('\n');
            }
            t.append(s.lines());
        }
        return t.toString();
    }

    /** The optimum as {@code optimize --json} prints it (fields in docs/optimize.md). */
    public static ObjectNode toJson(OptimizeResult o) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode j = mapper.createObjectNode();
        j.put("case", o.caseName());
        j.put("model", o.model());
        OptimizeResult.ObjectiveValue ov = o.objective();
        ObjectNode objective = j.putObject("objective");
        objective.put("name", ov.name());
        objective.put("description", ov.description());
        objective.put("value", ov.value());
        objective.put("unit", ov.unit());
        o.binding().forEach(j.putArray("binding")::add);
        Summary.putStages(j.putObject("stages"), o.stages());
        Summary.putFlows(j.putArray("operatingFlows"), o.flows());
        Summary.putPurities(j.putArray("productPurities"), o.purities());
        OptimizeResult.Reagents r = o.reagents();
        if (r != null) {
            ObjectNode reagents = j.putObject("reagents");
            reagents.put("acidPerMolFed", r.acid());
            reagents.put("basePerMolFed", r.base());
            if (r.acidPerHour() != null) {
                reagents.put("acidMolPerHour", r.acidPerHour());
                reagents.put("baseMolPerHour", r.basePerHour());
            }
        }
        if (o.cost() != null) {
            putCost(j, o.cost());
        }
        Summary.putVerification(j.putObject("verification"), o.state());
        Comparison c = o.comparison();
        if (c != null) {
            ObjectNode x = j.putObject("comparison");
            x.put("with", c.with());
            Summary.putStages(x.putObject("stages"), c.stages());
            Summary.putFlows(x.putArray("operatingFlows"), c.flows());
            x.put("objective", c.objective());
            x.put("value", c.value());
            x.put("optimumValue", c.optimumValue());
            x.put("saving", c.saving());
            if (c.remark() != null) {
                x.put("remark", c.remark());
            }
            if (c.note() != null) {
                x.put("note", c.note());
            }
        } else if (o.comparisonNote() != null) {
            j.putObject("comparison").put("note", o.comparisonNote());
        }
        for (Summary.Section s : o.sections()) {
            if (s.json() != null) {
                Summary.merge(j, s.json());
            }
        }
        return j;
    }

    /** The report's line of a cost breakdown (every model's optimize). */
    public static String costLine(Configuration.CostBreakdown c) {
        return f("  cost         %s %s/year: stages %s (%s m³), organic %s (%s m³), acid %s, base %s%n",
                Formats.general(c.total()), c.currency(), Formats.general(c.stageCapital()),
                Formats.general(c.stageVolume()), Formats.general(c.organicCapital()), Formats.general(c.organicVolume()),
                Formats.general(c.acid()), Formats.general(c.base()));
    }

    /** A cost breakdown as the JSON object {@code annualCost} (every model's optimize). */
    public static void putCost(ObjectNode j, Configuration.CostBreakdown c) {
        ObjectNode cost = j.putObject("annualCost");
        cost.put("currency", c.currency());
        cost.put("total", c.total());
        cost.put("stageCapital", c.stageCapital());
        cost.put("organicCapital", c.organicCapital());
        cost.put("acid", c.acid());
        cost.put("base", c.base());
        cost.put("stageVolumeCubicMetres", c.stageVolume());
        cost.put("organicVolumeCubicMetres", c.organicVolume());
    }

    /**
     * The optimum as a case file: a commented simulate case of the optimal stage counts and flows
     * S, W ({@link DesignReport#caseYaml}); for a mass-action case the case file's own tree with the
     * optimal stage counts and flows, every other section as given (the optimize section too, so
     * that {@code optimize} runs on it with the same bounds; {@code simulate} reads past it).
     */
    public static String caseYaml(OptimizeResult result) {
        if (result instanceof PlantFlowOptimum o) {
            return plantFlowCase(o);
        }
        Optimum o = (Optimum) result;
        Configuration b = o.best();
        DesignInputs in = o.problem().inputs();
        List<String> comments = List.of("Written by `sxcascade optimize --objective " + o.settings().objective().label()
                        + "`: the least " + o.objective().description() + " = " + b.objectiveValue() + ",",
                f("verified stage by stage: P_A = %.9f, P_B = %.9f.", b.organicPurity(), b.aqueousPurity()));
        return DesignReport.caseYaml(in, comments, "optimized", b.extractionStages(), b.scrubStages(),
                b.extractantFlow(), b.scrubFlow(), o.problem().purityA(), o.problem().purityB(), b.plant());
    }

    private static String plantFlowCase(PlantFlowOptimum o) {
        ObjectNode root = (ObjectNode) o.tree();
        ObjectNode cascade = (ObjectNode) root.get("cascade");
        MassActionCase c = o.optimized();
        cascade.put("extractionStages", c.cascade().extractionStages());
        cascade.put("scrubStages", c.cascade().scrubStages());
        cascade.put("stripStages", c.stripStages());
        PlantFlowOptimum.putFlows((ObjectNode) root.get("flows"), o.best().flows());
        PlantFlowSearch.Point b = o.best();
        Objective objective = o.objectiveKind();
        return CaseTreeYaml.write(List.of(
                o.stagesSearched() || objective != Objective.REAGENTS ? f("Written by `sxcascade optimize "
                        + "--objective %s`: %s the least %s that meets the targets,", objective.label(),
                        o.stagesSearched() ? "the stage counts searched, at them" : "at these stage counts",
                        objective == Objective.COST ? "annual cost" : "reagent use")
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
