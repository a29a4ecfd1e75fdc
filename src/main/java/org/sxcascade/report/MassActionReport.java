package org.sxcascade.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.StageBalances;
import org.sxcascade.solver.SteadyState;

/**
 * The steady state of a mass-action cascade as tables and JSON: products in plant units (L/h,
 * mol/L) with their RE composition, purity and recovery; each stage's pH, extractant loading and
 * saponification; and the hydrogen and extractant balances of every stage.
 */
public final class MassActionReport {
    /**
     * One product stream.
     *
     * @param name        raffinate, strip liquor or stripped organic (or loaded organic without strip),
     *                    or a side draw's name
     * @param phase       aqueous or organic
     * @param stage       the stage it leaves
     * @param share       the fraction of that stage's outflow of the phase it takes (1 − reflux for
     *                    the strip liquor, the draw fraction for a side draw, else 1)
     * @param volume      its flow, L/h
     * @param rareEarth   its RE flow, mol per mol RE fed
     * @param composition RE mole fractions (among the rare earths)
     * @param acidity     free acid, mol/L H⁺ (aqueous products), else NaN
     * @param purityOf    the components its purity counts
     * @param purity      their summed RE fraction
     * @param recovery    fraction of their inflow (aqueous feeds and any RE pre-loaded on the organic) in this product
     * @param target      required purity, or {@code null}
     * @param recoveryTarget required recovery, or {@code null}
     */
    public record Product(String name, String phase, int stage, double share, double volume, double rareEarth,
                          Map<String, Double> composition, double acidity, List<String> purityOf, double purity,
                          double recovery, Double target, Double recoveryTarget) implements SimulationReport.Graded {
    }

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

    private final MassActionCase c;
    private final CascadeNetwork network;
    private final SteadyState state;
    private final MassActionEquilibrium eq;
    private final List<Product> products = new ArrayList<>();
    private final List<StageRow> stages;

    public MassActionReport(MassActionCase c, CascadeNetwork network, SteadyState state) {
        this.c = c;
        this.network = network;
        this.state = state;
        this.eq = c.equilibrium();
        for (MassActionCase.Outlet o : c.outlets()) {
            products.add(product(o, network.share(o.phase(), o.stage(), o.drawn())));
        }
        this.stages = stageRows();
    }

    private Product product(MassActionCase.Outlet o, double share) {
        String name = o.name();
        boolean organic = o.organic();
        int stage = o.stage();
        ProductTarget target = o.target();
        int r = eq.rareEarthCount();
        double[] flows = new double[r];
        double sum = 0;
        for (int j = 0; j < r; j++) {
            flows[j] = share * (organic ? state.organicFlow(stage, j) : state.aqueousFlow(stage, j));
            sum += flows[j];
        }
        Map<String, Double> composition = new LinkedHashMap<>();
        int main = 0;
        for (int j = 0; j < r; j++) {
            composition.put(c.rareEarths().get(j), sum > 0 ? flows[j] / sum : 0);
            if (flows[j] > flows[main]) {
                main = j;
            }
        }
        List<Integer> members = target != null ? target.components() : List.of(main);
        List<String> purityOf = new ArrayList<>();
        double group = 0;
        double fed = 0;
        for (int j : members) {
            purityOf.add(c.rareEarths().get(j));
            group += flows[j];
            fed += network.totalFeed(j);
        }
        double volume = share * (organic ? network.organicFlow(stage) : network.aqueousFlow(stage));
        double acidity = organic ? Double.NaN
                : eq.aqueousAcidity(network.aqueousFlow(stage), state.lnAqueous(), offset(stage));
        return new Product(name, organic ? "organic" : "aqueous", stage, share, volume, sum, composition, acidity,
                List.copyOf(purityOf), sum > 0 ? group / sum : 0, fed > 0 ? group / fed : 0,
                target == null ? null : target.purity(), target == null ? null : target.recovery());
    }

    private int offset(int stage) {
        return (stage - 1) * state.components();
    }

    public List<Product> products() {
        return products;
    }

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

    public SteadyState state() {
        return state;
    }

    /**
     * Fraction of rare earth j's inflow (feeds and pre-load) that leaves in each product, in the
     * order of {@link #products()}.
     */
    public double[] recovery(int j) {
        double fed = network.totalFeed(j);
        double[] r = new double[products.size()];
        if (fed <= 0) {
            return r;
        }
        for (int i = 0; i < r.length; i++) {
            Product p = products.get(i);
            r[i] = p.share() * (p.phase().equals("organic") ? state.organicFlow(p.stage(), j)
                    : state.aqueousFlow(p.stage(), j)) / fed;
        }
        return r;
    }

    /** Stage quantities: pH, loading (fraction of the extractant bound to RE), saponification, RE mol/L. */
    public record StageRow(int stage, String section, double pH, double loading, double saponification,
                           double aqueousRareEarth, double organicRareEarth, double freeExtractant) {
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
     * Largest relative error of the whole-cascade balance of each rare earth, |Σ products − inflow|
     * / inflow (inflow: the aqueous feeds and any pre-load), with every product of
     * {@link #products()}, side draws included.
     */
    public double rareEarthBalance() {
        double worst = 0;
        for (int j = 0; j < eq.rareEarthCount(); j++) {
            if (network.totalFeed(j) > 0) {
                double sum = 0;
                for (double x : recovery(j)) {
                    sum += x;
                }
                worst = Math.max(worst, Math.abs(sum - 1));
            }
        }
        return worst;
    }

    /**
     * Largest relative hydrogen imbalance over the stages, |in − out| / out of the H component
     * (the H⁺ balance of docs/mass-action.md, Chemistry: acid in the aqueous plus exchangeable H in the organic).
     */
    public double hydrogenBalance() {
        return componentBalance(eq.hydrogenIndex());
    }

    /**
     * Largest relative imbalance of the rare earths over the stages and the rare earths, each
     * |in − out| / out of that rare earth on that stage ({@link #rareEarthBalance()} is the
     * whole-cascade balance).
     */
    public double rareEarthStageBalance() {
        double worst = 0;
        for (int j = 0; j < eq.rareEarthCount(); j++) {
            worst = Math.max(worst, componentBalance(j));
        }
        return worst;
    }

    /** Largest relative imbalance of the saponifying cation over the stages (0 without saponification). */
    public double cationBalance() {
        return componentBalance(eq.cationIndex());
    }

    /**
     * Largest relative imbalance of component j over the stages, judged in logarithms
     * ({@link StageBalances}): flows of far-off stages can be subnormal numbers, whose few
     * significant bits would show as imbalances that the state does not have.
     */
    private double componentBalance(int j) {
        return StageBalances.maxRelativeImbalance(network, state.lnAqueous(), state.lnOrganic(), j);
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

    private String section(int stage) {
        int n = c.cascade().extractionStages();
        int m = c.cascade().scrubStages();
        return stage <= n ? "extraction" : stage <= n + m ? "scrub" : "strip";
    }

    /** Whether every target is met. */
    public boolean targetsMet() {
        return products.stream().allMatch(p -> p.met() == null || p.met());
    }

    /** The report as one JSON document. */
    public ObjectNode toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("case", c.name());
        root.put("model", "mass-action");
        SimulationReport.putRun(root, state);
        root.put("rareEarthBalance", rareEarthBalance());
        root.put("hydrogenBalance", hydrogenBalance());
        root.put("cationBalance", cationBalance());
        root.put("extractantBalance", extractantBalance());
        root.put("flowUnit", "L/h");
        root.put("rareEarthFlowUnit", "mol RE per mol RE fed");
        root.put("concentrationUnit", "mol/L");
        root.put("feedRate", c.feedRate());
        root.set("recoveries", recoveriesJson(mapper));
        ObjectNode cascade = root.putObject("cascade");
        cascade.put("extractionStages", c.cascade().extractionStages());
        cascade.put("scrubStages", c.cascade().scrubStages());
        cascade.put("stripStages", c.stripStages());
        cascade.put("totalStages", c.totalStages());
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
        ArrayNode ps = root.putArray("products");
        for (Product p : products) {
            ObjectNode o = ps.addObject();
            o.put("name", p.name());
            o.put("phase", p.phase());
            o.put("stage", p.stage());
            o.put("flow", p.volume());
            o.put("rareEarthFlow", p.rareEarth());
            o.put("rareEarthConcentration", p.rareEarth() * c.feedRate() / p.volume());
            if (!Double.isNaN(p.acidity())) {
                o.put("acidity", p.acidity());
                o.put("pH", MassActionEquilibrium.pH(p.acidity()));
            }
            SimulationReport.putGrade(o, p);
        }
        ArrayNode profile = root.putArray("profile");
        for (StageRow s : stages()) {
            ObjectNode o = profile.addObject();
            o.put("stage", s.stage());
            o.put("section", s.section());
            o.put("pH", s.pH());
            o.put("loading", s.loading());
            o.put("saponification", s.saponification());
            o.put("freeExtractant", s.freeExtractant());
            o.put("aqueousRareEarth", s.aqueousRareEarth());
            o.put("organicRareEarth", s.organicRareEarth());
            ObjectNode x = o.putObject("aqueous");
            ObjectNode y = o.putObject("organic");
            for (int j = 0; j < eq.rareEarthCount(); j++) {
                x.put(c.rareEarths().get(j), fractionAmongRareEarths(s.stage(), j, false));
                y.put(c.rareEarths().get(j), fractionAmongRareEarths(s.stage(), j, true));
            }
        }
        return root;
    }

    private double fractionAmongRareEarths(int stage, int j, boolean organic) {
        double sum = 0;
        for (int i = 0; i < eq.rareEarthCount(); i++) {
            sum += organic ? state.organicFlow(stage, i) : state.aqueousFlow(stage, i);
        }
        double v = organic ? state.organicFlow(stage, j) : state.aqueousFlow(stage, j);
        return sum > 0 ? v / sum : 0;
    }

    /** Readable tables; {@code profile} adds the stage-by-stage table. */
    public String toText(boolean profile) {
        StringBuilder b = new StringBuilder();
        var f = c.flows();
        b.append(c.name() == null ? "mass-action cascade" : c.name()).append('\n');
        StringBuilder model = new StringBuilder();
        boolean massAction = true;
        for (int j = 0; j < eq.rareEarthCount(); j++) {
            massAction &= eq.isMassActionLaw(j);
        }
        if (massAction) {
            model.append("mass action, RE³⁺ + 3(HA)₂ ⇌ RE(HA₂)₃ + 3H⁺; K_ex");
            for (int j = 0; j < eq.rareEarthCount(); j++) {
                model.append(' ').append(c.rareEarths().get(j)).append(' ')
                        .append(Formats.general(eq.exchangeConstant(j)));
            }
        } else {
            model.append("RE³⁺ + 3(HA)₂ ⇌ RE(HA₂)₃ + 3H⁺ with log₁₀ D = a·pH + b·log₁₀[(HA)₂] + c:");
            for (int j = 0; j < eq.rareEarthCount(); j++) {
                model.append(j == 0 ? " " : "; ").append(c.rareEarths().get(j)).append(String.format(Locale.ROOT,
                        " a %s b %s c %s", Formats.general(eq.acidSlope(j)), Formats.general(eq.dimerSlope(j)),
                        Formats.general(Math.log10(eq.exchangeConstant(j)))));
            }
        }
        b.append("  model      ").append(model).append('\n');
        b.append(String.format(Locale.ROOT, "  extractant %s mol/L (HA)₂, saponified %s with %s (K %s)%n",
                Formats.general(eq.extractantConcentration()), Formats.general(100 * f.saponification()) + " %", c.cation(),
                Formats.general(eq.cationExchangeConstant())));
        List<String> feedStages = new ArrayList<>();
        for (int i = 0; i < c.feeds().size(); i++) {
            feedStages.add(Integer.toString(c.feedStage(i)));
        }
        b.append(String.format(Locale.ROOT, "  cascade    %d extraction + %d scrub + %d strip = %d stages; %s %s%n",
                c.cascade().extractionStages(), c.cascade().scrubStages(), c.stripStages(), c.totalStages(),
                feedStages.size() == 1 ? "feed enters stage" : "feeds enter stages", String.join(", ", feedStages)));
        b.append(String.format(Locale.ROOT,
                "  flows      %s %s L/h at %s mol/L RE, %s mol/L H+ (%s mol RE/h); organic %s L/h%n",
                c.feeds().size() == 1 ? "feed" : c.feeds().size() + " feeds together",
                Formats.general(c.feed().volumetricFlow()), Formats.general(c.feed().concentration()),
                Formats.general(c.feedAcidity()), Formats.general(c.feedRate()), Formats.general(f.organicFlow())));
        if (c.preload() != null) {
            b.append(String.format(Locale.ROOT,
                    "  preload    %s mol/L RE on the organic (%s mol RE/h, %s mol per mol RE fed), "
                            + "replacing 3 %s per RE%n",
                    Formats.general(c.preload().concentration()), Formats.general(c.preloadRate()),
                    Formats.general(c.preloadRate() / c.feedRate()), c.cation()));
        }
        b.append(String.format(Locale.ROOT,
                "  flows      scrub acid %s L/h at %s mol/L; strip acid %s L/h at %s mol/L; reflux %s of the strip liquor%n",
                Formats.general(f.scrubFlow()), Formats.general(f.scrubAcidity()), Formats.general(f.stripFlow()),
                Formats.general(f.stripAcidity()), Formats.general(100 * f.reflux()) + " %"));
        double[] e = c.efficiency();
        if (e[0] < 1 || e[1] < 1 || e[2] < 1) {
            b.append(String.format(Locale.ROOT, "  stages     Murphree efficiency extraction %s, scrub %s, strip %s%n",
                    Formats.general(e[0]), Formats.general(e[1]), Formats.general(e[2])));
        }
        b.append(SimulationReport.sideDrawLines(c.sideDraws(), "L/h"));
        b.append(SimulationReport.solverLine(state));
        b.append(String.format(Locale.ROOT,
                "  balances   RE %.1e (whole cascade); H+ %.1e, %s %.1e, extractant %.1e (largest relative error "
                        + "over the stages)%n%n",
                rareEarthBalance(), hydrogenBalance(), c.cation(), cationBalance(), extractantBalance()));

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
        b.append(it.render()).append('\n');
        b.append("Products (flow in L/h, RE in mol RE per mol RE fed and mol/L, composition in RE mole fractions)\n");
        SimulationReport.Table t = new SimulationReport.Table();
        List<String> head = new ArrayList<>(List.of("product", "leaves", "L/h", "RE", "RE mol/L", "pH"));
        head.addAll(c.rareEarths());
        head.addAll(List.of("purity", "target", ""));
        t.row(head);
        for (Product p : products) {
            List<String> row = new ArrayList<>(List.of(p.name(), p.phase() + ", stage " + p.stage(),
                    Formats.general(p.volume()), Formats.fixed(p.rareEarth()),
                    Formats.general(p.rareEarth() * c.feedRate() / p.volume()),
                    Double.isNaN(p.acidity()) ? "-" : String.format(Locale.ROOT, "%.2f",
                            MassActionEquilibrium.pH(p.acidity()))));
            for (String name : c.rareEarths()) {
                row.add(Formats.fraction(p.composition().get(name)));
            }
            row.addAll(SimulationReport.gradeCells(p));
            t.row(row);
        }
        b.append(t.render()).append('\n');
        b.append(c.preload() == null ? "Recovery (fraction of each rare earth's feed)\n"
                : "Recovery (fraction of each rare earth's inflow: aqueous feeds and pre-load)\n");
        b.append(SimulationReport.recoveryTable(c.rareEarths(), products.stream().map(p -> "to " + p.name()).toList(),
                this::recovery));
        if (profile) {
            b.append('\n').append("Stage profile (pH of the aqueous; loading = 3Σ[RE]org / C; RE in mol/L; "
                    + "x, y RE mole fractions)\n");
            SimulationReport.Table pt = new SimulationReport.Table();
            List<String> ph = new ArrayList<>(List.of("stage", "section", "pH", "loading", "saponified",
                    "RE aq", "RE org"));
            c.rareEarths().forEach(n -> ph.add("x " + n));
            c.rareEarths().forEach(n -> ph.add("y " + n));
            pt.row(ph);
            for (StageRow s : stages()) {
                List<String> row = new ArrayList<>(List.of(Integer.toString(s.stage()), s.section(),
                        String.format(Locale.ROOT, "%.3f", s.pH()), Formats.fixed(s.loading()),
                        Formats.fixed(s.saponification()), Formats.general(s.aqueousRareEarth()),
                        Formats.general(s.organicRareEarth())));
                for (int j = 0; j < eq.rareEarthCount(); j++) {
                    row.add(Formats.fraction(fractionAmongRareEarths(s.stage(), j, false)));
                }
                for (int j = 0; j < eq.rareEarthCount(); j++) {
                    row.add(Formats.fraction(fractionAmongRareEarths(s.stage(), j, true)));
                }
                pt.row(row);
            }
            b.append(pt.render());
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ recoveries, inputs and CSV

    /** {@code {RE: {product name: fraction of that RE's feed}}}, the products in the order of {@link #products()}. */
    private ObjectNode recoveriesJson(ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        for (int j = 0; j < eq.rareEarthCount(); j++) {
            ObjectNode r = o.putObject(c.rareEarths().get(j));
            double[] to = recovery(j);
            for (int i = 0; i < products.size(); i++) {
                r.put(products.get(i).name(), to[i]);
            }
        }
        return o;
    }

    /**
     * The case lines of {@link #toText}: model, extractant, cascade, flows (and stage efficiencies),
     * each as two spaces, the key, two spaces and the value; no solver or balance lines.
     */
    public String caseLines() {
        StringBuilder b = new StringBuilder();
        List<String> lines = toText(false).lines().toList();
        for (int i = 1; i < lines.size() && !lines.get(i).startsWith("  solver"); i++) {
            // the key is the first word: two spaces after it, whatever the column width ("  extractant 0.75 …")
            String line = lines.get(i).strip();
            String[] kv = line.startsWith("side draw ") ? new String[] {"side draw", line.substring(10).strip()}
                    : line.split("\\s+", 2);
            b.append("  ").append(kv[0]).append("  ").append(kv.length > 1 ? kv[1] : "").append('\n');
        }
        return b.toString();
    }

    /**
     * Writes the stage profile as CSV, one row per stage, units in the column names: the aqueous
     * and organic flows (L/h), each rare earth's aqueous and organic concentration (mol/L), the pH,
     * the loading 3Σ[RE]org/C and the saponification [M]org/2C (fractions), the aqueous H⁺ and M
     * and the organic M and exchangeable H (mol/L), and the free extractant e (mol/L as dimer).
     * Concentration × flow × 1 / (mol RE fed per hour) gives the solver's component flows.
     */
    public void writeProfileCsv(Writer out) throws IOException {
        List<String> header = new ArrayList<>(List.of("stage", "section", "aqueous_flow_L_per_h",
                "organic_flow_L_per_h"));
        c.rareEarths().forEach(n -> header.add("aqueous_" + n + "_mol_per_L"));
        c.rareEarths().forEach(n -> header.add("organic_" + n + "_mol_per_L"));
        String m = c.cation();
        header.addAll(List.of("pH", "loading_fraction", "saponification_fraction", "aqueous_H_mol_per_L",
                "aqueous_" + m + "_mol_per_L", "organic_" + m + "_mol_per_L", "organic_H_mol_per_L",
                "free_extractant_mol_per_L"));
        double scale = eq.molarScale();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader(header.toArray(new String[0])).get())) {
            for (StageRow s : stages) {
                int k = s.stage();
                double aq = network.aqueousFlow(k);
                double org = network.organicFlow(k);
                List<Object> row = new ArrayList<>(List.of(k, s.section(), num(aq), num(org)));
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
                csv.printRecord(row);
            }
        }
    }

    private static String num(double x) {
        return String.format(Locale.ROOT, "%.15g", x);
    }
}
