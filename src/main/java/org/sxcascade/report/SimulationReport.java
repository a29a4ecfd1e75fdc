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
import java.util.function.IntFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.sxcascade.equilibrium.ConstantDistributionRatios;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.SideDraw;
import org.sxcascade.model.SideDraws;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.EngineeringFlows;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.model.VolumetricFlows;
import org.sxcascade.model.XuFlows;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;

/**
 * What {@code simulate} reports about a solved cascade: the products with purities and target
 * verdicts, recoveries, the stage profile and how well it converged and balances.
 */
public final class SimulationReport {
    /** Unit of every component flow in the report. */
    public static final String FLOW_UNIT_CMER = "mol RE per mol RE fed";
    public static final String FLOW_UNIT_LINEAR = "mol per mol solute fed";

    /**
     * A product graded against its targets, as both this report and {@link MassActionReport} show
     * it: composition, the purity of the components it counts, their recovery and the verdict.
     */
    public interface Graded {
        /** Mole fraction of each component (among the rare earths for mass-action products). */
        Map<String, Double> composition();

        /** The components its purity counts (the target's, else the main component). */
        List<String> purityOf();

        /** Summed fraction of {@link #purityOf()}. */
        double purity();

        /** Fraction of the {@link #purityOf()} components' feed that leaves in this product. */
        double recovery();

        /** Required purity, or {@code null}. */
        Double target();

        /** Required recovery, or {@code null}. */
        Double recoveryTarget();

        /** Whether the purity and recovery targets are met ({@code null} without a target). */
        default Boolean met() {
            if (target() == null && recoveryTarget() == null) {
                return null;
            }
            return (target() == null || purity() >= target())
                    && (recoveryTarget() == null || recovery() >= recoveryTarget());
        }
    }

    /**
     * One outlet stream.
     *
     * @param name          "organic" (loaded organic, A product) or "aqueous" (raffinate, B product)
     * @param phase         the phase it leaves in
     * @param stage         the stage it leaves
     * @param share         the fraction of that stage's outflow of the phase it takes: 1 for the
     *                      loaded organic and the raffinate, the draw fraction for a side draw
     * @param flow          its total flow, in {@link #flowUnit()}
     * @param composition   mole fraction of each component
     * @param purityOf      the components its purity counts (the target's, else the main component)
     * @param purity        summed mole fraction of {@code purityOf}
     * @param target        required purity, or {@code null}
     * @param recovery       fraction of the {@code purityOf} components' feed that leaves in this product
     * @param recoveryTarget required recovery, or {@code null}
     */
    public record Product(String name, String phase, int stage, double share, double flow,
                          Map<String, Double> composition,
                          List<String> purityOf, double purity, Double target, double recovery,
                          Double recoveryTarget) implements Graded {
    }

    private final CascadeCase cascadeCase;
    private final CascadeNetwork network;
    private final SteadyState state;
    private final List<Product> products;
    private final String flowUnit;

    public SimulationReport(CascadeCase cascadeCase, CascadeNetwork network, SteadyState state) {
        this.cascadeCase = cascadeCase;
        this.network = network;
        this.state = state;
        this.flowUnit = cascadeCase.equilibrium() instanceof ConstantSeparationFactors ? FLOW_UNIT_CMER : FLOW_UNIT_LINEAR;
        int n = network.stages();
        List<Product> list = new ArrayList<>();
        list.add(product("organic", n, cascadeCase.organicTarget(), true, 1));
        list.add(product("aqueous", 1, cascadeCase.aqueousTarget(), false, 1));
        var options = cascadeCase.stageOptions();
        for (int i = 0; i < options.sideDraws().size(); i++) {
            SideDraw d = options.sideDraws().get(i);
            boolean organic = d.phase() == FeedPhase.ORGANIC;
            double share = organic ? network.organicDraw(d.stage()) : network.aqueousDraw(d.stage());
            list.add(product(options.drawNames().get(i), d.stage(), options.drawTargets().get(i), organic, share));
        }
        this.products = List.copyOf(list);
    }

    /** @param share the fraction of the phase leaving {@code stage} that this product takes */
    private Product product(String name, int stage, ProductTarget target, boolean organic, double share) {
        List<String> comps = cascadeCase.components();
        Map<String, Double> composition = new LinkedHashMap<>();
        int main = 0;
        double[] x = new double[comps.size()];
        for (int j = 0; j < comps.size(); j++) {
            x[j] = organic ? state.organicFraction(stage, j) : state.aqueousFraction(stage, j);
            composition.put(comps.get(j), x[j]);
            if (x[j] > x[main]) {
                main = j;
            }
        }
        List<String> purityOf = new ArrayList<>();
        double purity = 0;
        if (target != null) {
            for (int j : target.components()) {
                purityOf.add(comps.get(j));
                purity += x[j];
            }
        } else {
            purityOf.add(comps.get(main));
            purity = x[main];
        }
        double flow = share * (organic ? state.organicTotal(stage) : state.aqueousTotal(stage));
        double fedGroup = 0;
        double outGroup = 0;
        for (String c : purityOf) {
            int j = comps.indexOf(c);
            fedGroup += network.totalFeed(j);
            outGroup += share * (organic ? state.organicFlow(stage, j) : state.aqueousFlow(stage, j));
        }
        return new Product(name, organic ? "organic" : "aqueous", stage, share, flow, composition, List.copyOf(purityOf), purity,
                target == null ? null : target.purity(), fedGroup > 0 ? outGroup / fedGroup : 0,
                target == null ? null : target.recovery());
    }

    public List<Product> products() {
        return products;
    }

    public SteadyState state() {
        return state;
    }

    /**
     * Fraction of component j's feed that leaves in each product, in the order of {@link #products()}:
     * the organic product (index 0), the raffinate (1), then each side draw.
     */
    public double[] recovery(int j) {
        double fed = network.totalFeed(j);
        double[] r = new double[products.size()];
        if (fed <= 0) {
            return r;
        }
        for (int i = 0; i < r.length; i++) {
            Product p = products.get(i);
            boolean organic = p.phase().equals("organic");
            r[i] = p.share() * (organic ? state.organicFlow(p.stage(), j) : state.aqueousFlow(p.stage(), j)) / fed;
        }
        return r;
    }

    /** True when every given purity target is met. */
    public boolean targetsMet() {
        return products.stream().allMatch(p -> p.met() == null || p.met());
    }

    private String section(int stage) {
        return stage <= cascadeCase.cascade().extractionStages() ? "extraction" : "scrub";
    }

    // ------------------------------------------------------------------ JSON

    /** The report as one JSON document (see docs/commands.md for the fields). */
    public ObjectNode toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        List<String> comps = cascadeCase.components();
        root.put("case", cascadeCase.name());
        putRun(root, state);
        root.put("flowUnit", flowUnit);
        ObjectNode cascade = root.putObject("cascade");
        cascade.put("extractionStages", cascadeCase.cascade().extractionStages());
        cascade.put("scrubStages", cascadeCase.cascade().scrubStages());
        cascade.put("totalStages", cascadeCase.cascade().totalStages());
        cascade.put("feedPhase", cascadeCase.feed().phase().label());
        cascade.put("feedStage", cascadeCase.cascade().feedStage(cascadeCase.feed().phase()));
        root.set("flows", flowsJson(mapper));
        var options = cascadeCase.stageOptions();
        ObjectNode eff = cascade.putObject("efficiency");
        eff.put("extraction", options.extractionEfficiency());
        eff.put("scrub", options.scrubEfficiency());
        putSideDraws(cascade, options.draws(), flowUnitOfPhase());
        ArrayNode productArray = root.putArray("products");
        Double feedRate = cascadeCase.feed().molarFlow();
        for (Product p : products) {
            ObjectNode o = productArray.addObject();
            o.put("name", p.name());
            o.put("phase", p.phase());
            o.put("stage", p.stage());
            o.put("flow", p.flow());
            if (feedRate != null) {
                o.put("flowMolPerHour", p.flow() * feedRate);
            }
            putGrade(o, p);
        }
        ObjectNode rec = root.putObject("recoveries");
        for (int j = 0; j < comps.size(); j++) {
            double[] r = recovery(j);
            ObjectNode o = rec.putObject(comps.get(j));
            o.put("organic", r[0]);
            o.put("aqueous", r[1]);
            for (int i = 2; i < r.length; i++) {
                o.put(products.get(i).name(), r[i]);
            }
        }
        ArrayNode profile = root.putArray("profile");
        for (int k = 1; k <= network.stages(); k++) {
            ObjectNode o = profile.addObject();
            o.put("stage", k);
            o.put("section", section(k));
            o.put("aqueousFlow", state.aqueousTotal(k));
            o.put("organicFlow", state.organicTotal(k));
            ObjectNode aq = o.putObject("aqueous");
            ObjectNode org = o.putObject("organic");
            for (int j = 0; j < comps.size(); j++) {
                aq.put(comps.get(j), state.aqueousFraction(k, j));
                org.put(comps.get(j), state.organicFraction(k, j));
            }
        }
        return root;
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
    static void putGrade(ObjectNode o, Graded p) {
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

    private ObjectNode flowsJson(ObjectMapper mapper) {
        ObjectNode f = mapper.createObjectNode();
        if (cascadeCase.flows() instanceof XuFlows xu) {
            f.put("extractant", xu.extractant());
            f.put("scrub", xu.scrub());
            f.put("unit", FLOW_UNIT_CMER);
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

    /** Writes the JSON document, pretty-printed. */
    public void writeJson(Writer out) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, toJson());
    }

    // ------------------------------------------------------------------ CSV

    /** Writes the stage profile: one row per stage, aqueous x_j and organic y_j per component. */
    public void writeProfileCsv(Writer out) throws IOException {
        List<String> comps = cascadeCase.components();
        List<String> header = new ArrayList<>(List.of("stage", "section", "aqueous_flow", "organic_flow"));
        for (String c : comps) {
            header.add("x_" + c);
        }
        for (String c : comps) {
            header.add("y_" + c);
        }
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader(header.toArray(new String[0])).get())) {
            for (int k = 1; k <= network.stages(); k++) {
                List<Object> row = new ArrayList<>();
                row.add(k);
                row.add(section(k));
                row.add(num(state.aqueousTotal(k)));
                row.add(num(state.organicTotal(k)));
                for (int j = 0; j < comps.size(); j++) {
                    row.add(num(state.aqueousFraction(k, j)));
                }
                for (int j = 0; j < comps.size(); j++) {
                    row.add(num(state.organicFraction(k, j)));
                }
                csv.printRecord(row);
            }
        }
    }

    private static String num(double x) {
        return String.format(Locale.ROOT, "%.15g", x);
    }

    // ------------------------------------------------------------------ text

    /** The terminal summary; with {@code profile} also the stage-by-stage table. */
    public String toText(boolean profile) {
        StringBuilder b = new StringBuilder();
        List<String> comps = cascadeCase.components();
        b.append(cascadeCase.name()).append('\n');
        b.append(caseLines());
        b.append(solverLine(state)).append(System.lineSeparator());

        b.append("Products (flow in ").append(flowUnit).append(", composition in mole fractions)\n");
        Table t = new Table();
        Double feedRate = cascadeCase.feed().molarFlow();
        List<String> head = new ArrayList<>(List.of("product", "leaves", "flow"));
        if (feedRate != null) {
            head.add("mol/h");
        }
        comps.forEach(head::add);
        head.addAll(List.of("purity", "target", ""));
        t.row(head);
        for (int i = 0; i < products.size(); i++) {
            Product p = products.get(i);
            List<String> r = new ArrayList<>();
            r.add(i == 0 ? "loaded organic (A)" : i == 1 ? "raffinate (B)" : p.name() + " (side draw)");
            r.add(p.phase() + ", stage " + p.stage());
            r.add(Formats.fixed(p.flow()));
            if (feedRate != null) {
                r.add(Formats.general(p.flow() * feedRate));
            }
            for (String c : comps) {
                r.add(Formats.fraction(p.composition().get(c)));
            }
            r.addAll(gradeCells(p));
            t.row(r);
        }
        b.append(t.render()).append('\n');

        b.append("Recovery (fraction of each component's feed)\n");
        List<String> columns = new ArrayList<>(List.of("to organic", "to raffinate"));
        for (int i = 2; i < products.size(); i++) {
            columns.add("to " + products.get(i).name());
        }
        b.append(recoveryTable(comps, columns, this::recovery));
        if (profile) {
            b.append('\n').append("Stage profile (aqueous x and organic y, mole fractions)\n");
            Table pt = new Table();
            List<String> ph = new ArrayList<>(List.of("stage", "section"));
            comps.forEach(c -> ph.add("x " + c));
            comps.forEach(c -> ph.add("y " + c));
            pt.row(ph);
            for (int k = 1; k <= network.stages(); k++) {
                List<String> r = new ArrayList<>(List.of(Integer.toString(k), section(k)));
                for (int j = 0; j < comps.size(); j++) {
                    r.add(Formats.fraction(state.aqueousFraction(k, j)));
                }
                for (int j = 0; j < comps.size(); j++) {
                    r.add(Formats.fraction(state.organicFraction(k, j)));
                }
                pt.row(r);
            }
            b.append(pt.render());
        }
        return b.toString();
    }

    /** The solver line of the text header: method, iterations, stage imbalance, closure; ends in a newline. */
    static String solverLine(SteadyState state) {
        return String.format(Locale.ROOT,
                "  solver     %s, %d %s; largest stage imbalance %.1e (relative); mass balance closure %.1e%n",
                state.method(), state.iterations(), state.method().equals("rows") ? "rows" : "iterations",
                state.residual(), state.massBalanceError());
    }

    /** The purity, target and verdict cells of a product's row. */
    static List<String> gradeCells(Graded p) {
        String spec = p.target() == null ? "" : Formats.percent(p.target());
        if (p.recoveryTarget() != null) {
            spec += (spec.isEmpty() ? "" : ", ") + "recovery " + Formats.percent(p.recoveryTarget())
                    + " (is " + Formats.percent(p.recovery()) + ")";
        }
        return List.of(String.join("+", p.purityOf()) + " " + Formats.percent(p.purity()), spec.isEmpty() ? "-" : spec,
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

    /** The model, stage layout and flow lines of the report's header (each indented, ending in a newline). */
    public String caseLines() {
        StringBuilder b = new StringBuilder();
        var cas = cascadeCase.cascade();
        b.append("  model      ").append(modelLine()).append('\n');
        b.append(String.format(Locale.ROOT, "  cascade    %d extraction + %d scrub = %d stages; %s feed enters stage %d%n",
                cas.extractionStages(), cas.scrubStages(), cas.totalStages(), cascadeCase.feed().phase().label(),
                cas.feedStage(cascadeCase.feed().phase())));
        for (String line : flowLines()) {
            b.append("  flows      ").append(line).append('\n');
        }
        var options = cascadeCase.stageOptions();
        if (options.extractionEfficiency() < 1 || options.scrubEfficiency() < 1) {
            b.append("  stages     Murphree efficiency (organic phase): extraction ")
                    .append(Formats.general(options.extractionEfficiency())).append(", scrub ")
                    .append(Formats.general(options.scrubEfficiency())).append('\n');
        }
        b.append(sideDrawLines(options.draws(), flowUnitOfPhase()));
        return b.toString();
    }

    /** The {@code cascade.sideDraws} array of a JSON report: name, stage, phase, flow and its unit per draw. */
    static void putSideDraws(ObjectNode cascade, SideDraws draws, String flowUnit) {
        ArrayNode drawArray = cascade.putArray("sideDraws");
        for (int i = 0; i < draws.size(); i++) {
            SideDraw d = draws.draws().get(i);
            ObjectNode o = drawArray.addObject();
            o.put("name", draws.names().get(i));
            o.put("stage", d.stage());
            o.put("phase", d.phase().label());
            o.put("flow", d.flow());
            o.put("flowUnit", flowUnit);
        }
    }

    /** One {@code "  side draw  name: phase from stage k, flow unit"} header line per draw. */
    static String sideDrawLines(SideDraws draws, String flowUnit) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < draws.size(); i++) {
            SideDraw d = draws.draws().get(i);
            b.append("  side draw  ").append(draws.names().get(i)).append(": ").append(d.phase().label())
                    .append(" from stage ").append(d.stage()).append(", ").append(Formats.general(d.flow()))
                    .append(' ').append(flowUnit).append('\n');
        }
        return b.toString();
    }

    /** Unit of a phase flow as the case gives it (side draws): the CMER metal basis or L/h. */
    private String flowUnitOfPhase() {
        return cascadeCase.equilibrium() instanceof ConstantSeparationFactors ? FLOW_UNIT_CMER : "L/h";
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
                boolean aq = cascadeCase.feed().phase() == org.sxcascade.model.FeedPhase.AQUEOUS;
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
