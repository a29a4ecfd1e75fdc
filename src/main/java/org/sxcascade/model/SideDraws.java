package org.sxcascade.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The side draws of a case ({@code sideDraws:} in a case file), each a named product with an
 * optional purity/recovery target. CMER and constant-D cases carry them in {@link StageOptions},
 * mass-action cases in {@link MassActionCase}; one reader reads both.
 *
 * @param draws   the draws (flow in the case's flow basis)
 * @param names   one name per draw, as reports show it, all different
 * @param targets one target per draw, {@code null} entries for none
 */
public record SideDraws(List<SideDraw> draws, List<String> names, List<ProductTarget> targets) {
    /** No side draws. */
    public static final SideDraws NONE = new SideDraws(List.of(), List.of(), List.of());

    public SideDraws {
        draws = List.copyOf(draws);
        names = List.copyOf(names);
        targets = Collections.unmodifiableList(new ArrayList<>(targets));
        if (names.size() != draws.size() || targets.size() != draws.size()) {
            throw new IllegalArgumentException("one name and one target (or null) per side draw");
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.indexOf(names.get(i)) != i) {
                throw new InvalidInputException("sideDraws[" + i + "].name", names.get(i),
                        "a name not used by another side draw");
            }
        }
    }

    /** Number of draws. */
    public int size() {
        return draws.size();
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return draws.isEmpty();
    }
}
