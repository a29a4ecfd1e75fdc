package org.sxcascade.optimize;

import java.util.Map;
import org.sxcascade.design.TargetOverrides;

/**
 * What {@code optimize} was asked besides the case file, as given on the command line;
 * {@link Optimization} applies each option to the case's model or refuses it with a message naming
 * the option. Bounds and fixed values are {@code null} when not given (see {@link OptimizerSettings}).
 *
 * @param objective        the objective's name as given (or the option's default)
 * @param maxStages        largest n + m
 * @param maxExtractant    largest S, or {@code null}
 * @param minRatio         smallest O/A, or {@code null}
 * @param maxRatio         largest O/A, or {@code null}
 * @param extractionStages n fixed, or {@code null}
 * @param scrubStages      m fixed, or {@code null}
 * @param extractant       S fixed, or {@code null}
 * @param scrub            W fixed, or {@code null}
 * @param reagentExcess    excess of strip acid and saponification base over 3 mol per mol RE
 * @param pareto           also list the Pareto front
 * @param paretoMaxStages  largest N on the Pareto front, or {@code null}
 * @param targets          targets given on the command line
 * @param charts           whether charts are wanted
 * @param given            every option given on the command line, by name, with its value as
 *                         typed (or "(given)" for a flag)
 */
public record OptimizeRequest(String objective, int maxStages, Double maxExtractant, Double minRatio,
                              Double maxRatio, Integer extractionStages, Integer scrubStages, Double extractant,
                              Double scrub, double reagentExcess, boolean pareto, Integer paretoMaxStages,
                              TargetOverrides targets, boolean charts, Map<String, String> given) {
    public OptimizeRequest {
        given = Map.copyOf(given);
    }
}
