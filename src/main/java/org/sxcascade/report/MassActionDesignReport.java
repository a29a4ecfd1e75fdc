package org.sxcascade.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.sxcascade.design.CascadeDesigner;
import org.sxcascade.design.MassActionDesign;
import org.sxcascade.design.XuDesign;
import org.sxcascade.io.MassActionDesignSettings;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionCaseView;

/** The terminal report, the JSON and the designed case file of {@code design} on a mass-action case. */
public final class MassActionDesignReport {
    private MassActionDesignReport() {
    }

    private static String groupA(MassActionDesign.Result r) {
        return String.join("+", names(r, r.cmer().inputs().organicTarget().components()));
    }

    private static String groupB(MassActionDesign.Result r) {
        return String.join("+", names(r, r.cmer().inputs().aqueousTarget().components()));
    }

    private static List<String> names(MassActionDesign.Result r, List<Integer> group) {
        return group.stream().map(r.designed().rareEarths()::get).toList();
    }

    /** The report: design, plant flows, reflux search and the verifying steady state. */
    public static String text(MassActionDesign.Result r) {
        MassActionCase c = r.designed();
        CascadeDesigner.Design cmer = r.cmer();
        XuDesign xu = cmer.xu();
        MassActionDesign.Plant p = r.plant();
        MassActionDesignSettings s = r.settings();
        StringBuilder b = new StringBuilder();
        String keyA = c.rareEarths().get(cmer.keyA());
        String keyB = c.rareEarths().get(cmer.keyB());
        b.append(c.name() == null ? "mass-action cascade" : c.name()).append('\n');
        MassActionDesign.Reference ref = r.reference();
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
        b.append('\n').append("Xu's design of the same problem at constant β (flows in mol RE per mol RE fed)\n");
        b.append(f("  control              %s-controlled: %s%n", xu.control().label(), DesignReport.controlReason(xu)));
        b.append(f("  extraction ratios    E_M = %.5f, E'_M = %.5f%n", xu.extractionRatio(), xu.scrubRatio()));
        b.append(f("  flows                S = %.6f, W = %.6f (minimum S_min = %.6f, W_min = %.6f)%n",
                xu.extractantFlow(), xu.scrubFlow(), xu.minExtractantFlow(), xu.minScrubFlow()));
        b.append(f("  stages               estimate %d + %d; fewest meeting the targets at constant β n = %d, m = %d "
                        + "(%d steady states)%n", xu.correctedStages().extractionStages(),
                xu.correctedStages().scrubStages(), cmer.verified().extractionStages(), cmer.verified().scrubStages(),
                cmer.verified().simulations()));

        b.append('\n').append("Plant design\n");
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

        b.append('\n').append(f("Verification by mass-action simulation (%d steady states%s)%n", r.solves(),
                r.unsolved() == 0 ? "" : f("; at %d refluxes no steady state was reached: taken as too low", r.unsolved())));
        for (MassActionDesign.Round round : r.rounds()) {
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
        SimulationReport report = new SimulationReport(c, r.network(), r.state());
        b.append('\n').append(report.toText(false));
        return b.toString();
    }

    /** The targets not met: which, by how much, at which stages. */
    public static String shortfall(MassActionDesign.Result r) {
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

    /** The design as one JSON document. */
    public static ObjectNode json(MassActionDesign.Result r) {
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
        MassActionDesign.Plant p = r.plant();
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
        for (MassActionDesign.Round round : r.rounds()) {
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

    /**
     * The designed case as YAML: the input file's tree with {@code cascade} and {@code flows}
     * replaced by the design (every other section kept as given), and a comment saying where the
     * numbers come from.
     */
    public static String caseYaml(MassActionDesign.Result r, JsonNode inputTree) {
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
        MassActionDesign.Plant p = r.plant();
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

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
