package org.sxcascade.design;

import java.util.List;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.io.MassActionDesignInputs;
import org.sxcascade.model.InvalidInputException;

/**
 * {@code design} of a case of any model: the one entry point the command calls. It applies the
 * request's options to the case's model, refusing with a message naming the option those that have
 * no meaning for it, and runs the model's design: Xu's design verified stage by stage
 * ({@link CascadeDesigner}) or the mass-action plant design ({@link PlantFlowDesign}).
 */
public final class Designer {
    private Designer() {
    }

    /**
     * @param inputs what {@code CaseReader.readForDesign} read: {@link DesignInputs} or
     *               {@link MassActionDesignInputs}
     * @throws InvalidInputException for an option the model does not take, or (as {@code --max-stages})
     *         when no cascade within the stage limit meets the targets
     */
    public static DesignResult design(Object inputs, DesignRequest request) {
        try {
            if (inputs instanceof MassActionDesignInputs massAction) {
                return massAction(massAction, request);
            }
            return new CascadeDesigner().design(request.targets().apply((DesignInputs) inputs), request.choice(),
                    request.maxStages(), request.reagentExcess());
        } catch (StageSearch.NoFeasibleConfigurationException e) {
            throw new InvalidInputException("--max-stages", request.maxStages(), e.getMessage());
        }
    }

    /**
     * A mass-action case (docs/design.md, "Mass-action cases"): Xu's design at β = K_A/K_B, plant
     * flows from the case's design settings, and the reflux found by simulation. Targets, the
     * reagent excess come from the case file, not the command line.
     */
    private static DesignResult massAction(MassActionDesignInputs in, DesignRequest request) {
        OptionRefusals.refuse(request.given(), List.of("--organic-purity", "--aqueous-purity", "--organic-recovery",
                "--aqueous-recovery"), "not given for a mass-action case: set targets.strip and targets.aqueous in "
                + "the case file");
        OptionRefusals.refuse(request.given(), List.of("--reagent-excess"), "not given for a mass-action case: set "
                + "design.stripExcess and design.saponificationMargin");
        PlantFlowDesign.Result r = new PlantFlowDesign().design(in.template(), in.settings(), request.choice(),
                request.maxStages());
        return new PlantFlowDesign.Designed(r, in.tree());
    }
}
