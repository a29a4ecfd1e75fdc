package org.sxcascade.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.sxcascade.design.CascadeDesigner;
import org.sxcascade.design.FlowChoice;
import org.sxcascade.io.CaseReader;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.InvalidInputException;

/**
 * A case file with targets but no cascade (what {@code design} takes) as a case the other commands
 * can run: the design from its targets, Xu's optimum verified stage by stage, written as
 * {@code design --case-out} writes it ({@link DesignReport#caseYaml}, {@link CaseHandOff}). The
 * {@code report} of a target-only file is the report of this case (issue 17).
 */
public final class TargetOnlyCase {
    private TargetOnlyCase() {
    }

    /** Whether the case file has no {@code cascade} section (a CMER or constant-D target-only file). */
    public static boolean isTargetOnly(JsonNode tree) {
        return tree != null && tree.isObject() && !tree.has("cascade") && !CaseReader.isMassAction(tree);
    }

    /**
     * The designed case, as YAML text.
     *
     * @throws InvalidInputException when the design does not meet the targets within the stage
     *         limit (naming the targets), or the file is not a valid design input
     */
    public static String designed(Path caseFile, JsonNode tree) {
        DesignInputs in = new CaseReader().readDesign(caseFile);
        CascadeDesigner.Design d;
        try {
            d = new CascadeDesigner().design(in, FlowChoice.optimum(), Cascade.MAX_STAGES);
        } catch (org.sxcascade.design.StageSearch.NoFeasibleConfigurationException e) {
            throw new InvalidInputException("targets", "(as given)", "targets a design can meet within "
                    + Cascade.MAX_STAGES + " stages: " + e.getMessage());
        }
        return CaseHandOff.withOrigin(CaseHandOff.complete(DesignReport.caseYaml(d), tree), CaseHandOff.origin(null));
    }
}
