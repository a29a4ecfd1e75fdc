package org.sxcascade.equilibrium;

/**
 * Phase equilibrium on one stage, in the form the cascade solvers need.
 *
 * <p>A stage is described by two phase flows in the model's own basis ({@link #flowBasis()}):
 * for the CMER model the RE metal flows of organic and aqueous leaving the stage (mol per mol
 * fed), for the linear model the volumetric flows (L/h). Component flows are in mol per mol of
 * total feed. Implementations must be stateless and allocation-free in both methods: the
 * solvers call them in their inner loops.
 */
public interface EquilibriumModel {

    /** Number of components. */
    int componentCount();

    /** What the stage phase flows passed to this model mean (printed with results). */
    String flowBasis();

    /**
     * Organic component flows leaving a stage as a function of the aqueous component flows
     * leaving it, in logarithms: {@code lnOrganic[j] = ln v_j(l)} with {@code l_i = exp(lnAqueous[i])}.
     *
     * @param organicFlow  the stage's organic phase flow (model basis)
     * @param aqueousFlow  the stage's aqueous phase flow (model basis)
     * @param lnAqueous    ln l_i, read from {@code aqOffset}
     * @param lnOrganic    receives ln v_j at {@code orgOffset}
     * @param jacobian     if not {@code null}, receives ∂ ln v_j / ∂ ln l_i row-major (row j) at
     *                     {@code jacOffset}, C×C entries
     */
    void organicFlows(double organicFlow, double aqueousFlow, double[] lnAqueous, int aqOffset,
                      double[] lnOrganic, int orgOffset, double[] jacobian, int jacOffset);

    /**
     * The equilibrium split of a stage's contents as each component's shares: the fraction of
     * {@code contents[j]} that leaves in the aqueous ({@code aqueousShare}) and in the organic
     * ({@code organicShare}), each computed directly rather than as 1 − the other, so that a share
     * near 0 keeps its relative accuracy; they sum to 1 up to rounding. The contents set the
     * shares only through the stage's conditions (for CMER the organic's Σ β x, for mass action
     * the acidity and the free extractant), which the main components fix: a trace whose amount
     * underflows to 0 in {@code contents} still gets its shares, so a caller that holds the
     * contents in logarithms splits every component exactly,
     * {@code ln l_j = ln m_j + ln aqueousShare_j} (the row-by-row iteration, docs/theory.md, "Why the numerics need care").
     *
     * @param contents component amounts from {@code offset} (plain numbers; traces may be 0)
     */
    void shares(double organicFlow, double aqueousFlow, double[] contents, int offset,
                double[] aqueousShare, double[] organicShare, int outOffset);

    /**
     * {@link #shares}, for a model whose stage conditions come from an inner solve (mass action: the
     * acidity; CMER: u = V/(L Σ β x)), started from a guess of its unknown: the caller that splits
     * the same stage again and again (the rows, docs/theory.md; the right-hand side of the
     * transient, {@code CascadeDynamics}) passes what the last split of that stage returned, which
     * saves most of the solve's iterations. The split is the same to rounding whatever the start.
     *
     * @param start the inner solve's unknown to start from, as a previous call returned it (mass
     *              action: ln of the aqueous [H⁺] in mol/L), or NaN for none
     * @return the unknown found, to pass as the next start, or NaN for a model without one (the
     *         default, which ignores the start)
     */
    default double shares(double organicFlow, double aqueousFlow, double[] contents, int offset,
                          double[] aqueousShare, double[] organicShare, int outOffset, double start) {
        shares(organicFlow, aqueousFlow, contents, offset, aqueousShare, organicShare, outOffset);
        return Double.NaN;
    }

    /**
     * Splits the contents of a stage between the phases at equilibrium: given component amounts
     * {@code contents}, writes aqueous and organic component flows such that
     * {@code aqueous[j] + organic[j] = contents[j]} exactly. From {@link #shares}: the phase with
     * the smaller share gets its share of the contents and the other the rest, so both are
     * accurate. {@code contents} must not overlap the output ranges.
     */
    default void equilibrate(double organicFlow, double aqueousFlow, double[] contents, int offset,
                             double[] aqueous, double[] organic, int outOffset) {
        shares(organicFlow, aqueousFlow, contents, offset, aqueous, organic, outOffset);
        splitByShares(contents, offset, aqueous, organic, outOffset);
    }

    /**
     * How many numbers the warm start of
     * {@link #equilibrate(double, double, double[], int, double[], double[], int, double[], int)}
     * holds: the unknowns of the split's inner solve (mass action: ln [H⁺] and ln of the free
     * extractant; CMER: u = V/(L Σ β x)). The default, 1, is the one unknown of
     * {@link #shares(double, double, double[], int, double[], double[], int, double)}.
     */
    default int startLength() {
        return 1;
    }

    /**
     * {@link #equilibrate(double, double, double[], int, double[], double[], int)} with the inner
     * solve started from {@code start[startOffset …]} ({@link #startLength()} numbers, NaN for none),
     * which receives the unknowns found: the caller that splits nearly the same contents again and
     * again (the right-hand side of the transient, {@code CascadeDynamics}) keeps one start per
     * stage. The split is the same to rounding whatever the start.
     */
    default void equilibrate(double organicFlow, double aqueousFlow, double[] contents, int offset,
                             double[] aqueous, double[] organic, int outOffset, double[] start, int startOffset) {
        start[startOffset] = shares(organicFlow, aqueousFlow, contents, offset, aqueous, organic, outOffset,
                start[startOffset]);
        splitByShares(contents, offset, aqueous, organic, outOffset);
    }

    /**
     * Turns the shares in {@code aqueous} and {@code organic} into the split amounts, in place:
     * the phase with the smaller share gets its share of the contents and the other the rest.
     */
    default void splitByShares(double[] contents, int offset, double[] aqueous, double[] organic, int outOffset) {
        for (int j = 0; j < componentCount(); j++) {
            int o = outOffset + j;
            double m = contents[offset + j];
            if (aqueous[o] <= organic[o]) {
                double l = m * aqueous[o];
                aqueous[o] = l;
                organic[o] = m - l;
            } else {
                double v = m * organic[o];
                organic[o] = v;
                aqueous[o] = m - v;
            }
        }
    }

    /**
     * Whether a stage's phase flows in this model's basis are the sums of its component flows (the
     * CMER model's metal flows). Solvers may then rescale trial profiles to the phase flows.
     */
    default boolean phaseFlowIsComponentSum() {
        return false;
    }

    /**
     * A member of a homotopy from a model without separation (t = 0, where every component
     * behaves alike and the flat feed-composition profile is the exact steady state of any
     * cascade) to this model (t = 1), for solvers that continue along t when a direct solve
     * fails. Returns {@code null} if the model offers none (the default), e.g. when its balances
     * are linear and need no continuation.
     */
    default EquilibriumModel relaxed(double t) {
        return null;
    }

    /**
     * For failure messages: what is physically wrong with a stage state that a solver could not
     * bring to a steady state (e.g. "acid used up"), or {@code null} if nothing is, judged from the
     * ln component flows of the aqueous leaving the stage.
     */
    default String stageDiagnosis(double organicFlow, double aqueousFlow, double[] lnAqueous, int aqOffset) {
        return null;
    }
}
