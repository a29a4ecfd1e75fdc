package org.sxcascade.optimize;

import org.sxcascade.design.CascadeDesigner.PlantFlows;

/**
 * One cascade configuration the optimizer verified by simulation, with what it costs.
 *
 * @param extractionStages    n
 * @param scrubStages         m
 * @param extractantFlow      S, mol RE per mol RE fed
 * @param scrubFlow           W, mol RE per mol RE fed
 * @param organicPurity       achieved purity of the organic group in the loaded organic
 * @param aqueousPurity       achieved purity of the raffinate group in the raffinate
 * @param objectiveValue      the objective's value (unit: {@link Objective#unit()})
 * @param productionIndicator Xu's Φ = S·(n + m)
 * @param acidUse             scrub plus strip acid, mol H⁺ per mol RE fed
 * @param baseUse             saponification base, mol per mol RE fed
 * @param plant               plant flows and reagents per hour, or {@code null} without plant data
 * @param cost                the cost model's breakdown, or {@code null} without a cost model or plant data
 */
public record Configuration(int extractionStages, int scrubStages, double extractantFlow, double scrubFlow,
                            double organicPurity, double aqueousPurity, double objectiveValue,
                            double productionIndicator, double acidUse, double baseUse, PlantFlows plant,
                            CostBreakdown cost) {

    /** N = n + m. */
    public int totalStages() {
        return extractionStages + scrubStages;
    }

    /** Acid and base together, mol per mol RE fed. */
    public double reagentUse() {
        return acidUse + baseUse;
    }

    /**
     * The annual cost of a configuration under a {@link org.sxcascade.model.CostModel}.
     *
     * @param stageVolume   total mixer-settler volume, m³
     * @param organicVolume organic held in the stages, m³
     * @param stageCapital  capital charge on the stage volume, per year
     * @param organicCapital capital charge on the organic inventory, per year
     * @param acid          acid, per year
     * @param base          saponification base, per year
     * @param currency      currency label
     */
    public record CostBreakdown(double stageVolume, double organicVolume, double stageCapital, double organicCapital,
                                double acid, double base, String currency) {
        /** The annual cost. */
        public double total() {
            return stageCapital + organicCapital + acid + base;
        }
    }
}
