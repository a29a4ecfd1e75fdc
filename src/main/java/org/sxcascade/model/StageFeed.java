package org.sxcascade.model;

/**
 * A stream fed to one stage of a CMER cascade (its phase flow is its RE flow, the sum of the
 * component flows).
 *
 * @param stage          the stage it enters (1-based)
 * @param phase          the phase it joins
 * @param componentFlows flow of each component, in the network's component units (mol per mol of
 *                       the reference feed)
 */
public record StageFeed(int stage, FeedPhase phase, double[] componentFlows) {
    public StageFeed {
        if (stage < 1) {
            throw new InvalidInputException("stage", stage, "a stage number ≥ 1");
        }
        if (phase == null) {
            throw new InvalidInputException("phase", null, "aqueous or organic");
        }
        componentFlows = componentFlows.clone();
        for (int j = 0; j < componentFlows.length; j++) {
            if (!(componentFlows[j] >= 0) || !Double.isFinite(componentFlows[j])) {
                throw new InvalidInputException("componentFlows[" + j + "]", componentFlows[j], "a finite flow ≥ 0");
            }
        }
    }

    /** A CMER feed (the same as the constructor). */
    public static StageFeed ofMetal(int stage, FeedPhase phase, double[] componentFlows) {
        return new StageFeed(stage, phase, componentFlows);
    }

    @Override
    public double[] componentFlows() {
        return componentFlows.clone();
    }

    /** Number of component flows. */
    public int componentCount() {
        return componentFlows.length;
    }

    /** Flow of component j. */
    public double componentFlow(int j) {
        return componentFlows[j];
    }
}
