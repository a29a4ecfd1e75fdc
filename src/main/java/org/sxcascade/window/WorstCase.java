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
 * A cascade's targets at every corner of a box of its uncertain constants (issue 17, worst case):
 * each of the k constants ({@link UncertainConstant}: the separation factors other than the
 * reference's, the distribution ratios, the exchange constants or the correlations' intercepts)
 * anywhere in [x/(1 + δ), x·(1 + δ)], i.e. ±ln(1 + δ) in its ln. The 2^k corners are solved as
 * {@code simulate} solves the case (a mass-action corner warm-started from the previous one);
 * k above {@link #MAX_CONSTANTS} is refused. The corners stand for the box on the assumption that
 * a product's purity rises or falls monotonically with each constant (more of a component's
 * extraction sends more of it to the organic), so that over a box it is least at a corner (true of
 * a Kremser section and a binary's β; not checked for several components or mass action). The worst
 * corner is the one with the least margin in nines over the targets (a corner that is invalid or
 * does not converge counts as worst).
 *
 * @param delta   the box's half-width δ
 * @param names   the components whose constants span the box, in corner-bit order
 * @param corners corners solved (2^k)
 * @param met     corners where every target holds
 * @param failed  corners invalid or without convergence
 * @param worst   the worst corner: +1 or −1 per constant (x·(1 + δ) or x/(1 + δ))
 * @param margins the targets at the worst corner (empty when it failed)
 * @param failure why the worst corner failed, or {@code null}
 */
public record WorstCase(double delta, List<String> names, int corners, int met, int failed, int[] worst,
                        List<TargetMargin> margins, String failure) {
    /** Most uncertain constants: 2^12 = 4096 corners. */
    public static final int MAX_CONSTANTS = 12;

    public WorstCase {
        names = List.copyOf(names);
        worst = worst.clone();
        margins = List.copyOf(margins);
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

    private static double least(List<TargetMargin> margins) {
        if (margins.isEmpty()) {
            return Double.NEGATIVE_INFINITY;
        }
        double m = Double.POSITIVE_INFINITY;
        for (TargetMargin t : margins) {
            m = Math.min(m, t.met() ? t.margin() : Math.min(t.margin(), -1e-300));
        }
        return m;
    }

    /**
     * Solves the corners.
     *
     * @param tree  the case file's tree (one cascade with targets; only read)
     * @param delta the half-width δ, above 0 and at most 1
     * @param option the option or field that gave δ (for messages)
     * @throws InvalidInputException for δ out of range, a flowsheet, no targets, no uncertain
     *         constant, or more than {@link #MAX_CONSTANTS}
     */
    public static WorstCase run(JsonNode tree, double delta, String option) {
        if (!(delta > 0 && delta <= org.sxcascade.model.Uncertainty.MAX_BOX)) {
            throw new InvalidInputException(option, delta, "a relative half-width above 0 and at most 1 (0.05: each "
                    + "constant anywhere from x/1.05 to 1.05·x)");
        }
        if (tree.has("cascades")) {
            throw new InvalidInputException(option, "a flowsheet", "a single cascade's case file");
        }
        List<UncertainConstant> constants = new ArrayList<>();
        for (UncertainConstant c : UncertainConstant.of(tree)) {
            if (!c.reference()) {
                constants.add(c);
            }
        }
        int k = constants.size();
        if (k == 0) {
            throw new InvalidInputException(option, delta, "a case with uncertain constants (separation factors "
                    + "other than the reference's, distribution ratios, exchange constants or correlations)");
        }
        if (k > MAX_CONSTANTS) {
            throw new InvalidInputException(option, k + " uncertain constants", "at most " + MAX_CONSTANTS + " (2^"
                    + MAX_CONSTANTS + " = " + (1 << MAX_CONSTANTS) + " corners to solve); use the Monte Carlo "
                    + "(--robust P) for more");
        }
        CaseEvaluator evaluator = new CaseEvaluator(tree, null);
        Evaluation nominal = CaseEvaluator.margins(evaluator.operatingPoint());
        if (nominal.margins().isEmpty()) {
            throw new InvalidInputException("targets", InvalidInputException.MISSING, "a purity or recovery target "
                    + "for the worst case over the box");
        }
        boolean massAction = CaseReader.isMassAction(tree);
        double step = Math.log1p(delta);
        int corners = 1 << k;
        int met = 0;
        int failed = 0;
        int worstCorner = -1;
        Evaluation worst = null;
        double worstMargin = Double.POSITIVE_INFINITY;
        for (int corner = 0; corner < corners; corner++) {
            // Gray code: neighbouring corners differ in one constant (a warm start from a near state)
            int gray = corner ^ (corner >> 1);
            List<Consumer<ObjectNode>> changes = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                changes.add(constants.get(i).scaled(((gray >> i) & 1) == 1 ? step : -step));
            }
            Evaluation e = evaluator.evaluate(changes, massAction);
            double m;
            if (e.failure() != null) {
                failed++;
                m = Double.NEGATIVE_INFINITY;
            } else {
                m = least(e.margins());
                boolean every = e.margins().stream().allMatch(TargetMargin::met);
                met += every ? 1 : 0;
            }
            if (worst == null || m < worstMargin) {
                worst = e;
                worstMargin = m;
                worstCorner = gray;
            }
        }
        int[] signs = new int[k];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            signs[i] = ((worstCorner >> i) & 1) == 1 ? 1 : -1;
            names.add(constants.get(i).name());
        }
        return new WorstCase(delta, names, corners, met, failed, signs, worst.failure() == null ? worst.margins()
                : List.of(), worst.failure());
    }

    /** The report's lines. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Worst case (box: each constant from x/%s to %s·x; %d corners of %d "
                        + "constants)%n", Formats.general(1 + delta), Formats.general(1 + delta), corners,
                names.size()));
        b.append(String.format(Locale.ROOT, "  every target met at %d of %d corners%s%n", met, corners,
                failed > 0 ? " (" + failed + " invalid or without convergence)" : ""));
        StringBuilder corner = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            corner.append(i == 0 ? "" : ", ").append(names.get(i)).append(worst[i] > 0 ? " ×" : " ÷")
                    .append(Formats.general(1 + delta));
        }
        b.append("  worst corner: ").append(corner).append('\n');
        if (failure != null) {
            b.append("    ").append(failure).append('\n');
        }
        for (TargetMargin t : margins) {
            b.append(String.format(Locale.ROOT, "    %-32s %11s (target %s, margin %+.3f nines, %s)%n", t.label(),
                    Formats.percent(t.reached()), Formats.percent(t.target()), t.margin(),
                    t.met() ? "met" : "MISSED"));
        }
        return b.toString();
    }

    /** The {@code worstCase} object of the JSON document. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("box", delta);
        o.put("corners", corners);
        o.put("cornersMet", met);
        o.put("failed", failed);
        o.put("allMet", allMet());
        ObjectNode w = o.putObject("worstCorner");
        for (int i = 0; i < names.size(); i++) {
            w.put(names.get(i), worst[i] > 0 ? 1 + delta : 1 / (1 + delta));
        }
        if (failure != null) {
            o.put("worstFailure", failure);
        }
        ArrayNode ts = o.putArray("targets");
        for (TargetMargin t : margins) {
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
