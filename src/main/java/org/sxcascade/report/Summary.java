package org.sxcascade.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * The parts of the summary that every design and optimum shows, whatever its model
 * ({@link org.sxcascade.design.DesignResult}, {@link org.sxcascade.optimize.OptimizeResult}): stage
 * counts, named operating quantities, purities against targets, and the model's own sections as
 * data (text lines and JSON fields) that {@link DesignReport} and {@link OptimumReport} render.
 */
public final class Summary {
    private Summary() {
    }

    /**
     * A named operating quantity.
     *
     * @param name   what it is, in words ("S", "organic", "reflux")
     * @param value  its value
     * @param format how the report prints it ({@link String#format} pattern, or {@code null} for six
     *               significant digits without trailing zeros)
     * @param unit   its unit ("" for a fraction)
     * @param field  its case-file field (e.g. {@code flows.organicFlow}), or {@code null} when the case
     *               file does not set it directly
     */
    public record Quantity(String name, double value, String format, String unit, String field) {
        /** The value as the report prints it. */
        public String formatted() {
            return format == null ? Formats.general(value) : String.format(Locale.ROOT, format, value);
        }

        /** "name = value unit". */
        public String text() {
            return name + " = " + formatted() + (unit.isEmpty() ? "" : " " + unit);
        }
    }

    /**
     * Stage counts by section.
     *
     * @param extraction extraction stages n
     * @param scrub      scrub stages m
     * @param strip      strip stages (0 without a strip section)
     * @param feedPhase  the phase the feed enters in ("aqueous", "organic")
     * @param feedStages the stages the feeds enter
     */
    public record StageCounts(int extraction, int scrub, int strip, String feedPhase, List<Integer> feedStages) {
        public StageCounts {
            feedStages = List.copyOf(feedStages);
        }

        /** All stages. */
        public int total() {
            return extraction + scrub + strip;
        }

        /** Where the feeds enter: "the aqueous feed enters stage 27". */
        public String feedsText() {
            return feedStages.size() == 1 ? String.format(Locale.ROOT, "the %s feed enters stage %d", feedPhase,
                    feedStages.get(0)) : String.format(Locale.ROOT, "the %s feeds enter stages %s", feedPhase,
                    String.join(", ", feedStages.stream().map(String::valueOf).toList()));
        }

        /** "n extraction + m scrub [+ k strip] = N stages". */
        public String text() {
            return String.format(Locale.ROOT, "%d extraction + %d scrub%s = %d stages", extraction, scrub,
                    strip > 0 ? " + " + strip + " strip" : "", total());
        }
    }

    /**
     * A product's purity against its target.
     *
     * @param product the product in words ("P_A, loaded organic", "raffinate Pr")
     * @param purity  its purity at the optimum (verification solve)
     * @param target  its purity target
     */
    public record Purity(String product, double purity, double target) {
        /** Purity above the target (negative when missed). */
        public double margin() {
            return purity - target;
        }
    }

    /**
     * A search-specific section: a title (or {@code null} for lines that continue the optimum
     * block), its report lines and its JSON fields (merged into the JSON document).
     *
     * @param title the section's heading, or {@code null}
     * @param lines its lines, each ending with a newline
     * @param json  its JSON fields, or {@code null}
     */
    public record Section(String title, String lines, ObjectNode json) {
    }

    /** Adds a section's JSON fields to a document, object fields merged into those already there. */
    public static void merge(ObjectNode into, ObjectNode from) {
        java.util.Iterator<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = from.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (into.get(e.getKey()) instanceof ObjectNode t && e.getValue() instanceof ObjectNode f) {
                merge(t, f);
            } else {
                into.set(e.getKey(), e.getValue());
            }
        }
    }

    /** Writes stage counts as the JSON object both reports give ({@code stages}). */
    public static void putStages(ObjectNode s, StageCounts c) {
        s.put("extraction", c.extraction());
        s.put("scrub", c.scrub());
        s.put("strip", c.strip());
        s.put("total", c.total());
        s.put("feedPhase", c.feedPhase());
        c.feedStages().forEach(s.putArray("feedStages")::add);
    }

    /** Writes quantities as the JSON array both reports give ({@code operatingFlows}). */
    public static void putFlows(com.fasterxml.jackson.databind.node.ArrayNode a, List<Quantity> flows) {
        for (Quantity q : flows) {
            ObjectNode x = a.addObject();
            x.put("name", q.name());
            x.put("value", q.value());
            x.put("unit", q.unit());
            if (q.field() != null) {
                x.put("field", q.field());
            }
        }
    }

    /** Writes purities as the JSON array both reports give ({@code productPurities}). */
    public static void putPurities(com.fasterxml.jackson.databind.node.ArrayNode a, List<Purity> purities) {
        for (Purity p : purities) {
            ObjectNode x = a.addObject();
            x.put("product", p.product());
            x.put("purity", p.purity());
            x.put("target", p.target());
            x.put("margin", p.margin());
        }
    }

    /** Writes a steady state's iterations, residual and closure as the JSON object {@code verification}. */
    public static void putVerification(ObjectNode v, org.sxcascade.solver.SteadyState st) {
        v.put("iterations", st.iterations());
        v.put("residual", st.residual());
        v.put("massBalanceError", st.massBalanceError());
    }

    /** Quantities as a report line's text: "S = 4.089848 mol RE per mol RE fed, W = …". */
    public static String flowsText(List<Quantity> flows) {
        return String.join(", ", flows.stream().map(Quantity::text).toList());
    }

    /** Purities as a report line's text, each with its target and margin (in {@code marginFormat}, e.g. %+.1e). */
    public static String puritiesText(List<Purity> purities, String marginFormat) {
        return String.join(", ", purities.stream().map(p -> String.format(Locale.ROOT, "%s %s (target %s, margin "
                + marginFormat + ")", p.product(), Formats.percent(p.purity()), Formats.percent(p.target()),
                p.margin())).toList());
    }
}
