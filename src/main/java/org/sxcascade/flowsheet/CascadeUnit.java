package org.sxcascade.flowsheet;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.SideDraw;

/**
 * One CMER cascade of a flowsheet. Flows are in mol RE per mol of total fresh RE fed to the
 * flowsheet.
 *
 * @param name                 its name, prefix of its outlets ({@code name.raffinate} …)
 * @param extractionStages     n: stages 1 … n
 * @param scrubStages          m: stages n + 1 … N, at least 1
 * @param extractant           S: RE carried by the organic leaving stage 1, &gt; 0
 * @param acidScrub            W: RE stripped from the organic at stage N by an acid scrub, ≥ 0 (0
 *                             when the scrub liquor is a RE stream, an inlet at stage N)
 * @param extractionEfficiency Murphree efficiency (organic phase) of stages 1 … n, in (0, 1]
 * @param scrubEfficiency      Murphree efficiency of stages n + 1 … N, in (0, 1]
 * @param inlets               the streams fed to it, at least one
 * @param draws                its side draws
 */
public record CascadeUnit(String name, int extractionStages, int scrubStages, double extractant, double acidScrub,
                          double extractionEfficiency, double scrubEfficiency, List<Inlet> inlets,
                          List<Draw> draws) implements FlowsheetUnit {

    public CascadeUnit {
        Flowsheet.checkName("name", name);
        if (scrubStages < 1) {
            throw new InvalidInputException("scrubStages", scrubStages, "an integer from 1 to "
                    + (Cascade.MAX_STAGES - Math.max(1, extractionStages)));
        }
        new Cascade(extractionStages, scrubStages); // ranges
        InvalidInputException.requirePositive("extractant", extractant, "mol RE per mol RE fed");
        if (!(acidScrub >= 0) || !Double.isFinite(acidScrub)) {
            throw new InvalidInputException("acidScrub", acidScrub, "a finite number ≥ 0 (mol RE per mol RE fed)");
        }
        if (!(extractionEfficiency > 0 && extractionEfficiency <= 1)) {
            throw new InvalidInputException("efficiency.extraction", extractionEfficiency, "a number in (0, 1]");
        }
        if (!(scrubEfficiency > 0 && scrubEfficiency <= 1)) {
            throw new InvalidInputException("efficiency.scrub", scrubEfficiency, "a number in (0, 1]");
        }
        inlets = List.copyOf(inlets);
        draws = List.copyOf(draws);
        if (inlets.isEmpty()) {
            throw new InvalidInputException("inlets", "(empty)", "at least one inlet");
        }
        int total = extractionStages + scrubStages;
        for (int k = 0; k < inlets.size(); k++) {
            Inlet in = inlets.get(k);
            if (in.stage() != null && in.stage() > total) {
                throw new InvalidInputException("inlets[" + k + "].stage", in.stage(),
                        "a stage from 1 to " + total + " (N = " + extractionStages + " + " + scrubStages + ")");
            }
        }
        Set<String> names = new HashSet<>();
        for (int k = 0; k < draws.size(); k++) {
            Draw d = draws.get(k);
            SideDraw.checkStage("sideDraws[" + k + "].stage", d.stage(), d.phase(), total);
            if (!names.add(d.name())) {
                throw new InvalidInputException("sideDraws[" + k + "].name", d.name(),
                        "a name not used by another draw of this cascade");
            }
        }
    }

    /** A cascade with equilibrium stages and no side draws. */
    public CascadeUnit(String name, int extractionStages, int scrubStages, double extractant, double acidScrub,
                       List<Inlet> inlets) {
        this(name, extractionStages, scrubStages, extractant, acidScrub, 1.0, 1.0, inlets, List.of());
    }

    /** N = n + m. */
    @Override
    public int totalStages() {
        return extractionStages + scrubStages;
    }

    /** The stage an inlet enters: its own, or n (aqueous) or n + 1 (organic). */
    @Override
    public int stageOf(Inlet inlet) {
        if (inlet.stage() != null) {
            return inlet.stage();
        }
        return inlet.phase() == FeedPhase.AQUEOUS ? extractionStages : extractionStages + 1;
    }

    /** Whether every stage is an equilibrium stage. */
    public boolean idealStages() {
        return extractionEfficiency == 1.0 && scrubEfficiency == 1.0;
    }

    /** Murphree efficiency of every stage, for {@code CascadeNetwork.withEfficiency}. */
    public double[] stageEfficiencies() {
        double[] e = new double[totalStages()];
        for (int k = 0; k < e.length; k++) {
            e[k] = k < extractionStages ? extractionEfficiency : scrubEfficiency;
        }
        return e;
    }

    /** The raffinate, the loaded organic, then each side draw. */
    @Override
    public List<Outlet> outlets() {
        List<Outlet> list = new java.util.ArrayList<>();
        list.add(new Outlet(RAFFINATE, Source.Kind.RAFFINATE, FeedPhase.AQUEOUS, 1));
        list.add(new Outlet(ORGANIC, Source.Kind.ORGANIC, FeedPhase.ORGANIC, totalStages()));
        for (Draw d : draws) {
            list.add(new Outlet(d.name(), Source.Kind.DRAW, d.phase(), d.stage()));
        }
        return list;
    }

    @Override
    public String section(int stage) {
        return stage <= extractionStages ? "extraction" : "scrub";
    }

    @Override
    public String stagesText() {
        return extractionStages + " + " + scrubStages + " = " + totalStages();
    }
}
