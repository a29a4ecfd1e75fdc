package org.sxcascade.design;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.model.StageOptions;
import org.sxcascade.report.DesignReport;
import org.sxcascade.report.Formats;
import org.sxcascade.report.Summary.Section;

/**
 * The sections of Xu's design verified stage by stage ({@link CascadeDesigner.Design}; models
 * separation-factors and distribution-ratios) that report/DesignReport renders after every model's
 * lines: the volumetric flows of constant distribution ratios, the stage estimates and the verified
 * stage counts, the verified products and the plant; and the JSON fields of docs/commands.md.
 */
final class VerifiedDesignSections {
    private VerifiedDesignSections() {
    }

    /** The split and feed lines under the case's name. */
    static List<String> header(CascadeDesigner.Design d) {
        XuDesign xu = d.xu();
        DesignInputs in = d.inputs();
        StringBuilder b = new StringBuilder();
        String groupA = String.join("+", names(in, in.organicTarget().components()));
        String groupB = String.join("+", names(in, in.aqueousTarget().components()));
        b.append(f("  split      %s (loaded organic, A) | %s (raffinate, B); key pair %s/%s, β = %.4f%n", groupA, groupB,
                in.components().get(d.keyA()), in.components().get(d.keyB()), xu.separationFactor()));
        b.append(f("  feed       %s, f_A = %.6f, f_B = %.6f; targets P_A = %s, P_B = %s%s%n", in.feed().phase().label(),
                xu.feedFractionA(), xu.feedFractionB(), Formats.percent(xu.purityA()), Formats.percent(xu.purityB()), derivedNote(in)));
        return List.of(b.toString().split("\n"));
    }

    /** The sections after Xu's: distribution ratios' flows, stages, verified products, plant. */
    static List<Section> sections(CascadeDesigner.Design d) {
        XuDesign xu = d.xu();
        DesignInputs in = d.inputs();
        KremserFlows lin = d.linear();
        List<Section> list = new ArrayList<>();
        StringBuilder b = new StringBuilder();
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
        list.add(new Section(null, b.toString(), json(d)));
        b = new StringBuilder();
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
        list.add(new Section(null, b.toString(), null));
        return list;
    }

    /** The design's JSON fields (docs/commands.md). */
    static ObjectNode json(CascadeDesigner.Design d) {
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
        o.put("controlReason", DesignReport.controlReason(xu));
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
        DesignReport.putEfficiency(o, in);
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

    private static List<String> names(DesignInputs in, List<Integer> group) {
        return group.stream().map(in.components()::get).toList();
    }

    private static String percent(double x) {
        return String.format(Locale.ROOT, "%.4g %%", 100 * x);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
