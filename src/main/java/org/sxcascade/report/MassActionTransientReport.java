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
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.sxcascade.dynamics.HoldUp;
import org.sxcascade.dynamics.MassActionSample;
import org.sxcascade.dynamics.MassActionTransientResult;
import org.sxcascade.dynamics.MassActionTransientResult.Product;
import org.sxcascade.dynamics.TransientSettings;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.solver.CascadeNetwork;

/**
 * What {@code transient} reports for a mass-action case: the run's set-up, the time series of
 * every product's purity, RE flow and pH (aqueous) or extractant loading (organic), the times to
 * the purity targets and to steady state, the end state against the steady state of
 * {@code simulate}, and the conservation of every component (rare earths, the cation, H).
 */
public final class MassActionTransientReport {
    private static final String[] SECTIONS = {"extraction", "scrub", "strip"};

    private final MassActionTransientResult result;
    private final MassActionCase first;
    private final CascadeNetwork firstNetwork;
    private final TransientSettings settings;
    private final SimulationReport steady;
    private final List<String> components;

    public MassActionTransientReport(MassActionTransientResult result) {
        this.result = result;
        this.first = result.transientCase().massActionCase();
        this.firstNetwork = CascadeNetwork.massAction(first);
        this.settings = result.transientCase().settings();
        this.steady = new SimulationReport(result.finalCase(), result.finalNetwork(), result.steadyState());
        this.components = new ArrayList<>(first.rareEarths());
        components.add(first.cation());
        components.add("H");
    }

    private int rareEarths() {
        return first.rareEarths().size();
    }

    private String group(Product p) {
        return String.join("+", p.purityOf().stream().map(j -> first.rareEarths().get(j)).toList());
    }

    /** Whether a product's purity is worth a column: not the stripped organic (it carries RE traces only). */
    private static boolean graded(Product p) {
        return !p.name().equals("stripped organic");
    }

    private double reFlow(MassActionSample s, int i) {
        double sum = 0;
        for (int j = 0; j < rareEarths(); j++) {
            sum += s.productFlow(i, j);
        }
        return sum;
    }

    private String holdUpLine() {
        double[] aq = result.aqueousLitres();
        double[] org = result.organicLitres();
        double[] tauAq = new double[aq.length];
        double[] tauOrg = new double[aq.length];
        for (int k = 0; k < aq.length; k++) {
            tauAq[k] = aq[k] / firstNetwork.aqueousFlow(k + 1);
            tauOrg[k] = org[k] / firstNetwork.organicFlow(k + 1);
        }
        String times = String.format(Locale.ROOT, "residence times at t = 0 aqueous %s, organic %s",
                range(tauAq, " h"), range(tauOrg, " h"));
        if (result.method().equals("rows")) {
            return "one row's phase flows per stage; " + times;
        }
        if (settings.holdUp() instanceof HoldUp.Volumes v) {
            return String.format(Locale.ROOT, "%s L aqueous + %s L organic per stage (mixer + settler); %s",
                    Formats.general(v.aqueousLitres()), Formats.general(v.organicLitres()), times);
        }
        return String.format(Locale.ROOT, "aqueous %s L, organic %s L per stage (the phase flows at t = 0 times "
                + "the given residence times; kept through events); %s", range(aq, " L"), range(org, " L"), times);
    }

    private String startLine() {
        if (settings.initial() == TransientSettings.Initial.STEADY_STATE) {
            return "the steady state of the case (before any event)";
        }
        var f = first.flows();
        String scrub = first.cascade().scrubStages() == 0 ? "" : f.scrubFlow() > 0
                ? String.format(Locale.ROOT, ", scrub stages %s mol/L", Formats.general(f.scrubAcidity()))
                : String.format(Locale.ROOT, ", scrub stages %s mol/L (strip acid)", Formats.general(f.stripAcidity()));
        String strip = first.stripStages() == 0 ? ""
                : String.format(Locale.ROOT, ", strip stages %s mol/L", Formats.general(f.stripAcidity()));
        return String.format(Locale.ROOT, "barren organic saponified %s %% in every stage; RE-free aqueous acid: "
                + "extraction stages %s mol/L H+%s%s; the feeds start at t = 0",
                Formats.general(100 * f.saponification()), Formats.general(first.feedAcidity()), scrub, strip);
    }

    private static String pH(double acidity) {
        return Double.isNaN(acidity) || !(acidity > 0) ? "-" : String.format(Locale.ROOT, "%.2f", -Math.log10(acidity));
    }

    // ------------------------------------------------------------------ text

    /** The terminal report. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(first.name() == null ? "mass-action cascade" : first.name()).append('\n');
        String header = new SimulationReport(first, firstNetwork, result.steadyState()).toText(false);
        for (String line : header.split("\n")) {
            if (line.startsWith("  model") || line.startsWith("  extractant") || line.startsWith("  cascade")
                    || line.startsWith("  flows") || line.startsWith("  side draw")) {
                b.append(line).append('\n');
            }
        }
        b.append("  hold-up    ").append(holdUpLine()).append('\n');
        b.append("  start      ").append(startLine()).append('\n');
        TransientReports.appendRunLines(b, result, "volume-weighted");
        b.append('\n');
        b.append("Time series (RE flows in mol/h; pH of aqueous products; loading = 3Σ[RE]org / C of organic "
                + "products; RE held in mol)\n");
        SimulationReport.Table t = new SimulationReport.Table();
        List<String> head = new ArrayList<>(List.of("time (d)", "time (h)"));
        List<Product> products = result.products();
        for (Product p : products) {
            if (graded(p)) {
                head.add(p.name() + " " + group(p));
                head.add("RE");
            }
            head.add(p.organic() ? "loading" : "pH");
        }
        head.addAll(List.of("RE held", "dist. to steady"));
        t.row(head);
        for (MassActionSample s : result.samples()) {
            List<String> row = new ArrayList<>(List.of(String.format(Locale.ROOT, "%.2f", s.days()),
                    String.format(Locale.ROOT, "%.1f", s.hours())));
            for (int i = 0; i < products.size(); i++) {
                Product p = products.get(i);
                if (graded(p)) {
                    row.add(purity(s.purity()[i]));
                    row.add(Formats.general(reFlow(s, i)));
                }
                row.add(p.organic() ? Formats.general(s.loading()[i]) : pH(s.acidity()[i]));
            }
            double held = 0;
            for (double[] section : s.sectionInventories()) {
                for (int j = 0; j < rareEarths(); j++) {
                    held += section[j];
                }
            }
            row.add(Formats.general(held));
            row.add(String.format(Locale.ROOT, "%.2e", s.distanceToSteadyState()));
            t.row(row);
        }
        b.append(t.render()).append('\n');

        TransientReports.appendStartUp(b, result, UnaryOperator.identity());
        MassActionSample end = result.end();
        StringBuilder endLine = new StringBuilder("  end of run:");
        StringBuilder steadyLine = new StringBuilder("; steady state:");
        for (int i = 0; i < products.size(); i++) {
            Product p = products.get(i);
            if (graded(p)) {
                endLine.append(String.format(Locale.ROOT, " %s %s %s,", p.name(), group(p), purity(end.purity()[i])));
                steadyLine.append(' ').append(purity(steady.products().get(i).purity())).append(',');
            }
        }
        b.append(endLine, 0, endLine.length() - 1).append(steadyLine, 0, steadyLine.length() - 1).append('\n');
        b.append(String.format(Locale.ROOT, "  conservation: accumulated = fed − withdrawn to %.1e (largest relative "
                + "error over the rare earths, %s and H, and over the steps)%n", result.maxConservationError(),
                first.cation()));
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

    // ------------------------------------------------------------------ JSON

    /** The report as one JSON document (fields in docs/commands.md). */
    public ObjectNode toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("case", first.name());
        root.put("model", "mass-action");
        root.put("method", result.method());
        ObjectNode units = root.putObject("units");
        units.put("time", "h");
        units.put("amount", "mol");
        units.put("flow", "mol/h");
        units.put("volume", "L");
        units.put("acidity", "mol/L H+");
        ObjectNode hold = root.putObject("holdUp");
        ArrayNode aqL = hold.putArray("aqueousLitres");
        ArrayNode orgL = hold.putArray("organicLitres");
        ArrayNode aqTau = hold.putArray("aqueousResidenceHours");
        ArrayNode orgTau = hold.putArray("organicResidenceHours");
        double[] aq = result.aqueousLitres();
        double[] org = result.organicLitres();
        for (int k = 0; k < aq.length; k++) {
            aqL.add(aq[k]);
            orgL.add(org[k]);
            aqTau.add(aq[k] / firstNetwork.aqueousFlow(k + 1));
            orgTau.add(org[k] / firstNetwork.organicFlow(k + 1));
        }
        TransientReports.putRun(root, result);
        root.set("steadyState", steady.toJson());
        ArrayNode series = root.putArray("series");
        List<Product> products = result.products();
        for (MassActionSample s : result.samples()) {
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
                p.purityOf().forEach(j -> of.add(first.rareEarths().get(j)));
                putNumber(po, "purity", s.purity()[i]);
                if (p.organic()) {
                    putNumber(po, "loading", s.loading()[i]);
                } else {
                    putNumber(po, "acidity", s.acidity()[i]);
                    putNumber(po, "pH", s.acidity()[i] > 0 ? s.pH(i) : Double.NaN);
                }
            }
            ObjectNode inv = o.putObject("inventory");
            double[][] held = s.sectionInventories();
            for (int x = 0; x < SECTIONS.length; x++) {
                ObjectNode sec = inv.putObject(SECTIONS[x]);
                for (int j = 0; j < components.size(); j++) {
                    sec.put(components.get(j), held[x][j]);
                }
            }
            o.put("distanceToSteadyState", s.distanceToSteadyState());
            o.put("conservationError", s.conservationError());
        }
        return root;
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
     * purity, pH (aqueous) or loading (organic) and component flows (mol/h); each section's
     * component inventories (mol); the distance to steady state and the conservation error.
     */
    public void writeCsv(Writer out) throws IOException {
        List<Product> products = result.products();
        List<String> header = new ArrayList<>(List.of("time_h", "time_d"));
        for (Product p : products) {
            String name = p.name().replace(' ', '_');
            header.addAll(List.of(name + "_RE_mol_per_h", name + "_purity", name + (p.organic() ? "_loading" : "_pH")));
            components.forEach(c -> header.add(name + "_" + c + "_mol_per_h"));
        }
        for (String section : SECTIONS) {
            components.forEach(c -> header.add(section + "_inventory_" + c + "_mol"));
        }
        header.addAll(List.of("distance_to_steady_state", "conservation_error"));
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader(header.toArray(new String[0])).get())) {
            for (MassActionSample s : result.samples()) {
                List<Object> row = new ArrayList<>();
                row.add(num(s.hours()));
                row.add(num(s.days()));
                for (int i = 0; i < products.size(); i++) {
                    row.add(num(reFlow(s, i)));
                    row.add(Double.isNaN(s.purity()[i]) ? "" : num(s.purity()[i]));
                    double v = products.get(i).organic() ? s.loading()[i] : s.acidity()[i] > 0 ? s.pH(i) : Double.NaN;
                    row.add(Double.isNaN(v) ? "" : num(v));
                    for (int j = 0; j < components.size(); j++) {
                        row.add(num(s.productFlow(i, j)));
                    }
                }
                for (double[] section : s.sectionInventories()) {
                    for (double v : section) {
                        row.add(num(v));
                    }
                }
                row.add(num(s.distanceToSteadyState()));
                row.add(num(s.conservationError()));
                csv.printRecord(row);
            }
        }
    }
}
