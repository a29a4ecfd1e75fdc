package org.sxcascade.model;

import java.util.List;

/**
 * What a cascade has beyond the plain equilibrium stages of docs/theory.md (Conventions): a Murphree efficiency per
 * section (organic phase; 1 = equilibrium stage) and side draws, each a named third outlet.
 *
 * @param extractionEfficiency Murphree efficiency of the extraction stages 1 … n, in (0, 1]
 * @param scrubEfficiency      Murphree efficiency of the scrubbing stages n+1 … N, in (0, 1]
 * @param sideDraws            side draws (flow in the case's flow basis)
 * @param drawNames            one name per side draw, as reports show it
 * @param drawTargets          one purity/recovery target per side draw, {@code null} entries for none
 */
public record StageOptions(double extractionEfficiency, double scrubEfficiency, List<SideDraw> sideDraws,
                           List<String> drawNames, List<ProductTarget> drawTargets) {
    /** Equilibrium stages, no side draws. */
    public static final StageOptions NONE = new StageOptions(1, 1, List.of(), List.of(), List.of());

    public StageOptions {
        checkEfficiency("efficiency.extraction", extractionEfficiency);
        checkEfficiency("efficiency.scrub", scrubEfficiency);
        SideDraws checked = new SideDraws(sideDraws, drawNames, drawTargets);
        sideDraws = checked.draws();
        drawNames = checked.names();
        drawTargets = checked.targets();
    }

    /** Equilibrium stages with these side draws. */
    public StageOptions(double extractionEfficiency, double scrubEfficiency, SideDraws draws) {
        this(extractionEfficiency, scrubEfficiency, draws.draws(), draws.names(), draws.targets());
    }

    /** The side draws with their names and targets. */
    public SideDraws draws() {
        return new SideDraws(sideDraws, drawNames, drawTargets);
    }

    /** Throws unless {@code e} is a Murphree efficiency, in (0, 1]. */
    public static void checkEfficiency(String field, double e) {
        if (!(e > 0 && e <= 1)) {
            throw new InvalidInputException(field, e, "a Murphree efficiency greater than 0 and at most 1");
        }
    }

    /** Whether these are plain equilibrium stages without side draws. */
    public boolean isPlain() {
        return extractionEfficiency == 1 && scrubEfficiency == 1 && sideDraws.isEmpty();
    }
}
