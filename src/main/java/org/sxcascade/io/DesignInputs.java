package org.sxcascade.io;

import java.util.List;
import org.sxcascade.model.CostModel;
import org.sxcascade.model.Feed;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.model.StageOptions;

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
 * @param distributionRatios whether the case is of model distribution-ratios: then
 *                          {@code separationFactors} are the constant distribution ratios D_j (their
 *                          ratios are separation factors) and the cascades are built with volumetric flows
 * @param stageOptions      the Murphree efficiency of each section (no side draws)
 */
public record DesignInputs(String name, List<String> components, double[] separationFactors, Feed feed,
                           ProductTarget organicTarget, ProductTarget aqueousTarget, Double organicLoading,
                           Double scrubAcidity, CostModel costs, boolean distributionRatios,
                           StageOptions stageOptions) {
    public DesignInputs {
        components = List.copyOf(components);
        separationFactors = separationFactors.clone();
        if (!stageOptions.sideDraws().isEmpty()) {
            throw new InvalidInputException("sideDraws", "(given)", "no sideDraws for design and optimize");
        }
    }

    /** Equilibrium stages of model separation-factors. */
    public DesignInputs(String name, List<String> components, double[] separationFactors, Feed feed,
                        ProductTarget organicTarget, ProductTarget aqueousTarget, Double organicLoading,
                        Double scrubAcidity, CostModel costs) {
        this(name, components, separationFactors, feed, organicTarget, aqueousTarget, organicLoading, scrubAcidity,
                costs, false, StageOptions.NONE);
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
                scrubAcidity, costs, distributionRatios, stageOptions);
    }

    @Override
    public double[] separationFactors() {
        return separationFactors.clone();
    }
}
