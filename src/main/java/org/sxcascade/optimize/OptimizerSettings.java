package org.sxcascade.optimize;

import org.sxcascade.model.Cascade;
import org.sxcascade.model.InvalidInputException;

/**
 * What {@code optimize} minimizes, within which bounds, and which decision variables the user
 * fixed. Field names in messages are the command-line options.
 *
 * @param objective        what to minimize
 * @param maxStages        largest n + m, 2 … 1000
 * @param maxExtractant    largest extractant flow S, mol RE per mol RE fed, or {@code null} for
 *                         the default: twice Xu's √β-optimum S
 * @param minPhaseRatio    smallest volumetric O/A in either section, or {@code null} for 1/10
 *                         (checked only with plant data)
 * @param maxPhaseRatio    largest volumetric O/A in either section, or {@code null} for 10
 * @param extractionStages n fixed by the user, or {@code null} to optimize it (the aqueous feed
 *                         enters stage n, an organic feed stage n + 1: fixing n fixes the feed stage)
 * @param scrubStages      m fixed by the user, or {@code null}
 * @param extractant       S fixed by the user (mol RE per mol RE fed), or {@code null}
 * @param scrub            W fixed by the user (mol RE per mol RE fed), or {@code null}
 * @param reagentExcess    strip acid and saponification base above 3 mol per mol RE, as a fraction 0 … 10
 * @param pareto           also list the Pareto front of total stages against extractant flow
 * @param paretoMaxStages  largest N on the Pareto front, or {@code null} for the default (the
 *                         larger of twice the smallest feasible N and the last N the objective's
 *                         search visited, within maxStages)
 */
public record OptimizerSettings(Objective objective, int maxStages, Double maxExtractant, Double minPhaseRatio,
                                Double maxPhaseRatio, Integer extractionStages, Integer scrubStages,
                                Double extractant, Double scrub, double reagentExcess, boolean pareto, Integer paretoMaxStages) {
    /** O/A bounds when none are given: the range plants run (1/10 … 10). */
    public static final double DEFAULT_MIN_PHASE_RATIO = 0.1;
    /** See {@link #DEFAULT_MIN_PHASE_RATIO}. */
    public static final double DEFAULT_MAX_PHASE_RATIO = 10;

    public OptimizerSettings {
        if (objective == null) {
            throw new InvalidInputException("--objective", null, "stages, extractant, phi or cost");
        }
        if (maxStages < 2 || maxStages > Cascade.MAX_STAGES) {
            throw new InvalidInputException("--max-stages", maxStages, "an integer from 2 to " + Cascade.MAX_STAGES);
        }
        positive("--max-extractant", maxExtractant);
        positive("--min-ratio", minPhaseRatio);
        positive("--max-ratio", maxPhaseRatio);
        if (minPhaseRatio != null && maxPhaseRatio != null && minPhaseRatio > maxPhaseRatio) {
            throw new InvalidInputException("--min-ratio", minPhaseRatio, "at most --max-ratio = " + maxPhaseRatio);
        }
        if (extractionStages != null && (extractionStages < 1 || extractionStages > maxStages - 1)) {
            throw new InvalidInputException("--extraction-stages", extractionStages,
                    "an integer from 1 to --max-stages − 1 = " + (maxStages - 1));
        }
        if (scrubStages != null && (scrubStages < 1 || scrubStages > maxStages - 1)) {
            throw new InvalidInputException("--scrub-stages", scrubStages,
                    "an integer from 1 to --max-stages − 1 = " + (maxStages - 1));
        }
        if (extractionStages != null && scrubStages != null && extractionStages + scrubStages > maxStages) {
            throw new InvalidInputException("--scrub-stages", scrubStages,
                    "at most --max-stages − n = " + (maxStages - extractionStages));
        }
        positive("--extractant", extractant);
        positive("--scrub", scrub);
        if (!(reagentExcess >= 0 && reagentExcess <= 10)) {
            throw new InvalidInputException("--reagent-excess", reagentExcess, "a fraction from 0 to 10");
        }
        if (paretoMaxStages != null && (paretoMaxStages < 2 || paretoMaxStages > maxStages)) {
            throw new InvalidInputException("--pareto-max-stages", paretoMaxStages,
                    "an integer from 2 to --max-stages = " + maxStages);
        }
    }

    /** Defaults: the given objective, at most 1000 stages, no fixed variables, no Pareto front. */
    public static OptimizerSettings of(Objective objective) {
        return new OptimizerSettings(objective, Cascade.MAX_STAGES, null, null, null, null, null, null, null, 0,
                false, null);
    }

    /** True when the user gave an O/A bound. */
    public boolean phaseRatioGiven() {
        return minPhaseRatio != null || maxPhaseRatio != null;
    }

    /** The lower O/A bound in force. */
    public double effectiveMinPhaseRatio() {
        return minPhaseRatio != null ? minPhaseRatio : DEFAULT_MIN_PHASE_RATIO;
    }

    /** The upper O/A bound in force. */
    public double effectiveMaxPhaseRatio() {
        return maxPhaseRatio != null ? maxPhaseRatio : DEFAULT_MAX_PHASE_RATIO;
    }

    private static void positive(String field, Double x) {
        if (x != null && (!(x > 0) || !Double.isFinite(x))) {
            throw new InvalidInputException(field, x, "a finite number > 0");
        }
    }
}
