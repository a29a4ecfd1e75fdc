package org.sxcascade.cli;

import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.ProductTarget;
import picocli.CommandLine.Option;

/** Purity and recovery targets given on the command line of {@code design} and {@code optimize}. */
final class TargetOptions {
    @Option(names = "--organic-purity", paramLabel = "P_A", description = "Purity target of the loaded organic.")
    Double organicPurity;

    @Option(names = "--aqueous-purity", paramLabel = "P_B", description = "Purity target of the raffinate.")
    Double aqueousPurity;

    @Option(names = "--organic-recovery", paramLabel = "Y_A",
            description = "Recovery of the organic group into the loaded organic.")
    Double organicRecovery;

    @Option(names = "--aqueous-recovery", paramLabel = "Y_B",
            description = "Recovery of the raffinate group into the raffinate. Two of the four target options "
                    + "(at least one purity) replace the case's purity and recovery numbers; a single one replaces "
                    + "its product's numbers and the other product keeps the case's.")
    Double aqueousRecovery;

    /**
     * The case's targets with the command line's: two or more options replace all the case's
     * numbers; a single option replaces its product's, and the other product keeps the case's
     * target (group membership stays).
     */
    DesignInputs apply(DesignInputs in) {
        if (organicPurity == null && aqueousPurity == null && organicRecovery == null && aqueousRecovery == null) {
            return in;
        }
        int given = count(organicPurity) + count(aqueousPurity) + count(organicRecovery) + count(aqueousRecovery);
        // two or more numbers replace all the case's; a single one, its product's only
        boolean all = given >= 2;
        ProductTarget organic = in.organicTarget();
        ProductTarget aqueous = in.aqueousTarget();
        try {
            if (all || organicPurity != null || organicRecovery != null) {
                organic = new ProductTarget(in.organicTarget().components(), organicPurity, organicRecovery);
            }
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--organic-" + e.field(), e.value(), e.allowed());
        }
        try {
            if (all || aqueousPurity != null || aqueousRecovery != null) {
                aqueous = new ProductTarget(in.aqueousTarget().components(), aqueousPurity, aqueousRecovery);
            }
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--aqueous-" + e.field(), e.value(), e.allowed());
        }
        return in.withTargets(organic, aqueous);
    }

    private static int count(Double option) {
        return option == null ? 0 : 1;
    }
}
