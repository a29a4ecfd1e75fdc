package org.sxcascade.window;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.sxcascade.io.CaseReader;

/**
 * One input an operating window varies: a field of the case file (its path and unit, as the case
 * file gives it) with its allowed range, or a factor on the key pair's separation factors.
 *
 * @param field  the case-file path, e.g. {@code flows.organicFlow}, or {@code beta} for the factor
 *               on the separation factors (distribution ratios, K_ex)
 * @param label  in words, e.g. {@code "organic flow"}
 * @param unit   the case file's unit, e.g. {@code "L/h"} ({@code ""} for a fraction or factor)
 * @param value  its value in the case
 * @param lower  the lowest value searched: a physical bound ({@link #lowerBound}) or a search limit
 * @param lowerBound whether {@code lower} is a physical bound (reached and included), not a search limit
 * @param upper  the highest value searched
 * @param upperBound whether {@code upper} is a physical bound; an excluded one (a fraction below
 *               1) is approached to within 1e-6
 * @param change the change of the case tree that sets the input to a value
 */
public record ControlInput(String field, String label, String unit, double value, double lower,
                           boolean lowerBound, double upper, boolean upperBound,
                           DoubleFunction<java.util.function.Consumer<ObjectNode>> change) {
    /** How far below an excluded upper bound of 1 (a fraction) the search goes. */
    static final double BELOW_ONE = 1e-6;
    /** The factor by which a flow's search goes down and up from the case's value. */
    static final double FLOW_SEARCH = 1000;

    /** Whether {@code lower} and {@code upper} are searched in logarithms (positive search limits). */
    boolean logarithmic(int direction) {
        return direction > 0 ? !upperBound : !lowerBound;
    }

    /** The value with the field's unit, e.g. {@code "2500 L/h"}. */
    public String withUnit(String number) {
        return unit.isEmpty() ? number : number + " " + unit;
    }

    /** The inputs a case tree has, in the order an engineer reads them (docs/design.md, "Operating window"). */
    public static List<ControlInput> of(JsonNode tree) {
        List<ControlInput> list = new ArrayList<>();
        JsonNode flows = tree.path("flows");
        String model = tree.path("model").asText(CaseReader.SEPARATION_FACTORS);
        if (CaseReader.MASS_ACTION.equals(model)) {
            flow(list, flows, "flows.organicFlow", "organic flow", false);
            fraction(list, flows, "saponification", "saponification");
            if (number(flows, "scrubFlow") > 0) {
                flow(list, flows, "flows.scrubFlow", "scrub acid flow", true);
            }
            if (flows.has("stripFlow")) {
                flow(list, flows, "flows.stripFlow", "strip acid flow", false);
            }
            fraction(list, flows, "reflux", "reflux");
        } else if (flows.has("organicFlow")) { // plant flows (CMER) or the volumetric flows (constant D)
            flow(list, flows, "flows.organicFlow", "organic flow", false);
            if (flows.has("scrubFlow")) {
                flow(list, flows, "flows.scrubFlow", "scrub flow", true);
            }
        } else {
            dimensionless(list, flows, "extractant", "extractant flow S");
            dimensionless(list, flows, "scrub", "scrub flow W");
        }
        if (tree.path("feed").has("flow") && (CaseReader.MASS_ACTION.equals(model) || flows.has("organicFlow"))) {
            flow(list, tree.path("feed"), "feed.flow", "feed flow", false);
        }
        return list;
    }

    /** The field as a column name of a sweep, e.g. {@code flows_organicFlow}. */
    public String columnKey() {
        return field.replace('.', '_');
    }

    /** How many inputs {@link #of} finds in a case tree. */
    public static int count(JsonNode tree) {
        return of(tree).size();
    }

    static double number(JsonNode parent, String key) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            return 0;
        }
        return n.isNumber() ? n.asDouble() : Double.parseDouble(n.asText().trim());
    }

    private static DoubleFunction<java.util.function.Consumer<ObjectNode>> setter(String path) {
        String[] parts = path.split("\\.");
        return v -> tree -> ((ObjectNode) tree.get(parts[0])).put(parts[1], v);
    }

    private static void flow(List<ControlInput> list, JsonNode parent, String path, String label, boolean zeroAllowed) {
        double v = number(parent, path.substring(path.indexOf('.') + 1));
        if (!(v > 0)) {
            return;
        }
        list.add(new ControlInput(path, label, "L/h", v, zeroAllowed ? 0 : v / FLOW_SEARCH, zeroAllowed,
                v * FLOW_SEARCH, false, setter(path)));
    }

    private static void dimensionless(List<ControlInput> list, JsonNode parent, String key, String label) {
        double v = number(parent, key);
        if (!(v > 0)) {
            return;
        }
        String path = "flows." + key;
        list.add(new ControlInput(path, label, "mol RE per mol RE fed", v, v / FLOW_SEARCH, false, v * FLOW_SEARCH,
                false, setter(path)));
    }

    private static void fraction(List<ControlInput> list, JsonNode parent, String key, String label) {
        if (!parent.has(key)) {
            return;
        }
        double v = number(parent, key);
        String path = "flows." + key;
        list.add(new ControlInput(path, label, "", v, 0, true, 1, true, setter(path)));
    }
}
