package org.sxcascade.solver;

import java.util.Arrays;
import org.sxcascade.equilibrium.EquilibriumModel;

/**
 * Xu's row-by-row ("funnel") iteration on a state that cannot underflow, shared by
 * {@link RowIterationSolver} and the row start of {@link TwoPhaseNewtonSolver}. In a row every
 * stage, from stage 1 up, mixes its feed, the organic that left the stage below and the aqueous
 * that left the stage above (each less its side draw) and splits the mixture at equilibrium.
 *
 * <p>Each component flow is held as a mantissa times a power of two, the exponent kept per stage
 * and component (both phases share it) and renormalised on every split. In plain numbers a trace
 * that falls geometrically along a long cascade underflows through the subnormal numbers to 0
 * (docs/theory.md, "Why the numerics need care"): its balances can then no longer close to a relative tolerance, and a stage whose
 * contents were 0 in one row but whose neighbours hold some of it in the next shows an infinite
 * imbalance. Logarithms would avoid that too, but their rounding grows with |ln x| (about 1e-14
 * at ln x = −30), and the row iteration amplifies rounding by its slow convergence (the 60 + 60-
 * stage Zhang binary then stalled at an imbalance of 5.7e-12); scaled numbers round as plain
 * numbers do. The equilibrium model splits each stage by phase shares computed from the contents
 * as plain numbers ({@link EquilibriumModel#shares}): the main components set the stage's
 * conditions, and a trace that underflows there still gets its shares.
 *
 * <p>Murphree stages (organic phase, the definition of {@link TwoPhaseNewtonSolver} and
 * {@link CascadeNetwork#withEfficiency}): the organic leaves stage k with
 * {@code v = E v*(l; V) + g v_in}, g = (1 − E) V_k / V_in, v_in the organic entering the stage
 * (the undrawn part of v_{k−1} and any organic feed) and V_in its phase flow. The equilibrium
 * organic v*(l; V) is the organic phase flow V times concentrations set by the aqueous alone (CMER:
 * V β_j x_j / Σβx; linear: V D_j x_j; mass action: V times the organic concentrations in equilibrium
 * with the aqueous), so E v*(l; V) = v*(l; E V). A row therefore sets the part g v_in aside, splits
 * the rest of the contents, m − g v_in, at equilibrium with the organic flow E V, and adds g v_in
 * to the organic: both Murphree relations and balances of the Newton solver hold at the rows'
 * steady state.
 *
 * <p>Work arrays grow to the largest network seen; a row allocates nothing.
 */
final class RowSweep {
    private static final double LN2 = Math.log(2);

    private CascadeNetwork network;
    /** Mantissas of the aqueous and organic flows leaving each stage, N×C, and their exponents. */
    private double[] aqueous = new double[0];
    private double[] organic = new double[0];
    private int[] exponent = new int[0];
    /** The next row (Jacobi rows), swapped with the current one after each row. */
    private double[] nextAqueous = new double[0];
    private double[] nextOrganic = new double[0];
    private int[] nextExponent = new int[0];
    /** One stage's contents: mantissas, exponents, plain values, and the equilibrium shares. */
    private double[] mantissa = new double[0];
    /** The part g v_in of each component set aside from the split (Murphree), same scale. */
    private double[] aside = new double[0];
    private int[] scale = new int[0];
    private double[] contents = new double[0];
    private double[] aqueousShare = new double[0];
    private double[] organicShare = new double[0];
    /** Per stage: g = (1 − E) V_k / V_in (0 for an equilibrium stage) and the organic flow E V_k of the split. */
    private double[] bypass = new double[0];
    private double[] splitOrganicFlow = new double[0];
    /**
     * Per stage: ln of the aqueous acidity its last split found (NaN: none yet, or a model without
     * one), the start of its next split ({@link EquilibriumModel#shares(double, double, double[], int,
     * double[], double[], int, double)}).
     */
    private double[] lnAcidity = new double[0];

    /** Sets the network the next rows run on. */
    void prepare(CascadeNetwork net) {
        int size = net.stages() * net.components();
        int c = net.components();
        if (aqueous.length < size) {
            aqueous = new double[size];
            organic = new double[size];
            exponent = new int[size];
            nextAqueous = new double[size];
            nextOrganic = new double[size];
            nextExponent = new int[size];
        }
        if (mantissa.length < c) {
            mantissa = new double[c];
            aside = new double[c];
            scale = new int[c];
            contents = new double[c];
            aqueousShare = new double[c];
            organicShare = new double[c];
        }
        int n = net.stages();
        if (bypass.length < n) {
            bypass = new double[n];
            splitOrganicFlow = new double[n];
            lnAcidity = new double[n];
        }
        Arrays.fill(lnAcidity, 0, n, Double.NaN);
        for (int k = 1; k <= n; k++) {
            double e = net.efficiency(k);
            double inflow = net.organicInflow(k);
            boolean murphree = e < 1 && inflow > 0; // no organic entering (CMER stage 1): equilibrium
            bypass[k - 1] = murphree ? (1 - e) * net.organicFlow(k) / inflow : 0;
            splitOrganicFlow[k - 1] = murphree ? e * net.organicFlow(k) : net.organicFlow(k);
        }
        network = net;
    }

    /** Sets the state from ln component flows (N×C, stage-major; −∞ for none). */
    void load(double[] lnAqueous, double[] lnOrganic) {
        int size = network.stages() * network.components();
        for (int i = 0; i < size; i++) {
            double top = Math.max(lnAqueous[i], lnOrganic[i]);
            int e = top == Double.NEGATIVE_INFINITY ? 0 : (int) Math.floor(top / LN2);
            exponent[i] = e;
            aqueous[i] = Math.exp(lnAqueous[i] - e * LN2);
            organic[i] = Math.exp(lnOrganic[i] - e * LN2);
        }
    }

    /** Writes the state as ln component flows (−∞ for none). */
    void lnFlows(double[] lnAqueous, double[] lnOrganic) {
        int size = network.stages() * network.components();
        for (int i = 0; i < size; i++) {
            double shift = exponent[i] * LN2;
            lnAqueous[i] = Math.log(aqueous[i]) + shift;
            lnOrganic[i] = Math.log(organic[i]) + shift;
        }
    }

    /** One row with every stage taking both neighbours' outflows from the previous row. */
    void row() {
        int n = network.stages();
        for (int k = 0; k < n; k++) {
            stage(k, nextAqueous, nextOrganic, nextExponent);
        }
        double[] t = aqueous;
        aqueous = nextAqueous;
        nextAqueous = t;
        t = organic;
        organic = nextOrganic;
        nextOrganic = t;
        int[] e = exponent;
        exponent = nextExponent;
        nextExponent = e;
    }

    /**
     * One row in place, from stage 1 up: the organic from below is then this row's and the aqueous
     * from above the last row's (a Gauss-Seidel sweep of the funnel experiment).
     */
    void rowInPlace() {
        int n = network.stages();
        for (int k = 0; k < n; k++) {
            stage(k, aqueous, organic, exponent);
        }
    }

    /** Mixes what reaches stage k (0-based) in the current state and writes its split to the outputs. */
    private void stage(int k, double[] outAqueous, double[] outOrganic, int[] outExponent) {
        CascadeNetwork net = network;
        int n = net.stages();
        int c = net.components();
        int off = k * c;
        double passOrg = k > 0 ? 1 - net.organicDraw(k) : 0;
        double passAq = k < n - 1 ? 1 - net.aqueousDraw(k + 2) : 0;
        double g = bypass[k];
        for (int j = 0; j < c; j++) {
            int i = off + j;
            double f = net.feed(k + 1, j);
            double a = k > 0 ? passOrg * organic[i - c] : 0;
            double b = k < n - 1 ? passAq * aqueous[i + c] : 0;
            int ea = a > 0 ? exponent[i - c] : Integer.MIN_VALUE;
            int eb = b > 0 ? exponent[i + c] : Integer.MIN_VALUE;
            int ef = f > 0 ? Math.getExponent(f) : Integer.MIN_VALUE;
            int e = Math.max(ea, Math.max(eb, ef));
            double m = 0;
            double set = 0;
            if (e != Integer.MIN_VALUE) {
                // every term scaled to the largest one's power of two: exact, no overflow
                double sa = a > 0 ? Math.scalb(a, ea - e) : 0;
                double sb = b > 0 ? Math.scalb(b, eb - e) : 0;
                if (g == 0) {
                    m = sa + sb + (f > 0 ? Math.scalb(f, -e) : 0);
                } else {
                    // Murphree: g v_in is set aside; the rest, (1 − g) v_in + aqueous in, is split
                    double fo = net.organicFeed(k + 1, j);
                    double vin = sa + (fo > 0 ? Math.scalb(fo, -e) : 0);
                    set = g * vin;
                    m = (1 - g) * vin + sb + (f > fo ? Math.scalb(f - fo, -e) : 0);
                }
            } else {
                e = 0;
            }
            mantissa[j] = m;
            aside[j] = set;
            scale[j] = e;
            contents[j] = Math.scalb(m, e); // plain, for the stage's conditions; traces may underflow
        }
        lnAcidity[k] = net.equilibrium().shares(splitOrganicFlow[k], net.aqueousFlow(k + 1), contents, 0,
                aqueousShare, organicShare, 0, lnAcidity[k]);
        for (int j = 0; j < c; j++) {
            double m = mantissa[j];
            double total = m + aside[j];
            int h = total > 0 ? Math.getExponent(total) : 0;
            m = Math.scalb(m, -h);
            // the smaller share times the contents, the other phase the rest: the split conserves
            // the contents exactly (as EquilibriumModel.equilibrate does)
            double l;
            double v;
            if (aqueousShare[j] <= organicShare[j]) {
                l = m * aqueousShare[j];
                v = m - l;
            } else {
                v = m * organicShare[j];
                l = m - v;
            }
            outAqueous[off + j] = l;
            outOrganic[off + j] = v + Math.scalb(aside[j], -h);
            outExponent[off + j] = scale[j] + h;
        }
    }
}
