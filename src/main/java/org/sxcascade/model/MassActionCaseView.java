package org.sxcascade.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.report.Formats;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.StageBalances;
import org.sxcascade.solver.SteadyState;

/**
 * The {@link CaseView} of a mass-action case (the mass-action law or its empirical correlations,
 * docs/mass-action.md): plant units (L/h, mol/L, pH), the inlets, each stage's pH, extractant
 * loading, saponification and free extractant, and the hydrogen, cation and extractant balances of
 * every stage. The report lists the rare earths; the state's other components are H (free acid and
 * exchangeable H of the extractant) and the saponifying cation.
 */
public final class MassActionCaseView implements CaseView {
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

    MassActionCaseView(MassActionCase c, CascadeNetwork network, SteadyState state) {
        this.c = c;
        this.network = network;
        this.state = state;
        this.eq = c.equilibrium();
        this.stages = stageRows();
    }

    /** The view of a mass-action case, from any case's view. */
    public static MassActionCaseView of(CaseView view) {
        if (!(view instanceof MassActionCaseView v)) {
            throw new IllegalArgumentException("not the view of a mass-action case");
        }
        return v;
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
    public String productLabel(int i) {
        return c.outlets().get(i).name();
    }

    @Override
    public String recoveryColumn(int i) {
        return "to " + c.outlets().get(i).name();
    }

    @Override
    public double aqueousAcidity(int stage) {
        return eq.aqueousAcidity(network.aqueousFlow(stage), state.lnAqueous(), offset(stage));
    }

    @Override
    public Texts texts() {
        return new Texts("RE", "rareEarthBalance",
                "Products (flow in L/h, RE in mol RE per mol RE fed and mol/L, composition in RE mole fractions)",
                c.preload() == null ? "Recovery (fraction of each rare earth's feed)"
                        : "Recovery (fraction of each rare earth's inflow: aqueous feeds and pre-load)",
                "Stage profile (pH of the aqueous; loading = 3Σ[RE]org / C; RE in mol/L; x, y RE mole fractions)",
                "Mass-action model: pH, extractant loading and saponification are computed on every stage. ",
                " (the start-up rows included)",
                "flow in L/h; RE in mol RE per mol RE fed and in mol/L; pH of the aqueous; composition in RE mole "
                        + "fractions; recovery: fraction of the purity components' feed",
                "mol RE per mol RE fed",
                "Phase flows in L/h, RE flows in mol RE per mol RE fed and concentrations in mol/L unless marked; "
                        + "compositions in RE mole fractions.",
                "pH of the aqueous; loading 3Σ[RE]org / C and saponification [M]org / 2C as fractions of the "
                        + "extractant; free extractant e and RE in mol/L; x, y RE mole fractions");
    }

    @Override
    public String modelKey() {
        return "mass-action";
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

    @Override
    public List<Balance> balances() {
        return List.of(new Balance("H+", "hydrogenBalance", "H⁺ (free acid + exchangeable H of the extractant)",
                        hydrogenBalance()),
                new Balance(c.cation(), "cationBalance", "saponifying cation", cationBalance()),
                new Balance("extractant", "extractantBalance", "extractant, C = e + 3Σ[RE]org + ½[M]org",
                        extractantBalance()));
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
    public List<Map.Entry<String, String>> facts() {
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
        facts.addAll(c.sideDraws().facts("L/h"));
        return facts;
    }

    /** The inlets table. */
    @Override
    public List<Table> tables() {
        List<List<String>> rows = new ArrayList<>();
        List<String> ih = new ArrayList<>(List.of("inlet", "enters", "L/h", "RE", "RE mol/L", "H+ mol/L"));
        ih.addAll(c.rareEarths());
        ih.add("saponified");
        rows.add(ih);
        for (Inlet in : inlets()) {
            List<String> row = new ArrayList<>(List.of(in.name(), in.phase() + ", stage " + in.stage(),
                    Formats.general(in.volume()), Formats.fixed(in.rareEarth()),
                    Formats.general(in.rareEarth() * c.feedRate() / in.volume()),
                    Double.isNaN(in.acidity()) ? "-" : Formats.general(in.acidity())));
            for (String name : c.rareEarths()) {
                row.add(in.rareEarth() > 0 ? Formats.fraction(in.composition().get(name)) : "-");
            }
            row.add(Double.isNaN(in.saponification()) ? "-" : Formats.fixed(in.saponification()));
            rows.add(row);
        }
        return List.of(new Table("Inlets (flow in L/h, RE in mol RE per mol RE fed and mol/L, H+ in mol/L, composition "
                + "in RE mole fractions)", rows));
    }

    // ------------------------------------------------------------------ JSON

    @Override
    public Map<String, Object> jsonCase() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("flowUnit", "L/h");
        root.put("rareEarthFlowUnit", "mol RE per mol RE fed");
        root.put("concentrationUnit", "mol/L");
        root.put("feedRate", c.feedRate());
        Map<String, Object> cascade = new LinkedHashMap<>();
        cascade.put("extractionStages", c.cascade().extractionStages());
        cascade.put("scrubStages", c.cascade().scrubStages());
        cascade.put("stripStages", c.stripStages());
        cascade.put("totalStages", c.totalStages());
        double[] efficiency = c.efficiency();
        Map<String, Object> eff = new LinkedHashMap<>();
        eff.put("extraction", efficiency[0]);
        eff.put("scrub", efficiency[1]);
        eff.put("strip", efficiency[2]);
        cascade.put("efficiency", eff);
        cascade.put("sideDraws", c.sideDraws().toJson("L/h"));
        root.put("cascade", cascade);
        List<Map<String, Object>> ins = new ArrayList<>();
        for (Inlet in : inlets()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", in.name());
            o.put("phase", in.phase());
            o.put("stage", in.stage());
            o.put("flow", in.volume());
            o.put("rareEarthFlow", in.rareEarth());
            o.put("rareEarthConcentration", in.rareEarth() * c.feedRate() / in.volume());
            o.put("composition", in.composition());
            if (!Double.isNaN(in.acidity())) {
                o.put("acidity", in.acidity());
            }
            if (!Double.isNaN(in.saponification())) {
                o.put("saponification", in.saponification());
            }
            ins.add(o);
        }
        root.put("inlets", ins);
        return root;
    }

    // ------------------------------------------------------------------ columns

    @Override
    public List<ProductColumn> productColumns() {
        double rate = c.feedRate();
        return List.of(new ProductColumn("flow", "L/h", Formats::general, "L/h", Formats::general, (f, v, a) -> v),
                new ProductColumn("rareEarthFlow", "RE", Formats::fixed, "RE", Formats::fraction, (f, v, a) -> f),
                new ProductColumn("rareEarthConcentration", "RE mol/L", Formats::general, "RE mol/L", Formats::general,
                        (f, v, a) -> f * rate / v),
                new ProductColumn("acidity", null, null, null, null, (f, v, a) -> a),
                new ProductColumn("pH", "pH", MassActionCaseView::two, "pH", MassActionCaseView::two,
                        (f, v, a) -> Double.isNaN(a) ? Double.NaN : MassActionEquilibrium.pH(a)));
    }

    private static String two(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String three(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    @Override
    public List<StageColumn> stageColumns() {
        return List.of(new StageColumn("pH", "pH", "pH", MassActionCaseView::three, column(StageRow::pH)),
                new StageColumn("loading", "loading", "loading", Formats::fixed, column(StageRow::loading)),
                new StageColumn("saponification", "saponified", "saponified", Formats::fixed,
                        column(StageRow::saponification)),
                new StageColumn("freeExtractant", null, "e mol/L", Formats::general, column(StageRow::freeExtractant)),
                new StageColumn("aqueousRareEarth", "RE aq", "RE aq mol/L", Formats::general,
                        column(StageRow::aqueousRareEarth)),
                new StageColumn("organicRareEarth", "RE org", "RE org mol/L", Formats::general,
                        column(StageRow::organicRareEarth)));
    }

    private double[] column(java.util.function.ToDoubleFunction<StageRow> f) {
        double[] v = new double[stages.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = f.applyAsDouble(stages.get(k));
        }
        return v;
    }

    /** Concentration of state component j in a phase leaving a stage, mol/L. */
    private double concentration(int k, int j, boolean organic) {
        return organic ? state.organicFlow(k, j) * eq.molarScale() / network.organicFlow(k)
                : state.aqueousFlow(k, j) * eq.molarScale() / network.aqueousFlow(k);
    }

    private double[] concentrations(int j, boolean organic) {
        double[] v = new double[stages.size()];
        for (int k = 1; k <= v.length; k++) {
            v[k - 1] = concentration(k, j, organic);
        }
        return v;
    }

    /**
     * The aqueous and organic flows (L/h), each rare earth's aqueous and organic concentration
     * (mol/L), the pH, the loading 3Σ[RE]org/C and the saponification [M]org/2C (fractions), the
     * aqueous H⁺ and M and the organic M and exchangeable H (mol/L), and the free extractant e
     * (mol/L as dimer). Concentration × flow × 1 / (mol RE fed per hour) gives the solver's
     * component flows.
     */
    @Override
    public List<CsvColumn> csvColumns() {
        int n = stages.size();
        double[] aq = new double[n];
        double[] org = new double[n];
        double[] acid = new double[n];
        for (int k = 1; k <= n; k++) {
            aq[k - 1] = network.aqueousFlow(k);
            org[k - 1] = network.organicFlow(k);
            acid[k - 1] = aqueousAcidity(k);
        }
        List<CsvColumn> columns = new ArrayList<>(List.of(new CsvColumn("aqueous_flow_L_per_h", aq),
                new CsvColumn("organic_flow_L_per_h", org)));
        for (int j = 0; j < eq.rareEarthCount(); j++) {
            columns.add(new CsvColumn("aqueous_" + c.rareEarths().get(j) + "_mol_per_L", concentrations(j, false)));
        }
        for (int j = 0; j < eq.rareEarthCount(); j++) {
            columns.add(new CsvColumn("organic_" + c.rareEarths().get(j) + "_mol_per_L", concentrations(j, true)));
        }
        String m = c.cation();
        columns.addAll(List.of(new CsvColumn("pH", column(StageRow::pH)),
                new CsvColumn("loading_fraction", column(StageRow::loading)),
                new CsvColumn("saponification_fraction", column(StageRow::saponification)),
                new CsvColumn("aqueous_H_mol_per_L", acid),
                new CsvColumn("aqueous_" + m + "_mol_per_L", concentrations(eq.cationIndex(), false)),
                new CsvColumn("organic_" + m + "_mol_per_L", concentrations(eq.cationIndex(), true)),
                new CsvColumn("organic_H_mol_per_L", concentrations(eq.hydrogenIndex(), true)),
                new CsvColumn("free_extractant_mol_per_L", column(StageRow::freeExtractant))));
        return columns;
    }

    // ------------------------------------------------------------------ charts

    @Override
    public AcidityLoading acidityLoading() {
        return new AcidityLoading(column(StageRow::pH), column(StageRow::loading), column(StageRow::saponification),
                c.cation(), eq.extractantConcentration(), c.flows().saponification());
    }

    @Override
    public Concentrations concentrations() {
        int n = stages.size();
        int r = c.rareEarths().size();
        double[][] aqueous = new double[n][r];
        double[][] organic = new double[n][r];
        for (int k = 1; k <= n; k++) {
            for (int j = 0; j < r; j++) {
                aqueous[k - 1][j] = concentration(k, j, false);
                organic[k - 1][j] = concentration(k, j, true);
            }
        }
        return new Concentrations(c.rareEarths(), aqueous, organic);
    }

    @Override
    public StageProfile profile() {
        return profile(c, state);
    }

    /** The profile of a mass-action case: each rare earth's mole fraction among the rare earths. */
    public static StageProfile profile(MassActionCase c, SteadyState state) {
        int r = c.rareEarths().size();
        int stages = c.totalStages();
        double[] aq = new double[stages * r];
        double[] org = new double[stages * r];
        for (int k = 1; k <= stages; k++) {
            double sumAq = 0;
            double sumOrg = 0;
            for (int i = 0; i < r; i++) {
                sumAq += state.aqueousFlow(k, i);
                sumOrg += state.organicFlow(k, i);
            }
            for (int j = 0; j < r; j++) {
                aq[(k - 1) * r + j] = sumAq > 0 ? state.aqueousFlow(k, j) / sumAq : 0;
                org[(k - 1) * r + j] = sumOrg > 0 ? state.organicFlow(k, j) / sumOrg : 0;
            }
        }
        int n = c.cascade().extractionStages();
        int m = c.cascade().scrubStages();
        List<StageProfile.Mark> marks = new ArrayList<>();
        if (m > 0) {
            marks.add(new StageProfile.Mark(n + 0.5, "extraction | scrub", StageProfile.Kind.SECTION));
        }
        if (c.stripStages() > 0) {
            marks.add(new StageProfile.Mark(n + m + 0.5, (m > 0 ? "scrub" : "extraction") + " | strip", StageProfile.Kind.SECTION));
        }
        for (int i = 0; i < c.sideDraws().size(); i++) {
            SideDraw d = c.sideDraws().draws().get(i);
            marks.add(new StageProfile.Mark(d.stage(), c.sideDraws().names().get(i) + " (" + d.phase().label() + " draw, stage "
                    + d.stage() + ")", StageProfile.Kind.DRAW));
        }
        // one marker per feed stage (several feeds may share one)
        Set<Integer> feedStages = new TreeSet<>();
        for (int i = 0; i < c.feeds().size(); i++) {
            int stage = c.feedStage(i);
            if (feedStages.add(stage)) {
                marks.add(new StageProfile.Mark(stage, "feed (aqueous, stage " + stage + ")", StageProfile.Kind.FEED));
            }
        }
        List<StageProfile.Target> targets = new ArrayList<>();
        StageProfile.addTarget(targets, c.stripTarget(), c.stripStages() > 0 ? "strip liquor" : "loaded organic", true);
        StageProfile.addTarget(targets, c.raffinateTarget(), "raffinate", false);
        for (int i = 0; i < c.sideDraws().size(); i++) {
            StageProfile.addTarget(targets, c.sideDraws().targets().get(i), c.sideDraws().names().get(i), false);
        }
        String list = feedStages.toString().replaceAll("[\\[\\]]", "");
        String layout = String.format(Locale.ROOT, "%d extraction + %d scrub + %d strip stages, aqueous feed at %s",
                n, m, c.stripStages(), (feedStages.size() == 1 ? "stage " : "stages ") + list);
        return new StageProfile(c.name() == null ? "mass-action cascade" : c.name(), layout,
                "stage (1 = raffinate end, " + stages + " = organic outlet)",
                "mole fraction among the rare earths (log scale)", c.rareEarths(), true, aq, org, List.copyOf(marks),
                List.copyOf(targets));
    }
}
