package org.sxcascade.window;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The uncertain constant of one component of a case-file tree, for every model: its separation
 * factor β (model separation-factors), distribution ratio D (distribution-ratios), exchange
 * constant K_ex or the intercept c of its correlation log10 D = a·pH + b·log10[(HA)2] + c (mass
 * action). The one place that changes them: the Monte Carlo ({@link MonteCarlo}) multiplies each
 * by a lognormal factor, the robust search ({@link RobustDesign}) pulls them together
 * ({@link #pessimistic}) and the worst case puts them at the corners of a box
 * ({@link WorstCase}), all through {@link #scaled(double)}.
 *
 * @param index the component's index in {@code components}
 * @param name  the component's name
 * @param field the field changed: {@code separationFactor}, {@code distributionRatio},
 *              {@code exchangeConstant} or {@code correlation.intercept}
 * @param value the case's value (for an intercept: c, the log10 of a constant)
 */
record UncertainConstant(int index, String name, String field, double value) {
    static final String INTERCEPT = "correlation.intercept";

    /** The uncertain constant of each component, in the order of {@code components} (components without one are left out). */
    static List<UncertainConstant> of(JsonNode tree) {
        List<UncertainConstant> list = new ArrayList<>();
        JsonNode comps = tree.path("components");
        for (int i = 0; i < comps.size(); i++) {
            JsonNode c = comps.get(i);
            String name = c.path("name").asText();
            for (String f : new String[] {"separationFactor", "distributionRatio", "exchangeConstant"}) {
                if (c.has(f)) {
                    list.add(new UncertainConstant(i, name, f, ControlInput.number(c, f)));
                    break;
                }
            }
            if (!c.has("separationFactor") && !c.has("distributionRatio") && !c.has("exchangeConstant")
                    && c.path("correlation").has("intercept")) {
                list.add(new UncertainConstant(i, name, INTERCEPT, ControlInput.number(c.path("correlation"),
                        "intercept")));
            }
        }
        return list;
    }

    /**
     * Whether this is the reference of the separation factors (β = 1): only ratios of separation
     * factors matter, so it is not scattered on its own.
     */
    boolean reference() {
        return field.equals("separationFactor") && value == 1;
    }

    /** ln of the constant (an intercept c is log10 of a constant: c·ln 10). */
    double ln() {
        return field.equals(INTERCEPT) ? value * Math.log(10) : Math.log(value);
    }

    /** The change that multiplies the constant by exp(lnFactor) (an intercept shifted by lnFactor / ln 10). */
    Consumer<ObjectNode> scaled(double lnFactor) {
        return root -> {
            ObjectNode c = (ObjectNode) root.get("components").get(index);
            if (field.equals(INTERCEPT)) {
                ((ObjectNode) c.get("correlation")).put("intercept", value + lnFactor / Math.log(10));
            } else {
                c.put(field, value * Math.exp(lnFactor));
            }
        };
    }

    /**
     * The ln factors of the pessimistic chemistry at exponent s (0 &lt; s ≤ 1), one per constant of
     * {@code constants}: every ln constant pulled towards a centre by the factor s, so that every
     * ratio of two constants x_i/x_j (the key pair's β = K_A/K_B, D_A/D_B) becomes (x_i/x_j)^s.
     * The centre is the reference (β = 1) for separation factors, so that β becomes β^s; for
     * distribution ratios, exchange constants and intercepts it is the geometric mean of the
     * constants of that kind (for a binary, of the key pair's), which it keeps unchanged so that the
     * extraction of the key pair as a whole stays where the case has it.
     */
    static double[] pessimisticFactors(List<UncertainConstant> constants, double s) {
        double[] f = new double[constants.size()];
        for (int k = 0; k < f.length; k++) {
            UncertainConstant c = constants.get(k);
            double centre = 0; // ln of the reference β = 1
            if (!c.field.equals("separationFactor")) {
                int n = 0;
                for (UncertainConstant o : constants) {
                    if (o.field.equals(c.field)) {
                        centre += o.ln();
                        n++;
                    }
                }
                centre /= n;
            }
            f[k] = (s - 1) * (c.ln() - centre);
        }
        return f;
    }

    /** A copy of the tree at the pessimistic chemistry of exponent s ({@link #pessimisticFactors}). */
    static ObjectNode pessimistic(JsonNode tree, double s) {
        ObjectNode copy = (ObjectNode) tree.deepCopy();
        List<UncertainConstant> constants = of(tree);
        double[] f = pessimisticFactors(constants, s);
        for (int k = 0; k < f.length; k++) {
            constants.get(k).scaled(f[k]).accept(copy);
        }
        return copy;
    }

    /**
     * Puts the case's own constants back into a tree written from a design at other constants
     * (components matched by name): the plant has the case's chemistry.
     */
    static void restore(ObjectNode written, JsonNode caseTree) {
        JsonNode comps = written.path("components");
        for (UncertainConstant c : of(caseTree)) {
            for (int i = 0; i < comps.size(); i++) {
                ObjectNode w = (ObjectNode) comps.get(i);
                if (w.path("name").asText().equals(c.name)) {
                    if (c.field.equals(INTERCEPT)) {
                        ((ObjectNode) w.get("correlation")).set("intercept", caseTree.path("components")
                                .get(c.index).path("correlation").get("intercept"));
                    } else {
                        w.set(c.field, caseTree.path("components").get(c.index).get(c.field));
                    }
                }
            }
        }
    }
}
