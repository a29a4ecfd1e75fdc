package org.sxcascade.design;

import java.util.List;
import org.sxcascade.report.Summary.Purity;
import org.sxcascade.report.Summary.Quantity;
import org.sxcascade.report.Summary.Section;
import org.sxcascade.report.Summary.StageCounts;
import org.sxcascade.solver.SteadyState;

/**
 * A finished design of any model, as {@link Designer} returns it, seen the same way for every
 * model: the one view that report/DesignReport renders as text and JSON (docs/design.md). What
 * only one method has (the stage estimates and verified products of Xu's design verified stage by
 * stage; the plant-flow translation and reflux search of a mass-action design) it supplies as
 * {@link Section}s of data, rendered by the same report.
 */
public sealed interface DesignResult permits CascadeDesigner.Design, PlantFlowDesign.Designed {
    /** Whether the design meets its targets (a design that does not is reported, then refused). */
    boolean met();

    /** The case's name. */
    String caseName();

    /** The equilibrium model's name as the case file gives it. */
    String model();

    /** Lines about the problem printed under the case's name (split, feed, targets). */
    List<String> header();

    /** Xu's static design the design starts from (for mass action, of the constant-β problem at β = K_A/K_B). */
    XuDesign xu();

    /** The heading of the Xu section. */
    String xuTitle();

    /** The designed stage counts by section and where the feeds enter. */
    StageCounts stages();

    /** The designed operating flows, with their units and case-file fields. */
    List<Quantity> flows();

    /** Each product's verified purity against its target. */
    List<Purity> purities();

    /** The designed cascade's steady state (the verification). */
    SteadyState state();

    /** Steady states solved for the design. */
    int steadyStates();

    /** The method-specific sections in order, each with its text lines and its JSON fields. */
    List<Section> sections();

    /** What the case file written by {@code --case-out} holds, as the report's last line starts it. */
    String caseFileDescription();

    /**
     * The targets missed, when {@link #met()} is false: {value reached, by how much they are missed}
     * as the message of exit code 2 words them; {@code null} when met.
     */
    String[] shortfall();
}
