package org.sxcascade.flowsheet;

import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;

/**
 * A side draw of a cascade in a flowsheet: an outlet {@code <cascade>.<name>}.
 *
 * @param name  the outlet's name within its cascade (not {@code raffinate} or {@code organic})
 * @param stage the stage whose outflow is drawn: 1 … N − 1 for the organic, 2 … N for the aqueous
 * @param phase the phase drawn
 * @param flow  the flow drawn: RE, mol RE per mol of total fresh RE fed (CMER), or L/h (mass action)
 */
public record Draw(String name, int stage, FeedPhase phase, double flow) {
    /** The unit of a CMER cascade's draw flow (a mass-action cascade's draws are in L/h). */
    public static final String FLOW_UNIT = "mol RE per mol RE fed";

    public Draw {
        Flowsheet.checkName("name", name);
        if (name.equals(FlowsheetUnit.RAFFINATE) || name.equals(FlowsheetUnit.ORGANIC)) {
            throw new InvalidInputException("name", name, "a name other than raffinate and organic (the cascade's "
                    + "own outlets)");
        }
        if (phase == null) {
            throw new InvalidInputException("phase", "(missing)", "aqueous or organic");
        }
        if (stage < 1) {
            throw new InvalidInputException("stage", stage, "a stage number ≥ 1");
        }
        InvalidInputException.requirePositive("flow", flow, FLOW_UNIT);
    }
}
