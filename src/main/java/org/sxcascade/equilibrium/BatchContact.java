package org.sxcascade.equilibrium;

import org.sxcascade.model.InvalidInputException;

/**
 * One batch contact (a shake-out test): an aqueous rare-earth solution and an organic of the
 * given extractant, saponified to degree s, mixed at a volume ratio O/A and brought to
 * equilibrium with the same code the cascades use ({@link MassActionEquilibrium#shares}). It is
 * one equilibrium stage with no flows in or out: the contents are those of 1 L of aqueous and
 * O/A L of organic, and the full RE, cation, acid and extractant balances hold, so the
 * equilibrium [H⁺] includes the 3 H⁺ released per RE extracted (docs/fit.md).
 *
 * <p>Per litre of aqueous, with C the extractant as dimer and r = O/A, the contents are
 * {@code m_j = c_j⁰} (RE j), {@code m_M = 2sCr} (cation) and {@code m_H = h⁰ + 2C(1−s)r}
 * (free acid plus the organic's exchangeable hydrogen). The distribution ratio follows from the
 * shares as {@code D_j = (σ_j^org / r) / σ_j^aq}, each share computed directly, so ln D keeps its
 * accuracy when a rare earth stays almost wholly in one phase.
 *
 * <p>The model must have a molar scale of 1 (contents in mol, phase volumes in L). An instance
 * holds scratch arrays: {@link #solve} allocates nothing, and one instance must not be shared
 * between threads.
 */
public final class BatchContact {
    private final int rareEarths;
    private final double[] contents;
    private final double[] aqueousShare;
    private final double[] organicShare;
    private final double[] lnAqueous;
    private final double[] lnD;
    private double acidity;
    private double freeDimer;

    /** Scratch for contacts of up to {@code rareEarthCount} rare earths. */
    public BatchContact(int rareEarthCount) {
        if (rareEarthCount < 1) {
            throw new InvalidInputException("rareEarthCount", rareEarthCount, "an integer of at least 1");
        }
        this.rareEarths = rareEarthCount;
        int c = rareEarthCount + 2;
        contents = new double[c];
        aqueousShare = new double[c];
        organicShare = new double[c];
        lnAqueous = new double[c];
        lnD = new double[rareEarthCount];
    }

    /**
     * Brings one contact to equilibrium.
     *
     * @param model          the equilibrium (its rare earths in the order of {@code initial}, its C the
     *                       extractant of this contact as dimer, molar scale 1)
     * @param organicToAqueous O/A volume ratio r (&gt; 0)
     * @param initial        RE concentrations of the aqueous before contact, mol/L (0 for an absent
     *                       rare earth: it still gets its D, as a trace)
     * @param saponification s, the fraction of the extractant's HA in the cation form (0 ≤ s &lt; 1)
     * @param initialAcid    free H⁺ of the aqueous before contact, mol/L (≥ 0)
     */
    public void solve(MassActionEquilibrium model, double organicToAqueous, double[] initial,
                      double saponification, double initialAcid) {
        int r = rareEarths;
        if (model.rareEarthCount() != r || model.molarScale() != 1) {
            throw new IllegalArgumentException("model has " + model.rareEarthCount() + " rare earths and scale "
                    + model.molarScale() + "; expected " + r + " and 1");
        }
        double c = model.extractantConcentration();
        for (int j = 0; j < r; j++) {
            contents[j] = initial[j];
        }
        contents[r] = 2 * saponification * c * organicToAqueous;
        contents[r + 1] = initialAcid + 2 * (1 - saponification) * c * organicToAqueous;
        model.shares(organicToAqueous, 1, contents, 0, aqueousShare, organicShare, 0);
        double lnRatio = Math.log(organicToAqueous);
        for (int j = 0; j < r + 2; j++) {
            lnAqueous[j] = Math.log(contents[j]) + Math.log(aqueousShare[j]);
        }
        for (int j = 0; j < r; j++) {
            lnD[j] = Math.log(organicShare[j]) - Math.log(aqueousShare[j]) - lnRatio;
        }
        acidity = aqueousShare[r + 1] * contents[r + 1];
        freeDimer = model.freeExtractant(1, lnAqueous, 0);
    }

    /** ln D_j of the last contact: organic over aqueous concentration at equilibrium. */
    public double lnDistributionRatio(int j) {
        return lnD[j];
    }

    /** Equilibrium aqueous [H⁺] of the last contact, mol/L. */
    public double acidity() {
        return acidity;
    }

    /** Equilibrium free extractant of the last contact, mol/L as dimer (HA)₂. */
    public double freeDimer() {
        return freeDimer;
    }

    /** Fraction of rare earth j of the last contact that is in the organic at equilibrium. */
    public double extractedFraction(int j) {
        return organicShare[j];
    }
}
