package org.sxcascade.io;

import java.util.Set;
import org.sxcascade.model.InvalidInputException;

/**
 * The optional {@code design:} section of a {@code model: mass-action} case: how {@code design}
 * turns Xu's flows S and W (mol RE per mol RE fed) into plant flows (docs/design.md, "Mass-action
 * cascades"). Every setting has a default; unknown keys are errors.
 *
 * @param loading              RE in the loaded organic, mol/L: the organic flow is S·F / loading
 *                             (F the feed's RE, mol/h). Above 0 and below C/3, the saturation of
 *                             an extractant of C mol/L dimer (3 dimers per RE); default
 *                             {@value #DEFAULT_LOADING_FRACTION} × C/3
 * @param saponificationMargin base above the 3 mol per mol RE the organic takes up, as a fraction
 *                             (0.125 = 12.5 %): it neutralises the strip acid's excess that reaches
 *                             the extraction section. From 0 to 1; default {@value #DEFAULT_SAPONIFICATION_MARGIN}
 * @param stripExcess          strip acid above 3 mol H⁺ per mol RE stripped, as a fraction. From 0 to 2;
 *                             default {@value #DEFAULT_STRIP_EXCESS}
 * @param stripAcidity         acidity of the strip acid, mol/L H⁺. Above 0, at most 12; default
 *                             {@value #DEFAULT_STRIP_ACIDITY}
 * @param stripStages          strip stages p, 1 … {@value #MAX_STRIP_STAGES}; default {@value #DEFAULT_STRIP_STAGES}
 */
public record MassActionDesignSettings(double loading, double saponificationMargin, double stripExcess,
                                       double stripAcidity, int stripStages) {
    /** Default loading as a fraction of the saturation C/3. */
    public static final double DEFAULT_LOADING_FRACTION = 0.72;
    public static final double DEFAULT_SAPONIFICATION_MARGIN = 0.125;
    public static final double DEFAULT_STRIP_EXCESS = 0.14;
    public static final double DEFAULT_STRIP_ACIDITY = 5.0;
    public static final int DEFAULT_STRIP_STAGES = 8;
    public static final int MAX_STRIP_STAGES = 100;
    private static final Set<String> KEYS = Set.of("loading", "saponificationMargin", "stripExcess", "stripAcidity",
            "stripStages");

    public MassActionDesignSettings {
        range("design.saponificationMargin", saponificationMargin, 0, 1, "a fraction from 0 to 1 (0.125 = 12.5 % "
                + "base above 3 mol per mol RE loaded)");
        range("design.stripExcess", stripExcess, 0, 2, "a fraction from 0 to 2 (0.14 = 14 % acid above 3 mol H+ "
                + "per mol RE stripped)");
        if (!(stripAcidity > 0 && stripAcidity <= 12)) {
            throw new InvalidInputException("design.stripAcidity", stripAcidity, "above 0 and at most 12 mol/L H+");
        }
        if (stripStages < 1 || stripStages > MAX_STRIP_STAGES) {
            throw new InvalidInputException("design.stripStages", stripStages, "an integer from 1 to " + MAX_STRIP_STAGES);
        }
        if (!(loading > 0) || !Double.isFinite(loading)) {
            throw new InvalidInputException("design.loading", loading, "a finite number above 0 mol/L RE");
        }
    }

    /** Every setting at its default, for an extractant of {@code concentration} mol/L dimer. */
    public static MassActionDesignSettings defaults(double concentration) {
        return new MassActionDesignSettings(DEFAULT_LOADING_FRACTION * concentration / 3,
                DEFAULT_SAPONIFICATION_MARGIN, DEFAULT_STRIP_EXCESS, DEFAULT_STRIP_ACIDITY, DEFAULT_STRIP_STAGES);
    }

    /**
     * Degree of saponification that gives the organic base for its RE plus the margin: the organic
     * carries 2C·s mol/L of the cation (2C mol/L HA, a fraction s exchanged), and must carry
     * 3·loading·(1 + margin), so s = 3·loading·(1 + margin) / (2C).
     */
    public double saponification(double concentration) {
        return 3 * loading * (1 + saponificationMargin) / (2 * concentration);
    }

    /**
     * Reads the section (absent: {@link #defaults}), checking the loading against the extractant.
     * A loading below C/3 with a margin of at most 1 keeps the saponification below 1.
     *
     * @param top           the case file's top level
     * @param concentration the extractant's concentration C, mol/L dimer
     */
    public static MassActionDesignSettings read(YamlMapping top, double concentration) {
        MassActionDesignSettings d = defaults(concentration);
        if (!top.has("design")) {
            return d;
        }
        YamlMapping s = top.obj("design");
        s.allow(KEYS);
        double loading = s.has("loading") ? s.number("loading") : d.loading();
        if (!(loading > 0 && loading < concentration / 3)) {
            throw new InvalidInputException("design.loading", loading, "above 0 and below the saturation C/3 = "
                    + concentration / 3 + " mol/L RE (extractant.concentration C = " + concentration + " mol/L dimer)");
        }
        return new MassActionDesignSettings(loading,
                s.has("saponificationMargin") ? s.number("saponificationMargin") : d.saponificationMargin(),
                s.has("stripExcess") ? s.number("stripExcess") : d.stripExcess(),
                s.has("stripAcidity") ? s.number("stripAcidity") : d.stripAcidity(),
                s.has("stripStages") ? s.integer("stripStages") : d.stripStages());
    }

    private static void range(String field, double x, double lo, double hi, String allowed) {
        if (!(x >= lo && x <= hi)) {
            throw new InvalidInputException(field, x, allowed);
        }
    }
}
