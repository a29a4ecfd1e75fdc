package org.sxcascade.model;

/**
 * A stream fed to one stage of a cascade.
 *
 * @param stage          the stage it enters (1-based)
 * @param phase          the phase it joins
 * @param componentFlows flow of each component, in the network's component units (mol per mol of
 *                       the reference feed for CMER cascades)
 * @param phaseFlow      the stream's own phase flow in the network's basis (L/h for volumetric
 *                       models); for CMER cascades its RE flow, the sum of the component flows
 */
public record StageFeed(int stage, FeedPhase phase, double[] componentFlows, double phaseFlow) {
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
        if (!(phaseFlow >= 0) || !Double.isFinite(phaseFlow)) {
            throw new InvalidInputException("flow", phaseFlow, "a finite flow ≥ 0");
        }
    }

    /** A CMER feed: its phase flow is its RE flow. */
    public static StageFeed ofMetal(int stage, FeedPhase phase, double[] componentFlows) {
        double sum = 0;
        for (double f : componentFlows) {
            sum += f;
        }
        return new StageFeed(stage, phase, componentFlows, sum);
    }

    @Override
    public double[] componentFlows() {
        return componentFlows.clone();
    }

    /** Flow of component j. */
    public double componentFlow(int j) {
        return componentFlows[j];
    }
}
