package org.sxcascade.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sxcascade.chart.Charts;
import org.sxcascade.chart.NamedChart;
import org.sxcascade.equilibrium.ConstantDistributionRatios;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.EngineeringFlows;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.SideDraw;
import org.sxcascade.model.VolumetricFlows;
import org.sxcascade.model.XuFlows;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;

/**
 * The {@link ModelSection} of a case with constant separation factors (CMER, flows in Xu's
 * normalisation, with plant flows when the case gives them) or constant distribution ratios
 * (volumetric flows, L/h): the model and flow lines, the extraction ratios, component flows in
 * mol per mol fed. The products are the loaded organic (A, stage N), the raffinate (B, stage 1)
 * and each side draw.
 */
final class CascadeCaseSection implements ModelSection {
    private final CascadeCase cascadeCase;
    private final CascadeNetwork network;
    private final SteadyState state;
    private final String flowUnit;

    CascadeCaseSection(CascadeCase cascadeCase, CascadeNetwork network, SteadyState state) {
        this.cascadeCase = cascadeCase;
        this.network = network;
        this.state = state;
        this.flowUnit = cmer() ? SimulationReport.FLOW_UNIT_CMER : SimulationReport.FLOW_UNIT_LINEAR;
    }

    private boolean cmer() {
        return cascadeCase.equilibrium() instanceof ConstantSeparationFactors;
    }

    @Override
    public String title() {
        return cascadeCase.name();
    }

    @Override
    public List<String> components() {
        return cascadeCase.components();
    }

    @Override
    public String section(int stage) {
        return stage <= cascadeCase.cascade().extractionStages() ? "extraction" : "scrub";
    }

    @Override
    public List<MassActionCase.Outlet> outlets() {
        return cascadeCase.outlets();
    }

    // ------------------------------------------------------------------ text

    @Override
    public List<Map.Entry<String, String>> caseFacts() {
        List<Map.Entry<String, String>> facts = new ArrayList<>();
        var cas = cascadeCase.cascade();
        facts.add(Map.entry("model", modelLine()));
        facts.add(Map.entry("cascade", String.format(Locale.ROOT, "%d extraction + %d scrub = %d stages; %s feed "
                        + "enters stage %d", cas.extractionStages(), cas.scrubStages(), cas.totalStages(),
                cascadeCase.feed().phase().label(), cas.feedStage(cascadeCase.feed().phase()))));
        for (String line : flowLines()) {
            facts.add(Map.entry("flows", line));
        }
        var options = cascadeCase.stageOptions();
        if (options.extractionEfficiency() < 1 || options.scrubEfficiency() < 1) {
            facts.add(Map.entry("stages", "Murphree efficiency (organic phase): extraction "
                    + Formats.general(options.extractionEfficiency()) + ", scrub "
                    + Formats.general(options.scrubEfficiency())));
        }
        SimulationReport.addSideDrawFacts(facts, options.draws(), flowUnitOfPhase());
        return facts;
    }

    @Override
    public String productsHeading() {
        return "Products (flow in " + flowUnit + ", composition in mole fractions)";
    }

    @Override
    public String productLabel(int i, SimulationReport.Product p) {
        return i == 0 ? "loaded organic (A)" : i == 1 ? "raffinate (B)" : p.name() + " (side draw)";
    }

    @Override
    public String recoveryColumn(int i, SimulationReport.Product p) {
        return i == 0 ? "to organic" : i == 1 ? "to raffinate" : "to " + p.name();
    }

    @Override
    public List<String> productHeads() {
        return cascadeCase.feed().molarFlow() == null ? List.of("flow") : List.of("flow", "mol/h");
    }

    @Override
    public List<String> productCells(SimulationReport.Product p) {
        Double feedRate = cascadeCase.feed().molarFlow();
        return feedRate == null ? List.of(Formats.fixed(p.flow()))
                : List.of(Formats.fixed(p.flow()), Formats.general(p.flow() * feedRate));
    }

    @Override
    public String recoveryHeading() {
        return "Recovery (fraction of each component's feed)";
    }

    @Override
    public String profileHeading() {
        return "Stage profile (aqueous x and organic y, mole fractions)";
    }

    // ------------------------------------------------------------------ HTML

    @Override
    public String htmlProductUnits() {
        return "flow in " + flowUnit + "; composition in mole fractions; recovery: fraction of the purity components' "
                + "feed";
    }

    @Override
    public List<HtmlReport.Column> htmlProductColumns() {
        HtmlReport.Column flow = new HtmlReport.Column("flow", "/flow", Formats::fixed);
        return cascadeCase.feed().molarFlow() == null ? List.of(flow)
                : List.of(flow, new HtmlReport.Column("mol/h", "/flowMolPerHour", Formats::general));
    }

    @Override
    public String htmlFlowUnit() {
        return flowUnit;
    }

    // ------------------------------------------------------------------ JSON

    @Override
    public void putCase(ObjectNode root, SimulationReport report) {
        root.put("flowUnit", flowUnit);
        ObjectNode cascade = root.putObject("cascade");
        cascade.put("extractionStages", cascadeCase.cascade().extractionStages());
        cascade.put("scrubStages", cascadeCase.cascade().scrubStages());
        cascade.put("totalStages", cascadeCase.cascade().totalStages());
        cascade.put("feedPhase", cascadeCase.feed().phase().label());
        cascade.put("feedStage", cascadeCase.cascade().feedStage(cascadeCase.feed().phase()));
        root.set("flows", flowsJson(root.objectNode()));
        var options = cascadeCase.stageOptions();
        ObjectNode eff = cascade.putObject("efficiency");
        eff.put("extraction", options.extractionEfficiency());
        eff.put("scrub", options.scrubEfficiency());
        SimulationReport.putSideDraws(cascade, options.draws(), flowUnitOfPhase());
    }

    private ObjectNode flowsJson(ObjectNode f) {
        if (cascadeCase.flows() instanceof XuFlows xu) {
            f.put("extractant", xu.extractant());
            f.put("scrub", xu.scrub());
            f.put("unit", SimulationReport.FLOW_UNIT_CMER);
            EngineeringFlows e = xu.engineering();
            if (e != null) {
                ObjectNode plant = f.putObject("plant");
                plant.put("feedFlowLitresPerHour", e.feedFlow());
                plant.put("feedConcentrationMolPerLitre", e.feedConcentration());
                plant.put("organicFlowLitresPerHour", e.organicFlow());
                plant.put("organicLoadingMolPerLitre", e.organicLoading());
                plant.put("scrubFlowLitresPerHour", e.scrubFlow());
                plant.put("scrubAcidityMolPerLitre", e.scrubAcidity());
            }
        } else if (cascadeCase.flows() instanceof VolumetricFlows v) {
            f.put("feedFlowLitresPerHour", v.feedFlow());
            f.put("organicFlowLitresPerHour", v.organicFlow());
            f.put("scrubFlowLitresPerHour", v.scrubFlow());
        }
        return f;
    }

    @Override
    public void putProductFlows(ObjectNode o, SimulationReport.Product p) {
        o.put("flow", p.flow());
        Double feedRate = cascadeCase.feed().molarFlow();
        if (feedRate != null) {
            o.put("flowMolPerHour", p.flow() * feedRate);
        }
    }

    @Override
    public void putStage(ObjectNode o, int stage) {
        o.put("aqueousFlow", state.aqueousTotal(stage));
        o.put("organicFlow", state.organicTotal(stage));
    }

    @Override
    public List<NamedChart> charts(String stem) {
        return Charts.steadyState(stem, cascadeCase, state);
    }

    // ------------------------------------------------------------------ CSV

    /** Aqueous x_j and organic y_j per component, after the phases' total flows. */
    @Override
    public List<String> csvHeads() {
        List<String> header = new ArrayList<>(List.of("aqueous_flow", "organic_flow"));
        for (String c : components()) {
            header.add("x_" + c);
        }
        for (String c : components()) {
            header.add("y_" + c);
        }
        return header;
    }

    @Override
    public List<Object> csvCells(int k) {
        List<Object> row = new ArrayList<>();
        row.add(SimulationReport.num(state.aqueousTotal(k)));
        row.add(SimulationReport.num(state.organicTotal(k)));
        int c = components().size();
        for (int j = 0; j < c; j++) {
            row.add(SimulationReport.num(state.aqueousFraction(k, j)));
        }
        for (int j = 0; j < c; j++) {
            row.add(SimulationReport.num(state.organicFraction(k, j)));
        }
        return row;
    }

    // ------------------------------------------------------------------ the header lines

    /** Unit of a phase flow as the case gives it (side draws): the CMER metal basis or L/h. */
    private String flowUnitOfPhase() {
        return cmer() ? SimulationReport.FLOW_UNIT_CMER : "L/h";
    }

    private String modelLine() {
        List<String> comps = cascadeCase.components();
        StringBuilder s = new StringBuilder();
        if (cascadeCase.equilibrium() instanceof ConstantSeparationFactors m) {
            s.append("constant mixed extraction ratio (CMER); separation factors");
            for (int j = 0; j < comps.size(); j++) {
                s.append(' ').append(comps.get(j)).append(' ').append(Formats.general(m.separationFactor(j)));
            }
        } else if (cascadeCase.equilibrium() instanceof ConstantDistributionRatios m) {
            s.append("constant distribution ratios (linear); D");
            for (int j = 0; j < comps.size(); j++) {
                s.append(' ').append(comps.get(j)).append(' ').append(Formats.general(m.distributionRatio(j)));
            }
        }
        return s.toString();
    }

    private List<String> flowLines() {
        List<String> lines = new ArrayList<>();
        if (cascadeCase.flows() instanceof XuFlows xu) {
            EngineeringFlows e = xu.engineering();
            if (e != null) {
                lines.add(String.format(Locale.ROOT,
                        "feed %s L/h × %s mol/L = %s mol RE/h; organic %s L/h loaded at %s mol/L; scrub %s L/h at %s mol/L H+",
                        Formats.general(e.feedFlow()), Formats.general(e.feedConcentration()), Formats.general(e.feedRate()), Formats.general(e.organicFlow()),
                        Formats.general(e.organicLoading()), Formats.general(e.scrubFlow()), Formats.general(e.scrubAcidity())));
                lines.add(String.format(Locale.ROOT, "S = Q_org·c_sat/(Q_feed·c_feed) = %s; W = Q_scrub·[H+]/(3·Q_feed·c_feed) = %s (%s)",
                        Formats.fixed(xu.extractant()), Formats.fixed(xu.scrub()), SimulationReport.FLOW_UNIT_CMER));
            } else {
                lines.add(String.format(Locale.ROOT, "S = %s, W = %s (%s)", Formats.fixed(xu.extractant()), Formats.fixed(xu.scrub()),
                        SimulationReport.FLOW_UNIT_CMER));
            }
            int n = cascadeCase.cascade().extractionStages();
            if (cascadeCase.stageOptions().sideDraws().isEmpty()) {
                boolean aq = cascadeCase.feed().phase() == FeedPhase.AQUEOUS;
                double em = aq ? xu.extractant() / (xu.scrub() + 1) : xu.extractant() / xu.scrub();
                double emScrub = aq ? xu.extractant() / xu.scrub() : (xu.extractant() + 1) / xu.scrub();
                lines.add(String.format(Locale.ROOT, "extraction ratios E_M = %s (stages 1-%d), E'_M = %s (scrub section)",
                        Formats.fixed(em), n, Formats.fixed(emScrub)));
            } else {
                // side draws change the metal flows along the sections: the ratio V/L of the
                // interior stages (the end stages carry the products) in stretches of equal
                // ratio, the extraction section (to stage n) apart from the scrubbing section
                List<String> stretches = new ArrayList<>();
                int last = network.stages() - 1;
                int from = Math.min(2, last);
                for (int k = from; k <= last; k++) {
                    double ratio = extractionRatio(k);
                    if (k == last || k == n || Math.abs(extractionRatio(k + 1) - ratio) > 1e-12 * ratio) {
                        stretches.add(String.format(Locale.ROOT, "%s (stages %d-%d)", Formats.fixed(ratio), from, k));
                        from = k + 1;
                    }
                }
                lines.add("extraction ratios V/L: " + String.join("; ", stretches));
            }
        } else if (cascadeCase.flows() instanceof VolumetricFlows v) {
            lines.add(String.format(Locale.ROOT, "feed %s L/h, organic %s L/h, scrub %s L/h",
                    Formats.general(v.feedFlow()), Formats.general(v.organicFlow()), Formats.general(v.scrubFlow())));
        }
        return lines;
    }

    /** V/L of a stage: its organic over its aqueous flow (metal flows for CMER). */
    private double extractionRatio(int stage) {
        return network.organicFlow(stage) / network.aqueousFlow(stage);
    }
}
