package org.sxcascade.model;

import java.util.List;

/**
 * What the stage profile chart ({@code chart/ProfileChart}) and the extra panels of a model draw
 * along the cascade, for any model: each listed component's value on every stage, the stage
 * layout (section boundaries, feeds, side draws) and the products' purity targets. Each case's
 * view supplies it ({@link CaseView#profile()}, from {@link CascadeCaseView#profile} or
 * {@link MassActionCaseView#profile}); the chart code is the same for every model.
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


    /** Adds a product's target to {@code targets} when it has one. */
    static void addTarget(List<Target> targets, ProductTarget t, String product, boolean right) {
        if (t != null) {
            targets.add(new Target(t, product, right));
        }
    }
}
