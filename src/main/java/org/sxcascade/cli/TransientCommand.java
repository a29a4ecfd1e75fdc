package org.sxcascade.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.sxcascade.chart.Charts;
import org.sxcascade.chart.NamedChart;
import org.sxcascade.dynamics.StartupComparison;
import org.sxcascade.dynamics.StartupStrategy;
import org.sxcascade.dynamics.TargetTime;
import org.sxcascade.dynamics.Times;
import org.sxcascade.dynamics.TransientCase;
import org.sxcascade.dynamics.TransientFailureException;
import org.sxcascade.dynamics.TransientResult;
import org.sxcascade.dynamics.TransientSettings;
import org.sxcascade.dynamics.TransientSolver;
import org.sxcascade.io.CaseReader;
import org.sxcascade.io.FlowsheetReader;
import org.sxcascade.io.OutputFiles;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.report.StartupComparisonReport;
import org.sxcascade.report.TransientReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sxcascade transient CASE.yaml}: start-up and step changes of a cascade in time. */
@Command(name = "transient", mixinStandardHelpOptions = true,
        description = {"Simulate the cascade of a case file in time: its start-up from blank aqueous and barren "
                + "organic (or from its steady state), and its answer to step changes of feed composition, feed "
                + "flow, organic or scrub flow (mass action also: saponification, acidities, strip flow, reflux). "
                + "A run that ends first reports what it reached and, where it can, a projected time. Every stage holds aqueous and organic (hold-up volumes in L or "
                + "residence times in h) at instantaneous equilibrium under the case's model. A mass-action case "
                + "(model: mass-action) starts from barren saponified organic and RE-free acid, and reports each "
                + "product's pH or extractant loading over time as well. With --compare, start-up strategies side "
                + "by side (blank, feed-filled, loaded-organic, pre-equilibrated, total-reflux, ramped-feed): the "
                + "time to each target and the RE and reagents used until then.",
                "Reports the product purities, product flows and section inventories over time, the time to each "
                        + "purity target and to steady state (within a tolerance of `simulate`), and the "
                        + "conservation of every component. The case needs a `transient` section "
                        + "(docs/case-format.md)."},
        footer = {"", "Examples:", "  sxcascade transient cases/pr-nd-1974.yaml",
                "  sxcascade transient cases/pr-nd-1974.yaml --time 30d --sampling 1d",
                "  sxcascade transient cases/pr-nd-1974.yaml --hold-up-scale 2",
                "  sxcascade transient cases/pr-nd-1974.yaml --flow-tolerance 5%%",
                "  sxcascade transient cases/pr-nd-1974.yaml --json > run.json",
                "  sxcascade transient cases/pr-nd-1974.yaml --csv series.csv",
                "  sxcascade transient cases/pr-nd-1974.yaml --compare --time 30d",
                "  sxcascade transient cases/pr-nd-1974.yaml --compare blank,feed-filled,total-reflux --time 30d",
                "", "Exit codes: 0 ok (also a run that ends before its targets: \"not yet on target\"), 2 bad input, "
                + "3 no result (the integration failed)."})
final class TransientCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CASE.yaml", description = "Case file with a transient section.")
    Path caseFile;

    @Option(names = "--json", description = "Print one JSON document instead of the tables.")
    boolean json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the time series as CSV to FILE.")
    Path csv;

    @Option(names = "--time", paramLabel = "TIME",
            description = "Simulated time instead of the case's transient.simulatedTime, with its unit (e.g. 30d, 72h).")
    String time;

    @Option(names = "--sampling", paramLabel = "TIME",
            description = "Interval between reported samples instead of the case's (e.g. 12h, 1d).")
    String sampling;

    @Option(names = "--method", paramLabel = "auto|continuous|implicit|rows",
            description = "auto (the ODEs in physical time: the explicit Dormand–Prince method for the fill, then "
                    + "the L-stable Rosenbrock-W method ROS34PW2 once the run is stiff; default), continuous (the "
                    + "same ODEs by Dormand–Prince only), implicit (by ROS34PW2 only) or rows (Xu's row simulation, "
                    + "rows converted to time by the mean stage residence time).")
    String method;

    @Option(names = "--initial", paramLabel = "blank|steady-state",
            description = "Start from blank aqueous and barren organic, or from the case's steady state.")
    String initial;

    @Option(names = "--hold-up-scale", paramLabel = "X",
            description = "Multiply every hold-up (or residence time) by X > 0, to see how start-up depends on it.")
    Double holdUpScale;

    @Option(names = "--flow-tolerance", paramLabel = "X",
            description = "On-target criterion: a product counts as on target once its purity is at the target and "
                    + "its RE flow within X of its steady flow (a fraction, e.g. 0.05, or a percentage, 5%%; default "
                    + "the case's transient.productFlowTolerance, else 1%%).")
    String flowTolerance;

    @Option(names = "--compare", arity = "0..1", fallbackValue = "", paramLabel = "LIST",
            description = "Compare start-up strategies side by side instead of one run: all of the case's "
                    + "transient.strategies (every strategy with its defaults if it has none), or a comma-separated "
                    + "LIST of blank, feed-filled, loaded-organic, pre-equilibrated, total-reflux, ramped-feed. "
                    + "Prints each one's time to every target and the RE and reagents used until then; --csv writes "
                    + "that table, --plot a bar chart of the times and the purities of all strategies.")
    String compare;

    @picocli.CommandLine.Mixin
    PlotOptions plot;

    @Override
    public Integer call() throws IOException {
        plot.check();
        if (csv != null) {
            OutputFiles.checkWritable("--csv", csv, caseFile); // before any computing
        }
        FlowsheetReader.refuseFlowsheet(caseFile, "transient"); // flowsheets run with simulate only (docs/flowsheets.md)
        TransientCase tc = new CaseReader().readForTransient(caseFile);
        TransientSettings s = overrides(tc.settings());
        tc = tc.withSettings(s);
        if (compare != null) {
            return compare(tc, s);
        }
        TransientSolver solver = TransientSolver.forMethod(s.method());
        TransientResult result;
        try (RunProgress progress = RunProgress.attach(solver, s.method().label())) {
            result = solver.run(tc);
        }
        TransientReport report = new TransientReport(result);
        if (csv != null) {
            OutputFiles.write("--csv", csv, caseFile, report::writeCsv);
        }
        List<Path> charts = plot.writeIfWanted(() -> Charts.transientRun(
                NamedChart.caseStem(caseFile.toString()), result), caseFile);
        print(result, report::writeJson, report::toText);
        plot.announce(charts, json, spec);
        return 0;
    }

    /** {@code --compare}: every strategy's run, the table (text, JSON, CSV) and the charts. */
    private Integer compare(TransientCase tc, TransientSettings s) throws IOException {
        if (initial != null) {
            throw new InvalidInputException("--initial", initial, "no --initial with --compare: each strategy "
                    + "sets its own start (pre-equilibrated is the steady-state start)");
        }
        List<StartupStrategy> strategies = strategies(s);
        StartupComparison comparison = StartupComparison.run(tc, strategies, compare.isBlank(), (c, strategy) -> {
            TransientSolver solver = TransientSolver.forMethod(s.method());
            try (RunProgress progress = RunProgress.attach(solver, s.method().label() + ", " + strategy.label())) {
                return solver.run(c, strategy);
            }
        });
        StartupComparisonReport report = new StartupComparisonReport(comparison);
        if (csv != null) {
            OutputFiles.write("--csv", csv, caseFile, report::writeCsv);
        }
        List<Path> charts = plot.writeIfWanted(() -> Charts.startupComparison(
                NamedChart.caseStem(caseFile.toString()), comparison), caseFile);
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        for (String note : comparison.skipped()) {
            err.println("note: " + note);
        }
        err.flush();
        if (json) {
            StringWriter w = new StringWriter();
            report.writeJson(w);
            out.println(w);
        } else {
            out.print(report.toText());
            if (csv != null) {
                out.println();
                out.println("Comparison written to " + csv);
            }
        }
        out.flush();
        plot.announce(charts, json, spec);
        return 0;
    }

    /** The strategies of {@code --compare}: its list, else the case's (or every one). */
    private List<StartupStrategy> strategies(TransientSettings s) {
        if (compare.isBlank()) {
            return s.comparedStrategies();
        }
        List<StartupStrategy> list = new java.util.ArrayList<>();
        for (String name : compare.split(",")) {
            StartupStrategy.Kind kind = StartupStrategy.Kind.parse("--compare", name.trim());
            // the case's parameters where it lists the strategy, else the defaults
            StartupStrategy chosen = StartupStrategy.of(kind);
            for (StartupStrategy given : s.strategies()) {
                if (given.kind() == kind) {
                    chosen = given;
                }
            }
            if (list.contains(chosen)) {
                throw new InvalidInputException("--compare", compare, "each strategy at most once");
            }
            list.add(chosen);
        }
        return list;
    }

    private TransientSettings overrides(TransientSettings s) {
        double simulated = time == null ? s.simulatedHours() : Times.parseHours("--time", time);
        double every = sampling != null ? Times.parseHours("--sampling", sampling)
                : time != null ? simulated / TransientSettings.DEFAULT_SAMPLES : s.samplingHours();
        TransientSettings r;
        try {
            r = s.withTimes(simulated, every);
        } catch (InvalidInputException e) {
            if (e.field().startsWith("events") && time != null) {
                throw new InvalidInputException("--time", time, "a time after every event (transient." + e.field()
                        + " = " + e.value() + ")");
            }
            throw new InvalidInputException(e.field().equals("sampling") && sampling != null ? "--sampling"
                    : "transient." + e.field(), e.value(), e.allowed());
        }
        if (method != null) {
            r = r.withMethod(TransientSettings.Method.parse("--method", method));
        }
        if (initial != null) {
            r = r.withInitial(TransientSettings.Initial.parse("--initial", initial));
        }
        if (holdUpScale != null) {
            if (!(holdUpScale > 0) || !Double.isFinite(holdUpScale)) {
                throw new InvalidInputException("--hold-up-scale", holdUpScale, "a finite number greater than 0");
            }
            r = r.withHoldUp(r.holdUp().scaled(holdUpScale));
        }
        if (flowTolerance != null) {
            r = r.withProductFlowTolerance(fraction("--flow-tolerance", flowTolerance));
        }
        return r;
    }

    /** A fraction given as a number (0.05) or a percentage (5%); errors name {@code field}. */
    private static double fraction(String field, String text) {
        String t = text.strip();
        boolean percent = t.endsWith("%");
        double x;
        try {
            x = Double.parseDouble(percent ? t.substring(0, t.length() - 1).strip() : t);
        } catch (NumberFormatException e) {
            x = Double.NaN;
        }
        x = percent ? x / 100 : x;
        if (!(x >= 1e-6 && x <= 0.5)) {
            throw new InvalidInputException(field, text, "a fraction of the steady product flow from 1e-6 to 0.5, "
                    + "or a percentage (e.g. 0.05 or 5%)");
        }
        return x;
    }

    /** Prints the notes (on stderr) and the report: its JSON, or its text and where the CSV went. */
    private void print(TransientResult result, OutputFiles.Content jsonReport, Supplier<String> text) throws IOException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        for (String note : result.notes()) {
            err.println("note: " + note);
        }
        err.flush();
        if (json) {
            StringWriter w = new StringWriter();
            jsonReport.writeTo(w);
            out.println(w);
        } else {
            out.print(text.get());
            if (csv != null) {
                out.println();
                out.println("Time series written to " + csv);
            }
        }
        out.flush();
    }
}
