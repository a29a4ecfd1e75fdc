package org.sxcascade.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sxcascade.equilibrium.ConstantDistributionRatios;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.report.Formats;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;

/**
 * The {@link CaseView} of a case with constant separation factors (CMER, flows in Xu's
 * normalisation, with plant flows when the case gives them) or constant distribution ratios
 * (volumetric flows, L/h): the model and flow lines, the extraction ratios, component flows in
 * mol per mol fed, each stage's phase flows. The products are the loaded organic (A, stage N), the
 * raffinate (B, stage 1) and each side draw.
 */
public final class CascadeCaseView implements CaseView {
    /** Unit of the component flows of a CMER case. */
    public static final String FLOW_UNIT_CMER = "mol RE per mol RE fed";
    /** Unit of the component flows of a constant-distribution-ratio case. */
    public static final String FLOW_UNIT_LINEAR = "mol per mol solute fed";

    private final CascadeCase cascadeCase;
    private final CascadeNetwork network;
    private final SteadyState state;
    private final String flowUnit;

    CascadeCaseView(CascadeCase cascadeCase, CascadeNetwork network, SteadyState state) {
        this.cascadeCase = cascadeCase;
        this.network = network;
        this.state = state;
        this.flowUnit = cmer() ? FLOW_UNIT_CMER : FLOW_UNIT_LINEAR;
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

    @Override
    public String productLabel(int i) {
        return i == 0 ? "loaded organic (A)" : i == 1 ? "raffinate (B)"
                : cascadeCase.stageOptions().drawNames().get(i - 2) + " (side draw)";
    }

    @Override
    public String recoveryColumn(int i) {
        return i == 0 ? "to organic" : i == 1 ? "to raffinate" : "to " + cascadeCase.stageOptions().drawNames().get(i - 2);
    }

    @Override
    public Texts texts() {
        return new Texts(null, null, "Products (flow in " + flowUnit + ", composition in mole fractions)",
                "Recovery (fraction of each component's feed)",
                "Stage profile (aqueous x and organic y, mole fractions)", "", "",
                "flow in " + flowUnit + "; composition in mole fractions; recovery: fraction of the purity "
                        + "components' feed", flowUnit,
                "Flows in " + flowUnit + " unless marked; mole fractions unless marked.", "");
    }

    // ------------------------------------------------------------------ the header lines

    @Override
    public List<Map.Entry<String, String>> facts() {
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
        facts.addAll(options.draws().facts(flowUnitOfPhase()));
        return facts;
    }

    /** Unit of a phase flow as the case gives it (side draws): the CMER metal basis or L/h. */
    private String flowUnitOfPhase() {
        return cmer() ? FLOW_UNIT_CMER : "L/h";
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
                        Formats.fixed(xu.extractant()), Formats.fixed(xu.scrub()), FLOW_UNIT_CMER));
            } else {
                lines.add(String.format(Locale.ROOT, "S = %s, W = %s (%s)", Formats.fixed(xu.extractant()), Formats.fixed(xu.scrub()),
                        FLOW_UNIT_CMER));
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

    // ------------------------------------------------------------------ JSON

    @Override
    public Map<String, Object> jsonCase() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("flowUnit", flowUnit);
        var cas = cascadeCase.cascade();
        Map<String, Object> cascade = new LinkedHashMap<>();
        cascade.put("extractionStages", cas.extractionStages());
        cascade.put("scrubStages", cas.scrubStages());
        cascade.put("totalStages", cas.totalStages());
        cascade.put("feedPhase", cascadeCase.feed().phase().label());
        cascade.put("feedStage", cas.feedStage(cascadeCase.feed().phase()));
        var options = cascadeCase.stageOptions();
        Map<String, Object> efficiency = new LinkedHashMap<>();
        efficiency.put("extraction", options.extractionEfficiency());
        efficiency.put("scrub", options.scrubEfficiency());
        cascade.put("efficiency", efficiency);
        cascade.put("sideDraws", options.draws().toJson(flowUnitOfPhase()));
        root.put("cascade", cascade);
        root.put("flows", flowsJson());
        return root;
    }

    private Map<String, Object> flowsJson() {
        Map<String, Object> f = new LinkedHashMap<>();
        if (cascadeCase.flows() instanceof XuFlows xu) {
            f.put("extractant", xu.extractant());
            f.put("scrub", xu.scrub());
            f.put("unit", FLOW_UNIT_CMER);
            EngineeringFlows e = xu.engineering();
            if (e != null) {
                Map<String, Object> plant = new LinkedHashMap<>();
                plant.put("feedFlowLitresPerHour", e.feedFlow());
                plant.put("feedConcentrationMolPerLitre", e.feedConcentration());
                plant.put("organicFlowLitresPerHour", e.organicFlow());
                plant.put("organicLoadingMolPerLitre", e.organicLoading());
                plant.put("scrubFlowLitresPerHour", e.scrubFlow());
                plant.put("scrubAcidityMolPerLitre", e.scrubAcidity());
                f.put("plant", plant);
            }
        } else if (cascadeCase.flows() instanceof VolumetricFlows v) {
            f.put("feedFlowLitresPerHour", v.feedFlow());
            f.put("organicFlowLitresPerHour", v.organicFlow());
            f.put("scrubFlowLitresPerHour", v.scrubFlow());
        }
        return f;
    }

    // ------------------------------------------------------------------ columns

    @Override
    public List<ProductColumn> productColumns() {
        ProductColumn flow = new ProductColumn("flow", "flow", Formats::fixed, "flow", Formats::fixed,
                (f, v, a) -> f);
        Double feedRate = cascadeCase.feed().molarFlow();
        return feedRate == null ? List.of(flow) : List.of(flow, new ProductColumn("flowMolPerHour", "mol/h",
                Formats::general, "mol/h", Formats::general, (f, v, a) -> f * feedRate));
    }

    /** The phases' total flows (JSON only). */
    @Override
    public List<StageColumn> stageColumns() {
        return List.of(new StageColumn("aqueousFlow", null, null, Formats::fixed, aqueousTotals()),
                new StageColumn("organicFlow", null, null, Formats::fixed, organicTotals()));
    }

    private double[] aqueousTotals() {
        double[] v = new double[network.stages()];
        for (int k = 1; k <= v.length; k++) {
            v[k - 1] = state.aqueousTotal(k);
        }
        return v;
    }

    private double[] organicTotals() {
        double[] v = new double[network.stages()];
        for (int k = 1; k <= v.length; k++) {
            v[k - 1] = state.organicTotal(k);
        }
        return v;
    }

    /** The phases' total flows, then aqueous x_j and organic y_j per component. */
    @Override
    public List<CsvColumn> csvColumns() {
        List<CsvColumn> columns = new ArrayList<>(List.of(new CsvColumn("aqueous_flow", aqueousTotals()),
                new CsvColumn("organic_flow", organicTotals())));
        int stages = network.stages();
        List<String> comps = components();
        for (int organic = 0; organic < 2; organic++) {
            for (int j = 0; j < comps.size(); j++) {
                double[] v = new double[stages];
                for (int k = 1; k <= stages; k++) {
                    v[k - 1] = organic == 1 ? state.organicFraction(k, j) : state.aqueousFraction(k, j);
                }
                columns.add(new CsvColumn((organic == 1 ? "y_" : "x_") + comps.get(j), v));
            }
        }
        return columns;
    }

    // ------------------------------------------------------------------ charts

    @Override
    public StageProfile profile() {
        return profile(cascadeCase, state);
    }

    /**
     * The profile of a case with constant separation factors (mole fractions) or constant
     * distribution ratios (flows leaving each stage: mole fractions say little in a dilute system).
     */
    public static StageProfile profile(CascadeCase c, SteadyState state) {
        boolean fractions = c.equilibrium() instanceof ConstantSeparationFactors;
        int stages = state.stages();
        int comps = c.components().size();
        double[] aq = new double[stages * comps];
        double[] org = new double[stages * comps];
        for (int k = 1; k <= stages; k++) {
            for (int j = 0; j < comps; j++) {
                int at = (k - 1) * comps + j;
                aq[at] = fractions ? state.aqueousFraction(k, j) : state.aqueousFlow(k, j);
                org[at] = fractions ? state.organicFraction(k, j) : state.organicFlow(k, j);
            }
        }
        var cas = c.cascade();
        var phase = c.feed().phase();
        int feedStage = cas.feedStage(phase);
        List<StageProfile.Mark> marks = new ArrayList<>();
        if (cas.scrubStages() > 0) {
            marks.add(new StageProfile.Mark(cas.extractionStages() + 0.5, "extraction | scrub", StageProfile.Kind.SECTION));
        }
        marks.add(new StageProfile.Mark(feedStage, "feed (" + phase.label() + ", stage " + feedStage + ")", StageProfile.Kind.FEED));
        List<StageProfile.Target> targets = new ArrayList<>();
        if (fractions) {
            StageProfile.addTarget(targets, c.organicTarget(), "loaded organic", true);
            StageProfile.addTarget(targets, c.aqueousTarget(), "raffinate", false);
        }
        return new StageProfile(c.name(), String.format(Locale.ROOT, "%d extraction + %d scrub stages, %s feed at "
                + "stage %d", cas.extractionStages(), cas.scrubStages(), phase.label(), feedStage),
                "stage (1 = raffinate end, " + stages + " = loaded-organic end)",
                fractions ? "mole fraction in the stage's outlet (log scale)"
                        : "flow leaving the stage, mol per mol solute fed (log scale)",
                c.components(), fractions, aq, org, List.copyOf(marks), List.copyOf(targets));
    }
}
