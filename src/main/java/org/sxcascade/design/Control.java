package org.sxcascade.design;

import java.util.Locale;

/**
 * Which section limits the separation in Xu's optimum design (docs/design.md, Which section controls).
 *
 * <p>With f'_B the fraction of the fed RE leaving in the raffinate: an aqueous feed is
 * extraction-controlled if {@code f'_B > √β/(1+√β)}, an organic feed if {@code f'_B > 1/(1+√β)};
 * otherwise the design is scrub-controlled. In an extraction-controlled design the optimum fixes
 * the mixed extraction ratio of the extraction section at {@code E_M = 1/√β}; in a
 * scrub-controlled design the scrub section's ratio at {@code E'_M = √β}.
 */
public enum Control {
    /** The extraction section limits: optimum at E_M = 1/√β. */
    EXTRACTION,
    /** The scrubbing section limits: optimum at E'_M = √β. */
    SCRUB;

    /** {@code extraction} or {@code scrub}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
