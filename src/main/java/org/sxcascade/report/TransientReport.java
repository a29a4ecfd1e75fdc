package org.sxcascade.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.sxcascade.dynamics.HoldUp;
import org.sxcascade.dynamics.Projection;
import org.sxcascade.dynamics.TargetTime;
import org.sxcascade.dynamics.Times;
import org.sxcascade.dynamics.TransientEvent;
import org.sxcascade.dynamics.TransientModel;
import org.sxcascade.dynamics.TransientResult;
import org.sxcascade.dynamics.TransientResult.Product;
import org.sxcascade.dynamics.TransientSample;
import org.sxcascade.dynamics.TransientSettings;

/**
 * What {@code transient} reports, for every model: the run's set-up, the time series of every
 * product's purity and RE flow (with the pH of aqueous products and the extractant loading of
 * organic products where the model has them), the section inventories, the times to the purity
 * targets and to steady state, the end state against the steady state of {@code simulate}, and the
 * conservation of every component of the state.
 */
public final class TransientReport {
    private static final String[] SECTIONS = {"extraction", "scrub", "strip"};

    private final TransientResult result;
    private final TransientModel model;
    private final TransientSettings settings;
    private final SimulationReport first;
    private final SimulationReport steady;
    private final List<String> components;
    private final int graded;
    private final int[] sections;

    public TransientReport(TransientResult result) {
        this.result = result;
        this.model = result.model();
        this.settings = result.settings();
        int last = model.configurations() - 1;
        this.first = model.caseOf(0, c -> new SimulationReport(c, model.ownNetwork(0), result.steadyState()),
                c -> new SimulationReport(c, model.ownNetwork(0), result.steadyState()));
        this.steady = model.caseOf(last, c -> new SimulationReport(c, result.finalNetwork(), result.steadyState()),
                c -> new SimulationReport(c, result.finalNetwork(), result.steadyState()));
        this.components = model.components();
        this.graded = model.graded().size();
        this.sections = model.sections();
    }

    private String group(Product p) {
        return String.join("+", p.purityOf().stream().map(j -> model.graded().get(j)).toList());
    }

    private double reFlow(TransientSample s, int i) {
        double sum = 0;
        for (int j = 0; j < graded; j++) {
            sum += s.productFlow(i, j);
        }
        return sum;
    }

    /** Whether product i has a pH (aqueous) or loading (organic) in this run's model. */
    private boolean hasChemistry(int i) {
        TransientSample s = result.samples().get(0);
        return !Double.isNaN(result.products().get(i).organic() ? s.loading()[i] : s.acidity()[i]);
    }

    /** A purity as a percentage, or {@code -} while there is none. */
    static String purity(double p) {
        return Double.isNaN(p) ? "-" : Formats.percent(p);
    }

    /** The span of some values, {@code lo–hi unit}, or one value when they are all equal. */
    static String range(double[] values, String unit) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double h : values) {
            lo = Math.min(lo, h);
            hi = Math.max(hi, h);
        }
        return hi - lo <= 1e-12 * hi ? Formats.general(lo) + unit
                : Formats.general(lo) + "–" + Formats.general(hi) + unit;
    }

    private String holdUpLine() {
        double[][] tau = model.residenceTimes(settings.holdUp());
        double[][] litres = model.holdUpLitres(settings.holdUp());
        String times = String.format(Locale.ROOT, "residence times at t = 0 aqueous %s, organic %s",
                range(tau[0], " h"), range(tau[1], " h"));
        if (settings.holdUp() instanceof HoldUp.Volumes v) {
            return String.format(Locale.ROOT, "%s L aqueous + %s L organic per stage (mixer + settler); %s",
                    Formats.general(v.aqueousLitres()), Formats.general(v.organicLitres()), times);
        }
        if (litres == null) {
            return "given per stage: " + times;
        }
        return String.format(Locale.ROOT, "aqueous %s L, organic %s L per stage (the phase flows at t = 0 times "
                + "the given residence times; kept through events); %s", range(litres[0], " L"),
                range(litres[1], " L"), times);
    }

    private static String pH(double acidity) {
        return Double.isNaN(acidity) || !(acidity > 0) ? "-" : String.format(Locale.ROOT, "%.2f", -Math.log10(acidity));
    }

    private static String days(double hours) {
        return String.format(Locale.ROOT, "%.2f", hours / Times.HOURS_PER_DAY);
    }

    // ------------------------------------------------------------------ text

    /** The terminal report. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(model.name()).append('\n');
        b.append(first.caseLines());
        b.append("  hold-up    ").append(holdUpLine()).append('\n');
        b.append("  start      ").append(settings.initial() == TransientSettings.Initial.STEADY_STATE
                ? "the steady state of the case (before any event)" : model.blankStart()).append('\n');
        appendRunLines(b);
        b.append('\n');
        List<Product> products = result.products();
        boolean chemistry = false;
        for (int i = 0; i < products.size(); i++) {
            chemistry |= hasChemistry(i);
        }
        b.append("Time series (RE flows in ").append(result.flowUnit())
                .append(chemistry ? "; pH of aqueous products; loading = 3Σ[RE]org / C of organic products" : "")
                .append("; RE held in ").append(result.amountUnit()).append(")\n");
        SimulationReport.Table t = new SimulationReport.Table();
        List<String> head = new ArrayList<>(List.of("time (d)", "time (h)"));
        for (int i = 0; i < products.size(); i++) {
            Product p = products.get(i);
            if (model.graded(p.outlet())) {
                head.add(p.label() + " " + group(p));
                head.add("RE");
            }
            if (hasChemistry(i)) {
                head.add(p.organic() ? "loading" : "pH");
            }
        }
        head.addAll(List.of("RE held", "dist. to steady"));
        t.row(head);
        for (TransientSample s : result.samples()) {
            List<String> row = new ArrayList<>(List.of(days(s.hours()), String.format(Locale.ROOT, "%.1f", s.hours())));
            for (int i = 0; i < products.size(); i++) {
                Product p = products.get(i);
                if (model.graded(p.outlet())) {
                    row.add(purity(s.purity()[i]));
                    row.add(Formats.general(reFlow(s, i)));
                }
                if (hasChemistry(i)) {
                    row.add(p.organic() ? Formats.general(s.loading()[i]) : pH(s.acidity()[i]));
                }
            }
            double held = 0;
            for (double[] section : s.sectionInventories()) {
                for (int j = 0; j < graded; j++) {
                    held += section[j];
                }
            }
            row.add(Formats.general(held));
            row.add(String.format(Locale.ROOT, "%.2e", s.distanceToSteadyState()));
            t.row(row);
        }
        b.append(t.render()).append('\n');

        appendStartUp(b);
        TransientSample end = result.end();
        StringBuilder endLine = new StringBuilder("  end of run:");
        StringBuilder steadyLine = new StringBuilder("; steady state:");
        for (int i = 0; i < products.size(); i++) {
            Product p = products.get(i);
            if (model.graded(p.outlet())) {
                endLine.append(String.format(Locale.ROOT, " %s %s %s,", p.label(), group(p), purity(end.purity()[i])));
                steadyLine.append(' ').append(purity(steadyPurity(p))).append(',');
            }
        }
        b.append(endLine, 0, endLine.length() - 1).append(steadyLine, 0, steadyLine.length() - 1).append('\n');
        b.append(String.format(Locale.ROOT, "  conservation: accumulated = fed − withdrawn to %.1e (largest relative "
                + "error over the steps and over every component: %s)%n", result.maxConservationError(),
                String.join(", ", components)));
        for (String note : result.notes()) {
            b.append("  note: ").append(note).append('\n');
        }
        b.append('\n').append(settings.events().isEmpty() ? "Steady state (simulate)" : "New steady state after the "
                + "events (simulate)").append('\n');
        String text = steady.toText(false);
        int solverLine = text.indexOf("  solver");
        b.append(text.substring(solverLine < 0 ? text.indexOf("Products (") : solverLine));
        return b.toString();
    }

    /** A product's purity at the final steady state, as {@code simulate} reports it. */
    private double steadyPurity(Product p) {
        return steady.products().stream().filter(x -> x.name().equals(p.name())).findFirst().orElseThrow().purity();
    }

    /** The {@code simulated}, {@code method} and {@code event} lines of the text header. */
    private void appendRunLines(StringBuilder b) {
        b.append("  simulated  ").append(Times.format(settings.simulatedHours())).append(", sampled every ")
                .append(Times.format(settings.samplingHours())).append('\n');
        b.append("  method     ");
        if (result.method().equals("rows")) {
            b.append(String.format(Locale.ROOT, "Xu's row simulation, one row = %s h (the %s mean stage "
                    + "residence time); %d rows", Formats.general(result.rowHours()), model.rowWeighting(),
                    result.steps()));
        } else {
            b.append(String.format(Locale.ROOT, "continuous (%s, relative tolerance %.0e): %d steps "
                    + "(%d rejected), %d evaluations", result.integrator(), settings.tolerance(), result.steps(),
                    result.rejectedSteps(), result.evaluations()));
        }
        b.append('\n');
        for (TransientEvent e : settings.events()) {
            b.append("  event      ").append(e.describe()).append('\n');
        }
    }

    /** A flow tolerance as a percentage, e.g. {@code 5 %} or {@code 0.5 %}. */
    public static String flowTolerance(double fraction) {
        return new java.math.BigDecimal(100 * fraction).round(new java.math.MathContext(4)).stripTrailingZeros()
                .toPlainString() + " %";
    }

    /** The start-up lines: the time to each purity target and to steady state. */
    private void appendStartUp(StringBuilder b) {
        b.append("Start-up\n");
        if (settings.productFlowTolerance() != TransientSettings.DEFAULT_PRODUCT_FLOW_TOLERANCE
                && !result.targets().isEmpty()) {
            b.append("  on target: purity at the target and RE flow within ")
                    .append(flowTolerance(settings.productFlowTolerance())).append(" of the steady flow\n");
        }
        for (TargetTime tt : result.targets()) {
            b.append(String.format(Locale.ROOT, "  %s %s in the %s: ", String.join("+", tt.purityOf()),
                    Formats.percent(tt.target()), TransientResult.label(tt.product())));
            if (tt.reached()) {
                b.append("reached after ").append(Times.format(tt.hours())).append(" and held to the end\n");
            } else {
                b.append("not yet on target (").append(purity(tt.finalPurity())).append(" at the end); ")
                        .append(projected(result.projection(tt))).append('\n');
            }
        }
        if (result.targets().isEmpty()) {
            b.append("  (no purity targets in the case)\n");
        }
        b.append(String.format(Locale.ROOT, "  steady state (every stage within %.0e of simulate): ",
                settings.steadyStateTolerance()));
        if (result.hoursToSteadyState() != null) {
            b.append("reached after ").append(Times.format(result.hoursToSteadyState())).append('\n');
        } else {
            b.append(String.format(Locale.ROOT, "not yet reached (distance %.2e at the end); %s%n",
                    result.finalDistance(), projected(result.projectionToSteadyState())));
        }
    }

    /** A projection in words: the projected time and its basis, or why there is none. */
    private static String projected(Projection p) {
        return p.estimated() ? "projected after about " + Times.format(p.hours()) + " (" + p.reason() + ")"
                : p.reason();
    }

    /** A projection as JSON fields: {@code projectedHours}, {@code projectedDays} (null without an estimate), {@code projection}. */
    private static void putProjection(ObjectNode o, Projection p) {
        if (p.estimated()) {
            o.put("projectedHours", p.hours());
            o.put("projectedDays", p.hours() / Times.HOURS_PER_DAY);
        } else {
            o.putNull("projectedHours");
            o.putNull("projectedDays");
        }
        o.put("projection", p.reason());
    }

    // ------------------------------------------------------------------ JSON

    /** The report as one JSON document (fields in docs/commands.md). */
    public ObjectNode toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("case", model.name());
        root.put("model", model.modelName());
        root.put("method", result.method());
        root.put("integrator", result.integrator());
        ObjectNode units = root.putObject("units");
        units.put("time", "h");
        units.put("amount", result.amountUnit());
        units.put("flow", result.flowUnit());
        double[][] litres = model.holdUpLitres(settings.holdUp());
        if (litres != null) {
            units.put("volume", "L");
        }
        boolean chemistry = false;
        for (int i = 0; i < result.products().size(); i++) {
            chemistry |= hasChemistry(i);
        }
        if (chemistry) {
            units.put("acidity", "mol/L H+");
        }
        ObjectNode hold = root.putObject("holdUp");
        double[][] tau = model.residenceTimes(settings.holdUp());
        if (litres != null) {
            ArrayNode aqL = hold.putArray("aqueousLitres");
            ArrayNode orgL = hold.putArray("organicLitres");
            for (int k = 0; k < litres[0].length; k++) {
                aqL.add(litres[0][k]);
                orgL.add(litres[1][k]);
            }
        }
        ArrayNode aqTau = hold.putArray("aqueousResidenceHours");
        ArrayNode orgTau = hold.putArray("organicResidenceHours");
        for (int k = 0; k < tau[0].length; k++) {
            aqTau.add(tau[0][k]);
            orgTau.add(tau[1][k]);
        }
        putRun(root);
        root.set("steadyState", steady.toJson());
        ArrayNode series = root.putArray("series");
        List<Product> products = result.products();
        for (TransientSample s : result.samples()) {
            ObjectNode o = series.addObject();
            o.put("hours", s.hours());
            o.put("days", s.days());
            ArrayNode ps = o.putArray("products");
            for (int i = 0; i < products.size(); i++) {
                Product p = products.get(i);
                ObjectNode po = ps.addObject();
                po.put("name", p.name());
                po.put("phase", p.organic() ? "organic" : "aqueous");
                po.put("stage", p.stage());
                po.put("rareEarthFlow", reFlow(s, i));
                ObjectNode f = po.putObject("componentFlows");
                for (int j = 0; j < components.size(); j++) {
                    f.put(components.get(j), s.productFlow(i, j));
                }
                ArrayNode of = po.putArray("purityOf");
                p.purityOf().forEach(j -> of.add(model.graded().get(j)));
                putNumber(po, "purity", s.purity()[i]);
                if (hasChemistry(i)) {
                    if (p.organic()) {
                        putNumber(po, "loading", s.loading()[i]);
                    } else {
                        putNumber(po, "acidity", s.acidity()[i]);
                        putNumber(po, "pH", s.acidity()[i] > 0 ? s.pH(i) : Double.NaN);
                    }
                }
            }
            ObjectNode inv = o.putObject("inventory");
            double[][] held = s.sectionInventories();
            for (int x = 0; x < SECTIONS.length; x++) {
                if (sections[x] > 0) {
                    ObjectNode sec = inv.putObject(SECTIONS[x]);
                    for (int j = 0; j < components.size(); j++) {
                        sec.put(components.get(j), held[x][j]);
                    }
                }
            }
            o.put("distanceToSteadyState", s.distanceToSteadyState());
            o.put("conservationError", s.conservationError());
        }
        return root;
    }

    /**
     * The run's JSON fields from {@code initial} to {@code notes}: settings, events, times to target
     * and to steady state, the end distance, conservation, steps and notes.
     */
    private void putRun(ObjectNode root) {
        root.put("initial", settings.initial().label());
        root.put("simulatedHours", settings.simulatedHours());
        root.put("samplingHours", settings.samplingHours());
        root.put("tolerance", settings.tolerance());
        root.put("steadyStateTolerance", settings.steadyStateTolerance());
        root.put("productFlowTolerance", settings.productFlowTolerance());
        if (result.method().equals("rows")) {
            root.put("rowHours", result.rowHours());
        }
        ArrayNode events = root.putArray("events");
        for (TransientEvent e : settings.events()) {
            ObjectNode o = events.addObject();
            o.put("atHours", e.hours());
            o.put("change", e.describe());
        }
        ObjectNode ttt = root.putObject("timeToTarget");
        for (TargetTime tt : result.targets()) {
            ObjectNode o = ttt.putObject(tt.product());
            ArrayNode of = o.putArray("purityOf");
            tt.purityOf().forEach(of::add);
            o.put("target", tt.target());
            o.put("reached", tt.reached());
            if (tt.reached()) {
                o.put("hours", tt.hours());
                o.put("days", tt.hours() / Times.HOURS_PER_DAY);
            } else {
                o.putNull("hours");
                o.putNull("days");
                putProjection(o, result.projection(tt));
            }
            o.put("status", tt.reached() ? "on target" : "not yet on target");
            o.put("finalPurity", tt.finalPurity());
        }
        if (result.hoursToSteadyState() != null) {
            ObjectNode o = root.putObject("timeToSteadyState");
            o.put("hours", result.hoursToSteadyState());
            o.put("days", result.hoursToSteadyState() / Times.HOURS_PER_DAY);
        } else {
            root.putNull("timeToSteadyState");
            putProjection(root.putObject("projectedSteadyState"), result.projectionToSteadyState());
        }
        root.put("finalDistanceToSteadyState", result.finalDistance());
        root.put("maxConservationError", result.maxConservationError());
        root.put("steps", result.steps());
        root.put("rejectedSteps", result.rejectedSteps());
        root.put("evaluations", result.evaluations());
        ArrayNode notes = root.putArray("notes");
        result.notes().forEach(notes::add);
    }

    private static void putNumber(ObjectNode o, String name, double value) {
        if (Double.isNaN(value)) {
            o.putNull(name);
        } else {
            o.put(name, value);
        }
    }

    /** Writes the JSON document, pretty-printed. */
    public void writeJson(Writer out) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, toJson());
    }

    // ------------------------------------------------------------------ CSV

    /**
     * Writes the time series: one row per sample with time (h, d); for each product its RE flow,
     * purity, pH (aqueous) or loading (organic) where the model has them, and component flows; each
     * section's component inventories; the distance to steady state and the conservation error.
     * Column names carry the units ({@code _mol_per_h}, {@code _mol}; or {@code _per_feed},
     * {@code _h_of_feed} without plant data).
     */
    public void writeCsv(Writer out) throws IOException {
        boolean molar = result.amountUnit().equals("mol");
        String flow = molar ? "_mol_per_h" : "_per_feed";
        String amount = molar ? "_mol" : "_h_of_feed";
        List<Product> products = result.products();
        List<String> header = new ArrayList<>(List.of("time_h", "time_d"));
        for (int i = 0; i < products.size(); i++) {
            Product p = products.get(i);
            String name = p.label().replace(' ', '_');
            header.addAll(List.of(name + "_RE" + flow, name + "_purity"));
            if (hasChemistry(i)) {
                header.add(name + (p.organic() ? "_loading" : "_pH"));
            }
            components.forEach(c -> header.add(name + "_" + c + flow));
        }
        for (int x = 0; x < SECTIONS.length; x++) {
            if (sections[x] > 0) {
                String section = SECTIONS[x];
                components.forEach(c -> header.add(section + "_inventory_" + c + amount));
            }
        }
        header.addAll(List.of("distance_to_steady_state", "conservation_error"));
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader(header.toArray(new String[0])).get())) {
            for (TransientSample s : result.samples()) {
                List<Object> row = new ArrayList<>();
                row.add(num(s.hours()));
                row.add(num(s.days()));
                for (int i = 0; i < products.size(); i++) {
                    row.add(num(reFlow(s, i)));
                    row.add(Double.isNaN(s.purity()[i]) ? "" : num(s.purity()[i]));
                    if (hasChemistry(i)) {
                        double v = products.get(i).organic() ? s.loading()[i] : s.acidity()[i] > 0 ? s.pH(i)
                                : Double.NaN;
                        row.add(Double.isNaN(v) ? "" : num(v));
                    }
                    for (int j = 0; j < components.size(); j++) {
                        row.add(num(s.productFlow(i, j)));
                    }
                }
                double[][] held = s.sectionInventories();
                for (int x = 0; x < SECTIONS.length; x++) {
                    if (sections[x] > 0) {
                        for (double v : held[x]) {
                            row.add(num(v));
                        }
                    }
                }
                row.add(num(s.distanceToSteadyState()));
                row.add(num(s.conservationError()));
                csv.printRecord(row);
            }
        }
    }

    /** A number in the CSV: 15 significant digits. */
    static String num(double x) {
        return String.format(Locale.ROOT, "%.15g", x);
    }
}
