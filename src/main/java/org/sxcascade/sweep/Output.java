package org.sxcascade.sweep;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.sxcascade.model.InvalidInputException;

/**
 * Groups of result columns a sweep can record (spec key {@code record}); docs/sweep.md lists each
 * column with its unit. Mass-action base cases name some groups' columns after their products
 * (raffinate, strip) instead of the phases. The solver's method, iterations, residual and mass-balance closure are
 * always recorded.
 */
public enum Output {
    /** purity_organic, purity_aqueous: the products' purities (mole fractions of their target groups). */
    PURITIES("purities"),
    /** recovery_organic, recovery_aqueous: fraction of each group's feed that leaves in its product. */
    RECOVERIES("recoveries"),
    /** targets_met: whether every purity and recovery target of the case is met (empty without targets). */
    TARGETS("targets"),
    /** organic_y_C and aqueous_x_C: every component's mole fraction in both products. */
    COMPOSITIONS("compositions"),
    /** extraction_stages, scrub_stages, total_stages. */
    STAGES("stages"),
    /** S and W (or the volumetric flows of the linear model) and the product flows. */
    FLOWS("flows"),
    /** acid_mol_H_per_mol_fed, base_mol_per_mol_fed: scrub plus strip acid, saponification base. */
    REAGENTS("reagents"),
    /**
     * Mass action only: raffinate_pH, strip_pH, max_loading, max_loading_stage and the largest
     * stage errors of the H⁺, cation and extractant balances.
     */
    CHEMISTRY("chemistry"),
    /** phi: Xu's production indicator Φ = S·(n + m). */
    PHI("phi"),
    /** steady_states: steady states solved for the point. */
    WORK("work"),
    /** objective_value: the optimized objective (run: optimize only). */
    OBJECTIVE("objective"),
    /**
     * margin_nines_min, window_low_F and window_high_F for each input F of the base case's
     * operating window, tolerance_down and tolerance_up (run: simulate, a base case with targets;
     * docs/sweep.md).
     */
    WINDOW("window");

    private final String label;

    Output(String label) {
        this.label = label;
    }

    /** The spelling in spec files. */
    public String label() {
        return label;
    }

    /** The output of a spelling; {@code field} names it in the error. */
    static Output parse(String field, String text) {
        for (Output o : values()) {
            if (o.label.equals(text)) {
                return o;
            }
        }
        throw new InvalidInputException(field, text, "one of " + labels());
    }

    static String labels() {
        return Arrays.stream(values()).map(Output::label).collect(Collectors.joining(", "));
    }
}
