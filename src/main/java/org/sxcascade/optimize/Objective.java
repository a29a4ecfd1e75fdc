package org.sxcascade.optimize;

import java.util.Arrays;
import java.util.Locale;
import org.sxcascade.model.InvalidInputException;

/** What {@code optimize} minimizes. Every objective grows with W at fixed stage counts. */
public enum Objective {
    /** Total stages N = n + m; ties go to the least extractant. */
    STAGES("stages", "total stages N = n + m", "stages"),
    /** Extractant flow S (mol RE per mol RE fed); the minimum lies at the stage limit. */
    EXTRACTANT("extractant", "extractant flow S", "mol RE per mol RE fed"),
    /** Xu's production indicator Φ = S·(n + m): mixer-settler volume per unit of output. */
    PHI("phi", "Xu's production indicator Φ = S·(n + m)", "stages × mol RE per mol RE fed"),
    /** Annual cost from the case file's cost model (capital charge on stage volume and organic, acid, base). */
    COST("cost", "annual cost (cost model)", "currency per year"),
    /**
     * Reagent use, acid + base per mol RE fed, weighted by the {@code optimize} section's prices:
     * the objective of mass-action cases only (their flows are plant flows, not S and W).
     */
    REAGENTS("reagents", "reagent use, acid + base per mol RE fed", "mol per mol RE fed");

    private final String label;
    private final String description;
    private final String unit;

    Objective(String label, String description, String unit) {
        this.label = label;
        this.description = description;
        this.unit = unit;
    }

    /** The name on the command line and in JSON. */
    public String label() {
        return label;
    }

    /** What is minimized, in words. */
    public String description() {
        return description;
    }

    /** Unit of the objective's value. */
    public String unit() {
        return unit;
    }

    /** The objective of a label ({@code stages}, {@code extractant}, {@code phi}, {@code cost}, {@code reagents}). */
    public static Objective of(String label) {
        for (Objective o : values()) {
            if (o.label.equals(label.toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        throw new InvalidInputException("--objective", label,
                "one of " + String.join(", ", Arrays.stream(values()).map(Objective::label).toList()));
    }
}
