package org.sxcascade.fit;

import java.util.Set;

/**
 * One batch equilibrium experiment (shake-out) as read from a shake-out CSV (docs/fit.md).
 * Per-element arrays follow {@link ShakeoutData#elements()}; an element absent from the
 * experiment has initial concentration 0 and a measured D of NaN.
 *
 * @param line            line of the file the row is on (the header is line 1)
 * @param experimentId    the row's {@code experiment_id}, or {@code line N} without that column
 * @param source          the row's {@code source} label ("" without one)
 * @param extractant      extractant concentration as monomer HA, mol/L organic
 * @param organicToAqueous O/A volume ratio
 * @param initialAcid     free H⁺ of the aqueous before contact, mol/L
 * @param saponification  fraction of the extractant's HA in the cation form before contact
 * @param cation          label of the saponifying cation ("" if none given)
 * @param initial         RE concentration of the aqueous before contact, mol/L (0 if absent)
 * @param measuredD       measured distribution ratio (organic/aqueous, each per litre of its phase),
 *                        from the {@code _D} column or, without one, from the aqueous equilibrium
 *                        concentration; NaN if the element is absent
 * @param weight          weight of the row's points in the fit
 * @param flags           the row's {@code flags}
 */
public record Shakeout(int line, String experimentId, String source, double extractant, double organicToAqueous,
                       double initialAcid, double saponification, String cation, double[] initial,
                       double[] measuredD, double weight, Set<String> flags) {

    /** Whether element j (index into the data's elements) was in this experiment. */
    public boolean has(int j) {
        return initial[j] > 0;
    }
}
