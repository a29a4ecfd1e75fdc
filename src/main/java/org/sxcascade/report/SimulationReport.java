package org.sxcascade.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.sxcascade.chart.Charts;
import org.sxcascade.chart.NamedChart;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.CascadeCaseView;
import org.sxcascade.model.CaseView;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.ModelCase;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.StageBalances;
import org.sxcascade.solver.SteadyState;

/**
 * What {@code simulate} reports about a solved cascade of any model (constant separation
 * factors, constant distribution ratios, mass action, empirical correlations): the products with
 * purities, recoveries and target verdicts, the recovery table, the stage profile and how well
 * it converged and balances, as text, JSON and CSV. What depends on the model (how the case is
 * described, the flow units, the stage quantities such as pH and loading, the chemistry balances)
 * comes from the case's {@link CaseView} as named, unit-labelled columns and lines, which this
 * class renders whatever they are; everything else is computed here, once for every model.
 */
public final class SimulationReport {
    /** Unit of the component flows of a CMER case (and of every flowsheet). */
    public static final String FLOW_UNIT_CMER = CascadeCaseView.FLOW_UNIT_CMER;

    /**
     * One product stream.
     *
     * @param name           its name: "organic" (loaded organic, A product) and "aqueous" (raffinate,
     *                       B product) of a plain cascade; raffinate, strip liquor, stripped or loaded
     *                       organic of a mass-action cascade; a side draw's name
     * @param phase          the phase it leaves in, "organic" or "aqueous"
     * @param stage          the stage it leaves
     * @param share          the fraction of that stage's outflow of the phase it takes: the draw
     *                       fraction for a side draw (and the strip liquor not refluxed), else what
     *                       the draws leave (1 without a draw at that stage)
     * @param flow           its flow of the listed components ({@link CaseView#components()}),
     *                       mol per mol fed (for mass action: mol RE per mol RE fed)
     * @param volume         its phase flow in the model's basis: the metal flow for CMER, L/h for
     *                       constant distribution ratios and mass action
     * @param composition    mole fraction of each listed component among them
     * @param acidity        free acid of an aqueous product, mol/L H⁺, where the model has it, else NaN
     * @param purityOf       the components its purity counts (the target's, else the main component)
     * @param purity         summed mole fraction of {@code purityOf}
     * @param target         required purity, or {@code null}
     * @param recovery       fraction of the {@code purityOf} components' inflow that leaves in this product
     * @param recoveryTarget required recovery, or {@code null}
     */
    public record Product(String name, String phase, int stage, double share, double flow, double volume,
                          Map<String, Double> composition, double acidity, List<String> purityOf, double purity,
                          Double target, double recovery, Double recoveryTarget) {
        /** Whether the purity and recovery targets are met ({@code null} without a target). */
        public Boolean met() {
            if (target == null && recoveryTarget == null) {
                return null;
            }
            return (target == null || purity >= target) && (recoveryTarget == null || recovery >= recoveryTarget);
        }

        /** Whether it leaves in the organic phase. */
        public boolean organic() {
            return phase.equals("organic");
        }
    }

    private final ModelCase modelCase;
    private final CaseView view;
    private final CascadeNetwork network;
    private final SteadyState state;
    private final List<Product> products;
    /** How many of the state's components the report lists (the first ones). */
    private final int listed;

    /**
     * Solves a case of any model as {@code simulate} and {@code report} do (its own stage network
     * and solver settings) and reports it.
     *
     * @param modelCase a case as {@code CaseReader.readForSimulate} reads it
     * @param solver    solves a network with the case's settings (the command's progress display)
     */
    public static SimulationReport solve(ModelCase modelCase,
                                         BiFunction<CascadeNetwork, SolverSettings, SteadyState> solver) {
        CascadeNetwork network = networkOf(modelCase);
        return new SimulationReport(modelCase, network, solver.apply(network, settingsOf(modelCase)));
    }

    /** The stage network of a case of any model, as {@link #solve} solves it. */
    public static CascadeNetwork networkOf(ModelCase modelCase) {
        return modelCase instanceof MassActionCase c ? CascadeNetwork.massAction(c)
                : CascadeNetwork.of((CascadeCase) modelCase);
    }

    /** The solver settings of a case of any model. */
    public static SolverSettings settingsOf(ModelCase modelCase) {
        return modelCase instanceof MassActionCase c ? c.solver() : ((CascadeCase) modelCase).solver();
    }

    /**
     * The report of a solved case of any model, shown through the case's {@link CaseView}.
     *
     * @param modelCase the case
     * @param network   its stage network, as solved
     * @param state     the steady state
     */
    public SimulationReport(ModelCase modelCase, CascadeNetwork network, SteadyState state) {
        this.modelCase = modelCase;
        this.view = modelCase.view(network, state);
        this.network = network;
        this.state = state;
        this.listed = view.components().size();
        List<Product> list = new ArrayList<>();
        for (MassActionCase.Outlet o : view.outlets()) {
            list.add(product(o, network.share(o.phase(), o.stage(), o.drawn())));
        }
        this.products = List.copyOf(list);
    }

    private Product product(MassActionCase.Outlet o, double share) {
        List<String> comps = view.components();
        boolean organic = o.organic();
        int stage = o.stage();
        ProductTarget target = o.target();
        Map<String, Double> composition = new LinkedHashMap<>();
        int main = 0;
        double[] x = new double[listed];
        for (int j = 0; j < listed; j++) {
            x[j] = fraction(stage, j, organic, share);
            composition.put(comps.get(j), x[j]);
            if (x[j] > x[main]) {
                main = j;
            }
        }
        List<Integer> members = target != null ? target.components() : List.of(main);
        List<String> purityOf = new ArrayList<>();
        double purity = 0;
        double fed = 0;
        double out = 0;
        for (int j : members) {
            purityOf.add(comps.get(j));
            purity += x[j];
            fed += network.totalFeed(j);
            out += share * (organic ? state.organicFlow(stage, j) : state.aqueousFlow(stage, j));
        }
        double volume = share * (organic ? network.organicFlow(stage) : network.aqueousFlow(stage));
        return new Product(o.name(), organic ? "organic" : "aqueous", stage, share, total(stage, organic, share),
                volume, composition, organic ? Double.NaN : view.aqueousAcidity(stage), List.copyOf(purityOf),
                purity, target == null ? null : target.purity(), fed > 0 ? out / fed : 0,
                target == null ? null : target.recovery());
    }

    /**
     * Mole fraction of listed component j in a phase leaving a stage, among the listed components:
     * the state's own fraction (summed in logarithms) when it lists them all, else the flow over
     * the sum of the listed flows (the rare earths of a mass-action state).
     */
    public double fraction(int stage, int j, boolean organic) {
        return fraction(stage, j, organic, 1);
    }

    /** {@link #fraction(int, int, boolean)} of the part {@code share} of the phase (the same up to rounding). */
    private double fraction(int stage, int j, boolean organic, double share) {
        if (listed == state.components()) {
            return organic ? state.organicFraction(stage, j) : state.aqueousFraction(stage, j);
        }
        double v = share * (organic ? state.organicFlow(stage, j) : state.aqueousFlow(stage, j));
        double sum = total(stage, organic, share);
        return sum > 0 ? v / sum : 0;
    }

    /** Flow of the listed components in a phase leaving a stage, mol per mol fed. */
    public double total(int stage, boolean organic) {
        return total(stage, organic, 1);
    }

    private double total(int stage, boolean organic, double share) {
        if (listed == state.components()) {
            return share * (organic ? state.organicTotal(stage) : state.aqueousTotal(stage));
        }
        double sum = 0;
        for (int i = 0; i < listed; i++) {
            sum += share * (organic ? state.organicFlow(stage, i) : state.aqueousFlow(stage, i));
        }
        return sum;
    }

    /**
     * A product carrying less than this fraction of the listed components fed carries nothing: its
     * composition is that of trace flows (e.g. the stripped organic, 1e-20 of the RE fed), so the
     * reports print no purity for it.
     */
    public static final double NOTHING = 1e-12;

    /**
     * Whether a product carries nothing of the listed components (less than {@link #NOTHING} of
     * what is fed): its purity, though computed, has no meaning and the reports show "–".
     */
    public boolean carriesNothing(Product p) {
        double fed = 0;
        for (int j = 0; j < listed; j++) {
            fed += network.totalFeed(j);
        }
        return p.flow() < NOTHING * fed;
    }

    /** The products, in the order of the model's outlets (see {@link CaseView#outlets()}). */
    public List<Product> products() {
        return products;
    }

    /** The solved steady state the report is about. */
    public SteadyState state() {
        return state;
    }

    /** The stage network that was solved (its phase flows, feeds and draws). */
    public CascadeNetwork network() {
        return network;
    }

    /** The model's part of the report: how the case shows its steady state. */
    public CaseView view() {
        return view;
    }

    /**
     * Fraction of listed component j's inflow (feeds, and any RE pre-loaded on a mass-action
     * organic) that leaves in each product, in the order of {@link #products()}.
     */
    public double[] recovery(int j) {
        double fed = network.totalFeed(j);
        double[] r = new double[products.size()];
        if (fed <= 0) {
            return r;
        }
        for (int i = 0; i < r.length; i++) {
            Product p = products.get(i);
            r[i] = p.share() * (p.organic() ? state.organicFlow(p.stage(), j) : state.aqueousFlow(p.stage(), j)) / fed;
        }
        return r;
    }

    /** True when every given purity and recovery target is met. */
    public boolean targetsMet() {
        return products.stream().allMatch(p -> p.met() == null || p.met());
    }

    /**
     * Largest relative error of the whole-cascade balance of the listed components,
     * |Σ products − inflow| / inflow, with every product of {@link #products()}, side draws included.
     */
    public double componentBalance() {
        double worst = 0;
        for (int j = 0; j < listed; j++) {
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
     * Largest relative imbalance |in − out| / out of state component j over the stages, judged in
     * logarithms ({@link StageBalances}): flows of far-off stages can be subnormal numbers, whose
     * few significant bits would show as imbalances that the state does not have.
     */
    public double stageBalance(int j) {
        return StageBalances.maxRelativeImbalance(network, state.lnAqueous(), state.lnOrganic(), j);
    }

    /** Largest {@link #stageBalance(int)} over the listed components. */
    public double listedStageBalance() {
        double worst = 0;
        for (int j = 0; j < listed; j++) {
            worst = Math.max(worst, stageBalance(j));
        }
        return worst;
    }

    /**
     * The charts of the steady state, file names starting with {@code stem}: the stage profile and
     * the panels the view has data for ({@link Charts#steadyState(String, ModelCase, SteadyState, CaseView)}).
     */
    public List<NamedChart> charts(String stem) {
        return Charts.steadyState(stem, modelCase, state, view);
    }

    // ------------------------------------------------------------------ JSON

    /** The report as one JSON document (see docs/commands.md for the fields). */
    public ObjectNode toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        List<String> comps = view.components();
        root.put("case", view.title());
        if (view.modelKey() != null) {
            root.put("model", view.modelKey());
        }
        putRun(root, state);
        if (view.texts().groupBalanceKey() != null) {
            root.put(view.texts().groupBalanceKey(), componentBalance());
        }
        for (CaseView.Balance bal : view.balances()) {
            root.put(bal.key(), bal.value());
        }
        root.setAll((ObjectNode) mapper.valueToTree(view.jsonCase()));
        ArrayNode productArray = root.putArray("products");
        List<CaseView.ProductColumn> productColumns = view.productColumns();
        for (Product p : products) {
            ObjectNode o = productArray.addObject();
            o.put("name", p.name());
            o.put("phase", p.phase());
            o.put("stage", p.stage());
            for (CaseView.ProductColumn c : productColumns) {
                double v = value(c, p);
                if (!Double.isNaN(v)) {
                    o.put(c.key(), v);
                }
            }
            putGrade(o, p);
        }
        ObjectNode rec = root.putObject("recoveries");
        for (int j = 0; j < comps.size(); j++) {
            double[] r = recovery(j);
            ObjectNode o = rec.putObject(comps.get(j));
            for (int i = 0; i < r.length; i++) {
                o.put(products.get(i).name(), r[i]);
            }
        }
        ArrayNode profile = root.putArray("profile");
        List<CaseView.StageColumn> stageColumns = view.stageColumns();
        for (int k = 1; k <= network.stages(); k++) {
            ObjectNode o = profile.addObject();
            o.put("stage", k);
            o.put("section", view.section(k));
            for (CaseView.StageColumn c : stageColumns) {
                o.put(c.key(), c.values()[k - 1]);
            }
            ObjectNode aq = o.putObject("aqueous");
            ObjectNode org = o.putObject("organic");
            for (int j = 0; j < comps.size(); j++) {
                aq.put(comps.get(j), fraction(k, j, false));
                org.put(comps.get(j), fraction(k, j, true));
            }
        }
        return root;
    }

    /** A product column's value for product p. */
    static double value(CaseView.ProductColumn c, Product p) {
        return c.value().of(p.flow(), p.volume(), p.acidity());
    }

    /** How the solve went: converged, method, iterations, residual and mass-balance closure. */
    static void putRun(ObjectNode root, SteadyState state) {
        root.put("converged", true);
        root.put("method", state.method());
        root.put("iterations", state.iterations());
        root.put("residual", state.residual());
        root.put("massBalanceError", state.massBalanceError());
    }

    /** A product's composition, purity, recovery, targets and verdict. */
    private static void putGrade(ObjectNode o, Product p) {
        ObjectNode comp = o.putObject("composition");
        p.composition().forEach(comp::put);
        ArrayNode of = o.putArray("purityOf");
        p.purityOf().forEach(of::add);
        o.put("purity", p.purity());
        o.put("recovery", p.recovery());
        if (p.target() != null) {
            o.put("target", p.target());
        }
        if (p.recoveryTarget() != null) {
            o.put("recoveryTarget", p.recoveryTarget());
        }
        if (p.met() != null) {
            o.put("met", p.met());
        }
    }

    /** Writes the JSON document, pretty-printed. */
    public void writeJson(Writer out) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, toJson());
    }

    // ------------------------------------------------------------------ CSV

    /** Writes the stage profile: one row per stage, the stage, its section and the view's CSV columns. */
    public void writeProfileCsv(Writer out) throws IOException {
        List<String> header = new ArrayList<>(List.of("stage", "section"));
        List<CaseView.CsvColumn> columns = view.csvColumns();
        columns.forEach(c -> header.add(c.heading()));
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader(header.toArray(new String[0])).get())) {
            for (int k = 1; k <= network.stages(); k++) {
                List<Object> row = new ArrayList<>();
                row.add(k);
                row.add(view.section(k));
                for (CaseView.CsvColumn c : columns) {
                    row.add(num(c.values()[k - 1]));
                }
                csv.printRecord(row);
            }
        }
    }

    /** A CSV number: 15 significant digits. */
    static String num(double x) {
        return String.format(Locale.ROOT, "%.15g", x);
    }

    // ------------------------------------------------------------------ text

    /** The terminal summary; with {@code profile} also the stage-by-stage table. */
    public String toText(boolean profile) {
        StringBuilder b = new StringBuilder();
        List<String> comps = view.components();
        CaseView.Texts texts = view.texts();
        b.append(view.title()).append('\n');
        b.append(caseLines());
        b.append(solverLine(state));
        b.append(balanceLine()).append(System.lineSeparator());
        for (CaseView.Table table : view.tables()) {
            Table it = new Table();
            table.rows().forEach(it::row);
            b.append(table.heading()).append('\n').append(it.render()).append('\n');
        }

        b.append(texts.productsHeading()).append('\n');
        Table t = new Table();
        List<String> head = new ArrayList<>(List.of("product", "leaves"));
        List<CaseView.ProductColumn> productColumns = view.productColumns().stream().filter(c -> c.text() != null)
                .toList();
        productColumns.forEach(c -> head.add(c.text()));
        head.addAll(comps);
        head.addAll(List.of("purity", "target", ""));
        t.row(head);
        for (int i = 0; i < products.size(); i++) {
            Product p = products.get(i);
            List<String> r = new ArrayList<>(List.of(view.productLabel(i), p.phase() + ", stage " + p.stage()));
            for (CaseView.ProductColumn c : productColumns) {
                double v = value(c, p);
                r.add(Double.isNaN(v) ? "-" : c.textFormat().apply(v));
            }
            for (String c : comps) {
                r.add(Formats.fraction(p.composition().get(c)));
            }
            r.addAll(gradeCells(p, carriesNothing(p)));
            t.row(r);
        }
        b.append(t.render()).append('\n');
        if (products.stream().anyMatch(this::carriesNothing)) {
            b.append("A product with no purity (-) carries less than ")
                    .append(String.format(Locale.ROOT, "%.0e", NOTHING)).append(" of the components fed: the composition of such a trace has no meaning as a purity.\n\n");
        }

        b.append(texts.recoveryHeading()).append('\n');
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            columns.add(view.recoveryColumn(i));
        }
        b.append(recoveryTable(comps, columns, this::recovery));
        if (profile) {
            b.append('\n').append(texts.profileHeading()).append('\n');
            Table pt = new Table();
            List<String> ph = new ArrayList<>(List.of("stage", "section"));
            List<CaseView.StageColumn> stageColumns = view.stageColumns().stream().filter(c -> c.text() != null)
                    .toList();
            stageColumns.forEach(c -> ph.add(c.text()));
            comps.forEach(c -> ph.add("x " + c));
            comps.forEach(c -> ph.add("y " + c));
            pt.row(ph);
            for (int k = 1; k <= network.stages(); k++) {
                List<String> r = new ArrayList<>(List.of(Integer.toString(k), view.section(k)));
                for (CaseView.StageColumn c : stageColumns) {
                    r.add(c.format().apply(c.values()[k - 1]));
                }
                for (int j = 0; j < comps.size(); j++) {
                    r.add(Formats.fraction(fraction(k, j, false)));
                }
                for (int j = 0; j < comps.size(); j++) {
                    r.add(Formats.fraction(fraction(k, j, true)));
                }
                pt.row(r);
            }
            b.append(pt.render());
        }
        return b.toString();
    }

    /**
     * The case lines of the text header (model, cascade, flows …, no solver line), each indented,
     * the key in a column of its own, ending in a newline.
     */
    public String caseLines() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> fact : view.facts()) {
            b.append(headerLine(fact.getKey(), fact.getValue()));
        }
        return b.toString();
    }

    /** The case description as key and value pairs (the lines of {@link #caseLines()}). */
    public List<Map.Entry<String, String>> caseFacts() {
        return view.facts();
    }

    /**
     * The header line of the view's stage balances (e.g. H⁺, cation, extractant) after the whole
     * cascade's balance of the listed components, ending in a newline; "" when the view has none.
     */
    private String balanceLine() {
        List<CaseView.Balance> balances = view.balances();
        if (balances.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (CaseView.Balance bal : balances) {
            parts.add(String.format(Locale.ROOT, "%s %.1e", bal.text(), bal.value()));
        }
        return String.format(Locale.ROOT, "  balances   %s %.1e (whole cascade); %s (largest relative error over the "
                + "stages)%n", view.texts().group(), componentBalance(), String.join(", ", parts));
    }

    /** One header line: two spaces, the key left-aligned in 11 columns (at least one space after it), the value. */
    static String headerLine(String key, String value) {
        return "  " + key + " ".repeat(Math.max(1, 11 - key.length())) + value + "\n";
    }

    /** The solver line of the text header: method, iterations, stage imbalance, closure; ends in a newline. */
    static String solverLine(SteadyState state) {
        return String.format(Locale.ROOT,
                "  solver     %s, %d %s; largest stage imbalance %.1e (relative); mass balance closure %.1e%n",
                state.method(), state.iterations(), state.method().equals("rows") ? "rows" : "iterations",
                state.residual(), state.massBalanceError());
    }

    /** The purity ("–" for a product that {@link #carriesNothing carries nothing}), target and verdict cells of a product's row. */
    static List<String> gradeCells(Product p, boolean nothing) {
        String spec = p.target() == null ? "" : Formats.percent(p.target());
        if (p.recoveryTarget() != null) {
            spec += (spec.isEmpty() ? "" : ", ") + "recovery " + Formats.percent(p.recoveryTarget())
                    + " (is " + Formats.percent(p.recovery()) + ")";
        }
        return List.of(nothing ? "-" : String.join("+", p.purityOf()) + " " + Formats.percent(p.purity()),
                spec.isEmpty() ? "-" : spec,
                p.met() == null ? "" : p.met() ? "met" : "MISSED");
    }

    /**
     * The recovery table: one row per component, one column per product ({@code columns} are
     * their headings), {@code recovery} giving a component's row by index.
     */
    static String recoveryTable(List<String> components, List<String> columns, IntFunction<double[]> recovery) {
        Table rt = new Table();
        List<String> head = new ArrayList<>(List.of("component"));
        head.addAll(columns);
        rt.row(head);
        for (int j = 0; j < components.size(); j++) {
            List<String> row = new ArrayList<>(List.of(components.get(j)));
            for (double x : recovery.apply(j)) {
                row.add(Formats.fraction(x));
            }
            rt.row(row);
        }
        return rt.render();
    }

    /** A plain left-aligned text table. */
    public static final class Table {
        private final List<List<String>> rows = new ArrayList<>();

        public void row(List<String> cells) {
            rows.add(cells);
        }

        public String render() {
            int cols = rows.stream().mapToInt(List::size).max().orElse(0);
            int[] width = new int[cols];
            java.util.Arrays.fill(width, 1);
            for (List<String> r : rows) {
                for (int i = 0; i < r.size(); i++) {
                    width[i] = Math.max(width[i], r.get(i).length());
                }
            }
            StringBuilder b = new StringBuilder();
            for (List<String> r : rows) {
                StringBuilder line = new StringBuilder("  ");
                for (int i = 0; i < r.size(); i++) {
                    line.append(String.format("%-" + width[i] + "s", r.get(i)));
                    if (i < r.size() - 1) {
                        line.append("  ");
                    }
                }
                b.append(line.toString().stripTrailing()).append('\n');
            }
            return b.toString();
        }
    }
}
