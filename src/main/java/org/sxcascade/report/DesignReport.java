package org.sxcascade.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sxcascade.design.CascadeDesigner;
import org.sxcascade.design.DesignResult;
import org.sxcascade.design.PlantFlowDesign;
import com.fasterxml.jackson.databind.JsonNode;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.report.Summary.Section;
import org.sxcascade.report.Summary.StageCounts;
import org.sxcascade.solver.SteadyState;
import org.sxcascade.design.SeparationProblem;
import org.sxcascade.design.XuDesign;
import java.util.List;
import java.util.Locale;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.StageOptions;
import org.sxcascade.model.VolumetricFlows;

/** What {@code design} reports about a verified design: the terminal text, the JSON and the designed case file. */
public final class DesignReport {
    private DesignReport() {
    }

    /** The design as {@code design --json} prints it (fields in docs/commands.md and docs/design.md). */
    public static ObjectNode toJson(DesignResult d) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("case", d.caseName());
        o.put("model", d.model());
        o.put("met", d.met());
        Summary.putStages(o.putObject("stages"), d.stages());
        Summary.putFlows(o.putArray("operatingFlows"), d.flows());
        Summary.putPurities(o.putArray("productPurities"), d.purities());
        Summary.putVerification(o.putObject("verification"), d.state());
        o.put("steadyStates", d.steadyStates());
        for (Section s : d.sections()) {
            if (s.json() != null) {
                Summary.merge(o, s.json());
            }
        }
        return o;
    }

    /** The Murphree efficiencies, when a section's is below 1 (the key is left out for equilibrium stages). */
    public static void putEfficiency(ObjectNode o, DesignInputs in) {
        StageOptions so = in.stageOptions();
        if (so.extractionEfficiency() != 1 || so.scrubEfficiency() != 1) {
            ObjectNode e = o.putObject("efficiency");
            e.put("extraction", so.extractionEfficiency());
            e.put("scrub", so.scrubEfficiency());
        }
    }

    /** Why a section controls (Zhang et al. 2016 ch. 5 after Xu; docs/design.md). */
    public static String controlReason(XuDesign xu) {
        double rootBeta = Math.sqrt(xu.separationFactor());
        boolean aqueous = xu.feedPhase() == org.sxcascade.model.FeedPhase.AQUEOUS;
        double bound = aqueous ? rootBeta / (1 + rootBeta) : 1 / (1 + rootBeta);
        String boundText = aqueous ? "√β/(1+√β)" : "1/(1+√β)";
        boolean extraction = xu.outletFractionB() > bound;
        return String.format(java.util.Locale.ROOT, "f'_B = %.6f %s %s = %.6f for an %s feed", xu.outletFractionB(),
                extraction ? ">" : "≤", boundText, bound, xu.feedPhase().label());
    }

    /** The terminal report of a design of any model. */
    public static String text(DesignResult d) {
        StringBuilder b = new StringBuilder();
        b.append(d.caseName()).append('\n');
        d.header().forEach(line -> b.append(line).append('\n'));
        XuDesign xu = d.xu();
        b.append('\n').append(d.xuTitle()).append('\n');
        b.append(f("  outlet fractions     f'_A = %.6f, f'_B = %.6f   [f'_A = (P_B − f_B)/(P_A + P_B − 1)]%n",
                xu.outletFractionA(), xu.outletFractionB()));
        b.append(f("  enrichment           a = %.4g, b = %.4g; yields Y_A = %.6f, Y_B = %.6f%n", xu.a(), xu.b(),
                xu.yieldA(), xu.yieldB()));
        b.append(f("  control              %s-controlled: %s%n", xu.control().label(), controlReason(xu)));
        b.append(f("  extraction ratios    E_M = %.5f, E'_M = %.5f%n", xu.extractionRatio(), xu.scrubRatio()));
        b.append(f("  flows                S = %.6f, W = %.6f%n", xu.extractantFlow(), xu.scrubFlow()));
        b.append(f("  minimum flows        S_min = %.6f, W_min = %.6f (infinite stages)%n", xu.minExtractantFlow(),
                xu.minScrubFlow()));
        for (Section s : d.sections()) {
            if (s.lines().isEmpty()) {
                continue;
            }
            if (s.title() != null) {
                b.append('\n').append(s.title()).append('\n');
            }
            b.append(s.lines());
        }
        StageCounts st = d.stages();
        SteadyState state = d.state();
        b.append('\n').append(d.met() ? "Design\n" : "Design (targets not met)\n");
        b.append(f("  cascade      %s; %s%n", st.text(), st.feedsText()));
        b.append("  flows        ").append(Summary.flowsText(d.flows())).append('\n');
        b.append("  purities     ").append(Summary.puritiesText(d.purities(), "%+.2e")).append('\n');
        b.append(f("  verified     %d steady states solved; the design's: %d iterations, residual %.1e, mass balance "
                + "%.1e%n", d.steadyStates(), state.iterations(), state.residual(), state.massBalanceError()));
        return b.toString();
    }

    /**
     * The designed case as a case file (only asked for when the design meets its targets): Xu's
     * verified design as a commented simulate case; a mass-action design as the case file's own tree
     * with the designed stages and flows.
     */
    public static String caseYaml(DesignResult result) {
        if (result instanceof PlantFlowDesign.Designed m) {
            return plantFlowCase(m.result(), m.tree());
        }
        return verifiedCase((CascadeDesigner.Design) result);
    }

    /**
     * The designed case as YAML: the input file's tree with {@code cascade} and {@code flows}
     * replaced by the design (every other section kept as given), and a comment saying where the
     * numbers come from.
     */
    private static String plantFlowCase(PlantFlowDesign.Result r, JsonNode inputTree) {
        MassActionCase c = r.designed();
        ObjectNode tree = (ObjectNode) inputTree.deepCopy();
        String name = c.name() == null ? "mass-action cascade" : c.name();
        // the stages in the name are the designed ones (the input's name may give other numbers)
        tree.put("name", name + " (designed: n = " + c.cascade().extractionStages() + ", m = "
                + c.cascade().scrubStages() + ", strip " + c.stripStages() + ")");
        ObjectNode cascade = tree.putObject("cascade");
        cascade.put("extractionStages", c.cascade().extractionStages());
        cascade.put("scrubStages", c.cascade().scrubStages());
        cascade.put("stripStages", c.stripStages());
        JsonNode preload = inputTree.path("flows").get("preload");
        ObjectNode flows = tree.putObject("flows");
        var f = c.flows();
        flows.put("organicFlow", f.organicFlow());
        flows.put("saponification", f.saponification());
        flows.put("scrubFlow", f.scrubFlow());
        flows.put("stripFlow", f.stripFlow());
        flows.put("stripAcidity", f.stripAcidity());
        flows.put("reflux", f.reflux());
        if (preload != null) {
            flows.set("preload", preload.deepCopy());
        }
        // a feed given with a stage moves with n (the design keeps its offset)
        JsonNode feeds = tree.get("feeds");
        for (int i = 0; feeds != null && i < feeds.size(); i++) {
            if (feeds.get(i).has("stage")) {
                ((ObjectNode) feeds.get(i)).put("stage", c.feedStage(i));
            }
        }
        XuDesign xu = r.cmer().xu();
        PlantFlowDesign.Plant p = r.plant();
        double[] range = r.refluxRange();
        return CaseTreeYaml.write(List.of(
                f("Written by `sxcascade design`: Xu's design at β = %s (S = %.6f, W = %.6f mol RE per mol RE fed),",
                        Formats.general(xu.separationFactor()), xu.extractantFlow(), xu.scrubFlow()),
                f("translated to plant flows (L/h): organic = S·F/loading = %s, saponification %s (%s mol/h base),",
                        Formats.general(p.organicFlow()), Formats.general(p.saponification()), Formats.general(p.base())),
                f("strip acid %s L/h of %s mol/L (%s mol H+/h); reflux balanced by mass-action simulation",
                        Formats.general(p.stripFlow()), Formats.general(p.stripAcidity()), Formats.general(p.stripAcid())),
                f("(from %.6f; Xu's W/S = %.6f). Verified: P_A = %.6f, P_B = %.6f; both targets hold for a reflux",
                        p.startReflux(), p.xuReflux(), r.purityA(), r.purityB()),
                f("from %.6f to %.6f. Run it with: sxcascade simulate FILE", range[0], range[1])), tree);
    }

    /** The verified design as a commented simulate case. */
    private static String verifiedCase(CascadeDesigner.Design d) {
        XuDesign xu = d.xu();
        DesignInputs in = d.inputs();
        String pair = in.components().get(d.keyA()) + "/" + in.components().get(d.keyB());
        List<String> comments = d.linear() == null ? List.of("Written by `sxcascade design`: Xu's static design for "
                        + "the key pair " + pair + f(" (β = %.6g),", xu.separationFactor()),
                f("%s-controlled, verified stage by stage: P_A = %.6f, P_B = %.6f.", xu.control().label(),
                        d.verified().organicPurity(), d.verified().aqueousPurity()))
                : List.of("Written by `sxcascade design`: constant distribution ratios, key pair " + pair
                        + f(" (β = D_A/D_B = %.6g), both sections", xu.separationFactor()),
                f("purifying it by g = %.6f per stage; verified stage by stage: P_A = %.6f, P_B = %.6f.",
                        d.linear().factor(), d.verified().organicPurity(), d.verified().aqueousPurity()));
        return caseYaml(in, comments, "designed", d.verified().extractionStages(), d.verified().scrubStages(),
                d.extractantFlow(), d.scrubFlow(), xu.purityA(), xu.purityB(), d.plant());
    }

    /**
     * A commented simulate case of n + m stages at S and W with the targets P_A and P_B. With plant
     * data (feed flow and concentration, organic loading, scrub acidity) the flows are written as
     * the plant flows that give S and W exactly; otherwise as S and W, with what plant data there
     * is as a comment. {@link CaseHandOff#complete} adds the input's other sections.
     */
    public static String caseYaml(DesignInputs in, List<String> comments, String suffix, int n, int m, double s, double w,
                           double purityA, double purityB, CascadeDesigner.PlantFlows plant) {
        StringBuilder y = new StringBuilder();
        for (String c : comments) {
            y.append("# ").append(c).append('\n');
        }
        // the stages in the name are the designed ones (the input's name may give other numbers)
        y.append("name: ").append(quote(in.name() + " (" + suffix + ": n = " + n + ", m = " + m + ")")).append('\n');
        boolean linear = in.distributionRatios();
        y.append(linear ? "model: distribution-ratios\ncomponents:\n" : "model: separation-factors\ncomponents:\n");
        double[] beta = in.separationFactors();
        for (int j = 0; j < beta.length; j++) {
            y.append("  - {name: ").append(quote(in.components().get(j)))
                    .append(linear ? ", distributionRatio: " : ", separationFactor: ").append(num(beta[j])).append("}\n");
        }
        y.append("feed:\n  phase: ").append(in.feed().phase().label()).append("\n  composition: {");
        for (int j = 0; j < beta.length; j++) {
            y.append(j == 0 ? "" : ", ").append(quote(in.components().get(j))).append(": ").append(num(in.feed().fraction(j)));
        }
        y.append("}\n");
        if (in.feed().volumetricFlow() != null) {
            y.append("  flow: ").append(num(in.feed().volumetricFlow())).append("            # L/h\n");
        }
        if (in.feed().concentration() != null) {
            y.append("  concentration: ").append(num(in.feed().concentration())).append("   # mol/L RE\n");
        }
        y.append(f("cascade:%n  extractionStages: %d%n  scrubStages: %d%n", n, m));
        if (linear) {
            VolumetricFlows q = SeparationProblem.of(in).linearFlows(s, w).volumetric(in.feed().volumetricFlow());
            y.append("flows:\n  organicFlow: ").append(num(q.organicFlow())).append("   # L/h\n");
            y.append("  scrubFlow: ").append(num(q.scrubFlow())).append("     # L/h\n");
        } else if (plant != null && plant.organicFlow() != null && plant.scrubFlow() != null) {
            // the plant flows that give S and W exactly (simulate converts them back), so that a
            // transient with hold-up volumes and the cost objective run on the file as written
            y.append("flows:\n  organicFlow: ").append(num(plant.organicFlow())).append("   # L/h; S = ")
                    .append(num(s)).append(" mol RE per mol RE fed\n");
            y.append("  organicLoading: ").append(num(in.organicLoading())).append("   # mol/L RE in the loaded organic\n");
            y.append("  scrubFlow: ").append(num(plant.scrubFlow())).append("   # L/h; W = ").append(num(w))
                    .append(" mol RE per mol RE fed\n");
            y.append("  scrubAcidity: ").append(num(in.scrubAcidity())).append("   # mol/L H+\n");
        } else {
            y.append("flows:\n  extractant: ").append(num(s)).append("   # S, mol RE per mol RE fed\n");
            y.append("  scrub: ").append(num(w)).append("        # W, mol RE per mol RE fed\n");
        }
        if (plant != null && !(plant.organicFlow() != null && plant.scrubFlow() != null)) {
            y.append(f("  # plant: %s mol RE/h fed", Formats.general(plant.feedRate())));
            if (plant.organicFlow() != null) {
                y.append(f("; organic %s L/h loaded at %s mol/L", Formats.general(plant.organicFlow()),
                        Formats.general(in.organicLoading())));
            }
            if (plant.scrubFlow() != null) {
                y.append(f("; scrub liquor %s L/h at %s mol/L H+", Formats.general(plant.scrubFlow()),
                        Formats.general(in.scrubAcidity())));
            }
            if (plant.extractionRatio() != null) {
                y.append(f("; O/A %.4g (extraction), %.4g (scrub)", plant.extractionRatio(), plant.scrubRatio()));
            }
            y.append('\n');
        }
        StageOptions so = in.stageOptions();
        if (so.extractionEfficiency() != 1 || so.scrubEfficiency() != 1) {
            y.append("efficiency: {extraction: ").append(num(so.extractionEfficiency())).append(", scrub: ")
                    .append(num(so.scrubEfficiency())).append("}   # Murphree, as given\n");
        }
        y.append("targets:\n");
        y.append("  organic: {purity: ").append(num(purityA)).append(", components: [")
                .append(String.join(", ", names(in, in.organicTarget().components()).stream().map(DesignReport::quote).toList()))
                .append("]}\n");
        y.append("  aqueous: {purity: ").append(num(purityB)).append(", components: [")
                .append(String.join(", ", names(in, in.aqueousTarget().components()).stream().map(DesignReport::quote).toList()))
                .append("]}\n");
        return y.toString();
    }

    private static List<String> names(DesignInputs in, List<Integer> group) {
        return group.stream().map(in.components()::get).toList();
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_.+-]+") ? s : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String num(double x) {
        return Double.toString(x);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }


    private static String percent(double x) {
        return String.format(Locale.ROOT, "%.4g %%", 100 * x);
    }


}
