package org.sxcascade.fit;

/**
 * One sample of a phase leaving a stage of a running cascade, as analysed: the amount of each
 * component in it (mol/L or mole fraction; only the ratios between components are used).
 *
 * @param line     the line of the CSV file it was read from
 * @param sampleId the sample's label ({@code sample_id}, or "line N")
 * @param stage    the stage it was drawn from, 1 … N (Xu's numbering: stage 1 receives the fresh organic)
 * @param organic  whether it is the organic phase (else the aqueous)
 * @param amount   per component of the data file, the amount measured; NaN where not measured,
 *                 0 where below detection (such a point is left out: it has no logarithm)
 * @param weight   weight of the sample's points in the fit
 * @param pH       the pH measured in an aqueous sample, or NaN
 */
public record StageSample(int line, String sampleId, int stage, boolean organic, double[] amount, double weight,
                          double pH) {
    public StageSample {
        amount = amount.clone();
    }

    @Override
    public double[] amount() {
        return amount.clone();
    }

    /** The amount of component j (NaN when not measured). */
    public double amount(int j) {
        return amount[j];
    }
}
