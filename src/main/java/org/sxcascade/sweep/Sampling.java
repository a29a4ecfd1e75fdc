package org.sxcascade.sweep;

import org.sxcascade.model.InvalidInputException;

/** How a sweep's points are chosen (spec key {@code sampling}). */
public enum Sampling {
    /** Every combination of the parameters' values (lists and ranges with step or count). */
    GRID("grid"),
    /** Latin hypercube samples: each parameter's range cut into as many strata as samples, each used once. */
    LATIN_HYPERCUBE("latin-hypercube"),
    /** Independent uniform samples (uniform in the logarithm for log ranges). */
    RANDOM("random");

    private final String label;

    Sampling(String label) {
        this.label = label;
    }

    /** The spelling in spec files. */
    public String label() {
        return label;
    }

    static Sampling parse(String field, String text) {
        for (Sampling s : values()) {
            if (s.label.equals(text)) {
                return s;
            }
        }
        throw new InvalidInputException(field, text, "grid, latin-hypercube or random");
    }
}
