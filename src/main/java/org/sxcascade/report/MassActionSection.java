package org.sxcascade.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sxcascade.chart.AcidityLoadingChart;
import org.sxcascade.chart.Charts;
import org.sxcascade.chart.ConcentrationChart;
import org.sxcascade.chart.NamedChart;
import org.sxcascade.chart.StageProfile;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.StageBalances;
import org.sxcascade.solver.SteadyState;

/**
 * The {@link ModelSection} of a mass-action case (the mass-action law or its empirical
 * correlations): plant units (L/h, mol/L, pH), the inlets, each stage's pH, extractant loading,
 * saponification and free extractant, and the hydrogen, cation and extractant balances of every
 * stage (docs/mass-action.md). The report lists the rare earths; the state's other components
 * are H (free acid and exchangeable H of the extractant) and the saponifying cation.
 */
public final class MassActionSection implements ModelSection {
    /**
     * One stream entering the cascade.
     *
     * @param name        feed (or its name), organic, scrub acid, strip acid
     * @param phase       aqueous or organic
     * @param stage       the stage it enters
     * @param volume      its flow, L/h
     * @param rareEarth   its RE flow, mol per mol RE fed (the aqueous feeds' total)
     * @param composition RE mole fractions (among the rare earths; all 0 without RE)
     * @param acidity     free acid, mol/L H⁺ (aqueous inlets), else NaN
     * @param saponification degree of saponification after any pre-load, y_M / 2C (organic), else NaN
     */
    public record Inlet(String name, String phase, int stage, double volume, double rareEarth,
                        Map<String, Double> composition, double acidity, double saponification) {
    }

    /** Stage quantities: pH, loading (fraction of the extractant bound to RE), saponification, RE mol/L. */
    public record StageRow(int stage, String section, double pH, double loading, double saponification,
                           double aqueousRareEarth, double organicRareEarth, double freeExtractant) {
    }

    private final MassActionCase c;
    private final CascadeNetwork network;
    private final SteadyState state;
    private final MassActionEquilibrium eq;
    private final List<StageRow> stages;

    MassActionSection(MassActionCase c, CascadeNetwork network, SteadyState state) {
        this.c = c;
        this.network = network;
        this.state = state;
        this.eq = c.equilibrium();
        this.stages = stageRows();
    }

    /** The mass-action section of a report of a mass-action case. */
    public static MassActionSection of(SimulationReport report) {
        if (!(report.model() instanceof MassActionSection s)) {
            throw new IllegalArgumentException("not the report of a mass-action case");
        }
        return s;
    }

    private int offset(int stage) {
        return (stage - 1) * state.components();
    }

    @Override
    public String title() {
        return c.name() == null ? "mass-action cascade" : c.name();
    }

    @Override
    public List<String> components() {
        return c.rareEarths();
    }

    @Override
    public String section(int stage) {
        int n = c.cascade().extractionStages();
        int m = c.cascade().scrubStages();
        return stage <= n ? "extraction" : stage <= n + m ? "scrub" : "strip";
    }

    @Override
    public List<MassActionCase.Outlet> outlets() {
        return c.outlets();
    }

    @Override
    public double acidity(boolean organic, int stage) {
        return organic ? Double.NaN : eq.aqueousAcidity(network.aqueousFlow(stage), state.lnAqueous(), offset(stage));
    }

    // ------------------------------------------------------------------ what only mass action has

    /**
     * The streams entering the cascade: the organic at stage 1 (saponified, pre-loaded with RE if
     * the case says so), each aqueous feed, fresh scrub acid and strip acid. Their flows are the
     * network's inlets, so every balance the report gives includes them.
     */
    public List<Inlet> inlets() {
        List<Inlet> in = new ArrayList<>();
        var f = c.flows();
        double[] organic = c.organicInlet();
        int r = eq.rareEarthCount();
        double[] ln = new double[organic.length];
        for (int j = 0; j < ln.length; j++) {
            ln[j] = Math.log(organic[j]);
        }
        in.add(new Inlet(c.preload() == null ? "organic, saponified" : "organic, saponified and pre-loaded",
                "organic", 1, f.organicFlow(), sum(organic, r), fractions(organic, r), Double.NaN,
                eq.saponificationDegree(f.organicFlow(), ln, 0)));
        for (int i = 0; i < c.feeds().size(); i++) {
            var fd = c.feeds().get(i);
            double[] z = fd.feed().composition();
            Map<String, Double> comp = new LinkedHashMap<>();
            for (int j = 0; j < r; j++) {
                comp.put(c.rareEarths().get(j), z[j]);
            }
            in.add(new Inlet(c.feedName(i), "aqueous", c.feedStage(i), fd.flow(), fd.rareEarthRate() / c.feedRate(),
                    comp, fd.acidity(), Double.NaN));
        }
        int n = c.cascade().extractionStages();
        int m = c.cascade().scrubStages();
        if (f.scrubFlow() > 0) {
            in.add(new Inlet("scrub acid", "aqueous", n + m, f.scrubFlow(), 0, fractions(new double[r], r),
                    f.scrubAcidity(), Double.NaN));
        }
        if (c.stripStages() > 0) {
            in.add(new Inlet("strip acid", "aqueous", c.totalStages(), f.stripFlow(), 0, fractions(new double[r], r),
                    f.stripAcidity(), Double.NaN));
        }
        return List.copyOf(in);
    }

    private static double sum(double[] flows, int r) {
        double s = 0;
        for (int j = 0; j < r; j++) {
            s += flows[j];
        }
        return s;
    }

    private Map<String, Double> fractions(double[] flows, int r) {
        double s = sum(flows, r);
        Map<String, Double> comp = new LinkedHashMap<>();
        for (int j = 0; j < r; j++) {
            comp.put(c.rareEarths().get(j), s > 0 ? flows[j] / s : 0);
        }
        return comp;
    }

    /** One row per stage. */
    public List<StageRow> stages() {
        return stages;
    }

    private List<StageRow> stageRows() {
        List<StageRow> rows = new ArrayList<>();
        double[] lnAq = state.lnAqueous();
        double[] lnOrg = state.lnOrganic();
        int r = eq.rareEarthCount();
        for (int k = 1; k <= c.totalStages(); k++) {
            double aq = network.aqueousFlow(k);
            double org = network.organicFlow(k);
            double reAq = 0;
            double reOrg = 0;
            for (int j = 0; j < r; j++) {
                reAq += state.aqueousFlow(k, j);
                reOrg += state.organicFlow(k, j);
            }
            rows.add(new StageRow(k, section(k), eq.pH(aq, lnAq, offset(k)), eq.loading(org, lnOrg, offset(k)),
                    eq.saponificationDegree(org, lnOrg, offset(k)), reAq * eq.molarScale() / aq,
                    reOrg * eq.molarScale() / org, eq.freeExtractant(aq, lnAq, offset(k))));
        }
        return List.copyOf(rows);
    }

    /**
     * Largest relative hydrogen imbalance over the stages, |in − out| / out of the H component
     * (the H⁺ balance of docs/mass-action.md, Chemistry: acid in the aqueous plus exchangeable H in the organic).
     */
    public double hydrogenBalance() {
        return StageBalances.maxRelativeImbalance(network, state.lnAqueous(), state.lnOrganic(), eq.hydrogenIndex());
    }

    /** Largest relative imbalance of the saponifying cation over the stages (0 without saponification). */
    public double cationBalance() {
        return StageBalances.maxRelativeImbalance(network, state.lnAqueous(), state.lnOrganic(), eq.cationIndex());
    }

    /**
     * Largest relative error of the extractant balance C = e + 3Σy + ½y_M over the stages, with
     * the organic concentrations of the solution. On an equilibrium stage e is recomputed from the
     * aqueous (so the check also tests the equilibrium); on a stage with a Murphree efficiency
     * below 1 the organic is not at equilibrium with its aqueous, and e is taken from the organic's
     * own exchangeable hydrogen, y_H = 2e + 3Σy.
     */
    public double extractantBalance() {
        double worst = 0;
        int r = eq.rareEarthCount();
        double cTotal = eq.extractantConcentration();
        for (int k = 1; k <= c.totalStages(); k++) {
            double org = network.organicFlow(k);
            double e;
            if (network.efficiency(k) == 1) {
                e = eq.freeExtractant(network.aqueousFlow(k), state.lnAqueous(), offset(k));
            } else {
                double boundRareEarth = 0;
                for (int j = 0; j < r; j++) {
                    boundRareEarth += 3 * state.organicFlow(k, j);
                }
                e = (state.organicFlow(k, eq.hydrogenIndex()) - boundRareEarth) * eq.molarScale() / org / 2;
            }
            double bound = 0;
            for (int j = 0; j < r; j++) {
                bound += 3 * state.organicFlow(k, j) * eq.molarScale() / org;
            }
            bound += 0.5 * state.organicFlow(k, eq.cationIndex()) * eq.molarScale() / org;
            worst = Math.max(worst, Math.abs(e + bound - cTotal) / cTotal);
        }
        return worst;
    }

    // ------------------------------------------------------------------ text

    /** Whether every rare earth follows the mass-action law (no empirical correlation). */
    public static boolean isMassActionLaw(MassActionEquilibrium eq) {
        boolean massAction = true;
        for (int j = 0; j < eq.rareEarthCount(); j++) {
            massAction &= eq.isMassActionLaw(j);
        }
        return massAction;
    }

    /**
     * The equilibrium in words with its parameters: the exchange constants, or each rare earth's
     * correlation coefficients a, b, c when any follows a correlation.
     *
     * @param names the rare earths, in the model's order
     */
    public static String modelWords(MassActionEquilibrium eq, List<String> names) {
        StringBuilder model = new StringBuilder();
        if (isMassActionLaw(eq)) {
            model.append("mass action, RE³⁺ + 3(HA)₂ ⇌ RE(HA₂)₃ + 3H⁺; K_ex");
            for (int j = 0; j < eq.rareEarthCount(); j++) {
                model.append(' ').append(names.get(j)).append(' ').append(Formats.general(eq.exchangeConstant(j)));
            }
        } else {
            model.append("RE³⁺ + 3(HA)₂ ⇌ RE(HA₂)₃ + 3H⁺ with log₁₀ D = a·pH + b·log₁₀[(HA)₂] + c:");
            for (int j = 0; j < eq.rareEarthCount(); j++) {
                model.append(j == 0 ? " " : "; ").append(names.get(j)).append(String.format(Locale.ROOT,
                        " a %s b %s c %s", Formats.general(eq.acidSlope(j)), Formats.general(eq.dimerSlope(j)),
                        Formats.general(Math.log10(eq.exchangeConstant(j)))));
            }
        }
        return model.toString();
    }

    @Override
    public List<Map.Entry<String, String>> caseFacts() {
        List<Map.Entry<String, String>> facts = new ArrayList<>();
        var f = c.flows();
        facts.add(Map.entry("model", modelWords(eq, c.rareEarths())));
        facts.add(Map.entry("extractant", String.format(Locale.ROOT, "%s mol/L (HA)₂, saponified %s with %s (K %s)",
                Formats.general(eq.extractantConcentration()), Formats.general(100 * f.saponification()) + " %",
                c.cation(), Formats.general(eq.cationExchangeConstant()))));
        List<String> feedStages = new ArrayList<>();
        for (int i = 0; i < c.feeds().size(); i++) {
            feedStages.add(Integer.toString(c.feedStage(i)));
        }
        facts.add(Map.entry("cascade", String.format(Locale.ROOT, "%d extraction + %d scrub + %d strip = %d stages; %s %s",
                c.cascade().extractionStages(), c.cascade().scrubStages(), c.stripStages(), c.totalStages(),
                feedStages.size() == 1 ? "feed enters stage" : "feeds enter stages", String.join(", ", feedStages))));
        facts.add(Map.entry("flows", String.format(Locale.ROOT,
                "%s %s L/h at %s mol/L RE, %s mol/L H+ (%s mol RE/h); organic %s L/h",
                c.feeds().size() == 1 ? "feed" : c.feeds().size() + " feeds together",
                Formats.general(c.feed().volumetricFlow()), Formats.general(c.feed().concentration()),
                Formats.general(c.feedAcidity()), Formats.general(c.feedRate()), Formats.general(f.organicFlow()))));
        if (c.preload() != null) {
            facts.add(Map.entry("preload", String.format(Locale.ROOT,
                    "%s mol/L RE on the organic (%s mol RE/h, %s mol per mol RE fed), replacing 3 %s per RE",
                    Formats.general(c.preload().concentration()), Formats.general(c.preloadRate()),
                    Formats.general(c.preloadRate() / c.feedRate()), c.cation())));
        }
        facts.add(Map.entry("flows", String.format(Locale.ROOT,
                "scrub acid %s L/h at %s mol/L; strip acid %s L/h at %s mol/L; reflux %s of the strip liquor",
                Formats.general(f.scrubFlow()), Formats.general(f.scrubAcidity()), Formats.general(f.stripFlow()),
                Formats.general(f.stripAcidity()), Formats.general(100 * f.reflux()) + " %")));
        double[] e = c.efficiency();
        if (e[0] < 1 || e[1] < 1 || e[2] < 1) {
            facts.add(Map.entry("stages", String.format(Locale.ROOT, "Murphree efficiency extraction %s, scrub %s, strip %s",
                    Formats.general(e[0]), Formats.general(e[1]), Formats.general(e[2]))));
        }
        SimulationReport.addSideDrawFacts(facts, c.sideDraws(), "L/h");
        return facts;
    }

    @Override
    public String balanceLines(SimulationReport r) {
        return String.format(Locale.ROOT,
                "  balances   RE %.1e (whole cascade); H+ %.1e, %s %.1e, extractant %.1e (largest relative error "
                        + "over the stages)%n",
                r.componentBalance(), hydrogenBalance(), c.cation(), cationBalance(), extractantBalance());
    }

    @Override
    public String inletTables() {
        StringBuilder b = new StringBuilder();
        b.append("Inlets (flow in L/h, RE in mol RE per mol RE fed and mol/L, H+ in mol/L, composition in RE mole "
                + "fractions)\n");
        SimulationReport.Table it = new SimulationReport.Table();
        List<String> ih = new ArrayList<>(List.of("inlet", "enters", "L/h", "RE", "RE mol/L", "H+ mol/L"));
        c.rareEarths().forEach(ih::add);
        ih.add("saponified");
        it.row(ih);
        for (Inlet in : inlets()) {
            List<String> row = new ArrayList<>(List.of(in.name(), in.phase() + ", stage " + in.stage(),
                    Formats.general(in.volume()), Formats.fixed(in.rareEarth()),
                    Formats.general(in.rareEarth() * c.feedRate() / in.volume()),
                    Double.isNaN(in.acidity()) ? "-" : Formats.general(in.acidity())));
            for (String name : c.rareEarths()) {
                row.add(in.rareEarth() > 0 ? Formats.fraction(in.composition().get(name)) : "-");
            }
            row.add(Double.isNaN(in.saponification()) ? "-" : Formats.fixed(in.saponification()));
            it.row(row);
        }
        return b.append(it.render()).append('\n').toString();
    }

    @Override
    public String productsHeading() {
        return "Products (flow in L/h, RE in mol RE per mol RE fed and mol/L, composition in RE mole fractions)";
    }

    @Override
    public String productLabel(int i, SimulationReport.Product p) {
        return p.name();
    }

    @Override
    public String recoveryColumn(int i, SimulationReport.Product p) {
        return "to " + p.name();
    }

    @Override
    public List<String> productHeads() {
        return List.of("L/h", "RE", "RE mol/L", "pH");
    }

    @Override
    public List<String> productCells(SimulationReport.Product p) {
        return List.of(Formats.general(p.volume()), Formats.fixed(p.flow()),
                Formats.general(p.flow() * c.feedRate() / p.volume()),
                Double.isNaN(p.acidity()) ? "-" : String.format(Locale.ROOT, "%.2f",
                        MassActionEquilibrium.pH(p.acidity())));
    }

    @Override
    public String recoveryHeading() {
        return c.preload() == null ? "Recovery (fraction of each rare earth's feed)"
                : "Recovery (fraction of each rare earth's inflow: aqueous feeds and pre-load)";
    }

    @Override
    public String profileHeading() {
        return "Stage profile (pH of the aqueous; loading = 3Σ[RE]org / C; RE in mol/L; x, y RE mole fractions)";
    }

    @Override
    public List<String> stageHeads() {
        return List.of("pH", "loading", "saponified", "RE aq", "RE org");
    }

    @Override
    public List<String> stageCells(int stage) {
        StageRow s = stages.get(stage - 1);
        return List.of(String.format(Locale.ROOT, "%.3f", s.pH()), Formats.fixed(s.loading()),
                Formats.fixed(s.saponification()), Formats.general(s.aqueousRareEarth()),
                Formats.general(s.organicRareEarth()));
    }

    // ------------------------------------------------------------------ HTML

    @Override
    public String htmlLead() {
        return "Mass-action model: pH, extractant loading and saponification are computed on every stage. ";
    }

    @Override
    public String htmlIterationNote() {
        return " (the start-up rows included)";
    }

    @Override
    public String htmlProductUnits() {
        return "flow in L/h; RE in mol RE per mol RE fed and in mol/L; pH of the aqueous; composition in RE mole "
                + "fractions; recovery: fraction of the purity components' feed";
    }

    @Override
    public List<HtmlReport.Column> htmlProductColumns() {
        return List.of(new HtmlReport.Column("L/h", "/flow", Formats::general),
                new HtmlReport.Column("RE", "/rareEarthFlow", Formats::fraction),
                new HtmlReport.Column("RE mol/L", "/rareEarthConcentration", Formats::general),
                new HtmlReport.Column("pH", "/pH", HtmlReport::two));
    }

    @Override
    public String htmlFlowUnit() {
        return "mol RE per mol RE fed";
    }

    @Override
    public String htmlFooterUnits() {
        return "Phase flows in L/h, RE flows in mol RE per mol RE fed and concentrations in mol/L unless marked; "
                + "compositions in RE mole fractions.";
    }

    @Override
    public List<HtmlReport.Balance> htmlBalances() {
        return List.of(new HtmlReport.Balance("H⁺ (free acid + exchangeable H of the extractant)", "every stage",
                        "/hydrogenBalance"),
                new HtmlReport.Balance("saponifying cation", "every stage", "/cationBalance"),
                new HtmlReport.Balance("extractant, C = e + 3Σ[RE]org + ½[M]org", "every stage", "/extractantBalance"),
                new HtmlReport.Balance("every component, in = out", "every stage (solver residual)", "/residual"),
                new HtmlReport.Balance("overall, feeds = products", "whole cascade", "/massBalanceError"));
    }

    @Override
    public String htmlProfileUnits() {
        return "pH of the aqueous; loading 3Σ[RE]org / C and saponification [M]org / 2C as fractions of the "
                + "extractant; free extractant e and RE in mol/L; x, y RE mole fractions";
    }

    @Override
    public List<HtmlReport.Column> htmlStageColumns() {
        return List.of(new HtmlReport.Column("pH", "/pH", v -> String.format(Locale.ROOT, "%.3f", v)),
                new HtmlReport.Column("loading", "/loading", Formats::fixed),
                new HtmlReport.Column("saponified", "/saponification", Formats::fixed),
                new HtmlReport.Column("e mol/L", "/freeExtractant", Formats::general),
                new HtmlReport.Column("RE aq mol/L", "/aqueousRareEarth", Formats::general),
                new HtmlReport.Column("RE org mol/L", "/organicRareEarth", Formats::general));
    }

    // ------------------------------------------------------------------ JSON

    @Override
    public void putModel(ObjectNode root) {
        root.put("model", "mass-action");
    }

    @Override
    public void putCase(ObjectNode root, SimulationReport report) {
        root.put("rareEarthBalance", report.componentBalance());
        root.put("hydrogenBalance", hydrogenBalance());
        root.put("cationBalance", cationBalance());
        root.put("extractantBalance", extractantBalance());
        root.put("flowUnit", "L/h");
        root.put("rareEarthFlowUnit", "mol RE per mol RE fed");
        root.put("concentrationUnit", "mol/L");
        root.put("feedRate", c.feedRate());
        ObjectNode cascade = root.putObject("cascade");
        cascade.put("extractionStages", c.cascade().extractionStages());
        cascade.put("scrubStages", c.cascade().scrubStages());
        cascade.put("stripStages", c.stripStages());
        cascade.put("totalStages", c.totalStages());
        double[] efficiency = c.efficiency();
        ObjectNode eff = cascade.putObject("efficiency");
        eff.put("extraction", efficiency[0]);
        eff.put("scrub", efficiency[1]);
        eff.put("strip", efficiency[2]);
        SimulationReport.putSideDraws(cascade, c.sideDraws(), "L/h");
        ArrayNode ins = root.putArray("inlets");
        for (Inlet in : inlets()) {
            ObjectNode o = ins.addObject();
            o.put("name", in.name());
            o.put("phase", in.phase());
            o.put("stage", in.stage());
            o.put("flow", in.volume());
            o.put("rareEarthFlow", in.rareEarth());
            o.put("rareEarthConcentration", in.rareEarth() * c.feedRate() / in.volume());
            in.composition().forEach(o.putObject("composition")::put);
            if (!Double.isNaN(in.acidity())) {
                o.put("acidity", in.acidity());
            }
            if (!Double.isNaN(in.saponification())) {
                o.put("saponification", in.saponification());
            }
        }
    }

    @Override
    public void putProductFlows(ObjectNode o, SimulationReport.Product p) {
        o.put("flow", p.volume());
        o.put("rareEarthFlow", p.flow());
        o.put("rareEarthConcentration", p.flow() * c.feedRate() / p.volume());
        if (!Double.isNaN(p.acidity())) {
            o.put("acidity", p.acidity());
            o.put("pH", MassActionEquilibrium.pH(p.acidity()));
        }
    }

    @Override
    public void putStage(ObjectNode o, int stage) {
        StageRow s = stages.get(stage - 1);
        o.put("pH", s.pH());
        o.put("loading", s.loading());
        o.put("saponification", s.saponification());
        o.put("freeExtractant", s.freeExtractant());
        o.put("aqueousRareEarth", s.aqueousRareEarth());
        o.put("organicRareEarth", s.organicRareEarth());
    }

    /**
     * The stage profile, then the panels of this model's chemistry: pH, loading and saponification
     * ({@link AcidityLoadingChart}, from the stage rows) and each rare earth's concentration in both
     * phases ({@link ConcentrationChart}).
     */
    @Override
    public List<NamedChart> charts(String stem) {
        int n = stages.size();
        int r = c.rareEarths().size();
        double[] pH = new double[n];
        double[] loading = new double[n];
        double[] saponification = new double[n];
        double[][] aqueous = new double[n][r];
        double[][] organic = new double[n][r];
        double scale = eq.molarScale();
        for (int k = 1; k <= n; k++) {
            StageRow row = stages.get(k - 1);
            pH[k - 1] = row.pH();
            loading[k - 1] = row.loading();
            saponification[k - 1] = row.saponification();
            for (int j = 0; j < r; j++) {
                aqueous[k - 1][j] = state.aqueousFlow(k, j) * scale / network.aqueousFlow(k);
                organic[k - 1][j] = state.organicFlow(k, j) * scale / network.organicFlow(k);
            }
        }
        StageProfile profile = StageProfile.of(c, state);
        return Charts.steadyState(stem, profile, List.of(
                new NamedChart(stem + "-ph-loading", AcidityLoadingChart.of(profile, pH, loading, saponification,
                        c.cation(), eq.extractantConcentration(), c.flows().saponification())),
                new NamedChart(stem + "-concentration", ConcentrationChart.of(profile, c.rareEarths(), aqueous,
                        organic))));
    }

    // ------------------------------------------------------------------ CSV

    /**
     * The aqueous and organic flows (L/h), each rare earth's aqueous and organic concentration
     * (mol/L), the pH, the loading 3Σ[RE]org/C and the saponification [M]org/2C (fractions), the
     * aqueous H⁺ and M and the organic M and exchangeable H (mol/L), and the free extractant e
     * (mol/L as dimer). Concentration × flow × 1 / (mol RE fed per hour) gives the solver's
     * component flows.
     */
    @Override
    public List<String> csvHeads() {
        List<String> header = new ArrayList<>(List.of("aqueous_flow_L_per_h", "organic_flow_L_per_h"));
        c.rareEarths().forEach(n -> header.add("aqueous_" + n + "_mol_per_L"));
        c.rareEarths().forEach(n -> header.add("organic_" + n + "_mol_per_L"));
        String m = c.cation();
        header.addAll(List.of("pH", "loading_fraction", "saponification_fraction", "aqueous_H_mol_per_L",
                "aqueous_" + m + "_mol_per_L", "organic_" + m + "_mol_per_L", "organic_H_mol_per_L",
                "free_extractant_mol_per_L"));
        return header;
    }

    @Override
    public List<Object> csvCells(int k) {
        StageRow s = stages.get(k - 1);
        double scale = eq.molarScale();
        double aq = network.aqueousFlow(k);
        double org = network.organicFlow(k);
        List<Object> row = new ArrayList<>(List.of(num(aq), num(org)));
        for (int j = 0; j < eq.rareEarthCount(); j++) {
            row.add(num(state.aqueousFlow(k, j) * scale / aq));
        }
        for (int j = 0; j < eq.rareEarthCount(); j++) {
            row.add(num(state.organicFlow(k, j) * scale / org));
        }
        row.addAll(List.of(num(s.pH()), num(s.loading()), num(s.saponification()),
                num(eq.aqueousAcidity(aq, state.lnAqueous(), offset(k))),
                num(state.aqueousFlow(k, eq.cationIndex()) * scale / aq),
                num(state.organicFlow(k, eq.cationIndex()) * scale / org),
                num(state.organicFlow(k, eq.hydrogenIndex()) * scale / org), num(s.freeExtractant())));
        return row;
    }

    private static String num(double x) {
        return SimulationReport.num(x);
    }
}
