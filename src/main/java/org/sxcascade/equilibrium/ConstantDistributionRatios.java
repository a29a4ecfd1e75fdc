package org.sxcascade.equilibrium;

import org.sxcascade.model.InvalidInputException;

/**
 * Dilute, linear equilibrium: organic concentration = D_j × aqueous concentration, each component
 * independently. On a stage with organic flow O and aqueous flow A (volumetric, L/h) the organic
 * carries {@code v_j = E_j l_j}, with extraction factor {@code E_j = D_j O / A}. A single
 * section of such stages obeys the Kremser equation.
 */
public final class ConstantDistributionRatios implements EquilibriumModel {
    private final double[] distributionRatios;
    private final double[] lnDistributionRatios;

    /** @param distributionRatios D_j &gt; 0 for each component (organic/aqueous concentration) */
    public ConstantDistributionRatios(double... distributionRatios) {
        if (distributionRatios.length == 0) {
            throw new InvalidInputException("components", "(none)", "at least one component");
        }
        this.distributionRatios = distributionRatios.clone();
        this.lnDistributionRatios = new double[distributionRatios.length];
        for (int j = 0; j < distributionRatios.length; j++) {
            double d = distributionRatios[j];
            if (!(d > 0) || !Double.isFinite(d)) {
                throw new InvalidInputException("components[" + j + "].distributionRatio", d,
                        "a finite number greater than 0");
            }
            lnDistributionRatios[j] = Math.log(d);
        }
    }

    /** D_j as given. */
    public double distributionRatio(int j) {
        return distributionRatios[j];
    }

    @Override
    public int componentCount() {
        return distributionRatios.length;
    }

    @Override
    public String flowBasis() {
        return "L/h";
    }

    @Override
    public void organicFlows(double organicFlow, double aqueousFlow, double[] lnAqueous, int aqOffset,
                             double[] lnOrganic, int orgOffset, double[] jacobian, int jacOffset) {
        int c = distributionRatios.length;
        double lnRatio = Math.log(organicFlow) - Math.log(aqueousFlow);
        for (int j = 0; j < c; j++) {
            lnOrganic[orgOffset + j] = lnDistributionRatios[j] + lnRatio + lnAqueous[aqOffset + j];
        }
        if (jacobian != null) {
            for (int j = 0; j < c; j++) {
                for (int i = 0; i < c; i++) {
                    jacobian[jacOffset + j * c + i] = i == j ? 1.0 : 0.0;
                }
            }
        }
    }

    @Override
    public void shares(double organicFlow, double aqueousFlow, double[] contents, int offset,
                       double[] aqueousShare, double[] organicShare, int outOffset) {
        for (int j = 0; j < distributionRatios.length; j++) {
            double e = distributionRatios[j] * organicFlow / aqueousFlow; // extraction factor
            aqueousShare[outOffset + j] = 1 / (1 + e);
            organicShare[outOffset + j] = e / (1 + e);
        }
    }
}
