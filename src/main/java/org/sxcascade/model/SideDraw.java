package org.sxcascade.model;

/**
 * Part of a phase taken off a stage as a product (the third outlet of a three-outlet cascade, or
 * the strip liquor not returned as reflux).
 *
 * @param stage the stage whose outflow is drawn (1-based)
 * @param phase the phase drawn
 * @param flow  the drawn phase flow in the cascade's flow basis: mol RE per mol RE fed for CMER
 *              cascades, L/h for the volumetric models; less than the phase's outflow there
 */
public record SideDraw(int stage, FeedPhase phase, double flow) {
    public SideDraw {
        if (stage < 1) {
            throw new InvalidInputException("stage", stage, "a stage number ≥ 1");
        }
        if (phase == null) {
            throw new InvalidInputException("phase", null, "aqueous or organic");
        }
        if (!(flow > 0) || !Double.isFinite(flow)) {
            throw new InvalidInputException("flow", flow, "a finite flow greater than 0");
        }
    }
}
