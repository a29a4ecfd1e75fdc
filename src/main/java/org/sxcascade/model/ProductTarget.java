package org.sxcascade.model;

import java.util.List;

/**
 * A purity specification for one product: the summed mole fraction of {@code components} in it
 * must reach {@code purity}.
 *
 * @param components indices of the components that count as product (the key group)
 * @param purity     required mole fraction, strictly between 0 and 1
 */
public record ProductTarget(List<Integer> components, double purity) {
    public ProductTarget {
        if (components == null || components.isEmpty()) {
            throw new InvalidInputException("components", "(empty)", "at least one component name");
        }
        components = List.copyOf(components);
        if (!(purity > 0 && purity < 1)) {
            throw new InvalidInputException("purity", purity, "a mole fraction strictly between 0 and 1");
        }
    }
}
