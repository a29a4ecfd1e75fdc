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
        shares(organicFlow, aqueousFlow, contents, offset, aqueousShare, organicShare, outOffset, Double.NaN);
    }

    /**
     * {@inheritDoc}
     *
     * <p>M_j = L x_j + V β_j x_j / s with s = Σ β x. With u = V/(L s): x_j = m_j / (1 + β_j u),
     * m_j = M_j/L, and u solves g(u) = Σ_j m_j/(1 + β_j u) − 1 = 0 (the aqueous mole fractions sum
     * to 1). For two components this is the quadratic β_1 β_2 u² + (β_1 + β_2 − m_1 β_2 − m_2 β_1) u
     * + 1 − m_1 − m_2 = 0, whose constant term is −V/L &lt; 0: its one positive root, taken in the
     * form without cancellation (Numerical Recipes §5.6), is the split in closed form. Otherwise g is
     * convex and decreasing with g(0) = V/L &gt; 0 (non-negative contents), so Newton from any point
     * left of the root approaches it monotonically; a start right of it is first moved left of it
     * by one Newton step (convexity: the tangent's zero lies left of the root).
     *
     * @param start u of a previous split (the return value), or NaN: Newton then starts from 0
     * @return u
     */
    @Override
    public double shares(double organicFlow, double aqueousFlow, double[] contents, int offset,
                         double[] aqueousShare, double[] organicShare, int outOffset, double start) {
        int c = separationFactors.length;
        if (!(aqueousFlow > 0)) {
            for (int j = 0; j < c; j++) {
                aqueousShare[outOffset + j] = 0;
                organicShare[outOffset + j] = 1;
            }
            return Double.NaN;
        }
        double inverseL = 1 / aqueousFlow;
        double u = 0;
        if (c == 2) {
            double b1 = separationFactors[0];
            double b2 = separationFactors[1];
            double m1 = contents[offset] * inverseL;
            double m2 = contents[offset + 1] * inverseL;
            double constant = 1 - m1 - m2;
            if (constant < 0) {
                double a = b1 * b2;
                double b = b1 + b2 - m1 * b2 - m2 * b1;
                double q = -0.5 * (b + Math.copySign(Math.sqrt(b * b - 4 * a * constant), b));
                u = b >= 0 ? constant / q : q / a;
            }
        } else {
            boolean nonNegative = true;
            for (int j = 0; j < c; j++) {
                nonNegative &= contents[offset + j] >= 0;
            }
            boolean fromStart = nonNegative && start > 0 && start < Double.POSITIVE_INFINITY;
            u = fromStart ? start : 0;
            for (int it = 0; it < 100; ) {
                double g = -1;
                double dg = 0;
                for (int j = 0; j < c; j++) {
                    double d = 1 / (1 + separationFactors[j] * u);
                    double q = contents[offset + j] * inverseL * d;
                    g += q;
                    dg -= q * separationFactors[j] * d;
                }
                if (fromStart) {
                    fromStart = false;
                    if (!(g >= 0)) {
                        // a start right of the root moves left of it by one Newton step (not counted)
                        u = dg < 0 ? Math.max(0, u - g / dg) : 0;
                        continue;
                    }
                }
                it++;
                if (!(g > 0) || !(dg < 0)) {
                    break;
                }
                double next = u - g / dg;
                if (!(next > u) || next - u <= 1e-16 * next) {
                    u = Math.max(u, next);
                    break;
                }
                u = next;
            }
        }
        if (c == 2 && u < 1e100) {
            // as below, with one division for both components
            double bu1 = separationFactors[0] * u;
            double bu2 = separationFactors[1] * u;
            double d1 = 1 + bu1;
            double d2 = 1 + bu2;
            double inverse = 1 / (d1 * d2);
            aqueousShare[outOffset] = d2 * inverse;
            organicShare[outOffset] = bu1 * d2 * inverse;
            aqueousShare[outOffset + 1] = d1 * inverse;
            organicShare[outOffset + 1] = bu2 * d1 * inverse;
            return u;
        }
        for (int j = 0; j < c; j++) {
            // l_j = L x_j = M_j/(1 + β_j u), v_j = M_j β_j u/(1 + β_j u)
            double bu = separationFactors[j] * u;
            double d = 1 / (1 + bu);
            aqueousShare[outOffset + j] = d;
            organicShare[outOffset + j] = bu * d;
        }
        return u;
    }
}
