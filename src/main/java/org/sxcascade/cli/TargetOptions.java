package org.sxcascade.cli;

import org.sxcascade.design.TargetOverrides;
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
     * Every option given on the command line of {@code spec}, by its longest name, with its value as
     * typed ("(given)" for one without a value): what design and optimize refuse for a model that
     * does not take it.
     */
    static java.util.Map<String, String> given(picocli.CommandLine.Model.CommandSpec spec) {
        java.util.Map<String, String> given = new java.util.LinkedHashMap<>();
        for (picocli.CommandLine.Model.OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            given.put(o.longestName(), o.getValue() == null ? "(given)" : String.valueOf((Object) o.getValue()));
        }
        return given;
    }

    /** The targets given, for design and optimize to apply (or refuse). */
    TargetOverrides overrides() {
        return new TargetOverrides(organicPurity, aqueousPurity, organicRecovery, aqueousRecovery);
    }
}
