package org.sxcascade.equilibrium;

import org.sxcascade.model.InvalidInputException;

/**
 * Xu's constant mixed extraction ratio (CMER) model: the organic carries a fixed RE metal flow
 * (saponified extractant near saturation) and its composition follows from separation factors,
 * {@code y_j = β_j x_j / Σ_k β_k x_k} (docs/theory.md). The separation factors may be relative to any
 * reference component; only their ratios matter.
 *
 * <p>With l the aqueous and V the organic metal flow leaving a stage,
 * {@code ln v_j = ln V + ln β_j + ln l_j − ln Σ_k β_k l_k}; its Jacobian is
 * {@code ∂ ln v_j/∂ ln l_i = δ_ij − y_i}.
 */
public final class ConstantSeparationFactors implements EquilibriumModel {
    private final double[] separationFactors;
    private final double[] lnSeparationFactors;

    /** @param separationFactors β_j &gt; 0 for each component */
    public ConstantSeparationFactors(double... separationFactors) {
        if (separationFactors.length == 0) {
            throw new InvalidInputException("components", "(none)", "at least one component");
        }
        this.separationFactors = separationFactors.clone();
        this.lnSeparationFactors = new double[separationFactors.length];
        for (int j = 0; j < separationFactors.length; j++) {
            double b = separationFactors[j];
            if (!(b > 0) || !Double.isFinite(b)) {
                throw new InvalidInputException("components[" + j + "].separationFactor", b,
                        "a finite number greater than 0");
            }
            lnSeparationFactors[j] = Math.log(b);
        }
    }

    /** β_j as given. */
    public double separationFactor(int j) {
        return separationFactors[j];
    }

    /** The same model with separation factors β_j^t: no separation at t = 0. */
    @Override
    public EquilibriumModel relaxed(double t) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("t = " + t + " outside [0, 1]");
        }
        double[] b = new double[separationFactors.length];
        for (int j = 0; j < b.length; j++) {
            b[j] = Math.exp(t * lnSeparationFactors[j]);
        }
        return new ConstantSeparationFactors(b);
    }

    @Override
    public int componentCount() {
        return separationFactors.length;
    }

    @Override
    public String flowBasis() {
        return "mol RE per mol RE fed";
    }

    @Override
    public boolean phaseFlowIsComponentSum() {
        return true;
    }

    @Override
    public void organicFlows(double organicFlow, double aqueousFlow, double[] lnAqueous, int aqOffset,
                             double[] lnOrganic, int orgOffset, double[] jacobian, int jacOffset) {
        int c = lnSeparationFactors.length;
        // ln Σ β_k l_k by log-sum-exp, so that flows far below 1e-308 stay exact
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) {
            max = Math.max(max, lnSeparationFactors[k] + lnAqueous[aqOffset + k]);
        }
        double sum = 0;
        for (int k = 0; k < c; k++) {
            sum += Math.exp(lnSeparationFactors[k] + lnAqueous[aqOffset + k] - max);
        }
        double lnDenominator = max + Math.log(sum);
        double lnV = Math.log(organicFlow);
        for (int j = 0; j < c; j++) {
            lnOrganic[orgOffset + j] = lnV + lnSeparationFactors[j] + lnAqueous[aqOffset + j] - lnDenominator;
        }
        if (jacobian != null) {
            for (int i = 0; i < c; i++) {
                double yi = Math.exp(lnSeparationFactors[i] + lnAqueous[aqOffset + i] - lnDenominator);
                for (int j = 0; j < c; j++) {
                    jacobian[jacOffset + j * c + i] = (i == j ? 1.0 : 0.0) - yi;
                }
            }
        }
    }

    @Override
    public void shares(double organicFlow, double aqueousFlow, double[] contents, int offset,
                       double[] aqueousShare, double[] organicShare, int outOffset) {
        int c = separationFactors.length;
        if (!(aqueousFlow > 0)) {
            for (int j = 0; j < c; j++) {
                aqueousShare[outOffset + j] = 0;
                organicShare[outOffset + j] = 1;
            }
            return;
        }
        // M_j = L x_j + V β_j x_j / s with s = Σ β x. With t = V/s: x_j = M_j / (L + β_j t), and t
        // solves g(t) = Σ_j M_j/(L + β_j t) − 1 = 0. g is convex and decreasing with g(0) = V/L > 0,
        // so Newton from t = 0 approaches the root monotonically from the left.
        double t = 0;
        for (int it = 0; it < 100; it++) {
            double g = -1;
            double dg = 0;
            for (int j = 0; j < c; j++) {
                double d = aqueousFlow + separationFactors[j] * t;
                double q = contents[offset + j] / d;
                g += q;
                dg -= q * separationFactors[j] / d;
            }
            if (!(g > 0) || !(dg < 0)) {
                break;
            }
            double next = t - g / dg;
            if (!(next > t) || next - t <= 1e-16 * next) {
                t = Math.max(t, next);
                break;
            }
            t = next;
        }
        for (int j = 0; j < c; j++) {
            // l_j = L x_j = M_j L/(L + β_j t), v_j = M_j β_j t/(L + β_j t)
            double d = aqueousFlow + separationFactors[j] * t;
            aqueousShare[outOffset + j] = aqueousFlow / d;
            organicShare[outOffset + j] = separationFactors[j] * t / d;
        }
    }
}
