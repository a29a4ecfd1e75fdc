package org.sxcascade.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sxcascade.design.CascadeDesigner;
import org.sxcascade.design.FlowChoice;
import org.sxcascade.design.KremserFlows;
import org.sxcascade.design.SeparationProblem;
import org.sxcascade.design.StageEstimate;
import org.sxcascade.design.XuDesign;
import java.util.List;
import java.util.Locale;
import org.sxcascade.design.StageSearch;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.model.StageOptions;
import org.sxcascade.model.VolumetricFlows;

/** What {@code design} reports about a verified design: the terminal text, the JSON and the designed case file. */
public final class DesignReport {
    private DesignReport() {
    }

    /** The design as {@code design --json} prints it (fields in docs/commands.md). */
    public static ObjectNode toJson(CascadeDesigner.Design d) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        XuDesign xu = d.xu();
        DesignInputs in = d.inputs();
        o.put("case", in.name());
        o.put("keyPair", in.components().get(d.keyA()) + "/" + in.components().get(d.keyB()));
        o.put("separationFactor", xu.separationFactor());
        o.put("feedPhase", in.feed().phase().label());
        ObjectNode feedFractions = o.putObject("feedFractions");
        feedFractions.put("organic", xu.feedFractionA());
        feedFractions.put("aqueous", xu.feedFractionB());
        ObjectNode targets = o.putObject("targets");
        targets.put("organic", xu.purityA());
        targets.put("aqueous", xu.purityB());
        o.put("control", xu.control().label());
        o.put("controlReason", controlReason(xu));
        ObjectNode outlet = o.putObject("outletFractions");
        outlet.put("organic", xu.outletFractionA());
        outlet.put("aqueous", xu.outletFractionB());
        o.put("a", xu.a());
        o.put("b", xu.b());
        ObjectNode yields = o.putObject("yields");
        yields.put("organic", xu.yieldA());
        yields.put("aqueous", xu.yieldB());
        o.put("extractionRatio", xu.extractionRatio());
        o.put("scrubRatio", xu.scrubRatio());
        o.put("extractantFlow", xu.extractantFlow());
        o.put("scrubFlow", xu.scrubFlow());
        o.put("minExtractantFlow", xu.minExtractantFlow());
        o.put("minScrubFlow", xu.minScrubFlow());
        o.put("flowUnit", "mol RE per mol RE fed");
        ObjectNode est = o.putObject("estimatedStages");
        putEstimate(est.putObject("basic"), xu.basicStages());
        putEstimate(est.putObject("corrected"), xu.correctedStages());
        o.put("fenskeMinimum", xu.fenskeMinimum());
        ObjectNode verified = o.putObject("verifiedStages");
        verified.put("extraction", d.verified().extractionStages());
        verified.put("scrub", d.verified().scrubStages());
        verified.put("total", d.verified().totalStages());
        ObjectNode purities = o.putObject("verifiedPurities");
        purities.put("organic", d.verified().organicPurity());
        purities.put("aqueous", d.verified().aqueousPurity());
        ObjectNode products = o.putObject("verifiedProducts");
        ObjectNode organicProduct = products.putObject("organic");
        ObjectNode aqueousProduct = products.putObject("aqueous");
        int stages = d.verified().totalStages();
        for (int j = 0; j < in.components().size(); j++) {
            organicProduct.put(in.components().get(j), d.state().organicFraction(stages, j));
            aqueousProduct.put(in.components().get(j), d.state().aqueousFraction(1, j));
        }
        o.put("simulations", d.verified().simulations());
        o.put("massBalanceError", d.state().massBalanceError());
        putEfficiency(o, in);
        KremserFlows lin = d.linear();
        if (lin != null) {
            // model distribution-ratios: the flows above are Xu's design of the constant-β equivalent
            ObjectNode l = o.putObject("distributionRatios");
            l.put("note", "extractantFlow, scrubFlow and the estimates above are Xu's design of the constant-β "
                    + "equivalent (β = D_A/D_B of the key pair); the cascade runs at these volumetric flows");
            l.put("freeRatio", lin.free());
            l.put("purificationPerStage", lin.factor());
            l.put("organicFlow", lin.organicPerFeed() * in.feed().volumetricFlow());
            l.put("scrubFlow", lin.scrubPerFeed() * in.feed().volumetricFlow());
            l.put("flowUnit", "L/h");
            l.put("organicToAqueousExtraction", lin.extractionRatio());
            l.put("organicToAqueousScrub", lin.scrubRatio());
            putEstimate(l.putObject("estimatedStages"), lin.estimate());
        }
        CascadeDesigner.PlantFlows p = d.plant();
        if (p != null) {
            ObjectNode plant = o.putObject("plant");
            plant.put("feedRateMolPerHour", p.feedRate());
            putNullable(plant, "organicFlowLitresPerHour", p.organicFlow());
            putNullable(plant, "scrubFlowLitresPerHour", p.scrubFlow());
            putNullable(plant, "organicToAqueousExtraction", p.extractionRatio());
            putNullable(plant, "organicToAqueousScrub", p.scrubRatio());
            plant.put("reagentExcess", p.reagentExcess());
            plant.put("scrubAcidMolPerHour", p.scrubAcid());
            plant.put("stripAcidMolPerHour", p.stripAcid());
            plant.put("saponificationBaseMolPerHour", p.saponification());
            plant.put("organicProductMolPerHour", p.organicProduct());
            plant.put("aqueousProductMolPerHour", p.aqueousProduct());
            if (p.oxideFed() != null) {
                plant.put("oxideFedKgPerHour", p.oxideFed());
                plant.put("scrubAcidMolPerKgOxide", p.scrubAcid() / p.oxideFed());
                plant.put("stripAcidMolPerKgOxide", p.stripAcid() / p.oxideFed());
                plant.put("saponificationBaseMolPerKgOxide", p.saponification() / p.oxideFed());
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

    private static void putEstimate(ObjectNode o, StageEstimate e) {
        o.put("extraction", e.extraction());
        o.put("scrub", e.scrub());
        o.put("extractionStages", e.extractionStages());
        o.put("scrubStages", e.scrubStages());
    }

    private static void putNullable(ObjectNode o, String key, Double value) {
        if (value != null) {
            o.put(key, value);
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

    /** The terminal report of a design. */
    public static String text(CascadeDesigner.Design d) {
        XuDesign xu = d.xu();
        DesignInputs in = d.inputs();
        StringBuilder b = new StringBuilder();
        String groupA = String.join("+", names(in, in.organicTarget().components()));
        String groupB = String.join("+", names(in, in.aqueousTarget().components()));
        b.append(in.name()).append('\n');
        b.append(f("  split      %s (loaded organic, A) | %s (raffinate, B); key pair %s/%s, β = %.4f%n", groupA, groupB,
                in.components().get(d.keyA()), in.components().get(d.keyB()), xu.separationFactor()));
        b.append(f("  feed       %s, f_A = %.6f, f_B = %.6f; targets P_A = %s, P_B = %s%s%n", in.feed().phase().label(),
                xu.feedFractionA(), xu.feedFractionB(), Formats.percent(xu.purityA()), Formats.percent(xu.purityB()), derivedNote(in)));
        KremserFlows lin = d.linear();
        b.append('\n').append(lin == null ? "Xu's static design (flows in mol RE per mol RE fed)\n"
                : "Xu's static design of the constant-β equivalent, β = D_A/D_B (CMER flows in mol RE per mol RE fed, "
                + "for comparison)\n");
        b.append(f("  outlet fractions     f'_A = %.6f, f'_B = %.6f   [f'_A = (P_B − f_B)/(P_A + P_B − 1)]%n",
                xu.outletFractionA(), xu.outletFractionB()));
        b.append(f("  enrichment           a = %.4g, b = %.4g; yields Y_A = %.6f, Y_B = %.6f%n", xu.a(), xu.b(),
                xu.yieldA(), xu.yieldB()));
        b.append(f("  control              %s-controlled: %s%n", xu.control().label(), controlReason(xu)));
        b.append(f("  extraction ratios    E_M = %.5f, E'_M = %.5f%n", xu.extractionRatio(), xu.scrubRatio()));
        b.append(f("  flows                S = %.6f, W = %.6f%n", xu.extractantFlow(), xu.scrubFlow()));
        b.append(f("  minimum flows        S_min = %.6f, W_min = %.6f (infinite stages)%n", xu.minExtractantFlow(),
                xu.minScrubFlow()));
        if (lin != null) {
            double feed = in.feed().volumetricFlow();
            b.append('\n').append("Constant distribution ratios: volumetric flows (docs/design.md)\n");
            b.append(f("  free ratio           %s = %.6g (minimum 1/(β − 1) = %.6g)%s%n",
                    in.feed().phase() == FeedPhase.AQUEOUS ? "scrub/feed" : "organic/feed", lin.free(),
                    KremserFlows.minimum(lin.beta()), lin.free() == d.problem().linearFlows(FlowChoice.optimum()).free()
                            ? ", least estimated mixer throughput" : ""));
            b.append(f("  purification         g = E_A(extraction) = 1/E_B(scrub) = %.6f per stage (at most √β = %.6f)%n",
                    lin.factor(), Math.sqrt(lin.beta())));
            b.append(f("  flows                organic %s L/h, scrub liquor %s L/h (feed %s L/h)%n",
                    Formats.general(lin.organicPerFeed() * feed), Formats.general(lin.scrubPerFeed() * feed),
                    Formats.general(feed)));
            b.append(f("  O/A by volume        %.4f (extraction), %.4f (scrub)%n", lin.extractionRatio(),
                    lin.scrubRatio()));
        }
        b.append('\n').append("Stages\n");
        StageOptions so = in.stageOptions();
        if (so.extractionEfficiency() != 1 || so.scrubEfficiency() != 1) {
            b.append(f("  Murphree efficiency  %s (extraction), %s (scrub): the estimates are of equilibrium stages; the "
                    + "search starts from them divided by the efficiency%n", Formats.general(so.extractionEfficiency()),
                    Formats.general(so.scrubEfficiency())));
        }
        if (lin != null) {
            b.append(f("  estimate, linear     n = %.2f, m = %.2f  (→ %d + %d; Kremser sections at g, docs/design.md)%n",
                    lin.estimate().extraction(), lin.estimate().scrub(), lin.estimate().extractionStages(),
                    lin.estimate().scrubStages()));
        }
        StageEstimate basic = xu.basicStages();
        StageEstimate corrected = xu.correctedStages();
        b.append(f("  estimate, basic      n = %.2f, m = %.2f  (→ %d + %d)%n", basic.extraction(), basic.scrub(),
                basic.extractionStages(), basic.scrubStages()));
        b.append(f("  estimate, corrected  n = %.2f, m = %.2f  (→ %d + %d)%n", corrected.extraction(), corrected.scrub(),
                corrected.extractionStages(), corrected.scrubStages()));
        b.append(f("  Fenske minimum       N_min = %.2f (total reflux)%n", xu.fenskeMinimum()));
        StageSearch.Result v = d.verified();
        b.append(f("  verified (simulated) n = %d, m = %d, N = %d: P_A = %s (margin %+.2e), P_B = %s (margin %+.2e)%n",
                v.extractionStages(), v.scrubStages(), v.totalStages(), Formats.percent(v.organicPurity()),
                v.organicPurity() - xu.purityA(), Formats.percent(v.aqueousPurity()), v.aqueousPurity() - xu.purityB()));
        b.append(f("                       one stage fewer in either section misses a target; %d steady states solved%n",
                v.simulations()));
        b.append('\n').append("Verified products (mole fractions; every component simulated)\n");
        b.append(f("  %-12s %-14s %-14s%n", "component", "loaded organic", "raffinate"));
        for (int j = 0; j < in.components().size(); j++) {
            b.append(f("  %-12s %-14s %-14s%n", in.components().get(j), Formats.fraction(d.state().organicFraction(v.totalStages(), j)),
                    Formats.fraction(d.state().aqueousFraction(1, j))));
        }
        CascadeDesigner.PlantFlows p = d.plant();
        if (p != null) {
            b.append('\n').append("Plant (feed ").append(Formats.general(p.feedRate())).append(" mol RE/h)\n");
            if (p.organicFlow() != null) {
                b.append(f("  organic              %s L/h at %s mol/L RE%n", Formats.general(p.organicFlow()), Formats.general(in.organicLoading())));
            }
            if (p.scrubFlow() != null) {
                b.append(f("  scrub liquor         %s L/h at %s mol/L H+%n", Formats.general(p.scrubFlow()), Formats.general(in.scrubAcidity())));
            }
            if (p.extractionRatio() != null) {
                b.append(f("  O/A by volume        %.3f (extraction), %.3f (scrub)%n", p.extractionRatio(), p.scrubRatio()));
            }
            b.append(f("  products             %s mol/h RE in the loaded organic, %s mol/h in the raffinate%n",
                    Formats.general(p.organicProduct()), Formats.general(p.aqueousProduct())));
            b.append(f("  reagents             scrub acid %s mol H+/h (3 mol per mol RE: it defines W); strip acid %s "
                    + "mol H+/h and saponification %s mol base/h (3 mol per mol RE + %s excess)%n", Formats.general(p.scrubAcid()),
                    Formats.general(p.stripAcid()), Formats.general(p.saponification()), percent(p.reagentExcess())));
            if (p.oxideFed() != null) {
                b.append(f("  per kg of oxide      (%s kg REO/h fed = both products) scrub acid %s, strip acid %s mol H+/kg; "
                        + "saponification %s mol base/kg%n", Formats.general(p.oxideFed()), Formats.general(p.scrubAcid() / p.oxideFed()),
                        Formats.general(p.stripAcid() / p.oxideFed()), Formats.general(p.saponification() / p.oxideFed())));
            }
        }
        return b.toString();
    }

    private static String derivedNote(DesignInputs in) {
        ProductTarget o = in.organicTarget();
        ProductTarget a = in.aqueousTarget();
        if (o.purity() != null && a.purity() != null) {
            return "";
        }
        StringBuilder given = new StringBuilder();
        if (o.recovery() != null) {
            given.append("Y_A = ").append(o.recovery());
        }
        if (a.recovery() != null) {
            given.append(given.length() > 0 ? ", " : "").append("Y_B = ").append(a.recovery());
        }
        return " (" + (o.purity() == null ? "P_A" : "P_B") + " from " + given + " by the product split)";
    }

    /** The verified design as a commented simulate case. */
    public static String caseYaml(CascadeDesigner.Design d) {
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
