package org.sxcascade.model;

import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;

/**
 * A case of any equilibrium model ({@link CascadeCase}: constant separation factors or
 * distribution ratios; {@link MassActionCase}: the mass-action law or its correlations), as the
 * shared report and charts see it: it says how its solved steady state is shown.
 */
public interface ModelCase {

    /** The case's title as written in the case file ({@code null} where it may have none). */
    String name();

    /**
     * How a solved steady state of this case is shown ({@link CaseView}).
     *
     * @param network the stage network that was solved (this case's)
     * @param state   its steady state
     */
    CaseView view(CascadeNetwork network, SteadyState state);

    /** The case's stage network, as {@code simulate} solves it. */
    CascadeNetwork network();

    /** The case's solver settings. */
    SolverSettings solver();
}
