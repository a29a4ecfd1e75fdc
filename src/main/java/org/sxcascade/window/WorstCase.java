package org.sxcascade.window;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.report.Formats;

/**
 * A cascade's targets at every corner of a box of its uncertain inputs (issue 17, worst case):
 * each of its uncertain constants ({@link UncertainConstant}: the separation factors other than the
 * reference's, the distribution ratios, the exchange constants or the correlations' intercepts),
 * each feed fraction (then renormalised) and each controlled flow of the operating window
 * ({@link ControlInput}) anywhere in [x/(1 + δ), x·(1 + δ)] with the δ of its kind
 * ({@link Box}), i.e. ±ln(1 + δ) in its ln. The 2^k corners of the k inputs are solved as {@code
 * simulate} solves the case (a mass-action corner warm-started from the previous one); k above
 * {@link #MAX_INPUTS} is refused. The corners stand for the box on the assumption that a product's
 * purity rises or falls monotonically with each input (more of a component's extraction sends more
 * of it to the organic), so that over a box it is least at a corner (true of a Kremser section and a
 * binary's β; not checked for several components, flows or mass action). The worst corner is the
 * one with the least margin in nines over the targets (a corner that is invalid or does not
 * converge counts as worst). The feed fractions enter together: the corners where all of them move
 * the same way are the nominal feed after renormalising.
 *
 * @param box        the box's half-widths
 * @param names      the inputs that span the box, in corner-bit order: a component's constant by its
 *                   name, a feed fraction as {@code feed <name>}, a flow by its case-file field
 * @param halfWidths each input's half-width δ, in the same order
 * @param corners    corners solved (2^k)
 * @param met        corners where every target holds
 * @param failed     corners invalid or without convergence
 * @param worst      the worst corner: +1 or −1 per input (x·(1 + δ) or x/(1 + δ))
 * @param margins    the targets at the worst corner (empty when it failed)
 * @param failure    why the worst corner failed, or {@code null}
 */
public record WorstCase(Box box, List<String> names, double[] halfWidths, int corners, int met, int failed,
                        int[] worst, List<NinesMargin> margins, String failure) {
    /** Most uncertain inputs: 2^12 = 4096 corners. */
    public static final int MAX_INPUTS = 12;

    /**
     * The half-widths of a box: of the constants, of each feed fraction and of each controlled
     * flow, each from 0 (not boxed) to {@link org.sxcascade.model.Uncertainty#MAX_BOX}.
     */
    public record Box(double chemistry, double feed, double flows) {
        public Box {
            org.sxcascade.model.Uncertainty.checkBox("box.chemistry", chemistry);
            org.sxcascade.model.Uncertainty.checkBox("box.feed", feed);
            org.sxcascade.model.Uncertainty.checkBox("box.flows", flows);
        }

        /** The box of a case's {@code uncertainty} section. */
        public static Box of(org.sxcascade.model.Uncertainty u) {
            return new Box(u.box(), u.feedBox(), u.flowBox());
        }

        /** Whether nothing is boxed. */
        public boolean isEmpty() {
            return chemistry == 0 && feed == 0 && flows == 0;
        }

        /** "constants ±3 %, feed fractions ±1 %" (the kinds boxed). */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (chemistry > 0) {
                parts.add("constants ±" + percentOf(chemistry));
            }
            if (feed > 0) {
                parts.add("feed fractions ±" + percentOf(feed));
            }
            if (flows > 0) {
                parts.add("flows ±" + percentOf(flows));
            }
            return String.join(", ", parts);
        }
    }

    public WorstCase {
        names = List.copyOf(names);
        halfWidths = halfWidths.clone();
        worst = worst.clone();
        margins = List.copyOf(margins);
    }

    @Override
    public double[] halfWidths() {
        return halfWidths.clone();
    }

    @Override
    public int[] worst() {
        return worst.clone();
    }

    /** Whether every target holds at every corner. */
    public boolean allMet() {
        return met == corners;
    }

    /** The least margin in nines at the worst corner (−∞ when it failed). */
    public double leastMargin() {
        return least(margins);
    }

    private static double least(List<NinesMargin> margins) {
        if (margins.isEmpty()) {
            return Double.NEGATIVE_INFINITY;
        }
        double m = Double.POSITIVE_INFINITY;
        for (NinesMargin t : margins) {
            m = Math.min(m, t.met() ? t.margin() : Math.min(t.margin(), -1e-300));
        }
        return m;
    }

    /** The corners of a box of the constants alone, of half-width δ. */
    public static WorstCase run(JsonNode tree, double delta, String option) {
        if (!(delta > 0 && delta <= org.sxcascade.model.Uncertainty.MAX_BOX)) {
            throw new InvalidInputException(option, delta, "a relative half-width above 0 and at most 1 (0.05: each "
                    + "constant anywhere from x/1.05 to 1.05·x)");
        }
        return run(tree, new Box(delta, 0, 0), option);
    }

    /**
     * Solves the corners.
     *
     * @param tree   the case file's tree (one cascade with targets; only read)
     * @param box    the half-widths (not all 0)
     * @param option the option or field that gave the box (for messages)
     * @throws InvalidInputException for an empty box, a flowsheet, no targets, a kind boxed that the
     *         case does not have (no uncertain constant, no feed composition of two or more, no
     *         controlled flow), or more than {@link #MAX_INPUTS} inputs
     */
    public static WorstCase run(JsonNode tree, Box box, String option) {
        if (box.isEmpty()) {
            throw new InvalidInputException(option, 0, "a relative half-width above 0 and at most 1 (0.05: each "
                    + "value anywhere from x/1.05 to 1.05·x)");
        }
        if (tree.has("cascades")) {
            throw new InvalidInputException(option, "a flowsheet", "a single cascade's case file");
        }
        List<UncertainConstant> constants = new ArrayList<>();
        if (box.chemistry() > 0) {
            for (UncertainConstant c : UncertainConstant.of(tree)) {
                if (!c.reference()) {
                    constants.add(c);
                }
            }
            if (constants.isEmpty()) {
                throw new InvalidInputException(option, box.chemistry(), "a case with uncertain constants (separation "
                        + "factors other than the reference's, distribution ratios, exchange constants or "
                        + "correlations)");
            }
        }
        List<String> fractions = box.feed() > 0 ? MonteCarlo.feedFractions(tree) : List.of();
        if (box.feed() > 0 && fractions.isEmpty()) {
            throw new InvalidInputException(option, box.feed(), "no box on the feed for this case: its feed has no "
                    + "feed.composition of two or more components (a case with feeds: is not covered yet)");
        }
        List<ControlInput> inputs = box.flows() > 0 ? ControlInput.of(tree) : List.of();
        if (box.flows() > 0 && inputs.isEmpty()) {
            throw new InvalidInputException(option, box.flows(), "no box on the flows for this case: it has no "
                    + "controlled flow");
        }
        int k = constants.size() + fractions.size() + inputs.size();
        if (k > MAX_INPUTS) {
            throw new InvalidInputException(option, k + " uncertain inputs", "at most " + MAX_INPUTS + " (2^"
                    + MAX_INPUTS + " = " + (1 << MAX_INPUTS) + " corners to solve); box fewer kinds, or use the Monte "
                    + "Carlo (--robust P) for more");
        }
        List<String> names = new ArrayList<>();
        double[] widths = new double[k];
        int q = 0;
        for (UncertainConstant c : constants) {
            names.add(c.name());
            widths[q++] = box.chemistry();
        }
        for (String f : fractions) {
            names.add("feed " + f);
            widths[q++] = box.feed();
        }
        for (ControlInput in : inputs) {
            names.add(in.field());
            widths[q++] = box.flows();
        }
        CaseEvaluator evaluator = new CaseEvaluator(tree, null);
        Evaluation nominal = CaseEvaluator.margins(evaluator.operatingPoint());
        if (nominal.margins().isEmpty()) {
            throw new InvalidInputException("targets", InvalidInputException.MISSING, "a purity or recovery target "
                    + "for the worst case over the box");
        }
        boolean massAction = CaseReader.isMassAction(tree);
        int corners = 1 << k;
        int met = 0;
        int failed = 0;
        int worstCorner = -1;
        Evaluation worst = null;
        double worstMargin = Double.POSITIVE_INFINITY;
        double[] feedLn = new double[fractions.size()];
        for (int corner = 0; corner < corners; corner++) {
            // Gray code: neighbouring corners differ in one input (a warm start from a near state)
            int gray = corner ^ (corner >> 1);
            List<Consumer<ObjectNode>> changes = new ArrayList<>();
            int bit = 0;
            for (UncertainConstant c : constants) {
                changes.add(c.scaled(sign(gray, bit++) * Math.log1p(box.chemistry())));
            }
            if (!fractions.isEmpty()) {
                for (int i = 0; i < feedLn.length; i++) {
                    feedLn[i] = sign(gray, bit++) * Math.log1p(box.feed());
                }
                changes.add(MonteCarlo.feedChange(tree, fractions, feedLn));
            }
            for (ControlInput in : inputs) {
                changes.add(MonteCarlo.flowChange(in, sign(gray, bit++) * Math.log1p(box.flows())));
            }
            Evaluation e = evaluator.evaluate(changes, massAction);
            double m;
            if (e.failure() != null) {
                failed++;
                m = Double.NEGATIVE_INFINITY;
            } else {
                m = least(e.margins());
                boolean every = e.margins().stream().allMatch(NinesMargin::met);
                met += every ? 1 : 0;
            }
            if (worst == null || m < worstMargin) {
                worst = e;
                worstMargin = m;
                worstCorner = gray;
            }
        }
        int[] signs = new int[k];
        for (int i = 0; i < k; i++) {
            signs[i] = (int) sign(worstCorner, i);
        }
        return new WorstCase(box, names, widths, corners, met, failed, signs, worst.failure() == null
                ? worst.margins() : List.of(), worst.failure());
    }

    /** A share as a percentage to 3 significant digits ("3 %", "0.5 %"). */
    static String percentOf(double fraction) {
        return Formats.significant(100 * fraction, 3) + " %";
    }

    /** +1 where bit i of the corner is set (x·(1 + δ)), else −1. */
    private static double sign(int corner, int i) {
        return ((corner >> i) & 1) == 1 ? 1 : -1;
    }

    /** The report's lines. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Worst case (box: %s, each value x from x/(1 + δ) to (1 + δ)·x; %d "
                + "corners of %d inputs)%n", box.describe(), corners, names.size()));
        b.append(String.format(Locale.ROOT, "  every target met at %d of %d corners%s%n", met, corners,
                failed > 0 ? " (" + failed + " invalid or without convergence)" : ""));
        StringBuilder corner = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            corner.append(i == 0 ? "" : ", ").append(names.get(i)).append(worst[i] > 0 ? " ×" : " ÷")
                    .append(Formats.general(1 + halfWidths[i]));
        }
        b.append("  worst corner: ").append(corner).append('\n');
        if (failure != null) {
            b.append("    ").append(failure).append('\n');
        }
        for (NinesMargin t : margins) {
            b.append(String.format(Locale.ROOT, "    %-32s %11s (target %s, margin %+.3f nines, %s)%n", t.label(),
                    Formats.percent(t.reached()), Formats.percent(t.target()), t.margin(),
                    t.met() ? "met" : "MISSED"));
        }
        return b.toString();
    }

    /** The {@code worstCase} object of the JSON document. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("box", box.chemistry());
        ObjectNode widths = o.putObject("boxes");
        widths.put("chemistry", box.chemistry());
        widths.put("feed", box.feed());
        widths.put("flows", box.flows());
        o.put("corners", corners);
        o.put("cornersMet", met);
        o.put("failed", failed);
        o.put("allMet", allMet());
        ObjectNode w = o.putObject("worstCorner");
        for (int i = 0; i < names.size(); i++) {
            w.put(names.get(i), worst[i] > 0 ? 1 + halfWidths[i] : 1 / (1 + halfWidths[i]));
        }
        if (failure != null) {
            o.put("worstFailure", failure);
        }
        ArrayNode ts = o.putArray("targets");
        for (NinesMargin t : margins) {
            ObjectNode x = ts.addObject();
            x.put("target", t.label());
            x.put("required", t.target());
            x.put("reached", t.reached());
            x.put("margin", t.margin());
            x.put("met", t.met());
        }
        return o;
    }
}
