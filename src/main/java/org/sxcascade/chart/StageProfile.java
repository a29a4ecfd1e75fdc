package org.sxcascade.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.ModelCase;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.model.SideDraw;
import org.sxcascade.solver.SteadyState;

/**
 * What the stage profile chart ({@link ProfileChart}) and the extra panels of a model draw along
 * the cascade, for any model: each listed component's value on every stage, the stage layout
 * (section boundaries, feeds, side draws) and the products' purity targets. The two factories
 * read it from a case with constant separation factors or distribution ratios and from a
 * mass-action case; the chart code is the same for both.
 *
 * @param title          the case's name
 * @param layout         the stage layout for subtitles, e.g. "24 extraction + 21 scrub stages, aqueous feed at stage 24"
 * @param stageAxisLabel the x axis label
 * @param valueAxisLabel the y axis label of the profile
 * @param components     the listed components
 * @param fractions      whether the values are mole fractions (else flows, mol per mol solute fed)
 * @param aqueous        the aqueous values, stage-major: {@code aqueous[(k−1)·C + j]}
 * @param organic        the organic values, the same way
 * @param marks          stage markers, in drawing order
 * @param targets        purity targets drawn on the profile, in drawing order
 */
public record StageProfile(String title, String layout, String stageAxisLabel, String valueAxisLabel,
                           List<String> components, boolean fractions, double[] aqueous, double[] organic,
                           List<Mark> marks, List<Target> targets) {

    /** What a stage marker shows. */
    public enum Kind {
        /** a boundary between sections (grey, dotted, labelled at the bottom) */
        SECTION,
        /** a side draw (purple, dashed, at the bottom) */
        DRAW,
        /** a feed stage (green, dashed, at the top) */
        FEED
    }

    /** A vertical marker at stage position {@code at}. */
    public record Mark(double at, String label, Kind kind) {
    }

    /** A product's purity target, labelled on the left or right of the plot. */
    public record Target(ProductTarget target, String product, boolean right) {
    }

    /** Number of stages. */
    public int stages() {
        return aqueous.length / components.size();
    }

    /** The value of component j on a stage (1-based) in a phase. */
    public double value(int stage, int j, boolean aqueousPhase) {
        return (aqueousPhase ? aqueous : organic)[(stage - 1) * components.size() + j];
    }

    /** The profile of a case of any model: {@link #of(CascadeCase, SteadyState)} or {@link #of(MassActionCase, SteadyState)}. */
    public static StageProfile of(ModelCase c, SteadyState state) {
        if (c instanceof MassActionCase m) {
            return of(m, state);
        }
        return of((CascadeCase) c, state);
    }

    /**
     * The profile of a case with constant separation factors (mole fractions) or constant
     * distribution ratios (flows leaving each stage: mole fractions say little in a dilute system).
     */
    public static StageProfile of(CascadeCase c, SteadyState state) {
        boolean fractions = c.equilibrium() instanceof ConstantSeparationFactors;
        int stages = state.stages();
        int comps = c.components().size();
        double[] aq = new double[stages * comps];
        double[] org = new double[stages * comps];
        for (int k = 1; k <= stages; k++) {
            for (int j = 0; j < comps; j++) {
                int at = (k - 1) * comps + j;
                aq[at] = fractions ? state.aqueousFraction(k, j) : state.aqueousFlow(k, j);
                org[at] = fractions ? state.organicFraction(k, j) : state.organicFlow(k, j);
            }
        }
        var cas = c.cascade();
        var phase = c.feed().phase();
        int feedStage = cas.feedStage(phase);
        List<Mark> marks = new ArrayList<>();
        if (cas.scrubStages() > 0) {
            marks.add(new Mark(cas.extractionStages() + 0.5, "extraction | scrub", Kind.SECTION));
        }
        marks.add(new Mark(feedStage, "feed (" + phase.label() + ", stage " + feedStage + ")", Kind.FEED));
        List<Target> targets = new ArrayList<>();
        if (fractions) {
            addTarget(targets, c.organicTarget(), "loaded organic", true);
            addTarget(targets, c.aqueousTarget(), "raffinate", false);
        }
        return new StageProfile(c.name(), String.format(Locale.ROOT, "%d extraction + %d scrub stages, %s feed at "
                + "stage %d", cas.extractionStages(), cas.scrubStages(), phase.label(), feedStage),
                "stage (1 = raffinate end, " + stages + " = loaded-organic end)",
                fractions ? "mole fraction in the stage's outlet (log scale)"
                        : "flow leaving the stage, mol per mol solute fed (log scale)",
                c.components(), fractions, aq, org, List.copyOf(marks), List.copyOf(targets));
    }

    /** The profile of a mass-action case: each rare earth's mole fraction among the rare earths. */
    public static StageProfile of(MassActionCase c, SteadyState state) {
        int r = c.rareEarths().size();
        int stages = c.totalStages();
        double[] aq = new double[stages * r];
        double[] org = new double[stages * r];
        for (int k = 1; k <= stages; k++) {
            double sumAq = 0;
            double sumOrg = 0;
            for (int i = 0; i < r; i++) {
                sumAq += state.aqueousFlow(k, i);
                sumOrg += state.organicFlow(k, i);
            }
            for (int j = 0; j < r; j++) {
                aq[(k - 1) * r + j] = sumAq > 0 ? state.aqueousFlow(k, j) / sumAq : 0;
                org[(k - 1) * r + j] = sumOrg > 0 ? state.organicFlow(k, j) / sumOrg : 0;
            }
        }
        int n = c.cascade().extractionStages();
        int m = c.cascade().scrubStages();
        List<Mark> marks = new ArrayList<>();
        if (m > 0) {
            marks.add(new Mark(n + 0.5, "extraction | scrub", Kind.SECTION));
        }
        if (c.stripStages() > 0) {
            marks.add(new Mark(n + m + 0.5, (m > 0 ? "scrub" : "extraction") + " | strip", Kind.SECTION));
        }
        for (int i = 0; i < c.sideDraws().size(); i++) {
            SideDraw d = c.sideDraws().draws().get(i);
            marks.add(new Mark(d.stage(), c.sideDraws().names().get(i) + " (" + d.phase().label() + " draw, stage "
                    + d.stage() + ")", Kind.DRAW));
        }
        // one marker per feed stage (several feeds may share one)
        Set<Integer> feedStages = new TreeSet<>();
        for (int i = 0; i < c.feeds().size(); i++) {
            int stage = c.feedStage(i);
            if (feedStages.add(stage)) {
                marks.add(new Mark(stage, "feed (aqueous, stage " + stage + ")", Kind.FEED));
            }
        }
        List<Target> targets = new ArrayList<>();
        addTarget(targets, c.stripTarget(), c.stripStages() > 0 ? "strip liquor" : "loaded organic", true);
        addTarget(targets, c.raffinateTarget(), "raffinate", false);
        for (int i = 0; i < c.sideDraws().size(); i++) {
            addTarget(targets, c.sideDraws().targets().get(i), c.sideDraws().names().get(i), false);
        }
        String list = feedStages.toString().replaceAll("[\\[\\]]", "");
        String layout = String.format(Locale.ROOT, "%d extraction + %d scrub + %d strip stages, aqueous feed at %s",
                n, m, c.stripStages(), (feedStages.size() == 1 ? "stage " : "stages ") + list);
        return new StageProfile(c.name() == null ? "mass-action cascade" : c.name(), layout,
                "stage (1 = raffinate end, " + stages + " = organic outlet)",
                "mole fraction among the rare earths (log scale)", c.rareEarths(), true, aq, org, List.copyOf(marks),
                List.copyOf(targets));
    }

    private static void addTarget(List<Target> targets, ProductTarget t, String product, boolean right) {
        if (t != null) {
            targets.add(new Target(t, product, right));
        }
    }
}
