package org.sxcascade.design;

import java.util.Map;

/**
 * Grams of the usual commercial oxide per mole of rare-earth element, to express reagents per kg
 * of oxide (REO). Sesquioxides RE₂O₃ except CeO₂, Pr₆O₁₁ and Tb₄O₇, the forms in which these
 * elements are sold; values are the oxides' molar masses divided by the RE atoms per formula.
 */
final class OxideMasses {
    private static final Map<String, Double> GRAMS_PER_MOL_RE = Map.ofEntries(
            Map.entry("Sc", 137.91 / 2), Map.entry("Y", 225.81 / 2), Map.entry("La", 325.81 / 2),
            Map.entry("Ce", 172.11), Map.entry("Pr", 1021.44 / 6), Map.entry("Nd", 336.48 / 2),
            Map.entry("Sm", 348.72 / 2), Map.entry("Eu", 351.93 / 2), Map.entry("Gd", 362.50 / 2),
            Map.entry("Tb", 747.70 / 4), Map.entry("Dy", 373.00 / 2), Map.entry("Ho", 377.86 / 2),
            Map.entry("Er", 382.52 / 2), Map.entry("Tm", 385.87 / 2), Map.entry("Yb", 394.08 / 2),
            Map.entry("Lu", 397.93 / 2));

    private OxideMasses() {
    }

    /** g oxide per mol RE for an element symbol, or {@code null} if the name is not one. */
    static Double gramsPerMol(String component) {
        return GRAMS_PER_MOL_RE.get(component);
    }
}
