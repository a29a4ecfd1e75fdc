package org.sxcascade.design;

/**
 * What {@code design} was asked besides the case file: the flow choice, the stage limit, the
 * reagent excess, targets from the command line and whether charts are wanted. {@link Designer}
 * applies each to the case's model or refuses it with a message naming the option.
 *
 * @param choice        how the flows are chosen (Xu's optimum, a margin over the minimum, or fixed)
 * @param maxStages     largest n + m to consider
 * @param reagentExcess excess of strip acid and saponification base over 3 mol per mol RE
 * @param targets       targets given on the command line
 * @param charts        the directory of {@code --plot}, or {@code null} when no charts are wanted
 */
public record DesignRequest(FlowChoice choice, int maxStages, double reagentExcess, TargetOverrides targets,
                            Object charts) {
    /** Whether charts were asked for. */
    public boolean chartsWanted() {
        return charts != null;
    }
}
