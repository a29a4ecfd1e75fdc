package org.sxcascade.report;

import static org.sxcascade.report.TransientReports.num;
import static org.sxcascade.report.TransientReports.purity;
import static org.sxcascade.report.TransientReports.range;

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
import org.sxcascade.dynamics.CascadeDynamics;
import org.sxcascade.dynamics.HoldUp;
import org.sxcascade.dynamics.TargetTime;
import org.sxcascade.dynamics.Times;
import org.sxcascade.dynamics.TransientResult;
import org.sxcascade.dynamics.TransientSample;
import org.sxcascade.dynamics.TransientSettings;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.solver.CascadeNetwork;

/**
 * What {@code transient} reports: the run's set-up, the time series of product purities, product
 * flows and section inventories, the times to the purity targets and to steady state, the end
 * state against the steady state of {@code simulate}, and the conservation check.
 */
public final class TransientReport {
    private final TransientResult result;
    private final CascadeCase first;
    private final TransientSettings settings;
    private final SimulationReport steady;

    public TransientReport(TransientResult result) {
        this.result = result;
        this.first = result.transientCase().cascadeCase();
        this.settings = result.transientCase().settings();
        this.steady = new SimulationReport(result.finalCase(), CascadeNetwork.of(result.finalCase()), result.steadyState());
    }

    /** The name a target's product ({@code organic} or {@code aqueous}) goes by in text: loaded organic, raffinate. */
    public static String productName(String product) {
        return product.equals("organic") ? "loaded organic" : "raffinate";
    }

    private String organicName() {
        return String.join("+", target("organic").purityOf());
    }

    private String aqueousName() {
        return String.join("+", target("aqueous").purityOf());
    }

    /** The product's target timing, or one without a target naming its main component. */
    private TargetTime target(String product) {
        for (TargetTime t : result.targets()) {
            if (t.product().equals(product)) {
                return t;
            }
        }
        SimulationReport.Product p = steady.products().stream().filter(x -> x.name().equals(product)).findFirst()
                .orElseThrow();
        return new TargetTime(product, p.purityOf(), Double.NaN, null, product.equals("organic")
                ? result.end().organicPurity() : result.end().aqueousPurity());
    }

    private String holdUpLine() {
        double[][] tau = CascadeDynamics.residenceTimes(first, settings.holdUp());
        String times = String.format(Locale.ROOT, "residence times aqueous %s, organic %s", range(tau[0], " h"), range(tau[1], " h"));
        if (settings.holdUp() instanceof HoldUp.Volumes v) {
            return String.format(Locale.ROOT, "%s L aqueous + %s L organic per stage (mixer + settler); %s",
                    Formats.general(v.aqueousLitres()), Formats.general(v.organicLitres()), times);
        }
        return "given per stage: " + times;
    }

    private static String days(double hours) {
        return String.format(Locale.ROOT, "%.2f", hours / Times.HOURS_PER_DAY);
    }

    // ------------------------------------------------------------------ text

    /** The terminal report. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(first.name()).append('\n');
        b.append(new SimulationReport(first, CascadeNetwork.of(first), result.steadyState()).caseLines());
        b.append("  hold-up    ").append(holdUpLine()).append('\n');
        b.append("  start      ").append(settings.initial() == TransientSettings.Initial.BLANK
                ? "blank aqueous and barren organic in every stage; the feed starts at t = 0"
                : "the steady state of the case (before any event)").append('\n');
        TransientReports.appendRunLines(b, result, "RE-weighted");
        b.append('\n');
        b.append("Time series (flows in ").append(result.flowUnit()).append(", inventories in ")
                .append(result.amountUnit()).append(")\n");
        SimulationReport.Table t = new SimulationReport.Table();
        t.row(List.of("time (d)", "time (h)", "organic " + organicName(), "raffinate " + aqueousName(), "organic flow",
                "raffinate flow", "extraction inv.", "scrub inv.", "dist. to steady"));
        for (TransientSample s : result.samples()) {
            t.row(List.of(days(s.hours()), String.format(Locale.ROOT, "%.1f", s.hours()), purity(s.organicPurity()),
                    purity(s.aqueousPurity()), Formats.general(TransientSample.total(s.organicFlow())),
                    Formats.general(TransientSample.total(s.aqueousFlow())),
                    Formats.general(TransientSample.total(s.extractionInventory())),
                    Formats.general(TransientSample.total(s.scrubInventory())),
                    String.format(Locale.ROOT, "%.2e", s.distanceToSteadyState())));
        }
        b.append(t.render()).append('\n');

        TransientReports.appendStartUp(b, result, TransientReport::productName);
        TransientSample end = result.end();
        b.append(String.format(Locale.ROOT, "  end of run: organic %s %s, raffinate %s %s; steady state: %s, %s%n",
                organicName(), purity(end.organicPurity()), aqueousName(), purity(end.aqueousPurity()),
                purity(steadyPurity("organic")), purity(steadyPurity("aqueous"))));
        b.append(String.format(Locale.ROOT, "  conservation: accumulated = fed − withdrawn to %.1e (largest relative "
                + "error over components and steps)%n", result.maxConservationError()));
        for (String note : result.notes()) {
            b.append("  note: ").append(note).append('\n');
        }
        b.append('\n').append(settings.events().isEmpty() ? "Steady state (simulate)" : "New steady state after the "
                + "events (simulate)").append('\n');
        String text = steady.toText(false);
        b.append(text.substring(text.indexOf("Products (")));
        return b.toString();
    }

    private double steadyPurity(String product) {
        return steady.products().stream().filter(p -> p.name().equals(product)).findFirst().orElseThrow().purity();
    }

    // ------------------------------------------------------------------ JSON

    /** The report as one JSON document (fields in docs/commands.md). */
    public ObjectNode toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        List<String> comps = first.components();
        root.put("case", first.name());
        root.put("method", result.method());
        ObjectNode units = root.putObject("units");
        units.put("time", "h");
        units.put("amount", result.amountUnit());
        units.put("flow", result.flowUnit());
        ObjectNode hold = root.putObject("holdUp");
        if (settings.holdUp() instanceof HoldUp.Volumes v) {
            hold.put("aqueousLitres", v.aqueousLitres());
            hold.put("organicLitres", v.organicLitres());
        }
        double[][] tau = CascadeDynamics.residenceTimes(first, settings.holdUp());
        ArrayNode aqTau = hold.putArray("aqueousResidenceHours");
        ArrayNode orgTau = hold.putArray("organicResidenceHours");
        for (int k = 0; k < tau[0].length; k++) {
            aqTau.add(tau[0][k]);
            orgTau.add(tau[1][k]);
        }
        TransientReports.putRun(root, result);
        root.set("steadyState", steady.toJson());
        ArrayNode series = root.putArray("series");
        for (TransientSample s : result.samples()) {
            ObjectNode o = series.addObject();
            o.put("hours", s.hours());
            o.put("days", s.days());
            product(o.putObject("organic"), s.organicFlow(), s.organicPurity(), comps);
            product(o.putObject("aqueous"), s.aqueousFlow(), s.aqueousPurity(), comps);
            ObjectNode inv = o.putObject("inventory");
            ObjectNode ex = inv.putObject("extraction");
            ObjectNode sc = inv.putObject("scrub");
            double[] e = s.extractionInventory();
            double[] r = s.scrubInventory();
            for (int j = 0; j < comps.size(); j++) {
                ex.put(comps.get(j), e[j]);
                sc.put(comps.get(j), r[j]);
            }
            o.put("distanceToSteadyState", s.distanceToSteadyState());
            o.put("conservationError", s.conservationError());
        }
        return root;
    }

    private static void product(ObjectNode o, double[] flow, double purity, List<String> comps) {
        double total = TransientSample.total(flow);
        o.put("flow", total);
        ObjectNode f = o.putObject("componentFlows");
        for (int j = 0; j < comps.size(); j++) {
            f.put(comps.get(j), flow[j]);
        }
        if (Double.isNaN(purity)) {
            o.putNull("purity");
        } else {
            o.put("purity", purity);
        }
    }

    /** Writes the JSON document, pretty-printed. */
    public void writeJson(Writer out) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, toJson());
    }

    // ------------------------------------------------------------------ CSV

    /**
     * Writes the time series: one row per sample with time (h, d), each product's total flow, purity
     * and component flows, each section's component inventories, the distance to steady state and
     * the conservation error.
     */
    public void writeCsv(Writer out) throws IOException {
        List<String> comps = first.components();
        boolean molar = result.amountUnit().equals("mol");
        String flow = molar ? "_mol_per_h" : "_per_feed";
        String amount = molar ? "_mol" : "_h_of_feed";
        List<String> header = new ArrayList<>(List.of("time_h", "time_d", "organic_flow" + flow, "organic_purity"));
        comps.forEach(c -> header.add("organic_" + c + flow));
        header.addAll(List.of("aqueous_flow" + flow, "aqueous_purity"));
        comps.forEach(c -> header.add("aqueous_" + c + flow));
        comps.forEach(c -> header.add("extraction_inventory_" + c + amount));
        comps.forEach(c -> header.add("scrub_inventory_" + c + amount));
        header.addAll(List.of("distance_to_steady_state", "conservation_error"));
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader(header.toArray(new String[0])).get())) {
            for (TransientSample s : result.samples()) {
                List<Object> row = new ArrayList<>();
                row.add(num(s.hours()));
                row.add(num(s.days()));
                addProduct(row, s.organicFlow(), s.organicPurity());
                addProduct(row, s.aqueousFlow(), s.aqueousPurity());
                for (double v : s.extractionInventory()) {
                    row.add(num(v));
                }
                for (double v : s.scrubInventory()) {
                    row.add(num(v));
                }
                row.add(num(s.distanceToSteadyState()));
                row.add(num(s.conservationError()));
                csv.printRecord(row);
            }
        }
    }

    private static void addProduct(List<Object> row, double[] flow, double purity) {
        row.add(num(TransientSample.total(flow)));
        row.add(Double.isNaN(purity) ? "" : num(purity));
        for (double v : flow) {
            row.add(num(v));
        }
    }
}
