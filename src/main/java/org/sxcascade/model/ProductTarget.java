package org.sxcascade.model;

import java.util.List;

/**
 * A specification for one product: the summed mole fraction of {@code components} in it must
 * reach {@code purity}, and/or the fraction of those components' feed that leaves in it must
 * reach {@code recovery}. Either may be absent; with neither, the target only names the group
 * (as {@code design} allows when the other product's numbers fix the split).
 *
 * @param components indices of the components that count as product (the key group)
 * @param purity     required mole fraction, strictly between 0 and 1, or {@code null}
 * @param recovery   required recovery of the group into this product, strictly between 0 and 1,
 *                   or {@code null}
 */
public record ProductTarget(List<Integer> components, Double purity, Double recovery) {
    public ProductTarget {
        if (components == null || components.isEmpty()) {
            throw new InvalidInputException("components", "(empty)", "at least one component name");
        }
        components = List.copyOf(components);
        if (purity != null && !(purity > 0 && purity < 1)) {
            throw new InvalidInputException("purity", purity, "a mole fraction strictly between 0 and 1"
                    + percentHint(purity));
        }
        if (recovery != null && !(recovery > 0 && recovery < 1)) {
            throw new InvalidInputException("recovery", recovery, "a fraction strictly between 0 and 1"
                    + percentHint(recovery));
        }
    }

    /** For a value that reads as a percentage (1 to 100 exclusive), "; for x % write x/100". */
    static String percentHint(double x) {
        return x > 1 && x < 100 ? "; for " + x + " % write " + java.math.BigDecimal.valueOf(x)
                .movePointLeft(2).stripTrailingZeros().toPlainString() : "";
    }
}
