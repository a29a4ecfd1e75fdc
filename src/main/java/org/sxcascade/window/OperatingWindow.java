package org.sxcascade.window;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.solver.NoConvergenceException;
import org.sxcascade.solver.SteadyState;

/**
 * The operating window of a case of any model with targets (docs/design.md, "Operating window"):
 * for each input the case file controls (flows, saponification, reflux, feed flow) the range
 * within which every target holds with the other inputs at the case's values; the margin of each
 * target in nines; how far the key pair's separation factor (distribution ratio, K_ex) may move
 * before a target is missed; and, when asked, the feasible region of the two main inputs on a grid.
 *
 * <p>Each edge is found by stepping out from the case's value (steps doubling from 0.01 % of the
 * way to the search limit) until a target is missed, then by Brent's method on the least margin
 * (in nines) between the last point met and the first missed, to 1e-10 relative. The edge is
 * printed rounded towards the case's value, at the fewest significant digits (at least 3) whose
 * step is a tenth of the distance to the case's value or less, and that printed value and the
 * next one out (one step further) are simulated again from a cold start, as {@code simulate}
 * would: the edge is reported verified when the first meets every target and the second does not.
 */
public final class OperatingWindow {
    /** What lies beyond an edge. */
    public enum EdgeKind {
        /** A target is missed beyond it. */
        TARGET,
        /** The case is invalid or its steady state does not converge beyond it (the reason is given). */
        FAILURE,
        /** Every target holds up to the input's physical bound (e.g. reflux 0, saponification 0). */
        BOUND,
        /** Every target holds as far as the search went (a flow 1000 times smaller or larger). */
        SEARCH_LIMIT
    }

    /**
     * One edge of a range.
     *
     * @param kind     what lies beyond it
     * @param value    the edge found (the crossing to 1e-10 relative; the bound or search limit)
     * @param inside   the edge as printed, rounded towards the case's value (every target met there)
     * @param outside  the next value out at the printed digits (a target missed there), or {@code null}
     *                 for a bound or search limit
     * @param percent  its distance from the case's value, % of that value (NaN when that value is 0)
     * @param beyond   what fails at {@code outside} (the missed targets, or why it cannot be computed),
     *                 or what limits the search
     * @param verified whether {@code inside} met every target and {@code outside} did not, each
     *                 simulated from a cold start; {@code null} for a bound or search limit
     */
    public record Edge(EdgeKind kind, double value, String inside, String outside, double percent, String beyond,
                       Boolean verified) {
    }

    /**
     * The range of one input.
     *
     * @param input its field, unit and value in the case
     * @param lower the lowest value with every target met (the others at the case's values)
     * @param upper the highest such value
     */
    public record InputRange(ControlInput input, Edge lower, Edge upper) {
    }

    /**
     * How far the key pair's separation may change before a target is missed: the factors (or
     * distribution ratios, K_ex, correlation D) of {@code group} are all multiplied by one factor.
     *
     * @param symbol   what the text calls the scaled value, e.g. {@code β(Nd/Pr)} for the key pair's
     *                 ratio or {@code K_ex(Pr)} for one component's constant
     * @param quantity what is scaled, in words
     * @param group    the components whose factor is scaled (the more extractable side)
     * @param others   the components held
     * @param keyValue the value of {@code symbol} in the case: the key pair's ratio (least of
     *                 {@code group} over greatest of {@code others}) or the one component's constant;
     *                 NaN where the model has no constant one (correlation)
     * @param down     the lowest factor with every target met (as an {@link Edge} of the factor, 1 in the case)
     * @param up       the highest such factor
     */
    public record Tolerance(String symbol, String quantity, List<String> group, List<String> others, double keyValue,
                            Edge down, Edge up) {
    }

    /**
     * The feasible region of two inputs on a grid (the others at the case's values).
     *
     * @param x      the input along x
     * @param y      the input along y
     * @param xs     the grid's x values
     * @param ys     the grid's y values
     * @param margin the least target margin in nines at each point, [y][x] (NaN where the steady
     *               state could not be computed or the case is invalid)
     * @param met    whether every target holds at each point, [y][x]
     */
    public record Region(ControlInput x, ControlInput y, double[] xs, double[] ys, double[][] margin,
                         boolean[][] met) {
        /** Points of the grid where every target holds. */
        public int feasiblePoints() {
            int k = 0;
            for (boolean[] row : met) {
                for (boolean b : row) {
                    k += b ? 1 : 0;
                }
            }
            return k;
        }
    }

    /** Told the running count of solves, and the step being worked on. */
    public interface Progress {
        void update(int solves, String step);
    }

    private static final double FIRST_STEP = 1e-4;
    private static final double RELATIVE_ACCURACY = 1e-10;

    private final String name;
    private final List<NinesMargin> margins;
    private final List<InputRange> ranges;
    private final List<Tolerance> tolerances;
    private final Region region;
    private final int solves;

    private OperatingWindow(String name, List<NinesMargin> margins, List<InputRange> ranges, List<Tolerance> tolerances,
                            Region region, int solves) {
        this.name = name;
        this.margins = List.copyOf(margins);
        this.ranges = List.copyOf(ranges);
        this.tolerances = List.copyOf(tolerances);
        this.region = region;
        this.solves = solves;
    }

    /** The margin of each target at the case's values, in nines. */
    public List<NinesMargin> margins() {
        return margins;
    }

    /** The range of each input, in the order of {@link ControlInput#of}. */
    public List<InputRange> ranges() {
        return ranges;
    }

    /**
     * The tolerances: first the key pair's (the more extractable group's factors scaled together),
     * then, for mass action (K_ex or correlation), each component's own; empty when the case
     * misses a target.
     */
    public List<Tolerance> tolerances() {
        return tolerances;
    }

    /** The feasible region of the two main inputs, or {@code null} when not asked for (or a target is missed). */
    public Region region() {
        return region;
    }

    /** Steady states solved for the window (the verifications included). */
    public int solves() {
        return solves;
    }

    /** Whether every target holds at the case's values (else the window is empty and only the margins are given). */
    public boolean operatingPointMet() {
        return margins.stream().allMatch(NinesMargin::met);
    }

    /**
     * The default grid of the feasible region for a case: 25 × 25 points, 15 × 15 for a mass-action
     * case (each of its solves costs some hundred times a CMER one).
     */
    public static int defaultGrid(JsonNode tree) {
        return CaseReader.isMassAction(tree) ? 15 : 25;
    }

    /**
     * Computes the window of a case file's tree (the case as {@code simulate} reads it).
     *
     * @param tree       the case file's tree ({@link CaseReader#readTree}); only read
     * @param gridPoints points along each axis of the feasible region (≥ 3), or 0 for no region
     * @param progress   told the solves done (or {@code null})
     * @throws InvalidInputException (field {@code targets}) when the case has no target, or the
     *                               case reader's error for an invalid case
     * @throws NoConvergenceException when the case itself does not converge
     */
    public static OperatingWindow compute(JsonNode tree, int gridPoints, Progress progress) {
        if (gridPoints != 0 && (gridPoints < 3 || gridPoints > 201)) {
            throw new InvalidInputException("--window-grid", gridPoints, "0 (no region) or 3 to 201 points per axis");
        }
        String[] step = {"the case"};
        CaseEvaluator ev = new CaseEvaluator(tree, n -> {
            if (progress != null) {
                progress.update(n, step[0]);
            }
        });
        SimulationReport op = ev.operatingPoint();
        Evaluation at = CaseEvaluator.margins(op);
        if (at.margins().isEmpty()) {
            throw new InvalidInputException("targets", InvalidInputException.MISSING, "a targets section for an "
                    + "operating window, e.g. targets: {organic: {purity: 0.999}, aqueous: {purity: 0.999}} "
                    + "(docs/case-format.md): the window is the range in which every target holds");
        }
        String name = tree.path("name").asText("");
        if (!at.met()) {
            return new OperatingWindow(name, at.margins(), List.of(), List.of(), null, ev.solves());
        }
        SteadyState start = op.state();
        OperatingWindow.Search search = new Search(ev, start);
        List<InputRange> ranges = new ArrayList<>();
        for (ControlInput in : ControlInput.of(tree)) {
            step[0] = in.field();
            ranges.add(new InputRange(in, search.edge(in, -1), search.edge(in, +1)));
        }
        step[0] = "separation factors";
        List<Tolerance> tol = tolerances(tree, op, search);
        Region region = null;
        if (gridPoints > 0) {
            step[0] = "feasible region";
            region = region(ranges, gridPoints, ev, start);
        }
        return new OperatingWindow(name, at.margins(), ranges, tol, region, ev.solves());
    }

    /** The edge searches of one case, each starting warm from the case's own steady state. */
    private static final class Search {
        private final CaseEvaluator ev;
        private final SteadyState start;

        Search(CaseEvaluator ev, SteadyState start) {
            this.ev = ev;
            this.start = start;
        }

        /** A point that cannot be judged inside Brent's method. */
        private static final class Unjudged extends RuntimeException {
            Unjudged() {
                super(null, null, false, false);
            }
        }

        private Evaluation at(ControlInput in, double x, boolean warm) {
            return ev.evaluate(List.of(in.change().apply(x)), warm);
        }

        Edge edge(ControlInput in, int dir) {
            ev.restart(start);
            double x0 = in.value();
            double limit = dir > 0 ? in.upper() : in.lower();
            boolean bound = dir > 0 ? in.upperBound() : in.lowerBound();
            boolean excluded = bound && dir > 0; // an upper bound is that of a fraction, < 1
            if (excluded) {
                limit -= ControlInput.BELOW_ONE;
            }
            if (bound && (limit - x0) * dir <= 0) {
                return new Edge(EdgeKind.BOUND, x0, format(x0), null, 0, boundText(in, dir), null);
            }
            double good = x0;
            double bad = Double.NaN;
            Evaluation badAt = null;
            for (double s = FIRST_STEP; ; s *= 2) {
                double sc = Math.min(s, 1);
                double x = bound ? (sc == 1 ? limit : x0 + sc * (limit - x0)) : x0 * Math.pow(limit / x0, sc);
                Evaluation e = at(in, x, true);
                if (!e.met()) {
                    bad = x;
                    badAt = e;
                    break;
                }
                good = x;
                if (sc == 1) {
                    return bound ? new Edge(EdgeKind.BOUND, x, format(x), null, percent(x, x0), boundText(in, dir), null)
                            : new Edge(EdgeKind.SEARCH_LIMIT, x, format(x), null, percent(x, x0),
                            "every target still met " + (dir > 0 ? ControlInput.FLOW_SEARCH + " times higher"
                                    : ControlInput.FLOW_SEARCH + " times lower") + " (the search limit)", null);
                }
            }
            double tol = RELATIVE_ACCURACY * Math.max(Math.abs(x0), Math.abs(bad));
            double root = Double.NaN;
            if (badAt.failure() == null) {
                try {
                    double g = good;
                    root = new BrentSolver(RELATIVE_ACCURACY, tol).solve(200, x -> {
                        Evaluation e = at(in, x, true);
                        if (e.failure() != null) {
                            throw new Unjudged();
                        }
                        return e.leastMargin();
                    }, Math.min(g, bad), Math.max(g, bad));
                } catch (Unjudged | TooManyEvaluationsException e) {
                    root = Double.NaN;
                }
            }
            if (Double.isNaN(root)) { // bisection on "every target met" (a failed point counts as not met)
                while (Math.abs(bad - good) > tol) {
                    double mid = 0.5 * (good + bad);
                    if (at(in, mid, true).met()) {
                        good = mid;
                    } else {
                        bad = mid;
                    }
                }
                root = 0.5 * (good + bad);
            }
            return printed(in, dir, root, tol);
        }

        /** The edge at the printed digits, verified by cold-start simulations just inside and just outside. */
        private Edge printed(ControlInput in, int dir, double root, double tol) {
            double x0 = in.value();
            Edge fallback = null;
            int magnitude = (int) Math.floor(Math.log10(Math.abs(root)));
            for (int digits = 3; digits <= 13; digits++) {
                int scale = digits - 1 - magnitude;
                BigDecimal step = BigDecimal.ONE.movePointLeft(scale);
                if (step.doubleValue() > Math.abs(root - x0) / 10 && digits < 13) {
                    continue;
                }
                BigDecimal inside = new BigDecimal(root).setScale(scale, dir > 0 ? RoundingMode.FLOOR
                        : RoundingMode.CEILING);
                BigDecimal outside = dir > 0 ? inside.add(step) : inside.subtract(step);
                double vi = inside.doubleValue();
                double vo = outside.doubleValue();
                if ((vi - x0) * dir < 0 || Math.abs(root - vi) < 10 * tol || Math.abs(vo - root) < 10 * tol) {
                    continue;
                }
                Evaluation ei = at(in, vi, false);
                Evaluation eo = at(in, vo, false);
                boolean ok = ei.met() && !eo.met();
                EdgeKind kind = eo.failure() != null ? EdgeKind.FAILURE : EdgeKind.TARGET;
                String beyond = eo.met() ? "every target met (not verified)" : eo.missed();
                Edge e = new Edge(kind, root, inside.toPlainString(), outside.toPlainString(), percent(root, x0), beyond,
                        ok);
                if (ok) {
                    return e;
                }
                if (fallback == null) {
                    fallback = e;
                }
            }
            return fallback != null ? fallback : new Edge(EdgeKind.TARGET, root, format(root), null,
                    percent(root, x0), "not resolved at 13 digits", false);
        }
    }

    private static String boundText(ControlInput in, int dir) {
        if (dir > 0) {
            return "every target met up to the physical bound: " + in.field() + " < 1 (searched to 1 − 1e-6)";
        }
        return "every target met down to the physical bound " + in.field() + " = 0";
    }

    private static double percent(double x, double x0) {
        return x0 == 0 ? Double.NaN : 100 * (x - x0) / x0;
    }

    private static String plain(BigDecimal b) {
        String s = b.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** A number at 6 significant digits, plain. */
    static String format(double x) {
        if (x == 0) {
            return "0";
        }
        return plain(new BigDecimal(x).round(new java.math.MathContext(6, RoundingMode.HALF_EVEN)));
    }

    // ---- the tolerance on the separation factors

    /**
     * The tolerances of a case: the key pair's (the more extractable group's factors scaled, the
     * others held), then for mass action each component's K_ex (or correlation D) alone.
     */
    private static List<Tolerance> tolerances(JsonNode tree, SimulationReport op, Search search) {
        JsonNode comps = tree.path("components");
        List<String> names = new ArrayList<>();
        for (JsonNode c : comps) {
            names.add(c.path("name").asText());
        }
        SimulationReport.Product raffinate = op.products().stream()
                .filter(p -> !p.organic() && p.stage() == 1 && p.target() != null).findFirst().orElse(null);
        List<String> group = new ArrayList<>();
        if (raffinate != null) {
            names.stream().filter(n -> !raffinate.purityOf().contains(n)).forEach(group::add);
        } else {
            op.products().stream().filter(p -> p.target() != null).findFirst().ifPresent(p -> group.addAll(p.purityOf()));
        }
        String model = tree.path("model").asText(CaseReader.SEPARATION_FACTORS);
        boolean massAction = CaseReader.MASS_ACTION.equals(model);
        boolean correlation = massAction && comps.get(0).has("correlation");
        String key = correlation ? "correlation" : massAction ? "exchangeConstant"
                : CaseReader.DISTRIBUTION_RATIOS.equals(model) ? "distributionRatio" : "separationFactor";
        String symbol = correlation ? "D" : massAction ? "K_ex" : key.equals("distributionRatio") ? "D" : "β";
        String quantity = correlation ? "distribution ratios D of the correlation (log10 D intercepts shifted)"
                : massAction ? "exchange constants K_ex" : key.equals("distributionRatio") ? "distribution ratios D"
                : "separation factors β";
        double[] base = new double[names.size()];
        for (int i = 0; i < names.size(); i++) {
            base[i] = correlation ? ControlInput.number(comps.get(i).path("correlation"), "intercept")
                    : ControlInput.number(comps.get(i), key);
        }
        List<Tolerance> list = new ArrayList<>();
        if (!group.isEmpty() && group.size() < names.size()) {
            list.add(scaled(search, names, base, group, key, correlation, quantity, symbol, true));
        }
        if (massAction) {
            for (String n : names) {
                if (!list.isEmpty() && list.get(0).group().equals(List.of(n))) {
                    continue; // the key pair's scaling already scales this one alone
                }
                list.add(scaled(search, names, base, List.of(n), key, correlation, quantity, symbol, false));
            }
        }
        return list;
    }

    /** The tolerance of one group scaled by a common factor, the others held. */
    private static Tolerance scaled(Search search, List<String> names, double[] base, List<String> group, String key,
                                    boolean correlation, String quantity, String symbol, boolean pair) {
        List<String> others = names.stream().filter(n -> !group.contains(n)).toList();
        double least = Double.POSITIVE_INFINITY;
        double most = 0;
        for (int i = 0; i < names.size(); i++) {
            if (group.contains(names.get(i))) {
                least = Math.min(least, base[i]);
            } else {
                most = Math.max(most, base[i]);
            }
        }
        double value = correlation ? Double.NaN : pair ? least / most : least;
        String name = pair ? symbol + "(" + String.join("+", group) + "/" + String.join("+", others) + ")"
                : symbol + "(" + group.get(0) + ")";
        ControlInput factor = new ControlInput("factor", quantity + " of " + String.join("+", group), "", 1,
                1 / 100.0, false, 10, false, f -> t -> {
                    JsonNode list = t.get("components");
                    for (int i = 0; i < base.length; i++) {
                        if (group.contains(names.get(i))) {
                            if (correlation) {
                                ((ObjectNode) list.get(i).get("correlation")).put("intercept", base[i] + Math.log10(f));
                            } else {
                                ((ObjectNode) list.get(i)).put(key, base[i] * f);
                            }
                        }
                    }
                });
        return new Tolerance(name, quantity, List.copyOf(group), others, value, search.edge(factor, -1),
                search.edge(factor, +1));
    }

    // ---- the feasible region of the two main inputs

    /**
     * The two inputs an engineer sets to place a cascade: the organic flow and the scrub (CMER:
     * organic and scrub flow, or S and W; mass action: organic flow and the reflux, or the scrub
     * acid flow, or the saponification when there is neither).
     */
    static int[] mainPair(List<InputRange> ranges) {
        List<String> f = ranges.stream().map(r -> r.input().field()).toList();
        int x = f.contains("flows.organicFlow") ? f.indexOf("flows.organicFlow") : f.indexOf("flows.extractant");
        int y = -1;
        for (String s : List.of("flows.reflux", "flows.scrubFlow", "flows.scrub", "flows.saponification", "feed.flow")) {
            if (f.contains(s)) {
                y = f.indexOf(s);
                break;
            }
        }
        return x < 0 || y < 0 ? null : new int[] {x, y};
    }

    private static Region region(List<InputRange> ranges, int n, CaseEvaluator ev, SteadyState start) {
        int[] pair = mainPair(ranges);
        if (pair == null) {
            return null;
        }
        InputRange rx = ranges.get(pair[0]);
        InputRange ry = ranges.get(pair[1]);
        double[] xs = axis(rx, n);
        double[] ys = axis(ry, n);
        double[][] margin = new double[n][n];
        boolean[][] met = new boolean[n][n];
        ev.restart(start);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                int j = i % 2 == 0 ? k : n - 1 - k; // a serpentine: each point next to the last (warm starts)
                Evaluation e = ev.evaluate(List.of(rx.input().change().apply(xs[j]), ry.input().change().apply(ys[i])),
                        true);
                margin[i][j] = e.leastMargin();
                met[i][j] = e.met();
            }
        }
        return new Region(rx.input(), ry.input(), xs, ys, margin, met);
    }

    /** The grid along one input: three times its window's larger half-width about the case's value (at most ±50 %). */
    private static double[] axis(InputRange r, int n) {
        double x0 = r.input().value();
        double rel = 0;
        for (Edge e : List.of(r.lower(), r.upper())) {
            if (e.kind() == EdgeKind.TARGET || e.kind() == EdgeKind.FAILURE) {
                rel = Math.max(rel, Math.abs(e.value() - x0) / Math.abs(x0));
            }
        }
        double half = rel > 0 ? Math.min(0.5, 3 * rel) : 0.5;
        double lo = Math.max(x0 * (1 - half), r.input().lowerBound() ? r.input().lower() : 0);
        double hi = x0 * (1 + half);
        if (r.input().upperBound()) {
            hi = Math.min(hi, r.input().upper() - ControlInput.BELOW_ONE);
        }
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = lo + (hi - lo) * i / (n - 1);
        }
        return xs;
    }

    // ---- output

    private static String signedPercent(double p) {
        if (Double.isNaN(p)) {
            return "";
        }
        String s = Math.abs(p) >= 1000 ? String.format(Locale.ROOT, "%+.0f %%", p)
                : String.format(Locale.ROOT, "%+.3g %%", p);
        return s.replace("-", "−");
    }

    /**
     * An edge of a range as printed, e.g. {@code 2499.72 L/h (−0.0115 %)}.
     *
     * @param dir −1 for the lower edge, +1 for the upper
     */
    public static String edgeText(InputRange r, Edge e, int dir) {
        ControlInput in = r.input();
        return switch (e.kind()) {
            case TARGET, FAILURE -> in.withUnit(e.inside()) + " (" + signedPercent(e.percent()) + ")";
            case BOUND -> in.withUnit(e.inside()) + " (bound)";
            case SEARCH_LIMIT -> (dir < 0 ? "≤ " : "≥ ") + in.withUnit(e.inside()) + " (search limit)";
        };
    }

    /** What lies beyond an edge, e.g. {@code at 2499.71: aqueous purity of Pr missed}. */
    public static String beyondText(Edge e, int dir) {
        if (e.kind() == EdgeKind.BOUND || e.kind() == EdgeKind.SEARCH_LIMIT) {
            return e.beyond();
        }
        return "at " + e.outside() + ": " + e.beyond() + (Boolean.TRUE.equals(e.verified()) ? ""
                : " (the printed edge could not be verified)");
    }

    /** The window as text: the target margins, the range of each input, the tolerance on β. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append("Operating window\n");
        b.append("Target margins in nines: nines(P) = −log10(1 − P); margin = nines(reached) − nines(target)\n");
        SimulationReport.Table t = new SimulationReport.Table();
        t.row(List.of("target", "reached", "required", "margin"));
        for (NinesMargin m : margins) {
            t.row(List.of(m.label(), percentOf(m.reached(), m.shortfall()),
                    plain(new BigDecimal(Double.toString(100 * m.target()))) + " %",
                    String.format(Locale.ROOT, "%+.3f nines%s", m.margin(), m.met() ? "" : " (missed)")
                            .replace('-', '−')));
        }
        b.append(t.render());
        if (!operatingPointMet()) {
            b.append("The case misses a target, so there is no operating window around it: the ranges and the "
                    + "tolerance need a case that meets every target (`sxcascade design` finds one).\n");
            return b.toString();
        }
        b.append('\n');
        b.append("Range of each input with every target met, the others at the case's values\n"
                + "(edges rounded towards the case's value; the next value out at the same digits misses)\n");
        SimulationReport.Table r = new SimulationReport.Table();
        r.row(List.of("input", "field", "case", "lowest", "highest"));
        for (InputRange ir : ranges) {
            ControlInput in = ir.input();
            r.row(List.of(in.label(), in.field(), in.withUnit(plain(BigDecimal.valueOf(in.value()))), edgeText(ir, ir.lower(), -1),
                    edgeText(ir, ir.upper(), +1)));
        }
        b.append(r.render());
        b.append("Beyond the edges:\n");
        for (InputRange ir : ranges) {
            b.append("  ").append(ir.input().field()).append(": below, ").append(beyondText(ir.lower(), -1))
                    .append("; above, ").append(beyondText(ir.upper(), +1)).append('\n');
        }
        if (!tolerances.isEmpty()) {
            b.append('\n').append("Tolerance on the ").append(tolerances.get(0).quantity())
                    .append(" (the named components' values scaled by one factor, the others held):\n");
            toleranceLines().forEach(line -> b.append("  ").append(line).append('\n'));
        }
        if (region != null) {
            b.append('\n').append(String.format(Locale.ROOT, "Feasible region of %s and %s: %d of %d grid points "
                    + "meet every target (chart with --plot)%n", region.x().field(), region.y().field(),
                    region.feasiblePoints(), region.xs().length * region.ys().length));
        }
        b.append(String.format(Locale.ROOT, "(%d steady states solved for the window)%n", solves));
        return b.toString();
    }

    /** The tolerances in words, two lines each (down, up), e.g. "β(Nd/Pr) may fall 2.48 % (to 1.46273) before …". */
    public List<String> toleranceLines() {
        List<String> lines = new ArrayList<>();
        for (Tolerance tol : tolerances) {
            lines.add(toleranceText(tol, tol.down(), -1));
            lines.add(toleranceText(tol, tol.up(), +1));
        }
        return lines;
    }

    private static String toleranceText(Tolerance tolerance, Edge e, int dir) {
        String verb = dir < 0 ? "fall" : "rise";
        String sym = tolerance.symbol();
        String to = Double.isNaN(tolerance.keyValue()) ? ""
                : String.format(Locale.ROOT, " (to %s)", format(tolerance.keyValue() * e.value()));
        String pct = signedPercent(Math.abs(e.percent())).substring(1);
        return switch (e.kind()) {
            case TARGET, FAILURE -> sym + " may " + verb + " " + pct + to + " before " + (e.kind() == EdgeKind.TARGET
                    ? missedText(e.beyond()) : "the case fails: " + e.beyond())
                    + " (factor " + e.inside() + " met, " + e.outside() + " missed"
                    + (Boolean.TRUE.equals(e.verified()) ? "" : "; not verified") + ")";
            case BOUND, SEARCH_LIMIT -> sym + " may " + verb + " at least " + pct + to + " with every target still "
                    + "met (the search limit)";
        };
    }

    /** "A missed" as "A is missed", "A, B missed" as "A and B are missed". */
    private static String missedText(String beyond) {
        String list = beyond.endsWith(" missed") ? beyond.substring(0, beyond.length() - " missed".length()) : beyond;
        int comma = list.lastIndexOf(", ");
        return comma < 0 ? list + " is missed" : list.substring(0, comma) + " and " + list.substring(comma + 2)
                + " are missed";
    }

    /** A purity in %, with enough decimals to show its nines (two beyond the first non-9 digit). */
    public static String percentOf(double p, double complement) {
        int decimals = Math.max(2, Math.min(14, (int) Math.ceil(-Math.log10(Math.max(complement, 1e-16))) + 1));
        return String.format(Locale.ROOT, "%." + decimals + "f %%", 100 * p);
    }

    /** The window as JSON (docs/commands.md, {@code simulate --window}). */
    public ObjectNode toJson() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("operatingPointMet", operatingPointMet());
        ArrayNode ms = o.putArray("margins");
        for (NinesMargin t : margins) {
            ObjectNode x = ms.addObject();
            x.put("target", t.label());
            x.put("reached", t.reached());
            x.put("required", t.target());
            x.put("nines", NinesMargin.nines(t.shortfall()));
            x.put("requiredNines", NinesMargin.nines(1 - t.target()));
            x.put("margin", t.margin());
            x.put("met", t.met());
        }
        ArrayNode rs = o.putArray("inputs");
        for (InputRange ir : ranges) {
            ObjectNode x = rs.addObject();
            x.put("field", ir.input().field());
            x.put("label", ir.input().label());
            x.put("unit", ir.input().unit());
            x.put("value", ir.input().value());
            edgeJson(x.putObject("lower"), ir.lower());
            edgeJson(x.putObject("upper"), ir.upper());
        }
        ArrayNode ts = o.putArray("tolerances");
        for (Tolerance tolerance : tolerances) {
            ObjectNode x = ts.addObject();
            x.put("symbol", tolerance.symbol());
            x.put("quantity", tolerance.quantity());
            tolerance.group().forEach(x.putArray("scaled")::add);
            tolerance.others().forEach(x.putArray("held")::add);
            if (!Double.isNaN(tolerance.keyValue())) {
                x.put("value", tolerance.keyValue());
            }
            edgeJson(x.putObject("down"), tolerance.down());
            edgeJson(x.putObject("up"), tolerance.up());
        }
        if (region != null) {
            ObjectNode x = o.putObject("region");
            x.put("x", region.x().field());
            x.put("y", region.y().field());
            ArrayNode xs = x.putArray("xs");
            for (double v : region.xs()) {
                xs.add(v);
            }
            ArrayNode ys = x.putArray("ys");
            for (double v : region.ys()) {
                ys.add(v);
            }
            ArrayNode met = x.putArray("met");
            for (boolean[] row : region.met()) {
                ArrayNode a = met.addArray();
                for (boolean v : row) {
                    a.add(v);
                }
            }
            x.put("feasiblePoints", region.feasiblePoints());
        }
        o.put("solves", solves);
        return o;
    }

    private static void edgeJson(ObjectNode x, Edge e) {
        x.put("kind", e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        x.put("value", e.value());
        x.put("printed", e.inside());
        if (e.outside() != null) {
            x.put("outside", e.outside());
        }
        if (!Double.isNaN(e.percent())) {
            x.put("percent", e.percent());
        }
        x.put("beyond", e.beyond());
        if (e.verified() != null) {
            x.put("verified", e.verified());
        }
    }

    /** The case's name (for chart titles). */
    public String name() {
        return name;
    }
}
