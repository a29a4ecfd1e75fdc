package org.sxcascade.io;

import java.util.List;
import org.sxcascade.model.CostModel;
import org.sxcascade.model.Feed;
import org.sxcascade.model.ProductTarget;

/**
 * What {@code design} reads from a case file.
 *
 * @param name              case title
 * @param components        component names
 * @param separationFactors β of each component (relative to any reference)
 * @param feed              the feed (phase, composition, optional plant flow and concentration)
 * @param organicTarget     purity target of the loaded organic: the A group and P_A
 * @param aqueousTarget     purity target of the raffinate: the B group and P_B
 * @param organicLoading    c_sat of the organic, mol/L, or {@code null}
 * @param scrubAcidity      [H⁺] of the scrub liquor, mol/L, or {@code null}
 * @param costs             the cost model of the case's {@code costs} section, or {@code null}
 */
public record DesignInputs(String name, List<String> components, double[] separationFactors, Feed feed,
                           ProductTarget organicTarget, ProductTarget aqueousTarget, Double organicLoading,
                           Double scrubAcidity, CostModel costs) {
    public DesignInputs {
        components = List.copyOf(components);
        separationFactors = separationFactors.clone();
    }

    /** Inputs without a cost model. */
    public DesignInputs(String name, List<String> components, double[] separationFactors, Feed feed,
                        ProductTarget organicTarget, ProductTarget aqueousTarget, Double organicLoading,
                        Double scrubAcidity) {
        this(name, components, separationFactors, feed, organicTarget, aqueousTarget, organicLoading, scrubAcidity,
                null);
    }

    /** The same inputs with other targets. */
    public DesignInputs withTargets(ProductTarget organic, ProductTarget aqueous) {
        return new DesignInputs(name, components, separationFactors, feed, organic, aqueous, organicLoading,
                scrubAcidity, costs);
    }

    @Override
    public double[] separationFactors() {
        return separationFactors.clone();
    }
}
