package org.sxcascade.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.sxcascade.design.CascadeDesigner.PlantFlows;
import org.sxcascade.design.SeparationProblem;
import org.sxcascade.design.XuDesign;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.optimize.Configuration;
import org.sxcascade.optimize.Objective;
import org.sxcascade.optimize.Optimum;
import org.sxcascade.model.StageOptions;
import org.sxcascade.solver.SteadyState;

/** What {@code optimize} reports about an optimum of stage counts and flows S, W: text, JSON and case file. */
public final class OptimumReport {
    private OptimumReport() {
    }

    /** The terminal report of an optimum. */
    public static String text(Optimum o) {
        SeparationProblem p = o.problem();
        DesignInputs in = p.inputs();
        XuDesign xu = o.xu();
        Configuration b = o.best();
        Objective objective = o.settings().objective();
        StringBuilder t = new StringBuilder();
        String groupA = String.join("+", names(in, in.organicTarget().components()));
        String groupB = String.join("+", names(in, in.aqueousTarget().components()));
        t.append(in.name()).append('\n');
        t.append(f("  split      %s (loaded organic, A) | %s (raffinate, B); key pair %s/%s, β = %.4f%n", groupA, groupB,
                in.components().get(p.keyA()), in.components().get(p.keyB()), p.keyBeta()));
        t.append(f("  targets    P_A = %s, P_B = %s; product split f'_A = %.6f%n", Formats.percent(p.purityA()),
                Formats.percent(p.purityB()), p.productSplit()));
        t.append('\n').append("Optimum: least ").append(description(o)).append('\n');
        t.append(f("  objective    %s %s%n", Formats.general(b.objectiveValue()), unit(o)));
        t.append(f("  cascade      n = %d extraction + m = %d scrub = %d stages; the %s feed enters stage %d%n",
                b.extractionStages(), b.scrubStages(), b.totalStages(), in.feed().phase().label(),
                in.feed().phase() == FeedPhase.AQUEOUS ? b.extractionStages() : b.extractionStages() + 1));
        if (p.linear()) {
            t.append(linearFlows("flows       ", p, b));
        } else {
            t.append(f("  flows        S = %.6f, W = %.6f mol RE per mol RE fed; Φ = S·N = %s%n", b.extractantFlow(),
                    b.scrubFlow(), Formats.general(b.productionIndicator())));
        }
        t.append(f("  purities     P_A = %s (margin %+.1e), P_B = %s (margin %+.1e)%n", Formats.percent(b.organicPurity()),
                b.organicPurity() - p.purityA(), Formats.percent(b.aqueousPurity()), b.aqueousPurity() - p.purityB()));
        t.append("  binding      ").append(String.join("; ", binding(o))).append('\n');
        if (!p.linear()) {
            t.append(f("  reagents     %s mol H+ acid and %s mol base per mol RE fed%n", Formats.general(b.acidUse()),
                    Formats.general(b.baseUse())));
        }
        StageOptions so = in.stageOptions();
        if (so.extractionEfficiency() != 1 || so.scrubEfficiency() != 1) {
            t.append(f("  stages       Murphree efficiency %s (extraction), %s (scrub), as the case gives%n",
                    Formats.general(so.extractionEfficiency()), Formats.general(so.scrubEfficiency())));
        }
        plant(t, b.plant(), in);
        if (b.cost() != null) {
            t.append(costLine(b.cost()));
        }
        SteadyState st = o.state();
        t.append(f("  verified     solved from a cold start: %d iterations, residual %.1e, mass balance %.1e%n",
                st.iterations(), st.residual(), st.massBalanceError()));
        t.append('\n');
        if (o.baseline() != null) {
            Configuration d = o.baseline();
            double gain = (d.objectiveValue() - b.objectiveValue()) / d.objectiveValue();
            t.append(p.linear() ? f("Compared with design (least estimated throughput): n = %d, m = %d (%d stages): %s %s%n",
                    d.extractionStages(), d.scrubStages(), d.totalStages(), objective.label(),
                    Formats.general(d.objectiveValue())) + linearFlows("design      ", p, d)
                    : f("Compared with design (√β rule): n = %d, m = %d (%d stages), S = %.6f, W = %.6f: %s %s%n",
                    d.extractionStages(), d.scrubStages(), d.totalStages(), d.extractantFlow(), d.scrubFlow(),
                    objective.label(), Formats.general(d.objectiveValue())));
            t.append(f("  the optimum's %s is %.2f %% %s%s%n", objective.label(), 100 * Math.abs(gain),
                    gain >= 0 ? "lower" : "higher",
                    o.baselineNote() == null ? "" : " (" + o.baselineNote() + ")"));
        } else {
            t.append("Compared with design: ").append(o.baselineNote()).append('\n');
        }
        Optimum.FlowBounds fb = o.bounds();
        t.append('\n').append("Search\n");
        if (p.linear()) {
            double[] lo = {p.linearFlows(fb.minExtractant(), fb.minScrub()).free(),
                p.linearFlows(fb.maxExtractant(), fb.maxScrub()).free()};
            t.append(f("  flows        %s/feed flow ratio from %.6g to %.6g (minimum 1/(β − 1) = %.6g); the largest set by %s%n",
                    in.feed().phase() == FeedPhase.AQUEOUS ? "scrub" : "organic", lo[0], lo[1],
                    org.sxcascade.design.KremserFlows.minimum(p.keyBeta()), fb.limitedBy()));
        } else if (fb.fixedFlows()) {
            t.append(f("  flows        fixed: S = %.6f, W = %.6f%n", fb.minExtractant(), fb.minScrub()));
        } else {
            t.append(f("  flows        S from %.6g to %.6g (W from %.6g to %.6g); the largest set by %s%s%n",
                    fb.minExtractant(), fb.maxExtractant(), fb.minScrub(), fb.maxScrub(), fb.limitedBy(),
                    fb.minExtractant() < xu.minExtractantFlow()
                            ? f("; the smallest is where W reaches its lower end, below S_min = %.6f, where no "
                            + "cascade meets the targets",
                            xu.minExtractantFlow()) : ""));
        }
        t.append(fb.phaseRatioChecked()
                ? f("  O/A          between %s and %s in both sections%n", Formats.general(o.settings().effectiveMinPhaseRatio()),
                Formats.general(o.settings().effectiveMaxPhaseRatio()))
                : "  O/A          not checked (no plant data: needs feed.flow, feed.concentration, flows.organicLoading, "
                + "flows.scrubAcidity)\n");
        t.append(f("  stages       N from %d to %d searched (limit %d); Fenske's minimum %.2f; S_min = %.6f (infinite stages)%n",
                o.firstStageTotal(), o.lastStageTotal(), o.settings().maxStages(), xu.fenskeMinimum(),
                xu.minExtractantFlow()));
        t.append(f("  work         %d steady states solved%s%n", o.steadyStates(),
                o.failedSolves() == 0 ? "" : ", " + o.failedSolves() + " did not converge (counted as missing the targets)"));
        if (o.settings().pareto() && p.linear()) {
            double feed = in.feed().volumetricFlow();
            t.append('\n').append("Pareto front: total stages against organic flow; none is beaten on both by "
                    + "another\n");
            t.append(f("  %5s %4s %4s %12s %12s %10s %10s%n", "N", "n", "m", "organic L/h", "scrub L/h", "g", "Φ"));
            for (Configuration c : o.pareto()) {
                org.sxcascade.design.KremserFlows l = p.linearFlows(c.extractantFlow(), c.scrubFlow());
                t.append(f("  %5d %4d %4d %12.6g %12.6g %10.6f %10.4f%s%n", c.totalStages(), c.extractionStages(),
                        c.scrubStages(), l.organicPerFeed() * feed, l.scrubPerFeed() * feed, l.factor(),
                        c.productionIndicator(), c.totalStages() == b.totalStages() ? "   ← optimum" : ""));
            }
            t.append("  (Φ = (O/F)·N; the flows of docs/design.md, \"Constant distribution ratios\")\n");
        } else if (o.settings().pareto()) {
            boolean plant = !o.pareto().isEmpty() && o.pareto().get(0).plant() != null
                    && o.pareto().get(0).plant().organicFlow() != null;
            t.append('\n').append("Pareto front: total stages against extractant flow (and reagent use); none is "
                    + "beaten on both by another\n");
            t.append(f("  %5s %4s %4s %10s %10s %10s %12s%s%n", "N", "n", "m", "S", "W", "Φ", "acid+base",
                    plant ? "  organic L/h" : ""));
            for (Configuration c : o.pareto()) {
                t.append(f("  %5d %4d %4d %10.6f %10.6f %10.4f %12.6f%s%s%n", c.totalStages(), c.extractionStages(),
                        c.scrubStages(), c.extractantFlow(), c.scrubFlow(), c.productionIndicator(), c.reagentUse(),
                        plant ? f("  %11.2f", c.plant().organicFlow()) : "",
                        c.totalStages() == b.totalStages() ? "   ← optimum" : ""));
            }
            t.append("  (S, W in mol RE per mol RE fed; acid + base in mol per mol RE fed)\n");
        }
        return t.toString();
    }

    /** Model distribution-ratios: a configuration's volumetric flows (docs/design.md, "Constant distribution ratios"). */
    private static String linearFlows(String label, SeparationProblem p, Configuration c) {
        org.sxcascade.design.KremserFlows l = p.linearFlows(c.extractantFlow(), c.scrubFlow());
        double feed = p.inputs().feed().volumetricFlow();
        return f("  %s organic %s L/h, scrub liquor %s L/h (feed %s L/h): g = %.6f per stage; Φ = (O/F)·N = %s%n",
                label, Formats.general(l.organicPerFeed() * feed), Formats.general(l.scrubPerFeed() * feed),
                Formats.general(feed), l.factor(), Formats.general(c.productionIndicator()));
    }

    /** What the objective is; extractant and phi weigh the organic per feed flow for distribution ratios. */
    private static String description(Optimum o) {
        return objectiveText(o, false);
    }

    /** The objective's unit, as {@link #description}. */
    private static String unit(Optimum o) {
        return objectiveText(o, true);
    }

    private static String objectiveText(Optimum o, boolean unit) {
        Objective objective = o.settings().objective();
        if (o.problem().linear() && objective == Objective.EXTRACTANT) {
            return unit ? "L organic per L feed" : "organic flow per feed flow O/F";
        }
        if (o.problem().linear() && objective == Objective.PHI) {
            return unit ? "stages × L organic per L feed"
                    : "production indicator Φ = (O/F)·(n + m), organic per feed flow times stages";
        }
        if (unit && objective == Objective.COST && o.best().cost() != null) {
            return o.best().cost().currency() + "/year"; // the case's currency, as on the cost line
        }
        return unit ? objective.unit() : objective.description();
    }

    private static void plant(StringBuilder t, PlantFlows p, DesignInputs in) {
        if (p == null) {
            return;
        }
        if (p.organicFlow() != null) {
            t.append(f("  plant        organic %s L/h at %s mol/L RE", Formats.general(p.organicFlow()),
                    Formats.general(in.organicLoading())));
            if (p.scrubFlow() != null) {
                t.append(f(", scrub liquor %s L/h at %s mol/L H+", Formats.general(p.scrubFlow()),
                        Formats.general(in.scrubAcidity())));
            }
            t.append('\n');
        }
        if (p.extractionRatio() != null) {
            t.append(f("               O/A by volume %.3f (extraction), %.3f (scrub)%n", p.extractionRatio(), p.scrubRatio()));
        }
        t.append(f("               %s mol/h RE fed: scrub acid %s and strip acid %s mol H+/h, saponification %s mol base/h%n",
                Formats.general(p.feedRate()), Formats.general(p.scrubAcid()), Formats.general(p.stripAcid()),
                Formats.general(p.saponification())));
    }

    /** The optimum as {@code optimize --json} prints it (fields in docs/optimize.md). */
    public static ObjectNode toJson(Optimum o) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode j = mapper.createObjectNode();
        SeparationProblem p = o.problem();
        Configuration b = o.best();
        j.put("case", p.inputs().name());
        ObjectNode objective = j.putObject("objective");
        binding(o).forEach(j.putArray("binding")::add);
        objective.put("name", o.settings().objective().label());
        objective.put("description", description(o));
        objective.put("value", b.objectiveValue());
        objective.put("unit", unit(o));
        ObjectNode targets = j.putObject("targets");
        targets.put("organic", p.purityA());
        targets.put("aqueous", p.purityB());
        putConfiguration(j, b, p);
        DesignReport.putEfficiency(j, p.inputs());
        j.put("flowUnit", p.linear() ? "extractantFlow and scrubFlow: coordinates of the volumetric flows (docs/design.md, "
                + "\"Constant distribution ratios\"); volumetricFlows in L/h" : "mol RE per mol RE fed");
        SteadyState st = o.state();
        ObjectNode verification = j.putObject("verification");
        verification.put("iterations", st.iterations());
        verification.put("residual", st.residual());
        verification.put("massBalanceError", st.massBalanceError());
        if (o.baseline() != null) {
            ObjectNode d = j.putObject("design");
            putConfiguration(d, o.baseline(), p);
            if (o.baselineNote() != null) {
                d.put("note", o.baselineNote());
            }
        } else {
            j.put("designNote", o.baselineNote());
        }
        Optimum.FlowBounds fb = o.bounds();
        ObjectNode bounds = j.putObject("bounds");
        bounds.put("minExtractantFlow", fb.minExtractant());
        bounds.put("maxExtractantFlow", fb.maxExtractant());
        bounds.put("minScrubFlow", fb.minScrub());
        bounds.put("maxScrubFlow", fb.maxScrub());
        bounds.put("limitedBy", fb.limitedBy());
        bounds.put("phaseRatioChecked", fb.phaseRatioChecked());
        if (fb.phaseRatioChecked()) {
            bounds.put("minPhaseRatio", o.settings().effectiveMinPhaseRatio());
            bounds.put("maxPhaseRatio", o.settings().effectiveMaxPhaseRatio());
        }
        bounds.put("maxStages", o.settings().maxStages());
        bounds.put("fenskeMinimum", o.xu().fenskeMinimum());
        bounds.put("minExtractantFlowInfiniteStages", o.xu().minExtractantFlow());
        ObjectNode search = j.putObject("search");
        search.put("firstStageTotal", o.firstStageTotal());
        search.put("lastStageTotal", o.lastStageTotal());
        search.put("steadyStates", o.steadyStates());
        search.put("failedSolves", o.failedSolves());
        ArrayNode front = j.putArray("pareto");
        for (Configuration c : o.pareto()) {
            putConfiguration(front.addObject(), c, p);
        }
        return j;
    }

    private static void putConfiguration(ObjectNode j, Configuration c, SeparationProblem p) {
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
            org.sxcascade.design.KremserFlows l = p.linearFlows(c.extractantFlow(), c.scrubFlow());
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
            putCost(j, c.cost());
        }
    }

    /** How close to a bound counts as on it (relative). */
    private static final double ON_BOUND = 1e-6;

    /**
     * The constraints the optimum sits on, in words: the purity targets with a margin below
     * {@value #ON_BOUND} of the impurity they allow (1 − P), an O/A ratio at a bound of the
     * search, S at either end of the searched range, the stage limit; or that none is (issue 17: a
     * plant needs to know what holds the optimum where it is).
     */
    static List<String> binding(Optimum o) {
        Configuration b = o.best();
        SeparationProblem p = o.problem();
        List<String> on = new java.util.ArrayList<>();
        // relative to the impurity each product may carry: 1e-6 of (1 − P)
        if (b.organicPurity() - p.purityA() < ON_BOUND * (1 - p.purityA())) {
            on.add("the loaded organic's purity target (P_A)");
        }
        if (b.aqueousPurity() - p.purityB() < ON_BOUND * (1 - p.purityB())) {
            on.add("the raffinate's purity target (P_B)");
        }
        Optimum.FlowBounds fb = o.bounds();
        PlantFlows plant = b.plant();
        if (fb.phaseRatioChecked() && plant != null && plant.extractionRatio() != null) {
            double lo = o.settings().effectiveMinPhaseRatio();
            double hi = o.settings().effectiveMaxPhaseRatio();
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
        if (b.totalStages() >= o.settings().maxStages()) {
            on.add("the stage limit n + m = " + o.settings().maxStages() + " (--max-stages)");
        }
        if (on.isEmpty()) {
            on.add("none of the targets or bounds (an interior optimum)");
        }
        return on;
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

    /** The optimum as a commented simulate case. */
    public static String caseYaml(Optimum o) {
        Configuration b = o.best();
        DesignInputs in = o.problem().inputs();
        List<String> comments = List.of("Written by `sxcascade optimize --objective " + o.settings().objective().label()
                        + "`: the least " + description(o) + " = " + b.objectiveValue() + ",",
                f("verified stage by stage: P_A = %.9f, P_B = %.9f.", b.organicPurity(), b.aqueousPurity()));
        return DesignReport.caseYaml(in, comments, "optimized", b.extractionStages(), b.scrubStages(),
                b.extractantFlow(), b.scrubFlow(), o.problem().purityA(), o.problem().purityB(), b.plant());
    }

    private static List<String> names(DesignInputs in, List<Integer> group) {
        return group.stream().map(in.components()::get).toList();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
