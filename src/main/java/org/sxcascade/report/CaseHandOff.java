package org.sxcascade.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code --case-out} file of {@code design} and {@code optimize} as a complete hand-off: the
 * case the command wrote (its stages, flows and targets, with comments) and, after it, every
 * top-level section of the input case that the written case does not have (the cost model, the
 * transient section, the solver settings …), as given. So {@code optimize --objective cost},
 * {@code transient} and {@code report} run on the file as they did on the input (docs/design.md,
 * "The written case").
 */
public final class CaseHandOff {
    private CaseHandOff() {
    }

    /**
     * @param written the case the command wrote, as YAML text
     * @param input   the input case's tree ({@code CaseReader.readTree})
     * @return {@code written}, then each top-level section of {@code input} that {@code written} lacks
     */
    public static String complete(String written, JsonNode input) {
        JsonNode have = CaseTreeYaml.parse(written);
        if (input == null || !input.isObject() || have == null || !have.isObject()) {
            return written;
        }
        ObjectNode missing = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!have.has(e.getKey()) && !e.getKey().equals("origin")) { // the input's origin is not this case's
                missing.set(e.getKey(), e.getValue());
            }
        }
        if (missing.isEmpty()) {
            return written;
        }
        return (written.endsWith("\n") ? written : written + "\n")
                + CaseTreeYaml.write(List.of("The input case's other sections, as given:"), missing);
    }

    /**
     * The {@code origin} section of an optimized case: the objective and its value, the exact
     * optimum's value and the margin when one was kept for the rounding, the constraints that
     * bind, and the digits of the rounded flows ({@code null} when the flows are exact).
     */
    public static org.sxcascade.model.CaseOrigin origin(org.sxcascade.optimize.OptimizeResult o, RoundingMargin margin,
                                                        RoundedFlows rounded) {
        return new org.sxcascade.model.CaseOrigin("optimize", o.objective().description(), o.objective().value(),
                o.objective().unit(), margin == null ? null : margin.exact().objective().value(),
                margin == null ? null : margin.nines(), rounded != null && rounded.met() ? rounded.digits() : null,
                o.binding());
    }

    /** The {@code origin} section of a designed case (the digits of its rounded flows, or {@code null}). */
    public static org.sxcascade.model.CaseOrigin origin(RoundedFlows rounded) {
        return new org.sxcascade.model.CaseOrigin("design", null, null, null, null, null,
                rounded != null && rounded.met() ? rounded.digits() : null, List.of());
    }

    /** The written case with its {@code origin} section at the end (docs/case-format.md, "origin"). */
    public static String withOrigin(String written, org.sxcascade.model.CaseOrigin origin) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("command", origin.command());
        if (origin.objective() != null) {
            o.put("objective", origin.objective());
        }
        if (origin.value() != null) {
            o.put("value", origin.value());
        }
        if (origin.unit() != null) {
            o.put("unit", origin.unit());
        }
        if (origin.exactValue() != null) {
            o.put("exactValue", origin.exactValue());
        }
        if (origin.marginNines() != null) {
            o.put("marginNines", origin.marginNines());
        }
        if (origin.digits() != null) {
            o.put("digits", origin.digits());
        }
        if (!origin.binding().isEmpty()) {
            origin.binding().forEach(o.putArray("binding")::add);
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("origin", o);
        written = withoutOrigin(written);
        return (written.endsWith("\n") ? written : written + "\n")
                + CaseTreeYaml.write(List.of(ORIGIN_COMMENT.substring(2)), root);
    }

    private static final String ORIGIN_COMMENT = "# How this case was made (sxcascade report shows it):";

    /**
     * The written case without a top-level {@code origin} block (and its comment): a mass-action
     * case is written from its input's tree, which has the input's origin when the input was itself
     * written by design or optimize.
     */
    static String withoutOrigin(String written) {
        return withoutBlock(written, "origin:", ORIGIN_COMMENT);
    }

    private static final String UNCERTAINTY_COMMENT = "# The uncertainty the design was judged with (report shows "
            + "its robustness with it):";

    /**
     * The written case with its top-level {@code uncertainty} section replaced by the given one (the
     * σ and box a {@code design}/{@code optimize --uncertainty} run used, so that {@code report} and
     * {@code simulate --uncertainty} of the written case judge it as that run did).
     */
    public static String withUncertainty(String written, ObjectNode uncertainty) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("uncertainty", uncertainty);
        written = withoutBlock(written, "uncertainty:", UNCERTAINTY_COMMENT);
        return (written.endsWith("\n") ? written : written + "\n")
                + CaseTreeYaml.write(List.of(UNCERTAINTY_COMMENT.substring(2)), root);
    }

    /** The written text without one top-level block (its key line and indented lines) and its comment line. */
    private static String withoutBlock(String written, String keyLine, String comment) {
        String[] lines = written.split("\n", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(keyLine)) {
                while (i + 1 < lines.length && (lines[i + 1].startsWith(" ") || lines[i + 1].startsWith("- "))) {
                    i++;
                }
                continue;
            }
            if (lines[i].equals(comment)) {
                continue;
            }
            b.append(lines[i]);
            if (i < lines.length - 1) {
                b.append('\n');
            }
        }
        return b.toString();
    }
}
