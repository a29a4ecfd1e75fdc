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
import org.sxcascade.dynamics.StartupComparison;
import org.sxcascade.dynamics.Times;
import org.sxcascade.dynamics.TransientModel;
import org.sxcascade.dynamics.TransientResult;

/**
 * The report of {@code transient --compare}: per strategy, the time to each purity target and to
 * steady state (reached, projected, or not yet on target), the RE of the initial fill, the RE fed
 * and the reagents fed until each time, the purity at the end of the run and the run's
 * conservation error; as text, JSON and CSV (one row per strategy and target).
 */
public final class StartupComparisonReport {
    private final StartupComparison comparison;
    private final TransientModel model;
    private final TransientResult first;

    public StartupComparisonReport(StartupComparison comparison) {
        if (comparison.rows().isEmpty()) {
            throw new IllegalArgumentException("no strategies");
        }
        this.comparison = comparison;
        this.first = comparison.rows().get(0).result();
        this.model = first.model();
    }

    private String amount() {
        return first.amountUnit().equals("mol") ? "mol" : "h of full feed";
    }

    private static String time(StartupComparison.Use u) {
        if (u.hours() == null) {
            return StartupComparison.NOT_YET;
        }
        String t = String.format(Locale.ROOT, "%.2f d (%.1f h)", u.hours() / Times.HOURS_PER_DAY, u.hours());
        return u.reached() ? t : "not yet on target; projected " + t;
    }

    /** The terminal report. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append("Start-up strategies compared: ").append(model.name()).append(" (").append(model.modelName())
                .append(", ").append(first.method()).append(" method, ")
                .append(Times.format(first.settings().simulatedHours())).append(" simulated)\n");
        b.append("  a product is on target once its purity and its RE flow (within ")
                .append(TransientReport.flowTolerance(first.settings().productFlowTolerance()))
                .append(" of the steady flow) hold to the end; used = from t = 0 to that time (RE ").append(amount()).append(")\n\n");
        SimulationReport.Table t = new SimulationReport.Table();
        List<String> head = new ArrayList<>(List.of("strategy", "target", "time to target", "RE in fill", "RE fed"));
        head.addAll(model.reagentNames());
        head.add("purity at end");
        t.row(head);
        for (StartupComparison.Row r : comparison.rows()) {
            List<StartupComparison.Use> uses = new ArrayList<>(r.targets());
            uses.add(r.steady());
            boolean firstLine = true;
            for (StartupComparison.Use u : uses) {
                List<String> row = new ArrayList<>();
                row.add(firstLine ? r.strategy().label() : "");
                row.add(Double.isNaN(u.target()) ? u.name() : u.name() + " ≥ " + Formats.percent(u.target()));
                row.add(time(u));
                row.add(firstLine ? Formats.general(r.fill()) : "");
                String suffix = u.hours() == null ? " (to end)" : "";
                row.add(Formats.general(u.feedUsed()) + suffix);
                for (double x : u.reagents()) {
                    row.add(Formats.general(x) + suffix);
                }
                row.add(Double.isNaN(u.finalPurity()) ? "" : Formats.percent(u.finalPurity()));
                t.row(row);
                firstLine = false;
            }
        }
        b.append(t.render()).append('\n');
        b.append("Strategies\n");
        for (StartupComparison.Row r : comparison.rows()) {
            b.append(String.format(Locale.ROOT, "  %-17s %s; %s, %d steps, conservation %.1e%n", r.strategy().label(),
                    r.strategy().describe(), r.result().integrator(), r.result().steps(),
                    r.result().maxConservationError()));
            for (String note : r.result().notes()) {
                b.append("                    note: ").append(note).append('\n');
            }
            for (StartupComparison.Use u : r.targets()) {
                if (!u.reached()) {
                    b.append("                    ").append(u.name()).append(": ").append(u.reason()).append('\n');
                }
            }
        }
        for (String skipped : comparison.skipped()) {
            b.append("  ").append(skipped).append('\n');
        }
        return b.toString();
    }

    /** The JSON document. */
    public ObjectNode toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("case", model.name());
        root.put("model", model.modelName());
        root.put("method", first.method());
        root.put("simulatedHours", first.settings().simulatedHours());
        ObjectNode units = root.putObject("units");
        units.put("time", "h");
        units.put("amount", amount());
        ArrayNode reagentNames = root.putArray("reagents");
        model.reagentNames().forEach(reagentNames::add);
        ArrayNode skipped = root.putArray("leftOut");
        comparison.skipped().forEach(skipped::add);
        ArrayNode list = root.putArray("strategies");
        for (StartupComparison.Row r : comparison.rows()) {
            ObjectNode o = list.addObject();
            o.put("strategy", r.strategy().label());
            o.put("description", r.strategy().describe());
            o.put("integrator", r.result().integrator());
            o.put("steps", r.result().steps());
            o.put("maxConservationError", r.result().maxConservationError());
            o.put("reInFill", r.fill());
            ArrayNode targets = o.putArray("targets");
            for (StartupComparison.Use u : r.targets()) {
                use(targets.addObject(), u);
            }
            use(o.putObject("steadyState"), r.steady());
            ArrayNode notes = o.putArray("notes");
            r.result().notes().forEach(notes::add);
        }
        return root;
    }

    private static void use(ObjectNode o, StartupComparison.Use u) {
        o.put("name", u.name());
        if (!Double.isNaN(u.target())) {
            o.put("target", u.target());
        }
        o.put("status", u.status());
        if (u.hours() == null) {
            o.putNull("hours");
            o.putNull("days");
        } else {
            o.put("hours", u.hours());
            o.put("days", u.hours() / Times.HOURS_PER_DAY);
        }
        o.put("reason", u.reason());
        if (!Double.isNaN(u.finalPurity())) {
            o.put("finalPurity", u.finalPurity());
        }
        o.put("usedUntil", u.hours() == null ? "end of run" : "time");
        o.put("reFed", u.feedUsed());
        ArrayNode reagents = o.putArray("reagentsFed");
        for (double x : u.reagents()) {
            reagents.add(x);
        }
    }

    /** Writes the JSON document, pretty-printed. */
    public void writeJson(Writer out) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, toJson());
    }

    /**
     * One row per strategy and target (and its steady state): the time (h, d; empty when not yet on
     * target), its status, the RE of the fill, the RE and reagents fed until then, the purity at the
     * end. Column names carry the units.
     */
    public void writeCsv(Writer out) throws IOException {
        String unit = first.amountUnit().equals("mol") ? "_mol" : "_h_of_feed";
        List<String> header = new ArrayList<>(List.of("strategy", "target", "purity_target", "status", "time_h",
                "time_d", "used_until_h", "re_in_fill" + unit, "re_fed" + unit));
        for (String name : model.reagentNames()) {
            header.add(name.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("_+$", ""));
        }
        header.add("purity_at_end");
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader(header.toArray(new String[0])).get())) {
            for (StartupComparison.Row r : comparison.rows()) {
                List<StartupComparison.Use> uses = new ArrayList<>(r.targets());
                uses.add(r.steady());
                for (StartupComparison.Use u : uses) {
                    List<Object> row = new ArrayList<>();
                    row.add(r.strategy().label());
                    row.add(u.name());
                    row.add(Double.isNaN(u.target()) ? "" : TransientReport.num(u.target()));
                    row.add(u.status());
                    row.add(u.hours() == null ? "" : TransientReport.num(u.hours()));
                    row.add(u.hours() == null ? "" : TransientReport.num(u.hours() / Times.HOURS_PER_DAY));
                    row.add(TransientReport.num(u.hours() != null ? u.hours()
                            : r.result().settings().simulatedHours()));
                    row.add(TransientReport.num(r.fill()));
                    row.add(TransientReport.num(u.feedUsed()));
                    for (double x : u.reagents()) {
                        row.add(TransientReport.num(x));
                    }
                    row.add(Double.isNaN(u.finalPurity()) ? "" : TransientReport.num(u.finalPurity()));
                    csv.printRecord(row);
                }
            }
        }
    }
}
