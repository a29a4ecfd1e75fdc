package org.sxcascade.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.ModelCase;
import org.sxcascade.solver.NoConvergenceException;

/**
 * A designed or optimized case at plant-practical flows (issue 17): each operating flow that the
 * written case sets is rounded to a stated resolution (significant digits, or an instrument step
 * in L/h for flows in L/h), and the rounded case is solved again and checked against its targets,
 * so that what is printed and written is what was verified. The nearest rounding is tried first;
 * if it misses a target, every other combination of rounding each flow down or up, closest first;
 * if none meets the targets, the nearest rounding to one more significant digit, up to
 * {@link #MAX_DIGITS} (at most 2^k − 1 + 1 + (8 − digits) solves for k flows). For any model:
 * the case is the written simulate case, solved by the engine of {@code simulate}.
 *
 * @param resolution what was asked
 * @param digits     the significant digits used (more than asked when the asked ones missed)
 * @param fields     the flows rounded, exact and rounded
 * @param products   the rounded case's products, with purities and targets
 * @param met        whether every target holds at the rounded flows
 * @param nearest    whether the rounding is the nearest one of every flow (else some were rounded
 *                   the other way to keep the targets)
 * @param solves     steady states solved for it
 * @param yaml       the case file with the rounded flows (the exact case when {@code met} is false)
 */
public record RoundedFlows(Resolution resolution, int digits, List<Field> fields,
                           List<SimulationReport.Product> products, boolean met, boolean nearest, int solves,
                           String yaml) {
    /** Most significant digits tried before giving up. */
    public static final int MAX_DIGITS = 8;

    public RoundedFlows {
        fields = List.copyOf(fields);
        products = List.copyOf(products);
    }

    /**
     * The resolution flows are rounded to.
     *
     * @param digits significant digits, 1 … {@link #MAX_DIGITS} (default 3)
     * @param step   an instrument step for flows in L/h (e.g. 0.1), or {@code null} for significant digits
     */
    public record Resolution(int digits, Double step) {
        public Resolution {
            if (digits < 1 || digits > MAX_DIGITS) {
                throw new InvalidInputException("--round-digits", digits, "a whole number of significant digits "
                        + "from 1 to " + MAX_DIGITS);
            }
            if (step != null && !(step > 0 && Double.isFinite(step))) {
                throw new InvalidInputException("--flow-step", step, "a step greater than 0 in L/h, e.g. 0.1");
            }
        }

        /** The resolution in words. */
        public String describe(int used) {
            String d = used + " significant digit" + (used == 1 ? "" : "s");
            return step == null ? d : "steps of " + Formats.general(step) + " L/h (other flows to " + d + ")";
        }
    }

    /**
     * A rounded flow.
     *
     * @param name    what it is ("organic")
     * @param field   its case-file field ({@code flows.organicFlow})
     * @param unit    its unit ("" for a fraction)
     * @param exact   the designed value
     * @param rounded the rounded value, as written
     */
    public record Field(String name, String field, String unit, double exact, String rounded) {
    }

    /**
     * Rounds the flows of a written case and verifies them.
     *
     * @param caseYaml the written simulate case (design's or optimize's {@code --case-out})
     * @param flows    the result's operating flows; those whose case-file field the case sets are rounded
     */
    public static RoundedFlows of(String caseYaml, List<Summary.Quantity> flows, Resolution resolution) {
        return of(caseYaml, flows, resolution, null);
    }

    /**
     * The same with a further test a rounding must pass besides meeting the targets (e.g. a robust
     * design's probability of meeting them), or {@code null} for none.
     */
    public static RoundedFlows of(String caseYaml, List<Summary.Quantity> flows, Resolution resolution,
                                  java.util.function.Predicate<String> also) {
        return of(caseYaml, flows, resolution, also, true);
    }

    /**
     * The rounding at the asked resolution only (no further digits): what {@link RoundingMargin}
     * asks of a re-optimized case.
     */
    public static RoundedFlows atResolution(String caseYaml, List<Summary.Quantity> flows, Resolution resolution) {
        return of(caseYaml, flows, resolution, null, false);
    }

    private static RoundedFlows of(String caseYaml, List<Summary.Quantity> flows, Resolution resolution,
                                   java.util.function.Predicate<String> also, boolean moreDigits) {
        List<Summary.Quantity> rounded = roundable(caseYaml, flows);
        int solves = 0;
        boolean byDigits = moreDigits && (resolution.step() == null
                || rounded.stream().anyMatch(q -> !"L/h".equals(q.unit())));
        for (int digits = resolution.digits(); digits <= (byDigits ? MAX_DIGITS : resolution.digits()); digits++) {
            int k = rounded.size();
            String[][] choices = new String[k][];
            for (int i = 0; i < k; i++) {
                choices[i] = candidates(rounded.get(i), digits, resolution.step());
            }
            // combinations of nearest / other way, closest first (nearest everywhere first)
            List<int[]> combos = new ArrayList<>();
            if (digits == resolution.digits()) {
                combine(choices, 0, new int[k], combos);
                combos.sort(java.util.Comparator.comparingDouble(c -> distance(rounded, choices, c)));
            } else {
                combos.add(new int[k]); // finer digits: the nearest rounding only (a few solves, not 2^k each)
            }
            for (int[] c : combos) {
                String[] values = new String[k];
                for (int i = 0; i < k; i++) {
                    values[i] = choices[i][c[i]];
                }
                String yaml = replace(caseYaml, rounded, values, resolution.describe(digits));
                SimulationReport report = solve(yaml);
                solves++;
                if (report != null && report.targetsMet() && (also == null || also.test(yaml))) {
                    List<Field> fields = new ArrayList<>();
                    boolean nearest = true;
                    for (int i = 0; i < k; i++) {
                        Summary.Quantity q = rounded.get(i);
                        fields.add(new Field(q.name(), q.field(), q.unit(), q.value(), values[i]));
                        nearest &= c[i] == 0;
                    }
                    return new RoundedFlows(resolution, digits, fields, report.products(), true, nearest, solves,
                            yaml);
                }
            }
        }
        SimulationReport exact = solve(caseYaml);
        solves++;
        return new RoundedFlows(resolution, byDigits ? MAX_DIGITS : resolution.digits(), List.of(),
                exact == null ? List.of() : exact.products(),
                false, false, solves, caseYaml);
    }

    /** The flows whose case-file field the case sets (those that are rounded). */
    private static List<Summary.Quantity> roundable(String caseYaml, List<Summary.Quantity> flows) {
        List<Summary.Quantity> rounded = new ArrayList<>();
        for (Summary.Quantity q : flows) {
            if (q.field() != null && q.field().startsWith("flows.") && lineOf(caseYaml, key(q)) >= 0) {
                rounded.add(q);
            }
        }
        return rounded;
    }

    /**
     * How far the nearest rounding of every flow misses the case's purity targets, in nines: the
     * largest nines(target) − nines(purity reached) over the products with a purity target (0 or
     * less when every one holds), or {@code +∞} when the rounded case does not converge. One solve:
     * {@link RoundingMargin}'s first estimate of the margin a rounding needs.
     */
    public static double nearestShortfallNines(String caseYaml, List<Summary.Quantity> flows, Resolution resolution) {
        List<Summary.Quantity> rounded = roundable(caseYaml, flows);
        String[] values = new String[rounded.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = candidates(rounded.get(i), resolution.digits(), resolution.step())[0];
        }
        SimulationReport report = solve(replace(caseYaml, rounded, values, resolution.describe(resolution.digits())));
        if (report == null) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = Double.NEGATIVE_INFINITY;
        for (SimulationReport.Product p : report.products()) {
            if (p.target() != null) {
                worst = Math.max(worst, marginNines(p.purity(), p.target()) * -1);
            }
        }
        return worst;
    }

    /** nines(purity) − nines(target), nines(P) = −log10(1 − P): + for a target met, − for one missed. */
    public static double marginNines(double purity, double target) {
        return org.sxcascade.window.NinesMargin.nines(1 - purity) - org.sxcascade.window.NinesMargin.nines(1 - target);
    }

    /** The rounded values of a flow to try: the nearest first, then the other way (if different). */
    private static String[] candidates(Summary.Quantity q, int digits, Double step) {
        BigDecimal v = new BigDecimal(q.value());
        if (step != null && "L/h".equals(q.unit())) {
            BigDecimal s = BigDecimal.valueOf(step);
            BigDecimal n = v.divide(s, MathContext.DECIMAL64);
            BigDecimal near = n.setScale(0, RoundingMode.HALF_EVEN).multiply(s);
            BigDecimal down = n.setScale(0, RoundingMode.FLOOR).multiply(s);
            BigDecimal up = n.setScale(0, RoundingMode.CEILING).multiply(s);
            BigDecimal other = near.compareTo(down) == 0 ? up : down;
            return distinct(near.stripTrailingZeros(), other.stripTrailingZeros(), q);
        }
        MathContext mc = new MathContext(digits, RoundingMode.HALF_EVEN);
        BigDecimal near = v.round(mc);
        BigDecimal down = v.round(new MathContext(digits, RoundingMode.FLOOR));
        BigDecimal up = v.round(new MathContext(digits, RoundingMode.CEILING));
        BigDecimal other = near.compareTo(down) == 0 ? up : down;
        return distinct(near.stripTrailingZeros(), other.stripTrailingZeros(), q);
    }

    private static String[] distinct(BigDecimal near, BigDecimal other, Summary.Quantity q) {
        boolean fraction = q.field().endsWith("reflux") || q.field().endsWith("saponification");
        List<String> out = new ArrayList<>();
        for (BigDecimal b : new BigDecimal[] {near, other}) {
            if (b.signum() <= 0 && q.value() > 0) {
                continue; // a flow rounded to nothing is no rounding of it
            }
            if (fraction && b.compareTo(BigDecimal.ONE) >= 0 && q.value() < 1) {
                continue; // a reflux or saponification of 1 is another plant
            }
            String s = b.toPlainString();
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            out.add(new BigDecimal(q.value()).round(MathContext.DECIMAL64).toPlainString());
        }
        return out.toArray(String[]::new);
    }

    private static void combine(String[][] choices, int i, int[] at, List<int[]> out) {
        if (i == choices.length) {
            out.add(at.clone());
            return;
        }
        for (int c = 0; c < choices[i].length; c++) {
            at[i] = c;
            combine(choices, i + 1, at, out);
        }
    }

    /** Σ |ln(rounded/exact)|: how far a combination moves the flows. */
    private static double distance(List<Summary.Quantity> q, String[][] choices, int[] c) {
        double d = 0;
        for (int i = 0; i < c.length; i++) {
            d += Math.abs(Math.log(Double.parseDouble(choices[i][c[i]]) / q.get(i).value()));
        }
        return d;
    }

    private static String key(Summary.Quantity q) {
        return q.field().substring("flows.".length());
    }

    /** Index of the line {@code  key: number} inside the top-level {@code flows:} block, or −1. */
    private static int lineOf(String yaml, String key) {
        return lineOf(yaml.split("\n", -1), key);
    }

    private static int lineOf(String[] lines, String key) {
        boolean inFlows = false;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (!l.startsWith(" ") && !l.startsWith("#") && !l.isBlank()) {
                inFlows = l.startsWith("flows:");
                continue;
            }
            if (inFlows && NUMBER_LINE.matcher(l).matches() && l.trim().startsWith(key + ":")) {
                return i;
            }
        }
        return -1;
    }

    private static final Pattern NUMBER_LINE = Pattern.compile("^(\\s+)([A-Za-z]+):\\s*([-+0-9.eE]+)\\s*(#.*)?$");

    /** The case text with the flows' values replaced, each with a comment giving the exact value. */
    private static String replace(String yaml, List<Summary.Quantity> q, String[] values, String resolution) {
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < q.size(); i++) {
            int at = lineOf(lines, key(q.get(i)));
            Matcher m = NUMBER_LINE.matcher(lines[at]);
            if (!m.matches()) {
                throw new IllegalStateException("not a number line: " + lines[at]);
            }
            String unit = q.get(i).unit().isEmpty() ? "" : q.get(i).unit() + "; ";
            lines[at] = m.group(1) + m.group(2) + ": " + values[i] + "   # " + unit + "rounded to " + resolution
                    + " from " + new BigDecimal(q.get(i).value()).round(MathContext.DECIMAL64).toPlainString();
        }
        return String.join("\n", lines);
    }

    /** The case solved as {@code simulate} solves it, or {@code null} if it does not converge. */
    private static SimulationReport solve(String yaml) {
        CaseReader reader = new CaseReader();
        ModelCase c = reader.modelCaseFromTree(reader.parseTree(yaml));
        try {
            return SimulationReport.solve(c, (n, s) -> org.sxcascade.solver.SteadyStateSolver.solveFallingBackOnRows(n, s,
                    note -> { }));
        } catch (NoConvergenceException e) {
            return null;
        }
    }

    /** The least purity margin (purity − target) over the products with a target. */
    public double leastMargin() {
        double least = Double.POSITIVE_INFINITY;
        for (SimulationReport.Product p : products) {
            if (p.target() != null) {
                least = Math.min(least, p.purity() - p.target());
            }
        }
        return least;
    }

    /** The report's lines. */
    public String text() {
        StringBuilder b = new StringBuilder();
        if (!met) {
            double least = leastMargin();
            b.append(String.format(Locale.ROOT, "Plant flows: no rounding to %s passes (%d steady states tried): %s. "
                    + "The flows are printed and written in full precision; for flows a plant can set, ask for "
                    + "slightly stricter targets (or a higher --robust probability) and round those.%n",
                    resolution.describe(digits), solves, Double.isFinite(least)
                            ? String.format(Locale.ROOT, "the exact flows meet the targets by only %.1e in purity, "
                            + "less than such a rounding moves them (or a rounding that meets them loses the robust "
                            + "design's probability)", least)
                            : "the exact case does not converge when solved again"));
            return b.toString();
        }
        b.append("Plant flows, rounded to ").append(resolution.describe(digits)).append(nearest
                ? " (each to the nearest)" : " (some the other way, so that every target holds)")
                .append(", verified by a new solve:\n");
        List<String> parts = new ArrayList<>();
        for (Field f : fields) {
            // the exact value to 10 significant digits: never fewer than the rounded one shows
            parts.add(f.name() + " " + f.rounded() + (f.unit().isEmpty() ? "" : " " + f.unit()) + " (exact "
                    + Formats.significant(f.exact(), 10) + ")");
        }
        b.append("  flows      ").append(String.join(", ", parts)).append('\n');
        List<String> purities = new ArrayList<>();
        for (SimulationReport.Product p : products) {
            if (p.target() != null) {
                purities.add(String.format(Locale.ROOT, "%s %s %s (target %s, %s)", p.name(),
                        String.join("+", p.purityOf()), Formats.percent(p.purity()), Formats.percent(p.target()),
                        Boolean.TRUE.equals(p.met()) ? "met" : "MISSED"));
            }
        }
        b.append("  purities   ").append(String.join("; ", purities)).append('\n');
        if (digits > resolution.digits()) {
            b.append(String.format(Locale.ROOT, "  note       %d significant digits missed a target: %d were needed%n",
                    resolution.digits(), digits));
        }
        b.append(String.format(Locale.ROOT, "  work       %d steady state%s; --case-out writes these flows "
                + "(--exact-flows writes the exact ones)%n", solves, solves == 1 ? "" : "s"));
        return b.toString();
    }

    /** The {@code rounded} object of the JSON document. */
    public ObjectNode json() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("met", met);
        o.put("digits", digits);
        if (resolution.step() != null) {
            o.put("stepLPerH", resolution.step());
        }
        o.put("nearest", nearest);
        o.put("solves", solves);
        if (!met && Double.isFinite(leastMargin())) {
            o.put("exactMargin", leastMargin());
        }
        ArrayNode fs = o.putArray("flows");
        for (Field f : fields) {
            ObjectNode x = fs.addObject();
            x.put("name", f.name());
            x.put("field", f.field());
            x.put("unit", f.unit());
            x.put("exact", f.exact());
            x.put("rounded", Double.parseDouble(f.rounded()));
        }
        ArrayNode ps = o.putArray("purities");
        for (SimulationReport.Product p : products) {
            if (p.target() != null) {
                ObjectNode x = ps.addObject();
                x.put("product", p.name());
                x.put("purity", p.purity());
                x.put("target", p.target());
                x.put("met", Boolean.TRUE.equals(p.met()));
            }
        }
        return o;
    }
}
