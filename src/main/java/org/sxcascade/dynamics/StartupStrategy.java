package org.sxcascade.dynamics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sxcascade.model.InvalidInputException;

/**
 * A way to start a cascade up, for {@code transient --compare} (docs/theory.md, "Start-up
 * strategies"). Every strategy runs the case's own flows and ends, once its switches are past, in
 * the case's own steady state; what differs is the state at t = 0 and what the cascade does at
 * first.
 *
 * <ul>
 *   <li>{@code blank}: blank aqueous and barren organic (the model's blank start), feed from t = 0.</li>
 *   <li>{@code feed-filled}: every stage's aqueous hold-up full of feed solution (the feed's RE at
 *       its concentration; mass action: at the feed's acidity), the organic barren as in the blank.</li>
 *   <li>{@code loaded-organic}: every stage's organic hold-up loaded with the feed's rare earths (in
 *       the feed's proportions) at {@code loading} times the RE concentration of the loaded organic
 *       at steady state (the organic leaving the last scrubbing stage); the aqueous as in the blank.</li>
 *   <li>{@code pre-equilibrated}: the steady state of {@code simulate} (an ideal reference: on target
 *       at t = 0).</li>
 *   <li>{@code total-reflux}: blank start, the feed and all internal flows running, but no product
 *       drawn (the raffinate, the loaded organic and any side draw return to the stage they leave)
 *       until {@code drawAfter}, then the products are drawn. Without {@code drawAfter}, the draw
 *       opens when the cascade holds as much RE as at steady state, which, since nothing leaves,
 *       is exactly the steady RE inventory over the RE feed rate.</li>
 *   <li>{@code ramped-feed}: blank start with the feed flow (with {@code flows: all} every inlet
 *       flow) at {@code from} times its full value, raised to full over {@code over} in
 *       {@code steps} equal steps (flow events: a staircase that follows the linear ramp; needs the
 *       feed flow in L/h).</li>
 * </ul>
 *
 * @param kind           which strategy
 * @param loading        {@code loaded-organic}: fraction of the steady loaded organic's RE
 *                       concentration, 0 &lt; loading ≤ 1
 * @param drawAfterHours {@code total-reflux}: when the products start to be drawn, h, or
 *                       {@code null} for the inventory criterion
 * @param rampFrom       {@code ramped-feed}: the first feed flow over the full one, 0 &lt; from &lt; 1
 * @param rampHours      {@code ramped-feed}: when the feed reaches its full flow, h
 * @param rampSteps      {@code ramped-feed}: number of steps of the staircase, 1 … 1000
 * @param rampAllInlets  {@code ramped-feed}: whether every inlet flow in L/h (organic, scrub liquor,
 *                       strip acid) ramps with the feed ({@code flows: all}: the plant's throughput,
 *                       S and W unchanged) or the feed alone ({@code flows: feed}, the default)
 */
public record StartupStrategy(Kind kind, double loading, Double drawAfterHours, double rampFrom, double rampHours,
                              int rampSteps, boolean rampAllInlets) {
    /** The strategies. */
    public enum Kind {
        BLANK("blank"), FEED_FILLED("feed-filled"), LOADED_ORGANIC("loaded-organic"),
        PRE_EQUILIBRATED("pre-equilibrated"), TOTAL_REFLUX("total-reflux"), RAMPED_FEED("ramped-feed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The spelling in case files and on the command line. */
        public String label() {
            return label;
        }

        /** The kind of a spelling; {@code field} names where it came from in the message. */
        public static Kind parse(String field, String text) {
            for (Kind k : values()) {
                if (k.label.equals(text)) {
                    return k;
                }
            }
            throw new InvalidInputException(field, text, ALL);
        }
    }

    /** Every spelling, for messages. */
    public static final String ALL = "blank, feed-filled, loaded-organic, pre-equilibrated, total-reflux or ramped-feed";
    /** Default {@code loading} of {@code loaded-organic}. */
    public static final double DEFAULT_LOADING = 1.0;
    /** Default {@code from} of {@code ramped-feed}. */
    public static final double DEFAULT_RAMP_FROM = 0.25;
    /** Default {@code over} of {@code ramped-feed}, h (2 d). */
    public static final double DEFAULT_RAMP_HOURS = 48;
    /** Default {@code steps} of {@code ramped-feed}. */
    public static final int DEFAULT_RAMP_STEPS = 8;

    public StartupStrategy {
        if (kind == null) {
            throw new InvalidInputException("strategy", "(missing)", ALL);
        }
        if (!(loading > 0 && loading <= 1)) {
            throw new InvalidInputException("loading", loading, "a fraction greater than 0 and at most 1 (of the steady "
                    + "loaded organic's RE concentration)");
        }
        if (drawAfterHours != null && (!(drawAfterHours >= 0) || !Double.isFinite(drawAfterHours))) {
            throw new InvalidInputException("drawAfter", Times.format(drawAfterHours), "a time ≥ 0");
        }
        if (!(rampFrom > 0 && rampFrom < 1)) {
            throw new InvalidInputException("from", rampFrom, "a fraction of the full feed flow greater than 0 and "
                    + "below 1");
        }
        if (!(rampHours > 0) || !Double.isFinite(rampHours)) {
            throw new InvalidInputException("over", Times.format(rampHours), "a time greater than 0");
        }
        if (rampSteps < 1 || rampSteps > 1000) {
            throw new InvalidInputException("steps", rampSteps, "an integer from 1 to 1000");
        }
    }

    /** A strategy with the default parameters. */
    public static StartupStrategy of(Kind kind) {
        return new StartupStrategy(kind, DEFAULT_LOADING, null, DEFAULT_RAMP_FROM, DEFAULT_RAMP_HOURS,
                DEFAULT_RAMP_STEPS, false);
    }

    /** Settings without {@code flows: all}. */
    public StartupStrategy(Kind kind, double loading, Double drawAfterHours, double rampFrom, double rampHours,
                           int rampSteps) {
        this(kind, loading, drawAfterHours, rampFrom, rampHours, rampSteps, false);
    }

    /** Every strategy with its default parameters, in the order of {@link Kind}. */
    public static List<StartupStrategy> defaults() {
        List<StartupStrategy> list = new ArrayList<>();
        for (Kind k : Kind.values()) {
            list.add(of(k));
        }
        return list;
    }

    /** Its spelling. */
    public String label() {
        return kind.label();
    }

    /**
     * The events of the ramp: at i·over/steps (i = 1 … steps) the flows at
     * {@code from + (1 − from)·i/steps} of their values at t = 0 (the last step exactly those);
     * the flows before the first step are {@link #rampStart}.
     */
    public List<TransientEvent> rampEvents(TransientModel model) {
        List<TransientEvent> list = new ArrayList<>();
        for (int i = 1; i <= rampSteps; i++) {
            double fraction = i == rampSteps ? 1 : rampFrom + (1 - rampFrom) * i / rampSteps;
            list.add(model.throughput(rampHours * i / rampSteps, fraction, rampAllInlets));
        }
        return list;
    }

    /** The ramp's flows at t = 0 (the time of the event is not used). */
    public TransientEvent rampStart(TransientModel model) {
        return model.throughput(rampHours, rampFrom, rampAllInlets);
    }

    /** The strategy and its parameters in words, e.g. {@code ramped-feed from 25 % over 2 d in 8 steps}. */
    public String describe() {
        return switch (kind) {
            case LOADED_ORGANIC -> String.format(Locale.ROOT, "loaded-organic at %s %% of the steady loading",
                    trim(100 * loading));
            case TOTAL_REFLUX -> drawAfterHours == null
                    ? "total-reflux, draw when the steady RE inventory is held"
                    : "total-reflux, draw after " + Times.format(drawAfterHours);
            case RAMPED_FEED -> String.format(Locale.ROOT, "ramped-feed%s from %s %% over %s in %d steps",
                    rampAllInlets ? " (every inlet flow)" : "", trim(100 * rampFrom), Times.format(rampHours),
                    rampSteps);
            default -> kind.label();
        };
    }

    private static String trim(double x) {
        return new java.math.BigDecimal(x).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
