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
        InvalidInputException.requirePositive("flow", flow);
    }

    /**
     * Throws unless a draw of the given phase can be taken at {@code stage} of a cascade of
     * {@code totalStages} stages: an organic draw at stages 1 … N − 1, an aqueous draw at 2 … N
     * (the organic leaving stage N and the aqueous leaving stage 1 are the cascade's own outlets).
     *
     * @param field the stage's field path for the message, e.g. {@code sideDraws[0].stage}
     */
    public static void checkStage(String field, int stage, FeedPhase phase, int totalStages) {
        boolean organic = phase == FeedPhase.ORGANIC;
        int lo = organic ? 1 : 2;
        int hi = organic ? totalStages - 1 : totalStages;
        if (stage < lo || stage > hi) {
            throw new InvalidInputException(field, stage, "a stage from " + lo + " to " + hi + " for an "
                    + phase.label() + " draw (the " + (organic ? "organic leaving stage N" : "aqueous leaving stage 1")
                    + " is the cascade's own outlet)");
        }
    }
}
