package org.sxcascade.optimize;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import org.sxcascade.design.OptionRefusals;
import org.sxcascade.io.CaseReader;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.CostModel;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;

/**
 * {@code optimize} of a case of any model: the one entry point that the command and a
 * {@code run: optimize} sweep point call. It applies the
 * request's options to the case's model, refusing with a message naming the option those that have
 * no meaning for it, and runs the model's optimizer ({@link MetalFlowSearch} for stage counts and
 * flows S, W; {@link PlantFlowSearch} for plant flows, stage counts and reflux).
 */
public final class Optimization {
    /** Options of the S, W search that have no meaning for a mass-action case. */
    private static final List<String> NOT_MASS_ACTION = List.of("--max-stages", "--max-extractant",
            "--min-ratio", "--max-ratio", "--extraction-stages", "--scrub-stages", "--extractant", "--scrub",
            "--reagent-excess", "--pareto", "--pareto-max-stages", "--organic-purity", "--aqueous-purity",
            "--organic-recovery", "--aqueous-recovery");

    /** Options of metal flows S, W and plant O/A that have no meaning for constant distribution ratios. */
    private static final List<String> NOT_DISTRIBUTION_RATIOS = List.of("--max-extractant", "--min-ratio",
            "--max-ratio", "--extractant", "--scrub", "--reagent-excess");

    private Optimization() {
    }

    /**
     * @param progress told of the search's progress: the fraction done and what was done, in words
     * @throws InvalidInputException for an option the model does not take, bad bounds, or targets
     *         out of reach within the bounds
     */
    public static OptimizeResult optimize(Path caseFile, OptimizeRequest request, BiConsumer<Double, String> progress) {
        CaseReader reader = new CaseReader();
        JsonNode tree = reader.readTree(caseFile);
        if (CaseReader.MASS_ACTION.equals(tree.path("model").asText())) {
            return massAction(caseFile, tree, request, progress);
        }
        return optimize(request.targets().apply(reader.readDesign(caseFile)), request, progress);
    }

    /**
     * A case given as its YAML tree (the robust search's pessimistic chemistry, say), as
     * {@link #optimize(Path, OptimizeRequest, BiConsumer)} optimizes a case file.
     *
     * @param where appended to the message of a bad {@code optimize} section (e.g. the file name), or ""
     */
    public static OptimizeResult optimize(JsonNode tree, String where, OptimizeRequest request,
                                          BiConsumer<Double, String> progress) {
        CaseReader reader = new CaseReader();
        if (CaseReader.MASS_ACTION.equals(tree.path("model").asText())) {
            refuseMassActionOptions(request);
            return optimize(reader.massActionFromTree(tree), tree, massActionObjective(request), where, progress);
        }
        return optimize(request.targets().apply(reader.designFromTree(tree)), request, progress);
    }

    private static OptimizeResult optimize(DesignInputs in, OptimizeRequest request,
                                           BiConsumer<Double, String> progress) {
        if (in.distributionRatios()) {
            OptionRefusals.refuse(request.given(), NOT_DISTRIBUTION_RATIOS, "not given for a distribution-ratios "
                    + "case: S, W and the plant O/A are of the CMER model; the search runs over the volumetric flows "
                    + "of docs/design.md (\"Constant distribution ratios\")");
        }
        Objective chosen = Objective.of(request.objective());
        if (chosen == Objective.EXTRACTANT && !request.given().containsKey("--max-stages")) {
            throw new InvalidInputException("--max-stages", "(not given)",
                    "a stage limit for --objective extractant: S falls towards S_min as stages are added, so its "
                            + "minimum lies at the limit");
        }
        OptimizerSettings settings = new OptimizerSettings(chosen, request.maxStages(), request.maxExtractant(),
                request.minRatio(), request.maxRatio(), request.extractionStages(), request.scrubStages(),
                request.extractant(), request.scrub(), request.reagentExcess(), request.pareto() || request.charts(),
                request.paretoMaxStages());
        return optimize(in, settings, progress);
    }

    /**
     * A case of separation factors or distribution ratios (stage counts and flows S, W;
     * {@link MetalFlowSearch}), as {@code optimize} and a {@code run: optimize} sweep point run it.
     *
     * @param progress told of the search's progress: the fraction done and what was done, in words;
     *                 {@code null} for none
     */
    public static Optimum optimize(DesignInputs in, OptimizerSettings settings, BiConsumer<Double, String> progress) {
        MetalFlowSearch optimizer = new MetalFlowSearch();
        if (progress != null) {
            optimizer.setProgress((fraction, steadyStates) -> progress.accept(fraction, steadyStates + " steady states"));
        }
        return optimizer.optimize(in, settings);
    }

    /**
     * A mass-action case: the plant flows that meet the targets at the least reagent use, cost or
     * stages ({@link PlantFlowSearch}; docs/optimize.md, "Mass-action cases"); targets, bounds
     * and weights come from the case file.
     */
    private static OptimizeResult massAction(Path caseFile, JsonNode tree, OptimizeRequest request,
                                             BiConsumer<Double, String> progress) {
        refuseMassActionOptions(request);
        MassActionCase c = new CaseReader().readMassAction(caseFile);
        return optimize(c, tree, massActionObjective(request), " [" + caseFile.getFileName() + "]", progress);
    }

    private static void refuseMassActionOptions(OptimizeRequest request) {
        OptionRefusals.refuse(request.given(), NOT_MASS_ACTION, "not given for a mass-action case: its targets, "
                + "bounds and objective weights are in the case file (targets, optimize; docs/optimize.md)");
    }

    private static String massActionObjective(OptimizeRequest request) {
        return request.given().containsKey("--objective") ? request.objective() : Objective.REAGENTS.label();
    }

    /**
     * A mass-action case as read from its YAML tree (a case file's, or a sweep point's): bounds,
     * constraints and weights from the tree's {@code optimize} section, the cost model from its
     * {@code costs} section, as {@code optimize} and a {@code run: optimize} sweep point run it.
     *
     * @param c         the case read from {@code tree}
     * @param objective the objective's label: reagents, stages or cost
     * @param where     appended to the message of a bad {@code optimize} section (e.g. the file name), or ""
     * @param progress  told of the search's progress: the fraction done and what was done, in words;
     *                  {@code null} for none
     * @throws InvalidInputException for a case that cannot be optimized, bad settings, or targets out
     *         of reach within the bounds
     */
    public static PlantFlowOptimum optimize(MassActionCase c, JsonNode tree, String objective, String where,
                                                     BiConsumer<Double, String> progress) {
        PlantFlowSearch.check(c);
        MassActionSettings settings;
        try {
            settings = MassActionSettings.read(tree.get("optimize"), c);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.field(), e.value(), e.allowed() + where);
        }
        Objective chosen = Objective.of(objective);
        CostModel costs = CaseReader.readCosts(tree);
        PlantFlowSearch optimizer = new PlantFlowSearch();
        if (progress != null) {
            optimizer.setProgress((fraction, evaluations) -> progress.accept(fraction, evaluations + " flow settings"));
        }
        return optimizer.optimize(c, settings, chosen, costs).withTree(tree);
    }
}
