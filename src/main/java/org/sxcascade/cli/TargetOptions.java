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
            description = "Recovery of the raffinate group into the raffinate. Give exactly two of the four "
                    + "target options (at least one purity); they replace the case's purity and recovery numbers.")
    Double aqueousRecovery;

    /** The case's targets, or those given on the command line (group membership stays). */
    DesignInputs apply(DesignInputs in) {
        if (organicPurity == null && aqueousPurity == null && organicRecovery == null && aqueousRecovery == null) {
            return in;
        }
        ProductTarget organic;
        ProductTarget aqueous;
        try {
            organic = new ProductTarget(in.organicTarget().components(), organicPurity, organicRecovery);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(organicPurity == null && organicRecovery == null
                    ? "--organic-purity/--organic-recovery" : "--organic-" + e.field(), e.value(), e.allowed());
        }
        try {
            aqueous = new ProductTarget(in.aqueousTarget().components(), aqueousPurity, aqueousRecovery);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(aqueousPurity == null && aqueousRecovery == null
                    ? "--aqueous-purity/--aqueous-recovery" : "--aqueous-" + e.field(), e.value(), e.allowed());
        }
        return in.withTargets(organic, aqueous);
    }

}
