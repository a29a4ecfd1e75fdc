package org.sxcascade.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.sxcascade.dynamics.TargetTime;
import org.sxcascade.dynamics.Times;
import org.sxcascade.dynamics.TransientEvent;
import org.sxcascade.dynamics.TransientRun;
import org.sxcascade.dynamics.TransientSettings;

/** The parts of the {@code transient} report every model shares ({@link TransientReport}, {@link MassActionTransientReport}). */
final class TransientReports {
    private TransientReports() {
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

    /**
     * The {@code simulated}, {@code method} and {@code event} lines of the text header.
     *
     * @param rowWeighting how the row's residence time is averaged over the stages (e.g. {@code RE-weighted})
     */
    static void appendRunLines(StringBuilder b, TransientRun r, String rowWeighting) {
        TransientSettings settings = r.settings();
        b.append("  simulated  ").append(Times.format(settings.simulatedHours())).append(", sampled every ")
                .append(Times.format(settings.samplingHours())).append('\n');
        b.append("  method     ");
        if (r.method().equals("rows")) {
            b.append(String.format(Locale.ROOT, "Xu's row simulation, one row = %s h (the %s mean stage "
                    + "residence time); %d rows", Formats.general(r.rowHours()), rowWeighting, r.steps()));
        } else {
            b.append(String.format(Locale.ROOT, "continuous (Dormand–Prince 5(4), relative tolerance %.0e): %d steps "
                    + "(%d rejected), %d evaluations", settings.tolerance(), r.steps(), r.rejectedSteps(),
                    r.evaluations()));
        }
        b.append('\n');
        for (TransientEvent e : settings.events()) {
            b.append("  event      ").append(e.describe()).append('\n');
        }
    }

    /**
     * The start-up lines: the time to each purity target and to steady state.
     *
     * @param productName the name a target's product goes by in the text
     */
    static void appendStartUp(StringBuilder b, TransientRun r, UnaryOperator<String> productName) {
        b.append("Start-up\n");
        for (TargetTime tt : r.targets()) {
            b.append(String.format(Locale.ROOT, "  %s %s in the %s: ", String.join("+", tt.purityOf()),
                    Formats.percent(tt.target()), productName.apply(tt.product())));
            if (tt.reached()) {
                b.append("reached after ").append(Times.format(tt.hours())).append(" and held to the end\n");
            } else {
                b.append("not reached (").append(purity(tt.finalPurity())).append(" at the end)\n");
            }
        }
        if (r.targets().isEmpty()) {
            b.append("  (no purity targets in the case)\n");
        }
        b.append(String.format(Locale.ROOT, "  steady state (every stage within %.0e of simulate): ",
                r.settings().steadyStateTolerance()));
        if (r.hoursToSteadyState() != null) {
            b.append("reached after ").append(Times.format(r.hoursToSteadyState())).append('\n');
        } else {
            b.append(String.format(Locale.ROOT, "not reached (distance %.2e at the end)%n", r.finalDistance()));
        }
    }

    /**
     * The run's JSON fields from {@code initial} to {@code notes}: settings, events, times to target
     * and to steady state, the end distance, conservation, steps and notes.
     */
    static void putRun(ObjectNode root, TransientRun r) {
        TransientSettings settings = r.settings();
        root.put("initial", settings.initial().label());
        root.put("simulatedHours", settings.simulatedHours());
        root.put("samplingHours", settings.samplingHours());
        root.put("tolerance", settings.tolerance());
        root.put("steadyStateTolerance", settings.steadyStateTolerance());
        if (r.method().equals("rows")) {
            root.put("rowHours", r.rowHours());
        }
        ArrayNode events = root.putArray("events");
        for (TransientEvent e : settings.events()) {
            ObjectNode o = events.addObject();
            o.put("atHours", e.hours());
            o.put("change", e.describe());
        }
        ObjectNode ttt = root.putObject("timeToTarget");
        for (TargetTime tt : r.targets()) {
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
            }
            o.put("finalPurity", tt.finalPurity());
        }
        if (r.hoursToSteadyState() != null) {
            ObjectNode o = root.putObject("timeToSteadyState");
            o.put("hours", r.hoursToSteadyState());
            o.put("days", r.hoursToSteadyState() / Times.HOURS_PER_DAY);
        } else {
            root.putNull("timeToSteadyState");
        }
        root.put("finalDistanceToSteadyState", r.finalDistance());
        root.put("maxConservationError", r.maxConservationError());
        root.put("steps", r.steps());
        root.put("rejectedSteps", r.rejectedSteps());
        root.put("evaluations", r.evaluations());
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
    }

    /** A number in the CSV: 15 significant digits. */
    static String num(double x) {
        return String.format(Locale.ROOT, "%.15g", x);
    }
}
