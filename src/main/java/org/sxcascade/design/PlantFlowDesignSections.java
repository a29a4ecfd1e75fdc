package org.sxcascade.design;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.sxcascade.io.MassActionDesignSettings;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionCaseView;
import org.sxcascade.report.DesignReport;
import org.sxcascade.report.Formats;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.report.Summary.Section;

/**
 * The sections of a mass-action design ({@link PlantFlowDesign}) that report/DesignReport renders
 * after every model's lines: the constant-β stage counts, the plant design (flows translated from
 * Xu's S and W), the reflux search and the verifying steady state's report; and the JSON fields of
 * docs/design.md ("Mass-action cases").
 */
final class PlantFlowDesignSections {
    private PlantFlowDesignSections() {
    }

    private static String groupA(PlantFlowDesign.Result r) {
        return String.join("+", names(r, r.cmer().inputs().organicTarget().components()));
    }

    private static String groupB(PlantFlowDesign.Result r) {
        return String.join("+", names(r, r.cmer().inputs().aqueousTarget().components()));
    }

    private static List<String> names(PlantFlowDesign.Result r, List<Integer> group) {
        return group.stream().map(r.designed().rareEarths()::get).toList();
    }

    /** The split, β, feed and pre-load lines under the case's name. */
    static List<String> header(PlantFlowDesign.Result r) {
        MassActionCase c = r.designed();
        CascadeDesigner.Design cmer = r.cmer();
        XuDesign xu = cmer.xu();
        PlantFlowDesign.Plant p = r.plant();
        StringBuilder b = new StringBuilder();
        String keyA = c.rareEarths().get(cmer.keyA());
        String keyB = c.rareEarths().get(cmer.keyB());
        PlantFlowDesign.Reference ref = r.reference();
        if (ref == null) {
            b.append(f("  split      %s (strip product, A) | %s (raffinate, B); β = K_%s/K_%s = %s (exact: %s)%n",
                    groupA(r), groupB(r), keyA, keyB, Formats.general(xu.separationFactor()),
                    c.equilibrium().isMassActionLaw(0) ? "mass action" : "equal correlation slopes"));
        } else {
            b.append(f("  split      %s (strip product, A) | %s (raffinate, B); β = D_%s/D_%s = %s at pH %.3f and "
                            + "%s mol/L free (HA)2%n", groupA(r), groupB(r), keyA, keyB,
                    Formats.general(xu.separationFactor()), ref.pH(), Formats.general(ref.freeDimer())));
            b.append("  note       the correlation slopes differ between the rare earths, so β varies with pH and free "
                    + "extractant;\n             Xu's design below uses β at this reference (the design loading in "
                    + "equilibrium with the feed),\n             and the mass-action verification uses the real β "
                    + "on every stage\n");
        }
        b.append(f("  feed       %s L/h at %s mol/L RE = %s mol RE/h (F), f_A = %.6f; targets P_A = %s, P_B = %s%n",
                Formats.general(c.feed().volumetricFlow()), Formats.general(c.feed().concentration()),
                Formats.general(p.feedRate()), xu.feedFractionA(), Formats.percent(r.targetA()),
                Formats.percent(r.targetB())));
        int n = c.cascade().extractionStages();
        if (c.feeds().size() > 1 || c.feeds().get(0).stage() != null) {
            b.append("             (the mixture of the feeds; each enters its stage, kept at its offset from n)\n");
            for (int i = 0; i < c.feeds().size(); i++) {
                var fd = c.feeds().get(i);
                int stage = c.feedStage(i);
                b.append(f("  %-10s %s L/h at %s mol/L RE, stage %d (n%s)%n", c.feedName(i),
                        Formats.general(fd.flow()), Formats.general(fd.concentration()), stage,
                        stage == n ? "" : f(" %s %d", stage > n ? "+" : "−", Math.abs(stage - n))));
            }
        }
        if (c.preload() != null) {
            b.append(f("  pre-load   %s mol/L RE on the organic entering stage 1 (as given): %s mol RE per mol fed at "
                    + "the designed organic flow%n", Formats.general(c.preload().concentration()),
                    Formats.general(c.preloadRate() / c.feedRate())));
        }
        return List.of(b.toString().split("\n"));
    }

    /** The sections after Xu's: constant-β stage counts, plant design, reflux search, the verifying report. */
    static List<Section> sections(PlantFlowDesign.Result r) {
        MassActionCase c = r.designed();
        CascadeDesigner.Design cmer = r.cmer();
        XuDesign xu = cmer.xu();
        PlantFlowDesign.Plant p = r.plant();
        MassActionDesignSettings s = r.settings();
        StringBuilder b = new StringBuilder();
        b.append(f("  stages               estimate %d + %d; fewest meeting the targets at constant β n = %d, m = %d "
                        + "(%d steady states)%n", xu.correctedStages().extractionStages(),
                xu.correctedStages().scrubStages(), cmer.verified().extractionStages(), cmer.verified().scrubStages(),
                cmer.verified().simulations()));

        Section constantBeta = new Section(null, b.toString(), json(r));
        b = new StringBuilder();
        int[] added = r.addedStages();
        int[] least = r.leastStages();
        String addedNote = (added[0] + added[1] == 0 ? "n, m as at constant β"
                : f("n, m at constant β + %d, + %d added (below)", added[0], added[1]))
                + (least[0] > r.cmer().verified().extractionStages() || least[1] > r.cmer().verified().scrubStages()
                ? f(", starting from n ≥ %d, m ≥ %d that hold the feeds", least[0], least[1]) : "");
        double conc = c.equilibrium().extractantConcentration();
        String[][] rows = {
            {"stages n + m + p", f("%d + %d + %d = %d", c.cascade().extractionStages(), c.cascade().scrubStages(),
                    c.stripStages(), c.totalStages()), "", addedNote + "; p = design.stripStages"},
            {"organic flow", Formats.general(p.organicFlow()), "L/h", f("S·F / loading = %s × %s / %s mol/L",
                    Formats.general(p.extractantFlow()), Formats.general(p.feedRate()), Formats.general(p.loading()))},
            {"saponification", Formats.general(p.saponification()), "of the HA", f("3·S·F·(1 + %s) / (2C·Q_org), "
                    + "C = %s mol/L: %s mol %s/h", Formats.general(s.saponificationMargin()), Formats.general(conc),
                    Formats.general(p.base()), c.cation())},
            {"strip acid", Formats.general(p.stripFlow()), "L/h", f("of %s mol/L H+: 3·S·F·(1 + %s) = %s mol H+/h",
                    Formats.general(p.stripAcidity()), Formats.general(s.stripExcess()), Formats.general(p.stripAcid()))},
            {"scrub acid", "0", "L/h", "none: the refluxed strip liquor scrubs"},
            {"reflux", f("%.6f", r.reflux()), "of the strip liquor", f("balanced by simulation from 1 − (S − W)/(S·(1 + "
                    + "%s)) = %.6f (Xu: W/S = %.6f)", Formats.general(s.saponificationMargin()), p.startReflux(),
                    p.xuReflux())},
        };
        for (String[] row : rows) {
            b.append(f("  %-18s %-16s %-20s %s%n", (Object[]) row));
        }
        b.append(f("  (%s; flows rounded to 4 significant digits)%n", settingsLine(s)));

        Section plant = new Section("Plant design", b.toString(), null);
        b = new StringBuilder();
        String title = f("Verification by mass-action simulation (%d steady states%s)", r.solves(),
                r.unsolved() == 0 ? "" : f("; at %d refluxes no steady state was reached: taken as too low", r.unsolved()));
        for (PlantFlowDesign.Round round : r.rounds()) {
            b.append(f("  n = %d, m = %d: balanced reflux %.6f gives P_A = %s, P_B = %s (%d steady states)%n",
                    round.extractionStages(), round.scrubStages(), round.reflux(), Formats.percent(round.purityA()),
                    Formats.percent(round.purityB()), round.solves()));
        }
        if (r.met()) {
            double[] range = r.refluxRange();
            b.append(f("  targets met: P_A = %s (target %s), P_B = %s (target %s)%n", Formats.percent(r.purityA()),
                    Formats.percent(r.targetA()), Formats.percent(r.purityB()), Formats.percent(r.targetB())));
            b.append(f("  both targets hold for a reflux from %.6f to %.6f (width %.2g)%n", range[0], range[1],
                    range[1] - range[0]));
        } else {
            b.append(shortfall(r)).append('\n');
        }
        MassActionCaseView.StageRow peak = r.peakLoading();
        b.append(f("  loading              at most %.4f of the extractant bound to RE (stage %d); %s mol/L RE "
                + "in the organic there%n", peak.loading(), peak.stage(), Formats.general(peak.organicRareEarth())));
        Section verification = new Section(title, b.toString(), null);
        SimulationReport report = new SimulationReport(c, r.network(), r.state());
        return List.of(constantBeta, plant, verification, new Section(null, "\n" + report.toText(false), null));
    }

    /** The targets not met: which, by how much, at which stages. */
    static String shortfall(PlantFlowDesign.Result r) {
        MassActionCase c = r.designed();
        StringBuilder b = new StringBuilder(f("  TARGETS NOT MET at n = %d, m = %d, p = %d, reflux %.6f:",
                c.cascade().extractionStages(), c.cascade().scrubStages(), c.stripStages(), r.reflux()));
        b.append(f(" P_A = %s (target %s%s),", Formats.percent(r.purityA()), Formats.percent(r.targetA()),
                r.purityA() < r.targetA() ? f(", short by %.3g", r.targetA() - r.purityA()) : ", met"));
        b.append(f(" P_B = %s (target %s%s); stopped by %s", Formats.percent(r.purityB()), Formats.percent(r.targetB()),
                r.purityB() < r.targetB() ? f(", short by %.3g", r.targetB() - r.purityB()) : ", met", r.limitation()));
        return b.toString();
    }

    private static String settingsLine(MassActionDesignSettings s) {
        return f("design settings: loading %s mol/L RE, saponificationMargin %s, stripExcess %s, stripAcidity %s mol/L, "
                        + "stripStages %d", Formats.general(s.loading()), Formats.general(s.saponificationMargin()),
                Formats.general(s.stripExcess()), Formats.general(s.stripAcidity()), s.stripStages());
    }

    /** The design's JSON fields. */
    static ObjectNode json(PlantFlowDesign.Result r) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        MassActionCase c = r.designed();
        o.put("case", c.name());
        o.put("model", "mass-action");
        o.put("met", r.met());
        if (r.reference() != null) {
            ObjectNode ref = o.putObject("betaReference");
            ref.put("pH", r.reference().pH());
            ref.put("freeDimer", r.reference().freeDimer());
        }
        if (!r.met()) {
            o.put("limitation", r.limitation());
        }
        ObjectNode targets = o.putObject("targets");
        targets.put("strip", r.targetA());
        targets.put("raffinate", r.targetB());
        ObjectNode purities = o.putObject("purities");
        purities.put("strip", r.purityA());
        purities.put("raffinate", r.purityB());
        ObjectNode stages = o.putObject("stages");
        stages.put("extraction", c.cascade().extractionStages());
        stages.put("scrub", c.cascade().scrubStages());
        stages.put("strip", c.stripStages());
        stages.put("total", c.totalStages());
        int[] added = r.addedStages();
        stages.put("addedExtraction", added[0]);
        stages.put("addedScrub", added[1]);
        int[] least = r.leastStages();
        stages.put("leastExtraction", least[0]);
        stages.put("leastScrub", least[1]);
        ArrayNode feeds = o.putArray("feeds");
        for (int i = 0; i < c.feeds().size(); i++) {
            ObjectNode fd = feeds.addObject();
            fd.put("name", c.feedName(i));
            fd.put("stage", c.feedStage(i));
            fd.put("offset", c.feedStage(i) - c.cascade().extractionStages());
            fd.put("flow", c.feeds().get(i).flow());
            fd.put("concentration", c.feeds().get(i).concentration());
        }
        if (c.preload() == null) {
            o.putNull("preload");
        } else {
            ObjectNode pre = o.putObject("preload");
            pre.put("concentration", c.preload().concentration());
            pre.put("flow", c.preloadRate() / c.feedRate());
        }
        PlantFlowDesign.Plant p = r.plant();
        ObjectNode plant = o.putObject("plant");
        plant.put("feedRate", p.feedRate());
        plant.put("extractantFlow", p.extractantFlow());
        plant.put("scrubFlow", p.scrubFlow());
        plant.put("loading", p.loading());
        plant.put("organicFlow", p.organicFlow());
        plant.put("saponification", p.saponification());
        plant.put("base", p.base());
        plant.put("stripFlow", p.stripFlow());
        plant.put("stripAcidity", p.stripAcidity());
        plant.put("stripAcid", p.stripAcid());
        plant.put("xuReflux", p.xuReflux());
        plant.put("startReflux", p.startReflux());
        plant.put("reflux", r.reflux());
        ObjectNode units = plant.putObject("units");
        units.put("feedRate", "mol RE/h");
        units.put("extractantFlow", "mol RE per mol RE fed");
        units.put("scrubFlow", "mol RE per mol RE fed");
        units.put("loading", "mol/L RE");
        units.put("organicFlow", "L/h");
        units.put("saponification", "fraction of the extractant's HA in cation form");
        units.put("base", "mol/h");
        units.put("stripFlow", "L/h");
        units.put("stripAcidity", "mol/L H+");
        units.put("stripAcid", "mol H+/h");
        units.put("reflux", "fraction of the strip liquor");
        units.put("feeds.flow", "L/h");
        units.put("feeds.concentration", "mol/L RE");
        units.put("preload.concentration", "mol/L RE in the organic");
        units.put("preload.flow", "mol RE per mol RE fed");
        MassActionDesignSettings s = r.settings();
        ObjectNode settings = o.putObject("settings");
        settings.put("loading", s.loading());
        settings.put("saponificationMargin", s.saponificationMargin());
        settings.put("stripExcess", s.stripExcess());
        settings.put("stripAcidity", s.stripAcidity());
        settings.put("stripStages", s.stripStages());
        double[] range = r.refluxRange();
        if (range == null) {
            o.putNull("refluxRange");
        } else {
            o.putArray("refluxRange").add(range[0]).add(range[1]);
        }
        ArrayNode rounds = o.putArray("rounds");
        for (PlantFlowDesign.Round round : r.rounds()) {
            ObjectNode x = rounds.addObject();
            x.put("extraction", round.extractionStages());
            x.put("scrub", round.scrubStages());
            x.put("reflux", round.reflux());
            x.put("purityStrip", round.purityA());
            x.put("purityRaffinate", round.purityB());
            x.put("simulations", round.solves());
        }
        o.put("simulations", r.solves());
        o.put("unsolvedRefluxes", r.unsolved());
        o.set("constantBeta", DesignReport.toJson(r.cmer()));
        o.set("verification", new SimulationReport(c, r.network(), r.state()).toJson());
        return o;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
