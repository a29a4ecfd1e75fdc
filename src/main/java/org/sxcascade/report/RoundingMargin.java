package org.sxcascade.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.sxcascade.design.TargetOverrides;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.optimize.Optimization;
import org.sxcascade.optimize.OptimizeRequest;
import org.sxcascade.optimize.OptimizeResult;

/**
 * An optimum that keeps a margin for the rounding of its flows (issue 17): an optimum sits on its
 * targets (the least-Φ optimum of {@code cases/pr-nd-p507.yaml} by 6e-11 in purity, the mass-action
 * optimum of {@code cases/pr-nd-mass-action.yaml} by 2e-9), so no rounding of its flows holds them.
 * When the rounding at the asked resolution fails, the optimization runs again, for any model, on
 * the case with every purity and recovery target tightened by δ nines,
 * P' = 1 − (1 − P)·10^(−δ), and the new optimum's flows are rounded and verified against the
 * case's own targets. δ starts at twice the shortfall of the exact optimum's nearest rounding
 * (the purity's response to a rounding step, measured by one solve; at least 0.01 nines) and
 * grows (at least doubling, by twice the new optimum's shortfall) until a rounding holds, up to
 * {@link #MOST_NINES}; a rounding whose shortfall is larger than half that is tried at one more
 * significant digit instead, up to {@link RoundedFlows#MAX_DIGITS}. At most {@link #MAX_RUNS}
 * optimizations in all.
 *
 * @param nines    the margin δ the targets were tightened by, in nines
 * @param runs     optimizations run (the exact one not counted)
 * @param asked    the resolution asked ({@code rounded} may have needed more digits)
 * @param exact    the optimum at the case's targets (its flows sit on them)
 * @param optimum  the optimum at the tightened targets, whose rounded flows are printed and written
 * @param rounded  its flows rounded and verified against the case's targets
 */
public record RoundingMargin(double nines, int runs, RoundedFlows.Resolution asked, OptimizeResult exact,
                             OptimizeResult optimum, RoundedFlows rounded) {
    /** Most optimizations run with a margin before giving up. */
    public static final int MAX_RUNS = 8;

    /** The smallest margin tried, in nines (2.3 % less impurity than a target allows). */
    public static final double LEAST_NINES = 0.01;

    /**
     * The largest margin tried at a number of digits, in nines (a third of the impurity a target
     * allows): a rounding that needs more (its step moves the product split itself, e.g. the
     * organic and scrub flows of a CMER case whose difference sets the split) is tried at one
     * more significant digit instead.
     */
    public static final double MOST_NINES = 0.5;

    /** Options that set targets; the tightened case carries its targets itself. */
    private static final List<String> TARGET_OPTIONS = List.of("--organic-purity", "--aqueous-purity",
            "--organic-recovery", "--aqueous-recovery");

    /**
     * Re-optimizes with tightened targets until a rounding at {@code resolution} holds the case's
     * targets, or returns {@code null} when none did within {@link #MAX_RUNS} runs (or the tightened
     * targets are out of reach).
     *
     * @param caseFile  the case optimized
     * @param request   the optimize request (its target options are in {@code exactYaml} already)
     * @param exact     the optimum at the case's targets
     * @param exactYaml its written case ({@link CaseHandOff#complete} of {@link OptimumReport#caseYaml})
     * @param progress  the search's progress, or {@code null}
     */
    public static RoundingMargin search(Path caseFile, OptimizeRequest request, OptimizeResult exact, String exactYaml,
                                        RoundedFlows.Resolution resolution, BiConsumer<Double, String> progress) {
        JsonNode exactTree = CaseTreeYaml.parse(exactYaml);
        String targets = targetsBlock(exactYaml);
        if (!exactTree.path("targets").isObject() || targets == null) {
            return null;
        }
        Map<String, String> given = new HashMap<>(request.given());
        TARGET_OPTIONS.forEach(given::remove);
        OptimizeRequest tightened = new OptimizeRequest(request.objective(), request.maxStages(),
                request.maxExtractant(), request.minRatio(), request.maxRatio(), request.extractionStages(),
                request.scrubStages(), request.extractant(), request.scrub(), request.reagentExcess(),
                request.pareto(), request.paretoMaxStages(), TargetOverrides.NONE, request.charts(), given);
        // the input case (its own flows, for the comparison) with the targets the exact optimum met
        ObjectNode input = (ObjectNode) new org.sxcascade.io.CaseReader().readTree(caseFile).deepCopy();
        input.set("targets", exactTree.get("targets").deepCopy());
        boolean byDigits = resolution.step() == null
                || exact.flows().stream().anyMatch(q -> q.field() != null && !"L/h".equals(q.unit()));
        int runs = 0;
        for (int digits = resolution.digits(); digits <= (byDigits ? RoundedFlows.MAX_DIGITS : resolution.digits());
             digits++) {
            RoundedFlows.Resolution at = new RoundedFlows.Resolution(digits, resolution.step());
            double shortfall = RoundedFlows.nearestShortfallNines(exactYaml, exact.flows(), at);
            if (!(shortfall <= MOST_NINES / 2)) {
                continue; // a margin this rounding needs would cost too much: one more digit
            }
            double nines = Math.max(LEAST_NINES, 2 * shortfall);
            while (nines <= MOST_NINES && runs < MAX_RUNS) {
                ObjectNode tree = input.deepCopy();
                tighten(tree.get("targets"), nines);
                OptimizeResult o = optimize(tree, tightened, progress);
                runs++;
                if (o == null) {
                    break; // the tightened targets are out of reach within the bounds: one more digit
                }
                String yaml = withTargets(CaseHandOff.complete(OptimumReport.caseYaml(o), tree), targets,
                        String.format(Locale.ROOT, "Optimized with every target tightened by %s nines, so that its "
                                        + "flows rounded to %s hold the targets below (docs/design.md, \"Rounded "
                                        + "plant flows\").", Formats.general(nines), at.describe(digits)));
                RoundedFlows r = RoundedFlows.atResolution(yaml, o.flows(), at);
                if (r.met()) {
                    return new RoundingMargin(nines, runs, resolution, exact, o, r);
                }
                double more = RoundedFlows.nearestShortfallNines(yaml, o.flows(), at);
                nines = Math.max(2 * nines, nines + 2 * (Double.isFinite(more) ? more : nines));
            }
        }
        return null;
    }

    /**
     * The optimum of a case tree, or {@code null} when its targets are out of reach within the
     * bounds or a steady state of the search does not converge.
     */
    private static OptimizeResult optimize(ObjectNode tree, OptimizeRequest request,
                                           BiConsumer<Double, String> progress) {
        Path temp = null;
        try {
            temp = Files.createTempFile("sxcascade-margin-", ".yaml");
            Files.writeString(temp, CaseTreeYaml.write(List.of(), tree));
            return Optimization.optimize(temp, request, progress);
        } catch (InvalidInputException | org.sxcascade.solver.NoConvergenceException e) {
            return null; // out of reach within the bounds, or not solved: no optimum with this margin
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a temporary file left behind does no harm
                }
            }
        }
    }

    /** Every {@code purity} and {@code recovery} under {@code targets} tightened by {@code nines}. */
    static void tighten(JsonNode node, double nines) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if ((e.getKey().equals("purity") || e.getKey().equals("recovery")) && e.getValue().isNumber()) {
                    double p = e.getValue().asDouble();
                    o.put(e.getKey(), 1 - (1 - p) * Math.pow(10, -nines));
                } else {
                    tighten(e.getValue(), nines);
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(x -> tighten(x, nines));
        }
    }

    /** The top-level {@code targets:} block of a case's text (its line and the indented lines after it), or null. */
    static String targetsBlock(String yaml) {
        int[] at = targetsLines(yaml.split("\n", -1));
        if (at == null) {
            return null;
        }
        String[] lines = yaml.split("\n", -1);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, at[0], at[1]));
    }

    private static int[] targetsLines(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("targets:")) {
                int end = i + 1;
                while (end < lines.length && (lines[end].startsWith(" ") || lines[end].startsWith("-"))) {
                    end++;
                }
                return new int[] {i, end};
            }
        }
        return null;
    }

    /** The case's text with its targets block replaced by {@code targets}, under one more comment line. */
    private static String withTargets(String yaml, String targets, String comment) {
        String[] lines = yaml.split("\n", -1);
        int[] at = targetsLines(lines);
        List<String> out = new ArrayList<>();
        out.add("# " + comment);
        for (int i = 0; i < lines.length; i++) {
            if (i == at[0]) {
                out.add(targets);
            } else if (i < at[0] || i >= at[1]) {
                out.add(lines[i]);
            }
        }
        return String.join("\n", out);
    }

    /** The objective's premium over the exact optimum, in its unit. */
    public double premium() {
        return optimum.objective().value() - exact.objective().value();
    }

    /** The cost premium in the case's currency per year, or {@code null} without a cost model. */
    public Double costPremium() {
        return optimum.cost() == null || exact.cost() == null ? null : optimum.cost().total() - exact.cost().total();
    }

    /** The report's lines. */
    public String text() {
        OptimizeResult.ObjectiveValue e = exact.objective();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Margin for rounding: no rounding of the exact optimum's flows to %s "
                        + "holds the targets (they sit on them), so the optimum above is the one at every target "
                        + "tightened by %s nines (%d optimization%s), whose flows rounded to %s hold them%n",
                asked.describe(asked.digits()), Formats.general(nines), runs, runs == 1 ? "" : "s",
                rounded.resolution().describe(rounded.digits())));
        b.append(String.format(Locale.ROOT, "  exact      %s %s at the targets themselves (its flows are not "
                        + "operating flows: no rounding of them holds the targets)%n", Formats.general(e.value()),
                e.unit()));
        b.append(String.format(Locale.ROOT, "  premium    %+.3g %s (%+.3f %%) for the margin%s%n", premium(), e.unit(),
                100 * premium() / e.value(), costPremium() == null ? "" : String.format(Locale.ROOT,
                        "; annual cost %+.4g %s/year (%+.3f %%)", costPremium(), exact.cost().currency(),
                        100 * costPremium() / exact.cost().total())));
        List<String> margins = new ArrayList<>();
        for (SimulationReport.Product p : rounded.products()) {
            if (p.target() != null) {
                margins.add(String.format(Locale.ROOT, "%s %+.4f nines", p.name(),
                        RoundedFlows.marginNines(p.purity(), p.target())));
            }
        }
        b.append("  margins    at the rounded flows: ").append(String.join(", ", margins)).append('\n');
        return b.toString();
    }

    /** The {@code roundingMargin} object of the JSON document. */
    public ObjectNode json() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("nines", nines);
        o.put("runs", runs);
        o.put("exactObjective", exact.objective().value());
        o.put("objective", optimum.objective().value());
        o.put("unit", exact.objective().unit());
        o.put("premium", premium());
        o.put("premiumPercent", 100 * premium() / exact.objective().value());
        if (costPremium() != null) {
            o.put("costPremium", costPremium());
            o.put("costPremiumPercent", 100 * costPremium() / exact.cost().total());
            o.put("currency", exact.cost().currency());
        }
        ArrayNode ms = o.putArray("marginsNines");
        for (SimulationReport.Product p : rounded.products()) {
            if (p.target() != null) {
                ObjectNode x = ms.addObject();
                x.put("product", p.name());
                x.put("margin", RoundedFlows.marginNines(p.purity(), p.target()));
            }
        }
        return o;
    }
}
